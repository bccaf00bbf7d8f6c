/* layout.h — the lay-out stage: turns one country's slice of the model into
 * a two-page PDF profile, block by block as templates/profile.tpl places
 * them, with strings from the catalogs, numbers in the language's format,
 * right-to-left mirroring, and the charts. What is loaded once per process
 * (template, theme, fonts, catalogs) lives in an lo_env; each profile is one
 * call. Prefix: lo_. */
#ifndef SSWR_LAYOUT_H
#define SSWR_LAYOUT_H

#include <stddef.h>

#include "compute.h"
#include "dataset.h"
#include "diag.h"
#include "draw.h"
#include "i18n.h"
#include "pagetree.h"
#include "scene.h"
#include "text.h"

#define LO_PROFILE_PAGES 2

typedef struct lo_env lo_env;

/* Loads templates_dir/profile.tpl and theme.tpl, templates_dir/i18n and the
 * fonts of font_dir. Problems go to dg; NULL when nothing can be laid out. */
lo_env *lo_open(const char *templates_dir, const char *font_dir, dg_list *dg);
void lo_close(lo_env *env);
/* Loads and checks profile.tpl and theme.tpl only (no fonts): what a build
 * checks before any job, since a template error fails every profile.
 * Returns 0, or -1 with the problems in dg. */
int lo_check_templates(const char *templates_dir, dg_list *dg);

/* Every indicator profile.tpl names (a tile of `items` other than the
 * built-in ones, an {indicator:ID} placeholder in a text) is one the
 * scripts declared in m, without a breakdown: an error at the template
 * line otherwise, with the closest declared id. What a build checks once
 * the scripts have run, before any profile. Returns 0, or -1 with the
 * problems in dg. */
int lo_check_indicators(const char *templates_dir, const cp_model *m, dg_list *dg);

/* The report year as the scripts work it out (the indicator report_year:
 * the latest year with workforce figures), DS_YEAR_MIN without one. */
int lo_report_year(const cp_model *m);

typedef struct lo_job {
    size_t country;           /* index into ds->c */
    const char *lang;
    int year;                 /* report year */
    const char *pdf_path;
    const char *charts_dir;   /* NULL: no PNG/SVG charts */
} lo_job;

/* Writes one profile. Returns 0, or -1 with the reason in err (and in dg
 * when it concerns a template or catalog line); no file is left behind on
 * failure. */
int lo_profile(lo_env *env, const ds_data *ds, const cp_model *m, const lo_job *job,
               char *err, size_t errlen);

/* Lays a profile out on pages of a larger document's tree (the combined
 * report): no metadata, no writing; footers number the pages from
 * first_page of total_pages. */
typedef struct lo_target {
    pt_doc *tree;
    int pages[LO_PROFILE_PAGES];   /* page indexes in the tree */
    int first_page, total_pages;
} lo_target;
int lo_profile_into(lo_env *env, const ds_data *ds, const cp_model *m, const lo_job *job,
                    const lo_target *t, char *err, size_t errlen);

/* The page tree's self-check with the theme's minimum size and gutter
 * (pt_check): problems go to dg at their template lines; returns how many.
 * Every profile and report is checked before it is written. */
size_t lo_check(const lo_env *env, const pt_doc *tree, const char *what, dg_list *dg);

/* What the report stage shares with the profiles: fonts, catalogs (opened
 * once per language) and the theme's colours. */
tx_fontset *lo_fonts(lo_env *env);
tr_lang *lo_lang(lo_env *env, const char *lang);
/* The smallest size text is shrunk to (theme.tpl's min_size), and the
 * publication date of the documents (profile.tpl's [document] date). */
double lo_min_size(const lo_env *env);
const char *lo_date(const lo_env *env);
void lo_colors(const lo_env *env, sc_color *primary, sc_color *ink, sc_color *muted, sc_color *rule,
               sc_color *accent, sc_color *tile);
/* The fonts of the PNG charts for a script (opened once; NULL when they
 * cannot be loaded), and the script's name for chartfile.h ("arabic"). */
sc_ft *lo_chart_fonts(lo_env *env, tx_script script);
const char *lo_script_name(tx_script script);

/* A published figure as the profile's box and the report's annex show it:
 * the option of its measure's label (lo_pub_labels, in ds_measure_ids
 * order), and its value as the pen's language writes it (a count in
 * "thousand persons" written out whole, a vacancy rate as a percentage). */
extern const char *const lo_pub_labels[DS_NMEASURES];
const char *lo_pub_value(const dw_pen *pen, const ds_pub *p, char *buf, size_t n);

#endif
