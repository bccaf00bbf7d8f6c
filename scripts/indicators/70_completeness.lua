-- 70_completeness.lua — how complete a country's data is, per year: the share of the
-- cells a full profile needs that are present, table by table.
--
-- Expected cells per year:
--   population  2: the population and the children aged 0–14;
--   workforce   6: one count for each of the five cadres (any sector; published totals of
--                  the "unspecified" cadre do not stand for any cadre), and the sector
--                  split (at least one government or non-government count);
--   education  10: institutions and graduates for each of the five levels;
--   system     11: a status other than "unknown" for each capacity-grid item.
-- The total is present cells / 29 over all tables, not the mean of the four shares.

local TABLES = { "population", "workforce", "education", "system" }

local function present_cells(c, year)
  local cells = { population = 0, workforce = 0, education = 0, system = 0 }
  local expected = { population = 2, workforce = 0, education = 0, system = #c.items }
  if c.population[year] ~= nil then cells.population = cells.population + 1 end
  if c.children[year] ~= nil then cells.population = cells.population + 1 end

  local cadre_seen, split = {}, false
  for _, id in ipairs(c.cadres) do
    if id ~= "unspecified" then expected.workforce = expected.workforce + 1 end
  end
  expected.workforce = expected.workforce + 1        -- the sector split
  for _, row in ipairs(c.workforce) do
    if row.year == year and row.count ~= nil then
      if row.cadre ~= "unspecified" then cadre_seen[row.cadre] = true end
      if row.sector ~= "unspecified" then split = true end
    end
  end
  for _ in pairs(cadre_seen) do cells.workforce = cells.workforce + 1 end
  if split then cells.workforce = cells.workforce + 1 end

  expected.education = 2 * #c.levels
  for _, row in ipairs(c.education) do
    if row.year == year then
      if row.institutions ~= nil then cells.education = cells.education + 1 end
      if row.graduates ~= nil then cells.education = cells.education + 1 end
    end
  end
  for _, row in ipairs(c.system) do
    if row.year == year and row.status ~= "unknown" then cells.system = cells.system + 1 end
  end
  return cells, expected
end

-- Years for which any table has a row.
local function years_of(c)
  local seen = {}
  for y in pairs(c.population) do seen[y] = true end
  for _, rows in ipairs({ c.workforce, c.education, c.system }) do
    for _, row in ipairs(rows) do seen[row.year] = true end
  end
  return seen
end

indicator {
  id          = "completeness",
  label       = "Data completeness by table",
  description = "Share of the cells a full profile needs that the data provides, for each "
             .. "table: population, workforce, education and capacity grid.",
  formula     = "present cells / expected cells × 100, per table",
  unit        = "percent",
  decimals    = 0,
  by          = "table",
  phase       = 1,
  compute     = function(c)
    local out = {}
    for _, t in ipairs(TABLES) do out[t] = {} end
    for y in pairs(years_of(c)) do
      local cells, expected = present_cells(c, y)
      for _, t in ipairs(TABLES) do out[t][y] = 100 * cells[t] / expected[t] end
    end
    return out
  end,
}

indicator {
  id          = "completeness_total",
  label       = "Data completeness",
  description = "Share of all the cells a full profile needs that the data provides.",
  formula     = "present cells / expected cells × 100, all tables together",
  unit        = "percent",
  decimals    = 0,
  phase       = 1,
  compute     = function(c)
    local out = {}
    for y in pairs(years_of(c)) do
      local cells, expected = present_cells(c, y)
      local have, want = 0, 0
      for _, t in ipairs(TABLES) do
        have, want = have + cells[t], want + expected[t]
      end
      out[y] = 100 * have / want
    end
    return out
  end,
}
