#!/bin/bash
# run.sh NAME SECONDS [LIBFUZZER-ARGS...] — builds tests/fuzz/fuzz_NAME.c
# (libFuzzer + ASan + UBSan, against every generator/*.c but main.c) and
# runs it for SECONDS seconds on a scratch corpus.
#
#   tests/fuzz/run.sh csv 60
#   tests/fuzz/run.sh po 600 -max_len=512
#   tests/fuzz/run.sh po 0 build/fuzz/artifacts/po/crash-...   # replay one input
#
# The seeds in tests/fuzz/corpus/NAME/ are only read; new inputs go to
# $O/fuzz/corpus/NAME (default O=build, ignored by git) and are kept from
# run to run. Crashes and timeouts go to $O/fuzz/artifacts/NAME/, the full
# log to $O/fuzz/logs/NAME-DATE-PID.log. The last line sums the run up:
#   fuzz NAME: SECONDS s, EXECS runs, cov EDGES, ft FEATURES, status RC
# Exit status: libFuzzer's (0: no finding).
set -eu
cd "$(dirname "$0")/../.."
[ $# -ge 2 ] || { sed -n '2,15p' "$0" >&2; exit 2; }
name=$1 secs=$2
shift 2
O=${O:-build}
src=tests/fuzz/fuzz_$name.c
[ -f "$src" ] || { echo "run.sh: no harness $src" >&2; exit 2; }

CC=${FUZZ_CC:-clang}
PKGS="cairo lua5.4 fribidi fontconfig freetype2 harfbuzz-subset libdeflate zlib libcmark"
SAN="-g -O1 -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined"
STD="-std=c11 -D_POSIX_C_SOURCE=200809L -Wall -Wextra"  # no -Werror: clang warns where gcc does not
DEFS="-DSSWR_VERSION=\"fuzz\" -DSSWR_DATADIR=\"/usr/local/share/sswr\""
CFLAGS="$STD $SAN $DEFS $(pkg-config --cflags $PKGS)"
LIBS="$(pkg-config --libs $PKGS) -lhpdf -lcsv -lm"

# ---- build: the generator objects once (rebuilt when a source or header
# changes), then the harness. A lock keeps two runs from compiling the same
# object at once; SSWR_FUZZ_NOBUILD=1 runs the binary as it is.
objdir=$O/fuzz/obj
mkdir -p "$objdir" "$O/fuzz/corpus/$name" "$O/fuzz/artifacts/$name" "$O/fuzz/logs"
bin=$O/fuzz/fuzz_$name
if [ "${SSWR_FUZZ_NOBUILD:-}" != 1 ] || [ ! -x "$bin" ]; then
exec 9>"$O/fuzz/.build.lock"
flock 9
newest_h=$(ls -t generator/*.h | head -n1)
objs=()
for c in generator/*.c; do
    b=$(basename "$c" .c)
    [ "$b" = main ] && continue
    o=$objdir/$b.o
    objs+=("$o")
    if [ ! -f "$o" ] || [ "$c" -nt "$o" ] || [ "$newest_h" -nt "$o" ]; then
        echo "  CC-FUZZ $c" >&2
        $CC $CFLAGS -fsanitize=fuzzer-no-link -c -o "$o" "$c"
    fi
done
if [ ! -f "$bin" ] || [ "$src" -nt "$bin" ] || [ tests/fuzz/fuzz_util.h -nt "$bin" ] ||
   [ -n "$(find "$objdir" -newer "$bin" -name '*.o' | head -n1)" ]; then
    echo "  LD-FUZZ $bin" >&2
    $CC $CFLAGS -fsanitize=fuzzer -Igenerator -Itests/fuzz -o "$bin" "$src" "${objs[@]}" $LIBS
fi
flock -u 9
exec 9>&-
fi

# ---- run
[ -s build/fonts/fonts.txt ] || [ "$name" != text ] || make fonts >&2
args=(-max_total_time="$secs" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1
      -artifact_prefix="$O/fuzz/artifacts/$name/")
[ -f "tests/fuzz/$name.dict" ] && args+=(-dict="tests/fuzz/$name.dict")
case $name in
    text) args+=(-max_len=1024) ;;    # wrapping is quadratic in a paragraph's length
    lua) args+=(-max_len=8192) ;;
    pattern) args+=(-timeout=3 -report_slow_units=1) ;;   # a slow match is a finding
esac
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:symbolize=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
export SSWR_FUZZ_TMP
SSWR_FUZZ_TMP=$(mktemp -d "$( [ -w /dev/shm ] && echo /dev/shm || echo /tmp )/sswr-fuzz.XXXXXX")
trap 'rm -rf "$SSWR_FUZZ_TMP"' EXIT
log=$O/fuzz/logs/$name-$(date +%Y%m%d-%H%M%S)-$$.log
corpus=("$O/fuzz/corpus/$name")
[ -d "tests/fuzz/corpus/$name" ] && corpus+=("tests/fuzz/corpus/$name")
# Replaying files (arguments that are files) needs no corpus folders.
for a in "$@"; do [ -f "$a" ] && corpus=(); done
set +e
"$bin" "${args[@]}" "$@" "${corpus[@]}" 2>&1 | tee "$log" | grep -aE '^(#[0-9]+[[:space:]]+(INITED|DONE|pulse)|==[0-9]+==|SUMMARY|stat::|Done|Running|.*(ERROR|runtime error|invariant))'
rc=${PIPESTATUS[0]}
set -e
execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n1)
cov=$(grep -aoE 'cov: [0-9]+' "$log" | tail -n1 | cut -d' ' -f2)
ft=$(grep -aoE 'ft: [0-9]+' "$log" | tail -n1 | cut -d' ' -f2)
echo "fuzz $name: ${secs} s, ${execs:-?} runs, cov ${cov:-?}, ft ${ft:-?}, status $rc (log: $log)"
exit "$rc"
