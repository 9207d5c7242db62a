// Automatic numbering as ReadDocx shows it, and the number formats behind it.
#include <gtest/gtest.h>

#include "docx/number_format.h"
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
using testing_docx::StyledP;
using testing_docx::StylesXml;
using testing_docx::Texts;

std::vector<std::string> ReadNumbered(const std::string& body, const std::string& numbering,
                                      const std::string& styles = "") {
  DocxPackage package;
  package.Document(Body(body));
  if (!numbering.empty()) package.Numbering(NumberingXml(numbering));
  if (!styles.empty()) package.Styles(StylesXml(styles));
  auto doc = ReadDocx(package.Build(), "n.docx");
  EXPECT_TRUE(doc.ok()) << doc.status().message();
  return doc.ok() ? Texts(*doc) : std::vector<std::string>{"<error>"};
}

using Lines = std::vector<std::string>;

TEST(DocxNumberingTest, ArticlesAroundUnnumberedParagraphs) {
  EXPECT_EQ(ReadNumbered(NumP(1, 0, "（目的）") + P("本文") + NumP(1, 0, "（定義）") +
                             NumP(1, 0, "（再委託）"),
                         AbstractNum(1, Lvl(0, "decimal", "第%1条")) + Num(1, 1)),
            (Lines{"第1条 （目的）", "本文", "第2条 （定義）", "第3条 （再委託）"}));
}

// Consecutive paragraphs that differ in one list property only (numId or ilvl present or not,
// the style): each is resolved for itself (DocxNumbering remembers the last answer).
TEST(DocxNumberingTest, NeighboursThatDifferInOnePropertyOnly) {
  auto num_pr = [](const std::string& inner, const std::string& text,
                   const std::string& style = "") {
    const std::string ps = style.empty() ? "" : "<w:pStyle w:val=\"" + style + "\"/>";
    return "<w:p><w:pPr>" + ps + "<w:numPr>" + inner + "</w:numPr></w:pPr><w:r><w:t>" + text +
           "</w:t></w:r></w:p>";
  };
  const std::string styles =
      "<w:style w:type=\"paragraph\" w:styleId=\"Art\"><w:pPr><w:numPr>"
      "<w:numId w:val=\"2\"/></w:numPr></w:pPr></w:style>"
      "<w:style w:type=\"paragraph\" w:styleId=\"Sub\"><w:pPr><w:numPr><w:ilvl w:val=\"1\"/>"
      "<w:numId w:val=\"1\"/></w:numPr></w:pPr></w:style>";
  EXPECT_EQ(ReadNumbered(NumP(1, 1, "a") + num_pr("<w:numId w:val=\"1\"/>", "b") +
                             num_pr("<w:numId w:val=\"1\"/>", "c") + StyledP("Art", "d") +
                             num_pr("<w:numId w:val=\"0\"/>", "e", "Art") + StyledP("Art", "f") +
                             StyledP("Sub", "g") + num_pr("<w:ilvl w:val=\"0\"/>", "h", "Sub") +
                             StyledP("Sub", "i") + num_pr("<w:numId w:val=\"2\"/>", "j", "Sub") +
                             P("k") + NumP(1, 1, "l"),
                         AbstractNum(1, Lvl(0, "decimal", "第%1条") + Lvl(1, "decimal", "(%2)")) +
                             AbstractNum(2, Lvl(0, "decimal", "[%1]") + Lvl(1, "decimal", "{%2}")) +
                             Num(1, 1) + Num(2, 2),
                         styles),
            (Lines{"(1) a", "第1条 b", "第2条 c", "[1] d", "e", "[2] f", "(1) g", "第3条 h",
                   "(1) i", "{1} j", "k", "(2) l"}));
}

TEST(DocxNumberingTest, EachFormatAsWordShowsIt) {
  struct Case {
    const char* format;
    const char* text;
    int start;
    Lines labels;
  };
  const std::vector<Case> cases = {
      {"decimal", "%1.", 1, {"1.", "2."}},
      {"decimalZero", "%1", 9, {"09", "10"}},
      {"decimalFullWidth", "（%1）", 9, {"（９）", "（１０）"}},
      {"decimalHalfWidth", "(%1)", 1, {"(1)", "(2)"}},
      {"japaneseCounting", "第%1条", 10, {"第十条", "第十一条"}},
      {"japaneseCounting", "第%1", 19, {"第十九", "第二十", "第二十一"}},
      {"japaneseDigitalTenThousand", "%1", 10, {"一〇", "一一"}},
      {"ideographTraditional", "%1", 1, {"甲", "乙", "丙"}},
      {"aiueoFullWidth", "(%1)", 1, {"(ア)", "(イ)", "(ウ)"}},
      {"aiueo", "%1", 1, {"ｱ", "ｲ"}},
      {"irohaFullWidth", "%1", 1, {"イ", "ロ", "ハ", "ニ"}},
      {"iroha", "%1", 1, {"ｲ", "ﾛ"}},
      {"decimalEnclosedCircle", "%1", 1, {"①", "②"}},
      {"decimalEnclosedCircle", "%1", 20, {"⑳", "21"}},
      {"upperLetter", "%1.", 26, {"Z.", "AA."}},
      {"lowerLetter", "(%1)", 1, {"(a)", "(b)"}},
      {"upperRoman", "%1", 3, {"III", "IV"}},
      {"lowerRoman", "%1", 9, {"ix", "x"}},
      {"decimal", "%1", 0, {"0", "1"}},
      {"bullet", "・", 1, {"", ""}},
      {"none", "", 1, {"", ""}},
  };
  for (const auto& c : cases) {
    std::string body;
    Lines want;
    for (const auto& label : c.labels) {
      body += NumP(1, 0, "本文");
      want.push_back(label.empty() ? "本文" : label + " 本文");
    }
    EXPECT_EQ(ReadNumbered(body, AbstractNum(1, Lvl(0, c.format, c.text, c.start)) + Num(1, 1)),
              want)
        << c.format << " from " << c.start;
  }
}

TEST(DocxNumberingTest, DeeperLevelsRestartAfterShallowerOnes) {
  const std::string levels =
      Lvl(0, "decimal", "第%1条") + Lvl(1, "decimal", "%2") + Lvl(2, "aiueoFullWidth", "%1.%2.%3");
  EXPECT_EQ(ReadNumbered(NumP(1, 0, "a") + NumP(1, 1, "b") + NumP(1, 1, "c") + NumP(1, 2, "d") +
                             NumP(1, 0, "e") + NumP(1, 1, "f") + NumP(1, 2, "g"),
                         AbstractNum(1, levels) + Num(1, 1)),
            (Lines{"第1条 a", "1 b", "2 c", "1.2.ア d", "第2条 e", "1 f", "2.1.ア g"}));
  // w:lvlRestart 0: never restarts.
  const std::string never =
      Lvl(0, "decimal", "%1") + Lvl(1, "decimal", "(%2)", 1, "<w:lvlRestart w:val=\"0\"/>");
  EXPECT_EQ(ReadNumbered(NumP(1, 0, "a") + NumP(1, 1, "b") + NumP(1, 0, "c") + NumP(1, 1, "d"),
                         AbstractNum(1, never) + Num(1, 1)),
            (Lines{"1 a", "(1) b", "2 c", "(2) d"}));
  // A level used before its parent shows the parent's start; isLgl shows it in decimal.
  const std::string legal =
      Lvl(0, "japaneseCounting", "第%1条") + Lvl(1, "decimal", "%1.%2", 1, "<w:isLgl/>");
  EXPECT_EQ(ReadNumbered(NumP(1, 1, "a") + NumP(1, 0, "b") + NumP(1, 1, "c"),
                         AbstractNum(1, legal) + Num(1, 1)),
            (Lines{"1.1 a", "第一条 b", "1.1 c"}));
}

TEST(DocxNumberingTest, NumbersFromParagraphStyles) {
  const std::string styles =
      "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"a\"><w:name w:val=\"Normal\"/>"
      "</w:style>"
      "<w:style w:type=\"paragraph\" w:styleId=\"Article\"><w:basedOn w:val=\"a\"/><w:pPr>"
      "<w:numPr><w:numId w:val=\"1\"/></w:numPr></w:pPr></w:style>"
      "<w:style w:type=\"paragraph\" w:styleId=\"ArticleBold\"><w:basedOn w:val=\"Article\"/>"
      "</w:style>"
      "<w:style w:type=\"paragraph\" w:styleId=\"Item\"><w:pPr><w:numPr><w:ilvl w:val=\"1\"/>"
      "<w:numId w:val=\"1\"/></w:numPr></w:pPr></w:style>"
      "<w:style w:type=\"paragraph\" w:styleId=\"Loop1\"><w:basedOn w:val=\"Loop2\"/></w:style>"
      "<w:style w:type=\"paragraph\" w:styleId=\"Loop2\"><w:basedOn w:val=\"Loop1\"/></w:style>";
  const std::string numbering =
      AbstractNum(1, Lvl(0, "decimal", "第%1条") + Lvl(1, "decimal", "%2")) + Num(1, 1);
  const std::string no_number =
      "<w:p><w:pPr><w:pStyle w:val=\"Article\"/><w:numPr><w:numId w:val=\"0\"/></w:numPr>"
      "</w:pPr><w:r><w:t>番号なし</w:t></w:r></w:p>";
  EXPECT_EQ(ReadNumbered(StyledP("Article", "（目的）") + StyledP("Item", "乙は") +
                             StyledP("ArticleBold", "（定義）") + no_number +
                             StyledP("Loop1", "循環") + P("標準") + StyledP("Article", "（期間）"),
                         numbering, styles),
            (Lines{"第1条 （目的）", "1 乙は", "第2条 （定義）", "番号なし", "循環", "標準",
                   "第3条 （期間）"}));
  // A style named by a level's w:pStyle gets that level even without w:ilvl.
  const std::string linked =
      AbstractNum(1, Lvl(0, "decimal", "第%1章") +
                         Lvl(1, "decimal", "第%2条", 1, "<w:pStyle w:val=\"Heading2\"/>"));
  const std::string heading =
      "<w:style w:type=\"paragraph\" w:styleId=\"Heading2\"><w:pPr><w:numPr>"
      "<w:numId w:val=\"1\"/></w:numPr></w:pPr></w:style>";
  EXPECT_EQ(ReadNumbered(NumP(1, 0, "総則") + StyledP("Heading2", "（目的）"), linked + Num(1, 1),
                         heading),
            (Lines{"第1章 総則", "第1条 （目的）"}));
}

// The reader keeps the definitions of recently seen numbering + styles parts (docx_reader.cc,
// DefinitionsCache). Documents alternating between parts that differ in styles only, or in
// numbering only, must each be numbered by their own parts.
TEST(DocxNumberingTest, DefinitionsAreSharedOnlyBetweenIdenticalParts) {
  const std::string numbered_style =
      "<w:style w:type=\"paragraph\" w:styleId=\"Art\"><w:pPr><w:numPr>"
      "<w:numId w:val=\"1\"/></w:numPr></w:pPr></w:style>";
  const std::string plain_style = "<w:style w:type=\"paragraph\" w:styleId=\"Art\"/>";
  const std::string articles = AbstractNum(1, Lvl(0, "decimal", "第%1条")) + Num(1, 1);
  const std::string items = AbstractNum(1, Lvl(0, "decimal", "(%1)")) + Num(1, 1);
  const std::string body = StyledP("Art", "甲") + StyledP("Art", "乙");
  for (int round = 0; round < 2; ++round) {
    EXPECT_EQ(ReadNumbered(body, articles, numbered_style), (Lines{"第1条 甲", "第2条 乙"}));
    EXPECT_EQ(ReadNumbered(body, articles, plain_style), (Lines{"甲", "乙"}));
    EXPECT_EQ(ReadNumbered(body, items, numbered_style), (Lines{"(1) 甲", "(2) 乙"}));
    EXPECT_EQ(ReadNumbered(body, articles), (Lines{"甲", "乙"}));  // No styles part.
  }
  // Counters are per document even when the definitions are shared.
  EXPECT_EQ(ReadNumbered(body + StyledP("Art", "丙"), articles, numbered_style),
            (Lines{"第1条 甲", "第2条 乙", "第3条 丙"}));
}

TEST(DocxNumberingTest, OverridesAndNumberingStyles) {
  const std::string abstract = AbstractNum(1, Lvl(0, "decimal", "第%1条"));
  const std::string restart =
      "<w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"5\"/></w:lvlOverride>";
  const std::string relevel =
      "<w:lvlOverride w:ilvl=\"0\"><w:lvl w:ilvl=\"0\"><w:numFmt w:val=\"upperLetter\"/>"
      "<w:lvlText w:val=\"%1)\"/></w:lvl></w:lvlOverride>";
  EXPECT_EQ(ReadNumbered(NumP(1, 0, "a") + NumP(1, 0, "b") + NumP(2, 0, "c") + NumP(2, 0, "d") +
                             NumP(1, 0, "e") + NumP(3, 0, "f"),
                         abstract + Num(1, 1) + Num(2, 1, restart) + Num(3, 1, relevel)),
            (Lines{"第1条 a", "第2条 b", "第5条 c", "第6条 d", "第7条 e", "H) f"}))
      << "the three w:num share abstractNum 1 and so one count (Word, ECMA-376 §17.9): num 2 "
         "restarts it at 5 where first used, num 1 and num 3 continue it";
  // Continued across instances without overrides too (two lists pasted together).
  EXPECT_EQ(ReadNumbered(NumP(1, 0, "a") + P("間") + NumP(2, 0, "b") + NumP(1, 0, "c"),
                         abstract + Num(1, 1) + Num(2, 1) +
                             AbstractNum(2, Lvl(0, "decimal", "%1.")) + Num(3, 2)),
            (Lines{"第1条 a", "間", "第2条 b", "第3条 c"}));
  // w:numStyleLink: num 11 → abstractNum 5 → style ListStyle → num 10 → abstractNum 6.
  const std::string styles =
      "<w:style w:type=\"numbering\" w:styleId=\"ListStyle\"><w:pPr><w:numPr>"
      "<w:numId w:val=\"10\"/></w:numPr></w:pPr></w:style>";
  const std::string linked =
      AbstractNum(5, "<w:numStyleLink w:val=\"ListStyle\"/>") +
      AbstractNum(6, "<w:styleLink w:val=\"ListStyle\"/>" + Lvl(0, "aiueoFullWidth", "(%1)")) +
      AbstractNum(7, "<w:numStyleLink w:val=\"Missing\"/>") + Num(10, 6) + Num(11, 5) + Num(12, 7);
  EXPECT_EQ(ReadNumbered(NumP(11, 0, "x") + NumP(11, 0, "y") + NumP(12, 0, "z"), linked, styles),
            (Lines{"(ア) x", "(イ) y", "z"}));
}

TEST(DocxNumberingTest, WhatIsNotNumbered) {
  const std::string numbering = AbstractNum(1, Lvl(0, "decimal", "第%1条")) + Num(1, 1);
  const std::string deleted_mark =
      "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr><w:rPr>"
      "<w:del w:id=\"1\" w:author=\"a\"/></w:rPr></w:pPr><w:del w:id=\"2\" w:author=\"a\"><w:r>"
      "<w:delText>削除した条</w:delText></w:r></w:del></w:p>";
  const std::string deleted_text =
      "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr>"
      "<w:del w:id=\"3\" w:author=\"a\"><w:r><w:delText>削除</w:delText></w:r></w:del></w:p>";
  const std::string hidden =
      "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr><w:rPr>"
      "<w:vanish/></w:rPr></w:pPr><w:r><w:rPr><w:vanish/></w:rPr><w:t>隠した条</w:t></w:r></w:p>";
  EXPECT_EQ(
      ReadNumbered(NumP(1, 0, "a") + deleted_mark + deleted_text + hidden + NumP(0, 0, "numId 0") +
                       NumP(99, 0, "未定義") + NumP(1, 5, "未定義の段") + NumP(1, 0, "b"),
                   numbering),
      (Lines{"第1条 a", "numId 0", "未定義", "未定義の段", "第2条 b"}));
  // Without word/numbering.xml nothing is numbered.
  EXPECT_EQ(ReadNumbered(NumP(1, 0, "a"), ""), Lines{"a"});
  // An empty numbered paragraph shows (and counts) its number, as in Word.
  EXPECT_EQ(ReadNumbered(NumP(1, 0, "") + P("（目的）") + NumP(1, 0, "b"), numbering),
            (Lines{"第1条", "（目的）", "第2条 b"}));
}

TEST(DocxNumberingTest, CountsParagraphsInTables) {
  const std::string table = "<w:tbl><w:tr><w:tc>" + NumP(1, 0, "表1") + "</w:tc><w:tc>" +
                            NumP(1, 0, "表2") + "</w:tc></w:tr></w:tbl>";
  EXPECT_EQ(ReadNumbered(NumP(1, 0, "前") + table + NumP(1, 0, "後"),
                         AbstractNum(1, Lvl(0, "decimalEnclosedCircle", "%1")) + Num(1, 1)),
            (Lines{"① 前", "② 表1", "③ 表2", "④ 後"}));
}

// numbering.xml and styles.xml are read with SAX2, keeping only what numbering needs
// (numbering.cc, PartTree): a styles part as Word and python-docx write it (document defaults,
// latent styles, run and paragraph properties around the w:numPr) numbers through its
// paragraph styles, directly and through w:basedOn, whatever surrounds what is read.
TEST(DocxNumberingTest, ReadsOnlyWhatNumberingNeedsOfTheParts) {
  std::string latent;
  for (int i = 0; i < 200; ++i) {
    latent += "<w:lsdException w:name=\"heading " + std::to_string(i) +
              "\" w:semiHidden=\"1\" w:uiPriority=\"9\" w:unhideWhenUsed=\"1\" w:qFormat=\"1\"/>";
  }
  const std::string styles =
      "<w:docDefaults><w:pPrDefault><w:pPr><w:numPr><w:numId w:val=\"2\"/></w:numPr></w:pPr>"
      "</w:pPrDefault></w:docDefaults><w:latentStyles w:defQFormat=\"0\" w:count=\"276\">" +
      latent +
      "</w:latentStyles>"
      "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name "
      "w:val=\"Normal\"/>"
      "<w:rPr><w:numPr><w:numId w:val=\"2\"/></w:numPr></w:rPr></w:style>"
      // The numPr of the style's first w:pPr, after run properties and other paragraph ones.
      "<w:style w:type=\"paragraph\" w:styleId=\"ListNumber\"><w:name w:val=\"List Number\"/>"
      "<w:basedOn w:val=\"Normal\"/><w:uiPriority w:val=\"99\"/><w:rPr><w:b/></w:rPr><w:pPr>"
      "<w:spacing w:after=\"0\"/><w:numPr><w:ilvl w:val=\"1\"/><w:numId w:val=\"1\"/></w:numPr>"
      "<w:ind w:left=\"420\"/></w:pPr><w:pPr><w:numPr><w:numId w:val=\"2\"/></w:numPr></w:pPr>"
      "</w:style>"
      // Inherits numId and ilvl from ListNumber.
      "<w:style w:type=\"paragraph\" w:styleId=\"ListNumberBold\">"
      "<w:basedOn w:val=\"ListNumber\"/><w:rPr><w:b/></w:rPr></w:style>"
      // Its first w:basedOn has no w:val: based on nothing.
      "<w:style w:type=\"paragraph\" w:styleId=\"NoBase\"><w:basedOn/>"
      "<w:basedOn w:val=\"ListNumber\"/></w:style>"
      "<w:style w:type=\"paragraph\" w:styleId=\"Clause\"><w:basedOn w:val=\"ListNumber\"/>"
      "<w:pPr><w:numPr><w:ilvl w:val=\"0\"/></w:numPr></w:pPr></w:style>"
      // Another namespace's attributes are still read (by local name), an undefined prefix's
      // are not: x:val is not w:val.
      "<w:style w:type=\"paragraph\" w:styleId=\"Undefined\"><w:pPr><w:numPr>"
      "<w:numId x:val=\"1\"/></w:numPr></w:pPr></w:style>";
  // A level's numFmt: its own, else the mc:Fallback's (else the first mc:Choice's) of its
  // mc:AlternateContent; never one of its run properties.
  const std::string alternate =
      "<w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:rPr><w:numFmt w:val=\"upperRoman\"/></w:rPr>"
      "<mc:AlternateContent><mc:Choice Requires=\"w14\"><w:numFmt w:val=\"custom\" "
      "w:format=\"01, 02, 03, ...\"/></mc:Choice><mc:Fallback><w:numFmt w:val=\"decimalZero\"/>"
      "</mc:Fallback></mc:AlternateContent><w:lvlText w:val=\"(%2)\"/></w:lvl>";
  const std::string numbering = AbstractNum(1, Lvl(0, "japaneseCounting", "第%1条") + alternate) +
                                Num(1, 1) + AbstractNum(2, Lvl(0, "decimal", "%1.")) + Num(2, 2);
  EXPECT_EQ(
      ReadNumbered(StyledP("Clause", "（目的）") + StyledP("ListNumber", "甲は") +
                       StyledP("ListNumberBold", "乙は") + StyledP("Undefined", "未定義") +
                       P("標準") + StyledP("Clause", "（定義）"),
                   numbering, styles),
      (Lines{"第一条 （目的）", "(01) 甲は", "(02) 乙は", "未定義", "標準", "第二条 （定義）"}));
  // Without mc:Fallback, the first mc:Choice; an mc:Fallback without numFmt leaves decimal.
  const std::string choice =
      "<w:lvl w:ilvl=\"0\"><mc:AlternateContent><mc:Choice Requires=\"w14\">"
      "<w:numFmt w:val=\"aiueoFullWidth\"/></mc:Choice><mc:Choice Requires=\"w15\">"
      "<w:numFmt w:val=\"upperLetter\"/></mc:Choice></mc:AlternateContent>"
      "<w:lvlText w:val=\"%1.\"/></w:lvl>";
  const std::string empty_fallback =
      "<w:lvl w:ilvl=\"0\"><w:start w:val=\"3\"/><mc:AlternateContent><mc:Choice "
      "Requires=\"w14\"><w:numFmt w:val=\"upperLetter\"/></mc:Choice><mc:Fallback/>"
      "</mc:AlternateContent><w:lvlText w:val=\"%1)\"/></w:lvl>";
  EXPECT_EQ(
      ReadNumbered(NumP(1, 0, "a") + NumP(2, 0, "b"),
                   AbstractNum(1, choice) + Num(1, 1) + AbstractNum(2, empty_fallback) + Num(2, 2)),
      (Lines{"ア. a", "3) b"}));
}

// The parts are found through the main part's relationships (internal ones only), and an
// ill-formed one refuses the document with the part and the line, the numbering part first.
TEST(DocxNumberingTest, FindsThePartsThroughRelationshipsAndReportsTheirErrors) {
  const std::string numbering =
      NumberingXml(AbstractNum(1, Lvl(0, "decimal", "第%1条")) + Num(1, 1));
  const std::string styles = StylesXml(
      "<w:style w:type=\"paragraph\" w:styleId=\"Art\"><w:pPr><w:numPr>"
      "<w:numId w:val=\"1\"/></w:numPr></w:pPr></w:style>");
  const std::string rel_ns = "http://schemas.openxmlformats.org/package/2006/relationships";
  const std::string type = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
  auto build = [&](const std::string& rels, const std::string& numbering_xml,
                   const std::string& styles_xml) {
    ZipWriter w;
    w.Add("_rels/.rels", std::string(testing_docx::kXmlDecl) + "<Relationships xmlns=\"" + rel_ns +
                             "\"><Relationship Id=\"rId1\" Type=\"" + type +
                             "officeDocument\" Target=\"word/document.xml\"/></Relationships>");
    w.Add("word/document.xml", Body(StyledP("Art", "甲") + StyledP("Art", "乙")));
    w.Add("word/_rels/document.xml.rels", std::string(testing_docx::kXmlDecl) +
                                              "<r:Relationships xmlns:r=\"" + rel_ns + "\">" +
                                              rels + "</r:Relationships>");
    w.Add("parts/list.xml", numbering_xml);
    w.Add("word/look.xml", styles_xml);
    w.Add("word/numbering.xml", "<not-read/>");
    auto bytes = w.Finish();
    EXPECT_TRUE(bytes.ok());
    return bytes.ok() ? *bytes : std::string();
  };
  const std::string rels =
      "<r:Relationship Id=\"rId1\" Type=\"" + type +
      "numbering\" Target=\"http://example.com/n.xml\" TargetMode=\"External\"/>"
      "<r:Relationship Id=\"rId2\" Type=\"" +
      type +
      "numbering\" Target=\"../parts/list.xml\"/>"
      "<r:Relationship Id=\"rId3\" Type=\"" +
      type + "styles\" Target=\"look.xml\"/>";
  auto doc = ReadDocx(build(rels, numbering, styles), "r.docx");
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  EXPECT_EQ(Texts(*doc), (Lines{"第1条 甲", "第2条 乙"}));
  // Ill-formed parts.
  const std::string bad = std::string(testing_docx::kXmlDecl) + "\n<w:styles " +
                          testing_docx::kNamespaces + ">\n<w:style>";
  doc = ReadDocx(build(rels, numbering, bad), "r.docx");
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().message(),
            "r.docx: word/look.xml:3: Premature end of data in tag style line 3");
  doc = ReadDocx(build(rels, "<w:numbering><x/>", bad), "r.docx");
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().message(),
            "r.docx: parts/list.xml:1: Namespace prefix w on numbering is not defined");
  doc = ReadDocx(build("<r:Relationship Target=\"x\">", numbering, styles), "r.docx");
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().message().substr(0, 39), "r.docx: word/_rels/document.xml.rels:1:");
}

TEST(NumberFormatTest, JapaneseAndOtherFormats) {
  const std::vector<std::tuple<int64_t, const char*, const char*>> cases = {
      {1, "japaneseCounting", "一"},
      {10, "japaneseCounting", "十"},
      {11, "japaneseCounting", "十一"},
      {20, "japaneseCounting", "二十"},
      {99, "japaneseCounting", "九十九"},
      {100, "japaneseCounting", "百"},
      {105, "japaneseCounting", "百五"},
      {1234, "japaneseCounting", "千二百三十四"},
      {20000, "japaneseCounting", "二万"},
      {0, "japaneseCounting", "〇"},
      {105, "japaneseDigitalTenThousand", "一〇五"},
      {46, "aiueoFullWidth", "ン"},
      {47, "aiueoFullWidth", "ア"},
      {47, "irohaFullWidth", "ス"},
      {11, "ideographTraditional", "甲"},
      {20, "decimalEnclosedCircle", "⑳"},
      {21, "decimalEnclosedCircle", "21"},
      {3, "decimalEnclosedParen", "⑶"},
      {3999, "upperRoman", "MMMCMXCIX"},
      {4000, "upperRoman", "4000"},
      {0, "upperLetter", "0"},
      {12, "decimalFullWidth", "１２"},
      {7, "somethingNew", "7"},
      {7, "bullet", ""},
      {7, "none", ""},
  };
  for (const auto& [n, format, want] : cases) {
    EXPECT_EQ(FormatListNumber(n, format), want) << format << " " << n;
  }
}

}  // namespace
}  // namespace tokki
