/* text.h — the text engine: the prepared fonts (manifest, coverage, widths,
 * loading into each PDF), splitting text into runs by font with fallback,
 * bidi reordering and Arabic shaping (FriBidi), measuring, line breaking,
 * fitting text into a box and drawing it with libharu. Prefix: tx_.
 *
 * Text is UTF-8. Widths come from the fonts' own advance widths, rounded as
 * libharu rounds them, so measuring needs only the font set (no PDF) and a
 * measured width is exactly the width drawn. A code point that no font has,
 * or that lies outside the Basic Multilingual Plane (libharu 2.3.0 cannot
 * draw those), is left out and reported once per font set as a warning in
 * its dg_list; it is never drawn as a silent blank. Invalid UTF-8 bytes are
 * replaced by U+FFFD and reported the same way. */
#ifndef SSWR_TEXT_H
#define SSWR_TEXT_H

#include <hpdf.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "fit.h"

/* The eight fonts of build/fonts/fonts.txt, by role. The CJK fonts have
 * their own Latin letters; bold Chinese uses cjk-bold (Noto Sans CJK SC
 * Bold: WenQuanYi Micro Hei has no bold). The Latin
 * font has no Cyrillic or Greek, so that the profiles of Latin-script
 * languages carry smaller fonts; languages written in Cyrillic
 * (TX_SCRIPT_CYRILLIC) use the Cyrillic font for Latin letters too. */
typedef enum {
    TX_FONT_LATIN,        /* latin-regular    (Latin) */
    TX_FONT_LATIN_BOLD,   /* latin-bold */
    TX_FONT_ARABIC,       /* arabic-regular   (with ASCII punctuation) */
    TX_FONT_ARABIC_BOLD,  /* arabic-bold */
    TX_FONT_CJK,          /* cjk              (GB 2312 + Latin) */
    TX_FONT_CYRILLIC,     /* cyrillic-regular (Latin, Cyrillic, Greek) */
    TX_FONT_CYRILLIC_BOLD,/* cyrillic-bold */
    TX_FONT_CJK_BOLD,     /* cjk-bold         (GB 2312 + Latin) */
    TX_NFONTS
} tx_font;

/* The script whose fonts set a language's text: its letters first, then
 * digits, punctuation and Latin letters in it (a language's conventions
 * file says which, conventions.h). */
typedef enum { TX_SCRIPT_LATIN, TX_SCRIPT_CYRILLIC, TX_SCRIPT_ARABIC, TX_SCRIPT_CJK } tx_script;

/* Horizontal alignment. TX_START/TX_END mean left/right in left-to-right
 * text and right/left in right-to-left text. */
enum { TX_LEFT, TX_CENTER, TX_RIGHT, TX_START, TX_END };

/* Line height of wrapped text, as a multiple of the font size. */
#define TX_LINE_HEIGHT 1.2
/* Where tx_fit puts the first baseline: this many font sizes below the
 * box's top, so ascenders and accents stay inside the first line's 1.2
 * and descenders end at its bottom. */
#define TX_FIRST_BASELINE 0.95
/* tx_fit shrinks the size by this many points per attempt (fit.h's rule). */
#define TX_FIT_STEP FIT_STEP

typedef struct tx_style {
    double size;       /* points */
    int bold;
    float r, g, b;     /* fill colour, 0..1 */
    const char *lang;  /* language code, carried for the writers (a tagged
                        * PDF's /Lang); fonts and direction do not look at it */
    int rtl;           /* right-to-left paragraph */
    tx_script script;  /* fonts tried first; in CJK, Latin letters and digits
                        * use the CJK font's own Latin, which keeps runs long */
} tx_style;

typedef struct tx_fontset tx_fontset;
typedef struct tx_doc tx_doc;

/* Reads FONT_DIR/fonts.txt (lines "role file source-path glyph-count",
 * '#' comments; a file name is relative to FONT_DIR unless absolute; a
 * glyph count of "-" is not checked) and opens every font with FreeType.
 * Returns NULL after adding errors to dg when the manifest or a font is
 * missing or unreadable (the message names `make fonts` and the Debian
 * package of the source font). Warnings (uncovered code points, ...) go to
 * the same dg, which must outlive the font set. Open it once per process:
 * coverage and width tables are built lazily and kept. */
tx_fontset *tx_fontset_open(const char *font_dir, dg_list *dg);
void tx_fontset_close(tx_fontset *fs);
/* The font file of a role (for cairo-ft in the PNG/SVG exports); owned by
 * the font set. */
const char *tx_fontset_file(const tx_fontset *fs, tx_font font);
/* The role name as in the manifest ("latin-regular", ...). */
const char *tx_font_role(tx_font font);

/* Width in points of the text as tx_draw draws it: after bidi reordering
 * and Arabic shaping, with per-run font fallback, left-out code points
 * counting zero. Assumes the page's character and word spacing are 0. */
double tx_width(tx_fontset *fs, const char *utf8, const tx_style *st);

/* One run of text in a single font, in visual order (left to right). */
typedef struct tx_run {
    tx_font font;
    char *text;      /* UTF-8, visual order, shaped (owned) */
    double width;    /* points */
} tx_run;
/* Splits the text into runs as tx_draw does; *runs_out is owned by the
 * caller (free with tx_runs_free). Returns the number of runs. */
size_t tx_runs(tx_fontset *fs, const char *utf8, const tx_style *st, tx_run **runs_out);
void tx_runs_free(tx_run *runs, size_t n);

/* Breaks the text into lines no wider than `width` (points): at spaces,
 * after a hyphen between letters, between CJK characters (never putting
 * closing punctuation such as ，。、）」 at a line start nor opening
 * punctuation at a line end), never inside a number (digits with . , % and
 * U+00A0/U+202F separators); a word wider than the line is broken between
 * characters as a last resort; "\n" forces a break. Lines are returned in
 * logical order (tx_draw reorders right-to-left lines), without the spaces
 * at the break. *lines_out is a NULL-terminated array owned by the caller
 * (free with ut_strv_free); returns the number of lines. */
size_t tx_wrap(tx_fontset *fs, const char *utf8, const tx_style *st, double width,
               char ***lines_out);

/* The shaped visual-order string tx_draw draws (without fonts): bidi
 * reordering with a right-to-left (rtl != 0) or left-to-right base
 * direction, Arabic joining to presentation forms and lam-alef ligatures,
 * with the U+FEFF fillers and other invisible format characters removed.
 * Owned by the caller. */
char *tx_visual(const char *utf8, int rtl);

/* One PDF document's use of a font set. tx_doc_new registers libharu's
 * UTF encodings in pdf (HPDF_UseUTFEncodings) unless they already are;
 * it does not change the current encoder. Each font is loaded into the PDF
 * (embedded, subset) at its first use only and then cached. The font set
 * must outlive the tx_doc; pdf must outlive it too. */
tx_doc *tx_doc_new(tx_fontset *fs, HPDF_Doc pdf);
void tx_doc_free(tx_doc *d);
tx_fontset *tx_doc_fontset(tx_doc *d);
/* 0 once a font failed to load into the PDF or a libharu call failed
 * (the reason is in the font set's dg); drawing is then a no-op. */
int tx_doc_ok(const tx_doc *d);

/* Draws one line. align: TX_LEFT (text starts at x), TX_CENTER (centred
 * on x), TX_RIGHT (ends at x), TX_START, TX_END. Runs are drawn left to
 * right inside one BeginText/EndText, with the page's graphics state saved
 * and restored (fill colour and font do not leak to the caller). */
void tx_draw(tx_doc *d, HPDF_Page page, const char *utf8, double x, double baseline_y,
             int align, const tx_style *st);

/* Where tx_fit puts each line: at (x, baseline) with a resolved alignment
 * (TX_LEFT, TX_CENTER or TX_RIGHT), `width` wide, in the style (and size)
 * chosen; page coordinates, y up. */
typedef void (*tx_line_fn)(void *ctx, const char *utf8, double x, double baseline, int align,
                           double width, const tx_style *st);

/* Fits the text in the box whose top-left corner is (x, y_top), w wide and
 * h high: wraps it at st->size and, while it takes more than max_lines
 * lines (max_lines <= 0: no limit) or more than h at TX_LINE_HEIGHT, or a
 * line is wider than w, tries TX_FIT_STEP points smaller, down to min_size
 * (fit_size, the one fitting rule of fit.h). Then hands each line to
 * `line` (when not NULL), aligned within the box, the first baseline
 * TX_FIRST_BASELINE × size below y_top. Nothing is drawn and no font is
 * loaded here. Returns the number of lines, or -1 when the text does not
 * fit even at min_size (then no line is handed over). *size_out (may be
 * NULL) receives the size used. */
int tx_fit(tx_fontset *fs, const char *utf8, double x, double y_top, double w, double h, int align,
           const tx_style *st, double min_size, int max_lines, tx_line_fn line, void *ctx,
           double *size_out);

#endif
