/* report.h — the combined annual report of one language: cover, contents
 * with links, overview (coverage, medians, ranked chart, headline table,
 * capacity-grid counts), every country profile in region order, the
 * methodology annex from the indicators' metadata and the sources annex,
 * with PDF bookmarks by region and country. Prefix: rp_. */
#ifndef SSWR_REPORT_H
#define SSWR_REPORT_H

#include "compute.h"
#include "dataset.h"
#include "diag.h"
#include "layout.h"

/* Writes output path atomically, and the overview's ranked chart as
 * charts_dir/report-ranked.png and .svg (chartfile.h) unless charts_dir is
 * NULL. Returns 0, or -1 with the reason in err. */
int rp_build(lo_env *env, const ds_data *ds, const cp_model *m, const char *lang, int year,
             const char *templates_dir, const char *path, const char *charts_dir, dg_list *dg, char *err,
             size_t errlen);

/* Loads and checks templates_dir/report.tpl: 0, or -1 with the problems
 * in dg. */
int rp_check_template(const char *templates_dir, dg_list *dg);

#endif
