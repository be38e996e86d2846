// Random tokens and constant-time comparison (crypto/random.h).
#include "crypto/random.h"

#include <gtest/gtest.h>

#include <string>

namespace creditnode::crypto {
namespace {

TEST(RandomHexTokenTest, TokenIsTwoLowercaseHexDigitsPerByte) {
  const std::string token = RandomHexToken(32);
  ASSERT_EQ(token.size(), 64u);
  for (char c : token)
    EXPECT_TRUE((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')) << token;
}

TEST(RandomHexTokenTest, ZeroBytesGiveAnEmptyToken) {
  EXPECT_EQ(RandomHexToken(0), "");
}

TEST(RandomHexTokenTest, TwoTokensDiffer) {
  // 128 random bits each: a collision has probability 2^-128.
  EXPECT_NE(RandomHexToken(16), RandomHexToken(16));
}

TEST(ConstantTimeEqualsTest, EqualStringsAreEqual) {
  EXPECT_TRUE(ConstantTimeEquals("3f2a9c", "3f2a9c"));
  EXPECT_TRUE(ConstantTimeEquals("", ""));
  EXPECT_TRUE(
      ConstantTimeEquals(std::string("a\0b", 3), std::string("a\0b", 3)));
}

TEST(ConstantTimeEqualsTest, ADifferenceInAnyByteIsUnequal) {
  const std::string token = "0123456789abcdef";
  for (size_t i = 0; i < token.size(); ++i) {
    std::string other = token;
    other[i] = 'x';
    EXPECT_FALSE(ConstantTimeEquals(token, other)) << i;
  }
  // sodium_memcmp compares bytes, not C strings: bytes after a NUL count.
  EXPECT_FALSE(
      ConstantTimeEquals(std::string("a\0b", 3), std::string("a\0c", 3)));
}

TEST(ConstantTimeEqualsTest, DifferentLengthsAreUnequal) {
  EXPECT_FALSE(ConstantTimeEquals("abc", "abcd"));
  EXPECT_FALSE(ConstantTimeEquals("abc", ""));
  EXPECT_FALSE(ConstantTimeEquals("", "a"));
}

}  // namespace
}  // namespace creditnode::crypto
