/* dsmerge.c — one country's rows of the datasets' files: as text, their
 * difference, and the atomic merge into the files (see dsmerge.h). */
#include "dsmerge.h"
#include "csvread.h"
#include "outfile.h"
#include "util.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const dm_table dm_tables[DM_NTABLES] = {
    { "workforce.csv", { "iso3", "year", "cadre", "sector", "count", "source", "note", NULL }, 7, 4 },
    { "education.csv", { "iso3", "year", "level", "institutions", "graduates", "source", NULL }, 6, 3 },
    { "system.csv", { "iso3", "year", "item", "status", "source", NULL }, 5, 3 },
};

/* Shown values are cut only far beyond any real cell: the change list must
 * say exactly what is written. */
#define DM_SHOWN_MAX 100000

/* ---- rows as text ------------------------------------------------------- */

void dm_rows_add(dm_rows *r, const char *const *f, int ncols)
{
    ut_grow(&r->v, &r->cap, r->n + 1, sizeof *r->v);
    dm_row *row = &r->v[r->n++];
    memset(row, 0, sizeof *row);
    for (int i = 0; i < ncols; i++) row->f[i] = ut_xstrdup(f[i] ? f[i] : "");
}

static void row_free(dm_row *r)
{
    for (int i = 0; i < DM_MAX_COLS; i++) free(r->f[i]);
}

void dm_rows_free(dm_rows *r)
{
    for (size_t i = 0; i < r->n; i++) row_free(&r->v[i]);
    free(r->v);
    memset(r, 0, sizeof *r);
}

static int cmp_year(const char *a, const char *b)
{
    long x = strtol(a, NULL, 10), y = strtol(b, NULL, 10);
    if (x != y) return (x > y) - (x < y);
    return strcmp(a, b);
}

int dm_key_cmp(int table, const dm_row *a, const dm_row *b)
{
    for (int k = 0; k < dm_tables[table].nkey; k++) {
        int c = k == 1 ? cmp_year(a->f[k], b->f[k]) : strcmp(a->f[k], b->f[k]);
        if (c) return c;
    }
    return 0;
}

static int sort_table;
static int cmp_rows(const void *a, const void *b) { return dm_key_cmp(sort_table, a, b); }

void dm_rows_sort(dm_rows *r, int table)
{
    sort_table = table;
    if (r->n > 1) qsort(r->v, r->n, sizeof *r->v, cmp_rows);
}

/* A figure as the files write it: plain digits (the loader accepted only
 * whole numbers of at most 15 digits here), "" when missing. */
static void figure(char *buf, size_t n, double v)
{
    if (isnan(v)) buf[0] = '\0';
    else snprintf(buf, n, "%.0f", v);
}

void dm_country_rows(const ds_data *ds, const ds_country *c, int table, dm_rows *out)
{
    char year[16], a[64], b[64];
    if (table == DM_WORKFORCE) {
        for (size_t i = 0; i < c->nwork; i++) {
            const ds_work *w = &c->work[i];
            snprintf(year, sizeof year, "%d", w->year);
            figure(a, sizeof a, w->count);
            const char *f[] = { c->iso3, year, ds->cadres[w->cadre].id, ds_sector_ids[w->sector], a,
                                w->source, w->note };
            dm_rows_add(out, f, 7);
        }
    } else if (table == DM_EDUCATION) {
        for (size_t i = 0; i < c->nedu; i++) {
            const ds_edu *e = &c->edu[i];
            snprintf(year, sizeof year, "%d", e->year);
            figure(a, sizeof a, e->institutions);
            figure(b, sizeof b, e->graduates);
            const char *f[] = { c->iso3, year, ds_level_ids[e->level], a, b, e->source };
            dm_rows_add(out, f, 6);
        }
    } else {
        for (size_t i = 0; i < c->nsys; i++) {
            const ds_sys *s = &c->sys[i];
            snprintf(year, sizeof year, "%d", s->year);
            const char *f[] = { c->iso3, year, ds->items[s->item].id, ds_status_ids[s->status], s->source };
            dm_rows_add(out, f, 5);
        }
    }
    dm_rows_sort(out, table);
}

/* ---- differences -------------------------------------------------------- */

static void copy_row(dm_rows *to, const dm_row *r, int ncols)
{
    dm_rows_add(to, (const char *const *)r->f, ncols);
}

void dm_diff_rows(int table, const dm_rows *cur, const dm_rows *want, dm_diff *d)
{
    memset(d, 0, sizeof *d);
    int nc = dm_tables[table].ncols;
    size_t i = 0, j = 0;
    while (i < cur->n || j < want->n) {
        int c = i == cur->n ? 1 : j == want->n ? -1 : dm_key_cmp(table, &cur->v[i], &want->v[j]);
        if (c < 0) {
            copy_row(&d->removed, &cur->v[i++], nc);
        } else if (c > 0) {
            copy_row(&d->added, &want->v[j++], nc);
        } else {
            int same = 1;
            for (int k = dm_tables[table].nkey; k < nc; k++) same &= strcmp(cur->v[i].f[k], want->v[j].f[k]) == 0;
            if (!same) {
                copy_row(&d->before, &cur->v[i], nc);
                copy_row(&d->after, &want->v[j], nc);
            }
            i++;
            j++;
        }
    }
}

void dm_diff_free(dm_diff *d)
{
    dm_rows_free(&d->added);
    dm_rows_free(&d->removed);
    dm_rows_free(&d->before);
    dm_rows_free(&d->after);
}

size_t dm_diff_count(const dm_diff *d)
{
    return d->added.n + d->removed.n + d->after.n;
}

/* ---- printing ------------------------------------------------------------ */

/* Appends one field as CSV (quoted when it holds the delimiter, a quote or
 * a line break, inner quotes doubled: what Python's csv module writes). */
static void csv_field(ut_buf *b, const char *s, char delim)
{
    if (!strchr(s, delim) && !strpbrk(s, "\"\r\n")) {
        ut_buf_puts(b, s);
        return;
    }
    ut_buf_add(b, "\"", 1);
    for (; *s; s++) {
        if (*s == '"') ut_buf_add(b, "\"", 1);
        ut_buf_add(b, s, 1);
    }
    ut_buf_add(b, "\"", 1);
}

static void shown(ut_buf *b, const char *s)
{
    ut_buf_shown(b, s, strlen(s), DM_SHOWN_MAX);
}

static void print_row(FILE *out, const char *mark, const dm_row *r, int ncols)
{
    ut_buf csv = {0}, line = {0};
    for (int k = 0; k < ncols; k++) {
        if (k) ut_buf_add(&csv, ",", 1);
        csv_field(&csv, r->f[k], ',');
    }
    shown(&line, csv.data);
    fprintf(out, "  %s %s\n", mark, line.data);
    ut_buf_free(&csv);
    ut_buf_free(&line);
}

static void print_change(FILE *out, int table, const dm_row *a, const dm_row *b)
{
    const dm_table *t = &dm_tables[table];
    ut_buf line = {0};
    for (int k = 0; k < t->nkey; k++) ut_buf_printf(&line, "%s%s", k ? "," : "", a->f[k]);
    const char *sep = ": ";
    for (int k = t->nkey; k < t->ncols; k++) {
        if (strcmp(a->f[k], b->f[k]) == 0) continue;
        ut_buf_printf(&line, "%s%s \"", sep, t->cols[k]);
        shown(&line, a->f[k]);
        ut_buf_puts(&line, "\" → \"");
        shown(&line, b->f[k]);
        ut_buf_puts(&line, "\"");
        sep = ", ";
    }
    fprintf(out, "  ~ %s\n", line.data);
    ut_buf_free(&line);
}

void dm_print_diff(FILE *out, const char *dir, const dm_diff d[DM_NTABLES])
{
    for (int t = 0; t < DM_NTABLES; t++) {
        const dm_diff *x = &d[t];
        if (!dm_diff_count(x)) {
            fprintf(out, "%s/%s: no change\n", dir, dm_tables[t].file);
            continue;
        }
        fprintf(out, "%s/%s: %zu row%s added, %zu changed, %zu removed\n", dir, dm_tables[t].file,
                x->added.n, x->added.n == 1 ? "" : "s", x->after.n, x->removed.n);
        /* In key order, as the file has them. */
        size_t a = 0, c = 0, r = 0;
        while (a < x->added.n || c < x->after.n || r < x->removed.n) {
            const dm_row *best = NULL;
            int which = -1;
            if (a < x->added.n) { best = &x->added.v[a]; which = 0; }
            if (c < x->after.n && (!best || dm_key_cmp(t, &x->after.v[c], best) < 0)) {
                best = &x->after.v[c];
                which = 1;
            }
            if (r < x->removed.n && (!best || dm_key_cmp(t, &x->removed.v[r], best) < 0)) which = 2;
            if (which == 0) print_row(out, "+", &x->added.v[a++], dm_tables[t].ncols);
            else if (which == 1) { print_change(out, t, &x->before.v[c], &x->after.v[c]); c++; }
            else print_row(out, "-", &x->removed.v[r++], dm_tables[t].ncols);
        }
    }
}

/* ---- merging into a file ------------------------------------------------- */

/* A data row of a file as read: where its bytes are and its key. */
typedef struct raw_row {
    size_t start, end;       /* bytes of the row, its line break and any blank lines after it */
    dm_row key;              /* key columns only */
    int mine;                /* a row of the country being merged */
} raw_row;

/* One file being merged. */
typedef struct raw_file {
    int table;
    const char *iso3;
    char *path;
    char *data;
    size_t len, body;        /* body: offset after the byte-order mark */
    char delim;
    const char *eol;
    char **hdr;              /* header names */
    size_t nhdr;
    int col[DM_MAX_COLS];    /* header index of each canonical column, -1 */
    raw_row *rows;
    size_t nrows, cap;
    long *row_line;          /* line of each row, for its start */
    size_t *line_start;      /* offset (from body) of each line, [1..nlines] */
    long nlines;
    int header_seen;
} raw_file;

static int on_header(void *ctx, const cr_row *hdr)
{
    raw_file *f = ctx;
    f->header_seen = 1;
    f->nhdr = hdr->n;
    f->hdr = ut_xcalloc(hdr->n ? hdr->n : 1, sizeof *f->hdr);
    for (int k = 0; k < DM_MAX_COLS; k++) f->col[k] = -1;
    for (size_t i = 0; i < hdr->n; i++) {
        f->hdr[i] = ut_xstrdup(hdr->f[i].s);
        for (int k = 0; k < dm_tables[f->table].ncols; k++)
            if (f->col[k] < 0 && strcmp(hdr->f[i].s, dm_tables[f->table].cols[k]) == 0) f->col[k] = (int)i;
    }
    return 0;
}

static void on_row(void *ctx, const cr_row *r)
{
    raw_file *f = ctx;
    ut_grow(&f->rows, &f->cap, f->nrows + 1, sizeof *f->rows);
    raw_row *row = &f->rows[f->nrows++];
    memset(row, 0, sizeof *row);
    row->start = (size_t)r->line;   /* a line number until spans are known */
    for (int k = 0; k < dm_tables[f->table].nkey; k++) {
        int i = f->col[k];
        row->key.f[k] = ut_xstrdup(i >= 0 && (size_t)i < r->n ? r->f[i].s : "");
    }
    row->mine = strcmp(row->key.f[0], f->iso3) == 0;
}

static void raw_free(raw_file *f)
{
    for (size_t i = 0; i < f->nrows; i++) row_free(&f->rows[i].key);
    for (size_t i = 0; i < f->nhdr; i++) free(f->hdr[i]);
    free(f->rows);
    free(f->hdr);
    free(f->line_start);
    free(f->path);
    free(f->data);
}

/* Reads a file and the byte span of each of its rows. */
static int raw_read(raw_file *f, const char *dir, int table, const char *iso3, dg_list *dg)
{
    memset(f, 0, sizeof *f);
    f->table = table;
    f->iso3 = iso3;
    f->path = ut_xasprintf("%s/%s", dir, dm_tables[table].file);
    f->data = ut_read_file(f->path, &f->len);
    if (!f->data) {
        dg_error(dg, f->path, 0, NULL, NULL, "cannot read the file: %s", strerror(errno));
        return -1;
    }
    if (f->len >= 3 && memcmp(f->data, "\xEF\xBB\xBF", 3) == 0) f->body = 3;
    const char *d = f->data + f->body;
    size_t n = f->len - f->body;
    f->delim = cr_delimiter(d, n);
    size_t first = cr_line_end(d, 0, n);
    f->eol = first >= 2 && d[first - 2] == '\r' && d[first - 1] == '\n' ? "\r\n"
           : first >= 1 && d[first - 1] == '\r' ? "\r" : "\n";
    /* Line starts, counted as the reader counts lines. */
    size_t cap = 0;
    ut_grow(&f->line_start, &cap, 2, sizeof *f->line_start);
    f->line_start[1] = 0;
    f->nlines = 1;
    for (size_t pos = cr_line_end(d, 0, n); pos < n; pos = cr_line_end(d, pos, n)) {
        ut_grow(&f->line_start, &cap, (size_t)f->nlines + 2, sizeof *f->line_start);
        f->line_start[++f->nlines] = pos;
    }
    size_t before = dg->nerrors;
    if (cr_read_mem(f->path, d, n, on_header, on_row, f, dg) != CR_OK || dg->nerrors > before ||
        !f->header_seen) {
        dg_error(dg, f->path, 0, NULL, NULL, "the file cannot be merged (see above)");
        return -1;
    }
    for (int k = 0; k < dm_tables[table].ncols; k++)
        if (f->col[k] < 0) {
            dg_error(dg, f->path, 1, dm_tables[table].cols[k], NULL, "missing column");
            return -1;
        }
    /* Row spans: from its first line to the next row's. */
    for (size_t i = 0; i < f->nrows; i++) {
        long line = (long)f->rows[i].start;
        f->rows[i].start = f->body + (line <= f->nlines ? f->line_start[line] : n);
    }
    for (size_t i = 0; i < f->nrows; i++) f->rows[i].end = i + 1 < f->nrows ? f->rows[i + 1].start : f->len;
    return 0;
}

/* A row as the file writes it: its header's column order, its delimiter
 * and line ending. */
static void put_row(ut_buf *b, const raw_file *f, const dm_row *r)
{
    /* A kept last row without a line break gets one before a new row. */
    if (b->len && b->data[b->len - 1] != '\n' && b->data[b->len - 1] != '\r') ut_buf_puts(b, f->eol);
    for (size_t i = 0; i < f->nhdr; i++) {
        if (i) ut_buf_add(b, &f->delim, 1);
        for (int k = 0; k < dm_tables[f->table].ncols; k++)
            if (f->col[k] == (int)i) {
                csv_field(b, r->f[k], f->delim);
                break;
            }
    }
    ut_buf_puts(b, f->eol);
}

/* Index in rows (sorted by key) of the row with r's key, or -1. */
static long find_key(int table, const dm_rows *rows, const dm_row *r)
{
    size_t lo = 0, hi = rows->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = dm_key_cmp(table, &rows->v[mid], r);
        if (c == 0) return (long)mid;
        if (c < 0) lo = mid + 1;
        else hi = mid;
    }
    return -1;
}

/* Where an added row goes: before the first of the country's rows with a
 * larger key; else after its last row; else before the first row of a
 * country coming after it; else at the end. Returns a row index (nrows:
 * the end). */
static size_t anchor_of(const raw_file *f, const dm_row *r)
{
    long last = -1;
    for (size_t i = 0; i < f->nrows; i++) {
        if (!f->rows[i].mine) continue;
        if (dm_key_cmp(f->table, &f->rows[i].key, r) > 0) return i;
        last = (long)i;
    }
    if (last >= 0) return (size_t)last + 1;
    for (size_t i = 0; i < f->nrows; i++)
        if (strcmp(f->rows[i].key.f[0], f->iso3) > 0) return i;
    return f->nrows;
}

/* The file's new bytes. */
static void merged_bytes(const raw_file *f, const dm_diff *d, ut_buf *out)
{
    size_t *anchor = ut_xcalloc(d->added.n ? d->added.n : 1, sizeof *anchor);
    for (size_t j = 0; j < d->added.n; j++) anchor[j] = anchor_of(f, &d->added.v[j]);
    size_t head_end = f->nrows ? f->rows[0].start : f->len;
    ut_buf_add(out, f->data, head_end);
    for (size_t i = 0; i <= f->nrows; i++) {
        for (size_t j = 0; j < d->added.n; j++)
            if (anchor[j] == i) put_row(out, f, &d->added.v[j]);
        if (i == f->nrows) break;
        const raw_row *r = &f->rows[i];
        long k;
        if (r->mine && find_key(f->table, &d->removed, &r->key) >= 0) continue;
        if (r->mine && (k = find_key(f->table, &d->after, &r->key)) >= 0) {
            put_row(out, f, &d->after.v[k]);
            continue;
        }
        ut_buf_add(out, f->data + r->start, r->end - r->start);
    }
    free(anchor);
}

/* ---- checking the merged folder ------------------------------------------ */

/* p as an absolute path (symbolic links made elsewhere must find it). */
static char *absolute(const char *p)
{
    if (p[0] == '/') return ut_xstrdup(p);
    char cwd[PATH_MAX];
    if (!getcwd(cwd, sizeof cwd)) return NULL;
    return ut_xasprintf("%s/%s", cwd, p);
}

/* A folder in TMPDIR that looks like dir with the merged files in place:
 * symbolic links to dir's entries, and to the temporary files for the
 * files being changed. Returns its path (owned), or NULL. */
static char *stage(const char *dir, const char *const tmps[DM_NTABLES], dg_list *dg)
{
    char *real = absolute(dir);
    const char *tmpdir = getenv("TMPDIR");
    char *st = ut_xasprintf("%s/sswr-import-XXXXXX", tmpdir && *tmpdir ? tmpdir : "/tmp");
    DIR *dd = real ? opendir(real) : NULL;
    if (!dd || !mkdtemp(st)) {
        dg_error(dg, dir, 0, NULL, NULL, "cannot check the merged datasets: %s", strerror(errno));
        if (dd) closedir(dd);
        free(real);
        free(st);
        return NULL;
    }
    struct dirent *e;
    int ok = 1;
    while (ok && (e = readdir(dd))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
        char *target = NULL;
        for (int t = 0; t < DM_NTABLES; t++)
            if (tmps[t] && !strcmp(e->d_name, dm_tables[t].file)) target = absolute(tmps[t]);
        if (!target) target = ut_xasprintf("%s/%s", real, e->d_name);
        char *link = ut_xasprintf("%s/%s", st, e->d_name);
        ok = symlink(target, link) == 0;
        free(target);
        free(link);
    }
    closedir(dd);
    free(real);
    if (!ok) dg_error(dg, dir, 0, NULL, NULL, "cannot check the merged datasets: %s", strerror(errno));
    return st;
}

static void unstage(char *st)
{
    if (!st) return;
    DIR *dd = opendir(st);
    struct dirent *e;
    while (dd && (e = readdir(dd))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
        char *p = ut_xasprintf("%s/%s", st, e->d_name);
        unlink(p);
        free(p);
    }
    if (dd) closedir(dd);
    rmdir(st);
    free(st);
}

/* Loads the staged folder; its errors about iso3 or about a whole file go
 * to dg, named after dir. Returns the number of such errors. */
static size_t check_staged(const char *st, const char *dir, const char *iso3, dg_list *dg)
{
    ds_data ds;
    dg_list sdg = {0};
    int rc = ds_load(st, &ds, &sdg);
    size_t bad = 0, n = strlen(st);
    for (size_t i = 0; i < sdg.n; i++) {
        const dg_item *it = &sdg.v[i];
        if (it->sev != DG_ERROR || (rc == 0 && it->iso3[0] && strcmp(it->iso3, iso3) != 0)) continue;
        char *file = it->file && !strncmp(it->file, st, n) ? ut_xasprintf("%s%s", dir, it->file + n)
                                                          : ut_xstrdup(it->file ? it->file : dir);
        dg_add(dg, DG_ERROR, file, it->line, it->column, it->iso3[0] ? it->iso3 : NULL, "%s", it->msg);
        free(file);
        bad++;
    }
    if (rc != 0 && !bad) {
        dg_error(dg, dir, 0, NULL, NULL, "the merged datasets cannot be loaded");
        bad = 1;
    }
    ds_free(&ds);
    dg_free(&sdg);
    return bad;
}

int dm_apply(const char *dir, const char *iso3, const dm_diff d[DM_NTABLES], dg_list *dg)
{
    char *paths[DM_NTABLES] = {0};
    const char *tmps[DM_NTABLES] = {0};
    int rc = 0;
    /* The files are committed together: held under their temporary names
     * until the merged folder has loaded, then renamed, or all removed. */
    of_hold_begin();
    for (int t = 0; t < DM_NTABLES && rc == 0; t++) {
        if (!dm_diff_count(&d[t])) continue;
        raw_file f;
        if (raw_read(&f, dir, t, iso3, dg) != 0) {
            raw_free(&f);
            rc = -1;
            break;
        }
        ut_buf b = {0};
        merged_bytes(&f, &d[t], &b);
        of_file out;
        if (of_open(&out, f.path) != 0) {
            dg_error(dg, f.path, 0, NULL, NULL, "%s", out.error);
            rc = -1;
        } else if (fwrite(b.data, 1, b.len, out.fp) != b.len) {
            dg_error(dg, f.path, 0, NULL, NULL, "cannot write the file: %s", strerror(errno));
            of_abort(&out);
            rc = -1;
        } else if (of_commit(&out) != 0) {
            dg_error(dg, f.path, 0, NULL, NULL, "%s", out.error);
            rc = -1;
        } else {
            paths[t] = ut_xstrdup(f.path);
        }
        ut_buf_free(&b);
        raw_free(&f);
    }
    for (size_t i = 0; i < of_held_count(); i++)
        for (int t = 0; t < DM_NTABLES; t++)
            if (paths[t] && !strcmp(of_held_path(i), paths[t])) tmps[t] = of_held_tmp(i);
    if (rc == 0) {
        char *st = stage(dir, tmps, dg);
        if (!st || check_staged(st, dir, iso3, dg) != 0) rc = -1;
        unstage(st);
    }
    char err[512] = "";
    if (of_hold_end(rc == 0, err, sizeof err) != 0) {
        dg_error(dg, NULL, 0, NULL, NULL, "%s", err);
        rc = -1;
    }
    for (int t = 0; t < DM_NTABLES; t++) free(paths[t]);
    return rc;
}
