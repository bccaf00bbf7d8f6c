# t_75_published.sh — published reference figures on the page (issue 17, item 5): page 2's
# "Published figures" box, with the exact text of each figure in English and French, the
# most recent first; no box, and the notes where the template puts them, for a country
# without figures; the report's Annex C (every figure, by region and country, with its
# contents entry and bookmark); an edited published row rebuilds that country's profile
# (and the report) only; a bad published row fails its country at FILE:LINE. Expected
# texts are written here from published.csv's cells.

W="$TMPROOT/published_work"
rm -rf "$W" && mkdir -p "$W" && cd "$W" || exit 1
D=$(subset_fixture pub75 KEN GEO SGP UGA)
PF=$D/published.csv
# flat PDF [PAGE] — the text of a PDF (or of one page) on one line, spaces squeezed (line
# breaks and no-break spaces are spaces).
flat() {
    if [ -n "${2:-}" ]; then pdftotext -f "$2" -l "$2" "$1" - 2>/dev/null; else pdftotext "$1" - 2>/dev/null; fi |
        sed 's/\xc2\xa0/ /g; s/\xe2\x80\xaf/ /g' | tr '\n' ' ' | tr -s ' '
}
has() { grep -qF -- "$2" <<<"$1" || t_fail "$3 lacks: $2"; }
lacks() { ! grep -qF -- "$2" <<<"$1" || t_fail "$3 should not have: $2"; }
# notes_y PDF — where the "Notes and sources" heading is on page 2 (points from the top).
notes_y() { pdftotext -f 2 -l 2 -bbox "$1" - 2>/dev/null | sed -n 's/.*yMin="\([0-9.]*\)".*>Notes<.*/\1/p' | head -1; }
# The cells of GEO's figures, from the file.
field() { /usr/bin/python3 -c '
import csv, sys
rows = [r for r in csv.DictReader(open(sys.argv[1], encoding="utf-8")) if r["iso3"] == sys.argv[2] and r["year"] == sys.argv[3]]
print(rows[0][sys.argv[4]])' "$PF" "$@"; }
G18_CADRE=$(field GEO 2018 cadre) G18_TITLE=$(field GEO 2018 source_title) G18_PUB=$(field GEO 2018 publisher)
G18_SY=$(field GEO 2018 source_year) G18_V=$(field GEO 2018 value)
G02_CADRE=$(field GEO 2002 cadre) G02_V=$(field GEO 2002 value)
[ "$(grep -c '^KEN,' "$PF")" = 0 ] || t_fail "the fixture's KEN has published figures"
[ "$(grep -c '^GEO,' "$PF")" = 2 ] || t_fail "the fixture's GEO should have two published figures"
G18_EN="2018 · Head count: $G18_V. What it counts: $G18_CADRE. Source: $G18_TITLE, $G18_PUB, $G18_SY."
G02_EN="2002 · Head count: $G02_V. What it counts: $G02_CADRE."

t_begin "profile: the Published figures box lists the country's figures, the most recent first (en)"
run $SSWR profile GEO --datasets "$D" -o geo-en.pdf
expect_status 0
p2=$(flat geo-en.pdf 2)
has "$p2" "Published figures $G18_EN $G02_EN" "GEO's page 2 (en)"
lacks "$(flat geo-en.pdf 1)" "Published figures" "GEO's page 1"
t_end

t_begin "profile: the box in French (translated labels; definitions and sources as published)"
run $SSWR profile GEO --datasets "$D" --lang fr -o geo-fr.pdf
expect_status 0
has "$(flat geo-fr.pdf 2)" "Chiffres publiés 2018 · Effectif : $G18_V. Ce qui est compté : $G18_CADRE. Source : $G18_TITLE, $G18_PUB, $G18_SY." "GEO's page 2 (fr)"
t_end

t_begin "profile: no figures, no box: the notes take the place a missing story gives back; with figures they move down"
run $SSWR profile KEN --datasets "$D" -o ken.pdf
expect_status 0
lacks "$(flat ken.pdf)" "Published figures" "KEN's profile"
ky=$(notes_y ken.pdf) gy=$(notes_y geo-en.pdf)
# KEN has no story either: the notes move up to the story's place
ty=$(awk '/^\[story working\]/ { s = 1 } s && /^y = / { print $3; exit }' "$ROOT/templates/profile.tpl")
[ -n "$ky" ] && [ -n "$gy" ] && [ -n "$ty" ] || t_fail "positions not found: KEN $ky, GEO $gy, template $ty"
awk -v k="$ky" -v t="$ty" 'BEGIN { exit !(k >= t - 2 && k <= t + 4) }' || t_fail "KEN's notes at $ky, the template's y is $ty"
awk -v k="$ky" -v g="$gy" 'BEGIN { exit !(g > k + 40) }' || t_fail "GEO's notes at $gy are not under its box (KEN's: $ky)"
t_end

t_begin "profile: every language lays the box out (page tree checked), Arabic and Chinese included"
S20_TITLE=$(field SGP 2020 source_title)
for l in ar zh ru; do
    run $SSWR profile SGP --datasets "$D" --lang "$l" -o "sgp-$l.pdf"
    expect_status 0
    has "$(flat "sgp-$l.pdf" 2)" "$S20_TITLE" "SGP ($l)"
done
t_end

t_begin "report: Annex C lists every figure by region and country, with its contents entry and bookmark"
run $SSWR build --datasets "$D" --lang en -q
expect_status 0
R=output/2024/en/report.pdf
pages=$(pdfinfo "$R" 2>/dev/null | sed -n 's/^Pages: *//p')
pc=$(qpdf --json --json-key=outlines "$R" | /usr/bin/python3 -c '
import json, sys
print([o for o in json.load(sys.stdin)["outlines"] if o["title"].startswith("Annex C")][0]["destpageposfrom1"])')
annex=$(for p in $(seq "$pc" "$pages"); do flat "$R" "$p"; echo; done | tr '\n' ' ' | tr -s ' ')
has "$annex" "Annex C. Published figures" "the annex"
has "$annex" "Asia Georgia 2002 · Head count: $G02_V. What it counts: $G02_CADRE." "the annex"
has "$annex" "$G18_EN Singapore 2015 · Head count:" "the annex"
lacks "$annex" "Kenya" "the annex"
n=$(grep -o ' · [A-Z][a-z]' <<<"$annex" | wc -l)
[ "$n" = "$(($(wc -l <"$PF") - 1))" ] || t_fail "the annex has $n figures, published.csv $(($(wc -l <"$PF") - 1))"
pdftotext -f 2 -l 3 -layout "$R" - 2>/dev/null | grep -qE "Annex C\. Published figures( \.)* +$pc *\$" ||
    t_fail "the contents lack 'Annex C. Published figures' on page $pc"
bm=$(qpdf --json --json-key=outlines "$R" | /usr/bin/python3 -c '
import json, sys
print("; ".join("%s %s" % (o["title"], o["destpageposfrom1"]) for o in json.load(sys.stdin)["outlines"]))')
has "$bm" "Annex C. Published figures $pc" "the bookmarks"
t_end

t_begin "build: an edited published row rebuilds that country's profile and the report, nothing else"
sed -i "s/^\(GEO,2018,count,.*\),$G18_V,persons,/\1,$((G18_V + 1)),persons,/" "$PF"
run $SSWR build --datasets "$D" --lang en
expect_status 0
built=$(grep '^built ' <<<"$ERR$OUT" | sort | tr '\n' ' ')
expect_eq "$built" "built output/2024/en/GEO.pdf built output/2024/en/report.pdf " "what was rebuilt"
has "$(flat output/2024/en/GEO.pdf 2)" "2018 · Head count: $((G18_V + 1))." "GEO's rebuilt profile"
t_end

t_begin "a bad published row fails its country at FILE:LINE; the others build"
L=$(grep -n '^GEO,2018,' "$PF" | cut -d: -f1)
sed -i "${L}s/,$((G18_V + 1)),persons,/,9x41,persons,/" "$PF"
run $SSWR profile GEO --datasets "$D" -o bad.pdf
expect_status 1
expect_err "$PF:$L: column value: not a number: \"9x41\""
expect_no_file bad.pdf
run $SSWR profile SGP --datasets "$D" -o sgp.pdf
expect_status 1
expect_file sgp.pdf
t_end

t_begin "template: 'below' names a [published] block before it on its page, else an error at its line"
H="$TMPROOT/published_home"
rm -rf "$H" && mkdir -p "$H/build" && cp -r "$ROOT/templates" "$ROOT/scripts" "$H/" && ln -s "$ROOT/build/fonts" "$H/build/fonts"
L=$(awk '/^\[section notes\]/ { s = 1 } s && /^below = / { print NR; exit }' "$H/templates/profile.tpl")
sed -i "${L}s/^below = figures$/below = figurs/" "$H/templates/profile.tpl"
run env SSWR_HOME="$H" "$SSWR" profile GEO --datasets "$ROOT/datasets" -o below.pdf
expect_status 1
expect_err "templates/profile.tpl:$L: block 'section notes': option 'below': no [published figurs] block before it on its page"
expect_no_file below.pdf
t_end
