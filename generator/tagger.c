/* tagger.c — marked content and the structure tree of a tagged PDF, written
 * into libharu 2.3's internals (see tagger.h). */
#include "tagger.h"
#include "util.h"

#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A link annotation's key in the ParentTree and the element it belongs to. */
typedef struct tg_key {
    int key;
    HPDF_Dict elem;
} tg_key;

struct tg_doc {
    const pt_doc *d;
    HPDF_Doc pdf;
    HPDF_Page const *pages;
    int *mcid;                 /* per item: its MCID on its page, or -1 */
    HPDF_Annotation *annot;    /* per item: its annotation (PT_LINKANNOT) */
    int *next;                 /* per page: the next MCID */
    HPDF_Dict **owner;         /* per page, per MCID: the element (tg_finish) */
    tg_key *keys;              /* annotations' ParentTree entries */
    size_t nkeys, kcap;
};

tg_doc *tg_new(const pt_doc *d, HPDF_Doc pdf, HPDF_Page const *pages)
{
    tg_doc *t = ut_xcalloc(1, sizeof *t);
    t->d = d;
    t->pdf = pdf;
    t->pages = pages;
    t->mcid = ut_xcalloc(d->nitems + 1, sizeof *t->mcid);
    for (size_t i = 0; i < d->nitems; i++) t->mcid[i] = -1;
    t->annot = ut_xcalloc(d->nitems + 1, sizeof *t->annot);
    t->next = ut_xcalloc((size_t)d->npages + 1, sizeof *t->next);
    t->owner = ut_xcalloc((size_t)d->npages + 1, sizeof *t->owner);
    return t;
}

void tg_free(tg_doc *t)
{
    if (!t) return;
    for (int p = 0; p < t->d->npages; p++) free(t->owner[p]);
    free(t->owner);
    free(t->next);
    free(t->annot);
    free(t->mcid);
    free(t->keys);
    free(t);
}

/* ---- marked content ---------------------------------------------------- */

static int under_artifact(const pt_node *n)
{
    for (; n; n = n->parent)
        if (n->role == PT_ARTIFACT) return 1;
    return 0;
}

int tg_is_artifact(const pt_doc *d, size_t i)
{
    const pt_item *it = &d->items[i];
    if (it->kind == PT_RECT || it->kind == PT_RULE || it->kind == PT_SYMBOL) return 1;
    return under_artifact(it->node);
}

/* The next code point of s (advancing *s); U+FFFD for a bad sequence. */
static uint32_t next_cp(const unsigned char **s)
{
    const unsigned char *p = *s;
    uint32_t c = *p++;
    int more = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
    if (c >= 0x80 && !more) { *s = p; return 0xFFFD; }
    if (more) c &= 0x3Fu >> more;
    for (; more; more--) {
        if ((*p & 0xC0) != 0x80) { *s = p; return 0xFFFD; }
        c = (c << 6) | (*p++ & 0x3Fu);
    }
    *s = p;
    return c;
}

/* Whether the text holds a right-to-left letter (Hebrew, Arabic and their
 * presentation forms): pf_draw reorders and shapes such a line. */
static int has_rtl(const char *utf8)
{
    const unsigned char *p = (const unsigned char *)utf8;
    while (*p) {
        uint32_t c = next_cp(&p);
        if ((c >= 0x0590 && c <= 0x08FF) || (c >= 0xFB1D && c <= 0xFDFF) || (c >= 0xFE70 && c <= 0xFEFF))
            return 1;
    }
    return 0;
}

/* Whether an item carries its logical text as /ActualText. */
static int actual_text(const pt_item *it)
{
    return it->kind == PT_TEXT && it->text && has_rtl(it->text);
}

static HPDF_Stream stream_of(HPDF_Page pg)
{
    return pg && pg->attr ? ((HPDF_PageAttr)pg->attr)->stream : NULL;
}

static HPDF_Stream page_stream(const tg_doc *t, int page)
{
    return stream_of(t->pages[page]);
}

/* "/ActualText <FEFF...>" into the stream. */
static void write_actual_text(HPDF_Stream s, const char *utf8)
{
    size_t n;
    unsigned char *u = ut_utf16be(utf8, &n);
    char *hex = ut_xmalloc(2 * n + 1);
    for (size_t i = 0; i < n; i++) snprintf(hex + 2 * i, 3, "%02X", u[i]);
    HPDF_Stream_WriteStr(s, " /ActualText <");
    HPDF_Stream_WriteStr(s, hex);
    HPDF_Stream_WriteStr(s, ">");
    free(hex);
    free(u);
}

void tg_begin(tg_doc *t, size_t i)
{
    const pt_item *it = &t->d->items[i];
    if (it->kind == PT_LINKANNOT) return;
    HPDF_Stream s = page_stream(t, it->page);
    if (!s) return;
    if (tg_is_artifact(t->d, i)) {
        HPDF_Stream_WriteStr(s, "/Artifact BMC\012");
    } else {
        int id = t->next[it->page]++;
        t->mcid[i] = id;
        char buf[64];
        snprintf(buf, sizeof buf, "/%s <</MCID %d>> BDC\012", pt_role_name(it->node->role), id);
        HPDF_Stream_WriteStr(s, buf);
    }
    /* Inside it, a span with the logical text (poppler reads /ActualText
     * on spans only). */
    if (actual_text(it)) {
        HPDF_Stream_WriteStr(s, "/Span <<");
        write_actual_text(s, it->text);
        HPDF_Stream_WriteStr(s, ">> BDC\012");
    }
}

void tg_end(tg_doc *t, size_t i)
{
    const pt_item *it = &t->d->items[i];
    if (it->kind == PT_LINKANNOT) return;
    HPDF_Stream s = page_stream(t, it->page);
    if (!s) return;
    if (actual_text(it)) HPDF_Stream_WriteStr(s, "EMC\012");
    HPDF_Stream_WriteStr(s, "EMC\012");
}

void tg_span_begin(HPDF_Page page, const char *utf8)
{
    HPDF_Stream s = stream_of(page);
    if (!s || !utf8 || !has_rtl(utf8)) return;
    HPDF_Stream_WriteStr(s, "/Span <<");
    write_actual_text(s, utf8);
    HPDF_Stream_WriteStr(s, ">> BDC\012");
}

void tg_span_end(HPDF_Page page, const char *utf8)
{
    HPDF_Stream s = stream_of(page);
    if (s && utf8 && has_rtl(utf8)) HPDF_Stream_WriteStr(s, "EMC\012");
}

void tg_annot(tg_doc *t, size_t i, HPDF_Annotation a)
{
    t->annot[i] = a;
}

/* ---- the structure tree ------------------------------------------------ */

/* A new indirect dictionary (NULL when libharu fails: the error is kept). */
static HPDF_Dict new_obj(tg_doc *t)
{
    HPDF_Dict o = HPDF_Dict_New(t->pdf->mmgr);
    if (o && HPDF_Xref_Add(t->pdf->xref, o) != HPDF_OK) return NULL;
    return o;
}

static void add_text(tg_doc *t, HPDF_Dict d, const char *key, const char *utf8)
{
    size_t n;
    unsigned char *u = ut_utf16be(utf8, &n);
    HPDF_Binary b = HPDF_Binary_New(t->pdf->mmgr, u, (HPDF_UINT)n);
    if (b) HPDF_Dict_Add(d, key, b);
    free(u);
}

/* Whether an item is in the tree: marked content or an annotation. */
static int item_tagged(const tg_doc *t, size_t i)
{
    return t->mcid[i] >= 0 || (t->annot[i] && !under_artifact(t->d->items[i].node));
}

/* Whether an element is written: not an artifact, and with content below
 * it; table rows and cells are kept even when empty, so rows stay whole. */
static int has_content(const tg_doc *t, const pt_node *n)
{
    if (n->role == PT_ARTIFACT) return 0;
    if (n->role == PT_TR || n->role == PT_TH || n->role == PT_TD) return 1;
    for (size_t k = 0; k < n->nkids; k++) {
        const pt_kid *kd = &n->kids[k];
        if (kd->node ? has_content(t, kd->node) : item_tagged(t, kd->item)) return 1;
    }
    return 0;
}

/* The first page with content of a kid (INT_MAX: none). */
static int first_page(const tg_doc *t, const pt_kid *kd)
{
    if (!kd->node) return item_tagged(t, kd->item) ? t->d->items[kd->item].page : INT_MAX;
    int best = INT_MAX;
    for (size_t k = 0; k < kd->node->nkids; k++) {
        int p = first_page(t, &kd->node->kids[k]);
        if (p < best) best = p;
    }
    return best;
}

/* The order the kids of n are read in: their own order, except that the
 * document's parts are read page by page (the report draws its contents
 * after the parts they list). Owned by the caller. */
static size_t *reading_order(const tg_doc *t, const pt_node *n)
{
    size_t *ord = ut_xcalloc(n->nkids + 1, sizeof *ord);
    for (size_t k = 0; k < n->nkids; k++) ord[k] = k;
    if (n->parent) return ord;
    int *pg = ut_xcalloc(n->nkids + 1, sizeof *pg);
    for (size_t k = 0; k < n->nkids; k++) pg[k] = first_page(t, &n->kids[k]);
    for (size_t k = 1; k < n->nkids; k++) {       /* stable insertion sort */
        size_t v = ord[k], j = k;
        for (; j > 0 && pg[ord[j - 1]] > pg[v]; j--) ord[j] = ord[j - 1];
        ord[j] = v;
    }
    free(pg);
    return ord;
}

static void add_attributes(tg_doc *t, HPDF_Dict e, const pt_node *n)
{
    if (n->lang) {
        HPDF_String s = HPDF_String_New(t->pdf->mmgr, n->lang, NULL);
        if (s) HPDF_Dict_Add(e, "Lang", s);
    }
    if (n->role == PT_FIGURE && n->alt) add_text(t, e, "Alt", n->alt);
    if (n->role == PT_TH) {
        HPDF_Dict a = HPDF_Dict_New(t->pdf->mmgr);
        if (!a) return;
        HPDF_Dict_AddName(a, "O", "Table");
        HPDF_Dict_AddName(a, "Scope", n->scope == PT_SCOPE_ROW ? "Row" : "Column");
        HPDF_Dict_Add(e, "A", a);
    }
}

/* A marked-content reference: the bare MCID on the element's own page. */
static void add_mcr(tg_doc *t, HPDF_Array k, int elem_page, const pt_item *it, int mcid)
{
    if (it->page == elem_page) {
        HPDF_Array_AddNumber(k, mcid);
        return;
    }
    HPDF_Dict r = HPDF_Dict_New(t->pdf->mmgr);
    if (!r) return;
    HPDF_Dict_AddName(r, "Type", "MCR");
    HPDF_Dict_Add(r, "Pg", t->pages[it->page]);
    HPDF_Dict_AddNumber(r, "MCID", mcid);
    HPDF_Array_Add(k, r);
}

/* An object reference to a link annotation, which points back through its
 * /StructParent key. */
static void add_objr(tg_doc *t, HPDF_Array k, HPDF_Dict e, size_t i)
{
    HPDF_Annotation a = t->annot[i];
    HPDF_Dict r = HPDF_Dict_New(t->pdf->mmgr);
    if (!r) return;
    HPDF_Dict_AddName(r, "Type", "OBJR");
    HPDF_Dict_Add(r, "Pg", t->pages[t->d->items[i].page]);
    HPDF_Dict_Add(r, "Obj", a);
    HPDF_Array_Add(k, r);
    int key = t->d->npages + (int)t->nkeys;
    HPDF_Dict_AddNumber(a, "StructParent", key);
    ut_grow(&t->keys, &t->kcap, t->nkeys + 1, sizeof *t->keys);
    t->keys[t->nkeys++] = (tg_key){ key, e };
}

/* The page of the element's first own marked content, or -1. */
static int own_page(const tg_doc *t, const pt_node *n)
{
    for (size_t k = 0; k < n->nkids; k++)
        if (!n->kids[k].node && t->mcid[n->kids[k].item] >= 0) return t->d->items[n->kids[k].item].page;
    return -1;
}

static HPDF_Dict emit(tg_doc *t, const pt_node *n, HPDF_Dict parent)
{
    HPDF_Dict e = new_obj(t);
    HPDF_Array k = HPDF_Array_New(t->pdf->mmgr);
    if (!e || !k) return e;
    /* No /Type /StructElem: it is optional, and a report has ~30,000
     * elements, each its own uncompressed object (libharu writes no object
     * streams). */
    HPDF_Dict_AddName(e, "S", pt_role_name(n->role));
    HPDF_Dict_Add(e, "P", parent);
    int pg = own_page(t, n);
    if (pg >= 0) HPDF_Dict_Add(e, "Pg", t->pages[pg]);
    add_attributes(t, e, n);
    HPDF_Dict_Add(e, "K", k);
    size_t *ord = reading_order(t, n);
    for (size_t j = 0; j < n->nkids; j++) {
        const pt_kid *kd = &n->kids[ord[j]];
        if (kd->node) {
            if (has_content(t, kd->node)) {
                HPDF_Dict c = emit(t, kd->node, e);
                if (c) HPDF_Array_Add(k, c);
            }
            continue;
        }
        const pt_item *it = &t->d->items[kd->item];
        int id = t->mcid[kd->item];
        if (id >= 0) {
            t->owner[it->page][id] = e;
            add_mcr(t, k, pg, it, id);
        } else if (item_tagged(t, kd->item)) {
            add_objr(t, k, e, kd->item);
        }
    }
    free(ord);
    return e;
}

/* The ParentTree: each page's elements by MCID, then each annotation's. */
static HPDF_Dict parent_tree(tg_doc *t)
{
    HPDF_Dict pt = HPDF_Dict_New(t->pdf->mmgr);
    HPDF_Array nums = HPDF_Array_New(t->pdf->mmgr);
    if (!pt || !nums) return pt;
    HPDF_Dict_Add(pt, "Nums", nums);
    for (int p = 0; p < t->d->npages; p++) {
        HPDF_Array a = HPDF_Array_New(t->pdf->mmgr);
        if (!a) return pt;
        /* Indirect, so that big pages do not make one huge line. */
        HPDF_Xref_Add(t->pdf->xref, a);
        for (int m = 0; m < t->next[p]; m++) {
            if (t->owner[p][m]) HPDF_Array_Add(a, t->owner[p][m]);
            else HPDF_Array_Add(a, HPDF_Null_New(t->pdf->mmgr));
        }
        HPDF_Array_AddNumber(nums, p);
        HPDF_Array_Add(nums, a);
        HPDF_Dict_AddNumber(t->pages[p], "StructParents", p);
    }
    for (size_t i = 0; i < t->nkeys; i++) {
        HPDF_Array_AddNumber(nums, t->keys[i].key);
        HPDF_Array_Add(nums, t->keys[i].elem);
    }
    return pt;
}

/* Pages with annotations are tabbed through in structure order. */
static void set_tabs(tg_doc *t)
{
    int *has = ut_xcalloc((size_t)t->d->npages + 1, sizeof *has);
    for (size_t i = 0; i < t->d->nitems; i++)
        if (t->annot[i]) has[t->d->items[i].page] = 1;
    for (int p = 0; p < t->d->npages; p++)
        if (has[p]) HPDF_Dict_AddName(t->pages[p], "Tabs", "S");
    free(has);
}

/* ---- the catalog and XMP ----------------------------------------------- */

static void xml_escaped(HPDF_Stream s, const char *v)
{
    char one[2] = { 0, 0 };
    for (; v && *v; v++) {
        switch (*v) {
        case '&': HPDF_Stream_WriteStr(s, "&amp;"); break;
        case '<': HPDF_Stream_WriteStr(s, "&lt;"); break;
        case '>': HPDF_Stream_WriteStr(s, "&gt;"); break;
        case '"': HPDF_Stream_WriteStr(s, "&quot;"); break;
        case '\'': HPDF_Stream_WriteStr(s, "&apos;"); break;
        default: one[0] = *v; HPDF_Stream_WriteStr(s, one); break;
        }
    }
}

/* The XMP packet: title, language and the PDF/UA identification. Fixed
 * text around the metadata: no dates, no generated identifiers. */
static void write_xmp(tg_doc *t)
{
    HPDF_Dict x = HPDF_DictStream_New(t->pdf->mmgr, t->pdf->xref);
    if (!x) return;
    HPDF_Dict_AddName(x, "Type", "Metadata");
    HPDF_Dict_AddName(x, "Subtype", "XML");
    HPDF_Stream s = x->stream;
    const pt_meta *m = &t->d->meta;
    HPDF_Stream_WriteStr(s, "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
                            "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
                            "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
                            "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
                            "  xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n"
                            "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">");
    xml_escaped(s, m->title ? m->title : "");
    HPDF_Stream_WriteStr(s, "</rdf:li></rdf:Alt></dc:title>\n");
    if (m->lang) {
        HPDF_Stream_WriteStr(s, "<dc:language><rdf:Bag><rdf:li>");
        xml_escaped(s, m->lang);
        HPDF_Stream_WriteStr(s, "</rdf:li></rdf:Bag></dc:language>\n");
    }
    if (m->author) {
        HPDF_Stream_WriteStr(s, "<dc:creator><rdf:Seq><rdf:li>");
        xml_escaped(s, m->author);
        HPDF_Stream_WriteStr(s, "</rdf:li></rdf:Seq></dc:creator>\n");
    }
    HPDF_Stream_WriteStr(s, "<pdfuaid:part>1</pdfuaid:part>\n"
                            "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n"
                            "<?xpacket end=\"r\"?>");
    HPDF_Dict_Add(t->pdf->catalog, "Metadata", x);
}

static void set_catalog(tg_doc *t, HPDF_Dict root)
{
    HPDF_Dict cat = t->pdf->catalog;
    HPDF_Dict_Add(cat, "StructTreeRoot", root);
    HPDF_Dict mark = HPDF_Dict_New(t->pdf->mmgr);
    if (mark) {
        HPDF_Dict_AddBoolean(mark, "Marked", HPDF_TRUE);
        HPDF_Dict_Add(cat, "MarkInfo", mark);
    }
    HPDF_Dict vp = HPDF_Dict_GetItem(cat, "ViewerPreferences", HPDF_OCLASS_DICT);
    if (!vp && (vp = HPDF_Dict_New(t->pdf->mmgr))) HPDF_Dict_Add(cat, "ViewerPreferences", vp);
    if (vp) HPDF_Dict_AddBoolean(vp, "DisplayDocTitle", HPDF_TRUE);
    write_xmp(t);
}

/* /PageLabels: how a viewer numbers the pages (the report's printed numbers). */
static void set_page_labels(tg_doc *t)
{
    static const HPDF_PageNumStyle styles[] = { [PT_LABEL_DECIMAL] = HPDF_PAGE_NUM_STYLE_DECIMAL,
                                                [PT_LABEL_ROMAN_LOWER] = HPDF_PAGE_NUM_STYLE_LOWER_ROMAN,
                                                [PT_LABEL_ROMAN_UPPER] = HPDF_PAGE_NUM_STYLE_UPPER_ROMAN };
    for (size_t i = 0; i < t->d->nlabels; i++) {
        const pt_label *l = &t->d->labels[i];
        HPDF_AddPageLabel(t->pdf, (HPDF_UINT)l->page, styles[l->style], (HPDF_UINT)l->start, l->prefix);
    }
}

void tg_finish(tg_doc *t)
{
    if (!t->pdf->catalog || !t->d->root) return;
    for (int p = 0; p < t->d->npages; p++)
        t->owner[p] = ut_xcalloc((size_t)t->next[p] + 1, sizeof **t->owner);
    HPDF_Dict root = new_obj(t);
    if (!root) return;
    HPDF_Dict_AddName(root, "Type", "StructTreeRoot");
    HPDF_Dict doc = emit(t, t->d->root, root);
    if (doc) HPDF_Dict_Add(root, "K", doc);
    HPDF_Dict ptree = parent_tree(t);
    if (ptree) HPDF_Dict_Add(root, "ParentTree", ptree);
    HPDF_Dict_AddNumber(root, "ParentTreeNextKey", t->d->npages + (int)t->nkeys);
    set_tabs(t);
    set_catalog(t, root);
    set_page_labels(t);
}
