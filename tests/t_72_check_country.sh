# t_72_check_country.sh — checks a country team can read (issue 17, item 4):
# `sswr check --country` prints the named countries' problems alone (and the
# problems of no one country) with a summary counting the others'; errors
# come first, then the warnings in groups (reading the files, then each
# review rule in the order review.lua declares them) headed by their counts;
# --errors-only and -q; `sswr review --country` hides the other countries'
# data problems the same way; `make report` no longer lists every warning;
# usage errors of --country. Every expected stderr is given whole, lines and
# order; file lines are found in the fixtures, not written here.

# A three-country copy with review rules whose findings are known: beta (two
# per country, none for UGA) is declared before alpha (one per country), so a
# grouping by rule puts every beta before any alpha, whatever the country.
X="$TMPROOT/ck72_scripts"
rm -rf "$X" && cp -r scripts "$X"
cat >"$X/review.lua" <<'EOF'
rule { id = "beta", description = "b", check = function(c)
  if c.iso3 == "UGA" then return nil end
  return { { table = "workforce", message = "beta 1 " .. c.iso3 },
           { table = "population", message = "beta 2 " .. c.iso3 } } end }
rule { id = "alpha", description = "a", check = function(c)
  return { { table = "workforce", message = "alpha " .. c.iso3 } } end }
EOF

# Without errors: a warning of a whole file (a header with an empty column
# name) and a warning each for KEN and TZA (no English name).
G=$(subset_fixture ck72_good KEN UGA TZA)
sed -i '/^KEN,/d; /^TZA,/d' "$G/names/en.csv"
sed -i 's/$/,/' "$G/system.csv"

# With errors: one in KEN's rows, one in UGA's, one of no country (a code
# nothing resembles), and the warning for TZA.
E=$(subset_fixture ck72_err KEN UGA TZA)
KL=$(grep -n -m1 '^KEN,2019,para_social_worker,government,' "$E/workforce.csv" | cut -d: -f1)
sed -i "${KL}s/,[0-9]*,illustrative,\$/,lots,illustrative,/" "$E/workforce.csv"
UL=$(grep -n -m1 '^UGA,2019,' "$E/population.csv" | cut -d: -f1)
sed -i "${UL}s/^UGA,2019,[0-9]*,/UGA,2019,x,/" "$E/population.csv"
echo "QQQ,2019,social_worker,government,5,illustrative," >>"$E/workforce.csv"
QL=$(wc -l <"$E/workforce.csv")
sed -i '/^TZA,/d' "$E/names/en.csv"
KEN_ERR="$E/workforce.csv:$KL: column count: not a number: \"lots\""
UGA_ERR="$E/population.csv:$UL: column population: not a number: \"x\""
QQQ_ERR="$E/workforce.csv:$QL: column iso3: unknown country code \"QQQ\" (not in countries.csv)"
ROWS_G=$(cat "$G"/*.csv "$G"/names/*.csv | wc -l) ROWS_G=$((ROWS_G - $(ls "$G"/*.csv "$G"/names/*.csv | wc -l)))
ROWS_E=$(cat "$E"/*.csv "$E"/names/*.csv | wc -l) ROWS_E=$((ROWS_E - $(ls "$E"/*.csv "$E"/names/*.csv | wc -l)))


# ck ARGS... — sswr check ARGS with the scripts above; $ERR with the timing
# replaced by "(MS)".
ck() {
    run "$SSWR" check --scripts "$X" "$@"
    ERR=$(sed -E 's/ \([0-9]+\.[0-9] ms\)$/ (MS)/' <<<"$ERR")
}

t_begin "check --country: the fixtures hold what they claim"
[ "${KL:-0}" -gt 1 ] || t_fail "no KEN row to break"
[ "${UL:-0}" -gt 1 ] || t_fail "no UGA population row to break"
expect_eq "$(grep -c '^KEN,\|^TZA,' "$G/names/en.csv")" 0 "KEN and TZA in names/en.csv"
t_end

t_begin "check --country KEN: KEN's error and the one of no country; the summary counts UGA's as not shown"
ck --datasets "$E" --country KEN
expect_status 1
expect_eq "$ERR" "$KEN_ERR
$QQQ_ERR
sswr check: $E: $ROWS_E rows, 3 countries (2 with errors); shown for KEN: 2 errors, 0 warnings; other countries: 1 error, 4 warnings, not shown (MS)
sswr check: warnings: none; review of 1 country
sswr check: KEN has errors in its data (above): not reviewed" "stderr"
expect_eq "$OUT" "" "stdout"
t_end

t_begin "check --country: codes in any case, spaces around them, printed upper case"
ck --datasets "$E" --country " ken,tza"
expect_status 1
expect_err "sswr check: $E: $ROWS_E rows, 3 countries (2 with errors); shown for KEN,TZA: 2 errors, 4 warnings; other countries: 1 error, 0 warnings, not shown (MS)"
expect_err_lacks "$UGA_ERR"
t_end

t_begin "check: errors first, then warnings grouped (files, then the rules in declared order) with counts"
ck --datasets "$E"
expect_status 1
expect_eq "$ERR" "$UGA_ERR
$KEN_ERR
$QQQ_ERR
sswr check: 1 warning from reading the files
$E/names/en.csv: warning: no English name for TZA
sswr check: 2 warnings of rule beta ($X/review.lua)
$E/population.csv: warning: beta: beta 2 TZA
$E/workforce.csv: warning: beta: beta 1 TZA
sswr check: 1 warning of rule alpha ($X/review.lua)
$E/workforce.csv: warning: alpha: alpha TZA
sswr check: $E: $ROWS_E rows, 3 countries (2 with errors), 3 errors, 4 warnings (MS)
sswr check: warnings: files (1), beta (2), alpha (1); review of 1 country ('sswr review --country ISO3' explains each finding)" "stderr"
t_end

t_begin "check: groups of several countries each, a warning of the whole file, exit 0"
ck --datasets "$G"
expect_status 0
expect_eq "$ERR" "sswr check: 3 warnings from reading the files
$G/system.csv:1: warning: column #6: column without a name is ignored (a trailing delimiter?)
$G/names/en.csv: warning: no English name for KEN
$G/names/en.csv: warning: no English name for TZA
sswr check: 4 warnings of rule beta ($X/review.lua)
$G/population.csv: warning: beta: beta 2 KEN
$G/workforce.csv: warning: beta: beta 1 KEN
$G/population.csv: warning: beta: beta 2 TZA
$G/workforce.csv: warning: beta: beta 1 TZA
sswr check: 3 warnings of rule alpha ($X/review.lua)
$G/workforce.csv: warning: alpha: alpha KEN
$G/workforce.csv: warning: alpha: alpha TZA
$G/workforce.csv: warning: alpha: alpha UGA
sswr check: $G: $ROWS_G rows, 3 countries (0 with errors), 0 errors, 10 warnings (MS)
sswr check: warnings: files (3), beta (4), alpha (3); review of 3 countries ('sswr review --country ISO3' explains each finding)" "stderr"
t_end

t_begin "check --country TZA: TZA's warnings and the file's, counted per group; the others' counted as not shown"
ck --datasets "$G" --country TZA
expect_status 0
expect_eq "$ERR" "sswr check: 2 warnings from reading the files
$G/system.csv:1: warning: column #6: column without a name is ignored (a trailing delimiter?)
$G/names/en.csv: warning: no English name for TZA
sswr check: 2 warnings of rule beta ($X/review.lua)
$G/population.csv: warning: beta: beta 2 TZA
$G/workforce.csv: warning: beta: beta 1 TZA
sswr check: 1 warning of rule alpha ($X/review.lua)
$G/workforce.csv: warning: alpha: alpha TZA
sswr check: $G: $ROWS_G rows, 3 countries (0 with errors); shown for TZA: 0 errors, 5 warnings; other countries: 0 errors, 5 warnings, not shown (MS)
sswr check: warnings: files (2), beta (2), alpha (1); review of 3 countries ('sswr review --country ISO3' explains each finding)" "stderr"
t_end

t_begin "check --country TZA: errors of other countries alone still fail the check (exit 1), counted in the summary"
ck --datasets "$E" --country TZA --no-review
expect_status 1
expect_eq "$ERR" "$QQQ_ERR
sswr check: 1 warning from reading the files
$E/names/en.csv: warning: no English name for TZA
sswr check: $E: $ROWS_E rows, 3 countries (2 with errors); shown for TZA: 1 error, 1 warning; other countries: 2 errors, 0 warnings, not shown (MS)
sswr check: warnings: files (1)" "stderr"
t_end

t_begin "check --errors-only: the errors, the summary, the warnings counted per group and the command to list them"
ck --datasets "$E" --errors-only
expect_status 1
expect_eq "$ERR" "$UGA_ERR
$KEN_ERR
$QQQ_ERR
sswr check: $E: $ROWS_E rows, 3 countries (2 with errors), 3 errors, 4 warnings (MS)
sswr check: 4 warnings not shown: files (1), beta (2), alpha (1); to see them: 'sswr check --datasets $E --scripts $X' (or 'sswr review --datasets $E --scripts $X --country ISO3')" "stderr"
ck --datasets "$G" --errors-only --country KEN
expect_status 0
expect_eq "$ERR" "sswr check: $G: $ROWS_G rows, 3 countries (0 with errors); shown for KEN: 0 errors, 5 warnings; other countries: 0 errors, 5 warnings, not shown (MS)
sswr check: 5 warnings not shown: files (2), beta (2), alpha (1); to see them: 'sswr check --datasets $G --scripts $X --country KEN' (or 'sswr review --datasets $G --scripts $X --country KEN')" "stderr"
t_end

t_begin "check -q: the errors and the one-line summary, nothing else (also with --errors-only)"
ck --datasets "$E" -q
expect_status 1
expect_eq "$ERR" "$UGA_ERR
$KEN_ERR
$QQQ_ERR
sswr check: $E: $ROWS_E rows, 3 countries (2 with errors), 3 errors, 4 warnings (MS)" "stderr"
ck --datasets "$E" -q --errors-only --country UGA
expect_status 1
expect_eq "$ERR" "$UGA_ERR
$QQQ_ERR
sswr check: $E: $ROWS_E rows, 3 countries (2 with errors); shown for UGA: 2 errors, 0 warnings; other countries: 1 error, 4 warnings, not shown (MS)" "stderr"
ck --datasets "$G" --quiet
expect_status 0
expect_eq "$ERR" "sswr check: $G: $ROWS_G rows, 3 countries (0 with errors), 0 errors, 10 warnings (MS)" "stderr"
t_end

t_begin "check --country with datasets that cannot be used: the errors of no country still printed"
d=$(subset_fixture ck72_fatal KEN UGA TZA)
sed -i '1s/,count,/,number,/' "$d/workforce.csv"
L=$(grep -n -m1 '^UGA,' "$d/names/en.csv" | cut -d: -f1)
sed -i "${L}d" "$d/names/en.csv"
run "$SSWR" check --datasets "$d" --country KEN
expect_status 1
expect_eq "$ERR" "$d/workforce.csv:1: column number: unknown column (expected: iso3,year,cadre,sector,count,source,note)
$d/workforce.csv:1: column count: missing column (the header must name: iso3,year,cadre,sector,count,source,note)
sswr check: $d: shown for KEN: 2 errors, 0 warnings; other countries: 0 errors, 1 warning, not shown; the datasets cannot be used" "stderr"
t_end

# More than 100 problems in a file: the first 100 are kept (diag.h). Those
# of the countries not asked for are counted without being kept, so KEN's
# error after them is still printed.
t_begin "check --country KEN: other countries' errors take none of a file's 100 messages"
d=$(subset_fixture ck72_flood KEN UGA TZA)
w=$d/workforce.csv
L=$(grep -n -m1 '^KEN,2019,para_social_worker,government,' "$w" | cut -d: -f1)
row=$(sed -n "${L}p" "$w" | sed 's/,[0-9]*,illustrative,$/,lots,illustrative,/')
sed -i "${L}d" "$w"
sed -i 's/^\(\(TZA\|UGA\),[^,]*,[^,]*,[^,]*\),[0-9]*,/\1,n,/' "$w"
printf '%s\n' "$row" >>"$w"
nu=$(grep -c '^\(TZA\|UGA\),[^,]*,[^,]*,[^,]*,n,' "$w")
[ "$nu" -gt 100 ] || t_fail "only $nu TZA and UGA rows broken"
run "$SSWR" check --datasets "$d" --no-review
expect_err_lacks "column count: not a number: \"lots\""
expect_err "$w: $((nu + 1 - 100)) more problems in this file are not shown"
run "$SSWR" check --datasets "$d" --no-review --country KEN
expect_status 1
ERR=$(sed -E 's/ \([0-9]+\.[0-9] ms\)$/ (MS)/' <<<"$ERR")
expect_eq "$ERR" "$w:$(wc -l <"$w"): column count: not a number: \"lots\"
sswr check: $d: $(( $(cat "$d"/*.csv "$d"/names/*.csv | wc -l) - $(ls "$d"/*.csv "$d"/names/*.csv | wc -l) )) rows, 3 countries (3 with errors); shown for KEN: 1 error, 0 warnings; other countries: $nu errors, 0 warnings, not shown (MS)" "stderr"
t_end

t_begin "the shipped datasets: check -q prints one line, --errors-only two (not one per warning)"
run "$SSWR" check -q
expect_status 0
expect_eq "$(wc -l <<<"$ERR")" 1 "lines of check -q"
expect_err_has "sswr check: datasets: "
run "$SSWR" check --errors-only
expect_status 0
expect_eq "$(wc -l <<<"$ERR")" 2 "lines of check --errors-only"
n=$(grep -oE '^sswr check: [0-9]+ warnings not shown: ' <<<"$ERR" | grep -oE '[0-9]+')
[ "${n:-0}" -gt 0 ] || t_fail "no count of the warnings: $ERR"
grep -qE "^sswr check: $n warnings not shown: [a-z_]+ \\([0-9]+\\)(, [a-z_]+ \\([0-9]+\\))*; to see them: 'sswr check' \\(or 'sswr review --country ISO3'\\)\$" <<<"$ERR" \
    || t_fail "second line: $ERR"
run "$SSWR" check
expect_eq "$(grep -c ': warning: ' <<<"$ERR")" "$n" "warnings listed by plain check"
t_end

t_begin "make report runs the check with --errors-only (no list of every warning)"
recipe=$(make -s -n -C "$ROOT" report 2>/dev/null | grep -- 'sswr check')
expect_eq "$recipe" "./sswr check --errors-only" "the check of make report"
t_end

t_begin "review --country KEN: KEN's data problems and the file's; the others' counted in one line"
run "$SSWR" review --datasets "$G" --scripts "$X" --country KEN
expect_status 0
expect_eq "$ERR" "$G/system.csv:1: warning: column #6: column without a name is ignored (a trailing delimiter?)
$G/names/en.csv: warning: no English name for KEN
sswr review: other countries: 0 errors, 1 warning in the data, not shown ('sswr check' lists them)" "stderr"
expect_out_has "KEN  KEN: 3 findings"
expect_out_lacks "TZA"
expect_out_has "3 findings in 1 of 1 countries reviewed (beta 2, alpha 1)"
t_end

t_begin "review --country: errors first, another country's error counted, exit 1"
run "$SSWR" review --datasets "$E" --scripts "$X" --country KEN,TZA
expect_status 1
expect_eq "$ERR" "$KEN_ERR
$QQQ_ERR
$E/names/en.csv: warning: no English name for TZA
sswr review: other countries: 1 error, 0 warnings in the data, not shown ('sswr check' lists them)
sswr review: KEN has errors in its data (see above); not reviewed" "stderr"
expect_out_has "TZA  TZA: 3 findings"
t_end

t_begin "review without --country prints every problem and no count of hidden ones"
run "$SSWR" review --datasets "$E" --scripts "$X"
expect_status 1
expect_eq "$(head -n 4 <<<"$ERR")" "$UGA_ERR
$KEN_ERR
$QQQ_ERR
$E/names/en.csv: warning: no English name for TZA" "stderr"
expect_err_lacks "not shown"
t_end

# usage PROG MESSAGE ARGS... — exit 2, exactly the message and the hint, no output.
usage() {
    local prog=$1 msg=$2
    shift 2
    run "$SSWR" "$@"
    expect_status 2
    expect_eq "$ERR" "$prog: $msg
Try '$prog --help' for more information." "stderr of 'sswr $*'"
    expect_eq "$OUT" "" "stdout of 'sswr $*'"
}

t_begin "check --country: usage errors (empty, empty or repeated element, unknown code, twice, a value to a flag)"
usage "sswr check" "empty value for --country" check --datasets "$G" --country ""
usage "sswr check" "empty value for --country" check --datasets "$G" -c ""
usage "sswr check" "--country 'KEN,,UGA' has an empty element" check --datasets "$G" --country KEN,,UGA
usage "sswr check" "--country 'KEN,' has an empty element" check --datasets "$G" --country KEN,
usage "sswr check" "--country lists KEN twice" check --datasets "$G" --country KEN,ken
usage "sswr check" "unknown country code 'KEM' (did you mean KEN?)" check --datasets "$G" --country KEM
usage "sswr check" "unknown country code 'XYZ' (see datasets/countries.csv)" check --datasets "$G" --country UGA,XYZ
usage "sswr check" "--country is given twice" check --datasets "$G" --country KEN --country UGA
usage "sswr check" "--errors-only takes no value" check --datasets "$G" --errors-only=yes
usage "sswr check" "unknown option '--error-only' (did you mean --errors-only?)" check --datasets "$G" --error-only
usage "sswr review" "unknown country code 'UGX' (did you mean UGA?)" review --datasets "$G" --country UGX
usage "sswr review" "--country lists TZA twice" review --datasets "$G" --country tza,TZA
# an unknown code is found even when the data has errors: nothing else is printed
usage "sswr check" "unknown country code 'KEM' (did you mean KEN?)" check --datasets "$E" --country KEM
t_end

t_begin "check --help names --country, --errors-only and --quiet"
run "$SSWR" check --help
expect_status 0
expect_out_has "  -c, --country LIST  only the problems of these countries (ISO3 codes,"
expect_out_has "      --errors-only   print the errors and the summary, with the number of"
expect_out_has "  -q, --quiet         print the errors and the one-line summary only"
t_end
