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

-- Cells expected per year in each table (see above).
local function expected_cells(c)
  local n = 0
  for _, id in ipairs(c.cadres) do
    if id ~= "unspecified" then n = n + 1 end
  end
  return { population = 2, workforce = n + 1, education = 2 * #c.levels, system = #c.items }
end

-- year → { population = k, workforce = k, education = k, system = k }: the present cells,
-- counted in one pass over each table (not one pass per year). Both indicators of this
-- file need it: it is kept per country view for the run (weak keys).
local cache = setmetatable({}, { __mode = "k" })

local function present_by_year(c)
  local got = cache[c]
  if got then return got end
  got = {}
  local function year_of(y)
    local t = got[y]
    if not t then
      t = { population = 0, workforce = 0, education = 0, system = 0, cadres = {}, split = false }
      got[y] = t
    end
    return t
  end
  for y in pairs(c.population) do year_of(y).population = year_of(y).population + 1 end
  for y in pairs(c.children) do year_of(y).population = year_of(y).population + 1 end
  for _, row in ipairs(c.workforce) do
    local t = year_of(row.year)
    if row.count ~= nil then
      if row.cadre ~= "unspecified" and not t.cadres[row.cadre] then
        t.cadres[row.cadre] = true
        t.workforce = t.workforce + 1
      end
      if row.sector ~= "unspecified" and not t.split then
        t.split = true
        t.workforce = t.workforce + 1
      end
    end
  end
  for _, row in ipairs(c.education) do
    local t = year_of(row.year)
    if row.institutions ~= nil then t.education = t.education + 1 end
    if row.graduates ~= nil then t.education = t.education + 1 end
  end
  for _, row in ipairs(c.system) do
    local t = year_of(row.year)
    if row.status ~= "unknown" then t.system = t.system + 1 end
  end
  cache[c] = got
  return got
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
    local expected = expected_cells(c)
    for y, cells in pairs(present_by_year(c)) do
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
    local expected = expected_cells(c)
    for y, cells in pairs(present_by_year(c)) do
      local have, want = 0, 0
      for _, t in ipairs(TABLES) do
        have, want = have + cells[t], want + expected[t]
      end
      out[y] = 100 * have / want
    end
    return out
  end,
}
