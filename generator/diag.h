/* diag.h — diagnostics: every problem found in users' files, collected (not
 * just the first), each with its file, line, column name and the country it
 * concerns, so one country's bad data can fail that country alone.
 * Printed as `FILE:LINE: column NAME: message` (warnings add `warning: `).
 * Prefix: dg_. */
#ifndef SSWR_DIAG_H
#define SSWR_DIAG_H

#include <stdarg.h>
#include <stdio.h>

typedef enum { DG_ERROR, DG_WARNING } dg_severity;

typedef struct dg_item {
    dg_severity sev;
    char *file;     /* may be NULL (no file concerned) */
    long line;      /* 0 when not known */
    char *column;   /* column name, may be NULL */
    char iso3[4];   /* country concerned, "" when none */
    char *msg;
    size_t more;    /* problems of the same file after this one, not kept */
} dg_item;

/* Items kept per file: a 100 MB file of bad rows must not print a million
 * lines. Further problems are still counted (and fail their country); a
 * last line says how many were not shown. */
#define DG_MAX_PER_FILE 100

typedef struct dg_list {
    dg_item *v;
    size_t n, cap;
    size_t nerrors, nwarnings;   /* all problems, kept or not */
    size_t run;          /* items of the same file in a row */
    /* `sswr check --country`: when set (NULL-terminated ISO3 codes, owned by
     * the caller), a problem of another country is counted in nerrors or
     * nwarnings and in hidden_*, but not kept (so it takes none of its file's
     * DG_MAX_PER_FILE); a problem of no country (a missing column) is kept. */
    char *const *only;
    size_t hidden_errors, hidden_warnings;
} dg_list;

void dg_add(dg_list *d, dg_severity sev, const char *file, long line, const char *column,
            const char *iso3, const char *fmt, ...) __attribute__((format(printf, 7, 8)));
/* The same with a va_list: for a module's own reporting function (one that
 * adds its file, line or country to every message it reports). */
void dg_vadd(dg_list *d, dg_severity sev, const char *file, long line, const char *column,
             const char *iso3, const char *fmt, va_list ap) __attribute__((format(printf, 7, 0)));
#define dg_error(d, file, line, col, iso3, ...) dg_add(d, DG_ERROR, file, line, col, iso3, __VA_ARGS__)
#define dg_warn(d, file, line, col, iso3, ...) dg_add(d, DG_WARNING, file, line, col, iso3, __VA_ARGS__)

/* Formats one item as it is printed (owned by the caller), followed by a
 * line counting the problems of its file not kept after it, if any. */
char *dg_format(const dg_item *it);
void dg_print(const dg_list *d, FILE *out);
/* The items of one severity alone, in order (errors before warnings). */
void dg_print_sev(const dg_list *d, dg_severity sev, FILE *out);
void dg_free(dg_list *d);

#endif
