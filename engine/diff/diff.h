// tokki diff: what changed between two versions of the annex or of an agreement.
//
//   text diff    DiffText: two strings → runs of equal / inserted / deleted text, over grapheme
//                clusters (ICU), cleaned up into readable runs (char_diff.cc).
//   alignment    which provisions of the old version became which of the new one: same,
//                modified, added, removed, split (one → several), merged (several → one), and
//                moved (align.cc).
//   redline      the new version with the changes marked, for the .docx writer
//                (docx/redline_writer.h) and the txt/html/json views (report/diff_render.h).
#ifndef TOKKI_DIFF_DIFF_H_
#define TOKKI_DIFF_DIFF_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tokki {

// One run of a text diff.
struct DiffOp {
  enum class Kind { kEqual, kInsert, kDelete };
  Kind kind = Kind::kEqual;
  std::string text;  // kEqual: the text as in the new version; kInsert / kDelete: the run.
  // kEqual only: the old version's text when it differs from `text` in ways the diff was told
  // to ignore (white space, line breaks, full/half-width forms); empty when identical.
  std::string old_text;

  bool operator==(const DiffOp&) const = default;
};

// "equal", "insert", "delete" (the JSON names, DESIGN.md).
const char* DiffOpName(DiffOp::Kind kind);

struct TextDiffOptions {
  // Differences only in white space, line breaks and full/half-width forms (NFKC) are not
  // changes. Off: every code point counts.
  //
  // On, grapheme clusters compare by their NFKC form, one to one (ｶﾞ matches ガ, １ matches 1;
  // ㈱ does not match the three clusters (株)), and white-space clusters (U+3000, tabs, line
  // breaks included) take no part in matching. They are put back so that both texts are still
  // reproduced exactly: white space between the first and the last changed cluster of a change,
  // on that side, is part of the deletion or insertion; all other white space goes with the
  // equal run beside it, the new side's in `text` and the old side's in `old_text`. When a
  // change deletes nothing, the old white space of its gap goes with the equal run before it.
  // White space with no equal text beside it (「」→「　」) is an insertion or deletion.
  bool ignore_format = true;
  // Readable runs: an equality of fewer than this many grapheme clusters between two changes
  // is folded into them; then, without cascading, so is an equality less than half as long as
  // the changes on its two sides together (「新宿区個人情報保護条例」→「個人情報の保護に関する
  // 法律」 reads as one replacement, not 新宿区 deleted, 個人情報 kept, の inserted, …). Common
  // prefixes and suffixes always stay equal (「第1項から第17項まで」: only 7 → 9). White space
  // ignored by ignore_format does not count. 0 keeps the minimal diff (a shortest edit script).
  int cleanup_threshold = 4;
  // Work bound. Myers' O(ND) search (linear space) costs about D² steps for D edits, so:
  // - when a lower bound of the edit distance (per distinct cluster, how many more times it
  //   occurs on one side than on the other) exceeds max_edit_distance, the texts are at once
  //   their common prefix and suffix around one deletion and one insertion (linear time);
  // - texts of 2000 compared clusters or more (both together) are compared line by line first
  //   (lines found exactly once on each side anchor the diff, as in patience diff), then
  //   cluster by cluster between the anchors;
  // - each search gives up when the edit distance of the stretch it works on is known to
  //   exceed max_edit_distance, or once 2^23 steps (a step: one diagonal visited or one
  //   cluster compared; about 15–25 ms) have been spent in the call; that stretch is then its
  //   common prefix and suffix around one deletion and one insertion.
  // Time is linear plus at most that budget; memory is linear (O(n + m + max_edit_distance)).
  int max_edit_distance = 20000;
};

// The runs that turn `old_text` into `new_text`. Adjacent runs never have the same kind;
// OldText(ops) == old_text and NewText(ops) == new_text always hold.
std::vector<DiffOp> DiffText(std::string_view old_text, std::string_view new_text,
                             const TextDiffOptions& options = {});

// The two versions a diff joins: deleted + equal (old side) runs, and inserted + equal runs.
std::string OldText(const std::vector<DiffOp>& ops);
std::string NewText(const std::vector<DiffOp>& ops);

// The letters of a text (NFKC, white space removed) and their bigrams, computed once so that
// one provision can be compared with many (diff/compare.cc aligns documents so).
class BigramProfile {
 public:
  BigramProfile() = default;
  explicit BigramProfile(std::string_view text);

  // Dice coefficient of the bigram multisets, in [0, 1]: 1 for two texts without letters, 0
  // when only one has none; a text of one letter compares single letters.
  double Dice(const BigramProfile& other) const;
  // The share of this text's bigrams also in `other` (0 for a text of fewer than 2 letters).
  double ContainedIn(const BigramProfile& other) const;
  // The letters, for finding identical texts (equal keys: equal but for white space and
  // width).
  const std::u32string& letters() const { return letters_; }

 private:
  std::u32string letters_;
  std::vector<uint64_t> bigrams_;  // Sorted.
};

// Similarity of two texts in [0, 1], for aligning provisions (character bigrams of the NFKC
// text without white space, Dice coefficient over the multisets). 1 for two empty texts (white
// space only counts as empty), 0 when only one is empty; when either text is one character,
// single characters are compared instead of bigrams.
// BigramProfile(a).Dice(BigramProfile(b)).
double TextSimilarity(std::string_view a, std::string_view b);

}  // namespace tokki

#endif  // TOKKI_DIFF_DIFF_H_
