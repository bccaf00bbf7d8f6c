/* scene.c — chart display lists and their libharu and cairo renderers (see
 * scene.h). */
#include "scene.h"
#include "outfile.h"
#include "util.h"

#include <math.h>
#include <stdint.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include <cairo-ft.h>
#include <ft2build.h>
#include FT_FREETYPE_H

struct sc_scene {
    double w, h;
    int status;
    char *unfit;                /* SC_UNFIT: the text that did not fit */
    cairo_surface_t *surface;   /* 1×1, only to host the path builder */
    cairo_t *cr;
    sc_item *v;
    size_t n, cap;
};

sc_color sc_rgb(unsigned hex)
{
    return (sc_color){ ((hex >> 16) & 0xff) / 255.0, ((hex >> 8) & 0xff) / 255.0,
                       (hex & 0xff) / 255.0 };
}

void sc_set_error(sc_scene *sc, int status)
{
    if (!sc->status) sc->status = status;
}

void sc_set_unfit(sc_scene *sc, const char *utf8)
{
    if (sc->status) return;
    sc->status = SC_UNFIT;
    sc->unfit = utf8 ? ut_xstrdup(utf8) : NULL;
}

const char *sc_unfit_text(const sc_scene *sc)
{
    return sc->unfit;
}

sc_scene *sc_new(double w, double h)
{
    sc_scene *sc = ut_xcalloc(1, sizeof *sc);
    sc->w = w;
    sc->h = h;
    sc->surface = cairo_image_surface_create(CAIRO_FORMAT_A8, 1, 1);
    sc->cr = cairo_create(sc->surface);
    sc_set_error(sc, (int)cairo_status(sc->cr));
    if (!isfinite(w) || !isfinite(h) || w < 0 || h < 0) sc_set_error(sc, -1);
    return sc;
}

void sc_free(sc_scene *sc)
{
    if (!sc) return;
    for (size_t i = 0; i < sc->n; i++) {
        if (sc->v[i].path) cairo_path_destroy(sc->v[i].path);
        free(sc->v[i].text.utf8);
    }
    free(sc->v);
    free(sc->unfit);
    cairo_destroy(sc->cr);
    cairo_surface_destroy(sc->surface);
    free(sc);
}

double sc_width(const sc_scene *sc) { return sc->w; }
double sc_height(const sc_scene *sc) { return sc->h; }
int sc_status(const sc_scene *sc) { return sc->status; }
cairo_t *sc_cr(sc_scene *sc) { return sc->cr; }
size_t sc_count(const sc_scene *sc) { return sc->n; }

const sc_item *sc_item_at(const sc_scene *sc, size_t i)
{
    return i < sc->n ? &sc->v[i] : NULL;
}

static sc_item *push(sc_scene *sc)
{
    ut_grow(&sc->v, &sc->cap, sc->n + 1, sizeof *sc->v);
    sc_item *it = &sc->v[sc->n++];
    memset(it, 0, sizeof *it);
    return it;
}

/* A path that only moves draws nothing; keeping it out of the list keeps
 * the PDF free of empty `m S` sequences. */
static int draws_something(const cairo_path_t *p)
{
    for (int i = 0; i < p->num_data; i += p->data[i].header.length)
        if (p->data[i].header.type != CAIRO_PATH_MOVE_TO) return 1;
    return 0;
}

int sc_add_path(sc_scene *sc, const sc_style *st, int tag)
{
    if (!sc->status) sc_set_error(sc, (int)cairo_status(sc->cr));
    if (sc->status) {
        cairo_new_path(sc->cr);
        return sc->status;
    }
    cairo_path_t *p = cairo_copy_path(sc->cr);
    cairo_new_path(sc->cr);
    if (p->status) {
        sc_set_error(sc, (int)p->status);
        cairo_path_destroy(p);
        return sc->status;
    }
    if (!draws_something(p)) {
        cairo_path_destroy(p);
        return 0;
    }
    sc_item *it = push(sc);
    it->kind = SC_PATH;
    it->tag = tag;
    it->path = p;
    it->style = *st;
    return 0;
}

int sc_add_text(sc_scene *sc, const sc_text *t, int tag)
{
    if (sc->status) return sc->status;
    size_t len = strlen(t->utf8);
    if (ut_utf8_check(t->utf8, len) != len || !isfinite(t->x) || !isfinite(t->y)
        || !(t->size > 0)) {
        sc_set_error(sc, -1);
        return sc->status;
    }
    if (len == 0) return 0;
    sc_item *it = push(sc);
    it->kind = SC_TEXT;
    it->tag = tag;
    it->text = *t;
    it->text.utf8 = ut_xstrdup(t->utf8);
    return 0;
}

int sc_add_scene(sc_scene *sc, const sc_scene *src, double dx, double dy)
{
    if (!sc->status && src->status) sc_set_error(sc, src->status);
    for (size_t i = 0; i < src->n && !sc->status; i++) {
        const sc_item *it = &src->v[i];
        if (it->kind == SC_TEXT) {
            sc_text t = it->text;
            t.x += dx;
            t.y += dy;
            sc_add_text(sc, &t, it->tag);
            continue;
        }
        const cairo_path_t *p = it->path;
        cairo_new_path(sc->cr);
        for (int k = 0; k < p->num_data; k += p->data[k].header.length) {
            const cairo_path_data_t *d = &p->data[k];
            switch (d->header.type) {
            case CAIRO_PATH_MOVE_TO: cairo_move_to(sc->cr, d[1].point.x + dx, d[1].point.y + dy); break;
            case CAIRO_PATH_LINE_TO: cairo_line_to(sc->cr, d[1].point.x + dx, d[1].point.y + dy); break;
            case CAIRO_PATH_CURVE_TO:
                cairo_curve_to(sc->cr, d[1].point.x + dx, d[1].point.y + dy, d[2].point.x + dx,
                               d[2].point.y + dy, d[3].point.x + dx, d[3].point.y + dy);
                break;
            case CAIRO_PATH_CLOSE_PATH: cairo_close_path(sc->cr); break;
            }
        }
        sc_add_path(sc, &it->style, it->tag);
    }
    return sc->status;
}

void sc_text_box(const sc_text *t, sc_width_fn width, void *ctx, double box[4])
{
    double w = width(ctx, t->utf8, t->size, t->bold);
    double x0 = t->align == SC_ALIGN_LEFT ? t->x
              : t->align == SC_ALIGN_CENTER ? t->x - w / 2 : t->x - w;
    box[0] = x0;
    box[1] = t->y - SC_ASCENT * t->size;
    box[2] = x0 + w;
    box[3] = t->y + SC_DESCENT * t->size;
}

static double align_offset(sc_align a, double w)
{
    return a == SC_ALIGN_CENTER ? w / 2 : a == SC_ALIGN_RIGHT ? w : 0;
}

/* ---- libharu ---------------------------------------------------------- */

/* What the page's graphics state holds, so a chart sets each parameter
 * only when it changes (a chart of 30 items needs a handful of operators). */
typedef struct hp_state {
    int known;               /* stroke parameters hold what is recorded here */
    int fill_known;          /* the fill colour does */
    sc_color fill, stroke;
    double width;
    unsigned dash_on, dash_off;
    sc_cap cap;
    sc_join join;
} hp_state;

static int same_color(sc_color a, sc_color b)
{
    return a.r == b.r && a.g == b.g && a.b == b.b;
}

static HPDF_STATUS hp_style(HPDF_Page page, hp_state *s, const sc_style *st)
{
    static const HPDF_LineCap caps[] = { HPDF_BUTT_END, HPDF_ROUND_END, HPDF_PROJECTING_SCUARE_END };
    static const HPDF_LineJoin joins[] = { HPDF_MITER_JOIN, HPDF_ROUND_JOIN, HPDF_BEVEL_JOIN };
    HPDF_STATUS e = 0;
    if ((st->paint & SC_FILL) && (!s->fill_known || !same_color(s->fill, st->fill))) {
        if (!e) e = HPDF_Page_SetRGBFill(page, (HPDF_REAL)st->fill.r, (HPDF_REAL)st->fill.g,
                                         (HPDF_REAL)st->fill.b);
        s->fill = st->fill;
        s->fill_known = 1;
    }
    if (!(st->paint & SC_STROKE)) return e;
    if (!s->known || !same_color(s->stroke, st->stroke))
        if (!e) e = HPDF_Page_SetRGBStroke(page, (HPDF_REAL)st->stroke.r, (HPDF_REAL)st->stroke.g,
                                           (HPDF_REAL)st->stroke.b);
    if (!s->known || s->width != st->line_width)
        if (!e) e = HPDF_Page_SetLineWidth(page, (HPDF_REAL)st->line_width);
    if (!s->known || s->dash_on != st->dash_on || s->dash_off != st->dash_off) {
        HPDF_UINT16 ptn[2] = { (HPDF_UINT16)st->dash_on,
                               (HPDF_UINT16)(st->dash_off ? st->dash_off : st->dash_on) };
        if (!e) e = st->dash_on ? HPDF_Page_SetDash(page, ptn, 2, 0)
                                : HPDF_Page_SetDash(page, NULL, 0, 0);
    }
    if (!s->known || s->cap != st->cap)
        if (!e) e = HPDF_Page_SetLineCap(page, caps[st->cap]);
    if (!s->known || s->join != st->join)
        if (!e) e = HPDF_Page_SetLineJoin(page, joins[st->join]);
    s->stroke = st->stroke;
    s->width = st->line_width;
    s->dash_on = st->dash_on;
    s->dash_off = st->dash_off;
    s->cap = st->cap;
    s->join = st->join;
    s->known = 1;
    return e;
}

static HPDF_STATUS hp_path(HPDF_Page page, const cairo_path_t *p, double ox, double oy)
{
    /* PDF y grows upwards: page y = oy - scene y, with oy the page y of the
     * box's top edge. */
    HPDF_STATUS e = 0;
    for (int i = 0; i < p->num_data && !e; i += p->data[i].header.length) {
        const cairo_path_data_t *d = &p->data[i];
        switch (d->header.type) {
        case CAIRO_PATH_MOVE_TO:
            e = HPDF_Page_MoveTo(page, (HPDF_REAL)(ox + d[1].point.x), (HPDF_REAL)(oy - d[1].point.y));
            break;
        case CAIRO_PATH_LINE_TO:
            e = HPDF_Page_LineTo(page, (HPDF_REAL)(ox + d[1].point.x), (HPDF_REAL)(oy - d[1].point.y));
            break;
        case CAIRO_PATH_CURVE_TO:
            e = HPDF_Page_CurveTo(page, (HPDF_REAL)(ox + d[1].point.x), (HPDF_REAL)(oy - d[1].point.y),
                                  (HPDF_REAL)(ox + d[2].point.x), (HPDF_REAL)(oy - d[2].point.y),
                                  (HPDF_REAL)(ox + d[3].point.x), (HPDF_REAL)(oy - d[3].point.y));
            break;
        case CAIRO_PATH_CLOSE_PATH:
            e = HPDF_Page_ClosePath(page);
            break;
        }
    }
    return e;
}

static HPDF_STATUS hp_paint(HPDF_Page page, unsigned paint)
{
    if ((paint & SC_FILL) && (paint & SC_STROKE)) return HPDF_Page_FillStroke(page);
    if (paint & SC_FILL) return HPDF_Page_Fill(page);
    if (paint & SC_STROKE) return HPDF_Page_Stroke(page);
    return HPDF_Page_EndPath(page);
}

int sc_render_hpdf(const sc_scene *sc, HPDF_Page page, double x, double y_top,
                   const sc_fonts *fonts)
{
    if (sc->status) return -1;
    double oy = HPDF_Page_GetHeight(page) - y_top;
    hp_state s = { 0 };
    HPDF_STATUS e = HPDF_Page_GSave(page);
    for (size_t i = 0; i < sc->n && !e; i++) {
        const sc_item *it = &sc->v[i];
        if (it->kind == SC_PATH) {
            e = hp_style(page, &s, &it->style);
            if (!e) e = hp_path(page, it->path, x, oy);
            if (!e) e = hp_paint(page, it->style.paint);
        } else if (fonts && fonts->text) {
            e = (HPDF_STATUS)fonts->text(fonts->ctx, page, x + it->text.x, oy - it->text.y, &it->text);
            s.known = s.fill_known = 0;   /* the callback may have changed any of it */
        }
    }
    HPDF_STATUS e2 = HPDF_Page_GRestore(page);
    return (int)(e ? e : e2);
}

int sc_hpdf_simple_text(void *ctx, HPDF_Page page, double x, double y, const sc_text *t)
{
    const sc_hpdf_simple *f = ctx;
    HPDF_Font font = t->bold && f->bold ? f->bold : f->regular;
    HPDF_STATUS e = HPDF_Page_BeginText(page);
    if (!e) e = HPDF_Page_SetFontAndSize(page, font, (HPDF_REAL)t->size);
    if (!e) e = HPDF_Page_SetRGBFill(page, (HPDF_REAL)t->color.r, (HPDF_REAL)t->color.g,
                                     (HPDF_REAL)t->color.b);
    double w = e ? 0 : HPDF_Page_TextWidth(page, t->utf8);
    if (!e) e = HPDF_Page_TextOut(page, (HPDF_REAL)(x - align_offset(t->align, w)), (HPDF_REAL)y, t->utf8);
    HPDF_STATUS e2 = HPDF_Page_EndText(page);
    return (int)(e ? e : e2);
}

double sc_hpdf_simple_width(void *ctx, const char *utf8, double size, int bold)
{
    const sc_hpdf_simple *f = ctx;
    HPDF_Font font = bold && f->bold ? f->bold : f->regular;
    HPDF_TextWidth tw = HPDF_Font_TextWidth(font, (const HPDF_BYTE *)utf8, (HPDF_UINT)strlen(utf8));
    return tw.width * size / 1000.0;
}

/* ---- cairo -------------------------------------------------------------- */

static void set_cairo_style(cairo_t *cr, const sc_style *st)
{
    static const cairo_line_cap_t caps[] = { CAIRO_LINE_CAP_BUTT, CAIRO_LINE_CAP_ROUND, CAIRO_LINE_CAP_SQUARE };
    static const cairo_line_join_t joins[] = { CAIRO_LINE_JOIN_MITER, CAIRO_LINE_JOIN_ROUND, CAIRO_LINE_JOIN_BEVEL };
    double dash[2] = { st->dash_on, st->dash_off ? st->dash_off : st->dash_on };
    cairo_set_line_width(cr, st->line_width);
    cairo_set_dash(cr, dash, st->dash_on ? 2 : 0, 0);
    cairo_set_line_cap(cr, caps[st->cap]);
    cairo_set_line_join(cr, joins[st->join]);
}

static void paint_cairo_path(cairo_t *cr, const sc_item *it)
{
    const sc_style *st = &it->style;
    cairo_new_path(cr);
    cairo_append_path(cr, it->path);
    if (st->paint & SC_FILL) {
        cairo_set_source_rgb(cr, st->fill.r, st->fill.g, st->fill.b);
        cairo_fill_preserve(cr);
    }
    if (st->paint & SC_STROKE) {
        set_cairo_style(cr, st);
        cairo_set_source_rgb(cr, st->stroke.r, st->stroke.g, st->stroke.b);
        cairo_stroke_preserve(cr);
    }
    cairo_new_path(cr);
}

int sc_render_cairo(const sc_scene *sc, cairo_t *cr, sc_text_fn text, void *ctx)
{
    if (sc->status) return -1;
    int e = 0;
    cairo_save(cr);
    for (size_t i = 0; i < sc->n && !e; i++) {
        const sc_item *it = &sc->v[i];
        if (it->kind == SC_PATH) paint_cairo_path(cr, it);
        else if (text) e = text(ctx, cr, &it->text);
    }
    cairo_restore(cr);
    return e ? e : (int)cairo_status(cr);
}


/* Finishes an atomic output file: committed when e == 0, dropped otherwise. */
static int finish_file(of_file *f, int e)
{
    if (e) {
        of_abort(f);
        return e;
    }
    return of_commit(f) ? (int)CAIRO_STATUS_WRITE_ERROR : 0;
}

/* PNG writing: cairo's writer goes through libpng's adaptive filter search
 * at the default level, ~77 M instructions for one chart at 150 dpi, most of
 * a build's time. Charts are flat colours on white: deflate's fastest level
 * on unfiltered rows does as well in size at a fraction of the cost (the
 * Sub and Up filters made the files 15-20 % larger, RLE matching 45 %). */
static void put_be32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)(v >> 24); p[1] = (unsigned char)(v >> 16);
    p[2] = (unsigned char)(v >> 8);  p[3] = (unsigned char)v;
}

static int png_chunk(FILE *fp, const char *type, const unsigned char *data, uint32_t len)
{
    unsigned char head[8], tail[4];
    put_be32(head, len);
    memcpy(head + 4, type, 4);
    uLong crc = crc32(0L, (const Bytef *)type, 4);
    if (len) crc = crc32(crc, data, len);
    put_be32(tail, (uint32_t)crc);
    return fwrite(head, 1, 8, fp) == 8 && (len == 0 || fwrite(data, 1, len, fp) == len) &&
           fwrite(tail, 1, 4, fp) == 4 ? 0 : -1;
}

/* Writes an RGB24 image surface as an 8-bit RGB PNG with its resolution. */
static int write_png_rgb(FILE *fp, cairo_surface_t *s, double dpi)
{
    cairo_surface_flush(s);
    int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
    int stride = cairo_image_surface_get_stride(s);
    const unsigned char *data = cairo_image_surface_get_data(s);
    size_t row = 1 + (size_t)w * 3, rawlen = row * (size_t)h;
    unsigned char *raw = ut_xmalloc(rawlen);
    for (int y = 0; y < h; y++) {
        const uint32_t *px = (const uint32_t *)(data + (size_t)y * (size_t)stride);
        unsigned char *out = raw + (size_t)y * row;
        *out++ = 0;                                   /* filter: None */
        for (int x = 0; x < w; x++) {
            *out++ = (unsigned char)(px[x] >> 16);
            *out++ = (unsigned char)(px[x] >> 8);
            *out++ = (unsigned char)px[x];
        }
    }
    uLongf zlen = compressBound((uLong)rawlen);
    unsigned char *z = ut_xmalloc(zlen);
    int rc = compress2(z, &zlen, raw, (uLong)rawlen, Z_BEST_SPEED) == Z_OK ? 0 : -1;
    free(raw);
    static const unsigned char sig[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };
    unsigned char ihdr[13], phys[9];
    put_be32(ihdr, (uint32_t)w);
    put_be32(ihdr + 4, (uint32_t)h);
    ihdr[8] = 8; ihdr[9] = 2; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0;   /* 8-bit RGB */
    uint32_t ppm = (uint32_t)lround(dpi / 0.0254);                        /* pixels per metre */
    put_be32(phys, ppm);
    put_be32(phys + 4, ppm);
    phys[8] = 1;
    if (rc == 0)
        rc = fwrite(sig, 1, 8, fp) == 8 && png_chunk(fp, "IHDR", ihdr, 13) == 0 &&
             png_chunk(fp, "pHYs", phys, 9) == 0 && png_chunk(fp, "IDAT", z, (uint32_t)zlen) == 0 &&
             png_chunk(fp, "IEND", NULL, 0) == 0 ? 0 : -1;
    free(z);
    return rc;
}

int sc_write_png(const sc_scene *sc, const char *path, double dpi, sc_text_fn text, void *ctx)
{
    if (sc->status) return -1;
    double k = dpi / 72.0;
    int pw = (int)ceil(sc->w * k), ph = (int)ceil(sc->h * k);
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, pw > 0 ? pw : 1, ph > 0 ? ph : 1);
    cairo_t *cr = cairo_create(s);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_scale(cr, k, k);
    int e = sc_render_cairo(sc, cr, text, ctx);
    cairo_destroy(cr);
    of_file f;
    if (!e && of_open(&f, path) != 0) e = (int)CAIRO_STATUS_WRITE_ERROR;
    else if (!e) e = finish_file(&f, write_png_rgb(f.fp, s, dpi) == 0 ? 0 : (int)CAIRO_STATUS_WRITE_ERROR);
    cairo_surface_destroy(s);
    return e;
}

/* ---- SVG ----------------------------------------------------------------- */

/* A coordinate: two decimals, no trailing zeros, "." whatever the locale
 * (the same scene gives the same bytes). */
static void svg_num(ut_buf *b, double v)
{
    long long c = llround(v * 100);
    if (c < 0) { ut_buf_puts(b, "-"); c = -c; }
    ut_buf_printf(b, "%lld", c / 100);
    if (c % 100) ut_buf_printf(b, c % 10 ? ".%02lld" : ".%lld", c % 10 ? c % 100 : c % 100 / 10);
}

static void svg_color(ut_buf *b, sc_color c)
{
    ut_buf_printf(b, "#%02x%02x%02x", (unsigned)lround(c.r * 255), (unsigned)lround(c.g * 255),
                  (unsigned)lround(c.b * 255));
}

/* Text as XML character data or attribute value. */
static void svg_escaped(ut_buf *b, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '&': ut_buf_puts(b, "&amp;"); break;
        case '<': ut_buf_puts(b, "&lt;"); break;
        case '>': ut_buf_puts(b, "&gt;"); break;
        case '"': ut_buf_puts(b, "&quot;"); break;
        default: ut_buf_add(b, s, 1);
        }
    }
}

static void svg_path(ut_buf *b, const sc_item *it)
{
    static const char *const caps[] = { "butt", "round", "square" };
    static const char *const joins[] = { "miter", "round", "bevel" };
    const cairo_path_t *p = it->path;
    const sc_style *st = &it->style;
    ut_buf_puts(b, "<path d=\"");
    for (int k = 0; k < p->num_data; k += p->data[k].header.length) {
        const cairo_path_data_t *d = &p->data[k];
        int npts = d->header.type == CAIRO_PATH_CURVE_TO ? 3 : d->header.type == CAIRO_PATH_CLOSE_PATH ? 0 : 1;
        ut_buf_puts(b, d->header.type == CAIRO_PATH_MOVE_TO ? "M" : d->header.type == CAIRO_PATH_LINE_TO ? "L"
                       : d->header.type == CAIRO_PATH_CURVE_TO ? "C" : "Z");
        for (int j = 1; j <= npts; j++) {
            if (j > 1) ut_buf_puts(b, " ");
            svg_num(b, d[j].point.x);
            ut_buf_puts(b, ",");
            svg_num(b, d[j].point.y);
        }
    }
    ut_buf_puts(b, "\" fill=\"");
    if (st->paint & SC_FILL) svg_color(b, st->fill);
    else ut_buf_puts(b, "none");
    ut_buf_puts(b, "\"");
    if (st->paint & SC_STROKE) {
        ut_buf_puts(b, " stroke=\"");
        svg_color(b, st->stroke);
        ut_buf_puts(b, "\" stroke-width=\"");
        svg_num(b, st->line_width);
        ut_buf_printf(b, "\" stroke-linecap=\"%s\" stroke-linejoin=\"%s\"", caps[st->cap], joins[st->join]);
        if (st->dash_on) ut_buf_printf(b, " stroke-dasharray=\"%u %u\"", st->dash_on, st->dash_off ? st->dash_off : st->dash_on);
    }
    ut_buf_puts(b, "/>\n");
}

static void svg_text(ut_buf *b, const sc_text *t, int rtl)
{
    /* The anchor is the visual left, centre or right; under direction="rtl"
     * "start" is the right end of the line. */
    const char *anchor = t->align == SC_ALIGN_CENTER ? "middle"
                       : (t->align == SC_ALIGN_LEFT) != !!rtl ? "start" : "end";
    ut_buf_puts(b, "<text x=\"");
    svg_num(b, t->x);
    ut_buf_puts(b, "\" y=\"");
    svg_num(b, t->y);
    ut_buf_puts(b, "\" font-size=\"");
    svg_num(b, t->size);
    ut_buf_puts(b, "\"");
    if (t->bold) ut_buf_puts(b, " font-weight=\"bold\"");
    if (strcmp(anchor, "start") != 0) ut_buf_printf(b, " text-anchor=\"%s\"", anchor);
    ut_buf_puts(b, " fill=\"");
    svg_color(b, t->color);
    ut_buf_puts(b, "\">");
    svg_escaped(b, t->utf8);
    ut_buf_puts(b, "</text>\n");
}

int sc_write_svg(const sc_scene *sc, const char *path, const sc_svg_meta *meta)
{
    if (sc->status) return -1;
    static const sc_svg_meta none = { 0 };
    if (!meta) meta = &none;
    ut_buf b = { 0 };
    ut_buf_puts(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"");
    svg_num(&b, sc->w);
    ut_buf_puts(&b, "pt\" height=\"");
    svg_num(&b, sc->h);
    ut_buf_puts(&b, "pt\" viewBox=\"0 0 ");
    svg_num(&b, sc->w);
    ut_buf_puts(&b, " ");
    svg_num(&b, sc->h);
    ut_buf_puts(&b, "\" role=\"img\"");
    if (meta->title || meta->desc)
        ut_buf_printf(&b, " aria-labelledby=\"%s%s%s\"", meta->title ? "chart-title" : "",
                      meta->title && meta->desc ? " " : "", meta->desc ? "chart-desc" : "");
    if (meta->lang) {
        ut_buf_puts(&b, " lang=\"");
        svg_escaped(&b, meta->lang);
        ut_buf_puts(&b, "\" xml:lang=\"");
        svg_escaped(&b, meta->lang);
        ut_buf_puts(&b, "\"");
    }
    if (meta->rtl) ut_buf_puts(&b, " direction=\"rtl\"");
    ut_buf_puts(&b, " font-family=\"");
    svg_escaped(&b, meta->font_family ? meta->font_family : "sans-serif");
    ut_buf_puts(&b, "\">\n");
    if (meta->title) {
        ut_buf_puts(&b, "<title id=\"chart-title\">");
        svg_escaped(&b, meta->title);
        ut_buf_puts(&b, "</title>\n");
    }
    if (meta->desc) {
        ut_buf_puts(&b, "<desc id=\"chart-desc\">");
        svg_escaped(&b, meta->desc);
        ut_buf_puts(&b, "</desc>\n");
    }
    ut_buf_puts(&b, "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
    for (size_t i = 0; i < sc->n; i++) {
        if (sc->v[i].kind == SC_PATH) svg_path(&b, &sc->v[i]);
        else svg_text(&b, &sc->v[i].text, meta->rtl);
    }
    ut_buf_puts(&b, "</svg>\n");
    of_file f;
    int e;
    if (of_open(&f, path) != 0) e = (int)CAIRO_STATUS_WRITE_ERROR;
    else e = finish_file(&f, fwrite(b.data, 1, b.len, f.fp) == b.len ? 0 : (int)CAIRO_STATUS_WRITE_ERROR);
    ut_buf_free(&b);
    return e;
}

/* ---- cairo-ft text ---------------------------------------------------- */

/* Measuring at a large size keeps the advance exact to well below 0.01 pt
 * at chart sizes (advances scale linearly once hinting is off). */
#define SC_FT_MEASURE_SIZE 1000.0

/* The FreeType library is shared by the sc_ft and its faces: cairo may
 * keep a font face alive in its caches after sc_ft_close, and the FT_Face
 * (released with the cairo face) needs its library until then. The last
 * holder frees it. */
typedef struct font_lib { FT_Library lib; atomic_int refs; } font_lib;

struct sc_ft {
    font_lib *lib;
    cairo_font_face_t *face[4];      /* regular, bold; then their fallbacks (sc_ft_fallback) */
    cairo_scaled_font_t *measure[4]; /* at SC_FT_MEASURE_SIZE */
    cairo_font_options_t *opt;
};

static void lib_unref(font_lib *l)
{
    if (atomic_fetch_sub(&l->refs, 1) == 1) {
        FT_Done_FreeType(l->lib);
        free(l);
    }
}

typedef struct face_hold { font_lib *lib; FT_Face face; } face_hold;
static const cairo_user_data_key_t face_key;

static void face_release(void *p)
{
    face_hold *h = p;
    FT_Done_Face(h->face);
    lib_unref(h->lib);
    free(h);
}

static cairo_font_face_t *face_for_file(font_lib *lib, const char *path)
{
    FT_Face face;
    if (FT_New_Face(lib->lib, path, 0, &face)) return NULL;
    if (!FT_IS_SCALABLE(face)) {
        FT_Done_Face(face);
        return NULL;
    }
    cairo_font_face_t *cf = cairo_ft_font_face_create_for_ft_face(face, 0);
    face_hold *h = ut_xmalloc(sizeof *h);
    h->lib = lib;
    h->face = face;
    atomic_fetch_add(&lib->refs, 1);
    if (cairo_font_face_set_user_data(cf, &face_key, h, face_release)) {
        face_release(h);
        cairo_font_face_destroy(cf);
        return NULL;
    }
    return cf;
}

static cairo_scaled_font_t *face_measurer(cairo_font_face_t *face, const cairo_font_options_t *opt)
{
    cairo_matrix_t fm, ctm;
    cairo_matrix_init_scale(&fm, SC_FT_MEASURE_SIZE, SC_FT_MEASURE_SIZE);
    cairo_matrix_init_identity(&ctm);
    return cairo_scaled_font_create(face, &fm, &ctm, opt);
}

sc_ft *sc_ft_open(const char *regular_ttf, const char *bold_ttf)
{
    font_lib *lib = ut_xcalloc(1, sizeof *lib);
    if (FT_Init_FreeType(&lib->lib)) {
        free(lib);
        return NULL;
    }
    atomic_init(&lib->refs, 1);
    sc_ft *ft = ut_xcalloc(1, sizeof *ft);
    ft->lib = lib;
    ft->opt = cairo_font_options_create();
    cairo_font_options_set_hint_style(ft->opt, CAIRO_HINT_STYLE_NONE);
    cairo_font_options_set_hint_metrics(ft->opt, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_antialias(ft->opt, CAIRO_ANTIALIAS_GRAY);
    const char *paths[2] = { regular_ttf, bold_ttf ? bold_ttf : regular_ttf };
    for (int i = 0; i < 2; i++) {
        ft->face[i] = face_for_file(ft->lib, paths[i]);
        if (!ft->face[i]) {
            sc_ft_close(ft);
            return NULL;
        }
        ft->measure[i] = face_measurer(ft->face[i], ft->opt);
        if (cairo_scaled_font_status(ft->measure[i])) {
            sc_ft_close(ft);
            return NULL;
        }
    }
    return ft;
}

int sc_ft_fallback(sc_ft *ft, const char *regular_ttf, const char *bold_ttf)
{
    const char *paths[2] = { regular_ttf, bold_ttf ? bold_ttf : regular_ttf };
    for (int i = 0; i < 2; i++) {
        ft->face[2 + i] = face_for_file(ft->lib, paths[i]);
        if (!ft->face[2 + i]) return -1;
        ft->measure[2 + i] = face_measurer(ft->face[2 + i], ft->opt);
        if (cairo_scaled_font_status(ft->measure[2 + i])) return -1;
    }
    return 0;
}

void sc_ft_close(sc_ft *ft)
{
    if (!ft) return;
    for (int i = 0; i < 4; i++) {
        if (ft->measure[i]) cairo_scaled_font_destroy(ft->measure[i]);
        if (ft->face[i]) cairo_font_face_destroy(ft->face[i]);
    }
    if (ft->opt) cairo_font_options_destroy(ft->opt);
    lib_unref(ft->lib);
    free(ft);
}

/* The text without bidi marks and isolates (U+200E, U+200F, U+202A-202E,
 * U+2066-2069), which order a PDF's runs but which cairo would draw as
 * missing glyphs; owned. */
static char *without_bidi_marks(const char *s)
{
    char *out = ut_xmalloc(strlen(s) + 1), *o = out;
    for (const unsigned char *p = (const unsigned char *)s; *p;) {
        if (p[0] == 0xE2 && ((p[1] == 0x80 && (p[2] == 0x8E || p[2] == 0x8F || (p[2] >= 0xAA && p[2] <= 0xAE))) ||
                             (p[1] == 0x81 && p[2] >= 0xA6 && p[2] <= 0xA9))) {
            p += 3;
            continue;
        }
        *o++ = (char)*p++;
    }
    *o = '\0';
    return out;
}

/* Whether a face has a glyph for cp. */
static int face_has(cairo_font_face_t *cf, uint32_t cp)
{
    const face_hold *h = cf ? cairo_font_face_get_user_data(cf, &face_key) : NULL;
    return h && FT_Get_Char_Index(h->face, cp) != 0;
}

/* The face (index into ft->face) of the characters from s on, and the
 * length in bytes of the run that face draws: the language's face, or its
 * fallback for a character it lacks and the fallback has (the Latin
 * letters of an English citation in an Arabic chart). */
static size_t face_run(const sc_ft *ft, const char *s, int bold, int *which)
{
    const unsigned char *p = (const unsigned char *)s;
    int first = -1;
    size_t n = 0;
    while (p[n]) {
        const char *q = (const char *)p + n;
        uint32_t cp = ut_utf8_next(&q);
        int f = bold ? 1 : 0;
        if (ft->face[2] && !face_has(ft->face[f], cp) && face_has(ft->face[2 + f], cp)) f += 2;
        if (first < 0) first = f;
        else if (f != first) break;
        n = (size_t)((const unsigned char *)q - p);
    }
    *which = first < 0 ? (bold ? 1 : 0) : first;
    return n;
}

static double run_width(const sc_ft *ft, int which, const char *s, size_t n, double size)
{
    char *run = ut_xstrndup(s, n);
    cairo_text_extents_t ext;
    cairo_scaled_font_text_extents(ft->measure[which], run, &ext);
    free(run);
    return ext.x_advance * size / SC_FT_MEASURE_SIZE;
}

double sc_ft_width(void *ctx, const char *utf8, double size, int bold)
{
    sc_ft *ft = ctx;
    char *s = without_bidi_marks(utf8);
    double w = 0;
    for (const char *p = s; *p;) {
        int which;
        size_t n = face_run(ft, p, bold, &which);
        w += run_width(ft, which, p, n, size);
        p += n;
    }
    free(s);
    return w;
}

int sc_ft_text(void *ctx, cairo_t *cr, const sc_text *t)
{
    sc_ft *ft = ctx;
    double w = sc_ft_width(ft, t->utf8, t->size, t->bold);
    cairo_save(cr);
    cairo_set_font_size(cr, t->size);
    cairo_set_font_options(cr, ft->opt);
    cairo_set_source_rgb(cr, t->color.r, t->color.g, t->color.b);
    double x = t->x - align_offset(t->align, w);
    char *visible = without_bidi_marks(t->utf8);
    for (const char *p = visible; *p;) {   /* runs in visual order, each in its face */
        int which;
        size_t n = face_run(ft, p, t->bold, &which);
        char *run = ut_xstrndup(p, n);
        cairo_set_font_face(cr, ft->face[which]);
        cairo_move_to(cr, x, t->y);
        cairo_show_text(cr, run);
        free(run);
        x += run_width(ft, which, p, n, t->size);
        p += n;
    }
    free(visible);
    cairo_new_path(cr);
    cairo_restore(cr);
    return (int)cairo_status(cr);
}
