# t_06_lua_lib.sh — the Lua library's own tests (scripts/tests/), run with the
# stock lua5.4 interpreter. Each Lua check counts as one test here.
t_begin "lua library tests run"
run lua5.4 scripts/tests/run.lua
expect_status 0
summary=$(tail -n1 <<<"$OUT")
if [[ "$summary" =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]]; then
    for ((i = 0; i < BASH_REMATCH[1]; i++)); do echo "PASS lua check $i" >>"$RESULTS"; done
    for ((i = 0; i < BASH_REMATCH[2]; i++)); do echo "FAIL lua check: $(grep -m1 -i fail <<<"$OUT")" >>"$RESULTS"; done
else
    t_fail "no summary line from scripts/tests/run.lua: $summary"
fi
t_end
