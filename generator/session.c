/* session.c — load + compute for the commands (see session.h). */
#include "session.h"
#include "cli.h"
#include "config.h"
#include "contract.h"
#include "modelcache.h"
#include "paths.h"
#include "sandbox.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void timing(const ss_session *s)
{
    const char *t = getenv("SSWR_TIMING");
    if (t && *t && strcmp(t, "0") != 0)
        fprintf(stderr, "sswr: timing: load %.1f ms, %s %.1f ms\n", s->load_ms,
                s->from_cache ? "model from the cache" : "scripts and compute", s->compute_ms);
}

/* Gives up before computing: the host closed, the cache folder's name
 * freed, the reason kept for the command's last line. */
static int give_up(ss_session *s, cp_host *h, char *cache, int scripts_failed, const char *why)
{
    cp_close(h);
    free(cache);
    s->fatal = 1;
    s->scripts_failed = scripts_failed;
    s->why = why;
    return -1;
}

int ss_open(ss_session *s, const char *datasets, const char *scripts, int year, int edition_only)
{
    memset(s, 0, sizeof *s);
    s->datasets = datasets ? ut_xstrdup(datasets) : pa_default_datasets();
    s->scripts = scripts ? ut_xstrdup(scripts) : pa_path("scripts");
    double t0 = ut_now();
    if (ds_load(s->datasets, &s->ds, &s->dg) != 0) {
        s->fatal = 1;
        s->why = "the datasets cannot be used";
        return -1;
    }
    for (size_t ci = 0; ci < s->ds.nc; ci++)
        for (size_t k = 0; k < s->ds.c[ci].nwork; k++) s->work_years[s->ds.c[ci].work[k].year - DS_YEAR_MIN] = 1;
    double t1 = ut_now();
    s->load_ms = (t1 - t0) * 1e3;
    char key[65];
    char *cache = mc_dir();
    if (cache) mc_key(s->datasets, s->scripts, year, edition_only, key);
    if (cache && mc_load(cache, key, &s->model, &s->year) == 0) {
        /* The same program, scripts, datasets and year computed this
         * model before, without a word: it is the same model, of the same
         * report year, from the same rows. */
        free(cache);
        if (s->year && edition_only) ds_keep_until(&s->ds, s->year);
        s->compute_ms = (ut_now() - t1) * 1e3;
        s->from_cache = 1;
        timing(s);
        return 0;
    }
    size_t said = s->dg.nerrors + s->dg.nwarnings;
    const char *shown = scripts ? scripts : "scripts";
    cp_host *h = cp_open(s->scripts, shown, &s->dg);
    if (cp_load_failed(h)) {
        /* Some indicators or settings are missing: every figure computed
         * now could be wrong, so nothing is computed or written. */
        return give_up(s, h, cache, 1, "the scripts cannot be used; nothing was written");
    }
    /* The indicators the C code reads must be there, as it reads them. */
    if (cn_check(h, shown, &s->dg) != 0) {
        return give_up(s, h, cache, 1,
                       "the scripts do not declare the indicators sswr reads (above): nothing was computed or written");
    }
    /* A wrong setting would be wrong in every country: nothing is built. */
    char *cfg = ut_xasprintf("%s/config.lua", s->scripts), *cfgs = ut_xasprintf("%s/config.lua", shown);
    int bad = cf_check(cp_sandbox(h)->L, cfg, cfgs, &s->ds, &s->dg);
    free(cfg);
    free(cfgs);
    if (bad) {
        return give_up(s, h, cache, 0,
                       "the scripts or their configuration have errors (above): nothing was computed or built");
    }
    s->year = year ? year : cf_edition(cp_sandbox(h)->L);
    if (s->year && edition_only) ds_keep_until(&s->ds, s->year);
    cp_set_year(h, year);
    cp_compute(h, &s->ds, &s->model, &s->dg);
    if (s->model.nc == s->ds.nc && s->ds.nc)
        cf_own_targets(cp_sandbox(h)->L, &s->ds, &s->model.c[0].own_target, sizeof *s->model.c);
    cp_close(h);
    if (cache && s->dg.nerrors + s->dg.nwarnings == said) mc_save(cache, key, &s->model, s->year);
    free(cache);
    s->compute_ms = (ut_now() - t1) * 1e3;
    timing(s);
    return 0;
}

void ss_close(ss_session *s)
{
    cp_model_free(&s->model);
    ds_free(&s->ds);
    dg_free(&s->dg);
    free(s->datasets);
    free(s->scripts);
}

unsigned char *ss_select(const ss_session *s, const char *list, const char *prog)
{
    unsigned char *sel = ut_xcalloc(s->ds.nc ? s->ds.nc : 1, 1);
    if (!list) {
        memset(sel, 1, s->ds.nc);
        return sel;
    }
    /* Empty, an empty element or a code given twice: usage errors. */
    char **codes = cl_list(prog, "--country", list, 1);
    for (char **c = codes; c && *c; c++) {
        int i = ds_find(&s->ds, *c);
        if (i < 0) {
            char shown[UT_SHOWN_SIZE];
            const char *best = ds_suggest(&s->ds, *c);
            if (best) cl_usage_error(prog, "unknown country code '%s' (did you mean %s?)", ut_shown(shown, *c), best);
            else cl_usage_error(prog, "unknown country code '%s' (see datasets/countries.csv)", ut_shown(shown, *c));
            ut_strv_free(codes);
            codes = NULL;
            break;
        }
        sel[i] = 1;
    }
    if (!codes) {
        free(sel);
        return NULL;
    }
    ut_strv_free(codes);
    return sel;
}

void ss_print(const ss_session *s)
{
    dg_print(&s->dg, stderr);
}
