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
//
// Every part is parsed with libxml2's SAX2 interface (ParseXmlSax, with ParseXml's protections),
// never into a DOM: word/document.xml into a compact tree of its elements (DocumentTree), the
// relationships into their targets, numbering and styles into what numbering needs of them
// (numbering.h).
#include <algorithm>
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
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

// What the last few distinct parts of some kind read in this process parse to, shared by every
// thread, most recently used first. A key holds the part's bytes (and whatever else the result
// depends on), so a hit means the same input to a deterministic parse: nothing is guessed from
// names or sizes. Only successful parses are kept; a part that fails is parsed (and fails) again.
template <typename Value, size_t kEntries, size_t kMaxKeyBytes>
class PartCache {
 public:
  static PartCache& Get() {
    static PartCache* cache = new PartCache();  // Never destroyed: no exit order.
    return *cache;
  }

  std::shared_ptr<const Value> Find(const std::string& key) {
    std::lock_guard<std::mutex> lock(mu_);
    for (auto it = entries_.begin(); it != entries_.end(); ++it) {
      if (it->first == key) {
        entries_.splice(entries_.begin(), entries_, it);  // Most recently used first.
        return entries_.front().second;
      }
    }
    return nullptr;
  }

  void Insert(std::string key, std::shared_ptr<const Value> value) {
    if (key.size() > kMaxKeyBytes) return;
    std::lock_guard<std::mutex> lock(mu_);
    entries_.emplace_front(std::move(key), std::move(value));
    if (entries_.size() > kEntries) entries_.pop_back();
  }

 private:
  std::mutex mu_;
  std::list<std::pair<std::string, std::shared_ptr<const Value>>> entries_;
};

// The internal relationships of a part (its _rels/NAME.rels), read once with ParseXmlSax (no
// DOM): the main part's give both the numbering and the styles part.
class Relationships final : public XmlSaxHandler {
 public:
  // `part` is "" for the package. A part without relationships has none.
  static Result<Relationships> Load(ZipReader& zip, const std::string& part,
                                    const std::string& name) {
    const std::string dir = DirOf(part);
    Relationships r(dir);
    const std::string rels = dir + "_rels/" + part.substr(dir.size()) + ".rels";
    if (!zip.Contains(rels)) return r;
    TOKKI_ASSIGN_OR_RETURN(std::string xml, zip.Read(rels));
    // What the targets depend on: the folder they are resolved against and the part's bytes
    // (read as ever: every zip check and limit applies). Documents from one template carry the
    // same relationship parts, so most are parsed once per process.
    std::string key = std::to_string(dir.size()) + ":" + dir;
    key += xml;
    Cache& cache = Cache::Get();
    if (auto found = cache.Find(key)) {
      r.targets_ = std::move(found);
      return r;
    }
    auto parsed = std::make_shared<Targets>();
    r.parsing_ = parsed.get();
    if (Status s = ParseXmlSax(xml, rels, &r); !s.ok()) return s.WithPrefix(name);
    r.parsing_ = nullptr;
    r.targets_ = parsed;
    cache.Insert(std::move(key), std::move(parsed));
    return r;
  }

  // The target of the first relationship of `type` (the last segment of the type URI, which
  // is the same in transitional and strict OOXML), or `fallback` when there is none.
  std::string Target(const char* type, const std::string& fallback) const {
    const std::string suffix = std::string("/") + type;
    if (targets_ == nullptr) return fallback;
    for (const auto& [t, target] : *targets_) {
      if (t.size() >= suffix.size() &&
          t.compare(t.size() - suffix.size(), suffix.size(), suffix) == 0) {
        return target;
      }
    }
    return fallback;
  }

  void StartDocument(xmlDict* dict) override {
    auto intern = [&](const char* s) {
      return xmlDictLookup(dict, reinterpret_cast<const xmlChar*>(s), -1);
    };
    relationship_ = intern("Relationship");
    type_ = intern("Type");
    target_ = intern("Target");
    target_mode_ = intern("TargetMode");
  }

  // The root's Relationship children (by local name, whatever their namespace); of each, the
  // first attribute of each name, as the DOM's xmlGetProp finds it.
  void StartElement(const xmlChar* local_name, const xmlChar*, int nb_attributes,
                    const xmlChar** attributes) override {
    if (depth_++ != 1 || local_name != relationship_) return;
    const xmlChar* const names[3] = {type_, target_, target_mode_};
    std::string values[3];  // Type, Target, TargetMode: "" when absent.
    bool seen[3] = {};
    for (int i = 0; i < nb_attributes; ++i) {
      const xmlChar** attribute = attributes + 5 * i;
      // An attribute with an undefined prefix is named "x:Target" in the DOM: not Target.
      if (attribute[1] != nullptr && attribute[2] == nullptr) continue;
      for (int k = 0; k < 3; ++k) {
        if (attribute[0] == names[k] && !seen[k]) {
          values[k] = SaxAttributeValue(attribute[3], attribute[4]);
          seen[k] = true;
        }
      }
    }
    if (values[2] == "External" || values[1].empty()) return;
    parsing_->emplace_back(std::move(values[0]), ResolveTarget(dir_, values[1]));
  }
  void EndElement() override { --depth_; }
  void Characters(const xmlChar*, int) override {}

 private:
  explicit Relationships(std::string dir) : dir_(std::move(dir)) {}

  using Targets = std::vector<std::pair<std::string, std::string>>;  // (Type, resolved Target).
  using Cache = PartCache<Targets, 16, size_t{64} << 10>;

  std::string dir_;
  std::shared_ptr<const Targets> targets_;  // Null when the part has no relationships.
  Targets* parsing_ = nullptr;              // Where a parse puts what it finds.
  // The names as interned in the parse's dictionary (valid during the parse only).
  const xmlChar* relationship_ = nullptr;
  const xmlChar* type_ = nullptr;
  const xmlChar* target_ = nullptr;
  const xmlChar* target_mode_ = nullptr;
  int depth_ = 0;  // Of the element being parsed: 0 for the root.
};

// Numbering definitions of the last few distinct numbering + styles parts read in this process,
// shared by every thread. Agreements written from one template (a city's, a vendor's, or
// python-docx's default one) carry the same styles part, 350 KB in Word's own templates; even
// read with SAX2, it costs more than the rest of such a document. The key is both parts in their
// stored (compressed) form, so a hit means byte-identical parts, which parse to the same
// definitions: nothing is guessed from names or sizes.
using DefinitionsCache = PartCache<NumberingDefinitions, 8, size_t{1} << 20>;  // 8 MiB of keys.

// The numbering definitions of a document: from the cache when its numbering and styles parts
// were seen before, else parsed (and remembered). Styles matter only for numbering (numbered
// styles, numStyleLink): without a numbering part nothing is numbered and styles are not read.
Result<std::shared_ptr<const NumberingDefinitions>> LoadNumbering(ZipReader& zip,
                                                                  const std::string& main,
                                                                  const std::string& name) {
  TOKKI_ASSIGN_OR_RETURN(Relationships rels, Relationships::Load(zip, main, name));
  const std::string numbering_part = rels.Target("numbering", DirOf(main) + "numbering.xml");
  if (!zip.Contains(numbering_part)) {
    return std::make_shared<const NumberingDefinitions>();
  }
  const std::string styles_part = rels.Target("styles", DirOf(main) + "styles.xml");
  std::string key;
  TOKKI_RETURN_IF_ERROR(zip.AppendStoredForm(numbering_part, &key));
  key += '|';
  if (zip.Contains(styles_part)) TOKKI_RETURN_IF_ERROR(zip.AppendStoredForm(styles_part, &key));
  DefinitionsCache& cache = DefinitionsCache::Get();
  if (auto found = cache.Find(key)) return found;
  // Each part read and parsed in turn, numbering first: the first error is the one reported.
  NumberingDefinitions::Reader reader;
  {
    TOKKI_ASSIGN_OR_RETURN(std::string xml, zip.Read(numbering_part));
    if (Status s = reader.ReadNumbering(xml, numbering_part); !s.ok()) return s.WithPrefix(name);
  }
  if (zip.Contains(styles_part)) {
    TOKKI_ASSIGN_OR_RETURN(std::string xml, zip.Read(styles_part));
    if (Status s = reader.ReadStyles(xml, styles_part); !s.ok()) return s.WithPrefix(name);
  }
  std::shared_ptr<const NumberingDefinitions> definitions = reader.Build();
  cache.Insert(std::move(key), definitions);
  return definitions;
}

// The local names of the elements and attributes the reader looks at. Elements are known by
// their local name alone, whatever their namespace (w:, mc:, or an extension's).
// clang-format off
#define TOKKI_DOCX_NAMES(X)                                                                \
  X(document) X(body) X(p) X(pPr) X(rPr) X(pPrChange) X(numPr) X(numId) X(ilvl) X(pStyle) \
  X(vanish) X(tbl) X(tr) X(tc) X(customXml) X(sdt) X(sdtContent)                          \
  X(AlternateContent) X(Choice) X(Fallback) X(ins) X(del) X(moveTo) X(moveFrom)           \
  X(r) X(hyperlink) X(smartTag) X(fldSimple) X(dir) X(bdo)                                \
  X(t) X(delText) X(tab) X(ptab) X(br) X(cr) X(noBreakHyphen) X(fldChar)                  \
  X(drawing) X(pict) X(object) X(ruby) X(rubyBase) X(txbxContent)                         \
  X(val) X(fldCharType)
// clang-format on

// Those names as interned in the dictionary of one parse, where libxml2 interns every element
// and attribute local name: a node has one of them when it has the same pointer.
struct Names {
#define TOKKI_DECLARE_NAME(n) const xmlChar* n = nullptr;
  TOKKI_DOCX_NAMES(TOKKI_DECLARE_NAME)
#undef TOKKI_DECLARE_NAME

  void Intern(xmlDict* dict) {
#define TOKKI_INTERN_NAME(n) n = xmlDictLookup(dict, reinterpret_cast<const xmlChar*>(#n), -1);
    TOKKI_DOCX_NAMES(TOKKI_INTERN_NAME)
#undef TOKKI_INTERN_NAME
  }
};

// An element of word/document.xml: the little the reader needs of it.
struct Node {
  static constexpr uint32_t kNone = UINT32_MAX;
  const xmlChar* name = nullptr;  // Local name, interned (see Names).
  uint32_t first_child = kNone;   // Indices into DocumentTree's nodes.
  uint32_t next = kNone;
  uint32_t last_child = kNone;
  // w:t and w:delText: their text content (all character data inside them), in the tree's
  // text buffer.
  uint32_t text_begin = 0;
  uint32_t text_end = 0;
  // w:val of w:vanish, w:numId, w:ilvl and w:pStyle, w:fldCharType of w:fldChar: the first
  // attribute of that local name, in the tree's value buffer.
  bool has_value = false;
  uint32_t value_begin = 0;
  uint32_t value_end = 0;
  int paragraph = 0;  // w:p: 1-based position among all w:p in document order.
};

// word/document.xml as a compact tree of its elements, built from libxml2's SAX2 events
// (ParseXmlSax: no DOM). Paragraphs are numbered as they start (Paragraph::source_node).
// Its depth is libxml2's nesting limit (256 without XML_PARSE_HUGE), which bounds the
// recursion of the walks below.
class DocumentTree final : public XmlSaxHandler {
 public:
  explicit DocumentTree(size_t xml_bytes) { nodes_.reserve(xml_bytes / 32 + 16); }

  const Names& names() const { return names_; }
  const Node* root() const { return nodes_.empty() ? nullptr : &nodes_[0]; }
  bool root_is_word() const {
    return !nodes_.empty() && nodes_[0].name == names_.document &&
           root_uri_.find("wordprocessingml") != std::string::npos;
  }

  // Children in document order: for (c = FirstChild(n); c; c = Next(c)). Null in, null out.
  const Node* FirstChild(const Node* n) const { return n ? At(n->first_child) : nullptr; }
  const Node* Next(const Node* n) const { return At(n->next); }
  const Node* FirstChild(const Node* n, const xmlChar* name) const {
    for (const Node* c = FirstChild(n); c != nullptr; c = Next(c)) {
      if (c->name == name) return c;
    }
    return nullptr;
  }
  std::string_view Text(const Node* n) const {
    return std::string_view(text_).substr(n->text_begin, n->text_end - n->text_begin);
  }
  std::optional<std::string_view> Value(const Node* n) const {
    if (n == nullptr || !n->has_value) return std::nullopt;
    return std::string_view(values_).substr(n->value_begin, n->value_end - n->value_begin);
  }

  void StartDocument(xmlDict* dict) override { names_.Intern(dict); }

  void StartElement(const xmlChar* local_name, const xmlChar* uri, int nb_attributes,
                    const xmlChar** attributes) override {
    const auto index = static_cast<uint32_t>(nodes_.size());
    Node& node = nodes_.emplace_back();
    node.name = local_name;
    if (open_.empty()) {
      if (uri != nullptr) root_uri_ = reinterpret_cast<const char*>(uri);
    } else {
      Node& parent = nodes_[open_.back()];
      if (parent.last_child == Node::kNone) {
        parent.first_child = index;
      } else {
        nodes_[parent.last_child].next = index;
      }
      parent.last_child = index;
      if (local_name == names_.p) node.paragraph = ++paragraphs_;
    }
    if (local_name == names_.t || local_name == names_.delText) {
      node.text_begin = static_cast<uint32_t>(text_.size());
      ++capturing_;
    }
    const xmlChar* wanted = nullptr;
    if (local_name == names_.fldChar) {
      wanted = names_.fldCharType;
    } else if (local_name == names_.vanish || local_name == names_.numId ||
               local_name == names_.ilvl || local_name == names_.pStyle) {
      wanted = names_.val;
    }
    for (int i = 0; wanted != nullptr && i < nb_attributes; ++i) {
      const xmlChar** attribute = attributes + 5 * i;
      // An attribute with an undefined prefix is named "x:val" in the DOM: not w:val.
      if (attribute[0] != wanted || (attribute[1] != nullptr && attribute[2] == nullptr)) continue;
      node.has_value = true;
      node.value_begin = static_cast<uint32_t>(values_.size());
      values_ += SaxAttributeValue(attribute[3], attribute[4]);
      node.value_end = static_cast<uint32_t>(values_.size());
      break;
    }
    open_.push_back(index);
  }

  void EndElement() override {
    Node& node = nodes_[open_.back()];
    if (node.name == names_.t || node.name == names_.delText) {
      node.text_end = static_cast<uint32_t>(text_.size());
      --capturing_;
    }
    open_.pop_back();
  }

  // Ends the text of the w:t and w:delText elements left open by a parse that libxml2
  // stopped early (see ParseXmlSax): it is what was read of them, as in the DOM.
  void Finish() {
    for (uint32_t index : open_) {
      Node& node = nodes_[index];
      if (node.name == names_.t || node.name == names_.delText) {
        node.text_end = static_cast<uint32_t>(text_.size());
      }
    }
    open_.clear();
    capturing_ = 0;
  }

  void Characters(const xmlChar* ch, int len) override {
    if (capturing_ > 0) text_.append(reinterpret_cast<const char*>(ch), static_cast<size_t>(len));
  }

 private:
  const Node* At(uint32_t index) const { return index == Node::kNone ? nullptr : &nodes_[index]; }

  Names names_;
  std::vector<Node> nodes_;     // nodes_[0] is the root element.
  std::vector<uint32_t> open_;  // The elements being parsed, innermost last.
  std::string root_uri_;
  std::string text_;    // Character data inside w:t and w:delText, in document order.
  std::string values_;  // The attribute values kept.
  int capturing_ = 0;   // Open w:t and w:delText elements.
  int paragraphs_ = 0;
};

// What a paragraph collects while its content is walked.
struct ParagraphText {
  std::string text;
  std::vector<bool> fields;  // Open complex fields: true once past w:fldChar "separate".
  bool dropped = false;      // Held tracked changes that are not shown (deleted text when
                             // accepting, inserted text when rejecting).
  std::vector<const Node*> text_boxes;

  bool Visible() const {
    return std::all_of(fields.begin(), fields.end(), [](bool result) { return result; });
  }
};

// Reads the body of a DocumentTree. Every walk recurses at most as deep as the tree, which
// libxml2's nesting limit bounds (see DocumentTree).
class BodyReader {
 public:
  BodyReader(const DocumentTree& tree, const std::string& name, const ReadLimits& limits,
             TrackedChanges changes, DocxNumbering* numbering, Document* doc)
      : tree_(tree),
        n_(tree.names()),
        name_(name),
        limits_(limits),
        changes_(changes),
        numbering_(numbering),
        doc_(doc) {}

  // The body: its blocks, then content left over from a removed last paragraph mark.
  Status Body(const Node* body) {
    TOKKI_RETURN_IF_ERROR(Blocks(body, false));
    return Flush(false);
  }

 private:
  // Block-level content: paragraphs, tables (rows, cells, nested tables) and the wrappers
  // that may hold them. Content joined to the next paragraph does not flow into a table or
  // out of a cell.
  Status Blocks(const Node* container, bool in_table) {
    for (const Node* c = tree_.FirstChild(container); c != nullptr; c = tree_.Next(c)) {
      const xmlChar* name = c->name;
      if (name == n_.p) {
        TOKKI_RETURN_IF_ERROR(ReadParagraph(c, in_table));
      } else if (name == n_.tbl) {
        TOKKI_RETURN_IF_ERROR(Flush(in_table));
        TOKKI_RETURN_IF_ERROR(Blocks(c, true));
      } else if (name == n_.tc) {
        TOKKI_RETURN_IF_ERROR(Blocks(c, in_table));
        TOKKI_RETURN_IF_ERROR(Flush(in_table));
      } else if (name == n_.tr || name == n_.customXml || name == n_.sdtContent) {
        TOKKI_RETURN_IF_ERROR(Blocks(c, in_table));
      } else if (IsChange(c)) {
        if (Shown(c)) TOKKI_RETURN_IF_ERROR(Blocks(c, in_table));
      } else if (name == n_.sdt) {
        TOKKI_RETURN_IF_ERROR(Blocks(tree_.FirstChild(c, n_.sdtContent), in_table));
      } else if (name == n_.AlternateContent) {
        TOKKI_RETURN_IF_ERROR(Blocks(ChosenBranch(c), in_table));
      }
    }
    return Status::Ok();
  }

  // The branch of mc:AlternateContent we read: mc:Fallback, so that a text box's text
  // (present in both branches) is read once; the first mc:Choice when there is no fallback.
  const Node* ChosenBranch(const Node* alternate) const {
    const Node* fallback = tree_.FirstChild(alternate, n_.Fallback);
    return fallback != nullptr ? fallback : tree_.FirstChild(alternate, n_.Choice);
  }

  // ST_OnOff: a child `name` of `node` that is present and not switched off by its w:val.
  bool OnOffChild(const Node* node, const xmlChar* name) const {
    const Node* child = tree_.FirstChild(node, name);
    if (child == nullptr) return false;
    const std::string_view v = tree_.Value(child).value_or("");
    return v != "0" && v != "false" && v != "off";
  }

  // Tracked changes that hold content: insertions (w:ins, w:moveTo) and deletions (w:del,
  // w:moveFrom). Shown: an insertion when accepting, a deletion when rejecting.
  bool IsChange(const Node* c) const {
    return c->name == n_.ins || c->name == n_.moveTo || c->name == n_.del || c->name == n_.moveFrom;
  }
  bool Shown(const Node* change) const {
    const bool insertion = change->name == n_.ins || change->name == n_.moveTo;
    return insertion == (changes_ == TrackedChanges::kAccept);
  }

  // What decides the list of a paragraph with properties `ppr` (w:pPr, may be null).
  DocxNumbering::ParagraphProps ListProps(const Node* ppr) const {
    DocxNumbering::ParagraphProps props;
    if (ppr == nullptr) return props;
    if (const Node* num_pr = tree_.FirstChild(ppr, n_.numPr)) {
      props.num_id = tree_.Value(tree_.FirstChild(num_pr, n_.numId));
      props.level = tree_.Value(tree_.FirstChild(num_pr, n_.ilvl));
    }
    props.style = tree_.Value(tree_.FirstChild(ppr, n_.pStyle)).value_or("");
    return props;
  }

  Status ReadParagraph(const Node* p, bool in_table) {
    ParagraphText para;
    Inline(p, &para);
    const Node* ppr = tree_.FirstChild(p, n_.pPr);
    const Node* mark = tree_.FirstChild(ppr, n_.rPr);
    bool mark_removed = false;
    for (const Node* c = tree_.FirstChild(mark); c != nullptr && !mark_removed; c = tree_.Next(c)) {
      mark_removed = IsChange(c) && !Shown(c);
    }
    if (mark_removed) {
      if (carry_.text.empty()) carry_.p = p;
      carry_.text += para.text;
      return TextBoxes(para, in_table);
    }
    // Most paragraphs carry nothing over: their own text is trimmed without a concatenation.
    std::string text = carry_.text.empty() ? Trim(para.text) : Trim(carry_.text + para.text);
    carry_ = Carry();
    // A paragraph that held only hidden text or tracked changes not shown is not shown and
    // counts no number.
    const bool gone = (para.dropped || OnOffChild(mark, n_.vanish)) && text.empty();
    // Rejecting restores the paragraph properties (numbering) recorded before the change.
    const Node* props = ppr;
    if (const Node* change = tree_.FirstChild(ppr, n_.pPrChange);
        change != nullptr && changes_ == TrackedChanges::kReject) {
      props = tree_.FirstChild(change, n_.pPr);
    }
    std::string label;
    if (!gone) {
      if (auto ref = numbering_->Resolve(ListProps(props))) label = Trim(numbering_->Next(*ref));
    }
    if (!label.empty()) text = text.empty() ? label : label + " " + text;
    if (!text.empty()) TOKKI_RETURN_IF_ERROR(Emit(std::move(text), p, in_table));
    return TextBoxes(para, in_table);
  }

  // Text boxes are read after their anchor, apart from content joined to the next paragraph.
  Status TextBoxes(const ParagraphText& para, bool in_table) {
    if (para.text_boxes.empty()) return Status::Ok();
    Carry outer = std::exchange(carry_, Carry());
    for (const Node* box : para.text_boxes) {
      TOKKI_RETURN_IF_ERROR(Blocks(box, in_table));
      TOKKI_RETURN_IF_ERROR(Flush(in_table));
    }
    carry_ = std::move(outer);
    return Status::Ok();
  }

  // Content joined to a next paragraph that does not come: a paragraph of its own.
  Status Flush(bool in_table) {
    std::string text = Trim(carry_.text);
    const Node* p = carry_.p;
    carry_ = Carry();
    return text.empty() ? Status::Ok() : Emit(std::move(text), p, in_table);
  }

  Status Emit(std::string text, const Node* p, bool in_table) {
    if (doc_->paragraphs.size() >= limits_.max_paragraphs) {
      return Status::Invalid(name_ + ": 段落が多すぎます (上限 " +
                             std::to_string(limits_.max_paragraphs) + ")");
    }
    Paragraph out;
    out.index = static_cast<int>(doc_->paragraphs.size()) + 1;
    TOKKI_RETURN_IF_ERROR(CheckParagraphSize(name_, out.index, text.size(), limits_));
    out.text = std::move(text);
    out.in_table = in_table;
    out.source_node = p->paragraph;
    doc_->paragraphs.push_back(std::move(out));
    return Status::Ok();
  }

  // Paragraph-level content: runs and the wrappers around them.
  void Inline(const Node* container, ParagraphText* para) {
    for (const Node* c = tree_.FirstChild(container); c != nullptr; c = tree_.Next(c)) {
      const xmlChar* name = c->name;
      if (name == n_.r) {
        RunContent(c, OnOffChild(tree_.FirstChild(c, n_.rPr), n_.vanish), para);
      } else if (name == n_.hyperlink || name == n_.smartTag || name == n_.customXml ||
                 name == n_.fldSimple || name == n_.dir || name == n_.bdo ||
                 name == n_.sdtContent) {
        Inline(c, para);
      } else if (IsChange(c)) {
        if (Shown(c)) {
          Inline(c, para);
        } else {
          para->dropped = true;
        }
      } else if (name == n_.sdt) {
        Inline(tree_.FirstChild(c, n_.sdtContent), para);
      } else if (name == n_.AlternateContent) {
        Inline(ChosenBranch(c), para);
      }
    }
  }

  // The content of a run (or of an mc:AlternateContent branch inside one).
  void RunContent(const Node* run, bool hidden, ParagraphText* para) {
    auto add = [&](std::string_view s) {
      if (!hidden && para->Visible()) para->text += s;
    };
    for (const Node* c = tree_.FirstChild(run); c != nullptr; c = tree_.Next(c)) {
      const xmlChar* name = c->name;
      // w:delText is only found in w:del, which is read only when rejecting.
      if (name == n_.t || name == n_.delText) {
        add(tree_.Text(c));
      } else if (name == n_.tab || name == n_.ptab) {
        add(" ");
      } else if (name == n_.br || name == n_.cr) {
        add("\n");
      } else if (name == n_.noBreakHyphen) {
        add("-");
      } else if (name == n_.fldChar) {
        const std::string_view type = tree_.Value(c).value_or("");
        if (type == "begin") {
          para->fields.push_back(false);
        } else if (type == "separate" && !para->fields.empty()) {
          para->fields.back() = true;
        } else if (type == "end" && !para->fields.empty()) {
          para->fields.pop_back();
        }
      } else if (name == n_.drawing || name == n_.pict || name == n_.object) {
        if (!hidden && para->Visible()) FindTextBoxes(c, para);
      } else if (name == n_.AlternateContent) {
        RunContent(ChosenBranch(c), hidden, para);
      } else if (name == n_.ruby) {
        // Show the base text, not the reading above it (w:rt).
        ParagraphText base;
        Inline(tree_.FirstChild(c, n_.rubyBase), &base);
        add(base.text);
      }
      // Skipped: w:rPr, w:instrText, w:delInstrText, w:softHyphen, w:sym,
      // w:footnoteReference, w:commentReference, w:lastRenderedPageBreak, ...
    }
  }

  void FindTextBoxes(const Node* node, ParagraphText* para) const {
    for (const Node* c = tree_.FirstChild(node); c != nullptr; c = tree_.Next(c)) {
      if (c->name == n_.txbxContent) {
        para->text_boxes.push_back(c);
      } else if (c->name == n_.AlternateContent) {
        FindTextBoxes(ChosenBranch(c), para);
      } else {
        FindTextBoxes(c, para);
      }
    }
  }

  // Content of paragraphs whose mark is removed, waiting for the next paragraph.
  struct Carry {
    std::string text;
    const Node* p = nullptr;  // The first of those paragraphs.
  };

  const DocumentTree& tree_;
  const Names& n_;
  const std::string& name_;
  const ReadLimits& limits_;
  const TrackedChanges changes_;
  DocxNumbering* numbering_;
  Document* doc_;
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
  TOKKI_ASSIGN_OR_RETURN(std::string xml, zip->Read(main));
  DocumentTree tree(xml.size());
  if (Status parsed = ParseXmlSax(xml, main, &tree); !parsed.ok()) {
    return parsed.WithPrefix(name);
  }
  tree.Finish();
  if (!tree.root_is_word()) {
    return Status::Invalid(name + ": " + main +
                           " が Word 文書ではありません (.docx ではありません)");
  }
  TOKKI_ASSIGN_OR_RETURN(std::shared_ptr<const NumberingDefinitions> definitions,
                         LoadNumbering(*zip, main, name));
  DocxNumbering numbering(std::move(definitions));

  Document doc;
  doc.file = name;
  doc.format = "docx";
  BodyReader reader(tree, name, limits, changes, &numbering, &doc);
  TOKKI_RETURN_IF_ERROR(reader.Body(tree.FirstChild(tree.root(), tree.names().body)));
  return doc;
}

}  // namespace tokki
