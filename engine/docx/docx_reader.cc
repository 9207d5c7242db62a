// ReadDocx (read/document.h): the paragraphs of word/document.xml in reading order, as Word
// shows them with tracked changes accepted (or, on request, rejected). See /work/shared/DOCX.md,
// "Reading agreements".
//
// Tracked changes: accepting keeps w:ins and w:moveTo and drops w:del and w:moveFrom; rejecting
// does the opposite (w:delText is then text) and restores numbering from w:pPrChange. A paragraph
// whose mark is removed (deleted when accepting, inserted when rejecting) joins its content to the
// next paragraph, which gives the number, as Word does.
//
// Not read: headers, footers, footnotes, endnotes, comments (other parts); hidden text (direct
// w:vanish); tracked changes not shown; field instructions; ruby readings (w:rt). Text boxes are
// read once, as paragraphs after the paragraph that anchors them.
#include <algorithm>
#include <list>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "docx/numbering.h"
#include "read/document.h"
#include "xml/xml.h"
#include "zip/zip_reader.h"

namespace tokki {
namespace {

constexpr std::string_view kOle2Magic = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

// A compound file stores its directory names in UTF-16LE.
bool ContainsUtf16(std::string_view bytes, std::string_view ascii) {
  std::string pattern;
  for (char c : ascii) pattern += {c, '\0'};
  return bytes.find(pattern) != std::string_view::npos;
}

// The branch of mc:AlternateContent we read: mc:Fallback, so that a text box's text (present in
// both branches) is read once; the first mc:Choice when there is no fallback.
const xmlNode* ChosenBranch(const xmlNode* alternate) {
  const xmlNode* fallback = FirstChildElement(alternate, "Fallback");
  return fallback != nullptr ? fallback : FirstChildElement(alternate, "Choice");
}

bool OnOffChild(const xmlNode* node, const char* name) {
  const xmlNode* child = FirstChildElement(node, name);
  if (child == nullptr) return false;
  std::string v = Attr(child, "val");
  return v != "0" && v != "false" && v != "off";
}

// Trims ASCII white space, U+00A0 and U+3000 (the ideographic space of Japanese indents).
std::string Trim(std::string_view s) {
  auto space_at_start = [&](std::string_view t) -> size_t {
    if (t.empty()) return 0;
    if (t[0] == ' ' || t[0] == '\t' || t[0] == '\n' || t[0] == '\r') return 1;
    if (t.substr(0, 2) == "\xC2\xA0") return 2;
    if (t.substr(0, 3) == "\xE3\x80\x80") return 3;
    return 0;
  };
  auto space_at_end = [&](std::string_view t) -> size_t {
    if (t.empty()) return 0;
    char c = t.back();
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') return 1;
    if (t.size() >= 2 && t.substr(t.size() - 2) == "\xC2\xA0") return 2;
    if (t.size() >= 3 && t.substr(t.size() - 3) == "\xE3\x80\x80") return 3;
    return 0;
  };
  for (size_t n; (n = space_at_start(s)) > 0;) s.remove_prefix(n);
  for (size_t n; (n = space_at_end(s)) > 0;) s.remove_suffix(n);
  return std::string(s);
}

// Resolves a relationship target against the folder of the part that holds it ("" for the
// package), removing "." and ".." segments.
std::string ResolveTarget(const std::string& base_dir, const std::string& target) {
  std::string path = !target.empty() && target[0] == '/' ? target.substr(1) : base_dir + target;
  std::vector<std::string> segments;
  size_t start = 0;
  while (start <= path.size()) {
    size_t end = std::min(path.find('/', start), path.size());
    std::string segment = path.substr(start, end - start);
    if (segment == "..") {
      if (!segments.empty()) segments.pop_back();
    } else if (!segment.empty() && segment != ".") {
      segments.push_back(segment);
    }
    start = end + 1;
  }
  std::string out;
  for (const auto& s : segments) out += (out.empty() ? "" : "/") + s;
  return out;
}

std::string DirOf(const std::string& part) {
  size_t slash = part.rfind('/');
  return slash == std::string::npos ? "" : part.substr(0, slash + 1);
}

// Parses a part if the archive has it: a null document when it does not.
Result<XmlDocPtr> ParseOptionalPart(ZipReader& zip, const std::string& part,
                                    const std::string& name) {
  if (!zip.Contains(part)) return XmlDocPtr();
  TOKKI_ASSIGN_OR_RETURN(std::string xml, zip.Read(part));
  Result<XmlDocPtr> doc = ParseXml(xml, part);
  if (!doc.ok()) return doc.status().WithPrefix(name);
  return doc;
}

// The internal relationships of a part (its _rels/NAME.rels), parsed once: the main part's
// give both the numbering and the styles part.
class Relationships {
 public:
  // `part` is "" for the package. A part without relationships has none.
  static Result<Relationships> Load(ZipReader& zip, const std::string& part,
                                    const std::string& name) {
    Relationships r;
    const std::string dir = DirOf(part);
    const std::string rels = dir + "_rels/" + part.substr(dir.size()) + ".rels";
    TOKKI_ASSIGN_OR_RETURN(XmlDocPtr doc, ParseOptionalPart(zip, rels, name));
    if (doc == nullptr) return r;
    for (const xmlNode* rel : ChildElements(xmlDocGetRootElement(doc.get()), "Relationship")) {
      if (Attr(rel, "TargetMode") == "External" || Attr(rel, "Target").empty()) continue;
      r.targets_.emplace_back(Attr(rel, "Type"), ResolveTarget(dir, Attr(rel, "Target")));
    }
    return r;
  }

  // The target of the first relationship of `type` (the last segment of the type URI, which
  // is the same in transitional and strict OOXML), or `fallback` when there is none.
  std::string Target(const char* type, const std::string& fallback) const {
    const std::string suffix = std::string("/") + type;
    for (const auto& [t, target] : targets_) {
      if (t.size() >= suffix.size() &&
          t.compare(t.size() - suffix.size(), suffix.size(), suffix) == 0) {
        return target;
      }
    }
    return fallback;
  }

 private:
  std::vector<std::pair<std::string, std::string>> targets_;  // (Type, resolved Target).
};

// Numbering definitions of the last few distinct numbering + styles parts read in this process,
// shared by every thread. Agreements written from one template (a city's, a vendor's, or
// python-docx's default one) carry the same styles part, 350 KB in Word's own templates; parsing
// it into a DOM was more than half of checking such a document. The key is both parts in their
// stored (compressed) form, so a hit means byte-identical parts, which parse to the same
// definitions: nothing is guessed from names or sizes.
class DefinitionsCache {
 public:
  static DefinitionsCache& Get() {
    static DefinitionsCache* cache = new DefinitionsCache();  // Never destroyed: no exit order.
    return *cache;
  }

  std::shared_ptr<const NumberingDefinitions> Find(const std::string& key) {
    std::lock_guard<std::mutex> lock(mu_);
    for (auto it = entries_.begin(); it != entries_.end(); ++it) {
      if (it->first == key) {
        entries_.splice(entries_.begin(), entries_, it);  // Most recently used first.
        return entries_.front().second;
      }
    }
    return nullptr;
  }

  void Insert(std::string key, std::shared_ptr<const NumberingDefinitions> definitions) {
    if (key.size() > kMaxKeyBytes) return;
    std::lock_guard<std::mutex> lock(mu_);
    entries_.emplace_front(std::move(key), std::move(definitions));
    if (entries_.size() > kEntries) entries_.pop_back();
  }

 private:
  static constexpr size_t kEntries = 8;
  static constexpr size_t kMaxKeyBytes = size_t{1} << 20;  // Bounds the cache to 8 MiB of keys.
  std::mutex mu_;
  std::list<std::pair<std::string, std::shared_ptr<const NumberingDefinitions>>> entries_;
};

// The numbering definitions of a document: from the cache when its numbering and styles parts
// were seen before, else parsed (and remembered). Styles matter only for numbering (numbered
// styles, numStyleLink): without a numbering part nothing is numbered and styles are not read.
Result<std::shared_ptr<const NumberingDefinitions>> LoadNumbering(ZipReader& zip,
                                                                  const std::string& main,
                                                                  const std::string& name) {
  TOKKI_ASSIGN_OR_RETURN(Relationships rels, Relationships::Load(zip, main, name));
  const std::string numbering_part = rels.Target("numbering", DirOf(main) + "numbering.xml");
  if (!zip.Contains(numbering_part)) {
    return std::make_shared<const NumberingDefinitions>(nullptr, nullptr);
  }
  const std::string styles_part = rels.Target("styles", DirOf(main) + "styles.xml");
  TOKKI_ASSIGN_OR_RETURN(std::string key, zip.StoredForm(numbering_part));
  key += '|';
  if (zip.Contains(styles_part)) {
    TOKKI_ASSIGN_OR_RETURN(std::string styles_key, zip.StoredForm(styles_part));
    key += styles_key;
  }
  DefinitionsCache& cache = DefinitionsCache::Get();
  if (auto found = cache.Find(key)) return found;
  TOKKI_ASSIGN_OR_RETURN(XmlDocPtr numbering, ParseOptionalPart(zip, numbering_part, name));
  TOKKI_ASSIGN_OR_RETURN(XmlDocPtr styles, ParseOptionalPart(zip, styles_part, name));
  auto definitions = std::make_shared<const NumberingDefinitions>(numbering.get(), styles.get());
  cache.Insert(std::move(key), definitions);
  return definitions;
}

// What a paragraph collects while its content is walked.
struct ParagraphText {
  std::string text;
  std::vector<bool> fields;  // Open complex fields: true once past w:fldChar "separate".
  bool dropped = false;      // Held tracked changes that are not shown (deleted text when
                             // accepting, inserted text when rejecting).
  std::vector<const xmlNode*> text_boxes;

  bool Visible() const {
    return std::all_of(fields.begin(), fields.end(), [](bool result) { return result; });
  }
};

class BodyReader {
 public:
  BodyReader(const std::string& name, const ReadLimits& limits, TrackedChanges changes,
             DocxNumbering* numbering, Document* doc)
      : name_(name), limits_(limits), changes_(changes), numbering_(numbering), doc_(doc) {}

  // Numbers every w:p below root in document order (Paragraph::source_node), in the node's
  // _private field, which libxml2 leaves to the application: no map to fill and look up.
  void NumberParagraphs(xmlNode* root) {
    for (xmlNode* c = root->children; c != nullptr; c = c->next) {
      if (c->type != XML_ELEMENT_NODE) continue;
      if (IsElement(c, "p")) c->_private = reinterpret_cast<void*>(++paragraph_count_);
      NumberParagraphs(c);
    }
  }

  // The body: its blocks, then content left over from a removed last paragraph mark.
  Status Body(const xmlNode* body) {
    TOKKI_RETURN_IF_ERROR(Blocks(body, false));
    return Flush(false);
  }

 private:
  // Block-level content: paragraphs, tables (rows, cells, nested tables) and the wrappers
  // that may hold them. Recursion is bounded by libxml2's nesting limit (256 without HUGE).
  // Content joined to the next paragraph does not flow into a table or out of a cell.
  Status Blocks(const xmlNode* container, bool in_table) {
    for (const xmlNode* c : ChildElements(container)) {
      if (IsElement(c, "p")) {
        TOKKI_RETURN_IF_ERROR(ReadParagraph(c, in_table));
      } else if (IsElement(c, "tbl")) {
        TOKKI_RETURN_IF_ERROR(Flush(in_table));
        TOKKI_RETURN_IF_ERROR(Blocks(c, true));
      } else if (IsElement(c, "tc")) {
        TOKKI_RETURN_IF_ERROR(Blocks(c, in_table));
        TOKKI_RETURN_IF_ERROR(Flush(in_table));
      } else if (IsElement(c, "tr") || IsElement(c, "customXml") || IsElement(c, "sdtContent")) {
        TOKKI_RETURN_IF_ERROR(Blocks(c, in_table));
      } else if (IsChange(c)) {
        if (Shown(c)) TOKKI_RETURN_IF_ERROR(Blocks(c, in_table));
      } else if (IsElement(c, "sdt")) {
        TOKKI_RETURN_IF_ERROR(Blocks(FirstChildElement(c, "sdtContent"), in_table));
      } else if (IsElement(c, "AlternateContent")) {
        TOKKI_RETURN_IF_ERROR(Blocks(ChosenBranch(c), in_table));
      }
    }
    return Status::Ok();
  }

  // Tracked changes that hold content: insertions (w:ins, w:moveTo) and deletions (w:del,
  // w:moveFrom). Shown: an insertion when accepting, a deletion when rejecting.
  static bool IsChange(const xmlNode* c) {
    return IsElement(c, "ins") || IsElement(c, "moveTo") || IsElement(c, "del") ||
           IsElement(c, "moveFrom");
  }
  bool Shown(const xmlNode* change) const {
    const bool insertion = IsElement(change, "ins") || IsElement(change, "moveTo");
    return insertion == (changes_ == TrackedChanges::kAccept);
  }

  Status ReadParagraph(const xmlNode* p, bool in_table) {
    ParagraphText para;
    Inline(p, &para);
    const xmlNode* ppr = FirstChildElement(p, "pPr");
    const xmlNode* mark = FirstChildElement(ppr, "rPr");
    const auto removed = [&](const xmlNode* c) { return IsChange(c) && !Shown(c); };
    const std::vector<xmlNode*> mark_changes = ChildElements(mark);
    if (std::any_of(mark_changes.begin(), mark_changes.end(), removed)) {
      if (carry_.text.empty()) carry_.p = p;
      carry_.text += para.text;
      return TextBoxes(para, in_table);
    }
    std::string text = Trim(carry_.text + para.text);
    carry_ = Carry();
    // A paragraph that held only hidden text or tracked changes not shown is not shown and
    // counts no number.
    const bool gone = (para.dropped || OnOffChild(mark, "vanish")) && text.empty();
    // Rejecting restores the paragraph properties (numbering) recorded before the change.
    const xmlNode* props = ppr;
    if (const xmlNode* change = FirstChildElement(ppr, "pPrChange");
        change != nullptr && changes_ == TrackedChanges::kReject) {
      props = FirstChildElement(change, "pPr");
    }
    std::string label;
    if (!gone) {
      if (auto ref = numbering_->Resolve(props)) label = Trim(numbering_->Next(*ref));
    }
    if (!label.empty()) text = text.empty() ? label : label + " " + text;
    if (!text.empty()) TOKKI_RETURN_IF_ERROR(Emit(std::move(text), p, in_table));
    return TextBoxes(para, in_table);
  }

  // Text boxes are read after their anchor, apart from content joined to the next paragraph.
  Status TextBoxes(const ParagraphText& para, bool in_table) {
    if (para.text_boxes.empty()) return Status::Ok();
    Carry outer = std::exchange(carry_, Carry());
    for (const xmlNode* box : para.text_boxes) {
      TOKKI_RETURN_IF_ERROR(Blocks(box, in_table));
      TOKKI_RETURN_IF_ERROR(Flush(in_table));
    }
    carry_ = std::move(outer);
    return Status::Ok();
  }

  // Content joined to a next paragraph that does not come: a paragraph of its own.
  Status Flush(bool in_table) {
    std::string text = Trim(carry_.text);
    const xmlNode* p = carry_.p;
    carry_ = Carry();
    return text.empty() ? Status::Ok() : Emit(std::move(text), p, in_table);
  }

  Status Emit(std::string text, const xmlNode* p, bool in_table) {
    if (doc_->paragraphs.size() >= limits_.max_paragraphs) {
      return Status::Invalid(name_ + ": 段落が多すぎます (上限 " +
                             std::to_string(limits_.max_paragraphs) + ")");
    }
    Paragraph out;
    out.index = static_cast<int>(doc_->paragraphs.size()) + 1;
    TOKKI_RETURN_IF_ERROR(CheckParagraphSize(name_, out.index, text.size(), limits_));
    out.text = std::move(text);
    out.in_table = in_table;
    out.source_node = static_cast<int>(reinterpret_cast<intptr_t>(p->_private));
    doc_->paragraphs.push_back(std::move(out));
    return Status::Ok();
  }

  // Paragraph-level content: runs and the wrappers around them.
  void Inline(const xmlNode* container, ParagraphText* para) {
    for (const xmlNode* c : ChildElements(container)) {
      if (IsElement(c, "r")) {
        RunContent(c, OnOffChild(FirstChildElement(c, "rPr"), "vanish"), para);
      } else if (IsElement(c, "hyperlink") || IsElement(c, "smartTag") ||
                 IsElement(c, "customXml") || IsElement(c, "fldSimple") || IsElement(c, "dir") ||
                 IsElement(c, "bdo") || IsElement(c, "sdtContent")) {
        Inline(c, para);
      } else if (IsChange(c)) {
        if (Shown(c)) {
          Inline(c, para);
        } else {
          para->dropped = true;
        }
      } else if (IsElement(c, "sdt")) {
        Inline(FirstChildElement(c, "sdtContent"), para);
      } else if (IsElement(c, "AlternateContent")) {
        Inline(ChosenBranch(c), para);
      }
    }
  }

  // The content of a run (or of an mc:AlternateContent branch inside one).
  void RunContent(const xmlNode* run, bool hidden, ParagraphText* para) {
    auto add = [&](std::string_view s) {
      if (!hidden && para->Visible()) para->text += s;
    };
    for (const xmlNode* c : ChildElements(run)) {
      // w:delText is only found in w:del, which is read only when rejecting.
      if (IsElement(c, "t") || IsElement(c, "delText")) {
        add(TextContent(c));
      } else if (IsElement(c, "tab") || IsElement(c, "ptab")) {
        add(" ");
      } else if (IsElement(c, "br") || IsElement(c, "cr")) {
        add("\n");
      } else if (IsElement(c, "noBreakHyphen")) {
        add("-");
      } else if (IsElement(c, "fldChar")) {
        const std::string type = Attr(c, "fldCharType");
        if (type == "begin") {
          para->fields.push_back(false);
        } else if (type == "separate" && !para->fields.empty()) {
          para->fields.back() = true;
        } else if (type == "end" && !para->fields.empty()) {
          para->fields.pop_back();
        }
      } else if (IsElement(c, "drawing") || IsElement(c, "pict") || IsElement(c, "object")) {
        if (!hidden && para->Visible()) FindTextBoxes(c, para);
      } else if (IsElement(c, "AlternateContent")) {
        RunContent(ChosenBranch(c), hidden, para);
      } else if (IsElement(c, "ruby")) {
        // Show the base text, not the reading above it (w:rt).
        ParagraphText base;
        Inline(FirstChildElement(c, "rubyBase"), &base);
        add(base.text);
      }
      // Skipped: w:rPr, w:instrText, w:delInstrText, w:softHyphen, w:sym,
      // w:footnoteReference, w:commentReference, w:lastRenderedPageBreak, ...
    }
  }

  static void FindTextBoxes(const xmlNode* node, ParagraphText* para) {
    for (const xmlNode* c : ChildElements(node)) {
      if (IsElement(c, "txbxContent")) {
        para->text_boxes.push_back(c);
      } else if (IsElement(c, "AlternateContent")) {
        FindTextBoxes(ChosenBranch(c), para);
      } else {
        FindTextBoxes(c, para);
      }
    }
  }

  // Content of paragraphs whose mark is removed, waiting for the next paragraph.
  struct Carry {
    std::string text;
    const xmlNode* p = nullptr;  // The first of those paragraphs.
  };

  const std::string& name_;
  const ReadLimits& limits_;
  const TrackedChanges changes_;
  DocxNumbering* numbering_;
  Document* doc_;
  intptr_t paragraph_count_ = 0;
  Carry carry_;
};

}  // namespace

Result<Document> ReadDocx(std::string_view bytes, const std::string& name,
                          const ReadLimits& limits) {
  return ReadDocx(bytes, name, limits, TrackedChanges::kAccept);
}

Result<Document> ReadDocx(std::string_view bytes, const std::string& name, const ReadLimits& limits,
                          TrackedChanges changes) {
  if (bytes.size() > limits.max_file_bytes) {
    const size_t mib = limits.max_file_bytes >> 20;
    return Status::Invalid(name + ": ファイルが大きすぎます (上限 " +
                           (mib > 0 ? std::to_string(mib) + " MiB)"
                                    : std::to_string(limits.max_file_bytes) + " バイト)"));
  }
  // Both a Word 97-2003 file and an encrypted OOXML package are OLE2 compound files; the
  // latter holds the streams EncryptionInfo and EncryptedPackage.
  if (bytes.substr(0, kOle2Magic.size()) == kOle2Magic) {
    if (ContainsUtf16(bytes, "EncryptedPackage") || ContainsUtf16(bytes, "EncryptionInfo")) {
      return Status::Invalid(name +
                             ": パスワード保護された文書です。Word でパスワードを解除して"
                             "保存し直してから読み込んでください");
    }
    return Status::Invalid(name +
                           ": 旧形式の .doc です。Word で .docx 形式に保存し直してから"
                           "読み込んでください");
  }
  ZipLimits zip_limits;
  zip_limits.max_entries = limits.max_zip_entries;
  zip_limits.max_entry_bytes = limits.max_entry_bytes;
  zip_limits.max_total_bytes = limits.max_total_bytes;
  zip_limits.max_ratio = limits.max_ratio;
  TOKKI_ASSIGN_OR_RETURN(std::unique_ptr<ZipReader> zip, ZipReader::Open(bytes, name, zip_limits));

  TOKKI_ASSIGN_OR_RETURN(Relationships package, Relationships::Load(*zip, "", name));
  const std::string main = package.Target("officeDocument", "word/document.xml");
  if (!zip->Contains(main)) {
    return Status::Invalid(name + ": " + main + " がありません (Word 文書 (.docx) ではありません)");
  }
  TOKKI_ASSIGN_OR_RETURN(XmlDocPtr document, ParseOptionalPart(*zip, main, name));
  xmlNode* root = xmlDocGetRootElement(document.get());
  const bool is_word =
      IsElement(root, "document") && root->ns != nullptr && root->ns->href &&
      std::string_view(reinterpret_cast<const char*>(root->ns->href)).find("wordprocessingml") !=
          std::string_view::npos;
  if (!is_word) {
    return Status::Invalid(name + ": " + main +
                           " が Word 文書ではありません (.docx ではありません)");
  }
  TOKKI_ASSIGN_OR_RETURN(std::shared_ptr<const NumberingDefinitions> definitions,
                         LoadNumbering(*zip, main, name));
  DocxNumbering numbering(std::move(definitions));

  Document doc;
  doc.file = name;
  doc.format = "docx";
  BodyReader reader(name, limits, changes, &numbering, &doc);
  reader.NumberParagraphs(root);
  TOKKI_RETURN_IF_ERROR(reader.Body(FirstChildElement(root, "body")));
  return doc;
}

}  // namespace tokki
