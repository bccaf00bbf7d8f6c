/* schema.c — the block types of the template files and their options (see
 * schema.h). Sizes and positions are in points (1/72 inch). */
#include "schema.h"

#include <stddef.h>

/* The placeholders every text of a profile may use; "indicator:" is
 * {indicator:ID}, the value of any indicator the scripts declare. */
#define PH "country iso3 year region subregion group indicator:"

/* A required text (with more placeholders), an optional text, the end of a
 * list. */
#define TXT(k) { k, TP_TEXT, 1, 0, 0, NULL, NULL, PH }
#define TXT_PH(k, more) { k, TP_TEXT, 1, 0, 0, NULL, NULL, PH " " more }
#define OPT_TXT(k) { k, TP_TEXT, 0, 0, 0, NULL, NULL, PH }
#define OPT_TXT_PH(k, more) { k, TP_TEXT, 0, 0, 0, NULL, NULL, PH " " more }
#define END { NULL, TP_TEXT, 0, 0, 0, NULL, NULL, NULL }

const char *const sm_theme_colors[] = { "ink", "muted", "primary", "accent", "positive", "partial",
                                        "negative", "unknown", "rule", "tile", "banner",
                                        "banner_rule", NULL };

const char *const sm_tiles[] = { "population", "children", "workforce", "ratio", "ratio_children",
                                 "one_in_n", "government_share", "change", NULL };

/* ---- profile.tpl ----------------------------------------------------------- */

static const tp_opt document[] = {
    TXT("title"), TXT("subject"), TXT("keywords"), TXT("author"),
    { "date", TP_DATE, 1, 0, 0, NULL, NULL, NULL },
    TXT("chart_subtitle"), TXT_PH("chart_source", "sources"),
    END,
};
static const tp_opt band[] = {
    { "color", TP_COLOR, 0, 0, 0, NULL, sm_theme_colors, NULL },
    END,
};
static const tp_opt header[] = {
    OPT_TXT("text"), OPT_TXT("kicker"), OPT_TXT("subtitle"), OPT_TXT("year"), END,
};
static const tp_opt banner[] = { TXT("text"), END };
static const tp_opt tiles[] = {
    { "items", TP_ITEMS, 1, 0, 0, NULL, sm_tiles, NULL },
    { "cols", TP_WHOLE, 0, 1, SM_MAX_COLS, "tiles per row", NULL, NULL },
    OPT_TXT("population"), OPT_TXT("children"), OPT_TXT("workforce"), OPT_TXT("ratio"),
    OPT_TXT("ratio_children"), OPT_TXT("one_in_n"), OPT_TXT_PH("one_in_n_value", "n"),
    OPT_TXT("government_share"), OPT_TXT_PH("change", "first_year"), OPT_TXT("change_none"), TXT("no_data"), TXT("in_year"),
    OPT_TXT("yes"), OPT_TXT("no"),
    END,
};
/* What a section heading's {year} is the year of: the figures it introduces
 * (the latest year with them, up to the report year). */
const char *const sm_figures[] = { "workforce", "education", "capacity", NULL };
/* `below = NAME`: the block moves down under the [published NAME] block
 * drawn before it, by the height that block took (layout.c). */
#define BELOW { "below", TP_ITEMS, 0, 0, 0, NULL, NULL, NULL }
static const tp_opt section[] = { TXT("text"), { "figures", TP_WORD, 0, 0, 0, NULL, sm_figures, NULL }, BELOW, END };
static const tp_opt chart_trend[] = {
    TXT_PH("observed", "value"), TXT_PH("projection", "value"), TXT_PH("target", "value"), TXT("no_data"),
    TXT_PH("alt", "data"), TXT_PH("alt_observed", "first first_year last last_year"),
    TXT_PH("alt_observed_one", "first first_year"), TXT_PH("alt_target", "value target_year"),
    TXT_PH("alt_projection", "value projection_year"), TXT("alt_no_data"), END,
};
/* Alternative text of a chart of bars or slices: {data} is its alt_item's. */
#define ALT_BARS TXT_PH("alt", "data data_year"), TXT_PH("alt_item", "label value"), \
                 TXT_PH("alt_item_no_data", "label"), TXT("alt_no_data")
static const tp_opt chart_bars[] = { TXT("no_data"), ALT_BARS, END };
static const tp_opt chart_sectors[] = {
    TXT("government"), TXT("non_government"), TXT("no_data"), ALT_BARS, END,
};
static const tp_opt chart_compare[] = {
    TXT_PH("median", "value"), TXT_PH("rank", "value rank count"), TXT("no_data"),
    TXT_PH("alt", "data n"), TXT_PH("alt_self", "value rank count"), TXT_PH("alt_median", "value"),
    TXT_PH("alt_range", "low high"), TXT_PH("alt_no_data", "n"), END,
};
static const tp_opt gap[] = {
#define GAP_PH "target target_year source"
    TXT_PH("target", GAP_PH), TXT("source_default"), TXT("source_country"), TXT_PH("needed", GAP_PH),
    TXT_PH("additional", GAP_PH), TXT_PH("per_year", GAP_PH), TXT_PH("growth", GAP_PH),
    TXT_PH("trend", GAP_PH), TXT("on_track"), TXT("off_track"), TXT("reached"), TXT("no_data"),
    OPT_TXT("ratio_falls"), OPT_TXT("ratio_rises"), END,
};
/* More columns of a table: indicators broken down like its rows. */
#define COLUMNS { "columns", TP_ITEMS, 0, 0, 0, NULL, NULL, NULL }
static const tp_opt table_cadres[] = {
    COLUMNS, TXT("cadre"), TXT("government"), TXT("non_government"), TXT("unspecified"), TXT("total"),
    TXT("share"), TXT("no_data"), TXT("mark"), TXT_PH("mark_key", "mark"), END,
};
static const tp_opt table_education[] = {
    COLUMNS, TXT("level"), TXT("institutions"), TXT("graduates"), TXT("total"), TXT_PH("per_100k", "value"),
    TXT("certificate"), TXT("diploma"), TXT("bachelor"), TXT("master"), TXT("doctorate"),
    TXT("no_data"), TXT("mark"), TXT_PH("mark_key", "mark"), END,
};
static const tp_opt text[] = { TXT("text"), END };
static const tp_opt completeness[] = {
    TXT_PH("text", "score"), TXT_PH("missing", "tables"), TXT("complete"), TXT("population"), TXT("workforce"),
    TXT("education"), TXT("system"), END,
};
static const tp_opt grid[] = {
    TXT("planning"), TXT("developing"), TXT("supporting"), TXT("yes"), TXT("partial"), TXT("no"),
    TXT("unknown"), TXT_PH("score", "score"), END,
};
static const tp_opt notes[] = {
    TXT_PH("population", "years"), TXT_PH("children", "years"), OPT_TXT_PH("population_added", "years"),
    TXT_PH("workforce", "years sources"),
    TXT_PH("education", "years sources"), TXT_PH("system", "years sources"), TXT("illustrative"),
    TXT_PH("method", "years sources"), TXT("none"), BELOW, END,
};
/* A country's published figures (published.csv): a label per measure. */
#define PUB_PH "year measure value definition source publisher source_year"
static const tp_opt published[] = {
    TXT("title"), TXT_PH("item", PUB_PH), TXT_PH("more", "n"),
    TXT("count"), TXT("count_posts"), TXT("count_fte"), TXT("ratio_population_per_worker"),
    TXT("ratio_children_per_worker"), TXT("rate_per_100k_population"), TXT("rate_per_100k_children"),
    TXT("rate_per_1000_children"), TXT("vacancy_rate_pct"),
    { "space", TP_NUMBER, 0, 0, 60, "points", NULL, NULL },
    END,
};
/* A country story (datasets/stories): `in_LANG` is the note under a story
 * shown in its original language LANG, in a profile of another language. */
static const tp_opt story[] = {
    TXT("heading"), TXT_PH("source", "source"), TXT("illustrative"), OPT_TXT("in_en"), OPT_TXT("in_fr"),
    OPT_TXT("in_es"), OPT_TXT("in_pt"), OPT_TXT("in_ar"), OPT_TXT("in_zh"), OPT_TXT("in_ru"),
    OPT_TXT("in_sw"), OPT_TXT("in_id"), END,
};
static const tp_opt footer[] = { TXT_PH("left", "page pages"), TXT_PH("right", "page pages"), END };

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
    { "story", 1, story, NULL, NULL, 200, 60 },
    { "published", 1, published, NULL, NULL, 200, 40 },
    { "footer", 1, footer, NULL, NULL, 100, 6 },
    { NULL, 0, NULL, NULL, NULL, 0, 0 },
};

/* ---- theme.tpl --------------------------------------------------------------- */

#define COLOR(k) { k, TP_COLOR, 0, 0, 0, NULL, NULL, NULL }
#define SIZE(k) { k, TP_NUMBER, 0, SM_SIZE_MIN, SM_SIZE_MAX, "points", NULL, NULL }

static const tp_opt theme[] = {
    COLOR("ink"), COLOR("muted"), COLOR("primary"), COLOR("accent"), COLOR("positive"),
    COLOR("partial"), COLOR("negative"), COLOR("unknown"), COLOR("rule"), COLOR("tile"),
    COLOR("banner"), COLOR("banner_rule"),
    { "palette", TP_COLORS, 0, 6, 6, NULL, NULL, NULL },
    SIZE("body_size"), SIZE("small_size"), SIZE("title_size"),
    { "min_size", TP_NUMBER, 0, SM_SIZE_MIN, SM_MIN_SIZE_MAX, "points", NULL, NULL },
    { "gutter", TP_NUMBER, 0, 2, 24, "points", NULL, NULL },
    END,
};

const tp_kind sm_theme[] = {
    { "theme", 0, theme, NULL, NULL, 0, 0 },
    { NULL, 0, NULL, NULL, NULL, 0, 0 },
};

/* ---- report.tpl -------------------------------------------------------------- */

/* The report's texts have {year}, and some more. */
#undef TXT
#undef TXT_PH
#define TXT(k) { k, TP_TEXT, 1, 0, 0, NULL, NULL, "year" }
#define TXT_PH(k, more) { k, TP_TEXT, 1, 0, 0, NULL, NULL, "year " more }
#define COUNTS "countries with_data on_track with_target target_year"

static const tp_opt cover[] = {
    TXT_PH("title", "countries"), TXT_PH("subtitle", "countries"), TXT_PH("note", "countries"), TXT("document"),
    TXT("edition"), TXT("publisher"), TXT_PH("published", "published"), TXT_PH("citation", "published"), END,
};
static const tp_opt contents[] = {
    TXT("title"), TXT("overview"), TXT("profiles"), TXT("methodology"), TXT("sources"), TXT("published"), END,
};
static const tp_opt overview[] = {
    TXT("title"), TXT_PH("covered", COUNTS), TXT("medians"), TXT("area"), TXT("countries"), TXT("median_pop"),
    TXT("median_children"), TXT("world"), TXT("ranked"), TXT("table"), TXT("country"),
    TXT("population"), TXT("workers"), TXT("ratio"), TXT("ratio_children"), TXT("government"),
    TXT("on_track"), TXT("yes"), TXT("no"), TXT("capacity"), TXT("item"), TXT("status_yes"),
    TXT("status_partial"), TXT("status_no"), TXT("status_unknown"), TXT_PH("track", COUNTS), TXT("no_data"),
    TXT_PH("ranked_alt", "n high high_country low low_country median"), TXT_PH("ranked_subtitle", "n"),
    TXT("chart_source"), END,
};
/* The unit names are those of the indicators' `unit` (compute.c). */
static const tp_opt methodology[] = {
    TXT("title"), TXT("intro"), TXT_PH("formula", "formula"), TXT_PH("unit", "unit"), TXT("count"), TXT("per_100k"),
    TXT("percent"), TXT("one_in_n"), TXT("rate"), TXT("score"), TXT("rank"), TXT("year"),
    TXT("ratio"), TXT("flag"), END,
};
static const tp_opt sources[] = {
    TXT("title"), TXT("intro"), TXT("wdi"), TXT("illustrative"), TXT_PH("used_by", "n"), END,
};

/* The country stories chapter; in_LANG: the note under a story shown in
 * its original language LANG (needed only for such a story). */
#define OPT_RTXT(k) { k, TP_TEXT, 0, 0, 0, NULL, NULL, "year" }
static const tp_opt stories[] = {
    TXT("title"), TXT_PH("source", "source"), TXT("illustrative"), OPT_RTXT("in_en"), OPT_RTXT("in_fr"),
    OPT_RTXT("in_es"), OPT_RTXT("in_pt"), OPT_RTXT("in_ar"), OPT_RTXT("in_zh"), OPT_RTXT("in_ru"),
    OPT_RTXT("in_sw"), OPT_RTXT("in_id"), END,
};

/* The annex of published figures: the labels of the profile's box. */
static const tp_opt published_annex[] = {
    TXT("title"), TXT("intro"),
    TXT_PH("item", "item_year measure value definition source publisher source_year"),
    TXT("count"), TXT("count_posts"), TXT("count_fte"), TXT("ratio_population_per_worker"),
    TXT("ratio_children_per_worker"), TXT("rate_per_100k_population"), TXT("rate_per_100k_children"),
    TXT("rate_per_1000_children"), TXT("vacancy_rate_pct"), END,
};

const tp_kind sm_report[] = {
    { "cover", 0, cover, NULL, NULL, 0, 0 },
    { "contents", 0, contents, NULL, NULL, 0, 0 },
    { "overview", 0, overview, NULL, NULL, 0, 0 },
    { "methodology", 0, methodology, NULL, NULL, 0, 0 },
    { "sources", 0, sources, NULL, NULL, 0, 0 },
    { "stories", 0, stories, NULL, NULL, 0, 0 },
    { "published", 0, published_annex, NULL, NULL, 0, 0 },
    { NULL, 0, NULL, NULL, NULL, 0, 0 },
};
