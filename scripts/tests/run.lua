-- run.lua — runs the library tests with the stock interpreter:
--
--     lua5.4 scripts/tests/run.lua        (from the repository root)
--
-- Loads lib/*.lua the way the host does (name order, each file's table becomes a global
-- named after the file), then every tests/test_*.lua. Prints one line per failed check and
-- ends with "N passed, N failed"; exit status 1 if anything failed.

local here = (arg and arg[0] or ""):match("^(.*)[/\\][^/\\]*$") or "."
local scripts = here .. "/.."

-- Lua files of a directory, sorted by name (the stock interpreter may list directories).
local function lua_files(dir, prefix)
  local out = {}
  local ls = assert(io.popen('ls -1 "' .. dir .. '"'))
  for name in ls:lines() do
    if name:match("%.lua$") and name:sub(1, #(prefix or "")) == (prefix or "") then
      out[#out + 1] = name
    end
  end
  ls:close()
  table.sort(out)
  return out
end

-- The libraries are loaded into an environment shaped like the host's sandbox, so a test
-- run also catches a library that uses io, require, rawset, string.dump and the like.
-- All of them are loaded before any is published, as in the host: a library may use
-- another one only at call time, never while it loads.
local function sandbox_env()
  local env = {}
  for _, name in ipairs({ "assert", "error", "getmetatable", "ipairs", "load", "next",
      "pairs", "pcall", "print", "rawget", "rawlen", "select", "setmetatable", "tonumber",
      "tostring", "type", "xpcall", "_VERSION", "math", "table", "utf8" }) do
    env[name] = _G[name]
  end
  env.string = {}
  for k, v in pairs(string) do
    if k ~= "dump" then env.string[k] = v end
  end
  env.os = { time = os.time, date = os.date, clock = os.clock }
  env._G = env
  return env
end

local env = sandbox_env()
local libs = {}
for _, file in ipairs(lua_files(scripts .. "/lib")) do
  local chunk = assert(loadfile(scripts .. "/lib/" .. file, "t", env))
  libs[#libs + 1] = { name = file:gsub("%.lua$", ""), value = chunk() }
end
for _, lib in ipairs(libs) do
  assert(type(lib.value) == "table", "lib/" .. lib.name .. ".lua must return a table")
  env[lib.name] = lib.value
  _G[lib.name] = lib.value  -- the tests themselves run in the normal global environment
end

local t = dofile(here .. "/harness.lua")
for _, file in ipairs(lua_files(here, "test_")) do
  t.test(file, function() assert(loadfile(here .. "/" .. file))(t) end)
end

print(("%d passed, %d failed"):format(t.passed, t.failed))
if t.failed > 0 then os.exit(1) end
