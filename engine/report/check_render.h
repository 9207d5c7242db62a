// Renders check reports: json (DESIGN.md shape), text for a terminal, html for a browser, and
// a summary table for many files.
#ifndef TOKKI_REPORT_CHECK_RENDER_H_
#define TOKKI_REPORT_CHECK_RENDER_H_

#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "check/checker.h"

namespace tokki {

nlohmann::ordered_json CheckReportJson(const CheckReport& report);
// The same report as text, exactly CheckReportJson(report).dump(2) (invalid UTF-8 replaced),
// written directly: about a tenth of the work of building the JSON value and dumping it.
std::string CheckReportJsonText(const CheckReport& report);

// Writes reports one by one as they come, so that checking thousands of files keeps memory
// flat: each report's text goes to the sink at once; only a summary row per file is kept
// (for the table that ends the text and html output).
class CheckReportWriter {
 public:
  enum class Format { kText, kJson, kHtml };
  using Sink = std::function<void(const std::string&)>;
  // `many`: several files (JSON array, summary table) rather than one.
  CheckReportWriter(Format format, bool many, Sink sink);
  void Add(const CheckReport& report);
  void Finish();

 private:
  struct Row {
    std::string file;
    int present, partial, missing;
  };
  Format format_;
  bool many_;
  Sink sink_;
  std::vector<Row> rows_;
};
// One report: an object; several: an array (as /api/check answers).
std::string RenderCheckJson(const std::vector<CheckReport>& reports);
std::string RenderCheckText(const std::vector<CheckReport>& reports);
std::string RenderCheckHtml(const std::vector<CheckReport>& reports);

}  // namespace tokki

#endif  // TOKKI_REPORT_CHECK_RENDER_H_
