-- review.lua — the plausibility review of the data, run by `sswr review` and `sswr check`
-- before publication, so that report staff can go through every country's figures with
-- its country team. Every rule here only *warns*: the data still builds.
--
-- A rule is declared with
--
--   rule {
--     id          = "jump",                        -- unique, [a-z0-9_]
--     description = "What it looks for and why.",  -- for the people reading this file
--     check       = function(c, done, all, config) ... return findings end,
--   }
--
-- `check` runs once per country whose data loaded without errors, in the same sandbox as
-- the indicators (scripts/README.md), with the same arguments: the read-only view `c`,
-- `done` (every indicator's results for the country), `all` (every country, as phase-2
-- indicators get it) and `config`. It returns nil or a list of findings:
--
--   { table   = "workforce",                 -- population | workforce | education | system
--     line    = row.line,                    -- the CSV line of the row to look at
--     year    = 2019,                        -- optional
--     key     = "social_worker/government",  -- optional: what the figure is
--     column  = "count",                     -- optional: the CSV column concerned
--     message = "…" }                        -- what was found, with the figures
--
-- `sswr check` prints each finding as
--   DATASETS/TABLE.csv:LINE: warning: column COLUMN: RULE-ID: MESSAGE
-- and `sswr review` lists them per country (text, or CSV with -o).
--
-- Every row of c.workforce, c.education and c.system has its CSV line in `line`;
-- c.population_line[year] is the line of the population row of that year.
--
-- Thresholds come from config.review (config.lua); the settings below that config.lua
-- does not define keep the default given here.

local settings = config.review or {}
local function setting(name, default)
  local v = settings[name]
  if v == nil then return default end
  return v
end

-- A change from one year with data to the next by more than this factor (×2 or ÷2) ...
local JUMP_FACTOR = setting("jump_factor", 2)
-- ... and by at least this many workers (from 3 to 7 is ×2.3 but only 4 workers: small
-- counts move by large factors without anything being wrong).
local JUMP_MIN_CHANGE = setting("jump_min_change", 10)
-- This many consecutive values (years with data) exactly equal ...
local FLAT_YEARS = setting("flat_years", 4)
-- ... of at least this value (a cadre of 3 workers may well stay at 3 for years).
local FLAT_MIN_VALUE = setting("flat_min_value", 20)
-- A ratio per 100,000 more than this many MADs from the median of its comparison group.
local MAD_LIMIT = setting("mad_limit", 3)
-- The MAD used is at least this share of the group median, so that a group whose
-- countries happen to be close together does not flag every country a little apart.
local MAD_FLOOR = setting("mad_floor", 0.25)
-- Groups with fewer countries with a ratio that year are not compared.
local MIN_GROUP = setting("min_group", 5)
-- "log" compares the logarithms of the ratios, "linear" the ratios themselves (see the
-- outlier rule).
local OUTLIER_SCALE = setting("outlier_scale", "log")
-- Most graduates per institution per year that are plausible, by level.
local GRADUATES_PER_INSTITUTION = setting("graduates_per_institution", {
  certificate = 500, diploma = 500, bachelor = 500, master = 300, doctorate = 50,
})

-- ---- helpers -------------------------------------------------------------------------

-- A figure for a message: integers without decimals, others with one.
local function num(v)
  if math.type(v) == "integer" or v == math.floor(v) then
    return string.format("%d", math.floor(v))
  end
  return string.format("%.1f", v)
end

local function add(out, finding)
  out[#out + 1] = finding
  return out
end

-- The workforce rows with a count, as series per "cadre/sector" key: key → array of
-- { year, value, line } in year order (the view's rows are sorted by year), and the keys
-- in the order they first appear.
local function workforce_series(c)
  local by, keys = {}, {}
  for _, row in ipairs(c.workforce) do
    if row.count ~= nil then
      local key = row.cadre .. "/" .. row.sector
      local s = by[key]
      if s == nil then
        s = {}
        by[key] = s
        keys[#keys + 1] = key
      end
      s[#s + 1] = { year = row.year, value = row.count, line = row.line }
    end
  end
  return by, keys
end

-- The country total per year with data: array of { year, value, line } where line is the
-- year's first row with a count in the file (the view's rows are in vocabulary order).
local function total_series(c)
  local s = {}
  for _, row in ipairs(c.workforce) do
    if row.count ~= nil then
      local last = s[#s]
      if last ~= nil and last.year == row.year then
        last.value = last.value + row.count
        last.line = math.min(last.line, row.line)
      else
        s[#s + 1] = { year = row.year, value = row.count, line = row.line }
      end
    end
  end
  return s
end

-- The graduates per level: level → array of { year, value, line }.
local function graduate_series(c)
  local by, keys = {}, {}
  for _, row in ipairs(c.education) do
    if row.graduates ~= nil then
      local s = by[row.level]
      if s == nil then
        s = {}
        by[row.level] = s
        keys[#keys + 1] = row.level
      end
      s[#s + 1] = { year = row.year, value = row.graduates, line = row.line }
    end
  end
  return by, keys
end

-- b / a, with a change from or to 0 as an infinite factor; 1 when both are 0.
local function factor(a, b)
  if a == 0 and b == 0 then return 1 end
  if a == 0 or b == 0 then return math.huge end
  return b / a
end

local function beyond(f)
  return f > JUMP_FACTOR or f < 1 / JUMP_FACTOR
end

-- "rose from 120 in 2018 (line 1200) to 480 in 2019 (×4.0)"
local function change_text(a, b, fmt)
  fmt = fmt or num
  local f = factor(a.value, b.value)
  local how = b.value > a.value and "rose" or "fell"
  local times = ""
  if f ~= math.huge then
    times = b.value > a.value and string.format(" (×%.1f)", f) or string.format(" (÷%.1f)", 1 / f)
  end
  local where = a.line and string.format(" (line %d)", a.line) or ""
  return string.format("%s from %s in %d%s to %s in %d%s", how, fmt(a.value), a.year, where,
                       fmt(b.value), b.year, times)
end

local function row_key(tbl, row)
  if tbl == "workforce" then return row.cadre .. "/" .. row.sector end
  if tbl == "education" then return row.level end
  return row.item
end

-- ---- 1. jumps ------------------------------------------------------------------------

rule {
  id          = "jump",
  description = "A count (each cadre × sector row, and the country total) that rises or "
             .. "falls by more than jump_factor (×2 / ÷2) from one year with data to the "
             .. "next, by at least jump_min_change workers; and the ratio per 100,000 doing "
             .. "so while the total does not (then the population is the suspect). The "
             .. "finding points at the later year's row and names the earlier one.",
  check       = function(c, done)
    local out = {}
    local by, keys = workforce_series(c)
    for _, key in ipairs(keys) do
      local s = by[key]
      for i = 2, #s do
        local a, b = s[i - 1], s[i]
        if beyond(factor(a.value, b.value)) and math.abs(b.value - a.value) >= JUMP_MIN_CHANGE then
          add(out, { table = "workforce", line = b.line, year = b.year, key = key,
                     column = "count",
                     message = "count of " .. key .. " " .. change_text(a, b) })
        end
      end
    end
    local total = total_series(c)
    local total_at = {}
    for i = 1, #total do
      total_at[total[i].year] = total[i].value
      if i > 1 then
        local a, b = total[i - 1], total[i]
        if beyond(factor(a.value, b.value)) and math.abs(b.value - a.value) >= JUMP_MIN_CHANGE then
          add(out, { table = "workforce", line = b.line, year = b.year, key = "total",
                     column = "count",
                     message = "total of the workers (all rows of the year) " .. change_text(a, b) })
        end
      end
    end
    -- The ratio: only when the total did not move as much, i.e. the population did.
    local ratio = done.ratio_per_100k or {}
    local years = series.years(ratio)
    for i = 2, #years do
      local y0, y1 = years[i - 1], years[i]
      local rf = factor(ratio[y0], ratio[y1])
      local tf = factor(total_at[y0] or 0, total_at[y1] or 0)
      if beyond(rf) and not beyond(tf) then
        add(out, { table = "population", line = c.population_line[y1], year = y1,
                   key = "ratio_per_100k", column = "population",
                   message = string.format(
                     "workers per 100,000 %s while the count of workers changed only ×%.2f: "
                     .. "check the population of %d (line %d) and %d",
                     change_text({ year = y0, value = ratio[y0] }, { year = y1, value = ratio[y1] },
                                 function(v) return string.format("%.1f", v) end),
                     tf, y0, c.population_line[y0], y1) })
      end
    end
    return out
  end,
}

-- ---- 2. flat series ------------------------------------------------------------------

-- Runs of at least FLAT_YEARS equal values (of at least FLAT_MIN_VALUE) in s.
local function flat_runs(s, found)
  local i = 1
  while i <= #s do
    local j = i
    while j < #s and s[j + 1].value == s[i].value do j = j + 1 end
    local n = j - i + 1
    if n >= FLAT_YEARS and s[i].value >= FLAT_MIN_VALUE then found(s[i], s[j], n) end
    i = j + 1
  end
end

rule {
  id          = "flat",
  description = "A series that stays exactly the same for flat_years or more consecutive "
             .. "years with data (each cadre × sector count, the country total, the "
             .. "graduates of each level): figures copied from one year to the next. Values "
             .. "below flat_min_value are left alone (small counts repeat naturally). The "
             .. "finding points at the last row of the run.",
  check       = function(c)
    local out = {}
    local function series_runs(s, tbl, key, column, what)
      flat_runs(s, function(first, last, n)
        add(out, { table = tbl, line = last.line, year = last.year, key = key, column = column,
                   message = string.format(
                     "%s is %s in each of the %d years with data from %d to %d (first on line "
                     .. "%d): copied from year to year?", what, num(first.value), n, first.year,
                     last.year, first.line) })
      end)
    end
    local by, keys = workforce_series(c)
    for _, key in ipairs(keys) do
      series_runs(by[key], "workforce", key, "count", "count of " .. key)
    end
    series_runs(total_series(c), "workforce", "total", "count",
                "total of the workers (all rows of the year)")
    local grads, levels = graduate_series(c)
    for _, level in ipairs(levels) do
      series_runs(grads[level], "education", level, "graduates", level .. " graduates")
    end
    return out
  end,
}

-- ---- 3. outliers in the comparison group ----------------------------------------------

-- group (or false for the world) → year → array of ratios; built once per run (`all` is
-- the same table for every call of a run), like 90_compare.lua does.
local cache = setmetatable({}, { __mode = "k" })
local function group_lists(all, group)
  local per_all = cache[all]
  if per_all == nil then
    per_all = {}
    cache[all] = per_all
    for _, entry in ipairs(all) do
      local s = entry.results and entry.results.ratio_per_100k
      if not entry.failed and s ~= nil then
        local lists = per_all[entry.group] or {}
        per_all[entry.group] = lists
        for y, v in pairs(s) do
          local list = lists[y] or {}
          lists[y] = list
          list[#list + 1] = v
        end
      end
    end
  end
  return per_all[group] or {}
end

local function scaled(v)
  if OUTLIER_SCALE == "log" then return math.log(math.max(v, 0.01)) end
  return v
end

-- Why the log scale by default: ratios are skewed (0.7 to 93 per 100,000 in the shipped
-- data), and on the plain scale a ratio can hardly be mad_limit MADs *below* a median that
-- is close to 0, so too-low figures (a cadre left out, a partial count) would never be
-- flagged, only the long upper tail. On the log scale "far" means a factor, both ways.
-- The MAD used is at least mad_floor (log scale) or mad_floor × the median (linear).
rule {
  id          = "outlier",
  description = "A ratio per 100,000 far from those of the other countries of its "
             .. "comparison group (intermediate region, else sub-region) that year: more "
             .. "than mad_limit MADs (median absolute deviations) from the group median, on "
             .. "the log scale (\"far\" means a factor, above or below). Groups with fewer "
             .. "than min_group countries with a ratio are not compared. Consecutive years "
             .. "flagged the same way make one finding, at the latest of them.",
  check       = function(c, done, all)
    local out = {}
    local lists = group_lists(all, c.group)
    local line_of = {}
    for _, p in ipairs(total_series(c)) do line_of[p.year] = p.line end
    -- Flagged years, in order; a run of consecutive years with data flagged the same way
    -- (above or below) becomes one finding, at its latest year.
    local run = nil
    local function flush()
      if run == nil then return end
      local last = run[#run]
      local also = ""
      if #run > 1 then
        also = string.format("; so in each of the %d years with data since %d", #run, run[1].year)
      end
      add(out, { table = "workforce", line = line_of[last.year], year = last.year,
                 key = "ratio_per_100k", column = "count",
                 message = string.format(
                   "%.1f workers per 100,000 in %d is far %s the median of %s (%.1f, %d "
                   .. "countries): %.1f MADs away, more than %s%s", last.x, last.year,
                   last.above and "above" or "below", c.group, last.median, last.n, last.mads,
                   num(MAD_LIMIT), also) })
      run = nil
    end
    for _, y in ipairs(series.years(done.ratio_per_100k or {})) do
      local x = done.ratio_per_100k[y]
      local list = lists[y] or {}
      local flagged = nil
      if #list >= MIN_GROUP then
        local values = {}
        for i, v in ipairs(list) do values[i] = scaled(v) end
        local med = stats.median(values)
        local floor = OUTLIER_SCALE == "log" and MAD_FLOOR or MAD_FLOOR * math.abs(med)
        local mad = math.max(stats.mad(values), floor)
        local d = scaled(x) - med
        if math.abs(d) > MAD_LIMIT * mad then
          flagged = { year = y, x = x, above = d > 0, median = stats.median(list), n = #list,
                      mads = math.abs(d) / mad }
        end
      end
      if run ~= nil and (flagged == nil or flagged.above ~= run[1].above) then flush() end
      if flagged ~= nil then
        run = run or {}
        run[#run + 1] = flagged
      end
    end
    flush()
    return out
  end,
}

-- ---- 4. totals that do not add up --------------------------------------------------------

-- year → cadre → { unspecified = row or nil, split = Σ government + non_government or nil,
-- first = first split row }.
local function cadre_years(c)
  local years, order = {}, {}
  for _, row in ipairs(c.workforce) do
    if row.count ~= nil then
      local y = years[row.year]
      if y == nil then
        y = { cadres = {}, order = {} }
        years[row.year] = y
        order[#order + 1] = row.year
      end
      local t = y.cadres[row.cadre]
      if t == nil then
        t = {}
        y.cadres[row.cadre] = t
        y.order[#y.order + 1] = row.cadre
      end
      if row.sector == "unspecified" then
        t.unspecified = row
      else
        t.split = (t.split or 0) + row.count
        t.first = t.first or row
      end
    end
  end
  return years, order
end

-- A cadre's total for the year: its sector-unspecified row, else its sector split.
local function cadre_total(t)
  if t.unspecified ~= nil then return t.unspecified.count, t.unspecified end
  return t.split, t.first
end

rule {
  id          = "cadre_sum",
  description = "A year with both a published total (cadre \"unspecified\") and rows for "
             .. "specific cadres: the cadres adding up to more than the published total, "
             .. "or — when they do not — the workforce total counting the same workers "
             .. "twice (the indicators add every row of the year). Points at the published "
             .. "total's row.",
  check       = function(c)
    local out = {}
    local years, order = cadre_years(c)
    for _, year in ipairs(order) do
      local y = years[year]
      local published = y.cadres.unspecified
      if published ~= nil then
        local pub, pub_row = cadre_total(published)
        local sum, n = 0, 0
        for _, cadre in ipairs(y.order) do
          if cadre ~= "unspecified" then
            sum = sum + cadre_total(y.cadres[cadre])
            n = n + 1
          end
        end
        if n > 0 then
          local msg
          if sum > pub then
            msg = string.format("the %d cadres add up to %s in %d, more than the published "
                                .. "total of %s (cadre unspecified)", n, num(sum), year, num(pub))
          else
            msg = string.format("a published total of %s (cadre unspecified) and %d cadres "
                                .. "adding up to %s in %d: the workforce total counts both (%s)",
                                num(pub), n, num(sum), year, num(pub + sum))
          end
          add(out, { table = "workforce", line = pub_row.line, year = year,
                     key = "unspecified/" .. pub_row.sector, column = "count", message = msg })
        end
      end
    end
    return out
  end,
}

rule {
  id          = "sector_sum",
  description = "A cadre and year with both a total without sector (sector \"unspecified\") "
             .. "and government / non-government rows: the sectors adding up to more than "
             .. "the total, or — when they do not — the same workers counted twice. Points "
             .. "at the sector-unspecified row.",
  check       = function(c)
    local out = {}
    local years, order = cadre_years(c)
    for _, year in ipairs(order) do
      local y = years[year]
      for _, cadre in ipairs(y.order) do
        local t = y.cadres[cadre]
        if t.unspecified ~= nil and t.split ~= nil then
          local tot = t.unspecified.count
          local msg
          if t.split > tot then
            msg = string.format("government and non-government %s add up to %s in %d, more "
                                .. "than the total of %s given with sector unspecified", cadre,
                                num(t.split), year, num(tot))
          else
            msg = string.format("%s in %d has a total of %s with sector unspecified and a "
                                .. "government / non-government split of %s: the workforce "
                                .. "total counts both (%s)", cadre, year, num(tot), num(t.split),
                                num(tot + t.split))
          end
          add(out, { table = "workforce", line = t.unspecified.line, year = year,
                     key = cadre .. "/unspecified", column = "count", message = msg })
        end
      end
    end
    return out
  end,
}

-- ---- 5. shares above 100 % ----------------------------------------------------------------
--
-- No rule: no input figure is a share. The datasets hold head counts, population,
-- institutions, graduates and statuses; every percentage of the report (government share,
-- completeness, capacity scores) is computed from counts and cannot exceed 100 %. The two
-- relations between inputs that would make a share exceed 100 % are errors the loader
-- already reports: children aged 0–14 more than the population, and workers more than the
-- population. A share column added to a dataset should get a rule here.

-- ---- 6. education ---------------------------------------------------------------------------

rule {
  id          = "graduates_high",
  description = "More graduates per institution in a year than is plausible for the level "
             .. "(graduates_per_institution: 500 at certificate, diploma and bachelor level, "
             .. "300 at master level, 50 at doctorate level).",
  check       = function(c)
    local out = {}
    for _, row in ipairs(c.education) do
      local limit = GRADUATES_PER_INSTITUTION[row.level]
      local i, g = row.institutions, row.graduates
      if limit ~= nil and i ~= nil and i > 0 and g ~= nil and g / i > limit then
        add(out, { table = "education", line = row.line, year = row.year, key = row.level,
                   column = "graduates",
                   message = string.format(
                     "%s %s graduates from %s institution%s in %d: %s per institution, more "
                     .. "than %s", num(g), row.level, num(i), i == 1 and "" or "s", row.year,
                     num(math.floor(g / i + 0.5)), num(limit)) })
      end
    end
    return out
  end,
}

rule {
  id          = "graduates_missing",
  description = "Institutions reported at a level (more than 0) but the graduates of the "
             .. "year left empty.",
  check       = function(c)
    local out = {}
    for _, row in ipairs(c.education) do
      if row.institutions ~= nil and row.institutions > 0 and row.graduates == nil then
        add(out, { table = "education", line = row.line, year = row.year, key = row.level,
                   column = "graduates",
                   message = string.format("%s institution%s at %s level in %d but no number "
                                           .. "of graduates", num(row.institutions),
                                           row.institutions == 1 and "" or "s", row.level,
                                           row.year) })
      end
    end
    return out
  end,
}

rule {
  id          = "graduates_without_institution",
  -- (an empty institutions cell is a data error, reported by the loader)
  description = "Graduates at a level in a year where the number of institutions is 0.",
  check       = function(c)
    local out = {}
    for _, row in ipairs(c.education) do
      if row.graduates ~= nil and row.graduates > 0 and row.institutions == 0 then
        add(out, { table = "education", line = row.line, year = row.year, key = row.level,
                   column = "institutions",
                   message = string.format("%s %s graduates in %d but 0 institutions",
                                           num(row.graduates), row.level, row.year) })
      end
    end
    return out
  end,
}

-- ---- 7. sources ---------------------------------------------------------------------------

local SOURCED = { "workforce", "education", "system" }

local function what(tbl, row)
  if tbl == "workforce" then return "the " .. row.cadre .. "/" .. row.sector .. " count" end
  if tbl == "education" then return "the " .. row.level .. " figures" end
  return "the status of " .. row.item
end

rule {
  id          = "source_missing",
  description = "A workforce, education or capacity-grid row with an empty source: every "
             .. "published figure needs its source (or \"illustrative\").",
  check       = function(c)
    local out = {}
    for _, tbl in ipairs(SOURCED) do
      for _, row in ipairs(c[tbl]) do
        if row.source == nil or row.source:match("^%s*$") then
          add(out, { table = tbl, line = row.line, year = row.year, key = row_key(tbl, row),
                     column = "source",
                     message = string.format("no source for %s of %d", what(tbl, row), row.year) })
        end
      end
    end
    return out
  end,
}

rule {
  id          = "illustrative_mix",
  description = "A row marked illustrative in a year where other rows of the same table for "
             .. "the country have a real source: the year's figures mix real and made-up "
             .. "data (a published figure was added without replacing the illustrative ones).",
  check       = function(c)
    local out = {}
    for _, tbl in ipairs(SOURCED) do
      local official = {}    -- year → { n, first source }
      for _, row in ipairs(c[tbl]) do
        if not row.illustrative and row.source ~= nil and not row.source:match("^%s*$") then
          local o = official[row.year] or { n = 0, source = row.source }
          official[row.year] = o
          o.n = o.n + 1
        end
      end
      for _, row in ipairs(c[tbl]) do
        local o = official[row.year]
        if row.illustrative and o ~= nil then
          add(out, { table = tbl, line = row.line, year = row.year, key = row_key(tbl, row),
                     column = "source",
                     message = string.format(
                       "%s of %d is illustrative while %d other %s row%s of %d %s a real "
                       .. "source (%s)", what(tbl, row), row.year, o.n, tbl, o.n == 1 and "" or "s",
                       row.year, o.n == 1 and "has" or "have", o.source) })
        end
      end
    end
    return out
  end,
}

-- ---- 8. published reference figures --------------------------------------------------------
--
-- datasets/published.csv holds figures published elsewhere (WHO National Health Workforce
-- Accounts, regulators' registers, statistics offices, ministries). Their `cadre` column is a
-- definition ("Registered social workers, England only ..."), not one of cadres.csv's ids,
-- and definitions differ: a register counts people licensed, a labour-force count people
-- employed, ISCO-08 2635 includes counsellors, WHO's figures often cover the health sector
-- only. So a published count is compared only with the dataset figure its definition
-- matches, by the patterns below (on the lower-cased definition; the first that matches
-- decides): `cadre` is a cadres.csv id, or "total" for every cadre together; `skip` marks
-- definitions that match no dataset figure. `says` is what the message adds about the
-- difference of definitions, when the message has room for it (a finding's message holds
-- at most 300 characters, and the published definition is quoted whole).
local COMPARABLE = setting("published_comparable", {
  { find = "student",   skip = true },   -- members or registers that include students
  { find = "graduat",   skip = true },   -- graduates, not workers
  { find = "member",    skip = true },   -- members of an association
  { find = "cumulative", skip = true },  -- trained or certified since a year, not a stock
  { find = "volunteer", skip = true },
  { find = "broad",     skip = true },   -- broad national definitions (care, early childhood)
  { find = "occupations", skip = true }, -- whole occupational groups
  { find = "degree",    skip = true },   -- people holding a degree, in any job
  { find = " only",     skip = true },   -- one part of the country (England only)
  { find = "isco%-08 2635", cadre = "social_worker", says = "2635 includes counsellors" },
  { find = "isco%-08 3412", cadre = "para_social_worker" },   -- associate professionals
  { find = "noc 4212", cadre = "para_social_worker" },        -- a para-professional cadre
  { find = "para",      cadre = "para_social_worker" },
  { find = "child protection", cadre = "child_protection_officer" },
  { find = "social service worker", cadre = "total" },
  { find = "regist",    cadre = "social_worker", says = "a register counts people licensed, not employed" },
  { find = "certif",    cadre = "social_worker", says = "counts people certified, not employed" },
  { find = "social worker", cadre = "social_worker" },
})
-- A dataset figure more than this factor above or below the published count is flagged.
local PUBLISHED_FACTOR = setting("published_factor", 2)
-- A published count of a year without dataset figures is compared with the closest year
-- that has them, at most this many years away.
local PUBLISHED_YEARS = setting("published_years", 2)
-- The units that are head counts, and what they multiply the value by.
local HEAD_COUNT_UNITS = { ["persons"] = 1, ["thousand persons"] = 1000 }

local function comparable(definition)
  local d = definition:lower()
  for _, m in ipairs(COMPARABLE) do
    if d:find(m.find) then
      if m.skip then return nil end
      return m
    end
  end
  return nil
end

-- year → { value, line, illustrative } of a cadre ("total": every row of the year).
local function dataset_figures(c, cadre)
  local by = {}
  for _, row in ipairs(c.workforce) do
    if row.count ~= nil and (cadre == "total" or row.cadre == cadre) then
      local f = by[row.year]
      if f == nil then
        f = { value = 0, line = row.line, illustrative = true }
        by[row.year] = f
      end
      f.value = f.value + row.count
      f.line = math.min(f.line, row.line)
      f.illustrative = f.illustrative and row.illustrative
    end
  end
  return by
end

-- The year of `by` closest to `year` (the earlier one on a tie), within PUBLISHED_YEARS.
local function closest_year(by, year)
  for d = 0, PUBLISHED_YEARS do
    if by[year - d] ~= nil then return year - d end
    if by[year + d] ~= nil then return year + d end
  end
  return nil
end

rule {
  id          = "published_gap",
  description = "A dataset figure far from a published count of a comparable cadre "
             .. "(datasets/published.csv): more than published_factor times above or below "
             .. "it, in the same year or the closest year with data (at most published_years "
             .. "away). Only head counts whose definition matches a dataset cadre are compared "
             .. "(COMPARABLE in review.lua); the message says what each side counts, so the "
             .. "difference can be told from a difference of definitions.",
  check       = function(c)
    local out = {}
    local figures = {}   -- cadre → dataset_figures, made once
    for _, p in ipairs(c.published) do
      local m = comparable(p.cadre)
      local scale = HEAD_COUNT_UNITS[p.unit]
      if p.measure == "count" and m ~= nil and scale ~= nil then
        local by = figures[m.cadre]
        if by == nil then
          by = dataset_figures(c, m.cadre)
          figures[m.cadre] = by
        end
        local year = closest_year(by, p.year)
        local published = p.value * scale
        if year ~= nil and published > 0 then
          local f = by[year]
          local ratio = f.value / published
          if ratio > PUBLISHED_FACTOR or ratio < 1 / PUBLISHED_FACTOR then
            local side = m.cadre == "total" and "all cadres of cadres.csv"
                         or ("cadre " .. m.cadre .. " of cadres.csv")
            local how
            if f.value == 0 then
              how = "none in the datasets"
            elseif ratio > 1 then
              how = string.format("×%.1f in the datasets", ratio)
            else
              how = string.format("÷%.1f in the datasets", 1 / ratio)
            end
            local message = string.format(
              "%s in %d (%s, %s) against %s published for %d (%s): \"%s\", published.csv line %d",
              num(f.value), year, side, f.illustrative and "illustrative" or "sourced",
              num(published), p.year, how, p.cadre, p.line)
            if m.says and #message + #m.says + 2 <= 298 then message = message .. "; " .. m.says end
            add(out, { table = "workforce", line = f.line, year = year, key = m.cadre,
                       column = "count", message = message })
          end
        end
      end
    end
    return out
  end,
}
