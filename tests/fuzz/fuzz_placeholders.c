/* fuzz_placeholders.c — named placeholders (catalog.c): ct_format,
 * ct_placeholders_match and ct_placeholders_within on strings cut from the
 * input at NUL bytes: a template, a second string, then name/value pairs.
 * Invariants: a result xor an error; a string that formats with every
 * name known matches itself; match implies within, and is symmetric; the
 * output has no '{' left unless the template or a value wrote one. */
#include <stdint.h>

#include "catalog.h"
#include "fuzz_util.h"
#include "util.h"

#define MAXN 8

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
    char *s = fz_cstr(data, len);
    const char *part[2 + 2 * MAXN];
    size_t np = 0;
    for (const char *p = s; np < sizeof part / sizeof part[0]; p += strlen(p) + 1) {
        part[np++] = p;
        if (p + strlen(p) >= s + len) break;
    }
    const char *tmpl = part[0], *other = np > 1 ? part[1] : "";
    const char *names[MAXN], *values[MAXN];
    size_t n = 0;
    int braces = 0;
    for (size_t i = 2; i + 1 < np && n < MAXN; i += 2, n++) {
        names[n] = part[i];
        values[n] = (part[i + 1][0] == '\x01') ? NULL : part[i + 1];   /* NULL value allowed */
        if (values[n] && strpbrk(values[n], "{}")) braces = 1;
    }

    char *err = NULL;
    char *out = ct_format(tmpl, names, values, n, &err);
    FZ_CHECK(!out != !err, "format gave %p with err %p", (void *)out, (void *)err);
    if (out) {
        char *e2 = NULL;
        FZ_CHECK(ct_placeholders_match(tmpl, tmpl, &e2) == 1, "formats but does not match itself: %s",
                 e2 ? e2 : "");
        free(e2);
        /* Without braces in the values, the output holds a '{' only where
         * the template wrote "{{". */
        if (!braces && !strstr(tmpl, "{{"))
            FZ_CHECK(!strchr(out, '{'), "a '{' left in \"%s\"", out);
    }
    free(out);
    free(err);

    err = NULL;
    int m = ct_placeholders_match(tmpl, other, &err);
    FZ_CHECK(m == (err == NULL), "match %d, err %p", m, (void *)err);
    free(err);
    err = NULL;
    int w = ct_placeholders_within(tmpl, other, &err);
    FZ_CHECK(w == (err == NULL), "within %d, err %p", w, (void *)err);
    free(err);
    if (m) FZ_CHECK(w, "match without within");
    err = NULL;
    int r = ct_placeholders_match(other, tmpl, &err);
    free(err);
    FZ_CHECK(r == m, "match is not symmetric: %d vs %d", m, r);
    free(s);
    return 0;
}
