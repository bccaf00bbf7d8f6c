/* config.c — checking scripts/config.lua (see config.h). The rules below
 * are the only place that knows what each setting means; a setting added
 * to config.lua for a script needs a rule here, or it is reported as
 * unknown. */
#include "config.h"
#include "compute.h"
#include "sandbox.h"
#include "util.h"

#include <ctype.h>
#include <lauxlib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Separates the names of a path inside the scanner (a name may hold '.'). */
#define CF_SEP '\x1f'

/* ---- where each setting is written (a scan of the Lua source) ------------ */

typedef enum { TK_NAME, TK_STRING, TK_NUMBER, TK_SYM, TK_END } tk_kind;

typedef struct token {
    tk_kind kind;
    char *text;     /* name, string contents, number or symbol */
    long line;
} token;

typedef struct lexer {
    const char *s;
    size_t len, pos;
    long line;
} lexer;

/* Length of the "[==[" opening at pos (its level + 2), 0 when there is none. */
static size_t long_open(const lexer *x, size_t pos, int *level)
{
    if (pos >= x->len || x->s[pos] != '[') return 0;
    size_t p = pos + 1;
    int l = 0;
    while (p < x->len && x->s[p] == '=') { p++; l++; }
    if (p >= x->len || x->s[p] != '[') return 0;
    *level = l;
    return p + 1 - pos;
}

/* Skips a long bracket body up to its "]==]"; returns its contents. */
static char *long_body(lexer *x, int level)
{
    size_t start = x->pos;
    while (x->pos < x->len) {
        if (x->s[x->pos] == '\n') x->line++;
        if (x->s[x->pos] == ']') {
            size_t p = x->pos + 1;
            int l = 0;
            while (p < x->len && x->s[p] == '=') { p++; l++; }
            if (l == level && p < x->len && x->s[p] == ']') {
                char *body = ut_xstrndup(x->s + start, x->pos - start);
                x->pos = p + 1;
                return body;
            }
        }
        x->pos++;
    }
    return ut_xstrndup(x->s + start, x->pos - start);
}

static char *short_string(lexer *x)
{
    char q = x->s[x->pos++];
    ut_buf b = {0};
    while (x->pos < x->len && x->s[x->pos] != q && x->s[x->pos] != '\n') {
        char c = x->s[x->pos++];
        if (c == '\\' && x->pos < x->len) {
            char e = x->s[x->pos++];
            if (e == '\n') x->line++;
            if (e == 'z')
                while (x->pos < x->len && isspace((unsigned char)x->s[x->pos]))
                    if (x->s[x->pos++] == '\n') x->line++;
            c = e == 'n' ? '\n' : e == 't' ? '\t' : e;
        }
        ut_buf_add(&b, &c, 1);
    }
    if (x->pos < x->len && x->s[x->pos] == q) x->pos++;
    if (!b.data) ut_buf_add(&b, "", 0);
    return b.data;
}

static token next_token(lexer *x)
{
    for (;;) {
        while (x->pos < x->len && isspace((unsigned char)x->s[x->pos]))
            if (x->s[x->pos++] == '\n') x->line++;
        if (x->pos + 1 < x->len && x->s[x->pos] == '-' && x->s[x->pos + 1] == '-') {
            x->pos += 2;
            int level;
            size_t n = long_open(x, x->pos, &level);
            if (n) {
                x->pos += n;
                free(long_body(x, level));
            } else {
                while (x->pos < x->len && x->s[x->pos] != '\n') x->pos++;
            }
            continue;
        }
        break;
    }
    token t = { TK_END, NULL, x->line };
    if (x->pos >= x->len) return t;
    char c = x->s[x->pos];
    int level;
    size_t n = long_open(x, x->pos, &level);
    if (n) {
        x->pos += n;
        t.kind = TK_STRING;
        t.text = long_body(x, level);
    } else if (c == '"' || c == '\'') {
        t.kind = TK_STRING;
        t.text = short_string(x);
    } else if (isalpha((unsigned char)c) || c == '_') {
        size_t s = x->pos;
        while (x->pos < x->len && (isalnum((unsigned char)x->s[x->pos]) || x->s[x->pos] == '_')) x->pos++;
        t.kind = TK_NAME;
        t.text = ut_xstrndup(x->s + s, x->pos - s);
    } else if (isdigit((unsigned char)c) || (c == '.' && x->pos + 1 < x->len && isdigit((unsigned char)x->s[x->pos + 1]))) {
        size_t s = x->pos;
        while (x->pos < x->len) {
            char d = x->s[x->pos];
            if (isalnum((unsigned char)d) || d == '.') x->pos++;
            else if ((d == '-' || d == '+') && strchr("eEpP", x->s[x->pos - 1])) x->pos++;
            else break;
        }
        t.kind = TK_NUMBER;
        t.text = ut_xstrndup(x->s + s, x->pos - s);
    } else {
        size_t k = (c == '=' && x->pos + 1 < x->len && x->s[x->pos + 1] == '=') ? 2 : 1;
        t.kind = TK_SYM;
        t.text = ut_xstrndup(x->s + x->pos, k);
        x->pos += k;
    }
    return t;
}

typedef struct placed { char *path; long line; } placed;

typedef struct scan {
    placed *v;
    size_t n, cap;
    long return_line;
} scan;

static void place(scan *sc, const char *path, long line)
{
    ut_grow(&sc->v, &sc->cap, sc->n + 1, sizeof *sc->v);
    sc->v[sc->n++] = (placed){ ut_xstrdup(path), line };
}

static char *join(const char *parent, const char *name)
{
    return *parent ? ut_xasprintf("%s%c%s", parent, CF_SEP, name) : ut_xstrdup(name);
}

static int is_sym(const token *t, const char *s)
{
    return t->kind == TK_SYM && strcmp(t->text, s) == 0;
}

/* The index of the `end` closing the function whose keyword is at i. */
static size_t skip_function(const token *tk, size_t nt, size_t i)
{
    int open = 0;
    for (; i + 1 < nt; i++) {
        if (tk[i].kind != TK_NAME) continue;
        const char *w = tk[i].text;
        if (!strcmp(w, "function") || !strcmp(w, "do") || !strcmp(w, "if") || !strcmp(w, "repeat")) open++;
        else if ((!strcmp(w, "end") || !strcmp(w, "until")) && --open == 0) return i;
    }
    return i;
}

/* Records the line of every `name = ...` inside table constructors, with
 * the names of the tables around it: `targets = { KEN = 40 }` places
 * "targets" and "targets.KEN". At the top level, `cfg.targets.KEN = 40`
 * places "targets.KEN" too. */
static void scan_source(const char *src, size_t len, scan *sc)
{
    lexer x = { src, len, 0, 1 };
    size_t nt = 0, cap = 0;
    token *tk = NULL;
    for (;;) {
        ut_grow(&tk, &cap, nt + 1, sizeof *tk);
        tk[nt] = next_token(&x);
        if (tk[nt++].kind == TK_END) break;
    }
    char **stack = NULL;       /* the path of each open table */
    size_t depth = 0, scap = 0;
    char *pending = NULL;      /* the name the next '{' belongs to */
    for (size_t i = 0; i + 1 < nt; i++) {
        token *t = &tk[i];
        if (t->kind == TK_NAME && strcmp(t->text, "function") == 0) {
            i = skip_function(tk, nt, i);   /* `local x = 1` in a body is no setting */
        } else if (t->kind == TK_NAME && strcmp(t->text, "return") == 0 && depth == 0) {
            sc->return_line = t->line;
        } else if (is_sym(t, "{")) {
            ut_grow(&stack, &scap, depth + 1, sizeof *stack);
            /* An outermost table (`return {`, `local cfg = {`) is the
             * settings themselves; a nested one belongs to the name before. */
            stack[depth] = depth ? join(stack[depth - 1], pending ? pending : "?") : ut_xstrdup("");
            depth++;
            free(pending);
            pending = NULL;
        } else if (is_sym(t, "}")) {
            if (depth) free(stack[--depth]);
            free(pending);
            pending = NULL;
        } else if ((is_sym(t, ",") || is_sym(t, ";")) && depth) {
            free(pending);
            pending = NULL;
        } else if (depth && t->kind == TK_NAME && is_sym(&tk[i + 1], "=")) {
            char *p = join(stack[depth - 1], t->text);
            place(sc, p, t->line);
            free(p);
            free(pending);
            pending = ut_xstrdup(t->text);
        } else if (depth && is_sym(t, "[") && i + 3 < nt && (tk[i + 1].kind == TK_STRING || tk[i + 1].kind == TK_NUMBER)
                   && is_sym(&tk[i + 2], "]") && is_sym(&tk[i + 3], "=")) {
            char *p = join(stack[depth - 1], tk[i + 1].text);
            place(sc, p, t->line);
            free(p);
            free(pending);
            pending = ut_xstrdup(tk[i + 1].text);
            i += 3;
        } else if (!depth && t->kind == TK_NAME && is_sym(&tk[i + 1], ".")) {
            /* cfg.a.b = value: the path is a.b */
            size_t k = i;
            ut_buf b = {0};
            while (k + 2 < nt && tk[k].kind == TK_NAME && is_sym(&tk[k + 1], ".") && tk[k + 2].kind == TK_NAME) {
                if (b.len) ut_buf_add(&b, (char[]){ CF_SEP }, 1);
                ut_buf_puts(&b, tk[k + 2].text);
                k += 2;
            }
            if (b.len && k + 1 < nt && is_sym(&tk[k + 1], "=")) {
                place(sc, b.data, tk[k].line);
                free(pending);
                pending = ut_xstrdup(tk[k].text);
                i = k + 1;
            }
            ut_buf_free(&b);
        } else if (!depth && t->kind == TK_NAME && is_sym(&tk[i + 1], "=")) {
            free(pending);
            pending = ut_xstrdup(t->text);   /* `local cfg = {` */
        }
    }
    while (depth) free(stack[--depth]);
    free(stack);
    free(pending);
    for (size_t i = 0; i < nt; i++) free(tk[i].text);
    free(tk);
}

static void scan_free(scan *sc)
{
    for (size_t i = 0; i < sc->n; i++) free(sc->v[i].path);
    free(sc->v);
}

/* The line of a path (names joined by CF_SEP), its parent's, or the return. */
static long line_of(const scan *sc, const char *path)
{
    char *p = ut_xstrdup(path);
    long line = 0;
    while (!line) {
        for (size_t i = sc->n; i-- > 0;)
            if (strcmp(sc->v[i].path, p) == 0) { line = sc->v[i].line; break; }
        char *sep = strrchr(p, CF_SEP);
        if (line || !sep) break;
        *sep = '\0';
    }
    free(p);
    return line ? line : sc->return_line;
}

long cf_line(const char *src, size_t len, const char *path)
{
    scan sc = {0};
    scan_source(src, len, &sc);
    char *p = ut_xstrdup(path);
    for (char *q = p; *q; q++) if (*q == '.') *q = CF_SEP;
    long line = line_of(&sc, p);
    free(p);
    scan_free(&sc);
    return line;
}

/* ---- the rules ------------------------------------------------------------ */

typedef enum {
    R_NUMBER,     /* a finite number in [lo, hi], lo excluded when lo_open */
    R_WHOLE,      /* a whole number in [lo, hi] */
    R_YEAR,       /* a whole year from the current one to hi */
    R_WORD,       /* one of words */
    R_TARGETS,    /* ISO3 code = workers per 100,000 */
    R_LEVELS,     /* education level = number above 0 */
    R_REVIEW,     /* the table of review settings */
    R_EDITION,    /* the report year: a year with workforce data */
} rule_kind;

typedef struct rule {
    const char *name;
    rule_kind kind;
    double lo, hi;
    int lo_open;
    const char *unit;          /* after the range, e.g. "(workers per 100,000 people)" */
    const char *const *words;
} rule;

/* Workers per 100,000 people: above 100,000 there are more workers than people. */
#define CF_MAX_RATIO 100000.0

static const char *const scales[] = { "log", "linear", NULL };

static const rule review_rules[] = {
    { "jump_factor", R_NUMBER, 1, 1000, 1, "(a change by more than this factor is flagged)", NULL },
    { "jump_min_change", R_NUMBER, 0, 1e9, 0, "(workers)", NULL },
    { "flat_years", R_WHOLE, 2, CP_NYEARS, 0, "(years)", NULL },
    { "flat_min_value", R_NUMBER, 0, 1e9, 0, "(workers)", NULL },
    { "mad_limit", R_NUMBER, 0, 1000, 1, "(median absolute deviations)", NULL },
    { "mad_floor", R_NUMBER, 0, 1, 0, "(a share of the group median)", NULL },
    { "min_group", R_WHOLE, 2, 1000, 0, "(countries)", NULL },
    { "outlier_scale", R_WORD, 0, 0, 0, NULL, scales },
    { "graduates_per_institution", R_LEVELS, 0, 1e6, 1, "(graduates per institution per year)", NULL },
    { NULL, 0, 0, 0, 0, NULL, NULL },
};

static const rule top_rules[] = {
    { "edition", R_EDITION, DS_YEAR_MIN, DS_YEAR_MAX, 0, NULL, NULL },
    { "target_ratio", R_NUMBER, 0, CF_MAX_RATIO, 1, "(workers per 100,000 people)", NULL },
    { "target_year", R_YEAR, 0, DS_YEAR_MAX, 0, NULL, NULL },
    { "projection_year", R_YEAR, 0, DS_YEAR_MAX, 0, NULL, NULL },
    { "targets", R_TARGETS, 0, CF_MAX_RATIO, 1, "(workers per 100,000 people)", NULL },
    { "trend_min_points", R_WHOLE, 2, CP_NYEARS, 0, "(years with a ratio)", NULL },
    { "review", R_REVIEW, 0, 0, 0, NULL, NULL },
    { NULL, 0, 0, 0, 0, NULL, NULL },
};

/* Settings the indicators cannot do without. */
static const char *const required[] = { "edition", "target_ratio", "target_year", "projection_year", "targets",
                                        "trend_min_points", NULL };

/* ---- checking ------------------------------------------------------------ */

typedef struct problem { long line; char *msg; } problem;

typedef struct checker {
    lua_State *L;
    const ds_data *ds;
    scan sc;
    problem *v;
    size_t n, cap;
    int this_year;             /* targets and projections lie ahead of it */
} checker;

static void report(checker *c, const char *path, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void report(checker *c, const char *path, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *m = ut_xvasprintf(fmt, ap);
    va_end(ap);
    ut_grow(&c->v, &c->cap, c->n + 1, sizeof *c->v);
    c->v[c->n++] = (problem){ line_of(&c->sc, path), m };
}

/* The path as messages show it: names joined by '.'. */
static char *shown_path(const char *path)
{
    char *p = ut_xstrdup(path);
    for (char *q = p; *q; q++) if (*q == CF_SEP) *q = '.';
    return p;
}

/* A Lua value as a message shows it (owned by the caller). */
static char *value_text(lua_State *L, int idx)
{
    char sh[UT_SHOWN_SIZE];
    switch (lua_type(L, idx)) {
    case LUA_TNUMBER:
        if (lua_isinteger(L, idx)) return ut_xasprintf("%lld", (long long)lua_tointeger(L, idx));
        if (isnan(lua_tonumber(L, idx))) return ut_xstrdup("nan (not a number)");
        return ut_xasprintf("%.15g", lua_tonumber(L, idx));
    case LUA_TSTRING: return ut_xasprintf("the text \"%s\"", ut_shown(sh, lua_tostring(L, idx)));
    case LUA_TBOOLEAN: return ut_xstrdup(lua_toboolean(L, idx) ? "true" : "false");
    default: return ut_xasprintf("a %s", lua_typename(L, lua_type(L, idx)));
    }
}

static char *range_text(const rule *r)
{
    const char *lo = r->lo_open ? "above" : "from";
    const char *hi = r->lo_open ? "and at most" : "to";
    char *s = ut_xasprintf("%s %g %s %g", lo, r->lo, hi, r->hi);
    if (r->unit) {
        char *u = ut_xasprintf("%s %s", s, r->unit);
        free(s);
        s = u;
    }
    return s;
}

/* The number at idx when it is a finite number, else NAN. */
static double number_at(lua_State *L, int idx)
{
    if (lua_type(L, idx) != LUA_TNUMBER) return NAN;
    double d = lua_tonumber(L, idx);
    return isfinite(d) ? d : NAN;
}

static void check_number(checker *c, const rule *r, const char *path, int idx, int whole)
{
    double d = number_at(c->L, idx);
    int ok = !isnan(d) && (r->lo_open ? d > r->lo : d >= r->lo) && d <= r->hi && (!whole || d == floor(d));
    if (ok) return;
    char *p = shown_path(path), *v = value_text(c->L, idx), *range = range_text(r);
    report(c, path, "%s must be a %s %s, not %s", p, whole ? "whole number" : "number", range, v);
    free(p); free(v); free(range);
}

static void check_year(checker *c, const rule *r, const char *path, int idx)
{
    double d = number_at(c->L, idx);
    if (!isnan(d) && d == floor(d) && d >= c->this_year && d <= r->hi) return;
    char *p = shown_path(path), *v = value_text(c->L, idx);
    report(c, path, "%s must be a year from %d (the current year) to %d, not %s", p, c->this_year, (int)r->hi, v);
    free(p); free(v);
}

/* Years with workforce rows in the datasets, as "2010–2024, 2026" ("none"). */
static char *workforce_years(const ds_data *ds, unsigned char *has)
{
    for (size_t ci = 0; ci < ds->nc; ci++)
        for (size_t k = 0; k < ds->c[ci].nwork; k++) has[ds->c[ci].work[k].year - DS_YEAR_MIN] = 1;
    ut_buf b = {0};
    ut_buf_add(&b, "", 0);
    for (int i = 0, n = DS_YEAR_MAX - DS_YEAR_MIN + 1; i < n;) {
        if (!has[i]) { i++; continue; }
        int j = i;
        while (j + 1 < n && has[j + 1]) j++;
        ut_buf_printf(&b, "%s%d", b.len ? ", " : "", DS_YEAR_MIN + i);
        if (j > i) ut_buf_printf(&b, "\u2013%d", DS_YEAR_MIN + j);
        i = j + 1;
    }
    return b.data;
}

/* The edition (the report year without --year): a whole year of the
 * datasets' range with workforce figures, so that a profile never describes
 * a year nobody has data for. Datasets without any workforce row (nothing
 * to describe) only need a year in range. */
static void check_edition(checker *c, const rule *r, const char *path, int idx)
{
    double d = number_at(c->L, idx);
    unsigned char has[DS_YEAR_MAX - DS_YEAR_MIN + 1] = {0};
    char *years = workforce_years(c->ds, has);
    char *p = shown_path(path), *v = value_text(c->L, idx);
    if (isnan(d) || d != floor(d) || d < r->lo || d > r->hi)
        report(c, path, "%s must be a year from %d to %d (the year the report describes), not %s", p, (int)r->lo,
               (int)r->hi, v);
    else if (*years && !has[(int)d - DS_YEAR_MIN])
        report(c, path, "%s is %s, a year without workforce data in the datasets (years with workforce data: "
               "%s)", p, v, years);
    free(p); free(v); free(years);
}

static void check_word(checker *c, const rule *r, const char *path, int idx)
{
    const char *s = lua_type(c->L, idx) == LUA_TSTRING ? lua_tostring(c->L, idx) : NULL;
    size_t n = 0;
    for (; r->words[n]; n++)
        if (s && strcmp(s, r->words[n]) == 0) return;
    ut_buf b = {0};
    for (size_t i = 0; i < n; i++) ut_buf_printf(&b, "%s\"%s\"", i ? (i + 1 == n ? " or " : ", ") : "", r->words[i]);
    const char *best = s ? ut_closest(s, r->words, n) : NULL;
    char *p = shown_path(path), *v = value_text(c->L, idx);
    if (best) report(c, path, "%s must be %s, not %s (did you mean \"%s\"?)", p, b.data, v, best);
    else report(c, path, "%s must be %s, not %s", p, b.data, v);
    free(p); free(v);
    ut_buf_free(&b);
}

/* The table at idx, behind its read-only proxy; pushes it and returns 1,
 * or reports and returns 0 (nothing pushed) when it is not a plain table. */
static int plain_table(checker *c, const char *path, int idx, const char *what)
{
    lua_State *L = c->L;
    if (lua_type(L, idx) == LUA_TTABLE) {
        sb_unwrap(L, idx);
        if (!lua_getmetatable(L, -1)) return 1;
        lua_pop(L, 2);
        char *p = shown_path(path);
        report(c, path, "%s must be a plain table (without a metatable)", *p ? p : "the table config.lua returns");
        free(p);
        return 0;
    }
    char *p = shown_path(path), *v = value_text(L, idx);
    report(c, path, "%s must be a table (%s), not %s", p, what, v);
    free(p); free(v);
    return 0;
}

/* A key as messages show it; NULL when it is not a string. */
static const char *key_name(lua_State *L, int idx)
{
    return lua_type(L, idx) == LUA_TSTRING ? lua_tostring(L, idx) : NULL;
}

static void not_a_name(checker *c, const char *parent, int key_idx, const char *expected)
{
    char *k = value_text(c->L, key_idx);
    char *p = shown_path(parent);
    report(c, parent, "%s%san entry without a name (key %s): each entry is written %s", p, *p ? ": " : "", k,
           expected);
    free(k); free(p);
}

static void check_targets(checker *c, const rule *r, const char *path, int idx)
{
    lua_State *L = c->L;
    if (!plain_table(c, path, idx, "ISO3 code = workers per 100,000 people")) return;
    int t = lua_gettop(L);
    lua_pushnil(L);
    while (lua_next(L, t)) {
        const char *code = key_name(L, -2);
        if (!code) {
            not_a_name(c, path, -2, "ISO3 = number, e.g. KEN = 40");
        } else {
            char *sub = join(path, code);
            if (ds_find(c->ds, code) < 0) {
                char sh[UT_SHOWN_SIZE];
                const char *best = ds_suggest(c->ds, code);
                char *p = shown_path(path);
                if (best) report(c, sub, "%s: unknown country code '%s' (did you mean %s?)", p, ut_shown(sh, code), best);
                else report(c, sub, "%s: unknown country code '%s' (see datasets/countries.csv)", p, ut_shown(sh, code));
                free(p);
            } else {
                check_number(c, r, sub, -1, 0);
            }
            free(sub);
        }
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
}

static void check_levels(checker *c, const rule *r, const char *path, int idx)
{
    lua_State *L = c->L;
    if (!plain_table(c, path, idx, "education level = number")) return;
    int t = lua_gettop(L);
    lua_pushnil(L);
    while (lua_next(L, t)) {
        const char *level = key_name(L, -2);
        if (!level) {
            not_a_name(c, path, -2, "level = number, e.g. bachelor = 500");
        } else {
            char *sub = join(path, level);
            size_t k = 0;
            while (k < DS_NLEVELS && strcmp(ds_level_ids[k], level) != 0) k++;
            if (k == DS_NLEVELS) {
                char sh[UT_SHOWN_SIZE];
                const char *best = ut_closest(level, ds_level_ids, DS_NLEVELS);
                char *p = shown_path(path);
                ut_buf b = {0};
                for (size_t i = 0; i < DS_NLEVELS; i++) ut_buf_printf(&b, "%s%s", i ? ", " : "", ds_level_ids[i]);
                if (best) report(c, sub, "%s: unknown education level '%s' (did you mean %s?)", p, ut_shown(sh, level), best);
                else report(c, sub, "%s: unknown education level '%s' (known: %s)", p, ut_shown(sh, level), b.data);
                ut_buf_free(&b);
                free(p);
            } else {
                check_number(c, r, sub, -1, 0);
            }
            free(sub);
        }
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
}

static void check_table(checker *c, const rule *rules, const char *path, int idx, const char *what);

static void check_value(checker *c, const rule *r, const char *path, int idx)
{
    switch (r->kind) {
    case R_NUMBER: check_number(c, r, path, idx, 0); break;
    case R_WHOLE: check_number(c, r, path, idx, 1); break;
    case R_YEAR: check_year(c, r, path, idx); break;
    case R_WORD: check_word(c, r, path, idx); break;
    case R_TARGETS: check_targets(c, r, path, idx); break;
    case R_LEVELS: check_levels(c, r, path, idx); break;
    case R_REVIEW: check_table(c, review_rules, path, idx, "the settings of the data review"); break;
    case R_EDITION: check_edition(c, r, path, idx); break;
    }
}

/* Every field of the table at idx against rules: unknown names are errors. */
static void check_table(checker *c, const rule *rules, const char *path, int idx, const char *what)
{
    lua_State *L = c->L;
    if (!plain_table(c, path, idx, what)) return;
    int t = lua_gettop(L);
    const char *names[32];
    size_t nn = 0;
    for (const rule *r = rules; r->name && nn < 32; r++) names[nn++] = r->name;
    lua_pushnil(L);
    while (lua_next(L, t)) {
        const char *name = key_name(L, -2);
        const rule *r = NULL;
        for (const rule *q = rules; name && q->name && !r; q++)
            if (strcmp(q->name, name) == 0) r = q;
        if (!name) {
            not_a_name(c, path, -2, "name = value");
        } else if (!r) {
            char sh[UT_SHOWN_SIZE];
            char *sub = join(path, name), *p = shown_path(sub);
            const char *best = ut_closest(name, names, nn);
            ut_shown(sh, p);
            if (best) report(c, sub, "unknown setting '%s' (did you mean %s?)", sh, best);
            else report(c, sub, "unknown setting '%s'", sh);
            free(sub); free(p);
        } else {
            char *sub = join(path, name);
            check_value(c, r, sub, -1);
            free(sub);
        }
        lua_pop(L, 1);
    }
    if (rules == top_rules)
        for (const char *const *q = required; *q; q++) {
            lua_getfield(L, t, *q);
            if (lua_isnil(L, -1)) report(c, "", "missing setting '%s'", *q);
            lua_pop(L, 1);
        }
    lua_pop(L, 1);
}

static int cmp_problem(const void *a, const void *b)
{
    const problem *x = a, *y = b;
    if (x->line != y->line) return x->line < y->line ? -1 : 1;
    return strcmp(x->msg, y->msg);
}

/* The current year: SOURCE_DATE_EPOCH's when set (reproducible builds
 * and tests), else the clock's. */
static int current_year(void)
{
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    char *end;
    long long t = sde && *sde ? strtoll(sde, &end, 10) : -1;
    time_t tt = (sde && *sde && !*end && t >= 0) ? (time_t)t : time(NULL);
    struct tm tm;
    gmtime_r(&tt, &tm);
    return tm.tm_year + 1900;
}

int cf_check(lua_State *L, const char *path, const char *shown, const ds_data *ds, dg_list *dg)
{
    int top = lua_gettop(L);
    lua_getglobal(L, "config");
    if (lua_type(L, -1) != LUA_TTABLE) {   /* config.lua did not load: reported already */
        lua_settop(L, top);
        return -1;
    }
    checker c = { .L = L, .ds = ds, .this_year = current_year() };
    size_t len = 0;
    char *src = ut_read_file(path, &len);
    if (src) scan_source(src, len, &c.sc);
    free(src);
    check_table(&c, top_rules, "", lua_gettop(L), "the settings");
    lua_settop(L, top);
    if (c.n) qsort(c.v, c.n, sizeof *c.v, cmp_problem);
    for (size_t i = 0; i < c.n; i++) {
        dg_error(dg, shown, c.v[i].line, NULL, NULL, "%s", c.v[i].msg);
        free(c.v[i].msg);
    }
    free(c.v);
    scan_free(&c.sc);
    return c.n ? -1 : 0;
}

void cf_own_targets(lua_State *L, const ds_data *ds, int *own, size_t stride)
{
    int top = lua_gettop(L);
    lua_getglobal(L, "config");
    int have = 0;
    if (lua_type(L, -1) == LUA_TTABLE) {
        sb_unwrap(L, -1);
        lua_getfield(L, -1, "targets");
        if (lua_type(L, -1) == LUA_TTABLE) {
            sb_unwrap(L, -1);
            have = 1;
        }
    }
    for (size_t i = 0; i < ds->nc; i++) {
        int *o = (int *)((char *)own + i * stride);
        *o = 0;
        if (have) {
            *o = lua_getfield(L, -1, ds->c[i].iso3) != LUA_TNIL;
            lua_pop(L, 1);
        }
    }
    lua_settop(L, top);
}

int cf_edition(lua_State *L)
{
    int top = lua_gettop(L), year = 0;
    lua_getglobal(L, "config");
    if (lua_type(L, -1) == LUA_TTABLE) {
        sb_unwrap(L, -1);
        lua_getfield(L, -1, "edition");
        if (lua_isinteger(L, -1)) year = (int)lua_tointeger(L, -1);
        else if (lua_type(L, -1) == LUA_TNUMBER) year = (int)lua_tonumber(L, -1);
    }
    lua_settop(L, top);
    return year >= DS_YEAR_MIN && year <= DS_YEAR_MAX ? year : 0;
}
