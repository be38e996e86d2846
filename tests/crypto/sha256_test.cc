// SHA-256 (crypto/sha256.h), pinned to the FIPS 180-2 / NIST examples.
#include "crypto/sha256.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "util/encoding.h"

namespace creditnode::crypto {
namespace {

// FIPS 180-2, Appendix B.1 ("abc", one block), B.2 (the 448-bit message,
// two blocks) and B.3 (one million 'a'). The empty string is the first
// record of NIST CAVP SHAVS "SHA256ShortMsg.rsp" (byte-oriented, Len = 0).
constexpr char kAbc[] = "abc";
constexpr char kAbcDigest[] =
    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
constexpr char kEmptyDigest[] =
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
constexpr char k448Bit[] =
    "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
constexpr char k448BitDigest[] =
    "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1";
constexpr char kMillionADigest[] =
    "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0";

std::string HexDigest(const Sha256Digest& digest) {
  return HexEncode(DigestBytes(digest));
}

TEST(Sha256Test, AbcMatchesFips180Example) {
  EXPECT_EQ(HexDigest(Sha256(kAbc)), kAbcDigest);
}

TEST(Sha256Test, EmptyStringMatchesPublishedDigest) {
  EXPECT_EQ(HexDigest(Sha256("")), kEmptyDigest);
}

TEST(Sha256Test, FourHundredFortyEightBitMessageMatchesFips180Example) {
  ASSERT_EQ(std::string(k448Bit).size() * 8, 448u);
  EXPECT_EQ(HexDigest(Sha256(k448Bit)), k448BitDigest);
}

TEST(Sha256Test, DigestBytesIsTheRaw32ByteDigest) {
  const Sha256Digest digest = Sha256(kAbc);
  const std::string bytes = DigestBytes(digest);
  ASSERT_EQ(bytes.size(), 32u);
  for (size_t i = 0; i < bytes.size(); ++i) {
    EXPECT_EQ(static_cast<uint8_t>(bytes[i]), digest[i]) << i;
  }
}

TEST(Sha256HasherTest, HasherWithoutUpdatesHashesTheEmptyString) {
  Sha256Hasher hasher;
  EXPECT_EQ(HexDigest(hasher.Finish()), kEmptyDigest);
}

TEST(Sha256HasherTest, EverySplitOfTheMessageGivesTheSameDigest) {
  const std::string message = k448Bit;
  for (size_t split = 0; split <= message.size(); ++split) {
    Sha256Hasher hasher;
    hasher.Update(std::string_view(message).substr(0, split));
    hasher.Update(std::string_view(message).substr(split));
    EXPECT_EQ(HexDigest(hasher.Finish()), k448BitDigest)
        << "split at " << split;
  }
}

TEST(Sha256HasherTest, OneMillionAInUnevenChunksMatchesFips180Example) {
  Sha256Hasher hasher;
  const std::string chunk(997, 'a');  // a prime, so chunks straddle blocks
  size_t left = 1'000'000;
  while (left > 0) {
    const size_t n = std::min(left, chunk.size());
    hasher.Update(std::string_view(chunk).substr(0, n));
    left -= n;
  }
  EXPECT_EQ(HexDigest(hasher.Finish()), kMillionADigest);
}

}  // namespace
}  // namespace creditnode::crypto
