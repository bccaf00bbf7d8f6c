/* cmd_check.c — `sswr check`: load and validate the datasets, print every
 * problem and a one-line summary. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "commands.h"
#include "dataset.h"
#include "paths.h"
#include "util.h"

static void check_usage(FILE *out)
{
    fprintf(out, "usage: sswr check [--datasets DIR] [--quiet]\n\n"
                 "Validates every dataset file and prints each problem as\n"
                 "FILE:LINE: column NAME: message, then a summary.\n\n"
                 "  -d, --datasets DIR  folder of the CSV files (default: ./datasets)\n"
                 "  -q, --quiet         print only the problems, not the summary\n\n"
                 "Exit status: 0 no errors (warnings allowed), 1 errors, 2 usage error.\n");
}

int cmd_check(int argc, char **argv)
{
    static const struct option opts[] = {
        { "datasets", required_argument, NULL, 'd' },
        { "quiet", no_argument, NULL, 'q' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    char *dir = NULL;
    int quiet = 0, c;
    while ((c = getopt_long(argc, argv, "d:qh", opts, NULL)) != -1) {
        switch (c) {
        case 'd': free(dir); dir = ut_xstrdup(optarg); break;
        case 'q': quiet = 1; break;
        case 'h': check_usage(stdout); free(dir); return 0;
        default: check_usage(stderr); free(dir); return 2;
        }
    }
    if (optind < argc) {
        fprintf(stderr, "sswr check: unexpected argument '%s'\n", argv[optind]);
        check_usage(stderr);
        free(dir);
        return 2;
    }
    if (!dir) dir = pa_default_datasets();

    double t0 = ut_now();
    ds_data ds;
    dg_list dg = {0};
    int rc = ds_load(dir, &ds, &dg);
    double ms = (ut_now() - t0) * 1e3;
    dg_print(&dg, stderr);
    size_t failed = 0;
    for (size_t i = 0; i < ds.nc; i++) failed += ds.c[i].failed;
    if (!quiet) {
        if (rc)
            fprintf(stderr, "sswr check: %s: %zu error%s, %zu warning%s; the datasets cannot be used\n",
                    dir, dg.nerrors, dg.nerrors == 1 ? "" : "s", dg.nwarnings, dg.nwarnings == 1 ? "" : "s");
        else
            fprintf(stderr, "sswr check: %s: %zu rows, %zu countries (%zu with errors), "
                            "%zu error%s, %zu warning%s (%.1f ms)\n",
                    dir, ds.nrows, ds.nc, failed, dg.nerrors, dg.nerrors == 1 ? "" : "s",
                    dg.nwarnings, dg.nwarnings == 1 ? "" : "s", ms);
    }
    int status = (rc || dg.nerrors) ? 1 : 0;
    dg_free(&dg);
    ds_free(&ds);
    free(dir);
    return status;
}
