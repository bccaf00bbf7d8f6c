# t_10_loader_cli.sh — `sswr check` as a command: missing folders and files,
# one country's bad data failing that country only (also for `indicators`),
# usage errors, and a valgrind run of the release build.
. tests/t_10_loader_lib.sh

t_begin "loader: a datasets folder that does not exist"
d=$TMPROOT/ld_no_such_folder
run "$SSWR" check --datasets "$d"
expect_status 1
expect_err "$d: cannot open the datasets folder: No such file or directory"
expect_messages 1
expect_unusable "$d" 1 0
t_end

t_begin "loader: countries.csv missing is fatal and names the file"
d=$(fixture ld_no_countries_file)
rm "$d/countries.csv"
check "$d"
expect_status 1
expect_err "$d/countries.csv: cannot read the file: No such file or directory"
expect_messages 1
expect_unusable "$d" 1 0
t_end

t_begin "loader: workforce.csv missing is fatal, the other files are still checked"
d=$(fixture ld_no_workforce_file)
rm "$d/workforce.csv"
L=$(line_of "$d/population.csv" '^UGA,2019,')
edit "$d/population.csv" "$L" 's/^UGA,2019,[0-9]*,/UGA,2019,x,/'
check "$d"
expect_status 1
expect_err "$d/workforce.csv: cannot read the file: No such file or directory"
expect_err "$d/population.csv:$L: column population: not a number: \"x\""
expect_messages 2
expect_unusable "$d" 2 0
t_end

# One bad row of KEN: KEN fails, every other country is still usable.
SCOPE=$(fixture ld_scope)
W=$SCOPE/workforce.csv
SL=$(line_of "$W" '^KEN,2019,para_social_worker,government,')
edit "$W" "$SL" 's/,[0-9]*,illustrative,$/,lots,illustrative,/'
SMSG="$W:$SL: column count: not a number: \"lots\""

t_begin "loader: one bad row of KEN fails KEN only"
check "$SCOPE"
expect_status 1
expect_err "$SMSG"
expect_messages 1
expect_summary 215 1 1 0
t_end

t_begin "loader: indicators for UGA are still written when KEN has errors"
run "$SSWR" indicators --datasets "$SCOPE" --country UGA --format csv
# the datasets have an error, so the status says so; UGA's rows are complete
expect_status 1
expect_err "$SMSG"
expect_out_has "iso3,indicator,key,year,value,unit,illustrative"
expect_out_has "UGA,workforce_total,,2019,"
expect_out_lacks "KEN,"
expect_err_lacks "UGA has errors"
t_end

t_begin "loader: indicators for KEN say that KEN has errors"
run "$SSWR" indicators --datasets "$SCOPE" --country KEN --format csv
expect_status 1
expect_err "$SMSG"
expect_err "sswr indicators: KEN has errors in its data (see above); no indicators"
expect_out_lacks "KEN,"
t_end

t_begin "loader: check --quiet prints the errors and the one-line summary"
run "$SSWR" check $NO_REVIEW --quiet --datasets "$SCOPE"
expect_status 1
expect_err "$SMSG"
expect_messages 1
expect_summary 215 1 1 0
expect_eq "$(grep -c '^sswr check: ' <<<"$ERR")" 1 "summary lines"
t_end

# ---- usage ---------------------------------------------------------------

# A usage error is one line and a hint to --help (t_65_commands.sh has the rest).
HINT="Try 'sswr check --help' for more information."

t_begin "loader: check with an unknown option is a usage error"
run "$SSWR" check --bogus
expect_status 2
expect_eq "$ERR" "sswr check: unknown option '--bogus'
$HINT" "stderr"
expect_eq "$OUT" "" "stdout"
t_end

t_begin "loader: check with an extra argument is a usage error"
run "$SSWR" check extra-arg
expect_status 2
expect_eq "$ERR" "sswr check: unexpected argument 'extra-arg'
$HINT" "stderr"
expect_eq "$OUT" "" "stdout"
t_end

t_begin "loader: check --datasets without its value is a usage error"
run "$SSWR" check --datasets
expect_status 2
expect_eq "$ERR" "sswr check: --datasets needs a value
$HINT" "stderr"
t_end

t_begin "loader: sswr --help prints the commands on stdout"
run "$SSWR" --help
expect_status 0
expect_out_has "usage: sswr [--help] [--version] [--input-encoding ENC] COMMAND [OPTIONS]"
expect_out_has "  check        validate the datasets and report every problem"
expect_eq "$ERR" "" "stderr"
t_end

t_begin "loader: sswr check --help prints the options on stdout"
run "$SSWR" check --help
expect_status 0
expect_out_has "usage: sswr check [--datasets DIR] "
expect_out_has "  -d, --datasets DIR  folder of the CSV files (default: ./datasets)"
expect_eq "$ERR" "" "stderr"
t_end

t_begin "loader: sswr --version"
run "$SSWR" --version
expect_status 0
grep -qxE 'sswr [0-9]+\.[0-9]+\.[0-9]+' <<<"$OUT" || t_fail "stdout is '$OUT', expected 'sswr X.Y.Z'"
t_end

t_begin "loader: sswr without a command, or with an unknown one, is a usage error"
run "$SSWR"
expect_status 2
expect_err "usage: sswr [--help] [--version] [--input-encoding ENC] COMMAND [OPTIONS]"
run "$SSWR" chekc
expect_status 2
expect_err "sswr: unknown command 'chekc' (did you mean check?)"
expect_err "Try 'sswr --help' for more information."
t_end

# ---- memory ----------------------------------------------------------------

# vg ARGS... — the release binary under valgrind; errors and definite or
# indirect leaks make it exit 3.
vg() {
    run valgrind -q --error-exitcode=3 --leak-check=full \
        --errors-for-leak-kinds=definite,indirect "$SSWR_RELEASE" "$@"
}

t_begin "loader: valgrind, shipped datasets: no errors, no leaks"
if ! command -v valgrind >/dev/null; then
    t_fail "valgrind is not installed (apt-get install valgrind)"
else
    vg check
    expect_status 0
    expect_summary 215 0 0 '*'
    expect_err_lacks "=="
fi
t_end

# The error paths: broken quoting with recovery, bad bytes, bad cells,
# duplicates, a warning.
t_begin "loader: valgrind, datasets full of errors: no errors, no leaks"
if ! command -v valgrind >/dev/null; then
    t_fail "valgrind is not installed (apt-get install valgrind)"
else
    d=$(fixture ld_valgrind)
    W=$d/workforce.csv
    L=$(line_of "$W" '^KEN,2019,para_social_worker,government,')
    edit "$W" "$L" 's/,illustrative,$/,"illustrative,/'
    edit "$W" $((L + 3)) 's/,$/,caf\xe9/'
    L=$(line_of "$W" '^UGA,2019,')
    edit "$W" "$L" 's/,[0-9]*,illustrative,/,"1,234",illustrative,/; s/^UGA/UGX/'
    edit "$W" $((L + 1)) 's/,illustrative,$/,"e"x,/'
    L=$(line_of "$d/population.csv" '^BRA,2019,')
    edit "$d/population.csv" $((L + 1)) 's/^BRA,2020,/BRA,2019,/'
    sed -i 's/$/,/' "$d/system.csv"
    vg check $NO_REVIEW --datasets "$d"
    expect_status 1
    expect_err_lacks "=="
    expect_summary 215 3 6 1
fi
t_end
