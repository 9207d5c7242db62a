#include "cli/data_paths.h"

#include <cstdlib>

#ifndef TOKKI_DEFAULT_DATA_DIR
#define TOKKI_DEFAULT_DATA_DIR "."
#endif

namespace tokki {

DataPaths ResolveDataPaths(const std::string& data_root, const std::string& library_dir) {
  DataPaths p;
  if (!data_root.empty()) {
    p.root = data_root;
  } else if (const char* env = std::getenv("TOKKI_DATA_DIR"); env != nullptr && *env != '\0') {
    p.root = env;
  } else {
    p.root = TOKKI_DEFAULT_DATA_DIR;
  }
  p.library = library_dir.empty() ? p.root + "/clauses" : library_dir;
  p.annex_template = p.root + "/docx-templates/annex";
  p.rules = p.root + "/rules/rules.xml";
  p.rules_schema = p.root + "/rules/schema/rules.rng";
  return p;
}

Result<std::shared_ptr<const ClauseLibrary>> LoadLibrary(const DataPaths& paths) {
  return ClauseLibrary::Load(paths.library);
}

Result<std::shared_ptr<const DocxTemplate>> LoadAnnexTemplate(const DataPaths& paths) {
  return DocxTemplate::Load(paths.annex_template);
}

}  // namespace tokki

namespace tokki {

Result<std::shared_ptr<const RuleBook>> LoadRules(const DataPaths& paths,
                                                  RuleBook::LoadOptions options) {
  return RuleBook::Load(paths.rules, paths.rules_schema, options);
}

}  // namespace tokki
