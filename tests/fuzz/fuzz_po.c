/* fuzz_po.c — the PO catalog reader (catalog.c): ct_load_mem on arbitrary
 * bytes, then every lookup, the plural rule on many n, and the
 * placeholder checks and substitution on every entry, as `sswr strings
 * check` and the layout stage use them. Invariants: every entry is found
 * again by its key, plural forms stay below nplurals, translations are
 * valid UTF-8. */
#include <limits.h>
#include <stdint.h>

#include "catalog.h"
#include "fuzz_util.h"
#include "util.h"

static void check_utf8(const char *s, const char *what)
{
    if (!s) return;
    size_t n = strlen(s);
    FZ_CHECK(ut_utf8_check(s, n) == n, "%s is not valid UTF-8", what);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
    char *buf = malloc(len ? len : 1);
    if (!buf) abort();
    if (len) memcpy(buf, data, len);
    dg_list dg = {0};
    ct_catalog *c = ct_load_mem(buf, len, "fuzz.po", &dg);
    FZ_CHECK(c != NULL, "ct_load_mem gave NULL");
    unsigned long np = ct_nplurals(c);
    FZ_CHECK(np >= 1 && np <= CT_MAX_PLURALS, "nplurals %lu", np);
    static const unsigned long ns[] = { 0, 1, 2, 3, 5, 11, 21, 100, 101, 111, 1000, 1001, 65535,
                                        ULONG_MAX / 2, ULONG_MAX - 1, ULONG_MAX };
    for (size_t i = 0; i < sizeof ns / sizeof ns[0]; i++)
        FZ_CHECK(ct_plural(c, ns[i]) < np, "form %lu for n=%lu, nplurals %lu", ct_plural(c, ns[i]),
                 ns[i], np);
    (void)ct_header(c, "Language");
    (void)ct_header(c, "plural-forms");
    size_t n = ct_count(c);
    for (size_t i = 0; i < n; i++) {
        const ct_entry *e = ct_entry_at(c, i);
        FZ_CHECK(e && e->msgid && e->nstr >= 1 && e->msgstr, "entry %zu", i);
        FZ_CHECK(ct_find(c, e->msgctxt, e->msgid) == e, "entry %zu not found by its key", i);
        check_utf8(e->msgid, "msgid");
        check_utf8(e->msgctxt, "msgctxt");
        for (size_t k = 0; k < e->nstr; k++) check_utf8(e->msgstr[k], "msgstr");
        const char *t = e->msgctxt ? ct_pget(c, e->msgctxt, e->msgid) : ct_get(c, e->msgid);
        check_utf8(t, "translation");
        for (size_t k = 0; k < 4; k++) {
            const char *tn = e->msgctxt ? ct_npget(c, e->msgctxt, e->msgid, ns[k * 3])
                                        : ct_nget(c, e->msgid, ns[k * 3]);
            check_utf8(tn, "plural translation");
        }
        for (size_t k = 0; k < e->nstr && k < 3; k++) {
            char *err = NULL;
            int ok = ct_placeholders_match(e->msgid, e->msgstr[k], &err);
            FZ_CHECK(ok == (err == NULL), "match %d with err %p", ok, (void *)err);
            free(err);
            err = NULL;
            ok = ct_placeholders_within(e->msgid_plural ? e->msgid_plural : e->msgid, e->msgstr[k], &err);
            FZ_CHECK(ok == (err == NULL), "within %d with err %p", ok, (void *)err);
            free(err);
            static const char *const names[] = { "country", "n", "year", "value" };
            static const char *const values[] = { "Kenya", "3", "2024", NULL };
            char *s = ct_format(e->msgstr[k], names, values, 4, &err);
            FZ_CHECK(!s != !err, "format gave %p with err %p", (void *)s, (void *)err);
            check_utf8(s, "formatted string");
            free(s);
            free(err);
        }
    }
    (void)ct_get(c, "");
    (void)ct_find(c, NULL, "Total");
    ct_free(c);
    for (size_t i = 0; i < dg.n; i++) free(dg_format(&dg.v[i]));
    dg_free(&dg);
    free(buf);
    return 0;
}
