/* cmd_check.c — `sswr check`: load and validate the datasets, review the
 * figures, and print what a country team can read: the errors first, then
 * the warnings in groups (those of reading the files, then one group per
 * review rule) with a count each, and a summary; `--country` keeps one
 * country's problems (problems of no country, such as a missing column,
 * are always printed) and counts the others' in the summary. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "dataset.h"
#include "paths.h"
#include "review.h"
#include "session.h"
#include "util.h"

static void check_usage(FILE *out)
{
    fprintf(out, "usage: sswr check [--datasets DIR] [--scripts DIR] [--country ISO3,...]\n"
                 "                  [--errors-only | --quiet] [--no-review]\n\n"
                 "Validates every dataset file, then reviews the figures with the rules of\n"
                 "scripts/review.lua (see 'sswr review'). Prints the errors first, each as\n"
                 "FILE:LINE: column NAME: message; then the warnings, those of reading the\n"
                 "files and then one group per review rule, each group headed by its count;\n"
                 "then a summary.\n\n"
                 "  -c, --country LIST  only the problems of these countries (ISO3 codes,\n"
                 "                      comma-separated); problems of no one country (a\n"
                 "                      missing column) are always printed, and the summary\n"
                 "                      counts those of the other countries\n"
                 "      --errors-only   print the errors and the summary, with the number of\n"
                 "                      warnings per group and the command that lists them\n"
                 "  -q, --quiet         print the errors and the one-line summary only\n"
                 "  -d, --datasets DIR  folder of the CSV files (default: ./datasets)\n"
                 "  -s, --scripts DIR   folder of the Lua scripts (default: the installed ones)\n"
                 "  -n, --no-review     only validate the files (no scripts are run)\n"
                 "      --input-encoding ENC  convert the files from ENC (e.g. windows-1252)\n\n"
                 "Exit status: 0 no errors (warnings allowed), 1 errors in the data (of any\n"
                 "country, also with --country) or the scripts, 2 usage error.\n");
}

typedef struct ck_opts {
    const char *dir, *scripts, *country;
    int quiet, errors_only, review;
} ck_opts;

/* What was found and what is printed of it. */
typedef struct ck_result {
    ds_data ds;
    dg_list dg;              /* errors of the files and the scripts, warnings of the files */
    rv_list rv;              /* the review's findings, every country's */
    const unsigned char *sel;   /* countries printed (NULL: all) */
    int unusable, reviewed;
    size_t *shown_rule;      /* findings printed, per rule of rv */
    size_t shown_findings;
    double ms;
} ck_result;

static const char *plural(size_t n)
{
    return n == 1 ? "" : "s";
}

static int shown_finding(const ck_result *r, const rv_finding *f)
{
    if (!r->sel) return 1;
    int i = ds_find(&r->ds, f->iso3);
    return i < 0 || r->sel[i];
}

/* One finding as `sswr check` has always printed it: a warning
 * FILE:LINE: warning: column C: RULE: message. */
static void print_finding(const rv_finding *f)
{
    dg_list one = {0};
    dg_warn(&one, f->file, f->line, f->column, f->iso3, "%s: %s", f->rule, f->message);
    dg_print(&one, stderr);
    dg_free(&one);
}

static size_t file_warnings(const ck_result *r)
{
    return r->dg.nwarnings - r->dg.hidden_warnings;
}

/* The warnings, group by group, each headed by its count. */
static void print_warnings(const ck_opts *o, const ck_result *r)
{
    char shown[UT_SHOWN_SIZE];
    ut_shown(shown, o->scripts ? o->scripts : "scripts");
    size_t n = file_warnings(r);
    if (n) {
        fprintf(stderr, "sswr check: %zu warning%s from reading the files\n", n, plural(n));
        dg_print_sev(&r->dg, DG_WARNING, stderr);
    }
    for (size_t k = 0; k < r->rv.nrules; k++) {
        if (!r->shown_rule[k]) continue;
        fprintf(stderr, "sswr check: %zu warning%s of rule %s (%s/review.lua)\n", r->shown_rule[k],
                plural(r->shown_rule[k]), r->rv.rules[k], shown);
        for (size_t i = 0; i < r->rv.n; i++)
            if (strcmp(r->rv.v[i].rule, r->rv.rules[k]) == 0 && shown_finding(r, &r->rv.v[i]))
                print_finding(&r->rv.v[i]);
    }
}

/* "files (2), jump (3), outlier (31)": the groups that have warnings printed
 * (or to print); "none". */
static void print_groups(const ck_result *r)
{
    const char *sep = "";
    if (file_warnings(r)) {
        fprintf(stderr, "files (%zu)", file_warnings(r));
        sep = ", ";
    }
    for (size_t k = 0; k < r->rv.nrules; k++)
        if (r->shown_rule[k]) {
            fprintf(stderr, "%s%s (%zu)", sep, r->rv.rules[k], r->shown_rule[k]);
            sep = ", ";
        }
    if (!*sep) fprintf(stderr, "none");
}

/* The command line that lists what --errors-only left out: `sswr CMD` with
 * the folders and the countries of this one. */
static void print_command(const ck_opts *o, const char *cmd, const char *country)
{
    char shown[UT_SHOWN_SIZE];
    fprintf(stderr, "'sswr %s", cmd);
    if (o->dir) fprintf(stderr, " --datasets %s", ut_shown(shown, o->dir));
    if (o->scripts) fprintf(stderr, " --scripts %s", ut_shown(shown, o->scripts));
    if (country) fprintf(stderr, " --country %s", ut_shown(shown, country));
    fputc('\'', stderr);
}

/* The one-line summary: what was found and, with --country, how much of it
 * is not printed because it concerns other countries. */
static void print_summary(const ck_opts *o, const ck_result *r, const char *folder)
{
    const dg_list *d = &r->dg;
    size_t errors = d->nerrors - d->hidden_errors;
    size_t warnings = file_warnings(r) + r->shown_findings;
    char shown[UT_SHOWN_SIZE];
    fprintf(stderr, "sswr check: %s: ", folder);
    if (!r->unusable) {
        size_t failed = 0;
        for (size_t i = 0; i < r->ds.nc; i++) failed += r->ds.c[i].failed;
        fprintf(stderr, "%zu rows, %zu countries (%zu with errors)%s ", r->ds.nrows, r->ds.nc, failed,
                o->country ? ";" : ",");
    }
    if (o->country) fprintf(stderr, "shown for %s: ", ut_shown(shown, o->country));
    fprintf(stderr, "%zu error%s, %zu warning%s", errors, plural(errors), warnings, plural(warnings));
    if (o->country) {
        size_t he = d->hidden_errors, hw = d->hidden_warnings + (r->rv.n - r->shown_findings);
        fprintf(stderr, "; other countries: %zu error%s, %zu warning%s, not shown", he, plural(he), hw,
                plural(hw));
    }
    if (r->unusable) fprintf(stderr, "; the datasets cannot be used\n");
    else fprintf(stderr, " (%.1f ms)\n", r->ms);
}

/* The line after the summary: the warnings per group, and where to see more. */
static void print_groups_line(const ck_opts *o, const ck_result *r)
{
    size_t warnings = file_warnings(r) + r->shown_findings;
    if (o->errors_only) {
        if (!warnings) return;
        fprintf(stderr, "sswr check: %zu warning%s not shown: ", warnings, plural(warnings));
        print_groups(r);
        fprintf(stderr, "; to see %s: ", warnings == 1 ? "it" : "them");
        print_command(o, "check", o->country);
        fprintf(stderr, " (or ");
        print_command(o, "review", o->country ? o->country : "ISO3");
        fprintf(stderr, ")\n");
        return;
    }
    if (!warnings && !r->reviewed) return;
    fprintf(stderr, "sswr check: warnings: ");
    print_groups(r);
    if (r->reviewed) {
        fprintf(stderr, "; review of %zu countr%s", r->rv.nreviewed, r->rv.nreviewed == 1 ? "y" : "ies");
        if (r->shown_findings) fprintf(stderr, " ('sswr review --country ISO3' explains each finding)");
    }
    fputc('\n', stderr);
}

static void run_check(const ck_opts *o, ck_result *r, const char *folder)
{
    double t0 = ut_now();
    r->unusable = ds_load(folder, &r->ds, &r->dg) != 0;
    /* The review of every country (the hidden ones are counted): its
     * script problems are errors, its findings warnings. */
    if (!r->unusable && o->review) {
        char *sdir = o->scripts ? ut_xstrdup(o->scripts) : pa_path("scripts");
        r->reviewed = rv_review(&r->ds, sdir, o->scripts ? o->scripts : "scripts", NULL, &r->rv, &r->dg) == 0;
        free(sdir);
    }
    r->ms = (ut_now() - t0) * 1e3;
}

static int parse(ck_opts *o, int argc, char **argv)
{
    static const struct option opts[] = {
        { "country", required_argument, NULL, 'c' },
        { "errors-only", no_argument, NULL, 'e' },
        { "datasets", required_argument, NULL, 'd' },
        { "quiet", no_argument, NULL, 'q' },
        CL_INPUT_ENCODING_OPTION,   /* read by cl_next */
        { "scripts", required_argument, NULL, 's' },
        { "no-review", no_argument, NULL, 'n' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    int c;
    cl_parser p = { .prog = "sswr check", .shortopts = "c:d:s:nqh", .longopts = opts };
    while ((c = cl_next(&p, argc, argv)) != -1) {
        switch (c) {
        case 'c':
            if (cl_list_ok("sswr check", "--country", optarg, 1)) return CL_USAGE;
            o->country = optarg;
            break;
        case 'e': o->errors_only = 1; break;
        case 'd': o->dir = optarg; break;
        case 's': o->scripts = optarg; break;
        case 'n': o->review = 0; break;
        case 'q': o->quiet = 1; break;
        case 'h': check_usage(stdout); return -1;
        default: return CL_USAGE;
        }
    }
    if (optind < argc) {
        char shown[UT_SHOWN_SIZE];
        return cl_usage_error("sswr check", "unexpected argument '%s'", ut_shown(shown, argv[optind]));
    }
    return 0;
}

int cmd_check(int argc, char **argv)
{
    ck_opts o = { .review = 1 };
    int rc = parse(&o, argc, argv);
    if (rc) return rc < 0 ? 0 : rc;
    char *folder = o.dir ? ut_xstrdup(o.dir) : pa_default_datasets();
    /* The codes as they are printed: upper case, without spaces. */
    char **only = o.country ? cl_list("sswr check", "--country", o.country, 1) : NULL;
    ut_buf codes = {0};
    for (char **c = only; c && *c; c++) ut_buf_printf(&codes, "%s%s", c == only ? "" : ",", *c);
    if (only) o.country = codes.data;

    ck_result r = { .dg.only = only };
    run_check(&o, &r, folder);
    int status = 0;
    unsigned char *sel = NULL;
    /* A code the datasets do not have is a usage error (with the closest),
     * once the countries are known; nothing is printed before. */
    if (o.country && r.ds.nc) {
        ss_session s = { .ds = r.ds };
        sel = ss_select(&s, o.country, "sswr check");
        if (!sel) {
            status = CL_USAGE;
            goto out;
        }
        r.sel = sel;
    }
    r.shown_rule = ut_xcalloc(r.rv.nrules ? r.rv.nrules : 1, sizeof *r.shown_rule);
    for (size_t k = 0; k < r.rv.nrules; k++)
        for (size_t i = 0; i < r.rv.n; i++)
            if (strcmp(r.rv.v[i].rule, r.rv.rules[k]) == 0 && shown_finding(&r, &r.rv.v[i])) {
                r.shown_rule[k]++;
                r.shown_findings++;
            }

    dg_print_sev(&r.dg, DG_ERROR, stderr);
    if (!o.quiet && !o.errors_only) print_warnings(&o, &r);
    print_summary(&o, &r, folder);
    if (!o.quiet) {
        print_groups_line(&o, &r);
        if (!r.unusable && o.review && !r.reviewed)
            fprintf(stderr, "sswr check: the review could not run (errors in the scripts, above)\n");
        for (size_t i = 0; sel && r.reviewed && i < r.ds.nc; i++)
            if (sel[i] && r.ds.c[i].failed)
                fprintf(stderr, "sswr check: %s has errors in its data (above): not reviewed\n",
                        r.ds.c[i].iso3);
    }
    status = (r.unusable || r.dg.nerrors) ? 1 : 0;
out:
    free(r.shown_rule);
    free(sel);
    dg_free(&r.dg);
    rv_free(&r.rv);
    ds_free(&r.ds);
    ut_strv_free(only);
    free(codes.data);
    free(folder);
    return status;
}
