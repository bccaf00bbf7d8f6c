# t_68_model_cache.sh — the model cache (issue 18, generator/modelcache.h): a run after
# the first reads the computed model instead of running the scripts, and writes the same
# bytes; any change to what the model is computed from is another entry; a damaged entry is
# ignored; a computation that reported something is not kept.

D=$(subset_fixture cache_data KEN UGA TZA NPL FRA)
C="$TMPROOT/cache68"
OUTD="$TMPROOT/out68"
mkdir -p "$OUTD"

# prof TAG [ARGS...] — `sswr profile KEN` with this test's cache, timing on.
prof() {
    local tag=$1
    shift
    run env SSWR_CACHE="$C" SSWR_TIMING=1 "$SSWR" profile KEN --datasets "$D" -o "$OUTD/$tag.pdf" "$@"
}
computed() { grep -q "timing: load [0-9.]* ms, scripts and compute" <<<"$ERR" || t_fail "$1: the scripts did not run: $ERR"; }
cached() { grep -q "timing: load [0-9.]* ms, model from the cache" <<<"$ERR" || t_fail "$1: the model was not read from the cache: $ERR"; }
entries() { ls "$C" 2>/dev/null | grep -c '\.model$'; }

t_begin "model cache: the second run reads the model and writes the same bytes as a run without the cache"
rm -rf "$C"
prof first
expect_status 0
computed "first run"
[ "$(entries)" = 1 ] || t_fail "expected one entry, got $(entries): $(ls "$C")"
prof second
expect_status 0
cached "second run"
cmp -s "$OUTD/first.pdf" "$OUTD/second.pdf" || t_fail "the PDF from the cache differs"
run env SSWR_CACHE=off "$SSWR" profile KEN --datasets "$D" -o "$OUTD/off.pdf"
expect_status 0
cmp -s "$OUTD/first.pdf" "$OUTD/off.pdf" || t_fail "the PDF without the cache differs"
t_end

t_begin "model cache: SSWR_CACHE=off neither reads nor writes"
rm -rf "$C"
run env SSWR_CACHE=off SSWR_TIMING=1 "$SSWR" profile KEN --datasets "$D" -o "$OUTD/off2.pdf"
computed "cache off"
[ ! -e "$C" ] || t_fail "the cache folder was made"
t_end

t_begin "model cache: a changed dataset, script or year is another entry, computed afresh"
rm -rf "$C"
prof base
computed "base"
# A dataset: KEN's first workforce count changes.
awk -F, 'BEGIN { OFS = "," } NR > 1 && $1 == "KEN" && !done { $5 = $5 + 100; done = 1 } { print }' \
    "$D/workforce.csv" >"$D/w.new" && mv "$D/w.new" "$D/workforce.csv"
prof data
computed "after a dataset edit"
cmp -s "$OUTD/base.pdf" "$OUTD/data.pdf" && t_fail "the edited count did not change the profile"
# A script: a comment added is another key too (the scripts are hashed, not parsed).
S="$TMPROOT/cache_scripts"
rm -rf "$S" && cp -r "$ROOT/scripts" "$S"
run env SSWR_CACHE="$C" SSWR_TIMING=1 "$SSWR" profile KEN --datasets "$D" --scripts "$S" -o "$OUTD/s1.pdf"
cached "the same scripts in another folder"
echo "-- a comment" >>"$S/indicators/10_workforce.lua"
run env SSWR_CACHE="$C" SSWR_TIMING=1 "$SSWR" profile KEN --datasets "$D" --scripts "$S" -o "$OUTD/s2.pdf"
computed "after a script edit"
cmp -s "$OUTD/s1.pdf" "$OUTD/s2.pdf" || t_fail "a comment changed the profile"
# The year asked for.
prof y2023 --year 2023
computed "--year 2023"
prof y2023b --year 2023
cached "--year 2023 again"
[ "$(entries)" = 4 ] || t_fail "expected 4 entries, got $(entries)"
t_end

t_begin "model cache: a damaged or cut entry is ignored and computed afresh"
rm -rf "$C"
prof good
f=$(ls "$C"/*.model)
head -c 1000 "$f" >"$f.cut" && mv "$f.cut" "$f"
prof cut
expect_status 0
computed "cut entry"
cmp -s "$OUTD/good.pdf" "$OUTD/cut.pdf" || t_fail "the profile after a cut entry differs"
f=$(ls "$C"/*.model)
head -c 200000 /dev/urandom >"$f"
prof garbage
expect_status 0
computed "garbage entry"
cmp -s "$OUTD/good.pdf" "$OUTD/garbage.pdf" || t_fail "the profile after a garbage entry differs"
prof again
cached "the entry rewritten"
t_end

t_begin "model cache: a computation that reported a script error is not kept, and says it again"
rm -rf "$C"
S="$TMPROOT/cache_scripts_bad"
rm -rf "$S" && cp -r "$ROOT/scripts" "$S"
cat >"$S/indicators/99_fails.lua" <<'LUA'
indicator {
  id = "fails_for_uga", label = "Fails for UGA", description = "d", formula = "f", unit = "count",
  decimals = 0,
  compute = function(c)
    if c.iso3 == "UGA" then error("UGA has no value") end
    return {}
  end,
}
LUA
for i in 1 2; do
    run env SSWR_CACHE="$C" SSWR_TIMING=1 "$SSWR" profile UGA --datasets "$D" --scripts "$S" -o "$OUTD/bad$i.pdf"
    expect_status 1
    computed "run $i"
    expect_err_has "UGA has no value"
done
[ "$(entries)" = 0 ] || t_fail "an entry was kept: $(ls "$C")"
t_end

t_begin "model cache: at most 16 entries, the oldest removed first"
rm -rf "$C" && mkdir -p "$C"
for i in $(seq 1 20); do
    k=$(printf '%064d' "$i")
    echo x >"$C/$k.model"
    touch -d "2020-01-01 00:00:$i" "$C/$k.model"
done
prof newest
expect_status 0
[ "$(entries)" = 16 ] || t_fail "expected 16 entries, got $(entries)"
[ -e "$C/$(printf '%064d' 20).model" ] || t_fail "a recent entry was removed"
[ -e "$C/$(printf '%064d' 1).model" ] && t_fail "the oldest entry was kept"
prof newest2
cached "the new entry kept"
t_end
