/* export.c — indicators as CSV or JSON (see export.h). Numbers use a point
 * and no grouping: these files are read by programs, not people. */
#include "export.h"

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

static void csv_str(FILE *out, const char *s)
{
    if (!strpbrk(s, ",\"\n\r")) { fputs(s, out); return; }
    fputc('"', out);
    for (; *s; s++) {
        if (*s == '"') fputc('"', out);
        fputc(*s, out);
    }
    fputc('"', out);
}

static void json_str(FILE *out, const char *s)
{
    fputc('"', out);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\') fprintf(out, "\\%c", c);
        else if (c == '\n') fputs("\\n", out);
        else if (c < 0x20) fprintf(out, "\\u%04x", c);
        else fputc(c, out);
    }
    fputc('"', out);
}

size_t ex_write(FILE *out, ex_format fmt, const ds_data *ds, const cp_model *m,
                const unsigned char *selected, int year)
{
    size_t rows = 0;
    if (fmt == EX_CSV) fputs("iso3,indicator,key,year,value,unit,illustrative\n", out);
    else fputs("[", out);
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
                    char num[64], year_s[16];
                    ex_number(num, sizeof num, s->v[y], ind->decimals);
                    snprintf(year_s, sizeof year_s, "%d", y + DS_YEAR_MIN);
                    int ill = cp_illustrative(m, ci, i, y + DS_YEAR_MIN);
                    /* Rows are assembled with fputs: ~100,000 fprintf calls
                     * were most of the export's cost. */
                    if (fmt == EX_CSV) {
                        fputs(ds->c[ci].iso3, out);
                        fputc(',', out);
                        fputs(ind->id, out);
                        fputc(',', out);
                        csv_str(out, s->key ? s->key : "");
                        fputc(',', out);
                        fputs(year_s, out);
                        fputc(',', out);
                        fputs(num, out);
                        fputc(',', out);
                        fputs(ind->unit, out);
                        fputs(ill ? ",1\n" : ",0\n", out);
                    } else {
                        fputs(rows ? ",\n{\"iso3\":\"" : "\n{\"iso3\":\"", out);
                        fputs(ds->c[ci].iso3, out);
                        fputs("\",\"indicator\":\"", out);
                        fputs(ind->id, out);
                        fputs("\",\"key\":", out);
                        if (s->key) json_str(out, s->key);
                        else fputs("null", out);
                        fputs(",\"year\":", out);
                        fputs(year_s, out);
                        fputs(",\"value\":", out);
                        fputs(num, out);
                        fputs(",\"unit\":\"", out);
                        fputs(ind->unit, out);
                        fputs(ill ? "\",\"illustrative\":true}" : "\",\"illustrative\":false}", out);
                    }
                    rows++;
                }
            }
        }
    }
    if (fmt == EX_JSON) fputs("\n]\n", out);
    return rows;
}
