indicator {
  id = "zz_patterns", label = "Patterns", description = "String functions on data.",
  formula = "-", unit = "count", decimals = 0, phase = 1,
  compute = function(c, done)
    local out = {}
    for _, r in ipairs(c.workforce) do
      local src = tostring(r.source or ""):gsub("^%s*(.-)%s*$", "%1")
      local a, b = ("2015-2024"):match("(%d+)-(%d+)")
      for w in src:gmatch("%a+") do out[r.year] = (out[r.year] or 0) + #w end
      if src:find("illustr", 1, true) then out[r.year] = (out[r.year] or 0) + 1 end
      if src:find("%f[%a]ill%w*") then out[r.year] = (out[r.year] or 0) + tonumber(a) - tonumber(b) end
    end
    local s = ("a"):rep(300)
    local ok = pcall(string.find, s, ("a-"):rep(4) .. "b")
    local t = ("(x(y)z)"):match("%b()")
    return out
  end,
}
