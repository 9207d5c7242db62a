#include <algorithm>
#include <cctype>

#include "base/file.h"
#include "read/document.h"

namespace tokki {

Status CheckParagraphSize(const std::string& file, int index, size_t bytes,
                          const ReadLimits& limits) {
  if (bytes <= limits.max_paragraph_bytes) return Status::Ok();
  return Status::Invalid(file + ": 段落 " + std::to_string(index) + " が長すぎます (" +
                         std::to_string(bytes >> 10) + " KiB、上限 " +
                         std::to_string(limits.max_paragraph_bytes >> 10) + " KiB)");
}

Status AppendLines(std::string_view text, int page, const ReadLimits& limits, Document* doc) {
  constexpr std::string_view kBlank = " \t\r\f";
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(pos, nl - pos);
    pos = nl + 1;
    size_t first = line.find_first_not_of(kBlank);
    if (first == std::string_view::npos) continue;
    line = line.substr(first, line.find_last_not_of(kBlank) - first + 1);
    if (doc->paragraphs.size() >= limits.max_paragraphs) {
      return Status::Invalid(doc->file + ": 段落が多すぎます");
    }
    Paragraph p;
    p.index = static_cast<int>(doc->paragraphs.size()) + 1;
    TOKKI_RETURN_IF_ERROR(CheckParagraphSize(doc->file, p.index, line.size(), limits));
    p.text = std::string(line);
    p.page = page;
    doc->paragraphs.push_back(std::move(p));
  }
  return Status::Ok();
}

Result<Document> ReadDocumentBytes(std::string_view b, const std::string& name,
                                   const ReadLimits& limits) {
  if (b.empty()) return Status::Invalid(name + ": 空のファイルです");
  if (b.size() > limits.max_file_bytes) {
    return Status::Invalid(name + ": ファイルが大きすぎます (" + std::to_string(b.size()) +
                           " bytes)");
  }
  // By content, not by extension: vendors rename files. (A legacy .doc, an OLE package, goes
  // to the docx reader, which names it.)
  if (b.substr(0, 4) == "PK\x03\x04" || b.substr(0, 8) == "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
    return ReadDocx(b, name, limits);
  }
  if (b.substr(0, 5) == "%PDF-") return ReadPdf(b, name, limits);
  // Anything else is read as text, unless its name says it is a document of another kind.
  const size_t dot = name.find_last_of("./");
  if (dot != std::string::npos && name[dot] == '.') {
    std::string ext = name.substr(dot);
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (ext == ".docx" || ext == ".docm" || ext == ".doc" || ext == ".pdf") {
      return Status::Invalid(name + ": 拡張子は " + ext +
                             " ですが、中身は Word 文書 (.docx) でも PDF でもありません");
    }
  }
  return ReadText(b, name, limits);
}

Result<Document> ReadDocument(const std::string& path, const ReadLimits& limits) {
  // Not TOKKI_ASSIGN_OR_RETURN: through it GCC 12 warns (-Wmaybe-uninitialized) that the
  // string may be used uninitialised below, a false positive.
  Result<std::string> read = ReadFile(path, limits.max_file_bytes);
  if (!read.ok()) return read.status();
  return ReadDocumentBytes(*read, path, limits);
}

}  // namespace tokki
