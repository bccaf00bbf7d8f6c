/* numfmt.c — number formatting from a language's symbols (see numfmt.h).
 * Digits come from the value's decimal form, never from printf's
 * locale-dependent grouping; the symbols alone decide the output. */
#include "numfmt.h"
#include "util.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Significant digits kept from a double: DBL_DIG, the most that survive a
 * decimal -> double -> decimal round trip, so a value read from a CSV cell
 * ("1.005") is formatted from the digits the cell had. */
#define NF_SIG 15

/* A non-negative value as decimal digits: d[0].d[1]d[2]... x 10^exp, each
 * d[i] in 0..9; len may shrink when rounding. */
typedef struct nf_dec {
    unsigned char d[NF_SIG + 1];
    int len, exp;
} nf_dec;

static void to_dec(double a, nf_dec *x)
{
    char s[64];
    snprintf(s, sizeof s, "%.*e", NF_SIG - 1, a);
    /* "d.ddddde+XX": skip whatever the decimal point is, keep the digits. */
    const char *p = s;
    x->len = 0;
    while (*p && *p != 'e') {
        if (*p >= '0' && *p <= '9' && x->len < NF_SIG) x->d[x->len++] = (unsigned char)(*p - '0');
        p++;
    }
    x->exp = *p == 'e' ? (int)strtol(p + 1, NULL, 10) : 0;
}

/* Rounds half away from zero (the value is a magnitude) to `decimals`. */
static void round_dec(nf_dec *x, int decimals)
{
    int keep = x->exp + decimals + 1;   /* digits left of the cut */
    if (keep >= x->len) return;
    if (keep < 0) { x->len = 0; return; }
    int up = x->d[keep] >= 5;
    x->len = keep;
    if (!up) return;
    int i = keep - 1;
    while (i >= 0 && x->d[i] == 9) x->d[i--] = 0;
    if (i >= 0) {
        x->d[i]++;
    } else {                            /* 9.96 -> 10.0: one more digit */
        memmove(x->d + 1, x->d, (size_t)x->len);
        x->d[0] = 1;
        x->len++;
        x->exp++;
    }
}

static int dec_is_zero(const nf_dec *x)
{
    for (int i = 0; i < x->len; i++)
        if (x->d[i]) return 0;
    return 1;
}

/* The digit of weight 10^p. */
static int digit_at(const nf_dec *x, int p)
{
    int i = x->exp - p;
    return i >= 0 && i < x->len ? x->d[i] : 0;
}

static void put_digit(ut_buf *b, const nf_locale *l, int d)
{
    if (l->zero == '0') {
        char c = (char)('0' + d);
        ut_buf_add(b, &c, 1);
    } else {
        ut_utf8_put(b, l->zero + (uint32_t)d);
    }
}

/* A group separator goes after the digit with p integer digits to its
 * right when p closes the primary group or a secondary one. */
static int group_after(const nf_locale *l, int p)
{
    unsigned sec = l->secondary ? l->secondary : l->primary;
    return p > 0 && p >= l->primary && (p - l->primary) % (int)sec == 0;
}

static void put_number(ut_buf *b, const nf_locale *l, const nf_dec *x, int decimals)
{
    int zero = x->len == 0 || dec_is_zero(x);
    int ndig = zero || x->exp < 0 ? 1 : x->exp + 1;   /* integer digits */
    unsigned ming = l->min_grouping ? l->min_grouping : 1;
    int grouped = l->primary > 0 && ndig >= (int)(l->primary + ming);
    for (int p = ndig - 1; p >= 0; p--) {
        put_digit(b, l, zero ? 0 : digit_at(x, p));
        if (grouped && group_after(l, p)) ut_buf_puts(b, l->group);
    }
    if (decimals > 0) {
        ut_buf_puts(b, l->decimal);
        for (int k = 1; k <= decimals; k++) put_digit(b, l, zero ? 0 : digit_at(x, -k));
    }
}

/* Copies the result out; "" when it does not fit. */
static size_t emit(ut_buf *b, char *buf, size_t n)
{
    size_t len = b->len;
    if (n > 0) {
        if (len < n) memcpy(buf, b->data ? b->data : "", len + 1);
        else buf[0] = '\0';
    }
    ut_buf_free(b);
    return len;
}

static size_t format(const nf_locale *l, double v, int decimals, int percent, char *buf, size_t n)
{
    if (n > 0) buf[0] = '\0';
    if (!l || !isfinite(v)) return 0;
    if (decimals < 0) decimals = 0;
    if (decimals > NF_MAX_DECIMALS) decimals = NF_MAX_DECIMALS;
    nf_dec x;
    to_dec(fabs(v), &x);
    round_dec(&x, decimals);
    ut_buf b = {0};
    if (signbit(v) && !(x.len == 0 || dec_is_zero(&x))) ut_buf_puts(&b, l->minus);
    if (percent) ut_buf_puts(&b, l->pct_prefix);
    put_number(&b, l, &x, decimals);
    if (percent) ut_buf_puts(&b, l->pct_suffix);
    return emit(&b, buf, n);
}

size_t nf_format(const nf_locale *l, double v, int decimals, char *buf, size_t n)
{
    return format(l, v, decimals, 0, buf, n);
}

size_t nf_percent(const nf_locale *l, double v, int decimals, char *buf, size_t n)
{
    return format(l, v, decimals, 1, buf, n);
}

size_t nf_integer(const nf_locale *l, double v, char *buf, size_t n)
{
    return format(l, v, 0, 0, buf, n);
}
