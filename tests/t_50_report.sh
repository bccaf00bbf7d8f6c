# t_50_report.sh — the combined report and the yearly batch (issue: annual
# report). Runs on a 12-country subset of the shipped datasets so the ASan
# build stays quick; the structure is checked by tests/report_check.py
# (qpdf --json: bookmarks, contents links, page arithmetic).
SUBSET="KEN UGA TZA ETH GHA NGA FRA DEU BRA PER NPL IDN"

W="$TMPROOT/batch"
rm -rf "$W" && mkdir -p "$W"
D=$(subset_fixture batchdata $SUBSET)
mv "$D" "$W/datasets"
cd "$W"

t_begin "build: profiles, reports, charts and exports for every language asked"
run $SSWR build --lang en,fr -j 2
expect_status 0
expect_err_has "sswr: 26 built, 0 up to date, 0 failed"
for l in en fr; do
    for c in $SUBSET; do expect_file "output/2024/$l/$c.pdf"; done
    expect_file "output/2024/$l/report.pdf"
    run qpdf --check "output/2024/$l/report.pdf"
    expect_status 0
done
expect_file output/2024/indicators.csv
expect_file output/2024/indicators.json
/usr/bin/python3 -m json.tool output/2024/indicators.json >/dev/null 2>&1 || t_fail "indicators.json does not parse"
expect_file output/2024/en/charts/KEN-compare.svg
t_end

for l in en fr; do
    t_begin "report $l: page count is the sum of its parts; contents links and bookmarks point to the right pages"
    run /usr/bin/python3 "$ROOT/tests/report_check.py" "output/2024/$l/report.pdf" 12
    expect_status 0
    [ "$STATUS" = 0 ] || t_fail "$OUT"
    t_end
done

t_begin "report: overview and annexes are present"
text=$(pdftotext -enc UTF-8 output/2024/en/report.pdf - 2>/dev/null)
for s in "Median workers per 100,000 people, 2024" "Headline figures, 2024" "Annex A. Methodology" \
         "Annex B. Sources" "Workers per 100,000 people, every country with data, 2024" \
         "Countries reporting each element of the capacity grid, 2024" "illustrative sample data"; do
    grep -qF -- "$s" <<<"$text" || t_fail "'$s' not in the report"
done
# the methodology annex lists the indicators' formulas
grep -qF "Formula: workforce_total / population" <<<"$text" || grep -qF "Formula: " <<<"$text" || t_fail "no formulas"
t_end

t_begin "batch: a no-op rebuild builds nothing"
run $SSWR build --lang en,fr -j 2
expect_status 0
expect_err_has "sswr: 0 built, 26 up to date, 0 failed"
t_end

t_begin "batch: changing one country's source rebuilds exactly its profiles, the reports and the exports"
sed -i 's/^\(KEN,2024,social_worker,government,[0-9]*,\)illustrative,/\1Ministry of Labour and Social Protection (2024),/' datasets/workforce.csv
grep -q "Ministry of Labour" datasets/workforce.csv || t_fail "fixture edit did not apply"
run $SSWR build --lang en,fr -j 2
expect_status 0
built=$(grep '^built ' <<<"$ERR" | sed 's/^built //' | sort | tr '\n' ' ')
# the exports have their own stamp, and KEN's rows are among their inputs
expect_eq "$built" "output/2024/en/KEN.pdf output/2024/en/report.pdf output/2024/fr/KEN.pdf output/2024/fr/report.pdf output/2024/indicators.csv output/2024/indicators.json " "rebuilt outputs"
pdftotext output/2024/en/KEN.pdf - 2>/dev/null | grep -q "Ministry of Labour" || t_fail "the new source is not in KEN's profile"
t_end

t_begin "batch: --force rebuilds everything, byte-identical to the previous build"
sha256sum output/2024/*/*.pdf output/2024/indicators.* >"$TMPROOT/sums1"
run $SSWR build --lang en,fr -j 2 --force
expect_status 0
expect_err_has "sswr: 26 built, 0 up to date, 0 failed"
sha256sum output/2024/*/*.pdf output/2024/indicators.* >"$TMPROOT/sums2"
cmp -s "$TMPROOT/sums1" "$TMPROOT/sums2" || t_fail "a full rerun is not byte-identical: $(diff "$TMPROOT/sums1" "$TMPROOT/sums2" | head -4)"
t_end

t_begin "batch: an interrupted build leaves no partial file and no false stamp"
rm -rf output
# SIGTERM: a background job of a non-interactive shell ignores SIGINT.
$SSWR build --lang en,fr -j 2 --force >/dev/null 2>&1 &
pid=$!
for i in $(seq 1 300); do [ -n "$(ls output/2024/*/*.pdf 2>/dev/null)" ] && break; sleep 0.05; done
kill -TERM "$pid" 2>/dev/null
wait "$pid"
st=$?
[ "$st" -ne 0 ] || t_fail "an interrupted build exited 0"
sleep 0.3
pgrep -f "$SSWR build --lang en,fr" >/dev/null && t_fail "workers still running after the interrupt"
ls output/2024/*/*.tmp* output/2024/*/.stamps/*.tmp* 2>/dev/null && t_fail "temporary files left"
for s in output/2024/*/.stamps/*; do
    [ -e "$s" ] || continue
    name=$(basename "$s")
    pdf="$(dirname "$(dirname "$s")")/$name.pdf"
    [ -s "$pdf" ] || t_fail "stamp $s without its PDF"
done
for f in output/2024/*/*.pdf; do
    [ -e "$f" ] || continue
    qpdf --check "$f" >/dev/null 2>&1 || t_fail "partial PDF $f"
done
# the next build finishes the job
run $SSWR build --lang en,fr -j 2
expect_status 0
for l in en fr; do for c in $SUBSET; do expect_file "output/2024/$l/$c.pdf"; done; done
t_end

t_begin "batch: a failed country is reported with its reason, the others are built, exit 1"
echo "UGA,2024,social_worker,government,-5,illustrative," >>datasets/workforce.csv
run $SSWR build --lang en -j 2
expect_status 1
expect_err_has "column count: negative number -5"
expect_err_has "sswr: UGA (en): FAILED"
expect_file output/2024/en/KEN.pdf
t_end

t_begin "batch: an output folder that cannot be created is a clear failure"
sed -i '/^UGA,2024,social_worker,government,-5,/d' datasets/workforce.csv
: >blocker    # a file where a folder is needed (chmod would not stop root)
run $SSWR profile KEN -o blocker/sub/KEN.pdf
expect_status 1
expect_err_has "cannot create the folder of blocker/sub/KEN.pdf: Not a directory"
t_end
cd "$ROOT"

t_begin "install: the installed program finds its files without the source tree"
inst="$TMPROOT/inst"
run make -s install PREFIX="$inst"
expect_status 0
expect_file "$inst/bin/sswr"
expect_file "$inst/share/man/man1/sswr.1"
expect_file "$inst/share/sswr/fonts/fonts.txt"
expect_file "$inst/share/sswr/templates/profile.tpl"
expect_file "$inst/share/sswr/scripts/config.lua"
mkdir -p "$TMPROOT/elsewhere" && cd "$TMPROOT/elsewhere"
run "$inst/bin/sswr" profile KEN --lang fr -o k.pdf
expect_status 0
expect_file k.pdf
cd "$ROOT"
run groff -man -ww -z doc/sswr.1
expect_status 0
[ -z "$ERR" ] || t_fail "man page warnings: $ERR"
for c in check indicators profile build review strings; do
    grep -q "^\.BR $c\|^\.BR \"$c" doc/sswr.1 || t_fail "man page lacks the $c command"
done
t_end
