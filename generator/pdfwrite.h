/* pdfwrite.h — the PDF writer: paints a page tree (pagetree.h) into the
 * pages of a libharu document, item by item in the order they were placed,
 * then writes its bookmarks; the tagger (tagger.h) marks each item and
 * adds the structure tree, so every PDF is tagged. Text goes through the
 * text engine (fonts, fallback, bidi, shaping), charts through the scene
 * renderer. Nothing is measured or placed here. Prefix: pw_. */
#ifndef SSWR_PDFWRITE_H
#define SSWR_PDFWRITE_H

#include <hpdf.h>
#include <stddef.h>

#include "pagetree.h"
#include "pdffont.h"
#include "text.h"

/* Paints every item of d on pages[item.page] (the caller made d->npages
 * pages), then the bookmarks. Returns 0, or -1 with the reason in err
 * (a chart that could not be drawn); libharu's own errors stay in the
 * document (pd_doc), as everywhere. */
int pw_write(const pt_doc *d, HPDF_Doc pdf, pf_doc *tx, HPDF_Page const *pages, char *err,
             size_t errlen);

/* Writes a laid-out document as a PDF at path, atomically (pdfdoc.c):
 * its metadata, its pages, then its bookmarks, shown when it opens if it
 * has some. Returns 0, or -1 with the reason in err. */
int pw_save(const pt_doc *d, tx_fontset *fs, const char *path, char *err, size_t errlen);

#endif
