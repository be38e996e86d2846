#include "util/civil_date.h"

#include <gtest/gtest.h>

namespace creditnode {
namespace {

TEST(CivilDateTest, ParsesAndFormatsIsoDates) {
  auto d = CivilDate::Parse("2024-02-29");
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->ToString(), "2024-02-29");
  EXPECT_EQ(d->year(), 2024);
}

TEST(CivilDateTest, RejectsDaysThatDoNotExist) {
  EXPECT_FALSE(CivilDate::Parse("2023-02-29").ok());
  EXPECT_FALSE(CivilDate::Parse("1900-02-29").ok());
  EXPECT_TRUE(CivilDate::Parse("2000-02-29").ok());
  EXPECT_FALSE(CivilDate::Parse("2024-04-31").ok());
  EXPECT_FALSE(CivilDate::Parse("2024-13-01").ok());
  EXPECT_FALSE(CivilDate::Parse("2024-00-10").ok());
}

TEST(CivilDateTest, RejectsOtherShapes) {
  EXPECT_FALSE(CivilDate::Parse("2024-2-29").ok());
  EXPECT_FALSE(CivilDate::Parse("20240229").ok());
  EXPECT_FALSE(CivilDate::Parse("2024-02-2x").ok());
  EXPECT_FALSE(CivilDate::Parse("").ok());
  EXPECT_TRUE(CivilDate::ParseCompact("19491001").ok());
  EXPECT_FALSE(CivilDate::ParseCompact("19490231").ok());
}

TEST(CivilDateTest, DayArithmeticMatchesTheCalendar) {
  EXPECT_EQ(CivilDate::Parse("1970-01-01")->DaysSinceEpoch(), 0);
  EXPECT_EQ(CivilDate::Parse("2000-03-01")->DaysSinceEpoch(), 11017);
  EXPECT_EQ(CivilDate::Parse("2024-12-31")->AddDays(1).ToString(), "2025-01-01");
  EXPECT_EQ(CivilDate::Parse("2024-01-31")->AddMonths(1).ToString(), "2024-02-29");
  EXPECT_EQ(CivilDate::Parse("2024-11-30")->AddMonths(3).ToString(), "2025-02-28");
  EXPECT_LT(*CivilDate::Parse("2024-01-31"), *CivilDate::Parse("2024-02-01"));
}

TEST(CivilDateTest, Rfc3339RoundTrips) {
  // 2026-11-25T03:20:05Z
  int64_t micros = (CivilDate::Parse("2026-11-25")->DaysSinceEpoch() * 86400 + 3 * 3600 +
                    20 * 60 + 5) * 1000000 + 999;
  EXPECT_EQ(FormatRfc3339Utc(micros), "2026-11-25T03:20:05Z");
  auto back = ParseRfc3339Utc("2026-11-25T03:20:05Z");
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, micros - 999);
  EXPECT_EQ(CivilDate::FromUnixMicros(micros).ToString(), "2026-11-25");
  EXPECT_FALSE(ParseRfc3339Utc("2026-11-25T24:00:00Z").ok());
  EXPECT_FALSE(ParseRfc3339Utc("2026-11-25 03:20:05Z").ok());
}

}  // namespace
}  // namespace creditnode
