/* i18n.h — one report language: its PO catalog (i18n_dir/LANG.po) and its
 * conventions (i18n_dir/LANG.conventions: number format, direction, script,
 * list separator, quotation marks). Every lookup answers: a usable
 * translation, or the English msgid with one warning per message. A
 * language is added with files alone. Prefix: tr_. */
#ifndef SSWR_I18N_H
#define SSWR_I18N_H

#include "conventions.h"
#include "diag.h"
#include "numfmt.h"

typedef struct tr_lang tr_lang;

/* Opens language `lang` ("fr", "pt-BR": letters, digits, '-' and '_').
 * Loads i18n_dir/LANG.po and i18n_dir/LANG.conventions; their problems go
 * to dg. For en no catalog is needed (msgids are English); an en.po, when
 * present, gives plural forms only. Returns NULL, with an error in dg, for
 * an invalid code, a catalog that cannot be read (except for en) or a
 * conventions file with errors. A language without a conventions file gets
 * English conventions and a warning. dg must outlive the tr_lang: the
 * lookups below add their warnings to it. */
tr_lang *tr_open(const char *i18n_dir, const char *lang, dg_list *dg);
void tr_close(tr_lang *t);

/* The translation of msgid, or msgid itself when there is none (missing,
 * empty, fuzzy) or when its placeholders differ from the msgid's; each such
 * message is warned about once per language, as
 * "DIR/LANG.po[:LINE]: warning: no translation for "..." (English used)".
 * Results live until tr_close (or as long as msgid, when it is returned). */
const char *tr_text(tr_lang *t, const char *msgid);
/* The same for a message with a msgctxt. */
const char *tr_ptext(tr_lang *t, const char *ctxt, const char *msgid);
/* The plural form for n; the English fallback is msgid for n == 1, else
 * msgid_plural. A form may leave out a placeholder (Arabic's "two
 * workers" need not show {n}) but not use one the English lacks. */
const char *tr_ntext(tr_lang *t, const char *msgid, const char *msgid_plural, unsigned long n);

/* The line of msgid's entry in the catalog when its translation is what
 * tr_text gives, for messages about the text (0: the English is used). */
long tr_line(tr_lang *t, const char *msgid);

/* The language code as opened. */
const char *tr_code(const tr_lang *t);
/* Number symbols for the language (never NULL). */
const nf_locale *tr_numbers(const tr_lang *t);
/* 1 for a right-to-left language (its conventions' direction). */
int tr_rtl(const tr_lang *t);
/* All of the language's conventions (never NULL). */
const cv_conventions *tr_conventions(const tr_lang *t);

#endif
