#!/usr/bin/python3
"""The tracked changes of tokki's redline .docx behave in LibreOffice as Word would apply them.

Usage: redline_roundtrip_test.py TOKKI_BINARY SOURCE_DIR [unittest options]
   or: TOKKI_BIN=... TOKKI_SOURCE_DIR=... redline_roundtrip_test.py

`tokki diff` has no command yet, so the .docx comes from the test helper write_redline_fixture
(tests/testing/write_redline_fixture.cc): $TOKKI_REDLINE_FIXTURE, else tests/ next to the tokki
binary. It writes a fixed redline and the texts that accepting and rejecting all its changes
must give. LibreOffice headless, driven through Python-UNO (Debian's python3-uno for
/usr/bin/python3) with a private profile, accepts all changes (.uno:AcceptAllTrackedChanges)
and, on a fresh copy, rejects them all (.uno:RejectAllTrackedChanges); the result, stored as
"Text (encoded)" UTF-8 and read paragraph by paragraph, must equal the expected text: nothing
lost, nothing left over, no empty paragraph where a paragraph mark was tracked. tokki's own
reader (ReadDocx, through the helper's --read) must read the changes the same way, also on
hand-written paragraph marks. A missing tool is a failure; a watchdog kills LibreOffice so
that the test cannot hang.
"""

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import unittest
import zipfile

try:
    import uno
    from com.sun.star.beans import PropertyValue
except ImportError:  # Reported by the tests, which need it.
    uno = None

TOKKI = None
SOURCE_DIR = None
FIXTURE = None

LO_DEADLINE = 240  # Seconds LibreOffice may live, start-up included.
LINE_BREAK = "\u2028"  # How the helper writes a line break inside a paragraph.

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
CHANGE = 'w:author="a" w:date="2026-01-01T00:00:00Z"'


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def run_fixture(*args):
    p = subprocess.run([FIXTURE] + list(args), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       timeout=60)
    if p.returncode != 0:
        raise AssertionError("write_redline_fixture %s: %s" %
                             (" ".join(args), p.stderr.decode("utf-8", "replace")))
    return p.stdout.decode("utf-8")


def read_lines(path):
    with open(path, encoding="utf-8") as f:
        return [line.replace(LINE_BREAK, "\n") for line in f.read().split("\n")[:-1]]


def as_tokki_reads(paragraphs):
    """What ReadDocx keeps of paragraphs: tabs as spaces, trimmed, empty ones dropped."""
    out = []
    for p in paragraphs:
        p = p.replace("\t", " ").strip(" \n\r\u3000\u00a0")
        if p:
            out.append(p)
    return out


def with_body(docx, body, out):
    """A copy of docx whose word/document.xml body is `body` (section properties kept)."""
    with zipfile.ZipFile(docx) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "word/document.xml":
                xml = data.decode("utf-8")
                start = xml.index("<w:body>") + len("<w:body>")
                data = (xml[:start] + body + xml[xml.index("<w:sectPr"):]).encode("utf-8")
            dst.writestr(info, data)


class Office:
    """One headless LibreOffice with a private profile, reached through a named pipe."""

    def __init__(self, tmp):
        soffice = shutil.which("soffice") or shutil.which("libreoffice")
        if soffice is None:
            raise AssertionError("LibreOffice (soffice) is needed for this test")
        self.pipe = "tokki_redline_%d" % os.getpid()
        profile = uno.systemPathToFileUrl(os.path.join(tmp, "lo-profile"))
        self.proc = subprocess.Popen(
            [soffice, "-env:UserInstallation=" + profile, "--headless", "--invisible",
             "--norestore", "--nologo", "--nodefault", "--nolockcheck",
             "--accept=pipe,name=%s;urp;" % self.pipe],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        # Whatever hangs, LibreOffice does not outlive the deadline: a UNO call then fails.
        self.watchdog = threading.Timer(LO_DEADLINE, self.kill)
        self.watchdog.daemon = True
        self.watchdog.start()
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext(
            "com.sun.star.bridge.UnoUrlResolver", local)
        deadline = time.monotonic() + 120
        while True:
            try:
                self.ctx = resolver.resolve(
                    "uno:pipe,name=%s;urp;StarOffice.ComponentContext" % self.pipe)
                break
            except Exception:
                if time.monotonic() > deadline or self.proc.poll() is not None:
                    self.kill()
                    raise AssertionError("LibreOffice did not start (exit %s)" % self.proc.poll())
                time.sleep(0.3)
        smgr = self.ctx.ServiceManager
        self.desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", self.ctx)
        self.dispatcher = smgr.createInstanceWithContext("com.sun.star.frame.DispatchHelper",
                                                         self.ctx)

    def kill(self):
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)  # The session started for it.
            except ProcessLookupError:
                pass

    def close(self):
        self.watchdog.cancel()
        try:
            self.desktop.terminate()
        except Exception:
            pass  # Terminating drops the connection.
        try:
            self.proc.wait(30)
        except subprocess.TimeoutExpired:
            pass
        self.kill()
        self.proc.wait(10)

    def load(self, path):
        return self.desktop.loadComponentFromURL(
            uno.systemPathToFileUrl(os.path.abspath(path)), "_blank", 0,
            (prop("Hidden", True),))

    def dispatch(self, doc, command):
        self.dispatcher.executeDispatch(doc.getCurrentController().getFrame(), command, "", 0,
                                        ())

    @staticmethod
    def paragraphs(doc):
        """(text, paragraph style) of each paragraph of the body; line breaks as "\\n"."""
        out = []
        e = doc.getText().createEnumeration()
        while e.hasMoreElements():
            p = e.nextElement()
            if p.supportsService("com.sun.star.text.Paragraph"):
                out.append((p.getString().replace("\r", "\n"), p.getPropertyValue("ParaStyleName")))
        return out

    @staticmethod
    def store_text(doc, path):
        doc.storeToURL(uno.systemPathToFileUrl(os.path.abspath(path)),
                       (prop("FilterName", "Text (encoded)"), prop("FilterOptions", "UTF8,LF")))
        with open(path, encoding="utf-8") as f:
            return f.read().lstrip("\ufeff")


class RedlineRoundTripTest(unittest.TestCase):
    maxDiff = 6000
    office = None

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="tokki-redline-")
        if uno is None:
            raise AssertionError("python3-uno is needed: import uno failed for " + sys.executable)
        if not os.access(FIXTURE, os.X_OK):
            raise AssertionError("test helper not built: %s" % FIXTURE)
        cls.docx = os.path.join(cls.tmp, "redline.docx")
        run_fixture(cls.docx, os.path.join(cls.tmp, "accepted.txt"),
                    os.path.join(cls.tmp, "rejected.txt"))
        cls.underline = os.path.join(cls.tmp, "underline.docx")
        run_fixture(cls.underline, os.path.join(cls.tmp, "underline.txt"),
                    os.path.join(cls.tmp, "underline-rejected.txt"), "--underline")
        cls.office = Office(cls.tmp)

    @classmethod
    def tearDownClass(cls):
        if cls.office is not None:
            cls.office.close()
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def apply(self, docx, command, name):
        """Opens docx, runs command (None: nothing) and returns (paragraphs, text export)."""
        doc = self.office.load(docx)
        self.assertIsNotNone(doc, docx)
        try:
            if command is not None:
                self.assertGreater(doc.getRedlines().getCount(), 0, "no tracked changes")
                self.office.dispatch(doc, command)
                self.assertEqual(doc.getRedlines().getCount(), 0, command + " left changes")
            paragraphs = self.office.paragraphs(doc)
            text = self.office.store_text(doc, os.path.join(self.tmp, name + ".txt"))
        finally:
            doc.close(True)
        return paragraphs, text

    def check_version(self, command, expected_file, mode):
        expected = read_lines(os.path.join(self.tmp, expected_file))
        paragraphs, text = self.apply(self.docx, command, mode)
        self.assertEqual([p for p, _ in paragraphs], expected)
        self.assertEqual(text, "".join(line + "\n" for line in expected))
        # tokki's reader applies the changes as LibreOffice does.
        tokki = [line.replace(LINE_BREAK, "\n")
                 for line in run_fixture("--read", mode, self.docx).split("\n")[:-1]]
        self.assertEqual(tokki, as_tokki_reads(p for p, _ in paragraphs))
        return paragraphs

    def test_accept_all_gives_the_new_version(self):
        paragraphs = self.check_version(".uno:AcceptAllTrackedChanges", "accepted.txt", "accept")
        styles = [s for _, s in paragraphs]
        self.assertEqual(styles[0], "Tokki Title")
        self.assertEqual(styles[-2:], ["Tokki Heading", "Standard"])

    def test_reject_all_gives_the_old_version(self):
        paragraphs = self.check_version(".uno:RejectAllTrackedChanges", "rejected.txt", "reject")
        styles = [s for _, s in paragraphs]
        # The final paragraph mark, inserted paragraph's style in the new version, gets back the
        # style of the deleted paragraph it closes in the old one (w:pPrChange).
        self.assertEqual(styles[-2:], ["Tokki Item", "Tokki Item"])

    def test_paragraph_marks_join_paragraphs_as_in_libreoffice(self):
        def p(content, mark=""):
            return "<w:p>%s%s</w:p>" % (mark, content)

        def r(text):
            return "<w:r><w:t>%s</w:t></w:r>" % text

        ids = iter(range(1, 100))

        def change(element, content=None):
            attrs = 'w:id="%d" %s' % (next(ids), CHANGE)
            if content is None:
                return "<w:pPr><w:rPr><w:%s %s/></w:rPr></w:pPr>" % (element, attrs)
            return "<w:%s %s>%s</w:%s>" % (element, attrs, content, element)

        def ins():
            return change("ins", r("追加"))

        def dele():
            return change("del", "<w:r><w:delText>削除</w:delText></w:r>")

        # Marks removed by rejecting (inserted) and by accepting (deleted), on paragraphs with
        # content that stays and on paragraphs whose content goes too.
        body = (p(r("元") + ins(), change("ins")) + p(r("次")) +
                p(r("残") + dele(), change("del")) + p(r("続き")) + p(ins(), change("ins")) +
                p(dele(), change("del")) + p(r("終")))
        docx = os.path.join(self.tmp, "marks.docx")
        with_body(self.docx, body, docx)
        expected = {
            "accept": ["元追加", "次", "残続き", "追加", "終"],
            "reject": ["元次", "残削除", "続き", "削除", "終"],
        }
        for mode, command in (("accept", ".uno:AcceptAllTrackedChanges"),
                              ("reject", ".uno:RejectAllTrackedChanges")):
            with self.subTest(mode=mode):
                paragraphs, _ = self.apply(docx, command, "marks-" + mode)
                self.assertEqual([t for t, _ in paragraphs], expected[mode])
                self.assertEqual(run_fixture("--read", mode, docx).split("\n")[:-1],
                                 expected[mode])

    def test_underline_style_marks_inserted_text_without_tracked_changes(self):
        expected = read_lines(os.path.join(self.tmp, "underline.txt"))
        doc = self.office.load(self.underline)
        try:
            self.assertEqual(doc.getRedlines().getCount(), 0)
            self.assertEqual([t for t, _ in self.office.paragraphs(doc)], expected)
            self.assertEqual(expected[1], "下線部は改正箇所を示す。")
            marked, plain = {}, {}
            e = doc.getText().createEnumeration()
            while e.hasMoreElements():
                portions = e.nextElement().createEnumeration()
                while portions.hasMoreElements():
                    portion = portions.nextElement()
                    weight = portion.getPropertyValue("CharWeight")
                    underline = portion.getPropertyValue("CharUnderline")
                    target = marked if underline == 1 else plain  # FontUnderline.SINGLE
                    target[portion.getString()] = weight
        finally:
            doc.close(True)
        self.assertEqual(marked.get("個人情報の保護に関する法律"), 150.0, marked)  # BOLD
        self.assertIn("（適正な取得）", marked)
        self.assertIn("を遵守しなければならない。", plain)
        self.assertNotIn("新宿区個人情報保護条例", marked)
        self.assertNotIn("新宿区個人情報保護条例", plain)


def main():
    global TOKKI, SOURCE_DIR, FIXTURE
    argv = list(sys.argv)
    positional = []
    while len(argv) > 1 and not argv[1].startswith("-") and len(positional) < 2:
        positional.append(argv.pop(1))
    TOKKI = positional[0] if positional else os.environ.get("TOKKI_BIN")
    SOURCE_DIR = positional[1] if len(positional) > 1 else os.environ.get("TOKKI_SOURCE_DIR")
    if not TOKKI or not SOURCE_DIR:
        sys.exit("usage: redline_roundtrip_test.py TOKKI_BINARY SOURCE_DIR "
                 "(or TOKKI_BIN, TOKKI_SOURCE_DIR)")
    TOKKI = os.path.abspath(TOKKI)
    FIXTURE = os.environ.get("TOKKI_REDLINE_FIXTURE") or os.path.join(
        os.path.dirname(TOKKI), "tests", "write_redline_fixture")
    unittest.main(argv=argv, verbosity=2)


if __name__ == "__main__":
    main()
