#!/usr/bin/python3
"""bold_check.py PDF TEXT... — checks, independently of sswr, that every TEXT
is drawn in a bold font: each is found whole in one text-showing operator
of the PDF's page content whose current font (Tf) has a BaseFont with
"Bold" in its name. Reads the file as `qpdf --qdf` writes it (content
uncompressed); sswr's fonts are CID fonts with Identity-H, whose two-byte
codes are the BMP code points (libharu's UTF-8 encoder).
Prints one line per TEXT not found in bold (and the bold texts seen); exit 1
if any."""
import re, subprocess, sys

pdf, texts = sys.argv[1], sys.argv[2:]
qdf = subprocess.run(["qpdf", "--qdf", "--object-streams=disable", pdf, "-"],
                     stdout=subprocess.PIPE, check=False).stdout
objs = {int(m.group(1)): m.group(2)
        for m in re.finditer(rb"(?m)^(\d+) 0 obj\n(.*?)\nendobj", qdf, re.S)}

def ref(body, key):
    m = re.search(rb"/" + key + rb" (\d+) 0 R", body)
    return int(m.group(1)) if m else None

def fonts_of(page):
    """Resource name -> BaseFont of a page (resources inline or referenced)."""
    body = objs[page]
    r = ref(body, rb"Resources")
    if r is not None:
        body = objs[r]
    m = re.search(rb"/Font <<(.*?)>>", body, re.S)
    out = {}
    if m:
        for name, num in re.findall(rb"/(\w+) (\d+) 0 R", m.group(1)):
            bf = re.search(rb"/BaseFont /(\S+)", objs.get(int(num), b""))
            out[name] = bf.group(1).decode() if bf else "?"
    return out

def contents_of(page):
    body = objs[page]
    m = re.search(rb"/Contents \[(.*?)\]", body, re.S)
    nums = [int(n) for n in re.findall(rb"(\d+) 0 R", m.group(1))] if m else [ref(body, rb"Contents")]
    out = b""
    for n in nums:
        s = re.search(rb"stream\n(.*)\nendstream", objs.get(n, b""), re.S)
        if s:
            out += s.group(1) + b"\n"
    return out

bold = []   # texts shown in a bold font
for num, body in sorted(objs.items()):
    if not re.search(rb"/Type /Page\b", body):
        continue
    fonts, cur = fonts_of(num), "?"
    for m in re.finditer(rb"/(\w+) [\d.]+ Tf|<([0-9a-fA-F]*)> Tj", contents_of(num)):
        if m.group(1):
            cur = fonts.get(m.group(1), "?")
        elif "Bold" in cur:
            h = m.group(2).decode()
            bold.append("".join(chr(int(h[i:i + 4], 16)) for i in range(0, len(h) - 3, 4)))

bad = [t for t in texts if not any(t in b for b in bold)]
for t in bad:
    print(f"{pdf}: \"{t}\" is not drawn in a bold font (bold texts: {bold[:12]})")
sys.exit(1 if bad or not texts else 0)
