/* pdfdoc.h — one libharu document as sswr writes it: compressed, UTF-8
 * text, metadata (title, author, subject, keywords, language), a creation
 * date from the report or SOURCE_DATE_EPOCH and no time-based ID, so the
 * same inputs give byte-identical files; errors are sticky (like cairo's):
 * the first libharu error is kept and checked once at the end; saving goes
 * through an atomic output file. Prefix: pd_. */
#ifndef SSWR_PDFDOC_H
#define SSWR_PDFDOC_H

#include <hpdf.h>

typedef struct pd_doc {
    HPDF_Doc pdf;
    HPDF_STATUS error;          /* first libharu error, 0 when none */
    HPDF_STATUS detail;
    int npages;                 /* pages added */
} pd_doc;

typedef struct pd_meta {
    const char *title, *author, *subject, *keywords, *lang;
    const char *date;           /* YYYY-MM-DD; SOURCE_DATE_EPOCH wins */
} pd_meta;

/* Creates the document; returns -1 when libharu cannot start. */
int pd_open(pd_doc *d);
void pd_set_meta(pd_doc *d, const pd_meta *m);
HPDF_Page pd_add_page(pd_doc *d);     /* A4 portrait */
/* Saves atomically to path; returns 0, or -1 with a message in err. Once
 * the document is written out of libharu it is freed (d->pdf is NULL
 * after): nothing may be drawn into it after pd_save. */
int pd_save(pd_doc *d, const char *path, char *err, size_t errlen);
void pd_close(pd_doc *d);
/* A readable description of a libharu error code. */
const char *pd_strerror(HPDF_STATUS code);

#endif
