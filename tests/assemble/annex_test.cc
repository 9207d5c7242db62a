#include "assemble/annex.h"

#include "base/file.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "testing/library_copy.h"
#include "testing/seed_annex.h"
#include "text/normalize.h"

namespace tokki {
namespace {

const std::string kClauses = TOKKI_SOURCE_DIR "/clauses";

std::string ReadFileForTest(const std::string& path) {
  auto data = ReadFile(path);
  EXPECT_TRUE(data.ok()) << path;
  return data.ok() ? *data : std::string();
}
const std::string kSeeds = TOKKI_SEEDS_DIR;

std::shared_ptr<const ClauseLibrary> Library() {
  static auto lib = ClauseLibrary::Load(kClauses);
  EXPECT_TRUE(lib.ok()) << lib.status().message();
  return lib.ok() ? *lib : nullptr;
}

AssembleRequest Request(const std::string& type, Date date) {
  AssembleRequest r;
  r.type = type;
  r.date = date;
  r.params = {{"contractor", "株式会社サンプル"}, {"contract_title", "サンプル業務委託"}};
  if (type == "subcontract") r.params["subcontractor"] = "再委託株式会社";
  return r;
}

// The assembled annex for an edition equals the annex in the seed, item for item: same count,
// same headings and same text after NFKC and removing white space.
struct SeedCase {
  Date date;
  const char* edition;
  const char* seed;
  size_t count;
};

class SeedEqualityTest : public ::testing::TestWithParam<SeedCase> {};

TEST_P(SeedEqualityTest, ItemsEqualTheSource) {
  const SeedCase& c = GetParam();
  auto lib = Library();
  ASSERT_NE(lib, nullptr);
  Result<Annex> annex = Assemble(*lib, Request("outsourcing", c.date));
  ASSERT_TRUE(annex.ok()) << annex.status().message();
  EXPECT_EQ(annex->edition, c.edition);
  std::vector<testing::SeedItem> seed = testing::ReadSeedAnnex(kSeeds + "/" + c.seed);
  ASSERT_EQ(seed.size(), c.count) << c.seed;
  ASSERT_EQ(annex->items.size(), c.count);
  for (size_t i = 0; i < seed.size(); ++i) {
    const AnnexItem& got = annex->items[i];
    EXPECT_EQ(got.number, seed[i].number);
    EXPECT_EQ(NormalizeForCompare(got.heading), NormalizeForCompare(seed[i].heading))
        << c.seed << " item " << seed[i].number;
    EXPECT_EQ(NormalizeForCompare(got.PrintedText()), NormalizeForCompare(seed[i].text))
        << c.seed << " item " << seed[i].number;
  }
}

INSTANTIATE_TEST_SUITE_P(
    Editions, SeedEqualityTest,
    ::testing::Values(SeedCase{{2017, 9, 13}, "2017", "001_9015e87258c1506f.txt", 19},
                      SeedCase{{2020, 2, 1}, "2020", "000_eecff7190e13c1cd.txt", 21},
                      SeedCase{{2023, 4, 1}, "2023", "002_387651ff6134b55e.txt", 31}));

// The second 2017 copy (seed 004) differs only by its conversion typo in item 11, which the
// library corrects.
TEST(AssembleTest, Seed004DiffersOnlyByTheRecordedTypo) {
  auto lib = Library();
  ASSERT_NE(lib, nullptr);
  Result<Annex> annex = Assemble(*lib, Request("outsourcing", {2017, 9, 13}));
  ASSERT_TRUE(annex.ok());
  auto seed = testing::ReadSeedAnnex(kSeeds + "/004_fabf8f5175f67c55.txt");
  ASSERT_EQ(seed.size(), 19u);
  for (size_t i = 0; i < seed.size(); ++i) {
    std::string want = NormalizeForCompare(seed[i].text);
    if (i + 1 == 11) {
      ASSERT_NE(want.find("個人情報記録された"), std::string::npos);
      want.replace(want.find("個人情報記録された"), std::string("個人情報記録された").size(),
                   "個人情報が記録された");
    }
    EXPECT_EQ(NormalizeForCompare(annex->items[i].PrintedText()), want) << "item " << i + 1;
  }
  const Module* m = lib->FindModule("return_erasure");
  const ModuleVersion* v = m->VersionFor("2017");
  bool noted = false;
  for (const auto& n : v->notes) noted |= n.find("個人情報記録された") != std::string::npos;
  EXPECT_TRUE(noted) << "the correction must be recorded next to the data";
}

TEST(AssembleTest, CrossReferencesPrintAsNumbers) {
  auto lib = Library();
  ASSERT_NE(lib, nullptr);
  auto a2017 = Assemble(*lib, Request("outsourcing", {2017, 9, 13}));
  auto a2020 = Assemble(*lib, Request("outsourcing", {2020, 2, 1}));
  auto a2023 = Assemble(*lib, Request("outsourcing", {2023, 4, 1}));
  ASSERT_TRUE(a2017.ok() && a2020.ok() && a2023.ok());
  EXPECT_NE(a2017->items[18].text.find("第1項から第17項まで"), std::string::npos);
  EXPECT_NE(a2020->items[20].text.find("第1項から第19項まで"), std::string::npos);
  EXPECT_EQ(a2020->items[16].text.rfind("乙は、第15項による", 0), 0u);
  for (int n = 14; n <= 18; ++n) {
    EXPECT_NE(a2023->items[n - 1].text.find("第12項"), std::string::npos) << n;
  }
  // Relative forms stay as written.
  EXPECT_EQ(a2020->items[15].text.rfind("前項による確認", 0), 0u);
}

TEST(AssembleTest, HeadingsAreEmptyForItemsContinuingAGroup) {
  auto lib = Library();
  auto a = Assemble(*lib, Request("outsourcing", {2023, 4, 1}));
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->items[10].heading, "再委託等の禁止");
  for (int n = 12; n <= 18; ++n) EXPECT_EQ(a->items[n - 1].heading, "") << n;
  EXPECT_EQ(a->items[18].heading, "個人情報の取扱いに関する苦情への対応");
}

TEST(AssembleTest, ParametersFillTheText) {
  auto lib = Library();
  auto r = Request("outsourcing", {2020, 2, 1});
  auto a = Assemble(*lib, r);
  ASSERT_TRUE(a.ok());
  EXPECT_NE(a->items[17].text.find("新宿区個人情報保護条例"), std::string::npos);
  EXPECT_NE(a->items[14].text.find("新宿区情報公開・個人情報保護審議会"), std::string::npos);
  r.params["ordinance"] = "杉並区個人情報保護条例";
  r.params["privacy_council"] = "杉並区情報公開・個人情報保護審議会";
  a = Assemble(*lib, r);
  ASSERT_TRUE(a.ok());
  EXPECT_NE(a->items[17].text.find("杉並区個人情報保護条例"), std::string::npos);
  EXPECT_NE(a->items[14].text.find("杉並区情報公開・個人情報保護審議会"), std::string::npos);
  // The 2023 edition names the national Act, whatever the ordinance parameter says.
  r.date = {2023, 4, 1};
  a = Assemble(*lib, r);
  ASSERT_TRUE(a.ok());
  EXPECT_NE(a->items[25].text.find("個人情報の保護に関する法律"), std::string::npos);
  EXPECT_EQ(a->items[25].text.find("条例"), std::string::npos);
}

// Item 16 of the 2023 edition: the subcontract states the annex's provisions.
TEST(AssembleTest, SubcontractCarriesTheWholeAnnexWithTheSubcontractor) {
  auto lib = Library();
  auto a = Assemble(*lib, Request("subcontract", {2023, 4, 1}));
  auto full = Assemble(*lib, Request("outsourcing", {2023, 4, 1}));
  ASSERT_TRUE(a.ok() && full.ok()) << a.status().message();
  ASSERT_EQ(a->items.size(), 31u);
  for (size_t i = 0; i < 31; ++i) {
    EXPECT_EQ(a->items[i].PrintedText(), full->items[i].PrintedText()) << i + 1;
  }
  // The ward's check of the subcontractor at least once a fiscal year (item 18).
  EXPECT_NE(a->items[17].text.find("年度当たり1回以上"), std::string::npos);
  EXPECT_NE(a->subtitle.find("第16項"), std::string::npos);
  bool printed = false;
  for (const auto& [label, value] : a->info) printed |= value == "再委託株式会社";
  EXPECT_TRUE(printed);
  EXPECT_FALSE(a->measures.has_value());
}

TEST(AssembleTest, MeasuresPartForSystemDevelopmentAndServiceOperation) {
  auto lib = Library();
  auto dev = Assemble(*lib, Request("system-development", {2020, 2, 1}));
  auto op = Assemble(*lib, Request("service-operation", {2023, 4, 1}));
  auto out = Assemble(*lib, Request("outsourcing", {2023, 4, 1}));
  ASSERT_TRUE(dev.ok() && op.ok() && out.ok());
  ASSERT_TRUE(dev->measures.has_value());
  ASSERT_TRUE(op->measures.has_value());
  EXPECT_FALSE(out->measures.has_value());
  EXPECT_EQ(dev->measures->title, "受託事業者に行わせる情報保護対策");
  ASSERT_EQ(dev->measures->groups.size(), 2u);
  EXPECT_EQ(dev->measures->groups[0].title, "運用上の対策");
  EXPECT_NE(dev->measures->groups[0].items[1].find("ダミーデータ"), std::string::npos);
  EXPECT_EQ(dev->measures->sources[0].seed, "000_eecff7190e13c1cd.txt");
  // The security-policy parameter is filled in the 2023 service-operation measures.
  EXPECT_NE(op->measures->groups[0].items[0].find("新宿区情報セキュリティポリシー"),
            std::string::npos);
}

TEST(AssembleTest, RefusalsHaveExactMessages) {
  auto lib = Library();
  struct Case {
    AssembleRequest request;
    const char* message;
  };
  auto missing = Request("outsourcing", {2023, 4, 1});
  missing.params.erase("contractor");
  auto unknown = Request("outsourcing", {2023, 4, 1});
  unknown.params["colour"] = "red";
  auto sub_missing = Request("subcontract", {2023, 4, 1});
  sub_missing.params.erase("subcontractor");
  Case cases[] = {
      {Request("leasing", {2023, 4, 1}),
       "type: 「leasing」は不明な契約種別です（outsourcing, system-development, "
       "service-operation, subcontract）"},
      {Request("outsourcing", {2017, 6, 30}),
       "date: 2017-06-30（平成29年6月30日）に施行中の特記事項の版はありません。最も古い版（2017）"
       "は2017-07-01（平成29年7月1日）からです"},
      {Request("subcontract", {2023, 3, 31}),
       "date: 再委託契約の特記事項は令和5年4月1日以降の契約日に限り作成できます（それより前の版は"
       "第10項で再委託を一切禁止しています）"},
      {missing, "contractor: 必須のパラメータ（受託者（乙））がありません"},
      {sub_missing, "subcontractor: 必須のパラメータ（再委託等先（丙））がありません"},
  };
  for (const auto& c : cases) {
    auto a = Assemble(*lib, c.request);
    ASSERT_FALSE(a.ok()) << c.message;
    EXPECT_EQ(a.status().message(), c.message);
  }
  auto a = Assemble(*lib, unknown);
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.status().message().rfind("colour: 不明なパラメータです", 0), 0u);
}

// Removing or inserting a module renumbers every printed reference.
TEST(AssembleTest, ReferencesFollowARemovedModule) {
  testing::LibraryCopy copy;
  copy.Remove("modules/no_copying.xml");
  ASSERT_EQ(copy.RemoveLines("library.xml", "<module ref=\"no_copying\"/>"), 3);
  auto lib = ClauseLibrary::Load(copy.path());
  ASSERT_TRUE(lib.ok()) << lib.status().message();
  auto a2020 = Assemble(**lib, Request("outsourcing", {2020, 2, 1}));
  auto a2017 = Assemble(**lib, Request("outsourcing", {2017, 9, 13}));
  ASSERT_TRUE(a2020.ok() && a2017.ok());
  ASSERT_EQ(a2020->items.size(), 20u);
  EXPECT_NE(a2020->items[19].text.find("第1項から第18項まで"), std::string::npos);
  EXPECT_EQ(a2020->items[15].text.rfind("乙は、第14項による", 0), 0u);
  ASSERT_EQ(a2017->items.size(), 18u);
  EXPECT_NE(a2017->items[17].text.find("第1項から第16項まで"), std::string::npos);
}

TEST(AssembleTest, ReferencesFollowAnInsertedModule) {
  testing::LibraryCopy copy;
  copy.Write("modules/preamble.xml",
             "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
             "<module xmlns=\"urn:tokki:clauses:1\" id=\"preamble\" category=\"basic\">\n"
             "  <version editions=\"2020 2023\">\n"
             "    <heading>試験</heading>\n"
             "    <source seed=\"test\" items=\"0\"/>\n"
             "    <item><text>試験用の項目。</text></item>\n"
             "  </version>\n"
             "</module>\n");
  // Insert before basic in 2020 and 2023 (the second and third <module ref="basic"/>).
  std::string lib_xml = ReadFileForTest(copy.file("library.xml"));
  size_t first = lib_xml.find("<module ref=\"basic\"/>");
  size_t second = lib_xml.find("<module ref=\"basic\"/>", first + 1);
  size_t third = lib_xml.find("<module ref=\"basic\"/>", second + 1);
  ASSERT_NE(third, std::string::npos);
  lib_xml.insert(third, "<module ref=\"preamble\"/>");
  lib_xml.insert(second, "<module ref=\"preamble\"/>");
  copy.Write("library.xml", lib_xml);
  auto lib = ClauseLibrary::Load(copy.path());
  ASSERT_TRUE(lib.ok()) << lib.status().message();
  auto a2020 = Assemble(**lib, Request("outsourcing", {2020, 2, 1}));
  auto a2023 = Assemble(**lib, Request("outsourcing", {2023, 4, 1}));
  ASSERT_TRUE(a2020.ok() && a2023.ok());
  ASSERT_EQ(a2020->items.size(), 22u);
  EXPECT_EQ(a2020->items[0].text, "試験用の項目。");
  EXPECT_NE(a2020->items[21].text.find("第2項から第20項まで"), std::string::npos);
  EXPECT_EQ(a2020->items[17].text.rfind("乙は、第16項による", 0), 0u);
  for (int n = 15; n <= 19; ++n) {
    EXPECT_NE(a2023->items[n - 1].text.find("第13項"), std::string::npos) << n;
  }
}

// A type may print selected items of a module; references into the selection follow its own
// numbering and references outside it are refused.
TEST(AssembleTest, TypeSelectingItemsRenumbersWithinTheSelection) {
  testing::LibraryCopy copy;
  ASSERT_TRUE(copy.Edit("library.xml", "<type id=\"outsourcing\" name=\"業務委託\">",
                        "<type id=\"flowdown\" name=\"試験\" from=\"2023-04-01\">"
                        "<refusal>試験</refusal><annex title=\"試験\">"
                        "<select module=\"subcontracting\" items=\"2-8\"/></annex></type>"
                        "<type id=\"broken\" name=\"試験\" from=\"2023-04-01\">"
                        "<refusal>試験</refusal><annex><select module=\"subcontracting\" "
                        "items=\"3-8\"/></annex></type>"
                        "<type id=\"outsourcing\" name=\"業務委託\">"));
  auto lib = ClauseLibrary::Load(copy.path());
  ASSERT_TRUE(lib.ok()) << lib.status().message();
  auto a = Assemble(**lib, Request("flowdown", {2023, 4, 1}));
  ASSERT_TRUE(a.ok()) << a.status().message();
  ASSERT_EQ(a->items.size(), 7u);
  EXPECT_EQ(a->items[0].heading, "再委託等の禁止");
  for (int n = 3; n <= 7; ++n) {
    EXPECT_EQ(a->items[n - 1].text.rfind("第1項の場合において", 0), 0u) << n;
  }
  // Item 12 (the consent) is not selected: 「第12項」 has nothing to point at.
  auto b = Assemble(**lib, Request("broken", {2023, 4, 1}));
  ASSERT_FALSE(b.ok());
  EXPECT_NE(
      b.status().message().find("reference target 'subcontracting.2' is not part of this annex"),
      std::string::npos)
      << b.status().message();
}

TEST(AssembleTest, InfoBlockPrintsTheDateInEraForm) {
  auto lib = Library();
  auto a = Assemble(*lib, Request("outsourcing", {2019, 5, 1}));
  ASSERT_TRUE(a.ok());
  ASSERT_FALSE(a->info.empty());
  EXPECT_EQ(a->info.back(), std::make_pair(std::string("契約日"), std::string("令和元年5月1日")));
}

}  // namespace
}  // namespace tokki
