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
#include <cstring>
#include <limits>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace tokki {
namespace {

// Myers' search costs one unit per diagonal visited and per element compared along a snake,
// 1.5-3 ns each (Myers::Step): 2^23 units is 15-25 ms on this project's VM.
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

// Byte offsets of the grapheme cluster boundaries of `text`: 0, ..., text.size(). `single`
// gets one entry per cluster: its code point when the cluster is known to be one simple code
// point (most are), else -1.
std::vector<uint32_t> ClusterBounds(std::string_view text, std::vector<UChar32>& single) {
  std::vector<uint32_t> bounds;
  bounds.reserve(text.size() / 3 + 2);
  single.reserve(text.size() / 3 + 1);
  bounds.push_back(0);
  const int32_t len = static_cast<int32_t>(text.size());
  // `start` is the last boundary known; `unsure` when a code point since then might join.
  int32_t start = 0;
  bool unsure = false, prev_simple = false;
  UChar32 prev = -1;
  for (int32_t i = 0; i <= len;) {
    UChar32 c = -1;
    int32_t next = i;
    if (i < len) U8_NEXT(text.data(), next, len, c);
    bool simple = IsSimple(c);
    if (i == len || (prev_simple && simple)) {  // A boundary for sure at i.
      if (i > start) {
        if (unsure) {
          size_t before = bounds.size();
          IcuBounds(text, start, i, bounds);
          single.resize(single.size() + (bounds.size() - before), -1);
        } else {
          // Not unsure: text[start, i) is the one code point before i.
          bounds.push_back(static_cast<uint32_t>(i));
          single.push_back(prev);
        }
      }
      start = i;
      unsure = false;
    } else if (i > start || !simple) {
      unsure = true;
    }
    prev_simple = simple;
    prev = c;
    if (i == len) break;
    i = next;
  }
  return bounds;
}

// Cluster → comparison key id, shared by both texts of one DiffText call. With ignore_format
// the key is the cluster's NFKC form and white space has none (-1); otherwise the bytes. Ids
// count from 0 in the order the keys are first met.
class KeyTable {
 public:
  explicit KeyTable(bool ignore_format)
      : ignore_format_(ignore_format), cache_(Cache(ignore_format)) {
    // Entries of earlier calls on this thread are stale from here on.
    if (++cache_.generation == 0) {
      std::fill(cache_.stamp.begin(), cache_.stamp.end(), 0);
      cache_.generation = 1;
    }
  }

  // `cluster` must outlive the table (it points into the texts being compared); `c` is its
  // code point when it is known to be one, else -1.
  int32_t Key(std::string_view cluster, UChar32 c = -1) {
    // Most clusters are one BMP code point: looked up by code point, not hashed as bytes.
    if (c < 0 && cluster.size() <= 3) {
      int32_t i = 0, len = static_cast<int32_t>(cluster.size());
      U8_NEXT(cluster.data(), i, len, c);
      if (i != len) c = -1;
    }
    if (c >= 0 && c < 0x10000) {
      int32_t global = cache_.by_code_point[c];
      if (global == kUnknown) global = cache_.by_code_point[c] = Intern(cluster);
      return Local(global);
    }
    auto [it, added] = by_bytes_.try_emplace(cluster, -1);
    if (added) it->second = KeyOfOther(cluster);
    return it->second;
  }
  int32_t size() const { return next_id_; }

 private:
  static constexpr int32_t kUnknown = -2, kBlank = -1;

  // Per thread and mode, kept from call to call (what NFKC makes of a code point never
  // changes): the key of every BMP code point met gets a global id (or kBlank), at most 64K of
  // them. A call numbers the global ids in the order it meets them: an entry of `local` counts
  // only when its stamp is the call's generation, so that a call need not clear anything.
  struct KeyCache {
    std::unordered_map<std::string, int32_t> ids;  // Key → global id.
    std::vector<int32_t> by_code_point = std::vector<int32_t>(0x10000, kUnknown);
    std::vector<int32_t> local;
    std::vector<uint32_t> stamp;
    uint32_t generation = 0;
  };
  static KeyCache& Cache(bool ignore_format) {
    thread_local KeyCache caches[2];
    return caches[ignore_format ? 1 : 0];
  }

  // The key string of a cluster, false for white space under ignore_format.
  bool KeyString(std::string_view cluster, std::string* key) const {
    if (!ignore_format_) {
      key->assign(cluster);
      return true;
    }
    *key = NfkcUtf8(cluster);
    return !IsBlank(*key);
  }

  // The global id of the key of a BMP code point (`cluster`: its bytes), or kBlank.
  int32_t Intern(std::string_view cluster) {
    std::string key;
    if (!KeyString(cluster, &key)) return kBlank;
    auto [it, added] =
        cache_.ids.try_emplace(std::move(key), static_cast<int32_t>(cache_.ids.size()));
    if (added) {
      // A cluster met earlier in this call may have had the same key (ｶﾞ before ガ).
      auto same = by_key_.find(it->first);
      bool met = same != by_key_.end();
      cache_.local.push_back(met ? same->second : 0);
      cache_.stamp.push_back(met ? cache_.generation : 0);
    }
    return it->second;
  }

  // This call's id of a global id.
  int32_t Local(int32_t global) {
    if (global == kBlank) return -1;
    if (cache_.stamp[global] != cache_.generation) {
      cache_.stamp[global] = cache_.generation;
      cache_.local[global] = next_id_++;
    }
    return cache_.local[global];
  }

  // The id of a cluster not looked up by code point: through the global id when a code point
  // has the same key, else by key for this call only.
  int32_t KeyOfOther(std::string_view cluster) {
    std::string key;
    if (!KeyString(cluster, &key)) return -1;
    auto global = cache_.ids.find(key);
    if (global != cache_.ids.end()) return Local(global->second);
    auto [it, added] = by_key_.try_emplace(std::move(key), next_id_);
    if (added) ++next_id_;
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
  KeyCache& cache_;
  int32_t next_id_ = 0;
  // This call's clusters not looked up by code point → id, and the keys of those that no code
  // point had when they were met → id.
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

  Side(std::string_view t, KeyTable& table) : text(t) {
    std::vector<UChar32> single;
    bounds = ClusterBounds(t, single);
    size_t n = bounds.size() - 1;
    keys.reserve(n);
    at.reserve(n);
    lines.push_back(0);
    for (size_t c = 0; c < n; ++c) {
      std::string_view cluster = text.substr(bounds[c], bounds[c + 1] - bounds[c]);
      int32_t k = table.Key(cluster, single[c]);
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

// The length of the common prefix of a[x, x + limit) and b[y, y + limit), two keys at a
// time: Myers' search follows many short snakes. Out of line: rarely called from a hot loop.
[[gnu::noinline]] int64_t CommonPrefix(const int32_t* a, const int32_t* b, int64_t x, int64_t y,
                                       int64_t limit) {
  const int32_t* p = a + x;
  const int32_t* q = b + y;
  int64_t s = 0;
  for (; s + 2 <= limit; s += 2) {
    uint64_t u, v;
    std::memcpy(&u, p + s, sizeof u);
    std::memcpy(&v, q + s, sizeof v);
    if (u != v) return p[s] == q[s] ? s + 1 : s;
  }
  if (s < limit && p[s] == q[s]) ++s;
  return s;
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
    const int32_t n = a1 - a0, m = b1 - b0;
    // Paths meet after at most ceil((n + m) / 2) edits each; past max_d / 2 + 1 each, the
    // edit distance exceeds max_d.
    const int32_t d_limit = std::min<int32_t>((n + m + 1) / 2, max_d_ / 2 + 1);
    const int32_t delta = n - m;
    const bool odd = (delta & 1) != 0;  // Then the forward pass detects the meeting.
    // Furthest x reached on each diagonal k = x - y (forward) and on each diagonal of the
    // reversed texts (reverse), -1 where none yet. Passes visit k in [-d_limit, d_limit], and
    // diagonal k of one is diagonal delta - k of the other: when these ranges overlap (or
    // delta - k is 1, whose entries start at 0), the arrays also cover
    // [delta - d_limit, delta + d_limit] (entries never visited stay -1), so that the meeting
    // test needs no bounds check; otherwise the paths cannot meet and it is not made.
    const int64_t abs_delta = delta < 0 ? -int64_t{delta} : delta;
    const bool can_meet = abs_delta <= 2 * int64_t{d_limit} + 2;
    const int64_t off = d_limit + 1 + (can_meet ? abs_delta : 0);
    fwd_.assign(2 * off + 1, -1);
    rev_.assign(2 * off + 1, -1);
    if (a_rev_.size() != a_.size() || b_rev_.size() != b_.size()) {
      a_rev_.assign(a_.rbegin(), a_.rend());
      b_rev_.assign(b_.rbegin(), b_.rend());
    }
    // The reverse pass runs forward over the reversed texts: element x of them is a[n - 1 - x].
    Pass fwd{a_.data() + a0, b_.data() + b0, fwd_.data() + off};
    Pass rev{a_rev_.data() + (a_.size() - a1), b_rev_.data() + (b_.size() - b1), rev_.data() + off};
    fwd.v[1] = 0;
    rev.v[1] = 0;
    for (int32_t d = 0; d < d_limit; ++d) {
      if (work_ > budget_) return false;
      int32_t k = can_meet && odd ? Step<true>(fwd, rev.v, d, n, m, delta, work_)
                                  : Step<false>(fwd, rev.v, d, n, m, delta, work_);
      if (k != kNone) {
        const int32_t x = fwd.v[k];
        return Split(x, x - k, n, m, split_x, split_y);
      }
      k = can_meet && !odd ? Step<true>(rev, fwd.v, d, n, m, delta, work_)
                           : Step<false>(rev, fwd.v, d, n, m, delta, work_);
      if (k != kNone) {
        const int32_t x = fwd.v[delta - k];
        return Split(x, x - (delta - k), n, m, split_x, split_y);
      }
    }
    return false;
  }

  // One direction of Bisect: the texts as it sees them, its furthest x by diagonal, and how
  // far each end of its range of diagonals has moved in (diagonals that ran off the edit
  // graph are not visited again).
  struct Pass {
    const int32_t* a;
    const int32_t* b;
    int32_t* v;
    int32_t lo = 0, hi = 0;
  };

  // Extends the paths of `p` with edit d on every diagonal, adding the units spent to `work`.
  // With kMeet, returns the first diagonal k on which the path reaches the other pass's path
  // on diagonal delta - k (x + other[delta - k] >= n), else kNone. 64-bit locals: they index.
  template <bool kMeet>
  [[gnu::noinline]] static int32_t Step(Pass& p, const int32_t* other, int32_t d, int32_t n32,
                                        int32_t m32, int32_t delta, int64_t& work) {
    const int32_t* const a = p.a;
    const int32_t* const b = p.b;
    int32_t* const v = p.v;
    const int64_t n = n32, m = m32;
    const int64_t first = -int64_t{d} + p.lo;
    int64_t end = int64_t{d} - p.hi;
    int64_t k = first;
    int64_t snakes = 0;
    // Diagonal k continues from k + 1 (down) when that reached further or k is the lowest
    // diagonal, else from k - 1 (right), so max(v[k - 1] + 1, v[k + 1]) with v[k - 1] taken
    // as kFar for the lowest; v[d + 1] is still -1 for the highest. The v[k + 1] of one
    // diagonal is the v[k - 1] of the next (one step writes diagonals of one parity only).
    int64_t left = k == -d ? kFar : v[k - 1];
    int32_t found = kNone;
    for (; k <= end; k += 2) {
      const int64_t right = v[k + 1];
      int64_t x = std::max(left + 1, right);
      left = right;
      // x < n and y < m: a snake may follow (rarely does), and x, y stay within the graph.
      if (x < n && x < m + k) {
        if (a[x] == b[x - k]) [[unlikely]] {
          const int64_t s = CommonPrefix(a, b, x, x - k, std::min(n, m + k) - x);
          x += s;
          snakes += s;
        }
      } else if (x > n) {
        v[k] = static_cast<int32_t>(x);
        end -= 2;
        p.hi += 2;
        continue;
      } else if (x > m + k) {
        v[k] = static_cast<int32_t>(x);
        p.lo += 2;
        continue;
      }
      v[k] = static_cast<int32_t>(x);
      if (kMeet && x + other[delta - k] >= n) {  // -1 (none yet) never passes: x <= n.
        found = static_cast<int32_t>(k);
        k += 2;
        break;
      }
    }
    // One unit per diagonal visited and per key compared equal along a snake.
    work += (k - first) / 2 + snakes;
    return found;
  }

  static constexpr int32_t kNone = std::numeric_limits<int32_t>::min();
  // Below every x: the diagonal under the lowest one visited never extends.
  static constexpr int32_t kFar = -(int32_t{1} << 30);

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
  std::vector<int32_t> a_rev_, b_rev_;  // a_ and b_ reversed, made by the first search.
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
