/* pdffont.c — per-document font subsets and text-showing operators (see
 * pdffont.h): CIDs in drawing order, hb-subset at the end, Type 0 fonts
 * written with libharu's object layer. */
#include "pdffont.h"
#include "util.h"

#include <hb-ot.h>
#include <hb-subset.h>
#include <hb.h>
#include <hpdf_doc.h>
#include <hpdf_error.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* bfchar entries per block, the most a CMap allows. */
#define PF_BFCHAR_BLOCK 100

/* ------------------------------------------------------------ the faces */

typedef struct pf_face {
    char *file;
    int index;
    int tried;               /* opened (or failed to) */
    hb_face_t *face;         /* preprocessed for repeated subsetting */
    char psname[64];
    unsigned upem;
    int bbox[4];             /* 1/1000 em */
    int ascent, descent, cap_height;
} pf_face;

/* The font set's fonts as HarfBuzz reads them, attached to the font set. */
typedef struct pf_faces {
    pf_face f[TX_NFONTS];
} pf_faces;

static void faces_free(void *p)
{
    pf_faces *f = p;
    for (int i = 0; i < TX_NFONTS; i++) {
        free(f->f[i].file);
        if (f->f[i].face) hb_face_destroy(f->f[i].face);
    }
    free(f);
}

static pf_faces *faces_of(tx_fontset *fs)
{
    pf_faces *f = tx_fontset_attached(fs);
    if (f) return f;
    f = ut_xcalloc(1, sizeof *f);
    for (int i = 0; i < TX_NFONTS; i++) {
        const char *file = tx_fontset_file(fs, (tx_font)i);
        f->f[i].file = file ? ut_xstrdup(file) : NULL;
        f->f[i].index = tx_fontset_index(fs, (tx_font)i);
    }
    tx_fontset_attach(fs, f, faces_free);
    return f;
}

static int em(int v, unsigned upem)
{
    return (int)lround((double)v * 1000.0 / upem);
}

static int be16(const char *p)
{
    return (int16_t)(((unsigned char)p[0] << 8) | (unsigned char)p[1]);
}

/* The PostScript name, keeping only the characters a PDF name and a
 * subset tag allow. */
static void read_psname(pf_face *p, hb_face_t *face)
{
    char name[64];
    unsigned len = sizeof name;
    if (!hb_ot_name_get_utf8(face, HB_OT_NAME_ID_POSTSCRIPT_NAME, HB_LANGUAGE_INVALID, &len, name))
        snprintf(name, sizeof name, "Font%d", p->index);
    size_t k = 0;
    for (const char *s = name; *s && k + 1 < sizeof p->psname; s++)
        if ((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-')
            p->psname[k++] = *s;
    p->psname[k] = '\0';
}

/* The metrics a font descriptor needs, in 1/1000 em. */
static void read_metrics(pf_face *p, hb_face_t *face)
{
    p->upem = hb_face_get_upem(face);
    if (!p->upem) p->upem = 1000;
    hb_blob_t *head = hb_face_reference_table(face, HB_TAG('h', 'e', 'a', 'd'));
    unsigned n = 0;
    const char *h = hb_blob_get_data(head, &n);
    if (h && n >= 44)
        for (int i = 0; i < 4; i++) p->bbox[i] = em(be16(h + 36 + 2 * i), p->upem);
    hb_blob_destroy(head);
    hb_font_t *font = hb_font_create(face);
    hb_position_t v = 0;
    p->ascent = hb_ot_metrics_get_position(font, HB_OT_METRICS_TAG_HORIZONTAL_ASCENDER, &v) ? em(v, p->upem) : p->bbox[3];
    p->descent = hb_ot_metrics_get_position(font, HB_OT_METRICS_TAG_HORIZONTAL_DESCENDER, &v) ? em(v, p->upem) : p->bbox[1];
    p->cap_height = hb_ot_metrics_get_position(font, HB_OT_METRICS_TAG_CAP_HEIGHT, &v) && v > 0 ? em(v, p->upem) : p->ascent;
    hb_font_destroy(font);
}

/* Opens font id with HarfBuzz at first use; NULL when it cannot. */
static pf_face *face_of(pf_faces *fs, int id)
{
    pf_face *p = &fs->f[id];
    if (p->tried) return p->face ? p : NULL;
    p->tried = 1;
    if (!p->file) return NULL;
    hb_blob_t *blob = hb_blob_create_from_file_or_fail(p->file);
    if (!blob) return NULL;
    hb_face_t *raw = hb_face_create(blob, (unsigned)p->index);
    hb_blob_destroy(blob);
    if (!raw || hb_face_get_glyph_count(raw) == 0) {
        hb_face_destroy(raw);
        return NULL;
    }
    read_psname(p, raw);
    read_metrics(p, raw);
    p->face = hb_subset_preprocess(raw);
    hb_face_destroy(raw);
    return p->face ? p : NULL;
}

/* ---------------------------------------------------------- a document */

/* One font as used by one document. */
typedef struct pf_used {
    HPDF_Dict type0;          /* made at first use, filled by pf_finish */
    char res[16];             /* resource name on the pages: /SF1 ... */
    HPDF_Page last_page;      /* the page whose resources hold it last */
    uint16_t *cid_of[256];    /* code point -> CID (0: none), by 256-code-point page */
    tx_glyph *g;              /* CID c is g[c - 1] */
    size_t n, cap;
} pf_used;

struct pf_doc {
    HPDF_Doc pdf;
    tx_fontset *fs;
    pf_faces *faces;
    int ok;
    tx_shaped shaped;         /* the line being drawn */
    pf_used u[TX_NFONTS];
    int font;                 /* font and size of the line in progress */
    double size;
    ut_buf line;              /* its operators */
};

pf_doc *pf_doc_new(tx_fontset *fs, HPDF_Doc pdf)
{
    pf_doc *d = ut_xcalloc(1, sizeof *d);
    d->pdf = pdf;
    d->fs = fs;
    d->faces = faces_of(fs);
    d->ok = 1;
    return d;
}

tx_fontset *pf_doc_fontset(pf_doc *d)
{
    return d->fs;
}

int pf_doc_ok(const pf_doc *d)
{
    return d && d->ok;
}

void pf_doc_free(pf_doc *d)
{
    if (!d) return;
    tx_shaped_free(&d->shaped);
    for (int i = 0; i < TX_NFONTS; i++) {
        for (int p = 0; p < 256; p++) free(d->u[i].cid_of[p]);
        free(d->u[i].g);
    }
    ut_buf_free(&d->line);
    free(d);   /* the dictionaries belong to the HPDF_Doc */
}

/* A number as a PDF operand: at most three decimals, no exponent, no
 * "-0"; returns its length. */
static size_t fmt_num(char *out, double v)
{
    long long m = llround(v * 1000.0);
    char *p = out;
    if (m < 0) { *p++ = '-'; m = -m; }
    long long ip = m / 1000, fp = m % 1000;
    char tmp[24];
    int k = 0;
    do { tmp[k++] = (char)('0' + ip % 10); ip /= 10; } while (ip);
    while (k) *p++ = tmp[--k];
    if (fp) {
        *p++ = '.';
        *p++ = (char)('0' + fp / 100);
        if (fp % 100) {
            *p++ = (char)('0' + fp / 10 % 10);
            if (fp % 10) *p++ = (char)('0' + fp % 10);
        }
    }
    if (out[0] == '-' && p == out + 2 && out[1] == '0') { out[0] = '0'; p = out + 1; }
    *p = '\0';
    return (size_t)(p - out);
}

static void put_num(ut_buf *b, double v)
{
    char s[40];
    ut_buf_add(b, s, fmt_num(s, v));
}

static HPDF_Stream page_stream(HPDF_Page page)
{
    return page && page->attr ? ((HPDF_PageAttr)page->attr)->stream : NULL;
}

/* The CID of gl in font u, given at its first use. */
static uint16_t cid_for(pf_used *u, const tx_glyph *gl)
{
    uint32_t cp = gl->cp & 0xFFFF;
    uint16_t **pg = &u->cid_of[cp >> 8];
    if (!*pg) *pg = ut_xcalloc(256, sizeof **pg);
    uint16_t *slot = &(*pg)[cp & 0xFF];
    if (!*slot && u->n < 0xFFFE) {
        ut_grow(&u->g, &u->cap, u->n + 1, sizeof *u->g);
        u->g[u->n++] = *gl;
        *slot = (uint16_t)u->n;
    }
    return *slot;
}

/* Font id's dictionary, made at first use, listed in the page's font
 * resources; NULL when libharu fails. */
static pf_used *use_font(pf_doc *d, HPDF_Page page, int id)
{
    pf_used *u = &d->u[id];
    if (!u->type0) {
        u->type0 = HPDF_Dict_New(d->pdf->mmgr);
        if (!u->type0 || HPDF_Xref_Add(d->pdf->xref, u->type0) != HPDF_OK) {
            u->type0 = NULL;
            return NULL;
        }
        snprintf(u->res, sizeof u->res, "SF%u", (unsigned)id % 100u + 1u);
    }
    if (u->last_page == page) return u;
    HPDF_PageAttr attr = page->attr;
    if (!attr->fonts) {
        HPDF_Dict res = HPDF_Page_GetInheritableItem(page, "Resources", HPDF_OCLASS_DICT);
        HPDF_Dict fonts = res ? HPDF_Dict_New(page->mmgr) : NULL;
        if (!fonts || HPDF_Dict_Add(res, "Font", fonts) != HPDF_OK) return NULL;
        attr->fonts = fonts;
    }
    if (!HPDF_Dict_GetItem(attr->fonts, u->res, HPDF_OCLASS_DICT)
        && HPDF_Dict_Add(attr->fonts, u->res, u->type0) != HPDF_OK)
        return NULL;
    u->last_page = page;
    return u;
}

static int line_begin(pf_doc *d, HPDF_Page page, double x, double y, float r, float g, float b)
{
    /* Text is shown between paths, never inside one: the check libharu's
     * own text operators make, raised through its error handler too. */
    if (!page || !page->attr || ((HPDF_PageAttr)page->attr)->gmode != HPDF_GMODE_PAGE_DESCRIPTION) {
        if (page) HPDF_RaiseError(page->error, HPDF_PAGE_INVALID_GMODE, 0);
        return -1;
    }
    d->line.len = 0;
    d->font = -1;
    d->size = 0;
    ut_buf_puts(&d->line, "q\012");
    put_num(&d->line, r);
    ut_buf_puts(&d->line, " ");
    put_num(&d->line, g);
    ut_buf_puts(&d->line, " ");
    put_num(&d->line, b);
    ut_buf_puts(&d->line, " rg\012BT\012");
    put_num(&d->line, x);
    ut_buf_puts(&d->line, " ");
    put_num(&d->line, y);
    ut_buf_puts(&d->line, " Td\012");
    return 0;
}

/* One byte of a literal string, escaped where PDF needs it: the
 * parentheses, the backslash, and CR (read as a line end otherwise). */
static char *put_code_byte(char *p, unsigned char c)
{
    if (c == '(' || c == ')' || c == '\\') *p++ = '\\';
    if (c == '\r') {
        *p++ = '\\';
        *p++ = 'r';
        return p;
    }
    *p++ = (char)c;
    return p;
}

static int show_run(pf_doc *d, HPDF_Page page, int id, double size, const tx_glyph *gl, size_t n)
{
    pf_used *u = use_font(d, page, id);
    if (!u) return -1;
    if (id != d->font || size != d->size) {
        ut_buf_printf(&d->line, "/%s ", u->res);
        put_num(&d->line, size);
        ut_buf_puts(&d->line, " Tf\012");
        d->font = id;
        d->size = size;
    }
    /* A literal string of two-byte codes: most high bytes are 0, which
     * deflates better and takes half the bytes of hexadecimal. */
    ut_grow(&d->line.data, &d->line.cap, d->line.len + 4 * n + 8, 1);
    char *p = d->line.data + d->line.len;
    *p++ = '(';
    for (size_t i = 0; i < n; i++) {
        uint16_t c = cid_for(u, &gl[i]);
        p = put_code_byte(p, (unsigned char)(c >> 8));
        p = put_code_byte(p, (unsigned char)c);
    }
    memcpy(p, ") Tj\012", 5);
    d->line.len = (size_t)(p + 5 - d->line.data);
    d->line.data[d->line.len] = '\0';
    return 0;
}

static int line_end(pf_doc *d, HPDF_Page page)
{
    ut_buf_puts(&d->line, "ET\012Q\012");
    HPDF_Stream s = page_stream(page);
    int rc = s && HPDF_Stream_Write(s, (const HPDF_BYTE *)d->line.data, (HPDF_UINT)d->line.len) == HPDF_OK ? 0 : -1;
    d->line.len = 0;
    return rc;
}

void pf_draw(pf_doc *d, HPDF_Page page, const char *utf8, double x, double baseline_y,
             int align, const tx_style *st)
{
    if (!d || !d->ok || !utf8) return;
    tx_shaped *sh = &d->shaped;
    switch (tx_shape(d->fs, utf8, st, align, sh)) {
    case TX_CENTER: x -= sh->width / 2; break;
    case TX_RIGHT: x -= sh->width; break;
    default: break;
    }
    if (!sh->nruns) return;
    int e = line_begin(d, page, x, baseline_y, st->r, st->g, st->b);
    for (size_t i = 0; !e && i < sh->nruns; i++) {
        const tx_glyph_run *r = &sh->runs[i];
        e = show_run(d, page, (int)r->font, st->size, sh->glyphs + r->start, r->n);
    }
    if (!e) e = line_end(d, page);
    if (e) d->ok = 0;
}

/* ------------------------------------------------------------- finishing */

/* Six capital letters from the font's name and characters: the same
 * subset always gets the same tag. */
static void subset_tag(const pf_face *p, const pf_used *u, char tag[7])
{
    uint64_t h = 1469598103934665603ull;
    for (const char *s = p->psname; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211ull;
    for (size_t i = 0; i < u->n; i++) h = (h ^ u->g[i].cp) * 1099511628211ull;
    for (int i = 0; i < 6; i++, h /= 26) tag[i] = (char)('A' + h % 26);
    tag[6] = '\0';
}

static HPDF_Dict new_stream(pf_doc *d, const void *data, size_t n)
{
    HPDF_Dict s = HPDF_DictStream_New(d->pdf->mmgr, d->pdf->xref);
    if (!s) return NULL;
    /* no filter: pk_pack compresses every stream when the document is saved */
    if (HPDF_Stream_Write(s->stream, data, (HPDF_UINT)n) != HPDF_OK) return NULL;
    return s;
}

/* The ToUnicode CMap: each CID to its character. */
static HPDF_Dict to_unicode(pf_doc *d, const pf_used *u)
{
    ut_buf b = {0};
    ut_buf_puts(&b, "/CIDInit /ProcSet findresource begin\012"
                    "12 dict begin\012begincmap\012"
                    "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\012"
                    "/CMapName /Adobe-Identity-UCS def\012/CMapType 2 def\012"
                    "1 begincodespacerange\012<0000> <FFFF>\012endcodespacerange\012");
    for (size_t i = 0; i < u->n; i += PF_BFCHAR_BLOCK) {
        size_t k = u->n - i < PF_BFCHAR_BLOCK ? u->n - i : PF_BFCHAR_BLOCK;
        ut_buf_printf(&b, "%zu beginbfchar\012", k);
        for (size_t j = i; j < i + k; j++)
            ut_buf_printf(&b, "<%04X> <%04X>\012", (unsigned)(j + 1), (unsigned)(u->g[j].cp & 0xFFFF));
        ut_buf_puts(&b, "endbfchar\012");
    }
    ut_buf_puts(&b, "endcmap\012CMapName currentdict /CMap defineresource pop\012end\012end\012");
    HPDF_Dict s = new_stream(d, b.data, b.len);
    ut_buf_free(&b);
    return s;
}

/* /W: [1 [w1 w2 ...]]. */
static HPDF_Array widths(pf_doc *d, const pf_used *u)
{
    HPDF_Array w = HPDF_Array_New(d->pdf->mmgr), ws = HPDF_Array_New(d->pdf->mmgr);
    if (!w || !ws) return NULL;
    HPDF_Array_AddNumber(w, 1);
    for (size_t i = 0; i < u->n; i++) HPDF_Array_AddNumber(ws, u->g[i].width);
    HPDF_Array_Add(w, ws);
    return w;
}

/* The subset of face p holding u's glyphs, as font file bytes, and the
 * stream mapping each CID to its glyph in it. */
static int make_subset(pf_doc *d, const pf_face *p, const pf_used *u, hb_blob_t **font_out,
                       HPDF_Dict *map_out)
{
    hb_subset_input_t *in = hb_subset_input_create_or_fail();
    if (!in) return -1;
    hb_set_t *gs = hb_subset_input_glyph_set(in);
    hb_set_add(gs, 0);
    for (size_t i = 0; i < u->n; i++) hb_set_add(gs, u->g[i].gid);
    hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_NO_HINTING);
    hb_set_t *drop = hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG);
    static const char *const DROP[] = { "GSUB", "GPOS", "GDEF", "BASE", "JSTF", "MATH", "kern",
                                        "DSIG", "hdmx", "LTSH", "VDMX", "gasp" };
    for (size_t i = 0; i < sizeof DROP / sizeof *DROP; i++)
        hb_set_add(drop, HB_TAG(DROP[i][0], DROP[i][1], DROP[i][2], DROP[i][3]));
    hb_subset_plan_t *plan = hb_subset_plan_create_or_fail(p->face, in);
    hb_subset_input_destroy(in);
    if (!plan) return -1;
    hb_face_t *sub = hb_subset_plan_execute_or_fail(plan);
    const hb_map_t *map = hb_subset_plan_old_to_new_glyph_mapping(plan);
    unsigned char *m = ut_xcalloc(u->n + 1, 2);
    for (size_t i = 0; i < u->n; i++) {
        hb_codepoint_t g = hb_map_get(map, u->g[i].gid);
        if (g == HB_MAP_VALUE_INVALID) g = 0;
        m[2 * (i + 1)] = (unsigned char)(g >> 8);
        m[2 * (i + 1) + 1] = (unsigned char)g;
    }
    hb_subset_plan_destroy(plan);
    if (!sub) {
        free(m);
        return -1;
    }
    *font_out = hb_face_reference_blob(sub);
    hb_face_destroy(sub);
    *map_out = new_stream(d, m, 2 * (u->n + 1));
    free(m);
    return *map_out ? 0 : -1;
}

static HPDF_Dict descriptor(pf_doc *d, const pf_face *p, const char *name, hb_blob_t *font)
{
    HPDF_MMgr mm = d->pdf->mmgr;
    HPDF_Dict fd = HPDF_Dict_New(mm);
    if (!fd || HPDF_Xref_Add(d->pdf->xref, fd) != HPDF_OK) return NULL;
    unsigned n = 0;
    const char *data = hb_blob_get_data(font, &n);
    HPDF_Dict file = new_stream(d, data, n);
    HPDF_Array bbox = HPDF_Array_New(mm);
    if (!file || !bbox) return NULL;
    HPDF_Dict_AddNumber(file, "Length1", (HPDF_INT32)n);
    for (int i = 0; i < 4; i++) HPDF_Array_AddNumber(bbox, p->bbox[i]);
    HPDF_Dict_AddName(fd, "Type", "FontDescriptor");
    HPDF_Dict_AddName(fd, "FontName", name);
    HPDF_Dict_AddNumber(fd, "Flags", 4);   /* symbolic: glyphs are reached by CID */
    HPDF_Dict_Add(fd, "FontBBox", bbox);
    HPDF_Dict_AddNumber(fd, "ItalicAngle", 0);
    HPDF_Dict_AddNumber(fd, "Ascent", p->ascent);
    HPDF_Dict_AddNumber(fd, "Descent", p->descent);
    HPDF_Dict_AddNumber(fd, "CapHeight", p->cap_height);
    HPDF_Dict_AddNumber(fd, "StemV", 80);
    HPDF_Dict_Add(fd, "FontFile2", file);
    return fd;
}

/* Fills font u's Type 0 dictionary and adds its descendant. */
static int finish_font(pf_doc *d, int id, char *err, size_t errlen)
{
    pf_used *u = &d->u[id];
    pf_face *p = face_of(d->faces, id);
    if (!p) {
        snprintf(err, errlen, "HarfBuzz cannot read the font %s", d->faces->f[id].file ? d->faces->f[id].file : "(none)");
        return -1;
    }
    hb_blob_t *font = NULL;
    HPDF_Dict map = NULL;
    if (make_subset(d, p, u, &font, &map) != 0) {
        snprintf(err, errlen, "HarfBuzz cannot subset the font %s", p->file);
        return -1;
    }
    char tag[7], name[96];
    subset_tag(p, u, tag);
    snprintf(name, sizeof name, "%s+%s", tag, p->psname);
    HPDF_MMgr mm = d->pdf->mmgr;
    HPDF_Dict fd = descriptor(d, p, name, font);
    hb_blob_destroy(font);
    HPDF_Dict cid = HPDF_Dict_New(mm), info = HPDF_Dict_New(mm), tu = to_unicode(d, u);
    HPDF_Array desc = HPDF_Array_New(mm), w = widths(d, u);
    if (!fd || !cid || !info || !tu || !desc || !w || HPDF_Xref_Add(d->pdf->xref, cid) != HPDF_OK) {
        snprintf(err, errlen, "PDF error while writing the font %s", p->file);
        return -1;
    }
    HPDF_Dict_Add(info, "Registry", HPDF_String_New(mm, "Adobe", NULL));
    HPDF_Dict_Add(info, "Ordering", HPDF_String_New(mm, "Identity", NULL));
    HPDF_Dict_AddNumber(info, "Supplement", 0);
    HPDF_Dict_AddName(cid, "Type", "Font");
    HPDF_Dict_AddName(cid, "Subtype", "CIDFontType2");
    HPDF_Dict_AddName(cid, "BaseFont", name);
    HPDF_Dict_Add(cid, "CIDSystemInfo", info);
    HPDF_Dict_Add(cid, "FontDescriptor", fd);
    HPDF_Dict_Add(cid, "W", w);
    HPDF_Dict_Add(cid, "CIDToGIDMap", map);
    HPDF_Array_Add(desc, cid);
    HPDF_Dict_AddName(u->type0, "Type", "Font");
    HPDF_Dict_AddName(u->type0, "Subtype", "Type0");
    HPDF_Dict_AddName(u->type0, "BaseFont", name);
    HPDF_Dict_AddName(u->type0, "Encoding", "Identity-H");
    HPDF_Dict_Add(u->type0, "DescendantFonts", desc);
    HPDF_Dict_Add(u->type0, "ToUnicode", tu);
    return 0;
}

int pf_finish(pf_doc *d, char *err, size_t errlen)
{
    if (!d->ok) {
        snprintf(err, errlen, "text could not be written into the PDF");
        return -1;
    }
    for (int id = 0; id < TX_NFONTS; id++)
        if (d->u[id].type0 && finish_font(d, id, err, errlen) != 0) return -1;
    return 0;
}
