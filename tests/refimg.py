#!/usr/bin/python3
"""refimg.py — reference page images (issue 15: a check that keeps the pages right).

  refimg.py render SSWR CASES DIR   render every case of CASES into DIR/NAME.png
  refimg.py compare REFDIR NEWDIR   compare each reference with its new rendering

CASES (tests/reference/cases.txt) has one page a line: `profile ISO3 LANG PAGE`
or `report LANG PAGE`; the image is NAME.png with NAME = profile-ISO3-LANG-pPAGE
or report-LANG-pPAGE. Pages are rendered by pdftoppm in grey at DPI dots per
inch. Two images match when they have the same size and at most MAX_PIXELS
pixels differ by more than FUZZ grey levels (anti-aliasing stays under it; a
word changed, a block moved, a colour changed do not). compare prints one line
per image that does not match, writes a diff picture (changed pixels in red over
the new page, faded) next to the new image, and exits 1 when any differs.
Needs python3-pil (tools/deps.sh). Refresh the references after an intended
change with tests/reference/refresh.sh (tests/reference/README.md)."""
import os, subprocess, sys, tempfile
from PIL import Image, ImageChops

DPI = 50
FUZZ = 32
MAX_PIXELS = 25


def cases(path):
    out = []
    for line in open(path, encoding="utf-8"):
        f = line.split("#", 1)[0].split()
        if not f:
            continue
        if f[0] == "profile" and len(f) == 4:
            out.append(("profile-%s-%s-p%s" % (f[1], f[2], f[3]), f))
        elif f[0] == "report" and len(f) == 3:
            out.append(("report-%s-p%s" % (f[1], f[2]), f))
        else:
            sys.exit("%s: bad line: %s" % (path, line.rstrip()))
    return out


def last_page(pdf):
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True, check=True).stdout
    return next(l.split()[1] for l in info.splitlines() if l.startswith("Pages:"))


def render(sswr, cases_path, outdir):
    sswr = os.path.abspath(sswr)
    os.makedirs(outdir, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        os.symlink(os.path.abspath(os.path.join(os.path.dirname(cases_path), "..", "..", "datasets")),
                   os.path.join(tmp, "datasets"))
        built = set()
        for name, f in cases(cases_path):
            if f[0] == "profile":
                pdf = os.path.join(tmp, "%s-%s.pdf" % (f[1], f[2]))
                if pdf not in built:
                    subprocess.run([sswr, "profile", f[1], "--lang", f[2], "-o", pdf], check=True,
                                   stdout=subprocess.DEVNULL)
                page = f[3]
            else:
                pdf = os.path.join(tmp, "output", "2024", f[1], "report.pdf")
                if pdf not in built:
                    subprocess.run([sswr, "build", "--lang", f[1], "--country", "KEN", "--no-charts", "-j", "2",
                                    "--quiet"], check=True, cwd=tmp, stdout=subprocess.DEVNULL)
                page = f[2]
            built.add(pdf)
            if page == "last":
                page = last_page(pdf)
            stem = os.path.join(tmp, name)
            subprocess.run(["pdftoppm", "-r", str(DPI), "-gray", "-png", "-singlefile", "-f", page, "-l", page,
                            pdf, stem], check=True, stderr=subprocess.DEVNULL)
            Image.open(stem + ".png").convert("L").save(os.path.join(outdir, name + ".png"), optimize=True)


def compare(refdir, newdir):
    bad = 0
    names = sorted(n for n in os.listdir(refdir) if n.endswith(".png"))
    if not names:
        print("no reference images in %s" % refdir)
        return 1
    for n in names:
        new = os.path.join(newdir, n)
        if not os.path.exists(new):
            print("%s: not rendered" % n)
            bad += 1
            continue
        a = Image.open(os.path.join(refdir, n)).convert("L")
        b = Image.open(new).convert("L")
        if a.size != b.size:
            print("%s: size %dx%d, reference %dx%d" % (n, b.size[0], b.size[1], a.size[0], a.size[1]))
            bad += 1
            continue
        diff = ImageChops.difference(a, b).point(lambda v: 255 if v > FUZZ else 0)
        count = sum(1 for v in diff.getdata() if v)
        if count > MAX_PIXELS:
            pic = Image.merge("RGB", (b, b, b)).point(lambda v: 128 + v // 2)
            pic.paste((220, 0, 0), mask=diff)
            out = new[:-4] + "-diff.png"
            pic.save(out)
            print("%s: %d pixels differ by more than %d grey levels (at most %d may); see %s"
                  % (n, count, FUZZ, MAX_PIXELS, out))
            bad += 1
    return 1 if bad else 0


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "render":
        render(sys.argv[2], sys.argv[3], sys.argv[4])
    elif len(sys.argv) == 4 and sys.argv[1] == "compare":
        sys.exit(compare(sys.argv[2], sys.argv[3]))
    else:
        sys.exit(__doc__)
