// Renders an assembled Annex as docx, html, txt or json.
#ifndef TOKKI_REPORT_ANNEX_RENDER_H_
#define TOKKI_REPORT_ANNEX_RENDER_H_

#include <string>
#include <vector>

#include "assemble/annex.h"
#include "base/status.h"
#include "docx/docx_writer.h"

namespace tokki {

enum class AnnexFormat { kDocx, kHtml, kTxt, kJson };

// "docx", "html", "txt" (or "text"), "json". The error message names no field: callers
// prefix it with theirs ("--format", "format").
Result<AnnexFormat> ParseAnnexFormat(const std::string& name);
const char* AnnexFormatExtension(AnnexFormat format);

// The annex as paragraphs in the template's styles (title, contract block, headings, items,
// sub-items, then the measures part when the type has one).
std::vector<DocxParagraph> AnnexParagraphs(const Annex& annex);

std::string RenderAnnexJson(const Annex& annex);
std::string RenderAnnexText(const Annex& annex);
std::string RenderAnnexHtml(const Annex& annex);

// Dispatches on format; tmpl is needed for kDocx only.
Result<std::string> RenderAnnex(const Annex& annex, AnnexFormat format, const DocxTemplate& tmpl);

}  // namespace tokki

#endif  // TOKKI_REPORT_ANNEX_RENDER_H_
