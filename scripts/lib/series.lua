-- series.lua — helpers on year→value tables ("series"), available as the global `series`.
--
-- A series is a table { [2015] = 12.5, [2017] = 13.1 }: years without a value are simply
-- absent (nil), never 0. Arguments may be plain tables or the host's read-only views
-- (c.population, done.workforce_total, ...): they are only read, with `pairs` and
-- indexing, and every function that builds a series returns a new plain table.

local series = {}

-- Sorted array of the years that have a value.
function series.years(s)
  local ys = {}
  for y in pairs(s) do
    if math.type(y) ~= "integer" then
      error("series: year keys must be integers, got " .. tostring(y), 2)
    end
    ys[#ys + 1] = y
  end
  table.sort(ys)
  return ys
end

-- Earliest year with a value and that value → year, value; nil for an empty series.
function series.first(s)
  local y
  for k in pairs(s) do
    if y == nil or k < y then y = k end
  end
  if y == nil then return nil end
  return y, s[y]
end

-- Latest year with a value and that value → year, value; nil for an empty series.
function series.last(s)
  local y
  for k in pairs(s) do
    if y == nil or k > y then y = k end
  end
  if y == nil then return nil end
  return y, s[y]
end

-- New series with f(value, year) for every year; years where f returns nil stay absent.
function series.map(s, f)
  local out = {}
  for y, v in pairs(s) do out[y] = f(v, y) end
  return out
end

-- New series with f(a[year], b[year], year) for the years present in both a and b.
function series.combine(a, b, f)
  local out = {}
  for y, va in pairs(a) do
    local vb = b[y]
    if vb ~= nil then out[y] = f(va, vb, y) end
  end
  return out
end

-- Latest year <= `year` that has a value, and that value → year, value; nil if none.
function series.at_or_before(s, year)
  local best
  for k in pairs(s) do
    if k <= year and (best == nil or k > best) then best = k end
  end
  if best == nil then return nil end
  return best, s[best]
end

return series
