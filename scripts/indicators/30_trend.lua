-- 30_trend.lua — how the workforce has changed, where the ratio is heading, and how far it
-- is from the target.
--
-- Change, percent change and growth rate compare each year with the first year that has
-- a workforce total (the base year). The base year itself has no value: a change needs two
-- observations, and printing "+0 (0 %)" for a country with a single year of data would
-- read as "no growth" rather than "no trend known".

-- Apply f(base_value, value, years_since_base) to every year after the base year.
local function since_first(s, f)
  local y0, v0 = series.first(s)
  local out = {}
  if y0 == nil then return out end
  for y, v in pairs(s) do
    if y > y0 then out[y] = f(v0, v, y - y0) end
  end
  return out
end

-- The least-squares line of the ratio per 100,000 → slope, intercept, years used (sorted);
-- nil when there are fewer than config.trend_min_points years.
local function ratio_fit(done)
  local s = done.ratio_per_100k
  local years = series.years(s)
  if #years < math.max(config.trend_min_points, 2) then return nil end
  local values = {}
  for i, y in ipairs(years) do values[i] = s[y] end
  local slope, intercept = stats.linear_fit(years, values)
  if slope == nil then return nil end
  return slope, intercept, years
end

-- A fitted ratio below zero means nothing (there cannot be fewer than no workers), so the
-- line is floored at 0.
local function fitted(slope, intercept, year)
  return math.max(0, stats.project(slope, intercept, year))
end

-- The target ratio of the country: its own entry in config.targets, else the default.
local function target_of(iso3)
  return config.targets[iso3] or config.target_ratio
end

indicator {
  id          = "workforce_change",
  label       = "Change in workers since the first year with data",
  description = "Difference between the number of workers in the year and in the first "
             .. "year with data. Not shown for the first year itself.",
  formula     = "workforce_total(year) − workforce_total(first year)",
  unit        = "count",
  decimals    = 0,
  phase       = 1,
  history     = true,   -- rests on earlier years: illustrative if any of them is
  compute     = function(c, done)
    return since_first(done.workforce_total, function(v0, v) return v - v0 end)
  end,
}

indicator {
  id          = "workforce_change_pct",
  label       = "Change in workers since the first year with data (%)",
  description = "Change in the number of workers since the first year with data, as a "
             .. "percentage of the number in that first year. Not shown for the first year "
             .. "itself, nor when the first year counted no workers.",
  formula     = "(workforce_total(year) − workforce_total(first year)) / "
             .. "workforce_total(first year) × 100",
  unit        = "percent",
  decimals    = 1,
  phase       = 1,
  history     = true,   -- rests on earlier years: illustrative if any of them is
  compute     = function(c, done)
    return since_first(done.workforce_total, stats.pct_change)
  end,
}

indicator {
  id          = "workforce_cagr",
  label       = "Average yearly growth of the workforce",
  description = "Compound annual growth rate of the number of workers between the first "
             .. "year with data and the year. Not shown for the first year itself.",
  formula     = "((workforce_total(year) / workforce_total(first year))^(1 / years "
             .. "between them) − 1) × 100",
  unit        = "rate",
  decimals    = 1,
  phase       = 1,
  history     = true,   -- rests on earlier years: illustrative if any of them is
  compute     = function(c, done)
    return since_first(done.workforce_total, stats.cagr)
  end,
}

indicator {
  id          = "ratio_trend",
  label       = "Trend of workers per 100,000 population",
  description = "Straight line fitted by least squares through the yearly ratios of "
             .. "workers per 100,000 population, extended to the projection year if the "
             .. "past trend continues. Needs at least three years with data; never below 0.",
  formula     = "a + b × year, with a and b minimising Σ (ratio_per_100k − a − b × year)²",
  unit        = "per_100k",
  decimals    = 1,
  phase       = 1,
  history     = true,   -- rests on earlier years: illustrative if any of them is
  compute     = function(c, done)
    local out = {}
    local slope, intercept, years = ratio_fit(done)
    if slope == nil then return out end
    for _, y in ipairs(years) do out[y] = fitted(slope, intercept, y) end
    for y = years[#years] + 1, config.projection_year do
      out[y] = fitted(slope, intercept, y)
    end
    return out
  end,
}

indicator {
  id          = "ratio_trend_slope",
  label       = "Yearly change in workers per 100,000 (trend)",
  description = "Slope of the trend line: by how many workers per 100,000 population the "
             .. "ratio has grown (or fallen) per year on average. Shown at the latest year "
             .. "with data.",
  formula     = "b in the least-squares line a + b × year of ratio_per_100k",
  unit        = "per_100k",
  decimals    = 2,
  phase       = 1,
  history     = true,   -- rests on earlier years: illustrative if any of them is
  compute     = function(c, done)
    local slope, _, years = ratio_fit(done)
    if slope == nil then return {} end
    return { [years[#years]] = slope }
  end,
}

indicator {
  id          = "ratio_projection",
  label       = "Projected workers per 100,000 population",
  description = "Workers per 100,000 population expected in the projection year if the "
             .. "past trend continues in a straight line; never below 0.",
  formula     = "a + b × projection year (trend line of ratio_per_100k)",
  unit        = "per_100k",
  decimals    = 1,
  phase       = 1,
  history     = true,   -- rests on earlier years: illustrative if any of them is
  compute     = function(c, done)
    local slope, intercept = ratio_fit(done)
    if slope == nil then return {} end
    return { [config.projection_year] = fitted(slope, intercept, config.projection_year) }
  end,
}

indicator {
  id          = "ratio_target",
  label       = "Target workers per 100,000 population",
  description = "Number of workers per 100,000 population the country aims to reach by the "
             .. "target year: its national target where one has been adopted, otherwise "
             .. "the default planning target of this report.",
  formula     = "national target, else the report's default target (see configuration)",
  unit        = "per_100k",
  decimals    = 1,
  phase       = 1,
  compute     = function(c)
    return { [config.target_year] = target_of(c.iso3) }
  end,
}

indicator {
  id          = "growth_needed",
  label       = "Yearly growth needed to reach the target",
  description = "Average yearly growth of the ratio of workers per 100,000 population "
             .. "needed from the latest year with data to reach the target by the target "
             .. "year. A negative value means the ratio is already above the target.",
  formula     = "((target / ratio_per_100k(latest year))^(1 / (target year − latest year)) "
             .. "− 1) × 100",
  unit        = "rate",
  decimals    = 1,
  phase       = 1,
  history     = true,   -- rests on earlier years: illustrative if any of them is
  compute     = function(c, done)
    local y, ratio = series.last(done.ratio_per_100k)
    if y == nil then return {} end
    -- nil (no value) when the latest year is at or after the target year, or ratio is 0.
    return { [y] = stats.growth_needed(ratio, target_of(c.iso3), config.target_year - y) }
  end,
}
