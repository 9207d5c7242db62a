#!/usr/bin/python3
"""The .docx that tokki writes opens cleanly in independent readers.

Usage: docx_readers_test.py TOKKI_BINARY SOURCE_DIR [unittest options]
   or: TOKKI_BIN=... TOKKI_SOURCE_DIR=... docx_readers_test.py
The OOXML schemas are looked up in $TOKKI_OOXML_SCHEMAS, else SOURCE_DIR/../shared/ooxml-schemas.

For each case the annex is written as .docx and as JSON; the JSON is the reference. Readers:
python-docx (structure, styles, page setup, footer), pandoc (text), LibreOffice headless
(PDF export, read back with pdftotext), xmllint (every part against the ISO/IEC 29500 schemas),
and zipfile (package hygiene, see /work/shared/DOCX.md). A missing tool is a failure.
"""

import io
import json
import os
import posixpath
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import unittest
import xml.etree.ElementTree as ET
import zipfile

TOKKI = None
SOURCE_DIR = None
SCHEMAS = None

CASES = [
    # name, type, date, extra --set values
    ("outsourcing-2017", "outsourcing", "2017-09-13", []),
    ("outsourcing-2020", "outsourcing", "2020-02-01", []),
    ("outsourcing-2023", "outsourcing", "2023-04-01", []),
    ("system-development-2023", "system-development", "2023-04-01", []),
    # XML-special characters in the parameters exercise escaping in every reader.
    ("subcontract-2023", "subcontract", "2023-04-01",
     ["subcontractor=丙株式会社 & <再委託先>"]),
]
CONTRACTOR = "株式会社サンプル"
CONTRACT_TITLE = "テスト業務"

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
CT_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"


def nows(s):
    return re.sub(r"\s+", "", s)


class Fixture:
    """Writes every case once (docx + json) into a temporary directory."""
    tmp = None
    docx = {}
    data = {}
    ref = {}
    error = None

    @classmethod
    def build(cls):
        if cls.tmp is not None:
            return
        cls.tmp = tempfile.mkdtemp(prefix="tokki-readers-")
        try:
            for name, type_, date, extra in CASES:
                args = [TOKKI, "assemble", "--type", type_, "--date", date,
                        "--set", "contractor=" + CONTRACTOR,
                        "--set", "contract_title=" + CONTRACT_TITLE]
                for kv in extra:
                    args += ["--set", kv]
                for fmt in ("docx", "json"):
                    out = os.path.join(cls.tmp, name + "." + fmt)
                    p = subprocess.run(args + ["--format", fmt, "-o", out], stdout=subprocess.PIPE,
                                       stderr=subprocess.PIPE, timeout=60)
                    if p.returncode != 0:
                        raise RuntimeError("tokki %s failed (%d): %s" % (
                            " ".join(args[1:]), p.returncode, p.stderr.decode("utf-8", "replace")))
                cls.docx[name] = os.path.join(cls.tmp, name + ".docx")
                with open(cls.docx[name], "rb") as f:
                    cls.data[name] = f.read()
                with open(os.path.join(cls.tmp, name + ".json"), encoding="utf-8") as f:
                    cls.ref[name] = json.load(f)
        except Exception as e:  # reported by every test
            cls.error = "%s: %s" % (type(e).__name__, e)

    @classmethod
    def cleanup(cls):
        if cls.tmp:
            shutil.rmtree(cls.tmp, ignore_errors=True)


def expected_blocks(ref):
    """Whitespace-free texts expected in reading order: items, then measures."""
    out = [("item %d" % it["n"], nows("%d%s" % (it["n"], it["text"]))) for it in ref["items"]]
    m = ref.get("measures")
    if m:
        out.append(("measures title", nows(m["title"])))
        for g in m["groups"]:
            if g.get("title"):
                out.append(("group " + g["title"], nows(g["title"])))
            for i, item in enumerate(g["items"], 1):
                out.append(("measure %s %d" % (g.get("title"), i), nows("%d%s" % (i, item))))
    return out


class ReaderTestCase(unittest.TestCase):
    maxDiff = 4000

    @classmethod
    def setUpClass(cls):
        Fixture.build()

    def setUp(self):
        if Fixture.error:
            self.fail("could not write the test documents: " + Fixture.error)

    def require_tool(self, name):
        path = shutil.which(name)
        if path is None:
            self.fail("required tool '%s' is not installed (not on PATH)" % name)
        return path

    def assert_in_order(self, haystack, blocks, reader):
        pos = 0
        for label, needle in blocks:
            idx = haystack.find(needle, pos)
            if idx < 0:
                anywhere = haystack.find(needle)
                self.fail("%s: %s not found%s: %r" % (
                    reader, label, " in order (found earlier at %d, expected after %d)" %
                    (anywhere, pos) if anywhere >= 0 else "", needle[:80]))
            pos = idx + len(needle)


# ---------------------------------------------------------------------------------------------
class PythonDocxTest(ReaderTestCase):
    def load(self, name):
        try:
            import docx  # python3-docx
        except ImportError as e:
            self.fail("python-docx is not installed for %s: %s" % (sys.executable, e))
        return docx.Document(Fixture.docx[name])

    def test_items_match_json(self):
        for name, type_, date, extra in CASES:
            with self.subTest(case=name):
                doc = self.load(name)
                ref = Fixture.ref[name]
                paras = [(p.style.style_id, p.text) for p in doc.paragraphs]
                items, measures = [], None
                pending_heading = None
                seen_item = False
                for style, text in paras:
                    if style == "TokkiPart" and seen_item:
                        measures = {"title": text, "groups": []}
                        continue
                    if measures is not None:
                        if style == "TokkiGroup":
                            measures["groups"].append({"title": text, "items": []})
                        elif style == "TokkiItem":
                            if not measures["groups"]:
                                measures["groups"].append({"title": None, "items": []})
                            num, _, body = text.partition("\t")
                            measures["groups"][-1]["items"].append((num, body))
                        else:
                            self.fail("%s: unexpected %s paragraph in the measures part: %r" %
                                      (name, style, text))
                        continue
                    if style == "TokkiHeading":
                        self.assertIsNone(pending_heading, "%s: two headings in a row" % name)
                        pending_heading = text
                    elif style == "TokkiItem":
                        seen_item = True
                        num, tab, body = text.partition("\t")
                        self.assertEqual(tab, "\t", "%s: item without a tab: %r" % (name, text))
                        items.append({"num": num, "text": body, "heading": pending_heading})
                        pending_heading = None
                    elif style == "TokkiSubItem":
                        self.assertTrue(items, "%s: sub-item before any item" % name)
                        label, tab, body = text.partition("\t")
                        self.assertEqual(tab, "\t", "%s: sub-item without a tab: %r" % (name, text))
                        items[-1]["text"] += "\n" + label + body
                self.assertIsNone(pending_heading, "%s: heading without an item" % name)
                self.assertEqual(len(items), len(ref["items"]), name)
                for got, want in zip(items, ref["items"]):
                    self.assertEqual(got["num"], str(want["n"]))
                    self.assertEqual(got["text"], want["text"], "%s item %d" % (name, want["n"]))
                    if want["heading"] is None:
                        self.assertIsNone(got["heading"], "%s item %d has a heading paragraph" %
                                          (name, want["n"]))
                    else:
                        self.assertEqual(got["heading"], "（%s）" % want["heading"],
                                         "%s item %d" % (name, want["n"]))
                # Measures part (system-development).
                if "measures" in ref:
                    self.assertIsNotNone(measures, "%s: no measures part" % name)
                    self.assertEqual(measures["title"], ref["measures"]["title"])
                    self.assertEqual(len(measures["groups"]), len(ref["measures"]["groups"]))
                    for got, want in zip(measures["groups"], ref["measures"]["groups"]):
                        if want.get("title"):
                            self.assertEqual(got["title"], "【%s】" % want["title"])
                        self.assertEqual(got["items"], [(str(i), t) for i, t in
                                                        enumerate(want["items"], 1)])
                else:
                    self.assertIsNone(measures, "%s: unexpected measures part" % name)

    def test_title_and_info(self):
        for name, type_, date, extra in CASES:
            with self.subTest(case=name):
                doc = self.load(name)
                ref = Fixture.ref[name]
                paras = [(p.style.style_id, p.text) for p in doc.paragraphs]
                self.assertEqual(paras[0], ("TokkiTitle", "特記事項"))
                self.assertEqual([t for s, t in paras if s == "TokkiTitle"], ["特記事項"])
                info = [t for s, t in paras if s == "TokkiInfo"]
                self.assertIn("契約件名：" + CONTRACT_TITLE, info)
                self.assertIn("受託者（乙）：" + CONTRACTOR, info)
                self.assertIn("契約日：" + ref["date_era"], info)
                for kv in extra:
                    self.assertTrue(any(kv.split("=", 1)[1] in t for t in info), kv)
                if ref.get("subtitle"):
                    self.assertIn(("TokkiPart", "（%s）" % ref["subtitle"]), paras)
                # Every style used exists in styles.xml.
                style_ids = {s.style_id for s in doc.styles}
                for s, _ in paras:
                    self.assertIn(s, style_ids)

    def test_page_setup_and_footer(self):
        from docx.enum.section import WD_ORIENT
        for name, *_ in CASES:
            with self.subTest(case=name):
                doc = self.load(name)
                self.assertEqual(len(doc.sections), 1)
                sec = doc.sections[0]
                self.assertEqual(sec.page_width.twips, 11906)
                self.assertEqual(sec.page_height.twips, 16838)
                self.assertEqual(sec.orientation, WD_ORIENT.PORTRAIT)
                footer = sec.footer
                self.assertFalse(footer.is_linked_to_previous, "no footer of its own")
                xml = footer._element.xml
                instr = "".join(re.findall(r"<w:instrText[^>]*>([^<]*)</w:instrText>", xml))
                simple = re.findall(r'<w:fldSimple [^>]*w:instr="([^"]*)"', xml)
                self.assertTrue(re.search(r"\bPAGE\b", instr) or
                                any(re.search(r"\bPAGE\b", s) for s in simple),
                                "%s: footer has no PAGE field: %s" % (name, xml))
                if instr:
                    for kind in ("begin", "separate", "end"):
                        self.assertIn('w:fldCharType="%s"' % kind, xml)


# ---------------------------------------------------------------------------------------------
class PandocTest(ReaderTestCase):
    def test_plain_text_in_order(self):
        pandoc = self.require_tool("pandoc")
        for name, *_ in CASES:
            with self.subTest(case=name):
                p = subprocess.run([pandoc, "-f", "docx", "-t", "plain", "--wrap=none",
                                    Fixture.docx[name]], stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, timeout=120)
                self.assertEqual(p.returncode, 0, p.stderr.decode("utf-8", "replace"))
                text = nows(p.stdout.decode("utf-8"))
                self.assertTrue(text.startswith("特記事項"), text[:40])
                self.assert_in_order(text, expected_blocks(Fixture.ref[name]), "pandoc " + name)

    def test_json_ast(self):
        pandoc = self.require_tool("pandoc")
        name = "outsourcing-2023"
        p = subprocess.run([pandoc, "-f", "docx", "-t", "json", Fixture.docx[name]],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120)
        self.assertEqual(p.returncode, 0, p.stderr.decode("utf-8", "replace"))
        ast = json.loads(p.stdout)
        self.assertIn("blocks", ast)
        # Plain strings of the AST, concatenated.
        parts = []

        def walk(node):
            if isinstance(node, dict):
                if node.get("t") == "Str":
                    parts.append(node["c"])
                for v in node.values():
                    walk(v)
            elif isinstance(node, list):
                for v in node:
                    walk(v)
        walk(ast["blocks"])
        self.assert_in_order(nows("".join(parts)), expected_blocks(Fixture.ref[name]),
                             "pandoc json")


# ---------------------------------------------------------------------------------------------
class LibreOfficeTest(ReaderTestCase):
    def test_pdf_export(self):
        soffice = self.require_tool("soffice")
        pdftotext = self.require_tool("pdftotext")
        work = tempfile.mkdtemp(prefix="tokki-lo-")
        self.addCleanup(shutil.rmtree, work, ignore_errors=True)
        profile = os.path.join(work, "profile")
        outdir = os.path.join(work, "pdf")
        os.mkdir(outdir)
        env = dict(os.environ, HOME=work)
        docs = [Fixture.docx[name] for name, *_ in CASES]
        try:
            p = subprocess.run([soffice, "-env:UserInstallation=file://" + profile, "--headless",
                                "--norestore", "--convert-to", "pdf", "--outdir", outdir] + docs,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=180,
                               env=env)
        except subprocess.TimeoutExpired:
            self.fail("soffice did not finish the PDF export within 180 s")
        self.assertEqual(p.returncode, 0, p.stderr.decode("utf-8", "replace"))
        for name, *_ in CASES:
            with self.subTest(case=name):
                pdf = os.path.join(outdir, name + ".pdf")
                self.assertTrue(os.path.isfile(pdf), "soffice wrote no PDF for %s: %s %s" % (
                    name, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8",
                                                                                "replace")))
                q = subprocess.run([pdftotext, "-layout", pdf, "-"], stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, timeout=60)
                self.assertEqual(q.returncode, 0, q.stderr.decode("utf-8", "replace"))
                pages = q.stdout.decode("utf-8").split("\f")
                if pages and not pages[-1].strip():
                    pages.pop()
                self.assertGreaterEqual(len(pages), 1, "%s: PDF has no pages" % name)
                body = []
                for i, page in enumerate(pages, 1):
                    lines = [l for l in page.split("\n") if l.strip()]
                    self.assertTrue(lines, "%s: page %d is empty" % (name, i))
                    # The footer's PAGE field: the last line of page i is the number i.
                    self.assertEqual(lines[-1].strip(), str(i),
                                     "%s: page %d does not end with its number" % (name, i))
                    body.append("\n".join(lines[:-1]))
                text = nows("".join(body))
                self.assertTrue(text.startswith("特記事項"), text[:40])
                self.assert_in_order(text, expected_blocks(Fixture.ref[name]), "PDF " + name)


# ---------------------------------------------------------------------------------------------
def schema_for(part):
    """Schema path (relative to SCHEMAS/schemas) for a package part; None: checked otherwise."""
    if part == "[Content_Types].xml":
        return "ecma/fouth-edition/opc-contentTypes.xsd"
    if part.endswith(".rels"):
        return "ecma/fouth-edition/opc-relationships.xsd"
    if part == "docProps/app.xml":
        return "ISO-IEC29500-4_2016/shared-documentPropertiesExtended.xsd"
    if part == "docProps/core.xml":
        return None
    if re.fullmatch(r"word/theme/theme\d+\.xml", part):
        return "ISO-IEC29500-4_2016/dml-main.xsd"
    if re.fullmatch(r"word/[^/]+\.xml", part):
        return "microsoft/wml-2010.xsd"
    raise AssertionError("no schema known for part " + part)


class SchemaTest(ReaderTestCase):
    def test_parts_validate(self):
        xmllint = self.require_tool("xmllint")
        self.assertTrue(os.path.isdir(os.path.join(SCHEMAS, "schemas")),
                        "OOXML schemas not found at %s (set TOKKI_OOXML_SCHEMAS)" % SCHEMAS)
        expected = {"[Content_Types].xml", "_rels/.rels", "word/_rels/document.xml.rels",
                    "word/document.xml", "word/styles.xml", "word/settings.xml",
                    "word/fontTable.xml", "word/webSettings.xml", "word/footer1.xml",
                    "word/theme/theme1.xml", "docProps/core.xml", "docProps/app.xml"}
        for name, type_, date, extra in CASES:
            z = zipfile.ZipFile(io.BytesIO(Fixture.data[name]))
            with self.subTest(case=name):
                self.assertEqual(set(z.namelist()), expected, name)
            for part in z.namelist():
                with self.subTest(case=name, part=part):
                    data = z.read(part)
                    if data.lstrip().startswith(b"<?xml"):
                        self.assertNotIn(b"<!DOCTYPE", data)
                    schema = schema_for(part)
                    if schema is None:
                        continue
                    p = subprocess.run([xmllint, "--noout", "--nonet", "--schema",
                                        os.path.join(SCHEMAS, "schemas", schema), "-"],
                                       input=data, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                       timeout=120)
                    err = p.stderr.decode("utf-8", "replace")
                    self.assertEqual(p.returncode, 0, "%s %s against %s:\n%s" %
                                     (name, part, schema, err))
                    self.assertIn("- validates", err)

    def test_core_properties(self):
        dc = "{http://purl.org/dc/elements/1.1/}"
        dcterms = "{http://purl.org/dc/terms/}"
        xsi = "{http://www.w3.org/2001/XMLSchema-instance}"
        for name, type_, date, extra in CASES:
            with self.subTest(case=name):
                z = zipfile.ZipFile(io.BytesIO(Fixture.data[name]))
                root = ET.fromstring(z.read("docProps/core.xml"))
                self.assertEqual(root.tag, "{http://schemas.openxmlformats.org/package/2006/"
                                           "metadata/core-properties}coreProperties")
                for tag in ("created", "modified"):
                    el = root.find(dcterms + tag)
                    self.assertIsNotNone(el, tag)
                    self.assertEqual(el.text, date + "T00:00:00Z", tag)
                    self.assertEqual(el.get(xsi + "type"), "dcterms:W3CDTF")
                self.assertEqual(root.find(dc + "title").text, "特記事項")
                self.assertNotIn(b"{{", z.read("docProps/core.xml"))
                self.assertNotIn(b"TOKKI_", z.read("word/document.xml"))


# ---------------------------------------------------------------------------------------------
class ZipHygieneTest(ReaderTestCase):
    def test_package(self):
        for name, *_ in CASES:
            with self.subTest(case=name):
                data = Fixture.data[name]
                self.assertEqual(data[:4], b"PK\x03\x04", "bytes before the archive")
                z = zipfile.ZipFile(io.BytesIO(data))
                infos = z.infolist()
                self.assertEqual(infos[0].filename, "[Content_Types].xml")
                self.assertIsNone(z.testzip(), "CRC error")
                lower = [i.filename.lower() for i in infos]
                self.assertEqual(len(lower), len(set(lower)), "duplicate names")
                for info in infos:
                    self.assertFalse(info.filename.endswith("/"),
                                     "directory entry " + info.filename)
                    self.assertFalse(info.filename.startswith("/") or "\\" in info.filename,
                                     info.filename)
                    self.assertEqual(info.date_time, (1980, 1, 1, 0, 0, 0), info.filename)
                    # Only the two methods every reader supports; the body is deflated.
                    self.assertIn(info.compress_type, (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED),
                                  info.filename)
                    if info.filename == "word/document.xml":
                        self.assertEqual(info.compress_type, zipfile.ZIP_DEFLATED)
                    self.assertEqual(info.flag_bits & 0x1, 0, "encrypted: " + info.filename)
                    self.check_local_header(data, info)
                self.check_relationships(z)
                self.check_content_types(z)

    def check_local_header(self, data, info):
        off = info.header_offset
        sig, _ver, flags, method, _t, _d, crc, csize, usize, nlen, xlen = struct.unpack(
            "<IHHHHHIIIHH", data[off:off + 30])
        self.assertEqual(sig, 0x04034B50)
        self.assertEqual(data[off + 30:off + 30 + nlen].decode("utf-8"), info.filename)
        self.assertEqual(flags & 0x1, 0, "encrypted: " + info.filename)
        self.assertEqual(method, info.compress_type, info.filename)
        if flags & 0x8:
            # A data descriptor flag needs the descriptor after the data.
            end = off + 30 + nlen + xlen + info.compress_size
            desc = data[end:end + 16]
            if desc[:4] == b"PK\x07\x08":
                desc = desc[4:]
            dcrc, dcsize, dusize = struct.unpack("<III", desc[:12])
            self.assertEqual((dcrc, dcsize, dusize),
                             (info.CRC, info.compress_size, info.file_size),
                             "data descriptor flag without a descriptor: " + info.filename)
        else:
            self.assertEqual((crc, csize, usize), (info.CRC, info.compress_size, info.file_size),
                             "local header disagrees with the central directory: " +
                             info.filename)

    def check_relationships(self, z):
        names = set(z.namelist())
        rels = [n for n in names if n.endswith(".rels")]
        self.assertIn("_rels/.rels", rels)
        self.assertIn("word/_rels/document.xml.rels", rels)
        for rel in rels:
            folder = posixpath.dirname(posixpath.dirname(rel))  # part's folder
            source = posixpath.join(folder, posixpath.basename(rel)[:-len(".rels")])
            if rel != "_rels/.rels":
                self.assertIn(source, names, "relationships of a missing part: " + rel)
            root = ET.fromstring(z.read(rel))
            ids = []
            for r in root.findall(REL_NS + "Relationship"):
                ids.append(r.get("Id"))
                if r.get("TargetMode") == "External":
                    continue
                target = r.get("Target")
                if target.startswith("/"):
                    resolved = target[1:]
                else:
                    resolved = posixpath.normpath(posixpath.join(folder, target))
                self.assertIn(resolved, names, "%s: target %s (%s) missing" %
                              (rel, target, resolved))
            self.assertEqual(len(ids), len(set(ids)), "duplicate relationship ids in " + rel)
        # The document part is the officeDocument target.
        root = ET.fromstring(z.read("_rels/.rels"))
        office = [r.get("Target") for r in root.findall(REL_NS + "Relationship")
                  if r.get("Type").endswith("/officeDocument")]
        self.assertEqual([t.lstrip("/") for t in office], ["word/document.xml"])
        # Every r:id in the document names a relationship.
        doc_rel_ids = {r.get("Id") for r in ET.fromstring(
            z.read("word/_rels/document.xml.rels")).findall(REL_NS + "Relationship")}
        used = set(re.findall(rb'r:id="([^"]+)"', z.read("word/document.xml")))
        for rid in used:
            self.assertIn(rid.decode(), doc_rel_ids)

    def check_content_types(self, z):
        root = ET.fromstring(z.read("[Content_Types].xml"))
        defaults = {d.get("Extension").lower() for d in root.findall(CT_NS + "Default")}
        overrides = {o.get("PartName") for o in root.findall(CT_NS + "Override")}
        names = set(z.namelist())
        for part in overrides:
            self.assertIn(part.lstrip("/"), names, "Override for a missing part " + part)
        for part in names - {"[Content_Types].xml"}:
            ext = part.rsplit(".", 1)[-1].lower()
            self.assertTrue("/" + part in overrides or ext in defaults,
                            "no content type for " + part)


def main():
    global TOKKI, SOURCE_DIR, SCHEMAS
    argv = list(sys.argv)
    positional = []
    while len(argv) > 1 and not argv[1].startswith("-") and len(positional) < 2:
        positional.append(argv.pop(1))
    TOKKI = positional[0] if positional else os.environ.get("TOKKI_BIN")
    SOURCE_DIR = positional[1] if len(positional) > 1 else os.environ.get("TOKKI_SOURCE_DIR")
    if not TOKKI or not SOURCE_DIR:
        sys.exit("usage: docx_readers_test.py TOKKI_BINARY SOURCE_DIR "
                 "(or TOKKI_BIN, TOKKI_SOURCE_DIR)")
    TOKKI = os.path.abspath(TOKKI)
    SOURCE_DIR = os.path.abspath(SOURCE_DIR)
    SCHEMAS = os.environ.get("TOKKI_OOXML_SCHEMAS") or os.path.normpath(
        os.path.join(SOURCE_DIR, "..", "shared", "ooxml-schemas"))
    if not os.access(TOKKI, os.X_OK):
        sys.exit("docx_readers_test.py: %s is not an executable" % TOKKI)
    try:
        unittest.main(argv=argv, verbosity=2)
    finally:
        Fixture.cleanup()


if __name__ == "__main__":
    main()
