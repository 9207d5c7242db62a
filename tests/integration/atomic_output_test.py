#!/usr/bin/python3
"""Outputs are written atomically: tokki killed (SIGKILL) while it writes leaves at each output
path either the file that was there before or the whole new one, never part of one.

Usage: atomic_output_test.py TOKKI_BINARY SOURCE_DIR [unittest options]
"""

import glob
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unittest
import zipfile

TOKKI = None
SOURCE_DIR = None
OLD = b"the file that was here before\n"


class AtomicOutputTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="tokki-atomic-")

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def kill_after(self, args, delay):
        p = subprocess.Popen([TOKKI, "--data", SOURCE_DIR, *args], stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
        time.sleep(delay)
        p.send_signal(signal.SIGKILL)
        return p.wait()

    def test_check_report_killed_while_streaming(self):
        # 960 agreements: the JSON report is streamed into a temporary file while they are
        # checked, then renamed. The kills land at fractions of what a whole run takes on
        # this machine now (tokki got faster than the fixed delays this test once used).
        src = os.path.join(SOURCE_DIR, "tests", "corpus", "files")
        agreements = sorted(glob.glob(os.path.join(src, "*.docx")))
        inputs = os.path.join(self.tmp, "in")
        os.mkdir(inputs)
        for i in range(960):
            a = agreements[i % len(agreements)]
            os.link(a, os.path.join(inputs, "%03d-%s" % (i, os.path.basename(a))))
        out = os.path.join(self.tmp, "report.json")
        args = ["check", inputs, "--date", "2023-04-01", "--format", "json", "-o", out]
        started = time.monotonic()
        subprocess.run([TOKKI, "--data", SOURCE_DIR, *args], capture_output=True)
        whole = time.monotonic() - started
        killed_mid_write = 0
        for fraction in (0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95):
            delay = whole * fraction
            with open(out, "wb") as f:
                f.write(OLD)
            status = self.kill_after(args, delay)
            with open(out, "rb") as f:
                data = f.read()
            if data != OLD:
                reports = json.loads(data)  # Whole, or this fails.
                self.assertEqual(len(reports), 960)
            partial = glob.glob(out + ".tmp-*")
            if status == -signal.SIGKILL and partial and data == OLD:
                with open(partial[0], "rb") as f:
                    if f.read():
                        killed_mid_write += 1
            for p in partial:
                os.remove(p)
        # The test proves something only if some kill landed while the report was half
        # written.
        self.assertGreater(killed_mid_write, 0, "no kill landed during the write")
        # And a run left alone replaces the old file.
        r = subprocess.run([TOKKI, "--data", SOURCE_DIR, *args], capture_output=True)
        self.assertIn(r.returncode, (0, 1), r.stderr)
        with open(out, "rb") as f:
            self.assertEqual(len(json.load(f)), 960)

    def test_batch_killed_leaves_each_file_whole(self):
        profiles = os.path.join(self.tmp, "profiles.jsonl")
        with open(profiles, "w", encoding="utf-8") as f:
            for i in range(400):
                f.write(json.dumps({"type": "outsourcing", "date": "2023-04-01",
                                    "name": "annex-%03d" % i, "contractor": "株式会社%d" % i,
                                    "contract_title": "業務委託 %d" % i},
                                   ensure_ascii=False) + "\n")
        outdir = os.path.join(self.tmp, "out")
        os.mkdir(outdir)
        names = ["annex-%03d.docx" % i for i in range(400)]
        killed_mid_write = 0
        for delay in (0.1, 0.3, 0.6, 1.0):
            for n in names:
                with open(os.path.join(outdir, n), "wb") as f:
                    f.write(OLD)
            self.kill_after(["assemble", "--batch", profiles, "-o", outdir], delay)
            for n in names:
                path = os.path.join(outdir, n)
                with open(path, "rb") as f:
                    data = f.read()
                if data == OLD:
                    continue
                with zipfile.ZipFile(path) as z:  # Whole, or this fails.
                    self.assertIsNone(z.testzip(), n)
            leftovers = [x for x in os.listdir(outdir) if x not in names]
            killed_mid_write += bool(leftovers)  # Killed with documents staged.
            for leftover in leftovers:
                os.remove(os.path.join(outdir, leftover))
        self.assertGreater(killed_mid_write, 0, "no kill landed during the write")


if __name__ == "__main__":
    TOKKI = os.path.abspath(sys.argv[1])
    SOURCE_DIR = os.path.abspath(sys.argv[2])
    unittest.main(argv=[sys.argv[0]] + sys.argv[3:])
