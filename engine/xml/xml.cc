#include "xml/xml.h"

#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/xmlschemastypes.h>

#include <cstring>
#include <mutex>
#include <set>

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
  // Case-sensitive, as XML is; a DOCTYPE can only precede the root element. Anywhere in the
  // data, as data.find("<!DOCTYPE") would say, but found from its '!': markup starts with '<'
  // every few bytes, while '!' is rare (comments, CDATA sections), so memchr skips ahead fast.
  constexpr std::string_view kRest = "DOCTYPE";
  const char* const begin = data.data();
  const char* const end = begin + data.size();
  for (const char* p = begin; p < end;) {
    const auto* bang = static_cast<const char*>(std::memchr(p, '!', static_cast<size_t>(end - p)));
    if (bang == nullptr) return false;
    if (bang > begin && bang[-1] == '<' && static_cast<size_t>(end - bang - 1) >= kRest.size() &&
        std::memcmp(bang + 1, kRest.data(), kRest.size()) == 0) {
      return true;
    }
    p = bang + 1;
  }
  return false;
}

std::string DoctypeRefused(const std::string& name) {
  return name + ": DOCTYPE を含む XML は読みません (DTD と実体宣言は拒否します)";
}

// What ParseXml and ParseXmlSax refuse before parsing.
Status CheckInput(std::string_view data, const std::string& name) {
  if (HasDoctype(data)) return Status::Invalid(DoctypeRefused(name));
  if (data.size() > static_cast<size_t>(INT32_MAX)) {
    return Status::Invalid(name + ": XML part too large");
  }
  return Status::Ok();
}

// Parses `data` in `ctxt` (with the SAX handler it has: libxml2's DOM builder or ours), the
// first error going to `first`. Returns the document the handler built, if any.
xmlDocPtr ReadInto(xmlParserCtxtPtr ctxt, std::string_view data, const std::string& name,
                   ErrorSink* first) {
  const int options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING;
  // The first error says what is wrong; after it the parser reports what follows from it
  // (a text node over libxml2's 10 MB limit is "huge text node", then "Extra content at the
  // end of the document").
  xmlSetStructuredErrorFunc(first, &ErrorSink::Handler);
  xmlDocPtr doc = xmlCtxtReadMemory(ctxt, data.data(), static_cast<int>(data.size()), name.c_str(),
                                    "UTF-8", options);
  xmlSetStructuredErrorFunc(nullptr, nullptr);
  return doc;
}

// The message of a failed parse: its first error, with the line where it was found.
std::string FailureMessage(xmlParserCtxtPtr ctxt, const ErrorSink& first, const std::string& name) {
  if (first.seen) return Located(name, first.line, first.message);
  if (xmlErrorPtr err = xmlCtxtGetLastError(ctxt)) {
    return Located(name, err->line, Trimmed(err->message));
  }
  return name + ": not well-formed XML";
}

// ParseXmlSax's state, reached from libxml2's callbacks through the parser context's
// _private field. It also does what libxml2's DOM builder would have checked (SAX2.c).
struct SaxRun {
  XmlSaxHandler* handler = nullptr;
  ErrorSink* first = nullptr;
  // Length of the text node the DOM builder would be appending to; -1 when the last node
  // built is not text (an element started or ended, a comment, a PI, a CDATA section).
  long long text_node = -1;
  bool doctype = false;
  std::set<std::string> ids;  // xml:id values seen.

  static SaxRun& Of(void* ctx) {
    return *static_cast<SaxRun*>(static_cast<xmlParserCtxtPtr>(ctx)->_private);
  }

  // Records an error at the current line, as libxml2 records its own, without stopping.
  static void Note(void* ctx, const std::string& message) {
    auto* ctxt = static_cast<xmlParserCtxtPtr>(ctx);
    ErrorSink& first = *Of(ctx).first;
    if (first.seen) return;
    first.seen = true;
    first.line = ctxt->input != nullptr ? ctxt->input->line : 0;
    first.message = message;
  }
  static void StartDocument(void* ctx) {
    Of(ctx).handler->StartDocument(static_cast<xmlParserCtxtPtr>(ctx)->dict);
  }
  static void StartElement(void* ctx, const xmlChar* local_name, const xmlChar* prefix,
                           const xmlChar* uri, int, const xmlChar**, int nb_attributes, int,
                           const xmlChar** attributes) {
    auto* ctxt = static_cast<xmlParserCtxtPtr>(ctx);
    SaxRun& run = Of(ctx);
    run.text_node = -1;
    // An undefined prefix (reported by the parser) stays in the DOM node's name: "x:r".
    if (prefix != nullptr && uri == nullptr) {
      if (const xmlChar* qname = xmlDictQLookup(ctxt->dict, prefix, local_name)) {
        local_name = qname;
      }
    }
    for (int i = 0; i < nb_attributes; ++i) {
      const xmlChar** attribute = attributes + 5 * i;
      if (attribute[1] == ctxt->str_xml && xmlStrEqual(attribute[0], BAD_CAST "id")) {
        XmlId(ctx, SaxAttributeValue(attribute[3], attribute[4]));
      }
    }
    run.handler->StartElement(local_name, uri, nb_attributes, attributes);
  }
  // The DOM builder checks xml:id values and registers them (SAX2.c, xmlAddID): errors that
  // do not stop the parse but are the first error if a later one does.
  static void XmlId(void* ctx, const std::string& value) {
    SaxRun& run = Of(ctx);
    if (xmlValidateNCName(BAD_CAST value.c_str(), 1) != 0) {
      Note(ctx, "xml:id : attribute value " + value + " is not an NCName");
    }
    if (!run.ids.insert(value).second) Note(ctx, "ID " + value + " already defined");
  }
  static void EndElement(void* ctx, const xmlChar*, const xmlChar*, const xmlChar*) {
    SaxRun& run = Of(ctx);
    run.text_node = -1;
    run.handler->EndElement();
  }
  static void Characters(void* ctx, const xmlChar* ch, int len) {
    SaxRun& run = Of(ctx);
    // The DOM builder's limit, checked where it appends to a text node (xmlSAX2Text), and
    // what it does then (xmlSAX2ErrMemory): the parse stops where it is, the text not added.
    // Whether the document is then refused is the parser's call, as with the DOM: usually
    // "Extra content at the end of the document" follows; sometimes nothing does and the
    // document is read as far as it went.
    if (run.text_node >= 0) {
      if (run.text_node + len > XML_MAX_TEXT_LENGTH) {
        auto* ctxt = static_cast<xmlParserCtxtPtr>(ctx);
        Note(ctx, "xmlSAX2Characters: huge text node");
        ctxt->errNo = XML_ERR_NO_MEMORY;
        ctxt->instate = XML_PARSER_EOF;
        ctxt->disableSAX = 1;
        return;
      }
      run.text_node += len;
    } else {
      run.text_node = len;
    }
    run.handler->Characters(ch, len);
  }
  static void CData(void* ctx, const xmlChar* ch, int len) {
    SaxRun& run = Of(ctx);
    run.text_node = -1;
    run.handler->Characters(ch, len);
  }
  static void OtherNode(void* ctx, const xmlChar*) { Of(ctx).text_node = -1; }
  static void OtherNode(void* ctx, const xmlChar*, const xmlChar*) { Of(ctx).text_node = -1; }
  // Unreachable after CheckInput; refused like the DOM's internal subset, without reading it.
  static void InternalSubset(void* ctx, const xmlChar*, const xmlChar*, const xmlChar*) {
    Of(ctx).doctype = true;
    xmlStopParser(static_cast<xmlParserCtxtPtr>(ctx));
  }
};

}  // namespace

void InitXml() { xmlInitParser(); }

Result<XmlDocPtr> ParseXml(std::string_view data, const std::string& name) {
  SilenceGenericErrors();
  TOKKI_RETURN_IF_ERROR(CheckInput(data, name));
  xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
  if (ctxt == nullptr) return Status::Internal("libxml2: cannot allocate parser");
  ErrorSink first;
  xmlDocPtr doc = ReadInto(ctxt, data, name, &first);
  if (doc == nullptr || !ctxt->wellFormed) {
    std::string msg = FailureMessage(ctxt, first, name);
    if (doc) xmlFreeDoc(doc);
    xmlFreeParserCtxt(ctxt);
    return Status::Invalid(msg);
  }
  xmlFreeParserCtxt(ctxt);
  if (doc->intSubset != nullptr || doc->extSubset != nullptr) {
    xmlFreeDoc(doc);
    return Status::Invalid(DoctypeRefused(name));
  }
  return XmlDocPtr(doc);
}

Status ParseXmlSax(std::string_view data, const std::string& name, XmlSaxHandler* handler) {
  SilenceGenericErrors();
  TOKKI_RETURN_IF_ERROR(CheckInput(data, name));
  xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
  if (ctxt == nullptr) return Status::Internal("libxml2: cannot allocate parser");
  xmlSAXHandler sax{};
  sax.initialized = XML_SAX2_MAGIC;
  sax.startDocument = &SaxRun::StartDocument;
  sax.startElementNs = &SaxRun::StartElement;
  sax.endElementNs = &SaxRun::EndElement;
  // The same function for both, as in the DOM builder: libxml2 then reports all white space
  // as characters (areBlanks).
  sax.characters = &SaxRun::Characters;
  sax.ignorableWhitespace = &SaxRun::Characters;
  sax.cdataBlock = &SaxRun::CData;
  sax.comment = &SaxRun::OtherNode;
  sax.processingInstruction = &SaxRun::OtherNode;
  sax.internalSubset = &SaxRun::InternalSubset;
  *ctxt->sax = sax;
  ErrorSink first;
  SaxRun run;
  run.handler = handler;
  run.first = &first;
  ctxt->_private = &run;
  xmlDocPtr doc = ReadInto(ctxt, data, name, &first);
  if (doc != nullptr) xmlFreeDoc(doc);  // None is built; in case libxml2 made one anyway.
  Status status = Status::Ok();
  if (run.doctype) {
    status = Status::Invalid(DoctypeRefused(name));
  } else if (!ctxt->wellFormed) {
    status = Status::Invalid(FailureMessage(ctxt, first, name));
  }
  xmlFreeParserCtxt(ctxt);
  return status;
}

std::string SaxAttributeValue(const xmlChar* value, const xmlChar* end) {
  std::string_view v(reinterpret_cast<const char*>(value), static_cast<size_t>(end - value));
  if (v.find('&') == std::string_view::npos) return std::string(v);
  // The parser keeps '&' (from "&amp;" or "&#38;") as "&#38;" for the DOM builder to decode;
  // nothing else in a value starts with '&' (any other reference is an error or decoded).
  std::string out;
  out.reserve(v.size());
  for (size_t i = 0; i < v.size();) {
    if (v.compare(i, 5, "&#38;") == 0) {
      out += '&';
      i += 5;
    } else {
      out += v[i++];
    }
  }
  return out;
}

Result<std::unique_ptr<RelaxNgSchema>> RelaxNgSchema::Load(const std::string& path) {
  SilenceGenericErrors();
  {
    // libxml2 registers its RELAX NG datatype libraries, and builds the XML Schema types they
    // look names up in, on first use, lazily and without a lock: two threads parsing their first
    // schema at once (the clause library and the rules load side by side) left one with "type
    // 'token' is not exported by type library". Both are set up here under a lock, and libxml2
    // then finds them ready.
    static std::mutex types_mu;
    std::lock_guard<std::mutex> lock(types_mu);
    xmlSchemaInitTypes();
    xmlRelaxNGInitTypes();
  }
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
