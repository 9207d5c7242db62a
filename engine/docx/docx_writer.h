// Writes .docx packages from the template kept as unzipped OOXML parts under docx-templates/.
//
// DocxTemplate holds the parts in memory (loaded once, immutable, shareable between threads).
// WriteDocx() replaces the template's {{TOKKI_BODY}} paragraph (written exactly
// <w:p><w:r><w:t>{{TOKKI_BODY}}</w:t></w:r></w:p>) with the given paragraphs,
// {{TOKKI_DATE}} in docProps/core.xml with the document's date, and zips the parts with
// [Content_Types].xml first and fixed timestamps: the same input gives the same bytes.
#ifndef TOKKI_DOCX_DOCX_WRITER_H_
#define TOKKI_DOCX_DOCX_WRITER_H_

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/status.h"
#include "text/date.h"
#include "zip/zip_writer.h"

namespace tokki {

// A tracked change (revision): the author and date come from DocxDocumentInfo.
enum class DocxChange { kNone, kInserted, kDeleted };

struct DocxRun {
  std::string text;  // '\t' becomes <w:tab/>, '\n' (or "\r\n", '\r') becomes <w:br/>.
  bool bold = false;
  bool underline = false;
  // kInserted: the run is written inside w:ins; kDeleted: inside w:del, its text as w:delText.
  DocxChange change = DocxChange::kNone;
};

struct DocxParagraph {
  std::string style;  // Paragraph style id from the template's styles.xml.
  std::vector<DocxRun> runs;
  // A tracked change of the paragraph mark (w:pPr/w:rPr/w:ins or w:del): rejecting an inserted
  // mark or accepting a deleted one joins the paragraph's content to the next paragraph.
  DocxChange mark = DocxChange::kNone;
  // Set when the paragraph's style before the tracked changes differs from `style` (w:pPrChange,
  // so that rejecting restores it): the old style id, "" for the default paragraph style.
  std::optional<std::string> old_style = std::nullopt;
};

// What a document carries besides its body.
struct DocxDocumentInfo {
  std::string title;  // dc:title of the core properties; the template's when empty.
  // w:author and w:date of every tracked change (w:ins, w:del, w:pPrChange); the date as
  // xsd:dateTime ("2026-11-22T13:00:00Z"), none written when empty. Their w:id run 1, 2, ... in
  // document order.
  std::string revision_author;
  std::string revision_date;
};

class DocxTemplate {
 public:
  // Loads every file below dir. Fails when [Content_Types].xml, word/document.xml or the
  // {{TOKKI_BODY}} placeholder is missing.
  static Result<std::shared_ptr<const DocxTemplate>> Load(const std::string& dir);

  const std::vector<std::pair<std::string, std::string>>& parts() const { return parts_; }

  // The parts that are the same in every document, deflated once at load: WriteDocx adds their
  // compressed bytes instead of compressing them again for each document. Null for part `i` of
  // parts() when it is written per document.
  const std::shared_ptr<const ZipWriter::PreparedEntry>& prepared(size_t i) const {
    return prepared_[i];
  }
  // word/document.xml before and after the body paragraph.
  const std::string& document_head() const { return document_head_; }
  const std::string& document_tail() const { return document_tail_; }

 private:
  DocxTemplate() = default;
  std::vector<std::pair<std::string, std::string>> parts_;  // (name, bytes), package order.
  std::vector<std::shared_ptr<const ZipWriter::PreparedEntry>> prepared_;
  std::string document_head_;
  std::string document_tail_;
};

// Builds the package. `date` is written to the core properties (created/modified).
Result<std::string> WriteDocx(const DocxTemplate& tmpl, const std::vector<DocxParagraph>& body,
                              const Date& date);
// The same with a title and tracked changes (docx/redline_writer.h).
Result<std::string> WriteDocx(const DocxTemplate& tmpl, const std::vector<DocxParagraph>& body,
                              const Date& date, const DocxDocumentInfo& info);

}  // namespace tokki

#endif  // TOKKI_DOCX_DOCX_WRITER_H_
