#!/bin/sh
# refresh.sh — re-render the reference page images after an intended visual
# change (tests/reference/README.md). Run from anywhere; uses ./sswr (make sswr).
set -eu
cd "$(dirname "$0")/../.."
[ -x ./sswr ] || { echo "refresh.sh: build ./sswr first (make sswr)" >&2; exit 1; }
rm -f tests/reference/*.png
/usr/bin/python3 tests/refimg.py render ./sswr tests/reference/cases.txt tests/reference
echo "refreshed $(ls tests/reference/*.png | wc -l) reference images; look at them before committing"
