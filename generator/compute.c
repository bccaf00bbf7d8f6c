/* compute.c — running the indicator scripts over the datasets (see
 * compute.h). The host builds a read-only view of one country at a time,
 * calls each phase-1 indicator with it, converts what the script returns
 * into plain doubles, then runs phase 2 with every country's results. */
#include "compute.h"
#include "sandbox.h"
#include "util.h"

#include <dirent.h>
#include <lauxlib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const units[] = { "count", "per_100k", "percent", "one_in_n", "rate", "score",
                                     "rank", "year", "ratio", "flag", NULL };
/* The decimals a value of each unit is shown with when its declaration
 * does not say (parallel to units). */
static const int unit_decimals[] = { 0, 1, 1, 0, 1, 0, 0, 0, 2, 0 };
static const char *const pillars[] = { "planning", "developing", "supporting", NULL };

typedef struct host_ind {
    cp_indicator meta;
    int fn;            /* registry reference of compute */
    double seconds;    /* time spent in compute (SSWR_TIMING) */
} host_ind;

/* A failed call of a script for one country, kept until cp_flush_errors so
 * that a message many countries share is printed once. */
typedef struct call_error {
    char *kind, *name;     /* "indicator", "ratio_per_100k" */
    char *decl;            /* where it was declared */
    int decl_line;
    char *msg;             /* the error, as sb_call left it, names in full */
    char iso3[4];          /* the first country */
    size_t more;           /* the other countries with the same message */
} call_error;

struct cp_host {
    sb_state *sb;
    host_ind *ind;
    size_t nind, cap;
    char *loading;     /* script being loaded, for declarations */
    char *shown;       /* the scripts folder as messages name it (escaped) */
    char **files;      /* every script file run, as messages name it */
    size_t nfiles, fcap;
    dg_list *dg;
    int timing;        /* SSWR_TIMING set: print the time of each indicator */
    int load_failed;   /* a script did not load */
    call_error *errs;  /* failed calls not reported yet */
    size_t nerrs, errcap;
};

/* Lua shortens a chunk name longer than 60 characters to "...<its end>" in
 * messages and tracebacks, so a long --scripts folder would hide which file
 * failed. Returns msg with every such name of a script run written in full
 * (owned by the caller). */
static char *full_names(const cp_host *h, const char *msg)
{
    if (!msg) return ut_xstrdup("error");
    ut_buf b = {0};
    const char *p = msg, *dots;
    while ((dots = strstr(p, "..."))) {
        const char *lua = strstr(dots + 3, ".lua"), *nl = strchr(dots, '\n'), *full = NULL;
        if (lua && (!nl || lua < nl)) {
            size_t kept = (size_t)(lua + 4 - (dots + 3));
            for (size_t i = 0; i < h->nfiles && !full; i++) {
                size_t n = strlen(h->files[i]);
                if (n > kept && strncmp(h->files[i] + n - kept, dots + 3, kept) == 0) full = h->files[i];
            }
        }
        ut_buf_add(&b, p, (size_t)(dots - p));
        if (full) {
            ut_buf_puts(&b, full);
            p = lua + 4;
        } else {
            ut_buf_add(&b, dots, 3);
            p = dots + 3;
        }
    }
    ut_buf_puts(&b, p);
    return b.data;
}

/* A name as messages show it: control characters escaped (a file name may
 * hold any byte but '/' and NUL), owned by the caller. */
static char *shown_name(const char *s)
{
    ut_buf b = {0};
    ut_buf_shown(&b, s, strlen(s), 4096);
    return b.data;
}

/* Whether msg starts with "SCRIPTS/FILE.lua:LINE:", as Lua errors raised
 * at a position in a script do (error("x", 0), a non-string error, a chunk
 * from load, the budget caught by the script do not; their traceback or
 * parenthesis may name a file). Sets *file (owned) and *line, and *rest to
 * what follows "FILE:LINE: ". */
static int located(const cp_host *h, const char *msg, char **file, long *line, const char **rest)
{
    size_t n = strlen(h->shown);
    if (strncmp(msg, h->shown, n) != 0 || msg[n] != '/') return 0;
    const char *p = strstr(msg, ".lua:"), *nl = strchr(msg, '\n');
    if (!p || (nl && p > nl)) return 0;
    const char *colon = p + 4;
    p += 5;
    if (*p < '0' || *p > '9') return 0;
    long l = 0;
    while (*p >= '0' && *p <= '9') l = l * 10 + (*p++ - '0');
    if (*p != ':') return 0;
    p++;
    if (*p == ' ') p++;
    if (file) *file = ut_xstrndup(msg, (size_t)(colon - msg));
    if (line) *line = l;
    if (rest) *rest = p;
    return 1;
}

/* Reports that a script failed to load (msg: the error as sb_call or
 * sb_loadfile left it): at the script line the message names, else at the
 * line the script was running (where), else at the file. Loading stops
 * the run: see cp_load_failed. */
static void load_error(cp_host *h, const char *shown, const char *msg, const char *where)
{
    char *full = full_names(h, msg), *file = NULL, *wfull = NULL;
    const char *rest;
    long line;
    h->load_failed = 1;
    if (located(h, full, &file, &line, &rest)) {
        dg_error(h->dg, file, line, NULL, NULL, "%s", rest);
    } else if (where && *where && (wfull = full_names(h, where)) &&
               located(h, wfull, &file, &line, &rest)) {
        dg_error(h->dg, file, line, NULL, NULL, "%s", full);
    } else {
        dg_error(h->dg, shown, 0, NULL, NULL, "%s", full);
    }
    free(file);
    free(wfull);
    free(full);
}

void cp_call_error(cp_host *h, const char *kind, const char *name, const char *decl, int decl_line,
                   const char *iso3, const char *msg)
{
    char *full = full_names(h, msg);
    for (size_t i = 0; i < h->nerrs; i++) {
        call_error *e = &h->errs[i];
        if (strcmp(e->name, name) == 0 && strcmp(e->kind, kind) == 0 && strcmp(e->msg, full) == 0) {
            e->more++;
            free(full);
            return;
        }
    }
    ut_grow(&h->errs, &h->errcap, h->nerrs + 1, sizeof *h->errs);
    call_error *e = &h->errs[h->nerrs++];
    *e = (call_error){ .kind = ut_xstrdup(kind), .name = ut_xstrdup(name), .decl = ut_xstrdup(decl),
                       .decl_line = decl_line, .msg = full };
    snprintf(e->iso3, sizeof e->iso3, "%s", iso3);
}

void cp_flush_errors(cp_host *h, dg_list *dg)
{
    for (size_t i = 0; i < h->nerrs; i++) {
        call_error *e = &h->errs[i];
        char more[64] = "";
        if (e->more)
            snprintf(more, sizeof more, " (and %zu more countr%s)", e->more, e->more == 1 ? "y" : "ies");
        char *file;
        const char *rest;
        long line;
        if (located(h, e->msg, &file, &line, &rest)) {
            /* "FILE:LINE: message (and N more countries)", the traceback,
             * then which country and script it was. */
            int first = (int)strcspn(rest, "\n");
            dg_error(dg, file, line, NULL, e->iso3, "%.*s%s%s\n  (country %s, %s %s)", first, rest,
                     more, rest + first, e->iso3, e->kind, e->name);
            free(file);
        } else {
            int first = (int)strcspn(e->msg, "\n");
            dg_error(dg, e->decl, e->decl_line, NULL, e->iso3, "%s %s for %s: %.*s%s%s", e->kind,
                     e->name, e->iso3, first, e->msg, more, e->msg + first);
        }
        free(e->kind); free(e->name); free(e->decl); free(e->msg);
    }
    h->nerrs = 0;
}

/* ---- declarations ------------------------------------------------------- */

/* The text fields of a declaration: label is required, the others may be nil. */
static const char *const text_fields[] = { "label", "description", "formula", "by", NULL };

/* The value of a text field checked by l_indicator (NULL when nil). */
static char *opt_string(lua_State *L, const char *field)
{
    lua_getfield(L, 1, field);
    char *r = lua_type(L, -1) == LUA_TSTRING ? ut_xstrdup(lua_tostring(L, -1)) : NULL;
    lua_pop(L, 1);
    return r;
}

int cp_valid_id(const char *s)
{
    if (!*s) return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_')) return 0;
    return 1;
}

static void free_meta(cp_indicator *m)
{
    free(m->id); free(m->label); free(m->description); free(m->formula);
    free(m->unit); free(m->by); free(m->script);
}

/* `indicator { ... }`: checks the declaration and keeps it. Errors name the
 * script and line of the declaration. */
static int l_indicator(lua_State *L)
{
    cp_host *h = lua_touserdata(L, lua_upvalueindex(1));
    /* Declaring from a compute function would grow h->ind under the
     * indicator being run (its meta pointer dangles) and past the model. */
    if (!h->loading)
        return luaL_error(L, "indicator: indicators are declared when the scripts load, "
                             "not while they compute");
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_settop(L, 1);
    lua_getfield(L, 1, "id");            /* stays at 2, so `id` stays valid */
    const char *id = lua_tostring(L, -1);
    if (lua_type(L, -1) != LUA_TSTRING || !cp_valid_id(id))
        return luaL_error(L, "indicator: 'id' must be a string of " CP_ID_CHARS);
    for (size_t i = 0; i < h->nind; i++)
        if (strcmp(h->ind[i].meta.id, id) == 0)
            return luaL_error(L, "indicator '%s' is declared twice (first in %s:%d)", id,
                              h->ind[i].meta.script, h->ind[i].meta.line);
    lua_getfield(L, 1, "compute");
    if (!lua_isfunction(L, -1)) return luaL_error(L, "indicator '%s': 'compute' must be a function", id);
    lua_pop(L, 1);
    lua_getfield(L, 1, "phase");
    lua_Integer phase = lua_isnil(L, -1) ? 1 : lua_tointeger(L, -1);
    if (phase != 1 && phase != 2) return luaL_error(L, "indicator '%s': 'phase' must be 1 or 2", id);
    lua_getfield(L, 1, "history");
    if (!lua_isnil(L, -1) && !lua_isboolean(L, -1))
        return luaL_error(L, "indicator '%s': 'history' must be true or false", id);
    int history = lua_toboolean(L, -1);
    lua_pop(L, 1);
    lua_getfield(L, 1, "decimals");
    int dec_given = !lua_isnil(L, -1);
    lua_Integer dec = dec_given ? lua_tointeger(L, -1) : 0;
    if (dec < 0 || dec > 6 || (!lua_isnil(L, -1) && !lua_isinteger(L, -1)))
        return luaL_error(L, "indicator '%s': 'decimals' must be an integer from 0 to 6", id);
    lua_pop(L, 2);
    lua_getfield(L, 1, "unit");
    const char *unit = lua_tostring(L, -1);
    int ok = 0;
    for (int i = 0; unit && units[i]; i++)
        if (strcmp(unit, units[i]) == 0) {
            ok = 1;
            if (!dec_given) dec = unit_decimals[i];
        }
    if (!ok) {
        ut_buf b = {0};
        for (int i = 0; units[i]; i++) ut_buf_printf(&b, "%s%s", i ? ", " : "", units[i]);
        luaL_where(L, 1);
        lua_pushfstring(L, "indicator '%s': 'unit' must be one of %s", id, b.data);
        lua_concat(L, 2);
        ut_buf_free(&b);
        return lua_error(L);
    }
    for (int i = 0; text_fields[i]; i++) {
        int t = lua_getfield(L, 1, text_fields[i]);
        if (t != LUA_TSTRING && (t != LUA_TNIL || i == 0))
            return luaL_error(L, "indicator '%s': field '%s' must be a string", id, text_fields[i]);
        lua_pop(L, 1);
    }

    /* All checks that can raise are done: from here nothing leaks. */
    char *label = opt_string(L, "label");
    char *descr = opt_string(L, "description");
    char *formula = opt_string(L, "formula");
    char *by = opt_string(L, "by");
    lua_Debug ar;
    int line = (lua_getstack(L, 1, &ar) && lua_getinfo(L, "l", &ar)) ? ar.currentline : 0;
    ut_grow(&h->ind, &h->cap, h->nind + 1, sizeof *h->ind);
    host_ind *hi = &h->ind[h->nind++];
    memset(hi, 0, sizeof *hi);
    hi->meta.id = ut_xstrdup(id);
    hi->meta.unit = ut_xstrdup(unit);   /* still on the stack, at 3 */
    hi->meta.label = label;
    hi->meta.description = descr ? descr : ut_xstrdup("");
    hi->meta.formula = formula ? formula : ut_xstrdup("");
    hi->meta.by = by;
    hi->meta.decimals = (int)dec;
    hi->meta.phase = (int)phase;
    hi->meta.history = history;
    hi->meta.script = ut_xstrdup(h->loading ? h->loading : "?");
    hi->meta.line = line;
    lua_getfield(L, 1, "compute");
    hi->fn = luaL_ref(L, LUA_REGISTRYINDEX);
    return 0;
}

/* ---- loading the scripts ------------------------------------------------ */

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorted list of *.lua files in dir; NULL when the folder cannot be read. */
static char **script_files(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) return NULL;
    char **v = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t len = strlen(e->d_name);
        if (len < 5 || e->d_name[0] == '.' || strcmp(e->d_name + len - 4, ".lua") != 0) continue;
        ut_grow(&v, &cap, n + 2, sizeof *v);
        v[n++] = ut_xstrdup(e->d_name);
    }
    closedir(d);
    ut_grow(&v, &cap, n + 1, sizeof *v);
    v[n] = NULL;
    qsort(v, n, sizeof *v, cmp_str);
    return v;
}

/* Replaces the table at the top of the stack by a read-only proxy, and the
 * plain tables nested in it too: sb_readonly alone guards the top level
 * only, and a script could change config.targets for every other one.
 * `seen` (a stack index) maps the tables already wrapped to their proxies,
 * so shared and cyclic tables work. Proxies and tables with a metatable are
 * left as they are; nesting deeper than 32 levels is not wrapped. */
static void readonly_deep(lua_State *L, int seen, int depth)
{
    int t = lua_gettop(L);
    sb_unwrap(L, t);
    int proxy = !lua_rawequal(L, -1, t);
    lua_pop(L, 1);
    if (proxy) return;
    lua_pushvalue(L, t);
    if (lua_rawget(L, seen) != LUA_TNIL) {   /* wrapped already */
        lua_replace(L, t);
        return;
    }
    lua_pop(L, 1);
    luaL_checkstack(L, 6, "nested tables");
    lua_pushvalue(L, t);
    sb_readonly(L);                          /* the proxy, at t + 1 */
    lua_pushvalue(L, t);
    lua_pushvalue(L, t + 1);
    lua_rawset(L, seen);
    lua_pushnil(L);
    while (lua_next(L, t)) {
        if (depth < 32 && lua_type(L, -1) == LUA_TTABLE && !lua_getmetatable(L, -1)) {
            readonly_deep(L, seen, depth + 1);
            lua_pushvalue(L, -2);
            lua_insert(L, -2);
            lua_rawset(L, t);                /* an existing field: next goes on */
        } else {
            lua_pop(L, 1);
        }
    }
    lua_replace(L, t);
}

int cp_load(cp_host *h, const char *path, const char *shown)
{
    char *sh = shown_name(shown);
    ut_grow(&h->files, &h->fcap, h->nfiles + 1, sizeof *h->files);
    h->files[h->nfiles++] = sh;
    int rc = sb_loadfile(h->sb, path, sh);
    if (rc != LUA_OK) {
        load_error(h, sh, lua_tostring(h->sb->L, -1), NULL);
        lua_pop(h->sb->L, 1);
        return -1;
    }
    return 0;
}

int cp_run_loaded(cp_host *h, int nres)
{
    const char *shown = h->files[h->nfiles - 1];
    if (sb_call(h->sb, 0, nres, CP_INSTR_BUDGET) == LUA_OK) return 0;
    load_error(h, shown, lua_tostring(h->sb->L, -1), h->sb->err_where);
    lua_pop(h->sb->L, 1);
    return -1;
}

/* Runs one script file; `global` names the global its result becomes. */
static int run_file(cp_host *h, const char *path, const char *shown, const char *global)
{
    lua_State *L = h->sb->L;
    if (cp_load(h, path, shown) != 0) return -1;
    h->loading = h->files[h->nfiles - 1];
    int rc = cp_run_loaded(h, 1);
    h->loading = NULL;
    if (rc != 0) return -1;
    if (global) {
        if (!lua_istable(L, -1)) {
            h->load_failed = 1;
            dg_error(h->dg, h->files[h->nfiles - 1], 0, NULL, NULL,
                     "the script must return a table (it becomes the global '%s')", global);
            lua_pop(L, 1);
            return -1;
        }
        lua_newtable(L);                     /* seen, for readonly_deep */
        lua_insert(L, -2);
        readonly_deep(L, lua_gettop(L) - 1, 0);
        lua_remove(L, -2);
        sb_setglobal(h->sb, global);
    } else {
        lua_pop(L, 1);
    }
    return 0;
}

static int load_folder(cp_host *h, const char *dir, const char *shown, int as_globals)
{
    char **files = script_files(dir);
    if (!files) {
        h->load_failed = 1;
        dg_error(h->dg, shown, 0, NULL, NULL, "cannot read the folder of scripts");
        return -1;
    }
    int rc = 0;
    for (char **f = files; *f; f++) {
        char *path = ut_xasprintf("%s/%s", dir, *f);
        char *sh = ut_xasprintf("%s/%s", shown, *f);
        char *global = as_globals ? ut_xstrndup(*f, strlen(*f) - 4) : NULL;
        rc |= run_file(h, path, sh, global);
        free(path); free(sh); free(global);
    }
    ut_strv_free(files);
    return rc;
}

cp_host *cp_open(const char *scripts_dir, const char *shown, dg_list *dg)
{
    cp_host *h = ut_xcalloc(1, sizeof *h);
    h->dg = dg;
    const char *timing = getenv("SSWR_TIMING");
    h->timing = timing && *timing && strcmp(timing, "0") != 0;
    h->shown = shown_name(shown);
    h->sb = sb_open(CP_MEM_LIMIT);
    if (!h->sb) {
        dg_error(dg, NULL, 0, NULL, NULL, "cannot create a Lua state");
        free(h->shown);
        free(h);
        return NULL;
    }
    lua_State *L = h->sb->L;
    lua_pushlightuserdata(L, h);
    lua_pushcclosure(L, l_indicator, 1);
    sb_setglobal(h->sb, "indicator");
    cp_set_year(h, 0);

    char *lib = ut_xasprintf("%s/lib", scripts_dir), *libs = ut_xasprintf("%s/lib", shown);
    char *cfg = ut_xasprintf("%s/config.lua", scripts_dir), *cfgs = ut_xasprintf("%s/config.lua", shown);
    char *ind = ut_xasprintf("%s/indicators", scripts_dir), *inds = ut_xasprintf("%s/indicators", shown);
    load_folder(h, lib, libs, 1);
    run_file(h, cfg, cfgs, "config");
    load_folder(h, ind, inds, 0);
    free(lib); free(libs); free(cfg); free(cfgs); free(ind); free(inds);
    return h;
}

int cp_load_failed(const cp_host *h) { return !h || h->load_failed; }

void cp_set_year(cp_host *h, int year)
{
    lua_State *L = h->sb->L;
    lua_createtable(L, 0, 1);
    if (year) {
        lua_pushinteger(L, year);
        lua_setfield(L, -2, "year");
    }
    sb_readonly(L);
    sb_setglobal(h->sb, "options");
}

size_t cp_host_count(const cp_host *h) { return h ? h->nind : 0; }
const cp_indicator *cp_host_at(const cp_host *h, size_t i) { return &h->ind[i].meta; }

void cp_close(cp_host *h)
{
    if (!h) return;
    for (size_t i = 0; h->timing && i < h->nind; i++)
        fprintf(stderr, "sswr: timing: %-28s %8.2f ms\n", h->ind[i].meta.id, h->ind[i].seconds * 1e3);
    for (size_t i = 0; i < h->nind; i++) free_meta(&h->ind[i].meta);
    free(h->ind);
    if (h->nerrs && h->dg) cp_flush_errors(h, h->dg);
    free(h->errs);
    sb_close(h->sb);
    for (size_t i = 0; i < h->nfiles; i++) free(h->files[i]);
    free(h->files);
    free(h->shown);
    free(h);
}

/* ---- the country view --------------------------------------------------- */

static void set_str(lua_State *L, const char *k, const char *v)
{
    lua_pushstring(L, v);
    lua_setfield(L, -2, k);
}

static void set_num(lua_State *L, const char *k, double v)
{
    if (isnan(v)) return;    /* missing stays nil */
    if (v == floor(v) && fabs(v) < 9e15) lua_pushinteger(L, (lua_Integer)v);
    else lua_pushnumber(L, v);
    lua_setfield(L, -2, k);
}

static void push_strings(lua_State *L, const char *const *v, size_t n)
{
    lua_createtable(L, (int)n, 0);
    for (size_t i = 0; i < n; i++) {
        lua_pushstring(L, v[i]);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    sb_readonly(L);
}

static int is_illustrative(const char *source)
{
    return strcmp(source, "illustrative") == 0;
}

/* The view `c` of a country is lazy (sb_lazy): its codes and the
 * vocabularies are there from the start; its tables are made when a script
 * first reads them, so a phase-2 indicator that reads c.group only builds
 * nothing. Its context: */
typedef struct view_ctx {
    const ds_data *ds;
    const ds_country *c;
} view_ctx;

static const char *const view_tables[] = { "population", "children", "population_line", "files",
                                           "workforce", "education", "system", "published", NULL };

/* population, children or population_line (which = 0, 1, 2): year → value. */
static void push_population(lua_State *L, const ds_country *c, int which)
{
    lua_createtable(L, 0, (int)c->npop);
    for (size_t i = 0; i < c->npop; i++) {
        const ds_pop *p = &c->pop[i];
        if (which == 2) lua_pushinteger(L, p->line);
        else lua_pushnumber(L, which == 0 ? p->population : p->children);
        lua_rawseti(L, -2, p->year);
    }
    sb_readonly(L);
}

/* The file of each table, as diagnostics name it (for the review). */
static void push_files(lua_State *L, const ds_data *ds)
{
    static const char *const files[] = { "population", "workforce", "education", "system", "published" };
    lua_createtable(L, 0, 5);
    for (int i = 0; i < 5; i++) {
        lua_pushfstring(L, "%s/%s.csv", ds->dir, files[i]);
        lua_setfield(L, -2, files[i]);
    }
    sb_readonly(L);
}

static void push_workforce(lua_State *L, const ds_data *ds, const ds_country *c)
{
    lua_createtable(L, (int)c->nwork, 0);
    for (size_t i = 0; i < c->nwork; i++) {
        const ds_work *w = &c->work[i];
        lua_createtable(L, 0, 8);
        lua_pushinteger(L, w->year);
        lua_setfield(L, -2, "year");
        set_str(L, "cadre", ds->cadres[w->cadre].id);
        set_str(L, "sector", ds_sector_ids[w->sector]);
        set_num(L, "count", w->count);
        set_str(L, "source", w->source);
        set_str(L, "note", w->note);
        lua_pushboolean(L, is_illustrative(w->source));
        lua_setfield(L, -2, "illustrative");
        lua_pushinteger(L, w->line);
        lua_setfield(L, -2, "line");
        sb_readonly(L);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    sb_readonly(L);
}

static void push_education(lua_State *L, const ds_country *c)
{
    lua_createtable(L, (int)c->nedu, 0);
    for (size_t i = 0; i < c->nedu; i++) {
        const ds_edu *e = &c->edu[i];
        lua_createtable(L, 0, 7);
        lua_pushinteger(L, e->year);
        lua_setfield(L, -2, "year");
        set_str(L, "level", ds_level_ids[e->level]);
        set_num(L, "institutions", e->institutions);
        set_num(L, "graduates", e->graduates);
        set_str(L, "source", e->source);
        lua_pushboolean(L, is_illustrative(e->source));
        lua_setfield(L, -2, "illustrative");
        lua_pushinteger(L, e->line);
        lua_setfield(L, -2, "line");
        sb_readonly(L);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    sb_readonly(L);
}

static void push_system(lua_State *L, const ds_data *ds, const ds_country *c)
{
    lua_createtable(L, (int)c->nsys, 0);
    for (size_t i = 0; i < c->nsys; i++) {
        const ds_sys *s = &c->sys[i];
        lua_createtable(L, 0, 7);
        lua_pushinteger(L, s->year);
        lua_setfield(L, -2, "year");
        set_str(L, "item", ds->items[s->item].id);
        set_str(L, "pillar", ds->items[s->item].pillar);
        set_str(L, "status", ds_status_ids[s->status]);
        set_str(L, "source", s->source);
        lua_pushboolean(L, is_illustrative(s->source));
        lua_setfield(L, -2, "illustrative");
        lua_pushinteger(L, s->line);
        lua_setfield(L, -2, "line");
        sb_readonly(L);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    sb_readonly(L);
}

/* published.csv's figures of the country (reference, not dataset cadres). */
static void push_published(lua_State *L, const ds_country *c)
{
    lua_createtable(L, (int)c->npub, 0);
    for (size_t i = 0; i < c->npub; i++) {
        const ds_pub *p = &c->pub[i];
        lua_createtable(L, 0, 10);
        lua_pushinteger(L, p->year);
        lua_setfield(L, -2, "year");
        set_str(L, "measure", ds_measure_ids[p->measure]);
        set_str(L, "cadre", p->cadre);
        set_num(L, "value", p->value);
        set_str(L, "unit", p->unit);
        set_str(L, "source_title", p->source_title);
        set_str(L, "publisher", p->publisher);
        lua_pushinteger(L, p->source_year);
        lua_setfield(L, -2, "source_year");
        set_str(L, "url", p->url);
        lua_pushinteger(L, p->line);
        lua_setfield(L, -2, "line");
        sb_readonly(L);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    sb_readonly(L);
}

/* Pushes view_tables[which] of the country. */
static void push_view_table(lua_State *L, const view_ctx *v, int which)
{
    switch (which) {
    case 0: case 1: case 2: push_population(L, v->c, which); break;
    case 3: push_files(L, v->ds); break;
    case 4: push_workforce(L, v->ds, v->c); break;
    case 5: push_education(L, v->c); break;
    case 6: push_system(L, v->ds, v->c); break;
    default: push_published(L, v->c); break;
    }
}

/* __index of a view's cache: (cache, key) → the table named key, made now. */
static int view_index(lua_State *L)
{
    const view_ctx *v = lua_touserdata(L, lua_upvalueindex(1));
    const char *k = lua_type(L, 2) == LUA_TSTRING ? lua_tostring(L, 2) : "";
    for (int i = 0; view_tables[i]; i++) {
        if (strcmp(k, view_tables[i]) != 0) continue;
        push_view_table(L, v, i);
        lua_pushvalue(L, 2);
        lua_pushvalue(L, -2);
        lua_rawset(L, 1);
        return 1;
    }
    return 0;
}

/* Makes every table of a view's cache not made yet. */
static int view_all(lua_State *L)
{
    for (int i = 0; view_tables[i]; i++) {
        lua_getfield(L, 1, view_tables[i]);   /* a miss makes it (view_index) */
        lua_pop(L, 1);
    }
    return 0;
}

/* Pushes the read-only view `c` of one country (see scripts/README.md),
 * with the vocabularies at stack index vocab merged in (they are part of
 * `c`). ds and c must outlive it. */
static void push_view(lua_State *L, const ds_data *ds, const ds_country *c, int vocab)
{
    lua_createtable(L, 0, 20);
    set_str(L, "iso3", c->iso3);
    set_str(L, "iso2", c->iso2);
    set_str(L, "region", c->region);
    set_str(L, "subregion", c->subregion);
    set_str(L, "intermediate_region", c->intermediate);
    set_str(L, "group", ds_group(c));
    lua_pushnil(L);
    while (lua_next(L, vocab)) {
        lua_pushvalue(L, -2);
        lua_insert(L, -2);
        lua_rawset(L, -4);
    }
    view_ctx *v = lua_newuserdatauv(L, sizeof *v, 0);
    v->ds = ds;
    v->c = c;
    sb_lazy(L, view_index, view_all);
}

/* The vocabularies are the same for every country: built once, shared. */
static void push_vocabularies(lua_State *L, const ds_data *ds)
{
    lua_createtable(L, 0, 5);
    const char *ids[64];
    size_t n = ds->ncadres < 64 ? ds->ncadres : 64;
    for (size_t i = 0; i < n; i++) ids[i] = ds->cadres[i].id;
    push_strings(L, ids, n);
    lua_setfield(L, -2, "cadres");
    push_strings(L, ds_sector_ids, DS_NSECTORS);
    lua_setfield(L, -2, "sectors");
    push_strings(L, ds_level_ids, DS_NLEVELS);
    lua_setfield(L, -2, "levels");
    push_strings(L, pillars, 3);
    lua_setfield(L, -2, "pillars");
    lua_createtable(L, (int)ds->nitems, 0);
    for (size_t i = 0; i < ds->nitems; i++) {
        lua_createtable(L, 0, 2);
        set_str(L, "id", ds->items[i].id);
        set_str(L, "pillar", ds->items[i].pillar);
        sb_readonly(L);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    sb_readonly(L);
    lua_setfield(L, -2, "items");
}

/* ---- results ------------------------------------------------------------ */

static cp_series *add_series(cp_country *cc, int ind, const char *key)
{
    ut_grow(&cc->s, &cc->scap, cc->ns + 1, sizeof *cc->s);
    cp_series *s = &cc->s[cc->ns++];
    s->ind = ind;
    s->key = key ? ut_xstrdup(key) : NULL;
    for (int y = 0; y < CP_NYEARS; y++) s->v[y] = NAN;
    return s;
}

/* The message for one entry (key, value at the top of the stack) of a
 * year → number table, or NULL when it is good (then stored in v). */
static char *year_entry(lua_State *L, double *v, const char *where, const char *sep)
{
    if (!lua_isinteger(L, -2))
        return ut_xasprintf("%s%sa key is a %s; keys must be years (integers)", where, sep,
                            luaL_typename(L, -2));
    lua_Integer y = lua_tointeger(L, -2);
    if (y < DS_YEAR_MIN || y > DS_YEAR_MAX)
        return ut_xasprintf("%s%syear %lld is outside %d-%d", where, sep, (long long)y, DS_YEAR_MIN,
                            DS_YEAR_MAX);
    if (lua_type(L, -1) != LUA_TNUMBER)
        return ut_xasprintf("%s%sthe value for %lld is a %s, not a number", where, sep, (long long)y,
                            luaL_typename(L, -1));
    double d = lua_tonumber(L, -1);
    if (!isfinite(d))
        return ut_xasprintf("%s%sthe value for %lld is not a finite number (use nil for missing "
                            "data)", where, sep, (long long)y);
    v[y - DS_YEAR_MIN] = d;
    return NULL;
}

/* Converts a year → number table at idx into v; on a bad entry returns a
 * message (owned by the caller). `key` is the breakdown key, already
 * escaped for messages, or NULL. The table is read in Lua's order (fast);
 * when an entry is bad, it is read again in the sandbox's fixed order, so
 * that the error reported is the same on every run. */
static char *read_years(lua_State *L, int idx, double *v, const char *key)
{
    idx = lua_absindex(L, idx);
    sb_unwrap(L, idx);
    int t = lua_gettop(L);
    const char *where = key ? key : "";
    const char *sep = key ? ": " : "";
    char *err = NULL;
    lua_pushnil(L);
    while (!err && lua_next(L, t)) {
        err = year_entry(L, v, where, sep);
        lua_pop(L, 1);
    }
    if (err) {
        free(err);
        err = NULL;
        double scratch[CP_NYEARS];
        sb_sorted_keys(L, t);
        int keys = lua_gettop(L);
        for (lua_Integer i = 1; !err && lua_rawgeti(L, keys, i) != LUA_TNIL; i++) {
            lua_pushvalue(L, -1);
            lua_rawget(L, t);
            err = year_entry(L, scratch, where, sep);
            lua_pop(L, 2);
        }
    }
    lua_settop(L, t - 1);
    return err;
}

/* Order of breakdown keys: the vocabulary's, then alphabetical, so output
 * never depends on Lua's hash order. */
static int key_rank(const ds_data *ds, const char *k)
{
    const char *slash = strchr(k, '/');
    if (slash) {   /* "cadre/sector": by cadre, then sector */
        char *first = ut_xstrndup(k, (size_t)(slash - k));
        int r = key_rank(ds, first) * 16 + key_rank(ds, slash + 1);
        free(first);
        return r;
    }
    for (size_t i = 0; i < ds->ncadres; i++) if (!strcmp(ds->cadres[i].id, k)) return (int)i;
    for (int i = 0; i < DS_NSECTORS; i++) if (!strcmp(ds_sector_ids[i], k)) return i;
    for (int i = 0; i < DS_NLEVELS; i++) if (!strcmp(ds_level_ids[i], k)) return i;
    for (int i = 0; pillars[i]; i++) if (!strcmp(pillars[i], k)) return i;
    for (size_t i = 0; i < ds->nitems; i++) if (!strcmp(ds->items[i].id, k)) return (int)i;
    static const char *const tables[] = { "population", "workforce", "education", "system" };
    for (int i = 0; i < 4; i++) if (!strcmp(tables[i], k)) return i;
    return 1000;
}

static const ds_data *sort_ds;
static int cmp_series(const void *a, const void *b)
{
    const cp_series *x = a, *y = b;
    int rx = key_rank(sort_ds, x->key), ry = key_rank(sort_ds, y->key);
    return rx != ry ? (rx > ry) - (rx < ry) : strcmp(x->key, y->key);
}

/* Stores the value returned by indicator `ind` (top of stack) for the
 * country; returns an error message or NULL. Pops the value. */
static char *store_result(lua_State *L, const ds_data *ds, cp_country *cc, const cp_indicator *m, int ind)
{
    if (lua_isnil(L, -1)) { lua_pop(L, 1); return NULL; }   /* no data at all */
    if (!lua_istable(L, -1)) {
        char *e = ut_xasprintf("returned a %s; a table of values by year was expected", luaL_typename(L, -1));
        lua_pop(L, 1);
        return e;
    }
    size_t first = cc->ns;
    char *err = NULL;
    if (!m->by) {
        err = read_years(L, -1, add_series(cc, ind, NULL)->v, NULL);
    } else {
        /* Read in Lua's order (fast); when an entry is bad, again in the
         * sandbox's fixed order, so that the error reported is the same on
         * every run. */
        sb_unwrap(L, -1);
        int t = lua_gettop(L);
        for (int sorted = 0; sorted < 2; sorted++) {
            if (sorted) {
                if (!err) break;
                free(err);
                err = NULL;
                for (size_t i = first; i < cc->ns; i++) free(cc->s[i].key);
                cc->ns = first;
                sb_sorted_keys(L, t);
            }
            lua_Integer i = 0;
            lua_pushnil(L);
            while (!err && (sorted ? lua_rawgeti(L, t + 1, ++i) != LUA_TNIL : lua_next(L, t))) {
                if (sorted) {
                    lua_pushvalue(L, -1);
                    lua_rawget(L, t);
                }
                char shown[UT_SHOWN_SIZE];
                if (lua_type(L, -2) != LUA_TSTRING)
                    err = ut_xasprintf("a key is a %s; keys of a breakdown by %s must be strings",
                                       luaL_typename(L, -2), ut_shown(shown, m->by));
                else if (!lua_istable(L, -1))
                    err = ut_xasprintf("%s: a %s, where a table of values by year was expected",
                                       ut_shown(shown, lua_tostring(L, -2)), luaL_typename(L, -1));
                else
                    err = read_years(L, -1, add_series(cc, ind, lua_tostring(L, -2))->v,
                                     ut_shown(shown, lua_tostring(L, -2)));
                lua_pop(L, sorted ? 2 : 1);
            }
            lua_settop(L, t);
        }
        lua_settop(L, t - 1);
        sort_ds = ds;
        if (!err) qsort(cc->s + first, cc->ns - first, sizeof *cc->s, cmp_series);
    }
    lua_pop(L, 1);
    if (err) {
        for (size_t i = first; i < cc->ns; i++) free(cc->s[i].key);
        cc->ns = first;
    }
    return err;
}

/* Pushes a fresh Lua copy of the stored result (so a later indicator sees
 * exactly what was stored, as read-only data). */
static void push_result(lua_State *L, const cp_country *cc, int ind, int by)
{
    if (by) lua_newtable(L);
    int found = 0;
    for (size_t i = 0; i < cc->ns; i++) {
        const cp_series *s = &cc->s[i];
        if (s->ind != ind) continue;
        lua_createtable(L, 0, 8);
        for (int y = 0; y < CP_NYEARS; y++) {
            if (isnan(s->v[y])) continue;
            lua_pushnumber(L, s->v[y]);
            lua_rawseti(L, -2, y + DS_YEAR_MIN);
        }
        sb_readonly(L);
        found = 1;
        if (!by) return;              /* the one series is the result */
        lua_setfield(L, -2, s->key);
    }
    if (!by && !found) lua_newtable(L);   /* no data at all: an empty series */
    sb_readonly(L);
}

/* `done` of a country is lazy too: a result becomes a Lua table when a
 * script first reads it (most are never read by another indicator). Its
 * context says which indicators have a stored result to show; the host
 * sets ran[i] once indicator i has run there without failing. */
typedef struct done_ctx {
    const cp_model *m;
    size_t ci;
    unsigned char ran[];   /* per indicator */
} done_ctx;

/* __index of a done's cache: (cache, id) → the stored result of id. */
static int done_index(lua_State *L)
{
    const done_ctx *d = lua_touserdata(L, lua_upvalueindex(1));
    if (lua_type(L, 2) != LUA_TSTRING) return 0;
    int i = cp_ind_index(d->m, lua_tostring(L, 2));
    if (i < 0 || !d->ran[i]) return 0;
    push_result(L, &d->m->c[d->ci], i, d->m->ind[i].by != NULL);
    lua_pushvalue(L, 2);
    lua_pushvalue(L, -2);
    lua_rawset(L, 1);
    return 1;
}

static int done_all(lua_State *L)
{
    const done_ctx *d = lua_touserdata(L, lua_upvalueindex(1));
    for (size_t i = 0; i < d->m->nind; i++) {
        if (!d->ran[i]) continue;
        lua_getfield(L, 1, d->m->ind[i].id);   /* a miss makes it (done_index) */
        lua_pop(L, 1);
    }
    return 0;
}

/* Pushes the lazy `done` of country ci showing the results stored so far
 * of the indicators of phases up to `phase` (0: none yet). Returns its
 * ran[] for the host to extend; it lives as long as the done does. */
static unsigned char *push_done(lua_State *L, const cp_model *m, size_t ci, int phase)
{
    const cp_country *cc = &m->c[ci];
    lua_createtable(L, 0, 0);
    done_ctx *d = lua_newuserdatauv(L, sizeof *d + m->nind + 1, 0);
    d->m = m;
    d->ci = ci;
    for (size_t i = 0; i < m->nind; i++)
        d->ran[i] = cc->computed && !cc->failed[i] && m->ind[i].phase <= phase;
    sb_lazy(L, done_index, done_all);
    return d->ran;
}

/* Calls indicator i for one country with (view, done[, all]) at the given
 * stack slots and stores its result in the model; returns 0 or 1 failure.
 * The caller then shows the result in the country's `done` (done_ctx). */
static int run_one(cp_host *h, const ds_data *ds, size_t ci, cp_model *m, size_t i, int view,
                   int done, int all)
{
    lua_State *L = h->sb->L;
    cp_country *cc = &m->c[ci];
    const cp_indicator *meta = &h->ind[i].meta;
    lua_rawgeti(L, LUA_REGISTRYINDEX, h->ind[i].fn);
    lua_pushvalue(L, view);
    lua_pushvalue(L, done);
    int nargs = 2;
    if (all) { lua_pushvalue(L, all); nargs = 3; }
    char *err = NULL;
    double t0 = h->timing ? ut_now() : 0;
    int rc = sb_call(h->sb, nargs, 1, CP_INSTR_BUDGET);
    if (h->timing) h->ind[i].seconds += ut_now() - t0;
    if (rc != LUA_OK) {
        err = ut_xstrdup(lua_tostring(L, -1) ? lua_tostring(L, -1) : "error");
        lua_pop(L, 1);
    } else {
        err = store_result(L, ds, cc, meta, (int)i);
    }
    if (err) {
        cp_call_error(h, "indicator", meta->id, meta->script, meta->line, ds->c[ci].iso3, err);
        free(err);
        cc->failed[i] = 1;
        return 1;
    }
    return 0;
}

/* Years with an illustrative input of the country. A value of year y is
 * illustrative when an input it rests on is: one of year y, or, for an
 * indicator declared with `history = true` (changes, growth rates, trends,
 * projections), of any year up to y; a phase-2 value (ranks, medians) when
 * any country's input of year y is (see cp_illustrative). */
static void mark_illustrative(const ds_country *c, cp_country *cc)
{
    for (size_t i = 0; i < c->nwork; i++)
        if (is_illustrative(c->work[i].source)) cc->illustrative[c->work[i].year - DS_YEAR_MIN] = 1;
    for (size_t i = 0; i < c->nedu; i++)
        if (is_illustrative(c->edu[i].source)) cc->illustrative[c->edu[i].year - DS_YEAR_MIN] = 1;
    for (size_t i = 0; i < c->nsys; i++)
        if (is_illustrative(c->sys[i].source)) cc->illustrative[c->sys[i].year - DS_YEAR_MIN] = 1;
}

int cp_illustrative(const cp_model *m, size_t country, size_t ind, int year)
{
    if (country >= m->nc || ind >= m->nind || year < DS_YEAR_MIN || year > DS_YEAR_MAX) return 0;
    int y = year - DS_YEAR_MIN;
    if (m->ind[ind].phase == 2) return m->illustrative_any[y];
    if (!m->ind[ind].history) return m->c[country].illustrative[y];
    for (int k = 0; k <= y; k++)
        if (m->c[country].illustrative[k]) return 1;
    return 0;
}

/* Replaces the results table at the top of the stack by the read-only
 * entry all[i] of phase 2: the country's codes and groups, whether its data
 * failed, and those results. */
static void push_all_entry(lua_State *L, const ds_country *c, int failed)
{
    int results = lua_gettop(L);
    lua_createtable(L, 0, 6);
    set_str(L, "iso3", c->iso3);
    set_str(L, "group", ds_group(c));
    set_str(L, "region", c->region);
    set_str(L, "subregion", c->subregion);
    lua_pushboolean(L, failed);
    lua_setfield(L, -2, "failed");
    lua_pushvalue(L, results);
    lua_setfield(L, -2, "results");
    sb_readonly(L);
    lua_remove(L, results);
}

size_t cp_compute(cp_host *h, const ds_data *ds, cp_model *m, dg_list *dg)
{
    lua_State *L = h->sb->L;
    h->dg = dg;
    memset(m, 0, sizeof *m);
    m->nind = h->nind;
    m->ind = ut_xcalloc(h->nind ? h->nind : 1, sizeof *m->ind);
    for (size_t i = 0; i < h->nind; i++) {
        const cp_indicator *s = &h->ind[i].meta;
        cp_indicator *d = &m->ind[i];
        *d = *s;
        d->id = ut_xstrdup(s->id); d->label = ut_xstrdup(s->label);
        d->description = ut_xstrdup(s->description); d->formula = ut_xstrdup(s->formula);
        d->unit = ut_xstrdup(s->unit); d->by = s->by ? ut_xstrdup(s->by) : NULL;
        d->script = ut_xstrdup(s->script);
    }
    m->nc = ds->nc;
    m->c = ut_xcalloc(ds->nc ? ds->nc : 1, sizeof *m->c);
    size_t failures = 0;
    int top = lua_gettop(L);
    push_vocabularies(L, ds);
    int vocab = lua_gettop(L);

    /* Phase 1: one country at a time; its view and done are garbage once
     * its indicators have run, so the memory is reused by the next. */
    for (size_t ci = 0; ci < ds->nc; ci++) {
        cp_country *cc = &m->c[ci];
        cc->failed = ut_xcalloc(h->nind ? h->nind : 1, 1);
        const ds_country *c = &ds->c[ci];
        if (c->failed) continue;
        cc->computed = 1;
        mark_illustrative(c, cc);
        unsigned char *ran = push_done(L, m, ci, 0);
        int done = lua_gettop(L);
        push_view(L, ds, c, vocab);
        int view = lua_gettop(L);
        for (size_t i = 0; i < h->nind; i++) {
            if (h->ind[i].meta.phase != 1) continue;
            if (run_one(h, ds, ci, m, i, view, done, 0)) failures++;
            else ran[i] = 1;
        }
        lua_settop(L, vocab);
    }

    for (size_t ci = 0; ci < ds->nc; ci++)
        for (int y = 0; y < CP_NYEARS; y++)
            m->illustrative_any[y] |= m->c[ci].illustrative[y];

    /* Phase 2: `all` lists every country with its phase-1 results; all[i]
     * .results is also country i's `done`, so it shows the phase-2 results
     * stored so far too. */
    int has_phase2 = 0;
    for (size_t i = 0; i < h->nind; i++) has_phase2 |= h->ind[i].meta.phase == 2;
    if (has_phase2) {
        unsigned char **ran = ut_xcalloc(ds->nc ? ds->nc : 1, sizeof *ran);
        lua_createtable(L, (int)ds->nc, 0);       /* the dones */
        int dones = lua_gettop(L);
        lua_createtable(L, (int)ds->nc, 0);
        for (size_t ci = 0; ci < ds->nc; ci++) {
            ran[ci] = push_done(L, m, ci, 1);
            lua_pushvalue(L, -1);
            lua_rawseti(L, dones, (lua_Integer)ci + 1);
            push_all_entry(L, &ds->c[ci], !m->c[ci].computed);
            lua_rawseti(L, -2, (lua_Integer)ci + 1);
        }
        sb_readonly(L);
        int all = lua_gettop(L);
        for (size_t ci = 0; ci < ds->nc; ci++) {
            if (!m->c[ci].computed) continue;
            push_view(L, ds, &ds->c[ci], vocab);
            int view = lua_gettop(L);
            lua_rawgeti(L, dones, (lua_Integer)ci + 1);
            int done = lua_gettop(L);
            for (size_t i = 0; i < h->nind; i++) {
                if (h->ind[i].meta.phase != 2) continue;
                if (run_one(h, ds, ci, m, i, view, done, all)) failures++;
                else ran[ci][i] = 1;
            }
            lua_settop(L, all);
        }
        free(ran);
    }
    lua_settop(L, top);
    lua_gc(L, LUA_GCCOLLECT);
    cp_flush_errors(h, dg);
    return failures;
}

void cp_model_free(cp_model *m)
{
    for (size_t i = 0; i < m->nind; i++) free_meta(&m->ind[i]);
    free(m->ind);
    for (size_t ci = 0; ci < m->nc; ci++) {
        for (size_t k = 0; k < m->c[ci].ns; k++) free(m->c[ci].s[k].key);
        free(m->c[ci].s);
        free(m->c[ci].failed);
    }
    free(m->c);
    memset(m, 0, sizeof *m);
}

int cp_country_ok(const cp_model *m, size_t ci)
{
    if (ci >= m->nc || !m->c[ci].computed) return 0;
    for (size_t i = 0; i < m->nind; i++)
        if (m->c[ci].failed[i]) return 0;
    return 1;
}

int cp_ind_index(const cp_model *m, const char *id)
{
    for (size_t i = 0; i < m->nind; i++)
        if (strcmp(m->ind[i].id, id) == 0) return (int)i;
    return -1;
}

const cp_series *cp_find(const cp_model *m, size_t country, const char *id, const char *key)
{
    int ind = cp_ind_index(m, id);
    if (ind < 0 || country >= m->nc) return NULL;
    const cp_country *cc = &m->c[country];
    for (size_t i = 0; i < cc->ns; i++) {
        const cp_series *s = &cc->s[i];
        if (s->ind != ind) continue;
        if ((!key && !s->key) || (key && s->key && strcmp(key, s->key) == 0)) return s;
    }
    return NULL;
}

double cp_value(const cp_model *m, size_t country, const char *id, const char *key, int year)
{
    const cp_series *s = cp_find(m, country, id, key);
    if (!s || year < DS_YEAR_MIN || year > DS_YEAR_MAX) return NAN;
    return s->v[year - DS_YEAR_MIN];
}

/* ---- other scripts in the same sandbox ---------------------------------- */

sb_state *cp_sandbox(cp_host *h) { return h->sb; }

void cp_push_view(cp_host *h, const ds_data *ds, size_t ci)
{
    lua_State *L = h->sb->L;
    push_vocabularies(L, ds);
    int vocab = lua_gettop(L);
    push_view(L, ds, &ds->c[ci], vocab);
    lua_remove(L, vocab);
}

void cp_push_all(cp_host *h, const ds_data *ds, const cp_model *m)
{
    lua_State *L = h->sb->L;
    lua_createtable(L, (int)ds->nc, 0);
    for (size_t ci = 0; ci < ds->nc && ci < m->nc; ci++) {
        push_done(L, m, ci, 2);
        push_all_entry(L, &ds->c[ci], !m->c[ci].computed);
        lua_rawseti(L, -2, (lua_Integer)ci + 1);
    }
    sb_readonly(L);
}
