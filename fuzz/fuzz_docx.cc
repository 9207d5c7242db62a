// The .docx reader on arbitrary bytes, accepting and rejecting tracked changes; a document
// that reads is segmented as a check would.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "check/segment.h"
#include "read/document.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  tokki::ReadLimits limits;
  limits.max_entry_bytes = 4 << 20;
  limits.max_total_bytes = 16 << 20;
  for (auto changes : {tokki::TrackedChanges::kAccept, tokki::TrackedChanges::kReject}) {
    auto doc = tokki::ReadDocx(bytes, "fuzz.docx", limits, changes);
    if (doc.ok()) (void)tokki::SegmentProvisions(*doc);
  }
  return 0;
}
