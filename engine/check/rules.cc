#include "check/rules.h"

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstring>
#include <map>
#include <mutex>
#include <sstream>
#include <thread>
#include <unordered_map>

#include <pthread.h>
#include <re2/filtered_re2.h>
#include <sched.h>

#include "base/file.h"
#include "check/match_cache.h"
#include "xml/xml.h"

namespace tokki {
namespace {

int LineOf(const xmlNode* n) { return static_cast<int>(xmlGetLineNo(n)); }

std::vector<std::string> Split(const std::string& s) {
  std::istringstream in(s);
  std::vector<std::string> out;
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

RE2::Options PatternOptions() {
  RE2::Options o;
  o.set_log_errors(false);
  o.set_max_mem(64 << 20);
  return o;
}

bool Contains(const std::vector<std::string>& v, const std::string& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

}  // namespace

int RuleCategory::ElementIndex(const std::string& id) const {
  for (size_t i = 0; i < elements.size(); ++i) {
    if (elements[i].id == id) return static_cast<int>(i);
  }
  return -1;
}

// A pattern of a set: its source, and its RE2 once compiled. When the skeleton is the pattern
// itself, FilteredRE2's RE2 serves and nothing more is compiled.
struct PatternSet::Lazy {
  std::string added;                 // The pattern as added.
  std::string source;                // What is compiled: `added`, or its compact form.
  std::string skeleton;              // Skeleton(source).
  const RE2* skeleton_re = nullptr;  // Its skeleton, in a shard's filter (after Compile).
  mutable std::atomic<const RE2*> re{nullptr};
  mutable std::unique_ptr<RE2> owned;
  mutable std::mutex mu;
};

// Part of a set's patterns under one FilteredRE2, built on a thread of its own.
struct PatternSet::Shard {
  re2::FilteredRE2 filter{0};
  std::vector<int> patterns;  // The set's index of each of the filter's patterns.
  std::vector<std::string> atoms;
  int bad = -1;  // The first pattern that failed (the set's index), and why.
  std::string error;
};

PatternSet::PatternSet() = default;
PatternSet::~PatternSet() = default;

std::string PatternSet::Skeleton(const std::string& pattern) {
  std::string out;
  out.reserve(pattern.size());
  bool in_class = false;
  for (size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c == '\\' && i + 1 < pattern.size()) {  // An escape: copied as it is.
      out += c;
      out += pattern[++i];
      continue;
    }
    if (in_class) {
      if (c == ']') in_class = false;
      out += c;
      continue;
    }
    if (c == '[') {
      in_class = true;
      out += c;
      // A ] right after [ or [^ is a member, not the end.
      if (i + 1 < pattern.size() && pattern[i + 1] == '^') out += pattern[++i];
      if (i + 1 < pattern.size() && pattern[i + 1] == ']') out += pattern[++i];
      continue;
    }
    if (c == '{') {
      // {m,n} with both bounds: widened. {n} and {m,} are kept; anything else is a literal.
      size_t j = i + 1;
      auto digits = [&] {
        size_t from = j;
        while (j < pattern.size() && pattern[j] >= '0' && pattern[j] <= '9') ++j;
        return pattern.substr(from, j - from);
      };
      std::string low = digits();
      if (!low.empty() && j < pattern.size() && pattern[j] == ',') {
        ++j;
        std::string high = digits();
        if (!high.empty() && j < pattern.size() && pattern[j] == '}') {
          out +=
              low.find_first_not_of('0') == std::string::npos ? std::string("*") : "{" + low + ",}";
          i = j;
          continue;
        }
      }
    }
    out += c;
  }
  return out;
}

int PatternSet::Add(const std::string& pattern, std::string* error) {
  std::string source = pattern;
  if (alphabet_ != nullptr) {
    std::optional<std::string> rewritten = alphabet_->Pattern(pattern);
    if (!rewritten) {
      *error = "cannot be matched in compact form";
      return -1;
    }
    source = std::move(*rewritten);
  }
  auto lazy = std::make_unique<Lazy>();
  lazy->added = pattern;
  lazy->skeleton = Skeleton(source);
  lazy->source = std::move(source);
  patterns_.push_back(std::move(lazy));
  return size() - 1;
}

bool PatternSet::Compile(std::string* error, int* bad) {
  // Two shards of about the same length of source, where there are enough patterns for a
  // second thread to pay (the shipped headings are 23 short ones).
  const size_t count = size() >= 32 ? 2 : 1;
  shards_.clear();
  for (size_t k = 0; k < count; ++k) shards_.push_back(std::make_unique<Shard>());
  std::vector<int> order(patterns_.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int>(i);
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
    return patterns_[static_cast<size_t>(a)]->source.size() >
           patterns_[static_cast<size_t>(b)]->source.size();
  });
  std::vector<size_t> load(count, 0);
  for (int p : order) {
    const size_t k = static_cast<size_t>(std::min_element(load.begin(), load.end()) - load.begin());
    shards_[k]->patterns.push_back(p);
    load[k] += patterns_[static_cast<size_t>(p)]->source.size();
  }
  // Each shard in the set's order: its first bad pattern is its lowest.
  for (auto& shard : shards_) std::sort(shard->patterns.begin(), shard->patterns.end());
  auto build = [this](Shard& shard) {
    for (int p : shard.patterns) {
      const Lazy& lazy = *patterns_[static_cast<size_t>(p)];
      const std::string& skeleton = lazy.skeleton;
      // Each pattern is parsed now, so that its errors are reported at load. A pattern that
      // is its own skeleton is compiled by filter.Add just below, which reports them. Any
      // other is parsed alone: the skeleton could be valid where it is not (a repetition
      // past RE2's limit). With a memory budget smaller than an empty program (but not 0 or
      // 1, which RE2 reads as "the default"), RE2 parses the pattern and gives up at once
      // when compiling it: ErrorPatternTooLarge then means the parse succeeded. This costs
      // about 1 % of a compilation.
      if (skeleton != lazy.source) {
        RE2::Options parse_only = PatternOptions();
        parse_only.set_max_mem(16);
        RE2 parsed(lazy.added, parse_only);
        if (!parsed.ok() && parsed.error_code() != RE2::ErrorPatternTooLarge) {
          shard.bad = p;
          shard.error = parsed.error();
          return;
        }
      }
      int id = -1;
      if (shard.filter.Add(skeleton, PatternOptions(), &id) != RE2::NoError) {
        // The message of the pattern as added, not of its rewritten skeleton.
        RE2 re(skeleton == lazy.source ? lazy.added : Skeleton(lazy.added), PatternOptions());
        shard.bad = p;
        shard.error = re.error();
        return;
      }
    }
    if (!shard.patterns.empty()) shard.filter.Compile(&shard.atoms);
  };
  std::thread second;
  if (count > 1) second = std::thread(build, std::ref(*shards_[1]));
  build(*shards_[0]);
  if (second.joinable()) second.join();
  // The first bad pattern of the set, as one thread would have found it.
  const Shard* failed = nullptr;
  for (const auto& shard : shards_) {
    if (shard->bad >= 0 && (failed == nullptr || shard->bad < failed->bad)) failed = shard.get();
  }
  if (failed != nullptr) {
    if (error != nullptr) *error = failed->error;
    if (bad != nullptr) *bad = failed->bad;
    return false;
  }
  // One atom matcher over every shard's atoms (each once), and which shard atoms each is.
  std::vector<std::string> atoms;
  std::unordered_map<std::string, int> atom_index;
  atom_refs_.clear();
  for (size_t k = 0; k < shards_.size(); ++k) {
    for (size_t a = 0; a < shards_[k]->atoms.size(); ++a) {
      auto [it, added] = atom_index.emplace(shards_[k]->atoms[a], static_cast<int>(atoms.size()));
      if (added) {
        atoms.push_back(shards_[k]->atoms[a]);
        atom_refs_.emplace_back();
      }
      atom_refs_[static_cast<size_t>(it->second)].emplace_back(static_cast<int>(k),
                                                               static_cast<int>(a));
    }
  }
  if (!atoms.empty()) atoms_ = std::make_unique<AtomMatcher>(atoms, alphabet_ != nullptr);
  // FilteredRE2 holds the skeletons; a pattern that is its own skeleton uses that RE2.
  for (const auto& shard : shards_) {
    for (size_t id = 0; id < shard->patterns.size(); ++id) {
      Lazy& lazy = *patterns_[static_cast<size_t>(shard->patterns[id])];
      lazy.skeleton_re = &shard->filter.GetRE2(static_cast<int>(id));
      if (lazy.skeleton_re->pattern() == lazy.source) {
        lazy.re.store(lazy.skeleton_re, std::memory_order_release);
      }
    }
  }
  return true;
}

void PatternSet::Potentials(std::string_view text, std::vector<int>* found,
                            std::vector<std::vector<int>>* by_shard,
                            std::vector<int>* potentials) const {
  found->clear();
  potentials->clear();
  if (atoms_ != nullptr) atoms_->Find(text, found);
  by_shard->resize(shards_.size());
  for (auto& v : *by_shard) v.clear();
  for (int a : *found) {
    for (const auto& [k, local] : atom_refs_[static_cast<size_t>(a)]) {
      (*by_shard)[static_cast<size_t>(k)].push_back(local);
    }
  }
  std::vector<int> ids;
  for (size_t k = 0; k < shards_.size(); ++k) {
    const Shard& shard = *shards_[k];
    if (shard.patterns.empty()) continue;
    ids.clear();
    shard.filter.AllPotentials((*by_shard)[k], &ids);
    for (int id : ids) potentials->push_back(shard.patterns[static_cast<size_t>(id)]);
  }
  std::sort(potentials->begin(), potentials->end());
}

namespace {

// Compiles a pattern; its mutex is held.
const RE2& CompileLocked(const PatternSet::Lazy& p) {
  if (const RE2* re = p.re.load(std::memory_order_relaxed)) return *re;
  p.owned = std::make_unique<RE2>(p.source, PatternOptions());
  p.re.store(p.owned.get(), std::memory_order_release);
  return *p.owned;
}

}  // namespace

const RE2& PatternSet::pattern(int i) const {
  const Lazy& p = *patterns_[static_cast<size_t>(i)];
  if (const RE2* re = p.re.load(std::memory_order_acquire)) return *re;
  std::lock_guard<std::mutex> lock(p.mu);
  return CompileLocked(p);
}

bool PatternSet::TryCompile(int i) const {
  const Lazy& p = *patterns_[static_cast<size_t>(i)];
  if (p.re.load(std::memory_order_acquire) != nullptr) return true;
  std::unique_lock<std::mutex> lock(p.mu, std::try_to_lock);
  if (!lock.owns_lock()) return false;
  CompileLocked(p);
  return true;
}

void PatternSet::CompileWanted() const {
  for (;;) {
    int i;
    {
      std::lock_guard<std::mutex> lock(wanted_mu_);
      if (wanted_.empty()) return;
      i = wanted_.back();
      wanted_.pop_back();
    }
    TryCompile(i);
  }
}

bool PatternSet::CompileAll(std::string* error, const std::atomic<bool>* stop) const {
  for (int i = size() - 1; i >= 0; --i) {
    if (stop != nullptr && stop->load(std::memory_order_relaxed)) return true;
    CompileWanted();
    const Lazy& p = *patterns_[static_cast<size_t>(i)];
    // Before Compile, the filter will compile this one.
    if (p.skeleton == p.source && p.re.load(std::memory_order_acquire) == nullptr) continue;
    const RE2& re = pattern(i);
    if (!re.ok()) {
      *error = "pattern " + std::to_string(i) + " (" + source(i) + "): " + re.error();
      return false;
    }
  }
  return true;
}

const std::string& PatternSet::source(int i) const {
  return patterns_[static_cast<size_t>(i)]->added;
}

bool PatternSet::Matches(int i, std::string_view text) const {
  if (alphabet_ != nullptr) return RE2::PartialMatch(alphabet_->Text(text), pattern(i));
  return RE2::PartialMatch(text, pattern(i));
}

void PatternSet::Match(std::string_view text, std::vector<int>* hits) const {
  std::string converted;
  if (alphabet_ != nullptr) {
    converted = alphabet_->Text(text);
    text = converted;
  }
  hits->clear();
  std::vector<int> found, potentials;
  std::vector<std::vector<int>> by_shard;
  Potentials(text, &found, &by_shard, &potentials);
  for (int p : potentials) {
    if (RE2::PartialMatch(text, pattern(p))) hits->push_back(p);
  }
}

void PatternSet::MatchMany(const std::vector<std::string_view>& original,
                           std::vector<std::vector<int>>* hits) const {
  std::vector<std::string> converted;
  std::vector<std::string_view> converted_views;
  if (alphabet_ != nullptr) {
    converted.reserve(original.size());
    for (std::string_view t : original) converted.push_back(alphabet_->Text(t));
    converted_views.assign(converted.begin(), converted.end());
  }
  const std::vector<std::string_view>& texts = alphabet_ != nullptr ? converted_views : original;
  hits->assign(texts.size(), {});
  // Which texts each pattern may match (its atoms are there), then each pattern over those.
  std::vector<std::vector<uint32_t>> candidates(static_cast<size_t>(size()));
  std::vector<int> found, potentials;
  std::vector<std::vector<int>> by_shard;
  for (size_t t = 0; t < texts.size(); ++t) {
    Potentials(texts[t], &found, &by_shard, &potentials);
    for (int p : potentials) candidates[static_cast<size_t>(p)].push_back(static_cast<uint32_t>(t));
  }
  // A pattern not compiled yet is first tried as its skeleton (compiled already, it matches
  // wherever the pattern does) on its candidates: those it does not match are dropped, and a
  // pattern left with none is not compiled (a fifth of them on a first document).
  std::vector<int> need;  // The patterns left to compile, ascending.
  for (size_t p = 0; p < candidates.size(); ++p) {
    if (candidates[p].empty() || patterns_[p]->re.load(std::memory_order_acquire) != nullptr) {
      continue;
    }
    const RE2& skeleton = *patterns_[p]->skeleton_re;
    std::erase_if(candidates[p],
                  [&](uint32_t t) { return !RE2::PartialMatch(texts[t], skeleton); });
    if (!candidates[p].empty()) need.push_back(static_cast<int>(p));
  }
  // A thread in CompileAll takes them from the end of the list while this one compiles from
  // the start, each skipping any the other is compiling; the loop below waits for those.
  if (need.size() > 1) {
    {
      std::lock_guard<std::mutex> lock(wanted_mu_);
      wanted_.insert(wanted_.end(), need.begin(), need.end());
    }
    for (int p : need) TryCompile(p);
  }
  for (size_t p = 0; p < candidates.size(); ++p) {
    if (candidates[p].empty()) continue;  // Not compiled for nothing.
    const RE2& re = pattern(static_cast<int>(p));
    for (uint32_t t : candidates[p]) {
      if (RE2::PartialMatch(texts[t], re)) (*hits)[t].push_back(static_cast<int>(p));
    }
  }
  // Patterns were visited in ascending order: each list is sorted already.
}

// Matches remembered by MatchMany: 2 MiB holds the provisions of about fifty agreements.
// Over the 10,000 agreements of bench/ it answers 53 % of lookups (4 MiB: 66 %, 8 MiB: 77 %,
// each step about 3 % of the check's instructions) and keeps peak memory within 1.2x of a
// 100-file batch: since poppler is loaded only for PDF, that batch's peak is 5 MiB lower, and
// a 4 MiB memo's filling showed as 1.21x.
constexpr size_t kMatchCacheBytes = size_t{2} << 20;

RuleBook::RuleBook() : cache_(std::make_unique<MatchCache>(kMatchCacheBytes)) {}
RuleBook::~RuleBook() {
  stop_compiling_ = true;
  if (compiler_.joinable()) compiler_.join();
}

int RuleBook::CategoryIndex(const std::string& id) const {
  for (size_t i = 0; i < categories_.size(); ++i) {
    if (categories_[i].id == id) return static_cast<int>(i);
  }
  return -1;
}

Result<std::shared_ptr<const RuleBook>> RuleBook::Load(const std::string& path,
                                                       const std::string& schema_path,
                                                       LoadOptions options) {
  TOKKI_ASSIGN_OR_RETURN(std::unique_ptr<RelaxNgSchema> schema, RelaxNgSchema::Load(schema_path));
  TOKKI_ASSIGN_OR_RETURN(std::string data, ReadFile(path, 16 << 20));
  TOKKI_ASSIGN_OR_RETURN(XmlDocPtr doc, ParseXml(data, path));
  TOKKI_RETURN_IF_ERROR(schema->Validate(doc.get(), path));
  std::shared_ptr<RuleBook> book(new RuleBook());
  xmlNode* root = xmlDocGetRootElement(doc.get());
  auto at = [&path](const xmlNode* n) { return path + ":" + std::to_string(LineOf(n)) + ": "; };

  std::map<std::string, std::string> defines;
  for (xmlNode* d : ChildElements(root, "define")) defines[Attr(d, "name")] = TextContent(d);
  // Expands {name} and compiles the pattern alone first, so that an error names its line.
  auto expand = [&](const std::string& raw, const xmlNode* n) -> Result<std::string> {
    std::string out;
    for (size_t i = 0; i < raw.size(); ++i) {
      if (raw[i] == '{') {
        size_t close = raw.find('}', i);
        std::string name = close == std::string::npos ? "" : raw.substr(i + 1, close - i - 1);
        auto it = defines.find(name);
        // {2} and {1,3} are RE2 repetitions, not defines.
        bool repetition =
            !name.empty() && name.find_first_not_of("0123456789,") == std::string::npos;
        if (!repetition) {
          if (it == defines.end()) {
            return Status::Invalid(at(n) + "unknown define {" + name + "}");
          }
          out += it->second;
          i = close;
          continue;
        }
      }
      out += raw[i];
    }
    // Not compiled here: RE2::Set::Add parses it and reports errors with this line.
    return out;
  };
  auto pattern = [&](const xmlNode* n) { return expand(TextContent(n), n); };
  // Compact form (check/alphabet.h) for both sets if every pattern allows it, else for
  // neither.
  std::vector<std::string> all_patterns;
  for (xmlNode* c : ChildElements(root, "category")) {
    std::vector<xmlNode*> nodes = ChildElements(c, "heading");
    for (const char* kind : {"detect", "weakener"}) {
      for (xmlNode* n : ChildElements(c, kind)) nodes.push_back(n);
    }
    for (xmlNode* e : ChildElements(c, "element")) {
      for (xmlNode* n : ChildElements(e, "pattern")) nodes.push_back(n);
    }
    for (const xmlNode* n : nodes) {
      Result<std::string> p = pattern(n);
      if (p.ok()) all_patterns.push_back(std::move(*p));  // Else reported when added.
    }
  }
  if (std::optional<PatternAlphabet> alphabet = PatternAlphabet::Build(all_patterns)) {
    auto shared = std::make_shared<const PatternAlphabet>(std::move(*alphabet));
    book->headings_.UseAlphabet(shared);
    book->body_.UseAlphabet(shared);
  }
  // The element each pattern of a set came from, for errors found when the set compiles.
  std::map<const PatternSet*, std::vector<const xmlNode*>> nodes_of;
  auto add = [&](PatternSet& set, const xmlNode* n) -> Result<std::string> {
    TOKKI_ASSIGN_OR_RETURN(std::string p, pattern(n));
    std::string error;
    if (set.Add(p, &error) < 0) return Status::Invalid(at(n) + "bad pattern: " + error);
    nodes_of[&set].push_back(n);
    return p;
  };

  for (xmlNode* c : ChildElements(root, "category")) {
    RuleCategory cat;
    cat.id = Attr(c, "id");
    cat.name = Attr(c, "name");
    if (book->CategoryIndex(cat.id) >= 0) {
      return Status::Invalid(at(c) + "duplicate category '" + cat.id + "'");
    }
    int ci = static_cast<int>(book->categories_.size());
    for (xmlNode* h : ChildElements(c, "heading")) {
      TOKKI_ASSIGN_OR_RETURN(std::string p, add(book->headings_, h));
      book->heading_owner_.push_back(ci);
    }
    for (xmlNode* d : ChildElements(c, "detect")) {
      TOKKI_ASSIGN_OR_RETURN(std::string p, add(book->body_, d));
      book->body_patterns_.push_back(
          {RuleBook::BodyPattern::Kind::kDetect, static_cast<int>(book->detect_owner_.size())});
      book->detect_owner_.push_back(ci);
    }
    for (xmlNode* e : ChildElements(c, "element")) {
      int ei = static_cast<int>(cat.elements.size());
      cat.elements.push_back({Attr(e, "id"), Attr(e, "name")});
      for (xmlNode* pn : ChildElements(e, "pattern")) {
        TOKKI_ASSIGN_OR_RETURN(std::string p, add(book->body_, pn));
        book->element_pattern_.push_back(static_cast<int>(book->body_patterns_.size()));
        book->body_patterns_.push_back(
            {RuleBook::BodyPattern::Kind::kElement, static_cast<int>(book->element_owner_.size())});
        book->element_owner_.emplace_back(ci, ei);
      }
    }
    for (xmlNode* w : ChildElements(c, "weakener")) {
      int ei = cat.ElementIndex(Attr(w, "element"));
      if (ei < 0) {
        return Status::Invalid(at(w) + "weakener names unknown element '" + Attr(w, "element") +
                               "'");
      }
      TOKKI_ASSIGN_OR_RETURN(std::string p, add(book->body_, w));
      book->body_patterns_.push_back(
          {RuleBook::BodyPattern::Kind::kWeakener, static_cast<int>(book->weakeners_.size())});
      book->weakeners_.push_back({ci, ei, Attr(w, "reason")});
    }
    for (xmlNode* b : ChildElements(c, "basis")) {
      cat.basis.push_back({Split(Attr(b, "types")), TextContent(b)});
    }
    book->categories_.push_back(std::move(cat));
  }
  for (xmlNode* r : ChildElements(root, "require")) {
    RequireBlock block{Split(Attr(r, "types")), Split(Attr(r, "editions")), {}};
    for (xmlNode* c : ChildElements(r, "category")) {
      int ci = book->CategoryIndex(Attr(c, "id"));
      if (ci < 0) return Status::Invalid(at(c) + "unknown category '" + Attr(c, "id") + "'");
      Requirement req{Attr(c, "id"), Split(Attr(c, "elements")), {}};
      for (xmlNode* b : ChildElements(c, "borrow")) {
        std::string from = Attr(b, "from");
        size_t dot = from.find('.');
        Requirement::Borrow borrow{Attr(b, "element"), from.substr(0, dot), from.substr(dot + 1),
                                   nullptr};
        if (HasAttr(b, "unless")) {
          TOKKI_ASSIGN_OR_RETURN(std::string p, expand(Attr(b, "unless"), b));
          borrow.unless = std::make_shared<const RE2>(p, PatternOptions());
          if (!borrow.unless->ok()) {
            return Status::Invalid(at(b) + "bad pattern: " + borrow.unless->error());
          }
        }
        int fc = book->CategoryIndex(borrow.from_category);
        if (fc < 0 ||
            book->categories_[static_cast<size_t>(fc)].ElementIndex(borrow.from_element) < 0 ||
            book->categories_[static_cast<size_t>(ci)].ElementIndex(borrow.element) < 0) {
          return Status::Invalid(at(b) + "borrow names an unknown element");
        }
        req.borrows.push_back(std::move(borrow));
      }
      for (const auto& e : req.elements) {
        if (book->categories_[static_cast<size_t>(ci)].ElementIndex(e) < 0) {
          return Status::Invalid(at(c) + "category '" + req.category + "' has no element '" + e +
                                 "'");
        }
      }
      block.categories.push_back(std::move(req));
    }
    book->requires_.push_back(std::move(block));
  }
  if (options.compile_behind) {
    book->compiler_ = std::thread([b = book.get()] {
      sched_param lowest{};
      (void)pthread_setschedparam(pthread_self(), SCHED_IDLE, &lowest);  // Best effort.
      (void)b->CompileAll(&b->stop_compiling_);  // Errors: reported by Compile below.
    });
  }
  for (PatternSet* set : {&book->body_, &book->headings_}) {
    std::string error;
    int bad = -1;
    if (!set->Compile(&error, &bad)) {
      return Status::Invalid(at(nodes_of[set][static_cast<size_t>(bad)]) + "bad pattern: " + error);
    }
  }
  return std::shared_ptr<const RuleBook>(std::move(book));
}

Status RuleBook::CompileAll(const std::atomic<bool>* stop) const {
  // The body's patterns first: the shipped headings have no bounded repetition, so each is its
  // own skeleton and compiled at load.
  std::string error;
  if (!body_.CompileAll(&error, stop) || !headings_.CompileAll(&error, stop)) {
    return Status::Invalid("rules: " + error);
  }
  return Status::Ok();
}

std::vector<Requirement> RuleBook::Required(const std::string& type,
                                            const std::string& edition) const {
  for (const auto& block : requires_) {
    if (Contains(block.types, type) && Contains(block.editions, edition)) return block.categories;
  }
  return {};
}

ProvisionMatch RuleBook::Match(const std::string& norm_heading,
                               const std::string& norm_text) const {
  ProvisionMatch m;
  std::vector<int> hits;
  if (!norm_heading.empty()) {
    headings_.Match(norm_heading, &hits);
    for (int h : hits) m.heading_categories.push_back(heading_owner_[static_cast<size_t>(h)]);
  }
  body_.Match(norm_text, &hits);
  AddBodyHits(hits, &m);
  return m;
}

std::vector<ProvisionMatch> RuleBook::MatchMany(
    const std::vector<std::pair<std::string_view, std::string_view>>& provisions) const {
  std::vector<ProvisionMatch> out(provisions.size());
  // Provisions neither remembered nor seen earlier in this call are matched, once each.
  std::vector<std::string> keys;
  keys.reserve(provisions.size());
  std::unordered_map<std::string_view, size_t> first;  // Key → index into todo.
  std::vector<size_t> todo;
  std::vector<std::pair<size_t, size_t>> repeats;  // (provision, index into todo).
  for (size_t i = 0; i < provisions.size(); ++i) {
    keys.push_back(MatchCache::Key(provisions[i].first, provisions[i].second));
  }
  for (size_t i = 0; i < provisions.size(); ++i) {
    if (cache_->Find(keys[i], &out[i])) continue;
    auto [it, added] = first.emplace(keys[i], todo.size());
    if (added) {
      todo.push_back(i);
    } else {
      repeats.emplace_back(i, it->second);
    }
  }
  std::vector<std::pair<std::string_view, std::string_view>> unmatched;
  unmatched.reserve(todo.size());
  for (size_t i : todo) unmatched.push_back(provisions[i]);
  std::vector<ProvisionMatch> matched = MatchUncached(unmatched);
  for (size_t k = 0; k < todo.size(); ++k) cache_->Insert(keys[todo[k]], matched[k]);
  for (const auto& [i, k] : repeats) out[i] = matched[k];
  for (size_t k = 0; k < todo.size(); ++k) out[todo[k]] = std::move(matched[k]);
  return out;
}

std::vector<ProvisionMatch> RuleBook::MatchUncached(
    const std::vector<std::pair<std::string_view, std::string_view>>& provisions) const {
  std::vector<ProvisionMatch> out(provisions.size());
  std::vector<std::string_view> headings, texts;
  std::vector<size_t> with_heading;
  for (size_t i = 0; i < provisions.size(); ++i) {
    if (!provisions[i].first.empty()) {
      headings.push_back(provisions[i].first);
      with_heading.push_back(i);
    }
    texts.push_back(provisions[i].second);
  }
  std::vector<std::vector<int>> hits;
  headings_.MatchMany(headings, &hits);
  for (size_t k = 0; k < headings.size(); ++k) {
    for (int h : hits[k]) {
      out[with_heading[k]].heading_categories.push_back(heading_owner_[static_cast<size_t>(h)]);
    }
  }
  body_.MatchMany(texts, &hits);
  for (size_t i = 0; i < texts.size(); ++i) AddBodyHits(hits[i], &out[i]);
  return out;
}

void RuleBook::AddBodyHits(const std::vector<int>& hits, ProvisionMatch* m_out) const {
  ProvisionMatch& m = *m_out;
  for (int h : hits) {
    const BodyPattern& b = body_patterns_[static_cast<size_t>(h)];
    const auto i = static_cast<size_t>(b.index);
    switch (b.kind) {
      case BodyPattern::Kind::kDetect:
        m.detected_categories.push_back(detect_owner_[i]);
        break;
      case BodyPattern::Kind::kElement:
        m.elements.push_back(element_owner_[i]);
        break;
      case BodyPattern::Kind::kWeakener:
        m.weakeners.emplace_back(weakeners_[i].category, b.index);
        break;
    }
  }
}

bool RuleBook::ElementMatches(int category, int element, const std::string& norm_text) const {
  for (size_t i = 0; i < element_owner_.size(); ++i) {
    if (element_owner_[i] == std::make_pair(category, element) &&
        body_.Matches(element_pattern_[i], norm_text)) {
      return true;
    }
  }
  return false;
}

}  // namespace tokki
