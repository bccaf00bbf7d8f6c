/* layout.c — one country profile, block by block (see layout.h).
 * Positions come from the template in points from the page's top-left
 * corner, y down; blocks are placed through draw.c (dw_*, which turns them
 * into the PDF's bottom-left coordinates and mirrors right-to-left pages)
 * as items of the page tree (pagetree.h), which pdfwrite.c then paints:
 * nothing is drawn here. Every figure comes from the model ("no data" for
 * NAN), read through the contract (contract.h), the capacity grid's
 * statuses included; labels of cadres and grid items come from the
 * datasets' vocabularies. */
#include "layout.h"
#include "catalog.h"
#include "chart.h"
#include "chartfile.h"
#include "contract.h"
#include "draw.h"
#include "i18n.h"
#include "numfmt.h"
#include "outfile.h"
#include "pdfwrite.h"
#include "scene.h"
#include "schema.h"
#include "storypage.h"
#include "template.h"
#include "text.h"
#include "util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define LO_PAGE_W DW_PAGE_W
#define LO_PAGE_H DW_PAGE_H
#define LO_PAGES LO_PROFILE_PAGES
#define LO_MAX_LANGS 32
#define LO_MAX_PH 24          /* placeholders available to one string */
#define LO_MAX_GROUP 128      /* countries in one comparison chart */
#define LO_MAX_CHARTS 16      /* charts of one profile written as PNG/SVG */
#define LO_HEADER_H 67.0      /* a header without `text`: kicker, name, subtitle */
#define LO_TILE_COLS 4        /* tiles per row when `cols` is not given */
#define LO_TILE_GAP 8.0       /* between tiles */
#define LO_TILE_MIN_W 60.0    /* a tile: its label and value inset 8 pt */
#define LO_TILE_MIN_H 48.0    /* label (8..26) and value (26..48) */
#define LO_MAX_MOVED 128      /* blocks of a page moved up when the country has no story */
#define LO_TCOLS 8            /* a table's own columns and those its `columns` option adds */

/* ---- theme -------------------------------------------------------------- */

typedef struct theme {
    sc_color ink, muted, primary, accent, positive, partial, negative, unknown;
    sc_color rule, tile, banner, banner_rule, white;
    sc_color palette[CH_PALETTE];
    double body, small, title;
    double min;                /* no text is shrunk below this (min_size) */
    double gutter;             /* least space between the texts of two table cells */
} theme;

struct lo_env {
    tp_template tpl;
    theme th;
    tx_fontset *fonts;
    char *i18n_dir;
    dg_list *dg;
    char *lang_ids[LO_MAX_LANGS];
    tr_lang *langs[LO_MAX_LANGS];
    size_t nlangs;
    sc_ft *chart_fonts[4];     /* PNG/SVG text: latin, arabic, cjk, cyrillic; opened once */
};

static int hexval(const char *s, sc_color *out)
{
    if (!s || s[0] != '#' || strlen(s) != 7) return -1;
    char *end;
    unsigned long v = strtoul(s + 1, &end, 16);
    if (*end) return -1;
    *out = sc_rgb((unsigned)v);
    return 0;
}

/* A colour of the theme; its value was checked when theme.tpl loaded. */
static void theme_color(const tp_block *b, const char *key, unsigned def, sc_color *out)
{
    *out = sc_rgb(def);
    if (hexval(tp_get(b, key, NULL), out) != 0) *out = sc_rgb(def);
}

/* The theme from its checked [theme] block (defaults for what it leaves
 * out); sizes below min_size are errors. Returns the number of errors. */
static int load_theme(lo_env *env, const tp_template *t)
{
    const tp_block *b = tp_find(t, "theme", NULL);
    theme *th = &env->th;
    theme_color(b, "ink", 0x222b33, &th->ink);
    theme_color(b, "muted", 0x5f6b76, &th->muted);
    theme_color(b, "primary", 0x1d4e89, &th->primary);
    theme_color(b, "accent", 0xe07a2e, &th->accent);
    theme_color(b, "positive", 0x2a9d8f, &th->positive);
    theme_color(b, "partial", 0xe9c46a, &th->partial);
    theme_color(b, "negative", 0xd1495b, &th->negative);
    theme_color(b, "unknown", 0xb8c0c8, &th->unknown);
    theme_color(b, "rule", 0xd5dbe1, &th->rule);
    theme_color(b, "tile", 0xf1f5f9, &th->tile);
    theme_color(b, "banner", 0xfff4d6, &th->banner);
    theme_color(b, "banner_rule", 0xe0b000, &th->banner_rule);
    th->white = sc_rgb(0xffffff);
    for (int i = 0; i < CH_PALETTE; i++) th->palette[i] = sc_rgb(ch_palette_default[i]);
    char **v = ut_split_list(tp_get(b, "palette", ""));
    for (int i = 0; v[i] && i < CH_PALETTE; i++) {
        char *c = v[i];
        while (*c == ' ') c++;
        hexval(c, &th->palette[i]);
    }
    ut_strv_free(v);
    th->min = tp_num(b, "min_size", 5);
    th->gutter = tp_num(b, "gutter", 6);
    th->body = tp_num(b, "body_size", 8);
    th->small = tp_num(b, "small_size", 6.5);
    th->title = tp_num(b, "title_size", 10);
    int bad = 0;
    static const char *const sizes[] = { "body_size", "small_size", "title_size" };
    for (int i = 0; i < 3; i++) {
        const tp_attr *a = tp_attr_of(b, sizes[i]);
        double v = tp_num(b, sizes[i], 0);
        if (a && v < th->min) {
            dg_error(env->dg, t->file, a->line, NULL, NULL, "block 'theme': option '%s' (%g) must be at least "
                     "min_size (%g points), the smallest size text is shrunk to", sizes[i], v, th->min);
            bad++;
        }
    }
    return bad;
}

/* The ids a list option (a [tiles] block's `items`, a [table]'s `columns`)
 * lists, without the blanks around them. */
static char **tile_items_of(const tp_block *b, const char *key)
{
    char **v = ut_split_list(tp_get(b, key, ""));
    for (char **p = v; *p; p++) {
        char *s = *p, *e = s + strlen(s);
        while (*s == ' ' || *s == '\t') s++;
        while (e > s && (e[-1] == ' ' || e[-1] == '\t')) e--;
        memmove(*p, s, (size_t)(e - s));
        (*p)[e - s] = '\0';
    }
    return v;
}

static char **tile_items(const tp_block *b) { return tile_items_of(b, "items"); }

/* Whether a tile of `items` is one of the built-in tiles (sm_tiles), which
 * take their label from the block; any other names an indicator. */
static int builtin_tile(const char *id)
{
    for (const char *const *t = sm_tiles; *t; t++)
        if (!strcmp(*t, id)) return 1;
    return 0;
}

/* A [tiles] block: each listed built-in tile has its label (one_in_n its
 * value text too), and the grid of tiles leaves each room for a label and
 * a value. Tiles naming an indicator are checked against the scripts by
 * lo_check_indicators. */
static int check_tiles(lo_env *env, const tp_block *b)
{
    const tp_template *t = &env->tpl;
    int bad = 0;
    char **items = tile_items(b);
    long line = tp_attr_of(b, "items")->line;
    size_t n = ut_strv_len(items);
    for (size_t i = 0; i < n; i++) {
        const char *id = items[i];
        const char *need = !builtin_tile(id) ? NULL : !tp_attr_of(b, id) ? id
                         : !strcmp(id, "one_in_n") && !tp_attr_of(b, "one_in_n_value") ? "one_in_n_value" : NULL;
        if (need) {
            dg_error(env->dg, t->file, line, NULL, NULL, "block 'tiles %s': option 'items' lists '%s', which needs "
                     "the text %s = \"...\" in this block", b->name, id, need);
            bad++;
        }
    }
    int cols = (int)tp_num(b, "cols", LO_TILE_COLS);
    size_t rows = n ? (n + (size_t)cols - 1) / (size_t)cols : 0;
    double min_w = cols * LO_TILE_MIN_W + (cols - 1) * LO_TILE_GAP;
    double min_h = (double)rows * LO_TILE_MIN_H + (double)(rows ? rows - 1 : 0) * LO_TILE_GAP;
    const tp_attr *w = tp_attr_of(b, "w"), *h = tp_attr_of(b, "h");
    if (w && b->w < min_w) {
        dg_error(env->dg, t->file, w->line, NULL, NULL, "block 'tiles %s': option 'w' must be at least %g (points) "
                 "for %d tiles per row, not %g", b->name, min_w, cols, b->w);
        bad++;
    }
    if (h && b->h < min_h) {
        dg_error(env->dg, t->file, h->line, NULL, NULL, "block 'tiles %s': option 'h' must be at least %g (points) "
                 "for %zu row%s of tiles, not %g", b->name, min_h, rows, rows == 1 ? "" : "s", b->h);
        bad++;
    }
    ut_strv_free(items);
    return bad;
}

/* A [table]'s `columns`: as many as fit beside its own (6 at most for
 * cadres, 3 for education) in LO_TCOLS. */
static int check_columns(lo_env *env, const tp_block *b)
{
    char **v = tile_items_of(b, "columns");
    size_t n = ut_strv_len(v), own = !strcmp(tp_get(b, "kind", ""), "cadres") ? 6 : 3;
    ut_strv_free(v);
    if (own + n <= LO_TCOLS) return 0;
    dg_error(env->dg, env->tpl.file, tp_attr_of(b, "columns")->line, NULL, NULL, "block 'table %s': option "
             "'columns' lists %zu indicators; a table of kind %s has room for %zu more columns at most", b->name, n,
             tp_get(b, "kind", ""), (size_t)LO_TCOLS - own);
    return 1;
}

/* `below = NAME` names a [published NAME] block drawn before it on its
 * page. Returns the number of errors. */
static int check_below(lo_env *env)
{
    const tp_template *t = &env->tpl;
    int bad = 0;
    for (size_t i = 0; i < t->nblocks; i++) {
        const tp_attr *a = tp_attr_of(&t->blocks[i], "below");
        if (!a) continue;
        size_t k = 0;
        while (k < i && !(!strcmp(t->blocks[k].type, "published") && !strcmp(t->blocks[k].name, a->value) &&
                          t->blocks[k].page == t->blocks[i].page))
            k++;
        if (k == i) {
            char sh[UT_SHOWN_SIZE];
            dg_error(env->dg, t->file, a->line, NULL, NULL, "block '%s %s': option 'below': no [published %s] "
                     "block before it on its page", t->blocks[i].type, t->blocks[i].name, ut_shown(sh, a->value));
            bad++;
        }
    }
    return bad;
}

/* What the schema cannot say: rules that involve several options or
 * blocks. Errors at the line of the option to change; returns their count. */
static int check_profile(lo_env *env)
{
    const tp_template *t = &env->tpl;
    int bad = 0;
    const tp_block *banner = NULL, *edu = NULL;
    for (size_t i = 0; i < t->nblocks; i++) {
        const tp_block *b = &t->blocks[i];
        if (!strcmp(b->type, "banner") && !banner) banner = b;
        if (!strcmp(b->type, "table") && !strcmp(tp_get(b, "kind", ""), "education")) edu = b;
    }
    bad += check_below(env);
    if (!tp_find(t, "document", NULL)) {
        dg_error(env->dg, t->file, 0, NULL, NULL, "no [document] block: the PDF's title, subject, keywords, "
                 "author and date come from it");
        bad++;
    }
    /* Profiles built on illustrative data must say so on their first page. */
    if (!banner || (banner->page != 1 && banner->page != 0)) {
        dg_error(env->dg, t->file, banner ? tp_attr_of(banner, "page")->line : 0, NULL, NULL,
                 "%s: profiles built on illustrative data must say so on page 1: a [banner] block on "
                 "page 1 is required", banner ? "block 'banner'" : "no [banner] block");
        bad++;
    }
    for (size_t i = 0; i < t->nblocks; i++) {
        const tp_block *b = &t->blocks[i];
        if (banner && b > banner && b->page >= 0 && (b->page == banner->page || !b->page || !banner->page) &&
            b->x < banner->x + banner->w && banner->x < b->x + b->w &&
            b->y < banner->y + banner->h && banner->y < b->y + b->h) {
            dg_error(env->dg, t->file, b->line, NULL, NULL, "block '%s %s' is drawn over the illustrative-data "
                     "banner (line %ld): move one of them", b->type, b->name, banner->line);
            bad++;
        }
        if (!strcmp(b->type, "header") && !tp_attr_of(b, "text")) {
            static const char *const need[] = { "kicker", "subtitle", "year" };
            for (int k = 0; k < 3; k++)
                if (!tp_attr_of(b, need[k])) {
                    dg_error(env->dg, t->file, b->line, NULL, NULL, "block 'header %s': missing option '%s' "
                             "(a header without 'text' shows a kicker, the country name, a subtitle and the year)",
                             b->name, need[k]);
                    bad++;
                }
            const tp_attr *h = tp_attr_of(b, "h");
            if (h && b->h < LO_HEADER_H) {
                dg_error(env->dg, t->file, h->line, NULL, NULL, "block 'header %s': option 'h' must be at least "
                         "%g (points) for a header without 'text', not %g", b->name, LO_HEADER_H, b->h);
                bad++;
            }
        }
        if (!strcmp(b->type, "tiles") && tp_attr_of(b, "items")) bad += check_tiles(env, b);
        if (!strcmp(b->type, "table") && tp_attr_of(b, "columns")) bad += check_columns(env, b);
        if (!strcmp(b->type, "chart") && !strcmp(tp_get(b, "kind", ""), "graduates") && !edu) {
            dg_error(env->dg, t->file, b->line, NULL, NULL, "block 'chart %s': a graduates chart takes the "
                     "names of the levels from a [table] block of kind education, and there is none", b->name);
            bad++;
        }
    }
    return bad;
}

/* Loads and checks profile.tpl and theme.tpl into env; returns nonzero
 * when either has errors (in env->dg). */
static int load_templates(lo_env *env, const char *templates_dir)
{
    dg_list *dg = env->dg;
    char *path = ut_xasprintf("%s/profile.tpl", templates_dir);
    char *tpath = ut_xasprintf("%s/theme.tpl", templates_dir);
    int bad = tp_load(path, "templates/profile.tpl", sm_profile, &env->tpl, dg) != 0;
    bad |= tp_check_page(&env->tpl, LO_PAGE_W, LO_PAGE_H, dg) != 0;
    if (!bad) bad |= check_profile(env) != 0;
    tp_template th;
    int theme_bad = tp_load(tpath, "templates/theme.tpl", sm_theme, &th, dg) != 0;
    if (!theme_bad) theme_bad = load_theme(env, &th) != 0;
    bad |= theme_bad;
    tp_free(&th);
    free(path);
    free(tpath);
    return bad;
}

lo_env *lo_open(const char *templates_dir, const char *font_dir, dg_list *dg)
{
    lo_env *env = ut_xcalloc(1, sizeof *env);
    env->dg = dg;
    int bad = load_templates(env, templates_dir);
    env->i18n_dir = ut_xasprintf("%s/i18n", templates_dir);
    env->fonts = bad ? NULL : tx_fontset_open(font_dir, dg);
    if (bad || !env->fonts) {
        lo_close(env);
        return NULL;
    }
    return env;
}

int lo_check_templates(const char *templates_dir, dg_list *dg)
{
    lo_env env = { .dg = dg };
    int bad = load_templates(&env, templates_dir);
    tp_free(&env.tpl);
    return bad ? -1 : 0;
}

/* The {indicator:ID} placeholders of a text: calls f(id, len, arg) for
 * each ("{{" is a literal brace). */
static void each_indicator_ph(const char *s, void (*f)(const char *id, size_t len, void *arg), void *arg)
{
    static const char tag[] = "{indicator:";
    for (const char *p = s; *p; p++) {
        if (p[0] == '{' && p[1] == '{') { p++; continue; }
        if (strncmp(p, tag, sizeof tag - 1) != 0) continue;
        const char *id = p + sizeof tag - 1, *e = strchr(id, '}');
        if (!e) return;
        f(id, (size_t)(e - id), arg);
        p = e;
    }
}

typedef struct ref_check {
    const cp_model *m;
    const char **ids;     /* every declared id, then the built-in tiles, for "did you mean" */
    size_t nids;          /* how many of them to consider */
    dg_list *dg;
    const char *file, *what;
    const char *by;       /* a table column: the breakdown of the table's rows */
    long line;
    int bad;
} ref_check;

/* One indicator a template names: declared by the scripts, and one series
 * (a tile or a placeholder shows one value). */
static void check_ref(const char *id, size_t len, void *arg)
{
    ref_check *r = arg;
    char *name = ut_xstrndup(id, len);
    int i = cp_ind_index(r->m, name);
    if (i < 0) {
        const char *best = ut_closest(name, r->ids, r->nids);
        const char *what = r->nids > r->m->nind ? "tile or indicator" : "indicator";
        if (best)
            dg_error(r->dg, r->file, r->line, NULL, NULL, "%s: unknown %s '%s' (did you mean %s?)", r->what, what,
                     name, best);
        else
            dg_error(r->dg, r->file, r->line, NULL, NULL, "%s: unknown %s '%s' (the scripts declare no such "
                     "indicator: see scripts/README.md)", r->what, what, name);
        r->bad++;
    } else if (r->by && (!r->m->ind[i].by || strcmp(r->m->ind[i].by, r->by) != 0)) {
        dg_error(r->dg, r->file, r->line, NULL, NULL, "%s: indicator '%s' %s%s, and the rows of this table are "
                 "by %s: name an indicator with by = \"%s\"", r->what, name, r->m->ind[i].by ? "is broken down by "
                 : "has no breakdown", r->m->ind[i].by ? r->m->ind[i].by : "", r->by, r->by);
        r->bad++;
    } else if (!r->by && r->m->ind[i].by) {
        dg_error(r->dg, r->file, r->line, NULL, NULL, "%s: indicator '%s' is broken down by %s, and a %s shows one "
                 "value: name an indicator without a breakdown", r->what, name, r->m->ind[i].by,
                 strstr(r->what, "'items'") ? "tile" : "placeholder");
        r->bad++;
    }
    free(name);
}

int lo_check_indicators(const char *templates_dir, const cp_model *m, dg_list *dg)
{
    char *path = ut_xasprintf("%s/profile.tpl", templates_dir);
    tp_template t;
    int rc = tp_load(path, "templates/profile.tpl", sm_profile, &t, dg);
    free(path);
    size_t ntiles = 0;
    while (sm_tiles[ntiles]) ntiles++;
    ref_check r = { .m = m, .ids = ut_xcalloc(m->nind + ntiles + 1, sizeof *r.ids), .dg = dg, .file = t.file };
    for (size_t i = 0; i < m->nind; i++) r.ids[i] = m->ind[i].id;
    for (size_t i = 0; i < ntiles; i++) r.ids[m->nind + i] = sm_tiles[i];
    for (size_t i = 0; rc == 0 && i < t.nblocks; i++) {
        const tp_block *b = &t.blocks[i];
        for (size_t k = 0; k < b->nattrs; k++) {
            const tp_attr *a = &b->attrs[k];
            char what[192];
            /* As the template loader words it: placeholders of a text, entries of a list. */
            snprintf(what, sizeof what, "block '%s%s%s'%s option '%s'", b->type, b->name[0] ? " " : "", b->name,
                     a->is_text ? "," : ":", a->key);
            r.what = what;
            r.line = a->line;
            r.nids = m->nind;
            if (a->is_text) {
                each_indicator_ph(a->value, check_ref, &r);
            } else if (!strcmp(b->type, "tiles") && !strcmp(a->key, "items")) {
                char **items = tile_items(b);
                r.nids = m->nind + ntiles;
                for (char **p = items; *p; p++)
                    if (!builtin_tile(*p)) check_ref(*p, strlen(*p), &r);
                ut_strv_free(items);
            } else if (!strcmp(b->type, "table") && !strcmp(a->key, "columns")) {
                r.by = !strcmp(tp_get(b, "kind", ""), "cadres") ? "cadre" : "level";
                char **items = tile_items_of(b, "columns");
                for (char **p = items; *p; p++) check_ref(*p, strlen(*p), &r);
                ut_strv_free(items);
                r.by = NULL;
            }
        }
    }
    free(r.ids);
    tp_free(&t);
    return rc != 0 || r.bad ? -1 : 0;
}

void lo_close(lo_env *env)
{
    if (!env) return;
    tp_free(&env->tpl);
    if (env->fonts) tx_fontset_close(env->fonts);
    for (size_t i = 0; i < sizeof env->chart_fonts / sizeof *env->chart_fonts; i++)
        sc_ft_close(env->chart_fonts[i]);
    for (size_t i = 0; i < env->nlangs; i++) {
        free(env->lang_ids[i]);
        tr_close(env->langs[i]);
    }
    free(env->i18n_dir);
    free(env);
}

/* Catalogs are opened once per language and kept. */
static tr_lang *lang_of(lo_env *env, const char *lang)
{
    for (size_t i = 0; i < env->nlangs; i++)
        if (strcmp(env->lang_ids[i], lang) == 0) return env->langs[i];
    if (env->nlangs == LO_MAX_LANGS) return NULL;
    tr_lang *t = tr_open(env->i18n_dir, lang, env->dg);
    if (!t) return NULL;
    env->lang_ids[env->nlangs] = ut_xstrdup(lang);
    env->langs[env->nlangs++] = t;
    return t;
}

int lo_report_year(const cp_model *m)
{
    int best = 0;
    for (size_t ci = 0; ci < m->nc; ci++) {
        const cp_series *s = cp_find(m, ci, cn_id(CN_REPORT_YEAR), NULL);
        for (int y = 0; s && y < CP_NYEARS; y++)
            if (!isnan(s->v[y]) && s->v[y] > best && s->v[y] <= DS_YEAR_MAX) best = (int)s->v[y];
    }
    return best >= DS_YEAR_MIN ? best : DS_YEAR_MIN;
}

/* ---- one profile -------------------------------------------------------- */

typedef struct ph {
    const char *name[LO_MAX_PH];
    char *value[LO_MAX_PH];
    size_t n;
} ph;

typedef struct ctx {
    lo_env *env;
    const theme *th;
    const ds_data *ds;
    const cp_model *m;
    size_t ci;
    const ds_country *c;
    const cp_country *cc;
    const char *lang;
    tr_lang *tr;
    const nf_locale *nf;
    int rtl, year;
    pt_doc *tree;                 /* what the profile is laid out into */
    int pages[LO_PAGES];          /* its pages in the tree */
    dw_pen pen;                   /* tree, fonts, language and direction, for draw.c */
    int page_first, page_total;   /* numbers printed in the footer */
    ph common;
    const tp_block *block;     /* being drawn, for messages */
    const char *charts_dir;
    struct { sc_scene *sc; const char *name; const tp_block *block; char *alt; } charts[LO_MAX_CHARTS];
    char *alt;                 /* the last chart's alternative text, until place_chart takes it */
    size_t ncharts;            /* drawn, written as PNG/SVG when the profile is saved */
    int in_no_data;            /* formatting the no_data of a missing {indicator:ID} */
    tp_block moved[LO_MAX_MOVED];  /* blocks moved up into a missing story's room or down under
                                    * the published figures (charts keep their block) */
    size_t nmoved;
    const char *pub_block;     /* the `published` block drawn last on this page, and how far */
    double pub_drop;           /* the blocks `below` it move down (0: it showed nothing) */
    int errors;
    char err[512];
} ctx;

static void ph_set(ph *p, const char *name, const char *value)
{
    for (size_t i = 0; i < p->n; i++)
        if (strcmp(p->name[i], name) == 0) {
            free(p->value[i]);
            p->value[i] = ut_xstrdup(value);
            return;
        }
    if (p->n == LO_MAX_PH) return;
    p->name[p->n] = name;
    p->value[p->n++] = ut_xstrdup(value);
}

static void ph_free(ph *p)
{
    for (size_t i = 0; i < p->n; i++) free(p->value[i]);
    p->n = 0;
}

static void fail(ctx *x, long line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void fail(ctx *x, long line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *m = ut_xvasprintf(fmt, ap);
    va_end(ap);
    dg_error(x->env->dg, x->env->tpl.file, line, NULL, x->c->iso3, "%s (%s, %s)", m, x->c->iso3, x->lang);
    if (!x->errors) snprintf(x->err, sizeof x->err, "%s:%ld: %s", x->env->tpl.file, line, m);
    x->errors++;
    free(m);
}

/* ---- numbers ------------------------------------------------------------ */

/* Numbers as the language writes them, kept one left-to-right run in
 * right-to-left text (draw.c's dw_num and dw_pct). */

static const char *num(ctx *x, double v, int decimals, char *buf, size_t n)
{
    return dw_num(&x->pen, v, decimals, buf, n);
}

static const char *pct(ctx *x, double v, int decimals, char *buf, size_t n)
{
    return dw_pct(&x->pen, v, decimals, buf, n);
}

static const char *signed_pct(ctx *x, double v, int decimals, char *buf, size_t n)
{
    return dw_signed_pct(&x->pen, v, decimals, buf, n);
}

/* A series' value at the report year, or else at the latest earlier year
 * with data; *used gets that year (0: none). */
static double latest_in(const ctx *x, const cp_series *s, int *used)
{
    if (used) *used = 0;
    if (!s) return NAN;
    for (int y = x->year; y >= DS_YEAR_MIN; y--) {
        double v = s->v[y - DS_YEAR_MIN];
        if (!isnan(v)) {
            if (used) *used = y;
            return v;
        }
    }
    return NAN;
}

/* The same for an indicator of the contract (contract.h). */
static double latest(ctx *x, cn_ind id, const char *key, int *used)
{
    return latest_in(x, cp_find(x->m, x->ci, cn_id(id), key), used);
}

static double at(ctx *x, cn_ind id, const char *key, int year)
{
    return cp_value(x->m, x->ci, cn_id(id), key, year);
}

/* First year with a value, 0 when none. */
static int first_year(ctx *x, cn_ind id)
{
    const cp_series *s = cp_find(x->m, x->ci, cn_id(id), NULL);
    for (int y = 0; s && y < CP_NYEARS; y++)
        if (!isnan(s->v[y])) return y + DS_YEAR_MIN;
    return 0;
}

/* ---- strings ------------------------------------------------------------ */

static const char *tr(ctx *x, const char *msgid)
{
    return tr_text(x->tr, msgid);
}

static char *text_of(ctx *x, const tp_block *b, const char *key, const ph *extra);

/* ---- indicators the templates name -------------------------------------- */

/* A template may name any indicator the scripts declare without a
 * breakdown (lo_check_indicators checks that before any profile): as a
 * tile, or as {indicator:ID} in a text. Its value is that of the report
 * year, or else of the latest earlier year, shown by its declaration: unit
 * and decimals. */

/* The declared indicator named by id[0..len), or -1. */
static int named_ind(const ctx *x, const char *id, size_t len)
{
    for (size_t i = 0; i < x->m->nind; i++)
        if (strlen(x->m->ind[i].id) == len && !strncmp(x->m->ind[i].id, id, len) && !x->m->ind[i].by) return (int)i;
    return -1;
}

static double latest_of(ctx *x, int ind, int *used)
{
    return latest_in(x, cp_find(x->m, x->ci, x->m->ind[ind].id, NULL), used);
}

/* A value as its indicator's unit and decimals say: percent "12.5%", rate
 * "+1.2%", year "2024" (never grouped), flag the [tiles] block's `yes` or
 * `no` when it has them, any other unit a number. "" for NAN. */
static const char *ind_value(ctx *x, const cp_indicator *ind, double v, char *buf, size_t n)
{
    int d = ind->decimals;
    if (isnan(v) || n < 8) { if (n) buf[0] = '\0'; return buf; }
    if (!strcmp(ind->unit, "percent")) return pct(x, v, d, buf, n);
    if (!strcmp(ind->unit, "rate")) return signed_pct(x, v, d, buf, n);
    if (!strcmp(ind->unit, "year")) {
        nf_locale plain = *x->nf;
        plain.min_grouping = 2;   /* a group only from 5 digits: 2024, not 2,024 */
        dw_pen pen = x->pen;
        pen.nf = &plain;
        return dw_num(&pen, v, 0, buf, n);
    }
    const tp_block *tiles = tp_find(&x->env->tpl, "tiles", NULL);
    const char *word = v == 1 ? "yes" : v == 0 ? "no" : NULL;
    if (!strcmp(ind->unit, "flag") && word && tiles && tp_attr_of(tiles, word)) {
        char *t = text_of(x, tiles, word, NULL);
        snprintf(buf, n, "%s", t);
        free(t);
        return buf;
    }
    return num(x, v, d, buf, n);
}

/* The {indicator:ID} values of one text, as placeholders. */
typedef struct ind_ph {
    ctx *x;
    ph p;
    char name[LO_MAX_PH][80];
} ind_ph;

static void add_ind_ph(const char *id, size_t len, void *arg)
{
    ind_ph *ip = arg;
    ctx *x = ip->x;
    if (ip->p.n == LO_MAX_PH || len + 11 > sizeof ip->name[0]) return;
    char *name = ip->name[ip->p.n];
    snprintf(name, sizeof ip->name[0], "indicator:%.*s", (int)len, id);
    int i = named_ind(x, id, len), used = 0;
    if (i < 0) return;   /* not declared: ct_format names it (lo_check_indicators did already) */
    char buf[NF_BUFSIZE];
    double v = latest_of(x, i, &used);
    if (!isnan(v)) {
        ph_set(&ip->p, name, ind_value(x, &x->m->ind[i], v, buf, sizeof buf));
        return;
    }
    /* No value: the tiles' "no data", as a tile would show it. */
    const tp_block *tiles = tp_find(&x->env->tpl, "tiles", NULL);
    char *nd = tiles && tp_attr_of(tiles, "no_data") && !x->in_no_data ? (x->in_no_data = 1,
               text_of(x, tiles, "no_data", NULL)) : ut_xstrdup("–");
    x->in_no_data = 0;
    ph_set(&ip->p, name, nd);
    free(nd);
}

/* Whether a value the templates name is illustrative, which it can be
 * where the country's own inputs are not (a phase-2 value rests on every
 * country's): the banner then shows too. */
typedef struct ill_scan { ctx *x; int any; } ill_scan;

static void scan_illustrative(const char *id, size_t len, void *arg)
{
    ill_scan *sc = arg;
    int i = named_ind(sc->x, id, len), used = 0;
    if (i >= 0 && !isnan(latest_of(sc->x, i, &used)))
        sc->any |= cp_illustrative(sc->x->m, sc->x->ci, (size_t)i, used);
}

static int template_illustrative(ctx *x)
{
    ill_scan sc = { x, 0 };
    const tp_template *t = &x->env->tpl;
    for (size_t i = 0; i < t->nblocks && !sc.any; i++) {
        const tp_block *b = &t->blocks[i];
        for (size_t k = 0; k < b->nattrs; k++) {
            const tp_attr *a = &b->attrs[k];
            if (a->is_text) {
                each_indicator_ph(a->value, scan_illustrative, &sc);
            } else if (!strcmp(b->type, "tiles") && !strcmp(a->key, "items")) {
                char **items = tile_items(b);
                for (char **p = items; *p; p++)
                    if (!builtin_tile(*p)) scan_illustrative(*p, strlen(*p), &sc);
                ut_strv_free(items);
            }
        }
    }
    return sc.any;
}

/* The block's text option `key`, translated, with its placeholders filled
 * from the common set, `extra` and the {indicator:ID} values it names.
 * Owned by the caller; NULL when absent. */
static char *text_of(ctx *x, const tp_block *b, const char *key, const ph *extra)
{
    const tp_attr *a = tp_attr_of(b, key);
    if (!a) {
        fail(x, b->line, "block '%s %s': missing option '%s'", b->type, b->name, key);
        return ut_xstrdup("");
    }
    const char *names[3 * LO_MAX_PH];
    const char *values[3 * LO_MAX_PH];
    size_t n = 0;
    const char *msg = tr(x, a->value);
    ind_ph *ip = strstr(msg, "{indicator:") ? ut_xcalloc(1, sizeof *ip) : NULL;
    if (ip) {
        ip->x = x;
        each_indicator_ph(msg, add_ind_ph, ip);
        for (size_t i = 0; i < ip->p.n; i++) {
            names[n] = ip->p.name[i];
            values[n++] = ip->p.value[i];
        }
    }
    /* The block's own values come first: they override the common ones. */
    for (size_t i = 0; extra && i < extra->n; i++) {
        names[n] = extra->name[i];
        values[n++] = extra->value[i];
    }
    for (size_t i = 0; x->common.n && i < x->common.n; i++) {
        int shadowed = 0;
        for (size_t k = 0; extra && k < extra->n; k++) shadowed |= !strcmp(extra->name[k], x->common.name[i]);
        if (shadowed) continue;
        names[n] = x->common.name[i];
        values[n++] = x->common.value[i];
    }
    char *err = NULL;
    char *s = ct_format(msg, names, values, n, &err);
    if (ip) {
        ph_free(&ip->p);
        free(ip);
    }
    if (!s) {
        /* The translation is checked by tr_text; this is the template's own
         * English text naming a placeholder this block does not offer. */
        fail(x, a->line, "block '%s %s', option '%s': %s", b->type, b->name, key, err ? err : "bad text");
        free(err);
        return ut_xstrdup(a->value);
    }
    return s;
}

/* ---- drawing primitives (draw.h) ----------------------------------------- */

static void fill_rect(ctx *x, double bx, double y, double w, double h, sc_color c)
{
    dw_rect(&x->pen, bx, y, w, h, c);
}

static void hline(ctx *x, double x0, double y, double w, double width, sc_color c)
{
    dw_hline(&x->pen, x0, y, w, width, c);
}

/* Where a fitted text comes from, named when it does not fit: an option of
 * the block being drawn (or of `b`), whose catalog entry is named too when
 * the option is a translated text; a message id from the data (cadre and
 * item labels); or neither (numbers, country names): the block's line. */
typedef struct origin {
    const tp_block *b;
    const char *key;
    const char *msgid;
} origin;
#define OPT(k) ((origin){ NULL, (k), NULL })
#define DATA(m) ((origin){ NULL, NULL, (m) })
#define NONE ((origin){ NULL, NULL, NULL })

/* The one rule's failure (fit.h): the text did not fit `room` even at the
 * theme's min_size. Names the template line and the catalog entry. */
static void unfit(ctx *x, origin o, const char *s, const char *room)
{
    const tp_block *b = o.b ? o.b : x->block;
    const tp_attr *a = o.key ? tp_attr_of(b, o.key) : NULL;
    const char *msgid = a ? (a->is_text ? a->value : NULL) : o.msgid;
    long entry = msgid ? tr_line(x->tr, msgid) : 0;
    char sh[UT_SHOWN_SIZE], opt[96] = "", cat[96] = "";
    if (a) snprintf(opt, sizeof opt, ", option '%s'", a->key);
    if (entry) snprintf(cat, sizeof cat, " (translation: templates/i18n/%s.po:%ld)", x->lang, entry);
    fail(x, a ? a->line : b->line, "block '%s%s%s'%s: text does not fit %s even at %g pt: \"%s\"%s", b->type,
         b->name[0] ? " " : "", b->name, opt, room, x->th->min, ut_shown(sh, s ? s : ""), cat);
}

/* Draws text in a box (top-left coordinates), wrapping and shrinking to
 * fit (fit.h); text that cannot fit is an error naming where it comes from.
 * Returns the height used. */
static double text_box(ctx *x, const char *s, origin o, double bx, double y, double w, double h, double size,
                       int bold, sc_color c, int align, int max_lines)
{
    double used = w > 0 && h > 0 ? dw_text(&x->pen, 1, s, bx, y, w, h, size, bold, c, align, max_lines,
                                           x->th->min) : (s && *s ? -1 : 0);
    if (used < 0) {
        char room[64];
        snprintf(room, sizeof room, "its box (%.0f × %.0f pt)", fmax(w, 0), fmax(h, 0));
        unfit(x, o, s, room);
        return h;
    }
    return used;
}

/* Content laid out down a block must end inside it: an error at its h. */
static int room_for(ctx *x, const tp_block *b, double need)
{
    if (need <= b->h + 0.5) return 1;
    const tp_attr *a = tp_attr_of(b, "h");
    fail(x, a ? a->line : b->line, "block '%s %s': its content needs %.0f points, more than its height (h = %g)",
         b->type, b->name, need, b->h);
    return 0;
}

/* ---- blocks: header, banner, tiles -------------------------------------- */

/* A theme colour by name (sm_theme_colors; checked when the template loaded). */
static sc_color theme_named(const theme *th, const char *name)
{
    const sc_color *v[] = { &th->ink, &th->muted, &th->primary, &th->accent, &th->positive, &th->partial,
                            &th->negative, &th->unknown, &th->rule, &th->tile, &th->banner, &th->banner_rule };
    for (size_t i = 0; i < sizeof v / sizeof *v && sm_theme_colors[i]; i++)
        if (!strcmp(sm_theme_colors[i], name)) return *v[i];
    return th->primary;
}

static void draw_band(ctx *x, const tp_block *b)
{
    sc_color col;
    if (hexval(tp_get(b, "color", "primary"), &col) != 0) col = theme_named(x->th, tp_get(b, "color", "primary"));
    fill_rect(x, b->x, b->y, b->w, b->h, col);
}

static void draw_header(ctx *x, const tp_block *b)
{
    const theme *th = x->th;
    sc_color soft = { 0.86, 0.90, 0.95 };
    if (tp_attr_of(b, "text")) {        /* the short header of later pages: a running head */
        char *t = text_of(x, b, "text", NULL);
        pt_open(x->tree, PT_ARTIFACT, NULL, 0, NULL, NULL);
        text_box(x, t, OPT("text"), b->x, b->y, b->w, b->h, th->title, 1, th->white, TX_LEFT, 1);
        pt_close(x->tree);
        free(t);
        return;
    }
    char *kicker = text_of(x, b, "kicker", NULL);
    char *sub = text_of(x, b, "subtitle", NULL);
    char *year = text_of(x, b, "year", NULL);
    /* The year takes what it needs on the first line, at most half of it. */
    tx_style ys = dw_style(&x->pen, th->body, 0, th->ink);
    double yw = fmin(tx_width(x->env->fonts, year, &ys), b->w / 2 - 7);
    text_box(x, kicker, OPT("kicker"), b->x, b->y, b->w - yw - 12, 12, th->body, 0, soft, TX_LEFT, 1);
    text_box(x, year, OPT("year"), b->x + b->w - yw - 2, b->y, yw + 2, 12, th->body, 1, th->white, TX_RIGHT, 1);
    const char *name = ds_name(x->ds, x->c, x->lang);
    pt_node *h1 = pt_open(x->tree, PT_H1, NULL, 0, NULL, NULL);
    /* A name missing in the profile's language is the English one: said so. */
    const char *nl = ds_name_lang(x->ds, x->c, x->lang);
    if (nl && strcmp(nl, x->lang) != 0) pt_set_lang(h1, nl);
    text_box(x, name, NONE, b->x, b->y + 15, b->w, 36, 26, 1, th->white, TX_LEFT, 1);
    pt_close(x->tree);
    text_box(x, sub, OPT("subtitle"), b->x, b->y + b->h - 16, b->w, 14, th->body + 1, 0, soft, TX_LEFT, 1);
    free(kicker);
    free(sub);
    free(year);
}

/* Whether anything the profile shows rests on illustrative figures: the
 * country's own, or, in a comparison chart, a figure of its group at the
 * report year (a country without data still shows its neighbours'). */
static int any_illustrative(const ctx *x)
{
    for (int y = 0; y < CP_NYEARS; y++)
        if (x->cc->illustrative[y]) return 1;
    const tp_block *cmp = NULL;
    for (size_t i = 0; i < x->env->tpl.nblocks && !cmp; i++) {
        const tp_block *b = &x->env->tpl.blocks[i];
        if (!strcmp(b->type, "chart") && !strcmp(tp_get(b, "kind", ""), "compare")) cmp = b;
    }
    int yi = x->year - DS_YEAR_MIN;
    if (!cmp || yi < 0 || yi >= CP_NYEARS) return 0;
    const char *group = ds_group(x->c);
    for (size_t ci = 0; ci < x->ds->nc; ci++) {
        const ds_country *c = &x->ds->c[ci];
        const char *g = ds_group(c);
        if (!strcmp(g, group) && x->m->c[ci].computed && x->m->c[ci].illustrative[yi]) return 1;
    }
    return 0;
}

static void draw_banner(ctx *x, const tp_block *b)
{
    if (!any_illustrative(x) && !template_illustrative(x)) return;
    fill_rect(x, b->x, b->y, b->w, b->h, x->th->banner);
    fill_rect(x, b->x, b->y, 3, b->h, x->th->banner_rule);
    char *t = text_of(x, b, "text", NULL);
    text_box(x, t, OPT("text"), b->x + 10, b->y + 4, b->w - 16, b->h - 6, x->th->body, 0, x->th->ink, TX_LEFT, 2);
    free(t);
}

typedef struct tile_value {
    int ind;           /* the indicator a tile names, -1 for a built-in tile */
    char value[NF_BUFSIZE * 2];   /* a number */
    char *text;        /* one_in_n_value's text, instead of value (owned) */
    origin from;       /* of what is shown: a number, or one_in_n_value's text */
    int year;          /* year of the value, 0: no data */
    ph label_ph;
    const char *label_key;   /* the template option of its label, when not the tile's id */
} tile_value;

static void tile_of(ctx *x, const tp_block *b, const char *id, tile_value *tv)
{
    char buf[NF_BUFSIZE];
    double v = NAN;
    int used = 0;
    tv->value[0] = '\0';
    if (!strcmp(id, "population") || !strcmp(id, "children")) {
        for (int y = x->year; y >= DS_YEAR_MIN && isnan(v); y--) {
            const ds_pop *p = ds_pop_of(x->c, y);
            if (p) { v = !strcmp(id, "population") ? p->population : p->children; used = y; }
        }
        num(x, v, 0, tv->value, sizeof tv->value);
    } else if (!strcmp(id, "workforce")) {
        v = latest(x, CN_WORKFORCE_TOTAL, NULL, &used);
        num(x, v, 0, tv->value, sizeof tv->value);
    } else if (!strcmp(id, "ratio")) {
        v = latest(x, CN_RATIO_PER_100K, NULL, &used);
        num(x, v, 1, tv->value, sizeof tv->value);
    } else if (!strcmp(id, "ratio_children")) {
        v = latest(x, CN_RATIO_PER_100K_CHILDREN, NULL, &used);
        num(x, v, 1, tv->value, sizeof tv->value);
    } else if (!strcmp(id, "one_in_n")) {
        v = latest(x, CN_PEOPLE_PER_WORKER, NULL, &used);
        if (!isnan(v)) {
            ph p = {0};
            ph_set(&p, "n", num(x, v, 0, buf, sizeof buf));
            tv->text = text_of(x, b, "one_in_n_value", &p);
            tv->from = OPT("one_in_n_value");
            ph_free(&p);
        }
    } else if (!strcmp(id, "government_share")) {
        v = latest(x, CN_GOVERNMENT_SHARE, NULL, &used);
        pct(x, v, 1, tv->value, sizeof tv->value);
    } else if (!strcmp(id, "change")) {
        v = latest(x, CN_WORKFORCE_CHANGE_PCT, NULL, &used);
        signed_pct(x, v, 1, tv->value, sizeof tv->value);
        int fy = first_year(x, CN_WORKFORCE_TOTAL);
        snprintf(buf, sizeof buf, "%d", fy);
        /* Without a first year, a label that needs none (not "Change since …"). */
        if (!fy && tp_attr_of(b, "change_none")) tv->label_key = "change_none";
        ph_set(&tv->label_ph, "first_year", fy ? buf : "…");
    } else if ((tv->ind = named_ind(x, id, strlen(id))) >= 0) {
        v = latest_of(x, tv->ind, &used);
        ind_value(x, &x->m->ind[tv->ind], v, tv->value, sizeof tv->value);
    } else {
        fail(x, tp_attr_of(b, "items")->line, "block 'tiles %s': '%s' is not a tile nor an indicator the scripts "
             "declare", b->name, id);
    }
    tv->year = isnan(v) ? 0 : used;
}

static void draw_tiles(ctx *x, const tp_block *b)
{
    const theme *th = x->th;
    char **items = tile_items(b);
    size_t n = ut_strv_len(items);
    int cols = (int)tp_num(b, "cols", LO_TILE_COLS);
    int rows = (int)((n + (size_t)cols - 1) / (size_t)cols);
    double gap = LO_TILE_GAP;
    double tw = (b->w - gap * (cols - 1)) / cols;
    double thh = rows ? (b->h - gap * (rows - 1)) / rows : 0;
    for (size_t i = 0; i < n; i++) {
        double tx0 = b->x + (double)(i % (size_t)cols) * (tw + gap);
        double ty0 = b->y + (double)(i / (size_t)cols) * (thh + gap);
        tile_value tv = { .ind = -1 };
        tile_of(x, b, items[i], &tv);
        fill_rect(x, tx0, ty0, tw, thh, th->tile);
        fill_rect(x, tx0, ty0, tw, 2, th->primary);
        /* A tile naming an indicator has the indicator's label, translated. */
        const char *ilabel = tv.ind >= 0 ? x->m->ind[tv.ind].label : NULL;
        const char *key = tv.label_key ? tv.label_key : items[i];
        char *label = ilabel ? ut_xstrdup(tr(x, ilabel)) : text_of(x, b, key, &tv.label_ph);
        text_box(x, label, ilabel ? DATA(ilabel) : OPT(key), tx0 + 8, ty0 + 8, tw - 16, 18, th->small + 0.5, 0,
                 th->muted, TX_LEFT, 2);
        if (tv.year) {
            text_box(x, tv.text ? tv.text : tv.value, tv.from, tx0 + 8, ty0 + 26, tw - 16, 22, 17, 1, th->primary, TX_LEFT, 1);
            if (tv.year != x->year) {
                char y[16];
                snprintf(y, sizeof y, "%d", tv.year);
                ph p = {0};
                ph_set(&p, "year", y);
                char *s = text_of(x, b, "in_year", &p);
                text_box(x, s, OPT("in_year"), tx0 + 8, ty0 + thh - 13, tw - 16, 10, th->small, 0, th->muted, TX_LEFT, 1);
                free(s);
                ph_free(&p);
            }
        } else {
            char *nd = text_of(x, b, "no_data", NULL);
            text_box(x, nd, OPT("no_data"), tx0 + 8, ty0 + 30, tw - 16, 16, 11, 0, th->unknown, TX_LEFT, 1);
            free(nd);
        }
        free(label);
        free(tv.text);
        ph_free(&tv.label_ph);
    }
    ut_strv_free(items);
}

static int figures_year(ctx *x, const char *figures);

/* A section heading; its {year} is that of the figures it introduces
 * (option `figures`), which may be earlier than the report's. */
static void draw_section(ctx *x, const tp_block *b)
{
    const char *fig = tp_get(b, "figures", NULL);
    int fy = fig ? figures_year(x, fig) : 0;
    ph p = {0};
    char yb[16];
    snprintf(yb, sizeof yb, "%d", fy ? fy : x->year);
    ph_set(&p, "year", yb);
    char *t = text_of(x, b, "text", &p);
    ph_free(&p);
    text_box(x, t, OPT("text"), b->x, b->y, b->w, b->h - 2, x->th->title, 1, x->th->primary, TX_LEFT, 1);
    hline(x, b->x, b->y + b->h, b->w, 0.6, x->th->rule);
    free(t);
}

static void draw_text(ctx *x, const tp_block *b);
static void draw_gap(ctx *x, const tp_block *b);
static void draw_table(ctx *x, const tp_block *b);
static void draw_grid(ctx *x, const tp_block *b);
static void draw_notes(ctx *x, const tp_block *b);
static void draw_chart(ctx *x, const tp_block *b);
static void draw_published(ctx *x, const tp_block *b);

static void draw_footer(ctx *x, const tp_block *b, int pageno)
{
    char n[16], t[16];
    snprintf(n, sizeof n, "%d", x->page_first + pageno - 1);
    snprintf(t, sizeof t, "%d", x->page_total);
    ph p = {0};
    ph_set(&p, "page", n);
    ph_set(&p, "pages", t);
    char *left = text_of(x, b, "left", &p);
    char *right = text_of(x, b, "right", &p);
    hline(x, b->x, b->y, b->w, 0.5, x->th->rule);
    text_box(x, right, OPT("right"), b->x + b->w * 0.7, b->y + 3, b->w * 0.3, b->h - 3, x->th->small, 0, x->th->muted, TX_RIGHT, 1);
    text_box(x, left, OPT("left"), b->x, b->y + 3, b->w * 0.68, b->h - 3, x->th->small, 0, x->th->muted, TX_LEFT, 1);
    free(left);
    free(right);
    ph_free(&p);
}

/* ---- text blocks: completeness, gap ------------------------------------- */

static void draw_text(ctx *x, const tp_block *b)
{
    if (strcmp(b->name, "completeness") != 0) {
        char *t = text_of(x, b, "text", NULL);
        text_box(x, t, OPT("text"), b->x, b->y, b->w, b->h, x->th->body, 0, x->th->ink, TX_LEFT, 0);
        free(t);
        return;
    }
    char buf[NF_BUFSIZE];
    double total = at(x, CN_COMPLETENESS_TOTAL, NULL, x->year);
    ph p = {0};
    ph_set(&p, "score", isnan(total) ? tr(x, tp_get(b, "missing", "")) : pct(x, total, 0, buf, sizeof buf));
    char *head = text_of(x, b, "text", &p);
    static const char *const tables[] = { "population", "workforce", "education", "system" };
    ut_buf miss = {0};
    for (int i = 0; i < 4; i++) {
        double v = at(x, CN_COMPLETENESS, tables[i], x->year);
        if (isnan(v) || v == 0) {
            char *name = text_of(x, b, tables[i], NULL);
            ut_buf_printf(&miss, "%s%s", miss.len ? tr_conventions(x->tr)->list_separator : "", name);
            free(name);
        }
    }
    char *tail;
    if (miss.len) {
        ph q = {0};
        ph_set(&q, "tables", miss.data);
        tail = text_of(x, b, "missing", &q);
        ph_free(&q);
    } else {
        tail = text_of(x, b, "complete", NULL);
    }
    char *line = ut_xasprintf("%s — %s", head, tail);
    text_box(x, line, OPT("text"), b->x, b->y, b->w, b->h, x->th->body, 0, x->th->muted, TX_LEFT, 2);
    free(line);
    free(head);
    free(tail);
    ut_buf_free(&miss);
    ph_free(&p);
}

/* The pitch of the gap block's rows: a label of two lines, its rule, 3 points. */
#define LO_GAP_ROW 24

static double gap_row(ctx *x, const tp_block *b, const ph *p, double y, const char *key, const char *value)
{
    char *label = text_of(x, b, key, p);
    text_box(x, label, OPT(key), b->x, y, b->w * 0.62, 20, x->th->body, 0, x->th->muted, TX_LEFT, 2);
    text_box(x, value, NONE, b->x + b->w * 0.62, y, b->w * 0.38, 14, x->th->body + 2, 1, x->th->ink, TX_RIGHT, 1);
    hline(x, b->x, y + 21, b->w, 0.4, x->th->rule);
    free(label);
    return y + LO_GAP_ROW;
}

/* Which way the ratio's trend line goes: +1 up, -1 down, 0 flat or none. */
static int ratio_direction(ctx *x)
{
    const cp_series *t = cp_find(x->m, x->ci, cn_id(CN_RATIO_TREND), NULL);
    double first = NAN, last = NAN;
    for (int y = 0; t && y < CP_NYEARS && y + DS_YEAR_MIN <= x->year; y++)
        if (!isnan(t->v[y])) { if (isnan(first)) first = t->v[y]; last = t->v[y]; }
    return isnan(first) || last == first ? 0 : last > first ? 1 : -1;
}

/* The gap block's figures count workers; the trend chart beside it shows
 * workers per 100,000 people. When the two go opposite ways (more workers,
 * a falling ratio: the population grows faster), a line under the verdict
 * says why, so that no two figures seem to contradict (issue 15, item 11).
 * Returns the height used. */
static double gap_divergence(ctx *x, const tp_block *b, double y, double recent)
{
    int dir = ratio_direction(x);
    const char *key = recent > 0 && dir < 0 ? "ratio_falls" : recent < 0 && dir > 0 ? "ratio_rises" : NULL;
    if (!key || !tp_attr_of(b, key)) return 0;
    char *t = text_of(x, b, key, NULL);
    double h = text_box(x, t, OPT(key), b->x + 8, y, b->w - 8, b->y + b->h - y, x->th->small, 0, x->th->muted,
                        TX_LEFT, 3);
    free(t);
    return h;
}

static void draw_gap(ctx *x, const tp_block *b)
{
    const theme *th = x->th;
    char buf[NF_BUFSIZE], tbuf[NF_BUFSIZE], ybuf[16];
    int ty = 0;
    double target = latest(x, CN_RATIO_TARGET, NULL, &ty);
    int wy = 0;
    (void)latest(x, CN_WORKFORCE_TOTAL, NULL, &wy);
    const cp_series *need_s = cp_find(x->m, x->ci, cn_id(CN_GAP_WORKERS_NEEDED), NULL);
    int target_year = 0;
    for (int y = CP_NYEARS - 1; need_s && y >= 0 && !target_year; y--)
        if (!isnan(need_s->v[y])) target_year = y + DS_YEAR_MIN;
    if (!target_year) {
        const cp_series *t = cp_find(x->m, x->ci, cn_id(CN_RATIO_TARGET), NULL);
        for (int y = CP_NYEARS - 1; t && y >= 0 && !target_year; y--)
            if (!isnan(t->v[y])) target_year = y + DS_YEAR_MIN;
        target = target_year ? t->v[target_year - DS_YEAR_MIN] : NAN;
    } else {
        target = at(x, CN_RATIO_TARGET, NULL, target_year);
    }
    double need = target_year ? at(x, CN_GAP_WORKERS_NEEDED, NULL, target_year) : NAN;
    double add = wy ? at(x, CN_GAP_ADDITIONAL, NULL, wy) : NAN;
    ph p = {0};
    snprintf(ybuf, sizeof ybuf, "%d", target_year);
    ph_set(&p, "target", num(x, target, 0, tbuf, sizeof tbuf));
    ph_set(&p, "target_year", ybuf);
    /* Whose target it is: a national one (config.lua's targets), or the report's. */
    char *src = text_of(x, b, x->cc->own_target ? "source_country" : "source_default", NULL);
    ph_set(&p, "source", src);
    free(src);
    double y = b->y;
    if (!isnan(target)) {
        char *t = text_of(x, b, "target", &p);
        y += text_box(x, t, OPT("target"), b->x, y, b->w, 34, th->body, 0, th->ink, TX_LEFT, 3) + 6;
        free(t);
    }
    /* Five rows and the verdict under them. */
    if (!isnan(need) && !isnan(add) && !room_for(x, b, y - b->y + 5 * LO_GAP_ROW + 28)) {
        ph_free(&p);
        return;
    }
    if (isnan(need) || isnan(add)) {
        char *t = text_of(x, b, "no_data", NULL);
        text_box(x, t, OPT("no_data"), b->x, y, b->w, 30, th->body, 0, th->unknown, TX_LEFT, 2);
        free(t);
        ph_free(&p);
        return;
    }
    /* Labels may name the target year: they get the block's placeholders. */
    y = gap_row(x, b, &p, y, "needed", num(x, need, 0, buf, sizeof buf));
    y = gap_row(x, b, &p, y, "additional", num(x, fmax(add, 0), 0, buf, sizeof buf));
    y = gap_row(x, b, &p, y, "per_year", num(x, fmax(at(x, CN_GAP_PER_YEAR, NULL, wy), 0), 0, buf, sizeof buf));
    y = gap_row(x, b, &p, y, "growth", signed_pct(x, at(x, CN_GAP_GROWTH_NEEDED, NULL, wy), 1, buf, sizeof buf));
    double recent = at(x, CN_WORKFORCE_RECENT_GROWTH, NULL, wy);
    y = gap_row(x, b, &p, y, "trend", isnan(recent) ? "–" : signed_pct(x, recent, 1, buf, sizeof buf));
    double on = at(x, CN_GAP_ON_TRACK, NULL, wy);
    const char *key = add <= 0 ? "reached" : (on == 1 ? "on_track" : "off_track");
    char *t = text_of(x, b, key, NULL);
    sc_color c = add <= 0 || on == 1 ? th->positive : th->negative;
    fill_rect(x, b->x, y + 2, 3, 14, c);
    double vh = text_box(x, t, OPT(key), b->x + 8, y + 2, b->w - 8, 26, th->body, 1, c, TX_LEFT, 2);
    free(t);
    if (add > 0) gap_divergence(x, b, y + 2 + fmax(vh, 14) + 3, recent);
    ph_free(&p);
}

/* ---- tables ------------------------------------------------------------- */

typedef struct column { double x, w; int align; } column;

/* ---- tables: gathered, sized from their content, then placed ------------- */

#define LO_TROWS 12
/* The least share of a table's width its first column (the labels) keeps
 * when the figures would take more. */
#define LO_LABEL_SHARE 0.34

/* A table of one header row and data rows. Texts are borrowed (numbers in
 * the table's own buffers); src says where each comes from for messages. */
typedef struct tbl {
    const tp_block *b;
    size_t ncol, nrow;
    const char *head[LO_TCOLS];
    origin hsrc[LO_TCOLS];
    const char *cell[LO_TROWS][LO_TCOLS];
    origin src[LO_TROWS][LO_TCOLS];
    const char *rowkey[LO_TROWS];    /* the breakdown key of a row (cadre, level), NULL for totals */
    char buf[LO_TROWS][LO_TCOLS][NF_BUFSIZE];
    int bold[LO_TROWS];
    double head_h, row_h;            /* header row, data rows (at least) */
    double room;                     /* height the data rows may take */
    double rh[LO_TROWS];             /* each data row's height */
    column col[LO_TCOLS];            /* text area of each column */
    double size[LO_TCOLS], head_size;
    const char *mark;                /* what a cell without data shows (the template's `mark`) */
    int marked;                      /* a cell shows it: the legend explains it */
} tbl;

/* The size a text fits at in a box (lines at most), or -1. */
static double fit_at(ctx *x, const char *s, double w, double h, double size, int bold, int lines)
{
    tx_style st = dw_style(&x->pen, size, bold, x->th->ink);
    double used = size;
    if (!s || !*s) return size;
    return tx_fit(x->env->fonts, s, 0, 0, w, h, TX_LEFT, &st, x->th->min, lines, NULL, NULL, &used) < 0 ? -1 : used;
}

static double width_of(ctx *x, const char *s, double size, int bold)
{
    tx_style st = dw_style(&x->pen, size, bold, x->th->ink);
    return s && *s ? tx_width(x->env->fonts, s, &st) : 0;
}

/* The widest word of a header (it may wrap between words). */
static double widest_word_of(ctx *x, const char *s, double size, int bold)
{
    double best = 0;
    char *copy = ut_xstrdup(s ? s : "");
    for (char *save = NULL, *w = strtok_r(copy, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
        double ww = width_of(x, w, size, bold);
        if (ww > best) best = ww;
    }
    free(copy);
    return best;
}

/* Sizes the columns from what they hold, in this language: each figure
 * column is as wide as its widest cell (and its header's widest word) plus
 * the theme's gutter; the label column takes the rest. When the figures
 * would leave the labels less than LO_LABEL_SHARE, they are narrowed
 * together. Then each column gets one size for all its cells, and the
 * header row one size for all its headers: a column never mixes sizes. */
static void tbl_size(ctx *x, tbl *t)
{
    const tp_block *b = t->b;
    double g = x->th->gutter, need[LO_TCOLS] = { 0 }, sum = 0;
    for (size_t i = 1; i < t->ncol; i++) {
        need[i] = widest_word_of(x, t->head[i], x->th->small, 1);
        for (size_t r = 0; r < t->nrow; r++) {
            double w = width_of(x, t->cell[r][i], x->th->body, t->bold[r]);
            if (w > need[i]) need[i] = w;
        }
        sum += need[i] + g;
    }
    double room = b->w * (1 - LO_LABEL_SHARE), scale = sum > room ? room / sum : 1;
    double xr = b->x + b->w;
    for (size_t i = t->ncol - 1; i >= 1; i--) {
        double w = (need[i] + g) * scale;
        xr -= w;
        t->col[i] = (column){ xr + g, w - g, dw_align_figures(&x->pen) };
    }
    t->col[0] = (column){ b->x, xr - b->x, TX_LEFT };
    /* Labels that wrap get a taller row while the rows still fit the
     * block; otherwise every row keeps row_h and the labels shrink. */
    double total = 0, two = 2 * TX_LINE_HEIGHT * x->th->body + 4;
    for (size_t r = 0; r < t->nrow; r++) {
        tx_style st = dw_style(&x->pen, x->th->body, t->bold[r], x->th->ink);
        int n = t->cell[r][0] ? tx_fit(x->env->fonts, t->cell[r][0], 0, 0, t->col[0].w, 1e6, TX_LEFT, &st,
                                       x->th->body, 0, NULL, NULL, NULL) : 1;
        t->rh[r] = n == 2 && two > t->row_h ? two : t->row_h;
        total += t->rh[r];
    }
    if (total > t->room)
        for (size_t r = 0; r < t->nrow; r++) t->rh[r] = t->row_h;
    /* One size for the labels and one for all the figures, the smallest
     * any of their cells needs. */
    for (size_t i = 0; i < t->ncol; i++) {
        t->size[i] = x->th->body;
        for (size_t r = 0; r < t->nrow; r++) {
            double f = fit_at(x, t->cell[r][i], t->col[i].w, t->rh[r] - 3, x->th->body, t->bold[r], i == 0 ? 2 : 1);
            if (f > 0 && f < t->size[i]) t->size[i] = f;
        }
    }
    for (size_t i = 2; i < t->ncol; i++)
        if (t->size[i] < t->size[1]) t->size[1] = t->size[i];
    for (size_t i = 2; i < t->ncol; i++) t->size[i] = t->size[1];
    t->head_size = x->th->small;
    for (size_t i = 0; i < t->ncol; i++) {
        double f = fit_at(x, t->head[i], t->col[i].w, t->head_h - 4, x->th->small, 1, 2);
        if (f > 0 && f < t->head_size) t->head_size = f;
    }
}

/* Opens a cell of the structure: its box is the column's text area. */
static void tbl_cell(ctx *x, pt_role role, pt_scope scope, const column *c, double y, double h)
{
    double cx = dw_x(&x->pen, c->x, c->w);
    double box[4] = { cx, y, cx + c->w, y + h };
    pt_node *n = pt_open(x->tree, role, NULL, 0, NULL, box);
    if (role == PT_TH) pt_set_scope(n, scope);
}

/* Places the table from y: the header row, its rule, each data row with a
 * hairline under it. Returns the y below the last row. */
static double tbl_place(ctx *x, tbl *t, double y)
{
    const tp_block *b = t->b;
    pt_open(x->tree, PT_TR, NULL, 0, NULL, NULL);
    for (size_t i = 0; i < t->ncol; i++) {
        tbl_cell(x, PT_TH, PT_SCOPE_COLUMN, &t->col[i], y, t->head_h - 2);
        text_box(x, t->head[i], t->hsrc[i], t->col[i].x, y + 2, t->col[i].w, t->head_h - 4, t->head_size, 1,
                 x->th->muted, t->col[i].align, 2);
        pt_close(x->tree);
    }
    pt_close(x->tree);
    hline(x, b->x, y + t->head_h - 2, b->w, 0.8, x->th->ink);
    y += t->head_h;
    for (size_t r = 0; r < t->nrow; r++) {
        pt_open(x->tree, PT_TR, NULL, 0, NULL, NULL);
        for (size_t i = 0; i < t->ncol; i++) {
            tbl_cell(x, i == 0 ? PT_TH : PT_TD, PT_SCOPE_ROW, &t->col[i], y, t->rh[r]);
            text_box(x, t->cell[r][i], t->src[r][i], t->col[i].x, y + 3, t->col[i].w, t->rh[r] - 3, t->size[i],
                     t->bold[r], x->th->ink, t->col[i].align, i == 0 ? 2 : 1);
            pt_close(x->tree);
        }
        pt_close(x->tree);
        hline(x, b->x, y + t->rh[r], b->w, 0.4, x->th->rule);
        y += t->rh[r];
    }
    return y;
}

/* A number cell of row r, column i (the mark when v is missing). */
static void tbl_num(ctx *x, tbl *t, size_t r, size_t i, double v, int decimals)
{
    t->cell[r][i] = isnan(v) ? t->mark : num(x, v, decimals, t->buf[r][i], sizeof t->buf[r][i]);
    t->src[r][i] = isnan(v) ? OPT("mark") : NONE;
    t->marked |= isnan(v);
}

/* The line that explains the mark ("– no data"), right-aligned in the
 * last `w` points of the table's width at y; nothing when no cell shows
 * the mark. */
static void tbl_legend(ctx *x, const tbl *t, double y, double w)
{
    if (!t->marked) return;
    ph p = {0};
    ph_set(&p, "mark", t->mark);
    char *s = text_of(x, t->b, "mark_key", &p);
    const tp_block *b = t->b;
    text_box(x, s, OPT("mark_key"), b->x + b->w - w, y, w, 10, x->th->small, 0, x->th->muted, TX_RIGHT, 1);
    free(s);
    ph_free(&p);
}

/* The columns a table's `columns` option adds after its own: each names an
 * indicator broken down like the table's rows (lo_check_indicators checks
 * it), headed by its label, with its value of `year` for each row's key,
 * shown by its unit and decimals (the mark when missing); a totals row has
 * none. */
static void tbl_columns(ctx *x, tbl *t, int year)
{
    char **ids = tile_items_of(t->b, "columns");
    for (char **p = ids; *p && t->ncol < LO_TCOLS; p++) {
        const char *id = *p;
        int ind = cp_ind_index(x->m, id);
        if (ind < 0) continue;
        const cp_indicator *d = &x->m->ind[ind];
        size_t c = t->ncol++;
        t->head[c] = tr(x, d->label);
        t->hsrc[c] = DATA(d->label);
        for (size_t r = 0; r < t->nrow; r++) {
            if (!t->rowkey[r]) {
                t->cell[r][c] = "";
                t->src[r][c] = NONE;
                continue;
            }
            double v = cp_value(x->m, x->ci, id, t->rowkey[r], year);
            t->cell[r][c] = isnan(v) ? t->mark : ind_value(x, d, v, t->buf[r][c], sizeof t->buf[r][c]);
            t->src[r][c] = isnan(v) ? OPT("mark") : NONE;
            t->marked |= isnan(v);
        }
    }
    ut_strv_free(ids);
}

/* Workers by cadre × sector, with totals and shares, at the latest year
 * with a workforce total. */
static void table_cadres(ctx *x, const tp_block *b)
{
    int wy = 0;
    double grand = latest(x, CN_WORKFORCE_TOTAL, NULL, &wy);
    char *nd = text_of(x, b, "no_data", NULL);
    if (!wy) {
        x->tree->cur->role = PT_P;    /* no table, only this sentence, for a reader */
        text_box(x, nd, OPT("no_data"), b->x, b->y + 4, b->w, 16, x->th->body, 0, x->th->unknown, TX_LEFT, 1);
        free(nd);
        return;
    }
    int unspec = 0;
    for (size_t k = 0; k < x->ds->ncadres; k++) {
        char key[128];
        snprintf(key, sizeof key, "%s/unspecified", x->ds->cadres[k].id);
        unspec |= !isnan(at(x, CN_WORKFORCE_BY_CADRE_SECTOR, key, wy));
    }
    static const int sectors[] = { DS_SECTOR_GOV, DS_SECTOR_NONGOV, DS_SECTOR_UNSPEC };
    const char *hkey[6] = { "cadre", "government", "non_government", "unspecified", "total", "share" };
    if (!unspec) memmove(hkey + 3, hkey + 4, 2 * sizeof *hkey);
    /* Rows fit two lines of a long cadre name ("Community development worker"). */
    tbl *t = ut_xcalloc(1, sizeof *t);
    char *mark = text_of(x, b, "mark", NULL);
    *t = (tbl){ .b = b, .ncol = unspec ? 6 : 5, .head_h = 24, .row_h = 19, .mark = mark, .room = b->h - 24 - 14 };
    char *head[6];
    size_t nhead = t->ncol;
    for (size_t i = 0; i < nhead; i++) {
        head[i] = text_of(x, b, hkey[i], NULL);
        t->head[i] = head[i];
        t->hsrc[i] = OPT(hkey[i]);
    }
    double sums[3] = { 0, 0, 0 };
    int have[3] = { 0, 0, 0 };
    for (size_t k = 0; k < x->ds->ncadres && t->nrow < LO_TROWS - 1; k++) {
        const char *id = x->ds->cadres[k].id;
        double tot = at(x, CN_WORKFORCE_BY_CADRE, id, wy);
        /* Every cadre gets a row ("no data" stays visible), but published
         * totals without a cadre only when there are some. */
        if (isnan(tot) && !strcmp(id, "unspecified")) continue;
        size_t r = t->nrow++, c = 1;
        t->rowkey[r] = id;
        t->cell[r][0] = tr(x, x->ds->cadres[k].label);
        t->src[r][0] = DATA(x->ds->cadres[k].label);
        for (int s = 0; s < (unspec ? 3 : 2); s++, c++) {
            char key[128];
            snprintf(key, sizeof key, "%s/%s", id, ds_sector_ids[sectors[s]]);
            double v = at(x, CN_WORKFORCE_BY_CADRE_SECTOR, key, wy);
            if (!isnan(v)) { sums[s] += v; have[s] = 1; }
            tbl_num(x, t, r, c, v, 0);
        }
        tbl_num(x, t, r, c++, tot, 0);
        pct(x, grand > 0 ? 100 * tot / grand : NAN, 1, t->buf[r][c], sizeof t->buf[r][c]);
        t->cell[r][c] = t->buf[r][c][0] ? t->buf[r][c] : t->mark;
        t->src[r][c] = t->buf[r][c][0] ? NONE : OPT("mark");
        t->marked |= !t->buf[r][c][0];
    }
    size_t r = t->nrow++, c = 1;
    t->bold[r] = 1;
    t->cell[r][0] = head[unspec ? 4 : 3];
    t->src[r][0] = OPT("total");
    for (int s = 0; s < (unspec ? 3 : 2); s++, c++) tbl_num(x, t, r, c, have[s] ? sums[s] : NAN, 0);
    tbl_num(x, t, r, c++, grand, 0);
    t->cell[r][c] = pct(x, 100, 0, t->buf[r][c], sizeof t->buf[r][c]);
    t->src[r][c] = NONE;
    tbl_columns(x, t, wy);
    /* Header, the rows, and the year when not the report's. */
    if (!room_for(x, b, t->head_h + (double)t->nrow * t->row_h + (wy != x->year ? 14 : 0))) {
        for (size_t i = 0; i < nhead; i++) free(head[i]);
        free(t);
        free(mark);
        free(nd);
        return;
    }
    tbl_size(x, t);
    double y = tbl_place(x, t, b->y);   /* below the last row */
    for (size_t i = 0; i < nhead; i++) free(head[i]);
    /* the caption line: the year at the left when not the report's, the mark's key at the right */
    tbl_legend(x, t, y + 2, b->w / 2);
    free(t);
    free(mark);
    if (wy != x->year) {
        char yb[16];
        snprintf(yb, sizeof yb, "%d", wy);
        ph p = {0};
        ph_set(&p, "year", yb);
        const tp_block *tiles = tp_find(&x->env->tpl, "tiles", NULL);
        char *s = tiles ? text_of(x, tiles, "in_year", &p) : ut_xstrdup(yb);
        text_box(x, s, tiles ? (origin){ tiles, "in_year", NULL } : NONE, b->x, y + 2, b->w / 2 - x->th->gutter, 10,
                 x->th->small, 0, x->th->muted, TX_LEFT, 1);
        free(s);
        ph_free(&p);
    }
    free(nd);
}

/* Institutions and graduates by level at the latest year with education data. */
static void table_education(ctx *x, const tp_block *b)
{
    int ey = figures_year(x, "education");
    double grads = at(x, CN_GRADUATES_TOTAL, NULL, ey);
    char *nd = text_of(x, b, "no_data", NULL);
    if (!ey) {
        x->tree->cur->role = PT_P;    /* no table, only this sentence, for a reader */
        text_box(x, nd, OPT("no_data"), b->x, b->y + 4, b->w, 16, x->th->body, 0, x->th->unknown, TX_LEFT, 1);
        free(nd);
        return;
    }
    tbl *t = ut_xcalloc(1, sizeof *t);
    char *mark = text_of(x, b, "mark", NULL);
    *t = (tbl){ .b = b, .ncol = 3, .head_h = 22, .row_h = 15, .mark = mark, .room = b->h - 22 - 4 - 12 };
    /* Header, a row per level, the totals, the line per 100,000. */
    if (!room_for(x, b, t->head_h + (DS_NLEVELS + 1) * t->row_h + 4 + 12)) {
        free(t);
        free(mark);
        free(nd);
        return;
    }
    const char *hkey[3] = { "level", "institutions", "graduates" };
    char *head[3] = { text_of(x, b, hkey[0], NULL), text_of(x, b, hkey[1], NULL), text_of(x, b, hkey[2], NULL) };
    for (size_t i = 0; i < 3; i++) {
        t->head[i] = head[i];
        t->hsrc[i] = OPT(hkey[i]);
    }
    double inst_sum = 0;
    int inst_have = 0;
    for (size_t l = 0; l < DS_NLEVELS; l++) {
        double inst = at(x, CN_INSTITUTIONS_BY_LEVEL, ds_level_ids[l], ey);
        double g = at(x, CN_GRADUATES_BY_LEVEL, ds_level_ids[l], ey);
        if (!isnan(inst)) { inst_sum += inst; inst_have = 1; }
        size_t r = t->nrow++;
        t->rowkey[r] = ds_level_ids[l];
        t->cell[r][0] = tr(x, tp_get(b, ds_level_ids[l], ds_level_ids[l]));
        t->src[r][0] = OPT(ds_level_ids[l]);
        tbl_num(x, t, r, 1, inst, 0);
        tbl_num(x, t, r, 2, g, 0);
    }
    char *total = text_of(x, b, "total", NULL);
    size_t r = t->nrow++;
    t->bold[r] = 1;
    t->cell[r][0] = total;
    t->src[r][0] = OPT("total");
    tbl_num(x, t, r, 1, inst_have ? inst_sum : NAN, 0);
    tbl_num(x, t, r, 2, grads, 0);
    tbl_columns(x, t, ey);
    tbl_size(x, t);
    double y = tbl_place(x, t, b->y) + 4;   /* below the last row */
    /* the line per 100,000 at the left, the mark's key at the right */
    tbl_legend(x, t, y, b->w * 0.35);
    int marked = t->marked;
    free(t);
    free(mark);
    char c1[NF_BUFSIZE];
    double per = at(x, CN_GRADUATES_PER_100K, NULL, ey);
    ph p = {0};
    char yb[16];
    snprintf(yb, sizeof yb, "%d", ey);
    ph_set(&p, "value", isnan(per) ? nd : num(x, per, 1, c1, sizeof c1));
    ph_set(&p, "year", yb);
    char *line = text_of(x, b, "per_100k", &p);
    text_box(x, line, OPT("per_100k"), b->x, y, marked ? b->w * 0.65 - x->th->gutter : b->w, 12, x->th->small, 0,
             x->th->muted, TX_LEFT, 1);
    free(line);
    free(total);
    ph_free(&p);
    for (int i = 0; i < 3; i++) free(head[i]);
    free(nd);
}

static void draw_table(ctx *x, const tp_block *b)
{
    const char *kind = tp_get(b, "kind", "");
    if (!strcmp(kind, "cadres")) table_cadres(x, b);
    else if (!strcmp(kind, "education")) table_education(x, b);
    else fail(x, tp_attr_of(b, "kind")->line, "block 'table %s': unknown kind '%s' (known: cadres, education)", b->name, kind);
}

/* ---- the capacity grid -------------------------------------------------- */

/* A status symbol a reader can tell apart without colour: a filled disc with
 * a tick (yes), a half disc (partly), a ring with a cross (no), an empty
 * ring (unknown). */
static void status_symbol(ctx *x, double cx, double cy, double r, int status)
{
    const theme *th = x->th;
    double px = x->rtl ? LO_PAGE_W - cx : cx, py = dw_top(cy);
    switch (status) {
    case DS_STATUS_YES: pt_symbol(x->tree, PT_SYM_YES, px, py, r, th->positive); break;
    case DS_STATUS_PARTIAL: pt_symbol(x->tree, PT_SYM_PARTIAL, px, py, r, th->partial); break;
    case DS_STATUS_NO: pt_symbol(x->tree, PT_SYM_NO, px, py, r, th->negative); break;
    default: pt_symbol(x->tree, PT_SYM_UNKNOWN, px, py, r, th->unknown); break;
    }
}

/* The status of an item at the latest year ≤ the report year with one
 * (capacity_status: 1 under the key "item/status"), or -1; *year gets that
 * year (0: none). */
static int item_status(ctx *x, size_t item, int *year)
{
    int best = -1, by = 0;
    for (int st = 0; st < DS_NSTATUS; st++) {
        char key[160];
        snprintf(key, sizeof key, "%s/%s", x->ds->items[item].id, ds_status_ids[st]);
        const cp_series *s = cp_find(x->m, x->ci, cn_id(CN_CAPACITY_STATUS), key);
        for (int y = x->year; s && y >= DS_YEAR_MIN && y > by; y--)
            if (s->v[y - DS_YEAR_MIN] == 1) {
                by = y;
                best = st;
                break;
            }
    }
    if (year) *year = by;
    return best;
}

/* The latest year, up to the report's, with figures of a kind (one of
 * sm_figures), or 0 when there are none. */
static int figures_year(ctx *x, const char *figures)
{
    int y = 0;
    if (!strcmp(figures, "workforce")) {
        (void)latest(x, CN_WORKFORCE_TOTAL, NULL, &y);
    } else if (!strcmp(figures, "education")) {
        (void)latest(x, CN_GRADUATES_TOTAL, NULL, &y);
        for (size_t l = 0; l < DS_NLEVELS && !y; l++) {
            int iy = 0;
            (void)latest(x, CN_INSTITUTIONS_BY_LEVEL, ds_level_ids[l], &iy);
            if (iy > y) y = iy;
        }
    } else if (!strcmp(figures, "capacity")) {
        for (size_t i = 0; i < x->ds->nitems; i++) {
            int iy;
            item_status(x, i, &iy);
            if (iy > y) y = iy;
        }
    }
    return y;
}

/* Opens a row or cell of the grid's table structure (no box of its own:
 * the block's holds its text). */
static void grid_cell(ctx *x, pt_role role, pt_scope scope)
{
    pt_node *n = pt_open(x->tree, role, NULL, 0, NULL, NULL);
    if (role == PT_TH) pt_set_scope(n, scope);
}

static void draw_grid(ctx *x, const tp_block *b)
{
    const theme *th = x->th;
    static const char *const pillars[] = { "planning", "developing", "supporting" };
    double gap = 12, cw = (b->w - 2 * gap) / 3;
    int gy = figures_year(x, "capacity");
    /* Each pillar: its title row, then a row of 26 points per item. */
    size_t most = 0;
    for (int p = 0; p < 3; p++) {
        size_t n = 0;
        for (size_t i = 0; i < x->ds->nitems; i++) n += !strcmp(x->ds->items[i].pillar, pillars[p]);
        if (n > most) most = n;
    }
    if (!room_for(x, b, 26 + 26 * (double)most)) return;
    /* The status words share one width (the widest, in this language) and
     * one size, a gutter away from the labels, on the labels' first
     * baseline. */
    static const char *const words[] = { "yes", "partial", "no", "unknown" };
    char *word[4];
    double ww = 0;
    for (int k = 0; k < 4; k++) {
        word[k] = text_of(x, b, words[k], NULL);
        double w = width_of(x, word[k], th->small, 0);
        if (w > ww) ww = w;
    }
    ww = fmin(ww, cw * 0.4);
    double wsize = th->small;
    for (int k = 0; k < 4; k++) {
        double f = fit_at(x, word[k], ww, 12, th->small, 0, 1);
        if (f > 0 && f < wsize) wsize = f;
    }
    double label_w = cw - 17 - ww - th->gutter;
    double drop = TX_FIRST_BASELINE * (th->body - wsize);   /* status baseline = label's first */
    for (int p = 0; p < 3; p++) {
        double cx0 = b->x + p * (cw + gap), y = b->y;
        char *title = text_of(x, b, pillars[p], NULL);
        fill_rect(x, cx0, y, cw, 20, th->tile);
        grid_cell(x, PT_TR, PT_SCOPE_NONE);       /* a pillar: its head, then a row per item */
        grid_cell(x, PT_TH, PT_SCOPE_COLUMN);
        text_box(x, title, OPT(pillars[p]), cx0 + 6, y + 4, cw * 0.55, 14, th->body + 1, 1, th->primary, TX_LEFT, 1);
        double score = gy ? at(x, CN_CAPACITY_SCORE, pillars[p], gy) : NAN;
        if (!isnan(score)) {
            char buf[NF_BUFSIZE];
            ph q = {0};
            ph_set(&q, "score", num(x, score, 0, buf, sizeof buf));
            char *s = text_of(x, b, "score", &q);
            text_box(x, s, OPT("score"), cx0 + cw * 0.55, y + 5, cw * 0.45 - 6, 12, th->small, 0, th->muted, TX_RIGHT, 1);
            free(s);
            ph_free(&q);
        }
        pt_close(x->tree);
        pt_close(x->tree);
        y += 26;
        for (size_t i = 0; i < x->ds->nitems; i++) {
            if (strcmp(x->ds->items[i].pillar, pillars[p]) != 0) continue;
            int st = item_status(x, i, NULL);
            grid_cell(x, PT_TR, PT_SCOPE_NONE);
            status_symbol(x, cx0 + 7, y + 7, 5, st < 0 ? DS_STATUS_UNKNOWN : st);
            grid_cell(x, PT_TH, PT_SCOPE_ROW);
            text_box(x, tr(x, x->ds->items[i].label), DATA(x->ds->items[i].label), cx0 + 17, y + 1, label_w, 22,
                     th->body, 0, th->ink, TX_LEFT, 2);
            pt_close(x->tree);
            int k = st < 0 ? DS_STATUS_UNKNOWN : st;
            grid_cell(x, PT_TD, PT_SCOPE_NONE);
            text_box(x, word[k], OPT(words[k]), cx0 + cw - ww, y + 1 + drop, ww, 12, wsize, 0, th->muted, TX_RIGHT, 1);
            pt_close(x->tree);
            pt_close(x->tree);
            y += 26;
        }
        free(title);
    }
    /* A grid of "unknown" says it all: no "no data" line under it. */
    for (int k = 0; k < 4; k++) free(word[k]);
}

/* ---- notes -------------------------------------------------------------- */

/* Distinct sources of a table, "illustrative" translated, joined by "; ". */
static char *sources_of(ctx *x, const tp_block *b, int table)
{
    const char *seen[64];
    size_t n = 0;
    size_t rows = table == 0 ? x->c->nwork : table == 1 ? x->c->nedu : x->c->nsys;
    for (size_t i = 0; i < rows && n < 64; i++) {
        const char *s = table == 0 ? x->c->work[i].source : table == 1 ? x->c->edu[i].source : x->c->sys[i].source;
        if (!*s) continue;
        size_t k = 0;
        while (k < n && strcmp(seen[k], s) != 0) k++;
        if (k == n) seen[n++] = s;
    }
    ut_buf out = {0};
    for (size_t i = 0; i < n; i++) {
        if (out.len) ut_buf_puts(&out, "; ");
        if (strcmp(seen[i], "illustrative") == 0) {
            char *t = text_of(x, b, "illustrative", NULL);
            ut_buf_puts(&out, t);
            free(t);
        } else {
            ut_buf_puts(&out, seen[i]);
        }
    }
    if (!n) {
        char *t = text_of(x, b, "none", NULL);
        ut_buf_puts(&out, t);
        free(t);
    }
    return out.data;
}

/* Years as "2010–2024" or "2010–2022, 2024" ("" for none). */
static void years_text(const unsigned char *has, char *out, size_t n)
{
    size_t len = 0;
    out[0] = 0;
    for (int i = 0, m = DS_YEAR_MAX - DS_YEAR_MIN + 1; i < m && len < n;) {
        if (!has[i]) { i++; continue; }
        int j = i;
        while (j + 1 < m && has[j + 1]) j++;
        if (j > i) len += (size_t)snprintf(out + len, n - len, "%s%d–%d", len ? ", " : "", DS_YEAR_MIN + i, DS_YEAR_MIN + j);
        else len += (size_t)snprintf(out + len, n - len, "%s%d", len ? ", " : "", DS_YEAR_MIN + i);
        i = j + 1;
    }
}

/* The country's population years the notes credit to the World Bank (wb)
 * and those added by hand (added). The World Bank's download covers every
 * country: a year every country with population rows has is one of it; a
 * year only some countries have was typed in for them (a later year for a
 * few countries, say), and is not credited to the World Bank. */
static void population_years(ctx *x, char *wb, char *added, size_t n)
{
    unsigned char all[DS_YEAR_MAX - DS_YEAR_MIN + 1], mine[DS_YEAR_MAX - DS_YEAR_MIN + 1] = {0},
                  other[DS_YEAR_MAX - DS_YEAR_MIN + 1] = {0};
    memset(all, 1, sizeof all);
    for (size_t ci = 0; ci < x->ds->nc; ci++) {
        const ds_country *c = &x->ds->c[ci];
        if (!c->npop) continue;
        unsigned char has[DS_YEAR_MAX - DS_YEAR_MIN + 1] = {0};
        for (size_t k = 0; k < c->npop; k++) has[c->pop[k].year - DS_YEAR_MIN] = 1;
        for (size_t y = 0; y < sizeof all; y++) all[y] &= has[y];
    }
    for (size_t k = 0; k < x->c->npop; k++) {
        int y = x->c->pop[k].year - DS_YEAR_MIN;
        if (all[y]) mine[y] = 1;
        else other[y] = 1;
    }
    /* The World Bank's years as one range, first to last. */
    int f = -1, l = -1;
    for (int y = 0; y < (int)sizeof mine; y++) if (mine[y]) { if (f < 0) f = y; l = y; }
    for (int y = f; f >= 0 && y <= l; y++) mine[y] = 1;
    years_text(mine, wb, n);
    years_text(other, added, n);
}

/* Where a note quotes a table's sources as the datasets give them, in
 * English (datasets/README.md), in another language's note: spans of t for
 * dw_text_langs, in order. Returns their number. */
static size_t citation_spans(const ctx *x, int table, const char *t, dw_lang_span *spans, size_t max)
{
    if (!strcmp(x->lang, "en")) return 0;
    size_t n = 0, rows = table == 0 ? x->c->nwork : table == 1 ? x->c->nedu : x->c->nsys;
    for (size_t i = 0; i < rows; i++) {
        const char *src = table == 0 ? x->c->work[i].source : table == 1 ? x->c->edu[i].source : x->c->sys[i].source;
        if (!*src || !strcmp(src, "illustrative")) continue;
        for (const char *at = strstr(t, src); at && n < max; at = strstr(at + strlen(src), src)) {
            size_t f = (size_t)(at - t), k = 0;
            while (k < n && spans[k].from != f) k++;
            if (k < n) continue;                       /* a source of two rows */
            for (k = n; k > 0 && spans[k - 1].from > f; k--) spans[k] = spans[k - 1];
            spans[k] = (dw_lang_span){ f, f + strlen(src), "en" };
            n++;
        }
    }
    return n;
}

static void draw_notes(ctx *x, const tp_block *b)
{
    char years[256], added[256];
    population_years(x, years, added, sizeof years);
    ph p = {0};
    ph_set(&p, "years", years);
    static const char *const keys[] = { "population", "children", "population_added", "workforce", "education",
                                        "system", "method" };
    double y = b->y;
    for (int i = 0; i < 7; i++) {
        if (i == 2) {   /* population typed in: said only when there is some, and the template says how */
            if (!*added || !tp_attr_of(b, keys[i])) continue;
            ph_set(&p, "years", added);
        }
        if (i == 3) ph_set(&p, "years", years);
        if (i >= 3 && i <= 5) {
            char *s = sources_of(x, b, i - 3);
            ph_set(&p, "sources", s);
            free(s);
        }
        if (i == 6) {
            const cp_series *t = cp_find(x->m, x->ci, cn_id(CN_RATIO_PROJECTION), NULL);
            int py = 0;
            for (int k = CP_NYEARS - 1; t && k >= 0 && !py; k--) if (!isnan(t->v[k])) py = k + DS_YEAR_MIN;
            char yb[16];
            snprintf(yb, sizeof yb, "%d", py ? py : 2030);
            ph_set(&p, "year", yb);
        }
        char *t = text_of(x, b, keys[i], &p);
        double left = b->y + b->h - y;   /* the notes share the block's height */
        dw_lang_span spans[16];
        size_t nspans = i >= 3 && i <= 5 ? citation_spans(x, i - 3, t, spans, 16) : 0;   /* workforce, education, system */
        double used = left > 0 ? dw_text_langs(&x->pen, 1, t, spans, nspans, b->x, y, b->w, left, x->th->small + 0.5,
                                               0, x->th->ink, TX_LEFT, 0, x->th->min) : -1;
        if (used < 0) used = text_box(x, t, OPT(keys[i]), b->x, y, b->w, left, x->th->small + 0.5, 0, x->th->ink, TX_LEFT, 0);
        y += used + 4;
        free(t);
    }
    ph_free(&p);
}

/* ---- published figures -------------------------------------------------- */

/* The published figures of the country (published.csv, up to the report
 * year) as a list under the block's title, the most recent first, as many
 * as the block's height holds; the others are counted in the `more` line
 * (the report's annex lists them all). A country without any shows
 * nothing, and the blocks placed `below` this one keep their places: the
 * space is given back. Each item says what the figure counts (a label by
 * its measure, translated; the definition as published), its year, the
 * figure, and its source as published. */

const char *const lo_pub_labels[DS_NMEASURES] = {
    "count", "count_posts", "count_fte", "ratio_population_per_worker", "ratio_children_per_worker",
    "rate_per_100k_population", "rate_per_100k_children", "rate_per_1000_children", "vacancy_rate_pct",
};

const char *lo_pub_value(const dw_pen *pen, const ds_pub *p, char *buf, size_t n)
{
    double v = p->value;
    int dec = v != floor(v) ? (fabs(v * 10 - floor(v * 10 + 0.5)) < 1e-9 ? 1 : 2) : 0;
    if (strstr(p->unit, "thousand")) {   /* "713.2 thousand persons": the count itself */
        v = floor(v * 1000 + 0.5);
        dec = 0;
    }
    return p->measure == DS_MEASURE_VACANCY_PCT ? dw_pct(pen, v, dec, buf, n) : dw_num(pen, v, dec, buf, n);
}

/* One figure's text, owned. */
static char *pub_item(ctx *x, const tp_block *b, const ds_pub *f)
{
    char vb[NF_BUFSIZE], yb[16], sy[16];
    ph p = {0};
    char *measure = text_of(x, b, lo_pub_labels[f->measure], NULL);
    snprintf(yb, sizeof yb, "%d", f->year);
    snprintf(sy, sizeof sy, "%d", f->source_year);
    ph_set(&p, "year", yb);
    ph_set(&p, "measure", measure);
    ph_set(&p, "value", lo_pub_value(&x->pen, f, vb, sizeof vb));
    ph_set(&p, "definition", f->cadre);
    ph_set(&p, "source", f->source_title);
    ph_set(&p, "publisher", f->publisher);
    ph_set(&p, "source_year", sy);
    char *t = text_of(x, b, "item", &p);
    ph_free(&p);
    free(measure);
    return t;
}

static void draw_published(ctx *x, const tp_block *b)
{
    x->pub_block = b->name;
    x->pub_drop = 0;
    size_t n = x->c->npub;
    if (!n) return;
    const theme *th = x->th;
    double size = th->small + 0.5, y = b->y, bottom = b->y + b->h;
    char *title = text_of(x, b, "title", NULL);
    pt_open(x->tree, PT_H2, NULL, 0, NULL, NULL);
    y += text_box(x, title, OPT("title"), b->x, y, b->w, 14, th->title, 1, th->primary, TX_LEFT, 1);
    pt_close(x->tree);
    free(title);
    y = fmax(y, b->y + 14);
    hline(x, b->x, y + 2, b->w, 0.6, th->rule);
    y += 6;
    /* The `more` line's room is kept while some figures may not fit. */
    char cb[32];
    ph q = {0};
    snprintf(cb, sizeof cb, "%zu", n);
    ph_set(&q, "n", cb);
    char *more = text_of(x, b, "more", &q);
    double more_h = dw_text(&x->pen, 0, more, b->x, 0, b->w, 100, size, 0, th->muted, TX_LEFT, 2, th->min);
    size_t shown = 0;
    pt_open(x->tree, PT_L, NULL, 0, NULL, NULL);
    for (size_t k = n; k-- > 0;) {   /* the most recent first */
        char *t = pub_item(x, b, &x->c->pub[k]);
        double need = dw_text(&x->pen, 0, t, b->x, 0, b->w, 100, size, 0, th->ink, TX_LEFT, 3, th->min);
        double room = bottom - y - (k > 0 ? more_h + 3 : 0);
        if (need < 0 || need > room + 0.01) {
            free(t);
            if (!shown) {   /* not even one: the block is too small, an error at its h */
                room_for(x, b, y - b->y + (need < 0 ? 40 : need));
                break;
            }
            break;
        }
        pt_open(x->tree, PT_LI, NULL, 0, NULL, NULL);
        pt_open(x->tree, PT_LBODY, NULL, 0, NULL, NULL);
        y += text_box(x, t, NONE, b->x, y, b->w, need + 0.5, size, 0, th->ink, TX_LEFT, 3) + 3;
        pt_close(x->tree);
        pt_close(x->tree);
        free(t);
        shown++;
    }
    pt_close(x->tree);
    if (shown < n) {
        snprintf(cb, sizeof cb, "%zu", n - shown);
        ph_set(&q, "n", cb);
        free(more);
        more = text_of(x, b, "more", &q);
        pt_open(x->tree, PT_P, NULL, 0, NULL, NULL);
        y += text_box(x, more, OPT("more"), b->x, y, b->w, bottom - y, size, 0, th->muted, TX_LEFT, 2);
        pt_close(x->tree);
    }
    free(more);
    ph_free(&q);
    x->pub_drop = y - b->y + tp_num(b, "space", 10);
}

/* A block placed `below` the published block drawn before it on its page
 * moves down by what that block took (nothing when it showed nothing); a
 * block that is not a section heading keeps its bottom edge. */
static const tp_block *below_published(ctx *x, const tp_block *b, tp_block *moved)
{
    const char *under = tp_get(b, "below", NULL);
    if (!under || !x->pub_block || strcmp(under, x->pub_block) != 0 || x->pub_drop <= 0) return b;
    *moved = *b;
    moved->y += x->pub_drop;
    if (strcmp(b->type, "section") != 0) moved->h -= x->pub_drop;
    return moved;
}

/* ---- charts ------------------------------------------------------------- */

static double chart_width(void *c, const char *utf8, double size, int bold)
{
    ctx *x = c;
    tx_style st = dw_style(&x->pen, size, bold, x->th->ink);
    return tx_width(x->env->fonts, utf8, &st);
}

static const char *chart_fmt(void *c, double v, char *buf, size_t n)
{
    ctx *x = c;
    double a = fabs(v);
    int dec = a > 0 && a < 10 && v != floor(v) ? 1 : 0;
    return num(x, v, dec, buf, n);
}

static void theme_of(ctx *x, ch_theme *ct)
{
    ch_theme_default(ct, chart_width, x);
    for (int i = 0; i < CH_PALETTE; i++) ct->palette[i] = x->th->palette[i];
    ct->text = x->th->ink;
    ct->text_muted = x->th->muted;
    ct->grid = x->th->rule;
    ct->highlight = x->th->accent;
    ct->size_min = x->th->min;
    ct->rtl = x->pen.rtl;
}

/* The FreeType fonts of the PNG/SVG exports, by script, opened once per
 * process (cairo-ft has no fallback: one font pair per language). */
sc_ft *lo_chart_fonts(lo_env *env, tx_script script)
{
    int k = script == TX_SCRIPT_ARABIC ? 1 : script == TX_SCRIPT_CJK ? 2 : script == TX_SCRIPT_CYRILLIC ? 3 : 0;
    static const tx_font reg[4] = { TX_FONT_LATIN, TX_FONT_ARABIC, TX_FONT_CJK, TX_FONT_CYRILLIC };
    static const tx_font bold[4] = { TX_FONT_LATIN_BOLD, TX_FONT_ARABIC_BOLD, TX_FONT_CJK_BOLD,
                                     TX_FONT_CYRILLIC_BOLD };
    if (!env->chart_fonts[k]) {
        env->chart_fonts[k] = sc_ft_open(tx_fontset_file(env->fonts, reg[k]), tx_fontset_file(env->fonts, bold[k]));
        /* The Arabic fonts have no Latin letters (an English citation). */
        if (env->chart_fonts[k] && k == 1
            && sc_ft_fallback(env->chart_fonts[k], tx_fontset_file(env->fonts, TX_FONT_LATIN),
                              tx_fontset_file(env->fonts, TX_FONT_LATIN_BOLD)) != 0) {
            sc_ft_close(env->chart_fonts[k]);
            env->chart_fonts[k] = NULL;
        }
    }
    return env->chart_fonts[k];
}

const char *lo_script_name(tx_script script)
{
    static const char *const names[] = { [TX_SCRIPT_LATIN] = "latin", [TX_SCRIPT_CYRILLIC] = "cyrillic",
                                         [TX_SCRIPT_ARABIC] = "arabic", [TX_SCRIPT_CJK] = "cjk" };
    return names[script];
}

static sc_ft *chart_fonts(ctx *x) { return lo_chart_fonts(x->env, x->pen.script); }

/* A label handed to a chart and where it comes from, to name it when the
 * chart cannot fit it. */
typedef struct label_src {
    const char *text;
    origin from;
} label_src;

static void place_chart(ctx *x, const tp_block *b, sc_scene *sc, const char *name, const label_src *src,
                        size_t nsrc)
{
    if (!sc) {
        fail(x, b->line, "block 'chart %s': the chart could not be built", b->name);
        return;
    }
    if (sc_status(sc) == SC_UNFIT) {
        const char *t = sc_unfit_text(sc);
        char room[64];
        snprintf(room, sizeof room, "the chart (%.0f × %.0f pt)", b->w, b->h);
        if (!t) {
            const tp_attr *a = tp_attr_of(b, "h");
            fail(x, a ? a->line : b->line, "block 'chart %s': the box (%g × %g pt) is too small for the chart",
                 b->name, b->w, b->h);
        } else {
            origin o = NONE;
            for (size_t i = 0; i < nsrc; i++)
                if (src[i].text && !strcmp(src[i].text, t)) {
                    o = src[i].from;
                    break;
                }
            unfit(x, o, t, room);
        }
        sc_free(sc);
        return;
    }
    if (sc_status(sc) != 0) {
        fail(x, b->line, "block 'chart %s': chart error %d", b->name, sc_status(sc));
        sc_free(sc);
        return;
    }
    dw_scene(&x->pen, sc, b->x, b->y, b->w);   /* the tree owns it now */
    /* PNG and SVG are written once the whole profile is (write_charts). */
    if (x->charts_dir && x->ncharts < LO_MAX_CHARTS) {
        x->charts[x->ncharts].sc = sc;
        x->charts[x->ncharts].name = name;
        x->charts[x->ncharts].alt = x->alt;
        x->alt = NULL;
        x->charts[x->ncharts++].block = b;
    }
}

/* A chart's heading: the text of the section of its name, else of the last
 * section above it on its page; owned. */
static char *chart_title(ctx *x, const tp_block *b)
{
    const tp_block *sec = tp_find(&x->env->tpl, "section", b->name), *above = NULL;
    for (size_t i = 0; i < x->env->tpl.nblocks && &x->env->tpl.blocks[i] != b; i++) {
        const tp_block *s = &x->env->tpl.blocks[i];
        if (!strcmp(s->type, "section") && s->page == b->page) above = s;
    }
    if (!sec) sec = above;
    return sec && tp_attr_of(sec, "text") ? text_of(x, sec, "text", NULL) : ut_xstrdup("");
}

static char *sources_of(ctx *x, const tp_block *b, int table);

/* Writes a chart as PNG and SVG, framed for a slide (chartfile.h): its
 * heading, [document] chart_subtitle and chart_source (the sources of the
 * table it draws on), its alternative text. */
static int write_chart(ctx *x, size_t i, const char *png, const char *svg)
{
    const tp_block *b = x->charts[i].block, *doc = tp_find(&x->env->tpl, "document", NULL);
    const tp_block *notes = tp_find(&x->env->tpl, "notes", NULL);
    char *title = chart_title(x, b);
    char *sub = doc ? text_of(x, doc, "chart_subtitle", NULL) : ut_xstrdup("");
    char *srcs = notes ? sources_of(x, notes, !strcmp(x->charts[i].name, "graduates") ? 1 : 0) : NULL;
    ph p = {0};
    ph_set(&p, "sources", srcs ? srcs : "");
    char *source = doc ? text_of(x, doc, "chart_source", &p) : ut_xstrdup("");
    cx_info in = { .title = title, .subtitle = sub, .source = source, .alt = x->charts[i].alt,
                   .lang = x->lang, .rtl = x->rtl, .font_family = cx_font_family(lo_script_name(x->pen.script)),
                   .ink = x->th->ink, .muted = x->th->muted };
    sc_ft *ft = chart_fonts(x);
    int rc = !ft || of_mkdirs(png) != 0 || cx_write(x->charts[i].sc, &in, ft, png, svg) != 0 ? -1 : 0;
    free(title); free(sub); free(srcs); free(source);
    ph_free(&p);
    return rc;
}

/* Writes the charts of a profile that was saved (the tree owns them). */
static int write_charts(ctx *x, int saved, char *err, size_t errlen)
{
    int rc = 0;
    for (size_t i = 0; i < x->ncharts; i++) {
        if (saved && !rc) {
            char *png = ut_xasprintf("%s/%s-%s.png", x->charts_dir, x->c->iso3, x->charts[i].name);
            char *svg = ut_xasprintf("%s/%s-%s.svg", x->charts_dir, x->c->iso3, x->charts[i].name);
            if (write_chart(x, i, png, svg) != 0) {
                snprintf(err, errlen, "%s:%ld: block 'chart %s': cannot write %s or %s", x->env->tpl.file,
                         x->charts[i].block->line, x->charts[i].block->name, png, svg);
                rc = -1;
            }
            free(png);
            free(svg);
        }
        free(x->charts[i].alt);
    }
    x->ncharts = 0;
    return rc;
}

/* A chart's alternative text, for a reader who cannot see it: the block's
 * sentence `key` ("alt", or "alt_no_data" when it shows nothing), which names
 * the kind of chart, what it measures and the country, its {data} the
 * figures it shows (`data`, may be NULL). Kept for the chart's PNG/SVG
 * (x->alt, until place_chart takes it). */
static void chart_alt(ctx *x, const tp_block *b, const char *key, ph *p, const char *data)
{
    if (data) ph_set(p, "data", data);
    char *alt = text_of(x, b, key, p);
    pt_set_alt(x->tree->cur, alt);
    free(x->alt);
    x->alt = alt;
}

/* Adds one figure's words to an alt text's {data}, after the language's
 * list separator. */
static void alt_add(ctx *x, ut_buf *u, const char *s)
{
    if (u->len) ut_buf_puts(u, tr_conventions(x->tr)->list_separator);
    ut_buf_puts(u, s);
}

/* "label: value" of each bar (alt_item, alt_item_no_data), for chart_alt;
 * owned. */
static char *bars_alt(ctx *x, const tp_block *b, const ch_bar *bars, size_t n)
{
    ut_buf u = {0};
    for (size_t i = 0; i < n; i++) {
        ph p = {0};
        ph_set(&p, "label", bars[i].label);
        if (bars[i].value_label) ph_set(&p, "value", bars[i].value_label);
        char *s = text_of(x, b, bars[i].value_label ? "alt_item" : "alt_item_no_data", &p);
        alt_add(x, &u, s);
        free(s);
        ph_free(&p);
    }
    return u.data ? u.data : ut_xstrdup("");
}

/* The trend chart's figures: first and last observed, the target, the
 * projection at the last year; owned. */
static char *trend_alt(ctx *x, const tp_block *b, int y0, int y1, const double *o, const double *t,
                       double target, int target_year)
{
    ut_buf u = {0};
    char b1[NF_BUFSIZE], b2[NF_BUFSIZE], yf[16], yl[16];
    int f = -1, l = -1;
    for (int y = 0; y <= y1 - y0; y++)
        if (!isnan(o[y])) { if (f < 0) f = y; l = y; }
    ph p = {0};
    if (f >= 0) {
        snprintf(yf, sizeof yf, "%d", y0 + f);
        snprintf(yl, sizeof yl, "%d", y0 + l);
        ph_set(&p, "first", num(x, o[f], 1, b1, sizeof b1));
        ph_set(&p, "first_year", yf);
        ph_set(&p, "last", num(x, o[l], 1, b2, sizeof b2));
        ph_set(&p, "last_year", yl);
        char *s = text_of(x, b, l > f ? "alt_observed" : "alt_observed_one", &p);
        alt_add(x, &u, s);
        free(s);
    } else {
        char *s = text_of(x, b, "alt_no_data", NULL);
        alt_add(x, &u, s);
        free(s);
    }
    if (!isnan(target)) {
        snprintf(yf, sizeof yf, "%d", target_year);
        ph_set(&p, "value", num(x, target, 0, b1, sizeof b1));
        ph_set(&p, "target_year", yf);
        char *s = text_of(x, b, "alt_target", &p);
        alt_add(x, &u, s);
        free(s);
    }
    if (!isnan(t[y1 - y0])) {
        snprintf(yl, sizeof yl, "%d", y1);
        ph_set(&p, "value", num(x, t[y1 - y0], 1, b1, sizeof b1));
        ph_set(&p, "projection_year", yl);
        char *s = text_of(x, b, "alt_projection", &p);
        alt_add(x, &u, s);
        free(s);
    }
    ph_free(&p);
    return u.data ? u.data : ut_xstrdup("");
}

static void chart_trend(ctx *x, const tp_block *b, const ch_theme *ct)
{
    const cp_series *obs = cp_find(x->m, x->ci, cn_id(CN_RATIO_PER_100K), NULL);
    const cp_series *trend = cp_find(x->m, x->ci, cn_id(CN_RATIO_TREND), NULL);
    int y0 = 0, y1 = 0;
    for (int y = 0; y < CP_NYEARS; y++) {
        int has = (obs && !isnan(obs->v[y])) || (trend && !isnan(trend->v[y]));
        if (has && !y0) y0 = y + DS_YEAR_MIN;
        if (has) y1 = y + DS_YEAR_MIN;
    }
    const cp_series *tgt = cp_find(x->m, x->ci, cn_id(CN_RATIO_TARGET), NULL);
    int ty = 0;
    for (int y = CP_NYEARS - 1; tgt && y >= 0 && !ty; y--) if (!isnan(tgt->v[y])) ty = y + DS_YEAR_MIN;
    if (!y0) { y0 = x->year - 8; y1 = x->year; }
    if (ty > y1) y1 = ty;
    double o[CH_MAX_YEARS], t[CH_MAX_YEARS];
    for (int y = y0; y <= y1; y++) {
        o[y - y0] = obs ? obs->v[y - DS_YEAR_MIN] : NAN;
        t[y - y0] = trend ? trend->v[y - DS_YEAR_MIN] : NAN;
    }
    char tb[NF_BUFSIZE], yb[16];
    double target = ty ? tgt->v[ty - DS_YEAR_MIN] : NAN;
    ph p = {0};
    ph_set(&p, "value", num(x, target, 0, tb, sizeof tb));
    snprintf(yb, sizeof yb, "%d", y1);
    ph_set(&p, "year", yb);
    char *tl = text_of(x, b, "target", &p);
    char *lo = text_of(x, b, "observed", &p);
    char *lt = text_of(x, b, "projection", &p);
    char *nd = text_of(x, b, "no_data", NULL);
    ch_trend_in in = { .year0 = y0, .year1 = y1, .obs = o, .trend = t, .target = target,
                       .target_label = tl, .legend_obs = lo, .legend_trend = lt, .nodata_label = nd,
                       .fmt = chart_fmt, .fmt_ctx = x };
    label_src src[] = { { tl, OPT("target") }, { lo, OPT("observed") }, { lt, OPT("projection") },
                        { nd, OPT("no_data") } };
    char *alt = trend_alt(x, b, y0, y1, o, t, target, ty);
    ph ap = {0};
    chart_alt(x, b, "alt", &ap, alt);
    ph_free(&ap);
    free(alt);
    place_chart(x, b, ch_trend(&in, ct, b->w, b->h), "trend", src, 4);
    free(tl); free(lo); free(lt); free(nd);
    ph_free(&p);
}

/* A bar or donut chart's alt text: its figures of data_year, or none. */
static void bars_chart_alt(ctx *x, const tp_block *b, int data_year, const char *data)
{
    ph p = {0};
    char yb[16];
    snprintf(yb, sizeof yb, "%d", data_year);
    ph_set(&p, "data_year", yb);
    chart_alt(x, b, data_year ? "alt" : "alt_no_data", &p, data);
    ph_free(&p);
}

static void chart_cadres(ctx *x, const tp_block *b, const ch_theme *ct)
{
    int wy = 0;
    (void)latest(x, CN_WORKFORCE_TOTAL, NULL, &wy);
    ch_bar bars[32];
    char vals[32][NF_BUFSIZE];
    size_t n = 0;
    for (size_t k = 0; k < x->ds->ncadres && n < 32; k++) {
        double v = wy ? at(x, CN_WORKFORCE_BY_CADRE, x->ds->cadres[k].id, wy) : NAN;
        if (!strcmp(x->ds->cadres[k].id, "unspecified") && isnan(v)) continue;
        bars[n] = (ch_bar){ .label = tr(x, x->ds->cadres[k].label), .value = v,
                            .value_label = isnan(v) ? NULL : num(x, v, 0, vals[n], sizeof vals[n]) };
        n++;
    }
    char *nd = text_of(x, b, "no_data", NULL);
    ch_bars_in in = { .bars = bars, .n = n, .max = NAN, .nodata_label = nd };
    label_src src[33];
    size_t ns = 0;
    src[ns++] = (label_src){ nd, OPT("no_data") };
    for (size_t k = 0, i = 0; k < x->ds->ncadres && i < n; k++)
        if (bars[i].label == tr(x, x->ds->cadres[k].label)) src[ns++] = (label_src){ bars[i++].label, DATA(x->ds->cadres[k].label) };
    char *alt = bars_alt(x, b, bars, n);
    bars_chart_alt(x, b, wy, alt);
    free(alt);
    place_chart(x, b, ch_bars(&in, ct, b->w, b->h), "cadres", src, ns);
    free(nd);
}

static void chart_graduates(ctx *x, const tp_block *b, const ch_theme *ct)
{
    int ey = 0;
    (void)latest(x, CN_GRADUATES_TOTAL, NULL, &ey);
    const tp_block *edu = NULL;   /* the table of kind education names the levels (checked at load) */
    for (size_t i = 0; i < x->env->tpl.nblocks && !edu; i++)
        if (!strcmp(x->env->tpl.blocks[i].type, "table") && !strcmp(tp_get(&x->env->tpl.blocks[i], "kind", ""), "education"))
            edu = &x->env->tpl.blocks[i];
    ch_bar bars[DS_NLEVELS];
    char vals[DS_NLEVELS][NF_BUFSIZE];
    for (size_t l = 0; l < DS_NLEVELS; l++) {
        double v = ey ? at(x, CN_GRADUATES_BY_LEVEL, ds_level_ids[l], ey) : NAN;
        bars[l] = (ch_bar){ .label = tr(x, tp_get(edu, ds_level_ids[l], ds_level_ids[l])), .value = v,
                            .value_label = isnan(v) ? NULL : num(x, v, 0, vals[l], sizeof vals[l]) };
    }
    char *nd = text_of(x, b, "no_data", NULL);
    ch_bars_in in = { .bars = bars, .n = DS_NLEVELS, .max = NAN, .nodata_label = nd };
    label_src src[DS_NLEVELS + 1];
    for (size_t l = 0; l < DS_NLEVELS; l++) src[l] = (label_src){ bars[l].label, { edu, ds_level_ids[l], NULL } };
    src[DS_NLEVELS] = (label_src){ nd, OPT("no_data") };
    char *alt = bars_alt(x, b, bars, DS_NLEVELS);
    bars_chart_alt(x, b, ey, alt);
    free(alt);
    place_chart(x, b, ch_bars(&in, ct, b->w, b->h), "graduates", src, DS_NLEVELS + 1);
    free(nd);
}

static void chart_sectors(ctx *x, const tp_block *b, const ch_theme *ct)
{
    int wy = 0;
    double share = latest(x, CN_GOVERNMENT_SHARE, NULL, &wy);
    double g = wy ? at(x, CN_WORKFORCE_BY_SECTOR, "government", wy) : NAN;
    double ng = wy ? at(x, CN_WORKFORCE_BY_SECTOR, "non_government", wy) : NAN;
    char b1[NF_BUFSIZE], b2[NF_BUFSIZE], c[NF_BUFSIZE];
    char *gl = text_of(x, b, "government", NULL), *nl = text_of(x, b, "non_government", NULL);
    char *l1 = ut_xasprintf("%s %s", gl, isnan(share) ? "" : pct(x, share, 0, b1, sizeof b1));
    char *l2 = ut_xasprintf("%s %s", nl, isnan(share) ? "" : pct(x, 100 - share, 0, b2, sizeof b2));
    ch_slice sl[2] = { { g, l1 }, { ng, l2 } };
    char *nd = text_of(x, b, "no_data", NULL);
    ch_donut_in in = { .slices = sl, .n = 2, .center_label = isnan(share) ? NULL : pct(x, share, 0, c, sizeof c),
                       .nodata_label = nd };
    label_src src[] = { { l1, OPT("government") }, { l2, OPT("non_government") }, { nd, OPT("no_data") } };
    ch_bar shares[2] = { { .label = gl, .value_label = isnan(share) ? NULL : b1 },
                         { .label = nl, .value_label = isnan(share) ? NULL : b2 } };
    char *alt = bars_alt(x, b, shares, 2);
    bars_chart_alt(x, b, isnan(share) ? 0 : wy, alt);
    free(alt);
    place_chart(x, b, ch_donut(&in, ct, b->w, b->h), "sectors", src, 3);
    free(gl); free(nl); free(l1); free(l2); free(nd);
}

/* The comparison chart's alt text: the country's value and rank, the
 * group's median and range. */
static void compare_alt(ctx *x, const tp_block *b, const double *vals, size_t n, double mine, double rank,
                        double count, double median, const char *nodata)
{
    double lo = NAN, hi = NAN;
    size_t with = 0;
    for (size_t i = 0; i < n; i++)
        if (!isnan(vals[i])) {
            if (!with || vals[i] < lo) lo = vals[i];
            if (!with || vals[i] > hi) hi = vals[i];
            with++;
        }
    ut_buf u = {0};
    ph p = {0};
    char b1[NF_BUFSIZE], b2[NF_BUFSIZE], nb[24];
    if (!isnan(mine)) {
        char rb[16], cb[16];
        snprintf(rb, sizeof rb, "%.0f", rank);
        snprintf(cb, sizeof cb, "%.0f", count);
        ph_set(&p, "value", num(x, mine, 1, b1, sizeof b1));
        ph_set(&p, "rank", isnan(rank) ? nodata : rb);
        ph_set(&p, "count", isnan(count) ? nodata : cb);
        char *s = text_of(x, b, "alt_self", &p);
        alt_add(x, &u, s);
        free(s);
    }
    if (!isnan(median)) {
        ph_set(&p, "value", num(x, median, 1, b1, sizeof b1));
        char *s = text_of(x, b, "alt_median", &p);
        alt_add(x, &u, s);
        free(s);
    }
    if (with > 1) {
        ph_set(&p, "low", num(x, lo, 1, b1, sizeof b1));
        ph_set(&p, "high", num(x, hi, 1, b2, sizeof b2));
        char *s = text_of(x, b, "alt_range", &p);
        alt_add(x, &u, s);
        free(s);
    }
    snprintf(nb, sizeof nb, "%zu", with);
    ph_set(&p, "n", nb);
    chart_alt(x, b, with ? "alt" : "alt_no_data", &p, u.data ? u.data : "");
    ph_free(&p);
    ut_buf_free(&u);
}

static void chart_compare(ctx *x, const tp_block *b, const ch_theme *ct)
{
    double vals[LO_MAX_GROUP];
    size_t n = 0, self = CH_NONE;
    const ds_country *me = x->c;
    const char *group = ds_group(me);
    for (size_t ci = 0; ci < x->ds->nc && n < LO_MAX_GROUP; ci++) {
        const ds_country *c = &x->ds->c[ci];
        const char *g = ds_group(c);
        if (strcmp(g, group) != 0 || !x->m->c[ci].computed) continue;
        if (ci == x->ci) self = n;
        vals[n++] = cp_value(x->m, ci, cn_id(CN_RATIO_PER_100K), NULL, x->year);
    }
    double median = at(x, CN_GROUP_MEDIAN, NULL, x->year);
    char mb[NF_BUFSIZE], vb[NF_BUFSIZE], rb[NF_BUFSIZE], cb[NF_BUFSIZE];
    ph p = {0};
    ph_set(&p, "value", num(x, median, 1, mb, sizeof mb));
    char *ml = text_of(x, b, "median", &p);
    double rank = at(x, CN_RANK_IN_GROUP, NULL, x->year), count = at(x, CN_GROUP_COUNT, NULL, x->year);
    char *self_label = NULL;
    double mine = self != CH_NONE ? vals[self] : NAN;
    if (!isnan(mine)) {
        num(x, rank, 0, rb, sizeof rb);   /* digits as the language writes them */
        num(x, count, 0, cb, sizeof cb);
        ph_set(&p, "rank", rb);
        ph_set(&p, "count", cb);
        char *rl = isnan(rank) ? ut_xstrdup("") : text_of(x, b, "rank", &p);
        self_label = ut_xasprintf("%s %s%s%s", ds_name(x->ds, me, x->lang), num(x, mine, 1, vb, sizeof vb),
                                  *rl ? " · " : "", rl);
        free(rl);
    }
    char *nd = text_of(x, b, "no_data", NULL);
    ch_compare_in in = { .values = vals, .n = n, .self = self, .self_label = self_label,
                         .median = median, .median_label = isnan(median) ? NULL : ml,
                         .nodata_label = nd, .fmt = chart_fmt, .fmt_ctx = x };
    label_src src[] = { { ml, OPT("median") }, { self_label, OPT("rank") }, { nd, OPT("no_data") } };
    compare_alt(x, b, vals, n, mine, rank, count, median, nd);
    place_chart(x, b, ch_compare(&in, ct, b->w, b->h), "compare", src, 3);
    free(ml); free(self_label); free(nd);
    ph_free(&p);
}

static void draw_chart(ctx *x, const tp_block *b)
{
    ch_theme ct;
    theme_of(x, &ct);
    const char *kind = tp_get(b, "kind", "");
    if (!strcmp(kind, "trend")) chart_trend(x, b, &ct);
    else if (!strcmp(kind, "cadres")) chart_cadres(x, b, &ct);
    else if (!strcmp(kind, "graduates")) chart_graduates(x, b, &ct);
    else if (!strcmp(kind, "sectors")) chart_sectors(x, b, &ct);
    else if (!strcmp(kind, "compare")) chart_compare(x, b, &ct);
    else fail(x, tp_attr_of(b, "kind")->line, "block 'chart %s': unknown kind '%s' (known: trend, "
              "cadres, sectors, compare, graduates)", b->name, kind);
}

/* ---- the document ------------------------------------------------------- */

static void set_common(ctx *x)
{
    char yb[16];
    snprintf(yb, sizeof yb, "%d", x->year);
    const ds_country *c = x->c;
    ph_set(&x->common, "country", ds_name(x->ds, c, x->lang));
    ph_set(&x->common, "iso3", c->iso3);
    ph_set(&x->common, "year", yb);
    ph_set(&x->common, "region", tr(x, c->region));
    ph_set(&x->common, "subregion", tr(x, c->subregion));
    ph_set(&x->common, "group", tr(x, ds_group(c)));
}

static void set_meta(ctx *x)
{
    const tp_block *b = tp_find(&x->env->tpl, "document", NULL);
    char *title = b ? text_of(x, b, "title", NULL) : ut_xstrdup("");
    char *subject = b ? text_of(x, b, "subject", NULL) : ut_xstrdup("");
    char *keywords = b ? text_of(x, b, "keywords", NULL) : ut_xstrdup("");
    char *author = b ? text_of(x, b, "author", NULL) : ut_xstrdup("");
    pt_set_meta(x->tree, title, author, subject, keywords, x->lang, b ? tp_get(b, "date", NULL) : NULL);
    free(title); free(subject); free(keywords); free(author);
}

/* The role a block's content plays for a reader (pagetree.h): bands and
 * footers are page furniture; a chart is a figure; the rest hold text. */
static pt_role block_role(const char *type)
{
    static const struct { const char *type; pt_role role; } roles[] = {
        { "band", PT_ARTIFACT }, { "footer", PT_ARTIFACT }, { "header", PT_SECT },
        { "banner", PT_P },      { "tiles", PT_SECT },      { "section", PT_H2 },
        { "chart", PT_FIGURE },  { "gap", PT_SECT },        { "table", PT_TABLE },
        { "text", PT_P },        { "grid", PT_TABLE },      { "notes", PT_SECT },
        { "story", PT_SECT },
        { "published", PT_SECT },
    };
    for (size_t i = 0; i < sizeof roles / sizeof *roles; i++)
        if (!strcmp(roles[i].type, type)) return roles[i].role;
    return PT_SECT;
}

/* ---- the country story ------------------------------------------------ */

/* The story this profile shows (story.h): in its language, else in the
 * original language; *fallback says which. */
static const sy_story *story_of(ctx *x, int *fallback)
{
    return sy_pick(&x->ds->stories, x->c->iso3, x->lang, fallback);
}

/* The story, its heading and source line in the [story] block; a story
 * longer than the block is an error naming the story's file and how many
 * lines it overflows by. */
static void draw_story(ctx *x, const tp_block *b)
{
    int fallback = 0;
    const sy_story *s = story_of(x, &fallback);
    if (!s) return;
    tr_lang *sl = lang_of(x->env, s->lang);
    dw_pen sp = sl ? dw_pen_for(x->tree, x->env->fonts, s->lang, tr_conventions(sl)) : x->pen;
    char key[16];
    snprintf(key, sizeof key, "in_%s", s->lang);
    ph p = {0};
    ph_set(&p, "source", s->source ? s->source : "");
    char *heading = text_of(x, b, "heading", NULL);
    char *note = fallback && tp_get(b, key, NULL) ? text_of(x, b, key, NULL) : NULL;
    char *src = s->published ? text_of(x, b, "source", &p) : text_of(x, b, "illustrative", NULL);
    if (!s->published && s->source) {
        char *both = ut_xasprintf("%s %s", src, s->source);
        free(src);
        src = both;
    }
    sp_look lk = { .body = x->th->body, .small = x->th->small + 0.5, .title = x->th->title, .ink = x->th->ink,
                   .muted = x->th->muted, .primary = x->th->primary, .rule = x->th->rule,
                   .heading = heading, .note = note, .source = src, .page_lang = x->lang,
                   .page_rtl = x->rtl, .page_script = x->pen.script, .rtl = sp.rtl, .script = sp.script };
    double need = sp_height(x->env->fonts, s, &lk, b->w);
    if (fallback && !note) {
        fail(x, b->line, "block '%s %s': no option '%s' for the note under a story shown in its original "
             "language (%s)", b->type, b->name, key, s->path);
    } else if (need > b->h + 0.5) {
        int over = (int)ceil((need - b->h - 0.5) / sp_line_height(&lk));
        char *m = ut_xasprintf("the story is %d line%s too long for block '%s %s' (%s:%ld, %g × %g pt): "
                               "shorten it, or give the block more room", over, over == 1 ? "" : "s",
                               b->type, b->name, x->env->tpl.file, b->line, b->w, b->h);
        dg_error(x->env->dg, s->path, 0, NULL, x->c->iso3, "%s (%s, %s)", m, x->c->iso3, x->lang);
        if (!x->errors) snprintf(x->err, sizeof x->err, "%s: %s", s->path, m);
        x->errors++;
        free(m);
    } else {
        sp_place(x->tree, x->env->fonts, s, &lk, dw_x(&x->pen, b->x, b->w), b->y, b->w);
    }
    free(heading);
    free(note);
    free(src);
    ph_free(&p);
}

/* Where the blocks under a [story] block go when the country has no story:
 * up by the distance from the story's top to the next block's, so the
 * space goes to the rest of the page and no empty frame is left. */
static double story_shift(ctx *x, const tp_block *b)
{
    int fallback;
    if (strcmp(b->type, "story") != 0 || story_of(x, &fallback)) return 0;
    double next = -1;
    for (size_t i = 0; i < x->env->tpl.nblocks; i++) {
        const tp_block *o = &x->env->tpl.blocks[i];
        if (o->page == b->page && o != b && o->y >= b->y + b->h - 0.5 && (next < 0 || o->y < next)) next = o->y;
    }
    return next < 0 ? 0 : next - b->y;
}

static void draw_block(ctx *x, const tp_block *b, int pageno)
{
    x->block = b;
    const char *t = b->type;
    double bx = dw_x(&x->pen, b->x, b->w);
    double box[4] = { bx, b->y, bx + b->w, b->y + b->h };
    char *name = ut_xasprintf("%s%s%s", t, b->name[0] ? " " : "", b->name);
    pt_open(x->tree, block_role(t), x->env->tpl.file, b->line, name, box);
    free(name);
    if (!strcmp(t, "band")) draw_band(x, b);
    else if (!strcmp(t, "header")) draw_header(x, b);
    else if (!strcmp(t, "banner")) draw_banner(x, b);
    else if (!strcmp(t, "tiles")) draw_tiles(x, b);
    else if (!strcmp(t, "section")) draw_section(x, b);
    else if (!strcmp(t, "chart")) draw_chart(x, b);
    else if (!strcmp(t, "gap")) draw_gap(x, b);
    else if (!strcmp(t, "table")) draw_table(x, b);
    else if (!strcmp(t, "text")) draw_text(x, b);
    else if (!strcmp(t, "grid")) draw_grid(x, b);
    else if (!strcmp(t, "notes")) draw_notes(x, b);
    else if (!strcmp(t, "published")) draw_published(x, b);
    else if (!strcmp(t, "footer")) draw_footer(x, b, pageno);
    else if (!strcmp(t, "story")) draw_story(x, b);
    pt_close(x->tree);
}

/* Sets up a context for one profile; returns -1 with err set when the
 * language or the country's data rule it out. */
static int begin(ctx *x, lo_env *env, const ds_data *ds, const cp_model *m, const lo_job *job,
                 char *err, size_t errlen)
{
    *x = (ctx){ .env = env, .th = &env->th, .ds = ds, .m = m, .ci = job->country,
                .c = &ds->c[job->country], .cc = &m->c[job->country], .lang = job->lang,
                .year = job->year, .charts_dir = job->charts_dir };
    x->tr = lang_of(env, job->lang);
    if (!x->tr) {
        snprintf(err, errlen, "no catalog for language '%s' (templates/i18n/%s.po)", job->lang, job->lang);
        return -1;
    }
    if (!x->cc->computed) {
        snprintf(err, errlen, "%s has errors in its data (run sswr check)", x->c->iso3);
        return -1;
    }
    if (!cp_country_ok(m, job->country)) {
        snprintf(err, errlen, "an indicator script failed for %s (see above)", x->c->iso3);
        return -1;
    }
    x->nf = tr_numbers(x->tr);
    x->rtl = tr_rtl(x->tr);
    x->pen = dw_pen_for(NULL, env->fonts, x->lang, tr_conventions(x->tr));
    set_common(x);
    return 0;
}

size_t lo_check(const lo_env *env, const pt_doc *tree, const char *what, dg_list *dg)
{
    return pt_check(tree, env->th.min, env->th.gutter, what, dg);
}

/* The page tree's self-check on a laid-out profile: each problem is an
 * error at its template line, and the first one the job's. */
static void check_layout(ctx *x, const pt_doc *tree)
{
    char what[64];
    snprintf(what, sizeof what, "%s, %s", x->c->iso3, x->lang);
    size_t before = x->env->dg->n;
    if (lo_check(x->env, tree, what, x->env->dg) == 0) return;
    char *first = x->env->dg->n > before ? dg_format(&x->env->dg->v[before]) : ut_xstrdup("the layout check failed");
    if (!x->errors) snprintf(x->err, sizeof x->err, "%s", first);
    x->errors++;
    free(first);
}

/* Lays the profile out on its pages of the tree. */
static void draw_pages(ctx *x)
{
    x->pen.tree = x->tree;
    for (int p = 0; p < LO_PAGES; p++) {
        pt_set_page(x->tree, x->pages[p]);
        double shift = 0, below = 0;   /* blocks from `below` down move up by `shift` (no story) */
        x->pub_block = NULL;
        x->pub_drop = 0;
        for (size_t i = 0; i < x->env->tpl.nblocks; i++) {
            const tp_block *b = &x->env->tpl.blocks[i];
            if (b->page != p + 1 && b->page != 0) continue;
            double sh = story_shift(x, b);
            if (sh > 0) {
                shift += sh;
                below = b->y + b->h - 0.5;
                continue;
            }
            const tp_block *d = b;
            if (shift > 0 && b->page == p + 1 && b->y >= below && x->nmoved < LO_MAX_MOVED) {
                tp_block *moved = &x->moved[x->nmoved++];
                *moved = *b;
                moved->y -= shift;
                /* A block placed `below` another (the notes) keeps its bottom
                 * edge: it takes the room given back. */
                if (tp_get(b, "below", NULL) && strcmp(b->type, "section") != 0) moved->h += shift;
                /* The published figures take that room too: as many more as fit. */
                if (!strcmp(b->type, "published")) moved->h += shift;
                d = moved;
            }
            /* Then down under a published-figures box it is `below`. */
            tp_block dropped;
            const tp_block *e = below_published(x, d, &dropped);
            if (e == &dropped && x->nmoved < LO_MAX_MOVED) {
                x->moved[x->nmoved] = dropped;
                e = &x->moved[x->nmoved++];
            }
            draw_block(x, e, p + 1);
        }
    }
}

int lo_profile_into(lo_env *env, const ds_data *ds, const cp_model *m, const lo_job *job,
                    const lo_target *t, char *err, size_t errlen)
{
    ctx x;
    if (begin(&x, env, ds, m, job, err, errlen) != 0) return -1;
    x.tree = t->tree;
    for (int p = 0; p < LO_PAGES; p++) x.pages[p] = t->pages[p];
    x.page_first = t->first_page;
    x.page_total = t->total_pages;
    draw_pages(&x);
    ph_free(&x.common);
    free(x.alt);
    if (x.errors) {
        snprintf(err, errlen, "%s", x.err);
        return -1;
    }
    return 0;
}


int lo_profile(lo_env *env, const ds_data *ds, const cp_model *m, const lo_job *job,
               char *err, size_t errlen)
{
    ctx x;
    if (begin(&x, env, ds, m, job, err, errlen) != 0) return -1;
    x.tree = pt_new(LO_PAGE_W, LO_PAGE_H);
    for (int p = 0; p < LO_PAGES; p++) x.pages[p] = pt_add_page(x.tree);
    x.page_first = 1;
    x.page_total = LO_PAGES;
    set_meta(&x);
    draw_pages(&x);
    if (!x.errors) check_layout(&x, x.tree);
    int rc = 0;
    if (x.errors) {
        snprintf(err, errlen, "%s", x.err);
        rc = -1;
    } else if (pw_save(x.tree, env->fonts, job->pdf_path, err, errlen) != 0) {
        rc = -1;
    }
    if (write_charts(&x, rc == 0, err, errlen) != 0) rc = -1;
    pt_free(x.tree);
    ph_free(&x.common);
    free(x.alt);
    return rc;
}

tx_fontset *lo_fonts(lo_env *env) { return env->fonts; }
tr_lang *lo_lang(lo_env *env, const char *lang) { return lang_of(env, lang); }
double lo_min_size(const lo_env *env) { return env->th.min; }
const char *lo_date(const lo_env *env) { return tp_get(tp_find(&env->tpl, "document", NULL), "date", NULL); }

void lo_colors(const lo_env *env, sc_color *primary, sc_color *ink, sc_color *muted, sc_color *rule,
               sc_color *accent, sc_color *tile)
{
    *primary = env->th.primary; *ink = env->th.ink; *muted = env->th.muted;
    *rule = env->th.rule; *accent = env->th.accent; *tile = env->th.tile;
}
