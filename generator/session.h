/* session.h — what every command that builds something shares: load the
 * datasets, run the scripts, keep the diagnostics. It strings the load and
 * compute stages together so the commands stay thin. Prefix: ss_. */
#ifndef SSWR_SESSION_H
#define SSWR_SESSION_H

#include "compute.h"
#include "dataset.h"
#include "diag.h"

typedef struct ss_session {
    char *datasets, *scripts;   /* folders used */
    ds_data ds;
    cp_model model;
    dg_list dg;
    int fatal;                  /* nothing can be built */
    const char *why;            /* then why, for the command's last line */
    int scripts_failed;         /* ... because a script did not load */
    double load_ms, compute_ms;
    int from_cache;             /* the model was read from the model cache (modelcache.h) */
} ss_session;

/* Loads and computes (or reads the model the same inputs gave before from
 * the model cache, modelcache.h); NULL folders mean the defaults; year is the report
 * year asked for (--year), 0 to let the scripts work it out. Problems are
 * in s->dg (printed by the caller); returns -1 when fatal: the datasets
 * cannot be used, a script did not load, or the scripts do not declare the
 * indicators the C code reads (contract.h): then nothing is computed. */
int ss_open(ss_session *s, const char *datasets, const char *scripts, int year);
void ss_close(ss_session *s);

/* Parses a comma-separated list of ISO3 codes into a selection mask over
 * s->ds.c (owned by the caller); NULL selects all. Returns NULL after a
 * usage error (cli.h): a code not in the datasets (with the closest known
 * one), an empty list, an empty element or a code given twice. */
unsigned char *ss_select(const ss_session *s, const char *list, const char *prog);

/* Prints the diagnostics to stderr, errors and warnings alike. */
void ss_print(const ss_session *s);

#endif
