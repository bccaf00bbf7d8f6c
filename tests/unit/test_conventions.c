/* test_conventions.c — conventions files (conventions.c): every shipped one
 * loads clean; each kind of mistake a translator can make is an error at
 * its line, and a file with any error gives no conventions at all. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "conventions.h"
#include "draw.h"

static int failures;
#define CHECK(cond, ...) do { if (!(cond)) { failures++; printf("%s:%d: ", __FILE__, __LINE__); printf(__VA_ARGS__); printf("\n"); } } while (0)

static const char *const shipped[] = { "ar", "en", "es", "fr", "id", "pt", "ru", "sw", "zh" };

static const char *good =
    "# a comment\n"
    "direction = rtl   # with a comment\n"
    "script = arabic\n"
    "decimal = \",\"\n"
    "group = \"\\u202F\"\n"
    "grouping = 3,2\n"
    "min_grouping = 2\n"
    "minus = \"\\u2212\"\n"
    "percent = \"%\\u00A0{n}\"\n"
    "digits = arabic-indic\n"
    "list_separator = \"\\u060C \"\n"
    "quote_open = \"\\u00AB\"\n"
    "quote_close = \"\\u00BB\"\n";

/* Writes text to a temporary file and loads it; returns the conventions
 * (or NULL) and leaves the messages in dg. */
static cv_conventions *load_text(const char *text, dg_list *dg)
{
    char path[] = "/tmp/sswr-test-conv-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0) return NULL;
    FILE *f = fdopen(fd, "w");
    fputs(text, f);
    fclose(f);
    cv_conventions *c = cv_load(path, "x.conventions", "xx", dg);
    unlink(path);
    return c;
}

/* A copy of `good` with line `n` (1-based) replaced by `line` ("" drops it). */
static char *with_line(int n, const char *line)
{
    static char out[2048];
    out[0] = '\0';
    const char *p = good;
    for (int i = 1; *p; i++) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) + 1 : strlen(p);
        if (i == n) {
            if (*line) { strcat(out, line); strcat(out, "\n"); }
        } else {
            strncat(out, p, len);
        }
        p += len;
    }
    return out;
}

static void expect_error(int n, const char *line, const char *want)
{
    dg_list dg = {0};
    cv_conventions *c = load_text(with_line(n, line), &dg);
    CHECK(c == NULL, "line %d \"%s\": loaded although it is wrong", n, line);
    cv_free(c);
    int found = 0;
    for (size_t i = 0; i < dg.n; i++) found |= strcmp(dg.v[i].msg, want) == 0;
    /* the mistake is the first error (a misspelt key also leaves its key missing) */
    CHECK(found && !strcmp(dg.v[0].msg, want), "line %d \"%s\": expected first the error \"%s\", got %zu: %s",
          n, line, want, dg.nerrors, dg.n ? dg.v[0].msg : "(none)");
    if (dg.n && *line) CHECK(dg.v[0].line == n, "error on line %ld, expected %d", dg.v[0].line, n);
    dg_free(&dg);
}

int main(void)
{
    for (size_t i = 0; i < sizeof shipped / sizeof *shipped; i++) {
        char path[64];
        snprintf(path, sizeof path, "templates/i18n/%s.conventions", shipped[i]);
        dg_list dg = {0};
        cv_conventions *c = cv_load(path, path, shipped[i], &dg);
        CHECK(c && dg.n == 0, "%s: %zu problems (%s)", path, dg.n, dg.n ? dg.v[0].msg : "");
        if (c) CHECK(c->rtl == !strcmp(shipped[i], "ar"), "%s: direction", path);
        cv_free(c);
        dg_free(&dg);
    }
    /* Signed figures (draw.c): ar's CLDR minus brings its own U+200E mark, which
     * the right-to-left number's leading mark does not double (issue 15, item 10). */
    for (int k = 0; k < 2; k++) {
        const char *lang = k ? "ar" : "en";
        char path[64], buf[64];
        snprintf(path, sizeof path, "templates/i18n/%s.conventions", lang);
        dg_list d = {0};
        cv_conventions *cv = cv_load(path, path, lang, &d);
        if (cv) {
            dw_pen pen = dw_pen_for(NULL, NULL, lang, cv);
            CHECK(!strcmp(dw_signed_pct(&pen, -2.5, 1, buf, sizeof buf), k ? "\xE2\x80\x8E-2.5%" : "-2.5%"),
                  "%s: -2.5 signed is \"%s\"", lang, buf);
            CHECK(!strcmp(dw_signed_pct(&pen, 1.25, 1, buf, sizeof buf), k ? "\xE2\x80\x8E+1.3%" : "+1.3%"),
                  "%s: +1.25 signed is \"%s\"", lang, buf);
            CHECK(!strcmp(dw_num(&pen, -1234, 0, buf, sizeof buf), k ? "\xE2\x80\x8E-1,234" : "-1,234"),
                  "%s: -1234 is \"%s\"", lang, buf);
        }
        CHECK(cv != NULL, "%s loads", path);
        cv_free(cv);
        dg_free(&d);
    }
    dg_list dg = {0};
    cv_conventions *c = load_text(good, &dg);
    CHECK(c && dg.n == 0, "the good text: %zu problems", dg.n);
    if (c) {
        CHECK(c->rtl == 1 && c->script == CV_SCRIPT_ARABIC, "direction, script");
        CHECK(!strcmp(c->numbers.group, "\xE2\x80\xAF") && !strcmp(c->numbers.minus, "\xE2\x88\x92"), "escapes");
        CHECK(c->numbers.primary == 3 && c->numbers.secondary == 2 && c->numbers.min_grouping == 2, "grouping");
        CHECK(!strcmp(c->numbers.pct_prefix, "%\xC2\xA0") && !strcmp(c->numbers.pct_suffix, ""), "percent");
        CHECK(c->numbers.zero == 0x0660, "digits");
        CHECK(!strcmp(c->list_separator, "\xD8\x8C "), "list separator");
        CHECK(!strcmp(c->numbers.lang, "xx"), "lang");
    }
    cv_free(c);
    dg_free(&dg);

    expect_error(2, "direction = sideways", "direction must be one of ltr, rtl, not \"sideways\"");
    expect_error(2, "directon = rtl", "unknown key \"directon\" (did you mean direction?)");
    expect_error(3, "script = thaana", "script must be one of latin, cyrillic, arabic, cjk, not \"thaana\"");
    expect_error(4, "decimal = \"\"", "decimal cannot be empty");
    expect_error(4, "decimal = \"0\"", "decimal cannot hold a digit");
    expect_error(5, "group = \"  \"", "group must be one character");
    expect_error(6, "grouping = 0", "grouping must be a whole number from 1 to 9, not \"0\"");
    expect_error(7, "min_grouping = two", "min_grouping must be a whole number from 1 to 4, not \"two\"");
    expect_error(9, "percent = \"%\"", "percent must hold {n} once, where the number goes (e.g. \"{n}%\" or \"{n}\\u00A0%\")");
    expect_error(10, "digits = roman", "digits must be one of latin, arabic-indic, not \"roman\"");
    expect_error(11, "list_separator = \", ", "the quoted value is not closed on its line");
    expect_error(11, "list_separator = \"\\q\"", "unknown escape \\q in a quoted value (write \\uXXXX, \\\" or \\\\)");
    expect_error(12, "quote_open = \"\\u202E\"", "the value holds U+202E, a control or direction character");
    expect_error(12, "quote_open = \xc2\xab extra", "unexpected text after the value: extra (quote a value that has spaces)");
    expect_error(13, "quote_close", "expected key = value, found \"quote_close\"");
    expect_error(13, "", "quote_close is missing (every conventions file gives it)");
    expect_error(3, "direction = ltr", "direction is given twice (first on line 2)");
    if (failures) printf("%d failures\n", failures);
    return failures != 0;
}
