/* test_export.c — unit tests of export.c: the exact CSV and JSON text of a
 * small hand-made model (keys that need quoting or escaping, missing years,
 * the illustrative flag, --year and --country filters), number formatting,
 * and an export larger than the write buffer compared row by row with what
 * the model holds. Prints one line per failed check; exits 1 if any failed. */
#include "compute.h"
#include "export.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int checks, failures;

static void check_str(int line, const char *got, const char *want)
{
    checks++;
    if (strcmp(got, want) == 0) return;
    failures++;
    printf("%s:%d: expected\n%s\ngot\n%s\n", __FILE__, line, want, got);
}
#define CHECK_STR(got, want) check_str(__LINE__, (got), (want))
#define CHECK(cond) do { checks++; if (!(cond)) { failures++; \
    printf("%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); } } while (0)

/* Runs ex_write into memory; returns the text (owned by the caller). */
static char *export_text(ex_format fmt, const ds_data *ds, const cp_model *m,
                         const unsigned char *sel, int year, size_t *rows)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    *rows = ex_write(f, fmt, ds, m, sel, year);
    fclose(f);
    return text;
}

static cp_series series(int ind, const char *key)
{
    cp_series s = { .ind = ind, .key = key ? strdup(key) : NULL };
    for (int y = 0; y < CP_NYEARS; y++) s.v[y] = NAN;
    return s;
}
#define AT(year) ((year) - DS_YEAR_MIN)

static void test_small(void)
{
    ds_country c[2] = { { .iso3 = "AAA" }, { .iso3 = "BBB" } };
    ds_data ds = { .c = c, .nc = 2 };
    cp_indicator ind[2] = {
        { .id = "total", .unit = "count", .decimals = 0, .phase = 1 },
        { .id = "split", .unit = "percent", .decimals = 1, .phase = 1, .by = "key" },
    };
    cp_series a[3] = { series(0, NULL), series(1, "plain"), series(1, "a,\"b\"\nc\x01") };
    a[0].v[AT(2015)] = 1234;
    a[0].v[AT(2017)] = -0.5;          /* 2016 missing: no row */
    a[1].v[AT(2015)] = 12.3456;
    a[2].v[AT(2016)] = 100.0 / 3;
    cp_series b[1] = { series(0, NULL) };
    b[0].v[AT(2015)] = 7;
    cp_country cc[2] = { { .s = a, .ns = 3, .computed = 1 }, { .s = b, .ns = 1, .computed = 1 } };
    cc[0].illustrative[AT(2015)] = 1;
    cp_model m = { .ind = ind, .nind = 2, .c = cc, .nc = 2 };

    size_t rows;
    char *t = export_text(EX_CSV, &ds, &m, NULL, 0, &rows);
    CHECK_STR(t, "iso3,indicator,key,year,value,unit,illustrative\n"
                 "AAA,total,,2015,1234,count,1\n"
                 "AAA,total,,2017,-0.5,count,0\n"
                 "AAA,split,plain,2015,12.346,percent,1\n"
                 "AAA,split,\"a,\"\"b\"\"\nc\x01\",2016,33.333,percent,0\n"
                 "BBB,total,,2015,7,count,0\n");
    CHECK(rows == 5);
    free(t);

    t = export_text(EX_JSON, &ds, &m, NULL, 0, &rows);
    CHECK_STR(t, "[\n"
                 "{\"iso3\":\"AAA\",\"indicator\":\"total\",\"key\":null,\"year\":2015,\"value\":1234,\"unit\":\"count\",\"illustrative\":true},\n"
                 "{\"iso3\":\"AAA\",\"indicator\":\"total\",\"key\":null,\"year\":2017,\"value\":-0.5,\"unit\":\"count\",\"illustrative\":false},\n"
                 "{\"iso3\":\"AAA\",\"indicator\":\"split\",\"key\":\"plain\",\"year\":2015,\"value\":12.346,\"unit\":\"percent\",\"illustrative\":true},\n"
                 "{\"iso3\":\"AAA\",\"indicator\":\"split\",\"key\":\"a,\\\"b\\\"\\nc\\u0001\",\"year\":2016,\"value\":33.333,\"unit\":\"percent\",\"illustrative\":false},\n"
                 "{\"iso3\":\"BBB\",\"indicator\":\"total\",\"key\":null,\"year\":2015,\"value\":7,\"unit\":\"count\",\"illustrative\":false}\n"
                 "]\n");
    CHECK(rows == 5);
    free(t);

    unsigned char sel[2] = { 0, 1 };
    t = export_text(EX_CSV, &ds, &m, sel, 2015, &rows);
    CHECK_STR(t, "iso3,indicator,key,year,value,unit,illustrative\nBBB,total,,2015,7,count,0\n");
    CHECK(rows == 1);
    free(t);

    t = export_text(EX_JSON, &ds, &m, sel, 2016, &rows);
    CHECK_STR(t, "[\n]\n");
    CHECK(rows == 0);
    free(t);
    for (int i = 0; i < 3; i++) free(a[i].key);
}

static void test_numbers(void)
{
    static const struct { double v; int dec; } cases[] = {
        { 0, 0 },      { -0.0, 0 },     { 1.005, 0 },    { 2.5, 0 },      { 1e15, 0 },
        { 0.000004, 2 }, { 0.125, 1 },  { 123.45678, 4 }, { -7.0000001, 3 }, { 0.5, 6 },
        { 99999.995, 0 }, { -1234.5678, 1 }, { 3e12, 2 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char buf[64], want[64];
        ex_number(buf, sizeof buf, cases[i].v, cases[i].dec);
        /* The reference: printf with decimals + 2 (at most 6), trailing zeros dropped. */
        int d = cases[i].dec + 2 > 6 ? 6 : cases[i].dec + 2;
        snprintf(want, sizeof want, "%.*f", d, cases[i].v);
        char *dot = strchr(want, '.');
        if (dot) {
            char *e = want + strlen(want) - 1;
            while (e > dot && *e == '0') *e-- = '\0';
            if (e == dot) *e = '\0';
        }
        if (strcmp(want, "-0") == 0) strcpy(want, "0");
        CHECK_STR(buf, want);
    }
}

/* More rows than one write buffer holds: every row must come out once, in
 * order, whatever the chunk boundaries. */
static void test_large(void)
{
    enum { NC = 300 };
    ds_country *c = calloc(NC, sizeof *c);
    cp_country *cc = calloc(NC, sizeof *cc);
    cp_indicator ind[1] = { { .id = "some_long_indicator_name", .unit = "per_100k", .decimals = 2, .phase = 1 } };
    for (int i = 0; i < NC; i++) {
        snprintf(c[i].iso3, sizeof c[i].iso3, "%c%c%c", 'A' + i / 26 / 26 % 26, 'A' + i / 26 % 26, 'A' + i % 26);
        cc[i].s = malloc(sizeof *cc[i].s);
        cc[i].s[0] = series(0, NULL);
        cc[i].ns = 1;
        cc[i].computed = 1;
        for (int y = 0; y < CP_NYEARS; y++) cc[i].s[0].v[y] = i * 1000.0 + y + 0.25;
    }
    ds_data ds = { .c = c, .nc = NC };
    cp_model m = { .ind = ind, .nind = 1, .c = cc, .nc = NC };
    size_t rows;
    char *t = export_text(EX_CSV, &ds, &m, NULL, 0, &rows);
    CHECK(rows == (size_t)NC * CP_NYEARS);
    CHECK(strlen(t) > 3 * 65536);
    char *line = strchr(t, '\n') + 1;
    size_t seen = 0;
    for (int i = 0; i < NC && line; i++)
        for (int y = 0; y < CP_NYEARS && line; y++) {
            char want[128];
            snprintf(want, sizeof want, "%s,some_long_indicator_name,,%d,%.2f,per_100k,0\n",
                     c[i].iso3, y + DS_YEAR_MIN, i * 1000.0 + y + 0.25);
            if (strncmp(line, want, strlen(want)) == 0) seen++;
            else if (seen + 1 == (size_t)(i * CP_NYEARS + y + 1)) CHECK_STR(line, want);
            line = strchr(line, '\n');
            if (line) line++;
        }
    CHECK(seen == (size_t)NC * CP_NYEARS);
    CHECK(line && *line == '\0');
    free(t);
    for (int i = 0; i < NC; i++) free(cc[i].s);
    free(cc);
    free(c);
}

int main(void)
{
    test_small();
    test_numbers();
    test_large();
    printf("test_export: %d checks, %d failed\n", checks, failures);
    return failures != 0;
}
