/* fuzz_story.c — the country stories' reader (story.c over cmark): sy_parse
 * on any bytes, then the parsed story's invariants. */
#include <stdint.h>

#include "fuzz_util.h"
#include "story.h"
#include "util.h"

static void check_text(const char *s, const char *what)
{
    size_t n = strlen(s);
    FZ_CHECK(ut_utf8_check(s, n) == n, "%s not UTF-8", what);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
    dg_list dg = {0};
    sy_story s = {0};
    memcpy(s.iso3, "KEN", 4);
    memcpy(s.lang, "en", 3);
    s.path = ut_xstrdup("fuzz.md");
    sy_parse(&s, (const char *)data, len, &dg);
    FZ_CHECK(s.ok == (dg.nerrors == 0), "ok %d with %zu errors", s.ok, dg.nerrors);
    FZ_CHECK(s.rawlen == len, "raw length %zu of %zu", s.rawlen, len);
    size_t lines = 1;
    for (size_t i = 0; i < len; i++) lines += data[i] == '\n' || data[i] == '\r';
    for (size_t i = 0; i < dg.n; i++)
        FZ_CHECK(dg.v[i].line >= 0 && (size_t)dg.v[i].line <= lines, "message line %ld of %zu", dg.v[i].line, lines);
    if (s.ok) {
        FZ_CHECK(s.title && s.original && s.nblocks, "a good story has a title, an original and text");
        FZ_CHECK(!s.published || s.source, "published without a source");
        check_text(s.title, "title");
    }
    for (size_t b = 0; b < s.nblocks; b++) {
        const sy_block *blk = &s.blocks[b];
        FZ_CHECK(blk->kind == SY_PARA || blk->kind == SY_ITEM, "kind %d", (int)blk->kind);
        FZ_CHECK(blk->line >= 1 && (size_t)blk->line <= lines, "block line %ld of %zu", blk->line, lines);
        for (size_t k = 0; k < blk->nspans; k++) {
            check_text(blk->spans[k].text, "span");
            if (blk->spans[k].url) check_text(blk->spans[k].url, "link");
        }
    }
    sy_story_free(&s);
    dg_free(&dg);
    return 0;
}
