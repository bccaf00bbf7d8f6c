# t_70_valgrind.sh — the end-to-end path under valgrind (the release build:
# valgrind and ASan do not mix): a build of profiles in a Latin, an Arabic
# and a Chinese language with charts, the combined reports and the exports,
# must show no memory error and no definite or indirect leak.
W="$TMPROOT/valgrind"
rm -rf "$W" && mkdir -p "$W"
D=$(subset_fixture vgdata KEN EGY CHN FRA BRA)
mv "$D" "$W/datasets"
cd "$W"
VG="valgrind -q --error-exitcode=3 --leak-check=full --errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect"

t_begin "valgrind: build en, ar, zh with charts, reports and exports: no errors, no leaks"
run $VG "$SSWR_RELEASE" build --lang en,ar,zh -j 1
expect_status 0
expect_err_has "sswr: 18 built, 0 up to date, 0 failed"
expect_err_lacks "definitely lost"
t_end

t_begin "valgrind: indicators, check with review, strings check: no errors, no leaks"
run $VG "$SSWR_RELEASE" indicators --format json -o ind.json
expect_status 0
run $VG "$SSWR_RELEASE" check
expect_status 0
cd "$ROOT"
run $VG "$SSWR_RELEASE" strings check
expect_status 0
t_end
cd "$ROOT"
