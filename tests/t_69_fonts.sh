# t_69_fonts.sh — the fonts of every PDF (issues 16 and 18, generator/pdffont.h): each a
# per-document subset with only the glyphs drawn, a ToUnicode map poppler reads without a
# warning that gives the letters written (never Arabic presentation forms), in profiles of
# every language and in reports; the same document always embeds the same bytes.

D=$(subset_fixture fonts69 KEN EGY CHN RUS VCT FRA)
W="$TMPROOT/fonts69-work"
rm -rf "$W" && mkdir -p "$W"
LANGS=en,fr,es,pt,ar,zh,ru,sw,id

t_begin "fonts: profiles in nine languages and their reports embed per-document subsets with a correct ToUnicode"
cd "$W"
run "$SSWR" build --datasets "$D" --lang "$LANGS" --no-charts -j 2
cd "$ROOT"
expect_status 0
pdfs=$(ls "$W"/output/2024/*/*.pdf 2>/dev/null)
[ "$(wc -l <<<"$pdfs")" = $((9 * 7)) ] || t_fail "expected 63 PDFs, got $(wc -l <<<"$pdfs")"
run /usr/bin/python3 "$ROOT/tests/font_check.py" $pdfs
expect_status 0
[ -z "$OUT" ] || t_fail "$(head -5 <<<"$OUT")"
t_end

t_begin "fonts: poppler reads every font of every PDF without a warning"
[ -n "$pdfs" ] || t_fail "no PDFs to read"
for f in $pdfs; do
    w=$(pdftotext "$f" /dev/null 2>&1)
    [ -z "$w" ] || t_fail "$f: $w"
done
t_end

t_begin "fonts: an Arabic profile copies as letters, a lam-alef as two"
f="$W/output/2024/ar/EGY.pdf"
run /usr/bin/python3 -c '
import re, sys, pikepdf
pdf = pikepdf.open(sys.argv[1])
pairs = set()
for f in pdf.pages[0].Resources.Font.as_dict().values():
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", f.ToUnicode.read_bytes(), re.S):
        pairs.update(u.decode() for _, u in re.findall(rb"<([0-9A-F]{4})>\s*<([0-9A-F]+)>", block))
print("lam-alef" if "06440627" in pairs else "none", "meem" if "0645" in pairs else "no-meem")
' "$f"
expect_status 0
expect_eq "$OUT" "lam-alef meem" "the Arabic font's ToUnicode"
t_end

t_begin "fonts: the same document embeds the same subsets, byte for byte"
run "$SSWR" profile CHN --datasets "$D" --lang zh -o "$W/a.pdf"
run "$SSWR" profile CHN --datasets "$D" --lang zh -o "$W/b.pdf"
cmp -s "$W/a.pdf" "$W/b.pdf" || t_fail "two runs differ"
cmp -s "$W/a.pdf" "$W/output/2024/zh/CHN.pdf" || t_fail "the profile differs from the build's"
t_end
