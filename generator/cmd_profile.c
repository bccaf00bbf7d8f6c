/* cmd_profile.c — `sswr profile` (one country, what a country team runs)
 * and `sswr build` (many countries and languages, what report staff run).
 * Both load and compute once, then hand the jobs to build.c. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "build.h"
#include "commands.h"
#include "layout.h"
#include "paths.h"
#include "session.h"
#include "util.h"

typedef struct opts {
    const char *country, *lang, *output, *datasets, *scripts, *templates;
    int year, jobs, quiet, charts, reports, force;
} opts;

static int parse_year(const char *prog, const char *s, int *out)
{
    char *end;
    long y = strtol(s, &end, 10);
    if (*end || y < DS_YEAR_MIN || y > DS_YEAR_MAX) {
        fprintf(stderr, "%s: --year must be a year from %d to %d\n", prog, DS_YEAR_MIN, DS_YEAR_MAX);
        return -1;
    }
    *out = (int)y;
    return 0;
}

/* Languages must have a catalog (English needs none). */
static char **languages(const char *prog, const char *list, const char *templates)
{
    char **v = ut_split_list(list);
    for (char **l = v; *l; l++) {
        char *po = ut_xasprintf("%s/i18n/%s.po", templates, *l);
        int ok = strcmp(*l, "en") == 0 || access(po, R_OK) == 0;
        free(po);
        if (!ok) {
            fprintf(stderr, "%s: no catalog for language '%s' (expected %s/i18n/%s.po)\n", prog, *l,
                    templates, *l);
            ut_strv_free(v);
            return NULL;
        }
    }
    if (!*v) {
        fprintf(stderr, "%s: --lang needs at least one language\n", prog);
        ut_strv_free(v);
        return NULL;
    }
    return v;
}

static int run(const char *prog, const opts *o, int single)
{
    char *templates = o->templates ? ut_xstrdup(o->templates) : pa_path("templates");
    char **langs = languages(prog, o->lang ? o->lang : (single ? "en" : "en,fr"), templates);
    if (!langs) {
        free(templates);
        return 2;
    }
    ss_session s;
    if (ss_open(&s, o->datasets, o->scripts) != 0) {
        ss_print(&s);
        fprintf(stderr, "%s: the %s cannot be used; nothing was written\n", prog,
                s.scripts_failed ? "scripts" : "datasets");
        ss_close(&s);
        ut_strv_free(langs);
        free(templates);
        return 1;
    }
    ss_print(&s);
    unsigned char *sel = ss_select(&s, o->country, prog);
    int status = 2;
    if (sel) {
        char *fonts = pa_fonts();
        bd_opts b = { .langs = langs, .sel = sel, .year = o->year ? o->year : lo_report_year(&s.ds),
                      .jobs = o->jobs, .quiet = o->quiet, .charts = o->charts, .reports = o->reports,
                      .exports = !single, .force = o->force, .templates = templates,
                      .fonts = fonts, .out_root = "output", .single_out = o->output };
        status = bd_run(&s, &b);
        /* Data errors fail the run even when every profile built. */
        if (s.dg.nerrors) status = 1;
        free(fonts);
    }
    free(sel);
    ss_close(&s);
    ut_strv_free(langs);
    free(templates);
    return status;
}

static void profile_usage(FILE *out)
{
    fprintf(out,
            "usage: sswr profile ISO3 [--lang LANG] [--year Y] [-o FILE]\n\n"
            "Writes one country's two-page profile (default output/YEAR/LANG/ISO3.pdf).\n\n"
            "  -l, --lang LANG      language of the profile (default en): en, fr, ...\n"
            "  -y, --year Y         report year (default: the latest year with workforce data)\n"
            "  -o, --output FILE    where to write the PDF\n"
            "      --charts         also write the charts as PNG and SVG (output/YEAR/LANG/charts)\n"
            "  -d, --datasets DIR   folder of the CSV files (default: ./datasets)\n"
            "  -s, --scripts DIR    folder of the Lua scripts\n"
            "  -t, --templates DIR  folder of the layouts and catalogs\n\n"
            "Exit status: 0 written, 1 errors (data, scripts, templates or writing), 2 usage.\n");
}

static void build_usage(FILE *out)
{
    fprintf(out,
            "usage: sswr build [--lang LIST] [--country LIST] [--year Y] [-j N] [--force] [--quiet]\n\n"
            "Builds the profiles of many countries and languages into\n"
            "output/YEAR/LANG/ISO3.pdf, the combined report output/YEAR/LANG/report.pdf,\n"
            "the charts as PNG and SVG in output/YEAR/LANG/charts/, and the indicators\n"
            "as output/YEAR/indicators.csv and .json. Only outputs whose inputs changed\n"
            "are rebuilt (a content-hash stamp per output, in output/YEAR/LANG/.stamps).\n\n"
            "  -l, --lang LIST      languages, comma-separated (default en,fr)\n"
            "  -c, --country LIST   ISO3 codes, comma-separated (default: every country)\n"
            "  -y, --year Y         report year (default: the latest year with workforce data)\n"
            "  -j, --jobs N         parallel workers (default: the number of cores)\n"
            "      --no-charts      do not write PNG/SVG charts\n"
            "      --no-report      do not build the combined reports\n"
            "      --force          rebuild everything, even what is up to date\n"
            "  -q, --quiet          print only failures\n"
            "  -d, --datasets DIR, -s, --scripts DIR, -t, --templates DIR  as for 'sswr profile'\n\n"
            "A country whose data or layout fails is reported and the others are still built.\n"
            "Exit status: 0 all built, 1 something failed, 2 usage error.\n");
}

enum { OPT_CHARTS = 256, OPT_NO_CHARTS, OPT_NO_REPORT, OPT_FORCE };

int cmd_profile(int argc, char **argv)
{
    static const struct option lo[] = {
        { "lang", required_argument, NULL, 'l' },     { "year", required_argument, NULL, 'y' },
        { "output", required_argument, NULL, 'o' },   { "datasets", required_argument, NULL, 'd' },
        { "scripts", required_argument, NULL, 's' },  { "templates", required_argument, NULL, 't' },
        { "charts", no_argument, NULL, OPT_CHARTS },  { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    opts o = { .jobs = 1, .quiet = 1 };
    int c;
    while ((c = getopt_long(argc, argv, "l:y:o:d:s:t:h", lo, NULL)) != -1) {
        switch (c) {
        case 'l': o.lang = optarg; break;
        case 'y': if (parse_year("sswr profile", optarg, &o.year)) return 2; break;
        case 'o': o.output = optarg; break;
        case 'd': o.datasets = optarg; break;
        case 's': o.scripts = optarg; break;
        case 't': o.templates = optarg; break;
        case OPT_CHARTS: o.charts = 1; break;
        case 'h': profile_usage(stdout); return 0;
        default: profile_usage(stderr); return 2;
        }
    }
    if (optind + 1 != argc) {
        fprintf(stderr, "sswr profile: expected one country code (ISO3), e.g. 'sswr profile KEN'\n");
        return 2;
    }
    if (o.lang && strchr(o.lang, ',')) {
        fprintf(stderr, "sswr profile: --lang takes one language (use 'sswr build' for several)\n");
        return 2;
    }
    o.country = argv[optind];
    return run("sswr profile", &o, 1);
}

int cmd_build(int argc, char **argv)
{
    static const struct option lo[] = {
        { "lang", required_argument, NULL, 'l' },     { "country", required_argument, NULL, 'c' },
        { "year", required_argument, NULL, 'y' },     { "jobs", required_argument, NULL, 'j' },
        { "quiet", no_argument, NULL, 'q' },          { "datasets", required_argument, NULL, 'd' },
        { "scripts", required_argument, NULL, 's' },  { "templates", required_argument, NULL, 't' },
        { "no-charts", no_argument, NULL, OPT_NO_CHARTS }, { "help", no_argument, NULL, 'h' },
        { "no-report", no_argument, NULL, OPT_NO_REPORT }, { "force", no_argument, NULL, OPT_FORCE },
        { NULL, 0, NULL, 0 },
    };
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    opts o = { .jobs = cores > 0 ? (int)cores : 1, .charts = 1, .reports = 1 };
    int c;
    while ((c = getopt_long(argc, argv, "l:c:y:j:qd:s:t:h", lo, NULL)) != -1) {
        switch (c) {
        case 'l': o.lang = optarg; break;
        case 'c': o.country = optarg; break;
        case 'y': if (parse_year("sswr build", optarg, &o.year)) return 2; break;
        case 'j': {
            char *end;
            long j = strtol(optarg, &end, 10);
            if (*end || j < 1 || j > 256) {
                fprintf(stderr, "sswr build: --jobs must be a number from 1 to 256\n");
                return 2;
            }
            o.jobs = (int)j;
            break;
        }
        case 'q': o.quiet = 1; break;
        case 'd': o.datasets = optarg; break;
        case 's': o.scripts = optarg; break;
        case 't': o.templates = optarg; break;
        case OPT_NO_CHARTS: o.charts = 0; break;
        case OPT_NO_REPORT: o.reports = 0; break;
        case OPT_FORCE: o.force = 1; break;
        case 'h': build_usage(stdout); return 0;
        default: build_usage(stderr); return 2;
        }
    }
    if (optind < argc) {
        fprintf(stderr, "sswr build: unexpected argument '%s'\n", argv[optind]);
        return 2;
    }
    return run("sswr build", &o, 0);
}
