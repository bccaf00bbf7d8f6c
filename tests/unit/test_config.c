/* test_config.c — finding the line of a setting in config.lua (cf_line):
 * nested tables, comments and strings that look like settings, long
 * brackets, `local cfg = {...}` and `cfg.a.b = v` forms; and the "did you
 * mean" suggestions (ut_closest) that config.c and template.c share. */
#include <stdio.h>
#include <string.h>

#include "config.h"
#include "util.h"

static int failures;
#define CHECK(cond, ...) do { if (!(cond)) { failures++; printf("%s:%d: ", __FILE__, __LINE__); printf(__VA_ARGS__); printf("\n"); } } while (0)

static void line_is(const char *src, const char *path, long want)
{
    long got = cf_line(src, strlen(src), path);
    CHECK(got == want, "line of %s = %ld, expected %ld", path, got, want);
}

static void closest_is(const char *s, const char *want)
{
    static const char *const words[] = { "cols", "color", "primary", "target_ratio", "target_year",
                                         "x", "no_data" };
    const char *got = ut_closest(s, words, sizeof words / sizeof *words);
    CHECK((!got && !want) || (got && want && strcmp(got, want) == 0), "closest(%s) = %s, expected %s", s,
          got ? got : "NULL", want ? want : "NULL");
}

int main(void)
{
    const char *shipped =
        "-- config.lua\n"                                   /* 1 */
        "--[[ target_ratio = 1\n"                           /* 2 */
        "   ]] \n"                                          /* 3 */
        "return {\n"                                        /* 4 */
        "  target_ratio = 30, -- target_year = 1\n"         /* 5 */
        "  note = \"target_year = 5 }\",\n"                 /* 6 */
        "  long = [==[\n"                                   /* 7 */
        "   targets = { KEN = 1 } ]==],\n"                  /* 8 */
        "  target_year =\n"                                 /* 9 */
        "    2030,\n"                                       /* 10 */
        "  targets = {\n"                                   /* 11 */
        "    KEN = 40, [\"UGA\"] = 25,\n"                   /* 12 */
        "    ken = 3,\n"                                    /* 13 */
        "  },\n"                                            /* 14 */
        "  review = { jump_factor = 2,\n"                   /* 15 */
        "    graduates_per_institution = { master = 300 } },\n"   /* 16 */
        "  f = function() local target_ratio = 1 end,\n"   /* 17 */
        "}\n";                                              /* 18 */
    line_is(shipped, "target_ratio", 5);
    line_is(shipped, "target_year", 9);
    line_is(shipped, "targets", 11);
    line_is(shipped, "targets.KEN", 12);
    line_is(shipped, "targets.UGA", 12);
    line_is(shipped, "targets.ken", 13);
    line_is(shipped, "targets.NPL", 11);          /* not written: its table's line */
    line_is(shipped, "review.jump_factor", 15);
    line_is(shipped, "review.graduates_per_institution.master", 16);
    line_is(shipped, "review.mad_limit", 15);
    line_is(shipped, "trend_min_points", 4);      /* missing: the return */

    const char *local =
        "local cfg = {\n"
        "  target_ratio = 30,\n"
        "}\n"
        "cfg.targets = {}\n"
        "cfg.targets.KEN = 'x'\n"
        "return cfg\n";
    line_is(local, "target_ratio", 2);
    line_is(local, "targets", 4);
    line_is(local, "targets.KEN", 5);
    line_is(local, "projection_year", 6);

    const char *escapes = "return {\n  a = 'it\\'s \\\n two lines',\n  b = \"\\z\n\n   x\", c = 1 }\n";
    line_is(escapes, "c", 6);
    line_is("", "target_ratio", 0);

    closest_is("colums", "cols");
    closest_is("colour", "color");
    closest_is("primry", "primary");
    closest_is("Primary", "primary");
    closest_is("target_ration", "target_ratio");
    closest_is("y", NULL);   /* one letter from any one-letter word: no guess */
    closest_is("nodata", "no_data");
    closest_is("width", NULL);
    closest_is("elephant", NULL);
    return failures ? 1 : 0;
}
