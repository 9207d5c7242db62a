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

TEST(TextReaderTest, ControlCharactersAreNotText) {
  // A control character names its line; a trailing Ctrl-Z (old DOS editors) is fine.
  auto doc = ReadText("第1条\n乙は、\x01秘密を守る。\n", "x.txt");
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().message().rfind("x.txt:2: テキストファイルではありません", 0), 0u)
      << doc.status().message();
  // C1 controls (U+0080–U+009F) too.
  EXPECT_FALSE(ReadText("乙は\xC2\x85秘密を守る。", "x.txt").ok());
  auto dos = ReadText("乙は、秘密を守る。\r\n\x1A", "x.txt");
  ASSERT_TRUE(dos.ok()) << dos.status().message();
  EXPECT_EQ(dos->paragraphs.size(), 1u);
}

TEST(TextReaderTest, ShiftJisOnlyWhenItGivesKana) {
  // Latin-1 "données à protéger" decodes as Shift_JIS without error (kanji and half-width
  // katakana) but has no kana: refused rather than read as nonsense.
  auto latin1 = ReadText("donn\xE9\x65s \xE0 prot\xE9ger\n", "x.txt");
  ASSERT_FALSE(latin1.ok());
  EXPECT_NE(latin1.status().message().find("文字コードを判別できません"), std::string::npos);
  // Shift_JIS with kana: 「乙は」.
  auto sjis = ReadText("\x89\xB3\x82\xCD", "x.txt");
  ASSERT_TRUE(sjis.ok()) << sjis.status().message();
  EXPECT_EQ(sjis->paragraphs[0].text, "乙は");
}

TEST(TextReaderTest, LongLineRefused) {
  ReadLimits limits;
  limits.max_paragraph_bytes = 30;
  EXPECT_TRUE(ReadText("乙は、秘密を守る。\n", "x.txt", limits).ok());  // 27 bytes.
  auto doc = ReadText("第1条\n乙は、個人情報の秘密を守る。\n", "x.txt", limits);
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().message().rfind("x.txt: 段落 2 が長すぎます", 0), 0u)
      << doc.status().message();
}

}  // namespace
}  // namespace tokki
