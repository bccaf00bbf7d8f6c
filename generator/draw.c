/* draw.c — page-drawing primitives in layout coordinates (see draw.h). */
#include "draw.h"

double dw_x(const dw_pen *p, double x, double w)
{
    return p->rtl ? DW_PAGE_W - x - w : x;
}

int dw_align(const dw_pen *p, int align)
{
    if (!p->rtl || align == TX_CENTER) return align;
    return align == TX_LEFT ? TX_RIGHT : TX_LEFT;
}

tx_style dw_style(const dw_pen *p, double size, int bold, sc_color c)
{
    return (tx_style){ .size = size, .bold = bold, .r = (float)c.r, .g = (float)c.g, .b = (float)c.b,
                       .lang = p->lang, .rtl = p->rtl };
}

void dw_rect(const dw_pen *p, HPDF_Page pg, double x, double y, double w, double h, sc_color c)
{
    HPDF_Page_SetRGBFill(pg, (HPDF_REAL)c.r, (HPDF_REAL)c.g, (HPDF_REAL)c.b);
    HPDF_Page_Rectangle(pg, (HPDF_REAL)dw_x(p, x, w), (HPDF_REAL)dw_top(y + h), (HPDF_REAL)w, (HPDF_REAL)h);
    HPDF_Page_Fill(pg);
}

void dw_hline(const dw_pen *p, HPDF_Page pg, double x, double y, double w, double width, sc_color c)
{
    double lx = dw_x(p, x, w);
    HPDF_Page_SetRGBStroke(pg, (HPDF_REAL)c.r, (HPDF_REAL)c.g, (HPDF_REAL)c.b);
    HPDF_Page_SetLineWidth(pg, (HPDF_REAL)width);
    HPDF_Page_MoveTo(pg, (HPDF_REAL)lx, (HPDF_REAL)dw_top(y));
    HPDF_Page_LineTo(pg, (HPDF_REAL)(lx + w), (HPDF_REAL)dw_top(y));
    HPDF_Page_Stroke(pg);
}

double dw_text(const dw_pen *p, HPDF_Page pg, const char *s, double x, double y, double w, double h,
               double size, int bold, sc_color c, int align, int max_lines, double min_size)
{
    if (!s || !*s) return 0;
    tx_style st = dw_style(p, size, bold, c);
    double used = size;
    int n = tx_fit(p->tx, pg, s, dw_x(p, x, w), dw_top(y), w, h, dw_align(p, align), &st,
                   min_size < size ? min_size : size, max_lines, pg != NULL, &used);
    return n < 0 ? -1 : n * used * TX_LINE_HEIGHT;
}
