// ParseJson: strict JSON, byte offsets in errors, bounded nesting.

#include "ledger/json_parse.h"

#include <gtest/gtest.h>

#include <string>

namespace creditnode::ledger {
namespace {

TEST(JsonParseTest, ParsesAnObjectWithUnicodeText) {
  StatusOr<nlohmann::json> j =
      ParseJson(R"({"name":"武汉测试科技有限公司","n":3})");
  ASSERT_TRUE(j.ok()) << j.status().ToString();
  EXPECT_EQ((*j)["name"], "武汉测试科技有限公司");
  EXPECT_EQ((*j)["n"], 3);
}

TEST(JsonParseTest, SyntaxErrorNamesTheByteOffset) {
  StatusOr<nlohmann::json> j = ParseJson(R"({"a": 1,})");
  ASSERT_EQ(j.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(j.status().message().find("at byte 9"), std::string::npos)
      << j.status().message();
}

TEST(JsonParseTest, TrailingDataIsRejected) {
  EXPECT_EQ(ParseJson("{} {}").status().code(), StatusCode::kInvalidArgument);
}

TEST(JsonParseTest, CommentsAreRejected) {
  EXPECT_EQ(ParseJson("{/* c */}").status().code(),
            StatusCode::kInvalidArgument);
}

TEST(JsonParseTest, IllFormedUtf8IsRejected) {
  EXPECT_EQ(ParseJson("{\"a\":\"\xC3\x28\"}").status().code(),
            StatusCode::kInvalidArgument);
}

TEST(JsonParseTest, EmptyInputIsRejected) {
  EXPECT_EQ(ParseJson("").status().code(), StatusCode::kInvalidArgument);
}

TEST(JsonParseTest, NestingAtTheLimitIsAccepted) {
  std::string text =
      std::string(kMaxJsonDepth, '[') + std::string(kMaxJsonDepth, ']');
  EXPECT_TRUE(ParseJson(text).ok());
}

TEST(JsonParseTest, NestingBeyondTheLimitIsRejectedWithoutRecursing) {
  std::string text = std::string(100000, '[') + std::string(100000, ']');
  StatusOr<nlohmann::json> j = ParseJson(text);
  ASSERT_EQ(j.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(j.status().message().find("nesting deeper than 32"),
            std::string::npos);
}

TEST(JsonParseTest, BracketsInsideStringsDoNotCountAsNesting) {
  std::string text = "{\"a\":\"" + std::string(100, '[') + "\\\"\"}";
  EXPECT_TRUE(ParseJson(text).ok());
}

}  // namespace
}  // namespace creditnode::ledger
