#include "report/annex_render.h"

#include <nlohmann/json.hpp>

#include "report/html.h"

namespace tokki {
namespace {

std::string Parenthesised(const std::string& heading) { return "（" + heading + "）"; }

std::string GroupTitle(const std::string& title) { return "【" + title + "】"; }

}  // namespace

Result<AnnexFormat> ParseAnnexFormat(const std::string& name) {
  if (name == "docx") return AnnexFormat::kDocx;
  if (name == "html") return AnnexFormat::kHtml;
  if (name == "txt" || name == "text") return AnnexFormat::kTxt;
  if (name == "json") return AnnexFormat::kJson;
  return Status::Invalid("「" + name + "」は不明な形式です（docx, html, txt, json）");
}

const char* AnnexFormatExtension(AnnexFormat format) {
  switch (format) {
    case AnnexFormat::kDocx:
      return ".docx";
    case AnnexFormat::kHtml:
      return ".html";
    case AnnexFormat::kTxt:
      return ".txt";
    case AnnexFormat::kJson:
      return ".json";
  }
  return "";
}

std::vector<DocxParagraph> AnnexParagraphs(const Annex& annex) {
  std::vector<DocxParagraph> out;
  size_t count = 5 + annex.info.size();
  for (const auto& item : annex.items) count += 2 + item.subs.size();
  if (annex.measures) {
    for (const auto& g : annex.measures->groups) count += 1 + g.items.size();
  }
  out.reserve(count);
  // Paragraphs built in place: a braced DocxParagraph{style, {{text}}} copies its run out of the
  // initializer list.
  auto add = [&out](const char* style, std::string text) {
    DocxParagraph& p = out.emplace_back();
    p.style = style;
    p.runs.emplace_back().text = std::move(text);
  };
  add("TokkiTitle", annex.title);
  if (!annex.subtitle.empty()) add("TokkiPart", Parenthesised(annex.subtitle));
  for (const auto& [label, value] : annex.info) add("TokkiInfo", label + "：" + value);
  out.emplace_back().style = "TokkiInfo";  // An empty paragraph.
  for (const auto& item : annex.items) {
    if (!item.heading.empty()) add("TokkiHeading", Parenthesised(item.heading));
    std::string text = std::to_string(item.number);
    text += '\t';
    text += item.text;
    add("TokkiItem", std::move(text));
    for (const auto& [label, sub] : item.subs) add("TokkiSubItem", label + "\t" + sub);
  }
  if (annex.measures) {
    add("TokkiPart", annex.measures->title);
    for (const auto& g : annex.measures->groups) {
      if (!g.title.empty()) add("TokkiGroup", GroupTitle(g.title));
      int n = 0;
      for (const auto& item : g.items) {
        std::string text = std::to_string(++n);
        text += '\t';
        text += item;
        add("TokkiItem", std::move(text));
      }
    }
  }
  return out;
}

std::string RenderAnnexJson(const Annex& annex) {
  using nlohmann::ordered_json;
  ordered_json j;
  j["type"] = annex.type;
  j["date"] = annex.date.ToIso();
  j["edition"] = annex.edition;
  j["type_name"] = annex.type_name;
  j["date_era"] = FormatEraDate(annex.date);
  j["edition_name"] = annex.edition_name;
  j["title"] = annex.title;
  if (!annex.subtitle.empty()) j["subtitle"] = annex.subtitle;
  ordered_json params = ordered_json::object();
  for (const auto& [k, v] : annex.params) params[k] = v;
  j["parameters"] = params;
  ordered_json items = ordered_json::array();
  for (const auto& item : annex.items) {
    ordered_json it;
    it["n"] = item.number;
    it["heading"] = item.heading.empty() ? ordered_json(nullptr) : ordered_json(item.heading);
    it["text"] = item.PrintedText();
    it["module"] = item.module;
    it["category"] = item.category;
    items.push_back(std::move(it));
  }
  j["items"] = std::move(items);
  if (annex.measures) {
    ordered_json m;
    m["title"] = annex.measures->title;
    ordered_json groups = ordered_json::array();
    for (const auto& g : annex.measures->groups) {
      groups.push_back({{"title", g.title}, {"items", g.items}});
    }
    m["groups"] = std::move(groups);
    ordered_json sources = ordered_json::array();
    for (const auto& s : annex.measures->sources) {
      sources.push_back({{"seed", s.seed}, {"items", s.items}});
    }
    m["sources"] = std::move(sources);
    j["measures"] = std::move(m);
  }
  return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::string RenderAnnexText(const Annex& annex) {
  std::string out = annex.title + "\n";
  if (!annex.subtitle.empty()) out += Parenthesised(annex.subtitle) + "\n";
  out += "\n";
  for (const auto& [label, value] : annex.info) out += label + "：" + value + "\n";
  for (const auto& item : annex.items) {
    if (!item.heading.empty()) {
      // Appended piece by piece: "\n" + string makes GCC 12 warn (-Wrestrict, a false
      // positive in libstdc++'s operator+).
      out += '\n';
      out += Parenthesised(item.heading);
      out += '\n';
    }
    out += std::to_string(item.number) + " " + item.text + "\n";
    for (const auto& [label, text] : item.subs) out += "  " + label + " " + text + "\n";
  }
  if (annex.measures) {
    out += "\n" + annex.measures->title + "\n";
    for (const auto& g : annex.measures->groups) {
      if (!g.title.empty()) out += "\n" + GroupTitle(g.title) + "\n";
      int n = 0;
      for (const auto& item : g.items) out += std::to_string(++n) + " " + item + "\n";
    }
  }
  return out;
}

std::string RenderAnnexHtml(const Annex& annex) {
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"ja\">\n<head>\n<meta charset=\"utf-8\">\n<title>" +
      HtmlEscape(annex.title) +
      "</title>\n<style>\n"
      "body{font-family:\"MS Mincho\",\"IPAMincho\",serif;max-width:42em;margin:2em auto;"
      "line-height:1.7;font-size:10.5pt}\n"
      "h1{text-align:center;font-size:14pt;font-family:\"MS Gothic\",\"IPAGothic\",sans-serif}\n"
      "h2{font-size:10.5pt;font-weight:bold;margin:1.5em 0 .5em}\n"
      "h3{font-size:10.5pt;font-weight:normal;margin:1em 0 0}\n"
      "dl.info{margin:1em 0 2em}dl.info dt{float:left;clear:left}dl.info dd{margin-left:9em}\n"
      "ol.items{list-style:none;padding:0;margin:0}\n"
      "ol.items>li{padding-left:2em;text-indent:-2em}\n"
      ".n{display:inline-block;width:2em;text-indent:0}\n"
      "ol.subs{list-style:none;padding-left:2em;margin:0}\n"
      "</style>\n</head>\n<body>\n<h1>" +
      HtmlEscape(annex.title) + "</h1>\n";
  if (!annex.subtitle.empty()) {
    out += "<h2>" + HtmlEscape(Parenthesised(annex.subtitle)) + "</h2>\n";
  }
  out += "<dl class=\"info\">\n";
  for (const auto& [label, value] : annex.info) {
    out += "<dt>" + HtmlEscape(label) + "</dt><dd>" + HtmlEscape(value) + "</dd>\n";
  }
  out += "</dl>\n";
  bool open = false;
  for (const auto& item : annex.items) {
    if (!item.heading.empty()) {
      if (open) out += "</ol>\n";
      out += "<h3>" + HtmlEscape(Parenthesised(item.heading)) + "</h3>\n<ol class=\"items\">\n";
      open = true;
    } else if (!open) {
      out += "<ol class=\"items\">\n";
      open = true;
    }
    out += "<li id=\"item-" + std::to_string(item.number) + "\"><span class=\"n\">" +
           std::to_string(item.number) + "</span>" + HtmlEscape(item.text);
    if (!item.subs.empty()) {
      out += "\n<ol class=\"subs\">\n";
      for (const auto& [label, text] : item.subs) {
        out += "<li>" + HtmlEscape(label) + " " + HtmlEscape(text) + "</li>\n";
      }
      out += "</ol>";
    }
    out += "</li>\n";
  }
  if (open) out += "</ol>\n";
  if (annex.measures) {
    out += "<h2>" + HtmlEscape(annex.measures->title) + "</h2>\n";
    for (const auto& g : annex.measures->groups) {
      if (!g.title.empty()) out += "<h3>" + HtmlEscape(GroupTitle(g.title)) + "</h3>\n";
      out += "<ol class=\"items\">\n";
      int n = 0;
      for (const auto& item : g.items) {
        out += "<li><span class=\"n\">" + std::to_string(++n) + "</span>" + HtmlEscape(item) +
               "</li>\n";
      }
      out += "</ol>\n";
    }
  }
  out += "</body>\n</html>\n";
  return out;
}

Result<std::string> RenderAnnex(const Annex& annex, AnnexFormat format, const DocxTemplate& tmpl) {
  switch (format) {
    case AnnexFormat::kDocx:
      return WriteDocx(tmpl, AnnexParagraphs(annex), annex.date);
    case AnnexFormat::kHtml:
      return RenderAnnexHtml(annex);
    case AnnexFormat::kTxt:
      return RenderAnnexText(annex);
    case AnnexFormat::kJson:
      return RenderAnnexJson(annex);
  }
  return Status::Internal("unknown format");
}

}  // namespace tokki
