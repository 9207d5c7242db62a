#!/usr/bin/python3
"""The Python side of bench/diff_vs_difflib.sh: difflib over characters.

    /usr/bin/python3 bench/difflib_baseline.py [--min-time SECONDS] [--repeat N] OLD NEW [OLD NEW ...]

For each pair of UTF-8 files, `difflib.SequenceMatcher(None, old, new, autojunk=False)
.get_opcodes()` runs N times (default 1), then again until SECONDS have passed (default 0),
timed with time.perf_counter(); reading the files is not timed. The strings are compared
character by character (code points). autojunk=False because the heuristic would treat every
character that makes up more than 1% of a long text (の, は, 、, 。) as junk and miss most of
the matches.

Output, like build/bench/diff_pairs (bench/diff_pairs.cc): one tab-separated line per pair,
    old  new  diffs  total_seconds  seconds_per_diff  opcodes  equal_chars
where equal_chars is the characters of the new text inside 'equal' opcodes, then
"total<TAB>seconds".
"""

import argparse
import difflib
import sys
import time


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--min-time", type=float, default=0.0)
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("files", nargs="+")
    args = ap.parse_args()
    if len(args.files) % 2:
        ap.error("files come in pairs: OLD NEW")
    total = 0.0
    for old_path, new_path in zip(args.files[0::2], args.files[1::2]):
        with open(old_path, encoding="utf-8") as f:
            old = f.read()
        with open(new_path, encoding="utf-8") as f:
            new = f.read()
        diffs = 0
        seconds = 0.0
        start = time.perf_counter()
        while diffs < max(1, args.repeat) or seconds < args.min_time:
            ops = difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
            diffs += 1
            seconds = time.perf_counter() - start
        equal = sum(j2 - j1 for tag, _, _, j1, j2 in ops if tag == "equal")
        print(f"{old_path}\t{new_path}\t{diffs}\t{seconds:.6f}\t{seconds / diffs:.6f}"
              f"\t{len(ops)}\t{equal}", flush=True)
        total += seconds
    print(f"total\t{total:.6f}")


if __name__ == "__main__":
    sys.exit(main())
