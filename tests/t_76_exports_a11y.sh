# t_76_exports_a11y.sh — what a reader who cannot see the charts gets (issue
# 16): each chart's /Alt is a sentence in the profile's language that names the
# kind of chart and its figures; the chart files (PNG, SVG) stand on their own,
# the SVG with real text, role="img", <title> and <desc> (the same sentence),
# the PNG at 300 dpi with title, country, year and source drawn in; the
# report's ranked chart and sources annex are lists (L/LI/Lbl/LBody), its
# English citations carry /Lang en in other languages, its page labels match
# the printed numbers; the PDF/UA checker finds lists nested wrongly; pdf.js
# (Firefox's engine) reads the same structure.
OUTD="$TMPROOT/a11y"
NB=$'\u202f'   # French groups digits with a narrow no-break space (CLDR)
rm -rf "$OUTD" && mkdir -p "$OUTD"

# figures PDF — each Figure's /Alt, one a line, in reading order.
figures() {
    /usr/bin/python3 - "$1" <<'EOF'
import sys, pikepdf
pdf = pikepdf.open(sys.argv[1])
def walk(e):
    if isinstance(e, pikepdf.Dictionary) and "/S" in e:
        if e.S == "/Figure":
            print(str(e.Alt))
        k = e.get("/K")
        for kid in (k if isinstance(k, pikepdf.Array) else [k]):
            walk(kid)
walk(pdf.Root.StructTreeRoot.K)
EOF
}

t_begin "alt text: KEN's five charts, in English, from their figures"
run $SSWR profile KEN --lang en -o "$OUTD/KEN-en.pdf"
expect_status 0
expect_eq "$(figures "$OUTD/KEN-en.pdf")" "Line chart: workers per 100,000 people in Kenya: 6.7 in 2015 and 6.5 in 2024, target 30 by 2030, projected 5.9 in 2030.
Bar chart: social service workers by cadre in Kenya, 2024: Social worker: 560, Para social worker: 2,537, Child protection officer: no data, Community development worker: no data, Social welfare officer: 550.
Donut chart: social service workers by employer in Kenya, 2024: Government: 47%, Non-government: 53%.
Dot chart: workers per 100,000 people in Eastern Africa (15 countries with data), 2024: Kenya 6.5 (rank 9 of 15), median 8.0, lowest 1.2, highest 41.3.
Bar chart: graduates by level of education in Kenya, 2024: Certificate: 360, Diploma: 335, Bachelor's degree: 265, Master's degree: no data, Doctorate: no data." "KEN-en alt texts"
t_end

t_begin "alt text: in French, with French numbers and missing values in words; a country without data"
run $SSWR profile KEN --lang fr -o "$OUTD/KEN-fr.pdf"
expect_status 0
alts=$(figures "$OUTD/KEN-fr.pdf")
expect_eq "$(sed -n 1p <<<"$alts")" "Graphique linéaire : travailleurs pour 100${NB}000 habitants, Kenya : 6,7 en 2015 et 6,5 en 2024, objectif 30 d’ici 2030, projection 5,9 en 2030." "KEN-fr trend"
expect_eq "$(sed -n 2p <<<"$alts")" "Graphique à barres : personnel des services sociaux par catégorie, Kenya, 2024 : Travailleur social : 560, Para-travailleur social : 2${NB}537, Agent de protection de l’enfance : aucune donnée, Agent de développement communautaire : aucune donnée, Agent d’action sociale : 550." "KEN-fr cadres"
run $SSWR profile MAF --lang fr -o "$OUTD/MAF-fr.pdf"
expect_status 0
expect_eq "$(figures "$OUTD/MAF-fr.pdf")" "Graphique linéaire : travailleurs pour 100${NB}000 habitants, Saint-Martin : aucune donnée observée, objectif 30 d’ici 2030.
Graphique à barres : personnel des services sociaux par catégorie, Saint-Martin : aucune donnée.
Graphique en anneau : personnel des services sociaux par employeur, Saint-Martin : aucune donnée.
Graphique à points : travailleurs pour 100${NB}000 habitants, Caraïbes (18 pays avec données), 2024 : médiane 34,1, minimum 5,6, maximum 88,1.
Graphique à barres : diplômés par niveau d’études, Saint-Martin : aucune donnée." "MAF-fr alt texts"
t_end

t_begin "alt text: Chinese and Arabic use their own list separators; no alt is a bare label list"
for lang in zh ar; do
    run $SSWR profile KEN --lang $lang -o "$OUTD/KEN-$lang.pdf"
    expect_status 0
done
expect_eq "$(figures "$OUTD/KEN-zh.pdf" | sed -n 1p)" "折线图：肯尼亚每10万人口社会服务工作者人数：2015年6.7，2024年6.5、目标：2030年前达到30、预测：2030年5.9。" "KEN-zh trend"
grep -q "^رسم بياني خطي: عدد العاملين لكل 100,000 نسمة في كينيا: .*6.7 في 2015 و.*6.5 في 2024، الهدف" <<<"$(figures "$OUTD/KEN-ar.pdf")" ||
    t_fail "KEN-ar trend alt: $(figures "$OUTD/KEN-ar.pdf" | head -1)"
t_end

t_begin "Lang: a country name missing in French stands in English, and its H1, contents entry and list item say so"
d=$(subset_fixture a11y_noname KEN UGA)
grep -v '^KEN,' "$d/names/fr.csv" >"$d/names/fr.new" && mv "$d/names/fr.new" "$d/names/fr.csv"
run $SSWR profile KEN --lang fr -d "$d" -o "$OUTD/noname-fr.pdf"
expect_status 0
langs=$(/usr/bin/python3 - "$OUTD/noname-fr.pdf" <<'EOF'
import sys, pikepdf
pdf = pikepdf.open(sys.argv[1])
def walk(e):
    if isinstance(e, pikepdf.Dictionary) and "/S" in e:
        if "/Lang" in e:
            print(str(e.S)[1:], str(e.Lang))
        k = e.get("/K")
        for kid in (k if isinstance(k, pikepdf.Array) else [k]):
            walk(kid)
walk(pdf.Root.StructTreeRoot.K)
EOF
)
expect_eq "$langs" "H1 en" "elements with their own /Lang"
NN="$OUTD/noname"
rm -rf "$NN" && mkdir -p "$NN" && cp -r "$d" "$NN/datasets"
(cd "$NN" && run $SSWR build --lang fr --no-charts -j 2; expect_status 0; echo "$T_FAILS") >"$NN/fails.txt"
[ -z "$(tr -d '\n' <"$NN/fails.txt")" ] || t_fail "$(cat "$NN/fails.txt")"
langs=$(/usr/bin/python3 - "$NN/output/2024/fr/report.pdf" <<'EOF'
import sys, pikepdf
pdf = pikepdf.open(sys.argv[1])
def walk(e):
    if isinstance(e, pikepdf.Dictionary) and "/S" in e:
        if "/Lang" in e:
            print(str(e.S)[1:], str(e.Lang))
        k = e.get("/K")
        for kid in (k if isinstance(k, pikepdf.Array) else [k]):
            walk(kid)
walk(pdf.Root.StructTreeRoot.K)
EOF
)
expect_eq "$langs" "TOCI en
TH en
LBody en
H1 en" "elements of the fr report with their own /Lang (contents entry, headline table row header, ranked list item, profile heading)"
expect_eq "$(pdfinfo -struct-text "$OUTD/noname-fr.pdf" 2>/dev/null | grep -A1 -m1 'H1' | tail -1 | tr -d ' ')" '"Kenya"' "the H1's text"
# With its French name, no element of the French profile has a language of its own.
grep -q '/Lang (en)' <(qpdf --qdf --object-streams=disable "$OUTD/KEN-fr.pdf" - 2>/dev/null) &&
    t_fail "KEN-fr.pdf has an element in English"
t_end

t_begin "Lang: an English source citation in a French note is a Span in English, in the same line"
run $SSWR profile IDN --lang fr -o "$OUTD/IDN-fr.pdf"
expect_status 0
st=$(pdfinfo -struct-text "$OUTD/IDN-fr.pdf" 2>/dev/null)
expect_eq "$(grep -B1 -A2 -m1 'Span' <<<"$st" | sed 's/^ *//')" "\"Effectifs${NB}: données fictives d’illustration; \"
Span (inline)
\"Global Social Service Workforce Alliance (2015), The State of the Social Service Workforce 2015 Report\"
\".\"" "the workforce note of IDN-fr"
langs=$(/usr/bin/python3 - "$OUTD/IDN-fr.pdf" <<'EOF'
import sys, pikepdf
pdf = pikepdf.open(sys.argv[1])
def walk(e):
    if isinstance(e, pikepdf.Dictionary) and "/S" in e:
        if "/Lang" in e:
            print(str(e.S)[1:], str(e.Lang))
        k = e.get("/K")
        for kid in (k if isinstance(k, pikepdf.Array) else [k]):
            walk(kid)
walk(pdf.Root.StructTreeRoot.K)
EOF
)
expect_eq "$langs" "Span en" "elements with their own /Lang in IDN-fr"
# The pieces abut: the line still reads as one.
expect_eq "$(pdftotext -f 2 -l 2 "$OUTD/IDN-fr.pdf" - 2>/dev/null | grep Effectifs)" "Effectifs : données fictives d’illustration; Global Social Service Workforce Alliance (2015), The State of the Social Service Workforce 2015 Report." "the note as pdftotext reads it (a plain space for the narrow one)"
run $SSWR profile IDN --lang en -o "$OUTD/IDN-en.pdf"
expect_status 0
pdfinfo -struct-text "$OUTD/IDN-en.pdf" 2>/dev/null | grep -q Span && t_fail "IDN-en has a Span: the citation is in the document's language"
t_end

# A scratch folder for --charts (written under output/YEAR/LANG/charts).
W="$OUTD/charts"
mkdir -p "$W"
charts() {   # charts LANG — KEN's profile and charts in LANG, into $W
    (cd "$W" && run $SSWR profile KEN --lang "$1" --charts -o "KEN-$1.pdf" -d "$ROOT/datasets" -s "$ROOT/scripts" -t "$ROOT/templates"
     expect_status 0; echo "$T_FAILS")
}

t_begin "SVG: real text, role=img named by its title and desc (the PDF's alt), language and fonts with fallbacks"
f=$(charts fr); [ -z "$f" ] || t_fail "$f"
D="$W/output/2024/fr/charts"
i=0
for c in trend cadres sectors compare graduates; do
    i=$((i + 1))
    svg="$D/KEN-$c.svg"
    expect_file "$svg"
    head=$(sed -n 2p "$svg")
    expect_eq "$head" "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"$(grep -o 'width="[0-9.]*pt"' "$svg" | head -1 | cut -d'"' -f2)\" height=\"$(grep -o 'height="[0-9.]*pt"' "$svg" | head -1 | cut -d'"' -f2)\" viewBox=\"$(grep -o 'viewBox="[0-9. ]*"' "$svg" | cut -d'"' -f2)\" role=\"img\" aria-labelledby=\"chart-title chart-desc\" lang=\"fr\" xml:lang=\"fr\" font-family=\"'Noto Sans', Arial, Helvetica, sans-serif\">" "$c: the svg element"
    desc=$(/usr/bin/python3 -c 'import sys, xml.etree.ElementTree as E; r = E.parse(sys.argv[1]).getroot(); print(r.find("{http://www.w3.org/2000/svg}desc").text)' "$svg")
    expect_eq "$desc" "$(figures "$W/KEN-fr.pdf" | sed -n ${i}p)" "$c: <desc> is the PDF's /Alt"
    [ "$(grep -c '<text ' "$svg")" -ge 4 ] || t_fail "$c: fewer than 4 <text> elements"
    ! grep -qE '<symbol|<use |<glyph' "$svg" || t_fail "$c: glyph outlines in the SVG"
    grep -q '<text [^>]*>Kenya, 2024</text>' "$svg" || t_fail "$c: no subtitle 'Kenya, 2024'"
    grep -q '<text [^>]*>Source : Rapport sur l’état du personnel des services sociaux 2024 ; données' "$svg" ||
        t_fail "$c: no source line"
done
expect_eq "$(grep -o '<title id="chart-title">[^<]*</title>' "$D/KEN-trend.svg")" "<title id=\"chart-title\">Travailleurs pour 100${NB}000 habitants</title>" "trend title"
t_end

t_begin "SVG right to left and CJK: direction, the script's font families, text in logical order"
f=$(charts ar); [ -z "$f" ] || t_fail "$f"
f=$(charts zh); [ -z "$f" ] || t_fail "$f"
expect_eq "$(grep -o 'direction="rtl" font-family="[^"]*"' "$W/output/2024/ar/charts/KEN-trend.svg")" \
    "direction=\"rtl\" font-family=\"'Noto Sans Arabic', 'Noto Naskh Arabic', 'Segoe UI', Tahoma, Arial, sans-serif\"" "ar svg"
grep -q '>كينيا، 2024</text>' "$W/output/2024/ar/charts/KEN-trend.svg" || t_fail "ar: no subtitle in logical order"
grep -q "font-family=\"'Noto Sans CJK SC'" "$W/output/2024/zh/charts/KEN-trend.svg" || t_fail "zh: no CJK font family"
grep -q '>肯尼亚，2024年</text>' "$W/output/2024/zh/charts/KEN-trend.svg" || t_fail "zh: no subtitle"
t_end

# png_info PNG — "WIDTHxHEIGHT PPM" from IHDR and pHYs.
png_info() {
    /usr/bin/python3 -c '
import struct, sys
d = open(sys.argv[1], "rb").read()
w, h = struct.unpack(">II", d[16:24])
i = d.index(b"pHYs")
print("%dx%d %d" % (w, h, struct.unpack(">I", d[i + 4:i + 8])[0]))' "$1"
}

t_begin "PNG: 300 dpi, the trend chart about 1,400 px wide with its frame; same bytes run to run"
D="$W/output/2024/fr/charts"
expect_eq "$(png_info "$D/KEN-trend.png")" "1475x1096 11811" "KEN-trend.png size and resolution"
expect_eq "$(png_info "$D/KEN-sectors.png" | cut -d' ' -f2)" "11811" "KEN-sectors.png resolution"
mkdir -p "$OUTD/first" && cp "$D"/* "$OUTD/first/"
f=$(charts fr); [ -z "$f" ] || t_fail "$f"
for x in "$OUTD"/first/*; do
    cmp -s "$x" "$D/$(basename "$x")" || t_fail "$(basename "$x") differs between two runs"
done
expect_eq "$(ls "$OUTD/first" | wc -l)" "10" "files per profile"
t_end

t_begin "report: lists, page labels, English citations marked, the ranked chart as files"
R="$OUTD/report"
rm -rf "$R" && mkdir -p "$R"
mv "$(subset_fixture a11y_data KEN UGA EGY MAF NPL)" "$R/datasets"
here=$PWD
cd "$R" && run $SSWR build --lang en,fr -j 2
cd "$here"
expect_status 0
/usr/bin/python3 - "$R/output/2024/fr/report.pdf" >"$R/check.txt" <<'EOF'
import sys, pikepdf
pdf = pikepdf.open(sys.argv[1])
print("labels", [(int(n) if isinstance(n, int) else {str(k): (str(v) if not isinstance(v, int) else int(v)) for k, v in n.items()}) for n in pdf.Root.PageLabels.Nums])
lists = []
def walk(e, path):
    if isinstance(e, pikepdf.Dictionary) and "/S" in e:
        s = str(e.S)[1:]
        if s == "L":
            items = [k for k in e.K if isinstance(k, pikepdf.Dictionary) and "/S" in k]
            lists.append(f"L {len(items)} " + ",".join(sorted({str(k.S)[1:] for k in items})) + " " +
                         "/".join(str(c.S)[1:] for c in items[0].K))
        if "/Lang" in e:
            print("lang", s, str(e.Lang), "in", path)
        k = e.get("/K")
        for kid in (k if isinstance(k, pikepdf.Array) else [k]):
            walk(kid, path + "/" + s)
walk(pdf.Root.StructTreeRoot.K, "")
print("\n".join(lists))
EOF
expect_eq "$(cat "$R/check.txt")" "labels [0, {'/S': '/D', '/St': 1}]
lang Span en in /Document/Sect
lang P en in /Document/L/LI/LBody
L 4 LI Lbl/LBody
L 1 LI LBody
L 2 LI Lbl/LBody" "fr report: page labels, Lang (NPL's notes, the sources annex), lists (4 ranked countries, MAF has no data; NPL's one published figure on its profile's page 2; 2 sources)"
st=$(pdfinfo -struct-text "$R/output/2024/en/report.pdf" 2>/dev/null)
expect_eq "$(grep -A3 -m1 -E '^  L( \(block\))?$' <<<"$st" | tail -2 | tr -s ' ')" ' Lbl (block)
 "1."' "the ranked list's first label"
expect_eq "$(grep -cE '^      Lbl( \(block\))?$' <<<"$st")" "6" "Lbl elements in the en report (4 ranks, 2 bullets)"
svg="$R/output/2024/fr/charts/report-ranked.svg"
expect_file "$svg"
expect_file "$R/output/2024/fr/charts/report-ranked.png"
expect_eq "$(grep -o '<desc[^<]*' "$svg")" "<desc id=\"chart-desc\">Graphique à barres : travailleurs pour 100${NB}000 habitants dans 4 pays et territoires, 2024, du plus élevé au plus bas : le plus élevé Ouganda 8,0, le plus bas Népal 0,7, médiane 6,0." "report-ranked.svg desc"
expect_eq "$(grep -c '<text ' "$svg")" "$((4 * 3 + 3))" "texts of the ranked chart (rank, name, value × 4; title, subtitle, source)"
run /usr/bin/python3 "$ROOT/tests/pdfua_check.py" "$R/output/2024/en/report.pdf" "$R/output/2024/fr/report.pdf"
expect_status 0
expect_eq "$OUT" "" "PDF/UA checker on the reports"
t_end

t_begin "the PDF/UA checker finds a list nested wrongly"
/usr/bin/python3 - "$R/output/2024/en/report.pdf" "$OUTD/badlist.pdf" <<'EOF'
import sys, pikepdf
pdf = pikepdf.open(sys.argv[1])
def walk(e):
    if isinstance(e, pikepdf.Dictionary) and "/S" in e:
        yield e
        k = e.get("/K")
        for kid in (k if isinstance(k, pikepdf.Array) else [k]):
            yield from walk(kid)
l = next(e for e in walk(pdf.Root.StructTreeRoot.K) if e.S == "/L")
l.K[0].S = pikepdf.Name.P            # an item that is a paragraph
l.K[1].K[0].S = pikepdf.Name.Span    # a label that is a span
pdf.save(sys.argv[2], static_id=True)
EOF
run /usr/bin/python3 "$ROOT/tests/pdfua_check.py" "$OUTD/badlist.pdf"
expect_status 1
expect_eq "$OUT" "$OUTD/badlist.pdf: an L holding a /P (only Caption, L, LI)
$OUTD/badlist.pdf: an LI holding a /Span (only LBody, Lbl)" "checker on a damaged list"
t_end

t_begin "pdf.js reads the headings, tables, figures' alt text and lists in reading order"
PDFJS=${PDFJS:-/usr/share/javascript/pdf/build/pdf.js}
if ! command -v node >/dev/null || [ ! -f "$PDFJS" ]; then
    echo "  skip pdf.js: needs nodejs and pdf.js (Debian: apt-get install nodejs libjs-pdf, as tools/deps.sh does; or PDFJS=a CommonJS build, e.g. pdfjs-dist@3/legacy/build/pdf.js)"
else
    js() { PDFJS="$PDFJS" node "$ROOT/tests/pdfjs_struct.js" "$@"; }
    run js "$OUTD/KEN-en.pdf" 1 2
    expect_status 0
    en=$OUT
    # Elements only, the way a screen reader walks them.
    roles() { grep -v "^ *'" <<<"$1" | sed 's/ alt=.*//'; }
    for w in "    H2" "      'Workers per 100,000 people'" \
             "    Figure alt=Line chart: workers per 100,000 people in Kenya: 6.7 in 2015 and 6.5 in 2024, target 30 by 2030, projected 5.9 in 2030." \
             "        TH" "          'Cadre'" "labels null"; do
        grep -qxF -- "$w" <<<"$en" || t_fail "pdf.js KEN-en lacks the line: $w"
    done
    expect_eq "$(grep -c '^    Figure alt=' <<<"$en")" "5" "figures with alt text (2 pages)"
    expect_eq "$(roles "$en" | grep -n 'H1\|H2\|Figure\|Table' | head -4 | tr -d ' ' | tr '\n' ' ')" "5:H1 8:H2 9:Figure 10:H2 " "first elements in reading order"
    run js "$OUTD/KEN-ar.pdf" 1 2
    expect_status 0
    expect_eq "$(roles "$OUT")" "$(roles "$en")" "the Arabic profile's elements are the English one's"
    grep -qxF "        'كينيا'" <<<"$OUT" || t_fail "pdf.js KEN-ar: the H1 is not كينيا in base letters"
    run js "$R/output/2024/fr/report.pdf" 4 $(($(pdfinfo "$R/output/2024/fr/report.pdf" 2>/dev/null | awk '/^Pages:/ { print $2 }')))
    expect_status 0
    expect_eq "$(grep -A5 -m1 -xF '    L' <<<"$OUT")" "    L
      LI
        Lbl
          '1.'
        LBody
          ' Ouganda'" "pdf.js: the ranked list's first item (pdf.js puts a space between two items of one line)"
    grep -qxF "        LBody" <<<"$OUT" || t_fail "pdf.js: no LBody in the report's lists"
    grep -A1 -xF "          P lang=en" <<<"$OUT" | grep -qF "Global Social Service Workforce Alliance (2015)" || t_fail "pdf.js: the English citation has no lang: $(grep -n lang <<<"$OUT" | head -3)"
    grep -q '^labels \["1","2","3",' <<<"$OUT" || t_fail "pdf.js page labels: $(tail -1 <<<"$OUT" | head -c 80)"
fi
t_end
