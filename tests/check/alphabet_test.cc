// Compact form (check/alphabet.h): a rewritten pattern must match an encoded text exactly where
// the pattern matches the text.
#include "check/alphabet.h"

#include <gtest/gtest.h>
#include <re2/re2.h>

#include <random>
#include <string>
#include <vector>

namespace tokki {
namespace {

// Codes follow the code points of the characters named: 委 (U+59D4), 止 (U+6B62), 禁 (U+7981),
// 託 (U+8A17) are U+05C0 to U+05C3, and U+05C4 is every other character.
TEST(PatternAlphabetTest, CharactersBecomeCodesAndTheSentenceEndNul) {
  std::optional<PatternAlphabet> a = PatternAlphabet::Build({"委託[^。]{0,5}禁止"});
  ASSERT_TRUE(a.has_value());
  EXPECT_EQ(a->size(), 4);
  EXPECT_EQ(a->Pattern("委託?"), "\\x{5c0}\\x{5c3}?");
  EXPECT_EQ(a->Pattern("。$"), "\\x00$");
  // Not 。: any ASCII byte but 0x00, or any code.
  EXPECT_EQ(a->Pattern("[^。]{0,5}"), "[\\x01-\\x7f\\x{5c0}-\\x{7ff}]{0,5}");
  EXPECT_EQ(a->Pattern("[^禁]"), "[\\x00-\\x7f\\x{5c0}-\\x{5c1}\\x{5c3}-\\x{7ff}]");
  EXPECT_EQ(a->Pattern("[委止a-c]"), "[\\x61-\\x63\\x{5c0}-\\x{5c1}]");
  EXPECT_EQ(a->Pattern("a.\\D"),
            "a[\\x00-\\x09\\x0b-\\x7f\\x{5c0}-\\x{7ff}]"
            "[\\x00-\\x2f\\x3a-\\x7f\\x{5c0}-\\x{7ff}]");
  EXPECT_EQ(a->Text(std::string("委託。\0あa", 14)), std::string("\xd7\x80\xd7\x83\0\x01\xd7\x84"
                                                                 "a",
                                                                 9));
  // A character the alphabet was not built with has no code.
  EXPECT_EQ(a->Pattern("委任"), std::nullopt);
  // Bytes that are not UTF-8 read as the code no pattern names.
  EXPECT_EQ(a->Text("\xff\xe5\xa7"), "\xd7\x84\xd7\x84\xd7\x84");
}

TEST(PatternAlphabetTest, RefusesWhatItCannotRewrite) {
  for (const std::string& pattern : std::vector<std::string>{"\\pP",        "\\p{Han}",
                                                             "\\PC",        "\\x01",
                                                             "\\C",         "\\Q。\\E",
                                                             "[[:cntrl:]]", "[^\\x00-\\x1f]",
                                                             "a\x01",       std::string("[\0]", 3),
                                                             "[\\d-x]",     "[^。",
                                                             "\\1",         "a\\",
                                                             "(?i)委",      "(?s:.)",
                                                             "(?P<n>a)",    "[a-あ]",
                                                             "[一-龥]",     "[\\D]",
                                                             "\xe5\xa7",    "[\x01-a]",
                                                             "[\\x00]"}) {
    EXPECT_EQ(PatternAlphabet::Build({"委託", pattern}), std::nullopt) << pattern;
  }
  EXPECT_TRUE(PatternAlphabet::Build({"委託", "[、-〃]", "\\d\\S\\w.\\.[\\-。]", "[]。]"}));
}

// Every pattern against texts written to reach its edges (the characters it names and others,
// 。, 0x00, 0x01, new lines, ASCII), then against random texts over the same characters: the
// compact form answers as the pattern does on the text itself.
TEST(PatternAlphabetTest, MatchesWhereThePatternDoes) {
  const std::vector<std::string> patterns = {"委託[^。]{0,5}禁止",
                                             "委託[^。]*禁止",
                                             "委託。",
                                             "。$",
                                             "^。",
                                             "[0-9。]{3}",
                                             "[^。再罰]{2}罰",
                                             "委託.禁止",
                                             "委託\\S禁止",
                                             "委託[^、]禁止",
                                             "(?:^|。)第1条",
                                             "委託\\W禁止",
                                             "委託\\D{2}",
                                             "委託?禁止",
                                             "(?:委託)+禁止",
                                             "委{2,3}",
                                             "^[^再罰]*周知[^再罰]*$",
                                             "[、-〃]{2}",
                                             "[^あ-ん]禁",
                                             "[あ-ん]{3,}",
                                             "\\b[a-z]+\\b",
                                             "A.B",
                                             "(委)(託)|禁(止)?",
                                             "[\\]委]+",
                                             "[^)]{0,3}\\)"};
  std::optional<PatternAlphabet> alphabet = PatternAlphabet::Build(patterns);
  ASSERT_TRUE(alphabet.has_value());
  std::vector<std::string> texts = {"",
                                    "。",
                                    "委託。",
                                    "委託禁止",
                                    "委託。禁止",
                                    "委託ああ禁止",
                                    "委託ああ。禁止",
                                    "委託\x01禁止",
                                    std::string("委託\0禁止", 13),
                                    "委託\n禁止",
                                    "委託、禁止",
                                    "委託〃禁止",
                                    "委託x禁止",
                                    "委託1禁止",
                                    "委委委託",
                                    "12。",
                                    "1。2。",
                                    "再罰罰",
                                    "。再罰",
                                    "あ。罰",
                                    "。第1条",
                                    "前。第1条",
                                    "\x01第1条",
                                    "A。B",
                                    "A\nB",
                                    "AあB",
                                    "abc def",
                                    "委託\x01",
                                    "\x01",
                                    std::string("\x01。\0", 5),
                                    "委託。。禁止",
                                    "委託ああああああ禁止",
                                    "職員に周知する",
                                    "再委託先に周知",
                                    "かなかな禁",
                                    "カナ禁",
                                    "]委])",
                                    "漢字)"};
  // Random texts over the characters the patterns name, others, and the awkward bytes.
  const std::vector<std::string> pieces = {"委", "託", "禁", "止",   "再",
                                           "罰", "周", "知", "。",   "、",
                                           "〃", "あ", "ん", "ア",   "漢",
                                           "第", "条", "1",  "a",    "A",
                                           "B",  " ",  "\n", "\x01", std::string(1, '\0'),
                                           ")",  "]"};
  std::mt19937 random(20261123);
  for (int t = 0; t < 3000; ++t) {
    std::string text;
    const size_t length = random() % 12;
    for (size_t k = 0; k < length; ++k) text += pieces[random() % pieces.size()];
    texts.push_back(text);
  }
  size_t matched = 0;
  for (const std::string& pattern : patterns) {
    const RE2 original(pattern);
    ASSERT_TRUE(original.ok()) << pattern;
    const std::optional<std::string> rewritten = alphabet->Pattern(pattern);
    ASSERT_TRUE(rewritten.has_value()) << pattern;
    const RE2 re(*rewritten);
    ASSERT_TRUE(re.ok()) << *rewritten << ": " << re.error();
    EXPECT_EQ(re.NumberOfCapturingGroups(), original.NumberOfCapturingGroups()) << pattern;
    for (const std::string& text : texts) {
      const bool expected = RE2::PartialMatch(text, original);
      matched += expected ? 1 : 0;
      EXPECT_EQ(RE2::PartialMatch(alphabet->Text(text), re), expected) << pattern << "\n" << text;
    }
  }
  EXPECT_GT(matched, 1000u) << "the texts must reach the patterns";
}

}  // namespace
}  // namespace tokki
