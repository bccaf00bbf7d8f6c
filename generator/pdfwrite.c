/* pdfwrite.c — painting a page tree with libharu (see pdfwrite.h), each
 * item inside its marked content (tagger.h). */
#include "pdfwrite.h"
#include "pdfdoc.h"
#include "util.h"
#include "tagger.h"

#include <stdio.h>
#include <stdlib.h>

/* What a chart's text callback needs: the document's text engine and the
 * scene's language and direction. */
typedef struct scene_pen {
    pf_doc *tx;
    const tx_style *style;
} scene_pen;

static int scene_text(void *c, HPDF_Page page, double px, double py, const sc_text *t)
{
    const scene_pen *p = c;
    tx_style st = *p->style;
    st.size = t->size;
    st.bold = t->bold;
    st.r = (float)t->color.r;
    st.g = (float)t->color.g;
    st.b = (float)t->color.b;
    int align = t->align == SC_ALIGN_CENTER ? TX_CENTER : t->align == SC_ALIGN_RIGHT ? TX_RIGHT : TX_LEFT;
    tg_span_begin(page, t->utf8);
    pf_draw(p->tx, page, t->utf8, px, py, align, &st);
    tg_span_end(page, t->utf8);
    return 0;
}

static void paint_rect(HPDF_Page pg, const pt_item *it)
{
    HPDF_Page_SetRGBFill(pg, (HPDF_REAL)it->color.r, (HPDF_REAL)it->color.g, (HPDF_REAL)it->color.b);
    HPDF_Page_Rectangle(pg, (HPDF_REAL)it->x, (HPDF_REAL)it->y, (HPDF_REAL)it->w, (HPDF_REAL)it->h);
    HPDF_Page_Fill(pg);
}

static void paint_rule(HPDF_Page pg, const pt_item *it)
{
    HPDF_Page_SetRGBStroke(pg, (HPDF_REAL)it->color.r, (HPDF_REAL)it->color.g, (HPDF_REAL)it->color.b);
    HPDF_Page_SetLineWidth(pg, (HPDF_REAL)it->h);
    HPDF_Page_MoveTo(pg, (HPDF_REAL)it->x, (HPDF_REAL)it->y);
    HPDF_Page_LineTo(pg, (HPDF_REAL)(it->x + it->w), (HPDF_REAL)it->y);
    HPDF_Page_Stroke(pg);
}

static void set_fill(HPDF_Page pg, sc_color c)
{
    HPDF_Page_SetRGBFill(pg, (HPDF_REAL)c.r, (HPDF_REAL)c.g, (HPDF_REAL)c.b);
}

static void set_stroke(HPDF_Page pg, double r, double g, double b)
{
    HPDF_Page_SetRGBStroke(pg, (HPDF_REAL)r, (HPDF_REAL)g, (HPDF_REAL)b);
}

/* The capacity grid's marks, drawn with libharu's own circles and arcs. */
static void paint_symbol(HPDF_Page pg, const pt_item *it)
{
    double px = it->x, py = it->y, r = it->w;
    sc_color c = it->color;
    HPDF_Page_SetLineWidth(pg, 1.1);
    switch (it->symbol) {
    case PT_SYM_YES:
        set_fill(pg, c);
        HPDF_Page_Circle(pg, (HPDF_REAL)px, (HPDF_REAL)py, (HPDF_REAL)r);
        HPDF_Page_Fill(pg);
        set_stroke(pg, 1, 1, 1);
        HPDF_Page_SetLineWidth(pg, 1.3);
        HPDF_Page_MoveTo(pg, (HPDF_REAL)(px - r * 0.5), (HPDF_REAL)py);
        HPDF_Page_LineTo(pg, (HPDF_REAL)(px - r * 0.1), (HPDF_REAL)(py - r * 0.4));
        HPDF_Page_LineTo(pg, (HPDF_REAL)(px + r * 0.55), (HPDF_REAL)(py + r * 0.45));
        HPDF_Page_Stroke(pg);
        break;
    case PT_SYM_PARTIAL:
        set_stroke(pg, (HPDF_REAL)c.r * 0.85f, (HPDF_REAL)c.g * 0.85f, (HPDF_REAL)c.b * 0.85f);
        set_fill(pg, c);
        HPDF_Page_Circle(pg, (HPDF_REAL)px, (HPDF_REAL)py, (HPDF_REAL)r);
        HPDF_Page_Stroke(pg);
        HPDF_Page_MoveTo(pg, (HPDF_REAL)px, (HPDF_REAL)(py - r));
        HPDF_Page_Arc(pg, (HPDF_REAL)px, (HPDF_REAL)py, (HPDF_REAL)r, 180, 360);
        HPDF_Page_ClosePath(pg);
        HPDF_Page_Fill(pg);
        break;
    case PT_SYM_NO:
        set_stroke(pg, c.r, c.g, c.b);
        HPDF_Page_Circle(pg, (HPDF_REAL)px, (HPDF_REAL)py, (HPDF_REAL)r);
        HPDF_Page_Stroke(pg);
        HPDF_Page_MoveTo(pg, (HPDF_REAL)(px - r * 0.45), (HPDF_REAL)(py - r * 0.45));
        HPDF_Page_LineTo(pg, (HPDF_REAL)(px + r * 0.45), (HPDF_REAL)(py + r * 0.45));
        HPDF_Page_MoveTo(pg, (HPDF_REAL)(px - r * 0.45), (HPDF_REAL)(py + r * 0.45));
        HPDF_Page_LineTo(pg, (HPDF_REAL)(px + r * 0.45), (HPDF_REAL)(py - r * 0.45));
        HPDF_Page_Stroke(pg);
        break;
    case PT_SYM_UNKNOWN:
        set_stroke(pg, c.r, c.g, c.b);
        HPDF_Page_SetDash(pg, (const HPDF_UINT16[]){ 1, 1 }, 2, 0);
        HPDF_Page_Circle(pg, (HPDF_REAL)px, (HPDF_REAL)py, (HPDF_REAL)r);
        HPDF_Page_Stroke(pg);
        HPDF_Page_SetDash(pg, NULL, 0, 0);
        break;
    }
}

static HPDF_Annotation paint_link(HPDF_Page pg, HPDF_Page dest, const pt_item *it)
{
    HPDF_Destination dst = HPDF_Page_CreateDestination(dest);
    HPDF_Destination_SetFit(dst);
    HPDF_Rect rc = { (HPDF_REAL)it->x, (HPDF_REAL)it->y, (HPDF_REAL)(it->x + it->w),
                     (HPDF_REAL)(it->y + it->h) };
    HPDF_Annotation a = HPDF_Page_CreateLinkAnnot(pg, rc, dst);
    HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
    return a;
}

/* A link to a web address, with its address as its description (PDF/UA
 * asks links for one). */
static HPDF_Annotation paint_uri(HPDF_Page pg, const pt_item *it)
{
    HPDF_Rect rc = { (HPDF_REAL)it->x, (HPDF_REAL)it->y, (HPDF_REAL)(it->x + it->w),
                     (HPDF_REAL)(it->y + it->h) };
    HPDF_Annotation a = HPDF_Page_CreateURILinkAnnot(pg, rc, it->uri);
    if (a) HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
    return a;
}

/* Italics: the line drawn through a 12° slant about its baseline (the
 * fonts have no italic faces). */
static void paint_slanted(pf_doc *tx, HPDF_Page pg, const pt_item *it)
{
    const double k = 0.21;
    HPDF_Page_GSave(pg);
    HPDF_Page_Concat(pg, 1, 0, (HPDF_REAL)k, 1, (HPDF_REAL)(-k * it->y), 0);
    pf_draw(tx, pg, it->text, it->x, it->y, it->align, &it->style);
    HPDF_Page_GRestore(pg);
}

static void write_bookmarks(const pt_doc *d, HPDF_Doc pdf, HPDF_Page const *pages)
{
    enum { MAX_LEVEL = 3 };
    HPDF_Outline parents[MAX_LEVEL] = { NULL, NULL, NULL };
    for (size_t i = 0; i < d->noutlines; i++) {
        const pt_outline *e = &d->outlines[i];
        int level = e->level < 0 ? 0 : e->level >= MAX_LEVEL ? MAX_LEVEL - 1 : e->level;
        HPDF_Outline parent = level ? parents[level - 1] : NULL;
        HPDF_Outline o = HPDF_CreateOutline(pdf, parent, "", NULL);
        size_t n;
        unsigned char *u = ut_utf16be(e->title, &n);   /* the title, as UTF-16BE */
        HPDF_Binary t = o ? HPDF_Binary_New(pdf->mmgr, u, (HPDF_UINT)n) : NULL;
        free(u);
        if (t) HPDF_Dict_Add(o, "Title", t);
        HPDF_Destination dst = HPDF_Page_CreateDestination(pages[e->page]);
        HPDF_Destination_SetFit(dst);
        HPDF_Outline_SetDestination(o, dst);
        HPDF_Outline_SetOpened(o, e->open ? HPDF_TRUE : HPDF_FALSE);
        parents[level] = o;
    }
}

int pw_write(const pt_doc *d, HPDF_Doc pdf, pf_doc *tx, HPDF_Page const *pages, char *err,
             size_t errlen)
{
    int rc = 0;
    tg_doc *tg = tg_new(d, pdf, pages);
    for (size_t i = 0; i < d->nitems; i++) {
        const pt_item *it = &d->items[i];
        HPDF_Page pg = pages[it->page];
        tg_begin(tg, i);
        switch (it->kind) {
        case PT_TEXT:
            if (it->slanted) paint_slanted(tx, pg, it);
            else pf_draw(tx, pg, it->text, it->x, it->y, it->align, &it->style);
            break;
        case PT_RECT:
            paint_rect(pg, it);
            break;
        case PT_RULE:
            paint_rule(pg, it);
            break;
        case PT_SCENE: {
            scene_pen pen = { .tx = tx, .style = &it->style };
            sc_fonts f = { .text = scene_text, .ctx = &pen };
            if (sc_render_hpdf(it->scene, pg, it->x, it->y, &f) != 0 && rc == 0) {
                snprintf(err, errlen, "a chart could not be drawn into the PDF (page %d)", it->page + 1);
                rc = -1;
            }
            break;
        }
        case PT_LINKANNOT:
            tg_annot(tg, i, it->uri ? paint_uri(pg, it) : paint_link(pg, pages[it->dest_page], it));
            break;
        case PT_SYMBOL:
            paint_symbol(pg, it);
            break;
        }
        tg_end(tg, i);
    }
    tg_finish(tg);
    tg_free(tg);
    write_bookmarks(d, pdf, pages);
    return rc;
}

int pw_save(const pt_doc *d, tx_fontset *fs, const char *path, char *err, size_t errlen)
{
    pd_doc doc;
    if (pd_open(&doc) != 0) {
        snprintf(err, errlen, "cannot start a PDF document");
        return -1;
    }
    pf_doc *tx = pf_doc_new(fs, doc.pdf);
    const pt_meta *mt = &d->meta;
    pd_meta m = { .title = mt->title, .author = mt->author, .subject = mt->subject,
                  .keywords = mt->keywords, .lang = mt->lang, .date = mt->date };
    pd_set_meta(&doc, &m);
    HPDF_Page *pages = ut_xcalloc((size_t)d->npages + 1, sizeof *pages);
    for (int i = 0; i < d->npages; i++) pages[i] = pd_add_page(&doc);
    int rc = pw_write(d, doc.pdf, tx, pages, err, errlen);
    if (d->noutlines) HPDF_SetPageMode(doc.pdf, HPDF_PAGE_MODE_USE_OUTLINE);
    if (rc == 0) rc = pf_finish(tx, err, errlen);
    if (rc == 0) rc = pd_save(&doc, path, err, errlen);
    free(pages);
    pf_doc_free(tx);
    pd_close(&doc);
    return rc;
}
