# t_63_scripts.sh — what a failing or hostile Lua script does to a run (issue 13,
# "Scripts"): every sandbox failure names its script and line; a script that fails to
# load stops the run before anything is written (exit 1, earlier outputs untouched); an
# indicator that fails for one country fails that country only (its earlier PDF kept,
# the others built); error text and `print` are escaped, capped and printed once for
# many countries; and the sandbox is deterministic: the same inputs give byte-identical
# outputs, whatever the script does, from run to run and environment to environment.
#
# Runs use a copy of scripts/ with files added, and the shipped datasets cut down to
# five countries (KEN, UGA and TZA share a group; FRA comes first).

SB_FIX="$ROOT/tests/fixtures/sandbox"
BUDGET=$(sed -n 's/^#define CP_INSTR_BUDGET \([0-9]*\)L.*/\1/p' "$ROOT/generator/compute.h")
MEM_MB=$(sed -n 's/^#define CP_MEM_LIMIT (\([0-9]*\)u << 20).*/\1/p' "$ROOT/generator/compute.h")
MEM="memory limit of $MEM_MB MB exceeded (not enough memory)"
SMALL=$(subset_fixture scripts_datasets KEN UGA TZA NPL FRA)
ESC=$(printf '\033')

# scripts_copy NAME — a fresh copy of the shipped scripts; prints its path.
scripts_copy() {
    local d="$TMPROOT/$1"
    rm -rf "$d"
    cp -r "$ROOT/scripts" "$d"
    echo "$d"
}
# line_of FILE NAME — the line of FILE marked "-- @NAME".
line_of() { grep -n -- "-- @$2\$" "$1" | cut -d: -f1; }
# snapshot DIR — every file under DIR with its checksum (stamps included).
snapshot() { (cd "$1" && find . -type f | sort | xargs -r md5sum); }
# expect_safe — stderr holds no terminal escape and no line a script forged.
expect_safe() {
    ! grep -q "$ESC" <<<"$ERR" || t_fail "stderr holds an escape character"
    ! grep -qE '^(fake\.csv|datasets/workforce\.csv):' <<<"$ERR" || t_fail "stderr holds a forged line: $(grep -m1 -E '^(fake|datasets)' <<<"$ERR")"
}
# expect_block FIRST LAST — stderr has a message whose first line is FIRST, followed by
# its traceback, ending with the line LAST.
expect_block() {
    FIRST="$1" LAST="$2" awk '
        BEGIN { first = ENVIRON["FIRST"]; last = ENVIRON["LAST"] }
        $0 == first { inb = 1; next }
        inb && $0 == last { found = 1; exit }
        inb && $0 !~ /^(\t|stack traceback:)/ { inb = 0 }
        END { exit !found }' <<<"$ERR" ||
        t_fail "stderr lacks the message: $1 [...] $2
    stderr was: $(head -c 1500 <<<"$ERR")"
}
expect_row() { grep -qxF -- "$1" <<<"$OUT" || t_fail "stdout lacks the row: $1"; }
# expect_figure ROW — stdout has ROW followed by its illustrative flag (0 or 1).
expect_figure() { grep -qxE -- "$(sed 's/[][\.|*^$+?(){}]/\\&/g' <<<"$1"),[01]" <<<"$OUT" || t_fail "stdout lacks the row: $1,[01]"; }

# ---- a good build first: the outputs every later failure must leave as they are ------
WORK="$TMPROOT/scripts_work"
rm -rf "$WORK" && mkdir -p "$WORK"
# build SCRIPTS — `sswr build` in $WORK for KEN, UGA and TZA in English.
build() {
    cd "$WORK"
    run timeout 300 "$SSWR" build --datasets "$SMALL" --scripts "$1" --country KEN,UGA,TZA --lang en -j 1 --no-charts --no-report
    cd "$ROOT"
}
# indicators SCRIPTS — `sswr indicators -o $WORK/ind.csv`.
indicators() { run timeout 120 "$SSWR" indicators --datasets "$SMALL" --scripts "$1" -o "$WORK/ind.csv"; }

t_begin "scripts: the shipped scripts build KEN, UGA and TZA and the exports"
build "$ROOT/scripts"
expect_status 0
for c in KEN UGA TZA; do expect_file "$WORK/output/2024/en/$c.pdf"; done
expect_file "$WORK/output/2024/indicators.csv"
indicators "$ROOT/scripts"
expect_status 0
expect_file "$WORK/ind.csv"
snapshot "$WORK" >"$TMPROOT/scripts_good.md5"
cp "$WORK/output/2024/en/KEN.pdf" "$TMPROOT/scripts_KEN.pdf"
t_end

# ---- a script that fails to load stops the run ----------------------------------------
# load_case NAME EXPECTED — with the scripts in $S: `sswr build` and `sswr indicators -o`
# both exit 1 with the EXPECTED line and write nothing; every earlier output is unchanged.
load_case() {
    t_begin "load: $1 stops the run, nothing written"
    build "$S"
    expect_status 1
    expect_err "$2"
    expect_err "sswr build: the scripts cannot be used; nothing was written"
    expect_safe
    indicators "$S"
    expect_status 1
    expect_err "$2"
    expect_err "sswr indicators: the scripts cannot be used; nothing was written"
    diff <(snapshot "$WORK") "$TMPROOT/scripts_good.md5" >/dev/null || t_fail "an earlier output changed: $(diff <(snapshot "$WORK") "$TMPROOT/scripts_good.md5" | head -3)"
    t_end
}

S=$(scripts_copy load_lib_memory)
printf 'local t = {}\nfor i = 1, math.maxinteger do t[i] = {} end\nreturn {}\n' >"$S/lib/zz_bomb.lua"
load_case "a table-growth memory bomb in lib/" "$S/lib/zz_bomb.lua:2: $MEM"

S=$(scripts_copy load_config_memory)
{ printf 'local waste = string.rep("x", 1 << 30)\n'; cat "$ROOT/scripts/config.lua"; } >"$S/config.lua"
load_case "string.rep of 1 GiB in config.lua" "$S/config.lua:1: $MEM"

S=$(scripts_copy load_lib_function_memory)
printf 'return { grow = function(n)\n  return string.rep("x", n)\nend }\n' >"$S/lib/zz_waste.lua"
printf -- '-- a lib function that allocates too much, called as the file loads\nlocal big = zz_waste.grow(1 << 30)\n' >"$S/indicators/05_waste.lua"
load_case "memory exhausted inside a lib function called while loading" "$S/lib/zz_waste.lua:2: $MEM"

S=$(scripts_copy load_error)
printf 'local x = 1\nerror("cannot go on")\n' >"$S/indicators/05_error.lua"
load_case "error() at the top of an indicator file" "$S/indicators/05_error.lua:2: cannot go on"

S=$(scripts_copy load_error_level0)
printf 'local x = 1\n\nerror("no place given", 0)\n' >"$S/indicators/05_error.lua"
load_case "error(msg, 0), which gives no place" "$S/indicators/05_error.lua:3: no place given"

S=$(scripts_copy load_error_table)
printf 'error({ code = 1 })\n' >"$S/lib/zz.lua"
load_case "error() with a table" "$S/lib/zz.lua:1: (error object is a table value)"

S=$(scripts_copy load_loop)
printf 'local n = 0\nwhile true do n = n + 1 end\n' >"$S/indicators/05_loop.lua"
load_case "an endless loop while loading" "$S/indicators/05_loop.lua:2: instruction budget exhausted ($BUDGET instructions; an endless loop?)"

S=$(scripts_copy load_pairs_loop)
printf 'local t = {}\nfor i = 1, 50000 do t["k" .. i] = i end\nwhile true do for k in pairs(t) do break end end\n' >"$S/indicators/05_pairs.lua"
load_case "pairs over a big table in an endless loop (work done in C counts)" "$S/indicators/05_pairs.lua:3: instruction budget exhausted ($BUDGET instructions; an endless loop?)"

S=$(scripts_copy load_syntax)
printf '\nlocal x = = 1\n' >"$S/indicators/05_syntax.lua"
load_case "a syntax error" "$S/indicators/05_syntax.lua:2: unexpected symbol near '='"

S=$(scripts_copy load_syntax_escape)
printf 'local s = "\033[2J\n' >"$S/indicators/05_syntax.lua"
load_case "a syntax error quoting a terminal escape" "$S/indicators/05_syntax.lua:1: unfinished string near '\"\\x1B[2J'"

S=$(scripts_copy load_declaration)
printf 'indicator {\n  id = "x_bad", label = "x", unit = "people",\n  compute = function() end }\n' >"$S/indicators/05_decl.lua"
load_case "a bad declaration" "$S/indicators/05_decl.lua:1: indicator 'x_bad': 'unit' must be one of count, per_100k, percent, one_in_n, rate, score, rank, year, ratio, flag"

S=$(scripts_copy load_lib_not_table)
printf 'return 5\n' >"$S/lib/zz.lua"
load_case "a lib/ file that does not return a table" "$S/lib/zz.lua: the script must return a table (it becomes the global 'zz')"

S=$(scripts_copy load_forged_chunk)
printf '\nload("error(\\"column count: not a number\\")", "@datasets/workforce.csv")()\n' >"$S/indicators/05_chunk.lua"
load_case "an error in a chunk named like a dataset" "$S/indicators/05_chunk.lua:2: [string \"datasets/workforce.csv\"]:1: column count: not a number"

S=$(scripts_copy load_file_name)
printf 'local x = = 1\n' >"$S/indicators/05_${ESC}[31m.lua"
load_case "a file whose name holds a terminal escape" "$S/indicators/05_\\x1B[31m.lua:1: unexpected symbol near '='"

t_begin "load: every script that fails to load is reported, in file order"
S=$(scripts_copy load_many)
printf 'error("first")\n' >"$S/indicators/05_a.lua"
printf 'error("second")\n' >"$S/indicators/06_b.lua"
indicators "$S"
expect_status 1
expect_err "$S/indicators/05_a.lua:1: first"
expect_err "$S/indicators/06_b.lua:1: second"
[ "$(grep -n 'first$' <<<"$ERR" | cut -d: -f1)" -lt "$(grep -n 'second$' <<<"$ERR" | cut -d: -f1)" ] || t_fail "not in file order"
t_end

t_begin "load: review.lua running out of memory (or missing) stops sswr review and sswr check"
S=$(scripts_copy load_review_memory)
{ printf 'local waste = string.rep("x", 1 << 30)\n'; cat "$ROOT/scripts/review.lua"; } >"$S/review.lua"
echo "earlier" >"$WORK/review.csv"
run "$SSWR" review --datasets "$SMALL" --scripts "$S" -o "$WORK/review.csv"
expect_status 1
expect_err "$S/review.lua:1: $MEM"
expect_err "sswr review: the scripts have errors (see above); no review"
expect_eq "$(cat "$WORK/review.csv")" "earlier" "the earlier review.csv"
run "$SSWR" check --datasets "$SMALL" --scripts "$S"
expect_status 1
expect_err "$S/review.lua:1: $MEM"
expect_err "sswr check: the review could not run (errors in the scripts, above)"
rm "$S/review.lua"
run "$SSWR" review --datasets "$SMALL" --scripts "$S" -o "$WORK/review.csv"
expect_status 1
expect_err "$S/review.lua: cannot read the file: No such file or directory"
expect_eq "$(cat "$WORK/review.csv")" "earlier" "the earlier review.csv"
rm -f "$WORK/review.csv"
t_end

# ---- an indicator that fails for one country fails that country only -----------------
# country_case NAME FIRST LAST — with the scripts in $S (an indicator failing for KEN
# only): `sswr build` exits 1 with the message FIRST [traceback] LAST; KEN's PDF is the
# earlier one, byte for byte; UGA's and TZA's are built, and so are the exports.
country_case() {
    t_begin "country: $1 fails KEN only"
    build "$S"
    expect_status 1
    if [ -n "$3" ]; then expect_block "$2" "$3"; else expect_err "$2"; fi
    expect_err "sswr: KEN (en): FAILED: an indicator script failed for KEN (see above)"
    expect_err "built output/2024/en/UGA.pdf"
    expect_err "built output/2024/en/TZA.pdf"
    expect_err_has "sswr: 2 built, 0 up to date, 1 failed ("
    expect_err_lacks "more countr"
    cmp -s "$WORK/output/2024/en/KEN.pdf" "$TMPROOT/scripts_KEN.pdf" || t_fail "KEN.pdf was replaced"
    grep -q '^UGA,ken_only,,2015,1,' "$WORK/output/2024/indicators.csv" || t_fail "UGA's figure is not in the export"
    ls "$WORK"/output/2024/en/*.tmp* >/dev/null 2>&1 && t_fail "temporary files left behind"
    t_end
}
# ken_only NAME BODY [PHASE] — scripts with indicator ken_only, whose compute(c, done,
# all) runs BODY for KEN and returns { [2015] = 1 } for the others.
ken_only() {
    S=$(scripts_copy "country_$1")
    F="$S/indicators/99_ken_only.lua"
    printf 'indicator {\n  id = "ken_only", label = "x", unit = "count", phase = %s,\n  compute = function(c, done, all)\n    if c.iso3 ~= "KEN" then return { [2015] = 1 } end\n    %s\n  end }\n' \
        "${3:-1}" "$2" >"$F"
}

ken_only error 'error("no figures for " .. c.iso3)'
country_case "an error() in phase 1" "$F:5: no figures for KEN" "  (country KEN, indicator ken_only)"
ken_only phase2 'error("no comparison for " .. c.iso3)' 2
country_case "an error() in phase 2" "$F:5: no comparison for KEN" "  (country KEN, indicator ken_only)"
ken_only memory 'local t = {} for i = 1, math.maxinteger do t[i] = {} end'
country_case "a memory bomb" "$F:5: $MEM" "  (country KEN, indicator ken_only)"
ken_only rethrow 'local ok, e = pcall(function() local t = {} for i = 1, math.maxinteger do t[i] = {} end end) error(e)'
country_case "a memory error caught by pcall and raised again" "$F:5: memory limit of $MEM_MB MB exceeded ($F:5: not enough memory)" "  (country KEN, indicator ken_only)"
ken_only loop 'while true do end'
country_case "an endless loop" "$F:5: instruction budget exhausted ($BUDGET instructions; an endless loop?)" "  (country KEN, indicator ken_only)"
ken_only value 'return "many"'
country_case "a value that is not a table" "$F:1: indicator ken_only for KEN: returned a string; a table of values by year was expected"
ken_only clock 'return { [2015] = os.time() }'
country_case "os.time()" "$F:5: os.time is not available in scripts: they must give the same results on every run (take the year from the data or from config.lua)" "  (country KEN, indicator ken_only)"

t_begin "country: the shipped scripts again: KEN is up to date (its PDF is that build's), UGA and TZA rebuilt"
build "$ROOT/scripts"
expect_status 0
expect_err_has "sswr: 2 built, 1 up to date, 0 failed ("
cmp -s "$WORK/output/2024/en/KEN.pdf" "$TMPROOT/scripts_KEN.pdf" || t_fail "KEN.pdf changed"
t_end

# ---- error text is escaped, capped and printed once ------------------------------------
S=$(scripts_copy unsafe)
F="$S/indicators/99_unsafe.lua"
cp "$SB_FIX/unsafe.lua" "$F"

t_begin "messages: exit 1, the shipped indicators computed, stderr safe to print"
run timeout 120 "$SSWR" indicators --datasets "$SMALL" --scripts "$S"
expect_status 1
expect_safe
grep -q '^KEN,ratio_per_100k,,2024,' <<<"$OUT" || t_fail "KEN's ratio is missing"
expect_row "KEN,printer,,2015,1,count,1"
t_end

t_begin "messages: a forged line break and terminal escape are escaped, printed once"
expect_block "$F:$(line_of "$F" forged): \\nfake.csv:1: column count: forged \\x1B[2J (and 4 more countries)" \
    "  (country FRA, indicator forged)"
expect_eq "$(grep -c 'column count: forged' <<<"$ERR")" 1 "times printed"
t_end

t_begin "messages: a 100 KB message is capped and printed once for all countries"
line=$(grep "^$F:$(line_of "$F" flood): xxxxxxxxxx" <<<"$ERR")
expect_eq "$(wc -l <<<"$line")" 1 "lines with the message"
[ "${#line}" -lt $((${#F} + 360)) ] || t_fail "the message is ${#line} characters long"
case "$line" in *"xxx… (and 4 more countries)") ;; *) t_fail "no … (and 4 more countries): ${line: -60}" ;; esac
t_end

t_begin "messages: a message naming its country is printed for each, escaped"
for c in FRA KEN NPL TZA UGA; do
    expect_block "$F:$(line_of "$F" per_country): no figure for $c\\x1B[0m" "  (country $c, indicator per_country)"
done
t_end

t_begin "messages: a field name with a line break stays on its traceback line"
expect_block "$F:$(line_of "$F" field_inner): inner (and 4 more countries)" "  (country FRA, indicator field_name)"
expect_err "	$F:$(line_of "$F" field_inner): in field '\\nfake.csv:2: x'"
t_end

t_begin "messages: a breakdown key with a line break is escaped"
expect_err "$F:$(line_of "$F" bad_key): indicator bad_key for FRA: \\nfake.csv:3: k\\x1B[1m: a number, where a table of values by year was expected (and 4 more countries)"
t_end

t_begin "messages: setting a global named with a line break"
expect_block "$F:$(line_of "$F" set_global): attempt to set global '\\nfake.csv:5: g' (scripts may not create or change globals; use 'local') (and 4 more countries)" \
    "  (country FRA, indicator set_global)"
t_end

t_begin "messages: a chunk named like a dataset cannot pass for one"
expect_err "$F:$(line_of "$F" loaded_chunk): indicator loaded_chunk for FRA: [string \"datasets/workforce.csv\"]:1: column count: x (and 4 more countries)"
t_end

t_begin "messages: print is escaped, located, shows no address, and 100 lines at most"
expect_eq "$(grep -c ': print: ' <<<"$ERR")" 100 "print lines"
grep -qxE "$F:$(line_of "$F" printer): print: \\\\nfake\\.csv:4: printed\\\\x1B\\[31m\\\\ttable: #[0-9]+\\\\t1" <<<"$ERR" ||
    t_fail "print line: $(grep -m1 'print: ' <<<"$ERR")"
expect_err "sswr: 1400 more lines printed by the scripts were not shown"
t_end

t_begin "messages: review.lua errors and findings are escaped, a shared error printed once"
S=$(scripts_copy unsafe_review)
cat >"$S/review.lua" <<'EOF'
rule { id = "forged", description = "d", check = function(c) error("\nfake.csv:9: x\27[1m") end }
rule { id = "finding", description = "looks\27[2J for\nfake.csv:1: things", check = function(c)
  return { { table = "workforce", key = "a\nb", column = "n\27m", message = "\ndatasets/workforce.csv:3: column count: \27[31mred " .. string.rep("z", 100000) } } end }
rule { id = "bad", description = "d", check = function(c) return { { table = "\nnope" } } end }
EOF
run "$SSWR" check --datasets "$SMALL" --scripts "$S"
expect_status 1
expect_safe
expect_block "$S/review.lua:1: \\nfake.csv:9: x\\x1B[1m (and 4 more countries)" "  (country FRA, rule forged)"
expect_err "$S/review.lua:4: rule bad for FRA: finding 1: unknown table '\\nnope' (population, workforce, education or system) (and 4 more countries)"
w=$(grep -m1 'warning: column n\\x1Bm: finding: \\ndatasets/workforce.csv:3: column count: \\x1B\[31mred zzz' <<<"$ERR")
[ -n "$w" ] || t_fail "the finding's warning: $(grep -m1 'finding:' <<<"$ERR")"
[ "${#w}" -lt 400 ] || t_fail "the finding is ${#w} characters long"
run "$SSWR" review --datasets "$SMALL" --scripts "$S" --country KEN
expect_status 1
! grep -q "$ESC" <<<"$OUT" || t_fail "the review holds an escape character"
grep -qF 'finding: looks\x1B[2J for\nfake.csv:1: things' <<<"$OUT" || t_fail "the rule's description is not escaped"
t_end

# ---- the same results on every run --------------------------------------------------
S=$(scripts_copy hostile)
cp "$SB_FIX/hostile.lua" "$S/indicators/99_hostile.lua"
HOSTILE="$TMPROOT/hostile_out"
mkdir -p "$HOSTILE"
# hostile_run N ENV... — `sswr indicators` with the hostile script under another
# environment (and binary), output kept as $HOSTILE/N.csv.
hostile_run() {
    local n=$1
    shift
    run env "$@" timeout 120 "$SSWR" indicators --datasets "$SMALL" --scripts "$S" -o "$HOSTILE/$n.csv"
    expect_status 0
    expect_eq "$ERR" "sswr indicators: wrote $(($(wc -l <"$HOSTILE/$n.csv") - 1)) rows to $HOSTILE/$n.csv" "stderr"
}

t_begin "deterministic: pairs, next, tostring, random, sort and the clock in a hostile script"
hostile_run 1
OUT=$(cat "$HOSTILE/1.csv")
for c in FRA KEN NPL TZA UGA; do
    for probe in "pairs:-3|1.5|2|10|Cherry|apple|banana|false|true" "next:-3|1.5|2|10|Cherry|apple|banana|false|true" \
        "cleared:a|b|c|d|empty" "many:k1|k10|k100|k11|k12" "objects:ipairs|print|tostring|seen|m1|m2|m3|late" \
        "view:cadres|children|education|files|group|intermediate_region|iso2|iso3|items|levels|pillars|population|population_line|published|region|sectors|subregion|system|workforce" \
        "tostring:table: #N builtin: #N function: #N" "format_p:refused" "weak:values=refused|keys=allowed|walk=refused|next=refused|made_weak_later_walk=refused" \
        "os:clock=refused|date=refused|time=refused" \
        "sort:3|300|1|298|299" "always_true:2|9|1|8|3|5" "sort_numbers:1.0|1|2|2.0|3"; do
        expect_figure "$c,hostile,$probe,2015,1,count"
    done
    expect_figure "$c,hostile_all,groups:Eastern Africa=3|Southern Asia=1|Western Europe=1,2015,1,count"
    expect_figure "$c,hostile_all,done:capacity_score|capacity_status|capacity_status_count|completeness,2015,1,count"
    expect_figure "$c,hostile,random,2016,1,count"
done
expect_eq "$(grep -c ',hostile,random,2015,' "$HOSTILE/1.csv")" 5 "random rows"
expect_eq "$(grep ',hostile,random,2015,' "$HOSTILE/1.csv" | cut -d, -f5 | sort -u | wc -l)" 1 "distinct first random numbers"
t_end

t_begin "deterministic: byte-identical exports across runs, environments and address layouts"
hostile_run 2 TZ=Asia/Kathmandu PADDING="$(head -c 3000 /dev/zero | tr '\0' x)"
hostile_run 3 -i PATH="$PATH" LC_ALL=C.UTF-8 TZ=America/Lima ASAN_OPTIONS="$ASAN_OPTIONS" UBSAN_OPTIONS="$UBSAN_OPTIONS"
if setarch "$(uname -m)" -R true 2>/dev/null; then hostile_run 4 setarch "$(uname -m)" -R; else cp "$HOSTILE/1.csv" "$HOSTILE/4.csv"; fi
sleep 1
hostile_run 5 HOME=/nonexistent SSWR_TIMING=0
for n in 2 3 4 5; do cmp -s "$HOSTILE/1.csv" "$HOSTILE/$n.csv" || t_fail "run $n differs: $(diff "$HOSTILE/1.csv" "$HOSTILE/$n.csv" | head -3)"; done
if [ -x "$SSWR_RELEASE" ]; then
    for n in 6 7 8; do
        run env PADDING="$(head -c $((n * 517)) /dev/zero | tr '\0' y)" "$SSWR_RELEASE" indicators --datasets "$SMALL" --scripts "$S" -o "$HOSTILE/$n.csv"
        expect_status 0
        cmp -s "$HOSTILE/1.csv" "$HOSTILE/$n.csv" || t_fail "the release build's run $n differs: $(diff "$HOSTILE/1.csv" "$HOSTILE/$n.csv" | head -3)"
    done
fi
t_end

t_begin "deterministic: a hostile review rule gives the same findings on every run"
R=$(scripts_copy hostile_review)
cat >"$R/review.lua" <<'EOF'
local made = { {}, {}, {} }
rule { id = "order", description = "d", check = function(c, done)
  local t, ks = { zeta = 1, alpha = 2, [made[2]] = 3, [made[1]] = 4, mid = 5 }, {}
  for k in pairs(t) do ks[#ks + 1] = type(k) == "table" and "t" .. t[k] or k end
  local ds = {}
  for k in pairs(done) do ds[#ds + 1] = k end
  return { { table = "workforce", message = table.concat(ks, " ") .. " / " .. ds[1] .. " " .. ds[#ds] .. " / " .. math.random(1000) .. " " .. tostring({}):gsub("%d", "") } }
end }
EOF
for n in 1 2 3; do
    run env PADDING="$(head -c $((n * 1000)) /dev/zero | tr '\0' z)" "$SSWR" review --datasets "$SMALL" --scripts "$R" -o "$HOSTILE/review$n.csv"
    expect_status 0
done
cmp -s "$HOSTILE/review1.csv" "$HOSTILE/review2.csv" && cmp -s "$HOSTILE/review1.csv" "$HOSTILE/review3.csv" ||
    t_fail "the reviews differ: $(diff "$HOSTILE/review1.csv" "$HOSTILE/review2.csv" | head -3)"
grep -q "^KEN,.*,order,alpha mid zeta t4 t3 / capacity_score world_overview_counts / [0-9]* table: #$" "$HOSTILE/review1.csv" ||
    t_fail "the finding: $(grep -m1 '^KEN' "$HOSTILE/review1.csv")"
t_end

t_begin "deterministic: two builds with the hostile script give byte-identical PDFs and exports"
for n in 1 2; do
    rm -rf "$HOSTILE/build$n" && mkdir -p "$HOSTILE/build$n" && cd "$HOSTILE/build$n"
    run env PADDING="$(head -c $((n * 2222)) /dev/zero | tr '\0' w)" TZ="Pacific/Chatham" timeout 300 "$SSWR" build --datasets "$SMALL" --scripts "$S" --country KEN,UGA --lang en -j 1 --no-charts --no-report
    expect_status 0
    cd "$ROOT"
done
diff <(cd "$HOSTILE/build1" && find output -type f ! -path '*/.stamps/*' | sort | xargs md5sum) \
     <(cd "$HOSTILE/build2" && find output -type f ! -path '*/.stamps/*' | sort | xargs md5sum) >/dev/null ||
    t_fail "the builds differ"
expect_file "$HOSTILE/build1/output/2024/en/KEN.pdf"
grep -q '^KEN,hostile,pairs:' "$HOSTILE/build1/output/2024/indicators.csv" || t_fail "the export lacks the hostile rows"
t_end
