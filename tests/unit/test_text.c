/* test_text.c — unit tests of the text engine (generator/text.c): widths,
 * font runs, Arabic shaping and bidi, wrapping (Chinese, French), fitting,
 * uncovered code points, and a PDF checked with pdftotext and pdffonts.
 * Fonts: $TX_FONT_DIR, else build/fonts when `make fonts` has run, else
 * tests/fixtures/text/debian (the Debian source fonts). $TX_KEEP_PDF=PATH
 * keeps the test PDF (to render it with pdftoppm and look at it). */
#include "diag.h"
#include "pdffont.h"
#include "text.h"
#include "util.h"

#include <hpdf.h>
#include <math.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int failures;

#define CHECK(cond, ...)                                                     \
    do {                                                                     \
        if (!(cond)) {                                                       \
            failures++;                                                      \
            printf("test_text.c:%d: check failed: %s: ", __LINE__, #cond);  \
            printf(__VA_ARGS__);                                             \
            printf("\n");                                                    \
        }                                                                    \
    } while (0)

static dg_list dg;
static tx_fontset *fs;

static const tx_style REGULAR = { 10, 0, 0, 0, 0, "en", 0, TX_SCRIPT_LATIN };

/* The script of the test languages, as their conventions files say. */
static tx_script script_of(const char *lang)
{
    if (!lang) return TX_SCRIPT_LATIN;
    if (!strncmp(lang, "zh", 2)) return TX_SCRIPT_CJK;
    if (!strncmp(lang, "ar", 2) || !strncmp(lang, "fa", 2) || !strncmp(lang, "ur", 2)) return TX_SCRIPT_ARABIC;
    if (!strncmp(lang, "ru", 2) || !strncmp(lang, "uk", 2) || !strncmp(lang, "bg", 2)) return TX_SCRIPT_CYRILLIC;
    return TX_SCRIPT_LATIN;
}

static tx_style style(double size, int bold, const char *lang, int rtl)
{
    tx_style s = { size, bold, 0, 0, 0, lang, rtl, script_of(lang) };
    return s;
}

/* Whether some diagnostic message contains needle. */
static int dg_has(const char *needle)
{
    for (size_t i = 0; i < dg.n; i++)
        if (strstr(dg.v[i].msg, needle)) return 1;
    return 0;
}

static int dg_has_in(const dg_list *d, const char *needle)
{
    for (size_t i = 0; i < d->n; i++) {
        char *s = dg_format(&d->v[i]);
        int hit = strstr(s, needle) != NULL;
        free(s);
        if (hit) return 1;
    }
    return 0;
}

static const char *font_dir(void)
{
    const char *env = getenv("TX_FONT_DIR");
    if (env && *env) return env;
    if (access("build/fonts/fonts.txt", R_OK) == 0) return "build/fonts";
    return "tests/fixtures/text/debian";
}

/* ------------------------------------------------------------- opening */

static void test_open_errors(void)
{
    dg_list d = {0};
    CHECK(tx_fontset_open("tests/fixtures/text/no-such-dir", &d) == NULL, "opened nothing");
    CHECK(d.nerrors == 1 && dg_has_in(&d, "make fonts"), "missing manifest: %s",
          d.n ? d.v[0].msg : "(no message)");
    dg_free(&d);

    CHECK(tx_fontset_open("tests/fixtures/text/missing", &d) == NULL, "missing CJK font");
    CHECK(dg_has_in(&d, "sswr-cjk-not-made.ttf: cannot open font")
              && dg_has_in(&d, "fonts-wqy-microhei") && dg_has_in(&d, "make fonts"),
          "missing font message: %s", d.n ? d.v[d.n - 1].msg : "(no message)");
    dg_free(&d);
}

/* -------------------------------------------------------------- widths */

static int near(double a, double b)
{
    return fabs(a - b) < 1e-9;
}

static void test_widths(void)
{
    double whole = tx_width(fs, "Hello world, 12 345", &REGULAR);
    double parts = tx_width(fs, "Hello ", &REGULAR) + tx_width(fs, "world, ", &REGULAR)
                 + tx_width(fs, "12 345", &REGULAR);
    CHECK(whole > 0 && near(whole, parts), "%.6f vs %.6f", whole, parts);

    tx_style bold = style(10, 1, "en", 0);
    double wb = tx_width(fs, "Social Service Workforce", &bold);
    double wr = tx_width(fs, "Social Service Workforce", &REGULAR);
    CHECK(wb > wr, "bold %.3f regular %.3f", wb, wr);

    tx_style big = style(20, 0, "en", 0);
    CHECK(near(tx_width(fs, "Kenya", &big), 2 * tx_width(fs, "Kenya", &REGULAR)),
          "width scales with size");

    tx_style zh = style(10, 0, "zh", 0);
    double han = tx_width(fs, "社会服务", &zh);
    CHECK(near(han, 4 * tx_width(fs, "社", &zh)) && han > 30, "Han width %.3f", han);
    CHECK(tx_width(fs, "", &REGULAR) == 0, "empty text");
}

/* The widths tx_ computes from FreeType are libharu's: compare each run's
 * width with HPDF_Font_TextWidth on the same font file. */
static void test_widths_match_libharu(void)
{
    HPDF_Doc pdf = HPDF_New(NULL, NULL);
    HPDF_UseUTFEncodings(pdf);
    static const struct { const char *text, *lang; int rtl; } cases[] = {
        { "Côte d’Ivoire — Ёё Άέή 45,3 %", "fr", 0 },
        { "عدد العاملين في Kenya هو 3,647", "ar", 1 },
        { "社会服务人员（2023年）：12,345名", "zh", 0 },
    };
    for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
        tx_style st = style(11, 0, cases[c].lang, cases[c].rtl);
        tx_run *runs;
        size_t n = tx_runs(fs, cases[c].text, &st, &runs);
        CHECK(n > 0, "runs of %s", cases[c].text);
        for (size_t i = 0; i < n; i++) {
            const char *file = tx_fontset_file(fs, runs[i].font);
            size_t len = strlen(file);
            const char *name = len > 4 && strcmp(file + len - 4, ".ttc") == 0
                ? HPDF_LoadTTFontFromFile2(pdf, file, 0, HPDF_FALSE)
                : HPDF_LoadTTFontFromFile(pdf, file, HPDF_FALSE);
            HPDF_Font f = name ? HPDF_GetFont(pdf, name, "UTF-8") : NULL;
            CHECK(f != NULL, "libharu loads %s", file);
            if (!f) continue;
            HPDF_TextWidth tw = HPDF_Font_TextWidth(f, (const HPDF_BYTE *)runs[i].text,
                                                    (HPDF_UINT)strlen(runs[i].text));
            double lib = tw.width * 11.0 / 1000.0;
            CHECK(fabs(lib - runs[i].width) < 1e-6, "run \"%s\" (%s): tx %.4f libharu %.4f",
                  runs[i].text, tx_font_role(runs[i].font), runs[i].width, lib);
        }
        tx_runs_free(runs, n);
    }
    HPDF_Free(pdf);
}

/* ---------------------------------------------------------------- runs */

static void test_runs_arabic(void)
{
    const char *text = "عدد العاملين في Kenya هو 3,647";
    tx_style ar = style(10, 0, "ar", 1);
    tx_run *runs;
    size_t n = tx_runs(fs, text, &ar, &runs);
    ut_buf all = {0};
    ut_buf_add(&all, "", 0);
    int latin_run = -1;
    double sum = 0;
    for (size_t i = 0; i < n; i++) {
        ut_buf_puts(&all, runs[i].text);
        sum += runs[i].width;
        if (strstr(runs[i].text, "Kenya")) {
            latin_run = (int)i;
            CHECK(runs[i].font == TX_FONT_LATIN, "Kenya in %s", tx_font_role(runs[i].font));
        }
    }
    CHECK(n >= 3, "%zu runs", n);
    CHECK(latin_run > 0 && (size_t)latin_run < n - 1, "Latin run inside: %d of %zu", latin_run, n);
    /* Visual order, left to right: the number (logically last) first and
     * still left-to-right, then هو, then Kenya, then the rest. */
    const char *num = strstr(all.data, "3,647");
    const char *kenya = strstr(all.data, "Kenya");
    CHECK(num == all.data, "visual string starts with the number: %s", all.data);
    CHECK(num && kenya && num < kenya, "number left of Kenya: %s", all.data);
    CHECK(n && runs[n - 1].font == TX_FONT_ARABIC, "rightmost run Arabic");
    CHECK(fabs(sum - tx_width(fs, text, &ar)) < 1e-9, "runs add up");
    /* Every Arabic letter has been shaped to a presentation form. */
    const char *p = all.data;
    int shaped = 0, unshaped = 0;
    while (*p) {
        uint32_t c = ut_utf8_next(&p);
        if (c >= 0xFE70 && c <= 0xFEFC) shaped++;
        if (c >= 0x621 && c <= 0x64A) unshaped++;
    }
    CHECK(shaped >= 14 && unshaped == 0, "%d shaped, %d unshaped", shaped, unshaped);
    ut_buf_free(&all);
    tx_runs_free(runs, n);

    /* Bold Arabic takes the bold fonts. */
    tx_style arb = style(10, 1, "ar", 1);
    n = tx_runs(fs, text, &arb, &runs);
    for (size_t i = 0; i < n; i++)
        CHECK(runs[i].font == TX_FONT_ARABIC_BOLD || runs[i].font == TX_FONT_LATIN_BOLD,
              "bold run in %s", tx_font_role(runs[i].font));
    tx_runs_free(runs, n);
}

static void test_runs_chinese(void)
{
    tx_style zh = style(10, 0, "zh", 0);
    tx_run *runs;
    size_t n = tx_runs(fs, "肯尼亚 Kenya 共有 3,647 名", &zh, &runs);
    CHECK(n == 1 && runs[0].font == TX_FONT_CJK, "zh: one CJK run, got %zu", n);
    tx_runs_free(runs, n);

    /* Bold Chinese (titles, headline figures) has its own font. */
    tx_style zhb = style(10, 1, "zh", 0);
    n = tx_runs(fs, "肯尼亚 3,647", &zhb, &runs);
    CHECK(n == 1 && runs[0].font == TX_FONT_CJK_BOLD, "zh bold: one bold CJK run, got %zu (%s)", n,
          n ? tx_font_role(runs[0].font) : "-");
    tx_runs_free(runs, n);
    CHECK(tx_width(fs, "肯尼亚", &zhb) > 0, "zh bold: measured");

    n = tx_runs(fs, "Kenya (肯尼亚), 3,647", &REGULAR, &runs);
    CHECK(n == 3 && runs[0].font == TX_FONT_LATIN && runs[1].font == TX_FONT_CJK
              && runs[2].font == TX_FONT_LATIN,
          "en with Han: %zu runs", n);
    tx_runs_free(runs, n);
}

/* Cyrillic-script languages take the Cyrillic font for their Latin letters
 * and digits too (one run); other languages take it for Cyrillic only. */
static void test_runs_cyrillic(void)
{
    tx_style ru = style(10, 0, "ru", 0);
    tx_run *runs;
    size_t n = tx_runs(fs, "Кения (Kenya): 3 647 чел.", &ru, &runs);
    CHECK(n == 1 && runs[0].font == TX_FONT_CYRILLIC, "ru: one Cyrillic run, got %zu", n);
    tx_runs_free(runs, n);

    tx_style rub = style(10, 1, "ru", 0);
    n = tx_runs(fs, "Всего", &rub, &runs);
    CHECK(n == 1 && runs[0].font == TX_FONT_CYRILLIC_BOLD, "ru bold: %zu runs", n);
    tx_runs_free(runs, n);

    n = tx_runs(fs, "Kenya (Кения)", &REGULAR, &runs);
    CHECK(n == 3 && runs[0].font == TX_FONT_LATIN && runs[1].font == TX_FONT_CYRILLIC
              && runs[2].font == TX_FONT_LATIN,
          "en with Cyrillic: %zu runs", n);
    tx_runs_free(runs, n);
    /* the script decides, not the language code: Latin text in a
     * Cyrillic-script language takes the Cyrillic font */
    tx_style kk = { 10, 0, 0, 0, 0, "kk", 0, TX_SCRIPT_CYRILLIC };
    n = tx_runs(fs, "Kenya", &kk, &runs);
    CHECK(n == 1 && runs[0].font == TX_FONT_CYRILLIC, "kk (Cyrillic script): %zu runs", n);
    tx_runs_free(runs, n);
}

static int contains_cp(const char *s, uint32_t cp)
{
    while (*s)
        if (ut_utf8_next(&s) == cp) return 1;
    return 0;
}

static void test_lam_alef(void)
{
    char *v = tx_visual("السلام عليكم، لا", 1);
    CHECK(contains_cp(v, 0xFEFC), "final lam-alef ligature in %s", v);
    CHECK(contains_cp(v, 0xFEFB), "isolated lam-alef ligature in %s", v);
    CHECK(!contains_cp(v, 0xFEFF), "U+FEFF filler left in %s", v);
    CHECK(!contains_cp(v, 0x644) && !contains_cp(v, 0x627), "unshaped lam/alef in %s", v);
    free(v);

    /* Left-to-right text is left alone, apart from invisible characters. */
    v = tx_visual("Kenya\xe2\x80\x8b 12\xc2\xa0%", 0);
    CHECK(strcmp(v, "Kenya 12\xc2\xa0%") == 0, "LTR visual: %s", v);
    free(v);

    /* An Arabic name inside left-to-right text is reordered and shaped. */
    v = tx_visual("Egypt (مصر) 2023", 0);
    CHECK(strncmp(v, "Egypt (", 7) == 0 && strstr(v, ") 2023") && contains_cp(v, 0xFEE3),
          "Arabic in LTR: %s", v);
    free(v);
}

/* ------------------------------------------------------------ wrapping */

static int starts_with_closer(const char *line)
{
    static const char *const closers[] = { "，", "。", "、", "）", "」", "%", ",", "." };
    for (size_t i = 0; i < sizeof closers / sizeof *closers; i++)
        if (strncmp(line, closers[i], strlen(closers[i])) == 0) return 1;
    return 0;
}

static int is_han_start(const char *s)
{
    const char *p = s;
    uint32_t c = *p ? ut_utf8_next(&p) : 0;
    return c >= 0x4E00 && c <= 0x9FFF;
}

static int is_han_end(const char *s)
{
    size_t n = strlen(s);
    if (n < 3) return 0;
    const char *p = s + n - 3;
    uint32_t c = ut_utf8_next(&p);
    return c >= 0x4E00 && c <= 0x9FFF;
}

/* Checks the lines of text wrapped at width: joined with `sep` they give
 * the text back, every line fits, no line starts with closing punctuation,
 * and each of the `keep` strings lies whole in one line. Returns the
 * number of lines. */
static size_t check_wrap(const char *text, const tx_style *st, double width, const char *sep,
                         const char *const *keep, size_t nkeep, int *han_break)
{
    char **lines;
    size_t n = tx_wrap(fs, text, st, width, &lines);
    CHECK(lines[n] == NULL, "NULL-terminated");
    ut_buf joined = {0};
    ut_buf_add(&joined, "", 0);
    for (size_t i = 0; i < n; i++) {
        size_t jl = joined.len;
        if (i && !(jl && joined.data[jl - 1] == '-')) ut_buf_puts(&joined, sep);
        ut_buf_puts(&joined, lines[i]);
        double w = tx_width(fs, lines[i], st);
        CHECK(w <= width + 1e-6, "width %.1f: line \"%s\" is %.2f wide", width, lines[i], w);
        CHECK(i == 0 || !starts_with_closer(lines[i]), "width %.1f: line starts with \"%s\"",
              width, lines[i]);
        if (i && han_break && is_han_end(lines[i - 1]) && is_han_start(lines[i])) *han_break = 1;
    }
    CHECK(strcmp(joined.data, text) == 0, "width %.1f: lines join to \"%s\"", width,
          joined.data);
    for (size_t k = 0; k < nkeep; k++) {
        int whole = 0;
        for (size_t i = 0; i < n; i++)
            if (strstr(lines[i], keep[k])) whole = 1;
        CHECK(whole, "width %.1f: \"%s\" was split", width, keep[k]);
    }
    ut_buf_free(&joined);
    ut_strv_free(lines);
    return n;
}

static void test_wrap_chinese(void)
{
    const char *text = "全球社会服务人员总数为12,345.6人，其中女性比例为45,3 %，"
                       "较上年（2022年）增长。";
    static const char *const keep[] = { "12,345.6", "45,3 %", "（2022" };
    tx_style zh = style(10, 0, "zh", 0);
    double widest = 0;
    for (size_t k = 0; k < 3; k++) {
        double w = tx_width(fs, keep[k], &zh);
        if (w > widest) widest = w;
    }
    int han_break = 0;
    size_t most = 0;
    for (double w = widest + 10; w < 400; w += 3.5) {
        size_t n = check_wrap(text, &zh, w, "", keep, 3, &han_break);
        if (n > most) most = n;
    }
    CHECK(most >= 4, "narrow widths give several lines (%zu)", most);
    CHECK(han_break, "some line breaks between two ideographs");
    char **lines;
    CHECK(tx_wrap(fs, text, &zh, 1000, &lines) == 1, "one line when wide");
    ut_strv_free(lines);
}

static void test_wrap_french(void)
{
    /* U+202F inside the number and before the percent sign. */
    const char *text = "En 2023, le Kenya comptait 12\xe2\x80\xaf" "345,6 travailleurs "
                       "sociaux, soit 45,3\xe2\x80\xaf%, en Bosnie-Herzégovine aussi.";
    static const char *const keep[] = { "12\xe2\x80\xaf" "345,6", "45,3\xe2\x80\xaf%" };
    tx_style fr = style(10, 0, "fr", 0);
    double widest = tx_width(fs, "Bosnie-Herzégovine", &fr);
    for (double w = widest + 1; w < 500; w += 2.5) {
        char **lines;
        size_t n = tx_wrap(fs, text, &fr, w, &lines);
        /* Breaks only at spaces or after a hyphen. */
        for (size_t i = 0; i + 1 < n; i++) {
            size_t len = strlen(lines[i]);
            CHECK(len && lines[i][len - 1] != ' ' && lines[i + 1][0] != ' ',
                  "spaces kept at a break: \"%s\"", lines[i]);
        }
        ut_strv_free(lines);
        check_wrap(text, &fr, w, " ", keep, 2, NULL);
    }
    /* Narrow: the hyphenated country name breaks after a hyphen. */
    char **lines;
    tx_wrap(fs, "Bosnie-Herzégovine", &fr, tx_width(fs, "Bosnie-Herzé", &fr), &lines);
    CHECK(lines[0] && lines[1] && strcmp(lines[0], "Bosnie-") == 0
              && strcmp(lines[1], "Herzégovine") == 0,
          "hyphen break: \"%s\" / \"%s\"", lines[0], lines[0] ? lines[1] : "");
    ut_strv_free(lines);
    /* Too narrow for one word: hard break, every character kept. */
    size_t n = tx_wrap(fs, "Grenadines", &fr, tx_width(fs, "Gren", &fr), &lines);
    CHECK(n == 3 && strcmp(lines[0], "Gren") == 0, "hard break into %zu lines", n);
    ut_strv_free(lines);
    /* Hard newlines and empty text. */
    n = tx_wrap(fs, "a\n\nb", &fr, 100, &lines);
    CHECK(n == 3 && strcmp(lines[1], "") == 0, "newlines: %zu lines", n);
    ut_strv_free(lines);
    n = tx_wrap(fs, "", &fr, 100, &lines);
    CHECK(n == 0 && lines[0] == NULL, "empty text: %zu lines", n);
    ut_strv_free(lines);
}

static void test_wrap_arabic(void)
{
    const char *text = "عدد العاملين في Kenya هو 3,647 في عام 2023";
    tx_style ar = style(10, 0, "ar", 1);
    static const char *const keep[] = { "3,647", "Kenya" };
    for (double w = 60; w < 300; w += 7) check_wrap(text, &ar, w, " ", keep, 2, NULL);
}

/* ------------------------------------------------------------- fitting */

static void test_fit(pf_doc *doc)
{
    tx_style title = style(16, 1, "fr", 0);
    static const char *const names[] = {
        "Saint-Vincent-et-les-Grenadines", "Bosnie-Herzégovine",
        "Sint Maarten (partie néerlandaise)",
    };
    for (size_t i = 0; i < 3; i++) {
        double size = 0;
        int n = tx_fit(pf_doc_fontset(doc), names[i], 0, 0, 110, 40, TX_LEFT, &title, 8, 2, NULL, NULL, &size);
        CHECK(n >= 1 && n <= 2, "%s: %d lines", names[i], n);
        CHECK(size >= 8 && size <= 16, "%s: size %.1f", names[i], size);
        CHECK(n * TX_LINE_HEIGHT * size <= 40 + 1e-9, "%s: height", names[i]);
        /* On one line, each must shrink. */
        int n1 = tx_fit(pf_doc_fontset(doc), names[i], 0, 0, 110, 40, TX_LEFT, &title, 6, 1, NULL, NULL, &size);
        CHECK(n1 == 1 && size >= 6 && size < 16, "%s on one line: %d, size %.1f", names[i], n1,
              size);
        CHECK(tx_width(pf_doc_fontset(doc), names[i], &(tx_style){ size, 1, 0, 0, 0, "fr", 0, TX_SCRIPT_LATIN })
                  <= 110, "%s: one line fits", names[i]);
    }
    double size = 0;
    CHECK(tx_fit(pf_doc_fontset(doc), names[0], 0, 0, 110, 40, TX_LEFT, &title, 8, 2, NULL, NULL, &size) == 2
              && size < 16, "Saint-Vincent shrinks on two lines (%.1f)", size);
    CHECK(tx_fit(pf_doc_fontset(doc), "Kenya", 0, 0, 200, 40, TX_LEFT, &title, 8, 1, NULL, NULL, &size) == 1
              && size == 16, "short name keeps its size (%.1f)", size);
    CHECK(tx_fit(pf_doc_fontset(doc), names[0], 0, 0, 20, 5, TX_LEFT, &title, 8, 2, NULL, NULL, &size) == -1,
          "cannot fit a tiny box");
}

/* ------------------------------------------------------ uncovered text */

static void test_uncovered(void)
{
    size_t before = dg.nwarnings;
    double w = tx_width(fs, "Thai ก, emoji 😀 here", &REGULAR);
    double without = tx_width(fs, "Thai , emoji  here", &REGULAR);
    CHECK(near(w, without), "left-out code points count zero (%.3f vs %.3f)", w, without);
    CHECK(dg.nwarnings == before + 2, "%zu warnings", dg.nwarnings - before);
    CHECK(dg_has("no font has U+0E01") && dg_has("\"Thai ก, emoji 😀 here\""),
          "Thai reported with its text");
    CHECK(dg_has("U+1F600 is outside the Basic Multilingual Plane"), "emoji reported");
    tx_width(fs, "ก again 😀", &REGULAR);
    CHECK(dg.nwarnings == before + 2, "reported once per code point");
    tx_run *runs;
    size_t n = tx_runs(fs, "ก", &REGULAR, &runs);
    CHECK(n == 0, "nothing to draw");
    tx_runs_free(runs, n);

    /* Invalid UTF-8 becomes U+FFFD, reported. */
    before = dg.nwarnings;
    n = tx_runs(fs, "a\xff" "b", &REGULAR, &runs);
    CHECK(n == 1 && strcmp(runs[0].text, "a\xef\xbf\xbd" "b") == 0, "U+FFFD drawn");
    CHECK(dg.nwarnings == before + 1 && dg_has("invalid UTF-8 at byte 1"), "bad UTF-8 reported");
    tx_runs_free(runs, n);
}

/* ------------------------------------------------------------ the PDF */

static void pdf_error(HPDF_STATUS e, HPDF_STATUS detail, void *user)
{
    (void)user;
    failures++;
    printf("test_text.c: libharu error 0x%04X detail %u\n", (unsigned)e, (unsigned)detail);
}

/* Output of a shell command (owned), or NULL. */
static char *run_command(const char *cmd)
{
    FILE *p = popen(cmd, "r");
    if (!p) return NULL;
    ut_buf b = {0};
    ut_buf_add(&b, "", 0);
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, p)) > 0) ut_buf_add(&b, chunk, n);
    int st = pclose(p);
    if (st != 0) printf("test_text.c: `%s` exited with %d\n", cmd, st);
    return b.data;
}

static const char *const PDF_LINES[] = {
    "State of the Social Service Workforce 2023",
    "Côte d’Ivoire, São Tomé-et-Príncipe, Bosnie-Herzégovine",
    "Ёё: Съешь же ещё этих мягких французских булок",
    "Άέή: Ελλάδα, Κύπρος",
    "عدد العاملين في Kenya هو 3,647",
    "社会服务人员队伍状况：肯尼亚共有12,345名社会工作者。",
};

/* A tx_fit line sink that draws each line straight into a page. */
typedef struct draw_ctx { pf_doc *doc; HPDF_Page page; } draw_ctx;
static void draw_line(void *c, const char *utf8, double x, double baseline, int align, double width,
                      const tx_style *st)
{
    (void)width;
    const draw_ctx *d = c;
    pf_draw(d->doc, d->page, utf8, x, baseline, align, st);
}

static void test_pdf(void)
{
    char dir[] = "/tmp/test_text.XXXXXX";
    CHECK(mkdtemp(dir) != NULL, "temporary directory");
    const char *keep = getenv("TX_KEEP_PDF");
    char *path = keep && *keep ? ut_xstrdup(keep) : ut_xasprintf("%s/text.pdf", dir);

    HPDF_Doc pdf = HPDF_New(pdf_error, NULL);
    HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
    pf_doc *doc = pf_doc_new(fs, pdf);
    HPDF_Page page = HPDF_AddPage(pdf);
    HPDF_Page_SetWidth(page, 420);
    HPDF_Page_SetHeight(page, 330);
    double y = 300;
    for (size_t i = 0; i < sizeof PDF_LINES / sizeof *PDF_LINES; i++, y -= 26) {
        int rtl = i == 4;
        tx_style st = style(13, i == 0, rtl ? "ar" : i == 5 ? "zh" : "en", rtl);
        st.b = i == 0 ? 0.5f : 0;
        pf_draw(doc, page, PDF_LINES[i], rtl ? 400 : 20, y, TX_START, &st);
    }
    /* A box: a long name fitted, and a bold Arabic and Chinese line. */
    tx_style box = style(16, 1, "fr", 0);
    HPDF_Page_SetRGBStroke(page, 0.8f, 0.8f, 0.8f);
    HPDF_Page_Rectangle(page, 20, y - 40 + 16, 110, 40);
    HPDF_Page_Stroke(page);
    double size;
    draw_ctx dc = { doc, page };
    int n = tx_fit(pf_doc_fontset(doc), "Saint-Vincent-et-les-Grenadines", 20, y + 16, 110, 40, TX_CENTER,
                   &box, 8, 2, draw_line, &dc, &size);
    CHECK(n == 2, "fitted in %d lines at %.1f", n, size);
    tx_style arb = style(13, 1, "ar", 1);
    pf_draw(doc, page, "السلام عليكم في لبنان 2023", 400, y, TX_START, &arb);
    tx_style zhb = style(13, 1, "zh", 0);
    pf_draw(doc, page, "（中国）", 400, y - 22, TX_RIGHT, &zhb);
    tx_style rub = style(13, 1, "ru", 0);
    pf_draw(doc, page, "Кения (Kenya)", 160, y - 22, TX_START, &rub);
    CHECK(pf_doc_ok(doc), "document ok");
    char ferr[256] = "";
    CHECK(pf_finish(doc, ferr, sizeof ferr) == 0, "fonts embedded: %s", ferr);
    CHECK(HPDF_SaveToFile(pdf, path) == HPDF_OK, "saved %s", path);
    pf_doc_free(doc);
    HPDF_Free(pdf);

    /* pdftotext: every line comes back. Arabic presentation forms are
     * mapped back to letters by NFKC and poppler's embedding marks dropped;
     * poppler gives Arabic words in logical order but the runs of a mixed
     * line in visual order, so the Arabic line is checked piece by piece. */
    char *cmd = ut_xasprintf(
        "pdftotext -enc UTF-8 '%s' - 2>/dev/null | /usr/bin/python3 -c 'import sys,unicodedata; "
        "sys.stdout.write(\"\".join(unicodedata.normalize(\"NFKC\", c) "
        "if 0xFB50 <= ord(c) <= 0xFEFE else \"\" if 0x202A <= ord(c) <= 0x202E else c "
        "for c in sys.stdin.read()))'", path);
    char *text = run_command(cmd);
    free(cmd);
    CHECK(text && *text, "pdftotext output");
    for (size_t i = 0; text && i < sizeof PDF_LINES / sizeof *PDF_LINES; i++) {
        if (i == 4) continue;
        CHECK(strstr(text, PDF_LINES[i]) != NULL, "pdftotext lacks \"%s\" in:\n%s", PDF_LINES[i],
              text);
    }
    const char *num = text ? strstr(text, "3,647") : NULL;
    const char *eol = num ? strchr(num, '\n') : NULL;
    const char *kenya = num ? strstr(num, "Kenya") : NULL;
    const char *words = kenya ? strstr(kenya, "عدد العاملين في") : NULL;
    const char *huwa = num ? strstr(num, "هو") : NULL;
    CHECK(num && eol && kenya && words && huwa && huwa < kenya && words < eol,
          "Arabic line in visual run order \"3,647 هو Kenya عدد العاملين في\" in:\n%s", text);
    free(text);

    /* pdffonts: every font, each embedded and subset (two of them are
     * subsets of Noto Sans: their names must differ for libharu). */
    cmd = ut_xasprintf("pdffonts '%s' 2>/dev/null", path);
    text = run_command(cmd);
    free(cmd);
    int fonts = 0, ok = 0;
    for (char *line = text ? strtok(text, "\n") : NULL; line; line = strtok(NULL, "\n")) {
        if (strncmp(line, "name", 4) == 0 || strncmp(line, "----", 4) == 0) continue;
        fonts++;
        if (strstr(line, "CID TrueType") && strstr(line, " yes yes ")) ok++;
    }
    int files = 0;   /* the Debian fixture gives two roles the same file */
    for (int i = 0; i < TX_NFONTS; i++) {
        int seen = 0;
        for (int j = 0; j < i; j++)
            seen |= !strcmp(tx_fontset_file(fs, (tx_font)i), tx_fontset_file(fs, (tx_font)j));
        files += !seen;
    }
    CHECK(fonts == files && ok == fonts, "%d fonts (%d files), %d embedded and subset", fonts,
          files, ok);
    free(text);

    if (!(keep && *keep)) unlink(path);
    rmdir(dir);
    free(path);
}

/* With an error handler that longjmps (as the PDF writer may use), a
 * failing libharu call inside pf_draw leaks nothing once the pf_doc is
 * freed (LeakSanitizer checks). tx_fit draws nothing: it hands lines to
 * its caller. */
static jmp_buf jump;

static void pdf_jump(HPDF_STATUS e, HPDF_STATUS detail, void *user)
{
    (void)e;
    (void)detail;
    (void)user;
    longjmp(jump, 1);
}

static void test_longjmp(void)
{
    size_t errors = dg.nerrors;
    for (volatile int which = 0; which < 2; which++) {
        HPDF_Doc pdf = HPDF_New(pdf_jump, NULL);
        pf_doc *volatile doc = pf_doc_new(fs, pdf);
        HPDF_Page page = HPDF_AddPage(pdf);
        volatile int jumped = 0;
        if (setjmp(jump) == 0) {
            pf_draw(doc, page, "Kenya", 10, 10, TX_LEFT, &REGULAR);   /* loads the font */
            HPDF_Page_MoveTo(page, 0, 0);      /* inside a path: text is refused */
            if (which == 0)
                pf_draw(doc, page, "Côte d’Ivoire 社会", 10, 10, TX_LEFT, &REGULAR);
            else
                pf_draw(doc, page, "مصر 2024", 10, 10, TX_LEFT, &(tx_style){ 9, 0, 0, 0, 0, "ar", 1, TX_SCRIPT_ARABIC });
        } else {
            jumped = 1;
        }
        CHECK(jumped, "libharu refused text inside a path (%d)", which);
        pf_doc_free(doc);
        HPDF_Free(pdf);
    }
    CHECK(dg.nerrors == errors, "no diagnostics after a longjmp");
}

/* Fonts are embedded into a PDF only when used. */
static void test_lazy_loading(void)
{
    HPDF_Doc pdf = HPDF_New(pdf_error, NULL);
    HPDF_UseUTFEncodings(pdf);          /* the caller may have done it */
    pf_doc *doc = pf_doc_new(fs, pdf);
    HPDF_Page page = HPDF_AddPage(pdf);
    tx_fit(fs, "Bosnie-Herzégovine", 0, 0, 50, 50, TX_LEFT, &REGULAR, 6, 3, NULL, NULL, NULL);
    pf_draw(doc, page, "Kenya", 10, 10, TX_LEFT, &REGULAR);
    CHECK(pf_doc_ok(doc), "document ok");
    char ferr[256] = "";
    CHECK(pf_finish(doc, ferr, sizeof ferr) == 0, "fonts embedded: %s", ferr);
    char *path = ut_xasprintf("/tmp/test_text_lazy.%ld.pdf", (long)getpid());
    HPDF_SaveToFile(pdf, path);
    char *cmd = ut_xasprintf("pdffonts '%s' 2>/dev/null | tail -n +3 | wc -l", path);
    char *out = run_command(cmd);
    CHECK(out && atoi(out) == 1, "one font embedded, pdffonts lists %s", out ? out : "?");
    free(out);
    free(cmd);
    unlink(path);
    free(path);
    pf_doc_free(doc);
    HPDF_Free(pdf);
}

int main(void)
{
    test_open_errors();
    const char *dir = font_dir();
    fs = tx_fontset_open(dir, &dg);
    if (!fs) {
        dg_print(&dg, stdout);
        printf("test_text.c: cannot open the fonts in %s\n", dir);
        return 1;
    }
    size_t open_errors = dg.nerrors;
    test_widths();
    test_widths_match_libharu();
    test_runs_arabic();
    test_runs_chinese();
    test_runs_cyrillic();
    test_lam_alef();
    test_wrap_chinese();
    test_wrap_french();
    test_wrap_arabic();
    HPDF_Doc pdf = HPDF_New(pdf_error, NULL);
    pf_doc *doc = pf_doc_new(fs, pdf);
    test_fit(doc);
    pf_doc_free(doc);
    HPDF_Free(pdf);
    test_uncovered();
    test_pdf();
    test_lazy_loading();
    test_longjmp();
    CHECK(dg.nerrors == open_errors, "no errors reported");
    if (failures) dg_print(&dg, stdout);
    tx_fontset_close(fs);
    dg_free(&dg);
    if (failures) printf("test_text.c: %d checks failed (fonts: %s)\n", failures, dir);
    return failures ? 1 : 0;
}
