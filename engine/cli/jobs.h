// The three jobs (assemble, check, diff) as functions over values and bytes, shared by the
// command line (cli.cc) and the web server (server/): both front ends turn their input into
// the same requests, with the same refusals and messages, and call the same engine.
#ifndef TOKKI_CLI_JOBS_H_
#define TOKKI_CLI_JOBS_H_

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "assemble/annex.h"
#include "base/status.h"
#include "check/checker.h"
#include "cli/data_paths.h"
#include "diff/compare.h"
#include "read/document.h"
#include "report/annex_render.h"
#include "report/diff_render.h"

namespace tokki {

// Everything a long-running front end loads once and shares read-only between threads.
struct EngineData {
  DataPaths paths;
  std::shared_ptr<const ClauseLibrary> library;
  std::shared_ptr<const DocxTemplate> annex_template;
  std::shared_ptr<const RuleBook> rules;
};
Result<EngineData> LoadEngineData(const DataPaths& paths);

// How each front end names its fields in messages: "--type" on the command line, "type" in
// the HTTP API.
struct FieldNames {
  const char* type = "--type";
  const char* date = "--date";
  const char* edition = "--edition";
};
inline constexpr FieldNames kApiFields{"type", "date", "edition"};

// KEY=VALUE strings (--set) into parameters.
Status ParseSets(const std::vector<std::string>& sets, std::map<std::string, std::string>* params);

// Type and date (ISO or era) are required.
Result<AssembleRequest> MakeAssembleRequest(const std::string& type, const std::string& date,
                                            std::map<std::string, std::string> params,
                                            const FieldNames& fields = {});

struct AssembledDocument {
  Annex annex;
  std::string bytes;  // The rendered document.
};
Result<AssembledDocument> AssembleDocument(const ClauseLibrary& library, const DocxTemplate& tmpl,
                                           const AssembleRequest& request, AnnexFormat format);

// What a check holds agreements against: an edition, or else type (default outsourcing) and date.
Result<CheckRequest> MakeCheckRequest(const std::string& type, const std::string& date,
                                      const std::string& edition, const FieldNames& fields = {});

// The reviewer's copy of a checked .docx (`bytes`, named `name`): a Word comment on the
// evidence of each partial finding, and one at the start listing what is missing with the text
// to add; every other part of the document is left as it was. `field` names the option in the
// refusal of a document that is not a .docx.
Result<std::string> AnnotateCheckedDocx(std::string_view bytes, const std::string& name,
                                        const CheckReport& report,
                                        const std::string& field = "--annotate");

// One side of a diff that is an edition of the annex: the annex in force on `date` for `type`,
// the parties nobody gave shown as their labels (〔受託者〕). `field` names the date in messages.
Result<DiffVersion> EditionVersion(const ClauseLibrary& library, const std::string& type,
                                   const std::string& date, const std::string& field,
                                   const std::map<std::string, std::string>& params,
                                   bool headings_in_force = false, const FieldNames& fields = {});

struct DiffOutputOptions {
  std::string author;      // Tracked changes' author; tokki when empty.
  bool underline = false;  // --style underline.
};
// The comparison as txt, html, json or docx; `tmpl` is needed for docx only.
Result<std::string> RenderComparison(const Comparison& comparison, DiffFormat format,
                                     const DocxTemplate* tmpl, const DiffOutputOptions& options);

}  // namespace tokki

#endif  // TOKKI_CLI_JOBS_H_
