/* util.h — small shared helpers: checked allocation, growable buffers,
 * UTF-8 validation and string utilities. Every other module may use these;
 * this module depends on nothing of sswr's. Prefix: ut_. */
#ifndef SSWR_UTIL_H
#define SSWR_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* Allocation failure is not an input error: like Lua's and Redis' default
 * allocators, these print a message and abort rather than thread ENOMEM
 * through every caller. */
void *ut_xmalloc(size_t n);
void *ut_xcalloc(size_t n, size_t size);
void *ut_xrealloc(void *p, size_t n);
char *ut_xstrdup(const char *s);
char *ut_xstrndup(const char *s, size_t n);
char *ut_xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *ut_xvasprintf(const char *fmt, va_list ap);

/* Grows *v (an array of `size`-byte items with capacity *cap) to hold at
 * least `need` items. */
void ut_grow(void *v, size_t *cap, size_t need, size_t size);

/* A growable byte buffer; `data` is always NUL-terminated. The owner frees
 * it with ut_buf_free. */
typedef struct ut_buf {
    char *data;
    size_t len, cap;
} ut_buf;
void ut_buf_add(ut_buf *b, const void *p, size_t n);
void ut_buf_puts(ut_buf *b, const char *s);
void ut_buf_printf(ut_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void ut_buf_free(ut_buf *b);

/* Returns the offset of the first invalid UTF-8 byte in s[0..n), or n when
 * the whole span is valid (overlong forms, surrogates and code points above
 * U+10FFFF are invalid). */
size_t ut_utf8_check(const char *s, size_t n);
/* Decodes one code point from a valid UTF-8 string; advances *s. */
uint32_t ut_utf8_next(const char **s);
/* Appends the UTF-8 encoding of cp to b. */
void ut_utf8_put(ut_buf *b, uint32_t cp);

/* Echoing a user's value in a message: at most UT_SHOWN_CHARS characters
 * (then "…"), control characters, invalid UTF-8 and bidirectional
 * embedding/override/isolate marks written as escapes (\n, \x01, \u202E),
 * so a value can neither forge a diagnostic line, send terminal escapes,
 * reverse the text around it, nor flood the output. */
#define UT_SHOWN_CHARS 60
/* Appends the shown form of s[0..n) to b, capped at max_chars characters. */
void ut_buf_shown(ut_buf *b, const char *s, size_t n, size_t max_chars);
/* Room a ut_shown buffer needs: an escape takes at most 8 bytes. */
#define UT_SHOWN_SIZE (UT_SHOWN_CHARS * 8 + 8)
/* The shown form of a NUL-terminated s, written into out (UT_SHOWN_SIZE
 * bytes, owned by the caller), which it returns: for use in printf
 * arguments. */
const char *ut_shown(char out[UT_SHOWN_SIZE], const char *s);

/* Reads a whole file; returns NULL and sets errno on failure. The caller
 * frees the result. */
char *ut_read_file(const char *path, size_t *len);

/* Levenshtein distance between two short strings (used to suggest the
 * closest known code or name). */
int ut_edit_distance(const char *a, const char *b);
/* The word of known[0..n) that s most likely meant ("did you mean"): the same
 * word in another case, else the closest by edit distance when at most 2
 * edits (or a third of s) away; NULL when none is that close. */
const char *ut_closest(const char *s, const char *const *known, size_t n);

/* Splits a comma-separated list in place-free fashion: returns a
 * NULL-terminated array of owned strings; free with ut_strv_free. */
char **ut_split_list(const char *s);
void ut_strv_free(char **v);
size_t ut_strv_len(char *const *v);

/* Time in seconds from a monotonic clock (for progress and measurements). */
double ut_now(void);

#endif
