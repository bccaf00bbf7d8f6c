-- 95_overview.lua — phase 2: the report year (the edition of scripts/config.lua, or --year),
-- and the figures of the combined report's overview at that year: how many countries have
-- data, a verdict on the target and are on track, each country's rank by workers per
-- 100,000, the medians of workers per 100,000 by UN region and for the world, and how many
-- countries report each element of the capacity grid with each status.
--
-- Only countries whose data passed the checks (failed = false) take part. The overview
-- describes every country as it stands in the report year: each one counts with its latest
-- figure at or before that year. Every country gets the same world figures, and those of
-- its own region; all are stored at the report year.

local RATIOS = { "ratio_per_100k", "ratio_per_100k_children" }
local STATUSES = { "yes", "partial", "no", "unknown" }

-- Every phase-2 call of a run gets the same `all`: what is built from it is kept per `all`
-- (weak keys: a new run starts afresh), under a name.
local cache = setmetatable({}, { __mode = "k" })

local function cached(all, name, f)
  local per = cache[all]
  if not per then
    per = {}
    cache[all] = per
  end
  if per[name] == nil then per[name] = f() end
  return per[name]
end

-- The report year as this country's `done` holds it (report_year runs first), or nil.
local function year_of(done)
  local y = series.last(done.report_year)
  return y
end

indicator {
  id          = "report_year",
  label       = "Report year",
  description = "The year the profiles and the report describe: the edition set in "
             .. "scripts/config.lua, or the year asked for with --year.",
  formula     = "options.year, else config.edition",
  unit        = "year",
  decimals    = 0,
  phase       = 2,
  compute     = function(c, done, all)
    local year = options.year or config.edition
    return year and { [year] = year } or {}
  end,
}

-- The latest ratios at or before `year` of the countries of `region` (nil: the world):
-- { ratio_per_100k = { ... }, ratio_per_100k_children = { ... } }. Shared: not to be modified.
local function latest_ratios(all, year, region)
  return cached(all, "ratios " .. year .. " " .. (region or "\0world"), function()
    local lists = {}
    for _, id in ipairs(RATIOS) do lists[id] = {} end
    for _, entry in ipairs(all) do
      if not entry.failed and (region == nil or entry.region == region) then
        for _, id in ipairs(RATIOS) do
          local _, v = series.at_or_before(entry.results[id] or {}, year)
          if v ~= nil then lists[id][#lists[id] + 1] = v end
        end
      end
    end
    return lists
  end)
end

-- The latest values at or before `year` of indicator `id`, one { iso3 =, v = } per country
-- with one, in the order of `all`. Shared: not to be modified.
local function latest_values(all, year, id)
  return cached(all, "values " .. year .. " " .. id, function()
    local out = {}
    for _, entry in ipairs(all) do
      if not entry.failed then
        local _, v = series.at_or_before(entry.results[id] or {}, year)
        if v ~= nil then out[#out + 1] = { iso3 = entry.iso3, v = v } end
      end
    end
    return out
  end)
end

indicator {
  id          = "world_overview_counts",
  label       = "Countries with data, with a verdict on the target and on track",
  description = "Number of countries with a number of workers up to the report year "
             .. "(with_data), with a verdict on reaching their target (with_target), and on "
             .. "track to reach it (on_track), each as last known up to the report year.",
  formula     = "countries with workforce_total; with gap_on_track; with gap_on_track = 1",
  unit        = "count",
  decimals    = 0,
  by          = "measure",   -- keys with_data, with_target, on_track
  phase       = 2,
  compute     = function(c, done, all)
    local year = year_of(done)
    if year == nil then return {} end
    local verdicts = latest_values(all, year, "gap_on_track")
    local on = 0
    for _, e in ipairs(verdicts) do
      if e.v == 1 then on = on + 1 end
    end
    return { with_data = { [year] = #latest_values(all, year, "workforce_total") },
             with_target = { [year] = #verdicts }, on_track = { [year] = on } }
  end,
}

indicator {
  id          = "rank_in_world_latest",
  label       = "Rank in the world, latest data (workers per 100,000)",
  description = "Position of the country among all countries, each with its latest number of "
             .. "workers per 100,000 population up to the report year, from the highest (1); "
             .. "countries with the same figure follow the order of their ISO codes.",
  formula     = "position in the latest ratio_per_100k of every country, highest first",
  unit        = "rank",
  decimals    = 0,
  phase       = 2,
  compute     = function(c, done, all)
    local year = year_of(done)
    if year == nil then return {} end
    local ranks = cached(all, "ranks " .. year, function()
      local list = {}
      for i, e in ipairs(latest_values(all, year, "ratio_per_100k")) do list[i] = e end
      table.sort(list, function(a, b)
        if a.v ~= b.v then return a.v > b.v end
        return a.iso3 < b.iso3
      end)
      local r = {}
      for i, e in ipairs(list) do r[e.iso3] = i end
      return r
    end)
    return ranks[c.iso3] and { [year] = ranks[c.iso3] } or {}
  end,
}

-- { ratio_per_100k = { [year] = median }, ... } of a region or the world.
local function medians(done, all, region)
  local year = year_of(done)
  local out = {}
  for _, id in ipairs(RATIOS) do out[id] = {} end
  if year == nil then return out end
  local lists = latest_ratios(all, year, region)
  for _, id in ipairs(RATIOS) do out[id][year] = stats.median(lists[id]) end
  return out
end

-- { [year] = number of countries with a ratio per 100,000 } of a region or the world.
local function count(done, all, region)
  local year = year_of(done)
  if year == nil then return {} end
  return { [year] = #latest_ratios(all, year, region).ratio_per_100k }
end

indicator {
  id          = "region_median_latest",
  label       = "Regional median of workers per 100,000 (latest data)",
  description = "Median number of workers per 100,000 population, and per 100,000 children, "
             .. "among the countries of the UN region, each with its latest figure up to the "
             .. "report year.",
  formula     = "median of the latest ratio_per_100k (ratio_per_100k_children) over the region",
  unit        = "per_100k",
  decimals    = 1,
  by          = "ratio",   -- keys ratio_per_100k, ratio_per_100k_children
  phase       = 2,
  compute     = function(c, done, all) return medians(done, all, c.region) end,
}

indicator {
  id          = "region_count_latest",
  label       = "Countries of the UN region with data",
  description = "Number of countries of the UN region with a number of workers per 100,000 "
             .. "population up to the report year: the number the regional median is based on.",
  formula     = "number of countries of the region with a ratio_per_100k up to the report year",
  unit        = "count",
  decimals    = 0,
  phase       = 2,
  compute     = function(c, done, all) return count(done, all, c.region) end,
}

indicator {
  id          = "world_median_latest",
  label       = "World median of workers per 100,000 (latest data)",
  description = "Median number of workers per 100,000 population, and per 100,000 children, "
             .. "among all countries, each with its latest figure up to the report year.",
  formula     = "median of the latest ratio_per_100k (ratio_per_100k_children) over all countries",
  unit        = "per_100k",
  decimals    = 1,
  by          = "ratio",   -- keys ratio_per_100k, ratio_per_100k_children
  phase       = 2,
  compute     = function(c, done, all) return medians(done, all, nil) end,
}

indicator {
  id          = "world_count_latest",
  label       = "Countries with data up to the report year",
  description = "Number of countries with a number of workers per 100,000 population up to "
             .. "the report year: the number the world median is based on.",
  formula     = "number of countries with a ratio_per_100k up to the report year",
  unit        = "count",
  decimals    = 0,
  phase       = 2,
  compute     = function(c, done, all) return count(done, all, nil) end,
}

-- The status of each element in a country at `year`: that of its latest row at or before
-- `year`, "unknown" without one.
local function statuses_at(results, items, year)
  local s = results.capacity_status or {}
  local out = {}
  for _, item in ipairs(items) do
    local best, status = nil, "unknown"
    for _, st in ipairs(STATUSES) do
      local y = series.at_or_before(s[item.id .. "/" .. st] or {}, year)
      if y and (best == nil or y > best) then best, status = y, st end
    end
    out[item.id] = status
  end
  return out
end

indicator {
  id          = "capacity_status_count",
  label       = "Countries by status of each element of the capacity grid",
  description = "Number of countries where each element of the capacity grid is in place, "
             .. "partly in place, not in place or of unknown status, as last reported up to the "
             .. "report year.",
  formula     = "number of countries whose latest capacity_status of the element has the status",
  unit        = "count",
  decimals    = 0,
  by          = "item_status",   -- keys "item/status", e.g. "budget_line/partial"
  phase       = 2,
  compute     = function(c, done, all)
    local year = year_of(done)
    if year == nil then return {} end
    local counts = cached(all, "capacity " .. year, function()
      local n = {}
      for _, item in ipairs(c.items) do
        for _, st in ipairs(STATUSES) do n[item.id .. "/" .. st] = 0 end
      end
      for _, entry in ipairs(all) do
        if not entry.failed then
          for id, st in pairs(statuses_at(entry.results, c.items, year)) do
            local key = id .. "/" .. st
            n[key] = n[key] + 1
          end
        end
      end
      return n
    end)
    local out = {}
    for key, n in pairs(counts) do out[key] = { [year] = n } end
    return out
  end,
}
