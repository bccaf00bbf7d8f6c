/* cmd_strings.c — `sswr strings`: the translators' tools. `extract`
 * regenerates templates/i18n/messages.pot from every place user-visible
 * English lives (template texts, indicator labels and descriptions, the
 * dataset vocabularies and region names, the data-entry sheet's labels);
 * `check` reports each catalog's coverage, untranslated and fuzzy entries,
 * placeholder mismatches and entries no longer used. */
#include <dirent.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "commands.h"
#include "compute.h"
#include "dataset.h"
#include "outfile.h"
#include "paths.h"
#include "sheet.h"
#include "template.h"
#include "util.h"

typedef struct msg {
    char *id;
    ut_buf comments;   /* "#. ..." lines */
    ut_buf refs;       /* "#: file:line" references */
    int brace;
} msg;

typedef struct msgs {
    msg *v;
    size_t n, cap;
} msgs;

static void add(msgs *m, const char *id, const char *comment, const char *file, long line)
{
    if (!id || !*id) return;
    msg *e = NULL;
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

static void free_msgs(msgs *m)
{
    for (size_t i = 0; i < m->n; i++) {
        free(m->v[i].id);
        ut_buf_free(&m->v[i].comments);
        ut_buf_free(&m->v[i].refs);
    }
    free(m->v);
}

/* Accepts any block type: the extractor reads every template file. */
static const tp_kind any_kind[] = { { NULL, NULL, 0 } };

static int from_templates(msgs *m, const char *dir, dg_list *dg)
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

static void from_scripts(msgs *m, const char *dir, dg_list *dg)
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

static void from_datasets(msgs *m, const char *dir, dg_list *dg)
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

/* The labels and instructions of the data-entry sheet (sheet.c). */
static void from_sheet(msgs *m)
{
    for (const sh_msg *s = sh_msgs; s->id; s++) add(m, s->id, s->where, "generator/sheet.c", 0);
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

static void write_pot(FILE *f, const msgs *m)
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
        const msg *e = &m->v[i];
        fputc('\n', f);
        if (e->comments.data) fputs(e->comments.data, f);
        if (e->refs.data) fputs(e->refs.data, f);
        if (e->brace) fputs("#, python-brace-format\n", f);
        po_string(f, "msgid", e->id);
        fputs("msgstr \"\"\n", f);
    }
}

static int extract(const char *out)
{
    dg_list dg = {0};
    msgs m = {0};
    char *templates = pa_path("templates"), *scripts = pa_path("scripts"), *datasets = pa_default_datasets();
    int rc = from_templates(&m, templates, &dg);
    from_scripts(&m, scripts, &dg);
    from_datasets(&m, datasets, &dg);
    from_sheet(&m);
    dg_print(&dg, stderr);
    char *path = out ? ut_xstrdup(out) : ut_xasprintf("%s/i18n/messages.pot", templates);
    of_file f;
    if (rc == 0 && dg.nerrors == 0 && of_open(&f, path) == 0) {
        write_pot(f.fp, &m);
        if (of_commit(&f) != 0) {
            fprintf(stderr, "sswr strings: %s\n", f.error);
            rc = -1;
        } else {
            fprintf(stderr, "sswr strings: %zu messages written to %s\n", m.n, path);
        }
    } else {
        if (rc == 0 && !dg.nerrors) fprintf(stderr, "sswr strings: %s\n", f.error);
        rc = -1;
    }
    free(path);
    free(templates); free(scripts); free(datasets);
    free_msgs(&m);
    dg_free(&dg);
    return rc ? 1 : 0;
}

/* Checks one catalog against the template; returns the number of errors. */
static size_t check_lang(const char *dir, const char *lang, const ct_catalog *pot, int verbose)
{
    dg_list dg = {0};
    char *path = ut_xasprintf("%s/%s.po", dir, lang);
    char *shown = ut_xasprintf("templates/i18n/%s.po", lang);
    ct_catalog *po = ct_load(path, shown, &dg);
    size_t errors = 0;
    if (!po) {
        dg_print(&dg, stdout);
        errors = 1;
        goto out;
    }
    size_t total = ct_count(pot), done = 0, fuzzy = 0, missing = 0, obsolete = 0;
    for (size_t i = 0; i < total; i++) {
        const ct_entry *e = ct_entry_at(pot, i);
        const ct_entry *t = ct_find(po, e->msgctxt, e->msgid);
        if (!t) {
            missing++;
            if (verbose) printf("%s: untranslated (missing): \"%s\"\n", shown, e->msgid);
            continue;
        }
        if (t->flags & CT_FUZZY) {
            fuzzy++;
            if (verbose) printf("%s:%ld: fuzzy: \"%s\"\n", shown, t->line, e->msgid);
            continue;
        }
        int empty = 0;
        for (size_t k = 0; k < t->nstr; k++) empty |= !*t->msgstr[k];
        if (empty) {
            missing++;
            if (verbose) printf("%s:%ld: untranslated: \"%s\"\n", shown, t->line, e->msgid);
            continue;
        }
        char *err = NULL;
        for (size_t k = 0; k < t->nstr; k++) {
            if (!ct_placeholders_match(e->msgid, t->msgstr[k], &err)) {
                printf("%s:%ld: error: placeholders differ from the English: %s\n", shown, t->line,
                       err ? err : "");
                errors++;
                free(err);
                err = NULL;
                break;
            }
        }
        done++;
    }
    for (size_t i = 0; i < ct_count(po); i++) {
        const ct_entry *t = ct_entry_at(po, i);
        if (!ct_find(pot, t->msgctxt, t->msgid)) {
            obsolete++;
            if (verbose) printf("%s:%ld: no longer used: \"%s\"\n", shown, t->line, t->msgid);
        }
    }
    for (size_t i = 0; i < dg.n; i++) {
        char *s = dg_format(&dg.v[i]);
        printf("%s\n", s);
        free(s);
    }
    errors += dg.nerrors;
    printf("%s: %zu of %zu translated (%.0f%%), %zu untranslated, %zu fuzzy, %zu no longer used, "
           "%zu error%s\n", lang, done, total, total ? 100.0 * (double)done / (double)total : 100.0,
           missing, fuzzy, obsolete, errors, errors == 1 ? "" : "s");
    ct_free(po);
out:
    free(path);
    free(shown);
    dg_free(&dg);
    return errors;
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static int check(int argc, char **argv, int verbose)
{
    char *dir = pa_path("templates/i18n");
    char *potpath = ut_xasprintf("%s/messages.pot", dir);
    dg_list dg = {0};
    ct_catalog *pot = ct_load(potpath, "templates/i18n/messages.pot", &dg);
    if (!pot) {
        dg_print(&dg, stderr);
        fprintf(stderr, "sswr strings: run 'sswr strings extract' first\n");
        dg_free(&dg); free(dir); free(potpath);
        return 1;
    }
    char **langs = NULL;
    size_t n = 0, cap = 0;
    if (argc > 0) {
        for (int i = 0; i < argc; i++) {
            ut_grow(&langs, &cap, n + 1, sizeof *langs);
            langs[n++] = ut_xstrdup(argv[i]);
        }
    } else {
        DIR *d = opendir(dir);
        struct dirent *e;
        while (d && (e = readdir(d))) {
            size_t len = strlen(e->d_name);
            if (len > 3 && strcmp(e->d_name + len - 3, ".po") == 0 && e->d_name[0] != '.') {
                ut_grow(&langs, &cap, n + 1, sizeof *langs);
                langs[n++] = ut_xstrndup(e->d_name, len - 3);
            }
        }
        if (d) closedir(d);
        qsort(langs, n, sizeof *langs, cmp_str);
    }
    size_t errors = 0;
    for (size_t i = 0; i < n; i++) {
        errors += check_lang(dir, langs[i], pot, verbose);
        free(langs[i]);
    }
    free(langs);
    ct_free(pot);
    dg_free(&dg);
    free(dir);
    free(potpath);
    return errors ? 1 : 0;
}

static void strings_usage(FILE *out)
{
    fprintf(out,
            "usage: sswr strings extract [-o FILE]\n"
            "       sswr strings check [--verbose] [LANG...]\n\n"
            "extract  regenerates templates/i18n/messages.pot from the templates, the\n"
            "         indicator scripts' labels and descriptions, the datasets'\n"
            "         vocabularies and region names, and the data-entry sheet's labels.\n"
            "check    reports, for each catalog (or the languages named), how much is\n"
            "         translated, and lists with --verbose every untranslated, fuzzy or\n"
            "         unused entry; placeholder mismatches and syntax errors are errors.\n\n"
            "Exit status: 0 no errors, 1 errors, 2 usage error.\n");
}

int cmd_strings(int argc, char **argv)
{
    static const struct option opts[] = {
        { "output", required_argument, NULL, 'o' }, { "verbose", no_argument, NULL, 'v' },
        { "help", no_argument, NULL, 'h' },         { NULL, 0, NULL, 0 },
    };
    const char *out = NULL;
    int verbose = 0, c;
    while ((c = getopt_long(argc, argv, "o:vh", opts, NULL)) != -1) {
        switch (c) {
        case 'o': out = optarg; break;
        case 'v': verbose = 1; break;
        case 'h': strings_usage(stdout); return 0;
        default: strings_usage(stderr); return 2;
        }
    }
    if (optind >= argc) {
        strings_usage(stderr);
        return 2;
    }
    const char *sub = argv[optind++];
    if (strcmp(sub, "extract") == 0 && optind == argc) return extract(out);
    if (strcmp(sub, "check") == 0) return check(argc - optind, argv + optind, verbose);
    strings_usage(stderr);
    return 2;
}
