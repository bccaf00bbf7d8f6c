/* pagetree.c — building and checking the page tree (see pagetree.h). */
#include "pagetree.h"
#include "util.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* Overlaps and overhangs smaller than this are rounding, not layout. */
#define PT_EPS 0.01

const char *pt_role_name(pt_role role)
{
    static const char *const names[PT_NROLES] = {
        [PT_DOCUMENT] = "Document", [PT_ARTIFACT] = "Artifact", [PT_SECT] = "Sect",
        [PT_H1] = "H1", [PT_H2] = "H2", [PT_H3] = "H3", [PT_P] = "P",
        [PT_TABLE] = "Table", [PT_TR] = "TR", [PT_TH] = "TH", [PT_TD] = "TD",
        [PT_L] = "L", [PT_LI] = "LI", [PT_FIGURE] = "Figure", [PT_LINK] = "Link",
        [PT_TOC] = "TOC", [PT_TOCI] = "TOCI", [PT_LBL] = "Lbl", [PT_LBODY] = "LBody", [PT_H4] = "H4",
        [PT_SPAN] = "Span",
    };
    return role < PT_NROLES ? names[role] : "?";
}

static pt_node *node_new(pt_role role, pt_node *parent)
{
    pt_node *n = ut_xcalloc(1, sizeof *n);
    n->role = role;
    n->parent = parent;
    return n;
}

static void node_free(pt_node *n)
{
    for (size_t i = 0; i < n->nkids; i++)
        if (n->kids[i].node) node_free(n->kids[i].node);
    free(n->kids);
    free(n->lang);
    free(n->alt);
    free(n->name);
    free(n);
}

static void add_kid(pt_node *n, pt_node *node, size_t item)
{
    ut_grow(&n->kids, &n->cap, n->nkids + 1, sizeof *n->kids);
    n->kids[n->nkids++] = (pt_kid){ .node = node, .item = item };
}

static char *dup_or_null(const char *s) { return s ? ut_xstrdup(s) : NULL; }

static void meta_free(pt_meta *m)
{
    free(m->title); free(m->author); free(m->subject); free(m->keywords); free(m->lang); free(m->date);
    memset(m, 0, sizeof *m);
}

pt_doc *pt_new(double page_w, double page_h)
{
    pt_doc *d = ut_xcalloc(1, sizeof *d);
    d->page_w = page_w;
    d->page_h = page_h;
    d->root = node_new(PT_DOCUMENT, NULL);
    d->cur = d->root;
    d->page = -1;
    return d;
}

void pt_free(pt_doc *d)
{
    if (!d) return;
    for (size_t i = 0; i < d->nitems; i++) {
        free(d->items[i].text);
        free(d->items[i].uri);
        sc_free(d->items[i].scene);
    }
    free(d->items);
    for (size_t i = 0; i < d->noutlines; i++) free(d->outlines[i].title);
    free(d->outlines);
    for (size_t i = 0; i < d->nlabels; i++) free(d->labels[i].prefix);
    free(d->labels);
    node_free(d->root);
    meta_free(&d->meta);
    free(d);
}

void pt_set_meta(pt_doc *d, const char *title, const char *author, const char *subject,
                 const char *keywords, const char *lang, const char *date)
{
    meta_free(&d->meta);
    d->meta = (pt_meta){ dup_or_null(title), dup_or_null(author), dup_or_null(subject),
                         dup_or_null(keywords), dup_or_null(lang), dup_or_null(date) };
}

int pt_add_page(pt_doc *d)
{
    d->page = d->npages++;
    return d->page;
}

void pt_set_page(pt_doc *d, int p)
{
    if (p >= 0 && p < d->npages) d->page = p;
}

pt_node *pt_open(pt_doc *d, pt_role role, const char *file, long line, const char *name,
                 const double box[4])
{
    pt_node *n = node_new(role, d->cur);
    n->file = file;
    n->line = line;
    n->name = name ? ut_xstrdup(name) : NULL;
    if (box) {
        n->has_box = 1;
        memcpy(n->box, box, sizeof n->box);
    }
    add_kid(d->cur, n, 0);
    d->cur = n;
    return n;
}

void pt_close(pt_doc *d)
{
    if (d->cur->parent) d->cur = d->cur->parent;
}

void pt_set_alt(pt_node *n, const char *alt)
{
    free(n->alt);
    n->alt = alt ? ut_xstrdup(alt) : NULL;
}

void pt_set_scope(pt_node *n, pt_scope scope)
{
    n->scope = scope;
}

void pt_set_lang(pt_node *n, const char *lang)
{
    free(n->lang);
    n->lang = lang ? ut_xstrdup(lang) : NULL;
}

/* A new item on the current page, filed under the current element. */
static pt_item *add_item(pt_doc *d, pt_kind kind)
{
    ut_grow(&d->items, &d->cap, d->nitems + 1, sizeof *d->items);
    pt_item *it = &d->items[d->nitems];
    memset(it, 0, sizeof *it);
    it->kind = kind;
    it->page = d->page;
    it->node = d->cur;
    add_kid(d->cur, NULL, d->nitems);
    d->nitems++;
    return it;
}

void pt_text(pt_doc *d, const char *utf8, double x, double baseline, int align, double width,
             const tx_style *st)
{
    pt_item *it = add_item(d, PT_TEXT);
    it->text = ut_xstrdup(utf8);
    it->x = x;
    it->y = baseline;
    it->w = width;
    it->h = st->size;
    it->align = align;
    it->style = *st;
}

void pt_rect(pt_doc *d, double x, double y, double w, double h, sc_color c)
{
    pt_item *it = add_item(d, PT_RECT);
    it->x = x; it->y = y; it->w = w; it->h = h;
    it->color = c;
}

void pt_rule(pt_doc *d, double x, double y, double length, double line_width, sc_color c)
{
    pt_item *it = add_item(d, PT_RULE);
    it->x = x; it->y = y; it->w = length; it->h = line_width;
    it->color = c;
}

void pt_scene(pt_doc *d, sc_scene *sc, double x, double y_top, const tx_style *text)
{
    pt_item *it = add_item(d, PT_SCENE);
    it->style = *text;
    it->scene = sc;
    it->x = x;
    it->y = y_top;
    it->w = sc_width(sc);
    it->h = sc_height(sc);
}

void pt_symbol(pt_doc *d, pt_symbol_kind kind, double x, double y, double r, sc_color c)
{
    pt_item *it = add_item(d, PT_SYMBOL);
    it->symbol = kind;
    it->x = x; it->y = y; it->w = it->h = r;
    it->color = c;
}

void pt_link(pt_doc *d, double x, double y, double w, double h, int dest_page)
{
    pt_item *it = add_item(d, PT_LINKANNOT);
    it->x = x; it->y = y; it->w = w; it->h = h;
    it->dest_page = dest_page;
}

void pt_slant(pt_doc *d)
{
    if (d->nitems && d->items[d->nitems - 1].kind == PT_TEXT) d->items[d->nitems - 1].slanted = 1;
}

void pt_uri(pt_doc *d, double x, double y, double w, double h, const char *uri)
{
    pt_item *it = add_item(d, PT_LINKANNOT);
    it->x = x; it->y = y; it->w = w; it->h = h;
    it->uri = ut_xstrdup(uri);
}

void pt_bookmark(pt_doc *d, int level, const char *title, int page, int open)
{
    ut_grow(&d->outlines, &d->ocap, d->noutlines + 1, sizeof *d->outlines);
    d->outlines[d->noutlines++] = (pt_outline){ .level = level, .title = ut_xstrdup(title),
                                                .page = page, .open = open };
}

void pt_page_label(pt_doc *d, int page, pt_label_style style, int start, const char *prefix)
{
    ut_grow(&d->labels, &d->lcap, d->nlabels + 1, sizeof *d->labels);
    d->labels[d->nlabels++] = (pt_label){ .page = page, .style = style, .start = start,
                                               .prefix = dup_or_null(prefix) };
}

/* ---- the check ---------------------------------------------------------- */

void pt_item_box(const pt_doc *d, const pt_item *it, double box[4])
{
    double H = d->page_h;
    switch (it->kind) {
    case PT_TEXT: {
        double x0 = it->align == TX_CENTER ? it->x - it->w / 2 : it->align == TX_RIGHT ? it->x - it->w : it->x;
        box[0] = x0;
        box[2] = x0 + it->w;
        box[1] = H - it->y - SC_ASCENT * it->h;
        box[3] = H - it->y + SC_DESCENT * it->h;
        break;
    }
    case PT_RULE:   /* its centre line: a rule may run along its block's edge */
        box[0] = it->x;
        box[2] = it->x + it->w;
        box[1] = box[3] = H - it->y;
        break;
    case PT_SYMBOL:
        box[0] = it->x - it->w;
        box[2] = it->x + it->w;
        box[1] = H - it->y - it->w;
        box[3] = H - it->y + it->w;
        break;
    case PT_SCENE:
        box[0] = it->x;
        box[2] = it->x + it->w;
        box[1] = it->y;
        box[3] = it->y + it->h;
        break;
    default:   /* PT_RECT, PT_LINKANNOT: lower-left corner, y up */
        box[0] = it->x;
        box[2] = it->x + it->w;
        box[1] = H - it->y - it->h;
        box[3] = H - it->y;
        break;
    }
}

/* The nearest element with a box (the block an item was placed in). */
static const pt_node *block_of(const pt_node *n)
{
    while (n && !n->has_box) n = n->parent;
    return n;
}

static int inside(const double in[4], const double out[4])
{
    return in[0] >= out[0] - PT_EPS && in[1] >= out[1] - PT_EPS && in[2] <= out[2] + PT_EPS &&
           in[3] <= out[3] + PT_EPS;
}

static int overlap(const double a[4], const double b[4])
{
    return a[0] < b[2] - PT_EPS && b[0] < a[2] - PT_EPS && a[1] < b[3] - PT_EPS && b[1] < a[3] - PT_EPS;
}

/* Reports a problem of node n's content at the template line that placed
 * it (the nearest element with a file), naming its block (the nearest
 * with a name), its page and `what`. */
static void report(dg_list *dg, const pt_node *n, int page, const char *what, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
static void report(dg_list *dg, const pt_node *n, int page, const char *what, const char *fmt, ...)
{
    const pt_node *f = n, *named = n;
    while (f && !f->file) f = f->parent;
    while (named && !named->name) named = named->parent;
    va_list ap;
    va_start(ap, fmt);
    char *m = ut_xvasprintf(fmt, ap);
    va_end(ap);
    dg_error(dg, f ? f->file : NULL, f ? f->line : 0, NULL, NULL, "block '%s': %s on page %d (%s)",
             named ? named->name : "document", m, page + 1, what);
    free(m);
}

static const char *label_of(const pt_item *it, char shown[UT_SHOWN_SIZE])
{
    switch (it->kind) {
    case PT_TEXT: return ut_shown(shown, it->text);
    case PT_RECT: return "a filled box";
    case PT_RULE: return "a rule";
    case PT_SCENE: return "a chart";
    case PT_SYMBOL: return "a status mark";
    default: return "a link";
    }
}

/* A text item's place in the overlap check: sorted by page, then paint
 * order. */
typedef struct ref { int page; size_t item; } ref;
static int by_page(const void *a, const void *b)
{
    const ref *x = a, *y = b;
    if (x->page != y->page) return (x->page > y->page) - (x->page < y->page);
    return (x->item > y->item) - (x->item < y->item);
}

/* Every item inside its page and its block, no text below min_size. */
static size_t check_items(const pt_doc *d, double (*boxes)[4], double min_size, const char *what, dg_list *dg)
{
    size_t problems = 0;
    double page[4] = { 0, 0, d->page_w, d->page_h };
    char sh[UT_SHOWN_SIZE];
    for (size_t i = 0; i < d->nitems; i++) {
        const pt_item *it = &d->items[i];
        const pt_node *blk = block_of(it->node);
        if (!inside(boxes[i], page)) {
            report(dg, it->node, it->page, what, "%s lies outside the page", label_of(it, sh));
            problems++;
        } else if (blk && !inside(boxes[i], blk->box)) {
            report(dg, it->node, it->page, what, "\"%s\" lies outside its %s", label_of(it, sh),
                   blk->file ? "block" : "cell");
            problems++;
        }
        if (it->kind == PT_TEXT && it->h < min_size - PT_EPS) {
            report(dg, it->node, it->page, what, "\"%s\" is set at %.1f pt, below the theme's minimum of %g pt",
                   label_of(it, sh), it->h, min_size);
            problems++;
        }
    }
    return problems;
}

/* No two text items of a page overlap (page by page: a report has
 * hundreds of pages). */
static size_t check_overlaps(const pt_doc *d, double (*boxes)[4], const char *what, dg_list *dg)
{
    size_t problems = 0, n = 0;
    ref *order = ut_xcalloc(d->nitems ? d->nitems : 1, sizeof *order);
    for (size_t i = 0; i < d->nitems; i++)
        if (d->items[i].kind == PT_TEXT) order[n++] = (ref){ d->items[i].page, i };
    if (n > 1) qsort(order, n, sizeof *order, by_page);
    char sa[UT_SHOWN_SIZE], sb[UT_SHOWN_SIZE];
    for (size_t s0 = 0, s1; s0 < n; s0 = s1) {
        for (s1 = s0 + 1; s1 < n && order[s1].page == order[s0].page; s1++) {}
        for (size_t i = s0; i < s1; i++)
            for (size_t j = i + 1; j < s1; j++) {
                size_t a = order[i].item, b = order[j].item;
                if (!overlap(boxes[a], boxes[b])) continue;
                report(dg, d->items[b].node, d->items[b].page, what, "\"%s\" overlaps \"%s\"",
                       ut_shown(sa, d->items[b].text), ut_shown(sb, d->items[a].text));
                problems++;
            }
    }
    free(order);
    return problems;
}

/* The union of the boxes of the text items under n (none: x0 > x1). */
static void text_extent(const pt_doc *d, double (*boxes)[4], const pt_node *n, double ext[4])
{
    for (size_t k = 0; k < n->nkids; k++) {
        const pt_kid *c = &n->kids[k];
        if (c->node) {
            text_extent(d, boxes, c->node, ext);
            continue;
        }
        if (d->items[c->item].kind != PT_TEXT) continue;
        const double *b = boxes[c->item];
        if (b[0] < ext[0]) ext[0] = b[0];
        if (b[1] < ext[1]) ext[1] = b[1];
        if (b[2] > ext[2]) ext[2] = b[2];
        if (b[3] > ext[3]) ext[3] = b[3];
    }
}

static const char *first_text(const pt_doc *d, const pt_node *n)
{
    for (size_t k = 0; k < n->nkids; k++) {
        const pt_kid *c = &n->kids[k];
        const char *t = c->node ? first_text(d, c->node) : d->items[c->item].kind == PT_TEXT ? d->items[c->item].text : NULL;
        if (t) return t;
    }
    return "";
}

/* The cells of every table row keep at least `gutter` points between
 * their texts, so that neighbouring figures never run together. */
static size_t check_gutters(const pt_doc *d, double (*boxes)[4], const pt_node *n, double gutter,
                            const char *what, dg_list *dg)
{
    size_t problems = 0;
    if (n->role == PT_TR) {
        enum { MAXC = 32 };
        double ext[MAXC][4];
        const pt_node *cell[MAXC];
        size_t nc = 0;
        for (size_t k = 0; k < n->nkids && nc < MAXC; k++) {
            const pt_node *c = n->kids[k].node;
            if (!c || (c->role != PT_TH && c->role != PT_TD)) continue;
            double *e = ext[nc];
            e[0] = e[1] = 1e300;
            e[2] = e[3] = -1e300;
            text_extent(d, boxes, c, e);
            if (e[0] <= e[2]) cell[nc++] = c;
        }
        char sa[UT_SHOWN_SIZE], sb[UT_SHOWN_SIZE];
        for (size_t i = 0; i < nc; i++)
            for (size_t j = i + 1; j < nc; j++) {
                const double *a = ext[i], *b = ext[j];
                if (a[1] >= b[3] || b[1] >= a[3]) continue;   /* not side by side */
                double gap = a[0] < b[0] ? b[0] - a[2] : a[0] - b[2];
                if (gap >= gutter - PT_EPS) continue;
                int page = -1;
                for (size_t k = 0; k < cell[j]->nkids && page < 0; k++)
                    if (!cell[j]->kids[k].node) page = d->items[cell[j]->kids[k].item].page;
                report(dg, cell[j], page < 0 ? 0 : page, what,
                       "table cells \"%s\" and \"%s\" are %.1f pt apart, less than the %g pt gutter",
                       ut_shown(sa, first_text(d, cell[i])), ut_shown(sb, first_text(d, cell[j])), gap, gutter);
                problems++;
            }
    }
    for (size_t k = 0; k < n->nkids; k++)
        if (n->kids[k].node) problems += check_gutters(d, boxes, n->kids[k].node, gutter, what, dg);
    return problems;
}

size_t pt_check(const pt_doc *d, double min_size, double gutter, const char *what, dg_list *dg)
{
    double (*boxes)[4] = ut_xcalloc(d->nitems ? d->nitems : 1, sizeof *boxes);
    for (size_t i = 0; i < d->nitems; i++) pt_item_box(d, &d->items[i], boxes[i]);
    size_t problems = check_items(d, boxes, min_size, what, dg);
    problems += check_overlaps(d, boxes, what, dg);
    problems += check_gutters(d, boxes, d->root, gutter, what, dg);
    free(boxes);
    return problems;
}
