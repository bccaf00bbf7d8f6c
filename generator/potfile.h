/* potfile.h — the POT extractor behind `sswr strings extract`: every
 * user-visible English string of the report (template texts, indicator
 * labels and descriptions, the dataset vocabularies and region names), each
 * once, with a translator's comment and where it comes from, written as a
 * gettext template (messages.pot). Prefix: px_. */
#ifndef SSWR_POTFILE_H
#define SSWR_POTFILE_H

#include <stdio.h>

#include "diag.h"
#include "util.h"

/* One message: its English text, "#. ..." comment lines and "#: file:line"
 * references; brace when it has {placeholders}. */
typedef struct px_msg {
    char *id;
    ut_buf comments;
    ut_buf refs;
    int brace;
} px_msg;

/* The messages in the order first met. Zero-initialise; free with px_free. */
typedef struct px_pot {
    px_msg *v;
    size_t n, cap;
} px_pot;

/* Collects the messages of the templates (profile.tpl, report.tpl,
 * theme.tpl in the folder templates), the indicator scripts in scripts and
 * the datasets in datasets; their problems go to dg. -1 when profile.tpl
 * cannot be read (an error in dg), else 0. */
int px_collect(px_pot *pot, const char *templates, const char *scripts, const char *datasets, dg_list *dg);

/* Writes the header and every message as a POT file to f. */
void px_write(FILE *f, const px_pot *pot);

void px_free(px_pot *pot);

#endif
