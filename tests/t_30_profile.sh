# t_30_profile.sh — country profiles end to end (issue: country profile PDF).
# Four countries in en and fr: KEN (missing years), VCT and BIH (long French
# names), GHA (no workforce data at all). Expected figures are computed here
# from the CSV files, not by sswr.
OUTD="$TMPROOT/profiles"
mkdir -p "$OUTD"
NNBSP=$'\u202f'

# pop ISO3 → population of 2024 from the dataset
pop() { awk -F, -v c="$1" '$1 == c && $2 == 2024 { print $3 }' datasets/population.csv; }
# group N SEP → N with thousands grouped by SEP
group() { /usr/bin/python3 -c 'import sys; print(f"{int(sys.argv[1]):,}".replace(",", sys.argv[2]))' "$1" "$2"; }
# wf ISO3 → workforce total of 2024 (sum of counts), empty when none
wf() { awk -F, -v c="$1" '$1 == c && $2 == 2024 && $5 != "" { s += $5; n++ } END { if (n) print s }' datasets/workforce.csv; }

for lang in en fr; do
    for c in KEN VCT BIH GHA; do
        f="$OUTD/$c-$lang.pdf"
        t_begin "profile $c $lang: written, valid, 2 pages"
        run $SSWR profile "$c" --lang "$lang" -o "$f"
        expect_status 0
        expect_file "$f"
        run qpdf --check "$f"
        expect_status 0
        pages=$(pdfinfo "$f" 2>/dev/null | awk '/^Pages:/ { print $2 }')
        expect_eq "$pages" 2 "page count"
        t_end

        t_begin "profile $c $lang: name, figures in the language's format"
        text=$(pdftotext -enc UTF-8 "$f" - 2>/dev/null)
        name=$(awk -F, -v c="$c" '$1 == c { print $2 }' "datasets/names/$lang.csv" | tr -d '"')
        grep -qF -- "$name" <<<"$text" || t_fail "name '$name' not in the text"
        p=$(pop "$c")
        # pdftotext prints U+202F (the French group separator) as a plain space.
        if [ "$lang" = en ]; then want=$(group "$p" ","); else want=$(group "$p" " "); fi
        grep -qF -- "$want" <<<"${text//$NNBSP/ }" || t_fail "population '$want' not in the text"
        w=$(wf "$c")
        if [ -n "$w" ]; then
            if [ "$lang" = en ]; then want=$(group "$w" ","); else want=$(group "$w" " "); fi
            grep -qF -- "$want" <<<"${text//$NNBSP/ }" || t_fail "workforce total '$want' not in the text"
        fi
        t_end

        t_begin "profile $c $lang: every font embedded and subset"
        fonts=$(pdffonts "$f" 2>/dev/null | tail -n +3)
        [ -n "$fonts" ] || t_fail "no fonts listed"
        bad=$(awk '{ n = NF; if ($(n-4) != "yes" || $(n-3) != "yes") print }' <<<"$fonts")
        [ -z "$bad" ] || t_fail "fonts not embedded+subset: $bad"
        t_end
    done
done

t_begin "profile: English chart titles, labels and sources"
text=$(pdftotext -enc UTF-8 "$OUTD/KEN-en.pdf" - 2>/dev/null)
for s in "Workers per 100,000 people" "Observed" "Target: 30" "Workers by cadre and employer" \
         "Capacity of the system" "Education and training" "Notes and sources" \
         "World Bank, World Development Indicators" "Page 1 of 2" "Page 2 of 2" "Illustrative data"; do
    grep -qF -- "$s" <<<"$text" || t_fail "'$s' not in the text"
done
t_end

t_begin "profile: French text and number formats"
text=$(pdftotext -enc UTF-8 "$OUTD/KEN-fr.pdf" - 2>/dev/null)
grep -qF "Kenya" <<<"$text" || t_fail "name"
# a percentage: digits, a decimal comma, a no-break space (CLDR fr: U+00A0) and %
grep -qP '\d+,\d[\x{00A0}\x{202F} ]%' <<<"$text" || t_fail "no French percentage like 46,8 %"
grep -qF "Workers per 100,000 people" <<<"$text" && t_fail "English title left in the French profile"
t_end

t_begin "profile: missing data is 'no data', never 0 (GHA has no workforce rows)"
text=$(pdftotext -enc UTF-8 "$OUTD/GHA-en.pdf" - 2>/dev/null)
grep -qF "no data" <<<"$text" || t_fail "'no data' not shown"
grep -qxF "0" <<<"$(grep -A1 'Social service workers' <<<"$text" | tail -1)" && t_fail "a 0 stands for missing data"
t_end

t_begin "profile: the same inputs give byte-identical PDFs"
run $SSWR profile KEN --lang fr -o "$OUTD/again.pdf"
expect_status 0
cmp -s "$OUTD/KEN-fr.pdf" "$OUTD/again.pdf" || t_fail "second run differs"
t_end

t_begin "profile: metadata (title, author, subject, keywords, language)"
info=$(pdfinfo "$OUTD/KEN-en.pdf" 2>/dev/null)
grep -q '^Title: *Kenya: social service workforce profile' <<<"$info" || t_fail "title: $(grep Title <<<"$info")"
grep -q '^Author: ' <<<"$info" || t_fail "no author"
grep -q '^Subject: ' <<<"$info" || t_fail "no subject"
grep -q '^Keywords: .*Kenya' <<<"$info" || t_fail "no keywords"
qpdf --show-object=trailer "$OUTD/KEN-en.pdf" >/dev/null 2>&1
qpdf --qdf --object-streams=disable "$OUTD/KEN-en.pdf" "$OUTD/qdf.pdf" 2>/dev/null
grep -a -q '/Lang (en)' "$OUTD/qdf.pdf" || t_fail "no /Lang in the catalog"
t_end

t_begin "profile: unknown country and usage errors"
run $SSWR profile KEM -o "$OUTD/x.pdf"
expect_status 2
expect_err "sswr profile: unknown country code 'KEM' (did you mean KEN?)"
expect_no_file "$OUTD/x.pdf"
run $SSWR profile
expect_status 2
run $SSWR profile KEN --lang xx
expect_status 2
expect_err_has "no catalog for language 'xx'"
t_end

t_begin "build: countries x languages into output/YEAR/LANG, with charts"
work="$TMPROOT/buildtree"
mkdir -p "$work" && cp -r datasets "$work/" && cd "$work"
run $SSWR build --country KEN,GHA --lang en,fr -j 2
expect_status 0
for l in en fr; do for c in KEN GHA; do expect_file "output/2024/$l/$c.pdf"; done; done
expect_file output/2024/en/charts/KEN-trend.png
expect_file output/2024/en/charts/KEN-trend.svg
for c in KEN-trend KEN-cadres GHA-sectors; do
    msg=$(/usr/bin/python3 "$ROOT/tests/png_check.py" "output/2024/en/charts/$c.png" "output/2024/en/charts/$c.svg" 2>&1) ||
        t_fail "$msg"
done
ls output/2024/en/*.tmp* >/dev/null 2>&1 && t_fail "temporary files left behind"
cd "$ROOT"
t_end

t_begin "build: one country's bad data fails that country only"
d=$(fixture badken)
echo "KEN,2024,social_worker,government,lots,illustrative," >>"$d/workforce.csv"
run $SSWR build --datasets "$d" --country KEN,UGA --lang en -j 1 --no-charts
expect_status 1
expect_err_has "column count: not a number: \"lots\""
expect_err_has "KEN (en): FAILED"
t_end

t_begin "templates: unknown block, missing option and text too long are errors with file and line"
tpl="$TMPROOT/tpl"
rm -rf "$tpl" && cp -r templates "$tpl"
printf '\n[chrt oops]\npage = 1\n' >>"$tpl/profile.tpl"
run $SSWR profile KEN --templates "$tpl" -o "$OUTD/t1.pdf"
expect_status 1
expect_err_has "profile.tpl:$(grep -n '^\[chrt oops\]' "$tpl/profile.tpl" | cut -d: -f1): unknown block 'chrt'"
expect_no_file "$OUTD/t1.pdf"
rm -rf "$tpl" && cp -r templates "$tpl"
sed -i '0,/^h = 16$/s//# no height/' "$tpl/profile.tpl"
run $SSWR profile KEN --templates "$tpl" -o "$OUTD/t2.pdf"
expect_status 1
expect_err_has "missing option 'h'"
rm -rf "$tpl" && cp -r templates "$tpl"
long=$(printf 'Workers per 100,000 people %.0s' $(seq 1 40))
sed -i "s/^text = \"Workers per 100,000 people\"$/text = \"$long\"/" "$tpl/profile.tpl"
line=$(grep -n '^text = "Workers per 100,000 people Workers' "$tpl/profile.tpl" | cut -d: -f1)
run $SSWR profile KEN --templates "$tpl" -o "$OUTD/t3.pdf"
expect_status 1
expect_err_has "profile.tpl:$line: block 'section trend', option 'text': text does not fit its box (330 × 14 pt) even at 5 pt: \"Workers per 100,000 people"
expect_no_file "$OUTD/t3.pdf"
t_end
