#include "text/normalize.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace tokki
