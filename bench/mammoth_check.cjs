#!/usr/bin/env node
// The mammoth + JS RegExp side of bench/run's check comparison: `tokki check DIR` in Node.
//
//   NODE_PATH=bench/.baselines/node_modules node bench/mammoth_check.cjs DIR --date 2023-04-01 \
//       --annex ANNEX.json [--type outsourcing] [--rules rules/rules.xml] \
//       [--library clauses/library.xml] -o OUT.json
//
// A line-by-line port of bench/python_check_baseline.py (itself a port of engine/check/), with
// mammoth in place of python-docx and JS RegExp in place of Python's re:
//
// 1. mammoth opens each .docx (sorted by relative path) and reads it into its document model,
//    exactly as mammoth.extractRawText() does (unzip.openZip, then docx-reader's read: content
//    types, relationships, styles, numbering, notes, comments, the body). The paragraphs are then
//    collected from that model the way extractRawText's convertElementToRawText does (text, and
//    tabs, here as a space as tokki reads them), plus line breaks as "\n" and whether the
//    paragraph is in a table, which extractRawText drops and the segmentation needs (a short
//    title alone in a table cell is a heading). Trimmed as tokki trims, empty ones dropped.
// 2. Segmentation and NormalizeForMatch as in python_check_baseline.py (String.normalize NFKC).
// 3. Every pattern of rules/rules.xml ({name} expanded from <define>), compiled once as a JS
//    RegExp with the u flag, run with .test() on every provision (headings on the heading, detects,
//    element patterns and weakeners on the text).
// 4. Findings per required category; one JSON array in the shape of `tokki check --format json`.
//
// bench/run compares this output with tokki's before timing and stops if they differ.
// No network; needs only the modules of bench/package.json (mammoth brings @xmldom/xmldom,
// which reads rules.xml and library.xml here).
"use strict";

const fs = require("fs");
const path = require("path");
const unzip = require("mammoth/lib/unzip");
const docxReader = require("mammoth/lib/docx/docx-reader");
const { DOMParser } = require("@xmldom/xmldom");

const ROOT = path.dirname(__dirname);
const EVIDENCE_BYTES = 600;

// --- XML helpers -------------------------------------------------------------------------------

function parseXml(file) {
  return new DOMParser().parseFromString(fs.readFileSync(file, "utf8"), "text/xml").documentElement;
}
function children(node, localName) {
  const out = [];
  for (let c = node.firstChild; c; c = c.nextSibling) {
    if (c.nodeType === 1 && c.localName === localName) out.push(c);
  }
  return out;
}
const attr = (node, name) => (node.hasAttribute(name) ? node.getAttribute(name) : null);
const words = (s) => (s || "").split(/\s+/).filter(Boolean);

// --- Rule book (engine/check/rules.cc) ---------------------------------------------------------

class RuleBook {
  constructor(file) {
    const root = parseXml(file);
    const defines = new Map(children(root, "define").map((d) => [attr(d, "name"), d.textContent]));
    const expand = (node, raw) => {
      raw = raw === undefined ? node.textContent : raw;
      let out = "";
      for (let i = 0; i < raw.length; ) {
        if (raw[i] === "{") {
          const close = raw.indexOf("}", i);
          const name = close >= 0 ? raw.slice(i + 1, close) : "";
          const repetition = name !== "" && /^[0-9,]+$/.test(name);
          if (!repetition) {
            if (!defines.has(name)) throw new Error(`${file}: unknown define {${name}}`);
            out += defines.get(name);
            i = close + 1;
            continue;
          }
        }
        out += raw[i];
        i += 1;
      }
      return new RegExp(out, "u");
    };
    this.categories = [];
    this.headings = [];
    this.detects = [];
    this.elements = [];
    this.weakeners = [];
    for (const c of children(root, "category")) {
      const ci = this.categories.length;
      const cat = { id: attr(c, "id"), name: attr(c, "name"), elements: [], basis: [] };
      for (const h of children(c, "heading")) this.headings.push([expand(h), ci]);
      for (const d of children(c, "detect")) this.detects.push([expand(d), ci]);
      for (const e of children(c, "element")) {
        const ei = cat.elements.length;
        cat.elements.push([attr(e, "id"), attr(e, "name")]);
        for (const p of children(e, "pattern")) this.elements.push([expand(p), ci, ei]);
      }
      for (const w of children(c, "weakener")) {
        const ei = cat.elements.findIndex((x) => x[0] === attr(w, "element"));
        if (ei < 0) throw new Error(`${file}: weakener of unknown element ${attr(w, "element")}`);
        this.weakeners.push([expand(w), ci, ei, attr(w, "reason")]);
      }
      for (const b of children(c, "basis")) cat.basis.push([words(attr(b, "types")), b.textContent]);
      this.categories.push(cat);
    }
    this.index = new Map(this.categories.map((c, i) => [c.id, i]));
    this.requires = [];
    for (const r of children(root, "require")) {
      const reqs = [];
      for (const c of children(r, "category")) {
        const borrows = [];
        for (const b of children(c, "borrow")) {
          const from = attr(b, "from");
          const dot = from.indexOf(".");
          const unless = attr(b, "unless");
          borrows.push([attr(b, "element"), from.slice(0, dot), from.slice(dot + 1),
            unless !== null ? expand(b, unless) : null]);
        }
        reqs.push([attr(c, "id"), words(attr(c, "elements")), borrows]);
      }
      this.requires.push([words(attr(r, "types")), words(attr(r, "editions")), reqs]);
    }
  }

  required(type, edition) {
    for (const [types, editions, reqs] of this.requires) {
      if (types.includes(type) && editions.includes(edition)) return reqs;
    }
    return [];
  }

  // [heading categories, detected categories, Set of "ci:ei", [[ci, ei, reason]]]
  match(normHeading, normText) {
    const heads = new Set();
    if (normHeading) for (const [rx, ci] of this.headings) if (rx.test(normHeading)) heads.add(ci);
    const detected = new Set();
    for (const [rx, ci] of this.detects) if (rx.test(normText)) detected.add(ci);
    const elements = new Set();
    for (const [rx, ci, ei] of this.elements) if (rx.test(normText)) elements.add(ci + ":" + ei);
    const weak = [];
    for (const [rx, ci, ei, reason] of this.weakeners) if (rx.test(normText)) weak.push([ci, ei, reason]);
    return [heads, detected, elements, weak];
  }

  elementMatches(ci, ei, normText) {
    return this.elements.some(([rx, c, e]) => c === ci && e === ei && rx.test(normText));
  }
}

// --- Normalisation (engine/text/normalize.cc) --------------------------------------------------

const WHITE = /\s+/gu;
const KANJI_RUN = /[〇一二三四五六七八九十百千]+/gu;
const KANJI_DIGIT = new Map([..."〇一二三四五六七八九"].map((c, i) => [c, i]));
const KANJI_UNIT = new Map([["十", 10], ["百", 100], ["千", 1000]]);
const COUNTERS = "条項号章節";
const nfkc = (s) => s.normalize("NFKC");

function parseKanjiNumber(s) {
  const chars = [...s];
  if (!chars.some((c) => KANJI_UNIT.has(c))) return Number(chars.map((c) => KANJI_DIGIT.get(c)).join(""));
  let total = 0;
  let digit = null;
  let lastUnit = 10000;
  for (const c of chars) {
    if (KANJI_DIGIT.has(c)) {
      if (digit !== null) return null;
      digit = KANJI_DIGIT.get(c);
    } else {
      const unit = KANJI_UNIT.get(c);
      if (unit >= lastUnit) return null;
      total += (digit === null ? 1 : digit) * unit;
      digit = null;
      lastUnit = unit;
    }
  }
  return total + (digit || 0);
}

// text without the 。 inside each closed pair of parentheses (engine/text/normalize.cc).
function joinParentheticalSentences(s) {
  if (!s.includes("(") || !s.includes("。")) return s;
  const open = [];
  const spans = [];
  for (let i = 0; i < s.length; i++) {
    if (s[i] === "(") {
      open.push(i);
    } else if (s[i] === ")" && open.length > 0) {
      const at = open.pop();
      while (spans.length > 0 && spans[spans.length - 1][0] > at) spans.pop();
      spans.push([at, i]);
    }
  }
  const drop = new Set();
  for (const [a, b] of spans) {
    for (let i = a; i < b; i++) if (s[i] === "。") drop.add(i);
  }
  if (drop.size === 0) return s;
  let out = "";
  for (let i = 0; i < s.length; i++) if (!drop.has(i)) out += s[i];
  return out;
}

function normalizeForMatch(text) {
  const s = joinParentheticalSentences(nfkc(text).replace(WHITE, ""));
  return s.replace(KANJI_RUN, (m, i) => {
    const j = i + m.length; // All of these characters are one UTF-16 unit.
    const afterDai = i > 0 && s[i - 1] === "第";
    const counted = j < s.length && ((afterDai && COUNTERS.includes(s[j])) || s[j] === "回");
    if (counted) {
      const n = parseKanjiNumber(m);
      if (n !== null) return String(n);
    }
    return m;
  });
}

// --- Segmentation (engine/check/segment.cc) ----------------------------------------------------
// RE2's \s is [\t\n\f\r ]; Python's fullmatch is ^(?:…)$ here.
const S = "[\\t\\n\\f\\r ]";
const full = (src) => new RegExp(`^(?:${src})$`, "u");
const HEADING_LINE = full(`${S}*#*${S}*[(\\[【〔]([^()\\[\\]【】〔〕。]{1,40})[)\\]】〕]${S}*`);
const ARTICLE_LINE = full(
  `${S}*第${S}*(?:[0-9]+|[〇一二三四五六七八九十百千]+)${S}*条(?:の[0-9一二三四五六七八九十]+)?${S}*` +
    `(?:[(【〔]([^()【】〔〕]{1,40})[)】〕])?${S}*(.*)`);
const ITEM_LINE = full(`${S}*[-・]?${S}*(?:[0-9]{1,3}(?:${S}+|[.、．]${S}*)|[①-⑳]${S}*)(.*)`);
const QUANTITY_START = new RegExp(
  `^${S}*[0-9]+${S}*(?:回|年|か月|ヶ月|箇月|月|日|週|時間|時|分|人|名|件|部|通|円|万|億|%|割|条|項|号|営業日|社|台` +
    "|枚|頁|ページ)", "u");
const SENTENCE_ENDS = ["。", ")", "」", "】", ":", "："];
const SECTION_HEADING_LINE = full(
  `${S}*第${S}*(?:[0-9]+|[〇一二三四五六七八九十百千]+)${S}+([^\\t\\n\\f\\r 。、][^。、]{0,29})${S}*`);
const HEADING_THEN_BODY = full(`${S}*[(【〔]([^()【】〔〕。]{1,40})[)】〕]${S}{2,}([^\\t\\n\\f\\r ].*)`);

const rstripSpaceTab = (s) => s.replace(/[ \t]+$/u, "");
const endsSentence = (s) => SENTENCE_ENDS.some((e) => rstripSpaceTab(s).endsWith(e));
// Python's str.strip(): Unicode white space.
const pyStrip = (s) => s.replace(/^[\s\x1c-\x1f\x85]+|[\s\x1c-\x1f\x85]+$/gu, "");
const utf8Bytes = (s) => Buffer.byteLength(s, "utf8");

function isBareHeadingCell(inTable, line) {
  if (!inTable || line.includes("。")) return false;
  const u = pyStrip(line);
  const n = [...u].length;
  return n > 0 && n <= 20 && !(u[0] >= "0" && u[0] <= "9");
}

const isItemShape = (line) => ITEM_LINE.test(line) && !QUANTITY_START.test(line);

// Not a heading, a heading with its body, an article or an item (segment.cc ShapeOf).
function isBodyLine(line) {
  if (HEADING_LINE.test(line) || SECTION_HEADING_LINE.test(line)) return false;
  if (HEADING_THEN_BODY.test(line) || ARTICLE_LINE.test(line) || isItemShape(line)) return false;
  return line.replace(/^[ \t#\n\r\f\v]+/u, "") !== "";
}

// 「1 秘密の保持」: the title after the number, or "" (segment.cc ItemTitle).
function itemTitle(line) {
  const m = ITEM_LINE.exec(line);
  if (!m) return "";
  const t = m[1].replace(/[ \t\n\f\r]+$/u, "");
  const chars = [...t];
  if (chars.length === 0 || chars.length > 20 || chars.some((c) => "。、,，".includes(c))) return "";
  const last = chars[chars.length - 1];
  if ((last >= "\u3041" && last <= "\u30ff") || (last >= "0" && last <= "9")) return "";
  return t;
}

// [[index, text, inTable]] → [{heading, text, bytes, first, normHeading, normText}]
function segment(paragraphs) {
  const out = [];
  let heading = "";
  let previousComplete = true;
  let headingFresh = false;
  const lines = paragraphs.map(([, text]) => nfkc(text));
  for (let k = 0; k < paragraphs.length; k++) {
    const [index, text, inTable] = paragraphs[k];
    const line = lines[k];
    const completeBefore = previousComplete;
    previousComplete = endsSentence(line);
    let m = HEADING_LINE.exec(line) || SECTION_HEADING_LINE.exec(line);
    if (m || isBareHeadingCell(inTable, line)) {
      heading = m ? m[1] : line;
      headingFresh = true;
      previousComplete = true;
      continue;
    }
    m = HEADING_THEN_BODY.exec(line);
    if (m) {
      heading = m[1];
      const rest = m[2];
      out.push({ heading, text: rest, bytes: utf8Bytes(rest), first: index });
      headingFresh = false;
      previousComplete = endsSentence(line);
      continue;
    }
    m = ARTICLE_LINE.exec(line);
    if (m) {
      const captured = m[1] || "";
      if (captured || !headingFresh) heading = captured;
      out.push({ heading, text, bytes: utf8Bytes(text), first: index });
      headingFresh = false;
      if (m[2] === "") previousComplete = true;
      continue;
    }
    const item = ITEM_LINE.test(line) && completeBefore && !QUANTITY_START.test(line);
    if (item && k + 1 < lines.length && isBodyLine(lines[k + 1])) {
      const title = itemTitle(line);
      if (title !== "") {
        heading = title;
        headingFresh = true;
        previousComplete = true;
        continue;
      }
    }
    if (item || headingFresh || out.length === 0) {
      out.push({ heading, text, bytes: utf8Bytes(text), first: index });
      headingFresh = false;
      continue;
    }
    const last = out[out.length - 1];
    if (last.bytes < 20000) {
      last.text += "\n" + text;
      last.bytes += 1 + utf8Bytes(text);
    }
  }
  for (const p of out) {
    p.normHeading = normalizeForMatch(p.heading);
    p.normText = normalizeForMatch(p.text);
  }
  return out;
}

// --- Reading with mammoth ----------------------------------------------------------------------

const TRIM = " \t\n\r\u00a0\u3000";
function trim(s) {
  let a = 0;
  let b = s.length;
  while (a < b && TRIM.includes(s[a])) a++;
  while (b > a && TRIM.includes(s[b - 1])) b--;
  return s.slice(a, b);
}

// The text of an element as convertElementToRawText collects it, plus line breaks.
function rawText(element) {
  switch (element.type) {
    case "text":
      return element.value;
    case "tab":
      return " "; // tokki's reader reads <w:tab/> as a space.
    case "break":
      return "\n";
    default:
      return (element.children || []).map(rawText).join("");
  }
}

async function readParagraphs(file) {
  const docxFile = await unzip.openZip({ path: file });
  const result = await docxReader.read(docxFile, { path: file });
  const texts = [];
  const blocks = (elements, inTable) => {
    for (const e of elements) {
      if (e.type === "paragraph") {
        const text = trim(rawText(e));
        if (text) texts.push([texts.length + 1, text, inTable]);
      } else if (e.type === "table" || e.type === "tableRow" || e.type === "tableCell") {
        blocks(e.children, true);
      }
    }
  };
  blocks(result.value.children, false);
  return texts;
}

// --- Findings (engine/check/checker.cc) --------------------------------------------------------

function shorten(text, nbytes) {
  const b = Buffer.from(text, "utf8");
  if (b.length <= nbytes) return text;
  let cut = nbytes;
  while (cut > 0 && (b[cut] & 0xc0) === 0x80) cut--;
  return b.subarray(0, cut).toString("utf8") + "…";
}

async function check(rules, annex, required, file, type, date) {
  const provisions = segment(await readParagraphs(file));
  const matches = provisions.map((p) => rules.match(p.normHeading, p.normText));
  const findings = [];
  const counts = { present: 0, partial: 0, missing: 0 };
  for (const [catId, reqElements, borrows] of required) {
    const ci = rules.index.get(catId);
    const cat = rules.categories[ci];
    const elementIds = cat.elements.map((e) => e[0]);
    const evidence = [];
    const found = new Set();
    const weakenedElements = new Set();
    const weakened = [];
    provisions.forEach((p, k) => {
      const [heads, detected, elements, weak] = matches[k];
      if (!heads.has(ci) && !detected.has(ci)) return;
      evidence.push({ paragraph: p.first, text: shorten(p.text, EVIDENCE_BYTES) });
      for (const key of elements) {
        const [c, e] = key.split(":").map(Number);
        if (c === ci) found.add(e);
      }
      for (const [c, e, reason] of weak) {
        if (c !== ci) continue;
        weakenedElements.add(e);
        if (!weakened.includes(reason)) weakened.push(reason);
      }
    });
    for (const e of weakenedElements) found.delete(e);
    for (const [element, fromCat, fromEl, unless] of borrows) {
      const fc = rules.index.get(fromCat);
      const fe = rules.categories[fc].elements.findIndex((x) => x[0] === fromEl);
      const be = elementIds.indexOf(element);
      if (found.has(be) || weakenedElements.has(be)) continue;
      if (unless !== null && provisions.some((p) => unless.test(p.normText))) continue;
      for (let k = 0; k < provisions.length; k++) {
        const [heads, detected, elements] = matches[k];
        if ((heads.has(fc) || detected.has(fc)) && elements.has(fc + ":" + fe)) {
          found.add(be);
          evidence.push({ paragraph: provisions[k].first, text: shorten(provisions[k].text, EVIDENCE_BYTES) });
          break;
        }
      }
    }
    let missing = reqElements.filter((e) => !found.has(elementIds.indexOf(e)));
    let status;
    if (evidence.length === 0) {
      status = "missing";
      missing = [];
    } else {
      status = missing.length ? "partial" : "present";
    }
    const items = annex.items.filter((it) => it.category === catId);
    let basis = `特記事項（${annex.edition_name}）` + (annex.subtitle ? `「${annex.subtitle}」` : "") +
      items.map((it) => `第${it.n}項`).join("、");
    for (const [types, text] of cat.basis) if (types.length === 0 || types.includes(type)) basis += "；" + text;
    let suggestion = "";
    if (status !== "present") {
      const chosen = [];
      if (status === "partial") {
        for (const it of items) {
          const norm = normalizeForMatch(it.text);
          if (missing.some((e) => rules.elementMatches(ci, elementIds.indexOf(e), norm))) chosen.push(it);
        }
      }
      suggestion = (chosen.length ? chosen : items).map((it) => `${it.n} ${it.text}`).join("\n");
    }
    counts[status] += 1;
    const finding = {
      category: catId, name: cat.name, status, missing_elements: missing,
      missing_element_names: missing.map((e) => cat.elements[elementIds.indexOf(e)][1]),
    };
    if (weakened.length) finding.weakened = weakened;
    Object.assign(finding, { evidence, basis, suggestion });
    findings.push(finding);
  }
  return { file, type, date, edition: annex.edition, edition_name: annex.edition_name, format: "docx",
    findings, summary: counts };
}

function editionOn(libraryXml, date) {
  for (const ed of children(parseXml(libraryXml), "edition")) {
    const start = attr(ed, "from");
    const until = attr(ed, "until") || "9999-12-31";
    if (start <= date && date <= until) return attr(ed, "id");
  }
  return null;
}

function listDocx(dir) {
  const files = [];
  const walk = (rel) => {
    for (const d of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const r = rel ? rel + "/" + d.name : d.name;
      if (d.isDirectory()) walk(r);
      else if (d.name.toLowerCase().endsWith(".docx")) files.push(r);
    }
  };
  walk("");
  // Python sorts by code point; for these names (ASCII) the same as UTF-16 order.
  return files.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function parseArgs(argv) {
  const a = { type: "outsourcing", rules: path.join(ROOT, "rules", "rules.xml"),
    library: path.join(ROOT, "clauses", "library.xml") };
  const rest = [];
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    const v = () => {
      if (i + 1 >= argv.length) throw new Error(`${k} needs a value`);
      return argv[++i];
    };
    if (k === "--date") a.date = v();
    else if (k === "--type") a.type = v();
    else if (k === "--annex") a.annex = v();
    else if (k === "--rules") a.rules = v();
    else if (k === "--library") a.library = v();
    else if (k === "-o" || k === "--output") a.output = v();
    else if (k.startsWith("-")) throw new Error(`unknown option ${k}`);
    else rest.push(k);
  }
  if (rest.length !== 1 || !a.date || !a.annex || !a.output) {
    throw new Error("usage: mammoth_check.cjs DIR --date YYYY-MM-DD --annex ANNEX.json -o OUT.json");
  }
  a.dir = rest[0];
  return a;
}

async function main() {
  const a = parseArgs(process.argv.slice(2));
  if (!/^\d{4}-\d{2}-\d{2}$/.test(a.date)) throw new Error(`--date: not an ISO date: ${a.date}`);
  const edition = editionOn(a.library, a.date);
  const annex = JSON.parse(fs.readFileSync(a.annex, "utf8"));
  if (edition === null || annex.edition !== edition || annex.type !== a.type) {
    throw new Error(`${a.annex}: not the annex of type ${a.type} in edition ${edition}`);
  }
  const rules = new RuleBook(a.rules);
  const required = rules.required(a.type, edition);
  if (!required.length) throw new Error(`rules: no requirements for ${a.type} ${edition}`);
  const reports = [];
  for (const f of listDocx(a.dir)) reports.push(await check(rules, annex, required, a.dir + "/" + f, a.type, a.date));
  fs.writeFileSync(a.output, JSON.stringify(reports.length !== 1 ? reports : reports[0], null, 2) + "\n");
  return reports.some((r) => r.summary.partial + r.summary.missing) ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`mammoth_check: ${err && err.message ? err.message : err}`);
    process.exit(2);
  });
