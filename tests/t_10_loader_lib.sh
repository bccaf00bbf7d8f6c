# t_10_loader_lib.sh — helpers shared by the loader tests (t_10_loader_*.sh),
# which source it. It defines functions only: run on its own by run.sh it
# records no case.
#
#   d=$(fixture ld_name)                    # a copy of the shipped datasets
#   L=$(line_of "$d/workforce.csv" '^KEN,2019,social_worker,government,')
#   edit "$d/workforce.csv" "$L" 's/,[0-9]*,illustrative/,x,illustrative/'
#   check "$d"                              # sswr check --datasets "$d"
#   expect_err "$d/workforce.csv:$L: column count: not a number: \"x\""
#   expect_messages 1                       # and nothing else
#   expect_summary 215 1 1 0                # countries, failed, errors, warnings

# line_of FILE ERE — number of the first line of FILE matching ERE, or 0
# (then the edit that uses it fails the case).
line_of() {
    local n
    n=$(grep -n -m1 -E -- "$2" "$1" | cut -d: -f1)
    echo "${n:-0}"
}

# edit FILE LINE SED-COMMANDS — applies sed commands to one line of FILE
# (e.g. 's/a/b/'); fails the case when the file did not change, so that a
# fixture never silently stops testing what it claims to.
edit() {
    local sum
    sum=$(cksum <"$1")
    sed -i "${2}{$3}" "$1" 2>/dev/null
    [ "$(cksum <"$1")" != "$sum" ] || t_fail "fixture edit '$3' on line $2 of $1 changed nothing"
}

# append FILE TEXT — adds one line to FILE.
append() { printf '%s\n' "$2" >>"$1"; }

# check DIR — runs sswr check on a datasets folder, the loader alone: the
# review of the figures (scripts/review.lua, in builds that have it) adds
# warnings of its own that would change with the rules, and takes seconds.
NO_REVIEW=$("$SSWR" check --help 2>/dev/null | grep -q -- '--no-review' && echo --no-review)
check() { run "$SSWR" check $NO_REVIEW --datasets "$1"; }

# plural N WORD — "1 error", "2 errors".
plural() { if [ "$1" = 1 ]; then echo "$1 $2"; else echo "$1 ${2}s"; fi; }

# expect_summary COUNTRIES FAILED ERRORS WARNINGS — the summary line of a
# load that could be used (its timing varies, so it is matched loosely).
# WARNINGS '*' accepts any number.
expect_summary() {
    local re w
    w=$(plural "$4" warning)
    [ "$4" = '*' ] && w='[0-9]+ warnings?'
    re="^sswr check: .+: [0-9]+ rows, $1 countries \\($2 with errors\\), $(plural "$3" error), $w \\([0-9]+\\.[0-9] ms\\)\$"
    grep -qE -- "$re" <<<"$ERR" || t_fail "no summary '$1 countries ($2 with errors), $(plural "$3" error), $(plural "$4" warning)'
    stderr was: $(tail -c 600 <<<"$ERR")"
}

# expect_unusable DIR ERRORS WARNINGS — the summary line of a load that failed.
expect_unusable() {
    expect_err "sswr check: $1: $(plural "$2" error), $(plural "$3" warning); the datasets cannot be used"
}

# expect_messages N — stderr holds exactly N lines besides the summary, so
# a case also fails on extra (duplicate, cascading or noisy) messages.
expect_messages() {
    local n
    n=$(printf '%s' "$ERR" | grep -vc '^sswr check: ')
    [ "$n" = "$1" ] || t_fail "$n messages, expected $1:
$(head -c 1500 <<<"$ERR")"
}

# expect_only_warnings — every line of stderr besides the summaries is a
# warning.
expect_only_warnings() {
    local bad
    bad=$(printf '%s' "$ERR" | grep -v '^sswr check: ' | grep -v '^[^ ]*: warning: ' | head -5)
    [ -z "$bad" ] || t_fail "lines that are not warnings:
$bad"
}

# to_delimiter DIR CHAR — rewrites every CSV file of DIR with another
# delimiter, quoting as a spreadsheet would (Python's csv module).
to_delimiter() {
    /usr/bin/python3 - "$1" "$2" <<'EOF'
import csv, glob, sys
d, sep = sys.argv[1], sys.argv[2]
for f in glob.glob(d + '/*.csv') + glob.glob(d + '/names/*.csv'):
    with open(f, newline='', encoding='utf-8') as fp:
        rows = list(csv.reader(fp))
    with open(f, 'w', newline='', encoding='utf-8') as fp:
        csv.writer(fp, delimiter=sep, lineterminator='\n').writerows(rows)
EOF
}

# shipped_rows — data rows of the shipped files (no field spans lines).
shipped_rows() {
    local n=0 f
    for f in "$ROOT"/datasets/*.csv "$ROOT"/datasets/names/*.csv; do
        n=$((n + $(wc -l <"$f") - 1))
    done
    echo "$n"
}
