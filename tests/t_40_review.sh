# t_40_review.sh — the data review (issue 9): the rules of scripts/review.lua, `sswr review`
# (text and CSV) and the review warnings of `sswr check`. A fixture (a copy of the shipped
# datasets) gets one trigger per rule; every expected message, file and line is computed
# here from the CSV files (awk, and python for the outlier statistics), not by sswr.

# lno FILE KEY → line number of the first row starting with "KEY,"
lno() { grep -n -m1 "^$2," "$1" | cut -d: -f1; }
# fld FILE LINE N → field N of line LINE (rows edited here have no quoted fields)
fld() { awk -F, -v l="$2" -v n="$3" 'NR == l { print $n }' "$1"; }
# setf FILE LINE N VALUE → sets field N of line LINE
setf() { awk -F, -v OFS=, -v l="$2" -v n="$3" -v v="$4" 'NR == l { $n = v } 1' "$1" >"$1.tmp" && mv "$1.tmp" "$1"; }
# wsum FILE ISO3 YEAR [CADRE] → sum of the counts of a country-year (of a cadre)
wsum() { awk -F, -v c="$2" -v y="$3" -v k="${4:-}" '$1 == c && $2 == y && (k == "" || $3 == k) && $5 != "" { s += $5 } END { printf "%d", s }' "$1"; }
# need VALUE WHAT → fails the test when a precondition on the shipped data does not hold
need() { [ -n "$1" ] || t_fail "fixture precondition: $2"; }
# small NAME ISO3... → a copy of the datasets with only these countries (fast runs)
small() {
    local d; d=$(fixture "$1"); shift
    local keep; keep=$(IFS=,; echo "$*")
    for f in "$d"/countries.csv "$d"/population.csv "$d"/workforce.csv "$d"/education.csv \
             "$d"/system.csv "$d"/published.csv "$d"/names/*.csv; do
        awk -F, -v keep="$keep" 'BEGIN { n = split(keep, k, ","); for (i = 1; i <= n; i++) ok[k[i]] = 1 }
                                 NR == 1 || ok[$1]' "$f" >"$f.tmp" && mv "$f.tmp" "$f"
    done
    for f in "$d"/stories/*.md; do   # the other countries' stories go with them
        [ -e "$f" ] && ! grep -qE "^($(tr ' ' '|' <<<"$*"))\." <<<"${f##*/}" && rm -f "$f"
    done
    echo "$d"
}
# warnings → the number of warning lines in $ERR
warnings() { grep -c ': warning: ' <<<"$ERR"; }

# ---- the shipped datasets -------------------------------------------------------------

t_begin "review: sswr check on the shipped datasets exits 0 with review warnings only"
run $SSWR check
expect_status 0
n=$(warnings)
expect_err_has ", 0 errors, $n warnings ("
groups=$(grep '^sswr check: warnings: ' <<<"$ERR")
expect_eq "$(grep -c . <<<"$groups")" 1 "lines counting the warnings per rule"
grep -q "; review of 215 countries (" <<<"$groups" || t_fail "no 'review of 215 countries' in: $groups"
expect_eq "$(grep -oE '\([0-9]+\)' <<<"$groups" | tr -d '()' | awk '{ s += $1 } END { print s + 0 }')" "$n" "sum of the counts per rule"
rows=$(cat datasets/*.csv | wc -l)
[ "$n" -gt 0 ] || t_fail "no review warning at all on the shipped datasets"
# "reasonable": fewer than one warning per 20 data rows
[ "$n" -lt $((rows / 20)) ] || t_fail "$n warnings for $rows rows: a rule is too sensitive"
bad=$(grep ': warning: ' <<<"$ERR" | grep -vE '^datasets/(population|workforce|education|system)\.csv:[0-9]+: warning: (column [a-z_]+: )?[a-z_]+: .+' | head -3)
[ -z "$bad" ] || t_fail "warnings not in the form FILE:LINE: warning: column C: rule: message: $bad"
echo "  review warnings on the shipped datasets: $n ($(sed 's/^sswr check: warnings: //; s/;.*//' <<<"$groups"))"
t_end

t_begin "review: the published Indonesian 2015 figure stands out (jump + outlier), lines from the CSV"
l14=$(lno datasets/workforce.csv "IDN,2014"); l15=$(lno datasets/workforce.csv "IDN,2015"); l16=$(lno datasets/workforce.csv "IDN,2016")
t14=$(wsum datasets/workforce.csv IDN 2014); t15=$(wsum datasets/workforce.csv IDN 2015); t16=$(wsum datasets/workforce.csv IDN 2016)
need "$l14" "IDN 2014 rows"; need "$l16" "IDN 2016 rows"
f=$(awk -v a="$t14" -v b="$t15" 'BEGIN { printf "%.1f", 1 / (b / a) }')
expect_err "datasets/workforce.csv:$l15: warning: column count: jump: total of the workers (all rows of the year) fell from $t14 in 2014 (line $l14) to $t15 in 2015 (÷$f)"
f=$(awk -v a="$t15" -v b="$t16" 'BEGIN { printf "%.1f", b / a }')
expect_err "datasets/workforce.csv:$l16: warning: column count: jump: total of the workers (all rows of the year) rose from $t15 in 2015 (line $l15) to $t16 in 2016 (×$f)"
expect_err_has "datasets/workforce.csv:$l15: warning: column count: outlier: "
t_end

t_begin "review: sswr check --no-review runs no script and gives no warning"
run $SSWR check --no-review
expect_status 0
expect_eq "$(warnings)" 0 "warnings"
expect_err_has ", 0 errors, 0 warnings ("
expect_err_lacks "review of"
t_end

# ---- a fixture with one trigger per rule ----------------------------------------------

D=$(fixture review)
W=$D/workforce.csv E=$D/education.csv P=$D/population.csv S=$D/system.csv

# 1a. jump of a row: KEN social_worker/government ×5 in 2019 (previous year with data: 2018)
j_l0=$(lno "$W" "KEN,2018,social_worker,government"); j_l1=$(lno "$W" "KEN,2019,social_worker,government")
j_v0=$(fld "$W" "$j_l0" 5); j_v1=$(( $(fld "$W" "$j_l1" 5) * 5 ))
setf "$W" "$j_l1" 5 "$j_v1"
j_f=$(awk -v a="$j_v0" -v b="$j_v1" 'BEGIN { printf "%.1f", b / a }')
j_msg="count of social_worker/government rose from $j_v0 in 2018 (line $j_l0) to $j_v1 in 2019 (×$j_f)"

# 1b. jump of the ratio alone: UGA population ×3 in 2019 (the workforce does not move)
p_l0=$(lno "$P" "UGA,2018"); p_l1=$(lno "$P" "UGA,2019")
p0=$(fld "$P" "$p_l0" 3); p1=$(( $(fld "$P" "$p_l1" 3) * 3 ))
setf "$P" "$p_l1" 3 "$p1"
p_t0=$(wsum "$W" UGA 2018); p_t1=$(wsum "$W" UGA 2019)
p_msg=$(awk -v t0="$p_t0" -v t1="$p_t1" -v p0="$p0" -v p1="$p1" -v l0="$p_l0" 'BEGIN {
    r0 = t0 / p0 * 100000; r1 = t1 / p1 * 100000
    printf "workers per 100,000 fell from %.1f in 2018 to %.1f in 2019 (÷%.1f) while the count of workers changed only ×%.2f: check the population of 2018 (line %d) and 2019", r0, r1, 1 / (r1 / r0), t1 / t0, l0 }')

# 2. flat: ZAF social_worker/government 2016-2019 all equal to 2016 (2015 and 2020 differ)
for y in 2016 2017 2018 2019; do need "$(lno "$W" "ZAF,$y,social_worker,government")" "ZAF $y social_worker/government"; done
f_first=$(lno "$W" "ZAF,2016,social_worker,government"); f_v=$(fld "$W" "$f_first" 5)
for y in 2017 2018 2019; do setf "$W" "$(lno "$W" "ZAF,$y,social_worker,government")" 5 "$f_v"; done
f_last=$(lno "$W" "ZAF,2019,social_worker,government")
[ "$(fld "$W" "$(lno "$W" "ZAF,2015,social_worker,government")" 5)" != "$f_v" ] || t_fail "precondition: ZAF 2015 differs"
[ "$(fld "$W" "$(lno "$W" "ZAF,2020,social_worker,government")" 5)" != "$f_v" ] || t_fail "precondition: ZAF 2020 differs"
f_msg="count of social_worker/government is $f_v in each of the 4 years with data from 2016 to 2019 (first on line $f_first): copied from year to year?"

# 3. outlier: every BRA row of 2018 ×10
o_l=$(lno "$W" "BRA,2018")
awk -F, -v OFS=, '$1 == "BRA" && $2 == 2018 { $5 = $5 * 10 } 1' "$W" >"$W.tmp" && mv "$W.tmp" "$W"

# 4a. cadre_sum: MEX 2019 gets a published total (real source) of half its cadres' sum;
#     PHL 2019 an illustrative total of twice the sum (the total then counts both)
c_sum=$(wsum "$W" MEX 2019); c_pub=$((c_sum / 2))
echo "MEX,2019,unspecified,unspecified,$c_pub,National social welfare census 2019," >>"$W"
c_line=$(wc -l <"$W")
c_n=$(awk -F, '$1 == "MEX" && $2 == 2019 && $3 != "unspecified" { k[$3] = 1 } END { for (c in k) n++; print n }' "$W")
c_msg="the $c_n cadres add up to $c_sum in 2019, more than the published total of $c_pub (cadre unspecified)"
c2_sum=$(wsum "$W" PHL 2019); c2_pub=$((c2_sum * 2))
echo "PHL,2019,unspecified,unspecified,$c2_pub,illustrative," >>"$W"
c2_line=$(wc -l <"$W")
c2_n=$(awk -F, '$1 == "PHL" && $2 == 2019 && $3 != "unspecified" { k[$3] = 1 } END { for (c in k) n++; print n }' "$W")
c2_msg="a published total of $c2_pub (cadre unspecified) and $c2_n cadres adding up to $c2_sum in 2019: the workforce total counts both ($((c2_pub + c2_sum)))"
# 4b. sector_sum: TZA social_worker 2020 gets a sector-unspecified total below its split
s_split=$(wsum "$W" TZA 2020 social_worker); s_tot=$((s_split - 10))
echo "TZA,2020,social_worker,unspecified,$s_tot,illustrative," >>"$W"
s_line=$(wc -l <"$W")
s_msg="government and non-government social_worker add up to $s_split in 2020, more than the total of $s_tot given with sector unspecified"

# 6. education (PHL and AUS)
e_l=$(lno "$E" "PHL,2018,diploma"); e_i=$(fld "$E" "$e_l" 4); need "$e_l" "PHL 2018 diploma"
setf "$E" "$e_l" 5 $((e_i * 501))
e_msg="$((e_i * 501)) diploma graduates from $e_i institutions in 2018: 501 per institution, more than 500"
e2_l=$(lno "$E" "PHL,2018,master"); e2_i=$(fld "$E" "$e2_l" 4)
setf "$E" "$e2_l" 5 $((e2_i * 300))                       # exactly the limit: no finding
e3_l=$(lno "$E" "AUS,2018,doctorate"); need "$e3_l" "AUS 2018 doctorate"
setf "$E" "$e3_l" 4 1; setf "$E" "$e3_l" 5 51
e3_msg="51 doctorate graduates from 1 institution in 2018: 51 per institution, more than 50"
m_l=$(lno "$E" "PHL,2020,bachelor"); m_i=$(fld "$E" "$m_l" 4)
setf "$E" "$m_l" 5 ""
m_msg="$m_i institutions at bachelor level in 2020 but no number of graduates"
z_l=$(lno "$E" "PHL,2019,diploma"); z_g=$(fld "$E" "$z_l" 5)
setf "$E" "$z_l" 4 0
z_msg="$z_g diploma graduates in 2019 but 0 institutions"

# 7. sources: an empty source in workforce and system; the MEX total above is real, so the
#    illustrative rows of MEX 2019 are mixed with it
n_l=$(lno "$W" "KEN,2016,social_worker,non_government"); setf "$W" "$n_l" 6 ""
n2_l=$(lno "$S" "KEN,2020"); n2_item=$(fld "$S" "$n2_l" 3); setf "$S" "$n2_l" 5 ""
x_l=$(lno "$W" "MEX,2019,social_worker,government")
x_msg="the social_worker/government count of 2019 is illustrative while 1 other workforce row of 2019 has a real source (National social welfare census 2019)"

t_begin "review: the fixture checks with warnings only (exit 0, summary counts them)"
run $SSWR check --datasets "$D"
CHECK_ERR=$ERR
expect_status 0
n=$(warnings)
expect_err_has ", 0 errors, $n warnings ("
# the warnings come after every other line but the summary
last_warning=$(grep -n ': warning: ' <<<"$ERR" | tail -1 | cut -d: -f1)
[ "$last_warning" -eq $(( $(wc -l <<<"$ERR") - 2 )) ] || t_fail "the summary does not follow the warnings"
t_end

t_begin "review rule jump: a row ×5, with its file, line and the previous year's line"
ERR=$CHECK_ERR
expect_err "$W:$j_l1: warning: column count: jump: $j_msg"
# and back down the next year with data
j_l2=$(awk -F, '$1 == "KEN" && $2 > 2019 && $3 == "social_worker" && $4 == "government" { print NR; exit }' "$W")
need "$j_l2" "KEN social_worker/government after 2019"
expect_err_has "$W:$j_l2: warning: column count: jump: count of social_worker/government fell from $j_v1 in 2019 (line $j_l1)"
t_end

t_begin "review rule jump: the ratio moves but not the count → the population row"
ERR=$CHECK_ERR
expect_err "$P:$p_l1: warning: column population: jump: $p_msg"
expect_err_lacks "$W:$(lno "$W" "UGA,2019"): warning: column count: jump: total"
t_end

t_begin "review rule flat: 4 equal years, at the last row of the run"
ERR=$CHECK_ERR
expect_err "$W:$f_last: warning: column count: flat: $f_msg"
t_end

t_begin "review rule outlier: BRA 2018 ×10, median and MADs of South America from the CSV"
ERR=$CHECK_ERR
o_msg=$(/usr/bin/python3 - "$D" BRA 2018 <<'EOF'
import csv, math, sys, statistics
d, iso, year = sys.argv[1], sys.argv[2], int(sys.argv[3])
group = {r["iso3"]: r["intermediate_region"] or r["subregion"] for r in csv.DictReader(open(d + "/countries.csv"))}
pop = {(r["iso3"], int(r["year"])): int(r["population"]) for r in csv.DictReader(open(d + "/population.csv"))}
tot = {}
for r in csv.DictReader(open(d + "/workforce.csv")):
    if r["count"] != "":
        k = (r["iso3"], int(r["year"]))
        tot[k] = tot.get(k, 0) + int(r["count"])
ratio = {k: t / pop[k] * 100000 for k, t in tot.items() if k in pop}
xs = [v for (c, y), v in ratio.items() if y == year and group[c] == group[iso]]
logs = [math.log(max(v, 0.01)) for v in xs]
med = statistics.median(logs)
mad = max(statistics.median([abs(v - med) for v in logs]), 0.25)
x = ratio[(iso, year)]
d = math.log(x) - med
assert abs(d) > 3 * mad, "not an outlier"
print("%.1f workers per 100,000 in %d is far %s the median of %s (%.1f, %d countries): %.1f MADs away, more than 3"
      % (x, year, "above" if d > 0 else "below", group[iso], statistics.median(xs), len(xs), abs(d) / mad))
EOF
)
[ -n "$o_msg" ] || t_fail "the python oracle found no outlier"
expect_err "$W:$o_l: warning: column count: outlier: $o_msg"
t_end

t_begin "review rule cadre_sum: cadres above the published total; both counted"
ERR=$CHECK_ERR
expect_err "$W:$c_line: warning: column count: cadre_sum: $c_msg"
expect_err "$W:$c2_line: warning: column count: cadre_sum: $c2_msg"
t_end

t_begin "review rule sector_sum: government + non-government above the unspecified total"
ERR=$CHECK_ERR
expect_err "$W:$s_line: warning: column count: sector_sum: $s_msg"
t_end

t_begin "review rule graduates_high: per institution above the level's limit, not at it"
ERR=$CHECK_ERR
expect_err "$E:$e_l: warning: column graduates: graduates_high: $e_msg"
expect_err "$E:$e3_l: warning: column graduates: graduates_high: $e3_msg"
expect_err_lacks "$E:$e2_l: warning: column graduates: graduates_high"
t_end

t_begin "review rules graduates_missing and graduates_without_institution"
ERR=$CHECK_ERR
expect_err "$E:$m_l: warning: column graduates: graduates_missing: $m_msg"
expect_err "$E:$z_l: warning: column institutions: graduates_without_institution: $z_msg"
t_end

t_begin "review rules source_missing and illustrative_mix"
ERR=$CHECK_ERR
expect_err "$W:$n_l: warning: column source: source_missing: no source for the social_worker/non_government count of 2016"
expect_err "$S:$n2_l: warning: column source: source_missing: no source for the status of $n2_item of 2020"
expect_err "$W:$x_l: warning: column source: illustrative_mix: $x_msg"
# the real row itself and the illustrative PHL total are not flagged
expect_err_lacks "$W:$c_line: warning: column source: illustrative_mix"
expect_err_lacks "$W:$c2_line: warning: column source: illustrative_mix"
t_end

# ---- sswr review ----------------------------------------------------------------------

t_begin "sswr review -o: CSV header, one row per warning of check, exact rows, atomic"
out="$TMPROOT/review-out/sub/review.csv"
run $SSWR review --datasets "$D" -o "$out"
expect_status 0
expect_file "$out"
expect_eq "$(head -1 "$out")" "iso3,file,line,year,table,key,rule,message" "header"
expect_eq "$(( $(wc -l <"$out") - 1 ))" "$(grep -c ': warning: ' <<<"$CHECK_ERR")" "rows vs warnings of check"
grep -qxF "KEN,$W,$j_l1,2019,workforce,social_worker/government,jump,$j_msg" "$out" || t_fail "jump row missing"
grep -qxF "UGA,$P,$p_l1,2019,population,ratio_per_100k,jump,\"$p_msg\"" "$out" || t_fail "population jump row missing (quoted)"
grep -qxF "PHL,$E,$z_l,2019,education,diploma,graduates_without_institution,$z_msg" "$out" || t_fail "education row missing"
# every row parses as 8 CSV fields, and the outlier (with commas) round-trips
/usr/bin/python3 - "$out" "$W" "$o_l" "$o_msg" <<'EOF' || t_fail "CSV does not parse as expected"
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="")))
assert all(len(r) == 8 for r in rows), "a row without 8 fields"
want = ["BRA", sys.argv[2], sys.argv[3], "2018", "workforce", "ratio_per_100k", "outlier", sys.argv[4]]
assert want in rows, "outlier row"
EOF
expect_eq "$(ls -A "$(dirname "$out")")" "review.csv" "files beside the output (temporaries left?)"
expect_err "sswr review: wrote $(( $(wc -l <"$out") - 1 )) findings in 215 countries to $out"
t_end

t_begin "sswr review: text table per country, columns aligned"
run $SSWR review --datasets "$D" --country ken,PHL
expect_status 0
expect_out_has "KEN  Kenya: "
expect_out_has "PHL  Philippines: "
expect_out_lacks "UGA  "
row=$(grep -F "$W:$j_l1 " <<<"$OUT")
[ -n "$row" ] || t_fail "no text row for $W:$j_l1"
[[ "$row" =~ ^"  $W:$j_l1 "+"2019  jump "+"$j_msg"$ ]] || t_fail "row layout: $row"
# within each country, the year column starts at the same offset
mis=$(awk '/^[0-9]+ findings? in / { exit } /^[A-Z][A-Z][A-Z]  / { block++ } /^  / { match($0, /^  [^ ]+ +/); if (block in w && w[block] != RLENGTH) bad = 1; w[block] = RLENGTH } END { print bad + 0 }' <<<"$OUT")
expect_eq "$mis" 0 "misaligned rows"
expect_out_has "findings in 2 of 2 countries reviewed ("
expect_out_has "What the rules look for (scripts/review.lua):"
expect_out_has "  jump: A count (each cadre × sector row, and the country total) that rises or falls by"
t_end

SM=$(small review-small KEN UGA TZA GHA)

t_begin "sswr review --country: a country without findings says so"
run $SSWR review --datasets "$SM" -o -
expect_status 0
clean=$(awk -F, 'NR > 1 { seen[$1] = 1 } END { split("GHA KEN TZA UGA", a, " "); for (i = 1; i <= 4; i++) if (!seen[a[i]]) { print a[i]; exit } }' <<<"$OUT")
need "$clean" "a country without findings among GHA KEN TZA UGA"
name=$(awk -F, -v c="$clean" '$1 == c { print $2 }' "$SM/names/en.csv")
run $SSWR review --datasets "$SM" --country "$clean"
expect_status 0
expect_out_has "$clean  $name: no findings"
expect_out_has "0 findings in 0 of 1 countries reviewed"
t_end

t_begin "sswr review: usage errors exit 2, --help exits 0"
run $SSWR review --country XYZ --datasets "$SM"
expect_status 2
expect_err_has "unknown country code 'XYZ'"
run $SSWR review --bogus
expect_status 2
run $SSWR review extra
expect_status 2
run $SSWR review --help
expect_status 0
expect_out_has "usage: sswr review [--country ISO3,...] [--datasets DIR] [--scripts DIR] [-o FILE]"
run $SSWR --help
expect_out_has "review"
t_end

t_begin "sswr review: errors in a country's data → exit 1, that country not reviewed, the others are"
B=$(small review-bad KEN UGA TZA)
setf "$B/workforce.csv" "$(lno "$B/workforce.csv" "KEN,2019,social_worker,government")" 5 "12x"
setf "$B/education.csv" "$(lno "$B/education.csv" "UGA,2019")" 5 ""   # a finding for UGA
run $SSWR review --datasets "$B" --country KEN,UGA -o -
expect_status 1
expect_err_has "$B/workforce.csv:$(lno "$B/workforce.csv" "KEN,2019,social_worker,government"): column count: not a number"
expect_err "sswr review: KEN has errors in its data (see above); not reviewed"
grep -q '^KEN,' <<<"$OUT" && t_fail "KEN was reviewed"
grep -q '^UGA,' <<<"$OUT" || t_fail "UGA was not reviewed"
t_end

# ---- the host side of review.lua: the contract and its errors ------------------------

# scripts DIR BODY → a copy of the scripts with review.lua replaced by BODY
scripts() { rm -rf "$1"; cp -r scripts "$1"; printf '%s\n' "$2" >"$1/review.lua"; }

t_begin "review.lua contract: line of every table, population_line, files, key/column/year"
X="$TMPROOT/scripts-probe"
scripts "$X" 'local function first(rows)   -- the row first in the file
  local f = rows[1]
  for _, row in ipairs(rows) do if row.line < f.line then f = row end end
  return f
end
rule { id = "probe", description = "test", check = function(c, done, all, config)
  if c.iso3 ~= "KEN" then return nil end
  local w, e, s = first(c.workforce), first(c.education), first(c.system)
  return {
    { table = "workforce", line = w.line, year = w.year, key = w.cadre .. "/" .. w.sector, column = "count",
      message = "first row, " .. c.files.workforce .. ", jump_factor " .. config.review.jump_factor },
    { table = "population", line = c.population_line[2015], year = 2015, message = "population 2015" },
    { table = "education", line = e.line, message = "education " .. e.level },
    { table = "system", line = s.line, message = "system " .. s.item },
    { table = "workforce", message = "no line, total " .. string.format("%d", done.workforce_total[2019]) .. ", " .. #all .. " countries" },
  } end }'
run $SSWR check --datasets "$SM" --scripts "$X"
expect_status 0
wl=$(lno "$SM/workforce.csv" KEN); wy=$(fld "$SM/workforce.csv" "$wl" 2)
expect_err "$SM/workforce.csv:$wl: warning: column count: probe: first row, $SM/workforce.csv, jump_factor 2"
expect_err "$SM/population.csv:$(lno "$SM/population.csv" "KEN,2015"): warning: probe: population 2015"
el=$(lno "$SM/education.csv" KEN)
expect_err "$SM/education.csv:$el: warning: probe: education $(fld "$SM/education.csv" "$el" 3)"
sl=$(lno "$SM/system.csv" KEN)
expect_err "$SM/system.csv:$sl: warning: probe: system $(fld "$SM/system.csv" "$sl" 3)"
expect_err "$SM/workforce.csv: warning: probe: no line, total $(wsum "$SM/workforce.csv" KEN 2019), 4 countries"
expect_err "sswr check: warnings: probe (5); review of 4 countries ('sswr review --country ISO3' explains each finding)"
run $SSWR review --datasets "$SM" --scripts "$X" -o -
expect_status 0
grep -qxF "KEN,$SM/workforce.csv,$wl,$wy,workforce,$(fld "$SM/workforce.csv" "$wl" 3)/$(fld "$SM/workforce.csv" "$wl" 4),probe,\"first row, $SM/workforce.csv, jump_factor 2\"" <<<"$OUT" \
    || t_fail "CSV row of the probe"
t_end

t_begin "review.lua errors: a bad finding is an error at the rule's line, other rules go on"
X="$TMPROOT/scripts-bad"
scripts "$X" 'rule { id = "good", description = "d", check = function(c) return { { table = "workforce", message = "ok " .. c.iso3 } } end }
rule { id = "bad", description = "d",
  check = function(c) return { { table = "nope", message = "x" } } end }
rule { id = "boom", description = "d", check = function(c) error("kaput") end }'
run $SSWR review --datasets "$SM" --scripts "$X" --country UGA -o -
expect_status 1
expect_err "$X/review.lua:2: rule bad for UGA: finding 1: unknown table 'nope' (population, workforce, education or system)"
expect_err_has "$X/review.lua:4: kaput"
expect_err_has "(country UGA, rule boom)"
expect_out_has "UGA,$SM/workforce.csv,,,workforce,,good,ok UGA"
t_end

t_begin "review.lua errors: declarations checked, endless loops stopped, missing file"
X="$TMPROOT/scripts-decl"
scripts "$X" 'rule { id = "Bad Id", description = "d", check = function() end }'
run $SSWR review --datasets "$SM" --scripts "$X"
expect_status 1
expect_err_has "$X/review.lua:1: rule: 'id' must be a string of a-z, 0-9 and _"
expect_err "sswr review: the scripts have errors (see above); no review"
scripts "$X" 'rule { id = "spin", description = "d", check = function() while true do end end }'
run timeout 60 $SSWR review --datasets "$SM" --scripts "$X" --country KEN
expect_status 1
expect_err_has "instruction budget exhausted"
scripts "$X" 'rule { id = "late", description = "d", check = function() rule { id = "x", description = "d", check = print } end }'
run $SSWR review --datasets "$SM" --scripts "$X" --country KEN
expect_status 1
expect_err_has "rules are declared when review.lua loads"
rm "$X/review.lua"
run $SSWR check --datasets "$SM" --scripts "$X"
expect_status 1
expect_err_has "$X/review.lua: cannot read the file"
expect_err "sswr check: the review could not run (errors in the scripts, above)"
t_end
