// PatternSet (check/rules.h) and the AtomMatcher under it must report exactly the patterns
// that RE2 finds one by one: the prefilter may only skip patterns that cannot match.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "check/atom_matcher.h"
#include "check/rules.h"
#include "check/segment.h"
#include "read/document.h"

namespace tokki {
namespace {

std::vector<int> Sorted(std::vector<int> v) {
  std::sort(v.begin(), v.end());
  return v;
}

std::vector<int> Find(const AtomMatcher& m, std::string_view text) {
  std::vector<int> found;
  m.Find(text, &found);
  return Sorted(found);
}

TEST(AtomMatcherTest, FindsOverlappingNestedAndRepeatedAtoms) {
  const AtomMatcher m({"個人情報", "情報", "個人", "情報保護", "報告", "甲"});
  EXPECT_EQ(Find(m, "個人情報保護"), (std::vector<int>{0, 1, 2, 3}));
  EXPECT_EQ(Find(m, "情報を報告"), (std::vector<int>{1, 4}));
  EXPECT_EQ(Find(m, "甲甲甲と乙"), (std::vector<int>{5}));
  EXPECT_EQ(Find(m, "乙は丙に"), (std::vector<int>{}));
  EXPECT_EQ(Find(m, ""), (std::vector<int>{}));
  // A partial UTF-8 match must not count: 報 alone shares its first bytes with 報告.
  EXPECT_EQ(Find(m, "報"), (std::vector<int>{}));
}

TEST(AtomMatcherTest, FoldsAsciiCaseAndReportsOtherCasedAtomsAlways) {
  // FilteredRE2 hands over lowercased atoms.
  const AtomMatcher m({"usb", "pdca", "σ"});
  EXPECT_EQ(Find(m, "USBメモリ"), (std::vector<int>{0, 2}));
  EXPECT_EQ(Find(m, "PdCaサイクル"), (std::vector<int>{1, 2}));
  EXPECT_EQ(Find(m, "なし"), (std::vector<int>{2})) << "σ may match Σ: never filtered out";
}

// Every pattern set of rules/rules.xml against every provision (and sentence) of the labelled
// corpus: the set's answer equals running each pattern alone.
TEST(PatternSetTest, ReportsExactlyWhatEachPatternFindsAlone) {
  auto rules = RuleBook::Load(TOKKI_SOURCE_DIR "/rules/rules.xml",
                              TOKKI_SOURCE_DIR "/rules/schema/rules.rng");
  ASSERT_TRUE(rules.ok()) << rules.status().message();
  std::vector<std::string> texts = {"", "USB", "第1条", "(秘密の保持)"};
  for (const auto& entry :
       std::filesystem::directory_iterator(TOKKI_SOURCE_DIR "/tests/corpus/files")) {
    const std::string ext = entry.path().extension();
    if (ext != ".docx" && ext != ".txt" && ext != ".pdf") continue;
    auto doc = ReadDocument(entry.path());
    ASSERT_TRUE(doc.ok()) << doc.status().message();
    for (const Provision& p : SegmentProvisions(*doc)) {
      texts.push_back(p.norm_heading);
      texts.push_back(p.norm_text);
      for (size_t start = 0; start < p.norm_text.size();) {
        size_t end = p.norm_text.find("。", start);
        end = end == std::string::npos ? p.norm_text.size() : end + 3;
        texts.push_back(p.norm_text.substr(start, end - start));
        start = end;
      }
    }
  }
  ASSERT_GT(texts.size(), 2000u);
  size_t hits = 0;
  for (const PatternSet* set : (*rules)->pattern_sets()) {
    ASSERT_GT(set->size(), 0);
    for (const std::string& text : texts) {
      std::vector<int> expected;
      for (int i = 0; i < set->size(); ++i) {
        if (RE2::PartialMatch(text, set->pattern(i))) expected.push_back(i);
      }
      std::vector<int> got;
      set->Match(text, &got);
      ASSERT_EQ(got, expected) << text;
      hits += got.size();
    }
  }
  EXPECT_GT(hits, 1000u) << "the texts must exercise the patterns";
}

}  // namespace
}  // namespace tokki
