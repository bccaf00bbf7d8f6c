# t_20_indicators.sh — the values of every indicator, recomputed independently by
# tests/indicators_check.py (Python, from datasets/*.csv and the definitions in the
# scripts' descriptions) and compared with `sswr indicators`; missing values must have
# no row; CSV and JSON agree; --country and --year filter; the illustrative flag.
#
# indicators_check.py prints "PASS id n" or "FAIL id: what" per indicator; each
# indicator becomes one test here, so a wrong formula names its indicator.

CHECK=(/usr/bin/python3 "$ROOT/tests/indicators_check.py")
FIX="$ROOT/tests/fixtures/indicators"
# Named cases: Kenya; Nepal and Indonesia (published 2015 figures, Nepal's with cadre
# and sector "unspecified"); France; Djibouti and Gabon (missing years, Gabon stops in
# 2022); Albania (no workforce data at all); Saint Martin (population only); Honduras
# (no education); United States (no sector split).
NAMED=KEN,NPL,IDN,FRA,DJI,GAB,ALB,MAF,HND,USA

# check_values TITLE CSV CHECKER-ARGS... — one test per indicator of the checker.
check_values() {
    local title=$1 csv=$2 verdicts ids id line
    shift 2
    verdicts=$("${CHECK[@]}" --csv "$csv" "$@" 2>&1)
    local status=$?
    ids=$(sed -nE 's/^(PASS|FAIL) ([^ :]+).*/\2/p' <<<"$verdicts" | sort -u)
    t_begin "$title: the checker ran"
    [ -n "$ids" ] || t_fail "no verdicts from indicators_check.py (status $status): $(head -c 1500 <<<"$verdicts")"
    if grep -q '^FAIL' <<<"$verdicts"; then
        [ "$status" = 1 ] || t_fail "checker status $status with failures"
    else
        [ "$status" = 0 ] || t_fail "checker status $status without failures: $(head -c 1500 <<<"$verdicts")"
    fi
    t_end
    for id in $ids; do
        t_begin "$title: $id"
        while IFS= read -r line; do
            [ -n "$line" ] && t_fail "${line#"FAIL $id: "}"
        done <<<"$(grep -F "FAIL $id:" <<<"$verdicts")"
        t_end
    done
}

# rows_of CSV AWK-CONDITION — the header and the data rows matching the condition.
rows_of() { awk -F, -v OFS=, "NR == 1 || ($2)" "$1"; }

ALL="$TMPROOT/indicators_all.csv"

t_begin "indicators: shipped data, all countries, exit 0 and nothing on stderr but the count"
run "$SSWR" indicators --format csv -o "$ALL"
expect_status 0
expect_err_has "sswr indicators: wrote "
[ "$(grep -vc '^sswr indicators: wrote ' <<<"$ERR")" = 0 ] || t_fail "unexpected stderr: $(head -c 600 <<<"$ERR")"
expect_eq "$(head -n1 "$ALL")" "iso3,indicator,key,year,value,unit,illustrative" "header"
t_end

check_values "values (shipped data)" "$ALL" --datasets "$ROOT/datasets" --scripts "$ROOT/scripts" \
    --require "$NAMED"

# The same facts, spelled out for the cases named in the issue (the checker covers
# them too; these say what is meant when they fail).
t_begin "values: missing data has no row, never a 0"
all=$ALL
# Albania has no workforce rows: no head count, ratio, change, trend, gap or rank...
for ind in workforce_total workforce_by_cadre ratio_per_100k people_per_worker workforce_change \
           ratio_trend growth_needed gap_additional gap_on_track rank_in_group rank_in_world; do
    grep -q "^ALB,$ind," "$all" && t_fail "ALB has a $ind row without workforce data"
done
# ...but its region's median, its target and its completeness are known.
grep -q '^ALB,group_median,,2024,' "$all" || t_fail "ALB lacks the group median of 2024"
grep -q '^ALB,ratio_target,,2030,30,' "$all" || t_fail "ALB lacks its target"
grep -q '^ALB,completeness,workforce,2024,0,' "$all" || t_fail "ALB lacks workforce completeness 0"
# Kenya reports no workforce in 2017, 2020 and 2022: no value for those years.
for y in 2017 2020 2022; do
    grep -qE "^KEN,(workforce_total|ratio_per_100k|people_per_worker|workforce_change|rank_in_group),,$y," "$all" &&
        t_fail "KEN has a value for $y, a year without workforce data"
done
grep -q '^KEN,group_median,,2017,' "$all" || t_fail "KEN lacks the group median of 2017 (its group has data)"
# The base year (Kenya: 2015) has no change.
grep -qE '^KEN,workforce_(change|change_pct|cagr),,2015,' "$all" && t_fail "KEN has a change in its base year"
grep -q '^KEN,workforce_change,,2016,' "$all" || t_fail "KEN lacks the change of 2016"
# No sector split (USA), or only "unspecified" (NPL 2015): no government share.
grep -q '^USA,government_share,' "$all" && t_fail "USA has a government share without a sector split"
grep -q '^NPL,government_share,,2015,' "$all" && t_fail "NPL 2015 has a government share (sector unspecified)"
# Saint Martin: population only.
grep -qE '^MAF,(workforce_total|graduates_total|capacity_score),' "$all" && t_fail "MAF has data it does not report"
t_end

t_begin "values: the published figures of 2015 (Nepal, Indonesia) are not illustrative"
for row in "NPL,workforce_total,,2015,240,count,0" "NPL,workforce_by_cadre,unspecified,2015,240,count,0" \
           "NPL,workforce_by_sector,unspecified,2015,240,count,0" \
           "NPL,workforce_by_cadre_sector,unspecified/unspecified,2015,240,count,0" \
           "IDN,workforce_total,,2015,485,count,0" "IDN,workforce_by_cadre,social_worker,2015,485,count,0" \
           "IDN,workforce_by_sector,unspecified,2015,485,count,0"; do
    grep -qxF "$row" "$all" || t_fail "missing row: $row"
done
grep -q '^NPL,ratio_per_100k,,2015,[0-9.]*,per_100k,0$' "$all" || t_fail "NPL ratio 2015 missing or flagged illustrative"
grep -q '^NPL,workforce_total,,2016,[0-9]*,count,1$' "$all" || t_fail "NPL 2016 (illustrative) not flagged"
grep -q '^KEN,workforce_total,,2015,[0-9]*,count,1$' "$all" || t_fail "KEN 2015 (illustrative) not flagged"
t_end

t_begin "indicators --country: exactly the rows of those countries"
run "$SSWR" indicators --country "$(tr 'A-Z' 'a-z' <<<"$NAMED")" --format csv
expect_status 0
cond=$(sed -E 's/([A-Z]{3})/$1 == "\1"/g; s/,/ || /g' <<<"$NAMED")
expect_eq "$(md5sum <<<"$OUT")" "$(rows_of "$ALL" "$cond" | md5sum)" "--country $NAMED output vs. the full export"
[ "$(cut -d, -f1 <<<"$OUT" | sort -u | wc -l)" = 11 ] || t_fail "expected 10 countries and the header"
t_end

t_begin "indicators --year: only that year, same values"
run "$SSWR" indicators --year 2015 -o "$TMPROOT/indicators_2015.csv"
expect_status 0
expect_eq "$(md5sum <"$TMPROOT/indicators_2015.csv")" "$(rows_of "$ALL" '$4 == 2015' | md5sum)" "--year 2015 vs. the full export"
grep -q '^NPL,workforce_total,,2015,240,count,0$' "$TMPROOT/indicators_2015.csv" || t_fail "NPL 2015 total missing"
t_end

t_begin "indicators --year: out of range or not a year is a usage error"
for y in 2040 1989 20x; do
    run "$SSWR" indicators --year "$y"
    expect_status 2
    expect_err "sswr indicators: --year '$y' is not a year from 1990 to 2035"
done
t_end

t_begin "indicators --format json: valid JSON with the same rows as the CSV"
run "$SSWR" indicators --format json -o "$TMPROOT/indicators_all.json"
expect_status 0
# json.load is what `python3 -m json.tool` runs (without its slow pretty-printing);
# NaN and Infinity, which JSON does not have, are refused.
run /usr/bin/python3 - "$TMPROOT/indicators_all.json" "$ALL" <<'EOF'
import csv, json, sys
def refuse(name):
    sys.exit("not JSON: %s" % name)
rows = json.load(open(sys.argv[1], encoding="utf-8"), parse_constant=refuse)
fields = ["iso3", "indicator", "key", "year", "value", "unit", "illustrative"]
bad = [r for r in rows if sorted(r) != sorted(fields)]
if bad:
    sys.exit("JSON rows with other fields: %s" % bad[:3])
js = [(r["iso3"], r["indicator"], r["key"] or "", r["year"], float(r["value"]), r["unit"],
       r["illustrative"]) for r in rows]
with open(sys.argv[2], newline="", encoding="utf-8") as f:
    cs = [(r["iso3"], r["indicator"], r["key"], int(r["year"]), float(r["value"]), r["unit"],
           {"1": True, "0": False}[r["illustrative"]]) for r in csv.DictReader(f)]
if js != cs:
    diff = [(a, b) for a, b in zip(js, cs) if a != b][:3]
    sys.exit("JSON %d rows, CSV %d rows; first differences: %s" % (len(js), len(cs), diff))
if any(r["key"] is not None and r["key"] == "" for r in rows):
    sys.exit("an empty key is \"\" in JSON, expected null")
print(len(js))
EOF
expect_status 0
[ "${OUT:-0}" -gt 80000 ] || t_fail "only ${OUT:-0} rows compared"
t_end

# ---- edge cases: a copy of the datasets where five small countries get made-up
# data (tests/fixtures/indicators/edge/*.csv, replacing all their rows):
#   ATG  a base year counting 0 workers (ratio 0, no "1 in N", no % change or CAGR),
#        a year without rows between years with rows (nothing invented for it),
#        a non-illustrative year, a
#        year with only non-government workers (share 0 %), one with no split, one
#        with a split and an "unspecified" row (left out of the share);
#   KNA  a falling ratio whose trend is floored at 0; the same ratio as ATG in 2016
#        (tied ranks);
#   AND  two years with a ratio (no trend), population and workforce with no year
#        in the last five before the latest;
#   ASM  data after the target year (no gap), no population for the target year;
# (empty counts and workers in a year without population are data errors: t_61)
#   BMU  no workforce; a pillar all "unknown" (no score), missing items (count as
#        "no"), graduates empty or a reported 0, a non-illustrative capacity grid;
# and Rwanda gets a bad row, so its data fails and it leaves the comparisons.
EDGE=$(fixture indicators_edge)
for f in population workforce education system; do
    grep -vE '^(ATG|KNA|AND|ASM|BMU),' "$EDGE/$f.csv" >"$EDGE/$f.tmp"
    tail -n +2 "$FIX/edge/$f.csv" >>"$EDGE/$f.tmp"
    mv "$EDGE/$f.tmp" "$EDGE/$f.csv"
done
echo 'RWA,2016,doctor,government,5,illustrative,' >>"$EDGE/workforce.csv"
EDGE_LINE=$(wc -l <"$EDGE/workforce.csv")
EDGE_CSV="$TMPROOT/indicators_edge.csv"

t_begin "edge cases: a country with bad data fails alone"
run "$SSWR" indicators --datasets "$EDGE" -o "$EDGE_CSV"
expect_status 1
expect_err "$EDGE/workforce.csv:$EDGE_LINE: column cadre: unknown cadre \"doctor\" (expected one of: social_worker, para_social_worker, child_protection_officer, community_development_worker, social_welfare_officer, unspecified)"
# ...and is the only message: no script error for the odd data of the others.
others=$(grep -v -e "^$EDGE/workforce.csv:$EDGE_LINE: " -e '^sswr indicators: wrote ' <<<"$ERR")
[ -z "$others" ] || t_fail "other messages: $(head -c 1000 <<<"$others")"
grep -q '^RWA,' "$EDGE_CSV" && t_fail "RWA has rows although its data failed"
grep -q '^KEN,ratio_per_100k,,2024,' "$EDGE_CSV" || t_fail "KEN lacks its ratio"
t_end

check_values "values (edge cases)" "$EDGE_CSV" --datasets "$EDGE" --scripts "$ROOT/scripts" \
    --failed RWA --require ATG,KNA,AND,ASM,BMU,KEN

t_begin "edge cases: the rules spelled out"
edge=$EDGE_CSV
# Illustrative flags: ATG's 2016 figures are official (0), but its change since 2014
# compares with an illustrative base year, and KNA's projection extends illustrative
# years: indicators declared with history = true are flagged then (1).
for row in "ATG,workforce_total,,2014,0,count,1" "ATG,ratio_per_100k,,2014,0,per_100k,1" \
           "ATG,government_share,,2017,0,percent,1" "ATG,government_share,,2016,100,percent,0" \
           "KNA,ratio_projection,,2030,0,per_100k,1" "ATG,workforce_change,,2016,7,count,1" \
           "AND,ratio_per_100k,,2012,14.815,per_100k,1" "ASM,workforce_recent_growth,,2031,6.066,rate,1" \
           "BMU,capacity_score,planning,2020,37.5,score,1" "BMU,capacity_score,developing,2020,33.33,score,1" \
           "BMU,capacity_score,supporting,2024,100,score,0" "BMU,graduates_by_level,diploma,2022,0,count,1" \
           "AND,population_projected,,2030,90135.55,count,0"; do
    grep -qxF "$row" "$edge" || t_fail "missing row: $row"
done
for pat in '^ATG,people_per_worker,,2014,' '^ATG,workforce_(change_pct|cagr),' '^ATG,(workforce_total|ratio_per_100k),,2019,' \
           '^ATG,government_share,,(2014|2020),' \
           '^AND,ratio_(trend|trend_slope|projection),' '^ASM,(gap_|growth_needed|population_projected)' \
           '^BMU,capacity_score,supporting,2020,' '^BMU,graduates_(total|by_level),.*,2021,' '^BMU,(workforce_total|ratio_per_100k),'; do
    grep -qE "$pat" "$edge" && t_fail "a row where the value must be missing: $(grep -m1 -E "$pat" "$edge")"
done
atg=$(grep '^ATG,rank_in_group,,2016,' "$edge" | cut -d, -f5)
kna=$(grep '^KNA,rank_in_group,,2016,' "$edge" | cut -d, -f5)
[ -n "$atg" ] && [ "$atg" = "$kna" ] || t_fail "ATG and KNA have the same ratio in 2016 but ranks '$atg' and '$kna'"
t_end

# ---- configuration and library: a copy of scripts/ whose config.lua has a national
# target for Kenya, needs 8 years for a trend and projects to 2028, plus
# tests/fixtures/indicators/99_lib_probe.lua, which calls every library function.
CFG="$TMPROOT/indicators_cfg_scripts"
rm -rf "$CFG"
cp -r "$ROOT/scripts" "$CFG"
cp "$FIX/99_lib_probe.lua" "$CFG/indicators/"
sed -i -e 's/^\( *\)-- KEN = 40,.*/\1KEN = 40,/' -e 's/trend_min_points = 3,/trend_min_points = 8,/' \
    -e 's/projection_year = 2030,/projection_year = 2028,/' "$CFG/config.lua"
CFG_CSV="$TMPROOT/indicators_cfg.csv"

t_begin "configuration fixture: config.lua altered and the probe runs"
[ "$(grep -cE '^ *KEN = 40,|trend_min_points = 8,|projection_year = 2028,' "$CFG/config.lua")" = 3 ] ||
    t_fail "the sed edits of config.lua did not apply (config.lua changed?)"
run "$SSWR" indicators --scripts "$CFG" -o "$CFG_CSV"
expect_status 0
[ "$(grep -vc '^sswr indicators: wrote ' <<<"$ERR")" = 0 ] || t_fail "unexpected stderr: $(head -c 600 <<<"$ERR")"
grep -qxF 'KEN,ratio_target,,2030,40,per_100k,0' "$CFG_CSV" || t_fail "KEN's national target is not used"
grep -qxF 'NPL,ratio_target,,2030,30,per_100k,0' "$CFG_CSV" || t_fail "NPL does not get the default target"
grep -q '^KEN,ratio_trend' "$CFG_CSV" && t_fail "KEN has 7 years with a ratio but got a trend (8 needed)"
grep -q '^FRA,ratio_projection,,2028,' "$CFG_CSV" || t_fail "FRA lacks a projection to 2028"
grep -q '^[A-Z]*,ratio_trend,,2029,' "$CFG_CSV" && t_fail "a trend goes past the projection year"
[ "$(grep -c '^KEN,lib_probe,' "$CFG_CSV")" -gt 50 ] || t_fail "few lib_probe rows for KEN"
t_end

check_values "values (config, library)" "$CFG_CSV" --datasets "$ROOT/datasets" --scripts "$CFG" --probe \
    --require "$NAMED"
