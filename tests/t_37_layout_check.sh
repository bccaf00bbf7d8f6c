# t_37_layout_check.sh — the page tree's self-check (pagetree.c, issue: the
# page tree; publication-grade pages). Every profile and report is checked
# before it is written: no two texts overlap, every item lies inside its
# block and its page, table cells keep the theme's gutter, no text is
# smaller than the theme's min_size. Here: every country in every language
# and the nine reports pass (release build, no charts: it takes about 20 s
# on two cores), and a template that makes two blocks collide fails at the
# moved block's line, keeping the earlier PDF.

t_begin "layout check: every profile in all nine languages and the nine reports pass"
W="$TMPROOT/layout-all"
rm -rf "$W" && mkdir -p "$W" && ln -s "$ROOT/datasets" "$W/datasets"
cd "$W"
run "$SSWR_RELEASE" build --lang en,fr,es,pt,ar,zh,ru,sw,id --no-charts -j 2 --quiet
expect_status 0
expect_err_lacks "overlaps"
expect_err_lacks "lies outside"
expect_err_lacks "gutter"
n=$(find output -name '*.pdf' | wc -l)
expect_eq "$n" "$(( ($(wc -l <"$ROOT/datasets/countries.csv") - 1) * 9 + 9 ))" "PDFs written"
cd "$ROOT"
t_end

# issue: accessible PDFs — the same documents pass the PDF/UA checker
# (tests/pdfua_check.py, pikepdf), two processes at a time.
t_begin "tagged: every profile in all nine languages and the nine reports pass the PDF/UA checker"
bad=$(find "$W/output" -name '*.pdf' -print0 | sort -z |
      xargs -0 -n 60 -P 2 /usr/bin/python3 "$ROOT/tests/pdfua_check.py" 2>&1 | head -20)
[ -z "$bad" ] || t_fail "$bad"
t_end

t_begin "layout check: a block moved onto another fails the profile at the moved block's line"
tpl="$TMPROOT/tpl-collide"
rm -rf "$tpl" && cp -r templates "$tpl"
run $SSWR profile KEN --templates "$tpl" -o "$TMPROOT/collide.pdf"
expect_status 0
cp "$TMPROOT/collide.pdf" "$TMPROOT/collide.before"
start=$(grep -n '^\[text completeness\]' "$tpl/profile.tpl" | cut -d: -f1)
line=$(awk -v s="$start" 'NR > s && /^y = / { print NR; exit }' "$tpl/profile.tpl")
# onto the headline tiles (y = 148)
sed -i "${line}s/.*/y = 160/" "$tpl/profile.tpl"
run $SSWR profile KEN --templates "$tpl" -o "$TMPROOT/collide.pdf"
expect_status 1
expect_err_has "profile.tpl:$start: block 'text completeness': \""
expect_err_has "\" overlaps \""
expect_err_has "on page 1 (KEN, en)"
cmp -s "$TMPROOT/collide.pdf" "$TMPROOT/collide.before" || t_fail "the earlier PDF changed"
t_end

t_begin "layout check: a gutter narrower than the figures need is widened, never crossed"
tpl="$TMPROOT/tpl-gutter"
rm -rf "$tpl" && cp -r templates "$tpl"
sed -i 's/^gutter .*/gutter     = 14/' "$tpl/theme.tpl"
for l in ru ar; do
    run $SSWR profile VGB --lang $l --templates "$tpl" -o "$TMPROOT/gutter-$l.pdf"
    expect_status 0
done
t_end

t_begin "notices: a profile without data of its own but an illustrative comparison chart carries the notice (MAF)"
grep -q '^MAF,' datasets/workforce.csv && t_fail "the fixture assumption broke: MAF has workforce rows"
run $SSWR profile MAF -o "$TMPROOT/maf.pdf"
expect_status 0
pdftotext "$TMPROOT/maf.pdf" - 2>/dev/null | grep -q "^Illustrative data:" || t_fail "no illustrative-data notice on MAF's profile"
t_end

t_begin "years: a section heading states the year of the figures under it (education, workforce, capacity)"
# a country whose latest education rows are older than the report's year
c=$(awk -F, 'NR > 1 { if ($2 > last[$1]) last[$1] = $2 } END { for (k in last) if (last[k] < 2024) print k }' datasets/education.csv | sort | head -1)
ey=$(awk -F, -v c="$c" '$1 == c && $2 > y { y = $2 } END { print y }' datasets/education.csv)
[ -n "$c" ] && [ -n "$ey" ] || t_fail "no country with education rows older than 2024 in the datasets"
run $SSWR profile "$c" -o "$TMPROOT/years.pdf"
expect_status 0
text=$(pdftotext "$TMPROOT/years.pdf" - 2>/dev/null)
grep -qx "Education and training, $ey" <<<"$text" || t_fail "$c: no heading 'Education and training, $ey': $(grep 'Education and training' <<<"$text")"
# a workforce year older than the report's: the cadres heading follows it
d=$(fixture years-wf)
sed -i '/^KEN,2024,/d; /^KEN,2023,/d' "$d/workforce.csv"
wy=$(awk -F, '$1 == "KEN" && $2 > y { y = $2 } END { print y }' "$d/workforce.csv")
run $SSWR profile KEN --datasets "$d" --year 2024 -o "$TMPROOT/years-ken.pdf"
expect_status 0
text=$(pdftotext "$TMPROOT/years-ken.pdf" - 2>/dev/null)
grep -qx "Workers by cadre and employer, $wy" <<<"$text" || t_fail "KEN: the cadres heading does not say $wy: $(grep 'Workers by cadre' <<<"$text")"
t_end

t_begin "tiles: without a first year, the change tile says what it measures, never 'Change since …' (MAF)"
for l in en es zh; do
    run $SSWR profile MAF --lang $l -o "$TMPROOT/maf-$l.pdf"
    expect_status 0
    text=$(pdftotext "$TMPROOT/maf-$l.pdf" - 2>/dev/null)
    grep -q '…' <<<"$text" && t_fail "$l: an ellipsis on the page: $(grep -m1 '…' <<<"$text")"
done
tr '\n' ' ' <<<"$(pdftotext "$TMPROOT/maf-en.pdf" - 2>/dev/null)" | grep -qF "Change in the number of workers" ||
    t_fail "en: no 'Change in the number of workers' tile label"
t_end
