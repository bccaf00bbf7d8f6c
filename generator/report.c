/* report.c — the combined annual report of one language (see report.h):
 * cover, contents with links, overview, every country profile in region
 * order, methodology and sources annexes, and bookmarks. Every page is
 * planned before any is drawn, so the contents and the footers know the
 * page numbers; the contents are drawn last, on pages reserved for them. */
#include "report.h"
#include "catalog.h"
#include "chartfile.h"
#include "contract.h"
#include "draw.h"
#include "pdfwrite.h"
#include "numfmt.h"
#include "outfile.h"
#include "schema.h"
#include "storypage.h"
#include "template.h"
#include "util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define RP_W DW_PAGE_W
#define RP_H DW_PAGE_H
#define RP_MARGIN 48.0
#define RP_TOP 64.0            /* first baseline area below the running head */
#define RP_BOTTOM 790.0        /* nothing is drawn below this (footer zone) */
#define RP_TOC_LINE 12.5       /* the contents' line, at most; */
#define RP_TOC_LINE_MIN 11.0   /* tighter, down to this, when that saves a page */
#define RP_TABLE_ROW 10.5

/* Where a text comes from, named when it does not fit: an option of
 * report.tpl ([block] key, translated), or what is drawn where an option's
 * text is (names, numbers; `in`), maybe a message id of the data (region
 * and item labels, translated). */
typedef struct src { const char *block, *key, *msgid; int in; } src;
#define RP_MEASURE (-1)   /* a page index that measures without placing */
#define RO(b, k) ((src){ (b), (k), NULL, 0 })
#define RIN(b, k) ((src){ (b), (k), NULL, 1 })   /* data drawn where option k's text is */
#define RDATA(b, k, m) ((src){ (b), (k), (m), 1 })   /* a message id of the data drawn there */

typedef struct toc_entry {
    char *title;
    src from;
    int level;        /* 0 section, 1 region, 2 country */
    size_t page;      /* index into pages */
    const char *lang; /* the title's language when not the report's (an English name), or NULL */
} toc_entry;

typedef struct rp {
    lo_env *env;
    const ds_data *ds;
    const cp_model *m;
    const char *lang;
    int year, rtl;
    tr_lang *tr;
    const nf_locale *nf;
    tp_template tpl;
    pt_doc *tree;     /* what the report is laid out into */
    dw_pen pen;       /* tree, fonts, language and direction, for draw.c */
    tx_fontset *fs;
    sc_color primary, ink, muted, rule, accent, tile;
    size_t npages;
    toc_entry *toc;
    size_t ntoc, toc_cap;
    size_t *order;    /* countries with all their figures, in region order */
    size_t norder;
    int errors;
    char err[512];
    dg_list *dg;
    double toc_line;           /* the contents' line height (toc_line_for) */
} rp;

/* ---- strings and numbers ------------------------------------------------ */

typedef struct kv { const char *k[8]; const char *v[8]; size_t n; } kv;

static char *txt(rp *r, const char *block, const char *key, const kv *ph)
{
    const tp_block *b = tp_find(&r->tpl, block, NULL);
    const tp_attr *a = tp_attr_of(b, key);
    if (!a) {
        if (!r->errors)
            snprintf(r->err, sizeof r->err, "templates/report.tpl: [%s] has no option '%s'", block, key);
        r->errors++;
        return ut_xstrdup(key);
    }
    const char *names[10], *values[10];
    size_t n = 0;
    char yb[16];
    snprintf(yb, sizeof yb, "%d", r->year);
    names[n] = "year"; values[n++] = yb;
    for (size_t i = 0; ph && i < ph->n && n < 10; i++) { names[n] = ph->k[i]; values[n++] = ph->v[i]; }
    char *err = NULL;
    char *s = ct_format(tr_text(r->tr, a->value), names, values, n, &err);
    if (!s) {
        dg_error(r->dg, r->tpl.file, a->line, NULL, NULL, "[%s] %s: %s", block, key, err ? err : "bad text");
        if (!r->errors) snprintf(r->err, sizeof r->err, "%s:%ld: %s", r->tpl.file, a->line, err ? err : "bad text");
        r->errors++;
        free(err);
        return ut_xstrdup(a->value);
    }
    return s;
}

/* A number as the profiles write it (draw.c): the same marks in Arabic. */
static const char *num(rp *r, double v, int dec, char *buf, size_t n)
{
    return dw_num(&r->pen, v, dec, buf, n);
}

/* Value at the report year or the latest earlier year. */
static double latest(const rp *r, size_t ci, cn_ind id, const char *key)
{
    const cp_series *s = cp_find(r->m, ci, cn_id(id), key);
    for (int y = r->year; s && y >= DS_YEAR_MIN; y--)
        if (!isnan(s->v[y - DS_YEAR_MIN])) return s->v[y - DS_YEAR_MIN];
    return NAN;
}

/* ---- drawing (draw.h) ---------------------------------------------------- */

/* Text in a box given from the page's top-left corner, placed on page pg
 * (an index into the tree), measured only when pg is RP_MEASURE; returns
 * the height used. Text that does not fit even at the
 * theme's min_size (fit.h) is an error naming its template line and
 * catalog entry. */
static double text(rp *r, int pg, const char *s, src from, double x, double y, double w, double h,
                   double size, int bold, sc_color c, int align, int max_lines)
{
    if (pg != RP_MEASURE) pt_set_page(r->tree, pg);
    /* Text not inside a heading, contents entry or footer is a paragraph. */
    int para = pg != RP_MEASURE && r->tree->cur == r->tree->root;
    if (para) pt_open(r->tree, PT_P, NULL, 0, NULL, NULL);
    double used = dw_text(&r->pen, pg != RP_MEASURE, s, x, y, w, h, size, bold, c, align, max_lines,
                          lo_min_size(r->env));
    if (para) pt_close(r->tree);
    if (used >= 0) return used;
    if (!r->errors) {
        const tp_attr *a = from.block ? tp_attr_of(tp_find(&r->tpl, from.block, NULL), from.key) : NULL;
        const char *msgid = a && !from.in ? (a->is_text ? a->value : NULL) : from.msgid;
        long entry = msgid ? tr_line(r->tr, msgid) : 0;
        char sh[UT_SHOWN_SIZE], where[160] = "", cat[96] = "";
        if (a) snprintf(where, sizeof where, "%s:%ld: %s[%s] %s", r->tpl.file, a->line, from.in ? "in " : "",
                        from.block, from.key);
        else snprintf(where, sizeof where, "%s", r->tpl.file);
        if (entry) snprintf(cat, sizeof cat, " (translation: templates/i18n/%s.po:%ld)", r->lang, entry);
        snprintf(r->err, sizeof r->err, "%s: text does not fit its box (%.0f × %.0f pt) even at %g pt: \"%s\"%s",
                 where, w, h, lo_min_size(r->env), ut_shown(sh, s), cat);
    }
    r->errors++;
    return h;
}

static void rect(rp *r, int pg, double x, double y, double w, double h, sc_color c)
{
    pt_set_page(r->tree, pg);
    dw_rect(&r->pen, x, y, w, h, c);
}

static void rule(rp *r, int pg, double x, double y, double w, double width, sc_color c)
{
    pt_set_page(r->tree, pg);
    dw_hline(&r->pen, x, y, w, width, c);
}

static void footer(rp *r, size_t page)
{
    int pg = (int)(page);
    char *doc = txt(r, "cover", "document", NULL);
    char n[32];
    snprintf(n, sizeof n, "%zu", page + 1);
    pt_open(r->tree, PT_ARTIFACT, NULL, 0, NULL, NULL);   /* page furniture */
    rule(r, pg, RP_MARGIN, 810, RP_W - 2 * RP_MARGIN, 0.5, r->rule);
    text(r, pg, doc, RO("cover", "document"), RP_MARGIN, 813, 380, 12, 6.5, 0, r->muted, TX_LEFT, 1);
    text(r, pg, n, RIN("cover", "document"), RP_W - RP_MARGIN - 60, 813, 60, 12, 6.5, 0, r->muted, TX_RIGHT, 1);
    pt_close(r->tree);
    free(doc);
}

/* A part's title band; on the part's later pages (`repeat`), a running
 * head that a reader skips. */
static void heading(rp *r, size_t page, const char *s, src from, int repeat)
{
    int pg = (int)(page);
    pt_open(r->tree, repeat ? PT_ARTIFACT : PT_H1, NULL, 0, NULL, NULL);
    rect(r, pg, 0, 0, RP_W, 40, r->primary);
    text(r, pg, s, from, RP_MARGIN, 13, RP_W - 2 * RP_MARGIN, 18, 13, 1, (sc_color){ 1, 1, 1 }, TX_LEFT, 1);
    pt_close(r->tree);
}

static void add_toc(rp *r, const char *title, src from, int level, size_t page)
{
    ut_grow(&r->toc, &r->toc_cap, r->ntoc + 1, sizeof *r->toc);
    r->toc[r->ntoc++] = (toc_entry){ ut_xstrdup(title), from, level, page, NULL };
}

/* ---- country order ------------------------------------------------------ */

/* A sort key that ignores case and Latin accents, so "Bénin" sorts with
 * "Benin" before "Burundi" (a small stand-in for a collation library: other
 * scripts keep code point order). Owned by the caller. */
static char *sort_key(const char *s)
{
    static const char *const fold[][2] = {
        { "ÀÁÂÃÄÅàáâãäåĀāĂăĄą", "a" }, { "ÇçĆćČč", "c" }, { "ĎďĐđ", "d" },
        { "ÈÉÊËèéêëĒēĖėĘęĚě", "e" }, { "ÌÍÎÏìíîïĪīĮįİı", "i" }, { "Ññ", "n" },
        { "ÒÓÔÕÖØòóôõöøŌōŐő", "o" }, { "ŘřŠšŞşȘș", "s" }, { "ŢţȚțŤť", "t" },
        { "ÙÚÛÜùúûüŪūŮůŰű", "u" }, { "ÝýÿŸ", "y" }, { "ŽžŹźŻż", "z" }, { "Ææ", "ae" },
        { "Œœ", "oe" }, { "ß", "ss" },
    };
    ut_buf b = {0};
    while (*s) {
        const char *start = s;
        uint32_t cp = ut_utf8_next(&s);
        if (cp < 0x80) {
            char ch = (char)(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp);
            ut_buf_add(&b, &ch, 1);
            continue;
        }
        const char *rep = NULL;
        for (size_t i = 0; i < sizeof fold / sizeof *fold && !rep; i++) {
            const char *f = fold[i][0];
            while (*f && !rep) {
                const char *g = f;
                if (ut_utf8_next(&f) == cp) rep = fold[i][1];
                (void)g;
            }
        }
        if (rep) ut_buf_puts(&b, rep);
        else ut_buf_add(&b, start, (size_t)(s - start));
    }
    if (!b.data) ut_buf_add(&b, "", 0);
    return b.data;
}

static const rp *sort_r;
static int cmp_country(const void *a, const void *b)
{
    const ds_country *x = &sort_r->ds->c[*(const size_t *)a], *y = &sort_r->ds->c[*(const size_t *)b];
    int c = strcmp(x->region, y->region);
    if (c) return c;
    char *kx = sort_key(ds_name(sort_r->ds, x, sort_r->lang)), *ky = sort_key(ds_name(sort_r->ds, y, sort_r->lang));
    c = strcmp(kx, ky);
    free(kx);
    free(ky);
    return c ? c : strcmp(x->iso3, y->iso3);
}

static void order_countries(rp *r)
{
    r->order = ut_xcalloc(r->ds->nc + 1, sizeof *r->order);
    for (size_t i = 0; i < r->ds->nc; i++)
        if (cp_country_ok(r->m, i)) r->order[r->norder++] = i;
    sort_r = r;
    qsort(r->order, r->norder, sizeof *r->order, cmp_country);
}

/* ---- annex flow (measured first, then drawn) ---------------------------- */

/* The annexes run in two columns, one after the other with no page left
 * part empty between them: a column full goes on in the next, the second
 * full on the next page. */
#define RP_FLOW_GAP 18.0
#define RP_FLOW_COLW ((RP_W - 2 * RP_MARGIN - RP_FLOW_GAP) / 2)

typedef struct flow {
    rp *r;
    size_t first, page;   /* page indexes */
    double y;
    int draw;
    int col;              /* 0 or 1 */
    size_t last;          /* the last page, whose columns end at last_bottom */
    double last_bottom;   /* (balanced columns); 0: RP_BOTTOM everywhere */
} flow;

static void flow_para(flow *f, pt_role role, const char *s, double size, int bold, sc_color c, double indent,
                      double after);
/* Where the current column ends. */
static double flow_bottom(const flow *f)
{
    return f->last_bottom > 0 && f->page == f->last ? f->last_bottom : RP_BOTTOM;
}

/* Goes on to the next column or page. */
static void flow_break(flow *f)
{
    if (f->col == 0) {
        f->col = 1;
    } else {
        f->col = 0;
        f->page++;
    }
    f->y = RP_TOP;
}

static void flow_text(flow *f, const char *s, double size, int bold, sc_color c, double indent, double after)
{
    flow_para(f, PT_P, s, size, bold, c, indent, after);
}

/* A paragraph, or a heading (role), flowing on to the next page. */
static void flow_para(flow *f, pt_role role, const char *s, double size, int bold, sc_color c, double indent,
                      double after)
{
    rp *r = f->r;
    tx_style st = dw_style(&r->pen, size, bold, c);
    char **lines = NULL;
    double w = RP_FLOW_COLW - indent;
    size_t n = tx_wrap(r->fs, s, &st, w, &lines);
    double lh = size * TX_LINE_HEIGHT;
    /* A heading keeps the first item under it (up to six lines) with it. */
    double keep = role == PT_P ? 0 : 6 * 7.5 * TX_LINE_HEIGHT;
    if (f->y + (double)n * lh + keep > flow_bottom(f)) flow_break(f);
    double x0 = RP_MARGIN + (double)f->col * (RP_FLOW_COLW + RP_FLOW_GAP) + indent;
    if (f->draw) {
        pt_set_page(r->tree, (int)f->page);
        pt_open(r->tree, role, NULL, 0, NULL, NULL);
        for (size_t i = 0; i < n; i++)
            pt_text(r->tree, lines[i], r->rtl ? RP_W - x0 : x0,
                    RP_H - f->y - TX_FIRST_BASELINE * size - (double)i * lh, r->rtl ? TX_RIGHT : TX_LEFT,
                    tx_width(r->fs, lines[i], &st), &st);
        pt_close(r->tree);
    }
    ut_strv_free(lines);
    f->y += (double)n * lh + after;
}

/* An annex's title in the flow, when it does not start a page: a heading
 * (H1, as the band of a part is) over a rule, kept with the lines after it. */
static void flow_heading(flow *f, const char *s, src from)
{
    rp *r = f->r;
    if (f->y + 60 > flow_bottom(f)) flow_break(f);
    double x0 = RP_MARGIN + (double)f->col * (RP_FLOW_COLW + RP_FLOW_GAP);
    if (f->y > RP_TOP) f->y += 8;
    if (f->draw) {
        pt_set_page(r->tree, (int)f->page);
        pt_open(r->tree, PT_H1, NULL, 0, NULL, NULL);
    }
    double h = text(r, f->draw ? (int)f->page : RP_MEASURE, s, from, x0, f->y, RP_FLOW_COLW, 30, 12, 1, r->primary,
                    TX_LEFT, 2);
    if (f->draw) {
        pt_close(r->tree);
        pt_open(r->tree, PT_ARTIFACT, NULL, 0, NULL, NULL);
        rule(r, (int)f->page, x0, f->y + h + 3, RP_FLOW_COLW, 0.8, r->primary);
        pt_close(r->tree);
    }
    f->y += h + 10;
}

/* Lines of one paragraph of a list item's body, `indent` into the column,
 * going on in the next column (or page) when this one is full: a P in
 * `lang` when that is not the report's (NULL: the report's). */
static void item_lines(flow *f, char **lines, size_t n, const tx_style *st, double lh, double indent,
                       const char *lang)
{
    rp *r = f->r;
    pt_node *par = f->draw ? pt_open(r->tree, PT_P, NULL, 0, NULL, NULL) : NULL;
    if (par && lang && strcmp(lang, r->lang) != 0) pt_set_lang(par, lang);
    for (size_t i = 0; i < n; i++) {
        if (f->y + lh > flow_bottom(f)) flow_break(f);
        double x0 = RP_MARGIN + (double)f->col * (RP_FLOW_COLW + RP_FLOW_GAP) + indent;
        if (f->draw) {
            pt_set_page(r->tree, (int)f->page);
            pt_text(r->tree, lines[i], r->rtl ? RP_W - x0 : x0, RP_H - f->y - TX_FIRST_BASELINE * st->size,
                    r->rtl ? TX_RIGHT : TX_LEFT, tx_width(r->fs, lines[i], st), st);
        }
        f->y += lh;
    }
    if (par) pt_close(r->tree);
}

/* A list item of the flow (LI): its label (a bullet) in the margin (Lbl),
 * its body (LBody) wrapped beside it: `s` at `size`, a P in `lang` when
 * that is not the report's (NULL: the report's), then `note` smaller and
 * muted. An item that fits a column is kept whole; a longer one goes on in
 * the next. The caller opens and closes the L around the items. */
static void flow_item(flow *f, const char *label, const char *s, double size, const char *lang,
                      const char *note, double after)
{
    rp *r = f->r;
    const double indent = 9, nsize = size - 0.5;
    double w = RP_FLOW_COLW - indent;
    tx_style st = dw_style(&r->pen, size, 0, r->ink), nst = dw_style(&r->pen, nsize, 0, r->muted);
    char **lines = NULL, **nlines = NULL;
    size_t n = tx_wrap(r->fs, s, &st, w, &lines), nn = tx_wrap(r->fs, note, &nst, w, &nlines);
    double lh = size * TX_LINE_HEIGHT, nlh = nsize * TX_LINE_HEIGHT;
    double whole = (double)n * lh + (double)nn * nlh;
    if (f->y + (whole < flow_bottom(f) - RP_TOP ? whole : lh) > flow_bottom(f)) flow_break(f);
    double x0 = RP_MARGIN + (double)f->col * (RP_FLOW_COLW + RP_FLOW_GAP);   /* the column's start */
    if (f->draw) {
        pt_set_page(r->tree, (int)f->page);
        pt_open(r->tree, PT_LI, NULL, 0, NULL, NULL);
        pt_open(r->tree, PT_LBL, NULL, 0, NULL, NULL);
        pt_text(r->tree, label, r->rtl ? RP_W - x0 : x0, RP_H - f->y - TX_FIRST_BASELINE * size,
                r->rtl ? TX_RIGHT : TX_LEFT, tx_width(r->fs, label, &st), &st);
        pt_close(r->tree);
        pt_open(r->tree, PT_LBODY, NULL, 0, NULL, NULL);
    }
    item_lines(f, lines, n, &st, lh, indent, lang);
    item_lines(f, nlines, nn, &nst, nlh, indent, NULL);
    if (f->draw) {
        pt_close(r->tree);
        pt_close(r->tree);
    }
    ut_strv_free(lines);
    ut_strv_free(nlines);
    f->y += after;
}

static const char *unit_key(const char *unit) { return unit; }

/* Methodology: every indicator's label, description, formula and unit. */
static void methodology(flow *fp)
{
    flow f = *fp;
    rp *r = f.r;
    char *intro = txt(r, "methodology", "intro", NULL);
    flow_text(&f, intro, 8.5, 0, r->ink, 0, 10);
    free(intro);
    for (size_t i = 0; i < r->m->nind; i++) {
        const cp_indicator *ind = &r->m->ind[i];
        flow_text(&f, tr_text(r->tr, ind->label), 9, 1, r->primary, 0, 2);
        if (*ind->description) flow_text(&f, tr_text(r->tr, ind->description), 8, 0, r->ink, 10, 2);
        kv ph = { { "formula" }, { ind->formula }, 1 };
        char *fl = txt(r, "methodology", "formula", &ph);
        flow_text(&f, fl, 7.5, 0, r->muted, 10, 1);
        char *u = txt(r, "methodology", unit_key(ind->unit), NULL);
        kv pu = { { "unit" }, { u }, 1 };
        char *ul = txt(r, "methodology", "unit", &pu);
        flow_text(&f, ul, 7.5, 0, r->muted, 10, 8);
        free(fl); free(u); free(ul);
    }
    *fp = f;
}

/* Sources: every distinct source with the number of countries citing it. */
static void sources(flow *fp)
{
    flow f = *fp;
    rp *r = f.r;
    char *intro = txt(r, "sources", "intro", NULL);
    char *wdi = txt(r, "sources", "wdi", NULL);
    flow_text(&f, intro, 8.5, 0, r->ink, 0, 10);
    flow_text(&f, wdi, 8.5, 0, r->ink, 0, 8);
    free(intro);
    free(wdi);
    const char *seen[256];
    size_t count[256], n = 0;
    for (size_t k = 0; k < r->norder; k++) {
        const ds_country *c = &r->ds->c[r->order[k]];
        const char *mine[64];
        size_t nm = 0;
        for (size_t t = 0; t < 3; t++) {
            size_t rows = t == 0 ? c->nwork : t == 1 ? c->nedu : c->nsys;
            for (size_t i = 0; i < rows; i++) {
                const char *s = t == 0 ? c->work[i].source : t == 1 ? c->edu[i].source : c->sys[i].source;
                size_t j = 0;
                while (j < nm && strcmp(mine[j], s) != 0) j++;
                if (j == nm && nm < 64 && *s) mine[nm++] = s;
            }
        }
        for (size_t j = 0; j < nm; j++) {
            size_t i = 0;
            while (i < n && strcmp(seen[i], mine[j]) != 0) i++;
            if (i == n && n < 256) { seen[n] = mine[j]; count[n++] = 0; }
            if (i < n) count[i]++;
        }
    }
    /* A list: each source cited as the datasets give it, in English
     * (datasets/README.md), then the number of countries citing it, in the
     * report's language. */
    if (f.draw && n) pt_open(r->tree, PT_L, NULL, 0, NULL, NULL);
    for (size_t i = 0; i < n; i++) {
        char nb[NF_BUFSIZE];
        num(r, (double)count[i], 0, nb, sizeof nb);
        kv p = { { "n" }, { nb }, 1 };
        char *used = txt(r, "sources", "used_by", &p);
        int illustrative = strcmp(seen[i], "illustrative") == 0;
        char *name = illustrative ? txt(r, "sources", "illustrative", NULL) : ut_xstrdup(seen[i]);
        flow_item(&f, "•", name, 8, illustrative ? NULL : "en", used, 4);
        free(name); free(used);
    }
    if (f.draw && n) pt_close(r->tree);
    *fp = f;
}

/* Published figures: every country's (published.csv, up to the report
 * year), in the report's order (by region), each figure with what it
 * counts, its year and its source as published. */
static size_t rp_npub(const rp *r)
{
    size_t n = 0;
    for (size_t k = 0; k < r->norder; k++) n += r->ds->c[r->order[k]].npub;
    return n;
}

static void published(flow *fp)
{
    flow f = *fp;
    rp *r = f.r;
    char *intro = txt(r, "published", "intro", NULL);
    flow_text(&f, intro, 8.5, 0, r->ink, 0, 10);
    free(intro);
    const char *region = NULL;
    for (size_t k = 0; k < r->norder; k++) {
        const ds_country *c = &r->ds->c[r->order[k]];
        if (!c->npub) continue;
        if (!region || strcmp(region, c->region) != 0) {
            region = c->region;
            flow_para(&f, PT_H2, tr_text(r->tr, region), 10, 1, r->primary, 0, 4);
        }
        flow_para(&f, PT_H3, ds_name(r->ds, c, r->lang), 9, 1, r->ink, 0, 2);
        for (size_t i = 0; i < c->npub; i++) {
            const ds_pub *p = &c->pub[i];
            char vb[NF_BUFSIZE], yb[16], sy[16];
            snprintf(yb, sizeof yb, "%d", p->year);
            snprintf(sy, sizeof sy, "%d", p->source_year);
            char *measure = txt(r, "published", lo_pub_labels[p->measure], NULL);
            const char *value = lo_pub_value(&r->pen, p, vb, sizeof vb);
            kv ph = { { "item_year", "measure", "value", "definition", "source", "publisher", "source_year" },
                      { yb, measure, value, p->cadre, p->source_title, p->publisher, sy }, 7 };
            char *item = txt(r, "published", "item", &ph);
            flow_text(&f, item, 7.5, 0, r->ink, 10, 3);
            free(item);
            free(measure);
        }
        f.y += 4;
    }
    *fp = f;
}

/* The annexes from page `first`: methodology, then sources in the same
 * flow under their own heading; *p_sources gets the page it starts on.
 * Returns the number of pages. */
static flow annex_flow(rp *r, size_t first, int draw, size_t last, double last_bottom, size_t *p_sources,
                       size_t *p_pub)
{
    flow f = { r, first, first, RP_TOP, draw, 0, last, last_bottom };
    methodology(&f);
    char *t = txt(r, "sources", "title", NULL);
    flow_heading(&f, t, RO("sources", "title"));
    free(t);
    *p_sources = f.page;
    sources(&f);
    *p_pub = 0;
    if (rp_npub(r)) {   /* Annex C, when some country has published figures */
        t = txt(r, "published", "title", NULL);
        flow_heading(&f, t, RO("published", "title"));
        free(t);
        *p_pub = f.page;
        published(&f);
    }
    return f;
}

/* The annexes; their last page's two columns end at the same height (the
 * least at which the flow still ends on that page and in its second
 * column), so the report does not end on a half-empty page. */
static size_t annexes(rp *r, size_t first, int draw, size_t *p_sources, size_t *p_pub)
{
    flow f = annex_flow(r, first, 0, (size_t)-1, 0, p_sources, p_pub);
    size_t last = f.page;
    /* The least bottom that keeps the flow on its last page, to 2 points
     * (a higher bottom never needs more pages). */
    double lo = RP_TOP + 24, hi = RP_BOTTOM;
    while (hi - lo > 2) {
        double mid = (lo + hi) / 2;
        size_t ps, pp;
        flow g = annex_flow(r, first, 0, last, mid, &ps, &pp);
        if (g.page == last) hi = mid;
        else lo = mid;
    }
    double bottom = hi;
    if (draw) f = annex_flow(r, first, 1, last, bottom, p_sources, p_pub);
    else f = annex_flow(r, first, 0, last, bottom, p_sources, p_pub);
    return f.page - first + 1;
}


/* ---- overview ----------------------------------------------------------- */

typedef struct area_stat { const char *name; double med_pop, med_child, n; } area_stat;

/* The medians of a UN region (NULL: the world) at the report year, as the
 * scripts computed them (region_median_latest, world_median_latest): read
 * from the first country of the report in the region, which carries them. */
static area_stat area(rp *r, const char *region)
{
    area_stat s = { region, NAN, NAN, NAN };
    cn_ind med = region ? CN_REGION_MEDIAN_LATEST : CN_WORLD_MEDIAN_LATEST;
    cn_ind count = region ? CN_REGION_COUNT_LATEST : CN_WORLD_COUNT_LATEST;
    for (size_t k = 0; k < r->norder; k++) {
        size_t ci = r->order[k];
        if (region && strcmp(r->ds->c[ci].region, region) != 0) continue;
        s.med_pop = cp_value(r->m, ci, cn_id(med), cn_id(CN_RATIO_PER_100K), r->year);
        s.med_child = cp_value(r->m, ci, cn_id(med), cn_id(CN_RATIO_PER_100K_CHILDREN), r->year);
        s.n = cp_value(r->m, ci, cn_id(count), NULL, r->year);
        break;
    }
    return s;
}

/* The overview's first page: what the report covers, the medians and the
 * capacity grid's counts. Measured only (nothing placed) unless `draw`;
 * returns the y below it, where the headline table starts. */
static double overview_summary(rp *r, size_t page, int draw)
{
    int pg = draw ? (int)(page) : RP_MEASURE;
    char *t = txt(r, "overview", "title", NULL);
    if (draw) heading(r, page, t, RO("overview", "title"), 0);
    free(t);
    int target_year = 0;
    for (size_t k = 0; k < r->norder; k++) {
        const cp_series *s = cp_find(r->m, r->order[k], cn_id(CN_GAP_WORKERS_NEEDED), NULL);
        for (int y = CP_NYEARS - 1; s && y >= 0 && !target_year; y--) if (!isnan(s->v[y])) target_year = y + DS_YEAR_MIN;
    }
    /* The counts of the scripts (world_overview_counts), which every country
     * carries: read from the first of the report. */
    double counts[3];
    static const char *const measures[3] = { "with_data", "on_track", "with_target" };
    for (int i = 0; i < 3; i++) {
        counts[i] = r->norder ? cp_value(r->m, r->order[0], cn_id(CN_WORLD_OVERVIEW_COUNTS), measures[i], r->year) : NAN;
        if (isnan(counts[i])) counts[i] = 0;
    }
    char nc[32], nw[32], no[32], nj[32], ty[32];
    snprintf(nc, sizeof nc, "%zu", r->norder);
    num(r, counts[0], 0, nw, sizeof nw);
    num(r, counts[1], 0, no, sizeof no);
    num(r, counts[2], 0, nj, sizeof nj);
    snprintf(ty, sizeof ty, "%d", target_year);
    kv p = { { "countries", "with_data", "on_track", "with_target", "target_year" }, { nc, nw, no, nj, ty }, 5 };
    double y = 56;
    char *s = txt(r, "overview", "covered", &p);
    y += text(r, pg, s, RO("overview", "covered"), RP_MARGIN, y, RP_W - 2 * RP_MARGIN, 30, 9.5, 0, r->ink, TX_LEFT, 3) + 6;
    free(s);
    s = txt(r, "overview", "track", &p);
    y += text(r, pg, s, RO("overview", "track"), RP_MARGIN, y, RP_W - 2 * RP_MARGIN, 30, 9.5, 0, r->ink, TX_LEFT, 3) + 14;
    free(s);

    /* Medians: the world, then each region. */
    s = txt(r, "overview", "medians", NULL);
    text(r, pg, s, RO("overview", "medians"), RP_MARGIN, y, RP_W - 2 * RP_MARGIN, 14, 10.5, 1, r->primary, TX_LEFT, 1);
    free(s);
    y += 18;
    double cx[4] = { RP_MARGIN, 260, 360, 460 }, cw[4] = { 200, 90, 90, 90 };
    const char *keys[4] = { "area", "countries", "median_pop", "median_children" };
    for (int i = 0; i < 4; i++) {
        char *h = txt(r, "overview", keys[i], NULL);
        text(r, pg, h, RO("overview", keys[i]), cx[i], y, cw[i], 20, 7, 1, r->muted, i ? TX_RIGHT : TX_LEFT, 2);
        free(h);
    }
    y += 20;
    if (draw) rule(r, pg, RP_MARGIN, y, RP_W - 2 * RP_MARGIN - 7, 0.8, r->ink);
    const char *regions[16];
    size_t nreg = 0;
    for (size_t k = 0; k < r->norder && nreg < 16; k++) {
        const char *g = r->ds->c[r->order[k]].region;
        if (!nreg || strcmp(regions[nreg - 1], g) != 0) regions[nreg++] = g;
    }
    for (size_t i = 0; i <= nreg; i++) {
        area_stat a = area(r, i ? regions[i - 1] : NULL);
        char *name = i ? ut_xstrdup(tr_text(r->tr, regions[i - 1])) : txt(r, "overview", "world", NULL);
        char b1[32], b2[48], b3[48];
        num(r, isnan(a.n) ? 0 : a.n, 0, b1, sizeof b1);
        char *nd = txt(r, "overview", "no_data", NULL);
        const char *cells[4] = { name, b1, isnan(a.med_pop) ? nd : num(r, a.med_pop, 1, b2, sizeof b2),
                                 isnan(a.med_child) ? nd : num(r, a.med_child, 1, b3, sizeof b3) };
        src from[4] = { i ? RDATA("overview", "medians", regions[i - 1]) : RO("overview", "world"), RIN("overview", "medians"),
                        RO("overview", "no_data"), RO("overview", "no_data") };
        for (int c = 0; c < 4; c++)
            text(r, pg, cells[c], cells[c] == nd || c < 2 ? from[c] : RIN("overview", "medians"), cx[c], y + 3, cw[c], 11, 8.5, i == 0, r->ink, c ? dw_align_figures(&r->pen) : TX_LEFT, 1);
        y += 14;
        if (draw) rule(r, pg, RP_MARGIN, y, RP_W - 2 * RP_MARGIN - 7, 0.4, r->rule);
        free(name);
        free(nd);
    }
    y += 18;

    /* How many countries report each capacity-grid item, by status. */
    s = txt(r, "overview", "capacity", NULL);
    text(r, pg, s, RO("overview", "capacity"), RP_MARGIN, y, RP_W - 2 * RP_MARGIN, 14, 10.5, 1, r->primary, TX_LEFT, 1);
    free(s);
    y += 18;
    double gx[5] = { RP_MARGIN, 300, 360, 420, 480 }, gw[5] = { 240, 55, 55, 55, 60 };
    const char *gk[5] = { "item", "status_yes", "status_partial", "status_no", "status_unknown" };
    for (int i = 0; i < 5; i++) {
        char *h = txt(r, "overview", gk[i], NULL);
        text(r, pg, h, RO("overview", gk[i]), gx[i], y, gw[i], 20, 7, 1, r->muted, i ? TX_RIGHT : TX_LEFT, 2);
        free(h);
    }
    y += 20;
    if (draw) rule(r, pg, RP_MARGIN, y, RP_W - 2 * RP_MARGIN - 7, 0.8, r->ink);
    for (size_t it = 0; it < r->ds->nitems; it++) {
        /* The counts of the scripts (capacity_status_count), which every
         * country carries: read from the first of the report. */
        char b[4][48];
        const char *cells[5] = { tr_text(r->tr, r->ds->items[it].label), b[0], b[1], b[2], b[3] };
        for (int k = 0; k < 4; k++) {
            char key[160];
            snprintf(key, sizeof key, "%s/%s", r->ds->items[it].id, ds_status_ids[k]);
            double n = r->norder ? cp_value(r->m, r->order[0], cn_id(CN_CAPACITY_STATUS_COUNT), key, r->year) : NAN;
            num(r, isnan(n) ? 0 : n, 0, b[k], sizeof b[k]);
        }
        for (int c = 0; c < 5; c++)
            text(r, pg, cells[c], c ? RIN("overview", "capacity") : RDATA("overview", "capacity", r->ds->items[it].label), gx[c], y + 3, gw[c], 11, 8, 0, r->ink, c ? dw_align_figures(&r->pen) : TX_LEFT, 1);
        y += 13;
        if (draw) rule(r, pg, RP_MARGIN, y, RP_W - 2 * RP_MARGIN - 7, 0.4, r->rule);
    }
    return y;
}

/* A country of the ranked chart: its rank (rank_in_world_latest, from the
 * scripts) and its latest ratio, the length of its bar. */
typedef struct ranked { size_t ci; double rank, v; } ranked;
static int cmp_ranked(const void *a, const void *b)
{
    const ranked *x = a, *y = b;
    return (x->rank > y->rank) - (x->rank < y->rank);
}

/* The countries of the report the scripts ranked, into v (may be NULL). */
static size_t ranked_of(const rp *r, ranked *v)
{
    size_t n = 0;
    for (size_t k = 0; k < r->norder; k++) {
        double rank = cp_value(r->m, r->order[k], cn_id(CN_RANK_IN_WORLD_LATEST), NULL, r->year);
        double x = latest(r, r->order[k], CN_RATIO_PER_100K, NULL);
        if (isnan(rank) || isnan(x)) continue;
        if (v) v[n] = (ranked){ r->order[k], rank, x };
        n++;
    }
    return n;
}

static size_t ranked_count(const rp *r) { return ranked_of(r, NULL); }

/* Every country's workers per 100,000, highest first, in two columns of
 * bars a page. A row is tall enough for a name of two lines
 * ("United Kingdom of Great Britain and Northern Ireland"); the rows are
 * shared out evenly among the pages the countries need. */
#define RP_RANK_ROW_MIN 13.5   /* two lines of 5.5 pt */
#define RP_RANK_ROW_MAX 16.0
#define RP_RANK_TOP 60.0
#define RP_RANK_LABEL 126.0

static size_t rank_rows_max(void) { return (size_t)((RP_BOTTOM - RP_RANK_TOP) / RP_RANK_ROW_MIN); }

static size_t rank_pages_for(size_t n) { return n ? (n + 2 * rank_rows_max() - 1) / (2 * rank_rows_max()) : 0; }

/* For a reader, the chart is a list (L) whose items' labels are the ranks
 * and whose bodies hold the name and the value; the bars are artifacts. */
static void overview_ranked(rp *r, size_t first_page, size_t npages)
{
    ranked *v = ut_xcalloc(r->norder + 1, sizeof *v);
    size_t n = ranked_of(r, v);
    double max = 0;
    for (size_t i = 0; i < n; i++)
        if (v[i].v > max) max = v[i].v;
    qsort(v, n, sizeof *v, cmp_ranked);
    char *title = txt(r, "overview", "ranked", NULL);
    size_t rows = npages ? (n + 2 * npages - 1) / (2 * npages) : 1;   /* per column */
    double colw = (RP_W - 2 * RP_MARGIN - 20) / 2;
    double rh = fmin((RP_BOTTOM - RP_RANK_TOP) / (double)(rows ? rows : 1), RP_RANK_ROW_MAX);
    for (size_t i = 0; i < n; i++) {
        size_t page = first_page + i / (2 * rows);
        if (page >= first_page + npages) break;
        int pg = (int)(page);
        if (i % (2 * rows) == 0) {
            heading(r, page, title, RO("overview", "ranked"), i > 0);
            if (i == 0) pt_open(r->tree, PT_L, NULL, 0, NULL, NULL);
        }
        size_t slot = i % (2 * rows);
        double x0 = RP_MARGIN + (double)(slot / rows) * (colw + 20);
        double y = RP_RANK_TOP + (double)(slot % rows) * rh;
        char b[NF_BUFSIZE], rk[NF_BUFSIZE];
        char *rank = ut_xasprintf("%s.", num(r, v[i].rank, 0, rk, sizeof rk));
        const char *name = ds_name(r->ds, &r->ds->c[v[i].ci], r->lang);
        /* A long name takes two lines, then shrinks like any text. */
        tx_style st = dw_style(&r->pen, 6.5, 0, r->ink);
        const double namew = RP_RANK_LABEL - 17, line = 6.5 * TX_LINE_HEIGHT;
        int one = tx_width(r->fs, name, &st) <= namew;
        double ty = one ? y + (rh - line) / 2 : y;
        pt_open(r->tree, PT_LI, NULL, 0, NULL, NULL);
        pt_open(r->tree, PT_LBL, NULL, 0, NULL, NULL);
        text(r, pg, rank, RIN("overview", "ranked"), x0, ty, 15, line, 6.5, 0, r->ink, TX_RIGHT, 1);
        pt_close(r->tree);
        pt_node *body = pt_open(r->tree, PT_LBODY, NULL, 0, NULL, NULL);
        const char *nl = ds_name_lang(r->ds, &r->ds->c[v[i].ci], r->lang);
        if (nl && strcmp(nl, r->lang) != 0) pt_set_lang(body, nl);   /* an English name standing in */
        text(r, pg, name, RIN("overview", "ranked"), x0 + 17, ty, namew, one ? line : rh, 6.5, 0, r->ink,
             TX_LEFT, one ? 1 : 2);
        free(rank);
        double bw = max > 0 ? (colw - RP_RANK_LABEL - 34) * v[i].v / max : 0;
        double bh = fmin(rh - 4, 7);
        rect(r, pg, x0 + RP_RANK_LABEL + 2, y + (rh - bh) / 2, fmax(bw, 0.5), bh, r->primary);
        text(r, pg, num(r, v[i].v, 1, b, sizeof b), RIN("overview", "ranked"), x0 + RP_RANK_LABEL + 4 + bw,
             y + (rh - 6 * TX_LINE_HEIGHT) / 2, 28, 6 * TX_LINE_HEIGHT, 6, 0, r->muted, TX_LEFT, 1);
        pt_close(r->tree);
        pt_close(r->tree);
    }
    if (n && npages) pt_close(r->tree);
    free(title);
    free(v);
}

/* ---- the ranked chart as files -------------------------------------------- */

#define RK_ROW 8.0       /* points per country */
#define RK_LABEL 150.0   /* rank and name */
#define RK_BARS 250.0
#define RK_VALUE 36.0

/* A text of the ranked chart's scene at x (from the left, mirrored right to
 * left), align as on a left-to-right page. */
static void rk_text(rp *r, sc_scene *sc, const char *s, double x, double y, sc_align align, sc_color c)
{
    double w = sc_width(sc);
    if (r->rtl) {
        x = w - x;
        align = align == SC_ALIGN_LEFT ? SC_ALIGN_RIGHT : align == SC_ALIGN_RIGHT ? SC_ALIGN_LEFT : align;
    }
    sc_text t = { .utf8 = (char *)s, .x = x, .y = y, .size = 6, .align = align, .color = c };
    sc_add_text(sc, &t, 0);
}

/* The overview's ranked chart as one tall bar chart (the report's pages
 * split it in columns), with its alternative text, written to
 * charts_dir/report-ranked.png|svg. Returns 0 or -1 with r->err set. */
static int ranked_files(rp *r, const char *charts_dir)
{
    ranked *v = ut_xcalloc(r->norder + 1, sizeof *v);
    size_t n = ranked_of(r, v);
    qsort(v, n, sizeof *v, cmp_ranked);
    double max = 0;
    for (size_t i = 0; i < n; i++)
        if (v[i].v > max) max = v[i].v;
    double w = RK_LABEL + RK_BARS + RK_VALUE;
    sc_scene *sc = sc_new(w, (double)(n ? n : 1) * RK_ROW);
    char b[48], rank[32];
    for (size_t i = 0; i < n; i++) {
        double y = (double)i * RK_ROW, bw = max > 0 ? RK_BARS * v[i].v / max : 0;
        snprintf(rank, sizeof rank, "%.0f.", v[i].rank);
        rk_text(r, sc, rank, 14, y + 6, SC_ALIGN_RIGHT, r->muted);
        rk_text(r, sc, ds_name(r->ds, &r->ds->c[v[i].ci], r->lang), 18, y + 6, SC_ALIGN_LEFT, r->ink);
        double x0 = r->rtl ? w - RK_LABEL - fmax(bw, 0.5) : RK_LABEL;
        cairo_rectangle(sc_cr(sc), x0, y + 1, fmax(bw, 0.5), RK_ROW - 2);
        sc_style st = { .paint = SC_FILL, .fill = r->primary };
        sc_add_path(sc, &st, 0);
        rk_text(r, sc, num(r, v[i].v, 1, b, sizeof b), RK_LABEL + bw + 3, y + 6, SC_ALIGN_LEFT, r->muted);
    }
    /* What it shows, in words: the extremes and the world median. */
    char nb[32], hi[48], lo[48], med[48];
    snprintf(nb, sizeof nb, "%zu", n);
    area_stat world = area(r, NULL);
    kv p = { { "n", "high", "high_country", "low", "low_country", "median" },
             { nb, n ? num(r, v[0].v, 1, hi, sizeof hi) : "", n ? ds_name(r->ds, &r->ds->c[v[0].ci], r->lang) : "",
               n ? num(r, v[n - 1].v, 1, lo, sizeof lo) : "", n ? ds_name(r->ds, &r->ds->c[v[n - 1].ci], r->lang) : "",
               isnan(world.med_pop) ? "" : num(r, world.med_pop, 1, med, sizeof med) }, 6 };
    char *alt = txt(r, "overview", "ranked_alt", &p), *title = txt(r, "overview", "ranked", NULL);
    char *sub = txt(r, "overview", "ranked_subtitle", &p), *source = txt(r, "overview", "chart_source", NULL);
    cx_info in = { .title = title, .subtitle = sub, .source = source, .alt = alt, .lang = r->lang, .rtl = r->rtl,
                   .font_family = cx_font_family(lo_script_name(r->pen.script)), .ink = r->ink, .muted = r->muted };
    char *png = ut_xasprintf("%s/report-ranked.png", charts_dir), *svg = ut_xasprintf("%s/report-ranked.svg", charts_dir);
    sc_ft *ft = lo_chart_fonts(r->env, r->pen.script);
    int rc = 0;
    if (!ft || of_mkdirs(png) != 0 || cx_write(sc, &in, ft, png, svg) != 0) {
        snprintf(r->err, sizeof r->err, "cannot write %s or %s", png, svg);
        rc = -1;
    }
    free(png); free(svg); free(alt); free(title); free(sub); free(source);
    sc_free(sc);
    free(v);
    return rc;
}

/* ---- the headline table -------------------------------------------------- */

/* Every country's headline figures in region order, a sub-heading row
 * opening each region. The table starts under the overview's summary and
 * runs on over as many pages as it needs, its rows shared out evenly among
 * them so that no page is left nearly empty; a region's sub-heading is never
 * the last row of a page. Each page holds one table (a Table element with
 * its header row: TH cells of scope Column; a sub-heading is a row of one
 * TH of scope Row, as is each country's name). */
#define RP_HL_TITLE 22.0   /* the table's title on its first page */
#define RP_HL_HEAD 24.0    /* the header row and its rule */
#define RP_HL_TOP 52.0     /* the header row on a page of its own */
#define RP_HL_COLS 7

typedef struct hl_row {
    size_t ci;        /* the country, or the first of the region */
    int sub;          /* a region's sub-heading */
    size_t page;
    double y, h;      /* the row's top and height (a long name takes two lines) */
} hl_row;

typedef struct hl_plan {
    hl_row *rows;
    size_t n, first, pages;
    double y0;        /* the title's top on the first page */
    int own;          /* the first page is the table's own (no room under the summary) */
} hl_plan;

#define RP_HL_NAME_SIZE 7.0
static const double hl_x[RP_HL_COLS] = { RP_MARGIN, 196, 266, 326, 386, 446, 506 };
static const double hl_w[RP_HL_COLS] = { 142, 64, 54, 54, 54, 54, 41 };

/* Places rows from..n-1 from page `page`, each page's rows ending by
 * `limit` points below their start (`first_room` on the first); a
 * sub-heading goes over with the row under it. Returns the last page. */
static size_t hl_place(hl_row *rows, size_t n, size_t page, double top0, double first_room, double limit)
{
    double used = 0, room = first_room, top = top0;
    for (size_t i = 0; i < n; i++) {
        double need = rows[i].h + (rows[i].sub && i + 1 < n ? rows[i + 1].h : 0);
        if (used > 0 && used + need > room + 1e-9) {
            page++;
            used = 0;
            room = limit;
            top = RP_HL_TOP + RP_HL_HEAD;
        }
        rows[i].page = page;
        rows[i].y = top + used;
        used += rows[i].h;
    }
    return page;
}

/* Rows, pages and places; y0: where the table's title goes on page `first`. */
static hl_plan hl_make(const rp *r, size_t first, double y0)
{
    hl_plan h = { ut_xcalloc(2 * r->norder + 1, sizeof(hl_row)), 0, first, 1, y0, 0 };
    tx_style st = dw_style(&r->pen, RP_HL_NAME_SIZE, 0, r->ink);
    for (size_t k = 0; k < r->norder; k++) {
        size_t ci = r->order[k];
        if (!k || strcmp(r->ds->c[ci].region, r->ds->c[r->order[k - 1]].region) != 0)
            h.rows[h.n++] = (hl_row){ ci, 1, 0, 0, RP_TABLE_ROW };
        int two = tx_width(r->fs, ds_name(r->ds, &r->ds->c[ci], r->lang), &st) > hl_w[0];
        h.rows[h.n++] = (hl_row){ ci, 0, 0, 0, two ? 2 * RP_HL_NAME_SIZE * TX_LINE_HEIGHT + 2 : RP_TABLE_ROW };
    }
    double room0 = RP_BOTTOM - y0 - RP_HL_TITLE - RP_HL_HEAD;
    double room = RP_BOTTOM - RP_HL_TOP - RP_HL_HEAD;
    if (room0 < 6 * RP_TABLE_ROW) {   /* too little room under the summary: a page of its own */
        h.first++;
        h.own = 1;
        h.y0 = RP_HL_TOP;
        room0 = RP_BOTTOM - h.y0 - RP_HL_TITLE - RP_HL_HEAD;
    }
    /* Full pages first, to see how many the table needs; then the rows after
     * the first page shared out evenly among the others. */
    double top0 = h.y0 + RP_HL_TITLE + RP_HL_HEAD;
    size_t last = hl_place(h.rows, h.n, h.first, top0, room0, room);
    if (last > h.first) {
        size_t i = 0;
        while (i < h.n && h.rows[i].page == h.first) i++;
        double rest = 0;
        for (size_t k = i; k < h.n; k++) rest += h.rows[k].h;
        double even = rest / (double)(last - h.first) + 2 * RP_TABLE_ROW;
        if (hl_place(h.rows, h.n, h.first, top0, room0, fmin(even, room)) != last)
            hl_place(h.rows, h.n, h.first, top0, room0, room);
    }
    h.pages = h.n ? h.rows[h.n - 1].page - h.first + 1 : 1;   /* no country: the header alone */
    return h;
}

/* A cell's element, its box mirrored right to left like its text. */
static pt_node *hl_cell(rp *r, pt_role role, pt_scope scope, double x, double y, double w, double h)
{
    double cx = dw_x(&r->pen, x, w);
    double box[4] = { cx, y, cx + w, y + h };
    pt_node *n = pt_open(r->tree, role, NULL, 0, NULL, box);
    if (role == PT_TH) pt_set_scope(n, scope);
    return n;
}

/* The header row at y (the row's top), and its rule. */
static void hl_header(rp *r, int pg, double y)
{
    static const char *const keys[RP_HL_COLS] = { "country", "population", "workers", "ratio", "ratio_children",
                                                  "government", "on_track" };
    pt_open(r->tree, PT_TR, NULL, 0, NULL, NULL);
    for (int i = 0; i < RP_HL_COLS; i++) {
        char *h = txt(r, "overview", keys[i], NULL);
        hl_cell(r, PT_TH, PT_SCOPE_COLUMN, hl_x[i], y, hl_w[i], 20);
        text(r, pg, h, RO("overview", keys[i]), hl_x[i], y, hl_w[i], 20, 6.5, 1, r->muted,
             i ? dw_align_figures(&r->pen) : TX_LEFT, 2);
        pt_close(r->tree);
        free(h);
    }
    pt_close(r->tree);
    rule(r, pg, RP_MARGIN, y + 22, RP_W - 2 * RP_MARGIN, 0.8, r->ink);
}

/* One country's row. */
static void hl_country(rp *r, int pg, size_t ci, double y, double h, const char *nd)
{
    const ds_country *c = &r->ds->c[ci];
    char b[5][NF_BUFSIZE];
    const ds_pop *pop = NULL;
    for (int yy = r->year; yy >= DS_YEAR_MIN && !pop; yy--) pop = ds_pop_of(c, yy);
    double vals[5] = { pop ? pop->population : NAN, latest(r, ci, CN_WORKFORCE_TOTAL, NULL),
                       latest(r, ci, CN_RATIO_PER_100K, NULL), latest(r, ci, CN_RATIO_PER_100K_CHILDREN, NULL),
                       latest(r, ci, CN_GOVERNMENT_SHARE, NULL) };
    int dec[5] = { 0, 0, 1, 1, 1 };
    const char *cells[RP_HL_COLS];
    cells[0] = ds_name(r->ds, c, r->lang);
    for (int i = 0; i < 5; i++) {
        if (isnan(vals[i])) cells[i + 1] = nd;
        else if (i == 4) cells[i + 1] = dw_pct(&r->pen, vals[i], 1, b[i], sizeof b[i]);
        else cells[i + 1] = num(r, vals[i], dec[i], b[i], sizeof b[i]);
    }
    double on = latest(r, ci, CN_GAP_ON_TRACK, NULL);
    char *yn = isnan(on) ? ut_xstrdup(nd) : txt(r, "overview", on == 1 ? "yes" : "no", NULL);
    cells[6] = yn;
    pt_open(r->tree, PT_TR, NULL, 0, NULL, NULL);
    for (int i = 0; i < RP_HL_COLS; i++) {
        src from = cells[i] == nd ? RO("overview", "no_data") : i == 6 ? RO("overview", on == 1 ? "yes" : "no")
                                                                      : RIN("overview", "table");
        int missing = i == 0 ? 0 : i < 6 ? isnan(vals[i - 1]) : isnan(on);
        /* A name of two lines: the figures stand on its first. */
        pt_node *cell = hl_cell(r, i ? PT_TD : PT_TH, PT_SCOPE_ROW, hl_x[i], y, hl_w[i], h);
        if (i == 0) {   /* an English name standing in for a missing one says so */
            const char *nl = ds_name_lang(r->ds, c, r->lang);
            if (nl && strcmp(nl, r->lang) != 0) pt_set_lang(cell, nl);
        }
        text(r, pg, cells[i], from, hl_x[i], y + 1.5, hl_w[i], i ? RP_TABLE_ROW - 1 : h - 1, RP_HL_NAME_SIZE, 0,
             missing ? r->muted : r->ink, i ? dw_align_figures(&r->pen) : TX_LEFT, i ? 1 : 2);
        pt_close(r->tree);
    }
    pt_close(r->tree);
    free(yn);
    rule(r, pg, RP_MARGIN, y + h, RP_W - 2 * RP_MARGIN, 0.3, r->rule);
}

/* A region's sub-heading row. */
static void hl_region(rp *r, int pg, size_t ci, double y)
{
    const char *region = r->ds->c[ci].region;
    pt_open(r->tree, PT_TR, NULL, 0, NULL, NULL);
    hl_cell(r, PT_TH, PT_SCOPE_ROW, RP_MARGIN, y, RP_W - 2 * RP_MARGIN, RP_TABLE_ROW);
    text(r, pg, tr_text(r->tr, region), RDATA("overview", "table", region), RP_MARGIN, y + 1.5,
         RP_W - 2 * RP_MARGIN, RP_TABLE_ROW - 1, 7.5, 1, r->primary, TX_LEFT, 1);
    pt_close(r->tree);
    pt_close(r->tree);
    rule(r, pg, RP_MARGIN, y + RP_TABLE_ROW, RP_W - 2 * RP_MARGIN, 0.6, r->primary);
}

static void hl_draw(rp *r, const hl_plan *h)
{
    char *title = txt(r, "overview", "table", NULL);
    char *nd = txt(r, "overview", "no_data", NULL);
    size_t i = 0;
    for (size_t p = h->first; p < h->first + h->pages; p++) {
        int pg = (int)p;
        double top = RP_HL_TOP;
        if (p == h->first) {   /* the title in the page's flow, under the summary (or the band) */
            if (h->own) {   /* the overview's running head over the table's own title */
                char *o = txt(r, "overview", "title", NULL);
                heading(r, p, o, RO("overview", "title"), 1);
                free(o);
            }
            pt_set_page(r->tree, pg);
            pt_open(r->tree, PT_H2, NULL, 0, NULL, NULL);
            text(r, pg, title, RO("overview", "table"), RP_MARGIN, h->y0, RP_W - 2 * RP_MARGIN, 14, 10.5, 1,
                 r->primary, TX_LEFT, 1);
            pt_close(r->tree);
            top = h->y0 + RP_HL_TITLE;
        } else {
            heading(r, p, title, RO("overview", "table"), 1);
        }
        pt_set_page(r->tree, pg);
        pt_open(r->tree, PT_TABLE, NULL, 0, NULL, NULL);
        hl_header(r, pg, top);
        for (; i < h->n && h->rows[i].page == p; i++) {
            if (h->rows[i].sub) hl_region(r, pg, h->rows[i].ci, h->rows[i].y);
            else hl_country(r, pg, h->rows[i].ci, h->rows[i].y, h->rows[i].h, nd);
        }
        pt_close(r->tree);
    }
    free(title);
    free(nd);
}

/* ---- country stories ---------------------------------------------------- */

#define RP_STORY_REGION 20.0   /* a region's line, above its first story */
#define RP_STORY_NAME 14.0     /* a story's country line */
#define RP_STORY_GAP 14.0      /* between two stories */

/* How a story looks in the report, and its source line and note (owned
 * by the caller: free with story_look_free). NULL when the country has no
 * story in the report's language or its original one. */
static const sy_story *story_look(rp *r, size_t ci, sp_look *lk)
{
    int fallback = 0;
    const sy_story *s = sy_pick(&r->ds->stories, r->ds->c[ci].iso3, r->lang, &fallback);
    if (!s) return NULL;
    tr_lang *sl = lo_lang(r->env, s->lang);
    dw_pen sp = sl ? dw_pen_for(r->tree, r->fs, s->lang, tr_conventions(sl)) : r->pen;
    char key[16];
    snprintf(key, sizeof key, "in_%s", s->lang);
    kv ph = { { "source" }, { s->source ? s->source : "" }, 1 };
    char *src = s->published ? txt(r, "stories", "source", &ph) : txt(r, "stories", "illustrative", NULL);
    if (!s->published && s->source) {
        char *both = ut_xasprintf("%s %s", src, s->source);
        free(src);
        src = both;
    }
    *lk = (sp_look){ .body = 8.5, .small = 7, .title = 10, .ink = r->ink, .muted = r->muted,
                     .primary = r->primary, .rule = r->rule, .source = src, .title_role = PT_H4,
                     .note = fallback ? txt(r, "stories", key, NULL) : NULL, .page_lang = r->lang,
                     .page_rtl = r->rtl, .page_script = r->pen.script, .rtl = sp.rtl, .script = sp.script };
    return s;
}

static void story_look_free(sp_look *lk)
{
    free((char *)lk->source);
    free((char *)lk->note);
}

/* The "Country stories" chapter: every story of the countries in the
 * report, in region order, each under its country's name, a story never
 * split across pages. Adds contents entries (regions, countries) when
 * drawing. Returns the number of pages (0: no story). */
static size_t stories_chapter(rp *r, size_t first, int draw)
{
    double w = RP_W - 2 * RP_MARGIN, y = RP_TOP;
    size_t page = first, n = 0;
    const char *region = NULL;
    for (size_t k = 0; k < r->norder; k++) {
        size_t ci = r->order[k];
        sp_look lk;   /* a region's name and rule head its first story, on its page */
        const sy_story *s = story_look(r, ci, &lk);
        if (!s) continue;
        const ds_country *c = &r->ds->c[ci];
        int new_region = !region || strcmp(region, c->region) != 0;
        region = c->region;
        double head = new_region ? RP_STORY_REGION : 0;
        double need = head + RP_STORY_NAME + sp_height(r->fs, s, &lk, w);
        if (n && y + need > RP_BOTTOM) {
            page++;
            y = RP_TOP;
        }
        n++;
        if (draw) {
            if (new_region) {
                add_toc(r, tr_text(r->tr, c->region), RDATA("contents", "title", c->region), 1, page);
                pt_open(r->tree, PT_H2, NULL, 0, NULL, NULL);
                text(r, (int)page, tr_text(r->tr, c->region), RDATA("contents", "title", c->region), RP_MARGIN, y,
                     w, RP_STORY_REGION - 4, 12, 1, r->primary, TX_LEFT, 1);
                pt_close(r->tree);
                rule(r, (int)page, RP_MARGIN, y + RP_STORY_REGION - 3, w, 0.6, r->rule);
            }
            add_toc(r, ds_name(r->ds, c, r->lang), RIN("stories", "title"), 2, page);
            pt_open(r->tree, PT_SECT, NULL, 0, NULL, NULL);
            pt_open(r->tree, PT_H3, NULL, 0, NULL, NULL);
            text(r, (int)page, ds_name(r->ds, c, r->lang), RIN("stories", "title"), RP_MARGIN, y + head, w,
                 RP_STORY_NAME, 10, 1, r->primary, TX_LEFT, 1);
            pt_close(r->tree);
            pt_set_page(r->tree, (int)page);
            sp_place(r->tree, r->fs, s, &lk, RP_MARGIN, y + head + RP_STORY_NAME, w);
            pt_close(r->tree);
        }
        y += need + RP_STORY_GAP;
        story_look_free(&lk);
    }
    return n ? page - first + 1 : 0;
}

/* The contents lines the chapter adds: its title, and each region and
 * country with a story. */
static size_t stories_toc_lines(rp *r)
{
    size_t n = 0;
    const char *region = NULL;
    int fb;
    for (size_t k = 0; k < r->norder; k++) {
        const ds_country *c = &r->ds->c[r->order[k]];
        if (!sy_pick(&r->ds->stories, c->iso3, r->lang, &fb)) continue;
        n += 1 + (!region || strcmp(region, c->region) != 0);
        region = c->region;
    }
    return n ? n + 1 : 0;
}

/* Its title band on each page. */
static void stories_headings(rp *r, size_t first, size_t npages)
{
    if (!npages) return;
    char *h = txt(r, "stories", "title", NULL);
    for (size_t i = 0; i < npages; i++) heading(r, first + i, h, RO("stories", "title"), i > 0);
    free(h);
}

/* ---- cover, contents, bookmarks ----------------------------------------- */

static void cover_imprint(rp *r);

static void cover(rp *r)
{
    int pg = (int)(0);
    rect(r, pg, 0, 0, RP_W, 520, r->primary);
    rect(r, pg, RP_MARGIN, 470, 80, 5, r->accent);
    char nc[32];
    snprintf(nc, sizeof nc, "%zu", r->norder);
    kv p = { { "countries" }, { nc }, 1 };
    char *t = txt(r, "cover", "title", &p), *s = txt(r, "cover", "subtitle", &p), *n = txt(r, "cover", "note", &p);
    pt_open(r->tree, PT_H1, NULL, 0, NULL, NULL);
    text(r, pg, t, RO("cover", "title"), RP_MARGIN, 300, RP_W - 2 * RP_MARGIN, 110, 34, 1, (sc_color){ 1, 1, 1 }, TX_LEFT, 3);
    pt_close(r->tree);
    text(r, pg, s, RO("cover", "subtitle"), RP_MARGIN, 420, RP_W - 2 * RP_MARGIN, 40, 15, 0, (sc_color){ 0.86, 0.9, 0.95 }, TX_LEFT, 2);
    text(r, pg, n, RO("cover", "note"), RP_MARGIN, 548, RP_W - 2 * RP_MARGIN, 40, 9, 0, r->muted, TX_LEFT, 3);
    free(t); free(s); free(n);
    cover_imprint(r);
}

/* The cover's lower half: the edition, the publisher, the year of
 * publication (from profile.tpl's [document] date: the same bytes on every
 * run) and a suggested citation above the foot of the page. */
static void cover_imprint(rp *r)
{
    const char *date = lo_date(r->env);
    char py[8];
    snprintf(py, sizeof py, "%.4s", date ? date : "");
    kv p = { { "published" }, { py }, 1 };
    char *ed = txt(r, "cover", "edition", &p), *pb = txt(r, "cover", "publisher", &p);
    char *pu = txt(r, "cover", "published", &p), *ci = txt(r, "cover", "citation", &p);
    double w = RP_W - 2 * RP_MARGIN, y = 612;
    rect(r, 0, RP_MARGIN, y, 3, 44, r->accent);
    y += text(r, 0, ed, RO("cover", "edition"), RP_MARGIN + 12, y, w - 12, 18, 13, 1, r->primary, TX_LEFT, 1) + 3;
    y += text(r, 0, pb, RO("cover", "publisher"), RP_MARGIN + 12, y, w - 12, 26, 10, 0, r->ink, TX_LEFT, 2) + 2;
    text(r, 0, pu, RO("cover", "published"), RP_MARGIN + 12, y, w - 12, 14, 9, 0, r->muted, TX_LEFT, 1);
    pt_open(r->tree, PT_ARTIFACT, NULL, 0, NULL, NULL);
    rule(r, 0, RP_MARGIN, 724, w, 0.5, r->rule);
    pt_close(r->tree);
    text(r, 0, ci, RO("cover", "citation"), RP_MARGIN, 732, w, 40, 7.5, 0, r->muted, TX_LEFT, 4);
    free(ed); free(pb); free(pu); free(ci);
}

/* The contents: two columns a page; each entry's page number flush with the
 * column's far edge, dot leaders from its title to it (an artifact: a
 * reader hears the title and the number), the whole line a link. */
#define RP_TOC_GAP 24.0
#define RP_TOC_COLW ((RP_W - 2 * RP_MARGIN - RP_TOC_GAP) / 2)
#define RP_TOC_NUMW 22.0

static size_t toc_lines_at(double line) { return (size_t)((RP_BOTTOM - RP_TOP - 10) / line); }
static size_t toc_per_column(const rp *r) { return toc_lines_at(r->toc_line); }
static size_t toc_per_page(const rp *r) { return 2 * toc_per_column(r); }

/* The contents' line height for n entries: RP_TOC_LINE, or less (down to
 * RP_TOC_LINE_MIN) when that keeps the contents a page shorter, so its last
 * page is not a few lines alone. */
static double toc_line_for(size_t n)
{
    size_t per_min = 2 * toc_lines_at(RP_TOC_LINE_MIN), pages = (n + per_min - 1) / (per_min ? per_min : 1);
    size_t col = pages ? (n + 2 * pages - 1) / (2 * pages) : 1;   /* lines a column needs */
    double line = (RP_BOTTOM - RP_TOP - 10) / (double)(col ? col : 1);
    return fmin(RP_TOC_LINE, fmax(RP_TOC_LINE_MIN, line - 0.01));
}

/* Dots from x0 to x1 (layout coordinates) on the line at y, at `size`. */
static void toc_leader(rp *r, int pg, double x0, double x1, double y, double size)
{
    tx_style st = dw_style(&r->pen, size, 0, r->muted);
    double unit = tx_width(r->fs, " .", &st);
    if (unit <= 0 || x1 - x0 < 2 * unit) return;
    size_t n = (size_t)((x1 - x0) / unit);
    ut_buf b = {0};
    for (size_t i = 0; i < n; i++) ut_buf_puts(&b, " .");
    pt_open(r->tree, PT_ARTIFACT, NULL, 0, NULL, NULL);
    /* Flush with the number, so the dots of all lines stand in columns. */
    text(r, pg, b.data, RIN("contents", "title"), x1 - (double)n * unit - 0.5, y, (double)n * unit + 0.5,
         r->toc_line, size, 0, r->muted, TX_RIGHT, 1);
    pt_close(r->tree);
    ut_buf_free(&b);
}

static void contents(rp *r, size_t first_page)
{
    char *t = txt(r, "contents", "title", NULL);
    size_t per = toc_per_page(r), col_n = toc_per_column(r);
    for (size_t i = 0; i < r->ntoc; i++) {
        size_t page = first_page + i / per;
        int pg = (int)(page);
        if (i % per == 0) heading(r, page, t, RO("contents", "title"), i > 0);
        if (i == 0) pt_open(r->tree, PT_TOC, NULL, 0, NULL, NULL);
        /* An entry: its title and page number, a link to its page. */
        const toc_entry *e = &r->toc[i];
        pt_node *item = pt_open(r->tree, PT_TOCI, NULL, 0, NULL, NULL);
        if (e->lang) pt_set_lang(item, e->lang);
        pt_open(r->tree, PT_LINK, NULL, 0, NULL, NULL);
        size_t slot = i % per;
        double cx = RP_MARGIN + (double)(slot / col_n) * (RP_TOC_COLW + RP_TOC_GAP);
        double y = RP_TOP + (double)(slot % col_n) * r->toc_line;
        double indent = e->level * 10.0, size = e->level == 2 ? 8 : 9;
        int bold = e->level < 2;
        char pn[NF_BUFSIZE];
        num(r, (double)(e->page + 1), 0, pn, sizeof pn);
        double room = RP_TOC_COLW - indent - RP_TOC_NUMW - 4;
        text(r, pg, e->title, e->from, cx + indent, y, room, r->toc_line, size, bold,
             e->level == 0 ? r->primary : r->ink, TX_LEFT, 1);
        tx_style st = dw_style(&r->pen, size, bold, r->ink);
        double tw = fmin(tx_width(r->fs, e->title, &st), room);
        double nx = cx + RP_TOC_COLW - RP_TOC_NUMW;
        tx_style ns = dw_style(&r->pen, 8, bold, r->muted);
        double nw = tx_width(r->fs, pn, &ns);
        text(r, pg, pn, RIN("contents", "title"), nx, y + (size - 8) * 0.8, RP_TOC_NUMW, r->toc_line, 8, bold,
             r->muted, TX_RIGHT, 1);
        toc_leader(r, pg, cx + indent + tw + 4, cx + RP_TOC_COLW - nw - 3, y + (size - 8) * 0.8, 8);
        /* The whole line is a link to the entry's page. */
        pt_set_page(r->tree, pg);
        pt_link(r->tree, dw_x(&r->pen, cx, RP_TOC_COLW), RP_H - y - r->toc_line + 2, RP_TOC_COLW, r->toc_line - 1,
                (int)e->page);
        pt_close(r->tree);
        pt_close(r->tree);
    }
    if (r->ntoc) pt_close(r->tree);
    free(t);
}

static void bookmarks(rp *r)
{
    for (size_t i = 0; i < r->ntoc; i++) {
        const toc_entry *e = &r->toc[i];
        pt_bookmark(r->tree, e->level, e->title, (int)e->page, e->level == 0);
    }
}

/* ---- the report --------------------------------------------------------- */


int rp_check_template(const char *templates_dir, dg_list *dg)
{
    char *tpath = ut_xasprintf("%s/report.tpl", templates_dir);
    tp_template t;
    int bad = tp_load(tpath, "templates/report.tpl", sm_report, &t, dg);
    tp_free(&t);
    free(tpath);
    return bad ? -1 : 0;
}

int rp_build(lo_env *env, const ds_data *ds, const cp_model *m, const char *lang, int year,
             const char *templates_dir, const char *path, const char *charts_dir, dg_list *dg, char *err,
             size_t errlen)
{
    rp r = { .env = env, .ds = ds, .m = m, .lang = lang, .year = year, .dg = dg };
    r.tr = lo_lang(env, lang);
    r.fs = lo_fonts(env);
    if (!r.tr) {
        snprintf(err, errlen, "no catalog for language '%s'", lang);
        return -1;
    }
    r.nf = tr_numbers(r.tr);
    r.rtl = tr_rtl(r.tr);
    lo_colors(env, &r.primary, &r.ink, &r.muted, &r.rule, &r.accent, &r.tile);
    char *tpath = ut_xasprintf("%s/report.tpl", templates_dir);
    size_t before = dg->n;
    int bad = tp_load(tpath, "templates/report.tpl", sm_report, &r.tpl, dg);
    free(tpath);
    if (bad) {
        /* The first problem in the job's own message: a worker's list of
         * problems may never be printed. */
        char *first = dg->n > before ? dg_format(&dg->v[before]) : ut_xstrdup("templates/report.tpl has errors");
        first[strcspn(first, "\n")] = '\0';
        snprintf(err, errlen, "%s%s", first, dg->n > before + 1 ? " (and more, see above)" : "");
        free(first);
        tp_free(&r.tpl);
        return -1;
    }
    order_countries(&r);
    r.tree = pt_new(RP_W, RP_H);
    r.pen = dw_pen_for(r.tree, r.fs, lang, tr_conventions(r.tr));

    /* Plan every page: cover, contents, overview, profiles, annexes. */
    size_t nregions = 0;
    for (size_t k = 0; k < r.norder; k++)
        if (!k || strcmp(ds->c[r.order[k]].region, ds->c[r.order[k - 1]].region) != 0) nregions++;
    size_t ntoc_lines = 1 + 1 + nregions + r.norder + 2 + stories_toc_lines(&r) + (rp_npub(&r) > 0);
    r.toc_line = toc_line_for(ntoc_lines);
    size_t toc_pages = (ntoc_lines + toc_per_page(&r) - 1) / toc_per_page(&r);
    size_t rank_pages = rank_pages_for(ranked_count(&r));
    size_t p_overview = 1 + toc_pages;
    /* The headline table starts under the overview's summary. */
    hl_plan hl = hl_make(&r, p_overview, overview_summary(&r, p_overview, 0) + 14);
    size_t p_ranked = hl.first + hl.pages;
    size_t p_profiles = p_ranked + rank_pages;
    size_t p_stories = p_profiles + LO_PROFILE_PAGES * r.norder;
    size_t story_pages = stories_chapter(&r, p_stories, 0);
    size_t p_method = p_stories + story_pages;
    size_t p_sources = p_method, p_pub = 0;
    size_t annex_pages = annexes(&r, p_method, 0, &p_sources, &p_pub);
    r.npages = p_method + annex_pages;
    for (size_t i = 0; i < r.npages; i++) pt_add_page(r.tree);

    char *t_over = txt(&r, "contents", "overview", NULL), *t_prof = txt(&r, "contents", "profiles", NULL);
    char *t_meth = txt(&r, "contents", "methodology", NULL), *t_src = txt(&r, "contents", "sources", NULL);
    add_toc(&r, t_over, RO("contents", "overview"), 0, p_overview);
    add_toc(&r, t_prof, RO("contents", "profiles"), 0, p_profiles);
    cover(&r);
    overview_summary(&r, p_overview, 1);
    hl_draw(&r, &hl);
    free(hl.rows);
    overview_ranked(&r, p_ranked, rank_pages);
    for (size_t k = 0; k < r.norder && !r.errors; k++) {
        size_t ci = r.order[k], first = p_profiles + LO_PROFILE_PAGES * k;
        if (!k || strcmp(ds->c[ci].region, ds->c[r.order[k - 1]].region) != 0)
            add_toc(&r, tr_text(r.tr, ds->c[ci].region), RDATA("contents", "title", ds->c[ci].region), 1, first);
        add_toc(&r, ds_name(ds, &ds->c[ci], lang), RIN("contents", "title"), 2, first);
        const char *nl = ds_name_lang(ds, &ds->c[ci], lang);
        if (nl && strcmp(nl, lang) != 0) r.toc[r.ntoc - 1].lang = nl;
        lo_job job = { .country = ci, .lang = lang, .year = year };
        lo_target t = { .tree = r.tree, .first_page = (int)first + 1, .total_pages = (int)r.npages };
        for (int p = 0; p < LO_PROFILE_PAGES; p++) t.pages[p] = (int)first + p;
        char e[400];
        if (lo_profile_into(env, ds, m, &job, &t, e, sizeof e) != 0) {
            snprintf(r.err, sizeof r.err, "%s: %s", ds->c[ci].iso3, e);
            r.errors++;
        }
    }
    if (story_pages) {
        char *t_sto = txt(&r, "stories", "title", NULL);
        add_toc(&r, t_sto, RO("stories", "title"), 0, p_stories);
        free(t_sto);
        stories_headings(&r, p_stories, story_pages);
        stories_chapter(&r, p_stories, 1);
    }
    add_toc(&r, t_meth, RO("contents", "methodology"), 0, p_method);
    add_toc(&r, t_src, RO("contents", "sources"), 0, p_sources);
    /* A band on every annex page: the title of the annex it starts with,
     * a running head after the first. */
    char *h = txt(&r, "methodology", "title", NULL), *hs = txt(&r, "sources", "title", NULL);
    char *hp = p_pub ? txt(&r, "published", "title", NULL) : NULL;
    for (size_t i = p_method; i < r.npages; i++) {
        if (p_pub && i > p_pub) heading(&r, i, hp, RO("published", "title"), 1);
        else heading(&r, i, i > p_sources ? hs : h, i > p_sources ? RO("sources", "title") : RO("methodology", "title"),
                     i > p_method);
    }
    free(h);
    free(hs);
    free(hp);
    if (p_pub) {
        char *t_pub = txt(&r, "contents", "published", NULL);
        add_toc(&r, t_pub, RO("contents", "published"), 0, p_pub);
        free(t_pub);
    }
    annexes(&r, p_method, 1, &p_sources, &p_pub);
    contents(&r, 1);
    bookmarks(&r);
    /* A viewer's page box shows the numbers the footers and the contents
     * print: every page, the cover included, counts from 1. */
    pt_page_label(r.tree, 0, PT_LABEL_DECIMAL, 1, NULL);
    for (size_t i = 0; i < r.npages; i++)
        if (i && (i < p_profiles || i >= p_stories)) footer(&r, i);

    char *title = txt(&r, "cover", "document", NULL);
    pt_set_meta(r.tree, title, "State of the Social Service Workforce report team", title,
                "social service workforce, country profiles", lang, lo_date(env));
    int rc = 0;
    if (!r.errors) {
        char what[32];
        snprintf(what, sizeof what, "report, %s", lang);
        size_t before = dg->n;
        if (lo_check(env, r.tree, what, dg) != 0) {
            char *first = dg->n > before ? dg_format(&dg->v[before]) : ut_xstrdup("the layout check failed");
            snprintf(r.err, sizeof r.err, "%s", first);
            free(first);
            r.errors++;
        }
    }
    if (r.errors) {
        snprintf(err, errlen, "%s", r.err);
        rc = -1;
    } else if (pw_save(r.tree, r.fs, path, err, errlen) != 0) {
        rc = -1;
    } else if (charts_dir && ranked_files(&r, charts_dir) != 0) {
        snprintf(err, errlen, "%s", r.err);
        rc = -1;
    }
    free(title); free(t_over); free(t_prof); free(t_meth); free(t_src);
    for (size_t i = 0; i < r.ntoc; i++) free(r.toc[i].title);
    free(r.toc);
    free(r.order);
    pt_free(r.tree);
    tp_free(&r.tpl);
    return rc;
}
