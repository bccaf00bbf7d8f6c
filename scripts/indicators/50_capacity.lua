-- 50_capacity.lua — the capacity grid: how far the system that plans, develops and
-- supports the workforce is in place, scored per pillar of the Social Service Workforce
-- Strengthening Framework (planning, developing, supporting).
--
-- Scoring rule, per pillar and year with system rows:
--   score = (items "yes" + 0.5 × items "partial") / items of the pillar × 100
-- The denominator is every item of the pillar in the vocabulary, so an item that is
-- "unknown" or has no row that year counts like "no" (it is not shown to be in place).
-- If no item of the pillar has a known status (yes, partial or no) that year, the score
-- is missing rather than 0.

local POINTS = { yes = 1, partial = 0.5, no = 0 }  -- "unknown" is deliberately absent

indicator {
  id          = "capacity_score",
  label       = "Capacity score by pillar",
  description = "Share of the elements of each pillar (planning, developing, supporting "
             .. "the workforce) that are in place: in place counts fully, partly in place "
             .. "counts half, and unknown counts as not in place. No score when the status "
             .. "of every element of the pillar is unknown.",
  formula     = "(number of items \"yes\" + 0.5 × number of items \"partial\") / number of "
             .. "items of the pillar × 100",
  unit        = "score",
  decimals    = 0,
  by          = "pillar",
  phase       = 1,
  compute     = function(c)
    local size = {}     -- pillar → number of items in the vocabulary
    local pillar_of = {}
    for _, item in ipairs(c.items) do
      pillar_of[item.id] = item.pillar
      size[item.pillar] = (size[item.pillar] or 0) + 1
    end

    -- year → pillar → { points = Σ points, known = number of items with a known status }
    local tally = {}
    local seen = {}     -- "year/item" already counted: a duplicate would count twice
    for _, row in ipairs(c.system) do
      local key = row.year .. "/" .. row.item
      if seen[key] then
        error("capacity_score: two system rows for " .. row.item .. " in " .. row.year)
      end
      seen[key] = true
      local pillar = row.pillar or pillar_of[row.item]
      local points = POINTS[row.status]
      tally[row.year] = tally[row.year] or {}
      local t = tally[row.year][pillar] or { points = 0, known = 0 }
      tally[row.year][pillar] = t
      if points ~= nil then
        t.points = t.points + points
        t.known = t.known + 1
      end
    end

    local out = {}
    for _, pillar in ipairs(c.pillars) do out[pillar] = {} end
    for year, pillars in pairs(tally) do
      for pillar, t in pairs(pillars) do
        out[pillar] = out[pillar] or {}
        if t.known > 0 then
          out[pillar][year] = stats.share(t.points, size[pillar])
        end
      end
    end
    return out
  end,
}

indicator {
  id          = "capacity_status",
  label       = "Status of the elements of the capacity grid",
  description = "For each element of the capacity grid, the status reported in the year: in "
             .. "place, partly in place, not in place or unknown.",
  formula     = "1 for the status of the system row of the year and element",
  unit        = "flag",
  decimals    = 0,
  by          = "item_status",   -- keys "item/status", e.g. "budget_line/partial"
  phase       = 1,
  compute     = function(c)
    local out = {}
    for _, row in ipairs(c.system) do
      local key = row.item .. "/" .. row.status
      local s = out[key] or {}
      out[key] = s
      s[row.year] = 1
    end
    return out
  end,
}
