-- 10_workforce.lua — head counts of the social service workforce: total, by cadre, by
-- sector, and the government share.
--
-- Missing counts: a year with no rows has no value; a year whose rows all have an empty
-- count has no value; a year where only some rows have a count adds up the known ones.

-- Per year, the sum of `field` over the rows (optionally only those for which keep(row)
-- is true). Only years with at least one non-nil value appear.
local function sum_by_year(rows, field, keep)
  local out = {}
  for _, row in ipairs(rows) do
    local v = row[field]
    if v ~= nil and (keep == nil or keep(row)) then
      out[row.year] = (out[row.year] or 0) + v
    end
  end
  return out
end

-- Per key (the row's `key` field), the per-year sums of `field`. Every id of `vocabulary`
-- gets a series, empty when it has no data, so later indicators can index any key.
local function sum_by_key(rows, key, field, vocabulary)
  local out = {}
  for _, id in ipairs(vocabulary) do out[id] = {} end
  for _, row in ipairs(rows) do
    local k, v = row[key], row[field]
    out[k] = out[k] or {}
    if v ~= nil then
      out[k][row.year] = (out[k][row.year] or 0) + v
    end
  end
  return out
end

indicator {
  id          = "workforce_total",
  label       = "Social service workers",
  description = "Number of social service workers counted in the year, all cadres and "
             .. "sectors together.",
  formula     = "Σ count of all workforce rows of the year",
  unit        = "count",
  decimals    = 0,
  phase       = 1,
  compute     = function(c)
    return sum_by_year(c.workforce, "count")
  end,
}

indicator {
  id          = "workforce_by_cadre",
  label       = "Social service workers by cadre",
  description = "Number of social service workers in each cadre; \"Unspecified\" holds "
             .. "published totals that are not broken down by cadre.",
  formula     = "Σ count of the workforce rows of the year and cadre",
  unit        = "count",
  decimals    = 0,
  by          = "cadre",
  phase       = 1,
  compute     = function(c)
    return sum_by_key(c.workforce, "cadre", "count", c.cadres)
  end,
}

indicator {
  id          = "workforce_by_sector",
  label       = "Social service workers by sector",
  description = "Number of social service workers employed by government, by "
             .. "non-government employers, and with the employer not reported.",
  formula     = "Σ count of the workforce rows of the year and sector",
  unit        = "count",
  decimals    = 0,
  by          = "sector",
  phase       = 1,
  compute     = function(c)
    return sum_by_key(c.workforce, "sector", "count", c.sectors)
  end,
}

indicator {
  id          = "government_share",
  label       = "Government share of the workforce",
  description = "Percentage of workers employed by government among the workers whose "
             .. "employer is known. Not shown for years without a government / "
             .. "non-government split.",
  formula     = "government / (government + non-government) × 100, counting only rows "
             .. "with a known sector",
  unit        = "percent",
  decimals    = 1,
  phase       = 1,
  compute     = function(c, done)
    local sectors = done.workforce_by_sector
    local gov, nongov = sectors.government, sectors.non_government
    local out = {}
    -- Years where any known-sector count exists; a year with only non-government workers
    -- is a known 0 % government, not a missing value.
    local years = {}
    for y in pairs(gov) do years[y] = true end
    for y in pairs(nongov) do years[y] = true end
    for y in pairs(years) do
      local g, n = gov[y] or 0, nongov[y] or 0
      out[y] = stats.share(g, g + n)
    end
    return out
  end,
}

indicator {
  id          = "workforce_by_cadre_sector",
  label       = "Social service workers by cadre and sector",
  description = "Number of social service workers of each cadre employed by government, "
             .. "by non-government employers, or with the employer not reported.",
  formula     = "Σ count of the workforce rows of the year, cadre and sector",
  unit        = "count",
  decimals    = 0,
  by          = "cadre_sector",   -- keys "cadre/sector", e.g. "social_worker/government"
  phase       = 1,
  compute     = function(c)
    local out = {}
    for _, row in ipairs(c.workforce) do
      if row.count ~= nil then
        local key = row.cadre .. "/" .. row.sector
        local s = out[key] or {}
        out[key] = s
        s[row.year] = (s[row.year] or 0) + row.count
      end
    end
    return out
  end,
}
