// Writes .docx packages from the template kept as unzipped OOXML parts under docx-templates/.
//
// DocxTemplate holds the parts in memory (loaded once, immutable, shareable between threads).
// WriteDocx() replaces the template's {{TOKKI_BODY}} paragraph with the given paragraphs,
// {{TOKKI_DATE}} in docProps/core.xml with the document's date, and zips the parts with
// [Content_Types].xml first and fixed timestamps: the same input gives the same bytes.
#ifndef TOKKI_DOCX_DOCX_WRITER_H_
#define TOKKI_DOCX_DOCX_WRITER_H_

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "base/status.h"
#include "text/date.h"

namespace tokki {

struct DocxRun {
  std::string text;  // '\t' becomes <w:tab/>, '\n' becomes <w:br/>.
  bool bold = false;
  bool underline = false;
};

struct DocxParagraph {
  std::string style;  // Paragraph style id from the template's styles.xml.
  std::vector<DocxRun> runs;
};

class DocxTemplate {
 public:
  // Loads every file below dir. Fails when [Content_Types].xml, word/document.xml or the
  // {{TOKKI_BODY}} placeholder is missing.
  static Result<std::shared_ptr<const DocxTemplate>> Load(const std::string& dir);

  const std::vector<std::pair<std::string, std::string>>& parts() const { return parts_; }

 private:
  DocxTemplate() = default;
  std::vector<std::pair<std::string, std::string>> parts_;  // (name, bytes), package order.
};

// Builds the package. `date` is written to the core properties (created/modified).
Result<std::string> WriteDocx(const DocxTemplate& tmpl, const std::vector<DocxParagraph>& body,
                              const Date& date);

}  // namespace tokki

#endif  // TOKKI_DOCX_DOCX_WRITER_H_
