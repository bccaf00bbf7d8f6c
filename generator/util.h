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
/* The text as UTF-16BE with its byte-order mark, as a PDF text string
 * holds it (invalid UTF-8 becomes U+FFFD); *len bytes, owned. */
unsigned char *ut_utf16be(const char *utf8, size_t *len);

/* Echoing a user's value in a message: at most UT_SHOWN_CHARS characters
 * (then "…"), control characters, invalid UTF-8, bidirectional controls
 * and characters one cannot see (zero-width, no-break spaces) written as
 * escapes (\n, \x01, \u202E, \u00A0), so a value can neither forge a
 * diagnostic line, send terminal escapes, reverse the text around it, hide
 * what makes it wrong, nor flood the output. */
#define UT_SHOWN_CHARS 60
/* Appends the shown form of s[0..n) to b, capped at max_chars characters. */
void ut_buf_shown(ut_buf *b, const char *s, size_t n, size_t max_chars);
/* Room a ut_shown buffer needs: an escape takes at most 8 bytes. */
#define UT_SHOWN_SIZE (UT_SHOWN_CHARS * 8 + 8)
/* The shown form of a NUL-terminated s, written into out (UT_SHOWN_SIZE
 * bytes, owned by the caller), which it returns: for use in printf
 * arguments. */
const char *ut_shown(char out[UT_SHOWN_SIZE], const char *s);

/* Characters that do not belong in a text printed on a page (a
 * translation, a country name): control characters other than tab and
 * line feed; the bidirectional embeddings, overrides and isolates
 * (U+202A-U+202E, U+2066-U+2069), which reverse or reorder the text around
 * them; invisible operators and the deprecated format characters; a byte
 * order mark inside the text; line and paragraph separators; interlinear
 * annotations; the replacement character U+FFFD (left by a broken
 * conversion); tag characters. Allowed, because scripts need them: the
 * marks LRM, RLM and ALM (U+200E, U+200F, U+061C) that place neutral
 * characters in Arabic and Hebrew text, ZWSP, ZWNJ and ZWJ (U+200B-U+200D:
 * line breaks in Thai, joining in Persian and Indic scripts), the word
 * joiner, the soft hyphen and variation selectors.
 * Returns the character's description ("U+202E RIGHT-TO-LEFT OVERRIDE")
 * and sets *why to what it does ("a bidirectional control reorders the
 * text around it"), or returns NULL when cp is allowed. */
const char *ut_stray_char(uint32_t cp, const char **why);
/* Byte offset of the first such character in s[0..n), or n when there is
 * none (only the valid UTF-8 prefix of s is looked at); *cp gets the
 * character. */
size_t ut_find_stray(const char *s, size_t n, uint32_t *cp);
/* Characters (not bytes) in the valid UTF-8 s[0..n): the column an editor
 * shows is ut_utf8_chars(line, offset) + 1. */
size_t ut_utf8_chars(const char *s, size_t n);

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
