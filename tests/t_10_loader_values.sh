# t_10_loader_values.sh — cell and key checks of the loader (generator/
# dataset.c): numbers as spreadsheets write them, country codes, vocabularies,
# duplicate keys, years, and counts that cannot be true. Each bad row fails
# its own country only (the summary's "N with errors").
. tests/t_10_loader_lib.sh

KEN_ROW='^KEN,2019,para_social_worker,government,'
# the row's count cell, whatever its value
COUNT='s/,[0-9]*,illustrative,$/,VALUE,illustrative,/'
count_to() { edit "$1" "$2" "${COUNT/VALUE/$3}"; }
# pop_of ISO3 YEAR — population from the shipped file
pop_of() { awk -F, -v c="$1" -v y="$2" '$1 == c && $2 == y { print $3 }' "$ROOT/datasets/population.csv"; }

# ---- numbers -----------------------------------------------------------

t_begin "loader: a count that is not a number"
d=$(fixture ld_nan)
W=$d/workforce.csv
L=$(line_of "$W" "$KEN_ROW")
count_to "$W" "$L" 'abc'
check "$d"
expect_status 1
expect_err "$W:$L: column count: not a number: \"abc\""
expect_messages 1
expect_summary 215 1 1 0
t_end

t_begin "loader: a negative count"
d=$(fixture ld_negative)
W=$d/workforce.csv
L=$(line_of "$W" "$KEN_ROW")
count_to "$W" "$L" '-5'
check "$d"
expect_status 1
expect_err "$W:$L: column count: negative number -5"
expect_messages 1
expect_summary 215 1 1 0
t_end

t_begin "loader: a count that is not a whole number"
d=$(fixture ld_fraction)
W=$d/workforce.csv
L=$(line_of "$W" "$KEN_ROW")
count_to "$W" "$L" '12.5'
check "$d"
expect_status 1
expect_err "$W:$L: column count: 12.5 is not a whole number"
expect_messages 1
expect_summary 215 1 1 0
t_end

t_begin "loader: a decimal comma in a semicolon file"
d=$(fixture ld_decimal_comma)
to_delimiter "$d" ';'
W=$d/workforce.csv
L=$(line_of "$W" '^KEN;2019;para_social_worker;government;')
edit "$W" "$L" 's/;[0-9]*;illustrative;$/;12,5;illustrative;/'
check "$d"
expect_status 1
expect_err "$W:$L: column count: \"12,5\" uses a decimal comma; write a point (e.g. 12.5)"
expect_messages 1
expect_summary 215 1 1 0
t_end

t_begin "loader: thousands separators"
d=$(fixture ld_thousands)
W=$d/workforce.csv
P=$d/population.csv
L=$(line_of "$W" "$KEN_ROW")
count_to "$W" "$L" '"1,234"'
K=$(line_of "$P" '^KEN,2019,')
edit "$P" "$K" 's/^KEN,2019,[0-9]*,/KEN,2019,"51,202,827",/'
U=$(line_of "$P" '^UGA,2019,')
edit "$P" "$U" 's/^UGA,2019,[0-9]*,/UGA,2019,42 999 637,/'
check "$d"
expect_status 1
expect_err "$W:$L: column count: \"1,234\" has a thousands separator or a decimal comma; write plain digits with a point for decimals"
expect_err "$P:$K: column population: \"51,202,827\" has thousands separators; write the digits alone (51202827)"
expect_err "$P:$U: column population: \"42 999 637\" has thousands separators; write the digits alone (42999637)"
expect_messages 3
expect_summary 215 2 3 0
t_end

# strtod alone would read "0x1A" as 26 and "1e3" as 1000.
t_begin "loader: hexadecimal, exponent and signed numbers are not plain numbers"
d=$(fixture ld_notation)
W=$d/workforce.csv
L=$(line_of "$W" "$KEN_ROW")
count_to "$W" "$L" '0x1A'
count_to "$W" $((L + 1)) '1.2E+03'
count_to "$W" $((L + 2)) '+5'
check "$d"
expect_status 1
expect_err "$W:$L: column count: not a number: \"0x1A\""
expect_err "$W:$((L + 1)): column count: \"1.2E+03\" is in scientific notation; write all the digits (in a spreadsheet, format the column as a number without exponent)"
expect_err "$W:$((L + 2)): column count: not a number: \"+5\""
expect_messages 3
expect_summary 215 1 3 0
t_end

t_begin "loader: a required value that is empty"
d=$(fixture ld_empty_value)
W=$d/workforce.csv
L=$(line_of "$W" "$KEN_ROW")
edit "$W" "$L" 's/^KEN,2019,/KEN,,/'
check "$d"
expect_status 1
expect_err "$W:$L: column year: missing value"
expect_messages 1
expect_summary 215 1 1 0
t_end

# ---- country codes -----------------------------------------------------

t_begin "loader: an unknown country code suggests the closest one"
d=$(fixture ld_code_suggest)
W=$d/workforce.csv
L=$(line_of "$W" "$KEN_ROW")
edit "$W" "$L" 's/^KEN,/KEM,/'
edit "$W" $((L + 1)) 's/^KEN,/ken,/'
edit "$W" $((L + 2)) 's/^KEN,/KE,/'
edit "$W" $((L + 3)) 's/^KEN,/KNE,/'
check "$d"
expect_status 1
expect_err "$W:$L: column iso3: unknown country code \"KEM\" (did you mean KEN?)"
expect_err "$W:$((L + 1)): column iso3: unknown country code \"ken\" (did you mean KEN?)"
expect_err "$W:$((L + 2)): column iso3: unknown country code \"KE\" (did you mean KEN?)"
expect_err "$W:$((L + 3)): column iso3: unknown country code \"KNE\" (did you mean KEN?)"
expect_messages 4
# the rows most likely belong to KEN: building it without them would publish
# a lower total, so KEN fails (and only KEN)
expect_summary 215 1 4 0
t_end

t_begin "loader: an unknown country code far from any gets no suggestion"
d=$(fixture ld_code_none)
W=$d/workforce.csv
L=$(line_of "$W" "$KEN_ROW")
edit "$W" "$L" 's/^KEN,/QQQ,/'
edit "$W" $((L + 1)) 's/^KEN,/K,/'
check "$d"
expect_status 1
expect_err "$W:$L: column iso3: unknown country code \"QQQ\" (not in countries.csv)"
expect_err "$W:$((L + 1)): column iso3: unknown country code \"K\" (not in countries.csv)"
expect_messages 2
expect_summary 215 0 2 0
t_end

# ---- vocabularies ------------------------------------------------------

t_begin "loader: an unknown cadre lists the cadres"
d=$(fixture ld_cadre)
W=$d/workforce.csv
L=$(line_of "$W" "$KEN_ROW")
edit "$W" "$L" 's/,para_social_worker,/,nurse,/'
check "$d"
expect_status 1
expect_err "$W:$L: column cadre: unknown cadre \"nurse\" (expected one of: social_worker, para_social_worker, child_protection_officer, community_development_worker, social_welfare_officer, unspecified)"
expect_messages 1
expect_summary 215 1 1 0
t_end

t_begin "loader: an unknown sector lists the sectors (codes are case-sensitive)"
d=$(fixture ld_sector)
W=$d/workforce.csv
L=$(line_of "$W" "$KEN_ROW")
edit "$W" "$L" 's/,government,/,Government,/'
check "$d"
expect_status 1
expect_err "$W:$L: column sector: unknown sector \"Government\" (expected one of: government, non_government, unspecified)"
expect_messages 1
expect_summary 215 1 1 0
t_end

t_begin "loader: an unknown education level lists the levels"
d=$(fixture ld_level)
E=$d/education.csv
L=$(line_of "$E" '^KEN,2019,bachelor,')
edit "$E" "$L" 's/,bachelor,/,phd,/'
check "$d"
expect_status 1
expect_err "$E:$L: column level: unknown level \"phd\" (expected one of: certificate, diploma, bachelor, master, doctorate)"
expect_messages 1
expect_summary 215 1 1 0
t_end

t_begin "loader: an unknown capacity item lists the items"
d=$(fixture ld_item)
S=$d/system.csv
L=$(line_of "$S" '^KEN,2020,code_of_ethics,')
edit "$S" "$L" 's/,code_of_ethics,/,ethics,/'
check "$d"
expect_status 1
expect_err "$S:$L: column item: unknown item \"ethics\" (expected one of: legislation, workforce_strategy, budget_line, hris, degree_programmes, inservice_training, field_placements, professional_association, licensing_body, code_of_ethics, supervision_standards)"
expect_messages 1
expect_summary 215 1 1 0
t_end

t_begin "loader: an unknown status lists the statuses"
d=$(fixture ld_status)
S=$d/system.csv
L=$(line_of "$S" '^KEN,2020,code_of_ethics,')
edit "$S" "$L" 's/,code_of_ethics,[a-z]*,/,code_of_ethics,maybe,/'
check "$d"
expect_status 1
expect_err "$S:$L: column status: unknown status \"maybe\" (expected one of: yes, partial, no, unknown)"
expect_messages 1
expect_summary 215 1 1 0
t_end

# ---- duplicate keys ----------------------------------------------------

t_begin "loader: a duplicate population row cites the first"
d=$(fixture ld_dup_pop)
P=$d/population.csv
L=$(line_of "$P" '^KEN,2019,')
edit "$P" $((L + 1)) 's/^KEN,2020,/KEN,2019,/'
check "$d"
expect_status 1
expect_err "$P:$((L + 1)): duplicate row for KEN 2019 (first given on line $L)"
expect_messages 1
expect_summary 215 1 1 0
t_end

t_begin "loader: a duplicate workforce row cites the first"
d=$(fixture ld_dup_work)
W=$d/workforce.csv
L=$(line_of "$W" "$KEN_ROW")
edit "$W" $((L + 1)) 's/,non_government,/,government,/'
check "$d"
expect_status 1
expect_err "$W:$((L + 1)): duplicate row for KEN 2019 para_social_worker government (first given on line $L)"
expect_messages 1
expect_summary 215 1 1 0
t_end

t_begin "loader: a duplicate education row cites the first"
d=$(fixture ld_dup_edu)
E=$d/education.csv
L=$(line_of "$E" '^KEN,2019,bachelor,')
edit "$E" $((L + 1)) 's/^KEN,2019,certificate,/KEN,2019,bachelor,/'
check "$d"
expect_status 1
expect_err "$E:$((L + 1)): duplicate row for KEN 2019 bachelor (first given on line $L)"
expect_messages 1
expect_summary 215 1 1 0
t_end

t_begin "loader: a duplicate capacity-grid row cites the first"
d=$(fixture ld_dup_sys)
S=$d/system.csv
L=$(line_of "$S" '^KEN,2020,code_of_ethics,')
edit "$S" $((L + 1)) 's/^KEN,2020,degree_programmes,/KEN,2020,code_of_ethics,/'
check "$d"
expect_status 1
expect_err "$S:$((L + 1)): duplicate row for KEN 2020 code_of_ethics (first given on line $L)"
expect_messages 1
expect_summary 215 1 1 0
t_end

t_begin "loader: a duplicate country, and a duplicate name"
d=$(fixture ld_dup_country)
C=$d/countries.csv
N=$d/names/en.csv
L=$(line_of "$C" '^KEN,')
append "$C" "$(sed -n "${L}p" "$C")"
append "$N" 'KEN,Kenya again'
check "$d"
expect_status 1
expect_err "$C:$(wc -l <"$C"): column iso3: duplicate country KEN (first given on line $L)"
expect_err "$N:$(wc -l <"$N"): column iso3: duplicate name for KEN"
expect_messages 2
expect_summary 215 1 2 0
t_end

# ---- years and impossible counts ---------------------------------------

t_begin "loader: years out of range (1889, 2100)"
d=$(fixture ld_year_range)
P=$d/population.csv
L=$(line_of "$P" '^KEN,2019,')
edit "$P" "$L" 's/^KEN,2019,/KEN,1889,/'
edit "$P" $((L + 1)) 's/^KEN,2020,/KEN,2100,/'
check "$d"
expect_status 1
expect_err "$P:$L: column year: year 1889 out of range 1990-2035"
expect_err "$P:$((L + 1)): column year: year 2100 out of range 1990-2035"
expect_messages 2
expect_summary 215 1 2 0
t_end

t_begin "loader: the first and last years of the range are accepted"
d=$(fixture ld_year_bounds)
P=$d/population.csv
append "$P" 'KEN,1990,23402507,11000000'
append "$P" 'KEN,2035,70000000,25000000'
check "$d"
expect_status 0
expect_messages 0
expect_summary 215 0 0 0
t_end

t_begin "loader: more children than people"
d=$(fixture ld_children)
P=$d/population.csv
L=$(line_of "$P" '^KEN,2019,')
pop=$(pop_of KEN 2019)
edit "$P" "$L" "s/,[0-9]*\$/,$((pop + 1))/"
check "$d"
expect_status 1
expect_err "$P:$L: column children_0_14: children ($((pop + 1))) greater than population ($pop)"
expect_messages 1
expect_summary 215 1 1 0
t_end

t_begin "loader: a count larger than the population (reported once)"
d=$(fixture ld_count_pop)
W=$d/workforce.csv
L=$(line_of "$W" "$KEN_ROW")
pop=$(pop_of KEN 2019)
count_to "$W" "$L" $((pop + 1))
check "$d"
expect_status 1
expect_err "$W:$L: column count: count $((pop + 1)) is larger than the population of KEN in 2019 ($pop)"
expect_messages 1
expect_summary 215 1 1 0
t_end

t_begin "loader: a year whose counts add up to more than the population"
d=$(fixture ld_total_pop)
W=$d/workforce.csv
L=$(line_of "$W" "$KEN_ROW")
pop=$(pop_of KEN 2019)
half=$((pop / 2 + 1))
count_to "$W" "$L" "$half"
count_to "$W" $((L + 1)) "$half"
F=$(line_of "$W" '^KEN,2019,')
total=$(awk -F, '$1 == "KEN" && $2 == 2019 { s += $5 } END { print s }' "$W")
check "$d"
expect_status 1
expect_err "$W:$F: column count: the workers of KEN in 2019 add up to $total, more than its population ($pop)"
expect_messages 1
expect_summary 215 1 1 0
t_end
