/* chartfile.h — a chart as files that stand on their own, on a slide or a
 * web page: its scene framed by a title, a subtitle (the country, the
 * year) and its source, written as a PNG at CX_DPI (twice the profiles'
 * 150 dpi: a trend chart is about 1,470 px wide) and as an SVG with real
 * text, role="img", a <title> and a <desc> (the chart's alternative text,
 * the PDF's /Alt). The same inputs give the same bytes. Prefix: cx_. */
#ifndef SSWR_CHARTFILE_H
#define SSWR_CHARTFILE_H

#include "scene.h"

#define CX_DPI 300.0
/* A PNG larger than this many pixels at CX_DPI is made at the resolution
 * that keeps it to this size. */
#define CX_MAX_PIXELS 4.0e6

typedef struct cx_info {
    const char *title;        /* the chart's heading */
    const char *subtitle;     /* "Kenya, 2024" */
    const char *source;       /* "Source: …" (may be NULL) */
    const char *alt;          /* the alternative text: the SVG's <desc> */
    const char *lang;         /* "fr" */
    int rtl;                  /* texts aligned right, the SVG's direction */
    const char *font_family;  /* CSS list for the SVG (cx_font_family) */
    sc_color ink, muted;      /* title; subtitle and source */
} cx_info;

/* The CSS font family list, with fallbacks, for a script ("latin",
 * "cyrillic", "arabic", "cjk"; NULL: latin): the fonts the PDF embeds first. */
const char *cx_font_family(const char *script);

/* The framed scene (never NULL; in error when chart is); free with
 * sc_free. Texts wrap to the frame's width, measured by `width`. */
sc_scene *cx_frame(const sc_scene *chart, const cx_info *in, sc_width_fn width, void *ctx);

/* Writes the framed chart to png and svg (either may be NULL), its text
 * set with ft. Returns 0 or the error of sc_write_png / sc_write_svg. */
int cx_write(const sc_scene *chart, const cx_info *in, sc_ft *ft, const char *png, const char *svg);

#endif
