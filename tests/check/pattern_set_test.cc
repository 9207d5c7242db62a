// PatternSet (check/rules.h) and the AtomMatcher under it must report exactly the patterns
// that RE2 finds one by one: the prefilter may only skip patterns that cannot match.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <thread>

#include "base/file.h"
#include "check/atom_matcher.h"
#include "check/match_cache.h"
#include "check/rules.h"
#include "check/segment.h"
#include "read/document.h"
#include "testing/corpus.h"
#include "testing/library_copy.h"

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

// Past 65,536 states the transitions are 32-bit (next32_): the same atoms found as a plain
// search finds them, on both sides of that size.
TEST(AtomMatcherTest, FindsTheSameWithSixteenAndThirtyTwoBitTransitions) {
  for (const size_t count : {size_t{500}, size_t{16000}}) {
    std::vector<std::string> atoms;
    uint32_t x = 12345;
    for (size_t i = 0; i < count; ++i) {
      std::string a;
      for (int k = 0; k < 7; ++k) {
        x = x * 1103515245u + 12345u;
        a += static_cast<char>('a' + (x >> 16) % 26);
      }
      atoms.push_back(a);
    }
    const AtomMatcher m(atoms);
    if (count > 10000) {
      EXPECT_GT(m.states(), size_t{65536}) << "the 32-bit table must be exercised";
    } else {
      EXPECT_LT(m.states(), size_t{65536});
    }
    std::string text;
    for (size_t i = 0; i < atoms.size(); i += 97) text += atoms[i].substr(1) + atoms[i] + "-";
    std::vector<int> expected;
    for (size_t i = 0; i < atoms.size(); ++i) {
      if (text.find(atoms[i]) != std::string::npos) expected.push_back(static_cast<int>(i));
    }
    ASSERT_GT(expected.size(), 4u);
    EXPECT_EQ(Find(m, text), expected) << count;
  }
}

TEST(AtomMatcherTest, FoldsAsciiCaseAndReportsOtherCasedAtomsAlways) {
  // FilteredRE2 hands over lowercased atoms.
  const AtomMatcher m({"usb", "pdca", "σ"});
  EXPECT_EQ(Find(m, "USBメモリ"), (std::vector<int>{0, 2}));
  EXPECT_EQ(Find(m, "PdCaサイクル"), (std::vector<int>{1, 2}));
  EXPECT_EQ(Find(m, "なし"), (std::vector<int>{2})) << "σ may match Σ: never filtered out";
}

// The skeleton FilteredRE2 sees: bounded repetitions widened, nothing else touched.
TEST(PatternSetTest, SkeletonWidensBoundedRepetitionsOnly) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"a{0,60}b", "a*b"},
      {"(?:[^。]*。){0,15}x", "(?:[^。]*。)*x"},
      {"a{2,5}", "a{2,}"},
      {"a{00,5}", "a*"},
      {"a{3}", "a{3}"},
      {"a{3,}", "a{3,}"},
      {"a{,5}", "a{,5}"},  // Not a repetition in RE2: literal characters.
      {"a{x,5}", "a{x,5}"},
      {"a{1,5", "a{1,5"},
      {"[{0,5}]x", "[{0,5}]x"},
      {"[^]{0,5}]{0,5}", "[^]{0,5}]*"},
      {"[]a]{1,2}", "[]a]{1,}"},
      {"\\{0,5\\}", "\\{0,5\\}"},
      {"[\\]{0,5}]{0,9}", "[\\]{0,5}]*"},
      {"\\\\{0,5}", "\\\\*"},
  };
  for (const auto& [pattern, skeleton] : cases) {
    EXPECT_EQ(PatternSet::Skeleton(pattern), skeleton) << pattern;
  }
}

// Patterns are compiled on first use, but a pattern RE2 cannot parse is refused when the set
// compiles its filter, which names the first bad one.
TEST(PatternSetTest, BadPatternsAreRefusedWhenTheSetCompiles) {
  struct Case {
    std::string pattern, message;
  };
  for (const Case& c : {Case{"個人(情報", "missing )"}, Case{"[^。]{0,1001}", "repetition"},
                        // Each repetition is allowed alone; RE2 refuses their product, the
                        // skeleton would not.
                        Case{"(?:[^。]{0,100}。){0,100}", "repetition"}}) {
    // Enough good patterns around it for two shards, the bad one in either.
    for (int at : {0, 20, 39}) {
      PatternSet set;
      std::string error;
      for (int i = 0; i < 40; ++i) {
        const std::string p = i == at ? c.pattern : "監査" + std::to_string(i);
        ASSERT_EQ(set.Add(p, &error), i);
      }
      int bad = -1;
      EXPECT_FALSE(set.Compile(&error, &bad)) << c.pattern;
      EXPECT_EQ(bad, at) << c.pattern;
      EXPECT_NE(error.find(c.message), std::string::npos) << error;
    }
  }
  {
    // Two bad patterns in one shard, the later one longer (shards are balanced by length):
    // still the first is named.
    auto repeat = [](const std::string& s, int n) {
      std::string out;
      for (int i = 0; i < n; ++i) out += s;
      return out;
    };
    PatternSet set;
    std::string error;
    for (int i = 0; i < 40; ++i) {
      std::string p = "監査" + std::to_string(i);
      if (i == 30) p = "個人(" + repeat("あ", 100);  // Bad, and the longest but one.
      if (i == 12) p = "委託" + repeat("い", 133);   // Good, the longest.
      if (i == 5) p = "再(" + repeat("う", 30);      // Bad.
      ASSERT_EQ(set.Add(p, &error), i);
    }
    int bad = -1;
    EXPECT_FALSE(set.Compile(&error, &bad));
    EXPECT_EQ(bad, 5);
  }
  PatternSet set;
  std::string error;
  EXPECT_EQ(set.Add("委託[^。]{0,40}禁止", &error), 0);
  EXPECT_EQ(set.Add("監査", &error), 1);
  ASSERT_TRUE(set.Compile(&error)) << error;
  ASSERT_TRUE(set.CompileAll(&error)) << error;
  std::vector<int> hits;
  set.Match("再委託は、原則として禁止する。", &hits);
  EXPECT_EQ(hits, (std::vector<int>{0}));
  // The bound still holds: the skeleton's * lets both texts through the filter, but the
  // pattern itself allows 40 characters between, not 41.
  std::string between;
  for (int i = 0; i < 40; ++i) between += "あ";
  set.Match("委託" + between + "禁止", &hits);
  EXPECT_EQ(hits, (std::vector<int>{0}));
  set.Match("委託" + between + "あ禁止", &hits);
  EXPECT_TRUE(hits.empty());
}

// In rules/rules.xml, a bad pattern is reported with its file and line when the rules load.
TEST(PatternSetTest, ABadRulePatternNamesItsLine) {
  Result<std::string> rules = ReadFile(TOKKI_SOURCE_DIR "/rules/rules.xml");
  ASSERT_TRUE(rules.ok());
  const std::string good = "(?:あらかじめ|予め|事前に|事前の)[^。]{0,25}{consent}";
  const size_t at = rules->find(good);
  ASSERT_NE(at, std::string::npos) << "the rule this test breaks is gone: pick another";
  const std::string dir = ::testing::TempDir();
  for (const std::string& bad :
       {std::string("(?:あらかじめ|予め|事前に|事前の)[^。]{0,25}("
                    "{consent}"),
        std::string("(?:あらかじめ|予め|事前に|事前の)[^。]{0,2500}{consent}")}) {
    std::string edited = *rules;
    edited.replace(at, good.size(), bad);
    const std::string path = dir + "/bad-rules.xml";
    { std::ofstream(path, std::ios::binary) << edited; }
    auto book = RuleBook::Load(path, TOKKI_SOURCE_DIR "/rules/schema/rules.rng");
    ASSERT_FALSE(book.ok()) << bad;
    const int line = testing::LineOf(TOKKI_SOURCE_DIR "/rules/rules.xml", good);
    EXPECT_NE(book.status().message().find(path + ":" + std::to_string(line) + ": bad pattern"),
              std::string::npos)
        << book.status().message();
    std::filesystem::remove(path);
  }
}

// Every shipped pattern compiles within RE2's memory budget (they compile lazily in use).
TEST(PatternSetTest, EveryRulePatternCompiles) {
  auto rules = RuleBook::Load(TOKKI_SOURCE_DIR "/rules/rules.xml",
                              TOKKI_SOURCE_DIR "/rules/schema/rules.rng");
  ASSERT_TRUE(rules.ok()) << rules.status().message();
  Status st = (*rules)->CompileAll();
  ASSERT_TRUE(st.ok()) << st.message();
  int patterns = 0;
  for (const PatternSet* set : (*rules)->pattern_sets()) {
    // A pattern the compact form refuses would make every set fall back to the plain form,
    // about twice as costly to compile: the shipped rules must all allow it.
    EXPECT_NE(set->alphabet(), nullptr);
    for (int i = 0; i < set->size(); ++i, ++patterns) {
      EXPECT_TRUE(set->pattern(i).ok()) << set->pattern(i).pattern();
    }
  }
  EXPECT_GT(patterns, 100);
}

// The filter is sound only if each skeleton matches wherever its pattern does: checked for
// every shipped pattern over every provision of the labelled corpus.
TEST(PatternSetTest, EachSkeletonMatchesWhereItsPatternDoes) {
  auto rules = RuleBook::Load(TOKKI_SOURCE_DIR "/rules/rules.xml",
                              TOKKI_SOURCE_DIR "/rules/schema/rules.rng");
  ASSERT_TRUE(rules.ok()) << rules.status().message();
  std::vector<std::string> texts;
  for (const Document& doc : ReadCorpusDocuments()) {
    for (const Provision& p : SegmentProvisions(doc)) {
      texts.push_back(p.norm_heading);
      texts.push_back(p.norm_text);
    }
  }
  size_t matched = 0, widened = 0;
  for (const PatternSet* set : (*rules)->pattern_sets()) {
    for (int i = 0; i < set->size(); ++i) {
      const RE2& pattern = set->pattern(i);
      const RE2 skeleton(PatternSet::Skeleton(pattern.pattern()), pattern.options());
      ASSERT_TRUE(skeleton.ok()) << skeleton.pattern();
      if (skeleton.pattern() != pattern.pattern()) ++widened;
      for (const std::string& original : texts) {
        const std::string text = set->alphabet() ? set->alphabet()->Text(original) : original;
        if (!RE2::PartialMatch(text, pattern)) continue;
        ++matched;
        EXPECT_TRUE(RE2::PartialMatch(text, skeleton)) << pattern.pattern() << "\n" << text;
      }
    }
  }
  EXPECT_GT(widened, 50u) << "the rules' bounded repetitions must be exercised";
  EXPECT_GT(matched, 1000u);
}

// Patterns compile on first use, from whichever thread needs them first: threads matching
// at once on a fresh rule book, with CompileAll running beside them and the load's own
// compiler behind (LoadOptions::compile_behind, started while the filter was still being
// built), get the matches of a rule book used from one thread.
TEST(PatternSetTest, PatternsCompiledFromManyThreadsAtOnceMatchTheSame) {
  const std::string rules_path = TOKKI_SOURCE_DIR "/rules/rules.xml";
  const std::string schema = TOKKI_SOURCE_DIR "/rules/schema/rules.rng";
  auto alone = RuleBook::Load(rules_path, schema);
  auto shared = RuleBook::Load(rules_path, schema, RuleBook::LoadOptions{.compile_behind = true});
  ASSERT_TRUE(alone.ok() && shared.ok());
  std::vector<std::string> texts;
  for (const Document& doc : ReadCorpusDocuments()) {
    for (const Provision& p : SegmentProvisions(doc)) texts.push_back(p.norm_text);
  }
  const std::vector<std::string_view> views(texts.begin(), texts.end());
  const PatternSet& reference = *(*alone)->pattern_sets()[1];
  std::vector<std::vector<int>> expected;
  reference.MatchMany(views, &expected);
  const PatternSet& set = *(*shared)->pattern_sets()[1];
  std::vector<std::vector<std::vector<int>>> got(4);
  std::vector<std::thread> threads;
  for (size_t t = 0; t < got.size(); ++t) {
    threads.emplace_back([&, t] {
      if (t % 2 == 0) {
        set.MatchMany(views, &got[t]);
      } else {  // One text at a time, from the last: other patterns first.
        got[t].resize(views.size());
        for (size_t i = views.size(); i-- > 0;) set.Match(views[i], &got[t][i]);
      }
    });
  }
  Status compiled;
  std::thread compiler([&] { compiled = (*shared)->CompileAll(); });
  for (auto& t : threads) t.join();
  compiler.join();
  EXPECT_TRUE(compiled.ok()) << compiled.message();
  for (const auto& g : got) EXPECT_TRUE(g == expected);
}

// Every pattern set of rules/rules.xml against every provision (and sentence) of the labelled
// corpus: the set's answer equals running each pattern alone.
TEST(PatternSetTest, ReportsExactlyWhatEachPatternFindsAlone) {
  auto rules = RuleBook::Load(TOKKI_SOURCE_DIR "/rules/rules.xml",
                              TOKKI_SOURCE_DIR "/rules/schema/rules.rng");
  ASSERT_TRUE(rules.ok()) << rules.status().message();
  std::vector<std::string> texts = {"", "USB", "第1条", "(秘密の保持)", "\x01", "\x02。\x01"};
  for (const Document& doc : ReadCorpusDocuments()) {
    for (const Provision& p : SegmentProvisions(doc)) {
      texts.push_back(p.norm_heading);
      texts.push_back(p.norm_text);
      for (size_t start = 0; start < p.norm_text.size();) {
        size_t end = p.norm_text.find("。", start);
        end = end == std::string::npos ? p.norm_text.size() : end + 3;
        texts.push_back(p.norm_text.substr(start, end - start));
        start = end;
      }
      // The same text with control bytes where its sentences end, and around them.
      std::string controls = p.norm_text;
      for (size_t at = 0; (at = controls.find("。", at)) != std::string::npos;) {
        const std::string by = at % 2 == 0 ? "\x01" : "\x02。\x01";
        controls.replace(at, 3, by);
        at += by.size();
      }
      texts.push_back(controls);
    }
  }
  ASSERT_GT(texts.size(), 2000u);
  size_t hits = 0;
  const std::vector<std::string_view> views(texts.begin(), texts.end());
  for (const PatternSet* set : (*rules)->pattern_sets()) {
    ASSERT_GT(set->size(), 0);
    EXPECT_NE(set->alphabet(), nullptr) << "the shipped rules can all be rewritten";
    // Each pattern as written in the rules, over the texts as they are.
    std::vector<std::unique_ptr<RE2>> originals;
    for (int i = 0; i < set->size(); ++i) {
      originals.push_back(std::make_unique<RE2>(set->source(i)));
      ASSERT_TRUE(originals.back()->ok()) << set->source(i);
    }
    // All texts at once, pattern by pattern (what a batch of documents gets).
    std::vector<std::vector<int>> many;
    set->MatchMany(views, &many);
    ASSERT_EQ(many.size(), texts.size());
    for (size_t t = 0; t < texts.size(); ++t) {
      const std::string& text = texts[t];
      std::vector<int> expected;
      for (int i = 0; i < set->size(); ++i) {
        const bool found = RE2::PartialMatch(text, *originals[static_cast<size_t>(i)]);
        ASSERT_EQ(set->Matches(i, text), found) << set->source(i) << "\n" << text;
        if (found) expected.push_back(i);
      }
      std::vector<int> got;
      set->Match(text, &got);
      ASSERT_EQ(got, expected) << text;
      ASSERT_EQ(many[t], expected) << text;
      hits += got.size();
    }
  }
  EXPECT_GT(hits, 1000u) << "the texts must exercise the patterns";
}

// RuleBook::MatchMany over the provisions of every corpus agreement at once gives each
// provision what RuleBook::Match gives it alone.
TEST(PatternSetTest, RuleBookMatchManyEqualsMatch) {
  auto rules = RuleBook::Load(TOKKI_SOURCE_DIR "/rules/rules.xml",
                              TOKKI_SOURCE_DIR "/rules/schema/rules.rng");
  ASSERT_TRUE(rules.ok()) << rules.status().message();
  std::vector<Provision> all;
  for (const Document& doc : ReadCorpusDocuments()) {
    for (Provision& p : SegmentProvisions(doc)) all.push_back(std::move(p));
  }
  ASSERT_GT(all.size(), 500u);
  std::vector<std::pair<std::string_view, std::string_view>> texts;
  for (const Provision& p : all) texts.emplace_back(p.norm_heading, p.norm_text);
  // The second call finds every provision in the rule book's cache of matches.
  for (int pass = 0; pass < 2; ++pass) {
    const std::vector<ProvisionMatch> many = (*rules)->MatchMany(texts);
    ASSERT_EQ(many.size(), all.size());
    size_t matched = 0;
    for (size_t i = 0; i < all.size(); ++i) {
      const ProvisionMatch one = (*rules)->Match(all[i].norm_heading, all[i].norm_text);
      EXPECT_EQ(many[i].heading_categories, one.heading_categories) << pass << all[i].text;
      EXPECT_EQ(many[i].detected_categories, one.detected_categories) << pass << all[i].text;
      EXPECT_EQ(many[i].elements, one.elements) << pass << all[i].text;
      EXPECT_EQ(many[i].weakeners, one.weakeners) << pass << all[i].text;
      matched += one.detected_categories.size() + one.heading_categories.size();
    }
    EXPECT_GT(matched, 500u);
  }
}

// The cache of matches keeps what was inserted last, stays within its size, and keys tell a
// heading from the text that follows it.
TEST(MatchCacheTest, RemembersRecentMatchesWithinItsSize) {
  MatchCache cache(64 << 10);
  EXPECT_NE(MatchCache::Key("秘密", "の保持"), MatchCache::Key("秘密の", "保持"));
  EXPECT_NE(MatchCache::Key("", "1:a"), MatchCache::Key("1", "a"));
  ProvisionMatch m;
  m.detected_categories = {3};
  m.elements = {{3, 1}};
  ProvisionMatch found;
  EXPECT_FALSE(cache.Find(MatchCache::Key("", "text 0"), &found));
  for (int i = 0; i < 5000; ++i) {
    m.detected_categories[0] = i;
    cache.Insert(MatchCache::Key("", "text " + std::to_string(i)), m);
    ASSERT_LE(cache.bytes(), size_t{64} << 10);
  }
  ASSERT_TRUE(cache.Find(MatchCache::Key("", "text 4999"), &found));
  EXPECT_EQ(found.detected_categories, std::vector<int>{4999});
  EXPECT_EQ(found.elements, (std::vector<std::pair<int, int>>{{3, 1}}));
  EXPECT_FALSE(cache.Find(MatchCache::Key("", "text 0"), &found)) << "the oldest is dropped";
  EXPECT_GT(cache.bytes(), size_t{16} << 10);
}

}  // namespace
}  // namespace tokki
