-- config.lua — settings read by the indicators (available as the global `config`).

return {
  -- The edition: the year the profiles and the report describe (their "Reference year"), unless
  -- a command is given --year. It must be a year with workforce figures in the datasets. It
  -- does not follow the data: rows added for a later year, for a few countries or all, change
  -- nothing until this is changed (docs/next-edition.md). Each section of a profile is labelled
  -- by the year its figures are from, at most this one.
  edition = 2024,

  -- Default target: social service workers per 100,000 population, used for every country
  -- without an entry in `targets` below.
  --
  -- There is no international norm. The Global Social Service Workforce Alliance and UNICEF
  -- ask each country to set its own minimum ratio from its needs and services
  -- ("Proposed Guidance on Developing Minimum Social Service Workforce Ratios", GSSWA and
  -- UNICEF, 2022; see also the ASEAN "Regional Guidance on the Development and Use of
  -- Social Service Workforce to Population Ratios"). 30 per 100,000 (about 1 worker per
  -- 3,300 people) is a planning placeholder of this report, not a figure from those
  -- documents: the methodology annex must say so, and a country's own target, when it has
  -- one, goes in `targets`.
  target_ratio = 30,

  -- Year by which the target should be met (growth needed is computed to this year).
  target_year = 2030,

  -- Last year the least-squares trend of the ratio is projected to.
  projection_year = 2030,

  -- Per-country targets (workers per 100,000) that replace target_ratio, keyed by ISO3.
  -- Only put national targets here that a government has adopted, with the source.
  -- The entries below are EXAMPLES of the format, not real targets:
  targets = {
    -- KEN = 40,  -- example only: "National Social Service Workforce Strategy 20xx", p. N
    -- NPL = 25,  -- example only
  },

  -- Fewer years with a ratio than this, and no trend, slope or projection is computed.
  trend_min_points = 3,

  -- Reserved for the plausibility review of the data (not used by the indicators yet).
  review = {
    jump_factor = 2,  -- a year-on-year change by more than this factor (×2 or ÷2) is flagged
    flat_years  = 4,  -- this many consecutive identical values are flagged
    mad_limit   = 3,  -- a value more than this many MADs from the country's median is flagged
  },
}
