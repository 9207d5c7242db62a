// WriteRedlineDocx, read back with ReadDocx accepting and rejecting the tracked changes: every
// case must give the new version when accepted and the old one when rejected. Also ReadDocx's
// reading of tracked changes on hand-written XML (the reject view and joined paragraphs).
// tests/integration/redline_roundtrip_test.py checks the same with LibreOffice.
#include "docx/redline_writer.h"

#include <gtest/gtest.h>
#include <libxml/xmlschemas.h>

#include <cstdlib>
#include <ctime>
#include <functional>
#include <set>

#include "read/document.h"
#include "testing/docx_fixture.h"
#include "xml/xml.h"
#include "zip/zip_reader.h"

namespace tokki {
namespace {

using Style = RedlineParagraph::Style;
using Lines = std::vector<std::string>;

constexpr char kDate[] = "2026-11-22T13:00:00Z";
constexpr char kAuthor[] = "法務課 <審査> & \"tokki\"";

DiffOp Eq(std::string text, std::string old_text = "") {
  return {DiffOp::Kind::kEqual, std::move(text), std::move(old_text)};
}
DiffOp Ins(std::string text) { return {DiffOp::Kind::kInsert, std::move(text), ""}; }
DiffOp Del(std::string text) { return {DiffOp::Kind::kDelete, std::move(text), ""}; }

RedlineParagraph Para(std::vector<DiffOp> ops, Style style = Style::kItem) {
  RedlineParagraph p;
  p.style = style;
  p.ops = std::move(ops);
  return p;
}
RedlineParagraph Same(std::string text, Style style = Style::kItem) {
  return Para({Eq(std::move(text))}, style);
}
RedlineParagraph Added(std::string text, Style style = Style::kItem) {
  RedlineParagraph p = Para({Ins(std::move(text))}, style);
  p.inserted = true;
  return p;
}
RedlineParagraph Removed(std::string text, Style style = Style::kItem) {
  RedlineParagraph p = Para({Del(std::move(text))}, style);
  p.deleted = true;
  return p;
}

RedlineOptions Options() {
  RedlineOptions o;
  o.author = kAuthor;
  o.date = kDate;
  return o;
}

// One version of a redline as ReadDocx shows it: tabs read as spaces, line breaks as '\n',
// paragraphs trimmed, empty ones dropped.
Lines Version(const Redline& r, bool new_version) {
  Lines out;
  if (!r.title.empty()) out.push_back(r.title);
  for (const auto& p : r.paragraphs) {
    if (new_version ? p.deleted : p.inserted) continue;
    const std::string text = new_version ? NewText(p.ops) : OldText(p.ops);
    std::string shown;
    for (size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') continue;
      shown += text[i] == '\t' ? ' ' : text[i] == '\r' ? '\n' : text[i];
    }
    shown.erase(0, shown.find_first_not_of(" \n"));
    shown.erase(shown.find_last_not_of(" \n") + 1);
    if (!shown.empty()) out.push_back(shown);
  }
  return out;
}

Result<std::shared_ptr<const DocxTemplate>> Template() {
  return DocxTemplate::Load(TOKKI_SOURCE_DIR "/docx-templates/annex");
}

std::string Write(const Redline& r, const RedlineOptions& options = Options()) {
  auto tmpl = Template();
  EXPECT_TRUE(tmpl.ok()) << tmpl.status().message();
  if (!tmpl.ok()) return "";
  auto bytes = WriteRedlineDocx(**tmpl, r, options);
  EXPECT_TRUE(bytes.ok()) << bytes.status().message();
  return bytes.ok() ? *bytes : "";
}

Lines Read(const std::string& bytes, TrackedChanges changes) {
  auto doc = ReadDocx(bytes, "redline.docx", {}, changes);
  EXPECT_TRUE(doc.ok()) << doc.status().message();
  return doc.ok() ? testing_docx::Texts(*doc) : Lines{"<error>"};
}

std::string Part(const std::string& bytes, const char* name) {
  auto zip = ZipReader::Open(bytes, "redline.docx");
  EXPECT_TRUE(zip.ok()) << zip.status().message();
  if (!zip.ok()) return "";
  auto data = (*zip)->Read(name);
  EXPECT_TRUE(data.ok()) << data.status().message();
  return data.ok() ? *data : "";
}

// Calls f on every element below node, in document order.
void ForEachElement(const xmlNode* node, const std::function<void(const xmlNode*)>& f) {
  for (const xmlNode* c : ChildElements(node)) {
    f(c);
    ForEachElement(c, f);
  }
}

// word/document.xml against the transitional schemas with Microsoft's extensions, as
// tests/integration/docx_readers_test.py does with xmllint; "" when valid, else the errors.
void CollectError(void* out, xmlErrorPtr e) {
  if (e != nullptr && e->message != nullptr) {
    *static_cast<std::string*>(out) += std::to_string(e->line) + ": " + e->message;
  }
}

// The compiled schema, once per test binary (never freed); null with the reason in *error.
xmlSchemaPtr WordSchema(std::string* error) {
  static std::string compile_errors;
  static xmlSchemaPtr schema = [] {
    const char* env = std::getenv("TOKKI_OOXML_SCHEMAS");
    const std::string dir =
        env != nullptr && *env != '\0' ? env : TOKKI_SOURCE_DIR "/../shared/ooxml-schemas";
    const std::string xsd = dir + "/schemas/microsoft/wml-2010.xsd";
    xmlSchemaParserCtxtPtr pctxt = xmlSchemaNewParserCtxt(xsd.c_str());
    if (pctxt == nullptr) {
      compile_errors = "cannot read " + xsd + " (set TOKKI_OOXML_SCHEMAS)";
      return xmlSchemaPtr{nullptr};
    }
    xmlSchemaSetParserStructuredErrors(pctxt, CollectError, &compile_errors);
    xmlSchemaPtr compiled = xmlSchemaParse(pctxt);
    xmlSchemaFreeParserCtxt(pctxt);
    if (compiled == nullptr) compile_errors = "cannot compile " + xsd + ": " + compile_errors;
    return compiled;
  }();
  *error = compile_errors;
  return schema;
}

// word/document.xml against the transitional schemas with Microsoft's extensions, as
// tests/integration/docx_readers_test.py does with xmllint; "" when valid, else the errors.
std::string SchemaErrors(const std::string& xml) {
  std::string errors;
  xmlSchemaPtr schema = WordSchema(&errors);
  if (schema == nullptr) return errors;
  auto doc = ParseXml(xml, "word/document.xml");
  if (!doc.ok()) return doc.status().message();
  xmlSchemaValidCtxtPtr vctxt = xmlSchemaNewValidCtxt(schema);
  xmlSchemaSetValidStructuredErrors(vctxt, CollectError, &errors);
  int rc = xmlSchemaValidateDoc(vctxt, doc->get());
  xmlSchemaFreeValidCtxt(vctxt);
  return rc == 0 ? "" : errors.empty() ? "invalid" : errors;
}

struct Case {
  const char* label;
  Redline redline;
};

std::vector<Case> Cases() {
  const std::string title = "個人情報の取扱いに関する特記事項";
  return {
      {"modified paragraphs",
       {title,
        {Same("（基本的事項）", Style::kHeading),
         Para({Eq("1\t乙は、"), Del("新宿区個人情報保護条例"), Ins("個人情報の保護に関する法律"),
               Eq("を遵守しなければならない。")}),
         Para({Ins("改正後の"), Eq("本文"), Del("（旧）")}, Style::kBody)}}},
      {"whole paragraphs added and removed in the middle",
       {title,
        {Same("（秘密の保持）", Style::kHeading), Added("（適正な取得）", Style::kHeading),
         Added("2\t乙は、適正に取得する。"), Removed("3\t旧第3項"), Same("4\t本項は残る。")}}},
      {"ends with added paragraphs",
       {title, {Same("1\t残る項"), Added("（契約解除）", Style::kHeading), Added("31\t追加の項")}}},
      {"ends with removed paragraphs",
       {title, {Same("1\t残る項"), Removed("18\t削除の項"), Removed("19\t削除の項その2")}}},
      {"ends with removed and added paragraphs in turn",
       {title,
        {Same("1\t残る項", Style::kBody), Removed("旧A", Style::kHeading), Added("新A"),
         Removed("旧B"), Added("新B", Style::kBody)}}},
      {"starts with added and removed paragraphs",
       {"", {Added("新しい前文"), Removed("古い前文"), Same("本文")}}},
      {"no paragraph in common",
       {"", {Removed("旧1"), Added("新1"), Removed("旧2"), Added("新2"), Added("新3")}}},
      {"only added paragraphs", {"", {Added("新1"), Added("新2")}}},
      {"only removed paragraphs", {"", {Removed("旧1"), Removed("旧2", Style::kHeading)}}},
      {"nothing", {"", {}}},
      {"equal runs that differ in ignored formatting",
       {title,
        {Para({Eq("第１項", "第1項"), Eq("から"), Eq("第２項 まで", "第2項まで"), Ins("とする")}),
         Para({Eq("ＡＢＣ", "ABC"), Eq("", " ")})}}},
      {"line breaks",
       {"",
        {Para({Eq("一行目\n"), Ins("二行目\n"), Del("旧三行目\n削除\n"), Eq("末尾")}),
         Added("追加\n二行"), Removed("削除\r\n二行"), Same("終わり")}}},
      {"XML special characters",
       {"A & B <タイトル> \"引用\"",
        {Para(
             {Eq("甲 & 乙 <C> \"D\" 'E' "), Del("]]> & <![CDATA[x]]>"), Ins("]]>&amp;"), Eq("終")}),
         Added("<w:p>挿入</w:p>"), Removed("&lt;削除&gt;")}}},
  };
}

TEST(RedlineWriterTest, AcceptingGivesTheNewVersionAndRejectingTheOld) {
  for (const auto& c : Cases()) {
    SCOPED_TRACE(c.label);
    const std::string bytes = Write(c.redline);
    EXPECT_EQ(Read(bytes, TrackedChanges::kAccept), Version(c.redline, true));
    EXPECT_EQ(Read(bytes, TrackedChanges::kReject), Version(c.redline, false));
    // The default is to accept.
    auto doc = ReadDocx(bytes, "redline.docx");
    ASSERT_TRUE(doc.ok());
    EXPECT_EQ(testing_docx::Texts(*doc), Version(c.redline, true));
  }
}

TEST(RedlineWriterTest, EveryChangeHasAUniqueIdAuthorAndDate) {
  for (const auto& c : Cases()) {
    SCOPED_TRACE(c.label);
    const std::string xml = Part(Write(c.redline), "word/document.xml");
    auto doc = ParseXml(xml, "word/document.xml");
    ASSERT_TRUE(doc.ok()) << doc.status().message();
    std::set<std::string> ids;
    int changes = 0;
    ForEachElement(xmlDocGetRootElement(doc->get()), [&](const xmlNode* n) {
      if (!IsElement(n, "ins") && !IsElement(n, "del") && !IsElement(n, "pPrChange")) return;
      ++changes;
      EXPECT_EQ(Attr(n, "author"), kAuthor);
      EXPECT_EQ(Attr(n, "date"), kDate);
      EXPECT_FALSE(Attr(n, "id").empty());
      EXPECT_TRUE(ids.insert(Attr(n, "id")).second) << "duplicate w:id " << Attr(n, "id");
    });
    EXPECT_EQ(changes > 0, Version(c.redline, true) != Version(c.redline, false));
  }
}

TEST(RedlineWriterTest, MainPartIsSchemaValid) {
  // The validator does reject what the schema forbids.
  EXPECT_NE(SchemaErrors(testing_docx::Body("<w:p><w:ins w:id=\"1\"><w:r><w:t>x</w:t></w:r>"
                                            "</w:ins></w:p>")),
            "")
      << "w:ins without w:author";
  for (const auto& c : Cases()) {
    SCOPED_TRACE(c.label);
    EXPECT_EQ(SchemaErrors(Part(Write(c.redline), "word/document.xml")), "");
    RedlineOptions underline = Options();
    underline.underline = true;
    underline.underline_note = "下線部は改正箇所を示す。";
    EXPECT_EQ(SchemaErrors(Part(Write(c.redline, underline), "word/document.xml")), "");
  }
}

TEST(RedlineWriterTest, MarkupOfRunsAndParagraphs) {
  Redline r{"特記事項",
            {Para({Eq("残る"), Del("消す"), Ins("足す")}), Added("新しい項", Style::kHeading),
             Removed("古い項", Style::kBody), Para({Eq("１", "1")}, Style::kNote), Same("末尾")}};
  const std::string xml = Part(Write(r), "word/document.xml");
  for (const std::string want : {
           "<w:p><w:pPr><w:pStyle "
           "w:val=\"TokkiTitle\"/></w:pPr><w:r><w:t>特記事項</w:t></w:r></w:p>",
           "<w:r><w:t>残る</w:t></w:r><w:del w:id=\"1\" w:author=\"法務課 &lt;審査&gt; &amp; "
           "&quot;tokki&quot;\" w:date=\"2026-11-22T13:00:00Z\"><w:r><w:delText "
           "xml:space=\"preserve\">消す</w:delText></w:r></w:del><w:ins w:id=\"2\"",
           "<w:r><w:t xml:space=\"preserve\">足す</w:t></w:r></w:ins>",
           "<w:pPr><w:pStyle w:val=\"TokkiHeading\"/><w:rPr><w:ins w:id=\"3\"",
           "<w:pPr><w:rPr><w:del w:id=\"5\"",
           "<w:pStyle w:val=\"TokkiInfo\"/></w:pPr><w:del w:id=\"7\"",
           "<w:delText xml:space=\"preserve\">1</w:delText></w:r></w:del><w:ins w:id=\"8\"",
           "<w:t xml:space=\"preserve\">１</w:t>",
       }) {
    EXPECT_NE(xml.find(want), std::string::npos) << want << "\n" << xml;
  }
  // The last paragraph mark is never a tracked change: a document ending with added and
  // removed paragraphs moves the marks up (each carries the change of the paragraph after it),
  // and the final mark records its style in the old version.
  Redline tail{"", {Same("残る", Style::kHeading), Removed("消す"), Added("足す", Style::kBody)}};
  const std::string tail_xml = Part(Write(tail), "word/document.xml");
  const size_t body = tail_xml.find("<w:body>");
  ASSERT_NE(body, std::string::npos);
  const std::string paragraphs = tail_xml.substr(body, tail_xml.find("<w:sectPr") - body);
  EXPECT_NE(paragraphs.find("<w:p><w:pPr><w:pStyle w:val=\"TokkiHeading\"/><w:rPr><w:del "),
            std::string::npos)
      << paragraphs;
  EXPECT_NE(paragraphs.find("<w:p><w:pPr><w:pStyle w:val=\"TokkiHeading\"/><w:rPr><w:ins "),
            std::string::npos)
      << paragraphs;
  EXPECT_NE(paragraphs.find("<w:p><w:pPr><w:pPrChange w:id=\"4\" w:author=\"法務課 &lt;審査&gt; "
                            "&amp; &quot;tokki&quot;\" w:date=\"2026-11-22T13:00:00Z\"><w:pPr>"
                            "<w:pStyle w:val=\"TokkiItem\"/></w:pPr></w:pPrChange></w:pPr><w:ins"),
            std::string::npos)
      << paragraphs;
}

TEST(RedlineWriterTest, DropsControlCharactersThatXmlCannotHold) {
  Redline r{"",
            {Para({Eq("a\x01"
                      "b\f"),
                   Ins("c\x1f"
                       "d\v")})}};
  const std::string bytes = Write(r);
  EXPECT_EQ(Read(bytes, TrackedChanges::kAccept), Lines{"abcd"});
  EXPECT_EQ(Read(bytes, TrackedChanges::kReject), Lines{"ab"});
  EXPECT_EQ(SchemaErrors(Part(bytes, "word/document.xml")), "");
}

TEST(RedlineWriterTest, TitleGoesToCoreProperties) {
  const std::string core = Part(Write({"A & <B> の変更", {Same("x")}}), "docProps/core.xml");
  EXPECT_NE(core.find("<dc:title>A &amp; &lt;B&gt; の変更</dc:title>"), std::string::npos) << core;
  EXPECT_NE(core.find("<dcterms:created xsi:type=\"dcterms:W3CDTF\">2026-11-22T00:00:00Z"),
            std::string::npos)
      << core;
  // Controls that XML cannot hold are left out of the title too.
  EXPECT_NE(Part(Write({"題\x01名\t改正", {Same("x")}}), "docProps/core.xml")
                .find("<dc:title>題名 改正</dc:title>"),
            std::string::npos);
  // No title: the template's.
  EXPECT_NE(Part(Write({"", {Same("x")}}), "docProps/core.xml").find("<dc:title>特記事項<"),
            std::string::npos);
}

TEST(RedlineWriterTest, SameInputGivesSameBytes) {
  for (const auto& c : Cases()) {
    SCOPED_TRACE(c.label);
    EXPECT_EQ(Write(c.redline), Write(c.redline));
  }
}

TEST(RedlineWriterTest, DateIsNowWhenEmpty) {
  RedlineOptions o = Options();
  o.date = "";
  const std::time_t before = std::time(nullptr);
  const std::string xml = Part(Write({"", {Added("x")}}, o), "word/document.xml");
  auto doc = ParseXml(xml, "word/document.xml");
  ASSERT_TRUE(doc.ok());
  std::string date;
  ForEachElement(xmlDocGetRootElement(doc->get()), [&](const xmlNode* n) {
    if (IsElement(n, "ins")) date = Attr(n, "date");
  });
  ASSERT_EQ(date.size(), 20u) << date;
  std::tm tm{};
  ASSERT_NE(strptime(date.c_str(), "%Y-%m-%dT%H:%M:%SZ", &tm), nullptr) << date;
  const std::time_t written = timegm(&tm);
  EXPECT_LE(before, written);
  EXPECT_LE(written, std::time(nullptr));
}

TEST(RedlineWriterTest, RefusesBadInput) {
  auto tmpl = Template();
  ASSERT_TRUE(tmpl.ok()) << tmpl.status().message();
  for (const char* date : {"2026-11-22", "2026-11-22T13:00:00", "2026-11-22T13:00:00+09:00",
                           "2026-02-30T13:00:00Z", "2026-11-22T24:00:00Z", "令和8年11月22日"}) {
    RedlineOptions o = Options();
    o.date = date;
    auto bytes = WriteRedlineDocx(**tmpl, {"", {Same("x")}}, o);
    ASSERT_FALSE(bytes.ok()) << date;
    EXPECT_EQ(bytes.status().code(), Status::Code::kInvalidInput);
    EXPECT_NE(bytes.status().message().find(date), std::string::npos) << bytes.status().message();
  }
  RedlineParagraph both = Added("x");
  both.deleted = true;
  auto bytes = WriteRedlineDocx(**tmpl, {"", {Same("a"), both}}, Options());
  ASSERT_FALSE(bytes.ok());
  EXPECT_EQ(bytes.status().message(), "差分の段落 2 が追加と削除の両方になっています");
}

TEST(RedlineWriterTest, DefaultTemplateOverload) {
  Redline r{"題", {Para({Eq("a"), Ins("b")})}};
  auto bytes = WriteRedlineDocx(r, Options());
  ASSERT_TRUE(bytes.ok()) << bytes.status().message();
  EXPECT_EQ(*bytes, Write(r));
}

TEST(RedlineWriterTest, UnderlineStyleShowsTheNewVersionWithChangesMarked) {
  Redline r{"特記事項",
            {Same("（基本的事項）", Style::kHeading),
             Para({Eq("1\t乙は、"), Del("条例"), Ins("法律"), Eq("を遵守する。")}),
             Added("2\t追加の項"), Removed("3\t削除の項"), Para({Eq("ＡＢ", "AB")})}};
  RedlineOptions o = Options();
  o.underline = true;
  o.underline_note = "下線部は改正箇所を示す。";
  const std::string bytes = Write(r, o);
  const std::string xml = Part(bytes, "word/document.xml");
  EXPECT_EQ(xml.find("<w:ins"), std::string::npos);
  EXPECT_EQ(xml.find("<w:del"), std::string::npos);
  EXPECT_EQ(xml.find("w:author"), std::string::npos);
  EXPECT_NE(xml.find("<w:r><w:rPr><w:b/><w:u w:val=\"single\"/></w:rPr><w:t>法律</w:t></w:r>"),
            std::string::npos)
      << xml;
  EXPECT_NE(xml.find("<w:r><w:rPr><w:b/><w:u w:val=\"single\"/></w:rPr><w:t>2</w:t><w:tab/>"),
            std::string::npos)
      << xml;
  EXPECT_NE(xml.find("<w:pStyle w:val=\"TokkiInfo\"/></w:pPr><w:r><w:t>下線部は改正箇所を示す。"),
            std::string::npos);
  const Lines want = {"特記事項",       "下線部は改正箇所を示す。",
                      "（基本的事項）", "1 乙は、法律を遵守する。",
                      "2 追加の項",     "ＡＢ"};
  EXPECT_EQ(Read(bytes, TrackedChanges::kAccept), want);
  EXPECT_EQ(Read(bytes, TrackedChanges::kReject), want);
  // Without a title the note comes first; without a note there is none.
  r.title.clear();
  EXPECT_EQ(Read(Write(r, o), TrackedChanges::kAccept).front(), "下線部は改正箇所を示す。");
  o.underline_note.clear();
  EXPECT_EQ(Read(Write(r, o), TrackedChanges::kAccept).front(), "（基本的事項）");
}

// ReadDocx on hand-written tracked changes.
using testing_docx::Body;
using testing_docx::DocxPackage;
using testing_docx::P;

Lines ReadXml(const std::string& body, TrackedChanges changes, const std::string& numbering = "") {
  DocxPackage package;
  package.Document(Body(body));
  if (!numbering.empty()) package.Numbering(testing_docx::NumberingXml(numbering));
  return Read(package.Build(), changes);
}

const std::string kIns = "<w:ins w:id=\"1\" w:author=\"a\"><w:r><w:t>追加</w:t></w:r></w:ins>";
const std::string kDel =
    "<w:del w:id=\"2\" w:author=\"a\"><w:r><w:delText>削除</w:delText></w:r></w:del>";
const std::string kInsMark = "<w:pPr><w:rPr><w:ins w:id=\"3\" w:author=\"a\"/></w:rPr></w:pPr>";
const std::string kDelMark = "<w:pPr><w:rPr><w:del w:id=\"4\" w:author=\"a\"/></w:rPr></w:pPr>";

TEST(ReadDocxTrackedChangesTest, RejectingKeepsDeletionsAndDropsInsertions) {
  const std::string move_from =
      "<w:moveFrom w:id=\"5\" w:author=\"a\"><w:r><w:t>移動元</w:t></w:r></w:moveFrom>";
  const std::string move_to =
      "<w:moveTo w:id=\"6\" w:author=\"a\"><w:r><w:t>移動先</w:t></w:r></w:moveTo>";
  const std::string p = "<w:p><w:r><w:t>前</w:t></w:r>" + kIns + kDel + move_from + move_to +
                        "<w:r><w:t>後</w:t></w:r></w:p>";
  EXPECT_EQ(ReadXml(p, TrackedChanges::kReject), Lines{"前削除移動元後"});
  EXPECT_EQ(ReadXml(p, TrackedChanges::kAccept), Lines{"前追加移動先後"});
  // Text inserted and then deleted was never there before.
  const std::string undone = "<w:p><w:ins w:id=\"7\" w:author=\"a\">" + kDel + "</w:ins></w:p>";
  EXPECT_EQ(ReadXml(undone + P("残る"), TrackedChanges::kReject), Lines{"残る"});
  EXPECT_EQ(ReadXml(undone + P("残る"), TrackedChanges::kAccept), Lines{"残る"});
}

TEST(ReadDocxTrackedChangesTest, RemovedParagraphMarkJoinsTheNextParagraph) {
  // Inserted mark: rejecting joins what remains of the paragraph to the next one.
  const std::string inserted_mark =
      "<w:p>" + kInsMark + "<w:r><w:t>元</w:t></w:r>" + kIns + "</w:p>";
  EXPECT_EQ(ReadXml(inserted_mark + P("次"), TrackedChanges::kReject), Lines{"元次"});
  EXPECT_EQ(ReadXml(inserted_mark + P("次"), TrackedChanges::kAccept), (Lines{"元追加", "次"}));
  // Deleted mark: accepting joins.
  const std::string deleted_mark =
      "<w:p>" + kDelMark + "<w:r><w:t>元</w:t></w:r>" + kDel + "</w:p>";
  EXPECT_EQ(ReadXml(deleted_mark + P("次"), TrackedChanges::kAccept), Lines{"元次"});
  EXPECT_EQ(ReadXml(deleted_mark + P("次"), TrackedChanges::kReject), (Lines{"元削除", "次"}));
  // Nothing follows, or a table does: the content stays a paragraph of its own.
  EXPECT_EQ(ReadXml(deleted_mark, TrackedChanges::kAccept), Lines{"元"});
  const std::string table =
      "<w:tbl><w:tr><w:tc>" + deleted_mark + "</w:tc><w:tc>" + P("セル") + "</w:tc></w:tr></w:tbl>";
  EXPECT_EQ(ReadXml(deleted_mark + table + P("後"), TrackedChanges::kAccept),
            (Lines{"元", "元", "セル", "後"}));
}

TEST(ReadDocxTrackedChangesTest, JoinedParagraphTakesTheNumberOfTheNextOne) {
  const std::string numbering =
      testing_docx::AbstractNum(1, testing_docx::Lvl(0, "decimal", "%1.")) +
      testing_docx::Num(1, 1);
  const std::string num_pr = "<w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr>";
  const std::string added_item = "<w:p><w:pPr>" + num_pr +
                                 "<w:rPr><w:ins w:id=\"1\" w:author=\"a\"/></w:rPr></w:pPr>"
                                 "<w:ins w:id=\"2\" w:author=\"a\"><w:r><w:t>新</w:t></w:r></w:ins>"
                                 "</w:p>";
  const std::string items =
      testing_docx::NumP(1, 0, "a") + added_item + testing_docx::NumP(1, 0, "b");
  EXPECT_EQ(ReadXml(items, TrackedChanges::kAccept, numbering), (Lines{"1. a", "2. 新", "3. b"}));
  EXPECT_EQ(ReadXml(items, TrackedChanges::kReject, numbering), (Lines{"1. a", "2. b"}));
  // Numbering added by a tracked property change is gone when rejecting.
  const std::string numbered_later =
      "<w:p><w:pPr>" + num_pr +
      "<w:pPrChange w:id=\"3\" w:author=\"a\"><w:pPr/></w:pPrChange></w:pPr>"
      "<w:r><w:t>c</w:t></w:r></w:p>";
  EXPECT_EQ(ReadXml(numbered_later, TrackedChanges::kAccept, numbering), Lines{"1. c"});
  EXPECT_EQ(ReadXml(numbered_later, TrackedChanges::kReject, numbering), Lines{"c"});
}

}  // namespace
}  // namespace tokki
