/* build.h — runs profile and report jobs (countries × languages), skipping
 * those whose content-hash stamp shows them up to date, after the load and
 * compute stages: in this process for one job, or in N forked workers that
 * each open the layout environment (template, fonts, catalogs) once and
 * share the computed model copy-on-write. Reports progress, failures with
 * their reason, and a summary. Prefix: bd_. */
#ifndef SSWR_BUILD_H
#define SSWR_BUILD_H

#include "outfile.h"
#include "session.h"

typedef struct bd_opts {
    char **langs;              /* NULL-terminated */
    const unsigned char *sel;  /* countries to build, over s->ds.c */
    int year;                  /* report year */
    int jobs;                  /* workers; 1: in this process */
    int quiet;
    int charts;                /* also PNG and SVG charts */
    int reports;               /* also the combined report of each language */
    int exports;               /* also output/YEAR/indicators.csv and .json */
    int force;                 /* rebuild even what is up to date */
    int nowait;                /* output folder locked by another build: stop, do not wait */
    const char *templates;     /* folder */
    const char *fonts;         /* folder */
    const char *out_root;      /* output/ */
    const char *single_out;    /* one job: its path (-o), else NULL */
} bd_opts;

/* Returns the process exit status: 0 all built, 1 something failed (or
 * the output folder is locked and nowait is set). Holds the lock of the
 * output folder (out_root/YEAR) for the whole build. */
int bd_run(ss_session *s, const bd_opts *o);

/* Locks an output folder (see of_lock_try): when another process holds
 * it, prints once which, then waits, or with nowait stops. Returns 0
 * locked, 1 stopped, -1 error (printed). */
int bd_lock(of_lock *l, const char *dir, int nowait);
/* Locks the output folder path would be written into, if it is one (a
 * folder at or above it has a lock file), unless `held` is that lock
 * already. For commands that write a file (-o) where a build may be
 * writing. Returns 0 (locked, or nothing to lock) or -1 (printed). */
int bd_lock_for(of_lock *l, const char *path, const of_lock *held);

#endif
