#include "docx/docx_writer.h"

#include <gtest/gtest.h>
#include <zip.h>

#include "assemble/annex.h"
#include "report/annex_render.h"
#include "xml/xml.h"

namespace tokki {
namespace {

struct Entry {
  std::string name;
  std::string data;
  time_t mtime;
  zip_uint16_t method;
};

// Reads every entry back with libzip.
std::vector<Entry> Unzip(const std::string& bytes) {
  std::vector<Entry> out;
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &err);
  zip_t* za = zip_open_from_source(src, ZIP_RDONLY, &err);
  if (za == nullptr) {
    zip_source_free(src);
    return out;
  }
  for (zip_int64_t i = 0; i < zip_get_num_entries(za, 0); ++i) {
    zip_stat_t st;
    zip_stat_index(za, static_cast<zip_uint64_t>(i), 0, &st);
    std::string data(st.size, '\0');
    zip_file_t* f = zip_fopen_index(za, static_cast<zip_uint64_t>(i), 0);
    zip_fread(f, data.data(), st.size);
    zip_fclose(f);
    out.push_back({st.name, data, st.mtime, st.comp_method});
  }
  zip_close(za);
  return out;
}

class DocxWriterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto t = DocxTemplate::Load(TOKKI_SOURCE_DIR "/docx-templates/annex");
    ASSERT_TRUE(t.ok()) << t.status().message();
    tmpl_ = *t;
    auto lib = ClauseLibrary::Load(TOKKI_SOURCE_DIR "/clauses");
    ASSERT_TRUE(lib.ok()) << lib.status().message();
    AssembleRequest r;
    r.type = "system-development";
    r.date = {2023, 4, 1};
    r.params = {{"contractor", "株式会社<テスト>&"}, {"contract_title", "改修業務"}};
    auto a = Assemble(**lib, r);
    ASSERT_TRUE(a.ok()) << a.status().message();
    annex_ = *a;
  }
  std::shared_ptr<const DocxTemplate> tmpl_;
  Annex annex_;
};

TEST_F(DocxWriterTest, PackageLayoutFollowsDocxMd) {
  auto bytes = RenderAnnex(annex_, AnnexFormat::kDocx, *tmpl_);
  ASSERT_TRUE(bytes.ok()) << bytes.status().message();
  ASSERT_EQ(bytes->rfind("PK\x03\x04", 0), 0u) << "no bytes before the archive";
  auto entries = Unzip(*bytes);
  ASSERT_FALSE(entries.empty());
  EXPECT_EQ(entries.front().name, "[Content_Types].xml");
  for (const auto& e : entries) {
    EXPECT_NE(e.name.back(), '/') << "directory entry " << e.name;
    // Only the two methods every reader supports; the body is deflated.
    EXPECT_TRUE(e.method == ZIP_CM_DEFLATE || e.method == ZIP_CM_STORE) << e.name;
    if (e.name == "word/document.xml") {
      EXPECT_EQ(e.method, ZIP_CM_DEFLATE);
    }
  }
  std::vector<std::string> names;
  for (const auto& e : entries) names.push_back(e.name);
  for (const char* want : {"_rels/.rels", "word/document.xml", "word/styles.xml",
                           "word/settings.xml", "word/fontTable.xml", "word/theme/theme1.xml",
                           "word/footer1.xml", "docProps/core.xml", "docProps/app.xml"}) {
    EXPECT_NE(std::find(names.begin(), names.end(), want), names.end()) << want;
  }
}

TEST_F(DocxWriterTest, BodyReplacesThePlaceholderAndEscapesText) {
  auto bytes = RenderAnnex(annex_, AnnexFormat::kDocx, *tmpl_);
  ASSERT_TRUE(bytes.ok());
  for (const auto& e : Unzip(*bytes)) {
    if (e.name == "docProps/core.xml") {
      EXPECT_NE(e.data.find("2023-04-01T00:00:00Z"), std::string::npos);
      EXPECT_EQ(e.data.find("{{"), std::string::npos);
    }
    if (e.name != "word/document.xml") continue;
    EXPECT_EQ(e.data.find("{{TOKKI_BODY}}"), std::string::npos);
    EXPECT_NE(e.data.find("株式会社&lt;テスト&gt;&amp;"), std::string::npos);
    EXPECT_NE(e.data.find("standalone=\"yes\""), std::string::npos);
    auto doc = ParseXml(e.data, e.name);
    ASSERT_TRUE(doc.ok()) << doc.status().message();
    xmlNode* body = FirstChildElement(xmlDocGetRootElement(doc->get()), "body");
    ASSERT_NE(body, nullptr);
    int items = 0;
    for (xmlNode* p : ChildElements(body, "p")) {
      xmlNode* ppr = FirstChildElement(p, "pPr");
      if (ppr && Attr(FirstChildElement(ppr, "pStyle"), "val") == "TokkiItem") ++items;
    }
    // 31 annex items and 5 + 4 measures.
    EXPECT_EQ(items, 31 + 9);
    // sectPr stays the last child of the body.
    xmlNode* last = body->last;
    while (last && last->type != XML_ELEMENT_NODE) last = last->prev;
    EXPECT_TRUE(IsElement(last, "sectPr"));
  }
}

TEST_F(DocxWriterTest, SameInputGivesSameBytes) {
  auto a = RenderAnnex(annex_, AnnexFormat::kDocx, *tmpl_);
  auto b = RenderAnnex(annex_, AnnexFormat::kDocx, *tmpl_);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(*a, *b);
}

// The body markup, byte for byte as libxml2's text writer wrote it before the writer appended
// to a string itself: escaping, spaces kept, controls, tracked changes, empty runs.
TEST_F(DocxWriterTest, BodyMarkupForEveryKindOfText) {
  DocxParagraph p;
  p.style = "S<&>";
  p.runs.push_back({" a  b ", true});
  p.runs.push_back({"x<y>&\"'\tz\r\nw\rv\fu\x01"});
  p.runs.push_back({""});
  p.runs.push_back({"削除", false, false, DocxChange::kDeleted});
  p.runs.push_back({"挿入 ", false, true, DocxChange::kInserted});
  p.runs.push_back({"あいうえおかきくけこ<さしすせそ  たち"});
  DocxParagraph q;
  q.mark = DocxChange::kInserted;
  q.old_style = "";
  q.runs.push_back({"ＡＢＣＤＥＦＧＨ\r"});
  DocxDocumentInfo info;
  info.revision_author = "A&B";
  info.revision_date = "2026-11-22T13:00:00Z";
  auto bytes = WriteDocx(*tmpl_, {p, q}, Date{2023, 4, 1}, info);
  ASSERT_TRUE(bytes.ok()) << bytes.status().message();
  const std::string expected =
      "<w:p><w:pPr><w:pStyle w:val=\"S&lt;&amp;&gt;\"/></w:pPr>"
      "<w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\"> a  b </w:t></w:r>"
      "<w:r><w:t>x&lt;y&gt;&amp;&quot;'</w:t><w:tab/><w:t>z</w:t><w:br/><w:t>w</w:t><w:br/>"
      "<w:t>v</w:t><w:t>u</w:t></w:r>"
      "<w:r></w:r>"
      "<w:del w:id=\"1\" w:author=\"A&amp;B\" w:date=\"2026-11-22T13:00:00Z\"><w:r>"
      "<w:delText xml:space=\"preserve\">削除</w:delText></w:r></w:del>"
      "<w:ins w:id=\"2\" w:author=\"A&amp;B\" w:date=\"2026-11-22T13:00:00Z\"><w:r>"
      "<w:rPr><w:u w:val=\"single\"/></w:rPr><w:t xml:space=\"preserve\">挿入 </w:t></w:r></w:ins>"
      "<w:r><w:t xml:space=\"preserve\">あいうえおかきくけこ&lt;さしすせそ  たち</w:t></w:r></w:p>"
      "<w:p><w:pPr><w:rPr><w:ins w:id=\"3\" w:author=\"A&amp;B\" "
      "w:date=\"2026-11-22T13:00:00Z\"/></w:rPr>"
      "<w:pPrChange w:id=\"4\" w:author=\"A&amp;B\" w:date=\"2026-11-22T13:00:00Z\"><w:pPr>"
      "</w:pPr></w:pPrChange></w:pPr><w:r><w:t>ＡＢＣＤＥＦＧＨ</w:t><w:br/></w:r></w:p>";
  bool found = false;
  for (const auto& e : Unzip(*bytes)) {
    if (e.name != "word/document.xml") continue;
    found = true;
    EXPECT_EQ(
        e.data.substr(tmpl_->document_head().size(), e.data.size() - tmpl_->document_head().size() -
                                                         tmpl_->document_tail().size()),
        expected);
    EXPECT_TRUE(ParseXml(e.data, e.name).ok());
  }
  EXPECT_TRUE(found);
}

// The parts that are the same in every document are deflated once, at load, and copied into
// every package as they are: read back, they are the template's files.
TEST_F(DocxWriterTest, StaticPartsReadBackAsTheTemplatesFiles) {
  auto bytes = RenderAnnex(annex_, AnnexFormat::kDocx, *tmpl_);
  ASSERT_TRUE(bytes.ok());
  auto entries = Unzip(*bytes);
  ASSERT_EQ(entries.size(), tmpl_->parts().size());
  int prepared = 0;
  for (size_t i = 0; i < entries.size(); ++i) {
    EXPECT_EQ(entries[i].name, tmpl_->parts()[i].first);
    if (!tmpl_->prepared(i)) continue;
    ++prepared;
    EXPECT_EQ(entries[i].data, tmpl_->parts()[i].second) << entries[i].name;
  }
  EXPECT_EQ(prepared, static_cast<int>(entries.size()) - 2);  // All but document and core.
}

TEST(DocxTemplateTest, MissingPlaceholderIsRefused) {
  auto t = DocxTemplate::Load("/nonexistent-tokki-template");
  EXPECT_FALSE(t.ok());
}

}  // namespace
}  // namespace tokki
