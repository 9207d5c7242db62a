#include "report/check_render.h"

#include <array>

#include "report/html.h"
#include "text/normalize.h"

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

// Appends `s` as a JSON string, byte for byte as nlohmann::json::dump(..., ensure_ascii
// false, error_handler_t::replace) writes it: the two-character escapes, other control
// characters as \u00xx, everything else as it is. Text that is not valid UTF-8 (which the
// readers never produce) is left to nlohmann, for its replacement characters.
void AppendJsonString(std::string_view s, std::string* out) {
  // Each byte's part: 0 copied as it is, 1 escaped, 2/3/4 the lead of a sequence of that
  // many bytes, 5 never valid where a character starts (a continuation, C0, C1, F5-FF).
  static constexpr auto kKind = [] {
    std::array<uint8_t, 256> k{};
    for (int b = 0; b < 256; ++b) {
      k[b] = b < 0x20 || b == '"' || b == '\\' ? 1
             : b < 0x80                        ? 0
             : b < 0xC2                        ? 5
             : b < 0xE0                        ? 2
             : b < 0xF0                        ? 3
             : b < 0xF5                        ? 4
                                               : 5;
    }
    return k;
  }();
  static constexpr char kHex[] = "0123456789abcdef";
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const size_t n = s.size();
  const size_t start = out->size();
  auto continuation = [&](size_t i) { return i < n && (p[i] & 0xC0) == 0x80; };
  // One pass: escapes written and UTF-8 checked as the bytes are copied in runs. The checks
  // are those of well-formed UTF-8 (Unicode table 3-7): no overlong forms, no surrogates,
  // nothing past U+10FFFF.
  *out += '"';
  size_t run = 0;  // Start of the bytes not yet copied.
  for (size_t i = 0; i < n;) {
    const uint8_t b = p[i];
    switch (kKind[b]) {
      case 0:
        ++i;
        continue;
      case 2:
        if (!continuation(i + 1)) break;
        i += 2;
        continue;
      case 3: {
        if (i + 1 >= n) break;
        const uint8_t b1 = p[i + 1];
        const bool second = b == 0xE0   ? b1 >= 0xA0 && b1 <= 0xBF
                            : b == 0xED ? b1 >= 0x80 && b1 <= 0x9F
                                        : (b1 & 0xC0) == 0x80;
        if (!second || !continuation(i + 2)) break;
        i += 3;
        continue;
      }
      case 4: {
        if (i + 1 >= n) break;
        const uint8_t b1 = p[i + 1];
        const bool second = b == 0xF0   ? b1 >= 0x90 && b1 <= 0xBF
                            : b == 0xF4 ? b1 >= 0x80 && b1 <= 0x8F
                                        : (b1 & 0xC0) == 0x80;
        if (!second || !continuation(i + 2) || !continuation(i + 3)) break;
        i += 4;
        continue;
      }
      case 1:
        out->append(s, run, i - run);
        run = ++i;
        switch (b) {
          case '"':
            *out += "\\\"";
            break;
          case '\\':
            *out += "\\\\";
            break;
          case '\b':
            *out += "\\b";
            break;
          case '\f':
            *out += "\\f";
            break;
          case '\n':
            *out += "\\n";
            break;
          case '\r':
            *out += "\\r";
            break;
          case '\t':
            *out += "\\t";
            break;
          default:
            *out += "\\u00";
            *out += kHex[b >> 4];
            *out += kHex[b & 0xF];
        }
        continue;
      default:
        break;
    }
    // Not well-formed UTF-8 (which the readers never produce): nlohmann's replacement
    // characters, exactly.
    out->resize(start);
    *out += nlohmann::json(std::string(s))
                .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return;
  }
  out->append(s, run, n - run);
  *out += '"';
}

// Pretty-printed JSON as nlohmann's dump(2) lays it out, written as it goes.
class JsonOut {
 public:
  explicit JsonOut(std::string* out) : out_(out) {}

  void BeginObject() { Open('{'); }
  void EndObject() { Close('}'); }
  void BeginArray() { Open('['); }
  void EndArray() { Close(']'); }
  void Key(std::string_view key) {
    Item();
    AppendJsonString(key, out_);
    *out_ += ": ";
    after_key_ = true;
  }
  void String(std::string_view v) {
    Item();
    AppendJsonString(v, out_);
  }
  void Int(long long v) {
    Item();
    *out_ += std::to_string(v);
  }
  void Strings(const std::vector<std::string>& v) {
    BeginArray();
    for (const auto& s : v) String(s);
    EndArray();
  }

 private:
  // Before a value or key: the comma and the new line of an item after the first.
  void Item() {
    if (after_key_) {
      after_key_ = false;
      return;
    }
    if (!empty_.empty()) {
      *out_ += empty_.back() ? "\n" : ",\n";
      empty_.back() = false;
      out_->append(2 * empty_.size(), ' ');
    }
  }
  void Open(char c) {
    Item();
    *out_ += c;
    empty_.push_back(true);
  }
  void Close(char c) {
    const bool was_empty = empty_.back();
    empty_.pop_back();
    if (!was_empty) {
      *out_ += '\n';
      out_->append(2 * empty_.size(), ' ');
    }
    *out_ += c;
  }

  std::string* out_;
  std::vector<bool> empty_;  // For each open object or array: nothing written in it yet.
  bool after_key_ = false;
};

}  // namespace

std::string CheckReportJsonText(const CheckReport& r) {
  std::string text;
  text.reserve(4096);
  JsonOut j(&text);
  j.BeginObject();
  j.Key("file");
  j.String(r.file);
  j.Key("type");
  j.String(r.type);
  j.Key("date");
  j.String(r.date.ToIso());
  j.Key("edition");
  j.String(r.edition);
  j.Key("edition_name");
  j.String(r.edition_name);
  j.Key("format");
  j.String(r.format);
  j.Key("findings");
  j.BeginArray();
  for (const auto& f : r.findings) {
    j.BeginObject();
    j.Key("category");
    j.String(f.category);
    j.Key("name");
    j.String(f.name);
    j.Key("status");
    j.String(FindingStatusName(f.status));
    j.Key("missing_elements");
    j.Strings(f.missing_elements);
    j.Key("missing_element_names");
    j.Strings(f.missing_element_names);
    if (!f.weakened.empty()) {
      j.Key("weakened");
      j.Strings(f.weakened);
    }
    j.Key("evidence");
    j.BeginArray();
    for (const auto& e : f.evidence) {
      j.BeginObject();
      j.Key("paragraph");
      j.Int(e.paragraph);
      j.Key("text");
      j.String(e.text);
      if (e.page > 0) {
        j.Key("page");
        j.Int(e.page);
      }
      j.EndObject();
    }
    j.EndArray();
    j.Key("basis");
    j.String(f.basis);
    j.Key("suggestion");
    j.String(f.suggestion);
    j.EndObject();
  }
  j.EndArray();
  j.Key("summary");
  j.BeginObject();
  j.Key("present");
  j.Int(r.present);
  j.Key("partial");
  j.Int(r.partial);
  j.Key("missing");
  j.Int(r.missing);
  j.EndObject();
  j.EndObject();
  return text;
}

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
      std::string json = CheckReportJsonText(r);
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
