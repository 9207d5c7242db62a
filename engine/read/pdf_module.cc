// libtokki_pdf.so: the text of each page of a PDF, through poppler-cpp (see pdf_module.h).
#include "read/pdf_module.h"

#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page.h>

#include <climits>
#include <memory>

namespace {

void SilencePoppler() {
  static const bool once = [] {
    poppler::set_debug_error_function([](const std::string&, void*) {}, nullptr);
    return true;
  }();
  (void)once;
}

int Pages(const char* data, size_t size, void* context, TokkiPdfPageFn page) {
  SilencePoppler();
  // poppler reads `data` in place (it copies nothing): the caller's buffer outlives the
  // document, which is destroyed before this returns.
  std::unique_ptr<poppler::document> pdf(
      poppler::document::load_from_raw_data(data, static_cast<int>(size)));
  if (!pdf) return kTokkiPdfUnreadable;
  if (pdf->is_locked()) return kTokkiPdfLocked;
  for (int i = 0; i < pdf->pages(); ++i) {
    std::unique_ptr<poppler::page> p(pdf->create_page(i));
    if (!p) continue;
    poppler::byte_array utf8 = p->text(poppler::rectf(), poppler::page::physical_layout).to_utf8();
    if (page(context, i + 1, utf8.data(), utf8.size()) != 0) return kTokkiPdfStopped;
  }
  return kTokkiPdfOk;
}

}  // namespace

extern "C" __attribute__((visibility("default"))) int tokki_pdf_pages(const char* data, size_t size,
                                                                      void* context,
                                                                      TokkiPdfPageFn page) {
  if (size > INT_MAX) return kTokkiPdfUnreadable;
  try {
    return Pages(data, size, context, page);
  } catch (...) {  // Nothing may cross the C interface; poppler-cpp does not throw, new may.
    return kTokkiPdfUnreadable;
  }
}
