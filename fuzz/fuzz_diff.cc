// The text diff on two texts split from the input at its first NUL byte, with and without
// white space and width differences ignored and counted. Aborts unless the runs give back
// both texts, which DiffText promises for any input.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "diff/diff.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view all(reinterpret_cast<const char*>(data), size);
  const size_t cut = all.find('\0');
  const std::string_view old_text = all.substr(0, cut);
  const std::string_view new_text = cut == std::string_view::npos ? "" : all.substr(cut + 1);
  for (bool exact : {false, true}) {
    tokki::TextDiffOptions options;
    options.ignore_format = !exact;
    options.max_edit_distance = 2000;
    auto ops = tokki::DiffText(old_text, new_text, options);
    if (tokki::OldText(ops) != old_text || tokki::NewText(ops) != new_text) abort();
  }
  return 0;
}
