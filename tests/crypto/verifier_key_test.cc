// Verifier keys and key IDs (crypto/verifier_key.h), pinned to published
// C2SP signed-note keys and signatures, plus every rule of the parser.
#include "crypto/verifier_key.h"

#include <gtest/gtest.h>

#include <string>

#include "crypto/ed25519.h"
#include "crypto/secret_bytes.h"
#include "tests/crypto/crypto_test_util.h"
#include "util/encoding.h"

namespace creditnode::crypto {
namespace {

using testing::HasCode;
using testing::Hex;
using testing::IsOk;

// golang.org/x/mod/sumdb/note, the package documentation and
// example_test.go (ExampleSign, ExampleOpen); also the C2SP signed-note
// reference tests. The private key is
//   "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz"
// whose base64 part is 0x01 (Ed25519) followed by the 32-byte seed.
constexpr char kPeterPrivateKey[] =
    "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+"
    "Y7hfZx09iUvxdXHKDFz";
constexpr char kPeterPrivateKeyBase64[] =
    "AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
constexpr char kPeterVerifierKey[] =
    "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
constexpr uint32_t kPeterKeyId = 0xc74f20a3;
// The note text of the same example and base64(key ID || signature) from
// its signature line "— PeterNeumann x08go/...".
constexpr char kPeterText[] =
    "If you think cryptography is the answer to your problem,\n"
    "then you don't know what your problem is.\n";
constexpr char kPeterSignatureLine[] =
    "x08go/ZJkuBS9UG/"
    "SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnA"
    "M=";
// The second key of golang.org/x/mod/sumdb/note note_test.go.
constexpr char kEnochVerifierKey[] =
    "EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop";

// c2sp.org/signed-note, "Examples": the verifier key, the message and
// base64(key ID || signature) of its signature line.
constexpr char kC2spVerifierKey[] =
    "example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k";
constexpr char kC2spText[] = "This is an example message.\n";
constexpr char kC2spSignatureLine[] =
    "Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRK"
    "uwHjG1Yu72IneyaQM=";

// transparency-dev/formats note/note_cosigv1_test.go: an Ed25519 (0x01)
// key whose base64 contains '+', and a cosignature/v1 (0x04) key.
constexpr char kPlusVerifierKey[] =
    "TEST+7997405c+AQcC+FTVKf0jlTdHDY3rbevmnKxxPjigCXlVtGe6RIr6";
constexpr char kCosignatureVerifierKey[] =
    "remora.n621.de+da77ade7+BOvN63jn/bLvkieywe8R6UYAtVtNbZpXh34x7onlmtw2";

// The public key of RFC 8032 §7.1 TEST 1, for keys we format ourselves.
const std::string& Rfc8032Test1PublicKey() {
  static const std::string key =
      Hex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
  return key;
}

SecretBytes PeterSeed() {
  StatusOr<std::string> typed = Base64Decode(kPeterPrivateKeyBase64);
  EXPECT_TRUE(IsOk(typed));
  EXPECT_EQ(typed->size(), 33u);
  EXPECT_EQ((*typed)[0], '\x01');
  return SecretBytes::Copy(std::string_view(*typed).substr(1));
}

// Parses `text` expecting kInvalidArgument, and returns the message.
std::string ParseError(std::string_view text) {
  StatusOr<VerifierKey> key = ParseVerifierKey(text);
  EXPECT_TRUE(HasCode(key, StatusCode::kInvalidArgument)) << text;
  return key.status().message();
}

TEST(VerifierKeyTest, GoExamplePrivateKeyDerivesThePublishedVerifierKey) {
  ASSERT_EQ(std::string(kPeterPrivateKey).substr(34), kPeterPrivateKeyBase64);
  StatusOr<Ed25519KeyPair> pair = Ed25519KeyPairFromSeed(PeterSeed());
  ASSERT_TRUE(IsOk(pair));
  EXPECT_EQ(Ed25519KeyId("PeterNeumann", pair->public_key), kPeterKeyId);
  EXPECT_EQ(FormatVerifierKey("PeterNeumann", pair->public_key),
            kPeterVerifierKey);
}

TEST(VerifierKeyTest, GoExampleSignatureIsReproducedByTheSigner) {
  auto signer = Ed25519Signer::New(PeterSeed());
  ASSERT_TRUE(IsOk(signer));
  StatusOr<std::string> signature = (*signer)->Sign(kPeterText);
  ASSERT_TRUE(IsOk(signature));
  const std::string key_id("\xc7\x4f\x20\xa3", 4);
  EXPECT_EQ(Base64Encode(key_id + *signature), kPeterSignatureLine);
}

TEST(VerifierKeyTest, GoExampleVerifierKeyParses) {
  StatusOr<VerifierKey> key = ParseVerifierKey(kPeterVerifierKey);
  ASSERT_TRUE(IsOk(key));
  EXPECT_EQ(key->name, "PeterNeumann");
  EXPECT_EQ(key->key_id, kPeterKeyId);
  StatusOr<Ed25519KeyPair> pair = Ed25519KeyPairFromSeed(PeterSeed());
  ASSERT_TRUE(IsOk(pair));
  EXPECT_EQ(key->public_key, pair->public_key);
}

TEST(VerifierKeyTest, C2spExampleSignatureVerifiesWithTheParsedKey) {
  StatusOr<VerifierKey> key = ParseVerifierKey(kC2spVerifierKey);
  ASSERT_TRUE(IsOk(key));
  EXPECT_EQ(key->name, "example.com/foo");
  EXPECT_EQ(key->key_id, 0x530d903au);
  StatusOr<std::string> line = Base64Decode(kC2spSignatureLine);
  ASSERT_TRUE(IsOk(line));
  ASSERT_EQ(line->size(), 4u + kEd25519SignatureSize);
  EXPECT_EQ(line->substr(0, 4), std::string("\x53\x0d\x90\x3a", 4));
  auto verifier = Ed25519Verifier::New(key->public_key);
  ASSERT_TRUE(IsOk(verifier));
  EXPECT_TRUE(IsOk((*verifier)->Verify(line->substr(4), kC2spText)));
}

TEST(VerifierKeyTest, PublishedKeysRoundTripByteForByte) {
  for (const char* text : {kPeterVerifierKey, kEnochVerifierKey,
                           kC2spVerifierKey, kPlusVerifierKey}) {
    StatusOr<VerifierKey> key = ParseVerifierKey(text);
    ASSERT_TRUE(IsOk(key)) << text;
    EXPECT_EQ(Ed25519KeyId(key->name, key->public_key), key->key_id) << text;
    EXPECT_EQ(FormatVerifierKey(key->name, key->public_key), text);
  }
}

TEST(VerifierKeyTest, UnicodeKeyNameRoundTrips) {
  const std::string name = "信用.gov.example/税务";
  ASSERT_TRUE(IsOk(ValidateKeyName(name)));
  const std::string text = FormatVerifierKey(name, Rfc8032Test1PublicKey());
  StatusOr<VerifierKey> key = ParseVerifierKey(text);
  ASSERT_TRUE(IsOk(key));
  EXPECT_EQ(key->name, name);
  EXPECT_EQ(key->public_key, Rfc8032Test1PublicKey());
  EXPECT_EQ(key->key_id, Ed25519KeyId(name, Rfc8032Test1PublicKey()));
}

TEST(VerifierKeyTest, FormattedKeyIdIsEightLowercaseHexDigits) {
  const std::string text =
      FormatVerifierKey("wuhan.gov.example/tax", Rfc8032Test1PublicKey());
  const size_t first = text.find('+');
  ASSERT_EQ(text.substr(0, first), "wuhan.gov.example/tax");
  const std::string id = text.substr(first + 1, 8);
  EXPECT_EQ(text[first + 9], '+');
  for (char c : id)
    EXPECT_TRUE((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')) << id;
}

TEST(VerifierKeyTest, TextWithoutThreePartsIsRejected) {
  for (const char* text :
       {"", "PeterNeumann", "PeterNeumann+c74f20a3",
        "PeterNeumann c74f20a3 ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"}) {
    EXPECT_EQ(ParseError(text),
              "verifier key: expected three '+'-separated parts <name>+<key "
              "ID>+<base64 key>");
  }
}

TEST(VerifierKeyTest, EmptyNameIsRejected) {
  EXPECT_EQ(
      ParseError("+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"),
      "verifier key: key name: must not be empty");
}

TEST(VerifierKeyTest, NameWithWhitespaceIsRejected) {
  EXPECT_EQ(
      ParseError(
          "Peter "
          "Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"),
      "verifier key: key name: must not contain whitespace (U+0020 at byte 5)");
  EXPECT_EQ(ValidateKeyName("Peter\tNeumann").message(),
            "key name: must not contain whitespace (U+0009 at byte 5)");
  EXPECT_EQ(
      ValidateKeyName("Peter\xc2\xa0Neumann").message(),  // no-break space
      "key name: must not contain whitespace (U+00A0 at byte 5)");
  EXPECT_EQ(ValidateKeyName("\xe4\xbf\xa1\xe3\x80\x80")
                .message(),  // ideographic space
            "key name: must not contain whitespace (U+3000 at byte 3)");
  EXPECT_EQ(ValidateKeyName("Peter\n").message(),
            "key name: must not contain whitespace (U+000A at byte 5)");
}

TEST(VerifierKeyTest, NameWithControlCharacterIsRejected) {
  EXPECT_EQ(ValidateKeyName(std::string("a\0b", 3)).message(),
            "key name: must not contain control characters (U+0000 at byte 1)");
  EXPECT_EQ(ValidateKeyName("a\x1b").message(),
            "key name: must not contain control characters (U+001B at byte 1)");
  EXPECT_EQ(ValidateKeyName("a\x7f").message(),
            "key name: must not contain control characters (U+007F at byte 1)");
  EXPECT_EQ(ValidateKeyName("a\xc2\x9b").message(),  // C1 control CSI
            "key name: must not contain control characters (U+009B at byte 1)");
}

TEST(VerifierKeyTest, NameWithPlusIsRejectedByTheValidator) {
  // In a verifier key string the first '+' ends the name, so this rule is
  // seen through ValidateKeyName (and FormatVerifierKey's precondition).
  const Status status = ValidateKeyName("a+b");
  EXPECT_TRUE(HasCode(status, StatusCode::kInvalidArgument));
  EXPECT_EQ(status.message(), "key name: must not contain '+' at byte 1");
}

TEST(VerifierKeyTest, NameThatIsNotUtf8IsRejected) {
  for (const char* name :
       {"\xff", "a\xc0\xaf", "\xed\xa0\x80", "\xe4\xbf", "\xf4\x90\x80\x80"}) {
    const Status status = ValidateKeyName(name);
    EXPECT_TRUE(HasCode(status, StatusCode::kInvalidArgument));
    EXPECT_EQ(status.message().rfind("key name: invalid UTF-8 at byte ", 0), 0u)
        << status.message();
  }
}

TEST(VerifierKeyTest, KeyIdThatIsNotEightLowercaseHexDigitsIsRejected) {
  const std::string key = "+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
  EXPECT_EQ(ParseError("PeterNeumann+C74F20A3" + key),
            "verifier key: key ID must be 8 lowercase hex digits");
  EXPECT_EQ(ParseError("PeterNeumann+c74f20ag" + key),
            "verifier key: key ID must be 8 lowercase hex digits");
  EXPECT_EQ(
      ParseError("PeterNeumann+c74f20a" + key),
      "verifier key: key ID must be 8 lowercase hex digits, got 7 characters");
  EXPECT_EQ(
      ParseError("PeterNeumann+c74f20a30" + key),
      "verifier key: key ID must be 8 lowercase hex digits, got 9 characters");
  EXPECT_EQ(
      ParseError("PeterNeumann+" + key),
      "verifier key: key ID must be 8 lowercase hex digits, got 0 characters");
}

TEST(VerifierKeyTest, KeyThatIsNotBase64IsRejected) {
  for (const char* text :
       {"PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10T",
        "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq_LDE4izWy10TW",
        "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/"
        "LDE4izWy10TW\n"}) {
    EXPECT_EQ(ParseError(text).rfind("verifier key: key: base64: ", 0), 0u)
        << text;
  }
}

TEST(VerifierKeyTest, KeyOfAnotherTypeIsRejected) {
  EXPECT_EQ(ParseError(kCosignatureVerifierKey),
            "verifier key: key type 0x04 is not 0x01 (Ed25519)");
  EXPECT_EQ(ParseError("PeterNeumann+c74f20a3+"), "verifier key: key is empty");
}

TEST(VerifierKeyTest, KeyOfWrongLengthIsRejected) {
  const std::string short_key = "\x01" + Rfc8032Test1PublicKey().substr(1);
  EXPECT_EQ(ParseError("PeterNeumann+c74f20a3+" + Base64Encode(short_key)),
            "verifier key: Ed25519 key must be 32 bytes, got 31");
  const std::string long_key = "\x01" + Rfc8032Test1PublicKey() + "x";
  EXPECT_EQ(ParseError("PeterNeumann+c74f20a3+" + Base64Encode(long_key)),
            "verifier key: Ed25519 key must be 32 bytes, got 33");
}

TEST(VerifierKeyTest, KeyIdThatDoesNotMatchNameAndKeyIsRejected) {
  EXPECT_EQ(
      ParseError(
          "PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"),
      "verifier key: key ID c74f20a4 does not match the name and key (expected "
      "c74f20a3)");
  const std::string renamed = ParseError(
      "PeterNeumanN+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW");
  EXPECT_EQ(
      renamed.rfind(
          "verifier key: key ID c74f20a3 does not match the name and key", 0),
      0u)
      << renamed;
}

TEST(VerifierKeyTest, FeedOriginsAreValidKeyNames) {
  EXPECT_TRUE(IsOk(ValidateKeyName("wuhan.gov.example/tax")));
  EXPECT_TRUE(IsOk(ValidateKeyName("example.com/foo")));
  EXPECT_TRUE(HasCode(ValidateKeyName(""), StatusCode::kInvalidArgument));
}

}  // namespace
}  // namespace creditnode::crypto
