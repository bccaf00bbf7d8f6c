/* cmd_indicators.c — `sswr indicators`: compute and export the indicator
 * table (CSV or JSON) for some or all countries. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "export.h"
#include "outfile.h"
#include "session.h"
#include "util.h"

static void ind_usage(FILE *out)
{
    fprintf(out,
            "usage: sswr indicators [--country ISO3,...] [--year Y] [--format csv|json] [-o FILE]\n\n"
            "Computes the indicators (scripts/indicators/*.lua) and writes one row per\n"
            "country, indicator, breakdown key and year, with its unit and whether an\n"
            "input of that year is illustrative.\n\n"
            "  -c, --country LIST   only these countries (ISO3 codes, comma-separated)\n"
            "  -y, --year Y         only this year\n"
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
    while ((c = getopt_long(argc, argv, "c:y:f:o:d:s:h", opts, NULL)) != -1) {
        switch (c) {
        case 'c': country = optarg; break;
        case 'y': {
            char *end;
            long y = strtol(optarg, &end, 10);
            if (*end || y < DS_YEAR_MIN || y > DS_YEAR_MAX) {
                fprintf(stderr, "sswr indicators: --year must be a year from %d to %d\n", DS_YEAR_MIN, DS_YEAR_MAX);
                return 2;
            }
            year = (int)y;
            break;
        }
        case 'f':
            if (strcmp(optarg, "csv") == 0) fmt = EX_CSV;
            else if (strcmp(optarg, "json") == 0) fmt = EX_JSON;
            else {
                fprintf(stderr, "sswr indicators: --format must be csv or json\n");
                return 2;
            }
            break;
        case 'o': output = optarg; break;
        case 'd': datasets = optarg; break;
        case 's': scripts = optarg; break;
        case 'h': ind_usage(stdout); return 0;
        default: ind_usage(stderr); return 2;
        }
    }
    if (optind < argc) {
        fprintf(stderr, "sswr indicators: unexpected argument '%s'\n", argv[optind]);
        return 2;
    }
    ss_session s;
    int status = 0;
    if (ss_open(&s, datasets, scripts) != 0) {
        ss_print(&s);
        fprintf(stderr, "sswr indicators: the %s cannot be used; nothing was written\n",
                s.scripts_failed ? "scripts" : "datasets");
        ss_close(&s);
        return 1;
    }
    ss_print(&s);
    unsigned char *sel = ss_select(&s, country, "sswr indicators");
    if (!sel) {
        ss_close(&s);
        return 2;
    }
    for (size_t i = 0; i < s.ds.nc; i++)
        if (sel[i] && !s.model.c[i].computed && country)
            fprintf(stderr, "sswr indicators: %s has errors in its data (see above); no indicators\n",
                    s.ds.c[i].iso3);
    of_file f;
    if (of_open(&f, output) != 0) {
        fprintf(stderr, "sswr indicators: %s\n", f.error);
        status = 1;
    } else {
        size_t rows = ex_write(f.fp, fmt, &s.ds, &s.model, sel, year);
        if (of_commit(&f) != 0) {
            fprintf(stderr, "sswr indicators: %s\n", f.error);
            status = 1;
        } else if (output) {
            fprintf(stderr, "sswr indicators: wrote %zu rows to %s\n", rows, output);
        }
    }
    if (s.dg.nerrors) status = 1;
    free(sel);
    ss_close(&s);
    return status;
}
