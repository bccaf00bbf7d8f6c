/* conventions.c — reading and checking a language's conventions file (see
 * conventions.h). The format is one `key = value` per line; a value is a
 * word or a double-quoted string in which \uXXXX, \" and \\ are escapes, so
 * that invisible separators (U+00A0, U+202F) are written visibly; `#`
 * starts a comment outside quotes. */
#include "conventions.h"
#include "util.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* ---- the keys ------------------------------------------------------------ */

typedef enum {
    K_DIRECTION, K_SCRIPT, K_DECIMAL, K_GROUP, K_GROUPING, K_MIN_GROUPING, K_MINUS, K_PERCENT,
    K_DIGITS, K_LIST_SEPARATOR, K_QUOTE_OPEN, K_QUOTE_CLOSE, K_NKEYS
} key;

static const struct {
    const char *name;
    int required;
} keys[K_NKEYS] = {
    [K_DIRECTION] = { "direction", 1 },       [K_SCRIPT] = { "script", 1 },
    [K_DECIMAL] = { "decimal", 1 },           [K_GROUP] = { "group", 1 },
    [K_GROUPING] = { "grouping", 1 },         [K_MIN_GROUPING] = { "min_grouping", 0 },
    [K_MINUS] = { "minus", 1 },               [K_PERCENT] = { "percent", 1 },
    [K_DIGITS] = { "digits", 0 },             [K_LIST_SEPARATOR] = { "list_separator", 1 },
    [K_QUOTE_OPEN] = { "quote_open", 1 },     [K_QUOTE_CLOSE] = { "quote_close", 1 },
};

/* One file being read. */
typedef struct reader {
    const char *name;
    dg_list *dg;
    long line;
    int errors;
    long seen[K_NKEYS];   /* line where each key was given, 0: not yet */
} reader;

static void bad(reader *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void bad(reader *r, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    dg_vadd(r->dg, DG_ERROR, r->name, r->line, NULL, NULL, fmt, ap);
    va_end(ap);
    r->errors++;
}

static int key_of(const char *s)
{
    for (int k = 0; k < K_NKEYS; k++)
        if (strcmp(keys[k].name, s) == 0) return k;
    return -1;
}

static const char *closest_key(const char *s)
{
    const char *best = NULL;
    int bd = 3;
    for (int k = 0; k < K_NKEYS; k++) {
        int d = ut_edit_distance(s, keys[k].name);
        if (d < bd) { bd = d; best = keys[k].name; }
    }
    return best;
}

/* ---- values -------------------------------------------------------------- */

/* Limits that keep every formatted number inside NF_BUFSIZE (numfmt.h):
 * a number symbol is one character, the percent sign and its spaces a few. */
#define CV_SYMBOL_BYTES 4
#define CV_AFFIX_BYTES 8
#define CV_TEXT_BYTES 16

/* The character after the first one of s. */
static const char *next_char(const char *s)
{
    if (*s) ut_utf8_next(&s);
    return s;
}

/* A minus sign may follow one bidi mark, as CLDR writes Arabic's (U+200E
 * LEFT-TO-RIGHT MARK, U+200F RIGHT-TO-LEFT MARK, U+061C ARABIC LETTER MARK):
 * where its character starts. */
static const char *after_mark(const char *s)
{
    static const char *const marks[] = { "\xE2\x80\x8E", "\xE2\x80\x8F", "\xD8\x9C" };
    for (size_t i = 0; i < sizeof marks / sizeof *marks; i++) {
        size_t n = strlen(marks[i]);
        if (!strncmp(s, marks[i], n)) return s + n;
    }
    return s;
}

/* Code points that do not belong in a separator or a quotation mark:
 * controls, and marks that reorder the text around them. */
static int stray(uint32_t cp)
{
    return cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || (cp >= 0x202A && cp <= 0x202E) ||
           (cp >= 0x2066 && cp <= 0x2069);
}

/* Parses the value that starts at p: a quoted string (escapes decoded) or
 * a bare word; checks the rest of the line is blank or a comment. Returns
 * an owned string, or NULL after reporting. */
static char *parse_value(reader *r, const char *p)
{
    ut_buf b = {0};
    if (*p == '"') {
        for (p++; *p && *p != '"'; p++) {
            if (*p != '\\') { ut_buf_add(&b, p, 1); continue; }
            p++;
            if (*p == '"' || *p == '\\') ut_buf_add(&b, p, 1);
            else if (*p == 'u' && strspn(p + 1, "0123456789abcdefABCDEF") >= 4) {
                char hex[5] = { p[1], p[2], p[3], p[4], 0 };
                uint32_t cp = (uint32_t)strtoul(hex, NULL, 16);
                if (cp >= 0xD800 && cp <= 0xDFFF) {
                    bad(r, "\\u%s is a surrogate, not a character", hex);
                    ut_buf_free(&b);
                    return NULL;
                }
                ut_utf8_put(&b, cp);
                p += 4;
            } else {
                bad(r, "unknown escape \\%c in a quoted value (write \\uXXXX, \\\" or \\\\)", *p ? *p : ' ');
                ut_buf_free(&b);
                return NULL;
            }
        }
        if (*p != '"') {
            bad(r, "the quoted value is not closed on its line");
            ut_buf_free(&b);
            return NULL;
        }
        p++;
    } else {
        size_t n = strcspn(p, " \t#");
        ut_buf_add(&b, p, n);
        p += n;
    }
    p += strspn(p, " \t");
    if (*p && *p != '#') {
        char shown[UT_SHOWN_SIZE];
        bad(r, "unexpected text after the value: %s (quote a value that has spaces)", ut_shown(shown, p));
        ut_buf_free(&b);
        return NULL;
    }
    if (!b.data) ut_buf_add(&b, "", 0);
    if (ut_utf8_check(b.data, b.len) != b.len) {
        bad(r, "the value is not valid UTF-8");
        ut_buf_free(&b);
        return NULL;
    }
    for (const char *q = b.data; *q;) {
        uint32_t cp = ut_utf8_next(&q);
        if (stray(cp)) {
            bad(r, "the value holds U+%04X, a control or direction character", (unsigned)cp);
            ut_buf_free(&b);
            return NULL;
        }
    }
    return b.data;
}

static int one_of(reader *r, const char *v, const char *what, const char *const *words)
{
    for (int i = 0; words[i]; i++)
        if (strcmp(v, words[i]) == 0) return i;
    ut_buf b = {0};
    for (int i = 0; words[i]; i++) ut_buf_printf(&b, "%s%s", i ? ", " : "", words[i]);
    char shown[UT_SHOWN_SIZE];
    bad(r, "%s must be one of %s, not \"%s\"", what, b.data, ut_shown(shown, v));
    ut_buf_free(&b);
    return -1;
}

/* A whole number in [lo, hi], or -1 after reporting. */
static int small_number(reader *r, const char *v, const char *what, int lo, int hi)
{
    char *end;
    errno = 0;
    long n = strtol(v, &end, 10);
    if (!*v || *end || errno || n < lo || n > hi) {
        char shown[UT_SHOWN_SIZE];
        bad(r, "%s must be a whole number from %d to %d, not \"%s\"", what, lo, hi, ut_shown(shown, v));
        return -1;
    }
    return (int)n;
}

static int nonempty(reader *r, const char *v, const char *what)
{
    if (*v) return 1;
    bad(r, "%s cannot be empty", what);
    return 0;
}

/* Sets one key from its value (owned: kept or freed). */
static void set(reader *r, cv_conventions *c, int k, char *v)
{
    static const char *const dirs[] = { "ltr", "rtl", NULL };
    static const char *const scripts[] = { "latin", "cyrillic", "arabic", "cjk", NULL };
    static const char *const digits[] = { "latin", "arabic-indic", NULL };
    int n;
    switch (k) {
    case K_DIRECTION:
        if ((n = one_of(r, v, "direction", dirs)) >= 0) c->rtl = n;
        break;
    case K_SCRIPT:
        if ((n = one_of(r, v, "script", scripts)) >= 0) c->script = (cv_script)n;
        break;
    case K_DIGITS:
        if ((n = one_of(r, v, "digits", digits)) >= 0) c->numbers.zero = n ? 0x0660 : '0';
        break;
    case K_GROUPING: {
        /* "3" or "3,2": digits next to the decimal separator, then the
         * other groups' size (Indian grouping is 3,2). */
        char *comma = strchr(v, ',');
        if (comma) *comma = '\0';
        int p = small_number(r, v, "grouping", 1, 9);
        int s = comma ? small_number(r, comma + 1, "grouping's second size", 1, 9) : p;
        if (p > 0 && s > 0) {
            c->numbers.primary = (unsigned char)p;
            c->numbers.secondary = (unsigned char)s;
        }
        break;
    }
    case K_MIN_GROUPING:
        if ((n = small_number(r, v, "min_grouping", 1, 4)) > 0) c->numbers.min_grouping = (unsigned char)n;
        break;
    case K_PERCENT: {
        char *at = strstr(v, "{n}");
        if (!at || strstr(at + 3, "{n}")) {
            bad(r, "percent must hold {n} once, where the number goes (e.g. \"{n}%%\" or \"{n}\\u00A0%%\")");
            break;
        }
        if (strlen(v) - 3 > CV_AFFIX_BYTES) {
            bad(r, "percent has more than %d bytes around {n}", CV_AFFIX_BYTES);
            break;
        }
        free(c->pct_prefix);
        free(c->pct_suffix);
        c->pct_prefix = ut_xstrndup(v, (size_t)(at - v));
        c->pct_suffix = ut_xstrdup(at + 3);
        break;
    }
    case K_DECIMAL: case K_GROUP: case K_MINUS: case K_LIST_SEPARATOR: case K_QUOTE_OPEN:
    case K_QUOTE_CLOSE: {
        if (!nonempty(r, v, keys[k].name)) break;
        int symbol = k == K_DECIMAL || k == K_GROUP || k == K_MINUS;
        if (symbol && strpbrk(v, "0123456789")) {
            bad(r, "%s cannot hold a digit", keys[k].name);
            break;
        }
        const char *ch = k == K_MINUS ? after_mark(v) : v;
        if (symbol && (!*ch || strlen(ch) > CV_SYMBOL_BYTES || next_char(ch) != v + strlen(v))) {
            bad(r, k == K_MINUS ? "%s must be one character (after one bidi mark at most)"
                                : "%s must be one character", keys[k].name);
            break;
        }
        if (!symbol && strlen(v) > CV_TEXT_BYTES) {
            bad(r, "%s is longer than %d bytes", keys[k].name, CV_TEXT_BYTES);
            break;
        }
        char **slot = k == K_DECIMAL ? &c->decimal : k == K_GROUP ? &c->group : k == K_MINUS ? &c->minus
                    : k == K_LIST_SEPARATOR ? &c->list_separator : k == K_QUOTE_OPEN ? &c->quote_open
                    : &c->quote_close;
        free(*slot);
        *slot = v;
        return;
    }
    default:
        break;
    }
    free(v);
}

static void parse_line(reader *r, cv_conventions *c, const char *p)
{
    p += strspn(p, " \t");
    if (!*p || *p == '#') return;
    size_t n = 0;
    while (p[n] == '_' || islower((unsigned char)p[n])) n++;
    char name[32];
    snprintf(name, sizeof name, "%.*s", (int)(n < 31 ? n : 31), p);
    const char *q = p + n;
    q += strspn(q, " \t");
    if (n == 0 || *q != '=') {
        char shown[UT_SHOWN_SIZE];
        bad(r, "expected key = value, found \"%s\"", ut_shown(shown, p));
        return;
    }
    int k = key_of(name);
    if (k < 0) {
        const char *best = closest_key(name);
        if (best) bad(r, "unknown key \"%s\" (did you mean %s?)", name, best);
        else bad(r, "unknown key \"%s\"", name);
        return;
    }
    if (r->seen[k]) {
        bad(r, "%s is given twice (first on line %ld)", name, r->seen[k]);
        return;
    }
    r->seen[k] = r->line;
    q++;
    char *v = parse_value(r, q + strspn(q, " \t"));
    if (v) set(r, c, k, v);
}

/* Points the number symbols at the owned strings. */
static void link_numbers(cv_conventions *c)
{
    c->numbers.lang = c->lang;
    c->numbers.decimal = c->decimal;
    c->numbers.group = c->group;
    c->numbers.minus = c->minus;
    c->numbers.pct_prefix = c->pct_prefix;
    c->numbers.pct_suffix = c->pct_suffix;
}

cv_conventions *cv_load(const char *path, const char *name, const char *lang, dg_list *dg)
{
    size_t len;
    char *text = ut_read_file(path, &len);
    if (!text) {
        dg_error(dg, name, 0, NULL, NULL, "cannot read the conventions file: %s", strerror(errno));
        return NULL;
    }
    cv_conventions *c = ut_xcalloc(1, sizeof *c);
    c->lang = ut_xstrdup(lang);
    c->numbers.zero = '0';
    c->numbers.min_grouping = 1;
    reader r = { .name = name, .dg = dg };
    if (memchr(text, '\0', len)) {
        r.line = 1;
        bad(&r, "the file holds NUL bytes: it is not a UTF-8 text file");
    }
    for (char *line = text, *next; line < text + len; line = next) {
        next = memchr(line, '\n', (size_t)(text + len - line));
        next = next ? next + 1 : text + len;
        r.line++;
        char *end = next > line && next[-1] == '\n' ? next - 1 : next;
        if (end > line && end[-1] == '\r') end--;
        char save = *end;
        *end = '\0';
        parse_line(&r, c, line);
        *end = save;
    }
    free(text);
    for (int k = 0; k < K_NKEYS; k++)
        if (keys[k].required && !r.seen[k]) {
            dg_error(dg, name, 0, NULL, NULL, "%s is missing (every conventions file gives it)",
                     keys[k].name);
            r.errors++;
        }
    if (r.errors) {
        cv_free(c);
        return NULL;
    }
    link_numbers(c);
    return c;
}

cv_conventions *cv_english(const char *lang)
{
    cv_conventions *c = ut_xcalloc(1, sizeof *c);
    c->lang = ut_xstrdup(lang);
    c->decimal = ut_xstrdup(".");
    c->group = ut_xstrdup(",");
    c->minus = ut_xstrdup("-");
    c->pct_prefix = ut_xstrdup("");
    c->pct_suffix = ut_xstrdup("%");
    c->list_separator = ut_xstrdup(", ");
    c->quote_open = ut_xstrdup("\u201C");
    c->quote_close = ut_xstrdup("\u201D");
    c->numbers.primary = c->numbers.secondary = 3;
    c->numbers.min_grouping = 1;
    c->numbers.zero = '0';
    link_numbers(c);
    return c;
}

void cv_free(cv_conventions *c)
{
    if (!c) return;
    free(c->list_separator); free(c->quote_open); free(c->quote_close);
    free(c->lang); free(c->decimal); free(c->group); free(c->minus);
    free(c->pct_prefix); free(c->pct_suffix);
    free(c);
}
