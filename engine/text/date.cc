#include "text/date.h"

#include <unicode/calendar.h>
#include <unicode/dtfmtsym.h>
#include <unicode/gregocal.h>
#include <unicode/smpdtfmt.h>
#include <unicode/timezone.h>

#include <re2/re2.h>

#include <cstdio>
#include <memory>

#include "text/normalize.h"

namespace tokki {
namespace {

const icu::Locale& JapaneseLocale() {
  static const icu::Locale locale("ja_JP@calendar=japanese");
  return locale;
}

// Calendar::createInstance takes ICU's service lock and looks up locale data: a tenth of an
// annex's assembly time, and lock contention between batch threads. Each thread keeps one
// calendar of each kind; every use starts with clear() or setTime().
icu::Calendar* GregorianCalendar();
icu::Calendar* JapaneseCalendar();

std::unique_ptr<icu::Calendar> NewCalendar(const icu::Locale& locale) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::Calendar> cal(
      icu::Calendar::createInstance(icu::TimeZone::getGMT()->clone(), locale, status));
  if (U_FAILURE(status)) return nullptr;
  cal->setLenient(false);
  return cal;
}

icu::Calendar* GregorianCalendar() {
  thread_local std::unique_ptr<icu::Calendar> cal =
      NewCalendar(icu::Locale("en_US@calendar=gregorian"));
  return cal.get();
}

icu::Calendar* JapaneseCalendar() {
  thread_local std::unique_ptr<icu::Calendar> cal = NewCalendar(JapaneseLocale());
  return cal.get();
}

// Formats with pattern "Gy年M月d日" in the Japanese calendar: 令和5年4月1日, 令和元年5月1日.
icu::SimpleDateFormat* EraFormatter() {
  thread_local std::unique_ptr<icu::SimpleDateFormat> fmt = [] {
    UErrorCode status = U_ZERO_ERROR;
    auto f = std::make_unique<icu::SimpleDateFormat>(icu::UnicodeString(u"Gy年M月d日"),
                                                     JapaneseLocale(), status);
    if (U_FAILURE(status)) return std::unique_ptr<icu::SimpleDateFormat>();
    f->setTimeZone(*icu::TimeZone::getGMT());
    return f;
  }();
  return fmt.get();
}

std::string Quote(std::string_view text) { return "「" + std::string(text) + "」"; }

Result<UDate> GregorianToUDate(const Date& d, std::string_view original) {
  icu::Calendar* cal = GregorianCalendar();
  if (!cal) return Status::Internal("ICU calendar unavailable");
  cal->clear();
  cal->set(d.year, d.month - 1, d.day);
  UErrorCode status = U_ZERO_ERROR;
  UDate t = cal->getTime(status);
  if (U_FAILURE(status)) return Status::Invalid(Quote(original) + "は存在しない日付です");
  return t;
}

Date UDateToGregorian(UDate t) {
  icu::Calendar* cal = GregorianCalendar();
  UErrorCode status = U_ZERO_ERROR;
  cal->setTime(t, status);
  Date d;
  d.year = cal->get(UCAL_YEAR, status);
  d.month = cal->get(UCAL_MONTH, status) + 1;
  d.day = cal->get(UCAL_DATE, status);
  return d;
}

// Index of the era in ICU's Japanese calendar whose name is `name` (令和, 平成, ...), or -1.
int32_t EraIndex(const icu::UnicodeString& name) {
  icu::SimpleDateFormat* fmt = EraFormatter();
  if (fmt == nullptr) return -1;
  int32_t count = 0;
  const icu::UnicodeString* eras = fmt->getDateFormatSymbols()->getEras(count);
  for (int32_t i = count - 1; i >= 0; --i) {
    if (eras[i] == name) return i;
  }
  return -1;
}

std::optional<int> ParseNumberOrGan(const std::string& s) {
  if (s == "元") return 1;
  auto v = ParseJapaneseNumber(s);
  if (!v || *v > 100000) return std::nullopt;
  return static_cast<int>(*v);
}

Result<Date> EraToDate(const std::string& era, int year, int month, int day,
                       std::string_view original) {
  int32_t index = EraIndex(icu::UnicodeString::fromUTF8(era));
  if (index < 0) return Status::Invalid(Quote(original) + "の元号を認識できません");
  icu::Calendar* cal = JapaneseCalendar();
  if (!cal) return Status::Internal("ICU calendar unavailable");
  cal->clear();
  cal->set(UCAL_ERA, index);
  cal->set(UCAL_YEAR, year);
  cal->set(UCAL_MONTH, month - 1);
  cal->set(UCAL_DATE, day);
  UErrorCode status = U_ZERO_ERROR;
  UDate t = cal->getTime(status);
  if (U_FAILURE(status) || year < 1) {
    return Status::Invalid(Quote(original) + "は存在しない日付です");
  }
  // ICU accepts years past an era's end (平成31年5月1日); such a date was never written.
  cal->setTime(t, status);
  if (cal->get(UCAL_ERA, status) != index || cal->get(UCAL_YEAR, status) != year) {
    return Status::Invalid(Quote(original) + "は" + era + "の期間外の日付です（" +
                           FormatEraDate(UDateToGregorian(t)) + "にあたります）");
  }
  return UDateToGregorian(t);
}

}  // namespace

std::string Date::ToIso() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return buf;
}

Date Date::PreviousDay() const {
  auto t = GregorianToUDate(*this, ToIso());
  if (!t.ok()) return *this;
  return UDateToGregorian(*t - 24.0 * 60 * 60 * 1000);
}

namespace {

// RE2 rather than std::regex: libstdc++ compiled the patterns below in about 18 M instructions,
// 4 % of a cold `tokki check` of one file. Each call site keeps its pattern in a function-local
// static, built on first use and never destroyed (RE2 is thread-safe once built).
const RE2& Pattern(const char* pattern) { return *new RE2(pattern); }

}  // namespace

Result<Date> ParseIsoDate(std::string_view text) {
  static const RE2& kIso = Pattern(R"((\d{4})-(\d{2})-(\d{2}))");
  int y = 0, mo = 0, d = 0;
  if (!RE2::FullMatch(text, kIso, &y, &mo, &d)) {
    return Status::Invalid(Quote(text) + "は日付（YYYY-MM-DD）ではありません");
  }
  Date date{y, mo, d};
  TOKKI_ASSIGN_OR_RETURN(UDate t, GregorianToUDate(date, text));
  (void)t;
  return date;
}

Result<Date> ParseDate(std::string_view text) {
  std::string s = NormalizeForCompare(text);
  if (s.empty()) return Status::Invalid("日付が空です");
  static const RE2& kIso = Pattern(R"((\d{4})[-/.](\d{1,2})[-/.](\d{1,2}))");
  static const RE2& kLetter = Pattern(R"(([MTSHRmtshr])(\d{1,2})[-/.](\d{1,2})[-/.](\d{1,2}))");
  static const RE2& kKanji = Pattern("(明治|大正|昭和|平成|令和)(.+?)年(.+?)月(.+?)日");
  static const RE2& kYmdKanji = Pattern(R"((\d{4})年(\d{1,2})月(\d{1,2})日)");
  int y = 0, mo = 0, d = 0;
  if (RE2::FullMatch(s, kIso, &y, &mo, &d) || RE2::FullMatch(s, kYmdKanji, &y, &mo, &d)) {
    Date date{y, mo, d};
    TOKKI_ASSIGN_OR_RETURN(UDate t, GregorianToUDate(date, text));
    (void)t;
    return date;
  }
  std::string letter;
  if (RE2::FullMatch(s, kLetter, &letter, &y, &mo, &d)) {
    static const char* kEras[] = {"明治", "大正", "昭和", "平成", "令和"};
    const std::string letters = "MTSHR";
    char c = static_cast<char>(std::toupper(static_cast<unsigned char>(letter[0])));
    return EraToDate(kEras[letters.find(c)], y, mo, d, text);
  }
  std::string era, year, month, day;
  if (RE2::FullMatch(s, kKanji, &era, &year, &month, &day)) {
    auto ky = ParseNumberOrGan(year);
    auto km = ParseJapaneseNumber(month);
    auto kd = ParseJapaneseNumber(day);
    if (!ky || !km || !kd || *km > 12 || *kd > 31) {
      return Status::Invalid(Quote(text) + "は存在しない日付です");
    }
    return EraToDate(era, *ky, static_cast<int>(*km), static_cast<int>(*kd), text);
  }
  return Status::Invalid(Quote(text) +
                         "を日付として読めません（例: 2023-04-01, 令和5年4月1日, R5.4.1）");
}

std::string FormatEraDate(const Date& date) {
  auto t = GregorianToUDate(date, date.ToIso());
  icu::SimpleDateFormat* fmt = EraFormatter();
  if (!t.ok() || fmt == nullptr) return date.ToIso();
  icu::UnicodeString out;
  fmt->format(*t, out);
  std::string s;
  out.toUTF8String(s);
  return s;
}

}  // namespace tokki
