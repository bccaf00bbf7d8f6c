-- test_series.lua — tests of lib/series.lua. Run through tests/run.lua, which sets the
-- global `series` as the host does and passes the harness `t`.

local t = ...

-- A read-only proxy like the host's data views: __index, __pairs and __len only, writes
-- fail, and `next` on it sees nothing (so a function using next() would fail these tests).
local function view(data)
  return setmetatable({}, {
    __index    = data,
    __pairs    = function() return next, data, nil end,
    __len      = function() return #data end,
    __newindex = function() error("read-only view") end,
  })
end

local function sample() return { [2016] = 5, [2014] = 3, [2019] = 8 } end

t.test("years", function()
  t.same(series.years(sample()), { 2014, 2016, 2019 }, "sorted")
  t.same(series.years({}), {}, "empty")
  t.same(series.years(view(sample())), { 2014, 2016, 2019 }, "read-only view")
  t.raises(function() series.years({ [2.5] = 1 }) end, "non-integer year")
end)

t.test("first and last", function()
  local y, v = series.first(sample())
  t.eq(y, 2014, "first year")
  t.eq(v, 3, "first value")
  y, v = series.last(sample())
  t.eq(y, 2019, "last year")
  t.eq(v, 8, "last value")
  y, v = series.first(view(sample()))
  t.eq(y, 2014, "first year of a view")
  t.eq(v, 3, "first value of a view")
  y, v = series.last(view(sample()))
  t.eq(y, 2019, "last year of a view")
  t.eq(v, 8, "last value of a view")
  t.is_nil(series.first({}), "first of empty")
  t.is_nil(series.last({}), "last of empty")
  y, v = series.first({ [2020] = 0 })
  t.eq(v, 0, "a 0 is a value")
end)

t.test("map", function()
  local s = sample()
  t.same(series.map(s, function(v) return v * 2 end),
    { [2014] = 6, [2016] = 10, [2019] = 16 }, "doubled")
  t.same(series.map(s, function(_, y) return y end),
    { [2014] = 2014, [2016] = 2016, [2019] = 2019 }, "f gets the year")
  t.same(series.map(s, function(v) if v > 4 then return v end end),
    { [2016] = 5, [2019] = 8 }, "nil results are dropped")
  t.same(s, sample(), "input untouched")
  t.same(series.map(view(sample()), function(v) return v + 1 end),
    { [2014] = 4, [2016] = 6, [2019] = 9 }, "read-only view")
  t.same(series.map({}, function(v) return v end), {}, "empty")
end)

t.test("combine", function()
  local a = { [2014] = 1, [2015] = 2, [2016] = 3 }
  local b = { [2015] = 10, [2016] = 20, [2017] = 30 }
  local add = function(x, y) return x + y end
  t.same(series.combine(a, b, add), { [2015] = 12, [2016] = 23 }, "years in both only")
  t.same(series.combine(a, b, function(_, _, y) return y end),
    { [2015] = 2015, [2016] = 2016 }, "f gets the year")
  t.same(series.combine(a, b, function(x, y) if x > 2 then return x * y end end),
    { [2016] = 60 }, "nil results are dropped")
  t.same(series.combine(view(a), view(b), add), { [2015] = 12, [2016] = 23 }, "views")
  t.same(series.combine(a, {}, add), {}, "nothing in common")
  t.same(series.combine({ [2015] = 0 }, { [2015] = 0 }, add), { [2015] = 0 }, "0 is a value")
end)

t.test("at_or_before", function()
  local s = sample()
  local y, v = series.at_or_before(s, 2017)
  t.eq(y, 2016, "gap: year before")
  t.eq(v, 5, "gap: value before")
  y, v = series.at_or_before(s, 2016)
  t.eq(y, 2016, "exact year")
  t.eq(v, 5, "exact value")
  y, v = series.at_or_before(s, 2030)
  t.eq(y, 2019, "after the end: last year")
  t.eq(v, 8, "after the end: last value")
  t.is_nil(series.at_or_before(s, 2013), "before the start")
  t.is_nil(series.at_or_before({}, 2020), "empty")
  y = series.at_or_before(view(sample()), 2015)
  t.eq(y, 2014, "read-only view")
end)

-- stats walks lists with pairs too, so it must accept views as well.
t.test("stats on views", function()
  local v = view({ [2015] = 10, [2016] = 30, [2017] = 20 })
  t.eq(stats.median(v), 20, "median of a view")
  t.eq(stats.sum(v), 60, "sum of a view")
  t.eq(stats.rank(20, v, true), 2, "rank in a view")
  t.eq(stats.mad(v), 10, "mad of a view")
end)
