/* draw.c — placing primitives in layout coordinates (see draw.h). */
#include "draw.h"
#include "util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

dw_pen dw_pen_for(pt_doc *tree, tx_fontset *fs, const char *lang, const cv_conventions *cv)
{
    static const tx_script scripts[] = { [CV_SCRIPT_LATIN] = TX_SCRIPT_LATIN,
                                         [CV_SCRIPT_CYRILLIC] = TX_SCRIPT_CYRILLIC,
                                         [CV_SCRIPT_ARABIC] = TX_SCRIPT_ARABIC,
                                         [CV_SCRIPT_CJK] = TX_SCRIPT_CJK };
    return (dw_pen){ .tree = tree, .fs = fs, .lang = lang, .rtl = cv->rtl, .script = scripts[cv->script],
                     .nf = &cv->numbers };
}

/* A left-to-right mark (U+200E). */
#define DW_LRM "\xE2\x80\x8E"

static const char *number(const dw_pen *p, double v, int decimals, int percent, int sign, char *buf,
                          size_t n)
{
    if (isnan(v) || n < 5) {
        if (n) buf[0] = '\0';
        return buf;
    }
    size_t k = p->rtl ? 3 : 0;
    if (k) memcpy(buf, DW_LRM, 3);
    if (sign && v > 0) buf[k++] = '+';   /* after the mark: it stays in front */
    if (percent) nf_percent(p->nf, v, decimals, buf + k, n - k);
    else nf_format(p->nf, v, decimals, buf + k, n - k);
    /* A minus that brings its own mark (CLDR's Arabic "\u200E-") needs no second one. */
    if (k == 3 && !strncmp(buf + 3, DW_LRM, 3)) memmove(buf, buf + 3, strlen(buf + 3) + 1);
    return buf;
}

const char *dw_num(const dw_pen *p, double v, int decimals, char *buf, size_t n)
{
    return number(p, v, decimals, 0, 0, buf, n);
}

const char *dw_pct(const dw_pen *p, double v, int decimals, char *buf, size_t n)
{
    return number(p, v, decimals, 1, 0, buf, n);
}

const char *dw_signed_pct(const dw_pen *p, double v, int decimals, char *buf, size_t n)
{
    return number(p, v, decimals, 1, 1, buf, n);
}

double dw_x(const dw_pen *p, double x, double w)
{
    return p->rtl ? DW_PAGE_W - x - w : x;
}

int dw_align(const dw_pen *p, int align)
{
    if (!p->rtl || align == TX_CENTER) return align;
    return align == TX_LEFT ? TX_RIGHT : TX_LEFT;
}

int dw_align_figures(const dw_pen *p)
{
    return p->rtl ? TX_LEFT : TX_RIGHT;   /* dw_align turns it back to right */
}

tx_style dw_style(const dw_pen *p, double size, int bold, sc_color c)
{
    return (tx_style){ .size = size, .bold = bold, .r = (float)c.r, .g = (float)c.g, .b = (float)c.b,
                       .lang = p->lang, .rtl = p->rtl, .script = p->script };
}

void dw_rect(const dw_pen *p, double x, double y, double w, double h, sc_color c)
{
    pt_rect(p->tree, dw_x(p, x, w), dw_top(y + h), w, h, c);
}

void dw_hline(const dw_pen *p, double x, double y, double w, double width, sc_color c)
{
    pt_rule(p->tree, dw_x(p, x, w), dw_top(y), w, width, c);
}

/* tx_fit's line sink: each line an item of the tree. */
static void place_line(void *ctx, const char *utf8, double x, double baseline, int align, double width,
                       const tx_style *st)
{
    const dw_pen *p = ctx;
    pt_text(p->tree, utf8, x, baseline, align, width, st);
}

double dw_text(const dw_pen *p, int place, const char *s, double x, double y, double w, double h,
               double size, int bold, sc_color c, int align, int max_lines, double min_size)
{
    if (!s || !*s) return 0;
    tx_style st = dw_style(p, size, bold, c);
    double used = size;
    int n = tx_fit(p->fs, s, dw_x(p, x, w), dw_top(y), w, h, dw_align(p, align), &st,
                   min_size < size ? min_size : size, max_lines, place ? place_line : NULL, (void *)p,
                   &used);
    return n < 0 ? -1 : n * used * TX_LINE_HEIGHT;
}

/* tx_fit's line sink for dw_text_langs: a line cut where a span begins or
 * ends. Lines are pieces of the text in order (the wrap drops the spaces it
 * breaks at), found by searching on from the end of the last one. */
typedef struct lang_lines {
    const dw_pen *p;
    const char *s;
    size_t pos;
    const dw_lang_span *spans;
    size_t n;
} lang_lines;

static void place_piece(const lang_lines *l, const char *from, size_t len, double x, double baseline,
                        const tx_style *st, const char *lang)
{
    char *piece = ut_xstrndup(from, len);
    double w = tx_width(l->p->fs, piece, st);
    if (lang) pt_set_lang(pt_open(l->p->tree, PT_SPAN, NULL, 0, NULL, NULL), lang);
    pt_text(l->p->tree, piece, x, baseline, TX_LEFT, w, st);
    if (lang) pt_close(l->p->tree);
    free(piece);
}

static void place_lang_line(void *ctx, const char *utf8, double x, double baseline, int align, double width,
                            const tx_style *st)
{
    lang_lines *l = ctx;
    const char *at = strstr(l->s + l->pos, utf8);
    if (!at || *utf8 == '\0') {
        pt_text(l->p->tree, utf8, x, baseline, align, width, st);
        return;
    }
    size_t a = (size_t)(at - l->s), b = a + strlen(utf8);
    l->pos = b;
    double left = align == TX_LEFT ? x : align == TX_RIGHT ? x - width : x - width / 2;
    size_t cur = a;
    for (size_t i = 0; i < l->n && cur < b; i++) {
        size_t f = l->spans[i].from > cur ? l->spans[i].from : cur, t = l->spans[i].to < b ? l->spans[i].to : b;
        if (t <= f) continue;
        for (int k = 0; k < 2; k++) {   /* the piece before the span, then the span */
            size_t pa = k ? f : cur, pb = k ? t : f;
            if (pb <= pa) continue;
            char *before = ut_xstrndup(l->s + a, pa - a);
            double dx = tx_width(l->p->fs, before, st);
            free(before);
            place_piece(l, l->s + pa, pb - pa, left + dx, baseline, st, k ? l->spans[i].lang : NULL);
        }
        cur = t;
    }
    if (cur < b) {
        char *before = ut_xstrndup(l->s + a, cur - a);
        double dx = tx_width(l->p->fs, before, st);
        free(before);
        place_piece(l, l->s + cur, b - cur, left + dx, baseline, st, NULL);
    }
}

double dw_text_langs(const dw_pen *p, int place, const char *s, const dw_lang_span *spans, size_t n,
                     double x, double y, double w, double h, double size, int bold, sc_color c, int align,
                     int max_lines, double min_size)
{
    if (!place || p->rtl || n == 0)
        return dw_text(p, place, s, x, y, w, h, size, bold, c, align, max_lines, min_size);
    if (!s || !*s) return 0;
    tx_style st = dw_style(p, size, bold, c);
    double used = size;
    lang_lines l = { p, s, 0, spans, n };
    int lines = tx_fit(p->fs, s, dw_x(p, x, w), dw_top(y), w, h, dw_align(p, align), &st,
                       min_size < size ? min_size : size, max_lines, place_lang_line, &l, &used);
    return lines < 0 ? -1 : lines * used * TX_LINE_HEIGHT;
}

void dw_scene(const dw_pen *p, sc_scene *sc, double x, double y, double w)
{
    tx_style st = dw_style(p, 0, 0, (sc_color){ 0, 0, 0 });
    pt_scene(p->tree, sc, dw_x(p, x, w), y, &st);
}
