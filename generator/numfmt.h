/* numfmt.h — numbers as a report language writes them: decimal and group
 * symbols, grouping sizes, minus sign, percent pattern and digits, as the
 * language's conventions file gives them (conventions.h). No C locale is
 * involved: the output depends on the symbols alone. Prefix: nf_. */
#ifndef SSWR_NUMFMT_H
#define SSWR_NUMFMT_H

#include <stddef.h>
#include <stdint.h>

/* One language's number symbols. All strings are UTF-8. */
typedef struct nf_locale {
    const char *lang;        /* language code: "fr" */
    const char *decimal;     /* decimal separator */
    const char *group;       /* grouping separator */
    const char *minus;       /* put before a negative number */
    const char *pct_prefix;  /* before the number in a percentage, often "" */
    const char *pct_suffix;  /* after it: "%" or "\u00A0%" */
    unsigned char primary;   /* digits in the group next to the decimal (3) */
    unsigned char secondary; /* digits in the other groups (3; 2 in hi) */
    unsigned char min_grouping; /* CLDR minimumGroupingDigits: es 2 */
    uint32_t zero;           /* code point of digit zero: '0', or U+0660 for
                                Arabic-Indic digits; digits are zero..zero+9 */
} nf_locale;

/* Most decimals a caller may ask for; more are clamped to this. */
#define NF_MAX_DECIMALS 9
/* A buffer this large holds any result for |v| < 1e18 with symbols of one
 * character (up to 4 bytes; the minus after a bidi mark of 3), percent affixes of up to 8 bytes and 2-byte
 * digits (conventions.c enforces those limits); larger values need the
 * returned size. */
#define NF_BUFSIZE 128

/* Writes v rounded half away from zero to `decimals` places (0..
 * NF_MAX_DECIMALS), grouped, with the row's symbols, NUL-terminated into
 * buf[0..n). Returns the length of the full result, like snprintf; when it
 * does not fit, buf gets "" (never a cut number). Rounding works on the
 * value's shortest decimal form (15 significant digits), so 1.005 rounds
 * to 1.01 as a reader expects, not to binary 1.00499... A result that
 * rounds to zero has no minus sign. NaN and infinities are the caller's
 * business: they give "" and 0. */
size_t nf_format(const nf_locale *l, double v, int decimals, char *buf, size_t n);
/* The same for a percentage; v is already in percent (45.3 -> "45,3 %"). */
size_t nf_percent(const nf_locale *l, double v, int decimals, char *buf, size_t n);
/* nf_format with 0 decimals (counts, populations). */
size_t nf_integer(const nf_locale *l, double v, char *buf, size_t n);

#endif
