/* cmd_sheet.c — `sswr sheet` (one country's data-entry sheet for its team)
 * and `sswr import` (the filled-in sheet back into the datasets: validated,
 * the changes listed, merged atomically). The sheet is sheet.c's, the merge
 * dsmerge.c's. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "build.h"
#include "cli.h"
#include "commands.h"
#include "compute.h"
#include "config.h"
#include "dataset.h"
#include "dsmerge.h"
#include "i18n.h"
#include "outfile.h"
#include "paths.h"
#include "sandbox.h"
#include "sheet.h"
#include "util.h"

static void sheet_usage(FILE *out)
{
    fprintf(out,
            "usage: sswr sheet ISO3 [--year Y] [--lang LANG] [--semicolon] [-o FILE.csv]\n\n"
            "Writes one country's data-entry sheet: a CSV file its team fills in with a\n"
            "spreadsheet (Excel, LibreOffice) and sends back for 'sswr import'. It holds the\n"
            "workforce as cadres x employers, education by level, the capacity grid with its\n"
            "allowed answers, a column per year plus a blank one for the new year, the\n"
            "source of each year's figures, and the population for reference (read-only),\n"
            "with labels in the chosen language. UTF-8 with a byte-order mark.\n\n"
            "  -y, --year Y         the new year's blank column (default: the year after the\n"
            "                       edition, scripts/config.lua's 'edition')\n"
            "  -l, --lang LANG      language of the labels (default en): en, fr, es, ...\n"
            "      --semicolon      separate cells with ';' (for spreadsheets set to a\n"
            "                       language that writes decimal commas: French, Spanish, ...)\n"
            "  -o, --output FILE    where to write (default: standard output)\n"
            "  -d, --datasets DIR   folder of the CSV files (default: ./datasets)\n"
            "  -t, --templates DIR  folder of the layouts and catalogs\n"
            "  -s, --scripts DIR    folder of the scripts (config.lua: the edition)\n\n"
            "Exit status: 0 written, 1 errors (data or writing), 2 usage error.\n");
}

static void import_usage(FILE *out)
{
    fprintf(out,
            "usage: sswr import FILE.csv [--dry-run] [--datasets DIR]\n\n"
            "Reads a data-entry sheet made by 'sswr sheet' and filled in (a spreadsheet may\n"
            "have saved it with a byte-order mark, semicolons, CRLF, multi-line notes),\n"
            "checks it, and lists what it changes in the datasets: per table, the rows\n"
            "added (+), changed (~) and removed (-). Then merges it into the datasets: all\n"
            "files or none, each written to a temporary file and renamed into place once\n"
            "the merged datasets load without error. With any error nothing is written.\n"
            "A sheet imported as 'sswr sheet' wrote it changes nothing.\n\n"
            "  -n, --dry-run        list the changes, write nothing\n"
            "  -d, --datasets DIR   folder of the CSV files (default: ./datasets)\n"
            "  -t, --templates DIR  folder of the catalogs (the sheet's answers)\n\n"
            "Problems are printed as FILE:LINE: column NAME: message, with the sheet's own\n"
            "lines and its spreadsheet columns (\"column P (2025)\").\n"
            "Exit status: 0 imported (or nothing to change), 1 errors, 2 usage error.\n");
}

/* Loads the datasets; prints their problems and returns -1 when unusable. */
static int load(const char *prog, const char *dir, ds_data *ds, dg_list *dg)
{
    if (ds_load(dir, ds, dg) == 0) return 0;
    dg_print(dg, stderr);
    fprintf(stderr, "%s: the datasets cannot be used\n", prog);
    return -1;
}

/* The edition of scripts/config.lua (the report year), checked against
 * the datasets; its problems are printed and -1 returned when it cannot
 * be used. */
static int edition_of(const char *scripts, const ds_data *ds, int *edition)
{
    dg_list dg = {0};
    char *dir = scripts ? ut_xstrdup(scripts) : pa_path("scripts");
    const char *shown = scripts ? scripts : "scripts";
    cp_host *h = cp_open(dir, shown, &dg);
    int bad = cp_load_failed(h);
    if (!bad) {
        char *cfg = ut_xasprintf("%s/config.lua", dir), *cfgs = ut_xasprintf("%s/config.lua", shown);
        lua_State *L = cp_sandbox(h)->L;
        bad = cf_check(L, cfg, cfgs, ds, &dg) != 0;
        if (!bad) *edition = cf_edition(L);
        free(cfg);
        free(cfgs);
    }
    cp_close(h);
    dg_print(&dg, stderr);
    if (bad) fprintf(stderr, "sswr sheet: the scripts or their configuration have errors (above): no sheet was written\n");
    dg_free(&dg);
    free(dir);
    return bad ? -1 : 0;
}

/* The country's index; a usage error (printed) and -1 when unknown. */
static int country_arg(const ds_data *ds, const char *code)
{
    char up[8] = {0};
    for (size_t k = 0; k < 7 && code[k]; k++)
        up[k] = (char)(code[k] >= 'a' && code[k] <= 'z' ? code[k] - 32 : code[k]);
    int i = strlen(code) < 8 ? ds_find(ds, up) : -1;
    if (i >= 0) return i;
    const char *best = ds_suggest(ds, code);
    char shown[UT_SHOWN_SIZE];
    if (best) cl_usage_error("sswr sheet", "unknown country code '%s' (did you mean %s?)", ut_shown(shown, code), best);
    else cl_usage_error("sswr sheet", "unknown country code '%s' (see datasets/countries.csv)", ut_shown(shown, code));
    return -1;
}

int cmd_sheet(int argc, char **argv)
{
    static const struct option opts[] = {
        { "year", required_argument, NULL, 'y' },     { "lang", required_argument, NULL, 'l' },
        { "output", required_argument, NULL, 'o' },   { "datasets", required_argument, NULL, 'd' },
        { "templates", required_argument, NULL, 't' }, { "semicolon", no_argument, NULL, 'S' },
        { "scripts", required_argument, NULL, 's' },  { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    const char *prog = "sswr sheet", *lang = "en", *output = NULL, *datasets = NULL, *templates = NULL;
    const char *scripts = NULL;
    int year = 0, c;
    char delim = ',';
    cl_parser p = { .prog = prog, .shortopts = "y:l:o:d:t:s:h", .longopts = opts };
    while ((c = cl_next(&p, argc, argv)) != -1) {
        switch (c) {
        case 'y':
            if (cl_number(prog, "--year", optarg, DS_YEAR_MIN, DS_YEAR_MAX, "a year", &year)) return CL_USAGE;
            break;
        case 'l': lang = optarg; break;
        case 'o': output = optarg; break;
        case 'd': datasets = optarg; break;
        case 't': templates = optarg; break;
        case 'S': delim = ';'; break;
        case 's': scripts = optarg; break;
        case 'h': sheet_usage(stdout); return 0;
        default: return CL_USAGE;
        }
    }
    char shown[UT_SHOWN_SIZE];
    if (optind == argc) return cl_usage_error(prog, "expected one country code (ISO3), e.g. 'sswr sheet KEN -o ken.csv'");
    if (optind + 1 < argc)
        return cl_usage_error(prog, "unexpected argument '%s' (one country per sheet)", ut_shown(shown, argv[optind + 1]));
    if (!*argv[optind]) return cl_usage_error(prog, "empty country code (expected one ISO3 code, e.g. KEN)");
    char *tdir = templates ? ut_xstrdup(templates) : pa_path("templates");
    char *i18n = ut_xasprintf("%s/i18n", tdir);
    if (cl_language(prog, lang, i18n) != 0) {
        free(tdir); free(i18n);
        return CL_USAGE;
    }
    char *dir = datasets ? ut_xstrdup(datasets) : pa_default_datasets();
    ds_data ds;
    dg_list dg = {0};
    int status = 0;
    if (load("sswr sheet", dir, &ds, &dg) != 0) {
        status = 1;
        goto out;
    }
    int ci = country_arg(&ds, argv[optind]);
    if (ci < 0) {
        status = 2;
        goto out;
    }
    if (ds.c[ci].failed) {
        for (size_t i = 0; i < dg.n; i++)
            if (!strcmp(dg.v[i].iso3, ds.c[ci].iso3) || !dg.v[i].iso3[0]) {
                char *s = dg_format(&dg.v[i]);
                fprintf(stderr, "%s\n", s);
                free(s);
            }
        fprintf(stderr, "sswr sheet: %s has errors in its data (above): fix them before making its sheet\n",
                ds.c[ci].iso3);
        status = 1;
        goto out;
    }
    int edition = 0;
    if (!year && edition_of(scripts, &ds, &edition) != 0) {
        status = 1;
        goto out;
    }
    dg_list tdg = {0};
    tr_lang *tr = tr_open(i18n, lang, &tdg);
    if (!tr) {
        dg_print(&tdg, stderr);
        dg_free(&tdg);
        status = 1;
        goto out;
    }
    of_file f;
    of_lock lock;   /* -o into a build's output folder: not while it builds */
    if (bd_lock_for(&lock, output, NULL) != 0) {
        status = 1;
    } else if (of_open(&f, output) != 0) {
        fprintf(stderr, "sswr sheet: %s\n", f.error);
        status = 1;
    } else {
        if (sh_write(f.fp, &ds, (size_t)ci, tr, year ? year : sh_default_year(&ds, edition), delim) != 0) {
            of_abort(&f);
            fprintf(stderr, "sswr sheet: cannot write %s\n", output ? output : "to standard output");
            status = 1;
        } else if (of_commit(&f) != 0) {
            fprintf(stderr, "sswr sheet: %s\n", f.error);
            status = 1;
        } else if (output && strcmp(output, "-") != 0) {
            fprintf(stderr, "sswr sheet: wrote the sheet of %s (%s) to %s\n", ds.c[ci].iso3,
                    ds_name(&ds, &ds.c[ci], lang), output);
        }
    }
    of_unlock(&lock);
    /* Untranslated labels fall back to English: say which. */
    dg_print(&tdg, stderr);
    tr_close(tr);
    dg_free(&tdg);
out:
    ds_free(&ds);
    dg_free(&dg);
    free(dir);
    free(tdir);
    free(i18n);
    return status;
}

int cmd_import(int argc, char **argv)
{
    static const struct option opts[] = {
        { "dry-run", no_argument, NULL, 'n' },        { "datasets", required_argument, NULL, 'd' },
        { "templates", required_argument, NULL, 't' }, { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    const char *prog = "sswr import", *datasets = NULL, *templates = NULL;
    int dry = 0, c;
    cl_parser p = { .prog = prog, .shortopts = "nd:t:h", .longopts = opts };
    while ((c = cl_next(&p, argc, argv)) != -1) {
        switch (c) {
        case 'n': dry = 1; break;
        case 'd': datasets = optarg; break;
        case 't': templates = optarg; break;
        case 'h': import_usage(stdout); return 0;
        default: return CL_USAGE;
        }
    }
    char shown[UT_SHOWN_SIZE];
    if (optind == argc) return cl_usage_error(prog, "expected one sheet, e.g. 'sswr import ken.csv --dry-run'");
    if (optind + 1 < argc)
        return cl_usage_error(prog, "unexpected argument '%s' (one sheet at a time)", ut_shown(shown, argv[optind + 1]));
    if (!*argv[optind]) return cl_usage_error(prog, "empty file name (expected a sheet, e.g. ken.csv)");
    const char *sheet = argv[optind];
    of_install_signal_cleanup();   /* an interrupted merge leaves no temporary file */
    char *dir = datasets ? ut_xstrdup(datasets) : pa_default_datasets();
    char *tdir = templates ? ut_xstrdup(templates) : pa_path("templates");
    char *i18n = ut_xasprintf("%s/i18n", tdir);
    ds_data ds;
    dg_list dg = {0}, sdg = {0};
    sh_import imp;
    memset(&imp, 0, sizeof imp);
    dm_diff diff[DM_NTABLES];
    memset(diff, 0, sizeof diff);
    int status = 1;
    if (load("sswr import", dir, &ds, &dg) != 0) goto out;
    /* Problems of a whole file stop the import; other countries' rows are
     * copied as they are. */
    size_t others = 0;
    for (size_t i = 0; i < dg.n; i++)
        if (dg.v[i].sev == DG_ERROR && !dg.v[i].iso3[0]) {
            char *s = dg_format(&dg.v[i]);
            fprintf(stderr, "%s\n", s);
            free(s);
            others = (size_t)-1;
        }
    if (others == (size_t)-1) {
        fprintf(stderr, "sswr import: the datasets have errors (above): fix them (sswr check) before importing\n");
        goto out;
    }
    if (sh_read(sheet, sheet, &ds, i18n, &imp, &sdg) != 0) {
        /* The country's own data errors first, when that is what stopped it. */
        if (imp.country >= 0 && ds.c[imp.country].failed)
            for (size_t i = 0; i < dg.n; i++)
                if (!strcmp(dg.v[i].iso3, ds.c[imp.country].iso3)) {
                    char *s = dg_format(&dg.v[i]);
                    fprintf(stderr, "%s\n", s);
                    free(s);
                }
        dg_print(&sdg, stderr);
        fprintf(stderr, "sswr import: %s: %zu error%s; nothing written\n", sheet, sdg.nerrors,
                sdg.nerrors == 1 ? "" : "s");
        goto out;
    }
    dg_print(&sdg, stderr);   /* warnings about the sheet */
    dg_free(&sdg);
    const ds_country *cc = &ds.c[imp.country];
    for (size_t i = 0; i < ds.nc; i++) others += ds.c[i].failed;
    size_t total = 0, added = 0, changed = 0, removed = 0;
    for (int t = 0; t < DM_NTABLES; t++) {
        dm_rows cur = {0};
        dm_country_rows(&ds, cc, t, &cur);
        dm_diff_rows(t, &cur, &imp.want[t], &diff[t]);
        dm_rows_free(&cur);
        added += diff[t].added.n;
        changed += diff[t].after.n;
        removed += diff[t].removed.n;
        total += dm_diff_count(&diff[t]);
    }
    printf("%s: %s (%s), sheet in %s\n", sheet, cc->iso3, ds_name(&ds, cc, "en"), imp.lang);
    dm_print_diff(stdout, dir, diff);
    fflush(stdout);
    if (others)
        fprintf(stderr, "sswr import: note: %zu other countr%s errors in the datasets (sswr check lists them); "
                "their rows are left as they are\n", others, others == 1 ? "y has" : "ies have");
    if (!total) {
        fprintf(stderr, "sswr import: no change: the datasets already hold the sheet's figures\n");
        status = 0;
    } else if (dry) {
        fprintf(stderr, "sswr import: dry run: %zu added, %zu changed, %zu removed; nothing written\n", added,
                changed, removed);
        status = 0;
    } else if (dm_apply(dir, cc->iso3, diff, &sdg) != 0) {
        dg_print(&sdg, stderr);
        fprintf(stderr, "sswr import: the merge was not written (above); the datasets are unchanged\n");
    } else {
        fprintf(stderr, "sswr import: %s: %zu added, %zu changed, %zu removed; run 'sswr check' and "
                "'sswr review --country %s'\n", dir, added, changed, removed, cc->iso3);
        status = 0;
    }
out:
    for (int t = 0; t < DM_NTABLES; t++) dm_diff_free(&diff[t]);
    sh_import_free(&imp);
    ds_free(&ds);
    dg_free(&dg);
    dg_free(&sdg);
    free(dir);
    free(tdir);
    free(i18n);
    return status;
}
