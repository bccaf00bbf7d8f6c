# t_61_honest_data.sh — a country whose data is wrong or incomplete is never
# built from the rest of its rows (issue: nothing published is silently
# wrong). Each case breaks one thing in a copy of a three-country subset,
# then asserts the exact message, that the broken country fails and keeps
# its earlier PDF byte for byte, that the other countries are built, and the
# exit status. The loader's own cases (one message each, the summary) run
# through `sswr check`; the build cases through `sswr build`.
. tests/t_10_loader_lib.sh

W="$TMPROOT/honest"
rm -rf "$W" && mkdir -p "$W"
BASE="$W/base"
mkdir -p "$BASE"
mv "$(subset_fixture honest_data KEN UGA TZA)" "$BASE/datasets"
BUILD=(build --lang en --year 2024 --no-charts --no-report -j 1)

# The earlier outputs every case starts from.
(cd "$BASE" && "$SSWR" "${BUILD[@]}" >/dev/null 2>&1) || echo "FAIL honest data: the baseline build failed" >>"$RESULTS"

# case NAME — a fresh copy of the base (datasets and earlier outputs); sets
# $C (its folder) and $D (its datasets).
case_dir() {
    C="$W/$1"
    rm -rf "$C" && cp -a "$BASE" "$C"
    D="$C/datasets"
}

# rebuild — builds the case again, in its folder.
rebuild() {
    local here=$PWD
    cd "$C" && run "$SSWR" "${BUILD[@]}"
    cd "$here"
}

# expect_kept ISO3... — each failed, and its PDF is the earlier one.
expect_kept() {
    for c in "$@"; do
        expect_err_has "$c (en): FAILED"
        cmp -s "$BASE/output/2024/en/$c.pdf" "$C/output/2024/en/$c.pdf" ||
            t_fail "$c.pdf changed although $c failed"
    done
}
# expect_built ISO3... — each built (or up to date) and not failed.
expect_built() {
    for c in "$@"; do
        expect_err_lacks "$c (en): FAILED"
        expect_file "$C/output/2024/en/$c.pdf"
    done
}

KEN24='^KEN,2024,social_worker,government,'

# ---- country codes that name no country --------------------------------

for code in ken KNE KE; do
    t_begin "honest data: a workforce row coded '$code' fails KEN, which keeps its PDF"
    case_dir "code_$code"
    L=$(line_of "$D/workforce.csv" "$KEN24")
    edit "$D/workforce.csv" "$L" "s/^KEN,/$code,/"
    check "$D"
    expect_status 1
    expect_err "$D/workforce.csv:$L: column iso3: unknown country code \"$code\" (did you mean KEN?)"
    expect_messages 1
    expect_summary 3 1 1 0
    rebuild
    expect_status 1
    expect_kept KEN
    expect_built UGA TZA
    t_end
done

t_begin "honest data: a population row coded 'ken' fails KEN (no second message for the year it lost)"
case_dir pop_code
L=$(line_of "$D/population.csv" '^KEN,2023,')
edit "$D/population.csv" "$L" 's/^KEN,/ken,/'
check "$D"
expect_status 1
expect_err "$D/population.csv:$L: column iso3: unknown country code \"ken\" (did you mean KEN?)"
expect_messages 1
expect_summary 3 1 1 0
rebuild
expect_status 1
expect_kept KEN
expect_built UGA TZA
t_end

t_begin "honest data: a country name file row coded 'uga' fails UGA"
case_dir name_code
L=$(line_of "$D/names/fr.csv" '^UGA,')
edit "$D/names/fr.csv" "$L" 's/^UGA,/uga,/'
check "$D"
expect_status 1
expect_err "$D/names/fr.csv:$L: column iso3: unknown country code \"uga\" (did you mean UGA?)"
expect_summary 3 1 1 0
t_end

t_begin "honest data: a code far from every country fails none, but the run"
case_dir code_far
append "$D/workforce.csv" "QQQ,2024,social_worker,government,12,illustrative,"
L=$(wc -l <"$D/workforce.csv")
check "$D"
expect_status 1
expect_err "$D/workforce.csv:$L: column iso3: unknown country code \"QQQ\" (not in countries.csv)"
expect_summary 3 0 1 0
rebuild
expect_status 1
expect_built KEN UGA TZA
t_end

# ---- blank required cells ------------------------------------------------

blank_case() {  # NAME FILE ERE SED COLUMN — blanks one required cell of a KEN row
    t_begin "honest data: a blank $5 in $2 is an error at its line and column; KEN keeps its PDF"
    case_dir "blank_$1"
    L=$(line_of "$D/$2" "$3")
    edit "$D/$2" "$L" "$4"
    check "$D"
    expect_status 1
    expect_err "$D/$2:$L: column $5: missing value"
    expect_messages 1
    expect_summary 3 1 1 0
    rebuild
    expect_status 1
    expect_kept KEN
    expect_built UGA TZA
    t_end
}
blank_case count workforce.csv "$KEN24" 's/,[0-9]*,illustrative,$/,,illustrative,/' count
blank_case year workforce.csv "$KEN24" 's/^KEN,2024,/KEN,,/' year
blank_case cadre workforce.csv "$KEN24" 's/,social_worker,/,,/' cadre
blank_case institutions education.csv '^KEN,2024,bachelor,' 's/^\(KEN,2024,bachelor\),[0-9]*,/\1,,/' institutions
blank_case status system.csv '^KEN,2024,legislation,' 's/,[a-z]*,illustrative$/,,illustrative/' status
# (an empty source stays a review warning, source_missing: it changes no figure)
blank_case population population.csv '^KEN,2024,' 's/^KEN,2024,[0-9]*,/KEN,2024,,/' population
blank_case children population.csv '^KEN,2024,' 's/,[0-9]*$/,/' children_0_14

t_begin "honest data: a blank graduates cell stays allowed (not reported)"
case_dir blank_graduates
L=$(line_of "$D/education.csv" '^KEN,2024,bachelor,')
edit "$D/education.csv" "$L" 's/^\(KEN,2024,bachelor,[0-9]*\),[0-9]*,/\1,,/'
check "$D"
expect_status 0
expect_summary 3 0 0 0
t_end

# ---- population the ratios need ----------------------------------------

t_begin "honest data: a year with workers but no population fails the country at the year's first row"
case_dir pop_year
L=$(line_of "$D/population.csv" '^KEN,2024,')
sed -i "${L}d" "$D/population.csv"
F=$(line_of "$D/workforce.csv" '^KEN,2024,')
check "$D"
expect_status 1
expect_err "$D/workforce.csv:$F: column year: KEN has workers in 2024 but no population for that year in population.csv, so its ratios cannot be computed"
expect_messages 1
expect_summary 3 1 1 0
rebuild
expect_status 1
expect_kept KEN
expect_built UGA TZA
t_end

t_begin "honest data: a country without population rows fails, said once"
case_dir pop_none
sed -i '/^UGA,/d' "$D/population.csv"
L=$(line_of "$D/countries.csv" '^UGA,')
check "$D"
expect_status 1
expect_err "$D/countries.csv:$L: column iso3: UGA has no rows in population.csv (every country needs its population)"
expect_messages 1
expect_summary 3 1 1 0
rebuild
expect_status 1
expect_kept UGA
expect_built KEN TZA
t_end

t_begin "honest data: a header-only population.csv makes the datasets unusable; every PDF kept"
case_dir pop_header_only
head -n1 "$D/population.csv" >"$D/p" && mv "$D/p" "$D/population.csv"
check "$D"
expect_status 1
expect_err "$D/population.csv:1: the file has a header but no rows (every country needs its population)"
expect_messages 1
expect_unusable "$D" 1 0
rebuild
expect_status 1
for c in KEN UGA TZA; do
    cmp -s "$BASE/output/2024/en/$c.pdf" "$C/output/2024/en/$c.pdf" || t_fail "$c.pdf changed"
done
t_end

t_begin "honest data: children_0_14 of 0 is an error"
case_dir children_zero
L=$(line_of "$D/population.csv" '^KEN,2024,')
edit "$D/population.csv" "$L" 's/,[0-9]*$/,0/'
check "$D"
expect_status 1
expect_err "$D/population.csv:$L: column children_0_14: children_0_14 is 0 (no country has no children)"
expect_messages 1
expect_summary 3 1 1 0
rebuild
expect_status 1
expect_kept KEN
expect_built UGA TZA
t_end

t_begin "honest data: more children than people is an error (and KEN keeps its PDF)"
case_dir children_over
L=$(line_of "$D/population.csv" '^KEN,2024,')
edit "$D/population.csv" "$L" 's/^\(KEN,2024,\)\([0-9]*\),[0-9]*$/\1\2,9\2/'
check "$D"
expect_status 1
expect_err_has "$D/population.csv:$L: column children_0_14: children ("
expect_messages 1
rebuild
expect_status 1
expect_kept KEN
t_end

t_begin "honest data: a duplicate alpha-2 code fails both countries"
case_dir dup_iso2
L=$(line_of "$D/countries.csv" '^UGA,')
K=$(line_of "$D/countries.csv" '^KEN,')
edit "$D/countries.csv" "$L" 's/^UGA,UG,/UGA,KE,/'
check "$D"
expect_status 1
expect_err "$D/countries.csv:$L: column iso2: duplicate alpha-2 code KE (given to KEN on line $K)"
expect_messages 1
expect_summary 3 2 1 0
rebuild
expect_status 1
expect_kept KEN UGA
expect_built TZA
t_end

# ---- damaged bytes, huge and over-precise values -------------------------

t_begin "honest data: a NUL byte in one workforce row fails that row's country only"
case_dir nul_row
L=$(line_of "$D/workforce.csv" "$KEN24")
/usr/bin/python3 - "$D/workforce.csv" "$L" <<'PY'
import sys
p, n = sys.argv[1], int(sys.argv[2])
rows = open(p, 'rb').read().split(b'\n')
rows[n - 1] = rows[n - 1].replace(b',government,', b',gov\0ernment,', 1)
open(p, 'wb').write(b'\n'.join(rows))
PY
check "$D"
expect_status 1
expect_err "$D/workforce.csv:$L: column sector: a NUL byte (offset 4 of the field): the row is damaged; retype it or re-export the file"
expect_messages 1
expect_summary 3 1 1 0
rebuild
expect_status 1
expect_kept KEN
expect_built UGA TZA
t_end

t_begin "honest data: NUL bytes in the header still mean UTF-16 without a byte-order mark"
case_dir nul_header
/usr/bin/python3 - "$D/system.csv" <<'PY'
import sys
p = sys.argv[1]
text = open(p, 'rb').read().decode('utf-8')
open(p, 'wb').write(text.encode('utf-16-le'))
PY
check "$D"
expect_status 1
expect_err_has "$D/system.csv:1: the file contains NUL bytes, so it is not UTF-8 text (UTF-16 without a byte-order mark?)"
t_end

t_begin "honest data: a 1 MB field is shown as its first 60 characters and an ellipsis"
case_dir huge_field
L=$(line_of "$D/workforce.csv" "$KEN24")
/usr/bin/python3 - "$D/workforce.csv" "$L" <<'PY'
import re, sys
p, n = sys.argv[1], int(sys.argv[2])
rows = open(p).read().split('\n')
rows[n - 1] = re.sub(r',[0-9]*,illustrative,$', ',' + 'x' * (1 << 20) + ',illustrative,', rows[n - 1])
open(p, 'w').write('\n'.join(rows))
PY
check "$D"
expect_status 1
expect_err "$D/workforce.csv:$L: column count: not a number: \"$(head -c 60 /dev/zero | tr '\0' 'x')…\""
expect_messages 1
[ "${#ERR}" -lt 2000 ] || t_fail "stderr is ${#ERR} bytes long"
t_end

t_begin "honest data: control characters and bidi overrides in a cell are shown escaped"
case_dir escaped_field
L=$(line_of "$D/workforce.csv" "$KEN24")
edit "$D/workforce.csv" "$L" $'s/,social_worker,/,\e[31m\u202Esocial,/'
check "$D"
expect_status 1
expect_err_has "$D/workforce.csv:$L: column cadre: unknown cadre \"\\x1B[31m\\u202Esocial\" (expected one of:"
t_end

for v in 99999999999999999999999 1234567890123456.5 0.12345678901234567; do
    t_begin "honest data: $v has more digits than a figure holds exactly: an error, not a rounded figure"
    case_dir "digits_$v"
    L=$(line_of "$D/population.csv" '^KEN,2024,')
    edit "$D/population.csv" "$L" "s/^KEN,2024,[0-9]*,/KEN,2024,$v,/"
    check "$D"
    expect_status 1
    sig=$(tr -d '.' <<<"$v" | sed 's/^0*//')
    expect_err "$D/population.csv:$L: column population: $v has ${#sig} significant digits; a figure can have at most 15 (it would be stored rounded)"
    expect_messages 1
    rebuild
    expect_status 1
    expect_kept KEN
    t_end
done

t_begin "honest data: 15 significant digits, and trailing zeros of a fraction, are still exact"
case_dir digits_ok
L=$(line_of "$D/workforce.csv" "$KEN24")
edit "$D/workforce.csv" "$L" 's/,[0-9]*,illustrative,$/,000000012.000000000000000000,illustrative,/'
check "$D"
expect_status 0
t_end

t_begin "honest data: a 100 KB column name with a line break is shown short and on one line"
case_dir huge_column
/usr/bin/python3 - "$D/system.csv" <<'PY'
import sys
p = sys.argv[1]
lines = open(p).read().split('\n')
lines[0] += ',"' + 'y' * 100000 + '\nfake.csv:1: forged"'
open(p, 'w').write('\n'.join(lines))
PY
check "$D"
expect_status 1
expect_err_has "$D/system.csv:1: column $(head -c 60 /dev/zero | tr '\0' 'y')…: unknown column (expected: iso3,year,item,status,source)"
expect_err_lacks "fake.csv:1: forged"
[ "${#ERR}" -lt 4000 ] || t_fail "stderr is ${#ERR} bytes long"
t_end

t_begin "honest data: a code with a no-break space or a zero-width space still names its country, which fails"
case_dir code_invisible
L=$(line_of "$D/workforce.csv" "$KEN24")
edit "$D/workforce.csv" "$L" $'s/^KEN,/"KEN\u00a0",/'
edit "$D/workforce.csv" $((L + 1)) $'s/^KEN,/\u200bKEN,/'
check "$D"
expect_status 1
expect_err "$D/workforce.csv:$L: column iso3: unknown country code \"KEN\\u00A0\" (did you mean KEN?)"
expect_err "$D/workforce.csv:$((L + 1)): column iso3: unknown country code \"\\u200BKEN\" (did you mean KEN?)"
expect_summary 3 1 2 0
rebuild
expect_status 1
expect_kept KEN
expect_built UGA TZA
t_end

t_begin "honest data: a country given twice in countries.csv fails (which row is right is not known)"
case_dir dup_country
K=$(line_of "$D/countries.csv" '^KEN,')
append "$D/countries.csv" "KEN,KE,404,Africa,Sub-Saharan Africa,Eastern Africa"
L=$(wc -l <"$D/countries.csv")
check "$D"
expect_status 1
expect_err "$D/countries.csv:$L: column iso3: duplicate country KEN (first given on line $K)"
expect_summary 3 1 1 0
rebuild
expect_status 1
expect_kept KEN
expect_built UGA TZA
t_end
