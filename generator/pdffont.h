/* pdffont.h — the fonts of one PDF, subset to what the document draws.
 * Prefix: pf_.
 *
 * The text engine (text.h) chooses a font and lays out each line; this
 * module writes the line's text-showing operators and remembers which
 * characters of which font the document used. When the document is
 * complete, pf_finish makes each font's subset with HarfBuzz (hb-subset:
 * only the glyphs drawn, and the glyphs they are built from) and adds it
 * to the PDF as a Type 0 font with a CIDFontType2 descendant:
 *   - codes are CIDs numbered 1, 2, 3... in the order characters are first
 *     drawn (two bytes each, Identity-H), one CID per character;
 *   - /W gives each CID the width the text engine measured, so a measured
 *     width is exactly the width drawn;
 *   - /CIDToGIDMap maps each CID to its glyph in the subset;
 *   - /ToUnicode maps each CID to its character with bfchar entries (an
 *     Arabic presentation form to the letter it shapes), so text is copied
 *     and searched as written.
 * libharu never loads a font: it used to build a 65,536-entry map for each
 * font of each document and embed the whole prepared font.
 *
 * The same document always gives the same bytes: CIDs follow the drawing
 * order, and a subset's six-letter tag is a hash of its characters.
 *
 * Ownership: a pf_faces (the font files, opened once per process, read by
 * HarfBuzz) belongs to whoever opens it and must outlive the documents
 * using it; a pf_doc belongs to the caller and is freed with pf_doc_free
 * after the HPDF_Doc is saved. */
#ifndef SSWR_PDFFONT_H
#define SSWR_PDFFONT_H

#include <hpdf.h>
#include <stddef.h>
#include <stdint.h>

/* Fonts a document may use, by the caller's small integer id. */
#define PF_MAX_FONTS 16

typedef struct pf_faces pf_faces;
typedef struct pf_doc pf_doc;

/* A character to draw: its code point (BMP), its glyph in the font and
 * its advance width in 1/1000 em. */
typedef struct pf_glyph {
    uint32_t cp;
    uint16_t gid;
    uint16_t width;
} pf_glyph;

/* The font files by id; nothing is read until a document uses a font. */
pf_faces *pf_faces_new(void);
/* Registers font id (0 <= id < PF_MAX_FONTS) as face `index` of `file`
 * (copied). */
void pf_faces_set(pf_faces *f, int id, const char *file, int index);
void pf_faces_free(pf_faces *f);

pf_doc *pf_doc_new(HPDF_Doc pdf, pf_faces *faces);
void pf_doc_free(pf_doc *d);

/* A line of text in the page's content stream: pf_line_begin starts a
 * text object with its first character's origin at (x, y) and the fill
 * colour r g b; each pf_run shows glyphs gl[0..n) in font `id` at `size`
 * points where the previous run ended (visual order, left to right);
 * pf_line_end closes it. Return 0, or -1 when libharu failed to write. */
int pf_line_begin(pf_doc *d, HPDF_Page page, double x, double y, float r, float g, float b);
int pf_run(pf_doc *d, HPDF_Page page, int id, double size, const pf_glyph *gl, size_t n);
int pf_line_end(pf_doc *d, HPDF_Page page);

/* Makes the subsets of the fonts used and writes their objects; call once,
 * after the last pf_show and before saving. Returns 0, or -1 with the
 * reason in err (a font HarfBuzz cannot read or subset). */
int pf_finish(pf_doc *d, char *err, size_t errlen);

#endif
