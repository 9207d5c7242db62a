#include "diff/compare.h"

#include <re2/re2.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <numeric>
#include <unordered_map>

#include "check/segment.h"

namespace tokki {
namespace {

// Minimum similarity for two provisions to pair one to one.
constexpr double kPairSimilarity = 0.45;
// Minimum similarity of two headings for provisions rewritten under them to pair.
constexpr double kHeadingSimilarity = 0.7;
// Minimum share of a provision's bigrams found in another for a split or merge part.
constexpr double kPartContainment = 0.7;

std::string Joined(const std::vector<DiffUnit>& units, const std::vector<int>& idx) {
  std::string out;
  for (size_t k = 0; k < idx.size(); ++k) {
    if (k > 0) out += kUnitBreak;
    out += units[static_cast<size_t>(idx[k])].text;
  }
  return out;
}

// Groups of old and new indices, before classification.
struct Group {
  std::vector<int> from, to;
};

std::vector<Group> AlignByContent(const std::vector<DiffUnit>& from,
                                  const std::vector<DiffUnit>& to);

std::vector<Group> AlignByModule(const std::vector<DiffUnit>& from,
                                 const std::vector<DiffUnit>& to) {
  std::map<std::string, std::vector<int>> old_by, new_by;
  for (size_t i = 0; i < from.size(); ++i) old_by[from[i].group].push_back(static_cast<int>(i));
  for (size_t j = 0; j < to.size(); ++j) new_by[to[j].group].push_back(static_cast<int>(j));
  std::vector<Group> groups;
  for (const auto& [module, olds] : old_by) {
    auto it = new_by.find(module);
    if (it == new_by.end()) {
      for (int i : olds) groups.push_back({{i}, {}});
      continue;
    }
    const std::vector<int>& news = it->second;
    if (olds.size() == news.size()) {
      for (size_t k = 0; k < olds.size(); ++k) groups.push_back({{olds[k]}, {news[k]}});
    } else if (olds.size() == 1 || news.size() == 1) {
      groups.push_back({olds, news});
    } else {
      // n → m items of one module: pair by content within the module.
      std::vector<DiffUnit> a, b;
      for (int i : olds) a.push_back(from[static_cast<size_t>(i)]);
      for (int j : news) b.push_back(to[static_cast<size_t>(j)]);
      for (const Group& inner : AlignByContent(a, b)) {
        Group g;
        for (int i : inner.from) g.from.push_back(olds[static_cast<size_t>(i)]);
        for (int j : inner.to) g.to.push_back(news[static_cast<size_t>(j)]);
        groups.push_back(std::move(g));
      }
    }
  }
  for (const auto& [module, news] : new_by) {
    if (old_by.count(module) == 0) {
      for (int j : news) groups.push_back({{}, {j}});
    }
  }
  return groups;
}

std::vector<Group> AlignByContent(const std::vector<DiffUnit>& from,
                                  const std::vector<DiffUnit>& to) {
  const size_t n = from.size(), m = to.size();
  std::vector<BigramProfile> a(n), b(m);
  for (size_t i = 0; i < n; ++i) a[i] = BigramProfile(from[i].heading + from[i].text);
  for (size_t j = 0; j < m; ++j) b[j] = BigramProfile(to[j].heading + to[j].text);
  std::vector<int> old_group(n, -1), new_group(m, -1);
  std::vector<Group> groups;
  auto pair = [&](size_t i, size_t j) {
    old_group[i] = new_group[j] = static_cast<int>(groups.size());
    groups.push_back({{static_cast<int>(i)}, {static_cast<int>(j)}});
  };

  // 1. Identical texts, in order of appearance.
  std::unordered_map<std::u32string, std::vector<size_t>> by_key;
  for (size_t i = n; i-- > 0;) by_key[a[i].letters()].push_back(i);
  for (size_t j = 0; j < m; ++j) {
    auto it = by_key.find(b[j].letters());
    if (it == by_key.end() || it->second.empty()) continue;
    pair(it->second.back(), j);
    it->second.pop_back();
  }

  // 2. The most similar remaining pairs, one to one. Candidates: all pairs while the product
  // is small, else a window around each new unit's relative position.
  const bool full = n * m <= kMaxFullPairs;
  struct Candidate {
    double sim;
    size_t i, j;
  };
  std::vector<Candidate> candidates;
  for (size_t j = 0; j < m; ++j) {
    if (new_group[j] >= 0) continue;
    size_t lo = 0, hi = n;
    if (!full) {
      const auto centre = static_cast<int64_t>(m > 1 ? j * (n - 1) / (m - 1) : 0);
      lo = static_cast<size_t>(std::max<int64_t>(0, centre - kWindow));
      hi = static_cast<size_t>(std::min<int64_t>(static_cast<int64_t>(n), centre + kWindow + 1));
    }
    for (size_t i = lo; i < hi; ++i) {
      if (old_group[i] >= 0) continue;
      const double sim = a[i].Dice(b[j]);
      if (sim >= kPairSimilarity) candidates.push_back({sim, i, j});
    }
  }
  std::sort(candidates.begin(), candidates.end(), [](const Candidate& x, const Candidate& y) {
    if (x.sim != y.sim) return x.sim > y.sim;
    const auto dx = std::abs(static_cast<int64_t>(x.i) - static_cast<int64_t>(x.j));
    const auto dy = std::abs(static_cast<int64_t>(y.i) - static_cast<int64_t>(y.j));
    return dx != dy ? dx < dy : std::tie(x.j, x.i) < std::tie(y.j, y.i);
  });
  for (const Candidate& c : candidates) {
    if (old_group[c.i] < 0 && new_group[c.j] < 0) pair(c.i, c.j);
  }

  auto near = [&](size_t x, size_t count_x, size_t y, size_t count_y) {
    if (full) return true;
    const auto centre = static_cast<int64_t>(count_x > 1 ? x * (count_y - 1) / (count_x - 1) : 0);
    return std::abs(centre - static_cast<int64_t>(y)) <= kWindow;
  };
  // 2b. Provisions rewritten beyond recognition keep their heading: unpaired old and new
  // provisions with similar headings pair, in order (2017 item 15 「監査」, 2023 item 24
  // 「監査」).
  for (size_t j = 0; j < m; ++j) {
    if (new_group[j] >= 0 || to[j].heading.empty()) continue;
    const BigramProfile hj(to[j].heading);
    for (size_t i = 0; i < n; ++i) {
      if (old_group[i] >= 0 || from[i].heading.empty() || !near(j, m, i, n)) continue;
      if (BigramProfile(from[i].heading).Dice(hj) >= kHeadingSimilarity) {
        pair(i, j);
        break;
      }
    }
  }

  // 3. Splits: an unpaired new provision whose text lies mostly inside an old one joins that
  // old provision's group, if the group has one old provision. 4. Merges, the reverse.
  for (size_t j = 0; j < m; ++j) {
    if (new_group[j] >= 0) continue;
    double best = kPartContainment;
    size_t best_i = n;
    for (size_t i = 0; i < n; ++i) {
      if (!near(j, m, i, n)) continue;
      if (old_group[i] >= 0 && groups[static_cast<size_t>(old_group[i])].from.size() != 1) continue;
      const double c = b[j].ContainedIn(a[i]);
      if (c > best) best = c, best_i = i;
    }
    if (best_i == n) continue;
    if (old_group[best_i] < 0) {
      pair(best_i, j);
    } else {
      Group& g = groups[static_cast<size_t>(old_group[best_i])];
      g.to.push_back(static_cast<int>(j));
      std::sort(g.to.begin(), g.to.end());
      new_group[j] = old_group[best_i];
    }
  }
  for (size_t i = 0; i < n; ++i) {
    if (old_group[i] >= 0) continue;
    double best = kPartContainment;
    size_t best_j = m;
    for (size_t j = 0; j < m; ++j) {
      if (!near(i, n, j, m)) continue;
      if (new_group[j] < 0 || groups[static_cast<size_t>(new_group[j])].to.size() != 1) continue;
      const double c = a[i].ContainedIn(b[j]);
      if (c > best) best = c, best_j = j;
    }
    if (best_j == m) continue;
    Group& g = groups[static_cast<size_t>(new_group[best_j])];
    g.from.push_back(static_cast<int>(i));
    std::sort(g.from.begin(), g.from.end());
    old_group[i] = new_group[best_j];
  }

  // 4b. A provision alone under its heading that became several under that heading (or the
  // reverse): the unpaired neighbours sharing the heading of a paired provision join its pair.
  // 2017 item 15 (監査) against 2020 items 15-17 (監査等) is one split although items 15 and 16
  // are new text. Not when the old heading already held several provisions (a paragraph added
  // to an article is an addition).
  auto alone = [](const std::vector<DiffUnit>& units, size_t k) {
    const std::string& h = units[k].heading;
    return !h.empty() && (k == 0 || units[k - 1].heading != h) &&
           (k + 1 == units.size() || units[k + 1].heading != h);
  };
  auto similar_headings = [](const std::string& x, const std::string& y) {
    return !x.empty() && !y.empty() && BigramProfile(x).Dice(BigramProfile(y)) >= 0.5;
  };
  for (bool grew = true; grew;) {
    grew = false;
    for (size_t j = 0; j < m; ++j) {
      if (new_group[j] >= 0 || to[j].heading.empty()) continue;
      for (size_t nb : {j - 1, j + 1}) {  // j - 1 wraps past 0 to SIZE_MAX: out of range.
        if (nb >= m || new_group[nb] < 0 || to[nb].heading != to[j].heading) continue;
        Group& g = groups[static_cast<size_t>(new_group[nb])];
        if (g.from.size() != 1) continue;
        const auto i = static_cast<size_t>(g.from.front());
        if (!alone(from, i) || !similar_headings(from[i].heading, to[j].heading)) continue;
        g.to.push_back(static_cast<int>(j));
        std::sort(g.to.begin(), g.to.end());
        new_group[j] = new_group[nb];
        grew = true;
        break;
      }
    }
    for (size_t i = 0; i < n; ++i) {
      if (old_group[i] >= 0 || from[i].heading.empty()) continue;
      for (size_t nb : {i - 1, i + 1}) {
        if (nb >= n || old_group[nb] < 0 || from[nb].heading != from[i].heading) continue;
        Group& g = groups[static_cast<size_t>(old_group[nb])];
        if (g.to.size() != 1) continue;
        const auto j = static_cast<size_t>(g.to.front());
        if (!alone(to, j) || !similar_headings(from[i].heading, to[j].heading)) continue;
        g.from.push_back(static_cast<int>(i));
        std::sort(g.from.begin(), g.from.end());
        old_group[i] = old_group[nb];
        grew = true;
        break;
      }
    }
  }

  // 5. What is left was removed or added.
  for (size_t i = 0; i < n; ++i) {
    if (old_group[i] < 0) groups.push_back({{static_cast<int>(i)}, {}});
  }
  for (size_t j = 0; j < m; ++j) {
    if (new_group[j] < 0) groups.push_back({{}, {static_cast<int>(j)}});
  }
  return groups;
}

// Orders pairs by the new version, each removed pair after the pair holding the old unit
// before it; marks as moved the pairs outside the longest run in old order.
void OrderPairs(std::vector<DiffPair>* pairs, size_t old_count) {
  std::vector<int> pair_of_old(old_count, -1);
  for (size_t k = 0; k < pairs->size(); ++k) {
    for (int i : (*pairs)[k].from) pair_of_old[static_cast<size_t>(i)] = static_cast<int>(k);
  }
  struct Key {
    int new_pos, removed, old_pos;
    bool operator<(const Key& o) const {
      return std::tie(new_pos, removed, old_pos) < std::tie(o.new_pos, o.removed, o.old_pos);
    }
  };
  std::vector<Key> keys(pairs->size());
  for (size_t k = 0; k < pairs->size(); ++k) {
    const DiffPair& p = (*pairs)[k];
    if (!p.to.empty()) {
      keys[k] = {p.to.front(), 0, p.from.empty() ? -1 : p.from.front()};
      continue;
    }
    int anchor = -1;
    for (int i = p.from.front() - 1; i >= 0 && anchor < 0; --i) {
      const int q = pair_of_old[static_cast<size_t>(i)];
      if (q >= 0 && !(*pairs)[static_cast<size_t>(q)].to.empty()) {
        anchor = (*pairs)[static_cast<size_t>(q)].to.back();
      }
    }
    keys[k] = {anchor, 1, p.from.front()};
  }
  std::vector<size_t> order(pairs->size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t x, size_t y) { return keys[x] < keys[y]; });
  std::vector<DiffPair> sorted;
  for (size_t k : order) sorted.push_back(std::move((*pairs)[k]));
  *pairs = std::move(sorted);

  // Longest increasing subsequence of old positions among pairs with both sides.
  std::vector<size_t> both;
  for (size_t k = 0; k < pairs->size(); ++k) {
    if (!(*pairs)[k].from.empty() && !(*pairs)[k].to.empty()) both.push_back(k);
  }
  std::vector<size_t> tails, prev(both.size(), SIZE_MAX), tail_idx;
  for (size_t t = 0; t < both.size(); ++t) {
    const int v = (*pairs)[both[t]].from.front();
    size_t pos =
        static_cast<size_t>(std::lower_bound(tails.begin(), tails.end(), v,
                                             [&](size_t idx, int value) {
                                               return (*pairs)[both[idx]].from.front() < value;
                                             }) -
                            tails.begin());
    if (pos > 0) prev[t] = tails[pos - 1];
    if (pos == tails.size()) {
      tails.push_back(t);
    } else {
      tails[pos] = t;
    }
  }
  std::vector<bool> in_order(both.size(), false);
  for (size_t t = tails.empty() ? SIZE_MAX : tails.back(); t != SIZE_MAX; t = prev[t]) {
    in_order[t] = true;
  }
  for (size_t t = 0; t < both.size(); ++t) (*pairs)[both[t]].moved = !in_order[t];
}

// A document provision's number at the start of its text: 第3条, 3 (followed by a space),
// 3., (3), ①. A bare number must be followed by a space or a point, so that 「2023年…」 or
// 「30日以内に…」 keep their digits.
const RE2& LeadingNumber() {
  static const RE2 re(
      R"(^\s*(第\s*[0-9０-９〇一二三四五六七八九十百千]+\s*条(?:の[0-9０-９一二三四五六七八九十]+)?)"
      R"(|[0-9０-９]{1,3}[.．、]|[0-9０-９]{1,3}[ \t　]|[(（][0-9０-９]{1,3}[)）]|[①-⑳])[ \t　]*)");
  return re;
}

}  // namespace

const char* ChangeName(DiffPair::Change change) {
  switch (change) {
    case DiffPair::Change::kSame:
      return "same";
    case DiffPair::Change::kModified:
      return "modified";
    case DiffPair::Change::kAdded:
      return "added";
    case DiffPair::Change::kRemoved:
      return "removed";
    case DiffPair::Change::kSplit:
      return "split";
    case DiffPair::Change::kMerged:
      return "merged";
  }
  return "modified";
}

Comparison Compare(const DiffVersion& from, const DiffVersion& to, const CompareOptions& options) {
  Comparison out;
  out.from_name = from.name;
  out.to_name = to.name;
  out.from = from.units;
  out.to = to.units;
  auto grouped = [](const std::vector<DiffUnit>& units) {
    return !units.empty() && std::all_of(units.begin(), units.end(),
                                         [](const DiffUnit& u) { return !u.group.empty(); });
  };
  const std::vector<Group> groups = grouped(from.units) && grouped(to.units)
                                        ? AlignByModule(from.units, to.units)
                                        : AlignByContent(from.units, to.units);
  for (const Group& g : groups) {
    DiffPair p;
    p.from = g.from;
    p.to = g.to;
    const std::string old_text = Joined(from.units, g.from);
    const std::string new_text = Joined(to.units, g.to);
    p.ops = DiffText(old_text, new_text, options.text);
    const std::string old_heading =
        g.from.empty() ? "" : from.units[static_cast<size_t>(g.from.front())].heading;
    const std::string new_heading =
        g.to.empty() ? "" : to.units[static_cast<size_t>(g.to.front())].heading;
    if (!old_heading.empty() || !new_heading.empty()) {
      p.heading_ops = DiffText(old_heading, new_heading, options.text);
    }
    auto changed = [](const std::vector<DiffOp>& ops) {
      return std::any_of(ops.begin(), ops.end(),
                         [](const DiffOp& op) { return op.kind != DiffOp::Kind::kEqual; });
    };
    p.heading_changed = !g.from.empty() && !g.to.empty() && changed(p.heading_ops);
    if (g.to.empty()) {
      p.change = DiffPair::Change::kRemoved;
    } else if (g.from.empty()) {
      p.change = DiffPair::Change::kAdded;
    } else if (g.to.size() > 1) {
      p.change = DiffPair::Change::kSplit;
    } else if (g.from.size() > 1) {
      p.change = DiffPair::Change::kMerged;
    } else if (changed(p.ops) || p.heading_changed) {
      p.change = DiffPair::Change::kModified;
    } else {
      p.change = DiffPair::Change::kSame;
    }
    out.pairs.push_back(std::move(p));
  }
  OrderPairs(&out.pairs, from.units.size());
  return out;
}

DiffVersion VersionFromAnnex(const Annex& annex, const std::string& name, bool headings_in_force) {
  DiffVersion v;
  v.name = name;
  std::string in_force;
  for (const AnnexItem& item : annex.items) {
    if (!item.heading.empty()) in_force = item.heading;
    DiffUnit u;
    u.n = item.number;
    u.label = std::to_string(item.number);
    u.heading = headings_in_force ? in_force : item.heading;
    u.text = item.PrintedText();
    u.group = item.module;
    v.units.push_back(std::move(u));
  }
  return v;
}

DiffVersion VersionFromDocument(const Document& doc, const std::string& name) {
  DiffVersion v;
  v.name = name;
  for (const Provision& p : SegmentProvisions(doc)) {
    DiffUnit u;
    u.n = static_cast<int>(v.units.size()) + 1;
    u.heading = p.heading;
    re2::StringPiece text(p.text);
    std::string label;
    if (RE2::Consume(&text, LeadingNumber(), &label)) {
      while (!label.empty() && (label.back() == ' ' || label.back() == '\t')) label.pop_back();
      if (label.size() >= 3 && label.compare(label.size() - 3, 3, "　") == 0)
        label.resize(label.size() - 3);
      u.label = label;
    }
    std::string rest(text.data(), text.size());
    // An article's own heading right after its number: 第3条（秘密の保持）乙は…
    if (!p.heading.empty()) {
      for (const auto& [open, close] : {std::pair{"（", "）"}, std::pair{"(", ")"},
                                        std::pair{"【", "】"}, std::pair{"〔", "〕"}}) {
        const std::string bracketed = std::string(open) + p.heading + close;
        if (rest.compare(0, bracketed.size(), bracketed) == 0) {
          rest.erase(0, bracketed.size());
          break;
        }
      }
      rest.erase(0, std::min(rest.size(), rest.find_first_not_of(" \t")));
    }
    u.text = rest;
    v.units.push_back(std::move(u));
  }
  return v;
}

}  // namespace tokki
