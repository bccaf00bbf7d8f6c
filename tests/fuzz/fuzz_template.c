/* fuzz_template.c — the layout-file parser (template.c): tp_parse with the
 * block kinds of the profile template (schema.c), then every lookup. */
#include <math.h>
#include <stdint.h>

#include "fuzz_util.h"
#include "schema.h"
#include "template.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
    char *buf = malloc(len ? len : 1);
    if (!buf) abort();
    if (len) memcpy(buf, data, len);
    dg_list dg = {0};
    tp_template t;
    int rc = tp_parse(buf, len, "fuzz.tpl", sm_profile, &t, &dg);
    FZ_CHECK(rc == 0 || rc == -1, "status %d", rc);
    FZ_CHECK((rc == 0) == (dg.nerrors == 0), "status %d with %zu errors", rc, dg.nerrors);
    for (size_t i = 0; i < t.nblocks; i++) {
        const tp_block *b = &t.blocks[i];
        FZ_CHECK(b->type && b->name, "block %zu", i);
        FZ_CHECK(tp_find(&t, b->type, NULL) != NULL, "tp_find");
        FZ_CHECK(tp_find(&t, b->type, b->name) != NULL, "tp_find by name");
        FZ_CHECK(isnan(b->x) || (b->x >= 0 && b->x <= 1500), "x %g", b->x);
        for (size_t k = 0; k < b->nattrs; k++) {
            const tp_attr *a = &b->attrs[k];
            size_t vl = strlen(a->value);
            FZ_CHECK(ut_utf8_check(a->value, vl) == vl, "attribute value not UTF-8");
            FZ_CHECK(tp_attr_of(b, a->key) == a, "duplicate key kept: %s", a->key);
            (void)tp_get(b, a->key, NULL);
            (void)tp_num(b, a->key, 0);
        }
    }
    (void)tp_find(&t, "chart", "trend");
    for (size_t i = 0; i < t.nblocks; i++) (void)tp_kind_of(sm_profile, &t.blocks[i]);
    (void)tp_check_page(&t, 595.276, 841.89, &dg);
    tp_free(&t);
    dg_free(&dg);
    free(buf);
    return 0;
}
