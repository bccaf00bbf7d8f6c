/* catalog.c — PO catalogs (see catalog.h): a line lexer, an entry parser
 * that reports every problem and resynchronises, the Plural-Forms
 * evaluator, an open-addressing lookup table and placeholder templates. */
#include "catalog.h"
#include "util.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* n = 0..CT_PLURAL_PROBE are tried at load, as msgfmt --check does, to
 * catch a plural expression that leaves 0..nplurals-1 or divides by 0. */
#define CT_PLURAL_PROBE 1000
/* Nesting limit of a plural expression: keeps the recursive-descent parser's
 * stack small whatever a file holds (real rules nest 6 deep at most). */
#define CT_PLURAL_MAX_DEPTH 40
/* Most nodes (numbers, n, operators) in a plural expression. Real rules
 * have fewer than 60 (Arabic's has 35). Without a bound, a left-associative
 * chain such as "n+n+...+n" nests one level per operator, and peval's
 * recursion overflowed the stack on a long one (an 800 KB header line);
 * it also bounds the CT_PLURAL_PROBE evaluations made at load. */
#define CT_PLURAL_MAX_NODES 1000
/* Bytes of context quoted in a placeholder or syntax error. */
#define CT_QUOTE_MAX 24
/* Bytes of a msgid quoted in a duplicate error. */
#define CT_MSGID_QUOTE_MAX 60

/* How many bytes of s to quote: at most max, never half a UTF-8 character,
 * so a message stays valid UTF-8. */
static int utf8_prefix(const char *s, size_t max)
{
    size_t n = strlen(s);
    if (n <= max) return (int)n;
    n = max;
    while (n && ((unsigned char)s[n] & 0xC0) == 0x80) n--;
    return (int)n;
}

/* ======================================================================
 * Plural expressions: the C subset of gettext's Plural-Forms (n, decimal
 * literals, ! * / % + - < > <= >= == != && || ?: and parentheses),
 * parsed into a node array and evaluated on unsigned long like gettext.
 * ====================================================================== */

typedef enum {
    PN_NUM, PN_N, PN_NOT, PN_MUL, PN_DIV, PN_MOD, PN_ADD, PN_SUB, PN_LT, PN_GT,
    PN_LE, PN_GE, PN_EQ, PN_NE, PN_AND, PN_OR, PN_COND
} pn_op;

typedef struct pnode {
    pn_op op;
    unsigned long val;   /* PN_NUM */
    int a, b, c;         /* operands (node indexes) */
} pnode;

typedef struct pexpr {
    pnode *v;
    size_t n, cap;
    int root;            /* -1: none */
} pexpr;

typedef struct pparse {
    const char *p;
    pexpr *x;
    int depth;
    char *err;           /* first error, owned */
} pparse;

static int pnode_new(pparse *q, pn_op op, int a, int b, int c)
{
    if (q->x->n >= CT_PLURAL_MAX_NODES) {
        if (!q->err)
            q->err = ut_xasprintf("expression too long (more than %d numbers, n and operators)",
                                  CT_PLURAL_MAX_NODES);
        return -1;
    }
    ut_grow(&q->x->v, &q->x->cap, q->x->n + 1, sizeof *q->x->v);
    pnode *nd = &q->x->v[q->x->n];
    nd->op = op;
    nd->val = 0;
    nd->a = a;
    nd->b = b;
    nd->c = c;
    return (int)q->x->n++;
}

static void pskip(pparse *q)
{
    while (*q->p == ' ' || *q->p == '\t' || *q->p == '\n' || *q->p == '\r') q->p++;
}

static int pfail(pparse *q, const char *what)
{
    if (!q->err) {
        pskip(q);
        if (*q->p) q->err = ut_xasprintf("expected %s at \"%.*s\"", what, utf8_prefix(q->p, CT_QUOTE_MAX), q->p);
        else q->err = ut_xasprintf("expected %s at the end", what);
    }
    return -1;
}

/* Accepts operator `op` unless it is the start of a longer one listed in
 * `not_before` (so "<" does not eat "<=", "!" does not eat "!="). */
static int paccept(pparse *q, const char *op, const char *not_before)
{
    pskip(q);
    size_t k = strlen(op);
    if (strncmp(q->p, op, k) != 0) return 0;
    if (not_before && q->p[k] && strchr(not_before, q->p[k])) return 0;
    q->p += k;
    return 1;
}

static int pcond(pparse *q);

static int pprimary(pparse *q)
{
    pskip(q);
    if (paccept(q, "(", NULL)) {
        int e = pcond(q);
        if (e < 0) return -1;
        if (!paccept(q, ")", NULL)) return pfail(q, "\")\"");
        return e;
    }
    if (*q->p == 'n') {
        char nx = q->p[1];
        if (!((nx >= 'a' && nx <= 'z') || (nx >= 'A' && nx <= 'Z') || (nx >= '0' && nx <= '9') || nx == '_')) {
            q->p++;
            return pnode_new(q, PN_N, -1, -1, -1);
        }
    }
    if (*q->p >= '0' && *q->p <= '9') {
        unsigned long v = 0;
        while (*q->p >= '0' && *q->p <= '9') {
            unsigned d = (unsigned)(*q->p++ - '0');
            if (v > (~0UL - d) / 10) {
                if (!q->err) q->err = ut_xstrdup("number too large");
                return -1;
            }
            v = v * 10 + d;
        }
        int i = pnode_new(q, PN_NUM, -1, -1, -1);
        if (i >= 0) q->x->v[i].val = v;
        return i;
    }
    return pfail(q, "a number, n or \"(\"");
}

static int punary(pparse *q)
{
    if (paccept(q, "!", "=")) {
        if (++q->depth > CT_PLURAL_MAX_DEPTH) {
            if (!q->err) q->err = ut_xstrdup("expression nested too deeply");
            return -1;
        }
        int a = punary(q);
        q->depth--;
        return a < 0 ? -1 : pnode_new(q, PN_NOT, a, -1, -1);
    }
    return pprimary(q);
}

/* One level of left-associative binary operators. */
typedef struct pbin { const char *op, *not_before; pn_op code; } pbin;

static int plevel(pparse *q, int level);

static const pbin plevels[][5] = {
    { { "||", NULL, PN_OR } },
    { { "&&", NULL, PN_AND } },
    { { "==", NULL, PN_EQ }, { "!=", NULL, PN_NE } },
    { { "<=", NULL, PN_LE }, { ">=", NULL, PN_GE }, { "<", "=<", PN_LT }, { ">", "=>", PN_GT } },
    { { "+", NULL, PN_ADD }, { "-", NULL, PN_SUB } },
    { { "*", NULL, PN_MUL }, { "/", NULL, PN_DIV }, { "%", NULL, PN_MOD } },
};
#define PN_LEVELS ((int)(sizeof plevels / sizeof plevels[0]))

static int plevel(pparse *q, int level)
{
    if (level == PN_LEVELS) return punary(q);
    int l = plevel(q, level + 1);
    while (l >= 0) {
        const pbin *hit = NULL;
        for (const pbin *b = plevels[level]; b->op; b++)
            if (paccept(q, b->op, b->not_before)) { hit = b; break; }
        if (!hit) break;
        int r = plevel(q, level + 1);
        if (r < 0) return -1;
        l = pnode_new(q, hit->code, l, r, -1);
    }
    return l;
}

static int pcond(pparse *q)
{
    if (++q->depth > CT_PLURAL_MAX_DEPTH) {
        if (!q->err) q->err = ut_xstrdup("expression nested too deeply");
        return -1;
    }
    int c = plevel(q, 0);
    if (c >= 0 && paccept(q, "?", NULL)) {
        int t = pcond(q);
        if (t < 0) { c = -1; goto out; }
        if (!paccept(q, ":", NULL)) { c = pfail(q, "\":\""); goto out; }
        int f = pcond(q);
        c = f < 0 ? -1 : pnode_new(q, PN_COND, c, t, f);
    }
out:
    q->depth--;
    return c;
}

/* Parses `s` (the text after "plural=") into x; NULL or an owned message. */
static char *pexpr_parse(pexpr *x, const char *s)
{
    pparse q = { .p = s, .x = x };
    x->n = 0;
    x->root = pcond(&q);
    if (x->root >= 0) {
        pskip(&q);
        if (*q.p) q.err = ut_xasprintf("unexpected \"%.*s\" after the expression",
                                       utf8_prefix(q.p, CT_QUOTE_MAX), q.p);
    }
    if (q.err) x->root = -1;
    return q.err;
}

static unsigned long peval(const pexpr *x, int i, unsigned long n, int *divzero)
{
    const pnode *nd = &x->v[i];
    unsigned long a, b;
    switch (nd->op) {
    case PN_NUM: return nd->val;
    case PN_N: return n;
    case PN_NOT: return !peval(x, nd->a, n, divzero);
    case PN_AND: return peval(x, nd->a, n, divzero) && peval(x, nd->b, n, divzero);
    case PN_OR: return peval(x, nd->a, n, divzero) || peval(x, nd->b, n, divzero);
    case PN_COND:
        return peval(x, nd->a, n, divzero) ? peval(x, nd->b, n, divzero) : peval(x, nd->c, n, divzero);
    default: break;
    }
    a = peval(x, nd->a, n, divzero);
    b = peval(x, nd->b, n, divzero);
    switch (nd->op) {
    case PN_MUL: return a * b;
    case PN_DIV: if (!b) { *divzero = 1; return 0; } return a / b;
    case PN_MOD: if (!b) { *divzero = 1; return 0; } return a % b;
    case PN_ADD: return a + b;
    case PN_SUB: return a - b;
    case PN_LT: return a < b;
    case PN_GT: return a > b;
    case PN_LE: return a <= b;
    case PN_GE: return a >= b;
    case PN_EQ: return a == b;
    case PN_NE: return a != b;
    default: return 0;
    }
}

/* ======================================================================
 * The catalog
 * ====================================================================== */

/* An entry and the storage its public view points into. */
typedef struct ct_item {
    ct_entry e;
    char *ctxt, *id, *plural, *comments;
    char **str;
    long *strline;           /* line of each msgstr keyword */
    uint64_t hash;
} ct_item;

struct ct_catalog {
    char *file;                      /* name shown in messages */
    ct_item *it;
    size_t n, cap;
    size_t *slot;                    /* item index + 1; 0 = empty */
    size_t nslot;                    /* a power of two, > 2 n */
    char *header;                    /* msgstr of msgid "", or NULL */
    long header_line;
    char **hname, **hval;            /* header fields */
    size_t nh, hncap, hvcap;
    unsigned long nplurals;
    pexpr plural;                    /* root -1: the English rule */
};

static uint64_t key_hash(const char *ctxt, const char *id)
{
    uint64_t h = 1469598103934665603ULL;   /* FNV-1a */
    if (ctxt) {
        for (const unsigned char *p = (const unsigned char *)ctxt; *p; p++) h = (h ^ *p) * 1099511628211ULL;
        h = (h ^ 4u) * 1099511628211ULL;    /* gettext's separator, EOT */
    }
    for (const unsigned char *p = (const unsigned char *)id; *p; p++) h = (h ^ *p) * 1099511628211ULL;
    return h;
}

static int key_eq(const ct_item *it, const char *ctxt, const char *id)
{
    if (!it->ctxt != !ctxt) return 0;
    if (ctxt && strcmp(it->ctxt, ctxt) != 0) return 0;
    return strcmp(it->id, id) == 0;
}

/* Index of the entry, or (size_t)-1. */
static size_t lookup(const ct_catalog *c, const char *ctxt, const char *id, uint64_t h)
{
    if (!c->nslot) return (size_t)-1;
    for (size_t i = (size_t)h & (c->nslot - 1);; i = (i + 1) & (c->nslot - 1)) {
        size_t k = c->slot[i];
        if (!k) return (size_t)-1;
        if (c->it[k - 1].hash == h && key_eq(&c->it[k - 1], ctxt, id)) return k - 1;
    }
}

static void slot_put(ct_catalog *c, size_t idx)
{
    size_t i = (size_t)c->it[idx].hash & (c->nslot - 1);
    while (c->slot[i]) i = (i + 1) & (c->nslot - 1);
    c->slot[i] = idx + 1;
}

/* Makes room for one more entry in the table (load factor below 1/2). */
static void table_grow(ct_catalog *c)
{
    if (2 * (c->n + 1) < c->nslot) return;
    free(c->slot);
    c->nslot = c->nslot ? 2 * c->nslot : 64;
    c->slot = ut_xcalloc(c->nslot, sizeof *c->slot);
    for (size_t i = 0; i < c->n; i++) slot_put(c, i);
}

static void item_free(ct_item *it)
{
    free(it->ctxt);
    free(it->id);
    free(it->plural);
    free(it->comments);
    for (size_t i = 0; i < it->e.nstr; i++) free(it->str[i]);
    free(it->str);
    free(it->strline);
}

void ct_free(ct_catalog *c)
{
    if (!c) return;
    for (size_t i = 0; i < c->n; i++) item_free(&c->it[i]);
    free(c->it);
    free(c->slot);
    free(c->header);
    for (size_t i = 0; i < c->nh; i++) { free(c->hname[i]); free(c->hval[i]); }
    free(c->hname);
    free(c->hval);
    free(c->plural.v);
    free(c->file);
    free(c);
}

/* ======================================================================
 * Lexer: the file becomes a token array. A line with a problem is reported
 * once and still gives the tokens it looks like (a broken string is still a
 * string), marked bad: the parser keeps the file's structure and drops each
 * entry that holds a bad token. Only a line that looks like nothing is a
 * T_JUNK token.
 * ====================================================================== */

typedef enum { T_EOF, T_COMMENT, T_CTXT, T_ID, T_PLURAL, T_STR, T_STRN, T_STRING, T_JUNK } tok_kind;

typedef struct tok {
    tok_kind k;
    int bad;             /* from a line with an error (reported) */
    long line;
    char *s;             /* T_STRING: unescaped text; T_COMMENT: its text */
    char ckind;          /* T_COMMENT: the character after '#' */
    unsigned long idx;   /* T_STRN: N of msgstr[N] */
} tok;

typedef struct lexer {
    const char *file;
    dg_list *dg;
    tok *t;
    size_t n, cap;
    long line;
    int bad_line;        /* the current line had an error */
} lexer;

static tok *tok_push(lexer *lx, tok_kind k)
{
    ut_grow(&lx->t, &lx->cap, lx->n + 1, sizeof *lx->t);
    tok *t = &lx->t[lx->n++];
    memset(t, 0, sizeof *t);
    t->k = k;
    t->line = lx->line;
    t->bad = lx->bad_line || k == T_JUNK;
    return t;
}

static void lex_error(lexer *lx, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void lex_error(lexer *lx, const char *fmt, ...)
{
    if (lx->bad_line) return;           /* one message per line */
    lx->bad_line = 1;
    va_list ap;
    va_start(ap, fmt);
    dg_vadd(lx->dg, DG_ERROR, lx->file, lx->line, NULL, NULL, fmt, ap);
    va_end(ap);
}

static int is_space(char ch) { return ch == ' ' || ch == '\t'; }
static int is_digit(char ch) { return ch >= '0' && ch <= '9'; }
static int hex_val(char ch)
{
    if (ch >= '0' && ch <= '9') return ch - '0';
    if (ch >= 'a' && ch <= 'f') return ch - 'a' + 10;
    if (ch >= 'A' && ch <= 'F') return ch - 'A' + 10;
    return -1;
}

/* Bytes of the UTF-8 character that starts with c (the line is valid when
 * an error is reported about it). */
static int utf8_char_len(char c)
{
    unsigned char u = (unsigned char)c;
    return u < 0x80 ? 1 : (u & 0xE0) == 0xC0 ? 2 : (u & 0xF0) == 0xE0 ? 3 : 4;
}

/* A character that does not belong in a catalog (ut_stray_char): a
 * bidirectional override printed "elatneiro euqirfA" on a French page.
 * `string_col` 0: s is the raw line, and the character's column is given
 * (in characters, as an editor counts); else s is the unescaped string that
 * starts at that column, and the escapes made the character. */
static void stray_check(lexer *lx, const char *s, size_t len, long string_col)
{
    uint32_t cp;
    size_t at = 0;
    /* EOT, gettext's context separator, has its own message (has_eot). */
    while ((at += ut_find_stray(s + at, len - at, &cp)) < len && cp == 4) at++;
    if (at >= len) return;
    const char *why;
    const char *name = ut_stray_char(cp, &why);
    if (string_col)
        lex_error(lx, "the escapes of the string at column %ld make %s: %s; remove it", string_col, name, why);
    else
        lex_error(lx, "%s at column %zu: %s; remove it", name, ut_utf8_chars(s, at) + 1, why);
}

/* One C escape after the backslash at *pp; appends the byte. -1 on error
 * (reported). Octal takes up to 3 digits, hex up to 2 (one byte). */
static int lex_escape(lexer *lx, const char *line, const char **pp, ut_buf *b)
{
    const char *p = *pp + 1;
    int v;
    switch (*p) {
    case 'n': v = '\n'; p++; break;
    case 't': v = '\t'; p++; break;
    case 'r': v = '\r'; p++; break;
    case 'a': v = '\a'; p++; break;
    case 'b': v = '\b'; p++; break;
    case 'f': v = '\f'; p++; break;
    case 'v': v = '\v'; p++; break;
    case '\\': case '"': case '\'': case '?': v = *p++; break;
    case 'x':
        p++;
        if (hex_val(*p) < 0) {
            lex_error(lx, "invalid escape \"\\x\" at column %ld: hex digits must follow",
                      (long)(*pp - line) + 1);
            return -1;
        }
        v = 0;
        for (int k = 0; k < 2 && hex_val(*p) >= 0; k++) v = v * 16 + hex_val(*p++);
        break;
    default:
        if (*p >= '0' && *p <= '7') {
            v = 0;
            for (int k = 0; k < 3 && *p >= '0' && *p <= '7'; k++) v = v * 8 + (*p++ - '0');
            if (v > 0xFF) {
                lex_error(lx, "octal escape above \\377 at column %ld", (long)(*pp - line) + 1);
                return -1;
            }
            break;
        }
        if (!*p) lex_error(lx, "string not closed: a backslash ends the line");
        else lex_error(lx, "invalid escape \"\\%.*s\" at column %ld (known: \\n \\t \\\" \\\\ and octal, hex)",
                       utf8_char_len(*p), p, (long)(*pp - line) + 1);
        return -1;
    }
    if (v == 0) {
        lex_error(lx, "a NUL byte (\\0) cannot be part of a string (column %ld)", (long)(*pp - line) + 1);
        return -1;
    }
    char ch = (char)v;
    ut_buf_add(b, &ch, 1);
    *pp = p;
    return 0;
}

/* Quoted strings from p to the end of the line, each a T_STRING; a
 * broken one gives a bad T_STRING and ends the line. */
static void lex_strings(lexer *lx, const char *line, const char *p)
{
    for (;;) {
        while (is_space(*p)) p++;
        if (!*p) return;
        if (*p != '"') {
            lex_error(lx, "unexpected \"%.*s\" (expected a quoted string)", utf8_prefix(p, CT_QUOTE_MAX), p);
            tok_push(lx, T_STRING)->s = ut_xstrdup("");
            return;
        }
        const char *start = p++;
        ut_buf b = {0};
        ut_buf_add(&b, "", 0);
        while (*p != '"') {
            if (!*p) {
                lex_error(lx, "string not closed: the line ends before the '\"' opened at column %ld",
                          (long)(start - line) + 1);
                tok_push(lx, T_STRING)->s = b.data;
                return;
            }
            if (*p == '\\') {
                if (lex_escape(lx, line, &p, &b)) {
                    tok_push(lx, T_STRING)->s = b.data;
                    return;
                }
            } else {
                ut_buf_add(&b, p++, 1);
            }
        }
        p++;
        if (!lx->bad_line && ut_utf8_check(b.data, b.len) != b.len)
            lex_error(lx, "the escapes of the string at column %ld make invalid UTF-8",
                      (long)(start - line) + 1);
        else if (!lx->bad_line)
            stray_check(lx, b.data, b.len, (long)ut_utf8_chars(line, (size_t)(start - line)) + 1);
        tok_push(lx, T_STRING)->s = b.data;
    }
}

static void lex_comment(lexer *lx, const char *p)
{
    char kind = p[1];
    if (kind == '~') return;                 /* obsolete entry: ignored, as by msgfmt */
    tok *t = tok_push(lx, T_COMMENT);
    if (kind == '.' || kind == ',' || kind == ':' || kind == '|') p += 2;
    else { kind = ' '; p += 1; }
    if (*p == ' ') p++;
    t->ckind = kind;
    t->s = ut_xstrdup(p);
}

static void lex_keyword(lexer *lx, const char *line, const char *p)
{
    const char *w = p;
    while ((*p >= 'a' && *p <= 'z') || *p == '_') p++;
    size_t len = (size_t)(p - w);
    tok_kind k;
    unsigned long idx = 0;
    if (len == 7 && !strncmp(w, "msgctxt", 7)) k = T_CTXT;
    else if (len == 5 && !strncmp(w, "msgid", 5)) k = T_ID;
    else if (len == 12 && !strncmp(w, "msgid_plural", 12)) k = T_PLURAL;
    else if (len == 6 && !strncmp(w, "msgstr", 6) && *p != '[') k = T_STR;
    else if (len == 6 && !strncmp(w, "msgstr", 6)) {
        k = T_STRN;
        p++;
        while (is_digit(*p) && idx <= CT_MAX_PLURALS) idx = idx * 10 + (unsigned long)(*p++ - '0');
        if (p == w + 7 || *p != ']') {
            lex_error(lx, "msgstr[ must be followed by a form number (0..%d) and ]", CT_MAX_PLURALS - 1);
            tok_push(lx, T_JUNK);
            return;
        }
        p++;
    } else {
        const char *e = w;
        while (*e && !is_space(*e) && *e != '"') e++;
        lex_error(lx, "unknown keyword \"%.*s\" (expected msgctxt, msgid, msgid_plural, msgstr, "
                  "msgstr[N], a comment or a quoted string)",
                  utf8_prefix(w, e - w > CT_QUOTE_MAX ? CT_QUOTE_MAX : (size_t)(e - w)), w);
        tok_push(lx, T_JUNK);
        return;
    }
    tok_push(lx, k)->idx = idx;
    lex_strings(lx, line, p);
}

static void lex_line(lexer *lx, const char *line, size_t len)
{
    lx->bad_line = 0;
    size_t bad = ut_utf8_check(line, len);
    if (memchr(line, '\0', len))
        lex_error(lx, "the line holds a NUL byte");
    else if (bad < len)
        lex_error(lx, "invalid UTF-8 (byte 0x%02X at column %zu); catalogs must be UTF-8",
                  (unsigned char)line[bad], bad + 1);
    else
        stray_check(lx, line, len, 0);
    char *s = ut_xstrndup(line, len);
    const char *p = s;
    while (is_space(*p)) p++;
    if (!*p) ;
    else if (*p == '#') lex_comment(lx, p);
    else if (*p == '"') lex_strings(lx, s, p);
    else lex_keyword(lx, s, p);
    free(s);
}

static void lex_file(lexer *lx, const char *buf, size_t len)
{
    const char *p = buf, *end = buf + len;
    lx->line = 1;
    if (len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3)) {
        /* msgfmt rejects it too; the rest of the file is still read. */
        dg_error(lx->dg, lx->file, 1, NULL, NULL,
                 "the file starts with a byte order mark (U+FEFF); save it as UTF-8 without BOM");
        p += 3;
    }
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *e = nl ? nl : end;
        size_t l = (size_t)(e - p);
        if (l && p[l - 1] == '\r') l--;      /* CRLF files */
        lex_line(lx, p, l);
        p = nl ? nl + 1 : end;
        if (nl) lx->line++;
    }
    tok_push(lx, T_EOF);
}

/* ======================================================================
 * Parser: entry := comment* [msgctxt S+] msgid S+
 *                  (msgstr S+ | msgid_plural S+ (msgstr[i] S+)+)
 * ====================================================================== */

typedef struct parser {
    ct_catalog *c;
    dg_list *dg;
    tok *t;
    size_t pos;
    int bad;             /* the entry being read took a bad token */
    /* where each piece of the header's msgstr starts, to point at the line
       of a header field */
    size_t *hoff;
    long *hline;
    size_t nhp, hocap, hlcap;
} parser;

/* How far to skip after a syntax error in an entry. */
typedef enum {
    R_HERE,          /* the current token starts the next entry */
    R_ENTRY,         /* skip to the next entry start */
    R_PAST_MSGSTR    /* skip past this entry's msgstr, then to the next */
} resync_mode;

static tok *cur(parser *p) { return &p->t[p->pos]; }

/* Moves past the current token; a bad one spoils the entry. */
static void advance(parser *p)
{
    if (p->t[p->pos].bad) p->bad = 1;
    if (p->t[p->pos].k != T_EOF) p->pos++;
}

static void perror_at(parser *p, long line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void perror_at(parser *p, long line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    dg_vadd(p->dg, DG_ERROR, p->c->file, line, NULL, NULL, fmt, ap);
    va_end(ap);
}

static const char *tok_name(const tok *t)
{
    switch (t->k) {
    case T_EOF: return "the end of the file";
    case T_COMMENT: return "a comment";
    case T_CTXT: return "msgctxt";
    case T_ID: return "msgid";
    case T_PLURAL: return "msgid_plural";
    case T_STR: return "msgstr";
    case T_STRN: return "msgstr[N]";
    case T_STRING: return "a string";
    default: return "an unreadable line";
    }
}

static int entry_start(const tok *t)
{
    return t->k == T_COMMENT || t->k == T_CTXT || t->k == T_ID || t->k == T_EOF;
}

static void resync(parser *p, resync_mode m)
{
    if (m == R_HERE) return;
    if (m == R_PAST_MSGSTR)
        while (cur(p)->k != T_EOF && cur(p)->k != T_STR && cur(p)->k != T_STRN) p->pos++;
    while (!entry_start(cur(p))) p->pos++;
}

/* The strings after a keyword, concatenated into *out; "" when there is
 * none (reported, unless a bad line explains it). */
static void strings(parser *p, const tok *kw, char **out, int header)
{
    ut_buf b = {0};
    ut_buf_add(&b, "", 0);
    if (cur(p)->k != T_STRING && !p->bad && !cur(p)->bad)
        perror_at(p, kw->line, "syntax error: %s has no string (expected \"...\" after it)",
                  tok_name(kw));
    if (cur(p)->k != T_STRING) p->bad = 1;
    while (cur(p)->k == T_STRING) {
        if (header) {
            ut_grow(&p->hoff, &p->hocap, p->nhp + 1, sizeof *p->hoff);
            ut_grow(&p->hline, &p->hlcap, p->nhp + 1, sizeof *p->hline);
            p->hoff[p->nhp] = b.len;
            p->hline[p->nhp++] = cur(p)->line;
        }
        ut_buf_puts(&b, cur(p)->s);
        advance(p);
    }
    *out = b.data;
}

static void add_flags(unsigned *flags, const char *s)
{
    while (*s) {
        while (*s == ',' || is_space(*s)) s++;
        const char *e = s;
        while (*e && *e != ',' && !is_space(*e)) e++;
        size_t len = (size_t)(e - s);
        if (len == 5 && !strncmp(s, "fuzzy", 5)) *flags |= CT_FUZZY;
        else if (len == 19 && !strncmp(s, "python-brace-format", 19)) *flags |= CT_BRACE_FORMAT;
        else if (len == 22 && !strncmp(s, "no-python-brace-format", 22)) *flags |= CT_NO_BRACE_FORMAT;
        s = e;
    }
}

/* The parts of one entry while it is read. */
typedef struct draft {
    unsigned flags;
    ut_buf comments;
    char *ctxt, *id, *plural;
    char **str;
    long *strline;
    size_t nstr, cap, lcap;
    long line;
} draft;

static void draft_free(draft *d)
{
    ut_buf_free(&d->comments);
    free(d->ctxt);
    free(d->id);
    free(d->plural);
    for (size_t i = 0; i < d->nstr; i++) free(d->str[i]);
    free(d->str);
    free(d->strline);
}

/* A syntax error in the entry: reported unless a bad line (reported
 * already) explains it; then the rest of the entry is skipped. Gives -1. */
static int entry_error(parser *p, resync_mode m, long line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static int entry_error(parser *p, resync_mode m, long line, const char *fmt, ...)
{
    if (!p->bad && !cur(p)->bad) {
        va_list ap;
        va_start(ap, fmt);
        char *msg = ut_xvasprintf(fmt, ap);
        va_end(ap);
        perror_at(p, line, "%s", msg);
        free(msg);
    }
    resync(p, m);
    return -1;
}

/* "expected X after KW, found Y", at Y's line (KW's when the file ended). */
static int expected(parser *p, resync_mode m, const char *what, const tok *kw)
{
    const tok *t = cur(p);
    return entry_error(p, m, t->k == T_EOF ? kw->line : t->line,
                       "syntax error: expected %s after the %s of line %ld, found %s", what,
                       tok_name(kw), kw->line, tok_name(t));
}

/* Reads msgstr or msgstr[0..]: the translations; kw is the last keyword
 * (msgid or msgid_plural). */
static int parse_msgstr(parser *p, draft *d, const tok *kw)
{
    if (!d->plural && cur(p)->k == T_STRN)
        return entry_error(p, R_ENTRY, cur(p)->line, "msgstr[%lu] without msgid_plural: a "
                           "singular message takes msgstr \"...\"", cur(p)->idx);
    if (d->plural && cur(p)->k == T_STR)
        return entry_error(p, R_ENTRY, cur(p)->line, "a message with msgid_plural takes "
                           "msgstr[0], msgstr[1]... not msgstr");
    tok_kind want = d->plural ? T_STRN : T_STR;
    if (cur(p)->k == T_COMMENT) {
        size_t i = p->pos;
        while (p->t[i].k == T_COMMENT) i++;
        if (p->t[i].k == want)
            return entry_error(p, R_PAST_MSGSTR, cur(p)->line, "a comment cannot stand between "
                               "the %s of line %ld and its msgstr", tok_name(kw), kw->line);
    }
    if (cur(p)->k != want)
        return expected(p, entry_start(cur(p)) ? R_HERE : R_ENTRY,
                        d->plural ? "msgstr[0]" : "msgstr", kw);
    int header = !d->ctxt && !d->id[0] && !p->c->header && !p->nhp;
    while (cur(p)->k == want) {
        const tok *k = cur(p);
        if (want == T_STRN && k->idx != d->nstr)
            return entry_error(p, R_ENTRY, k->line, "msgstr[%lu] where msgstr[%zu] was expected "
                               "(forms are numbered 0, 1, 2... in order)", k->idx, d->nstr);
        advance(p);
        ut_grow(&d->str, &d->cap, d->nstr + 1, sizeof *d->str);
        ut_grow(&d->strline, &d->lcap, d->nstr + 1, sizeof *d->strline);
        d->strline[d->nstr] = k->line;
        strings(p, k, &d->str[d->nstr++], header);
        if (want == T_STR) break;
    }
    if (cur(p)->k == T_STR || cur(p)->k == T_STRN || cur(p)->k == T_PLURAL)
        return entry_error(p, R_ENTRY, cur(p)->line, "syntax error: unexpected %s after the "
                           "msgstr of line %ld", tok_name(cur(p)), d->strline[d->nstr - 1]);
    return p->bad ? -1 : 0;
}

/* Reads one entry into d: 0, 1 at the end of the file, or -1 when it had
 * an error (reported, and the entry skipped). */
static int parse_entry(parser *p, draft *d)
{
    p->bad = 0;
    /* Comments, and lines that are nothing, belong to the entry they precede. */
    while (cur(p)->k == T_COMMENT || cur(p)->k == T_JUNK) {
        const tok *t = cur(p);
        if (t->k == T_COMMENT && t->ckind == ',') add_flags(&d->flags, t->s);
        else if (t->k == T_COMMENT && t->ckind == '.') {
            if (d->comments.len) ut_buf_puts(&d->comments, "\n");
            ut_buf_puts(&d->comments, t->s);
        }
        advance(p);
    }
    if (cur(p)->k == T_EOF) return p->bad ? -1 : 1;
    const tok *kw = NULL;
    if (cur(p)->k == T_CTXT) {
        kw = cur(p);
        advance(p);
        strings(p, kw, &d->ctxt, 0);
    }
    if (cur(p)->k != T_ID) {
        if (kw) return expected(p, R_PAST_MSGSTR, "msgid", kw);
        return entry_error(p, R_ENTRY, cur(p)->line, "syntax error: expected msgid or msgctxt, "
                           "found %s", tok_name(cur(p)));
    }
    kw = cur(p);
    d->line = kw->line;
    advance(p);
    strings(p, kw, &d->id, 0);
    if (cur(p)->k == T_PLURAL) {
        kw = cur(p);
        advance(p);
        strings(p, kw, &d->plural, 0);
    }
    return parse_msgstr(p, d, kw);
}

static int has_eot(parser *p, const draft *d)
{
    const char *what = NULL;
    if (d->ctxt && strchr(d->ctxt, '\4')) what = "msgctxt";
    else if (strchr(d->id, '\4')) what = "msgid";
    else if (d->plural && strchr(d->plural, '\4')) what = "msgid_plural";
    for (size_t i = 0; i < d->nstr && !what; i++)
        if (strchr(d->str[i], '\4')) what = "msgstr";
    if (!what) return 0;
    perror_at(p, d->line, "%s holds the context separator EOT (\\004)", what);
    return 1;
}

static void set_header(parser *p, draft *d)
{
    ct_catalog *c = p->c;
    if (c->header) {
        perror_at(p, d->line, "a second header entry (msgid \"\"); the first is at line %ld",
                  c->header_line);
        return;
    }
    c->header = d->str[0];
    d->str[0] = NULL;
    c->header_line = d->strline[0];
}

/* Files a parsed entry: the header, a duplicate, or a new message. */
static void commit(parser *p, draft *d)
{
    ct_catalog *c = p->c;
    if (has_eot(p, d)) return;
    if (!d->ctxt && d->id[0] == '\0') {
        if (!d->plural) set_header(p, d);
        else perror_at(p, d->line, "the header entry (msgid \"\") cannot have msgid_plural");
        return;
    }
    uint64_t h = key_hash(d->ctxt, d->id);
    size_t old = lookup(c, d->ctxt, d->id, h);
    if (old != (size_t)-1) {
        if (d->ctxt)
            perror_at(p, d->line, "duplicate msgid \"%.*s\" in context \"%.*s\" (first at line %ld)",
                      utf8_prefix(d->id, CT_MSGID_QUOTE_MAX), d->id,
                      utf8_prefix(d->ctxt, CT_MSGID_QUOTE_MAX), d->ctxt, c->it[old].e.line);
        else
            perror_at(p, d->line, "duplicate msgid \"%.*s\" (first at line %ld)",
                      utf8_prefix(d->id, CT_MSGID_QUOTE_MAX), d->id, c->it[old].e.line);
        return;
    }
    table_grow(c);
    ut_grow(&c->it, &c->cap, c->n + 1, sizeof *c->it);
    ct_item *it = &c->it[c->n];
    memset(it, 0, sizeof *it);
    it->ctxt = d->ctxt;
    it->id = d->id;
    it->plural = d->plural;
    it->comments = d->comments.data ? d->comments.data : ut_xstrdup("");
    it->str = d->str;
    it->strline = d->strline;
    it->hash = h;
    it->e.nstr = d->nstr;
    it->e.flags = d->flags;
    it->e.line = d->line;
    memset(d, 0, sizeof *d);
    slot_put(c, c->n++);
}

/* Entry pointers are set once the item array stops moving. */
static void link_entries(ct_catalog *c)
{
    for (size_t i = 0; i < c->n; i++) {
        ct_item *it = &c->it[i];
        it->e.msgctxt = it->ctxt;
        it->e.msgid = it->id;
        it->e.msgid_plural = it->plural;
        it->e.msgstr = (const char *const *)it->str;
        it->e.comments = it->comments;
    }
}

/* ======================================================================
 * Header
 * ====================================================================== */

/* Line of the header piece holding byte `off` of the header text. */
static long header_line_of(const parser *p, size_t off)
{
    long line = p->c->header_line;
    for (size_t i = 0; i < p->nhp; i++)
        if (p->hoff[i] <= off) line = p->hline[i];
    return line;
}

static char *trim(const char *s, size_t len)
{
    while (len && is_space(*s)) { s++; len--; }
    while (len && is_space(s[len - 1])) len--;
    return ut_xstrndup(s, len);
}

static void header_fields(ct_catalog *c)
{
    const char *s = c->header;
    while (s && *s) {
        const char *nl = strchr(s, '\n');
        size_t len = nl ? (size_t)(nl - s) : strlen(s);
        const char *colon = memchr(s, ':', len);
        if (colon) {
            ut_grow(&c->hname, &c->hncap, c->nh + 1, sizeof *c->hname);
            ut_grow(&c->hval, &c->hvcap, c->nh + 1, sizeof *c->hval);
            c->hname[c->nh] = trim(s, (size_t)(colon - s));
            c->hval[c->nh++] = trim(colon + 1, len - (size_t)(colon - s) - 1);
        }
        s = nl ? nl + 1 : NULL;
    }
}

/* Offset of "Field:" in the header text (for its line), or 0. */
static size_t field_offset(const ct_catalog *c, const char *field)
{
    const char *h = c->header, *s = h;
    size_t k = strlen(field);
    while (s && *s) {
        if (!strncasecmp(s, field, k) && s[k] == ':') return (size_t)(s - h);
        s = strchr(s, '\n');
        if (s) s++;
    }
    return 0;
}

static void check_charset(parser *p)
{
    const char *ct = ct_header(p->c, "Content-Type");
    const char *cs = ct ? strstr(ct, "charset=") : NULL;
    if (!cs) return;
    cs += 8;
    size_t len = strcspn(cs, " ;\t");
    long line = header_line_of(p, field_offset(p->c, "Content-Type"));
    if ((len == 5 && !strncasecmp(cs, "UTF-8", 5)) || (len == 4 && !strncasecmp(cs, "UTF8", 4))) return;
    if (len == 7 && !strncmp(cs, "CHARSET", 7))
        dg_warn(p->dg, p->c->file, line, NULL, NULL,
                "charset is the template's CHARSET; the file is read as UTF-8");
    else
        perror_at(p, line, "charset \"%.*s\" is not supported: catalogs must be UTF-8 "
                  "(convert with: msgconv --to-code=UTF-8)", (int)len, cs);
}

/* Sets nplurals and the rule from "nplurals=N; plural=EXPR;" or explains
 * what is wrong (owned message). */
static char *plural_forms(ct_catalog *c, const char *v)
{
    const char *np = NULL, *ex = NULL;
    size_t exlen = 0;
    for (const char *s = v; *s;) {
        const char *e = strchr(s, ';');
        size_t len = e ? (size_t)(e - s) : strlen(s);
        const char *eq = memchr(s, '=', len);
        if (eq) {
            char *name = trim(s, (size_t)(eq - s));
            if (!strcmp(name, "nplurals")) np = eq + 1;
            else if (!strcmp(name, "plural")) { ex = eq + 1; exlen = len - (size_t)(eq + 1 - s); }
            free(name);
        }
        s = e ? e + 1 : s + len;
    }
    if (!np) return ut_xstrdup("no nplurals=INTEGER");
    if (!ex) return ut_xstrdup("no plural=EXPRESSION");
    char *end;
    while (is_space(*np)) np++;
    errno = 0;
    unsigned long n = is_digit(*np) ? strtoul(np, &end, 10) : 0;
    if (!is_digit(*np) || errno) return ut_xstrdup("nplurals is not a number");
    while (is_space(*end)) end++;
    if (*end && *end != ';') return ut_xstrdup("nplurals is not a number");
    if (n < 1 || n > CT_MAX_PLURALS)
        return ut_xasprintf("nplurals=%lu is out of range 1..%d", n, CT_MAX_PLURALS);
    char *expr = ut_xstrndup(ex, exlen);
    char *err = pexpr_parse(&c->plural, expr);
    free(expr);
    if (err) {
        char *m = ut_xasprintf("the plural expression is invalid: %s", err);
        free(err);
        return m;
    }
    for (unsigned long k = 0; k <= CT_PLURAL_PROBE; k++) {
        int dz = 0;
        unsigned long f = peval(&c->plural, c->plural.root, k, &dz);
        if (dz) return ut_xasprintf("the plural expression divides by zero for n = %lu", k);
        if (f >= n)
            return ut_xasprintf("the plural expression gives %lu for n = %lu, but forms are "
                                "numbered 0..%lu (nplurals=%lu)", f, k, n - 1, n);
    }
    c->nplurals = n;
    return NULL;
}

static void english_rule(ct_catalog *c)
{
    char *err = pexpr_parse(&c->plural, "n != 1");
    free(err);                          /* cannot fail */
    c->nplurals = 2;
}

/* Plural-Forms, and the plural entries checked against it. */
static void check_plurals(parser *p)
{
    ct_catalog *c = p->c;
    const char *pf = ct_header(c, "Plural-Forms");
    int valid = 0;
    if (pf) {
        char *why = plural_forms(c, pf);
        if (why) {
            perror_at(p, header_line_of(p, field_offset(c, "Plural-Forms")),
                      "invalid Plural-Forms header: %s (the English rule nplurals=2; "
                      "plural=n != 1 is used)", why);
            free(why);
            english_rule(c);
        } else {
            valid = 1;
        }
    } else {
        english_rule(c);
    }
    int said = 0;
    for (size_t i = 0; i < c->n; i++) {
        const ct_item *it = &c->it[i];
        if (!it->plural) continue;
        if (!pf && !said++)
            perror_at(p, it->e.line, "a plural message needs a header with \"Plural-Forms: "
                      "nplurals=INTEGER; plural=EXPRESSION;\" (the English rule n != 1 is used)");
        if (!valid) continue;
        if (it->e.nstr > c->nplurals)
            perror_at(p, it->strline[c->nplurals], "msgstr[%lu] is beyond nplurals=%lu of the "
                      "Plural-Forms header (forms 0..%lu)", c->nplurals, c->nplurals, c->nplurals - 1);
        else if (it->e.nstr < c->nplurals)
            perror_at(p, it->e.line, "only %zu plural forms, but the Plural-Forms header says "
                      "nplurals=%lu (the message is used as untranslated)", it->e.nstr, c->nplurals);
    }
}

/* ======================================================================
 * Loading and lookup
 * ====================================================================== */

ct_catalog *ct_load(const char *path, const char *shown, dg_list *dg)
{
    if (!shown) shown = path;
    size_t len;
    char *buf = ut_read_file(path, &len);
    if (!buf) {
        dg_error(dg, shown, 0, NULL, NULL, "cannot read the catalog: %s", strerror(errno));
        return NULL;
    }
    ct_catalog *c = ct_load_mem(buf, len, shown, dg);
    free(buf);
    return c;
}

ct_catalog *ct_load_mem(const char *data, size_t len, const char *shown, dg_list *dg)
{
    ct_catalog *c = ut_xcalloc(1, sizeof *c);
    c->file = ut_xstrdup(shown);
    c->plural.root = -1;
    lexer lx = { .file = shown, .dg = dg };
    lex_file(&lx, data, len);

    parser p = { .c = c, .dg = dg, .t = lx.t };
    for (;;) {
        draft d = {0};
        int r = parse_entry(&p, &d);
        if (r == 0) commit(&p, &d);
        if (!c->header) p.nhp = 0;      /* a dropped header's line marks */
        draft_free(&d);
        if (r == 1) break;
    }
    link_entries(c);
    header_fields(c);
    check_charset(&p);
    check_plurals(&p);

    for (size_t i = 0; i < lx.n; i++) free(lx.t[i].s);
    free(lx.t);
    free(p.hoff);
    free(p.hline);
    return c;
}

const ct_entry *ct_find(const ct_catalog *c, const char *ctxt, const char *msgid)
{
    if (!c || !msgid) return NULL;
    size_t i = lookup(c, ctxt, msgid, key_hash(ctxt, msgid));
    return i == (size_t)-1 ? NULL : &c->it[i].e;
}

unsigned long ct_nplurals(const ct_catalog *c)
{
    return c ? c->nplurals : 2;
}

unsigned long ct_plural(const ct_catalog *c, unsigned long n)
{
    if (!c || c->plural.root < 0) return n != 1;
    int dz = 0;
    unsigned long f = peval(&c->plural, c->plural.root, n, &dz);
    /* Beyond the probed range a bad value falls back to form 0, as gettext. */
    return dz || f >= c->nplurals ? 0 : f;
}

/* The translation of e for n (plural) or form 0, or NULL (see ct_get). */
static const char *translation(const ct_catalog *c, const ct_entry *e, int plural, unsigned long n)
{
    if (!e || (e->flags & CT_FUZZY)) return NULL;
    if (!e->msgid_plural) return e->msgstr[0][0] ? e->msgstr[0] : NULL;
    if (e->nstr < c->nplurals) return NULL;
    for (unsigned long i = 0; i < c->nplurals; i++)
        if (!e->msgstr[i][0]) return NULL;
    return e->msgstr[plural ? ct_plural(c, n) : 0];
}

const char *ct_get(const ct_catalog *c, const char *msgid)
{
    return translation(c, ct_find(c, NULL, msgid), 0, 0);
}

const char *ct_pget(const ct_catalog *c, const char *ctxt, const char *msgid)
{
    return translation(c, ct_find(c, ctxt, msgid), 0, 0);
}

const char *ct_nget(const ct_catalog *c, const char *msgid, unsigned long n)
{
    return translation(c, ct_find(c, NULL, msgid), 1, n);
}

const char *ct_npget(const ct_catalog *c, const char *ctxt, const char *msgid, unsigned long n)
{
    return translation(c, ct_find(c, ctxt, msgid), 1, n);
}

const char *ct_header(const ct_catalog *c, const char *field)
{
    if (!c) return NULL;
    for (size_t i = 0; i < c->nh; i++)
        if (!strcasecmp(c->hname[i], field)) return c->hval[i];
    return NULL;
}

size_t ct_count(const ct_catalog *c)
{
    return c ? c->n : 0;
}

const ct_entry *ct_entry_at(const ct_catalog *c, size_t i)
{
    return c && i < c->n ? &c->it[i].e : NULL;
}

/* ======================================================================
 * Placeholders
 * ====================================================================== */

typedef struct ph_set {
    char **v;
    size_t n, cap;
} ph_set;

static int ph_has(const ph_set *s, const char *name, size_t len)
{
    for (size_t i = 0; i < s->n; i++)
        if (strlen(s->v[i]) == len && !strncmp(s->v[i], name, len)) return 1;
    return 0;
}

static void ph_free(ph_set *s)
{
    for (size_t i = 0; i < s->n; i++) free(s->v[i]);
    free(s->v);
}

static int name_start(char ch) { return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch == '_'; }
static int name_char(char ch) { return name_start(ch) || is_digit(ch); }

/* Walks a template: substitutes into `out` (when names are given), and/or
 * collects the names into `set`. -1 with *err on a syntax error or, when
 * substituting, an unknown name. */
static int ph_scan(const char *s, ut_buf *out, const char *const *names, const char *const *values,
                   size_t n, ph_set *set, char **err)
{
    const char *p = s;
    while (*p) {
        if ((p[0] == '{' && p[1] == '{') || (p[0] == '}' && p[1] == '}')) {
            if (out) ut_buf_add(out, p, 1);
            p += 2;
            continue;
        }
        if (*p == '}') {
            *err = ut_xasprintf("a single \"}\" at \"%.*s\" (write \"}}\" for a literal brace)",
                                utf8_prefix(p, CT_QUOTE_MAX), p);
            return -1;
        }
        if (*p != '{') {
            const char *q = p;
            while (*q && *q != '{' && *q != '}') q++;
            if (out) ut_buf_add(out, p, (size_t)(q - p));
            p = q;
            continue;
        }
        const char *b = p + 1, *e = b;
        while (name_char(*e)) e++;
        if (*e == ':' && e > b && name_char(e[1])) {   /* {indicator:ratio_per_100k} */
            e++;
            while (name_char(*e)) e++;
        }
        if (*e != '}' || e == b || !name_start(*b)) {
            if (!strchr(b, '}'))
                *err = ut_xasprintf("unclosed \"{\" at \"%.*s\" (write \"{{\" for a literal brace)",
                                    utf8_prefix(p, CT_QUOTE_MAX), p);
            else
                *err = ut_xasprintf("invalid placeholder at \"%.*s\" (a name is a letter or _, then "
                                    "letters, digits, _; write \"{{\" for a literal brace)",
                                    utf8_prefix(p, CT_QUOTE_MAX), p);
            return -1;
        }
        size_t len = (size_t)(e - b);
        if (set && !ph_has(set, b, len)) {
            ut_grow(&set->v, &set->cap, set->n + 1, sizeof *set->v);
            set->v[set->n++] = ut_xstrndup(b, len);
        }
        if (out) {
            size_t i = 0;
            while (i < n && !(strlen(names[i]) == len && !strncmp(names[i], b, len))) i++;
            if (i == n) {
                ut_buf known = {0};
                for (size_t k = 0; k < n; k++) ut_buf_printf(&known, "%s{%s}", k ? ", " : "", names[k]);
                *err = ut_xasprintf("unknown placeholder {%.*s} (known: %s)", (int)len, b,
                                    n ? known.data : "none");
                ut_buf_free(&known);
                return -1;
            }
            ut_buf_puts(out, values[i] ? values[i] : "");
        }
        p = e + 1;
    }
    return 0;
}

char *ct_format(const char *tmpl, const char *const *names, const char *const *values,
                size_t n, char **err)
{
    *err = NULL;
    ut_buf b = {0};
    ut_buf_add(&b, "", 0);
    if (ph_scan(tmpl, &b, names, values, n, NULL, err)) {
        ut_buf_free(&b);
        return NULL;
    }
    return b.data;
}

/* Appends "what {a}, {b}" for names of `a` missing from `b`. */
static void ph_diff(ut_buf *msg, const char *what, const ph_set *a, const ph_set *b)
{
    int first = 1;
    for (size_t i = 0; i < a->n; i++) {
        if (ph_has(b, a->v[i], strlen(a->v[i]))) continue;
        if (first) ut_buf_printf(msg, "%s%s ", msg->len ? "; " : "", what);
        ut_buf_printf(msg, "%s{%s}", first ? "" : ", ", a->v[i]);
        first = 0;
    }
}

static int ph_compare(const char *ref, const char *str, int allow_missing, char **err)
{
    *err = NULL;
    ph_set a = {0}, b = {0};
    char *e = NULL;
    int ok = 0;
    if (ph_scan(ref, NULL, NULL, NULL, 0, &a, &e)) {
        *err = ut_xasprintf("in the English text: %s", e);
    } else if (ph_scan(str, NULL, NULL, NULL, 0, &b, &e)) {
        *err = ut_xasprintf("in the translation: %s", e);
    } else {
        ut_buf msg = {0};
        if (!allow_missing) ph_diff(&msg, "missing", &a, &b);
        ph_diff(&msg, "unknown", &b, &a);
        ok = msg.len == 0;
        if (!ok) *err = msg.data;
        else ut_buf_free(&msg);
    }
    free(e);
    ph_free(&a);
    ph_free(&b);
    return ok;
}

int ct_placeholders_match(const char *msgid, const char *msgstr, char **err)
{
    return ph_compare(msgid, msgstr, 0, err);
}

int ct_placeholders_within(const char *ref, const char *str, char **err)
{
    return ph_compare(ref, str, 1, err);
}
