#!/usr/bin/python3
"""lang_check.py PDF LANG ISO3 — checks one profile against the files it was made
from, independently of sswr:
- the country's name from datasets/names/LANG.csv is in the text;
- a set of template strings, translated through templates/i18n/LANG.po, are in
  the text (whitespace-insensitive; NFKC-normalised, which folds the Arabic
  presentation forms pdftotext returns back to letters);
- the 2024 population is printed with the language's CLDR group separator;
- no English template string is left (for a language other than en).
Prints one line per problem; exit 1 if any."""
import csv, re, subprocess, sys, unicodedata

pdf, lang, iso3 = sys.argv[1:4]
root = sys.argv[4] if len(sys.argv) > 4 else "."
GROUP = {"en": ",", "fr": "\u202f", "es": ".", "pt": ".", "ru": "\u00a0", "sw": ",", "id": ".",
         "zh": ",", "ar": ","}
PROBES = ["Gap to the target", "Notes and sources", "Workers per 100,000 people",
          "Employed by government", "Workers per 100,000 children"]

def norm(s):
    s = unicodedata.normalize("NFKC", s)
    return re.sub(r"\s+", "", s)

def po(lang):
    entries, msgid, msgstr, key = {}, None, None, None
    for line in open(f"{root}/templates/i18n/{lang}.po", encoding="utf-8"):
        line = line.strip()
        m = re.match(r'^(msgid|msgstr) "(.*)"$', line)
        if m:
            if m.group(1) == "msgid":
                if msgid is not None:
                    entries[msgid] = msgstr
                msgid, msgstr, key = m.group(2), "", "msgid"
            else:
                msgstr, key = m.group(2), "msgstr"
        elif line.startswith('"') and key:
            if key == "msgid":
                msgid += line[1:-1]
            else:
                msgstr += line[1:-1]
    if msgid is not None:
        entries[msgid] = msgstr
    return {k: v.replace('\\"', '"') for k, v in entries.items()}

text = subprocess.run(["pdftotext", "-enc", "UTF-8", pdf, "-"], capture_output=True).stdout.decode("utf-8")
flat = norm(text)
problems = []
names = {r["iso3"]: r["name"] for r in csv.DictReader(open(f"{root}/datasets/names/{lang}.csv", encoding="utf-8"))}
def rtl_word(w):
    """An Arabic word as pdftotext may return it: the tagged PDFs carry each
    line's logical text as /ActualText, which poppler lays out left to right
    and then reverses like visual-order glyphs, so words come out reversed."""
    return norm(w) in flat or norm(w)[::-1] in flat

if norm(names[iso3]) not in flat and not (lang == "ar" and all(rtl_word(w) for w in names[iso3].split())):
    problems.append(f"name {names[iso3]!r} not in the text")
cat = po(lang) if lang != "en" else {}
def present(want):
    if norm(want) in flat:
        return True
    # pdftotext returns a right-to-left line's runs in visual order (digits and
    # Latin runs move): then every word must be there on its own.
    return lang == "ar" and all(rtl_word(w) for w in want.split())

for p in PROBES:
    want = cat.get(p) or p
    if not present(want):
        problems.append(f"{lang}: {want!r} (for {p!r}) not in the text")
    if lang != "en" and cat.get(p) and cat[p] != p and norm(p) in flat:
        problems.append(f"{lang}: English {p!r} left in the text")
pop = next(int(r["population"]) for r in csv.DictReader(open(f"{root}/datasets/population.csv"))
           if r["iso3"] == iso3 and r["year"] == "2024")
want = f"{pop:,}".replace(",", GROUP.get(lang, ","))
# pdftotext may print a no-break space as a plain one
if want not in text and want not in text.replace("\u202f", " ").replace("\u00a0", " ") and norm(want) not in flat:
    problems.append(f"population {want!r} not in the text")
for p in problems:
    print(p)
sys.exit(1 if problems else 0)
