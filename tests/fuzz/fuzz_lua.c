/* fuzz_lua.c — the Lua host (compute.c over sandbox.c) on a script from
 * the input: a scripts folder is made once in tmpfs (the real lib/,
 * config.lua and indicators/10_workforce.lua), the input is written as
 * indicators/zz_fuzz.lua, and cp_open + cp_compute run it on a tiny
 * dataset loaded once. The instruction budget, the memory cap and the
 * pattern-matching bound of sandbox.c are what keep every input finite:
 * a hang here (libFuzzer -timeout) is a finding.
 * Invariants: every value is finite or NaN; every message has a text. */
#include <math.h>
#include <stdint.h>

#include "compute.h"
#include "dataset.h"
#include "fuzz_util.h"
#include "util.h"

static const char *const ds_files[][2] = {
    { "countries.csv", "iso3,iso2,m49,region,subregion,intermediate_region\n"
                       "FRA,FR,250,Europe,Western Europe,\n"
                       "KEN,KE,404,Africa,Sub-Saharan Africa,Eastern Africa\n" },
    { "cadres.csv", "id,label,description\nsocial_worker,Social worker,Professional\n"
                    "para_social_worker,Para social worker,Community worker\n" },
    { "items.csv", "id,pillar,label,description\nlegislation,planning,Legislation,Laws\n"
                   "supervision,supporting,Supervision,Supervision\n" },
    { "population.csv", "iso3,year,population,children_0_14\nKEN,2023,55100586,21800000\n"
                        "KEN,2024,56432944,22000000\nFRA,2024,68170000,11900000\n" },
    { "workforce.csv", "iso3,year,cadre,sector,count,source,note\n"
                       "KEN,2023,social_worker,government,1100,illustrative,\n"
                       "KEN,2024,social_worker,government,1200,illustrative,\n"
                       "KEN,2024,para_social_worker,non_government,800,report,\n"
                       "FRA,2024,social_worker,unspecified,,survey,\n" },
    { "education.csv", "iso3,year,level,institutions,graduates,source\n"
                       "KEN,2024,bachelor,12,403,illustrative\n" },
    { "system.csv", "iso3,year,item,status,source\nKEN,2024,legislation,yes,illustrative\n" },
    { "names/en.csv", "iso3,name\nFRA,France\nKEN,Kenya\n" },
};

static ds_data ds;
static dg_list ds_dg;
static char scripts[4200], script[4400];

static void free_dataset(void)
{
    ds_free(&ds);
    dg_free(&ds_dg);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    const char *root = fz_scratch_dir();
    char p[4400], q[4400];
    snprintf(p, sizeof p, "%s/datasets", root);
    fz_mkdir(p);
    snprintf(p, sizeof p, "%s/datasets/names", root);
    fz_mkdir(p);
    for (size_t i = 0; i < sizeof ds_files / sizeof ds_files[0]; i++) {
        snprintf(p, sizeof p, "%s/datasets/%s", root, ds_files[i][0]);
        fz_write(p, ds_files[i][1], strlen(ds_files[i][1]));
    }
    snprintf(p, sizeof p, "%s/datasets", root);
    if (ds_load(p, &ds, &ds_dg) != 0 || ds_dg.nerrors) {
        dg_print(&ds_dg, stderr);
        fprintf(stderr, "fuzz_lua: the tiny dataset does not load cleanly\n");
        exit(1);
    }
    atexit(free_dataset);

    /* The real scripts folder ($SSWR_FUZZ_SCRIPTS, default scripts/). */
    const char *src = getenv("SSWR_FUZZ_SCRIPTS");
    if (!src || !*src) src = "scripts";
    snprintf(scripts, sizeof scripts, "%s/scripts", root);
    fz_mkdir(scripts);
    static const char *const dirs[] = { "lib", "indicators" };
    for (int i = 0; i < 2; i++) {
        snprintf(p, sizeof p, "%s/%s", scripts, dirs[i]);
        fz_mkdir(p);
    }
    static const char *const copies[] = { "lib/series.lua", "lib/stats.lua", "config.lua",
                                          "indicators/10_workforce.lua" };
    for (size_t i = 0; i < sizeof copies / sizeof copies[0]; i++) {
        snprintf(p, sizeof p, "%s/%s", src, copies[i]);
        snprintf(q, sizeof q, "%s/%s", scripts, copies[i]);
        fz_copy(p, q);
    }
    snprintf(script, sizeof script, "%s/indicators/zz_fuzz.lua", scripts);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
    fz_write(script, data, len);
    dg_list dg = {0};
    cp_host *h = cp_open(scripts, "scripts", &dg);
    FZ_CHECK(h != NULL, "cp_open gave NULL");
    /* Each indicator gets its own budget per country: a script declaring
     * thousands of endless ones is slow by design, not a hang. */
    if (cp_host_count(h) <= 12) {
        cp_model m;
        (void)cp_compute(h, &ds, &m, &dg);
        for (size_t c = 0; c < m.nc; c++)
            for (size_t s = 0; s < m.c[c].ns; s++)
                for (int y = 0; y < CP_NYEARS; y++) {
                    double v = m.c[c].s[s].v[y];
                    FZ_CHECK(isnan(v) || isfinite(v), "value %g", v);
                }
        cp_model_free(&m);
    }
    for (size_t i = 0; i < cp_host_count(h); i++) FZ_CHECK(cp_host_at(h, i)->id, "indicator id");
    cp_close(h);
    for (size_t i = 0; i < dg.n; i++) FZ_CHECK(dg.v[i].msg != NULL, "message");
    dg_free(&dg);
    return 0;
}
