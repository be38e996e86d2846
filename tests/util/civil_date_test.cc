#include "util/civil_date.h"

#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <ctime>
#include <random>
#include <string>

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

TEST(CivilDateTest, FormattingAgreesWithGmtimeOverTheWholeRange) {
  // From year 1 to 9999, before and after the epoch, every second of a day
  // reachable: the hand-written digits against the C library's.
  std::mt19937_64 rng(7);
  const int64_t lo = -62135596800;  // 0001-01-01T00:00:00Z
  const int64_t hi = 253402300799;  // 9999-12-31T23:59:59Z
  std::uniform_int_distribution<int64_t> secs(lo, hi);
  for (int i = 0; i < 20000; ++i) {
    const int64_t s = i < 3 ? std::array<int64_t, 3>{lo, -1, hi}[i] : secs(rng);
    const time_t t = static_cast<time_t>(s);
    std::tm tm{};
    ASSERT_NE(gmtime_r(&t, &tm), nullptr);
    char want[40];
    std::strftime(want, sizeof(want), "%Y-%m-%dT%H:%M:%SZ", &tm);
    // %Y has no zero padding below year 1000.
    std::string expected = want;
    if (tm.tm_year + 1900 < 1000) {
      char padded[40];
      std::snprintf(padded, sizeof(padded), "%04d%s", tm.tm_year + 1900,
                    want + expected.find('-'));
      expected = padded;
    }
    const int64_t micros = s * 1000000 + (i % 2 == 0 ? 0 : 999999);
    ASSERT_EQ(FormatRfc3339Utc(micros), expected) << s;
    ASSERT_EQ(CivilDate::FromUnixMicros(micros).ToString(),
              expected.substr(0, 10))
        << s;
  }
}

}  // namespace
}  // namespace creditnode
