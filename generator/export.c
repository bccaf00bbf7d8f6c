/* export.c — indicators as CSV or JSON (see export.h). Numbers use a point
 * and no grouping: these files are read by programs, not people. */
#include "export.h"

#include <math.h>
#include <string.h>

void ex_number(char *buf, size_t n, double v, int decimals)
{
    /* Keep a little more precision than the display so rounding stays the
     * reader's choice, but never print binary noise. */
    int d = decimals + 2;
    if (d > 6) d = 6;
    snprintf(buf, n, "%.*f", d, v);
    char *dot = strchr(buf, '.');
    if (dot) {
        char *e = buf + strlen(buf) - 1;
        while (e > dot && *e == '0') *e-- = '\0';
        if (e == dot) *e = '\0';
    }
    if (strcmp(buf, "-0") == 0) strcpy(buf, "0");
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
                    char num[64];
                    ex_number(num, sizeof num, s->v[y], ind->decimals);
                    int ill = cc->illustrative[y];
                    if (fmt == EX_CSV) {
                        fprintf(out, "%s,%s,", ds->c[ci].iso3, ind->id);
                        csv_str(out, s->key ? s->key : "");
                        fprintf(out, ",%d,%s,%s,%d\n", y + DS_YEAR_MIN, num, ind->unit, ill);
                    } else {
                        fprintf(out, "%s\n{\"iso3\":\"%s\",\"indicator\":\"%s\",\"key\":", rows ? "," : "",
                                ds->c[ci].iso3, ind->id);
                        if (s->key) json_str(out, s->key);
                        else fputs("null", out);
                        fprintf(out, ",\"year\":%d,\"value\":%s,\"unit\":\"%s\",\"illustrative\":%s}",
                                y + DS_YEAR_MIN, num, ind->unit, ill ? "true" : "false");
                    }
                    rows++;
                }
            }
        }
    }
    if (fmt == EX_JSON) fputs("\n]\n", out);
    return rows;
}
