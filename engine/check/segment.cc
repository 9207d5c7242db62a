#include "check/segment.h"

#include <unicode/unistr.h>

#include <algorithm>
#include <initializer_list>
#include <string_view>
#include <utility>

#include "text/normalize.h"

namespace tokki {
namespace {

// The line scanners below read the NFKC form of a paragraph with white space kept (item
// numbers are told from text by the space after them). They replace RE2 patterns, quoted
// above each, and keep their meaning exactly: white space is RE2's \s ([\t\n\f\r ]), lengths
// count characters, and a line "start" holds when the rest of the line after it has no line
// break. tests/check/segment_test.cc compares them with the patterns on many lines.

constexpr size_t kNone = std::string_view::npos;

// The character at byte `i` of `s` (valid UTF-8: NFKC output) and the offset after it.
struct Char {
  char32_t c;
  size_t next;
};
Char At(std::string_view s, size_t i) {
  const auto b = static_cast<unsigned char>(s[i]);
  const size_t len = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
  if (len == 1 || i + len > s.size()) return {b, i + 1};
  char32_t c = b & (0x7F >> len);
  for (size_t k = 1; k < len; ++k) c = (c << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  return {c, i + len};
}

bool IsSpace(char32_t c) { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'; }
bool IsDigit(char32_t c) { return c >= '0' && c <= '9'; }
bool IsOneOf(char32_t c, std::u32string_view set) { return set.find(c) != kNone; }

// Whether `c` is a bracket or 。: ()[] or U+3002-3015 (。【】〔〕 and what lies between). Every
// character the bracket scanners stop at is one, so the text inside, kana and kanji, is
// passed over without looking it up in their sets.
bool MayBeBracket(char32_t c) {
  return c < 0x80 ? c == '(' || c == ')' || c == '[' || c == ']' : c >= U'。' && c <= U'〕';
}

// Offset of the first character at or after `i` that is not white space.
size_t SkipSpaces(std::string_view s, size_t i) {
  while (i < s.size() && IsSpace(static_cast<unsigned char>(s[i]))) ++i;
  return i;
}
// Offset after the run of characters of `set` (or digits, with `digits`) from `i`.
size_t SkipRun(std::string_view s, size_t i, std::u32string_view set, bool digits) {
  while (i < s.size()) {
    const Char ch = At(s, i);
    if (!(digits && IsDigit(ch.c)) && !IsOneOf(ch.c, set)) break;
    i = ch.next;
  }
  return i;
}
// Offset after `word` when `s` holds it at `i`, else kNone.
size_t Skip(std::string_view s, size_t i, std::string_view word) {
  return s.substr(i, word.size()) == word ? i + word.size() : kNone;
}

constexpr std::u32string_view kKanjiNumerals = U"〇一二三四五六七八九十百千";
constexpr std::u32string_view kKanjiDigits = U"一二三四五六七八九十";

// 第 and an article or section number: \s*第\s*(?:[0-9]+|[〇一二三四五六七八九十百千]+).
// The offset after the number, or kNone.
size_t NumberedDai(std::string_view s) {
  size_t i = Skip(s, SkipSpaces(s, 0), "第");
  if (i == kNone) return kNone;
  i = SkipSpaces(s, i);
  size_t end = SkipRun(s, i, {}, true);
  if (end == i) end = SkipRun(s, i, kKanjiNumerals, false);
  return end == i ? kNone : end;
}

// A bracketed heading at `i`: one of `openers`, 1 to `max` characters none of which is in
// `excluded` (which holds every closer, and only MayBeBracket characters), then one of
// `closers`. The offset after the closer and the text inside, or kNone.
size_t Bracketed(std::string_view s, size_t i, std::u32string_view openers,
                 std::u32string_view excluded, std::u32string_view closers, int max,
                 std::string_view* inside) {
  if (i >= s.size()) return kNone;
  Char ch = At(s, i);
  if (!IsOneOf(ch.c, openers)) return kNone;
  const size_t begin = ch.next;
  int count = 0;
  for (i = begin; i < s.size() && count <= max; i = ch.next, ++count) {
    ch = At(s, i);
    if (MayBeBracket(ch.c) && IsOneOf(ch.c, excluded)) break;
  }
  if (count < 1 || count > max || i >= s.size() || !IsOneOf(ch.c, closers)) return kNone;
  *inside = s.substr(begin, i - begin);
  return ch.next;
}

// A heading alone: (秘密の保持) or 【秘密の保持】, short, not a sentence. Leading #s:
// converted documents (markdown from PDF) mark headings so.
// ^\s*#*\s*[(\[【〔]([^()\[\]【】〔〕。]{1,40})[)\]】〕]\s*$
bool HeadingAlone(std::string_view s, std::string* heading) {
  size_t i = SkipSpaces(s, 0);
  while (i < s.size() && s[i] == '#') ++i;
  std::string_view inside;
  i = Bracketed(s, SkipSpaces(s, i), U"([【〔", U"()[]【】〔〕。", U")]】〕", 40, &inside);
  if (i == kNone || SkipSpaces(s, i) != s.size()) return false;
  heading->assign(inside);
  return true;
}

// 「第１　基本的事項」: a numbered section heading without 条 (some cities' layout). The title
// keeps the white space after it, up to 30 characters in all, as the pattern captured it.
// ^\s*第\s*(?:[0-9]+|[〇一二三四五六七八九十百千]+)\s+([^\s。、][^。、]{0,29})\s*$
bool SectionHeading(std::string_view s, std::string* heading) {
  const size_t number_end = NumberedDai(s);
  if (number_end == kNone) return false;
  const size_t begin = SkipSpaces(s, number_end);
  if (begin == number_end || begin == s.size()) return false;
  const Char first = At(s, begin);
  if (IsOneOf(first.c, U"。、")) return false;
  size_t end = first.next;  // End of the title: 29 more characters at most.
  int count = 0;            // Characters after the first.
  for (size_t i = first.next; i < s.size(); ++count) {
    const Char ch = At(s, i);
    if (IsOneOf(ch.c, U"。、")) return false;
    if (!IsSpace(ch.c) && count >= 29) return false;  // Text past the 30th character.
    i = ch.next;
    if (count < 29) end = i;
  }
  heading->assign(s.substr(begin, end - begin));
  return true;
}

// A PDF table row laid out on one line: 「（監査）    委託者は、…」. The heading is followed by
// a wide gap (two or more spaces) and the body.
// ^\s*[(【〔]([^()【】〔〕。]{1,40})[)】〕]\s{2,}, then the body.
bool HeadingThenBody(std::string_view s, std::string_view* heading, std::string_view* body) {
  const size_t end =
      Bracketed(s, SkipSpaces(s, 0), U"(【〔", U"()【】〔〕。", U")】〕", 40, heading);
  if (end == kNone) return false;
  const size_t gap_end = SkipSpaces(s, end);
  if (gap_end - end < 2) return false;
  *body = s.substr(gap_end);
  return body->find('\n') == kNone;
}

// A bracketed enumerator such as (1), (一), (ア), (a): a sub-item, not a heading, even with a
// wide gap after it (PDF text lays sub-items out so: 「（1）    思想、信条…」).
// \s*(?:[0-9]{1,3}|[一二三四五六七八九十]{1,3}|[ァ-ヶ]|[a-zA-Z])\s*, the whole text.
bool IsEnumerator(std::string_view s) {
  const size_t begin = SkipSpaces(s, 0);
  if (begin == s.size()) return false;
  size_t end = SkipRun(s, begin, {}, true);
  if (end == begin) end = SkipRun(s, begin, kKanjiDigits, false);
  if (end != begin) {
    const size_t bytes_per_char = IsDigit(static_cast<unsigned char>(s[begin])) ? 1 : 3;
    if ((end - begin) / bytes_per_char > 3) return false;
  } else {
    const Char ch = At(s, begin);
    const bool katakana = ch.c >= U'ァ' && ch.c <= U'ヶ';
    const bool letter = (ch.c >= 'a' && ch.c <= 'z') || (ch.c >= 'A' && ch.c <= 'Z');
    if (!katakana && !letter) return false;
    end = ch.next;
  }
  return SkipSpaces(s, end) == s.size();
}

// 第3条, 第3条(秘密の保持), 第3条 秘密の保持 — the article's own heading, if bracketed, is
// returned; *ends_line when nothing follows.
// ^\s*第\s*(?:[0-9]+|[〇一二三四五六七八九十百千]+)\s*条(?:の[0-9一二三四五六七八九十]+)?\s*
//   (?:[(【〔]([^()【】〔〕]{1,40})[)】〕])?\s*, then the rest.
bool ArticleStart(std::string_view s, std::string_view* heading, bool* ends_line) {
  size_t i = NumberedDai(s);
  if (i == kNone) return false;
  i = Skip(s, SkipSpaces(s, i), "条");
  if (i == kNone) return false;
  if (const size_t no = Skip(s, i, "の"); no != kNone) {
    const size_t end = SkipRun(s, no, kKanjiDigits, true);
    if (end != no) i = end;  // 第3条の2.
  }
  i = SkipSpaces(s, i);
  *heading = {};
  if (const size_t end = Bracketed(s, i, U"(【〔", U"()【】〔〕", U")】〕", 40, heading);
      end != kNone) {
    i = SkipSpaces(s, end);
  }
  const std::string_view rest = s.substr(i);
  if (rest.find('\n') != kNone) return false;
  *ends_line = rest.empty();
  return true;
}

// Where the text of an item starts: after 1 , 1. , 1．, 1、 or ① (and a leading - or ・); kNone
// for a line that does not start so. (1)text is a sub-item (continues), not an item.
// ^\s*[-・]?\s*(?:[0-9]{1,3}(?:\s+|[.、．]\s*)|[①-⑳]\s*), then the rest.
size_t ItemTextStart(std::string_view s) {
  size_t i = SkipSpaces(s, 0);
  if (i < s.size() && s[i] == '-') {
    ++i;
  } else if (const size_t dot = Skip(s, i, "・"); dot != kNone) {
    i = dot;
  }
  i = SkipSpaces(s, i);
  if (i >= s.size()) return kNone;
  const Char ch = At(s, i);
  if (IsDigit(ch.c)) {
    const size_t end = SkipRun(s, i, {}, true);
    if (end - i > 3 || end == s.size()) return kNone;
    const Char after = At(s, end);
    if (IsSpace(after.c)) return SkipSpaces(s, end);
    if (IsOneOf(after.c, U".、．")) return SkipSpaces(s, after.next);
    return kNone;
  }
  if (ch.c >= U'①' && ch.c <= U'⑳') return SkipSpaces(s, ch.next);
  return kNone;
}

// An item on one line: 1 text, 1. text, 1．text, ① text.
bool ItemStart(std::string_view s) {
  const size_t i = ItemTextStart(s);
  return i != kNone && s.find('\n', i) == kNone;
}

// The title of a numbered heading line, 「1 秘密の保持」 or 「2. 目的外使用の禁止」, with the body
// on the lines below (some specifications number their headings so): what follows the number is 1
// to 20 characters, not a sentence (no 。、,， and not ending in a kana, as a line broken
// mid-sentence would), or "" when the line is not such a title. Whether the next line is a
// body is for the caller to see.
std::string ItemTitle(std::string_view s) {
  const size_t i = ItemTextStart(s);
  if (i == kNone || s.find('\n', i) != kNone) return "";
  size_t end = s.size();
  while (end > i && IsSpace(static_cast<unsigned char>(s[end - 1]))) --end;
  int count = 0;
  char32_t last = 0;
  for (size_t k = i; k < end; ++count) {
    const Char c = At(s, k);
    if (IsOneOf(c.c, U"。、,，") || count >= 20) return "";
    last = c.c;
    k = c.next;
  }
  const bool kana = (last >= U'\u3041' && last <= U'\u30FF');
  if (count == 0 || kana || IsDigit(last)) return "";
  return std::string(s.substr(i, end - i));
}

// A number that is a quantity (1回, 3年, 10日), not an item number.
// ^\s*[0-9]+\s*(?:回|年|か月|ヶ月|箇月|月|日|週|時間|時|分|人|名|件|部|通|円|万|億|%|割|条|項
//   |号|営業日|社|台|枚|頁|ページ)
bool QuantityStart(std::string_view s) {
  const size_t begin = SkipSpaces(s, 0);
  const size_t end = SkipRun(s, begin, {}, true);
  if (end == begin) return false;
  static constexpr std::string_view kUnits[] = {
      "回", "年", "か月", "ヶ月",   "箇月", "月", "日", "週", "時",    "分",
      "人", "名", "件",   "部",     "通",   "円", "万", "億", "%",     "割",
      "条", "項", "号",   "営業日", "社",   "台", "枚", "頁", "ページ"};
  const std::string_view unit = s.substr(SkipSpaces(s, end));
  return std::any_of(std::begin(kUnits), std::end(kUnits),
                     [&](std::string_view u) { return unit.starts_with(u); });
}

// Whether a line that begins with a number really starts an item: the line before ended a
// sentence (PDF and converted text break lines anywhere, 「年度当たり」/「1 回以上」), and the
// number is not a quantity (1回, 3年, 10日).
bool EndsSentence(const std::string& nfkc_line) {
  std::string_view t = nfkc_line;
  while (!t.empty() && (t.back() == ' ' || t.back() == '\t')) t.remove_suffix(1);
  for (std::string_view end : {"。", ")", "」", "】", ":", "："}) {
    if (t.size() >= end.size() && t.substr(t.size() - end.size()) == end) return true;
  }
  return false;
}

// A table cell holding only a short title (「監査」): the heading of the row's body cell.
bool IsBareHeadingCell(const Paragraph& p, const std::string& nfkc_line) {
  if (!p.in_table) return false;
  if (nfkc_line.find("。") != std::string::npos) return false;
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(nfkc_line);
  u.trim();
  return u.length() > 0 && u.length() <= 20 && !(u[0] >= u'0' && u[0] <= u'9');
}

bool StartsWithAny(std::string_view s, std::initializer_list<std::string_view> prefixes) {
  for (std::string_view p : prefixes) {
    if (s.substr(0, p.size()) == p) return true;
  }
  return false;
}

// The line after leading white space and markdown #s.
std::string_view Lead(std::string_view line) {
  size_t i = 0;
  while (i < line.size() &&
         (line[i] == ' ' || line[i] == '\t' || line[i] == '#' || line[i] == '\n' ||
          line[i] == '\r' || line[i] == '\f' || line[i] == '\v')) {
    ++i;
  }
  return line.substr(i);
}

// A line cut at its first run of two or more spaces (the gap between table columns):
// (before, after), after empty when there is no gap.
std::pair<std::string_view, std::string_view> SplitAtGap(std::string_view line) {
  size_t start = line.find_first_not_of(" \t");
  if (start == kNone) return {};
  size_t gap = line.find("  ", start);
  if (gap == kNone) return {line.substr(start), {}};
  size_t body = line.find_first_not_of(" \t", gap);
  return {line.substr(start, gap - start), body == kNone ? std::string_view() : line.substr(body)};
}

}  // namespace

namespace segment_internal {

// A bracketed heading broken over two lines, as PDF table cells wrap it: 「（不適正な利用の禁」
// then 「止）」. In a two-column row each line also carries part of the body after a wide gap:
// 「（目的外利用及び提   受託者は、…以外の目」 / 「供の禁止）       的に利用し、…」.
// The first half: ^\s*[(【〔][^()【】〔〕。]{1,39}$; the second, with its closer and what
// follows: ^\s*([^()【】〔〕。\s]{1,20}[)】〕])\s*(.*)$.
std::string JoinWrappedHeading(const std::string& line, const std::string& next) {
  auto [head1, body1] = SplitAtGap(line);
  auto [head2, body2] = SplitAtGap(next);
  // The first half: an opener and 1 to 39 characters, to the end.
  size_t i = SkipSpaces(head1, 0);
  if (i >= head1.size()) return "";
  Char ch = At(head1, i);
  if (!IsOneOf(ch.c, U"(【〔")) return "";
  int count = 0;
  for (i = ch.next; i < head1.size(); i = ch.next, ++count) {
    ch = At(head1, i);
    if (count >= 39 || (MayBeBracket(ch.c) && IsOneOf(ch.c, U"()【】〔〕。"))) return "";
  }
  if (count < 1 || count > 39) return "";
  // The second half: 1 to 20 characters and a closer, then the rest on one line.
  const size_t begin = SkipSpaces(head2, 0);
  count = 0;
  for (i = begin; i < head2.size() && count <= 20; i = ch.next, ++count) {
    ch = At(head2, i);
    if (IsSpace(ch.c) || (MayBeBracket(ch.c) && IsOneOf(ch.c, U"()【】〔〕。"))) break;
  }
  if (count < 1 || count > 20 || i >= head2.size() || !IsOneOf(ch.c, U")】〕")) return "";
  const std::string_view close = head2.substr(begin, ch.next - begin);
  const std::string_view rest = head2.substr(SkipSpaces(head2, ch.next));
  if (rest.find('\n') != kNone) return "";
  std::string body = std::string(body1) + std::string(rest) + std::string(body2);
  return std::string(head1) + std::string(close) + (body.empty() ? "" : "  " + body);
}

LineShape ShapeOf(std::string_view line) {
  LineShape shape;
  // The scanners run in the order the patterns did, but only those that the line's first
  // character (after white space) allows: a bracket or markdown #, 第, or anything else
  // (a number, - or ・ before one, ①).
  const size_t lead = SkipSpaces(line, 0);
  if (lead == line.size()) return shape;
  const char32_t first = At(line, lead).c;
  const bool bracket = first == '#' || IsOneOf(first, U"([【〔");
  const bool dai = first == U'第';
  std::string heading;
  if ((bracket && HeadingAlone(line, &heading)) || (dai && SectionHeading(line, &heading))) {
    shape.heading_line = true;
    shape.heading = std::move(heading);
    return shape;
  }
  std::string_view captured, rest;
  if (bracket && HeadingThenBody(line, &captured, &rest) && !rest.empty() &&
      !IsEnumerator(captured)) {
    shape.heading_then_body = true;
    shape.heading = captured;
    shape.body = rest;
    return shape;
  }
  if (dai && ArticleStart(line, &captured, &shape.article_ends_line)) {
    shape.article = true;
    shape.heading = captured;
    return shape;
  }
  shape.item = !bracket && !dai && ItemStart(line) && !QuantityStart(line);
  return shape;
}

}  // namespace segment_internal

namespace {

using segment_internal::JoinWrappedHeading;
using segment_internal::LineShape;
using segment_internal::ShapeOf;

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
  auto start = [&](const Paragraph& p, const std::string& text, std::string text_nfkc) {
    Provision prov;
    prov.heading = heading;
    prov.text = text;
    prov.first_paragraph = p.index;
    prov.page = p.page;
    out.push_back(std::move(prov));
    nfkc_text.push_back(std::move(text_nfkc));
    heading_fresh = false;
  };
  for (size_t i = 0; i < doc.paragraphs.size(); ++i) {
    const Paragraph& p = doc.paragraphs[i];
    const size_t at = i;
    std::string joined;
    if (i + 1 < doc.paragraphs.size() && StartsWithAny(Lead(nfkc[i]), {"(", "【", "〔"})) {
      joined = JoinWrappedHeading(nfkc[i], nfkc[i + 1]);
      if (!joined.empty()) ++i;
    }
    const std::string& line = joined.empty() ? nfkc[at] : joined;
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
      start(p, p.text, std::move(nfkc[at]));  // Not read again.
      if (shape.article_ends_line) previous_complete = true;
      continue;
    }
    const bool item = complete_before && shape.item;
    if (item && i + 1 < doc.paragraphs.size()) {
      // 「1 秘密の保持」 over its body: the heading of the provision below.
      const LineShape next = ShapeOf(nfkc[i + 1]);
      if (!next.heading_line && !next.heading_then_body && !next.article && !next.item &&
          !Lead(nfkc[i + 1]).empty()) {
        if (std::string title = ItemTitle(line); !title.empty()) {
          heading = std::move(title);
          heading_fresh = true;
          previous_complete = true;
          continue;
        }
      }
    }
    if (item || heading_fresh || out.empty()) {
      start(p, p.text, std::move(nfkc[at]));  // Not read again.
      continue;
    }
    // A line that continues the provision above (a sub-item or a broken line).
    Provision& last = out.back();
    if (last.text.size() < 20000) {
      last.text += '\n';
      last.text += p.text;
      nfkc_text.back() += '\n';
      nfkc_text.back() += nfkc[at];
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
