// PDF agreements with a text layer, through poppler-cpp. Scans without text are refused: tokki
// does no OCR.
#include <poppler-document.h>
#include <poppler-page.h>

#include <memory>

#include "read/document.h"

namespace tokki {

Result<Document> ReadPdf(std::string_view bytes, const std::string& name,
                         const ReadLimits& limits) {
  if (bytes.size() > limits.max_file_bytes) return Status::Invalid(name + ": PDF が大きすぎます");
  // poppler copies nothing: the buffer must outlive the document.
  std::vector<char> data(bytes.begin(), bytes.end());
  std::unique_ptr<poppler::document> pdf(
      poppler::document::load_from_raw_data(data.data(), static_cast<int>(data.size())));
  if (!pdf)
    return Status::Invalid(name + ": PDF として読めません（破損しているか暗号化されています）");
  if (pdf->is_locked()) return Status::Invalid(name + ": パスワード保護された PDF は読めません");
  Document doc;
  doc.file = name;
  doc.format = "pdf";
  size_t text_chars = 0;
  for (int i = 0; i < pdf->pages(); ++i) {
    std::unique_ptr<poppler::page> page(pdf->create_page(i));
    if (!page) continue;
    poppler::byte_array utf8 =
        page->text(poppler::rectf(), poppler::page::physical_layout).to_utf8();
    std::string text(utf8.begin(), utf8.end());
    size_t pos = 0;
    while (pos <= text.size()) {
      size_t nl = text.find('\n', pos);
      if (nl == std::string::npos) nl = text.size();
      std::string line = text.substr(pos, nl - pos);
      pos = nl + 1;
      while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\f')) {
        line.pop_back();
      }
      size_t first = line.find_first_not_of(" \f");
      if (first != std::string::npos) {
        if (doc.paragraphs.size() >= limits.max_paragraphs) {
          return Status::Invalid(name + ": 段落が多すぎます");
        }
        Paragraph p;
        p.text = line.substr(first);
        text_chars += p.text.size();
        p.index = static_cast<int>(doc.paragraphs.size()) + 1;
        p.page = i + 1;
        doc.paragraphs.push_back(std::move(p));
      }
      if (nl == text.size()) break;
    }
  }
  if (text_chars == 0) {
    return Status::Invalid(name +
                           ": テキストのない PDF です（スキャン画像と思われます。OCR "
                           "には対応していません）");
  }
  return doc;
}

}  // namespace tokki
