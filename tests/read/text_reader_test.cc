#include <gtest/gtest.h>

#include "read/document.h"

namespace tokki {
namespace {

TEST(TextReaderTest, ReadsUtf8Utf16AndShiftJis) {
  const std::string utf8 = "第1条（秘密の保持）\n乙は、秘密を漏らしてはならない。\n";
  // The same text in Shift_JIS and UTF-16LE with BOM (bytes written out, not converted here).
  const std::string sjis =
      "\x91\xE6\x31\x8F\xF0\x81\x69\x94\xE9\x96\xA7\x82\xCC\x95\xDB\x8E\x9D\x81\x6A\r\n"
      "\x89\xB3\x82\xCD\x81\x41\x94\xE9\x96\xA7\x82\xF0\x98\x52\x82\xE7\x82\xB5\x82\xC4\x82\xCD"
      "\x82\xC8\x82\xE7\x82\xC8\x82\xA2\x81\x42\r\n";
  std::u16string u16 = u"\uFEFF第1条（秘密の保持）\r\n乙は、秘密を漏らしてはならない。\r\n";
  const std::string utf16(reinterpret_cast<const char*>(u16.data()), u16.size() * 2);
  for (const auto& [bytes, label] :
       {std::pair{utf8, "utf8"}, std::pair{"\xEF\xBB\xBF" + utf8, "bom"}, std::pair{sjis, "sjis"},
        std::pair{utf16, "utf16"}}) {
    auto doc = ReadText(bytes, label);
    ASSERT_TRUE(doc.ok()) << label << ": " << doc.status().message();
    ASSERT_EQ(doc->paragraphs.size(), 2u) << label;
    EXPECT_EQ(doc->paragraphs[0].text, "第1条（秘密の保持）") << label;
    EXPECT_EQ(doc->paragraphs[1].text, "乙は、秘密を漏らしてはならない。") << label;
    EXPECT_EQ(doc->paragraphs[1].index, 2) << label;
  }
}

TEST(TextReaderTest, RefusesBinary) {
  auto doc =
      ReadText(std::string("\x00\x01\x02\xFF\xFE\x80", 6) + std::string(100, '\x81'), "x.bin");
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().message().rfind("x.bin: ", 0), 0u);
}

}  // namespace
}  // namespace tokki
