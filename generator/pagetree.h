/* pagetree.h — the lay-out stage's output: a document as pages of items
 * (lines of text, filled rectangles, rules, chart scenes, links) in paint
 * order, and a tree of structure elements with roles (headings, paragraphs,
 * tables, figures, lists, links, artifacts) that holds the items in reading
 * order. Measuring and placing happen before an item is added; writers then
 * walk the tree: the PDF writer (pw_write, pdfwrite.h), and later a tagger
 * and a font subsetter. The tree can check itself (pt_check): no two text items
 * overlap, every item lies inside its block and its page.
 *
 * Geometry is kept as the PDF writer needs it, in points with the origin at
 * the page's bottom-left corner (y up), so writing replays exactly what was
 * placed; boxes for the checks are derived. Owns every string and scene it
 * is given. Prefix: pt_. */
#ifndef SSWR_PAGETREE_H
#define SSWR_PAGETREE_H

#include <stddef.h>

#include "diag.h"
#include "scene.h"
#include "text.h"

/* Roles of structure elements, named as PDF's standard structure types. */
typedef enum pt_role {
    PT_DOCUMENT,
    PT_ARTIFACT,   /* page furniture: its items are not content (bands, rules, footers) */
    PT_SECT,       /* a block that groups others (a tile row, a panel) */
    PT_H1, PT_H2, PT_H3,
    PT_P,
    PT_TABLE, PT_TR, PT_TH, PT_TD,
    PT_L, PT_LI,   /* a list and its items */
    PT_FIGURE,     /* a chart or symbol; needs its alternative text */
    PT_LINK,
    PT_TOC, PT_TOCI,
    PT_LBL, PT_LBODY,  /* a list item's label ("1.", "•") and its body */
    PT_H4,
    PT_SPAN,           /* part of a line, e.g. in another language (its lang) */
    PT_NROLES
} pt_role;

/* "H1", "Table", "Figure"...; "Artifact" for PT_ARTIFACT. */
const char *pt_role_name(pt_role role);

/* Header cells say what they head. */
typedef enum { PT_SCOPE_NONE, PT_SCOPE_ROW, PT_SCOPE_COLUMN } pt_scope;

typedef enum { PT_TEXT, PT_RECT, PT_RULE, PT_SCENE, PT_LINKANNOT, PT_SYMBOL } pt_kind;

/* The capacity grid's status marks: a filled disc with a tick, a half-
 * filled disc, a ring with a cross, a dotted ring. */
typedef enum { PT_SYM_YES, PT_SYM_PARTIAL, PT_SYM_NO, PT_SYM_UNKNOWN } pt_symbol_kind;

typedef struct pt_node pt_node;

/* One thing painted on a page. */
typedef struct pt_item {
    pt_kind kind;
    int page;                 /* index of its page */
    pt_node *node;            /* structure element it belongs to */
    /* PT_TEXT: one line, drawn by pf_draw at (x, y) = anchor and baseline */
    char *text;               /* logical order, UTF-8 (owned) */
    double x, y;              /* PT_TEXT anchor; PT_RECT/PT_LINKANNOT lower-left;
                               * PT_RULE start; PT_SYMBOL centre; PT_SCENE top-left
                               * (y down from the page top) */
    double w, h;              /* PT_TEXT: measured width, h = size; PT_RECT/PT_LINKANNOT size;
                               * PT_RULE: w length, h line width; PT_SYMBOL: w = h = radius */
    pt_symbol_kind symbol;    /* PT_SYMBOL */
    int align;                /* PT_TEXT: TX_LEFT, TX_CENTER, TX_RIGHT (resolved) */
    tx_style style;           /* PT_TEXT, PT_SCENE (style.lang borrowed: must outlive the tree) */
    sc_color color;           /* PT_RECT fill, PT_RULE stroke, PT_SYMBOL colour */
    sc_scene *scene;          /* PT_SCENE (owned) */
    int dest_page;            /* PT_LINKANNOT: page it goes to (shown whole) */
    char *uri;                /* PT_LINKANNOT: a web address instead (owned), or NULL */
    int slanted;              /* PT_TEXT: drawn slanted, for italics (no font has them) */
} pt_item;

/* A structure element: its role, its attributes and, in reading order, its
 * kids (elements and items). */
typedef struct pt_kid {
    pt_node *node;            /* a child element, or NULL: */
    size_t item;              /* an item (index into pt_doc.items) */
} pt_kid;

struct pt_node {
    pt_role role;
    pt_node *parent;
    pt_kid *kids;
    size_t nkids, cap;
    char *lang;               /* language when it differs from the document's, or NULL */
    char *alt;                /* PT_FIGURE: alternative text */
    pt_scope scope;           /* PT_TH */
    const char *file;         /* template file and line that placed it (messages) */
    long line;
    char *name;               /* block name for messages ("tiles headline"), or NULL */
    int has_box;
    double box[4];            /* the block's box, top-left origin, y down: x0, y0, x1, y1 */
};

/* A bookmark: its page is shown whole. */
typedef struct pt_outline {
    int level;                /* 0: top */
    char *title;
    int page;
    int open;                 /* its children shown */
} pt_outline;

/* What the document says of itself (PDF metadata; all may be NULL). */
typedef struct pt_meta {
    char *title, *author, *subject, *keywords;
    char *lang;               /* the document's language: "fr" */
    char *date;               /* YYYY-MM-DD */
} pt_meta;

/* How a range of pages is numbered in a viewer's page box (/PageLabels):
 * from its first page on, until the next range. */
typedef enum { PT_LABEL_DECIMAL, PT_LABEL_ROMAN_LOWER, PT_LABEL_ROMAN_UPPER } pt_label_style;
typedef struct pt_label {
    int page;                 /* first page of the range (index) */
    pt_label_style style;
    int start;                /* the number of its first page */
    char *prefix;             /* put before the number ("A-"), or NULL */
} pt_label;

typedef struct pt_doc {
    double page_w, page_h;
    pt_meta meta;
    int npages;
    pt_item *items;           /* every page's items, each page's in paint order */
    size_t nitems, cap;
    pt_node *root;            /* PT_DOCUMENT */
    pt_node *cur;             /* element items and new elements go into */
    int page;                 /* page items go on */
    pt_outline *outlines;
    size_t noutlines, ocap;
    pt_label *labels;         /* none: viewers number pages 1, 2, … */
    size_t nlabels, lcap;
} pt_doc;

/* A new document of page_w × page_h points, no pages yet. Free with pt_free. */
pt_doc *pt_new(double page_w, double page_h);
void pt_free(pt_doc *d);

/* Sets the metadata (strings copied; NULL allowed). */
void pt_set_meta(pt_doc *d, const char *title, const char *author, const char *subject,
                 const char *keywords, const char *lang, const char *date);

/* Adds a page; later items go on it. Returns its index. */
int pt_add_page(pt_doc *d);
/* Later items go on page p (an existing page). */
void pt_set_page(pt_doc *d, int p);

/* Opens a child element of the current one, which it becomes; `file` is
 * borrowed (it must outlive the tree), name copied (may be NULL). box (top-
 * left origin, may be NULL): the block's box, which the check holds its
 * items to. */
pt_node *pt_open(pt_doc *d, pt_role role, const char *file, long line, const char *name,
                 const double box[4]);
/* Closes the current element: its parent becomes current again. */
void pt_close(pt_doc *d);
void pt_set_alt(pt_node *n, const char *alt);
void pt_set_lang(pt_node *n, const char *lang);

/* Items, added to the current page and element. */
void pt_text(pt_doc *d, const char *utf8, double x, double baseline, int align, double width,
             const tx_style *st);
void pt_rect(pt_doc *d, double x, double y, double w, double h, sc_color c);
void pt_rule(pt_doc *d, double x, double y, double length, double line_width, sc_color c);
/* Takes the scene; (x, y_top) is its box's top-left corner from the page's
 * top-left corner, as sc_render_hpdf takes it. Its text is set in the
 * language and direction of `text` (size, weight and colour come from each
 * text item). */
void pt_scene(pt_doc *d, sc_scene *sc, double x, double y_top, const tx_style *text);
/* A status mark of radius r centred on (x, y) (y up), in colour c. */
void pt_symbol(pt_doc *d, pt_symbol_kind kind, double x, double y, double r, sc_color c);
/* A link annotation over (x, y, w, h) (lower-left corner, y up) to a page
 * of the document. */
void pt_link(pt_doc *d, double x, double y, double w, double h, int dest_page);
/* The last item added, a text, is drawn slanted (italics). */
void pt_slant(pt_doc *d);
/* A link annotation over (x, y, w, h) to a web address (copied). */
void pt_uri(pt_doc *d, double x, double y, double w, double h, const char *uri);
void pt_bookmark(pt_doc *d, int level, const char *title, int page, int open);
/* Numbers pages from `page` on (until the next range) in `style` from
 * `start`, after `prefix` (copied; may be NULL). Ranges are given in page
 * order. */
void pt_page_label(pt_doc *d, int page, pt_label_style style, int start, const char *prefix);

/* The box an item covers, top-left origin, y down: x0, y0, x1, y1. Text
 * covers its advance width and SC_ASCENT/SC_DESCENT of its size around
 * the baseline; a rule, its centre line. */
void pt_item_box(const pt_doc *d, const pt_item *it, double box[4]);

/* Checks the placed document: every item inside its page, every item
 * inside the box of its nearest element that has one (its block, or its
 * table cell), no two text items overlapping, the texts of neighbouring
 * table cells at least `gutter` points apart, no text smaller than
 * min_size. Each problem is an error in dg at the template line of the
 * block concerned, with `what` (e.g. "KEN, fr") after it. Returns the
 * number of problems. */
size_t pt_check(const pt_doc *d, double min_size, double gutter, const char *what, dg_list *dg);

/* Sets the scope of a header cell. */
void pt_set_scope(pt_node *n, pt_scope scope);

#endif
