# t_74_next_edition.sh — docs/next-edition.md, step by step (issue 17, item 3): the edition
# is scripts/config.lua's `edition`; a later year's figures, added for three countries
# through their data-entry sheets, do not move it (the profile stays byte for byte, the
# build rebuilds nothing); once the edition is set to that year, every section of a
# profile is labelled by the year its figures are from, for a country that sent figures
# and for one that did not; a year without data is refused with its year named, on the
# command line and in config.lua. Expected years are worked out here from the CSV files.

H="$TMPROOT/edition_home"
W="$TMPROOT/edition_work"
rm -rf "$H" "$W"
mkdir -p "$H/build" "$W"
cp -r "$ROOT/templates" "$ROOT/scripts" "$H/"
ln -s "$ROOT/build/fonts" "$H/build/fonts"
sswr_home() { env SSWR_HOME="$H" "$SSWR" "$@"; }
text_of() { pdftotext -layout "$1" - 2>/dev/null | tr -s ' '; }
# has_line PDF TEXT — the PDF's text has TEXT (spaces squeezed) somewhere.
has_text() { grep -qF -- "$2" <<<"$(pdftotext "$1" - 2>/dev/null)" || t_fail "$1 lacks: $2"; }
lacks_text() { ! grep -qF -- "$2" <<<"$(pdftotext "$1" - 2>/dev/null)" || t_fail "$1 should not have: $2"; }
cd "$W" || exit 1

D=$(subset_fixture edition KEN UGA TZA ETH)
NEW=2025
SENT="KEN UGA TZA"
# The edition, as config.lua ships it, and the years with workforce rows (from the CSV).
ED=$(sed -n 's/^  edition = \([0-9]*\),$/\1/p' "$H/scripts/config.lua")
ELINE=$(grep -n '^  edition = ' "$H/scripts/config.lua" | cut -d: -f1)
FIRST=$(tail -n +2 "$D/workforce.csv" | cut -d, -f2 | sort -n | head -1)

t_begin "the edition is a setting: profiles say the year of config.lua's edition"
expect_eq "$ED" "2024" "the shipped edition"
run sswr_home profile KEN --datasets "$D" -o before.pdf
expect_status 0
has_text before.pdf "Reference year $ED"
run sswr_home build --datasets "$D" --lang en -q
expect_status 0
expect_file "output/$ED/en/KEN.pdf"
t_end

t_begin "step 1: the new year's population (typed in for three countries)"
/usr/bin/python3 - "$D/population.csv" "$NEW" $SENT <<'EOF'
import sys
path, new, codes = sys.argv[1], sys.argv[2], sys.argv[3:]
lines = open(path, encoding="utf-8").read().splitlines()
out = []
for i, l in enumerate(lines):
    out.append(l)
    f = l.split(",")
    nxt = lines[i + 1].split(",") if i + 1 < len(lines) else [""]
    if f[0] in codes and nxt[0] != f[0]:   # the country's last row: its new year after it
        out.append(",".join([f[0], new, str(int(f[2]) * 102 // 100), str(int(f[3]) * 101 // 100)]))
open(path, "w", encoding="utf-8").write("\n".join(out) + "\n")
EOF
run sswr_home check --datasets "$D" --errors-only
expect_status 0
t_end

t_begin "step 2: each team's sheet has a blank column for the year after the edition"
for c in $SENT; do
    run sswr_home sheet "$c" --datasets "$D" -o "$c.csv"
    expect_status 0
    head=$(grep -m1 '^workforce,' "$c.csv" | tr -d '\r')
    [ "${head##*,}" = "$NEW" ] || t_fail "$c: the workforce heading ends with ${head##*,}, not $NEW: $head"
done
t_end

t_begin "step 3: the filled-in sheets import"
# Each team sends social workers (government) and a source for the new year.
n=0
for c in $SENT; do
    n=$((n + 1))
    /usr/bin/python3 - "$c.csv" "$NEW" "$((100 * n + 7))" "Ministry of Gender, Labour and Social Development, staff census $NEW" <<'EOF' || t_fail "editing $c.csv"
import csv, sys
path, year, value, source = sys.argv[1:]
rows = list(csv.reader(open(path, encoding="utf-8-sig", newline="")))
head = next(r for r in rows if r and r[0] == "workforce")
col = head.index(year)
for r in rows:
    if r and r[0] in ("workforce/social_worker/government", "workforce/source"):
        while len(r) <= col: r.append("")
        r[col] = value if r[0].endswith("government") else source
with open(path, "w", encoding="utf-8-sig", newline="") as f:
    csv.writer(f, lineterminator="\r\n").writerows(rows)
EOF
    run sswr_home import "$c.csv" --datasets "$D"
    expect_status 0
    grep -q "^$c,$NEW,social_worker,government,$((100 * n + 7)),\"Ministry of Gender" "$D/workforce.csv" ||
        t_fail "$c: the $NEW row is not in workforce.csv"
done
t_end

t_begin "step 3: the edition did not move (same profile, byte for byte; nothing rebuilt)"
run sswr_home profile KEN --datasets "$D" -o after.pdf
expect_status 0
cmp -s before.pdf after.pdf || t_fail "KEN's profile changed when $NEW rows were added: $(text_of after.pdf | head -3)"
run sswr_home build --datasets "$D" --lang en
expect_status 0
expect_err_has "0 built, "
[ ! -e "output/$NEW" ] || t_fail "output/$NEW was written"
t_end

t_begin "step 4: --year previews the new year; a year without data is refused, named"
run sswr_home profile KEN --datasets "$D" --year "$NEW" -o preview.pdf
expect_status 0
has_text preview.pdf "Reference year $NEW"
run sswr_home profile KEN --datasets "$D" --year $((NEW + 1)) -o x.pdf
expect_status 2
expect_err "sswr profile: the datasets have no workforce data for $((NEW + 1)) (years with workforce data: $FIRST–$NEW)"
expect_no_file x.pdf
run sswr_home build --datasets "$D" --lang en --year $((FIRST - 1))
expect_status 2
expect_err "sswr build: the datasets have no workforce data for $((FIRST - 1)) (years with workforce data: $FIRST–$NEW)"
t_end

t_begin "step 5: an edition without data is an error at config.lua's line"
sed -i "s/^  edition = $ED,$/  edition = $((NEW + 1)),/" "$H/scripts/config.lua"
run sswr_home check --datasets "$D"
expect_status 1
expect_err "scripts/config.lua:$ELINE: edition is $((NEW + 1)), a year without workforce data in the datasets (years with workforce data: $FIRST–$NEW)"
sed -i "s/^  edition = $((NEW + 1)),$/  edition = \"$NEW\",/" "$H/scripts/config.lua"
run sswr_home build --datasets "$D" --lang en
expect_status 1
expect_err "scripts/config.lua:$ELINE: edition must be a year from 1990 to 2035 (the year the report describes), not the text \"$NEW\""
[ ! -e "output/$NEW" ] || t_fail "output/$NEW was written"
t_end

# The year a section's figures are from, worked out from the CSV: the latest year up to
# the edition with rows of the country in the file.
latest() { tail -n +2 "$D/$1" | awk -F, -v c="$2" -v y="$NEW" '$1 == c && $2 <= y && $2 > m { m = $2 } END { print m }'; }

t_begin "step 5: the new edition, built: every section says the year of its figures"
sed -i "s/^  edition = \"$NEW\",$/  edition = $NEW,/" "$H/scripts/config.lua"
run sswr_home check --datasets "$D" --errors-only
expect_status 0
run sswr_home build --datasets "$D" --lang en -q
expect_status 0
for c in KEN ETH; do
    p="output/$NEW/en/$c.pdf"
    expect_file "$p"
    wy=$(latest workforce.csv "$c") ey=$(latest education.csv "$c") sy=$(latest system.csv "$c")
    case $c in KEN) expect_eq "$wy" "$NEW" "KEN's workforce year" ;; ETH) expect_eq "$wy" "$ED" "ETH's workforce year" ;; esac
    has_text "$p" "Reference year $NEW"
    has_text "$p" "social service workforce profile $NEW"
    has_text "$p" "Workers by cadre and employer, $wy"
    has_text "$p" "Government and non-government, $wy"
    has_text "$p" "Capacity of the system to plan, develop and support the workforce, $sy"
    has_text "$p" "Education and training, $ey"
    has_text "$p" "Data completeness for $NEW"
    has_text "$p" "Population: World Bank, World Development Indicators (SP.POP.TOTL), 2010–$ED."
done
# KEN's population of the new year was typed in: not credited to the World Bank.
has_text "output/$NEW/en/KEN.pdf" "Population and children, $NEW: figures added to the datasets by the report team"
lacks_text "output/$NEW/en/ETH.pdf" "Population and children,"
# KEN's sources: the new year's; ETH's tiles of an earlier year say so.
has_text "output/$NEW/en/KEN.pdf" "Workforce: illustrative sample data; Ministry of Gender, Labour and Social Development, staff census $NEW."
has_text "output/$NEW/en/ETH.pdf" "in $ED"
# Before the edition moved, the same KEN profile cited none of it.
lacks_text before.pdf "staff census"
t_end

t_begin "step 5: with the new edition, the sheet's blank column is the year after it"
run sswr_home sheet UGA --datasets "$D" -o next.csv
expect_status 0
head=$(grep -m1 '^workforce,' next.csv | tr -d '\r')
[ "${head##*,}" = "$((NEW + 1))" ] || t_fail "the workforce heading ends with ${head##*,}: $head"
t_end
