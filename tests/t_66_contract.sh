# t_66_contract.sh — issue 14, items 2 and 3: one contract between the scripts,
# the templates and the C code.
#
# Indicators on the page from the templates alone: an indicator added in a new
# script shows in a tile, in a text placeholder and in a table column, in English
# and French, formatted by its declaration and each language's conventions, with
# no C change; an id the scripts do not declare is an error at its template line
# with the closest declared id. And the indicators the C code reads
# (generator/contract.c) are held to the scripts when they load: one renamed,
# removed or retyped stops the run naming it and the C feature, exit 1, nothing
# written.
#
# The program runs from a copy of its tree (SSWR_HOME), so that messages name
# files as users see them (scripts/..., templates/profile.tpl), on KEN and UGA.

H="$TMPROOT/t66-home"
W="$TMPROOT/t66-work"
D=$(subset_fixture t66-data KEN UGA)

fresh_home() {
    rm -rf "$H"
    mkdir -p "$H/build"
    cp -r "$ROOT/templates" "$ROOT/scripts" "$H/"
    ln -s "$ROOT/build/fonts" "$H/build/fonts"
}
sswr_home() { env SSWR_HOME="$H" "$SSWR" "$@"; }
fresh_work() { rm -rf "$W"; mkdir -p "$W"; cd "$W" || exit 1; }

# subst FILE OLD NEW — replaces the one line equal to OLD; prints its line.
subst() {
    /usr/bin/python3 - "$@" <<'PY'
import sys
path, old, new = sys.argv[1:4]
lines = open(path, encoding="utf-8").read().split("\n")
hits = [i for i, l in enumerate(lines) if l == old]
if len(hits) != 1:
    sys.exit(f"subst: {len(hits)} lines equal {old!r} in {path}")
lines[hits[0]] = new
open(path, "w", encoding="utf-8").write("\n".join(lines))
print(hits[0] + 1)
PY
}

# po_add LANG MSGID MSGSTR — adds a translation to the copy's catalog.
po_add() {
    printf '\nmsgid "%s"\nmsgstr "%s"\n' "$2" "$3" >>"$H/templates/i18n/$1.po"
}

# The page text of a PDF, one line per text line (pdftotext without layout).
page_text() { pdftotext "$1" - 2>/dev/null; }

# The new indicator: the share of social workers (one cadre) employed by
# government, declared in a new script, with no decimals given (a percent's
# default is 1).
new_indicator() {
    cat >"$H/scripts/indicators/80_social_workers.lua" <<'LUA'
-- 80_social_workers.lua — added by tests/t_66_contract.sh.
indicator {
  id          = "sw_government_share",
  label       = "Social workers employed by government",
  description = "Share of social workers employed by government.",
  formula     = "social_worker/government / (social_worker/government + social_worker/non_government) × 100",
  unit        = "percent",
  phase       = 1,
  compute     = function(c, done)
    local s = done.workforce_by_cadre_sector
    local gov = s["social_worker/government"] or {}
    local non = s["social_worker/non_government"] or {}
    local out = {}
    for y, g in pairs(gov) do out[y] = stats.share(g, g + (non[y] or 0)) end
    return out
  end,
}

indicator {
  id          = "graduates_per_institution",
  label       = "Per institution",
  description = "Graduates of the year for each institution, by level.",
  unit        = "ratio",
  decimals    = 1,
  by          = "level",
  phase       = 1,
  compute     = function(c, done)
    local out = {}
    for level, inst in pairs(done.institutions_by_level) do
      out[level] = series.combine(done.graduates_by_level[level] or {}, inst,
                                  function(g, i) return stats.ratio(g, i, 1) end)
    end
    return out
  end,
}
LUA
}

# Expected values, from the datasets (not from sswr): KEN's share at the latest
# year with both counts, in English ("62.0%") and French ("62,0 %": decimal comma, a
# no-break space before the sign, which pdftotext prints as a space).
read -r SW_YEAR SW_EN SW_FR < <(/usr/bin/python3 - "$D/workforce.csv" <<'PY'
import csv, sys
by = {}
for r in csv.DictReader(open(sys.argv[1], encoding="utf-8")):
    if r["iso3"] == "KEN" and r["cadre"] == "social_worker" and r["count"]:
        by.setdefault(int(r["year"]), {}).setdefault(r["sector"], 0)
        by[int(r["year"])][r["sector"]] += float(r["count"])
y = max(y for y in by if "government" in by[y])
g, n = by[y]["government"], by[y].get("non_government", 0)
v = "%.1f" % (100 * g / (g + n))
print(y, v + "%", v.replace(".", ",") + " %")   # French "62,0 %" (U+00A0, a space in pdftotext's output)
PY
)
# The institutions and graduates of KEN's certificate level at its latest education year.
read -r PI_EN PI_FR < <(/usr/bin/python3 - "$D/education.csv" <<'PY'
import csv, sys
rows = [r for r in csv.DictReader(open(sys.argv[1], encoding="utf-8")) if r["iso3"] == "KEN"]
y = max(int(r["year"]) for r in rows if r["graduates"])
r = next(r for r in rows if int(r["year"]) == y and r["level"] == "certificate")
v = "%.1f" % (float(r["graduates"]) / float(r["institutions"]))
print(v, v.replace(".", ","))
PY
)

# The templates name the new indicators: a tile (in place of government_share),
# {indicator:...} in the completeness line (with a year, never grouped), a column
# of the education table.
name_them() {
    subst "$H/templates/profile.tpl" \
        "items = population,children,workforce,ratio,ratio_children,one_in_n,government_share,change" \
        "items = population,children,workforce,ratio,ratio_children,one_in_n,sw_government_share,change" >/dev/null
    subst "$H/templates/profile.tpl" 'text = "Data completeness for {year}: {score}"' \
        'text = "Data completeness for {indicator:report_year}: {score}. Social workers employed by government: {indicator:sw_government_share}"' >/dev/null
    subst "$H/templates/profile.tpl" "kind = education" "kind = education
columns = graduates_per_institution" >/dev/null
}

t_begin "templates: a new indicator in a tile, a text and a table column, in English, with no C change"
fresh_home
new_indicator
name_them
fresh_work
run sswr_home profile KEN --datasets "$D" -o en.pdf
expect_status 0
TXT=$(page_text en.pdf)
grep -qF "Social workers employed by" <<<"$TXT" || t_fail "no tile label: $(head -c 600 <<<"$TXT")"
expect_eq "$(grep -cxF "$SW_EN" <<<"$TXT")" 1 "the tile's value $SW_EN on a line of its own"
grep -qF "Data completeness for 2024: 76%. Social workers employed by government: $SW_EN" <<<"$TXT" ||
    t_fail "the text: $(grep -F "completeness" <<<"$TXT")"
grep -qxF "Per" <<<"$TXT" && grep -qxF "institution" <<<"$TXT" || t_fail "no column header 'Per institution'"
grep -qxF "$PI_EN" <<<"$TXT" || t_fail "no column value $PI_EN"
t_end

t_begin "templates: the same profile in French: the catalog's label, the language's number format"
po_add fr "Social workers employed by government" "Travailleurs sociaux employés par l’État"
po_add fr "Per institution" "Par établissement"
po_add fr "Data completeness for {indicator:report_year}: {score}. Social workers employed by government: {indicator:sw_government_share}" \
    "Complétude des données pour {indicator:report_year} : {score}. Travailleurs sociaux employés par l’État : {indicator:sw_government_share}"
run sswr_home profile KEN --datasets "$D" --lang fr -o fr.pdf
expect_status 0
expect_err_lacks "no translation"
TXT=$(page_text fr.pdf)
grep -qF "Travailleurs sociaux employés par" <<<"$TXT" || t_fail "no French tile label"
expect_eq "$(grep -cxF "$SW_FR" <<<"$TXT")" 1 "the tile's value $SW_FR on a line of its own"
grep -qF "Travailleurs sociaux employés par l’État : $SW_FR" <<<"$TXT" ||
    t_fail "the French text: $(grep -F "Complétude" <<<"$TXT")"
grep -qF "Complétude des données pour 2024 :" <<<"$TXT" || t_fail "the year, never grouped: $(grep -F "Complétude" <<<"$TXT")"
grep -qxF "$PI_FR" <<<"$TXT" || t_fail "no French column value $PI_FR"
grep -qF "Par établissement" <<<"$TXT" || grep -qxF "Par" <<<"$TXT" || t_fail "no French column header"
t_end

t_begin "templates: the new indicators are in the export, with the declaration's unit and default decimals"
run sswr_home indicators --datasets "$D" --country KEN
expect_status 0
grep -qE "^KEN,sw_government_share,,$SW_YEAR,[0-9.]+,percent,[01]$" <<<"$OUT" || t_fail "no export row: $(grep sw_ <<<"$OUT" | head -3)"
grep -qE "^KEN,graduates_per_institution,certificate,[0-9]+,[0-9.]+,ratio,[01]$" <<<"$OUT" || t_fail "no column indicator in the export"
t_end

# ---- ids the scripts do not declare ----------------------------------------------

# tpl_error OLD NEW MESSAGE — profile.tpl with one line changed: the message at
# that line, exit 1, nothing built or written.
tpl_error() {
    local line
    fresh_home
    new_indicator
    line=$(subst "$H/templates/profile.tpl" "$1" "$2")
    fresh_work
    run sswr_home build --datasets "$D" --lang en,fr
    expect_status 1
    expect_err "${3//@/$line}"
    expect_err "sswr build: the templates have errors (above): nothing was built"
    [ ! -e "$W/output" ] || t_fail "something was written: $(find "$W/output" | head -3)"
    run sswr_home profile KEN --datasets "$D" -o "$W/k.pdf"
    expect_status 1
    expect_err "${3//@/$line}"
    expect_no_file "$W/k.pdf"
}

t_begin "templates: a misspelt indicator in a tile: its line, the closest declared id"
tpl_error "items = population,children,workforce,ratio,ratio_children,one_in_n,government_share,change" \
    "items = population,children,workforce,ratio,ratio_children,one_in_n,sw_governmnet_share,change" \
    "templates/profile.tpl:@: block 'tiles headline': option 'items': unknown tile or indicator 'sw_governmnet_share' (did you mean sw_government_share?)"
t_end

t_begin "templates: a misspelt indicator in a text placeholder: its line, the closest declared id"
tpl_error 'text = "Data completeness for {year}: {score}"' 'text = "Data completeness for {year}: {score}, {indicator:ratio_per_100k_chidlren}"' \
    "templates/profile.tpl:@: block 'text completeness', option 'text': unknown indicator 'ratio_per_100k_chidlren' (did you mean ratio_per_100k_children?)"
t_end

t_begin "templates: an indicator with a breakdown where one value is shown"
tpl_error "items = population,children,workforce,ratio,ratio_children,one_in_n,government_share,change" \
    "items = population,children,workforce,ratio,ratio_children,one_in_n,workforce_by_cadre,change" \
    "templates/profile.tpl:@: block 'tiles headline': option 'items': indicator 'workforce_by_cadre' is broken down by cadre, and a tile shows one value: name an indicator without a breakdown"
t_end

t_begin "templates: a table column broken down otherwise than the table's rows"
tpl_error "kind = education" "columns = graduates_per_institution,workforce_by_cadre
kind = education" \
    "templates/profile.tpl:@: block 'table education': option 'columns': indicator 'workforce_by_cadre' is broken down by cadre, and the rows of this table are by level: name an indicator with by = \"level\""
t_end

t_begin "templates: a placeholder that is not {indicator:ID} is an error when the template loads"
fresh_home
line=$(subst "$H/templates/profile.tpl" 'text = "Data completeness for {year}: {score}"' 'text = "Data completeness for {year}: {score}, {indicatr:ratio_per_100k}"')
fresh_work
run sswr_home build --datasets "$D" --lang en
expect_status 1
expect_err "templates/profile.tpl:$line: block 'text completeness', option 'text': unknown placeholder {indicatr:ratio_per_100k} (did you mean {indicator:ratio_per_100k}?)"
[ ! -e "$W/output" ] || t_fail "something was written"
t_end

# ---- the contract: the indicators the C code reads ----------------------------------

# contract_error FILE OLD NEW MESSAGE... — scripts/indicators/FILE with one line
# changed: each message (@ is the line changed), exit 1, nothing computed or
# written by build, profile -o or indicators -o.
contract_error() {
    local file=$1 old=$2 new=$3 line m
    shift 3
    fresh_home
    line=$(subst "$H/scripts/indicators/$file" "$old" "$new")
    fresh_work
    run sswr_home build --datasets "$D" --lang en,fr
    expect_status 1
    for m in "$@"; do expect_err "${m//@/$line}"; done
    expect_err "sswr build: the scripts do not declare the indicators sswr reads (above): nothing was computed or written"
    [ ! -e "$W/output" ] || t_fail "something was written: $(find "$W/output" | head -3)"
    run sswr_home profile KEN --datasets "$D" -o "$W/k.pdf"
    expect_status 1
    for m in "$@"; do expect_err "${m//@/$line}"; done
    expect_no_file "$W/k.pdf"
    run sswr_home indicators --datasets "$D" -o "$W/i.csv"
    expect_status 1
    expect_no_file "$W/i.csv"
}

t_begin "contract: an indicator the layout reads, renamed: its id, the rename and every C feature reading it"
contract_error 20_ratios.lua '  id          = "ratio_per_100k",' '  id          = "ratio_per_100k_people",' \
    "scripts/indicators/20_ratios.lua:$(( $(grep -n '^  id          = "ratio_per_100k",' "$ROOT/scripts/indicators/20_ratios.lua" | cut -d: -f1) - 1 )): indicator 'ratio_per_100k' is not declared (renamed to 'ratio_per_100k_people'?), but it is read by generator/layout.c (the 'ratio' tile, the trend and comparison charts), generator/report.c (the overview), generator/build.c (the comparison-group stamps)"
t_end

t_begin "contract: an indicator the layout reads, gone: its id and the C feature, at the scripts folder"
contract_error 90_compare.lua '  id          = "group_count",' '  id          = "peers",' \
    "scripts/indicators: indicator 'group_count' is not declared, but it is read by generator/layout.c (the comparison chart)"
t_end

t_begin "contract: another unit or breakdown than the C code reads it with"
fresh_home
line=$(grep -n '^  id          = "government_share",' "$H/scripts/indicators/10_workforce.lua" | cut -d: -f1)
/usr/bin/python3 - "$H/scripts/indicators/10_workforce.lua" <<'PY'
import sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
i = s.index('  id          = "government_share",')
j = s.index('  unit        = "percent",', i)
s = s[:j] + '  unit        = "ratio",' + s[j + len('  unit        = "percent",'):]
i = s.index('  id          = "workforce_by_sector",')
j = s.index('  by          = "sector",', i)
s = s[:j] + '  by          = "employer",' + s[j + len('  by          = "sector",'):]
open(p, "w", encoding="utf-8").write(s)
PY
fresh_work
run sswr_home build --datasets "$D" --lang en
expect_status 1
expect_err "scripts/indicators/10_workforce.lua:$((line - 1)): indicator 'government_share' has the unit 'ratio', where 'percent' is expected by generator/layout.c (the 'government_share' tile and the sectors chart), generator/report.c (the overview table)"
expect_err_has "indicator 'workforce_by_sector' is broken down by 'employer', where a breakdown by 'sector' is expected by generator/layout.c (the sectors chart)"
[ ! -e "$W/output" ] || t_fail "something was written"
t_end

t_begin "contract: the report year comes from the scripts (report_year), not from C"
fresh_home
/usr/bin/python3 - "$H/scripts/indicators/95_overview.lua" <<'PY'
import sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
old = "    return year and { [year] = year } or {}"
assert s.count(old) == 1
s = s.replace(old, "    return { [2020] = 2020 }")
open(p, "w", encoding="utf-8").write(s)
PY
fresh_work
run sswr_home profile KEN --datasets "$D" -o k.pdf
expect_status 0
grep -qF "Reference year 2020" <<<"$(page_text k.pdf)" || t_fail "the profile's year: $(page_text k.pdf | head -3)"
t_end

t_begin "contract: scripts/README.md lists every indicator of generator/contract.c"
missing=$(grep -o '^    \[CN_[A-Z0-9_]*\] = { "[a-z0-9_]*"' "$ROOT/generator/contract.c" | sed 's/.*"\(.*\)"/\1/' |
    while read -r id; do grep -q "\`$id\`" "$ROOT/scripts/README.md" || echo "$id"; done)
n=$(grep -c '^    \[CN_[A-Z0-9_]*\] = { "' "$ROOT/generator/contract.c")
[ "$n" -ge 30 ] || t_fail "only $n entries read from contract.c"
[ -z "$missing" ] || t_fail "not in scripts/README.md: $missing"
t_end
