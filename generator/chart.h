/* chart.h — the charts of a country profile (trend, bars, donut, group
 * comparison), each built from a plain input struct into an sc_scene for
 * a box of w × h points. Owns only geometry and placement:
 * labels arrive already localized, values already formatted (or formatted
 * by the caller's callback), colours and sizes come from a ch_theme; the
 * module knows nothing of datasets, indicators or languages. Prefix: ch_.
 *
 * Guarantees, for any input (empty, one point, all NAN, zero, negative,
 * 1e9, 60 categories): every path point and every text item (measured with
 * the theme's width callback and SC_ASCENT/SC_DESCENT) lies inside the box;
 * tick labels never overlap; a missing value (NAN) is never drawn as 0.
 * A chart with nothing to show draws its no-data label. Every label, legend
 * and axis label follows fit.h's rule: it shrinks down to size_min, and one
 * that still does not fit puts the scene in error SC_UNFIT with its text
 * (sc_unfit_text), as does a box too small for the plot (text NULL):
 * nothing is shortened with "…" or left out.
 * Values beyond ±CH_VALUE_LIMIT are clamped to it. A chart title is not
 * drawn: the layout draws block titles. Labels inside a plot are placed
 * before the gridlines, which stop short of them; every builder then runs
 * ch_collisions on its scene, and a text that collides is SC_UNFIT too. */
#ifndef SSWR_CHART_H
#define SSWR_CHART_H

#include <stddef.h>

#include "scene.h"

#define CH_PALETTE 6            /* series colours in a theme */
#define CH_VALUE_LIMIT 1e15     /* far above any count; keeps axis arithmetic finite */
#define CH_MAX_YEARS 200        /* x range of ch_trend, year1 - year0 + 1 */
#define CH_NONE ((size_t)-1)    /* "no such index" (ch_compare_in.self) */

/* Formats an axis value into buf (n bytes) and returns the text to draw
 * (buf, or a constant string). */
typedef const char *(*ch_fmt_fn)(void *ctx, double v, char *buf, size_t n);
/* A locale-free formatter: shortest of %.0f..%.2f, "." point, no grouping. */
const char *ch_fmt_plain(void *ctx, double v, char *buf, size_t n);

typedef struct ch_theme {
    sc_color palette[CH_PALETTE]; /* series, bars, slices in order; [0] the observed series */
    sc_color text;                /* labels and values */
    sc_color text_muted;          /* tick labels, "no data" */
    sc_color grid;                /* gridlines */
    sc_color axis;                /* zero line, bar baseline */
    sc_color highlight;           /* projection, highlighted bar, the profile's country */
    sc_color neutral;             /* other countries, an empty donut */
    sc_color background;          /* the page: slice separators, dot rims */
    double size_tick;             /* axis tick labels, pt */
    double size_label;            /* categories, legends, direct labels */
    double size_value;            /* values at bar ends */
    double size_center;           /* donut centre label */
    double size_min;              /* labels shrink down to this, then the chart fails (SC_UNFIT) */
    sc_width_fn text_width;       /* measures text as the renderer will draw it */
    void *text_ctx;
    int rtl;                      /* legends read right to left: entries from the right edge,
                                     each swatch on its label's right; the donut's ring beside
                                     its legend on the right (axes stay left to right) */
} ch_theme;

/* The default palette (0xRRGGBB), the one copy: the series colours of a
 * theme.tpl that sets no `palette` (layout.c) and of ch_theme_default. */
extern const unsigned ch_palette_default[CH_PALETTE];

/* The house theme (ch_palette_default, the colours of templates/theme.tpl:
 * primary blue, orange accent as highlight), 6.5–11 pt text; `width`/`ctx`
 * measure text. */
void ch_theme_default(ch_theme *th, sc_width_fn width, void *ctx);

/* Item tags set on the scene's items (sc_item.tag), for tests and tools. */
enum {
    CH_TAG_GRID = 1, CH_TAG_AXIS, CH_TAG_TICK_LABEL, CH_TAG_LEGEND, CH_TAG_NODATA,
    CH_TAG_OBSERVED, CH_TAG_DOTS, CH_TAG_TREND, CH_TAG_TARGET, CH_TAG_TARGET_LABEL,
    CH_TAG_BAR, CH_TAG_CATEGORY, CH_TAG_VALUE,
    CH_TAG_SLICE, CH_TAG_RING, CH_TAG_CENTER,
    CH_TAG_SELF, CH_TAG_SELF_LABEL, CH_TAG_MEDIAN, CH_TAG_MEDIAN_LABEL
};

/* The check every builder runs on what it built (a collision puts the
 * scene in error SC_UNFIT with the text concerned): no two text items
 * overlap, and no stroked line (gridline, axis, leader, median, target,
 * series) nor an observation dot crosses a text's box (sc_text_box,
 * measured with `width`). Bars may lie under a label; the donut's slices
 * and ring are left out (their labels sit in the hole). Returns the number
 * of collisions; *first (may be NULL) receives the text of the first. */
size_t ch_collisions(const sc_scene *sc, sc_width_fn width, void *ctx, const char **first);

/* ---- trend: a ratio over the years -------------------------------------
 * The value axis is scaled to the observations and the trend. A target up
 * to CH_TARGET_ROOM (2) times their top shares the axis (a dotted line, its
 * label above or below); a higher one would flatten the data into a line,
 * so it is shown off the scale: its label at the top edge of the plot with
 * an arrow pointing up, and no line. Year labels follow one rule: the first
 * and the last year always, between them every step-th year, the step the
 * smallest of 1, 2, 5, 10... years that keeps labels apart and at most 10
 * of them (the last interval is one to two steps). */
typedef struct ch_trend_in {
    int year0, year1;            /* x axis, inclusive (e.g. 2012, 2030) */
    const double *obs;           /* year1 - year0 + 1 values; NAN: no observation (a gap
                                    in the observed line) */
    const double *trend;         /* same indexing, NAN where not drawn; NULL: the chart
                                    draws ch_least_squares(obs) from the first observed
                                    year to year1. One line: a missing year between two
                                    values is bridged, never a gap. */
    double target;               /* NAN: none */
    const char *target_label;    /* e.g. "Target 30"; NULL: line (or arrow) only */
    const char *legend_obs;      /* legend entries; NULL: not listed */
    const char *legend_trend;
    const char *nodata_label;    /* shown when no year is observed */
    ch_fmt_fn fmt;               /* y tick labels; NULL: ch_fmt_plain */
    void *fmt_ctx;
    ch_fmt_fn year_fmt;          /* x tick labels; NULL: decimal digits */
    void *year_ctx;
} ch_trend_in;

/* Least-squares line through the finite v[i] at x = i: v ≈ a + b·i.
 * Returns 0, or -1 when fewer than two points are finite. */
int ch_least_squares(const double *v, size_t n, double *a, double *b);
sc_scene *ch_trend(const ch_trend_in *in, const ch_theme *th, double w, double h);

/* ---- bars: one horizontal bar per category ----------------------------- */
typedef struct ch_bar {
    const char *label;           /* category; wrapped to two lines or shrunk to fit (else SC_UNFIT) */
    double value;                /* NAN: no data (no bar, the no-data label);
                                    negative: drawn as 0 */
    const char *value_label;     /* formatted value at the bar end; NULL: none */
    int highlight;
} ch_bar;
typedef struct ch_bars_in {
    const ch_bar *bars;
    size_t n;
    double max;                  /* value at the full bar length; NAN: the largest value */
    const char *nodata_label;
} ch_bars_in;
sc_scene *ch_bars(const ch_bars_in *in, const ch_theme *th, double w, double h);

/* ---- donut: shares of a whole ------------------------------------------ */
typedef struct ch_slice {
    double value;                /* NAN or <= 0: no slice (still in the legend) */
    const char *label;           /* legend text, e.g. "Government 62%" */
} ch_slice;
typedef struct ch_donut_in {
    const ch_slice *slices;      /* coloured palette[i % CH_PALETTE] */
    size_t n;
    const char *center_label;    /* NULL: none */
    const char *nodata_label;    /* shown in a grey ring when the total is 0 */
} ch_donut_in;
sc_scene *ch_donut(const ch_donut_in *in, const ch_theme *th, double w, double h);

/* ---- compare: the country among its comparison group -------------------
 * Bars sorted by value; the country's label in the top margin with a
 * leader line down to its bar; the median's label beside its line where it
 * clears that label, the leader and (where a place allows) the bars. */
typedef struct ch_compare_in {
    const double *values;        /* one per country, any order; NAN: skipped */
    size_t n;
    size_t self;                 /* index of the profile's country, or CH_NONE */
    const char *self_label;      /* e.g. "Kenya 12.3" */
    double median;               /* NAN: no median line */
    const char *median_label;    /* e.g. "Median 8.1" */
    const char *nodata_label;
    ch_fmt_fn fmt;               /* y tick labels; NULL: ch_fmt_plain */
    void *fmt_ctx;
} ch_compare_in;
sc_scene *ch_compare(const ch_compare_in *in, const ch_theme *th, double w, double h);

#endif
