/* contract.c — the indicators the C code reads, and the check that the
 * scripts declare them (see contract.h). */
#include "contract.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

#define LAYOUT "generator/layout.c"
#define REPORT "generator/report.c"
#define BUILD "generator/build.c"

/* One line per indicator: what it must be, and who reads it. */
static const cn_need needs[CN_COUNT] = {
    [CN_WORKFORCE_TOTAL] = { "workforce_total", "count", NULL,
        LAYOUT " (the 'workforce' and 'change' tiles, the gap to the target, the cadres table and chart), "
        REPORT " (the overview)" },
    [CN_WORKFORCE_BY_CADRE] = { "workforce_by_cadre", "count", "cadre",
        LAYOUT " (the cadres table and chart)" },
    [CN_WORKFORCE_BY_SECTOR] = { "workforce_by_sector", "count", "sector",
        LAYOUT " (the sectors chart)" },
    [CN_WORKFORCE_BY_CADRE_SECTOR] = { "workforce_by_cadre_sector", "count", "cadre_sector",
        LAYOUT " (the cadres table)" },
    [CN_GOVERNMENT_SHARE] = { "government_share", "percent", NULL,
        LAYOUT " (the 'government_share' tile and the sectors chart), " REPORT " (the overview table)" },
    [CN_RATIO_PER_100K] = { "ratio_per_100k", "per_100k", NULL,
        LAYOUT " (the 'ratio' tile, the trend and comparison charts), "
        REPORT " (the overview), "
        BUILD " (the comparison-group stamps)" },
    [CN_RATIO_PER_100K_CHILDREN] = { "ratio_per_100k_children", "per_100k", NULL,
        LAYOUT " (the 'ratio_children' tile), " REPORT " (the overview table)" },
    [CN_PEOPLE_PER_WORKER] = { "people_per_worker", "one_in_n", NULL,
        LAYOUT " (the 'one_in_n' tile)" },
    [CN_WORKFORCE_CHANGE_PCT] = { "workforce_change_pct", "percent", NULL,
        LAYOUT " (the 'change' tile)" },
    [CN_RATIO_TREND] = { "ratio_trend", "per_100k", NULL,
        LAYOUT " (the trend chart)" },
    [CN_RATIO_PROJECTION] = { "ratio_projection", "per_100k", NULL,
        LAYOUT " (the notes: {year} of 'method')" },
    [CN_RATIO_TARGET] = { "ratio_target", "per_100k", NULL,
        LAYOUT " (the gap to the target and the trend chart)" },
    [CN_INSTITUTIONS_BY_LEVEL] = { "institutions_by_level", "count", "level",
        LAYOUT " (the education table)" },
    [CN_GRADUATES_BY_LEVEL] = { "graduates_by_level", "count", "level",
        LAYOUT " (the education table and the graduates chart)" },
    [CN_GRADUATES_TOTAL] = { "graduates_total", "count", NULL,
        LAYOUT " (the education table and the graduates chart)" },
    [CN_GRADUATES_PER_100K] = { "graduates_per_100k", "per_100k", NULL,
        LAYOUT " (the education table)" },
    [CN_CAPACITY_SCORE] = { "capacity_score", "score", "pillar",
        LAYOUT " (the capacity grid)" },
    [CN_CAPACITY_STATUS] = { "capacity_status", "flag", "item_status",
        LAYOUT " (the capacity grid)" },
    [CN_GAP_WORKERS_NEEDED] = { "gap_workers_needed", "count", NULL,
        LAYOUT " (the gap to the target), " REPORT " (the overview: the target year)" },
    [CN_GAP_ADDITIONAL] = { "gap_additional", "count", NULL,
        LAYOUT " (the gap to the target)" },
    [CN_GAP_PER_YEAR] = { "gap_per_year", "count", NULL,
        LAYOUT " (the gap to the target)" },
    [CN_GAP_GROWTH_NEEDED] = { "gap_growth_needed", "rate", NULL,
        LAYOUT " (the gap to the target)" },
    [CN_WORKFORCE_RECENT_GROWTH] = { "workforce_recent_growth", "rate", NULL,
        LAYOUT " (the gap to the target)" },
    [CN_GAP_ON_TRACK] = { "gap_on_track", "flag", NULL,
        LAYOUT " (the gap to the target), " REPORT " (the overview)" },
    [CN_COMPLETENESS] = { "completeness", "percent", "table",
        LAYOUT " (the [text completeness] line)" },
    [CN_COMPLETENESS_TOTAL] = { "completeness_total", "percent", NULL,
        LAYOUT " (the [text completeness] line)" },
    [CN_RANK_IN_GROUP] = { "rank_in_group", "rank", NULL,
        LAYOUT " (the comparison chart)" },
    [CN_GROUP_MEDIAN] = { "group_median", "per_100k", NULL,
        LAYOUT " (the comparison chart)" },
    [CN_GROUP_COUNT] = { "group_count", "count", NULL,
        LAYOUT " (the comparison chart)" },
    [CN_REPORT_YEAR] = { "report_year", "year", NULL,
        LAYOUT " (the report year without --year)" },
    [CN_REGION_MEDIAN_LATEST] = { "region_median_latest", "per_100k", "ratio",
        REPORT " (the overview's medians)" },
    [CN_REGION_COUNT_LATEST] = { "region_count_latest", "count", NULL,
        REPORT " (the overview's medians)" },
    [CN_WORLD_MEDIAN_LATEST] = { "world_median_latest", "per_100k", "ratio",
        REPORT " (the overview's medians)" },
    [CN_WORLD_COUNT_LATEST] = { "world_count_latest", "count", NULL,
        REPORT " (the overview's medians)" },
    [CN_CAPACITY_STATUS_COUNT] = { "capacity_status_count", "count", "item_status",
        REPORT " (the overview's capacity table)" },
    [CN_WORLD_OVERVIEW_COUNTS] = { "world_overview_counts", "count", "measure",
        REPORT " (the overview's summary)" },
    [CN_RANK_IN_WORLD_LATEST] = { "rank_in_world_latest", "rank", NULL,
        REPORT " (the ranked chart)" },
};

const cn_need *cn_need_of(cn_ind i) { return i < CN_COUNT ? &needs[i] : NULL; }
const char *cn_id(cn_ind i) { return i < CN_COUNT ? needs[i].id : ""; }

static const cp_indicator *declared(const cp_host *h, const char *id)
{
    for (size_t i = 0; i < cp_host_count(h); i++)
        if (!strcmp(cp_host_at(h, i)->id, id)) return cp_host_at(h, i);
    return NULL;
}

/* A declared indicator that is not in the contract and whose id is close
 * to `id`, or holds it ("ratio_per_100k_people"), or is held in it: what
 * it was most likely renamed to. */
static const cp_indicator *renamed(const cp_host *h, const char *id)
{
    size_t n = cp_host_count(h), k = 0;
    const char **ids = ut_xcalloc(n + 1, sizeof *ids);
    for (size_t i = 0; i < n; i++) {
        const char *d = cp_host_at(h, i)->id;
        int known = 0;
        for (int c = 0; c < CN_COUNT && !known; c++) known = !strcmp(needs[c].id, d);
        if (!known) ids[k++] = d;
    }
    const char *best = ut_closest(id, ids, k);
    for (size_t i = 0; i < k && !best; i++)
        if (strstr(ids[i], id) || strstr(id, ids[i])) best = ids[i];
    free(ids);
    return best ? declared(h, best) : NULL;
}

size_t cn_check(const cp_host *h, const char *shown, dg_list *dg)
{
    size_t bad = 0;
    char *folder = ut_xasprintf("%s/indicators", shown);
    for (int c = 0; c < CN_COUNT; c++) {
        const cn_need *n = &needs[c];
        const cp_indicator *d = declared(h, n->id);
        if (!d) {
            const cp_indicator *r = renamed(h, n->id);
            if (r)
                dg_error(dg, r->script, r->line, NULL, NULL, "indicator '%s' is not declared (renamed to '%s'?), "
                         "but it is read by %s", n->id, r->id, n->user);
            else
                dg_error(dg, folder, 0, NULL, NULL, "indicator '%s' is not declared, but it is read by %s", n->id,
                         n->user);
            bad++;
            continue;
        }
        if (strcmp(d->unit, n->unit) != 0) {
            dg_error(dg, d->script, d->line, NULL, NULL, "indicator '%s' has the unit '%s', where '%s' is "
                     "expected by %s", n->id, d->unit, n->unit, n->user);
            bad++;
        }
        if (!n->by && d->by) {
            dg_error(dg, d->script, d->line, NULL, NULL, "indicator '%s' is broken down by '%s', where one series "
                     "(no 'by') is expected by %s", n->id, d->by, n->user);
            bad++;
        } else if (n->by && (!d->by || strcmp(d->by, n->by) != 0)) {
            dg_error(dg, d->script, d->line, NULL, NULL, "indicator '%s' %s%s%s, where a breakdown by '%s' is "
                     "expected by %s", n->id, d->by ? "is broken down by '" : "has no breakdown", d->by ? d->by : "", d->by ? "'" : "",
                     n->by, n->user);
            bad++;
        }
    }
    free(folder);
    return bad;
}
