/* dataset.c — loading and validating the shipped tables (see dataset.h).
 * Each file is read by csvread.c; this file maps header names to columns,
 * converts and checks every cell, and files each row under its country. */
#include "dataset.h"
#include "csvread.h"
#include "util.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char *const ds_sector_ids[DS_NSECTORS] = { "government", "non_government", "unspecified" };
const char *const ds_level_ids[DS_NLEVELS] = { "certificate", "diploma", "bachelor", "master",
                                                "doctorate" };
const char *const ds_status_ids[DS_NSTATUS] = { "yes", "partial", "no", "unknown" };
const char *const ds_measure_ids[DS_NMEASURES] = {
    "count", "count_posts", "count_fte", "ratio_population_per_worker", "ratio_children_per_worker",
    "rate_per_100k_population", "rate_per_100k_children", "rate_per_1000_children", "vacancy_rate_pct",
};

#define DS_MAX_COLS 12

/* One table being read: its columns and where they are in the file. */
typedef struct table {
    ds_data *ds;
    dg_list *dg;
    const char *file;                 /* name used in messages */
    const char *cols[DS_MAX_COLS];    /* expected columns, NULL-terminated */
    unsigned required;                /* bit i: column i must be present */
    int idx[DS_MAX_COLS];             /* field index of each column, -1 */
    const cr_row *hdr;
    int lang;                         /* names files: language index */
    void (*row)(struct table *t, const cr_row *r);
    /* set while a row is converted */
    const cr_row *cur;
    int country;                      /* country of the current row, -1 */
    int blame;                        /* country its messages are filed under, -1 */
    int bad;                          /* the current row had an error */
    size_t nrows;                     /* data rows read */
    unsigned char *rejected;          /* per country: a row of this file was rejected (or NULL) */
    long hdr_line;                    /* line of the header */
} table;

/* ---- reporting ---------------------------------------------------------- */

static void row_error(table *t, int col, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void row_error(table *t, int col, const char *fmt, ...)
{
    int who = t->country >= 0 ? t->country : t->blame;
    const char *iso3 = who >= 0 ? t->ds->c[who].iso3 : NULL;
    va_list ap;
    va_start(ap, fmt);
    dg_vadd(t->dg, DG_ERROR, t->file, t->cur->line, col >= 0 ? t->cols[col] : NULL, iso3, fmt, ap);
    va_end(ap);
    t->bad = 1;
}

/* A country with a rejected row is not built: a profile made from the rest
 * of its rows would publish figures without that row. */
static void fail_country(table *t, int i)
{
    t->ds->c[i].failed = 1;
    if (t->rejected) t->rejected[i] = 1;
}

/* ---- header ------------------------------------------------------------- */

static int col_of(const table *t, const char *name)
{
    for (int i = 0; t->cols[i]; i++)
        if (strcmp(t->cols[i], name) == 0) return i;
    return -1;
}

static char *expected_list(const table *t)
{
    ut_buf b = {0};
    for (int i = 0; t->cols[i]; i++) ut_buf_printf(&b, "%s%s", i ? "," : "", t->cols[i]);
    return b.data;
}

static int on_header(void *ctx, const cr_row *hdr)
{
    table *t = ctx;
    t->hdr = hdr;
    t->hdr_line = hdr->line;
    for (int i = 0; i < DS_MAX_COLS; i++) t->idx[i] = -1;
    int fatal = 0;
    for (size_t f = 0; f < hdr->n; f++) {
        const char *name = hdr->f[f].s;
        if (!*name) {
            /* A spreadsheet's trailing delimiter: harmless if it stays empty. */
            dg_warn(t->dg, t->file, hdr->line, cr_column_name(hdr, f), NULL,
                    "column without a name is ignored (a trailing delimiter?)");
            continue;
        }
        int c = col_of(t, name);
        if (c < 0) {
            char *exp = expected_list(t);
            dg_error(t->dg, t->file, hdr->line, name, NULL, "unknown column (expected: %s)", exp);
            free(exp);
        } else if (t->idx[c] >= 0) {
            dg_error(t->dg, t->file, hdr->line, name, NULL, "column appears twice");
            fatal = 1;
        } else {
            t->idx[c] = (int)f;
        }
    }
    for (int i = 0; t->cols[i]; i++) {
        if (t->idx[i] < 0 && (t->required & (1u << i))) {
            char *exp = expected_list(t);
            dg_error(t->dg, t->file, hdr->line, t->cols[i], NULL,
                     "missing column (the header must name: %s)", exp);
            free(exp);
            fatal = 1;
        }
    }
    return fatal;
}

/* ---- cells -------------------------------------------------------------- */

static const char *cell(const table *t, int col)
{
    int f = t->idx[col];
    if (f < 0 || (size_t)f >= t->cur->n) return "";
    return t->cur->f[f].s;
}

static int need(table *t, int col, const char **out)
{
    *out = cell(t, col);
    if (**out) return 0;
    row_error(t, col, "missing value");
    return -1;
}

/* Plain decimal notation as the README defines it: digits, at most one
 * point followed by digits, and a leading minus (so that a negative number
 * gets its own message). strtod alone would also take "0x1A" (as 26),
 * "1e3", "+5", "inf" and surrounding spaces. */
static int plain_decimal(const char *s)
{
    if (*s == '-') s++;
    size_t n = strspn(s, "0123456789");
    if (n == 0) return 0;
    s += n;
    if (*s == '.') {
        n = strspn(s + 1, "0123456789");
        if (n == 0) return 0;
        s += 1 + n;
    }
    return *s == '\0';
}

/* Number of separators when s is digits in groups of three split by one
 * of `,` `.` or space ("51,202,827", "51.202.827", "51 202 827"), else 0;
 * the digits alone go to `digits`. */
static size_t thousands_groups(const char *s, char *digits, size_t size)
{
    size_t first = strspn(s, "0123456789");
    char sep = s[first];
    if (first < 1 || first > 3 || !sep || !strchr(",. ", sep) || strlen(s) >= size) return 0;
    size_t k = 0, n = 0;
    memcpy(digits, s, first);
    n = first;
    for (const char *p = s + first; *p; p += 4, k++) {
        if (*p != sep || strspn(p + 1, "0123456789") < 3 || (p[4] && p[4] != sep)) return 0;
        memcpy(digits + n, p + 1, 3);
        n += 3;
    }
    digits[n] = '\0';
    return k;
}

/* Explains why a cell is not a plain number, naming the usual spreadsheet
 * mistakes: decimal comma, thousands separators, scientific notation. */
static void bad_number(table *t, int col, const char *cell_text)
{
    char s[UT_SHOWN_SIZE];
    ut_shown(s, cell_text);
    char digits[64];
    size_t groups = thousands_groups(s, digits, sizeof digits);
    const char *comma = strchr(s, ',');
    if (groups == 1 && comma)
        row_error(t, col, "\"%s\" has a thousands separator or a decimal comma; "
                  "write plain digits with a point for decimals", s);
    else if (groups)
        row_error(t, col, "\"%s\" has %s; write the digits alone (%s)", s,
                  groups == 1 ? "a thousands separator" : "thousands separators", digits);
    else if (comma && !strchr(comma + 1, ',') && comma > s && isdigit((unsigned char)comma[-1]) &&
             strspn(s, "-0123456789,") == strlen(s) && comma[1])
        row_error(t, col, "\"%s\" uses a decimal comma; write a point (e.g. 12.5)", s);
    else if (strpbrk(s, "eE") && isdigit((unsigned char)*s) &&
             strspn(s, "0123456789.eE+-") == strlen(s))
        row_error(t, col, "\"%s\" is in scientific notation; write all the digits (in a "
                  "spreadsheet, format the column as a number without exponent)", s);
    else
        row_error(t, col, "not a number: \"%s\"", s);
}

/* Decimal digits a double holds exactly (DBL_DIG): a figure with more would
 * be published rounded ("99999999999999999999999" as 99999999999999991611392). */
#define DS_EXACT_DIGITS 15

/* Significant digits of a plain decimal: leading zeros and the trailing
 * zeros of a fraction do not count. */
static size_t significant_digits(const char *s)
{
    if (*s == '-') s++;
    while (*s == '0' || *s == '.') s++;
    size_t n = 0, trailing = 0;
    const char *point = strchr(s, '.');
    for (const char *p = s; *p; p++) {
        if (*p == '.') continue;
        n++;
        trailing = *p == '0' ? trailing + 1 : 0;
    }
    /* zeros after the point that end the number are not significant */
    if (point && trailing) {
        size_t frac = strlen(point + 1);
        n -= trailing < frac ? trailing : frac;
    }
    return n;
}

/* Parses a non-negative number; empty gives NAN when `optional`. */
static int number(table *t, int col, int optional, int integer, double *out)
{
    const char *s = cell(t, col);
    *out = NAN;
    if (!*s) {
        if (optional) return 0;
        row_error(t, col, "missing value");
        return -1;
    }
    if (!plain_decimal(s)) {
        bad_number(t, col, s);
        return -1;
    }
    /* Most cells are short whole numbers: exact without strtod (which was
     * a sixth of the load). */
    size_t ndigits = strspn(s, "0123456789");
    if (!s[ndigits] && ndigits <= 15) {
        double v = 0;
        for (size_t i = 0; i < ndigits; i++) v = v * 10 + (s[i] - '0');
        *out = v;
        return 0;
    }
    size_t sig = significant_digits(s);
    if (sig > DS_EXACT_DIGITS) {
        char shown[UT_SHOWN_SIZE];
        row_error(t, col, "%s has %zu significant digits; a figure can have at most %d (it "
                  "would be stored rounded)", ut_shown(shown, s), sig, DS_EXACT_DIGITS);
        return -1;
    }
    errno = 0;
    double v = strtod(s, NULL);
    if (errno == ERANGE || !isfinite(v)) {
        char shown[UT_SHOWN_SIZE];
        row_error(t, col, "number %s is too large", ut_shown(shown, s));
        return -1;
    }
    if (v < 0) {
        char shown[UT_SHOWN_SIZE];
        row_error(t, col, "negative number %s", ut_shown(shown, s));
        return -1;
    }
    if (integer && v != floor(v)) {
        char shown[UT_SHOWN_SIZE];
        row_error(t, col, "%s is not a whole number", ut_shown(shown, s));
        return -1;
    }
    *out = v;
    return 0;
}

static int year(table *t, int col, int *out)
{
    double v;
    if (number(t, col, 0, 1, &v)) return -1;
    if (v < DS_YEAR_MIN || v > DS_YEAR_MAX) {
        char shown[UT_SHOWN_SIZE];
        row_error(t, col, "year %s out of range %d-%d", ut_shown(shown, cell(t, col)), DS_YEAR_MIN, DS_YEAR_MAX);
        return -1;
    }
    *out = (int)v;
    return 0;
}

static int enum_of(table *t, int col, const char *what, const char *const *ids, size_t n, int *out)
{
    const char *s;
    if (need(t, col, &s)) return -1;
    for (size_t i = 0; i < n; i++)
        if (strcmp(s, ids[i]) == 0) { *out = (int)i; return 0; }
    ut_buf b = {0};
    for (size_t i = 0; i < n; i++) ut_buf_printf(&b, "%s%s", i ? ", " : "", ids[i]);
    char shown[UT_SHOWN_SIZE];
    row_error(t, col, "unknown %s \"%s\" (expected one of: %s)", what, ut_shown(shown, s), b.data);
    ut_buf_free(&b);
    return -1;
}

static int term_of(table *t, int col, const char *what, const ds_term *terms, size_t n, int *out)
{
    const char *ids[64];
    size_t k = n < 64 ? n : 64;
    for (size_t i = 0; i < k; i++) ids[i] = terms[i].id;
    return enum_of(t, col, what, ids, k, out);
}

/* Whether b is a with two neighbouring letters swapped ("KNE" for KEN),
 * a typo that costs two edits. */
static int swapped(const char *a, const char *b)
{
    size_t n = strlen(a);
    if (n != strlen(b)) return 0;
    for (size_t i = 0; i + 1 < n; i++)
        if (a[i] != b[i])
            return a[i] == b[i + 1] && a[i + 1] == b[i] && strcmp(a + i + 2, b + i + 2) == 0;
    return 0;
}

/* The code a typo most likely meant: the same letters in upper case (other
 * characters left out), the alpha-2 code, or a code one typo away (an edit
 * or a swap). A looser match
 * (two edits) would suggest an arbitrary one of dozens of codes. */
const char *ds_suggest(const ds_data *ds, const char *s)
{
    /* The letters alone, in upper case: a spreadsheet's stray space, no-break
     * space or zero-width character around a code is a typo too. */
    char up[8] = {0};
    size_t n = 0;
    for (const char *p = s; *p; p++) {
        if (!isalpha((unsigned char)*p) || (unsigned char)*p >= 0x80) continue;
        if (n == sizeof up - 1) return NULL;
        up[n++] = (char)toupper((unsigned char)*p);
    }
    for (size_t k = 0; k < ds->nc; k++)
        if (strcmp(ds->c[k].iso2, up) == 0 || strcmp(ds->c[k].iso3, up) == 0) return ds->c[k].iso3;
    for (size_t k = 0; k < ds->nc; k++)
        if (ut_edit_distance(up, ds->c[k].iso3) <= 1 || swapped(up, ds->c[k].iso3))
            return ds->c[k].iso3;
    return NULL;
}

/* A row whose code is unknown most likely belongs to the country its
 * message suggests: building that country from its other rows would
 * publish a total without it, so it fails, and the message is filed under
 * it. Returns the country, or -1 when the code suggests none. */
static int fail_suggested(table *t, const char *code)
{
    const char *best = ds_suggest(t->ds, code);
    t->blame = best ? ds_find(t->ds, best) : -1;
    if (t->blame >= 0) fail_country(t, t->blame);
    return t->blame;
}

/* Resolves the iso3 cell to a country; an unknown code suggests the closest
 * known one, which fails. */
static int country_of(table *t, int col)
{
    const char *s;
    t->country = -1;
    if (need(t, col, &s)) return -1;
    int i = ds_find(t->ds, s);
    if (i >= 0) { t->country = i; return 0; }
    char shown[UT_SHOWN_SIZE];
    ut_shown(shown, s);
    if (fail_suggested(t, s) >= 0)
        row_error(t, col, "unknown country code \"%s\" (did you mean %s?)", shown, t->ds->c[t->blame].iso3);
    else
        row_error(t, col, "unknown country code \"%s\" (not in countries.csv)", shown);
    return -1;
}

/* ---- rows of each table ------------------------------------------------- */

static char *dup_cell(const table *t, int col) { return ut_xstrdup(cell(t, col)); }

static void term_row(table *t, const cr_row *r, ds_term **v, size_t *n, int with_pillar)
{
    (void)r;
    const char *id;
    if (need(t, 0, &id)) return;
    for (size_t i = 0; i < *n; i++)
        if (strcmp((*v)[i].id, id) == 0) {
            char shown[UT_SHOWN_SIZE];
            row_error(t, 0, "duplicate id \"%s\"", ut_shown(shown, id));
            return;
        }
    const char *pillar = "";
    if (with_pillar && need(t, 1, &pillar)) return;
    *v = ut_xrealloc(*v, (*n + 1) * sizeof **v);
    ds_term *e = &(*v)[(*n)++];
    e->id = ut_xstrdup(id);
    e->pillar = ut_xstrdup(pillar);
    e->label = dup_cell(t, with_pillar ? 2 : 1);
    e->description = dup_cell(t, with_pillar ? 3 : 2);
}

static void cadre_row(table *t, const cr_row *r) { term_row(t, r, &t->ds->cadres, &t->ds->ncadres, 0); }
static void item_row(table *t, const cr_row *r) { term_row(t, r, &t->ds->items, &t->ds->nitems, 1); }

static int valid_code(const char *s, size_t len)
{
    if (strlen(s) != len) return 0;
    for (size_t i = 0; i < len; i++)
        if (s[i] < 'A' || s[i] > 'Z') return 0;
    return 1;
}

static void country_row(table *t, const cr_row *r)
{
    (void)r;
    const char *iso3, *iso2, *region, *sub;
    double m49;
    if (need(t, 0, &iso3) | need(t, 1, &iso2) | need(t, 3, &region) | need(t, 4, &sub)) return;
    char shown[UT_SHOWN_SIZE];
    if (!valid_code(iso3, 3)) {
        row_error(t, 0, "\"%s\" is not an ISO 3166 alpha-3 code (three capital letters)", ut_shown(shown, iso3));
        return;
    }
    if (!valid_code(iso2, 2)) {
        row_error(t, 1, "\"%s\" is not an ISO 3166 alpha-2 code (two capital letters)", ut_shown(shown, iso2));
        return;
    }
    if (number(t, 2, 1, 1, &m49)) return;
    ds_data *ds = t->ds;
    ds->c = ut_xrealloc(ds->c, (ds->nc + 1) * sizeof *ds->c);
    ds_country *c = &ds->c[ds->nc++];
    memset(c, 0, sizeof *c);
    memcpy(c->iso3, iso3, 4);
    memcpy(c->iso2, iso2, 3);
    c->m49 = isnan(m49) ? 0 : (int)m49;
    c->region = ut_xstrdup(region);
    c->subregion = ut_xstrdup(sub);
    c->intermediate = dup_cell(t, 5);
    c->line = t->cur->line;
}

static void pop_row(table *t, const cr_row *r)
{
    (void)r;
    ds_pop p = { .line = t->cur->line };
    int bad = country_of(t, 0);
    bad |= year(t, 1, &p.year);
    bad |= number(t, 2, 0, 1, &p.population);
    bad |= number(t, 3, 0, 1, &p.children);
    if (bad) return;
    if (p.population == 0) { row_error(t, 2, "population is 0"); return; }
    if (p.children == 0) { row_error(t, 3, "children_0_14 is 0 (no country has no children)"); return; }
    if (p.children > p.population) {
        row_error(t, 3, "children (%.0f) greater than population (%.0f)", p.children, p.population);
        return;
    }
    ds_country *c = &t->ds->c[t->country];
    c->pop = ut_xrealloc(c->pop, (c->npop + 1) * sizeof *c->pop);
    c->pop[c->npop++] = p;
}

static void work_row(table *t, const cr_row *r)
{
    (void)r;
    ds_work w = { .line = t->cur->line };
    int bad = country_of(t, 0);
    bad |= year(t, 1, &w.year);
    bad |= term_of(t, 2, "cadre", t->ds->cadres, t->ds->ncadres, &w.cadre);
    bad |= enum_of(t, 3, "sector", ds_sector_ids, DS_NSECTORS, &w.sector);
    bad |= number(t, 4, 0, 1, &w.count);   /* never empty: a row exists only with a figure */
    if (bad) return;
    ds_country *c = &t->ds->c[t->country];
    c->work = ut_xrealloc(c->work, (c->nwork + 1) * sizeof *c->work);
    w.source = dup_cell(t, 5);
    w.note = dup_cell(t, 6);
    c->work[c->nwork++] = w;
}

static void edu_row(table *t, const cr_row *r)
{
    (void)r;
    ds_edu e = { .line = t->cur->line };
    int bad = country_of(t, 0);
    bad |= year(t, 1, &e.year);
    bad |= enum_of(t, 2, "level", ds_level_ids, DS_NLEVELS, &e.level);
    bad |= number(t, 3, 0, 1, &e.institutions);   /* never empty; graduates may be */
    bad |= number(t, 4, 1, 1, &e.graduates);
    if (bad) return;
    ds_country *c = &t->ds->c[t->country];
    c->edu = ut_xrealloc(c->edu, (c->nedu + 1) * sizeof *c->edu);
    e.source = dup_cell(t, 5);
    c->edu[c->nedu++] = e;
}

static void sys_row(table *t, const cr_row *r)
{
    (void)r;
    ds_sys s = { .line = t->cur->line };
    int bad = country_of(t, 0);
    bad |= year(t, 1, &s.year);
    bad |= term_of(t, 2, "item", t->ds->items, t->ds->nitems, &s.item);
    bad |= enum_of(t, 3, "status", ds_status_ids, DS_NSTATUS, &s.status);
    if (bad) return;
    ds_country *c = &t->ds->c[t->country];
    c->sys = ut_xrealloc(c->sys, (c->nsys + 1) * sizeof *c->sys);
    s.source = dup_cell(t, 4);
    c->sys[c->nsys++] = s;
}

/* A published reference figure: every cell is needed (a figure is shown
 * with what it counts and its citation); the source cannot predate the
 * year it counts. */
static void pub_row(table *t, const cr_row *r)
{
    (void)r;
    ds_pub p = { .line = t->cur->line };
    const char *s;
    int bad = country_of(t, 0);
    bad |= year(t, 1, &p.year);
    bad |= enum_of(t, 2, "measure", ds_measure_ids, DS_NMEASURES, &p.measure);
    for (int col = 3; col <= 9; col++)
        if (col != 4 && col != 8) bad |= need(t, col, &s);
    bad |= number(t, 4, 0, 0, &p.value);
    bad |= year(t, 8, &p.source_year);
    if (bad) return;
    char shown[UT_SHOWN_SIZE];
    if (p.measure == DS_MEASURE_VACANCY_PCT && p.value > 100) {
        row_error(t, 4, "a percentage of %s is more than 100", ut_shown(shown, cell(t, 4)));
        return;
    }
    if (p.source_year < p.year) {
        row_error(t, 8, "published in %d, before the year it counts (%d)", p.source_year, p.year);
        return;
    }
    const char *url = cell(t, 9);
    if (strncmp(url, "https://", 8) != 0 && strncmp(url, "http://", 7) != 0) {
        row_error(t, 9, "\"%s\" is not a web address (http:// or https://)", ut_shown(shown, url));
        return;
    }
    ds_country *c = &t->ds->c[t->country];
    c->pub = ut_xrealloc(c->pub, (c->npub + 1) * sizeof *c->pub);
    p.cadre = dup_cell(t, 3);
    p.unit = dup_cell(t, 5);
    p.source_title = dup_cell(t, 6);
    p.publisher = dup_cell(t, 7);
    p.url = ut_xstrdup(url);
    c->pub[c->npub++] = p;
}

static void name_row(table *t, const cr_row *r)
{
    (void)r;
    const char *name;
    if (country_of(t, 0) | need(t, 1, &name)) return;
    /* A bidirectional override in a name prints it reversed on the page. */
    uint32_t cp;
    size_t at = ut_find_stray(name, strlen(name), &cp);
    if (at < strlen(name)) {
        const char *why;
        const char *what = ut_stray_char(cp, &why);
        row_error(t, 1, "%s at character %zu: %s; remove it", what, ut_utf8_chars(name, at) + 1, why);
        return;
    }
    ds_country *c = &t->ds->c[t->country];
    if (c->names[t->lang]) { row_error(t, 0, "duplicate name for %s", c->iso3); return; }
    c->names[t->lang] = ut_xstrdup(name);
}

/* Reports a row whose fields do not line up with the header's. */
static void check_shape(table *t, const cr_row *r)
{
    size_t used = 0;
    for (int i = 0; t->cols[i]; i++)
        if (t->idx[i] >= 0 && (size_t)t->idx[i] + 1 > used) used = (size_t)t->idx[i] + 1;
    if (r->n < used && !(r->n == 1 && !r->f[0].len)) {
        row_error(t, -1, "the row has %zu field%s, the header has %zu", r->n, r->n == 1 ? "" : "s",
                  t->hdr->n);
    } else if (r->n > t->hdr->n) {
        row_error(t, -1, "the row has %zu fields, the header has %zu (an unquoted delimiter?)",
                  r->n, t->hdr->n);
    } else {
        for (size_t f = 0; f < r->n; f++)
            if (f < t->hdr->n && !t->hdr->f[f].len && r->f[f].len) {
                row_error(t, -1, "a value in column %zu, which has no name in the header", f + 1);
                break;
            }
    }
}

/* Common row handling: field count, then the table's converter. */
static void on_row(void *ctx, const cr_row *r)
{
    table *t = ctx;
    t->cur = r;
    t->country = -1;
    t->blame = -1;
    t->bad = 0;
    t->ds->nrows++;
    t->nrows++;
    /* A row the reader reported (broken quoting, bad UTF-8) is cut short or
     * split; its field count would only repeat that problem. */
    if (!r->bad) check_shape(t, r);
    if (!t->bad && !r->bad) t->row(t, r);
    else if (t->idx[0] >= 0 && t->cols[0] && strcmp(t->cols[0], "iso3") == 0 && r->n > (size_t)t->idx[0]) {
        /* A broken row still fails its country when the code is readable,
         * and the countries it may mean when it is not. */
        int i = ds_find(t->ds, r->f[t->idx[0]].s);
        if (i >= 0) fail_country(t, i);
        else fail_suggested(t, r->f[t->idx[0]].s);
    }
    if (t->bad && t->country >= 0) fail_country(t, t->country);
    t->cur = NULL;
}

/* Why a file cannot be empty. Vocabularies and countries: every row of the
 * other files would fail against them. Population: no ratio and no headline
 * can be computed without it. */
#define DS_REFERRED "the other files refer to its entries"
#define DS_POP_NEEDED "every country needs its population"
/* Published reference figures: a folder may well have none (a subset of
 * countries without any): a header alone is not even worth a warning. */
#define DS_MAY_BE_EMPTY ""

/* A file with a header and no rows (an export that lost its data) would
 * otherwise pass silently: an error when the file is needed (`why` says
 * why), a warning when it may be empty. */
static int check_not_empty(const table *t, const char *why)
{
    if (t->nrows || (why && !*why)) return CR_OK;
    if (why) {
        dg_error(t->dg, t->file, t->hdr_line, NULL, NULL, "the file has a header but no rows (%s)", why);
        return CR_FAILED;
    }
    dg_warn(t->dg, t->file, t->hdr_line, NULL, NULL, "the file has a header but no rows (no data)");
    return CR_OK;
}

/* `needed`: why a header without rows is an error (NULL: a warning;
 * DS_MAY_BE_EMPTY: nothing).
 * `rejected` (may be NULL): set for each country one of whose rows was
 * rejected. */
static int read_table(ds_data *ds, dg_list *dg, const char *name, const char *const *cols,
                      unsigned required, void (*row)(table *, const cr_row *), int lang,
                      const char *needed, unsigned char *rejected)
{
    table t = { .ds = ds, .dg = dg, .file = NULL, .required = required, .row = row, .lang = lang,
                .rejected = rejected };
    for (int i = 0; cols[i] && i < DS_MAX_COLS - 1; i++) t.cols[i] = cols[i];
    char *path = ut_xasprintf("%s/%s", ds->dir, name);
    t.file = path;
    int rc = cr_read_file(path, path, on_header, on_row, &t, dg);
    if (rc == CR_OK) rc = check_not_empty(&t, needed);
    free(path);
    return rc;
}

/* ---- post-load checks --------------------------------------------------- */

static int cmp_pop(const void *a, const void *b)
{
    const ds_pop *x = a, *y = b;
    return x->year != y->year ? (x->year > y->year) - (x->year < y->year) : (x->line > y->line) - (x->line < y->line);
}
static int cmp_work(const void *a, const void *b)
{
    const ds_work *x = a, *y = b;
    if (x->year != y->year) return (x->year > y->year) - (x->year < y->year);
    if (x->cadre != y->cadre) return (x->cadre > y->cadre) - (x->cadre < y->cadre);
    if (x->sector != y->sector) return (x->sector > y->sector) - (x->sector < y->sector);
    return (x->line > y->line) - (x->line < y->line);
}
static int cmp_edu(const void *a, const void *b)
{
    const ds_edu *x = a, *y = b;
    if (x->year != y->year) return (x->year > y->year) - (x->year < y->year);
    if (x->level != y->level) return (x->level > y->level) - (x->level < y->level);
    return (x->line > y->line) - (x->line < y->line);
}
static int cmp_sys(const void *a, const void *b)
{
    const ds_sys *x = a, *y = b;
    if (x->year != y->year) return (x->year > y->year) - (x->year < y->year);
    if (x->item != y->item) return (x->item > y->item) - (x->item < y->item);
    return (x->line > y->line) - (x->line < y->line);
}
static int cmp_pub(const void *a, const void *b)
{
    const ds_pub *x = a, *y = b;
    if (x->year != y->year) return (x->year > y->year) - (x->year < y->year);
    return (x->line > y->line) - (x->line < y->line);
}
static int cmp_country(const void *a, const void *b)
{
    const ds_country *x = a, *y = b;
    int c = strcmp(x->iso3, y->iso3);
    return c ? c : (x->line > y->line) - (x->line < y->line);
}

/* qsort's array argument must not be NULL even when n is 0 (C11 7.22.5), and
 * an empty table (a country without rows of a file, no countries) has a
 * NULL array. */
static void sort_rows(void *v, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
    if (n > 1) qsort(v, n, size, cmp);
}

static void dup_error(dg_list *dg, ds_country *c, const char *file, long line, long first,
                      const char *what)
{
    dg_error(dg, file, line, NULL, c->iso3, "duplicate %s (first given on line %ld)", what, first);
    c->failed = 1;
}

/* A count, or a year's total, larger than the population is impossible.
 * w[0..n) are the rows of one year. The total is reported once, on the
 * year's first line in the file (the rows are sorted by cadre here), and
 * not when a single count already exceeds the population. */
static void check_year_counts(ds_country *c, const ds_work *w, size_t n, int pop_known,
                              const char *file, dg_list *dg)
{
    const ds_pop *p = ds_pop_of(c, w->year);
    long first = w[0].line;
    for (size_t i = 1; i < n; i++)
        if (w[i].line < first) first = w[i].line;
    if (!p) {
        if (!pop_known) return;
        dg_error(dg, file, first, "year", c->iso3,
                 "%s has workers in %d but no population for that year in population.csv, "
                 "so its ratios cannot be computed", c->iso3, w->year);
        c->failed = 1;
        return;
    }
    double total = 0;
    int over = 0;
    for (size_t i = 0; i < n; i++) {
        if (isnan(w[i].count)) continue;
        total += w[i].count;
        if (w[i].count > p->population) {
            dg_error(dg, file, w[i].line, "count", c->iso3,
                     "count %.0f is larger than the population of %s in %d (%.0f)", w[i].count,
                     c->iso3, w->year, p->population);
            over = 1;
        }
    }
    if (!over && total > p->population)
        dg_error(dg, file, first, "count", c->iso3,
                 "the workers of %s in %d add up to %.0f, more than its population (%.0f)",
                 c->iso3, w->year, total, p->population);
    if (over || total > p->population) c->failed = 1;
}

/* Sorts a country's rows, reports duplicate keys and counts that cannot be
 * true (more workers than people). */
static void check_country(ds_data *ds, ds_country *c, int pop_known, dg_list *dg)
{
    char *fp = ut_xasprintf("%s/population.csv", ds->dir);
    char *fw = ut_xasprintf("%s/workforce.csv", ds->dir);
    char *fe = ut_xasprintf("%s/education.csv", ds->dir);
    char *fs = ut_xasprintf("%s/system.csv", ds->dir);
    if (c->npop == 0 && pop_known) {
        char *fc = ut_xasprintf("%s/countries.csv", ds->dir);
        dg_error(dg, fc, c->line, "iso3", c->iso3,
                 "%s has no rows in population.csv (every country needs its population)", c->iso3);
        c->failed = 1;
        free(fc);
        pop_known = 0;   /* said once, not again for each year of its workforce */
    }
    sort_rows(c->pop, c->npop, sizeof *c->pop, cmp_pop);
    sort_rows(c->work, c->nwork, sizeof *c->work, cmp_work);
    sort_rows(c->edu, c->nedu, sizeof *c->edu, cmp_edu);
    sort_rows(c->sys, c->nsys, sizeof *c->sys, cmp_sys);
    sort_rows(c->pub, c->npub, sizeof *c->pub, cmp_pub);
    char key[128];
    for (size_t i = 1; i < c->npop; i++)
        if (c->pop[i].year == c->pop[i - 1].year) {
            snprintf(key, sizeof key, "row for %s %d", c->iso3, c->pop[i].year);
            dup_error(dg, c, fp, c->pop[i].line, c->pop[i - 1].line, key);
            pop_known = 0;   /* a year typed twice is likely another year mistyped */
        }
    for (size_t i = 1; i < c->nwork; i++) {
        ds_work *a = &c->work[i - 1], *b = &c->work[i];
        if (a->year == b->year && a->cadre == b->cadre && a->sector == b->sector) {
            snprintf(key, sizeof key, "row for %s %d %s %s", c->iso3, b->year,
                     ds->cadres[b->cadre].id, ds_sector_ids[b->sector]);
            dup_error(dg, c, fw, b->line, a->line, key);
        }
    }
    for (size_t i = 1; i < c->nedu; i++) {
        ds_edu *a = &c->edu[i - 1], *b = &c->edu[i];
        if (a->year == b->year && a->level == b->level) {
            snprintf(key, sizeof key, "row for %s %d %s", c->iso3, b->year, ds_level_ids[b->level]);
            dup_error(dg, c, fe, b->line, a->line, key);
        }
    }
    for (size_t i = 1; i < c->nsys; i++) {
        ds_sys *a = &c->sys[i - 1], *b = &c->sys[i];
        if (a->year == b->year && a->item == b->item) {
            snprintf(key, sizeof key, "row for %s %d %s", c->iso3, b->year, ds->items[b->item].id);
            dup_error(dg, c, fs, b->line, a->line, key);
        }
    }
    /* Two figures of one year and measure with the same definition: the same
     * figure typed twice, or two that would be shown as one. */
    for (size_t i = 1; i < c->npub; i++)
        for (size_t k = i; k-- > 0 && c->pub[k].year == c->pub[i].year;)
            if (c->pub[k].measure == c->pub[i].measure && strcmp(c->pub[k].cadre, c->pub[i].cadre) == 0) {
                char *fp2 = ut_xasprintf("%s/published.csv", ds->dir);
                snprintf(key, sizeof key, "figure for %s %d %s with the same cadre", c->iso3,
                         c->pub[i].year, ds_measure_ids[c->pub[i].measure]);
                dup_error(dg, c, fp2, c->pub[i].line, c->pub[k].line, key);
                free(fp2);
                break;
            }
    for (size_t i = 0, j; i < c->nwork; i = j) {
        for (j = i + 1; j < c->nwork && c->work[j].year == c->work[i].year; j++) {}
        check_year_counts(c, &c->work[i], j - i, pop_known, fw, dg);
    }
    free(fp); free(fw); free(fe); free(fs);
}

/* Sorts countries by code and reports duplicates (the later row is dropped). */
static void index_countries(ds_data *ds, dg_list *dg)
{
    sort_rows(ds->c, ds->nc, sizeof *ds->c, cmp_country);
    size_t k = 0;
    char *file = ut_xasprintf("%s/countries.csv", ds->dir);
    for (size_t i = 0; i < ds->nc; i++) {
        if (k > 0 && strcmp(ds->c[k - 1].iso3, ds->c[i].iso3) == 0) {
            dg_error(dg, file, ds->c[i].line, "iso3", ds->c[i].iso3,
                     "duplicate country %s (first given on line %ld)", ds->c[i].iso3, ds->c[k - 1].line);
            ds->c[k - 1].failed = 1;   /* which of the two rows is right is not known */
            free(ds->c[i].region); free(ds->c[i].subregion); free(ds->c[i].intermediate);
            continue;
        }
        ds->c[k++] = ds->c[i];
    }
    ds->nc = k;
    /* Names and codes typed by people are looked up by alpha-2 too: two
     * countries with one code make either one's rows ambiguous. */
    for (size_t i = 0; i < ds->nc; i++)
        for (size_t j = 0; j < i; j++)
            if (strcmp(ds->c[i].iso2, ds->c[j].iso2) == 0) {
                ds_country *a = &ds->c[j], *b = &ds->c[i];
                if (a->line > b->line) { ds_country *x = a; a = b; b = x; }
                dg_error(dg, file, b->line, "iso2", b->iso3,
                         "duplicate alpha-2 code %s (given to %s on line %ld)", b->iso2, a->iso3, a->line);
                a->failed = b->failed = 1;
            }
    free(file);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Languages are the names/LANG.csv files present. */
static int find_langs(ds_data *ds, dg_list *dg)
{
    char *dir = ut_xasprintf("%s/names", ds->dir);
    DIR *d = opendir(dir);
    if (!d) {
        dg_error(dg, dir, 0, NULL, NULL, "cannot read the folder of country names: %s", strerror(errno));
        free(dir);
        return -1;
    }
    struct dirent *e;
    size_t cap = 0;
    while ((e = readdir(d))) {
        size_t n = strlen(e->d_name);
        if (n < 5 || strcmp(e->d_name + n - 4, ".csv") != 0 || e->d_name[0] == '.') continue;
        ut_grow(&ds->langs, &cap, ds->nlangs + 1, sizeof *ds->langs);
        ds->langs[ds->nlangs++] = ut_xstrndup(e->d_name, n - 4);
    }
    closedir(d);
    sort_rows(ds->langs, ds->nlangs, sizeof *ds->langs, cmp_str);
    int rc = 0;
    if (ds_lang(ds, "en") < 0) {
        dg_error(dg, dir, 0, NULL, NULL, "names/en.csv is missing (English names are the fallback)");
        rc = -1;
    }
    free(dir);
    return rc;
}

/* The country stories (story.h): a bad story fails its country, like a
 * bad row; a story of a country the datasets do not have is not used (a
 * warning, with the code it most likely means). */
static void load_stories(ds_data *ds, dg_list *dg)
{
    char *sd = ut_xasprintf("%s/stories", ds->dir);
    sy_load(sd, &ds->stories, dg);
    free(sd);
    for (size_t i = 0; i < ds->stories.n; i++) {
        sy_story *s = &ds->stories.v[i];
        int ci = ds_find(ds, s->iso3);
        if (ci >= 0) {
            if (!s->ok) ds->c[ci].failed = 1;
            continue;
        }
        const char *near = ds_suggest(ds, s->iso3);
        dg_warn(dg, s->path, 0, NULL, NULL, "no country %s in countries.csv%s%s%s: the story is not used",
                s->iso3, near ? " (did you mean " : "", near ? near : "", near ? "?)" : "");
        s->ok = 0;
    }
}

int ds_load(const char *dir, ds_data *ds, dg_list *dg)
{
    memset(ds, 0, sizeof *ds);
    ds->dir = ut_xstrdup(dir);
    static const char *const cadre_cols[] = { "id", "label", "description", NULL };
    static const char *const item_cols[] = { "id", "pillar", "label", "description", NULL };
    static const char *const country_cols[] = { "iso3", "iso2", "m49", "region", "subregion",
                                                "intermediate_region", NULL };
    static const char *const pop_cols[] = { "iso3", "year", "population", "children_0_14", NULL };
    static const char *const work_cols[] = { "iso3", "year", "cadre", "sector", "count", "source",
                                             "note", NULL };
    static const char *const edu_cols[] = { "iso3", "year", "level", "institutions", "graduates",
                                            "source", NULL };
    static const char *const sys_cols[] = { "iso3", "year", "item", "status", "source", NULL };
    static const char *const name_cols[] = { "iso3", "name", NULL };
    static const char *const pub_cols[] = { "iso3", "year", "measure", "cadre", "value", "unit",
                                            "source_title", "publisher", "source_year", "url", NULL };
    /* One message for a wrong --datasets, not one per missing file. */
    DIR *d = opendir(dir);
    if (!d) {
        dg_error(dg, dir, 0, NULL, NULL, "cannot open the datasets folder: %s", strerror(errno));
        return -1;
    }
    closedir(d);
    int fatal = 0;
    fatal |= read_table(ds, dg, "cadres.csv", cadre_cols, 0x1, cadre_row, -1, DS_REFERRED, NULL) != CR_OK;
    fatal |= read_table(ds, dg, "items.csv", item_cols, 0x3, item_row, -1, DS_REFERRED, NULL) != CR_OK;
    fatal |= read_table(ds, dg, "countries.csv", country_cols, 0x1B, country_row, -1, DS_REFERRED,
                        NULL) != CR_OK;
    index_countries(ds, dg);
    if (fatal) return -1;
    /* No ratio, no headline without population: an export that lost its
     * rows leaves nothing to build. */
    unsigned char *pop_rejected = ut_xcalloc(ds->nc ? ds->nc : 1, 1);
    int pop_fatal = read_table(ds, dg, "population.csv", pop_cols, 0xF, pop_row, -1, DS_POP_NEEDED,
                               pop_rejected) != CR_OK;
    fatal |= pop_fatal;
    fatal |= read_table(ds, dg, "workforce.csv", work_cols, 0x3F, work_row, -1, NULL, NULL) != CR_OK;
    fatal |= read_table(ds, dg, "education.csv", edu_cols, 0x3F, edu_row, -1, NULL, NULL) != CR_OK;
    fatal |= read_table(ds, dg, "system.csv", sys_cols, 0x1F, sys_row, -1, NULL, NULL) != CR_OK;
    /* Published reference figures are optional: a datasets folder from
     * before they existed has none (no file), not an error. */
    char *pub = ut_xasprintf("%s/published.csv", dir);
    if (access(pub, F_OK) == 0 || errno != ENOENT)
        fatal |= read_table(ds, dg, "published.csv", pub_cols, 0x3FF, pub_row, -1, DS_MAY_BE_EMPTY, NULL) != CR_OK;
    free(pub);
    if (find_langs(ds, dg)) {
        free(pop_rejected);
        return -1;
    }
    for (size_t i = 0; i < ds->nc; i++) ds->c[i].names = ut_xcalloc(ds->nlangs, sizeof(char *));
    int en = ds_lang(ds, "en"), en_read = 0;
    for (size_t l = 0; l < ds->nlangs; l++) {
        char *name = ut_xasprintf("names/%s.csv", ds->langs[l]);
        int ok = read_table(ds, dg, name, name_cols, 0x3, name_row, (int)l, NULL, NULL) == CR_OK;
        if ((int)l == en) en_read = ok;
        fatal |= !ok;
        free(name);
    }
    /* Missing population is reported only where no population row of the
     * country was rejected: that row's own message says what is wrong. */
    for (size_t i = 0; i < ds->nc; i++) check_country(ds, &ds->c[i], !pop_fatal && !pop_rejected[i], dg);
    free(pop_rejected);
    /* When en.csv itself is unreadable, its error says it all: a warning for
     * each of the 215 countries would bury it. */
    char *fen = ut_xasprintf("%s/names/en.csv", ds->dir);
    for (size_t i = 0; i < ds->nc && en_read; i++)
        if (!ds->c[i].names[en])
            dg_warn(dg, fen, 0, NULL, ds->c[i].iso3, "no English name for %s", ds->c[i].iso3);
    free(fen);
    load_stories(ds, dg);
    return fatal ? -1 : 0;
}

static void free_terms(ds_term *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(v[i].id); free(v[i].label); free(v[i].description); free(v[i].pillar);
    }
    free(v);
}

void ds_free(ds_data *ds)
{
    for (size_t i = 0; i < ds->nc; i++) {
        ds_country *c = &ds->c[i];
        free(c->region); free(c->subregion); free(c->intermediate);
        free(c->pop);
        for (size_t k = 0; k < c->nwork; k++) { free(c->work[k].source); free(c->work[k].note); }
        free(c->work);
        for (size_t k = 0; k < c->nedu; k++) free(c->edu[k].source);
        free(c->edu);
        for (size_t k = 0; k < c->nsys; k++) free(c->sys[k].source);
        free(c->sys);
        for (size_t k = 0; k < c->npub; k++) {
            ds_pub *p = &c->pub[k];
            free(p->cadre); free(p->unit); free(p->source_title); free(p->publisher); free(p->url);
        }
        free(c->pub);
        if (c->names)
            for (size_t l = 0; l < ds->nlangs; l++) free(c->names[l]);
        free(c->names);
    }
    free(ds->c);
    free_terms(ds->cadres, ds->ncadres);
    free_terms(ds->items, ds->nitems);
    for (size_t l = 0; l < ds->nlangs; l++) free(ds->langs[l]);
    free(ds->langs);
    free(ds->dir);
    sy_free(&ds->stories);
    memset(ds, 0, sizeof *ds);
}

void ds_keep_until(ds_data *ds, int year)
{
    for (size_t i = 0; i < ds->nc; i++) {
        ds_country *c = &ds->c[i];
        while (c->npop && c->pop[c->npop - 1].year > year) c->npop--;
        for (; c->nwork && c->work[c->nwork - 1].year > year; c->nwork--) {
            free(c->work[c->nwork - 1].source);
            free(c->work[c->nwork - 1].note);
        }
        for (; c->nedu && c->edu[c->nedu - 1].year > year; c->nedu--) free(c->edu[c->nedu - 1].source);
        for (; c->nsys && c->sys[c->nsys - 1].year > year; c->nsys--) free(c->sys[c->nsys - 1].source);
        for (; c->npub && c->pub[c->npub - 1].year > year; c->npub--) {
            ds_pub *p = &c->pub[c->npub - 1];
            free(p->cadre); free(p->unit); free(p->source_title); free(p->publisher); free(p->url);
        }
    }
}

int ds_find(const ds_data *ds, const char *iso3)
{
    size_t lo = 0, hi = ds->nc;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(ds->c[mid].iso3, iso3);
        if (c == 0) return (int)mid;
        if (c < 0) lo = mid + 1;
        else hi = mid;
    }
    return -1;
}

int ds_lang(const ds_data *ds, const char *lang)
{
    for (size_t i = 0; i < ds->nlangs; i++)
        if (strcmp(ds->langs[i], lang) == 0) return (int)i;
    return -1;
}

const char *ds_name(const ds_data *ds, const ds_country *c, const char *lang)
{
    int l = ds_lang(ds, lang);
    if (l >= 0 && c->names && c->names[l]) return c->names[l];
    l = ds_lang(ds, "en");
    if (l >= 0 && c->names && c->names[l]) return c->names[l];
    return c->iso3;
}

const char *ds_name_lang(const ds_data *ds, const ds_country *c, const char *lang)
{
    int l = ds_lang(ds, lang);
    if (l >= 0 && c->names && c->names[l]) return lang;
    l = ds_lang(ds, "en");
    return l >= 0 && c->names && c->names[l] ? "en" : NULL;
}

const char *ds_group(const ds_country *c)
{
    return c->intermediate[0] ? c->intermediate : c->subregion;
}

const ds_pop *ds_pop_of(const ds_country *c, int year)
{
    for (size_t i = 0; i < c->npop; i++)
        if (c->pop[i].year == year) return &c->pop[i];
    return NULL;
}
