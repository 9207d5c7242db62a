#!/usr/bin/python3
"""The table of bench/run: medians, tokki / baseline ratios and issue #7's targets.

    /usr/bin/python3 bench/results_table.py RESULTS.tsv

RESULTS.tsv has one line per measured row, written by bench/run as it goes:
    key  task  tool  n  what  seconds,seconds,...      (timed rows)
    key  task  tool  n  what  =VALUE_MIB               (memory rows: peak RSS in MiB)
`key` says what the row is compared with (KEYS below); `n` is how many items one run handles
(annexes, files, diffs) and `what` names them. Rows of a task that bench/run skipped are absent,
and so are their ratios. Prints a Markdown table.
"""

import statistics
import sys

# key: (reference key or None, how the ratio is formed, target, target text)
#   ratio "base/ref": the reference (tokki) is that many times faster than this row;
#   "ref/this": for tokki --jobs 2 (speed-up over --jobs 1); "floor": tokki's share of the
#   floor's speed (floor time / tokki time); "abs": the median itself against a limit in seconds.
KEYS = {
    "assemble.tokki1": (None, None, None, ""),
    "assemble.tokki": (None, None, None, ""),
    "assemble.python": ("assemble.tokki", "base/ref", 50, "≥ 50× python3-docx"),
    "assemble.npmdocx": ("assemble.tokki", "base/ref", 20, "≥ 20× npm docx"),
    "assemble.docxtemplater": ("assemble.tokki", "base/ref", None, "—"),
    "check.tokki1": (None, None, None, ""),
    "check.tokki2": ("check.tokki1", "ref/this", 1.8, "--jobs 2 ≥ 1.8× --jobs 1"),
    "check.python": ("check.tokki1", "base/ref", 40, "≥ 40× python (--jobs 1)"),
    "check.mammoth": ("check.tokki1", "base/ref", None, "—"),
    "check.pandoc": ("check.tokki1", "base/ref", None, "— (text only)"),
    "check.floor": ("check.tokki1", "floor", 0.5, "≥ 50% of the floor's files/s"),
    "formats.tokkipdf": (None, None, None, ""),
    "formats.pdftotext": ("formats.tokkipdf", "base/ref", None, "— (text only)"),
    "formats.tokkitxt": (None, None, None, ""),
    "diff.tokki": (None, None, None, ""),
    "diff.difflib": ("diff.tokki", "base/ref", 20, "≥ 20× difflib"),
    "diff.jsdiff": ("diff.tokki", "base/ref", None, "—"),
    "cold.tokki": (None, "abs", 0.050, "< 50 ms"),
    "cold.tokki1": (None, None, None, "— (one checking thread)"),
    "cold.python": ("cold.tokki", "base/ref", None, "—"),
    "cold.mammoth": ("cold.tokki", "base/ref", None, "—"),
}


def fmt_seconds(s):
    if s < 1e-3:
        return f"{s * 1e6:.0f} µs"
    if s < 1:
        return f"{s * 1e3:.2f} ms"
    return f"{s:.3f} s"


def fmt_ratio(r):
    return f"{r:,.0f}×" if r >= 100 else f"{r:.1f}×" if r >= 0.995 else f"{r:.2f}×"


def main():
    rows = []
    for line in open(sys.argv[1], encoding="utf-8"):
        if not line.strip():
            continue
        key, task, tool, n, what, values = line.rstrip("\n").split("\t")
        rows.append((key, task, tool, int(n), what, values))
    med = {}  # (task, key) → median: a ratio compares rows of the same task only.
    for key, task, _, _, _, values in rows:
        if not values.startswith("="):
            med[(task, key)] = statistics.median(float(v) for v in values.split(","))

    print("| task | tool | n | median | min – max | per item | tokki / baseline | #7 target | met? |")
    print("|---|---|---:|---:|---:|---:|---:|---|---|")
    mem = [r for r in rows if r[5].startswith("=")]
    for key, task, tool, n, what, values in rows:
        if values.startswith("="):
            continue
        times = [float(v) for v in values.split(",")]
        m = med[(task, key)]
        ref, how, target, text = KEYS.get(key, (None, None, None, ""))
        ref = (task, ref)
        ratio, met = "", ""
        if how == "abs":
            met = "met" if m < target else "not met"
        elif ref[1] is not None and ref in med:
            r = {"base/ref": m / med[ref], "ref/this": med[ref] / m, "floor": m / med[ref]}[how]
            ratio = f"{r:.0%} of floor" if how == "floor" else fmt_ratio(r)
            if target is not None:
                met = "met" if r >= target else "not met"
        elif ref[1] is not None:
            text = ""
        per = m / n if n else m
        rate = f"{n / m:,.0f} {what}/s" if n > 1 else ""
        spread = f"{fmt_seconds(min(times))} – {fmt_seconds(max(times))}" if len(times) > 1 else ""
        per_item = fmt_seconds(per) + (f" ({rate})" if rate else "")
        print(f"| {task} | {tool} | {n:,} {what} | {fmt_seconds(m)} | {spread} | {per_item} | {ratio} "
              f"| {text} | {met} |")
    if mem:
        first = float(mem[0][5][1:])
        for i, (key, task, tool, n, what, values) in enumerate(mem):
            v = float(values[1:])
            last = i == len(mem) - 1
            growth = f"{v / first:.2f}× of {mem[0][3]:,}" if i else ""
            target = "flat: ≤ 1.2× from the smallest batch" if last and len(mem) > 1 else ""
            met = ("met" if v <= 1.2 * first else "not met") if target else ""
            print(f"| {task} | {tool} | {n:,} {what} | {v:.1f} MiB peak RSS | | | {growth} | {target} | {met} |")


if __name__ == "__main__":
    sys.exit(main())
