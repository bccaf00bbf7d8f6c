# lib.sh — helpers for the shell tests (sourced by run.sh into each t_*.sh).
#
#   t_begin "what is tested"
#   run $SSWR check --datasets "$dir"      # sets $STATUS, $OUT, $ERR
#   expect_status 1
#   expect_err 'datasets/x.csv:3: column count: not a number: "12x"'
#   t_end                                   # PASS unless an expectation failed
#
# A sanitizer report in any run fails the test on its own.

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:exitcode=99}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:exitcode=98:print_stacktrace=1}
export LC_ALL=C.UTF-8
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1767225600}

T_NAME=""
T_FAILS=""

t_begin() { T_NAME="$1"; T_FAILS=""; }

t_fail() { T_FAILS="$T_FAILS
    $*"; }

t_end() {
    if [ -z "$T_FAILS" ]; then
        echo "PASS $T_NAME" >>"$RESULTS"
        echo "  ok   $T_NAME"
    else
        echo "FAIL $T_NAME:$T_FAILS" >>"$RESULTS"
        echo "  FAIL $T_NAME:$T_FAILS"
    fi
}

# run CMD... — runs a command, keeping status, stdout and stderr.
run() {
    local o e
    o=$(mktemp -p "$TMPROOT") e=$(mktemp -p "$TMPROOT")
    "$@" >"$o" 2>"$e"
    STATUS=$?
    OUT=$(cat "$o")
    ERR=$(cat "$e")
    rm -f "$o" "$e"
    if grep -qE 'ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:' <<<"$ERR"; then
        t_fail "sanitizer report from: $*
$(grep -m5 -E 'ERROR|runtime error|#[0-9] ' <<<"$ERR")"
    fi
}

expect_status() {
    [ "$STATUS" = "$1" ] || t_fail "status $STATUS, expected $1 (stderr: $(head -c 600 <<<"$ERR"))"
}

# expect_err TEXT — stderr has a line equal to TEXT.
expect_err() {
    grep -qxF -- "$1" <<<"$ERR" || t_fail "stderr lacks the line: $1
    stderr was: $(head -c 1500 <<<"$ERR")"
}
# expect_err_has TEXT — stderr contains TEXT somewhere.
expect_err_has() {
    grep -qF -- "$1" <<<"$ERR" || t_fail "stderr lacks: $1
    stderr was: $(head -c 1500 <<<"$ERR")"
}
expect_err_lacks() {
    ! grep -qF -- "$1" <<<"$ERR" || t_fail "stderr should not contain: $1"
}
expect_out_has() {
    grep -qF -- "$1" <<<"$OUT" || t_fail "stdout lacks: $1
    stdout was: $(head -c 1500 <<<"$OUT")"
}
expect_out_lacks() {
    ! grep -qF -- "$1" <<<"$OUT" || t_fail "stdout should not contain: $1"
}
expect_file() { [ -s "$1" ] || t_fail "missing or empty file: $1"; }
expect_no_file() { [ ! -e "$1" ] || t_fail "file should not exist: $1"; }

# expect_eq ACTUAL EXPECTED WHAT
expect_eq() { [ "$1" = "$2" ] || t_fail "$3: got '$1', expected '$2'"; }

# fixture NAME — a fresh copy of the shipped datasets in $TMPROOT/NAME,
# printed; tests then edit the copy.
fixture() {
    local d="$TMPROOT/$1"
    rm -rf "$d"
    cp -r "$ROOT/datasets" "$d"
    rm -rf "$d/tools"
    echo "$d"
}

# subset_fixture NAME ISO3... — a datasets copy keeping only these countries
# (a whole build then stays quick under the sanitizers and valgrind).
subset_fixture() {
    local name=$1 d re f
    shift
    d=$(fixture "$name")
    re="^($(tr ' ' '|' <<<"$*")),"
    for f in "$d"/countries.csv "$d"/population.csv "$d"/workforce.csv "$d"/education.csv "$d"/system.csv "$d"/published.csv "$d"/names/*.csv; do
        # (grep finds no row in a file without these countries: the file is still replaced)
        { head -n1 "$f"; tail -n +2 "$f" | grep -E "$re"; } >"$f.new"; mv "$f.new" "$f"
    done
    for f in "$d"/stories/*.md; do   # the other countries' stories go with them
        [ -e "$f" ] && ! grep -qE "^($(tr ' ' '|' <<<"$*"))\." <<<"${f##*/}" && rm -f "$f"
    done
    echo "$d"
}
