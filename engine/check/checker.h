// The compliance check: which required provisions an agreement carries, provision by
// provision, with evidence, the basis and the text to add.
#ifndef TOKKI_CHECK_CHECKER_H_
#define TOKKI_CHECK_CHECKER_H_

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "assemble/annex.h"
#include "base/status.h"
#include "check/rules.h"
#include "library/library.h"
#include "read/document.h"
#include "text/date.h"

namespace tokki {

struct CheckRequest {
  std::string type = "outsourcing";
  Date date;
  std::string edition;  // When set, the date is ignored and this edition is used.
};

struct Evidence {
  int paragraph = 0;
  int page = 0;  // PDF only.
  std::string text;
};

struct Finding {
  enum class Status { kPresent, kPartial, kMissing };
  std::string category;
  std::string name;  // Japanese name of the category.
  Status status = Status::kMissing;
  std::vector<std::string> missing_elements;       // Element ids.
  std::vector<std::string> missing_element_names;  // Their Japanese names.
  std::vector<std::string> weakened;               // Reasons of weakeners that fired.
  std::vector<Evidence> evidence;
  std::string basis;
  std::string suggestion;
};

struct CheckReport {
  std::string file;
  std::string format;
  std::string type;
  Date date;
  std::string edition;
  std::string edition_name;
  std::vector<Finding> findings;
  int present = 0, partial = 0, missing = 0;

  bool has_problems() const { return partial + missing > 0; }
};

// What a check needs that depends on the request only, prepared once per run: the type, the
// date in force, the annex the agreement is held against (item numbers for the basis, texts to
// suggest) and the required categories.
struct CheckPlan {
  std::string type;
  Date date;
  Annex reference;
  std::vector<Requirement> required;

  // For each item of `reference`: which elements of its category its text carries (by the
  // rules' element patterns), to suggest for a partial provision the items that supply what
  // is missing. Empty for an item whose category the rules do not know. Worked out on the
  // first partial finding, once for all threads and copies of the plan: a plan is made for
  // every request the server answers, most of which need none of it.
  const std::vector<std::vector<bool>>& ItemElements(const RuleBook& rules) const;

 private:
  struct Lazy {
    std::once_flag once;
    std::vector<std::vector<bool>> item_elements;
  };
  std::shared_ptr<Lazy> lazy_ = std::make_shared<Lazy>();
};

// Resolves type and date (or edition) with the same refusals as assembly.
Result<CheckPlan> PlanCheck(const RuleBook& rules, const ClauseLibrary& library,
                            const CheckRequest& request);
// PlanCheck in two steps, for a caller that loads the library and the rules side by side: the
// reference annex from the library alone, then what the rules require of it.
Result<CheckPlan> PlanReference(const ClauseLibrary& library, const CheckRequest& request);
Status AddRequirements(const RuleBook& rules, CheckPlan* plan);

CheckReport CheckDocument(const RuleBook& rules, const CheckPlan& plan, const Document& doc);

// CheckDocument for each of `docs`, with the rules matched over all their provisions at once
// (RuleBook::MatchMany): the same reports, in the same order, in less time for a batch.
std::vector<CheckReport> CheckDocuments(const RuleBook& rules, const CheckPlan& plan,
                                        const std::vector<const Document*>& docs);

// PlanCheck, then CheckDocument.
Result<CheckReport> CheckDocument(const RuleBook& rules, const ClauseLibrary& library,
                                  const Document& doc, const CheckRequest& request);

const char* FindingStatusName(Finding::Status s);  // "present", "partial", "missing"

}  // namespace tokki

#endif  // TOKKI_CHECK_CHECKER_H_
