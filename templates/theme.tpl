# theme.tpl — colours, fonts sizes and the chart palette of every page.
# Colours are #rrggbb. Sizes are in points (1/72 inch).
# Change freely: no code change is needed, `make report` picks it up.

[theme]
ink        = #222b33     # body text
muted      = #5f6b76     # secondary text, axis labels
primary    = #1d4e89     # header band, headings, the country's own series
accent     = #e07a2e     # projections, highlights
positive   = #2a9d8f     # "yes" in the capacity grid
partial    = #e9c46a     # "partly"
negative   = #d1495b     # "no"
unknown    = #b8c0c8     # "unknown" / no data
rule       = #d5dbe1     # hairlines, table rules, gridlines
tile       = #f1f5f9     # tile background
banner     = #fff4d6     # illustrative-data banner background
banner_rule = #e0b000
palette    = #1d4e89,#2a9d8f,#e07a2e,#8e6bb8,#e9c46a,#6c8ead
body_size  = 8
small_size = 6.5
title_size = 10
min_size   = 5         # no text is shrunk below this to fit its box
