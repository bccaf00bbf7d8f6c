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

typedef struct ch_ctx {
    sc_scene *sc;
    const ch_theme *th;
    double w, h;
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
    ch_ctx c = { sc_new(w, h), th, w, h };
    if (!th || !th->text_width) sc_set_error(c.sc, -1);
    return c;
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

/* Horizontal gridlines across [x0, x1] at every tick and the zero line. */
static void draw_grid(ch_ctx *c, const ch_axis *a, const ch_ticks *t, double x0, double x1)
{
    cairo_t *cr = sc_cr(c->sc);
    for (int i = 0; i < t->n; i++) {
        if (t->v[i] == 0) continue;
        cairo_move_to(cr, x0, ax_pos(a, t->v[i]));
        cairo_line_to(cr, x1, ax_pos(a, t->v[i]));
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
    for (int i = 0; i < n; i++) {
        if (!labels[i] || !*labels[i]) continue;
        sw(c, i, x, baseline - size * CH_MID);
        put_text(c, labels[i], x + swatch_w + CH_GAP, baseline, size, 0, SC_ALIGN_LEFT, c->th->text, CH_TAG_LEGEND);
        x += swatch_w + CH_GAP + tw(c, labels[i], size, 0) + CH_LEGEND_SEP;
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
} trend_geom;

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
    for (int i = 0; i < d->ny; i++) d->ntrend += !isnan(d->trend[i]);
    d->target = limit(in->target);
}

/* The value range: zero, the observations and the target; the trend only
 * upwards — a falling projection is cut at the axis rather than stretching
 * it below the data. */
static void trend_range(const trend_data *d, double *lo, double *hi)
{
    *lo = *hi = 0;
    for (int i = 0; i < d->ny; i++) {
        if (!isnan(d->obs[i])) {
            *lo = fmin(*lo, d->obs[i]);
            *hi = fmax(*hi, d->obs[i]);
        }
        if (!isnan(d->trend[i])) *hi = fmax(*hi, d->trend[i]);
    }
    if (!isnan(d->target)) {   /* no headroom: its label can go under the line */
        *lo = fmin(*lo, d->target);
        *hi = fmax(*hi, d->target);
    }
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

/* Plot area, value axis and ticks. */
static void trend_layout(ch_ctx *c, const ch_trend_in *in, const trend_data *d, trend_geom *g)
{
    const ch_theme *th = c->th;
    double lo, hi;
    trend_range(d, &lo, &hi);
    g->top = CH_PAD + th->size_tick * 0.5;
    if (trend_has_legend(in, d)) g->top += th->size_label * (SC_ASCENT + SC_DESCENT) + 2 * CH_GAP;
    g->bottom = c->h - CH_PAD - th->size_tick * (SC_ASCENT + SC_DESCENT) - CH_GAP;
    g->ya = nice_axis(lo, hi, max_ticks_for(g->bottom - g->top, th->size_tick));
    g->ya.p_lo = g->bottom;
    g->ya.p_hi = g->top;
    make_ticks(c, &g->ya, in->fmt, in->fmt_ctx, &g->yt);
    g->L = CH_PAD + fmin(g->yt.wmax, c->w * 0.4) + CH_GAP;
    /* Year labels are centred on their year: the inset keeps the first
     * clear of the tick labels and the last inside the box. */
    g->xin = fmax(CH_DOT_R + 1, widest_year(c, in) / 2 - CH_GAP / 2);
    g->R = c->w - CH_PAD - CH_GAP / 2;
}

static void trend_years(ch_ctx *c, const ch_trend_in *in, const trend_geom *g, int ny)
{
    static const int steps[] = { 1, 2, 5, 10, 20, 50, 100 };
    double size = c->th->size_tick;
    double per = ny > 1 ? (g->R - g->L - 2 * g->xin) / (ny - 1) : 1e9;
    double need = widest_year(c, in) + CH_GAP * 1.5;
    int step = 200;
    for (size_t i = 0; i < sizeof steps / sizeof *steps; i++)
        if (steps[i] * per >= need) {
            step = steps[i];
            break;
        }
    double base = c->h - CH_PAD - size * SC_DESCENT;
    char buf[CH_LABEL_MAX];
    int drawn = 0;
    for (int i = 0; i < ny; i++) {
        int year = in->year0 + i;
        if (ny > 1 && year % step != 0) continue;
        place_text(c, year_label(in, year, buf, sizeof buf), c->w, trend_x(g, ny, i), base, size, 0,
                   SC_ALIGN_CENTER, c->th->text_muted, CH_TAG_TICK_LABEL);
        drawn++;
    }
    if (!drawn)
        place_text(c, year_label(in, in->year0, buf, sizeof buf), c->w, trend_x(g, ny, 0), base, size, 0,
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

/* The target label goes above or below the line, at the right or the left
 * end, wherever it first clears both series and stays in the plot; at the
 * largest size (down to size_min) at which some place in the plot holds it. */
typedef struct target_fit {
    ch_ctx *c;
    const ch_trend_in *in;
    const trend_geom *g;
    int ny;
    const double *ox, *oy, *tx, *ty;
    int pick;
} target_fit;

static void target_places(const target_fit *f, double size, double x[4], double y[4], sc_align al[4])
{
    double ly = ax_pos(&f->g->ya, f->in->target);
    double above = ly - 3 - size * SC_DESCENT, below = ly + 3 + size * SC_ASCENT;
    x[0] = x[2] = f->g->R;
    x[1] = x[3] = f->g->L + 2;
    y[0] = y[1] = above;
    y[2] = y[3] = below;
    al[0] = al[2] = SC_ALIGN_RIGHT;
    al[1] = al[3] = SC_ALIGN_LEFT;
}

/* First a place clear of both series, then any place in the plot (a label
 * over a line reads better than one over other text). */
static int target_fits(void *ctx, double size)
{
    target_fit *f = ctx;
    double x[4], y[4];
    sc_align al[4];
    target_places(f, size, x, y, al);
    f->pick = -1;
    for (int pass = 0; pass < 2 && f->pick < 0; pass++)
        for (int i = 0; i < 4 && f->pick < 0; i++) {
            double r[4];
            text_rect(f->c, f->in->target_label, x[i], y[i], size, 0, al[i], r);
            double p[4] = { r[0] - 1.5, r[1] - 1.5, r[2] + 1.5, r[3] + 1.5 };
            if (rect_inside(r, f->g->L, f->g->top - size * 0.5, f->g->R, f->g->bottom)
                && (pass || (!series_hits(f->ox, f->oy, f->ny, p) && !series_hits(f->tx, f->ty, f->ny, p))))
                f->pick = i;
        }
    return f->pick >= 0;
}

static void trend_target_label(ch_ctx *c, const ch_trend_in *in, const trend_geom *g, int ny,
                            const double *ox, const double *oy, const double *tx, const double *ty)
{
    target_fit f = { c, in, g, ny, ox, oy, tx, ty, -1 };
    double size = fit_size(c->th->size_label, c->th->size_min, target_fits, &f);
    if (size < 0) {
        sc_set_unfit(c->sc, in->target_label);
        return;
    }
    target_fits(&f, size);
    double x[4], y[4];
    sc_align al[4];
    target_places(&f, size, x, y, al);
    put_text(c, in->target_label, x[f.pick], y[f.pick], size, 0, al[f.pick], c->th->text, CH_TAG_TARGET_LABEL);
}

static void trend_draw(ch_ctx *c, const ch_trend_in *in, const trend_data *d, const trend_geom *g)
{
    const ch_theme *th = c->th;
    cairo_t *cr = sc_cr(c->sc);
    int ny = d->ny;
    double clip[4] = { g->L, g->top, g->R, g->bottom };
    double ox[CH_MAX_YEARS], oy[CH_MAX_YEARS], tx[CH_MAX_YEARS], ty[CH_MAX_YEARS];
    trend_points(g, d->obs, ny, ox, oy);
    trend_points(g, d->trend, ny, tx, ty);

    draw_grid(c, &g->ya, &g->yt, g->L, g->R);
    if (!isnan(d->target)) {
        cairo_move_to(cr, g->L, ax_pos(&g->ya, d->target));
        cairo_line_to(cr, g->R, ax_pos(&g->ya, d->target));
        sc_style s = target_line(th);
        sc_add_path(c->sc, &s, CH_TAG_TARGET);
    }
    polyline(cr, tx, ty, ny, clip);
    sc_style ts = trend_line(th);
    sc_add_path(c->sc, &ts, CH_TAG_TREND);
    polyline(cr, ox, oy, ny, clip);
    sc_style os = obs_line(th);
    sc_add_path(c->sc, &os, CH_TAG_OBSERVED);
    for (int i = 0; i < ny; i++)
        if (!isnan(ox[i])) dot(cr, ox[i], oy[i], CH_DOT_R);
    sc_style ds = obs_dot(th);
    sc_add_path(c->sc, &ds, CH_TAG_DOTS);

    const char *legend[2] = { d->nobs ? in->legend_obs : NULL, d->ntrend ? in->legend_trend : NULL };
    if (trend_has_legend(in, d))
        draw_legend(c, legend, 2, trend_swatch, CH_SWATCH, CH_PAD, CH_PAD + th->size_label * SC_ASCENT);
    draw_tick_labels(c, &g->ya, &g->yt, g->L - CH_GAP);
    trend_years(c, in, g, ny);
    if (!isnan(d->target) && in->target_label) trend_target_label(c, in, g, ny, ox, oy, tx, ty);
    if (!d->nobs) draw_nodata(c, in->nodata_label, (g->L + g->R) / 2, (g->top + g->bottom) / 2);
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
        return c.sc;
    }
    trend_geom g;
    trend_layout(&c, in, &d, &g);
    if (g.bottom - g.top < th->size_tick || g.R - g.L < 2 * g.xin + 1) {
        sc_set_unfit(c.sc, NULL);   /* a box too small for a plot: an error, not an empty chart */
        return c.sc;
    }
    trend_draw(&c, in, &d, &g);
    return c.sc;
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
        return c.sc;
    }
    br_layout L = br_place(&c, in);
    br_draw(&c, in, &L);
    return c.sc;
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
        square_swatch(c, (int)i, L->lx, y - L->size * CH_MID);
        put_text(c, in->slices[i].label, L->lx + sw + CH_GAP, y, L->size, 0, SC_ALIGN_LEFT, c->th->text,
                 CH_TAG_LEGEND);
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
        return c.sc;
    }
    dn_slices(&c, in, &L, total);
    if (in->center_label) dn_center(&c, in->center_label, &L);
    dn_legend(&c, in, &L);
    return c.sc;
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

/* The country's label sits in the top margin with a leader line down to
 * its bar: the column above a bar is free, labels over neighbours are not. */
static void cm_self(ch_ctx *c, const ch_compare_in *in, size_t pos, double v, const cm_geom *g,
                    double r[4])
{
    double x = cm_x(g, pos);
    double size = line_size(c, in->self_label, c->th->size_label, 1, g->R - g->L);
    if (size < 0) return;
    double base = CH_PAD + c->th->size_label * SC_ASCENT;
    const char *f = in->self_label;
    double w = tw(c, f, size, 1), x0 = fmin(fmax(x - w / 2, g->L), g->R - w);
    cairo_t *cr = sc_cr(c->sc);
    cairo_move_to(cr, x, fmin(ax_pos(&g->ya, v), ax_pos(&g->ya, 0)) - 1);
    cairo_line_to(cr, x, base + size * SC_DESCENT + 1);
    sc_style s = stroke(c->th->highlight, 0.75);
    sc_add_path(c->sc, &s, CH_TAG_SELF);
    put_text(c, f, x0, base, size, 1, SC_ALIGN_LEFT, c->th->highlight, CH_TAG_SELF_LABEL);
    text_rect(c, f, x0, base, size, 1, SC_ALIGN_LEFT, r);
}

/* The median label: left or right, above or below the line, the first
 * place inside the plot clear of the country's label; at the largest size,
 * down to size_min, at which some place inside the plot holds it. */
typedef struct median_fit {
    const ch_ctx *c;
    const ch_compare_in *in;
    const cm_geom *g;
    const double *self_r;
    int pick;
} median_fit;

static void median_places(const median_fit *f, double size, double x[4], double y[4], sc_align al[4])
{
    double ly = ax_pos(&f->g->ya, limit(f->in->median));
    for (int i = 0; i < 4; i++) {
        x[i] = i < 2 ? f->g->L + 2 : f->g->R;
        al[i] = i < 2 ? SC_ALIGN_LEFT : SC_ALIGN_RIGHT;
        y[i] = i % 2 ? ly + 3 + size * SC_ASCENT : ly - 3 - size * SC_DESCENT;
    }
}

static int median_fits(void *ctx, double size)
{
    median_fit *f = ctx;
    double x[4], y[4];
    sc_align al[4];
    median_places(f, size, x, y, al);
    f->pick = -1;
    for (int pass = 0; pass < 2 && f->pick < 0; pass++)
        for (int i = 0; i < 4 && f->pick < 0; i++) {
            double r[4];
            text_rect(f->c, f->in->median_label, x[i], y[i], size, 0, al[i], r);
            if (rect_inside(r, f->g->L, f->g->top, f->g->R, f->c->h)
                && (pass || !(f->self_r && rects_overlap(r, f->self_r))))
                f->pick = i;
        }
    return f->pick >= 0;
}

static void cm_median(ch_ctx *c, const ch_compare_in *in, const cm_geom *g, const double self_r[4])
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
    if (!in->median_label) return;
    median_fit f = { c, in, g, self_r, -1 };
    double size = fit_size(c->th->size_label, c->th->size_min, median_fits, &f);
    if (size < 0) {
        sc_set_unfit(c->sc, in->median_label);
        return;
    }
    median_fits(&f, size);
    double x[4], yy[4];
    sc_align al[4];
    median_places(&f, size, x, yy, al);
    put_text(c, in->median_label, x[f.pick], yy[f.pick], size, 0, al[f.pick], c->th->text, CH_TAG_MEDIAN_LABEL);
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
        return c.sc;
    }
    draw_grid(&c, &g.ya, &g.yt, g.L, g.R);
    cm_bars(&c, in, it, m, &g);
    double self_r[4], *sr = NULL;
    for (size_t i = 0; i < m; i++)
        if (it[i].idx == in->self && in->self_label) {
            cm_self(&c, in, i, it[i].v, &g, self_r);
            sr = self_r;
        }
    cm_median(&c, in, &g, sr);
    draw_tick_labels(&c, &g.ya, &g.yt, g.L - CH_GAP);
    free(it);
    return c.sc;
}
