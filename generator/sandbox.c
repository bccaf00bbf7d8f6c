/* sandbox.c — the sandboxed Lua state (see sandbox.h). */
#include "sandbox.h"
#include "util.h"

#include <lauxlib.h>
#include <lualib.h>
#include <stdlib.h>
#include <string.h>

/* The count hook fires every SB_HOOK_STEP VM instructions. */
#define SB_HOOK_STEP 1000

/* Registry keys. */
static const char RO_MARK = 'r';    /* address used as the proxy marker */
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

static int ro_newindex(lua_State *L)
{
    return luaL_error(L, "attempt to modify read-only data (copy it into a table of your own)");
}

static void push_target(lua_State *L, int idx)
{
    idx = lua_absindex(L, idx);
    if (!lua_getmetatable(L, idx)) { lua_pushnil(L); return; }
    lua_getfield(L, -1, "__index");
    lua_remove(L, -2);
}

static int ro_len(lua_State *L)
{
    push_target(L, 1);
    lua_pushinteger(L, (lua_Integer)lua_rawlen(L, -1));
    return 1;
}

static int ro_next(lua_State *L)
{
    /* next over the real table, which is upvalue-free: arg 1 is the proxy. */
    push_target(L, 1);
    lua_pushvalue(L, 2);
    if (lua_next(L, -2)) return 2;
    lua_pushnil(L);
    return 1;
}

static int ro_pairs(lua_State *L)
{
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
            return;
        }
        lua_pop(L, 1);
    }
    lua_pushvalue(L, idx);
}

/* ---- the sandbox -------------------------------------------------------- */

static int locked_newindex(lua_State *L)
{
    const char *k = lua_tostring(L, 2);
    return luaL_error(L, "attempt to set global '%s' (scripts may not create or change globals; "
                         "use 'local')", k ? k : "?");
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
    luaL_checkany(L, 1);
    lua_pushvalue(L, 1);
    for (int i = 3; i <= n; i++) lua_pushvalue(L, i);
    if (lua_pcall(L, n - 1, LUA_MULTRET, 0) == LUA_OK) {
        lua_pushboolean(L, 1);
        lua_insert(L, n + 1);
        return lua_gettop(L) - n;
    }
    lua_pushvalue(L, 2);
    lua_insert(L, -2);
    lua_pcall(L, 1, 1, 0);            /* the handler's result, or its error */
    lua_pushboolean(L, 0);
    lua_insert(L, -2);
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
