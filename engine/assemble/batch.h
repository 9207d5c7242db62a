// Batch assembly for the first of April, when hundreds of contracts are renewed at once:
// one profile per line of a JSONL file, {"type", "date", "name", "format"?, parameters...}.
#ifndef TOKKI_ASSEMBLE_BATCH_H_
#define TOKKI_ASSEMBLE_BATCH_H_

#include <functional>
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

// Receives each rendered document, from the worker threads: must be thread-safe.
using BatchSink = std::function<Status(const BatchProfile& profile, const std::string& file_name,
                                       std::string data)>;

// Assembles and renders every profile on up to `threads` threads and hands each document to
// `sink` as soon as it is ready (so a batch of 10,000 does not sit in memory). Stops at the
// first error and returns the error of the earliest line that failed, as "file:line: ...";
// the caller discards whatever the sink received (see StagedFiles).
Status AssembleBatch(const ClauseLibrary& library, const DocxTemplate& tmpl,
                     const std::vector<BatchProfile>& profiles, const std::string& file,
                     unsigned threads, const BatchSink& sink);

}  // namespace tokki

#endif  // TOKKI_ASSEMBLE_BATCH_H_
