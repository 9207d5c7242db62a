// Batch assembly for the first of April, when hundreds of contracts are renewed at once:
// one profile per line of a JSONL file, {"type", "date", "name", "format"?, parameters...}.
#ifndef TOKKI_ASSEMBLE_BATCH_H_
#define TOKKI_ASSEMBLE_BATCH_H_

#include <string>
#include <string_view>
#include <vector>

#include "assemble/annex.h"
#include "base/status.h"
#include "docx/docx_writer.h"
#include "library/library.h"
#include "report/annex_render.h"

namespace tokki {

struct BatchProfile {
  int line = 0;
  std::string name;  // Output file name without extension.
  AnnexFormat format = AnnexFormat::kDocx;
  AssembleRequest request;
};

// Parses every line (blank lines skipped). Errors name "file:line". Names must be plain file
// names (no directory parts, not hidden) and unique.
Result<std::vector<BatchProfile>> ParseProfiles(std::string_view jsonl, const std::string& file,
                                                AnnexFormat default_format);

struct BatchOutput {
  std::string file_name;  // name + extension.
  std::string data;
};

// Assembles and renders every profile, on up to `threads` threads. All or nothing: the first
// error (in line order) is returned and no output is produced.
Result<std::vector<BatchOutput>> AssembleBatch(const ClauseLibrary& library,
                                               const DocxTemplate& tmpl,
                                               const std::vector<BatchProfile>& profiles,
                                               const std::string& file, unsigned threads);

}  // namespace tokki

#endif  // TOKKI_ASSEMBLE_BATCH_H_
