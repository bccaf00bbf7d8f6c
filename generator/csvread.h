/* csvread.h — the lowest layer of the load stage: turns the bytes of one CSV
 * file into rows of fields with line numbers, through libcsv in strict mode.
 * It owns what spreadsheet exports get wrong at the byte level: a UTF-8
 * byte-order mark, CRLF, the delimiter (`,` `;` or tab, detected from the
 * header), malformed quoting and invalid UTF-8. It knows nothing of the
 * columns' meaning (dataset.c does). Prefix: cr_. */
#ifndef SSWR_CSVREAD_H
#define SSWR_CSVREAD_H

#include <stddef.h>

#include "diag.h"

typedef struct cr_field {
    const char *s;  /* NUL-terminated; "" when empty */
    size_t len;
} cr_field;

typedef struct cr_row {
    long line;      /* line where the row starts (1-based) */
    size_t n;       /* number of fields */
    cr_field *f;
    int bad;        /* 1 when the reader already reported a problem in it */
} cr_row;

/* Called with the header row first (return nonzero to stop reading: the
 * header is unusable), then with every data row. `hdr` stays valid for the
 * whole read so the row callback can name columns. */
typedef int (*cr_header_fn)(void *ctx, const cr_row *hdr);
typedef void (*cr_row_fn)(void *ctx, const cr_row *row);

/* Returned by cr_read_*: the file was read (possibly with row errors), or
 * could not be used at all (missing, unreadable, empty, no usable header). */
enum { CR_OK = 0, CR_FAILED = -1 };

/* `name` is the file name used in messages. */
int cr_read_file(const char *path, const char *name, cr_header_fn on_header, cr_row_fn on_row,
                 void *ctx, dg_list *dg);
int cr_read_mem(const char *name, const char *data, size_t len, cr_header_fn on_header,
                cr_row_fn on_row, void *ctx, dg_list *dg);

/* The column name used in messages for field i of a row (the header's name,
 * or "#N" when the header has no such column); valid until the next call. */
const char *cr_column_name(const cr_row *hdr, size_t i);

/* Where the line starting at data[pos] ends (just past its terminator: LF,
 * CRLF or a lone CR), counting lines as the reader does; len when the data
 * ends first. For callers that splice a file by the reader's line numbers. */
size_t cr_line_end(const char *data, size_t pos, size_t len);
/* The delimiter the reader uses for data: ',' ';' or tab, detected from the
 * first line (data without its byte-order mark). */
char cr_delimiter(const char *data, size_t len);

/* How to make a spreadsheet write UTF-8; appended to encoding errors. */
#define CR_REEXPORT_HINT \
    "re-export it as UTF-8 (Excel: Save As > \"CSV UTF-8 (Comma delimited)\"; " \
    "LibreOffice: Save As > Text CSV, Character set \"Unicode (UTF-8)\"), " \
    "or load it with --input-encoding windows-1252"

/* Files read from now on that are not valid UTF-8 are converted from this
 * encoding (an iconv name, e.g. "windows-1252") before parsing; valid UTF-8
 * files are left alone. NULL or "utf-8": no conversion.
 * Returns -1 when iconv does not know the encoding. Process-wide, like the
 * command-line option that sets it. */
int cr_set_input_encoding(const char *encoding);

#endif
