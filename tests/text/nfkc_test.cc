// Nfkc normalises most text without ICU (NfkcOfCommonText in text/normalize.cc); it must give
// ICU's NFKC for every character, alone and between neighbours that compose or reorder with
// what comes before or after them.
#include <gtest/gtest.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <string>
#include <utility>
#include <vector>

#include "text/normalize.h"

namespace tokki {
namespace {

std::string IcuNfkc(const std::string& utf8) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFKCInstance(status);
  EXPECT_TRUE(U_SUCCESS(status));
  icu::UnicodeString out = n->normalize(icu::UnicodeString::fromUTF8(utf8), status);
  EXPECT_TRUE(U_SUCCESS(status));
  std::string s;
  out.toUTF8String(s);
  return s;
}

std::string Utf8(UChar32 c) {
  std::string s;
  icu::UnicodeString(c).toUTF8String(s);
  return s;
}

TEST(NfkcTest, EveryBmpCharacterInContextIsIcusNfkc) {
  // Neighbours that compose with a following mark (か, カ, ｶ, A, the jamo ᄀ and the syllable
  // 가), combining marks and jamo that compose with what precedes them, and plain text.
  const std::vector<std::string> before = {"",   "か", "カ",      "ｶ",       "A",
                                           "ᄀ", "가", "a\u0301", "第１条　"};
  const std::vector<std::string> after = {"",       "\u3099", "\u309A", "ﾞ",     "\u0301",
                                          "\u1161", "\u11A8", "\u0323", "です。"};
  for (UChar32 c = 1; c <= 0xFFFF; ++c) {
    if (c >= 0xD800 && c <= 0xDFFF) continue;
    const std::string ch = Utf8(c);
    for (const std::string& b : before) {
      const std::string text = b + ch;
      ASSERT_EQ(Nfkc(text), IcuNfkc(text)) << std::hex << c;
    }
    for (const std::string& a : after) {
      const std::string text = ch + a;
      ASSERT_EQ(Nfkc(text), IcuNfkc(text)) << std::hex << c;
    }
  }
}

TEST(NfkcTest, TextOfAgreements) {
  const char* texts[] = {
      "第１条（目的）　この契約は、甲が乙に委託する業務の取扱いを定める。",
      "（１）　個人情報の保護に関する法律（平成１５年法律第５７号）",
      "① 受託者は、委託者の指示に従い…個人情報を取り扱うものとする。",
      "⑩⑪⑳ ａｂｃ ＡＢＣ ～ ！？",
      "ｶﾞｲﾄﾞﾗｲﾝ ﾊﾟｿｺﾝ",
      "㈱トッキ　℡ ０３－１２３４－５６７８ ㍻３１年",
      "ﬁ ｘ² ½ Å Å",
      "\xED\xA0\x80 ill-formed \xC0\xAF \xE3\x80",
      "\xE3\x80\x80\xE3\x80",
      "",
  };
  for (const char* t : texts) EXPECT_EQ(Nfkc(t), IcuNfkc(t)) << t;
}

// NormalizeForCompare looks up the White_Space property only for the characters that can
// have it: it must drop exactly the White_Space characters of the NFKC text.
TEST(NfkcTest, NormalizeForCompareDropsExactlyTheWhiteSpace) {
  for (UChar32 c = 1; c <= 0xFFFF; ++c) {
    if (c >= 0xD800 && c <= 0xDFFF) continue;
    const std::string text = "第" + Utf8(c) + "一" + Utf8(c);
    const icu::UnicodeString nfkc = icu::UnicodeString::fromUTF8(IcuNfkc(text));
    icu::UnicodeString kept;
    for (int32_t i = 0; i < nfkc.length();) {
      const UChar32 k = nfkc.char32At(i);
      if (!u_isUWhiteSpace(k)) kept.append(k);
      i += U16_LENGTH(k);
    }
    std::string expected;
    kept.toUTF8String(expected);
    ASSERT_EQ(NormalizeForCompare(text), expected) << std::hex << c;
  }
}

// NfkcToMatchForm reads kanji numerals after 第 and before a counter, or before 回, in text
// with white space, ill-formed bytes and numerals that count nothing.
TEST(NfkcTest, NfkcToMatchFormReadsCountedNumerals) {
  const std::pair<const char*, const char*> cases[] = {
      {"第三条", "第3条"},
      {"第 十五 項", "第15項"},
      {"第\n二十\n号", "第20号"},
      {"年一回", "年1回"},
      {"〇第一章", "〇第1章"},
      {"第三者", "第三者"},
      {"一切の第三", "一切の第三"},
      {"第一", "第一"},
      {"十条", "十条"},
      {"第一条第二項第三号", "第1条第2項第3号"},
      {"同一の第十一条", "同一の第11条"},
      {"第七節及び百回", "第7節及び100回"},
      {"\xE7\xAC第三条", "\xE7\xAC第3条"},
      {"\xAC\xAC三条", "\xAC\xAC三条"},
      {"\xE4\xB8 三回",
       "\xE4\xB8"
       "3回"},
  };
  for (const auto& [in, out] : cases) EXPECT_EQ(NfkcToMatchForm(in), out) << in;
}

}  // namespace
}  // namespace tokki
