/* pdfpack.c — libharu's PDF rewritten with an object stream and a
 * cross-reference stream (see pdfpack.h). */
#include "pdfpack.h"
#include "stamp.h"
#include "util.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libdeflate.h>

/* The compression level of every stream (libdeflate, which makes zlib
 * streams twice as fast as zlib at a level and a little smaller), chosen
 * by measurement (bench/README.md). */
#ifndef PK_LEVEL
#define PK_LEVEL 6
#endif

/* An object of the input: where its body lies (after "N 0 obj\n", before
 * "\nendobj"), and for a stream where its dictionary ends and its data
 * lies. */
typedef struct pk_obj {
    size_t off;          /* of "N 0 obj" in the input; 0: not in use */
    const char *body;
    size_t nbody;
    size_t ndict;        /* a stream: length of its dictionary text; else 0 */
    const char *data;
    size_t ndata;
    long length_ref;     /* a stream whose /Length is "K 0 R": K; else 0 */
    int dropped;         /* a stream's length, written direct instead */
} pk_obj;

typedef struct pk_in {
    const char *s;
    size_t n;
    pk_obj *o;
    long count;          /* objects 0 .. count-1 */
    long root, info;
} pk_in;

static int fail(char *err, size_t errlen, const char *what)
{
    snprintf(err, errlen, "cannot pack the PDF libharu wrote: %s", what);
    return -1;
}

static const char *find(const char *s, size_t n, const char *pat)
{
    size_t m = strlen(pat);
    for (const char *p = s; n >= m && (p = memchr(p, pat[0], n - m + 1 - (size_t)(p - s))); p++)
        if (memcmp(p, pat, m) == 0) return p;
    return NULL;
}

/* The last occurrence of pat in s[0..n). */
static const char *find_last(const char *s, size_t n, const char *pat)
{
    size_t m = strlen(pat);
    for (size_t i = n >= m ? n - m + 1 : 0; i-- > 0; )
        if (memcmp(s + i, pat, m) == 0) return s + i;
    return NULL;
}

static long number_at(const char *p, const char *end)
{
    long v = 0;
    int any = 0;
    while (p < end && *p >= '0' && *p <= '9') { v = v * 10 + (*p++ - '0'); any = 1; if (v > 1L << 40) return -1; }
    return any ? v : -1;
}

/* "/Key N 0 R" in text: N, or 0. */
static long ref_after(const char *s, size_t n, const char *key)
{
    const char *p = find(s, n, key);
    return p ? number_at(p + strlen(key), s + n) : 0;
}

/* A dictionary's "/Length K 0 R": K; 0 when the length is direct. */
static long indirect_length(const char *s, size_t n)
{
    const char *p = find(s, n, "/Length ");
    if (!p) return 0;
    p += 8;
    const char *end = s + n;
    long k = number_at(p, end);
    while (p < end && *p >= '0' && *p <= '9') p++;
    return k > 0 && end - p >= 4 && memcmp(p, " 0 R", 4) == 0 ? k : 0;
}

/* Reads the xref table and trailer. */
static int read_xref(pk_in *in, char *err, size_t errlen)
{
    const char *sx = find_last(in->s, in->n, "startxref\012");
    if (!sx) return fail(err, errlen, "no startxref");
    long xoff = number_at(sx + 10, in->s + in->n);
    if (xoff <= 0 || (size_t)xoff + 5 > in->n || memcmp(in->s + xoff, "xref\012", 5) != 0)
        return fail(err, errlen, "no xref table at startxref");
    const char *p = in->s + xoff + 5, *end = in->s + in->n;
    long first = number_at(p, end);
    while (p < end && *p != ' ') p++;
    long count = p < end ? number_at(p + 1, end) : -1;
    while (p < end && *p != '\012') p++;
    p++;
    if (first != 0 || count <= 0 || p + 20 * count > end) return fail(err, errlen, "unexpected xref section");
    in->count = count;
    in->o = ut_xcalloc((size_t)count, sizeof *in->o);
    for (long i = 0; i < count; i++, p += 20)
        if (p[17] == 'n') in->o[i].off = (size_t)number_at(p, p + 10);
    const char *tr = find(p, (size_t)(end - p), "trailer\012");
    if (!tr) return fail(err, errlen, "no trailer");
    size_t ntr = (size_t)(sx - tr);
    in->root = ref_after(tr, ntr, "/Root ");
    in->info = ref_after(tr, ntr, "/Info ");
    if (in->root <= 0 || in->root >= count) return fail(err, errlen, "no /Root in the trailer");
    if (in->info >= count) in->info = 0;
    return 0;
}

static int by_offset(const void *a, const void *b)
{
    size_t x = (*(const pk_obj *const *)a)->off, y = (*(const pk_obj *const *)b)->off;
    return (x > y) - (x < y);
}

/* Splits each object into its body (and a stream into dictionary and
 * data), using the xref offsets: an object ends where the next begins. */
static int read_objects(pk_in *in, size_t xoff, char *err, size_t errlen)
{
    pk_obj **order = ut_xmalloc((size_t)in->count * sizeof *order);
    size_t k = 0;
    for (long i = 1; i < in->count; i++)
        if (in->o[i].off) order[k++] = &in->o[i];
    qsort(order, k, sizeof *order, by_offset);
    int rc = 0;
    for (size_t j = 0; j < k && rc == 0; j++) {
        pk_obj *o = order[j];
        long id = (long)(o - in->o);
        size_t end = j + 1 < k ? order[j + 1]->off : xoff;
        char head[32];
        int nh = snprintf(head, sizeof head, "%ld 0 obj\012", id);
        if (end > in->n || o->off + (size_t)nh + 8 > end || memcmp(in->s + o->off, head, (size_t)nh) != 0
            || memcmp(in->s + end - 8, "\012endobj\012", 8) != 0) {
            rc = fail(err, errlen, "an object is not where the xref table says");
            break;
        }
        o->body = in->s + o->off + nh;
        o->nbody = end - 8 - (o->off + (size_t)nh);
        const char *st = o->nbody >= 10 && memcmp(o->body + o->nbody - 10, "\012endstream", 10) == 0
                         ? find(o->body, o->nbody, "\012stream\015\012") : NULL;
        if (st) {
            o->ndict = (size_t)(st - o->body);
            o->data = st + 9;
            o->ndata = (size_t)(o->body + o->nbody - 10 - o->data);
            o->length_ref = indirect_length(o->body, o->ndict);
        }
    }
    free(order);
    return rc;
}

/* Drops the length objects the streams will carry directly. */
static void drop_lengths(pk_in *in)
{
    for (long i = 1; i < in->count; i++) {
        long k = in->o[i].length_ref;
        if (k <= 0 || k >= in->count || !in->o[k].off || in->o[k].ndict) continue;
        const pk_obj *l = &in->o[k];
        if (number_at(l->body, l->body + l->nbody) == (long)in->o[i].ndata
            && strspn(l->body, "0123456789") == l->nbody)
            in->o[k].dropped = 1;
        else
            in->o[i].length_ref = 0;   /* keep it as it is */
    }
}

/* Appends a stream's dictionary with "/Length K 0 R" made "/Length n",
 * and a /Filter when the packer compressed the data. */
static void put_dict(ut_buf *b, const pk_obj *o, size_t n, int flate)
{
    if (!o->length_ref) {
        ut_buf_add(b, o->body, o->ndict);
        return;
    }
    char ref[48];
    snprintf(ref, sizeof ref, "/Length %ld 0 R", o->length_ref);
    const char *p = find(o->body, o->ndict, ref);
    size_t before = (size_t)(p - o->body), nref = strlen(ref);
    ut_buf_add(b, o->body, before);
    ut_buf_printf(b, "/Length %zu%s", n, flate ? " /Filter /FlateDecode" : "");
    ut_buf_add(b, p + nref, o->ndict - before - nref);
}

/* Whether the packer compresses a stream: libharu wrote it as it is (no
 * /Filter), its length can be rewritten, and it is not the XMP metadata,
 * which stays readable as text. */
static int to_compress(const pk_obj *o)
{
    return o->length_ref && !find(o->body, o->ndict, "/Filter") && !find(o->body, o->ndict, "/Metadata");
}

static int deflate_buf(struct libdeflate_compressor *z, const void *data, size_t n, ut_buf *out)
{
    size_t cap = libdeflate_zlib_compress_bound(z, n);
    out->len = 0;
    ut_grow(&out->data, &out->cap, cap + 1, 1);
    size_t got = libdeflate_zlib_compress(z, data, n, out->data, cap);
    if (!got) return -1;
    out->len = got;
    return 0;
}

static void put_stream(ut_buf *b, long id, const char *dict, const ut_buf *data)
{
    ut_buf_printf(b, "%ld 0 obj\012<< %s /Filter /FlateDecode /Length %zu >>\012stream\012", id, dict, data->len);
    ut_buf_add(b, data->data, data->len);
    ut_buf_puts(b, "\012endstream\012endobj\012");
}

/* One cross-reference stream entry: type, field 2 (4 bytes), field 3 (2). */
static void xref_entry(ut_buf *x, int type, size_t f2, unsigned f3)
{
    unsigned char e[7] = { (unsigned char)type, (unsigned char)(f2 >> 24), (unsigned char)(f2 >> 16),
                           (unsigned char)(f2 >> 8), (unsigned char)f2, (unsigned char)(f3 >> 8),
                           (unsigned char)f3 };
    ut_buf_add(x, e, sizeof e);
}

static int write_packed(const pk_in *in, ut_buf *b, char *err, size_t errlen)
{
    long objstm = in->count, xref = in->count + 1;
    size_t *where = ut_xcalloc((size_t)in->count + 2, sizeof *where);   /* offset, or index in the object stream */
    ut_buf_puts(b, "%PDF-1.7\012%\342\343\317\323\012");
    ut_buf head = {0}, objs = {0}, z = {0}, x = {0};
    struct libdeflate_compressor *c = libdeflate_alloc_compressor(PK_LEVEL);
    int rc = c ? 0 : -1;
    for (long i = 1; i < in->count && rc == 0; i++) {   /* the streams, compressed */
        const pk_obj *o = &in->o[i];
        if (!o->off || !o->ndict) continue;
        int flate = to_compress(o);
        if (flate && deflate_buf(c, o->data, o->ndata, &z) != 0) rc = -1;
        where[i] = b->len;
        ut_buf_printf(b, "%ld 0 obj\012", i);
        put_dict(b, o, flate ? z.len : o->ndata, flate);
        ut_buf_puts(b, "\012stream\012");
        ut_buf_add(b, flate ? z.data : o->data, flate ? z.len : o->ndata);
        ut_buf_puts(b, "\012endstream\012endobj\012");
    }
    long nin = 0;
    for (long i = 1; i < in->count; i++) {   /* every other object, in one object stream */
        const pk_obj *o = &in->o[i];
        if (!o->off || o->ndict || o->dropped) continue;
        ut_buf_printf(&head, "%s%ld %zu", nin ? " " : "", i, objs.len);
        ut_buf_add(&objs, o->body, o->nbody);
        ut_buf_puts(&objs, "\012");
        where[i] = (size_t)nin++;
    }
    ut_buf_puts(&head, "\012");
    size_t first = head.len;
    ut_buf_add(&head, objs.data, objs.len);
    if (rc == 0) rc = deflate_buf(c, head.data, head.len, &z);
    char dict[160];
    if (rc == 0) {
        where[objstm] = b->len;
        snprintf(dict, sizeof dict, "/Type /ObjStm /N %ld /First %zu", nin, first);
        put_stream(b, objstm, dict, &z);
        where[xref] = b->len;
        for (long i = 0; i < in->count + 2; i++) {
            const pk_obj *o = i < in->count ? &in->o[i] : NULL;
            if (o && (!o->off || o->dropped)) xref_entry(&x, 0, 0, i ? 0 : 65535);
            else if (o && !o->ndict) xref_entry(&x, 2, (size_t)objstm, (unsigned)where[i]);
            else xref_entry(&x, 1, where[i], 0);
        }
        rc = deflate_buf(c, x.data, x.len, &z);
    }
    if (rc == 0) {
        st_hash h;   /* the /ID: a hash of everything before it */
        char hex[65];
        st_init(&h);
        st_add(&h, b->data, b->len);
        st_hex(&h, hex);
        hex[32] = '\0';
        char info[32] = "";
        if (in->info) snprintf(info, sizeof info, " /Info %ld 0 R", in->info);
        char xd[320];
        snprintf(xd, sizeof xd, "/Type /XRef /Size %ld /W [1 4 2] /Root %ld 0 R%s /ID [<%s> <%s>]",
                 in->count + 2, in->root, info, hex, hex);
        put_stream(b, xref, xd, &z);
        ut_buf_printf(b, "startxref\012%zu\012%%%%EOF\012", where[xref]);
    } else {
        fail(err, errlen, "compression failed");
    }
    libdeflate_free_compressor(c);
    ut_buf_free(&head); ut_buf_free(&objs); ut_buf_free(&z); ut_buf_free(&x);
    free(where);
    return rc;
}

int pk_pack(const unsigned char *data, size_t n, unsigned char **out, size_t *nout, char *err,
            size_t errlen)
{
    pk_in in = { .s = (const char *)data, .n = n };
    int rc = read_xref(&in, err, errlen);
    if (rc == 0) {
        const char *sx = find_last(in.s, in.n, "startxref\012");
        rc = read_objects(&in, (size_t)number_at(sx + 10, in.s + in.n), err, errlen);
    }
    ut_buf b = {0};
    if (rc == 0) {
        drop_lengths(&in);
        if (in.o[in.root].ndict || !in.o[in.root].off) rc = fail(err, errlen, "the catalog is missing");
    }
    if (rc == 0) rc = write_packed(&in, &b, err, errlen);
    free(in.o);
    if (rc != 0) {
        ut_buf_free(&b);
        return -1;
    }
    *out = (unsigned char *)b.data;
    *nout = b.len;
    return 0;
}
