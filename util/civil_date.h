// CivilDate: a proleptic Gregorian calendar date (no time zone), and the
// RFC 3339 UTC timestamps entries carry. Used for record dates (docs/
// entry-format.md) and for the birth date inside a resident ID (GB 11643).
// Value type; thread-compatible.
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "util/status.h"

namespace creditnode {

class CivilDate {
 public:
  // 1970-01-01.
  CivilDate() = default;

  // InvalidArgument unless 1 <= month <= 12 and day exists in that month
  // (leap years per Gregorian rules) and 1 <= year <= 9999.
  static StatusOr<CivilDate> FromYmd(int year, int month, int day);
  // Parses exactly "YYYY-MM-DD". InvalidArgument names what is wrong.
  static StatusOr<CivilDate> Parse(std::string_view text);
  // Parses exactly "YYYYMMDD" (the form inside a resident ID).
  static StatusOr<CivilDate> ParseCompact(std::string_view text);
  // The UTC date of a Unix time in microseconds.
  static CivilDate FromUnixMicros(int64_t micros);
  static CivilDate FromDays(int64_t days_since_epoch);

  int year() const { return year_; }
  int month() const { return month_; }
  int day() const { return day_; }
  // Days since 1970-01-01 (negative before it).
  int64_t DaysSinceEpoch() const;
  CivilDate AddDays(int64_t days) const;
  // Same day-of-month n months later, clamped to the month's last day.
  CivilDate AddMonths(int months) const;
  // "YYYY-MM-DD".
  std::string ToString() const;

  friend auto operator<=>(const CivilDate&, const CivilDate&) = default;

 private:
  CivilDate(int y, int m, int d) : year_(y), month_(m), day_(d) {}
  int year_ = 1970;
  int month_ = 1;
  int day_ = 1;
};

bool IsLeapYear(int year);
int DaysInMonth(int year, int month);

// "YYYY-MM-DDTHH:MM:SSZ" (RFC 3339, UTC, whole seconds) for a Unix time in
// microseconds (sub-second part truncated).
std::string FormatRfc3339Utc(int64_t unix_micros);
// Parses exactly the form FormatRfc3339Utc writes; returns Unix micros.
StatusOr<int64_t> ParseRfc3339Utc(std::string_view text);

}  // namespace creditnode
