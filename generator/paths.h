/* paths.h — where sswr finds its own files (templates, scripts, fonts) and
 * the user's datasets: beside the program in a source tree, under
 * PREFIX/share/sswr once installed, or where SSWR_HOME says. Prefix: pa_. */
#ifndef SSWR_PATHS_H
#define SSWR_PATHS_H

/* The folder holding templates/ and scripts/ (owned by this module). */
const char *pa_root(void);
/* Default datasets folder: ./datasets when it exists, else ROOT/datasets.
 * Returns an owned string. */
char *pa_default_datasets(void);
/* ROOT/rel, owned by the caller. */
char *pa_path(const char *rel);
int pa_is_dir(const char *path);
/* The prepared fonts: ROOT/build/fonts in a source tree (made by `make
 * fonts`), ROOT/fonts once installed. Owned by the caller. */
char *pa_fonts(void);

#endif
