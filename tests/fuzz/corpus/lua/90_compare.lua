-- 90_compare.lua — phase 2: the country's workers per 100,000 population compared with its
-- comparison group (intermediate region, else sub-region) and with the world.
--
-- Only countries whose data passed the checks (failed = false) and that have a ratio in a
-- given year take part in that year's ranks, medians and counts; the country itself is
-- one of them when it has a value. Ranks: 1 is the highest ratio, ties share the best rank.

-- year → array of the ratios per 100,000 of the countries for which keep(entry) is true.
local function collect(all, keep)
  local out = {}
  for _, entry in ipairs(all) do
    local results = entry.results
    local s = results and results.ratio_per_100k
    if not entry.failed and s ~= nil and keep(entry) then
      for y, v in pairs(s) do
        local list = out[y] or {}
        out[y] = list
        list[#list + 1] = v
      end
    end
  end
  return out
end

-- Every phase-2 call of a run gets the same `all`, so the lists of a group are built once
-- per run instead of once per country (215 × 215 walks otherwise). Weak keys: a new run
-- (a new `all`) starts afresh. The lists are shared: callers must not modify them.
local cache = setmetatable({}, { __mode = "k" })

-- ratios_by_year(all, group): the lists of one comparison group, or of the world when
-- group is nil.
local function ratios_by_year(all, group)
  local per_all = cache[all]
  if not per_all then
    per_all = {}
    cache[all] = per_all
  end
  local key = group or "\0world"
  local lists = per_all[key]
  if not lists then
    lists = collect(all, group and function(entry) return entry.group == group end
                                or function() return true end)
    per_all[key] = lists
  end
  return lists
end

-- The country's rank in each year where it has a ratio.
local function ranks(done, lists)
  local out = {}
  for y, v in pairs(done.ratio_per_100k) do
    out[y] = stats.rank(v, lists[y] or {}, true)
  end
  return out
end

-- f(list) for every year with at least one value.
local function per_year(lists, f)
  local out = {}
  for y, list in pairs(lists) do out[y] = f(list) end
  return out
end

local function count(list) return #list end

indicator {
  id          = "rank_in_group",
  label       = "Rank in the region (workers per 100,000)",
  description = "Position of the country among the countries of its region (UN "
             .. "intermediate region, or else sub-region) with data for the year, from the "
             .. "highest number of workers per 100,000 population (1).",
  formula     = "1 + number of countries of the group with a higher ratio_per_100k",
  unit        = "rank",
  decimals    = 0,
  phase       = 2,
  compute     = function(c, done, all)
    return ranks(done, ratios_by_year(all, c.group))
  end,
}

indicator {
  id          = "rank_in_world",
  label       = "Rank in the world (workers per 100,000)",
  description = "Position of the country among all countries with data for the year, from "
             .. "the highest number of workers per 100,000 population (1).",
  formula     = "1 + number of countries with a higher ratio_per_100k",
  unit        = "rank",
  decimals    = 0,
  phase       = 2,
  compute     = function(c, done, all)
    return ranks(done, ratios_by_year(all, nil))
  end,
}

indicator {
  id          = "group_median",
  label       = "Regional median of workers per 100,000",
  description = "Median number of workers per 100,000 population among the countries of the "
             .. "region (UN intermediate region, or else sub-region) with data for the year.",
  formula     = "median of ratio_per_100k over the countries of the group",
  unit        = "per_100k",
  decimals    = 1,
  phase       = 2,
  compute     = function(c, done, all)
    return per_year(ratios_by_year(all, c.group), stats.median)
  end,
}

indicator {
  id          = "world_median",
  label       = "World median of workers per 100,000",
  description = "Median number of workers per 100,000 population among all countries with "
             .. "data for the year.",
  formula     = "median of ratio_per_100k over all countries",
  unit        = "per_100k",
  decimals    = 1,
  phase       = 2,
  compute     = function(c, done, all)
    return per_year(ratios_by_year(all, nil), stats.median)
  end,
}

indicator {
  id          = "group_count",
  label       = "Countries of the region with data",
  description = "Number of countries of the region with a ratio of workers per 100,000 "
             .. "population for the year: the number the regional rank and median are "
             .. "based on.",
  formula     = "number of countries of the group with a ratio_per_100k",
  unit        = "count",
  decimals    = 0,
  phase       = 2,
  compute     = function(c, done, all)
    return per_year(ratios_by_year(all, c.group), count)
  end,
}

indicator {
  id          = "world_count",
  label       = "Countries with data",
  description = "Number of countries with a ratio of workers per 100,000 population for the "
             .. "year: the number the world rank and median are based on.",
  formula     = "number of countries with a ratio_per_100k",
  unit        = "count",
  decimals    = 0,
  phase       = 2,
  compute     = function(c, done, all)
    return per_year(ratios_by_year(all, nil), count)
  end,
}
