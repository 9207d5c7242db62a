#include "docx/annotate.h"

#include <algorithm>
#include <map>
#include <memory>

#include "xml/xml.h"
#include "zip/zip_reader.h"
#include "zip/zip_writer.h"

namespace tokki {
namespace {

constexpr const char* kW = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
constexpr const char* kDocument = "word/document.xml";
constexpr const char* kComments = "word/comments.xml";
constexpr const char* kRels = "word/_rels/document.xml.rels";
constexpr const char* kContentTypes = "[Content_Types].xml";
constexpr const char* kCommentsType =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml";
constexpr const char* kCommentsRel =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments";

const xmlChar* X(const char* s) { return reinterpret_cast<const xmlChar*>(s); }
const xmlChar* X(const std::string& s) { return X(s.c_str()); }

void CollectParagraphs(xmlNode* node, std::vector<xmlNode*>* out) {
  for (xmlNode* c = node->children; c != nullptr; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    if (IsElement(c, "p")) out->push_back(c);
    CollectParagraphs(c, out);
  }
}

xmlNode* NewW(xmlNs* w, const char* name, const std::string& id = "") {
  xmlNode* n = xmlNewNode(w, X(name));
  if (!id.empty()) xmlNewNsProp(n, w, X("id"), X(id));
  return n;
}

// Anchors comment `id` on the whole paragraph: range start after w:pPr, range end and the
// reference run at its end.
void Anchor(xmlNode* p, xmlNs* w, const std::string& id) {
  xmlNode* first = p->children;
  while (first != nullptr && first->type != XML_ELEMENT_NODE) first = first->next;
  xmlNode* start = NewW(w, "commentRangeStart", id);
  if (first != nullptr && IsElement(first, "pPr")) {
    xmlAddNextSibling(first, start);
  } else if (first != nullptr) {
    xmlAddPrevSibling(first, start);
  } else {
    xmlAddChild(p, start);
  }
  xmlAddChild(p, NewW(w, "commentRangeEnd", id));
  xmlNode* run = xmlNewChild(p, w, X("r"), nullptr);
  xmlAddChild(run, NewW(w, "commentReference", id));
}

int MaxCommentId(xmlNode* root) {
  int max = -1;
  for (xmlNode* c : ChildElements(root, "comment")) {
    max = std::max(max, std::atoi(Attr(c, "id").c_str()));
  }
  return max;
}

}  // namespace

Result<std::string> AnnotateDocx(std::string_view original, const std::string& name,
                                 const std::vector<DocxComment>& comments,
                                 const AnnotateOptions& options) {
  TOKKI_ASSIGN_OR_RETURN(std::unique_ptr<ZipReader> zip, ZipReader::Open(original, name));
  if (!zip->Contains(kDocument) || !zip->Contains(kContentTypes)) {
    return Status::Invalid(name + ": word/document.xml がないため注釈を付けられません");
  }
  std::map<std::string, std::string> changed;

  // word/document.xml: anchors.
  TOKKI_ASSIGN_OR_RETURN(std::string doc_xml, zip->Read(kDocument));
  TOKKI_ASSIGN_OR_RETURN(XmlDocPtr doc, ParseXml(doc_xml, name + ": " + kDocument));
  xmlNode* root = xmlDocGetRootElement(doc.get());
  xmlNs* w = xmlSearchNsByHref(doc.get(), root, X(kW));
  xmlNode* body = FirstChildElement(root, "body");
  if (w == nullptr || body == nullptr) {
    return Status::Invalid(name + ": word/document.xml が Word の本文ではありません");
  }
  std::vector<xmlNode*> paragraphs;
  CollectParagraphs(body, &paragraphs);

  // word/comments.xml: the existing part or a new one.
  XmlDocPtr comments_doc;
  bool had_comments = zip->Contains(kComments);
  if (had_comments) {
    TOKKI_ASSIGN_OR_RETURN(std::string xml, zip->Read(kComments));
    TOKKI_ASSIGN_OR_RETURN(comments_doc, ParseXml(xml, name + ": " + kComments));
  } else {
    std::string xml = std::string("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>") +
                      "<w:comments xmlns:w=\"" + kW + "\"/>";
    TOKKI_ASSIGN_OR_RETURN(comments_doc, ParseXml(xml, kComments));
  }
  xmlNode* croot = xmlDocGetRootElement(comments_doc.get());
  xmlNs* cw = xmlSearchNsByHref(comments_doc.get(), croot, X(kW));
  if (cw == nullptr) return Status::Invalid(name + ": word/comments.xml が不正です");
  int next_id = MaxCommentId(croot) + 1;
  const std::string date = options.date.ToIso() + "T00:00:00Z";

  for (const DocxComment& c : comments) {
    xmlNode* target = nullptr;
    if (c.paragraph_node > 0 && static_cast<size_t>(c.paragraph_node) <= paragraphs.size()) {
      target = paragraphs[static_cast<size_t>(c.paragraph_node - 1)];
    } else {
      // The start of the document: a new empty paragraph before the first block, so the
      // comment does not seem to be about the first clause.
      target = xmlNewNode(w, X("p"));
      xmlNode* first = body->children;
      while (first != nullptr && first->type != XML_ELEMENT_NODE) first = first->next;
      if (first != nullptr) {
        xmlAddPrevSibling(first, target);
      } else {
        xmlAddChild(body, target);
      }
    }
    std::string id = std::to_string(next_id++);
    Anchor(target, w, id);
    xmlNode* comment = xmlNewChild(croot, cw, X("comment"), nullptr);
    xmlNewNsProp(comment, cw, X("id"), X(id));
    xmlNewNsProp(comment, cw, X("author"), X(options.author));
    xmlNewNsProp(comment, cw, X("date"), X(date));
    xmlNewNsProp(comment, cw, X("initials"), X(options.initials));
    size_t pos = 0;
    do {
      size_t nl = c.text.find('\n', pos);
      std::string line = c.text.substr(pos, nl == std::string::npos ? std::string::npos : nl - pos);
      xmlNode* p = xmlNewChild(comment, cw, X("p"), nullptr);
      xmlNode* r = xmlNewChild(p, cw, X("r"), nullptr);
      xmlNode* t = xmlNewTextChild(r, cw, X("t"), X(line));
      if (!line.empty() && (line.front() == ' ' || line.back() == ' '))
        xmlNodeSetSpacePreserve(t, 1);
      pos = nl == std::string::npos ? std::string::npos : nl + 1;
    } while (pos != std::string::npos);
  }
  doc->standalone = 1;
  comments_doc->standalone = 1;
  changed[kDocument] = SerializeXml(doc.get());
  changed[kComments] = SerializeXml(comments_doc.get());

  if (!had_comments) {
    // [Content_Types].xml: an Override for the new part.
    TOKKI_ASSIGN_OR_RETURN(std::string ct, zip->Read(kContentTypes));
    TOKKI_ASSIGN_OR_RETURN(XmlDocPtr ctd, ParseXml(ct, name + ": " + std::string(kContentTypes)));
    xmlNode* ctr = xmlDocGetRootElement(ctd.get());
    xmlNode* o = xmlNewChild(ctr, ctr->ns, X("Override"), nullptr);
    xmlNewProp(o, X("PartName"), X("/word/comments.xml"));
    xmlNewProp(o, X("ContentType"), X(kCommentsType));
    ctd->standalone = 1;
    changed[kContentTypes] = SerializeXml(ctd.get());
    // document.xml.rels: a relationship with an unused id.
    XmlDocPtr relsd;
    if (zip->Contains(kRels)) {
      TOKKI_ASSIGN_OR_RETURN(std::string rels, zip->Read(kRels));
      TOKKI_ASSIGN_OR_RETURN(relsd, ParseXml(rels, name + ": " + std::string(kRels)));
    } else {
      TOKKI_ASSIGN_OR_RETURN(
          relsd, ParseXml("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                          "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
                          "relationships\"/>",
                          kRels));
    }
    xmlNode* rr = xmlDocGetRootElement(relsd.get());
    std::string rid;
    for (int n = 1;; ++n) {
      rid = "rIdTokkiComments" + std::to_string(n);
      bool used = false;
      for (xmlNode* r : ChildElements(rr, "Relationship")) used |= Attr(r, "Id") == rid;
      if (!used) break;
    }
    xmlNode* rel = xmlNewChild(rr, rr->ns, X("Relationship"), nullptr);
    xmlNewProp(rel, X("Id"), X(rid));
    xmlNewProp(rel, X("Type"), X(kCommentsRel));
    xmlNewProp(rel, X("Target"), X("comments.xml"));
    relsd->standalone = 1;
    changed[kRels] = SerializeXml(relsd.get());
  }

  // The package: every original entry in its order, copied as it was unless changed.
  auto source = std::make_shared<const std::string>(original);
  ZipWriter out;
  const auto& entries = zip->entries();
  for (size_t i = 0; i < entries.size(); ++i) {
    // Directory entries carry nothing and have caused Word repair prompts (DOCX.md).
    if (!entries[i].empty() && entries[i].back() == '/') continue;
    auto it = changed.find(entries[i]);
    if (it != changed.end()) {
      out.Add(entries[i], std::move(it->second));
      changed.erase(it);
    } else {
      out.AddCopy(entries[i], source, i);
    }
  }
  for (auto& [part, data] : changed) out.Add(part, std::move(data));  // New parts.
  return out.Finish();
}

}  // namespace tokki
