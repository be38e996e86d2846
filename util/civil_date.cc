#include "util/civil_date.h"

#include <cstdio>

namespace creditnode {
namespace {

// Howard Hinnant's days_from_civil / civil_from_days (public domain
// algorithms, chrono-Compatible Low-Level Date Algorithms).
int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

void CivilFromDays(int64_t z, int* y, int* m, int* d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t yy = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  *d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  *m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  *y = static_cast<int>(yy + (*m <= 2));
}

bool ParseDigits(std::string_view s, int* out) {
  int v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  *out = v;
  return !s.empty();
}

// Writes `v` (0..10^width - 1) as `width` decimal digits at `out`.
void PutDigits(int v, int width, char* out) {
  for (int i = width - 1; i >= 0; --i) {
    out[i] = static_cast<char>('0' + v % 10);
    v /= 10;
  }
}

// "YYYY-MM-DD" into out[0..10) for years 0..9999 (by hand: lookups format
// several dates per entry, and snprintf was ~1% of a lookup's CPU).
void PutDate(int year, int month, int day, char* out) {
  PutDigits(year, 4, out);
  out[4] = '-';
  PutDigits(month, 2, out + 5);
  out[7] = '-';
  PutDigits(day, 2, out + 8);
}

}  // namespace

bool IsLeapYear(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int y, int m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m == 2 && IsLeapYear(y)) return 29;
  return kDays[m - 1];
}

StatusOr<CivilDate> CivilDate::FromYmd(int y, int m, int d) {
  if (y < 1 || y > 9999) return InvalidArgumentError("date: year out of range");
  if (m < 1 || m > 12) return InvalidArgumentError("date: month out of range");
  if (d < 1 || d > DaysInMonth(y, m)) {
    return InvalidArgumentError("date: day does not exist in that month");
  }
  return CivilDate(y, m, d);
}

StatusOr<CivilDate> CivilDate::Parse(std::string_view t) {
  int y, m, d;
  if (t.size() != 10 || t[4] != '-' || t[7] != '-' ||
      !ParseDigits(t.substr(0, 4), &y) || !ParseDigits(t.substr(5, 2), &m) ||
      !ParseDigits(t.substr(8, 2), &d)) {
    return InvalidArgumentError("date: expected YYYY-MM-DD");
  }
  return FromYmd(y, m, d);
}

StatusOr<CivilDate> CivilDate::ParseCompact(std::string_view t) {
  int y, m, d;
  if (t.size() != 8 || !ParseDigits(t.substr(0, 4), &y) ||
      !ParseDigits(t.substr(4, 2), &m) || !ParseDigits(t.substr(6, 2), &d)) {
    return InvalidArgumentError("date: expected YYYYMMDD");
  }
  return FromYmd(y, m, d);
}

CivilDate CivilDate::FromDays(int64_t days) {
  int y, m, d;
  CivilFromDays(days, &y, &m, &d);
  return CivilDate(y, m, d);
}

CivilDate CivilDate::FromUnixMicros(int64_t micros) {
  int64_t secs = micros / 1000000;
  if (micros % 1000000 < 0) --secs;
  int64_t days = secs / 86400;
  if (secs % 86400 < 0) --days;
  return FromDays(days);
}

int64_t CivilDate::DaysSinceEpoch() const {
  return DaysFromCivil(year_, static_cast<unsigned>(month_), static_cast<unsigned>(day_));
}

CivilDate CivilDate::AddDays(int64_t days) const { return FromDays(DaysSinceEpoch() + days); }

CivilDate CivilDate::AddMonths(int months) const {
  int total = year_ * 12 + (month_ - 1) + months;
  int y = total / 12, m = total % 12 + 1;
  int d = day_ > DaysInMonth(y, m) ? DaysInMonth(y, m) : day_;
  return CivilDate(y, m, d);
}

std::string CivilDate::ToString() const {
  if (year_ < 0 || year_ > 9999) {
    char buf[32];
    std::snprintf(buf, sizeof(buf), "%04d-%02d-%02d", year_, month_, day_);
    return buf;
  }
  std::string out(10, '\0');
  PutDate(year_, month_, day_, out.data());
  return out;
}

std::string FormatRfc3339Utc(int64_t unix_micros) {
  int64_t secs = unix_micros / 1000000;
  if (unix_micros % 1000000 < 0) --secs;
  int64_t days = secs / 86400;
  int64_t rem = secs % 86400;
  if (rem < 0) { rem += 86400; --days; }
  const CivilDate d = CivilDate::FromDays(days);
  std::string out = d.ToString();
  const size_t at = out.size();
  out.resize(at + 10);  // "Thh:mm:ssZ"
  out[at] = 'T';
  PutDigits(static_cast<int>(rem / 3600), 2, &out[at + 1]);
  out[at + 3] = ':';
  PutDigits(static_cast<int>(rem / 60 % 60), 2, &out[at + 4]);
  out[at + 6] = ':';
  PutDigits(static_cast<int>(rem % 60), 2, &out[at + 7]);
  out[at + 9] = 'Z';
  return out;
}

StatusOr<int64_t> ParseRfc3339Utc(std::string_view t) {
  int hh, mm, ss;
  if (t.size() != 20 || t[10] != 'T' || t[13] != ':' || t[16] != ':' ||
      t[19] != 'Z' || !ParseDigits(t.substr(11, 2), &hh) ||
      !ParseDigits(t.substr(14, 2), &mm) || !ParseDigits(t.substr(17, 2), &ss) ||
      hh > 23 || mm > 59 || ss > 59) {
    return InvalidArgumentError("timestamp: expected YYYY-MM-DDTHH:MM:SSZ");
  }
  CN_ASSIGN_OR_RETURN(CivilDate d, CivilDate::Parse(t.substr(0, 10)));
  return (d.DaysSinceEpoch() * 86400 + hh * 3600 + mm * 60 + ss) * 1000000;
}

}  // namespace creditnode
