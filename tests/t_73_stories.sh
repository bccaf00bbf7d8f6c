# t_73_stories.sh — country stories (issue 19): datasets/stories/ISO3.LANG.md
# in a Markdown subset read with cmark, set on page 2 of the profile ("What
# is working") with bold, italic, lists and links (annotations, tags), each
# disallowed construct an error at its FILE:LINE, an overlong story an error
# naming its file and lines, the original language with its note when the
# profile's language has no story, the space given back when there is none,
# a bad story failing its country alone, incremental rebuilds, the report's
# "Country stories" chapter (contents, bookmarks), and `strings check`.
W="$TMPROOT/stories"
rm -rf "$W" && mkdir -p "$W"
D=$(subset_fixture storydata KEN UGA NZL MAF)
mv "$D" "$W/datasets"
D="$W/datasets"
S="$D/stories"
O="$W/out"
mkdir -p "$O"
TPL_LINE=$(grep -n '^\[story working\]' "$ROOT/templates/profile.tpl" | cut -d: -f1)

# story FILE BODY... — writes a story with an illustrative header.
story() {
    local f=$1
    shift
    { printf 'original: en\nkind: illustrative\n\n'; printf '%s\n' "$@"; } >"$S/$f"
}
py() { /usr/bin/python3 - "$@"; }

t_begin "stories: the subset keeps its own countries' stories only"
expect_eq "$(cd "$S" && ls | tr '\n' ' ')" "NZL.en.md NZL.fr.md " "stories of the subset"
t_end

cat >"$S/KEN.en.md" <<'EOF'
original: en
kind: published
source: Ministry of Labour and Social Protection, 2024

# Case workers in every *county*

Kenya's **child protection** officers use a *shared* case register, described on the [ministry's site](https://www.socialprotection.go.ke/).
A soft line break joins the paragraph.

- First point with **bold**
- Second point with *italic* and a [link](mailto:info@example.org)

A closing paragraph.
EOF

t_begin "stories: a story with every allowed construct renders, with link annotations and tags"
run $SSWR profile KEN --datasets "$D" -o "$O/ken-en.pdf"
expect_status 0
txt=$(pdftotext -f 2 -l 2 -enc UTF-8 "$O/ken-en.pdf" - 2>/dev/null | tr '\n' ' ')
for s in "What is working" "Case workers in every county" "Kenya's child protection officers use a shared case register, described on the ministry's site." \
         "A soft line break joins the paragraph." "First point with bold" "Second point with italic and a link" \
         "A closing paragraph." "Source: Ministry of Labour and Social Protection, 2024"; do
    grep -qF -- "$s" <<<"$txt" || t_fail "page 2 lacks: $s"
done
uris=$(py "$O/ken-en.pdf" <<'EOF'
import pikepdf, sys
p = pikepdf.open(sys.argv[1])
for a in p.pages[1].obj.get("/Annots", []):
    if a.get("/A") is not None and "/URI" in a.A:
        print(str(a.A.URI), "StructParent" if "/StructParent" in a else "no-StructParent")
EOF
)
expect_eq "$uris" "https://www.socialprotection.go.ke/ StructParent
mailto:info@example.org StructParent" "link annotations of page 2"
st=$(pdfinfo -struct-text "$O/ken-en.pdf" 2>/dev/null | grep -v '^ *"' | sed 's/^ *//' | sort -u | tr '\n' ' ')
for r in "H2" "H3" "P" "L" "LI" "Lbl" "LBody" "Link"; do
    grep -qE "(^| )$r( |$|\()" <<<"$st" || t_fail "no $r element in the structure: $st"
done
run /usr/bin/python3 "$ROOT/tests/pdfua_check.py" "$O/ken-en.pdf"
expect_status 0
expect_eq "$OUT" "" "PDF/UA checker"
t_end

t_begin "stories: the story's elements are in reading order: heading, title, paragraph, list, link"
st=$(pdfinfo -struct-text "$O/ken-en.pdf" 2>/dev/null)
rest=$st
for w in '"What is working"' 'H3' '"Case workers in every county"' 'P' 'Link' '"ministry'"'"'s site"' 'L' 'LI' 'Lbl' 'LBody' '"First point with ' '"A closing paragraph."' '"Source: Ministry'; do
    if grep -qF -- "$w" <<<"$rest"; then
        rest=$(awk -v w="$w" 'found { print } !found && index($0, w) { found = 1 }' <<<"$rest")
    else
        t_fail "struct-text lacks '$w' after the earlier ones"
        break
    fi
done
t_end

# bad NUM CONSTRUCT... — a story whose line NUM holds a disallowed construct.
bad_case() {
    local line=$1 msg=$2
    shift 2
    story KEN.en.md "$@"
    run $SSWR check --datasets "$D" --errors-only --country KEN
    expect_status 1
    expect_err_has "$S/KEN.en.md:$line: $msg"
}

t_begin "stories: each disallowed construct is an error at its line, saying what to write instead"
bad_case 7 "an image is not allowed in a story: describe it in words, or link to it with [text](https://…)" \
    "# T" "" "Text" "and ![a photo](photo.png) here."
bad_case 6 "raw HTML is not allowed in a story: write **bold**, *italic* or [text](https://…) instead" \
    "# T" "" "Some <b>bold</b> text."
bad_case 6 "raw HTML is not allowed in a story: write **bold**, *italic* or [text](https://…) instead" \
    "# T" "" "<div>block</div>"
bad_case 8 "a table is not allowed in a story: write the figures as sentences or as a bullet list" \
    "# T" "" "Text." "" "| a | b |" "|---|---|" "| 1 | 2 |"
bad_case 9 "a list inside a list is not allowed in a story (one level only): make its items items of the outer list, or a paragraph" \
    "# T" "" "Text." "" "- one" "  - nested"
bad_case 6 "a numbered list is not allowed in a story: write a bullet list, one '- ' per item" \
    "# T" "" "1. one" "2. two"
bad_case 8 "a heading other than the title is not allowed in a story: write it as a paragraph, in **bold** if it must stand out" \
    "# T" "" "Text." "" "## Subtitle"
bad_case 8 "a heading other than the title is not allowed in a story: write it as a paragraph, in **bold** if it must stand out" \
    "# T" "" "Text." "" "# A second title"
bad_case 6 "a quotation block (>) is not allowed in a story: put the quotation in a paragraph, between quotation marks" \
    "# T" "" "> quoted"
bad_case 8 "a rule (---) is not allowed in a story: leave a blank line between paragraphs" \
    "# T" "" "Text." "" "---"
bad_case 6 'a code block is not allowed in a story: write the text as a paragraph, not indented and without ```' \
    "# T" "" '```' "code" '```'
bad_case 8 'a code block is not allowed in a story: write the text as a paragraph, not indented and without ```' \
    "# T" "" "Text." "" "    indented"
bad_case 6 'code (`…`) is not allowed in a story: write the words without backquotes' \
    "# T" "" 'Run `make` now.'
bad_case 6 "a link goes to a web address (https://…) or an e-mail address (mailto:…), not 'javascript:x()'" \
    "# T" "" "A [link](javascript:x())."
bad_case 4 "a story starts with its title, '# Title', after the header's blank line" \
    "Text without a title."
t_end

t_begin "stories: header errors name their line"
printf 'original: en\nkind: maybe\n\n# T\n\nText.\n' >"$S/KEN.en.md"
run $SSWR check --datasets "$D" --errors-only --country KEN
expect_status 1
expect_err_has "$S/KEN.en.md:2: 'kind' is 'published' or 'illustrative', not 'maybe'"
printf 'original: en\nkind: published\n\n# T\n\nText.\n' >"$S/KEN.en.md"
run $SSWR check --datasets "$D" --errors-only --country KEN
expect_err_has "$S/KEN.en.md:2: a story drawn from a published source names it: add 'source: PUBLISHER, TITLE, YEAR'"
printf 'original: en\nkind: illustrative\nauthor: me\n\n# T\n\nText.\n' >"$S/KEN.en.md"
run $SSWR check --datasets "$D" --errors-only --country KEN
expect_err_has "$S/KEN.en.md:3: unknown header field 'author': a story's header has 'original', 'kind' and 'source'"
printf '# T\n\nText.\n' >"$S/KEN.en.md"
run $SSWR check --datasets "$D" --errors-only --country KEN
expect_err_has "$S/KEN.en.md:1: a story starts with its header: 'original: LANG', 'kind: published' or 'kind: illustrative', 'source: …', then a blank line and '# Title'"
printf 'original: fr\nkind: illustrative\n\n# T\n\nText.\n' >"$S/KEN.en.md"
run $SSWR check --datasets "$D" --errors-only --country KEN
expect_err_has "$S/KEN.en.md:1: 'original: fr', but there is no KEN.fr.md beside it: add the story in its original language, or name the language this one is in"
# (found by tests/fuzz/fuzz_story.c: a file that ends in its header was reported one line past its end)
printf 'original: en\nkind: illustrative' >"$S/KEN.en.md"
run $SSWR check --datasets "$D" --errors-only --country KEN
expect_err_has "$S/KEN.en.md:2: a story starts with its title, '# Title', after the header's blank line"
rm -f "$S/KEN.en.md"
printf 'original: en\nkind: illustrative\n\n# T\n\nText.\n' >"$S/KEN.EN.md"
run $SSWR check --datasets "$D" --errors-only
expect_status 1
expect_err_has "$S/KEN.EN.md: a story file is named ISO3.LANG.md (KEN.en.md), not 'KEN.EN.md'"
rm -f "$S/KEN.EN.md"
printf 'original: en\nkind: illustrative\n\n# T\n\nText.\n' >"$S/KNE.en.md"
run $SSWR check --datasets "$D"
expect_err_has "$S/KNE.en.md: warning: no country KNE in countries.csv (did you mean KEN?): the story is not used"
rm -f "$S/KNE.en.md"
t_end

t_begin "stories: a bad story fails its country only, keeping its earlier files; the others are built"
cd "$W"
story KEN.en.md "# Good" "" "A good story."
run $SSWR build --datasets "$D" --country KEN,UGA --lang en --no-report --no-charts -j 1
expect_status 0
cp output/2024/en/KEN.pdf "$O/ken-before.pdf"
story KEN.en.md "# Bad" "" "![img](x.png)"
touch -d '2001-01-01' output/2024/en/UGA.pdf
run $SSWR build --datasets "$D" --country KEN,UGA --lang en --no-report --no-charts -j 1 --force
expect_status 1
expect_err_has "$S/KEN.en.md:6: an image is not allowed in a story"
cmp -s output/2024/en/KEN.pdf "$O/ken-before.pdf" || t_fail "KEN.pdf changed although KEN failed"
[ output/2024/en/UGA.pdf -nt "$O/ken-before.pdf" ] || t_fail "UGA.pdf was not rebuilt"
cd "$ROOT"
t_end

t_begin "stories: changing a story rebuilds that country's profiles, not the others'"
cd "$W"
story KEN.en.md "# Good" "" "A good story."
run $SSWR build --datasets "$D" --country KEN,UGA --lang en --no-report --no-charts -j 1
expect_status 0
run $SSWR build --datasets "$D" --country KEN,UGA --lang en --no-report --no-charts -j 1
expect_err_has "sswr: 0 built, 2 up to date, 0 failed"
story KEN.en.md "# Good" "" "A better story."
run $SSWR build --datasets "$D" --country KEN,UGA --lang en --no-report --no-charts -j 1
expect_status 0
expect_err_has "sswr: 1 built, 1 up to date, 0 failed"
pdftotext output/2024/en/KEN.pdf - 2>/dev/null | grep -qF "A better story." || t_fail "KEN.pdf lacks the new text"
cd "$ROOT"
t_end

t_begin "stories: a story too long for its box names its file and by how many lines"
story KEN.en.md "# Long" "" "One." "" "Two." "" "Three." "" "Four." "" "Five." "" "Six." "" "Seven." "" "Eight." "" "Nine." "" "Ten."
run $SSWR profile KEN --datasets "$D" -o "$O/long.pdf"
expect_status 1
expect_err "$S/KEN.en.md: the story is 6 lines too long for block 'story working' (templates/profile.tpl:$TPL_LINE, 523 × 120 pt): shorten it, or give the block more room (KEN, en)"
expect_no_file "$O/long.pdf"
story KEN.en.md "# Long" "" "One." "" "Two." "" "Three." "" "Four." "" "Five." "" "Six."
run $SSWR profile KEN --datasets "$D" -o "$O/long.pdf"
expect_status 1
expect_err "$S/KEN.en.md: the story is 1 line too long for block 'story working' (templates/profile.tpl:$TPL_LINE, 523 × 120 pt): shorten it, or give the block more room (KEN, en)"
story KEN.en.md "# Long" "" "One." "" "Two." "" "Three." "" "Four." "" "Five."
run $SSWR profile KEN --datasets "$D" -o "$O/long.pdf"
expect_status 0
t_end

t_begin "stories: a profile without a story in its language shows the original with its note; with one, its own"
story KEN.en.md "# Original title" "" "The original text."
run $SSWR profile KEN --datasets "$D" --lang fr -o "$O/ken-fr.pdf"
expect_status 0
txt=$(pdftotext -f 2 -l 2 -enc UTF-8 "$O/ken-fr.pdf" - 2>/dev/null)
for s in "Ce qui fonctionne" "Original title" "(en anglais)" "The original text." \
         "Exemple illustratif, qui ne provient pas d’une source publiée."; do
    grep -qF -- "$s" <<<"$txt" || t_fail "KEN fr page 2 lacks: $s"
done
lang=$(py "$O/ken-fr.pdf" <<'EOF'
import pikepdf, sys
p = pikepdf.open(sys.argv[1])
def walk(e):
    if isinstance(e, pikepdf.Dictionary) and "/S" in e:
        if str(e.S) == "/H3": print(str(e.get("/Lang", "")))
        k = e.get("/K")
        for c in (k if isinstance(k, pikepdf.Array) else [k] if k is not None else []): walk(c)
walk(p.Root.StructTreeRoot.K)
EOF
)
expect_eq "$lang" "en" "the /Lang of the English story's title in a French profile"
printf 'original: en\nkind: illustrative\n\n# Titre traduit\n\nLe texte traduit.\n' >"$S/KEN.fr.md"
run $SSWR profile KEN --datasets "$D" --lang fr -o "$O/ken-fr2.pdf"
txt=$(pdftotext -f 2 -l 2 -enc UTF-8 "$O/ken-fr2.pdf" - 2>/dev/null)
grep -qF "Titre traduit" <<<"$txt" || t_fail "the French story is not shown"
grep -qF "(en anglais)" <<<"$txt" && t_fail "a story in the profile's language has the note"
rm -f "$S/KEN.fr.md"
for l in ar zh; do
    run $SSWR profile KEN --datasets "$D" --lang $l -o "$O/ken-$l.pdf"
    expect_status 0
done
grep -qF "（英文）" <<<"$(pdftotext -f 2 -l 2 -enc UTF-8 "$O/ken-zh.pdf" - 2>/dev/null)" || t_fail "zh: no note （英文）"
run /usr/bin/python3 "$ROOT/tests/pdfua_check.py" "$O/ken-fr.pdf" "$O/ken-ar.pdf" "$O/ken-zh.pdf"
expect_eq "$OUT" "" "PDF/UA checker (fr, ar, zh)"
t_end

# The top of a word of page 2 (pdftotext -bbox), or nothing.
word_top() { pdftotext -f 2 -l 2 -bbox "$1" - 2>/dev/null | grep -F ">$2<" | head -1 | sed 's/.*yMin="\([0-9.]*\)".*/\1/'; }

t_begin "stories: a story in Arabic, its original, shown in English with its note; a template without that note is an error"
rm -f "$S/KEN.en.md"
printf 'original: ar\nkind: illustrative\n\n# سجل الأخصائيين\n\nيعمل **الأخصائيون** في كل محافظة، [الموقع](https://example.org/).\n\n- البند *الأول*\n' >"$S/KEN.ar.md"
run $SSWR profile KEN --datasets "$D" --lang ar -o "$O/ken-ar-own.pdf"
expect_status 0
run $SSWR profile KEN --datasets "$D" --lang en -o "$O/ken-en-ar.pdf"
expect_status 0
grep -qF "(in Arabic)" <<<"$(pdftotext -f 2 -l 2 "$O/ken-en-ar.pdf" - 2>/dev/null)" || t_fail "no note (in Arabic)"
run /usr/bin/python3 "$ROOT/tests/pdfua_check.py" "$O/ken-ar-own.pdf" "$O/ken-en-ar.pdf"
expect_eq "$OUT" "" "PDF/UA checker"
rm -rf "$W/tpl" && cp -r "$ROOT/templates" "$W/tpl"
sed -i '/^in_ar = /d' "$W/tpl/profile.tpl"
run $SSWR profile KEN --datasets "$D" --templates "$W/tpl" --lang en -o "$O/ken-no-note.pdf"
expect_status 1
expect_err "templates/profile.tpl:$TPL_LINE: block 'story working': no option 'in_ar' for the note under a story shown in its original language ($S/KEN.ar.md) (KEN, en)"
expect_no_file "$O/ken-no-note.pdf"
rm -f "$S/KEN.ar.md"
t_end

t_begin "stories: without a story the block leaves no frame and the blocks under it move up into its room"
rm -f "$S/KEN.en.md"
run $SSWR profile KEN --datasets "$D" -o "$O/ken-none.pdf"
expect_status 0
story KEN.en.md "# T" "" "Text."
run $SSWR profile KEN --datasets "$D" -o "$O/ken-one.pdf"
txt=$(pdftotext -f 2 -l 2 "$O/ken-none.pdf" - 2>/dev/null)
grep -qF "What is working" <<<"$txt" && t_fail "a profile without a story has the heading"
with=$(word_top "$O/ken-one.pdf" Notes) without=$(word_top "$O/ken-none.pdf" Notes)
story_y=$(awk -F' = ' -v l="$TPL_LINE" 'NR > l && $1 == "y" { print $2; exit }' "$ROOT/templates/profile.tpl")
notes_y=$(awk -F' = ' '/^\[section notes\]/ { s = 1 } s && $1 == "y" { print $2; exit }' "$ROOT/templates/profile.tpl")
moved=$(awk -v a="$with" -v b="$without" 'BEGIN { printf "%.0f", a - b }')
expect_eq "$moved" "$((notes_y - story_y))" "how far the notes moved up"
nodes=$(pdfinfo -struct-text "$O/ken-none.pdf" 2>/dev/null | grep -c 'H3')
expect_eq "$nodes" "0" "H3 elements without a story"
run /usr/bin/python3 "$ROOT/tests/pdfua_check.py" "$O/ken-none.pdf"
expect_eq "$OUT" "" "PDF/UA checker"
t_end

t_begin "stories: MAF (no data) with a story, and the layout check stays clean"
story MAF.en.md "# A story without figures" "" "Text with **bold** and a [link](https://example.org/)."
run $SSWR profile MAF --datasets "$D" -o "$O/maf.pdf"
expect_status 0
grep -qF "A story without figures" <<<"$(pdftotext -f 2 -l 2 "$O/maf.pdf" - 2>/dev/null)" || t_fail "MAF lacks its story"
run /usr/bin/python3 "$ROOT/tests/pdfua_check.py" "$O/maf.pdf"
expect_eq "$OUT" "" "PDF/UA checker"
rm -f "$S/MAF.en.md"
t_end

t_begin "stories: the report's chapter gathers the stories in region order, with contents entries and bookmarks"
cd "$W"
story KEN.en.md "# Kenyan story" "" "Kenyan text."
run $SSWR build --datasets "$D" --lang en,fr --no-charts -j 2
expect_status 0
for l in en fr; do
    run /usr/bin/python3 "$ROOT/tests/report_check.py" output/2024/$l/report.pdf 4
    expect_status 0
    [ "$STATUS" = 0 ] || t_fail "$l: $OUT"
done
out=$(py output/2024/en/report.pdf <<'EOF'
import pikepdf, sys
p = pikepdf.open(sys.argv[1])
idx = {pg.obj.objgen: i + 1 for i, pg in enumerate(p.pages)}
def walk(o, d):
    while o is not None:
        if d == 0 and str(o.Title) != "Country stories":
            o = o.get("/Next"); continue
        print("  " * d + str(o.Title), idx[o.Dest[0].objgen])
        if "/First" in o: walk(o.First, d + 1)
        if d == 0: return
        o = o.get("/Next")
walk(p.Root.Outlines.First, 0)
EOF
)
pg=$(head -1 <<<"$out" | awk '{ print $NF }')
expect_eq "$out" "Country stories $pg
  Africa $pg
    Kenya $pg
  Oceania $pg
    New Zealand $pg" "the chapter's bookmarks"
txt=$(pdftotext -f "$pg" -l "$pg" -enc UTF-8 output/2024/en/report.pdf - 2>/dev/null | tr '\n' ' ' | tr -s ' ')
grep -qF "Country stories Africa Kenya Kenyan story Kenyan text." <<<"$txt" || t_fail "page $pg: $txt"
grep -qF "Oceania New Zealand A register for every social worker" <<<"$txt" || t_fail "page $pg lacks NZL after KEN"
toc=$(pdftotext -f 2 -l 2 -layout output/2024/en/report.pdf - 2>/dev/null | grep -E "^ *Country stories " | awk '{ print $NF }')
expect_eq "$toc" "$pg" "the contents entry of the chapter"
run /usr/bin/python3 "$ROOT/tests/pdfua_check.py" output/2024/en/report.pdf output/2024/fr/report.pdf
expect_eq "$OUT" "" "PDF/UA checker on the reports"
cd "$ROOT"
t_end

t_begin "stories: strings check lists the stories a language lacks"
run $SSWR strings check ar
expect_status 0
n=$(ls "$ROOT"/datasets/stories/*.en.md | wc -l)
files=$(cd "$ROOT" && ls datasets/stories/*.en.md | paste -sd, | sed 's/,/, /g')
expect_out_has "datasets/stories: warning: $n stories are not in ar (shown in the original language): translate $files into ISO3.ar.md"
run $SSWR strings check fr
expect_out_lacks "datasets/stories: warning"
t_end

t_begin "stories: a data-entry sheet names the country's story files and imports back unchanged; without a story, no such row"
cd "$W"
run $SSWR sheet NZL --datasets "$D" -o "$O/nzl-sheet.csv"
expect_status 0
grep -qxF ",\"Your country's story is not in this sheet: send changes to it as its own file (stories/NZL.en.md, stories/NZL.fr.md in the datasets).\"" <(tr -d '\r' <"$O/nzl-sheet.csv") ||
    t_fail "the sheet lacks the story row: $(sed -n 9p "$O/nzl-sheet.csv")"
run $SSWR import "$O/nzl-sheet.csv" --datasets "$D" --dry-run
expect_status 0
expect_err_has "no change: the datasets already hold the sheet's figures"
rm -f "$S/KEN.en.md" "$S/KEN.fr.md" "$S/KEN.ar.md"
run $SSWR sheet KEN --datasets "$D" -o "$O/ken-sheet.csv"
grep -qF "story" "$O/ken-sheet.csv" && t_fail "a sheet of a country without a story mentions one"
cd "$ROOT"
t_end
