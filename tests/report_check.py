#!/usr/bin/python3
"""report_check.py REPORT.pdf NCOUNTRIES — checks the combined report's structure
independently of sswr, from `qpdf --json` and `pdftotext`:
- the bookmarks: Overview, Country profiles (regions > countries), the
  "Country stories" chapter when the report has one (regions > countries, each
  pointing to a page that names its country), the annexes (A, B, and C when
  there are published figures), in page order;
- every country bookmark points to a page whose text names that country, and
  consecutive countries are exactly 2 pages apart (a profile is 2 pages);
- the page count is the sum of its parts: cover + contents + overview +
  2 x countries + annexes, each part ending where the next bookmark starts;
- every link on the contents pages points to the page of the entry it sits on.
Prints one line per problem; exit status 1 if any."""
import json, subprocess, sys

pdf, ncountries = sys.argv[1], int(sys.argv[2])
problems = []
j = json.loads(subprocess.run(["qpdf", "--json", pdf], capture_output=True, check=False).stdout)
pages = j["pages"]
npages = len(pages)
page_of = {p["object"]: i + 1 for i, p in enumerate(pages)}

def text(page):
    return subprocess.run(["pdftotext", "-enc", "UTF-8", "-f", str(page), "-l", str(page), pdf, "-"],
                          capture_output=True, check=False).stdout.decode("utf-8")

top = j["outlines"]
titles = [o["title"] for o in top]
# The stories chapter is the entry after the profiles that has kids.
stories = top[2] if len(top) > 2 and top[2].get("kids") else None
annexes = top[3:] if stories else top[2:]
if len(annexes) not in (2, 3) or len(top) < 4:
    problems.append(f"expected Overview, Country profiles, [Country stories,] two or three annexes, got {titles}")
elif any(a["destpageposfrom1"] > b["destpageposfrom1"] for a, b in zip(top[2:], top[3:])):
    problems.append(f"the parts are not in page order: {titles}")
countries = []
for region in top[1]["kids"] if len(top) > 1 else []:
    for c in region["kids"]:
        countries.append((c["title"], c["destpageposfrom1"]))
    if region["destpageposfrom1"] != region["kids"][0]["destpageposfrom1"]:
        problems.append(f"region {region['title']} does not start at its first country")
if len(countries) != ncountries:
    problems.append(f"{len(countries)} country bookmarks, expected {ncountries}")
for (name, page), nxt in zip(countries, countries[1:] + [(None, None)]):
    if name not in text(page):
        problems.append(f"bookmark {name} points to page {page}, which does not name it")
    if nxt[1] is not None and nxt[1] - page != 2:
        problems.append(f"profile of {name} spans {nxt[1] - page} pages, not 2")
story_entries = 0
if stories:
    story_entries = 1 + len(stories["kids"]) + sum(len(r["kids"]) for r in stories["kids"])
    for region in stories["kids"]:
        if region["destpageposfrom1"] != region["kids"][0]["destpageposfrom1"]:
            problems.append(f"stories: region {region['title']} does not start at its first country")
        for c in region["kids"]:
            if c["title"] not in text(c["destpageposfrom1"]):
                problems.append(f"stories: bookmark {c['title']} points to page {c['destpageposfrom1']}, which does not name it")
if len(top) >= 4 and len(annexes) in (2, 3):
    overview, profiles = top[0]["destpageposfrom1"], top[1]["destpageposfrom1"]
    after = (stories or annexes[0])["destpageposfrom1"]
    methodology = annexes[0]["destpageposfrom1"]
    contents_pages = overview - 2
    parts = 1 + contents_pages + (profiles - overview) + 2 * ncountries + (methodology - after) + (npages - methodology + 1)
    if profiles + 2 * ncountries != after:
        problems.append(f"profiles start at {profiles}, {ncountries} countries, but the next part starts at {after}")
    if parts != npages:
        problems.append(f"sum of parts {parts} != {npages} pages")
    if top[0]["title"] not in text(2):
        problems.append("page 2 is not the contents (it does not list the first entry)")
    # links on the contents pages
    objects = j["qpdf"][1]
    nlinks = 0
    for p in range(2, overview):
        page_obj = objects["obj:" + pages[p - 1]["object"]]["value"]
        annots = page_obj.get("/Annots", [])
        if isinstance(annots, str):
            annots = objects["obj:" + annots]["value"]
        for annot in annots:
            a = objects["obj:" + annot]["value"]
            if a.get("/Subtype") != "/Link":
                continue
            nlinks += 1
            dest = a.get("/Dest")
            if isinstance(dest, str):          # an indirect destination array
                dest = objects["obj:" + dest]["value"]
            target = page_of.get(dest[0]) if dest else None
            rect = a["/Rect"]
            line = subprocess.run(["pdftotext", "-enc", "UTF-8", "-f", str(p), "-l", str(p), "-x", str(int(rect[0])),
                                   "-y", str(int(842 - rect[3])), "-W", str(int(rect[2] - rect[0])),
                                   "-H", str(int(rect[3] - rect[1])), pdf, "-"],
                                  capture_output=True, check=False).stdout.decode("utf-8").split()
            if not line or target is None:
                problems.append(f"contents page {p}: a link without a target or a line")
                continue
            if line[-1] != str(target):
                problems.append(f"contents page {p}: '{' '.join(line)}' links to page {target}")
            elif " ".join(line[:-1]) == top[1]["title"]:
                if target != top[1]["destpageposfrom1"]:
                    problems.append(f"contents: '{top[1]['title']}' links to {target}, not the first profile")
            elif target > 1 and not any(w in text(target) for w in line[:-1] if len(w) > 3):
                problems.append(f"contents page {p}: '{' '.join(line)}' links to page {target}, which does not show it")
    if nlinks != ncountries + len(top[1]["kids"]) + len(top) - (1 if stories else 0) + story_entries:
        problems.append(f"{nlinks} links on the contents pages")
for p in problems[:20]:
    print(p)
if len(problems) > 20:
    print(f"... and {len(problems) - 20} more")
sys.exit(1 if problems else 0)
