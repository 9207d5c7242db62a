#include "docx/docx_writer.h"

#include <algorithm>
#include <cstring>
#include <set>

#include <libxml/xmlwriter.h>

#include "base/file.h"
#include "xml/xml.h"
#include "zip/zip_writer.h"

namespace tokki {
namespace {

// The paragraph of the template's document.xml that the body replaces, exactly as written.
constexpr const char* kBodyParagraph = "<w:p><w:r><w:t>{{TOKKI_BODY}}</w:t></w:r></w:p>";
constexpr const char* kWordNamespace =
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
constexpr const char* kDatePlaceholder = "{{TOKKI_DATE}}";
constexpr const char* kContentTypes = "[Content_Types].xml";
constexpr const char* kDocument = "word/document.xml";
constexpr const char* kCore = "docProps/core.xml";

const xmlChar* X(const char* s) { return reinterpret_cast<const xmlChar*>(s); }

void ReplaceAll(std::string& s, const std::string& from, const std::string& to) {
  for (size_t pos = 0; (pos = s.find(from, pos)) != std::string::npos; pos += to.size()) {
    s.replace(pos, from.size(), to);
  }
}

bool EndsWith(const std::string& s, const char* suffix) {
  size_t n = std::strlen(suffix);
  return s.size() >= n && s.compare(s.size() - n, n, suffix) == 0;
}

// The part a relationship target names: relative to the folder of the part that owns the
// .rels file ("word/_rels/document.xml.rels" → "word/"), or absolute when it starts with '/'.
std::string ResolveTarget(const std::string& rels_name, const std::string& target) {
  if (!target.empty() && target[0] == '/') return target.substr(1);
  std::string base = rels_name.substr(0, rels_name.rfind("_rels/"));
  std::string path = base + target;
  // Fold "dir/../" segments.
  for (size_t pos; (pos = path.find("/../")) != std::string::npos;) {
    size_t start = path.rfind('/', pos == 0 ? 0 : pos - 1);
    start = start == std::string::npos ? 0 : start + 1;
    path.erase(start, pos + 4 - start);
  }
  return path;
}

// Core properties with `title` as the text of dc:title (the template must have one).
Result<std::string> WithTitle(std::string core, const std::string& title) {
  const std::string open = "<dc:title>";
  size_t start = core.find(open);
  size_t end = start == std::string::npos ? start : core.find("</dc:title>", start);
  if (end == std::string::npos) return Status::Internal(std::string(kCore) + ": no <dc:title>");
  std::string text;  // Without the C0 controls XML 1.0 cannot hold (tabs and breaks as spaces).
  for (unsigned char c : title) {
    if (c >= 0x20) {
      text += static_cast<char>(c);
    } else if (c == '\t' || c == '\n' || c == '\r') {
      text += ' ';
    }
  }
  xmlChar* escaped = xmlEncodeSpecialChars(nullptr, X(text.c_str()));
  if (escaped == nullptr) return Status::Internal("libxml2: cannot escape the title");
  core.replace(start + open.size(), end - start - open.size(), reinterpret_cast<char*>(escaped));
  xmlFree(escaped);
  return core;
}

// Streams paragraphs as WordprocessingML with libxml2's text writer. The `w` prefix is the
// one the template's document.xml declares on its root (checked at load). `info` gives the
// author and date of tracked changes and must outlive the writer.
class BodyWriter {
 public:
  explicit BodyWriter(const DocxDocumentInfo& info)
      : info_(info), buf_(xmlBufferCreate()), w_(xmlNewTextWriterMemory(buf_, 0)) {}
  ~BodyWriter() {
    if (w_) xmlFreeTextWriter(w_);
    xmlBufferFree(buf_);
  }
  BodyWriter(const BodyWriter&) = delete;
  BodyWriter& operator=(const BodyWriter&) = delete;

  // The markup around the text is constant and written raw; only text and style ids go
  // through libxml2's escaping. (Element-by-element writing was a sixth of WriteDocx.)
  void Paragraph(const DocxParagraph& p) {
    Raw("<w:p>");
    if (!p.style.empty() || p.mark != DocxChange::kNone || p.old_style) {
      // Schema order of w:pPr children: pStyle ... rPr, sectPr, pPrChange.
      Raw("<w:pPr>");
      Style(p.style);
      if (p.mark != DocxChange::kNone) {
        Raw("<w:rPr>");
        Revision(p.mark == DocxChange::kInserted ? "w:ins" : "w:del", true);
        Raw("</w:rPr>");
      }
      if (p.old_style) {
        Revision("w:pPrChange", false);
        Raw("<w:pPr>");
        Style(*p.old_style);
        Raw("</w:pPr></w:pPrChange>");
      }
      Raw("</w:pPr>");
    }
    for (const auto& r : p.runs) {
      if (r.change == DocxChange::kNone) {
        Run(r);
        continue;
      }
      const char* element = r.change == DocxChange::kInserted ? "w:ins" : "w:del";
      Revision(element, false);
      Run(r);
      Raw("</");
      Raw(element);
      Raw(">");
    }
    Raw("</w:p>");
  }

  std::string Take() {
    xmlTextWriterFlush(w_);
    return std::string(reinterpret_cast<const char*>(xmlBufferContent(buf_)),
                       static_cast<size_t>(xmlBufferLength(buf_)));
  }
  // False when libxml2 failed to allocate.
  bool ok() const { return buf_ != nullptr && w_ != nullptr && !failed_; }

 private:
  void Raw(const char* markup) { xmlTextWriterWriteRaw(w_, X(markup)); }

  void Style(const std::string& style) {
    if (style.empty()) return;
    Raw("<w:pStyle w:val=\"");
    Escaped(style);
    Raw("\"/>");
  }

  // The start tag of a tracked change (an empty element when `empty`), with a new id.
  void Revision(const char* element, bool empty) {
    Raw("<");
    Raw(element);
    Raw(" w:id=\"");
    Raw(std::to_string(next_revision_id_++).c_str());
    Raw("\" w:author=\"");
    Escaped(info_.revision_author);
    if (!info_.revision_date.empty()) {
      Raw("\" w:date=\"");
      Escaped(info_.revision_date);
    }
    Raw(empty ? "\"/>" : "\">");
  }
  // xmlTextWriterWriteString escapes only inside an element the writer opened itself.
  void Escaped(const std::string& text) {
    xmlChar* escaped = xmlEncodeSpecialChars(nullptr, X(text.c_str()));
    if (escaped == nullptr) {
      failed_ = true;
      return;
    }
    xmlTextWriterWriteRaw(w_, escaped);
    xmlFree(escaped);
  }

  // Text of a tracked change is always written with xml:space="preserve", as Word does.
  void Text(const std::string& text, DocxChange change) {
    if (text.empty()) return;
    if (change == DocxChange::kDeleted) {
      Raw("<w:delText xml:space=\"preserve\">");
      Escaped(text);
      Raw("</w:delText>");
      return;
    }
    bool preserve = change == DocxChange::kInserted || text.front() == ' ' || text.back() == ' ' ||
                    text.find("  ") != std::string::npos;
    Raw(preserve ? "<w:t xml:space=\"preserve\">" : "<w:t>");
    Escaped(text);
    Raw("</w:t>");
  }

  void Run(const DocxRun& r) {
    Raw("<w:r>");
    // Schema order of w:rPr children: b before u.
    if (r.bold || r.underline) {
      Raw("<w:rPr>");
      if (r.bold) Raw("<w:b/>");
      if (r.underline) Raw("<w:u w:val=\"single\"/>");
      Raw("</w:rPr>");
    }
    // Other C0 controls cannot appear in XML 1.0 (text read from PDF or plain-text files may
    // hold form feeds or stray controls): they are dropped.
    size_t from = 0;
    for (size_t i = 0; i <= r.text.size(); ++i) {
      const unsigned char c = i < r.text.size() ? r.text[i] : '\n';
      if (i == r.text.size() || c < 0x20) {
        Text(r.text.substr(from, i - from), r.change);
        if (i == r.text.size()) break;
        if (c == '\t') {
          Raw("<w:tab/>");
        } else if (c == '\n' || (c == '\r' && (i + 1 == r.text.size() || r.text[i + 1] != '\n'))) {
          Raw("<w:br/>");
        }
        from = i + 1;
      }
    }
    Raw("</w:r>");
  }

  const DocxDocumentInfo& info_;
  xmlBufferPtr buf_;
  xmlTextWriterPtr w_;
  bool failed_ = false;
  int next_revision_id_ = 1;
};

}  // namespace

Result<std::shared_ptr<const DocxTemplate>> DocxTemplate::Load(const std::string& dir) {
  TOKKI_ASSIGN_OR_RETURN(std::vector<std::string> names, ListFilesRecursive(dir));
  std::shared_ptr<DocxTemplate> t(new DocxTemplate());
  // [Content_Types].xml first (file-type sniffers rely on it), then the rest in sorted order.
  std::stable_partition(names.begin(), names.end(),
                        [](const std::string& n) { return n == kContentTypes; });
  for (const auto& name : names) {
    TOKKI_ASSIGN_OR_RETURN(std::string data, ReadFile(dir + "/" + name, 16 << 20));
    t->parts_.emplace_back(name, std::move(data));
  }
  auto has = [&](const char* name) {
    return std::any_of(t->parts_.begin(), t->parts_.end(),
                       [&](const auto& p) { return p.first == name; });
  };
  if (!has(kContentTypes) || !has(kDocument)) {
    return Status::Invalid(dir + ": template lacks " + std::string(kContentTypes) + " or " +
                           kDocument);
  }
  for (const auto& [name, data] : t->parts_) {
    if (name != kDocument) continue;
    size_t at = data.find(kBodyParagraph);
    if (at == std::string::npos ||
        data.find("xmlns:w=\"" + std::string(kWordNamespace)) == std::string::npos) {
      return Status::Invalid(dir + "/" + name + ": no " + kBodyParagraph +
                             " paragraph in the w: namespace");
    }
    t->document_head_ = data.substr(0, at);
    t->document_tail_ = data.substr(at + std::strlen(kBodyParagraph));
  }
  std::set<std::string> names_present(names.begin(), names.end());
  for (const auto& [name, data] : t->parts_) {
    if (!EndsWith(name, ".xml") && !EndsWith(name, ".rels")) continue;
    // Every part must be well-formed, and every relationship must point at a part we ship:
    // a broken template would otherwise be zipped into every annex.
    TOKKI_ASSIGN_OR_RETURN(XmlDocPtr doc, ParseXml(data, dir + "/" + name));
    if (!EndsWith(name, ".rels")) continue;
    for (xmlNode* rel : ChildElements(xmlDocGetRootElement(doc.get()), "Relationship")) {
      if (Attr(rel, "TargetMode") == "External") continue;
      std::string target = ResolveTarget(name, Attr(rel, "Target"));
      if (names_present.count(target) == 0) {
        return Status::Invalid(dir + "/" + name + ":" + std::to_string(xmlGetLineNo(rel)) +
                               ": relationship target '" + target + "' is not in the template");
      }
    }
  }
  ZipWriter statics;
  int64_t next = 0;
  for (const auto& [name, data] : t->parts_) {
    bool per_document = name == kDocument || name == kCore;
    t->static_index_.push_back(per_document ? -1 : next++);
    if (!per_document) statics.Add(name, data, ZipWriter::Compression::kBest);
  }
  TOKKI_ASSIGN_OR_RETURN(std::string zip, statics.Finish());
  t->static_zip_ = std::make_shared<const std::string>(std::move(zip));
  return std::shared_ptr<const DocxTemplate>(std::move(t));
}

Result<std::string> WriteDocx(const DocxTemplate& tmpl, const std::vector<DocxParagraph>& body,
                              const Date& date) {
  return WriteDocx(tmpl, body, date, DocxDocumentInfo());
}

Result<std::string> WriteDocx(const DocxTemplate& tmpl, const std::vector<DocxParagraph>& body,
                              const Date& date, const DocxDocumentInfo& info) {
  ZipWriter zip;
  for (size_t i = 0; i < tmpl.parts().size(); ++i) {
    const auto& [name, data] = tmpl.parts()[i];
    if (tmpl.static_index(i) >= 0) {
      zip.AddCopy(name, tmpl.static_parts(), static_cast<uint64_t>(tmpl.static_index(i)));
    } else if (name == kDocument) {
      BodyWriter writer(info);
      if (!writer.ok()) return Status::Internal("libxml2: cannot allocate a text writer");
      for (const auto& p : body) writer.Paragraph(p);
      if (!writer.ok()) return Status::Internal("libxml2: cannot write the document body");
      zip.Add(name, tmpl.document_head() + writer.Take() + tmpl.document_tail());
    } else if (name == kCore) {
      std::string core = data;
      ReplaceAll(core, kDatePlaceholder, date.ToIso());
      if (!info.title.empty()) {
        TOKKI_ASSIGN_OR_RETURN(core, WithTitle(std::move(core), info.title));
      }
      // Under 1 KiB: deflating it saves ~300 bytes and costs a zlib stream set-up.
      zip.Add(name, std::move(core), ZipWriter::Compression::kStore);
    } else {
      return Status::Internal(name + ": no writer for this per-document part");
    }
  }
  return zip.Finish();
}

}  // namespace tokki
