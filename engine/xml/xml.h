// libxml2 wrappers used by everything that reads or writes XML: safe parsing options,
// RelaxNG validation with file:line errors, and small tree helpers.
//
// Parsing never loads external entities or DTDs, never touches the network, and refuses any
// document with a DOCTYPE (OOXML forbids DTDs; our data files have none either).
#ifndef TOKKI_XML_XML_H_
#define TOKKI_XML_XML_H_

#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/tree.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace tokki {

struct XmlDocDeleter {
  void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};
using XmlDocPtr = std::unique_ptr<xmlDoc, XmlDocDeleter>;

// Parses `data`; `name` is used in error messages ("name:line: problem").
Result<XmlDocPtr> ParseXml(std::string_view data, const std::string& name);

// A compiled RelaxNG schema. Immutable after Load(); Validate() may be called from many
// threads at once (each call has its own validation context).
class RelaxNgSchema {
 public:
  static Result<std::unique_ptr<RelaxNgSchema>> Load(const std::string& path);
  ~RelaxNgSchema();
  RelaxNgSchema(const RelaxNgSchema&) = delete;
  RelaxNgSchema& operator=(const RelaxNgSchema&) = delete;

  // OK when doc is valid; otherwise the first error as "name:line: message".
  Status Validate(xmlDoc* doc, const std::string& name) const;

 private:
  explicit RelaxNgSchema(xmlRelaxNGPtr schema) : schema_(schema) {}
  xmlRelaxNGPtr schema_;
};

// Tree helpers. Names compare the local name only; callers check namespaces where it matters.
bool IsElement(const xmlNode* node, const char* local_name);
std::vector<xmlNode*> ChildElements(const xmlNode* node, const char* local_name = nullptr);
xmlNode* FirstChildElement(const xmlNode* node, const char* local_name);
// Attribute value, or "" when absent.
std::string Attr(const xmlNode* node, const char* name);
bool HasAttr(const xmlNode* node, const char* name);
// Concatenated text content of the node and its descendants.
std::string TextContent(const xmlNode* node);
// Serialises doc as UTF-8 with an XML declaration (standalone="yes" when requested).
std::string SerializeXml(xmlDoc* doc);

}  // namespace tokki

#endif  // TOKKI_XML_XML_H_
