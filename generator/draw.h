/* draw.h — placing on an A4 page in the layouts' coordinates: points from
 * the page's top-left corner, y down, mirrored horizontally on a
 * right-to-left page. What is placed becomes items of the page tree
 * (pagetree.h), on its current page and under its current element;
 * nothing is drawn here. Shared by the profile (layout.c) and the report
 * (report.c), which keep their own error reporting. Prefix: dw_. */
#ifndef SSWR_DRAW_H
#define SSWR_DRAW_H

#include "conventions.h"
#include "pagetree.h"
#include "scene.h"
#include "text.h"

#define DW_PAGE_W 595.276   /* A4, points */
#define DW_PAGE_H 841.89

/* What every placing call needs: the tree it places into, the fonts that
 * measure, the language and its direction. */
typedef struct dw_pen {
    pt_doc *tree;
    tx_fontset *fs;
    const char *lang;
    int rtl;
    tx_script script;
    const nf_locale *nf;      /* the language's number symbols */
} dw_pen;

/* A pen for a language: its direction and script from its conventions
 * (conventions.h), the one place they are decided. */
dw_pen dw_pen_for(pt_doc *tree, tx_fontset *fs, const char *lang, const cv_conventions *cv);

/* A page y (from the bottom, as PDF counts) for a layout y. */
static inline double dw_top(double y) { return DW_PAGE_H - y; }
/* The left edge of a box of width w at x, mirrored on right-to-left pages. */
double dw_x(const dw_pen *p, double x, double w);
/* A number (nf_format) or a percentage (nf_percent) as the pen's language
 * writes it, into buf; on a right-to-left page it starts with a
 * left-to-right mark, so that it stays one run ("72%", not "%72"). "" for
 * NaN. Returns buf. */
const char *dw_num(const dw_pen *p, double v, int decimals, char *buf, size_t n);
const char *dw_pct(const dw_pen *p, double v, int decimals, char *buf, size_t n);
/* The same with a "+" before a positive percentage (a change). */
const char *dw_signed_pct(const dw_pen *p, double v, int decimals, char *buf, size_t n);

/* Left and right alignments swap on right-to-left pages. */
int dw_align(const dw_pen *p, int align);
/* The alignment (for dw_text) that puts figures flush right on the page in
 * both directions, so that their digits line up: Latin digits are written
 * left to right in Arabic text too. */
int dw_align_figures(const dw_pen *p);
tx_style dw_style(const dw_pen *p, double size, int bold, sc_color c);

void dw_rect(const dw_pen *p, double x, double y, double w, double h, sc_color c);
void dw_hline(const dw_pen *p, double x, double y, double w, double width, sc_color c);
/* Text wrapped and, if need be, shrunk down to min_size to fit the box;
 * placed when `place`, else only measured. Returns the height used, or -1
 * when it cannot fit (nothing is placed then). */
double dw_text(const dw_pen *p, int place, const char *s, double x, double y, double w, double h,
               double size, int bold, sc_color c, int align, int max_lines, double min_size);
/* Part of a text in another language than the page's: bytes [from, to). */
typedef struct dw_lang_span { size_t from, to; const char *lang; } dw_lang_span;
/* dw_text, the parts of s in spans[0..n) (in order, not overlapping) each
 * placed as its own item inside a PT_SPAN element with its /Lang, so that a
 * screen reader reads an English citation in a French note as English.
 * Left-to-right pages only: on a right-to-left page, where the line is
 * reordered as a whole, it is dw_text. */
double dw_text_langs(const dw_pen *p, int place, const char *s, const dw_lang_span *spans, size_t n,
                     double x, double y, double w, double h, double size, int bold, sc_color c, int align,
                     int max_lines, double min_size);
/* A chart scene (taken) in the box at (x, y) w wide: mirrored as a whole. */
void dw_scene(const dw_pen *p, sc_scene *sc, double x, double y, double w);

#endif
