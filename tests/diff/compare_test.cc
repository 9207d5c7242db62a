// Alignment and provision-level changes (diff/compare.h) on the real editions of the annex
// and on documents made from them, and the redline built from a comparison.
#include "diff/compare.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "assemble/annex.h"
#include "docx/redline_writer.h"
#include "read/document.h"
#include "report/diff_render.h"

namespace tokki {
namespace {

const ClauseLibrary& Library() {
  static std::shared_ptr<const ClauseLibrary> lib = [] {
    auto l = ClauseLibrary::Load(TOKKI_SOURCE_DIR "/clauses");
    EXPECT_TRUE(l.ok()) << l.status().message();
    return l.ok() ? *l : nullptr;
  }();
  return *lib;
}

Annex AnnexOn(const std::string& type, Date date) {
  AssembleRequest r;
  r.type = type;
  r.date = date;
  r.params = {{"contractor", "株式会社サンプル"},
              {"contract_title", "業務委託"},
              {"subcontractor", "再委託株式会社"}};
  auto annex = Assemble(Library(), r);
  EXPECT_TRUE(annex.ok()) << annex.status().message();
  return annex.ok() ? *annex : Annex{};
}

Comparison Editions(Date from, Date to) {
  return Compare(VersionFromAnnex(AnnexOn("outsourcing", from), "old"),
                 VersionFromAnnex(AnnexOn("outsourcing", to), "new"));
}

// The numbers of a pair's units: "15>15,16,17".
std::string Numbers(const Comparison& c, const DiffPair& p) {
  std::string s;
  for (size_t k = 0; k < p.from.size(); ++k) {
    s += (k ? "," : "") + std::to_string(c.from[static_cast<size_t>(p.from[k])].n);
  }
  s += ">";
  for (size_t k = 0; k < p.to.size(); ++k) {
    s += (k ? "," : "") + std::to_string(c.to[static_cast<size_t>(p.to[k])].n);
  }
  return s;
}

// Every pair that is not "same": "change numbers".
std::vector<std::string> Changes(const Comparison& c) {
  std::vector<std::string> out;
  for (const DiffPair& p : c.pairs) {
    if (p.change != DiffPair::Change::kSame || p.moved) {
      out.push_back(std::string(ChangeName(p.change)) + (p.moved ? "+moved " : " ") +
                    Numbers(c, p));
    }
  }
  return out;
}

const DiffPair& PairWithOld(const Comparison& c, int n) {
  for (const DiffPair& p : c.pairs) {
    for (int i : p.from) {
      if (c.from[static_cast<size_t>(i)].n == n) return p;
    }
  }
  ADD_FAILURE() << "no pair holds old " << n;
  static DiffPair none;
  return none;
}

std::vector<std::pair<std::string, std::string>> Edits(const std::vector<DiffOp>& ops) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const DiffOp& op : ops) {
    if (op.kind != DiffOp::Kind::kEqual) out.emplace_back(DiffOpName(op.kind), op.text);
  }
  return out;
}

using Strings = std::vector<std::string>;
using EditList = std::vector<std::pair<std::string, std::string>>;

// Issue #4: 2017 → 2020 is exactly the audit split, 公表 → 公表等, the damages reference, the
// heading of item 6 and the renumbering after item 15.
TEST(CompareTest, Editions2017To2020ChangeExactlyWhatTheSourcesShow) {
  const Comparison c = Editions({2017, 9, 13}, {2020, 2, 1});
  EXPECT_EQ(Changes(c),
            (Strings{"modified 6>6", "split 15>15,16,17", "modified 18>20", "modified 19>21"}));
  // Item 6: the heading only.
  const DiffPair& six = PairWithOld(c, 6);
  EXPECT_TRUE(six.heading_changed);
  EXPECT_EQ(Edits(six.heading_ops), (EditList{{"delete", "ち"}}));
  EXPECT_TRUE(Edits(six.ops).empty());
  // The audit item split into three with the yearly frequency.
  const DiffPair& audit = PairWithOld(c, 15);
  EXPECT_EQ(Edits(audit.heading_ops), (EditList{{"insert", "等"}}));
  EXPECT_NE(NewText(audit.ops).find("年度当たり1回以上"), std::string::npos);
  EXPECT_EQ(OldText(audit.ops), c.from[static_cast<size_t>(audit.from.front())].text);
  EXPECT_EQ(NewText(audit.ops), c.to[static_cast<size_t>(audit.to[0])].text + kUnitBreak +
                                    c.to[static_cast<size_t>(audit.to[1])].text + kUnitBreak +
                                    c.to[static_cast<size_t>(audit.to[2])].text);
  // 公表 → 公表等 with the added guidance.
  const DiffPair& publication = PairWithOld(c, 18);
  EXPECT_EQ(Edits(publication.heading_ops), (EditList{{"insert", "等"}}));
  EXPECT_EQ(Edits(publication.ops),
            (EditList{{"insert", "乙に対して改善等に向けた指導を行うとともに、"}}));
  // 第1項から第17項まで → 第1項から第19項まで: only the number.
  const DiffPair& damages = PairWithOld(c, 19);
  EXPECT_EQ(Edits(damages.ops), (EditList{{"delete", "7"}, {"insert", "9"}}));
  EXPECT_FALSE(damages.heading_changed);
  // Renumbering: 16 → 18, 17 → 19; nothing moved.
  EXPECT_EQ(Numbers(c, PairWithOld(c, 16)), "16>18");
  EXPECT_EQ(Numbers(c, PairWithOld(c, 17)), "17>19");
  EXPECT_EQ(PairWithOld(c, 16).change, DiffPair::Change::kSame);
  for (const DiffPair& p : c.pairs) EXPECT_FALSE(p.moved);
  // Pairs come in the new version's order.
  int last = 0;
  for (const DiffPair& p : c.pairs) {
    ASSERT_FALSE(p.to.empty());
    EXPECT_GT(c.to[static_cast<size_t>(p.to.front())].n, last);
    last = c.to[static_cast<size_t>(p.to.back())].n;
  }
}

TEST(CompareTest, Editions2020To2023SplitSubcontractingAndAddNewCategories) {
  const Comparison c = Editions({2020, 2, 1}, {2023, 4, 1});
  const DiffPair& sub = PairWithOld(c, 10);
  EXPECT_EQ(sub.change, DiffPair::Change::kSplit);
  EXPECT_EQ(Numbers(c, sub), "10>11,12,13,14,15,16,17,18");
  EXPECT_EQ(Edits(sub.heading_ops), (EditList{{"insert", "等"}}));
  // The new categories come in as additions.
  std::vector<std::string> added;
  for (const DiffPair& p : c.pairs) {
    if (p.change != DiffPair::Change::kAdded) continue;
    for (int j : p.to) added.push_back(c.to[static_cast<size_t>(j)].group);
  }
  for (const char* module : {"retention", "improper_use", "complaints", "termination"}) {
    EXPECT_NE(std::find(added.begin(), added.end(), module), added.end()) << module;
  }
  // The ordinance replaced by the Act, as one replacement.
  const DiffPair& training = PairWithOld(c, 18);
  EXPECT_EQ(Edits(training.ops), (EditList{{"delete", "新宿区個人情報保護条例"},
                                           {"insert", "個人情報の保護に関する法律"}}));
}

// A document made of annex items, one paragraph per item (heading lines above).
Document AsDocument(const std::vector<AnnexItem>& items, const std::string& name) {
  Document doc;
  doc.file = name;
  doc.format = "txt";
  auto add = [&doc](const std::string& text) {
    doc.paragraphs.push_back({text, static_cast<int>(doc.paragraphs.size()) + 1, 0, false});
  };
  for (const AnnexItem& it : items) {
    if (!it.heading.empty()) add("（" + it.heading + "）");
    std::string text = it.text;
    for (const auto& [label, sub] : it.subs) text += label + sub;
    add(std::to_string(it.number) + "　" + text);
  }
  return doc;
}

Comparison Documents(const std::vector<AnnexItem>& a, const std::vector<AnnexItem>& b) {
  return Compare(VersionFromDocument(AsDocument(a, "old.txt"), "old.txt"),
                 VersionFromDocument(AsDocument(b, "new.txt"), "new.txt"));
}

TEST(CompareTest, DocumentsAlignSplitsByContentAndHeading) {
  const Annex y2017 = AnnexOn("outsourcing", {2017, 9, 13});
  const Comparison c = Documents(y2017.items, AnnexOn("outsourcing", {2020, 2, 1}).items);
  EXPECT_EQ(Changes(c),
            (Strings{"modified 6>6", "split 15>15,16,17", "modified 18>20", "modified 19>21"}));
  EXPECT_EQ(c.from[0].label, "1");
  EXPECT_EQ(c.from[0].heading, "基本的事項");
  EXPECT_EQ(c.from[0].text.rfind("乙は、", 0), 0u) << "number and heading taken off the text";
  const Comparison c23 = Documents(y2017.items, AnnexOn("outsourcing", {2023, 4, 1}).items);
  EXPECT_EQ(PairWithOld(c23, 10).change, DiffPair::Change::kSplit);
  EXPECT_EQ(Numbers(c23, PairWithOld(c23, 10)), "10>11,12,13,14,15,16,17,18");
}

TEST(CompareTest, DocumentsAlignMovedAndMergedProvisions) {
  std::vector<AnnexItem> items = AnnexOn("outsourcing", {2017, 9, 13}).items;
  // Moved: item 7 (purpose limitation) printed last, renumbered.
  std::vector<AnnexItem> moved = items;
  AnnexItem seven = moved[6];
  moved.erase(moved.begin() + 6);
  moved.push_back(seven);
  for (size_t k = 0; k < moved.size(); ++k) moved[k].number = static_cast<int>(k) + 1;
  Comparison c = Documents(items, moved);
  EXPECT_EQ(Changes(c), (Strings{"same+moved 7>19"}));
  // Merged: items 11 and 12 (return, then erasure certificate) in one paragraph.
  std::vector<AnnexItem> merged = items;
  merged[10].text += merged[11].text;
  merged.erase(merged.begin() + 11);
  for (size_t k = 0; k < merged.size(); ++k) merged[k].number = static_cast<int>(k) + 1;
  c = Documents(items, merged);
  EXPECT_EQ(Changes(c), (Strings{"merged 11,12>11"}));
  const DiffPair& m = PairWithOld(c, 12);
  EXPECT_EQ(Edits(m.ops), (EditList{{"delete", kUnitBreak}}));
  // And the reverse is a split.
  c = Documents(merged, items);
  EXPECT_EQ(Changes(c), (Strings{"split 11>11,12"}));
}

TEST(CompareTest, UnrelatedDocumentsAreRemovedAndAdded) {
  Document a, b;
  a.paragraphs.push_back({"第1条　本契約は、甲乙間の物品売買について定める。", 1, 0, false});
  b.paragraphs.push_back({"1　乙は、個人情報を適正に管理しなければならない。", 1, 0, false});
  const Comparison c = Compare(VersionFromDocument(a, "a"), VersionFromDocument(b, "b"));
  EXPECT_EQ(Changes(c), (Strings{"removed 1>", "added >1"}));
  EXPECT_EQ(c.from[0].label, "第1条");
  EXPECT_EQ(c.to[0].label, "1");
  // A text that merely starts with digits keeps them.
  Document d;
  for (const char* line :
       {"（施行）", "1　この契約は、2023年4月1日から効力を生ずる。", "（対象）",
        "2023年度の業務について定める。", "（期限）", "３．乙は30日以内に報告する。"}) {
    d.paragraphs.push_back({line, static_cast<int>(d.paragraphs.size()) + 1, 0, false});
  }
  const DiffVersion v = VersionFromDocument(d, "d");
  ASSERT_EQ(v.units.size(), 3u);
  EXPECT_EQ(v.units[0].label, "1");
  EXPECT_EQ(v.units[0].text, "この契約は、2023年4月1日から効力を生ずる。");
  EXPECT_EQ(v.units[1].label, "");
  EXPECT_EQ(v.units[1].text, "2023年度の業務について定める。");
  EXPECT_EQ(v.units[2].label, "３．");
  EXPECT_EQ(v.units[2].text, "乙は30日以内に報告する。");
}

// The redline of a comparison holds both versions: its runs, read with every change accepted,
// give the new provisions with their numbers, with every change rejected the old ones.
std::vector<std::string> Side(const Redline& r, bool accept) {
  std::vector<std::string> paragraphs;
  bool join = false;  // The previous paragraph's mark is gone on this side.
  for (const RedlineParagraph& p : r.paragraphs) {
    const std::string text = accept ? NewText(p.ops) : OldText(p.ops);
    if (join) {
      paragraphs.back() += text;
    } else {
      paragraphs.push_back(text);
    }
    join = accept ? p.deleted : p.inserted;
  }
  // Paragraphs whose mark went away at the end join nothing: they vanish when empty.
  paragraphs.erase(std::remove(paragraphs.begin(), paragraphs.end(), ""), paragraphs.end());
  return paragraphs;
}

std::vector<std::string> Printed(const std::vector<AnnexItem>& items) {
  std::vector<std::string> out;
  for (const AnnexItem& it : items) {
    if (!it.heading.empty()) out.push_back(it.heading);
    out.push_back(std::to_string(it.number) + "　" + it.PrintedText());
  }
  return out;
}

TEST(CompareTest, RedlineAcceptedIsNewAndRejectedIsOld) {
  for (auto [from, to] : {std::pair{Date{2017, 9, 13}, Date{2020, 2, 1}},
                          std::pair{Date{2020, 2, 1}, Date{2023, 4, 1}},
                          std::pair{Date{2023, 4, 1}, Date{2017, 9, 13}}}) {
    const Annex a = AnnexOn("outsourcing", from), b = AnnexOn("outsourcing", to);
    const Comparison c = Compare(VersionFromAnnex(a, "old"), VersionFromAnnex(b, "new"));
    const Redline r = BuildRedline(c);
    EXPECT_EQ(Side(r, true), Printed(b.items));
    EXPECT_EQ(Side(r, false), Printed(a.items));
    for (const RedlineParagraph& p : r.paragraphs) EXPECT_FALSE(p.inserted && p.deleted);
  }
}

// The same through the .docx: tokki's reader with every change accepted gives the title and
// the new version, with every change rejected the title and the old one. (LibreOffice does the
// same: tests/integration/diff_cli_test.py.)
TEST(CompareTest, RedlineDocxReadsBackAsEitherVersion) {
  for (auto [from, to] : {std::pair{Date{2017, 9, 13}, Date{2020, 2, 1}},
                          std::pair{Date{2020, 2, 1}, Date{2023, 4, 1}},
                          std::pair{Date{2023, 4, 1}, Date{2017, 9, 13}}}) {
    const Annex a = AnnexOn("outsourcing", from), b = AnnexOn("outsourcing", to);
    const Comparison c = Compare(VersionFromAnnex(a, "old"), VersionFromAnnex(b, "new"));
    RedlineOptions options;
    options.date = "2026-11-22T00:00:00Z";
    auto bytes = WriteRedlineDocx(BuildRedline(c), options);
    ASSERT_TRUE(bytes.ok()) << bytes.status().message();
    for (bool accept : {true, false}) {
      auto doc = ReadDocx(*bytes, "redline.docx", {},
                          accept ? TrackedChanges::kAccept : TrackedChanges::kReject);
      ASSERT_TRUE(doc.ok()) << doc.status().message();
      std::vector<std::string> got;
      for (const Paragraph& p : doc->paragraphs) got.push_back(p.text);
      std::vector<std::string> want = Printed(accept ? b.items : a.items);
      want.insert(want.begin(), DiffTitle(c));
      EXPECT_EQ(got, want) << (accept ? "accepted " : "rejected ") << a.edition << " → "
                           << b.edition;
    }
  }
}

}  // namespace
}  // namespace tokki
