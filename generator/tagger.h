/* tagger.h — a tagged PDF (PDF/UA-1) from a page tree: marked content
 * around every painted item and the structure tree on the catalog. The
 * writer (pdfwrite.c) calls tg_begin/tg_end around each item as it paints
 * it and tg_annot for each link annotation; tg_finish then adds the
 * StructTreeRoot (roles of pagetree.h as standard structure types, kids in
 * reading order), the ParentTree, /StructParents on pages, /MarkInfo,
 * /ViewerPreferences, an XMP packet (dc:title, dc:language,
 * pdfuaid:part 1) and the tree's page labels (/PageLabels).
 *
 * What is an artifact: every item under a PT_ARTIFACT element, and the
 * page furniture that carries no content of its own (filled rectangles,
 * rules, the capacity grid's status marks, whose status is also written in
 * words). Everything else is content of its nearest element. Text drawn
 * reordered or shaped (right-to-left scripts) carries its logical text as
 * /ActualText, so copying and searching give base letters.
 *
 * libharu 2.3 has no tagging API: this is the one module that writes into
 * its internals (page content streams, catalog, cross-reference table;
 * hpdf_objects.h, hpdf_pages.h). Its errors stay sticky in the document
 * like every libharu error. Output depends only on the tree: no clock, no
 * random identifiers. Prefix: tg_. */
#ifndef SSWR_TAGGER_H
#define SSWR_TAGGER_H

#include <hpdf.h>
#include <stddef.h>

#include "pagetree.h"

typedef struct tg_doc tg_doc;

/* Starts tagging the painting of d into pages (d->npages of them, all of
 * pdf). d and pages must outlive the tagger. */
tg_doc *tg_new(const pt_doc *d, HPDF_Doc pdf, HPDF_Page const *pages);
/* Around the painting of item i (an index into d->items), on its page. */
void tg_begin(tg_doc *t, size_t i);
void tg_end(tg_doc *t, size_t i);
/* Around one line of text drawn inside an item (a chart's label): a span
 * with its logical text when it is right to left, nothing otherwise. */
void tg_span_begin(HPDF_Page page, const char *utf8);
void tg_span_end(HPDF_Page page, const char *utf8);
/* Item i (a PT_LINKANNOT) was written as annotation a. */
void tg_annot(tg_doc *t, size_t i, HPDF_Annotation a);
/* Builds the structure tree and the catalog entries; call once, after
 * every item was painted. */
void tg_finish(tg_doc *t);
void tg_free(tg_doc *t);

/* Whether item i is painted as an artifact (see above). */
int tg_is_artifact(const pt_doc *d, size_t i);

#endif
