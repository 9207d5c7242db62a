// PDF agreements with a text layer, through poppler-cpp in libtokki_pdf.so (pdf_module.h),
// loaded on the first PDF. Scans without text are refused: tokki does no OCR.
#include <re2/re2.h>

#include <string>
#include <string_view>

#include "base/module.h"
#include "read/document.h"
#include "read/pdf_module.h"

namespace tokki {
namespace {

// A page number printed in a header or footer: 「3」, 「- 3 -」, 「－３－」, 「3/12」, 「3
// ページ」, 「p. 3」. Only the first and the last line of a page are tested: in the body such a
// line is an item number (「1」 alone on a line), and removing it would merge two items.
bool IsPageNumber(std::string_view line) {
  static const RE2 kPageNumber(
      R"(\s*(?:[-－―‐ー—–]\s*)?(?:[pP][.．]?\s*)?[0-9０-９]{1,4})"
      R"((?:\s*[/／]\s*[0-9０-９]{1,4})?(?:\s*(?:ページ|頁))?(?:\s*[-－―‐ー—–])?\s*)");
  return RE2::FullMatch(line, kPageNumber);
}

// The first or last non-blank line of `text`, or npos. [begin, end) of that line.
struct LineSpan {
  size_t begin = std::string::npos, end = std::string::npos;
};
LineSpan EdgeLine(const std::string& text, bool last) {
  constexpr std::string_view kBlank = " \t\r\f\n";
  const size_t at = last ? text.find_last_not_of(kBlank) : text.find_first_not_of(kBlank);
  if (at == std::string::npos) return {};
  const size_t nl_before = text.rfind('\n', at);
  const size_t begin = nl_before == std::string::npos ? 0 : nl_before + 1;
  const size_t nl_after = text.find('\n', at);
  return {begin, nl_after == std::string::npos ? text.size() : nl_after};
}

// Removes the page number from the top and the bottom of a page's text, so that it neither
// reads as an item number nor splits a sentence that runs on to the next page.
void DropPageNumbers(std::string* text) {
  for (bool last : {true, false}) {
    const LineSpan line = EdgeLine(*text, last);
    if (line.begin == std::string::npos) return;
    if (IsPageNumber(std::string_view(*text).substr(line.begin, line.end - line.begin))) {
      text->erase(line.begin, line.end - line.begin);
    }
  }
}

// poppler prints what it finds wrong in a file ("Command token too long", "xref num 2 not
// found") on standard error; tokki reports one line per bad file itself.
constexpr char kModule[] = "libtokki_pdf.so";

// The module's function, or the reason it could not be loaded (base/module.h).
// TOKKI_PDF_MODULE, when set, names the module file.
const ModuleSymbol& LoadModule() {
  static const ModuleSymbol module =
      LoadModuleSymbol(kModule, "TOKKI_PDF_MODULE", TOKKI_PDF_PAGES_SYMBOL);
  return module;
}

// What the page function gathers.
struct PageSink {
  const ReadLimits* limits;
  Document* doc;
  Status status;
};

int OnPage(void* context, int index, const char* text, size_t size) {
  auto& sink = *static_cast<PageSink*>(context);
  std::string page(text, size);
  DropPageNumbers(&page);
  sink.status = AppendLines(page, index, *sink.limits, sink.doc);
  return sink.status.ok() ? 0 : 1;
}

}  // namespace

Result<Document> ReadPdf(std::string_view bytes, const std::string& name,
                         const ReadLimits& limits) {
  if (bytes.size() > limits.max_file_bytes) return Status::Invalid(name + ": PDF が大きすぎます");
  const ModuleSymbol& module = LoadModule();
  if (module.address == nullptr) {
    return Status::Invalid(name + ": PDF を読むモジュールを読み込めません: " + module.error);
  }
  Document doc;
  doc.file = name;
  doc.format = "pdf";
  PageSink sink{&limits, &doc, Status::Ok()};
  const auto pages = reinterpret_cast<TokkiPdfPagesFn>(module.address);
  switch (pages(bytes.data(), bytes.size(), &sink, &OnPage)) {
    case kTokkiPdfOk:
      break;
    case kTokkiPdfLocked:
      return Status::Invalid(name + ": パスワード保護された PDF は読めません");
    case kTokkiPdfStopped:
      return sink.status;
    default:
      return Status::Invalid(name + ": PDF として読めません（破損しているか暗号化されています）");
  }
  if (doc.paragraphs.empty()) {
    return Status::Invalid(name +
                           ": テキストのない PDF です（スキャン画像と思われます。OCR "
                           "には対応していません）");
  }
  return doc;
}

}  // namespace tokki
