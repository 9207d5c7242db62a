// The .docx of a diff: the new version with real tracked changes (w:ins / w:del with author and
// date), which Word and LibreOffice show and can accept or reject: accepting all gives the new
// version, rejecting all the old one. Or, with RedlineOptions::underline, the municipal
// convention for council papers (seed 002): the new version alone, changed text in bold
// underline, and a note at the top saying what the marking means.
//
// How the runs are written with tracked changes:
//   kInsert  w:ins around the run;  kDelete  w:del around the run, its text as w:delText;
//   kEqual   a plain run of `text`; when `old_text` is set (the versions differ only in what the
//            diff ignored: white space, full/half width), a deletion of `old_text` followed by
//            an insertion of `text`, so that rejecting all still gives the old version exactly.
// Line breaks ('\n') in any run become w:br, tabs w:tab. Every w:ins / w:del (and w:pPrChange)
// has a unique w:id and RedlineOptions' author and date.
//
// Paragraph marks: an inserted paragraph's mark is an insertion and a deleted one's a deletion,
// so that accepting or rejecting all leaves no empty paragraph behind. The final paragraph mark
// of a document cannot go (Word and LibreOffice leave an empty paragraph when it is tracked), so
// when the document ends with inserted or deleted paragraphs, each mark from the last paragraph
// common to both versions on carries the change of the paragraph after it and the final mark
// none (a paragraph added at the end adds the mark before the final one), with w:pPrChange where
// a mark closes paragraphs of different styles in the two versions. When no paragraph is common
// to both versions, the first deleted and the first inserted paragraph are written as one
// modified paragraph for the same reason.
#ifndef TOKKI_DOCX_REDLINE_WRITER_H_
#define TOKKI_DOCX_REDLINE_WRITER_H_

#include <string>
#include <vector>

#include "base/status.h"
#include "diff/diff.h"
#include "docx/docx_writer.h"

namespace tokki {

struct RedlineParagraph {
  // The annex template's paragraph styles: TokkiTitle, TokkiInfo, TokkiHeading, TokkiItem, and
  // the default paragraph style (Normal).
  enum class Style { kTitle, kNote, kHeading, kItem, kBody };
  Style style = Style::kBody;
  // The paragraph's content as runs. A paragraph that exists only in the new version has only
  // kInsert runs and `inserted` set; one only in the old version only kDelete runs and
  // `deleted` set (its paragraph mark is a tracked deletion too, so rejecting restores it and
  // accepting removes it without leaving an empty paragraph).
  std::vector<DiffOp> ops;
  bool inserted = false;
  bool deleted = false;  // Not both: WriteRedlineDocx fails on such a paragraph.
};

struct Redline {
  std::string title;  // Document title (core properties) and first paragraph when not empty.
  std::vector<RedlineParagraph> paragraphs;
};

struct RedlineOptions {
  std::string author = "tokki";
  // w:date, ISO 8601 UTC, exactly YYYY-MM-DDTHH:MM:SSZ ("2026-11-22T13:00:00Z"); now when
  // empty. Its day is also the document's date in the core properties.
  std::string date;
  // --style underline: no tracked changes; the new version only (deleted text and deleted
  // paragraphs left out), inserted text bold and underlined.
  bool underline = false;
  // Printed in underline style as a paragraph of style kNote, after the title (as in seed 002:
  // the subject line, then 「※太字ゴシック(下線)が…変更箇所」), first when there is no title.
  // The caller chooses the wording, e.g. 「下線部は改正箇所を示す。」. None when empty.
  std::string underline_note;
};

// The package bytes, from `tmpl` (the annex template, docx-templates/annex: its page set-up and
// styles). Deterministic for equal inputs and options with a date (zip times fixed). Fails
// (kInvalidInput, message in Japanese) on a malformed options.date or on a paragraph both
// inserted and deleted.
Result<std::string> WriteRedlineDocx(const DocxTemplate& tmpl, const Redline& redline,
                                     const RedlineOptions& options);

// The same with the annex template of the default data root ($TOKKI_DATA_DIR, else the source
// tree: cli/data_paths.h), loaded on first use and kept for the life of the process. Callers
// that take a --data option load the template themselves and use the overload above.
Result<std::string> WriteRedlineDocx(const Redline& redline, const RedlineOptions& options);

}  // namespace tokki

#endif  // TOKKI_DOCX_REDLINE_WRITER_H_
