/* cmd_review.c — `sswr review`: the plausibility review of the data, one
 * table per country for its country team to go through line by line
 * (rules in scripts/review.lua). Findings are warnings: exit status 0. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "build.h"
#include "cli.h"
#include "commands.h"
#include "dataset.h"
#include "outfile.h"
#include "paths.h"
#include "review.h"
#include "session.h"
#include "util.h"

static void review_usage(FILE *out)
{
    fprintf(out,
            "usage: sswr review [--country ISO3,...] [--datasets DIR] [--scripts DIR] [-o FILE]\n\n"
            "Reviews the figures of every country with the rules of scripts/review.lua\n"
            "(year-on-year jumps, copied figures, outliers in the region, totals that do\n"
            "not add up, implausible education figures, missing or mixed sources) and\n"
            "lists the findings per country: the file and line of the row, the year,\n"
            "the rule and what to check. Findings are warnings: the data still builds.\n\n"
            "  -c, --country LIST   only these countries (ISO3 codes, comma-separated): the\n"
            "                       problems in the data of others are counted, not printed\n"
            "  -o, --output FILE    write CSV to FILE (iso3,file,line,year,table,key,rule,\n"
            "                       message; '-' for standard output) instead of the text\n"
            "  -d, --datasets DIR   folder of the CSV files (default: ./datasets)\n"
            "  -s, --scripts DIR    folder of the Lua scripts (default: the installed ones)\n\n"
            "Exit status: 0 success (findings or not), 1 errors in the data or the\n"
            "scripts, 2 usage error.\n");
}

/* The problems of the data and the scripts, errors first; with --country,
 * a line counts those of other countries, not printed. */
static void print_problems(const dg_list *dg)
{
    dg_print_sev(dg, DG_ERROR, stderr);
    dg_print_sev(dg, DG_WARNING, stderr);
    size_t he = dg->hidden_errors, hw = dg->hidden_warnings;
    if (he || hw)
        fprintf(stderr, "sswr review: other countries: %zu error%s, %zu warning%s in the data, not shown "
                        "('sswr check' lists them)\n",
                he, he == 1 ? "" : "s", hw, hw == 1 ? "" : "s");
}

int cmd_review(int argc, char **argv)
{
    static const struct option opts[] = {
        { "country", required_argument, NULL, 'c' }, { "output", required_argument, NULL, 'o' },
        { "datasets", required_argument, NULL, 'd' }, { "scripts", required_argument, NULL, 's' },
        { "help", no_argument, NULL, 'h' },          { NULL, 0, NULL, 0 },
    };
    const char *country = NULL, *output = NULL, *datasets = NULL, *scripts = NULL;
    int c;
    cl_parser p = { .prog = "sswr review", .shortopts = "c:o:d:s:h", .longopts = opts };
    while ((c = cl_next(&p, argc, argv)) != -1) {
        switch (c) {
        case 'c':
            if (cl_list_ok("sswr review", "--country", optarg, 1)) return CL_USAGE;
            country = optarg;
            break;
        case 'o': output = optarg; break;
        case 'd': datasets = optarg; break;
        case 's': scripts = optarg; break;
        case 'h': review_usage(stdout); return 0;
        default: return CL_USAGE;
        }
    }
    if (optind < argc) {
        char shown[UT_SHOWN_SIZE];
        return cl_usage_error("sswr review", "unexpected argument '%s'", ut_shown(shown, argv[optind]));
    }

    /* The session only lends its country selection: the review keeps the
     * host of the scripts open after computing, which ss_open does not. */
    ss_session s;
    memset(&s, 0, sizeof s);
    /* Only the named countries' problems are kept; the others' are counted. */
    char **only = country ? cl_list("sswr review", "--country", country, 1) : NULL;
    s.dg.only = only;
    char *dir = datasets ? ut_xstrdup(datasets) : pa_default_datasets();
    char *sdir = scripts ? ut_xstrdup(scripts) : pa_path("scripts");
    const char *shown = scripts ? scripts : "scripts";
    int status = 0;
    if (ds_load(dir, &s.ds, &s.dg) != 0) {
        print_problems(&s.dg);
        fprintf(stderr, "sswr review: the datasets cannot be used\n");
        status = 1;
        goto out;
    }
    unsigned char *sel = ss_select(&s, country, "sswr review");
    if (!sel) {
        status = 2;
        goto out;
    }
    rv_list rv;
    int rc = rv_review(&s.ds, sdir, shown, sel, &rv, &s.dg);
    print_problems(&s.dg);
    for (size_t i = 0; i < s.ds.nc; i++)
        if (sel[i] && s.ds.c[i].failed && country)
            fprintf(stderr, "sswr review: %s has errors in its data (see above); not reviewed\n",
                    s.ds.c[i].iso3);
    if (rc != 0) {
        fprintf(stderr, "sswr review: the scripts have errors (see above); no review\n");
        status = 1;
    } else {
        of_file f;
        of_lock lock;   /* -o into a build's output folder: not while it builds */
        if (bd_lock_for(&lock, output, NULL) != 0) {
            status = 1;
        } else if (!output) {
            rv_write_text(stdout, &rv, &s.ds, country != NULL);
            if (fflush(stdout) != 0) status = 1;
        } else if (of_open(&f, output) != 0) {
            fprintf(stderr, "sswr review: %s\n", f.error);
            status = 1;
        } else {
            rv_write_csv(f.fp, &rv);
            if (of_commit(&f) != 0) {
                fprintf(stderr, "sswr review: %s\n", f.error);
                status = 1;
            } else if (strcmp(output, "-") != 0) {
                fprintf(stderr, "sswr review: wrote %zu finding%s in %zu countries to %s\n", rv.n,
                        rv.n == 1 ? "" : "s", rv.nreviewed, output);
            }
        }
        of_unlock(&lock);
    }
    if (s.dg.nerrors) status = 1;
    rv_free(&rv);
    free(sel);
out:
    ds_free(&s.ds);
    dg_free(&s.dg);
    ut_strv_free(only);
    free(dir);
    free(sdir);
    return status;
}
