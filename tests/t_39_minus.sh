# t_39_minus.sh — a negative figure carries its language's minus sign
# (issue 15, item 10): each conventions file holds CLDR's, and every path that
# prints a signed number (the change tile, the gap block's growth and trend
# rows, tables, the charts' axes) takes it from there, in every language.

LANGS="en fr es pt ar zh ru sw id"

t_begin "minus: each language's conventions hold CLDR 48's minus sign (ar with its U+200E mark)"
for l in $LANGS; do
    want='"-"'
    [ "$l" = ar ] && want='"\u200E-"'
    got=$(sed -n 's/^minus *= *\("[^"]*"\).*/\1/p' "$ROOT/templates/i18n/$l.conventions")
    expect_eq "$got" "$want" "$l.conventions minus"
done
t_end

# A country whose workforce fell (DEU in the shipped datasets): the change
# tile and the gap block's recent trend are negative.
awk -F, '$1 == "DEU" && $2 == 2015' "$ROOT/datasets/workforce.csv" | grep -q . ||
    t_fail "the fixture assumption broke: DEU has no 2015 workforce rows"

t_begin "minus: with U+2212 in every conventions file, every negative figure on a profile carries it"
T="$TMPROOT/minus"
rm -rf "$T" && cp -r "$ROOT/templates" "$T"
for l in $LANGS; do
    m='\\u2212'   # sed's replacement: \\ is one backslash
    [ "$l" = ar ] && m='\\u200E\\u2212'
    sed -i "s/^minus *=.*/minus = \"$m\"/" "$T/i18n/$l.conventions"
done
for l in $LANGS; do
    run $SSWR profile DEU --lang "$l" --templates "$T" -o "$TMPROOT/minus-$l.pdf"
    expect_status 0
    text=$(pdftotext -enc UTF-8 "$TMPROOT/minus-$l.pdf" - 2>/dev/null)
    n=$(grep -oE '−[0-9]' <<<"$text" | wc -l)
    [ "$n" -ge 2 ] || t_fail "$l: $n figures with U+2212 (the change tile and the recent trend: 2 at least)"
    bad=$(grep -nE -- '(^|[^0-9A-Za-z.])-[0-9]' <<<"$text" | head -3)
    [ -z "$bad" ] || t_fail "$l: a hyphen-minus before a figure: $bad"
done
t_end

t_begin "minus: the shipped conventions print the hyphen-minus where CLDR has it (en, fr)"
for l in en fr; do
    run $SSWR profile DEU --lang "$l" -o "$TMPROOT/minus-shipped-$l.pdf"
    expect_status 0
    text=$(pdftotext -enc UTF-8 "$TMPROOT/minus-shipped-$l.pdf" - 2>/dev/null)
    grep -q -- '^-17[.,]3' <<<"$text" || t_fail "$l: no '-17.3' change tile: $(grep -m3 -- '17' <<<"$text")"
    grep -q '−' <<<"$text" && t_fail "$l: U+2212 where CLDR writes the hyphen-minus"
done
t_end

t_begin "minus: a minus of two characters, or a mark alone, is an error at its line"
for v in '"--"' '"\\u200E"' '"\\u200E\\u200E-"' '"\\u2212-"'; do
    T2="$TMPROOT/minus-bad"
    rm -rf "$T2" && cp -r "$ROOT/templates" "$T2"
    sed -i "s/^minus *=.*/minus = $v/" "$T2/i18n/fr.conventions"
    L=$(grep -n '^minus' "$T2/i18n/fr.conventions" | cut -d: -f1)
    run $SSWR profile DEU --lang fr --templates "$T2" -o "$TMPROOT/minus-bad.pdf"
    expect_status 1
    expect_err_has "$T2/i18n/fr.conventions:$L: minus must be one character (after one bidi mark at most)"
done
t_end
