# t_51_report_pages.sh — the combined report's pages (issue 15, item 12): a
# cover whose lower half says the edition, publisher, year and how to cite
# (from the templates, never the clock); contents in two columns with dot
# leaders to their page numbers; the headline table under the overview, in
# region order with a sub-heading row per region, tagged as table rows; and
# no overview or annex page left mostly empty, the last in balanced columns.

W="$TMPROOT/report-pages"
rm -rf "$W" && mkdir -p "$W" && ln -s "$ROOT/datasets" "$W/datasets"
cd "$W"
run "$SSWR_RELEASE" build --lang en,ar --country KEN --no-charts -j 2 --quiet
expect_status 0
cd "$ROOT"
R="$W/output/2024/en/report.pdf"

t_begin "report: the cover's lower half has the edition, publisher, year of publication and citation"
text=$(pdftotext -enc UTF-8 -f 1 -l 1 "$R" - 2>/dev/null | tr '\n' ' ' | tr -s ' ')
for s in "2024 edition" "State of the Social Service Workforce report team" "Published in 2026" \
         "Suggested citation: State of the Social Service Workforce report team. State of the Social Service Workforce 2024: country profiles and regional overview. 2026."; do
    grep -qF -- "$s" <<<"$text" || t_fail "cover lacks '$s': $text"
done
# the year of publication is profile.tpl's [document] date, whatever the clock says
cd "$W"
SOURCE_DATE_EPOCH=1893456000 run "$SSWR_RELEASE" build --lang en --country KEN --no-charts -j 2 --quiet --force
cd "$ROOT"
pdftotext -f 1 -l 1 "$R" - 2>/dev/null | grep -q "Published in 2026" || t_fail "the cover's year follows the clock"
t_end

t_begin "report: contents in two columns, a dot leader from each title to its page number"
lay=$(pdftotext -layout -enc UTF-8 -f 2 -l 2 "$R" - 2>/dev/null)
for e in Overview Algeria Kenya Zimbabwe; do
    grep -qE "$e( \.){4,} +[0-9]+" <<<"$lay" || t_fail "no leader line for $e: $(grep -m1 "$e" <<<"$lay")"
done
# two entries on one line: the left column's number, then the right column's entry
grep -qE '\. +[0-9]+ {3,}[^ .].*( \.){4,} +[0-9]+ *$' <<<"$lay" || t_fail "no line holds two columns' entries"
t_end

t_begin "report: the headline table has a sub-heading row per region and a row per country, tagged"
nreg=$(awk -F, 'NR > 1 { print $4 }' "$ROOT/datasets/countries.csv" | sort -u | wc -l)
run /usr/bin/python3 - "$R" <<'PY'
import sys, pikepdf
pdf = pikepdf.open(sys.argv[1])
head = sub = country = tables = 0
def kids(e):
    k = e.get("/K")
    return [] if k is None else list(k) if isinstance(k, pikepdf.Array) else [k]
def s(e):
    return str(e.get("/S", ""))[1:] if isinstance(e, pikepdf.Dictionary) else ""
def walk(e):
    global head, sub, country, tables
    if s(e) == "Table":
        rows = [[s(c) for c in kids(tr) if s(c)] for tr in kids(e) if s(tr) == "TR"]
        if rows and rows[0] == ["TH"] * 7:   # the headline table's pages
            tables += 1
            head += 1
            sub += sum(1 for r in rows[1:] if r == ["TH"])
            country += sum(1 for r in rows[1:] if r == ["TH"] + ["TD"] * 6)
    for k in kids(e):
        if isinstance(k, pikepdf.Dictionary) and "/S" in k: walk(k)
walk(pdf.Root.StructTreeRoot)
print(f"{head} {sub} {country}")
PY
expect_status 0
set -- $OUT
ncountries=$(($(wc -l <"$ROOT/datasets/countries.csv") - 1))
[ "${2:-}" = "$nreg" ] || t_fail "$OUT: ${2:-?} region sub-heading rows, expected $nreg"
[ "${3:-}" = "$ncountries" ] || t_fail "$OUT: ${3:-?} country rows, expected $ncountries"
[ "${1:-0}" -ge 2 ] || t_fail "$OUT: ${1:-?} header rows (one per page of the table)"
# the overview's first page (its bookmark), where the headline table starts
ov=$(qpdf --json "$R" | /usr/bin/python3 -c 'import json, sys; print(json.load(sys.stdin)["outlines"][0]["destpageposfrom1"])')
text=$(pdftotext -enc UTF-8 -f "$ov" -l "$ov" "$R" - 2>/dev/null)
for region in Africa Americas; do grep -qx "$region" <<<"$text" || t_fail "no sub-heading '$region' on page $ov"; done
t_end

t_begin "report: overview pages are filled, the annexes end in balanced columns (en, ar)"
for l in en ar; do
    run /usr/bin/python3 - "$W/output/2024/$l/report.pdf" "$TMPROOT/fill-$l" <<'PY'
import json, os, subprocess, sys
from PIL import Image
pdf, tmp = sys.argv[1], sys.argv[2]
os.makedirs(tmp, exist_ok=True)
j = json.loads(subprocess.run(["qpdf", "--json", pdf], capture_output=True).stdout)
top = j["outlines"]
overview, profiles = top[0]["destpageposfrom1"], top[1]["destpageposfrom1"]
# the annexes: after the profiles and the country stories chapter (the entry with kids)
annex = (top[3] if top[2].get("kids") else top[2])["destpageposfrom1"]
last = len(j["pages"])
DPI, BODY_TOP, BODY_BOTTOM = 20, 64, 790   # points: under the band, above the footer
def ink(page):
    subprocess.run(["pdftoppm", "-r", str(DPI), "-gray", "-png", "-singlefile", "-f", str(page), "-l", str(page),
                    pdf, f"{tmp}/p"], check=True, stderr=subprocess.DEVNULL)
    im = Image.open(f"{tmp}/p.png").convert("L")
    return im, im.size
def lowest(im, x0, x1):   # the lowest row with ink in [x0, x1), in points
    w, h = im.size
    px = im.load()
    for y in range(int(BODY_BOTTOM * DPI / 72) - 1, int(BODY_TOP * DPI / 72), -1):
        if any(px[x, y] < 160 for x in range(x0, x1)):
            return y * 72 / DPI
    return BODY_TOP
bad = []
for p in list(range(overview, profiles)) + list(range(annex, last)):
    im, (w, h) = ink(p)
    fill = (lowest(im, 0, w) - BODY_TOP) / (BODY_BOTTOM - BODY_TOP)
    if fill < 0.75:
        bad.append(f"page {p} ({'overview' if p < profiles else 'annexes'}) is {fill:.0%} filled")
im, (w, h) = ink(last)
left, right = lowest(im, 0, w // 2), lowest(im, w // 2, w)
if abs(left - right) > 0.15 * (BODY_BOTTOM - BODY_TOP):
    bad.append(f"last page: columns end at {left:.0f} and {right:.0f} pt")
print("; ".join(bad))
PY
    expect_status 0
    [ -z "$OUT" ] || t_fail "$l: $OUT"
done
t_end
