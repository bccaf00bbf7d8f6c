/* modelcache.h — the computed model kept between runs, so that a command
 * after the first (a country team's `sswr profile KEN`, a rebuild) loads
 * the datasets but does not run the scripts again. Prefix: mc_.
 *
 * An entry is keyed by the SHA-256 of everything a model is computed from:
 * the program itself, every file under the scripts folder, every file
 * under the datasets folder, the year asked for and whether later years'
 * rows are left out (session.h). The entry keeps the report year the
 * run settled on (--year, else the edition of scripts/config.lua). Any change to one of
 * them is another key: an entry is never stale, only unused. Only a model
 * whose computation reported nothing (no script error, no warning) is
 * kept, so a run from the cache prints what a run without it prints.
 *
 * Entries live in $SSWR_CACHE, else $XDG_CACHE_HOME/sswr, else
 * $HOME/.cache/sswr; SSWR_CACHE=off turns the cache off. A file is
 * written atomically (a temporary renamed into place); one that cannot be
 * read back whole is ignored. At most MC_KEEP entries are kept, the least
 * recently written removed first. The files are this machine's own
 * (native byte order), marked with the size of a double and a version. */
#ifndef SSWR_MODELCACHE_H
#define SSWR_MODELCACHE_H

#include "compute.h"

#define MC_KEEP 16

/* The cache folder (owned by the caller), or NULL when it is off. */
char *mc_dir(void);
/* The key of the model computed from these folders for `year`. */
void mc_key(const char *datasets, const char *scripts, int year, int edition_only, char out[65]);
/* Reads entry `key` into *m (which the caller frees with cp_model_free).
 * Returns 0, or -1 when there is none or it is damaged (*m is then empty). */
int mc_load(const char *dir, const char key[65], cp_model *m, int *year);
/* Writes the entry; returns 0 or -1 (the cache is an aid: callers go on). */
int mc_save(const char *dir, const char key[65], const cp_model *m, int year);

#endif
