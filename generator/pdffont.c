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

/* Arabic presentation forms (U+FB50–U+FBFF, U+FE70–U+FEFF), as the text
 * engine draws shaped Arabic, to the letters they show (their Unicode
 * compatibility decompositions: a lam-alef ligature is two letters), so
 * that a text copied from the PDF is the text written. Generated with
 * Python's unicodedata (Unicode 13); sorted by form. */
typedef struct pf_form {
    uint16_t form, a, b;
} pf_form;
static const pf_form ARABIC_FORMS[] = {
    { 0xFB50, 0x0671, 0x0000 }, { 0xFB51, 0x0671, 0x0000 }, { 0xFB52, 0x067B, 0x0000 }, { 0xFB53, 0x067B, 0x0000 },
    { 0xFB54, 0x067B, 0x0000 }, { 0xFB55, 0x067B, 0x0000 }, { 0xFB56, 0x067E, 0x0000 }, { 0xFB57, 0x067E, 0x0000 },
    { 0xFB58, 0x067E, 0x0000 }, { 0xFB59, 0x067E, 0x0000 }, { 0xFB5A, 0x0680, 0x0000 }, { 0xFB5B, 0x0680, 0x0000 },
    { 0xFB5C, 0x0680, 0x0000 }, { 0xFB5D, 0x0680, 0x0000 }, { 0xFB5E, 0x067A, 0x0000 }, { 0xFB5F, 0x067A, 0x0000 },
    { 0xFB60, 0x067A, 0x0000 }, { 0xFB61, 0x067A, 0x0000 }, { 0xFB62, 0x067F, 0x0000 }, { 0xFB63, 0x067F, 0x0000 },
    { 0xFB64, 0x067F, 0x0000 }, { 0xFB65, 0x067F, 0x0000 }, { 0xFB66, 0x0679, 0x0000 }, { 0xFB67, 0x0679, 0x0000 },
    { 0xFB68, 0x0679, 0x0000 }, { 0xFB69, 0x0679, 0x0000 }, { 0xFB6A, 0x06A4, 0x0000 }, { 0xFB6B, 0x06A4, 0x0000 },
    { 0xFB6C, 0x06A4, 0x0000 }, { 0xFB6D, 0x06A4, 0x0000 }, { 0xFB6E, 0x06A6, 0x0000 }, { 0xFB6F, 0x06A6, 0x0000 },
    { 0xFB70, 0x06A6, 0x0000 }, { 0xFB71, 0x06A6, 0x0000 }, { 0xFB72, 0x0684, 0x0000 }, { 0xFB73, 0x0684, 0x0000 },
    { 0xFB74, 0x0684, 0x0000 }, { 0xFB75, 0x0684, 0x0000 }, { 0xFB76, 0x0683, 0x0000 }, { 0xFB77, 0x0683, 0x0000 },
    { 0xFB78, 0x0683, 0x0000 }, { 0xFB79, 0x0683, 0x0000 }, { 0xFB7A, 0x0686, 0x0000 }, { 0xFB7B, 0x0686, 0x0000 },
    { 0xFB7C, 0x0686, 0x0000 }, { 0xFB7D, 0x0686, 0x0000 }, { 0xFB7E, 0x0687, 0x0000 }, { 0xFB7F, 0x0687, 0x0000 },
    { 0xFB80, 0x0687, 0x0000 }, { 0xFB81, 0x0687, 0x0000 }, { 0xFB82, 0x068D, 0x0000 }, { 0xFB83, 0x068D, 0x0000 },
    { 0xFB84, 0x068C, 0x0000 }, { 0xFB85, 0x068C, 0x0000 }, { 0xFB86, 0x068E, 0x0000 }, { 0xFB87, 0x068E, 0x0000 },
    { 0xFB88, 0x0688, 0x0000 }, { 0xFB89, 0x0688, 0x0000 }, { 0xFB8A, 0x0698, 0x0000 }, { 0xFB8B, 0x0698, 0x0000 },
    { 0xFB8C, 0x0691, 0x0000 }, { 0xFB8D, 0x0691, 0x0000 }, { 0xFB8E, 0x06A9, 0x0000 }, { 0xFB8F, 0x06A9, 0x0000 },
    { 0xFB90, 0x06A9, 0x0000 }, { 0xFB91, 0x06A9, 0x0000 }, { 0xFB92, 0x06AF, 0x0000 }, { 0xFB93, 0x06AF, 0x0000 },
    { 0xFB94, 0x06AF, 0x0000 }, { 0xFB95, 0x06AF, 0x0000 }, { 0xFB96, 0x06B3, 0x0000 }, { 0xFB97, 0x06B3, 0x0000 },
    { 0xFB98, 0x06B3, 0x0000 }, { 0xFB99, 0x06B3, 0x0000 }, { 0xFB9A, 0x06B1, 0x0000 }, { 0xFB9B, 0x06B1, 0x0000 },
    { 0xFB9C, 0x06B1, 0x0000 }, { 0xFB9D, 0x06B1, 0x0000 }, { 0xFB9E, 0x06BA, 0x0000 }, { 0xFB9F, 0x06BA, 0x0000 },
    { 0xFBA0, 0x06BB, 0x0000 }, { 0xFBA1, 0x06BB, 0x0000 }, { 0xFBA2, 0x06BB, 0x0000 }, { 0xFBA3, 0x06BB, 0x0000 },
    { 0xFBA4, 0x06C0, 0x0000 }, { 0xFBA5, 0x06C0, 0x0000 }, { 0xFBA6, 0x06C1, 0x0000 }, { 0xFBA7, 0x06C1, 0x0000 },
    { 0xFBA8, 0x06C1, 0x0000 }, { 0xFBA9, 0x06C1, 0x0000 }, { 0xFBAA, 0x06BE, 0x0000 }, { 0xFBAB, 0x06BE, 0x0000 },
    { 0xFBAC, 0x06BE, 0x0000 }, { 0xFBAD, 0x06BE, 0x0000 }, { 0xFBAE, 0x06D2, 0x0000 }, { 0xFBAF, 0x06D2, 0x0000 },
    { 0xFBB0, 0x06D3, 0x0000 }, { 0xFBB1, 0x06D3, 0x0000 }, { 0xFBD3, 0x06AD, 0x0000 }, { 0xFBD4, 0x06AD, 0x0000 },
    { 0xFBD5, 0x06AD, 0x0000 }, { 0xFBD6, 0x06AD, 0x0000 }, { 0xFBD7, 0x06C7, 0x0000 }, { 0xFBD8, 0x06C7, 0x0000 },
    { 0xFBD9, 0x06C6, 0x0000 }, { 0xFBDA, 0x06C6, 0x0000 }, { 0xFBDB, 0x06C8, 0x0000 }, { 0xFBDC, 0x06C8, 0x0000 },
    { 0xFBDD, 0x0677, 0x0000 }, { 0xFBDE, 0x06CB, 0x0000 }, { 0xFBDF, 0x06CB, 0x0000 }, { 0xFBE0, 0x06C5, 0x0000 },
    { 0xFBE1, 0x06C5, 0x0000 }, { 0xFBE2, 0x06C9, 0x0000 }, { 0xFBE3, 0x06C9, 0x0000 }, { 0xFBE4, 0x06D0, 0x0000 },
    { 0xFBE5, 0x06D0, 0x0000 }, { 0xFBE6, 0x06D0, 0x0000 }, { 0xFBE7, 0x06D0, 0x0000 }, { 0xFBE8, 0x0649, 0x0000 },
    { 0xFBE9, 0x0649, 0x0000 }, { 0xFBEA, 0x0626, 0x0627 }, { 0xFBEB, 0x0626, 0x0627 }, { 0xFBEC, 0x0626, 0x06D5 },
    { 0xFBED, 0x0626, 0x06D5 }, { 0xFBEE, 0x0626, 0x0648 }, { 0xFBEF, 0x0626, 0x0648 }, { 0xFBF0, 0x0626, 0x06C7 },
    { 0xFBF1, 0x0626, 0x06C7 }, { 0xFBF2, 0x0626, 0x06C6 }, { 0xFBF3, 0x0626, 0x06C6 }, { 0xFBF4, 0x0626, 0x06C8 },
    { 0xFBF5, 0x0626, 0x06C8 }, { 0xFBF6, 0x0626, 0x06D0 }, { 0xFBF7, 0x0626, 0x06D0 }, { 0xFBF8, 0x0626, 0x06D0 },
    { 0xFBF9, 0x0626, 0x0649 }, { 0xFBFA, 0x0626, 0x0649 }, { 0xFBFB, 0x0626, 0x0649 }, { 0xFBFC, 0x06CC, 0x0000 },
    { 0xFBFD, 0x06CC, 0x0000 }, { 0xFBFE, 0x06CC, 0x0000 }, { 0xFBFF, 0x06CC, 0x0000 }, { 0xFE70, 0x0020, 0x064B },
    { 0xFE71, 0x0640, 0x064B }, { 0xFE72, 0x0020, 0x064C }, { 0xFE74, 0x0020, 0x064D }, { 0xFE76, 0x0020, 0x064E },
    { 0xFE77, 0x0640, 0x064E }, { 0xFE78, 0x0020, 0x064F }, { 0xFE79, 0x0640, 0x064F }, { 0xFE7A, 0x0020, 0x0650 },
    { 0xFE7B, 0x0640, 0x0650 }, { 0xFE7C, 0x0020, 0x0651 }, { 0xFE7D, 0x0640, 0x0651 }, { 0xFE7E, 0x0020, 0x0652 },
    { 0xFE7F, 0x0640, 0x0652 }, { 0xFE80, 0x0621, 0x0000 }, { 0xFE81, 0x0622, 0x0000 }, { 0xFE82, 0x0622, 0x0000 },
    { 0xFE83, 0x0623, 0x0000 }, { 0xFE84, 0x0623, 0x0000 }, { 0xFE85, 0x0624, 0x0000 }, { 0xFE86, 0x0624, 0x0000 },
    { 0xFE87, 0x0625, 0x0000 }, { 0xFE88, 0x0625, 0x0000 }, { 0xFE89, 0x0626, 0x0000 }, { 0xFE8A, 0x0626, 0x0000 },
    { 0xFE8B, 0x0626, 0x0000 }, { 0xFE8C, 0x0626, 0x0000 }, { 0xFE8D, 0x0627, 0x0000 }, { 0xFE8E, 0x0627, 0x0000 },
    { 0xFE8F, 0x0628, 0x0000 }, { 0xFE90, 0x0628, 0x0000 }, { 0xFE91, 0x0628, 0x0000 }, { 0xFE92, 0x0628, 0x0000 },
    { 0xFE93, 0x0629, 0x0000 }, { 0xFE94, 0x0629, 0x0000 }, { 0xFE95, 0x062A, 0x0000 }, { 0xFE96, 0x062A, 0x0000 },
    { 0xFE97, 0x062A, 0x0000 }, { 0xFE98, 0x062A, 0x0000 }, { 0xFE99, 0x062B, 0x0000 }, { 0xFE9A, 0x062B, 0x0000 },
    { 0xFE9B, 0x062B, 0x0000 }, { 0xFE9C, 0x062B, 0x0000 }, { 0xFE9D, 0x062C, 0x0000 }, { 0xFE9E, 0x062C, 0x0000 },
    { 0xFE9F, 0x062C, 0x0000 }, { 0xFEA0, 0x062C, 0x0000 }, { 0xFEA1, 0x062D, 0x0000 }, { 0xFEA2, 0x062D, 0x0000 },
    { 0xFEA3, 0x062D, 0x0000 }, { 0xFEA4, 0x062D, 0x0000 }, { 0xFEA5, 0x062E, 0x0000 }, { 0xFEA6, 0x062E, 0x0000 },
    { 0xFEA7, 0x062E, 0x0000 }, { 0xFEA8, 0x062E, 0x0000 }, { 0xFEA9, 0x062F, 0x0000 }, { 0xFEAA, 0x062F, 0x0000 },
    { 0xFEAB, 0x0630, 0x0000 }, { 0xFEAC, 0x0630, 0x0000 }, { 0xFEAD, 0x0631, 0x0000 }, { 0xFEAE, 0x0631, 0x0000 },
    { 0xFEAF, 0x0632, 0x0000 }, { 0xFEB0, 0x0632, 0x0000 }, { 0xFEB1, 0x0633, 0x0000 }, { 0xFEB2, 0x0633, 0x0000 },
    { 0xFEB3, 0x0633, 0x0000 }, { 0xFEB4, 0x0633, 0x0000 }, { 0xFEB5, 0x0634, 0x0000 }, { 0xFEB6, 0x0634, 0x0000 },
    { 0xFEB7, 0x0634, 0x0000 }, { 0xFEB8, 0x0634, 0x0000 }, { 0xFEB9, 0x0635, 0x0000 }, { 0xFEBA, 0x0635, 0x0000 },
    { 0xFEBB, 0x0635, 0x0000 }, { 0xFEBC, 0x0635, 0x0000 }, { 0xFEBD, 0x0636, 0x0000 }, { 0xFEBE, 0x0636, 0x0000 },
    { 0xFEBF, 0x0636, 0x0000 }, { 0xFEC0, 0x0636, 0x0000 }, { 0xFEC1, 0x0637, 0x0000 }, { 0xFEC2, 0x0637, 0x0000 },
    { 0xFEC3, 0x0637, 0x0000 }, { 0xFEC4, 0x0637, 0x0000 }, { 0xFEC5, 0x0638, 0x0000 }, { 0xFEC6, 0x0638, 0x0000 },
    { 0xFEC7, 0x0638, 0x0000 }, { 0xFEC8, 0x0638, 0x0000 }, { 0xFEC9, 0x0639, 0x0000 }, { 0xFECA, 0x0639, 0x0000 },
    { 0xFECB, 0x0639, 0x0000 }, { 0xFECC, 0x0639, 0x0000 }, { 0xFECD, 0x063A, 0x0000 }, { 0xFECE, 0x063A, 0x0000 },
    { 0xFECF, 0x063A, 0x0000 }, { 0xFED0, 0x063A, 0x0000 }, { 0xFED1, 0x0641, 0x0000 }, { 0xFED2, 0x0641, 0x0000 },
    { 0xFED3, 0x0641, 0x0000 }, { 0xFED4, 0x0641, 0x0000 }, { 0xFED5, 0x0642, 0x0000 }, { 0xFED6, 0x0642, 0x0000 },
    { 0xFED7, 0x0642, 0x0000 }, { 0xFED8, 0x0642, 0x0000 }, { 0xFED9, 0x0643, 0x0000 }, { 0xFEDA, 0x0643, 0x0000 },
    { 0xFEDB, 0x0643, 0x0000 }, { 0xFEDC, 0x0643, 0x0000 }, { 0xFEDD, 0x0644, 0x0000 }, { 0xFEDE, 0x0644, 0x0000 },
    { 0xFEDF, 0x0644, 0x0000 }, { 0xFEE0, 0x0644, 0x0000 }, { 0xFEE1, 0x0645, 0x0000 }, { 0xFEE2, 0x0645, 0x0000 },
    { 0xFEE3, 0x0645, 0x0000 }, { 0xFEE4, 0x0645, 0x0000 }, { 0xFEE5, 0x0646, 0x0000 }, { 0xFEE6, 0x0646, 0x0000 },
    { 0xFEE7, 0x0646, 0x0000 }, { 0xFEE8, 0x0646, 0x0000 }, { 0xFEE9, 0x0647, 0x0000 }, { 0xFEEA, 0x0647, 0x0000 },
    { 0xFEEB, 0x0647, 0x0000 }, { 0xFEEC, 0x0647, 0x0000 }, { 0xFEED, 0x0648, 0x0000 }, { 0xFEEE, 0x0648, 0x0000 },
    { 0xFEEF, 0x0649, 0x0000 }, { 0xFEF0, 0x0649, 0x0000 }, { 0xFEF1, 0x064A, 0x0000 }, { 0xFEF2, 0x064A, 0x0000 },
    { 0xFEF3, 0x064A, 0x0000 }, { 0xFEF4, 0x064A, 0x0000 }, { 0xFEF5, 0x0644, 0x0622 }, { 0xFEF6, 0x0644, 0x0622 },
    { 0xFEF7, 0x0644, 0x0623 }, { 0xFEF8, 0x0644, 0x0623 }, { 0xFEF9, 0x0644, 0x0625 }, { 0xFEFA, 0x0644, 0x0625 },
    { 0xFEFB, 0x0644, 0x0627 }, { 0xFEFC, 0x0644, 0x0627 },
};

/* The characters a code point of the document stands for: 1 or 2. */
static int letters_of(uint32_t cp, uint16_t out[2])
{
    size_t lo = 0, hi = sizeof ARABIC_FORMS / sizeof *ARABIC_FORMS;
    while (cp >= 0xFB50 && lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (ARABIC_FORMS[mid].form == cp) {
            out[0] = ARABIC_FORMS[mid].a;
            out[1] = ARABIC_FORMS[mid].b;
            return out[1] ? 2 : 1;
        }
        if (ARABIC_FORMS[mid].form < cp) lo = mid + 1;
        else hi = mid;
    }
    out[0] = (uint16_t)cp;
    return 1;
}

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
        for (size_t j = i; j < i + k; j++) {
            uint16_t l[2];
            if (letters_of(u->g[j].cp, l) == 2)
                ut_buf_printf(&b, "<%04X> <%04X%04X>\012", (unsigned)(j + 1), l[0], l[1]);
            else
                ut_buf_printf(&b, "<%04X> <%04X>\012", (unsigned)(j + 1), l[0]);
        }
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
