#!/usr/bin/python3
"""The python3-docx side of bench/assemble_vs_python_docx.sh.

build   Reads the profiles (JSONL, the same file tokki gets) and, for each profile, the annex
        content that `tokki assemble --format json` produced for it beforehand (JSON_DIR/NAME.json),
        then builds NAME.docx with python-docx (Document() default template) and saves it in OUT.
        Only this subcommand is timed: one process for all the profiles.
verify  Checks that python-docx and tokki wrote the same documents: for every profile, the
        paragraph texts of OUT/NAME.docx and TOKKI_DIR/NAME.docx must be equal (tabs and line
        breaks included). Untimed.

The paragraphs are those of tokki's AnnexParagraphs (engine/report/annex_render.cc): title,
subtitle in parentheses, the contract block (label：value, then an empty paragraph), per item
an optional heading in parentheses, "N<tab>text" and one "label<tab>text" paragraph per
sub-item, then the measures part (title, 【group】, "N<tab>item"). tokki's paragraph styles are
imitated with direct formatting, since the default template has no such styles.

Needs python3-docx: run it with /usr/bin/python3 (Debian's), not a pyenv python3.
"""

import argparse
import datetime
import json
import os
import re
import sys

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt, Twips

# Keys of the contract block, in tokki's order (engine/assemble/annex.cc); the labels come from
# `tokki clauses list --format json`, the date line is always last.
INFO_KEYS = ("contract_title", "municipality", "contractor", "subcontractor")
DATE_LABEL = "契約日"
# A sub-item line in the JSON "text" is label + text with nothing between: "（1）…", "ア…".
SUB_LABEL = re.compile(r"(（[0-9０-９]+）|[ア-ン])(.*)", re.S)


def read_profiles(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def param_labels(library_json):
    with open(library_json, encoding="utf-8") as f:
        return {p["name"]: p["label"] for p in json.load(f)["parameters"]}


def annex_paragraphs(annex, labels):
    """[(kind, text)] in tokki's order; kind is the tokki style name without "Tokki"."""
    out = [("Title", annex["title"])]
    if annex.get("subtitle"):
        out.append(("Part", "（" + annex["subtitle"] + "）"))
    params = annex["parameters"]
    for key in INFO_KEYS:
        if key in params and key in labels:
            out.append(("Info", labels[key] + "：" + params[key]))
    out.append(("Info", DATE_LABEL + "：" + annex["date_era"]))
    out.append(("Info", ""))
    for item in annex["items"]:
        if item["heading"]:
            out.append(("Heading", "（" + item["heading"] + "）"))
        lines = item["text"].split("\n")
        out.append(("Item", str(item["n"]) + "\t" + lines[0]))
        for sub in lines[1:]:
            m = SUB_LABEL.fullmatch(sub)
            if m is None:
                raise ValueError("sub-item without a label: " + sub[:40])
            out.append(("SubItem", m.group(1) + "\t" + m.group(2)))
    measures = annex.get("measures")
    if measures:
        out.append(("Part", measures["title"]))
        for group in measures["groups"]:
            if group["title"]:
                out.append(("Group", "【" + group["title"] + "】"))
            for n, text in enumerate(group["items"], 1):
                out.append(("Item", str(n) + "\t" + text))
    return out


def new_document():
    """python-docx's default document with A4 and tokki's margins (docx-templates/annex) and
    tokki's document properties, the dates left to the caller."""
    doc = docx.Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Twips(11906), Twips(16838)
    section.top_margin = Twips(1985)
    section.left_margin = section.right_margin = section.bottom_margin = Twips(1701)
    section.header_distance, section.footer_distance = Twips(851), Twips(992)
    core = doc.core_properties
    core.title, core.author, core.last_modified_by, core.language = "特記事項", "tokki", "tokki", "ja-JP"
    return doc


def format_paragraph(p, run, kind):
    """Formats paragraph p of `kind` (and its text run, which Title and Part need) as tokki's
    paragraph style of that kind, with direct formatting."""
    fmt = p.paragraph_format
    if kind == "Title":
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run.bold = True
        run.font.size = Pt(14)
        fmt.space_after = Pt(18)
        fmt.keep_with_next = True
    elif kind == "Part":
        run.bold = True
        fmt.space_before = Pt(18)
        fmt.keep_with_next = True
    elif kind in ("Heading", "Group"):
        fmt.keep_with_next = True
        if kind == "Group":
            fmt.space_before = Pt(9)
    elif kind == "Item":
        fmt.left_indent, fmt.first_line_indent = Twips(420), Twips(-420)
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    elif kind == "SubItem":
        fmt.left_indent, fmt.first_line_indent = Twips(840), Twips(-420)
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY


def build_docx(annex, labels, path):
    doc = new_document()
    date = datetime.datetime.strptime(annex["date"], "%Y-%m-%d")
    doc.core_properties.created = doc.core_properties.modified = date

    for kind, text in annex_paragraphs(annex, labels):
        p = doc.add_paragraph()
        run = None
        if text:
            run = p.add_run(text)  # python-docx turns "\t" into <w:tab/>, "\n" into <w:br/>.
        format_paragraph(p, run, kind)
    doc.save(path)


def cmd_build(args):
    labels = param_labels(args.library_json)
    os.makedirs(args.out, exist_ok=True)
    for profile in read_profiles(args.profiles):
        name = profile["name"]
        with open(os.path.join(args.json_dir, name + ".json"), encoding="utf-8") as f:
            annex = json.load(f)
        build_docx(annex, labels, os.path.join(args.out, name + ".docx"))
    return 0


def cmd_verify(args):
    bad = 0
    profiles = read_profiles(args.profiles)
    for profile in profiles:
        name = profile["name"] + ".docx"
        ours = [p.text for p in docx.Document(os.path.join(args.out, name)).paragraphs]
        theirs = [p.text for p in docx.Document(os.path.join(args.tokki_dir, name)).paragraphs]
        if ours != theirs:
            bad += 1
            if bad <= 3:
                diff = next((i for i, (a, b) in enumerate(zip(ours, theirs)) if a != b),
                            min(len(ours), len(theirs)))
                print(f"verify: {name}: paragraph {diff} differs "
                      f"(python-docx {len(ours)} paragraphs, tokki {len(theirs)}):\n"
                      f"  python-docx: {ours[diff] if diff < len(ours) else '(none)'!r}\n"
                      f"  tokki:       {theirs[diff] if diff < len(theirs) else '(none)'!r}",
                      file=sys.stderr)
    if bad:
        print(f"verify: {bad} of {len(profiles)} documents differ", file=sys.stderr)
        return 1
    print(f"verify: the {len(profiles)} python-docx documents have the same paragraphs as tokki's")
    return 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("build", help="build NAME.docx for every profile (the timed part)")
    b.add_argument("--profiles", required=True, help="the JSONL given to tokki --batch")
    b.add_argument("--json-dir", required=True, help="tokki's JSON output, NAME.json per profile")
    b.add_argument("--library-json", required=True, help="`tokki clauses list --format json`")
    b.add_argument("--out", required=True, help="output directory")
    v = sub.add_parser("verify", help="compare paragraph texts with tokki's .docx")
    v.add_argument("--profiles", required=True)
    v.add_argument("--out", required=True, help="python-docx output directory")
    v.add_argument("--tokki-dir", required=True, help="tokki output directory")
    args = ap.parse_args()
    return cmd_build(args) if args.cmd == "build" else cmd_verify(args)


if __name__ == "__main__":
    sys.exit(main())
