/* fuzz_csv.c — the CSV reader (csvread.c, through libcsv) on arbitrary
 * bytes: cr_read_mem with callbacks that read every field and name every
 * column. Invariants: fields are NUL-terminated with the stated length,
 * a row not flagged bad is valid UTF-8, and every line number (rows and
 * messages) lies inside the input. */
#include <stdint.h>

#include "csvread.h"
#include "fuzz_util.h"
#include "util.h"

typedef struct ctx {
    long lines;          /* most lines the input can have */
    long last;
    size_t rows;
    int stop_at_header;
    const cr_row *hdr;
} ctx;

static void check_row(ctx *c, const cr_row *r)
{
    FZ_CHECK(r->line >= 1 && r->line <= c->lines, "row line %ld of %ld", r->line, c->lines);
    FZ_CHECK(r->n == 0 || r->f != NULL, "fields missing");
    for (size_t i = 0; i < r->n; i++) {
        FZ_CHECK(r->f[i].s != NULL, "field %zu is NULL", i);
        FZ_CHECK(strlen(r->f[i].s) == r->f[i].len, "field %zu: len %zu, strlen %zu", i,
                 r->f[i].len, strlen(r->f[i].s));
        if (!r->bad)
            FZ_CHECK(ut_utf8_check(r->f[i].s, r->f[i].len) == r->f[i].len,
                     "invalid UTF-8 in a row not flagged bad (line %ld, field %zu)", r->line, i);
    }
}

static int on_header(void *p, const cr_row *hdr)
{
    ctx *c = p;
    check_row(c, hdr);
    c->hdr = hdr;
    for (size_t i = 0; i < hdr->n + 2; i++) {
        const char *name = cr_column_name(hdr, i);
        FZ_CHECK(name && (i >= hdr->n || !hdr->f[i].len ? name[0] == '#' : !strcmp(name, hdr->f[i].s)),
                 "column name %zu", i);
    }
    return c->stop_at_header;
}

static void on_row(void *p, const cr_row *row)
{
    ctx *c = p;
    check_row(c, row);
    c->rows++;
    for (size_t i = 0; i < row->n + 1; i++) (void)cr_column_name(c->hdr, i);
    (void)cr_column_name(NULL, row->n);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
    /* Exact-size heap copy: ASan sees any read past the end. */
    char *buf = malloc(len ? len : 1);
    if (!buf) abort();
    if (len) memcpy(buf, data, len);
    ctx c = { .lines = 1 };
    for (size_t i = 0; i < len; i++)
        if (buf[i] == '\n' || buf[i] == '\r') c.lines++;
    /* A header callback that refuses the header, now and then. */
    c.stop_at_header = len > 0 && (data[len - 1] & 0x7F) == 0x5A;
    dg_list dg = {0};
    int rc = cr_read_mem("fuzz.csv", buf, len, on_header, on_row, &c, &dg);
    FZ_CHECK(rc == CR_OK || rc == CR_FAILED, "status %d", rc);
    for (size_t i = 0; i < dg.n; i++) {
        FZ_CHECK(dg.v[i].line >= 0 && dg.v[i].line <= c.lines, "message line %ld of %ld: %s",
                 dg.v[i].line, c.lines, dg.v[i].msg);
        char *s = dg_format(&dg.v[i]);
        free(s);
    }
    dg_free(&dg);
    free(buf);
    return 0;
}
