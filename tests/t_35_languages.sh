# t_35_languages.sh — every language (issue: every language). For en, fr,
# es, pt, ar, zh, ru, sw, id and three countries: the profile builds, passes
# qpdf, has the translated strings and the country's name (tests/lang_check.py),
# numbers in the language's format, and every drawn character was covered by
# a font (the text engine warns "no font has U+XXXX" otherwise).
OUTD="$TMPROOT/lang"
mkdir -p "$OUTD"
for lang in en fr es pt ar zh ru sw id; do
    for c in KEN BRA CHN; do
        f="$OUTD/$c-$lang.pdf"
        t_begin "language $lang, $c: builds, valid, translated, covered by the fonts"
        run $SSWR profile "$c" --lang "$lang" -o "$f"
        expect_status 0
        expect_err_lacks "no font has U+"
        expect_err_lacks "no translation for"
        expect_err_lacks "outside the Basic Multilingual Plane"
        run qpdf --check "$f"
        expect_status 0
        run /usr/bin/python3 "$ROOT/tests/lang_check.py" "$f" "$lang" "$c"
        expect_status 0
        [ "$STATUS" = 0 ] || t_fail "$OUT"
        t_end
    done
done

t_begin "languages: Arabic profile is right to left (Arabic font embedded, page mirrored)"
fonts=$(pdffonts "$OUTD/KEN-ar.pdf" 2>/dev/null)
grep -qi "arabic" <<<"$fonts" || t_fail "no Arabic font embedded: $fonts"
# The country name of the header sits at the right margin on a mirrored page.
x=$(pdftotext -bbox "$OUTD/KEN-ar.pdf" - 2>/dev/null | awk -F'"' '/<word/ && /xMax/ { print $4 }' | sort -n | tail -1)
awk -v x="$x" 'BEGIN { exit !(x > 500) }' || t_fail "no text reaches the right margin (xMax $x)"
t_end

t_begin "languages: Chinese profile uses the CJK font, all characters whole"
fonts=$(pdffonts "$OUTD/CHN-zh.pdf" 2>/dev/null)
grep -qi "wenquanyi\|wqy\|micro" <<<"$fonts" || t_fail "no CJK font embedded: $fonts"
t_end

t_begin "languages: Chinese separates with the middle dot U+00B7, never the katakana U+30FB"
grep -n "・" templates/i18n/zh.po && t_fail "templates/i18n/zh.po has U+30FB"
text=$(pdftotext "$OUTD/CHN-zh.pdf" - 2>/dev/null)
grep -q "・" <<<"$text" && t_fail "the Chinese profile prints U+30FB"
grep -qF "状况 · 国别概况" <<<"$text" || t_fail "header separator missing: $(head -3 <<<"$text")"
t_end

t_begin "languages: Chinese has a bold weight (title, headline figures, totals in the bold CJK font)"
fonts=$(pdffonts "$OUTD/CHN-zh.pdf" 2>/dev/null)
grep -q "NotoSansCJKsc-Bold" <<<"$fonts" || t_fail "no bold CJK font embedded: $fonts"
# The country title, a headline figure and the table's total row label.
run /usr/bin/python3 "$ROOT/tests/bold_check.py" "$OUTD/CHN-zh.pdf" "中国" "1,408,975,000" "合计"
expect_status 0
[ -z "$OUT" ] || t_fail "$OUT"
t_end

t_begin "languages: a new language from files only (a catalog and a names file)"
tpl="$TMPROOT/tpl-it"
rm -rf "$tpl" && cp -r templates "$tpl"
cp tests/fixtures/lang/it.po "$tpl/i18n/it.po"
d=$(fixture lang-it)
awk -F, 'NR == 1 { print; next } $1 == "ITA" { print "ITA,Italia"; next } { print }' datasets/names/en.csv >"$d/names/it.csv"
run $SSWR profile ITA --lang it --templates "$tpl" --datasets "$d" -o "$OUTD/ITA-it.pdf"
expect_status 0
text=$(pdftotext "$OUTD/ITA-it.pdf" - 2>/dev/null)
grep -qF "Italia" <<<"$text" || t_fail "Italian name missing"
grep -qF "Lavoratori per 100.000 abitanti" <<<"$text" || t_fail "Italian string missing"
grep -qF "Divario rispetto all'obiettivo" <<<"$text" || t_fail "Italian string missing"
# untranslated messages fall back to English, with one warning each
expect_err_has "no translation for"
t_end

t_begin "strings: extract is up to date and every shipped catalog is complete and valid"
cp templates/i18n/messages.pot "$TMPROOT/messages.pot.before"
run $SSWR strings extract -o "$TMPROOT/messages.pot"
expect_status 0
diff <(grep -v '^"POT-Creation' "$TMPROOT/messages.pot.before") <(grep -v '^"POT-Creation' "$TMPROOT/messages.pot") >/dev/null \
    || t_fail "templates/i18n/messages.pot is stale: run 'sswr strings extract'"
run $SSWR strings check
expect_status 0
for l in fr es pt ar zh ru sw id; do
    grep -q "^$l: .* (100%), 0 untranslated, 0 fuzzy, 0 no longer used, 0 errors" <<<"$OUT" || t_fail "$l: $(grep "^$l:" <<<"$OUT")"
    msgfmt --check -o /dev/null "templates/i18n/$l.po" 2>/dev/null || t_fail "msgfmt --check rejects $l.po"
done
t_end

t_begin "strings: check reports a placeholder mismatch and an untranslated entry"
home="$TMPROOT/home-bad"
rm -rf "$home" && mkdir -p "$home" && cp -r templates "$home/" && ln -s "$ROOT/scripts" "$home/scripts"
# misspell the placeholder of the first French translation that uses {year}
/usr/bin/python3 - "$home/templates/i18n/fr.po" <<'PY'
import re, sys
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
entries = text.split("\n\n")
for i, e in enumerate(entries):
    head, sep, tail = e.partition("msgstr")
    if "{year}" in tail:
        entries[i] = head + sep + tail.replace("{year}", "{annee}", 1)
        break
# and empty one translation
for i, e in enumerate(entries):
    if 'msgid "Notes and sources"' in e:
        entries[i] = re.sub(r'msgstr ".*"', 'msgstr ""', e)
open(path, "w", encoding="utf-8").write("\n\n".join(entries))
PY
SSWR_HOME="$home" run $SSWR strings check --verbose fr
expect_status 1
expect_out_has "error: placeholders differ from the English"
expect_out_has "untranslated: \"Notes and sources\""
expect_out_has "1 untranslated"
t_end

t_begin "languages: KGZ in Arabic saves (libharu seek at a 4096-byte boundary; fonts keep a prep table)"
run $SSWR profile KGZ --lang ar -o "$OUTD/KGZ-ar.pdf"
expect_status 0
expect_err_lacks "libharu"
run qpdf --check "$OUTD/KGZ-ar.pdf"
expect_status 0
t_end
