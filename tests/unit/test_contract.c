/* test_contract.c — the table of the indicators the C code reads: every
 * entry filled, with a valid id, a unit the scripts may declare and the
 * files that read it; no id twice. */
#include <stdio.h>
#include <string.h>

#include "contract.h"

static int failures;
#define CHECK(cond, ...) do { if (!(cond)) { failures++; printf("%s:%d: ", __FILE__, __LINE__); printf(__VA_ARGS__); printf("\n"); } } while (0)

static int valid(const char *id)
{
    if (!id || !*id) return 0;
    for (const char *p = id; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_')) return 0;
    return 1;
}

int main(void)
{
    static const char *const units[] = { "count", "per_100k", "percent", "one_in_n", "rate", "score",
                                         "rank", "year", "ratio", "flag" };
    for (int i = 0; i < CN_COUNT; i++) {
        const cn_need *n = cn_need_of((cn_ind)i);
        CHECK(n && valid(n->id), "entry %d: no valid id", i);
        if (!n || !n->id) continue;
        CHECK(!strcmp(cn_id((cn_ind)i), n->id), "entry %d: cn_id differs", i);
        int known = 0;
        for (size_t u = 0; u < sizeof units / sizeof *units; u++) known |= n->unit && !strcmp(n->unit, units[u]);
        CHECK(known, "%s: unit '%s'", n->id, n->unit ? n->unit : "(none)");
        CHECK(!n->by || valid(n->by), "%s: breakdown '%s'", n->id, n->by);
        CHECK(n->user && strstr(n->user, "generator/") && strstr(n->user, ".c ("), "%s: who reads it: %s", n->id,
              n->user ? n->user : "(none)");
        for (int k = 0; k < i; k++)
            CHECK(strcmp(cn_id((cn_ind)k), n->id) != 0, "%s: listed twice (%d and %d)", n->id, k, i);
    }
    CHECK(cn_need_of(CN_COUNT) == NULL, "past the end");
    if (failures) printf("%d failure(s)\n", failures);
    return failures ? 1 : 0;
}
