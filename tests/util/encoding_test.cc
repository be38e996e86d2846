#include "util/encoding.h"

#include <gtest/gtest.h>

namespace creditnode {
namespace {

// RFC 4648 §10 test vectors.
TEST(Base64Test, MatchesRfc4648Vectors) {
  const std::pair<const char*, const char*> kVectors[] = {
      {"", ""},         {"f", "Zg=="},        {"fo", "Zm8="},       {"foo", "Zm9v"},
      {"foob", "Zm9vYg=="}, {"fooba", "Zm9vYmE="}, {"foobar", "Zm9vYmFy"},
  };
  for (const auto& [plain, encoded] : kVectors) {
    EXPECT_EQ(Base64Encode(plain), encoded);
    auto d = Base64Decode(encoded);
    ASSERT_TRUE(d.ok()) << encoded;
    EXPECT_EQ(*d, plain);
  }
}

TEST(Base64Test, RejectsMalformedInput) {
  EXPECT_FALSE(Base64Decode("Zg=").ok());
  EXPECT_FALSE(Base64Decode("Z===").ok());
  EXPECT_FALSE(Base64Decode("Zh==").ok());  // non-zero padding bits
  EXPECT_FALSE(Base64Decode("Zm9v\n").ok());
  EXPECT_FALSE(Base64Decode("Zm-v").ok());
  EXPECT_FALSE(Base64Decode("Zg==Zg==").ok());
}

TEST(HexTest, RoundTripsAndRejectsBadInput) {
  EXPECT_EQ(HexEncode(std::string("\x00\xff\x10", 3)), "00ff10");
  EXPECT_EQ(*HexDecode("00FF10"), std::string("\x00\xff\x10", 3));
  EXPECT_FALSE(HexDecode("abc").ok());
  EXPECT_FALSE(HexDecode("zz").ok());
}

TEST(Fixed64Test, BigEndianSortsNumerically) {
  std::string a, b;
  PutFixed64BigEndian(&a, 255);
  PutFixed64BigEndian(&b, 256);
  EXPECT_LT(a, b);
  EXPECT_EQ(DecodeFixed64BigEndian(a), 255u);
  EXPECT_EQ(DecodeFixed64BigEndian(b), 256u);
}

}  // namespace
}  // namespace creditnode
