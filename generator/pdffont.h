/* pdffont.h — the fonts of one PDF, subset to what the document draws.
 * Prefix: pf_.
 *
 * The text engine (text.h) chooses the fonts and shapes each line; this
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
 * Ownership: a pf_doc belongs to the caller and is freed with pf_doc_free
 * after the HPDF_Doc is saved; the fonts as HarfBuzz reads them are opened
 * once per process and belong to the font set (tx_fontset_attach). */
#ifndef SSWR_PDFFONT_H
#define SSWR_PDFFONT_H

#include <hpdf.h>
#include <stddef.h>
#include <stdint.h>

#include "text.h"

typedef struct pf_doc pf_doc;

/* One document's text and fonts; the font set (which keeps the fonts as
 * HarfBuzz reads them, attached at first use) and pdf must outlive it. */
pf_doc *pf_doc_new(tx_fontset *fs, HPDF_Doc pdf);
void pf_doc_free(pf_doc *d);
tx_fontset *pf_doc_fontset(pf_doc *d);

/* Draws one line (tx_shape: bidi, shaping, fallback fonts). align:
 * TX_LEFT (text starts at x), TX_CENTER (centred on x), TX_RIGHT (ends at
 * x), TX_START, TX_END. Runs are shown left to right in one text object,
 * with the graphics state saved and restored (the fill colour and font do
 * not leak to the caller). Text inside a path is refused through libharu's
 * error handler (HPDF_PAGE_INVALID_GMODE), as libharu's own text operators
 * do; a failure makes pf_doc_ok 0 and drawing a no-op. */
void pf_draw(pf_doc *d, HPDF_Page page, const char *utf8, double x, double baseline_y,
             int align, const tx_style *st);
int pf_doc_ok(const pf_doc *d);

/* Makes the subsets of the fonts used and writes their objects; call once,
 * after the last pf_draw and before saving. Returns 0, or -1 with the
 * reason in err (a font HarfBuzz cannot read or subset, or drawing failed). */
int pf_finish(pf_doc *d, char *err, size_t errlen);

#endif
