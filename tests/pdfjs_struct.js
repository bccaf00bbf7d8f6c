// pdfjs_struct.js PDF [PAGE...] — what pdf.js (Firefox's PDF engine) hands to
// a screen reader: for each page asked for (1-based; default 1), its
// structure tree from page.getStructTree(), one element a line, indented by
// depth, with its alternative text and language ("Figure alt=..."), and the
// text of its content from getTextContent() in reading order ("  'Kenya'");
// then the document's page labels. Used by tests/t_76_exports_a11y.sh.
// PDFJS names pdf.js's build (default: Debian's libjs-pdf).
"use strict";
const fs = require("fs");
const pdfjs = require(process.env.PDFJS || "/usr/share/javascript/pdf/build/pdf.js");

async function main() {
  const [file, ...pages] = process.argv.slice(2);
  const doc = await pdfjs.getDocument({ data: new Uint8Array(fs.readFileSync(file)), verbosity: 0 }).promise;
  for (const p of pages.length ? pages.map(Number) : [1]) {
    const page = await doc.getPage(p);
    const text = await page.getTextContent({ includeMarkedContent: true });
    // Marked-content ids (MCIDs) → their text, as pdf.js reports them.
    const byId = new Map();
    let open = [];
    for (const it of text.items) {
      if (it.type === "beginMarkedContentProps") open.push(it.id);
      else if (it.type === "beginMarkedContent") open.push(null);
      else if (it.type === "endMarkedContent") open.pop();
      else if (it.str !== undefined) {
        // Inside a span (Arabic's /ActualText): the element's id is further out.
        const id = open.filter((x) => x).pop();
        if (id) byId.set(id, (byId.get(id) || "") + it.str);
      }
    }
    const out = [`page ${p}`];
    (function walk(n, depth) {
      if (n.role) {
        let line = "  ".repeat(depth) + n.role;
        if (n.alt) line += " alt=" + n.alt;
        if (n.lang) line += " lang=" + n.lang;
        out.push(line);
      } else if (n.type === "content" && byId.has(n.id)) {
        out.push("  ".repeat(depth) + "'" + byId.get(n.id) + "'");
      }
      for (const c of n.children || []) walk(c, depth + 1);
    })(await page.getStructTree(), 0);
    console.log(out.join("\n"));
  }
  console.log("labels " + JSON.stringify(await doc.getPageLabels()));
}

main().catch((e) => {
  console.error("pdfjs_struct: " + (e && e.message ? e.message : e));
  process.exit(1);
});
