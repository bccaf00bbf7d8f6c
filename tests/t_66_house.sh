# t_66_house.sh — the house rules of generator/ (issue 14, "A house that
# shows itself"), read from the sources: generator/README.md lists every
# file with the prefix its header names; no static borrows another module's
# prefix or a library's; includes follow the pipeline one way; the lay-out
# stage only looks figures up in the model; output/ holds only its README.

# house CHECK [DIR] — runs one check of the Python below over DIR (default
# generator/); prints "ok" or one line per problem.
house() {
    /usr/bin/python3 - "$1" "${2:-$ROOT/generator}" 2>&1 <<'PY'
import os, re, sys
check, gen = sys.argv[1], sys.argv[2]
readme = open(os.path.join(gen, "README.md")).read()
rows = re.findall(r"^\| `([\w.]+)` \| ([^|]+?) \| (?:`(\w+)`|—) \|", readme, re.M)
table = {f: (stage, prefix) for f, stage, prefix in rows}
sources = sorted(f for f in os.listdir(gen) if f.endswith((".c", ".h")))
def text(f): return open(os.path.join(gen, f)).read()
def module(f): return f.rsplit(".", 1)[0]
def header_prefix(m):
    h = os.path.join(gen, m + ".h")
    found = re.search(r"Prefix: (\w+)\.", open(h).read()) if os.path.exists(h) else None
    return found.group(1) if found else None
# Order of the stages; the command line may include anything, shared
# helpers anything shared.
ORDER = {"load": 1, "compute": 2, "lay out": 3, "lay out, draw / write": 3, "draw / write": 4}
def stage(m):
    for f in (m + ".c", m + ".h"):
        if f in table: return table[f][0]
    return None
problems = []
if check == "table":
    for f in sources:
        if f.endswith(".c") and f not in table: problems.append("%s is not in generator/README.md" % f)
    for f in table:
        if f not in sources: problems.append("generator/README.md lists %s, which does not exist" % f)
    for f, (st, prefix) in sorted(table.items()):
        if st not in ORDER and st not in ("command line", "shared"):
            problems.append("%s: unknown stage '%s'" % (f, st))
        hp = header_prefix(module(f))
        if hp and hp != prefix: problems.append("%s: README says prefix %s, its header %s" % (f, prefix, hp))
elif check == "statics":
    prefixes = {p for _, (_, p) in table.items() if p}
    libraries = ("lua_", "luaL_", "cairo_", "ft_", "FT_", "hpdf_", "HPDF_", "fribidi_", "iconv_")
    # Left for the branch that is rewriting the tables code of layout.c.
    allowed = {("layout.c", "fit_at")}
    for f in sources:
        if not f.endswith(".c"): continue
        own = table.get(f, ("", ""))[1]
        src = re.sub(r"/\*.*?\*/", "", text(f), flags=re.S)
        names = re.findall(r"^static\s+(?:inline\s+)?[\w\s\*]*?\b(\w+)\s*\(", src, re.M)
        names += re.findall(r"^static\s+[^(;]*?\b(\w+)\s*(?:\[[^\]]*\]\s*)?[=;]", src, re.M)
        names += re.findall(r"^typedef\s+(?:struct|enum|union)\s+(\w+)", src, re.M)
        names += re.findall(r"^\}\s*(\w+);", src, re.M)
        for n in sorted(set(names)):
            if (f, n) in allowed: continue
            for p in prefixes:
                if n.startswith(p) and p != own:
                    owner = sorted(k for k, v in table.items() if v[1] == p and k.endswith(".c"))[0]
                    problems.append("%s: %s uses %s, the prefix of %s" % (f, n, p, owner))
            for p in libraries:
                if n.startswith(p): problems.append("%s: %s uses %s, a library's prefix" % (f, n, p))
elif check == "includes":
    for f in sources:
        m, st = module(f), stage(module(f))
        if st == "command line" or st is None: continue
        for inc in re.findall(r'^#include "(\w+)\.h"', text(f), re.M):
            ist = stage(inc)
            if inc == m or ist is None: continue
            if st == "shared":
                if ist != "shared": problems.append("%s (shared) includes %s.h (%s)" % (f, inc, ist))
                continue
            if ist == "command line":
                problems.append("%s (%s) includes %s.h (command line)" % (f, st, inc))
            elif ist != "shared" and ORDER[ist] > ORDER[st]:
                if m in ("layout", "report") and inc in ("pdfwrite", "pdfdoc"): continue
                problems.append("%s (%s) includes %s.h, of a later stage (%s)" % (f, st, inc, ist))
elif check == "lookups":
    lookups = {"cp_find", "cp_value", "cp_illustrative", "cp_country_ok", "cp_ind_index"}
    for f in sources:
        if stage(module(f)) not in ("lay out", "lay out, draw / write", "draw / write"): continue
        src = re.sub(r"/\*.*?\*/", "", text(f), flags=re.S)
        for call in sorted(set(re.findall(r"\b(cp_\w+)\s*\(", src)) - lookups):
            problems.append("%s calls %s: the lay-out and writing stages only look figures up" % (f, call))
print("\n".join(problems) or "ok")
PY
}

t_begin "house: generator/README.md lists every file, with the prefix its header names"
out=$(house table)
[ "$out" = ok ] || t_fail "$out"
t_end

t_begin "house: no static borrows another module's prefix or a library's"
out=$(house statics)
[ "$out" = ok ] || t_fail "$out"
t_end

t_begin "house: includes follow the pipeline one way (no module includes a later stage's header)"
out=$(house includes)
[ "$out" = ok ] || t_fail "$out"
t_end

t_begin "house: lay out and write only look figures up in the model (never run a script)"
out=$(house lookups)
[ "$out" = ok ] || t_fail "$out"
t_end

# The checks above must be able to fail: each is run over a copy of
# generator/ with one rule broken.
t_begin "house: each check above fails on a copy of generator/ that breaks its rule"
g="$TMPROOT/house-gen"
broken() {   # broken CHECK CMD... — a fresh copy of generator/, CMD edits it, CHECK runs over it
    local check=$1
    shift
    rm -rf "$g" && cp -r "$ROOT/generator" "$g" && "$@" && house "$check" "$g"
}
out=$(broken table sed -i '/^| `fit.c` /d' "$g/README.md")
expect_eq "$out" "fit.c is not in generator/README.md" "a file missing from the table"
out=$(broken statics sed -i 's/\btrend_x\b/tr_x/g' "$g/chart.c")
expect_eq "$out" "chart.c: tr_x uses tr_, the prefix of i18n.c" "a static with i18n's prefix"
out=$(broken includes sed -i 's/#include "util.h"/#include "util.h"\n#include "layout.h"/' "$g/compute.c")
expect_eq "$out" "compute.c (compute) includes layout.h, of a later stage (lay out)" "compute including layout.h"
out=$(broken lookups sed -i 's/cp_value(/cp_compute(/' "$g/layout.c")
case $out in "layout.c calls cp_compute: "*) ;; *) t_fail "layout.c calling cp_compute not found: $out" ;; esac
t_end

t_begin "house: output/ holds only its README in the repository, and it names what a build writes"
expect_file "$ROOT/output/README.md"
for p in 'YEAR/LANG/ISO3.pdf' 'YEAR/LANG/report.pdf' 'YEAR/LANG/charts/' 'YEAR/LANG/.stamps/' \
    'YEAR/indicators.csv' 'YEAR/.sswr-lock'; do
    grep -qF "$p" "$ROOT/output/README.md" || t_fail "output/README.md does not name $p"
done
grep -qx '/output/\*' "$ROOT/.gitignore" && grep -qx '!/output/README.md' "$ROOT/.gitignore" ||
    t_fail ".gitignore does not ignore output/ but its README"
# make report writes nothing but what sswr build writes (under output/YEAR/).
grep -A4 '^report:' "$ROOT/Makefile" | grep -q 'output/indicators' && t_fail "make report writes output/indicators.*"
t_end
