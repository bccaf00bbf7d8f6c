/* util.c — checked allocation, buffers, UTF-8 and string helpers (see util.h). */
#include "util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

static void oom(size_t n)
{
    fprintf(stderr, "sswr: out of memory (allocating %zu bytes)\n", n);
    abort();
}

void *ut_xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) oom(n);
    return p;
}

void *ut_xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p) oom(n * size);
    return p;
}

void *ut_xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q) oom(n);
    return q;
}

char *ut_xstrdup(const char *s)
{
    return ut_xstrndup(s, strlen(s));
}

char *ut_xstrndup(const char *s, size_t n)
{
    char *p = ut_xmalloc(n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *ut_xvasprintf(const char *fmt, va_list ap)
{
    va_list aq;
    va_copy(aq, ap);
    int n = vsnprintf(NULL, 0, fmt, aq);
    va_end(aq);
    if (n < 0) n = 0;
    char *p = ut_xmalloc((size_t)n + 1);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    return p;
}

char *ut_xasprintf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *p = ut_xvasprintf(fmt, ap);
    va_end(ap);
    return p;
}

void ut_grow(void *v, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap) return;
    size_t c = *cap ? *cap : 8;
    while (c < need) c *= 2;
    void **pv = v;
    *pv = ut_xrealloc(*pv, c * size);
    *cap = c;
}

void ut_buf_add(ut_buf *b, const void *p, size_t n)
{
    ut_grow(&b->data, &b->cap, b->len + n + 1, 1);
    memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void ut_buf_puts(ut_buf *b, const char *s)
{
    ut_buf_add(b, s, strlen(s));
}

void ut_buf_printf(ut_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = ut_xvasprintf(fmt, ap);
    va_end(ap);
    ut_buf_puts(b, s);
    free(s);
}

void ut_buf_free(ut_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

size_t ut_utf8_check(const char *str, size_t n)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;
    while (i < n) {
        unsigned c = s[i];
        if (c < 0x80) { i++; continue; }
        size_t len;
        uint32_t cp, min;
        if ((c & 0xE0) == 0xC0) { len = 2; cp = c & 0x1F; min = 0x80; }
        else if ((c & 0xF0) == 0xE0) { len = 3; cp = c & 0x0F; min = 0x800; }
        else if ((c & 0xF8) == 0xF0) { len = 4; cp = c & 0x07; min = 0x10000; }
        else return i;
        if (i + len > n) return i;
        for (size_t k = 1; k < len; k++) {
            if ((s[i + k] & 0xC0) != 0x80) return i;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return i;
        i += len;
    }
    return n;
}

uint32_t ut_utf8_next(const char **str)
{
    const unsigned char *s = (const unsigned char *)*str;
    uint32_t c = s[0];
    size_t len = 1;
    if (c >= 0xF0) { c &= 0x07; len = 4; }
    else if (c >= 0xE0) { c &= 0x0F; len = 3; }
    else if (c >= 0xC0) { c &= 0x1F; len = 2; }
    for (size_t k = 1; k < len; k++) c = (c << 6) | (s[k] & 0x3F);
    *str += len;
    return c;
}

/* Characters a reader cannot see or tell from a space, and those that
 * reorder or break the text after them: bidirectional marks, embeddings,
 * overrides and isolates, zero-width and no-break spaces, the soft hyphen,
 * line and paragraph separators, the byte-order mark. */
static int ut_invisible(uint32_t cp)
{
    return cp == 0x00A0 || cp == 0x00AD || cp == 0x061C || cp == 0x180E ||
           (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x2028 && cp <= 0x202F) ||
           (cp >= 0x2060 && cp <= 0x2069) || cp == 0xFEFF;
}

void ut_buf_shown(ut_buf *b, const char *s, size_t n, size_t max_chars)
{
    size_t i = 0, chars = 0;
    while (i < n) {
        if (chars == max_chars) {
            ut_buf_puts(b, "\u2026");
            break;
        }
        unsigned char c = (unsigned char)s[i];
        size_t len = ut_utf8_check(s + i, n - i < 4 ? n - i : 4);
        if (c < 0x80) {
            if (c == '\n') ut_buf_puts(b, "\\n");
            else if (c == '\r') ut_buf_puts(b, "\\r");
            else if (c == '\t') ut_buf_puts(b, "\\t");
            else if (c < 0x20 || c == 0x7F) ut_buf_printf(b, "\\x%02X", c);
            else ut_buf_add(b, &c, 1);
            i++;
        } else if (len == 0) {
            ut_buf_printf(b, "\\x%02X", c);
            i++;
        } else {
            const char *p = s + i;
            uint32_t cp = ut_utf8_next(&p);
            size_t used = (size_t)(p - (s + i));
            if (ut_invisible(cp) || (cp >= 0x80 && cp < 0xA0)) ut_buf_printf(b, "\\u%04X", (unsigned)cp);
            else ut_buf_add(b, s + i, used);
            i += used;
        }
        chars++;
    }
    if (!b->data) ut_buf_add(b, "", 0);
}

const char *ut_shown(char out[UT_SHOWN_SIZE], const char *s)
{
    ut_buf b = {0};
    ut_buf_shown(&b, s, strlen(s), UT_SHOWN_CHARS);
    snprintf(out, UT_SHOWN_SIZE, "%s", b.data);
    ut_buf_free(&b);
    return out;
}

void ut_utf8_put(ut_buf *b, uint32_t cp)
{
    char t[4];
    size_t n;
    if (cp < 0x80) { t[0] = (char)cp; n = 1; }
    else if (cp < 0x800) { t[0] = (char)(0xC0 | (cp >> 6)); t[1] = (char)(0x80 | (cp & 0x3F)); n = 2; }
    else if (cp < 0x10000) {
        t[0] = (char)(0xE0 | (cp >> 12)); t[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        t[2] = (char)(0x80 | (cp & 0x3F)); n = 3;
    } else {
        t[0] = (char)(0xF0 | (cp >> 18)); t[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        t[2] = (char)(0x80 | ((cp >> 6) & 0x3F)); t[3] = (char)(0x80 | (cp & 0x3F)); n = 4;
    }
    ut_buf_add(b, t, n);
}

char *ut_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    ut_buf b = {0};
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) ut_buf_add(&b, chunk, n);
    int err = ferror(f) ? errno : 0;
    fclose(f);
    if (err) { ut_buf_free(&b); errno = err; return NULL; }
    if (!b.data) ut_buf_add(&b, "", 0);
    if (len) *len = b.len;
    return b.data;
}

int ut_edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 64 || lb > 64) return 1000;
    int row[65];
    for (size_t j = 0; j <= lb; j++) row[j] = (int)j;
    for (size_t i = 1; i <= la; i++) {
        int prev = row[0];
        row[0] = (int)i;
        for (size_t j = 1; j <= lb; j++) {
            int cur = row[j];
            int sub = prev + (a[i - 1] != b[j - 1]);
            int del = row[j] + 1, ins = row[j - 1] + 1;
            row[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
            prev = cur;
        }
    }
    return row[lb];
}

const char *ut_closest(const char *s, const char *const *known, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcasecmp(s, known[i]) == 0) return known[i];
    const char *best = NULL;
    int bd = 1000;
    for (size_t i = 0; i < n; i++) {
        int d = ut_edit_distance(s, known[i]);
        if (d < bd) {
            bd = d;
            best = known[i];
        }
    }
    int limit = (int)strlen(s) / 3;
    if (limit < 2) limit = 2;
    return best && bd <= limit && bd < (int)strlen(best) ? best : NULL;
}

char **ut_split_list(const char *s)
{
    size_t n = 0, cap = 0;
    char **v = NULL;
    while (s && *s) {
        const char *e = strchr(s, ',');
        size_t len = e ? (size_t)(e - s) : strlen(s);
        if (len) {
            ut_grow(&v, &cap, n + 2, sizeof *v);
            v[n++] = ut_xstrndup(s, len);
        }
        s = e ? e + 1 : NULL;
    }
    ut_grow(&v, &cap, n + 1, sizeof *v);
    v[n] = NULL;
    return v;
}

void ut_strv_free(char **v)
{
    if (!v) return;
    for (char **p = v; *p; p++) free(*p);
    free(v);
}

size_t ut_strv_len(char *const *v)
{
    size_t n = 0;
    while (v && v[n]) n++;
    return n;
}

double ut_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* ---- characters that do not belong in a printed text --------------------- */

typedef struct stray { uint32_t lo, hi; const char *name, *why; } stray;

static const char *const why_bidi = "a bidirectional control reverses or reorders the text around it";
static const char *const why_format = "an invisible format character";
static const char *const why_control = "a control character";

static const stray strays[] = {
    { 0x202A, 0x202A, "LEFT-TO-RIGHT EMBEDDING", NULL },
    { 0x202B, 0x202B, "RIGHT-TO-LEFT EMBEDDING", NULL },
    { 0x202C, 0x202C, "POP DIRECTIONAL FORMATTING", NULL },
    { 0x202D, 0x202D, "LEFT-TO-RIGHT OVERRIDE", NULL },
    { 0x202E, 0x202E, "RIGHT-TO-LEFT OVERRIDE", NULL },
    { 0x2066, 0x2066, "LEFT-TO-RIGHT ISOLATE", NULL },
    { 0x2067, 0x2067, "RIGHT-TO-LEFT ISOLATE", NULL },
    { 0x2068, 0x2068, "FIRST STRONG ISOLATE", NULL },
    { 0x2069, 0x2069, "POP DIRECTIONAL ISOLATE", NULL },
    { 0x2028, 0x2028, "LINE SEPARATOR", "an invisible line break" },
    { 0x2029, 0x2029, "PARAGRAPH SEPARATOR", "an invisible line break" },
    { 0x2061, 0x2064, "(an invisible mathematical operator)", NULL },
    { 0x206A, 0x206F, "(a deprecated format character)", NULL },
    { 0xFEFF, 0xFEFF, "ZERO WIDTH NO-BREAK SPACE (byte order mark)", NULL },
    { 0xFFF9, 0xFFFB, "(an interlinear annotation character)", NULL },
    { 0xFFFC, 0xFFFC, "OBJECT REPLACEMENT CHARACTER", NULL },
    { 0xFFFD, 0xFFFD, "REPLACEMENT CHARACTER", "it marks text lost in a broken conversion" },
    { 0xE0000, 0xE007F, "(a tag character)", NULL },
};

const char *ut_stray_char(uint32_t cp, const char **why)
{
    static char name[96];
    const char *w = why_format, *n = "";
    if ((cp < 0x20 && cp != '\t' && cp != '\n') || (cp >= 0x7F && cp < 0xA0)) {
        w = why_control;
    } else {
        size_t i = 0, k = sizeof strays / sizeof *strays;
        while (i < k && !(cp >= strays[i].lo && cp <= strays[i].hi)) i++;
        if (i == k) return NULL;
        n = strays[i].name;
        w = strays[i].why ? strays[i].why : (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069)
                                                ? why_bidi : why_format;
    }
    if (why) *why = w;
    snprintf(name, sizeof name, "U+%04X%s%s", (unsigned)cp, *n ? " " : "", n);
    return name;
}

size_t ut_find_stray(const char *s, size_t n, uint32_t *cp)
{
    /* Only the valid UTF-8 prefix is decoded (invalid bytes are another
       error, reported by the caller's own check). */
    const char *p = s, *end = s + ut_utf8_check(s, n);
    while (p < end) {
        const char *at = p;
        uint32_t c = ut_utf8_next(&p);
        if (ut_stray_char(c, NULL)) {
            if (cp) *cp = c;
            return (size_t)(at - s);
        }
    }
    return n;
}

size_t ut_utf8_chars(const char *s, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) k += ((unsigned char)s[i] & 0xC0) != 0x80;
    return k;
}

unsigned char *ut_utf16be(const char *utf8, size_t *len)
{
    size_t n = strlen(utf8);
    unsigned char *out = ut_xmalloc(4 * n + 2), *o = out;
    *o++ = 0xFE;
    *o++ = 0xFF;
    const unsigned char *p = (const unsigned char *)utf8;
    while (*p) {
        uint32_t c = *p++;   /* decoded here: a broken sequence is U+FFFD, never read past */
        int more = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
        if (c >= 0x80 && !more) c = 0xFFFD;
        if (more) c &= 0x3Fu >> more;
        for (; more; more--) {
            if ((*p & 0xC0) != 0x80) { c = 0xFFFD; break; }
            c = (c << 6) | (*p++ & 0x3Fu);
        }
        if (c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) c = 0xFFFD;
        if (c >= 0x10000) {
            c -= 0x10000;
            uint32_t hi = 0xD800 + (c >> 10), lo = 0xDC00 + (c & 0x3FF);
            *o++ = (unsigned char)(hi >> 8); *o++ = (unsigned char)hi;
            *o++ = (unsigned char)(lo >> 8); *o++ = (unsigned char)lo;
        } else {
            *o++ = (unsigned char)(c >> 8); *o++ = (unsigned char)c;
        }
    }
    *len = (size_t)(o - out);
    return out;
}
