#include "report/check_render.h"

#include "report/html.h"

namespace tokki {
namespace {

using nlohmann::ordered_json;

const char* StatusJa(Finding::Status s) {
  switch (s) {
    case Finding::Status::kPresent:
      return "あり";
    case Finding::Status::kPartial:
      return "不足";
    case Finding::Status::kMissing:
      return "なし";
  }
  return "";
}

std::string Join(const std::vector<std::string>& v, const char* sep) {
  std::string s;
  for (const auto& x : v) s += (s.empty() ? "" : sep) + x;
  return s;
}

std::string Location(const Evidence& e) {
  std::string s = "段落" + std::to_string(e.paragraph);
  if (e.page > 0) s = std::to_string(e.page) + "頁 " + s;
  return s;
}

}  // namespace

ordered_json CheckReportJson(const CheckReport& r) {
  ordered_json j;
  j["file"] = r.file;
  j["type"] = r.type;
  j["date"] = r.date.ToIso();
  j["edition"] = r.edition;
  j["edition_name"] = r.edition_name;
  j["format"] = r.format;
  ordered_json findings = ordered_json::array();
  for (const auto& f : r.findings) {
    ordered_json jf;
    jf["category"] = f.category;
    jf["name"] = f.name;
    jf["status"] = FindingStatusName(f.status);
    jf["missing_elements"] = f.missing_elements;
    jf["missing_element_names"] = f.missing_element_names;
    if (!f.weakened.empty()) jf["weakened"] = f.weakened;
    ordered_json ev = ordered_json::array();
    for (const auto& e : f.evidence) {
      ordered_json je{{"paragraph", e.paragraph}, {"text", e.text}};
      if (e.page > 0) je["page"] = e.page;
      ev.push_back(std::move(je));
    }
    jf["evidence"] = std::move(ev);
    jf["basis"] = f.basis;
    jf["suggestion"] = f.suggestion;
    findings.push_back(std::move(jf));
  }
  j["findings"] = std::move(findings);
  j["summary"] = {{"present", r.present}, {"partial", r.partial}, {"missing", r.missing}};
  return j;
}

CheckReportWriter::CheckReportWriter(Format format, bool many, Sink sink)
    : format_(format), many_(many), sink_(std::move(sink)) {
  if (format_ == Format::kHtml) {
    std::string out =
        "<!DOCTYPE html>\n<html lang=\"ja\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<title>審査結果</title>\n<style>\n"
        "body{font-family:sans-serif;margin:2em;line-height:1.6}\n"
        "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #999;padding:.3em .6em;"
        "vertical-align:top}\n.present{background:#e6f4e6}.partial{background:#fff4d6}"
        ".missing{background:#fbe3e3}\npre{white-space:pre-wrap;margin:0}\n"
        "</style>\n</head>\n<body>\n<h1>審査結果</h1>\n";

    sink_(out);
  } else if (format_ == Format::kJson && many_) {
    sink_("[\n");
  }
}

void CheckReportWriter::Add(const CheckReport& r) {
  rows_.push_back({r.file, r.present, r.partial, r.missing});
  std::string out;
  switch (format_) {
    case Format::kJson: {
      std::string json =
          CheckReportJson(r).dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
      out = (many_ && rows_.size() > 1 ? ",\n" : "") + json + (many_ ? "" : "\n");
      break;
    }
    case Format::kText: {
      out += r.file + "（" + r.type + "、" + r.edition_name + "、" + FormatEraDate(r.date) + "）\n";
      for (const auto& f : r.findings) {
        out += std::string("  [") + StatusJa(f.status) + "] " + f.name + " (" + f.category + ")";
        if (!f.missing_element_names.empty()) {
          out += " 不足: " + Join(f.missing_element_names, "、");
        }
        out += "\n";
        for (const auto& w : f.weakened) out += "      弱め: " + w + "\n";
        if (f.status != Finding::Status::kMissing && !f.evidence.empty()) {
          out += "      根拠箇所: " + Location(f.evidence.front()) + "\n";
        }
        if (f.status != Finding::Status::kPresent) {
          out += "      根拠: " + f.basis + "\n";
          out += "      追加する条文:\n";
          size_t pos = 0;
          while (pos < f.suggestion.size()) {
            size_t nl = f.suggestion.find('\n', pos);
            if (nl == std::string::npos) nl = f.suggestion.size();
            out += "        " + f.suggestion.substr(pos, nl - pos) + "\n";
            pos = nl + 1;
          }
        }
      }
      out += "  計: あり " + std::to_string(r.present) + "、不足 " + std::to_string(r.partial) +
             "、なし " + std::to_string(r.missing) + "\n\n";

      break;
    }
    case Format::kHtml: {
      out += "<h2>" + HtmlEscape(r.file) + "</h2>\n<p>" + HtmlEscape(r.type) + "、" +
             HtmlEscape(r.edition_name) + "、" + HtmlEscape(FormatEraDate(r.date)) + "</p>\n";
      out +=
          "<table><tr><th>区分</th><th>状態</th><th>不足する要素</th><th>根拠箇所</th>"
          "<th>根拠</th><th>追加する条文</th></tr>\n";
      for (const auto& f : r.findings) {
        std::string ev;
        for (const auto& e : f.evidence) {
          ev += "<p><b>" + HtmlEscape(Location(e)) + "</b> " + HtmlEscape(e.text) + "</p>";
        }
        std::string missing = HtmlEscape(Join(f.missing_element_names, "、"));
        for (const auto& w : f.weakened) missing += "<br>弱め: " + HtmlEscape(w);
        out += std::string("<tr class=\"") + FindingStatusName(f.status) + "\"><td>" +
               HtmlEscape(f.name) + "</td><td>" + StatusJa(f.status) + "</td><td>" + missing +
               "</td><td>" + ev + "</td><td>" + HtmlEscape(f.basis) + "</td><td><pre>" +
               HtmlEscape(f.suggestion) + "</pre></td></tr>\n";
      }
      out += "</table>\n";

      break;
    }
  }
  sink_(out);
}

void CheckReportWriter::Finish() {
  std::string out;
  switch (format_) {
    case Format::kJson:
      if (many_) out = "\n]\n";
      break;
    case Format::kText:
      if (many_) {
        out += "ファイル\tあり\t不足\tなし\n";
        for (const auto& r : rows_) {
          out += r.file + "\t" + std::to_string(r.present) + "\t" + std::to_string(r.partial) +
                 "\t" + std::to_string(r.missing) + "\n";
        }
      }
      break;
    case Format::kHtml:
      if (many_) {
        out +=
            "<h2>まとめ</h2>\n<table><tr><th>ファイル</th><th>あり</th><th>不足</th><th>なし</th></"
            "tr>\n";
        for (const auto& r : rows_) {
          out += "<tr><td>" + HtmlEscape(r.file) + "</td><td>" + std::to_string(r.present) +
                 "</td><td>" + std::to_string(r.partial) + "</td><td>" + std::to_string(r.missing) +
                 "</td></tr>\n";
        }
        out += "</table>\n";
      }
      out += "</body>\n</html>\n";
      break;
  }
  sink_(out);
}

namespace {

std::string RenderAll(CheckReportWriter::Format format, const std::vector<CheckReport>& reports) {
  std::string out;
  CheckReportWriter w(format, reports.size() > 1, [&out](const std::string& s) { out += s; });
  for (const auto& r : reports) w.Add(r);
  w.Finish();
  return out;
}

}  // namespace

std::string RenderCheckJson(const std::vector<CheckReport>& reports) {
  return RenderAll(CheckReportWriter::Format::kJson, reports);
}

std::string RenderCheckText(const std::vector<CheckReport>& reports) {
  return RenderAll(CheckReportWriter::Format::kText, reports);
}

std::string RenderCheckHtml(const std::vector<CheckReport>& reports) {
  return RenderAll(CheckReportWriter::Format::kHtml, reports);
}

}  // namespace tokki
