#include "assemble/annex.h"

#include <algorithm>

namespace tokki {
namespace {

constexpr const char* kTitle = "特記事項";

// "module.K" → printed number, for the items selected into this annex.
using Numbering = std::map<std::string, int>;

struct Printer {
  const ClauseLibrary& library;
  const std::map<std::string, std::string>& params;
  const Numbering& numbers;
  std::string file;  // For errors.

  Result<int> Number(const std::string& target, int line) const {
    auto it = numbers.find(target);
    if (it == numbers.end()) {
      return Status::Invalid(file + ":" + std::to_string(line) + ": reference target '" + target +
                             "' is not part of this annex");
    }
    return it->second;
  }

  Result<std::string> Print(const InlineText& text) const {
    std::string out;
    for (const Inline& in : text) {
      switch (in.kind) {
        case Inline::Kind::kText:
          out += in.text;
          break;
        case Inline::Kind::kParam: {
          auto it = params.find(in.text);
          if (it == params.end()) {
            return Status::Invalid(file + ":" + std::to_string(in.line) + ": parameter '" +
                                   in.text + "' has no value");
          }
          out += it->second;
          break;
        }
        case Inline::Kind::kRef: {
          TOKKI_ASSIGN_OR_RETURN(int n, Number(in.text, in.line));
          out += "第" + std::to_string(n) + "項";
          break;
        }
        case Inline::Kind::kRange: {
          TOKKI_ASSIGN_OR_RETURN(int a, Number(in.text, in.line));
          TOKKI_ASSIGN_OR_RETURN(int b, Number(in.to, in.line));
          out += "第" + std::to_string(a) + "項から第" + std::to_string(b) + "項まで";
          break;
        }
      }
    }
    return out;
  }
};

std::string TypeList(const ClauseLibrary& library) {
  std::string s;
  for (const auto& t : library.types()) s += (s.empty() ? "" : ", ") + t.id;
  return s;
}

Result<std::map<std::string, std::string>> ResolveParams(const ClauseLibrary& library,
                                                         const ContractType& type,
                                                         const AssembleRequest& request) {
  std::map<std::string, std::string> out;
  for (const auto& [key, value] : request.params) {
    const Parameter* p = library.FindParameter(key);
    if (p == nullptr) {
      std::string known;
      for (const auto& q : library.parameters()) known += (known.empty() ? "" : ", ") + q.name;
      return Status::Invalid(key + ": 不明なパラメータです（" + known + "）");
    }
    if (value.empty()) return Status::Invalid(key + ": 値が空です");
    out[key] = value;
  }
  for (const auto& p : library.parameters()) {
    bool needed = p.required || std::find(type.requires_params.begin(), type.requires_params.end(),
                                          p.name) != type.requires_params.end();
    if (out.count(p.name) != 0) continue;
    if (p.default_value) {
      out[p.name] = *p.default_value;
    } else if (needed) {
      return Status::Invalid(p.name + ": 必須のパラメータ（" + p.label + "）がありません");
    }
  }
  return out;
}

// FormatEraDate, remembered per thread: a batch has few distinct dates, and formatting one
// with ICU's Japanese calendar costs more than a tenth of assembling the annex.
const std::string& EraDate(const Date& date) {
  thread_local std::map<Date, std::string> cache;
  if (cache.size() > 256) cache.clear();
  auto it = cache.find(date);
  if (it == cache.end()) it = cache.emplace(date, FormatEraDate(date)).first;
  return it->second;
}

}  // namespace

std::string AnnexItem::PrintedText() const {
  std::string s = text;
  for (const auto& [label, sub] : subs) s += "\n" + label + sub;
  return s;
}

Result<Annex> Assemble(const ClauseLibrary& library, const AssembleRequest& request) {
  const ContractType* type = library.FindType(request.type);
  if (type == nullptr) {
    return Status::Invalid("type: 「" + request.type + "」は不明な契約種別です（" +
                           TypeList(library) + "）");
  }
  const Edition* edition = library.EditionOn(request.date);
  if (edition == nullptr) {
    const Edition& first = library.editions().front();
    if (request.date < first.from) {
      return Status::Invalid("date: " + request.date.ToIso() + "（" + FormatEraDate(request.date) +
                             "）に施行中の特記事項の版はありません。最も古い版（" + first.id +
                             "）は" + first.from.ToIso() + "（" + FormatEraDate(first.from) +
                             "）からです");
    }
    return Status::Invalid("date: " + request.date.ToIso() + " に施行中の特記事項の版はありません");
  }
  if (type->from && request.date < *type->from) {
    return Status::Invalid("date: " + type->refusal);
  }
  TOKKI_ASSIGN_OR_RETURN(auto params, ResolveParams(library, *type, request));

  // Select the items: (module, version, first, last).
  struct Picked {
    const Module* module;
    const ModuleVersion* version;
    int first, last;
  };
  std::vector<Picked> picked;
  if (type->all_modules) {
    for (const auto& mid : edition->modules) {
      const Module* m = library.FindModule(mid);
      const ModuleVersion* v = m->VersionFor(edition->id);
      picked.push_back({m, v, 1, static_cast<int>(v->items.size())});
    }
  } else {
    for (const auto& sel : type->selects) {
      const Module* m = library.FindModule(sel.module);
      const ModuleVersion* v = m->VersionFor(edition->id);
      if (v == nullptr) {
        return Status::Invalid(library.dir() + "/library.xml: type '" + type->id +
                               "' selects module '" + sel.module + "', absent from edition " +
                               edition->id);
      }
      int last = sel.last == 0 ? static_cast<int>(v->items.size()) : sel.last;
      if (last > static_cast<int>(v->items.size())) {
        return Status::Invalid(library.dir() + "/library.xml: type '" + type->id +
                               "' selects items beyond the end of module '" + sel.module + "'");
      }
      picked.push_back({m, v, sel.first, last});
    }
  }
  Numbering numbers;
  int n = 0;
  for (const auto& p : picked) {
    for (int k = p.first; k <= p.last; ++k) {
      numbers[p.module->id + "." + std::to_string(k)] = ++n;
    }
  }

  Annex annex;
  annex.type = type->id;
  annex.type_name = type->name;
  annex.date = request.date;
  annex.edition = edition->id;
  annex.edition_name = edition->name;
  annex.title = kTitle;
  annex.subtitle = type->annex_title;
  annex.params = params;
  for (const char* key : {"contract_title", "municipality", "contractor", "subcontractor"}) {
    auto it = params.find(key);
    const Parameter* p = library.FindParameter(key);
    if (it != params.end() && p != nullptr) annex.info.emplace_back(p->label, it->second);
  }
  annex.info.emplace_back("契約日", EraDate(request.date));

  n = 0;
  for (const auto& p : picked) {
    Printer printer{library, params, numbers, p.module->file};
    for (int k = p.first; k <= p.last; ++k) {
      const ClauseItem& src = p.version->items[static_cast<size_t>(k - 1)];
      AnnexItem item;
      item.number = ++n;
      item.heading = k == p.first ? p.version->heading : "";
      item.module = p.module->id;
      item.category = p.module->category;
      item.module_item = k;
      TOKKI_ASSIGN_OR_RETURN(item.text, printer.Print(src.text));
      for (const auto& sub : src.subs) {
        TOKKI_ASSIGN_OR_RETURN(std::string text, printer.Print(sub.text));
        item.subs.emplace_back(sub.label, std::move(text));
      }
      annex.items.push_back(std::move(item));
    }
  }

  if (!type->measures_set.empty()) {
    const MeasureSet* set = library.FindMeasures(type->measures_set);
    const MeasuresVersion* v = set->VersionFor(edition->id);
    Printer printer{library, params, numbers, set->file};
    MeasuresPart part;
    part.title = set->title;
    part.sources = v->sources;
    for (const auto& g : v->groups) {
      MeasuresPart::Group group;
      group.title = g.title;
      for (const auto& item : g.items) {
        TOKKI_ASSIGN_OR_RETURN(std::string text, printer.Print(item));
        group.items.push_back(std::move(text));
      }
      part.groups.push_back(std::move(group));
    }
    annex.measures = std::move(part);
  }
  return annex;
}

}  // namespace tokki
