#!/usr/bin/python3
"""Prepare the TrueType fonts sswr embeds with libharu 2.3.0.

Usage:  /usr/bin/python3 fonts/prepare.py OUTDIR

Run it with Debian's /usr/bin/python3 (package python3-fonttools); another
python3 on PATH may not have fontTools.

The source fonts are found through fontconfig (Debian packages
fonts-noto-core, fonts-wqy-microhei and fonts-noto-cjk).  Every output font is

  * subset to the code points sswr needs (see ROLES below),
  * free of composite glyphs: composites, nested ones included, are
    flattened into simple glyphs with every component transform and offset
    applied, because libharu 2.3.0 loses the parts of nested composites,
  * free of hinting (fpgm, prep, cvt, glyph programs, gasp, hdmx, ...) and of
    the layout tables (GSUB, GPOS, GDEF, ...) libharu never reads,
  * given a single (3,1) format-4 cmap (the one libharu reads), a format-3
    post table (no glyph names) and a small name table (IDs 0-6, 13, 14),
  * kept below 32768 glyphs (libharu reads glyph ids as signed 16 bit).

libharu copies every non-glyph table and a width array for the whole font
into each PDF, so the smaller the font, the smaller and faster every PDF.

A few characters the sources lack are added (listed as comments in
fonts.txt): math operators and arrows from Noto Sans Math, U+2212 built
from the font's own "=", ASCII punctuation for the Arabic fonts from Noto
Sans, and blank glyphs for U+FEFF (FriBidi's lam-alef filler), U+200B,
U+2009 and U+202F.

Output is deterministic: head.created/modified come from the source font
(head.modified from SOURCE_DATE_EPOCH when that is set) and fontTools is
told not to touch timestamps, so two runs give identical bytes.

OUTDIR receives sswr-latin-regular.ttf, sswr-latin-bold.ttf,
sswr-arabic-regular.ttf, sswr-arabic-bold.ttf, sswr-cjk.ttf,
sswr-cjk-bold.ttf (Noto Sans CJK SC Bold, whose CFF outlines are converted
to TrueType quadratics: libharu loads only glyf fonts) and, written
last, fonts.txt: one line per font "role file source-path glyph-count";
'#' starts a comment line.
"""

import os
import struct
import subprocess
import sys
import tempfile

try:
    from fontTools import subset
    from fontTools.misc.roundTools import otRound
    from fontTools.misc.timeTools import epoch_diff
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import TTFont, newTable
    from fontTools.ttLib.tables import ttProgram
    from fontTools.ttLib.tables._c_m_a_p import cmap_format_4
    from fontTools.ttLib.tables._g_l_y_f import (Glyph, GlyphCoordinates,
                                                 flagOnCurve)
except ImportError as exc:  # environment problem
    sys.exit("prepare.py: cannot import fontTools (%s).\n"
             "Run it with Debian's /usr/bin/python3 and install "
             "python3-fonttools (apt-get install python3-fonttools)." % exc)


MAX_GLYPHS = 32767      # glyph ids >= 32768 are read as negative by libharu
KEEP_TABLES = {"cmap", "glyf", "loca", "head", "hhea", "hmtx", "maxp",
               "name", "OS/2", "post"}
# Runs of code points at most this far apart share one cmap segment (see
# format4_data): the CJK cmap drops from 3622 to ~100 segments, and
# HPDF_GetFont on it from ~43 ms to ~2.5 ms, for ~8 KB more cmap.
CMAP_MAX_GAP = 16
# copyright, family, subfamily, unique id, full name, version, PostScript
# name (libharu's BaseFont), licence description, licence URL
NAME_IDS = [0, 1, 2, 3, 4, 5, 6, 13, 14]
# appended to the version string (name ID 5): the file says it was modified
VERSION_NOTE = "; modified for sswr: subset, composites flattened, unhinted"


def span(first, last):
    return set(range(first, last + 1))


# ---------------------------------------------------------------------------
# Character sets.  "required" code points must all be in the source font (if
# not, fontconfig found the wrong font and we stop); "wanted" ones are taken
# when the font (or a supplement) has them.
# ---------------------------------------------------------------------------

LATIN_REQUIRED = (
    span(0x0020, 0x007E)                # Basic Latin
    | span(0x00A0, 0x00FF)              # Latin-1 Supplement
    | span(0x0100, 0x017F)              # Latin Extended-A
    | span(0x0218, 0x021B)              # Romanian Ș ș Ț ț
    | {0x2009, 0x2013, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
       0x2026, 0x202F, 0x20AC, 0x1E9E}
)
LATIN_WANTED = (
    LATIN_REQUIRED
    | span(0x0180, 0x024F)              # Latin Extended-B
    | {0x0259}                          # ə (Azerbaijani)
    | span(0x02B0, 0x02FF)              # Spacing Modifier Letters (ʼ ˆ ˇ ˘ ˙ ˛ ˜ ˝)
    | {0x1E9E}                          # ẞ; rest of Latin Extended Additional
                                        # (Vietnamese) left out: +37 KB
    | span(0x2000, 0x206F)              # General Punctuation
    | span(0x20A0, 0x20CF)              # Currency Symbols
    | span(0x2190, 0x2193)              # ← ↑ → ↓
    | {0x2116, 0x2122,                  # № ™
       0x2212, 0x221E, 0x2248, 0x2260, 0x2264, 0x2265,   # − ∞ ≈ ≠ ≤ ≥
       0x2713, 0x2714, 0x2717, 0x2718,  # ✓ ✔ ✗ ✘ (not in Noto Sans: absent)
       0xFEFF, 0xFFFD}
)

# The Latin-script languages' font has no Cyrillic or Greek: libharu writes a
# width for every character of a font into each PDF (the /W array, ~5 KB for
# each of the two fonts when they had all three scripts) and builds its
# character map over all of them (HPDF_GetFont). Languages written in
# Cyrillic get the same Noto Sans with Latin, Cyrillic and Greek.
CYRILLIC_REQUIRED = (
    LATIN_REQUIRED
    | span(0x0401, 0x045F)              # Cyrillic (Ё ё Ў ў Є є І і Ї ї ...)
    | span(0x0391, 0x03A1) | span(0x03A3, 0x03CE)   # Greek with tonos
)
CYRILLIC_WANTED = (
    LATIN_WANTED | CYRILLIC_REQUIRED
    | span(0x0370, 0x03FF)              # Greek and Coptic
    | span(0x0400, 0x04FF)              # Cyrillic
)

ARABIC_REQUIRED = (
    span(0x0621, 0x063A) | span(0x0641, 0x064A)   # letters
    | span(0x064B, 0x0652)                        # harakat
    | span(0x0660, 0x0669)                        # Arabic-Indic digits
    | {0x060C, 0x061B, 0x061F, 0x0020}            # ، ؛ ؟ space
    | span(0xFE80, 0xFEFC)                        # Presentation Forms-B letters
)
ARABIC_PUNCT = (                                   # taken from Noto Sans if missing
    span(0x0020, 0x0040) | span(0x005B, 0x0060) | span(0x007B, 0x007E)
    | {0x00A0, 0x00AB, 0x00B0, 0x00B7, 0x00BB, 0x00D7, 0x00F7}
    | span(0x2010, 0x2027) | {0x2030, 0x2039, 0x203A, 0x20AC}
)
ARABIC_WANTED = (
    ARABIC_REQUIRED | ARABIC_PUNCT
    | span(0x0600, 0x06FF)              # Arabic (incl. ۰-۹ extended digits)
    | span(0xFB50, 0xFBFF)              # Presentation Forms-A: joining forms of
                                        # پ چ ژ گ ک ی ... (FriBidi emits them)
    | span(0xFDF0, 0xFDFF)              # ﷲ ﷼ ... word ligatures as characters
    | span(0xFE70, 0xFEFF)              # Presentation Forms-B (+ U+FEFF)
    | span(0x200B, 0x200F)              # ZWSP ZWNJ ZWJ LRM RLM
    | {0x202F, 0x2212}
)
# U+FC00-FDEF (Forms-A ligatures) are left out: FriBidi's shaper only
# emits single-letter joining forms and the lam-alef ligatures U+FEF5-FEFC,
# and those 438 glyphs would more than double the font (+143 KB).


def gb2312_code_points():
    """Every character of GB 2312: decode all 2-byte EUC-CN sequences."""
    cps = set()
    for b1 in range(0xA1, 0xF8):
        for b2 in range(0xA1, 0xFF):
            try:
                text = bytes((b1, b2)).decode("gb2312")
            except UnicodeDecodeError:
                continue
            cps.update(ord(c) for c in text)
    return cps


GB2312 = gb2312_code_points()
CJK_REQUIRED = ({cp for cp in GB2312 if 0x4E00 <= cp <= 0x9FFF}
                | span(0x0020, 0x007E) | span(0x3000, 0x3002))
CJK_WANTED = (
    GB2312
    | span(0x0020, 0x007E)              # ASCII
    | span(0x00A0, 0x00FF)              # Latin-1
    | {0x00B7, 0x2014, 0x2026, 0x2009, 0x202F, 0xFEFF}
    | span(0x2018, 0x201D)
    | span(0x3000, 0x303F)              # CJK Symbols and Punctuation
    | span(0xFF00, 0xFFEF)              # Halfwidth and Fullwidth Forms
)

# Blank glyphs added when a font lacks them; width in units of
# "zero", "space" (the font's U+0020) or "thin" (the font's U+2009, else
# 1/6 em).
BLANKS = {0xFEFF: "zero", 0x200B: "zero", 0x00A0: "space",
          0x2009: "thin", 0x202F: "thin"}

# Noto Sans 2.x as shipped in Debian 12 has no mathematical operators and
# no arrows.  They come from Noto Sans Math (same package, same 1000-unit
# em, drawn to match Noto Sans), which has a Regular weight only.
MATH = ([("Noto Sans Math", "Regular")],
        {0x2190, 0x2191, 0x2192, 0x2193, 0x221E, 0x2248, 0x2260, 0x2264,
         0x2265})

# role -> output file, source candidates (family, style), required, wanted,
# supplements [(donor candidates, code points)], build U+2212 from "=".
ROLES = [
    dict(role="latin-regular", file="sswr-latin-regular.ttf",
         source=[("Noto Sans", "Regular")],
         required=LATIN_REQUIRED, wanted=LATIN_WANTED,
         supplements=[MATH], minus=True),
    dict(role="latin-bold", file="sswr-latin-bold.ttf",
         source=[("Noto Sans", "Bold")],
         required=LATIN_REQUIRED, wanted=LATIN_WANTED,
         supplements=[MATH], minus=True),
    dict(role="cyrillic-regular", file="sswr-cyrillic-regular.ttf",
         source=[("Noto Sans", "Regular")],
         required=CYRILLIC_REQUIRED, wanted=CYRILLIC_WANTED,
         supplements=[MATH], minus=True, ps_tag="Cyrl"),
    dict(role="cyrillic-bold", file="sswr-cyrillic-bold.ttf",
         source=[("Noto Sans", "Bold")],
         required=CYRILLIC_REQUIRED, wanted=CYRILLIC_WANTED,
         supplements=[MATH], minus=True, ps_tag="Cyrl"),
    dict(role="arabic-regular", file="sswr-arabic-regular.ttf",
         source=[("Noto Sans Arabic", "Regular"),
                 ("Noto Naskh Arabic", "Regular")],
         required=ARABIC_REQUIRED, wanted=ARABIC_WANTED,
         supplements=[([("Noto Sans", "Regular")], ARABIC_PUNCT)],
         minus=True),
    dict(role="arabic-bold", file="sswr-arabic-bold.ttf",
         source=[("Noto Sans Arabic", "Bold"), ("Noto Naskh Arabic", "Bold")],
         required=ARABIC_REQUIRED, wanted=ARABIC_WANTED,
         supplements=[([("Noto Sans", "Bold")], ARABIC_PUNCT)],
         minus=True),
    dict(role="cjk", file="sswr-cjk.ttf",
         source=[("WenQuanYi Micro Hei", "Regular")],
         required=CJK_REQUIRED, wanted=CJK_WANTED,
         supplements=[], minus=False),
    # WenQuanYi Micro Hei has no bold. Noto Sans CJK SC Bold (a Hei of the
    # same build) has, but with CFF outlines in a .ttc, which libharu cannot
    # load: they are converted to TrueType quadratics (cff=True).
    dict(role="cjk-bold", file="sswr-cjk-bold.ttf",
         source=[("Noto Sans CJK SC", "Bold")],
         required=CJK_REQUIRED, wanted=CJK_WANTED,
         supplements=[], minus=False, cff=True, narrow=[0x00B7]),
]

PACKAGE = {
    "Noto Sans": "fonts-noto-core",
    "Noto Sans Arabic": "fonts-noto-core",
    "Noto Naskh Arabic": "fonts-noto-core",
    "Noto Sans Math": "fonts-noto-core",
    "WenQuanYi Micro Hei": "fonts-wqy-microhei",
    "Noto Sans CJK SC": "fonts-noto-cjk",
}

# Side bearing of a glyph made proportional (narrow_glyphs), in ems:
# WenQuanYi Micro Hei's U+00B7 has 0.072.
NARROW_SIDE = 0.072

# Largest distance, in font units, between a CFF cubic curve and the
# quadratic splines that replace it (1000-unit em: 0.1 pt at 100 pt).
CU2QU_MAX_ERR = 1.0


class PrepareError(Exception):
    pass


# ---------------------------------------------------------------------------
# Finding fonts
# ---------------------------------------------------------------------------

def fc_match(family, style, cff_ok=False):
    """(path, face index) of the installed TrueType font (or, with cff_ok,
    CFF-flavoured OpenType font) fontconfig picks for family:style, or None.
    fc-match always answers with some font, so the answer is checked against
    the request."""
    fmt = "%{file}\\n%{index}\\n%{family}\\n%{style}\\n%{fontformat}\\n"
    try:
        out = subprocess.run(
            ["fc-match", "-f", fmt, "%s:style=%s" % (family, style)],
            check=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            universal_newlines=True).stdout
    except FileNotFoundError:
        raise PrepareError("fc-match not found; install fontconfig "
                           "(apt-get install fontconfig)")
    except subprocess.CalledProcessError as exc:
        raise PrepareError("fc-match failed: %s" % exc.stderr.strip())
    fields = out.split("\n")
    if len(fields) < 5:
        return None
    path, index, families, styles, fontformat = fields[:5]
    if family.lower() not in [f.strip().lower() for f in families.split(",")]:
        return None
    if style.lower() not in [s.strip().lower() for s in styles.split(",")]:
        return None
    formats = ("", "TrueType", "CFF") if cff_ok else ("", "TrueType")
    if fontformat not in formats or not os.path.isfile(path):
        return None
    return path, int(index or 0)


def find_font(what, candidates, cff_ok=False):
    for family, style in candidates:
        found = fc_match(family, style, cff_ok)
        if found:
            return found
    raise PrepareError(
        "no font for %s: fontconfig has no %s %s.\n"
        "Install it with: apt-get install %s"
        % (what, "OpenType" if cff_ok else "TrueType",
           " or ".join("'%s' %s" % c for c in candidates),
           " ".join(sorted({PACKAGE[f] for f, _ in candidates}))))


# ---------------------------------------------------------------------------
# Glyph surgery
# ---------------------------------------------------------------------------

def simple_glyph(coords, end_pts, flags, glyf):
    """A simple glyf glyph from flattened outline data, rounded to integer
    font units, without instructions."""
    new = Glyph()
    if not end_pts:
        new.numberOfContours = 0            # blank glyph
        return new
    coords = GlyphCoordinates(coords)
    coords.toInt()
    new.numberOfContours = len(end_pts)
    new.coordinates = coords
    new.endPtsOfContours = list(end_pts)
    new.flags = bytearray(f & flagOnCurve for f in flags)
    new.program = ttProgram.Program()
    new.program.fromBytecode(b"")
    new.recalcBounds(glyf)
    return new


def _contour_signs(glyf, name, sign=1):
    """+1/-1 per contour of the flattened glyph, in getCoordinates() order:
    -1 where an odd number of mirroring transforms applies."""
    g = glyf[name]
    if not g.isComposite():
        return [sign] * max(g.numberOfContours, 0)
    signs = []
    for comp in g.components:
        s = sign
        if hasattr(comp, "transform"):
            (a, b), (c, d) = comp.transform
            if a * d - b * c < 0:
                s = -s
        signs += _contour_signs(glyf, comp.glyphName, s)
    return signs


def flattened(glyf, name):
    """Outline of glyph `name` with all (nested) components resolved.

    Glyph.getCoordinates() flattens components recursively and applies each
    component's 2x2 transform and offset (x/y offsets scaled or not, or
    point-matched anchors); contours of mirrored components are reversed
    here so that every contour keeps its original winding direction."""
    coords, end_pts, flags = glyf[name].getCoordinates(glyf)
    signs = _contour_signs(glyf, name)
    if min(signs, default=1) > 0:
        return GlyphCoordinates(coords), list(end_pts), bytearray(flags)
    coords, flags = list(coords), bytearray(flags)
    start = 0
    for end, sign in zip(end_pts, signs):
        if sign < 0:
            coords[start:end + 1] = coords[start:end + 1][::-1]
            flags[start:end + 1] = flags[start:end + 1][::-1]
        start = end + 1
    return GlyphCoordinates(coords), list(end_pts), flags


def flatten_composites(font, glyph_names):
    """Replace each composite among glyph_names by a simple glyph."""
    glyf = font["glyf"]
    hmtx = font["hmtx"].metrics
    for name in sorted(glyph_names):
        if glyf[name].isComposite():
            new = simple_glyph(*flattened(glyf, name), glyf)
            glyf.glyphs[name] = new     # (glyf[name] = ... scans glyphOrder)
            hmtx[name] = (hmtx[name][0], getattr(new, "xMin", 0))


def cff_to_glyf(font, unicodes):
    """Turn a CFF-flavoured font into a TrueType one, in place: first
    subset to `unicodes` (a CJK .ttc face has 65,535 glyphs; the subset
    ~7,800), then draw every CFF charstring through cu2qu into a simple glyf
    glyph (contours reversed: CFF winds outer contours counter-clockwise,
    TrueType clockwise), and give the font the tables a glyf font has."""
    options = subset_options()
    options.desubroutinize = True
    subsetter = subset.Subsetter(options=options)
    subsetter.populate(unicodes=unicodes)
    subsetter.subset(font)
    order = font.getGlyphOrder()
    glyphs = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(None)
        glyphs[name].draw(Cu2QuPen(pen, CU2QU_MAX_ERR, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    for tag in ("CFF ", "VORG"):
        if tag in font:
            del font[tag]
    font["glyf"] = glyf
    font["loca"] = newTable("loca")
    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    for field in ("maxPoints", "maxContours", "maxCompositePoints",
                  "maxCompositeContours", "maxTwilightPoints", "maxStorage",
                  "maxFunctionDefs", "maxInstructionDefs", "maxStackElements",
                  "maxSizeOfInstructions", "maxComponentElements",
                  "maxComponentDepth"):
        setattr(maxp, field, 0)
    maxp.maxZones = 1
    font["head"].glyphDataFormat = 0
    font.sfntVersion = "\x00\x01\x00\x00"
    for glyph in glyf.glyphs.values():
        glyph.recalcBounds(glyf)
    hmtx = font["hmtx"].metrics
    for name in order:                       # left side bearing = xMin
        hmtx[name] = (hmtx[name][0], getattr(glyf.glyphs[name], "xMin", 0))


def narrow_glyphs(font, code_points):
    """Give full-width glyphs of code_points a proportional advance: the
    outline keeps NARROW_SIDE of the em on each side. Noto Sans CJK SC draws
    U+00B7 full-width; WenQuanYi's is proportional, and sswr writes it
    between spaces in every language (" · "), so both weights match."""
    cmap = font.getBestCmap()
    glyf = font["glyf"]
    hmtx = font["hmtx"].metrics
    side = otRound(font["head"].unitsPerEm * NARROW_SIDE)
    done = []
    for cp in sorted(code_points):
        if cp not in cmap:
            continue
        name = cmap[cp]
        g = glyf[name]
        if g.isComposite() or g.numberOfContours <= 0:
            continue
        g.recalcBounds(glyf)
        dx = side - g.xMin
        g.coordinates.translate((dx, 0))
        g.recalcBounds(glyf)
        hmtx[name] = (g.xMax - g.xMin + 2 * side, g.xMin)
        done.append(cp)
    return done


def add_glyph(font, cp, glyph, advance):
    """Add a simple glyph for code point cp to a fully loaded font."""
    name = "sswr.u%04X" % cp
    order = font.getGlyphOrder() + [name]
    font["glyf"].glyphs[name] = glyph
    font.setGlyphOrder(order)
    font["glyf"].setGlyphOrder(order)
    font["hmtx"].metrics[name] = (advance, getattr(glyph, "xMin", 0))
    for table in font["cmap"].tables:
        if table.isUnicode():
            table.cmap[cp] = name


def supplement(font, donor, code_points):
    """Copy the outlines of the code points the font lacks from donor
    (path, index), scaled to the font's em.  Returns the code points added."""
    cmap = font.getBestCmap()
    todo = sorted(cp for cp in code_points if cp not in cmap)
    if not todo:
        return []
    dfont = TTFont(donor[0], fontNumber=donor[1], lazy=True)
    dcmap = dfont.getBestCmap()
    dglyf = dfont["glyf"]
    scale = font["head"].unitsPerEm / dfont["head"].unitsPerEm
    added = []
    for cp in todo:
        if cp not in dcmap:
            continue
        dname = dcmap[cp]
        coords, end_pts, flags = flattened(dglyf, dname)
        if scale != 1:
            coords.scale((scale, scale))
        glyph = simple_glyph(coords, end_pts, flags, font["glyf"])
        add_glyph(font, cp, glyph, otRound(dfont["hmtx"][dname][0] * scale))
        added.append(cp)
    dfont.close()
    return added


def synthesize_minus(font):
    """U+2212 made of the first bar of the font's '=', centred vertically
    on '+' and given the advance of '+': same weight and length as '+'."""
    cmap = font.getBestCmap()
    if 0x2212 in cmap or 0x3D not in cmap or 0x2B not in cmap:
        return False
    glyf = font["glyf"]
    hmtx = font["hmtx"].metrics
    coords, end_pts, flags = flattened(glyf, cmap[0x3D])
    if len(end_pts) != 2:
        return False
    plus = glyf[cmap[0x2B]]
    plus.recalcBounds(glyf)
    n = end_pts[0] + 1
    bar = GlyphCoordinates(list(coords)[:n])
    ys = [y for _, y in bar]
    dy = (plus.yMin + plus.yMax) / 2 - (min(ys) + max(ys)) / 2
    dx = (hmtx[cmap[0x2B]][0] - hmtx[cmap[0x3D]][0]) / 2
    bar.translate((dx, dy))
    add_glyph(font, 0x2212, simple_glyph(bar, [n - 1], flags[:n], glyf),
              hmtx[cmap[0x2B]][0])
    return True


def add_blanks(font, wanted):
    """Blank glyphs for the BLANKS code points the font lacks."""
    cmap = font.getBestCmap()
    hmtx = font["hmtx"].metrics
    upem = font["head"].unitsPerEm
    widths = {"zero": 0,
              "space": hmtx[cmap[0x20]][0] if 0x20 in cmap else upem // 4,
              "thin": (hmtx[cmap[0x2009]][0] if 0x2009 in cmap
                       else otRound(upem / 6))}
    added = []
    for cp, kind in sorted(BLANKS.items()):
        if cp in wanted and cp not in cmap:
            blank = Glyph()
            blank.numberOfContours = 0
            add_glyph(font, cp, blank, widths[kind])
            added.append(cp)
    return added


def format4_data(codes_to_gids, max_gap):
    """Raw cmap format-4 subtable for {code point: glyph id}.

    libharu 2.3.0 looks every one of the 65536 BMP code points up with a
    linear scan over the segments when a font is first used (HPDF_GetFont),
    so time grows with the segment count.  Runs of code points separated by
    at most max_gap unmapped ones share a segment (the gaps map to glyph 0
    through glyphIdArray); a segment whose code points map to consecutive
    glyph ids uses idDelta instead."""
    cps = sorted(cp for cp in codes_to_gids if cp < 0xFFFF)
    segs = []
    for cp in cps:
        if segs and cp - segs[-1][1] - 1 <= max_gap:
            segs[-1][1] = cp
        else:
            segs.append([cp, cp])
    seg_count = len(segs) + 1                   # + the final 0xFFFF segment
    ends, starts, deltas, offsets, gid_array = [], [], [], [], []
    for i, (start, end) in enumerate(segs):
        gids = [codes_to_gids.get(cp, 0) for cp in range(start, end + 1)]
        delta = gids[0] - start
        if all(g and g - cp == delta for g, cp in zip(gids, range(start, end + 1))):
            deltas.append(delta & 0xFFFF)
            offsets.append(0)
        else:
            deltas.append(0)
            offsets.append(2 * (seg_count - i + len(gid_array)))
            gid_array += gids
        starts.append(start)
        ends.append(end)
    starts.append(0xFFFF)
    ends.append(0xFFFF)
    deltas.append(1)
    offsets.append(0)
    search_range = 2 * (1 << (seg_count.bit_length() - 1))
    body = struct.pack(">4H", 2 * seg_count, search_range,
                       search_range.bit_length() - 2,
                       2 * seg_count - search_range)
    body += struct.pack(">%dH" % seg_count, *ends) + b"\0\0"
    body += struct.pack(">%dH" % seg_count, *starts)
    body += struct.pack(">%dH" % seg_count, *deltas)
    body += struct.pack(">%dH" % seg_count, *offsets)
    body += struct.pack(">%dH" % len(gid_array), *gid_array)
    length = 6 + len(body)
    if length > 0xFFFF:
        raise PrepareError("cmap format 4 subtable too long (%d bytes)" % length)
    return length, body, seg_count


def sort_glyphs_by_code_point(font):
    """Glyph order .notdef, then by lowest code point, so that runs of
    consecutive code points get consecutive glyph ids (cheap idDelta
    segments, and glyphIdArray entries that compress well)."""
    order = font.getGlyphOrder()
    first = {}
    for cp, name in sorted(font.getBestCmap().items()):
        first.setdefault(name, cp)
    rank = {name: i for i, name in enumerate(order)}
    new = order[:1] + sorted(order[1:],
                             key=lambda n: (first.get(n, 0x110000), rank[n]))
    font.setGlyphOrder(new)
    font["glyf"].setGlyphOrder(new)


def single_bmp_cmap(font, max_gap):
    """One (3,1) format-4 subtable: the one libharu 2.3.0 reads."""
    mapping = {cp: gn for cp, gn in font.getBestCmap().items() if cp < 0xFFFF}
    gid_of = font.getReverseGlyphMap()
    sub = cmap_format_4(4)
    sub.platformID, sub.platEncID, sub.language = 3, 1, 0
    sub.cmap = mapping          # for fontTools (OS/2 char index update) ...
    sub.length, sub.data, nseg = format4_data(     # ... and the bytes written
        {cp: gid_of[gn] for cp, gn in mapping.items()}, max_gap)
    table = newTable("cmap")
    table.tableVersion = 0
    table.tables = [sub]
    font["cmap"] = table
    return mapping, nseg


def subset_options():
    options = subset.Options()
    options.hinting = False
    options.layout_features = []
    options.layout_closure = False
    options.drop_tables += ["GSUB", "GPOS", "GDEF", "BASE", "JSTF", "kern",
                            "morx", "mort", "gasp", "hdmx", "VDMX", "LTSH",
                            "fpgm", "prep", "cvt ", "vhea", "vmtx", "FFTM",
                            "DSIG", "meta", "STAT"]
    options.glyph_names = False             # post format 3
    options.notdef_glyph = True
    options.notdef_outline = True           # glyph 0 keeps its outline
    options.recalc_bounds = True
    options.recalc_timestamp = False
    options.prune_unicode_ranges = True
    options.name_IDs = NAME_IDS
    options.name_legacy = False
    options.name_languages = [0x0409]
    options.legacy_kern = False
    return options


def prepare_one(job, out_path, sde):
    """Write one prepared font.  Returns (glyph count, character count,
    cmap segment count, {origin: [code points]} added to the source)."""
    path, index = job["source_font"]
    font = TTFont(path, fontNumber=index, recalcBBoxes=True,
                  recalcTimestamp=False)
    if "glyf" not in font and not ("CFF " in font and job.get("cff")):
        raise PrepareError("%s is not a TrueType (glyf) font" % path)

    cmap = font.getBestCmap()
    missing = sorted(cp for cp in job["required"] if cp not in cmap)
    if missing:
        raise PrepareError(
            "%s lacks %d required characters (%s...)"
            % (path, len(missing), " ".join("U+%04X" % c for c in missing[:8])))
    if "glyf" not in font:
        cff_to_glyf(font, sorted(cp for cp in job["wanted"] if cp in cmap))

    added = {}
    for donor, cps in job["donors"]:
        got = supplement(font, donor, cps & job["wanted"])
        if got:
            added[os.path.basename(donor[0])] = got
    if job["minus"] and 0x2212 in job["wanted"] and synthesize_minus(font):
        added["the font's own '='"] = [0x2212]
    got = add_blanks(font, job["wanted"])
    if got:
        added["blank glyphs"] = got
    got = narrow_glyphs(font, set(job.get("narrow", [])))
    if got:
        added["the font's own full-width glyphs, made proportional"] = got

    cmap = font.getBestCmap()
    unicodes = sorted(cp for cp in job["wanted"] if cp in cmap)
    # Flatten before subsetting, so that glyphs used only as components
    # fall out of the subset.
    flatten_composites(font, {cmap[cp] for cp in unicodes}
                       | {font.getGlyphOrder()[0]})

    subsetter = subset.Subsetter(options=subset_options())
    subsetter.populate(unicodes=unicodes)
    subsetter.subset(font)
    for tag in sorted(font.keys()):
        if tag != "GlyphOrder" and tag not in KEEP_TABLES:
            del font[tag]

    glyf = font["glyf"]
    left = [n for n in font.getGlyphOrder() if glyf[n].isComposite()]
    if left:
        raise PrepareError("%s: composite glyphs left: %s" % (path, left[:5]))
    sort_glyphs_by_code_point(font)
    mapping, nseg = single_bmp_cmap(font, CMAP_MAX_GAP)
    for rec in font["name"].names:
        if rec.nameID == 5:
            # keep "Version x.y", drop the ttfautohint settings that follow
            rec.string = (rec.toUnicode().split(";")[0] + VERSION_NOTE
                          + ("; CFF outlines converted to TrueType"
                             if job.get("cff") else ""))
        if rec.nameID == 6 and job.get("ps_tag"):
            # libharu keys the fonts of a document by PostScript name: two
            # subsets of one source font need two names ("NotoSansCyrl-Bold")
            family, dash, style = rec.toUnicode().partition("-")
            rec.string = family + job["ps_tag"] + dash + style
    post = font["post"]
    post.formatType = 3.0
    post.extraNames = []
    post.mapping = {}
    if sde is not None:
        font["head"].modified = sde - epoch_diff   # epoch_diff: 1904 - 1970, < 0

    # libharu 2.3.0 writes the tables it requires in a fixed order ending with
    # "prep", and while recomputing checksums it seeks to each table's offset
    # in a memory stream. An absent prep is written empty at the very end, and
    # seeking to the end of a memory stream whose size is a multiple of its
    # 4096-byte buffer fails (HPDF_MemStream_SeekFunc: no buffer at that
    # index) -- so some documents, depending only on the glyphs they use,
    # cannot be saved. A 3-byte prep that does nothing (PUSHB[0] 0; POP)
    # keeps every table offset inside the stream.
    prep = newTable("prep")
    prep.program = ttProgram.Program()
    prep.program.fromBytecode(bytes([0xB0, 0x00, 0x21]))
    font["prep"] = prep

    nglyphs = len(font.getGlyphOrder())
    if nglyphs > MAX_GLYPHS:
        raise PrepareError("%s: %d glyphs; libharu needs fewer than 32768"
                           % (out_path, nglyphs))

    fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".ttf",
                               dir=os.path.dirname(out_path) or ".")
    os.close(fd)
    try:
        font.recalcTimestamp = False
        font.save(tmp, reorderTables=True)
        os.chmod(tmp, 0o644)
        os.replace(tmp, out_path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    font.close()
    return nglyphs, len(mapping), nseg, added


def code_point_ranges(cps):
    """'U+0022-U+002B U+002F' style list of sorted code points."""
    runs = []
    for cp in sorted(cps):
        if runs and cp == runs[-1][1] + 1:
            runs[-1][1] = cp
        else:
            runs.append([cp, cp])
    return " ".join("U+%04X" % a if a == b else "U+%04X-U+%04X" % (a, b)
                    for a, b in runs)


def manifest_field(text):
    return text.replace("%", "%25").replace(" ", "%20").replace("\t", "%09")


def main(argv):
    if len(argv) != 2 or argv[1].startswith("-"):
        sys.stderr.write("usage: /usr/bin/python3 fonts/prepare.py OUTDIR\n")
        return 2
    out_dir = argv[1]
    sde = os.environ.get("SOURCE_DATE_EPOCH")
    sde = int(sde) if sde else None

    try:
        jobs = []                   # find every font before writing anything
        for role in ROLES:
            job = dict(role)
            job["source_font"] = find_font(role["role"], role["source"],
                                           role.get("cff", False))
            job["donors"] = [(find_font(role["role"] + " supplement", c), cps)
                             for c, cps in role["supplements"]]
            jobs.append(job)
        os.makedirs(out_dir, exist_ok=True)
        lines = ["# sswr fonts, written by fonts/prepare.py; do not edit.",
                 "# role file source-path glyph-count"]
        notes = []
        for job in jobs:
            out_path = os.path.join(out_dir, job["file"])
            nglyphs, nchars, nseg, added = prepare_one(job, out_path, sde)
            path, index = job["source_font"]
            lines.append(" ".join((job["role"], job["file"],
                                   manifest_field(path), str(nglyphs))))
            if index:
                notes.append("# %s: face %d of the source" % (job["role"], index))
            for origin, cps in added.items():
                notes.append("# %s: added from %s: %s"
                             % (job["role"], origin, code_point_ranges(cps)))
            sys.stderr.write("prepare.py: %-14s %5d glyphs %5d chars %4d cmap"
                             " segments %5d KB  %s\n"
                             % (job["role"], nglyphs, nchars, nseg,
                                (os.path.getsize(out_path) + 512) // 1024,
                                out_path))
        manifest = os.path.join(out_dir, "fonts.txt")
        with open(manifest + ".tmp", "w", encoding="utf-8") as f:
            f.write("\n".join(lines + notes) + "\n")
        os.replace(manifest + ".tmp", manifest)
    except PrepareError as exc:
        sys.stderr.write("prepare.py: error: %s\n" % exc)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
