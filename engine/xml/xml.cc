#include "xml/xml.h"

#include <cstring>

#include "base/file.h"

namespace tokki {
namespace {

std::string Trimmed(const char* msg) {
  std::string s = msg ? msg : "";
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

std::string Located(const std::string& name, int line, const std::string& msg) {
  if (line > 0) return name + ":" + std::to_string(line) + ": " + msg;
  return name + ": " + msg;
}

// Collects the first structured error of a parse or a RelaxNG validation.
struct ErrorSink {
  bool seen = false;
  int line = 0;
  std::string message;
  static void Handler(void* data, xmlErrorPtr error) {
    auto* sink = static_cast<ErrorSink*>(data);
    if (sink->seen || error == nullptr) return;
    sink->seen = true;
    sink->line = error->line;
    if (error->node != nullptr && sink->line <= 0) {
      sink->line = static_cast<int>(xmlGetLineNo(static_cast<xmlNode*>(error->node)));
    }
    sink->message = Trimmed(error->message);
    // libxml2 advises an option the user cannot set.
    if (const size_t at = sink->message.find(" use XML_PARSE_HUGE option"); at != std::string::npos)
      sink->message.erase(at);
  }
};

// libxml2 reports some problems through its generic error callback, which prints to stderr.
// Every error we care about is collected through a context or structured handler instead, so
// the generic output is dropped: tokki's contract is one line per problem.
void IgnoreGenericError(void*, const char*, ...) {}

// The setting is per thread in Debian's (threaded) libxml2, so it is made on every call.
void SilenceGenericErrors() { xmlSetGenericErrorFunc(nullptr, &IgnoreGenericError); }

bool HasDoctype(std::string_view data) {
  // Case-sensitive, as XML is; a DOCTYPE can only precede the root element.
  return data.find("<!DOCTYPE") != std::string_view::npos;
}

}  // namespace

Result<XmlDocPtr> ParseXml(std::string_view data, const std::string& name) {
  SilenceGenericErrors();
  if (HasDoctype(data)) {
    return Status::Invalid(name + ": DOCTYPE を含む XML は読みません (DTD と実体宣言は拒否します)");
  }
  if (data.size() > static_cast<size_t>(INT32_MAX)) {
    return Status::Invalid(name + ": XML part too large");
  }
  xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
  if (ctxt == nullptr) return Status::Internal("libxml2: cannot allocate parser");
  const int options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING;
  // The first error says what is wrong; after it the parser reports what follows from it
  // (a text node over libxml2's 10 MB limit is "huge text node", then "Extra content at the
  // end of the document").
  ErrorSink first;
  xmlSetStructuredErrorFunc(&first, &ErrorSink::Handler);
  xmlDocPtr doc = xmlCtxtReadMemory(ctxt, data.data(), static_cast<int>(data.size()), name.c_str(),
                                    "UTF-8", options);
  xmlSetStructuredErrorFunc(nullptr, nullptr);
  if (doc == nullptr || !ctxt->wellFormed) {
    xmlErrorPtr err = xmlCtxtGetLastError(ctxt);
    std::string msg = first.seen ? Located(name, first.line, first.message)
                      : err      ? Located(name, err->line, Trimmed(err->message))
                                 : name + ": not well-formed XML";
    if (doc) xmlFreeDoc(doc);
    xmlFreeParserCtxt(ctxt);
    return Status::Invalid(msg);
  }
  xmlFreeParserCtxt(ctxt);
  if (doc->intSubset != nullptr || doc->extSubset != nullptr) {
    xmlFreeDoc(doc);
    return Status::Invalid(name + ": DOCTYPE を含む XML は読みません (DTD と実体宣言は拒否します)");
  }
  return XmlDocPtr(doc);
}

Result<std::unique_ptr<RelaxNgSchema>> RelaxNgSchema::Load(const std::string& path) {
  SilenceGenericErrors();
  // Read the file ourselves: libxml2 would print its own I/O warning for a missing file.
  TOKKI_ASSIGN_OR_RETURN(std::string data, ReadFile(path, 16 << 20));
  xmlRelaxNGParserCtxtPtr pctxt =
      xmlRelaxNGNewMemParserCtxt(data.data(), static_cast<int>(data.size()));
  if (pctxt == nullptr) return Status::IoError(path + ": cannot read schema");
  ErrorSink sink;
  xmlRelaxNGSetParserStructuredErrors(pctxt, &ErrorSink::Handler, &sink);
  xmlRelaxNGPtr schema = xmlRelaxNGParse(pctxt);
  xmlRelaxNGFreeParserCtxt(pctxt);
  if (schema == nullptr) {
    return Status::Invalid(Located(path, sink.line, sink.seen ? sink.message : "invalid schema"));
  }
  return std::unique_ptr<RelaxNgSchema>(new RelaxNgSchema(schema));
}

RelaxNgSchema::~RelaxNgSchema() { xmlRelaxNGFree(schema_); }

Status RelaxNgSchema::Validate(xmlDoc* doc, const std::string& name) const {
  xmlRelaxNGValidCtxtPtr vctxt = xmlRelaxNGNewValidCtxt(schema_);
  if (vctxt == nullptr) return Status::Internal("libxml2: cannot allocate validator");
  ErrorSink sink;
  xmlRelaxNGSetValidStructuredErrors(vctxt, &ErrorSink::Handler, &sink);
  int rc = xmlRelaxNGValidateDoc(vctxt, doc);
  xmlRelaxNGFreeValidCtxt(vctxt);
  if (rc == 0) return Status::Ok();
  return Status::Invalid(
      Located(name, sink.line, "schema: " + (sink.seen ? sink.message : "invalid document")));
}

bool IsElement(const xmlNode* node, const char* local_name) {
  return node != nullptr && node->type == XML_ELEMENT_NODE &&
         (local_name == nullptr ||
          std::strcmp(reinterpret_cast<const char*>(node->name), local_name) == 0);
}

std::vector<xmlNode*> ChildElements(const xmlNode* node, const char* local_name) {
  std::vector<xmlNode*> out;
  if (node == nullptr) return out;
  for (xmlNode* c = node->children; c != nullptr; c = c->next) {
    if (IsElement(c, local_name)) out.push_back(c);
  }
  return out;
}

xmlNode* FirstChildElement(const xmlNode* node, const char* local_name) {
  if (node == nullptr) return nullptr;
  for (xmlNode* c = node->children; c != nullptr; c = c->next) {
    if (IsElement(c, local_name)) return c;
  }
  return nullptr;
}

std::string Attr(const xmlNode* node, const char* name) {
  xmlChar* v = xmlGetProp(node, reinterpret_cast<const xmlChar*>(name));
  if (v == nullptr) return "";
  std::string s(reinterpret_cast<const char*>(v));
  xmlFree(v);
  return s;
}

bool HasAttr(const xmlNode* node, const char* name) {
  return xmlHasProp(node, reinterpret_cast<const xmlChar*>(name)) != nullptr;
}

std::string TextContent(const xmlNode* node) {
  xmlChar* v = xmlNodeGetContent(node);
  if (v == nullptr) return "";
  std::string s(reinterpret_cast<const char*>(v));
  xmlFree(v);
  return s;
}

std::string SerializeXml(xmlDoc* doc) {
  xmlChar* buf = nullptr;
  int size = 0;
  xmlDocDumpMemoryEnc(doc, &buf, &size, "UTF-8");
  std::string out(reinterpret_cast<const char*>(buf), static_cast<size_t>(size));
  xmlFree(buf);
  return out;
}

}  // namespace tokki
