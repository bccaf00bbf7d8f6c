# t_21_sandbox.sh — the Lua sandbox of the indicator scripts: what scripts cannot
# reach, what they cannot change, the instruction budget, the memory cap, and how
# script errors are reported (file and line, country and indicator) while the other
# indicators and countries still get their values.
#
# Each run uses a copy of scripts/ plus one fixture file of tests/fixtures/sandbox/
# (most indicators there misbehave for Kenya only and return { [2015] = 1 } for every
# other country), and happens inside the first test of its group, so that a sanitizer
# report or a hang fails that test. `--country` only filters the output (phase 2 needs
# every country), so the runs use a copy of the shipped datasets cut down to five
# countries; the budget cases also run once on the full shipped datasets.

SB_FIX="$ROOT/tests/fixtures/sandbox"
BUDGET=$(sed -n 's/^#define CP_INSTR_BUDGET \([0-9]*\)L.*/\1/p' "$ROOT/generator/compute.h")
MEM_MB=$(sed -n 's/^#define CP_MEM_LIMIT (\([0-9]*\)u << 20).*/\1/p' "$ROOT/generator/compute.h")
RO="attempt to modify read-only data (copy it into a table of your own)"

# The shipped datasets, five countries only (Kenya, Uganda and Tanzania share a group).
SMALL="$TMPROOT/sandbox_datasets"
rm -rf "$SMALL"
mkdir -p "$SMALL/names"
cp "$ROOT/datasets/cadres.csv" "$ROOT/datasets/items.csv" "$SMALL/"
for f in countries population workforce education system $(cd "$ROOT/datasets" && ls names/*.csv | sed 's/\.csv$//'); do
    awk -F, 'NR == 1 || $1 ~ /^(KEN|UGA|TZA|NPL|FRA)$/' "$ROOT/datasets/$f.csv" >"$SMALL/$f.csv"
done

# scripts_with NAME FIXTURE:DEST... — a copy of scripts/ with fixture files added to
# indicators/; prints its path.
scripts_with() {
    local d="$TMPROOT/$1" f
    shift
    rm -rf "$d"
    cp -r "$ROOT/scripts" "$d"
    for f in "$@"; do cp "$SB_FIX/${f%%:*}" "$d/indicators/${f#*:}"; done
    echo "$d"
}

# line_of FILE NAME — the line of FILE marked "-- @NAME".
line_of() { grep -n -- "-- @$2\$" "$1" | cut -d: -f1; }

# sswr_run DATASETS SCRIPTS — `sswr indicators` for Kenya and Uganda; a hang fails (60 s).
sswr_run() {
    run timeout 60 "$SSWR" indicators --datasets "$1" --scripts "$2" --country KEN,UGA
    [ "$STATUS" != 124 ] || t_fail "sswr did not finish in 60 s"
}

# expect_block FIRST LAST — stderr has a message whose first line is FIRST and whose
# traceback ends with the line LAST ("  (country KEN, indicator x)").
expect_block() {
    awk -v first="$1" -v last="$2" '
        $0 == first { inb = 1; next }
        inb && $0 == last { found = 1; exit }
        inb && $0 !~ /^(\t|stack traceback:)/ { inb = 0 }
        END { exit !found }' <<<"$ERR" ||
        t_fail "stderr lacks the message: $1 [...] $2
    stderr was: $(head -c 1500 <<<"$ERR")"
}
expect_row() { grep -qxF -- "$1" <<<"$OUT" || t_fail "stdout lacks the row: $1"; }
# expect_no_rows ISO3 INDICATOR — no row at all for this country and indicator.
expect_no_rows() {
    ! grep -q "^$1,$2," <<<"$OUT" || t_fail "$1 has rows for $2: $(grep -m1 "^$1,$2," <<<"$OUT")"
}
# expect_others BASELINE — every row of the run with the shipped scripts is there.
expect_others() {
    local missing
    missing=$(comm -23 <(sort "$1") <(sort <<<"$OUT") | head -3)
    [ -z "$missing" ] || t_fail "rows of the shipped indicators are missing, e.g.: $missing"
}

BASE="$TMPROOT/sandbox_base.csv"
t_begin "sandbox: the shipped scripts on the test datasets: exit 0, no messages"
sswr_run "$SMALL" "$ROOT/scripts"
expect_status 0
expect_eq "$ERR" "" "stderr"
printf '%s\n' "$OUT" >"$BASE"
grep -q '^KEN,ratio_per_100k,,2024,' "$BASE" || t_fail "no KEN ratio in the baseline"
grep -q '^UGA,rank_in_group,,2024,' "$BASE" || t_fail "no UGA rank in the baseline"
t_end

# ---- what is not there ------------------------------------------------------------
S=$(scripts_with sandbox_forbidden forbidden.lua:99_forbidden.lua)
F="$S/indicators/99_forbidden.lua"

t_begin "forbidden: exit 1, the shipped indicators unharmed"
sswr_run "$SMALL" "$S"
expect_status 1
expect_others "$BASE"
t_end

while IFS='|' read -r name msg; do
    t_begin "forbidden: $name is not available"
    expect_block "$F:$(line_of "$F" "$name"): $msg" "  (country KEN, indicator forbid_$name)"
    expect_no_rows KEN "forbid_$name"
    expect_row "UGA,forbid_$name,,2015,1,count,1"
    t_end
done <<'EOF'
io|attempt to index a nil value (global 'io')
os_execute|attempt to call a nil value (field 'execute')
os_getenv|attempt to call a nil value (field 'getenv')
os_remove|attempt to call a nil value (field 'remove')
os_exit|attempt to call a nil value (field 'exit')
require|attempt to call a nil value (global 'require')
package|attempt to index a nil value (global 'package')
debug|attempt to index a nil value (global 'debug')
dofile|attempt to call a nil value (global 'dofile')
loadfile|attempt to call a nil value (global 'loadfile')
string_dump|attempt to call a nil value (field 'dump')
rawset|attempt to call a nil value (global 'rawset')
collectgarbage|attempt to call a nil value (global 'collectgarbage')
coroutine|attempt to index a nil value (global 'coroutine')
EOF

for name in load_binary load_binary_mode_b load_binary_reader; do
    t_begin "forbidden: $name is refused"
    expect_block "$F:$(line_of "$F" "$name"): attempt to load a binary chunk (mode is 't')" \
        "  (country KEN, indicator $name)"
    expect_no_rows KEN "$name"
    expect_row "UGA,$name,,2015,1,count,1"
    t_end
done

t_begin "forbidden: load of a text chunk works"
expect_row "KEN,load_text,,2015,2,count,1"
expect_row "UGA,load_text,,2015,2,count,1"
t_end

t_begin "forbidden: only os.clock, os.date and os.time are left, and they refuse to run"
expect_eq "$(grep '^KEN,os_left,' <<<"$OUT" | cut -d, -f3,5 | tr '\n' ' ')" \
    "clock,1 clock_refused,1 date,1 date_refused,1 time,1 time_refused,1 " "os functions"
t_end

t_begin "forbidden: the globals left are the safe part of the base library"
expect_eq "$(grep '^KEN,globals_left,' <<<"$OUT" | cut -d, -f3 | sort | tr '\n' ' ')" \
    "_G _VERSION assert config error getmetatable indicator ipairs load math next os pairs pcall print rawequal rawget rawlen select series setmetatable stats string string.dump absent table tonumber tostring type utf8 warn xpcall " \
    "globals"
t_end

# ---- what cannot be changed ---------------------------------------------------------
S=$(scripts_with sandbox_readonly readonly.lua:99_readonly.lua)
F="$S/indicators/99_readonly.lua"
DECL=$(line_of "$F" decl)

t_begin "read-only: exit 1, the shipped indicators unharmed"
sswr_run "$SMALL" "$S"
expect_status 1
expect_others "$BASE"
t_end

while IFS='|' read -r name msg; do
    t_begin "read-only: $name"
    expect_block "$F:$(line_of "$F" "$name"): $msg" "  (country KEN, indicator $name)"
    expect_no_rows KEN "$name"
    expect_row "UGA,$name,,2015,1,count,1"
    t_end
done <<EOF
ro_workforce_row|$RO
ro_population|$RO
ro_view_field|$RO
ro_setmetatable|cannot change a protected metatable
ro_done|$RO
ro_done_new|$RO
ro_string_rep|$RO
ro_stats|$RO
ro_config|$RO
ro_config_targets|$RO
ro_new_global|attempt to set global 'newglobal' (scripts may not create or change globals; use 'local')
ro_change_global|attempt to set global 'print' (scripts may not create or change globals; use 'local')
ro_table_insert|$RO
ro_table_sort|$RO
EOF

# Raised inside a loaded chunk: the message is located at the chunk's line and
# reported at the declaration; the traceback has the script's line (with the file
# name shortened by Lua to its last 60 characters). (A change made through a C
# function, table.insert or table.sort above, is located at the script's line.)
while IFS='|' read -r name msg; do
    t_begin "read-only: $name"
    expect_err "$F:$DECL: indicator $name for KEN: $msg"
    expect_err_has "/indicators/99_readonly.lua:$(line_of "$F" "$name"): in function"
    expect_no_rows KEN "$name"
    expect_row "UGA,$name,,2015,1,count,1"
    t_end
done <<EOF
ro_global_via_load|[string "x = 1"]:1: attempt to set global 'x' (scripts may not create or change globals; use 'local')
EOF

t_begin "read-only: the strings' metatable is locked"
expect_row "KEN,ro_string_metatable,,2015,5,count,1"
t_end

t_begin "read-only: a caught attempt changes nothing"
pop=$(awk -F, '$1 == "KEN" && $2 == 2015 { print $3 }' "$SMALL/population.csv")
first=$(awk -F, '$1 == "KEN" && $2 == 2015 && $3 == "social_worker" && $4 == "government" { print $5 }' "$SMALL/workforce.csv")
total=$(grep '^KEN,workforce_total,,2016,' "$BASE" | cut -d, -f5)
[ -n "$pop" ] && [ -n "$first" ] && [ -n "$total" ] || t_fail "test data not found"
expect_row "KEN,ro_after_caught,population,2015,$pop,count,1"
expect_row "KEN,ro_after_caught,first_count,2015,$first,count,1"
expect_row "KEN,ro_after_caught,total,2016,$total,count,1"
expect_row "KEN,ro_after_caught,target,2030,30,count,0"
t_end

# ---- the instruction budget ---------------------------------------------------------
budget_cases() {    # $1: the run's title, $2: the datasets
    t_begin "budget ($1): exit 1, the others unharmed"
    sswr_run "$2" "$S"
    expect_status 1
    expect_others "$BASE_BUDGET"
    t_end
    for name in loop loop_in_pcall pcall_repeatedly pcall_nested xpcall_handler_loops error_handler_loops; do
        t_begin "budget ($1): $name is stopped"
        expect_block "$F:$(line_of "$F" "$name"): instruction budget exhausted ($BUDGET instructions; an endless loop?)" \
            "  (country KEN, indicator $name)"
        expect_no_rows KEN "$name"
        expect_row "UGA,$name,,2015,1,count,1"
        t_end
    done
    t_begin "budget ($1): a script that catches the budget error and returns is stopped"
    expect_err "$F:$(line_of "$F" decl): indicator caught_and_returned for KEN: instruction budget exhausted (the script caught the error with pcall and went on; an endless loop?)"
    expect_no_rows KEN caught_and_returned
    expect_row "UGA,caught_and_returned,,2015,1,count,1"
    t_end
}
S=$(scripts_with sandbox_budget budget.lua:99_budget.lua)
F="$S/indicators/99_budget.lua"
BASE_BUDGET=$BASE
budget_cases "test datasets" "$SMALL"

t_begin "budget: a __gc finalizer (outside any budget) is refused"
expect_block "$F:$(line_of "$F" gc_finalizer): setmetatable: __gc metamethods are not allowed in scripts" \
    "  (country KEN, indicator gc_finalizer)"
expect_row "UGA,gc_finalizer,,2015,1,count,1"
t_end

t_begin "budget: endless recursion is a stack overflow"
expect_block "$F:$(line_of "$F" deep_recursion): stack overflow" "  (country KEN, indicator deep_recursion)"
expect_row "UGA,deep_recursion,,2015,1,count,1"
t_end

t_begin "budget: pcall and xpcall work as usual otherwise"
for what in pcall_error xpcall_ok xpcall_handler; do
    expect_row "KEN,pcall_works,$what,2015,1,count,1"
    expect_row "UGA,pcall_works,$what,2015,1,count,1"
done
t_end

# The same on the full shipped datasets (215 countries, 214 of them unaffected).
BASE_BUDGET="$TMPROOT/sandbox_base_full.csv"
t_begin "budget: the shipped scripts on the shipped datasets"
sswr_run "$ROOT/datasets" "$ROOT/scripts"
expect_status 0
printf '%s\n' "$OUT" >"$BASE_BUDGET"
t_end
budget_cases "shipped datasets" "$ROOT/datasets"

# ---- the memory cap -----------------------------------------------------------------
S=$(scripts_with sandbox_memory memory.lua:99_memory.lua)
F="$S/indicators/99_memory.lua"

t_begin "memory: exit 1, the others unharmed"
sswr_run "$SMALL" "$S"
expect_status 1
expect_others "$BASE"
t_end

for name in table_bomb string_bomb; do
    t_begin "memory: $name is stopped"
    expect_block "$F:$(line_of "$F" "${name}_line"): memory limit of $MEM_MB MB exceeded (not enough memory)" \
        "  (country KEN, indicator $name)"
    expect_no_rows KEN "$name"
    expect_row "UGA,$name,,2015,1,count,1"
    t_end
done

t_begin "memory: freed again after the bombs"
expect_row "KEN,after_bombs,,2015,100000,count,1"
expect_row "UGA,after_bombs,,2015,100000,count,1"
t_end

t_begin "memory: a script that keeps the memory full fails the later calls, no abort"
S=$(scripts_with sandbox_keep_memory keep_memory.lua:99_keep_memory.lua)
sswr_run "$SMALL" "$S"
expect_status 1
expect_err_has "memory limit of $MEM_MB MB exceeded"
expect_eq "$(head -n1 <<<"$OUT")" "iso3,indicator,key,year,value,unit,illustrative" "header"
t_end

# ---- what scripts return ------------------------------------------------------------
S=$(scripts_with sandbox_returns returns.lua:99_returns.lua)
F="$S/indicators/99_returns.lua"

t_begin "returns: exit 1, the others unharmed"
sswr_run "$SMALL" "$S"
expect_status 1
expect_others "$BASE"
t_end

while IFS='|' read -r name ok msg; do
    t_begin "returns: $name is refused"
    expect_err "$F:$(line_of "$F" "$name"): indicator $name for KEN: $msg"
    expect_no_rows KEN "$name"
    expect_row "UGA,$name,$ok"
    t_end
done <<'EOF'
ret_string|,2015,12,count,1|the value for 2015 is a string, not a number
ret_year_late|,2035,1,count,0|year 2036 is outside 1990-2035
ret_year_early|,1990,1,count,0|year 1989 is outside 1990-2035
ret_nan|,2015,1,count,1|the value for 2015 is not a finite number (use nil for missing data)
ret_inf|,2015,1,count,1|the value for 2015 is not a finite number (use nil for missing data)
ret_number|,2015,1,count,1|returned a number; a table of values by year was expected
ret_string_key|,2015,1,count,1|a key is a string; keys must be years (integers)
ret_float_key|,2015,1,count,1|a key is a number; keys must be years (integers)
ret_by_not_table|social_worker,2015,1,count,1|social_worker: a number, where a table of values by year was expected
ret_by_number_key|social_worker,2015,1,count,1|a key is a number; keys of a breakdown by cadre must be strings
ret_by_bad_value|social_worker,2015,1,count,1|social_worker: the value for 2015 is a boolean, not a number
EOF
# (UGA's rows of 2035 and 1990 are not illustrative: no input of those years is.)

t_begin "returns: nil is no data, not an error"
expect_no_rows KEN ret_nil
expect_row "UGA,ret_nil,,2015,1,count,1"
expect_err_lacks "ret_nil"
t_end

t_begin "returns: declaring an indicator while computing is refused"
expect_block "$F:$(line_of "$F" declare_in_compute): indicator: indicators are declared when the scripts load, not while they compute" \
    "  (country KEN, indicator declare_in_compute)"
expect_row "UGA,declare_in_compute,,2015,1,count,1"
expect_no_rows KEN late
expect_no_rows UGA late
t_end

t_begin "returns: a phase-2 error for one country only"
expect_block "$F:$(line_of "$F" phase2_error): no comparison for KEN" "  (country KEN, indicator phase2_error)"
expect_no_rows KEN phase2_error
expect_row "UGA,phase2_error,,2015,5,count,1"
expect_err "$F:$(line_of "$F" phase2_bad_value): indicator phase2_bad_value for KEN: the value for 2015 is a table, not a number"
expect_row "UGA,phase2_bad_value,,2015,5,count,1"
t_end

t_begin "returns: phase 2 sees every country's results, read-only"
n=$(awk -F, '$2 == 2015 && $5 != "" { print $1 }' "$SMALL/workforce.csv" | sort -u | wc -l)
expect_row "KEN,phase2_sees_all,,2015,$n,count,1"
expect_row "KEN,phase2_sees_all,,2016,0,count,1"
t_end

# ---- declarations and syntax --------------------------------------------------------
S=$(scripts_with sandbox_decl syntax.lua:25_syntax.lua decl_unit.lua:97_decl_unit.lua \
    decl_duplicate.lua:98_decl_duplicate.lua)
sed -n '/^--8<--$/,$p' "$SB_FIX/decl_fields.lua" | tail -n +2 | while IFS='|' read -r name decl msg; do
    printf '%s\n' "$decl" >"$S/indicators/96_decl_$name.lua"
done

t_begin "declarations: exit 1, every bad file reported, nothing computed or written"
sswr_run "$SMALL" "$S"
expect_status 1
expect_eq "$OUT" "" "stdout"
expect_err "sswr indicators: the scripts cannot be used; nothing was written"
t_end

t_begin "declarations: a syntax error names the file and line"
F="$S/indicators/25_syntax.lua"
expect_err "$F:$(line_of "$F" syntax): '}' expected (to close '{' at line $(grep -n '^indicator {' "$F" | cut -d: -f1)) near 'decimals'"
expect_no_rows KEN syntax_error
t_end

t_begin "declarations: a bad unit names the script and line"
F="$S/indicators/97_decl_unit.lua"
expect_err "$F:$(line_of "$F" bad_unit): indicator 'decl_bad_unit': 'unit' must be one of count, per_100k, percent, one_in_n, rate, score, rank, year, ratio, flag"
t_end

t_begin "declarations: a duplicate id names both places"
F="$S/indicators/98_decl_duplicate.lua"
first=$(grep -n '^indicator {' "$S/indicators/20_ratios.lua" | head -n1 | cut -d: -f1)
expect_err "$F:$(line_of "$F" duplicate): indicator 'ratio_per_100k' is declared twice (first in $S/indicators/20_ratios.lua:$first)"
t_end

sed -n '/^--8<--$/,$p' "$SB_FIX/decl_fields.lua" | tail -n +2 >"$TMPROOT/decl_fields.txt"
while IFS='|' read -r name decl msg; do
    t_begin "declarations: bad field ($name)"
    expect_err "$S/indicators/96_decl_$name.lua:1: $msg"
    t_end
done <"$TMPROOT/decl_fields.txt"

# ---- the lazy view and results --------------------------------------------------------
# The host makes c's tables and done's results when a script first reads them.
S=$(scripts_with sandbox_lazy lazy.lua:99_lazy.lua)

t_begin "lazy: exit 1 (one indicator fails on purpose), the shipped indicators unharmed"
sswr_run "$SMALL" "$S"
expect_status 1
expect_others "$BASE"
t_end

t_begin "lazy: pairs(c) lists the codes, the vocabularies and every table"
for k in iso3 group cadres items population children population_line files workforce education system published; do
    expect_row "KEN,lazy_view_keys,$k,2015,1,count,1"
done
expect_eq "$(grep -c '^KEN,lazy_view_keys,' <<<"$OUT")" 19 "number of keys"
t_end

t_begin "lazy: pairs(done) lists the indicators run before, not the failed or later ones"
nphase1=$(cat "$ROOT"/scripts/indicators/*.lua | grep -c '^indicator {')
nphase2=$(cat "$ROOT"/scripts/indicators/*.lua | grep -c 'phase *= *2')
expect_eq "$(grep -c '^KEN,lazy_done_keys,' <<<"$OUT")" $((nphase1 - nphase2 + 1)) "number of keys"
expect_row "KEN,lazy_done_keys,workforce_total,2015,1,count,1"
expect_row "KEN,lazy_done_keys,lazy_view_keys,2015,1,count,1"
expect_no_rows KEN lazy_fails
! grep -q '^KEN,lazy_done_keys,\(lazy_fails\|lazy_done_keys\|rank_in_group\),' <<<"$OUT" ||
    t_fail "done lists a failed, the running or a phase-2 indicator"
t_end

t_begin "lazy: a result stored after pairs(done) is seen; tables keep their identity; next works"
nwork=$(grep -c '^KEN,' "$SMALL/workforce.csv")
expect_row "KEN,lazy_after_pairs,,2015,1,count,1"
expect_row "KEN,lazy_after_pairs,,2016,1,count,1"
grep -q "^KEN,lazy_after_pairs,,2017,$nwork,count," <<<"$OUT" || t_fail "#c.workforce is not $nwork"
expect_row "KEN,lazy_after_pairs,,2018,1,count,1"
grep -q "^KEN,lazy_after_pairs,,2019,1,count," <<<"$OUT" || t_fail "next does not see through read-only data"
t_end

t_begin "lazy: phase 2 sees every country's results, its own done and its data"
ncountries=$(($(wc -l <"$SMALL/countries.csv") - 1))
expect_row "UGA,lazy_phase2,,2015,$ncountries,count,1"
expect_row "UGA,lazy_phase2,,2016,1,count,1"
grep -q "^UGA,lazy_phase2,,2017,$(grep -c '^UGA,' "$SMALL/workforce.csv"),count," <<<"$OUT" ||
    t_fail "#c.workforce in phase 2 is wrong"
expect_row "UGA,lazy_phase2,,2018,1,count,1"
t_end
