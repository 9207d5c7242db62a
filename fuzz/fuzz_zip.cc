// The zip reader on arbitrary bytes: open, then inflate every entry under small limits.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "zip/zip_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  tokki::ZipLimits limits;
  limits.max_entries = 200;
  limits.max_entry_bytes = 4 << 20;
  limits.max_total_bytes = 16 << 20;
  auto zip = tokki::ZipReader::Open(std::string_view(reinterpret_cast<const char*>(data), size),
                                    "fuzz.docx", limits);
  if (!zip.ok()) return 0;
  for (const auto& name : (*zip)->entries()) {
    (void)(*zip)->Read(name);
    (void)(*zip)->StoredForm(name);
  }
  return 0;
}
