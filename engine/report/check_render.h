// Renders check reports: json (DESIGN.md shape), text for a terminal, html for a browser, and
// a summary table for many files.
#ifndef TOKKI_REPORT_CHECK_RENDER_H_
#define TOKKI_REPORT_CHECK_RENDER_H_

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "check/checker.h"

namespace tokki {

nlohmann::ordered_json CheckReportJson(const CheckReport& report);
// One report: an object; several: an array (as /api/check answers).
std::string RenderCheckJson(const std::vector<CheckReport>& reports);
std::string RenderCheckText(const std::vector<CheckReport>& reports);
std::string RenderCheckHtml(const std::vector<CheckReport>& reports);

}  // namespace tokki

#endif  // TOKKI_REPORT_CHECK_RENDER_H_
