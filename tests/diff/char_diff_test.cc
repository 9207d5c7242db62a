#include "diff/diff.h"

#include <gtest/gtest.h>
#include <unicode/brkiter.h>
#include <unicode/utext.h>

#include <cstdint>
#include <fstream>
#include <functional>
#include <memory>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "testing/seed_annex.h"

namespace tokki {
namespace {

using Kind = DiffOp::Kind;

const std::string kSeeds = TOKKI_SEEDS_DIR;

DiffOp Eq(std::string text, std::string old_text = "") {
  return {Kind::kEqual, std::move(text), std::move(old_text)};
}
DiffOp Del(std::string text) { return {Kind::kDelete, std::move(text), ""}; }
DiffOp Ins(std::string text) { return {Kind::kInsert, std::move(text), ""}; }

std::string Show(const std::vector<DiffOp>& ops) {
  std::string s;
  for (const DiffOp& op : ops) {
    s += std::string("[") + DiffOpName(op.kind) + " '" + op.text + "'";
    if (!op.old_text.empty()) s += " old '" + op.old_text + "'";
    s += "]";
  }
  return s;
}

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Byte offsets of the grapheme cluster boundaries of `text`, by ICU directly.
std::set<size_t> Boundaries(const std::string& text) {
  std::set<size_t> out;
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> it(
      icu::BreakIterator::createCharacterInstance(icu::Locale::getRoot(), status));
  UText* ut = utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &status);
  it->setText(ut, status);
  for (int32_t p = it->first(); p != icu::BreakIterator::DONE; p = it->next()) out.insert(p);
  utext_close(ut);
  return out;
}

// Everything DiffText promises, whatever the texts: both versions reproduced exactly, no empty
// run, no two adjacent runs of the same kind, old_text only on equal runs and only when it
// differs, and every run starting and ending on a grapheme cluster boundary of its text.
void ExpectWellFormed(const std::vector<DiffOp>& ops, const std::string& old_text,
                      const std::string& new_text, const std::string& label) {
  SCOPED_TRACE(label);
  ASSERT_EQ(OldText(ops), old_text) << Show(ops);
  ASSERT_EQ(NewText(ops), new_text) << Show(ops);
  std::set<size_t> old_bounds = Boundaries(old_text), new_bounds = Boundaries(new_text);
  size_t old_at = 0, new_at = 0;
  for (size_t i = 0; i < ops.size(); ++i) {
    const DiffOp& op = ops[i];
    ASSERT_FALSE(op.text.empty()) << i << " " << Show(ops);
    if (i > 0) {
      ASSERT_NE(op.kind, ops[i - 1].kind) << i << " " << Show(ops);
    }
    if (op.kind != Kind::kEqual) {
      ASSERT_TRUE(op.old_text.empty()) << i;
    }
    ASSERT_NE(op.old_text, op.text) << i;
    if (op.kind != Kind::kInsert) {
      old_at +=
          op.kind == Kind::kEqual && !op.old_text.empty() ? op.old_text.size() : op.text.size();
      ASSERT_TRUE(old_bounds.count(old_at)) << "old split at " << old_at << " " << Show(ops);
    }
    if (op.kind != Kind::kDelete) {
      new_at += op.text.size();
      ASSERT_TRUE(new_bounds.count(new_at)) << "new split at " << new_at << " " << Show(ops);
    }
  }
}

int Count(const std::vector<DiffOp>& ops, Kind kind) {
  int n = 0;
  for (const DiffOp& op : ops) n += op.kind == kind;
  return n;
}

TEST(DiffTextTest, ReadableRunsOnAnnexWording) {
  struct Case {
    const char* old_text;
    const char* new_text;
    std::vector<DiffOp> want;
  } cases[] = {
      // A rewritten name that keeps a word reads as one replacement.
      {"新宿区個人情報保護条例",
       "個人情報の保護に関する法律",
       {Del("新宿区個人情報保護条例"), Ins("個人情報の保護に関する法律")}},
      {"持ち出しの禁止", "持出しの禁止", {Eq("持"), Del("ち"), Eq("出しの禁止")}},
      {"公表", "公表等", {Eq("公表"), Ins("等")}},
      {"第1項から第17項まで",
       "第1項から第19項まで",
       {Eq("第1項から第1"), Del("7"), Ins("9"), Eq("項まで")}},
      {"再委託の禁止", "再委託等の禁止", {Eq("再委託"), Ins("等"), Eq("の禁止")}},
      {"監査", "監査等", {Eq("監査"), Ins("等")}},
      {"甲の承諾", "乙の同意", {Del("甲の承諾"), Ins("乙の同意")}},
      // Two small edits far enough apart stay two.
      {"第12項及び第17項",
       "第13項及び第19項",
       {Eq("第1"), Del("2"), Ins("3"), Eq("項及び第1"), Del("7"), Ins("9"), Eq("項")}},
      {"", "", {}},
      {"", "等", {Ins("等")}},
      {"等", "", {Del("等")}},
      {"同じ", "同じ", {Eq("同じ")}},
  };
  for (const Case& c : cases) {
    std::vector<DiffOp> got = DiffText(c.old_text, c.new_text);
    EXPECT_EQ(got, c.want) << c.old_text << " → " << c.new_text << ": " << Show(got);
    ExpectWellFormed(got, c.old_text, c.new_text, c.old_text);
  }
}

TEST(DiffTextTest, ZeroThresholdKeepsTheMinimalDiff) {
  TextDiffOptions minimal;
  minimal.cleanup_threshold = 0;
  std::vector<DiffOp> got =
      DiffText("新宿区個人情報保護条例", "個人情報の保護に関する法律", minimal);
  std::vector<DiffOp> want = {Del("新宿区"), Eq("個人情報"), Ins("の"),
                              Eq("保護"),    Del("条例"),    Ins("に関する法律")};
  EXPECT_EQ(got, want) << Show(got);
}

TEST(DiffTextTest, RealAmendmentBetweenSeedEditions) {
  // The damages item of the 2017 (001) and 2020 (000) editions: only the range changed.
  std::vector<testing::SeedItem> y2017 =
      testing::ReadSeedAnnex(kSeeds + "/001_9015e87258c1506f.txt");
  std::vector<testing::SeedItem> y2020 =
      testing::ReadSeedAnnex(kSeeds + "/000_eecff7190e13c1cd.txt");
  ASSERT_EQ(y2017.size(), 19u);
  ASSERT_EQ(y2020.size(), 21u);
  std::vector<DiffOp> got = DiffText(y2017.back().text, y2020.back().text);
  ASSERT_EQ(got.size(), 4u) << Show(got);
  EXPECT_EQ(got[1], Del("7"));
  EXPECT_EQ(got[2], Ins("9"));
  ExpectWellFormed(got, y2017.back().text, y2020.back().text, "damages");
}

TEST(DiffTextTest, IgnoresWidthAndWhiteSpace) {
  struct Case {
    const char* old_text;
    const char* new_text;
    std::vector<DiffOp> want;
  } cases[] = {
      {"第１項", "第1項", {Eq("第1項", "第１項")}},
      {"ｶﾞｲﾄﾞ", "ガイド", {Eq("ガイド", "ｶﾞｲﾄﾞ")}},
      // A line broken by the PDF conversion, an ideographic space, a tab.
      {"乙は、個人情報を\n適正に管理する。",
       "乙は、個人情報を適正に管理する。",
       {Eq("乙は、個人情報を適正に管理する。", "乙は、個人情報を\n適正に管理する。")}},
      {"（監査）　乙は", "（監査）\t乙は", {Eq("（監査）\t乙は", "（監査）　乙は")}},
      // A real change next to ignored differences: only the change is reported.
      {"甲は、 乙に\r\n通知する",
       "甲は、丙に通知する",
       {Eq("甲は、", "甲は、 "), Del("乙"), Ins("丙"), Eq("に通知する", "に\r\n通知する")}},
      // White space inside a change belongs to it; at its edges to the equal text.
      {"甲は 乙の承諾 を得て",
       "甲は丙の 同意を得て",
       {Eq("甲は", "甲は "), Del("乙の承諾"), Ins("丙の 同意"), Eq("を得て", " を得て")}},
      // Inserted white space only: equal, with the new text.
      {"第1項", " 第1項\n", {Eq(" 第1項\n", "第1項")}},
      {" ", "\n", {Eq("\n", " ")}},
      // White space with nothing equal beside it cannot be an equality.
      {"", "　", {Ins("　")}},
      {"\n", "", {Del("\n")}},
      {"甲", "　乙", {Del("甲"), Ins("　乙")}},
  };
  for (const Case& c : cases) {
    std::vector<DiffOp> got = DiffText(c.old_text, c.new_text);
    EXPECT_EQ(got, c.want) << c.old_text << " → " << c.new_text << ": " << Show(got);
    ExpectWellFormed(got, c.old_text, c.new_text, c.old_text);
  }
}

TEST(DiffTextTest, FormatCountsWhenNotIgnored) {
  TextDiffOptions exact;
  exact.ignore_format = false;
  struct Case {
    const char* old_text;
    const char* new_text;
    std::vector<DiffOp> want;
  } cases[] = {
      {"第１項", "第1項", {Eq("第"), Del("１"), Ins("1"), Eq("項")}},
      {"個人情報を\n適正に", "個人情報を適正に", {Eq("個人情報を"), Del("\n"), Eq("適正に")}},
      {"甲　乙", "甲 乙", {Eq("甲"), Del("　"), Ins(" "), Eq("乙")}},
  };
  for (const Case& c : cases) {
    std::vector<DiffOp> got = DiffText(c.old_text, c.new_text, exact);
    EXPECT_EQ(got, c.want) << c.old_text << " → " << c.new_text << ": " << Show(got);
    ExpectWellFormed(got, c.old_text, c.new_text, c.old_text);
  }
}

TEST(DiffTextTest, NeverSplitsGraphemeClusters) {
  const std::string ga_decomposed = "か\u3099";  // か + combining voiced mark.
  const std::string family1 = "👨\u200D👩\u200D👧";
  const std::string family2 = "👨\u200D👩\u200D👦";
  const std::string katsura_ivs = "葛\U000E0100";  // With an ideographic variation selector.
  struct Case {
    std::string old_text;
    std::string new_text;
    std::vector<DiffOp> want;
    bool ignore_format;
  } cases[] = {
      {"が", ga_decomposed, {Eq(ga_decomposed, "が")}, true},
      {"が", ga_decomposed, {Del("が"), Ins(ga_decomposed)}, false},
      {"か", ga_decomposed, {Del("か"), Ins(ga_decomposed)}, true},
      {"ぎ" + ga_decomposed + "く",
       "ぎかく",
       {Eq("ぎ"), Del(ga_decomposed), Ins("か"), Eq("く")},
       true},
      {"家族" + family1 + "です",
       "家族" + family2 + "です",
       {Eq("家族"), Del(family1), Ins(family2), Eq("です")},
       true},
      {"👨です", family1 + "です", {Del("👨"), Ins(family1), Eq("です")}, true},
      {"葛飾区", katsura_ivs + "飾区", {Del("葛"), Ins(katsura_ivs), Eq("飾区")}, true},
      // A flag is two regional indicators: one cluster.
      {"🇯🇵", "🇯🇲", {Del("🇯🇵"), Ins("🇯🇲")}, true},
  };
  for (const Case& c : cases) {
    TextDiffOptions options;
    options.ignore_format = c.ignore_format;
    std::vector<DiffOp> got = DiffText(c.old_text, c.new_text, options);
    EXPECT_EQ(got, c.want) << c.old_text << " → " << c.new_text << ": " << Show(got);
    ExpectWellFormed(got, c.old_text, c.new_text, c.old_text);
  }
}

TEST(DiffTextTest, InvalidUtf8IsReproducedExactly) {
  const std::string old_text = "甲\xff\xfe乙\xe3\x81";
  const std::string new_text = "甲\xfe乙丙\xc0";
  for (bool ignore : {true, false}) {
    TextDiffOptions options;
    options.ignore_format = ignore;
    std::vector<DiffOp> got = DiffText(old_text, new_text, options);
    EXPECT_EQ(OldText(got), old_text) << Show(got);
    EXPECT_EQ(NewText(got), new_text) << Show(got);
  }
}

// Mutates `text` the way editions and conversions differ: words deleted, inserted and
// replaced, digits switched to full width, lines broken and joined, spaces added.
std::string Mutate(const std::string& text, std::mt19937& rng, int edits) {
  // Work on code points so that mutations keep the UTF-8 valid.
  std::u32string s;
  for (size_t i = 0; i < text.size();) {
    unsigned char c = text[i];
    int len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    char32_t cp = len == 1 ? c : c & (0xFF >> (len + 1));
    for (int k = 1; k < len && i + k < text.size(); ++k) cp = cp << 6 | (text[i + k] & 0x3F);
    s += cp;
    i += len;
  }
  auto pick = [&rng](size_t n) { return n == 0 ? 0 : rng() % n; };
  for (int e = 0; e < edits && !s.empty(); ++e) {
    size_t at = pick(s.size());
    size_t len = 1 + pick(8);
    switch (rng() % 7) {
      case 0:
        s.erase(at, len);
        break;
      case 1:
        s.insert(at, s.substr(pick(s.size()), len));
        break;
      case 2:
        s.replace(at, std::min(len, s.size() - at), s.substr(pick(s.size()), 1 + pick(8)));
        break;
      case 3:
        if (s[at] >= U'0' && s[at] <= U'9') s[at] += U'０' - U'0';
        break;
      case 4:
        s.insert(at, rng() % 2 ? U"\n" : U"　");
        break;
      case 5:
        if (s[at] == U'\n') s.erase(at, 1);
        break;
      case 6:
        s.insert(at, U"か\u3099");
        break;
    }
  }
  std::string out;
  for (char32_t cp : s) {
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | cp >> 6);
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xE0 | cp >> 12);
      out += static_cast<char>(0x80 | (cp >> 6 & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | cp >> 18);
      out += static_cast<char>(0x80 | (cp >> 12 & 0x3F));
      out += static_cast<char>(0x80 | (cp >> 6 & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }
  return out;
}

// A window of whole lines of `text`, about `bytes` long.
std::string Window(const std::string& text, std::mt19937& rng, size_t bytes) {
  size_t start = text.find('\n', rng() % text.size());
  start = start == std::string::npos ? 0 : start + 1;
  size_t end = text.find('\n', std::min(text.size(), start + bytes));
  return text.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

// Characters that no seed has: an insertion of them can only be aligned one way.
const char kMarker[] = "〓☆◎";

std::vector<std::string> Seeds() {
  std::vector<std::string> out;
  for (const char* name :
       {"000_eecff7190e13c1cd.txt", "001_9015e87258c1506f.txt", "002_387651ff6134b55e.txt",
        "003_204d5ffe7724b77a.txt", "004_fabf8f5175f67c55.txt"}) {
    out.push_back(ReadAll(kSeeds + "/" + name));
    EXPECT_GT(out.back().size(), 10000u) << name;
  }
  return out;
}

TEST(DiffTextTest, ReproducesBothTextsOnMutatedSeeds) {
  std::vector<std::string> seeds = Seeds();
  std::mt19937 rng(20231);
  for (int round = 0; round < 300; ++round) {
    const std::string& seed = seeds[round % seeds.size()];
    // Every fourth text long enough to be compared line by line first.
    std::string old_text = Window(seed, rng, 50 + rng() % (round % 4 == 3 ? 20000 : 3000));
    std::string new_text = Mutate(old_text, rng, static_cast<int>(rng() % 40));
    if (round % 5 == 0) std::swap(old_text, new_text);
    TextDiffOptions options;
    options.ignore_format = round % 3 != 0;
    options.cleanup_threshold = round % 4 == 0 ? 0 : 4;
    if (round % 10 == 0) options.max_edit_distance = static_cast<int>(rng() % 30);
    ExpectWellFormed(DiffText(old_text, new_text, options), old_text, new_text,
                     "round " + std::to_string(round));
    if (HasFatalFailure()) return;
  }
}

TEST(DiffTextTest, ReproducesBothTextsOnRandomStrings) {
  // Few symbols, so matches are everywhere and white space and clusters fall anywhere.
  const std::vector<std::string> alphabet = {"甲", "乙", "の",       " ",  "\n",   "　",
                                             "1",  "１", "か\u3099", "が", "\r\n", "👨\u200D👩"};
  std::mt19937 rng(7);
  for (int round = 0; round < 2000; ++round) {
    std::string a, b;
    for (size_t n = rng() % 30; n > 0; --n) a += alphabet[rng() % alphabet.size()];
    for (size_t n = rng() % 30; n > 0; --n) b += alphabet[rng() % alphabet.size()];
    TextDiffOptions options;
    options.ignore_format = round % 2 == 0;
    options.cleanup_threshold = static_cast<int>(round % 6);
    ExpectWellFormed(DiffText(a, b, options), a, b, "round " + std::to_string(round));
    if (HasFatalFailure()) return;
  }
}

TEST(DiffTextTest, EditionsDiffedItemByItem) {
  std::vector<testing::SeedItem> y2017 =
      testing::ReadSeedAnnex(kSeeds + "/004_fabf8f5175f67c55.txt");
  std::vector<testing::SeedItem> y2023 =
      testing::ReadSeedAnnex(kSeeds + "/002_387651ff6134b55e.txt");
  ASSERT_FALSE(y2017.empty());
  ASSERT_FALSE(y2023.empty());
  for (const auto& a : y2017) {
    for (const auto& b : y2023) {
      ExpectWellFormed(DiffText(a.text, b.text), a.text, b.text,
                       std::to_string(a.number) + "→" + std::to_string(b.number));
      if (HasFatalFailure()) return;
    }
  }
}

// The seeds one after the other until `bytes` (3 bytes a character: 600000 is about 200k).
std::string LongText(const std::vector<std::string>& seeds, size_t bytes) {
  std::string out;
  size_t total = 0;
  for (const std::string& s : seeds) total += s.size();
  if (total == 0) return out;  // Seeds() has failed the test: no seed could be read.
  for (size_t i = 0; out.size() < bytes; ++i) out += seeds[i % seeds.size()];
  return out;
}

TEST(DiffTextTest, LongSimilarTextsAreRefined) {
  // Two ~100-page agreements (≈ 200k characters) with 300 scattered edits: the work bound
  // must not stop the diff from finding them one by one.
  std::vector<std::string> seeds = Seeds();
  std::string old_text = LongText(seeds, 600000);
  std::string new_text = old_text;
  std::mt19937 rng(99);
  int edits = 0;
  for (size_t at = 1000; at + 100 < new_text.size(); at += 2000 + rng() % 1000) {
    // At a code point boundary.
    while (at < new_text.size() && (new_text[at] & 0xC0) == 0x80) ++at;
    new_text.insert(at, kMarker);
    ++edits;
  }
  std::vector<DiffOp> got = DiffText(old_text, new_text);
  ExpectWellFormed(got, old_text, new_text, "long");
  EXPECT_EQ(Count(got, Kind::kDelete), 0);
  EXPECT_EQ(Count(got, Kind::kInsert), edits);
}

TEST(DiffTextTest, LongTextWithLinesBrokenElsewhere) {
  // A PDF conversion breaks every line somewhere else: no line is equal on both sides, yet
  // only the real edits are changes (and none at all without edits).
  std::vector<std::string> seeds = Seeds();
  std::string old_text = LongText(seeds, 300000);
  std::string rebroken, edited;
  int chars = 0, edits = 0;
  for (size_t i = 0; i < old_text.size();) {
    size_t len = 1;
    while (i + len < old_text.size() && (old_text[i + len] & 0xC0) == 0x80) ++len;
    if (old_text[i] != '\n') {
      rebroken.append(old_text, i, len);
      edited.append(old_text, i, len);
      if (++chars % 37 == 0) rebroken += '\n', edited += '\n';
      if (chars % 3001 == 0) edited += kMarker, ++edits;
    }
    i += len;
  }
  std::vector<DiffOp> got = DiffText(old_text, edited);
  ExpectWellFormed(got, old_text, edited, "rebroken and edited");
  EXPECT_EQ(Count(got, Kind::kDelete), 0);
  EXPECT_EQ(Count(got, Kind::kInsert), edits);
  std::vector<DiffOp> same = DiffText(old_text, rebroken);
  ASSERT_EQ(same.size(), 1u);
  EXPECT_EQ(same[0], Eq(rebroken, old_text));
}

TEST(DiffTextTest, UnrelatedLongTextsBecomeOneReplacement) {
  // Two unrelated texts of 200k characters each: one deletion and one insertion, found
  // without a quadratic search.
  std::vector<std::string> seeds = Seeds();
  std::string old_text = LongText(seeds, 600000);
  std::string new_text;
  std::mt19937 rng(5);
  const std::u8string kana = u8"アイウエオカキクケコサシスセソタチツテトナニヌネノ";
  while (new_text.size() < 600000) {
    size_t k = 3 * (rng() % 25);
    new_text.append(reinterpret_cast<const char*>(kana.data()) + k, 3);
  }
  std::vector<DiffOp> got = DiffText(old_text, new_text);
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0], Del(old_text));
  EXPECT_EQ(got[1], Ins(new_text));
}

TEST(DiffTextTest, SameCharactersInAnotherOrderStopAtTheWorkBound) {
  // The characters of a long text (one line) in another order: no cheap lower bound tells the
  // texts apart and no line is equal, so the search runs until the work budget or
  // max_edit_distance stops it; the middle is then one deletion and one insertion.
  std::vector<std::string> seeds = Seeds();
  std::string text = LongText(seeds, 600000);
  std::vector<std::string> chars;
  for (size_t i = 0; i < text.size();) {
    size_t len = 1;
    while (i + len < text.size() && (text[i + len] & 0xC0) == 0x80) ++len;
    if (text[i] != '\n') chars.push_back(text.substr(i, len));
    i += len;
  }
  std::string old_text, new_text;
  for (const std::string& c : chars) old_text += c;
  std::mt19937 rng(11);
  for (size_t i = chars.size(); i > 1; --i) std::swap(chars[i - 1], chars[rng() % i]);
  for (const std::string& c : chars) new_text += c;
  std::vector<DiffOp> got = DiffText(old_text, new_text);
  ASSERT_EQ(OldText(got), old_text);
  ASSERT_EQ(NewText(got), new_text);
  EXPECT_EQ(Count(got, Kind::kDelete), 1) << got.size();
  EXPECT_EQ(Count(got, Kind::kInsert), 1) << got.size();
  EXPECT_LE(got.size(), 4u);
}

TEST(DiffTextTest, ReorderedLinesStayWellFormed) {
  // The lines of a long text in another order: compared line by line, then within the
  // stretches between equal lines until the work budget is spent.
  std::vector<std::string> seeds = Seeds();
  std::string old_text = LongText(seeds, 600000);
  if (old_text.back() != '\n') old_text += '\n';
  std::vector<std::string> lines;
  std::istringstream in(old_text);
  for (std::string line; std::getline(in, line);) lines.push_back(line + '\n');
  std::mt19937 rng(11);
  for (size_t i = lines.size(); i > 1; --i) std::swap(lines[i - 1], lines[rng() % i]);
  std::string new_text;
  for (const std::string& l : lines) new_text += l;
  ExpectWellFormed(DiffText(old_text, new_text), old_text, new_text, "shuffled lines");
}

// Length of the longest common subsequence, by dynamic programming.
size_t Lcs(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  std::vector<size_t> row(b.size() + 1, 0), prev(b.size() + 1, 0);
  for (size_t i = 1; i <= a.size(); ++i) {
    std::swap(row, prev);
    for (size_t j = 1; j <= b.size(); ++j) {
      row[j] = a[i - 1] == b[j - 1] ? prev[j - 1] + 1 : std::max(prev[j], row[j - 1]);
    }
  }
  return row[b.size()];
}

// Checks, over `rounds` random pairs of texts from a small alphabet, that DiffText without
// cleanup is a shortest edit script: as many characters deleted and inserted as the longest
// common subsequence leaves over. `a_len` and `b_len` draw each text's length; with `swap`,
// every other pair is diffed the other way round.
void ExpectMinimal(unsigned seed, int rounds, const std::function<size_t(std::mt19937&)>& a_len,
                   const std::function<size_t(std::mt19937&)>& b_len, bool swap) {
  const std::vector<std::string> alphabet = {"甲", "乙", "丙", "の", "は", "、"};
  TextDiffOptions minimal;
  minimal.cleanup_threshold = 0;
  minimal.ignore_format = false;
  std::mt19937 rng(seed);
  for (int round = 0; round < rounds; ++round) {
    std::vector<std::string> a, b;
    for (size_t n = a_len(rng); n > 0; --n) a.push_back(alphabet[rng() % (2 + round % 5)]);
    for (size_t n = b_len(rng); n > 0; --n) b.push_back(alphabet[rng() % (2 + round % 5)]);
    if (swap && round % 2 == 1) std::swap(a, b);
    std::string sa, sb;
    for (const auto& c : a) sa += c;
    for (const auto& c : b) sb += c;
    std::vector<DiffOp> got = DiffText(sa, sb, minimal);
    size_t edits = 0;
    for (const DiffOp& op : got) edits += op.kind == Kind::kEqual ? 0 : op.text.size() / 3;
    ASSERT_EQ(edits, a.size() + b.size() - 2 * Lcs(a, b)) << sa << " → " << sb << Show(got);
  }
}

TEST(DiffTextTest, MinimalWithoutCleanup) {
  auto up_to_40 = [](std::mt19937& rng) { return size_t{rng() % 40}; };
  ExpectMinimal(3, 3000, up_to_40, up_to_40, false);
}

TEST(DiffTextTest, MinimalWhenLengthsDiffer) {
  // One text much longer than the other: the searches from both ends meet far from the main
  // diagonal. Still a shortest edit script.
  ExpectMinimal(
      17, 400, [](std::mt19937& rng) { return size_t{rng() % 16}; },
      [](std::mt19937& rng) { return size_t{50 + rng() % 200}; }, true);
}

TEST(DiffTextTest, StretchLongerThanTheBoundIsOneReplacement) {
  // A block moved from one line to another: the texts' lower bound is small, but between the
  // equal lines around each change the sides differ in length by more than
  // max_edit_distance, so each stretch is one deletion and one insertion.
  const std::string block = [] {
    std::string b;
    for (int i = 0; i < 20; ++i) b += kMarker;
    return b;
  }();
  std::string filler;
  for (int i = 0; i < 8; ++i) filler += "個人情報の保護";
  std::string old_text, new_text;
  for (int i = 1; i <= 40; ++i) {
    std::string head = "第" + std::to_string(i) + "条";
    std::string old_line = head, new_line = head;
    if (i == 10) old_line += "甲" + block + "乙", new_line += "丙丁";
    if (i == 30) old_line += "戊己", new_line += "庚" + block + "辛";
    old_text += old_line + filler + "\n";
    new_text += new_line + filler + "\n";
  }
  TextDiffOptions bounded;
  bounded.max_edit_distance = 10;
  std::vector<DiffOp> got = DiffText(old_text, new_text, bounded);
  ExpectWellFormed(got, old_text, new_text, "moved block");
  ASSERT_EQ(got.size(), 7u) << Show(got);
  EXPECT_EQ(got[1], Del("甲" + block + "乙"));
  EXPECT_EQ(got[2], Ins("丙丁"));
  EXPECT_EQ(got[4], Del("戊己"));
  EXPECT_EQ(got[5], Ins("庚" + block + "辛"));
}

TEST(DiffTextTest, ClusterAndCodePointKeysAgreeWhicheverComesFirst) {
  // Keys of single BMP code points are cached per thread from call to call; a cluster of
  // several code points (or one outside the BMP) with the same NFKC form must get the same
  // key whether it comes before that code point, after it, or in another call. Each case runs
  // on a fresh thread (empty caches), twice.
  struct Case {
    std::string old_text;
    std::string new_text;
    std::vector<DiffOp> want;
    bool ignore_format = true;
  } cases[] = {
      {"ｶﾞス", "ガス", {Eq("ガス", "ｶﾞス")}},
      {"ガス", "ｶﾞス", {Eq("ｶﾞス", "ガス")}},
      {"か\u3099き", "がき", {Eq("がき", "か\u3099き")}},
      {"\U0001D400"
       "1",
       "A１",
       {Eq("A１",
           "\U0001D400"
           "1")}},  // Bold A: NFKC A.
      {"ｶﾞス", "ｶス", {Del("ｶﾞ"), Ins("ｶ"), Eq("ス")}},
      {"ｶﾞス", "ガス", {Del("ｶﾞ"), Ins("ガ"), Eq("ス")}, false},
  };
  for (const Case& c : cases) {
    std::vector<DiffOp> first, second;
    std::thread([&] {
      TextDiffOptions options;
      options.ignore_format = c.ignore_format;
      first = DiffText(c.old_text, c.new_text, options);
      second = DiffText(c.old_text, c.new_text, options);
    }).join();
    EXPECT_EQ(first, c.want) << c.old_text << " → " << c.new_text << ": " << Show(first);
    EXPECT_EQ(second, c.want) << c.old_text << " → " << c.new_text << ": " << Show(second);
  }
}

TEST(DiffTextTest, MaxEditDistanceBoundsTheRefinement) {
  std::string old_text = "甲は乙に対し、第1項の規定により通知し、第2項の規定により報告する。";
  std::string new_text = "甲は丙に対し、第3項の規定により通知し、第4項の規定により届出する。";
  std::vector<DiffOp> refined = DiffText(old_text, new_text);
  EXPECT_EQ(Count(refined, Kind::kDelete), 4) << Show(refined);
  TextDiffOptions bounded;
  bounded.max_edit_distance = 4;  // The edit distance here is 10.
  std::vector<DiffOp> got = DiffText(old_text, new_text, bounded);
  std::vector<DiffOp> want = {
      Eq("甲は"), Del("乙に対し、第1項の規定により通知し、第2項の規定により報告"),
      Ins("丙に対し、第3項の規定により通知し、第4項の規定により届出"), Eq("する。")};
  EXPECT_EQ(got, want) << Show(got);
  bounded.max_edit_distance = 10;
  EXPECT_EQ(DiffText(old_text, new_text, bounded), refined);
}

TEST(DiffTextTest, SameRunsOnEveryThread) {
  // Per-thread caches (break iterator, code point keys) must not leak between calls.
  std::vector<std::string> seeds = Seeds();
  std::mt19937 rng(8);
  std::vector<std::pair<std::string, std::string>> pairs;
  for (int i = 0; i < 40; ++i) {
    std::string a = Window(seeds[i % seeds.size()], rng, 100 + rng() % 4000);
    pairs.emplace_back(a, Mutate(a, rng, 20));
  }
  std::vector<std::vector<DiffOp>> want;
  for (const auto& [a, b] : pairs) want.push_back(DiffText(a, b));
  std::vector<int> mismatches(4, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 3; ++round) {
        for (size_t i = 0; i < pairs.size(); ++i) {
          TextDiffOptions options;
          options.ignore_format = (i + t + round) % 2 == 0;
          std::vector<DiffOp> got = DiffText(pairs[i].first, pairs[i].second, options);
          if (options.ignore_format && got != want[i]) ++mismatches[t];
        }
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(mismatches, std::vector<int>(4, 0));
}

TEST(DiffOpNameTest, JsonNames) {
  EXPECT_STREQ(DiffOpName(Kind::kEqual), "equal");
  EXPECT_STREQ(DiffOpName(Kind::kInsert), "insert");
  EXPECT_STREQ(DiffOpName(Kind::kDelete), "delete");
}

TEST(TextSimilarityTest, DiceOverBigrams) {
  struct Case {
    const char* a;
    const char* b;
    double want;
  } cases[] = {
      {"", "", 1.0},
      {" \n", "　", 1.0},  // White space only is empty.
      {"", "甲", 0.0},
      {"甲", "", 0.0},
      {"個人情報", "個人情報", 1.0},
      {"abcd", "abce", 2.0 * 2 / 6},      // ab bc cd / ab bc ce
      {"ああああ", "ああ", 2.0 * 1 / 4},  // A multiset: aa ×3 against aa ×1.
      {"第１項 の", "第1項の", 1.0},      // NFKC, white space removed.
      {"甲", "甲", 1.0},                  // Single characters compare as themselves.
      {"甲", "乙", 0.0},
      {"甲", "甲乙", 2.0 * 1 / 3},
      {"公表", "公表等", 2.0 * 1 / 3},
      {"秘密の保持", "損害の賠償", 0.0},
      {"甲\xff乙", "甲\xfe乙", 1.0},  // Ill-formed bytes read as U+FFFD.
  };
  for (const Case& c : cases) {
    EXPECT_NEAR(TextSimilarity(c.a, c.b), c.want, 1e-12) << c.a << " / " << c.b;
    EXPECT_NEAR(TextSimilarity(c.b, c.a), c.want, 1e-12) << c.b << " / " << c.a;
  }
}

TEST(TextSimilarityTest, SameProvisionScoresHigherAcrossEditions) {
  std::vector<testing::SeedItem> y2017 =
      testing::ReadSeedAnnex(kSeeds + "/001_9015e87258c1506f.txt");
  std::vector<testing::SeedItem> y2020 =
      testing::ReadSeedAnnex(kSeeds + "/000_eecff7190e13c1cd.txt");
  ASSERT_EQ(y2017.size(), 19u);
  ASSERT_EQ(y2020.size(), 21u);
  // Damages (17 and 19 → 19 and 21) is the most similar 2020 item to the 2017 damages item.
  const std::string& damages = y2017.back().text;
  double best = -1;
  size_t best_at = 0;
  for (size_t i = 0; i < y2020.size(); ++i) {
    double s = TextSimilarity(damages, y2020[i].text);
    EXPECT_GE(s, 0.0);
    EXPECT_LE(s, 1.0);
    if (s > best) best = s, best_at = i;
  }
  EXPECT_EQ(best_at, y2020.size() - 1);
  EXPECT_GT(best, 0.95);
}

}  // namespace
}  // namespace tokki
