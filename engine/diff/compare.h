// Comparing two versions of the annex or of an agreement, provision by provision: which
// provisions of the old version became which of the new one (same, modified, added, removed,
// split, merged; moved when the order changed), with the text diff of each pair.
//
// Alignment:
//   - Two editions align by clause module (DiffUnit::group): a module's items in the old
//     edition pair with its items in the new one, item by item when the counts agree, else as
//     a split (1 → n) or a merge (n → 1); 2017 item 10 (再委託の禁止) → 2023 items 11-18 is a
//     split, not one deletion and eight insertions.
//   - Documents (or a document against an edition) align by content: texts (with their
//     headings) compared by character bigrams; identical texts first, then the most similar
//     pairs one to one, then splits and merges (a new provision most of whose text is inside
//     an old one that is already paired, and the reverse), whatever their order.
//   Bound: similarity is computed for every pair only while old × new ≤ kMaxFullPairs; past
//   that, each new provision is compared with the old ones near its relative position
//   (±kWindow) and with identical texts anywhere, so two 1,000-provision documents stay fast.
#ifndef TOKKI_DIFF_COMPARE_H_
#define TOKKI_DIFF_COMPARE_H_

#include <string>
#include <vector>

#include "assemble/annex.h"
#include "diff/diff.h"
#include "read/document.h"

namespace tokki {

// One provision of a version.
struct DiffUnit {
  int n = 0;            // Its number in the JSON "from" / "to" lists: the annex item number,
                        // or the provision's position in a document (1-based).
  std::string label;    // As numbered in the version: "15" for an annex item, "第3条", "2".
  std::string heading;  // Heading printed with it; "" when none.
  std::string text;     // Its text without number and heading, sub-items included.
  std::string group;    // Edition units: the clause module id; "" for documents.
};

struct DiffVersion {
  std::string name;  // 「2017年版（outsourcing）」, a file name.
  std::vector<DiffUnit> units;
};

// Joins the texts of the units of a pair before they are diffed (U+E000, a private-use
// character: never ignored as white space, so a split or merge shows as an inserted or deleted
// break). Renderers show it as a line break.
inline constexpr char kUnitBreak[] = "\xEE\x80\x80";

struct DiffPair {
  enum class Change { kSame, kModified, kAdded, kRemoved, kSplit, kMerged };
  Change change = Change::kSame;
  std::vector<int> from, to;  // Indices into the old and new units, ascending.
  bool moved = false;         // Out of order relative to the other pairs.
  // Text diff of the old units' texts joined with kUnitBreak against the new ones'.
  std::vector<DiffOp> ops;
  // Diff of the first old unit's heading against the first new unit's (empty when both
  // headings are empty).
  std::vector<DiffOp> heading_ops;
  bool heading_changed = false;
};

// "same", "modified", ... (the JSON names, DESIGN.md).
const char* ChangeName(DiffPair::Change change);

struct Comparison {
  std::string from_name, to_name;
  std::vector<DiffUnit> from, to;
  std::vector<DiffPair> pairs;  // In the new version's order, removed ones where they were.
};

struct CompareOptions {
  TextDiffOptions text;
};

constexpr size_t kMaxFullPairs = 250000;
constexpr int kWindow = 60;

// Aligns and diffs. By module when every unit of both versions has a group, else by content.
Comparison Compare(const DiffVersion& from, const DiffVersion& to,
                   const CompareOptions& options = {});

// The units of an assembled annex (items with their module ids; sub-items in the text). Each
// item's heading is the one printed above it, or with `headings_in_force` the one of its group
// (an item continuing 「監査等」 has it too), as VersionFromDocument gives them, for comparing an
// edition with a document.
DiffVersion VersionFromAnnex(const Annex& annex, const std::string& name,
                             bool headings_in_force = false);
// The units of a document: its provisions (check/segment.h), number and heading taken off
// the text.
DiffVersion VersionFromDocument(const Document& doc, const std::string& name);

}  // namespace tokki

#endif  // TOKKI_DIFF_COMPARE_H_
