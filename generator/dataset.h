/* dataset.h — the load stage's output: the shipped tables (countries,
 * population, workforce, education, capacity grid, names, and the published
 * reference figures of published.csv, which may be absent), validated and
 * grouped by country. Every problem is collected in a dg_list with its file,
 * line and column; a bad row marks its country failed and leaves the other
 * countries usable. A file that cannot be read at all makes the load fatal.
 * Missing values are NAN, never 0. Prefix: ds_. */
#ifndef SSWR_DATASET_H
#define SSWR_DATASET_H

#include <stddef.h>

#include "diag.h"
#include "story.h"

/* Years a dataset may hold: the WDI series start in 1990, projections end
 * in 2030, and a few years of margin let teams enter plans. */
#define DS_YEAR_MIN 1990
#define DS_YEAR_MAX 2035

typedef enum { DS_SECTOR_GOV, DS_SECTOR_NONGOV, DS_SECTOR_UNSPEC, DS_NSECTORS } ds_sector;
typedef enum { DS_LEVEL_CERT, DS_LEVEL_DIPLOMA, DS_LEVEL_BACHELOR, DS_LEVEL_MASTER,
               DS_LEVEL_DOCTORATE, DS_NLEVELS } ds_level;
typedef enum { DS_STATUS_YES, DS_STATUS_PARTIAL, DS_STATUS_NO, DS_STATUS_UNKNOWN,
               DS_NSTATUS } ds_status;
extern const char *const ds_sector_ids[DS_NSECTORS];
extern const char *const ds_level_ids[DS_NLEVELS];
extern const char *const ds_status_ids[DS_NSTATUS];

/* What a published reference figure (published.csv) measures: a head count,
 * posts, full-time equivalents, or a ratio / rate with its own denominator. */
typedef enum { DS_MEASURE_COUNT, DS_MEASURE_POSTS, DS_MEASURE_FTE, DS_MEASURE_POP_PER_WORKER,
               DS_MEASURE_CHILDREN_PER_WORKER, DS_MEASURE_PER_100K_POP,
               DS_MEASURE_PER_100K_CHILDREN, DS_MEASURE_PER_1000_CHILDREN,
               DS_MEASURE_VACANCY_PCT, DS_NMEASURES } ds_measure;
extern const char *const ds_measure_ids[DS_NMEASURES];

/* An entry of a vocabulary file (cadres.csv, items.csv). */
typedef struct ds_term {
    char *id, *label, *description;
    char *pillar;   /* items only: planning, developing, supporting */
} ds_term;

typedef struct ds_pop { int year; double population, children; long line; } ds_pop;
typedef struct ds_work {
    int year, cadre, sector;   /* cadre: index into ds_data.cadres */
    double count;              /* NAN when the cell is empty */
    char *source, *note;
    long line;
} ds_work;
typedef struct ds_edu {
    int year, level;
    double institutions, graduates;   /* NAN when empty */
    char *source;
    long line;
} ds_edu;
typedef struct ds_sys { int year, item, status; char *source; long line; } ds_sys;
/* A figure published elsewhere, for reference (published.csv): it is not a
 * dataset cadre's count. `cadre` is its definition as published (what it
 * counts: "Social workers on the SWRB register ..."), not a cadres.csv id;
 * `unit` qualifies `value` ("persons", "thousand persons", "posts"). */
typedef struct ds_pub {
    int year, measure;          /* measure: index into ds_measure_ids */
    char *cadre;                /* the definition, as published */
    double value;               /* may have decimals (FTE, rates, thousands) */
    char *unit, *source_title, *publisher, *url;
    int source_year;            /* year the source was published (>= year) */
    long line;
} ds_pub;

typedef struct ds_country {
    char iso3[4], iso2[3];
    int m49;
    char *region, *subregion, *intermediate;   /* intermediate may be "" */
    long line;
    int failed;        /* some row of this country had an error */
    ds_pop *pop;   size_t npop;    /* sorted by year */
    ds_work *work; size_t nwork;   /* sorted by year, cadre, sector */
    ds_edu *edu;   size_t nedu;    /* sorted by year, level */
    ds_sys *sys;   size_t nsys;    /* sorted by year, item */
    ds_pub *pub;   size_t npub;    /* published.csv, by year (file order within a year) */
    char **names;      /* display name per language (index into ds_data.langs) */
} ds_country;

typedef struct ds_data {
    char *dir;
    ds_country *c;  size_t nc;     /* sorted by iso3 */
    ds_term *cadres; size_t ncadres;
    ds_term *items;  size_t nitems;
    char **langs;   size_t nlangs; /* from names/LANG.csv, sorted */
    size_t nrows;                  /* data rows read, all files */
    sy_set stories;                /* stories/ISO3.LANG.md (story.h) */
} ds_data;

/* Loads every table of `dir`. Returns 0 when every file could be read (row
 * errors are in dg and in ds_country.failed), -1 when a file could not be
 * used at all, so nothing can be built. Free with ds_free in both cases. */
int ds_load(const char *dir, ds_data *ds, dg_list *dg);
void ds_free(ds_data *ds);

/* Leaves out every row of a year after `year` (population, workforce,
 * education, capacity grid, published figures): the datasets as the
 * edition of that year sees them, whatever later rows were added since. */
void ds_keep_until(ds_data *ds, int year);

/* Index of the country with this ISO3 code, or -1. */
int ds_find(const ds_data *ds, const char *iso3);
/* The code a mistyped country code most likely meant (the same letters in
 * upper case, the alpha-2 code, or one typo away), or NULL. */
const char *ds_suggest(const ds_data *ds, const char *code);
/* Index of a language in ds->langs, or -1. */
int ds_lang(const ds_data *ds, const char *lang);
/* Country name in `lang`, falling back to English, then to the ISO3 code. */
const char *ds_name(const ds_data *ds, const ds_country *c, const char *lang);
/* The language ds_name answers in: lang, "en" when it fell back to English,
 * NULL for the code (no language). */
const char *ds_name_lang(const ds_data *ds, const ds_country *c, const char *lang);
/* The country's comparison group, the one rule every stage uses: its UN
 * M49 intermediate region, else its sub-region. */
const char *ds_group(const ds_country *c);
/* Population row of a year, or NULL. */
const ds_pop *ds_pop_of(const ds_country *c, int year);

#endif
