// Small .docx packages built in tests from hand-written XML parts, for the reader's tests.
// Header-only: the helpers are a few lines each.
#ifndef TOKKI_TESTS_TESTING_DOCX_FIXTURE_H_
#define TOKKI_TESTS_TESTING_DOCX_FIXTURE_H_

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "read/document.h"
#include "zip/zip_writer.h"

namespace tokki::testing_docx {

// Every prefix the fixtures use, declared on each part's root element.
inline constexpr char kNamespaces[] =
    "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" "
    "xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\" "
    "xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" "
    "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" "
    "xmlns:wps=\"http://schemas.microsoft.com/office/word/2010/wordprocessingShape\" "
    "xmlns:v=\"urn:schemas-microsoft-com:vml\" "
    "xmlns:w14=\"http://schemas.microsoft.com/office/word/2010/wordml\"";

inline constexpr char kXmlDecl[] = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>";

// word/document.xml with `content` as the body.
inline std::string Body(const std::string& content) {
  return std::string(kXmlDecl) + "<w:document " + kNamespaces + "><w:body>" + content +
         "</w:body></w:document>";
}

// A paragraph of one run.
inline std::string P(const std::string& text) {
  return "<w:p><w:r><w:t xml:space=\"preserve\">" + text + "</w:t></w:r></w:p>";
}

// word/numbering.xml and word/styles.xml with `content` inside the root.
inline std::string NumberingXml(const std::string& content) {
  return std::string(kXmlDecl) + "<w:numbering " + kNamespaces + ">" + content + "</w:numbering>";
}
inline std::string StylesXml(const std::string& content) {
  return std::string(kXmlDecl) + "<w:styles " + kNamespaces + ">" + content + "</w:styles>";
}

// One w:lvl of an abstractNum.
inline std::string Lvl(int ilvl, const std::string& format, const std::string& text, int start = 1,
                       const std::string& extra = "") {
  return "<w:lvl w:ilvl=\"" + std::to_string(ilvl) + "\"><w:start w:val=\"" +
         std::to_string(start) + "\"/><w:numFmt w:val=\"" + format + "\"/>" + extra +
         "<w:lvlText w:val=\"" + text + "\"/><w:lvlJc w:val=\"left\"/></w:lvl>";
}
inline std::string AbstractNum(int id, const std::string& content) {
  return "<w:abstractNum w:abstractNumId=\"" + std::to_string(id) + "\">" + content +
         "</w:abstractNum>";
}
inline std::string Num(int id, int abstract_id, const std::string& overrides = "") {
  return "<w:num w:numId=\"" + std::to_string(id) + "\"><w:abstractNumId w:val=\"" +
         std::to_string(abstract_id) + "\"/>" + overrides + "</w:num>";
}
// A paragraph numbered directly (w:numPr in its w:pPr).
inline std::string NumP(int num_id, int ilvl, const std::string& text) {
  return "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"" + std::to_string(ilvl) + "\"/><w:numId w:val=\"" +
         std::to_string(num_id) + "\"/></w:numPr></w:pPr><w:r><w:t>" + text + "</w:t></w:r></w:p>";
}
// A paragraph with a paragraph style.
inline std::string StyledP(const std::string& style, const std::string& text) {
  return "<w:p><w:pPr><w:pStyle w:val=\"" + style + "\"/></w:pPr><w:r><w:t>" + text +
         "</w:t></w:r></w:p>";
}

// Builds a package: [Content_Types].xml, _rels/.rels, the main part and its relationships,
// and whatever parts are added.
class DocxPackage {
 public:
  DocxPackage& Document(std::string xml) {
    document_ = std::move(xml);
    return *this;
  }
  // Where _rels/.rels says the main part is (default word/document.xml).
  DocxPackage& DocumentAt(std::string part) {
    main_ = std::move(part);
    return *this;
  }
  DocxPackage& Numbering(std::string xml) { return Related("numbering", std::move(xml)); }
  DocxPackage& Styles(std::string xml) { return Related("styles", std::move(xml)); }
  DocxPackage& Part(std::string name, std::string xml) {
    parts_.emplace_back(std::move(name), std::move(xml));
    return *this;
  }

  std::string Build() const {
    const std::string rel_ns = "http://schemas.openxmlformats.org/package/2006/relationships";
    const std::string rel_type =
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
    ZipWriter w;
    w.Add("[Content_Types].xml",
          std::string(kXmlDecl) +
              "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
              "<Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>");
    w.Add("_rels/.rels", std::string(kXmlDecl) + "<Relationships xmlns=\"" + rel_ns +
                             "\"><Relationship Id=\"rId1\" Type=\"" + rel_type +
                             "officeDocument\" Target=\"" + main_ + "\"/></Relationships>");
    if (!document_.empty()) w.Add(main_, document_);
    std::string rels;
    for (size_t i = 0; i < related_.size(); ++i) {
      rels += "<Relationship Id=\"rId" + std::to_string(i + 1) + "\" Type=\"" + rel_type +
              related_[i].first + "\" Target=\"" + related_[i].first + ".xml\"/>";
      w.Add("word/" + related_[i].first + ".xml", related_[i].second);
    }
    const std::string base = main_.substr(main_.rfind('/') + 1);
    w.Add("word/_rels/" + base + ".rels", std::string(kXmlDecl) + "<Relationships xmlns=\"" +
                                              rel_ns + "\">" + rels + "</Relationships>");
    for (const auto& [name, xml] : parts_) w.Add(name, xml);
    auto bytes = w.Finish();
    EXPECT_TRUE(bytes.ok()) << bytes.status().message();
    return bytes.ok() ? *bytes : std::string();
  }

 private:
  DocxPackage& Related(std::string type, std::string xml) {
    related_.emplace_back(std::move(type), std::move(xml));
    return *this;
  }
  std::string main_ = "word/document.xml";
  std::string document_;
  std::vector<std::pair<std::string, std::string>> related_;
  std::vector<std::pair<std::string, std::string>> parts_;
};

inline std::vector<std::string> Texts(const Document& doc) {
  std::vector<std::string> out;
  for (const auto& p : doc.paragraphs) out.push_back(p.text);
  return out;
}

}  // namespace tokki::testing_docx

#endif  // TOKKI_TESTS_TESTING_DOCX_FIXTURE_H_
