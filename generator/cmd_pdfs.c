/* cmd_pdfs.c — what `sswr profile` and `sswr build` share (cmd_pdfs.h):
 * the languages, catalogs and templates are checked, the datasets loaded
 * and computed once, then the jobs are handed to build.c. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "build.h"
#include "catalog.h"
#include "cli.h"
#include "cmd_pdfs.h"
#include "layout.h"
#include "paths.h"
#include "report.h"
#include "session.h"
#include "util.h"

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
static int year_without_data(const char *prog, const ss_session *s, int year)
{
    if (s->work_years[year - DS_YEAR_MIN]) return 0;
    char *years = cl_years(s->work_years, DS_YEAR_MIN, DS_YEAR_MAX - DS_YEAR_MIN + 1);
    cl_usage_error(prog, "the datasets have no workforce data for %d (years with workforce data: %s)", year, years);
    free(years);
    return 1;
}

int cmd_pdfs(const char *prog, const cmd_pdf_opts *o, int single)
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
    int sbad = ss_open(&s, o->datasets, o->scripts, o->year, 1) != 0;
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
    if (sel && !(o->year && year_without_data(prog, &s, o->year))) {
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
