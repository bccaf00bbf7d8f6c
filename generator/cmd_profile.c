/* cmd_profile.c — `sswr profile`: one country's profile in one language,
 * what a country team runs. Reads the command line; cmd_pdfs.c does the
 * rest, as for `sswr build`. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "cmd_pdfs.h"
#include "commands.h"
#include "dataset.h"
#include "util.h"

static void profile_usage(FILE *out)
{
    fprintf(out,
            "usage: sswr profile ISO3 [--lang LANG] [--year Y] [-o FILE]\n\n"
            "Writes one country's two-page profile (default output/YEAR/LANG/ISO3.pdf).\n\n"
            "  -l, --lang LANG      language of the profile (default en): en, fr, ...\n"
            "  -y, --year Y         report year (default: the edition, scripts/config.lua)\n"
            "  -o, --output FILE    where to write the PDF\n"
            "      --charts         also write the charts as PNG and SVG (output/YEAR/LANG/charts)\n"
            "  -d, --datasets DIR   folder of the CSV files (default: ./datasets)\n"
            "  -s, --scripts DIR    folder of the Lua scripts\n"
            "  -t, --templates DIR  folder of the layouts and catalogs\n\n"
            "The year must be one with workforce data in the datasets. A catalog with\n"
            "errors (e.g. a bidirectional override) writes nothing; an earlier PDF stays.\n"
            "Exit status: 0 written, 1 errors (data, scripts, templates, catalog or\n"
            "writing), 2 usage error: an unknown country, language or option, an empty\n"
            "value, an option given twice, a year out of range or without workforce data.\n");
}

enum { OPT_CHARTS = 256 };

int cmd_profile(int argc, char **argv)
{
    static const struct option lo[] = {
        { "lang", required_argument, NULL, 'l' },     { "year", required_argument, NULL, 'y' },
        { "output", required_argument, NULL, 'o' },   { "datasets", required_argument, NULL, 'd' },
        { "scripts", required_argument, NULL, 's' },  { "templates", required_argument, NULL, 't' },
        { "charts", no_argument, NULL, OPT_CHARTS },  { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    const char *prog = "sswr profile";
    cmd_pdf_opts o = { .jobs = 1, .quiet = 1 };
    int c;
    cl_parser p = { .prog = prog, .shortopts = "l:y:o:d:s:t:h", .longopts = lo };
    while ((c = cl_next(&p, argc, argv)) != -1) {
        switch (c) {
        case 'l': o.lang = optarg; break;
        case 'y': if (cl_number(prog, "--year", optarg, DS_YEAR_MIN, DS_YEAR_MAX, "a year", &o.year)) return CL_USAGE; break;
        case 'o': o.output = optarg; break;
        case 'd': o.datasets = optarg; break;
        case 's': o.scripts = optarg; break;
        case 't': o.templates = optarg; break;
        case OPT_CHARTS: o.charts = 1; break;
        case 'h': profile_usage(stdout); return 0;
        default: return CL_USAGE;
        }
    }
    char shown[UT_SHOWN_SIZE];
    if (optind == argc) return cl_usage_error(prog, "expected one country code (ISO3), e.g. 'sswr profile KEN'");
    if (optind + 1 < argc)
        return cl_usage_error(prog, "unexpected argument '%s' (one country per profile; 'sswr build --country LIST' "
                              "builds several)", ut_shown(shown, argv[optind + 1]));
    o.country = argv[optind];
    if (!*o.country) return cl_usage_error(prog, "empty country code (expected one ISO3 code, e.g. KEN)");
    if (strchr(o.country, ','))
        return cl_usage_error(prog, "one country per profile, not '%s' ('sswr build --country LIST' builds several)",
                              ut_shown(shown, o.country));
    if (o.lang && strchr(o.lang, ','))
        return cl_usage_error(prog, "--lang takes one language (use 'sswr build' for several)");
    return cmd_pdfs(prog, &o, 1);
}
