/* cmd_indicators.c — `sswr indicators`: compute and export the indicator
 * table (CSV or JSON) for some or all countries. */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "build.h"
#include "cli.h"
#include "commands.h"
#include "export.h"
#include "outfile.h"
#include "session.h"
#include "util.h"

#define PROG "sswr indicators"

/* --year Y when no indicator of any country has a value for Y: a usage
 * error (an export of its header alone would look like a year without
 * data). Prints it and returns 1. */
static int no_values(const ss_session *s, int year)
{
    unsigned char has[CP_NYEARS] = {0};
    for (size_t ci = 0; ci < s->model.nc; ci++)
        for (size_t k = 0; k < s->model.c[ci].ns; k++)
            for (int y = 0; y < CP_NYEARS; y++)
                if (!isnan(s->model.c[ci].s[k].v[y])) has[y] = 1;
    if (has[year - DS_YEAR_MIN]) return 0;
    char *years = cl_years(has, DS_YEAR_MIN, CP_NYEARS);
    cl_usage_error(PROG, "no indicator has a value for %d (years with values: %s)", year, years);
    free(years);
    return 1;
}

static void ind_usage(FILE *out)
{
    fprintf(out,
            "usage: sswr indicators [--country ISO3,...] [--year Y] [--format csv|json] [-o FILE]\n\n"
            "Computes the indicators (scripts/indicators/*.lua) and writes one row per\n"
            "country, indicator, breakdown key and year, with its unit and whether an\n"
            "input of that year is illustrative.\n\n"
            "  -c, --country LIST   only these countries (ISO3 codes, comma-separated)\n"
            "  -y, --year Y         only this year (one with values, else a usage error)\n"
            "  -f, --format FMT     csv (default) or json\n"
            "  -o, --output FILE    write to FILE (default: standard output)\n"
            "  -d, --datasets DIR   folder of the CSV files (default: ./datasets)\n"
            "  -s, --scripts DIR    folder of the Lua scripts (default: the installed ones)\n\n"
            "Exit status: 0 success, 1 errors in the data or the scripts, 2 usage error.\n");
}

int cmd_indicators(int argc, char **argv)
{
    static const struct option opts[] = {
        { "country", required_argument, NULL, 'c' }, { "year", required_argument, NULL, 'y' },
        { "format", required_argument, NULL, 'f' },  { "output", required_argument, NULL, 'o' },
        { "datasets", required_argument, NULL, 'd' }, { "scripts", required_argument, NULL, 's' },
        { "help", no_argument, NULL, 'h' },          { NULL, 0, NULL, 0 },
    };
    const char *country = NULL, *output = NULL, *datasets = NULL, *scripts = NULL;
    int year = 0, c;
    ex_format fmt = EX_CSV;
    static const char *const formats[] = { "csv", "json" };
    cl_parser p = { .prog = PROG, .shortopts = "c:y:f:o:d:s:h", .longopts = opts };
    while ((c = cl_next(&p, argc, argv)) != -1) {
        switch (c) {
        case 'c':
            if (cl_list_ok(PROG, "--country", optarg, 1)) return CL_USAGE;
            country = optarg;
            break;
        case 'y':
            if (cl_number(PROG, "--year", optarg, DS_YEAR_MIN, DS_YEAR_MAX, "a year", &year)) return CL_USAGE;
            break;
        case 'f': {
            int f = cl_choice(PROG, "--format", optarg, formats, 2);
            if (f < 0) return CL_USAGE;
            fmt = f ? EX_JSON : EX_CSV;
            break;
        }
        case 'o': output = optarg; break;
        case 'd': datasets = optarg; break;
        case 's': scripts = optarg; break;
        case 'h': ind_usage(stdout); return 0;
        default: return CL_USAGE;
        }
    }
    if (optind < argc) {
        char shown[UT_SHOWN_SIZE];
        return cl_usage_error(PROG, "unexpected argument '%s'", ut_shown(shown, argv[optind]));
    }
    ss_session s;
    int status = 0;
    if (ss_open(&s, datasets, scripts, 0, 0) != 0) {
        ss_print(&s);
        fprintf(stderr, PROG ": %s\n", s.why);
        ss_close(&s);
        return 1;
    }
    ss_print(&s);
    unsigned char *sel = ss_select(&s, country, PROG);
    if (!sel || (year && no_values(&s, year))) {
        free(sel);
        ss_close(&s);
        return CL_USAGE;
    }
    for (size_t i = 0; i < s.ds.nc; i++)
        if (sel[i] && !s.model.c[i].computed && country)
            fprintf(stderr, PROG ": %s has errors in its data (see above); no indicators\n",
                    s.ds.c[i].iso3);
    of_file f;
    of_lock lock;   /* -o into a build's output folder: not while it builds */
    if (bd_lock_for(&lock, output, NULL) != 0) {
        status = 1;
    } else if (of_open(&f, output) != 0) {
        fprintf(stderr, PROG ": %s\n", f.error);
        status = 1;
    } else {
        size_t rows = ex_write(f.fp, fmt, &s.ds, &s.model, sel, year);
        if (of_commit(&f) != 0) {
            fprintf(stderr, PROG ": %s\n", f.error);
            status = 1;
        } else if (output) {
            fprintf(stderr, PROG ": wrote %zu rows to %s\n", rows, output);
        }
    }
    of_unlock(&lock);
    if (s.dg.nerrors) status = 1;
    free(sel);
    ss_close(&s);
    return status;
}
