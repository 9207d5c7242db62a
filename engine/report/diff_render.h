// The views of a comparison (diff/compare.h): text for a terminal, one self-contained HTML
// page (inline and side-by-side views), JSON (DESIGN.md), and the redline handed to the .docx
// writer (docx/redline_writer.h). Every view carries the renumbering table (旧 → 新).
#ifndef TOKKI_REPORT_DIFF_RENDER_H_
#define TOKKI_REPORT_DIFF_RENDER_H_

#include <string>

#include "base/status.h"
#include "diff/compare.h"
#include "docx/redline_writer.h"

namespace tokki {

enum class DiffFormat { kTxt, kHtml, kJson, kDocx };

// "txt", "text", "html", "json", "docx".
Result<DiffFormat> ParseDiffFormat(const std::string& name);

// Japanese name of a change: 同一, 修正, 追加, 削除, 分割, 統合.
const char* ChangeLabel(DiffPair::Change change);

// Inserted text in {+…+}, deleted in [-…-]; only changed pairs in detail, then the
// renumbering table.
std::string RenderDiffText(const Comparison& c);
std::string RenderDiffJson(const Comparison& c);
std::string RenderDiffHtml(const Comparison& c);

// The redline of the comparison: every provision of both versions in the new version's order,
// numbers included (「15　」), headings as their own paragraphs. Accepting every change gives
// the new version's provisions, rejecting every change the old version's (see the .cc for how
// splits and merges become inserted and deleted paragraph marks).
Redline BuildRedline(const Comparison& c);

// The title of a comparison: 「新旧対照表（2017年版 → 2020年版）」.
std::string DiffTitle(const Comparison& c);

}  // namespace tokki

#endif  // TOKKI_REPORT_DIFF_RENDER_H_
