/* export.c — indicators as CSV or JSON (see export.h). Numbers use a point
 * and no grouping: these files are read by programs, not people. */
#include "export.h"

#include "util.h"

#include <math.h>
#include <string.h>

/* Below this, v × 10^6 fits a long long exactly enough to round by hand. */
#define EX_FAST_LIMIT 1e12

void ex_number(char *buf, size_t n, double v, int decimals)
{
    /* Keep a little more precision than the display so rounding stays the
     * reader's choice, but never print binary noise. Plain integer work: the
     * exports print ~100,000 numbers and printf's %f was most of their cost. */
    static const long long pow10[7] = { 1, 10, 100, 1000, 10000, 100000, 1000000 };
    int d = decimals + 2;
    if (d > 6) d = 6;
    if (d < 0) d = 0;
    double scaled = v * (double)pow10[d];
    double frac = fabs(scaled - trunc(scaled));
    /* Near a half, v × 10^d may round the wrong way in the multiplication:
     * printf rounds the exact binary value, so it decides those. */
    if (!(fabs(v) < EX_FAST_LIMIT) || n < 32 || fabs(frac - 0.5) < 1e-4) {
        snprintf(buf, n, "%.*f", d, v);
        char *dot = strchr(buf, '.');
        if (dot) {
            char *e = buf + strlen(buf) - 1;
            while (e > dot && *e == '0') *e-- = '\0';
            if (e == dot) *e = '\0';
        }
        return;
    }
    long long r = llround(scaled);
    char tmp[32];
    int k = 0, neg = r < 0;
    unsigned long long u = neg ? (unsigned long long)(-(r + 1)) + 1 : (unsigned long long)r;
    unsigned long long ip = u / (unsigned long long)pow10[d], fp = u % (unsigned long long)pow10[d];
    int fd = d;
    while (fd > 0 && fp % 10 == 0) { fp /= 10; fd--; }   /* drop trailing zeros */
    for (int i = 0; i < fd; i++) { tmp[k++] = (char)('0' + fp % 10); fp /= 10; }
    if (fd) tmp[k++] = '.';
    do { tmp[k++] = (char)('0' + ip % 10); ip /= 10; } while (ip);
    if (neg && u) tmp[k++] = '-';
    for (int i = 0; i < k; i++) buf[i] = tmp[k - 1 - i];
    buf[k] = '\0';
}

/* Rows are assembled in a buffer written out every EX_CHUNK bytes: one
 * stdio call per field (~900,000 of them) was most of the export's cost.
 * put_row reserves a row's room once, then copies the fields in. */
#define EX_CHUNK 65536

/* Copies s to w; returns the end. */
static char *put(char *w, const char *s)
{
    size_t n = strlen(s);
    memcpy(w, s, n);
    return w + n;
}

/* A CSV field, quoted when it must be (room: 2 × strlen + 2). */
static char *csv_str(char *w, const char *s)
{
    if (!strpbrk(s, ",\"\n\r")) return put(w, s);
    *w++ = '"';
    for (; *s; s++) {
        if (*s == '"') *w++ = '"';
        *w++ = *s;
    }
    *w++ = '"';
    return w;
}

/* A JSON string (room: 6 × strlen + 2). */
static char *json_str(char *w, const char *s)
{
    static const char hex[] = "0123456789abcdef";
    *w++ = '"';
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\') {
            *w++ = '\\';
            *w++ = (char)c;
        } else if (c == '\n') {
            w = put(w, "\\n");
        } else if (c < 0x20) {
            w = put(w, "\\u00");
            *w++ = hex[c >> 4];
            *w++ = hex[c & 15];
        } else {
            *w++ = (char)c;
        }
    }
    *w++ = '"';
    return w;
}

/* One row, in either format. */
static void put_row(ut_buf *b, ex_format fmt, const char *iso3, const cp_indicator *ind,
                    const char *key, int year, const char *num, int ill, int first)
{
    char year_s[8] = { (char)('0' + year / 1000), (char)('0' + year / 100 % 10),
                       (char)('0' + year / 10 % 10), (char)('0' + year % 10), '\0' };
    size_t room = strlen(iso3) + strlen(ind->id) + strlen(ind->unit) + strlen(num) +
                  6 * (key ? strlen(key) : 0) + 128;   /* + the fixed text */
    ut_grow(&b->data, &b->cap, b->len + room, 1);
    char *w = b->data + b->len;
    if (fmt == EX_CSV) {
        w = put(w, iso3);
        *w++ = ',';
        w = put(w, ind->id);
        *w++ = ',';
        w = csv_str(w, key ? key : "");
        *w++ = ',';
        w = put(w, year_s);
        *w++ = ',';
        w = put(w, num);
        *w++ = ',';
        w = put(w, ind->unit);
        w = put(w, ill ? ",1\n" : ",0\n");
    } else {
        w = put(w, first ? "\n{\"iso3\":\"" : ",\n{\"iso3\":\"");
        w = put(w, iso3);
        w = put(w, "\",\"indicator\":\"");
        w = put(w, ind->id);
        w = put(w, "\",\"key\":");
        w = key ? json_str(w, key) : put(w, "null");
        w = put(w, ",\"year\":");
        w = put(w, year_s);
        w = put(w, ",\"value\":");
        w = put(w, num);
        w = put(w, ",\"unit\":\"");
        w = put(w, ind->unit);
        w = put(w, ill ? "\",\"illustrative\":true}" : "\",\"illustrative\":false}");
    }
    b->len = (size_t)(w - b->data);
}

size_t ex_write(FILE *out, ex_format fmt, const ds_data *ds, const cp_model *m,
                const unsigned char *selected, int year)
{
    size_t rows = 0;
    ut_buf b = {0};
    ut_buf_puts(&b, fmt == EX_CSV ? "iso3,indicator,key,year,value,unit,illustrative\n" : "[");
    for (size_t ci = 0; ci < m->nc; ci++) {
        if (selected && !selected[ci]) continue;
        const cp_country *cc = &m->c[ci];
        for (size_t i = 0; i < m->nind; i++) {
            const cp_indicator *ind = &m->ind[i];
            for (size_t k = 0; k < cc->ns; k++) {
                const cp_series *s = &cc->s[k];
                if (s->ind != (int)i) continue;
                for (int y = 0; y < CP_NYEARS; y++) {
                    if (isnan(s->v[y]) || (year && y + DS_YEAR_MIN != year)) continue;
                    char num[64];
                    ex_number(num, sizeof num, s->v[y], ind->decimals);
                    put_row(&b, fmt, ds->c[ci].iso3, ind, s->key, y + DS_YEAR_MIN, num,
                            cp_illustrative(m, ci, i, y + DS_YEAR_MIN), rows == 0);
                    rows++;
                    if (b.len >= EX_CHUNK) {
                        fwrite(b.data, 1, b.len, out);
                        b.len = 0;
                    }
                }
            }
        }
    }
    if (fmt == EX_JSON) ut_buf_puts(&b, "\n]\n");
    fwrite(b.data, 1, b.len, out);
    ut_buf_free(&b);
    return rows;
}
