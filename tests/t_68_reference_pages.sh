# t_68_reference_pages.sh — the pages look as they did (issue 15: a check that
# keeps them right): a few profile and report pages rendered again and compared
# with tests/reference/*.png within a tolerance (tests/refimg.py); an intended
# change refreshes them (tests/reference/README.md).

t_begin "reference pages: every page of tests/reference/cases.txt matches its reference image"
N="$TMPROOT/reference-new"
rm -rf "$N"
run /usr/bin/python3 "$ROOT/tests/refimg.py" render "$SSWR_RELEASE" "$ROOT/tests/reference/cases.txt" "$N"
expect_status 0
want=$(grep -cvE '^\s*(#|$)' "$ROOT/tests/reference/cases.txt")
expect_eq "$(ls "$ROOT"/tests/reference/*.png | wc -l)" "$want" "reference images for the cases"
run /usr/bin/python3 "$ROOT/tests/refimg.py" compare "$ROOT/tests/reference" "$N"
expect_status 0
[ -z "$OUT" ] || t_fail "$OUT"
t_end

t_begin "reference pages: a label changed on page 1 is seen, with a picture of it"
T="$TMPROOT/reference-tpl"
rm -rf "$T" && cp -r "$ROOT/templates" "$T"
sed -i 's/^change           = "Change in workers since {first_year}"/change           = "Change in the workers since {first_year}"/' \
    "$T/profile.tpl"
grep -q '"Change in the workers since' "$T/profile.tpl" || t_fail "the fixture assumption broke: no change label"
M="$TMPROOT/reference-moved"
rm -rf "$M" && mkdir -p "$M"
run $SSWR_RELEASE profile KEN --templates "$T" -o "$M/ken.pdf"
expect_status 0
pdftoppm -r 50 -gray -png -singlefile -f 1 -l 1 "$M/ken.pdf" "$M/profile-KEN-en-p1" 2>/dev/null
mkdir -p "$M/ref" && cp "$ROOT/tests/reference/profile-KEN-en-p1.png" "$M/ref/"
run /usr/bin/python3 "$ROOT/tests/refimg.py" compare "$M/ref" "$M"
expect_status 1
expect_out_has "profile-KEN-en-p1.png: "
expect_out_has "pixels differ by more than 32 grey levels (at most 25 may); see $M/profile-KEN-en-p1-diff.png"
expect_file "$M/profile-KEN-en-p1-diff.png"
t_end

t_begin "reference pages: a missing or resized rendering fails"
rm -f "$M/profile-KEN-en-p1.png"
run /usr/bin/python3 "$ROOT/tests/refimg.py" compare "$M/ref" "$M"
expect_status 1
expect_out_has "profile-KEN-en-p1.png: not rendered"
pdftoppm -r 60 -gray -png -singlefile -f 1 -l 1 "$M/ken.pdf" "$M/profile-KEN-en-p1" 2>/dev/null
run /usr/bin/python3 "$ROOT/tests/refimg.py" compare "$M/ref" "$M"
expect_status 1
expect_out_has "profile-KEN-en-p1.png: size 497x702, reference 414x585"
t_end
