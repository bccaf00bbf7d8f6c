/* chart.c — country-profile charts built as scenes (see chart.h). */
#include "chart.h"
#include "fit.h"
#include "util.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Layout, in points unless said otherwise. */
#define CH_PAD 1.0            /* inset from the box edge, so strokes stay inside */
#define CH_GAP 4.0            /* between a label and what it labels */
#define CH_LINE 1.2           /* line height / text size */
#define CH_MID 0.36           /* baseline below the line a text is centred on, × size
                                 (half the cap height) */
#define CH_TICK_ROOM 2.6      /* y ticks at least this many text sizes apart */
#define CH_MAX_TICKS 6        /* intervals on a value axis */
#define CH_TICKS_CAP 16       /* ticks a ch_ticks holds (> CH_MAX_TICKS + 1) */
#define CH_LABEL_MAX 64       /* bytes of a formatted tick label */
#define CH_DOT_R 2.3          /* observation dots */
#define CH_SWATCH 14.0        /* legend line swatch */
#define CH_LEGEND_SEP 12.0    /* between legend entries */
#define CH_BAR_MAX 12.0       /* thickest bar or column */
#define CH_BAR_FILL 0.62      /* bar thickness / row pitch */
#define CH_LABEL_SHARE 0.42   /* category column / box width, at most */
#define CH_BAR_SHARE 0.25     /* bar area / box width, at least */
#define CH_VALUE_SHARE 0.30   /* value-label column / box width, at most */
#define CH_HOLE 0.60          /* donut hole radius / outer radius */
#define CH_DONUT_SHARE 0.45   /* donut diameter / box width when the legend is beside it */
#define CH_PI 3.14159265358979323846
#define CH_CLEAR 1.5          /* gridlines stop this far from a label in the plot */
#define CH_KEEPOUT_MAX 32     /* labels inside a plot */
#define CH_TARGET_ROOM 2.0    /* a target up to this × the data's top shares their axis */
#define CH_MAX_YEAR_LABELS 10 /* labels on a year axis, at most */
#define CH_TOUCH 0.05         /* a line touching a text box's edge does not cross it */

typedef struct ch_ctx {
    sc_scene *sc;
    const ch_theme *th;
    double w, h;
    double ko[CH_KEEPOUT_MAX][4];   /* boxes of the labels inside the plot: gridlines stop there */
    int nko;
} ch_ctx;

/* ---- shared helpers ---------------------------------------------------- */

const unsigned ch_palette_default[CH_PALETTE] = { 0x1D4E89, 0x2A9D8F, 0xE07A2E, 0x8E6BB8, 0xE9C46A, 0x6C8EAD };

void ch_theme_default(ch_theme *th, sc_width_fn width, void *ctx)
{
    /* The colours of templates/theme.tpl, so charts match the page until
     * the layout passes the theme's own. */
    memset(th, 0, sizeof *th);
    for (int i = 0; i < CH_PALETTE; i++) th->palette[i] = sc_rgb(ch_palette_default[i]);
    th->text = sc_rgb(0x222B33);
    th->text_muted = sc_rgb(0x5F6B76);
    th->grid = sc_rgb(0xE1E6EB);
    th->axis = sc_rgb(0x8E99A4);
    th->highlight = sc_rgb(0xE07A2E);
    th->neutral = sc_rgb(0xB8C0C8);
    th->background = sc_rgb(0xFFFFFF);
    th->size_tick = 6.5;
    th->size_label = 7.5;
    th->size_value = 7;
    th->size_center = 11;
    th->size_min = 5;
    th->text_width = width;
    th->text_ctx = ctx;
    th->rtl = 0;
}

const char *ch_fmt_plain(void *ctx, double v, char *buf, size_t n)
{
    (void)ctx;
    if (v == 0) v = 0;   /* no "-0" */
    for (int d = 0; d <= 2; d++) {
        snprintf(buf, n, "%.*f", d, v);
        if (fabs(strtod(buf, NULL) - v) <= fabs(v) * 1e-9) break;
    }
    return buf;
}

int ch_least_squares(const double *v, size_t n, double *a, double *b)
{
    double sx = 0, sy = 0, sxx = 0, sxy = 0;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (!isfinite(v[i])) continue;
        double x = (double)i;
        sx += x; sy += v[i]; sxx += x * x; sxy += x * v[i];
        k++;
    }
    double d = k * sxx - sx * sx;
    if (k < 2 || d == 0) return -1;
    *b = (k * sxy - sx * sy) / d;
    *a = (sy - *b * sx) / k;
    return 0;
}

static double limit(double v)
{
    if (isnan(v)) return NAN;
    return fmax(-CH_VALUE_LIMIT, fmin(CH_VALUE_LIMIT, v));
}

static ch_ctx ctx_new(const ch_theme *th, double w, double h)
{
    ch_ctx c = { .sc = sc_new(w, h), .th = th, .w = w, .h = h };
    if (!th || !th->text_width) sc_set_error(c.sc, -1);
    return c;
}

/* A label inside the plot: gridlines drawn later stop CH_CLEAR short of it. */
static void keep_clear(ch_ctx *c, const double r[4])
{
    if (c->nko >= CH_KEEPOUT_MAX) return;
    double *k = c->ko[c->nko++];
    k[0] = r[0] - CH_CLEAR;
    k[1] = r[1] - CH_CLEAR;
    k[2] = r[2] + CH_CLEAR;
    k[3] = r[3] + CH_CLEAR;
}

/* The builder's last step: its own check (ch_collisions). A text that
 * collides puts the scene in error SC_UNFIT with that text, as one that
 * does not fit: nothing is drawn over a label. */
static sc_scene *finish(ch_ctx *c)
{
    const char *first = NULL;
    if (sc_status(c->sc) == 0 && ch_collisions(c->sc, c->th->text_width, c->th->text_ctx, &first) > 0)
        sc_set_unfit(c->sc, first);
    return c->sc;
}

static double tw(const ch_ctx *c, const char *s, double size, int bold)
{
    return c->th->text_width(c->th->text_ctx, s, size, bold);
}

static sc_style stroke(sc_color col, double width)
{
    return (sc_style){ .paint = SC_STROKE, .stroke = col, .line_width = width,
                       .cap = SC_CAP_BUTT, .join = SC_JOIN_ROUND };
}

static sc_style fill(sc_color col)
{
    return (sc_style){ .paint = SC_FILL, .fill = col, .line_width = 1 };
}

/* Copies at most n-1 bytes of s, cut at a character boundary. */
static void copy_label(char *dst, size_t n, const char *s)
{
    size_t len = strlen(s);
    if (len >= n) {
        len = n - 1;
        while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80) len--;
    }
    memcpy(dst, s, len);
    dst[len] = '\0';
}

/* ---- fitting labels (fit.h: shrink to size_min, else the scene is in
 * error SC_UNFIT with the text; nothing is shortened or left out) -------- */

typedef struct line_fit {
    const ch_ctx *c;
    const char *s;
    int bold;
    double maxw;
} line_fit;

static int line_fits(void *ctx, double size)
{
    const line_fit *f = ctx;
    return tw(f->c, f->s, size, f->bold) <= f->maxw + 1e-9;
}

/* The size, from `size` down to the theme's size_min, at which s fits one
 * line maxw wide; -1 (the scene in error) when none does. */
static double line_size(ch_ctx *c, const char *s, double size, int bold, double maxw)
{
    line_fit f = { c, s, bold, maxw };
    double got = fit_size(size, c->th->size_min, line_fits, &f);
    if (got < 0) sc_set_unfit(c->sc, s);
    return got;
}

/* Adds one line of text that fits (line_size): shifted to stay within the
 * box's edges; a text wider or taller than the box puts the scene in error. */
static void put_text(ch_ctx *c, const char *s, double x, double y, double size, int bold,
                     sc_align al, sc_color col, int tag)
{
    if (!s || !*s || size <= 0) return;
    double w = tw(c, s, size, bold);
    if (w > c->w + 1e-9 || size * (SC_ASCENT + SC_DESCENT) > c->h + 1e-9) {
        sc_set_unfit(c->sc, s);
        return;
    }
    double x0 = x - (al == SC_ALIGN_CENTER ? w / 2 : al == SC_ALIGN_RIGHT ? w : 0);
    if (x0 < 0) x -= x0;
    else if (x0 + w > c->w) x -= x0 + w - c->w;
    y = fmin(fmax(y, size * SC_ASCENT), c->h - size * SC_DESCENT);
    sc_text t = { (char *)s, x, y, size, bold, al, col };
    sc_add_text(c->sc, &t, tag);
}

/* A text fitted into maxw (and the box), then put. */
static void place_text(ch_ctx *c, const char *s, double maxw, double x, double y, double size, int bold,
                       sc_align al, sc_color col, int tag)
{
    if (!s || !*s) return;
    double got = line_size(c, s, size, bold, fmin(maxw, c->w));
    if (got > 0) put_text(c, s, x, y, got, bold, al, col, tag);
}

/* The box a text item would occupy (as sc_text_box). */
static void text_rect(const ch_ctx *c, const char *s, double x, double y, double size, int bold,
                      sc_align al, double r[4])
{
    sc_text t = { (char *)s, x, y, size, bold, al, { 0, 0, 0 } };
    sc_text_box(&t, c->th->text_width, c->th->text_ctx, r);
}

static int rects_overlap(const double a[4], const double b[4])
{
    return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
}

static int rect_inside(const double r[4], double x0, double y0, double x1, double y1)
{
    return r[0] >= x0 && r[1] >= y0 && r[2] <= x1 && r[3] <= y1;
}

/* Liang–Barsky: clips the segment to the rectangle; 0 when nothing is left. */
static int clip_seg(double *x0, double *y0, double *x1, double *y1, const double r[4])
{
    double dx = *x1 - *x0, dy = *y1 - *y0, t0 = 0, t1 = 1;
    double p[4] = { -dx, dx, -dy, dy };
    double q[4] = { *x0 - r[0], r[2] - *x0, *y0 - r[1], r[3] - *y0 };
    for (int i = 0; i < 4; i++) {
        if (p[i] == 0) {
            if (q[i] < 0) return 0;
            continue;
        }
        double t = q[i] / p[i];
        if (p[i] < 0) {
            if (t > t1) return 0;
            if (t > t0) t0 = t;
        } else {
            if (t < t0) return 0;
            if (t < t1) t1 = t;
        }
    }
    double ax = *x0 + t0 * dx, ay = *y0 + t0 * dy;
    *x1 = *x0 + t1 * dx;
    *y1 = *y0 + t1 * dy;
    *x0 = ax;
    *y0 = ay;
    return 1;
}

/* ---- the chart's own check ---------------------------------------------- */

/* Does the path cross the box? Strokes count by their centre lines (curves
 * sampled); a filled path by the bounding box of each of its sub-paths. */
static int path_crosses(const sc_item *it, const double box[4])
{
    const cairo_path_t *p = it->path;
    int stroke = (it->style.paint & SC_STROKE) != 0;
    double cx = 0, cy = 0, sx = 0, sy = 0;
    double bb[4] = { INFINITY, INFINITY, -INFINITY, -INFINITY };
    for (int k = 0; k <= p->num_data; k += k < p->num_data ? p->data[k].header.length : 1) {
        int type = k < p->num_data ? (int)p->data[k].header.type : -1;
        if (!stroke && (type == CAIRO_PATH_MOVE_TO || type < 0) && bb[0] <= bb[2]) {
            if (rects_overlap(bb, box)) return 1;   /* the sub-path just ended */
            bb[0] = bb[1] = INFINITY;
            bb[2] = bb[3] = -INFINITY;
        }
        if (type < 0) break;
        const cairo_path_data_t *d = &p->data[k];
        double pts[8][2];
        int np = 0;
        switch (type) {
        case CAIRO_PATH_MOVE_TO:
            cx = sx = d[1].point.x;
            cy = sy = d[1].point.y;
            pts[np][0] = cx;
            pts[np++][1] = cy;
            break;
        case CAIRO_PATH_LINE_TO:
            pts[np][0] = d[1].point.x;
            pts[np++][1] = d[1].point.y;
            break;
        case CAIRO_PATH_CURVE_TO:
            for (int j = 1; j <= 8; j++) {
                double t = j / 8.0, u = 1 - t;
                pts[np][0] = u * u * u * cx + 3 * u * u * t * d[1].point.x + 3 * u * t * t * d[2].point.x
                             + t * t * t * d[3].point.x;
                pts[np][1] = u * u * u * cy + 3 * u * u * t * d[1].point.y + 3 * u * t * t * d[2].point.y
                             + t * t * t * d[3].point.y;
                np++;
            }
            break;
        default:   /* CLOSE_PATH: back to the sub-path's start */
            pts[np][0] = sx;
            pts[np++][1] = sy;
            break;
        }
        for (int j = 0; j < np; j++) {
            if (stroke && type != CAIRO_PATH_MOVE_TO) {
                double x0 = cx, y0 = cy, x1 = pts[j][0], y1 = pts[j][1];
                if (clip_seg(&x0, &y0, &x1, &y1, box)) return 1;
            }
            bb[0] = fmin(bb[0], pts[j][0]);
            bb[1] = fmin(bb[1], pts[j][1]);
            bb[2] = fmax(bb[2], pts[j][0]);
            bb[3] = fmax(bb[3], pts[j][1]);
            cx = pts[j][0];
            cy = pts[j][1];
        }
    }
    return 0;
}

/* Paths a text may not touch: every stroked line, and the observation
 * dots. Bars are left out (a label may sit on a bar), and so are the
 * donut's slices and ring, whose labels sit in the hole by construction. */
static int is_obstacle(const sc_item *it)
{
    if (it->tag == CH_TAG_SLICE || it->tag == CH_TAG_RING) return 0;
    return (it->style.paint & SC_STROKE) || it->tag == CH_TAG_DOTS;
}

size_t ch_collisions(const sc_scene *sc, sc_width_fn width, void *ctx, const char **first)
{
    size_t n = 0;
    if (first) *first = NULL;
    for (size_t i = 0; i < sc_count(sc); i++) {
        const sc_item *a = sc_item_at(sc, i);
        if (a->kind != SC_TEXT) continue;
        double ra[4];
        sc_text_box(&a->text, width, ctx, ra);
        for (int e = 0; e < 2; e++) {   /* touching is not crossing */
            ra[e] += CH_TOUCH;
            ra[e + 2] -= CH_TOUCH;
        }
        for (size_t j = 0; j < sc_count(sc); j++) {
            const sc_item *b = sc_item_at(sc, j);
            int hit = 0;
            if (b->kind == SC_TEXT && j > i) {
                double rb[4];
                sc_text_box(&b->text, width, ctx, rb);
                hit = rects_overlap(ra, rb);
            } else if (b->kind == SC_PATH && is_obstacle(b)) {
                hit = path_crosses(b, ra);
            }
            if (hit && !n++ && first) *first = a->text.utf8;
        }
    }
    return n;
}

/* ---- value axes -------------------------------------------------------- */

typedef struct ch_axis {
    double lo, hi, step;   /* value range, a whole number of steps */
    double p_lo, p_hi;     /* where lo and hi are drawn */
} ch_axis;

typedef struct ch_ticks {
    int n;
    double v[CH_TICKS_CAP];
    char s[CH_TICKS_CAP][CH_LABEL_MAX];
    double wmax;           /* widest label */
} ch_ticks;

static double ax_pos(const ch_axis *a, double v)
{
    return a->p_lo + (v - a->lo) / (a->hi - a->lo) * (a->p_hi - a->p_lo);
}

/* The smallest 1-2-5 step at least `raw`. */
static double nice_step(double raw)
{
    static const double m[] = { 1, 2, 5 };
    double mag = pow(10, floor(log10(raw)));
    for (int i = 0; i < 3; i++)
        if (m[i] * mag >= raw * (1 - 1e-9)) return m[i] * mag;
    return 10 * mag;
}

/* An axis covering [lo, hi] in at most max_ticks 1-2-5 steps. Callers pass
 * lo <= 0 <= hi: every chart here measures from zero. */
static ch_axis nice_axis(double lo, double hi, int max_ticks)
{
    ch_axis a = { 0 };
    if (!(hi > lo)) hi = lo + 1;
    double step = nice_step((hi - lo) / max_ticks);
    for (;;) {
        a.lo = floor(lo / step + 1e-9) * step;
        a.hi = ceil(hi / step - 1e-9) * step;
        if ((a.hi - a.lo) / step <= max_ticks + 0.5) break;
        step = nice_step(step * 1.01);
    }
    a.step = step;
    return a;
}

/* How many intervals fit in `span` points with labels of `size`. */
static int max_ticks_for(double span, double size)
{
    int n = (int)floor(span / (size * CH_TICK_ROOM));
    return n < 1 ? 1 : n > CH_MAX_TICKS ? CH_MAX_TICKS : n;
}

static void make_ticks(ch_ctx *c, const ch_axis *a, ch_fmt_fn fmt, void *ctx, ch_ticks *t)
{
    long k0 = lround(a->lo / a->step), k1 = lround(a->hi / a->step);
    t->n = 0;
    t->wmax = 0;
    for (long k = k0; k <= k1 && t->n < CH_TICKS_CAP; k++) {
        double v = (double)k * a->step;
        char buf[CH_LABEL_MAX];
        const char *s = (fmt ? fmt : ch_fmt_plain)(ctx, v, buf, sizeof buf);
        if (s && strlen(s) >= CH_LABEL_MAX) sc_set_unfit(c->sc, s);   /* never cut */
        copy_label(t->s[t->n], CH_LABEL_MAX, s ? s : "");
        t->v[t->n] = v;
        t->wmax = fmax(t->wmax, tw(c, t->s[t->n], c->th->size_tick, 0));
        t->n++;
    }
}

static int cut_cmp(const void *a, const void *b)
{
    const double *x = a, *y = b;
    return (x[0] > y[0]) - (x[0] < y[0]);
}

/* A horizontal line at y across [x0, x1], interrupted at the keep-out boxes
 * it would cross (keep_clear). */
static void hline_around(ch_ctx *c, double y, double x0, double x1)
{
    double cut[CH_KEEPOUT_MAX][2];
    int n = 0;
    for (int i = 0; i < c->nko; i++) {
        const double *k = c->ko[i];
        if (k[1] <= y && y <= k[3] && k[0] < x1 && k[2] > x0) {
            cut[n][0] = k[0];
            cut[n++][1] = k[2];
        }
    }
    qsort(cut, (size_t)n, sizeof cut[0], cut_cmp);
    cairo_t *cr = sc_cr(c->sc);
    double x = x0;
    for (int i = 0; i <= n; i++) {
        double end = i < n ? fmin(cut[i][0], x1) : x1;
        if (end > x + 1e-9) {
            cairo_move_to(cr, x, y);
            cairo_line_to(cr, end, y);
        }
        if (i < n) x = fmax(x, cut[i][1]);
    }
}

/* Horizontal gridlines across [x0, x1] at every tick, stopping short of
 * the labels inside the plot, and the zero line. */
static void draw_grid(ch_ctx *c, const ch_axis *a, const ch_ticks *t, double x0, double x1)
{
    cairo_t *cr = sc_cr(c->sc);
    for (int i = 0; i < t->n; i++) {
        if (t->v[i] == 0) continue;
        hline_around(c, ax_pos(a, t->v[i]), x0, x1);
    }
    sc_style g = stroke(c->th->grid, 0.5);
    sc_add_path(c->sc, &g, CH_TAG_GRID);
    cairo_move_to(cr, x0, ax_pos(a, 0));
    cairo_line_to(cr, x1, ax_pos(a, 0));
    sc_style z = stroke(c->th->axis, 0.75);
    sc_add_path(c->sc, &z, CH_TAG_AXIS);
}

/* Tick labels right-aligned at x, centred on their gridlines; every k-th
 * (counting from the top) when neighbours would touch. */
static void draw_tick_labels(ch_ctx *c, const ch_axis *a, const ch_ticks *t, double x)
{
    double size = c->th->size_tick;
    double gap = t->n > 1 ? fabs(ax_pos(a, t->v[1]) - ax_pos(a, t->v[0])) : 1e9;
    int stride = 1;
    while (stride * gap < size * CH_LINE && stride < t->n) stride++;
    for (int i = t->n - 1, j = 0; i >= 0; i--, j++) {
        if (j % stride) continue;
        /* The column may be capped: a wider label shrinks, or is an error. */
        place_text(c, t->s[i], x - CH_PAD, x, ax_pos(a, t->v[i]) + size * CH_MID, size, 0, SC_ALIGN_RIGHT,
                   c->th->text_muted, CH_TAG_TICK_LABEL);
    }
}

static void draw_nodata(ch_ctx *c, const char *label, double x, double y)
{
    double size = c->th->size_label;
    place_text(c, label, c->w - 2 * CH_PAD, x, y + size * CH_MID, size, 0, SC_ALIGN_CENTER,
               c->th->text_muted, CH_TAG_NODATA);
}

/* Legend entries left to right from (x, baseline) on one row, all at one
 * size: the largest down to size_min at which the row fits the width, else
 * the scene is in error with the longest entry. A swatch drawer per entry. */
typedef void (*swatch_fn)(ch_ctx *c, int i, double x, double ymid);

typedef struct legend_fit {
    const ch_ctx *c;
    const char *const *labels;
    int n;
    double swatch_w, room;
} legend_fit;

static int legend_fits(void *ctx, double size)
{
    const legend_fit *f = ctx;
    double w = 0;
    int k = 0;
    for (int i = 0; i < f->n; i++) {
        if (!f->labels[i] || !*f->labels[i]) continue;
        w += (k++ ? CH_LEGEND_SEP : 0) + f->swatch_w + CH_GAP + tw(f->c, f->labels[i], size, 0);
    }
    return w <= f->room + 1e-9;
}

static void draw_legend(ch_ctx *c, const char *const *labels, int n, swatch_fn sw, double swatch_w,
                        double x, double baseline)
{
    legend_fit f = { c, labels, n, swatch_w, c->w - CH_PAD - x };
    double size = fit_size(c->th->size_label, c->th->size_min, legend_fits, &f);
    if (size < 0) {
        const char *longest = NULL;
        for (int i = 0; i < n; i++)
            if (labels[i] && *labels[i] && (!longest || tw(c, labels[i], 1, 0) > tw(c, longest, 1, 0)))
                longest = labels[i];
        sc_set_unfit(c->sc, longest);
        return;
    }
    /* Right to left: x is the distance from the right edge, entries run leftwards. */
    int rtl = c->th->rtl;
    if (rtl) x = c->w - x;
    for (int i = 0; i < n; i++) {
        if (!labels[i] || !*labels[i]) continue;
        double step = swatch_w + CH_GAP + tw(c, labels[i], size, 0) + CH_LEGEND_SEP;
        if (rtl) {
            sw(c, i, x - swatch_w, baseline - size * CH_MID);
            put_text(c, labels[i], x - swatch_w - CH_GAP, baseline, size, 0, SC_ALIGN_RIGHT, c->th->text,
                     CH_TAG_LEGEND);
            x -= step;
        } else {
            sw(c, i, x, baseline - size * CH_MID);
            put_text(c, labels[i], x + swatch_w + CH_GAP, baseline, size, 0, SC_ALIGN_LEFT, c->th->text,
                     CH_TAG_LEGEND);
            x += step;
        }
    }
}

static void square_swatch(ch_ctx *c, int i, double x, double ymid)
{
    double s = c->th->size_label * 0.9;
    cairo_rectangle(sc_cr(c->sc), x, ymid - s / 2, s, s);
    sc_style st = fill(c->th->palette[i % CH_PALETTE]);
    sc_add_path(c->sc, &st, CH_TAG_LEGEND);
}

/* ---- trend -------------------------------------------------------------- */

typedef struct trend_data {
    int ny;                      /* years on the axis */
    double obs[CH_MAX_YEARS], trend[CH_MAX_YEARS];
    int nobs, ntrend;
    double target;
} trend_data;

typedef struct trend_geom {
    double L, R, top, bottom;    /* plot area */
    double xin;                  /* inset of the first and last year from L and R */
    ch_axis ya;
    ch_ticks yt;
    int target_off;              /* the target lies above the axis: a marker at the top edge */
} trend_geom;

/* Points of the two series in the plot (NAN x where a value is missing). */
typedef struct trend_pts {
    double ox[CH_MAX_YEARS], oy[CH_MAX_YEARS], tx[CH_MAX_YEARS], ty[CH_MAX_YEARS];
} trend_pts;

/* Where the target's label goes: its text and, when the target is off the
 * scale, an arrow after it pointing up. */
typedef struct trend_mark {
    double x, y, size;           /* text anchor, baseline, size; size 0: no label */
    sc_align al;
    double arrow[4];             /* the arrow's box (off-scale only) */
    double box[4];               /* text and arrow */
    int clear;                   /* clear of both series */
} trend_mark;

/* The fitted line is one straight line over its years: a year without an
 * observation inside its span is bridged, so it is drawn unbroken. */
static void bridge(double *v, int n)
{
    int last = -1;
    for (int i = 0; i < n; i++) {
        if (isnan(v[i])) continue;
        for (int k = last + 1; last >= 0 && k < i; k++)
            v[k] = v[last] + (v[i] - v[last]) * (k - last) / (i - last);
        last = i;
    }
}

static void trend_load(const ch_trend_in *in, trend_data *d)
{
    int first = -1;
    d->ny = in->year1 - in->year0 + 1;
    d->nobs = d->ntrend = 0;
    for (int i = 0; i < d->ny; i++) {
        d->obs[i] = limit(in->obs[i]);
        d->trend[i] = in->trend ? limit(in->trend[i]) : NAN;
        if (!isnan(d->obs[i])) {
            d->nobs++;
            if (first < 0) first = i;
        }
    }
    double a, b;
    if (!in->trend && ch_least_squares(d->obs, (size_t)d->ny, &a, &b) == 0)
        for (int i = first; i < d->ny; i++) d->trend[i] = limit(a + b * i);
    bridge(d->trend, d->ny);
    for (int i = 0; i < d->ny; i++) d->ntrend += !isnan(d->trend[i]);
    d->target = limit(in->target);
}

/* The value range: zero, the observations, the trend (only upwards — a
 * falling projection is cut at the axis rather than stretching it below
 * the data) and the target when it is near them. A target more than
 * CH_TARGET_ROOM times the data's top would flatten them into a line: the
 * axis then stops at the data and the target is drawn off the scale.
 * Returns whether it is. */
static int trend_range(const trend_data *d, double *lo, double *hi)
{
    int any = 0;
    *lo = *hi = 0;
    for (int i = 0; i < d->ny; i++) {
        if (!isnan(d->obs[i])) {
            *lo = fmin(*lo, d->obs[i]);
            *hi = fmax(*hi, d->obs[i]);
            any = 1;
        }
        if (!isnan(d->trend[i])) {
            *hi = fmax(*hi, d->trend[i]);
            any = 1;
        }
    }
    if (isnan(d->target)) return 0;
    if (any && d->target > *hi * CH_TARGET_ROOM) return 1;
    *lo = fmin(*lo, d->target);
    *hi = fmax(*hi, d->target);
    return 0;
}

static double trend_x(const trend_geom *g, int ny, int i)
{
    if (ny == 1) return (g->L + g->R) / 2;
    return g->L + g->xin + i * (g->R - g->L - 2 * g->xin) / (ny - 1);
}

static const char *year_label(const ch_trend_in *in, int year, char *buf, size_t n)
{
    if (in->year_fmt) {
        const char *s = in->year_fmt(in->year_ctx, year, buf, n);
        return s ? s : "";
    }
    snprintf(buf, n, "%d", year);
    return buf;
}

static double widest_year(const ch_ctx *c, const ch_trend_in *in)
{
    double w = 0;
    char buf[CH_LABEL_MAX];
    for (int y = in->year0; y <= in->year1; y++)
        w = fmax(w, tw(c, year_label(in, y, buf, sizeof buf), c->th->size_tick, 0));
    return w;
}

static int trend_has_legend(const ch_trend_in *in, const trend_data *d)
{
    return (in->legend_obs && d->nobs) || (in->legend_trend && d->ntrend);
}

/* Plot area, value axis and ticks; `extra` steps of headroom above the
 * data (room for the target's label). */
static void trend_layout(ch_ctx *c, const ch_trend_in *in, const trend_data *d, int extra, trend_geom *g)
{
    const ch_theme *th = c->th;
    double lo, hi;
    g->target_off = trend_range(d, &lo, &hi);
    g->top = CH_PAD + th->size_tick * 0.5;
    if (trend_has_legend(in, d)) g->top += th->size_label * (SC_ASCENT + SC_DESCENT) + 2 * CH_GAP;
    g->bottom = c->h - CH_PAD - th->size_tick * (SC_ASCENT + SC_DESCENT) - CH_GAP;
    g->ya = nice_axis(lo, hi, max_ticks_for(g->bottom - g->top, th->size_tick));
    g->ya.hi += extra * g->ya.step;
    g->ya.p_lo = g->bottom;
    g->ya.p_hi = g->top;
    make_ticks(c, &g->ya, in->fmt, in->fmt_ctx, &g->yt);
    g->L = CH_PAD + fmin(g->yt.wmax, c->w * 0.4) + CH_GAP;
    /* Year labels are centred on their year: the inset keeps the first
     * clear of the tick labels and the last inside the box. */
    g->xin = fmax(CH_DOT_R + 1, widest_year(c, in) / 2 - CH_GAP / 2);
    g->R = c->w - CH_PAD - CH_GAP / 2;
}

/* The step between labelled years, one rule for every chart: the smallest
 * of 1, 2, 5, 10... years at which neighbouring labels keep CH_GAP × 1.5
 * apart and at most CH_MAX_YEAR_LABELS are drawn; 0 when even the first
 * and the last year cannot both be labelled. */
static int year_step(int span, double per_year, double need)
{
    static const int steps[] = { 1, 2, 5, 10, 20, 50, 100 };
    for (size_t i = 0; i < sizeof steps / sizeof *steps; i++)
        if (steps[i] * per_year >= need && span / steps[i] + 1 <= CH_MAX_YEAR_LABELS) return steps[i];
    return span * per_year >= need ? span : 0;
}

/* Year labels: the first year, then every step-th year while a whole step
 * is left before the last, and the last year (the last interval is one to
 * two steps long). */
static void trend_years(ch_ctx *c, const ch_trend_in *in, const trend_geom *g, int ny)
{
    double size = c->th->size_tick;
    double per = ny > 1 ? (g->R - g->L - 2 * g->xin) / (ny - 1) : 1e9;
    int span = ny - 1, step = year_step(span, per, widest_year(c, in) + CH_GAP * 1.5);
    double base = c->h - CH_PAD - size * SC_DESCENT;
    char buf[CH_LABEL_MAX];
    for (int i = 0; step && i <= span - step; i += step)
        place_text(c, year_label(in, in->year0 + i, buf, sizeof buf), c->w, trend_x(g, ny, i), base, size, 0,
                   SC_ALIGN_CENTER, c->th->text_muted, CH_TAG_TICK_LABEL);
    int last = step ? span : 0;   /* only the first when not even two fit */
    place_text(c, year_label(in, in->year0 + last, buf, sizeof buf), c->w, trend_x(g, ny, last), base, size, 0,
               SC_ALIGN_CENTER, c->th->text_muted, CH_TAG_TICK_LABEL);
}

/* Points of a series in the plot (NAN x where the value is missing). */
static void trend_points(const trend_geom *g, const double *v, int ny, double *px, double *py)
{
    for (int i = 0; i < ny; i++) {
        px[i] = isnan(v[i]) ? NAN : trend_x(g, ny, i);
        py[i] = isnan(v[i]) ? NAN : ax_pos(&g->ya, v[i]);
    }
}

/* A polyline through consecutive present points, broken at every gap and
 * clipped to the plot. */
static void polyline(cairo_t *cr, const double *px, const double *py, int n, const double clip[4])
{
    int open = 0;
    double lx = 0, ly = 0;
    for (int i = 0; i + 1 < n; i++) {
        if (isnan(px[i]) || isnan(px[i + 1])) {
            open = 0;
            continue;
        }
        double x0 = px[i], y0 = py[i], x1 = px[i + 1], y1 = py[i + 1];
        if (!clip_seg(&x0, &y0, &x1, &y1, clip)) {
            open = 0;
            continue;
        }
        if (!open || x0 != lx || y0 != ly) cairo_move_to(cr, x0, y0);
        cairo_line_to(cr, x1, y1);
        lx = x1;
        ly = y1;
        open = 1;
    }
}

static void dot(cairo_t *cr, double x, double y, double r)
{
    cairo_new_sub_path(cr);
    cairo_arc(cr, x, y, r, 0, 2 * CH_PI);
    cairo_close_path(cr);
}

static sc_style obs_line(const ch_theme *th)
{
    sc_style s = stroke(th->palette[0], 1.8);
    s.cap = SC_CAP_ROUND;
    return s;
}

static sc_style obs_dot(const ch_theme *th)
{
    sc_style s = { .paint = SC_FILL | SC_STROKE, .fill = th->palette[0], .stroke = th->background,
                   .line_width = 0.8, .join = SC_JOIN_ROUND };
    return s;
}

static sc_style trend_line(const ch_theme *th)
{
    sc_style s = stroke(th->highlight, 1.2);
    s.dash_on = 3;
    s.dash_off = 2;
    return s;
}

static sc_style target_line(const ch_theme *th)
{
    sc_style s = stroke(th->text, 0.9);
    s.dash_on = 1;
    s.dash_off = 2;
    return s;
}

static void trend_swatch(ch_ctx *c, int i, double x, double ymid)
{
    cairo_t *cr = sc_cr(c->sc);
    cairo_move_to(cr, x, ymid);
    cairo_line_to(cr, x + CH_SWATCH, ymid);
    sc_style s = i == 0 ? obs_line(c->th) : trend_line(c->th);
    sc_add_path(c->sc, &s, CH_TAG_LEGEND);
    if (i == 0) {
        dot(cr, x + CH_SWATCH / 2, ymid, CH_DOT_R);
        sc_style d = obs_dot(c->th);
        sc_add_path(c->sc, &d, CH_TAG_LEGEND);
    }
}

/* Does the rectangle touch any drawn segment or dot of a series? */
static int series_hits(const double *px, const double *py, int n, const double r[4])
{
    for (int i = 0; i < n; i++) {
        if (isnan(px[i])) continue;
        double d[4] = { px[i] - CH_DOT_R, py[i] - CH_DOT_R, px[i] + CH_DOT_R, py[i] + CH_DOT_R };
        if (rects_overlap(d, r)) return 1;
        if (i + 1 < n && !isnan(px[i + 1])) {
            double x0 = px[i], y0 = py[i], x1 = px[i + 1], y1 = py[i + 1];
            if (clip_seg(&x0, &y0, &x1, &y1, r)) return 1;
        }
    }
    return 0;
}

/* The target's label. On the scale it goes above or below its line, at
 * the right end, the left end or the middle; off the scale it sits at the
 * top edge of the plot, right or left, followed by an arrow pointing up.
 * The first place that clears both series and stays in the plot, at the
 * largest size (down to size_min) at which one does; else the first place
 * in the plot (then trend_mark.clear is 0). */
#define TR_PLACES 6
typedef struct target_fit {
    ch_ctx *c;
    const ch_trend_in *in;
    const trend_geom *g;
    int ny;
    const trend_pts *p;
    trend_mark m;
} target_fit;

static double arrow_w(double size) { return size * 0.6; }

/* Place i at this size; 0 when there is no such place. */
static int target_place(const target_fit *f, double size, int i, trend_mark *m)
{
    const trend_geom *g = f->g;
    const char *s = f->in->target_label;
    double w = tw(f->c, s, size, 0);
    m->size = size;
    memset(m->arrow, 0, sizeof m->arrow);
    if (g->target_off) {
        if (i >= 2) return 0;
        double aw = arrow_w(size), base = g->top + 2 + size * SC_ASCENT;
        double x0 = i == 0 ? g->R - aw - 2 - w : g->L + 2;
        m->x = x0;
        m->y = base;
        m->al = SC_ALIGN_LEFT;
        double a[4] = { x0 + w + 2, base - size * SC_ASCENT, x0 + w + 2 + aw, base };
        memcpy(m->arrow, a, sizeof a);
    } else {
        double ly = ax_pos(&g->ya, f->in->target);
        m->y = i % 2 ? ly + 3 + size * SC_ASCENT : ly - 3 - size * SC_DESCENT;
        int col = i / 2;   /* right, left, middle */
        m->x = col == 0 ? g->R : col == 1 ? g->L + 2 : (g->L + g->R) / 2;
        m->al = col == 0 ? SC_ALIGN_RIGHT : col == 1 ? SC_ALIGN_LEFT : SC_ALIGN_CENTER;
    }
    text_rect(f->c, s, m->x, m->y, size, 0, m->al, m->box);
    if (g->target_off) {
        m->box[1] = fmin(m->box[1], m->arrow[1]);
        m->box[2] = m->arrow[2];
    }
    return 1;
}

static int target_fits(void *ctx, double size)
{
    target_fit *f = ctx;
    for (int pass = 0; pass < 2; pass++)
        for (int i = 0; i < TR_PLACES; i++) {
            trend_mark m;
            if (!target_place(f, size, i, &m)) continue;
            double *r = m.box, p[4] = { r[0] - 1.5, r[1] - 1.5, r[2] + 1.5, r[3] + 1.5 };
            if (!rect_inside(r, f->g->L, f->g->top - size * 0.5, f->g->R, f->g->bottom)) continue;
            m.clear = !series_hits(f->p->ox, f->p->oy, f->ny, p) && !series_hits(f->p->tx, f->p->ty, f->ny, p);
            if (pass || m.clear) {
                f->m = m;
                return 1;
            }
        }
    return 0;
}

/* The target label's place (m->size 0: none; the scene in error when it
 * cannot fit). */
static void trend_target_mark(ch_ctx *c, const ch_trend_in *in, const trend_geom *g, int ny, const trend_pts *p,
                           trend_mark *m)
{
    memset(m, 0, sizeof *m);
    m->clear = 1;
    if (isnan(limit(in->target)) || !in->target_label || !*in->target_label) return;
    target_fit f = { .c = c, .in = in, .g = g, .ny = ny, .p = p };
    double size = fit_size(c->th->size_label, c->th->size_min, target_fits, &f);
    if (size < 0) {
        sc_set_unfit(c->sc, in->target_label);
        m->clear = 1;
        return;
    }
    target_fits(&f, size);
    *m = f.m;
}

/* An arrow pointing up, filled, in the box r. */
static void up_arrow(ch_ctx *c, const double r[4])
{
    cairo_t *cr = sc_cr(c->sc);
    double w = r[2] - r[0], cx = (r[0] + r[2]) / 2, head = w * 0.9, stem = fmax(w * 0.22, 0.6);
    cairo_move_to(cr, cx, r[1]);
    cairo_line_to(cr, r[2], r[1] + head);
    cairo_line_to(cr, cx + stem / 2, r[1] + head);
    cairo_line_to(cr, cx + stem / 2, r[3]);
    cairo_line_to(cr, cx - stem / 2, r[3]);
    cairo_line_to(cr, cx - stem / 2, r[1] + head);
    cairo_line_to(cr, r[0], r[1] + head);
    cairo_close_path(cr);
    sc_style s = fill(c->th->text);
    sc_add_path(c->sc, &s, CH_TAG_TARGET);
}

static void trend_draw(ch_ctx *c, const ch_trend_in *in, const trend_data *d, const trend_geom *g, const trend_pts *p,
                    const trend_mark *m)
{
    const ch_theme *th = c->th;
    cairo_t *cr = sc_cr(c->sc);
    int ny = d->ny;
    double clip[4] = { g->L, g->top, g->R, g->bottom };

    /* Gridlines stop short of the labels inside the plot. */
    if (m->size > 0) keep_clear(c, m->box);
    double nd[4], ndx = (g->L + g->R) / 2, ndy = (g->top + g->bottom) / 2 + th->size_label * CH_MID;
    if (!d->nobs && in->nodata_label) {
        text_rect(c, in->nodata_label, ndx, ndy, th->size_label, 0, SC_ALIGN_CENTER, nd);
        keep_clear(c, nd);
    }
    draw_grid(c, &g->ya, &g->yt, g->L, g->R);
    if (!isnan(d->target) && !g->target_off) {
        cairo_move_to(cr, g->L, ax_pos(&g->ya, d->target));
        cairo_line_to(cr, g->R, ax_pos(&g->ya, d->target));
        sc_style s = target_line(th);
        sc_add_path(c->sc, &s, CH_TAG_TARGET);
    }
    polyline(cr, p->tx, p->ty, ny, clip);
    sc_style ts = trend_line(th);
    sc_add_path(c->sc, &ts, CH_TAG_TREND);
    polyline(cr, p->ox, p->oy, ny, clip);
    sc_style os = obs_line(th);
    sc_add_path(c->sc, &os, CH_TAG_OBSERVED);
    for (int i = 0; i < ny; i++)
        if (!isnan(p->ox[i])) dot(cr, p->ox[i], p->oy[i], CH_DOT_R);
    sc_style ds = obs_dot(th);
    sc_add_path(c->sc, &ds, CH_TAG_DOTS);

    const char *legend[2] = { d->nobs ? in->legend_obs : NULL, d->ntrend ? in->legend_trend : NULL };
    if (trend_has_legend(in, d))
        draw_legend(c, legend, 2, trend_swatch, CH_SWATCH, CH_PAD, CH_PAD + th->size_label * SC_ASCENT);
    draw_tick_labels(c, &g->ya, &g->yt, g->L - CH_GAP);
    trend_years(c, in, g, ny);
    if (m->size > 0) {
        put_text(c, in->target_label, m->x, m->y, m->size, 0, m->al, th->text, CH_TAG_TARGET_LABEL);
        if (g->target_off) up_arrow(c, m->arrow);
    }
    if (!d->nobs) place_text(c, in->nodata_label, c->w - 2 * CH_PAD, ndx, ndy, th->size_label, 0,
                             SC_ALIGN_CENTER, th->text_muted, CH_TAG_NODATA);
}

sc_scene *ch_trend(const ch_trend_in *in, const ch_theme *th, double w, double h)
{
    ch_ctx c = ctx_new(th, w, h);
    if (!in || !in->obs || in->year1 < in->year0
        || (long)in->year1 - in->year0 >= CH_MAX_YEARS)
        sc_set_error(c.sc, -1);
    if (sc_status(c.sc)) return c.sc;
    trend_data d;
    trend_load(in, &d);
    if (!d.nobs && !d.ntrend && isnan(d.target)) {
        draw_nodata(&c, in->nodata_label, w / 2, h / 2);
        return finish(&c);
    }
    trend_geom g;
    trend_pts p;
    trend_mark m;
    /* A target label that has no place clear of the series gets a step of
     * headroom above the data. */
    for (int extra = 0; extra < 2; extra++) {
        trend_layout(&c, in, &d, extra, &g);
        if (g.bottom - g.top < th->size_tick || g.R - g.L < 2 * g.xin + 1) {
            sc_set_unfit(c.sc, NULL);   /* a box too small for a plot: an error, not an empty chart */
            return c.sc;
        }
        trend_points(&g, d.obs, d.ny, p.ox, p.oy);
        trend_points(&g, d.trend, d.ny, p.tx, p.ty);
        trend_target_mark(&c, in, &g, d.ny, &p, &m);
        if (m.clear || sc_status(c.sc)) break;
    }
    trend_draw(&c, in, &d, &g, &p, &m);
    return finish(&c);
}

/* ---- bars --------------------------------------------------------------- */

typedef struct br_layout {
    double size;             /* category label size; 0: no labels */
    double col;              /* category column width */
    double bx0, bx1;         /* bar area */
    double top, pitch, thick;
} br_layout;

/* Splits s at the space that best balances two lines; 0 when it has none. */
static int split2(const ch_ctx *c, const char *s, double size, char **a, char **b)
{
    double best = INFINITY;
    size_t at = 0;
    for (size_t i = 1; s[i]; i++) {
        if (s[i] != ' ') continue;
        char *l = ut_xstrndup(s, i);
        double w = fmax(tw(c, l, size, 0), tw(c, s + i + 1, size, 0));
        free(l);
        if (w < best) {
            best = w;
            at = i;
        }
    }
    if (!at) return 0;
    *a = ut_xstrndup(s, at);
    *b = ut_xstrdup(s + at + 1);
    return 1;
}

/* Does the label fit the column at this size, on one line or two? */
static int label_fits(const ch_ctx *c, const char *s, double size, double col, double pitch)
{
    if (!s || tw(c, s, size, 0) <= col) return 1;
    if (pitch < size * (CH_LINE + SC_ASCENT + SC_DESCENT)) return 0;
    char *a, *b;
    if (!split2(c, s, size, &a, &b)) return 0;
    int ok = tw(c, a, size, 0) <= col && tw(c, b, size, 0) <= col;
    free(a);
    free(b);
    return ok;
}

/* The largest label size, down to size_min, at which every label fits its
 * row (one line, or two when the row is high enough); -1 (the scene in
 * error with the first label that does not fit) when there is none. */
typedef struct bars_fit {
    const ch_ctx *c;
    const ch_bars_in *in;
    double col, pitch;
} bars_fit;

static int bars_fits(void *ctx, double size)
{
    const bars_fit *f = ctx;
    if (size > f->pitch / ((SC_ASCENT + SC_DESCENT) * 1.1) + 1e-9) return 0;
    for (size_t i = 0; i < f->in->n; i++)
        if (!label_fits(f->c, f->in->bars[i].label, size, f->col, f->pitch)) return 0;
    return 1;
}

static double br_label_size(ch_ctx *c, const ch_bars_in *in, double col, double pitch)
{
    bars_fit f = { c, in, col, pitch };
    double size = fit_size(c->th->size_label, c->th->size_min, bars_fits, &f);
    if (size < 0) {
        /* The first label too wide at size_min; the first of all when the
         * rows are lower than size_min. */
        double m = c->th->size_min;
        int low = m > pitch / ((SC_ASCENT + SC_DESCENT) * 1.1);
        size_t i = 0;
        while (i + 1 < in->n && (!in->bars[i].label || (!low && label_fits(c, in->bars[i].label, m, col, pitch))))
            i++;
        sc_set_unfit(c->sc, in->bars[i].label);
    }
    return size;
}

static double br_value_width(const ch_ctx *c, const ch_bars_in *in)
{
    double w = 0;
    for (size_t i = 0; i < in->n; i++)
        if (in->bars[i].value_label && !isnan(in->bars[i].value))
            w = fmax(w, tw(c, in->bars[i].value_label, c->th->size_value, in->bars[i].highlight));
    return fmin(w, c->w * CH_VALUE_SHARE);
}

static br_layout br_place(ch_ctx *c, const ch_bars_in *in)
{
    br_layout L = { 0 };
    const ch_theme *th = c->th;
    L.top = CH_PAD;
    L.pitch = (c->h - 2 * CH_PAD) / (double)in->n;
    L.thick = fmin(L.pitch * CH_BAR_FILL, CH_BAR_MAX);
    for (size_t i = 0; i < in->n; i++)
        if (in->bars[i].label) L.col = fmax(L.col, tw(c, in->bars[i].label, th->size_label, 0));
    double vw = br_value_width(c, in);
    double room = c->w - 2 * CH_PAD - 2 * CH_GAP - (vw > 0 ? vw + CH_GAP : 0) - c->w * CH_BAR_SHARE;
    int labelled = L.col > 0;
    L.col = fmax(0, fmin(L.col, fmin(c->w * CH_LABEL_SHARE, room)));
    L.size = 0;
    if (labelled && L.col <= 0) {
        for (size_t i = 0; i < in->n && !sc_status(c->sc); i++)
            if (in->bars[i].label && *in->bars[i].label) sc_set_unfit(c->sc, in->bars[i].label);
    } else if (labelled) {
        L.size = fmax(br_label_size(c, in, L.col, L.pitch), 0);
    }
    L.bx0 = CH_PAD + (L.size > 0 ? L.col + 2 * CH_GAP : 0);
    L.bx1 = c->w - CH_PAD - (vw > 0 ? vw + CH_GAP : 0);
    if (L.bx1 < L.bx0) L.bx1 = L.bx0;
    return L;
}

static void br_label(ch_ctx *c, const br_layout *L, const char *s, double cy)
{
    double size = L->size;
    if (!s || size <= 0) return;
    char *a, *b;
    if (tw(c, s, size, 0) > L->col && L->pitch >= size * (CH_LINE + SC_ASCENT + SC_DESCENT)
        && split2(c, s, size, &a, &b)) {
        double half = size * CH_LINE / 2;
        put_text(c, a, CH_PAD, cy - half + size * CH_MID, size, 0, SC_ALIGN_LEFT, c->th->text, CH_TAG_CATEGORY);
        put_text(c, b, CH_PAD, cy + half + size * CH_MID, size, 0, SC_ALIGN_LEFT, c->th->text, CH_TAG_CATEGORY);
        free(a);
        free(b);
        return;
    }
    put_text(c, s, CH_PAD, cy + size * CH_MID, size, 0, SC_ALIGN_LEFT, c->th->text, CH_TAG_CATEGORY);
}

static double br_max(const ch_bars_in *in)
{
    double m = limit(in->max);
    if (isnan(m))
        for (size_t i = 0; i < in->n; i++) {
            double v = limit(in->bars[i].value);
            if (!isnan(v)) m = isnan(m) ? v : fmax(m, v);
        }
    return isnan(m) || m <= 0 ? 1 : m;
}

static void br_draw(ch_ctx *c, const ch_bars_in *in, const br_layout *L)
{
    const ch_theme *th = c->th;
    cairo_t *cr = sc_cr(c->sc);
    double vmax = br_max(in), len = L->bx1 - L->bx0;
    for (int hl = 0; hl < 2; hl++) {
        for (size_t i = 0; i < in->n; i++) {
            double v = limit(in->bars[i].value);
            if (isnan(v) || (in->bars[i].highlight != 0) != hl) continue;
            double cy = L->top + (i + 0.5) * L->pitch;
            cairo_rectangle(cr, L->bx0, cy - L->thick / 2, len * fmin(fmax(v / vmax, 0), 1), L->thick);
        }
        sc_style s = fill(hl ? th->highlight : th->palette[0]);
        sc_add_path(c->sc, &s, CH_TAG_BAR);
    }
    cairo_move_to(cr, L->bx0, L->top);
    cairo_line_to(cr, L->bx0, L->top + in->n * L->pitch);
    sc_style ax = stroke(th->axis, 0.75);
    sc_add_path(c->sc, &ax, CH_TAG_AXIS);
    for (size_t i = 0; i < in->n; i++) {
        const ch_bar *b = &in->bars[i];
        double v = limit(b->value), cy = L->top + (i + 0.5) * L->pitch;
        double vs = fmin(th->size_value, L->pitch / ((SC_ASCENT + SC_DESCENT) * 1.1));
        br_label(c, L, b->label, cy);
        const char *value = isnan(v) ? in->nodata_label : b->value_label;
        if (value && *value && vs < th->size_min - 1e-9) {   /* rows lower than the smallest text */
            sc_set_unfit(c->sc, value);
            return;
        }
        if (isnan(v)) {
            place_text(c, value, c->w - CH_PAD - L->bx0 - CH_GAP, L->bx0 + CH_GAP, cy + vs * CH_MID, vs, 0,
                       SC_ALIGN_LEFT, th->text_muted, CH_TAG_NODATA);
        } else if (value) {
            double x = L->bx0 + len * fmin(fmax(v / vmax, 0), 1) + CH_GAP;
            place_text(c, value, c->w - CH_PAD - x, x, cy + vs * CH_MID, vs, b->highlight, SC_ALIGN_LEFT,
                       th->text, CH_TAG_VALUE);
        }
    }
}

sc_scene *ch_bars(const ch_bars_in *in, const ch_theme *th, double w, double h)
{
    ch_ctx c = ctx_new(th, w, h);
    if (!in || (in->n && !in->bars)) sc_set_error(c.sc, -1);
    if (sc_status(c.sc)) return c.sc;
    if (in->n == 0) {
        draw_nodata(&c, in->nodata_label, w / 2, h / 2);
        return finish(&c);
    }
    br_layout L = br_place(&c, in);
    br_draw(&c, in, &L);
    return finish(&c);
}

/* ---- donut -------------------------------------------------------------- */

typedef struct dn_layout {
    double cx, cy, R, r;        /* centre, outer and hole radius */
    double lx, ly, lw;          /* legend: left edge, first baseline, width */
    double lstep;               /* legend line pitch */
    size_t lines;               /* legend entries that fit */
    double size;                /* legend text size */
} dn_layout;

static dn_layout dn_place(const ch_ctx *c, size_t n, double size)
{
    dn_layout L = { 0 };
    L.size = size;
    L.lstep = size * 1.7;
    double fit = floor((c->h - 2 * CH_PAD - size * (SC_ASCENT + SC_DESCENT)) / L.lstep) + 1;
    L.lines = fit < 1 ? 0 : n < fit ? n : (size_t)fit;
    double legend_h = L.lines ? (L.lines - 1) * L.lstep + size * (SC_ASCENT + SC_DESCENT) : 0;
    if (c->w >= c->h * 1.5) {   /* legend beside the ring */
        double d = fmin(c->h, c->w * CH_DONUT_SHARE) - 2 * CH_PAD;
        L.R = fmax(d, 0) / 2;
        L.cx = CH_PAD + L.R;
        L.cy = c->h / 2;
        L.lx = CH_PAD + 2 * L.R + 3 * CH_GAP;
        L.ly = (c->h - legend_h) / 2 + size * SC_ASCENT;
    } else {                    /* legend under the ring */
        double d = fmin(c->w, c->h - legend_h - 2 * CH_GAP) - 2 * CH_PAD;
        L.R = fmax(d, 0) / 2;
        L.cx = c->w / 2;
        L.cy = CH_PAD + L.R;
        L.lx = CH_PAD;
        L.ly = CH_PAD + 2 * L.R + 2 * CH_GAP + size * SC_ASCENT;
    }
    L.lw = c->w - CH_PAD - L.lx;
    L.r = L.R * CH_HOLE;
    if (c->th->rtl) L.cx = c->w - L.cx;   /* dn_legend mirrors the legend */
    return L;
}

static void dn_ring(cairo_t *cr, const dn_layout *L, double a0, double a1)
{
    cairo_new_sub_path(cr);
    cairo_arc(cr, L->cx, L->cy, L->R, a0, a1);
    cairo_arc_negative(cr, L->cx, L->cy, L->r, a1, a0);
    cairo_close_path(cr);
}

static void dn_slices(ch_ctx *c, const ch_donut_in *in, const dn_layout *L, double total)
{
    double a = -CH_PI / 2;   /* from twelve o'clock, clockwise (y is down) */
    size_t shown = 0;
    for (size_t i = 0; i < in->n; i++) shown += limit(in->slices[i].value) > 0;
    for (size_t i = 0; i < in->n; i++) {
        double v = limit(in->slices[i].value);
        if (!(v > 0)) continue;
        double a1 = a + 2 * CH_PI * v / total;
        dn_ring(sc_cr(c->sc), L, a, a1);
        sc_style s = fill(c->th->palette[i % CH_PALETTE]);
        if (shown > 1) {   /* a page-coloured rim separates the slices */
            s.paint |= SC_STROKE;
            s.stroke = c->th->background;
            s.line_width = 1;
        }
        sc_add_path(c->sc, &s, CH_TAG_SLICE);
        a = a1;
    }
}

/* The legend size: the largest down to size_min at which every entry has
 * its line, fits the legend's width and leaves a ring. */
typedef struct donut_fit {
    const ch_ctx *c;
    const ch_donut_in *in;
} donut_fit;

static int donut_fits(void *ctx, double size)
{
    const donut_fit *f = ctx;
    dn_layout L = dn_place(f->c, f->in->n, size);
    double room = L.lw - f->c->th->size_label * 0.9 - CH_GAP;
    if (L.lines < f->in->n || L.R < 2) return 0;
    for (size_t i = 0; i < f->in->n; i++)
        if (f->in->slices[i].label && tw(f->c, f->in->slices[i].label, size, 0) > room + 1e-9) return 0;
    return 1;
}

static void dn_legend(ch_ctx *c, const ch_donut_in *in, const dn_layout *L)
{
    double sw = c->th->size_label * 0.9;
    for (size_t i = 0; i < L->lines; i++) {
        double y = L->ly + i * L->lstep;
        if (c->th->rtl) {   /* the swatch at the right, the label flush right before it */
            double xr = c->w - L->lx;
            square_swatch(c, (int)i, xr - sw, y - L->size * CH_MID);
            put_text(c, in->slices[i].label, xr - sw - CH_GAP, y, L->size, 0, SC_ALIGN_RIGHT, c->th->text,
                     CH_TAG_LEGEND);
        } else {
            square_swatch(c, (int)i, L->lx, y - L->size * CH_MID);
            put_text(c, in->slices[i].label, L->lx + sw + CH_GAP, y, L->size, 0, SC_ALIGN_LEFT, c->th->text,
                     CH_TAG_LEGEND);
        }
    }
}

/* The centre label at the largest size up to size_center, down to
 * size_min, that fits the hole. */
typedef struct hole_fit {
    const ch_ctx *c;
    const char *s;
    double r;
} hole_fit;

static int hole_fits(void *ctx, double size)
{
    const hole_fit *f = ctx;
    return tw(f->c, f->s, size, 1) <= 2 * f->r * 0.85 && size * (SC_ASCENT + SC_DESCENT) <= 2 * f->r * 0.8;
}

static void dn_center(ch_ctx *c, const char *s, const dn_layout *L)
{
    hole_fit f = { c, s, L->r };
    double size = fit_size(c->th->size_center, c->th->size_min, hole_fits, &f);
    if (size < 0) {
        sc_set_unfit(c->sc, s);
        return;
    }
    put_text(c, s, L->cx, L->cy + size * CH_MID, size, 1, SC_ALIGN_CENTER, c->th->text, CH_TAG_CENTER);
}

sc_scene *ch_donut(const ch_donut_in *in, const ch_theme *th, double w, double h)
{
    ch_ctx c = ctx_new(th, w, h);
    if (!in || (in->n && !in->slices)) sc_set_error(c.sc, -1);
    if (sc_status(c.sc)) return c.sc;
    double total = 0;
    for (size_t i = 0; i < in->n; i++) {
        double v = limit(in->slices[i].value);
        if (v > 0) total += v;
    }
    /* The same ring with or without data, so profiles side by side match:
     * the legend's size decides it. */
    donut_fit df = { &c, in };
    double size = th->size_label;
    if (total > 0) {
        size = fit_size(th->size_label, th->size_min, donut_fits, &df);
        if (size < 0) {
            const char *longest = NULL;
            for (size_t i = 0; i < in->n; i++)
                if (in->slices[i].label && (!longest || tw(&c, in->slices[i].label, 1, 0) > tw(&c, longest, 1, 0)))
                    longest = in->slices[i].label;
            sc_set_unfit(c.sc, longest);
            return c.sc;
        }
    }
    dn_layout L = dn_place(&c, in->n, size);
    if (L.R < 2) {
        sc_set_unfit(c.sc, NULL);   /* too small for a ring */
        return c.sc;
    }
    if (!(total > 0)) {
        dn_ring(sc_cr(c.sc), &L, 0, 2 * CH_PI);
        sc_style s = fill(th->neutral);
        sc_add_path(c.sc, &s, CH_TAG_RING);
        place_text(&c, in->nodata_label, 2 * L.r * 0.9, L.cx, L.cy + size * CH_MID, size, 0, SC_ALIGN_CENTER,
                   th->text_muted, CH_TAG_NODATA);
        return finish(&c);
    }
    dn_slices(&c, in, &L, total);
    if (in->center_label) dn_center(&c, in->center_label, &L);
    dn_legend(&c, in, &L);
    return finish(&c);
}

/* ---- compare ------------------------------------------------------------ */

typedef struct cm_item { double v; size_t idx; } cm_item;

static int cm_cmp(const void *a, const void *b)
{
    const cm_item *x = a, *y = b;
    if (x->v != y->v) return x->v < y->v ? -1 : 1;
    return x->idx < y->idx ? -1 : x->idx > y->idx;
}

typedef struct cm_geom {
    double L, R, top, bottom, pitch, bw;
    ch_axis ya;
    ch_ticks yt;
} cm_geom;

static void cm_layout(ch_ctx *c, const ch_compare_in *in, const cm_item *it, size_t m, cm_geom *g)
{
    const ch_theme *th = c->th;
    double lo = fmin(0, it[0].v), hi = fmax(0, it[m - 1].v), med = limit(in->median);
    if (!isnan(med)) {
        lo = fmin(lo, med);
        hi = fmax(hi, med);
    }
    g->top = CH_PAD + th->size_tick * 0.5;
    if (in->self_label) g->top = CH_PAD + th->size_label * (SC_ASCENT + SC_DESCENT) + 2 * CH_GAP;
    g->bottom = c->h - CH_PAD - th->size_tick * 0.7;
    g->ya = nice_axis(lo, hi, max_ticks_for(g->bottom - g->top, th->size_tick));
    g->ya.p_lo = g->bottom;
    g->ya.p_hi = g->top;
    make_ticks(c, &g->ya, in->fmt, in->fmt_ctx, &g->yt);
    g->L = CH_PAD + fmin(g->yt.wmax, c->w * 0.4) + CH_GAP;
    g->R = c->w - CH_PAD;
    g->pitch = (g->R - g->L) / (double)m;
    g->bw = fmin(g->pitch * 0.7, CH_BAR_MAX);
}

static double cm_x(const cm_geom *g, size_t i)
{
    return g->L + (i + 0.5) * g->pitch;
}

static void cm_bars(ch_ctx *c, const ch_compare_in *in, const cm_item *it, size_t m, const cm_geom *g)
{
    cairo_t *cr = sc_cr(c->sc);
    double y0 = ax_pos(&g->ya, 0);
    for (int self = 0; self < 2; self++) {
        for (size_t i = 0; i < m; i++) {
            if ((it[i].idx == in->self) != self) continue;
            cairo_rectangle(cr, cm_x(g, i) - g->bw / 2, ax_pos(&g->ya, it[i].v), g->bw,
                            y0 - ax_pos(&g->ya, it[i].v));
        }
        sc_style s = fill(self ? c->th->highlight : c->th->neutral);
        sc_add_path(c->sc, &s, self ? CH_TAG_SELF : CH_TAG_BAR);
    }
}

/* The country's label in the top margin and its leader line down to the
 * bar: the column above a bar is free, labels over neighbours are not. */
typedef struct cm_self_mark {
    size_t pos;                  /* its bar, or CH_NONE: no label */
    double size, x0, base;       /* the label: left edge, baseline */
    double lx, ly0, ly1;         /* the leader: x, top, bottom */
    double box[4], leader[4];
} cm_self_mark;

static void cm_self_plan(ch_ctx *c, const ch_compare_in *in, const cm_item *it, size_t m, const cm_geom *g,
                         cm_self_mark *s)
{
    memset(s, 0, sizeof *s);
    s->pos = CH_NONE;
    if (!in->self_label) return;
    size_t pos = 0;
    while (pos < m && it[pos].idx != in->self) pos++;
    if (pos == m) return;
    double size = line_size(c, in->self_label, c->th->size_label, 1, g->R - g->L);
    if (size < 0) return;
    double x = cm_x(g, pos), w = tw(c, in->self_label, size, 1);
    s->pos = pos;
    s->size = size;
    s->base = CH_PAD + c->th->size_label * SC_ASCENT;
    s->x0 = fmin(fmax(x - w / 2, g->L), g->R - w);
    s->lx = x;
    s->ly0 = s->base + size * SC_DESCENT + 1;
    s->ly1 = fmin(ax_pos(&g->ya, it[pos].v), ax_pos(&g->ya, 0)) - 1;
    text_rect(c, in->self_label, s->x0, s->base, size, 1, SC_ALIGN_LEFT, s->box);
    double l[4] = { x - 0.5, s->ly0, x + 0.5, s->ly1 };
    memcpy(s->leader, l, sizeof l);
}

static void cm_self_draw(ch_ctx *c, const ch_compare_in *in, const cm_self_mark *s)
{
    if (s->pos == CH_NONE) return;
    cairo_t *cr = sc_cr(c->sc);
    cairo_move_to(cr, s->lx, s->ly1);
    cairo_line_to(cr, s->lx, s->ly0);
    sc_style st = stroke(c->th->highlight, 0.75);
    sc_add_path(c->sc, &st, CH_TAG_SELF);
    put_text(c, in->self_label, s->x0, s->base, s->size, 1, SC_ALIGN_LEFT, c->th->highlight, CH_TAG_SELF_LABEL);
}

/* The median label: above or below its line; at the left end, just right
 * or left of the country's leader line, or at the right end. The first
 * place inside the plot clear of the country's label, its leader and the
 * bars; else the first clear of the label and the leader (over bars); at
 * the largest size, down to size_min, at which there is one. */
#define CM_PLACES 8
typedef struct median_fit {
    const ch_ctx *c;
    const ch_compare_in *in;
    const cm_item *it;
    size_t m;
    const cm_geom *g;
    const cm_self_mark *self;
    double x, y, size;           /* the place found */
    sc_align al;
    double box[4];
} median_fit;

static int median_place(const median_fit *f, double size, int i, double *x, double *y, sc_align *al)
{
    const cm_geom *g = f->g;
    double ly = ax_pos(&g->ya, limit(f->in->median));
    int col = i / 2, self = f->self->pos != CH_NONE;
    double half = g->bw / 2 + 2;
    *y = i % 2 ? ly + 3 + size * SC_ASCENT : ly - 3 - size * SC_DESCENT;
    switch (col) {
    case 0: *x = g->L + 2; *al = SC_ALIGN_LEFT; return 1;
    case 1: *x = f->self->lx + half; *al = SC_ALIGN_LEFT; return self;
    case 2: *x = f->self->lx - half; *al = SC_ALIGN_RIGHT; return self;
    default: *x = g->R; *al = SC_ALIGN_RIGHT; return 1;
    }
}

static int median_hits_bars(const median_fit *f, const double r[4])
{
    double y0 = ax_pos(&f->g->ya, 0);
    for (size_t i = 0; i < f->m; i++) {
        double x = cm_x(f->g, i), y = ax_pos(&f->g->ya, f->it[i].v);
        double b[4] = { x - f->g->bw / 2 - 1, fmin(y, y0) - 1, x + f->g->bw / 2 + 1, fmax(y, y0) };
        if (rects_overlap(b, r)) return 1;
    }
    return 0;
}

static int median_fits(void *ctx, double size)
{
    median_fit *f = ctx;
    const cm_self_mark *s = f->self;
    for (int pass = 0; pass < 2; pass++)
        for (int i = 0; i < CM_PLACES; i++) {
            double x, y, r[4];
            sc_align al;
            if (!median_place(f, size, i, &x, &y, &al)) continue;
            text_rect(f->c, f->in->median_label, x, y, size, 0, al, r);
            double p[4] = { r[0] - 1.5, r[1] - 1.5, r[2] + 1.5, r[3] + 1.5 };
            if (!rect_inside(r, f->g->L, f->g->top, f->g->R, f->c->h)) continue;
            if (s->pos != CH_NONE && (rects_overlap(p, s->box) || rects_overlap(p, s->leader))) continue;
            if (!pass && median_hits_bars(f, p)) continue;
            f->x = x;
            f->y = y;
            f->size = size;
            f->al = al;
            memcpy(f->box, r, sizeof r);
            return 1;
        }
    return 0;
}

/* Plans the median label (f->size 0: none). */
static void cm_median_plan(ch_ctx *c, const ch_compare_in *in, median_fit *f)
{
    f->size = 0;
    if (isnan(limit(in->median)) || !in->median_label) return;
    double size = fit_size(c->th->size_label, c->th->size_min, median_fits, f);
    if (size < 0) {
        sc_set_unfit(c->sc, in->median_label);
        f->size = 0;
        return;
    }
    median_fits(f, size);
}

static void cm_median_draw(ch_ctx *c, const ch_compare_in *in, const cm_geom *g, const median_fit *f)
{
    double med = limit(in->median);
    if (isnan(med)) return;
    double y = ax_pos(&g->ya, med);
    cairo_t *cr = sc_cr(c->sc);
    cairo_move_to(cr, g->L, y);
    cairo_line_to(cr, g->R, y);
    sc_style s = stroke(c->th->text, 0.9);
    s.dash_on = 3;
    s.dash_off = 2;
    sc_add_path(c->sc, &s, CH_TAG_MEDIAN);
    if (f->size > 0) put_text(c, in->median_label, f->x, f->y, f->size, 0, f->al, c->th->text, CH_TAG_MEDIAN_LABEL);
}

sc_scene *ch_compare(const ch_compare_in *in, const ch_theme *th, double w, double h)
{
    ch_ctx c = ctx_new(th, w, h);
    if (!in || (in->n && !in->values)) sc_set_error(c.sc, -1);
    if (sc_status(c.sc)) return c.sc;
    cm_item *it = ut_xmalloc((in->n ? in->n : 1) * sizeof *it);
    size_t m = 0;
    for (size_t i = 0; i < in->n; i++)
        if (!isnan(limit(in->values[i]))) it[m++] = (cm_item){ limit(in->values[i]), i };
    qsort(it, m, sizeof *it, cm_cmp);
    cm_geom g;
    if (m) cm_layout(&c, in, it, m, &g);
    if (!m || g.bottom - g.top < th->size_tick || g.R - g.L < 4) {
        if (!m) draw_nodata(&c, in->nodata_label, w / 2, h / 2);
        else sc_set_unfit(c.sc, NULL);   /* too small for a plot */
        free(it);
        return m ? c.sc : finish(&c);
    }
    /* Labels first, so that gridlines stop short of the median's. */
    cm_self_mark self;
    cm_self_plan(&c, in, it, m, &g, &self);
    median_fit mf = { .c = &c, .in = in, .it = it, .m = m, .g = &g, .self = &self };
    cm_median_plan(&c, in, &mf);
    if (mf.size > 0) keep_clear(&c, mf.box);
    draw_grid(&c, &g.ya, &g.yt, g.L, g.R);
    cm_bars(&c, in, it, m, &g);
    cm_self_draw(&c, in, &self);
    cm_median_draw(&c, in, &g, &mf);
    draw_tick_labels(&c, &g.ya, &g.yt, g.L - CH_GAP);
    free(it);
    return finish(&c);
}
