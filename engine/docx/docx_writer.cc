#include "docx/docx_writer.h"

#include <algorithm>
#include <cstring>
#include <set>

#include "base/file.h"
#include "xml/xml.h"
#include "zip/zip_writer.h"

namespace tokki {
namespace {

constexpr const char* kBodyPlaceholder = "{{TOKKI_BODY}}";
constexpr const char* kDatePlaceholder = "{{TOKKI_DATE}}";
constexpr const char* kContentTypes = "[Content_Types].xml";
constexpr const char* kDocument = "word/document.xml";

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

// Finds the <w:p> whose text is the body placeholder.
xmlNode* FindPlaceholder(xmlNode* node) {
  for (xmlNode* c = node->children; c != nullptr; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    if (IsElement(c, "p") && TextContent(c) == kBodyPlaceholder) return c;
    if (xmlNode* found = FindPlaceholder(c)) return found;
  }
  return nullptr;
}

void AddText(xmlNode* run, xmlNs* w, const std::string& text) {
  if (text.empty()) return;
  xmlNode* t = xmlNewTextChild(run, w, X("t"), X(text.c_str()));
  if (text.front() == ' ' || text.back() == ' ' || text.find("  ") != std::string::npos) {
    xmlNodeSetSpacePreserve(t, 1);
  }
}

xmlNode* BuildRun(const DocxRun& r, xmlNs* w) {
  xmlNode* run = xmlNewNode(w, X("r"));
  if (r.bold || r.underline) {
    xmlNode* rpr = xmlNewChild(run, w, X("rPr"), nullptr);
    // Schema order of w:rPr children: b before u.
    if (r.bold) xmlNewChild(rpr, w, X("b"), nullptr);
    if (r.underline) xmlNewNsProp(xmlNewChild(rpr, w, X("u"), nullptr), w, X("val"), X("single"));
  }
  std::string pending;
  for (char c : r.text) {
    if (c == '\t' || c == '\n') {
      AddText(run, w, pending);
      pending.clear();
      xmlNewChild(run, w, X(c == '\t' ? "tab" : "br"), nullptr);
    } else {
      pending += c;
    }
  }
  AddText(run, w, pending);
  return run;
}

xmlNode* BuildParagraph(const DocxParagraph& p, xmlNs* w) {
  xmlNode* para = xmlNewNode(w, X("p"));
  if (!p.style.empty()) {
    xmlNode* ppr = xmlNewChild(para, w, X("pPr"), nullptr);
    xmlNode* style = xmlNewChild(ppr, w, X("pStyle"), nullptr);
    xmlNewNsProp(style, w, X("val"), X(p.style.c_str()));
  }
  for (const auto& r : p.runs) xmlAddChild(para, BuildRun(r, w));
  return para;
}

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
  std::set<std::string> names_present(names.begin(), names.end());
  for (const auto& [name, data] : t->parts_) {
    if (name == kDocument && data.find(kBodyPlaceholder) == std::string::npos) {
      return Status::Invalid(dir + "/" + name + ": no " + kBodyPlaceholder + " paragraph");
    }
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
  return std::shared_ptr<const DocxTemplate>(std::move(t));
}

Result<std::string> WriteDocx(const DocxTemplate& tmpl, const std::vector<DocxParagraph>& body,
                              const Date& date) {
  ZipWriter zip;
  for (const auto& [name, data] : tmpl.parts()) {
    if (name == kDocument) {
      TOKKI_ASSIGN_OR_RETURN(XmlDocPtr doc, ParseXml(data, name));
      xmlNode* placeholder = FindPlaceholder(xmlDocGetRootElement(doc.get()));
      if (placeholder == nullptr) return Status::Internal(name + ": placeholder not found");
      xmlNs* w = placeholder->ns;
      for (const auto& p : body) xmlAddPrevSibling(placeholder, BuildParagraph(p, w));
      xmlUnlinkNode(placeholder);
      xmlFreeNode(placeholder);
      doc->standalone = 1;
      zip.Add(name, SerializeXml(doc.get()));
    } else if (name == "docProps/core.xml") {
      std::string core = data;
      ReplaceAll(core, kDatePlaceholder, date.ToIso());
      zip.Add(name, std::move(core));
    } else {
      zip.Add(name, data);
    }
  }
  return zip.Finish();
}

}  // namespace tokki
