/* fuzz_numfmt.c — number formatting (numfmt.c): nf_format, nf_percent and
 * nf_integer on doubles decoded from the input (NaN, infinities, huge,
 * tiny, subnormal, -0.0 included), with any decimals and buffer size, for
 * every language of the table and for a row built from the input.
 * Invariants: the result is NUL-terminated in an exact-size heap buffer,
 * is "" when it does not fit, is valid UTF-8, the returned length is the
 * full result's, and for the table's rows |v| < 1e18 fits in NF_BUFSIZE and
 * the text reads back as v rounded to the asked decimals. */
#include <math.h>
#include <stdint.h>

#include "fuzz_util.h"
#include "numfmt.h"
#include "util.h"

static const char *const langs[] = { "ar", "en", "es", "fr", "id", "pt", "ru", "sw", "zh" };
#define NLANGS (sizeof langs / sizeof langs[0])

static const double specials[] = {
    0.0, -0.0, NAN, -NAN, INFINITY, -INFINITY, 1e18, -1e18, 999999999999999999.0, 1e308,
    -1.7976931348623157e308, 5e-324, -5e-324, 2.2250738585072014e-308, 0.5, -0.5, 1.005,
    2.675, 0.0049999999999999999, 9.9999999999999995, 99999.9999999999, 1234.5, -1234.5,
    1e15, 1e16, 123456789012345678.0, 0.95, 9.5, 0.000000000499999,
};
#define NSPECIALS (sizeof specials / sizeof specials[0])

static size_t call(int fn, const nf_locale *l, double v, int dec, char *buf, size_t n)
{
    switch (fn) {
    case 0: return nf_format(l, v, dec, buf, n);
    case 1: return nf_percent(l, v, dec, buf, n);
    default: return nf_integer(l, v, buf, n);
    }
}

static int starts(const char *s, const char *p) { return *p && !strncmp(s, p, strlen(p)); }

/* The number written by a table row, read back (NAN when unreadable); in
 * long double, as 15 significant digits of DBL_MAX exceed the double range. */
static long double read_back(const nf_locale *l, const char *s, int percent)
{
    char tmp[2048];
    size_t k = 0, len = strlen(s);
    if (percent) {
        size_t pl = strlen(l->pct_prefix), sl = strlen(l->pct_suffix);
        if (len < pl + sl || strncmp(s, l->pct_prefix, pl) || strcmp(s + len - sl, l->pct_suffix))
            return NAN;
        /* The minus sign comes before the prefix. */
        len -= sl;
    }
    for (size_t i = 0; i < len && k + 2 < sizeof tmp;) {
        if (starts(s + i, l->group)) i += strlen(l->group);
        else if (starts(s + i, l->decimal)) { tmp[k++] = '.'; i += strlen(l->decimal); }
        else if (starts(s + i, l->minus)) { tmp[k++] = '-'; i += strlen(l->minus); }
        else if (s[i] >= '0' && s[i] <= '9') tmp[k++] = s[i++];
        else return NAN;
    }
    tmp[k] = '\0';
    char *end;
    long double d = strtold(tmp, &end);
    return *end || end == tmp ? NAN : d;
}

/* table_row: 1 for a row of the table, 2 for a realistic row (NF_BUFSIZE
 * holds it), 0 for any other. */
static void check_one(const nf_locale *l, int table_row, double v, int dec, size_t n, int fn)
{
    /* Into an exact-size buffer of n bytes (n may be 0). */
    char *buf = malloc(n ? n : 1);
    if (!buf) abort();
    if (n) memset(buf, 'X', n);
    size_t len = call(fn, l, v, dec, buf, n);
    if (n) {
        FZ_CHECK(memchr(buf, '\0', n) != NULL, "no NUL in the %zu-byte buffer", n);
        if (len < n) FZ_CHECK(strlen(buf) == len, "length %zu, strlen %zu", len, strlen(buf));
        else FZ_CHECK(buf[0] == '\0', "a cut result \"%s\" (length %zu, buffer %zu)", buf, len, n);
    }
    if (!isfinite(v)) FZ_CHECK(len == 0, "non-finite %g gave length %zu", v, len);
    if (table_row && isfinite(v) && fabs(v) < 1e18) FZ_CHECK(len < NF_BUFSIZE, "%.17g: length %zu", v, len);

    /* The full result. */
    char *full = malloc(len + 1);
    if (!full) abort();
    size_t len2 = call(fn, l, v, dec, full, len + 1);
    FZ_CHECK(len2 == len && strlen(full) == len, "lengths %zu, %zu, %zu", len, len2, strlen(full));
    FZ_CHECK(ut_utf8_check(full, len) == len, "invalid UTF-8 for %.17g: %s", v, full);
    if (n && len < n) FZ_CHECK(!strcmp(buf, full), "\"%s\" != \"%s\"", buf, full);

    if (table_row == 1 && isfinite(v) && len) {
        int d = fn == 2 ? 0 : dec < 0 ? 0 : dec > NF_MAX_DECIMALS ? NF_MAX_DECIMALS : dec;
        long double back = read_back(l, full, fn == 1);
        FZ_CHECK(!isnan(back), "%s: cannot read back \"%s\"", l->lang, full);
        long double tol = 0.5L * powl(10, -d) * (1 + 1e-9L) + fabsl((long double)v) * 1e-14L + 1e-300L;
        FZ_CHECK(fabsl(back - v) <= tol, "%s: %.17g with %d decimals gave \"%s\" (%.17Lg)", l->lang,
                 v, d, full, back);
        if (strchr(full, '-')) FZ_CHECK(back != 0, "a minus sign on zero: \"%s\"", full);
    }
    free(full);
    free(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
    if (len < 4) return 0;
    /* byte 0: value source; 1: decimals; 2: buffer size; 3..: the rest */
    double v;
    if (data[0] < 0x40) {
        v = specials[data[0] % NSPECIALS];
    } else if (data[0] < 0x80 && len >= 12) {
        memcpy(&v, data + 4, sizeof v);                 /* raw bits */
    } else {
        /* A decimal text, as a CSV cell would hold it. */
        char t[64];
        size_t k = len - 4 < sizeof t - 1 ? len - 4 : sizeof t - 1;
        memcpy(t, data + 4, k);
        t[k] = '\0';
        v = strtod(t, NULL);
    }
    if (data[3] & 1) v = -v;
    int dec = (int)(data[1] % 16) - 3;                   /* -3..12 */
    size_t n = data[2] % 130;                            /* 0..129 */
    for (size_t i = 0; i < NLANGS; i++) {
        const nf_locale *l = nf_find(langs[i]);
        FZ_CHECK(l != NULL, "no row for %s", langs[i]);
        for (int fn = 0; fn < 3; fn++) check_one(l, 1, v, dec, n, fn);
    }
    /* Arabic-Indic digits, as numfmt.c says a row could have them (2-byte
     * digits and symbols, CLDR's arab symbols): still within NF_BUFSIZE. */
    static const nf_locale arab = { "ar-arab", "\xD9\xAB", "\xD9\xAC", "\xD8\x9C-", "",
                                    "\xD9\xAA\xD8\x9C", 3, 3, 1, 0x0660 };
    for (int fn = 0; fn < 3; fn++) check_one(&arab, 2, v, dec, n, fn);
    /* A row of the caller's own (as numfmt.h allows), with odd sizes. */
    static const uint32_t zeros[] = { '0', 0x0660, 0x06F0, 0x0966, 0xFF10 };
    nf_locale own = { .lang = "xx", .decimal = "\xD9\xAB", .group = "\xD9\xAC", .minus = "\xE2\x88\x92",
                      .pct_prefix = "\xE2\x80\x8E", .pct_suffix = "\xD9\xAA",
                      .primary = (unsigned char)(data[3] >> 1 & 7),
                      .secondary = (unsigned char)(data[3] >> 4 & 3),
                      .min_grouping = (unsigned char)(data[3] >> 6),
                      .zero = zeros[data[1] / 16 % 5] };
    for (int fn = 0; fn < 3; fn++) check_one(&own, 0, v, dec, n, fn);
    (void)nf_find("fr-CA");
    (void)nf_find("");
    return 0;
}
