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
    int year;                   /* the report year: --year, else the edition (config.lua) */
    unsigned char work_years[DS_YEAR_MAX - DS_YEAR_MIN + 1];   /* years with workforce rows, all of them */
} ss_session;

/* Loads and computes (or reads the model the same inputs gave before from
 * the model cache, modelcache.h); NULL folders mean the defaults; year is the report
 * year asked for (--year), 0 for the edition of scripts/config.lua. With
 * `edition_only` (what profiles, reports and their exports show), rows of
 * later years are left out before computing (ds_keep_until): an edition
 * does not change when a later year's figures are added. Problems are
 * in s->dg (printed by the caller); returns -1 when fatal: the datasets
 * cannot be used, a script did not load, or the scripts do not declare the
 * indicators the C code reads (contract.h): then nothing is computed. */
int ss_open(ss_session *s, const char *datasets, const char *scripts, int year, int edition_only);
void ss_close(ss_session *s);

/* Parses a comma-separated list of ISO3 codes into a selection mask over
 * s->ds.c (owned by the caller); NULL selects all. Returns NULL after a
 * usage error (cli.h): a code not in the datasets (with the closest known
 * one), an empty list, an empty element or a code given twice. */
unsigned char *ss_select(const ss_session *s, const char *list, const char *prog);

/* Prints the diagnostics to stderr, errors and warnings alike. */
void ss_print(const ss_session *s);

#endif
