/* cmd_profile.c — `sswr profile` (one country, what a country team runs)
 * and `sswr build` (many countries and languages, what report staff run).
 * Both load and compute once, then hand the jobs to build.c. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "build.h"
#include "catalog.h"
#include "cli.h"
#include "commands.h"
#include "layout.h"
#include "paths.h"
#include "report.h"
#include "session.h"
#include "util.h"

typedef struct opts {
    const char *country, *lang, *output, *datasets, *scripts, *templates;
    int year, jobs, quiet, charts, reports, force, nowait;
} opts;

/* Languages (a comma-separated list for build, one for profile), each
 * with a catalog in TEMPLATES/i18n (English needs none); NULL after a
 * usage error. */
static char **languages(const char *prog, const char *list, const char *templates)
{
    char **v = cl_list(prog, "--lang", list, 0);
    char *dir = ut_xasprintf("%s/i18n", templates);
    for (char **l = v; l && *l; l++)
        if (cl_language(prog, *l, dir) != 0) {
            ut_strv_free(v);
            v = NULL;
            break;
        }
    free(dir);
    return v;
}

/* A catalog with an error (a bidirectional override, a syntax error, a
 * placeholder the English lacks…) would put English or wrong text on that
 * language's pages: the language is not built, its earlier outputs stay.
 * Prints the catalog's problems and returns 1 then. Warnings alone are left
 * to the workers, which print them once. */
static int catalog_fails(const char *prog, const char *templates, const char *shown_dir, const char *lang)
{
    char *path = ut_xasprintf("%s/i18n/%s.po", templates, lang);
    char *shown = ut_xasprintf("%s/i18n/%s.po", shown_dir, lang);
    int bad = 0;
    if (strcmp(lang, "en") != 0 || access(path, F_OK) == 0) {
        dg_list dg = {0};
        ct_catalog *c = ct_load(path, shown, &dg);
        bad = !c || dg.nerrors;
        if (bad) {
            dg_print(&dg, stderr);
            fprintf(stderr, "%s: %s has errors (above); no page in %s is written, earlier ones are kept\n",
                    prog, shown, lang);
        }
        ct_free(c);
        dg_free(&dg);
    }
    free(path);
    free(shown);
    return bad;
}

/* The report year must be a year of this edition: one with workforce data
 * in the datasets (a 2035 profile of 2024 figures is not one). Prints a
 * usage error and returns 1 otherwise. */
static int year_without_data(const char *prog, const ds_data *ds, int year)
{
    unsigned char has[DS_YEAR_MAX - DS_YEAR_MIN + 1] = {0};
    for (size_t ci = 0; ci < ds->nc; ci++)
        for (size_t k = 0; k < ds->c[ci].nwork; k++) has[ds->c[ci].work[k].year - DS_YEAR_MIN] = 1;
    if (has[year - DS_YEAR_MIN]) return 0;
    char *years = cl_years(has, DS_YEAR_MIN, DS_YEAR_MAX - DS_YEAR_MIN + 1);
    cl_usage_error(prog, "the datasets have no workforce data for %d (years with workforce data: %s)", year, years);
    free(years);
    return 1;
}

static int run(const char *prog, const opts *o, int single)
{
    struct stat st;
    int serr = !o->templates ? 0 : stat(o->templates, &st) != 0 ? errno : !S_ISDIR(st.st_mode) ? ENOTDIR : 0;
    if (serr) {
        char shown[UT_SHOWN_SIZE];
        fprintf(stderr, "%s: %s: cannot open the templates folder: %s\n", prog, ut_shown(shown, o->templates),
                strerror(serr));
        return 1;
    }
    char *templates = o->templates ? ut_xstrdup(o->templates) : pa_path("templates");
    char **langs = languages(prog, o->lang ? o->lang : (single ? "en" : "en,fr"), templates);
    if (!langs) {
        free(templates);
        return CL_USAGE;
    }
    /* Languages whose catalog has errors are left out (and fail the run). */
    int failed_langs = 0;
    for (size_t i = 0, k = 0;; i++) {
        char *l = langs[i];
        if (l && catalog_fails(prog, templates, o->templates ? o->templates : "templates", l)) {
            free(l);
            failed_langs++;
            continue;
        }
        langs[k++] = l;
        if (!l) break;
    }
    if (single && failed_langs) {
        ut_strv_free(langs);
        free(templates);
        return 1;
    }
    /* A template or configuration error would fail every profile: both
     * are checked, and reported, before anything is built. */
    dg_list tdg = {0};
    int tbad = lo_check_templates(templates, &tdg) != 0;
    if (!single && o->reports) tbad |= rp_check_template(templates, &tdg) != 0;
    dg_print(&tdg, stderr);
    dg_free(&tdg);
    ss_session s;
    int sbad = ss_open(&s, o->datasets, o->scripts, o->year) != 0;
    if (!sbad && !tbad) {   /* the indicators the templates name, once the scripts are known */
        tbad = lo_check_indicators(templates, &s.model, &tdg) != 0;
        dg_print(&tdg, stderr);
        dg_free(&tdg);
    }
    if (sbad || tbad) {
        ss_print(&s);
        if (s.fatal) fprintf(stderr, "%s: %s\n", prog, s.why);
        if (tbad) fprintf(stderr, "%s: the templates have errors (above): nothing was built\n", prog);
        ss_close(&s);
        ut_strv_free(langs);
        free(templates);
        return 1;
    }
    ss_print(&s);
    unsigned char *sel = ss_select(&s, o->country, prog);
    int status = CL_USAGE;
    if (sel && !(o->year && year_without_data(prog, &s.ds, o->year))) {
        char *fonts = pa_fonts();
        bd_opts b = { .langs = langs, .sel = sel, .year = o->year ? o->year : lo_report_year(&s.model),
                      .jobs = o->jobs, .quiet = o->quiet, .charts = o->charts, .reports = o->reports,
                      .exports = !single, .force = o->force, .nowait = o->nowait, .templates = templates,
                      .fonts = fonts, .out_root = "output", .single_out = o->output };
        status = bd_run(&s, &b);
        /* Data errors fail the run even when every profile built. */
        if (s.dg.nerrors || failed_langs) status = 1;
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
            "The year must be one with workforce data in the datasets. A catalog with\n"
            "errors (e.g. a bidirectional override) writes nothing; an earlier PDF stays.\n"
            "Exit status: 0 written, 1 errors (data, scripts, templates, catalog or\n"
            "writing), 2 usage error: an unknown country, language or option, an empty\n"
            "value, an option given twice, a year out of range or without workforce data.\n");
}

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
            "  -y, --year Y         report year (default: the latest year with workforce data)\n"
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

enum { OPT_CHARTS = 256, OPT_NO_CHARTS, OPT_NO_REPORT, OPT_FORCE, OPT_NO_WAIT };

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
    opts o = { .jobs = 1, .quiet = 1 };
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
    return run(prog, &o, 1);
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
        { "no-wait", no_argument, NULL, OPT_NO_WAIT }, { NULL, 0, NULL, 0 },
    };
    const char *prog = "sswr build";
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    opts o = { .jobs = cores > 0 ? (int)cores : 1, .charts = 1, .reports = 1 };
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
    return run(prog, &o, 0);
}
