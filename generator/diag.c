/* diag.c — collecting and printing diagnostics (see diag.h). */
#include "diag.h"
#include "util.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void dg_add(dg_list *d, dg_severity sev, const char *file, long line, const char *column,
            const char *iso3, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    dg_vadd(d, sev, file, line, column, iso3, fmt, ap);
    va_end(ap);
}

static int shown_country(char *const *only, const char *iso3)
{
    for (; *only; only++)
        if (strcmp(*only, iso3) == 0) return 1;
    return 0;
}

void dg_vadd(dg_list *d, dg_severity sev, const char *file, long line, const char *column,
             const char *iso3, const char *fmt, va_list ap)
{
    if (d->only && iso3 && *iso3 && !shown_country(d->only, iso3)) {
        if (sev == DG_ERROR) {
            d->nerrors++;
            d->hidden_errors++;
        } else {
            d->nwarnings++;
            d->hidden_warnings++;
        }
        return;
    }
    const char *last = d->n ? d->v[d->n - 1].file : NULL;
    int same = d->n && file && last && strcmp(file, last) == 0;
    if (!same) d->run = 0;
    if (++d->run > DG_MAX_PER_FILE) {
        d->v[d->n - 1].more++;
        if (sev == DG_ERROR) d->nerrors++;
        else d->nwarnings++;
        return;
    }
    ut_grow(&d->v, &d->cap, d->n + 1, sizeof *d->v);
    dg_item *it = &d->v[d->n++];
    memset(it, 0, sizeof *it);
    it->sev = sev;
    it->file = file ? ut_xstrdup(file) : NULL;
    it->line = line;
    if (column) {
        /* Column names come from users' header rows: shown like any value. */
        ut_buf b = {0};
        ut_buf_shown(&b, column, strlen(column), UT_SHOWN_CHARS);
        it->column = b.data;
    }
    if (iso3) snprintf(it->iso3, sizeof it->iso3, "%s", iso3);
    it->msg = ut_xvasprintf(fmt, ap);
    if (sev == DG_ERROR) d->nerrors++;
    else d->nwarnings++;
}

char *dg_format(const dg_item *it)
{
    ut_buf b = {0};
    if (it->file) {
        ut_buf_puts(&b, it->file);
        if (it->line > 0) ut_buf_printf(&b, ":%ld", it->line);
        ut_buf_puts(&b, ": ");
    }
    if (it->sev == DG_WARNING) ut_buf_puts(&b, "warning: ");
    if (it->column) ut_buf_printf(&b, "column %s: ", it->column);
    ut_buf_puts(&b, it->msg);
    if (it->more)
        ut_buf_printf(&b, "\n%s: %zu more problems in this file are not shown",
                      it->file ? it->file : "sswr", it->more);
    return b.data;
}

void dg_print(const dg_list *d, FILE *out)
{
    for (size_t i = 0; i < d->n; i++) {
        char *s = dg_format(&d->v[i]);
        fprintf(out, "%s\n", s);
        free(s);
    }
}

void dg_print_sev(const dg_list *d, dg_severity sev, FILE *out)
{
    for (size_t i = 0; i < d->n; i++) {
        if (d->v[i].sev != sev) continue;
        char *s = dg_format(&d->v[i]);
        fprintf(out, "%s\n", s);
        free(s);
    }
}

void dg_free(dg_list *d)
{
    for (size_t i = 0; i < d->n; i++) {
        free(d->v[i].file);
        free(d->v[i].column);
        free(d->v[i].msg);
    }
    free(d->v);
    memset(d, 0, sizeof *d);
}
