indicator { id = "bad id!", label = 1, compute = 3 }
indicator { id = "zz_nan", label = "N", description = "d", formula = "f", unit = "count",
  decimals = 0, compute = function() return { [2024] = 0/0, [1800] = 1, x = "y" } end }
x = 1
local s = load("return 1")
return string.format("%q", utf8.char(0x10FFFF))
