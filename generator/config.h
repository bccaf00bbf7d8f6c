/* config.h — checking scripts/config.lua, the settings every country's
 * figures rest on (targets, years, trend and review thresholds). A wrong
 * setting would make every profile silently wrong, so each one is checked
 * for its type and range, country codes against the datasets, and unknown
 * names (with the closest known one), before anything is computed. Each
 * problem is reported as `scripts/config.lua:LINE: message`, the line found
 * by scanning the file's source. Prefix: cf_. */
#ifndef SSWR_CONFIG_H
#define SSWR_CONFIG_H

#include <lua.h>

#include "dataset.h"
#include "diag.h"

/* Checks the global `config` of L (set by compute.c from config.lua, maybe
 * behind read-only proxies) against the datasets. `path` is the file read
 * for line numbers, `shown` its name in messages. Returns 0, or -1 with
 * every problem in dg (also when config.lua did not load: its error is
 * already in dg then). */
int cf_check(lua_State *L, const char *path, const char *shown, const ds_data *ds, dg_list *dg);

/* The edition (config.edition, the report year without --year) of a
 * checked config, 0 when it has none. */
int cf_edition(lua_State *L);

/* Whether config.targets names each country of ds (a checked config):
 * own[i] = 1 for a national target, 0 for the report's default. */
void cf_own_targets(lua_State *L, const ds_data *ds, int *own, size_t stride);

/* The line of a setting in Lua source: `path` is the names from the
 * returned table down, joined by '.' ("targets.KEN"); the line of its
 * closest enclosing setting when it has none of its own, else the line of
 * the last `return`, else 0. For tests. */
long cf_line(const char *src, size_t len, const char *path);

#endif
