#include "check/checker.h"

#include <gtest/gtest.h>

#include <set>

#include "assemble/annex.h"
#include "check/segment.h"
#include "read/document.h"
#include "report/check_render.h"
#include "testing/corpus.h"
#include "testing/seed_annex.h"
#include "text/normalize.h"

namespace tokki {
namespace {

struct Env {
  std::shared_ptr<const ClauseLibrary> library;
  std::shared_ptr<const RuleBook> rules;
};

const Env& E() {
  static Env env = [] {
    Env e;
    auto lib = ClauseLibrary::Load(TOKKI_SOURCE_DIR "/clauses");
    EXPECT_TRUE(lib.ok()) << lib.status().message();
    if (lib.ok()) e.library = *lib;
    auto rules = RuleBook::Load(TOKKI_SOURCE_DIR "/rules/rules.xml",
                                TOKKI_SOURCE_DIR "/rules/schema/rules.rng");
    EXPECT_TRUE(rules.ok()) << rules.status().message();
    if (rules.ok()) e.rules = *rules;
    return e;
  }();
  return env;
}

// An annex as a reviewer would receive it in a text file: headings in parentheses, numbered
// items, sub-items on their own lines.
struct Item {
  std::string heading;
  int number;
  std::string category;
  std::string text;  // Sub-items joined with '\n'.
};

std::vector<Item> AnnexItems(const std::string& type, Date date) {
  AssembleRequest r;
  r.type = type;
  r.date = date;
  r.params = {{"contractor", "株式会社サンプル"},
              {"contract_title", "業務委託"},
              {"subcontractor", "再委託株式会社"}};
  auto annex = Assemble(*E().library, r);
  EXPECT_TRUE(annex.ok()) << annex.status().message();
  std::vector<Item> out;
  for (const auto& it : annex->items) {
    out.push_back({it.heading, it.number, it.category, it.PrintedText()});
  }
  return out;
}

Document ToDocument(const std::vector<Item>& items) {
  Document doc;
  doc.file = "mutant.txt";
  doc.format = "txt";
  auto add = [&doc](const std::string& text) {
    if (text.empty()) return;
    doc.paragraphs.push_back({text, static_cast<int>(doc.paragraphs.size()) + 1, 0, false});
  };
  add("特記事項");
  for (const auto& it : items) {
    if (!it.heading.empty()) add("（" + it.heading + "）");
    size_t nl = it.text.find('\n');
    add(std::to_string(it.number) + " " + it.text.substr(0, nl));
    while (nl != std::string::npos) {
      size_t next = it.text.find('\n', nl + 1);
      add(it.text.substr(nl + 1, next == std::string::npos ? std::string::npos : next - nl - 1));
      nl = next;
    }
  }
  return doc;
}

CheckReport Check(const Document& doc, const std::string& type, Date date) {
  CheckRequest req;
  req.type = type;
  req.date = date;
  auto r = CheckDocument(*E().rules, *E().library, doc, req);
  EXPECT_TRUE(r.ok()) << r.status().message();
  return r.ok() ? *r : CheckReport{};
}

std::string Describe(const CheckReport& r) {
  std::string s;
  for (const auto& f : r.findings) {
    s += f.category + "=" + FindingStatusName(f.status);
    for (const auto& e : f.missing_elements) s += "-" + e;
    s += " ";
  }
  return s;
}

struct EditionCase {
  std::string type;
  Date date;
};

const EditionCase kEditions[] = {{"outsourcing", {2017, 9, 13}},
                                 {"outsourcing", {2020, 2, 1}},
                                 {"outsourcing", {2023, 4, 1}},
                                 {"subcontract", {2023, 4, 1}}};

TEST(CheckTest, EachSeedAnnexIsCompleteForItsEdition) {
  ASSERT_TRUE(E().rules && E().library);
  struct Case {
    const char* seed;
    Date date;
  } cases[] = {{"001_9015e87258c1506f.txt", {2017, 9, 13}},
               {"004_fabf8f5175f67c55.txt", {2017, 9, 13}},
               {"000_eecff7190e13c1cd.txt", {2020, 2, 1}},
               {"002_387651ff6134b55e.txt", {2023, 4, 1}}};
  for (const auto& c : cases) {
    // The seed file itself, read as a reviewer's text file: the whole council report, with
    // the annex at its end.
    auto doc = ReadDocument(std::string(TOKKI_SEEDS_DIR) + "/" + c.seed);
    ASSERT_TRUE(doc.ok()) << doc.status().message();
    CheckReport r = Check(*doc, "outsourcing", c.date);
    EXPECT_EQ(r.partial + r.missing, 0) << c.seed << ": " << Describe(r);
    EXPECT_GT(r.present, 15) << c.seed;
  }
  // No match was lost to RE2's DFA running out of memory.
}

TEST(CheckTest, AssembledAnnexesAreComplete) {
  ASSERT_TRUE(E().rules && E().library);
  for (const auto& c : kEditions) {
    CheckReport r = Check(ToDocument(AnnexItems(c.type, c.date)), c.type, c.date);
    EXPECT_EQ(r.partial + r.missing, 0) << c.type << " " << c.date.ToIso() << ": " << Describe(r);
  }
}

// Every category removed in turn is reported missing; nothing else changes.
TEST(CheckTest, RemovingACategoryReportsItMissing) {
  ASSERT_TRUE(E().rules && E().library);
  for (const auto& c : kEditions) {
    std::vector<Item> items = AnnexItems(c.type, c.date);
    CheckReport full = Check(ToDocument(items), c.type, c.date);
    for (const auto& f : full.findings) {
      std::vector<Item> kept;
      for (const auto& it : items) {
        if (it.category != f.category) kept.push_back(it);
      }
      if (kept.size() == items.size()) continue;  // Category not printed in this annex.
      CheckReport r = Check(ToDocument(kept), c.type, c.date);
      for (const auto& g : r.findings) {
        if (g.category == f.category) {
          EXPECT_EQ(g.status, Finding::Status::kMissing)
              << c.type << " " << c.date.ToIso() << " without " << f.category << ": "
              << Describe(r);
        } else {
          EXPECT_EQ(g.status, Finding::Status::kPresent)
              << c.type << " " << c.date.ToIso() << " without " << f.category << ": "
              << Describe(r);
        }
      }
    }
  }
}

// Every required element removed in turn (the sentences carrying it) is reported partial with
// that element named; every other category stays present.
TEST(CheckTest, RemovingAnElementReportsItPartial) {
  ASSERT_TRUE(E().rules && E().library);
  const RuleBook& rules = *E().rules;
  for (const auto& c : kEditions) {
    std::vector<Item> items = AnnexItems(c.type, c.date);
    for (const auto& req : rules.Required(c.type, c.date.year >= 2023   ? "2023"
                                                  : c.date.year >= 2020 ? "2020"
                                                                        : "2017")) {
      int ci = rules.CategoryIndex(req.category);
      for (const auto& element : req.elements) {
        int ei = rules.categories()[ci].ElementIndex(element);
        std::vector<Item> mutated;
        bool removed = false;
        int left = 0;  // Items of the category with text left after the removal.
        for (Item it : items) {
          if (it.category == req.category) {
            // Drop every sentence that carries the element.
            std::string kept, sentence;
            for (size_t i = 0; i < it.text.size();) {
              size_t end = it.text.find("。", i);
              end = end == std::string::npos ? it.text.size() : end + std::string("。").size();
              sentence = it.text.substr(i, end - i);
              if (rules.ElementMatches(ci, ei, NormalizeForMatch(sentence))) {
                removed = true;
              } else {
                kept += sentence;
              }
              i = end;
            }
            it.text = kept;
            if (NormalizeForCompare(it.text).empty()) continue;
            ++left;
          }
          mutated.push_back(it);
        }
        ASSERT_TRUE(removed) << req.category << "." << element << " not found in the annex text";
        CheckReport r = Check(ToDocument(mutated), c.type, c.date);
        for (const auto& g : r.findings) {
          std::string where = c.type + " " + c.date.ToIso() + " without " + req.category + "." +
                              element + ": " + Describe(r);
          if (g.category == req.category && left == 0) {
            // The element was the whole provision (2017 audit, the outright ban on
            // subcontracting): nothing of the category is left.
            EXPECT_EQ(g.status, Finding::Status::kMissing) << where;
          } else if (g.category == req.category) {
            EXPECT_EQ(g.status, Finding::Status::kPartial) << where;
            EXPECT_NE(std::find(g.missing_elements.begin(), g.missing_elements.end(), element),
                      g.missing_elements.end())
                << where;
          } else {
            EXPECT_EQ(g.status, Finding::Status::kPresent) << where;
          }
        }
      }
    }
  }
}

TEST(CheckTest, FindingsCarryBasisAndSuggestion) {
  ASSERT_TRUE(E().rules && E().library);
  std::vector<Item> items = AnnexItems("outsourcing", {2020, 2, 1});
  std::vector<Item> kept;
  for (const auto& it : items) {
    // Drop the yearly frequency (2020 item 16).
    if (it.text.find("年度当たり1回以上") == std::string::npos) kept.push_back(it);
  }
  CheckReport r = Check(ToDocument(kept), "outsourcing", {2020, 2, 1});
  EXPECT_EQ(r.partial, 1) << Describe(r);
  for (const auto& f : r.findings) {
    if (f.category != "audit") continue;
    EXPECT_EQ(f.status, Finding::Status::kPartial);
    EXPECT_EQ(f.missing_elements, std::vector<std::string>{"annual"});
    EXPECT_NE(f.basis.find("第15項、第16項、第17項"), std::string::npos) << f.basis;
    EXPECT_EQ(f.suggestion, "16 前項による確認は、年度当たり1回以上行うものとする。");
    ASSERT_FALSE(f.evidence.empty());
    EXPECT_GT(f.evidence.front().paragraph, 0);
  }
}

// The reports of a batch (CheckDocuments, as tokki check DIR runs them) equal the reports of
// each document alone, for the whole labelled corpus in one batch.
TEST(CheckTest, ABatchGivesTheReportsOfEachDocumentAlone) {
  CheckRequest req;
  req.type = "outsourcing";
  req.date = {2023, 4, 1};
  auto plan = PlanCheck(*E().rules, *E().library, req);
  ASSERT_TRUE(plan.ok()) << plan.status().message();
  const std::vector<Document> docs = ReadCorpusDocuments();
  ASSERT_GE(docs.size(), 30u);
  std::vector<const Document*> pointers;
  for (const Document& d : docs) pointers.push_back(&d);
  const std::vector<CheckReport> batch = CheckDocuments(*E().rules, *plan, pointers);
  ASSERT_EQ(batch.size(), docs.size());
  int problems = 0;
  for (size_t i = 0; i < docs.size(); ++i) {
    const CheckReport alone = CheckDocument(*E().rules, *plan, docs[i]);
    EXPECT_EQ(CheckReportJson(batch[i]).dump(), CheckReportJson(alone).dump()) << docs[i].file;
    problems += alone.partial + alone.missing;
  }
  EXPECT_GT(problems, 0) << "the corpus has findings to compare";
}

// CheckReportJsonText writes what dumping CheckReportJson writes, byte for byte: over the
// reports of every corpus agreement (weakeners, pages, empty and full lists) and over
// strings that need escapes or are not UTF-8.
TEST(CheckTest, JsonTextIsTheDumpOfTheJsonValue) {
  CheckRequest req;
  req.type = "subcontract";
  req.date = {2023, 4, 1};
  auto plan = PlanCheck(*E().rules, *E().library, req);
  ASSERT_TRUE(plan.ok()) << plan.status().message();
  auto dump = [](const CheckReport& r) {
    return CheckReportJson(r).dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
  };
  size_t weakened = 0, pages = 0;
  for (const Document& doc : ReadCorpusDocuments()) {
    const CheckReport r = CheckDocument(*E().rules, *plan, doc);
    EXPECT_EQ(CheckReportJsonText(r), dump(r)) << doc.file;
    for (const auto& f : r.findings) {
      weakened += f.weakened.size();
      for (const auto& e : f.evidence) pages += e.page > 0;
    }
  }
  EXPECT_GT(weakened, 0u);
  EXPECT_GT(pages, 0u);
  CheckReport odd;
  odd.file = "a\"b\\c\x01\x1f\x7f\b\f\n\r\t/é甲.docx";
  EXPECT_EQ(CheckReportJsonText(odd), dump(odd));
  // Every kind of ill-formed UTF-8, and the edges of the well-formed ranges.
  for (const char* name : {"\xc0\x80",
                           "\xc1\xbf",
                           "\xe0\x80\x80",
                           "\xe0\x9f\xbf",
                           "\xed\xa0\x80",
                           "\xed\xbf\xbf",
                           "\xf0\x80\x80\x80",
                           "\xf0\x8f\xbf\xbf",
                           "\xf4\x90\x80\x80",
                           "\xf5\x80\x80\x80",
                           "\x80",
                           "a\xbf",
                           "\xe3\x81",
                           "\xe3\x81"
                           "a",
                           "\xf0\x9f\x98",
                           "\xc2",
                           "\xc2\x80",
                           "\xdf\xbf",
                           "\xe0\xa0\x80",
                           "\xed\x9f\xbf",
                           "\xee\x80\x80",
                           "\xef\xbf\xbf",
                           "\xf0\x90\x80\x80",
                           "\xf4\x8f\xbf\xbf",
                           "𠮷\"\\\n",
                           "甲\x7f乙"}) {
    odd.file = name;
    EXPECT_EQ(CheckReportJsonText(odd), dump(odd)) << name;
  }
  odd.file = "bad \xff\xfe utf-8 \xe3\x81";
  odd.findings.push_back({});
  odd.findings.back().evidence.push_back({3, 2, "\xc3"});
  EXPECT_EQ(CheckReportJsonText(odd), dump(odd));
}

TEST(CheckTest, SubcontractCheckedAgainstThe2017EditionIsRefused) {
  ASSERT_TRUE(E().rules && E().library);
  CheckRequest req;
  req.type = "subcontract";
  req.date = {2020, 4, 1};
  Document doc;
  doc.file = "x.txt";
  auto r = CheckDocument(*E().rules, *E().library, doc, req);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message().rfind("date: 再委託契約の特記事項は", 0), 0u);
}

// A document of one paragraph per line, numbered from 1.
Document Lines(const char* file, std::initializer_list<const char*> lines, int page = 0,
               bool in_table = false) {
  Document doc;
  doc.file = file;
  int n = 0;
  for (const char* line : lines) doc.paragraphs.push_back({line, ++n, page, in_table});
  return doc;
}

TEST(SegmentTest, ArticlesHeadingsAndItems) {
  auto p = SegmentProvisions(Lines(
      "a.txt", {"（秘密の保持）", "第３条　受託者は、秘密を漏らしてはならない。",
                "２　前項の規定は、契約終了後も同様とする。", "第4条（再委託）",
                "受託者は、再委託してはならない。", "ただし書きが続く行", "【監査】",
                "(1) 年1回以上監査を受ける。", "#### (公表)", "第十条　委託者は公表できる。"}));
  ASSERT_EQ(p.size(), 5u);
  EXPECT_EQ(p[0].heading, "秘密の保持");
  EXPECT_EQ(p[0].first_paragraph, 2);
  EXPECT_EQ(p[1].heading, "秘密の保持");  // Item 2 of article 3 keeps its heading.
  EXPECT_EQ(p[2].heading, "再委託");
  EXPECT_NE(p[2].text.find("ただし書き"), std::string::npos);
  EXPECT_EQ(p[3].heading, "監査");
  EXPECT_EQ(p[4].heading, "公表");  // A markdown heading, then an article in kanji numerals.
  EXPECT_EQ(p[4].first_paragraph, 10);
  EXPECT_EQ(p[0].norm_text, "第3条受託者は、秘密を漏らしてはならない。");
}

// PDF table cells wrap a long heading: 「（不適正な利用の禁」 / 「止）」, sometimes with the body
// going on after the closing bracket.
TEST(SegmentTest, HeadingWrappedOverTwoLinesIsJoined) {
  auto p = SegmentProvisions(
      Lines("a.pdf",
            {"（不適正な利用の禁", "止）",
             "乙は、違法又は不当な行為を助長するおそれがある方法により利用してはならない。",
             "（従事者への周知及び監", "督）    乙は、従事者に周知しなければならない。",
             "（目的外利用及び提   乙は、個人情報を本業務以外の目",
             "供の禁止）       的に利用してはならない。", "（未完の括弧", "本文が続く。"},
            1, true));
  ASSERT_EQ(p.size(), 4u);
  EXPECT_EQ(p[0].heading, "不適正な利用の禁止");
  EXPECT_EQ(p[0].first_paragraph, 3);
  EXPECT_EQ(p[1].heading, "従事者への周知及び監督");
  EXPECT_EQ(p[1].text, "乙は、従事者に周知しなければならない。");
  // Two columns wrapped together: heading and body each rejoined.
  EXPECT_EQ(p[2].heading, "目的外利用及び提供の禁止");
  EXPECT_EQ(p[2].norm_text, "乙は、個人情報を本業務以外の目的に利用してはならない。");
  // Not a wrapped heading: the next line does not close the bracket. (In a table a short
  // cell is a heading of its own.)
  EXPECT_EQ(p[3].heading, "(未完の括弧");
  EXPECT_EQ(p[3].text, "本文が続く。");
}

// PDF text puts a wide gap after a sub-item's number: 「（1）    思想、…」 is a sub-item of the
// provision above, not a heading 「1」 with a body.
TEST(SegmentTest, BracketedNumbersWithAGapAreSubItems) {
  auto p = SegmentProvisions(Lines(
      "",
      {"（収集禁止事項）", "5   乙は、次に掲げる事項に関する個人情報の収集を行ってはならない。",
       "（1）    思想、信条及び宗教に関する事項", "（ア）    犯罪に関する事項",
       "（監査）    乙は、監査を受けるものとする。"},
      1, false));
  ASSERT_EQ(p.size(), 2u);
  EXPECT_EQ(p[0].heading, "収集禁止事項");
  EXPECT_NE(p[0].text.find("思想"), std::string::npos);
  EXPECT_NE(p[0].text.find("犯罪"), std::string::npos);
  EXPECT_EQ(p[1].heading, "監査");
}

// Some specifications number their headings and put the body below: 「1 秘密の保持」 then
// 「受託者は、…」. A numbered line over a body is a heading when it is short and not a sentence;
// a numbered item over its sub-items, or a line broken mid-sentence, is not.
TEST(SegmentTest, NumberedTitleOverItsBodyIsAHeading) {
  auto p = SegmentProvisions(
      Lines("a.txt", {"1 秘密の保持", "受託者は、秘密を漏らしてはならない。",
                      "２．目的外使用の禁止", "受託者は、他の用途に使用してはならない。",
                      "3 次の事項を守ること", "(1) 施錠して保管すること。", "4 受託者は、",
                      "この契約による資料を返還する。", "5 届出事項"}));
  ASSERT_EQ(p.size(), 5u);
  EXPECT_EQ(p[0].heading, "秘密の保持");
  EXPECT_EQ(p[0].first_paragraph, 2);
  EXPECT_EQ(p[0].text, "受託者は、秘密を漏らしてはならない。");
  EXPECT_EQ(p[1].heading, "目的外使用の禁止");
  EXPECT_EQ(p[1].first_paragraph, 4);
  // Ends in a kana: an item with its sub-items, not a title.
  EXPECT_EQ(p[2].first_paragraph, 5);
  EXPECT_NE(p[2].text.find("施錠"), std::string::npos);
  // Has 、: a line broken mid-sentence.
  EXPECT_EQ(p[3].first_paragraph, 7);
  EXPECT_NE(p[3].text.find("返還"), std::string::npos);
  // The last line: an item as it was.
  EXPECT_EQ(p[4].first_paragraph, 9);
  EXPECT_EQ(p[4].text, "5 届出事項");
}

TEST(NormalizeForMatchTest, ReadsCountingNumeralsOnly) {
  EXPECT_EQ(NormalizeForMatch("第十五条"), "第15条");
  EXPECT_EQ(NormalizeForMatch("第 三 項"), "第3項");
  EXPECT_EQ(NormalizeForMatch("年一回以上"), "年1回以上");
  EXPECT_EQ(NormalizeForMatch("第三者に一切漏らさない"), "第三者に一切漏らさない");
  EXPECT_EQ(NormalizeForMatch("十分な注意"), "十分な注意");
}

// A definition in parentheses does not end the sentence around it; a bracket never closed
// joins nothing.
TEST(NormalizeForMatchTest, DropsSentenceEndsInsideClosedParentheses) {
  EXPECT_EQ(NormalizeForMatch("者（以下「従事者」という。）を定め、届け出る。"),
            "者(以下「従事者」という)を定め、届け出る。");
  EXPECT_EQ(NormalizeForMatch("個人情報（個人に関する情報（番号を含む。）をいう。以下同じ。）を。"),
            "個人情報(個人に関する情報(番号を含む)をいう以下同じ)を。");
  EXPECT_EQ(NormalizeForMatch("一。（二。三）四。五）六。"), "一。(二三)四。五)六。");
  EXPECT_EQ(NormalizeForMatch("（未完。の括弧。"), "(未完。の括弧。");
  EXPECT_EQ(NormalizeForMatch("第三条（秘密）甲は。"), "第3条(秘密)甲は。");
}

}  // namespace
}  // namespace tokki
