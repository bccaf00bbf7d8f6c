/* fuzz_dataset.c — the load stage end to end (dataset.c over csvread.c):
 * a tiny valid dataset is written once to a tmpfs folder; each input's
 * first byte picks one of its files and the rest replaces that file's
 * content, then ds_load reads the folder (and the file is put back).
 * Invariants: countries sorted and found by ds_find, every year in range,
 * rows sorted by year, names valid UTF-8, every message line within the
 * input. */
#include <math.h>
#include <stdint.h>

#include "dataset.h"
#include "fuzz_util.h"
#include "util.h"

typedef struct file { const char *name, *text; } file;
static const file files[] = {
    { "countries.csv", "iso3,iso2,m49,region,subregion,intermediate_region\n"
                       "EGY,EG,818,Africa,Northern Africa,\n"
                       "FRA,FR,250,Europe,Western Europe,\n"
                       "KEN,KE,404,Africa,Sub-Saharan Africa,Eastern Africa\n" },
    { "cadres.csv", "id,label,description\n"
                    "social_worker,Social worker,\"Professional holding a degree, often registered.\"\n"
                    "para_social_worker,Para social worker,Trained community worker\n" },
    { "items.csv", "id,pillar,label,description\n"
                   "legislation,planning,Legislation,Laws that define social service work.\n"
                   "degree_programmes,developing,Degree programmes,University degrees.\n"
                   "supervision,supporting,Supervision,Supportive supervision.\n" },
    { "population.csv", "iso3,year,population,children_0_14\n"
                        "KEN,2023,55100586,21800000\nKEN,2024,56432944,22000000\n"
                        "FRA,2024,68170000,11900000\nEGY,2024,114535772,40000000\n" },
    { "workforce.csv", "iso3,year,cadre,sector,count,source,note\n"
                       "KEN,2024,social_worker,government,1200,illustrative,\n"
                       "KEN,2024,para_social_worker,non_government,800,Ministry report,\"estimate, \"\"rounded\"\"\"\n"
                       "FRA,2023,social_worker,unspecified,,survey,\n" },
    { "education.csv", "iso3,year,level,institutions,graduates,source\n"
                       "KEN,2024,bachelor,12,403,illustrative\nKEN,2024,master,3,,illustrative\n" },
    { "system.csv", "iso3,year,item,status,source\n"
                    "KEN,2024,legislation,yes,illustrative\nKEN,2024,supervision,partial,illustrative\n"
                    "FRA,2022,degree_programmes,unknown,\n" },
    { "names/en.csv", "iso3,name\nEGY,Egypt\nFRA,France\nKEN,Kenya\n" },
    { "names/fr.csv", "iso3,name\nEGY,\xC3\x89gypte\nFRA,France\nKEN,Kenya\n" },
    { "names/ar.csv", "iso3,name\nEGY,\xD9\x85\xD8\xB5\xD8\xB1\nKEN,\xD9\x83\xD9\x8A\xD9\x86\xD9\x8A\xD8\xA7\n" },
};
#define NFILES (sizeof files / sizeof files[0])

static char dir[4200];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    snprintf(dir, sizeof dir, "%s/datasets", fz_scratch_dir());
    fz_mkdir(dir);
    char p[4400];
    snprintf(p, sizeof p, "%s/names", dir);
    fz_mkdir(p);
    for (size_t i = 0; i < NFILES; i++) {
        snprintf(p, sizeof p, "%s/%s", dir, files[i].name);
        fz_write(p, files[i].text, strlen(files[i].text));
    }
    /* The unmodified dataset must load cleanly, or the harness is wrong. */
    ds_data ds;
    dg_list dg = {0};
    int rc = ds_load(dir, &ds, &dg);
    if (rc != 0 || dg.nerrors) {
        dg_print(&dg, stderr);
        fprintf(stderr, "fuzz_dataset: the seed dataset does not load cleanly\n");
        exit(1);
    }
    ds_free(&ds);
    dg_free(&dg);
    return 0;
}

static void check(const ds_data *ds, const dg_list *dg, long lines)
{
    for (size_t i = 0; i < ds->nc; i++) {
        const ds_country *c = &ds->c[i];
        if (i) FZ_CHECK(strcmp(ds->c[i - 1].iso3, c->iso3) <= 0, "countries not sorted");
        FZ_CHECK(ds_find(ds, c->iso3) >= 0, "%s not found", c->iso3);
        for (size_t k = 0; k < c->npop; k++) {
            FZ_CHECK(c->pop[k].year >= DS_YEAR_MIN && c->pop[k].year <= DS_YEAR_MAX, "year %d",
                     c->pop[k].year);
            if (k) FZ_CHECK(c->pop[k - 1].year <= c->pop[k].year, "population not sorted");
        }
        for (size_t k = 0; k < c->nwork; k++) {
            const ds_work *w = &c->work[k];
            FZ_CHECK(w->year >= DS_YEAR_MIN && w->year <= DS_YEAR_MAX, "year %d", w->year);
            FZ_CHECK(w->cadre >= 0 && (size_t)w->cadre < ds->ncadres, "cadre %d", w->cadre);
            FZ_CHECK(w->sector >= 0 && w->sector < DS_NSECTORS, "sector %d", w->sector);
            FZ_CHECK(isnan(w->count) || (isfinite(w->count) && w->count >= 0), "count %g", w->count);
        }
        for (size_t k = 0; k < c->nedu; k++)
            FZ_CHECK(c->edu[k].level >= 0 && c->edu[k].level < DS_NLEVELS, "level %d", c->edu[k].level);
        for (size_t k = 0; k < c->nsys; k++) {
            FZ_CHECK(c->sys[k].item >= 0 && (size_t)c->sys[k].item < ds->nitems, "item %d", c->sys[k].item);
            FZ_CHECK(c->sys[k].status >= 0 && c->sys[k].status < DS_NSTATUS, "status");
        }
        for (size_t l = 0; l < ds->nlangs; l++) {
            const char *n = ds_name(ds, c, ds->langs[l]);
            FZ_CHECK(n && ut_utf8_check(n, strlen(n)) == strlen(n), "name not UTF-8");
        }
        (void)ds_pop_of(c, 2024);
    }
    for (size_t i = 0; i < dg->n; i++) {
        FZ_CHECK(dg->v[i].line >= 0 && dg->v[i].line <= lines, "message line %ld of %ld: %s",
                 dg->v[i].line, lines, dg->v[i].msg);
        free(dg_format(&dg->v[i]));
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
    if (len < 1) return 0;
    const file *f = &files[data[0] % NFILES];
    char p[4400];
    snprintf(p, sizeof p, "%s/%s", dir, f->name);
    fz_write(p, data + 1, len - 1);
    long lines = 10;   /* the other files are shorter */
    for (size_t i = 1; i < len; i++)
        if (data[i] == '\n' || data[i] == '\r') lines++;

    ds_data ds;
    dg_list dg = {0};
    int rc = ds_load(dir, &ds, &dg);
    FZ_CHECK(rc == 0 || rc == -1, "status %d", rc);
    if (rc == 0) check(&ds, &dg, lines);
    ds_free(&ds);
    dg_free(&dg);
    fz_write(p, f->text, strlen(f->text));
    return 0;
}
