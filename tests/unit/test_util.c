/* test_util.c — how a user's value is shown in a message (ut_shown): capped,
 * with control characters, invalid UTF-8 and bidirectional controls
 * escaped. */
#include <stdio.h>
#include <string.h>

#include "util.h"

static int failures;
#define CHECK(cond, ...) do { if (!(cond)) { failures++; printf("%s:%d: ", __FILE__, __LINE__); printf(__VA_ARGS__); printf("\n"); } } while (0)

static void shown_is(const char *in, const char *want)
{
    char out[UT_SHOWN_SIZE];
    ut_shown(out, in);
    CHECK(strcmp(out, want) == 0, "shown(\"%s\") = \"%s\", expected \"%s\"", in, out, want);
}

int main(void)
{
    shown_is("", "");
    shown_is("Kenya", "Kenya");
    shown_is("Côte d’Ivoire", "Côte d’Ivoire");
    shown_is("a\nfake.csv:1: b", "a\\nfake.csv:1: b");
    shown_is("\x1b[31mred\t", "\\x1B[31mred\\t");
    shown_is("bad \xff byte", "bad \\xFF byte");
    shown_is("\xe2\x80\xae" "Africa", "\\u202EAfrica");
    shown_is("\xe2\x81\xa6x\xe2\x81\xa9", "\\u2066x\\u2069");
    shown_is("\xc2\x9b" "c", "\\u009Bc");
    shown_is("KEN\xc2\xa0", "KEN\\u00A0");
    shown_is("\xe2\x80\x8bKEN\xef\xbb\xbf", "\\u200BKEN\\uFEFF");
    shown_is("a\xe2\x80\xa8" "b", "a\\u2028b");
    shown_is("\xd9\x85\xd8\xb5\xd8\xb1", "\xd9\x85\xd8\xb5\xd8\xb1");   /* Arabic letters pass */
    /* 60 characters pass whole; a 61st is cut with an ellipsis */
    char sixty[61], more[200], want[200];
    memset(sixty, 'x', 60); sixty[60] = '\0';
    shown_is(sixty, sixty);
    snprintf(more, sizeof more, "%sy", sixty);
    snprintf(want, sizeof want, "%s\u2026", sixty);
    shown_is(more, want);
    /* the cap counts characters, not bytes: 61 two-byte letters */
    char wide[200] = "", wide_want[200] = "";
    for (int i = 0; i < 61; i++) strcat(wide, "é");
    for (int i = 0; i < 60; i++) strcat(wide_want, "é");
    strcat(wide_want, "\u2026");
    shown_is(wide, wide_want);
    /* a 1 MB value, all escapes, stays inside the buffer */
    static char big[1 << 20];
    memset(big, 1, sizeof big - 1);
    char out[UT_SHOWN_SIZE];
    ut_shown(out, big);
    CHECK(strlen(out) == 60 * 4 + 3, "1 MB of \\x01 shown in %zu bytes", strlen(out));
    if (failures) printf("%d failures\n", failures);
    return failures != 0;
}
