/* chartfile.c — a chart as files to reuse on a slide or a web page (see
 * chartfile.h): the chart's scene framed by its title, the country and year,
 * and its source, written as a PNG at twice the profiles' resolution and as
 * an SVG with real text, a <title> and a <desc> (the chart's alternative
 * text). */
#include "chartfile.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

#define CX_PAD 12.0           /* white margin around everything, points */
#define CX_TITLE_SIZE 11.0
#define CX_SUB_SIZE 8.5
#define CX_SOURCE_SIZE 6.5
#define CX_LEADING 1.25       /* line height, × size */
#define CX_MAX_LINES 4        /* of one text; more shrink it */

const char *cx_font_family(const char *script)
{
    if (script && !strcmp(script, "arabic"))
        return "'Noto Sans Arabic', 'Noto Naskh Arabic', 'Segoe UI', Tahoma, Arial, sans-serif";
    if (script && !strcmp(script, "cjk"))
        return "'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', "
               "'Microsoft YaHei', 'PingFang SC', sans-serif";
    return "'Noto Sans', Arial, Helvetica, sans-serif";
}

/* Length in bytes of the UTF-8 sequence starting with c. */
static size_t seq_len(unsigned char c)
{
    return c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
}

/* Splits s into lines no wider than w: at spaces, and inside a word that
 * is wider alone (scripts written without spaces). Returns the count. */
static size_t wrap(const char *s, double size, int bold, double w, sc_width_fn width, void *ctx,
                   char ***out)
{
    char **lines = NULL;
    size_t n = 0, cap = 0;
    ut_buf cur = { 0 };
    const char *p = s;
    while (*p) {
        /* The next piece: a word with the spaces before it, or one
         * character of a word too wide for a line. */
        const char *q = p;
        while (*q == ' ') q++;
        while (*q && *q != ' ') q++;
        ut_buf trial = { 0 };
        ut_buf_add(&trial, cur.data ? cur.data : "", cur.len);
        ut_buf_add(&trial, cur.len ? p : p + strspn(p, " "), (size_t)(q - (cur.len ? p : p + strspn(p, " "))));
        int fits = width(ctx, trial.data, size, bold) <= w;
        if (fits || !cur.len) {
            if (!fits) {   /* alone too wide: take characters while they fit */
                const char *a = p + strspn(p, " "), *e = a;
                ut_buf part = { 0 };
                while (e < q) {
                    size_t k = seq_len((unsigned char)*e);
                    ut_buf_add(&part, e, k);
                    if (part.len > k && width(ctx, part.data, size, bold) > w) break;
                    e += k;
                }
                ut_buf_free(&part);
                ut_buf_free(&trial);
                ut_buf_add(&cur, a, (size_t)(e - a));
                if (e < q) {
                    ut_grow(&lines, &cap, n + 1, sizeof *lines);
                    lines[n++] = cur.data;
                    cur = (ut_buf){ 0 };
                }
                p = e;
                continue;
            }
            ut_buf_free(&cur);
            cur = trial;
            p = q;
        } else {
            ut_buf_free(&trial);
            ut_grow(&lines, &cap, n + 1, sizeof *lines);
            lines[n++] = cur.data;
            cur = (ut_buf){ 0 };
            p += strspn(p, " ");
        }
    }
    if (cur.len) {
        ut_grow(&lines, &cap, n + 1, sizeof *lines);
        lines[n++] = cur.data;
    } else {
        ut_buf_free(&cur);
    }
    *out = lines;
    return n;
}

/* A text's lines at a size that keeps them to CX_MAX_LINES (down to half). */
typedef struct block { char **lines; size_t n; double size; int bold; sc_color color; } block;

static block block_of(const char *s, double size, int bold, sc_color c, double w, sc_width_fn width, void *ctx)
{
    block b = { NULL, 0, size, bold, c };
    if (!s || !*s) return b;
    for (;;) {
        b.n = wrap(s, b.size, bold, w, width, ctx, &b.lines);
        if (b.n <= CX_MAX_LINES || b.size <= size / 2) break;
        for (size_t i = 0; i < b.n; i++) free(b.lines[i]);
        free(b.lines);
        b.size -= 0.5;
    }
    return b;
}

static double block_height(const block *b) { return (double)b->n * b->size * CX_LEADING; }

static void block_add(sc_scene *sc, block *b, double y, double w, int rtl)
{
    for (size_t i = 0; i < b->n; i++) {
        sc_text t = { .utf8 = b->lines[i], .x = rtl ? CX_PAD + w : CX_PAD,
                      .y = y + b->size * (0.95 + CX_LEADING * (double)i), .size = b->size, .bold = b->bold,
                      .align = rtl ? SC_ALIGN_RIGHT : SC_ALIGN_LEFT, .color = b->color };
        sc_add_text(sc, &t, 0);
        free(b->lines[i]);
    }
    free(b->lines);
    b->lines = NULL;
}

sc_scene *cx_frame(const sc_scene *chart, const cx_info *in, sc_width_fn width, void *ctx)
{
    double cw = sc_width(chart), w = cw > 240 ? cw : 240;   /* room for a title beside a small chart */
    block title = block_of(in->title, CX_TITLE_SIZE, 1, in->ink, w, width, ctx);
    block sub = block_of(in->subtitle, CX_SUB_SIZE, 0, in->muted, w, width, ctx);
    block src = block_of(in->source, CX_SOURCE_SIZE, 0, in->muted, w, width, ctx);
    double y = CX_PAD, head = block_height(&title) + block_height(&sub) + 8;
    double total = CX_PAD + head + sc_height(chart) + 8 + block_height(&src) + CX_PAD;
    sc_scene *sc = sc_new(w + 2 * CX_PAD, ceil(total));
    block_add(sc, &title, y, w, in->rtl);
    y += block_height(&title);
    block_add(sc, &sub, y, w, in->rtl);
    y += block_height(&sub) + 8;
    sc_add_scene(sc, chart, CX_PAD + (w - cw) / 2, y);
    y += sc_height(chart) + 8;
    block_add(sc, &src, y, w, in->rtl);
    return sc;
}

/* The PNG's resolution: CX_DPI, or less for a chart so large (the report's
 * ranked chart is 1,700 points tall) that it would take more than
 * CX_MAX_PIXELS: its image, held whole while it is encoded, was a build's
 * largest allocation (50 MB at 300 dpi). */
static double png_dpi(const sc_scene *sc)
{
    double px = sc_width(sc) * sc_height(sc) * (CX_DPI / 72.0) * (CX_DPI / 72.0);
    return px > CX_MAX_PIXELS ? floor(CX_DPI * sqrt(CX_MAX_PIXELS / px)) : CX_DPI;
}

int cx_write(const sc_scene *chart, const cx_info *in, sc_ft *ft, const char *png, const char *svg)
{
    sc_scene *sc = cx_frame(chart, in, sc_ft_width, ft);
    sc_svg_meta meta = { .title = in->title, .desc = in->alt, .lang = in->lang, .rtl = in->rtl,
                         .font_family = in->font_family };
    int e = sc_status(sc);
    if (!e && png) e = sc_write_png(sc, png, png_dpi(sc), sc_ft_text, ft);
    if (!e && svg) e = sc_write_svg(sc, svg, &meta);
    sc_free(sc);
    return e;
}
