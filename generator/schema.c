/* schema.c — the block types of the template files and their options (see
 * schema.h). Sizes and positions are in points (1/72 inch). */
#include "schema.h"

#include <stddef.h>

/* A required text, an optional text, the end of a list. */
#define TXT(k) { k, TP_TEXT, 1, 0, 0, NULL, NULL }
#define OPT_TXT(k) { k, TP_TEXT, 0, 0, 0, NULL, NULL }
#define END { NULL, TP_TEXT, 0, 0, 0, NULL, NULL }

const char *const sm_theme_colors[] = { "ink", "muted", "primary", "accent", "positive", "partial",
                                        "negative", "unknown", "rule", "tile", "banner",
                                        "banner_rule", NULL };

const char *const sm_tiles[] = { "population", "children", "workforce", "ratio", "ratio_children",
                                 "one_in_n", "government_share", "change", NULL };

/* ---- profile.tpl ----------------------------------------------------------- */

static const tp_opt document[] = {
    TXT("title"), TXT("subject"), TXT("keywords"), TXT("author"),
    { "date", TP_DATE, 1, 0, 0, NULL, NULL },
    END,
};
static const tp_opt band[] = {
    { "color", TP_COLOR, 0, 0, 0, NULL, sm_theme_colors },
    END,
};
static const tp_opt header[] = {
    OPT_TXT("text"), OPT_TXT("kicker"), OPT_TXT("subtitle"), OPT_TXT("year"), END,
};
static const tp_opt banner[] = { TXT("text"), END };
static const tp_opt tiles[] = {
    { "items", TP_WORDS, 1, 0, 0, NULL, sm_tiles },
    { "cols", TP_WHOLE, 0, 1, SM_MAX_COLS, "tiles per row", NULL },
    OPT_TXT("population"), OPT_TXT("children"), OPT_TXT("workforce"), OPT_TXT("ratio"),
    OPT_TXT("ratio_children"), OPT_TXT("one_in_n"), OPT_TXT("one_in_n_value"),
    OPT_TXT("government_share"), OPT_TXT("change"), TXT("no_data"), TXT("in_year"),
    END,
};
static const tp_opt section[] = { TXT("text"), END };
static const tp_opt chart_trend[] = {
    TXT("observed"), TXT("projection"), TXT("target"), TXT("no_data"), END,
};
static const tp_opt chart_bars[] = { TXT("no_data"), END };
static const tp_opt chart_sectors[] = {
    TXT("government"), TXT("non_government"), TXT("no_data"), END,
};
static const tp_opt chart_compare[] = { TXT("median"), TXT("rank"), TXT("no_data"), END };
static const tp_opt gap[] = {
    TXT("target"), TXT("source_default"), TXT("source_country"), TXT("needed"), TXT("additional"),
    TXT("per_year"), TXT("growth"), TXT("trend"), TXT("on_track"), TXT("off_track"),
    TXT("reached"), TXT("no_data"), END,
};
static const tp_opt table_cadres[] = {
    TXT("cadre"), TXT("government"), TXT("non_government"), TXT("unspecified"), TXT("total"),
    TXT("share"), TXT("no_data"), END,
};
static const tp_opt table_education[] = {
    TXT("level"), TXT("institutions"), TXT("graduates"), TXT("total"), TXT("per_100k"),
    TXT("certificate"), TXT("diploma"), TXT("bachelor"), TXT("master"), TXT("doctorate"),
    TXT("no_data"), END,
};
static const tp_opt text[] = { TXT("text"), END };
static const tp_opt completeness[] = {
    TXT("text"), TXT("missing"), TXT("complete"), TXT("population"), TXT("workforce"),
    TXT("education"), TXT("system"), END,
};
static const tp_opt grid[] = {
    TXT("planning"), TXT("developing"), TXT("supporting"), TXT("yes"), TXT("partial"), TXT("no"),
    TXT("unknown"), TXT("score"), TXT("no_data"), END,
};
static const tp_opt notes[] = {
    TXT("population"), TXT("children"), TXT("workforce"), TXT("education"), TXT("system"),
    TXT("illustrative"), TXT("method"), TXT("none"), END,
};
static const tp_opt footer[] = { TXT("left"), TXT("right"), END };

/* Smallest boxes: each keeps the block's inner boxes (insets, columns,
 * fixed rows) above zero. Blocks whose content depends on their options
 * (tiles, a header without `text`) are checked further by layout.c. */
const tp_kind sm_profile[] = {
    { "document", 0, document, NULL, NULL, 0, 0 },
    { "band", 1, band, NULL, NULL, 1, 1 },
    { "header", 1, header, NULL, NULL, 100, 16 },
    { "banner", 1, banner, NULL, NULL, 60, 16 },
    { "tiles", 1, tiles, NULL, NULL, 60, 48 },
    { "section", 1, section, NULL, NULL, 40, 8 },
    { "chart", 1, chart_trend, "trend", NULL, 60, 40 },
    { "chart", 1, chart_bars, "cadres", NULL, 60, 40 },
    { "chart", 1, chart_bars, "graduates", NULL, 60, 40 },
    { "chart", 1, chart_sectors, "sectors", NULL, 60, 40 },
    { "chart", 1, chart_compare, "compare", NULL, 60, 40 },
    { "gap", 1, gap, NULL, NULL, 100, 60 },
    { "table", 1, table_cadres, "cadres", NULL, 290, 60 },
    { "table", 1, table_education, "education", NULL, 200, 60 },
    { "text", 1, completeness, NULL, "completeness", 40, 8 },
    { "text", 1, text, NULL, NULL, 40, 8 },
    { "grid", 1, grid, NULL, NULL, 330, 50 },
    { "notes", 1, notes, NULL, NULL, 100, 10 },
    { "footer", 1, footer, NULL, NULL, 100, 6 },
    { NULL, 0, NULL, NULL, NULL, 0, 0 },
};

/* ---- theme.tpl --------------------------------------------------------------- */

#define COLOR(k) { k, TP_COLOR, 0, 0, 0, NULL, NULL }
#define SIZE(k) { k, TP_NUMBER, 0, SM_SIZE_MIN, SM_SIZE_MAX, "points", NULL }

static const tp_opt theme[] = {
    COLOR("ink"), COLOR("muted"), COLOR("primary"), COLOR("accent"), COLOR("positive"),
    COLOR("partial"), COLOR("negative"), COLOR("unknown"), COLOR("rule"), COLOR("tile"),
    COLOR("banner"), COLOR("banner_rule"),
    { "palette", TP_COLORS, 0, 6, 6, NULL, NULL },
    SIZE("body_size"), SIZE("small_size"), SIZE("title_size"),
    { "min_size", TP_NUMBER, 0, SM_SIZE_MIN, SM_MIN_SIZE_MAX, "points", NULL },
    END,
};

const tp_kind sm_theme[] = {
    { "theme", 0, theme, NULL, NULL, 0, 0 },
    { NULL, 0, NULL, NULL, NULL, 0, 0 },
};

/* ---- report.tpl -------------------------------------------------------------- */

static const tp_opt cover[] = { TXT("title"), TXT("subtitle"), TXT("note"), TXT("document"), END };
static const tp_opt contents[] = {
    TXT("title"), TXT("overview"), TXT("profiles"), TXT("methodology"), TXT("sources"), END,
};
static const tp_opt overview[] = {
    TXT("title"), TXT("covered"), TXT("medians"), TXT("area"), TXT("countries"), TXT("median_pop"),
    TXT("median_children"), TXT("world"), TXT("ranked"), TXT("table"), TXT("country"),
    TXT("population"), TXT("workers"), TXT("ratio"), TXT("ratio_children"), TXT("government"),
    TXT("on_track"), TXT("yes"), TXT("no"), TXT("capacity"), TXT("item"), TXT("status_yes"),
    TXT("status_partial"), TXT("status_no"), TXT("status_unknown"), TXT("track"), TXT("no_data"),
    END,
};
/* The unit names are those of the indicators' `unit` (compute.c). */
static const tp_opt methodology[] = {
    TXT("title"), TXT("intro"), TXT("formula"), TXT("unit"), TXT("count"), TXT("per_100k"),
    TXT("percent"), TXT("one_in_n"), TXT("rate"), TXT("score"), TXT("rank"), TXT("year"),
    TXT("ratio"), TXT("flag"), END,
};
static const tp_opt sources[] = {
    TXT("title"), TXT("intro"), TXT("wdi"), TXT("illustrative"), TXT("used_by"), END,
};

const tp_kind sm_report[] = {
    { "cover", 0, cover, NULL, NULL, 0, 0 },
    { "contents", 0, contents, NULL, NULL, 0, 0 },
    { "overview", 0, overview, NULL, NULL, 0, 0 },
    { "methodology", 0, methodology, NULL, NULL, 0, 0 },
    { "sources", 0, sources, NULL, NULL, 0, 0 },
    { NULL, 0, NULL, NULL, NULL, 0, 0 },
};
