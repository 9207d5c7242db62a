#!/usr/bin/python3
"""tokki diff from the command line: editions, documents, a document against an edition; every
format; the tracked-changes .docx accepted and rejected by LibreOffice; bad input.

Usage: diff_cli_test.py TOKKI_BINARY SOURCE_DIR [unittest options]

LibreOffice is driven as in redline_roundtrip_test.py (Python-UNO, private profile, watchdog).
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import redline_roundtrip_test as rt  # noqa: E402  (Office, as_tokki_reads)

TOKKI = None
SOURCE_DIR = None
PLACEHOLDERS = ["--set", "contractor=〔受託者（乙）〕", "--set", "contract_title=〔契約件名〕"]


def tokki(*args, check=True):
    p = subprocess.run([TOKKI] + list(args), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       timeout=120)
    if check and p.returncode != 0:
        raise AssertionError("tokki %s: exit %d: %s" %
                             (" ".join(args), p.returncode, p.stderr.decode("utf-8", "replace")))
    return p


def printed(date):
    """The paragraphs of an edition as the redline prints them: headings, then 「N　text」."""
    annex = json.loads(tokki("assemble", "--type", "outsourcing", "--date", date, "--format",
                             "json", "-o", "-", *PLACEHOLDERS).stdout)
    lines = []
    for item in annex["items"]:
        if item["heading"]:
            lines.append(item["heading"])
        lines.append("%d\u3000%s" % (item["n"], item["text"]))
    return lines


def changes(result):
    return [(p["from"], p["to"], p["change"]) for p in result["pairs"]
            if p["change"] != "same" or p["moved"]]


class DiffCliTest(unittest.TestCase):
    maxDiff = 8000
    office = None

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="tokki-diff-")

    @classmethod
    def tearDownClass(cls):
        if cls.office is not None:
            cls.office.close()
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def path(self, name):
        return os.path.join(self.tmp, name)

    def editions(self, fmt, *extra, frm="2017-09-13", to="2020-02-01"):
        out = self.path("editions-%s-%s-%s.%s" % (frm, to, "-".join(extra) or "plain", fmt))
        tokki("diff", "--type", "outsourcing", "--from", frm, "--to", to, "--format", fmt,
              "-o", out, *extra)
        return out

    def test_text_lists_the_changes_and_the_renumbering(self):
        p = tokki("diff", "--type", "outsourcing", "--from", "平成29年9月13日", "--to",
                  "R2.2.1", "-o", "-")
        text = p.stdout.decode("utf-8")
        self.assertIn("[分割] 旧 15 → 新 15〜17", text)
        self.assertIn("持[-ち-]出しの禁止", text)
        self.assertIn("第1項から第1[-7-]{+9+}項まで", text)
        self.assertIn("新旧番号対照（旧 → 新）", text)
        self.assertIn("  16 → 18  同一", text)
        self.assertEqual(p.stderr, b"")

    def test_json_has_the_design_shape(self):
        with open(self.editions("json"), encoding="utf-8") as f:
            result = json.load(f)
        self.assertEqual(set(result) >= {"from", "to", "pairs"}, True)
        self.assertEqual(changes(result), [([6], [6], "modified"), ([15], [15, 16, 17], "split"),
                                           ([18], [20], "modified"), ([19], [21], "modified")])
        for pair in result["pairs"]:
            self.assertIn(pair["change"],
                          {"same", "modified", "added", "removed", "split", "merged"})
            for op in pair["ops"]:
                self.assertIn(op["op"], {"equal", "insert", "delete"})
        renumbering = {(r["from"], r["to"]) for r in result["renumbering"]}
        self.assertIn(("15", "15〜17"), renumbering)
        self.assertIn(("17", "19"), renumbering)

    def test_html_is_one_self_contained_page_with_both_views(self):
        with open(self.editions("html"), encoding="utf-8") as f:
            html = f.read()
        self.assertIn('id="inline"', html)
        self.assertIn('id="side"', html)
        self.assertIn("<ins>等</ins>", html)
        self.assertIn("新旧番号対照", html)
        self.assertIsNone(re.search(r'(src|href)\s*=\s*"(https?:|//)', html))
        self.assertNotIn("<script", html)

    def open_office(self):
        if rt.uno is None:
            self.fail("python3-uno is needed: import uno failed for " + sys.executable)
        if DiffCliTest.office is None:
            DiffCliTest.office = rt.Office(self.tmp)
        return DiffCliTest.office

    def lo_paragraphs(self, docx, command):
        office = self.open_office()
        doc = office.load(docx)
        self.assertIsNotNone(doc, docx)
        try:
            self.assertGreater(doc.getRedlines().getCount(), 0, "no tracked changes")
            office.dispatch(doc, command)
            self.assertEqual(doc.getRedlines().getCount(), 0, command + " left changes")
            return [p for p, _ in office.paragraphs(doc)]
        finally:
            doc.close(True)

    def test_docx_redline_accepts_to_the_new_and_rejects_to_the_old_edition(self):
        for frm, to in [("2017-09-13", "2020-02-01"), ("2020-02-01", "2023-04-01")]:
            docx = self.editions("docx", "--author", "法務課", frm=frm, to=to)
            with open(self.editions("json", frm=frm, to=to), encoding="utf-8") as f:
                result = json.load(f)
            title = "新旧対照表（%s → %s）" % (result["from"], result["to"])
            with zipfile.ZipFile(docx) as z:
                body = z.read("word/document.xml").decode("utf-8")
            self.assertIn('w:author="法務課"', body)
            self.assertIn("<w:ins ", body)
            self.assertIn("<w:del ", body)
            accepted = self.lo_paragraphs(docx, ".uno:AcceptAllTrackedChanges")
            self.assertEqual(rt.as_tokki_reads(accepted), [title] + printed(to))
            rejected = self.lo_paragraphs(docx, ".uno:RejectAllTrackedChanges")
            self.assertEqual(rt.as_tokki_reads(rejected), [title] + printed(frm))

    def test_docx_underline_style_has_no_tracked_changes(self):
        docx = self.editions("docx", "--style", "underline")
        with zipfile.ZipFile(docx) as z:
            body = z.read("word/document.xml").decode("utf-8")
        self.assertNotIn("<w:ins ", body)
        self.assertNotIn("<w:del ", body)
        self.assertIn('<w:u w:val="single"/>', body)
        self.assertIn("下線部は", body)
        self.assertIn("年度当たり1回以上", body)

    def test_documents_align_a_split_and_show_a_quiet_change(self):
        files = {}
        for date in ["2017-09-13", "2020-02-01"]:
            for ext in ["txt", "docx"]:
                files[(date, ext)] = self.path("annex-%s.%s" % (date, ext))
                tokki("assemble", "--type", "outsourcing", "--date", date, "-o",
                      files[(date, ext)], *PLACEHOLDERS)
        out = self.path("docs.json")
        tokki("diff", files[("2017-09-13", "txt")], files[("2020-02-01", "docx")], "-o", out)
        with open(out, encoding="utf-8") as f:
            result = json.load(f)
        self.assertEqual(result["from"], "annex-2017-09-13.txt")
        split = [p for p in result["pairs"] if p["change"] == "split"]
        self.assertEqual(len(split), 1)
        self.assertEqual(split[0]["from_labels"], ["15"])
        self.assertEqual(split[0]["to_labels"], ["15", "16", "17"])
        # A vendor quietly weakens the annex they were sent: the officer's check against the
        # edition shows exactly that change.
        with open(files[("2020-02-01", "txt")], encoding="utf-8") as f:
            text = f.read()
        self.assertIn("年度当たり1回以上", text)
        tampered = self.path("returned.txt")
        with open(tampered, "w", encoding="utf-8") as f:
            f.write(text.replace("年度当たり1回以上", "必要に応じて"))
        out = self.path("returned.json")
        tokki("diff", "--type", "outsourcing", "--date", "2020-02-01", tampered, "-o", out)
        with open(out, encoding="utf-8") as f:
            result = json.load(f)
        modified = [p for p in result["pairs"] if p["change"] == "modified"]
        edits = [(op["op"], op["text"]) for p in modified for op in p["ops"]
                 if op["op"] != "equal"]
        self.assertIn(("delete", "年度当たり1回以上"), edits)
        self.assertIn(("insert", "必要に応じて"), edits)
        # Every item of the edition is in the document: nothing removed.
        self.assertEqual([p for p in result["pairs"] if p["change"] == "removed"], [])

    def to_pdf(self, docx):
        """NAME.pdf beside NAME.docx, by LibreOffice (private profile)."""
        soffice = shutil.which("soffice") or shutil.which("libreoffice")
        self.assertIsNotNone(soffice, "LibreOffice (soffice) is needed for this test")
        profile = "file://" + os.path.join(self.tmp, "lo-convert-profile")
        subprocess.run([soffice, "-env:UserInstallation=" + profile, "--headless",
                        "--convert-to", "pdf", "--outdir", self.tmp, docx],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=240,
                       check=True)

    def test_a_pdf_against_a_docx_aligns_as_the_editions_do(self):
        old_docx, new_docx = self.path("pdf-old.docx"), self.path("pdf-new.docx")
        tokki("assemble", "--type", "outsourcing", "--date", "2017-09-13", "-o", old_docx,
              *PLACEHOLDERS)
        tokki("assemble", "--type", "outsourcing", "--date", "2020-02-01", "-o", new_docx,
              *PLACEHOLDERS)
        self.to_pdf(old_docx)
        out = self.path("pdf-docx.json")
        tokki("diff", self.path("pdf-old.pdf"), new_docx, "-o", out)
        with open(out, encoding="utf-8") as f:
            result = json.load(f)
        self.assertEqual([p for p in result["pairs"] if p["moved"]], [])
        self.assertEqual([p for p in result["pairs"] if p["change"] == "merged"], [],
                         "sub-items (1)-(4) of item 5 stay in item 5")
        split = [(p["from_labels"], p["to_labels"]) for p in result["pairs"]
                 if p["change"] == "split"]
        self.assertEqual(split, [(["15"], ["15", "16", "17"])])
        modified = [p["to_labels"] for p in result["pairs"] if p["change"] == "modified"]
        for labels in (["6"], ["20"], ["21"]):
            self.assertIn(labels, modified)

    def test_a_docx_and_its_own_pdf_are_the_same(self):
        # The 2023 annex is three pages long with a page number in the footer, and item 20
        # runs on from page 2 to page 3: page numbers must neither read as text (「1」 as an
        # item of its own, or inside item 9) nor cut item 20 in two.
        docx = self.path("own.docx")
        tokki("assemble", "--type", "outsourcing", "--date", "2023-04-01", "-o", docx,
              *PLACEHOLDERS)
        self.to_pdf(docx)
        pages = subprocess.run(["pdfinfo", self.path("own.pdf")], capture_output=True,
                               text=True, check=True).stdout
        self.assertRegex(pages, r"Pages:\s+[3-9]", "the test needs a PDF of several pages")
        out = self.path("own.json")
        tokki("diff", docx, self.path("own.pdf"), "-o", out)
        with open(out, encoding="utf-8") as f:
            result = json.load(f)
        self.assertGreater(len(result["pairs"]), 20)
        changed = [(p["from_labels"], p["to_labels"], p["change"]) for p in result["pairs"]
                   if p["change"] != "same"]
        self.assertEqual(changed, [])

    def test_white_space_and_width_are_ignored_unless_asked(self):
        old, new = self.path("w-old.txt"), self.path("w-new.txt")
        with open(old, "w", encoding="utf-8") as f:
            f.write("（監査）\n1　乙は、年度当たり1回以上、監査を受けるものとする。\n")
        with open(new, "w", encoding="utf-8") as f:
            f.write("（監査）\n1 乙は、年度当たり１回以上、監査を\n受けるものとする。\n")
        for extra, expected in [([], "same"), (["--show-format"], "modified")]:
            out = self.path("w%d.json" % len(extra))
            tokki("diff", old, new, "-o", out, *extra)
            with open(out, encoding="utf-8") as f:
                result = json.load(f)
            self.assertEqual([p["change"] for p in result["pairs"]], [expected], extra)

    def test_bad_input_is_one_line_and_exit_2(self):
        cases = [
            (["diff", "--type", "outsourcing", "--from", "2017-09-13", "--to", "2020-02-01",
              "--format", "pdf", "-o", self.path("x")], "--format"),
            (["diff", "--type", "outsourcing", "--from", "2010-01-01", "--to", "2020-02-01",
              "-o", self.path("x")], "2010"),
            (["diff", self.path("missing.docx"), self.path("missing2.docx"), "-o",
              self.path("x")], "missing.docx"),
            (["diff", "--type", "outsourcing", "--from", "2017-09-13", "-o", self.path("x")],
             "--to"),
            (["diff", "--type", "outsourcing", "--from", "2017-09-13", "--to", "2020-02-01",
              "--style", "bold", "-o", self.path("x")], "--style"),
        ]
        for args, needle in cases:
            p = tokki(*args, check=False)
            err = p.stderr.decode("utf-8")
            self.assertEqual(p.returncode, 2, args)
            self.assertEqual(err.count("\n"), 1, err)
            self.assertIn(needle, err)
            self.assertFalse(os.path.exists(self.path("x")))


def main():
    global TOKKI, SOURCE_DIR
    if len(sys.argv) < 3:
        sys.exit("usage: diff_cli_test.py TOKKI_BINARY SOURCE_DIR")
    TOKKI = os.path.abspath(sys.argv[1])
    SOURCE_DIR = sys.argv[2]
    unittest.main(argv=[sys.argv[0]] + sys.argv[3:], verbosity=2)


if __name__ == "__main__":
    main()
