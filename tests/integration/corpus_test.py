#!/usr/bin/python3
"""`tokki check` against the labelled corpus of tests/corpus/files/.

Every agreement NAME.docx|.pdf|.txt there has NAME.expected.json next to it:
{"type", "date" | "edition", "expect": {category: "present" | "partial:e1,e2" | "missing"}, ...}
with a label for every category its type and edition require. The test runs tokki check on
each file and compares, category by category, the status and (for partial) the missing
elements with the label; the exit status must be 1 when any label is a problem, else 0. Every
mismatch is reported with its file; the test fails on any.

It also prints:
- recall: of the labelled problems (partial or missing), the share tokki reports with the same
  status and, for partial, the same missing elements (and, looser, the share it reports as a
  problem at all);
- precision: of the problems tokki reports, the share that are labelled problems (and,
  stricter, the share that match their label exactly).

Usage: corpus_test.py TOKKI_BINARY SOURCE_DIR [unittest options]
"""

import json
import os
import subprocess
import sys
import unittest

TOKKI = None
SOURCE_DIR = None
EXTENSIONS = (".docx", ".pdf", ".txt")


def corpus_dir():
    return os.path.join(SOURCE_DIR, "tests", "corpus", "files")


def corpus_files():
    """(agreement path, label) for every NAME.expected.json, sorted by name."""
    out = []
    d = corpus_dir()
    for name in sorted(os.listdir(d)):
        if not name.endswith(".expected.json"):
            continue
        stem = name[:-len(".expected.json")]
        docs = [os.path.join(d, stem + ext) for ext in EXTENSIONS
                if os.path.exists(os.path.join(d, stem + ext))]
        with open(os.path.join(d, name), encoding="utf-8") as f:
            label = json.load(f)
        out.append((stem, docs, label))
    return out


def parse_label(value):
    """"partial:a,b" -> ("partial", {"a", "b"}); "present"/"missing" -> (status, set())."""
    status, _, elems = value.partition(":")
    return status, set(e for e in elems.split(",") if e)


def check(path, label):
    args = [TOKKI, "check", path, "--type", label["type"], "--format", "json"]
    if "date" in label:
        args += ["--date", label["date"]]
    else:
        args += ["--edition", label["edition"]]
    p = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120)
    report = None
    if p.stdout.strip():
        report = json.loads(p.stdout.decode("utf-8"))
    return p.returncode, report, p.stderr.decode("utf-8", "replace")


class Tally:
    def __init__(self):
        self.labelled_problems = 0
        self.found_exact = 0      # labelled problem, reported with the same status and elements
        self.found_any = 0        # labelled problem, reported as partial or missing
        self.reported_problems = 0
        self.reported_labelled = 0  # reported problem that is a labelled problem
        self.reported_exact = 0     # reported problem that matches its label exactly
        self.categories = 0
        self.mismatches = 0

    def add(self, want, got):
        """want/got: (status, missing elements)."""
        self.categories += 1
        exact = want == got
        if not exact:
            self.mismatches += 1
        if want[0] != "present":
            self.labelled_problems += 1
            self.found_exact += exact
            self.found_any += got[0] != "present"
        if got[0] != "present":
            self.reported_problems += 1
            self.reported_labelled += want[0] != "present"
            self.reported_exact += exact


def share(n, d):
    return "%d/%d = %.1f%%" % (n, d, 100.0 * n / d) if d else "%d/0 = n/a" % n


class CorpusTest(unittest.TestCase):
    maxDiff = None

    def test_corpus_labels(self):
        files = corpus_files()
        self.assertGreaterEqual(len(files), 30, "the corpus should hold at least 30 agreements")
        tally = Tally()
        problems = []
        for stem, docs, label in files:
            if len(docs) != 1:
                problems.append("%s: expected exactly one of %s next to the label, found %d"
                                % (stem, "/".join(EXTENSIONS), len(docs)))
                continue
            path = docs[0]
            name = os.path.basename(path)
            rc, report, err = check(path, label)
            if report is None:
                problems.append("%s: no report (exit %d): %s" % (name, rc, err.strip()))
                continue
            got = {f["category"]: f for f in report["findings"]}
            mism = []
            for cat, value in label["expect"].items():
                want = parse_label(value)
                f = got.get(cat)
                if f is None:
                    mism.append("%s: labelled %s, not reported" % (cat, value))
                    tally.add(want, ("absent", set()))
                    continue
                have = (f["status"], set(f["missing_elements"]) if f["status"] == "partial" else set())
                tally.add(want, have)
                if want != have:
                    shown = f["status"] + (":" + ",".join(f["missing_elements"])
                                           if f["status"] == "partial" else "")
                    evidence = "; ".join("¶%d %s" % (e["paragraph"], e["text"][:40].replace("\n", " "))
                                         for e in f.get("evidence", [])[:3])
                    mism.append("%s: labelled %s, tokki %s%s" % (
                        cat, value, shown, (" [evidence: %s]" % evidence) if evidence else ""))
            for cat in sorted(set(got) - set(label["expect"])):
                mism.append("%s: reported (%s) but not labelled" % (cat, got[cat]["status"]))
            want_rc = 1 if any(v != "present" for v in label["expect"].values()) else 0
            if rc != want_rc:
                mism.append("exit status %d, expected %d" % (rc, want_rc))
            if mism:
                problems.append("%s (%s %s):\n    %s" % (
                    name, label["type"], label.get("date") or "edition " + label["edition"],
                    "\n    ".join(mism)))
        print("\ncorpus: %d agreements, %d labelled categories, %d mismatches"
              % (len(files), tally.categories, tally.mismatches), file=sys.stderr)
        print("recall (labelled problems reported with the same status and elements): %s"
              % share(tally.found_exact, tally.labelled_problems), file=sys.stderr)
        print("recall, loose (labelled problems reported as partial or missing): %s"
              % share(tally.found_any, tally.labelled_problems), file=sys.stderr)
        print("precision (reported problems that are labelled problems): %s"
              % share(tally.reported_labelled, tally.reported_problems), file=sys.stderr)
        print("precision, strict (reported problems matching their label exactly): %s"
              % share(tally.reported_exact, tally.reported_problems), file=sys.stderr)
        if problems:
            self.fail("%d of %d agreements disagree with their labels:\n%s"
                      % (len(problems), len(files), "\n".join(problems)))


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit("usage: corpus_test.py TOKKI_BINARY SOURCE_DIR [unittest options]")
    TOKKI = os.path.abspath(sys.argv[1])
    SOURCE_DIR = os.path.abspath(sys.argv[2])
    unittest.main(argv=[sys.argv[0]] + sys.argv[3:])
