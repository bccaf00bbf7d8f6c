# t_10_loader_csv.sh — the CSV layer of the loader (generator/csvread.c),
# seen through `sswr check`: what spreadsheets write (quoting, line endings,
# byte-order mark, delimiters, encodings) either loads clean or gets one
# exact message with the right file, line and column; a broken row fails its
# own country only.
. tests/t_10_loader_lib.sh

EXPORT='re-export it as UTF-8 (Excel: Save As > "CSV UTF-8 (Comma delimited)"; LibreOffice: Save As > Text CSV, Character set "Unicode (UTF-8)")'
HINT="$EXPORT, or load it with --input-encoding windows-1252"
MALFORMED='malformed quoting (a quote inside an unquoted field, or text after a closing quote; write a quote inside a quoted field as "")'
KEN_ROW='^KEN,2019,para_social_worker,government,'
UGA_ROW='^UGA,2019,community_development_worker,government,'

t_begin "loader: the shipped datasets load clean"
check datasets
expect_status 0
expect_messages 0
expect_err_has "sswr check: datasets: $(shipped_rows) rows, 215 countries (0 with errors), 0 errors, 0 warnings ("
t_end

# As the main job runs it (with the review of the figures, if any: its
# findings are warnings, never errors, on the shipped data).
t_begin "loader: plain 'sswr check' on the shipped datasets has no errors"
run "$SSWR" check
expect_status 0
expect_only_warnings
expect_summary 215 0 0 '*'
expect_err_has "sswr check: datasets: $(shipped_rows) rows, 215 countries (0 with errors), 0 errors, "
t_end

t_begin "loader: a quoted note with commas, doubled quotes and line breaks loads"
d=$(fixture ld_quoted)
W=$d/workforce.csv
L=$(line_of "$W" "$KEN_ROW")
edit "$W" "$L" 's/,\([0-9]*\),illustrative,$/,"\1",illustrative,"a note, with a comma\nand a second line with ""quotes""\nand a third"/'
check "$d"
expect_status 0
expect_messages 0
expect_summary 215 0 0 0
t_end

t_begin "loader: rows after a multi-line field keep their physical line numbers"
d=$(fixture ld_multiline)
W=$d/workforce.csv
L=$(line_of "$W" "$KEN_ROW")
edit "$W" "$L" 's/,[0-9]*,illustrative,$/,x1,illustrative,"line one\nline two\nline three"/'
edit "$W" $((L + 3)) 's/,[0-9]*,illustrative,$/,x2,illustrative,/'
U=$(line_of "$W" "$UGA_ROW")
edit "$W" "$U" 's/,[0-9]*,illustrative,$/,x3,illustrative,/'
check "$d"
expect_status 1
expect_err "$W:$L: column count: not a number: \"x1\""
expect_err "$W:$((L + 3)): column count: not a number: \"x2\""
expect_err "$W:$U: column count: not a number: \"x3\""
expect_messages 3
expect_summary 215 2 3 0
t_end

t_begin "loader: CRLF line endings in every file load clean"
d=$(fixture ld_crlf)
for f in "$d"/*.csv "$d"/names/*.csv; do sed -i 's/$/\r/' "$f"; done
check "$d"
expect_status 0
expect_messages 0
expect_summary 215 0 0 0
t_end

t_begin "loader: CRLF, also inside a quoted field, keeps line numbers right"
d=$(fixture ld_crlf_lines)
W=$d/workforce.csv
L=$(line_of "$W" "$KEN_ROW")
edit "$W" "$L" 's/,$/,"line one\nline two"/'
sed -i 's/$/\r/' "$W"
U=$(line_of "$W" "$UGA_ROW")
edit "$W" "$U" 's/,[0-9]*,illustrative,/,x,illustrative,/'
check "$d"
expect_status 1
expect_err "$W:$U: column count: not a number: \"x\""
expect_messages 1
expect_summary 215 1 1 0
t_end

t_begin "loader: old Mac line endings (CR only) load with the right line numbers"
d=$(fixture ld_cr)
P=$d/population.csv
L=$(line_of "$P" '^UGA,2019,')
edit "$P" "$L" 's/^UGA,2019,[0-9]*,/UGA,2019,x,/'
for f in "$d"/*.csv "$d"/names/*.csv; do tr '\n' '\r' <"$f" >"$f.tmp" && mv "$f.tmp" "$f"; done
check "$d"
expect_status 1
expect_err "$P:$L: column population: not a number: \"x\""
expect_messages 1
expect_summary 215 1 1 0
t_end

t_begin "loader: a UTF-8 byte-order mark on every file loads clean"
d=$(fixture ld_bom)
for f in "$d"/*.csv "$d"/names/*.csv; do printf '\xEF\xBB\xBF' | cat - "$f" >"$f.tmp" && mv "$f.tmp" "$f"; done
check "$d"
expect_status 0
expect_messages 0
expect_summary 215 0 0 0
t_end

t_begin "loader: semicolon-delimited files load clean"
d=$(fixture ld_semicolon)
to_delimiter "$d" ';'
[ "$(head -1 "$d/population.csv")" = "iso3;year;population;children_0_14" ] || t_fail "fixture not converted"
check "$d"
expect_status 0
expect_messages 0
expect_summary 215 0 0 0
t_end

t_begin "loader: tab-delimited files load clean"
d=$(fixture ld_tab)
to_delimiter "$d" $'\t'
[ "$(head -1 "$d/population.csv")" = $'iso3\tyear\tpopulation\tchildren_0_14' ] || t_fail "fixture not converted"
check "$d"
expect_status 0
expect_messages 0
expect_summary 215 0 0 0
t_end

t_begin "loader: text after a closing quote (\"e\"x) is malformed quoting"
d=$(fixture ld_malformed_after)
W=$d/workforce.csv
L=$(line_of "$W" "$KEN_ROW")
edit "$W" "$L" 's/,illustrative,$/,"e"x,/'
check "$d"
expect_status 1
expect_err "$W:$L: column source: $MALFORMED"
expect_messages 1
expect_summary 215 1 1 0
t_end

t_begin "loader: a quote inside an unquoted field is malformed quoting"
d=$(fixture ld_malformed_inside)
W=$d/workforce.csv
L=$(line_of "$W" "$KEN_ROW")
edit "$W" "$L" 's/,illustrative,$/,ill"ustrative,/'
check "$d"
expect_status 1
expect_err "$W:$L: column source: $MALFORMED"
expect_messages 1
expect_summary 215 1 1 0
t_end

t_begin "loader: an unclosed quote on the last line"
d=$(fixture ld_unclosed_last)
W=$d/workforce.csv
N=$(wc -l <"$W")
edit "$W" "$N" 's/,illustrative,$/,"illustrative,/'
check "$d"
expect_status 1
expect_err "$W:$N: column source: a quoted field opens on this line and is not closed before the end of the file"
expect_messages 1
expect_summary 215 1 1 0
t_end

# The quote swallows every row up to the next quote in the file (Nepal's
# published figure); the message must point at the opening line, and the
# swallowed rows must still load (and be checked) rather than vanish.
t_begin "loader: an unclosed quote mid-file names its line and loses only its row"
d=$(fixture ld_unclosed_mid)
W=$d/workforce.csv
L=$(line_of "$W" "$KEN_ROW")
edit "$W" "$L" 's/,illustrative,$/,"illustrative,/'
N=$(line_of "$W" '^NPL,2015,unspecified,unspecified,')
U=$(line_of "$W" "$UGA_ROW")
edit "$W" "$U" 's/,[0-9]*,illustrative,/,x,illustrative,/'
check "$d"
expect_status 1
expect_err "$W:$L: column source: malformed quoting: a quoted field opens on this line and closes on line $N, where text follows its closing quote (a closing quote missing on this line, or a quote inside the field not written as \"\")"
expect_err "$W:$U: column count: not a number: \"x\""
expect_messages 2
expect_summary 215 2 2 0
t_end

t_begin "loader: an unclosed quote mid-file with no later quote loses only its row"
d=$(fixture ld_unclosed_eof)
P=$d/population.csv
L=$(line_of "$P" '^KEN,2019,')
edit "$P" "$L" 's/,\([0-9]*\)$/,"\1/'
U=$(line_of "$P" '^UGA,2019,')
edit "$P" "$U" 's/^UGA,2019,[0-9]*,/UGA,2019,x,/'
check "$d"
expect_status 1
expect_err "$P:$L: column children_0_14: a quoted field opens on this line and is not closed before the end of the file"
expect_err "$P:$U: column population: not a number: \"x\""
expect_messages 2
expect_summary 215 2 2 0
t_end

t_begin "loader: Windows-1252 bytes in a names file ask for a UTF-8 export"
d=$(fixture ld_cp1252_names)
F=$d/names/fr.csv
L=$(line_of "$F" '^SEN,')
edit "$F" "$L" 's/.*/SEN,S\xe9n\xe9gal/'
check "$d"
expect_status 1
expect_err "$F:$L: column name: invalid UTF-8 (byte 0xE9 at offset 2 of the field); $HINT"
expect_messages 1
expect_summary 215 1 1 0
t_end

t_begin "loader: that names file loads as the message says, with --input-encoding windows-1252"
run "$SSWR" check $NO_REVIEW --input-encoding windows-1252 --datasets "$d"
expect_status 0
expect_messages 0
expect_summary 215 0 0 0
t_end

t_begin "loader: Windows-1252 bytes in a workforce note"
d=$(fixture ld_cp1252_note)
W=$d/workforce.csv
L=$(line_of "$W" "$KEN_ROW")
edit "$W" "$L" 's/,$/,caf\xe9 staff/'
check "$d"
expect_status 1
expect_err "$W:$L: column note: invalid UTF-8 (byte 0xE9 at offset 4 of the field); $HINT"
expect_messages 1
expect_summary 215 1 1 0
t_end

t_begin "loader: a bad byte on the second line of a note is reported on that line"
d=$(fixture ld_cp1252_multiline)
W=$d/workforce.csv
L=$(line_of "$W" "$KEN_ROW")
edit "$W" "$L" 's/,$/,"line one\nthe caf\xe9"/'
check "$d"
expect_status 1
expect_err "$W:$((L + 1)): column note: invalid UTF-8 (byte 0xE9 at offset 17 of the field); $HINT"
expect_messages 1
expect_summary 215 1 1 0
t_end

t_begin "loader: a UTF-16 file (with byte-order mark) asks for a UTF-8 export"
d=$(fixture ld_utf16)
F=$d/names/en.csv
iconv -f UTF-8 -t UTF-16 "$F" >"$F.tmp" && mv "$F.tmp" "$F"
check "$d"
expect_status 1
expect_err "$F:1: the file is UTF-16; $EXPORT, or load it with --input-encoding utf-16"
expect_messages 1
expect_unusable "$d" 1 0
t_end

t_begin "loader: a UTF-16 file loads as the message says, with --input-encoding utf-16"
run "$SSWR" check $NO_REVIEW --input-encoding utf-16 --datasets "$d"
expect_status 0
expect_messages 0
expect_summary 215 0 0 0
t_end

t_begin "loader: a UTF-16 file without byte-order mark asks for a UTF-8 export"
d=$(fixture ld_utf16le)
F=$d/names/fr.csv
iconv -f UTF-8 -t UTF-16LE "$F" >"$F.tmp" && mv "$F.tmp" "$F"
check "$d"
expect_status 1
expect_err "$F:1: the file contains NUL bytes, so it is not UTF-8 text (UTF-16 without a byte-order mark?); $EXPORT"
expect_messages 1
expect_unusable "$d" 1 0
t_end

t_begin "loader: an empty file, or one of blank lines after a BOM, is fatal"
d=$(fixture ld_empty)
: >"$d/education.csv"
printf '\xEF\xBB\xBF\r\n\n' >"$d/system.csv"
check "$d"
expect_status 1
expect_err "$d/education.csv: the file is empty (expected a header row)"
expect_err "$d/system.csv: the file is empty (expected a header row)"
expect_messages 2
expect_unusable "$d" 2 0
t_end

# Valid (nothing in it is wrong) but almost certainly an export that lost its
# rows: it loads, with a warning, and no country has workforce data.
t_begin "loader: a workforce.csv with only its header loads with a warning"
d=$(fixture ld_header_only)
head -1 "$ROOT/datasets/workforce.csv" >"$d/workforce.csv"
check "$d"
expect_status 0
expect_err "$d/workforce.csv:1: warning: the file has a header but no rows (no data)"
expect_messages 1
expect_summary 215 0 0 1
t_end

t_begin "loader: a countries.csv with only its header is fatal"
d=$(fixture ld_no_countries)
head -1 "$ROOT/datasets/countries.csv" >"$d/countries.csv"
check "$d"
expect_status 1
expect_err "$d/countries.csv:1: the file has a header but no rows (the other files refer to its entries)"
expect_messages 1
expect_unusable "$d" 1 0
t_end

t_begin "loader: rows with too few or too many fields"
d=$(fixture ld_fields)
W=$d/workforce.csv
L=$(line_of "$W" "$KEN_ROW")
edit "$W" "$L" 's/,illustrative,$//'
edit "$W" $((L + 1)) 's/$/,extra/'
edit "$W" $((L + 2)) 's/.*/KEN/'
check "$d"
expect_status 1
expect_err "$W:$L: the row has 5 fields, the header has 7"
expect_err "$W:$((L + 1)): the row has 8 fields, the header has 7 (an unquoted delimiter?)"
expect_err "$W:$((L + 2)): the row has 1 field, the header has 7"
expect_messages 3
expect_summary 215 1 3 0
t_end

t_begin "loader: every bad row is reported, not just the first"
d=$(fixture ld_many)
W=$d/workforce.csv
lines=""
for c in AFG BRA KEN UGA ZWE; do
    L=$(line_of "$W" "^$c,")
    edit "$W" "$L" 's/,[0-9]*,illustrative,/,many,illustrative,/'
    lines="$lines $L"
done
check "$d"
expect_status 1
for L in $lines; do expect_err "$W:$L: column count: not a number: \"many\""; done
expect_messages 5
expect_summary 215 5 5 0
t_end
