// The rule book: what tokki check looks for, loaded from rules/rules.xml (validated against
// rules/schema/rules.rng) and compiled once. Immutable after Load(); Match() may be called from
// many threads (RE2 and RE2::Set are thread-safe for matching).
#ifndef TOKKI_CHECK_RULES_H_
#define TOKKI_CHECK_RULES_H_

#include <re2/re2.h>

#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "base/status.h"
#include "check/alphabet.h"
#include "check/atom_matcher.h"

namespace tokki {

struct RuleElement {
  std::string id;
  std::string name;
};

struct RuleCategory {
  std::string id;
  std::string name;
  std::vector<RuleElement> elements;
  struct Basis {
    std::vector<std::string> types;  // Empty: every type.
    std::string text;
  };
  std::vector<Basis> basis;

  int ElementIndex(const std::string& id) const;
};

struct Requirement {
  struct Borrow {
    std::string element;        // Element of this category...
    std::string from_category;  // ...that this element of another category also satisfies.
    std::string from_element;
    std::shared_ptr<const RE2> unless;  // May be null.
  };
  std::string category;
  std::vector<std::string> elements;
  std::vector<Borrow> borrows;
};

// What one provision matched: indices into RuleBook::categories() and their elements.
struct ProvisionMatch {
  std::vector<int> heading_categories;
  std::vector<int> detected_categories;
  std::vector<std::pair<int, int>> elements;   // (category, element)
  std::vector<std::pair<int, int>> weakeners;  // (category, weakener index in weakener_reasons)
};

// Many patterns matched against one text, reporting every pattern that matches anywhere in it.
//
// Not one RE2::Set: with several hundred unanchored patterns full of [^。]{0,N} the Set's DFA
// met a new combination of half-matched patterns in almost every sentence and built states at
// nearly every byte (about 80 % of a check's time). Instead re2::FilteredRE2 reduces each
// pattern to the literal strings ("atoms") any match must contain; an AtomMatcher finds the
// atoms present in a text in one pass, and only the patterns whose atoms are all present are
// run, one by one. Results are the same as a Set's. Thread-safe for Match() after Compile().
class PatternSet {
 public:
  PatternSet();
  ~PatternSet();
  // Matches texts in compact form (check/alphabet.h): every pattern added from now on is
  // rewritten by alphabet->Pattern, and Match, MatchMany and Matches encode their texts. Call
  // before the first Add, with an alphabet built from every pattern the set will hold.
  void UseAlphabet(std::shared_ptr<const PatternAlphabet> alphabet) {
    alphabet_ = std::move(alphabet);
  }
  const PatternAlphabet* alphabet() const { return alphabet_.get(); }
  // Adds a pattern; returns its index (0, 1, ...), or -1 with *error set when the set is in
  // compact form and the pattern cannot be rewritten. Nothing is parsed yet: see Compile.
  int Add(const std::string& pattern, std::string* error);
  // After the last Add: parses every pattern and builds the filter over their skeletons, the
  // set split in two shards built on two threads (FilteredRE2 costs most of a cold start).
  // Each pattern is compiled only when first needed: see pattern(). False when a pattern is
  // bad, with RE2's message in *error and its index in *bad (the lowest, if several).
  bool Compile(std::string* error = nullptr, int* bad = nullptr);
  // Indices of the patterns that match somewhere in `text`, ascending.
  void Match(std::string_view text, std::vector<int>* hits) const;
  // Match for each of `texts`: (*hits)[i] holds the patterns matching texts[i], ascending.
  // Same results as Match, one text at a time, but the patterns that pass the prefilter run
  // pattern by pattern over all the texts, so that each pattern's DFA is still in the CPU's
  // caches for its next text (bench/README.md: RE2's time is mostly cache misses).
  void MatchMany(const std::vector<std::string_view>& texts,
                 std::vector<std::vector<int>>* hits) const;
  // Pattern i, compiled on its first use (thread-safe). A pattern whose program is too large
  // for RE2's memory budget is not ok() and matches nothing; AllCompile() reports it. In
  // compact form it is the rewritten pattern, for texts in that form: see Matches.
  const RE2& pattern(int i) const;
  // Pattern i as it was added (before any rewrite to compact form).
  const std::string& source(int i) const;
  // Whether pattern i matches somewhere in `text` (encoded in compact form if the set uses
  // it).
  bool Matches(int i, std::string_view text) const;
  int size() const { return static_cast<int>(patterns_.size()); }
  // Compiles every pattern not compiled yet, last first (matching threads go first to last, so
  // the two meet once), and before each of them the ones a matching thread is waiting for.
  // Safe while other threads match, and from the last Add on, while Compile builds the filter
  // (a pattern that is its own skeleton is then left to the filter). An error names the first
  // pattern that fails. Stops early, returning true, once *stop (if given) is set.
  bool CompileAll(std::string* error, const std::atomic<bool>* stop = nullptr) const;

  struct Lazy;  // A pattern, compiled or not (rules.cc).

  // The pattern FilteredRE2 computes the atoms from: every bounded repetition {m,n} widened to
  // {m,} ({0,n} to *). It matches wherever the pattern does, so its atoms are a sound filter,
  // and RE2 compiles it several times faster (a [^。]{0,60} is sixty copies of the class's
  // UTF-8 program). Exposed for tests.
  static std::string Skeleton(const std::string& pattern);

 private:
  // Compiles pattern i unless another thread is compiling it (then false).
  bool TryCompile(int i) const;
  // Compiles the patterns a matching thread is about to compile itself (MatchMany lists them),
  // most recently listed first, skipping any being compiled. CompileAll calls it before each
  // pattern of its own, so that a cold start's first documents wait for half the compilations.
  void CompileWanted() const;
  // The patterns whose atoms are all in `text` (encoded), ascending; the other arguments are
  // scratch space.
  void Potentials(std::string_view text, std::vector<int>* found,
                  std::vector<std::vector<int>>* by_shard, std::vector<int>* potentials) const;

  struct Shard;
  std::shared_ptr<const PatternAlphabet> alphabet_;  // Null: patterns and texts as they are.
  std::vector<std::unique_ptr<Lazy>> patterns_;
  std::vector<std::unique_ptr<Shard>> shards_;  // FilteredRE2s over the skeletons.
  std::unique_ptr<AtomMatcher> atoms_;          // Over every shard's atoms; null when none.
  std::vector<std::vector<std::pair<int, int>>> atom_refs_;  // Atom -> (shard, its atom id).
  mutable std::mutex wanted_mu_;
  mutable std::vector<int> wanted_;  // See CompileWanted.
};

class MatchCache;

class RuleBook {
 public:
  ~RuleBook();
  struct LoadOptions {
    // A thread of the lowest priority (SCHED_IDLE: it runs only on a core nothing else wants)
    // compiles every pattern from the moment the patterns are read, while the filter is built
    // and documents are read and checked, until StopCompiling() or the book is destroyed.
    // For a process with a spare core, which would otherwise compile each pattern when a
    // document first needs it.
    bool compile_behind = false;
  };
  static Result<std::shared_ptr<const RuleBook>> Load(const std::string& path,
                                                      const std::string& schema_path,
                                                      LoadOptions options);
  static Result<std::shared_ptr<const RuleBook>> Load(const std::string& path,
                                                      const std::string& schema_path) {
    return Load(path, schema_path, LoadOptions{});
  }
  RuleBook(const RuleBook&) = delete;
  RuleBook& operator=(const RuleBook&) = delete;

  const std::vector<RuleCategory>& categories() const { return categories_; }
  int CategoryIndex(const std::string& id) const;

  // Required categories for a contract type in an edition; empty when none is defined.
  std::vector<Requirement> Required(const std::string& type, const std::string& edition) const;

  // Runs every pattern set once over the provision's normalised heading and text.
  ProvisionMatch Match(const std::string& norm_heading, const std::string& norm_text) const;
  // Match for many provisions at once, (normalised heading, normalised text) each, through
  // PatternSet::MatchMany: the same results, faster over a batch of documents. Provisions
  // matched before (the same heading and text, in any earlier call) are not matched again:
  // their result is remembered in a bounded cache (match_cache.h).
  std::vector<ProvisionMatch> MatchMany(
      const std::vector<std::pair<std::string_view, std::string_view>>& provisions) const;

  // The element a weakener disables and why.
  struct Weakener {
    int category;
    int element;
    std::string reason;
  };
  const Weakener& weakener(int i) const { return weakeners_[static_cast<size_t>(i)]; }

  // Patterns are compiled when first used (PatternSet::pattern). This compiles them all now:
  // before a server starts answering, or on a spare core while the first documents are read.
  // `stop`, when given, ends it early (between two patterns): a check that is done does not
  // wait for patterns it never needed.
  Status CompileAll(const std::atomic<bool>* stop = nullptr) const;
  // Ends the compile_behind thread after the pattern it is compiling (LoadOptions).
  void StopCompiling() const { stop_compiling_ = true; }

  // The compiled pattern sets (headings; detects, elements and weakeners), for tests and
  // benchmarks.
  std::vector<const PatternSet*> pattern_sets() const { return {&headings_, &body_}; }

  // Element patterns of one category, for choosing the clause text that carries an element.
  bool ElementMatches(int category, int element, const std::string& norm_text) const;

 private:
  RuleBook();
  std::vector<RuleCategory> categories_;
  struct RequireBlock {
    std::vector<std::string> types, editions;
    std::vector<Requirement> categories;
  };
  std::vector<RequireBlock> requires_;
  // Headings are matched against a provision's heading; detects, elements and weakeners
  // against its text, all in one set (one atom pass, one filter), in rule order.
  PatternSet headings_, body_;
  mutable std::atomic<bool> stop_compiling_{false};
  std::thread compiler_;  // LoadOptions::compile_behind; joined by the destructor.
  std::vector<int> heading_owner_;
  struct BodyPattern {
    enum class Kind { kDetect, kElement, kWeakener } kind;
    int index;  // Into detect_owner_, element_owner_ or weakeners_.
  };
  std::vector<BodyPattern> body_patterns_;  // Same order as body_.
  std::vector<ProvisionMatch> MatchUncached(
      const std::vector<std::pair<std::string_view, std::string_view>>& provisions) const;
  std::unique_ptr<MatchCache> cache_;
  // Adds what the body patterns `hits` mean to m.
  void AddBodyHits(const std::vector<int>& hits, ProvisionMatch* m) const;
  std::vector<int> detect_owner_;
  std::vector<std::pair<int, int>> element_owner_;
  std::vector<int> element_pattern_;  // element_owner_ index → body_ index.
  std::vector<Weakener> weakeners_;
};

}  // namespace tokki

#endif  // TOKKI_CHECK_RULES_H_
