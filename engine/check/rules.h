// The rule book: what tokki check looks for, loaded from rules/rules.xml (validated against
// rules/schema/rules.rng) and compiled once. Immutable after Load(); Match() may be called from
// many threads (RE2 and RE2::Set are thread-safe for matching).
#ifndef TOKKI_CHECK_RULES_H_
#define TOKKI_CHECK_RULES_H_

#include <re2/re2.h>
#include <re2/set.h>

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "base/status.h"

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

class RuleBook {
 public:
  static Result<std::shared_ptr<const RuleBook>> Load(const std::string& path,
                                                      const std::string& schema_path);
  RuleBook(const RuleBook&) = delete;
  RuleBook& operator=(const RuleBook&) = delete;

  const std::vector<RuleCategory>& categories() const { return categories_; }
  int CategoryIndex(const std::string& id) const;

  // Required categories for a contract type in an edition; empty when none is defined.
  std::vector<Requirement> Required(const std::string& type, const std::string& edition) const;

  // Runs every pattern set once over the provision's normalised heading and text.
  ProvisionMatch Match(const std::string& norm_heading, const std::string& norm_text) const;

  // The element a weakener disables and why.
  struct Weakener {
    int category;
    int element;
    std::string reason;
  };
  const Weakener& weakener(int i) const { return weakeners_[static_cast<size_t>(i)]; }

  // How many set matches failed inside RE2 (DFA out of memory) in this process: must stay 0.
  static uint64_t set_failures();

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
  std::unique_ptr<RE2::Set> headings_, detects_, elements_, weakener_set_;
  std::vector<int> heading_owner_, detect_owner_;
  std::vector<std::pair<int, int>> element_owner_;
  std::vector<Weakener> weakeners_;
  std::vector<std::string> element_patterns_;  // Same order as element_owner_.
  mutable std::once_flag element_res_once_;
  mutable std::vector<std::unique_ptr<RE2>> element_res_;  // Built from element_patterns_.
};

}  // namespace tokki

#endif  // TOKKI_CHECK_RULES_H_
