// The plain-text reader (encoding detection, control characters, line limits) and the
// segmentation of what it reads.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "check/segment.h"
#include "read/document.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto doc =
      tokki::ReadText(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.txt");
  if (doc.ok()) (void)tokki::SegmentProvisions(*doc);
  return 0;
}
