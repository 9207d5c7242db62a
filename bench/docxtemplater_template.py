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

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt, Twips


def main():
    doc = docx.Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Twips(11906), Twips(16838)
    section.top_margin = Twips(1985)
    section.left_margin = section.right_margin = section.bottom_margin = Twips(1701)
    section.header_distance, section.footer_distance = Twips(851), Twips(992)
    core = doc.core_properties
    core.title, core.author, core.last_modified_by, core.language = "特記事項", "tokki", "tokki", "ja-JP"
    # python-docx's Document() starts with no paragraph in the body.
    doc.add_paragraph("{#paras}")
    for kind in ("Title", "Part", "Info", "Heading", "Group", "Item", "SubItem"):
        doc.add_paragraph("{#%s}" % kind)
        p = doc.add_paragraph()
        fmt = p.paragraph_format
        if kind in ("Item", "SubItem"):
            p.add_run("{label}")
            p.add_run().add_tab()
        run = p.add_run("{text}")
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
        doc.add_paragraph("{/%s}" % kind)
    doc.add_paragraph("{/paras}")
    doc.save(sys.argv[1])
    return 0


if __name__ == "__main__":
    sys.exit(main())
