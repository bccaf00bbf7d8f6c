/* fuzz_pattern.c — the bound on Lua pattern matching (sandbox.c): calls
 * the sandbox's string.find, match, gmatch and gsub with a pattern and a
 * subject from the input (the subject may be repeated up to 64 KB). The
 * bound must refuse every call that would run long, since matching runs
 * in C beyond the instruction budget: run.sh gives this harness a 3 s
 * timeout, so a slow call the estimate let through is a finding. Lua
 * itself is the system library (not instrumented), so times are real.
 * Invariants: a call ends with results or an error message; a refusal
 * names the subject's length. */
#include <lauxlib.h>
#include <stdint.h>

#include "fuzz_util.h"
#include "sandbox.h"

static sb_state *sb;

static void close_sb(void) { sb_close(sb); }

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    sb = sb_open(64u << 20);
    if (!sb) abort();
    atexit(close_sb);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
    if (len < 3) return 0;
    /* byte 0: function (0-3), plain flag (find), anchor init; byte 1:
     * subject repetitions; then "pattern\0subject". */
    int fn = data[0] & 3, plain = data[0] >> 2 & 1;
    size_t reps = (size_t)data[1] * data[1] / 4 + 1;   /* 1 .. 16257 */
    const uint8_t *p = data + 2, *nul = memchr(p, 0, len - 2);
    size_t plen = nul ? (size_t)(nul - p) : len - 2;
    const uint8_t *subj = nul ? nul + 1 : p + plen;
    size_t slen = (size_t)(data + len - subj);
    if (slen * reps > (64u << 10)) reps = slen ? (64u << 10) / slen : 1;
    if (!reps) reps = 1;

    lua_State *L = sb->L;
    int top = lua_gettop(L);
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    for (size_t i = 0; i < reps; i++) luaL_addlstring(&b, (const char *)subj, slen);
    luaL_pushresult(&b);                        /* the subject, kept below */
    size_t n = lua_rawlen(L, -1);
    static const char *const names[] = { "find", "match", "gmatch", "gsub" };
    lua_getglobal(L, "string");
    lua_getfield(L, -1, names[fn]);
    lua_remove(L, -2);
    lua_pushvalue(L, top + 1);
    lua_pushlstring(L, (const char *)p, plen);
    int nargs = 2;
    if (fn == 0) {
        lua_pushinteger(L, (data[0] >> 3 & 3) ? (lua_Integer)(data[0] >> 3 & 3) - 2 : 1);
        lua_pushboolean(L, plain);
        nargs = 4;
    } else if (fn == 3) {
        lua_pushstring(L, plain ? "<%0>" : "");
        nargs = 3;
    }
    int rc = sb_call(sb, nargs, 1, 10000000);
    if (rc == 0 && fn == 2) {
        /* Iterate the gmatch iterator (at most 100000 matches). */
        int it = lua_gettop(L);
        for (int k = 0; k < 100000; k++) {
            lua_pushvalue(L, it);
            if (sb_call(sb, 0, 1, 10000000) != 0) {
                rc = 1;
                break;
            }
            int done = lua_isnil(L, -1);
            lua_pop(L, 1);
            if (done) break;
        }
    }
    if (rc != 0) {
        const char *msg = lua_tostring(L, -1);
        FZ_CHECK(msg != NULL, "an error without a message");
        const char *t = strstr(msg, "pattern too complex for a subject of ");
        if (t) FZ_CHECK(strtoull(t + 37, NULL, 10) == n, "wrong length in: %s", msg);
    }
    lua_settop(L, top);
    return 0;
}
