#!/usr/bin/python3
"""font_check.py PDF... — checks, independently of sswr, each embedded font
of each PDF: a Type 0 font with a CIDFontType2 descendant whose FontFile2
is a subset tagged ABCDEF+Name holding no more glyphs than the document
draws in it (plus .notdef and the components of composites: at most
twice the characters, and fewer than the prepared font's); a ToUnicode
CMap of bfchar entries covering every code the pages show, none mapping to
an Arabic presentation form (U+FB50–U+FDFF, U+FE70–U+FEFF): they map to
the letters shown. Prints one line per problem; exit 1 if any."""
import io, re, sys
import pikepdf
from fontTools.ttLib import TTFont

bad = []
for path in sys.argv[1:]:
    with pikepdf.open(path) as pdf:
        used = {}   # font objgen -> codes shown
        fonts = {}
        for page in pdf.pages:
            res = page.obj.Resources.get("/Font", {})
            cur = None
            for operands, op in pikepdf.parse_content_stream(page):
                if op == pikepdf.Operator("Tf"):
                    cur = res.get(str(operands[0]))
                    if cur is not None:
                        fonts[cur.objgen] = cur
                elif op == pikepdf.Operator("Tj") and cur is not None:
                    b = bytes(operands[0])
                    used.setdefault(cur.objgen, set()).update((b[i] << 8) | b[i + 1] for i in range(0, len(b) - 1, 2))
        for og, f in fonts.items():
            name = str(f.get("/BaseFont"))
            if f.get("/Subtype") != "/Type0" or f.get("/Encoding") != "/Identity-H":
                bad.append(f"{path}: {name}: not a Type 0 font with Identity-H")
                continue
            d = f.DescendantFonts[0]
            if d.get("/Subtype") != "/CIDFontType2" or not re.match(r"/[A-Z]{6}\+", name):
                bad.append(f"{path}: {name}: not a tagged CIDFontType2 subset")
            tt = TTFont(io.BytesIO(d.FontDescriptor.FontFile2.read_bytes()))
            n = tt["maxp"].numGlyphs
            codes = used.get(og, set())
            if n > 2 * len(codes) + 2:
                bad.append(f"{path}: {name}: {n} glyphs for {len(codes)} characters drawn")
            cmap = f.ToUnicode.read_bytes()
            if b"begincidrange" in cmap:
                bad.append(f"{path}: {name}: a cidrange in the ToUnicode CMap")
            mapped = {}
            for block in re.findall(rb"beginbfchar(.*?)endbfchar", cmap, re.S):
                for code, uni in re.findall(rb"<([0-9A-F]{4})>\s*<([0-9A-F]+)>", block):
                    mapped[int(code, 16)] = bytes.fromhex(uni.decode()).decode("utf-16-be")
            missing = sorted(c for c in codes if c not in mapped)
            if missing:
                bad.append(f"{path}: {name}: codes without ToUnicode: {missing[:5]}")
            forms = [t for t in mapped.values() if any(0xFB50 <= ord(ch) <= 0xFDFF or 0xFE70 <= ord(ch) <= 0xFEFF for ch in t)]
            if forms:
                bad.append(f"{path}: {name}: ToUnicode gives presentation forms: {forms[:5]}")
for b in bad:
    print(b)
sys.exit(1 if bad else 0)
