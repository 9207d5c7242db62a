#include "check/checker.h"

#include <algorithm>
#include <map>
#include <set>

#include <re2/re2.h>

#include "assemble/annex.h"
#include "check/segment.h"
#include "text/normalize.h"

namespace tokki {
namespace {

constexpr size_t kEvidenceBytes = 600;

// Cuts at a UTF-8 character boundary.
std::string Shorten(const std::string& s, size_t max) {
  if (s.size() <= max) return s;
  size_t cut = max;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return s.substr(0, cut) + "…";
}

// The annex the agreement is checked against, assembled as the officer would issue it; its
// items give the basis (item numbers) and the text to suggest.
Result<Annex> ReferenceAnnex(const ClauseLibrary& library, const std::string& type,
                             const Date& date) {
  AssembleRequest req;
  req.type = type;
  req.date = date;
  req.params = {{"contractor", "乙"}, {"contract_title", "（契約件名）"}, {"subcontractor", "丙"}};
  return Assemble(library, req);
}

}  // namespace

const char* FindingStatusName(Finding::Status s) {
  switch (s) {
    case Finding::Status::kPresent:
      return "present";
    case Finding::Status::kPartial:
      return "partial";
    case Finding::Status::kMissing:
      return "missing";
  }
  return "";
}

const std::vector<std::vector<bool>>& CheckPlan::ItemElements(const RuleBook& rules) const {
  std::call_once(lazy_->once, [&] {
    for (const AnnexItem& item : reference.items) {
      std::vector<bool>& carries = lazy_->item_elements.emplace_back();
      const int ci = rules.CategoryIndex(item.category);
      if (ci < 0) continue;
      const std::string norm = NormalizeForMatch(item.PrintedText());
      const size_t n = rules.categories()[static_cast<size_t>(ci)].elements.size();
      for (size_t e = 0; e < n; ++e) {
        carries.push_back(rules.ElementMatches(ci, static_cast<int>(e), norm));
      }
    }
  });
  return lazy_->item_elements;
}

Result<CheckPlan> PlanReference(const ClauseLibrary& library, const CheckRequest& request) {
  Date date = request.date;
  if (!request.edition.empty()) {
    const Edition* e = library.FindEdition(request.edition);
    if (e == nullptr) {
      std::string known;
      for (const auto& x : library.editions()) known += (known.empty() ? "" : ", ") + x.id;
      return Status::Invalid("edition: 「" + request.edition + "」という版はありません（" + known +
                             "）");
    }
    date = e->from;
    const ContractType* t = library.FindType(request.type);
    if (t && t->from && date < *t->from) date = *t->from;
  }
  // The same selection and refusals as assembly (unknown type, date outside every edition,
  // subcontract before 2023).
  CheckPlan plan;
  plan.type = request.type;
  plan.date = date;
  TOKKI_ASSIGN_OR_RETURN(plan.reference, ReferenceAnnex(library, request.type, date));
  return plan;
}

Status AddRequirements(const RuleBook& rules, CheckPlan* plan) {
  plan->required = rules.Required(plan->type, plan->reference.edition);
  if (plan->required.empty()) {
    return Status::Invalid("rules: 契約種別 " + plan->type + "・版 " + plan->reference.edition +
                           " の必須事項が定義されていません");
  }
  return Status::Ok();
}

Result<CheckPlan> PlanCheck(const RuleBook& rules, const ClauseLibrary& library,
                            const CheckRequest& request) {
  TOKKI_ASSIGN_OR_RETURN(CheckPlan plan, PlanReference(library, request));
  TOKKI_RETURN_IF_ERROR(AddRequirements(rules, &plan));
  return plan;
}

namespace {

// The findings of one document from its provisions and what the rules matched in each.
CheckReport Findings(const RuleBook& rules, const CheckPlan& plan, const Document& doc,
                     const std::vector<Provision>& provisions,
                     const std::vector<ProvisionMatch>& matches) {
  const Annex& annex = plan.reference;
  const std::vector<Requirement>& required = plan.required;
  CheckReport report;
  report.file = doc.file;
  report.format = doc.format;
  report.type = plan.type;
  report.date = plan.date;
  report.edition = annex.edition;
  report.edition_name = annex.edition_name;

  for (const Requirement& req : required) {
    int ci = rules.CategoryIndex(req.category);
    const RuleCategory& cat = rules.categories()[static_cast<size_t>(ci)];
    Finding f;
    f.category = cat.id;
    f.name = cat.name;
    std::set<int> found_elements;
    std::set<int> weakened_elements;
    for (size_t i = 0; i < provisions.size(); ++i) {
      const ProvisionMatch& m = matches[i];
      bool belongs = std::count(m.heading_categories.begin(), m.heading_categories.end(), ci) > 0 ||
                     std::count(m.detected_categories.begin(), m.detected_categories.end(), ci) > 0;
      if (!belongs) continue;
      f.evidence.push_back({provisions[i].first_paragraph, provisions[i].page,
                            Shorten(provisions[i].text, kEvidenceBytes)});
      for (const auto& [c, e] : m.elements) {
        if (c == ci) found_elements.insert(e);
      }
      for (const auto& [c, w] : m.weakeners) {
        if (c != ci) continue;
        const RuleBook::Weakener& wk = rules.weakener(w);
        weakened_elements.insert(wk.element);
        if (std::find(f.weakened.begin(), f.weakened.end(), wk.reason) == f.weakened.end()) {
          f.weakened.push_back(wk.reason);
        }
      }
    }
    for (int w : weakened_elements) found_elements.erase(w);
    // Elements this requirement lets another category's element satisfy, unless weakened.
    for (const auto& b : req.borrows) {
      int fc = rules.CategoryIndex(b.from_category);
      int fe = rules.categories()[static_cast<size_t>(fc)].ElementIndex(b.from_element);
      int be = cat.ElementIndex(b.element);
      if (found_elements.count(be) || weakened_elements.count(be)) continue;
      if (b.unless && std::any_of(provisions.begin(), provisions.end(), [&](const Provision& p) {
            return RE2::PartialMatch(p.norm_text, *b.unless);
          })) {
        continue;
      }
      for (size_t i = 0; i < provisions.size(); ++i) {
        const ProvisionMatch& m = matches[i];
        bool in_from = std::count(m.heading_categories.begin(), m.heading_categories.end(), fc) ||
                       std::count(m.detected_categories.begin(), m.detected_categories.end(), fc);
        if (in_from && std::count(m.elements.begin(), m.elements.end(), std::make_pair(fc, fe))) {
          found_elements.insert(be);
          f.evidence.push_back({provisions[i].first_paragraph, provisions[i].page,
                                Shorten(provisions[i].text, kEvidenceBytes)});
          break;
        }
      }
    }
    for (const auto& e : req.elements) {
      int ei = cat.ElementIndex(e);
      if (found_elements.count(ei) == 0) {
        f.missing_elements.push_back(e);
        f.missing_element_names.push_back(cat.elements[static_cast<size_t>(ei)].name);
      }
    }
    if (f.evidence.empty()) {
      f.status = Finding::Status::kMissing;
      f.missing_elements.clear();
      f.missing_element_names.clear();
    } else if (!f.missing_elements.empty()) {
      f.status = Finding::Status::kPartial;
    } else {
      f.status = Finding::Status::kPresent;
    }

    // Basis: the items of the edition in force, then the category's legal background.
    std::vector<const AnnexItem*> items;
    std::vector<size_t> item_index;  // Into annex.items and plan.ItemElements().
    for (size_t k = 0; k < annex.items.size(); ++k) {
      if (annex.items[k].category != cat.id) continue;
      items.push_back(&annex.items[k]);
      item_index.push_back(k);
    }
    std::string numbers;
    for (const AnnexItem* item : items) {
      numbers += (numbers.empty() ? "第" : "、第") + std::to_string(item->number) + "項";
    }
    f.basis = "特記事項（" + annex.edition_name + "）" +
              (annex.subtitle.empty() ? "" : "「" + annex.subtitle + "」") + numbers;
    for (const auto& b : cat.basis) {
      if (b.types.empty() || std::count(b.types.begin(), b.types.end(), plan.type) > 0) {
        f.basis += "；" + b.text;
      }
    }
    // Suggestion: for a partial provision the items that carry what is missing; otherwise all
    // of the category's items.
    if (f.status != Finding::Status::kPresent) {
      std::vector<const AnnexItem*> chosen;
      if (f.status == Finding::Status::kPartial) {
        for (size_t k = 0; k < items.size(); ++k) {
          const std::vector<bool>& carries = plan.ItemElements(rules)[item_index[k]];
          for (const auto& e : f.missing_elements) {
            const int ei = cat.ElementIndex(e);
            if (ei >= 0 && static_cast<size_t>(ei) < carries.size() &&
                carries[static_cast<size_t>(ei)]) {
              chosen.push_back(items[k]);
              break;
            }
          }
        }
      }
      if (chosen.empty()) chosen = items;
      for (const AnnexItem* item : chosen) {
        if (!f.suggestion.empty()) f.suggestion += "\n";
        f.suggestion += std::to_string(item->number) + " " + item->PrintedText();
      }
    }
    switch (f.status) {
      case Finding::Status::kPresent:
        ++report.present;
        break;
      case Finding::Status::kPartial:
        ++report.partial;
        break;
      case Finding::Status::kMissing:
        ++report.missing;
        break;
    }
    report.findings.push_back(std::move(f));
  }
  return report;
}

}  // namespace

CheckReport CheckDocument(const RuleBook& rules, const CheckPlan& plan, const Document& doc) {
  return CheckDocuments(rules, plan, {&doc}).front();
}

std::vector<CheckReport> CheckDocuments(const RuleBook& rules, const CheckPlan& plan,
                                        const std::vector<const Document*>& docs) {
  std::vector<std::vector<Provision>> provisions;
  provisions.reserve(docs.size());
  std::vector<std::pair<std::string_view, std::string_view>> texts;
  for (const Document* doc : docs) {
    provisions.push_back(SegmentProvisions(*doc));
    for (const Provision& p : provisions.back()) texts.emplace_back(p.norm_heading, p.norm_text);
  }
  std::vector<ProvisionMatch> all = rules.MatchMany(texts);
  std::vector<CheckReport> reports;
  reports.reserve(docs.size());
  auto next = std::make_move_iterator(all.begin());
  for (size_t d = 0; d < docs.size(); ++d) {
    const auto count = static_cast<std::ptrdiff_t>(provisions[d].size());
    std::vector<ProvisionMatch> matches(next, next + count);
    next += count;
    reports.push_back(Findings(rules, plan, *docs[d], provisions[d], matches));
  }
  return reports;
}

Result<CheckReport> CheckDocument(const RuleBook& rules, const ClauseLibrary& library,
                                  const Document& doc, const CheckRequest& request) {
  TOKKI_ASSIGN_OR_RETURN(CheckPlan plan, PlanCheck(rules, library, request));
  return CheckDocument(rules, plan, doc);
}

}  // namespace tokki
