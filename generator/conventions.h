/* conventions.h — how one language writes what is not a translation: its
 * direction, the script whose fonts set it, its number symbols (decimal and
 * group separators, grouping, minus sign, percent pattern, digits), its
 * list separator and quotation marks. Read from templates/i18n/LANG.
 * conventions, a small `key = value` file a translator writes, and
 * validated at FILE:LINE; adding a language needs no C. Prefix: cv_. */
#ifndef SSWR_CONVENTIONS_H
#define SSWR_CONVENTIONS_H

#include "diag.h"
#include "numfmt.h"

/* Which of the prepared font families sets the language's letters (and its
 * digits and punctuation). */
typedef enum { CV_SCRIPT_LATIN, CV_SCRIPT_CYRILLIC, CV_SCRIPT_ARABIC, CV_SCRIPT_CJK } cv_script;

typedef struct cv_conventions {
    nf_locale numbers;     /* its strings point into this struct's own copies */
    int rtl;
    cv_script script;
    char *list_separator;  /* between the items of a list: ", ", "، ", "、" */
    char *quote_open, *quote_close;
    /* owned strings behind `numbers` */
    char *lang, *decimal, *group, *minus, *pct_prefix, *pct_suffix;
} cv_conventions;

/* Reads `path` (shown as `name` in messages) for language `lang`. Every
 * problem is an error in dg at its line; returns NULL when there was one
 * (a language must not be set with half its conventions). Free with
 * cv_free. */
cv_conventions *cv_load(const char *path, const char *name, const char *lang, dg_list *dg);
/* English conventions (for a language whose file is missing; the caller
 * warns). */
cv_conventions *cv_english(const char *lang);
void cv_free(cv_conventions *c);

#endif
