#include "text/date.h"

#include <gtest/gtest.h>

namespace tokki {
namespace {

TEST(EraDateTest, ParsesIsoAndEraForms) {
  struct Case {
    const char* text;
    Date want;
  } cases[] = {
      {"2023-04-01", {2023, 4, 1}},       {"2023/4/1", {2023, 4, 1}},
      {"令和5年4月1日", {2023, 4, 1}},    {"令和５年４月１日", {2023, 4, 1}},
      {"令和五年四月一日", {2023, 4, 1}}, {"R5.4.1", {2023, 4, 1}},
      {"r5.4.1", {2023, 4, 1}},           {"Ｒ５．４．１", {2023, 4, 1}},
      {"平成29年9月13日", {2017, 9, 13}}, {"H29.9.13", {2017, 9, 13}},
      {"令和元年5月1日", {2019, 5, 1}},   {"令和1年5月1日", {2019, 5, 1}},
      {"平成31年4月30日", {2019, 4, 30}}, {"令和2年2月1日", {2020, 2, 1}},
      {"平成元年1月8日", {1989, 1, 8}},   {"昭和64年1月7日", {1989, 1, 7}},
      {" 令和5年 4月1日 ", {2023, 4, 1}}, {"2023年4月1日", {2023, 4, 1}},
  };
  for (const auto& c : cases) {
    Result<Date> d = ParseDate(c.text);
    ASSERT_TRUE(d.ok()) << c.text << ": " << d.status().message();
    EXPECT_EQ(*d, c.want) << c.text;
  }
}

TEST(EraDateTest, PrintsEraFormWithGannen) {
  EXPECT_EQ(FormatEraDate({2023, 4, 1}), "令和5年4月1日");
  EXPECT_EQ(FormatEraDate({2019, 4, 30}), "平成31年4月30日");
  EXPECT_EQ(FormatEraDate({2019, 5, 1}), "令和元年5月1日");
  EXPECT_EQ(FormatEraDate({2017, 9, 13}), "平成29年9月13日");
  EXPECT_EQ(FormatEraDate({1989, 1, 8}), "平成元年1月8日");
}

TEST(EraDateTest, RoundTripsEveryDayAcrossTheReiwaBoundary) {
  Date d{2019, 4, 25};
  for (int i = 0; i < 12; ++i) {
    Result<Date> back = ParseDate(FormatEraDate(d));
    ASSERT_TRUE(back.ok()) << FormatEraDate(d);
    EXPECT_EQ(*back, d) << FormatEraDate(d);
    d = {d.year, d.month + (d.day == 30 && d.month == 4 ? 1 : 0),
         d.day == 30 && d.month == 4 ? 1 : d.day + 1};
  }
}

TEST(EraDateTest, RefusesImpossibleDatesWithExactMessages) {
  struct Case {
    const char* text;
    const char* message;
  } cases[] = {
      {"2023-02-30", "「2023-02-30」は存在しない日付です"},
      {"2023-13-01", "「2023-13-01」は存在しない日付です"},
      {"令和5年2月29日", "「令和5年2月29日」は存在しない日付です"},
      {"平成31年5月1日",
       "「平成31年5月1日」は平成の期間外の日付です（令和元年5月1日にあたります）"},
      {"令和0年4月1日", "「令和0年4月1日」は存在しない日付です"},
      {"明日", "「明日」を日付として読めません（例: 2023-04-01, 令和5年4月1日, R5.4.1）"},
      {"", "日付が空です"},
  };
  for (const auto& c : cases) {
    Result<Date> d = ParseDate(c.text);
    ASSERT_FALSE(d.ok()) << c.text;
    EXPECT_EQ(d.status().message(), c.message) << c.text;
  }
}

TEST(EraDateTest, PreviousDay) {
  EXPECT_EQ((Date{2020, 2, 1}.PreviousDay()), (Date{2020, 1, 31}));
  EXPECT_EQ((Date{2020, 3, 1}.PreviousDay()), (Date{2020, 2, 29}));
}

}  // namespace
}  // namespace tokki
