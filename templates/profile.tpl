# profile.tpl — the two-page A4 country profile (595 × 842 points).
#
# Each [TYPE NAME] block is placed at x, y (its top-left corner, in points from
# the top-left of the page) with width w and height h, on page 1, 2 or all.
# A "quoted value" is English text: translators translate it in
# templates/i18n/LANG.po; {name} placeholders are filled in by sswr and must be
# kept as they are. Block types and their options are listed in
# templates/README.md. Text that cannot fit its box even at its smallest size
# is an error naming this file and the text's line.

[document]
title    = "{country}: social service workforce profile {year}"
subject  = "State of the Social Service Workforce report {year}: country profile"
keywords = "social service workforce, social workers, child protection, {country}"
author   = "State of the Social Service Workforce report team"
# Publication date written into the PDF metadata (SOURCE_DATE_EPOCH overrides it).
date     = 2026-12-01
# Drawn in the charts' PNG and SVG files (output/YEAR/LANG/charts/), under
# and below each chart's heading, so a chart can go on a slide as it is.
chart_subtitle = "{country}, {year}"
chart_source   = "Source: State of the Social Service Workforce report {year}; data: {sources}."

# ---- page 1 ----------------------------------------------------------------

[band top]
page = 1
x = 0
y = 0
w = 595
h = 104
color = primary

[header main]
page = 1
x = 36
y = 22
w = 523
h = 72
kicker   = "State of the Social Service Workforce {year} · Country profile"
subtitle = "{region} · Comparison group: {group}"
year     = "Reference year {year}"

[banner illustrative]
page = 1
x = 36
y = 114
w = 523
h = 24
text = "Illustrative data: most figures in this profile are sample values for demonstration, not official statistics. See the notes on page 2."

[tiles headline]
page = 1
x = 36
y = 148
w = 523
h = 126
cols = 4
items = population,children,workforce,ratio,ratio_children,one_in_n,government_share,change
population       = "Population"
children         = "Children aged 0–14"
workforce        = "Social service workers"
ratio            = "Workers per 100,000 people"
ratio_children   = "Workers per 100,000 children"
one_in_n         = "One worker for every"
one_in_n_value   = "{n} people"
government_share = "Employed by government"
change           = "Change in workers since {first_year}"
change_none      = "Change in the number of workers"
no_data          = "no data"
in_year          = "in {year}"

[section trend]
page = 1
x = 36
y = 290
w = 330
h = 16
text = "Workers per 100,000 people"

[chart trend]
page = 1
x = 36
y = 310
w = 330
h = 190
kind = trend
observed   = "Observed"
projection = "Trend and projection to {year}"
target     = "Target: {value}"
no_data    = "no data"
# The chart's alternative text for screen readers (PDF /Alt, the SVG's <desc>):
# {data} is its figures, the pieces below joined by the language's list separator.
alt              = "Line chart: workers per 100,000 people in {country}: {data}."
alt_observed     = "{first} in {first_year} and {last} in {last_year}"
alt_observed_one = "{first} in {first_year}"
alt_target       = "target {value} by {target_year}"
alt_projection   = "projected {value} in {projection_year}"
alt_no_data      = "no observed data"

[section gap]
page = 1
x = 382
y = 290
w = 177
h = 16
text = "Gap to the target"

[gap planning]
page = 1
x = 382
y = 312
w = 177
h = 188
target      = "Target: {target} workers per 100,000 people by {target_year}, {source}."
source_default = "the report's default"
source_country = "set by the country"
needed      = "Workers needed in {target_year}"
additional  = "Additional workers needed"
per_year    = "Additional workers per year"
growth      = "Workforce growth needed per year"
trend       = "Recent workforce growth per year"
on_track    = "On track to reach the target."
off_track   = "Not on track at the current trend."
reached     = "The target is already reached."
# Under the verdict when the workforce and the ratio in the chart go opposite ways.
ratio_falls = "More workers, yet fewer per 100,000 people: the population grows faster."
ratio_rises = "Fewer workers, yet more per 100,000 people: the population shrinks faster."
no_data     = "Not enough data to compute the gap."

[section cadres]
page = 1
x = 36
y = 516
w = 523
h = 16
text = "Workers by cadre and employer, {year}"
figures = workforce

[table cadres]
page = 1
x = 36
y = 536
w = 330
h = 186
kind = cadres
cadre       = "Cadre"
government  = "Government"
non_government = "Non-government"
unspecified = "Not specified"
total       = "Total"
share       = "Share"
no_data     = "no data"
mark        = "–"                  # a cell without data; explained under the table
mark_key    = "{mark} no data"

[chart cadres]
page = 1
x = 382
y = 536
w = 177
h = 186
kind = cadres
no_data = "no data"
alt         = "Bar chart: social service workers by cadre in {country}, {data_year}: {data}."
alt_item    = "{label}: {value}"
alt_item_no_data = "{label}: no data"
alt_no_data = "Bar chart: social service workers by cadre in {country}: no data."

[text completeness]
page = 1
x = 36
y = 736
w = 523
h = 24
text = "Data completeness for {year}: {score}"
missing = "missing: {tables}"
complete = "all tables present"
population = "population"
workforce = "workforce"
education = "education"
system = "capacity grid"

# ---- page 2 ----------------------------------------------------------------

[band top2]
page = 2
x = 0
y = 0
w = 595
h = 40
color = primary

[header short]
page = 2
x = 36
y = 12
w = 523
h = 20
text = "{country} · social service workforce profile {year}"

[section grid]
page = 2
x = 36
y = 54
w = 523
h = 16
text = "Capacity of the system to plan, develop and support the workforce, {year}"
figures = capacity

[grid capacity]
page = 2
x = 36
y = 74
w = 523
h = 130
planning   = "Planning"
developing = "Developing"
supporting = "Supporting"
yes        = "Yes"
partial    = "Partly"
no         = "No"
unknown    = "Unknown"
score      = "Score {score}"

[section sectors]
page = 2
x = 36
y = 214
w = 160
h = 16
text = "Government and non-government, {year}"
figures = workforce

[chart sectors]
page = 2
x = 36
y = 234
w = 160
h = 104
kind = sectors
government = "Government"
non_government = "Non-government"
no_data = "no data"
alt         = "Donut chart: social service workers by employer in {country}, {data_year}: {data}."
alt_item    = "{label}: {value}"
alt_item_no_data = "{label}: no data"
alt_no_data = "Donut chart: social service workers by employer in {country}: no data."

[section compare]
page = 2
x = 212
y = 214
w = 347
h = 16
text = "Workers per 100,000 people in {group}, {year}"

[chart compare]
page = 2
x = 212
y = 234
w = 347
h = 104
kind = compare
median = "Median {value}"
rank   = "Rank {rank} of {count}"
no_data = "no data"
alt         = "Dot chart: workers per 100,000 people in {group} ({n} countries with data), {year}: {data}."
alt_self    = "{country} {value} (rank {rank} of {count})"
alt_median  = "median {value}"
alt_range   = "lowest {low}, highest {high}"
alt_no_data = "Dot chart: workers per 100,000 people in {group}, {year}: no data."

[section education]
page = 2
x = 36
y = 348
w = 523
h = 16
text = "Education and training, {year}"
figures = education

[table education]
page = 2
x = 36
y = 368
w = 260
h = 128
kind = education
level        = "Level"
institutions = "Institutions"
graduates    = "Graduates"
total        = "Total"
per_100k     = "Graduates per 100,000 people: {value}"
certificate  = "Certificate"
diploma      = "Diploma"
bachelor     = "Bachelor's degree"
master       = "Master's degree"
doctorate    = "Doctorate"
no_data      = "no data"
mark         = "–"
mark_key     = "{mark} no data"

[chart graduates]
page = 2
x = 312
y = 368
w = 247
h = 128
kind = graduates
no_data = "no data"
alt         = "Bar chart: graduates by level of education in {country}, {data_year}: {data}."
alt_item    = "{label}: {value}"
alt_item_no_data = "{label}: no data"
alt_no_data = "Bar chart: graduates by level of education in {country}: no data."

[story working]
# The country's story (datasets/stories/ISO3.LANG.md): heading, title, text
# and source line. Without a story, the blocks below it move up into its room.
page = 2
x = 36
y = 502
w = 523
h = 120
heading = "What is working"
source = "Source: {source}"
illustrative = "Illustrative example, not drawn from a published source."
in_en = "(in English)"
in_fr = "(in French)"
in_es = "(in Spanish)"
in_pt = "(in Portuguese)"
in_ar = "(in Arabic)"
in_zh = "(in Chinese)"
in_ru = "(in Russian)"
in_sw = "(in Swahili)"
in_id = "(in Indonesian)"
# The country's published figures (datasets/published.csv), as many as fit, the most
# recent first; without any, nothing is drawn and the notes below keep their places.
[published figures]
page = 2
x = 36
y = 628
w = 523
h = 52
space = 8
title = "Published figures"
item  = "{year} · {measure}: {value}. What it counts: {definition}. Source: {source}, {publisher}, {source_year}."
more  = "Not shown here: {n}. The annex of the report lists every published figure for {country}."
count                       = "Head count"
count_posts                 = "Posts"
count_fte                   = "Full-time equivalents"
ratio_population_per_worker = "People per worker"
ratio_children_per_worker   = "Children per worker"
rate_per_100k_population    = "Workers per 100,000 people"
rate_per_100k_children      = "Workers per 100,000 children"
rate_per_1000_children      = "Workers per 1,000 children"
vacancy_rate_pct            = "Vacant posts"

[section notes]
page = 2
x = 36
y = 628
w = 523
h = 16
text = "Notes and sources"
below = figures

[notes sources]
page = 2
x = 36
y = 648
w = 523
h = 154
below = figures
population   = "Population: World Bank, World Development Indicators (SP.POP.TOTL), {years}."
children     = "Children: population aged 0–14, World Bank, World Development Indicators (SP.POP.0014.TO.ZS), {years}. Ratios per 100,000 children use ages 0–14, not 0–17."
population_added = "Population and children, {years}: figures added to the datasets by the report team, not yet from the World Bank's download."
workforce    = "Workforce: {sources}."
education    = "Education: {sources}."
system       = "Capacity grid: {sources}."
illustrative = "illustrative sample data"
method       = "Ratios are workers per 100,000 population of the same year. The trend is a least-squares line through the years with data; the projection extends it to {year}. Missing values are shown as “no data”, never as zero."
none         = "no data"

[footer running]
page = all
x = 36
y = 810
w = 523
h = 14
left  = "State of the Social Service Workforce {year} · {country}"
right = "Page {page} of {pages}"
