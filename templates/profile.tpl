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
change           = "Change since {first_year}"
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
growth      = "Growth needed per year"
trend       = "Recent trend per year"
on_track    = "On track to reach the target."
off_track   = "Not on track at the current trend."
reached     = "The target is already reached."
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
h = 150
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
y = 238
w = 160
h = 16
text = "Government and non-government"

[chart sectors]
page = 2
x = 36
y = 258
w = 160
h = 150
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
y = 238
w = 347
h = 16
text = "Workers per 100,000 people in {group}, {year}"

[chart compare]
page = 2
x = 212
y = 258
w = 347
h = 150
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
y = 424
w = 523
h = 16
text = "Education and training, {year}"
figures = education

[table education]
page = 2
x = 36
y = 444
w = 260
h = 130
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
y = 444
w = 247
h = 130
kind = graduates
no_data = "no data"
alt         = "Bar chart: graduates by level of education in {country}, {data_year}: {data}."
alt_item    = "{label}: {value}"
alt_item_no_data = "{label}: no data"
alt_no_data = "Bar chart: graduates by level of education in {country}: no data."

[section notes]
page = 2
x = 36
y = 590
w = 523
h = 16
text = "Notes and sources"

[notes sources]
page = 2
x = 36
y = 610
w = 523
h = 180
population   = "Population: World Bank, World Development Indicators (SP.POP.TOTL), {years}."
children     = "Children: population aged 0–14, World Bank, World Development Indicators (SP.POP.0014.TO.ZS), {years}. Ratios per 100,000 children use ages 0–14, not 0–17."
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
