/* csvread.c — strict CSV reading with line numbers (see csvread.h).
 * libcsv reports no positions, so the input is fed one line at a time: every
 * callback then fires while the line it concerns is the current one. */
#include "csvread.h"
#include "util.h"

#include <csv.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* libcsv's parser state before the first character of a row (csv.c). */
#define CR_ROW_NOT_BEGUN 0

typedef struct reader {
    const char *name;
    dg_list *dg;
    cr_header_fn on_header;
    cr_row_fn on_row;
    void *ctx;
    long line;          /* line being fed to libcsv */
    long row_line;      /* first line of the row being parsed */
    ut_buf arena;       /* current row's field bytes, NUL-separated */
    size_t *offs;       /* field start offsets into arena */
    size_t nf, cap;
    int row_bad;
    int have_header, stop;
    cr_row hdr;         /* owned copy of the header row */
} reader;

const char *cr_column_name(const cr_row *hdr, size_t i)
{
    static char num[32];
    if (hdr && i < hdr->n && hdr->f[i].len) return hdr->f[i].s;
    snprintf(num, sizeof num, "#%zu", i + 1);
    return num;
}

static void on_field(void *s, size_t len, void *data)
{
    reader *r = data;
    if (r->stop) return;
    ut_grow(&r->offs, &r->cap, r->nf + 1, sizeof *r->offs);
    r->offs[r->nf] = r->arena.len;
    const char *p = s ? s : "";
    if (!s) len = 0;
    size_t bad = ut_utf8_check(p, len);
    if (bad < len) {
        dg_error(r->dg, r->name, r->line, cr_column_name(r->have_header ? &r->hdr : NULL, r->nf),
                 NULL, "invalid UTF-8 (byte 0x%02X at offset %zu of the field); " CR_REEXPORT_HINT,
                 (unsigned)(unsigned char)p[bad], bad + 1);
        r->row_bad = 1;
    }
    ut_buf_add(&r->arena, p, len);
    ut_buf_add(&r->arena, "", 1);   /* keep the NUL between fields */
    r->nf++;
}

/* Builds a cr_row view over the arena (pointers are valid until the arena
 * changes, i.e. for the duration of the callback). */
static cr_row view_row(reader *r, cr_field *fields)
{
    for (size_t i = 0; i < r->nf; i++) {
        fields[i].s = r->arena.data + r->offs[i];
        fields[i].len = strlen(fields[i].s);
    }
    return (cr_row){ .line = r->row_line, .n = r->nf, .f = fields, .bad = r->row_bad };
}

static void keep_header(reader *r, const cr_row *row)
{
    r->hdr.line = row->line;
    r->hdr.n = row->n;
    r->hdr.f = ut_xcalloc(row->n ? row->n : 1, sizeof *r->hdr.f);
    for (size_t i = 0; i < row->n; i++) {
        r->hdr.f[i].s = ut_xstrdup(row->f[i].s);
        r->hdr.f[i].len = row->f[i].len;
    }
    r->hdr.bad = row->bad;
}

static void on_row_end(int c, void *data)
{
    (void)c;
    reader *r = data;
    if (r->stop) goto reset;
    cr_field stack[16];
    cr_field *fields = r->nf <= 16 ? stack : ut_xmalloc(r->nf * sizeof *fields);
    cr_row row = view_row(r, fields);
    if (!r->have_header) {
        keep_header(r, &row);
        r->have_header = 1;
        if (r->on_header(r->ctx, &r->hdr)) r->stop = 1;
    } else {
        r->on_row(r->ctx, &row);
    }
    if (fields != stack) free(fields);
reset:
    r->nf = 0;
    r->arena.len = 0;
    r->row_bad = 0;
}

/* Counts candidate delimiters outside quotes on the first line. */
static char detect_delimiter(const char *s, size_t len)
{
    size_t comma = 0, semi = 0, tab = 0;
    int inq = 0;
    for (size_t i = 0; i < len && (inq || (s[i] != '\n' && s[i] != '\r')); i++) {
        if (s[i] == '"') inq = !inq;
        else if (!inq && s[i] == ',') comma++;
        else if (!inq && s[i] == ';') semi++;
        else if (!inq && s[i] == '\t') tab++;
    }
    if (semi > comma && semi >= tab) return ';';
    if (tab > comma && tab > semi) return '\t';
    return ',';
}

static void report_parse_error(reader *r, struct csv_parser *p)
{
    const char *col = cr_column_name(r->have_header ? &r->hdr : NULL, r->nf);
    (void)p;
    dg_error(r->dg, r->name, r->line, col, NULL,
             "malformed quoting (a quote inside an unquoted field, or text after a closing quote; "
             "write a quote inside a quoted field as \"\")");
}

int cr_read_mem(const char *name, const char *data, size_t len, cr_header_fn on_header,
                cr_row_fn on_row, void *ctx, dg_list *dg)
{
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
        data += 3;   /* UTF-8 byte-order mark, as spreadsheets write it */
        len -= 3;
    }
    size_t k = 0;
    while (k < len && (data[k] == '\n' || data[k] == '\r' || data[k] == ' ')) k++;
    if (k == len) {
        dg_error(dg, name, 0, NULL, NULL, "the file is empty (expected a header row)");
        return CR_FAILED;
    }
    if (len >= 2 && ((data[0] == '\xFF' && data[1] == '\xFE') || (data[0] == '\xFE' && data[1] == '\xFF'))) {
        dg_error(dg, name, 1, NULL, NULL, "the file is UTF-16; " CR_REEXPORT_HINT);
        return CR_FAILED;
    }

    reader r = { .name = name, .dg = dg, .on_header = on_header, .on_row = on_row, .ctx = ctx };
    struct csv_parser p;
    unsigned char opts = CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL | CSV_EMPTY_IS_NULL;
    if (csv_init(&p, opts) != 0) {
        dg_error(dg, name, 0, NULL, NULL, "cannot initialise the CSV parser");
        return CR_FAILED;
    }
    char delim = detect_delimiter(data, len);
    csv_set_delim(&p, (unsigned char)delim);

    size_t pos = 0;
    r.line = 0;
    while (pos < len && !r.stop) {
        const char *nl = memchr(data + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - data) + 1 : len;
        r.line++;
        if (p.pstate == CR_ROW_NOT_BEGUN && r.nf == 0) r.row_line = r.line;
        size_t done = csv_parse(&p, data + pos, end - pos, on_field, on_row_end, &r);
        if (done != end - pos) {
            report_parse_error(&r, &p);
            /* Resynchronise at the next line: drop the broken row (but let
             * the row callback see it as bad so its country is marked). */
            r.row_bad = 1;
            if (r.have_header) on_row_end('\n', &r);
            else r.stop = 1;
            csv_free(&p);
            csv_init(&p, opts);
            csv_set_delim(&p, (unsigned char)delim);
        }
        pos = end;
    }
    if (!r.stop && csv_fini(&p, on_field, on_row_end, &r) != 0) {
        dg_error(dg, name, r.row_line, NULL, NULL,
                 "a quoted field is not closed before the end of the file");
        r.row_bad = 1;
        if (r.have_header) on_row_end('\n', &r);
    }
    csv_free(&p);
    int failed = !r.have_header || (r.stop && r.hdr.n == 0);
    if (!r.have_header) dg_error(dg, name, 1, NULL, NULL, "no header row could be read");
    int status = (failed || (r.stop && r.have_header && r.hdr.bad)) ? CR_FAILED : CR_OK;
    if (r.stop) status = CR_FAILED;
    for (size_t i = 0; i < r.hdr.n; i++) free((void *)r.hdr.f[i].s);
    free(r.hdr.f);
    free(r.offs);
    ut_buf_free(&r.arena);
    return status;
}

int cr_read_file(const char *path, const char *name, cr_header_fn on_header, cr_row_fn on_row,
                 void *ctx, dg_list *dg)
{
    size_t len;
    char *data = ut_read_file(path, &len);
    if (!data) {
        dg_error(dg, name, 0, NULL, NULL, "cannot read the file: %s", strerror(errno));
        return CR_FAILED;
    }
    int rc = cr_read_mem(name, data, len, on_header, on_row, ctx, dg);
    free(data);
    return rc;
}
