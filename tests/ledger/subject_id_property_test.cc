// Property tests for ledger/subject_id.h over seeded random identifiers:
// bodies completed with the computed check character validate, and every
// single-character substitution is caught where the check system promises
// it. Why (docs/identifiers.md):
//  - USCC, mod 31 over values 0..30: a substitution at position i changes
//    the sum by w_i * d with 0 < |d| < 31 and w_i = 3^(i-1) mod 31 != 0; 31
//    is prime, so the sum mod 31 always changes.
//  - Resident ID, ISO 7064 MOD 11-2 over digits: 0 < |d| <= 9 < 11 and the
//    weights are non-zero mod 11, so always caught.
//  - Organization code, mod 11 over values 0..35: |d| can be 11, 22 or 33
//    (e.g. '0' <-> 'B' <-> 'M' <-> 'X'), which mod 11 cannot see. Only
//    substitutions whose value difference is not a multiple of 11 are
//    caught; the test pins exactly that.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstdio>
#include <random>
#include <string>

#include "ledger/subject_id.h"

namespace creditnode::ledger {
namespace {

const CivilDate kToday = *CivilDate::FromYmd(2024, 6, 15);
constexpr std::string_view kUsccAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
constexpr std::string_view kDigitsAndLetters =
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
constexpr int kSamples = 200;

bool Valid(IdScheme scheme, const std::string& s) {
  return ParseSubjectIdAt(scheme, s, kToday).ok();
}

class SubjectIdPropertyTest : public ::testing::Test {
 protected:
  char Pick(std::string_view chars) {
    return chars[std::uniform_int_distribution<size_t>(0,
                                                       chars.size() - 1)(rng_)];
  }

  std::string RandomOrgCode() {
    std::string body;
    for (int i = 0; i < 8; ++i) body += Pick(kDigitsAndLetters);
    return body + OrgCodeCheckChar(body);
  }

  // A USCC whose body (characters 9-17) is itself a valid organization code
  // built from the USCC alphabet, as GB 32100 requires.
  std::string RandomUscc() {
    std::string body;
    body += Pick(kUsccAlphabet);
    body += Pick(kUsccAlphabet);
    for (int i = 0; i < 6; ++i) body += Pick("0123456789");
    std::string org;
    for (int i = 0; i < 8; ++i) org += Pick(kUsccAlphabet);
    body += org + OrgCodeCheckChar(org);
    return body + UsccCheckChar(body);
  }

  std::string RandomResidentId() {
    const int64_t first = CivilDate::FromYmd(1900, 1, 1)->DaysSinceEpoch();
    const int64_t last = kToday.DaysSinceEpoch();
    CivilDate birth = CivilDate::FromDays(
        std::uniform_int_distribution<int64_t>(first, last)(rng_));
    char date[9];
    std::snprintf(date, sizeof(date), "%04d%02d%02d", birth.year(),
                  birth.month(), birth.day());
    std::string body;
    for (int i = 0; i < 6; ++i) body += Pick("0123456789");
    body += date;
    for (int i = 0; i < 3; ++i) body += Pick("0123456789");
    return body + ResidentIdCheckChar(body);
  }

  std::mt19937 rng_{20240615};  // seeded: failures reproduce
};

TEST_F(SubjectIdPropertyTest, GeneratedUsccsValidate) {
  for (int n = 0; n < kSamples; ++n) {
    std::string code = RandomUscc();
    EXPECT_TRUE(Valid(IdScheme::kUscc, code)) << code;
  }
}

TEST_F(SubjectIdPropertyTest, EverySingleSubstitutionInAUsccIsRejected) {
  for (int n = 0; n < kSamples; ++n) {
    const std::string code = RandomUscc();
    for (size_t pos = 0; pos < code.size(); ++pos) {
      for (char c : kDigitsAndLetters) {
        if (c == code[pos]) continue;
        std::string changed = code;
        changed[pos] = c;
        EXPECT_FALSE(Valid(IdScheme::kUscc, changed))
            << code << " -> " << changed;
      }
    }
  }
}

TEST_F(SubjectIdPropertyTest, GeneratedOrgCodesValidate) {
  for (int n = 0; n < kSamples; ++n) {
    std::string code = RandomOrgCode();
    EXPECT_TRUE(Valid(IdScheme::kOrgCode, code)) << code;
  }
}

TEST_F(SubjectIdPropertyTest, OrgCodeMissesExactlyDifferencesOfEleven) {
  auto value = [](char c) { return c <= '9' ? c - '0' : c - 'A' + 10; };
  for (int n = 0; n < kSamples; ++n) {
    const std::string code = RandomOrgCode();
    for (size_t pos = 0; pos < 8; ++pos) {
      for (char c : kDigitsAndLetters) {
        if (c == code[pos]) continue;
        std::string changed = code;
        changed[pos] = c;
        const bool invisible = (value(c) - value(code[pos])) % 11 == 0;
        EXPECT_EQ(Valid(IdScheme::kOrgCode, changed), invisible)
            << code << " -> " << changed;
      }
    }
    // The check character itself: any other digit or X is caught.
    for (char c : std::string_view("0123456789X")) {
      if (c == code[8]) continue;
      std::string changed = code;
      changed[8] = c;
      EXPECT_FALSE(Valid(IdScheme::kOrgCode, changed)) << changed;
    }
  }
}

TEST_F(SubjectIdPropertyTest, OrgCodeCatchesEveryDigitForDigitSubstitution) {
  for (int n = 0; n < kSamples; ++n) {
    const std::string code = RandomOrgCode();
    for (size_t pos = 0; pos < 8; ++pos) {
      if (code[pos] > '9') continue;
      for (char c = '0'; c <= '9'; ++c) {
        if (c == code[pos]) continue;
        std::string changed = code;
        changed[pos] = c;
        EXPECT_FALSE(Valid(IdScheme::kOrgCode, changed)) << changed;
      }
    }
  }
}

TEST(OrgCodeLimitTest, GbElevenSevenFourteenCannotSeeDToTwo) {
  // 'D' = 13 and '2' = 2 differ by 11: the GB 11714 example "D2143569X"
  // and "22143569X" share a check character. A documented limit of the
  // standard, not of this code.
  EXPECT_TRUE(ParseSubjectIdAt(IdScheme::kOrgCode, "D2143569X", kToday).ok());
  EXPECT_TRUE(ParseSubjectIdAt(IdScheme::kOrgCode, "22143569X", kToday).ok());
}

TEST_F(SubjectIdPropertyTest, GeneratedResidentIdsValidate) {
  for (int n = 0; n < kSamples; ++n) {
    std::string id = RandomResidentId();
    EXPECT_TRUE(Valid(IdScheme::kResidentId, id)) << id;
  }
}

TEST_F(SubjectIdPropertyTest, EverySingleSubstitutionInAResidentIdIsRejected) {
  for (int n = 0; n < kSamples; ++n) {
    const std::string id = RandomResidentId();
    for (size_t pos = 0; pos < id.size(); ++pos) {
      for (char c : std::string_view("0123456789X")) {
        if (c == id[pos]) continue;
        std::string changed = id;
        changed[pos] = c;
        EXPECT_FALSE(Valid(IdScheme::kResidentId, changed))
            << id << " -> " << changed;
      }
    }
  }
}

TEST_F(SubjectIdPropertyTest, ParsingIsIdempotentAndKeysAgree) {
  for (int n = 0; n < kSamples; ++n) {
    const std::string code = RandomUscc();
    StatusOr<SubjectId> uscc = ParseSubjectIdAt(IdScheme::kUscc, code, kToday);
    ASSERT_TRUE(uscc.ok()) << code;
    StatusOr<SubjectId> again =
        ParseSubjectIdAt(IdScheme::kUscc, uscc->value, kToday);
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(*again, *uscc);
    // The embedded organization code parses on its own, to the same key.
    StatusOr<SubjectId> org = ParseSubjectIdAt(
        IdScheme::kOrgCode, OrgCodeOfUscc(uscc->value), kToday);
    ASSERT_TRUE(org.ok()) << code;
    EXPECT_EQ(org->IndexKey(), uscc->IndexKey());
  }
}

}  // namespace
}  // namespace creditnode::ledger
