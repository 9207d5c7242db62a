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

// Initialises libxml2's global state. libxml2 2.9 does this lazily on first use, and that
// first use is not safe from two threads at once: a program calls this before it starts
// threads that parse (tokki's main does). Later calls do nothing.
void InitXml();

// Parses `data`; `name` is used in error messages ("name:line: problem").
Result<XmlDocPtr> ParseXml(std::string_view data, const std::string& name);

// The receiver of ParseXmlSax: libxml2's SAX2 events, without building a DOM.
class XmlSaxHandler {
 public:
  virtual ~XmlSaxHandler() = default;
  // Once, before the root element: the dictionary that interns every element and attribute
  // local name of this parse, so that names can be compared as pointers (xmlDictLookup).
  virtual void StartDocument(xmlDict* dict) { (void)dict; }
  // `attributes` holds nb_attributes entries of five pointers (localname, prefix, URI, value,
  // end of value), as libxml2's startElementNs gives them; see SaxAttributeValue.
  virtual void StartElement(const xmlChar* local_name, const xmlChar* uri, int nb_attributes,
                            const xmlChar** attributes) = 0;
  virtual void EndElement() = 0;
  // Character data in document order: text, CDATA sections, character references and the
  // predefined entities, as the DOM's text and CDATA nodes hold it.
  virtual void Characters(const xmlChar* ch, int len) = 0;
};

// Parses `data` as ParseXml does (same options, DOCTYPE refused, no entity expansion, no
// network, libxml2's depth limit, the DOM builder's 10 MB text-node limit, the first error
// reported as "name:line: problem" in the same words), giving the events to `handler` instead
// of building a tree. On error the handler may have seen part of the document. As with the
// DOM, a parse that libxml2 stops without calling the document ill-formed (a text node over
// the limit, in some places) succeeds with the document as far as it went: elements still
// open then get no EndElement.
Status ParseXmlSax(std::string_view data, const std::string& name, XmlSaxHandler* handler);

// The value of an attribute given to XmlSaxHandler::StartElement (attributes[5*i+3] to
// attributes[5*i+4]), as the DOM's attribute holds it: libxml2 hands '&' over as "&#38;".
std::string SaxAttributeValue(const xmlChar* value, const xmlChar* end);

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
