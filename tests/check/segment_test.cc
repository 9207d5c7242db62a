// The line scanners of check/segment.cc against the RE2 patterns they replaced: ShapeOf and
// JoinWrappedHeading must say what the patterns said on every line.
#include "check/segment.h"

#include <gtest/gtest.h>
#include <re2/re2.h>

#include <algorithm>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace tokki {
namespace {

using segment_internal::JoinWrappedHeading;
using segment_internal::LineShape;
using segment_internal::ShapeOf;

// The former implementation, pattern for pattern.
bool LineStartRe(const RE2& re, std::string_view line, std::string* group, std::string* rest) {
  re2::StringPiece m[2];
  const int n = std::min(2, re.NumberOfCapturingGroups() + 1);
  if (!re.Match(line, 0, line.size(), RE2::ANCHOR_START, m, n)) return false;
  std::string_view body = line.substr(m[0].size());
  if (body.find('\n') != std::string_view::npos) return false;
  if (group != nullptr) {
    if (n > 1 && m[1].data() != nullptr) {
      group->assign(m[1].data(), m[1].size());
    } else {
      group->clear();
    }
  }
  if (rest != nullptr) rest->assign(body);
  return true;
}

LineShape ShapeOfRe(const std::string& line) {
  static const RE2 heading_line(R"(^\s*#*\s*[(\[【〔]([^()\[\]【】〔〕。]{1,40})[)\]】〕]\s*$)");
  static const RE2 article_line(
      R"(^\s*第\s*(?:[0-9]+|[〇一二三四五六七八九十百千]+)\s*条(?:の[0-9一二三四五六七八九十]+)?\s*)"
      R"((?:[(【〔]([^()【】〔〕]{1,40})[)】〕])?\s*)");
  static const RE2 item_line(R"(^\s*[-・]?\s*(?:[0-9]{1,3}(?:\s+|[.、．]\s*)|[①-⑳]\s*))");
  static const RE2 section_heading_line(
      R"(^\s*第\s*(?:[0-9]+|[〇一二三四五六七八九十百千]+)\s+([^\s。、][^。、]{0,29})\s*$)");
  static const RE2 heading_then_body(R"(^\s*[(【〔]([^()【】〔〕。]{1,40})[)】〕]\s{2,})");
  static const RE2 enumerator(
      R"(\s*(?:[0-9]{1,3}|[一二三四五六七八九十]{1,3}|[ァ-ヶ]|[a-zA-Z])\s*)");
  static const RE2 quantity_start(
      R"(^\s*[0-9]+\s*(?:回|年|か月|ヶ月|箇月|月|日|週|時間|時|分|人|名|件|部|通|円|万|億|%|割|条|項|号|営業日|社|台|枚|頁|ページ))");
  LineShape shape;
  std::string captured, rest;
  if (RE2::FullMatch(line, heading_line, &captured) ||
      RE2::FullMatch(line, section_heading_line, &captured)) {
    shape.heading_line = true;
    shape.heading = captured;
    return shape;
  }
  if (LineStartRe(heading_then_body, line, &captured, &rest) && !rest.empty() &&
      !RE2::FullMatch(captured, enumerator)) {
    shape.heading_then_body = true;
    shape.heading = captured;
    shape.body = rest;
    return shape;
  }
  if (LineStartRe(article_line, line, &captured, &rest)) {
    shape.article = true;
    shape.heading = captured;
    shape.article_ends_line = rest.empty();
    return shape;
  }
  shape.item =
      LineStartRe(item_line, line, nullptr, nullptr) && !RE2::PartialMatch(line, quantity_start);
  return shape;
}

std::pair<std::string, std::string> SplitAtGapRe(const std::string& line) {
  size_t start = line.find_first_not_of(" \t");
  if (start == std::string::npos) return {"", ""};
  size_t gap = line.find("  ", start);
  if (gap == std::string::npos) return {line.substr(start), ""};
  size_t body = line.find_first_not_of(" \t", gap);
  return {line.substr(start, gap - start), body == std::string::npos ? "" : line.substr(body)};
}

std::string JoinWrappedHeadingRe(const std::string& line, const std::string& next) {
  static const RE2 open(R"(^\s*[(【〔][^()【】〔〕。]{1,39}$)");
  static const RE2 close(R"(^\s*([^()【】〔〕。\s]{1,20}[)】〕])\s*(.*)$)");
  auto [head1, body1] = SplitAtGapRe(line);
  auto [head2, body2] = SplitAtGapRe(next);
  std::string closer, rest;
  if (!RE2::FullMatch(head1, open) || !RE2::FullMatch(head2, close, &closer, &rest)) return "";
  std::string body = body1 + rest + body2;
  return head1 + closer + (body.empty() ? "" : "  " + body);
}

std::string Describe(const LineShape& s) {
  return std::string("heading_line=") + (s.heading_line ? "1" : "0") + " heading=[" + s.heading +
         "] heading_then_body=" + (s.heading_then_body ? "1" : "0") + " body=[" + s.body +
         "] article=" + (s.article ? "1" : "0") +
         " article_ends_line=" + (s.article_ends_line ? "1" : "0") +
         " item=" + (s.item ? "1" : "0");
}

void ExpectSameShape(const std::string& line) {
  EXPECT_EQ(Describe(ShapeOf(line)), Describe(ShapeOfRe(line))) << "line: [" << line << "]";
}

TEST(SegmentLineShapeTest, Examples) {
  EXPECT_TRUE(ShapeOf("(秘密の保持)").heading_line);
  EXPECT_EQ(ShapeOf("## 【秘密の保持】  ").heading, "秘密の保持");
  EXPECT_EQ(ShapeOf("第1 基本的事項  ").heading, "基本的事項  ");
  EXPECT_TRUE(ShapeOf("第3条(秘密の保持) 乙は").article);
  EXPECT_EQ(ShapeOf("第3条の2 (再委託)").heading, "再委託");
  EXPECT_TRUE(ShapeOf("第十五条").article_ends_line);
  EXPECT_TRUE(ShapeOf("(監査)  委託者は").heading_then_body);
  EXPECT_FALSE(ShapeOf("(1)  思想、信条").heading_then_body);
  EXPECT_FALSE(ShapeOf("(ア)  思想、信条").heading_then_body);
  EXPECT_TRUE(ShapeOf("1 受託者は").item);
  EXPECT_TRUE(ShapeOf("・12. 受託者は").item);
  EXPECT_TRUE(ShapeOf("① 受託者は").item);
  EXPECT_FALSE(ShapeOf("1 回以上").item);
  EXPECT_FALSE(ShapeOf("1234 受託者は").item);
  EXPECT_FALSE(ShapeOf("1受託者は").item);
}

// Lines of an agreement and their near misses, in full-width and half-width forms as they
// come out of NFKC or not.
TEST(SegmentLineShapeTest, SameAsPatternsOnListedLines) {
  const char* lines[] = {
      "",
      " ",
      "\n",
      "#",
      "(",
      ")",
      "()",
      "( )",
      "(秘密の保持)",
      " (秘密の保持) ",
      "#(目的)",
      "# # (目的)",
      "[目的]",
      "【目的】",
      "〔目的〕",
      "(目的】",
      "(目的。)",
      "(目的",
      "目的)",
      "(あいうえおかきくけこあいうえおかきくけこあいうえおかきくけこあいうえおかきくけこ)",
      "(あいうえおかきくけこあいうえおかきくけこあいうえおかきくけこあいうえおかきくけ)",
      "(あいうえおかきくけこあいうえおかきくけこあいうえおかきくけこあいうえおかきくけこあ)",
      "(目的)\n",
      "(目的) x",
      "(目的)  x",
      "(目的)\t\tx",
      "(目的)  x\ny",
      "(目的)  ",
      "(1)  思想",
      "(12)  x",
      "(1234)  x",
      "(一)  x",
      "(十一)  x",
      "(十一二三)  x",
      "(ア)  x",
      "(ヶ)  x",
      "(ヷ)  x",
      "(ー)  x",
      "(a)  x",
      "(ab)  x",
      "( 1 )  x",
      "[目的]  x",
      "第1条",
      "第1条 ",
      "第 1 条",
      "第１条",
      "第十五条",
      "第〇条",
      "第百二十三条",
      "第1十条",
      "第1条の2",
      "第1条の",
      "第1条の二(目的)",
      "第1条の〇",
      "第1条(目的)",
      "第1条 (目的) 本文",
      "第1条【目的】本文",
      "第1条(目的",
      "第1条(目的。)本文",
      "第1条()本文",
      "第1条\n本文",
      "第1条 本文\n続き",
      "第条",
      "第 条",
      "第1 基本的事項",
      "第1  基本的事項  ",
      "第一 総則",
      "第1\t総則。",
      "第1 総則、",
      "第1 。総則",
      "第1 総則\n",
      "第1\n総則",
      "第1 あいうえおかきくけこあいうえおかきくけこあいうえおかきくけ",
      "第1 あいうえおかきくけこあいうえおかきくけこあいうえおかきくけこ",
      "第1 あいうえおかきくけこあいうえおかきくけこあいうえおかきくけ   ",
      "第1 あいうえおかきくけこあいうえおかきくけこあいうえおかきくけこ x",
      "第三者は",
      "第1項",
      "1 受託者",
      "1. 受託者",
      "1.受託者",
      "1、受託者",
      "1．受託者",
      "１ 受託者",
      "12 受託者",
      "123 受託者",
      "1234 受託者",
      "1受託者",
      " - 1 受託者",
      "-1 x",
      "・1 x",
      "・ 1 x",
      "--1 x",
      "① 受託者",
      "①受託者",
      "⑳ x",
      "㉑ x",
      "⑴ x",
      "1 回",
      "1回",
      "3 年",
      "10日",
      "2 か月",
      "2ヶ月",
      "5営業日",
      "1 ページ",
      "1 %",
      "1 時間",
      "1 条",
      "1 x\n",
      "1\n",
      "1 \n",
      "1\nx",
      "-",
      "・",
      "ア 受託者",
      "1 1回",
      "1.5 回",
  };
  for (const char* line : lines) ExpectSameShape(line);
}

// Random lines built from the pieces the patterns look for.
TEST(SegmentLineShapeTest, SameAsPatternsOnRandomLines) {
  const std::vector<std::string> pieces = {
      " ",
      "  ",
      "\t",
      "\n",
      "\r",
      "\f",
      "\v",
      "#",
      "第",
      "条",
      "の",
      "0",
      "1",
      "12",
      "123",
      "１",
      "〇",
      "一",
      "三",
      "十",
      "百",
      "千",
      "(",
      ")",
      "[",
      "]",
      "【",
      "】",
      "〔",
      "〕",
      "（",
      "）",
      "。",
      "、",
      ".",
      "．",
      "-",
      "・",
      "①",
      "⑩",
      "⑳",
      "ア",
      "ァ",
      "ヶ",
      "ヷ",
      "ー",
      "a",
      "Z",
      "回",
      "年",
      "か月",
      "月",
      "時間",
      "営業日",
      "ページ",
      "%",
      "項",
      "目的",
      "秘密の保持",
      "受託者は",
      "あいうえおかきくけこ",
      "あいうえおかきく",
      "x",
  };
  std::mt19937 rng(20231);
  std::uniform_int_distribution<size_t> piece(0, pieces.size() - 1);
  std::uniform_int_distribution<int> length(1, 9);
  for (int n = 0; n < 300000; ++n) {
    std::string line;
    for (int k = length(rng); k > 0; --k) line += pieces[piece(rng)];
    ExpectSameShape(line);
    if (testing::Test::HasFailure()) return;
  }
}

// Lines made to come close to each pattern, with random pieces where they vary.
TEST(SegmentLineShapeTest, SameAsPatternsOnShapedLines) {
  const std::vector<std::string> space = {"", " ", "  ", "\t", "\n", " \n"};
  const std::vector<std::string> number = {"1", "12", "123", "1234", "十五", "二〇", "一", "", "x"};
  const std::vector<std::string> open = {"(", "【", "〔", "[", "", "）"};
  const std::vector<std::string> close = {")", "】", "〕", "]", "", "("};
  const std::vector<std::string> text = {"",
                                         "目的",
                                         "あいうえおかきくけこ",
                                         "。",
                                         "1",
                                         "ア",
                                         "a",
                                         "あいうえおかきくけこあいうえおかきくけこ"};
  std::mt19937 rng(7);
  auto pick = [&](const std::vector<std::string>& v) {
    return v[std::uniform_int_distribution<size_t>(0, v.size() - 1)(rng)];
  };
  auto repeat = [&](const std::vector<std::string>& v) {
    std::string s;
    for (int k = std::uniform_int_distribution<int>(0, 4)(rng); k > 0; --k) s += pick(v);
    return s;
  };
  for (int n = 0; n < 100000; ++n) {
    std::string line;
    switch (n % 4) {
      case 0:  // Headings, alone or before a body.
        line = pick(space) + pick({"", "#", "##"}) + pick(space) + pick(open) + repeat(text) +
               pick(close) + pick(space) + repeat(text);
        break;
      case 1:  // Articles and sections.
        line = pick(space) + "第" + pick(space) + pick(number) + pick(space) +
               pick({"条", "", "条の", "条の2", "条の十", "項"}) + pick(space) + pick(open) +
               repeat(text) + pick(close) + pick(space) + repeat(text) + pick(space);
        break;
      case 2:  // Items and quantities.
        line = pick(space) + pick({"", "-", "・", "--"}) + pick(space) +
               pick({"1", "12", "123", "1234", "①", "⑳", "ア", ""}) +
               pick({"", " ", ".", "、", "．", "回", " 年", "日", "x"}) + pick(space) +
               repeat(text);
        break;
      default:  // Bracketed enumerators before a gap.
        line =
            pick(space) + pick(open) + pick(space) +
            pick({"1", "123", "1234", "一", "十一", "一二三四", "ア", "ヶ", "ヷ", "a", "ab", ""}) +
            pick(space) + pick(close) + pick(space) + pick(space) + repeat(text);
        break;
    }
    ExpectSameShape(line);
    if (testing::Test::HasFailure()) return;
  }
}

TEST(SegmentLineShapeTest, JoinWrappedHeadingSameAsPatterns) {
  const std::vector<std::string> first = {
      "(不適正な利用の禁",
      "(目的外利用及び提   受託者は、…以外の目",
      "【秘密",
      "(",
      "(a)",
      "(秘密。",
      " \t(秘密",
      "(あいうえおかきくけこあいうえおかきくけこあいうえおかきくけこあいうえおかきく",
      "(あいうえおかきくけこあいうえおかきくけこあいうえおかきくけこあいうえおかきくけ",
      "x(秘密",
      "(秘\n密",
      "",
      "  ",
      "(秘密  "};
  const std::vector<std::string> second = {"止)",
                                           "供の禁止)       的に利用し、…",
                                           "保持】本文",
                                           ")",
                                           "止",
                                           "止) x\ny",
                                           "止)\n",
                                           " 止)",
                                           "あいうえおかきくけこあいうえおかきくけこ)",
                                           "あいうえおかきくけこあいうえおかきくけこあ)",
                                           "止 め)",
                                           "止。)",
                                           "(止)",
                                           "止)】",
                                           "",
                                           "   止)  本文"};
  for (const std::string& a : first) {
    for (const std::string& b : second) {
      EXPECT_EQ(JoinWrappedHeading(a, b), JoinWrappedHeadingRe(a, b)) << a << " / " << b;
    }
  }
}

}  // namespace
}  // namespace tokki
