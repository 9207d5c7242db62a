// The clause library: versioned clause modules, the editions they form, the contract types
// and the measures sets, loaded from a clauses/ directory and validated against
// clauses/schema/clauses.rng.
//
// A ClauseLibrary is immutable once loaded and is shared read-only between threads
// (std::shared_ptr<const ClauseLibrary>).
#ifndef TOKKI_LIBRARY_LIBRARY_H_
#define TOKKI_LIBRARY_LIBRARY_H_

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "text/date.h"

namespace tokki {

// A piece of clause text: literal text, a parameter, a reference printed as 第N項, or a range
// printed as 第N項から第M項まで. Targets are "module.K": item K (1-based) of that module's
// version in the edition being assembled.
struct Inline {
  enum class Kind { kText, kParam, kRef, kRange };
  Kind kind = Kind::kText;
  std::string text;  // kText: the text; kParam: parameter name; kRef/kRange: (first) target.
  std::string to;    // kRange: last target.
  int line = 0;      // Line in the data file, for errors.
};
using InlineText = std::vector<Inline>;

struct SourceRef {
  std::string seed;     // File name under ../shared/seeds/.
  std::string items;    // Item numbers in that seed, e.g. "15-17".
  std::string section;  // Optional section title.
};

struct ClauseItem {
  struct Sub {
    std::string label;  // （1）, ア
    InlineText text;
  };
  InlineText text;
  std::vector<Sub> subs;
};

struct ModuleVersion {
  std::vector<std::string> editions;
  std::string heading;
  std::vector<SourceRef> sources;
  std::vector<std::string> notes;
  std::vector<ClauseItem> items;
  int line = 0;
};

struct Module {
  std::string id;
  std::string category;
  std::string file;  // Path it was loaded from, for errors.
  std::vector<ModuleVersion> versions;

  // The version worded for edition `edition_id`, or nullptr when the module is not part of it.
  const ModuleVersion* VersionFor(const std::string& edition_id) const;
};

struct Edition {
  std::string id;
  std::string name;
  Date from;
  std::optional<Date> until;  // Last day in force; none for the current edition.
  std::vector<std::string> evidence;
  std::vector<SourceRef> sources;
  std::vector<std::string> notes;
  std::vector<std::string> modules;  // Module ids in printed order.

  bool InForceOn(const Date& d) const { return from <= d && (!until || d <= *until); }
};

struct Parameter {
  std::string name;
  std::string label;
  std::optional<std::string> default_value;
  bool required = false;
  std::vector<std::string> notes;
};

struct ContractType {
  struct Select {
    std::string module;
    int first = 1;  // 1-based, inclusive.
    int last = 0;   // 0: to the module's last item.
  };
  std::string id;
  std::string name;
  std::vector<std::string> requires_params;
  std::optional<Date> from;  // Earliest contract date for this type.
  std::string refusal;       // Message when the date is before `from`.
  std::string annex_title;   // Title of the annex part, when it is not the whole annex.
  bool all_modules = true;
  std::vector<Select> selects;
  std::string measures_set;  // Id of the measures set, or "".
  std::vector<std::string> notes;
};

struct MeasuresVersion {
  struct Group {
    std::string title;
    std::vector<InlineText> items;
  };
  std::vector<std::string> editions;
  std::vector<SourceRef> sources;
  std::vector<std::string> notes;
  std::vector<Group> groups;
};

struct MeasureSet {
  std::string id;
  std::string title;
  std::string file;
  std::vector<MeasuresVersion> versions;

  const MeasuresVersion* VersionFor(const std::string& edition_id) const;
};

class ClauseLibrary {
 public:
  // Loads dir/library.xml, dir/modules/*.xml and dir/measures/*.xml, validating each against
  // dir/schema/clauses.rng and then checking the library as a whole: every module an edition
  // lists exists with one version for it, every reference resolves in every edition, every
  // parameter used is declared. Errors name the file and line.
  static Result<std::shared_ptr<const ClauseLibrary>> Load(const std::string& dir);

  const std::string& name() const { return name_; }
  const std::string& dir() const { return dir_; }
  const std::vector<Edition>& editions() const { return editions_; }  // Oldest first.
  const std::vector<Parameter>& parameters() const { return parameters_; }
  const std::vector<ContractType>& types() const { return types_; }
  const std::map<std::string, Module>& modules() const { return modules_; }
  const std::map<std::string, MeasureSet>& measures() const { return measures_; }

  const Edition* EditionOn(const Date& date) const;
  const Edition* FindEdition(const std::string& id) const;
  const Module* FindModule(const std::string& id) const;
  const ContractType* FindType(const std::string& id) const;
  const MeasureSet* FindMeasures(const std::string& id) const;
  const Parameter* FindParameter(const std::string& name) const;

 private:
  ClauseLibrary() = default;
  Status Validate() const;

  std::string name_;
  std::string dir_;
  std::vector<Edition> editions_;
  std::vector<Parameter> parameters_;
  std::vector<ContractType> types_;
  std::map<std::string, Module> modules_;
  std::map<std::string, MeasureSet> measures_;
  std::string library_file_;
};

// "module.K" → (module, K). Returns nullopt when malformed.
std::optional<std::pair<std::string, int>> ParseTarget(const std::string& target);

}  // namespace tokki

#endif  // TOKKI_LIBRARY_LIBRARY_H_
