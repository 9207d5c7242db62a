// The PDF text wrapper (poppler-cpp) on arbitrary bytes.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "read/document.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  (void)tokki::ReadPdf(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.pdf");
  return 0;
}
