/* cmd_build.c — `sswr build`: the profiles of many countries and
 * languages, the combined reports, the charts and the exports, what report
 * staff run. Reads the command line; cmd_pdfs.c does the rest, as for
 * `sswr profile`. */
#include <getopt.h>
#include <stdio.h>
#include <unistd.h>

#include "cli.h"
#include "cmd_pdfs.h"
#include "commands.h"
#include "dataset.h"
#include "util.h"

static void build_usage(FILE *out)
{
    fprintf(out,
            "usage: sswr build [--lang LIST] [--country LIST] [--year Y] [-j N] [--force] [--quiet]\n\n"
            "Builds the profiles of many countries and languages into\n"
            "output/YEAR/LANG/ISO3.pdf, the combined report output/YEAR/LANG/report.pdf,\n"
            "the charts as PNG and SVG in output/YEAR/LANG/charts/, and the indicators\n"
            "as output/YEAR/indicators.csv and .json. Only outputs whose inputs changed\n"
            "are rebuilt: a stamp per output (in output/YEAR/LANG/.stamps) certifies the\n"
            "hash of its inputs and the size and SHA-256 of each file it wrote, and a\n"
            "file missing or changed since is rebuilt. One build at a time writes into\n"
            "output/YEAR (another waits for it).\n\n"
            "  -l, --lang LIST      languages, comma-separated (default en,fr)\n"
            "  -c, --country LIST   ISO3 codes, comma-separated (default: every country)\n"
            "  -y, --year Y         report year (default: the edition, scripts/config.lua)\n"
            "  -j, --jobs N         parallel workers (default: the number of cores)\n"
            "      --no-charts      do not write PNG/SVG charts\n"
            "      --no-report      do not build the combined reports\n"
            "      --force          rebuild everything, even what is up to date\n"
            "      --no-wait        stop when another build holds the output folder\n"
            "  -q, --quiet          print only failures\n"
            "  -d, --datasets DIR, -s, --scripts DIR, -t, --templates DIR  as for 'sswr profile'\n\n"
            "A country whose data or layout fails is reported, its earlier files are kept\n"
            "as they were, and the others are still built; a language whose catalog has\n"
            "errors is not built. A list takes no empty and no repeated element (KEN,,UGA and\n"
            "KEN,KEN are usage errors); the year must be one with workforce data.\n"
            "Exit status: 0 all built, 1 something failed, 2 usage error (nothing is built).\n");
}

enum { OPT_NO_CHARTS = 256, OPT_NO_REPORT, OPT_FORCE, OPT_NO_WAIT };

int cmd_build(int argc, char **argv)
{
    static const struct option lo[] = {
        { "lang", required_argument, NULL, 'l' },     { "country", required_argument, NULL, 'c' },
        { "year", required_argument, NULL, 'y' },     { "jobs", required_argument, NULL, 'j' },
        { "quiet", no_argument, NULL, 'q' },          { "datasets", required_argument, NULL, 'd' },
        { "scripts", required_argument, NULL, 's' },  { "templates", required_argument, NULL, 't' },
        { "no-charts", no_argument, NULL, OPT_NO_CHARTS }, { "help", no_argument, NULL, 'h' },
        { "no-report", no_argument, NULL, OPT_NO_REPORT }, { "force", no_argument, NULL, OPT_FORCE },
        { "no-wait", no_argument, NULL, OPT_NO_WAIT }, { NULL, 0, NULL, 0 },
    };
    const char *prog = "sswr build";
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    cmd_pdf_opts o = { .jobs = cores > 0 ? (int)cores : 1, .charts = 1, .reports = 1 };
    int c;
    cl_parser p = { .prog = prog, .shortopts = "l:c:y:j:qd:s:t:h", .longopts = lo };
    while ((c = cl_next(&p, argc, argv)) != -1) {
        switch (c) {
        case 'l': o.lang = optarg; break;
        case 'c':
            /* Checked here, before anything is loaded; the codes are looked up later. */
            if (cl_list_ok(prog, "--country", optarg, 1)) return CL_USAGE;
            o.country = optarg;
            break;
        case 'y': if (cl_number(prog, "--year", optarg, DS_YEAR_MIN, DS_YEAR_MAX, "a year", &o.year)) return CL_USAGE; break;
        case 'j': if (cl_number(prog, "--jobs", optarg, 1, 256, "a number", &o.jobs)) return CL_USAGE; break;
        case 'q': o.quiet = 1; break;
        case 'd': o.datasets = optarg; break;
        case 's': o.scripts = optarg; break;
        case 't': o.templates = optarg; break;
        case OPT_NO_CHARTS: o.charts = 0; break;
        case OPT_NO_REPORT: o.reports = 0; break;
        case OPT_FORCE: o.force = 1; break;
        case OPT_NO_WAIT: o.nowait = 1; break;
        case 'h': build_usage(stdout); return 0;
        default: return CL_USAGE;
        }
    }
    if (optind < argc) {
        char shown[UT_SHOWN_SIZE];
        return cl_usage_error(prog, "unexpected argument '%s'", ut_shown(shown, argv[optind]));
    }
    return cmd_pdfs(prog, &o, 0);
}
