-- 60_planning.lua — the planning aid: how many workers the country needs to reach its
-- target ratio by the target year, how many more per year from the latest year with data,
-- and the growth that implies compared with the recent trend.
--
-- The population of the target year is not known yet: it is projected with the average
-- yearly growth of the population over the last (up to) five years with data. Every value
-- is reported at one year: the target year for what is needed then, the latest year with
-- a workforce total for what follows from "now".

-- Years of recent history used for the population and workforce trends.
local RECENT_YEARS = 5

local function target_of(iso3)
  return config.targets[iso3] or config.target_ratio
end

-- Yearly growth (percent) of a series over its last `span` years with data → rate,
-- first year used, last year used; nil with fewer than two years. The first year used
-- is the earliest at most `span` years before the last; when there is none, the year
-- with data just before the last (not the first of the whole series).
local function recent_growth(s, span)
  local years = series.years(s)
  local n = #years
  if n < 2 then return nil end
  local y1 = years[n]
  local y0 = y1
  for i = n - 1, 1, -1 do
    if y1 - years[i] <= span then y0 = years[i] end
  end
  if y0 == y1 then y0 = years[n - 1] end
  return stats.cagr(s[y0], s[y1], y1 - y0), y0, y1
end

-- Population projected to `year` from its recent growth.
local function projected_population(c, year)
  local y1, p1 = series.last(c.population)
  if y1 == nil then return nil end
  if year <= y1 then return c.population[year] end
  local rate = recent_growth(c.population, RECENT_YEARS) or 0
  return p1 * (1 + rate / 100) ^ (year - y1)
end

-- The latest year with a workforce total, its total, and the years left to the target.
local function now(done)
  local y, w = series.last(done.workforce_total)
  if y == nil or y >= config.target_year then return nil end
  return y, w, config.target_year - y
end

indicator {
  id          = "population_projected",
  label       = "Projected population in the target year",
  description = "Population of the target year, projected from the average yearly "
             .. "population growth of the last five years with data.",
  formula     = "population(last year) × (1 + growth)^(target year − last year)",
  unit        = "count",
  decimals    = 0,
  phase       = 1,
  compute     = function(c)
    local p = projected_population(c, config.target_year)
    return p and { [config.target_year] = p } or {}
  end,
}

indicator {
  id          = "gap_workers_needed",
  label       = "Workers needed to reach the target",
  description = "Number of social service workers the country needs in the target year "
             .. "for its target ratio of workers per 100,000 population.",
  formula     = "target ratio × projected population / 100,000",
  unit        = "count",
  decimals    = 0,
  phase       = 1,
  compute     = function(c, done)
    local p = done.population_projected[config.target_year]
    if p == nil then return {} end
    return { [config.target_year] = target_of(c.iso3) * p / 100000 }
  end,
}

indicator {
  id          = "gap_additional",
  label       = "Additional workers needed",
  description = "Workers to add between the latest year with data and the target year "
             .. "(negative when the country already has more than it needs).",
  formula     = "gap_workers_needed − workforce_total(latest year)",
  unit        = "count",
  decimals    = 0,
  phase       = 1,
  history     = true,   -- rests on earlier years: illustrative if any of them is
  compute     = function(c, done)
    local y, w = now(done)
    local need = done.gap_workers_needed[config.target_year]
    if y == nil or need == nil then return {} end
    return { [y] = need - w }
  end,
}

indicator {
  id          = "gap_per_year",
  label       = "Additional workers needed per year",
  description = "Additional workers needed, spread evenly over the years left to the "
             .. "target year.",
  formula     = "gap_additional / (target year − latest year)",
  unit        = "count",
  decimals    = 0,
  phase       = 1,
  history     = true,   -- rests on earlier years: illustrative if any of them is
  compute     = function(c, done)
    local y, _, left = now(done)
    local add = y and done.gap_additional[y]
    if add == nil then return {} end
    return { [y] = add / left }
  end,
}

indicator {
  id          = "gap_growth_needed",
  label       = "Yearly growth of the workforce needed",
  description = "Average yearly growth of the number of workers that would reach the "
             .. "workers needed in the target year from the latest year with data.",
  formula     = "(gap_workers_needed / workforce_total(latest))^(1 / years left) − 1, in %",
  unit        = "rate",
  decimals    = 1,
  phase       = 1,
  history     = true,   -- rests on earlier years: illustrative if any of them is
  compute     = function(c, done)
    local y, w, left = now(done)
    local need = done.gap_workers_needed[config.target_year]
    if y == nil or need == nil then return {} end
    return { [y] = stats.cagr(w, need, left) }
  end,
}

indicator {
  id          = "workforce_recent_growth",
  label       = "Recent yearly growth of the workforce",
  description = "Average yearly growth of the number of workers over the last five years "
             .. "with data (or fewer when fewer are available).",
  formula     = "CAGR of workforce_total over the last five years with data",
  unit        = "rate",
  decimals    = 1,
  phase       = 1,
  history     = true,   -- rests on earlier years: illustrative if any of them is
  compute     = function(c, done)
    local rate, _, y1 = recent_growth(done.workforce_total, RECENT_YEARS)
    if rate == nil then return {} end
    return { [y1] = rate }
  end,
}

indicator {
  id          = "gap_on_track",
  label       = "On track to reach the target",
  description = "1 when the recent growth of the workforce is at least the growth needed "
             .. "to reach the target (or the target is already met), else 0.",
  formula     = "workforce_recent_growth ≥ gap_growth_needed",
  unit        = "flag",
  decimals    = 0,
  phase       = 1,
  history     = true,   -- rests on earlier years: illustrative if any of them is
  compute     = function(c, done)
    local y = now(done)
    if y == nil then return {} end
    local need, recent = done.gap_growth_needed[y], done.workforce_recent_growth[y]
    local add = done.gap_additional[y]
    if add ~= nil and add <= 0 then return { [y] = 1 } end
    if need == nil or recent == nil then return {} end
    return { [y] = recent >= need and 1 or 0 }
  end,
}
