#!/usr/bin/python3
"""tokki against the hostile-input corpus written by make_hostile.py: every crafted file gets
the answer cases.json expects, within time and memory bounds, one line on standard error, no
output file, and the good files checked in the same run still get their reports.

Usage: hostile_test.py TOKKI_BINARY SOURCE_DIR [unittest options]
"""

import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import unittest

TOKKI = None
SOURCE_DIR = None
SANITIZED = False  # The binary was built with AddressSanitizer.
HERE = os.path.dirname(os.path.abspath(__file__))
# Per file: a crafted document must not make tokki take long or grow large.
TIME_LIMIT_S = 30
MEMORY_LIMIT = 1 << 30  # Address space; tokki reads one document at a time.


def limits():
    # AddressSanitizer reserves terabytes of address space for its shadow memory, so under
    # `make test-sanitize` only ASan's own checks bound memory.
    if not SANITIZED:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def run(*args):
    return subprocess.run([TOKKI, "--data", SOURCE_DIR, *args], capture_output=True, text=True,
                          timeout=TIME_LIMIT_S, preexec_fn=limits)


class HostileInputTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="tokki-hostile-")
        cls.dir = os.path.join(cls.tmp, "files")
        subprocess.run(["/usr/bin/python3", os.path.join(HERE, "make_hostile.py"), cls.dir],
                       check=True, stdout=subprocess.DEVNULL)
        with open(os.path.join(cls.dir, "cases.json"), encoding="utf-8") as f:
            cls.cases = json.load(f)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def test_corpus_covers_the_classes(self):
        self.assertGreaterEqual(len(self.cases), 30)
        refused = [c for c in self.cases if c["expect"] == "refuse"]
        self.assertGreaterEqual(len(refused), 25)

    def test_each_file_alone(self):
        for case in self.cases:
            with self.subTest(file=case["file"], cls=case["class"]):
                path = os.path.join(self.dir, case["file"])
                out = os.path.join(self.tmp, "out-" + case["file"] + ".json")
                r = run("check", path, "--date", "2023-04-01", "--format", "json", "-o", out)
                self.assertGreaterEqual(r.returncode, 0, f"killed by signal {-r.returncode}")
                if case["expect"] == "refuse":
                    self.assertEqual(r.returncode, 2, r.stderr)
                    lines = r.stderr.splitlines()
                    self.assertEqual(len(lines), 1, r.stderr)
                    self.assertIn(path, lines[0])
                    self.assertRegex(lines[0], case["message"])
                    self.assertFalse(os.path.exists(out), "no output for a refused file")
                else:
                    self.assertIn(r.returncode, (0, 1), r.stderr)
                    self.assertEqual(r.stderr, "")
                    with open(out, encoding="utf-8") as f:
                        report = json.load(f)
                    self.assertGreater(len(report["findings"]), 0)
                    evidence = json.dumps(report, ensure_ascii=False)
                    # The one provision every "read" case carries was found (partial: it
                    # lacks the duty's survival after the contract ends).
                    conf = [f for f in report["findings"] if f["category"] == "confidentiality"]
                    self.assertEqual(conf[0]["status"], "partial", case["file"])
                    self.assertIn("漏らしてはならない", conf[0]["evidence"][0]["text"])
                    if case["message"] != "^$":
                        self.assertNotRegex(evidence, case["message"])

    def test_diff_refuses_the_same_files(self):
        good = os.path.join(SOURCE_DIR, "tests", "corpus", "files",
                            "2017_outsourcing_kou_otsu_articles.txt")
        for case in self.cases:
            if case["expect"] != "refuse":
                continue
            with self.subTest(file=case["file"]):
                path = os.path.join(self.dir, case["file"])
                out = os.path.join(self.tmp, "diff-" + case["file"] + ".json")
                r = run("diff", good, path, "--format", "json", "-o", out)
                self.assertEqual(r.returncode, 2, r.stderr)
                self.assertEqual(len(r.stderr.splitlines()), 1, r.stderr)
                self.assertRegex(r.stderr, case["message"])
                self.assertFalse(os.path.exists(out))

    def test_a_directory_with_all_of_them(self):
        # The good agreement among the crafted files still gets its report; every bad file
        # has its one line; the run says 2 (bad input).
        shutil.copy(os.path.join(SOURCE_DIR, "tests", "corpus", "files",
                                 "2017_outsourcing_kou_otsu_articles.txt"),
                    os.path.join(self.dir, "good.txt"))
        try:
            out = os.path.join(self.tmp, "dir.json")
            r = subprocess.run([TOKKI, "--data", SOURCE_DIR, "check", self.dir, "--date",
                                "2023-04-01", "--format", "json", "-o", out],
                               capture_output=True, text=True, timeout=300, preexec_fn=limits)
            self.assertEqual(r.returncode, 2, r.stderr)
            with open(out, encoding="utf-8") as f:
                reports = {os.path.basename(x["file"]) for x in json.load(f)}
            self.assertIn("good.txt", reports)
            scanned = [c for c in self.cases
                       if os.path.splitext(c["file"])[1] in (".docx", ".docm", ".pdf", ".txt")]
            self.assertIn("macro.docm", [c["file"] for c in scanned])
            for case in scanned:
                if case["expect"] == "refuse":
                    self.assertNotIn(case["file"], reports)
                    self.assertIn(os.path.join(self.dir, case["file"]) + ":", r.stderr)
                else:
                    self.assertIn(case["file"], reports)
        finally:
            os.remove(os.path.join(self.dir, "good.txt"))


if __name__ == "__main__":
    TOKKI = os.path.abspath(sys.argv[1])
    SOURCE_DIR = os.path.abspath(sys.argv[2])
    with open(TOKKI, "rb") as f:
        SANITIZED = b"__asan_init" in f.read()
    unittest.main(argv=[sys.argv[0]] + sys.argv[3:])
