/* compute.h — the compute stage: runs the indicator scripts (scripts/, in Lua)
 * in one sandboxed Lua 5.4 state and turns the loaded datasets into a model:
 * for every country, indicator, breakdown key and year, a value or NAN.
 * Phase 1 runs one country at a time; phase 2 sees every country's phase-1
 * results (ranks, medians). A script failing to load stops everything
 * (cp_load_failed); one failing for a country fails that country's
 * indicator, and the country is not complete (cp_country_ok): the other
 * indicators and countries go on. The view and results handed to the scripts are
 * lazy read-only tables (sb_lazy), made from ds and the model when first
 * read. Prefix: cp_. */
#ifndef SSWR_COMPUTE_H
#define SSWR_COMPUTE_H

#include <stddef.h>

#include "dataset.h"
#include "diag.h"

#define CP_NYEARS (DS_YEAR_MAX - DS_YEAR_MIN + 1)

/* Limits on every script call; named here so tests and docs can cite them.
 * The budget is far above what the shipped indicators use (~20,000
 * instructions per call) yet stops a runaway loop in a few milliseconds. */
#define CP_INSTR_BUDGET 5000000L
#define CP_MEM_LIMIT (64u << 20)   /* bytes for the whole Lua state */

/* Whether s is a script identifier, as an indicator's id (`indicator {}`)
 * and a review rule's (`rule {}`, review.c) must be: one or more of
 * CP_ID_CHARS. */
#define CP_ID_CHARS "a-z, 0-9 and _"
int cp_valid_id(const char *s);

typedef struct cp_indicator {
    char *id, *label, *description, *formula, *unit, *by;
    int decimals, phase;
    int history;       /* the value of a year rests on earlier years too */
    char *script;      /* file that declared it, as shown in messages */
    int line;
} cp_indicator;

typedef struct cp_series {
    int ind;                 /* index into cp_model.ind */
    char *key;               /* breakdown key, NULL for a plain series */
    double v[CP_NYEARS];     /* by year - DS_YEAR_MIN; NAN = no data */
} cp_series;

typedef struct cp_country {
    cp_series *s;  size_t ns, scap;
    unsigned char *failed;   /* per indicator: the script failed here */
    unsigned char illustrative[CP_NYEARS];   /* an input of that year is */
    int computed;            /* 0 when the country's data had errors */
    int own_target;          /* config.lua's targets names it (set by the session) */
} cp_country;

typedef struct cp_model {
    cp_indicator *ind; size_t nind;
    cp_country *c;     size_t nc;   /* parallel to ds_data.c */
    /* Some country's value of that year rests on an illustrative input:
     * phase-2 values (ranks, medians) are built from every country. */
    unsigned char illustrative_any[CP_NYEARS];
} cp_model;

/* Whether a stored value rests on illustrative inputs (see compute.c). */
int cp_illustrative(const cp_model *m, size_t country, size_t ind, int year);
/* Whether country ci has all its figures: its data loaded and no indicator
 * script failed for it. A profile is built only from such a country (never
 * from part of its figures). */
int cp_country_ok(const cp_model *m, size_t ci);

typedef struct cp_host cp_host;

/* Creates the state and loads scripts_dir's lib/, config.lua and
 * indicators/. `shown` is how the folder is named in messages ("scripts").
 * Script errors go to dg, each at its script and line; returns NULL only
 * when nothing can run. */
cp_host *cp_open(const char *scripts_dir, const char *shown, dg_list *dg);
/* Whether a script failed to load (or h is NULL): then nothing may be
 * computed from the scripts, as some indicators or settings are missing. */
int cp_load_failed(const cp_host *h);
void cp_close(cp_host *h);
/* What the command line asks of the scripts, as the read-only global
 * `options`: options.year, the report year given with --year (nil with
 * year 0, the default: the scripts work it out). Set before cp_compute. */
void cp_set_year(cp_host *h, int year);
/* The indicators declared by the scripts, in declaration order (for the
 * string extractor and the methodology annex). */
size_t cp_host_count(const cp_host *h);
const cp_indicator *cp_host_at(const cp_host *h, size_t i);

/* Runs both phases over every country of ds that loaded cleanly. Returns
 * the number of (country, indicator) failures; the model is filled either
 * way and is freed with cp_model_free. */
size_t cp_compute(cp_host *h, const ds_data *ds, cp_model *m, dg_list *dg);
void cp_model_free(cp_model *m);

int cp_ind_index(const cp_model *m, const char *id);
const cp_series *cp_find(const cp_model *m, size_t country, const char *id, const char *key);
/* One value, NAN when absent (unknown indicator, key or year included). */
double cp_value(const cp_model *m, size_t country, const char *id, const char *key, int year);

/* Running another script with the same sandbox (the data review, review.c).
 * After cp_compute, the host's state still holds lib/ and config; a runner
 * loads its script into it with sb_loadfile/sb_call (same libraries, limits
 * and locked globals) and hands it what the indicators saw: */
struct sb_state *cp_sandbox(cp_host *h);
/* Loads a script file of the folder (`shown` as messages name it) onto
 * the stack, or reports why not (at FILE:LINE) and returns -1. */
int cp_load(cp_host *h, const char *path, const char *shown);
/* Runs the script cp_load left on the stack, keeping nres results, or
 * reports its error (at the script line) and returns -1. Both mark the
 * load as failed (cp_load_failed). */
int cp_run_loaded(cp_host *h, int nres);
/* A call of a script (`kind` "indicator" or "rule", `name` its id, declared
 * at decl:decl_line) failed for country iso3 with msg (as sb_call left it).
 * Kept until cp_flush_errors adds it to dg, where a message that other
 * countries share is printed once, with "(and N more countries)": located
 * at the script line it names, else at the declaration. */
void cp_call_error(cp_host *h, const char *kind, const char *name, const char *decl, int decl_line,
                   const char *iso3, const char *msg);
void cp_flush_errors(cp_host *h, dg_list *dg);
/* Pushes the read-only view `c` of country ci, vocabularies included. */
void cp_push_view(cp_host *h, const ds_data *ds, size_t ci);
/* Pushes `all` as phase-2 indicators get it; each entry's `results` is that
 * country's `done`, rebuilt from the model (every indicator that did not
 * fail there). */
void cp_push_all(cp_host *h, const ds_data *ds, const cp_model *m);

#endif
