#!/usr/bin/python3
"""Checks text extracted from .docx files by another tool (pandoc -t plain, LibreOffice's txt
export) against python-docx's reading of the same files: bench/run, untimed.

    /usr/bin/python3 bench/verify_text_extraction.py DOCX_DIR TEXT_DIR [--sample K] [--ext .txt]

For the first K files of DOCX_DIR (sorted; all by default), TEXT_DIR/NAME.txt must exist, and
every non-empty body paragraph outside tables must occur in it, both sides with all white space
removed (tools wrap lines differently; the words must be there). Table cells are not checked:
pandoc draws a table with its cells wrapped over several lines. Exits 1 and names the first
differences otherwise.
"""

import argparse
import os
import re
import sys

import docx
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

WHITE = re.compile(r"\s+")


def paragraphs(path):
    document = docx.Document(path)
    body = []
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            text = WHITE.sub("", Paragraph(child, document).text)
            if text:
                body.append(text)
    return body


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("docx_dir")
    ap.add_argument("text_dir")
    ap.add_argument("--sample", type=int, default=0)
    ap.add_argument("--ext", default=".txt")
    a = ap.parse_args()
    names = sorted(n for n in os.listdir(a.docx_dir) if n.lower().endswith(".docx"))
    if a.sample:
        names = names[: a.sample]
    bad = 0
    for n in names:
        txt = os.path.join(a.text_dir, os.path.splitext(n)[0] + a.ext)
        if not os.path.isfile(txt):
            print(f"verify_text_extraction: {txt}: missing", file=sys.stderr)
            bad += 1
            continue
        with open(txt, encoding="utf-8", errors="replace") as f:
            text = WHITE.sub("", f.read())
        lost = [p for p in paragraphs(os.path.join(a.docx_dir, n)) if p not in text]
        if lost:
            bad += 1
            if bad <= 3:
                print(f"verify_text_extraction: {n}: {len(lost)} paragraphs not in {txt}, "
                      f"first: {lost[0][:60]!r}", file=sys.stderr)
    if bad:
        print(f"verify_text_extraction: {bad} of {len(names)} files differ", file=sys.stderr)
        return 1
    print(f"{len(names)} files: every body paragraph found in the extracted text")
    return 0


if __name__ == "__main__":
    sys.exit(main())
