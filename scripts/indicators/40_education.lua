-- 40_education.lua — capacity to educate social service workers: institutions offering
-- social work programmes and their graduates, by level of qualification.
--
-- Same missing-value rule as the workforce: empty cells are skipped, and a year or level
-- whose cells are all empty has no value.

-- Per level, the per-year sums of `field` over the education rows. Every level of the
-- vocabulary gets a series (empty when it has no data).
local function by_level(c, field)
  local out = {}
  for _, level in ipairs(c.levels) do out[level] = {} end
  for _, row in ipairs(c.education) do
    local v = row[field]
    out[row.level] = out[row.level] or {}
    if v ~= nil then
      out[row.level][row.year] = (out[row.level][row.year] or 0) + v
    end
  end
  return out
end

indicator {
  id          = "institutions_by_level",
  label       = "Institutions offering social work education, by level",
  description = "Number of universities, colleges and training institutions offering a "
             .. "social work programme at each level of qualification.",
  formula     = "Σ institutions of the education rows of the year and level",
  unit        = "count",
  decimals    = 0,
  by          = "level",
  phase       = 1,
  compute     = function(c)
    return by_level(c, "institutions")
  end,
}

indicator {
  id          = "graduates_by_level",
  label       = "Graduates in social work, by level",
  description = "Number of people who completed a social work programme in the year, at "
             .. "each level of qualification.",
  formula     = "Σ graduates of the education rows of the year and level",
  unit        = "count",
  decimals    = 0,
  by          = "level",
  phase       = 1,
  compute     = function(c)
    return by_level(c, "graduates")
  end,
}

indicator {
  id          = "graduates_total",
  label       = "Graduates in social work",
  description = "Number of people who completed a social work programme in the year, all "
             .. "levels together.",
  formula     = "Σ graduates of all education rows of the year",
  unit        = "count",
  decimals    = 0,
  phase       = 1,
  compute     = function(c)
    local out = {}
    for _, row in ipairs(c.education) do
      if row.graduates ~= nil then
        out[row.year] = (out[row.year] or 0) + row.graduates
      end
    end
    return out
  end,
}

indicator {
  id          = "graduates_per_100k",
  label       = "Graduates per 100,000 population",
  description = "Social work graduates of the year for every 100,000 people in the country.",
  formula     = "graduates_total / population × 100,000",
  unit        = "per_100k",
  decimals    = 2,
  phase       = 1,
  compute     = function(c, done)
    return series.combine(done.graduates_total, c.population,
      function(grads, pop) return stats.per_100k(grads, pop) end)
  end,
}
