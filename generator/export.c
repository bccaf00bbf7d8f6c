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
 * stdio call per field (~900,000 of them) was most of the export's cost. */
#define EX_CHUNK 65536

static void csv_str(ut_buf *b, const char *s)
{
    if (!strpbrk(s, ",\"\n\r")) { ut_buf_puts(b, s); return; }
    ut_buf_add(b, "\"", 1);
    for (; *s; s++) {
        if (*s == '"') ut_buf_add(b, "\"", 1);
        ut_buf_add(b, s, 1);
    }
    ut_buf_add(b, "\"", 1);
}

static void json_str(ut_buf *b, const char *s)
{
    ut_buf_add(b, "\"", 1);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\') ut_buf_printf(b, "\\%c", c);
        else if (c == '\n') ut_buf_puts(b, "\\n");
        else if (c < 0x20) ut_buf_printf(b, "\\u%04x", c);
        else ut_buf_add(b, s, 1);
    }
    ut_buf_add(b, "\"", 1);
}

/* One row, in either format. */
static void put_row(ut_buf *b, ex_format fmt, const char *iso3, const cp_indicator *ind,
                    const char *key, int year, const char *num, int ill, int first)
{
    char year_s[8] = { (char)('0' + year / 1000), (char)('0' + year / 100 % 10),
                       (char)('0' + year / 10 % 10), (char)('0' + year % 10), '\0' };
    if (fmt == EX_CSV) {
        ut_buf_puts(b, iso3);
        ut_buf_add(b, ",", 1);
        ut_buf_puts(b, ind->id);
        ut_buf_add(b, ",", 1);
        csv_str(b, key ? key : "");
        ut_buf_add(b, ",", 1);
        ut_buf_puts(b, year_s);
        ut_buf_add(b, ",", 1);
        ut_buf_puts(b, num);
        ut_buf_add(b, ",", 1);
        ut_buf_puts(b, ind->unit);
        ut_buf_puts(b, ill ? ",1\n" : ",0\n");
        return;
    }
    ut_buf_puts(b, first ? "\n{\"iso3\":\"" : ",\n{\"iso3\":\"");
    ut_buf_puts(b, iso3);
    ut_buf_puts(b, "\",\"indicator\":\"");
    ut_buf_puts(b, ind->id);
    ut_buf_puts(b, "\",\"key\":");
    if (key) json_str(b, key);
    else ut_buf_puts(b, "null");
    ut_buf_puts(b, ",\"year\":");
    ut_buf_puts(b, year_s);
    ut_buf_puts(b, ",\"value\":");
    ut_buf_puts(b, num);
    ut_buf_puts(b, ",\"unit\":\"");
    ut_buf_puts(b, ind->unit);
    ut_buf_puts(b, ill ? "\",\"illustrative\":true}" : "\",\"illustrative\":false}");
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
