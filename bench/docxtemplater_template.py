#!/usr/bin/python3
"""Writes the template .docx of bench/docxtemplater_annex.cjs with python-docx (bench/run, untimed).

    /usr/bin/python3 bench/docxtemplater_template.py OUT.docx

One paragraph loop {#paras}…{/paras} over the annex's paragraphs; inside it, one conditional
section per kind of paragraph ({#Title}…{/Title}, {#Item}…{/Item}, …), each holding one
paragraph formatted as python_docx_annex.py formats that kind (tokki's styles imitated by direct
formatting): the title bold 14 pt centred, items "{n}<tab>{text}" with a hanging indent and
justified, and so on. Every tag is alone in its run and every loop or section tag alone in its
paragraph, so docxtemplater (paragraphLoop) drops those paragraphs from the output. A4 and
tokki's margins, as python_docx_annex.py sets them.
"""

import sys

from python_docx_annex import format_paragraph, new_document  # Same directory (bench/).


def main():
    doc = new_document()
    # python-docx's Document() starts with no paragraph in the body.
    doc.add_paragraph("{#paras}")
    for kind in ("Title", "Part", "Info", "Heading", "Group", "Item", "SubItem"):
        doc.add_paragraph("{#%s}" % kind)
        p = doc.add_paragraph()
        if kind in ("Item", "SubItem"):
            p.add_run("{label}")
            p.add_run().add_tab()
        format_paragraph(p, p.add_run("{text}"), kind)
        doc.add_paragraph("{/%s}" % kind)
    doc.add_paragraph("{/paras}")
    doc.save(sys.argv[1])
    return 0


if __name__ == "__main__":
    sys.exit(main())
