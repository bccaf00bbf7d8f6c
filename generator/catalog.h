/* catalog.h — gettext PO catalogs, read from scratch (no libintl): entries,
 * the header's Plural-Forms rule, fast lookup, and the named placeholders
 * ({country}) that every catalog string may hold. Every problem in a file
 * goes into a dg_list with its line. Prefix: ct_. */
#ifndef SSWR_CATALOG_H
#define SSWR_CATALOG_H

#include <stddef.h>

#include "diag.h"

/* Most plural forms a Plural-Forms header may declare (CLDR's largest
 * languages, ar and cy, have 6). */
#define CT_MAX_PLURALS 8

/* ct_entry.flags, from the "#," comment line. */
enum {
    CT_FUZZY = 1,              /* "fuzzy": a guess, used as untranslated */
    CT_BRACE_FORMAT = 2,       /* "python-brace-format" */
    CT_NO_BRACE_FORMAT = 4     /* "no-python-brace-format" */
};

/* One message (the header entry, msgid "", is not one: see ct_header). */
typedef struct ct_entry {
    const char *msgctxt;       /* NULL when the entry has no msgctxt */
    const char *msgid;
    const char *msgid_plural;  /* NULL for a singular entry */
    const char *const *msgstr; /* nstr strings: msgstr, or msgstr[0..] */
    size_t nstr;
    unsigned flags;            /* CT_FUZZY | CT_BRACE_FORMAT | ... */
    long line;                 /* line of the msgid keyword */
    const char *comments;      /* extracted comments (#.) joined by '\n', or "" */
} ct_entry;

typedef struct ct_catalog ct_catalog;

/* Reads a PO file (UTF-8 only). `shown` is the name used in messages (path
 * when NULL). Returns NULL only when the file cannot be read; otherwise a
 * catalog of every entry that parsed, with each problem as an error in dg:
 * syntax, invalid UTF-8, bad escapes, characters that do not belong in a
 * translation (bidirectional overrides and the others of ut_stray_char,
 * anywhere in a line or made by escapes), duplicates, msgstr[N] beyond
 * nplurals, an invalid Plural-Forms header (the English rule n != 1 is
 * used then). An entry with an error is left out whole. */
ct_catalog *ct_load(const char *path, const char *shown, dg_list *dg);
/* The same from len bytes in memory (need not be NUL-terminated); never
 * NULL. `shown` names the catalog in messages. */
ct_catalog *ct_load_mem(const char *data, size_t len, const char *shown, dg_list *dg);
void ct_free(ct_catalog *c);

/* The entry for (msgctxt, msgid), translated or not; ctxt NULL for none.
 * Keys are the pair, so "Total" and ("chart", "Total") are two entries. */
const ct_entry *ct_find(const ct_catalog *c, const char *ctxt, const char *msgid);

/* Translations, or NULL when untranslated: missing, fuzzy, or an empty
 * msgstr. A plural entry counts as translated only when all its nplurals
 * forms are non-empty, so one message never mixes languages. ct_get of a
 * plural entry gives form 0; ct_nget of a singular entry gives its msgstr
 * (both as GNU gettext does). Strings live as long as the catalog. */
const char *ct_get(const ct_catalog *c, const char *msgid);
const char *ct_pget(const ct_catalog *c, const char *ctxt, const char *msgid);
const char *ct_nget(const ct_catalog *c, const char *msgid, unsigned long n);
const char *ct_npget(const ct_catalog *c, const char *ctxt, const char *msgid, unsigned long n);

/* The plural form index for n (0..nplurals-1) and the number of forms. */
unsigned long ct_plural(const ct_catalog *c, unsigned long n);
unsigned long ct_nplurals(const ct_catalog *c);

/* A header field's value ("Language", "X-Text-Direction"), or NULL. Field
 * names compare without regard to case. */
const char *ct_header(const ct_catalog *c, const char *field);

/* Iteration in file order (for `sswr strings check`). */
size_t ct_count(const ct_catalog *c);
const ct_entry *ct_entry_at(const ct_catalog *c, size_t i);

/* Placeholders. A template holds text and {name} (name: a letter or '_',
 * then letters, digits, '_'; maybe one ':' followed by more of them, as in
 * {indicator:ratio_per_100k}); "{{" and "}}" stand for literal braces.
 *
 * ct_format substitutes names[i] -> values[i] and returns the new string
 * (the caller frees it), or NULL with *err set (the caller frees it) for an
 * unknown placeholder, an unclosed "{", a lone "}" or a bad name. */
char *ct_format(const char *tmpl, const char *const *names, const char *const *values,
                size_t n, char **err);

/* 1 when msgstr uses exactly the placeholders of msgid (as sets: order and
 * repetition are free); otherwise 0 with *err naming what differs, or the
 * syntax error in either string. */
int ct_placeholders_match(const char *msgid, const char *msgstr, char **err);
/* 1 when every placeholder of str also appears in ref (str may drop some:
 * a plural form such as Arabic's "two workers" need not show {n}). */
int ct_placeholders_within(const char *ref, const char *str, char **err);

#endif
