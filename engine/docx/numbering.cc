#include "docx/numbering.h"

#include <charconv>
#include <set>
#include <string_view>

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

// w:val of the first child element `name` of `node`, if both exist.
std::optional<std::string> ChildVal(const xmlNode* node, const char* name) {
  const xmlNode* child = FirstChildElement(node, name);
  if (child == nullptr || !HasAttr(child, "val")) return std::nullopt;
  return Attr(child, "val");
}

std::optional<int> ChildInt(const xmlNode* node, const char* name) {
  auto v = ChildVal(node, name);
  if (!v) return std::nullopt;
  auto n = ParseNumber(*v);
  if (!n) return std::nullopt;
  return static_cast<int>(*n);
}

// ST_OnOff: an element without w:val is on.
bool ChildOn(const xmlNode* node, const char* name) {
  const xmlNode* child = FirstChildElement(node, name);
  if (child == nullptr) return false;
  std::string v = Attr(child, "val");
  return v != "0" && v != "false" && v != "off";
}

}  // namespace

NumberingDefinitions::NumberingDefinitions(const xmlDoc* numbering, const xmlDoc* styles) {
  // Styles first: w:numStyleLink in numbering.xml refers to them.
  if (styles != nullptr) ParseStyles(xmlDocGetRootElement(styles));
  if (numbering != nullptr) ParseNumbering(xmlDocGetRootElement(numbering));
}

void NumberingDefinitions::ParseLevel(const xmlNode* lvl, Level* level) {
  if (auto v = ChildVal(lvl, "start")) {
    if (auto n = ParseNumber(*v)) level->start = *n;
  }
  // Word 2010 writes custom formats as mc:AlternateContent with a plain mc:Fallback.
  const xmlNode* fmt = FirstChildElement(lvl, "numFmt");
  if (fmt == nullptr) {
    const xmlNode* alt = FirstChildElement(lvl, "AlternateContent");
    const xmlNode* branch = FirstChildElement(alt, "Fallback");
    if (branch == nullptr) branch = FirstChildElement(alt, "Choice");
    fmt = FirstChildElement(branch, "numFmt");
  }
  if (fmt != nullptr && HasAttr(fmt, "val")) level->format = Attr(fmt, "val");
  if (auto v = ChildVal(lvl, "lvlText")) level->text = *v;
  if (auto n = ChildInt(lvl, "lvlRestart")) level->restart = *n;
  if (FirstChildElement(lvl, "isLgl") != nullptr) level->legal = ChildOn(lvl, "isLgl");
  if (auto v = ChildVal(lvl, "pStyle")) level->style = *v;
}

void NumberingDefinitions::ParseStyles(const xmlNode* root) {
  for (const xmlNode* s : ChildElements(root, "style")) {
    std::string id = Attr(s, "styleId");
    if (id.empty()) continue;
    Style style;
    if (auto v = ChildVal(s, "basedOn")) style.based_on = *v;
    const xmlNode* num_pr = FirstChildElement(FirstChildElement(s, "pPr"), "numPr");
    if (num_pr != nullptr) {
      style.num_id = ChildInt(num_pr, "numId");
      style.level = ChildInt(num_pr, "ilvl");
    }
    const std::string is_default = Attr(s, "default");
    if (Attr(s, "type") == "paragraph" && default_style_.empty() &&
        (is_default == "1" || is_default == "true" || is_default == "on")) {
      default_style_ = id;
    }
    styles_.emplace(id, std::move(style));  // The first definition wins, as in Word.
  }
}

void NumberingDefinitions::ParseNumbering(const xmlNode* root) {
  std::map<std::string, const xmlNode*> abstracts;
  std::map<int, const xmlNode*> nums;
  for (const xmlNode* a : ChildElements(root, "abstractNum")) {
    abstracts.emplace(Attr(a, "abstractNumId"), a);
  }
  for (const xmlNode* n : ChildElements(root, "num")) {
    if (auto id = ParseNumber(Attr(n, "numId"))) nums.emplace(static_cast<int>(*id), n);
  }
  auto abstract_of = [&](const xmlNode* num) -> const xmlNode* {
    auto id = ChildVal(num, "abstractNumId");
    if (!id) return nullptr;
    auto it = abstracts.find(*id);
    return it == abstracts.end() ? nullptr : it->second;
  };
  // The count is kept per abstractNum (ECMA-376 §17.9, and what Word does): w:num instances
  // of one abstractNum continue each other's numbering; one with w:startOverride restarts the
  // shared count at its first paragraph of that level (see DocxNumbering::Next).
  std::map<const xmlNode*, int> counter_ids;  // abstractNum (after numStyleLink) → counter.
  for (const auto& [num_id, num] : nums) {
    const xmlNode* abstract = abstract_of(num);
    if (abstract == nullptr) continue;
    // A list defined by a numbering style: the abstractNum only links to the style, whose
    // numPr names the num (and so the abstractNum) holding the levels. Followed once only,
    // which also ends any loop.
    if (auto link = ChildVal(abstract, "numStyleLink")) {
      auto style = styles_.find(*link);
      if (style == styles_.end() || !style->second.num_id) continue;
      auto target = nums.find(*style->second.num_id);
      if (target == nums.end()) continue;
      abstract = abstract_of(target->second);
      if (abstract == nullptr) continue;
    }
    counter_of_[num_id] =
        counter_ids.emplace(abstract, static_cast<int>(counter_ids.size())).first->second;
    Levels levels;
    for (const xmlNode* lvl : ChildElements(abstract, "lvl")) {
      auto ilvl = ParseNumber(Attr(lvl, "ilvl"));
      if (!ilvl || *ilvl < 0 || *ilvl >= kLevels || levels[*ilvl]) continue;
      ParseLevel(lvl, &levels[*ilvl].emplace());
    }
    for (const xmlNode* o : ChildElements(num, "lvlOverride")) {
      auto ilvl = ParseNumber(Attr(o, "ilvl"));
      if (!ilvl || *ilvl < 0 || *ilvl >= kLevels) continue;
      std::optional<Level>& level = levels[*ilvl];
      if (const xmlNode* lvl = FirstChildElement(o, "lvl")) {
        ParseLevel(lvl, &(level ? *level : level.emplace()));
      }
      if (auto start = ChildVal(o, "startOverride")) {
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
  std::string style_id(props.style);
  if (style_id.empty()) style_id = default_style_;
  std::set<std::string> visited;
  std::string id = style_id;
  for (int depth = 0; !id.empty() && depth < kMaxStyleDepth && visited.insert(id).second; ++depth) {
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
