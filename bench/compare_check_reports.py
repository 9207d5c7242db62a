#!/usr/bin/python3
"""Compares two `tokki check --format json` outputs (tokki's and a baseline's) finding by
finding: bench/check_vs_python_docx.sh and bench/run, before timing.

    /usr/bin/python3 bench/compare_check_reports.py TOKKI.json OTHER.json N [--name OTHER_NAME]

Both must report on N files, in the same order, with the same findings: status, missing
elements, weakener reasons (compared as a set: RE2::Set reports its hits in no fixed order),
evidence paragraphs and texts, basis and suggestion. Prints one line ("20000 findings identical
in both (…)" or "K of T findings differ") and the first differences on stderr; exits 1 if any.
"""

import argparse
import collections
import json
import sys


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("tokki")
    ap.add_argument("other")
    ap.add_argument("n", type=int)
    ap.add_argument("--name", default="python")
    a = ap.parse_args()
    t = json.load(open(a.tokki, encoding="utf-8"))
    p = json.load(open(a.other, encoding="utf-8"))
    t, p = (x if isinstance(x, list) else [x] for x in (t, p))
    if len(t) != a.n or len(p) != a.n:
        sys.exit(f"reports: tokki {len(t)}, {a.name} {len(p)}, expected {a.n}")
    diffs, statuses = 0, collections.Counter()
    for x, y in zip(t, p):
        if x["file"] != y["file"] or len(x["findings"]) != len(y["findings"]):
            sys.exit(f"{x['file']}: different files or findings")
        for fa, fb in zip(x["findings"], y["findings"]):
            statuses[fa["status"]] += 1
            fa, fb = dict(fa), dict(fb)
            for f in (fa, fb):
                f["weakened"] = sorted(f.get("weakened", []))
            if fa != fb:
                diffs += 1
                if diffs <= 5:
                    key = next(k for k in fa if fa[k] != fb.get(k))
                    print(f"{x['file']}: {fa['category']}: {key}: tokki {fa[key]!r:.200} "
                          f"{a.name} {fb.get(key)!r:.200}", file=sys.stderr)
    total = sum(statuses.values())
    print(f"{total} findings identical in both ({statuses['present']} present, {statuses['partial']} partial,"
          f" {statuses['missing']} missing)" if not diffs else f"{diffs} of {total} findings differ")
    return 1 if diffs else 0


if __name__ == "__main__":
    sys.exit(main())
