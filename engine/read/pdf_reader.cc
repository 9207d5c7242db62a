// PDF agreements with a text layer, through poppler-cpp in libtokki_pdf.so (pdf_module.h),
// loaded on the first PDF. Scans without text are refused: tokki does no OCR.
#include <dlfcn.h>
#include <re2/re2.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

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

// The module's function, or the reason it could not be loaded. TOKKI_PDF_MODULE, when set,
// names the module file (for packagers, and for the tests of a missing module); otherwise it
// is looked for next to the running program, then in the build directory (where the tests
// run from).
struct Module {
  TokkiPdfPagesFn pages = nullptr;
  std::string error;
};

const Module& LoadModule() {
  static const Module module = [] {
    Module m;
    std::vector<std::string> paths;
    if (const char* env = std::getenv("TOKKI_PDF_MODULE"); env != nullptr && *env != '\0') {
      paths.emplace_back(env);
    } else {
      std::error_code ec;
      std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", ec);
      if (!ec) paths.push_back((self.parent_path() / kModule).string());
      paths.push_back((std::filesystem::path(TOKKI_MODULE_DIR) / kModule).string());
    }
    for (const std::string& path : paths) {
      std::error_code ec;
      if (!std::filesystem::exists(path, ec)) continue;
      void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
      if (handle == nullptr) {
        const char* why = dlerror();
        m.error = why != nullptr ? why : path;
        return m;
      }
      m.pages = reinterpret_cast<TokkiPdfPagesFn>(dlsym(handle, TOKKI_PDF_PAGES_SYMBOL));
      if (m.pages == nullptr) m.error = path + ": " + TOKKI_PDF_PAGES_SYMBOL + " がありません";
      return m;  // Never closed: loaded once for the life of the process.
    }
    m.error = paths.front() + " が見つかりません";
    return m;
  }();
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
  const Module& module = LoadModule();
  if (module.pages == nullptr) {
    return Status::Invalid(name + ": PDF を読むモジュールを読み込めません: " + module.error);
  }
  Document doc;
  doc.file = name;
  doc.format = "pdf";
  PageSink sink{&limits, &doc, Status::Ok()};
  switch (module.pages(bytes.data(), bytes.size(), &sink, &OnPage)) {
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
