#!/usr/bin/python3
"""png_check.py PNG SVG — checks a chart PNG the way a strict decoder would and
against its SVG twin: the signature, every chunk's CRC, IHDR (8-bit RGB,
non-interlaced), pHYs, one IDAT stream that inflates to exactly height rows of
1 + 3 x width bytes with valid filter bytes, and a picture that is neither blank
nor all ink, whose size matches the SVG's at the pHYs resolution."""
import re, struct, sys, zlib

def fail(msg):
    print(f"{sys.argv[1]}: {msg}")
    sys.exit(1)

data = open(sys.argv[1], "rb").read()
if data[:8] != b"\x89PNG\r\n\x1a\n":
    fail("not a PNG signature")
pos, chunks = 8, []
while pos < len(data):
    if pos + 12 > len(data):
        fail("truncated chunk")
    n, kind = struct.unpack(">I4s", data[pos:pos + 8])
    if pos + 12 + n > len(data):
        fail(f"truncated {kind!r} chunk")
    body = data[pos + 8:pos + 8 + n]
    crc, = struct.unpack(">I", data[pos + 8 + n:pos + 12 + n])
    if zlib.crc32(kind + body) != crc:
        fail(f"bad CRC in {kind!r}")
    chunks.append((kind, body))
    pos += 12 + n
kinds = [k for k, _ in chunks]
if kinds[0] != b"IHDR" or kinds[-1] != b"IEND" or b"IDAT" not in kinds:
    fail(f"chunk order {kinds}")
w, h, depth, ctype, comp, filt, inter = struct.unpack(">IIBBBBB", chunks[0][1])
if (depth, ctype, comp, filt, inter) != (8, 2, 0, 0, 0):
    fail("not 8-bit RGB, non-interlaced")
phys = dict(chunks).get(b"pHYs")
if not phys:
    fail("no pHYs")
ppm_x, ppm_y, unit = struct.unpack(">IIB", phys)
raw = zlib.decompress(b"".join(b for k, b in chunks if k == b"IDAT"))
row = 1 + 3 * w
if len(raw) != row * h:
    fail(f"{len(raw)} bytes inflated, {row * h} expected")
if any(raw[y * row] > 4 for y in range(h)):
    fail("a row has an invalid filter byte")
# Unfilter (None, Sub, Up, Average, Paeth) and count the non-white pixels.
prev, ink = bytearray(3 * w), 0
for y in range(h):
    f, cur = raw[y * row], bytearray(raw[y * row + 1:(y + 1) * row])
    for x in range(3 * w):
        a = cur[x - 3] if x >= 3 else 0
        b, c = prev[x], prev[x - 3] if x >= 3 else 0
        if f == 1: cur[x] = (cur[x] + a) & 255
        elif f == 2: cur[x] = (cur[x] + b) & 255
        elif f == 3: cur[x] = (cur[x] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            cur[x] = (cur[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    ink += sum(1 for x in range(0, 3 * w, 3) if cur[x:x + 3] != b"\xff\xff\xff")
    prev = cur
share = ink / (w * h)
if not 0.005 < share < 0.5:
    fail(f"{share:.1%} of the pixels are not white")
svg = open(sys.argv[2], encoding="utf-8").read()
m = re.search(r'<svg[^>]*width="([\d.]+)(?:pt)?"[^>]*height="([\d.]+)(?:pt)?"', svg)
if not m:
    fail("no size in the SVG")
dpi = ppm_x * 0.0254
want_w, want_h = float(m.group(1)) * dpi / 72, float(m.group(2)) * dpi / 72
if abs(w - want_w) > 1.01 or abs(h - want_h) > 1.01 or unit != 1 or ppm_x != ppm_y:
    fail(f"{w}x{h} px at {dpi:.0f} dpi, the SVG is {m.group(1)}x{m.group(2)} pt")
