// Assembly: from a contract type, a date and parameters to the numbered annex with every
// cross-reference printed as a number and every parameter filled in.
#ifndef TOKKI_ASSEMBLE_ANNEX_H_
#define TOKKI_ASSEMBLE_ANNEX_H_

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/status.h"
#include "library/library.h"
#include "text/date.h"

namespace tokki {

struct AssembleRequest {
  std::string type;                           // outsourcing, system-development, ...
  Date date;                                  // Contract date: picks the edition.
  std::map<std::string, std::string> params;  // Overrides and contract values.
};

struct AnnexItem {
  int number = 0;       // Printed number, 1-based.
  std::string heading;  // Printed above this item; empty when it continues the group above.
  std::string module;   // Clause module id.
  std::string category;
  int module_item = 0;  // 1-based index within the module version.
  std::string text;     // Without its number, sub-items excluded.
  std::vector<std::pair<std::string, std::string>> subs;  // (label, text).

  // The item as printed, sub-items included, without its number: "text\n（1）sub…".
  std::string PrintedText() const;
};

struct MeasuresPart {
  struct Group {
    std::string title;
    std::vector<std::string> items;
  };
  std::string title;
  std::vector<Group> groups;
  std::vector<SourceRef> sources;
};

struct Annex {
  std::string type;
  std::string type_name;
  Date date;
  std::string edition;
  std::string edition_name;
  std::string title;     // 特記事項
  std::string subtitle;  // e.g. 再委託等先に遵守させる事項; empty for the whole annex.
  std::vector<std::pair<std::string, std::string>> info;  // Contract block: (label, value).
  std::map<std::string, std::string> params;
  std::vector<AnnexItem> items;
  std::optional<MeasuresPart> measures;
};

// Errors (unknown type, date outside every edition, type refused for the date, missing or
// unknown parameter, reference outside the selected items) come back as kInvalidInput with a
// Japanese message naming the field, e.g. "type: 「foo」は不明な契約種別です".
Result<Annex> Assemble(const ClauseLibrary& library, const AssembleRequest& request);

}  // namespace tokki

#endif  // TOKKI_ASSEMBLE_ANNEX_H_
