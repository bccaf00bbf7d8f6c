/* cmd_check.c — `sswr check`: load and validate the datasets, print every
 * problem and a one-line summary. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "commands.h"
#include "dataset.h"
#include "paths.h"
#include "review.h"
#include "util.h"

static void check_usage(FILE *out)
{
    fprintf(out, "usage: sswr check [--datasets DIR] [--scripts DIR] [--no-review] [--quiet]\n\n"
                 "Validates every dataset file and prints each problem as\n"
                 "FILE:LINE: column NAME: message, then a summary. Then reviews the\n"
                 "figures with the rules of scripts/review.lua (see 'sswr review') and\n"
                 "prints what they find, after the errors, as warnings.\n\n"
                 "  -d, --datasets DIR  folder of the CSV files (default: ./datasets)\n"
                 "  -s, --scripts DIR   folder of the Lua scripts (default: the installed ones)\n"
                 "  -n, --no-review     only validate the files (no scripts are run)\n"
                 "  -q, --quiet         print only the problems, not the summary\n"
                 "      --input-encoding ENC  convert the files from ENC (e.g. windows-1252)\n\n"
                 "Exit status: 0 no errors (warnings allowed), 1 errors (in the data or the\n"
                 "scripts), 2 usage error.\n");
}

int cmd_check(int argc, char **argv)
{
    static const struct option opts[] = {
        { "datasets", required_argument, NULL, 'd' },
        { "quiet", no_argument, NULL, 'q' },
        CL_INPUT_ENCODING_OPTION,   /* read by cl_next */
        { "scripts", required_argument, NULL, 's' },
        { "no-review", no_argument, NULL, 'n' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    const char *dir = NULL, *scripts = NULL;
    int quiet = 0, review = 1, c;
    cl_parser p = { .prog = "sswr check", .shortopts = "d:s:nqh", .longopts = opts };
    while ((c = cl_next(&p, argc, argv)) != -1) {
        switch (c) {
        case 'd': dir = optarg; break;
        case 's': scripts = optarg; break;
        case 'n': review = 0; break;
        case 'q': quiet = 1; break;
        case 'h': check_usage(stdout); return 0;
        default: return CL_USAGE;
        }
    }
    if (optind < argc) {
        char shown[UT_SHOWN_SIZE];
        return cl_usage_error("sswr check", "unexpected argument '%s'", ut_shown(shown, argv[optind]));
    }
    char *folder = dir ? ut_xstrdup(dir) : pa_default_datasets();

    double t0 = ut_now();
    ds_data ds;
    dg_list dg = {0};
    int rc = ds_load(folder, &ds, &dg);
    /* The review: its script problems are errors, its findings warnings,
     * printed after every error. */
    rv_list rv = {0};
    dg_list rdg = {0};
    int reviewed = 0;
    if (!rc && review) {
        char *sdir = scripts ? ut_xstrdup(scripts) : pa_path("scripts");
        reviewed = rv_review(&ds, sdir, scripts ? scripts : "scripts", NULL, &rv, &dg) == 0;
        rv_to_diag(&rv, &rdg);
        free(sdir);
    }
    double ms = (ut_now() - t0) * 1e3;
    for (int sev = DG_ERROR; sev <= DG_WARNING; sev++)
        for (size_t i = 0; i < dg.n; i++)
            if (dg.v[i].sev == (dg_severity)sev) {
                char *line = dg_format(&dg.v[i]);
                fprintf(stderr, "%s\n", line);
                free(line);
            }
    dg_print(&rdg, stderr);
    dg.nwarnings += rdg.nwarnings;
    size_t failed = 0;
    for (size_t i = 0; i < ds.nc; i++) failed += ds.c[i].failed;
    if (!quiet) {
        if (rc)
            fprintf(stderr, "sswr check: %s: %zu error%s, %zu warning%s; the datasets cannot be used\n",
                    folder, dg.nerrors, dg.nerrors == 1 ? "" : "s", dg.nwarnings, dg.nwarnings == 1 ? "" : "s");
        else
            fprintf(stderr, "sswr check: %s: %zu rows, %zu countries (%zu with errors), "
                            "%zu error%s, %zu warning%s (%.1f ms)\n",
                    folder, ds.nrows, ds.nc, failed, dg.nerrors, dg.nerrors == 1 ? "" : "s",
                    dg.nwarnings, dg.nwarnings == 1 ? "" : "s", ms);
        if (reviewed) {
            fprintf(stderr, "sswr check: review of %zu countries: %zu finding%s", rv.nreviewed, rv.n,
                    rv.n == 1 ? "" : "s");
            const char *sep = " (";
            for (size_t r = 0; r < rv.nrules; r++) {
                size_t n = rv_count(&rv, rv.rules[r]);
                if (!n) continue;
                fprintf(stderr, "%s%s %zu", sep, rv.rules[r], n);
                sep = ", ";
            }
            fprintf(stderr, "%s; 'sswr review' lists them per country\n", rv.n ? ")" : "");
        } else if (!rc && review) {
            fprintf(stderr, "sswr check: the review could not run (errors in the scripts, above)\n");
        }
    }
    int status = (rc || dg.nerrors) ? 1 : 0;
    dg_free(&dg);
    dg_free(&rdg);
    rv_free(&rv);
    ds_free(&ds);
    free(folder);
    return status;
}
