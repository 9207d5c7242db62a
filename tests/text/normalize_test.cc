#include "text/normalize.h"

#include <gtest/gtest.h>
#include <unicode/rbnf.h>

#include <memory>
#include <string>

namespace tokki {
namespace {

TEST(NormalizeTest, NfkcFoldsWidthAndRemovesWhiteSpace) {
  EXPECT_EQ(NormalizeForCompare("第 １２ 項\n の場合"), "第12項の場合");
  EXPECT_EQ(NormalizeForCompare("（基本的事項）"), "(基本的事項)");
  EXPECT_EQ(NormalizeForCompare("ｶﾀｶﾅ　ＡＢＣ"), "カタカナABC");
}

TEST(NormalizeTest, ParsesJapaneseNumbers) {
  struct Case {
    const char* text;
    long long value;
  } cases[] = {{"15", 15},     {"１５", 15},       {"十五", 15},          {"二十九", 29},
               {"三十一", 31}, {"二〇二三", 2023}, {"千九百八十九", 1989}};
  for (const auto& c : cases) {
    auto v = ParseJapaneseNumber(c.text);
    ASSERT_TRUE(v.has_value()) << c.text;
    EXPECT_EQ(*v, c.value) << c.text;
  }
  EXPECT_FALSE(ParseJapaneseNumber("十五条").has_value());
  EXPECT_FALSE(ParseJapaneseNumber("").has_value());
  EXPECT_FALSE(ParseJapaneseNumber("abc").has_value());
}

// Found by fuzz_date: units that add up past 9,999 (「二千二千九千」 is 13,000) indexed past the
// digit table when the usual form was written back (an out-of-bounds read under UBSan). Such
// a text has no usual form and goes to ICU, which does not read it as one number.
TEST(NormalizeTest, UnitsAddingUpPastNineThousandAreNotAUsualNumber) {
  for (const char* text : {"二千二千九千", "九千九千", "千千千千千千千千千千千"}) {
    EXPECT_FALSE(ParseJapaneseNumber(text).has_value()) << text;
  }
}

// ParseJapaneseNumber reads the usual forms (十五, 千九百八十九) itself and leaves the rest to
// ICU's rule-based parser: every number ICU writes in Japanese below 10,000 must read back,
// as the number ICU wrote.
TEST(NormalizeTest, ReadsEveryNumberIcuWrites) {
  UErrorCode status = U_ZERO_ERROR;
  icu::RuleBasedNumberFormat rbnf(icu::URBNF_SPELLOUT, icu::Locale("ja"), status);
  ASSERT_TRUE(U_SUCCESS(status));
  for (int v = 1; v < 10000; ++v) {
    icu::UnicodeString written;
    rbnf.format(static_cast<int32_t>(v), written);
    std::string utf8;
    written.toUTF8String(utf8);
    auto read = ParseJapaneseNumber(utf8);
    ASSERT_TRUE(read.has_value()) << utf8;
    EXPECT_EQ(*read, v) << utf8;
  }
}

TEST(NormalizeTest, NfkcToMatchFormOfNfkcIsNormalizeForMatch) {
  for (const char* text :
       {"第十五条　秘密の保持\n 乙は、年一回 以上", "ｶﾀｶﾅ\u00a0ＡＢＣ\u2003第三者",
        "第二十項\u3000", "\u0085x\u2028y\u1680z", "が\u3099"}) {
    EXPECT_EQ(NfkcToMatchForm(Nfkc(text)), NormalizeForMatch(text)) << text;
  }
  EXPECT_EQ(NormalizeForMatch("第十五条 年一回\u2028第三者"), "第15条年1回第三者");
}

}  // namespace
}  // namespace tokki
