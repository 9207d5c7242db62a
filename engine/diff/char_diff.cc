// DiffText: grapheme clusters → comparison keys → Myers diff (bounded) → cleanup → runs with
// the ignored white space put back. TextSimilarity: bigram Dice coefficient.
#include "diff/diff.h"

#include <unicode/brkiter.h>
#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace tokki {
namespace {

// Myers' search costs one unit per diagonal visited and per element compared along a snake,
// 5-10 ns each (unpredictable branches): 2^23 units is 55-85 ms on this project's VM.
// Measured needs (bench/README.md): the 2017 → 2023 annex 0.2 M units; a 100-page agreement
// with an edit every ~1000 characters 4 k after the line pass, 2 M without anchors; the same
// with every line broken elsewhere 0.7 M. Texts of the same characters in another order (the
// lower bound below does not catch them) would otherwise cost up to max_edit_distance² / 2 =
// 2·10^8.
constexpr int64_t kWorkBudget = int64_t{1} << 23;

// Texts with at least this many keys (both sides together) are compared line by line first.
constexpr int32_t kLineModeMinKeys = 2000;

const icu::Normalizer2* Nfkc() {
  static const icu::Normalizer2* n = [] {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* p = icu::Normalizer2::getNFKCInstance(status);
    return U_SUCCESS(status) ? p : nullptr;
  }();
  return n;
}

std::string NfkcUtf8(std::string_view s) {
  std::string out;
  const icu::Normalizer2* n = Nfkc();
  if (n == nullptr) return std::string(s);
  icu::StringByteSink<std::string> sink(&out);
  UErrorCode status = U_ZERO_ERROR;
  n->normalizeUTF8(0, icu::StringPiece(s.data(), static_cast<int32_t>(s.size())), sink, nullptr,
                   status);
  return U_SUCCESS(status) ? out : std::string(s);
}

// White_Space has nothing above U+3000, where kanji and kana are: most calls skip ICU.
bool IsWhiteSpace(UChar32 c) { return c <= 0x3000 && u_isUWhiteSpace(c); }

// Whether a code point is a grapheme cluster boundary on both sides when its neighbour is one
// too: Grapheme_Cluster_Break Other, Control or LF, in the BMP. No rule of UAX #29 joins two
// such code points (CR is left out for CR LF; Extend, ZWJ, SpacingMark, Prepend, Hangul jamo
// and regional indicators are the ones that join), so only the stretches around the others
// need the break iterator. Kanji, kana and punctuation are all Other.
bool IsSimple(UChar32 c) {
  static const std::vector<bool> table = [] {
    std::vector<bool> t(0x10000);
    for (UChar32 u = 0; u < 0x10000; ++u) {
      int32_t gcb = u_getIntPropertyValue(u, UCHAR_GRAPHEME_CLUSTER_BREAK);
      t[u] = gcb == U_GCB_OTHER || gcb == U_GCB_CONTROL || gcb == U_GCB_LF;
    }
    return t;
  }();
  return c >= 0 && c < 0x10000 && table[c];
}

// Appends the cluster boundaries of text[start, end), which starts and ends on one, after
// `start`, through ICU. Without a break iterator (ICU data missing), code points.
void IcuBounds(std::string_view text, size_t start, size_t end, std::vector<uint32_t>& bounds) {
  // Creating a break iterator loads rules; one per thread, reused.
  thread_local std::unique_ptr<icu::BreakIterator> it = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> b(
        icu::BreakIterator::createCharacterInstance(icu::Locale::getRoot(), status));
    if (U_FAILURE(status)) b.reset();
    return b;
  }();
  std::string_view part = text.substr(start, end - start);
  UErrorCode status = U_ZERO_ERROR;
  UText* ut = it ? utext_openUTF8(nullptr, part.data(), static_cast<int64_t>(part.size()), &status)
                 : nullptr;
  if (ut != nullptr && U_SUCCESS(status)) it->setText(ut, status);
  if (ut != nullptr && U_SUCCESS(status)) {
    // UTF-8 UText indices are byte offsets, so clusters slice the original bytes.
    for (int32_t p = it->next(); p != icu::BreakIterator::DONE; p = it->next()) {
      uint32_t at = static_cast<uint32_t>(start + p);
      if (at > bounds.back() && at < end) bounds.push_back(at);
    }
  } else {
    int32_t len = static_cast<int32_t>(part.size());
    for (int32_t i = 0; i < len;) {
      UChar32 c;
      U8_NEXT(part.data(), i, len, c);
      if (i < len) bounds.push_back(static_cast<uint32_t>(start + i));
    }
  }
  if (ut != nullptr) utext_close(ut);
  bounds.push_back(static_cast<uint32_t>(end));
}

// Byte offsets of the grapheme cluster boundaries of `text`: 0, ..., text.size().
std::vector<uint32_t> ClusterBounds(std::string_view text) {
  std::vector<uint32_t> bounds;
  bounds.reserve(text.size() / 3 + 2);
  bounds.push_back(0);
  const int32_t len = static_cast<int32_t>(text.size());
  // `start` is the last boundary known; `unsure` when a code point since then might join.
  int32_t start = 0;
  bool unsure = false, prev_simple = false;
  for (int32_t i = 0; i <= len;) {
    UChar32 c = -1;
    int32_t next = i;
    if (i < len) U8_NEXT(text.data(), next, len, c);
    bool simple = IsSimple(c);
    if (i == len || (prev_simple && simple)) {  // A boundary for sure at i.
      if (i > start) {
        if (unsure) {
          IcuBounds(text, start, i, bounds);
        } else {
          bounds.push_back(static_cast<uint32_t>(i));
        }
      }
      start = i;
      unsure = false;
    } else if (i > start || !simple) {
      unsure = true;
    }
    prev_simple = simple;
    if (i == len) break;
    i = next;
  }
  return bounds;
}

// Cluster → comparison key id, shared by both texts of one DiffText call. With ignore_format
// the key is the cluster's NFKC form and white space has none (-1); otherwise the bytes.
class KeyTable {
 public:
  explicit KeyTable(bool ignore_format) : ignore_format_(ignore_format), cache_(Cache()) {
    // Entries of earlier calls on this thread are stale from here on.
    if (++cache_.generation == 0) {
      std::fill(cache_.stamp.begin(), cache_.stamp.end(), 0);
      cache_.generation = 1;
    }
  }

  // `cluster` must outlive the table (it points into the texts being compared).
  int32_t Key(std::string_view cluster) {
    // Most clusters are one BMP code point: looked up by code point, not hashed as bytes.
    UChar32 c = -1;
    if (cluster.size() <= 3) {
      int32_t i = 0, len = static_cast<int32_t>(cluster.size());
      U8_NEXT(cluster.data(), i, len, c);
      if (i != len) c = -1;
    }
    if (c < 0 || c >= 0x10000) return KeyOfBytes(cluster);
    if (cache_.stamp[c] != cache_.generation) {
      cache_.key[c] = KeyOfBytes(cluster);
      cache_.stamp[c] = cache_.generation;
    }
    return cache_.key[c];
  }
  int32_t size() const { return next_id_; }

 private:
  // Per thread, so that a call need not clear 64K entries: an entry counts only when its
  // stamp is the current call's generation.
  struct CodePointCache {
    std::vector<int32_t> key = std::vector<int32_t>(0x10000);
    std::vector<uint32_t> stamp = std::vector<uint32_t>(0x10000, 0);
    uint32_t generation = 0;
  };
  static CodePointCache& Cache() {
    thread_local CodePointCache cache;
    return cache;
  }

  int32_t KeyOfBytes(std::string_view cluster) {
    auto [it, added] = by_bytes_.try_emplace(cluster, -1);
    if (!added) return it->second;
    if (!ignore_format_) {
      it->second = next_id_++;
      return it->second;
    }
    std::string key = NfkcUtf8(cluster);
    if (IsBlank(key)) return -1;
    auto [kt, kadded] = by_key_.try_emplace(std::move(key), next_id_);
    if (kadded) ++next_id_;
    it->second = kt->second;
    return it->second;
  }

  // Every code point white space (U+3000 is NFKC U+0020; tabs, CR LF, U+2028 are White_Space).
  static bool IsBlank(const std::string& s) {
    int32_t len = static_cast<int32_t>(s.size());
    for (int32_t i = 0; i < len;) {
      UChar32 c;
      U8_NEXT(s.data(), i, len, c);
      if (!IsWhiteSpace(c)) return false;
    }
    return true;
  }

  bool ignore_format_;
  CodePointCache& cache_;
  int32_t next_id_ = 0;
  std::unordered_map<std::string_view, int32_t> by_bytes_;
  std::unordered_map<std::string, int32_t> by_key_;
};

// One text: its clusters, and the keys of the clusters that take part in matching.
struct Side {
  std::string_view text;
  std::vector<uint32_t> bounds;  // Cluster c is text[bounds[c], bounds[c + 1]).
  std::vector<int32_t> keys;     // Keys of the matched clusters, in order...
  std::vector<uint32_t> at;      // ...and the cluster index of each.
  // The key index each line starts at (lines without keys left out), then keys.size().
  std::vector<int32_t> lines;

  Side(std::string_view t, KeyTable& table) : text(t), bounds(ClusterBounds(t)) {
    size_t n = bounds.size() - 1;
    keys.reserve(n);
    at.reserve(n);
    lines.push_back(0);
    for (size_t c = 0; c < n; ++c) {
      std::string_view cluster = text.substr(bounds[c], bounds[c + 1] - bounds[c]);
      int32_t k = table.Key(cluster);
      if (k >= 0) {
        keys.push_back(k);
        at.push_back(static_cast<uint32_t>(c));
      }
      int32_t size = static_cast<int32_t>(keys.size());
      if (cluster.back() == '\n' && size > lines.back()) lines.push_back(size);
    }
    int32_t size = static_cast<int32_t>(keys.size());
    if (size > lines.back()) lines.push_back(size);
  }
  size_t clusters() const { return bounds.size() - 1; }
  std::string_view Bytes(size_t c0, size_t c1) const {
    return text.substr(bounds[c0], bounds[c1] - bounds[c0]);
  }
};

// A piece of the edit script over the key sequences: `equal` keys on both sides, or a change
// deleting `del` keys of the old side and inserting `ins` of the new one.
struct Segment {
  bool equal = false;
  int32_t del = 0;  // For an equality, its length (== ins).
  int32_t ins = 0;
};

// Appends to an alternating equal / change list, merging neighbours of the same kind.
void Push(std::vector<Segment>& s, bool equal, int32_t del, int32_t ins) {
  if (del == 0 && ins == 0) return;
  if (!s.empty() && s.back().equal == equal) {
    s.back().del += del;
    s.back().ins += ins;
  } else {
    s.push_back({equal, del, ins});
  }
}

// Myers' O(ND) diff with the linear-space bisection of both ends ("An O(ND) Difference
// Algorithm and Its Variations", 1986, section 4b), split at the point where the forward and
// reverse paths meet. Each subproblem trims its common prefix and suffix first. A subproblem
// whose edit distance is known to pass max_d, or reached after the work budget is spent,
// becomes one deletion and one insertion.
class Myers {
 public:
  // `a`, `b` and `work` (the units spent, shared by the passes of one DiffText) must outlive
  // this object. Searches stop once *work passes `budget`.
  Myers(const std::vector<int32_t>& a, const std::vector<int32_t>& b, int max_d, int64_t* work,
        int64_t budget)
      : a_(a), b_(b), max_d_(std::max(max_d, 0)), work_(*work), budget_(budget) {}

  // Appends the script of a_[a0, a1) → b_[b0, b1); with !search only the common prefix and
  // suffix are found.
  void Diff(int32_t a0, int32_t a1, int32_t b0, int32_t b1, bool search = true) {
    int32_t prefix = 0;
    while (a0 + prefix < a1 && b0 + prefix < b1 && a_[a0 + prefix] == b_[b0 + prefix]) ++prefix;
    a0 += prefix;
    b0 += prefix;
    int32_t suffix = 0;
    while (a1 - suffix > a0 && b1 - suffix > b0 && a_[a1 - 1 - suffix] == b_[b1 - 1 - suffix]) {
      ++suffix;
    }
    a1 -= suffix;
    b1 -= suffix;
    Push(script_, true, prefix, prefix);
    int32_t x = 0, y = 0;
    if (!search || a0 == a1 || b0 == b1 || !Bisect(a0, a1, b0, b1, &x, &y)) {
      Push(script_, false, a1 - a0, b1 - b0);
    } else {
      Diff(a0, a0 + x, b0, b0 + y);
      Diff(a0 + x, a1, b0 + y, b1);
    }
    Push(script_, true, suffix, suffix);
  }
  void Equal(int32_t n) { Push(script_, true, n, n); }
  std::vector<Segment> Take() { return std::move(script_); }

 private:
  // Finds where an edit path through a_[a0, a1) × b_[b0, b1) can be split (x, y relative to
  // a0, b0; never a corner), searching from both ends with d edits each until the paths meet.
  // Both sides are non-empty and differ in their first and last elements.
  bool Bisect(int32_t a0, int32_t a1, int32_t b0, int32_t b1, int32_t* split_x, int32_t* split_y) {
    const int32_t* a = a_.data() + a0;
    const int32_t* b = b_.data() + b0;
    const int32_t n = a1 - a0, m = b1 - b0;
    // Paths meet after at most ceil((n + m) / 2) edits each; past max_d / 2 + 1 each, the
    // edit distance exceeds max_d.
    const int32_t d_limit = std::min<int32_t>((n + m + 1) / 2, max_d_ / 2 + 1);
    const int32_t off = d_limit + 1;
    // Furthest x reached on each diagonal k = x - y (forward) and on each diagonal of the
    // reversed texts (reverse), -1 where none yet.
    fwd_.assign(2 * off + 1, -1);
    rev_.assign(2 * off + 1, -1);
    fwd_[off + 1] = 0;
    rev_[off + 1] = 0;
    const int32_t delta = n - m;
    const bool odd = (delta & 1) != 0;  // Then the forward pass detects the meeting.
    // Diagonals that ran off the edit graph are not visited again.
    int32_t fwd_lo = 0, fwd_hi = 0, rev_lo = 0, rev_hi = 0;
    for (int32_t d = 0; d < d_limit; ++d) {
      if (work_ > budget_) return false;
      for (int32_t k = -d + fwd_lo; k <= d - fwd_hi; k += 2) {
        int32_t i = off + k;
        int32_t x =
            (k == -d || (k != d && fwd_[i - 1] < fwd_[i + 1])) ? fwd_[i + 1] : fwd_[i - 1] + 1;
        int32_t y = x - k;
        int32_t x0 = x;
        while (x < n && y < m && a[x] == b[y]) ++x, ++y;
        work_ += 1 + (x - x0);
        fwd_[i] = x;
        if (x > n) {
          fwd_hi += 2;
        } else if (y > m) {
          fwd_lo += 2;
        } else if (odd) {
          int32_t r = off + delta - k;  // The same diagonal in reversed coordinates.
          if (r >= 0 && r < static_cast<int32_t>(rev_.size()) && rev_[r] != -1 &&
              x >= n - rev_[r]) {
            return Split(x, y, n, m, split_x, split_y);
          }
        }
      }
      for (int32_t k = -d + rev_lo; k <= d - rev_hi; k += 2) {
        int32_t i = off + k;
        int32_t x =
            (k == -d || (k != d && rev_[i - 1] < rev_[i + 1])) ? rev_[i + 1] : rev_[i - 1] + 1;
        int32_t y = x - k;
        int32_t x0 = x;
        while (x < n && y < m && a[n - 1 - x] == b[m - 1 - y]) ++x, ++y;
        work_ += 1 + (x - x0);
        rev_[i] = x;
        if (x > n) {
          rev_hi += 2;
        } else if (y > m) {
          rev_lo += 2;
        } else if (!odd) {
          int32_t f = off + delta - k;
          if (f >= 0 && f < static_cast<int32_t>(fwd_.size()) && fwd_[f] != -1) {
            int32_t fx = fwd_[f];
            if (fx >= n - x) return Split(fx, fx - (f - off), n, m, split_x, split_y);
          }
        }
      }
    }
    return false;
  }

  static bool Split(int32_t x, int32_t y, int32_t n, int32_t m, int32_t* sx, int32_t* sy) {
    // A corner would make no progress; it cannot happen after trimming, but never loop.
    if ((x == 0 && y == 0) || (x == n && y == m)) return false;
    *sx = x;
    *sy = y;
    return true;
  }

  const std::vector<int32_t>& a_;
  const std::vector<int32_t>& b_;
  const int max_d_;
  int64_t& work_;
  const int64_t budget_;
  std::vector<int32_t> fwd_, rev_;
  std::vector<Segment> script_;
};

// Every key occurring more often on one side must be deleted or inserted that many times:
// a lower bound of the edit distance that tells unrelated texts apart in linear time.
int64_t EditDistanceLowerBound(const std::vector<int32_t>& a, const std::vector<int32_t>& b,
                               int32_t vocabulary) {
  std::vector<int32_t> count(vocabulary, 0);
  for (int32_t k : a) ++count[k];
  for (int32_t k : b) --count[k];
  int64_t bound = 0;
  for (int32_t c : count) bound += c < 0 ? -c : c;
  return bound;
}

// The lines of a side as ids (equal ids: equal keys), one per entry of Side::lines but the
// last; `ids` assigns them, shared by both sides.
std::vector<int32_t> LineIds(const Side& side, std::unordered_map<std::string_view, int32_t>& ids) {
  std::vector<int32_t> out;
  out.reserve(side.lines.size());
  const char* keys = reinterpret_cast<const char*>(side.keys.data());
  for (size_t l = 0; l + 1 < side.lines.size(); ++l) {
    std::string_view line(keys + side.lines[l] * sizeof(int32_t),
                          (side.lines[l + 1] - side.lines[l]) * sizeof(int32_t));
    out.push_back(ids.try_emplace(line, static_cast<int32_t>(ids.size())).first->second);
  }
  return out;
}

// The edit script of the keys of two sides. Long texts are compared line by line first:
// lines equal on both sides anchor the diff and only the stretches between them are compared
// key by key. Myers' search costs about D² for D edits however far apart they are; with the
// anchors, a 100-page agreement with an edit every page costs the sum of the small D² of its
// stretches. Only lines found once on each side take part in the line pass (a line found on
// one side only can never be equal), so a text whose lines a PDF conversion broke elsewhere
// costs almost nothing there. The line pass may spend a quarter of the budget.
std::vector<Segment> EditScript(const Side& o, const Side& n, int32_t vocabulary, int max_d) {
  int64_t work = 0;
  Myers keys(o.keys, n.keys, max_d, &work, kWorkBudget);
  const int32_t ko = static_cast<int32_t>(o.keys.size()), kn = static_cast<int32_t>(n.keys.size());
  if (EditDistanceLowerBound(o.keys, n.keys, vocabulary) > max_d) {
    keys.Diff(0, ko, 0, kn, /*search=*/false);
    return keys.Take();
  }
  // Ids of the lines found once on each side, and where each is (line index). A line that
  // repeats (a heading used twice, a text pasted twice) could pair with the wrong copy and
  // misplace everything between; unique ones do not (as in patience diff).
  std::vector<int32_t> lo, ln, at_o, at_n;
  if (ko + kn >= kLineModeMinKeys) {
    std::unordered_map<std::string_view, int32_t> ids;
    std::vector<int32_t> all_o = LineIds(o, ids), all_n = LineIds(n, ids);
    std::vector<uint8_t> count_o(ids.size(), 0), count_n(ids.size(), 0);
    for (int32_t id : all_o) count_o[id] = std::min(count_o[id] + 1, 2);
    for (int32_t id : all_n) count_n[id] = std::min(count_n[id] + 1, 2);
    for (size_t l = 0; l < all_o.size(); ++l) {
      int32_t id = all_o[l];
      if (count_o[id] == 1 && count_n[id] == 1) {
        lo.push_back(id);
        at_o.push_back(static_cast<int32_t>(l));
      }
    }
    for (size_t l = 0; l < all_n.size(); ++l) {
      int32_t id = all_n[l];
      if (count_o[id] == 1 && count_n[id] == 1) {
        ln.push_back(id);
        at_n.push_back(static_cast<int32_t>(l));
      }
    }
  }
  if (lo.empty()) {
    keys.Diff(0, ko, 0, kn);
    return keys.Take();
  }
  Myers lines(lo, ln, max_d, &work, kWorkBudget / 4);
  lines.Diff(0, static_cast<int32_t>(lo.size()), 0, static_cast<int32_t>(ln.size()));
  int32_t i = 0, j = 0;  // Lines of each side done.
  size_t p = 0, q = 0;   // Shared lines consumed.
  for (const Segment& s : lines.Take()) {
    if (s.equal) {
      for (int32_t e = 0; e < s.del; ++e, ++p, ++q) {
        // The stretch before the anchor, then the anchor.
        keys.Diff(o.lines[i], o.lines[at_o[p]], n.lines[j], n.lines[at_n[q]]);
        i = at_o[p] + 1;
        j = at_n[q] + 1;
        keys.Equal(o.lines[i] - o.lines[i - 1]);
      }
    } else {
      p += s.del;
      q += s.ins;
    }
  }
  keys.Diff(o.lines[i], ko, n.lines[j], kn);
  return keys.Take();
}

// Folds equalities into the changes around them. Pass 1: every equality shorter than
// `threshold` between two changes. Pass 2, on the result: an equality less than half as long
// as the changes on its two sides together (all their deleted and inserted keys), so that a
// rewritten phrase that happens to keep a word reads as one replacement. Pass 2 decides from
// the changes as pass 1 left them, without cascading, so a long unchanged paragraph after a
// rewritten one is never swallowed.
std::vector<Segment> Cleanup(const std::vector<Segment>& in, int threshold) {
  if (threshold <= 0) return in;
  auto fold = [](const std::vector<Segment>& s, auto should_fold) {
    std::vector<Segment> out;
    for (size_t i = 0; i < s.size(); ++i) {
      bool interior = s[i].equal && i > 0 && i + 1 < s.size();
      bool folded = interior && should_fold(s[i - 1], s[i], s[i + 1]);
      Push(out, s[i].equal && !folded, s[i].del, s[i].ins);
    }
    return out;
  };
  std::vector<Segment> once = fold(in, [threshold](const Segment&, const Segment& e,
                                                   const Segment&) { return e.del < threshold; });
  return fold(once, [](const Segment& before, const Segment& e, const Segment& after) {
    int64_t around = int64_t{before.del} + before.ins + after.del + after.ins;
    return 2 * int64_t{e.del} < around;
  });
}

// Collects the runs, joining what belongs together. An equal run whose old side is empty (white
// space only in the new text with nothing equal beside it, or the other way round) cannot be
// an equality (empty old_text means "identical") and joins the change next to it instead.
class OpsBuilder {
 public:
  void Equal(std::string_view old_part, std::string_view new_part) {
    eq_old_ += old_part;
    eq_new_ += new_part;
  }
  void Delete(std::string_view s) {
    if (s.empty()) return;
    ResolveEqual();
    del_ += s;
  }
  void Insert(std::string_view s) {
    if (s.empty()) return;
    ResolveEqual();
    ins_ += s;
  }
  std::vector<DiffOp> Finish() {
    ResolveEqual();
    EmitChange();
    return std::move(ops_);
  }

 private:
  void ResolveEqual() {
    if (eq_old_.empty() || eq_new_.empty()) {
      del_ += eq_old_;
      ins_ += eq_new_;
    } else {
      EmitChange();
      DiffOp op{DiffOp::Kind::kEqual, std::move(eq_new_), {}};
      if (eq_old_ != op.text) op.old_text = std::move(eq_old_);
      ops_.push_back(std::move(op));
    }
    eq_old_.clear();
    eq_new_.clear();
  }
  void EmitChange() {
    if (!del_.empty()) ops_.push_back({DiffOp::Kind::kDelete, std::move(del_), {}});
    if (!ins_.empty()) ops_.push_back({DiffOp::Kind::kInsert, std::move(ins_), {}});
    del_.clear();
    ins_.clear();
  }

  std::string eq_old_, eq_new_, del_, ins_;
  std::vector<DiffOp> ops_;
};

// Turns the script over matched keys back into runs of the original bytes, placing the
// clusters that took no part in matching (ignored white space). White space before the first
// and after the last changed cluster of a change, on each side, stays with the equal text
// around it; white space between changed clusters is part of the change. When a change
// deletes nothing, the old white space of its gap goes with the equal text before it.
std::vector<DiffOp> Expand(const std::vector<Segment>& script, const Side& o, const Side& n) {
  OpsBuilder out;
  size_t i = 0, j = 0;  // Clusters emitted.
  size_t p = 0, q = 0;  // Keys consumed.
  for (const Segment& s : script) {
    if (s.equal) {
      size_t oe = o.at[p + s.del - 1] + 1, ne = n.at[q + s.ins - 1] + 1;
      out.Equal(o.Bytes(i, oe), n.Bytes(j, ne));
      i = oe;
      j = ne;
    } else {
      size_t of = p < o.at.size() ? o.at[p] : o.clusters();
      size_t nf = q < n.at.size() ? n.at[q] : n.clusters();
      size_t ol = s.del > 0 ? o.at[p + s.del - 1] + 1 : of;
      size_t nl = s.ins > 0 ? n.at[q + s.ins - 1] + 1 : nf;
      out.Equal(o.Bytes(i, of), n.Bytes(j, nf));
      out.Delete(o.Bytes(of, ol));
      out.Insert(n.Bytes(nf, nl));
      i = ol;
      j = nl;
    }
    p += s.del;
    q += s.ins;
  }
  out.Equal(o.Bytes(i, o.clusters()), n.Bytes(j, n.clusters()));
  return out.Finish();
}

// The code points of the NFKC text without white space.
std::vector<UChar32> Letters(std::string_view text) {
  std::string nfkc = NfkcUtf8(text);
  std::vector<UChar32> out;
  out.reserve(nfkc.size() / 2);
  int32_t len = static_cast<int32_t>(nfkc.size());
  for (int32_t i = 0; i < len;) {
    UChar32 c;
    U8_NEXT(nfkc.data(), i, len, c);
    if (c < 0) c = 0xFFFD;  // Ill-formed UTF-8.
    if (!IsWhiteSpace(c)) out.push_back(c);
  }
  return out;
}

// Sorted grams of code points packed in 21 bits each: bigrams, or unigrams when `unigrams`.
std::vector<uint64_t> Grams(const std::u32string& s, bool unigrams) {
  std::vector<uint64_t> g;
  if (unigrams) {
    g.assign(s.begin(), s.end());
  } else {
    g.reserve(s.size());
    for (size_t i = 1; i < s.size(); ++i) {
      g.push_back(static_cast<uint64_t>(s[i - 1]) << 21 | static_cast<uint64_t>(s[i]));
    }
  }
  std::sort(g.begin(), g.end());
  return g;
}

size_t Common(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b) {
  size_t common = 0;
  for (size_t i = 0, j = 0; i < a.size() && j < b.size();) {
    if (a[i] < b[j]) {
      ++i;
    } else if (b[j] < a[i]) {
      ++j;
    } else {
      ++common, ++i, ++j;
    }
  }
  return common;
}

}  // namespace

const char* DiffOpName(DiffOp::Kind kind) {
  switch (kind) {
    case DiffOp::Kind::kEqual:
      return "equal";
    case DiffOp::Kind::kInsert:
      return "insert";
    case DiffOp::Kind::kDelete:
      return "delete";
  }
  return "equal";
}

std::vector<DiffOp> DiffText(std::string_view old_text, std::string_view new_text,
                             const TextDiffOptions& options) {
  if (old_text == new_text) {
    if (old_text.empty()) return {};
    return {DiffOp{DiffOp::Kind::kEqual, std::string(new_text), {}}};
  }
  // Offsets and lengths are 32-bit: texts of 1 GiB or more are not compared, only reproduced.
  constexpr size_t kMaxBytes = size_t{1} << 30;
  if (old_text.size() >= kMaxBytes || new_text.size() >= kMaxBytes) {
    std::vector<DiffOp> ops;
    if (!old_text.empty()) ops.push_back({DiffOp::Kind::kDelete, std::string(old_text), {}});
    if (!new_text.empty()) ops.push_back({DiffOp::Kind::kInsert, std::string(new_text), {}});
    return ops;
  }
  KeyTable table(options.ignore_format);
  Side o(old_text, table);
  Side n(new_text, table);
  std::vector<Segment> script = EditScript(o, n, table.size(), options.max_edit_distance);
  return Expand(Cleanup(script, options.cleanup_threshold), o, n);
}

std::string OldText(const std::vector<DiffOp>& ops) {
  std::string out;
  for (const DiffOp& op : ops) {
    if (op.kind == DiffOp::Kind::kDelete) out += op.text;
    if (op.kind == DiffOp::Kind::kEqual) out += op.old_text.empty() ? op.text : op.old_text;
  }
  return out;
}

std::string NewText(const std::vector<DiffOp>& ops) {
  std::string out;
  for (const DiffOp& op : ops) {
    if (op.kind != DiffOp::Kind::kDelete) out += op.text;
  }
  return out;
}

BigramProfile::BigramProfile(std::string_view text) {
  for (UChar32 c : Letters(text)) letters_.push_back(static_cast<char32_t>(c));
  bigrams_ = Grams(letters_, /*unigrams=*/false);
}

double BigramProfile::Dice(const BigramProfile& o) const {
  if (letters_.empty() && o.letters_.empty()) return 1.0;
  if (letters_.empty() || o.letters_.empty()) return 0.0;
  // A single letter has no bigram: compare single letters then.
  if (letters_.size() < 2 || o.letters_.size() < 2) {
    std::vector<uint64_t> ga = Grams(letters_, true), gb = Grams(o.letters_, true);
    return 2.0 * static_cast<double>(Common(ga, gb)) / static_cast<double>(ga.size() + gb.size());
  }
  return 2.0 * static_cast<double>(Common(bigrams_, o.bigrams_)) /
         static_cast<double>(bigrams_.size() + o.bigrams_.size());
}

double BigramProfile::ContainedIn(const BigramProfile& o) const {
  if (bigrams_.empty()) return 0.0;
  return static_cast<double>(Common(bigrams_, o.bigrams_)) / static_cast<double>(bigrams_.size());
}

double TextSimilarity(std::string_view a, std::string_view b) {
  return BigramProfile(a).Dice(BigramProfile(b));
}

}  // namespace tokki
