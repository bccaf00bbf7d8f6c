# report.tpl — texts of the combined annual report (output/YEAR/LANG/report.pdf):
# cover, contents, overview and annexes. The country pages inside it use
# profile.tpl. Quoted values are English message ids translated through
# templates/i18n/LANG.po; {name} placeholders are filled in by sswr.

[cover]
title    = "State of the Social Service Workforce"
subtitle = "Country profiles and regional overview, {year}"
note     = "{countries} countries and territories. Figures marked as illustrative are sample values, not official statistics."
document = "State of the Social Service Workforce report {year}"

[contents]
title    = "Contents"
overview = "Overview"
profiles = "Country profiles"
methodology = "Annex A. Methodology"
sources  = "Annex B. Sources"

[overview]
title      = "Overview"
covered    = "This report covers {countries} countries and territories; {with_data} of them have workforce data for {year} or an earlier year."
medians    = "Median workers per 100,000 people, {year}"
area       = "Region"
countries  = "Countries with data"
median_pop = "Per 100,000 people"
median_children = "Per 100,000 children"
world      = "World"
ranked     = "Workers per 100,000 people, every country with data, {year}"
# The ranked chart as files (output/YEAR/LANG/charts/report-ranked.png|svg):
# what a screen reader says of it (the SVG's <desc>), its subtitle and source.
ranked_alt = "Bar chart: workers per 100,000 people in {n} countries and territories, {year}, highest first: highest {high_country} {high}, lowest {low_country} {low}, median {median}."
ranked_subtitle = "{n} countries and territories, {year}"
chart_source = "Source: State of the Social Service Workforce report {year}."
table      = "Headline figures, {year}"
country    = "Country"
population = "Population"
workers    = "Workers"
ratio      = "Per 100,000"
ratio_children = "Per 100,000 children"
government = "Government"
on_track   = "On track"
yes        = "yes"
no         = "no"
capacity   = "Countries reporting each element of the capacity grid, {year}"
item       = "Element"
status_yes = "Yes"
status_partial = "Partly"
status_no  = "No"
status_unknown = "Unknown or no data"
track      = "{on_track} of {with_target} countries with enough data are on track to reach their target ratio by {target_year}."
no_data    = "no data"

[methodology]
title    = "Annex A. Methodology"
intro    = "Every figure is computed by the indicator scripts shipped with the report (scripts/indicators). Missing values stay missing: they are shown as “no data”, never as zero."
formula  = "Formula: {formula}"
unit     = "Unit: {unit}"
count    = "number"
per_100k = "per 100,000 population"
percent  = "percent"
one_in_n = "one worker per N people"
rate     = "percent per year"
score    = "score from 0 to 100"
rank     = "rank (1 = highest)"
year     = "year"
ratio    = "ratio"
flag     = "yes (1) or no (0)"

[sources]
title        = "Annex B. Sources"
intro        = "Sources cited in the country profiles. Entries marked as illustrative are sample values generated for this edition, not official statistics."
wdi          = "World Bank, World Development Indicators: population (SP.POP.TOTL) and population aged 0–14 (SP.POP.0014.TO.ZS), CC BY 4.0."
illustrative = "illustrative sample data"
used_by      = "used for {n} countries"
