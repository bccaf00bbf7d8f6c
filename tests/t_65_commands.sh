# t_65_commands.sh — the command line (issue 13, "Commands") and what the
# catalogs and names files may hold. Every option of every command is tried
# with an empty value, given twice, with a list holding an empty or repeated
# element, an unknown value, a number out of range or not a number, and a
# year without data: each is a usage error (exit 2) of exactly one line and
# the hint to --help, and nothing is written (output/ is byte-identical).
# Catalogs and names files with a bidirectional override or another
# character that does not belong in a text are errors at FILE:LINE; a
# language whose catalog has one is not built and keeps its earlier files.
# `strings check` never rounds up to 100%.

SUB=$(subset_fixture cmd KEN UGA TZA)
W="$TMPROOT/cmd_work"
rm -rf "$W" && mkdir -p "$W" && cd "$W" || exit 1

# snapshot — every file under output/ with its hash (temporary files included).
snapshot() { find output -type f -print0 2>/dev/null | sort -z | xargs -0 -r sha256sum; }

# usage PROG MESSAGE ARGS... — sswr ARGS fails as a usage error: exit 2,
# stderr exactly "PROG: MESSAGE" and the hint, nothing on stdout, output/ as
# it was ($SNAP).
usage() {
    local prog=$1 msg=$2
    shift 2
    run "$SSWR" "$@"
    expect_status 2
    expect_eq "$ERR" "$prog: $msg
Try '$prog --help' for more information." "stderr of 'sswr $*'"
    expect_eq "$OUT" "" "stdout of 'sswr $*'"
    expect_eq "$(snapshot)" "$SNAP" "output/ after 'sswr $*'"
}

# Earlier outputs every usage error must leave alone.
t_begin "commands: a first build and profile (the outputs later runs must not touch)"
run "$SSWR" build --datasets "$SUB" --country KEN,UGA --lang en,fr -j 2 --no-charts
expect_status 0
for l in en fr; do for c in KEN UGA report; do expect_file "output/2024/$l/$c.pdf"; done; done
expect_no_file output/2024/en/TZA.pdf
run "$SSWR" profile KEN --datasets "$SUB" --lang fr -o output/KEN-fr.pdf
expect_status 0
expect_file output/KEN-fr.pdf
SNAP=$(snapshot)
[ -n "$SNAP" ] || t_fail "no outputs to compare with"
t_end

# ---- the cases of the issue ------------------------------------------------

t_begin "commands: --country \"\" is a usage error, not every country"
usage "sswr build" "empty value for --country" build --datasets "$SUB" --country ""
usage "sswr build" "empty value for --country" build --datasets "$SUB" -c ""
usage "sswr build" "empty value for --country" build --datasets "$SUB" --country=
usage "sswr review" "empty value for --country" review --datasets "$SUB" --country ""
usage "sswr indicators" "empty value for --country" indicators --datasets "$SUB" --country ""
usage "sswr profile" "empty country code (expected one ISO3 code, e.g. KEN)" profile "" --datasets "$SUB"
t_end

t_begin "commands: a country listed twice is a usage error, not two jobs for one file"
usage "sswr build" "--country lists KEN twice" build --datasets "$SUB" --country KEN,KEN
usage "sswr build" "--country lists KEN twice" build --datasets "$SUB" --country KEN,ken
usage "sswr build" "--country lists UGA twice" build --datasets "$SUB" --country "UGA,KEN, uga"
usage "sswr review" "--country lists KEN twice" review --datasets "$SUB" --country KEN,KEN
usage "sswr indicators" "--country lists TZA twice" indicators --datasets "$SUB" -c TZA,KEN,TZA
usage "sswr build" "--lang lists fr twice" build --datasets "$SUB" --lang fr,en,fr
t_end

t_begin "commands: profile --year 2035 (no data in the datasets) is a usage error; the earlier PDF stays"
usage "sswr profile" "the datasets have no workforce data for 2035 (years with workforce data: 2013–2024)" \
    profile KEN --datasets "$SUB" --year 2035 --lang fr -o output/KEN-fr.pdf
usage "sswr profile" "the datasets have no workforce data for 2012 (years with workforce data: 2013–2024)" \
    profile KEN --datasets "$SUB" --year 2012 --lang fr -o output/KEN-fr.pdf
usage "sswr build" "the datasets have no workforce data for 2030 (years with workforce data: 2013–2024)" \
    build --datasets "$SUB" --year 2030 --no-charts
usage "sswr indicators" "no indicator has a value for 1990 (years with values: 2010–2030)" \
    indicators --datasets "$SUB" --year 1990 -o output/ind.csv
# a year with data is built (and said so in the title)
run "$SSWR" profile KEN --datasets "$SUB" --year 2019 -o "$TMPROOT/cmd_ken2019.pdf"
expect_status 0
pdftotext "$TMPROOT/cmd_ken2019.pdf" - 2>/dev/null | grep -q 2019 || t_fail "2019 not in the profile of 2019"
t_end

t_begin "commands: strings check of a language without a catalog is a usage error (2, not 1)"
usage "sswr strings" "no catalog for language 'xx' (languages: ar, en, es, fr, id, pt, ru, sw, zh)" strings check xx
usage "sswr strings" "no catalog for language 'FR' (did you mean fr?)" strings check FR
usage "sswr strings" "no catalog for language 'fra' (did you mean fr?)" strings check fra
usage "sswr strings" "no catalog for language '../i18n/fr' (languages: ar, en, es, fr, id, pt, ru, sw, zh)" \
    strings check ../i18n/fr
usage "sswr strings" "fr is named twice" strings check fr es fr
usage "sswr strings" "empty language code" strings check ""
usage "sswr strings" "en is the language of the msgids: it has no catalog to check" strings check en
t_end

# ---- the classes, for every option of every command ------------------------

t_begin "commands: an empty value for any option is a usage error"
for spec in \
    "check|--datasets" "check|--scripts" "check|--input-encoding" \
    "review|--country" "review|--output" "review|--datasets" "review|--scripts" \
    "indicators|--country" "indicators|--year" "indicators|--format" "indicators|--output" \
    "indicators|--datasets" "indicators|--scripts" \
    "profile KEN|--lang" "profile KEN|--year" "profile KEN|--output" "profile KEN|--datasets" \
    "profile KEN|--scripts" "profile KEN|--templates" \
    "build|--lang" "build|--country" "build|--year" "build|--jobs" "build|--datasets" \
    "build|--scripts" "build|--templates" \
    "strings extract|--output"; do
    cmd=${spec%|*} opt=${spec#*|}
    # shellcheck disable=SC2086 # the command and its operand
    usage "sswr ${cmd%% *}" "empty value for $opt" $cmd "$opt" ""
done
usage "sswr" "empty value for --input-encoding" --input-encoding "" check
# short forms are named by their long name
usage "sswr build" "empty value for --jobs" build -j ""
usage "sswr profile" "empty value for --output" profile KEN -o ""
usage "sswr check" "empty value for --datasets" check -d ""
t_end

t_begin "commands: an option with a value given twice is a usage error (the first would be dropped)"
usage "sswr build" "--country is given twice" build --datasets "$SUB" --country KEN --country UGA
usage "sswr build" "--jobs is given twice" build -j 1 -j 2
usage "sswr build" "--lang is given twice" build --lang en -l fr
usage "sswr profile" "--year is given twice" profile KEN --year 2024 -y 2023
usage "sswr profile" "--lang is given twice" profile KEN --lang fr --lang es
usage "sswr indicators" "--output is given twice" indicators -o output/a.csv -o output/b.csv
usage "sswr review" "--datasets is given twice" review --datasets "$SUB" -d "$SUB"
usage "sswr check" "--datasets is given twice" check -d "$SUB" --datasets "$SUB"
usage "sswr check" "--input-encoding is given twice" --input-encoding windows-1252 check --input-encoding windows-1252
usage "sswr strings" "--output is given twice" strings extract -o output/a.pot -o output/b.pot
# flags may be repeated: they say the same thing twice
run "$SSWR" check --datasets "$SUB" --no-review --no-review -q -q
expect_status 0
t_end

t_begin "commands: a list with an empty element is a usage error"
usage "sswr build" "--country 'KEN,,UGA' has an empty element" build --datasets "$SUB" --country KEN,,UGA
usage "sswr build" "--country 'KEN,' has an empty element" build --datasets "$SUB" --country KEN,
usage "sswr build" "--country ',KEN' has an empty element" build --datasets "$SUB" --country ,KEN
usage "sswr build" "--country 'KEN, ,UGA' has an empty element" build --datasets "$SUB" --country "KEN, ,UGA"
usage "sswr build" "empty value for --country" build --datasets "$SUB" --country " "
usage "sswr build" "--lang 'en,,fr' has an empty element" build --datasets "$SUB" --lang en,,fr
usage "sswr review" "--country 'KEN,' has an empty element" review --datasets "$SUB" --country KEN,
usage "sswr indicators" "--country ',' has an empty element" indicators --datasets "$SUB" --country ,
# spaces around an element are not an element of their own
run "$SSWR" indicators --datasets "$SUB" --country " KEN , uga" --year 2020
expect_status 0
expect_out_has "KEN,graduates_total,,2020,"
expect_out_has "UGA,workforce_total,,2020,"
expect_out_lacks "TZA,"
t_end

t_begin "commands: an unknown value is a usage error naming the closest known one"
usage "sswr build" "unknown country code 'KEM' (did you mean KEN?)" build --datasets "$SUB" --country UGA,KEM
usage "sswr review" "unknown country code 'XYZ' (see datasets/countries.csv)" review --datasets "$SUB" --country XYZ
usage "sswr indicators" "unknown country code 'UGX' (did you mean UGA?)" indicators --datasets "$SUB" --country ken,ugx
usage "sswr indicators" "unknown country code 'KENYA' (see datasets/countries.csv)" indicators --datasets "$SUB" --country kenya
usage "sswr profile" "unknown country code 'UGX' (did you mean UGA?)" profile UGX --datasets "$SUB"
usage "sswr build" "no catalog for language 'xx' (languages: ar, en, es, fr, id, pt, ru, sw, zh)" build --lang en,xx
usage "sswr build" "no catalog for language 'FR' (did you mean fr?)" build --lang FR
usage "sswr profile" "no catalog for language 'es-' (did you mean es?)" profile KEN --lang es-
usage "sswr indicators" "unknown --format 'jsn' (did you mean json?)" indicators --format jsn
usage "sswr indicators" "unknown --format 'xml' (known: csv, json)" indicators --format xml
usage "sswr" "unknown command 'chekc' (did you mean check?)" chekc
usage "sswr" "unknown command 'publish' (known: check, review, indicators, profile, build, strings, sheet, import)" publish
usage "sswr strings" "unknown command 'chek' (did you mean check?)" strings chek
usage "sswr strings" "expected 'extract' or 'check'" strings
usage "sswr" "unknown input encoding 'windows1252' (did you mean windows-1252?)" --input-encoding windows1252 check
usage "sswr" "unknown input encoding 'latin1//IGNORE' (try windows-1252, iso-8859-1)" --input-encoding latin1//IGNORE check
usage "sswr check" "unknown input encoding 'klingon' (try windows-1252, iso-8859-1)" check --input-encoding klingon
t_end

t_begin "commands: an unknown option is a usage error naming the closest option"
usage "sswr build" "unknown option '--contry' (did you mean --country?)" build --contry KEN
usage "sswr build" "unknown option '--langs=fr' (did you mean --lang?)" build --langs=fr
usage "sswr build" "option '--no' is ambiguous (--no-charts, --no-report, --no-wait)" build --no
usage "sswr build" "--force takes no value" build --force=yes
usage "sswr build" "unknown option '-x'" build -x
usage "sswr build" "--year needs a value" build --year
usage "sswr profile" "--lang needs a value" profile KEN -l
usage "sswr review" "unknown option '--bogus'" review --bogus
usage "sswr" "unknown option '--verison' (did you mean --version?)" --verison
usage "sswr strings" "--output is an option of 'strings extract'" strings check -o output/x
usage "sswr strings" "--verbose is an option of 'strings check'" strings extract --verbose
usage "sswr strings" "unexpected argument 'fr' ('strings extract' takes none)" strings extract fr
usage "sswr build" "unexpected argument 'KEN'" build KEN
usage "sswr profile" "expected one country code (ISO3), e.g. 'sswr profile KEN'" profile --lang fr
usage "sswr profile" "unexpected argument 'UGA' (one country per profile; 'sswr build --country LIST' builds several)" \
    profile KEN UGA
usage "sswr profile" "one country per profile, not 'KEN,UGA' ('sswr build --country LIST' builds several)" \
    profile KEN,UGA -o output/KEN-fr.pdf
usage "sswr profile" "--lang takes one language (use 'sswr build' for several)" profile KEN --lang en,fr
t_end

t_begin "commands: a number out of range or not a number is a usage error"
for j in 0 257 abc " 4" +4 4.0 -1 99999999999; do
    usage "sswr build" "--jobs '$j' is not a number from 1 to 256" build -j "$j"
done
for y in 1800 1989 2036 20x4 " 2024" -2024 2024.0 ２０２４; do
    usage "sswr profile" "--year '$y' is not a year from 1990 to 2035" profile KEN --year "$y"
    usage "sswr build" "--year '$y' is not a year from 1990 to 2035" build --year "$y"
    usage "sswr indicators" "--year '$y' is not a year from 1990 to 2035" indicators --year "$y"
done
t_end

t_begin "commands: a value is echoed escaped and capped (it cannot forge a line or reverse the text)"
usage "sswr build" "unknown country code 'A\\nFAKE.CSV:1: ERROR' (see datasets/countries.csv)" \
    build --datasets "$SUB" --country $'a\nfake.csv:1: error'
usage "sswr indicators" "unknown --format '\\u202Enosj' (known: csv, json)" indicators --format $'\u202enosj'
long=$(printf 'x%.0s' $(seq 1 200))
usage "sswr profile" "--year '$(printf 'x%.0s' $(seq 1 60))…' is not a year from 1990 to 2035" profile KEN --year "$long"
t_end

t_begin "commands: a templates folder that does not exist fails (1) before any language is checked"
run "$SSWR" profile KEN --datasets "$SUB" --lang fr --templates "$TMPROOT/no-such" -o output/KEN-fr.pdf
expect_status 1
expect_eq "$ERR" "sswr profile: $TMPROOT/no-such: cannot open the templates folder: No such file or directory" "stderr"
expect_eq "$(snapshot)" "$SNAP" "output/"
run "$SSWR" build --datasets "$SUB" --lang fr -t "$TMPROOT/no-such"
expect_status 1
expect_eq "$ERR" "sswr build: $TMPROOT/no-such: cannot open the templates folder: No such file or directory" "stderr"
expect_eq "$(snapshot)" "$SNAP" "output/"
t_end

# ---- catalogs --------------------------------------------------------------

# A tree for SSWR_HOME: a copy of the templates (to break), the scripts and
# the prepared fonts of this one.
HOME_T="$TMPROOT/cmd_home"
rm -rf "$HOME_T" && mkdir -p "$HOME_T/build" && cp -r "$ROOT/templates" "$HOME_T/"
ln -s "$ROOT/scripts" "$HOME_T/scripts"
ln -s "$ROOT/build/fonts" "$HOME_T/build/fonts"
FR="$HOME_T/templates/i18n/fr.po"
cp "$FR" "$TMPROOT/cmd_fr.po"
EA=$(grep -n -m1 '^msgstr "Afrique orientale"$' "$FR" | cut -d: -f1)

# fr_with PYTHON-EXPR — fr.po with the msgstr of "Eastern Africa" (line $EA)
# replaced by the Python string literal given.
fr_with() {
    /usr/bin/python3 - "$TMPROOT/cmd_fr.po" "$FR" "$EA" "$1" <<'PY'
import ast, sys
src, dst, line, lit = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
lines = open(src, encoding="utf-8").read().split("\n")
assert lines[line - 1] == 'msgstr "Afrique orientale"', lines[line - 1]
lines[line - 1] = "msgstr " + ast.literal_eval(lit)
open(dst, "w", encoding="utf-8").write("\n".join(lines))
PY
}

t_begin "catalogs: strings check rounds down: 240 of 241 is not 100%"
cp "$TMPROOT/cmd_fr.po" "$FR"
SSWR_HOME="$HOME_T" run "$SSWR" strings check fr
expect_status 0
N=$(sed -n 's/^fr: \([0-9]*\) of \([0-9]*\) translated (100%), 0 untranslated.*/\2/p' <<<"$OUT")
[ -n "$N" ] && [ "$N" -ge 100 ] || t_fail "no complete fr line: $OUT"
fr_with "'\"\"'"
SSWR_HOME="$HOME_T" run "$SSWR" strings check fr
expect_status 0
expect_eq "$OUT" "fr: $((N - 1)) of $N translated (99%), 1 untranslated, 0 fuzzy, 0 no longer used, 0 errors" "stdout"
t_end

BIDI_MSG="U+202E RIGHT-TO-LEFT OVERRIDE at column 9: a bidirectional control reverses or reorders the text around it; remove it"

t_begin "catalogs: a bidirectional override in fr.po is an error of strings check at its line"
fr_with "'\"\u202eelatneiro euqirfA\"'"
SSWR_HOME="$HOME_T" run "$SSWR" strings check fr
expect_status 1
expect_eq "$OUT" "templates/i18n/fr.po:$EA: $BIDI_MSG
fr: $((N - 1)) of $N translated (99%), 1 untranslated, 0 fuzzy, 0 no longer used, 1 error" "stdout"
t_end

t_begin "catalogs: a bidirectional override in fr.po fails the French build, keeps its files, builds English"
fr_with "'\"\u202eelatneiro euqirfA\"'"
before_fr=$(snapshot | grep ' output/2024/fr/')
SSWR_HOME="$HOME_T" run "$SSWR" build --datasets "$SUB" --country KEN,UGA --lang en,fr -j 2 --no-charts
expect_status 1
expect_err "templates/i18n/fr.po:$EA: $BIDI_MSG"
expect_err "sswr build: templates/i18n/fr.po has errors (above); no page in fr is written, earlier ones are kept"
expect_eq "$(snapshot | grep ' output/2024/fr/')" "$before_fr" "French outputs"
# English is built (its stamps hash the templates folder, which changed)
expect_err "built output/2024/en/KEN.pdf"
expect_err "built output/2024/en/UGA.pdf"
expect_err_has "sswr: 3 built, 0 up to date, 0 failed ("
expect_err_lacks "output/2024/fr/"
t_end

t_begin "catalogs: a bidirectional override in fr.po fails the French profile; the earlier PDF stays"
fr_with "'\"\u202eelatneiro euqirfA\"'"
sum=$(sha256sum <output/KEN-fr.pdf)
SSWR_HOME="$HOME_T" run "$SSWR" profile KEN --datasets "$SUB" --lang fr -o output/KEN-fr.pdf
expect_status 1
expect_eq "$ERR" "templates/i18n/fr.po:$EA: $BIDI_MSG
sswr profile: templates/i18n/fr.po has errors (above); no page in fr is written, earlier ones are kept" "stderr"
expect_eq "$(sha256sum <output/KEN-fr.pdf)" "$sum" "earlier PDF"
ls output/*.tmp* 2>/dev/null && t_fail "temporary file left"
# with --templates, the catalog is named in that folder
run "$SSWR" profile KEN --datasets "$SUB" --lang fr --templates "$HOME_T/templates" -o output/KEN-fr.pdf
expect_status 1
expect_err "$HOME_T/templates/i18n/fr.po:$EA: $BIDI_MSG"
expect_eq "$(sha256sum <output/KEN-fr.pdf)" "$sum" "earlier PDF"
t_end

t_begin "catalogs: every bidirectional control and stray character is an error; the marks Arabic needs are not"
for spec in \
    "'\"\u2067Afrique orientale\u2069\"'|U+2067 RIGHT-TO-LEFT ISOLATE at column 9: a bidirectional control reverses or reorders the text around it; remove it" \
    "'\"Afrique \u202aorientale\"'|U+202A LEFT-TO-RIGHT EMBEDDING at column 17: a bidirectional control reverses or reorders the text around it; remove it" \
    "'\"Afrique \u202dorientale\"'|U+202D LEFT-TO-RIGHT OVERRIDE at column 17: a bidirectional control reverses or reorders the text around it; remove it" \
    "'\"Afrique orientale\u2066\"'|U+2066 LEFT-TO-RIGHT ISOLATE at column 26: a bidirectional control reverses or reorders the text around it; remove it" \
    "'\"Afrique \\\\342\\\\200\\\\256orientale\"'|the escapes of the string at column 8 make U+202E RIGHT-TO-LEFT OVERRIDE: a bidirectional control reverses or reorders the text around it; remove it" \
    "'\"Afrique\\\\aorientale\"'|the escapes of the string at column 8 make U+0007: a control character; remove it" \
    "'\"Afrique \ufefforientale\"'|U+FEFF ZERO WIDTH NO-BREAK SPACE (byte order mark) at column 17: an invisible format character; remove it" \
    "'\"Afrique \u2062orientale\"'|U+2062 (an invisible mathematical operator) at column 17: an invisible format character; remove it" \
    "'\"Afrique or\ufffdentale\"'|U+FFFD REPLACEMENT CHARACTER at column 19: it marks text lost in a broken conversion; remove it" \
    "'\"Afrique\u2028orientale\"'|U+2028 LINE SEPARATOR at column 16: an invisible line break; remove it" \
    "'\"Afrique\u0085orientale\"'|U+0085 at column 16: a control character; remove it"; do
    fr_with "${spec%%|*}"
    SSWR_HOME="$HOME_T" run "$SSWR" strings check fr
    expect_status 1
    expect_out_has "templates/i18n/fr.po:$EA: ${spec#*|}"
    expect_out_has ", 1 error"
done
# RLM, LRM, ALM, ZWJ, ZWNJ, ZWSP, the word joiner and the soft hyphen are legitimate
fr_with "'\"\u200fAfrique\u200e orien\u00adtale\u061c\u200d\u200c\u200b\u2060\"'"
SSWR_HOME="$HOME_T" run "$SSWR" strings check fr
expect_status 0
expect_out_has "fr: $N of $N translated (100%), 0 untranslated, 0 fuzzy, 0 no longer used, 0 errors"
t_end
cp "$TMPROOT/cmd_fr.po" "$FR"

t_begin "catalogs: a stray character in messages.pot (an English text) is an error of strings check"
POT="$HOME_T/templates/i18n/messages.pot"
cp "$POT" "$TMPROOT/cmd_messages.pot"
PL=$(grep -n -m1 '^msgid "Eastern Africa"$' "$POT" | cut -d: -f1)
sed -i "${PL}s/^msgid \"Eastern Africa\"$/msgid \"Eastern$(printf '\u2066') Africa\"/" "$POT"
SSWR_HOME="$HOME_T" run "$SSWR" strings check es
expect_status 1
expect_out_has "templates/i18n/messages.pot:$PL: U+2066 LEFT-TO-RIGHT ISOLATE at column 15: a bidirectional control reverses or reorders the text around it; remove it"
cp "$TMPROOT/cmd_messages.pot" "$POT"
SSWR_HOME="$HOME_T" run "$SSWR" strings check es
expect_status 0
t_end

# ---- names files -----------------------------------------------------------

t_begin "names: a bidirectional override or control character in a country name is an error at its line"
d=$(subset_fixture cmd_names KEN UGA TZA)
L=$(grep -n -m1 '^KEN,' "$d/names/fr.csv" | cut -d: -f1)
sed -i "${L}s/^KEN,.*/KEN,$(printf '\u202e')ayneK/" "$d/names/fr.csv"
L2=$(grep -n -m1 '^UGA,' "$d/names/es.csv" | cut -d: -f1)
sed -i "${L2}s/^UGA,\(.*\)/UGA,Ug$(printf '\a')\1/" "$d/names/es.csv"
run "$SSWR" check --no-review --datasets "$d"
expect_status 1
expect_err "$d/names/fr.csv:$L: column name: U+202E RIGHT-TO-LEFT OVERRIDE at character 1: a bidirectional control reverses or reorders the text around it; remove it"
expect_err "$d/names/es.csv:$L2: column name: U+0007 at character 3: a control character; remove it"
expect_err_has "3 countries (2 with errors), 2 errors"
# TZA, untouched, is still built
run "$SSWR" profile TZA --datasets "$d" --lang fr -o "$TMPROOT/cmd_tza.pdf"
expect_status 1
expect_file "$TMPROOT/cmd_tza.pdf"
t_end

cd "$ROOT" || exit 1
