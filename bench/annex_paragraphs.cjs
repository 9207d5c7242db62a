// The paragraphs of one annex, in tokki's order, for the Node baselines of bench/run
// (docx_annex.cjs, docxtemplater_annex.cjs): a port of annex_paragraphs() in
// bench/python_docx_annex.py, reading the same inputs (tokki's `assemble --format json` of each
// profile, and the parameter labels of `tokki clauses list --format json`).
"use strict";

const fs = require("fs");

const INFO_KEYS = ["contract_title", "municipality", "contractor", "subcontractor"];
const DATE_LABEL = "契約日";
const SUB_LABEL = /^(（[0-9０-９]+）|[ア-ン])([\s\S]*)$/u;

function readProfiles(file) {
  return fs.readFileSync(file, "utf8").split("\n").filter((l) => l.trim()).map((l) => JSON.parse(l));
}

function paramLabels(libraryJson) {
  const lib = JSON.parse(fs.readFileSync(libraryJson, "utf8"));
  return new Map(lib.parameters.map((p) => [p.name, p.label]));
}

// [[kind, text]]; kind is tokki's style name without "Tokki".
function annexParagraphs(annex, labels) {
  const out = [["Title", annex.title]];
  if (annex.subtitle) out.push(["Part", "（" + annex.subtitle + "）"]);
  const params = annex.parameters;
  for (const key of INFO_KEYS) {
    if (key in params && labels.has(key)) out.push(["Info", labels.get(key) + "：" + params[key]]);
  }
  out.push(["Info", DATE_LABEL + "：" + annex.date_era]);
  out.push(["Info", ""]);
  for (const item of annex.items) {
    if (item.heading) out.push(["Heading", "（" + item.heading + "）"]);
    const lines = item.text.split("\n");
    out.push(["Item", item.n + "\t" + lines[0]]);
    for (const sub of lines.slice(1)) {
      const m = SUB_LABEL.exec(sub);
      if (!m) throw new Error("sub-item without a label: " + sub.slice(0, 40));
      out.push(["SubItem", m[1] + "\t" + m[2]]);
    }
  }
  const measures = annex.measures;
  if (measures) {
    out.push(["Part", measures.title]);
    for (const group of measures.groups) {
      if (group.title) out.push(["Group", "【" + group.title + "】"]);
      group.items.forEach((text, i) => out.push(["Item", i + 1 + "\t" + text]));
    }
  }
  return out;
}

// Command line shared by both scripts: --profiles F --json-dir D --library-json F --out D
// [--template F].
function parseArgs(argv, usage) {
  const a = {};
  for (let i = 0; i < argv.length; i += 2) {
    const key = { "--profiles": "profiles", "--json-dir": "jsonDir", "--library-json": "libraryJson",
      "--out": "out", "--template": "template" }[argv[i]];
    if (!key || i + 1 >= argv.length) throw new Error(usage);
    a[key] = argv[i + 1];
  }
  if (!a.profiles || !a.jsonDir || !a.libraryJson || !a.out) throw new Error(usage);
  return a;
}

module.exports = { readProfiles, paramLabels, annexParagraphs, parseArgs };
