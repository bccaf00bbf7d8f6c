# report.tpl — texts of the combined annual report (output/YEAR/LANG/report.pdf):
# cover, contents, overview and annexes. The country pages inside it use
# profile.tpl. Quoted values are English message ids translated through
# templates/i18n/LANG.po; {name} placeholders are filled in by sswr.

[cover]
title    = "State of the Social Service Workforce"
subtitle = "Country profiles and regional overview, {year}"
note     = "{countries} countries and territories. Figures marked as illustrative are sample values, not official statistics."
document = "State of the Social Service Workforce report {year}"
# The cover's lower half: edition, publisher, year of publication ({published}:
# the year of profile.tpl's [document] date, never the clock) and how to cite.
edition   = "{year} edition"
publisher = "State of the Social Service Workforce report team"
published = "Published in {published}"
citation  = "Suggested citation: State of the Social Service Workforce report team. State of the Social Service Workforce {year}: country profiles and regional overview. {published}."

[contents]
title    = "Contents"
overview = "Overview"
profiles = "Country profiles"
methodology = "Annex A. Methodology"
sources  = "Annex B. Sources"
published = "Annex C. Published figures"

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

[stories]
# The "Country stories" chapter (datasets/stories), after the profiles.
title        = "Country stories"
source       = "Source: {source}"
illustrative = "Illustrative example, not drawn from a published source."
in_en        = "(in English)"
in_fr        = "(in French)"
in_es        = "(in Spanish)"
in_pt        = "(in Portuguese)"
in_ar        = "(in Arabic)"
in_zh        = "(in Chinese)"
in_ru        = "(in Russian)"
in_sw        = "(in Swahili)"
in_id        = "(in Indonesian)"

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

[published]
title    = "Annex C. Published figures"
intro    = "Figures on the social service workforce published elsewhere (datasets/published.csv), by country in the order of the profiles. What each counts differs from the report's cadres and from one country to another: each is given with its definition and its source as published. They are reference figures, not the report's own."
item     = "{item_year} · {measure}: {value}. What it counts: {definition}. Source: {source}, {publisher}, {source_year}."
count                       = "Head count"
count_posts                 = "Posts"
count_fte                   = "Full-time equivalents"
ratio_population_per_worker = "People per worker"
ratio_children_per_worker   = "Children per worker"
rate_per_100k_population    = "Workers per 100,000 people"
rate_per_100k_children      = "Workers per 100,000 children"
rate_per_1000_children      = "Workers per 1,000 children"
vacancy_rate_pct            = "Vacant posts"
