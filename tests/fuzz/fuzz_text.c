/* fuzz_text.c — the text engine (text.c): tx_visual, tx_width, tx_runs and
 * tx_wrap on arbitrary (and invalid) UTF-8, with random widths and sizes,
 * right-to-left on and off, lang en/ar/zh/fr, regular and bold. The font
 * set (build/fonts, or $SSWR_FUZZ_FONTS) is opened once.
 * Invariants: every string out is valid UTF-8; widths are finite and not
 * negative; the runs add up to tx_width; a wrapped line is no wider than
 * the width unless it is one character with its combining marks. */
#include <math.h>
#include <stdint.h>

#include "fuzz_util.h"
#include "text.h"
#include "util.h"

static tx_fontset *fs;
static dg_list fs_dg;   /* the font set's warnings; must outlive it */

static void close_fonts(void)
{
    tx_fontset_close(fs);
    dg_free(&fs_dg);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    const char *dir = getenv("SSWR_FUZZ_FONTS");
    fs = tx_fontset_open(dir && *dir ? dir : "build/fonts", &fs_dg);
    if (!fs) {
        dg_print(&fs_dg, stderr);
        fprintf(stderr, "fuzz_text: no font set (run make fonts, from the repository root)\n");
        exit(1);
    }
    atexit(close_fonts);
    return 0;
}

static void check_utf8(const char *s, const char *what)
{
    size_t n = strlen(s);
    FZ_CHECK(ut_utf8_check(s, n) == n, "%s is not valid UTF-8", what);
}

/* Same ranges as text.c's is_combining. */
static int combining(uint32_t c)
{
    return (c >= 0x300 && c <= 0x36F) || (c >= 0x483 && c <= 0x489)
        || (c >= 0x64B && c <= 0x65F) || c == 0x670 || (c >= 0x6D6 && c <= 0x6ED)
        || (c >= 0x1AB0 && c <= 0x1AFF) || (c >= 0x1DC0 && c <= 0x1DFF)
        || (c >= 0x20D0 && c <= 0x20FF) || (c >= 0xFE20 && c <= 0xFE2F);
}

/* One base character and its combining marks (the least a line holds). */
static int one_cluster(const char *s)
{
    const char *p = s;
    if (!*p) return 1;
    ut_utf8_next(&p);
    while (*p)
        if (!combining(ut_utf8_next(&p))) return 0;
    return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
    if (len < 3) return 0;
    static const char *const langs[] = { "en", "ar", "zh", "fr" };
    static const double widths[] = { 0, -10, 1, 5, 20, 60, 150, 400, 1e9, INFINITY, NAN, 1e-300 };
    static const double sizes[] = { 9, 7, 12, 24, 0.5, 72, 0, 1e-3, 300 };
    tx_style st = { .size = sizes[data[1] % (sizeof sizes / sizeof *sizes)],
                    .bold = data[0] >> 2 & 1, .lang = langs[data[0] >> 3 & 3],
                    .rtl = data[0] & 1, .r = 0, .g = 0, .b = 0,
                    .script = (tx_script)(data[0] >> 5 & 3) };
    double width = data[2] < 0xC0 ? data[2] * 2.5
                 : widths[data[2] % (sizeof widths / sizeof *widths)];
    char *text = fz_cstr(data + 3, len - 3);

    char *vis = tx_visual(text, st.rtl);
    check_utf8(vis, "tx_visual");
    free(vis);

    double w = tx_width(fs, text, &st);
    FZ_CHECK(isfinite(w) && w >= 0, "tx_width %g", w);

    tx_run *runs;
    size_t nr = tx_runs(fs, text, &st, &runs);
    double sum = 0;
    for (size_t i = 0; i < nr; i++) {
        check_utf8(runs[i].text, "a run");
        FZ_CHECK(runs[i].font >= 0 && runs[i].font < TX_NFONTS, "run font %d", (int)runs[i].font);
        FZ_CHECK(isfinite(runs[i].width) && runs[i].width >= 0, "run width %g", runs[i].width);
        sum += runs[i].width;
    }
    FZ_CHECK(fabs(sum - w) <= 1e-9 * (1 + w), "runs add up to %g, tx_width %g", sum, w);
    tx_runs_free(runs, nr);

    char **lines;
    size_t nl = tx_wrap(fs, text, &st, width, &lines);
    FZ_CHECK(lines && lines[nl] == NULL, "lines not NULL-terminated");
    for (size_t i = 0; i < nl; i++) {
        FZ_CHECK(lines[i] != NULL, "line %zu is NULL", i);
        check_utf8(lines[i], "a wrapped line");
        double lw = tx_width(fs, lines[i], &st);
        if (isfinite(width) && lw > width + 1e-6)
            FZ_CHECK(one_cluster(lines[i]), "line %zu is %g wide, more than %g: \"%s\"", i, lw,
                     width, lines[i]);
    }
    ut_strv_free(lines);
    free(text);
    return 0;
}
