#!/usr/bin/python3
"""Whole-program tests of `tokki check` on real files: .docx written by tokki, the same
converted to PDF by LibreOffice, Shift_JIS and UTF-16 text, a PDF without a text layer, a
directory of agreements, and the exit statuses of DESIGN.md (0 all present, 1 partial or
missing, 2 bad input).

Usage: check_cli_test.py TOKKI_BINARY SOURCE_DIR [unittest options]
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

TOKKI = None
SOURCE_DIR = None
SETS = ["--set", "contractor=株式会社サンプル", "--set", "contract_title=テスト業務"]


def run(args, timeout=120, env=None):
    p = subprocess.run([TOKKI] + list(args), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       timeout=timeout, env=env)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


class CheckCliTest(unittest.TestCase):
    maxDiff = 4000

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="tokki-check-")
        self.addCleanup(shutil.rmtree, self.tmp, ignore_errors=True)

    def assemble(self, date, fmt, name, type_="outsourcing"):
        out = os.path.join(self.tmp, name)
        extra = ["--set", "subcontractor=丙株式会社"] if type_ == "subcontract" else []
        rc, _, err = run(["assemble", "--type", type_, "--date", date, "--format", fmt, "-o", out]
                         + SETS + extra)
        self.assertEqual(rc, 0, err)
        return out

    def check_json(self, files, *args):
        rc, out, err = run(["check"] + list(files) + ["--format", "json"] + list(args))
        return rc, (json.loads(out) if out.strip() else None), err

    def test_assembled_docx_of_each_edition_is_complete(self):
        for date, edition in (("2017-09-13", "2017"), ("2020-02-01", "2020"),
                              ("2023-04-01", "2023")):
            path = self.assemble(date, "docx", "annex-%s.docx" % edition)
            rc, report, err = self.check_json([path], "--date", date)
            self.assertEqual(rc, 0, "%s: %s %s" % (date, err, report and report["summary"]))
            self.assertEqual(report["edition"], edition)
            self.assertEqual(report["summary"]["partial"] + report["summary"]["missing"], 0)
            for f in report["findings"]:
                self.assertEqual(f["status"], "present", f["category"])
                self.assertTrue(f["evidence"], f["category"])
                self.assertGreater(f["evidence"][0]["paragraph"], 0)

    def test_subcontract_docx_is_complete_for_subcontract(self):
        path = self.assemble("2023-04-01", "docx", "sub.docx", "subcontract")
        rc, report, err = self.check_json([path], "--type", "subcontract", "--date", "2023-04-01")
        self.assertEqual(rc, 0, "%s %s" % (err, report and report["summary"]))
        cats = {f["category"]: f for f in report["findings"]}
        self.assertEqual(cats["subcontracting"]["status"], "present",
                         cats["subcontracting"]["missing_elements"])

    def test_pdf_from_libreoffice_is_read_with_pages(self):
        soffice = shutil.which("soffice") or shutil.which("libreoffice")
        self.assertIsNotNone(soffice, "LibreOffice (soffice) is needed for this test")
        docx = self.assemble("2023-04-01", "docx", "annex.docx")
        profile = "file://" + os.path.join(self.tmp, "lo-profile")
        subprocess.run([soffice, "-env:UserInstallation=" + profile, "--headless",
                        "--convert-to", "pdf", "--outdir", self.tmp, docx],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=240,
                       check=True)
        pdf = os.path.join(self.tmp, "annex.pdf")
        self.assertTrue(os.path.exists(pdf))
        rc, report, err = self.check_json([pdf], "--date", "2023-04-01")
        self.assertEqual(rc, 0, "%s %s" % (err, report and [
            (f["category"], f["status"], f["missing_elements"]) for f in report["findings"]
            if f["status"] != "present"]))
        self.assertEqual(report["format"], "pdf")
        pages = {e.get("page") for f in report["findings"] for e in f["evidence"]}
        self.assertIn(1, pages)
        self.assertGreater(max(p for p in pages if p), 1)

    def text_without(self, date, needle):
        """The assembled annex as text with every line containing needle removed."""
        path = self.assemble(date, "txt", "annex.txt")
        with open(path, encoding="utf-8") as f:
            lines = [l for l in f.read().splitlines() if needle not in l]
        return "\r\n".join(lines) + "\r\n"

    def test_shift_jis_text_missing_the_yearly_audit_is_partial(self):
        text = self.text_without("2020-02-01", "年度当たり1回以上")
        path = os.path.join(self.tmp, "vendor-sjis.txt")
        with open(path, "wb") as f:
            f.write(text.encode("cp932"))
        rc, report, err = self.check_json([path], "--date", "令和2年4月1日")
        self.assertEqual(rc, 1, err)
        audit = [f for f in report["findings"] if f["category"] == "audit"][0]
        self.assertEqual(audit["status"], "partial")
        self.assertEqual(audit["missing_elements"], ["annual"])
        self.assertIn("年度当たり1回以上", audit["suggestion"])
        self.assertEqual(report["summary"], {"present": 17, "partial": 1, "missing": 0})

    def test_utf16_text_missing_subcontracting_is_missing(self):
        text = self.text_without("2023-04-01", "再委託")
        path = os.path.join(self.tmp, "vendor-utf16.txt")
        with open(path, "wb") as f:
            f.write(b"\xff\xfe" + text.encode("utf-16-le"))
        rc, report, err = self.check_json([path], "--edition", "2023")
        self.assertEqual(rc, 1, err)
        sub = [f for f in report["findings"] if f["category"] == "subcontracting"][0]
        self.assertEqual(sub["status"], "missing")
        self.assertIn("第11項", sub["basis"])
        self.assertIn("あらかじめ甲の承諾を得なければならない", sub["suggestion"])

    def test_pdf_module_loaded_only_for_pdf(self):
        # poppler lives in libtokki_pdf.so, loaded on the first PDF: the program itself does
        # not link it (every run would pay for loading it).
        ldd = subprocess.run(["ldd", TOKKI], stdout=subprocess.PIPE, text=True, check=True)
        self.assertNotIn("poppler", ldd.stdout)
        pdf = os.path.join(SOURCE_DIR, "tests", "corpus", "files",
                           "2017_outsourcing_noheadings_pdf.pdf")
        docx = self.assemble("2023-04-01", "docx", "a.docx")
        rc, reports, err = self.check_json([pdf, docx], "--date", "2023-04-01")
        self.assertEqual(rc, 1, err)  # The 2017 annex lacks 2023 provisions.
        self.assertEqual([r["format"] for r in reports], ["pdf", "docx"])
        # Without the module, a PDF is one error line and the other files are still checked.
        for module in ("/nonexistent/libtokki_pdf.so", os.path.join(SOURCE_DIR, "README.md")):
            env = dict(os.environ, TOKKI_PDF_MODULE=module)
            rc, out, err = run(["check", pdf, docx, "--date", "2023-04-01", "--format", "json"],
                               env=env)
            self.assertEqual(rc, 2, err)
            self.assertEqual(err.count("\n"), 1, err)
            self.assertIn("PDF を読むモジュールを読み込めません", err)
            self.assertIn(module, err)
            self.assertEqual([r["format"] for r in json.loads(out)], ["docx"])

    def test_pdf_without_text_is_refused(self):
        # A valid one-page PDF with no text (what a scanner without OCR produces, minus the
        # image): objects, xref and trailer written out.
        objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
                b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
                b"<< /Length 0 >>\nstream\n\nendstream"]
        data = b"%PDF-1.4\n"
        offsets = []
        for i, o in enumerate(objs, 1):
            offsets.append(len(data))
            data += b"%d 0 obj\n" % i + o + b"\nendobj\n"
        xref = len(data)
        data += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
        for off in offsets:
            data += b"%010d 00000 n \n" % off
        data += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
            len(objs) + 1, xref)
        path = os.path.join(self.tmp, "scan.pdf")
        with open(path, "wb") as f:
            f.write(data)
        rc, out, err = run(["check", path, "--date", "2023-04-01"])
        self.assertEqual(rc, 2)
        self.assertEqual(err.strip().count("\n"), 0, err)
        self.assertIn(path + ": テキストのない PDF です", err)

    def test_directory_summary_and_json_array(self):
        d = os.path.join(self.tmp, "in")
        os.mkdir(d)
        good = self.assemble("2023-04-01", "docx", "in/good.docx")
        with open(os.path.join(d, "bad.txt"), "w", encoding="utf-8") as f:
            f.write(self.text_without("2023-04-01", "年度当たり1回以上"))
        with open(os.path.join(d, "notes.md"), "w") as f:
            f.write("ignored: not a supported file type\n")
        rc, out, err = run(["check", d, "--date", "2023-04-01", "--jobs", "2"])
        self.assertEqual(rc, 1, err)
        self.assertIn("ファイル\tあり\t不足\tなし", out)
        self.assertIn(good + "\t20\t0\t0", out)
        rc, reports, err = self.check_json([d], "--date", "2023-04-01")
        self.assertEqual(rc, 1)
        self.assertIsInstance(reports, list)
        self.assertEqual(sorted(os.path.basename(r["file"]) for r in reports),
                         ["bad.txt", "good.docx"])

    def test_many_files_in_order_whatever_the_jobs(self):
        # Workers run at most a few batches ahead of the report writer; every report still
        # comes out once, in file order, the same for any --jobs. A file that cannot be read
        # (the broken .docx in the middle) is one error line and the rest are reported.
        good = self.assemble("2023-04-01", "txt", "good.txt")
        with open(good, encoding="utf-8") as f:
            text = f.read()
        folder = os.path.join(self.tmp, "many")
        os.makedirs(folder)
        names = []
        for i in range(150):
            name = "a%03d.txt" % i
            with open(os.path.join(folder, name), "w", encoding="utf-8") as f:
                # Every third file lacks the yearly audit, so reports differ along the way.
                f.write(text.replace("年度当たり1回以上", "必要に応じて") if i % 3 == 0 else text)
            names.append(name)
        with open(os.path.join(folder, "a075x.docx"), "wb") as f:
            f.write(b"PK\x03\x04 not a zip")
        outputs = {}
        for jobs in ("1", "2", "4"):
            rc, reports, err = self.check_json([folder], "--date", "2023-04-01", "--jobs", jobs)
            self.assertEqual(rc, 2, err)  # The broken file is bad input.
            self.assertEqual(err.count("\n"), 1, err)
            self.assertIn("a075x.docx", err)
            self.assertEqual([os.path.basename(r["file"]) for r in reports], names)
            audit = [[f["status"] for f in r["findings"] if f["category"] == "audit"][0]
                     for r in reports]
            self.assertEqual(audit, ["partial" if i % 3 == 0 else "present" for i in range(150)])
            outputs[jobs] = reports
        self.assertEqual(outputs["1"], outputs["2"])
        self.assertEqual(outputs["1"], outputs["4"])
        # The report cannot be opened: one line, exit 2, the workers waiting ahead let go.
        for jobs in ("1", "2", "4"):
            rc, out, err = run(["check", folder, "--date", "2023-04-01", "--jobs", jobs,
                                "-o", os.path.join(self.tmp, "no-dir", "r.json")], timeout=60)
            self.assertEqual(rc, 2, jobs)
            self.assertEqual(err.count("\n"), 1, err)
            self.assertIn("no-dir", err)

    def test_annotated_copy(self):
        """--annotate: comments on the partial finding's evidence and at the start for what is
        missing; every other part byte for byte as it was; opens in python-docx and LibreOffice."""
        import zipfile
        import docx  # python3-docx, Debian's /usr/bin/python3
        src = self.assemble("2020-02-01", "docx", "issued.docx")
        d = docx.Document(src)
        drop = ("年度当たり1回以上", "（公表等）", "その事実を公表することができる")
        for p in list(d.paragraphs):
            if any(s in p.text for s in drop):
                p._element.getparent().remove(p._element)
        vendor = os.path.join(self.tmp, "vendor.docx")
        d.save(vendor)
        out = os.path.join(self.tmp, "reviewed.docx")
        rc, report, err = self.check_json([vendor], "--date", "2020-02-01", "--annotate", out)
        self.assertEqual(rc, 1, err)
        status = {f["category"]: f["status"] for f in report["findings"]}
        self.assertEqual(status["audit"], "partial")
        self.assertEqual(status["publication"], "missing")

        with zipfile.ZipFile(vendor) as a, zipfile.ZipFile(out) as b:
            changed = {"word/document.xml", "word/comments.xml", "[Content_Types].xml",
                       "word/_rels/document.xml.rels"}
            self.assertEqual(set(b.namelist()), set(a.namelist()) | {"word/comments.xml"})
            for name in a.namelist():
                if name not in changed:
                    self.assertEqual(a.read(name), b.read(name), name)
            comments = b.read("word/comments.xml").decode("utf-8")
            document = b.read("word/document.xml").decode("utf-8")
            self.assertIn("/word/comments.xml", b.read("[Content_Types].xml").decode("utf-8"))
            self.assertIn('Target="comments.xml"',
                          b.read("word/_rels/document.xml.rels").decode("utf-8"))
        self.assertEqual(comments.count("<w:comment "), 2)
        self.assertIn("次の規定がありません", comments)
        self.assertIn("公表等", comments)
        self.assertIn("監査等：不足（年度当たり1回以上の確認）", comments)
        self.assertIn("前項による確認は、年度当たり1回以上行うものとする。", comments)
        # The partial comment is anchored on the audit clause it concerns (item 15).
        start = document.index('<w:commentRangeStart w:id="1"/>')
        end = document.index('<w:commentRangeEnd w:id="1"/>')
        self.assertIn("立入り調査等により確認するものとする", document[start:end])
        self.assertIn('<w:commentReference w:id="1"/>', document)

        # Independent readers open it; the text is unchanged for tokki's own reader.
        self.assertEqual([p.text for p in docx.Document(out).paragraphs if p.text],
                         [p.text for p in docx.Document(vendor).paragraphs if p.text])
        rc2, again, _ = self.check_json([out], "--date", "2020-02-01")
        self.assertEqual([(f["category"], f["status"]) for f in again["findings"]],
                         [(f["category"], f["status"]) for f in report["findings"]])
        soffice = shutil.which("soffice") or shutil.which("libreoffice")
        self.assertIsNotNone(soffice)
        profile = "file://" + os.path.join(self.tmp, "lo-profile")
        subprocess.run([soffice, "-env:UserInstallation=" + profile, "--headless",
                        "--convert-to", "pdf", "--outdir", self.tmp, out],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=240,
                       check=True)
        text = subprocess.run(["pdftotext", os.path.join(self.tmp, "reviewed.pdf"), "-"],
                              stdout=subprocess.PIPE, check=True).stdout.decode("utf-8")
        self.assertIn("特記事項", text)

        # Only one .docx can be annotated.
        rc, _, err = run(["check", vendor, src, "--date", "2020-02-01", "--annotate", out + "2"])
        self.assertEqual(rc, 2)
        self.assertFalse(os.path.exists(out + "2"))

    def test_html_report(self):
        d = os.path.join(self.tmp, "in")
        os.mkdir(d)
        self.assemble("2023-04-01", "docx", "in/good.docx")
        with open(os.path.join(d, "bad.txt"), "w", encoding="utf-8") as f:
            f.write(self.text_without("2023-04-01", "年度当たり1回以上"))
        out = os.path.join(self.tmp, "report.html")
        rc, _, err = run(["check", d, "--date", "2023-04-01", "--format", "html", "-o", out])
        self.assertEqual(rc, 1, err)
        with open(out, encoding="utf-8") as f:
            html = f.read()
        self.assertTrue(html.startswith("<!DOCTYPE html>"))
        self.assertIn('<html lang="ja">', html)
        self.assertIn("<th>ファイル</th>", html)  # The summary table for several files.
        self.assertIn('<tr class="partial"><td>監査等</td>', html)
        self.assertIn("年度当たり1回以上の確認", html)
        self.assertNotIn("<script", html)  # Self-contained, nothing to fetch.

    def test_bad_input(self):
        path = self.assemble("2023-04-01", "txt", "a.txt")
        for args, want in (
                (["--type", "leasing", "--date", "2023-04-01"],
                 "tokki check: type: 「leasing」は不明な契約種別です"),
                (["--date", "2023-02-30"], "tokki check: --date: 「2023-02-30」は存在しない日付です"),
                (["--edition", "2019"], "tokki check: edition: 「2019」という版はありません"),
                (["--type", "subcontract", "--date", "2022-04-01"],
                 "tokki check: date: 再委託契約の特記事項は令和5年4月1日以降"),
        ):
            rc, out, err = run(["check", path] + args)
            self.assertEqual(rc, 2, args)
            self.assertEqual(err.count("\n"), 1, err)
            self.assertTrue(err.startswith(want), err)
        rc, out, err = run(["check", os.path.join(self.tmp, "nope.docx"), "--date", "2023-04-01"])
        self.assertEqual(rc, 2)
        self.assertIn("nope.docx", err)
        # Documents are read while the rules load and the check is planned: when the plan
        # fails, its error is the one line, whatever the files, and no report is written.
        folder = os.path.join(self.tmp, "many")
        os.makedirs(folder)
        for i in range(40):
            shutil.copy(path, os.path.join(folder, "a%02d.txt" % i))
        with open(os.path.join(folder, "broken.docx"), "wb") as f:
            f.write(b"PK\x03\x04 not a zip")
        report = os.path.join(self.tmp, "many.json")
        for jobs in ("1", "2", "4"):
            rc, out, err = run(["check", folder, "--edition", "2019", "--jobs", jobs,
                                "--format", "json", "-o", report])
            self.assertEqual(rc, 2, jobs)
            self.assertTrue(err.startswith("tokki check: edition: 「2019」という版はありません"), err)
            self.assertEqual(err.count("\n"), 1, err)
            self.assertFalse(os.path.exists(report), jobs)
            rc, out, err = run(["--data", os.path.join(self.tmp, "no-data"), "check", folder,
                                "--date", "2023-04-01", "--jobs", jobs, "-o", report])
            self.assertEqual(rc, 2, jobs)
            self.assertEqual(err.count("\n"), 1, err)
            self.assertIn("no-data", err)
            self.assertFalse(os.path.exists(report), jobs)


if __name__ == "__main__":
    args = sys.argv[1:]
    TOKKI = os.path.abspath(args.pop(0)) if args else os.environ.get("TOKKI_BIN")
    SOURCE_DIR = os.path.abspath(args.pop(0)) if args else os.environ.get("TOKKI_SOURCE_DIR")
    unittest.main(argv=[sys.argv[0]] + args, verbosity=2)
