#!/bin/bash
# run.sh — the whole test suite. Runs every tests/t_*.sh (each a separate
# bash process with lib.sh loaded) and the Lua library tests, then prints
# "N passed, N failed" and exits non-zero when anything failed.
# SSWR names the binary under test (the ASan+UBSan build from `make test`);
# SSWR_RELEASE the optimised one, for the valgrind run.
set -u
cd "$(dirname "$0")/.."
# Absolute paths: tests may cd into a scratch folder.
export SSWR=$(readlink -f "${SSWR:-./sswr}")
export SSWR_RELEASE=$(readlink -f "${SSWR_RELEASE:-./sswr}")
export ROOT=$PWD
export RESULTS=$(mktemp)
export TMPROOT=$(mktemp -d)
# The model cache of this run only (modelcache.h): runs after the first read it.
export SSWR_CACHE="$TMPROOT/model-cache"
trap 'rm -rf "$RESULTS" "$TMPROOT"' EXIT

filter=${1:-}
for t in tests/t_*.sh; do
    [ -n "$filter" ] && [[ "$t" != *"$filter"* ]] && continue
    echo "== $t"
    bash -c '. tests/lib.sh; . "$1"' _ "$t" || echo "FAIL $t: the test script itself failed (status $?)" >>"$RESULTS"
done

grep '^FAIL' "$RESULTS" | sed 's/^/  /'
passed=$(grep -c '^PASS' "$RESULTS")
failed=$(grep -c '^FAIL' "$RESULTS")
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
