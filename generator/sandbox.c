/* sandbox.c — the sandboxed Lua state (see sandbox.h). */
#include "sandbox.h"
#include "util.h"

#include <ctype.h>
#include <lauxlib.h>
#include <lualib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The count hook fires every SB_HOOK_STEP VM instructions. */
#define SB_HOOK_STEP 1000

/* Pattern matching runs in C, where the count hook never fires, so it has
 * its own bounds (see sb_pattern and scripts/README.md, Sandbox): the
 * longest pattern, and the most matching steps a call may take by the
 * worst-case estimate (1e8 take well under a second). */
#define SB_PATTERN_MAX 256
#define SB_PATTERN_STEPS 1e8
/* Subject bytes examined to bound repetitions (beyond this the whole
 * subject length is assumed), so that estimating stays cheap itself. */
#define SB_PATTERN_SCAN (1L << 26)

/* Registry keys. */
static const char RO_MARK = 'r';    /* address used as the proxy marker */
static const char LAZY_ALL = 'l';   /* a lazy table's fill-everything function */
static const char GLOBALS = 'g';    /* the real globals behind the lock */

static void *sb_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
    sb_state *s = ud;
    if (ptr == NULL) osize = 0;
    if (nsize == 0) {
        free(ptr);
        s->used -= osize;
        return NULL;
    }
    /* Never refuse a shrink: Lua assumes it cannot fail. The cap applies
     * only while a script runs (budget >= 0, see sb_call): the host builds
     * views and results outside any protected call, where a refusal would
     * be a panic (abort), e.g. after a script kept most of the memory in an
     * upvalue; the next script call then fails on the cap instead. */
    if (nsize > osize && s->budget >= 0 && s->used - osize + nsize > s->limit) {
        s->mem_refused = 1;
        return NULL;
    }
    void *p = realloc(ptr, nsize);
    if (p == NULL && nsize > osize) {
        s->mem_refused = 1;
        return NULL;
    }
    if (p == NULL) return ptr;    /* a failed shrink keeps the old block */
    s->used = s->used - osize + nsize;
    return p;
}

static void sb_hook(lua_State *L, lua_Debug *ar)
{
    (void)ar;
    sb_state *s;
    lua_getallocf(L, (void **)&s);
    if (!s->budget_spent) {
        if (s->budget < 0) return;           /* outside sb_call: unlimited */
        if (--s->budget > 0) return;
        s->budget_spent = 1;
        /* From now on the hook fires at every instruction (sb_call restores
         * the step): a tick every SB_HOOK_STEP instructions would almost
         * always land inside a pcall'd loop again, so `while true do
         * pcall(loop) end` would never end. */
        lua_sethook(L, sb_hook, LUA_MASKCOUNT, 1);
    }
    /* Raised at every instruction from now on: a pcall in the script may
     * catch one, but the very next instruction after it raises again. Level
     * 0 is the Lua function running when the hook fired: its file and line
     * start the message. */
    luaL_where(L, 0);
    lua_pushfstring(L, "instruction budget exhausted (%I instructions; an endless loop?)",
                    (lua_Integer)s->instr_total);
    lua_concat(L, 2);
    lua_error(L);
}

/* ---- read-only proxies -------------------------------------------------- */

/* Raises msg located at the script line that led to it: the nearest
 * caller with a line, so that a change made through a C function
 * (table.insert, table.sort) names the script's line, not the C function's
 * caller-less place (luaL_error's level 1). */
static int error_at_script(lua_State *L, const char *msg)
{
    lua_Debug ar;
    for (int level = 1; lua_getstack(L, level, &ar); level++) {
        if (lua_getinfo(L, "Sl", &ar) && ar.currentline > 0) {
            lua_pushfstring(L, "%s:%d: %s", ar.short_src, ar.currentline, msg);
            return lua_error(L);
        }
    }
    lua_pushstring(L, msg);
    return lua_error(L);
}

static int ro_newindex(lua_State *L)
{
    return error_at_script(L, "attempt to modify read-only data (copy it into a table of your own)");
}

static void push_target(lua_State *L, int idx)
{
    idx = lua_absindex(L, idx);
    if (!lua_getmetatable(L, idx)) { lua_pushnil(L); return; }
    lua_getfield(L, -1, "__index");
    lua_remove(L, -2);
}

/* Makes every field of the lazy table at idx not made yet (no-op for any
 * other table). It stays lazy: a field that appears later (the result of
 * the next indicator in `done`) is made when read, like the others. */
static void fill_lazy(lua_State *L, int idx)
{
    idx = lua_absindex(L, idx);
    if (lua_type(L, idx) != LUA_TTABLE || !lua_getmetatable(L, idx)) return;
    if (lua_rawgetp(L, -1, &LAZY_ALL) != LUA_TFUNCTION) {
        lua_pop(L, 2);
        return;
    }
    lua_pushvalue(L, idx);
    lua_call(L, 1, 0);
    lua_pop(L, 1);
}

static int ro_len(lua_State *L)
{
    push_target(L, 1);
    fill_lazy(L, -1);
    lua_pushinteger(L, (lua_Integer)lua_rawlen(L, -1));
    return 1;
}

/* next(t, key) over the table at stack index t: returns what `next` does. */
static int next_in(lua_State *L, int t)
{
    lua_pushvalue(L, 2);
    if (lua_next(L, t)) return 2;
    lua_pushnil(L);
    return 1;
}

static int ro_next(lua_State *L)
{
    /* next over the real table, which is upvalue-free: arg 1 is the proxy. */
    push_target(L, 1);
    return next_in(L, lua_gettop(L));
}

static int ro_pairs(lua_State *L)
{
    push_target(L, 1);
    fill_lazy(L, -1);
    lua_pop(L, 1);
    lua_pushcfunction(L, ro_next);
    lua_pushvalue(L, 1);
    lua_pushnil(L);
    return 3;
}

void sb_readonly(lua_State *L)
{
    int t = lua_gettop(L);
    lua_createtable(L, 0, 0);                 /* proxy */
    lua_createtable(L, 0, 6);                 /* its metatable */
    lua_pushvalue(L, t);
    lua_setfield(L, -2, "__index");
    lua_pushcfunction(L, ro_newindex);
    lua_setfield(L, -2, "__newindex");
    lua_pushcfunction(L, ro_len);
    lua_setfield(L, -2, "__len");
    lua_pushcfunction(L, ro_pairs);
    lua_setfield(L, -2, "__pairs");
    lua_pushliteral(L, "read-only");
    lua_setfield(L, -2, "__metatable");
    lua_pushboolean(L, 1);
    lua_rawsetp(L, -2, &RO_MARK);
    lua_setmetatable(L, -2);
    lua_replace(L, t);
}

void sb_unwrap(lua_State *L, int idx)
{
    idx = lua_absindex(L, idx);
    if (lua_type(L, idx) == LUA_TTABLE && lua_getmetatable(L, idx)) {
        int marked = lua_rawgetp(L, -1, &RO_MARK) != LUA_TNIL;
        lua_pop(L, 1);
        if (marked) {
            lua_getfield(L, -1, "__index");
            lua_remove(L, -2);
            fill_lazy(L, -1);
            return;
        }
        lua_pop(L, 1);
    }
    lua_pushvalue(L, idx);
}

void sb_lazy(lua_State *L, lua_CFunction index, lua_CFunction all)
{
    int ctx = lua_gettop(L), t = ctx - 1;
    lua_createtable(L, 0, 2);
    lua_pushvalue(L, ctx);
    lua_pushcclosure(L, index, 1);
    lua_setfield(L, -2, "__index");
    lua_pushvalue(L, ctx);
    lua_pushcclosure(L, all, 1);
    lua_rawsetp(L, -2, &LAZY_ALL);
    lua_setmetatable(L, t);
    lua_pop(L, 1);
    sb_readonly(L);
}

/* ---- bounded pattern matching ------------------------------------------ */

/* Lua's matcher (lstrlib.c) backtracks, and it runs in C where the count
 * hook never fires: ("a"):rep(300):find(("a-"):rep(4) .. "b") takes
 * minutes, and no instruction budget can stop it. string.find, match,
 * gmatch and gsub are therefore wrapped: before the real function runs,
 * the worst case of its work is estimated from the pattern and the
 * subject, and a call whose estimate exceeds SB_PATTERN_STEPS is refused
 * with an error. For a subject of n bytes, each "choice" of the matcher
 * multiplies the number of paths it may try:
 *   - the start position: n + 1 of them (1 when '^' anchors the pattern);
 *   - an item with '*', '+' or '-': r + 1 lengths, r being the longest run
 *     of subject bytes in the item's class; %bxy: (number of x) + 1.
 *     As these k choices and the start consume the subject in turn, their
 *     product is also at most C(n + k + 1, k + 1) (C(n + k, k) anchored),
 *     and the smaller of the two counts;
 *   - an item with '?': 2; a back-reference %1..%9: n + 1.
 * On each path the matcher examines each item at most once, and an item
 * costs its length in the pattern (a [set] is scanned byte by byte: a
 * 170-byte set made gmatch take 3 s under an estimate that counted it as
 * one step), so the estimate is paths × (1 + the items' lengths);
 * captures and a final '$' cost nothing. A plain find (4th argument true)
 * costs (n + 1) × (pattern length + 1). Malformed patterns are left to
 * Lua's own error. */

enum { PAT_FIND, PAT_MATCH, PAT_GMATCH, PAT_GSUB };

/* lstrlib.c's match_class: does byte c belong to class %cl? */
static int pat_class(int c, int cl)
{
    int res;
    switch (tolower(cl)) {
    case 'a': res = isalpha(c); break;
    case 'c': res = iscntrl(c); break;
    case 'd': res = isdigit(c); break;
    case 'g': res = isgraph(c); break;
    case 'l': res = islower(c); break;
    case 'p': res = ispunct(c); break;
    case 's': res = isspace(c); break;
    case 'u': res = isupper(c); break;
    case 'w': res = isalnum(c); break;
    case 'x': res = isxdigit(c); break;
    default: return cl == c;
    }
    if (isupper(cl)) res = !res;
    return res != 0;
}

/* lstrlib.c's classEnd: the end of the single-character class at p[i], or
 * 0 when it is malformed (then Lua reports it). */
static size_t pat_class_end(const unsigned char *p, size_t i, size_t m)
{
    if (p[i] == '%') return i + 1 < m ? i + 2 : 0;
    if (p[i] != '[') return i + 1;
    i++;
    if (i < m && p[i] == '^') i++;
    do {   /* the first ']' after '[' or '[^' is a member */
        if (i >= m) return 0;
        if (p[i++] == '%' && i < m) i++;
    } while (i >= m || p[i] != ']');
    return i + 1;
}

/* lstrlib.c's singlematch for the class p[i..e). */
static int pat_single(int c, const unsigned char *p, size_t i, size_t e)
{
    if (p[i] == '.') return 1;
    if (p[i] == '%') return pat_class(c, p[i + 1]);
    if (p[i] != '[') return p[i] == c;
    int sig = 1;
    size_t k = i + 1, ec = e - 1;   /* ec: the closing ']' */
    if (p[k] == '^') { sig = 0; k++; }
    for (; k < ec; k++) {
        if (p[k] == '%' && k + 1 < ec) {
            k++;
            if (pat_class(c, p[k])) return sig;
        } else if (k + 2 < ec && p[k + 1] == '-') {
            if (p[k] <= c && c <= p[k + 2]) return sig;
            k += 2;
        } else if (p[k] == c) {
            return sig;
        }
    }
    return !sig;
}

/* C(n, k) as a double (large values only need to compare with a limit). */
static double binom(double n, int k)
{
    double c = 1;
    for (int j = 1; j <= k; j++) c = c * (n - k + j) / j;
    return c;
}

/* The estimate described above. */
static double pat_cost(const unsigned char *s, size_t n, const unsigned char *p, size_t m,
                       int anchor)
{
    size_t i = anchor && m && p[0] == '^';
    int k = i ? 0 : 1;                       /* consuming choices */
    double runs = i ? 1 : (double)n + 1;     /* their product */
    double other = 1, work = 1;              /* work: bytes a path may examine */
    long scan = SB_PATTERN_SCAN;
    while (i < m) {
        if (p[i] == '(' || p[i] == ')' || (p[i] == '$' && i + 1 == m)) { i++; continue; }
        if (p[i] == '%' && i + 1 < m && p[i + 1] == 'b') {
            if (i + 3 >= m) break;
            double opens = (double)n;
            if (scan > 0) {
                opens = 0;
                for (size_t j = 0; j < n; j++) opens += s[j] == p[i + 2];
                scan -= (long)(n < (size_t)SB_PATTERN_SCAN ? n : (size_t)SB_PATTERN_SCAN);
            }
            runs *= opens + 1;
            k++;
            work += 4;
            i += 4;
            continue;
        }
        if (p[i] == '%' && i + 1 < m && p[i + 1] == 'f') {
            size_t f = i;
            i += 2;
            if (i >= m || p[i] != '[' || !(i = pat_class_end(p, i, m))) break;
            work += (double)(i - f);
            continue;
        }
        if (p[i] == '%' && i + 1 < m && isdigit(p[i + 1])) {
            other *= (double)n + 1;
            work += 2;
            i += 2;
            continue;
        }
        size_t e = pat_class_end(p, i, m);
        if (!e) break;
        work += (double)(e - i);   /* a [set] is scanned byte by byte */
        if (e < m && (p[e] == '*' || p[e] == '+' || p[e] == '-')) {
            size_t run = n;
            if (scan > 0) {   /* the longest run of class members */
                unsigned char in[256];
                for (int c = 0; c < 256; c++) in[c] = (unsigned char)pat_single(c, p, i, e);
                size_t cur = 0;
                run = 0;
                for (size_t j = 0; j < n; j++) {
                    cur = in[s[j]] ? cur + 1 : 0;
                    if (cur > run) run = cur;
                }
                scan -= (long)(n < (size_t)SB_PATTERN_SCAN ? n : (size_t)SB_PATTERN_SCAN);
            }
            runs *= (double)run + 1;
            k++;
            e++;
        } else if (e < m && p[e] == '?') {
            other *= 2;
            e++;
        }
        i = e;
    }
    double comb = binom((double)n + k, k);
    return (runs < comb ? runs : comb) * other * work;
}

/* A string function of the sandbox: upvalue 1 is Lua's own, upvalue 2 its
 * PAT_ kind. Checks the cost, then calls the real one with every argument. */
static int sb_pattern(lua_State *L)
{
    size_t n, m;
    const char *s = luaL_checklstring(L, 1, &n);
    const char *p = luaL_checklstring(L, 2, &m);
    int kind = (int)lua_tointeger(L, lua_upvalueindex(2));
    int plain = kind == PAT_FIND && lua_toboolean(L, 4);
    double cost;
    if (plain) {
        cost = ((double)n + 1) * ((double)m + 1);
    } else {
        if (m > SB_PATTERN_MAX)
            return luaL_error(L, "pattern too long: %d bytes (at most %d; for a literal search "
                              "use string.find(s, text, 1, true))", (int)m, SB_PATTERN_MAX);
        /* gmatch takes '^' as a literal character; the others as an anchor. */
        cost = pat_cost((const unsigned char *)s, n, (const unsigned char *)p, m, kind != PAT_GMATCH);
    }
    if (cost > SB_PATTERN_STEPS) {
        /* lua_pushfstring has no precision, hence snprintf. */
        char msg[256];
        snprintf(msg, sizeof msg, "pattern too complex for a subject of %zu bytes: \"%.40s%s\" "
                 "could take over %.0e matching steps (the limit is %.0e; see the Sandbox "
                 "section of scripts/README.md)", n, plain ? "(plain text)" : p, !plain && m > 40 ? "..." : "",
                 cost, SB_PATTERN_STEPS);
        luaL_where(L, 1);
        lua_pushstring(L, msg);
        lua_concat(L, 2);
        return lua_error(L);
    }
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
    return lua_gettop(L);
}

/* Replaces the matching functions of the string table at the top of the
 * stack, which is also the strings' metatable __index (s:find). */
static void guard_patterns(lua_State *L)
{
    static const char *const names[] = { "find", "match", "gmatch", "gsub" };
    for (int k = PAT_FIND; k <= PAT_GSUB; k++) {
        lua_getfield(L, -1, names[k]);
        lua_pushinteger(L, k);
        lua_pushcclosure(L, sb_pattern, 2);
        lua_setfield(L, -2, names[k]);
    }
}

/* ---- the sandbox -------------------------------------------------------- */

static int locked_newindex(lua_State *L)
{
    const char *k = lua_tostring(L, 2);
    lua_pushfstring(L, "attempt to set global '%s' (scripts may not create or change globals; "
                       "use 'local')", k ? k : "?");
    return error_at_script(L, lua_tostring(L, -1));
}

/* next(t, k) that sees through read-only proxies, as pairs does: the raw
 * next of an (empty) proxy would always say "no fields", and
 * `next(t) == nil` is how Lua tests a table for emptiness. */
static int sb_next(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_settop(L, 2);
    sb_unwrap(L, 1);
    return next_in(L, 3);
}

/* print goes to stderr so that it never mixes with exports on stdout. */
static int sb_print(lua_State *L)
{
    int n = lua_gettop(L);
    for (int i = 1; i <= n; i++) {
        size_t len;
        const char *s = luaL_tolstring(L, i, &len);
        fprintf(stderr, "%s%.*s", i > 1 ? "\t" : "", (int)len, s);
        lua_pop(L, 1);
    }
    fputc('\n', stderr);
    return 0;
}

/* load with text chunks only: precompiled bytecode can crash the VM. */
static int sb_load(lua_State *L)
{
    if (lua_gettop(L) < 3) lua_settop(L, 3);   /* chunk, chunkname, mode */
    lua_pushliteral(L, "t");
    lua_replace(L, 3);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
    return lua_gettop(L);
}

/* xpcall whose message handler runs after the error has unwound, as an
 * ordinary call. Lua runs a handler from inside the raising code, and when
 * the budget hook raises, hooks are off there: `xpcall(f, function() while
 * true do end end)` would never end. Without `debug` a handler cannot look
 * at the stack anyway, so the results are the same. */
static int sb_xpcall(lua_State *L)
{
    int n = lua_gettop(L);
    luaL_checktype(L, 2, LUA_TFUNCTION);
    lua_pushboolean(L, 1);            /* the first result when all goes well */
    lua_pushvalue(L, 1);
    lua_rotate(L, 3, 2);              /* f, handler, true, f, arguments */
    if (lua_pcall(L, n - 2, LUA_MULTRET, 0) == LUA_OK) return lua_gettop(L) - 2;
    lua_pushvalue(L, 2);
    lua_insert(L, -2);
    lua_pcall(L, 1, 1, 0);            /* the handler's result, or its error */
    lua_pushboolean(L, 0);
    lua_replace(L, 3);
    return 2;
}

/* setmetatable without __gc: a finalizer runs whenever the collector
 * decides, outside the budget of the call that made it (an endless loop
 * there would hang sswr) or inside another indicator's. Otherwise Lua's
 * own setmetatable, so that errors keep the script's file and line. */
static int sb_setmetatable(lua_State *L)
{
    int t = lua_type(L, 2);
    luaL_checktype(L, 1, LUA_TTABLE);
    luaL_argexpected(L, t == LUA_TNIL || t == LUA_TTABLE, 2, "nil or table");
    if (luaL_getmetafield(L, 1, "__metatable") != LUA_TNIL)
        return luaL_error(L, "cannot change a protected metatable");
    if (t == LUA_TTABLE) {
        lua_pushliteral(L, "__gc");
        if (lua_rawget(L, 2) != LUA_TNIL)
            return luaL_error(L, "setmetatable: __gc metamethods are not allowed in scripts");
    }
    lua_settop(L, 2);
    lua_setmetatable(L, 1);
    return 1;
}

static void keep_only(lua_State *L, const char *lib, const char *const *keep)
{
    lua_getglobal(L, lib);
    lua_newtable(L);
    for (const char *const *k = keep; *k; k++) {
        lua_getfield(L, -2, *k);
        lua_setfield(L, -2, *k);
    }
    lua_setglobal(L, lib);
    lua_pop(L, 1);
}

sb_state *sb_open(size_t mem_limit)
{
    sb_state *s = ut_xcalloc(1, sizeof *s);
    s->limit = mem_limit;
    s->L = lua_newstate(sb_alloc, s);
    if (!s->L) {
        free(s);
        return NULL;
    }
    lua_State *L = s->L;
    static const luaL_Reg libs[] = {
        { LUA_GNAME, luaopen_base }, { LUA_STRLIBNAME, luaopen_string },
        { LUA_TABLIBNAME, luaopen_table }, { LUA_MATHLIBNAME, luaopen_math },
        { LUA_UTF8LIBNAME, luaopen_utf8 }, { LUA_OSLIBNAME, luaopen_os }, { NULL, NULL },
    };
    for (const luaL_Reg *l = libs; l->func; l++) {
        luaL_requiref(L, l->name, l->func, 1);
        lua_pop(L, 1);
    }
    static const char *const os_keep[] = { "time", "date", "clock", NULL };
    keep_only(L, LUA_OSLIBNAME, os_keep);
    static const char *const removed[] = { "dofile", "loadfile", "rawset", "collectgarbage",
                                           "require", "package", "debug", "io", NULL };
    for (const char *const *r = removed; *r; r++) {
        lua_pushnil(L);
        lua_setglobal(L, *r);
    }
    lua_getglobal(L, "string");
    lua_pushnil(L);
    lua_setfield(L, -2, "dump");
    guard_patterns(L);
    lua_pop(L, 1);
    lua_getglobal(L, "load");
    lua_pushcclosure(L, sb_load, 1);
    lua_setglobal(L, "load");
    lua_pushcfunction(L, sb_xpcall);
    lua_setglobal(L, "xpcall");
    lua_pushcfunction(L, sb_setmetatable);
    lua_setglobal(L, "setmetatable");
    lua_pushcfunction(L, sb_print);
    lua_setglobal(L, "print");
    lua_pushcfunction(L, sb_next);
    lua_setglobal(L, "next");
    /* Library tables become read-only so one script cannot break another. */
    static const char *const ro_libs[] = { "string", "table", "math", "utf8", "os", NULL };
    for (const char *const *r = ro_libs; *r; r++) {
        lua_getglobal(L, *r);
        sb_readonly(L);
        lua_setglobal(L, *r);
    }
    /* Lock the globals: the real table moves behind a read-only front. */
    lua_pushglobaltable(L);
    lua_newtable(L);                       /* the real globals */
    lua_pushnil(L);
    while (lua_next(L, -3)) {
        lua_pushvalue(L, -2);
        lua_insert(L, -2);
        lua_rawset(L, -4);
    }
    lua_pushvalue(L, -1);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &GLOBALS);
    lua_pushvalue(L, -2);
    lua_setfield(L, -2, "_G");          /* _G is the locked front */
    /* Empty the front and give it the lock. */
    for (;;) {
        lua_pushnil(L);
        if (!lua_next(L, -3)) break;
        lua_pop(L, 1);
        lua_pushnil(L);
        lua_rawset(L, -4);
    }
    lua_createtable(L, 0, 3);
    lua_pushvalue(L, -2);
    lua_setfield(L, -2, "__index");
    lua_pushcfunction(L, locked_newindex);
    lua_setfield(L, -2, "__newindex");
    lua_pushliteral(L, "locked");
    lua_setfield(L, -2, "__metatable");
    lua_setmetatable(L, -3);
    lua_pop(L, 2);
    /* The strings' metatable would otherwise hand out the real string table. */
    lua_pushliteral(L, "");
    lua_getmetatable(L, -1);
    lua_pushliteral(L, "locked");
    lua_setfield(L, -2, "__metatable");
    lua_pop(L, 2);
    lua_sethook(L, sb_hook, LUA_MASKCOUNT, SB_HOOK_STEP);
    s->budget = -1;   /* no limit outside sb_call: see sb_hook */
    return s;
}

void sb_close(sb_state *s)
{
    if (!s) return;
    lua_close(s->L);
    free(s);
}

void sb_setglobal(sb_state *s, const char *name)
{
    lua_rawgetp(s->L, LUA_REGISTRYINDEX, &GLOBALS);
    lua_insert(s->L, -2);
    lua_setfield(s->L, -2, name);
    lua_pop(s->L, 1);
}

static int msgh(lua_State *L)
{
    const char *msg = lua_tostring(L, 1);
    if (!msg) msg = lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, 1));
    luaL_traceback(L, L, msg, 1);
    return 1;
}

int sb_call(sb_state *s, int nargs, int nres, long instr)
{
    lua_State *L = s->L;
    int base = lua_gettop(L) - nargs;
    lua_pushcfunction(L, msgh);
    lua_insert(L, base);
    s->budget = instr / SB_HOOK_STEP + 1;
    s->instr_total = instr;
    s->budget_spent = 0;
    s->mem_refused = 0;
    int rc = lua_pcall(L, nargs, nres, base);
    long spent = s->budget_spent;
    s->budget = -1;
    if (spent) lua_sethook(L, sb_hook, LUA_MASKCOUNT, SB_HOOK_STEP);
    if (rc == LUA_OK && spent) {
        /* The script caught the budget error and returned anyway. */
        lua_pop(L, nres);
        lua_pushliteral(L, "instruction budget exhausted (the script caught the error with pcall "
                           "and went on; an endless loop?)");
        rc = LUA_ERRRUN;
    } else if (rc == LUA_ERRMEM || (rc != LUA_OK && s->mem_refused)) {
        const char *m = lua_tostring(L, -1);
        lua_pushfstring(L, "memory limit of %d MB exceeded (%s)", (int)(s->limit >> 20),
                        m ? m : "not enough memory");
        lua_remove(L, -2);
        rc = LUA_ERRRUN;
    }
    lua_remove(L, base);
    if (rc != LUA_OK) lua_gc(L, LUA_GCCOLLECT);
    return rc;
}

int sb_loadfile(sb_state *s, const char *path, const char *shown)
{
    size_t len;
    char *text = ut_read_file(path, &len);
    if (!text) {
        lua_pushfstring(s->L, "%s: cannot read the file", shown);
        return LUA_ERRFILE;
    }
    char *chunk = ut_xasprintf("@%s", shown);
    int rc = luaL_loadbufferx(s->L, text, len, chunk, "t");
    free(chunk);
    free(text);
    return rc;
}
