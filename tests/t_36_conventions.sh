# t_36_conventions.sh — a language's conventions come from its file
# (templates/i18n/LANG.conventions, issue: one contract, language
# conventions in files): a language added with files only gets its own
# number format; a broken conventions file stops that language at its line;
# `strings check` warns about a missing conventions file and missing names.

# tree NAME — a copy of the project's templates, scripts and datasets that
# SSWR_HOME can point at; prints its path.
tree() {
    local t="$TMPROOT/$1"
    rm -rf "$t" && mkdir -p "$t"
    cp -r "$ROOT/templates" "$ROOT/scripts" "$t/"
    cp -r "$(fixture "$1-data")" "$t/datasets"
    ln -s "$ROOT/build" "$t/build"   # the prepared fonts
    echo "$t"
}

# italian TREE — Italian from files only: a catalog, a names file and,
# unless $2 is "no-conventions", a conventions file.
italian() {
    cp "$ROOT/tests/fixtures/lang/it.po" "$1/templates/i18n/it.po"
    awk -F, 'NR == 1 { print; next } $1 == "ITA" { print "ITA,Italia"; next } $1 == "KEN" { next } { print }' \
        "$1/datasets/names/en.csv" >"$1/datasets/names/it.csv"
    [ "${2:-}" = no-conventions ] && return
    cat >"$1/templates/i18n/it.conventions" <<'CONV'
# Italian (it), from CLDR 48 main/it/numbers.json
direction = ltr
script = latin
decimal = ","
group = "."
grouping = 3
minus = "-"
percent = "{n}%"
list_separator = ", "
quote_open = "«"
quote_close = "»"
CONV
}

t_begin "conventions: a language added with files only writes numbers its own way"
T=$(tree conv-it)
italian "$T"
SSWR_HOME=$T run $SSWR profile ITA --lang it --datasets "$T/datasets" --templates "$T/templates" -o "$TMPROOT/ita-it.pdf"
expect_status 0
expect_err_lacks "conventions"
text=$(pdftotext "$TMPROOT/ita-it.pdf" - 2>/dev/null)
pop=$(awk -F, '$1 == "ITA" && $2 == 2024 { print $3 }' "$T/datasets/population.csv")
grouped=$(sed -E ':a; s/([0-9])([0-9]{3})($|\.)/\1.\2\3/; ta' <<<"$pop")
grep -qxF "$grouped" <<<"$text" || t_fail "population not written $grouped (Italian groups)"
grep -qE '^[0-9]+,[0-9]$' <<<"$text" || t_fail "no number with a decimal comma"
grep -qE '^[0-9]+\.[0-9]$' <<<"$text" && t_fail "a number with a decimal point: $(grep -m1 -E '^[0-9]+\.[0-9]$' <<<"$text")"
t_end

t_begin "conventions: without its file a language gets English numbers and a warning"
T=$(tree conv-it-none)
italian "$T" no-conventions
SSWR_HOME=$T run $SSWR profile ITA --lang it --datasets "$T/datasets" --templates "$T/templates" -o "$TMPROOT/ita-en.pdf"
expect_status 0
expect_err "$T/templates/i18n/it.conventions: warning: no conventions file for \"it\" (numbers, lists, quotation marks, direction and script: templates/i18n/README.md); English ones used"
t_end

t_begin "conventions: a mistake in a conventions file stops that language at its line; the earlier PDF stays"
T=$(tree conv-bad)
cp "$ROOT/templates/i18n/fr.conventions" "$TMPROOT/fr.conventions.orig"
SSWR_HOME=$T run $SSWR profile KEN --lang fr --datasets "$T/datasets" --templates "$T/templates" -o "$TMPROOT/ken-fr.pdf"
expect_status 0
cp "$TMPROOT/ken-fr.pdf" "$TMPROOT/ken-fr.before"
L=$(grep -n '^decimal = ' "$T/templates/i18n/fr.conventions" | cut -d: -f1)
sed -i "${L}s/.*/decimal = \"..\"/" "$T/templates/i18n/fr.conventions"
M=$(grep -n '^percent = ' "$T/templates/i18n/fr.conventions" | cut -d: -f1)
sed -i "${M}s/.*/percnt = \"{n} %\"/" "$T/templates/i18n/fr.conventions"
SSWR_HOME=$T run $SSWR profile KEN --lang fr --datasets "$T/datasets" --templates "$T/templates" -o "$TMPROOT/ken-fr.pdf"
expect_status 1
expect_err_has "$T/templates/i18n/fr.conventions:$L: decimal must be one character"
expect_err_has "$T/templates/i18n/fr.conventions:$M: unknown key \"percnt\" (did you mean percent?)"
cmp -s "$TMPROOT/ken-fr.pdf" "$TMPROOT/ken-fr.before" || t_fail "the earlier PDF changed"
cd "$T" && SSWR_HOME=$T run $SSWR strings check fr; cd "$ROOT"
expect_status 1
expect_out_has "templates/i18n/fr.conventions:$L: decimal must be one character"
t_end

t_begin "conventions: strings check warns about a missing conventions file and countries without a name"
T=$(tree conv-check)
italian "$T" no-conventions
cd "$T" && SSWR_HOME=$T run $SSWR strings check it; cd "$ROOT"
expect_out_has "templates/i18n/it.conventions: warning: no conventions file: it's numbers, lists and quotation marks are written the English way"
expect_out_has "datasets/names/it.csv: warning: 1 of 215 countries have no name (printed in English): KEN"
t_end
