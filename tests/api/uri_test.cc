// Tests for api/uri.h: percent-decoding and -encoding (RFC 3986 §2.1),
// target and path splitting, form-encoded query parsing.
#include "api/uri.h"

#include <gtest/gtest.h>

namespace creditnode::api {
namespace {

TEST(PercentDecodeTest, DecodesEscapesInEitherCase) {
  StatusOr<std::string> s = PercentDecode("wuhan.gov.example%2Fmarket%2f%41");
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(*s, "wuhan.gov.example/market/A");
}

TEST(PercentDecodeTest, DecodesUtf8Bytes) {
  StatusOr<std::string> s = PercentDecode("%E6%AD%A6%E6%B1%89");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(*s, "武汉");
}

TEST(PercentDecodeTest, KeepsPlusInPathsAndDecodesItAsSpaceInQueries) {
  EXPECT_EQ(*PercentDecode("a+b"), "a+b");
  EXPECT_EQ(*PercentDecode("a+b", /*plus_as_space=*/true), "a b");
}

TEST(PercentDecodeTest, RejectsTruncatedEscapeNamingItsPosition) {
  StatusOr<std::string> s = PercentDecode("abc%2");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.status().message(),
            "percent-encoding: '%' not followed by two hex digits at "
            "position 3");
}

TEST(PercentDecodeTest, RejectsNonHexEscape) {
  EXPECT_FALSE(PercentDecode("%G1").ok());
  EXPECT_FALSE(PercentDecode("%").ok());
}

TEST(PercentEncodeTest, KeepsUnreservedAndEscapesTheRestInUpperHex) {
  EXPECT_EQ(PercentEncode("wuhan.gov.example/market_1~-"),
            "wuhan.gov.example%2Fmarket_1~-");
  EXPECT_EQ(PercentEncode("a b+%"), "a%20b%2B%25");
}

TEST(PercentEncodeTest, RoundTripsEveryByte) {
  std::string all;
  for (int c = 0; c < 256; ++c) all.push_back(static_cast<char>(c));
  StatusOr<std::string> back = PercentDecode(PercentEncode(all));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, all);
}

TEST(SplitTargetTest, SplitsAtFirstQuestionMarkAndDropsFragment) {
  TargetParts p = SplitTarget("/v1/subjects/X?as_of=2024-01-01&a=?#frag");
  EXPECT_EQ(p.path, "/v1/subjects/X");
  EXPECT_EQ(p.query, "as_of=2024-01-01&a=?");
  TargetParts q = SplitTarget("/metrics");
  EXPECT_EQ(q.path, "/metrics");
  EXPECT_EQ(q.query, "");
}

TEST(SplitPathTest, KeepsEncodedSlashesInsideSegments) {
  std::vector<std::string_view> s = SplitPath("/v1/entries/a%2Fb/3");
  ASSERT_EQ(s.size(), 4u);
  EXPECT_EQ(s[2], "a%2Fb");
  EXPECT_EQ(s[3], "3");
}

TEST(SplitPathTest, KeepsEmptySegments) {
  EXPECT_EQ(SplitPath("/"), std::vector<std::string_view>({""}));
  EXPECT_EQ(SplitPath("/a//b/"),
            std::vector<std::string_view>({"a", "", "b", ""}));
}

TEST(ParseQueryTest, ParsesFormEncodedPairs) {
  auto q = ParseQuery("as_of=2024-06-01&scheme=org%5Fcode&x=a+b&flag&&");
  ASSERT_TRUE(q.ok()) << q.status().ToString();
  EXPECT_EQ(q->size(), 4u);
  EXPECT_EQ(q->at("as_of"), "2024-06-01");
  EXPECT_EQ(q->at("scheme"), "org_code");
  EXPECT_EQ(q->at("x"), "a b");
  EXPECT_EQ(q->at("flag"), "");
}

TEST(ParseQueryTest, EmptyQueryHasNoParameters) {
  auto q = ParseQuery("");
  ASSERT_TRUE(q.ok());
  EXPECT_TRUE(q->empty());
}

TEST(ParseQueryTest, RejectsParameterGivenTwice) {
  auto q = ParseQuery("as_of=2024-01-01&as_of=2024-01-02");
  ASSERT_FALSE(q.ok());
  EXPECT_EQ(q.status().message(), "query: parameter \"as_of\" given twice");
}

TEST(ParseQueryTest, RejectsBadEscapeWithQueryPrefix) {
  auto q = ParseQuery("as_of=%zz");
  ASSERT_FALSE(q.ok());
  EXPECT_EQ(q.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(q.status().message().rfind("query: percent-encoding:", 0), 0u);
}

}  // namespace
}  // namespace creditnode::api
