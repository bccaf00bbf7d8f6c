/* pdfpack.h — rewrites a PDF as libharu saves it into a compact PDF 1.7
 * file: every object that is not a stream goes into one compressed object
 * stream, the cross-reference table becomes a compressed cross-reference
 * stream, and each stream's indirect /Length becomes a direct number.
 * libharu writes each object, every structure element of a tagged PDF
 * among them, uncompressed; packed, a tagged profile is about a third
 * smaller. Streams are copied byte for byte (never decoded), and the file
 * /ID is a hash of the content, so the same input gives the same bytes.
 * Prefix: pk_.
 *
 * Only libharu's own layout is read (objects "N 0 obj … endobj" listed in a
 * classic xref table, streams "stream\r\n … \nendstream"): anything else
 * is refused with an error, never guessed at. */
#ifndef SSWR_PDFPACK_H
#define SSWR_PDFPACK_H

#include <stddef.h>

/* Packs in[0..n). Returns 0 with the result in *out (owned by the caller,
 * *nout bytes), or -1 with the reason in err. */
int pk_pack(const unsigned char *in, size_t n, unsigned char **out, size_t *nout, char *err,
            size_t errlen);

#endif
