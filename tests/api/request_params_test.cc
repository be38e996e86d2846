// Tests for api/request_params.h: strict decimal numbers, required and
// unknown query parameters, origin segments, and which roles may read
// entry bytes.
#include "api/request_params.h"

#include <gtest/gtest.h>

namespace creditnode::api {
namespace {

TEST(RequestParamsTest, DecimalNumbersParseUpTo2To64Minus1) {
  EXPECT_EQ(*ParseDecimalU64("n", "0"), 0u);
  EXPECT_EQ(*ParseDecimalU64("n", "42"), 42u);
  EXPECT_EQ(*ParseDecimalU64("n", "18446744073709551615"),
            18446744073709551615u);
}

TEST(RequestParamsTest, MalformedNumbersNameTheParameterAndTheRule) {
  const std::pair<const char*, const char*> kCases[] = {
      {"", "n: empty"},
      {"+1", "n: must be a decimal number"},
      {"-1", "n: must be a decimal number"},
      {" 1", "n: must be a decimal number"},
      {"1a", "n: must be a decimal number"},
      {"0x10", "n: must be a decimal number"},
      {"1.0", "n: must be a decimal number"},
      {"01", "n: leading zeros not allowed"},
      {"18446744073709551616", "n: out of range (max 2^64-1)"},
      {"99999999999999999999999", "n: out of range (max 2^64-1)"},
  };
  for (const auto& [text, message] : kCases) {
    StatusOr<uint64_t> v = ParseDecimalU64("n", text);
    ASSERT_FALSE(v.ok()) << text;
    EXPECT_EQ(v.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(v.status().message(), message) << text;
  }
}

TEST(RequestParamsTest, MissingRequiredParameterIsNamed) {
  StatusOr<uint64_t> v = RequiredQueryNumber({{"a", "1"}}, "size");
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(v.status().message(), "query: parameter \"size\" required");
  EXPECT_EQ(*RequiredQueryNumber({{"size", "7"}}, "size"), 7u);
}

TEST(RequestParamsTest, UnknownParameterIsNamed) {
  EXPECT_TRUE(CheckQueryNames({{"a", "1"}, {"b", ""}}, {"a", "b"}).ok());
  Status s = CheckQueryNames({{"a", "1"}, {"c", "2"}}, {"a", "b"});
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.message(), "query: unknown parameter \"c\"");
}

TEST(RequestParamsTest, OriginSegmentIsPercentDecoded) {
  EXPECT_EQ(*DecodeOriginSegment("wuhan.gov.example%2Fcredit"),
            "wuhan.gov.example/credit");
  EXPECT_EQ(*DecodeOriginSegment("a%2fb"), "a/b");
  EXPECT_EQ(DecodeOriginSegment("").status().message(), "origin: empty");
  StatusOr<std::string> bad = DecodeOriginSegment("a%2");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(bad.status().message().rfind("origin: percent-encoding", 0), 0u)
      << bad.status().message();
}

TEST(RequestParamsTest, EveryRoleMayReadEntriesButOnlyWithAValidToken) {
  TokenTable tokens;
  ASSERT_TRUE(tokens.Add("pub-0123456789abcdef", Role::kPublisher).ok());
  ASSERT_TRUE(tokens.Add("aud-0123456789abcdef", Role::kAuditor).ok());
  ASSERT_TRUE(tokens.Add("peer-0123456789abcdef", Role::kPeer).ok());
  EXPECT_TRUE(CheckEntryReader(tokens, "Bearer pub-0123456789abcdef").ok());
  EXPECT_TRUE(CheckEntryReader(tokens, "Bearer aud-0123456789abcdef").ok());
  EXPECT_TRUE(CheckEntryReader(tokens, "Bearer peer-0123456789abcdef").ok());
  EXPECT_EQ(CheckEntryReader(tokens, "").code(), StatusCode::kUnauthenticated);
  EXPECT_EQ(CheckEntryReader(tokens, "Bearer zzz-0123456789abcdef").code(),
            StatusCode::kUnauthenticated);
}

}  // namespace
}  // namespace creditnode::api
