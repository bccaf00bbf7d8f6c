# t_64_builds.sh — builds and stamps (issue 13): one build at a time writes
# into an output folder (the others wait, or stop with --no-wait), a stamp
# certifies the files on disk as well as the inputs (a file damaged,
# replaced or deleted is rebuilt, and the build says so), a failed country
# keeps its files as they were, and the temporaries of a killed build are
# removed by the next one. Four countries, English only, so the sanitizer
# build stays quick; each build's outputs are compared byte for byte with a
# build of the same inputs made alone, with --force, in a folder of its own.
SUBSET="KEN UGA TZA ETH"
W="$TMPROOT/builds"
rm -rf "$W" && mkdir -p "$W"
DA=$(subset_fixture builds-data $SUBSET)
mv "$DA" "$W/dataA"
cp -r "$W/dataA" "$W/dataB"
sed -i 's/^\(KEN,2024,social_worker,government,\)[0-9]*,/\19999,/' "$W/dataB/workforce.csv"
cp -r "$ROOT/templates" "$W/tplA"
cp -r "$ROOT/templates" "$W/tplB"
sed -i 's/#1d4e89/#8a1d4e/g' "$W/tplB/theme.tpl"   # primary and the palette's first colour

# build DIR DATA TPL [ARGS...] — sswr build in $W/DIR (into its output/), with run
build() {
    local dir=$1 data=$2 tpl=$3
    shift 3
    mkdir -p "$W/$dir" && cd "$W/$dir"
    run $SSWR build --lang en -j 2 -d "$W/$data" -t "$W/$tpl" "$@"
    cd "$ROOT"
}
# build_bg NAME DIR DATA TPL [ARGS...] — the same in the background, in a process
# group of its own (kill -STOP -- -PID stops its workers too); pid in $!, stderr
# in $W/NAME.err
build_bg() {
    local name=$1 dir=$2 data=$3 tpl=$4
    shift 4
    mkdir -p "$W/$dir" && cd "$W/$dir"
    setsid $SSWR build --lang en -j 2 -d "$W/$data" -t "$W/$tpl" "$@" >/dev/null 2>"$W/$name.err" &
    cd "$ROOT"
}
# owned_files DIR — every file of DIR/output but the lock, sorted
owned_files() { (cd "$1" && find output -type f ! -name .sswr-lock | LC_ALL=C sort); }
# A stamp without what stat said of each file (device, inode, times: this
# machine's state when the file was put in place, never the same twice).
stamp_content() { sed -E 's/^(file [0-9]+ [0-9a-f]{64}) [-0-9:.]+ /\1 SEEN /' "$1"; }
# same_tree REF DIR — the same files byte for byte, stamps too but for what
# stat said (stamp_content)
same_tree() {
    local f
    if [ "$(owned_files "$1")" != "$(owned_files "$2")" ]; then
        t_fail "$2 and $1 do not hold the same files: $(diff <(owned_files "$1") <(owned_files "$2") | head -5)"
        return
    fi
    while read -r f; do
        case "$f" in
        */.stamps/*) [ "$(stamp_content "$1/$f")" = "$(stamp_content "$2/$f")" ] ||
                         t_fail "$2/$f differs from $1/$f" ;;
        *) cmp -s "$1/$f" "$2/$f" || t_fail "$2/$f differs from $1/$f" ;;
        esac
    done < <(owned_files "$1")
}
# wait_for CMD... — up to 60 s for a condition
wait_for() {
    local i
    for i in $(seq 1 1200); do "$@" && return 0; sleep 0.05; done
    return 1
}
lock_holder_is() { [ "$(cat "$W/$1/output/2024/.sswr-lock" 2>/dev/null)" = "$2" ]; }
err_has() { grep -qF -- "$2" "$W/$1.err" 2>/dev/null; }

# The references: each set of inputs built alone.
for r in "refA dataA tplA" "refB dataA tplB" "refC dataB tplA"; do
    set -- $r
    T_FAILS=""
    build "$@" --force
    [ "$STATUS" = 0 ] || { echo "reference build $1 failed: $ERR"; exit 1; }
done
cmp -s "$W/refA/output/2024/en/KEN.pdf" "$W/refB/output/2024/en/KEN.pdf" && { echo "tplB does not change the PDFs"; exit 1; }
cmp -s "$W/refA/output/2024/en/charts/UGA-trend.png" "$W/refB/output/2024/en/charts/UGA-trend.png" && { echo "tplB does not change the charts"; exit 1; }

t_begin "builds: a second build on a locked output folder waits, naming the first; --no-wait stops; the outputs are the last build's"
build_bg a run dataA tplA
pa=$!
# A holds the lock once its pid is in the lock file: freeze it there.
wait_for lock_holder_is run "$pa" || t_fail "the first build never held the lock"
kill -STOP -- "-$pa"
snap=$(cd "$W/run" && find output -type f ! -name .sswr-lock -exec sha256sum {} + | sort)
build run dataA tplB --no-wait
expect_status 1
expect_err "sswr: output/2024 is being built by process $pa; stopping (--no-wait)"
expect_eq "$(cd "$W/run" && find output -type f ! -name .sswr-lock -exec sha256sum {} + | sort)" "$snap" "files after --no-wait"
build_bg b run dataA tplB
pb=$!
wait_for err_has b "waiting" || t_fail "the second build did not wait"
kill -CONT -- "-$pa"
wait "$pa"; sa=$?
wait "$pb"; sb=$?
expect_eq "$sa" 0 "status of the first build"
expect_eq "$sb" 0 "status of the second build"
ERR=$(cat "$W/b.err")
expect_err_has "sswr: 5 built, 0 up to date, 0 failed"
expect_err "sswr: output/2024 is being built by process $pa; waiting"
expect_eq "$(grep -c 'is being built' "$W/b.err")" 1 "waiting messages"
ERR=$(cat "$W/a.err")
expect_err_lacks "is being built"
same_tree "$W/refB" "$W/run"
# the stamps describe the last build's inputs: with them nothing is rebuilt, with the first's everything
build run dataA tplB
expect_status 0
expect_err_has "sswr: 0 built, 5 up to date, 0 failed"
expect_eq "$(grep -c '^built ' <<<"$ERR")" 0 "files written by a no-op build"
build run dataA tplA
expect_err_has "sswr: 5 built, 0 up to date, 0 failed"
same_tree "$W/refA" "$W/run"
t_end

t_begin "builds: two builds started together on one output folder (different data) end with the last one's outputs"
rm -rf "$W/pair" && mkdir -p "$W/pair/output/2024"
# Both start while the folder is held (flock(1) on the same lock file), so
# they contend for it when it is released; the second to get it waits for
# the first.
flock "$W/pair/output/2024/.sswr-lock" sleep 3 &
holder=$!
sleep 0.3
build_bg p1 pair dataA tplA
p1=$!
build_bg p2 pair dataB tplA
p2=$!
wait_for err_has p1 "waiting" || t_fail "build 1 did not wait"
wait_for err_has p2 "waiting" || t_fail "build 2 did not wait"
wait -n -p first "$p1" "$p2"
s1=$?
if [ "$first" = "$p1" ]; then last=$p2 ref=refC; else last=$p1 ref=refA; fi
wait "$last"; s2=$?
wait "$holder"
expect_eq "$s1/$s2" "0/0" "statuses"
for p in p1 p2; do
    expect_eq "$(grep -c 'is being built' "$W/$p.err")" 1 "waiting messages of $p"
done
ERR=$(cat "$W/p1.err")
expect_err "sswr: output/2024 is being built by another process; waiting"
same_tree "$W/$ref" "$W/pair"
t_end

t_begin "builds: a profile, an export or charts written into a locked output folder wait for the build"
build_bg c run dataA tplB
pa=$!
wait_for lock_holder_is run "$pa" || t_fail "the build never held the lock"
kill -STOP -- "-$pa"
before=$(sha256sum "$W/run/output/2024/en/KEN.pdf" "$W/run/output/2024/indicators.csv" "$W/run/output/2024/en/charts/UGA-trend.png")
real=$(readlink -f "$W/run/output/2024")
cd "$W/run"
$SSWR profile KEN -d "$W/dataA" -t "$W/tplA" -o output/2024/en/KEN.pdf 2>"$W/w1.err" & w1=$!
$SSWR indicators -d "$W/dataA" -o output/2024/indicators.csv 2>"$W/w2.err" & w2=$!
$SSWR profile UGA -d "$W/dataA" -t "$W/tplA" --charts -o "$W/uga.pdf" 2>"$W/w3.err" & w3=$!
cd "$ROOT"
wait_for err_has w1 "waiting" || t_fail "profile -o did not wait"
wait_for err_has w2 "waiting" || t_fail "indicators -o did not wait"
wait_for err_has w3 "waiting" || t_fail "profile --charts did not wait"
expect_eq "$(sha256sum "$W/run/output/2024/en/KEN.pdf" "$W/run/output/2024/indicators.csv" "$W/run/output/2024/en/charts/UGA-trend.png")" "$before" "files while the build holds the lock"
ERR=$(cat "$W/w1.err")
expect_err "sswr: $real is being built by process $pa; waiting"
ERR=$(cat "$W/w2.err")
expect_err "sswr: $real is being built by process $pa; waiting"
ERR=$(cat "$W/w3.err")
expect_err "sswr: output/2024 is being built by process $pa; waiting"
kill -CONT -- "-$pa"
for p in "$pa" "$w1" "$w2" "$w3"; do wait "$p" || t_fail "process $p exited $?"; done
expect_file "$W/uga.pdf"
# what they wrote is what the next build checks its stamps against: here the
# files of tplA replaced three of tplB's, and only those outputs are rebuilt
build run dataA tplB
expect_status 0
expect_err "sswr: KEN (en): output/2024/en/KEN.pdf was changed after it was built; rebuilding"
expect_err "sswr: UGA (en): output/2024/en/charts/UGA-trend.png was changed after it was built; rebuilding"
expect_err_has "sswr: 2 built, 3 up to date, 0 failed"
same_tree "$W/refB" "$W/run"
t_end

t_begin "stamps: a damaged, replaced or deleted output (PDF, chart PNG or SVG, report, export) is rebuilt, and the build says so"
rm -rf "$W/dmg" && mkdir -p "$W/dmg"
cp -a "$W/refA/output" "$W/dmg/"
build dmg dataA tplA
expect_err_has "sswr: 0 built, 5 up to date, 0 failed"
cd "$W/dmg/output/2024"
printf junk >>en/UGA.pdf
cp en/TZA.pdf en/KEN.pdf
rm en/charts/TZA-trend.png
printf X | dd of=en/charts/ETH-cadres.svg bs=1 seek=200 conv=notrunc status=none   # same size
rm en/report.pdf
: >indicators.json
cd "$ROOT"
build dmg dataA tplA
expect_status 0
expect_err "sswr: KEN (en): output/2024/en/KEN.pdf was changed after it was built; rebuilding"
expect_err "sswr: UGA (en): output/2024/en/UGA.pdf was changed after it was built; rebuilding"
expect_err "sswr: TZA (en): output/2024/en/charts/TZA-trend.png is missing; rebuilding"
expect_err "sswr: ETH (en): output/2024/en/charts/ETH-cadres.svg was changed after it was built; rebuilding"
expect_err "sswr: report (en): output/2024/en/report.pdf is missing; rebuilding"
expect_err "sswr: indicators: output/2024/indicators.json was changed after it was built; rebuilding"
expect_err_has "sswr: 5 built, 0 up to date, 0 failed"
same_tree "$W/refA" "$W/dmg"
# a stamp copied from another country vouches for nothing
cp "$W/dmg/output/2024/en/.stamps/KEN" "$W/dmg/output/2024/en/.stamps/UGA"
rm "$W/dmg/output/2024/.stamps/indicators"
build dmg dataA tplA
expect_err_has "sswr: 1 built, 4 up to date, 0 failed"
built=$(grep '^built ' <<<"$ERR" | sort | tr '\n' ' ')
expect_eq "$built" "built output/2024/en/UGA.pdf built output/2024/indicators.csv built output/2024/indicators.json " "rebuilt"
same_tree "$W/refA" "$W/dmg"
t_end

t_begin "stamps: an untouched output is not read again; one rewritten, even with its old times put back, is"
rm -rf "$W/seen" && mkdir -p "$W/seen"
build seen dataA tplA
expect_status 0
# A no-op build opens no output file: stat says each is as it was written.
cd "$W/seen"
strace -f -qq -e trace=open,openat -o "$W/seen.trace" $SSWR build --lang en -j 2 -d "$W/dataA" -t "$W/tplA" 2>"$W/seen.err"
cd "$ROOT"
grep -q "0 built, 5 up to date, 0 failed" "$W/seen.err" || t_fail "no-op: $(cat "$W/seen.err")"
opened=$(grep -E 'open(at)?\(.*output/2024/[^"]*\.(pdf|png|svg|csv|json)"' "$W/seen.trace" | grep -v ENOENT | head -3)
[ -z "$opened" ] || t_fail "a no-op build read outputs again: $opened"
cd "$W/seen/output/2024"
cp en/KEN.pdf "$W/seen.kpdf" && cat "$W/seen.kpdf" >en/KEN.pdf          # the same bytes, written again
printf X | dd of=en/UGA.pdf bs=1 seek=300 conv=notrunc status=none      # a byte changed ...
touch -r en/TZA.pdf en/UGA.pdf                                           # ... and its time put back
cd "$ROOT"
build seen dataA tplA
expect_status 0
expect_err "sswr: UGA (en): output/2024/en/UGA.pdf was changed after it was built; rebuilding"
expect_err_lacks "KEN (en)"
expect_err_has "sswr: 1 built, 4 up to date, 0 failed"
same_tree "$W/refA" "$W/seen"
t_end

t_begin "builds: a forced rebuild leaves an output that comes out the same untouched, inode and dates"
before=$(cd "$W/seen/output/2024" && stat -c '%i %Y.%y' en/KEN.pdf en/charts/KEN-trend.png en/report.pdf indicators.csv)
build seen dataA tplA --force
expect_status 0
expect_err_has "sswr: 5 built, 0 up to date, 0 failed"
after=$(cd "$W/seen/output/2024" && stat -c '%i %Y.%y' en/KEN.pdf en/charts/KEN-trend.png en/report.pdf indicators.csv)
expect_eq "$after" "$before" "inodes and dates after --force"
same_tree "$W/refA" "$W/seen"
# A file whose content does change is replaced (a new inode, from the rename).
ino=$(stat -c %i "$W/seen/output/2024/en/KEN.pdf")
rm -rf "$W/dataK" && cp -r "$W/dataA" "$W/dataK"
sed -i 's/^\(KEN,2024,social_worker,government,\)[0-9]*,/\1777,/' "$W/dataK/workforce.csv"
grep -q "^KEN,2024,social_worker,government,777," "$W/dataK/workforce.csv" || t_fail "fixture edit did not apply"
build seen dataK tplA
expect_status 0
[ "$(stat -c %i "$W/seen/output/2024/en/KEN.pdf")" != "$ino" ] || t_fail "KEN.pdf changed but was not replaced"
cmp -s "$W/seen/output/2024/en/KEN.pdf" "$W/refA/output/2024/en/KEN.pdf" && t_fail "KEN.pdf did not change"
t_end

t_begin "stamps: a country that fails keeps its PDF, charts and stamp as they were; the others are built"
cp -r "$W/dataA" "$W/dataF"
long=$(printf 'M%.0s' $(seq 1 9000))
# new figures (its charts change) and a source too long for the notes box on
# page 2, which fails the profile after its charts were drawn
sed -i "s/^\(UGA,2024,social_worker,government,\)[0-9]*,illustrative,/\14321,$long,/" "$W/dataF/workforce.csv"
grep -q "^UGA,2024,social_worker,government,4321,MMMM" "$W/dataF/workforce.csv" || t_fail "fixture edit did not apply"
keep=$(cd "$W/dmg" && sha256sum output/2024/en/UGA.pdf output/2024/en/charts/UGA-* output/2024/en/.stamps/UGA \
       output/2024/en/report.pdf output/2024/en/.stamps/report)
build dmg dataF tplA
expect_status 1
expect_err_has "sswr: UGA (en): FAILED: "
expect_err_has "sswr: report (en): FAILED: "
expect_err "built output/2024/en/TZA.pdf"
expect_err_has "sswr: 3 built, 0 up to date, 2 failed"
expect_eq "$(cd "$W/dmg" && sha256sum output/2024/en/UGA.pdf output/2024/en/charts/UGA-* output/2024/en/.stamps/UGA \
             output/2024/en/report.pdf output/2024/en/.stamps/report)" "$keep" "the failed outputs"
[ -z "$(find "$W/dmg/output" -name '*.tmp*')" ] || t_fail "temporary files left: $(find "$W/dmg/output" -name '*.tmp*')"
# kept as they were, they are still up to date for the inputs they were built from
build dmg dataA tplA
expect_err_has "sswr: 3 built, 2 up to date, 0 failed"
expect_err_lacks "built output/2024/en/UGA.pdf"
same_tree "$W/refA" "$W/dmg"
t_end

t_begin "temporaries: a build killed with SIGKILL leaves temporary files; the next build removes them, and only them"
rm -rf "$W/kill" && mkdir -p "$W/kill"
cd "$W/kill"
# its own process group, to kill the workers with it
setsid $SSWR build --lang en -j 2 -d "$W/dataA" -t "$W/tplA" >/dev/null 2>&1 &
pk=$!
has_temps() { [ -n "$(find output -name '*.tmp??????' 2>/dev/null)" ]; }
# a job's temporaries live for milliseconds: look often (a loaded machine
# missed them at the usual 50 ms)
temps_seen() { local i; for i in $(seq 1 20000); do has_temps && return 0; done; return 1; }
temps_seen || t_fail "no temporary file seen"
kill -KILL -- "-$pk"
wait "$pk" 2>/dev/null
sleep 0.2
# and the leftovers of other killed builds, in every folder a build writes
for f in output/2024/en/KEN.pdf.tmpAb12Cd output/2024/en/charts/KEN-trend.png.tmpZZ9x0q \
         output/2024/en/.stamps/KEN.tmp123456 output/2024/.stamps/indicators.tmpQwErTy \
         output/2024/indicators.csv.tmpAAAAAA output/2024/fr/ETH.pdf.tmpb0B0b0 \
         output/2024/fr/charts/ETH-compare.svg.tmpXy1234; do
    mkdir -p "$(dirname "$f")" && printf partial >"$f"
done
# what is not a leftover of sswr's stays: other names, other folders, links, folders
mkdir -p output/2024/en/notes output/2024/en/charts/keep.tmpABCDEF
for f in output/2024/en/notes.tmp output/2024/en/a.tmpABCDE output/2024/en/b.tmpABCDEFG \
         output/2024/en/c.tmpAB-DEF output/2024/en/notes/x.pdf.tmpABCDEF output/x.pdf.tmpABCDEF \
         "$W/outside"; do
    printf mine >"$f"
done
ln -sf "$W/outside" output/2024/en/link.pdf.tmpABCDEF
owned="output/2024 output/2024/.stamps output/2024/en output/2024/en/charts output/2024/en/.stamps \
       output/2024/fr output/2024/fr/charts"
n=$(for d in $owned; do find "$d" -maxdepth 1 -type f -name '*.tmp??????'; done | grep -cE '\.tmp[A-Za-z0-9]{6}$')
stay=$(find output "$W/outside" \( -name notes.tmp -o -name a.tmpABCDE -o -name b.tmpABCDEFG -o -name c.tmpAB-DEF \
       -o -path '*/notes/x.pdf.tmpABCDEF' -o -path 'output/x.pdf.tmpABCDEF' -o -name link.pdf.tmpABCDEF \
       -o -name keep.tmpABCDEF -o -path "$W/outside" \) | sort)
cd "$ROOT"
build kill dataA tplA
expect_status 0
expect_err "sswr: removed $n temporary files left in output/2024 by an interrupted build"
left=$(cd "$W/kill" && find output "$W/outside" \( -name '*.tmp*' -o -path "$W/outside" \) | sort)
expect_eq "$left" "$stay" "what is left"
expect_eq "$(cat "$W/outside")" "mine" "the file behind the link"
rm -rf "$W/kill/output/2024/fr" "$W/kill/output/2024/en/notes" "$W/kill/output/2024/en/charts/keep.tmpABCDEF" \
       "$W/kill/output/x.pdf.tmpABCDEF"
rm -f "$W/kill/output/2024/en/"*.tmp* "$W/kill/output/2024/en/notes.tmp"
same_tree "$W/refA" "$W/kill"
t_end
cd "$ROOT"
