#!/usr/bin/env node
// The npm `docx` side of bench/run's assemble comparison: the same annexes as
// bench/python_docx_annex.py build, written with the docx package (dolanmiu/docx).
//
//   NODE_PATH=bench/.baselines/node_modules node bench/docx_annex.cjs --profiles P.jsonl \
//       --json-dir JSON --library-json library.json --out OUT
//
// One process builds OUT/NAME.docx for every profile from tokki's `assemble --format json` of it
// (made before timing): the same paragraphs as python_docx_annex.py (annex_paragraphs.cjs), "N",
// a tab and the text for items, with tokki's paragraph styles imitated by direct formatting
// (bold 14 pt centred title, keep-with-next headings, hanging indents, justified items), A4 and
// tokki's margins, the same core properties. bench/run checks the paragraph texts against tokki's
// documents (python_docx_annex.py verify) before timing.
"use strict";

const fs = require("fs");
const path = require("path");
const { AlignmentType, Document, Packer, Paragraph, Tab, TextRun } = require("docx");
const { readProfiles, paramLabels, annexParagraphs, parseArgs } = require("./annex_paragraphs.cjs");

const PT = 20; // twips per point

// A run per line; tabs as <w:tab/>, line breaks as <w:br/>.
function runs(text, opts) {
  return text.split("\n").map((line, i) => {
    const children = [];
    line.split("\t").forEach((part, k) => {
      if (k > 0) children.push(new Tab());
      if (part) children.push(part);
    });
    return new TextRun({ ...opts, children, break: i > 0 ? 1 : undefined });
  });
}

function paragraph(kind, text) {
  const p = { children: text ? runs(text, kind === "Title" ? { bold: true, size: 28 } : kind === "Part" ? { bold: true } : {}) : [] };
  switch (kind) {
    case "Title":
      Object.assign(p, { alignment: AlignmentType.CENTER, spacing: { after: 18 * PT }, keepNext: true });
      break;
    case "Part":
      Object.assign(p, { spacing: { before: 18 * PT }, keepNext: true });
      break;
    case "Heading":
      p.keepNext = true;
      break;
    case "Group":
      Object.assign(p, { keepNext: true, spacing: { before: 9 * PT } });
      break;
    case "Item":
      Object.assign(p, { indent: { left: 420, hanging: 420 }, alignment: AlignmentType.JUSTIFIED });
      break;
    case "SubItem":
      Object.assign(p, { indent: { left: 840, hanging: 420 }, alignment: AlignmentType.JUSTIFIED });
      break;
  }
  return new Paragraph(p);
}

async function main() {
  const a = parseArgs(process.argv.slice(2),
    "usage: docx_annex.cjs --profiles P.jsonl --json-dir DIR --library-json F --out DIR");
  const labels = paramLabels(a.libraryJson);
  fs.mkdirSync(a.out, { recursive: true });
  for (const profile of readProfiles(a.profiles)) {
    const annex = JSON.parse(fs.readFileSync(path.join(a.jsonDir, profile.name + ".json"), "utf8"));
    const doc = new Document({
      title: "特記事項", creator: "tokki", lastModifiedBy: "tokki",
      sections: [{
        properties: { page: {
          size: { width: 11906, height: 16838 },
          margin: { top: 1985, left: 1701, right: 1701, bottom: 1701, header: 851, footer: 992 },
        } },
        children: annexParagraphs(annex, labels).map(([kind, text]) => paragraph(kind, text)),
      }],
    });
    fs.writeFileSync(path.join(a.out, profile.name + ".docx"), await Packer.toBuffer(doc));
  }
}

main().catch((err) => {
  console.error(`docx_annex: ${err && err.stack ? err.stack : err}`);
  process.exit(2);
});
