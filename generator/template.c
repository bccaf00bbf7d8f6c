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
    char *m = ut_xvasprintf(fmt, ap);
    va_end(ap);
    dg_error(p->dg, p->file, p->line, NULL, NULL, "%s", m);
    free(m);
    p->errors++;
}

static const tp_kind *kind_of(const parser *p, const char *type)
{
    for (const tp_kind *k = p->kinds; k && k->type; k++)
        if (strcmp(k->type, type) == 0) return k;
    return NULL;
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
    if (!kind_of(p, type)) {
        ut_buf b = {0};
        for (const tp_kind *k = p->kinds; k && k->type; k++)
            ut_buf_printf(&b, "%s%s", k == p->kinds ? "" : ", ", k->type);
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

/* After parsing: every block has what its kind needs. */
static void check_blocks(parser *p)
{
    for (size_t i = 0; i < p->t->nblocks; i++) {
        tp_block *b = &p->t->blocks[i];
        const tp_kind *k = kind_of(p, b->type);
        if (!k) continue;
        p->line = b->line;
        const char *label = b->name[0] ? b->name : b->type;
        if (k->positioned) {
            static const char *const pos[] = { "page", "x", "y", "w", "h" };
            for (int j = 0; j < 5; j++)
                if (!tp_attr_of(b, pos[j]))
                    perr(p, "block '%s': missing option '%s'", label, pos[j]);
        }
        for (const char *const *r = k->required; r && *r; r++)
            if (!tp_attr_of(b, *r)) perr(p, "block '%s': missing option '%s'", label, *r);
    }
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
