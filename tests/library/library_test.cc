#include "library/library.h"

#include <gtest/gtest.h>

#include "testing/library_copy.h"

namespace tokki {
namespace {

const std::string kClauses = TOKKI_SOURCE_DIR "/clauses";

using testing::LibraryCopy;
using testing::LineOf;

TEST(ClauseLibraryTest, LoadsTheSampleLibrary) {
  auto lib = ClauseLibrary::Load(kClauses);
  ASSERT_TRUE(lib.ok()) << lib.status().message();
  const auto& editions = (*lib)->editions();
  ASSERT_EQ(editions.size(), 3u);
  EXPECT_EQ(editions[0].id, "2017");
  EXPECT_EQ(editions[1].id, "2020");
  EXPECT_EQ(editions[2].id, "2023");
  for (const auto& e : editions) EXPECT_FALSE(e.evidence.empty()) << e.id;
  // Every module version records where its text comes from.
  for (const auto& [id, m] : (*lib)->modules()) {
    for (const auto& v : m.versions) EXPECT_FALSE(v.sources.empty()) << id;
  }
}

TEST(ClauseLibraryTest, AuditIsOneModuleWithThreeVersions) {
  auto lib = ClauseLibrary::Load(kClauses);
  ASSERT_TRUE(lib.ok()) << lib.status().message();
  const Module* audit = (*lib)->FindModule("audit");
  ASSERT_NE(audit, nullptr);
  ASSERT_EQ(audit->versions.size(), 3u);
  EXPECT_EQ(audit->VersionFor("2017")->items.size(), 1u);
  EXPECT_EQ(audit->VersionFor("2020")->items.size(), 3u);
  EXPECT_EQ(audit->VersionFor("2023")->items.size(), 2u);
  EXPECT_EQ(audit->VersionFor("2020")->heading, "監査等");
}

TEST(ClauseLibraryTest, EditionBoundaries) {
  auto lib = ClauseLibrary::Load(kClauses);
  ASSERT_TRUE(lib.ok()) << lib.status().message();
  struct Case {
    Date date;
    const char* edition;  // nullptr: none in force.
  } cases[] = {
      {{2017, 6, 30}, nullptr}, {{2017, 7, 1}, "2017"}, {{2017, 9, 13}, "2017"},
      {{2020, 1, 31}, "2017"},  {{2020, 2, 1}, "2020"}, {{2023, 3, 31}, "2020"},
      {{2023, 4, 1}, "2023"},   {{2030, 1, 1}, "2023"},
  };
  for (const auto& c : cases) {
    const Edition* e = (*lib)->EditionOn(c.date);
    if (c.edition == nullptr) {
      EXPECT_EQ(e, nullptr) << c.date.ToIso();
    } else {
      ASSERT_NE(e, nullptr) << c.date.ToIso();
      EXPECT_EQ(e->id, c.edition) << c.date.ToIso();
    }
  }
}

TEST(ClauseLibraryTest, SchemaErrorNamesFileAndLine) {
  LibraryCopy copy;
  ASSERT_TRUE(copy.Edit("modules/audit.xml", "<heading>監査等</heading>",
                        "<heading>監査等</heading><bogus/>"));
  auto lib = ClauseLibrary::Load(copy.path());
  ASSERT_FALSE(lib.ok());
  int line = LineOf(copy.file("modules/audit.xml"), "<bogus/>");
  ASSERT_GT(line, 0);
  const std::string prefix =
      copy.file("modules/audit.xml") + ":" + std::to_string(line) + ": schema:";
  EXPECT_EQ(lib.status().message().rfind(prefix, 0), 0u) << lib.status().message();
}

TEST(ClauseLibraryTest, MalformedXmlNamesFileAndLine) {
  LibraryCopy copy;
  ASSERT_TRUE(copy.Edit("modules/damages.xml", "</heading>", "</headin>"));
  auto lib = ClauseLibrary::Load(copy.path());
  ASSERT_FALSE(lib.ok());
  EXPECT_EQ(lib.status().message().rfind(copy.file("modules/damages.xml") + ":", 0), 0u)
      << lib.status().message();
}

TEST(ClauseLibraryTest, UnknownReferenceTargetNamesFileAndLine) {
  LibraryCopy copy;
  ASSERT_TRUE(copy.Edit("modules/audit.xml", "<ref to=\"audit.1\"/>", "<ref to=\"audit.9\"/>"));
  auto lib = ClauseLibrary::Load(copy.path());
  ASSERT_FALSE(lib.ok());
  int line = LineOf(copy.file("modules/audit.xml"), "audit.9");
  EXPECT_EQ(lib.status().message(), copy.file("modules/audit.xml") + ":" + std::to_string(line) +
                                        ": unknown reference target 'audit.9'");
}

TEST(ClauseLibraryTest, MalformedReferenceTargetIsRefused) {
  LibraryCopy copy;
  ASSERT_TRUE(copy.Edit("modules/audit.xml", "<ref to=\"audit.1\"/>", "<ref to=\"audit\"/>"));
  auto lib = ClauseLibrary::Load(copy.path());
  ASSERT_FALSE(lib.ok());
  EXPECT_NE(lib.status().message().find("malformed reference target 'audit'"), std::string::npos)
      << lib.status().message();
}

TEST(ClauseLibraryTest, UnknownParameterIsRefused) {
  LibraryCopy copy;
  ASSERT_TRUE(copy.Edit("modules/audit.xml", "<param name=\"privacy_council\"/>",
                        "<param name=\"council\"/>"));
  auto lib = ClauseLibrary::Load(copy.path());
  ASSERT_FALSE(lib.ok());
  EXPECT_NE(lib.status().message().find("unknown parameter 'council'"), std::string::npos)
      << lib.status().message();
}

TEST(ClauseLibraryTest, EditionListingAMissingModuleIsRefused) {
  LibraryCopy copy;
  copy.Remove("modules/no_copying.xml");
  auto lib = ClauseLibrary::Load(copy.path());
  ASSERT_FALSE(lib.ok());
  EXPECT_EQ(lib.status().message(),
            copy.file("library.xml") + ": edition '2017' lists unknown module 'no_copying'");
}

TEST(ClauseLibraryTest, DoctypeIsRefused) {
  LibraryCopy copy;
  ASSERT_TRUE(copy.Edit("modules/audit.xml", "<module ",
                        "<!DOCTYPE module [<!ENTITY x \"y\">]>\n<module "));
  auto lib = ClauseLibrary::Load(copy.path());
  ASSERT_FALSE(lib.ok());
  EXPECT_NE(lib.status().message().find("DOCTYPE を含む XML は読みません"), std::string::npos)
      << lib.status().message();
}

TEST(ClauseLibraryTest, ParsesTargets) {
  EXPECT_EQ(ParseTarget("audit.1"), std::make_pair(std::string("audit"), 1));
  EXPECT_EQ(ParseTarget("subcontracting.12"), std::make_pair(std::string("subcontracting"), 12));
  EXPECT_FALSE(ParseTarget("audit").has_value());
  EXPECT_FALSE(ParseTarget("audit.0").has_value());
  EXPECT_FALSE(ParseTarget(".1").has_value());
  EXPECT_FALSE(ParseTarget("audit.x").has_value());
}

}  // namespace
}  // namespace tokki
