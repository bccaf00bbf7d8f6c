/* sandbox.c — the sandboxed Lua state (see sandbox.h). */
#include "sandbox.h"
#include "util.h"

#include <ctype.h>
#include <errno.h>
#include <lauxlib.h>
#include <limits.h>
#include <lualib.h>
#include <math.h>
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
static const char FUNC_NAMES = 'n'; /* built-in function → "string.rep" */
static const char FUNC_RANKS = 'k'; /* built-in function → its place in the key order */
static const char NEXT_CACHE = 'c'; /* table → the iterator `next` walks it with */
static const char RANDOMSEED = 's'; /* Lua's own math.randomseed */

static sb_state *state_of(lua_State *L)
{
    void *ud;
    lua_getallocf(L, &ud);
    return ud;
}

/* ---- creation order of objects ------------------------------------------ */

static size_t seq_slot(const sb_seqmap *m, uintptr_t p)
{
    uint64_t h = (uint64_t)(p >> 4) * 0x9E3779B97F4A7C15u;
    size_t i = (size_t)(h >> 20) & (m->cap - 1);
    while (m->key[i] && m->key[i] != p) i = (i + 1) & (m->cap - 1);
    return i;
}

/* Records that the object at p was made n-th. An address freed and reused
 * is simply overwritten when the next object is made there: only the
 * addresses of live objects are ever looked up. */
static void seq_put(sb_seqmap *m, const void *p, uint64_t n)
{
    if (2 * (m->n + 1) > m->cap) {
        sb_seqmap g = { .cap = m->cap ? 2 * m->cap : 4096 };
        g.key = ut_xcalloc(g.cap, sizeof *g.key);
        g.seq = ut_xcalloc(g.cap, sizeof *g.seq);
        for (size_t i = 0; i < m->cap; i++) {
            if (!m->key[i]) continue;
            size_t j = seq_slot(&g, m->key[i]);
            g.key[j] = m->key[i];
            g.seq[j] = m->seq[i];
            g.n++;
        }
        free(m->key);
        free(m->seq);
        *m = g;
    }
    size_t i = seq_slot(m, (uintptr_t)p);
    if (!m->key[i]) m->n++;
    m->key[i] = (uintptr_t)p;
    m->seq[i] = n;
}

/* 0 when unknown (not an object made by this state). */
static uint64_t seq_get(const sb_seqmap *m, const void *p)
{
    if (!m->cap || !p) return 0;
    size_t i = seq_slot(m, (uintptr_t)p);
    return m->key[i] ? m->seq[i] : 0;
}

/* ---- where a script is ---------------------------------------------------- */

/* Writes "FILE:LINE:" of the innermost function at `level` or above that
 * runs a line of a script file (a chunk of text from `load` is skipped: its
 * name is the script's choice), escaped; "" when there is none. Reads the
 * call stack only: it allocates nothing, and the allocator calls it. */
static void where_script(lua_State *L, int level, char *out, size_t n)
{
    lua_Debug ar;
    out[0] = '\0';
    for (; lua_getstack(L, level, &ar); level++) {
        if (!lua_getinfo(L, "Sl", &ar) || ar.currentline <= 0 || ar.source[0] != '@') continue;
        size_t k = 0;
        for (const unsigned char *p = (const unsigned char *)ar.short_src; *p && k + 8 < n; p++) {
            if (*p < 0x20 || *p == 0x7F) k += (size_t)snprintf(out + k, n - k, "\\x%02X", *p);
            else out[k++] = (char)*p;
        }
        snprintf(out + k, n - k, ":%d:", ar.currentline);
        return;
    }
}

/* Pushes "FILE:LINE: " of the script line running (see where_script), or "". */
static void push_where(lua_State *L)
{
    char w[SB_WHERE_SIZE];
    where_script(L, 1, w, sizeof w);
    if (w[0]) lua_pushfstring(L, "%s ", w);
    else lua_pushliteral(L, "");
}

/* ---- the allocator ---------------------------------------------------------- */

/* A refused request: the error Lua raises for it ("not enough memory")
 * carries no place, so the place is taken now, from the call stack. Lua up
 * to 5.4.4 grows its stack into a new block (ptr NULL) and keeps the old
 * one valid meanwhile; later versions move it in place, during which the
 * stack cannot be read: then only new blocks are located. `retry`: this is
 * Lua's retry of the request refused just before, so the memory error is
 * raised now (whatever the script does with it, it is told at the end). */
static void refuse(sb_state *s, const void *ptr, size_t osize, size_t nsize, int retry)
{
    s->mem_refused = 1;
    s->retry_next = !retry;
    s->refused_ptr = ptr;
    s->refused_osize = osize;
    s->refused_nsize = nsize;
    s->mem_where[0] = '\0';
#if LUA_VERSION_RELEASE_NUM > 50404
    if (ptr) return;
#endif
    if (s->L) where_script(s->L, 0, s->mem_where, sizeof s->mem_where);
    if (retry) {
        s->mem_failed = 1;
        memcpy(s->failed_where, s->mem_where, sizeof s->failed_where);
    }
}

static void *sb_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
    sb_state *s = ud;
    size_t tag = ptr == NULL ? osize : 0;   /* a new object's type */
    if (ptr == NULL) osize = 0;
    if (nsize == 0) {
        free(ptr);
        s->used -= osize;
        return NULL;
    }
    /* Lua retries a refused request at once, after a full collection
     * (which only frees): when that retry succeeds, nothing failed. */
    int retry = s->retry_next && nsize > osize && ptr == s->refused_ptr &&
                osize == s->refused_osize && nsize == s->refused_nsize;
    if (nsize > osize) s->retry_next = 0;
    /* Never refuse a shrink: Lua assumes it cannot fail. The cap applies
     * only while a script runs (budget >= 0, see sb_call): the host builds
     * views and results outside any protected call, where a refusal would
     * be a panic (abort), e.g. after a script kept most of the memory in an
     * upvalue; the next script call then fails on the cap instead. */
    if (nsize > osize && s->budget >= 0 && s->used - osize + nsize > s->limit) {
        refuse(s, ptr, osize, nsize, retry);
        return NULL;
    }
    void *p = realloc(ptr, nsize);
    if (p == NULL && nsize > osize) {
        refuse(s, ptr, osize, nsize, retry);
        return NULL;
    }
    if (p == NULL) return ptr;    /* a failed shrink keeps the old block */
    s->used = s->used - osize + nsize;
    if (retry) {
        s->mem_refused = 0;
        s->mem_where[0] = '\0';
    }
    if (tag == LUA_TTABLE || tag == LUA_TFUNCTION || tag == LUA_TUSERDATA || tag == LUA_TTHREAD)
        seq_put(&s->objs, p, ++s->seq);
    return p;
}

static void sb_hook(lua_State *L, lua_Debug *ar)
{
    (void)ar;
    sb_state *s = state_of(L);
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

/* Takes `work` (about one instruction per key looked at or compared) from
 * the budget of the running call: the C helpers below (pairs and next in
 * order, sort) do work no hook sees, and a loop of them must stop like any
 * other. Raises the budget error at the script line when it runs out. */
static void charge(lua_State *L, double work)
{
    sb_state *s = state_of(L);
    if (s->budget < 0 || s->budget_spent) return;   /* the hook raises already */
    s->charged += work;
    if (s->charged < SB_HOOK_STEP) return;
    double ticks = floor(s->charged / SB_HOOK_STEP);
    s->charged -= ticks * SB_HOOK_STEP;
    if ((double)s->budget > ticks) {
        s->budget -= (long)ticks;
        return;
    }
    s->budget = 0;
    s->budget_spent = 1;
    lua_sethook(L, sb_hook, LUA_MASKCOUNT, 1);
    push_where(L);
    lua_pushfstring(L, "instruction budget exhausted (%I instructions; an endless loop?)",
                    (lua_Integer)s->instr_total);
    lua_concat(L, 2);
    lua_error(L);
}

/* ---- the order of keys ------------------------------------------------------ */

/* Lua's own `next` follows the layout of the table's hash part, where a
 * string sits by a hash seeded at random when the state is made (address
 * of the state and of a local, time) and a table or function by its
 * address: the order changes from run to run. The sandbox walks keys in
 * this order instead: numbers (by value), strings (bytewise), false, true,
 * built-in functions (by name, see name_functions), then tables and
 * functions in the order they were made (the allocator counts them). */
enum { K_NUMBER, K_STRING, K_BOOLEAN, K_BUILTIN, K_OBJECT, K_OTHER };

typedef struct key_rec {
    int cls, isint;
    lua_Integer i;
    lua_Number d;
    const char *str;
    size_t len;
    uint64_t ord;        /* boolean value, rank of a built-in, creation order */
    uintptr_t ptr;       /* the last resort (an object the state did not count) */
    size_t pos;          /* where the key is in the unsorted array */
} key_rec;

/* The record of the key at idx; a string's bytes stay valid while the key
 * is on the stack or in a table. */
static void key_rec_of(lua_State *L, int idx, key_rec *r)
{
    idx = lua_absindex(L, idx);
    memset(r, 0, sizeof *r);
    switch (lua_type(L, idx)) {
    case LUA_TNUMBER:
        r->cls = K_NUMBER;
        r->isint = lua_isinteger(L, idx);
        if (r->isint) r->i = lua_tointeger(L, idx);
        else r->d = lua_tonumber(L, idx);
        return;
    case LUA_TSTRING:
        r->cls = K_STRING;
        r->str = lua_tolstring(L, idx, &r->len);
        return;
    case LUA_TBOOLEAN:
        r->cls = K_BOOLEAN;
        r->ord = (uint64_t)lua_toboolean(L, idx);
        return;
    default:
        break;
    }
    r->ptr = (uintptr_t)lua_topointer(L, idx);
    if (lua_type(L, idx) == LUA_TLIGHTUSERDATA) {
        r->cls = K_OTHER;
        return;
    }
    if (lua_iscfunction(L, idx)) {
        const char *up = lua_getupvalue(L, idx, 1);
        if (up) lua_pop(L, 1);
        if (!up) {   /* a light C function: a value (its address), not an object */
            r->cls = K_OTHER;
            if (lua_rawgetp(L, LUA_REGISTRYINDEX, &FUNC_RANKS) == LUA_TTABLE) {
                lua_pushvalue(L, idx);
                if (lua_rawget(L, -2) == LUA_TNUMBER) {
                    r->cls = K_BUILTIN;
                    r->ord = (uint64_t)lua_tointeger(L, -1);
                }
                lua_pop(L, 1);
            }
            lua_pop(L, 1);
            return;
        }
    }
    r->ord = seq_get(&state_of(L)->objs, (const void *)r->ptr);
    r->cls = r->ord ? K_OBJECT : K_OTHER;
}

static int cmp_u(uint64_t a, uint64_t b) { return (a > b) - (a < b); }

/* An integer against a float, exactly (no rounding of either). */
static int cmp_int_float(lua_Integer i, lua_Number f)
{
    if (f >= 9223372036854775808.0) return -1;
    if (f < -9223372036854775808.0) return 1;
    lua_Number fl = floor(f);
    lua_Integer fi = (lua_Integer)fl;
    if (i != fi) return i < fi ? -1 : 1;
    return f > fl ? -1 : 0;
}

static int rec_cmp(const key_rec *a, const key_rec *b)
{
    if (a->cls != b->cls) return a->cls < b->cls ? -1 : 1;
    switch (a->cls) {
    case K_NUMBER:
        if (a->isint && b->isint) return (a->i > b->i) - (a->i < b->i);
        if (!a->isint && !b->isint) return (a->d > b->d) - (a->d < b->d);
        return a->isint ? cmp_int_float(a->i, b->d) : -cmp_int_float(b->i, a->d);
    case K_STRING: {
        int c = memcmp(a->str, b->str, a->len < b->len ? a->len : b->len);
        return c ? (c > 0) - (c < 0) : (a->len > b->len) - (a->len < b->len);
    }
    case K_BOOLEAN: case K_BUILTIN: case K_OBJECT:
        if (a->ord != b->ord) return cmp_u(a->ord, b->ord);
        return cmp_u(a->ptr, b->ptr);
    default:
        return cmp_u(a->ptr, b->ptr);
    }
}

static int rec_cmp_q(const void *a, const void *b) { return rec_cmp(a, b); }

/* Sorts n records: by insertion when there are few (most tables scripts
 * walk are a few years, already in order: n steps), else with qsort. */
static void sort_recs(key_rec *r, size_t n)
{
    if (n > 24) {
        qsort(r, n, sizeof *r, rec_cmp_q);
        return;
    }
    for (size_t i = 1; i < n; i++) {
        key_rec x = r[i];
        size_t j = i;
        for (; j > 0 && rec_cmp(&r[j - 1], &x) > 0; j--) r[j] = r[j - 1];
        r[j] = x;
    }
}

/* The keys a table has at one moment, in order: a userdata of records.
 * Numbers and booleans are in their records; strings and objects are also
 * kept in the userdata's user value, a table, at r.pos (which keeps them
 * alive, and a string's bytes where its record points). */
typedef struct snapshot {
    size_t n;
    key_rec r[];
} snapshot;

static int keeps_value(int type) { return type != LUA_TNUMBER && type != LUA_TBOOLEAN; }

/* Pushes the snapshot of the table at idx and returns it. */
static snapshot *push_snapshot(lua_State *L, int idx)
{
    idx = lua_absindex(L, idx);
    size_t n = 0, nkept = 0;
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        nkept += keeps_value(lua_type(L, -2));
        lua_pop(L, 1);
        n++;
    }
    charge(L, (double)n);
    snapshot *sn = lua_newuserdatauv(L, sizeof *sn + n * sizeof *sn->r, 1);
    int ud = lua_gettop(L);
    sn->n = 0;
    int kept = 0;
    if (nkept) {
        lua_createtable(L, nkept < INT_MAX ? (int)nkept : 0, 0);
        lua_pushvalue(L, -1);
        lua_setiuservalue(L, ud, 1);
        kept = lua_gettop(L);
    }
    nkept = 0;
    lua_pushnil(L);
    while (sn->n < n && lua_next(L, idx)) {
        lua_pop(L, 1);
        key_rec *r = &sn->r[sn->n++];
        if (kept && keeps_value(lua_type(L, -1))) {
            lua_pushvalue(L, -1);
            lua_rawseti(L, kept, (lua_Integer)++nkept);
            key_rec_of(L, -1, r);
            r->pos = nkept;
        } else {
            key_rec_of(L, -1, r);
        }
    }
    lua_settop(L, ud);
    charge(L, (double)sn->n * (sn->n > 1 ? log2((double)sn->n) : 1));
    sort_recs(sn->r, sn->n);
    return sn;
}

/* Pushes the key of record r of the snapshot at stack index ud. */
static void push_key(lua_State *L, int ud, const key_rec *r)
{
    if (r->cls == K_NUMBER) {
        if (r->isint) lua_pushinteger(L, r->i);
        else lua_pushnumber(L, r->d);
    } else if (r->cls == K_BOOLEAN) {
        lua_pushboolean(L, (int)r->ord);
    } else {
        lua_getiuservalue(L, ud, 1);
        lua_rawgeti(L, -1, (lua_Integer)r->pos);
        lua_remove(L, -2);
    }
}

void sb_sorted_keys(lua_State *L, int idx)
{
    snapshot *sn = push_snapshot(L, idx);
    int ud = lua_gettop(L);
    lua_createtable(L, sn->n < INT_MAX ? (int)sn->n : 0, 0);
    for (size_t j = 0; j < sn->n; j++) {
        push_key(L, ud, &sn->r[j]);
        lua_rawseti(L, -2, (lua_Integer)j + 1);
    }
    lua_remove(L, ud);
}

/* The number of keys of the snapshot not after k: the position of k when
 * it is there, else of the last key before it. */
static size_t find_pos(const snapshot *sn, const key_rec *k)
{
    size_t lo = 0, hi = sn->n;   /* r[0..lo) <= k < r[hi..n) */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (rec_cmp(&sn->r[mid], k) <= 0) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

/* The iterator of pairs: upvalues are the table, its snapshot and the
 * position of the last key returned. Called as next is, (t, key): it goes
 * on after `key`, wherever that is, so that a script may also call it by
 * hand. A key whose value became nil meanwhile is skipped (clearing fields
 * while walking a table is allowed). */
static int det_iter(lua_State *L)
{
    int t = lua_upvalueindex(1), ud = lua_upvalueindex(2);
    const snapshot *sn = lua_touserdata(L, ud);
    size_t pos = (size_t)lua_tointeger(L, lua_upvalueindex(3));
    lua_settop(L, 2);
    if (lua_isnil(L, 2)) {
        pos = 0;
    } else {
        if (lua_type(L, 2) == LUA_TNUMBER && isnan(lua_tonumber(L, 2)))
            return luaL_error(L, "invalid key to 'next'");
        key_rec k;
        key_rec_of(L, 2, &k);
        if (!(pos >= 1 && pos <= sn->n && rec_cmp(&sn->r[pos - 1], &k) == 0)) {
            charge(L, sn->n > 1 ? log2((double)sn->n) : 1);
            pos = find_pos(sn, &k);
        }
    }
    for (; pos < sn->n; pos++) {
        push_key(L, ud, &sn->r[pos]);
        lua_pushvalue(L, -1);
        if (lua_rawget(L, t) != LUA_TNIL) {
            lua_pushinteger(L, (lua_Integer)pos + 1);
            lua_replace(L, lua_upvalueindex(3));
            return 2;
        }
        lua_pop(L, 2);
    }
    lua_pushinteger(L, (lua_Integer)sn->n);
    lua_replace(L, lua_upvalueindex(3));
    lua_pushnil(L);
    return 1;
}

/* Raises an error if the table at t is weak: which of its entries are
 * still there depends on when memory was collected (see sb_setmetatable). */
static void walkable(lua_State *L, int t)
{
    if (!lua_getmetatable(L, t)) return;
    lua_pushliteral(L, "__mode");
    int weak = lua_rawget(L, -2) != LUA_TNIL;
    lua_pop(L, 2);
    if (weak)
        luaL_error(L, "a weak table cannot be walked (pairs, next) in scripts: what it holds "
                      "depends on when memory is collected");
}

/* Pushes an iterator over the keys the table at t has now, in order. */
static void push_iter(lua_State *L, int t)
{
    t = lua_absindex(L, t);
    walkable(L, t);
    lua_pushvalue(L, t);
    push_snapshot(L, t);
    lua_pushinteger(L, 0);
    lua_pushcclosure(L, det_iter, 3);
}

/* pairs: a table's own __pairs if it has one, else the keys in order. */
static int sb_pairs(lua_State *L)
{
    luaL_checkany(L, 1);
    if (luaL_getmetafield(L, 1, "__pairs") != LUA_TNIL) {
        lua_pushvalue(L, 1);
        lua_call(L, 1, 3);
        return 3;
    }
    luaL_checktype(L, 1, LUA_TTABLE);
    push_iter(L, 1);
    lua_pushvalue(L, 1);
    lua_pushnil(L);
    return 3;
}

/* next(t, k) in the same order, seeing through read-only proxies as pairs
 * does (the raw next of an empty proxy would always say "no fields", and
 * `next(t) == nil` is how Lua tests a table for emptiness). next(t) finds
 * the first key with one pass; a walk by next(t, k) then keeps an iterator
 * for t (in a table with weak keys), dropped at the next next(t). */
static int sb_next(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_settop(L, 2);
    sb_unwrap(L, 1);                                   /* 3: the real table */
    walkable(L, 3);
    lua_rawgetp(L, LUA_REGISTRYINDEX, &NEXT_CACHE);    /* 4 */
    lua_pushvalue(L, 3);
    if (lua_isnil(L, 2)) {
        lua_pushnil(L);
        lua_rawset(L, 4);
        size_t n = 0;
        key_rec best, r;
        int found = 0;
        lua_pushnil(L);                                /* 5: the first key so far */
        lua_pushnil(L);
        while (lua_next(L, 3)) {
            lua_pop(L, 1);
            n++;
            key_rec_of(L, -1, &r);
            if (!found || rec_cmp(&r, &best) < 0) {
                found = 1;
                lua_pushvalue(L, -1);
                lua_replace(L, 5);
                key_rec_of(L, 5, &best);
            }
        }
        charge(L, (double)n);
        if (!found) return 1;
        lua_pushvalue(L, 5);
        lua_rawget(L, 3);
        return 2;
    }
    /* The iterator of this walk, if k is where it stopped; else a new one. */
    if (lua_rawget(L, 4) == LUA_TFUNCTION) {           /* 5 */
        lua_getupvalue(L, 5, 2);
        lua_getupvalue(L, 5, 3);
        const snapshot *sn = lua_touserdata(L, -2);
        lua_Integer pos = lua_tointeger(L, -1);
        key_rec k;
        key_rec_of(L, 2, &k);
        int same = pos >= 1 && (size_t)pos <= sn->n && rec_cmp(&sn->r[pos - 1], &k) == 0;
        lua_settop(L, 5);
        if (!same) {
            lua_pushnil(L);
            lua_replace(L, 5);
        }
    }
    if (lua_isnil(L, 5)) {
        lua_pop(L, 1);
        push_iter(L, 3);
        lua_pushvalue(L, 3);
        lua_pushvalue(L, -2);
        lua_rawset(L, 4);
    }
    lua_pushvalue(L, 3);
    lua_pushvalue(L, 2);
    lua_call(L, 2, 2);
    if (!lua_isnil(L, -2)) return 2;
    lua_pop(L, 1);
    return 1;
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

static void push_iter(lua_State *L, int t);

/* pairs over a proxy walks the table behind it, every field made. */
static int ro_pairs(lua_State *L)
{
    push_target(L, 1);
    fill_lazy(L, -1);
    push_iter(L, -1);
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

/* ---- what scripts print and format ---------------------------------------- */

/* Pushes what tostring(value at idx) gives in the sandbox: Lua's own text
 * for nil, booleans, numbers and strings, and __tostring's result, but
 * never an address (they change from run to run): a table or function is
 * "table: #N", N telling it from the others (the order it was made in),
 * and a built-in function "builtin: #N". */
static void push_tostring(lua_State *L, int idx)
{
    idx = lua_absindex(L, idx);
    if (luaL_callmeta(L, idx, "__tostring")) {
        if (!lua_isstring(L, -1)) luaL_error(L, "'__tostring' must return a string");
        return;
    }
    int t = lua_type(L, idx);
    if (t == LUA_TNIL || t == LUA_TBOOLEAN || t == LUA_TNUMBER || t == LUA_TSTRING) {
        luaL_tolstring(L, idx, NULL);
        return;
    }
    key_rec r;
    key_rec_of(L, idx, &r);
    int tt = luaL_getmetafield(L, idx, "__name");   /* pushes it when there */
    const char *kind = tt == LUA_TSTRING ? lua_tostring(L, -1) : luaL_typename(L, idx);
    lua_pushfstring(L, "%s: #%I", r.cls == K_BUILTIN ? "builtin" : kind, (lua_Integer)r.ord);
    if (tt != LUA_TNIL) lua_remove(L, -2);
}

static int sb_tostring(lua_State *L)
{
    luaL_checkany(L, 1);
    push_tostring(L, 1);
    return 1;
}

/* print goes to stderr so that it never mixes with exports on stdout, as
 * one line "FILE:LINE: print: text" with the text escaped and capped like
 * an error message: a script cannot forge a diagnostic line, send terminal
 * escapes or flood the output. A run shows SB_PRINT_MAX lines, then only
 * counts them (sb_close says how many were not shown). */
static int sb_print(lua_State *L)
{
    sb_state *s = state_of(L);
    int n = lua_gettop(L);
    if (s->printed >= SB_PRINT_MAX) {
        s->unprinted++;
        return 0;
    }
    s->printed++;
    char w[SB_WHERE_SIZE];
    where_script(L, 1, w, sizeof w);
    for (int i = 1; i <= n; i++) {
        if (i > 1) lua_pushliteral(L, "\t");
        push_tostring(L, i);
    }
    lua_concat(L, n ? 2 * n - 1 : 0);
    size_t len;
    const char *text = lua_tolstring(L, -1, &len);
    /* Lua is not called from here on: nothing raises while b is held. */
    ut_buf b = {0};
    if (w[0]) ut_buf_printf(&b, "%s ", w);
    ut_buf_puts(&b, "print: ");
    ut_buf_shown(&b, text, len, SB_MESSAGE_CHARS);
    fprintf(stderr, "%s\n", b.data);
    ut_buf_free(&b);
    return 0;
}

/* string.format without addresses: '%p' is refused, and '%s' of a table or
 * function gets what tostring gives. Upvalue 1 is Lua's own format. */
static int sb_format(lua_State *L)
{
    size_t len;
    const char *f = luaL_checklstring(L, 1, &len);
    int arg = 1, top = lua_gettop(L);
    for (size_t i = 0; i < len; i++) {
        if (f[i] != '%') continue;
        if (++i < len && f[i] == '%') continue;
        while (i < len && (f[i] == '-' || f[i] == '+' || f[i] == ' ' || f[i] == '#' || f[i] == '0')) i++;
        while (i < len && (isdigit((unsigned char)f[i]) || f[i] == '.')) i++;
        if (i >= len) break;
        arg++;
        if (f[i] == 'p')
            return luaL_error(L, "string.format: '%%p' is not available in scripts (an address "
                                 "changes from run to run)");
        if (f[i] == 's' && arg <= top && !lua_isstring(L, arg)) {
            push_tostring(L, arg);
            lua_replace(L, arg);
        }
    }
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, 1);
    return 1;
}

/* ---- table.sort ------------------------------------------------------------ */

/* Lua's table.sort is a quicksort that picks a pivot at random (from the
 * clock) when a partition comes out lopsided: equal elements, and any
 * order an inconsistent comparator makes, could then come out differently
 * from run to run. This one is a merge sort: stable (equal elements keep
 * their order) and the same every time. Elements are read and written with
 * t[i] as Lua's are (a read-only table fails on the first element that
 * moves), in two work tables of #t elements each. */

/* a < b for the values at stack indices a and b, with the comparator at 2. */
static int sort_less(lua_State *L, int a, int b)
{
    if (lua_isnil(L, 2)) return lua_compare(L, a, b, LUA_OPLT);
    lua_pushvalue(L, 2);
    lua_pushvalue(L, a);
    lua_pushvalue(L, b);
    lua_call(L, 2, 1);
    int r = lua_toboolean(L, -1);
    lua_pop(L, 1);
    return r;
}

/* A number of an array being sorted, and where it was. */
typedef struct sort_num {
    union { lua_Integer i; lua_Number d; } v;
    int isint;
    lua_Integer pos;
} sort_num;

static int sort_num_cmp(const void *pa, const void *pb)
{
    const sort_num *a = pa, *b = pb;
    int c;
    if (a->isint && b->isint) c = (a->v.i > b->v.i) - (a->v.i < b->v.i);
    else if (!a->isint && !b->isint) c = (a->v.d > b->v.d) - (a->v.d < b->v.d);
    else c = a->isint ? cmp_int_float(a->v.i, b->v.d) : -cmp_int_float(b->v.i, a->v.d);
    return c ? c : (a->pos > b->pos) - (a->pos < b->pos);   /* stable */
}

/* table.sort of n numbers in the default order (most sorts scripts do:
 * medians, ranks), in C; 0 when an element is not a number (or NaN, which
 * has no order), and nothing was changed. */
static int sort_numbers(lua_State *L, lua_Integer n)
{
    sort_num *v = lua_newuserdatauv(L, (size_t)n * sizeof *v, 0);
    for (lua_Integer i = 1; i <= n; i++) {
        int ok = lua_geti(L, 1, i) == LUA_TNUMBER;
        sort_num *e = &v[i - 1];
        e->pos = i;
        if (ok && (e->isint = lua_isinteger(L, -1))) e->v.i = lua_tointeger(L, -1);
        else if (ok) ok = !isnan(e->v.d = lua_tonumber(L, -1));
        lua_pop(L, 1);
        if (!ok) {
            lua_pop(L, 1);
            return 0;
        }
    }
    qsort(v, (size_t)n, sizeof *v, sort_num_cmp);
    for (lua_Integer i = 1; i <= n; i++) {
        const sort_num *e = &v[i - 1];
        if (e->pos == i) continue;
        if (e->isint) lua_pushinteger(L, e->v.i);
        else lua_pushnumber(L, e->v.d);
        lua_seti(L, 1, i);
    }
    lua_pop(L, 1);
    return 1;
}

static int sb_sort(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_Integer n = luaL_len(L, 1);
    if (!lua_isnoneornil(L, 2)) luaL_checktype(L, 2, LUA_TFUNCTION);
    lua_settop(L, 2);
    if (n < 2) return 0;
    luaL_argcheck(L, n < INT_MAX, 1, "array too big");
    charge(L, (double)n * log2((double)n));
    if (lua_isnil(L, 2) && sort_numbers(L, n)) return 0;
    lua_createtable(L, (int)n, 0);               /* 3 */
    lua_createtable(L, (int)n, 0);               /* 4 */
    for (lua_Integer i = 1; i <= n; i++) {
        lua_geti(L, 1, i);
        lua_rawseti(L, 3, i);
    }
    int src = 3, dst = 4;
    for (lua_Integer width = 1; width < n; width *= 2) {
        for (lua_Integer lo = 1; lo <= n; lo += 2 * width) {
            lua_Integer mid = lo + width < n + 1 ? lo + width : n + 1;
            lua_Integer hi = lo + 2 * width < n + 1 ? lo + 2 * width : n + 1;
            lua_Integer i = lo, j = mid, k = lo;
            while (i < mid && j < hi) {
                lua_rawgeti(L, src, i);
                lua_rawgeti(L, src, j);
                int right = sort_less(L, lua_gettop(L), lua_gettop(L) - 1);   /* b[j] < a[i] */
                if (right) {
                    lua_rawseti(L, dst, k++);
                    lua_pop(L, 1);
                    j++;
                } else {
                    lua_pop(L, 1);
                    lua_rawseti(L, dst, k++);
                    i++;
                }
            }
            for (; i < mid; i++) {
                lua_rawgeti(L, src, i);
                lua_rawseti(L, dst, k++);
            }
            for (; j < hi; j++) {
                lua_rawgeti(L, src, j);
                lua_rawseti(L, dst, k++);
            }
        }
        int t = src;
        src = dst;
        dst = t;
    }
    for (lua_Integer i = 1; i <= n; i++) {
        lua_rawgeti(L, src, i);
        lua_geti(L, 1, i);
        int same = lua_rawequal(L, -1, -2);
        lua_pop(L, 1);
        if (same) lua_pop(L, 1);
        else lua_seti(L, 1, i);
    }
    return 0;
}

/* ---- the sandbox, continued ------------------------------------------------- */

/* load with text chunks only: precompiled bytecode can crash the VM. A
 * chunk name given by the script is shown as [string "name"], never as a
 * file: a script cannot make an error look like another file's line. */
static int sb_load(lua_State *L)
{
    if (lua_gettop(L) < 3) lua_settop(L, 3);   /* chunk, chunkname, mode */
    size_t n;
    const char *name = lua_tolstring(L, 2, &n);
    if (name && n && (name[0] == '@' || name[0] == '=')) {
        lua_pushlstring(L, name + 1, n - 1);
        lua_replace(L, 2);
    }
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
 * there would hang sswr) or inside another indicator's. Without weak
 * values either (__mode "v"): whether one is still there depends on when
 * the collector ran, which depends on the order it walks tables in (the
 * hash order, which changes from run to run). Weak keys ("k", for caches)
 * are allowed: an entry whose key a script holds stays; only walking such
 * a table would show what was collected, and pairs and next refuse that
 * (walkable). Otherwise Lua's own setmetatable, so that errors keep the
 * script's file and line. */
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
        lua_pushliteral(L, "__mode");
        int mode = lua_rawget(L, 2);
        if (mode != LUA_TNIL && (mode != LUA_TSTRING || strchr(lua_tostring(L, -1), 'v')))
            return luaL_error(L, "setmetatable: weak values (__mode \"v\") are not allowed in "
                                 "scripts: what they keep depends on when memory is collected "
                                 "(weak keys, \"k\", are)");
    }
    lua_settop(L, 2);
    lua_setmetatable(L, 1);
    return 1;
}

/* os.time, os.date and os.clock: refused, with why (upvalue 1: the name). */
static int os_refused(lua_State *L)
{
    return luaL_error(L, "os.%s is not available in scripts: they must give the same results on "
                         "every run (take the year from the data or from config.lua)",
                      lua_tostring(L, lua_upvalueindex(1)));
}

/* math.randomseed(): without an argument, the sandbox's seed rather than
 * the clock. Upvalue 1 is Lua's own. */
static int sb_randomseed(lua_State *L)
{
    if (lua_gettop(L) == 0) lua_pushinteger(L, SB_RANDOM_SEED);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
    return lua_gettop(L);
}

/* Adds the function at the top of the stack (popped) as `name` and gives
 * it the next rank, unless it has a name already. */
static void add_function(lua_State *L, int names, int ranks, lua_Integer *rank, const char *name)
{
    lua_pushvalue(L, -1);
    if (lua_rawget(L, names) == LUA_TNIL) {
        lua_pushvalue(L, -2);
        lua_pushstring(L, name);
        lua_rawset(L, names);
        lua_pushvalue(L, -2);
        lua_pushinteger(L, ++*rank);
        lua_rawset(L, ranks);
    }
    lua_pop(L, 2);
}

/* Names every built-in function a script can reach ("print", "string.rep",
 * and the iterators ipairs and utf8.codes return) for tracebacks, and
 * ranks them for the key order: their addresses change from run to run,
 * their names do not. Runs on the real globals, before the lock. */
static void name_functions(lua_State *L)
{
    lua_newtable(L);
    int names = lua_gettop(L);
    lua_newtable(L);
    int ranks = lua_gettop(L);
    lua_pushvalue(L, ranks);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &FUNC_RANKS);
    lua_Integer rank = 0;
    lua_pushglobaltable(L);
    int g = lua_gettop(L);
    sb_sorted_keys(L, g);
    int gk = lua_gettop(L);
    for (lua_Integer i = 1; lua_rawgeti(L, gk, i) != LUA_TNIL; i++) {
        const char *k = lua_tostring(L, -1);
        lua_rawget(L, g);
        if (lua_isfunction(L, -1)) {
            add_function(L, names, ranks, &rank, k);
            continue;
        }
        sb_unwrap(L, -1);
        lua_remove(L, -2);
        if (!lua_istable(L, -1) || strcmp(k, "_G") == 0) {
            lua_pop(L, 1);
            continue;
        }
        int lib = lua_gettop(L);
        sb_sorted_keys(L, lib);
        for (lua_Integer j = 1; lua_rawgeti(L, -1, j) != LUA_TNIL; j++) {
            char *full = ut_xasprintf("%s.%s", k, lua_tostring(L, -1));
            lua_rawget(L, lib);
            if (lua_isfunction(L, -1)) add_function(L, names, ranks, &rank, full);
            else lua_pop(L, 1);
            free(full);
        }
        lua_settop(L, gk);
    }
    lua_pop(L, 1);
    static const char *const iterators[][3] = { { "ipairs", "", "ipairs iterator" },
                                                { "utf8", "codes", "utf8.codes iterator" } };
    for (int i = 0; i < 2; i++) {
        lua_getfield(L, g, iterators[i][0]);
        if (*iterators[i][1]) {
            sb_unwrap(L, -1);
            lua_getfield(L, -1, iterators[i][1]);
            lua_replace(L, -3);
            lua_pop(L, 1);
        }
        lua_pushliteral(L, "");
        lua_call(L, 1, 1);
        add_function(L, names, ranks, &rank, iterators[i][2]);
    }
    lua_pushvalue(L, names);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &FUNC_NAMES);
    lua_settop(L, names - 1);
}

/* Sets field `name` of the table at the top of the stack to a C closure of
 * f with Lua's own field as its upvalue. */
static void wrap_field(lua_State *L, const char *name, lua_CFunction f)
{
    lua_getfield(L, -1, name);
    lua_pushcclosure(L, f, 1);
    lua_setfield(L, -2, name);
}

sb_state *sb_open(size_t mem_limit)
{
    sb_state *s = ut_xcalloc(1, sizeof *s);
    s->limit = mem_limit;
    s->budget = -1;   /* no limit outside sb_call: see sb_hook */
    s->L = lua_newstate(sb_alloc, s);
    if (!s->L) {
        free(s->objs.key);
        free(s->objs.seq);
        free(s);
        return NULL;
    }
    lua_State *L = s->L;
    static const luaL_Reg libs[] = {
        { LUA_GNAME, luaopen_base }, { LUA_STRLIBNAME, luaopen_string },
        { LUA_TABLIBNAME, luaopen_table }, { LUA_MATHLIBNAME, luaopen_math },
        { LUA_UTF8LIBNAME, luaopen_utf8 }, { NULL, NULL },
    };
    for (const luaL_Reg *l = libs; l->func; l++) {
        luaL_requiref(L, l->name, l->func, 1);
        lua_pop(L, 1);
    }
    /* os: only its clock functions, refused with a reason. */
    static const char *const os_refused_names[] = { "clock", "date", "time", NULL };
    lua_newtable(L);
    for (const char *const *n = os_refused_names; *n; n++) {
        lua_pushstring(L, *n);
        lua_pushcclosure(L, os_refused, 1);
        lua_setfield(L, -2, *n);
    }
    lua_setglobal(L, LUA_OSLIBNAME);
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
    wrap_field(L, "format", sb_format);
    lua_pop(L, 1);
    lua_getglobal(L, "table");
    lua_pushcfunction(L, sb_sort);
    lua_setfield(L, -2, "sort");
    lua_pop(L, 1);
    lua_getglobal(L, "math");
    lua_getfield(L, -1, "randomseed");
    lua_pushvalue(L, -1);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &RANDOMSEED);
    lua_pushinteger(L, SB_RANDOM_SEED);
    lua_call(L, 1, 0);
    wrap_field(L, "randomseed", sb_randomseed);
    lua_pop(L, 1);
    lua_getglobal(L, "load");
    lua_pushcclosure(L, sb_load, 1);
    lua_setglobal(L, "load");
    static const luaL_Reg replaced[] = {
        { "xpcall", sb_xpcall }, { "setmetatable", sb_setmetatable }, { "print", sb_print },
        { "next", sb_next }, { "pairs", sb_pairs }, { "tostring", sb_tostring }, { NULL, NULL },
    };
    for (const luaL_Reg *r = replaced; r->name; r++) {
        lua_pushcfunction(L, r->func);
        lua_setglobal(L, r->name);
    }
    lua_newtable(L);                       /* next's iterators, by table */
    lua_createtable(L, 0, 1);
    lua_pushliteral(L, "k");
    lua_setfield(L, -2, "__mode");
    lua_setmetatable(L, -2);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &NEXT_CACHE);
    /* Library tables become read-only so one script cannot break another. */
    static const char *const ro_libs[] = { "string", "table", "math", "utf8", "os", NULL };
    for (const char *const *r = ro_libs; *r; r++) {
        lua_getglobal(L, *r);
        sb_readonly(L);
        lua_setglobal(L, *r);
    }
    name_functions(L);
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
    return s;
}

void sb_close(sb_state *s)
{
    if (!s) return;
    if (s->unprinted)
        fprintf(stderr, "sswr: %zu more line%s printed by the scripts %s not shown\n", s->unprinted,
                s->unprinted == 1 ? "" : "s", s->unprinted == 1 ? "was" : "were");
    lua_close(s->L);
    free(s->objs.key);
    free(s->objs.seq);
    free(s);
}

void sb_setglobal(sb_state *s, const char *name)
{
    lua_rawgetp(s->L, LUA_REGISTRYINDEX, &GLOBALS);
    lua_insert(s->L, -2);
    lua_setfield(s->L, -2, name);
    lua_pop(s->L, 1);
}

/* ---- errors ------------------------------------------------------------------ */

/* Appends to b how the function of ar (pushed by lua_getinfo's "f", and
 * popped here) is named in a traceback, as luaL_traceback does, with the
 * built-ins named by name_functions (their order is fixed). */
static void func_name(lua_State *L, const lua_Debug *ar, ut_buf *b)
{
    lua_rawgetp(L, LUA_REGISTRYINDEX, &FUNC_NAMES);
    lua_pushvalue(L, -2);
    if (lua_rawget(L, -2) == LUA_TSTRING) ut_buf_printf(b, "function '%s'", lua_tostring(L, -1));
    else if (*ar->namewhat) ut_buf_printf(b, "%s '%s'", ar->namewhat, ar->name);
    else if (*ar->what == 'm') ut_buf_puts(b, "main chunk");
    else if (*ar->what != 'C') ut_buf_printf(b, "function <%s:%d>", ar->short_src, ar->linedefined);
    else ut_buf_puts(b, "?");
    lua_pop(L, 3);
}

/* Appends "\nstack traceback:" and a line for each level of the stack from
 * 1 (the function that raised), as luaL_traceback does, but with each line
 * escaped and capped: a field named "\nfake.csv:1: ..." stays on its line. */
static void traceback(lua_State *L, ut_buf *b)
{
    enum { LEVELS1 = 10, LEVELS2 = 11 };
    lua_Debug ar;
    int li = 1, le = 1;
    while (lua_getstack(L, le, &ar)) { li = le; le *= 2; }
    while (li < le) {
        int m = (li + le) / 2;
        if (lua_getstack(L, m, &ar)) li = m + 1;
        else le = m;
    }
    int last = le - 1, level = 1;
    int limit2show = (last - level > LEVELS1 + LEVELS2) ? LEVELS1 : -1;
    ut_buf_puts(b, "\nstack traceback:");
    while (lua_getstack(L, level++, &ar)) {
        if (limit2show-- == 0) {
            int n = last - level - LEVELS2 + 1;
            ut_buf_printf(b, "\n\t...\t(skipping %d levels)", n);
            level += n;
            continue;
        }
        lua_getinfo(L, "Slntf", &ar);
        ut_buf line = {0};
        if (ar.currentline <= 0) ut_buf_printf(&line, "%s: in ", ar.short_src);
        else ut_buf_printf(&line, "%s:%d: in ", ar.short_src, ar.currentline);
        func_name(L, &ar, &line);
        ut_buf_puts(b, "\n\t");
        ut_buf_shown(b, line.data, line.len, SB_TRACE_CHARS);
        ut_buf_free(&line);
        if (ar.istailcall) ut_buf_puts(b, "\n\t(...tail calls...)");
    }
}

/* The message handler of sb_call: the message on one line (control
 * characters escaped, at most SB_MESSAGE_CHARS characters), then the
 * traceback; and where the script was (s->err_where), for a message that
 * does not say. The memory cap is lifted meanwhile (an error about memory
 * must still be told), and no instruction runs here. */
static int msgh(lua_State *L)
{
    sb_state *s = state_of(L);
    long budget = s->budget;
    s->budget = -1;
    where_script(L, 1, s->err_where, sizeof s->err_where);
    size_t len = 0;
    const char *msg = lua_type(L, 1) == LUA_TSTRING || lua_type(L, 1) == LUA_TNUMBER
                          ? lua_tolstring(L, 1, &len) : NULL;
    ut_buf b = {0};
    if (msg) ut_buf_shown(&b, msg, len, SB_MESSAGE_CHARS);
    else ut_buf_printf(&b, "(error object is a %s value)", luaL_typename(L, 1));
    traceback(L, &b);
    lua_pushlstring(L, b.data, b.len);
    ut_buf_free(&b);
    s->budget = budget;
    return 1;
}

int sb_call(sb_state *s, int nargs, int nres, long instr)
{
    lua_State *L = s->L;
    int base = lua_gettop(L) - nargs;
    lua_pushcfunction(L, msgh);
    lua_insert(L, base);
    /* math.random starts afresh: a call's results never depend on the
     * calls made before it (other countries, a --country selection). */
    lua_rawgetp(L, LUA_REGISTRYINDEX, &RANDOMSEED);
    lua_pushinteger(L, SB_RANDOM_SEED);
    lua_call(L, 1, 0);
    s->budget = instr / SB_HOOK_STEP + 1;
    s->instr_total = instr;
    s->charged = 0;
    s->budget_spent = 0;
    s->mem_refused = s->retry_next = s->mem_failed = 0;
    s->mem_where[0] = s->failed_where[0] = s->err_where[0] = '\0';
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
    } else if (rc == LUA_ERRMEM || (rc != LUA_OK && (s->mem_refused || s->mem_failed))) {
        /* "FILE:LINE: memory limit of 64 MB exceeded (MESSAGE)" and the
         * traceback, when the error went through msgh. */
        size_t len = 0;
        const char *m = rc == LUA_ERRMEM ? NULL : lua_tolstring(L, -1, &len);
        if (!m) {
            m = "not enough memory";
            len = strlen(m);
        }
        const char *nl = memchr(m, '\n', len);
        size_t first = nl ? (size_t)(nl - m) : len;
        const char *where = rc == LUA_ERRMEM || s->mem_refused ? s->mem_where : s->failed_where;
        if (where[0]) lua_pushfstring(L, "%s ", where);
        else lua_pushliteral(L, "");
        lua_pushfstring(L, "memory limit of %d MB exceeded (", (int)(s->limit >> 20));
        lua_pushlstring(L, m, first);
        lua_pushliteral(L, ")");
        lua_pushlstring(L, m + first, len - first);
        lua_concat(L, 5);
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
        lua_pushfstring(s->L, "cannot read the file: %s", strerror(errno));
        return LUA_ERRFILE;
    }
    char *chunk = ut_xasprintf("@%s", shown);
    int rc = luaL_loadbufferx(s->L, text, len, chunk, "t");
    free(chunk);
    free(text);
    if (rc != LUA_OK) {   /* a syntax error quotes the script's text: make it safe */
        size_t n;
        const char *m = lua_tolstring(s->L, -1, &n);
        ut_buf b = {0};
        ut_buf_shown(&b, m ? m : "error", m ? n : 5, SB_MESSAGE_CHARS);
        lua_pushlstring(s->L, b.data, b.len);
        ut_buf_free(&b);
        lua_remove(s->L, -2);
    }
    return rc;
}
