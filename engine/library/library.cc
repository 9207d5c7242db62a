#include "library/library.h"

#include <algorithm>
#include <filesystem>
#include <set>
#include <sstream>

#include "base/file.h"
#include "xml/xml.h"

namespace tokki {
namespace {

std::string At(const std::string& file, int line) {
  return line > 0 ? file + ":" + std::to_string(line) : file;
}

int LineOf(const xmlNode* node) { return static_cast<int>(xmlGetLineNo(node)); }

std::vector<std::string> SplitSpaces(const std::string& s) {
  std::istringstream in(s);
  std::vector<std::string> out;
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

InlineText ReadInline(const xmlNode* parent) {
  InlineText out;
  for (const xmlNode* c = parent->children; c != nullptr; c = c->next) {
    Inline in;
    in.line = LineOf(c);
    if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
      in.kind = Inline::Kind::kText;
      in.text = reinterpret_cast<const char*>(c->content);
    } else if (IsElement(c, "param")) {
      in.kind = Inline::Kind::kParam;
      in.text = Attr(c, "name");
    } else if (IsElement(c, "ref")) {
      in.kind = Inline::Kind::kRef;
      in.text = Attr(c, "to");
    } else if (IsElement(c, "range")) {
      in.kind = Inline::Kind::kRange;
      in.text = Attr(c, "from");
      in.to = Attr(c, "to");
    } else {
      continue;
    }
    out.push_back(std::move(in));
  }
  return out;
}

std::vector<SourceRef> ReadSources(const xmlNode* node) {
  std::vector<SourceRef> out;
  for (xmlNode* s : ChildElements(node, "source")) {
    out.push_back({Attr(s, "seed"), Attr(s, "items"), Attr(s, "section")});
  }
  return out;
}

std::vector<std::string> ReadTexts(const xmlNode* node, const char* name) {
  std::vector<std::string> out;
  for (xmlNode* n : ChildElements(node, name)) out.push_back(TextContent(n));
  return out;
}

// Parses and validates one data file.
Result<XmlDocPtr> LoadValidated(const std::string& path, const RelaxNgSchema& schema) {
  TOKKI_ASSIGN_OR_RETURN(std::string data, ReadFile(path, 16 << 20));
  TOKKI_ASSIGN_OR_RETURN(XmlDocPtr doc, ParseXml(data, path));
  TOKKI_RETURN_IF_ERROR(schema.Validate(doc.get(), path));
  return doc;
}

Result<Date> ReadDate(const xmlNode* node, const char* attr, const std::string& file) {
  Result<Date> d = ParseIsoDate(Attr(node, attr));
  if (!d.ok()) return d.status().WithPrefix(At(file, LineOf(node)));
  return d;
}

Result<std::vector<std::string>> XmlFilesIn(const std::string& dir) {
  std::vector<std::string> out;
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) return out;
  TOKKI_ASSIGN_OR_RETURN(std::vector<std::string> files, ListFilesRecursive(dir));
  for (const auto& f : files) {
    if (f.size() > 4 && f.compare(f.size() - 4, 4, ".xml") == 0) out.push_back(dir + "/" + f);
  }
  return out;
}

}  // namespace

std::optional<std::pair<std::string, int>> ParseTarget(const std::string& target) {
  size_t dot = target.rfind('.');
  if (dot == std::string::npos || dot == 0 || dot + 1 >= target.size()) return std::nullopt;
  int k = 0;
  for (size_t i = dot + 1; i < target.size(); ++i) {
    if (target[i] < '0' || target[i] > '9' || k > 10000) return std::nullopt;
    k = k * 10 + (target[i] - '0');
  }
  if (k < 1) return std::nullopt;
  return std::make_pair(target.substr(0, dot), k);
}

const ModuleVersion* Module::VersionFor(const std::string& edition_id) const {
  for (const auto& v : versions) {
    if (std::find(v.editions.begin(), v.editions.end(), edition_id) != v.editions.end()) {
      return &v;
    }
  }
  return nullptr;
}

const MeasuresVersion* MeasureSet::VersionFor(const std::string& edition_id) const {
  for (const auto& v : versions) {
    if (std::find(v.editions.begin(), v.editions.end(), edition_id) != v.editions.end()) {
      return &v;
    }
  }
  return nullptr;
}

Result<std::shared_ptr<const ClauseLibrary>> ClauseLibrary::Load(const std::string& dir) {
  std::shared_ptr<ClauseLibrary> lib(new ClauseLibrary());
  lib->dir_ = dir;
  TOKKI_ASSIGN_OR_RETURN(std::unique_ptr<RelaxNgSchema> schema,
                         RelaxNgSchema::Load(dir + "/schema/clauses.rng"));

  // library.xml: parameters, editions, types.
  lib->library_file_ = dir + "/library.xml";
  const std::string& lf = lib->library_file_;
  TOKKI_ASSIGN_OR_RETURN(XmlDocPtr ldoc, LoadValidated(lf, *schema));
  xmlNode* root = xmlDocGetRootElement(ldoc.get());
  if (!IsElement(root, "library")) {
    return Status::Invalid(At(lf, LineOf(root)) + ": expected <library>");
  }
  lib->name_ = Attr(root, "name");
  for (xmlNode* p : ChildElements(root, "parameter")) {
    Parameter param;
    param.name = Attr(p, "name");
    param.label = Attr(p, "label");
    if (HasAttr(p, "default")) param.default_value = Attr(p, "default");
    param.required = Attr(p, "required") == "true";
    param.notes = ReadTexts(p, "note");
    lib->parameters_.push_back(std::move(param));
  }
  for (xmlNode* e : ChildElements(root, "edition")) {
    Edition ed;
    ed.id = Attr(e, "id");
    TOKKI_ASSIGN_OR_RETURN(ed.from, ReadDate(e, "from", lf));
    if (HasAttr(e, "until")) {
      TOKKI_ASSIGN_OR_RETURN(Date until, ReadDate(e, "until", lf));
      ed.until = until;
    }
    ed.name = TextContent(FirstChildElement(e, "name"));
    ed.evidence = ReadTexts(e, "evidence");
    ed.sources = ReadSources(e);
    ed.notes = ReadTexts(e, "note");
    for (xmlNode* m : ChildElements(e, "module")) ed.modules.push_back(Attr(m, "ref"));
    if (lib->FindEdition(ed.id) != nullptr) {
      return Status::Invalid(At(lf, LineOf(e)) + ": duplicate edition '" + ed.id + "'");
    }
    lib->editions_.push_back(std::move(ed));
  }
  for (xmlNode* t : ChildElements(root, "type")) {
    ContractType type;
    type.id = Attr(t, "id");
    type.name = Attr(t, "name");
    type.requires_params = SplitSpaces(Attr(t, "requires"));
    if (HasAttr(t, "from")) {
      TOKKI_ASSIGN_OR_RETURN(Date from, ReadDate(t, "from", lf));
      type.from = from;
      type.refusal = TextContent(FirstChildElement(t, "refusal"));
    }
    xmlNode* annex = FirstChildElement(t, "annex");
    type.annex_title = Attr(annex, "title");
    type.all_modules = Attr(annex, "all") == "true";
    for (xmlNode* s : ChildElements(annex, "select")) {
      ContractType::Select sel;
      sel.module = Attr(s, "module");
      std::string items = Attr(s, "items");
      if (!items.empty()) {
        int a = 0, b = 0;
        char dash = 0;
        std::istringstream in(items);
        if (!(in >> a)) a = 0;
        if (in >> dash) {
          if (dash != '-' || !(in >> b)) a = 0;
        } else {
          b = a;
        }
        if (a < 1 || b < a) {
          return Status::Invalid(At(lf, LineOf(s)) + ": bad items range '" + items + "'");
        }
        sel.first = a;
        sel.last = b;
      }
      type.selects.push_back(sel);
    }
    if (xmlNode* m = FirstChildElement(t, "measures")) type.measures_set = Attr(m, "set");
    type.notes = ReadTexts(t, "note");
    lib->types_.push_back(std::move(type));
  }

  // modules/*.xml
  TOKKI_ASSIGN_OR_RETURN(std::vector<std::string> module_files, XmlFilesIn(dir + "/modules"));
  for (const auto& path : module_files) {
    TOKKI_ASSIGN_OR_RETURN(XmlDocPtr doc, LoadValidated(path, *schema));
    xmlNode* m = xmlDocGetRootElement(doc.get());
    if (!IsElement(m, "module")) {
      return Status::Invalid(At(path, LineOf(m)) + ": expected <module>");
    }
    Module mod;
    mod.id = Attr(m, "id");
    mod.category = Attr(m, "category");
    mod.file = path;
    for (xmlNode* v : ChildElements(m, "version")) {
      ModuleVersion ver;
      ver.line = LineOf(v);
      ver.editions = SplitSpaces(Attr(v, "editions"));
      ver.heading = TextContent(FirstChildElement(v, "heading"));
      ver.sources = ReadSources(v);
      ver.notes = ReadTexts(v, "note");
      for (xmlNode* it : ChildElements(v, "item")) {
        ClauseItem item;
        item.text = ReadInline(FirstChildElement(it, "text"));
        for (xmlNode* s : ChildElements(it, "sub")) {
          item.subs.push_back({Attr(s, "label"), ReadInline(s)});
        }
        ver.items.push_back(std::move(item));
      }
      mod.versions.push_back(std::move(ver));
    }
    if (lib->modules_.count(mod.id) != 0) {
      return Status::Invalid(At(path, LineOf(m)) + ": module '" + mod.id + "' is also defined in " +
                             lib->modules_[mod.id].file);
    }
    lib->modules_.emplace(mod.id, std::move(mod));
  }

  // measures/*.xml
  TOKKI_ASSIGN_OR_RETURN(std::vector<std::string> measure_files, XmlFilesIn(dir + "/measures"));
  for (const auto& path : measure_files) {
    TOKKI_ASSIGN_OR_RETURN(XmlDocPtr doc, LoadValidated(path, *schema));
    xmlNode* m = xmlDocGetRootElement(doc.get());
    if (!IsElement(m, "measures")) {
      return Status::Invalid(At(path, LineOf(m)) + ": expected <measures>");
    }
    MeasureSet set;
    set.id = Attr(m, "id");
    set.title = Attr(m, "title");
    set.file = path;
    for (xmlNode* v : ChildElements(m, "version")) {
      MeasuresVersion ver;
      ver.editions = SplitSpaces(Attr(v, "editions"));
      ver.sources = ReadSources(v);
      ver.notes = ReadTexts(v, "note");
      for (xmlNode* g : ChildElements(v, "group")) {
        MeasuresVersion::Group group;
        group.title = Attr(g, "title");
        for (xmlNode* it : ChildElements(g, "item")) group.items.push_back(ReadInline(it));
        ver.groups.push_back(std::move(group));
      }
      set.versions.push_back(std::move(ver));
    }
    if (lib->measures_.count(set.id) != 0) {
      return Status::Invalid(At(path, LineOf(m)) + ": duplicate measures set '" + set.id + "'");
    }
    lib->measures_.emplace(set.id, std::move(set));
  }

  std::stable_sort(lib->editions_.begin(), lib->editions_.end(),
                   [](const Edition& a, const Edition& b) { return a.from < b.from; });
  TOKKI_RETURN_IF_ERROR(lib->Validate());
  return std::shared_ptr<const ClauseLibrary>(std::move(lib));
}

Status ClauseLibrary::Validate() const {
  const std::string& lf = library_file_;
  // Editions: windows in order and not overlapping.
  for (size_t i = 0; i + 1 < editions_.size(); ++i) {
    const Edition& a = editions_[i];
    const Edition& b = editions_[i + 1];
    if (!a.until || !(*a.until < b.from)) {
      return Status::Invalid(lf + ": edition '" + a.id + "' overlaps edition '" + b.id + "'");
    }
  }
  auto check_inline = [this](const InlineText& text, const std::string& file,
                             const std::map<std::string, int>* numbers) -> Status {
    for (const Inline& in : text) {
      if (in.kind == Inline::Kind::kParam && FindParameter(in.text) == nullptr) {
        return Status::Invalid(At(file, in.line) + ": unknown parameter '" + in.text + "'");
      }
      if (numbers == nullptr) continue;
      if (in.kind == Inline::Kind::kRef || in.kind == Inline::Kind::kRange) {
        for (const std::string* t : {&in.text, &in.to}) {
          if (t->empty()) continue;
          if (!ParseTarget(*t)) {
            return Status::Invalid(At(file, in.line) + ": malformed reference target '" + *t +
                                   "' (expected module.N)");
          }
          if (numbers->count(*t) == 0) {
            return Status::Invalid(At(file, in.line) + ": unknown reference target '" + *t + "'");
          }
        }
      }
    }
    return Status::Ok();
  };
  for (const auto& [id, mod] : modules_) {
    std::set<std::string> claimed;
    for (const auto& v : mod.versions) {
      for (const auto& e : v.editions) {
        if (FindEdition(e) == nullptr) {
          return Status::Invalid(At(mod.file, v.line) + ": unknown edition '" + e + "'");
        }
        if (!claimed.insert(e).second) {
          return Status::Invalid(At(mod.file, v.line) + ": two versions of module '" + id +
                                 "' claim edition '" + e + "'");
        }
      }
    }
  }
  for (const Edition& ed : editions_) {
    // Number every item of the edition: "module.K" → printed item number.
    std::map<std::string, int> numbers;
    int n = 0;
    for (const auto& mid : ed.modules) {
      const Module* mod = FindModule(mid);
      if (mod == nullptr) {
        return Status::Invalid(lf + ": edition '" + ed.id + "' lists unknown module '" + mid + "'");
      }
      const ModuleVersion* v = mod->VersionFor(ed.id);
      if (v == nullptr) {
        return Status::Invalid(mod->file + ": module '" + mid + "' has no version for edition '" +
                               ed.id + "'");
      }
      for (size_t k = 1; k <= v->items.size(); ++k) {
        numbers[mid + "." + std::to_string(k)] = ++n;
      }
    }
    for (const auto& mid : ed.modules) {
      const Module* mod = FindModule(mid);
      for (const auto& item : mod->VersionFor(ed.id)->items) {
        TOKKI_RETURN_IF_ERROR(check_inline(item.text, mod->file, &numbers));
        for (const auto& sub : item.subs) {
          TOKKI_RETURN_IF_ERROR(check_inline(sub.text, mod->file, &numbers));
        }
      }
    }
  }
  for (const auto& [id, set] : measures_) {
    for (const auto& v : set.versions) {
      for (const auto& e : v.editions) {
        if (FindEdition(e) == nullptr) {
          return Status::Invalid(set.file + ": unknown edition '" + e + "'");
        }
      }
      for (const auto& g : v.groups) {
        for (const auto& item : g.items) {
          TOKKI_RETURN_IF_ERROR(check_inline(item, set.file, nullptr));
        }
      }
    }
  }
  for (const ContractType& t : types_) {
    for (const auto& p : t.requires_params) {
      if (FindParameter(p) == nullptr) {
        return Status::Invalid(lf + ": type '" + t.id + "' requires unknown parameter '" + p + "'");
      }
    }
    for (const auto& s : t.selects) {
      if (FindModule(s.module) == nullptr) {
        return Status::Invalid(lf + ": type '" + t.id + "' selects unknown module '" + s.module +
                               "'");
      }
    }
    if (!t.measures_set.empty()) {
      const MeasureSet* set = FindMeasures(t.measures_set);
      if (set == nullptr) {
        return Status::Invalid(lf + ": type '" + t.id + "' names unknown measures set '" +
                               t.measures_set + "'");
      }
      for (const Edition& ed : editions_) {
        if (set->VersionFor(ed.id) == nullptr) {
          return Status::Invalid(set->file + ": measures set '" + set->id +
                                 "' has no version for edition '" + ed.id + "'");
        }
      }
    }
  }
  return Status::Ok();
}

const Edition* ClauseLibrary::EditionOn(const Date& date) const {
  for (const auto& e : editions_) {
    if (e.InForceOn(date)) return &e;
  }
  return nullptr;
}

const Edition* ClauseLibrary::FindEdition(const std::string& id) const {
  for (const auto& e : editions_) {
    if (e.id == id) return &e;
  }
  return nullptr;
}

const Module* ClauseLibrary::FindModule(const std::string& id) const {
  auto it = modules_.find(id);
  return it == modules_.end() ? nullptr : &it->second;
}

const ContractType* ClauseLibrary::FindType(const std::string& id) const {
  for (const auto& t : types_) {
    if (t.id == id) return &t;
  }
  return nullptr;
}

const MeasureSet* ClauseLibrary::FindMeasures(const std::string& id) const {
  auto it = measures_.find(id);
  return it == measures_.end() ? nullptr : &it->second;
}

const Parameter* ClauseLibrary::FindParameter(const std::string& name) const {
  for (const auto& p : parameters_) {
    if (p.name == name) return &p;
  }
  return nullptr;
}

}  // namespace tokki
