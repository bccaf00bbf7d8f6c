/* outfile.h — atomic output files: written to a temporary file in the same
 * folder (NAME.tmpXXXXXX), renamed over the target only when complete, so a
 * failed or interrupted run never leaves a partial file; a target that
 * already holds the same bytes is left untouched, dates and all. A SIGINT/SIGTERM
 * handler removes the temporaries still open. Several files can be held and
 * renamed together (a profile and its charts: all or none), an output folder
 * can be locked against a concurrent writer, and the temporaries a killed
 * run left behind can be removed. Prefix: of_. */
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

/* Held commits. Between of_hold_begin and of_hold_end, of_commit completes
 * each file under its temporary name and keeps it pending (a second commit
 * to the same target replaces the first); of_hold_end(1) renames every
 * pending file into place, of_hold_end(0) removes them, so the targets
 * change together or not at all. Process-wide (a build runs one job at a
 * time per process); the signal handler removes pending files too. */
void of_hold_begin(void);
size_t of_held_count(void);
/* The i-th pending file: its target and the temporary holding it. */
const char *of_held_path(size_t i);
const char *of_held_tmp(size_t i);
/* Returns 0, or -1 with err set when a rename failed (the files not yet
 * renamed are removed). */
int of_hold_end(int keep, char *err, size_t errlen);

/* The temporaries of_open makes: NAME.tmpXXXXXX, X a letter or digit. */
int of_is_temp_name(const char *name);
/* Removes the regular files of dir (not below it) whose names are
 * of_is_temp_name; adds their number to *removed. Returns 0, or -1 when
 * dir exists but cannot be read or a file cannot be removed. */
int of_remove_temps(const char *dir, size_t *removed);

/* Output folder locks: an flock on DIR/.sswr-lock, which holds the pid of
 * the process that has it. The lock passes to forked workers with the file
 * descriptor and ends when the last of them exits, killed or not. */
#define OF_LOCK_FILE ".sswr-lock"
typedef struct of_lock {
    int fd;              /* -1: none */
    int held;            /* 1: this process holds the lock */
    char *dir;
} of_lock;
/* Creates dir and its lock file and tries to lock it. Returns 0 (locked),
 * 1 when another process holds it (*holder its pid, 0 when not known), or
 * -1 with err set. */
int of_lock_try(of_lock *l, const char *dir, long *holder, char *err, size_t errlen);
/* After of_lock_try returned 1: waits for the lock. Returns 0 or -1. */
int of_lock_wait(of_lock *l, char *err, size_t errlen);
void of_unlock(of_lock *l);
/* The nearest folder at or above the folder of path (resolved, absolute)
 * that has a lock file, i.e. an output folder a build writes into; NULL
 * when there is none. The caller frees it. */
char *of_lock_folder_of(const char *path);

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
