/* sandbox.h — a Lua 5.4 state fit for users' scripts, after Redis'
 * scripting engine: only base, string, table, math, utf8 and three os
 * functions; `load` takes text only; globals are locked; a capped allocator
 * and an instruction budget that keeps firing once spent, so `pcall` cannot
 * swallow it. Also read-only proxies for the data handed to scripts.
 * Prefix: sb_. */
#ifndef SSWR_SANDBOX_H
#define SSWR_SANDBOX_H

#include <lua.h>
#include <stddef.h>

typedef struct sb_state {
    lua_State *L;
    size_t used, limit;      /* bytes allocated / allowed */
    long budget;             /* hook ticks left in the current call */
    long instr_total;        /* the current call's budget, for messages */
    int budget_spent;        /* the current call ran out of instructions */
    int mem_refused;         /* the allocator refused a request */
} sb_state;

/* Opens a sandboxed state; NULL when Lua cannot even start. */
sb_state *sb_open(size_t mem_limit);
void sb_close(sb_state *s);

/* Sets a global in the locked global table (host only). Pops the value. */
void sb_setglobal(sb_state *s, const char *name);

/* Calls the function below nargs arguments with `instr` instructions of
 * budget; on error leaves a message (with traceback, and the reason when a
 * limit was hit) on the stack and returns nonzero, else leaves nres results. */
int sb_call(sb_state *s, int nargs, int nres, long instr);

/* Loads a text chunk from a file; `shown` is its name in messages. */
int sb_loadfile(sb_state *s, const char *path, const char *shown);

/* Replaces the table at the top of the stack by a read-only proxy that
 * supports indexing, #, pairs and ipairs. */
void sb_readonly(lua_State *L);
/* If the value at idx is a read-only proxy, pushes the table behind it
 * (with every field of a lazy table made); else pushes the value itself. */
void sb_unwrap(lua_State *L, int idx);

/* Lazy read-only tables: fields made on first read, so that nothing is
 * built that no script reads. Below the top of the stack: a table of the
 * fields known already (the cache); at the top: a context value, upvalue 1
 * of both functions. Pops the context and replaces the cache by a
 * read-only proxy of it. index(cache, key) returns the field, or nil, and
 * stores a made field in the cache with lua_rawset (later reads of it then
 * cost a plain table read); all(cache) stores every field not made yet,
 * and is called before the cache is iterated (pairs, #, sb_unwrap). */
void sb_lazy(lua_State *L, lua_CFunction index, lua_CFunction all);

#endif
