#include "report/library_render.h"

#include <algorithm>

namespace tokki {
namespace {

using nlohmann::ordered_json;

std::string Window(const Edition& e) {
  return e.from.ToIso() + " 〜 " + (e.until ? e.until->ToIso() : std::string());
}

// Validity of a version: from its earliest edition's start to its latest edition's end.
std::string VersionWindow(const ClauseLibrary& library, const ModuleVersion& v) {
  const Edition* first = nullptr;
  const Edition* last = nullptr;
  for (const auto& e : library.editions()) {
    if (std::find(v.editions.begin(), v.editions.end(), e.id) == v.editions.end()) continue;
    if (first == nullptr) first = &e;
    last = &e;
  }
  if (first == nullptr) return "";
  return first->from.ToIso() + " 〜 " + (last->until ? last->until->ToIso() : std::string());
}

std::string Join(const std::vector<std::string>& v, const char* sep) {
  std::string s;
  for (const auto& x : v) s += (s.empty() ? "" : sep) + x;
  return s;
}

ordered_json SourcesJson(const std::vector<SourceRef>& sources) {
  ordered_json a = ordered_json::array();
  for (const auto& s : sources) {
    ordered_json o{{"seed", s.seed}, {"items", s.items}};
    if (!s.section.empty()) o["section"] = s.section;
    a.push_back(std::move(o));
  }
  return a;
}

std::string ItemText(const ClauseItem& item) {
  std::string s = SymbolicText(item.text);
  for (const auto& sub : item.subs) s += "\n" + sub.label + SymbolicText(sub.text);
  return s;
}

}  // namespace

std::string SymbolicText(const InlineText& text) {
  std::string out;
  for (const Inline& in : text) {
    switch (in.kind) {
      case Inline::Kind::kText:
        out += in.text;
        break;
      case Inline::Kind::kParam:
        out += "{" + in.text + "}";
        break;
      case Inline::Kind::kRef:
        out += "第{" + in.text + "}項";
        break;
      case Inline::Kind::kRange:
        out += "第{" + in.text + "}項から第{" + in.to + "}項まで";
        break;
    }
  }
  return out;
}

std::string RenderModuleList(const ClauseLibrary& library) {
  std::string out;
  for (const auto& [id, m] : library.modules()) {
    out += id + "\t" + m.category;
    for (const auto& v : m.versions) {
      out += "\t[" + Join(v.editions, " ") + "] " + v.heading + " (" +
             std::to_string(v.items.size()) + ")";
    }
    out += "\n";
  }
  return out;
}

std::string RenderEditions(const ClauseLibrary& library) {
  std::string out;
  for (const auto& e : library.editions()) {
    size_t items = 0;
    for (const auto& mid : e.modules) {
      items += library.FindModule(mid)->VersionFor(e.id)->items.size();
    }
    out += e.id + "\t" + Window(e) + "\t" + std::to_string(items) + "項目\t" + e.name + "\n";
    for (const auto& ev : e.evidence) out += "\t根拠: " + ev + "\n";
  }
  return out;
}

std::string RenderModule(const ClauseLibrary& library, const Module& m) {
  std::string out = m.id + " (" + m.category + ")\n";
  for (const auto& v : m.versions) {
    out += "\n[" + Join(v.editions, " ") + "] " + VersionWindow(library, v) + "\n";
    out += "（" + v.heading + "）\n";
    int k = 0;
    for (const auto& item : v.items) out += std::to_string(++k) + " " + ItemText(item) + "\n";
    for (const auto& s : v.sources) out += "出典: " + s.seed + " 項目 " + s.items + "\n";
    for (const auto& n : v.notes) out += "注記: " + n + "\n";
  }
  return out;
}

ordered_json RenderModuleJson(const ClauseLibrary& library, const Module& m) {
  ordered_json j{{"id", m.id}, {"category", m.category}};
  ordered_json versions = ordered_json::array();
  for (const auto& v : m.versions) {
    ordered_json items = ordered_json::array();
    for (const auto& item : v.items) items.push_back(ItemText(item));
    versions.push_back({{"editions", v.editions},
                        {"validity", VersionWindow(library, v)},
                        {"heading", v.heading},
                        {"items", std::move(items)},
                        {"sources", SourcesJson(v.sources)},
                        {"notes", v.notes}});
  }
  j["versions"] = std::move(versions);
  return j;
}

std::string RenderLibraryJson(const ClauseLibrary& library) {
  ordered_json j;
  j["name"] = library.name();
  ordered_json params = ordered_json::array();
  for (const auto& p : library.parameters()) {
    ordered_json o{{"name", p.name}, {"label", p.label}, {"required", p.required}};
    if (p.default_value) o["default"] = *p.default_value;
    params.push_back(std::move(o));
  }
  j["parameters"] = std::move(params);
  ordered_json editions = ordered_json::array();
  for (const auto& e : library.editions()) {
    editions.push_back({{"id", e.id},
                        {"name", e.name},
                        {"from", e.from.ToIso()},
                        {"until", e.until ? ordered_json(e.until->ToIso()) : ordered_json(nullptr)},
                        {"evidence", e.evidence},
                        {"sources", SourcesJson(e.sources)},
                        {"modules", e.modules}});
  }
  j["editions"] = std::move(editions);
  ordered_json types = ordered_json::array();
  for (const auto& t : library.types()) {
    ordered_json o{{"id", t.id}, {"name", t.name}};
    if (t.from) o["from"] = t.from->ToIso();
    if (!t.measures_set.empty()) o["measures"] = t.measures_set;
    types.push_back(std::move(o));
  }
  j["types"] = std::move(types);
  ordered_json modules = ordered_json::array();
  for (const auto& [id, m] : library.modules()) modules.push_back(RenderModuleJson(library, m));
  j["modules"] = std::move(modules);
  return j.dump(2) + "\n";
}

}  // namespace tokki
