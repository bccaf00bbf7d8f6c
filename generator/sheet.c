/* sheet.c — the data-entry sheet of one country: writing it, and reading it
 * back into the rows its tables should hold (see sheet.h for the layout). */
#include "sheet.h"
#include "catalog.h"
#include "csvread.h"
#include "util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define SH_MAGIC "sswr-sheet"
#define SH_NYEARS (DS_YEAR_MAX - DS_YEAR_MIN + 1)
/* Columns: A code, B label, C detail (sector, measure, allowed answers),
 * then the years. */
#define SH_YEAR_COL 3
/* Figures named in one message before "and N more". */
#define SH_LINES_SHOWN 3

/* The sheet's sections: the three tables, the population (read-only) and
 * the sources of single figures. */
enum { T_POP = DM_NTABLES };
enum { SEC_POP, SEC_WORK, SEC_EDU, SEC_CAP, SEC_SOURCES, SEC_N };
static const char *const sec_codes[SEC_N] = { "population", "workforce", "education", "capacity",
                                              "sources" };

static int sec_of_table(int t)
{
    return t == T_POP ? SEC_POP : t == DM_WORKFORCE ? SEC_WORK : t == DM_EDUCATION ? SEC_EDU : SEC_CAP;
}

/* ---- texts --------------------------------------------------------------- */

#define M_TITLE "{country}: data-entry sheet of the State of the Social Service Workforce report"
#define M_KEEP "Do not change the first row or the first column: the figures are read back by their codes."
#define M_YEARS "Write each year's figures in its column; the column {year} is ready for the new figures."
#define M_NUMBERS "An empty cell means no data; 0 is a reported zero. Write whole numbers with digits " \
                  "only, without spaces, points or commas between the thousands."
#define M_SOURCES "Write where each year's figures come from in the Source row of each section; a " \
                  "figure with another source goes under \"Sources of single figures\" at the end."
#define M_READONLY_ROWS "Rows marked read-only are for reference: leave them as they are."
#define M_SAVE "Save the file as CSV UTF-8 and send it back."
#define M_STORY "Your country's story is not in this sheet: send changes to it as its own file " \
                "({files} in the datasets)."
#define M_POP_TITLE "Population (World Bank, for reference)"
#define M_READONLY "read-only"
#define M_WORK_TITLE "Social service workers (head count)"
#define M_EMPLOYER "Employer"
#define M_EDU_TITLE "Education and training"
#define M_CAP_TITLE "Capacity grid"
#define M_ANSWERS "Allowed answers"
#define M_SOURCE "Source"
#define M_NOTE "Note"
#define M_SRC_TITLE "Sources of single figures"
#define M_YEAR "Year"
#define M_SRC_HOW "A figure whose source differs from the Source row of its year: copy its code from " \
                  "the first column, then write its year, its source and a note."

static const char *const level_msg[DS_NLEVELS] = { "Certificate", "Diploma", "Bachelor's degree",
                                                   "Master's degree", "Doctorate" };
static const char *const sector_msg[DS_NSECTORS] = { "Government", "Non-government", "Not specified" };
static const char *const status_msg[DS_NSTATUS] = { "Yes", "Partly", "No", "Unknown" };
static const char *const measure_ids[2] = { "institutions", "graduates" };
static const char *const measure_msg[2] = { "Institutions", "Graduates" };
static const char *const pop_ids[2] = { "total", "children_0_14" };
static const char *const pop_msg[2] = { "Population", "Children aged 0–14" };
static const char *const pillar_ids[3] = { "planning", "developing", "supporting" };
static const char *const pillar_msg[3] = { "Planning", "Developing", "Supporting" };

const sh_msg sh_msgs[] = {
    { M_TITLE, "[data-entry sheet] title, second row" },
    { M_KEEP, "[data-entry sheet] instructions" },
    { M_YEARS, "[data-entry sheet] instructions ({year}: the blank column's year)" },
    { M_NUMBERS, "[data-entry sheet] instructions" },
    { M_SOURCES, "[data-entry sheet] instructions (\"Sources of single figures\": the last section's title)" },
    { M_READONLY_ROWS, "[data-entry sheet] instructions" },
    { M_SAVE, "[data-entry sheet] instructions" },
    { M_STORY, "[data-entry sheet] instructions, for a country with a story ({files}: its file names)" },
    { M_POP_TITLE, "[data-entry sheet] section title" },
    { M_READONLY, "[data-entry sheet] marks the population rows" },
    { M_WORK_TITLE, "[data-entry sheet] section title" },
    { M_EMPLOYER, "[data-entry sheet] column heading: government, non-government, not specified" },
    { M_EDU_TITLE, "[data-entry sheet] section title" },
    { M_CAP_TITLE, "[data-entry sheet] section title" },
    { M_ANSWERS, "[data-entry sheet] column heading of the capacity grid" },
    { M_SOURCE, "[data-entry sheet] row label: where the year's figures come from; column heading" },
    { M_NOTE, "[data-entry sheet] row label: a note on the year's figures; column heading" },
    { M_SRC_TITLE, "[data-entry sheet] section title" },
    { M_YEAR, "[data-entry sheet] column heading" },
    { M_SRC_HOW, "[data-entry sheet] instructions under Sources of single figures" },
    { "Population", "[data-entry sheet] row label" },
    { "Children aged 0–14", "[data-entry sheet] row label" },
    { "Government", "[data-entry sheet] employer" },
    { "Non-government", "[data-entry sheet] employer" },
    { "Not specified", "[data-entry sheet] employer not split" },
    { "Institutions", "[data-entry sheet] education measure" },
    { "Graduates", "[data-entry sheet] education measure" },
    { "Certificate", "[data-entry sheet] education level" },
    { "Diploma", "[data-entry sheet] education level" },
    { "Bachelor's degree", "[data-entry sheet] education level" },
    { "Master's degree", "[data-entry sheet] education level" },
    { "Doctorate", "[data-entry sheet] education level" },
    { "Planning", "[data-entry sheet] capacity-grid pillar" },
    { "Developing", "[data-entry sheet] capacity-grid pillar" },
    { "Supporting", "[data-entry sheet] capacity-grid pillar" },
    { "Yes", "[data-entry sheet] an answer of the capacity grid (read back: keep the answers distinct)" },
    { "Partly", "[data-entry sheet] an answer of the capacity grid (read back: keep the answers distinct)" },
    { "No", "[data-entry sheet] an answer of the capacity grid (read back: keep the answers distinct)" },
    { "Unknown", "[data-entry sheet] an answer of the capacity grid (read back: keep the answers distinct)" },
    { NULL, NULL },
};

static const char *pillar_label(tr_lang *tr, const char *pillar)
{
    for (int i = 0; i < 3; i++)
        if (!strcmp(pillar, pillar_ids[i])) return tr_text(tr, pillar_msg[i]);
    return pillar;
}

/* The answers of the capacity grid in the sheet's language; the ids when
 * two translations would read the same (they could not be told apart). */
static void answers(tr_lang *tr, const char *out[DS_NSTATUS])
{
    for (int i = 0; i < DS_NSTATUS; i++) out[i] = tr_text(tr, status_msg[i]);
    for (int i = 0; i < DS_NSTATUS; i++)
        for (int k = 0; k < i; k++)
            if (!strcasecmp(out[i], out[k])) {
                for (int j = 0; j < DS_NSTATUS; j++) out[j] = ds_status_ids[j];
                return;
            }
}

/* ---- figures and their codes ---------------------------------------------- */

/* A row of figures in the sheet: population (a: total or children), a
 * workforce cadre (a) and sector (b), an education level (a) and measure
 * (b: institutions, graduates), a capacity-grid item (a). */
typedef struct slot {
    int table, a, b;
    char code[160];
} slot;

static size_t make_slots(const ds_data *ds, slot **out)
{
    size_t n = 2 + ds->ncadres * DS_NSECTORS + DS_NLEVELS * 2 + ds->nitems, k = 0;
    slot *v = ut_xcalloc(n, sizeof *v);
    for (int i = 0; i < 2; i++) {
        v[k] = (slot){ .table = T_POP, .a = i };
        snprintf(v[k++].code, sizeof v->code, "population/%s", pop_ids[i]);
    }
    for (size_t c = 0; c < ds->ncadres; c++)
        for (int s = 0; s < DS_NSECTORS; s++) {
            v[k] = (slot){ .table = DM_WORKFORCE, .a = (int)c, .b = s };
            snprintf(v[k++].code, sizeof v->code, "workforce/%s/%s", ds->cadres[c].id, ds_sector_ids[s]);
        }
    for (int l = 0; l < DS_NLEVELS; l++)
        for (int m = 0; m < 2; m++) {
            v[k] = (slot){ .table = DM_EDUCATION, .a = l, .b = m };
            snprintf(v[k++].code, sizeof v->code, "education/%s/%s", ds_level_ids[l], measure_ids[m]);
        }
    for (size_t i = 0; i < ds->nitems; i++) {
        v[k] = (slot){ .table = DM_SYSTEM, .a = (int)i };
        snprintf(v[k++].code, sizeof v->code, "capacity/%s", ds->items[i].id);
    }
    *out = v;
    return k;
}

/* The figure of a slot in a year, as the sheet writes it ("" when none). */
static const char *figure_of(const ds_country *c, const slot *s, int year, char *buf, size_t n,
                             const char *const ans[DS_NSTATUS])
{
    buf[0] = '\0';
    double v = NAN;
    if (s->table == T_POP) {
        const ds_pop *p = ds_pop_of(c, year);
        if (p) v = s->a == 0 ? p->population : p->children;
    } else if (s->table == DM_WORKFORCE) {
        for (size_t i = 0; i < c->nwork; i++)
            if (c->work[i].year == year && c->work[i].cadre == s->a && c->work[i].sector == s->b)
                v = c->work[i].count;
    } else if (s->table == DM_EDUCATION) {
        for (size_t i = 0; i < c->nedu; i++)
            if (c->edu[i].year == year && c->edu[i].level == s->a)
                v = s->b == 0 ? c->edu[i].institutions : c->edu[i].graduates;
    } else {
        for (size_t i = 0; i < c->nsys; i++)
            if (c->sys[i].year == year && c->sys[i].item == s->a) return ans[c->sys[i].status];
    }
    if (!isnan(v)) snprintf(buf, n, "%.0f", v);
    return buf;
}

/* ---- writing -------------------------------------------------------------- */

typedef struct out {
    FILE *fp;
    char delim;
    int first;      /* no cell written on the current row yet */
} out;

static void put(out *o, const char *s)
{
    if (!o->first) fputc(o->delim, o->fp);
    o->first = 0;
    if (!strchr(s, o->delim) && !strpbrk(s, "\"\r\n")) {
        fputs(s, o->fp);
        return;
    }
    fputc('"', o->fp);
    for (; *s; s++) {
        if (*s == '"') fputc('"', o->fp);
        fputc(*s, o->fp);
    }
    fputc('"', o->fp);
}

static void put_int(out *o, int v)
{
    char b[16];
    snprintf(b, sizeof b, "%d", v);
    put(o, b);
}

static void end_row(out *o)
{
    fputs("\r\n", o->fp);
    o->first = 1;
}

static void note_row(out *o, const char *text)
{
    put(o, "");
    put(o, text);
    end_row(o);
}

/* Years offered before the new one when a country has no figures in a
 * yearly section yet: a team starting to report may have a few years. */
#define SH_FIRST_YEARS 4

/* The years of a section, sorted: every year from the first to the last
 * year with figures (so a missing year can be filled in) and new_year; or,
 * when not `span`, the years with figures and new_year alone (the capacity
 * grid is not collected every year). A yearly section without figures gets
 * the SH_FIRST_YEARS years before new_year too. */
static int years_of(const ds_country *c, int table, int new_year, int span, int *v)
{
    unsigned char seen[SH_NYEARS] = {0};
    size_t n = table == DM_WORKFORCE ? c->nwork : table == DM_EDUCATION ? c->nedu : c->nsys;
    int lo = new_year, hi = new_year;
    if (!n && span) lo = new_year - SH_FIRST_YEARS < DS_YEAR_MIN ? DS_YEAR_MIN : new_year - SH_FIRST_YEARS;
    for (size_t i = 0; i < n; i++) {
        int y = table == DM_WORKFORCE ? c->work[i].year : table == DM_EDUCATION ? c->edu[i].year : c->sys[i].year;
        seen[y - DS_YEAR_MIN] = 1;
        if (y < lo) lo = y;
        if (y > hi) hi = y;
    }
    seen[new_year - DS_YEAR_MIN] = 1;
    int k = 0;
    for (int y = lo; y <= hi; y++)
        if (span || seen[y - DS_YEAR_MIN]) v[k++] = y;
    return k;
}

/* The (source, note) most of a table's figures of a year have (the first
 * such pair on a tie): the year's Source and Note rows. Rows with another
 * pair go under "Sources of single figures". */
typedef struct meta { const char *source, *note; } meta;

static size_t table_meta(const ds_country *c, int table, int year, meta *v)
{
    size_t n = 0;
    if (table == DM_WORKFORCE) {
        for (size_t i = 0; i < c->nwork; i++)
            if (c->work[i].year == year) v[n++] = (meta){ c->work[i].source, c->work[i].note };
    } else if (table == DM_EDUCATION) {
        for (size_t i = 0; i < c->nedu; i++)
            if (c->edu[i].year == year) v[n++] = (meta){ c->edu[i].source, "" };
    } else {
        for (size_t i = 0; i < c->nsys; i++)
            if (c->sys[i].year == year) v[n++] = (meta){ c->sys[i].source, "" };
    }
    return n;
}

static int same_meta(meta a, meta b) { return !strcmp(a.source, b.source) && !strcmp(a.note, b.note); }

static meta year_meta(const ds_country *c, int table, int year)
{
    size_t cap = c->nwork + c->nedu + c->nsys + 1;
    meta *v = ut_xmalloc(cap * sizeof *v);
    size_t n = table_meta(c, table, year, v), best = 0, best_n = 0;
    for (size_t i = 0; i < n; i++) {
        size_t k = 0;
        for (size_t j = 0; j < n; j++) k += same_meta(v[i], v[j]);
        if (k > best_n) { best = i; best_n = k; }
    }
    meta m = n ? v[best] : (meta){ "", "" };
    free(v);
    return m;
}

static void section_head(out *o, const char *code, const char *title, const char *detail, const int *years,
                         int ny)
{
    put(o, code);
    put(o, title);
    put(o, detail);
    for (int i = 0; i < ny; i++) put_int(o, years[i]);
    end_row(o);
}

static void slot_label(const ds_data *ds, tr_lang *tr, const slot *s, const char *ans_list, const char **a,
                       const char **b)
{
    if (s->table == T_POP) {
        *a = tr_text(tr, pop_msg[s->a]);
        *b = tr_text(tr, M_READONLY);
    } else if (s->table == DM_WORKFORCE) {
        *a = tr_text(tr, ds->cadres[s->a].label);
        *b = tr_text(tr, sector_msg[s->b]);
    } else if (s->table == DM_EDUCATION) {
        *a = tr_text(tr, level_msg[s->a]);
        *b = tr_text(tr, measure_msg[s->b]);
    } else {
        *a = tr_text(tr, ds->items[s->a].label);
        *b = ans_list;
    }
}

/* Writes one section: its heading, a row per slot of `table`, then the
 * Source (and for the workforce Note) row of each year. */
static void write_section(out *o, const ds_data *ds, const ds_country *c, tr_lang *tr, int table,
                          const slot *slots, size_t nslots, const int *years, int ny,
                          const char *const ans[DS_NSTATUS], const char *ans_list)
{
    static const char *const titles[] = { M_POP_TITLE, M_WORK_TITLE, M_EDU_TITLE, M_CAP_TITLE };
    int sec = sec_of_table(table);
    const char *detail = table == DM_WORKFORCE ? tr_text(tr, M_EMPLOYER)
                       : table == DM_SYSTEM    ? tr_text(tr, M_ANSWERS) : "";
    section_head(o, sec_codes[sec], tr_text(tr, titles[sec]), detail, years, ny);
    const char *pillar = NULL;
    char buf[64];
    for (size_t i = 0; i < nslots; i++) {
        const slot *s = &slots[i];
        if (s->table != table) continue;
        if (table == DM_SYSTEM && (!pillar || strcmp(pillar, ds->items[s->a].pillar) != 0)) {
            pillar = ds->items[s->a].pillar;
            note_row(o, pillar_label(tr, pillar));
        }
        const char *a, *b;
        slot_label(ds, tr, s, ans_list, &a, &b);
        put(o, s->code);
        put(o, a);
        put(o, b);
        for (int y = 0; y < ny; y++) put(o, figure_of(c, s, years[y], buf, sizeof buf, ans));
        end_row(o);
    }
    if (table == T_POP) return;
    for (int row = 0; row < (table == DM_WORKFORCE ? 2 : 1); row++) {
        char code[32];
        snprintf(code, sizeof code, "%s/%s", sec_codes[sec], row ? "note" : "source");
        put(o, code);
        put(o, tr_text(tr, row ? M_NOTE : M_SOURCE));
        put(o, "");
        for (int y = 0; y < ny; y++) {
            meta m = year_meta(c, table, years[y]);
            put(o, row ? m.note : m.source);
        }
        end_row(o);
    }
}

static void exception_row(out *o, const ds_data *ds, tr_lang *tr, const ds_country *c, const slot *s,
                          int year, meta m)
{
    if (same_meta(m, year_meta(c, s->table, year))) return;
    const char *a, *b;
    slot_label(ds, tr, s, "", &a, &b);
    char label[512];
    snprintf(label, sizeof label, "%s%s%s", a, *b ? " · " : "", b);
    put(o, s->code);
    put(o, label);
    put_int(o, year);
    put(o, m.source);
    put(o, m.note);
    end_row(o);
}

/* The figures whose (source, note) is not their year's. */
static void write_sources(out *o, const ds_data *ds, const ds_country *c, tr_lang *tr, const slot *slots,
                          size_t nslots)
{
    put(o, sec_codes[SEC_SOURCES]);
    put(o, tr_text(tr, M_SRC_TITLE));
    put(o, tr_text(tr, M_YEAR));
    put(o, tr_text(tr, M_SOURCE));
    put(o, tr_text(tr, M_NOTE));
    end_row(o);
    note_row(o, tr_text(tr, M_SRC_HOW));
    for (size_t i = 0; i < nslots; i++) {
        const slot *s = &slots[i];
        if (s->table == DM_WORKFORCE) {
            for (size_t k = 0; k < c->nwork; k++)
                if (c->work[k].cadre == s->a && c->work[k].sector == s->b)
                    exception_row(o, ds, tr, c, s, c->work[k].year, (meta){ c->work[k].source, c->work[k].note });
        } else if (s->table == DM_EDUCATION && s->b == 0) {   /* one source per level and year */
            for (size_t k = 0; k < c->nedu; k++)
                if (c->edu[k].level == s->a)
                    exception_row(o, ds, tr, c, s, c->edu[k].year, (meta){ c->edu[k].source, "" });
        } else if (s->table == DM_SYSTEM) {
            for (size_t k = 0; k < c->nsys; k++)
                if (c->sys[k].item == s->a)
                    exception_row(o, ds, tr, c, s, c->sys[k].year, (meta){ c->sys[k].source, "" });
        }
    }
}

int sh_default_year(const ds_data *ds, int edition)
{
    if (edition >= DS_YEAR_MIN) return edition < DS_YEAR_MAX ? edition + 1 : DS_YEAR_MAX;
    int best = 0;
    for (size_t i = 0; i < ds->nc; i++)
        for (size_t k = 0; k < ds->c[i].nwork; k++)
            if (ds->c[i].work[k].year > best) best = ds->c[i].work[k].year;
    if (!best) return DS_YEAR_MIN;
    return best < DS_YEAR_MAX ? best + 1 : DS_YEAR_MAX;
}

/* A catalog text with its placeholders filled; the English when the
 * translation's placeholders are wrong (tr_text already warned). */
static char *fill(tr_lang *tr, const char *msgid, const char *name, const char *value)
{
    const char *names[] = { name }, *values[] = { value };
    char *err = NULL;
    char *s = ct_format(tr_text(tr, msgid), names, values, 1, &err);
    if (!s) {
        free(err);
        s = ct_format(msgid, names, values, 1, &err);
        if (!s) { free(err); s = ut_xstrdup(msgid); }
    }
    return s;
}

/* A country's story stays a file of its own (datasets/stories): the
 * sheet only names it, on a note row the import skips. */
static void story_note(out *o, const ds_data *ds, const ds_country *c, tr_lang *tr)
{
    ut_buf files = {0};
    for (size_t i = 0; i < ds->stories.n; i++) {
        const sy_story *s = &ds->stories.v[i];
        if (strcmp(s->iso3, c->iso3) != 0) continue;
        ut_buf_printf(&files, "%sstories/%s.%s.md", files.len ? ", " : "", s->iso3, s->lang);
    }
    if (files.len) {
        char *t = fill(tr, M_STORY, "files", files.data);
        note_row(o, t);
        free(t);
    }
    ut_buf_free(&files);
}

int sh_write(FILE *fp, const ds_data *ds, size_t ci, tr_lang *tr, int new_year, char delim)
{
    const ds_country *c = &ds->c[ci];
    out o = { .fp = fp, .delim = delim, .first = 1 };
    slot *slots;
    size_t nslots = make_slots(ds, &slots);
    const char *ans[DS_NSTATUS];
    answers(tr, ans);
    ut_buf list = {0};
    for (int i = 0; i < DS_NSTATUS; i++) ut_buf_printf(&list, "%s%s", i ? " / " : "", ans[i]);

    fputs("\xEF\xBB\xBF", fp);   /* UTF-8 byte-order mark: Excel then reads UTF-8 */
    put(&o, SH_MAGIC);
    put_int(&o, SH_FORMAT);
    put(&o, c->iso3);
    put(&o, tr_code(tr));
    end_row(&o);
    char *title = fill(tr, M_TITLE, "country", ds_name(ds, c, tr_code(tr)));
    note_row(&o, title);
    free(title);
    char year[16];
    snprintf(year, sizeof year, "%d", new_year);
    char *years_note = fill(tr, M_YEARS, "year", year);
    const char *notes[] = { M_KEEP, NULL, M_NUMBERS, M_SOURCES, M_READONLY_ROWS, M_SAVE };
    for (size_t i = 0; i < sizeof notes / sizeof *notes; i++)
        note_row(&o, notes[i] ? tr_text(tr, notes[i]) : years_note);
    free(years_note);
    story_note(&o, ds, c, tr);

    int wy[SH_NYEARS], nwy = years_of(c, DM_WORKFORCE, new_year, 1, wy), years[SH_NYEARS], ny;
    end_row(&o);
    write_section(&o, ds, c, tr, T_POP, slots, nslots, wy, nwy, ans, list.data);
    end_row(&o);
    write_section(&o, ds, c, tr, DM_WORKFORCE, slots, nslots, wy, nwy, ans, list.data);
    ny = years_of(c, DM_EDUCATION, new_year, 1, years);
    end_row(&o);
    write_section(&o, ds, c, tr, DM_EDUCATION, slots, nslots, years, ny, ans, list.data);
    ny = years_of(c, DM_SYSTEM, new_year, 0, years);
    end_row(&o);
    write_section(&o, ds, c, tr, DM_SYSTEM, slots, nslots, years, ny, ans, list.data);
    end_row(&o);
    write_sources(&o, ds, c, tr, slots, nslots);
    ut_buf_free(&list);
    free(slots);
    return ferror(fp) ? -1 : 0;
}

/* ---- reading back ----------------------------------------------------------- */

/* A row of the sheet as read (fields owned; line breaks inside a cell made
 * LF, whatever the spreadsheet wrote). */
typedef struct srow {
    long line;
    size_t n;
    char **f;
} srow;

/* A cell of the sheet: its text, line and column (0 = A). */
typedef struct cellref {
    const char *s;
    long line;
    int col;
} cellref;

/* A section as read: its heading line and the column of each year. */
typedef struct section {
    int present;
    long line;
    int ny, year[SH_NYEARS], col[SH_NYEARS];
    long src_line, note_line;             /* its Source and Note rows, 0 when absent */
    cellref src[SH_NYEARS], note[SH_NYEARS];
} section;

/* A row of "Sources of single figures". */
typedef struct except {
    const slot *s;
    int year;
    const char *source, *note;
    long line;
    int used;
} except;

/* A figure that becomes a row, with where its source came from. */
typedef struct fig {
    int table;
    size_t row;             /* index in want[table] */
    cellref at;             /* its cell (for education: the institutions cell) */
    long src_line;          /* the Source row or exception row giving its source, 0: none */
    int src_col;
    int src_except;         /* its source is a row of Sources of single figures */
    int year;
} fig;

typedef struct reader {
    const ds_data *ds;
    const ds_country *c;
    dg_list *dg;
    const char *file;
    srow *rows;
    size_t nrows, cap;
    slot *slots;
    size_t nslots;
    long *slot_line;        /* per slot: its row's line, 0 when absent */
    cellref **cells;        /* per slot: a cell per year of its section */
    section sec[SEC_N];
    except *ex;
    size_t nex, excap;
    fig *figs;
    size_t nfigs, figcap;
    const char *ans[DS_NSTATUS];
    tr_lang *tr;
    dg_list trdg;           /* the catalog's own warnings: not the sheet's business */
} reader;

static int on_sheet_header(void *ctx, const cr_row *r);
static void on_sheet_row(void *ctx, const cr_row *r)
{
    reader *rd = ctx;
    ut_grow(&rd->rows, &rd->cap, rd->nrows + 1, sizeof *rd->rows);
    srow *s = &rd->rows[rd->nrows++];
    s->line = r->line;
    s->n = r->n;
    s->f = ut_xcalloc(r->n ? r->n : 1, sizeof *s->f);
    for (size_t i = 0; i < r->n; i++) {
        /* CRLF or CR inside a quoted cell (a multi-line note) reads as LF. */
        char *d = ut_xstrdup(r->f[i].s), *w = d;
        for (const char *p = d; *p; p++) {
            if (*p == '\r') {
                *w++ = '\n';
                if (p[1] == '\n') p++;
            } else {
                *w++ = *p;
            }
        }
        *w = '\0';
        s->f[i] = d;
    }
}
static int on_sheet_header(void *ctx, const cr_row *r)
{
    on_sheet_row(ctx, r);
    return 0;
}

static const char *field(const srow *r, int col) { return (size_t)col < r->n ? r->f[col] : ""; }

/* The text without the spaces around it, in buf. */
static const char *trimmed(const char *s, char *buf, size_t n)
{
    while (*s == ' ' || *s == '\t') s++;
    size_t len = strlen(s);
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t')) len--;
    if (len >= n) len = n - 1;
    memcpy(buf, s, len);
    buf[len] = '\0';
    return buf;
}

/* A column as people see it in a spreadsheet ("A", "AB"), with its
 * heading when it has one: "P (2025)". */
static const char *col_name(char *buf, size_t n, int col, const char *heading)
{
    char letters[8];
    int k = 0;
    for (int c = col + 1; c > 0 && k < 7; c = (c - 1) / 26) letters[k++] = (char)('A' + (c - 1) % 26);
    char rev[8];
    for (int i = 0; i < k; i++) rev[i] = letters[k - 1 - i];
    rev[k] = '\0';
    if (heading && *heading) snprintf(buf, n, "%s (%s)", rev, heading);
    else snprintf(buf, n, "%s", rev);
    return buf;
}

static void err_at(reader *rd, long line, int col, const char *heading, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
static void err_at(reader *rd, long line, int col, const char *heading, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = ut_xvasprintf(fmt, ap);
    va_end(ap);
    char name[64];
    dg_error(rd->dg, rd->file, line, col >= 0 ? col_name(name, sizeof name, col, heading) : NULL,
             rd->c ? rd->c->iso3 : NULL, "%s", msg);
    free(msg);
}

static void err_cell(reader *rd, const cellref *c, int year, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void err_cell(reader *rd, const cellref *c, int year, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = ut_xvasprintf(fmt, ap);
    va_end(ap);
    char heading[16] = "";
    if (year) snprintf(heading, sizeof heading, "%d", year);
    err_at(rd, c->line, c->col, heading, "%s", msg);
    free(msg);
}

/* ---- cells ---- */

/* Digits in groups of three split by one separator a spreadsheet or a
 * person may write: , . ' space, no-break space, narrow no-break space. */
static int grouped(const char *s, char *digits, size_t n)
{
    static const char *const seps[] = { ",", ".", "'", " ", "\xC2\xA0", "\xE2\x80\xAF" };
    size_t first = strspn(s, "0123456789");
    if (first < 1 || first > 3) return 0;
    for (size_t k = 0; k < sizeof seps / sizeof *seps; k++) {
        size_t sl = strlen(seps[k]), len = first;
        const char *p = s + first;
        if (strncmp(p, seps[k], sl) != 0 || first >= n) continue;
        memcpy(digits, s, first);
        while (!strncmp(p, seps[k], sl) && strspn(p + sl, "0123456789") == 3 && len + 3 < n) {
            memcpy(digits + len, p + sl, 3);
            len += 3;
            p += sl + 3;
        }
        if (!*p) {
            digits[len] = '\0';
            return 1;
        }
    }
    return 0;
}

/* A whole number >= 0 of at most 15 significant digits, as the datasets
 * write it (no leading zeros), into out; else an error at the cell. */
static int whole(reader *rd, const cellref *c, int year, char *out, size_t n)
{
    char t[256], shown[UT_SHOWN_SIZE], digits[64];
    trimmed(c->s, t, sizeof t);
    ut_shown(shown, c->s);
    const char *p = t;
    int neg = *p == '-';
    if (neg) p++;
    size_t ni = strspn(p, "0123456789"), nf = 0;
    int plain = ni > 0;
    if (plain && p[ni] == '.') {
        nf = strspn(p + ni + 1, "0123456789");
        plain = nf > 0 && !p[ni + 1 + nf];
    } else if (plain) {
        plain = !p[ni];
    }
    if (!plain) {
        if (!neg && grouped(t, digits, sizeof digits))
            err_cell(rd, c, year, "\"%s\" has a thousands separator: write the digits alone (%s)", shown, digits);
        else
            err_cell(rd, c, year, "not a number: \"%s\" (write a whole number with digits only)", shown);
        return -1;
    }
    if (neg) {
        err_cell(rd, c, year, "negative number \"%s\"", shown);
        return -1;
    }
    for (size_t i = 0; i < nf; i++)
        if (p[ni + 1 + i] != '0') {
            err_cell(rd, c, year, "\"%s\" is not a whole number", shown);
            return -1;
        }
    while (ni > 1 && *p == '0') p++, ni--;
    if (ni > 15) {
        err_cell(rd, c, year, "\"%s\" has more than 15 digits (it would be stored rounded)", shown);
        return -1;
    }
    if (ni >= n) ni = n - 1;
    memcpy(out, p, ni);
    out[ni] = '\0';
    return 0;
}

static int is_blank(const char *s)
{
    return s[strspn(s, " \t")] == '\0';
}

/* A capacity-grid answer: the sheet language's word, the English word or
 * the id (yes, partial, no, unknown), in any case. */
static int answer(reader *rd, const cellref *c, int year, int *status)
{
    char t[128];
    trimmed(c->s, t, sizeof t);
    for (int i = 0; i < DS_NSTATUS; i++)
        if (!strcasecmp(t, rd->ans[i]) || !strcasecmp(t, status_msg[i]) || !strcasecmp(t, ds_status_ids[i])) {
            *status = i;
            return 0;
        }
    char shown[UT_SHOWN_SIZE];
    ut_buf list = {0};
    for (int i = 0; i < DS_NSTATUS; i++) ut_buf_printf(&list, "%s%s", i ? ", " : "", rd->ans[i]);
    err_cell(rd, c, year, "\"%s\" is not an allowed answer (%s; empty: not reported)", ut_shown(shown, c->s),
             list.data);
    ut_buf_free(&list);
    return -1;
}

/* ---- the layout ---- */

static int sec_by_code(const char *code)
{
    for (int s = 0; s < SEC_N; s++)
        if (!strcmp(code, sec_codes[s])) return s;
    return -1;
}

static const slot *slot_by_code(const reader *rd, const char *code)
{
    for (size_t i = 0; i < rd->nslots; i++)
        if (!strcmp(rd->slots[i].code, code)) return &rd->slots[i];
    return NULL;
}

/* A year heading: four digits within the years a dataset may hold. */
static int year_of(const char *s)
{
    char t[32];
    trimmed(s, t, sizeof t);
    if (strlen(t) != 4 || strspn(t, "0123456789") != 4) return 0;
    int y = atoi(t);
    return y >= DS_YEAR_MIN && y <= DS_YEAR_MAX ? y : 0;
}

static void read_heading(reader *rd, int s, const srow *r)
{
    section *sec = &rd->sec[s];
    if (sec->present) {
        err_at(rd, r->line, 0, NULL, "a second %s section (the first starts on line %ld)", sec_codes[s], sec->line);
        return;
    }
    sec->present = 1;
    sec->line = r->line;
    if (s == SEC_SOURCES) return;
    for (size_t k = SH_YEAR_COL; k < r->n; k++) {
        if (is_blank(r->f[k])) continue;
        int y = year_of(r->f[k]);
        char shown[UT_SHOWN_SIZE];
        if (!y) {
            err_at(rd, r->line, (int)k, NULL, "\"%s\" is not a year (%d-%d)", ut_shown(shown, r->f[k]),
                   DS_YEAR_MIN, DS_YEAR_MAX);
            continue;
        }
        int dup = 0;
        for (int i = 0; i < sec->ny; i++) dup |= sec->year[i] == y;
        if (dup) {
            err_at(rd, r->line, (int)k, NULL, "the year %d appears twice in this heading", y);
            continue;
        }
        sec->year[sec->ny] = y;
        sec->col[sec->ny++] = (int)k;
    }
}

static int year_index(const section *sec, int year)
{
    for (int i = 0; i < sec->ny; i++)
        if (sec->year[i] == year) return i;
    return -1;
}

/* A value right of the labels in a column that has no year: it would be
 * lost. */
static void check_stray(reader *rd, const section *sec, const srow *r)
{
    for (size_t k = SH_YEAR_COL; k < r->n; k++) {
        if (is_blank(r->f[k])) continue;
        int ok = 0;
        for (int i = 0; i < sec->ny; i++) ok |= sec->col[i] == (int)k;
        if (!ok) {
            char shown[UT_SHOWN_SIZE];
            err_at(rd, r->line, (int)k, NULL, "\"%s\" is in a column without a year in the heading of "
                   "its section (line %ld)", ut_shown(shown, r->f[k]), sec->line);
            return;
        }
    }
}

static void read_cells(const section *sec, const srow *r, cellref *v)
{
    for (int i = 0; i < sec->ny; i++) v[i] = (cellref){ field(r, sec->col[i]), r->line, sec->col[i] };
}

static void read_exception(reader *rd, const srow *r, const char *code)
{
    const slot *s = slot_by_code(rd, code);
    char shown[UT_SHOWN_SIZE];
    if (!s || s->table == T_POP) {
        err_at(rd, r->line, 0, NULL, "\"%s\" is not the code of a row of figures (copy it from the first "
               "column of the figure's row)", ut_shown(shown, code));
        return;
    }
    int y = year_of(field(r, 2));
    if (!y) {
        err_at(rd, r->line, 2, "year", "\"%s\" is not a year (%d-%d)", ut_shown(shown, field(r, 2)),
               DS_YEAR_MIN, DS_YEAR_MAX);
        return;
    }
    if (s->table != DM_WORKFORCE && !is_blank(field(r, 4))) {
        err_at(rd, r->line, 4, "note", "only workforce figures have a note");
        return;
    }
    for (size_t i = 0; i < rd->nex; i++) {
        const except *e = &rd->ex[i];
        int same_row = e->s == s || (s->table == DM_EDUCATION && e->s->table == DM_EDUCATION && e->s->a == s->a);
        if (same_row && e->year == y) {
            err_at(rd, r->line, 0, NULL, "a second source for %s in %d (the first is on line %ld)", code, y,
                   e->line);
            return;
        }
    }
    ut_grow(&rd->ex, &rd->excap, rd->nex + 1, sizeof *rd->ex);
    rd->ex[rd->nex++] = (except){ s, y, field(r, 3), field(r, 4), r->line, 0 };
}

/* Goes through the rows after the first: sections, their rows, notes. */
static void read_layout(reader *rd)
{
    int cur = -1;
    for (size_t i = 1; i < rd->nrows; i++) {
        const srow *r = &rd->rows[i];
        char code[200], shown[UT_SHOWN_SIZE];
        trimmed(field(r, 0), code, sizeof code);
        if (!*code) {
            /* A note, a title or a blank row; figures there would be lost. */
            if (cur >= 0 && cur != SEC_SOURCES) {
                for (int y = 0; y < rd->sec[cur].ny; y++)
                    if (!is_blank(field(r, rd->sec[cur].col[y]))) {
                        err_at(rd, r->line, 0, NULL, "this row has figures but no code in the first column, "
                               "so they cannot be read back (the codes must stay as the sheet has them)");
                        break;
                    }
            }
            continue;
        }
        int s = sec_by_code(code);
        if (s >= 0) {
            read_heading(rd, s, r);
            cur = s;
            continue;
        }
        if (cur < 0) {
            err_at(rd, r->line, 0, NULL, "\"%s\" before the first section", ut_shown(shown, code));
            continue;
        }
        if (cur == SEC_SOURCES) {
            read_exception(rd, r, code);
            continue;
        }
        section *sec = &rd->sec[cur];
        char meta_code[64];
        int is_note = 0;
        snprintf(meta_code, sizeof meta_code, "%s/source", sec_codes[cur]);
        int is_src = !strcmp(code, meta_code);
        if (cur == SEC_WORK) is_note = !strcmp(code, "workforce/note");
        const slot *sl = is_src || is_note ? NULL : slot_by_code(rd, code);
        if (!is_src && !is_note && (!sl || sec_of_table(sl->table) != cur)) {
            err_at(rd, r->line, 0, NULL, "unknown code \"%s\" in the %s section (the first column must keep "
                   "the codes the sheet was made with)", ut_shown(shown, code), sec_codes[cur]);
            continue;
        }
        long *seen = is_src ? &sec->src_line : is_note ? &sec->note_line : &rd->slot_line[sl - rd->slots];
        if (*seen) {
            err_at(rd, r->line, 0, NULL, "the row %s appears twice (first on line %ld)", code, *seen);
            continue;
        }
        *seen = r->line;
        check_stray(rd, sec, r);
        if (is_src) read_cells(sec, r, sec->src);
        else if (is_note) read_cells(sec, r, sec->note);
        else {
            rd->cells[sl - rd->slots] = ut_xcalloc((size_t)sec->ny + 1, sizeof(cellref));
            read_cells(sec, r, rd->cells[sl - rd->slots]);
        }
    }
}

/* ---- turning cells into rows ---- */

static except *exception_for(reader *rd, const slot *s, int year)
{
    for (size_t i = 0; i < rd->nex; i++) {
        except *e = &rd->ex[i];
        int same_row = e->s == s || (s->table == DM_EDUCATION && e->s->table == DM_EDUCATION && e->s->a == s->a);
        if (same_row && e->year == year) return e;
    }
    return NULL;
}

/* Adds a row to want[table] and remembers where its figure and source are. */
static void add_fig(reader *rd, dm_rows *want, int table, const char *const *f, const cellref *at,
                    const slot *s, int yi)
{
    const section *sec = &rd->sec[sec_of_table(table)];
    int year = sec->year[yi];
    except *e = exception_for(rd, s, year);
    ut_grow(&rd->figs, &rd->figcap, rd->nfigs + 1, sizeof *rd->figs);
    fig *g = &rd->figs[rd->nfigs++];
    *g = (fig){ .table = table, .row = want[table].n, .at = *at, .year = year };
    if (e) {
        e->used = 1;
        g->src_line = e->line;
        g->src_col = 3;
        g->src_except = 1;
    } else if (sec->src_line) {
        g->src_line = sec->src_line;
        g->src_col = sec->src[yi].col;
    }
    dm_rows_add(&want[table], f, dm_tables[table].ncols);
}

static const char *source_of(reader *rd, const slot *s, int table, int yi, const char **note)
{
    const section *sec = &rd->sec[sec_of_table(table)];
    except *e = exception_for(rd, s, sec->year[yi]);
    if (e) {
        *note = e->note;
        return e->source;
    }
    *note = sec->note_line ? sec->note[yi].s : "";
    return sec->src_line ? sec->src[yi].s : "";
}

/* A filled cell uses its exception, valid or not: the exception is then not
 * reported as unused on top of the cell's own problem. */
static void touch(reader *rd, const slot *s, int year)
{
    except *e = exception_for(rd, s, year);
    if (e) e->used = 1;
}

static void build_workforce(reader *rd, dm_rows *want)
{
    const section *sec = &rd->sec[SEC_WORK];
    char year[16], count[64];
    for (int yi = 0; yi < sec->ny; yi++) {
        int y = sec->year[yi];
        snprintf(year, sizeof year, "%d", y);
        const ds_pop *pop = ds_pop_of(rd->c, y);
        double total = 0;
        int over = 0;       /* a single count above the population: said once */
        const cellref *first = NULL;
        for (size_t i = 0; i < rd->nslots; i++) {
            const slot *s = &rd->slots[i];
            if (s->table != DM_WORKFORCE || !rd->cells[i] || is_blank(rd->cells[i][yi].s)) continue;
            const cellref *at = &rd->cells[i][yi];
            touch(rd, s, y);
            if (whole(rd, at, y, count, sizeof count)) continue;
            if (!first) first = at;
            double v = strtod(count, NULL);
            total += v;
            if (pop && v > pop->population) {
                err_cell(rd, at, y, "%s workers, more than the population of %s in %d (%.0f)", count,
                         rd->c->iso3, y, pop->population);
                over = 1;
                continue;
            }
            const char *note, *source = source_of(rd, s, DM_WORKFORCE, yi, &note);
            const char *f[] = { rd->c->iso3, year, rd->ds->cadres[s->a].id, ds_sector_ids[s->b], count,
                                source, note };
            add_fig(rd, want, DM_WORKFORCE, f, at, s, yi);
        }
        if (first && !pop)
            err_cell(rd, first, y, "%s has no population for %d in population.csv, so the ratios of these "
                     "figures cannot be computed: report staff add the population of %d first",
                     rd->c->iso3, y, y);
        else if (first && !over && total > pop->population)
            err_cell(rd, first, y, "the workers of %d add up to %.0f, more than the population of %s (%.0f)", y,
                     total, rd->c->iso3, pop->population);
    }
}

static void build_education(reader *rd, dm_rows *want)
{
    const section *sec = &rd->sec[SEC_EDU];
    char year[16], inst[64], grad[64];
    for (int yi = 0; yi < sec->ny; yi++) {
        int y = sec->year[yi];
        snprintf(year, sizeof year, "%d", y);
        for (size_t i = 0; i < rd->nslots; i++) {
            const slot *s = &rd->slots[i];
            if (s->table != DM_EDUCATION || s->b != 0) continue;
            /* The graduates slot follows the institutions slot of its level. */
            const cellref *ci = rd->cells[i] ? &rd->cells[i][yi] : NULL;
            const cellref *cg = i + 1 < rd->nslots && rd->cells[i + 1] ? &rd->cells[i + 1][yi] : NULL;
            int has_i = ci && !is_blank(ci->s), has_g = cg && !is_blank(cg->s);
            if (!has_i && !has_g) continue;
            touch(rd, s, y);
            if (!has_i) {
                err_cell(rd, cg, y, "graduates without the number of institutions: write the institutions "
                         "(line %ld) too", ci ? ci->line : rd->sec[SEC_EDU].line);
                continue;
            }
            int bad = whole(rd, ci, y, inst, sizeof inst);
            grad[0] = '\0';
            if (has_g) bad |= whole(rd, cg, y, grad, sizeof grad);
            if (bad) continue;
            const char *note, *source = source_of(rd, s, DM_EDUCATION, yi, &note);
            const char *f[] = { rd->c->iso3, year, ds_level_ids[s->a], inst, grad, source };
            add_fig(rd, want, DM_EDUCATION, f, ci, s, yi);
        }
    }
}

static void build_system(reader *rd, dm_rows *want)
{
    const section *sec = &rd->sec[SEC_CAP];
    char year[16];
    for (int yi = 0; yi < sec->ny; yi++) {
        int y = sec->year[yi];
        snprintf(year, sizeof year, "%d", y);
        for (size_t i = 0; i < rd->nslots; i++) {
            const slot *s = &rd->slots[i];
            if (s->table != DM_SYSTEM || !rd->cells[i] || is_blank(rd->cells[i][yi].s)) continue;
            int status;
            touch(rd, s, y);
            if (answer(rd, &rd->cells[i][yi], y, &status)) continue;
            const char *note, *source = source_of(rd, s, DM_SYSTEM, yi, &note);
            const char *f[] = { rd->c->iso3, year, rd->ds->items[s->a].id, ds_status_ids[status], source };
            add_fig(rd, want, DM_SYSTEM, f, &rd->cells[i][yi], s, yi);
        }
    }
}

/* The population rows are for reference: a changed figure is an error (it
 * would not be imported, and the team may believe it was). */
static void check_population(reader *rd)
{
    const section *sec = &rd->sec[SEC_POP];
    char digits[64], was[64];
    for (size_t i = 0; i < rd->nslots; i++) {
        const slot *s = &rd->slots[i];
        if (s->table != T_POP || !rd->cells[i]) continue;
        for (int yi = 0; yi < sec->ny; yi++) {
            const cellref *at = &rd->cells[i][yi];
            const ds_pop *p = ds_pop_of(rd->c, sec->year[yi]);
            double v = p ? (s->a == 0 ? p->population : p->children) : NAN;
            if (isnan(v)) was[0] = '\0';
            else snprintf(was, sizeof was, "%.0f", v);
            if (is_blank(at->s) && !*was) continue;
            if (!is_blank(at->s) && whole(rd, at, sec->year[yi], digits, sizeof digits)) continue;
            if (is_blank(at->s) || strcmp(digits, was) != 0)
                err_cell(rd, at, sec->year[yi], "the population rows are read-only (World Bank figures, "
                         "%s in the datasets): report staff change datasets/population.csv",
                         *was ? was : "none");
        }
    }
}

/* ---- sources ---- */

enum { ISSUE_NONE, ISSUE_ILLUSTRATIVE, ISSUE_RELABEL, NISSUES };

/* Figures with one problem of their source, grouped by where the source
 * is written (one message per Source cell or exception row). */
typedef struct issue {
    int kind, table, year;
    long src_line;
    int src_col, src_except;
    const char *source, *note;
    long lines[SH_LINES_SHOWN];
    size_t n;
} issue;

static void add_issue(issue **v, size_t *n, size_t *cap, int kind, const fig *g, const dm_row *row)
{
    int s = dm_tables[g->table].ncols - (g->table == DM_WORKFORCE ? 2 : 1);
    for (size_t i = 0; i < *n; i++) {
        issue *x = &(*v)[i];
        if (x->kind == kind && x->table == g->table && x->year == g->year && x->src_line == g->src_line &&
            x->src_col == g->src_col) {
            if (x->n < SH_LINES_SHOWN) x->lines[x->n] = g->at.line;
            x->n++;
            return;
        }
    }
    ut_grow(v, cap, *n + 1, sizeof **v);
    (*v)[(*n)++] = (issue){ kind, g->table, g->year, g->src_line, g->src_col, g->src_except, row->f[s],
                            g->table == DM_WORKFORCE ? row->f[s + 1] : "", { g->at.line }, 1 };
}

/* "line 20" / "lines 20, 21 and 22" / "lines 20, 21, 22 and 4 more" */
static void lines_text(ut_buf *b, const issue *x)
{
    ut_buf_printf(b, "line%s ", x->n == 1 ? "" : "s");
    size_t shown = x->n < SH_LINES_SHOWN ? x->n : SH_LINES_SHOWN;
    for (size_t i = 0; i < shown; i++) {
        const char *sep = i == 0 ? "" : (i + 1 == shown && x->n == shown) ? " and " : ", ";
        ut_buf_printf(b, "%s%ld", sep, x->lines[i]);
    }
    if (x->n > shown) ut_buf_printf(b, " and %zu more", x->n - shown);
}

static void report_issue(reader *rd, const issue *x)
{
    ut_buf where = {0};
    lines_text(&where, x);
    const char *what = x->n == 1 ? "figure" : "figures";
    char year[16], src[UT_SHOWN_SIZE];
    snprintf(year, sizeof year, "%d", x->year);
    int col = x->src_line ? x->src_col : -1;
    const char *heading = x->src_except ? "source" : year;
    long line = x->src_line ? x->src_line : rd->sec[sec_of_table(x->table)].line;
    const char *sec = sec_codes[sec_of_table(x->table)];
    if (x->kind == ISSUE_NONE && !x->src_line)
        err_at(rd, line, -1, NULL, "the %s section has no Source row (code %s/source), so the %s of %d (%s) "
               "%s no source", sec, sec, what, x->year, where.data, x->n == 1 ? "has" : "have");
    else if (x->kind == ISSUE_NONE)
        err_at(rd, line, col, heading, "no source for the %s of %d (%s): write where %s from here", what,
               x->year, where.data, x->n == 1 ? "it comes" : "they come");
    else if (x->kind == ISSUE_ILLUSTRATIVE)
        err_at(rd, line, col, heading, "the %s of %d on %s %s new or changed, but the source here is "
               "\"illustrative\" (sample data made up for demonstration): write %s real source",
               what, x->year, where.data, x->n == 1 ? "is" : "are", x->n == 1 ? "its" : "their");
    else
        err_at(rd, line, col, heading, "the %s of %d on %s %s illustrative sample data, left unchanged, but "
               "would now get %s%s%s%s: replace %s with real figures, empty %s, or keep the source "
               "\"illustrative\" for %s under Sources of single figures", what, x->year, where.data,
               x->n == 1 ? "is" : "are", is_blank(x->source) ? "no source" : "the source \"",
               is_blank(x->source) ? "" : ut_shown(src, x->source), is_blank(x->source) ? "" : "\"",
               *x->note ? " and a note" : "", x->n == 1 ? "it" : "them",
               x->n == 1 ? "its cell" : "their cells", x->n == 1 ? "it" : "them");
    ut_buf_free(&where);
}

/* A new or changed figure needs a real source; an unchanged illustrative
 * one keeps "illustrative" (and no note): a made-up figure must never be
 * published under a real source. */
static void check_sources(reader *rd, const dm_rows *want, const dm_rows *cur)
{
    issue *v = NULL;
    size_t n = 0, cap = 0;
    for (size_t i = 0; i < rd->nfigs; i++) {
        const fig *g = &rd->figs[i];
        const dm_table *t = &dm_tables[g->table];
        const dm_row *row = &want[g->table].v[g->row];
        int si = t->ncols - (g->table == DM_WORKFORCE ? 2 : 1);
        const char *source = row->f[si], *note = g->table == DM_WORKFORCE ? row->f[si + 1] : "";
        const dm_row *old = NULL;
        for (size_t k = 0; k < cur[g->table].n && !old; k++)
            if (!dm_key_cmp(g->table, &cur[g->table].v[k], row)) old = &cur[g->table].v[k];
        int same = old != NULL;
        for (int k = t->nkey; k < si && same; k++) same = !strcmp(old->f[k], row->f[k]);
        int was_illustrative = old && !strcmp(old->f[si], "illustrative");
        if (same && was_illustrative) {
            if (strcmp(source, "illustrative") || *note) add_issue(&v, &n, &cap, ISSUE_RELABEL, g, row);
        } else if (is_blank(source)) {
            add_issue(&v, &n, &cap, ISSUE_NONE, g, row);
        } else if (!same && !strcmp(source, "illustrative")) {
            add_issue(&v, &n, &cap, ISSUE_ILLUSTRATIVE, g, row);
        }
    }
    for (size_t i = 0; i < n; i++) report_issue(rd, &v[i]);
    free(v);
    /* A source written for a year without figures is not kept anywhere. */
    for (int t = 0; t < DM_NTABLES; t++) {
        const section *sec = &rd->sec[sec_of_table(t)];
        for (int yi = 0; sec->src_line && yi < sec->ny; yi++) {
            int used = 0;
            for (size_t i = 0; i < rd->nfigs && !used; i++)
                used = rd->figs[i].table == t && rd->figs[i].year == sec->year[yi];
            if (used || is_blank(sec->src[yi].s)) continue;
            char name[64], year[16];
            snprintf(year, sizeof year, "%d", sec->year[yi]);
            dg_warn(rd->dg, rd->file, sec->src_line, col_name(name, sizeof name, sec->src[yi].col, year),
                    rd->c->iso3, "a source for %d, but no figure of %d in this section: the source is not kept",
                    sec->year[yi], sec->year[yi]);
        }
    }
    for (size_t i = 0; i < rd->nex; i++)
        if (!rd->ex[i].used)
            err_at(rd, rd->ex[i].line, 2, "year", "%s has no figure in %d to give this source to",
                   rd->ex[i].s->code, rd->ex[i].year);
}

/* Figures the datasets have that the sheet does not show (a deleted row,
 * column or section) would be removed without anyone asking: an error. */
static void check_missing(reader *rd, const dm_rows *cur)
{
    static const char *const what[] = { "workforce", "education", "capacity-grid" };
    for (int t = 0; t < DM_NTABLES; t++) {
        const section *sec = &rd->sec[sec_of_table(t)];
        if (cur[t].n && !sec->present) {
            err_at(rd, 0, -1, NULL, "the sheet has no %s section, but the datasets have %s figures of %s: put "
                   "it back (empty its cells to remove figures)", sec_codes[sec_of_table(t)], what[t],
                   rd->c->iso3);
            continue;
        }
        unsigned char year_told[SH_NYEARS] = {0};
        for (size_t k = 0; k < cur[t].n; k++) {
            int y = atoi(cur[t].v[k].f[1]);
            if (year_index(sec, y) < 0 && !year_told[y - DS_YEAR_MIN]++)
                err_at(rd, sec->line, -1, NULL, "the datasets have %s figures of %s for %d, but this section "
                       "has no column %d: put the column back (empty its cells to remove the figures)",
                       what[t], rd->c->iso3, y, y);
        }
        for (size_t i = 0; i < rd->nslots; i++) {
            const slot *s = &rd->slots[i];
            if (s->table != t || rd->slot_line[i]) continue;
            const char *id = t == DM_WORKFORCE ? rd->ds->cadres[s->a].id
                           : t == DM_EDUCATION ? ds_level_ids[s->a] : rd->ds->items[s->a].id;
            int lo = 0, hi = 0, n = 0;
            for (size_t k = 0; k < cur[t].n; k++) {
                const dm_row *r = &cur[t].v[k];
                int y = atoi(r->f[1]);
                if (strcmp(r->f[2], id) || (t == DM_WORKFORCE && strcmp(r->f[3], ds_sector_ids[s->b])) ||
                    year_index(sec, y) < 0)
                    continue;
                if (!n++) lo = y;
                hi = y;
            }
            if (!n) continue;
            char years[32];
            if (n == 1) snprintf(years, sizeof years, "%d", lo);
            else snprintf(years, sizeof years, "%d years, %d-%d", n, lo, hi);
            err_at(rd, sec->line, -1, NULL, "the row %s is missing from this section, but the datasets have its "
                   "figures (%s): put the row back (empty its cells to remove the figures)", s->code, years);
        }
    }
}

/* ---- the first row ---- */

static int read_first_row(reader *rd, const char *i18n_dir, sh_import *imp)
{
    const srow *r = &rd->rows[0];
    char code[64], shown[UT_SHOWN_SIZE];
    trimmed(field(r, 0), code, sizeof code);
    if (strcmp(code, SH_MAGIC) != 0) {
        err_at(rd, r->line, 0, NULL, "this is not a data-entry sheet of sswr: its first cell should be %s "
               "(make a sheet with 'sswr sheet ISO3')", SH_MAGIC);
        return -1;
    }
    trimmed(field(r, 1), code, sizeof code);
    if (strcmp(code, "1") != 0) {
        err_at(rd, r->line, 1, NULL, "sheet format \"%s\" is not known (this sswr reads format %d)",
               ut_shown(shown, code), SH_FORMAT);
        return -1;
    }
    trimmed(field(r, 2), code, sizeof code);
    int ci = ds_find(rd->ds, code);
    if (ci < 0) {
        const char *best = ds_suggest(rd->ds, code);
        err_at(rd, r->line, 2, NULL, "unknown country code \"%s\"%s%s%s", ut_shown(shown, code),
               best ? " (did you mean " : "", best ? best : "", best ? "?)" : "");
        return -1;
    }
    imp->country = ci;
    rd->c = &rd->ds->c[ci];
    if (rd->c->failed) {
        err_at(rd, r->line, 2, NULL, "%s has errors in the datasets (see 'sswr check'): fix them before "
               "importing its sheet", rd->c->iso3);
        return -1;
    }
    trimmed(field(r, 3), code, sizeof code);
    snprintf(imp->lang, sizeof imp->lang, "%s", code);
    rd->tr = tr_open(i18n_dir, code, &rd->trdg);
    if (!rd->tr) {
        err_at(rd, r->line, 3, NULL, "the sheet's language \"%s\" has no catalog in %s", ut_shown(shown, code),
               i18n_dir);
        return -1;
    }
    answers(rd->tr, rd->ans);
    return 0;
}

/* The reader names a column after the first row's cell ("1", "SEN") or
 * "#N": in a sheet, people see letters. */
static void name_reader_columns(const reader *rd, dg_list *dg)
{
    for (size_t i = 0; i < dg->n; i++) {
        dg_item *it = &dg->v[i];
        if (!it->column) continue;
        long k = -1;
        for (size_t f = 0; rd->nrows && f < rd->rows[0].n && k < 0; f++)
            if (!strcmp(it->column, rd->rows[0].f[f])) k = (long)f;
        if (k < 0 && it->column[0] == '#') k = strtol(it->column + 1, NULL, 10) - 1;
        if (k < 0) continue;
        char name[64];
        free(it->column);
        it->column = ut_xstrdup(col_name(name, sizeof name, (int)k, NULL));
    }
}

static const dg_item *sort_base;
static int cmp_items(const void *a, const void *b)
{
    const dg_item *x = sort_base + *(const size_t *)a, *y = sort_base + *(const size_t *)b;
    if (x->line != y->line) return (x->line > y->line) - (x->line < y->line);
    return (*(const size_t *)a > *(const size_t *)b) - (*(const size_t *)a < *(const size_t *)b);
}

/* Moves the sheet's problems to dg in the order of its lines (they are
 * found section by section, then figure by figure). */
static void move_sorted(dg_list *from, dg_list *to)
{
    size_t *idx = ut_xcalloc(from->n ? from->n : 1, sizeof *idx);
    for (size_t i = 0; i < from->n; i++) idx[i] = i;
    sort_base = from->v;
    if (from->n > 1) qsort(idx, from->n, sizeof *idx, cmp_items);
    for (size_t i = 0; i < from->n; i++) {
        const dg_item *it = &from->v[idx[i]];
        dg_add(to, it->sev, it->file, it->line, it->column, it->iso3[0] ? it->iso3 : NULL, "%s", it->msg);
        if (it->more) {
            to->v[to->n - 1].more += it->more;
            if (it->sev == DG_ERROR) to->nerrors += it->more;
            else to->nwarnings += it->more;
        }
    }
    free(idx);
    dg_free(from);
}

int sh_read(const char *path, const char *shown, const ds_data *ds, const char *i18n_dir, sh_import *imp,
            dg_list *out)
{
    memset(imp, 0, sizeof *imp);
    imp->country = -1;
    dg_list local = {0}, *dg = &local;
    reader rd = { .ds = ds, .dg = dg, .file = shown };
    int rc = cr_read_file(path, shown, on_sheet_header, on_sheet_row, &rd, dg);
    name_reader_columns(&rd, &local);
    rd.nslots = make_slots(ds, &rd.slots);
    rd.slot_line = ut_xcalloc(rd.nslots, sizeof *rd.slot_line);
    rd.cells = ut_xcalloc(rd.nslots, sizeof *rd.cells);
    if (rc == CR_OK && rd.nrows && read_first_row(&rd, i18n_dir, imp) == 0) {
        read_layout(&rd);
        dm_rows cur[DM_NTABLES] = {{0}};
        for (int t = 0; t < DM_NTABLES; t++) dm_country_rows(ds, rd.c, t, &cur[t]);
        check_missing(&rd, cur);
        check_population(&rd);
        if (rd.sec[SEC_WORK].present) build_workforce(&rd, imp->want);
        if (rd.sec[SEC_EDU].present) build_education(&rd, imp->want);
        if (rd.sec[SEC_CAP].present) build_system(&rd, imp->want);
        check_sources(&rd, imp->want, cur);
        for (int t = 0; t < DM_NTABLES; t++) {
            dm_rows_sort(&imp->want[t], t);
            dm_rows_free(&cur[t]);
        }
    }
    for (size_t i = 0; i < rd.nrows; i++) {
        for (size_t k = 0; k < rd.rows[i].n; k++) free(rd.rows[i].f[k]);
        free(rd.rows[i].f);
    }
    for (size_t i = 0; i < rd.nslots; i++) free(rd.cells[i]);
    free(rd.cells);
    free(rd.slot_line);
    free(rd.slots);
    free(rd.rows);
    free(rd.ex);
    free(rd.figs);
    if (rd.tr) tr_close(rd.tr);
    dg_free(&rd.trdg);
    int ok = rc == CR_OK && rd.nrows && local.nerrors == 0;
    move_sorted(&local, out);
    return ok ? 0 : -1;
}

void sh_import_free(sh_import *imp)
{
    for (int t = 0; t < DM_NTABLES; t++) dm_rows_free(&imp->want[t]);
}
