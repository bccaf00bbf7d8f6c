-- 20_ratios.lua — the workforce relative to the population it serves. A ratio exists only
-- for years with both a workforce total and a population figure.

indicator {
  id          = "ratio_per_100k",
  label       = "Workers per 100,000 population",
  description = "Social service workers for every 100,000 people in the country, using "
             .. "World Bank population estimates for the same year.",
  formula     = "workforce_total / population × 100,000",
  unit        = "per_100k",
  decimals    = 1,
  phase       = 1,
  compute     = function(c, done)
    return series.combine(done.workforce_total, c.population,
      function(workers, pop) return stats.per_100k(workers, pop) end)
  end,
}

indicator {
  id          = "ratio_per_100k_children",
  label       = "Workers per 100,000 children",
  description = "Social service workers for every 100,000 children aged 0 to 14, using "
             .. "World Bank estimates for the same year.",
  formula     = "workforce_total / children aged 0–14 × 100,000",
  unit        = "per_100k",
  decimals    = 1,
  phase       = 1,
  compute     = function(c, done)
    return series.combine(done.workforce_total, c.children,
      function(workers, kids) return stats.per_100k(workers, kids) end)
  end,
}

indicator {
  id          = "people_per_worker",
  label       = "One worker per N people",
  description = "How many people there are for each social service worker: the same "
             .. "ratio as workers per 100,000, read the other way round.",
  formula     = "population / workforce_total",
  unit        = "one_in_n",
  decimals    = 0,
  phase       = 1,
  compute     = function(c, done)
    -- A year with a total of 0 workers has no "1 in N" (stats.one_in_n gives nil).
    return series.combine(done.workforce_total, c.population,
      function(workers, pop) return stats.one_in_n(workers, pop) end)
  end,
}
