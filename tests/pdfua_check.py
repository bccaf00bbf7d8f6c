#!/usr/bin/python3
"""pdfua_check.py PDF... — checks the machine-checkable PDF/UA-1 conditions
(Matterhorn Protocol) that sswr's tagger implements, independently of sswr,
with pikepdf:
- the catalog: /StructTreeRoot, /MarkInfo /Marked true, a /Lang, an Info
  /Title and /ViewerPreferences /DisplayDocTitle true, XMP metadata with
  dc:title and pdfuaid:part 1;
- each page's content: every text-showing (Tj TJ ' ") and painting
  operator (f F f* B B* b b* S s sh Do) inside marked content, tagged (an
  MCID) or /Artifact; no MCID inside an artifact or inside another MCID;
  marked content balanced; MCIDs unique on their page;
- the structure tree: every MCID in a page's content is referenced exactly
  once from the tree, and by its page's ParentTree entry, whose element is
  the one that references it; every reference of the tree and every
  ParentTree entry is an MCID that exists; every link annotation is in the
  tree (OBJR) with its /StructParent; standard structure types only;
- every Figure has a non-empty /Alt; every Table has TH cells; headings
  (H1..H6) start at H1 and never skip a level going down; lists nest as
  ISO 32000 says: an L holds LI (or L, Caption), an LI holds Lbl and LBody,
  never content of its own;
- every font is embedded.
Prints one line per problem, "FILE: problem"; exit status 1 if any."""
import re
import sys
import xml.etree.ElementTree as ET

import pikepdf
from pikepdf import Name

STANDARD = {
    "Document", "Part", "Art", "Sect", "Div", "BlockQuote", "Caption", "TOC", "TOCI", "Index",
    "NonStruct", "Private", "P", "H", "H1", "H2", "H3", "H4", "H5", "H6", "L", "LI", "Lbl",
    "LBody", "Table", "TR", "TH", "TD", "THead", "TBody", "TFoot", "Span", "Quote", "Note",
    "Reference", "BibEntry", "Code", "Link", "Annot", "Ruby", "RB", "RT", "RP", "Warichu",
    "WT", "WP", "Figure", "Formula", "Form",
}
TEXT_OPS = {"Tj", "TJ", "'", '"'}
PAINT_OPS = {"f", "F", "f*", "B", "B*", "b", "b*", "S", "s", "sh", "Do"}
MAX_PER_FILE = 40


class Checker:
    def __init__(self, path):
        self.path = path
        self.problems = []

    def bad(self, msg):
        self.problems.append(msg)

    # ---- catalog ---------------------------------------------------------
    def catalog(self, pdf):
        root = pdf.Root
        if "/StructTreeRoot" not in root:
            self.bad("no /StructTreeRoot")
        mi = root.get("/MarkInfo")
        if mi is None or not bool(mi.get("/Marked", False)):
            self.bad("no /MarkInfo << /Marked true >>")
        lang = root.get("/Lang")
        if lang is None or not str(lang).strip():
            self.bad("no /Lang on the catalog")
        vp = root.get("/ViewerPreferences")
        if vp is None or not bool(vp.get("/DisplayDocTitle", False)):
            self.bad("no /ViewerPreferences << /DisplayDocTitle true >>")
        title = pdf.docinfo.get("/Title") if pdf.docinfo is not None else None
        if title is None or not str(title).strip():
            self.bad("no Info /Title")
        self.xmp(root)

    def xmp(self, root):
        md = root.get("/Metadata")
        if md is None:
            self.bad("no XMP metadata stream")
            return
        try:
            x = ET.fromstring(md.read_bytes())
        except ET.ParseError as e:
            self.bad(f"XMP metadata is not well-formed XML: {e}")
            return
        part = x.find(".//{http://www.aiim.org/pdfua/ns/id/}part")
        if part is None or (part.text or "").strip() != "1":
            self.bad("XMP has no pdfuaid:part 1")
        t = x.find(".//{http://purl.org/dc/elements/1.1/}title")
        if t is None or not "".join(t.itertext()).strip():
            self.bad("XMP has no dc:title")

    # ---- content streams ---------------------------------------------------
    def content(self, pdf):
        """{page index: set of MCIDs} from the content streams."""
        found = {}
        for pi, page in enumerate(pdf.pages):
            mcids = set()
            stack = []      # 'A' artifact, 'M' MCID, 'O' other
            outside = 0
            for operands, op in pikepdf.parse_content_stream(page):
                o = str(op)
                if o in ("BMC", "BDC"):
                    tag = str(operands[0])
                    mcid = None
                    if o == "BDC" and isinstance(operands[1], pikepdf.Dictionary) and "/MCID" in operands[1]:
                        mcid = int(operands[1].MCID)
                    if tag == "/Artifact":
                        if "M" in stack:
                            self.bad(f"page {pi + 1}: an artifact inside tagged content")
                        stack.append("A")
                    elif mcid is not None:
                        if "A" in stack:
                            self.bad(f"page {pi + 1}: MCID {mcid} inside an artifact")
                        if "M" in stack:
                            self.bad(f"page {pi + 1}: MCID {mcid} inside another MCID")
                        if mcid in mcids:
                            self.bad(f"page {pi + 1}: MCID {mcid} used twice")
                        mcids.add(mcid)
                        stack.append("M")
                    else:
                        stack.append("O")
                elif o == "EMC":
                    if not stack:
                        self.bad(f"page {pi + 1}: EMC without BMC/BDC")
                    else:
                        stack.pop()
                elif o in TEXT_OPS or o in PAINT_OPS:
                    if "A" not in stack and "M" not in stack:
                        outside += 1
            if stack:
                self.bad(f"page {pi + 1}: {len(stack)} marked-content sequence(s) not closed")
            if outside:
                self.bad(f"page {pi + 1}: {outside} text or painting operator(s) outside tagged or artifact content")
            found[pi] = mcids
        return found

    # ---- structure tree -----------------------------------------------------
    def tree(self, pdf, content):
        root = pdf.Root.get("/StructTreeRoot")
        if root is None:
            return
        page_index = {p.obj.objgen: i for i, p in enumerate(pdf.pages)}
        refs = {}           # (page, mcid) -> element objgen
        objrs = set()       # annotation objgens
        headings = []
        seen = set()

        def page_of(d):
            pg = d.get("/Pg")
            return page_index.get(pg.objgen) if pg is not None else None

        def visit(e, parent_pg):
            if e.objgen != (0, 0):
                if e.objgen in seen:
                    self.bad(f"element {e.objgen} appears twice in the tree")
                    return
                seen.add(e.objgen)
            s = str(e.get("/S", ""))[1:]
            if s not in STANDARD:
                self.bad(f"non-standard structure type /{s} (no RoleMap)")
            if s == "Figure":
                alt = e.get("/Alt")
                if alt is None or not str(alt).strip():
                    self.bad("a Figure without /Alt")
            if re.fullmatch(r"H[1-6]", s):
                headings.append(int(s[1]))
            pg = page_of(e)
            if pg is None:
                pg = parent_pg
            kids = e.get("/K")
            if kids is None:
                kids = []
            elif not isinstance(kids, pikepdf.Array):
                kids = [kids]
            ths = 0
            nested = {"L": {"LI", "L", "Caption"}, "LI": {"Lbl", "LBody"}}.get(s)
            for k in kids:
                if nested is not None:
                    ks = str(k.get("/S", ""))[1:] if isinstance(k, pikepdf.Dictionary) and "/S" in k else None
                    if ks is None:
                        self.bad(f"an {s} with content of its own (not in {' or '.join(sorted(nested))})")
                    elif ks not in nested:
                        self.bad(f"an {s} holding a /{ks} (only {', '.join(sorted(nested))})")
                if isinstance(k, int):
                    self.mcr(refs, pg, k, e)
                elif isinstance(k, pikepdf.Dictionary):
                    t = str(k.get("/Type", ""))
                    if t == "/MCR":
                        kp = page_of(k)
                        self.mcr(refs, kp if kp is not None else pg, int(k.MCID), e)
                    elif t == "/OBJR":
                        objrs.add(k.Obj.objgen)
                        sp = k.Obj.get("/StructParent")
                        if sp is None:
                            self.bad("an annotation in the tree without /StructParent")
                        else:
                            self.objr_parent[int(sp)] = e.objgen
                    else:
                        ths += visit(k, pg)
                else:
                    self.bad(f"/{s}: a kid that is neither an MCID nor a dictionary: {k!r}")
            if s == "Table" and ths == 0:
                self.bad("a Table without TH cells")
            return ths + (1 if s == "TH" else 0)

        self.objr_parent = {}
        k = root.get("/K")
        for top in (k if isinstance(k, pikepdf.Array) else [k] if k is not None else []):
            visit(top, None)
        if not seen:
            self.bad("the structure tree is empty")
        # Headings in order.
        prev = 0
        for h in headings:
            if prev == 0 and h != 1:
                self.bad(f"the first heading is H{h}, not H1")
            elif h > prev + 1 and prev:
                self.bad(f"heading H{h} follows H{prev}: a level is skipped")
            prev = h
        self.match(pdf, content, refs, objrs, root)

    def mcr(self, refs, pg, mcid, e):
        if pg is None:
            self.bad(f"MCID {mcid} referenced without a page (/Pg)")
            return
        if (pg, mcid) in refs:
            self.bad(f"page {pg + 1}: MCID {mcid} referenced twice from the tree")
        refs[(pg, mcid)] = e.objgen

    def match(self, pdf, content, refs, objrs, root):
        nums = {}

        def collect(node):
            if "/Nums" in node:
                a = node.Nums
                for i in range(0, len(a) - 1, 2):
                    nums[int(a[i])] = a[i + 1]
            for kid in node.get("/Kids", []):
                collect(kid)

        pt = root.get("/ParentTree")
        if pt is None:
            self.bad("no /ParentTree")
        else:
            collect(pt)
        for (pg, mcid) in refs:
            if mcid not in content.get(pg, ()):
                self.bad(f"page {pg + 1}: the tree references MCID {mcid}, which the content lacks")
        for pi, page in enumerate(pdf.pages):
            mcids = content.get(pi, set())
            sp = page.obj.get("/StructParents")
            if sp is None:
                if mcids:
                    self.bad(f"page {pi + 1}: MCIDs but no /StructParents")
                continue
            arr = nums.get(int(sp))
            if arr is None:
                self.bad(f"page {pi + 1}: /StructParents {int(sp)} is not in the ParentTree")
                continue
            for m in sorted(mcids):
                if (pi, m) not in refs:
                    self.bad(f"page {pi + 1}: MCID {m} is not referenced from the tree")
                if m >= len(arr) or not isinstance(arr[m], pikepdf.Dictionary):
                    self.bad(f"page {pi + 1}: MCID {m} has no ParentTree entry")
                elif (pi, m) in refs and arr[m].objgen != refs[(pi, m)]:
                    self.bad(f"page {pi + 1}: the ParentTree gives MCID {m} another element than the tree")
            for m in range(len(arr)):
                if m not in mcids and isinstance(arr[m], pikepdf.Dictionary):
                    self.bad(f"page {pi + 1}: the ParentTree has MCID {m}, which the content lacks")
            for a in page.obj.get("/Annots", []):
                if str(a.get("/Subtype", "")) != "/Link":
                    continue
                if a.objgen not in objrs:
                    self.bad(f"page {pi + 1}: a link annotation is not in the structure tree")
                    continue
                sp = a.get("/StructParent")
                if sp is None or nums.get(int(sp)) is None or nums[int(sp)].objgen != self.objr_parent.get(int(sp)):
                    self.bad(f"page {pi + 1}: a link annotation's /StructParent does not lead to its element")
        nk = root.get("/ParentTreeNextKey")
        if nums and (nk is None or int(nk) <= max(nums)):
            self.bad("/ParentTreeNextKey missing or not above every ParentTree key")

    # ---- fonts ---------------------------------------------------------------
    def fonts(self, pdf):
        done = set()
        for pi, page in enumerate(pdf.pages):
            res = page.obj.get("/Resources", {})
            for name, f in res.get("/Font", {}).items():
                if f.objgen in done:
                    continue
                done.add(f.objgen)
                fd = f.get("/FontDescriptor")
                if fd is None and "/DescendantFonts" in f:
                    fd = f.DescendantFonts[0].get("/FontDescriptor")
                if fd is None or not any(k in fd for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                    self.bad(f"page {pi + 1}: font {name} is not embedded")

    def run(self):
        try:
            pdf = pikepdf.open(self.path)
        except pikepdf.PdfError as e:
            self.bad(f"cannot open: {e}")
            return
        with pdf:
            self.catalog(pdf)
            content = self.content(pdf)
            self.tree(pdf, content)
            self.fonts(pdf)


def main(paths):
    if not paths:
        print(__doc__.split("\n")[0], file=sys.stderr)
        return 2
    failed = 0
    for p in paths:
        c = Checker(p)
        c.run()
        for msg in c.problems[:MAX_PER_FILE]:
            print(f"{p}: {msg}")
        if len(c.problems) > MAX_PER_FILE:
            print(f"{p}: ... and {len(c.problems) - MAX_PER_FILE} more problems")
        failed += bool(c.problems)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
