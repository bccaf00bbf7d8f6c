/* sandbox.h — a Lua 5.4 state fit for users' scripts, after Redis'
 * scripting engine: only base, string, table, math and utf8; `load` takes
 * text only; globals are locked; a capped allocator and an instruction
 * budget that keeps firing once spent, so `pcall` cannot swallow it. It is
 * deterministic: the same inputs give the same results whatever a script
 * does (`pairs` and `next` walk keys in a fixed order, `tostring` shows no
 * address, `table.sort` is a stable merge sort, `math.random` restarts from
 * one seed at every call, the clock is refused). Every error it hands back
 * is safe to print: one line of message, control characters escaped,
 * capped, then its traceback. Also read-only proxies for the data handed to
 * scripts. Prefix: sb_. */
#ifndef SSWR_SANDBOX_H
#define SSWR_SANDBOX_H

#include <lua.h>
#include <stddef.h>
#include <stdint.h>

/* Longest message of an error (characters, then "…") and longest line of
 * its traceback that the sandbox hands back; a `print` line is capped like
 * a message, and a run shows SB_PRINT_MAX of them. */
#define SB_MESSAGE_CHARS 300
#define SB_TRACE_CHARS 200
#define SB_PRINT_MAX 100
/* math.random starts from this seed at every call (math.randomseed() too). */
#define SB_RANDOM_SEED 20240101
/* Room for "FILE:LINE:" (a chunk name is at most LUA_IDSIZE bytes, escaped). */
#define SB_WHERE_SIZE 512

/* Creation order of the collectable objects (tables, closures): a table
 * keyed by address, filled by the allocator, which is what orders tables
 * and functions used as keys, and names them in tostring. */
typedef struct sb_seqmap {
    uintptr_t *key;
    uint64_t *seq;
    size_t cap, n;
} sb_seqmap;

typedef struct sb_state {
    lua_State *L;
    size_t used, limit;      /* bytes allocated / allowed */
    long budget;             /* hook ticks left in the current call */
    long instr_total;        /* the current call's budget, for messages */
    double charged;          /* work of C helpers not yet taken from budget */
    int budget_spent;        /* the current call ran out of instructions */
    int mem_refused;         /* the allocator refused a request (Lua may retry it) */
    int mem_failed;          /* ... and refused Lua's retry: a memory error was raised */
    int retry_next;          /* the next request to grow may be Lua's retry */
    const void *refused_ptr; /* the request refused, to tell a successful retry */
    size_t refused_osize, refused_nsize;
    char mem_where[SB_WHERE_SIZE];   /* "FILE:LINE:" of the last refusal, or "" */
    char failed_where[SB_WHERE_SIZE];   /* ... of the last memory error raised */
    char err_where[SB_WHERE_SIZE];   /* "FILE:LINE:" of the last error's script line */
    uint64_t seq;            /* objects created so far */
    sb_seqmap objs;
    size_t printed, unprinted;       /* lines of `print` shown / not shown */
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

/* Loads a text chunk from a file; `shown` is its name in messages (the
 * caller escapes it). On error leaves a safe message on the stack: a
 * syntax error as "SHOWN:LINE: ...", or why the file cannot be read
 * (LUA_ERRFILE, without the name). */
int sb_loadfile(sb_state *s, const char *path, const char *shown);

/* Pushes an array of the keys of the table at idx (raw, no metamethods) in
 * the sandbox's fixed order: numbers, then strings (bytewise), booleans,
 * built-in functions, then tables and functions in the order they were
 * made. Scripts' `pairs` and `next` walk this order; the host uses it to
 * walk a table a script returned, so that which error is reported first
 * does not change from run to run either. */
void sb_sorted_keys(lua_State *L, int idx);

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
