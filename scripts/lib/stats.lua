-- stats.lua — pure numeric helpers, available to the indicators as the global `stats`.
--
-- Conventions, shared by every function here:
--   * a missing value is nil, never 0, and any calculation that needs a missing value
--     returns nil rather than guessing;
--   * "list" arguments may be plain tables or the host's read-only views, and may have
--     holes: they are walked with `pairs`, so nils are simply skipped (order is irrelevant
--     for the functions that take a list);
--   * nothing here reads or writes globals or its arguments.

local stats = {}

-- The non-nil values of a list (array with holes, year→value table or view), as a new array.
local function values(list)
  local out = {}
  for _, v in pairs(list) do
    if type(v) ~= "number" then
      error("stats: expected numbers in the list, got a " .. type(v), 3)
    end
    out[#out + 1] = v
  end
  return out
end

-- a / b × scale (scale defaults to 1); nil if a or b is nil or b is 0.
function stats.ratio(a, b, scale)
  if a == nil or b == nil or b == 0 then return nil end
  return a / b * (scale or 1)
end

-- n per 100,000 of pop; nil if either is missing or pop is 0.
function stats.per_100k(n, pop)
  return stats.ratio(n, pop, 100000)
end

-- "1 worker per N people": pop / n; nil if n is nil or 0 or pop is nil.
function stats.one_in_n(n, pop)
  return stats.ratio(pop, n)
end

-- part as a percentage of whole; nil if either is missing or whole is 0.
function stats.share(part, whole)
  return stats.ratio(part, whole, 100)
end

-- Percent change from `from` to `to`, relative to |from|; nil if either is missing or from is 0.
function stats.pct_change(from, to)
  if from == nil or to == nil or from == 0 then return nil end
  return (to - from) / math.abs(from) * 100
end

-- Compound annual growth rate from v0 to v1 over `years` years, in percent per year.
-- nil when a value is missing, v0 <= 0, v1 < 0 or years <= 0; v1 = 0 gives -100.
function stats.cagr(v0, v1, years)
  if v0 == nil or v1 == nil or years == nil then return nil end
  if v0 <= 0 or v1 < 0 or years <= 0 then return nil end
  return ((v1 / v0) ^ (1 / years) - 1) * 100
end

-- Ordinary least squares line through the points (xs[i], ys[i]) → slope, intercept.
-- xs and ys are parallel arrays without holes; nil with fewer than 2 points or all x equal.
function stats.linear_fit(xs, ys)
  local n = #xs
  if #ys ~= n then error("stats.linear_fit: xs and ys differ in length", 2) end
  if n < 2 then return nil end
  local sx, sy = 0, 0
  for i = 1, n do sx, sy = sx + xs[i], sy + ys[i] end
  local mx, my = sx / n, sy / n
  -- Centre on the means: with x = years (~2015) the raw sums of squares lose precision.
  local sxx, sxy = 0, 0
  for i = 1, n do
    local dx = xs[i] - mx
    sxx = sxx + dx * dx
    sxy = sxy + dx * (ys[i] - my)
  end
  if sxx == 0 then return nil end
  local slope = sxy / sxx
  return slope, my - slope * mx
end

-- Value of the line slope·x + intercept at x; nil if any argument is missing.
function stats.project(slope, intercept, x)
  if slope == nil or intercept == nil or x == nil then return nil end
  return intercept + slope * x
end

-- Yearly percent growth needed to go from current to target in `years` years (the CAGR
-- between them). Honest about the sign: 0 when current = target, negative when current is
-- already above target (the decline that would still meet it). nil when an argument is
-- missing, current <= 0 (no finite rate starts from zero), target < 0 or years <= 0.
function stats.growth_needed(current, target, years)
  return stats.cagr(current, target, years)
end

-- Median of the non-nil values of a list; nil for an empty list. Even counts average the
-- two middle values.
function stats.median(list)
  local v = values(list)
  local n = #v
  if n == 0 then return nil end
  table.sort(v)
  if n % 2 == 1 then return v[(n + 1) // 2] end
  return (v[n // 2] + v[n // 2 + 1]) / 2
end

-- Median absolute deviation from the median (raw, not scaled by 1.4826); nil if empty.
function stats.mad(list)
  local m = stats.median(list)
  if m == nil then return nil end
  local dev = {}
  for i, v in ipairs(values(list)) do dev[i] = math.abs(v - m) end
  return stats.median(dev)
end

-- Rank of value among the non-nil values of list: 1 + how many are strictly better, so ties
-- share the best rank. descending = true: 1 is the highest; otherwise 1 is the lowest.
-- value need not be in the list. nil if value is nil.
function stats.rank(value, list, descending)
  if value == nil then return nil end
  local better = 0
  for _, v in ipairs(values(list)) do
    if (descending and v > value) or (not descending and v < value) then
      better = better + 1
    end
  end
  return better + 1
end

-- Sum of the non-nil values of a list; nil when there are none (empty or all nil).
function stats.sum(list)
  local total
  for _, v in ipairs(values(list)) do total = (total or 0) + v end
  return total
end

-- x rounded to `decimals` places (default 0), halves away from zero; nil if x is nil.
-- Rounds x × 10^decimals as computed in floating point, not the exact binary value of x:
-- round(2.675, 2) is 2.68 and round(0.15, 1) is 0.2, although 2.675 and 0.15 are stored
-- as 2.67499… and 0.14999… (the product comes out as exactly 267.5 and 1.5).
function stats.round(x, decimals)
  if x == nil then return nil end
  local m = 10 ^ (decimals or 0)
  local r = math.floor(math.abs(x) * m + 0.5) / m
  if x < 0 and r ~= 0 then r = -r end  -- no "-0" for small negatives
  return r
end

return stats
