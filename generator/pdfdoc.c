/* pdfdoc.c — libharu documents (see pdfdoc.h). */
#include "pdfdoc.h"
#include "outfile.h"
#include "pdfpack.h"
#include "util.h"

#include <errno.h>
#include <hpdf_doc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static void on_error(HPDF_STATUS code, HPDF_STATUS detail, void *data)
{
    pd_doc *d = data;
    if (!d->error) {
        d->error = code;
        d->detail = detail;
    }
}

int pd_open(pd_doc *d)
{
    memset(d, 0, sizeof *d);
    d->pdf = HPDF_New(on_error, d);
    if (!d->pdf) return -1;
    HPDF_SetCompressionMode(d->pdf, HPDF_COMP_NONE);   /* pk_pack compresses */
    /* No encoder: text is written as glyph codes (pdffont.c), text strings
     * as UTF-16BE (set_info, the tagger, the bookmarks). */
    HPDF_SetPageMode(d->pdf, HPDF_PAGE_MODE_USE_NONE);
    return 0;
}

/* The creation date: SOURCE_DATE_EPOCH (reproducible builds convention),
 * else the report's date, else 1 January 2000; never the clock. */
static void pick_date(const char *date, HPDF_Date *out)
{
    memset(out, 0, sizeof *out);
    out->year = 2000; out->month = 1; out->day = 1;
    out->ind = '+';   /* 'Z' is rejected by libharu's date check */
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    char *end;
    long long t = sde ? strtoll(sde, &end, 10) : -1;
    if (sde && *sde && !*end && t >= 0) {
        time_t tt = (time_t)t;
        struct tm tm;
        gmtime_r(&tt, &tm);
        out->year = tm.tm_year + 1900; out->month = tm.tm_mon + 1; out->day = tm.tm_mday;
        out->hour = tm.tm_hour; out->minutes = tm.tm_min; out->seconds = tm.tm_sec;
    } else if (date) {
        int y, m, dd;
        if (sscanf(date, "%d-%d-%d", &y, &m, &dd) == 3 && y >= 1990 && y < 2200 && m >= 1 &&
            m <= 12 && dd >= 1 && dd <= 31) {
            out->year = y; out->month = m; out->day = dd;
        }
    }
}

/* An Info entry as a UTF-16BE text string: libharu's own conversion needs
 * its UTF-8 encoder, a 65,536-entry table built for each document. */
static void set_info(HPDF_Doc pdf, const char *key, const char *value)
{
    HPDF_Dict info = pdf->info;   /* made by HPDF_SetInfoDateAttr */
    if (!info || !value) return;
    size_t n;
    unsigned char *u = ut_utf16be(value, &n);
    HPDF_Binary b = HPDF_Binary_New(pdf->mmgr, u, (HPDF_UINT)n);
    free(u);
    if (b) HPDF_Dict_Add(info, key, b);
}

void pd_set_meta(pd_doc *d, const pd_meta *m)
{
    HPDF_Doc pdf = d->pdf;
    HPDF_Date date;
    pick_date(m->date, &date);
    HPDF_SetInfoDateAttr(pdf, HPDF_INFO_CREATION_DATE, date);
    HPDF_SetInfoDateAttr(pdf, HPDF_INFO_MOD_DATE, date);
    set_info(pdf, "Title", m->title);
    set_info(pdf, "Author", m->author);
    set_info(pdf, "Subject", m->subject);
    set_info(pdf, "Keywords", m->keywords);
    set_info(pdf, "Creator", "sswr " SSWR_VERSION);
    set_info(pdf, "Producer", "sswr " SSWR_VERSION " with libharu");
    if (m->lang && pdf->catalog) {
        /* libharu has no setter for the document language (/Lang), which
         * screen readers and search engines use: add it to the catalog. */
        HPDF_String s = HPDF_String_New(pdf->mmgr, m->lang, NULL);
        if (s) HPDF_Dict_Add(pdf->catalog, "Lang", s);
    }
}

HPDF_Page pd_add_page(pd_doc *d)
{
    HPDF_Page p = HPDF_AddPage(d->pdf);
    if (p) HPDF_Page_SetSize(p, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
    if (p) d->npages++;
    return p;
}

/* The document as libharu writes it, read back; then its objects are freed
 * (packing needs as much again, and a report's objects are most of a
 * build's peak memory). A long document (a report) goes through `tmp`
 * when there is one: libharu writes the file as it goes, with no copy in
 * memory; a profile through libharu's memory stream, which saves a file
 * written and read. Returns the bytes (owned), or NULL with err set. */
#define PD_FILE_PAGES 16

static char *saved_bytes(pd_doc *d, const char *tmp, size_t *len, char *err, size_t errlen)
{
    char *buf = NULL;
    if (tmp) {
        if (HPDF_SaveToFile(d->pdf, tmp) == HPDF_OK && !d->error) buf = ut_read_file(tmp, len);
    } else if (HPDF_SaveToStream(d->pdf) == HPDF_OK && !d->error) {
        HPDF_UINT32 size = HPDF_GetStreamSize(d->pdf), got = size;
        buf = ut_xmalloc(size ? size : 1);
        HPDF_ResetStream(d->pdf);
        if (HPDF_ReadFromStream(d->pdf, (HPDF_BYTE *)buf, &got) != HPDF_OK && got != size) {
            free(buf);
            buf = NULL;
        }
        *len = got;
    }
    if (!buf)
        snprintf(err, errlen, "PDF error while saving: %s (libharu 0x%04X)", pd_strerror(d->error),
                 (unsigned)d->error);
    HPDF_Free(d->pdf);
    d->pdf = NULL;
    return buf;
}

int pd_save(pd_doc *d, const char *path, char *err, size_t errlen)
{
    if (d->error) {
        snprintf(err, errlen, "PDF error: %s (libharu 0x%04X, detail %u)", pd_strerror(d->error),
                 (unsigned)d->error, (unsigned)d->detail);
        return -1;
    }
    of_file f;
    if (of_open(&f, path) != 0) {
        snprintf(err, errlen, "%s", f.error);
        return -1;
    }
    size_t got = 0;
    char *buf = saved_bytes(d, d->npages > PD_FILE_PAGES ? f.tmp : NULL, &got, err, errlen);
    unsigned char *packed = NULL;
    size_t npacked = 0;
    int rc = buf && pk_pack((const unsigned char *)buf, got, &packed, &npacked, err, errlen) == 0 ? 0 : -1;
    free(buf);
    if (rc != 0) {
        of_abort(&f);
        return -1;
    }
    /* Over what libharu wrote in the temporary: from its start, cut after. */
    rewind(f.fp);
    if (fwrite(packed, 1, npacked, f.fp) != npacked || fflush(f.fp) != 0
        || (f.tmp && ftruncate(fileno(f.fp), (off_t)npacked) != 0)) {
        snprintf(err, errlen, "cannot write %s: %s", path, strerror(errno));
        free(packed);
        of_abort(&f);
        return -1;
    }
    free(packed);
    if (of_commit(&f) != 0) {
        snprintf(err, errlen, "%s", f.error);
        return -1;
    }
    return 0;
}

void pd_close(pd_doc *d)
{
    if (d->pdf) HPDF_Free(d->pdf);
    d->pdf = NULL;
}

const char *pd_strerror(HPDF_STATUS code)
{
    switch (code) {
    case 0: return "no error";
    case HPDF_FAILD_TO_ALLOC_MEM: return "out of memory";
    case HPDF_FILE_IO_ERROR: return "file input/output error";
    case HPDF_INVALID_FONTDEF_DATA: return "invalid font data";
    case HPDF_TTF_INVALID_CMAP: return "the font has no usable Unicode cmap";
    case HPDF_TTF_INVALID_FOMAT: return "not a TrueType font";
    case HPDF_TTF_MISSING_TABLE: return "the font lacks a required table";
    case HPDF_INVALID_ENCODER: return "invalid encoder";
    case HPDF_PAGE_INVALID_GMODE: return "a drawing operator was used in the wrong mode (a bug)";
    case HPDF_PAGE_OUT_OF_RANGE: return "a value is out of range";
    case HPDF_INVALID_DATE_TIME: return "invalid date";
    default: return "libharu error";
    }
}
