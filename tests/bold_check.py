#!/usr/bin/python3
"""bold_check.py PDF TEXT... — checks, independently of sswr, that every TEXT
is drawn in a bold font: each is found whole in one text-showing operator
of the PDF's page content whose current font (Tf) has a BaseFont with
"Bold" in its name. Codes are decoded through the font's own /ToUnicode
CMap (bfchar and bfrange entries), as a text extractor does: sswr's fonts
are per-document subsets whose two-byte codes are CIDs, not code points.
Prints one line per TEXT not found in bold (and the bold texts seen); exit 1
if any."""
import re, sys
import pikepdf

pdf, texts = sys.argv[1], sys.argv[2:]

def hexchars(h):
    b = bytes.fromhex(h.decode())
    return b.decode("utf-16-be")

def cmap_of(font):
    """Two-byte code -> text, from the font's ToUnicode CMap."""
    out = {}
    tu = font.get("/ToUnicode")
    if tu is None:
        return out
    data = tu.read_bytes()
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", data, re.S):
        for code, uni in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            out[int(code, 16)] = hexchars(uni)
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", data, re.S):
        for lo, hi, uni in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            base = int(uni, 16)
            for c in range(int(lo, 16), int(hi, 16) + 1):
                out[c] = chr(base + c - int(lo, 16))
    return out

bold = []   # texts shown in a bold font
with pikepdf.open(pdf) as doc:
    for page in doc.pages:
        fonts = page.obj.Resources.get("/Font", {})
        maps, cur, curname = {}, None, ""
        for operands, op in pikepdf.parse_content_stream(page):
            if op == pikepdf.Operator("Tf"):
                name = str(operands[0])
                f = fonts.get(name)
                curname = str(f.get("/BaseFont", "")) if f is not None else ""
                if name not in maps:
                    maps[name] = cmap_of(f) if f is not None else {}
                cur = maps[name]
            elif op == pikepdf.Operator("Tj") and cur is not None and "Bold" in curname:
                b = bytes(operands[0])
                bold.append("".join(cur.get((b[i] << 8) | b[i + 1], "\ufffd") for i in range(0, len(b) - 1, 2)))

bad = [t for t in texts if not any(t in b for b in bold)]
for t in bad:
    print(f"{pdf}: \"{t}\" is not drawn in a bold font (bold texts: {bold[:12]})")
sys.exit(1 if bad or not texts else 0)
