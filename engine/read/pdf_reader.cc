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
  for (int i = 0; i < pdf->pages(); ++i) {
    std::unique_ptr<poppler::page> page(pdf->create_page(i));
    if (!page) continue;
    poppler::byte_array utf8 =
        page->text(poppler::rectf(), poppler::page::physical_layout).to_utf8();
    std::string text(utf8.begin(), utf8.end());
    TOKKI_RETURN_IF_ERROR(AppendLines(text, i + 1, limits, &doc));
  }
  if (doc.paragraphs.empty()) {
    return Status::Invalid(name +
                           ": テキストのない PDF です（スキャン画像と思われます。OCR "
                           "には対応していません）");
  }
  return doc;
}

}  // namespace tokki
