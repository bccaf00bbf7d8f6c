/* review.c — running scripts/review.lua over the countries (see review.h).
 * The rules run in the host that computed the indicators, so they see the
 * same view `c` (with the CSV line of every row), the same `done` results
 * and the same `all` as phase-2 indicators, under the same limits. */
#include "review.h"
#include "config.h"
#include "sandbox.h"
#include "util.h"

#include <lauxlib.h>
#include <stdlib.h>
#include <string.h>

const char *const rv_tables[RV_NTABLES] = { "population", "workforce", "education", "system" };

typedef struct rv_rule {
    char *id, *description;
    int fn;            /* registry reference of check */
    int line;          /* of the declaration in review.lua */
} rv_rule;

typedef struct rv_ctx {
    rv_rule *r;
    size_t n, cap;
    int loading;       /* review.lua is being loaded: rule {} is allowed */
} rv_ctx;

/* `rule { id = ..., description = ..., check = function(c, done, all, config) ... end }` */
static int l_rule(lua_State *L)
{
    rv_ctx *x = lua_touserdata(L, lua_upvalueindex(1));
    if (!x->loading)
        return luaL_error(L, "rule: rules are declared when review.lua loads, not while they run");
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_settop(L, 1);
    lua_getfield(L, 1, "id");                 /* stays at 2 */
    const char *id = lua_tostring(L, 2);
    if (lua_type(L, 2) != LUA_TSTRING || !cp_valid_id(id))
        return luaL_error(L, "rule: 'id' must be a string of " CP_ID_CHARS);
    for (size_t i = 0; i < x->n; i++)
        if (strcmp(x->r[i].id, id) == 0)
            return luaL_error(L, "rule '%s' is declared twice (first on line %d)", id, x->r[i].line);
    if (lua_getfield(L, 1, "check") != LUA_TFUNCTION)
        return luaL_error(L, "rule '%s': 'check' must be a function", id);
    if (lua_getfield(L, 1, "description") != LUA_TSTRING)
        return luaL_error(L, "rule '%s': 'description' must be a string", id);
    /* Nothing raises from here. */
    lua_Debug ar;
    int line = (lua_getstack(L, 1, &ar) && lua_getinfo(L, "l", &ar)) ? ar.currentline : 0;
    ut_grow(&x->r, &x->cap, x->n + 1, sizeof *x->r);
    rv_rule *r = &x->r[x->n++];
    r->id = ut_xstrdup(id);
    size_t n;
    const char *d = lua_tolstring(L, 4, &n);
    ut_buf b = {0};
    ut_buf_shown(&b, d, n, 2000);   /* printed by sswr review: a script's text, made safe */
    r->description = b.data;
    r->line = line;
    lua_pushvalue(L, 3);
    r->fn = luaL_ref(L, LUA_REGISTRYINDEX);
    return 0;
}

/* ---- findings ----------------------------------------------------------- */

/* Field `name` of the plain table at idx, without metamethods (a script's
 * __index would run outside any budget). */
static int raw_field(lua_State *L, int idx, const char *name)
{
    lua_pushstring(L, name);
    return lua_rawget(L, idx);
}

/* An optional integer field in [lo, hi]; 0 when nil. Returns an error
 * message (owned) or NULL. */
static char *int_field(lua_State *L, int t, const char *name, long lo, long hi, long *out)
{
    *out = 0;
    int type = raw_field(L, t, name);
    char *err = NULL;
    if (type != LUA_TNIL) {
        int isnum;
        lua_Integer v = lua_tointegerx(L, -1, &isnum);
        if (type != LUA_TNUMBER || !isnum)
            err = ut_xasprintf("'%s' must be an integer, not a %s", name, luaL_typename(L, -1));
        else if (v < lo || v > hi)
            err = ut_xasprintf("'%s' is %lld, outside %ld-%ld", name, (long long)v, lo, hi);
        else *out = (long)v;
    }
    lua_pop(L, 1);
    return err;
}

/* An optional string field; NULL when nil, "" never (an empty string is
 * taken as nil). The text is a script's: it is kept as messages show it
 * (control characters escaped, at most `max` characters), so that a
 * finding can neither forge a line of the output nor flood it. */
static char *str_field(lua_State *L, int t, const char *name, size_t max, char **out)
{
    *out = NULL;
    int type = raw_field(L, t, name);
    char *err = NULL;
    if (type == LUA_TSTRING) {
        size_t n;
        const char *v = lua_tolstring(L, -1, &n);
        if (n) {
            ut_buf b = {0};
            ut_buf_shown(&b, v, n, max);
            *out = b.data;
        }
    } else if (type != LUA_TNIL) {
        err = ut_xasprintf("'%s' must be a string, not a %s", name, luaL_typename(L, -1));
    }
    lua_pop(L, 1);
    return err;
}

static void free_finding(rv_finding *f)
{
    free(f->file); free(f->key); free(f->column); free(f->rule); free(f->message);
}

/* Reads one finding (the table at idx) into f; returns an error message. */
static char *read_finding(lua_State *L, int idx, const ds_data *ds, rv_finding *f)
{
    memset(f, 0, sizeof *f);
    if (!lua_istable(L, idx))
        return ut_xasprintf("a %s, where a table { table, line, year, key, message } was expected",
                            luaL_typename(L, idx));
    sb_unwrap(L, idx);
    int t = lua_gettop(L);
    char *table = NULL, *err = NULL;
    long line = 0, year = 0;
    err = str_field(L, t, "table", UT_SHOWN_CHARS, &table);
    if (!err && !table)
        err = ut_xasprintf("'table' is missing (population, workforce, education or system)");
    if (!err) {
        f->table = -1;
        for (int i = 0; i < RV_NTABLES; i++)
            if (strcmp(table, rv_tables[i]) == 0) f->table = i;
        if (f->table < 0)
            err = ut_xasprintf("unknown table '%s' (population, workforce, education or system)", table);
    }
    if (!err) err = int_field(L, t, "line", 1, 1L << 30, &line);
    if (!err) err = int_field(L, t, "year", DS_YEAR_MIN, DS_YEAR_MAX, &year);
    if (!err) err = str_field(L, t, "key", UT_SHOWN_CHARS, &f->key);
    if (!err) err = str_field(L, t, "column", UT_SHOWN_CHARS, &f->column);
    if (!err) err = str_field(L, t, "message", SB_MESSAGE_CHARS, &f->message);
    if (!err && !f->message) err = ut_xasprintf("'message' is missing");
    lua_settop(L, t - 1);
    free(table);
    if (err) {
        free_finding(f);
        return err;
    }
    f->line = line;
    f->year = (int)year;
    if (!f->key) f->key = ut_xstrdup("");
    f->file = ut_xasprintf("%s/%s.csv", ds->dir, rv_tables[f->table]);
    return NULL;
}

/* Stores the findings returned by a rule (top of the stack, popped). */
static char *store_findings(lua_State *L, const ds_data *ds, const char *iso3, size_t rule,
                            const char *rule_id, rv_list *out)
{
    if (lua_isnil(L, -1)) { lua_pop(L, 1); return NULL; }
    if (!lua_istable(L, -1)) {
        char *e = ut_xasprintf("returned a %s; a list of findings (or nil) was expected",
                               luaL_typename(L, -1));
        lua_pop(L, 1);
        return e;
    }
    sb_unwrap(L, -1);
    int t = lua_gettop(L);
    size_t n = lua_rawlen(L, t), first = out->n;
    char *err = NULL;
    for (size_t i = 1; i <= n && !err; i++) {
        lua_rawgeti(L, t, (lua_Integer)i);
        rv_finding f;
        char *e = read_finding(L, -1, ds, &f);
        lua_pop(L, 1);
        if (e) {
            err = ut_xasprintf("finding %zu: %s", i, e);
            free(e);
            break;
        }
        snprintf(f.iso3, sizeof f.iso3, "%s", iso3);
        f.rule = ut_xstrdup(rule_id);
        f.rule_index = rule;
        f.seq = out->n;
        ut_grow(&out->v, &out->cap, out->n + 1, sizeof *out->v);
        out->v[out->n++] = f;
    }
    lua_settop(L, t - 2);
    if (err) {
        for (size_t i = first; i < out->n; i++) free_finding(&out->v[i]);
        out->n = first;
    }
    return err;
}

static int cmp_finding(const void *a, const void *b)
{
    const rv_finding *x = a, *y = b;
    int c = strcmp(x->iso3, y->iso3);
    if (c) return c;
    if (x->table != y->table) return x->table < y->table ? -1 : 1;
    if (x->line != y->line) return x->line < y->line ? -1 : 1;
    if (x->rule_index != y->rule_index) return x->rule_index < y->rule_index ? -1 : 1;
    return (x->seq > y->seq) - (x->seq < y->seq);
}

/* ---- running ------------------------------------------------------------ */

int rv_run(cp_host *h, const ds_data *ds, const cp_model *m, const char *scripts_dir,
           const char *shown, const unsigned char *selected, rv_list *out, dg_list *dg)
{
    memset(out, 0, sizeof *out);
    sb_state *sb = cp_sandbox(h);
    lua_State *L = sb->L;
    int top = lua_gettop(L);
    rv_ctx x = {0};
    lua_pushlightuserdata(L, &x);
    lua_pushcclosure(L, l_rule, 1);
    sb_setglobal(sb, "rule");

    char *path = ut_xasprintf("%s/review.lua", scripts_dir);
    char *raw = ut_xasprintf("%s/review.lua", shown);
    ut_buf shb = {0};
    ut_buf_shown(&shb, raw, strlen(raw), 4096);   /* as cp_load names it */
    char *sh = shb.data;
    int rc = cp_load(h, path, raw);
    free(raw);
    if (rc == 0) {
        x.loading = 1;
        rc = cp_run_loaded(h, 0);
        x.loading = 0;
    }
    if (rc != 0) {
        lua_settop(L, top);
    } else {
        out->nrules = x.n;
        out->rules = ut_xcalloc(x.n + 1, sizeof *out->rules);
        out->descriptions = ut_xcalloc(x.n + 1, sizeof *out->descriptions);
        for (size_t r = 0; r < x.n; r++) {
            out->rules[r] = ut_xstrdup(x.r[r].id);
            out->descriptions[r] = ut_xstrdup(x.r[r].description);
        }
        out->reviewed = ut_xcalloc(ds->nc ? ds->nc : 1, sizeof *out->reviewed);

        cp_push_all(h, ds, m);
        int all = lua_gettop(L);
        for (size_t ci = 0; ci < ds->nc && ci < m->nc; ci++) {
            if ((selected && !selected[ci]) || !m->c[ci].computed) continue;
            const char *iso3 = ds->c[ci].iso3;
            out->reviewed[out->nreviewed++] = ci;
            cp_push_view(h, ds, ci);
            int view = lua_gettop(L);
            lua_geti(L, all, (lua_Integer)ci + 1);      /* through the proxies: */
            lua_getfield(L, -1, "results");              /* its __index is a table */
            int done = lua_gettop(L);
            for (size_t r = 0; r < x.n; r++) {
                lua_rawgeti(L, LUA_REGISTRYINDEX, x.r[r].fn);
                lua_pushvalue(L, view);
                lua_pushvalue(L, done);
                lua_pushvalue(L, all);
                lua_getglobal(L, "config");
                char *err = NULL;
                if (sb_call(sb, 4, 1, CP_INSTR_BUDGET) != LUA_OK) {
                    cp_call_error(h, "rule", x.r[r].id, sh, x.r[r].line, iso3,
                                  lua_tostring(L, -1) ? lua_tostring(L, -1) : "error");
                    lua_pop(L, 1);
                } else if ((err = store_findings(L, ds, iso3, r, x.r[r].id, out))) {
                    cp_call_error(h, "rule", x.r[r].id, sh, x.r[r].line, iso3, err);
                    free(err);
                }
            }
            lua_settop(L, all);
        }
        if (out->n) qsort(out->v, out->n, sizeof *out->v, cmp_finding);
    }
    cp_flush_errors(h, dg);
    lua_settop(L, top);
    for (size_t r = 0; r < x.n; r++) {
        luaL_unref(L, LUA_REGISTRYINDEX, x.r[r].fn);
        free(x.r[r].id);
        free(x.r[r].description);
    }
    free(x.r);
    /* The `rule` closure points at x, which ends here: drop the global. (A
     * copy kept by review.lua cannot be called: nothing runs in this state
     * after rv_run, cp_close follows.) */
    lua_pushnil(L);
    sb_setglobal(sb, "rule");
    lua_gc(L, LUA_GCCOLLECT);
    free(path);
    free(sh);
    return rc == LUA_OK ? 0 : -1;
}

void rv_free(rv_list *l)
{
    for (size_t i = 0; i < l->n; i++) free_finding(&l->v[i]);
    free(l->v);
    ut_strv_free(l->rules);
    ut_strv_free(l->descriptions);
    free(l->reviewed);
    memset(l, 0, sizeof *l);
}

void rv_to_diag(const rv_list *l, dg_list *dg)
{
    for (size_t i = 0; i < l->n; i++) {
        const rv_finding *f = &l->v[i];
        dg_warn(dg, f->file, f->line, f->column, f->iso3, "%s: %s", f->rule, f->message);
    }
}

size_t rv_count(const rv_list *l, const char *id)
{
    size_t n = 0;
    for (size_t i = 0; i < l->n; i++) n += strcmp(l->v[i].rule, id) == 0;
    return n;
}

/* ---- output ------------------------------------------------------------- */

static char *location(const rv_finding *f)
{
    return f->line ? ut_xasprintf("%s:%ld", f->file, f->line) : ut_xstrdup(f->file);
}

static void text_country(FILE *out, const ds_data *ds, const char *iso3, const rv_finding *v, size_t n)
{
    int ci = ds_find(ds, iso3);
    const char *name = ci >= 0 ? ds_name(ds, &ds->c[ci], "en") : iso3;
    if (!n) {
        fprintf(out, "%s  %s: no findings\n\n", iso3, name);
        return;
    }
    fprintf(out, "%s  %s: %zu finding%s\n", iso3, name, n, n == 1 ? "" : "s");
    int wloc = 0, wrule = 0;
    for (size_t i = 0; i < n; i++) {
        char *loc = location(&v[i]);
        if ((int)strlen(loc) > wloc) wloc = (int)strlen(loc);
        if ((int)strlen(v[i].rule) > wrule) wrule = (int)strlen(v[i].rule);
        free(loc);
    }
    for (size_t i = 0; i < n; i++) {
        char *loc = location(&v[i]);
        char year[8] = "";
        if (v[i].year) snprintf(year, sizeof year, "%d", v[i].year);
        fprintf(out, "  %-*s  %-4s  %-*s  %s\n", wloc, loc, year, wrule, v[i].rule, v[i].message);
        free(loc);
    }
    fputc('\n', out);
}

void rv_write_text(FILE *out, const rv_list *l, const ds_data *ds, int all_reviewed)
{
    size_t i = 0, k = 0;
    size_t countries = 0;
    /* Both lists are in iso3 order (ds->c is sorted by iso3). */
    while (i < l->n || (all_reviewed && k < l->nreviewed)) {
        const char *next = i < l->n ? l->v[i].iso3 : NULL;
        if (all_reviewed && k < l->nreviewed) {
            const char *r = ds->c[l->reviewed[k]].iso3;
            if (!next || strcmp(r, next) < 0) {
                text_country(out, ds, r, NULL, 0);
                k++;
                continue;
            }
            if (strcmp(r, next) == 0) k++;
        }
        size_t j = i;
        while (j < l->n && strcmp(l->v[j].iso3, next) == 0) j++;
        text_country(out, ds, next, &l->v[i], j - i);
        countries++;
        i = j;
    }
    fprintf(out, "%zu finding%s in %zu of %zu countries reviewed", l->n, l->n == 1 ? "" : "s",
            countries, l->nreviewed);
    if (l->n) {
        fprintf(out, " (");
        int first = 1;
        for (size_t r = 0; r < l->nrules; r++) {
            size_t c = rv_count(l, l->rules[r]);
            if (!c) continue;
            fprintf(out, "%s%s %zu", first ? "" : ", ", l->rules[r], c);
            first = 0;
        }
        fprintf(out, ")");
    }
    fprintf(out, "\n");
    /* What each rule that found something looks for, wrapped. */
    int heading = 0;
    for (size_t r = 0; r < l->nrules; r++) {
        if (!rv_count(l, l->rules[r])) continue;
        if (!heading) fprintf(out, "\nWhat the rules look for (scripts/review.lua):\n");
        heading = 1;
        fprintf(out, "  %s:", l->rules[r]);
        size_t col = 3 + strlen(l->rules[r]);
        const char *p = l->descriptions[r];
        while (*p) {
            while (*p == ' ') p++;
            size_t w = strcspn(p, " ");
            if (!w) break;
            if (col + 1 + w > 88) {
                fprintf(out, "\n   ");
                col = 3;
            }
            fprintf(out, " %.*s", (int)w, p);
            col += 1 + w;
            p += w;
        }
        fputc('\n', out);
    }
}

static void csv_field(FILE *out, const char *s, int last)
{
    if (strpbrk(s, ",\"\r\n")) {
        fputc('"', out);
        for (; *s; s++) {
            if (*s == '"') fputc('"', out);
            fputc(*s, out);
        }
        fputc('"', out);
    } else {
        fputs(s, out);
    }
    fputc(last ? '\n' : ',', out);
}

void rv_write_csv(FILE *out, const rv_list *l)
{
    fputs("iso3,file,line,year,table,key,rule,message\n", out);
    for (size_t i = 0; i < l->n; i++) {
        const rv_finding *f = &l->v[i];
        char line[24] = "", year[8] = "";
        if (f->line) snprintf(line, sizeof line, "%ld", f->line);
        if (f->year) snprintf(year, sizeof year, "%d", f->year);
        csv_field(out, f->iso3, 0);
        csv_field(out, f->file, 0);
        csv_field(out, line, 0);
        csv_field(out, year, 0);
        csv_field(out, rv_tables[f->table], 0);
        csv_field(out, f->key, 0);
        csv_field(out, f->rule, 0);
        csv_field(out, f->message, 1);
    }
}

int rv_review(const ds_data *ds, const char *scripts_dir, const char *shown,
              const unsigned char *selected, rv_list *out, dg_list *dg)
{
    memset(out, 0, sizeof *out);
    cp_host *h = cp_open(scripts_dir, shown, dg);
    if (!h) return -1;
    char *cfg = ut_xasprintf("%s/config.lua", scripts_dir), *cfgs = ut_xasprintf("%s/config.lua", shown);
    int bad = cf_check(cp_sandbox(h)->L, cfg, cfgs, ds, dg);
    free(cfg);
    free(cfgs);
    if (bad || cp_load_failed(h)) {   /* a library, config.lua or an indicator did not load, or a setting is wrong */
        cp_close(h);
        return -1;
    }
    cp_model m;
    cp_compute(h, ds, &m, dg);
    int rc = rv_run(h, ds, &m, scripts_dir, shown, selected, out, dg);
    cp_model_free(&m);
    cp_close(h);
    return rc;
}
