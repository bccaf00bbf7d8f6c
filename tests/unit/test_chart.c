/* test_chart.c — unit tests of scene.c and chart.c: the structure of every
 * chart for normal and degenerate inputs (gaps, all NAN, one point, zero,
 * negative, 1e9, 60 categories, tiny boxes), every path point and text item
 * inside its box, no two text items overlapping; rendering to PDF (libharu),
 * PNG and SVG; SVG determinism; bytes and time per chart (printed).
 * Prints one line per failed check; exits 1 on failure.
 * CHART_KEEP=DIR keeps the rendered files in DIR (to look at them). */
#include "chart.h"
#include "scene.h"

#include <cairo.h>
#include <hpdf.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static int failures, checks;
#define CHECK(cond, ...)                                                    \
    do {                                                                    \
        checks++;                                                           \
        if (!(cond)) {                                                      \
            failures++;                                                     \
            printf("FAIL %s:%d: ", __FILE__, __LINE__);                     \
            printf(__VA_ARGS__);                                            \
            printf("\n");                                                   \
        }                                                                   \
    } while (0)

/* Box sizes of templates/profile.tpl. */
#define TREND_W 330
#define TREND_H 190
#define BARS_W 207
#define BARS_H 170
#define DONUT_W 160
#define DONUT_H 150
#define CMP_W 347
#define CMP_H 150
#define EPS 1e-6

static const char *font_regular, *font_bold;
static const char *keep_dir;   /* CHART_KEEP: every checked scene is also written as PNG */
static sc_ft *ft;
static ch_theme theme;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static const char *pick(const char *a, const char *b)
{
    return access(a, R_OK) == 0 ? a : b;
}

/* A formatter with thousands separators, as a layout would pass. */
static const char *fmt_grouped(void *ctx, double v, char *buf, size_t n)
{
    (void)ctx;
    char tmp[64];
    snprintf(tmp, sizeof tmp, "%.0f", fabs(v) < 0.5 ? 0 : v);
    size_t len = strlen(tmp), o = 0, digits = len - (tmp[0] == '-');
    for (size_t i = 0; i < len && o + 2 < n; i++) {
        buf[o++] = tmp[i];
        size_t left = len - i - 1;
        if (tmp[i] != '-' && left > 0 && left % 3 == 0 && digits > 3) buf[o++] = ',';
    }
    buf[o] = '\0';
    return buf;
}

/* ---- structural helpers -------------------------------------------------- */

typedef struct pcount { int move, line, curve, close; } pcount;

static pcount count_path(const cairo_path_t *p)
{
    pcount c = { 0 };
    for (int i = 0; i < p->num_data; i += p->data[i].header.length) {
        switch (p->data[i].header.type) {
        case CAIRO_PATH_MOVE_TO: c.move++; break;
        case CAIRO_PATH_LINE_TO: c.line++; break;
        case CAIRO_PATH_CURVE_TO: c.curve++; break;
        case CAIRO_PATH_CLOSE_PATH: c.close++; break;
        }
    }
    return c;
}

static int count_tag(const sc_scene *sc, int tag, sc_kind kind)
{
    int n = 0;
    for (size_t i = 0; i < sc_count(sc); i++)
        n += sc_item_at(sc, i)->tag == tag && sc_item_at(sc, i)->kind == kind;
    return n;
}

static const sc_item *find_tag(const sc_scene *sc, int tag, sc_kind kind)
{
    for (size_t i = 0; i < sc_count(sc); i++)
        if (sc_item_at(sc, i)->tag == tag && sc_item_at(sc, i)->kind == kind) return sc_item_at(sc, i);
    return NULL;
}

static int count_kind(const sc_scene *sc, sc_kind kind)
{
    int n = 0;
    for (size_t i = 0; i < sc_count(sc); i++) n += sc_item_at(sc, i)->kind == kind;
    return n;
}

static void check_items(const char *name, const sc_scene *sc);

/* A scene built completely: status 0, and check_items. */
static void check_scene(const char *name, const sc_scene *sc)
{
    CHECK(sc_status(sc) == 0, "%s: scene status %d (unfit text: %s)", name, sc_status(sc),
          sc_unfit_text(sc) ? sc_unfit_text(sc) : "none");
    const char *first = NULL;
    size_t n = ch_collisions(sc, sc_ft_width, ft, &first);
    CHECK(n == 0, "%s: %zu collisions, the first with \"%s\"", name, n, first ? first : "");
    check_items(name, sc);
}

/* A chart whose text does not fit at the smallest size (or whose box is too
 * small for it: want NULL) reports it: SC_UNFIT with that text; what was
 * drawn before still lies inside the box. Nothing is shortened: no item
 * ends with an ellipsis. */
static void check_unfit(const char *name, const sc_scene *sc, const char *want)
{
    const char *got = sc_unfit_text(sc);
    CHECK(sc_status(sc) == SC_UNFIT, "%s: status %d, expected SC_UNFIT", name, sc_status(sc));
    CHECK((!want && !got) || (want && got && !strcmp(want, got)), "%s: unfit text \"%s\", expected \"%s\"", name,
          got ? got : "(none)", want ? want : "(none)");
    check_items(name, sc);
}

/* Every path point and every text box inside the box; no two text boxes
 * overlapping; no text shortened with "…". */
static void check_items(const char *name, const sc_scene *sc)
{
    double w = sc_width(sc), h = sc_height(sc);
    if (keep_dir) {
        char path[4096];
        int n = snprintf(path, sizeof path, "%s/case-%s.png", keep_dir, name);
        for (int i = (int)strlen(keep_dir) + 1; i < n; i++)
            if (path[i] == ' ') path[i] = '-';
        sc_write_png(sc, path, 110, sc_ft_text, ft);
    }
    for (size_t i = 0; i < sc_count(sc); i++) {
        const sc_item *it = sc_item_at(sc, i);
        if (it->kind == SC_PATH) {
            /* On-curve points, and Bézier curves sampled (their control
             * points may lie outside while the curve does not). */
            const cairo_path_t *p = it->path;
            double cx = 0, cy = 0;
            for (int k = 0; k < p->num_data; k += p->data[k].header.length) {
                const cairo_path_data_t *d = &p->data[k];
                double pts[12][2];
                int np = 0;
                if (d->header.type == CAIRO_PATH_CURVE_TO) {
                    for (int j = 1; j <= 10; j++) {
                        double t = j / 10.0, u = 1 - t;
                        pts[np][0] = u * u * u * cx + 3 * u * u * t * d[1].point.x + 3 * u * t * t * d[2].point.x + t * t * t * d[3].point.x;
                        pts[np][1] = u * u * u * cy + 3 * u * u * t * d[1].point.y + 3 * u * t * t * d[2].point.y + t * t * t * d[3].point.y;
                        np++;
                    }
                    cx = d[3].point.x;
                    cy = d[3].point.y;
                } else if (d->header.type != CAIRO_PATH_CLOSE_PATH) {
                    pts[np][0] = cx = d[1].point.x;
                    pts[np][1] = cy = d[1].point.y;
                    np++;
                }
                for (int j = 0; j < np; j++) {
                    double x = pts[j][0], y = pts[j][1];
                    CHECK(x >= -EPS && x <= w + EPS && y >= -EPS && y <= h + EPS,
                          "%s: item %zu (tag %d): point (%.2f, %.2f) outside %gx%g", name, i, it->tag, x, y, w, h);
                }
            }
            continue;
        }
        CHECK(!strstr(it->text.utf8, "\xE2\x80\xA6"), "%s: text \"%s\" was shortened", name, it->text.utf8);
        double b[4];
        sc_text_box(&it->text, sc_ft_width, ft, b);
        CHECK(b[0] >= -EPS && b[1] >= -EPS && b[2] <= w + EPS && b[3] <= h + EPS,
              "%s: text \"%s\" [%.2f %.2f %.2f %.2f] outside %gx%g", name, it->text.utf8, b[0], b[1], b[2],
              b[3], w, h);
        for (size_t j = i + 1; j < sc_count(sc); j++) {
            const sc_item *o = sc_item_at(sc, j);
            if (o->kind != SC_TEXT) continue;
            double c[4];
            sc_text_box(&o->text, sc_ft_width, ft, c);
            int overlap = b[0] < c[2] - EPS && c[0] < b[2] - EPS && b[1] < c[3] - EPS && c[1] < b[3] - EPS;
            CHECK(!overlap, "%s: texts \"%s\" and \"%s\" overlap", name, it->text.utf8, o->text.utf8);
        }
    }
}

/* ---- inputs ---------------------------------------------------------------- */

#define Y0 2012
#define Y1 2030
#define NY (Y1 - Y0 + 1)

/* start + step·i with a small zigzag (collinear points would be merged
 * into one segment by cairo), up to last_year, NAN after. */
static void series(double *v, double start, double step, int last_year)
{
    for (int i = 0; i < NY; i++)
        v[i] = Y0 + i <= last_year ? start + step * i + (i % 2 ? step * 0.6 : 0) : NAN;
}

static ch_trend_in trend_in(const double *obs)
{
    ch_trend_in in = { 0 };
    in.year0 = Y0;
    in.year1 = Y1;
    in.obs = obs;
    in.target = 30;
    in.target_label = "Target 30";
    in.legend_obs = "Observed";
    in.legend_trend = "Trend and projection to 2030";
    in.nodata_label = "no data";
    in.fmt = fmt_grouped;
    return in;
}

static const ch_bar cadres[] = {
    { "Social workers", 1480, "1,480", 0 },
    { "Community development workers", 3120, "3,120", 1 },
    { "Child and youth care workers", NAN, NULL, 0 },
    { "Para social workers", 860, "860", 0 },
    { "Social service managers and supervisors", 215, "215", 0 },
};

static const ch_slice sectors[] = { { 62, "Government 62%" }, { 38, "Non-government 38%" } };

static double cmp_values[60];
static void fill_compare(void)
{
    for (int i = 0; i < 60; i++) cmp_values[i] = fmod(i * 37.0, 61) * 1.3 + (i % 7);
    cmp_values[5] = NAN;
    cmp_values[44] = NAN;
}

static ch_compare_in compare_in(size_t self)
{
    ch_compare_in in = { 0 };
    in.values = cmp_values;
    in.n = 60;
    in.self = self;
    in.self_label = "Kenya 41.3";
    in.median = 38.2;
    in.median_label = "Median 38.2";
    in.nodata_label = "no data";
    in.fmt = fmt_grouped;
    return in;
}

/* ---- scene tests ----------------------------------------------------------- */

static void test_scene(void)
{
    sc_scene *sc = sc_new(100, 50);
    cairo_t *cr = sc_cr(sc);
    sc_style st = { .paint = SC_STROKE, .stroke = sc_rgb(0x102030), .line_width = 1 };
    cairo_move_to(cr, 1, 1);
    sc_add_path(sc, &st, 7);
    CHECK(sc_count(sc) == 0, "a path that only moves is not kept");
    cairo_move_to(cr, 1, 1);
    cairo_line_to(cr, 50, 20);
    CHECK(sc_add_path(sc, &st, 7) == 0 && sc_count(sc) == 1, "path added");
    CHECK(sc_item_at(sc, 0)->tag == 7 && sc_item_at(sc, 0)->style.stroke.b > 0.18, "tag and style kept");
    sc_text t = { "Ab", 10, 20, 8, 0, SC_ALIGN_CENTER, { 0, 0, 0 } };
    CHECK(sc_add_text(sc, &t, 1) == 0 && sc_count(sc) == 2, "text added");
    double b[4];
    sc_text_box(&sc_item_at(sc, 1)->text, sc_ft_width, ft, b);
    double w = sc_ft_width(ft, "Ab", 8, 0);
    CHECK(fabs(b[0] - (10 - w / 2)) < 1e-9 && fabs(b[2] - (10 + w / 2)) < 1e-9, "centred text box");
    CHECK(fabs(b[1] - (20 - 8 * SC_ASCENT)) < 1e-9 && fabs(b[3] - (20 + 8 * SC_DESCENT)) < 1e-9, "text box height");
    sc_text bad = { "a\xC3", 0, 0, 8, 0, SC_ALIGN_LEFT, { 0, 0, 0 } };
    CHECK(sc_add_text(sc, &bad, 1) != 0, "invalid UTF-8 puts the scene in error");
    cairo_rectangle(cr, 0, 0, 5, 5);
    sc_add_path(sc, &st, 1);
    CHECK(sc_count(sc) == 2 && sc_status(sc) != 0, "errors are sticky: later adds do nothing");
    sc_free(sc);
    sc = sc_new(NAN, 10);
    CHECK(sc_status(sc) != 0, "a NAN width is an error");
    sc_free(sc);

    /* The measurer: 1000 units per em, hinting off, linear in size. */
    double w7 = sc_ft_width(ft, "Community development workers", 7, 0);
    double w14 = sc_ft_width(ft, "Community development workers", 14, 0);
    CHECK(w7 > 60 && w7 < 140 && fabs(w14 - 2 * w7) < 1e-6, "widths scale linearly (%.3f, %.3f)", w7, w14);
    CHECK(sc_ft_width(ft, "Social workers", 7, 1) > sc_ft_width(ft, "Social workers", 7, 0), "bold is wider");
    CHECK(sc_ft_open("/nonexistent.ttf", NULL) == NULL, "a missing font file gives NULL");
}

/* ---- chart tests ----------------------------------------------------------- */

static void test_trend(void)
{
    double obs[NY];
    series(obs, 12, 0.9, 2023);
    obs[2016 - Y0] = NAN;   /* a gap in the middle */
    ch_trend_in in = trend_in(obs);
    sc_scene *sc = ch_trend(&in, &theme, TREND_W, TREND_H);
    check_scene("trend", sc);
    const sc_item *o = find_tag(sc, CH_TAG_OBSERVED, SC_PATH);
    CHECK(o != NULL, "trend: observed path");
    if (o) {
        pcount pc = count_path(o->path);
        CHECK(pc.move == 2 && pc.line == 9, "trend: a gap breaks the line: %d moves, %d lines (2, 9)", pc.move, pc.line);
    }
    const sc_item *d = find_tag(sc, CH_TAG_DOTS, SC_PATH);
    CHECK(d && count_path(d->path).close == 11, "trend: one dot per observed year");
    const sc_item *t = find_tag(sc, CH_TAG_TREND, SC_PATH);
    CHECK(t && t->style.dash_on > 0, "trend: dashed trend line");
    const sc_item *g = find_tag(sc, CH_TAG_TARGET, SC_PATH);
    CHECK(g && g->style.dash_on > 0, "trend: dotted target line");
    CHECK(count_tag(sc, CH_TAG_TARGET_LABEL, SC_TEXT) == 1, "trend: target label");
    CHECK(count_tag(sc, CH_TAG_LEGEND, SC_TEXT) == 2, "trend: two legend entries");
    CHECK(count_tag(sc, CH_TAG_TICK_LABEL, SC_TEXT) >= 6, "trend: tick labels");
    CHECK(count_tag(sc, CH_TAG_NODATA, SC_TEXT) == 0, "trend: no no-data label");
    /* The gap year has no point: nothing of the observed path lies at the
     * x of 2016 (between the dots of 2015 and 2017). */
    if (o && d) {
        const cairo_path_t *p = o->path;
        double x15 = p->data[1].point.x + 3 * (p->data[3].point.x - p->data[1].point.x);
        for (int k = 0; k < p->num_data; k += p->data[k].header.length) {
            double x = p->data[k + 1].point.x;
            CHECK(!(x > x15 + 0.5 && x < x15 + 2 * (p->data[3].point.x - p->data[1].point.x) - 0.5),
                  "trend: a point drawn in the gap at x=%.2f", x);
        }
    }
    sc_free(sc);

    double a, b;
    double line[5] = { 1, 3, NAN, 7, 9 };
    CHECK(ch_least_squares(line, 5, &a, &b) == 0 && fabs(a - 1) < 1e-12 && fabs(b - 2) < 1e-12,
          "least squares: a=%g b=%g", a, b);
    CHECK(ch_least_squares(line, 1, &a, &b) != 0, "least squares needs two points");

    /* unfit: the text the chart reports it cannot fit ("" for a box too
     * small for the plot), NULL when it builds. */
    struct { const char *name; double start, step; int last; double w, h; const char *unfit; } cases[] = {
        { "trend empty", NAN, 0, 2030, TREND_W, TREND_H, NULL },
        { "trend one point", 14, 0, 2012, TREND_W, TREND_H, NULL },
        { "trend zeros", 0, 0, 2024, TREND_W, TREND_H, NULL },
        { "trend huge", 1e9, 2e7, 2024, TREND_W, TREND_H, NULL },
        { "trend negative", -5, 0.8, 2024, TREND_W, TREND_H, NULL },
        { "trend falling", 25, -2.2, 2022, TREND_W, TREND_H, NULL },
        { "trend tiny box", 12, 1, 2024, 40, 20, "" },
        { "trend narrow box", 12, 1, 2024, 90, 190, "Trend and projection to 2030" },
        { "trend flat box", 12, 1, 2024, 330, 40, "Target 30" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        series(obs, cases[i].start, cases[i].step, cases[i].last);
        in = trend_in(obs);
        if (isnan(cases[i].start)) in.target = NAN;
        sc = ch_trend(&in, &theme, cases[i].w, cases[i].h);
        if (cases[i].unfit) check_unfit(cases[i].name, sc, *cases[i].unfit ? cases[i].unfit : NULL);
        else check_scene(cases[i].name, sc);
        if (isnan(cases[i].start)) {
            CHECK(count_kind(sc, SC_PATH) == 0 && count_tag(sc, CH_TAG_NODATA, SC_TEXT) == 1,
                  "trend empty: only the no-data label");
        }
        if (cases[i].w == 40) {
            CHECK(count_tag(sc, CH_TAG_NODATA, SC_TEXT) == 0, "trend tiny box: no \"no data\" (it would be false)");
        }
        if (i == 1) {
            CHECK(!find_tag(sc, CH_TAG_OBSERVED, SC_PATH) && find_tag(sc, CH_TAG_DOTS, SC_PATH)
                  && !find_tag(sc, CH_TAG_TREND, SC_PATH), "trend one point: a dot, no line, no trend");
        }
        sc_free(sc);
    }

    /* A target with no observation: axes, target, the no-data label. */
    series(obs, NAN, 0, 2030);
    in = trend_in(obs);
    sc = ch_trend(&in, &theme, TREND_W, TREND_H);
    check_scene("trend target only", sc);
    CHECK(find_tag(sc, CH_TAG_TARGET, SC_PATH) && count_tag(sc, CH_TAG_NODATA, SC_TEXT) == 1,
          "trend target only: target and no-data label");
    sc_free(sc);

    /* A given projection is drawn as given, not fitted. */
    double proj[NY];
    series(obs, 10, 1, 2020);
    for (int i = 0; i < NY; i++) proj[i] = Y0 + i >= 2020 ? 18 + 2 * (i - 8) : NAN;
    in = trend_in(obs);
    in.trend = proj;
    sc = ch_trend(&in, &theme, TREND_W, TREND_H);
    check_scene("trend given projection", sc);
    t = find_tag(sc, CH_TAG_TREND, SC_PATH);
    o = find_tag(sc, CH_TAG_OBSERVED, SC_PATH);
    if (t && o) {
        const cairo_path_t *tp = t->path, *op = o->path;
        const cairo_path_data_t *last = &op->data[op->num_data - 2];   /* the last LINE_TO */
        CHECK(count_path(tp).move == 1 && fabs(tp->data[1].point.x - last[1].point.x) < 1e-9,
              "trend: the given projection starts at the last observation");
    } else {
        CHECK(0, "trend: given projection and observed paths");
    }
    sc_free(sc);

    in.year1 = in.year0 - 1;
    sc = ch_trend(&in, &theme, TREND_W, TREND_H);
    CHECK(sc_status(sc) != 0, "trend: year1 < year0 is an error");
    sc_free(sc);
}

/* The value of a tick label written by fmt_grouped (no separators below
 * 1,000). */
static double max_tick(const sc_scene *sc, double *ymax)
{
    double m = -INFINITY;
    for (size_t i = 0; i < sc_count(sc); i++) {
        const sc_item *it = sc_item_at(sc, i);
        if (it->kind != SC_TEXT || it->tag != CH_TAG_TICK_LABEL || it->text.align != SC_ALIGN_RIGHT) continue;
        double v = strtod(it->text.utf8, NULL);
        if (v > m) {
            m = v;
            if (ymax) *ymax = it->text.y;
        }
    }
    return m;
}

/* The y extent of a path's points. */
static void path_yrange(const sc_item *it, double *y0, double *y1)
{
    *y0 = INFINITY;
    *y1 = -INFINITY;
    const cairo_path_t *p = it->path;
    for (int k = 0; k < p->num_data; k += p->data[k].header.length)
        if (p->data[k].header.type != CAIRO_PATH_CLOSE_PATH) {
            *y0 = fmin(*y0, p->data[k + 1].point.y);
            *y1 = fmax(*y1, p->data[k + 1].point.y);
        }
}

/* The axis follows the data; a target far above them is drawn off the
 * scale: a label with an arrow at the top edge, no line. A target near the
 * data shares their axis (a dotted line). */
static void test_trend_target(void)
{
    static const double ratios[] = { 0.7, 1.3, 2.5, 6.5, 14.9 };
    for (size_t k = 0; k < sizeof ratios / sizeof *ratios; k++) {
        double obs[NY];
        series(obs, ratios[k], -ratios[k] * 0.01, 2024);
        ch_trend_in in = trend_in(obs);
        sc_scene *sc = ch_trend(&in, &theme, TREND_W, TREND_H);
        char name[64];
        snprintf(name, sizeof name, "trend %.1f, target 30", ratios[k]);
        check_scene(name, sc);
        double top = max_tick(sc, NULL);
        CHECK(top < 30 && top <= ratios[k] * 2.01, "%s: the axis ends at %g, not at the target", name, top);
        const sc_item *tg = find_tag(sc, CH_TAG_TARGET, SC_PATH);
        CHECK(tg && tg->style.paint == SC_FILL && count_path(tg->path).close == 1,
              "%s: the target is an arrow (a filled shape), not a line", name);
        const sc_item *tl = find_tag(sc, CH_TAG_TARGET_LABEL, SC_TEXT);
        const sc_item *o = find_tag(sc, CH_TAG_OBSERVED, SC_PATH);
        if (tl && tg && o) {
            double a0, a1, o0, o1;
            path_yrange(tg, &a0, &a1);
            path_yrange(o, &o0, &o1);
            CHECK(tl->text.y < TREND_H * 0.35 && a1 <= tl->text.y + 0.01, "%s: label and arrow at the top (y %.1f)",
                  name, tl->text.y);
            /* the data use the plot: their first years sit in its upper part */
            CHECK(o0 < TREND_H * 0.4, "%s: the observations reach y=%.1f (flattened?)", name, o0);
        } else {
            CHECK(0, "%s: target label, arrow and observed path", name);
        }
        sc_free(sc);
    }
    /* Near the data: one axis, a dotted line at 30. */
    double obs[NY];
    series(obs, 20, 0.2, 2024);
    ch_trend_in in = trend_in(obs);
    sc_scene *sc = ch_trend(&in, &theme, TREND_W, TREND_H);
    check_scene("trend 20, target 30", sc);
    const sc_item *tg = find_tag(sc, CH_TAG_TARGET, SC_PATH);
    CHECK(tg && (tg->style.paint & SC_STROKE) && tg->style.dash_on > 0 && max_tick(sc, NULL) >= 30,
          "trend 20, target 30: a dotted target line on the data's axis");
    sc_free(sc);
}

/* The fitted trend is one line over its years, the observations keep
 * their gaps; a given trend with a missing year inside its span is bridged. */
static void test_trend_continuous(void)
{
    double obs[NY];
    series(obs, 6.7, -0.05, 2024);
    obs[2017 - Y0] = obs[2020 - Y0] = obs[2022 - Y0] = NAN;
    ch_trend_in in = trend_in(obs);
    sc_scene *sc = ch_trend(&in, &theme, TREND_W, TREND_H);
    check_scene("trend with gaps", sc);
    const sc_item *t = find_tag(sc, CH_TAG_TREND, SC_PATH), *o = find_tag(sc, CH_TAG_OBSERVED, SC_PATH);
    CHECK(t && count_path(t->path).move == 1, "trend with gaps: the fitted line is unbroken (%d pieces)",
          t ? count_path(t->path).move : 0);
    /* 2012–16, 2018–19, 2023–24; 2021 alone is a dot */
    CHECK(o && count_path(o->path).move == 3, "trend with gaps: the observations break at each gap (%d pieces)",
          o ? count_path(o->path).move : 0);
    sc_free(sc);

    double given[NY];
    for (int i = 0; i < NY; i++) given[i] = i % 3 ? 5 + 0.1 * i : NAN;   /* every third year missing */
    given[0] = NAN;
    in.trend = given;
    sc = ch_trend(&in, &theme, TREND_W, TREND_H);
    check_scene("trend given with gaps", sc);
    t = find_tag(sc, CH_TAG_TREND, SC_PATH);
    CHECK(t && count_path(t->path).move == 1, "trend given with gaps: bridged into one line");
    sc_free(sc);
}

/* Year labels follow one rule: the first and the last year always, the
 * same step (the smallest of 1, 2, 5, 10... that fits, at most 10 labels)
 * between the others, the last interval one to two steps. */
static void test_trend_years(void)
{
    for (int y0 = 2005; y0 <= 2028; y0++) {
        double obs[NY];
        series(obs, 5, 0.1, 2024);
        ch_trend_in in = trend_in(obs);
        in.obs = obs + (y0 < Y0 ? 0 : y0 - Y0);
        in.year0 = y0;
        in.year1 = 2030;
        double buf[64];
        if (y0 < Y0) {   /* a longer axis than the series helper fills */
            for (int i = 0; i < 2030 - y0 + 1; i++) buf[i] = 5 + 0.1 * i;
            in.obs = buf;
        }
        sc_scene *sc = ch_trend(&in, &theme, TREND_W, TREND_H);
        char name[64];
        snprintf(name, sizeof name, "trend years %d-2030", y0);
        check_scene(name, sc);
        int years[64], n = 0;
        for (size_t i = 0; i < sc_count(sc) && n < 64; i++) {
            const sc_item *it = sc_item_at(sc, i);
            if (it->kind == SC_TEXT && it->tag == CH_TAG_TICK_LABEL && it->text.align == SC_ALIGN_CENTER)
                years[n++] = atoi(it->text.utf8);
        }
        int span = 2030 - y0, step = span + 1 <= 10 ? 1 : span / 2 + 1 <= 10 ? 2 : 5;
        CHECK(n >= 2 && years[0] == y0 && years[n - 1] == 2030 && n <= 10, "%s: %d labels, %d..%d", name, n,
              n ? years[0] : 0, n ? years[n - 1] : 0);
        for (int i = 1; i + 1 < n; i++)
            CHECK(years[i] - years[i - 1] == step, "%s: step %d between %d and %d (want %d)", name,
                  years[i] - years[i - 1], years[i - 1], years[i], step);
        if (n >= 2)
            CHECK(years[n - 1] - years[n - 2] >= step && years[n - 1] - years[n - 2] < 2 * step,
                  "%s: last interval %d", name, years[n - 1] - years[n - 2]);
        sc_free(sc);
    }
}

/* A negative value on an axis is written by the caller's formatter, so in
 * the language's number format (here with U+2212). */
static const char *fmt_minus(void *ctx, double v, char *buf, size_t n)
{
    (void)ctx;
    if (v < 0) snprintf(buf, n, "\u2212%g", -v);
    else snprintf(buf, n, "%g", v);
    return buf;
}

static void test_negative_labels(void)
{
    double obs[NY];
    series(obs, -5, 0.8, 2024);
    ch_trend_in in = trend_in(obs);
    in.fmt = fmt_minus;
    sc_scene *sc = ch_trend(&in, &theme, TREND_W, TREND_H);
    check_scene("trend negative, U+2212", sc);
    int minus = 0, hyphen = 0;
    for (size_t i = 0; i < sc_count(sc); i++) {
        const sc_item *it = sc_item_at(sc, i);
        if (it->kind != SC_TEXT || it->tag != CH_TAG_TICK_LABEL) continue;
        minus += strstr(it->text.utf8, "\u2212") != NULL;
        hyphen += strchr(it->text.utf8, '-') != NULL;
    }
    CHECK(minus > 0 && hyphen == 0, "trend negative: %d ticks with U+2212, %d with '-'", minus, hyphen);
    sc_free(sc);
}

static void test_bars(void)
{
    ch_bars_in in = { cadres, 5, NAN, "no data" };
    sc_scene *sc = ch_bars(&in, &theme, BARS_W, BARS_H);
    check_scene("bars", sc);
    CHECK(count_tag(sc, CH_TAG_BAR, SC_PATH) == 2, "bars: one path for the bars, one for the highlight");
    const sc_item *b = find_tag(sc, CH_TAG_BAR, SC_PATH);
    CHECK(b && count_path(b->path).close == 3, "bars: three plain bars (one is NAN, one highlighted)");
    CHECK(count_tag(sc, CH_TAG_NODATA, SC_TEXT) == 1, "bars: a no-data label");
    CHECK(count_tag(sc, CH_TAG_VALUE, SC_TEXT) == 4, "bars: four value labels");
    CHECK(count_tag(sc, CH_TAG_CATEGORY, SC_TEXT) >= 5, "bars: every category labelled");
    sc_free(sc);

    /* 60 categories, all NAN, zeros, huge, negative, empty, tiny box. */
    static ch_bar many[60];
    static char labels[60][48], values[60][24];
    for (int i = 0; i < 60; i++) {
        snprintf(labels[i], sizeof labels[i], "Cadre number %d with a long name", i + 1);
        snprintf(values[i], sizeof values[i], "%d", i * 13);
        many[i] = (ch_bar){ labels[i], i * 13.0, values[i], i == 7 };
    }
    in = (ch_bars_in){ many, 60, NAN, "no data" };
    sc = ch_bars(&in, &theme, BARS_W, BARS_H);
    check_unfit("bars 60", sc, "Cadre number 1 with a long name");   /* rows lower than the smallest text */
    sc_free(sc);
    sc = ch_bars(&in, &theme, BARS_W, 60 * 7.0);
    check_scene("bars 60 in a tall box", sc);
    sc_free(sc);

    ch_bar odd[4] = { { "Zero", 0, "0", 0 }, { "Huge", 1e9, "1,000,000,000", 0 },
                      { "Negative", -50, "-50", 1 }, { "Missing", NAN, "n/a", 0 } };
    in = (ch_bars_in){ odd, 4, NAN, "no data" };
    sc = ch_bars(&in, &theme, BARS_W, BARS_H);
    check_scene("bars odd", sc);
    sc_free(sc);
    for (int i = 0; i < 4; i++) odd[i].value = NAN;
    sc = ch_bars(&in, &theme, BARS_W, BARS_H);
    check_scene("bars all NAN", sc);
    CHECK(count_tag(sc, CH_TAG_NODATA, SC_TEXT) == 4, "bars all NAN: four no-data labels");
    sc_free(sc);
    in.n = 0;
    sc = ch_bars(&in, &theme, BARS_W, BARS_H);
    check_scene("bars empty", sc);
    sc_free(sc);
    in = (ch_bars_in){ cadres, 5, NAN, "no data" };
    sc = ch_bars(&in, &theme, 50, 30);
    check_unfit("bars tiny", sc, "Social workers");
    sc_free(sc);
}

/* The x extent of a path's points. */
static void path_xrange(const cairo_path_t *p, double *lo, double *hi)
{
    *lo = 1e9, *hi = -1e9;
    for (int i = 0; i < p->num_data; i += p->data[i].header.length)
        for (int k = 1; k < p->data[i].header.length; k++) {
            *lo = fmin(*lo, p->data[i + k].point.x);
            *hi = fmax(*hi, p->data[i + k].point.x);
        }
}

/* Right to left (issue 15, item 5): each legend swatch on its label's right,
 * labels flush right, entries from the right edge; the donut's ring beside
 * its legend on the right. Left to right: the mirror image. */
static void check_legend_side(const char *name, const sc_scene *sc, int rtl)
{
    const sc_item *txt[8], *sw[8];
    int nt = 0, ns = 0;
    for (size_t i = 0; i < sc_count(sc); i++) {
        const sc_item *it = sc_item_at(sc, i);
        if (it->tag != CH_TAG_LEGEND) continue;
        if (it->kind == SC_TEXT && nt < 8) txt[nt++] = it;
        /* the trend's observed swatch is a line and a dot: the line only */
        else if (it->kind == SC_PATH && ns < 8 && !(it->style.paint & SC_FILL && count_path(it->path).curve))
            sw[ns++] = it;
    }
    CHECK(nt >= 2 && nt == ns, "%s: %d legend labels, %d swatches", name, nt, ns);
    for (int i = 0; i < nt && i < ns; i++) {
        double lo, hi, w = theme.text_width(theme.text_ctx, txt[i]->text.utf8, txt[i]->text.size, 0);
        path_xrange(sw[i]->path, &lo, &hi);
        double tl = rtl ? txt[i]->text.x - w : txt[i]->text.x, tr = tl + w;
        CHECK(txt[i]->text.align == (rtl ? SC_ALIGN_RIGHT : SC_ALIGN_LEFT), "%s: label %d aligned %s", name, i,
              rtl ? "right" : "left");
        CHECK(rtl ? lo > tr : hi < tl, "%s: swatch %d [%.1f, %.1f] on the %s of its label [%.1f, %.1f]", name, i,
              lo, hi, rtl ? "right" : "left", tl, tr);
        if (i > 0 && txt[i]->text.y == txt[i - 1]->text.y)   /* one row: reading order */
            CHECK(rtl ? txt[i]->text.x < txt[i - 1]->text.x : txt[i]->text.x > txt[i - 1]->text.x,
                  "%s: entry %d follows entry %d %s", name, i, i - 1, rtl ? "leftwards" : "rightwards");
    }
}

static void test_legend_rtl(void)
{
    double obs[NY];
    series(obs, 12, 0.9, 2023);
    for (int rtl = 0; rtl <= 1; rtl++) {
        theme.rtl = rtl;
        ch_trend_in tin = trend_in(obs);
        sc_scene *sc = ch_trend(&tin, &theme, TREND_W, TREND_H);
        check_scene(rtl ? "trend rtl" : "trend ltr", sc);
        check_legend_side(rtl ? "trend rtl" : "trend ltr", sc, rtl);
        sc_free(sc);
        ch_donut_in din = { sectors, 2, "62%", "no data" };
        /* legend under the ring, and beside it (a wide box) */
        double wh[2][2] = { { DONUT_W, DONUT_H }, { 3 * DONUT_W, DONUT_H } };
        for (int k = 0; k < 2; k++) {
            sc = ch_donut(&din, &theme, wh[k][0], wh[k][1]);
            check_scene(rtl ? "donut rtl" : "donut ltr", sc);
            check_legend_side(rtl ? "donut rtl" : "donut ltr", sc, rtl);
            const sc_item *c = find_tag(sc, CH_TAG_CENTER, SC_TEXT);
            if (k == 1 && c)
                CHECK(rtl ? c->text.x > wh[k][0] / 2 : c->text.x < wh[k][0] / 2, "donut beside its legend: the ring "
                      "on the %s (centre at %.1f of %.0f)", rtl ? "right" : "left", c->text.x, wh[k][0]);
            sc_free(sc);
        }
    }
    theme.rtl = 0;
}

static void test_donut(void)
{
    ch_donut_in in = { sectors, 2, "62%", "no data" };
    sc_scene *sc = ch_donut(&in, &theme, DONUT_W, DONUT_H);
    check_scene("donut", sc);
    CHECK(count_tag(sc, CH_TAG_SLICE, SC_PATH) == 2, "donut: two slices");
    const sc_item *s = find_tag(sc, CH_TAG_SLICE, SC_PATH);
    CHECK(s && count_path(s->path).curve >= 4, "donut: arcs are Bézier curves");
    CHECK(count_tag(sc, CH_TAG_LEGEND, SC_TEXT) == 2 && count_tag(sc, CH_TAG_CENTER, SC_TEXT) == 1,
          "donut: legend and centre label");
    sc_free(sc);

    ch_slice odd[3] = { { NAN, "Government" }, { NAN, "Non-government" }, { NAN, "Not specified" } };
    in = (ch_donut_in){ odd, 3, NULL, "no data" };
    sc = ch_donut(&in, &theme, DONUT_W, DONUT_H);
    check_scene("donut all NAN", sc);
    CHECK(count_tag(sc, CH_TAG_RING, SC_PATH) == 1 && count_tag(sc, CH_TAG_NODATA, SC_TEXT) == 1,
          "donut all NAN: grey ring and no-data label");
    sc_free(sc);
    odd[0].value = 0;
    odd[1].value = -3;
    sc = ch_donut(&in, &theme, DONUT_W, DONUT_H);
    check_scene("donut zero total", sc);
    CHECK(count_tag(sc, CH_TAG_RING, SC_PATH) == 1, "donut zero total: grey ring");
    sc_free(sc);
    odd[2].value = 1e9;
    sc = ch_donut(&in, &theme, DONUT_W, DONUT_H);
    check_scene("donut one slice", sc);
    s = find_tag(sc, CH_TAG_SLICE, SC_PATH);
    CHECK(count_tag(sc, CH_TAG_SLICE, SC_PATH) == 1 && s && !(s->style.paint & SC_STROKE),
          "donut one slice: a full ring without a seam");
    sc_free(sc);
    static const ch_slice six[6] = { { 5, "A 5%" }, { 25, "B 25%" }, { 30, "C 30%" }, { 10, "D 10%" },
                                     { 20, "Very long category name 20%" }, { 10, "F 10%" } };
    in = (ch_donut_in){ six, 6, "100%", "no data" };
    sc = ch_donut(&in, &theme, DONUT_W, DONUT_H);
    check_scene("donut six", sc);
    sc_free(sc);
    sc = ch_donut(&in, &theme, 330, 120);
    check_scene("donut wide", sc);
    sc_free(sc);
    sc = ch_donut(&in, &theme, 30, 20);
    check_unfit("donut tiny", sc, "Very long category name 20%");
    sc_free(sc);
}

static void test_compare(void)
{
    ch_compare_in in = compare_in(17);
    sc_scene *sc = ch_compare(&in, &theme, CMP_W, CMP_H);
    check_scene("compare", sc);
    const sc_item *b = find_tag(sc, CH_TAG_BAR, SC_PATH);
    CHECK(b && count_path(b->path).close == 57, "compare: 57 other countries (2 NAN skipped)");
    const sc_item *s = find_tag(sc, CH_TAG_SELF, SC_PATH);
    CHECK(s && count_path(s->path).close == 1, "compare: one highlighted bar");
    CHECK(count_tag(sc, CH_TAG_SELF_LABEL, SC_TEXT) == 1 && count_tag(sc, CH_TAG_MEDIAN_LABEL, SC_TEXT) == 1
          && find_tag(sc, CH_TAG_MEDIAN, SC_PATH), "compare: labels and median line");
    /* Sorted: left to right, each bar at least as tall as the one before. */
    if (b) {
        const cairo_path_t *p = b->path;
        double lx = -1, ly = 1e9;
        int sorted = 1;
        for (int k = 0; k + 2 < p->num_data; k += p->data[k].header.length) {
            if (p->data[k].header.type != CAIRO_PATH_MOVE_TO || p->data[k + 2].header.type != CAIRO_PATH_LINE_TO)
                continue;
            double x = p->data[k + 1].point.x, y = p->data[k + 1].point.y;
            if (x <= lx || y > ly + 1e-9) sorted = 0;
            lx = x;
            ly = y;
        }
        CHECK(sorted, "compare: bars sorted by value");
    }
    sc_free(sc);

    in = compare_in(5);   /* the country has no value */
    sc = ch_compare(&in, &theme, CMP_W, CMP_H);
    check_scene("compare self NAN", sc);
    CHECK(count_tag(sc, CH_TAG_SELF_LABEL, SC_TEXT) == 0, "compare self NAN: no highlight");
    sc_free(sc);
    for (size_t self = 0; self < 60; self += 3) {
        in = compare_in(self);
        in.median = NAN;
        sc = ch_compare(&in, &theme, CMP_W, CMP_H);
        check_scene("compare any self", sc);
        sc_free(sc);
    }
    double odd[4] = { NAN, -20, 1e9, 0 };
    in = compare_in(1);
    in.values = odd;
    in.n = 4;
    in.median = 0;
    sc = ch_compare(&in, &theme, CMP_W, CMP_H);
    check_scene("compare odd", sc);
    sc_free(sc);
    double nan1[2] = { NAN, NAN };
    in.values = nan1;
    in.n = 2;
    sc = ch_compare(&in, &theme, CMP_W, CMP_H);
    check_scene("compare all NAN", sc);
    CHECK(count_tag(sc, CH_TAG_NODATA, SC_TEXT) == 1, "compare all NAN: no-data label");
    sc_free(sc);
    double one = 12;
    in.values = &one;
    in.n = 1;
    in.self = 0;
    sc = ch_compare(&in, &theme, CMP_W, CMP_H);
    check_scene("compare one", sc);
    sc_free(sc);
    in = compare_in(17);
    sc = ch_compare(&in, &theme, 60, 40);
    /* The median label has no place clear of the country's label and
     * leader: an error, not a label struck through. */
    check_unfit("compare tiny", sc, "Median 38.2");
    sc_free(sc);
}

/* The country at either end of its group (the leftmost bar: the median
 * label's usual place is where its leader line runs), with a few or many
 * countries: the median label never touches the leader, the country's
 * label or a gridline (the builder's check, ch_collisions), and it keeps
 * clear of the bars where a place allows. */
static void test_compare_leader(void)
{
    static const double east_asia[7] = { 2.5, 3.4, 10.2, 28.7, 42.9, 57.3, 78.6 };
    static const double east_africa[15] = { 1.2, 1.4, 1.9, 2.1, 2.6, 3.1, 6.5, 8.0,
                                            11.8, 11.9, 12.4, 15.6, 18.4, 35.1, 41.3 };
    struct { const double *v; size_t n; double median; } groups[] = {
        { east_asia, 7, 28.7 }, { east_africa, 15, 8.0 }, { cmp_values, 60, 38.2 } };
    for (size_t gi = 0; gi < 3; gi++) {
        for (size_t self = 0; self < groups[gi].n; self++) {
            ch_compare_in in = compare_in(self);
            in.values = groups[gi].v;
            in.n = groups[gi].n;
            in.median = groups[gi].median;
            in.self_label = "Kenya 6.5 \u00b7 Rank 9 of 15";
            sc_scene *sc = ch_compare(&in, &theme, CMP_W, CMP_H);
            char name[64];
            snprintf(name, sizeof name, "compare group %zu self %zu", gi, self);
            check_scene(name, sc);
            const sc_item *ml = find_tag(sc, CH_TAG_MEDIAN_LABEL, SC_TEXT);
            const sc_item *leader = NULL;
            for (size_t i = 0; i < sc_count(sc); i++) {
                const sc_item *it = sc_item_at(sc, i);
                if (it->kind == SC_PATH && it->tag == CH_TAG_SELF && (it->style.paint & SC_STROKE)) leader = it;
            }
            if (isnan(groups[gi].v[self])) {
                CHECK(!leader, "%s: a country without a value has no leader", name);
                sc_free(sc);
                continue;
            }
            CHECK(ml && leader, "%s: median label and leader line drawn", name);
            if (ml && leader) {
                double b[4];
                sc_text_box(&ml->text, sc_ft_width, ft, b);
                double lx = leader->path->data[1].point.x;
                CHECK(lx < b[0] || lx > b[2], "%s: the leader at x=%.1f strikes through \"%s\" [%.1f, %.1f]", name,
                      lx, ml->text.utf8, b[0], b[2]);
            }
            sc_free(sc);
        }
    }
}

/* ch_collisions, the builders' own check: texts against texts, lines and
 * dots; bars, slices and a line touching a box's edge do not count. */
static void test_collisions(void)
{
    sc_scene *sc = sc_new(200, 100);
    cairo_t *cr = sc_cr(sc);
    sc_text t = { "Median 8.0", 20, 50, 8, 0, SC_ALIGN_LEFT, { 0, 0, 0 } };
    sc_add_text(sc, &t, CH_TAG_MEDIAN_LABEL);
    const char *first = "x";
    CHECK(ch_collisions(sc, sc_ft_width, ft, &first) == 0 && first == NULL, "one text alone: no collision");
    double b[4];
    sc_text_box(&t, sc_ft_width, ft, b);
    sc_style line = { .paint = SC_STROKE, .stroke = sc_rgb(0), .line_width = 0.5 };
    cairo_move_to(cr, 0, b[1]);          /* along the box's top edge */
    cairo_line_to(cr, 200, b[1]);
    sc_add_path(sc, &line, CH_TAG_GRID);
    CHECK(ch_collisions(sc, sc_ft_width, ft, NULL) == 0, "a gridline touching the box's edge does not cross it");
    sc_style bar = { .paint = SC_FILL, .fill = sc_rgb(0x999999), .line_width = 1 };
    cairo_rectangle(cr, 25, 40, 10, 60);
    sc_add_path(sc, &bar, CH_TAG_BAR);
    CHECK(ch_collisions(sc, sc_ft_width, ft, NULL) == 0, "a bar under a label is allowed");
    cairo_move_to(cr, 0, (b[1] + b[3]) / 2);   /* a gridline through the text */
    cairo_line_to(cr, 200, (b[1] + b[3]) / 2);
    sc_add_path(sc, &line, CH_TAG_GRID);
    CHECK(ch_collisions(sc, sc_ft_width, ft, &first) == 1 && first && !strcmp(first, "Median 8.0"),
          "a gridline through a text: one collision, naming it");
    sc_free(sc);

    sc = sc_new(200, 100);
    cr = sc_cr(sc);
    sc_add_text(sc, &t, CH_TAG_MEDIAN_LABEL);
    cairo_move_to(cr, 30, 0);   /* a leader line down through the label */
    cairo_line_to(cr, 30, 90);
    sc_add_path(sc, &line, CH_TAG_SELF);
    CHECK(ch_collisions(sc, sc_ft_width, ft, NULL) == 1, "a leader line through a label");
    sc_free(sc);

    sc = sc_new(200, 100);
    cr = sc_cr(sc);
    sc_add_text(sc, &t, CH_TAG_TARGET_LABEL);
    sc_style dots = { .paint = SC_FILL | SC_STROKE, .fill = sc_rgb(0), .stroke = sc_rgb(0xFFFFFF), .line_width = 0.8 };
    cairo_new_sub_path(cr);
    cairo_arc(cr, (b[0] + b[2]) / 2, (b[1] + b[3]) / 2, 1, 0, 6.283);
    cairo_close_path(cr);
    sc_add_path(sc, &dots, CH_TAG_DOTS);
    CHECK(ch_collisions(sc, sc_ft_width, ft, NULL) == 1, "a dot inside a label's box");
    sc_text t2 = t;
    t2.x += 10;
    sc_add_text(sc, &t2, CH_TAG_LEGEND);
    CHECK(ch_collisions(sc, sc_ft_width, ft, NULL) == 3, "two overlapping texts, both on the dot: 3");
    sc_free(sc);

    sc = sc_new(200, 100);
    cr = sc_cr(sc);
    sc_text c = { "62%", 50, 53, 11, 1, SC_ALIGN_CENTER, { 0, 0, 0 } };
    sc_add_text(sc, &c, CH_TAG_CENTER);
    sc_style slice = { .paint = SC_FILL | SC_STROKE, .fill = sc_rgb(0x1D4E89), .stroke = sc_rgb(0xFFFFFF),
                       .line_width = 1 };
    cairo_new_sub_path(cr);
    cairo_arc(cr, 50, 50, 40, 0, 6);
    cairo_arc_negative(cr, 50, 50, 8, 6, 0);   /* a hole smaller than the text */
    cairo_close_path(cr);
    sc_add_path(sc, &slice, CH_TAG_SLICE);
    CHECK(ch_collisions(sc, sc_ft_width, ft, NULL) == 0, "donut slices are left out");
    sc_free(sc);
}

/* ---- the fitting rule (fit.h): shrink to size_min, else SC_UNFIT ----------- */

/* The size of the first text item with this tag (0: none). */
static double tag_size(const sc_scene *sc, int tag)
{
    const sc_item *it = find_tag(sc, tag, SC_TEXT);
    return it ? it->text.size : 0;
}

static const char *fmt_long(void *ctx, double v, char *buf, size_t n)
{
    (void)ctx;
    snprintf(buf, n, "%.0f social service workers per 100,000 people of all ages", v);
    return buf;
}

static void test_fit(void)
{
    double obs[NY];
    series(obs, 12, 0.9, 2023);
    ch_trend_in in = trend_in(obs);
    const char *longer = "Trend and projection to 2030 by least squares over every observed year";
    in.legend_trend = longer;
    sc_scene *sc = ch_trend(&in, &theme, TREND_W, TREND_H);
    check_scene("fit: a long legend shrinks", sc);
    double ls = tag_size(sc, CH_TAG_LEGEND);
    CHECK(ls < theme.size_label && ls >= theme.size_min, "fit: legend at %g pt (from %g, down to %g)", ls,
          theme.size_label, theme.size_min);
    CHECK(count_tag(sc, CH_TAG_LEGEND, SC_TEXT) == 2, "fit: both legend entries drawn");
    sc_free(sc);
    const char *too_long = "Tendance et projection linéaire de la série observée jusqu’en 2030, selon la méthode "
                           "des moindres carrés ordinaires appliquée aux ratios annuels";
    in.legend_trend = too_long;
    sc = ch_trend(&in, &theme, TREND_W, TREND_H);
    check_unfit("fit: a legend too long even at size_min", sc, too_long);
    sc_free(sc);
    in = trend_in(obs);
    in.target_label = "Target: 30 workers per 100,000 people, the national target adopted in 2021 by the ministry "
                      "in charge of social welfare after a consultation of every province";
    sc = ch_trend(&in, &theme, TREND_W, TREND_H);
    check_unfit("fit: a target label wider than the plot", sc, in.target_label);
    sc_free(sc);
    in = trend_in(obs);
    in.fmt = fmt_long;
    in.legend_trend = "Trend";
    sc = ch_trend(&in, &theme, 200, TREND_H);
    check_unfit("fit: tick labels wider than their column", sc,
                "30 social service workers per 100,000 people of all ages");
    sc_free(sc);

    ch_bar bars[3] = { { "Social workers", 10, "10", 0 },
                       { "Community development workers and other para-professionals of the social "
                         "service workforce", 20, "20", 0 },
                       { "Para social workers", NAN, NULL, 0 } };
    ch_bars_in bin = { bars, 3, NAN, "no data" };
    sc = ch_bars(&bin, &theme, BARS_W, BARS_H);
    check_unfit("fit: a category too long for its column", sc, bars[1].label);
    sc_free(sc);
    bars[1].label = "Community development workers";
    bin.nodata_label = "no data reported by the ministry for this cadre in any year";
    sc = ch_bars(&bin, &theme, BARS_W, BARS_H);
    check_unfit("fit: a no-data label wider than the bar area", sc, bin.nodata_label);
    sc_free(sc);

    ch_slice sl[2] = { { 62, "Government 62%" },
                       { 38, "Non-governmental organisations, faith-based and community groups 38%" } };
    ch_donut_in din = { sl, 2, "62%", "no data" };
    sc = ch_donut(&din, &theme, DONUT_W, DONUT_H);
    check_unfit("fit: a donut legend too long", sc, sl[1].label);
    sc_free(sc);
    sl[1].label = "Non-government 38%";
    din.center_label = "62 per cent of all workers";
    sc = ch_donut(&din, &theme, DONUT_W, DONUT_H);
    check_unfit("fit: a centre label wider than the hole", sc, din.center_label);
    sc_free(sc);

    ch_compare_in cin = compare_in(17);
    cin.self_label = "Saint Vincent and the Grenadines 41.3 · rank 12 of 58 in Latin America and the Caribbean, "
                     "2024, all sources, including the illustrative figures of the ministry and its partners";
    sc = ch_compare(&cin, &theme, CMP_W, CMP_H);
    check_unfit("fit: the country's label wider than the plot", sc, cin.self_label);
    sc_free(sc);
    cin = compare_in(17);
    cin.median_label = "Median of the comparison group (countries with data in 2024, all sources): 38.2 workers "
                       "per 100,000 people, illustrative figures included, as computed by the report";
    sc = ch_compare(&cin, &theme, CMP_W, CMP_H);
    check_unfit("fit: a median label wider than the plot", sc, cin.median_label);
    sc_free(sc);
}

/* ---- rendering ------------------------------------------------------------- */

typedef struct built { const char *name; sc_scene *sc; double x, y; } built;

/* One of each chart, at its place in templates/profile.tpl (pages 1 and 2
 * folded onto one page). */
static int build_all(built *out)
{
    static double obs[NY];
    series(obs, 12, 0.9, 2023);
    obs[2016 - Y0] = NAN;
    static ch_trend_in tin;
    tin = trend_in(obs);
    ch_bars_in bin = { cadres, 5, NAN, "no data" };
    ch_donut_in din = { sectors, 2, "62%", "no data" };
    ch_compare_in cin = compare_in(17);
    out[0] = (built){ "trend", ch_trend(&tin, &theme, TREND_W, TREND_H), 36, 60 };
    out[1] = (built){ "bars", ch_bars(&bin, &theme, BARS_W, BARS_H), 380, 60 };
    out[2] = (built){ "donut", ch_donut(&din, &theme, DONUT_W, DONUT_H), 36, 300 };
    out[3] = (built){ "compare", ch_compare(&cin, &theme, CMP_W, CMP_H), 212, 300 };
    return 4;
}

static void hpdf_error(HPDF_STATUS e, HPDF_STATUS detail, void *ud)
{
    (void)ud;
    printf("FAIL libharu error 0x%04X (detail %u)\n", (unsigned)e, (unsigned)detail);
    failures++;
}

static HPDF_Doc pdf_open(sc_hpdf_simple *fonts)
{
    HPDF_Doc pdf = HPDF_New(hpdf_error, NULL);
    HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
    HPDF_UseUTFEncodings(pdf);
    HPDF_SetCurrentEncoder(pdf, "UTF-8");
    if (fonts) {
        const char *r = HPDF_LoadTTFontFromFile(pdf, font_regular, HPDF_TRUE);
        const char *b = HPDF_LoadTTFontFromFile(pdf, font_bold, HPDF_TRUE);
        fonts->regular = HPDF_GetFont(pdf, r, "UTF-8");
        fonts->bold = HPDF_GetFont(pdf, b, "UTF-8");
    }
    return pdf;
}

static long file_size(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 ? (long)st.st_size : -1;
}

static int same_bytes(const char *a, const char *b)
{
    FILE *fa = fopen(a, "rb"), *fb = fopen(b, "rb");
    int same = fa && fb;
    while (same) {
        int ca = fgetc(fa), cb = fgetc(fb);
        if (ca != cb) same = 0;
        if (ca == EOF || cb == EOF) break;
    }
    if (fa) fclose(fa);
    if (fb) fclose(fb);
    return same;
}

/* The whole of a small file (NUL-terminated); owned. */
static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    char *buf = calloc(1, 1 << 20);
    size_t n = fread(buf, 1, (1 << 20) - 1, f);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

/* An SVG a screen reader can use: real text (escaped), role="img" named by
 * its <title> and <desc>, the language, fonts with fallbacks; right to
 * left, anchors keep the scene's visual alignment. A copied scene is moved. */
static void test_svg_text(const sc_scene *chart, const char *dir)
{
    sc_scene *sc = sc_new(100, 50);
    sc_text t = { .utf8 = "A < B & \"C\"", .x = 10, .y = 20, .size = 8, .bold = 1, .align = SC_ALIGN_LEFT };
    sc_add_text(sc, &t, 0);
    t = (sc_text){ .utf8 = "right", .x = 90, .y = 30, .size = 7.25, .align = SC_ALIGN_RIGHT };
    sc_add_text(sc, &t, 0);
    cairo_rectangle(sc_cr(sc), 1.5, 2, 3, 4);
    sc_style st = { .paint = SC_FILL, .fill = { 1, 0, 0 } };
    sc_add_path(sc, &st, 0);
    char path[512];
    snprintf(path, sizeof path, "%s/text.svg", dir);
    sc_svg_meta meta = { .title = "T & <t>", .desc = "D \"d\"", .lang = "ar", .rtl = 1, .font_family = "'Noto Sans Arabic', sans-serif" };
    CHECK(sc_write_svg(sc, path, &meta) == 0, "text.svg written");
    char *svg = slurp(path);
    const char *want[] = {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"100pt\" height=\"50pt\" viewBox=\"0 0 100 50\" role=\"img\" "
        "aria-labelledby=\"chart-title chart-desc\" lang=\"ar\" xml:lang=\"ar\" direction=\"rtl\" "
        "font-family=\"'Noto Sans Arabic', sans-serif\">\n<title id=\"chart-title\">T &amp; &lt;t&gt;</title>\n"
        "<desc id=\"chart-desc\">D &quot;d&quot;</desc>\n",
        "<text x=\"10\" y=\"20\" font-size=\"8\" font-weight=\"bold\" text-anchor=\"end\" fill=\"#000000\">A &lt; B &amp; &quot;C&quot;</text>\n",
        "<text x=\"90\" y=\"30\" font-size=\"7.25\" fill=\"#000000\">right</text>\n",
        "<path d=\"M1.5,2L4.5,2L4.5,6L1.5,6ZM1.5,2\" fill=\"#ff0000\"/>\n",
    };
    for (size_t i = 0; i < sizeof want / sizeof *want; i++)
        CHECK(svg && strstr(svg, want[i]), "text.svg lacks %s", want[i]);
    free(svg);
    /* A chart copied into a frame keeps its items, moved. */
    sc_scene *frame = sc_new(300, 300);
    CHECK(sc_add_scene(frame, chart, 10, 20) == 0 && sc_count(frame) == sc_count(chart), "sc_add_scene copies every item");
    for (size_t i = 0; i < sc_count(chart); i++)
        if (sc_item_at(chart, i)->kind == SC_TEXT) {
            CHECK(sc_item_at(frame, i)->text.x == sc_item_at(chart, i)->text.x + 10 &&
                  sc_item_at(frame, i)->text.y == sc_item_at(chart, i)->text.y + 20, "a copied text is moved");
            break;
        }
    sc_free(frame);
    sc_free(sc);
    remove(path);
}

static void test_render(const char *dir)
{
    built b[4];
    int n = build_all(b);
    char path[4096], path2[4096];

    /* PDF: one A4 page holding every chart. */
    sc_hpdf_simple fonts;
    HPDF_Doc pdf = pdf_open(&fonts);
    HPDF_Page page = HPDF_AddPage(pdf);
    HPDF_Page_SetSize(page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
    sc_fonts cb = { sc_hpdf_simple_text, &fonts };
    for (int i = 0; i < n; i++)
        CHECK(sc_render_hpdf(b[i].sc, page, b[i].x, b[i].y, &cb) == 0, "%s: rendered to PDF", b[i].name);
    snprintf(path, sizeof path, "%s/charts.pdf", dir);
    CHECK(HPDF_SaveToFile(pdf, path) == HPDF_OK, "PDF saved");
    long pdf_all = file_size(path);
    CHECK(pdf_all > 1000, "PDF not empty (%ld bytes)", pdf_all);
    /* The same widths in the PDF as in the layout (same TTF files). */
    const char *probe = "Community development workers 2030";
    double wf = sc_ft_width(ft, probe, 10, 0), wh = sc_hpdf_simple_width(&fonts, probe, 10, 0);
    CHECK(fabs(wf - wh) < wf * 0.005, "widths agree: FreeType %.3f pt, libharu %.3f pt", wf, wh);
    HPDF_Free(pdf);

    /* Bytes of the charts' geometry alone: the page with paths only, minus
     * an empty page. */
    pdf = pdf_open(NULL);
    page = HPDF_AddPage(pdf);
    snprintf(path2, sizeof path2, "%s/empty.pdf", dir);
    HPDF_SaveToFile(pdf, path2);
    HPDF_Free(pdf);
    long empty = file_size(path2);
    pdf = pdf_open(NULL);
    page = HPDF_AddPage(pdf);
    for (int i = 0; i < n; i++) sc_render_hpdf(b[i].sc, page, b[i].x, b[i].y, NULL);
    snprintf(path2, sizeof path2, "%s/paths.pdf", dir);
    HPDF_SaveToFile(pdf, path2);
    HPDF_Free(pdf);
    long paths = file_size(path2);
    printf("  pdf: %ld bytes with fonts and 4 charts; chart geometry %ld bytes (%.1f KB per chart, compressed)\n",
           pdf_all, paths - empty, (paths - empty) / 4.0 / 1024);

    /* PNG and SVG of each chart; the SVG twice, to check it is deterministic. */
    for (int i = 0; i < n; i++) {
        snprintf(path, sizeof path, "%s/%s.png", dir, b[i].name);
        CHECK(sc_write_png(b[i].sc, path, 144, sc_ft_text, ft) == 0 && file_size(path) > 500,
              "%s: PNG written", b[i].name);
        snprintf(path, sizeof path, "%s/%s.svg", dir, b[i].name);
        snprintf(path2, sizeof path2, "%s/%s.again.svg", dir, b[i].name);
        sc_svg_meta meta = { .title = "Workers & <cadres>", .desc = "Bar chart: \"x\"", .lang = "fr",
                             .font_family = "'Noto Sans', sans-serif" };
        CHECK(sc_write_svg(b[i].sc, path, &meta) == 0 && file_size(path) > 500,
              "%s: SVG written", b[i].name);
        CHECK(sc_write_svg(b[i].sc, path2, &meta) == 0, "%s: SVG written again", b[i].name);
        CHECK(same_bytes(path, path2), "%s: two SVG runs differ", b[i].name);
        remove(path2);
    }
    test_svg_text(b[0].sc, dir);
    snprintf(path, sizeof path, "%s/no/such/dir/x.png", "/proc/self");
    CHECK(sc_write_png(b[0].sc, path, 72, sc_ft_text, ft) != 0, "an unwritable PNG path is an error");
    for (int i = 0; i < n; i++) sc_free(b[i].sc);
}

/* Time to build each chart and replay it into a PDF page (with text). */
static void test_speed(void)
{
    enum { ROUNDS = 200 };
    sc_hpdf_simple fonts;
    HPDF_Doc pdf = pdf_open(&fonts);
    sc_fonts cb = { sc_hpdf_simple_text, &fonts };
    double build = 0, replay = 0;
    for (int r = 0; r < ROUNDS; r++) {
        HPDF_Page page = HPDF_AddPage(pdf);
        built b[4];
        double t0 = now();
        int n = build_all(b);
        double t1 = now();
        for (int i = 0; i < n; i++) sc_render_hpdf(b[i].sc, page, b[i].x, b[i].y, &cb);
        double t2 = now();
        build += t1 - t0;
        replay += t2 - t1;
        for (int i = 0; i < n; i++) sc_free(b[i].sc);
    }
    HPDF_Free(pdf);
    printf("  time per chart (this build): build %.3f ms, PDF replay %.3f ms\n",
           build / ROUNDS / 4 * 1e3, replay / ROUNDS / 4 * 1e3);
}

/* An Arabic chart font with a Latin fallback measures (and draws) Latin
 * letters with the fallback: the same width as the Latin font alone. */
static void test_fallback(void)
{
    const char *ar = pick("build/fonts/sswr-arabic-regular.ttf", "/usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf");
    const char *arb = pick("build/fonts/sswr-arabic-bold.ttf", "/usr/share/fonts/truetype/noto/NotoSansArabic-Bold.ttf");
    sc_ft *a = sc_ft_open(ar, arb);
    CHECK(a != NULL, "Arabic chart fonts open");
    if (!a) return;
    const char *latin = "Global Social Service Workforce Alliance";
    double alone = sc_ft_width(a, latin, 10, 0), want = sc_ft_width(ft, latin, 10, 0);
    CHECK(sc_ft_fallback(a, font_regular, font_bold) == 0, "fallback faces added");
    double with = sc_ft_width(a, latin, 10, 0);
    CHECK(fabs(with - want) < 1e-6 && fabs(alone - want) > 1, "Latin letters measured with the fallback: %.3f (Latin %.3f, without %.3f)",
          with, want, alone);
    double mixed = sc_ft_width(a, "\xd8\xa7\xd9\x84\xd9\x85\xd8\xb5\xd8\xaf\xd8\xb1: Report", 10, 0);
    CHECK(mixed > sc_ft_width(ft, ": Report", 10, 0), "a mixed line is the sum of its runs (%.3f)", mixed);
    cairo_surface_t *img = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 300, 40);
    cairo_t *cr = cairo_create(img);
    sc_text t = { .utf8 = (char *)latin, .x = 2, .y = 20, .size = 10, .align = SC_ALIGN_LEFT };
    CHECK(sc_ft_text(a, cr, &t) == 0, "drawn");
    cairo_destroy(cr);
    cairo_surface_destroy(img);
    sc_ft_close(a);
}

int main(void)
{
    font_regular = pick("build/fonts/sswr-latin-regular.ttf", "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf");
    font_bold = pick("build/fonts/sswr-latin-bold.ttf", "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf");
    ft = sc_ft_open(font_regular, font_bold);
    if (!ft) {
        printf("FAIL cannot load the fonts %s, %s\n", font_regular, font_bold);
        return 1;
    }
    ch_theme_default(&theme, sc_ft_width, ft);
    fill_compare();

    const char *keep = getenv("CHART_KEEP");
    char tmp[] = "/tmp/sswr-chart-XXXXXX";
    const char *dir = keep && *keep ? keep : mkdtemp(tmp);
    if (keep && *keep) {
        mkdir(keep, 0777);
        keep_dir = keep;
    }

    test_scene();
    test_trend();
    test_trend_target();
    test_trend_continuous();
    test_trend_years();
    test_negative_labels();
    test_collisions();
    test_bars();
    test_donut();
    test_legend_rtl();
    test_fallback();
    test_compare();
    test_compare_leader();
    test_fit();
    if (dir) test_render(dir);
    else CHECK(0, "cannot create a temporary folder");
    test_speed();

    if (!(keep && *keep) && dir) {
        char cmd[256];
        snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
        if (system(cmd) != 0) printf("warning: could not remove %s\n", dir);
    }
    sc_ft_close(ft);
    cairo_debug_reset_static_data();
    printf("%d checks, %d failed\n", checks, failures);
    return failures ? 1 : 0;
}
