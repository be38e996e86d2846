// Entry signatures (crypto/entry_signature.h, D2): Ed25519 over
// "creditnode/entry/v1\n" || entry bytes, and nothing else.
#include "crypto/entry_signature.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "crypto/ed25519.h"
#include "crypto/secret_bytes.h"
#include "tests/crypto/crypto_test_util.h"

namespace creditnode::crypto {
namespace {

using testing::HasCode;
using testing::Hex;
using testing::IsOk;

class EntrySignatureTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // The seed of RFC 8032 §7.1 TEST 1: a fixed key keeps the test hermetic.
    auto signer = Ed25519Signer::New(SecretBytes::Copy(Hex(
        "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")));
    ASSERT_TRUE(IsOk(signer));
    signer_ = std::move(*signer);
    auto verifier = Ed25519Verifier::New(signer_->PublicKey());
    ASSERT_TRUE(IsOk(verifier));
    verifier_ = std::move(*verifier);
  }

  std::unique_ptr<Ed25519Signer> signer_;
  std::unique_ptr<Ed25519Verifier> verifier_;
  const std::string entry_ =
      R"({"index":0,"issued_at":"2024-05-01T08:00:00Z","kind":"commendation",)"
      R"("origin":"wuhan.gov.example/tax","v":1})";
};

TEST_F(EntrySignatureTest, DomainIsTheDocumentedLabelAndNewline) {
  EXPECT_EQ(kEntrySignatureDomain, "creditnode/entry/v1\n");
}

TEST_F(EntrySignatureTest, SignedEntryVerifies) {
  StatusOr<std::string> signature = SignEntry(*signer_, entry_);
  ASSERT_TRUE(IsOk(signature));
  EXPECT_EQ(signature->size(), kEd25519SignatureSize);
  EXPECT_TRUE(IsOk(VerifyEntrySignature(*verifier_, *signature, entry_)));
}

TEST_F(EntrySignatureTest,
       EntrySignatureIsThePlainSignatureOfThePrefixedBytes) {
  // Ed25519 is deterministic, so this pins exactly which bytes are signed.
  StatusOr<std::string> entry_signature = SignEntry(*signer_, entry_);
  StatusOr<std::string> plain = signer_->Sign("creditnode/entry/v1\n" + entry_);
  ASSERT_TRUE(IsOk(entry_signature));
  ASSERT_TRUE(IsOk(plain));
  EXPECT_EQ(*entry_signature, *plain);
}

TEST_F(EntrySignatureTest, EntrySignatureIsNotAValidSignatureOfTheBareBytes) {
  StatusOr<std::string> signature = SignEntry(*signer_, entry_);
  ASSERT_TRUE(IsOk(signature));
  EXPECT_TRUE(HasCode(verifier_->Verify(*signature, entry_),
                      StatusCode::kInvalidArgument));
}

TEST_F(EntrySignatureTest, PlainSignatureOfTheBareBytesIsNotAnEntrySignature) {
  StatusOr<std::string> plain = signer_->Sign(entry_);
  ASSERT_TRUE(IsOk(plain));
  const Status status = VerifyEntrySignature(*verifier_, *plain, entry_);
  EXPECT_TRUE(HasCode(status, StatusCode::kInvalidArgument));
  EXPECT_EQ(status.message(),
            "entry signature: signature: Ed25519 verification failed");
}

TEST_F(EntrySignatureTest, TamperedEntryIsRejected) {
  StatusOr<std::string> signature = SignEntry(*signer_, entry_);
  ASSERT_TRUE(IsOk(signature));
  std::string tampered = entry_;
  tampered.replace(tampered.find("commendation"), 12, "dishonesty00");
  const Status status = VerifyEntrySignature(*verifier_, *signature, tampered);
  EXPECT_TRUE(HasCode(status, StatusCode::kInvalidArgument));
  EXPECT_EQ(status.message(),
            "entry signature: signature: Ed25519 verification failed");
  EXPECT_TRUE(
      HasCode(VerifyEntrySignature(*verifier_, *signature, entry_ + " "),
              StatusCode::kInvalidArgument));
}

TEST_F(EntrySignatureTest, SignatureOfWrongLengthIsRejected) {
  StatusOr<std::string> signature = SignEntry(*signer_, entry_);
  ASSERT_TRUE(IsOk(signature));
  const Status status =
      VerifyEntrySignature(*verifier_, signature->substr(0, 63), entry_);
  EXPECT_TRUE(HasCode(status, StatusCode::kInvalidArgument));
  EXPECT_EQ(
      status.message(),
      "entry signature: signature: Ed25519 signature must be 64 bytes, got 63");
}

}  // namespace
}  // namespace creditnode::crypto
