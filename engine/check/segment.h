// Segmentation of an agreement into provisions: articles (第○条, with or without a heading),
// numbered items (1, １, 1., ①, numbers produced by Word's list numbering), headings in
// parentheses or 【】 on their own line or table cell, and the lines that continue them (PDF
// and converted text break lines mid-sentence).
#ifndef TOKKI_CHECK_SEGMENT_H_
#define TOKKI_CHECK_SEGMENT_H_

#include <string>
#include <string_view>
#include <vector>

#include "read/document.h"

namespace tokki {

struct Provision {
  std::string heading;       // Heading in force for this provision, as written; may be "".
  std::string text;          // The provision's paragraphs joined, as written.
  std::string norm_heading;  // NormalizeForMatch(heading).
  std::string norm_text;     // NormalizeForMatch(text).
  int first_paragraph = 0;   // Paragraph::index of its first paragraph.
  int page = 0;              // Page of its first paragraph (PDF), else 0.
};

std::vector<Provision> SegmentProvisions(const Document& doc);

// The parts of SegmentProvisions that read one line, exposed for tests.
namespace segment_internal {

// What a line (its NFKC text) looks like: a function of the line alone, kept apart from the
// state the segmentation carries from line to line.
struct LineShape {
  bool heading_line = false;       // (heading) or 第1 heading alone on the line.
  std::string heading;             // Its heading, or the heading before the body below.
  bool heading_then_body = false;  // (heading)   body…, as PDF tables lay a row out.
  std::string body;
  bool article = false;  // 第3条…: `heading` is its own heading, if any.
  bool article_ends_line = false;
  bool item = false;  // 1 text, ① text: an item, unless the line before runs on.
};
LineShape ShapeOf(std::string_view nfkc_line);

// `line` joined with the next paragraph's NFKC text when they are the two halves of a
// bracketed heading (and of the body beside it), the body after a wide gap; "" when they are
// not such halves.
std::string JoinWrappedHeading(const std::string& line, const std::string& next);

}  // namespace segment_internal

}  // namespace tokki

#endif  // TOKKI_CHECK_SEGMENT_H_
