/* contract.h — the one contract between the indicator scripts and the C
 * code: the indicators the program itself reads (the tiles, tables, charts
 * and texts laid out by layout.c and report.c, the comparison-group stamps
 * of build.c), each with the unit and breakdown it is read with and the
 * file and feature that need it. The C code names these indicators only
 * through this table (cn_id), and cn_check holds the scripts to it as soon
 * as they have loaded: an indicator renamed, removed or declared with
 * another unit or breakdown stops the run before anything is computed or
 * laid out, naming the C feature that needs it. Indicators outside the
 * contract reach the pages from the templates alone (templates/README.md).
 * Prefix: cn_. */
#ifndef SSWR_CONTRACT_H
#define SSWR_CONTRACT_H

#include <stddef.h>

#include "compute.h"
#include "diag.h"

typedef enum cn_ind {
    CN_WORKFORCE_TOTAL,
    CN_WORKFORCE_BY_CADRE,
    CN_WORKFORCE_BY_SECTOR,
    CN_WORKFORCE_BY_CADRE_SECTOR,
    CN_GOVERNMENT_SHARE,
    CN_RATIO_PER_100K,
    CN_RATIO_PER_100K_CHILDREN,
    CN_PEOPLE_PER_WORKER,
    CN_WORKFORCE_CHANGE_PCT,
    CN_RATIO_TREND,
    CN_RATIO_PROJECTION,
    CN_RATIO_TARGET,
    CN_INSTITUTIONS_BY_LEVEL,
    CN_GRADUATES_BY_LEVEL,
    CN_GRADUATES_TOTAL,
    CN_GRADUATES_PER_100K,
    CN_CAPACITY_SCORE,
    CN_CAPACITY_STATUS,
    CN_GAP_WORKERS_NEEDED,
    CN_GAP_ADDITIONAL,
    CN_GAP_PER_YEAR,
    CN_GAP_GROWTH_NEEDED,
    CN_WORKFORCE_RECENT_GROWTH,
    CN_GAP_ON_TRACK,
    CN_COMPLETENESS,
    CN_COMPLETENESS_TOTAL,
    CN_RANK_IN_GROUP,
    CN_GROUP_MEDIAN,
    CN_GROUP_COUNT,
    CN_REPORT_YEAR,
    CN_REGION_MEDIAN_LATEST,
    CN_REGION_COUNT_LATEST,
    CN_WORLD_MEDIAN_LATEST,
    CN_WORLD_COUNT_LATEST,
    CN_CAPACITY_STATUS_COUNT,
    CN_WORLD_OVERVIEW_COUNTS,
    CN_RANK_IN_WORLD_LATEST,
    CN_COUNT
} cn_ind;

typedef struct cn_need {
    const char *id;      /* the indicator's id in the scripts */
    const char *unit;    /* the unit the C code formats it with */
    const char *by;      /* its breakdown, NULL: a plain series */
    const char *user;    /* the file and feature that read it */
} cn_need;

/* The entry of an indicator of the contract; its id. */
const cn_need *cn_need_of(cn_ind i);
const char *cn_id(cn_ind i);

/* Holds the indicators the scripts declared (cp_host_count/cp_host_at)
 * to the contract: each one missing, or declared with another unit or
 * breakdown, is an error in dg naming the id and the C feature that needs
 * it; at the declaration that replaced it when one is close (a rename),
 * else at `shown`/indicators (the folder of the scripts). Returns the
 * number of errors. */
size_t cn_check(const cp_host *h, const char *shown, dg_list *dg);

#endif
