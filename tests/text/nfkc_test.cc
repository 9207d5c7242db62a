// Nfkc normalises most text without ICU (NfkcOfCommonText in text/normalize.cc); it must give
// ICU's NFKC for every character, alone and between neighbours that compose or reorder with
// what comes before or after them.
#include <gtest/gtest.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <string>
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

}  // namespace
}  // namespace tokki
