indicator {
  id = "zz_loops", label = "Loops", description = "d", formula = "f", unit = "rate", decimals = 2,
  by = "cadre", phase = 2,
  compute = function(c, done, all)
    local t = {}
    for i = 1, 10 do t[#t + 1] = string.rep("x", i) end
    pcall(function() while true do end end)
    local r = {}
    for _, k in ipairs(c.cadres) do r[k] = { [2024] = #all, [2023] = 0.5 } end
    setmetatable({}, { __index = function() return 1 end })
    return r
  end,
}
