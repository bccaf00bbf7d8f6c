# t_10_loader_columns.sh — the header of a dataset file (generator/dataset.c
# on_header): missing, unknown, duplicate and unnamed columns.
. tests/t_10_loader_lib.sh

POP_COLS='iso3,year,population,children_0_14'

t_begin "loader: a missing column is fatal and names the expected header"
d=$(fixture ld_col_missing)
P=$d/population.csv
sed -i '1s/,children_0_14$//; 2,$s/,[0-9]*$//' "$P"
check "$d"
expect_status 1
expect_err "$P:1: column children_0_14: missing column (the header must name: $POP_COLS)"
expect_messages 1
expect_unusable "$d" 1 0
t_end

t_begin "loader: an unknown column is an error, the data still loads"
d=$(fixture ld_col_unknown)
P=$d/population.csv
sed -i '1s/$/,extra/; 2,$s/$/,/' "$P"
check "$d"
expect_status 1
expect_err "$P:1: column extra: unknown column (expected: $POP_COLS)"
expect_messages 1
expect_summary 215 0 1 0
t_end

t_begin "loader: a column named twice is fatal"
d=$(fixture ld_col_twice)
P=$d/population.csv
sed -i '1s/$/,year/; 2,$s/^\([A-Z]*\),\([0-9]*\),\(.*\)$/\1,\2,\3,\2/' "$P"
check "$d"
expect_status 1
expect_err "$P:1: column year: column appears twice"
expect_messages 1
expect_unusable "$d" 1 0
t_end

t_begin "loader: a trailing empty column (trailing delimiter) is a warning"
d=$(fixture ld_col_trailing)
P=$d/population.csv
sed -i 's/$/,/' "$P"
check "$d"
expect_status 0
expect_err "$P:1: warning: column #5: column without a name is ignored (a trailing delimiter?)"
expect_messages 1
expect_summary 215 0 0 1
t_end

t_begin "loader: a value under a column without a name fails its row"
d=$(fixture ld_col_unnamed_value)
P=$d/population.csv
sed -i '1s/$/,/' "$P"
L=$(line_of "$P" '^KEN,2019,')
edit "$P" "$L" 's/$/,7/'
check "$d"
expect_status 1
expect_err "$P:1: warning: column #5: column without a name is ignored (a trailing delimiter?)"
expect_err "$P:$L: a value in column 5, which has no name in the header"
expect_messages 2
expect_summary 215 1 1 1
t_end

t_begin "loader: columns may come in any order"
d=$(fixture ld_col_order)
P=$d/population.csv
sed -i 's/^\([^,]*\),\([^,]*\),\([^,]*\),\([^,]*\)$/\4,\3,\2,\1/' "$P"
[ "$(head -1 "$P")" = "children_0_14,population,year,iso3" ] || t_fail "fixture not reordered"
L=$(line_of "$P" ',KEN$')
edit "$P" "$L" 's/^[0-9]*,/x,/'
check "$d"
expect_status 1
expect_err "$P:$L: column children_0_14: not a number: \"x\""
expect_messages 1
expect_summary 215 1 1 0
t_end
