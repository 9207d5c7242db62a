#include "check/segment.h"

#include <re2/re2.h>

#include <unicode/unistr.h>

#include <algorithm>
#include <cstring>
#include <initializer_list>
#include <string_view>
#include <utility>

#include "text/normalize.h"

namespace tokki {
namespace {

// Patterns run on the NFKC form of a paragraph with white space kept (item numbers are told
// from text by the space after them).
// A heading alone: (秘密の保持) or 【秘密の保持】, short, not a sentence.
const RE2& HeadingLine() {
  // Leading #s: converted documents (markdown from PDF) mark headings so.
  static const RE2 re(R"(^\s*#*\s*[(\[【〔]([^()\[\]【】〔〕。]{1,40})[)\]】〕]\s*$)");
  return re;
}
// 第3条, 第3条(秘密の保持), 第3条 秘密の保持 — the article's own heading is captured.
const RE2& ArticleLine() {
  static const RE2 re(
      R"(^\s*第\s*(?:[0-9]+|[〇一二三四五六七八九十百千]+)\s*条(?:の[0-9一二三四五六七八九十]+)?\s*)"
      R"((?:[(【〔]([^()【】〔〕]{1,40})[)】〕])?\s*)");
  return re;
}
// 1 text, 1. text, 1．text, (1)text is a sub-item (continues), ① text.
// ArticleLine, ItemLine and HeadingThenBody describe the start of a line: LineStart() matches
// them there and takes the rest of the line as the body.
const RE2& ItemLine() {
  static const RE2 re(R"(^\s*[-・]?\s*(?:[0-9]{1,3}(?:\s+|[.、．]\s*)|[①-⑳]\s*))");
  return re;
}

// Whether a line that begins with a number really starts an item: the line before ended a
// sentence (PDF and converted text break lines anywhere, 「年度当たり」/「1 回以上」), and the
// number is not a quantity (1回, 3年, 10日).
bool EndsSentence(const std::string& nfkc_line) {
  std::string t = nfkc_line;
  while (!t.empty() && (t.back() == ' ' || t.back() == '\t')) t.pop_back();
  for (const char* end : {"。", ")", "」", "】", ":", "："}) {
    size_t n = std::strlen(end);
    if (t.size() >= n && t.compare(t.size() - n, n, end) == 0) return true;
  }
  return false;
}

// 「第１　基本的事項」: a numbered section heading without 条 (some cities' layout).
const RE2& SectionHeadingLine() {
  static const RE2 re(
      R"(^\s*第\s*(?:[0-9]+|[〇一二三四五六七八九十百千]+)\s+([^\s。、][^。、]{0,29})\s*$)");
  return re;
}

// A PDF table row laid out on one line: 「（監査）    委託者は、…」. The heading is followed by
// a wide gap (two or more spaces) and the body.
const RE2& HeadingThenBody() {
  static const RE2 re(R"(^\s*[(【〔]([^()【】〔〕。]{1,40})[)】〕]\s{2,})");
  return re;
}

// Matches `re`, which describes how a line starts, at the start of `line`: the rest of the
// line (the body) must hold no line break, as if the pattern ended in (.*)$ — a greedy prefix
// leaves the fewest line breaks to the rest, so this is the same test. Only the prefix is
// matched with captures, not the whole line, which made these patterns a large cost.
bool LineStart(const RE2& re, std::string_view line, std::string* group, std::string* rest) {
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

// A bracketed enumerator such as (1), (一), (ア), (a): a sub-item, not a heading, even with a
// wide gap after it (PDF text lays sub-items out so: 「（1）    思想、信条…」).
const RE2& Enumerator() {
  static const RE2 re(R"(\s*(?:[0-9]{1,3}|[一二三四五六七八九十]{1,3}|[ァ-ヶ]|[a-zA-Z])\s*)");
  return re;
}

// A table cell holding only a short title (「監査」): the heading of the row's body cell.
bool IsBareHeadingCell(const Paragraph& p, const std::string& nfkc_line) {
  if (!p.in_table) return false;
  if (nfkc_line.find("。") != std::string::npos) return false;
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(nfkc_line);
  u.trim();
  return u.length() > 0 && u.length() <= 20 && !(u[0] >= u'0' && u[0] <= u'9');
}

const RE2& QuantityStart() {
  static const RE2 re(
      R"(^\s*[0-9]+\s*(?:回|年|か月|ヶ月|箇月|月|日|週|時間|時|分|人|名|件|部|通|円|万|億|%|割|条|項|号|営業日|社|台|枚|頁|ページ))");
  return re;
}

// The line after leading white space and markdown #s: what each line pattern starts with, so
// that the patterns (which capture, and so run slower than a plain search) are tried only on
// lines that can match them.
std::string_view Lead(std::string_view line) {
  size_t i = 0;
  while (i < line.size() &&
         (line[i] == ' ' || line[i] == '\t' || line[i] == '#' || line[i] == '\n' ||
          line[i] == '\r' || line[i] == '\f' || line[i] == '\v')) {
    ++i;
  }
  return line.substr(i);
}

bool StartsWithAny(std::string_view s, std::initializer_list<std::string_view> prefixes) {
  for (std::string_view p : prefixes) {
    if (s.substr(0, p.size()) == p) return true;
  }
  return false;
}

// A bracketed heading broken over two lines, as PDF table cells wrap it: 「（不適正な利用の禁」
// then 「止）」. In a two-column row each line also carries part of the body after a wide gap:
// 「（目的外利用及び提   受託者は、…以外の目」 / 「供の禁止）       的に利用し、…」.
const RE2& OpenHeadingFragment() {
  static const RE2 re(R"(^\s*[(【〔][^()【】〔〕。]{1,39}$)");
  return re;
}
const RE2& CloseHeadingFragment() {
  static const RE2 re(R"(^\s*([^()【】〔〕。\s]{1,20}[)】〕])\s*(.*)$)");
  return re;
}

// A line cut at its first run of two or more spaces (the gap between table columns):
// (before, after), after empty when there is no gap.
std::pair<std::string, std::string> SplitAtGap(const std::string& line) {
  size_t start = line.find_first_not_of(" \t");
  if (start == std::string::npos) return {"", ""};
  size_t gap = line.find("  ", start);
  if (gap == std::string::npos) return {line.substr(start), ""};
  size_t body = line.find_first_not_of(" \t", gap);
  return {line.substr(start, gap - start), body == std::string::npos ? "" : line.substr(body)};
}

// Joins `line` with the next paragraph's NFKC text when they are the two halves of a heading
// (and of the body beside it): returns the joined line, the body after a wide gap so that
// HeadingThenBody reads it; "" when they are not such halves.
std::string JoinWrappedHeading(const std::string& line, const std::string& next) {
  auto [head1, body1] = SplitAtGap(line);
  auto [head2, body2] = SplitAtGap(next);
  std::string close, rest;
  if (!RE2::FullMatch(head1, OpenHeadingFragment()) ||
      !RE2::FullMatch(head2, CloseHeadingFragment(), &close, &rest)) {
    return "";
  }
  std::string body = body1 + rest + body2;
  return head1 + close + (body.empty() ? "" : "  " + body);
}

// What the line patterns say about a line (its NFKC text): a function of the line alone, kept
// apart from the state the segmentation carries from line to line. Only the patterns its lead
// (bracket, 第, number) makes possible are run, and none after the first that decides.
struct LineShape {
  bool heading_line = false;       // (heading) or 第1 heading alone on the line.
  std::string heading;             // Its heading, or the heading before the body below.
  bool heading_then_body = false;  // (heading)   body…, as PDF tables lay a row out.
  std::string body;
  bool article = false;  // 第3条…: `heading` is its own heading, if any.
  bool article_ends_line = false;
  bool item = false;  // 1 text, ① text: an item, unless the line before runs on.
};

LineShape ShapeOf(const std::string& line) {
  LineShape shape;
  const std::string_view lead = Lead(line);
  const bool bracket = StartsWithAny(lead, {"(", "[", "【", "〔"});
  const bool dai = StartsWithAny(lead, {"第"});
  std::string captured, rest;
  if ((bracket && RE2::FullMatch(line, HeadingLine(), &captured)) ||
      (dai && RE2::FullMatch(line, SectionHeadingLine(), &captured))) {
    shape.heading_line = true;
    shape.heading = std::move(captured);
    return shape;
  }
  if (bracket && LineStart(HeadingThenBody(), line, &captured, &rest) && !rest.empty() &&
      !RE2::FullMatch(captured, Enumerator())) {
    shape.heading_then_body = true;
    shape.heading = std::move(captured);
    shape.body = std::move(rest);
    return shape;
  }
  if (dai && LineStart(ArticleLine(), line, &captured, &rest)) {
    shape.article = true;
    shape.heading = std::move(captured);
    shape.article_ends_line = rest.empty();
    return shape;
  }
  // ItemLine starts with a digit, - or ・, or ①-⑳ (U+2460-2473, UTF-8 E2 91 xx), though
  // NFKC has already made those digits.
  const bool numbered = !lead.empty() && ((lead[0] >= '0' && lead[0] <= '9') ||
                                          StartsWithAny(lead, {"-", "・", "\xE2\x91"}));
  shape.item = numbered && LineStart(ItemLine(), line, nullptr, nullptr) &&
               !RE2::PartialMatch(line, QuantityStart());
  return shape;
}

}  // namespace

std::vector<Provision> SegmentProvisions(const Document& doc) {
  std::vector<Provision> out;
  std::string heading;            // Group heading in force.
  bool previous_complete = true;  // The previous line ended a sentence or was a heading.
  bool heading_fresh = false;     // A heading line was just read: it opens the next provision.
  // Each paragraph's NFKC text, computed once; and each provision's text in NFKC (the NFKC
  // of paragraphs joined by line breaks is the join of their NFKC: a line break neither
  // composes nor reorders with its neighbours), so that it is not normalised again.
  std::vector<std::string> nfkc;
  nfkc.reserve(doc.paragraphs.size());
  for (const Paragraph& p : doc.paragraphs) {
    nfkc.push_back(Nfkc(p.text));
  }
  std::vector<std::string> nfkc_text;
  auto start = [&](const Paragraph& p, const std::string& text, const std::string& text_nfkc) {
    Provision prov;
    prov.heading = heading;
    prov.text = text;
    prov.first_paragraph = p.index;
    prov.page = p.page;
    out.push_back(std::move(prov));
    nfkc_text.push_back(text_nfkc);
    heading_fresh = false;
  };
  for (size_t i = 0; i < doc.paragraphs.size(); ++i) {
    const Paragraph& p = doc.paragraphs[i];
    const size_t at = i;
    std::string line = nfkc[i];
    if (i + 1 < doc.paragraphs.size() && StartsWithAny(Lead(line), {"(", "【", "〔"})) {
      std::string joined = JoinWrappedHeading(line, nfkc[i + 1]);
      if (!joined.empty()) {
        line = std::move(joined);
        ++i;
      }
    }
    const bool complete_before = previous_complete;
    previous_complete = EndsSentence(line);
    const LineShape shape = ShapeOf(line);
    if (shape.heading_line || IsBareHeadingCell(p, line)) {
      heading = shape.heading_line ? shape.heading : line;
      heading_fresh = true;
      previous_complete = true;
      continue;
    }
    if (shape.heading_then_body) {
      heading = shape.heading;
      heading_fresh = true;
      start(p, shape.body, shape.body);  // The body is NFKC already.
      continue;
    }
    if (shape.article) {
      // An article takes the heading written just above it (（秘密の保持）/第3条), or its
      // own (第3条（秘密の保持）), or none: an earlier group heading does not carry over.
      if (!shape.heading.empty() || !heading_fresh) heading = shape.heading;
      start(p, p.text, nfkc[at]);
      if (shape.article_ends_line) previous_complete = true;
      continue;
    }
    const bool item = complete_before && shape.item;
    if (item || heading_fresh || out.empty()) {
      start(p, p.text, nfkc[at]);
      continue;
    }
    // A line that continues the provision above (a sub-item or a broken line).
    Provision& last = out.back();
    if (last.text.size() < 20000) {
      last.text += "\n" + p.text;
      nfkc_text.back() += "\n" + nfkc[at];
    }
  }
  for (size_t k = 0; k < out.size(); ++k) {
    // Provisions under one heading follow each other: its match form is computed once.
    if (k == 0 || out[k].heading != out[k - 1].heading) {
      out[k].norm_heading = NormalizeForMatch(out[k].heading);
    } else {
      out[k].norm_heading = out[k - 1].norm_heading;
    }
    out[k].norm_text = NfkcToMatchForm(nfkc_text[k]);
  }
  return out;
}

}  // namespace tokki
