/* cmd_strings.c — `sswr strings`: the translators' tools. `extract`
 * regenerates templates/i18n/messages.pot from every place user-visible
 * English lives (template texts, indicator labels and descriptions, the
 * dataset vocabularies and region names), which potfile.c collects and
 * writes; `check` reports each catalog's coverage, untranslated and fuzzy
 * entries, placeholder mismatches and entries no longer used. */
#include <dirent.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "catalog.h"
#include "cli.h"
#include "commands.h"
#include "conventions.h"
#include "dataset.h"
#include "outfile.h"
#include "paths.h"
#include "potfile.h"
#include "util.h"

#define PROG "sswr strings"

static int extract(const char *out)
{
    dg_list dg = {0};
    px_pot m = {0};
    char *templates = pa_path("templates"), *scripts = pa_path("scripts"), *datasets = pa_default_datasets();
    int rc = px_collect(&m, templates, scripts, datasets, &dg);
    dg_print(&dg, stderr);
    char *path = out ? ut_xstrdup(out) : ut_xasprintf("%s/i18n/messages.pot", templates);
    of_file f;
    if (rc == 0 && dg.nerrors == 0 && of_open(&f, path) == 0) {
        px_write(f.fp, &m);
        if (of_commit(&f) != 0) {
            fprintf(stderr, PROG ": %s\n", f.error);
            rc = -1;
        } else {
            fprintf(stderr, PROG ": %zu messages written to %s\n", m.n, path);
        }
    } else {
        if (rc == 0 && !dg.nerrors) fprintf(stderr, PROG ": %s\n", f.error);
        rc = -1;
    }
    free(path);
    free(templates); free(scripts); free(datasets);
    px_free(&m);
    dg_free(&dg);
    return rc ? 1 : 0;
}

/* The share translated, rounded down: "100%" only when every message is
 * (240 of 241 is "99%", not "100%"), and "<1%" rather than "0%" when some
 * are. */
static const char *percent(char *out, size_t n, size_t done, size_t total)
{
    if (done >= total) snprintf(out, n, "100%%");
    else if (done * 100 < total && done) snprintf(out, n, "<1%%");
    else snprintf(out, n, "%zu%%", done * 100 / total);
    return out;
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
    char pct[16];
    printf("%s: %zu of %zu translated (%s), %zu untranslated, %zu fuzzy, %zu no longer used, "
           "%zu error%s\n", lang, done, total, percent(pct, sizeof pct, done, total),
           missing, fuzzy, obsolete, errors, errors == 1 ? "" : "s");
    ct_free(po);
out:
    free(path);
    free(shown);
    dg_free(&dg);
    return errors;
}

/* A language's conventions file: its errors (counted), or a warning when it
 * has none. */
static size_t check_conventions(const char *dir, const char *lang)
{
    char *path = ut_xasprintf("%s/%s.conventions", dir, lang);
    char *shown = ut_xasprintf("templates/i18n/%s.conventions", lang);
    size_t errors = 0;
    if (access(path, F_OK) != 0) {
        printf("%s: warning: no conventions file: %s's numbers, lists and quotation marks are "
               "written the English way (templates/i18n/README.md, \"Conventions\")\n", shown, lang);
    } else {
        dg_list dg = {0};
        cv_free(cv_load(path, shown, lang, &dg));
        dg_print(&dg, stdout);
        errors = dg.nerrors;
        dg_free(&dg);
    }
    free(path);
    free(shown);
    return errors;
}

/* Most country codes listed in a warning before "and N more". */
#define STRINGS_MAX_LISTED 10

/* A language's names file: a warning when it is missing or lacks countries
 * (their English names are printed instead). */
static void check_names(const ds_data *ds, const char *lang)
{
    int l = ds_lang(ds, lang);
    if (l < 0) {
        printf("datasets/names/%s.csv: warning: no names file: every country's name is printed "
               "in English\n", lang);
        return;
    }
    size_t missing = 0;
    ut_buf list = {0};
    for (size_t i = 0; i < ds->nc; i++) {
        if (ds->c[i].names && ds->c[i].names[l]) continue;
        if (missing < STRINGS_MAX_LISTED) ut_buf_printf(&list, "%s%s", missing ? ", " : "", ds->c[i].iso3);
        missing++;
    }
    if (missing > STRINGS_MAX_LISTED) ut_buf_printf(&list, " and %zu more", missing - STRINGS_MAX_LISTED);
    if (missing)
        printf("datasets/names/%s.csv: warning: %zu of %zu countries have no name (printed in "
               "English): %s\n", lang, missing, ds->nc, list.data);
    ut_buf_free(&list);
}

/* The country stories (datasets/stories) a language lacks while another
 * language has them: its profiles show them in their original language,
 * so translators see what to translate. */
static void check_stories(const ds_data *ds, const char *lang)
{
    size_t missing = 0;
    ut_buf list = {0};
    for (size_t i = 0; i < ds->stories.n; i++) {
        const sy_story *s = &ds->stories.v[i];
        if (i && !strcmp(s->iso3, ds->stories.v[i - 1].iso3)) continue;   /* one per country */
        if (sy_find(&ds->stories, s->iso3, lang) || !sy_has(&ds->stories, s->iso3)) continue;
        int fb;
        const sy_story *o = sy_pick(&ds->stories, s->iso3, lang, &fb);
        if (!o) continue;
        if (missing < STRINGS_MAX_LISTED) ut_buf_printf(&list, "%s%s", missing ? ", " : "", o->path);
        missing++;
    }
    if (missing > STRINGS_MAX_LISTED) ut_buf_printf(&list, " and %zu more", missing - STRINGS_MAX_LISTED);
    if (missing)
        printf("datasets/stories: warning: %zu stor%s not in %s (shown in the original language): "
               "translate %s into ISO3.%s.md\n", missing, missing == 1 ? "y is" : "ies are", lang, list.data, lang);
    ut_buf_free(&list);
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static int has_catalog(const char *dir, const char *lang)
{
    char *po = ut_xasprintf("%s/%s.po", dir, lang);
    int ok = access(po, R_OK) == 0;
    free(po);
    return ok;
}

/* The languages named (each with a catalog, none twice), or every catalog
 * in dir; NULL after a usage error (printed). */
static char **check_langs(int argc, char **argv, const char *dir)
{
    char **langs = ut_xcalloc((size_t)argc + 1, sizeof *langs);
    for (int i = 0; i < argc; i++) {
        char shown[UT_SHOWN_SIZE];
        int bad = 0;
        if (!*argv[i]) bad = cl_usage_error(PROG, "empty language code");
        else if (strcmp(argv[i], "en") == 0 && !has_catalog(dir, "en"))
            bad = cl_usage_error(PROG, "en is the language of the msgids: it has no catalog to check");
        else bad = cl_language(PROG, argv[i], dir);
        for (int k = 0; k < i && !bad; k++)
            if (strcmp(langs[k], argv[i]) == 0) bad = cl_usage_error(PROG, "%s is named twice", ut_shown(shown, argv[i]));
        if (bad) {
            ut_strv_free(langs);
            return NULL;
        }
        langs[i] = ut_xstrdup(argv[i]);
    }
    if (argc) return langs;
    size_t n = 0, cap = (size_t)argc + 1;
    DIR *d = opendir(dir);
    struct dirent *e;
    while (d && (e = readdir(d))) {
        size_t len = strlen(e->d_name);
        if (len > 3 && strcmp(e->d_name + len - 3, ".po") == 0 && e->d_name[0] != '.') {
            ut_grow(&langs, &cap, n + 2, sizeof *langs);
            langs[n++] = ut_xstrndup(e->d_name, len - 3);
            langs[n] = NULL;
        }
    }
    if (d) closedir(d);
    qsort(langs, n, sizeof *langs, cmp_str);
    return langs;
}

static int check(int argc, char **argv, int verbose)
{
    char *dir = pa_path("templates/i18n");
    char **langs = check_langs(argc, argv, dir);
    if (!langs) {
        free(dir);
        return CL_USAGE;
    }
    char *potpath = ut_xasprintf("%s/messages.pot", dir);
    dg_list dg = {0};
    ct_catalog *pot = ct_load(potpath, "templates/i18n/messages.pot", &dg);
    if (!pot) {
        dg_print(&dg, stderr);
        fprintf(stderr, PROG ": run 'sswr strings extract' first\n");
        dg_free(&dg); free(dir); free(potpath); ut_strv_free(langs);
        return 1;
    }
    /* The template's own problems (a stray character in an English text
       the extractor copied) are the catalogs' too. */
    dg_print(&dg, stdout);
    size_t errors = dg.nerrors;
    /* The names files: the countries a language's profiles would print in
     * English. The datasets' own problems are `sswr check`'s business. */
    char *datasets = pa_default_datasets();
    ds_data ds;
    dg_list dsdg = {0};
    int names = ds_load(datasets, &ds, &dsdg) == 0;   /* unreadable: nothing to say here */
    dg_free(&dsdg);
    if (names && !argc) check_stories(&ds, "en");
    for (char **l = langs; *l; l++) {
        errors += check_lang(dir, *l, pot, verbose);
        errors += check_conventions(dir, *l);
        if (names) check_names(&ds, *l);
        if (names) check_stories(&ds, *l);
    }
    ds_free(&ds);
    free(datasets);
    ut_strv_free(langs);
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
            "         indicator scripts' labels and descriptions, and the datasets'\n"
            "         vocabularies and region names.\n"
            "check    reports, for each catalog (or the languages named), how much is\n"
            "         translated, and lists with --verbose every untranslated, fuzzy or\n"
            "         unused entry; placeholder mismatches, syntax errors and characters\n"
            "         that do not belong in a translation (bidirectional overrides and\n"
            "         isolates, control and invisible format characters) are errors;\n"
            "         so are errors in a language's conventions file. A missing\n"
            "         conventions file, and countries without a name in the language's\n"
            "         names file (datasets/names/LANG.csv), are warnings.\n"
            "         The share translated is rounded down: 100%% means every message.\n\n"
            "Exit status: 0 no errors, 1 errors, 2 usage error (e.g. a language without\n"
            "a catalog, or named twice).\n");
}

int cmd_strings(int argc, char **argv)
{
    static const struct option opts[] = {
        { "output", required_argument, NULL, 'o' }, { "verbose", no_argument, NULL, 'v' },
        { "help", no_argument, NULL, 'h' },         { NULL, 0, NULL, 0 },
    };
    static const char *const subs[] = { "extract", "check" };
    const char *out = NULL;
    int verbose = 0, c;
    cl_parser p = { .prog = PROG, .shortopts = "o:vh", .longopts = opts };
    while ((c = cl_next(&p, argc, argv)) != -1) {
        switch (c) {
        case 'o': out = optarg; break;
        case 'v': verbose = 1; break;
        case 'h': strings_usage(stdout); return 0;
        default: return CL_USAGE;
        }
    }
    if (optind >= argc) return cl_usage_error(PROG, "expected 'extract' or 'check'");
    int sub = cl_choice(PROG, "command", argv[optind++], subs, 2);
    if (sub < 0) return CL_USAGE;
    if (sub == 0) {
        char shown[UT_SHOWN_SIZE];
        if (verbose) return cl_usage_error(PROG, "--verbose is an option of 'strings check'");
        if (optind < argc)
            return cl_usage_error(PROG, "unexpected argument '%s' ('strings extract' takes none)",
                                  ut_shown(shown, argv[optind]));
        return extract(out);
    }
    if (out) return cl_usage_error(PROG, "--output is an option of 'strings extract'");
    return check(argc - optind, argv + optind, verbose);
}
