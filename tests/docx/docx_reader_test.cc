// ReadDocx on packages built here from small hand-written parts, so that each test shows the
// XML it is about. Numbering and number formats are in docx_numbering_test.cc.
#include <gtest/gtest.h>

#include "docx/docx_writer.h"
#include "read/document.h"
#include "testing/docx_fixture.h"
#include "zip/zip_writer.h"

namespace tokki {
namespace {

using testing_docx::AbstractNum;
using testing_docx::Body;
using testing_docx::DocxPackage;
using testing_docx::Lvl;
using testing_docx::Num;
using testing_docx::NumberingXml;
using testing_docx::NumP;
using testing_docx::P;
using testing_docx::StylesXml;
using testing_docx::Texts;

Result<Document> Read(const std::string& bytes, const ReadLimits& limits = {}) {
  return ReadDocx(bytes, "x.docx", limits);
}

std::vector<std::string> ReadTexts(const std::string& body) {
  auto doc = Read(DocxPackage().Document(Body(body)).Build());
  EXPECT_TRUE(doc.ok()) << doc.status().message();
  return doc.ok() ? Texts(*doc) : std::vector<std::string>{"<error>"};
}

bool StartsWith(const std::string& s, const std::string& prefix) { return s.rfind(prefix, 0) == 0; }

std::string Repeat(const std::string& s, int n) {
  std::string out;
  out.reserve(s.size() * n);
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

TEST(DocxReaderTest, ReadsParagraphsInOrderAndDropsEmptyOnes) {
  auto doc =
      Read(DocxPackage()
               .Document(Body(P("第1条（目的）") + "<w:p/>" + P("  ") + P("\u3000") +
                              P(" 乙は、誠実に履行する。\u3000") +
                              "<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr></w:p>" + P("以上")))
               .Build());
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  EXPECT_EQ(doc->file, "x.docx");
  EXPECT_EQ(doc->format, "docx");
  ASSERT_EQ(Texts(*doc),
            (std::vector<std::string>{"第1条（目的）", "乙は、誠実に履行する。", "以上"}));
  for (size_t i = 0; i < doc->paragraphs.size(); ++i) {
    EXPECT_EQ(doc->paragraphs[i].index, static_cast<int>(i) + 1);
    EXPECT_EQ(doc->paragraphs[i].page, 0);
    EXPECT_FALSE(doc->paragraphs[i].in_table);
  }
}

TEST(DocxReaderTest, RunContent) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"<w:r><w:t>甲</w:t></w:r><w:r><w:t xml:space=\"preserve\"> と </w:t></w:r><w:r><w:t>乙"
       "</w:t></w:r>",
       "甲 と 乙"},
      {"<w:r><w:t>A</w:t><w:tab/><w:t>B</w:t></w:r>", "A B"},
      {"<w:r><w:t>一行目</w:t><w:br/><w:t>二行目</w:t><w:cr/><w:t>三</w:t></w:r>",
       "一行目\n二行目\n三"},
      {"<w:r><w:t>03</w:t><w:noBreakHyphen/><w:t>1234</w:t></w:r>", "03-1234"},
      {"<w:r><w:t>co</w:t><w:softHyphen/><w:t>op</w:t><w:sym w:font=\"Wingdings\" w:char=\"F0FC\"/>"
       "</w:r>",
       "coop"},
      {"<w:r><w:t>見える</w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>隠し</w:t></w:r>",
       "見える"},
      {"<w:r><w:rPr><w:vanish w:val=\"0\"/></w:rPr><w:t>隠さない</w:t></w:r>", "隠さない"},
      {"<w:r><w:ruby><w:rubyPr/><w:rt><w:r><w:t>こう</w:t></w:r></w:rt><w:rubyBase><w:r><w:t>甲"
       "</w:t></w:r></w:rubyBase></w:ruby></w:r>",
       "甲"},
      {"<w:r><w:t>注</w:t></w:r><w:r><w:footnoteReference w:id=\"1\"/></w:r>", "注"},
  };
  for (const auto& [runs, want] : cases) {
    EXPECT_EQ(ReadTexts("<w:p>" + runs + "</w:p>"), std::vector<std::string>{want}) << runs;
  }
}

TEST(DocxReaderTest, ReadsTablesRowByRowCellByCell) {
  auto cell = [](const std::string& content) { return "<w:tc><w:tcPr/>" + content + "</w:tc>"; };
  const std::string nested =
      "<w:tbl><w:tr>" + cell(P("入れ子1")) + cell(P("入れ子2")) + "</w:tr></w:tbl>";
  const std::string table = "<w:tbl><w:tblPr/><w:tblGrid/><w:tr>" + cell(P("A1")) +
                            cell(P("B1") + P("B1-2")) + "</w:tr><w:tr>" + cell(P("A2") + nested) +
                            cell("<w:p/>") + "</w:tr></w:tbl>";
  auto doc = Read(DocxPackage().Document(Body(P("前") + table + P("後"))).Build());
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  EXPECT_EQ(Texts(*doc),
            (std::vector<std::string>{"前", "A1", "B1", "B1-2", "A2", "入れ子1", "入れ子2", "後"}));
  std::vector<bool> in_table;
  for (const auto& p : doc->paragraphs) in_table.push_back(p.in_table);
  EXPECT_EQ(in_table, (std::vector<bool>{false, true, true, true, true, true, true, false}));
}

TEST(DocxReaderTest, AcceptsTrackedChanges) {
  const std::string ins = "<w:ins w:id=\"1\" w:author=\"a\"><w:r><w:t>追加</w:t></w:r></w:ins>";
  const std::string del =
      "<w:del w:id=\"2\" w:author=\"a\"><w:r><w:delText>削除</w:delText></w:r></w:del>";
  const std::string move_from =
      "<w:moveFrom w:id=\"3\" w:author=\"a\"><w:r><w:t>移動元</w:t></w:r></w:moveFrom>";
  const std::string move_to =
      "<w:moveTo w:id=\"4\" w:author=\"a\"><w:r><w:t>移動先</w:t></w:r></w:moveTo>";
  EXPECT_EQ(ReadTexts("<w:p><w:r><w:t>前</w:t></w:r>" + ins + del + move_from + move_to +
                      "<w:r><w:t>後</w:t></w:r></w:p>"),
            std::vector<std::string>{"前追加移動先後"});
  // Insertion undone by a later deletion; a wholly deleted paragraph disappears.
  EXPECT_EQ(ReadTexts("<w:p><w:ins w:id=\"5\" w:author=\"a\">" + del + "</w:ins></w:p>" +
                      "<w:p><w:pPr><w:rPr><w:del w:id=\"6\" w:author=\"a\"/></w:rPr></w:pPr>" +
                      del + "</w:p>" + P("残る")),
            std::vector<std::string>{"残る"});
}

TEST(DocxReaderTest, KeepsFieldResultsAndSkipsInstructions) {
  const std::string page_field =
      "<w:r><w:t>頁</w:t></w:r><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
      "<w:r><w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r>"
      "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>3</w:t></w:r>"
      "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>";
  // A field nested in another's instructions (IF … { REF … }) shows only the outer result.
  const std::string nested =
      "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText>IF </w:instrText></w:r>"
      "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText>REF x</w:instrText></w:r>"
      "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>内側</w:t></w:r>"
      "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r><w:r><w:instrText> = 1 </w:instrText></w:r>"
      "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>外側</w:t></w:r>"
      "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>";
  const std::string simple =
      "<w:fldSimple w:instr=\" DATE \\@ &quot;ggge年M月d日&quot; \"><w:r><w:t>令和5年4月1日</w:t>"
      "</w:r></w:fldSimple>";
  EXPECT_EQ(
      ReadTexts("<w:p>" + page_field + "</w:p><w:p>" + nested + "</w:p><w:p>" + simple + "</w:p>"),
      (std::vector<std::string>{"頁3", "外側", "令和5年4月1日"}));
}

TEST(DocxReaderTest, UnwrapsContentControlsLinksAndSmartTags) {
  const std::string sdt_run =
      "<w:sdt><w:sdtPr><w:alias w:val=\"受注者\"/><w:placeholder><w:docPart w:val=\"x\"/>"
      "</w:placeholder></w:sdtPr><w:sdtContent><w:r><w:t>株式会社サンプル</w:t></w:r>"
      "</w:sdtContent></w:sdt>";
  const std::string link =
      "<w:hyperlink r:id=\"rId9\"><w:r><w:t>https://example.jp</w:t></w:r></w:hyperlink>";
  const std::string tag =
      "<w:smartTag w:uri=\"urn:x\" w:element=\"date\"><w:r><w:t>4月1日</w:t></w:r></w:smartTag>";
  const std::string custom = "<w:customXml w:element=\"c\"><w:r><w:t>！</w:t></w:r></w:customXml>";
  const std::string block_sdt =
      "<w:sdt><w:sdtPr/><w:sdtContent>" + P("ブロック") + "</w:sdtContent></w:sdt>";
  EXPECT_EQ(ReadTexts("<w:p>" + sdt_run + link + tag + custom + "</w:p>" + block_sdt),
            (std::vector<std::string>{"株式会社サンプルhttps://example.jp4月1日！", "ブロック"}));
}

TEST(DocxReaderTest, ReadsOneBranchOfAlternateContentAndTextBoxesOnce) {
  const std::string alternate =
      "<w:r><mc:AlternateContent><mc:Choice Requires=\"w14\"><w:t>新</w:t></mc:Choice>"
      "<mc:Fallback><w:t>旧</w:t></mc:Fallback></mc:AlternateContent></w:r>";
  const std::string choice_only =
      "<w:r><mc:AlternateContent><mc:Choice Requires=\"w14\"><w:t>選択</w:t></mc:Choice>"
      "</mc:AlternateContent></w:r>";
  // A text box as Word writes it: the same content in a DrawingML shape and in VML.
  const std::string box = "<w:txbxContent>" + P("枠の中") + "</w:txbxContent>";
  const std::string text_box =
      "<w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><wp:anchor><a:graphic>"
      "<a:graphicData><wps:wsp><wps:txbx>" +
      box +
      "</wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
      "<mc:Fallback><w:pict><v:shape><v:textbox>" +
      box + "</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>";
  EXPECT_EQ(ReadTexts("<w:p>" + alternate + choice_only + "</w:p><w:p><w:r><w:t>図</w:t></w:r>" +
                      text_box + "</w:p>" + P("次")),
            (std::vector<std::string>{"旧選択", "図", "枠の中", "次"}));
}

TEST(DocxReaderTest, DoesNotReadHeadersFootersNotesOrComments) {
  const std::string body =
      "<w:p><w:commentRangeStart w:id=\"0\"/><w:r><w:t>本文</w:t></w:r><w:commentRangeEnd "
      "w:id=\"0\"/><w:r><w:commentReference w:id=\"0\"/></w:r><w:r><w:footnoteReference "
      "w:id=\"1\"/></w:r></w:p><w:sectPr><w:headerReference w:type=\"default\" r:id=\"rId8\"/>"
      "</w:sectPr>";
  auto part = [](const char* root, const char* text) {
    return std::string("<w:") + root + " " + testing_docx::kNamespaces + ">" + P(text) +
           "</w:" + root + ">";
  };
  auto doc =
      Read(DocxPackage()
               .Document(Body(body))
               .Part("word/header1.xml", part("hdr", "ヘッダー"))
               .Part("word/footer1.xml", part("ftr", "フッター"))
               .Part("word/comments.xml", "<w:comments " + std::string(testing_docx::kNamespaces) +
                                              "><w:comment w:id=\"0\" w:author=\"a\">" +
                                              P("コメント") + "</w:comment></w:comments>")
               .Part("word/footnotes.xml",
                     "<w:footnotes " + std::string(testing_docx::kNamespaces) +
                         "><w:footnote w:id=\"1\">" + P("脚注") + "</w:footnote></w:footnotes>")
               .Build());
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  EXPECT_EQ(Texts(*doc), std::vector<std::string>{"本文"});
}

TEST(DocxReaderTest, FindsTheMainPartThroughRelationships) {
  auto doc = Read(DocxPackage().DocumentAt("word/main.xml").Document(Body(P("別名"))).Build());
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  EXPECT_EQ(Texts(*doc), std::vector<std::string>{"別名"});
}

// Relationship parts are parsed once per process for each distinct content and folder: the
// same bytes in another folder resolve their targets against that folder. Each document here
// has a document.xml.rels of the same bytes, naming "numbering.xml" next to it.
TEST(DocxReaderTest, ResolvesTheSameRelationshipsPartAgainstItsOwnFolder) {
  auto numbered = [](const std::string& label) {
    return NumberingXml(AbstractNum(1, Lvl(0, "decimal", label)) + Num(1, 1));
  };
  const std::string rels =
      std::string(testing_docx::kXmlDecl) +
      "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
      "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
      "relationships/numbering\" Target=\"numbering.xml\"/></Relationships>";
  const std::string body = Body(NumP(1, 0, "本文"));
  for (int round = 0; round < 2; ++round) {  // The second round reads from the cache.
    auto in_word = Read(DocxPackage()
                            .Document(body)
                            .Numbering(numbered("第%1条"))
                            .Part("docs/numbering.xml", numbered("(%1)"))
                            .Build());
    ASSERT_TRUE(in_word.ok()) << in_word.status().message();
    EXPECT_EQ(Texts(*in_word), std::vector<std::string>{"第1条 本文"});
    auto in_docs = Read(DocxPackage()
                            .DocumentAt("docs/document.xml")
                            .Document(body)
                            .Part("docs/_rels/document.xml.rels", rels)
                            .Part("docs/numbering.xml", numbered("(%1)"))
                            .Part("word/numbering.xml", numbered("第%1条"))
                            .Build());
    ASSERT_TRUE(in_docs.ok()) << in_docs.status().message();
    EXPECT_EQ(Texts(*in_docs), std::vector<std::string>{"(1) 本文"});
    // The same bytes, ill-formed: refused every time (failures are not remembered).
    auto broken = Read(DocxPackage()
                           .DocumentAt("docs/document.xml")
                           .Document(body)
                           .Part("docs/_rels/document.xml.rels", rels.substr(0, rels.size() - 3))
                           .Build());
    ASSERT_FALSE(broken.ok());
    EXPECT_NE(broken.status().message().find("docs/_rels/document.xml.rels"), std::string::npos)
        << broken.status().message();
  }
}

TEST(DocxReaderTest, ReadsWhatTheWriterWrites) {
  auto tmpl = DocxTemplate::Load(TOKKI_SOURCE_DIR "/docx-templates/annex");
  ASSERT_TRUE(tmpl.ok()) << tmpl.status().message();
  std::vector<DocxParagraph> body = {
      {"", {{"別記"}}},
      {"", {{"第1条", true}, {"（目的）"}}},
      {"", {{"1\t甲は、<乙> & 丙に"}, {"委託する。\n二行目"}}},
  };
  auto bytes = WriteDocx(**tmpl, body, Date{2023, 4, 1});
  ASSERT_TRUE(bytes.ok()) << bytes.status().message();
  auto doc = Read(*bytes);
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  EXPECT_EQ(Texts(*doc), (std::vector<std::string>{"別記", "第1条（目的）",
                                                   "1 甲は、<乙> & 丙に委託する。\n二行目"}));
}

// Paragraph::source_node counts every w:p of the main part in document order, read or not
// (annotate.cc anchors comments by it): here the text box paragraph of mc:Choice (3) and the
// deleted paragraph (5) when accepting.
TEST(DocxReaderTest, KeepsThePositionOfEachParagraphAmongAllOfThem) {
  const std::string box_in = "<w:txbxContent>" + P("選択") + "</w:txbxContent>";
  const std::string anchor =
      "<w:p><w:r><w:t>錨</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires=\"wps\">"
      "<w:drawing>" +
      box_in + "</w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>" +
      P("代替") + "</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>" +
      "</mc:AlternateContent></w:r></w:p>";
  const std::string deleted =
      "<w:p><w:pPr><w:rPr><w:del w:id=\"1\" w:author=\"a\"/></w:rPr></w:pPr>"
      "<w:del w:id=\"2\" w:author=\"a\"><w:r><w:delText>消</w:delText></w:r></w:del></w:p>";
  const std::string bytes =
      DocxPackage().Document(Body(P("一") + anchor + deleted + P("後"))).Build();
  auto sources = [](const Document& doc) {
    std::vector<std::pair<std::string, int>> out;
    for (const auto& p : doc.paragraphs) out.emplace_back(p.text, p.source_node);
    return out;
  };
  auto accepted = ReadDocx(bytes, "x.docx", {}, TrackedChanges::kAccept);
  ASSERT_TRUE(accepted.ok()) << accepted.status().message();
  EXPECT_EQ(sources(*accepted), (std::vector<std::pair<std::string, int>>{
                                    {"一", 1}, {"錨", 2}, {"代替", 4}, {"後", 6}}));
  auto rejected = ReadDocx(bytes, "x.docx", {}, TrackedChanges::kReject);
  ASSERT_TRUE(rejected.ok()) << rejected.status().message();
  EXPECT_EQ(sources(*rejected), (std::vector<std::pair<std::string, int>>{
                                    {"一", 1}, {"錨", 2}, {"代替", 4}, {"消", 5}, {"後", 6}}));
}

// The text of w:t is all the character data inside it, as the DOM's text content was:
// references, CDATA sections, text around an unexpected child element; not comments or PIs.
// Attribute values are read with their references decoded.
TEST(DocxReaderTest, ReadsTextAndValuesWithTheirReferencesDecoded) {
  EXPECT_EQ(ReadTexts("<w:p><w:r><w:t>a&amp;b&#x3042;&lt;<![CDATA[<c>]]><!-- note -->d<?pi x?>e"
                      "</w:t><w:t>x<w:y>y</w:y>z</w:t></w:r></w:p>"),
            std::vector<std::string>{"a&bあ<<c>dexyz"});
  // w:val="A&amp;B" names the style A&B; "A&amp;#38;B" the style A&#38;B.
  const std::string styles =
      "<w:style w:type=\"paragraph\" w:styleId=\"A&amp;B\"><w:pPr><w:numPr>"
      "<w:numId w:val=\"1\"/></w:numPr></w:pPr></w:style>"
      "<w:style w:type=\"paragraph\" w:styleId=\"A&amp;#38;B\"><w:pPr><w:numPr>"
      "<w:numId w:val=\"2\"/></w:numPr></w:pPr></w:style>";
  const std::string numbering = AbstractNum(1, Lvl(0, "decimal", "第%1条")) +
                                AbstractNum(2, Lvl(0, "decimal", "(%1)")) + Num(1, 1) + Num(2, 2);
  auto styled = [](const std::string& style, const std::string& text) {
    return "<w:p><w:pPr><w:pStyle w:val=\"" + style + "\"/></w:pPr><w:r><w:t>" + text +
           "</w:t></w:r></w:p>";
  };
  auto doc = Read(DocxPackage()
                      .Document(Body(styled("A&amp;B", "一") + styled("A&#38;B", "二") +
                                     styled("A&amp;#38;B", "三") + styled("A&amp;amp;B", "四")))
                      .Numbering(NumberingXml(numbering))
                      .Styles(StylesXml(styles))
                      .Build());
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  EXPECT_EQ(Texts(*doc), (std::vector<std::string>{"第1条 一", "第2条 二", "(1) 三", "四"}));
}

// An undefined prefix is an error libxml2 reports without refusing the document; the element
// or attribute then has its prefixed name, which the reader does not know.
TEST(DocxReaderTest, IgnoresElementsAndAttributesWithAnUndefinedPrefix) {
  EXPECT_EQ(ReadTexts("<w:p><w:r><x:t>隠</x:t><w:t>見</w:t></w:r></w:p>"
                      "<w:p><w:r><w:rPr><w:vanish x:val=\"0\"/></w:rPr><w:t>隠</w:t></w:r></w:p>"
                      "<w:p><x:r><w:t>隠</w:t></x:r></w:p>"),
            std::vector<std::string>{"見"});
}

// Parse errors name the part and the line of the first error, in libxml2's words.
TEST(DocxReaderTest, ReportsTheFirstXmlErrorAndItsLine) {
  const std::string ns = testing_docx::kNamespaces;
  const std::string decl = testing_docx::kXmlDecl;
  struct Case {
    const char* label;
    std::string xml;
    std::string want;
  };
  const std::vector<Case> cases = {
      {"mismatch", decl + "\n<w:document " + ns + ">\n<w:body><w:p>\n</w:body></w:document>",
       "x.docx: word/document.xml:4: Opening and ending tag mismatch: p line 3 and body"},
      {"undefined entity", Body("<w:p><w:r><w:t>&foo;</w:t></w:r></w:p>"),
       "x.docx: word/document.xml:1: Entity 'foo' not defined"},
      // The namespace error comes first, the fatal one later.
      {"undefined prefix", Body("<w:p><x:r/></w:p>") + "\n<bad",
       "x.docx: word/document.xml:1: Namespace prefix x on r is not defined"},
      {"xml:id", Body("<w:p xml:id=\"a1\"/>\n<w:p\n xml:id=\"a1\"/>") + "<",
       "x.docx: word/document.xml:3: ID a1 already defined"},
      {"too deep",
       Body("<w:p>" + Repeat("<w:hyperlink>", 300) + Repeat("</w:hyperlink>", 300) + "</w:p>"),
       "x.docx: word/document.xml:1: Excessive depth in document: 256"},
      {"no element", "  ", "x.docx: word/document.xml:1: Start tag expected, '<' not found"},
  };
  for (const auto& c : cases) {
    auto doc = Read(DocxPackage().Document(c.xml).Build());
    ASSERT_FALSE(doc.ok()) << c.label;
    EXPECT_EQ(doc.status().message(), c.want) << c.label;
  }
  // Just within the depth limit: read.
  EXPECT_EQ(ReadTexts("<w:p>" + Repeat("<w:hyperlink>", 252) + "<w:r><w:t>深</w:t></w:r>" +
                      Repeat("</w:hyperlink>", 252) + "</w:p>"),
            std::vector<std::string>{"深"});
}

// libxml2's DOM refuses a text node over 10 MB; the reader keeps that limit.
TEST(DocxReaderTest, RefusesATextNodeOverTenMegabytes) {
  ReadLimits limits;
  limits.max_ratio = 0;  // The text compresses far better than any real document.
  auto doc =
      Read(DocxPackage()
               .Document(Body("<w:p><w:r><w:t>" + Repeat("漢", 3400000) + "</w:t></w:r></w:p>"))
               .Build(),
           limits);
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().message(),
            "x.docx: word/document.xml:1: xmlSAX2Characters: huge text node");
  // Two text nodes (a comment between them) of 6 MB each are within the limit: the paragraph
  // limit refuses the paragraph.
  doc = Read(DocxPackage()
                 .Document(Body("<w:p><w:r><w:t>" + Repeat("漢", 2000000) + "<!-- -->" +
                                Repeat("漢", 2000000) + "</w:t></w:r></w:p>"))
                 .Build(),
             limits);
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().message(), "x.docx: 段落 1 が長すぎます (11718 KiB、上限 1024 KiB)");
}

// Hostile and unreadable input: every message starts with the file name.
TEST(DocxReaderTest, RefusesHostileAndForeignFiles) {
  const std::string doctype =
      "<?xml version=\"1.0\"?><!DOCTYPE w:document [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>" +
      Body(P("&x;"));
  ZipWriter traversal;
  traversal.Add("word/document.xml", Body(P("a")));
  traversal.Add("../evil.xml", "x");
  std::string valid = DocxPackage().Document(Body(P("本文"))).Build();
  std::string ole_doc = std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(504, '\0');
  std::u16string encrypted_names = u"EncryptionInfo EncryptedPackage";
  std::string ole_encrypted =
      ole_doc + std::string(reinterpret_cast<const char*>(encrypted_names.data()),
                            encrypted_names.size() * 2);
  struct Case {
    const char* label;
    std::string bytes;
    std::string want_prefix;
  };
  const std::vector<Case> cases = {
      {"doctype", DocxPackage().Document(doctype).Build(),
       "x.docx: word/document.xml: DOCTYPE を含む XML は読みません"},
      {"doctype in numbering",
       DocxPackage().Document(Body(P("a"))).Numbering("<!DOCTYPE n []><n/>").Build(),
       "x.docx: word/numbering.xml: DOCTYPE を含む XML は読みません"},
      {"not well-formed", DocxPackage().Document("<w:document>").Build(),
       "x.docx: word/document.xml:1: "},
      {"truncated", valid.substr(0, valid.size() / 2), "x.docx: .docx（zip）として読めません"},
      {"traversal", *traversal.Finish(), "x.docx: zip のエントリ名「../evil.xml」は不正です"},
      {"legacy doc", ole_doc, "x.docx: 旧形式の .doc です"},
      {"password", ole_encrypted, "x.docx: パスワード保護された文書です"},
      {"no document", DocxPackage().Build(), "x.docx: word/document.xml がありません"},
      {"not word", DocxPackage().Document("<workbook xmlns=\"urn:x\"/>").Build(),
       "x.docx: word/document.xml が Word 文書ではありません"},
      {"pdf", "%PDF-1.7\n", "x.docx: .docx（zip）として読めません"},
  };
  for (const auto& c : cases) {
    auto doc = Read(c.bytes);
    ASSERT_FALSE(doc.ok()) << c.label;
    EXPECT_TRUE(StartsWith(doc.status().message(), c.want_prefix))
        << c.label << ": " << doc.status().message();
    EXPECT_EQ(doc.status().message().find('\n'), std::string::npos) << c.label;
  }
}

TEST(DocxReaderTest, RefusesAZipBombWithoutInflatingIt) {
  // 48 MiB of zeros in the text: deflate brings the part to a few hundred KB. The sizes
  // the archive declares give it away (ZipReaderTest covers archives that lie about them).
  std::string bytes =
      DocxPackage()
          .Document(Body("<w:p><w:r><w:t>" + std::string(48 << 20, '0') + "</w:t></w:r></w:p>"))
          .Build();
  ASSERT_LT(bytes.size(), size_t{1} << 20);
  ReadLimits limits;
  limits.max_ratio = 100;
  auto doc = Read(bytes, limits);
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().message(),
            "x.docx: zip のエントリ word/document.xml の圧縮率が異常に高いため読みません "
            "(zip bomb の疑い、上限 100 倍)");
  limits.max_ratio = 0;
  limits.max_entry_bytes = 1 << 20;
  doc = Read(bytes, limits);
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().message(),
            "x.docx: zip のエントリ word/document.xml が大きすぎます (展開後 1 MiB 超)");
}

TEST(DocxReaderTest, AppliesParagraphAndFileLimits) {
  std::string bytes = DocxPackage().Document(Body(P("1") + P("2") + P("3"))).Build();
  ReadLimits limits;
  limits.max_paragraphs = 2;
  auto doc = Read(bytes, limits);
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().message(), "x.docx: 段落が多すぎます (上限 2)");
  limits = ReadLimits();
  limits.max_file_bytes = 100;
  doc = Read(bytes, limits);
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().message(), "x.docx: ファイルが大きすぎます (上限 100 バイト)");
}

}  // namespace
}  // namespace tokki
