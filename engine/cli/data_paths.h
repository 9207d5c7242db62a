// Where tokki finds its data: the clause library (clauses/) and the .docx templates
// (docx-templates/). Both live under one data root: --data DIR, else $TOKKI_DATA_DIR, else the
// source tree the binary was built from.
#ifndef TOKKI_CLI_DATA_PATHS_H_
#define TOKKI_CLI_DATA_PATHS_H_

#include <memory>
#include <string>

#include "base/status.h"
#include "check/rules.h"
#include "docx/docx_writer.h"
#include "library/library.h"

namespace tokki {

struct DataPaths {
  std::string root;            // Data root.
  std::string library;         // Clause library directory (default root/clauses).
  std::string annex_template;  // root/docx-templates/annex.
  std::string rules;           // root/rules/rules.xml.
  std::string rules_schema;    // root/rules/schema/rules.rng.
};

// Resolves the paths from the options given (empty strings: not given).
DataPaths ResolveDataPaths(const std::string& data_root, const std::string& library_dir);

Result<std::shared_ptr<const ClauseLibrary>> LoadLibrary(const DataPaths& paths);
Result<std::shared_ptr<const DocxTemplate>> LoadAnnexTemplate(const DataPaths& paths);
Result<std::shared_ptr<const RuleBook>> LoadRules(const DataPaths& paths,
                                                  RuleBook::LoadOptions options = {});

}  // namespace tokki

#endif  // TOKKI_CLI_DATA_PATHS_H_
