-- harness.lua — a minimal test harness for the library tests (stock lua5.4, no sandbox).
-- Returns a table with check functions; failures are printed one per line and counted.

local harness = { passed = 0, failed = 0 }

local current = "?"  -- name of the test being run, for the failure lines

-- Two values agree if they are equal, or both numbers within `tol` (default 1e-9, relative
-- for large magnitudes).
local function close(a, b, tol)
  if a == b then return true end
  if type(a) ~= "number" or type(b) ~= "number" then return false end
  tol = tol or 1e-9
  return math.abs(a - b) <= tol * math.max(1, math.abs(a), math.abs(b))
end

local function record(ok, what)
  if ok then
    harness.passed = harness.passed + 1
  else
    harness.failed = harness.failed + 1
    print(("FAIL %s: %s"):format(current, what))
  end
end

-- Run fn as the test `name`; an error inside it counts as one failure.
-- Tests may nest (run.lua runs each file as a test holding the file's tests).
function harness.test(name, fn)
  local outer = current
  current = name
  local ok, err = pcall(fn)
  if not ok then record(false, "error: " .. tostring(err)) end
  current = outer
end

-- actual equals expected (numbers within tol).
function harness.eq(actual, expected, what, tol)
  record(close(actual, expected, tol),
    ("%s: expected %s, got %s"):format(what or "value", tostring(expected), tostring(actual)))
end

-- value is nil.
function harness.is_nil(actual, what)
  record(actual == nil, ("%s: expected nil, got %s"):format(what or "value", tostring(actual)))
end

-- Two arrays or year→value tables hold the same keys and values.
function harness.same(actual, expected, what, tol)
  local ok = type(actual) == "table"
  if ok then
    for k, v in pairs(expected) do ok = ok and close(actual[k], v, tol) end
    for k in pairs(actual) do ok = ok and expected[k] ~= nil end
  end
  local function show(t)
    if type(t) ~= "table" then return tostring(t) end
    local keys, parts = {}, {}
    for k in pairs(t) do keys[#keys + 1] = k end
    table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)
    for _, k in ipairs(keys) do parts[#parts + 1] = tostring(k) .. "=" .. tostring(t[k]) end
    return "{" .. table.concat(parts, ", ") .. "}"
  end
  record(ok, ("%s: expected %s, got %s"):format(what or "table", show(expected), show(actual)))
end

-- fn(...) raises an error.
function harness.raises(fn, what)
  record(not pcall(fn), (what or "call") .. ": expected an error")
end

return harness
