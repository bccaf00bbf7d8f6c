/* review.h — the plausibility review of the data before publication: runs
 * the rules of scripts/review.lua (year-on-year jumps, copied figures,
 * outliers in the region, totals that do not add up, education figures,
 * sources) in the indicators' sandbox, over every country that computed,
 * and collects their findings. Findings are warnings, never errors: the
 * data still builds. Prefix: rv_. */
#ifndef SSWR_REVIEW_H
#define SSWR_REVIEW_H

#include <stddef.h>
#include <stdio.h>

#include "compute.h"
#include "dataset.h"
#include "diag.h"

/* The tables a finding may point at, in the order findings are listed. */
#define RV_NTABLES 4
extern const char *const rv_tables[RV_NTABLES];   /* population workforce education system */

typedef struct rv_finding {
    char iso3[4];
    int table;          /* index into rv_tables */
    char *file;         /* DATASETS/TABLE.csv, as diagnostics name it */
    long line;          /* 0 when the rule gave none */
    int year;           /* 0 when the rule gave none */
    char *key;          /* "" when none: "social_worker/government", "total", "master" */
    char *column;       /* NULL when none */
    char *rule;         /* the rule's id */
    char *message;
    size_t rule_index, seq;   /* for a stable order */
} rv_finding;

typedef struct rv_list {
    rv_finding *v;
    size_t n, cap;
    char **rules;       /* ids of the rules declared, in order */
    char **descriptions;   /* parallel to rules */
    size_t nrules;
    size_t *reviewed;   /* indices (into ds_data.c) of the countries reviewed */
    size_t nreviewed;
} rv_list;

/* Loads scripts_dir/review.lua (`shown`: the folder as named in messages)
 * into the host `h` that computed model m from ds, and runs every rule over
 * each country with selected[i] set (NULL: all) that computed. Findings go
 * to out, sorted by country, table, line and rule; script problems go to dg
 * as errors (a rule that fails for a country loses its findings there
 * only). Returns 0, or -1 when review.lua cannot be loaded. */
int rv_run(cp_host *h, const ds_data *ds, const cp_model *m, const char *scripts_dir,
           const char *shown, const unsigned char *selected, rv_list *out, dg_list *dg);
void rv_free(rv_list *l);

/* The whole review for a command: opens the scripts of scripts_dir (shown
 * as `shown`), computes the indicators of ds, runs rv_run, and closes the
 * host. Script problems go to dg. Returns 0, or -1 when the scripts or
 * review.lua could not be loaded. */
int rv_review(const ds_data *ds, const char *scripts_dir, const char *shown,
              const unsigned char *selected, rv_list *out, dg_list *dg);

/* Adds every finding to dg as a warning: FILE:LINE, column, country and
 * the message "rule: message". */
void rv_to_diag(const rv_list *l, dg_list *dg);

/* Number of findings of rule `id`. */
size_t rv_count(const rv_list *l, const char *id);

/* A table per country for people: a header with the country's code and
 * English name, then one row per finding (FILE:LINE, year, rule, message,
 * aligned). Countries without findings are listed only when `all_reviewed`
 * (an explicit selection), as "no findings". Ends with a summary and the
 * description of every rule that found something. */
void rv_write_text(FILE *out, const rv_list *l, const ds_data *ds, int all_reviewed);
/* CSV: iso3,file,line,year,table,key,rule,message (RFC 4180 quoting). */
void rv_write_csv(FILE *out, const rv_list *l);

#endif
