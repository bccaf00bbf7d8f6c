/* template.c — parsing and checking layout files (see template.h). */
#include "template.h"
#include "util.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Longest line accepted: a generous bound that keeps messages readable. */
#define TP_MAX_LINE 4096
/* A page is at most A3 landscape in points; positions beyond are mistakes. */
#define TP_MAX_COORD 1500.0

typedef struct parser {
    const char *file;
    const tp_kind *kinds;
    tp_template *t;
    dg_list *dg;
    long line;
    int errors;
} parser;

static void perr(parser *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void perr(parser *p, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    dg_vadd(p->dg, DG_ERROR, p->file, p->line, NULL, NULL, fmt, ap);
    va_end(ap);
    p->errors++;
}

static int type_known(const parser *p, const char *type)
{
    for (const tp_kind *k = p->kinds; k && k->type; k++)
        if (strcmp(k->type, type) == 0) return 1;
    return 0;
}

/* "chart trend", or "document" for a block without a name: how messages
 * name a block (owned by the caller). */
static char *block_label(const tp_block *b)
{
    return ut_xasprintf("%s%s%s", b->type, b->name[0] ? " " : "", b->name);
}

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t') s++;
    char *e = s + strlen(s);
    while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r')) *--e = '\0';
    return s;
}

static void open_block(parser *p, char *spec)
{
    char *end = strchr(spec, ']');
    if (!end) { perr(p, "a section header needs a closing ']'"); return; }
    if (*trim(end + 1) && *trim(end + 1) != '#') { perr(p, "text after ']'"); return; }
    *end = '\0';
    char *type = trim(spec), *name = type;
    while (*name && *name != ' ' && *name != '\t') name++;
    if (*name) *name++ = '\0';
    name = trim(name);
    if (!type_known(p, type)) {
        ut_buf b = {0};
        for (const tp_kind *k = p->kinds; k && k->type; k++) {
            int again = 0;   /* a type with several entries is listed once */
            for (const tp_kind *j = p->kinds; j < k; j++) again |= strcmp(j->type, k->type) == 0;
            if (!again) ut_buf_printf(&b, "%s%s", b.len ? ", " : "", k->type);
        }
        perr(p, "unknown block '%s' (known: %s)", type, b.data ? b.data : "none");
        ut_buf_free(&b);
        /* Keep parsing its options so later lines are still checked. */
    }
    tp_template *t = p->t;
    for (size_t i = 0; i < t->nblocks; i++)
        if (strcmp(t->blocks[i].type, type) == 0 && strcmp(t->blocks[i].name, name) == 0)
            perr(p, "block '%s%s%s' appears twice (first on line %ld)", type, *name ? " " : "", name,
                 t->blocks[i].line);
    t->blocks = ut_xrealloc(t->blocks, (t->nblocks + 1) * sizeof *t->blocks);
    tp_block *b = &t->blocks[t->nblocks++];
    memset(b, 0, sizeof *b);
    b->type = ut_xstrdup(type);
    b->name = ut_xstrdup(name);
    b->line = p->line;
    b->x = b->y = b->w = b->h = NAN;
    b->page = -1;
}

/* Reads a quoted value with \" and \\ escapes; returns NULL on error. */
static char *unquote(parser *p, const char *s)
{
    ut_buf b = {0};
    const char *q = s + 1;
    for (; *q && *q != '"'; q++) {
        if (*q == '\\' && (q[1] == '"' || q[1] == '\\')) q++;
        else if (*q == '\\' && q[1] == 'n') { ut_buf_add(&b, "\n", 1); q++; continue; }
        ut_buf_add(&b, q, 1);
    }
    if (*q != '"') {
        perr(p, "a quoted value needs a closing '\"'");
        ut_buf_free(&b);
        return NULL;
    }
    const char *rest = q + 1;
    while (*rest == ' ' || *rest == '\t') rest++;
    if (*rest && *rest != '#') {
        perr(p, "text after the closing quote");
        ut_buf_free(&b);
        return NULL;
    }
    if (!b.data) ut_buf_add(&b, "", 0);
    return b.data;
}

static int number(parser *p, const char *key, const char *v, double *out)
{
    char *end;
    errno = 0;
    double d = strtod(v, &end);
    if (end == v || *end || errno || !isfinite(d) || d < 0 || d > TP_MAX_COORD) {
        perr(p, "option '%s' must be a number from 0 to %.0f (points), not '%s'", key, TP_MAX_COORD, v);
        return -1;
    }
    *out = d;
    return 0;
}

static void set_option(parser *p, char *line)
{
    tp_template *t = p->t;
    if (!t->nblocks) { perr(p, "an option before any [block]"); return; }
    tp_block *b = &t->blocks[t->nblocks - 1];
    char *eq = strchr(line, '=');
    if (!eq) { perr(p, "expected 'key = value'"); return; }
    *eq = '\0';
    char *key = trim(line), *val = trim(eq + 1);
    if (!*key) { perr(p, "an option without a name"); return; }
    for (char *k = key; *k; k++)
        if (!(isalnum((unsigned char)*k) || *k == '_' || *k == '.' || *k == '-')) {
            perr(p, "option name '%s' may only use letters, digits, '_', '.' and '-'", key);
            return;
        }
    int is_text = *val == '"';
    char *value = is_text ? unquote(p, val) : NULL;
    if (is_text && !value) return;
    if (!is_text) {
        /* '#' after a blank starts a comment; "#1b4f72" at the start is a colour.
         * The scan starts at the second byte, which an empty value ("key =")
         * does not have: val + 1 would be past the line's terminating NUL. */
        for (char *h = *val ? val + 1 : val; *h; h++)
            if (*h == '#' && (h[-1] == ' ' || h[-1] == '\t')) {
                *h = '\0';
                break;
            }
        value = ut_xstrdup(trim(val));
    }
    for (size_t i = 0; i < b->nattrs; i++)
        if (strcmp(b->attrs[i].key, key) == 0) {
            perr(p, "option '%s' is set twice in this block (first on line %ld)", key, b->attrs[i].line);
            free(value);
            return;
        }
    size_t vlen = strlen(value);
    if (ut_utf8_check(value, vlen) != vlen) {
        perr(p, "option '%s': invalid UTF-8", key);
        free(value);
        return;
    }
    if (!strcmp(key, "x") || !strcmp(key, "y") || !strcmp(key, "w") || !strcmp(key, "h")) {
        double d;
        if (number(p, key, value, &d) == 0) {
            if (key[0] == 'x') b->x = d;
            else if (key[0] == 'y') b->y = d;
            else if (key[0] == 'w') b->w = d;
            else b->h = d;
        }
    } else if (!strcmp(key, "page")) {
        if (!strcmp(value, "all")) b->page = 0;
        else if (!strcmp(value, "1") || !strcmp(value, "2")) b->page = value[0] - '0';
        else perr(p, "option 'page' must be 1, 2 or all, not '%s'", value);
    }
    b->attrs = ut_xrealloc(b->attrs, (b->nattrs + 1) * sizeof *b->attrs);
    b->attrs[b->nattrs++] = (tp_attr){ .key = ut_xstrdup(key), .value = value, .is_text = is_text,
                                       .line = p->line };
}

/* ---- checking each block against its kind --------------------------------- */

static const char *const positional[] = { "page", "x", "y", "w", "h", NULL };

static int in_list(const char *const *v, const char *s)
{
    for (; v && *v; v++)
        if (strcmp(*v, s) == 0) return 1;
    return 0;
}

/* "a, b or c" (owned by the caller). */
static char *word_list(const char *const *words)
{
    ut_buf b = {0};
    size_t n = 0;
    while (words && words[n]) n++;
    for (size_t i = 0; i < n; i++)
        ut_buf_printf(&b, "%s%s", i ? (i + 1 == n ? " or " : ", ") : "", words[i]);
    if (!b.data) ut_buf_add(&b, "", 0);
    return b.data;
}

const tp_kind *tp_kind_of(const tp_kind *kinds, const tp_block *b)
{
    const tp_kind *any = NULL;
    const char *kind = tp_get(b, "kind", NULL);
    for (const tp_kind *k = kinds; k && k->type; k++) {
        if (strcmp(k->type, b->type) != 0) continue;
        if (k->name && strcmp(k->name, b->name) == 0) return k;
        if (k->variant && kind && strcmp(k->variant, kind) == 0) return k;
        if (!k->variant && !k->name && !any) any = k;
    }
    return any;
}

/* The entry a block is checked against; NULL (reported) when its `kind`
 * is missing or unknown, or its type is unknown (reported already). */
static const tp_kind *pick_kind(parser *p, const tp_block *b, const char *label)
{
    const tp_kind *k = tp_kind_of(p->kinds, b);
    if (k) return k;
    const char *variants[64];
    size_t n = 0;
    for (const tp_kind *j = p->kinds; j && j->type; j++)
        if (strcmp(j->type, b->type) == 0 && j->variant && n < 63) variants[n++] = j->variant;
    variants[n] = NULL;
    if (!n) return NULL;
    char *known = word_list(variants);
    const tp_attr *a = tp_attr_of(b, "kind");
    if (!a) {
        perr(p, "block '%s': missing option 'kind' (%s)", label, known);
    } else {
        char sh[UT_SHOWN_SIZE];
        const char *best = ut_closest(a->value, variants, n);
        p->line = a->line;
        if (best) perr(p, "block '%s': unknown kind '%s' (did you mean %s?)", label, ut_shown(sh, a->value), best);
        else perr(p, "block '%s': unknown kind '%s' (known: %s)", label, ut_shown(sh, a->value), known);
    }
    free(known);
    return NULL;
}

static const tp_opt *opt_of(const tp_kind *k, const char *key)
{
    for (const tp_opt *o = k->opts; o && o->key; o++)
        if (strcmp(o->key, key) == 0) return o;
    return NULL;
}

static void unknown_option(parser *p, const tp_kind *k, const char *label, const tp_attr *a)
{
    const char *names[128];
    size_t n = 0;
    for (const tp_opt *o = k->opts; o && o->key && n < 120; o++) names[n++] = o->key;
    if (k->positioned)
        for (const char *const *q = positional; *q; q++) names[n++] = *q;
    if (k->variant) names[n++] = "kind";
    char sh[UT_SHOWN_SIZE];
    const char *best = ut_closest(a->key, names, n);
    ut_shown(sh, a->key);
    if (best) {
        perr(p, "block '%s': unknown option '%s' (did you mean %s?)", label, sh, best);
    } else if (!n) {
        perr(p, "block '%s': unknown option '%s' (this block takes no options)", label, sh);
    } else {
        names[n] = NULL;
        char *all = word_list(names);
        perr(p, "block '%s': unknown option '%s' (it takes %s)", label, sh, all);
        free(all);
    }
}

/* A number written in full ("12", "6.5"), or NAN. */
static double plain_number(const char *v)
{
    char *end;
    errno = 0;
    double d = strtod(v, &end);
    return (end == v || *end || errno || !isfinite(d) || isspace((unsigned char)*v)) ? NAN : d;
}

static int is_hex_color(const char *v)
{
    if (strlen(v) != 7 || v[0] != '#') return 0;
    for (int i = 1; i < 7; i++)
        if (!isxdigit((unsigned char)v[i])) return 0;
    return 1;
}

/* A real calendar date written YYYY-MM-DD, from 1990 to 2199 (libharu's
 * metadata dates are checked too). */
static int is_date(const char *v)
{
    static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    if (strlen(v) != 10 || v[4] != '-' || v[7] != '-') return 0;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && !isdigit((unsigned char)v[i])) return 0;
    int y = atoi(v), m = atoi(v + 5), d = atoi(v + 8);
    if (y < 1990 || y > 2199 || m < 1 || m > 12 || d < 1) return 0;
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return d <= days[m - 1] + (m == 2 && leap);
}

static void range_error(parser *p, const char *label, const tp_opt *o, const char *v)
{
    char sh[UT_SHOWN_SIZE];
    perr(p, "block '%s': option '%s' must be a %s from %g to %g%s%s%s, not '%s'", label, o->key,
         o->type == TP_WHOLE ? "whole number" : "number", o->lo, o->hi, o->unit ? " (" : "",
         o->unit ? o->unit : "", o->unit ? ")" : "", ut_shown(sh, v));
}

/* An indicator id as the scripts write them: a-z, 0-9 and _. */
static int is_id(const char *s)
{
    if (!*s) return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_')) return 0;
    return 1;
}

/* One word of o->words (or, for TP_ITEMS, an indicator id), or an error
 * naming the closest. */
static int check_word(parser *p, const char *label, const tp_opt *o, const char *w, const char *what)
{
    if (in_list(o->words, w) || (o->type == TP_ITEMS && is_id(w))) return 0;
    size_t n = 0;
    while (o->words && o->words[n]) n++;
    char sh[UT_SHOWN_SIZE];
    const char *best = ut_closest(w, o->words, n);
    char *all = word_list(o->words);
    ut_shown(sh, w);
    if (best) perr(p, "block '%s': option '%s': unknown %s '%s' (did you mean %s?)", label, o->key, what, sh, best);
    else if (o->type == TP_ITEMS && n)
        perr(p, "block '%s': option '%s': '%s' is neither one of %s nor an indicator id (a-z, 0-9 and _)", label,
             o->key, sh, all);
    else if (o->type == TP_ITEMS)
        perr(p, "block '%s': option '%s': '%s' is not an indicator id (a-z, 0-9 and _)", label, o->key, sh);
    else perr(p, "block '%s': option '%s': unknown %s '%s' (known: %s)", label, o->key, what, sh, all);
    free(all);
    return -1;
}

static void check_colors(parser *p, const char *label, const tp_opt *o, const char *v)
{
    char **list = ut_split_list(v);
    size_t n = ut_strv_len(list);
    char sh[UT_SHOWN_SIZE];
    for (size_t i = 0; i < n; i++) {
        char *c = trim(list[i]);
        if (!is_hex_color(c)) {
            perr(p, "block '%s': option '%s': colour %zu must be #rrggbb, not '%s'", label, o->key, i + 1, ut_shown(sh, c));
            ut_strv_free(list);
            return;
        }
    }
    if ((double)n < o->lo || (double)n > o->hi) {
        if (o->lo == o->hi)
            perr(p, "block '%s': option '%s' must list %g colours (#rrggbb, comma-separated), not %zu", label, o->key, o->lo, n);
        else
            perr(p, "block '%s': option '%s' must list %g to %g colours (#rrggbb, comma-separated), not %zu", label,
                 o->key, o->lo, o->hi, n);
    }
    ut_strv_free(list);
}

static void check_words(parser *p, const char *label, const tp_opt *o, const char *v)
{
    char **list = ut_split_list(v);
    size_t n = ut_strv_len(list);
    if (!n) {
        char *all = word_list(o->words);
        if (o->words && *o->words) perr(p, "block '%s': option '%s' must list at least one of %s", label, o->key, all);
        else perr(p, "block '%s': option '%s' must list at least one indicator", label, o->key);
        free(all);
    }
    for (size_t i = 0; i < n; i++) {
        char *w = trim(list[i]);
        if (check_word(p, label, o, w, "entry") != 0) break;
        for (size_t j = 0; j < i; j++)
            if (strcmp(trim(list[j]), w) == 0) {
                perr(p, "block '%s': option '%s' lists '%s' twice", label, o->key, w);
                break;
            }
    }
    ut_strv_free(list);
}

/* The {placeholders} of a text: each one the option offers
 * (o->placeholders), braces balanced ("{{" and "}}" are literal braces). */
static void check_placeholders(parser *p, const char *label, const tp_opt *o, const char *v)
{
    char *names = ut_xstrdup(o->placeholders), *save = NULL;
    const char *known[32];
    size_t n = 0;
    for (char *w = strtok_r(names, " ", &save); w && n < 32; w = strtok_r(NULL, " ", &save)) known[n++] = w;
    for (const char *q = v; *q; q++) {
        if ((q[0] == '{' && q[1] == '{') || (q[0] == '}' && q[1] == '}')) {
            q++;
            continue;
        }
        if (*q == '}') {
            perr(p, "block '%s', option '%s': a lone '}' (write '}}' for a brace)", label, o->key);
            break;
        }
        if (*q != '{') continue;
        const char *e = strchr(q + 1, '}');
        if (!e) {
            perr(p, "block '%s', option '%s': a '{' without its '}' (write '{{' for a brace)", label, o->key);
            break;
        }
        char *name = ut_xstrndup(q + 1, (size_t)(e - q - 1));
        char sh[UT_SHOWN_SIZE];
        int ok = (isalpha((unsigned char)name[0]) || name[0] == '_');
        const char *colon = strchr(name, ':');
        for (const char *c = name; ok && *c; c++) ok = isalnum((unsigned char)*c) || *c == '_' || c == colon;
        ok = ok && (!colon || (colon[1] && !strchr(colon + 1, ':')));
        /* {indicator:ID} is offered as "indicator:", for any id: the layout
         * checks the id against the scripts once they have loaded. */
        size_t len = colon && is_id(colon + 1) ? (size_t)(colon + 1 - name) : strlen(name), k = 0;
        while (k < n && !(strlen(known[k]) == len && !strncmp(known[k], name, len))) k++;
        if (!ok) {
            perr(p, "block '%s', option '%s': '{%s}' is not a placeholder (write '{{' for a brace)", label, o->key,
                 ut_shown(sh, name));
        } else if (k == n) {
            char *head = ut_xstrndup(name, len);
            const char *best = ut_closest(head, known, n);
            ut_buf all = {0};
            for (size_t i = 0; i < n; i++)
                ut_buf_printf(&all, "%s{%s%s}", i ? ", " : "", known[i], strchr(known[i], ':') ? "ID" : "");
            if (best)
                perr(p, "block '%s', option '%s': unknown placeholder {%s} (did you mean {%s%s}?)", label, o->key, name,
                     best, strchr(best, ':') && colon ? colon + 1 : "");
            else
                perr(p, "block '%s', option '%s': unknown placeholder {%s} (this text may use %s)", label, o->key, name,
                     all.data ? all.data : "none");
            ut_buf_free(&all);
            free(head);
        }
        free(name);
        if (!ok || k == n) break;
        q = e;
    }
    free(names);
}

static void check_value(parser *p, const char *label, const tp_opt *o, const tp_attr *a)
{
    char sh[UT_SHOWN_SIZE];
    p->line = a->line;
    if (o->type == TP_TEXT) {
        if (!a->is_text)
            perr(p, "block '%s': option '%s' is a text to translate: write it in double quotes (%s = \"%s\")", label,
                 o->key, o->key, ut_shown(sh, a->value));
        else if (o->placeholders)
            check_placeholders(p, label, o, a->value);
        return;
    }
    if (a->is_text) {
        perr(p, "block '%s': option '%s' takes a plain value, not a \"quoted\" text", label, o->key);
        return;
    }
    const char *v = a->value;
    double d;
    switch (o->type) {
    case TP_NUMBER:
    case TP_WHOLE:
        d = plain_number(v);
        if (isnan(d) || d < o->lo || d > o->hi || (o->type == TP_WHOLE && d != floor(d))) range_error(p, label, o, v);
        break;
    case TP_COLOR:
        if (!is_hex_color(v) && !in_list(o->words, v)) {
            size_t n = 0;
            while (o->words && o->words[n]) n++;
            const char *best = v[0] == '#' ? NULL : ut_closest(v, o->words, n);
            char *all = word_list(o->words);
            ut_shown(sh, v);
            if (best) perr(p, "block '%s': option '%s' must be #rrggbb or a theme colour, not '%s' (did you mean %s?)",
                           label, o->key, sh, best);
            else if (n) perr(p, "block '%s': option '%s' must be #rrggbb or a theme colour (%s), not '%s'", label, o->key, all, sh);
            else perr(p, "block '%s': option '%s' must be a colour written #rrggbb, not '%s'", label, o->key, sh);
            free(all);
        }
        break;
    case TP_COLORS: check_colors(p, label, o, v); break;
    case TP_WORD: check_word(p, label, o, v, "value"); break;
    case TP_WORDS:
    case TP_ITEMS: check_words(p, label, o, v); break;
    case TP_DATE:
        if (!is_date(v))
            perr(p, "block '%s': option '%s' must be a date written YYYY-MM-DD (1990 to 2199), not '%s'", label, o->key,
                 ut_shown(sh, v));
        break;
    case TP_TEXT: break;
    }
}

/* A box dimension (w or h) above 0 and at least the kind's smallest. */
static void check_extent(parser *p, const char *label, const tp_block *b, const char *key, double v, double min)
{
    const tp_attr *a = tp_attr_of(b, key);
    if (!a || isnan(v)) return;
    p->line = a->line;
    if (v <= 0) perr(p, "block '%s': option '%s' must be above 0 (points), not %g", label, key, v);
    else if (v < min) perr(p, "block '%s': option '%s' must be at least %g (points) for a %s block, not %g", label, key,
                           min, b->type, v);
}

/* After parsing: every block has what its kind needs, and only that. */
static void check_blocks(parser *p)
{
    for (size_t i = 0; i < p->t->nblocks; i++) {
        tp_block *b = &p->t->blocks[i];
        if (!type_known(p, b->type)) continue;
        char *label = block_label(b);
        p->line = b->line;
        const tp_kind *k = pick_kind(p, b, label);
        if (!k) { free(label); continue; }
        for (size_t j = 0; j < b->nattrs; j++) {
            const tp_attr *a = &b->attrs[j];
            p->line = a->line;
            if (k->variant && !strcmp(a->key, "kind")) {
                if (a->is_text) perr(p, "block '%s': option 'kind' takes a plain value, not a \"quoted\" text", label);
                continue;
            }
            if (k->positioned && in_list(positional, a->key)) {
                if (a->is_text) perr(p, "block '%s': option '%s' takes a plain value, not a \"quoted\" text", label, a->key);
                if (!strcmp(a->key, "w")) check_extent(p, label, b, "w", b->w, k->min_w);
                if (!strcmp(a->key, "h")) check_extent(p, label, b, "h", b->h, k->min_h);
                continue;
            }
            const tp_opt *o = opt_of(k, a->key);
            if (!o) unknown_option(p, k, label, a);
            else check_value(p, label, o, a);
        }
        p->line = b->line;
        if (k->positioned) {
            for (const char *const *q = positional; *q; q++)
                if (!tp_attr_of(b, *q)) perr(p, "block '%s': missing option '%s'", label, *q);
        }
        for (const tp_opt *o = k->opts; o && o->key; o++)
            if (o->required && !tp_attr_of(b, o->key)) perr(p, "block '%s': missing option '%s'", label, o->key);
        free(label);
    }
}

int tp_check_page(const tp_template *t, double w, double h, dg_list *dg)
{
    int errors = 0;
    for (size_t i = 0; i < t->nblocks; i++) {
        const tp_block *b = &t->blocks[i];
        if (b->page < 0 || isnan(b->x) || isnan(b->y) || isnan(b->w) || isnan(b->h)) continue;
        for (int axis = 0; axis < 2; axis++) {
            double at = axis ? b->y : b->x, ext = axis ? b->h : b->w, page = axis ? h : w;
            if (at + ext <= page + 0.5) continue;
            const char *k0 = axis ? "y" : "x", *k1 = axis ? "h" : "w";
            const tp_attr *a = tp_attr_of(b, at >= page ? k0 : k1);
            char *label = block_label(b);
            dg_error(dg, t->file, a ? a->line : b->line, NULL, NULL,
                     "block '%s' is off the page: %s = %g and %s = %g reach %g, beyond the page %s of %.0f points",
                     label, k0, at, k1, ext, at + ext, axis ? "height" : "width", page);
            free(label);
            errors++;
        }
    }
    return errors;
}

int tp_parse(const char *text, size_t len, const char *shown, const tp_kind *kinds, tp_template *t,
             dg_list *dg)
{
    memset(t, 0, sizeof *t);
    t->file = ut_xstrdup(shown);
    parser p = { .file = t->file, .kinds = kinds, .t = t, .dg = dg };
    size_t pos = 0;
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) pos = 3;
    while (pos < len) {
        const char *nl = memchr(text + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - text) : len;
        p.line++;
        if (end - pos > TP_MAX_LINE) {
            perr(&p, "line longer than %d bytes", TP_MAX_LINE);
        } else if (memchr(text + pos, '\0', end - pos)) {
            perr(&p, "a NUL byte in the line (is this a text file?)");
        } else {
            char *line = ut_xstrndup(text + pos, end - pos);
            char *s = trim(line);
            if (*s == '[') open_block(&p, s + 1);
            else if (*s && *s != '#') set_option(&p, s);
            free(line);
        }
        pos = end + 1;
    }
    check_blocks(&p);
    return p.errors ? -1 : 0;
}

int tp_load(const char *path, const char *shown, const tp_kind *kinds, tp_template *t, dg_list *dg)
{
    size_t len;
    char *text = ut_read_file(path, &len);
    if (!text) {
        memset(t, 0, sizeof *t);
        dg_error(dg, shown, 0, NULL, NULL, "cannot read the template: %s", strerror(errno));
        return -1;
    }
    int rc = tp_parse(text, len, shown, kinds, t, dg);
    free(text);
    return rc;
}

void tp_free(tp_template *t)
{
    for (size_t i = 0; i < t->nblocks; i++) {
        tp_block *b = &t->blocks[i];
        for (size_t k = 0; k < b->nattrs; k++) {
            free(b->attrs[k].key);
            free(b->attrs[k].value);
        }
        free(b->attrs);
        free(b->type);
        free(b->name);
    }
    free(t->blocks);
    free(t->file);
    memset(t, 0, sizeof *t);
}

const tp_block *tp_find(const tp_template *t, const char *type, const char *name)
{
    for (size_t i = 0; i < t->nblocks; i++)
        if (strcmp(t->blocks[i].type, type) == 0 && (!name || strcmp(t->blocks[i].name, name) == 0))
            return &t->blocks[i];
    return NULL;
}

const tp_attr *tp_attr_of(const tp_block *b, const char *key)
{
    for (size_t i = 0; b && i < b->nattrs; i++)
        if (strcmp(b->attrs[i].key, key) == 0) return &b->attrs[i];
    return NULL;
}

const char *tp_get(const tp_block *b, const char *key, const char *def)
{
    const tp_attr *a = tp_attr_of(b, key);
    return a ? a->value : def;
}

double tp_num(const tp_block *b, const char *key, double def)
{
    const char *v = tp_get(b, key, NULL);
    if (!v) return def;
    char *end;
    double d = strtod(v, &end);
    return (end != v && !*end && isfinite(d)) ? d : def;
}
