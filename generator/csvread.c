/* csvread.c — strict CSV reading with line numbers (see csvread.h).
 * libcsv reports no positions, so the input is fed one line at a time: every
 * callback then fires while the line it concerns is the current one. */
#include "csvread.h"
#include "util.h"

#include <csv.h>
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* libcsv's parser state before the first character of a row (csv.c). */
#define CR_ROW_NOT_BEGUN 0

typedef struct reader {
    const char *name;
    dg_list *dg;
    cr_header_fn on_header;
    cr_row_fn on_row;
    void *ctx;
    const char *data;   /* the whole input, after the byte-order mark */
    size_t len;
    struct csv_parser p;
    unsigned char opts;
    char delim;
    long line;          /* line being fed to libcsv */
    size_t line_pos;    /* offset of that line in data */
    long row_line;      /* first line of the row being parsed */
    long field_line;    /* line where the field being parsed starts */
    size_t field_pos;   /* offset of that line in data */
    size_t reread;      /* bytes parsed again after broken multi-line fields */
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

/* Where the line starting at `pos` ends (just past its terminator): at LF,
 * CRLF, or a lone CR, which old Mac exports (Excel's "CSV (Macintosh)") use;
 * without the last case such a file is one line and every message says 1. */
static size_t line_end(const char *data, size_t pos, size_t len)
{
    const char *nl = memchr(data + pos, '\n', len - pos);
    size_t end = nl ? (size_t)(nl - data) + 1 : len;
    const char *cr = memchr(data + pos, '\r', end - pos);
    if (cr && cr + 1 < data + len && cr[1] != '\n') end = (size_t)(cr - data) + 1;
    return end;
}

/* Line breaks (LF, CRLF or lone CR) in s[0..n). */
static long line_breaks(const char *s, size_t n)
{
    long k = 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] == '\n' || (s[i] == '\r' && (i + 1 == n || s[i + 1] != '\n'))) k++;
    return k;
}

static const char *column_name(const reader *r)
{
    return cr_column_name(r->have_header ? &r->hdr : NULL, r->nf);
}

/* The next field starts on the line where this one ended (a quoted field may
 * span lines, so the field's own line is not the current one). */
static void field_done(reader *r)
{
    r->field_line = r->line;
    r->field_pos = r->line_pos;
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
    const char *nul = memchr(p, '\0', len);
    if (nul) {
        /* A damaged row (the file as a whole is text: check_bytes saw no NUL
         * in its header). Only this row is lost, and its country fails. */
        dg_error(r->dg, r->name, r->field_line + line_breaks(p, (size_t)(nul - p)), column_name(r), NULL,
                 "a NUL byte (offset %zu of the field): the row is damaged; retype it or "
                 "re-export the file", (size_t)(nul - p) + 1);
        r->row_bad = 1;
    } else if (bad < len) {
        /* In a multi-line field, name the line of the bad byte itself. */
        dg_error(r->dg, r->name, r->field_line + line_breaks(p, bad), column_name(r), NULL,
                 "invalid UTF-8 (byte 0x%02X at offset %zu of the field); " CR_REEXPORT_HINT,
                 (unsigned)(unsigned char)p[bad], bad + 1);
        r->row_bad = 1;
    }
    ut_buf_add(&r->arena, p, len);
    ut_buf_add(&r->arena, "", 1);   /* keep the NUL between fields */
    r->nf++;
    field_done(r);
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

static void reset_parser(reader *r)
{
    csv_free(&r->p);
    csv_init(&r->p, r->opts);   /* cannot fail for a non-NULL parser */
    csv_set_delim(&r->p, (unsigned char)r->delim);
}

/* libcsv grows a field's buffer by a fixed block (128 bytes), so one long
 * field, such as an unclosed quote swallowing the rest of a big file, costs
 * quadratic copying (minutes under ASan). A block as large as the buffer
 * and the line about to be fed makes the growth geometric. */
static void set_block(reader *r, size_t line_len)
{
    size_t blk = csv_get_buffer_size(&r->p);
    if (blk < line_len + 1) blk = line_len + 1;
    if (blk < 128) blk = 128;
    csv_set_blk_size(&r->p, blk);
}

/* A row the parser cannot finish still reaches the row callback (flagged
 * bad, with the fields read so far) so that its country is failed. */
static void drop_row(reader *r)
{
    r->row_bad = 1;
    if (r->have_header) on_row_end('\n', r);
    else r->stop = 1;
    reset_parser(r);
}

/* Where to go on after a broken field that started on an earlier line than
 * `end`'s: most likely its opening quote was never closed and it swallowed
 * the rows that follow, so parsing resumes at the line after the one where
 * it opened (then only the broken row is lost, not every row it swallowed).
 * The re-reading is bounded so that a pathological file stays linear. */
static size_t resume_at(reader *r, size_t end)
{
    if (r->field_line == r->line || r->reread > 4 * r->len + 4096) return end;
    size_t next = line_end(r->data, r->field_pos, r->len);
    r->reread += end - next;
    r->line = r->field_line;
    return next;
}

static void report_parse_error(reader *r)
{
    if (r->field_line == r->line)
        dg_error(r->dg, r->name, r->line, column_name(r), NULL,
                 "malformed quoting (a quote inside an unquoted field, or text after a closing "
                 "quote; write a quote inside a quoted field as \"\")");
    else
        dg_error(r->dg, r->name, r->field_line, column_name(r), NULL,
                 "malformed quoting: a quoted field opens on this line and closes on line %ld, "
                 "where text follows its closing quote (a closing quote missing on this line, "
                 "or a quote inside the field not written as \"\")", r->line);
}

/* Feeds the input one line at a time from `pos` (every callback then fires
 * while the line it concerns is the current one); returns where to resume
 * after an unclosed quote at the end, or len when done. */
static size_t parse_lines(reader *r, size_t pos)
{
    while (pos < r->len && !r->stop) {
        size_t end = line_end(r->data, pos, r->len);
        r->line++;
        r->line_pos = pos;
        if (r->p.pstate == CR_ROW_NOT_BEGUN && r->nf == 0) {
            r->row_line = r->line;
            field_done(r);
        }
        set_block(r, end - pos);
        size_t done = csv_parse(&r->p, r->data + pos, end - pos, on_field, on_row_end, r);
        if (done != end - pos) {
            report_parse_error(r);
            size_t next = resume_at(r, end);
            drop_row(r);
            pos = next;
        } else {
            pos = end;
        }
    }
    if (r->stop || csv_fini(&r->p, on_field, on_row_end, r) == 0) return r->len;
    dg_error(r->dg, r->name, r->field_line, column_name(r), NULL,
             "a quoted field opens on this line and is not closed before the end of the file");
    size_t next = resume_at(r, r->len);
    drop_row(r);
    return next;
}

/* CR_REEXPORT_HINT ends with "--input-encoding windows-1252", which would
 * read a UTF-16 file as garbage full of NUL bytes. A UTF-16 file with a
 * byte-order mark loads with --input-encoding utf-16; one without may be all
 * ASCII and NUL bytes, valid UTF-8 that --input-encoding leaves alone, so
 * only re-exporting is sure to help. */
#define CR_EXPORT_UTF8 \
    "re-export it as UTF-8 (Excel: Save As > \"CSV UTF-8 (Comma delimited)\"; " \
    "LibreOffice: Save As > Text CSV, Character set \"Unicode (UTF-8)\")"

/* Problems that make the whole file unreadable; reported, returns -1. */
static int check_bytes(const char *name, const char *data, size_t len, dg_list *dg)
{
    size_t k = 0;
    while (k < len && (data[k] == '\n' || data[k] == '\r' || data[k] == ' ')) k++;
    if (k == len) {
        dg_error(dg, name, 0, NULL, NULL, "the file is empty (expected a header row)");
        return -1;
    }
    if (len >= 2 && ((data[0] == '\xFF' && data[1] == '\xFE') || (data[0] == '\xFE' && data[1] == '\xFF'))) {
        dg_error(dg, name, 1, NULL, NULL,
                 "the file is UTF-16; " CR_EXPORT_UTF8 ", or load it with --input-encoding utf-16");
        return -1;
    }
    /* No text file holds NUL bytes; UTF-16 without a byte-order mark does
     * (and would otherwise give baffling "unknown column" messages). Its
     * header line, plain ASCII in any export, then holds them too; a NUL
     * further down is damage to one row, reported with that row. */
    const char *nul = memchr(data, '\0', line_end(data, 0, len));
    if (nul) {
        dg_error(dg, name, 1 + line_breaks(data, (size_t)(nul - data)), NULL, NULL,
                 "the file contains NUL bytes, so it is not UTF-8 text (UTF-16 without a "
                 "byte-order mark?); " CR_EXPORT_UTF8);
        return -1;
    }
    return 0;
}

int cr_read_mem(const char *name, const char *data, size_t len, cr_header_fn on_header,
                cr_row_fn on_row, void *ctx, dg_list *dg)
{
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
        data += 3;   /* UTF-8 byte-order mark, as spreadsheets write it */
        len -= 3;
    }
    if (check_bytes(name, data, len, dg)) return CR_FAILED;

    reader r = { .name = name, .dg = dg, .on_header = on_header, .on_row = on_row, .ctx = ctx,
                 .data = data, .len = len, .delim = detect_delimiter(data, len),
                 .opts = CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL | CSV_EMPTY_IS_NULL };
    if (csv_init(&r.p, r.opts) != 0) {
        dg_error(dg, name, 0, NULL, NULL, "cannot initialise the CSV parser");
        return CR_FAILED;
    }
    csv_set_delim(&r.p, (unsigned char)r.delim);
    size_t pos = 0;
    while (pos < len && !r.stop) pos = parse_lines(&r, pos);
    csv_free(&r.p);
    if (!r.have_header) dg_error(dg, name, 1, NULL, NULL, "no header row could be read");
    /* stop: the header was unusable (already reported). */
    int status = (!r.have_header || r.stop) ? CR_FAILED : CR_OK;
    for (size_t i = 0; i < r.hdr.n; i++) free((void *)r.hdr.f[i].s);
    free(r.hdr.f);
    free(r.offs);
    ut_buf_free(&r.arena);
    return status;
}

static char input_encoding[64];

int cr_set_input_encoding(const char *encoding)
{
    input_encoding[0] = '\0';
    if (!encoding || !strcasecmp(encoding, "utf-8") || !strcasecmp(encoding, "utf8")) return 0;
    iconv_t cd = iconv_open("UTF-8", encoding);
    if (cd == (iconv_t)-1) return -1;
    iconv_close(cd);
    snprintf(input_encoding, sizeof input_encoding, "%s", encoding);
    return 0;
}

/* Converts data (len bytes) from input_encoding to UTF-8; NULL with a
 * message in dg when a byte has no meaning in that encoding. */
static char *to_utf8(const char *name, const char *data, size_t len, size_t *out_len, dg_list *dg)
{
    iconv_t cd = iconv_open("UTF-8", input_encoding);
    size_t cap = len * 3 + 16, left_out = cap, left_in = len;
    char *out = ut_xmalloc(cap), *op = out;
    char *ip = (char *)data;
    size_t r = iconv(cd, &ip, &left_in, &op, &left_out);
    iconv_close(cd);
    if (r == (size_t)-1) {
        long line = 1;
        for (const char *p = data; p < ip; p++) line += *p == '\n';
        dg_error(dg, name, line, NULL, NULL, "byte 0x%02X is not valid %s (%s)",
                 (unsigned)(unsigned char)*ip, input_encoding, strerror(errno));
        free(out);
        return NULL;
    }
    *out_len = (size_t)(op - out);
    return out;
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
    /* Only a file that is not UTF-8 is converted: the other files of the
     * folder (Arabic or Chinese names) stay as they are. */
    if (input_encoding[0] && ut_utf8_check(data, len) != len) {
        size_t ulen;
        char *u = to_utf8(name, data, len, &ulen, dg);
        free(data);
        if (!u) return CR_FAILED;
        data = u;
        len = ulen;
    }
    int rc = cr_read_mem(name, data, len, on_header, on_row, ctx, dg);
    free(data);
    return rc;
}

size_t cr_line_end(const char *data, size_t pos, size_t len)
{
    return pos >= len ? len : line_end(data, pos, len);
}

char cr_delimiter(const char *data, size_t len)
{
    return detect_delimiter(data, len);
}
