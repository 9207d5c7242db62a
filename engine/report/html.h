// HTML helpers shared by the renderers.
#ifndef TOKKI_REPORT_HTML_H_
#define TOKKI_REPORT_HTML_H_

#include <string>
#include <string_view>

namespace tokki {

// Escapes text for HTML element content and double- or single-quoted attribute values.
inline std::string HtmlEscape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

}  // namespace tokki

#endif  // TOKKI_REPORT_HTML_H_
