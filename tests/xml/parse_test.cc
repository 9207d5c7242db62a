// ParseXml and ParseXmlSax: what they refuse before parsing (any "<!DOCTYPE" in the data).
#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "xml/xml.h"

namespace tokki {
namespace {

class NullHandler final : public XmlSaxHandler {
 public:
  void StartElement(const xmlChar*, const xmlChar*, int, const xmlChar**) override {}
  void EndElement() override {}
  void Characters(const xmlChar*, int) override {}
};

bool RefusedForDoctype(std::string_view xml) {
  NullHandler handler;
  const Status sax = ParseXmlSax(xml, "x.xml", &handler);
  auto dom = ParseXml(xml, "x.xml");
  const bool sax_refused = !sax.ok() && sax.message().find("DOCTYPE") != std::string::npos;
  const bool dom_refused = !dom.ok() && dom.status().message().find("DOCTYPE") != std::string::npos;
  EXPECT_EQ(sax_refused, dom_refused) << xml;
  return sax_refused;
}

TEST(ParseXmlTest, RefusesDoctypeWherever) {
  EXPECT_TRUE(RefusedForDoctype("<!DOCTYPE r><r/>"));
  EXPECT_TRUE(RefusedForDoctype("<?xml version=\"1.0\"?>\n<!DOCTYPE r [<!ENTITY x \"y\">]><r/>"));
  // After other '!' markup, and where libxml2 would not read it as a DOCTYPE.
  EXPECT_TRUE(RefusedForDoctype("<!-- a! --><!DOCTYPE r><r/>"));
  EXPECT_TRUE(RefusedForDoctype("<r><!-- <!DOCTYPE r> --></r>"));
  EXPECT_TRUE(RefusedForDoctype("<r><![CDATA[<!DOCTYPE]]></r>"));
  EXPECT_TRUE(RefusedForDoctype("<r>!!<!DOCTYPE"));
}

TEST(ParseXmlTest, ReadsNearMisses) {
  NullHandler handler;
  for (std::string_view xml : {"<r>!DOCTYPE</r>", "<r>!</r>", "<r><!-- !DOCTYPE --></r>",
                               "<r>&lt;!DOCTYPE</r>", "<r><!-- <!doctype --></r>"}) {
    EXPECT_TRUE(ParseXmlSax(xml, "x.xml", &handler).ok()) << xml;
    EXPECT_TRUE(ParseXml(xml, "x.xml").ok()) << xml;
  }
  // Cut short: not a DOCTYPE, so libxml2 says what is wrong.
  for (std::string_view xml : {"<r/><!DOCTYP", "<r/><!", "!", "<!DOCTYP"}) {
    EXPECT_FALSE(RefusedForDoctype(xml)) << xml;
  }
}

}  // namespace
}  // namespace tokki
