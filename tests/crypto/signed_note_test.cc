// C2SP signed notes against the known answers of golang.org/x/mod/sumdb/
// note (/usr/share/gocode/src/golang.org/x/mod/sumdb/note/note_test.go,
// TestSign and TestOpen, from Debian's golang-golang-x-mod-dev 0.7.0): the
// keys of "PeterNeumann" and "EnochRoot", the two-line text, the exact
// signed output, and TestOpen's bad, duplicated and tampered notes. Also
// the example note of the spec itself (https://c2sp.org/signed-note,
// C2SP/C2SP signed-note.md), whose text has a blank line.

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
            "note: has a control character other than newline");
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

// TestOpen's badMsgs, each with the rule our error names (Go says only
// "malformed note").
TEST(SignedNoteTest, GoMalformedMessagesAreRejected) {
  const std::string text = kText;
  const std::string peter = kPeterSig;
  const struct {
    std::string note;
    const char* message;
  } kCases[] = {
      {text, "note: no blank line before the signatures"},
      {text + "\n", "note: signatures do not end in a newline"},
      {text + "\n" + peter.substr(0, peter.size() - 1),
       "note: signatures do not end in a newline"},
      {"\x01" + text + "\n" + peter,
       "note: has a control character other than newline"},
      {"\xff" + text + "\n" + peter, "note: not valid UTF-8"},
      {text + "\n" +
           "\xE2\x80\x94 Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZ"
           "InNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=",
       "note: signatures do not end in a newline"},
      {text + "\n" + peter + "Unexpected line.\n",
       "note: signature line does not start with \"\xE2\x80\x94 \""},
  };
  for (const auto& c : kCases) {
    EXPECT_EQ(VerifyNote(c.note, Key(kPeterKey)).status().message(), c.message)
        << c.note;
  }
}

TEST(SignedNoteTest, SignatureLineWithASpaceInTheKeyNameIsRejected) {
  const std::string note =
      std::string(kText) + "\n" +
      "\xE2\x80\x94 Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiF"
      "upLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6"
      "RyyBwJnAM=\n";
  EXPECT_EQ(ParseNote(note).status().message(),
            "note: signature line has more than a key name and a signature "
            "(key names cannot contain spaces)");
}

TEST(SignedNoteTest, MoreThanAHundredSignaturesAreRejected) {
  std::string note = std::string(kText) + "\n";
  for (int i = 0; i < 100; ++i) note += kPeterSig;
  ASSERT_TRUE(VerifyNote(note, Key(kPeterKey)).ok());
  EXPECT_EQ(
      AddNoteSignature(note, "PeterNeumann", *PeterSigner()).status().message(),
      "note: already has 100 signatures");
  note += kPeterSig;
  EXPECT_EQ(VerifyNote(note, Key(kPeterKey)).status().message(),
            "note: more than 100 signatures");
}

// TestOpen "Invalid signature": four base64 characters inserted into
// Peter's signature.
TEST(SignedNoteTest, GoInvalidSignatureVectorDoesNotVerify) {
  const std::string sig = kPeterSig;
  const std::string note =
      std::string(kText) + "\n" + sig.substr(0, 60) + "ABCD" + sig.substr(60);
  EXPECT_EQ(VerifyNote(note, Key(kPeterKey)).status().message(),
            "note: signature by PeterNeumann does not verify");
}

// TestOpen "Duplicated verified and unverified signatures": repeats of a
// good line verify; Enoch's lines (one tampered) are not Peter's, so they
// are ignored.
TEST(SignedNoteTest, RepeatedGoodLinesAndUnknownKeysVerify) {
  const std::string enoch = kEnochSig;
  const std::string note = std::string(kText) + "\n" + kPeterSig + kPeterSig +
                           enoch + enoch + enoch.substr(0, 60) + "ABCD" +
                           enoch.substr(60);
  StatusOr<Note> opened = VerifyNote(note, Key(kPeterKey));
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  EXPECT_EQ(opened->signatures.size(), 5u);
}

// Stricter than Go (which checks only the first line of a key): every line
// of the known key must verify (spec: a failing one SHOULD reject).
TEST(SignedNoteTest, ABadLineOfTheKnownKeyRejectsTheNoteEvenAfterAGoodOne) {
  const std::string sig = kPeterSig;
  const std::string note = std::string(kText) + "\n" + sig + sig.substr(0, 60) +
                           "ABCD" + sig.substr(60);
  EXPECT_EQ(VerifyNote(note, Key(kPeterKey)).status().message(),
            "note: signature by PeterNeumann does not verify");
}

// TestOpen's "wrongHash" line: Peter's name with another key ID is another
// key, so it is ignored rather than checked.
TEST(SignedNoteTest, SameNameWithAnotherKeyIdIsNotTheKnownKey) {
  std::string sig = kPeterSig;
  sig.replace(sig.find("x08g"), 4, "xxxx");
  const std::string note = std::string(kText) + "\n" + sig;
  EXPECT_EQ(VerifyNote(note, Key(kPeterKey)).status().message(),
            "note: no signature by PeterNeumann");
  // A verifier key of the same name over Enoch's public key has another ID.
  const std::string peter_named_enoch =
      FormatVerifierKey("PeterNeumann", Key(kEnochKey).public_key);
  EXPECT_EQ(VerifyNote(std::string(kText) + "\n" + kPeterSig,
                       Key(peter_named_enoch.c_str()))
                .status()
                .message(),
            "note: no signature by PeterNeumann");
}

TEST(SignedNoteTest, WrongPublicKeyUnderTheSameNameAndIdFails) {
  VerifierKey wrong = Key(kPeterKey);
  wrong.public_key = Key(kEnochKey).public_key;
  EXPECT_EQ(VerifyNote(std::string(kText) + "\n" + kPeterSig, wrong)
                .status()
                .message(),
            "note: signature by PeterNeumann does not verify");
}

// The spec allows blank lines in the text; the last blank line separates
// the signatures.
TEST(SignedNoteTest, TextWithABlankLineVerifies) {
  const std::string text = "first\n\nsecond\n";
  std::unique_ptr<Ed25519Signer> signer = PeterSigner();
  StatusOr<std::string> raw = signer->Sign(text);
  ASSERT_TRUE(raw.ok());
  const std::string note = text + "\n\xE2\x80\x94 PeterNeumann " +
                           Base64Encode("\xc7\x4f\x20\xa3" + *raw) + "\n";
  StatusOr<Note> opened = VerifyNote(note, Key(kPeterKey));
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  EXPECT_EQ(opened->text, text);
  StatusOr<std::string> cosigned =
      AddNoteSignature(note, "EnochRoot", *PeterSigner());
  ASSERT_TRUE(cosigned.ok()) << cosigned.status().ToString();
  EXPECT_TRUE(VerifyNote(*cosigned, Key(kPeterKey)).ok());
}

// The example of https://c2sp.org/signed-note (its key is not published,
// so this pins parsing: text with a blank line, name, key ID, length).
TEST(SignedNoteTest, SpecExampleParses) {
  const std::string text =
      "Ognuno sta solo sul cuor della terra\n"
      "trafitto da un raggio di sole:\n"
      "\n"
      "ed \xC3\xA8 subito sera.\n";
  const std::string note =
      text +
      "\n\xE2\x80\x94 quasimodo.example/salvatore NnugSzTjtVAewIS+Z/iJhUPeFDkO/"
      "5QQ2i5ddnGITLlC+EhfLW9oJKONrMouFSQU0xMcXxj99ihAQwaqP3ZekRwNtIc=\n";
  StatusOr<Note> parsed = ParseNote(note);
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(parsed->text, text);
  ASSERT_EQ(parsed->signatures.size(), 1u);
  EXPECT_EQ(parsed->signatures[0].key_name, "quasimodo.example/salvatore");
  EXPECT_EQ(parsed->signatures[0].key_id, 0x367ba04bu);
  EXPECT_EQ(parsed->signatures[0].signature.size(), 64u);
}

}  // namespace
}  // namespace creditnode::crypto
