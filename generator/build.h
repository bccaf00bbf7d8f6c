/* build.h — runs profile and report jobs (countries × languages), skipping
 * those whose content-hash stamp shows them up to date, after the load and
 * compute stages: in this process for one job, or in N forked workers that
 * each open the layout environment (template, fonts, catalogs) once and
 * share the computed model copy-on-write. Reports progress, failures with
 * their reason, and a summary. Prefix: bd_. */
#ifndef SSWR_BUILD_H
#define SSWR_BUILD_H

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
    const char *templates;     /* folder */
    const char *fonts;         /* folder */
    const char *out_root;      /* output/ */
    const char *single_out;    /* one job: its path (-o), else NULL */
} bd_opts;

/* Returns the process exit status: 0 all built, 1 something failed. */
int bd_run(ss_session *s, const bd_opts *o);

#endif
