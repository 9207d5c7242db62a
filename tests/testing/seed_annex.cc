#include "testing/seed_annex.h"

#include <fstream>
#include <regex>
#include <sstream>

namespace tokki::testing {
namespace {

std::string Trim(const std::string& s) {
  size_t a = s.find_first_not_of(" \t\r");
  if (a == std::string::npos) return "";
  size_t b = s.find_last_not_of(" \t\r");
  return s.substr(a, b - a + 1);
}

}  // namespace

std::vector<SeedItem> ReadSeedAnnex(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string l; std::getline(in, l);) lines.push_back(l);
  // The annex starts at the last title line 特記事項 (002 spaces it out: 特 記 事 項).
  size_t start = lines.size();
  static const std::regex kTitle(R"(^#*\s*特\s*記\s*事\s*項\s*$)");
  for (size_t i = 0; i < lines.size(); ++i) {
    if (std::regex_match(Trim(lines[i]), kTitle)) start = i + 1;
  }
  static const std::regex kHeading(R"(^#*\s*\(([^()]+)\)\s*$)");
  static const std::regex kItem(R"(^-?\s*(\d+)\s+(.*)$)");
  static const std::regex kSub(R"(^-?\s*(\(\d\)|ア|イ|ウ|エ)\s+(.*)$)");
  static const std::regex kTrailingHeading(R"(^(.*。)\s*\(([^()]+)\)$)");
  std::vector<SeedItem> items;
  std::string pending_heading;
  for (size_t i = start; i < lines.size(); ++i) {
    std::string line = Trim(lines[i]);
    if (line.empty()) continue;
    std::smatch m;
    if (std::regex_match(line, m, kHeading)) {
      pending_heading = m[1];
      continue;
    }
    std::string trailing_heading;
    if (std::regex_match(line, m, kTrailingHeading)) {
      trailing_heading = m[2];
      line = m[1];
    }
    if (std::regex_match(line, m, kItem) && std::stoi(m[1]) == static_cast<int>(items.size()) + 1) {
      items.push_back({std::stoi(m[1]), pending_heading, m[2]});
      pending_heading.clear();
    } else if (!items.empty() && std::regex_match(line, m, kSub)) {
      items.back().text += '\n';
      items.back().text += m[1].str() + m[2].str();
    } else if (!items.empty()) {
      items.back().text += line;  // A line broken by the conversion.
    }
    if (!trailing_heading.empty()) pending_heading = trailing_heading;
  }
  return items;
}

}  // namespace tokki::testing
