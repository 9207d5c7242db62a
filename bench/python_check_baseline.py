#!/usr/bin/python3
"""The python3-docx + re side of bench/check_vs_python_docx.sh: `tokki check DIR` in Python.

    /usr/bin/python3 bench/python_check_baseline.py DIR --date 2023-04-01 --annex ANNEX.json
        [--type outsourcing] [--rules rules/rules.xml] [--library clauses/library.xml] -o OUT.json

For every .docx under DIR (sorted by relative path, as tokki lists a directory), in one process:

1. python-docx opens it; the body's paragraphs and the paragraphs of table cells (nested tables
   included) are read in document order, trimmed as tokki's reader trims them (ASCII white
   space, U+00A0, U+3000), empty ones dropped.
2. The paragraphs are cut into provisions as engine/check/segment.cc does (a port of its
   patterns: heading line in （）/【】, 「第1　見出し」 section heading, a short title alone in a
   table cell, heading + wide gap + body on one line, 第N条 line, numbered item after a finished
   sentence, quantity at the start of a line), and each provision's heading and text are
   normalised as NormalizeForMatch does: unicodedata NFKC, white space removed, kanji numerals
   read as digits in 第N条/項/号/章/節 and N回.
3. Every pattern of rules/rules.xml (loaded and compiled once; {name} expanded from <define>
   exactly as engine/check/rules.cc does, {2} and {1,3} left as repetitions) is run with `re`
   on every provision: headings on the heading, detects, element patterns and weakeners on the
   text (tokki runs each group as one RE2::Set; here each pattern is one re.search).
4. Per required category of the type and edition (<require>, with its <borrow>s): present /
   partial / missing, missing elements, weakener reasons, evidence (provision text cut at 600
   bytes), basis (item numbers of the reference annex plus <basis>) and suggestion (the annex
   items, for partial ones those carrying a missing element), as engine/check/checker.cc does.

The port follows engine/check/ and rules/rules.xml as of 2026-11-22 12:40 (segment.cc with
section headings, bare heading cells and heading-then-body lines; <borrow> in <require>).
bench/check_vs_python_docx.sh compares both outputs before timing and stops if they differ,
so a change of the engine's semantics shows up there first.
5. All reports are written as one JSON array, the shape of `tokki check --format json`.

The reference annex (items, numbers, categories, printed text) is `tokki assemble --format
json` for the same type and date, made once before timing (tokki assembles it again for every
file inside CheckDocument). The edition is resolved from the date with clauses/library.xml.

Needs python3-docx: run it with /usr/bin/python3 (Debian's).
"""

import argparse
import datetime
import json
import os
import re
import sys
import unicodedata
import xml.etree.ElementTree as ET

import docx
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RULES_NS = "{urn:tokki:rules:1}"
CLAUSES_NS = "{urn:tokki:clauses:1}"
EVIDENCE_BYTES = 600

# --- Rule book (engine/check/rules.cc) ------------------------------------------------------------


class RuleBook:
    def __init__(self, path):
        root = ET.parse(path).getroot()
        defines = {d.get("name"): "".join(d.itertext()) for d in root.findall(RULES_NS + "define")}

        def expand(node, raw=None):
            raw = "".join(node.itertext()) if raw is None else raw
            out, i = [], 0
            while i < len(raw):
                if raw[i] == "{":
                    close = raw.find("}", i)
                    name = raw[i + 1:close] if close >= 0 else ""
                    repetition = name != "" and all(c in "0123456789," for c in name)
                    if not repetition:
                        if name not in defines:
                            raise ValueError(f"{path}: unknown define {{{name}}}")
                        out.append(defines[name])
                        i = close + 1
                        continue
                out.append(raw[i])
                i += 1
            return re.compile("".join(out))

        self.categories = []  # [{id, name, elements: [(id, name)], basis: [(types, text)]}]
        self.headings, self.detects, self.elements, self.weakeners = [], [], [], []
        for c in root.findall(RULES_NS + "category"):
            ci = len(self.categories)
            cat = {"id": c.get("id"), "name": c.get("name"), "elements": [], "basis": []}
            for h in c.findall(RULES_NS + "heading"):
                self.headings.append((expand(h), ci))
            for d in c.findall(RULES_NS + "detect"):
                self.detects.append((expand(d), ci))
            for e in c.findall(RULES_NS + "element"):
                ei = len(cat["elements"])
                cat["elements"].append((e.get("id"), e.get("name")))
                for p in e.findall(RULES_NS + "pattern"):
                    self.elements.append((expand(p), ci, ei))
            for w in c.findall(RULES_NS + "weakener"):
                ei = [x[0] for x in cat["elements"]].index(w.get("element"))
                self.weakeners.append((expand(w), ci, ei, w.get("reason")))
            for b in c.findall(RULES_NS + "basis"):
                cat["basis"].append(((b.get("types") or "").split(), "".join(b.itertext())))
            self.categories.append(cat)
        self.index = {c["id"]: i for i, c in enumerate(self.categories)}
        self.requires = []
        for r in root.findall(RULES_NS + "require"):
            reqs = []
            for c in r.findall(RULES_NS + "category"):
                borrows = []  # (element, from category, from element, unless pattern or None)
                for b in c.findall(RULES_NS + "borrow"):
                    from_cat, _, from_el = b.get("from").partition(".")
                    unless = expand(b, b.get("unless")) if b.get("unless") is not None else None
                    borrows.append((b.get("element"), from_cat, from_el, unless))
                reqs.append((c.get("id"), (c.get("elements") or "").split(), borrows))
            self.requires.append((r.get("types").split(), r.get("editions").split(), reqs))

    def required(self, type_, edition):
        for types, editions, reqs in self.requires:
            if type_ in types and edition in editions:
                return reqs
        return []

    def match(self, norm_heading, norm_text):
        """(heading categories, detected categories, {(cat, element)}, [(cat, element, reason)])"""
        heads = {ci for rx, ci in self.headings if rx.search(norm_heading)} if norm_heading else set()
        detected = {ci for rx, ci in self.detects if rx.search(norm_text)}
        elements = {(ci, ei) for rx, ci, ei in self.elements if rx.search(norm_text)}
        weak = [(ci, ei, reason) for rx, ci, ei, reason in self.weakeners if rx.search(norm_text)]
        return heads, detected, elements, weak

    def element_matches(self, ci, ei, norm_text):
        return any(rx.search(norm_text) for rx, c, e in self.elements if c == ci and e == ei)


# --- Normalisation (engine/text/normalize.cc) -----------------------------------------------------

WHITE = re.compile(r"\s+")
KANJI_RUN = re.compile(r"[〇一二三四五六七八九十百千]+")
KANJI_DIGIT = {c: i for i, c in enumerate("〇一二三四五六七八九")}
KANJI_UNIT = {"十": 10, "百": 100, "千": 1000}
COUNTERS = "条項号章節"


def nfkc(s):
    return unicodedata.normalize("NFKC", s)


def parse_kanji_number(s):
    """十五 → 15, 二〇二三 → 2023, 千九百八十九 → 1989; None if s is not one number."""
    if not any(c in KANJI_UNIT for c in s):
        return int("".join(str(KANJI_DIGIT[c]) for c in s))
    total, digit = 0, None
    last_unit = 10000
    for c in s:
        if c in KANJI_DIGIT:
            if digit is not None:
                return None
            digit = KANJI_DIGIT[c]
        else:
            unit = KANJI_UNIT[c]
            if unit >= last_unit:
                return None
            total += (1 if digit is None else digit) * unit
            digit, last_unit = None, unit
    return total + (digit or 0)


def join_parenthetical_sentences(s):
    """s without the 。 inside each closed pair of parentheses (engine/text/normalize.cc)."""
    if "(" not in s or "。" not in s:
        return s
    open_, spans = [], []
    for i, c in enumerate(s):
        if c == "(":
            open_.append(i)
        elif c == ")" and open_:
            at = open_.pop()
            while spans and spans[-1][0] > at:
                spans.pop()
            spans.append((at, i))
    drop = set()
    for a, b in spans:
        drop.update(i for i in range(a, b) if s[i] == "。")
    return "".join(c for i, c in enumerate(s) if i not in drop) if drop else s


def normalize_for_match(s):
    s = join_parenthetical_sentences(WHITE.sub("", nfkc(s)))

    def repl(m):
        i, j = m.start(), m.end()
        after_dai = i > 0 and s[i - 1] == "第"
        counted = j < len(s) and ((after_dai and s[j] in COUNTERS) or s[j] == "回")
        if counted:
            n = parse_kanji_number(m.group())
            if n is not None:
                return str(n)
        return m.group()

    return KANJI_RUN.sub(repl, s)


# --- Segmentation (engine/check/segment.cc) -------------------------------------------------------
# RE2's \s is [\t\n\f\r ]: written out so that Python's Unicode \s does not differ.
S = r"[\t\n\f\r ]"
HEADING_LINE = re.compile(rf"^{S}*#*{S}*[(\[【〔]([^()\[\]【】〔〕。]{{1,40}})[)\]】〕]{S}*$")
ARTICLE_LINE = re.compile(
    rf"^{S}*第{S}*(?:[0-9]+|[〇一二三四五六七八九十百千]+){S}*条(?:の[0-9一二三四五六七八九十]+)?{S}*"
    rf"(?:[(【〔]([^()【】〔〕]{{1,40}})[)】〕])?{S}*(.*)$")
ITEM_LINE = re.compile(rf"^{S}*[-・]?{S}*(?:[0-9]{{1,3}}(?:{S}+|[.、．]{S}*)|[①-⑳]{S}*)(.*)$")
QUANTITY_START = re.compile(
    rf"^{S}*[0-9]+{S}*(?:回|年|か月|ヶ月|箇月|月|日|週|時間|時|分|人|名|件|部|通|円|万|億|%|割|条|項|号|営業日|社|台"
    rf"|枚|頁|ページ)")
SENTENCE_ENDS = ("。", ")", "」", "】", ":", "：")
# 「第１　基本的事項」: a numbered section heading without 条.
SECTION_HEADING_LINE = re.compile(
    rf"^{S}*第{S}*(?:[0-9]+|[〇一二三四五六七八九十百千]+){S}+([^\t\n\f\r 。、][^。、]{{0,29}}){S}*$")
# 「（監査）    委託者は、…」: heading, a wide gap, the body (a PDF table row on one line).
HEADING_THEN_BODY = re.compile(rf"^{S}*[(【〔]([^()【】〔〕。]{{1,40}})[)】〕]{S}{{2,}}([^\t\n\f\r ].*)$")


def is_bare_heading_cell(in_table, line):
    """A table cell holding only a short title (「監査」): the heading of the row's body cell."""
    if not in_table or "。" in line:
        return False
    u = line.strip()
    return 0 < len(u) <= 20 and not ("0" <= u[0] <= "9")


def is_item_shape(line):
    return ITEM_LINE.fullmatch(line) is not None and QUANTITY_START.match(line) is None


def is_body_line(line):
    """Not a heading, a heading with its body, an article or an item (segment.cc ShapeOf)."""
    return not (HEADING_LINE.fullmatch(line) or SECTION_HEADING_LINE.fullmatch(line)
                or HEADING_THEN_BODY.fullmatch(line) or ARTICLE_LINE.fullmatch(line)
                or is_item_shape(line)) and line.lstrip(" \t#\n\r\f\v") != ""


def item_title(line):
    """「1 秘密の保持」: the title after the number, or "" (segment.cc ItemTitle)."""
    m = ITEM_LINE.fullmatch(line)
    if not m:
        return ""
    t = m.group(1).rstrip(" \t\n\f\r")
    if not 0 < len(t) <= 20 or any(c in "。、,，" for c in t):
        return ""
    if "\u3041" <= t[-1] <= "\u30ff" or "0" <= t[-1] <= "9":
        return ""
    return t


def segment(paragraphs):
    """[(index, text, in_table)] → [{heading, text, bytes, norm_heading, norm_text, first}]"""
    out = []
    heading = ""
    previous_complete = True
    heading_fresh = False
    lines = [nfkc(text) for _, text, _ in paragraphs]
    for k, (index, text, in_table) in enumerate(paragraphs):
        line = lines[k]
        complete_before = previous_complete
        previous_complete = line.rstrip(" \t").endswith(SENTENCE_ENDS)
        m = HEADING_LINE.fullmatch(line) or SECTION_HEADING_LINE.fullmatch(line)
        if m or is_bare_heading_cell(in_table, line):
            heading = m.group(1) if m else line
            heading_fresh = True
            previous_complete = True
            continue
        m = HEADING_THEN_BODY.fullmatch(line)
        if m:
            heading = m.group(1)
            rest = m.group(2)
            out.append({"heading": heading, "text": rest, "bytes": len(rest.encode()), "first": index})
            heading_fresh = False
            previous_complete = line.rstrip(" \t").endswith(SENTENCE_ENDS)
            continue
        m = ARTICLE_LINE.fullmatch(line)
        if m:
            captured = m.group(1) or ""
            if captured or not heading_fresh:
                heading = captured
            out.append({"heading": heading, "text": text, "bytes": len(text.encode()), "first": index})
            heading_fresh = False
            if m.group(2) == "":
                previous_complete = True
            continue
        item = (ITEM_LINE.fullmatch(line) is not None and complete_before
                and QUANTITY_START.match(line) is None)
        if item and k + 1 < len(lines) and is_body_line(lines[k + 1]):
            title = item_title(line)
            if title:
                heading = title
                heading_fresh = True
                previous_complete = True
                continue
        if item or heading_fresh or not out:
            out.append({"heading": heading, "text": text, "bytes": len(text.encode()), "first": index})
            heading_fresh = False
            continue
        last = out[-1]
        if last["bytes"] < 20000:
            last["text"] += "\n" + text
            last["bytes"] += 1 + len(text.encode())
    for p in out:
        p["norm_heading"] = normalize_for_match(p["heading"])
        p["norm_text"] = normalize_for_match(p["text"])
    return out


# --- Reading (engine/docx/docx_reader.cc, body and tables only) -----------------------------------

TRIM = " \t\n\r\u00a0\u3000"
W_P, W_TBL, W_TR, W_TC = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc")


def read_paragraphs(path):
    document = docx.Document(path)
    texts = []

    def blocks(container, parent, in_table):
        for child in container.iterchildren():
            if child.tag == W_P:
                # tokki's reader reads <w:tab/> as a space (python-docx gives "\t").
                text = Paragraph(child, parent).text.replace("\t", " ").strip(TRIM)
                if text:
                    texts.append((len(texts) + 1, text, in_table))
            elif child.tag in (W_TBL, W_TR, W_TC):
                blocks(child, parent, True)

    blocks(document.element.body, document, False)
    return texts


# --- Findings (engine/check/checker.cc) -----------------------------------------------------------


def shorten(text, nbytes):
    b = text.encode()
    if len(b) <= nbytes:
        return text
    cut = nbytes
    while cut > 0 and (b[cut] & 0xC0) == 0x80:
        cut -= 1
    return b[:cut].decode() + "…"


def check(rules, annex, required, path, type_, date):
    provisions = segment(read_paragraphs(path))
    matches = [rules.match(p["norm_heading"], p["norm_text"]) for p in provisions]
    findings = []
    counts = {"present": 0, "partial": 0, "missing": 0}
    for cat_id, req_elements, borrows in required:
        ci = rules.index[cat_id]
        cat = rules.categories[ci]
        element_ids = [e[0] for e in cat["elements"]]
        evidence, found, weakened_elements, weakened = [], set(), set(), []
        for p, (heads, detected, elements, weak) in zip(provisions, matches):
            if ci not in heads and ci not in detected:
                continue
            evidence.append({"paragraph": p["first"], "text": shorten(p["text"], EVIDENCE_BYTES)})
            found.update(e for c, e in elements if c == ci)
            for c, e, reason in weak:
                if c == ci:
                    weakened_elements.add(e)
                    if reason not in weakened:
                        weakened.append(reason)
        found -= weakened_elements
        # Elements this requirement lets another category's element satisfy, unless weakened.
        for element, from_cat, from_el, unless in borrows:
            fc = rules.index[from_cat]
            fe = [x[0] for x in rules.categories[fc]["elements"]].index(from_el)
            be = element_ids.index(element)
            if be in found or be in weakened_elements:
                continue
            if unless is not None and any(unless.search(p["norm_text"]) for p in provisions):
                continue
            for p, (heads, detected, elements, weak) in zip(provisions, matches):
                if (fc in heads or fc in detected) and (fc, fe) in elements:
                    found.add(be)
                    evidence.append({"paragraph": p["first"], "text": shorten(p["text"], EVIDENCE_BYTES)})
                    break
        missing = [e for e in req_elements if element_ids.index(e) not in found]
        if not evidence:
            status, missing = "missing", []
        elif missing:
            status = "partial"
        else:
            status = "present"
        items = [it for it in annex["items"] if it["category"] == cat_id]
        basis = f"特記事項（{annex['edition_name']}）" + (
            f"「{annex['subtitle']}」" if annex.get("subtitle") else "") + "、".join(
            f"第{it['n']}項" for it in items)
        for types, text in cat["basis"]:
            if not types or type_ in types:
                basis += "；" + text
        suggestion = ""
        if status != "present":
            chosen = []
            if status == "partial":
                for it in items:
                    norm = normalize_for_match(it["text"])
                    if any(rules.element_matches(ci, element_ids.index(e), norm) for e in missing):
                        chosen.append(it)
            suggestion = "\n".join(f"{it['n']} {it['text']}" for it in (chosen or items))
        counts[status] += 1
        finding = {"category": cat_id, "name": cat["name"], "status": status, "missing_elements": missing,
                   "missing_element_names": [cat["elements"][element_ids.index(e)][1] for e in missing]}
        if weakened:
            finding["weakened"] = weakened
        finding.update({"evidence": evidence, "basis": basis, "suggestion": suggestion})
        findings.append(finding)
    return {"file": path, "type": type_, "date": date, "edition": annex["edition"],
            "edition_name": annex["edition_name"], "format": "docx", "findings": findings, "summary": counts}


def edition_on(library_xml, date):
    root = ET.parse(library_xml).getroot()
    for ed in root.findall(CLAUSES_NS + "edition"):
        start, until = ed.get("from"), ed.get("until") or "9999-12-31"
        if start <= date <= until:
            return ed.get("id")
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("dir")
    ap.add_argument("--date", required=True, help="ISO date, e.g. 2023-04-01")
    ap.add_argument("--type", default="outsourcing")
    ap.add_argument("--annex", required=True, help="tokki assemble --format json of the type and date")
    ap.add_argument("--rules", default=os.path.join(ROOT, "rules", "rules.xml"))
    ap.add_argument("--library", default=os.path.join(ROOT, "clauses", "library.xml"))
    ap.add_argument("-o", "--output", required=True)
    a = ap.parse_args()

    date = datetime.date.fromisoformat(a.date).isoformat()
    edition = edition_on(a.library, date)
    with open(a.annex, encoding="utf-8") as f:
        annex = json.load(f)
    if edition is None or annex["edition"] != edition or annex["type"] != a.type:
        sys.exit(f"{a.annex}: not the annex of type {a.type} in edition {edition}")
    rules = RuleBook(a.rules)
    required = rules.required(a.type, edition)
    if not required:
        sys.exit(f"rules: no requirements for {a.type} {edition}")

    files = []
    for dirpath, _, names in os.walk(a.dir):
        for n in names:
            if n.lower().endswith(".docx"):
                files.append(os.path.relpath(os.path.join(dirpath, n), a.dir).replace(os.sep, "/"))
    files.sort()
    reports = [check(rules, annex, required, a.dir + "/" + f, a.type, date) for f in files]
    with open(a.output, "w", encoding="utf-8") as f:
        json.dump(reports if len(reports) != 1 else reports[0], f, ensure_ascii=False, indent=2)
        f.write("\n")
    return 1 if any(r["summary"]["partial"] + r["summary"]["missing"] for r in reports) else 0


if __name__ == "__main__":
    sys.exit(main())
