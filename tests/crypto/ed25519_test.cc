// Ed25519 (crypto/ed25519.h): pinned to the RFC 8032 §7.1 known answers,
// plus the ways a signature or key can be wrong.
#include "crypto/ed25519.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "crypto/secret_bytes.h"
#include "tests/crypto/crypto_test_util.h"
#include "util/encoding.h"

namespace creditnode::crypto {
namespace {

using testing::HasCode;
using testing::Hex;
using testing::IsOk;

struct Rfc8032Vector {
  const char* name;
  const char* secret_key;  // the 32-byte seed
  const char* public_key;
  const char* message;
  const char* signature;
};

// RFC 8032, "Edwards-Curve Digital Signature Algorithm (EdDSA)", §7.1
// "Test Vectors for Ed25519", TEST 1, TEST 2 and TEST 3 (SECRET KEY,
// PUBLIC KEY, MESSAGE, SIGNATURE), copied from the RFC text.
const Rfc8032Vector kRfc8032Vectors[] = {
    {"Test1",
     "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
     "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "",
     "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
     "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"},
    {"Test2",
     "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
     "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "72",
     "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da"
     "085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"},
    {"Test3",
     "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
     "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025", "af82",
     "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac"
     "18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a"},
};

class Rfc8032Test : public ::testing::TestWithParam<Rfc8032Vector> {
 protected:
  SecretBytes Seed() const {
    return SecretBytes::Copy(Hex(GetParam().secret_key));
  }
};

TEST_P(Rfc8032Test, KeyPairFromSeedDerivesThePublishedPublicKey) {
  StatusOr<Ed25519KeyPair> pair = Ed25519KeyPairFromSeed(Seed());
  ASSERT_TRUE(IsOk(pair));
  EXPECT_EQ(HexEncode(pair->public_key), GetParam().public_key);
  EXPECT_EQ(HexEncode(pair->seed.view()), GetParam().secret_key);
}

TEST_P(Rfc8032Test, SignerProducesThePublishedSignature) {
  StatusOr<std::unique_ptr<Ed25519Signer>> signer = Ed25519Signer::New(Seed());
  ASSERT_TRUE(IsOk(signer));
  EXPECT_EQ(HexEncode((*signer)->PublicKey()), GetParam().public_key);
  StatusOr<std::string> signature = (*signer)->Sign(Hex(GetParam().message));
  ASSERT_TRUE(IsOk(signature));
  EXPECT_EQ(HexEncode(*signature), GetParam().signature);
}

TEST_P(Rfc8032Test, VerifierAcceptsThePublishedSignature) {
  StatusOr<std::unique_ptr<Ed25519Verifier>> verifier =
      Ed25519Verifier::New(Hex(GetParam().public_key));
  ASSERT_TRUE(IsOk(verifier));
  EXPECT_TRUE(IsOk(
      (*verifier)->Verify(Hex(GetParam().signature), Hex(GetParam().message))));
}

INSTANTIATE_TEST_SUITE_P(
    Rfc8032Section7_1, Rfc8032Test, ::testing::ValuesIn(kRfc8032Vectors),
    [](const ::testing::TestParamInfo<Rfc8032Vector>& vector) {
      return std::string(vector.param.name);
    });

// A verifier and signer built from RFC 8032 TEST 2, for the failure cases.
class Ed25519Test : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(IsOk(InitCrypto()));
    auto signer = Ed25519Signer::New(
        SecretBytes::Copy(Hex(kRfc8032Vectors[1].secret_key)));
    ASSERT_TRUE(IsOk(signer));
    signer_ = std::move(*signer);
    auto verifier = Ed25519Verifier::New(signer_->PublicKey());
    ASSERT_TRUE(IsOk(verifier));
    verifier_ = std::move(*verifier);
    auto signature = signer_->Sign(message_);
    ASSERT_TRUE(IsOk(signature));
    signature_ = *signature;
  }

  std::unique_ptr<Ed25519Signer> signer_;
  std::unique_ptr<Ed25519Verifier> verifier_;
  const std::string message_ = "wuhan.gov.example/tax\n42\n";
  std::string signature_;
};

TEST_F(Ed25519Test, InitCryptoCanBeCalledRepeatedly) {
  EXPECT_TRUE(IsOk(InitCrypto()));
  EXPECT_TRUE(IsOk(InitCrypto()));
}

TEST_F(Ed25519Test, SignatureOfTheMessageVerifies) {
  EXPECT_EQ(signature_.size(), kEd25519SignatureSize);
  EXPECT_TRUE(IsOk(verifier_->Verify(signature_, message_)));
}

TEST_F(Ed25519Test, EveryFlippedSignatureBitIsRejected) {
  for (size_t bit = 0; bit < signature_.size() * 8; ++bit) {
    std::string bad = signature_;
    bad[bit / 8] = static_cast<char>(bad[bit / 8] ^ (1 << (bit % 8)));
    const Status status = verifier_->Verify(bad, message_);
    EXPECT_TRUE(HasCode(status, StatusCode::kInvalidArgument)) << "bit " << bit;
  }
}

TEST_F(Ed25519Test, TamperedMessageIsRejected) {
  std::string tampered = message_;
  tampered[tampered.size() - 2] = '3';  // index 42 -> 43
  const Status status = verifier_->Verify(signature_, tampered);
  EXPECT_TRUE(HasCode(status, StatusCode::kInvalidArgument));
  EXPECT_EQ(status.message(), "signature: Ed25519 verification failed");
  EXPECT_TRUE(HasCode(verifier_->Verify(signature_, message_ + "x"),
                      StatusCode::kInvalidArgument));
  EXPECT_TRUE(
      HasCode(verifier_->Verify(signature_, ""), StatusCode::kInvalidArgument));
}

TEST_F(Ed25519Test, SignatureOfWrongLengthIsRejectedWithItsLength) {
  for (size_t size : {size_t{0}, size_t{63}, size_t{65}, size_t{128}}) {
    std::string bad = signature_;
    bad.resize(size, '\0');
    const Status status = verifier_->Verify(bad, message_);
    EXPECT_TRUE(HasCode(status, StatusCode::kInvalidArgument)) << size;
    EXPECT_EQ(status.message(),
              "signature: Ed25519 signature must be 64 bytes, got " +
                  std::to_string(size));
  }
}

TEST_F(Ed25519Test, SignatureUnderAnotherKeyIsRejected) {
  auto other = Ed25519Verifier::New(Hex(kRfc8032Vectors[0].public_key));
  ASSERT_TRUE(IsOk(other));
  EXPECT_TRUE(HasCode((*other)->Verify(signature_, message_),
                      StatusCode::kInvalidArgument));
}

TEST_F(Ed25519Test, SeedOfWrongLengthIsRejectedEverywhere) {
  for (size_t size : {size_t{0}, size_t{31}, size_t{33}, size_t{64}}) {
    const SecretBytes seed(size);
    const std::string want =
        "ed25519: seed must be 32 bytes, got " + std::to_string(size);
    StatusOr<Ed25519KeyPair> pair = Ed25519KeyPairFromSeed(seed);
    EXPECT_TRUE(HasCode(pair, StatusCode::kInvalidArgument)) << size;
    EXPECT_EQ(pair.status().message(), want);
    StatusOr<std::unique_ptr<Ed25519Signer>> signer = Ed25519Signer::New(seed);
    EXPECT_TRUE(HasCode(signer, StatusCode::kInvalidArgument)) << size;
    EXPECT_EQ(signer.status().message(), want);
  }
}

TEST_F(Ed25519Test, PublicKeyOfWrongLengthIsRejected) {
  for (size_t size : {size_t{0}, size_t{31}, size_t{33}}) {
    StatusOr<std::unique_ptr<Ed25519Verifier>> verifier =
        Ed25519Verifier::New(std::string(size, 'k'));
    EXPECT_TRUE(HasCode(verifier, StatusCode::kInvalidArgument)) << size;
    EXPECT_EQ(
        verifier.status().message(),
        "ed25519: public key must be 32 bytes, got " + std::to_string(size));
  }
}

TEST_F(Ed25519Test, GeneratedKeyPairSignsAndVerifies) {
  StatusOr<Ed25519KeyPair> pair = GenerateEd25519KeyPair();
  ASSERT_TRUE(IsOk(pair));
  ASSERT_EQ(pair->seed.size(), kEd25519SeedSize);
  ASSERT_EQ(pair->public_key.size(), kEd25519PublicKeySize);
  auto signer = Ed25519Signer::New(pair->seed);
  ASSERT_TRUE(IsOk(signer));
  EXPECT_EQ((*signer)->PublicKey(), pair->public_key);
  auto verifier = Ed25519Verifier::New(pair->public_key);
  ASSERT_TRUE(IsOk(verifier));
  StatusOr<std::string> signature = (*signer)->Sign(message_);
  ASSERT_TRUE(IsOk(signature));
  EXPECT_TRUE(IsOk((*verifier)->Verify(*signature, message_)));
}

TEST_F(Ed25519Test, GeneratedKeyPairsDiffer) {
  StatusOr<Ed25519KeyPair> a = GenerateEd25519KeyPair();
  StatusOr<Ed25519KeyPair> b = GenerateEd25519KeyPair();
  ASSERT_TRUE(IsOk(a));
  ASSERT_TRUE(IsOk(b));
  EXPECT_NE(a->seed.view(), b->seed.view());
  EXPECT_NE(a->public_key, b->public_key);
}

}  // namespace
}  // namespace creditnode::crypto
