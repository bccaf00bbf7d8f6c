#!/bin/bash
# bench/run.sh — the benchmark behind `make bench`. Measures, with repeated
# runs and the median quoted (hyperfine), on the shipped datasets:
#   one profile as a country team runs it (a whole process, cold);
#   all English profiles on one core (ms per profile);
#   the full build (every country x 9 languages + the reports) on 2 cores;
#   a no-op rebuild; PDF size per language; peak resident memory.
# Prints a table and records it with the date and machine in bench/README.md
# (between the RESULTS markers). Scratch files go to bench/out/.
set -eu
cd "$(dirname "$0")/.."
SSWR=$PWD/sswr
OUT=$PWD/bench/out
LANGS=en,fr,es,pt,ar,zh,ru,sw,id
RUNS=${BENCH_RUNS:-5}
rm -rf "$OUT" && mkdir -p "$OUT/work"
cp -r datasets "$OUT/work/"
cd "$OUT/work"
export SOURCE_DATE_EPOCH=1767225600
# The model cache of the benchmark only (generator/modelcache.h).
export SSWR_CACHE=$OUT/cache

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
# hyper NAME RUNS CMD — median seconds of CMD over RUNS runs (hyperfine JSON).
hyper() {
    local name=$1 runs=$2
    shift 2
    local warm=1
    [ "$1" = --prepare ] && warm=0
    hyperfine --style none --warmup "$warm" --runs "$runs" --export-json "$OUT/$name.json" "$@" >/dev/null 2>&1
    /usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["results"][0]["median"])' "$OUT/$name.json"
}

ncountries=$(($(wc -l <datasets/countries.csv) - 1))
"$SSWR" build --lang en --no-charts --no-report -j 1 --quiet >/dev/null 2>&1 || true
nbuilt=$(ls output/*/en/*.pdf 2>/dev/null | grep -vc report || true)

t_one_first=$(hyper one_first "$RUNS" --prepare "rm -rf $SSWR_CACHE" "$SSWR profile KEN -o $OUT/one.pdf")
"$SSWR" profile KEN -o "$OUT/one.pdf" >/dev/null 2>&1
t_one=$(hyper one "$RUNS" "$SSWR profile KEN -o $OUT/one.pdf")
t_en=$(hyper en1 3 "$SSWR build --lang en --no-charts --no-report -j 1 --force --quiet")
t_full=$(hyper full 3 "$SSWR build --lang $LANGS -j 2 --force --quiet")
t_noop=$(hyper noop "$RUNS" "$SSWR build --lang $LANGS -j 2 --quiet")
t_ind=$(hyper indicators "$RUNS" "$SSWR indicators --format csv -o $OUT/ind.csv")
t_check=$(hyper check "$RUNS" "$SSWR check --quiet")
/usr/bin/time -f '%M' -o "$OUT/rss" "$SSWR" build --lang "$LANGS" -j 2 --force --quiet >/dev/null 2>&1
rss=$(cat "$OUT/rss")

sizes=""
for l in ${LANGS//,/ }; do
    s=$(ls -l output/*/"$l"/*.pdf | grep -v report.pdf | awk '{ n++; t += $5; if ($5 > m) m = $5 } END { printf "%.1f %.1f", t / n / 1024, m / 1024 }')
    r=$(ls -l output/*/"$l"/report.pdf | awk '{ printf "%.0f", $5 / 1024 }')
    sizes="$sizes| $l | ${s% *} | ${s#* } | $r |
"
done
pages=$(pdfinfo output/*/en/report.pdf | awk '/^Pages/ { print $2 }')
nfull=$(( (nbuilt + 1) * 9 ))

machine="$(uname -m), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(nproc) cores"
table=$(cat <<EOF2
Measured $(date -u +%Y-%m-%d) on $machine (median of repeated runs, hyperfine).

| what | result |
|---|---|
| check: load and validate all datasets (whole process) | $(awk "BEGIN { printf \"%.0f ms\", $t_check * 1000 }") |
| indicators: all countries, CSV (whole process) | $(awk "BEGIN { printf \"%.0f ms\", $t_ind * 1000 }") |
| one profile, cold process (\`sswr profile KEN\`), model in the cache | $(awk "BEGIN { printf \"%.0f ms\", $t_one * 1000 }") |
| one profile, cold process, first run (scripts run for every country) | $(awk "BEGIN { printf \"%.0f ms\", $t_one_first * 1000 }") |
| all $nbuilt English profiles on 1 core, no charts (whole process) | $(awk "BEGIN { printf \"%.2f s = %.1f ms per profile\", $t_en, $t_en * 1000 / $nbuilt }") |
| full build, 9 languages x $nbuilt profiles + 9 reports ($pages pages each) + PNG/SVG charts, 2 cores | $(awk "BEGIN { printf \"%.1f s (%d PDFs)\", $t_full, $nfull }") |
| no-op rebuild of the full build | $(awk "BEGIN { printf \"%.0f ms\", $t_noop * 1000 }") |
| peak resident memory, full build (largest process) | $(awk "BEGIN { printf \"%.0f MB\", $rss / 1024 }") |

| language | mean profile KB | largest profile KB | report KB |
|---|---|---|---|
$sizes
EOF2
)
echo "$table"
cd "$OLDPWD"
/usr/bin/python3 - "$table" <<'PY'
import sys, re
path = "bench/README.md"
text = open(path, encoding="utf-8").read()
new = "<!-- RESULTS -->\n" + sys.argv[1].strip() + "\n<!-- /RESULTS -->"
text = re.sub(r"<!-- RESULTS -->.*?<!-- /RESULTS -->", lambda m: new, text, flags=re.S)
open(path, "w", encoding="utf-8").write(text)
PY
