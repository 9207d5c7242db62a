// The date parser: ISO dates and the Japanese era forms officers write (令和5年4月1日, R5.4.1,
// 平成二十九年九月十三日, 元年).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "text/date.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)tokki::ParseDate(text);
  (void)tokki::ParseIsoDate(text);
  return 0;
}
