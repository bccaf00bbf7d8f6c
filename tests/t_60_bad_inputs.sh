# t_60_bad_inputs.sh — bad-input cases not covered by the other files (the
# whole catalogue is listed in tests/bad-inputs/README.md): encodings, a
# 100 MB file, a flood of bad rows, a full disk, earlier outputs kept.

t_begin "bad input: a Windows-1252 export is rejected with how to fix it, or converted with --input-encoding"
d=$(fixture cp1252)
/usr/bin/python3 -c 'import sys; p=sys.argv[1]; t=open(p,encoding="utf-8").read(); open(p,"wb").write(t.encode("cp1252",errors="replace"))' "$d/names/fr.csv"
run $SSWR check --datasets "$d"
expect_status 1
expect_err_has "names/fr.csv:"
expect_err_has "invalid UTF-8 (byte 0xE9"
expect_err_has "or load it with --input-encoding windows-1252"
run $SSWR check --input-encoding windows-1252 --datasets "$d"
expect_status 0
run $SSWR --input-encoding windows-1252 profile BIH --lang fr --datasets "$d" -o "$TMPROOT/bih.pdf"
expect_status 0
pdftotext "$TMPROOT/bih.pdf" - 2>/dev/null | grep -qF "Bosnie-Herzégovine" || t_fail "converted name not in the profile"
run $SSWR --input-encoding no-such-encoding check
expect_status 2
expect_err "sswr: unknown input encoding 'no-such-encoding' (try windows-1252, iso-8859-1)"
t_end

t_begin "bad input: 10,000 bad rows print 100 problems and a count, and fail one country"
d=$(fixture flood)
for i in $(seq 1 10000); do echo "KEN,2024,social_worker,government,x$i,illustrative,"; done >>"$d/workforce.csv"
run $SSWR check --datasets "$d" --no-review
expect_status 1
expect_err_has "workforce.csv: 9900 more problems in this file are not shown"
expect_err_has "215 countries (1 with errors), 10000 errors"
n=$(grep -c 'workforce.csv:[0-9]*: column count' <<<"$ERR")
expect_eq "$n" 100 "problems printed"
t_end

t_begin "bad input: a 100 MB workforce file loads in bounded time and memory"
d=$(fixture big)
/usr/bin/python3 - "$d/workforce.csv" <<'PY'
import sys
note = "n" * 1700
isos = [l.split(",")[0] for l in open(sys.argv[1].replace("workforce.csv", "countries.csv")).read().splitlines()[1:]]
with open(sys.argv[1], "w") as f:
    f.write("iso3,year,cadre,sector,count,source,note\n")
    for iso in isos:
        for year in range(2010, 2025):   # every year with workers needs its population
            for cadre in ("social_worker", "para_social_worker", "child_protection_officer",
                          "community_development_worker", "social_welfare_officer", "unspecified"):
                for sector in ("government", "non_government", "unspecified"):
                    f.write(f"{iso},{year},{cadre},{sector},1,illustrative,{note}\n")
PY
size=$(stat -c %s "$d/workforce.csv")
[ "$size" -gt 90000000 ] || t_fail "fixture is only $size bytes"
# the release build: the ASan one would measure the sanitizer
out=$( { /usr/bin/time -f '%e %M' "$SSWR_RELEASE" check --datasets "$d" --no-review --quiet; } 2>&1 )
st=$?
[ "$st" = 0 ] || t_fail "status $st: $(tail -3 <<<"$out")"
read -r secs kb <<<"$(tail -1 <<<"$out")"
awk -v s="$secs" 'BEGIN { exit !(s < 30) }' || t_fail "took $secs s"
awk -v k="$kb" 'BEGIN { exit !(k < 1500000) }' || t_fail "peak memory $kb KB"
t_end

t_begin "bad output: a full disk (file-size limit) fails cleanly and keeps the earlier PDF"
f="$TMPROOT/full/KEN.pdf"
mkdir -p "$TMPROOT/full"
run $SSWR profile KEN -o "$f"
expect_status 0
sha=$(sha256sum "$f" | cut -d' ' -f1)
# 20 KB: less than a profile. Without SIGXFSZ ignored the process would be killed.
run bash -c "ulimit -f 20; exec $SSWR profile KEN --lang fr -o '$f'"
expect_status 1
expect_err_has "cannot write $f: File too large"
ls "$TMPROOT/full"/*.tmp* 2>/dev/null && t_fail "temporary file left"
expect_eq "$(sha256sum "$f" | cut -d' ' -f1)" "$sha" "earlier PDF"
t_end

t_begin "bad output: an export to a full disk fails cleanly"
run bash -c "ulimit -f 50; exec $SSWR indicators -o '$TMPROOT/full/ind.csv'"
expect_status 1
expect_err_has "cannot write $TMPROOT/full/ind.csv: File too large"
expect_no_file "$TMPROOT/full/ind.csv"
t_end

t_begin "bad font: a missing prepared font names its Debian package and 'make fonts'"
home="$TMPROOT/home-nofont"
rm -rf "$home" && mkdir -p "$home/build"
ln -s "$ROOT/templates" "$home/templates"
ln -s "$ROOT/scripts" "$home/scripts"
cp -r "$ROOT/build/fonts" "$home/build/fonts"
rm "$home/build/fonts/sswr-cjk.ttf"
SSWR_HOME="$home" run $SSWR profile CHN --lang zh -o "$TMPROOT/chn.pdf"
expect_status 1
expect_err_has "sswr-cjk.ttf"
expect_err_has "fonts-wqy-microhei"
expect_no_file "$TMPROOT/chn.pdf"
t_end
