// The interface between tokki and libtokki_pdf.so, the module that reads PDF through
// poppler-cpp. poppler and the twenty libraries it brings (fonts, images, NSS) are loaded
// only when a PDF is read: linked into tokki they cost every run about 10 ms of start-up
// (bench/README.md). Plain C, so that nothing but this header is shared.
#ifndef TOKKI_READ_PDF_MODULE_H_
#define TOKKI_READ_PDF_MODULE_H_

#include <stddef.h>

extern "C" {

// Called once per page, first to last (index from 1), with the page's text in UTF-8 as
// poppler lays it out physically. Returns 0 to go on, anything else to stop.
typedef int (*TokkiPdfPageFn)(void* context, int index, const char* text, size_t size);

enum TokkiPdfResult {
  kTokkiPdfOk = 0,
  kTokkiPdfUnreadable = 1,  // Not a PDF poppler can open (damaged, or encrypted).
  kTokkiPdfLocked = 2,      // Password-protected.
  kTokkiPdfStopped = 3,     // The page function asked to stop.
};

// Reads the PDF in data[0, size) (which must stay valid for the call).
typedef int (*TokkiPdfPagesFn)(const char* data, size_t size, void* context, TokkiPdfPageFn page);

// The module's one exported function, of type TokkiPdfPagesFn.
#define TOKKI_PDF_PAGES_SYMBOL "tokki_pdf_pages"

}  // extern "C"

#endif  // TOKKI_READ_PDF_MODULE_H_
