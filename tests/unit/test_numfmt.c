/* test_numfmt.c — unit tests of numfmt.c with the shipped conventions files
 * (templates/i18n/LANG.conventions, read by conventions.c): every report
 * language's symbols, grouping, rounding and percentages, byte for byte,
 * against values worked out by hand from CLDR 48's tables; the digits/
 * grouping mechanisms with made-up rows. Run from the repository's top
 * folder. Prints one line per failed check; exits 1 if any failed. */
#include "conventions.h"
#include "numfmt.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* Non-ASCII bytes in expected strings, named. */
#define NBSP "\xC2\xA0"        /* U+00A0 NO-BREAK SPACE */
#define NNBSP "\xE2\x80\xAF"   /* U+202F NARROW NO-BREAK SPACE */

static int checks, failures;

/* Shows a string with non-ASCII bytes as \xHH, so spaces can be told apart. */
static const char *show(const char *s, char *out, size_t n)
{
    size_t k = 0;
    for (; s && *s && k + 5 < n; s++) {
        unsigned char c = (unsigned char)*s;
        if (c >= 0x80) k += (size_t)snprintf(out + k, n - k, "\\x%02X", c);
        else out[k++] = (char)c;
    }
    out[k] = '\0';
    return s ? out : "(null)";
}

static void check_str(const char *file, int line, const char *got, const char *want)
{
    char a[256], b[256];
    checks++;
    if (got && strcmp(got, want) == 0) return;
    failures++;
    printf("%s:%d: expected \"%s\", got \"%s\"\n", file, line, show(want, a, sizeof a), show(got, b, sizeof b));
}

#define CHECK(cond) do { checks++; if (!(cond)) { failures++; \
    printf("%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); } } while (0)
#define CHECK_STR(got, want) check_str(__FILE__, __LINE__, (got), (want))

/* ---- the nine languages --------------------------------------------------- */

typedef enum { NUM, INT, PCT } kind;
typedef struct row { int line; const char *lang; kind k; double v; int dec; const char *want; } row;
#define R(lang, k, v, dec, want) { __LINE__, lang, k, v, dec, want }

static const row rows[] = {
    /* en: "." and ",", "%" right after the number */
    R("en", INT, 0, 0, "0"),
    R("en", INT, 7, 0, "7"),
    R("en", INT, 1234, 0, "1,234"),
    R("en", NUM, 12345.6, 0, "12,346"),
    R("en", NUM, 12345.6, 1, "12,345.6"),
    R("en", NUM, 12345.6, 2, "12,345.60"),
    R("en", NUM, 1234567.891, 0, "1,234,568"),
    R("en", NUM, 1234567.891, 1, "1,234,567.9"),
    R("en", NUM, 1234567.891, 2, "1,234,567.89"),
    R("en", NUM, -1234567.891, 2, "-1,234,567.89"),
    R("en", NUM, -7, 0, "-7"),
    R("en", NUM, 2.5, 0, "3"),
    R("en", NUM, -2.5, 0, "-3"),
    R("en", NUM, 0.05, 1, "0.1"),
    R("en", PCT, 45.3, 1, "45.3%"),
    R("en", PCT, -45.3, 1, "-45.3%"),
    R("en", PCT, 1234.5, 1, "1,234.5%"),

    /* fr: "," decimal, U+202F groups, U+00A0 before % (CLDR 48 fr) */
    R("fr", INT, 0, 0, "0"),
    R("fr", INT, 7, 0, "7"),
    R("fr", INT, 1234, 0, "1" NNBSP "234"),
    R("fr", NUM, 12345.6, 0, "12" NNBSP "346"),
    R("fr", NUM, 12345.6, 1, "12" NNBSP "345,6"),
    R("fr", NUM, 12345.6, 2, "12" NNBSP "345,60"),
    R("fr", NUM, 1234567.891, 0, "1" NNBSP "234" NNBSP "568"),
    R("fr", NUM, 1234567.891, 1, "1" NNBSP "234" NNBSP "567,9"),
    R("fr", NUM, 1234567.891, 2, "1" NNBSP "234" NNBSP "567,89"),
    R("fr", NUM, -1234567.891, 2, "-1" NNBSP "234" NNBSP "567,89"),
    R("fr", NUM, -7, 0, "-7"),
    R("fr", NUM, 2.5, 0, "3"),
    R("fr", NUM, -2.5, 0, "-3"),
    R("fr", NUM, 0.05, 1, "0,1"),
    R("fr", PCT, 45.3, 1, "45,3" NBSP "%"),
    R("fr", PCT, -45.3, 1, "-45,3" NBSP "%"),
    R("fr", PCT, 1234.5, 1, "1" NNBSP "234,5" NBSP "%"),

    /* es: "," and ".", minimum grouping 2: 1234 stays whole, 12.345 not */
    R("es", INT, 0, 0, "0"),
    R("es", INT, 7, 0, "7"),
    R("es", INT, 1234, 0, "1234"),
    R("es", NUM, 12345.6, 0, "12.346"),
    R("es", NUM, 12345.6, 1, "12.345,6"),
    R("es", NUM, 12345.6, 2, "12.345,60"),
    R("es", NUM, 1234567.891, 0, "1.234.568"),
    R("es", NUM, 1234567.891, 1, "1.234.567,9"),
    R("es", NUM, 1234567.891, 2, "1.234.567,89"),
    R("es", NUM, -1234567.891, 2, "-1.234.567,89"),
    R("es", NUM, -7, 0, "-7"),
    R("es", NUM, 2.5, 0, "3"),
    R("es", NUM, -2.5, 0, "-3"),
    R("es", NUM, 0.05, 1, "0,1"),
    R("es", PCT, 45.3, 1, "45,3" NBSP "%"),
    R("es", PCT, -45.3, 1, "-45,3" NBSP "%"),
    R("es", PCT, 1234.5, 1, "1234,5" NBSP "%"),
    R("es", NUM, -1234, 0, "-1234"),
    R("es", NUM, 9999.4, 0, "9999"),
    R("es", NUM, 9999.5, 0, "10.000"),   /* the carry makes 5 digits: grouped */

    /* pt (Brazil): "," and ".", no space before % */
    R("pt", INT, 0, 0, "0"),
    R("pt", INT, 7, 0, "7"),
    R("pt", INT, 1234, 0, "1.234"),
    R("pt", NUM, 12345.6, 0, "12.346"),
    R("pt", NUM, 12345.6, 1, "12.345,6"),
    R("pt", NUM, 12345.6, 2, "12.345,60"),
    R("pt", NUM, 1234567.891, 0, "1.234.568"),
    R("pt", NUM, 1234567.891, 1, "1.234.567,9"),
    R("pt", NUM, 1234567.891, 2, "1.234.567,89"),
    R("pt", NUM, -1234567.891, 2, "-1.234.567,89"),
    R("pt", NUM, -7, 0, "-7"),
    R("pt", NUM, 2.5, 0, "3"),
    R("pt", NUM, -2.5, 0, "-3"),
    R("pt", NUM, 0.05, 1, "0,1"),
    R("pt", PCT, 45.3, 1, "45,3%"),
    R("pt", PCT, -45.3, 1, "-45,3%"),
    R("pt", PCT, 1234.5, 1, "1.234,5%"),

    /* ar with Latin digits: "." and ",", "%" without bidi marks; CLDR's minus with its U+200E */
    R("ar", INT, 0, 0, "0"),
    R("ar", INT, 7, 0, "7"),
    R("ar", INT, 1234, 0, "1,234"),
    R("ar", NUM, 12345.6, 0, "12,346"),
    R("ar", NUM, 12345.6, 1, "12,345.6"),
    R("ar", NUM, 12345.6, 2, "12,345.60"),
    R("ar", NUM, 1234567.891, 0, "1,234,568"),
    R("ar", NUM, 1234567.891, 1, "1,234,567.9"),
    R("ar", NUM, 1234567.891, 2, "1,234,567.89"),
    R("ar", NUM, -1234567.891, 2, "\xE2\x80\x8E-1,234,567.89"),
    R("ar", NUM, -7, 0, "\xE2\x80\x8E-7"),
    R("ar", NUM, 2.5, 0, "3"),
    R("ar", NUM, -2.5, 0, "\xE2\x80\x8E-3"),
    R("ar", NUM, 0.05, 1, "0.1"),
    R("ar", PCT, 45.3, 1, "45.3%"),
    R("ar", PCT, -45.3, 1, "\xE2\x80\x8E-45.3%"),
    R("ar", PCT, 1234.5, 1, "1,234.5%"),

    /* zh: "." and "," */
    R("zh", INT, 0, 0, "0"),
    R("zh", INT, 7, 0, "7"),
    R("zh", INT, 1234, 0, "1,234"),
    R("zh", NUM, 12345.6, 0, "12,346"),
    R("zh", NUM, 12345.6, 1, "12,345.6"),
    R("zh", NUM, 12345.6, 2, "12,345.60"),
    R("zh", NUM, 1234567.891, 0, "1,234,568"),
    R("zh", NUM, 1234567.891, 1, "1,234,567.9"),
    R("zh", NUM, 1234567.891, 2, "1,234,567.89"),
    R("zh", NUM, -1234567.891, 2, "-1,234,567.89"),
    R("zh", NUM, -7, 0, "-7"),
    R("zh", NUM, 2.5, 0, "3"),
    R("zh", NUM, -2.5, 0, "-3"),
    R("zh", NUM, 0.05, 1, "0.1"),
    R("zh", PCT, 45.3, 1, "45.3%"),
    R("zh", PCT, -45.3, 1, "-45.3%"),
    R("zh", PCT, 1234.5, 1, "1,234.5%"),

    /* ru: "," decimal, U+00A0 groups and before % */
    R("ru", INT, 0, 0, "0"),
    R("ru", INT, 7, 0, "7"),
    R("ru", INT, 1234, 0, "1" NBSP "234"),
    R("ru", NUM, 12345.6, 0, "12" NBSP "346"),
    R("ru", NUM, 12345.6, 1, "12" NBSP "345,6"),
    R("ru", NUM, 12345.6, 2, "12" NBSP "345,60"),
    R("ru", NUM, 1234567.891, 0, "1" NBSP "234" NBSP "568"),
    R("ru", NUM, 1234567.891, 1, "1" NBSP "234" NBSP "567,9"),
    R("ru", NUM, 1234567.891, 2, "1" NBSP "234" NBSP "567,89"),
    R("ru", NUM, -1234567.891, 2, "-1" NBSP "234" NBSP "567,89"),
    R("ru", NUM, -7, 0, "-7"),
    R("ru", NUM, 2.5, 0, "3"),
    R("ru", NUM, -2.5, 0, "-3"),
    R("ru", NUM, 0.05, 1, "0,1"),
    R("ru", PCT, 45.3, 1, "45,3" NBSP "%"),
    R("ru", PCT, -45.3, 1, "-45,3" NBSP "%"),
    R("ru", PCT, 1234.5, 1, "1" NBSP "234,5" NBSP "%"),

    /* sw: "." and "," */
    R("sw", INT, 0, 0, "0"),
    R("sw", INT, 7, 0, "7"),
    R("sw", INT, 1234, 0, "1,234"),
    R("sw", NUM, 12345.6, 0, "12,346"),
    R("sw", NUM, 12345.6, 1, "12,345.6"),
    R("sw", NUM, 12345.6, 2, "12,345.60"),
    R("sw", NUM, 1234567.891, 0, "1,234,568"),
    R("sw", NUM, 1234567.891, 1, "1,234,567.9"),
    R("sw", NUM, 1234567.891, 2, "1,234,567.89"),
    R("sw", NUM, -1234567.891, 2, "-1,234,567.89"),
    R("sw", NUM, -7, 0, "-7"),
    R("sw", NUM, 2.5, 0, "3"),
    R("sw", NUM, -2.5, 0, "-3"),
    R("sw", NUM, 0.05, 1, "0.1"),
    R("sw", PCT, 45.3, 1, "45.3%"),
    R("sw", PCT, -45.3, 1, "-45.3%"),
    R("sw", PCT, 1234.5, 1, "1,234.5%"),

    /* id: "," and ".", no space before % */
    R("id", INT, 0, 0, "0"),
    R("id", INT, 7, 0, "7"),
    R("id", INT, 1234, 0, "1.234"),
    R("id", NUM, 12345.6, 0, "12.346"),
    R("id", NUM, 12345.6, 1, "12.345,6"),
    R("id", NUM, 12345.6, 2, "12.345,60"),
    R("id", NUM, 1234567.891, 0, "1.234.568"),
    R("id", NUM, 1234567.891, 1, "1.234.567,9"),
    R("id", NUM, 1234567.891, 2, "1.234.567,89"),
    R("id", NUM, -1234567.891, 2, "-1.234.567,89"),
    R("id", NUM, -7, 0, "-7"),
    R("id", NUM, 2.5, 0, "3"),
    R("id", NUM, -2.5, 0, "-3"),
    R("id", NUM, 0.05, 1, "0,1"),
    R("id", PCT, 45.3, 1, "45,3%"),
    R("id", PCT, -45.3, 1, "-45,3%"),
    R("id", PCT, 1234.5, 1, "1.234,5%"),

    /* rounding: half away from zero on the decimal form a reader sees */
    R("en", NUM, 1.005, 2, "1.01"),       /* binary 1.00499999999999989... */
    R("en", NUM, 2.675, 2, "2.68"),
    R("en", NUM, 0.125, 2, "0.13"),
    R("en", NUM, -0.125, 2, "-0.13"),
    R("en", NUM, 0.1 + 0.2, 2, "0.30"),
    R("en", NUM, 999.95, 1, "1,000.0"),   /* the carry adds a digit and a group */
    R("en", NUM, 9.995, 2, "10.00"),
    R("en", NUM, 0.049, 1, "0.0"),
    R("en", NUM, 0.5, 0, "1"),
    R("en", NUM, 0.4999, 0, "0"),
    R("en", NUM, 0.004, 2, "0.00"),
    R("en", NUM, 0.005, 2, "0.01"),
    R("en", NUM, 123.456, 3, "123.456"),
    R("en", NUM, -0.04, 1, "0.0"),        /* rounds to zero: no minus sign */
    R("en", NUM, -0.0, 0, "0"),
    R("en", PCT, -0.01, 1, "0.0%"),
    R("en", NUM, 999999.5, 0, "1,000,000"),
    R("en", NUM, 1e15, 0, "1,000,000,000,000,000"),
    /* 15 significant digits are kept (DBL_DIG): the rest are zeros */
    R("en", NUM, 123456789012345678.0, 0, "123,456,789,012,346,000"),
    R("en", NUM, 2.5, -1, "3"),           /* negative decimals count as 0 */
    R("en", NUM, 0.5, 20, "0.500000000"), /* more than NF_MAX_DECIMALS: 9 */
    R("en", PCT, 100, 0, "100%"),
    R("en", PCT, 0, 0, "0%"),
};

/* The shipped conventions of a language, read once. */
#define NLANGS 9
static const char *const langs[NLANGS] = { "ar", "en", "es", "fr", "id", "pt", "ru", "sw", "zh" };
static cv_conventions *loaded[NLANGS];
static dg_list dg;

static const nf_locale *nf_find(const char *lang)
{
    for (int i = 0; i < NLANGS; i++)
        if (strcmp(langs[i], lang) == 0) {
            if (!loaded[i]) {
                char path[64];
                snprintf(path, sizeof path, "templates/i18n/%s.conventions", lang);
                loaded[i] = cv_load(path, path, lang, &dg);
                for (size_t k = 0; k < dg.n; k++) printf("%s: %s\n", path, dg.v[k].msg);
            }
            return loaded[i] ? &loaded[i]->numbers : NULL;
        }
    return NULL;
}

static void test_languages(void)
{
    char buf[NF_BUFSIZE];
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        const row *r = &rows[i];
        const nf_locale *l = nf_find(r->lang);
        if (!l) {
            checks++, failures++;
            printf("%s:%d: no table row for %s\n", __FILE__, r->line, r->lang);
            continue;
        }
        size_t len;
        if (r->k == INT) len = nf_integer(l, r->v, buf, sizeof buf);
        else if (r->k == PCT) len = nf_percent(l, r->v, r->dec, buf, sizeof buf);
        else len = nf_format(l, r->v, r->dec, buf, sizeof buf);
        check_str(__FILE__, r->line, buf, r->want);
        checks++;
        if (len != strlen(r->want)) {
            failures++;
            printf("%s:%d: returned length %zu, expected %zu\n", __FILE__, r->line, len, strlen(r->want));
        }
    }
}

/* ---- look-up, non-finite values, small buffers ---------------------------- */

static void test_find(void)
{
    for (size_t i = 0; i < NLANGS; i++) {
        const nf_locale *l = nf_find(langs[i]);
        CHECK(l != NULL);
        if (!l) continue;
        CHECK_STR(l->lang, langs[i]);
        /* CLDR's minus: the hyphen-minus, after U+200E in ar */
        CHECK_STR(l->minus, strcmp(langs[i], "ar") ? "-" : "\xE2\x80\x8E-");
    }
    CHECK(dg.nerrors == 0 && dg.nwarnings == 0);
}

static void test_edges(void)
{
    const nf_locale *en = nf_find("en");
    char buf[NF_BUFSIZE];

    /* NaN and infinities are the caller's business: "" and 0, never "nan". */
    strcpy(buf, "junk");
    CHECK(nf_format(en, NAN, 1, buf, sizeof buf) == 0);
    CHECK_STR(buf, "");
    strcpy(buf, "junk");
    CHECK(nf_percent(en, NAN, 1, buf, sizeof buf) == 0);
    CHECK_STR(buf, "");
    strcpy(buf, "junk");
    CHECK(nf_integer(en, INFINITY, buf, sizeof buf) == 0);
    CHECK_STR(buf, "");
    strcpy(buf, "junk");
    CHECK(nf_format(en, -INFINITY, 0, buf, sizeof buf) == 0);
    CHECK_STR(buf, "");
    strcpy(buf, "junk");
    CHECK(nf_format(NULL, 1, 0, buf, sizeof buf) == 0);
    CHECK_STR(buf, "");

    /* Too small a buffer gets "", never a cut number; the size is returned. */
    char small[9];
    strcpy(small, "junk");
    CHECK(nf_integer(en, 1234567, small, sizeof small) == 9);   /* "1,234,567" */
    CHECK_STR(small, "");
    char exact[10];
    CHECK(nf_integer(en, 1234567, exact, sizeof exact) == 9);
    CHECK_STR(exact, "1,234,567");
    CHECK(nf_integer(en, 1234567, NULL, 0) == 9);

    /* NF_BUFSIZE holds even -1e18 with 9 decimals and 3-byte symbols. */
    const nf_locale *fr = nf_find("fr");
    size_t len = nf_percent(fr, -999999999999999999.0, NF_MAX_DECIMALS, buf, sizeof buf);
    CHECK(len < NF_BUFSIZE);
    CHECK_STR(buf, "-1" NNBSP "000" NNBSP "000" NNBSP "000" NNBSP "000" NNBSP "000" NNBSP "000,000000000" NBSP "%");
}

/* ---- the mechanisms, with made-up rows ------------------------------------ */

static void test_fake_rows(void)
{
    char buf[NF_BUFSIZE];
    /* Arabic-Indic digits by data alone: zero U+0660, decimal U+066B, group
     * U+066C, percent U+066A. */
    const nf_locale arab = { "ar-arab", "\xD9\xAB", "\xD9\xAC", "-", "", "\xD9\xAA", 3, 3, 1, 0x0660 };
    nf_format(&arab, 1234567.891, 2, buf, sizeof buf);
    /* ١٬٢٣٤٬٥٦٧٫٨٩ */
    CHECK_STR(buf, "\xD9\xA1\xD9\xAC\xD9\xA2\xD9\xA3\xD9\xA4\xD9\xAC\xD9\xA5\xD9\xA6\xD9\xA7"
                   "\xD9\xAB\xD9\xA8\xD9\xA9");
    nf_percent(&arab, 45.3, 1, buf, sizeof buf);
    CHECK_STR(buf, "\xD9\xA4\xD9\xA5\xD9\xAB\xD9\xA3\xD9\xAA");   /* ٤٥٫٣٪ */
    nf_integer(&arab, 0, buf, sizeof buf);
    CHECK_STR(buf, "\xD9\xA0");                                   /* ٠ */
    nf_integer(&arab, 90, buf, sizeof buf);
    CHECK_STR(buf, "\xD9\xA9\xD9\xA0");                           /* ٩٠ */

    /* Indian grouping: primary 3, secondary 2. */
    const nf_locale indian = { "hi-x", ".", ",", "-", "", "%", 3, 2, 1, '0' };
    nf_integer(&indian, 1234567.891, buf, sizeof buf);
    CHECK_STR(buf, "12,34,568");
    nf_integer(&indian, 12345678, buf, sizeof buf);
    CHECK_STR(buf, "1,23,45,678");
    nf_integer(&indian, 1234, buf, sizeof buf);
    CHECK_STR(buf, "1,234");
    nf_integer(&indian, 123, buf, sizeof buf);
    CHECK_STR(buf, "123");

    /* Percent sign before the number, a multi-byte minus sign (U+2212). */
    const nf_locale prefix = { "tr-x", ",", ".", "\xE2\x88\x92", "%", "", 3, 3, 1, '0' };
    nf_percent(&prefix, 45.3, 1, buf, sizeof buf);
    CHECK_STR(buf, "%45,3");
    nf_percent(&prefix, -45.3, 1, buf, sizeof buf);
    CHECK_STR(buf, "\xE2\x88\x92%45,3");
    nf_format(&prefix, -1234.5, 1, buf, sizeof buf);
    CHECK_STR(buf, "\xE2\x88\x92" "1.234,5");

    /* Minimum grouping 3 (a made-up value): 5 digits stay whole. */
    const nf_locale min3 = { "x3", ".", ",", "-", "", "%", 3, 3, 3, '0' };
    nf_integer(&min3, 12345, buf, sizeof buf);
    CHECK_STR(buf, "12345");
    nf_integer(&min3, 123456, buf, sizeof buf);
    CHECK_STR(buf, "123,456");
}

int main(void)
{
    test_languages();
    test_find();
    test_edges();
    test_fake_rows();
    for (int i = 0; i < NLANGS; i++) cv_free(loaded[i]);
    dg_free(&dg);
    printf("test_numfmt: %d checks, %d failed\n", checks, failures);
    return failures ? 1 : 0;
}
