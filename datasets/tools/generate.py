#!/usr/bin/python3
"""Regenerate the illustrative rows of sswr's shipped datasets.

The datasets are the source of truth: people edit them (country teams through
`sswr sheet` / `sswr import`, report staff directly). This script only
regenerates the illustrative demonstration rows (`source` = "illustrative") of
workforce.csv, education.csv and system.csv, and never overwrites or drops a
row whose source is anything else.

Usage (from the repository root):

    /usr/bin/python3 datasets/tools/generate.py            # regenerate the illustrative rows
    /usr/bin/python3 datasets/tools/generate.py --check    # exit 1 if that would change a file
    /usr/bin/python3 datasets/tools/generate.py --sources  # also rewrite the real tables
                                                           # from tools/sources/ (see --help)
    /usr/bin/python3 datasets/tools/generate.py --out DIR  # write somewhere else

How the merge works, per table and per country-year (iso3, year):
  - a country-year with at least one row whose source is not "illustrative"
    (a real figure: a citation, a ministry, an empty source) is kept exactly
    as it is in the datasets, illustrative rows included; the script adds no
    illustrative row to it;
  - every other country-year is regenerated: its illustrative rows are
    replaced by what the model below computes (the same rows, byte for byte,
    when nothing was edited).
  Rows are then sorted by their key, as datasets/README.md says.

Inputs:  datasets/tools/sources/ (see SOURCES.md there) for the illustrative
         model, and the current datasets/{workforce,education,system}.csv for
         the rows to keep. No network access.
Outputs: datasets/{workforce,education,system}.csv; with --sources also
         datasets/{countries,population,cadres,items}.csv and
         datasets/names/{en,fr,es,pt,ar,zh,ru,sw,id}.csv, rewritten from the
         copied sources (hand edits of those files are overwritten).

Python 3.11 standard library only.  The output is fully deterministic: every
pseudo-random number is derived from SHA-256 of a key string (never from the
`random` module), all arithmetic that feeds a published number is done in
`decimal` (correctly rounded, platform independent), rows are sorted, and files
are written as UTF-8 without BOM with "\\n" line endings.
"""

import argparse
import csv
import hashlib
import io
import os
import re
import sys
import tempfile
from decimal import Decimal, Context, ROUND_HALF_EVEN, setcontext

setcontext(Context(prec=28, rounding=ROUND_HALF_EVEN))

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.join(HERE, "sources")
DATASETS = os.path.dirname(HERE)

POP_YEARS = range(2010, 2025)        # population.csv, and the completeness filter
WORKFORCE_YEARS = range(2012, 2025)
EDUCATION_YEARS = range(2018, 2025)
SYSTEM_YEARS = (2020, 2024)

ILLUSTRATIVE = "illustrative"

# Languages written to names/: output code -> source file in sources/country-names/
LANGUAGES = [("en", "en"), ("fr", "fr"), ("es", "es"), ("pt", "pt"), ("ar", "ar"),
             ("zh", "zh_Hans"), ("ru", "ru"), ("sw", "sw"), ("id", "id")]

# --------------------------------------------------------------------------
# Vocabularies (file order = display order)
# --------------------------------------------------------------------------

CADRES = [
    ("social_worker", "Social worker",
     "Professional holding a degree or diploma in social work who assesses needs, "
     "manages cases and provides or refers families to services; often registered "
     "or licensed."),
    ("para_social_worker", "Para social worker",
     "Trained community volunteer or paid worker who supports children and families "
     "under the supervision of social workers, often without a degree."),
    ("child_protection_officer", "Child protection officer",
     "Government or agency staff member mandated to receive reports, investigate and "
     "respond to abuse, neglect, exploitation and violence against children."),
    ("community_development_worker", "Community development worker",
     "Worker who mobilises communities, links households to services and runs "
     "prevention and livelihood activities at local level."),
    ("social_welfare_officer", "Social welfare officer",
     "Civil servant in a social welfare or social affairs ministry or local authority "
     "who administers social assistance, care and protection services."),
    ("unspecified", "Unspecified",
     "Published total not broken down by cadre."),
]
CADRE_IDS = [c[0] for c in CADRES if c[0] != "unspecified"]

SECTORS = ("government", "non_government", "unspecified")

ITEMS = [
    ("legislation", "planning", "Legislation",
     "Laws or regulations that define social service work, its functions and the "
     "mandate of the social service workforce."),
    ("workforce_strategy", "planning", "Workforce strategy",
     "A costed national plan or strategy for the social service workforce."),
    ("budget_line", "planning", "Budget line",
     "A dedicated line in the national budget for social service workforce posts "
     "or development."),
    ("hris", "planning", "HR information system",
     "A human resources information system or registry that counts and tracks "
     "social service workers."),
    ("degree_programmes", "developing", "Accredited degree programmes",
     "Accredited degree programmes in social work or a related field."),
    ("inservice_training", "developing", "In-service training",
     "Regular in-service or continuing professional development training for "
     "workers already employed."),
    ("field_placements", "developing", "Field placements",
     "Supervised field placements or practicums that are part of social work "
     "education."),
    ("professional_association", "supporting", "Professional association",
     "A national association representing social workers or other social service "
     "workers."),
    ("licensing_body", "supporting", "Licensing or registration body",
     "A body that licenses, registers or certifies social service workers."),
    ("code_of_ethics", "supporting", "Code of ethics",
     "A published code of ethics or code of conduct for social service workers."),
    ("supervision_standards", "supporting", "Supervision standards",
     "Standards or guidance for the professional supervision of social service "
     "workers."),
]

EDUCATION_LEVELS = ("certificate", "diploma", "bachelor", "master", "doctorate")
STATUSES = ("yes", "partial", "no", "unknown")

# --------------------------------------------------------------------------
# Published figures (the only non-illustrative workforce rows)
# --------------------------------------------------------------------------

GSSWA_2015 = ("Global Social Service Workforce Alliance (2015), "
              "The State of the Social Service Workforce 2015 Report")
NEPAL_PEOPLE_PER_WORKER = 115800
INDONESIA_CERTIFIED_2015 = 485
PUBLISHED_YEAR = 2015

# --------------------------------------------------------------------------
# Deterministic pseudo-random numbers
# --------------------------------------------------------------------------

D = Decimal
ONE = D(1)
TWO64 = D(2) ** 64


def unit(*parts):
    """A number in [0, 1) derived from SHA-256 of 'part1:part2:...'."""
    key = ":".join(str(p) for p in parts)
    h = hashlib.sha256(key.encode("utf-8")).digest()
    return D(int.from_bytes(h[:8], "big")) / TWO64


def uniform(lo, hi, *parts):
    lo, hi = D(lo), D(hi)
    return lo + (hi - lo) * unit(*parts)


def loguniform(lo, hi, *parts):
    lo, hi = D(lo), D(hi)
    return (lo.ln() + (hi.ln() - lo.ln()) * unit(*parts)).exp()


def rint(x):
    """Round a Decimal to an integer, half to even."""
    return int(D(x).quantize(ONE, rounding=ROUND_HALF_EVEN))


def clamp(x, lo, hi):
    return max(D(lo), min(D(hi), x))


# --------------------------------------------------------------------------
# Reading sources
# --------------------------------------------------------------------------

def read_csv(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def read_wb(path):
    """World Bank long format -> {iso3: {year: value string}}, {iso3: name}."""
    data, names = {}, {}
    for r in read_csv(path):
        code = r["Country Code"]
        names[code] = r["Country Name"]
        if r["Value"] != "":
            data.setdefault(code, {})[int(r["Year"])] = r["Value"]
    return data, names


def load_countries(log):
    codes = {r["ISO3166-1-Alpha-3"]: r for r in read_csv(os.path.join(SRC, "country-codes.csv"))
             if r["ISO3166-1-Alpha-3"]}
    pop, pop_names = read_wb(os.path.join(SRC, "population-total.csv"))
    share, share_names = read_wb(os.path.join(SRC, "population-0-14-share.csv"))

    countries, dropped = {}, []
    for iso3 in sorted(set(pop) | set(share)):
        name = pop_names.get(iso3) or share_names.get(iso3)
        cc = codes.get(iso3)
        if cc is None or not cc["ISO3166-1-Alpha-2"]:
            dropped.append((iso3, name, "not in country-codes.csv with an ISO alpha-2 code "
                            "(World Bank aggregate or non-ISO entity)"))
            continue
        miss_pop = [y for y in POP_YEARS if y not in pop.get(iso3, {})]
        miss_share = [y for y in POP_YEARS if y not in share.get(iso3, {})]
        if miss_pop or miss_share:
            dropped.append((iso3, name, "missing population years %s / 0-14 share years %s"
                            % (miss_pop, miss_share)))
            continue
        countries[iso3] = {
            "iso3": iso3,
            "iso2": cc["ISO3166-1-Alpha-2"],
            "m49": int(cc["M49"]),
            "region": cc["Region Name"],
            "subregion": cc["Sub-region Name"],
            "intermediate_region": cc["Intermediate Region Name"],
            "pop": {y: int(pop[iso3][y]) for y in POP_YEARS},
            "share": {y: D(share[iso3][y]) for y in POP_YEARS},
        }
    log("dropped %d World Bank codes: %s" % (len(dropped), " ".join(d[0] for d in dropped)))
    for iso3, name, why in dropped:
        log("  %s (%s): %s" % (iso3, name, why))
    return countries


# --------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------

def write_csv(path, header, rows):
    buf = io.StringIO(newline="")
    w = csv.writer(buf, delimiter=",", quotechar='"', quoting=csv.QUOTE_MINIMAL,
                   lineterminator="\n")
    w.writerow(header)
    for r in rows:
        w.writerow(["" if v is None else v for v in r])
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(buf.getvalue())
    return len(rows)


# --------------------------------------------------------------------------
# Models
# --------------------------------------------------------------------------

HIGH_INCOME_ASIA = {"JPN", "KOR", "SGP", "ISR", "HKG", "MAC"}


def group(c):
    """Coarse grouping used only to shape the illustrative figures."""
    if (c["region"] == "Europe" or c["subregion"] in ("Northern America", "Australia and New Zealand")
            or c["iso3"] in HIGH_INCOME_ASIA):
        return "high"
    if c["subregion"] == "Sub-Saharan Africa":
        return "ssa"
    if c["subregion"] == "Latin America and the Caribbean":
        return "lac"
    if c["subregion"] in ("Melanesia", "Micronesia", "Polynesia"):
        return "pac"
    return "asia_na"


# workers per 100,000 people in 2012: log-uniform between these bounds
RATIO_RANGE = {"high": ("10", "80"), "lac": ("3", "45"), "asia_na": ("1.5", "35"),
               "pac": ("2", "40"), "ssa": ("1", "25")}

# relative cadre weights by group (before per-country jitter and absences)
CADRE_WEIGHTS = {
    "high":    {"social_worker": 60, "para_social_worker": 8, "child_protection_officer": 12,
                "community_development_worker": 8, "social_welfare_officer": 12},
    "ssa":     {"social_worker": 14, "para_social_worker": 42, "child_protection_officer": 12,
                "community_development_worker": 17, "social_welfare_officer": 15},
    "lac":     {"social_worker": 40, "para_social_worker": 20, "child_protection_officer": 12,
                "community_development_worker": 15, "social_welfare_officer": 13},
    "asia_na": {"social_worker": 30, "para_social_worker": 22, "child_protection_officer": 13,
                "community_development_worker": 20, "social_welfare_officer": 15},
    "pac":     {"social_worker": 25, "para_social_worker": 25, "child_protection_officer": 15,
                "community_development_worker": 20, "social_welfare_officer": 15},
}
# probability that a country has no rows at all for a cadre
CADRE_ABSENT = {"social_worker": "0.04", "para_social_worker": "0.30",
                "child_protection_officer": "0.35", "community_development_worker": "0.40",
                "social_welfare_officer": "0.35"}
# shift of the government share by cadre
GOV_TILT = {"social_worker": "0", "para_social_worker": "-0.25", "child_protection_officer": "0.15",
            "community_development_worker": "0", "social_welfare_officer": "0.20"}


def reporting_years(iso3, tag, years, first_choices, last_choices, gap_p, gap_max):
    """Pick first year, last year and 0..gap_max missing interior years.

    first_choices / last_choices: list of (cumulative probability, year)."""
    u = unit(iso3, tag, "first")
    first = next(y for p, y in first_choices if u < D(p))
    u = unit(iso3, tag, "last")
    last = next(y for p, y in last_choices if u < D(p))
    span = [y for y in years if first <= y <= last]
    interior = span[1:-1]
    gaps = set()
    if interior and unit(iso3, tag, "has_gaps") < D(gap_p):
        k = 1 + int(unit(iso3, tag, "n_gaps") * gap_max)
        k = min(k, max(0, len(interior) - 1))
        gaps = set(sorted(interior, key=lambda y: unit(iso3, tag, y, "gap"))[:k])
    return [y for y in span if y not in gaps]


def build_workforce(countries, seed_published):
    """The illustrative workforce rows; with seed_published also the two
    published figures (only when there is no workforce.csv to keep them from)."""
    rows = []            # (iso3, year, cadre, sector, count, source, note)
    profile = {}         # per-country parameters, reused by other models
    for iso3 in sorted(countries):
        c = countries[iso3]
        g = group(c)
        published = iso3 in ("NPL", "IDN")
        has_data = published or unit(iso3, "workforce", "has_data") >= D("0.10")
        if not has_data:
            continue

        years = reporting_years(
            iso3, "workforce", WORKFORCE_YEARS,
            first_choices=[("0.35", 2012), ("0.50", 2013), ("0.63", 2014), ("0.75", 2015),
                           ("0.85", 2016), ("0.93", 2017), ("1", 2018)],
            last_choices=[("0.03", 2022), ("0.08", 2023), ("1", 2024)],
            gap_p="0.30", gap_max=3)

        # cadre shares
        small = c["pop"][2012] < 200000
        weights = {}
        for cadre in CADRE_IDS:
            p_absent = D(CADRE_ABSENT[cadre])
            if cadre == "social_worker" and (small or g == "high"):
                p_absent = D(0)   # where social workers are the core of the workforce
            elif small:           # small states and territories report fewer cadres
                p_absent = min(p_absent * 2, D("0.8"))
            absent = unit(iso3, "workforce", cadre, "absent") < p_absent
            if iso3 == "IDN" and cadre == "social_worker":
                absent = False
            if not absent:
                weights[cadre] = D(CADRE_WEIGHTS[g][cadre]) * uniform("0.6", "1.4", iso3, "workforce", cadre, "weight")
        if not weights:   # keep at least the social workers
            weights["social_worker"] = D(CADRE_WEIGHTS[g]["social_worker"])
        total_w = sum(weights.values())
        shares = {k: v / total_w for k, v in weights.items()}
        if iso3 == "IDN":
            # Indonesia: certified social workers are a small part of the illustrative workforce
            rest = ONE - shares["social_worker"]
            target = D("0.12")
            shares = {k: (target if k == "social_worker" else v * (ONE - target) / rest)
                      for k, v in shares.items()} if rest > 0 else {"social_worker": ONE}

        # ratio per 100,000 people in 2012 and yearly growth
        lo, hi = (D(x) for x in RATIO_RANGE[g])
        # at least ~10 workers (but no more than 60 per 100,000 as a floor) in tiny territories
        min_ratio = min(D(1000000) / D(c["pop"][2012]), D(60))
        lo = max(lo, min_ratio)
        hi = min(max(hi, lo * D("1.6")), D(90))
        r0 = loguniform(lo, hi, iso3, "workforce", "ratio")
        growth = uniform("-0.03", "0.08", iso3, "workforce", "growth")
        # keep the 2024 ratio between about 0.65 and 85 per 100,000 (noise and rounding
        # of tiny populations add a few per cent)
        gmax = (D(85) / r0) ** (ONE / D(12)) - ONE
        gmin = (D("0.65") / r0) ** (ONE / D(12)) - ONE
        growth = clamp(growth, gmin, gmax)

        if iso3 == "NPL":
            target_2015 = D(100000) / D(NEPAL_PEOPLE_PER_WORKER)
            r0 = target_2015 / (ONE + growth) ** 3
        if iso3 == "IDN":
            target_sw_2015 = D(INDONESIA_CERTIFIED_2015) * D(100000) / D(c["pop"][2015])
            r0 = target_sw_2015 / shares["social_worker"] / (ONE + growth) ** 3

        gov_base = uniform("0.30", "0.85", iso3, "workforce", "gov_share")
        no_sector_split = unit(iso3, "workforce", "no_sector_split") < D("0.50" if small else "0.08")
        profile[iso3] = {"ratio0": r0, "growth": growth, "group": g}

        for year in years:
            if published and year == PUBLISHED_YEAR:
                continue
            pop = D(c["pop"][year])
            ratio = r0 * (ONE + growth) ** (year - 2012) * (ONE + uniform("-0.04", "0.04", iso3, year, "ratio_noise"))
            total = pop * ratio / D(100000)
            for cadre in sorted(shares):
                base = total * shares[cadre]
                if no_sector_split:
                    split = [("unspecified", ONE)]
                else:
                    gov = clamp(gov_base + D(GOV_TILT[cadre]) + uniform("-0.03", "0.03", iso3, year, cadre, "gov_noise"),
                                "0.05", "0.97")
                    split = [("government", gov), ("non_government", ONE - gov)]
                for sector, part in split:
                    noise = ONE + uniform("-0.06", "0.06", iso3, year, cadre, sector)
                    count = rint(base * part * noise)
                    rows.append((iso3, year, cadre, sector, count, ILLUSTRATIVE, ""))

    # published figures (kept from workforce.csv when it exists)
    if seed_published and "NPL" in countries:
        pop = countries["NPL"]["pop"][PUBLISHED_YEAR]
        rows.append(("NPL", PUBLISHED_YEAR, "unspecified", "unspecified",
                     rint(D(pop) / D(NEPAL_PEOPLE_PER_WORKER)), GSSWA_2015,
                     "derived from the published ratio of 1 social service worker per 115800 people: "
                     "World Bank population 2015 / 115800 rounded to an integer"))
    if seed_published and "IDN" in countries:
        rows.append(("IDN", PUBLISHED_YEAR, "social_worker", "unspecified",
                     INDONESIA_CERTIFIED_2015, GSSWA_2015, "certified social workers"))
    rows.sort(key=lambda r: (r[0], r[1], r[2], r[3]))
    return rows, profile


# education: (presence probability, institutions per sqrt(million people) range, graduates per institution range)
EDU_LEVELS = {
    "certificate": ("0.55", ("0.2", "1.5"), ("20", "80")),
    "diploma":     ("0.70", ("0.3", "2.0"), ("15", "70")),
    "bachelor":    ("0.95", ("0.4", "2.5"), ("10", "60")),
    "master":      ("0.65", ("0.1", "1.2"), ("5", "30")),
    "doctorate":   ("0.35", ("0.05", "0.5"), ("1", "6")),
}


def build_education(countries):
    rows = []   # (iso3, year, level, institutions, graduates, source)
    for iso3 in sorted(countries):
        c = countries[iso3]
        pop = c["pop"][2018]
        if pop < 150000 or unit(iso3, "education", "has_data") < D("0.12"):
            continue
        years = reporting_years(
            iso3, "education", EDUCATION_YEARS,
            first_choices=[("0.60", 2018), ("0.85", 2019), ("1", 2020)],
            last_choices=[("0.10", 2023), ("1", 2024)],
            gap_p="0.20", gap_max=1)
        scale = (D(pop) / D(1000000)).sqrt()
        for level in EDUCATION_LEVELS:
            p, (klo, khi), (glo, ghi) = EDU_LEVELS[level]
            if level == "doctorate" and pop < 3000000:
                continue
            if level == "master" and pop < 500000:
                continue
            if unit(iso3, "education", level, "present") >= D(p):
                continue
            inst0 = uniform(klo, khi, iso3, "education", level, "institutions") * scale
            if level == "bachelor":
                inst0 = max(inst0, ONE)
            inst_growth = uniform("0", "0.06", iso3, "education", level, "growth")
            rate = uniform(glo, ghi, iso3, "education", level, "rate")
            for year in years:
                inst = min(60, rint(inst0 * (ONE + inst_growth) ** (year - 2018)))
                grads = rint(inst * rate * (ONE + uniform("-0.15", "0.15", iso3, year, level, "graduates")))
                if inst > 0 and unit(iso3, year, level, "graduates_missing") < D("0.06"):
                    grads = None
                rows.append((iso3, year, level, inst, grads, ILLUSTRATIVE))
    rows.sort(key=lambda r: (r[0], r[1], r[2]))
    return rows


SYSTEM_BASE = {"high": "0.75", "lac": "0.50", "asia_na": "0.45", "pac": "0.35", "ssa": "0.42"}
ITEM_DIFFICULTY = {"legislation": "0.10", "workforce_strategy": "0.40", "budget_line": "0.35",
                   "hris": "0.55", "degree_programmes": "0.15", "inservice_training": "0.20",
                   "field_placements": "0.30", "professional_association": "0.10",
                   "licensing_body": "0.45", "code_of_ethics": "0.15", "supervision_standards": "0.45"}
IMPROVE = {"no": "partial", "partial": "yes", "yes": "yes"}


def status_from(v):
    if v > D("0.20"):
        return "yes"
    if v > D("-0.05"):
        return "partial"
    return "no"


RANK = {"no": 0, "partial": 1, "yes": 2}


def as_int(v):
    """An int from a generated value or a kept row's text; None when not a plain integer."""
    if isinstance(v, int):
        return v
    return int(v) if isinstance(v, str) and v.isdigit() else None


def degree_status(education):
    """{(iso3, year): status} for item degree_programmes, from education.csv rows
    (the merged ones: kept real rows count too):
    yes = some bachelor/master/doctorate institution, partial = only certificate or
    diploma institutions, no = none.  Uses the latest education year <= year."""
    by_year = {}
    for iso3, year, level, inst, _grads, _src in education:
        year, inst = as_int(year), as_int(inst)
        if year is None or inst is None:
            continue   # a kept row the loader will report; it says nothing here
        best = by_year.setdefault((iso3, year), "no")
        if inst > 0:
            s = "yes" if level in ("bachelor", "master", "doctorate") else "partial"
            if RANK[s] > RANK[best]:
                by_year[(iso3, year)] = s
    out = {}
    for (iso3, year), s in sorted(by_year.items()):   # ascending: the latest year wins
        for y in SYSTEM_YEARS:
            if year <= y:
                out[(iso3, y)] = s
    return out


def build_system(countries, education):
    rows = []   # (iso3, year, item, status, source)
    from_education = degree_status(education)
    for iso3 in sorted(countries):
        c = countries[iso3]
        if unit(iso3, "system", "has_data") < D("0.15"):
            continue
        score = D(SYSTEM_BASE[group(c)]) + uniform("-0.25", "0.25", iso3, "system", "score")
        for item, _pillar, _label, _desc in ITEMS:
            v = score - D(ITEM_DIFFICULTY[item]) + uniform("-0.30", "0.30", iso3, "system", item)
            s2020 = status_from(v)
            if unit(iso3, "system", item, 2020, "unknown") < D("0.06"):
                s2020 = "unknown"
            if s2020 == "unknown":
                if unit(iso3, "system", item, 2024, "still_unknown") < D("0.5"):
                    s2024 = "unknown"
                else:
                    s2024 = status_from(v + D("0.10"))
            elif unit(iso3, "system", item, 2024, "improved") < D("0.25"):
                s2024 = IMPROVE[s2020]
            else:
                s2024 = s2020
            if item == "degree_programmes":
                # keep the grid consistent with education.csv where it has data
                s2020 = from_education.get((iso3, 2020), s2020)
                s2024 = from_education.get((iso3, 2024), s2024)
                if s2020 in RANK and s2024 in RANK and RANK[s2024] < RANK[s2020]:
                    s2024 = s2020
                if s2020 in RANK and s2024 == "unknown":
                    s2024 = s2020
            rows.append((iso3, 2020, item, s2020, ILLUSTRATIVE))
            rows.append((iso3, 2024, item, s2024, ILLUSTRATIVE))
    rows.sort(key=lambda r: (r[0], r[1], r[2]))
    return rows


# Names (issue 15, item 13). In the six UN languages a country is written as
# UN publications write it: its UN short name (UNTERM, country-codes.csv's
# `UNTERM <Language> Short`), without the article UNTERM appends in parentheses
# ("Gambia (the)", "Pays-Bas (les)", "Países Bajos (los)"). pt, sw and id, and
# the territories UNTERM does not list, keep CLDR's short name, without CLDR's
# "&" and "Congo - Kinshasa" forms. Every apostrophe is the typographic U+2019,
# as CLDR writes it.
UN_LANGUAGES = {"en": "English", "fr": "French", "es": "Spanish", "ru": "Russian",
                "zh": "Chinese", "ar": "Arabic"}
# The article UNTERM appends to a short name, one per language.
UN_ARTICLE = re.compile(r" \((the|l'|le|la|les|el|los|las)\)$")
# "and" in a CLDR name written with "&".
AND_WORD = {"en": "and", "fr": "et", "es": "y", "pt": "e", "ru": "и", "sw": "na", "id": "dan",
            "ar": "و", "zh": "和"}
# UN names that country-codes.csv does not have: Côte d'Ivoire and Türkiye (renamed
# in UNTERM after the copy), and the two special administrative regions of China
# as UN statistical publications write them (M49, World Population Prospects).
UN_EXTRA = {
    "CIV": {"en": "Côte d'Ivoire", "fr": "Côte d'Ivoire", "es": "Côte d'Ivoire",
            "ru": "Кот-д'Ивуар", "zh": "科特迪瓦", "ar": "كوت ديفوار"},
    "TUR": {"en": "Türkiye", "fr": "Türkiye", "es": "Türkiye", "ru": "Турция",
            "zh": "土耳其", "ar": "تركيا"},
    "HKG": {"en": "China, Hong Kong SAR", "fr": "Chine, RAS de Hong Kong",
            "es": "China, RAE de Hong Kong", "ru": "Китай, САР Гонконг",
            "zh": "中国香港特别行政区", "ar": "الصين، منطقة هونغ كونغ الإدارية الخاصة"},
    "MAC": {"en": "China, Macao SAR", "fr": "Chine, RAS de Macao",
            "es": "China, RAE de Macao", "ru": "Китай, САР Макао",
            "zh": "中国澳门特别行政区", "ar": "الصين، منطقة ماكاو الإدارية الخاصة"},
}
# CLDR's "Congo - Kinshasa" / "Congo - Brazzaville" in pt, sw and id: the
# country's name in that language (CLDR's alt="variant" or the usual long form).
CLDR_NO_DASH = {
    ("pt", "COD"): "República Democrática do Congo", ("pt", "COG"): "República do Congo",
    ("sw", "COD"): "Jamhuri ya Kidemokrasia ya Kongo", ("sw", "COG"): "Jamhuri ya Kongo",
    ("id", "COD"): "Republik Demokratik Kongo", ("id", "COG"): "Republik Kongo",
}


def un_name(lang, value):
    """A UNTERM short name as a publication writes it."""
    # " *": UNTERM's mark of a non-member observer State, not part of the name.
    name = UN_ARTICLE.sub("", value.strip().removesuffix(" *"))
    if lang == "ar":
        # "إيران (جمهورية - الإسلامية)": the dash stands for the name itself,
        # "جمهورية إيران الإسلامية"; "غينيا - بيساو", "تيمور- ليشتي": two words.
        m = re.fullmatch(r"(.+) \((.+?) ?- ?(.+)\)", name)
        if m:
            name = "%s %s %s" % (m.group(2), m.group(1), m.group(3))
        name = re.sub(r" ?- ", " ", name)
    return name


def cldr_name(lang, iso3, value):
    """A CLDR short name without "&" and the " - " of "Congo - Kinshasa"."""
    name = CLDR_NO_DASH.get((lang, iso3), value)
    name = name.replace(" & ", " %s " % AND_WORD[lang])
    if lang == "ru":
        name = name.replace("о-ва", "острова")   # CLDR's abbreviation of "islands"
    if " - " in name:
        raise SystemExit("names/%s.csv: %s: %r has a dash form; add it to CLDR_NO_DASH" % (lang, iso3, name))
    return name


def build_names(countries, log):
    out = {}
    en = {r["id"]: r["value"] for r in read_csv(os.path.join(SRC, "country-names", "en.csv"))}
    unterm = {r["ISO3166-1-Alpha-3"]: r for r in read_csv(os.path.join(SRC, "country-codes.csv"))}
    for lang, src in LANGUAGES:
        names = {r["id"]: r["value"].strip()
                 for r in read_csv(os.path.join(SRC, "country-names", src + ".csv"))}
        rows = []
        for iso3 in sorted(countries):
            iso2 = countries[iso3]["iso2"]
            name = ""
            if lang in UN_LANGUAGES:
                name = UN_EXTRA.get(iso3, {}).get(lang) or \
                    un_name(lang, unterm.get(iso3, {}).get("UNTERM %s Short" % UN_LANGUAGES[lang], ""))
            if not name:
                name = names.get(iso2, "")
                if not name:
                    name = en.get(iso2, "")
                    log("names/%s.csv: %s (%s) missing, falling back to English %r" % (lang, iso3, iso2, name))
                name = cldr_name(lang, iso3, name)
            if not name:
                raise SystemExit("no English name for %s (%s)" % (iso3, iso2))
            rows.append((iso3, name.replace("'", "\u2019")))
        out[lang] = rows
    return out


# --------------------------------------------------------------------------
# Validation (fails the build rather than shipping bad data)
# --------------------------------------------------------------------------

def validate(countries, population, workforce, education, system, names):
    """Checks what the model generated (the rows kept from the datasets are
    sswr check's business)."""
    iso = set(countries)

    def unique(rows, keylen, what):
        keys = [r[:keylen] for r in rows]
        assert len(keys) == len(set(keys)), "duplicate keys in " + what
        assert keys == sorted(keys), what + " not sorted"
        assert all(r[0] in iso for r in rows), "unknown iso3 in " + what

    unique(population, 2, "population.csv")
    unique(workforce, 4, "workforce.csv")
    unique(education, 3, "education.csv")
    unique(system, 3, "system.csv")
    for lang, rows in names.items():
        unique(rows, 1, "names/%s.csv" % lang)
        assert [r[0] for r in rows] == sorted(iso), "names/%s.csv incomplete" % lang

    cadres = {c[0] for c in CADRES}
    totals = {}
    for iso3, year, cadre, sector, count, source, note in workforce:
        assert cadre in cadres and sector in SECTORS and year in WORKFORCE_YEARS
        assert isinstance(count, int) and count >= 0
        if source == ILLUSTRATIVE:
            assert note == ""
            totals[(iso3, year)] = totals.get((iso3, year), 0) + count
    sectors, cadres_of = {}, {}
    for iso3, year, cadre, sector, *_ in workforce:
        sectors.setdefault((iso3, year, cadre), set()).add(sector)
        cadres_of.setdefault((iso3, year), set()).add(cadre)
    for key, s in sectors.items():
        assert s in ({"government", "non_government"}, {"unspecified"}), "sector mix %s %s" % (key, s)
    for key, s in cadres_of.items():
        assert "unspecified" not in s or s == {"unspecified"}, "cadre mix %s %s" % (key, s)
    pop = {(r[0], r[1]): r[2] for r in population}
    for key, total in totals.items():
        ratio = total * 100000 / pop[key]
        assert 0.5 <= ratio <= 100, "illustrative ratio out of range: %s %.2f" % (key, ratio)
    for r in education:
        assert r[2] in EDUCATION_LEVELS and 0 <= r[3] <= 60 and (r[4] is None or r[4] >= 0)
    items = {i[0] for i in ITEMS}
    for r in system:
        assert r[2] in items and r[3] in STATUSES and r[1] in SYSTEM_YEARS


# --------------------------------------------------------------------------
# Merging with the rows people entered
# --------------------------------------------------------------------------

# The tables with illustrative rows: file, header, key length, index of `source`.
MERGED = [
    ("workforce.csv", ["iso3", "year", "cadre", "sector", "count", "source", "note"], 4, 5),
    ("education.csv", ["iso3", "year", "level", "institutions", "graduates", "source"], 3, 5),
    ("system.csv", ["iso3", "year", "item", "status", "source"], 3, 4),
]


def read_kept(path, header):
    """The rows of a table in the datasets, as text in the order of `header`
    (whatever the file's column order), or None when the file does not exist."""
    if not os.path.exists(path):
        return None
    with open(path, encoding="utf-8-sig", newline="") as f:
        sample = f.readline()
        f.seek(0)
        delim = ";" if sample.count(";") > sample.count(",") else ","
        reader = csv.DictReader(f, delimiter=delim)
        missing = [c for c in header if c not in (reader.fieldnames or [])]
        if missing:
            raise SystemExit("%s: missing column(s) %s; fix the file (sswr check) before "
                             "regenerating" % (path, ", ".join(missing)))
        return [tuple(r[c] or "" for c in header) for r in reader]


def text_row(r):
    return tuple("" if v is None else str(v) for v in r)


def merge(generated, kept, nkey, src, what):
    """Kept rows of every country-year that has a real row (source other than
    illustrative), generated rows for the other country-years; sorted by key
    (plain string order, as datasets/README.md says)."""
    generated = [text_row(r) for r in generated]
    if kept is None:
        rows = generated
    else:
        real = {(r[0], r[1]) for r in kept if r[src] != ILLUSTRATIVE}
        rows = [r for r in kept if (r[0], r[1]) in real]
        rows += [r for r in generated if (r[0], r[1]) not in real]
    rows.sort(key=lambda r: r[:nkey])
    for a, b in zip(rows, rows[1:]):
        if a[:nkey] == b[:nkey]:
            raise SystemExit("%s: the key %s appears twice among the rows to keep; fix the "
                             "file (sswr check names both lines) before regenerating"
                             % (what, ",".join(a[:nkey])))
    return rows


# --------------------------------------------------------------------------

def generate(outdir, log, base=DATASETS, sources=False):
    """Writes the merged illustrative tables (and with `sources` the real
    tables) into outdir; returns {relative path: rows written}."""
    # What the sources lack or drop matters only when their tables are written.
    quiet = lambda _msg: None
    countries = load_countries(log if sources else quiet)

    population = []
    for iso3 in sorted(countries):
        c = countries[iso3]
        for y in POP_YEARS:
            children = rint(D(c["pop"][y]) * c["share"][y] / D(100))
            population.append((iso3, y, c["pop"][y], children))

    j = os.path.join
    kept = {name: read_kept(j(base, name), header) for name, header, _n, _s in MERGED}
    workforce, _profile = build_workforce(countries, seed_published=kept["workforce.csv"] is None)
    education = build_education(countries)
    names = build_names(countries, log if sources else quiet)
    merged = {"workforce.csv": merge(workforce, kept["workforce.csv"], 4, 5, "workforce.csv"),
              "education.csv": merge(education, kept["education.csv"], 3, 5, "education.csv")}
    # The capacity grid's degree_programmes follows the education rows as merged.
    system = build_system(countries, merged["education.csv"])
    merged["system.csv"] = merge(system, kept["system.csv"], 3, 4, "system.csv")
    validate(countries, population, workforce, education, system, names)

    counts = {}
    for name, header, _n, _s in MERGED:
        counts[name] = write_csv(j(outdir, name), header, merged[name])
    if sources:
        counts["countries.csv"] = write_csv(
            j(outdir, "countries.csv"),
            ["iso3", "iso2", "m49", "region", "subregion", "intermediate_region"],
            [(c["iso3"], c["iso2"], c["m49"], c["region"], c["subregion"], c["intermediate_region"])
             for _, c in sorted(countries.items())])
        counts["population.csv"] = write_csv(
            j(outdir, "population.csv"), ["iso3", "year", "population", "children_0_14"], population)
        counts["cadres.csv"] = write_csv(j(outdir, "cadres.csv"), ["id", "label", "description"], CADRES)
        counts["items.csv"] = write_csv(j(outdir, "items.csv"), ["id", "pillar", "label", "description"], ITEMS)
        for lang, _src in LANGUAGES:
            counts["names/%s.csv" % lang] = write_csv(j(outdir, "names", lang + ".csv"), ["iso3", "name"],
                                                      names[lang])
    return counts


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true",
                    help="regenerate into a temporary directory and exit 1 if any "
                         "file differs from the one in the datasets")
    ap.add_argument("--datasets", default=DATASETS,
                    help="the datasets whose real rows are kept (default: datasets/)")
    ap.add_argument("--out", default=None, help="output directory (default: the --datasets folder)")
    ap.add_argument("--sources", action="store_true",
                    help="also rewrite countries, population, cadres, items and names/ from "
                         "tools/sources/ (overwrites hand edits of those files)")
    ap.add_argument("--quiet", action="store_true", help="print nothing but errors")
    args = ap.parse_args()
    out = args.out or args.datasets

    def log(msg):
        if not args.quiet and not args.check:
            print(msg, file=sys.stderr)

    if args.check:
        with tempfile.TemporaryDirectory() as tmp:
            counts = generate(tmp, log, args.datasets, args.sources)
            bad = []
            for rel in sorted(counts):
                want = os.path.join(tmp, rel)
                have = os.path.join(args.datasets, rel)
                with open(want, "rb") as f:
                    a = f.read()
                try:
                    with open(have, "rb") as f:
                        b = f.read()
                except FileNotFoundError:
                    bad.append(rel + " (missing)")
                    continue
                if a != b:
                    bad.append(rel)
        if bad:
            print("regenerating would change the datasets; run /usr/bin/python3 "
                  "datasets/tools/generate.py. Differs: " + ", ".join(bad), file=sys.stderr)
            return 1
        if not args.quiet:
            print("datasets up to date (%d files)" % len(counts))
        return 0

    counts = generate(out, log, args.datasets, args.sources)
    if not args.quiet:
        for rel in sorted(counts):
            print("%-20s %6d rows" % (rel, counts[rel]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
