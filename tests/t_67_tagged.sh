# t_67_tagged.sh — tagged, PDF/UA-1 profiles and report (issue 16). Profiles
# in en, ar and zh (a country with data, one with a long name, one without
# data) and the report of a small subset pass tests/pdfua_check.py (pikepdf:
# marked content, structure tree, ParentTree, Alt, TH, headings, XMP...);
# poppler says they are tagged and reads their structure in reading order,
# left to right and right to left; Arabic text extracts as base letters; the
# checker itself fails on each kind of damage it is meant to find.
OUTD="$TMPROOT/tagged"
rm -rf "$OUTD" && mkdir -p "$OUTD"
CHECK=(/usr/bin/python3 "$ROOT/tests/pdfua_check.py")

for lang in en ar zh; do
    t_begin "tagged $lang: profiles pass the PDF/UA checker and poppler sees them tagged"
    for c in KEN EGY COD MAF; do
        run $SSWR profile "$c" --lang "$lang" -o "$OUTD/$c-$lang.pdf"
        expect_status 0
        tagged=$(pdfinfo "$OUTD/$c-$lang.pdf" 2>/dev/null | grep '^Tagged:')
        expect_eq "$tagged" "Tagged:          yes" "pdfinfo of $c-$lang"
    done
    run "${CHECK[@]}" "$OUTD"/*-"$lang".pdf
    expect_status 0
    expect_eq "$OUT" "" "checker output"
    t_end
done

t_begin "tagged: the same inputs give the same tagged bytes"
run $SSWR profile EGY --lang ar -o "$OUTD/again.pdf"
cmp -s "$OUTD/again.pdf" "$OUTD/EGY-ar.pdf" || t_fail "EGY-ar.pdf differs between two runs"
t_end

# The structure as poppler reads it: elements only (no text lines).
skeleton() { pdfinfo -struct-text "$1" 2>/dev/null | grep -v '^ *"'; }

t_begin "tagged en: pdfinfo -struct-text reads the profile in reading order"
st=$(pdfinfo -struct-text "$OUTD/KEN-en.pdf" 2>/dev/null)
# Lines that must come in this order (each the first match after the last).
want=('H1 (block)' '"Kenya"' '"Population"' 'H2 (block)' '"Workers per 100,000 people"' 'Figure'
      '"Gap to the target"' 'Table (block)' 'TH:' '"Cadre"' 'TD' '"Capacity of the system to plan, develop and support the workforce, 2024"'
      'Table (block)' '"Government and non-government, 2024"' 'Figure' '"Notes and sources"')
rest=$st
for w in "${want[@]}"; do
    if grep -qF -- "$w" <<<"$rest"; then
        rest=$(awk -v w="$w" 'found { print } !found && index($0, w) { found = 1 }' <<<"$rest")
    else
        t_fail "struct-text lacks '$w' after the earlier ones"
        break
    fi
done
t_end

t_begin "tagged ar: the right-to-left profile has the same structure in the same order, its H1 the name"
[ "$(skeleton "$OUTD/KEN-ar.pdf")" = "$(skeleton "$OUTD/KEN-en.pdf")" ] ||
    t_fail "the elements of KEN-ar differ from KEN-en: $(diff <(skeleton "$OUTD/KEN-en.pdf") <(skeleton "$OUTD/KEN-ar.pdf") | head -5)"
# poppler shows each line's glyphs as drawn (visual order, presentation forms).
h1=$(pdfinfo -struct-text "$OUTD/EGY-ar.pdf" 2>/dev/null | awk '/H1/ { getline; print; exit }' |
     /usr/bin/python3 -c 'import sys, unicodedata; print(unicodedata.normalize("NFKC", sys.stdin.read().strip().strip("\""))[::-1])')
expect_eq "$h1" "مصر" "the H1 of EGY-ar"
t_end

t_begin "tagged ar: pdftotext gives the country's name as base letters, not presentation forms"
# /ActualText carries the logical text; poppler lays it out left to right and
# then reverses right-to-left words, so either order is accepted here.
line=$(pdftotext -f 1 -l 1 "$OUTD/EGY-ar.pdf" - 2>/dev/null | grep -aE 'مصر|رصم' | head -1)
[ -n "$line" ] || t_fail "no line with the base letters of مصر in: $(pdftotext -f 1 -l 1 "$OUTD/EGY-ar.pdf" - 2>/dev/null | head -5)"
forms=$(pdftotext "$OUTD/EGY-ar.pdf" - 2>/dev/null | /usr/bin/python3 -c '
import sys
t = sys.stdin.read()
print(sum(1 for ch in t if 0xFE70 <= ord(ch) <= 0xFEFF), sum(1 for ch in t if 0x0621 <= ord(ch) <= 0x064A) > 100)')
expect_eq "$forms" "0 True" "presentation forms, and base letters > 100, in the whole profile (charts too)"
t_end

t_begin "tagged: the report of a subset passes the checker, its contents a TOC of links"
W="$TMPROOT/tagged-report"
rm -rf "$W" && mkdir -p "$W"
mv "$(subset_fixture tagged_data KEN UGA EGY MAF)" "$W/datasets"
here=$PWD
cd "$W" && run $SSWR build --lang en,ar --no-charts -j 2
cd "$here"
expect_status 0
run "${CHECK[@]}" "$W/output/2024/en/report.pdf" "$W/output/2024/ar/report.pdf"
expect_status 0
expect_eq "$OUT" "" "checker output"
st=$(pdfinfo -struct-text "$W/output/2024/en/report.pdf" 2>/dev/null)
expect_eq "$(grep -c '^    TOCI$' <<<"$st")" "10" "contents entries (2 parts, 2 regions, 4 countries, 2 annexes)"
expect_eq "$(grep -c '^        Object [0-9]* 0$' <<<"$st")" "10" "link annotations in the contents' Link elements"
expect_eq "$(grep -A1 -m1 '^  H1' <<<"$st" | tail -1)" '    "State of the Social Service"' "first heading (the cover's title)"
t_end

# damage NAME PYTHON — a copy of KEN-en.pdf changed by PYTHON (pdf is open).
damage() {
    /usr/bin/python3 - "$OUTD/KEN-en.pdf" "$OUTD/$1.pdf" <<EOF
import sys, pikepdf
pdf = pikepdf.open(sys.argv[1])
def elements(e):
    if isinstance(e, pikepdf.Dictionary) and "/S" in e:
        yield e
        k = e.get("/K")
        for kid in (k if isinstance(k, pikepdf.Array) else [k]):
            yield from elements(kid)
$2
pdf.save(sys.argv[2], static_id=True)
EOF
}

t_begin "tagged: the checker finds each kind of damage"
damage catalog 'del pdf.Root.MarkInfo; del pdf.Root.Metadata; del pdf.Root.ViewerPreferences'
run "${CHECK[@]}" "$OUTD/catalog.pdf"
expect_status 1
expect_eq "$OUT" "$OUTD/catalog.pdf: no /MarkInfo << /Marked true >>
$OUTD/catalog.pdf: no /ViewerPreferences << /DisplayDocTitle true >>
$OUTD/catalog.pdf: no XMP metadata stream" "catalog damage"
damage alt 'fig = [e for e in elements(pdf.Root.StructTreeRoot.K) if e.S == "/Figure"][0]; del fig.Alt'
run "${CHECK[@]}" "$OUTD/alt.pdf"
expect_eq "$OUT" "$OUTD/alt.pdf: a Figure without /Alt" "Figure without Alt"
damage untagged 'pdf.pages[0].contents_add(pdf.make_stream(b"BT /F1 9 Tf 10 10 Td (x) Tj ET"))'
run "${CHECK[@]}" "$OUTD/untagged.pdf"
expect_eq "$OUT" "$OUTD/untagged.pdf: page 1: 1 text or painting operator(s) outside tagged or artifact content" "untagged text"
damage heading 'h = [e for e in elements(pdf.Root.StructTreeRoot.K) if e.S == "/H1"][0]; h.S = pikepdf.Name.H3'
run "${CHECK[@]}" "$OUTD/heading.pdf"
expect_eq "$OUT" "$OUTD/heading.pdf: the first heading is H3, not H1" "heading levels"
damage th 'for e in elements(pdf.Root.StructTreeRoot.K):
    if e.S == "/TH": e.S = pikepdf.Name.TD'
run "${CHECK[@]}" "$OUTD/th.pdf"
expect_eq "$OUT" "$OUTD/th.pdf: a Table without TH cells
$OUTD/th.pdf: a Table without TH cells
$OUTD/th.pdf: a Table without TH cells" "tables without header cells (cadres, capacity grid, education)"
damage parent 'nums = pdf.Root.StructTreeRoot.ParentTree.Nums; nums[1][0] = nums[1][len(nums[1]) - 1]'
run "${CHECK[@]}" "$OUTD/parent.pdf"
expect_eq "$OUT" "$OUTD/parent.pdf: page 1: the ParentTree gives MCID 0 another element than the tree" "ParentTree mismatch"
damage orphan 'doc = pdf.Root.StructTreeRoot.K; doc.K = pikepdf.Array(list(doc.K)[1:])'
run "${CHECK[@]}" "$OUTD/orphan.pdf"
expect_out_has "$OUTD/orphan.pdf: page 1: MCID 0 is not referenced from the tree"
t_end
