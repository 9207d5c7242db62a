#include "docx/numbering.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <set>
#include <string_view>
#include <utility>
#include <vector>

#include "docx/number_format.h"
#include "xml/xml.h"

namespace tokki {
namespace {

// Bounds parsed numbers so that counting past them cannot overflow.
constexpr int64_t kMaxNumber = 1000000000;
// Deeper w:basedOn chains are either loops or hostile; Word's own stay under ten.
constexpr int kMaxStyleDepth = 32;

std::optional<int64_t> ParseNumber(std::string_view s) {
  int64_t v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || v < -kMaxNumber || v > kMaxNumber) {
    return std::nullopt;
  }
  return v;
}

// The elements of numbering.xml and styles.xml that the definitions are built from, and the
// attributes read of them. Known by their local name alone, whatever their namespace, as the
// reader's other names (a name with an undefined prefix, "x:lvl", is none of them).
enum class PartName : uint8_t {
  kRoot,  // The root element, whatever its name.
  kStyle,
  kBasedOn,
  kPPr,
  kNumPr,
  kNumId,
  kIlvl,
  kAbstractNum,
  kNum,
  kNumStyleLink,
  kLvl,
  kStart,
  kNumFmt,
  kLvlText,
  kLvlRestart,
  kIsLgl,
  kPStyle,
  kAlternateContent,
  kFallback,
  kChoice,
  kAbstractNumId,
  kLvlOverride,
  kStartOverride,
  // Attributes only.
  kVal,
  kStyleId,
  kType,
  kDefault,
  kCount,
};

constexpr const char* kPartNames[] = {
    "",         "style",       "basedOn",       "pPr",          "numPr",         "numId",
    "ilvl",     "abstractNum", "num",           "numStyleLink", "lvl",           "start",
    "numFmt",   "lvlText",     "lvlRestart",    "isLgl",        "pStyle",        "AlternateContent",
    "Fallback", "Choice",      "abstractNumId", "lvlOverride",  "startOverride", "val",
    "styleId",  "type",        "default"};
static_assert(std::size(kPartNames) == static_cast<size_t>(PartName::kCount));

using N = PartName;

struct NameList {
  const PartName* names;
  size_t count;
};
template <size_t n>
constexpr NameList Kept(const PartName (&names)[n]) {
  return {names, n};
}
// The children kept of a kept element: every element the definitions are built from, found by
// where it is (a w:numFmt of a w:lvl, not of its w:rPr). All children of a kept element that
// have one of these names are kept, so that "the first child named X" is the same element as
// in the whole document.
constexpr PartName kStylesRoot[] = {N::kStyle};
constexpr PartName kNumberingRoot[] = {N::kAbstractNum, N::kNum};
constexpr PartName kStyleChildren[] = {N::kBasedOn, N::kPPr};
constexpr PartName kPPrChildren[] = {N::kNumPr};
constexpr PartName kNumPrChildren[] = {N::kNumId, N::kIlvl};
constexpr PartName kAbstractNumChildren[] = {N::kNumStyleLink, N::kLvl};
constexpr PartName kLvlChildren[] = {N::kStart, N::kNumFmt, N::kLvlText,         N::kLvlRestart,
                                     N::kIsLgl, N::kPStyle, N::kAlternateContent};
constexpr PartName kAlternateChildren[] = {N::kFallback, N::kChoice};
constexpr PartName kBranchChildren[] = {N::kNumFmt};
constexpr PartName kNumChildren[] = {N::kAbstractNumId, N::kLvlOverride};
constexpr PartName kOverrideChildren[] = {N::kLvl, N::kStartOverride};

NameList ChildrenKept(PartName parent, bool styles) {
  switch (parent) {
    case N::kRoot:
      return styles ? Kept(kStylesRoot) : Kept(kNumberingRoot);
    case N::kStyle:
      return Kept(kStyleChildren);
    case N::kPPr:
      return Kept(kPPrChildren);
    case N::kNumPr:
      return Kept(kNumPrChildren);
    case N::kAbstractNum:
      return Kept(kAbstractNumChildren);
    case N::kLvl:
      return Kept(kLvlChildren);
    case N::kAlternateContent:
      return Kept(kAlternateChildren);
    case N::kFallback:
    case N::kChoice:
      return Kept(kBranchChildren);
    case N::kNum:
      return Kept(kNumChildren);
    case N::kLvlOverride:
      return Kept(kOverrideChildren);
    default:
      return {nullptr, 0};  // The rest hold a w:val and nothing read below it.
  }
}

// The attributes read of an element.
constexpr PartName kStyleAttributes[] = {N::kStyleId, N::kType, N::kDefault};
constexpr PartName kAbstractNumAttributes[] = {N::kAbstractNumId};
constexpr PartName kNumAttributes[] = {N::kNumId};
constexpr PartName kLevelAttributes[] = {N::kIlvl};
constexpr PartName kValueAttributes[] = {N::kVal};

NameList AttributesKept(PartName element) {
  switch (element) {
    case N::kRoot:
    case N::kPPr:
    case N::kNumPr:
    case N::kAlternateContent:
    case N::kFallback:
    case N::kChoice:
      return {nullptr, 0};
    case N::kStyle:
      return Kept(kStyleAttributes);
    case N::kAbstractNum:
      return Kept(kAbstractNumAttributes);
    case N::kNum:
      return Kept(kNumAttributes);
    case N::kLvl:
    case N::kLvlOverride:
      return Kept(kLevelAttributes);
    default:
      return Kept(kValueAttributes);
  }
}

}  // namespace

// One part as the definitions need it, built from ParseXmlSax's events: its root element and,
// below it, only the elements kept (ChildrenKept), each with the first attribute of each name
// it is read for (as xmlGetProp finds it), so that everything read of the part reads the same
// as in its DOM. A parse that libxml2 stops early keeps what it read, as the DOM does.
class NumberingDefinitions::PartTree final : public XmlSaxHandler {
 public:
  static constexpr uint32_t kNone = UINT32_MAX;

  explicit PartTree(bool styles) : styles_(styles) {}

  bool empty() const { return nodes_.empty(); }
  uint32_t root() const { return nodes_.empty() ? kNone : 0; }
  PartName name(uint32_t node) const { return nodes_[node].name; }

  // The first child `name` of `node` (kNone in, kNone out), and the next sibling of that name.
  uint32_t FirstChild(uint32_t node, PartName name) const {
    if (node == kNone) return kNone;
    return Named(nodes_[node].first_child, name);
  }
  uint32_t NextSibling(uint32_t node, PartName name) const {
    return Named(nodes_[node].next, name);
  }

  // The value of attribute `name` of `node`, null when absent.
  const std::string* Attr(uint32_t node, PartName name) const {
    const Node& n = nodes_[node];
    for (uint32_t i = n.attributes_begin; i < n.attributes_end; ++i) {
      if (attributes_[i].first == name) return &attributes_[i].second;
    }
    return nullptr;
  }
  // Attr or "" (xmlGetProp's caller's way).
  std::string AttrOrEmpty(uint32_t node, PartName name) const {
    const std::string* v = Attr(node, name);
    return v != nullptr ? *v : std::string();
  }
  // w:val of the first child element `name` of `node`, if both exist.
  std::optional<std::string> ChildVal(uint32_t node, PartName name) const {
    const uint32_t child = FirstChild(node, name);
    if (child == kNone) return std::nullopt;
    const std::string* v = Attr(child, N::kVal);
    if (v == nullptr) return std::nullopt;
    return *v;
  }
  std::optional<int> ChildInt(uint32_t node, PartName name) const {
    auto v = ChildVal(node, name);
    if (!v) return std::nullopt;
    auto n = ParseNumber(*v);
    if (!n) return std::nullopt;
    return static_cast<int>(*n);
  }
  // ST_OnOff: an element without w:val is on.
  bool ChildOn(uint32_t node, PartName name) const {
    const uint32_t child = FirstChild(node, name);
    if (child == kNone) return false;
    const std::string v = AttrOrEmpty(child, N::kVal);
    return v != "0" && v != "false" && v != "off";
  }

  void StartDocument(xmlDict* dict) override {
    for (size_t i = 1; i < interned_.size(); ++i) {
      interned_[i] = xmlDictLookup(dict, reinterpret_cast<const xmlChar*>(kPartNames[i]), -1);
    }
  }

  void StartElement(const xmlChar* local_name, const xmlChar*, int nb_attributes,
                    const xmlChar** attributes) override {
    if (skipped_ > 0 || (open_.empty() && !nodes_.empty())) {
      ++skipped_;
      return;
    }
    PartName name = N::kRoot;
    if (!open_.empty()) {
      const NameList kept = ChildrenKept(nodes_[open_.back()].name, styles_);
      size_t i = 0;
      while (i < kept.count && local_name != interned_[static_cast<size_t>(kept.names[i])]) ++i;
      if (i == kept.count) {
        ++skipped_;
        return;
      }
      name = kept.names[i];
    }
    const auto index = static_cast<uint32_t>(nodes_.size());
    Node& node = nodes_.emplace_back();
    node.name = name;
    if (!open_.empty()) {
      Node& parent = nodes_[open_.back()];
      if (parent.last_child == kNone) {
        parent.first_child = index;
      } else {
        nodes_[parent.last_child].next = index;
      }
      parent.last_child = index;
    }
    node.attributes_begin = static_cast<uint32_t>(attributes_.size());
    const NameList wanted = AttributesKept(name);
    for (size_t w = 0; w < wanted.count; ++w) {
      const xmlChar* wanted_name = interned_[static_cast<size_t>(wanted.names[w])];
      for (int i = 0; i < nb_attributes; ++i) {
        const xmlChar** attribute = attributes + 5 * i;
        // An attribute with an undefined prefix is named "x:val" in the DOM: not w:val.
        if (attribute[0] != wanted_name || (attribute[1] != nullptr && attribute[2] == nullptr)) {
          continue;
        }
        attributes_.emplace_back(wanted.names[w], SaxAttributeValue(attribute[3], attribute[4]));
        break;
      }
    }
    node.attributes_end = static_cast<uint32_t>(attributes_.size());
    open_.push_back(index);
  }

  void EndElement() override {
    if (skipped_ > 0) {
      --skipped_;
    } else {
      open_.pop_back();
    }
  }

  void Characters(const xmlChar*, int) override {}

 private:
  struct Node {
    PartName name = N::kRoot;
    uint32_t first_child = kNone;
    uint32_t next = kNone;
    uint32_t last_child = kNone;
    uint32_t attributes_begin = 0;
    uint32_t attributes_end = 0;
  };

  uint32_t Named(uint32_t node, PartName name) const {
    while (node != kNone && nodes_[node].name != name) node = nodes_[node].next;
    return node;
  }

  const bool styles_;
  std::array<const xmlChar*, static_cast<size_t>(PartName::kCount)> interned_{};
  std::vector<Node> nodes_;  // nodes_[0] is the root element.
  std::vector<std::pair<PartName, std::string>> attributes_;
  std::vector<uint32_t> open_;  // The kept elements being parsed, innermost last.
  int skipped_ = 0;             // Depth inside an element not kept.
};

NumberingDefinitions::Reader::Reader() = default;
NumberingDefinitions::Reader::~Reader() = default;

Status NumberingDefinitions::Reader::ReadNumbering(std::string_view xml, const std::string& name) {
  numbering_ = std::make_unique<PartTree>(false);
  return ParseXmlSax(xml, name, numbering_.get());
}

Status NumberingDefinitions::Reader::ReadStyles(std::string_view xml, const std::string& name) {
  styles_ = std::make_unique<PartTree>(true);
  return ParseXmlSax(xml, name, styles_.get());
}

std::shared_ptr<const NumberingDefinitions> NumberingDefinitions::Reader::Build() const {
  return std::shared_ptr<const NumberingDefinitions>(
      new NumberingDefinitions(numbering_.get(), styles_.get()));
}

NumberingDefinitions::NumberingDefinitions(const PartTree* numbering, const PartTree* styles) {
  // Styles first: w:numStyleLink in numbering.xml refers to them.
  if (styles != nullptr && !styles->empty()) ParseStyles(*styles);
  if (numbering != nullptr && !numbering->empty()) ParseNumbering(*numbering);
}

void NumberingDefinitions::ParseLevel(const PartTree& part, uint32_t lvl, Level* level) {
  constexpr uint32_t kNone = PartTree::kNone;
  if (auto v = part.ChildVal(lvl, N::kStart)) {
    if (auto n = ParseNumber(*v)) level->start = *n;
  }
  // Word 2010 writes custom formats as mc:AlternateContent with a plain mc:Fallback.
  uint32_t fmt = part.FirstChild(lvl, N::kNumFmt);
  if (fmt == kNone) {
    const uint32_t alt = part.FirstChild(lvl, N::kAlternateContent);
    uint32_t branch = part.FirstChild(alt, N::kFallback);
    if (branch == kNone) branch = part.FirstChild(alt, N::kChoice);
    fmt = part.FirstChild(branch, N::kNumFmt);
  }
  if (fmt != kNone) {
    if (const std::string* v = part.Attr(fmt, N::kVal)) level->format = *v;
  }
  if (auto v = part.ChildVal(lvl, N::kLvlText)) level->text = *v;
  if (auto n = part.ChildInt(lvl, N::kLvlRestart)) level->restart = *n;
  if (part.FirstChild(lvl, N::kIsLgl) != kNone) level->legal = part.ChildOn(lvl, N::kIsLgl);
  if (auto v = part.ChildVal(lvl, N::kPStyle)) level->style = *v;
}

void NumberingDefinitions::ParseStyles(const PartTree& part) {
  constexpr uint32_t kNone = PartTree::kNone;
  for (uint32_t s = part.FirstChild(part.root(), N::kStyle); s != kNone;
       s = part.NextSibling(s, N::kStyle)) {
    std::string id = part.AttrOrEmpty(s, N::kStyleId);
    if (id.empty()) continue;
    Style style;
    if (auto v = part.ChildVal(s, N::kBasedOn)) style.based_on = *v;
    const uint32_t num_pr = part.FirstChild(part.FirstChild(s, N::kPPr), N::kNumPr);
    if (num_pr != kNone) {
      style.num_id = part.ChildInt(num_pr, N::kNumId);
      style.level = part.ChildInt(num_pr, N::kIlvl);
    }
    const std::string is_default = part.AttrOrEmpty(s, N::kDefault);
    if (part.AttrOrEmpty(s, N::kType) == "paragraph" && default_style_.empty() &&
        (is_default == "1" || is_default == "true" || is_default == "on")) {
      default_style_ = id;
    }
    styles_.emplace(id, std::move(style));  // The first definition wins, as in Word.
  }
}

void NumberingDefinitions::ParseNumbering(const PartTree& part) {
  constexpr uint32_t kNone = PartTree::kNone;
  const uint32_t root = part.root();
  std::map<std::string, uint32_t> abstracts;
  std::map<int, uint32_t> nums;
  for (uint32_t a = part.FirstChild(root, N::kAbstractNum); a != kNone;
       a = part.NextSibling(a, N::kAbstractNum)) {
    abstracts.emplace(part.AttrOrEmpty(a, N::kAbstractNumId), a);
  }
  for (uint32_t n = part.FirstChild(root, N::kNum); n != kNone; n = part.NextSibling(n, N::kNum)) {
    if (auto id = ParseNumber(part.AttrOrEmpty(n, N::kNumId))) {
      nums.emplace(static_cast<int>(*id), n);
    }
  }
  auto abstract_of = [&](uint32_t num) -> uint32_t {
    auto id = part.ChildVal(num, N::kAbstractNumId);
    if (!id) return kNone;
    auto it = abstracts.find(*id);
    return it == abstracts.end() ? kNone : it->second;
  };
  // The count is kept per abstractNum (ECMA-376 §17.9, and what Word does): w:num instances
  // of one abstractNum continue each other's numbering; one with w:startOverride restarts the
  // shared count at its first paragraph of that level (see DocxNumbering::Next).
  std::map<uint32_t, int> counter_ids;  // abstractNum (after numStyleLink) → counter.
  for (const auto& [num_id, num] : nums) {
    uint32_t abstract = abstract_of(num);
    if (abstract == kNone) continue;
    // A list defined by a numbering style: the abstractNum only links to the style, whose
    // numPr names the num (and so the abstractNum) holding the levels. Followed once only,
    // which also ends any loop.
    if (auto link = part.ChildVal(abstract, N::kNumStyleLink)) {
      auto style = styles_.find(*link);
      if (style == styles_.end() || !style->second.num_id) continue;
      auto target = nums.find(*style->second.num_id);
      if (target == nums.end()) continue;
      abstract = abstract_of(target->second);
      if (abstract == kNone) continue;
    }
    counter_of_[num_id] =
        counter_ids.emplace(abstract, static_cast<int>(counter_ids.size())).first->second;
    Levels levels;
    for (uint32_t lvl = part.FirstChild(abstract, N::kLvl); lvl != kNone;
         lvl = part.NextSibling(lvl, N::kLvl)) {
      auto ilvl = ParseNumber(part.AttrOrEmpty(lvl, N::kIlvl));
      if (!ilvl || *ilvl < 0 || *ilvl >= kLevels || levels[*ilvl]) continue;
      ParseLevel(part, lvl, &levels[*ilvl].emplace());
    }
    for (uint32_t o = part.FirstChild(num, N::kLvlOverride); o != kNone;
         o = part.NextSibling(o, N::kLvlOverride)) {
      auto ilvl = ParseNumber(part.AttrOrEmpty(o, N::kIlvl));
      if (!ilvl || *ilvl < 0 || *ilvl >= kLevels) continue;
      std::optional<Level>& level = levels[*ilvl];
      if (const uint32_t lvl = part.FirstChild(o, N::kLvl); lvl != kNone) {
        ParseLevel(part, lvl, &(level ? *level : level.emplace()));
      }
      if (auto start = part.ChildVal(o, N::kStartOverride)) {
        if (auto n = ParseNumber(*start); n && level) {
          level->start = *n;
          level->start_override = true;
        }
      }
    }
    nums_.emplace(num_id, std::move(levels));
  }
}

std::optional<NumberingDefinitions::ListRef> NumberingDefinitions::Resolve(
    const ParagraphProps& props) const {
  if (nums_.empty()) return std::nullopt;  // Nothing is defined, so nothing is numbered.
  auto as_int = [](std::optional<std::string_view> v) -> std::optional<int> {
    if (!v) return std::nullopt;
    auto n = ParseNumber(*v);
    if (!n) return std::nullopt;
    return static_cast<int>(*n);
  };
  std::optional<int> num_id = as_int(props.num_id);
  std::optional<int> level = as_int(props.level);
  std::string_view style_id = props.style;
  if (style_id.empty()) style_id = default_style_;
  // The styles followed so far (w:basedOn may loop): a walk ends at one seen before. The ids
  // point into styles_ (or props), which outlive the walk.
  std::array<std::string_view, kMaxStyleDepth> visited;
  auto first_visit = [&](int depth, std::string_view s) {
    if (std::find(visited.begin(), visited.begin() + depth, s) != visited.begin() + depth) {
      return false;
    }
    visited[static_cast<size_t>(depth)] = s;
    return true;
  };
  std::string_view id = style_id;
  for (int depth = 0; !id.empty() && depth < kMaxStyleDepth && first_visit(depth, id); ++depth) {
    auto it = styles_.find(id);
    if (it == styles_.end()) break;
    if (!num_id) num_id = it->second.num_id;
    if (!level) level = it->second.level;
    id = it->second.based_on;
  }
  if (!num_id || *num_id == 0) return std::nullopt;
  auto num = nums_.find(*num_id);
  if (num == nums_.end()) return std::nullopt;
  if (!level) {
    level = 0;
    for (int i = 0; i < kLevels; ++i) {
      if (num->second[i] && !style_id.empty() && num->second[i]->style == style_id) {
        level = i;
        break;
      }
    }
  }
  if (*level < 0 || *level >= kLevels || !num->second[*level]) return std::nullopt;
  return ListRef{*num_id, *level};
}

const NumberingDefinitions::Levels* NumberingDefinitions::levels(int num_id) const {
  auto num = nums_.find(num_id);
  return num == nums_.end() ? nullptr : &num->second;
}

int NumberingDefinitions::counter(int num_id) const {
  auto it = counter_of_.find(num_id);
  return it == counter_of_.end() ? -1 : it->second;
}

std::optional<DocxNumbering::ListRef> DocxNumbering::Resolve(const ParagraphProps& props) const {
  LastResolve& last = last_;
  const bool same = last.valid && last.has_num_id == props.num_id.has_value() &&
                    last.has_level == props.level.has_value() &&
                    (!props.num_id || last.num_id == *props.num_id) &&
                    (!props.level || last.level == *props.level) && last.style == props.style;
  if (!same) {
    last.valid = true;
    last.has_num_id = props.num_id.has_value();
    last.has_level = props.level.has_value();
    last.num_id.assign(props.num_id.value_or(""));
    last.level.assign(props.level.value_or(""));
    last.style.assign(props.style);
    last.answer = definitions_->Resolve(props);
  }
  return last.answer;
}

std::string DocxNumbering::Next(const ListRef& ref) {
  const NumberingDefinitions::Levels* found = definitions_->levels(ref.num_id);
  if (found == nullptr || ref.level < 0 || ref.level >= kLevels) return "";
  const NumberingDefinitions::Levels& levels = *found;
  if (!levels[ref.level]) return "";
  const NumberingDefinitions::Level& level = *levels[ref.level];
  Counters& c = counters_[definitions_->counter(ref.num_id)];
  // A w:startOverride restarts the shared count once, where its w:num is first used.
  if (level.start_override && restarted_.insert({ref.num_id, ref.level}).second) {
    c.started[ref.level] = false;
  }
  if (c.started[ref.level] && c.value[ref.level] < kMaxNumber) {
    ++c.value[ref.level];
  } else if (!c.started[ref.level]) {
    c.value[ref.level] = level.start;
    c.started[ref.level] = true;
  }
  // w:lvlRestart is a 1-based level: the deeper level restarts after any level up to it.
  // Without it, after any shallower level.
  for (int deeper = ref.level + 1; deeper < kLevels; ++deeper) {
    int restart = deeper;
    if (levels[deeper] && levels[deeper]->restart) restart = *levels[deeper]->restart;
    if (ref.level < restart) c.started[deeper] = false;
  }
  if (level.format == "bullet" || level.format == "none") return "";
  std::string label;
  const std::string& t = level.text;
  for (size_t i = 0; i < t.size(); ++i) {
    if (t[i] == '%' && i + 1 < t.size() && t[i + 1] >= '1' && t[i + 1] <= '9') {
      const int k = t[++i] - '1';
      if (!levels[k]) continue;
      const int64_t value = c.started[k] ? c.value[k] : levels[k]->start;
      label += FormatListNumber(value, level.legal ? "decimal" : levels[k]->format);
    } else {
      label += t[i];
    }
  }
  return label;
}

}  // namespace tokki
