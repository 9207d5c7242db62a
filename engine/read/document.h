// The text of an agreement as read from .docx, .pdf or .txt: paragraphs in reading order, each
// with its location for evidence. Readers keep the text as the document shows it (list numbers
// produced by Word's automatic numbering included); normalisation happens later (check/).
#ifndef TOKKI_READ_DOCUMENT_H_
#define TOKKI_READ_DOCUMENT_H_

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace tokki {

struct Paragraph {
  std::string text;       // UTF-8, as shown; a numbering label is followed by one space.
  int index = 0;          // 1-based position in reading order.
  int page = 0;           // 1-based page for PDF; 0 when the format has no pages.
  bool in_table = false;  // Read from a table cell.
  int source_node = 0;    // .docx: 1-based position of its w:p among all w:p elements of the
                          // main part in document order (for anchoring comments); else 0.
};

struct Document {
  std::string file;    // Name used in messages and output.
  std::string format;  // "docx", "pdf" or "txt".
  std::vector<Paragraph> paragraphs;
};

// Limits for untrusted input. The defaults suit agreements of a few hundred pages.
struct ReadLimits {
  size_t max_file_bytes = size_t{256} << 20;
  size_t max_zip_entries = 2000;
  size_t max_entry_bytes = size_t{64} << 20;   // Inflated size of one zip entry.
  size_t max_total_bytes = size_t{256} << 20;  // Inflated size of all entries read.
  size_t max_ratio = 200;                      // Inflated / compressed, per entry.
  size_t max_paragraphs = 200000;
  // One paragraph (one line of text or PDF): about 350,000 Japanese characters, 200 pages
  // with no paragraph break, which no agreement has.
  size_t max_paragraph_bytes = size_t{1} << 20;
};

// The refusal of a paragraph over ReadLimits::max_paragraph_bytes, or Ok.
Status CheckParagraphSize(const std::string& file, int index, size_t bytes,
                          const ReadLimits& limits);

// Appends the non-blank lines of `text` to doc as paragraphs on `page` (0: none), trimmed of
// white space (and form feeds) at both ends. Shared by the text and PDF readers.
Status AppendLines(std::string_view text, int page, const ReadLimits& limits, Document* doc);

// Reads a file, choosing the reader by content (zip → docx, %PDF → pdf, else text). Errors
// are one line naming the file and the problem, e.g. "a.pdf: テキストのないPDFです…".
Result<Document> ReadDocument(const std::string& path, const ReadLimits& limits = {});

// ReadDocument on bytes already in memory (uploads are never written to disk); `name` is used
// in messages and for its extension.
Result<Document> ReadDocumentBytes(std::string_view bytes, const std::string& name,
                                   const ReadLimits& limits = {});

// The readers, on bytes already in memory; `name` is used in messages.
Result<Document> ReadDocx(std::string_view bytes, const std::string& name,
                          const ReadLimits& limits = {});
// How ReadDocx reads tracked changes: as Word shows the document once all are accepted (the
// current text, the default), or once all are rejected (the text before the changes: inserted
// text dropped, deleted text kept).
enum class TrackedChanges { kAccept, kReject };
Result<Document> ReadDocx(std::string_view bytes, const std::string& name, const ReadLimits& limits,
                          TrackedChanges changes);
Result<Document> ReadPdf(std::string_view bytes, const std::string& name,
                         const ReadLimits& limits = {});
// UTF-8 (with or without BOM), UTF-16 with BOM, or Shift_JIS/CP932, detected and converted
// with ICU. Lines become paragraphs; blank lines are dropped.
Result<Document> ReadText(std::string_view bytes, const std::string& name,
                          const ReadLimits& limits = {});

}  // namespace tokki

#endif  // TOKKI_READ_DOCUMENT_H_
