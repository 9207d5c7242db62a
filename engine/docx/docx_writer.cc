#include "docx/docx_writer.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <set>
#include <string_view>

#include "base/file.h"
#include "xml/xml.h"

namespace tokki {
namespace {

using namespace std::string_view_literals;

// The paragraph of the template's document.xml that the body replaces, exactly as written.
constexpr const char* kBodyParagraph = "<w:p><w:r><w:t>{{TOKKI_BODY}}</w:t></w:r></w:p>";
constexpr const char* kWordNamespace =
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
constexpr const char* kDatePlaceholder = "{{TOKKI_DATE}}";
constexpr const char* kContentTypes = "[Content_Types].xml";
constexpr const char* kDocument = "word/document.xml";
constexpr const char* kCore = "docProps/core.xml";

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

// What the body writer does with each byte of a run's text.
enum class Byte : uint8_t { kPlain, kEscaped, kSpace, kControl };
constexpr std::array<Byte, 256> kByteKind = [] {
  std::array<Byte, 256> t{};
  for (int c = 0; c < 0x20; ++c) t[c] = Byte::kControl;
  for (unsigned char c : {'<', '>', '&', '"'}) t[c] = Byte::kEscaped;
  t[' '] = Byte::kSpace;
  return t;
}();

constexpr uint64_t kHighBits = 0x8080808080808080u;

// The reference libxml2's xmlEncodeSpecialChars writes for a character it escapes.
std::string_view Reference(char c) {
  switch (c) {
    case '<':
      return "&lt;"sv;
    case '>':
      return "&gt;"sv;
    case '&':
      return "&amp;"sv;
    case '"':
      return "&quot;"sv;
    default:
      return "&#13;"sv;  // '\r'
  }
}

// Appends `text` escaped as libxml2's xmlEncodeSpecialChars does (the function this writer
// used): & < > " and CR as references, everything else as it is; the text ends at a NUL.
void AppendEscaped(std::string& out, std::string_view text) {
  size_t from = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c != '<' && c != '>' && c != '&' && c != '"' && c != '\r' && c != '\0') continue;
    out.append(text.data() + from, i - from);
    if (c == '\0') return;  // The end of the text for libxml2.
    out += Reference(c);
    from = i + 1;
  }
  out.append(text.data() + from, text.size() - from);
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
  std::string escaped;
  AppendEscaped(escaped, text);
  core.replace(start + open.size(), end - start - open.size(), escaped);
  return core;
}

// Writes paragraphs as WordprocessingML into a string. The `w` prefix is the one the template's
// document.xml declares on its root (checked at load). `info` gives the author and date of
// tracked changes and must outlive the writer. The markup around the text is constant and
// appended as it is; only text and attribute values are escaped. (libxml2's text writer, used
// before, spent more on buffer management than on the text: a third of WriteDocx.)
class BodyWriter {
 public:
  BodyWriter(const DocxDocumentInfo& info, std::string* out) : info_(info), out_(*out) {}
  BodyWriter(const BodyWriter&) = delete;
  BodyWriter& operator=(const BodyWriter&) = delete;

  void Paragraph(const DocxParagraph& p) {
    out_ += "<w:p>"sv;
    if (!p.style.empty() || p.mark != DocxChange::kNone || p.old_style) {
      // Schema order of w:pPr children: pStyle ... rPr, sectPr, pPrChange.
      out_ += "<w:pPr>"sv;
      Style(p.style);
      if (p.mark != DocxChange::kNone) {
        out_ += "<w:rPr>"sv;
        Revision(p.mark == DocxChange::kInserted ? "w:ins" : "w:del", true);
        out_ += "</w:rPr>"sv;
      }
      if (p.old_style) {
        Revision("w:pPrChange", false);
        out_ += "<w:pPr>"sv;
        Style(*p.old_style);
        out_ += "</w:pPr></w:pPrChange>"sv;
      }
      out_ += "</w:pPr>"sv;
    }
    for (const auto& r : p.runs) {
      if (r.change == DocxChange::kNone) {
        Run(r);
        continue;
      }
      const char* element = r.change == DocxChange::kInserted ? "w:ins" : "w:del";
      Revision(element, false);
      Run(r);
      out_ += "</"sv;
      out_ += element;
      out_ += ">"sv;
    }
    out_ += "</w:p>"sv;
  }

 private:
  void Style(const std::string& style) {
    if (style.empty()) return;
    out_ += "<w:pStyle w:val=\""sv;
    AppendEscaped(out_, style);
    out_ += "\"/>"sv;
  }

  // The start tag of a tracked change (an empty element when `empty`), with a new id.
  void Revision(const char* element, bool empty) {
    out_ += "<"sv;
    out_ += element;
    out_ += " w:id=\""sv;
    out_ += std::to_string(next_revision_id_++);
    out_ += "\" w:author=\""sv;
    AppendEscaped(out_, info_.revision_author);
    if (!info_.revision_date.empty()) {
      out_ += "\" w:date=\""sv;
      AppendEscaped(out_, info_.revision_date);
    }
    out_ += empty ? "\"/>"sv : "\">"sv;
  }

  // The run's text in one pass: w:t (w:delText) elements between the C0 controls, a tab as
  // <w:tab/>, a line break ('\n', "\r\n" or '\r') as <w:br/>; other controls cannot appear in
  // XML 1.0 (text read from PDF or plain-text files may hold form feeds or stray controls) and
  // are dropped. Text keeps its spaces (xml:space="preserve") when it starts or ends with one or
  // holds two in a row, and always in a tracked change, as Word does.
  void Run(const DocxRun& r) {
    out_ += "<w:r>"sv;
    // Schema order of w:rPr children: b before u.
    if (r.bold || r.underline) {
      out_ += "<w:rPr>"sv;
      if (r.bold) out_ += "<w:b/>"sv;
      if (r.underline) out_ += "<w:u w:val=\"single\"/>"sv;
      out_ += "</w:rPr>"sv;
    }
    const std::string_view text = r.text;
    const bool deleted = r.change == DocxChange::kDeleted;
    size_t i = 0;
    while (true) {
      const size_t open = out_.size();
      if (deleted) {
        out_ += "<w:delText xml:space=\"preserve\">"sv;
      } else if (r.change == DocxChange::kInserted) {
        out_ += "<w:t xml:space=\"preserve\">"sv;
      } else {
        out_ += "<w:t>"sv;  // xml:space inserted after "<w:t" below if needed.
      }
      const size_t start = i;
      size_t from = i;
      bool double_space = false;
      for (; i < text.size(); ++i) {
        // Eight bytes at a time over non-ASCII text (Japanese is three bytes a character, all
        // of them 0x80 or above): none of them needs anything.
        while (text.size() - i >= 8) {
          uint64_t word;
          std::memcpy(&word, text.data() + i, 8);
          if ((word & kHighBits) != kHighBits) break;
          i += 8;
        }
        if (i == text.size()) break;
        const Byte kind = kByteKind[static_cast<unsigned char>(text[i])];
        if (kind == Byte::kPlain) continue;
        if (kind == Byte::kControl) break;
        if (kind == Byte::kSpace) {
          double_space = double_space || (i > start && text[i - 1] == ' ');
          continue;
        }
        out_.append(text.data() + from, i - from);
        out_ += Reference(text[i]);
        from = i + 1;
      }
      out_.append(text.data() + from, i - from);
      if (i == start) {
        out_.resize(open);  // No text before the control or the end: no element.
      } else {
        out_ += deleted ? "</w:delText>"sv : "</w:t>"sv;
        if (r.change == DocxChange::kNone &&
            (text[start] == ' ' || text[i - 1] == ' ' || double_space)) {
          out_.insert(open + 4, " xml:space=\"preserve\""sv);
        }
      }
      if (i == text.size()) break;
      const char c = text[i++];
      if (c == '\t') {
        out_ += "<w:tab/>"sv;
      } else if (c == '\n' || (c == '\r' && (i == text.size() || text[i] != '\n'))) {
        out_ += "<w:br/>"sv;
      }
    }
    out_ += "</w:r>"sv;
  }

  const DocxDocumentInfo& info_;
  std::string& out_;
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
  for (const auto& [name, data] : t->parts_) {
    std::shared_ptr<const ZipWriter::PreparedEntry> prepared;
    if (name != kDocument && name != kCore) {
      TOKKI_ASSIGN_OR_RETURN(prepared,
                             ZipWriter::Prepare(name, data, ZipWriter::Compression::kBest));
    }
    t->prepared_.push_back(std::move(prepared));
  }
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
    if (tmpl.prepared(i)) {
      zip.Add(tmpl.prepared(i));
    } else if (name == kDocument) {
      std::string document = tmpl.document_head();
      // The body is some 40 bytes of markup per paragraph besides its text.
      size_t estimate = tmpl.document_tail().size();
      for (const auto& p : body) {
        estimate += 64;
        for (const auto& r : p.runs) estimate += r.text.size() + 32;
      }
      document.reserve(document.size() + estimate);
      BodyWriter writer(info, &document);
      for (const auto& p : body) writer.Paragraph(p);
      document += tmpl.document_tail();
      zip.Add(name, std::move(document));
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
