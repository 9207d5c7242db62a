#include "base/file.h"
#include "read/document.h"

namespace tokki {

Result<Document> ReadDocument(const std::string& path, const ReadLimits& limits) {
  TOKKI_ASSIGN_OR_RETURN(std::string bytes, ReadFile(path, limits.max_file_bytes));
  if (bytes.empty()) return Status::Invalid(path + ": 空のファイルです");
  std::string_view b(bytes);
  // By content, not by extension: vendors rename files.
  if (b.substr(0, 4) == "PK\x03\x04" || b.substr(0, 8) == "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
    return ReadDocx(b, path, limits);
  }
  if (b.substr(0, 5) == "%PDF-") return ReadPdf(b, path, limits);
  return ReadText(b, path, limits);
}

}  // namespace tokki
