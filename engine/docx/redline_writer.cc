#include "docx/redline_writer.h"

#include <algorithm>
#include <cctype>
#include <ctime>
#include <string_view>
#include <utility>

#include "cli/data_paths.h"
#include "text/date.h"

namespace tokki {
namespace {

using Style = RedlineParagraph::Style;

const char* StyleId(Style style) {
  switch (style) {
    case Style::kTitle:
      return "TokkiTitle";
    case Style::kNote:
      return "TokkiInfo";
    case Style::kHeading:
      return "TokkiHeading";
    case Style::kItem:
      return "TokkiItem";
    case Style::kBody:
      return "";  // Normal, the template's default paragraph style.
  }
  return "";
}

std::string NowUtc() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// The day of a YYYY-MM-DDTHH:MM:SSZ timestamp, checking its form (xsd:dateTime as Word writes
// it) and that the day exists.
Result<Date> TimestampDay(const std::string& timestamp) {
  const std::string_view form = "dddd-dd-ddTdd:dd:ddZ";
  bool ok = timestamp.size() == form.size();
  for (size_t i = 0; ok && i < form.size(); ++i) {
    ok = form[i] == 'd' ? std::isdigit(static_cast<unsigned char>(timestamp[i])) != 0
                        : timestamp[i] == form[i];
  }
  ok = ok && timestamp.compare(11, 2, "24") < 0 && timestamp.compare(14, 2, "60") < 0 &&
       timestamp.compare(17, 2, "60") < 0;
  const Status bad = Status::Invalid("変更日時「" + timestamp +
                                     "」は 2026-11-22T13:00:00Z の形式 (UTC) で指定してください");
  if (!ok) return bad;
  Result<Date> day = ParseIsoDate(timestamp.substr(0, 10));
  if (!day.ok()) return bad;
  return day;
}

// Which versions a paragraph, or a paragraph mark, belongs to.
enum class In { kBoth, kNew, kOld };

DocxChange ChangeOf(In in) {
  return in == In::kNew   ? DocxChange::kInserted
         : in == In::kOld ? DocxChange::kDeleted
                          : DocxChange::kNone;
}

// A paragraph to write, before its mark is decided.
struct Entry {
  std::vector<DocxRun> runs;
  In in = In::kBoth;
  std::string new_style;  // The style in the new version (when in it).
  std::string old_style;  // The style in the old version (when in it).
};

void AddRun(std::vector<DocxRun>* runs, const std::string& text, DocxChange change) {
  if (text.empty()) return;
  DocxRun run;
  run.text = text;
  run.change = change;
  runs->push_back(std::move(run));
}

std::vector<DocxRun> TrackedRuns(const std::vector<DiffOp>& ops) {
  std::vector<DocxRun> runs;
  for (const DiffOp& op : ops) {
    switch (op.kind) {
      case DiffOp::Kind::kEqual:
        if (op.old_text.empty() || op.old_text == op.text) {
          AddRun(&runs, op.text, DocxChange::kNone);
        } else {
          AddRun(&runs, op.old_text, DocxChange::kDeleted);
          AddRun(&runs, op.text, DocxChange::kInserted);
        }
        break;
      case DiffOp::Kind::kInsert:
        AddRun(&runs, op.text, DocxChange::kInserted);
        break;
      case DiffOp::Kind::kDelete:
        AddRun(&runs, op.text, DocxChange::kDeleted);
        break;
    }
  }
  return runs;
}

DocxParagraph Plain(const char* style, const std::string& text) {
  DocxParagraph p;
  p.style = style;
  if (!text.empty()) p.runs.push_back(DocxRun{text});
  return p;
}

std::vector<DocxParagraph> UnderlineBody(const Redline& redline, const RedlineOptions& options) {
  std::vector<DocxParagraph> body;
  if (!redline.title.empty()) body.push_back(Plain(StyleId(Style::kTitle), redline.title));
  if (!options.underline_note.empty()) {
    body.push_back(Plain(StyleId(Style::kNote), options.underline_note));
  }
  for (const RedlineParagraph& rp : redline.paragraphs) {
    if (rp.deleted) continue;
    DocxParagraph p;
    p.style = StyleId(rp.style);
    for (const DiffOp& op : rp.ops) {
      if (op.kind == DiffOp::Kind::kDelete || op.text.empty()) continue;
      DocxRun run{op.text};
      run.bold = run.underline = op.kind == DiffOp::Kind::kInsert;
      p.runs.push_back(std::move(run));
    }
    body.push_back(std::move(p));
  }
  if (body.empty()) body.emplace_back();  // A document has at least one paragraph.
  return body;
}

// See the header: paragraph marks and where the document ends.
std::vector<DocxParagraph> TrackedBody(std::vector<Entry> entries) {
  auto is_common = [](const Entry& e) { return e.in == In::kBoth; };
  if (std::none_of(entries.begin(), entries.end(), is_common)) {
    auto first_old = std::find_if(entries.begin(), entries.end(),
                                  [](const Entry& e) { return e.in == In::kOld; });
    auto first_new = std::find_if(entries.begin(), entries.end(),
                                  [](const Entry& e) { return e.in == In::kNew; });
    if (first_old != entries.end() && first_new != entries.end()) {
      Entry merged;
      merged.runs = first_old->runs;
      merged.runs.insert(merged.runs.end(), first_new->runs.begin(), first_new->runs.end());
      merged.new_style = first_new->new_style;
      merged.old_style = first_old->old_style;
      auto later = std::max(first_old, first_new);
      *std::min(first_old, first_new) = std::move(merged);
      entries.erase(later);
    }
  }
  // The status of each paragraph's mark.
  std::vector<In> marks;
  for (const Entry& e : entries) marks.push_back(e.in);
  // When the document ends with paragraphs in one version only: from the last paragraph common
  // to both (from the first when none is) each mark carries the change of the paragraph after
  // it, and the final mark none.
  size_t first = entries.size();
  while (first > 0 && entries[first - 1].in != In::kBoth) --first;  // After the last common.
  if (first < entries.size()) {
    if (first > 0) --first;
    for (size_t i = first; i + 1 < entries.size(); ++i) marks[i] = entries[i + 1].in;
    marks.back() = In::kBoth;
  }
  // Each version's paragraphs take their style from the mark that closes them: the n-th mark
  // in a version closes its n-th paragraph.
  std::vector<std::string> new_styles, old_styles;
  for (const Entry& e : entries) {
    if (e.in != In::kOld) new_styles.push_back(e.new_style);
    if (e.in != In::kNew) old_styles.push_back(e.old_style);
  }
  std::vector<DocxParagraph> body;
  size_t next_new = 0, next_old = 0;
  for (size_t i = 0; i < entries.size(); ++i) {
    DocxParagraph p;
    p.runs = std::move(entries[i].runs);
    p.mark = ChangeOf(marks[i]);
    // A version with no paragraph of its own still has the final mark: it takes the other's.
    const std::string* new_style = nullptr;
    const std::string* old_style = nullptr;
    if (marks[i] != In::kOld && next_new < new_styles.size()) new_style = &new_styles[next_new++];
    if (marks[i] != In::kNew && next_old < old_styles.size()) old_style = &old_styles[next_old++];
    if (new_style != nullptr) {
      p.style = *new_style;
      if (old_style != nullptr && *old_style != *new_style) p.old_style = *old_style;
    } else if (old_style != nullptr) {
      p.style = *old_style;
    }
    body.push_back(std::move(p));
  }
  if (body.empty()) body.emplace_back();  // A document has at least one paragraph.
  return body;
}

}  // namespace

Result<std::string> WriteRedlineDocx(const DocxTemplate& tmpl, const Redline& redline,
                                     const RedlineOptions& options) {
  DocxDocumentInfo info;
  info.title = redline.title;
  info.revision_author = options.author;
  info.revision_date = options.date.empty() ? NowUtc() : options.date;
  TOKKI_ASSIGN_OR_RETURN(Date day, TimestampDay(info.revision_date));
  if (options.underline) {
    info.revision_author.clear();
    info.revision_date.clear();
    return WriteDocx(tmpl, UnderlineBody(redline, options), day, info);
  }
  std::vector<Entry> entries;
  if (!redline.title.empty()) {
    entries.push_back(
        {{DocxRun{redline.title}}, In::kBoth, StyleId(Style::kTitle), StyleId(Style::kTitle)});
  }
  for (size_t i = 0; i < redline.paragraphs.size(); ++i) {
    const RedlineParagraph& rp = redline.paragraphs[i];
    if (rp.inserted && rp.deleted) {
      return Status::Invalid("差分の段落 " + std::to_string(i + 1) +
                             " が追加と削除の両方になっています");
    }
    Entry e;
    e.runs = TrackedRuns(rp.ops);
    e.in = rp.inserted ? In::kNew : rp.deleted ? In::kOld : In::kBoth;
    e.new_style = e.old_style = StyleId(rp.style);
    entries.push_back(std::move(e));
  }
  return WriteDocx(tmpl, TrackedBody(std::move(entries)), day, info);
}

Result<std::string> WriteRedlineDocx(const Redline& redline, const RedlineOptions& options) {
  // Thread-safe initialisation; a failure is kept too, so every call reports it.
  static const Result<std::shared_ptr<const DocxTemplate>>* const tmpl =
      new Result<std::shared_ptr<const DocxTemplate>>(LoadAnnexTemplate(ResolveDataPaths("", "")));
  if (!tmpl->ok()) return tmpl->status();
  return WriteRedlineDocx(***tmpl, redline, options);
}

}  // namespace tokki
