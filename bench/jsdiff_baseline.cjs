#!/usr/bin/env node
// The jsdiff side of bench/run's diff comparison: `diffChars` of the npm package diff, in process,
// the counterpart of bench/difflib_baseline.py.
//
//   NODE_PATH=bench/.baselines/node_modules node bench/jsdiff_baseline.cjs [--min-time SECONDS] \
//       [--repeat N] OLD NEW [OLD NEW ...]
//
// For each pair of UTF-8 files, Diff.diffChars(old, new) runs N times (default 1), then again
// until SECONDS have passed (default 0), timed with process.hrtime; reading the files is not
// timed. Output as difflib_baseline.py and diff_pairs: one tab-separated line per pair,
//     old  new  diffs  total_seconds  seconds_per_diff  changes  equal_chars
// (changes: the change objects returned; equal_chars: code points of the new text in unchanged
// parts), then "total<TAB>seconds".
"use strict";

const fs = require("fs");
const Diff = require("diff");

function main() {
  const argv = process.argv.slice(2);
  let minTime = 0;
  let repeat = 1;
  const files = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--min-time") minTime = Number(argv[++i]);
    else if (argv[i] === "--repeat") repeat = Number(argv[++i]);
    else files.push(argv[i]);
  }
  if (!files.length || files.length % 2 || !(minTime >= 0) || !(repeat >= 1)) {
    throw new Error("usage: jsdiff_baseline.cjs [--min-time S] [--repeat N] OLD NEW [OLD NEW ...]");
  }
  let total = 0;
  for (let k = 0; k < files.length; k += 2) {
    const oldText = fs.readFileSync(files[k], "utf8");
    const newText = fs.readFileSync(files[k + 1], "utf8");
    let diffs = 0;
    let seconds = 0;
    let changes;
    const start = process.hrtime.bigint();
    while (diffs < repeat || seconds < minTime) {
      changes = Diff.diffChars(oldText, newText);
      diffs += 1;
      seconds = Number(process.hrtime.bigint() - start) / 1e9;
    }
    let equal = 0;
    let rebuiltOld = "";
    let rebuiltNew = "";
    for (const c of changes) {
      if (!c.added) rebuiltOld += c.value;
      if (!c.removed) rebuiltNew += c.value;
      if (!c.added && !c.removed) equal += [...c.value].length;
    }
    if (rebuiltOld !== oldText || rebuiltNew !== newText) throw new Error(`${files[k]}: the changes do not give back both texts`);
    console.log([files[k], files[k + 1], diffs, seconds.toFixed(6), (seconds / diffs).toFixed(6), changes.length, equal].join("\t"));
    total += seconds;
  }
  console.log(`total\t${total.toFixed(6)}`);
}

try {
  main();
} catch (err) {
  console.error(`jsdiff_baseline: ${err && err.message ? err.message : err}`);
  process.exit(2);
}
