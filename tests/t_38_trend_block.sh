# t_38_trend_block.sh — the trend block's figures say what they measure
# (issue 15, item 11): the change tile and the gap block's growth rows count
# workers, the chart beside them shows workers per 100,000 people; when the
# two go opposite ways a line under the verdict says why, and only then.

# page1 ISO3 LANG — page 1's text, lines joined by spaces.
page1() {
    run $SSWR profile "$1" --lang "$2" -o "$TMPROOT/trend-$1-$2.pdf"
    expect_status 0
    pdftotext -enc UTF-8 -f 1 -l 1 "$TMPROOT/trend-$1-$2.pdf" - 2>/dev/null | tr '\n' ' ' | tr -s ' '
}

FALLS="More workers, yet fewer per 100,000 people: the population grows faster."
RISES="Fewer workers, yet more per 100,000 people: the population shrinks faster."

t_begin "trend block: the change tile and the growth rows name the number of workers"
text=$(page1 KEN en)
for s in "Change in workers since 2015" "Workforce growth needed per year" "Recent workforce growth per year"; do
    grep -qF -- "$s" <<<"$text" || t_fail "KEN en: page 1 lacks '$s'"
done
grep -qF "Recent trend per year" <<<"$text" && t_fail "KEN en: the old label 'Recent trend per year'"
t_end

# Which way the datasets go (indicators export): the workforce's recent growth
# and the slope of the ratio's trend.
ind=$(mktemp -p "$TMPROOT")
$SSWR_RELEASE indicators -o "$ind" >/dev/null 2>&1
dir() { awk -F, -v c="$1" -v i="$2" '$1 == c && $2 == i && $4 == 2024 { print ($5 > 0 ? "+" : $5 < 0 ? "-" : "0") }' "$ind"; }

t_begin "trend block: more workers but a falling ratio (KEN) says why; both rising (ARE) says nothing"
expect_eq "$(dir KEN workforce_recent_growth)$(dir KEN ratio_trend_slope)" "+-" "KEN's directions (fixture)"
expect_eq "$(dir ARE workforce_recent_growth)$(dir ARE ratio_trend_slope)" "++" "ARE's directions (fixture)"
text=$(page1 KEN en)
grep -qF -- "$FALLS" <<<"$text" || t_fail "KEN en: no line '$FALLS'"
text=$(page1 ARE en)
grep -qF -- "$FALLS" <<<"$text" && t_fail "ARE en: '$FALLS' although both rise"
grep -qF -- "$RISES" <<<"$text" && t_fail "ARE en: '$RISES' although both rise"
t_end

t_begin "trend block: fewer workers but a rising ratio (MDA) says why, in English and French"
expect_eq "$(dir MDA workforce_recent_growth)$(dir MDA ratio_trend_slope)" "-+" "MDA's directions (fixture)"
text=$(page1 MDA en)
grep -qF -- "$RISES" <<<"$text" || t_fail "MDA en: no line '$RISES': $(head -c 400 <<<"$text")"
text=$(page1 MDA fr)
grep -qF -- "Moins de travailleurs, mais plus pour 100" <<<"$text" || t_fail "MDA fr: no translated line"
t_end
