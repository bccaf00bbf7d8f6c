/* dsmerge.h — changing one country's rows of the datasets' CSV files in
 * place: the rows as text (one canonical column order per table), the
 * difference between what a table holds and what it should hold (rows
 * added, changed, removed), and writing that difference into the files
 * atomically. Every other byte of a file stays as it was (other countries'
 * rows, the country's unchanged rows, the file's delimiter, line endings,
 * byte-order mark and column order); a new row goes where the file's sort
 * order puts it. Before anything is renamed into place, the merged folder
 * is loaded again: a merge that would give the country (or a file) an error
 * writes nothing. Prefix: dm_. */
#ifndef SSWR_DSMERGE_H
#define SSWR_DSMERGE_H

#include <stddef.h>
#include <stdio.h>

#include "dataset.h"
#include "diag.h"

/* The tables a country's figures live in. */
enum { DM_WORKFORCE, DM_EDUCATION, DM_SYSTEM, DM_NTABLES };
#define DM_MAX_COLS 7

typedef struct dm_table {
    const char *file;                     /* "workforce.csv" */
    const char *cols[DM_MAX_COLS + 1];    /* canonical order, NULL-terminated */
    int ncols, nkey;                      /* key: the first nkey columns (iso3, year, ...) */
} dm_table;
extern const dm_table dm_tables[DM_NTABLES];

/* A row as text, in its table's canonical column order (owned strings). */
typedef struct dm_row {
    char *f[DM_MAX_COLS];
} dm_row;

typedef struct dm_rows {
    dm_row *v;
    size_t n, cap;
} dm_rows;

/* Appends a row whose fields are copied from f[0..ncols). */
void dm_rows_add(dm_rows *r, const char *const *f, int ncols);
void dm_rows_free(dm_rows *r);
/* Sorts rows by key: iso3, then year as a number, then the other key
 * columns in plain byte order (as datasets/README.md sorts the files). */
void dm_rows_sort(dm_rows *r, int table);
/* Key order of two rows of a table (<0, 0, >0). */
int dm_key_cmp(int table, const dm_row *a, const dm_row *b);

/* The rows of country c in `table`, as the loader read them (numbers
 * written back as plain digits), sorted by key. */
void dm_country_rows(const ds_data *ds, const ds_country *c, int table, dm_rows *out);

/* What changes in one table. before/after are parallel (a changed row's old
 * and new text); all lists are sorted by key. */
typedef struct dm_diff {
    dm_rows added, removed, before, after;
} dm_diff;

/* Compares the current rows of a table with the rows it should hold (both
 * sorted by key, keys unique). */
void dm_diff_rows(int table, const dm_rows *cur, const dm_rows *want, dm_diff *d);
void dm_diff_free(dm_diff *d);
size_t dm_diff_count(const dm_diff *d);

/* Prints every change, table by table: "DIR/FILE: N rows added, N changed,
 * N removed", then one line per row: "  + ROW" (as CSV), "  ~ KEY: column
 * OLD → NEW, ...", "  - ROW". Values are shown escaped (ut_buf_shown). */
void dm_print_diff(FILE *out, const char *dir, const dm_diff d[DM_NTABLES]);

/* Writes the changes of d (the rows of country iso3) into the files of dir:
 * each changed file is written to a temporary file beside it, the folder as
 * it would be is loaded again (ds_load), and only when that load gives
 * neither the country nor any file an error are the temporary files renamed
 * over the originals together (outfile.c's held commit: a rename that fails
 * removes the files not yet renamed); otherwise nothing is written and
 * the errors are in dg (named after dir's files). Returns 0 on success, -1
 * on failure (with a message in dg). */
int dm_apply(const char *dir, const char *iso3, const dm_diff d[DM_NTABLES], dg_list *dg);

#endif
