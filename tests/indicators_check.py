#!/usr/bin/python3
"""indicators_check.py — recomputes every indicator from the CSV datasets and
compares the result with an export of `sswr indicators --format csv`.

The values are computed here from the definitions in the indicator scripts'
descriptions, formulas and comments (scripts/indicators/*.lua), with Python's
standard library only; nothing of the Lua code is run or reused. Run:

    /usr/bin/python3 tests/indicators_check.py --datasets DIR --scripts DIR \\
        --csv FILE [--countries ISO3,...] [--require ISO3,...] [--failed ISO3,...] [--probe]

--countries  the countries the export holds (default: every country);
--require    countries that must have rows in the export (the named cases);
--failed     countries whose data has errors: no rows at all, and left out of
             the phase-2 comparisons;
--probe      also check the `lib_probe` indicator of
             tests/fixtures/indicators/99_lib_probe.lua (the library functions).

Prints one line per indicator: "PASS id rows" or "FAIL id: what" (several
FAIL lines per indicator at most MAX_REPORTS, then a count), and exits 1 when
anything failed. Indicators found in the export that this file does not know
fail too, so a new indicator cannot go unchecked.

Comparison: the export prints a value with min(decimals + 2, 6) decimals
(export.c, ex_number), so a value matches when it is within half a unit of
that last digit, plus a relative 1e-6. A value that must be missing must have
no row: an export row where none is expected is a failure, and so is a
missing row where a value is expected.
"""

import argparse
import csv
import math
import os
import re
import statistics
import sys
from collections import defaultdict

MAX_REPORTS = 12
REL_TOL = 1e-6

# id -> (unit, decimals), as declared by the scripts: part of the contract of
# the export (the unit column, the precision of the value column).
INDICATORS = {
    "workforce_total": ("count", 0),
    "workforce_by_cadre": ("count", 0),
    "workforce_by_sector": ("count", 0),
    "government_share": ("percent", 1),
    "workforce_by_cadre_sector": ("count", 0),
    "ratio_per_100k": ("per_100k", 1),
    "ratio_per_100k_children": ("per_100k", 1),
    "people_per_worker": ("one_in_n", 0),
    "workforce_change": ("count", 0),
    "workforce_change_pct": ("percent", 1),
    "workforce_cagr": ("rate", 1),
    "ratio_trend": ("per_100k", 1),
    "ratio_trend_slope": ("per_100k", 2),
    "ratio_projection": ("per_100k", 1),
    "ratio_target": ("per_100k", 1),
    "growth_needed": ("rate", 1),
    "institutions_by_level": ("count", 0),
    "graduates_by_level": ("count", 0),
    "graduates_total": ("count", 0),
    "graduates_per_100k": ("per_100k", 2),
    "capacity_score": ("score", 0),
    "population_projected": ("count", 0),
    "gap_workers_needed": ("count", 0),
    "gap_additional": ("count", 0),
    "gap_per_year": ("count", 0),
    "gap_growth_needed": ("rate", 1),
    "workforce_recent_growth": ("rate", 1),
    "gap_on_track": ("flag", 0),
    "completeness": ("percent", 0),
    "completeness_total": ("percent", 0),
    "rank_in_group": ("rank", 0),
    "rank_in_world": ("rank", 0),
    "group_median": ("per_100k", 1),
    "world_median": ("per_100k", 1),
    "group_count": ("count", 0),
    "world_count": ("count", 0),
    "capacity_status": ("flag", 0),
    "report_year": ("year", 0),
    "region_median_latest": ("per_100k", 1),
    "region_count_latest": ("count", 0),
    "world_median_latest": ("per_100k", 1),
    "world_count_latest": ("count", 0),
    "capacity_status_count": ("count", 0),
    "world_overview_counts": ("count", 0),
    "rank_in_world_latest": ("rank", 0),
}
PROBE = {"lib_probe": ("ratio", 4)}

RECENT_YEARS = 5          # 60_planning.lua: "the last (up to) five years with data"
PILLARS = ["planning", "developing", "supporting"]
LEVELS = ["certificate", "diploma", "bachelor", "master", "doctorate"]


# ---- reading ----------------------------------------------------------------

def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def num(s):
    """A cell as a number; None for an empty cell (missing, never 0)."""
    s = (s or "").strip()
    return None if s == "" else float(s)


def read_config(scripts):
    """The few settings of config.lua the indicators use, read as text."""
    text = open(os.path.join(scripts, "config.lua"), encoding="utf-8").read()
    text = re.sub(r"--[^\n]*", "", text)                       # comments
    cfg = {}
    for key in ("edition", "target_ratio", "target_year", "projection_year", "trend_min_points"):
        m = re.search(r"\b%s\s*=\s*([0-9.]+)" % key, text)
        if not m:
            sys.exit("indicators_check: %s not found in config.lua" % key)
        v = float(m.group(1))
        cfg[key] = int(v) if v.is_integer() else v
    m = re.search(r"\btargets\s*=\s*\{([^}]*)\}", text)
    cfg["targets"] = {k: float(v) for k, v in
                      re.findall(r"\b([A-Z]{3})\s*=\s*([0-9.]+)", m.group(1) if m else "")}
    return cfg


class Country:
    def __init__(self, row):
        self.iso3 = row["iso3"]
        self.group = row["intermediate_region"] or row["subregion"]
        self.pop, self.children = {}, {}
        self.work, self.edu, self.sys = [], [], []


REGIONS = {}   # iso3 -> row of countries.csv


def load(datasets):
    REGIONS.update({r["iso3"]: r for r in read_csv(os.path.join(datasets, "countries.csv"))})
    countries = {r["iso3"]: Country(r) for r in read_csv(os.path.join(datasets, "countries.csv"))}
    for r in read_csv(os.path.join(datasets, "population.csv")):
        c, y = countries[r["iso3"]], int(r["year"])
        c.pop[y], c.children[y] = num(r["population"]), num(r["children_0_14"])
    for r in read_csv(os.path.join(datasets, "workforce.csv")):
        countries[r["iso3"]].work.append(dict(year=int(r["year"]), cadre=r["cadre"], sector=r["sector"],
                                              count=num(r["count"]), source=r["source"]))
    for r in read_csv(os.path.join(datasets, "education.csv")):
        countries[r["iso3"]].edu.append(dict(year=int(r["year"]), level=r["level"],
                                             institutions=num(r["institutions"]),
                                             graduates=num(r["graduates"]), source=r["source"]))
    for r in read_csv(os.path.join(datasets, "system.csv")):
        countries[r["iso3"]].sys.append(dict(year=int(r["year"]), item=r["item"], status=r["status"],
                                             source=r["source"]))
    cadres = [r["id"] for r in read_csv(os.path.join(datasets, "cadres.csv"))]
    items = [(r["id"], r["pillar"]) for r in read_csv(os.path.join(datasets, "items.csv"))]
    return countries, cadres, items


# ---- arithmetic, written from the definitions -------------------------------

def cagr(v0, v1, years):
    """Compound annual growth in % per year; None unless v0 > 0, v1 >= 0, years > 0."""
    if v0 is None or v1 is None or years is None or v0 <= 0 or v1 < 0 or years <= 0:
        return None
    return (math.pow(v1 / v0, 1.0 / years) - 1.0) * 100.0


def recent_growth(series):
    """CAGR over the last RECENT_YEARS years with data: from the earliest year with a
    value at most RECENT_YEARS before the latest one, else from the year before the
    latest with data. -> (rate, latest year) or (None, None) with fewer than 2 years."""
    years = sorted(series)
    if len(years) < 2:
        return None, None
    y1 = years[-1]
    window = [y for y in years[:-1] if y1 - y <= RECENT_YEARS]
    y0 = window[0] if window else years[-2]
    return cagr(series[y0], series[y1], y1 - y0), y1


def sums(rows, field, key=None, keep=lambda r: True):
    """{key: {year: sum}} (or {year: sum} without key) over non-missing values."""
    out = defaultdict(dict)
    for r in rows:
        v = r[field]
        if v is None or not keep(r):
            continue
        k = key(r) if key else None
        out[k][r["year"]] = out[k].get(r["year"], 0.0) + v
    return dict(out) if key else dict(out.get(None, {}))


def phase1(c, cadres, items, cfg):
    """{(indicator, key): {year: value}} for one country."""
    R = {}

    def put(ind, series, key=""):
        series = {y: v for y, v in series.items() if v is not None}
        if series:
            R[(ind, key)] = series

    TY, PY = cfg["target_year"], cfg["projection_year"]
    target = cfg["targets"].get(c.iso3, cfg["target_ratio"])

    # workforce head counts
    total = sums(c.work, "count")
    put("workforce_total", total)
    for k, s in sums(c.work, "count", key=lambda r: r["cadre"]).items():
        put("workforce_by_cadre", s, k)
    by_sector = sums(c.work, "count", key=lambda r: r["sector"])
    for k, s in by_sector.items():
        put("workforce_by_sector", s, k)
    for k, s in sums(c.work, "count", key=lambda r: r["cadre"] + "/" + r["sector"]).items():
        put("workforce_by_cadre_sector", s, k)
    gov, nongov = by_sector.get("government", {}), by_sector.get("non_government", {})
    share = {}
    for y in set(gov) | set(nongov):            # unspecified sector is ignored
        g, n = gov.get(y, 0.0), nongov.get(y, 0.0)
        share[y] = g / (g + n) * 100 if g + n != 0 else None
    put("government_share", share)

    # ratios: only years with both numbers
    ratio = {y: total[y] / c.pop[y] * 1e5 for y in total if c.pop.get(y)}
    put("ratio_per_100k", ratio)
    put("ratio_per_100k_children", {y: total[y] / c.children[y] * 1e5 for y in total if c.children.get(y)})
    put("people_per_worker", {y: c.pop[y] / total[y] for y in total if c.pop.get(y) is not None and total[y] != 0})

    # change since the first year with a total; the base year itself has none
    if total:
        y0 = min(total)
        t0 = total[y0]
        later = [y for y in total if y > y0]
        put("workforce_change", {y: total[y] - t0 for y in later})
        put("workforce_change_pct", {y: (total[y] - t0) / abs(t0) * 100 if t0 != 0 else None for y in later})
        put("workforce_cagr", {y: cagr(t0, total[y], y - y0) for y in later})

    # least-squares trend of the ratio, floored at 0, needs trend_min_points years
    ys = sorted(ratio)
    if len(ys) >= max(cfg["trend_min_points"], 2):
        slope, intercept = statistics.linear_regression(ys, [ratio[y] for y in ys])
        line = lambda y: max(0.0, intercept + slope * y)
        put("ratio_trend", {y: line(y) for y in ys + list(range(ys[-1] + 1, PY + 1))})
        put("ratio_trend_slope", {ys[-1]: slope})
        put("ratio_projection", {PY: line(PY)})
    put("ratio_target", {TY: target})
    if ratio:
        yl = max(ratio)
        put("growth_needed", {yl: cagr(ratio[yl], target, TY - yl)})

    # education
    for k, s in sums(c.edu, "institutions", key=lambda r: r["level"]).items():
        put("institutions_by_level", s, k)
    for k, s in sums(c.edu, "graduates", key=lambda r: r["level"]).items():
        put("graduates_by_level", s, k)
    grads = sums(c.edu, "graduates")
    put("graduates_total", grads)
    put("graduates_per_100k", {y: grads[y] / c.pop[y] * 1e5 for y in grads if c.pop.get(y)})

    # capacity score: (yes + 0.5 partial) / items of the pillar x 100, none when
    # no item of the pillar has a known status that year
    size = defaultdict(int)
    pillar_of = {}
    for item, pillar in items:
        size[pillar] += 1
        pillar_of[item] = pillar
    for pillar in PILLARS:
        score = {}
        for y in {r["year"] for r in c.sys}:
            rows = [r for r in c.sys if r["year"] == y and pillar_of[r["item"]] == pillar]
            known = [r for r in rows if r["status"] in ("yes", "partial", "no")]
            if known:
                pts = sum(1.0 if r["status"] == "yes" else 0.5 if r["status"] == "partial" else 0.0
                          for r in known)
                score[y] = pts / size[pillar] * 100
        put("capacity_score", score, pillar)
    # the status of each element, as 1 under "item/status" in the years of its rows
    for r in c.sys:
        R.setdefault(("capacity_status", r["item"] + "/" + r["status"]), {})[r["year"]] = 1.0

    # planning aid
    pop_proj = None
    if c.pop:
        y1 = max(c.pop)
        if TY <= y1:
            pop_proj = c.pop.get(TY)
        else:
            rate, _ = recent_growth(c.pop)
            pop_proj = c.pop[y1] * (1 + (rate or 0.0) / 100) ** (TY - y1)
    if pop_proj is not None:
        put("population_projected", {TY: pop_proj})
        need = target * pop_proj / 1e5
        put("gap_workers_needed", {TY: need})
    else:
        need = None
    recent, recent_year = recent_growth(total)
    if recent is not None:
        put("workforce_recent_growth", {recent_year: recent})
    if total and max(total) < TY:
        y = max(total)
        w, left = total[y], TY - y
        add = need - w if need is not None else None
        need_rate = cagr(w, need, left) if need is not None else None
        if add is not None:
            put("gap_additional", {y: add})
            put("gap_per_year", {y: add / left})
        put("gap_growth_needed", {y: need_rate})
        if add is not None and add <= 0:
            put("gap_on_track", {y: 1.0})
        elif need_rate is not None and recent is not None and recent_year == y:
            put("gap_on_track", {y: 1.0 if recent >= need_rate else 0.0})

    # completeness: cells present / expected, per table and in total
    n_cadres = len([k for k in cadres if k != "unspecified"])
    expected = {"population": 2, "workforce": n_cadres + 1, "education": 2 * len(LEVELS),
                "system": len(items)}
    years = set(c.pop) | {r["year"] for r in c.work + c.edu + c.sys}
    comp = {t: {} for t in expected}
    comp_total = {}
    for y in years:
        have = {}
        have["population"] = (c.pop.get(y) is not None) + (c.children.get(y) is not None)
        wrows = [r for r in c.work if r["year"] == y and r["count"] is not None]
        have["workforce"] = (len({r["cadre"] for r in wrows if r["cadre"] != "unspecified"})
                             + any(r["sector"] != "unspecified" for r in wrows))
        have["education"] = sum((r["institutions"] is not None) + (r["graduates"] is not None)
                                for r in c.edu if r["year"] == y)
        have["system"] = len([r for r in c.sys if r["year"] == y and r["status"] != "unknown"])
        for t in expected:
            comp[t][y] = 100.0 * have[t] / expected[t]
        comp_total[y] = 100.0 * sum(have.values()) / sum(expected.values())
    for t in expected:
        put("completeness", comp[t], t)
    put("completeness_total", comp_total)
    return R


def phase2(countries, results, failed, items, Y):
    """Ranks, medians and counts of the ratio per 100,000 among the countries with
    a ratio that year (failed countries left out); 1 = highest, ties share the best."""
    lists = defaultdict(lambda: defaultdict(list))    # group or None (world) -> year -> values
    for iso, c in countries.items():
        if iso in failed:
            continue
        for y, v in results[iso].get(("ratio_per_100k", ""), {}).items():
            lists[c.group][y].append(v)
            lists[None][y].append(v)
    for iso, c in countries.items():
        if iso in failed:
            continue
        R = results[iso]
        own = R.get(("ratio_per_100k", ""), {})
        for name, grp in (("group", c.group), ("world", None)):
            L = lists[grp]
            rank = {y: 1.0 + sum(1 for x in L[y] if x > v) for y, v in own.items()}
            if rank:
                R[("rank_in_" + name, "")] = rank
            if L:
                R[(name + "_median", "")] = {y: statistics.median(vs) for y, vs in L.items()}
                R[(name + "_count", "")] = {y: float(len(vs)) for y, vs in L.items()}


    overview(countries, results, failed, items, Y)


STATUSES = ["yes", "partial", "no", "unknown"]


def latest(series, year):
    """The value of the latest year <= year, or None."""
    ys = [y for y in series if y <= year]
    return series[max(ys)] if ys else None


def overview(countries, results, failed, items, Y):
    """95_overview.lua: at the report year Y (config.lua's edition), over the countries
    that did not fail, each with its latest figure up to it: the countries with a workforce total, with a verdict on the
    target and on track; each country's rank by its ratio (highest first, ties by
    ISO code); the medians of the two ratios and the number of countries with a ratio,
    by UN region and for the world; the countries by status of each capacity-grid
    element (unknown without a row)."""
    ok = [iso for iso in countries if iso not in failed]
    region = {iso: r["region"] for iso, r in REGIONS.items()}
    ratios = ("ratio_per_100k", "ratio_per_100k_children")
    lists = defaultdict(lambda: {k: [] for k in ratios})     # region or None -> ratio -> values
    for iso in ok:
        for k in ratios:
            v = latest(results[iso].get((k, ""), {}), Y)
            if v is not None:
                lists[region[iso]][k].append(v)
                lists[None][k].append(v)
    counts = {item + "/" + st: 0 for item, _ in items for st in STATUSES}
    for iso in ok:
        for item, _ in items:
            best, status = None, "unknown"
            for st in STATUSES:
                s = results[iso].get(("capacity_status", item + "/" + st), {})
                ys = [y for y in s if y <= Y]
                if ys and (best is None or max(ys) > best):
                    best, status = max(ys), st
            counts[item + "/" + status] += 1
    def latest_of(ind):
        return {iso: v for iso in ok for v in [latest(results[iso].get((ind, ""), {}), Y)] if v is not None}
    with_data, verdicts, ratio = latest_of("workforce_total"), latest_of("gap_on_track"), latest_of("ratio_per_100k")
    order = sorted(ratio, key=lambda iso: (-ratio[iso], iso))
    for iso in ok:
        R = results[iso]
        R[("report_year", "")] = {Y: float(Y)}
        R[("world_overview_counts", "with_data")] = {Y: float(len(with_data))}
        R[("world_overview_counts", "with_target")] = {Y: float(len(verdicts))}
        R[("world_overview_counts", "on_track")] = {Y: float(sum(1 for v in verdicts.values() if v == 1))}
        if iso in ratio:
            R[("rank_in_world_latest", "")] = {Y: float(order.index(iso) + 1)}
        for name, area in (("region", region[iso]), ("world", None)):
            L = lists[area]
            for k in ratios:
                if L[k]:
                    R[(name + "_median_latest", k)] = {Y: statistics.median(L[k])}
            R[(name + "_count_latest", "")] = {Y: float(len(L["ratio_per_100k"]))}
        for key, n in counts.items():
            R[("capacity_status_count", key)] = {Y: float(n)}


PHASE2 = {"rank_in_group", "rank_in_world", "group_median", "world_median", "group_count", "world_count",
          "report_year", "region_median_latest", "region_count_latest", "world_median_latest",
          "world_count_latest", "capacity_status_count", "world_overview_counts", "rank_in_world_latest"}


HISTORY = {"workforce_change", "workforce_change_pct", "workforce_cagr", "ratio_trend",
           "ratio_trend_slope", "ratio_projection", "growth_needed", "gap_additional",
           "gap_per_year", "gap_growth_needed", "workforce_recent_growth", "gap_on_track"}


def illustrative_years(c, history=False):
    """Years whose values rest on an illustrative input: that year's, or for an
    indicator that reaches back (changes, trends, projections) any earlier year's."""
    years = {r["year"] for r in c.work + c.edu + c.sys if r["source"] == "illustrative"}
    if history and years:
        return set(range(min(years), 2036))
    return years


# ---- the library probe ------------------------------------------------------

def probe(c, R, cadres):
    """Expected values of tests/fixtures/indicators/99_lib_probe.lua, which calls every
    function of scripts/lib on this country's data (see that file for the inputs)."""
    total = R.get(("workforce_total", ""), {})
    ratio = R.get(("ratio_per_100k", ""), {})
    grads = R.get(("graduates_total", ""), {})
    nongov = R.get(("workforce_by_sector", "non_government"), {})
    sw = R.get(("workforce_by_cadre", "social_worker"), {})
    P = defaultdict(dict)
    for y in total:
        if c.children.get(y):
            P["ratio"][y] = total[y] / c.children[y] * 1000
        P["share"][y] = nongov[y] / total[y] * 100 if y in nongov and total[y] != 0 else None
    for y in grads:
        if c.children.get(y):
            P["per_100k"][y] = grads[y] / c.children[y] * 1e5
        if c.pop.get(y) is not None and grads[y] != 0:
            P["one_in_n"][y] = c.pop[y] / grads[y]
    for y in c.pop:
        if y - 1 in c.pop:
            P["pct_change"][y] = (c.pop[y] - c.pop[y - 1]) / abs(c.pop[y - 1]) * 100
        if 2010 in c.pop and y > 2010:
            P["cagr"][y] = cagr(c.pop[2010], c.pop[y], y - 2010)
        P["rank_desc"][y] = 1 + sum(1 for v in c.pop.values() if v > c.pop[y])
        P["rank_asc"][y] = 1 + sum(1 for v in c.pop.values() if v < c.pop[y])
        P["map"][y] = c.pop[y] / 1e6
    for y, v in ratio.items():
        # halves away from zero, on the binary value
        P["round"][y] = math.copysign(math.floor(abs(v) * 10 + 0.5) / 10, v)
    if c.pop:
        ys = sorted(c.pop)
        yl = ys[-1]
        P["median"][yl] = statistics.median(c.pop.values())
        med = statistics.median(c.pop.values())
        P["mad"][yl] = statistics.median(abs(v - med) for v in c.pop.values())
        P["years_n"][ys[0]] = len(ys)
        if len(ys) >= 2:
            slope, intercept = statistics.linear_regression(ys, [c.pop[y] / 1e6 for y in ys])
            P["fit_slope"][yl] = slope
            P["fit_intercept"][yl] = intercept
            P["project"][2030] = intercept + slope * 2030
    if sw:
        P["sum"][max(sw)] = sum(sw.values())
    if total:
        y0, y1 = min(total), max(total)
        P["first"][y0] = total[y0]
        P["last"][y1] = total[y1]
        before = [y for y in total if y <= 2020]
        if before:
            P["at_or_before"][2020] = total[max(before)]
            P["at_or_before_year"][2020] = max(before)
    for y in total:
        if y in c.children:
            P["combine"][y] = total[y] + c.children[y]
    if ratio:
        yl = max(ratio)
        P["growth_needed"][yl] = cagr(ratio[yl], 50, 2030 - yl)
    return {("lib_probe", k): {y: v for y, v in s.items() if v is not None}
            for k, s in P.items() if any(v is not None for v in s.values())}


# ---- comparison -------------------------------------------------------------

def matches(got, exp, decimals):
    d = min(decimals + 2, 6)
    return abs(got - exp) <= 0.5 * 10 ** -d + REL_TOL * abs(exp) + 1e-12


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--datasets", required=True)
    ap.add_argument("--scripts", required=True)
    ap.add_argument("--csv", required=True)
    ap.add_argument("--countries", default="")
    ap.add_argument("--require", default="")
    ap.add_argument("--failed", default="")
    ap.add_argument("--probe", action="store_true")
    a = ap.parse_args()
    split = lambda s: [x for x in s.split(",") if x]

    cfg = read_config(a.scripts)
    countries, cadres, items = load(a.datasets)
    failed = set(split(a.failed))
    results = {iso: ({} if iso in failed else phase1(c, cadres, items, cfg))
               for iso, c in countries.items()}
    phase2(countries, results, failed, items, cfg["edition"])
    known = dict(INDICATORS)
    if a.probe:
        known.update(PROBE)
        for iso, c in countries.items():
            if iso not in failed:
                results[iso].update(probe(c, results[iso], cadres))
    selected = set(split(a.countries)) or set(countries)

    problems = defaultdict(list)        # indicator -> messages
    checked = defaultdict(int)
    got = {}                            # (iso3, ind, key, year) -> row
    with open(a.csv, newline="", encoding="utf-8") as f:
        rd = csv.DictReader(f)
        if rd.fieldnames != ["iso3", "indicator", "key", "year", "value", "unit", "illustrative"]:
            problems["(header)"].append("header is %s" % rd.fieldnames)
        for r in rd:
            k = (r["iso3"], r["indicator"], r["key"], int(r["year"]))
            if k in got:
                problems[r["indicator"]].append("duplicate row %s %s %s" % (k[0], k[2], k[3]))
            got[k] = r

    for iso in split(a.require):
        if not any(k[0] == iso for k in got):
            problems["(countries)"].append("no rows at all for %s" % iso)
    for (iso, ind, key, year), r in got.items():
        if iso not in selected:
            problems["(countries)"].append("row for %s, which was not selected" % iso)
        if ind not in known:
            problems[ind].append("unknown indicator: the checker has no definition for it")
            continue
        unit, dec = known[ind]
        if r["unit"] != unit:
            problems[ind].append("%s %s %s: unit %s, expected %s" % (iso, key, year, r["unit"], unit))
        exp = results.get(iso, {}).get((ind, key), {}).get(year)
        if exp is None:
            problems[ind].append("%s %s %s: got %s where no value is expected (missing data)"
                                 % (iso, key or "-", year, r["value"]))
        elif not matches(float(r["value"]), exp, dec):
            problems[ind].append("%s %s %s: got %s, expected %.10g" % (iso, key or "-", year, r["value"], exp))
        else:
            checked[ind] += 1
        if ind in PHASE2:   # built from every country's values
            ill = "1" if any(year in illustrative_years(c) for c in countries.values()) else "0"
        else:
            ill = "1" if year in illustrative_years(countries[iso], ind in HISTORY) else "0"
        if r["illustrative"] != ill:
            problems["(illustrative)"].append("%s %s %s %s: illustrative %s, expected %s"
                                              % (iso, ind, key or "-", year, r["illustrative"], ill))
        else:
            checked["(illustrative)"] += 1
    for iso in selected:
        for (ind, key), s in results.get(iso, {}).items():
            for y, v in s.items():
                if ind in known and (iso, ind, key, y) not in got:
                    problems[ind].append("%s %s %s: no row, expected %.10g" % (iso, key or "-", y, v))

    bad = False
    for ind in sorted(set(known) | set(problems) | {"(illustrative)"}):
        p = problems.get(ind, [])
        if not p and checked[ind] == 0 and ind in known:
            p = ["no rows at all to check"]
        if p:
            bad = True
            for m in p[:MAX_REPORTS]:
                print("FAIL %s: %s" % (ind, m))
            if len(p) > MAX_REPORTS:
                print("FAIL %s: ... and %d more" % (ind, len(p) - MAX_REPORTS))
        else:
            print("PASS %s %d" % (ind, checked[ind]))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
