// C2SP signed notes against the known answers of golang.org/x/mod/sumdb/
// note (note_test.go, TestSign and TestOpen, from Debian's
// golang-golang-x-mod-dev 0.7.0): the keys of "PeterNeumann" and
// "EnochRoot", the two-line text, and the exact signed output.

#include "crypto/signed_note.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "crypto/ed25519.h"
#include "crypto/verifier_key.h"
#include "util/encoding.h"

namespace creditnode::crypto {
namespace {

constexpr char kPeterKey[] =
    "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
// The seed inside "PRIVATE+KEY+PeterNeumann+c74f20a3+<base64(0x01||seed)>".
constexpr char kPeterPrivate[] = "AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
constexpr char kEnochKey[] =
    "EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop";
constexpr char kText[] =
    "If you think cryptography is the answer to your problem,\n"
    "then you don't know what your problem is.\n";
constexpr char kPeterSig[] =
    "\xE2\x80\x94 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIu"
    "GUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";
constexpr char kEnochSig[] =
    "\xE2\x80\x94 EnochRoot "
    "rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp"
    "+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n";

std::unique_ptr<Ed25519Signer> PeterSigner() {
  EXPECT_TRUE(InitCrypto().ok());
  std::string blob = *Base64Decode(kPeterPrivate);
  StatusOr<std::unique_ptr<Ed25519Signer>> signer =
      Ed25519Signer::New(SecretBytes::Copy(blob.substr(1)));
  EXPECT_TRUE(signer.ok());
  return *std::move(signer);
}

VerifierKey Key(const char* text) {
  StatusOr<VerifierKey> key = ParseVerifierKey(text);
  EXPECT_TRUE(key.ok()) << key.status().ToString();
  return *key;
}

TEST(SignedNoteTest, SignProducesGosExactOutput) {
  StatusOr<std::string> note = SignNote(kText, "PeterNeumann", *PeterSigner());
  ASSERT_TRUE(note.ok()) << note.status().ToString();
  EXPECT_EQ(*note, std::string(kText) + "\n" + kPeterSig);
}

TEST(SignedNoteTest, NoteWithTwoSignaturesVerifiesForEachKey) {
  const std::string note = std::string(kText) + "\n" + kPeterSig + kEnochSig;
  StatusOr<Note> by_peter = VerifyNote(note, Key(kPeterKey));
  ASSERT_TRUE(by_peter.ok()) << by_peter.status().ToString();
  EXPECT_EQ(by_peter->text, kText);
  ASSERT_EQ(by_peter->signatures.size(), 2u);
  EXPECT_EQ(by_peter->signatures[0].key_id, 0xc74f20a3u);
  EXPECT_EQ(by_peter->signatures[1].key_name, "EnochRoot");
  EXPECT_TRUE(VerifyNote(note, Key(kEnochKey)).ok());
}

TEST(SignedNoteTest, AddedSignatureKeepsTheOthers) {
  const std::string enoch_only = std::string(kText) + "\n" + kEnochSig;
  StatusOr<std::string> both =
      AddNoteSignature(enoch_only, "PeterNeumann", *PeterSigner());
  ASSERT_TRUE(both.ok());
  EXPECT_EQ(*both, enoch_only + kPeterSig);
}

TEST(SignedNoteTest, MissingSignatureIsNamed) {
  const std::string note = std::string(kText) + "\n" + kEnochSig;
  EXPECT_EQ(VerifyNote(note, Key(kPeterKey)).status().message(),
            "note: no signature by PeterNeumann");
}

TEST(SignedNoteTest, TamperedTextOrSignatureFails) {
  std::string text = kText;
  text[3] = 'X';
  EXPECT_EQ(
      VerifyNote(text + "\n" + kPeterSig, Key(kPeterKey)).status().message(),
      "note: signature by PeterNeumann does not verify");
  std::string sig = kPeterSig;
  sig[sig.size() - 10] = sig[sig.size() - 10] == 'A' ? 'B' : 'A';
  EXPECT_FALSE(
      VerifyNote(std::string(kText) + "\n" + sig, Key(kPeterKey)).ok());
}

TEST(SignedNoteTest, MalformedNotesAreRejectedWithTheRule) {
  const std::string sig = kPeterSig;
  EXPECT_EQ(ParseNote(std::string(kText) + sig).status().message(),
            "note: no blank line before the signatures");
  EXPECT_EQ(ParseNote(std::string(kText) + "\n").status().message(),
            "note: signatures do not end in a newline");
  EXPECT_EQ(ParseNote(std::string(kText) + "\n- PeterNeumann AAAAAAA=\n")
                .status()
                .message(),
            "note: signature line does not start with \"\xE2\x80\x94 \"");
  EXPECT_EQ(ParseNote(std::string(kText) + "\n\xE2\x80\x94 PeterNeumann !!\n")
                .status()
                .message(),
            "note: signature is not base64");
  EXPECT_EQ(ParseNote(std::string(kText) + "\n\xE2\x80\x94 PeterNeumann AAAA\n")
                .status()
                .message(),
            "note: signature is shorter than 5 bytes");
  EXPECT_EQ(ParseNote("a\x01\n\n" + sig).status().message(),
            "note: text has a control character");
  EXPECT_EQ(ParseNote("\xC3\x28\n\n" + sig).status().message(),
            "note: not valid UTF-8");
}

TEST(SignedNoteTest, SignRefusesTextThatCannotBeANote) {
  std::unique_ptr<Ed25519Signer> signer = PeterSigner();
  EXPECT_EQ(SignNote("", "n", *signer).status().message(),
            "note: text is empty");
  EXPECT_EQ(SignNote("no newline", "n", *signer).status().message(),
            "note: text does not end in a newline");
  EXPECT_EQ(SignNote("a\n\nb\n", "n", *signer).status().message(),
            "note: text has a blank line");
  EXPECT_FALSE(SignNote("a\n", "bad+name", *signer).ok());
}

}  // namespace
}  // namespace creditnode::crypto
