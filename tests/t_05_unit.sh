# t_05_unit.sh — runs the C unit tests (tests/unit/test_*.c, built by
# `make unit` with ASan+UBSan). Each binary prints one line per failed check
# and exits non-zero on failure.
UNIT_DIR=${UNIT_DIR:-build/asan/tests}
for src in tests/unit/test_*.c; do
    [ -e "$src" ] || continue
    name=$(basename "$src" .c)
    t_begin "unit: $name"
    if [ ! -x "$UNIT_DIR/$name" ]; then
        t_fail "not built: $UNIT_DIR/$name (run make unit)"
    else
        run "$UNIT_DIR/$name"
        expect_status 0
    fi
    t_end
done
