/* sheet.h — the data-entry sheet of one country: its figures as a CSV a
 * country team fills in with a spreadsheet (workforce as cadres × sectors,
 * education by level, the capacity grid with its allowed answers, years as
 * columns with a blank one for the new year, the population for reference,
 * each year's source), and the same sheet read back, validated (every
 * problem at the sheet's own line and column) and turned into the rows the
 * country's tables should hold. dsmerge.c compares and merges those rows.
 *
 * The layout (comma or semicolon, UTF-8 with a byte-order mark, CRLF):
 *   sswr-sheet,1,ISO3,LANG              format, country, language
 *   ,TITLE / ,INSTRUCTIONS...           first column empty: notes, not read
 *   population,TITLE,,2012,...,2025     a section: its code, then its years
 *   population/total,LABEL,read-only,N,...
 *   workforce,TITLE,Employer,2012,...
 *   workforce/social_worker/government,LABEL,SECTOR,N,...
 *   workforce/source,Source,,TEXT,...   where each year's figures come from
 *   workforce/note,Note,,TEXT,...
 *   education,... education/bachelor/institutions,... education/source
 *   capacity,TITLE,Allowed answers,2020,2024,2025
 *   capacity/legislation,LABEL,Yes / Partly / No / Unknown,Yes,...
 *   sources,TITLE,Year,Source,Note      single figures with another source:
 *   workforce/unspecified/unspecified,LABEL,2015,TEXT,NOTE
 * Only the first column's codes, the year headings and the cells are read;
 * labels are for people, in the sheet's language. Prefix: sh_. */
#ifndef SSWR_SHEET_H
#define SSWR_SHEET_H

#include <stddef.h>
#include <stdio.h>

#include "dataset.h"
#include "diag.h"
#include "dsmerge.h"
#include "i18n.h"

/* The sheet format written and read. */
#define SH_FORMAT 1

/* Writes country ci's sheet in language tr (its labels, its answers for
 * the capacity grid), with a column for new_year in every section, cells
 * separated by delim (',' or ';'). Returns 0, or -1 on a write error. */
int sh_write(FILE *out, const ds_data *ds, size_t ci, tr_lang *tr, int new_year, char delim);

/* The year of the blank column when none is asked for: the one after the
 * edition (scripts/config.lua's `edition`, the year being collected for
 * the next one), or without an edition (0) the one after the latest year
 * with workforce figures in the datasets. */
int sh_default_year(const ds_data *ds, int edition);

/* A sheet read back. */
typedef struct sh_import {
    int country;                    /* index into ds->c, -1 when unknown */
    char lang[64];
    dm_rows want[DM_NTABLES];       /* the rows the country's tables should hold, sorted */
} sh_import;

/* Reads and validates the sheet at path (`shown`: its name in messages)
 * against ds, with the catalogs of i18n_dir for its language's answers.
 * Every problem is an error in dg at the sheet's line and column. Returns 0
 * when the sheet can be imported, -1 otherwise. */
int sh_read(const char *path, const char *shown, const ds_data *ds, const char *i18n_dir,
            sh_import *out, dg_list *dg);
void sh_import_free(sh_import *imp);

/* The English texts of the sheet, for `sswr strings extract`: NULL-terminated
 * pairs of msgid and where it appears. */
typedef struct sh_msg { const char *id, *where; } sh_msg;
extern const sh_msg sh_msgs[];

#endif
