#!/usr/bin/env node
// The docxtemplater side of bench/run's assemble comparison: the same annexes as
// bench/python_docx_annex.py build, by filling a template (docxtemplater + pizzip).
//
//   NODE_PATH=bench/.baselines/node_modules node bench/docxtemplater_annex.cjs --template T.docx \
//       --profiles P.jsonl --json-dir JSON --library-json library.json --out OUT
//
// The template (bench/docxtemplater_template.py, written before timing) loops over the
// paragraphs, with one formatted paragraph per kind. One process reads the template once, then
// for every profile: loads it with PizZip, renders the annex's paragraphs (annex_paragraphs.cjs:
// items as label, <w:tab/>, text) and writes OUT/NAME.docx (deflated). bench/run checks the
// paragraph texts against tokki's documents (python_docx_annex.py verify) before timing.
"use strict";

const fs = require("fs");
const path = require("path");
const PizZip = require("pizzip");
const Docxtemplater = require("docxtemplater");
const { readProfiles, paramLabels, annexParagraphs, parseArgs } = require("./annex_paragraphs.cjs");

function main() {
  const a = parseArgs(process.argv.slice(2),
    "usage: docxtemplater_annex.cjs --template T.docx --profiles P.jsonl --json-dir DIR --library-json F --out DIR");
  if (!a.template) throw new Error("--template is required");
  const template = fs.readFileSync(a.template);
  const labels = paramLabels(a.libraryJson);
  fs.mkdirSync(a.out, { recursive: true });
  for (const profile of readProfiles(a.profiles)) {
    const annex = JSON.parse(fs.readFileSync(path.join(a.jsonDir, profile.name + ".json"), "utf8"));
    const paras = annexParagraphs(annex, labels).map(([kind, text]) => {
      if (kind === "Item" || kind === "SubItem") {
        const tab = text.indexOf("\t");
        return { [kind]: true, label: text.slice(0, tab), text: text.slice(tab + 1) };
      }
      return { [kind]: true, text };
    });
    const doc = new Docxtemplater(new PizZip(template), { paragraphLoop: true, linebreaks: true });
    doc.render({ paras });
    const out = doc.getZip().generate({ type: "nodebuffer", compression: "DEFLATE" });
    fs.writeFileSync(path.join(a.out, profile.name + ".docx"), out);
  }
}

try {
  main();
} catch (err) {
  console.error(`docxtemplater_annex: ${err && err.stack ? err.stack : err}`);
  process.exit(2);
}
