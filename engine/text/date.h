// Calendar dates as officers write them: ISO (2023-04-01) and the Japanese era forms
// (令和5年4月1日, 令和元年5月1日, R5.4.1, 平成29年9月13日, 令和五年四月一日), and printing in era
// form. Era arithmetic goes through ICU's Japanese calendar, so era boundaries (平成31年4月30日 is
// followed by 令和元年5月1日) are ICU's, not a table of ours.
#ifndef TOKKI_TEXT_DATE_H_
#define TOKKI_TEXT_DATE_H_

#include <compare>
#include <string>
#include <string_view>

#include "base/status.h"

namespace tokki {

struct Date {
  int year = 0;
  int month = 0;
  int day = 0;

  auto operator<=>(const Date&) const = default;
  // "2023-04-01".
  std::string ToIso() const;
  // The previous calendar day.
  Date PreviousDay() const;
};

// Parses ISO (YYYY-MM-DD, YYYY/MM/DD) or a Japanese era date. Full-width digits and kanji
// numerals are accepted. On failure the message says what is wrong with the text in Japanese,
// e.g. 「2023-02-30」は存在しない日付です.
Result<Date> ParseDate(std::string_view text);

// Parses an ISO date only (YYYY-MM-DD): for data files.
Result<Date> ParseIsoDate(std::string_view text);

// 令和5年4月1日; the first year of an era prints as 元年 (令和元年5月1日).
std::string FormatEraDate(const Date& date);

}  // namespace tokki

#endif  // TOKKI_TEXT_DATE_H_
