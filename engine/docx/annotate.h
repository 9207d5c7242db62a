// The reviewer's copy of an agreement: the original .docx with Word comments added. Only
// word/document.xml (the comment anchors), word/comments.xml, [Content_Types].xml and
// word/_rels/document.xml.rels change; every other part is copied as it was, compressed bytes
// and all.
#ifndef TOKKI_DOCX_ANNOTATE_H_
#define TOKKI_DOCX_ANNOTATE_H_

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "text/date.h"

namespace tokki {

struct DocxComment {
  int paragraph_node = 0;  // Paragraph::source_node to anchor on; 0: the start of the body.
  std::string text;        // Lines separated by '\n'.
};

struct AnnotateOptions {
  std::string author = "tokki";
  std::string initials = "TK";
  Date date;  // Written as the comments' date (pinned, for reproducible output).
};

// Returns the annotated package. Comments already in the document are kept (new ids follow
// theirs). Errors name the file.
Result<std::string> AnnotateDocx(std::string_view original, const std::string& name,
                                 const std::vector<DocxComment>& comments,
                                 const AnnotateOptions& options);

}  // namespace tokki

#endif  // TOKKI_DOCX_ANNOTATE_H_
