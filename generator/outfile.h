/* outfile.h — atomic output files: written to a temporary file in the same
 * folder, renamed over the target only when complete, so a failed or
 * interrupted run never leaves a partial file. A SIGINT/SIGTERM handler
 * removes the temporaries still open. Prefix: of_. */
#ifndef SSWR_OUTFILE_H
#define SSWR_OUTFILE_H

#include <stdio.h>

typedef struct of_file {
    FILE *fp;
    char *path;        /* target; NULL for standard output */
    char *tmp;         /* temporary beside it */
    char error[512];   /* set when of_open/of_commit fail */
} of_file;

/* Opens a temporary file for `path` (NULL or "-": standard output), creating
 * the parent folders. Returns 0, or -1 with f->error set. */
int of_open(of_file *f, const char *path);
/* Flushes, checks for write errors (disk full), and renames into place.
 * Returns 0, or -1 with f->error set (the temporary is removed). */
int of_commit(of_file *f);
/* Drops the temporary without touching the target. */
void of_abort(of_file *f);

/* Creates the folders of a path (like mkdir -p on its dirname). */
int of_mkdirs(const char *path);

/* Installs SIGINT/SIGTERM handlers that remove open temporaries and exit
 * with 128+signal. */
void of_install_signal_cleanup(void);
/* Workers to pass SIGINT/SIGTERM on to before the parent dies (so they
 * remove their own temporaries); the array must outlive the workers. */
#include <sys/types.h>
void of_forward_signals(const pid_t *pids, size_t n);

#endif
