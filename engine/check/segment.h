// Segmentation of an agreement into provisions: articles (第○条, with or without a heading),
// numbered items (1, １, 1., ①, numbers produced by Word's list numbering), headings in
// parentheses or 【】 on their own line or table cell, and the lines that continue them (PDF
// and converted text break lines mid-sentence).
#ifndef TOKKI_CHECK_SEGMENT_H_
#define TOKKI_CHECK_SEGMENT_H_

#include <string>
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

}  // namespace tokki

#endif  // TOKKI_CHECK_SEGMENT_H_
