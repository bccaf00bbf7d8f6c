/* potfile.c — the POT extractor (potfile.h): collects every user-visible
 * English string (template texts, indicator labels and descriptions, the
 * dataset vocabularies and region names) with where it comes from, and
 * writes them as templates/i18n/messages.pot. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compute.h"
#include "dataset.h"
#include "potfile.h"
#include "sheet.h"
#include "template.h"

/* Adds the message id (a second sighting adds its comment, when new, and
 * its reference). */
static void add(px_pot *m, const char *id, const char *comment, const char *file, long line)
{
    if (!id || !*id) return;
    px_msg *e = NULL;
    for (size_t i = 0; i < m->n && !e; i++)
        if (strcmp(m->v[i].id, id) == 0) e = &m->v[i];
    if (!e) {
        ut_grow(&m->v, &m->cap, m->n + 1, sizeof *m->v);
        e = &m->v[m->n++];
        memset(e, 0, sizeof *e);
        e->id = ut_xstrdup(id);
        e->brace = strchr(id, '{') != NULL;
    }
    if (comment && (!e->comments.data || !strstr(e->comments.data, comment)))
        ut_buf_printf(&e->comments, "#. %s\n", comment);
    if (file) {
        if (line > 0) ut_buf_printf(&e->refs, "#: %s:%ld\n", file, line);
        else ut_buf_printf(&e->refs, "#: %s\n", file);
    }
}

void px_free(px_pot *m)
{
    for (size_t i = 0; i < m->n; i++) {
        free(m->v[i].id);
        ut_buf_free(&m->v[i].comments);
        ut_buf_free(&m->v[i].refs);
    }
    free(m->v);
}

/* Accepts any block type: the extractor reads every template file. */
static const tp_kind any_kind[] = { { 0 } };

/* The text attributes of every block; -1 when profile.tpl cannot be read. */
static int from_templates(px_pot *m, const char *dir, dg_list *dg)
{
    const char *files[] = { "profile.tpl", "report.tpl", "theme.tpl", NULL };
    int rc = 0;
    for (const char **f = files; *f; f++) {
        char *path = ut_xasprintf("%s/%s", dir, *f);
        char *shown = ut_xasprintf("templates/%s", *f);
        size_t len;
        char *text = ut_read_file(path, &len);
        if (text) {
            tp_template t;
            /* Parse leniently: unknown kinds are the layout's business. */
            dg_list quiet = {0};
            tp_parse(text, len, shown, any_kind, &t, &quiet);
            dg_free(&quiet);
            for (size_t i = 0; i < t.nblocks; i++)
                for (size_t k = 0; k < t.blocks[i].nattrs; k++) {
                    const tp_attr *a = &t.blocks[i].attrs[k];
                    if (!a->is_text) continue;
                    char *c = ut_xasprintf("[%s%s%s] %s", t.blocks[i].type, *t.blocks[i].name ? " " : "",
                                           t.blocks[i].name, a->key);
                    add(m, a->value, c, shown, a->line);
                    free(c);
                }
            tp_free(&t);
            free(text);
        } else if (strcmp(*f, "profile.tpl") == 0) {
            dg_error(dg, shown, 0, NULL, NULL, "cannot read the template");
            rc = -1;
        }
        free(path);
        free(shown);
    }
    return rc;
}

/* Each indicator's label and description. */
static void from_scripts(px_pot *m, const char *dir, dg_list *dg)
{
    cp_host *h = cp_open(dir, "scripts", dg);
    for (size_t i = 0; i < cp_host_count(h); i++) {
        const cp_indicator *ind = cp_host_at(h, i);
        char *c = ut_xasprintf("indicator %s: label", ind->id);
        add(m, ind->label, c, ind->script, ind->line);
        free(c);
        c = ut_xasprintf("indicator %s: description (methodology annex)", ind->id);
        add(m, ind->description, c, ind->script, ind->line);
        free(c);
    }
    cp_close(h);
}

/* The cadre and capacity-grid labels and the region names. */
static void from_datasets(px_pot *m, const char *dir, dg_list *dg)
{
    ds_data ds;
    if (ds_load(dir, &ds, dg) == 0 || ds.nc) {
        for (size_t i = 0; i < ds.ncadres; i++) {
            char *c = ut_xasprintf("cadre %s (datasets/cadres.csv)", ds.cadres[i].id);
            add(m, ds.cadres[i].label, c, "datasets/cadres.csv", 0);
            free(c);
        }
        for (size_t i = 0; i < ds.nitems; i++) {
            char *c = ut_xasprintf("capacity-grid item %s, pillar %s (datasets/items.csv)", ds.items[i].id,
                                   ds.items[i].pillar);
            add(m, ds.items[i].label, c, "datasets/items.csv", 0);
            free(c);
        }
        for (size_t i = 0; i < ds.nc; i++) {
            add(m, ds.c[i].region, "UN M49 region", "datasets/countries.csv", 0);
            add(m, ds.c[i].subregion, "UN M49 sub-region", "datasets/countries.csv", 0);
            add(m, ds.c[i].intermediate, "UN M49 intermediate region", "datasets/countries.csv", 0);
        }
    }
    ds_free(&ds);
}

/* The data-entry sheet's labels (sheet.c's table). */
static void from_sheet(px_pot *m)
{
    for (const sh_msg *s = sh_msgs; s->id; s++) add(m, s->id, s->where, "generator/sheet.c", 0);
}

int px_collect(px_pot *m, const char *templates, const char *scripts, const char *datasets, dg_list *dg)
{
    int rc = from_templates(m, templates, dg);
    from_scripts(m, scripts, dg);
    from_datasets(m, datasets, dg);
    from_sheet(m);
    return rc;
}

static void po_string(FILE *f, const char *key, const char *s)
{
    fprintf(f, "%s \"", key);
    for (; *s; s++) {
        if (*s == '"' || *s == '\\') fprintf(f, "\\%c", *s);
        else if (*s == '\n') fputs("\\n", f);
        else fputc(*s, f);
    }
    fputs("\"\n", f);
}

void px_write(FILE *f, const px_pot *m)
{
    fputs("# messages.pot — every English string of the sswr report, for translators.\n"
          "# Generated by 'sswr strings extract'; do not edit by hand: edit the templates,\n"
          "# scripts or datasets, then run the command again and 'msgmerge' your catalog.\n"
          "#\n"
          "msgid \"\"\n"
          "msgstr \"\"\n"
          "\"Project-Id-Version: sswr\\n\"\n"
          "\"MIME-Version: 1.0\\n\"\n"
          "\"Content-Type: text/plain; charset=UTF-8\\n\"\n"
          "\"Content-Transfer-Encoding: 8bit\\n\"\n"
          "\"Plural-Forms: nplurals=2; plural=(n != 1);\\n\"\n", f);
    for (size_t i = 0; i < m->n; i++) {
        const px_msg *e = &m->v[i];
        fputc('\n', f);
        if (e->comments.data) fputs(e->comments.data, f);
        if (e->refs.data) fputs(e->refs.data, f);
        if (e->brace) fputs("#, python-brace-format\n", f);
        po_string(f, "msgid", e->id);
        fputs("msgstr \"\"\n", f);
    }
}
