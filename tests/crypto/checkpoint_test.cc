// C2SP tlog-checkpoint text: format, parse, and each malformed line; known
// answers from golang.org/x/mod/sumdb/tlog (/usr/share/gocode/src/golang.org/
// x/mod/sumdb/tlog/note_test.go, TestFormatTree and TestParseTree, Debian's
// golang-golang-x-mod-dev 0.7.0) and the example of the spec
// (https://c2sp.org/tlog-checkpoint, C2SP/C2SP tlog-checkpoint.md).

#include "crypto/checkpoint.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "crypto/sha256.h"
#include "crypto/signed_note.h"

namespace creditnode::crypto {
namespace {

Checkpoint Example() {
  Checkpoint c;
  c.origin = "wuhan.gov.example/credit";
  c.size = 1234;
  for (size_t i = 0; i < c.root.size(); ++i)
    c.root[i] = static_cast<uint8_t>(i);
  return c;
}

TEST(CheckpointTest, FormatIsOriginSizeAndBase64RootLines) {
  EXPECT_EQ(FormatCheckpoint(Example()),
            "wuhan.gov.example/credit\n1234\n"
            "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\n");
}

TEST(CheckpointTest, ParseRoundTripsWithExtensions) {
  Checkpoint c = Example();
  c.extensions = {"ext one", "ext two"};
  StatusOr<Checkpoint> back = ParseCheckpoint(FormatCheckpoint(c));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->origin, c.origin);
  EXPECT_EQ(back->size, c.size);
  EXPECT_EQ(back->root, c.root);
  EXPECT_EQ(back->extensions, c.extensions);
}

TEST(CheckpointTest, SizeZeroIsAllowed) {
  Checkpoint c = Example();
  c.size = 0;
  StatusOr<Checkpoint> back = ParseCheckpoint(FormatCheckpoint(c));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->size, 0u);
}

TEST(CheckpointTest, EachMalformedLineIsNamed) {
  const std::string root = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
  EXPECT_EQ(ParseCheckpoint("o\n1\n" + root).status().message(),
            "checkpoint: text does not end in a newline");
  EXPECT_EQ(ParseCheckpoint("o\n1\n").status().message(),
            "checkpoint: needs origin, size and root lines");
  EXPECT_EQ(ParseCheckpoint("\n1\n" + root + "\n").status().message(),
            "checkpoint: origin line is empty");
  EXPECT_EQ(ParseCheckpoint("o\n01\n" + root + "\n").status().message(),
            "checkpoint: size \"01\" is not a decimal number");
  EXPECT_EQ(ParseCheckpoint("o\n+1\n" + root + "\n").status().message(),
            "checkpoint: size \"+1\" is not a decimal number in range");
  EXPECT_EQ(ParseCheckpoint("o\n18446744073709551616\n" + root + "\n")
                .status()
                .message(),
            "checkpoint: size \"18446744073709551616\" is not a decimal "
            "number in range");
  EXPECT_EQ(ParseCheckpoint("o\n1\nAAAA\n").status().message(),
            "checkpoint: root is not the base64 of 32 bytes");
  EXPECT_EQ(ParseCheckpoint("o\n1\n" + root + "\n\n").status().message(),
            "checkpoint: extension line 4 is empty");
}

// TestFormatTree: size 123456789012 and the RFC 6962 leaf hash of
// "hello world" as root, under sumdb's origin line.
TEST(CheckpointTest, FormatMatchesGoSumdbGolden) {
  Checkpoint c;
  c.origin = "go.sum database tree";
  c.size = 123456789012;
  c.root = Sha256(std::string("\0hello world", 12));
  EXPECT_EQ(FormatCheckpoint(c),
            "go.sum database tree\n123456789012\n"
            "TszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0=\n");
}

// TestParseTree: the golden text parses; its bad size and bad root fail;
// a trailing complete line is an extension (Go ignores such junk).
TEST(CheckpointTest, ParseMatchesGoSumdbGoldenAndRejectsItsBadTrees) {
  const std::string in =
      "go.sum database tree\n123456789012\n"
      "TszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0=\n";
  StatusOr<Checkpoint> c = ParseCheckpoint(in);
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->size, 123456789012u);
  EXPECT_EQ(c->root, Sha256(std::string("\0hello world", 12)));
  EXPECT_EQ(ParseCheckpoint("go.sum database tree\n0xabcdef\n"
                            "TszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0=\n")
                .status()
                .message(),
            "checkpoint: size \"0xabcdef\" is not a decimal number");
  EXPECT_EQ(
      ParseCheckpoint("go.sum database tree\n123456789012\n"
                      "TszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBTOOBIG=\n")
          .status()
          .message(),
      "checkpoint: root is not the base64 of 32 bytes");
  StatusOr<Checkpoint> junk = ParseCheckpoint(in + "JOE\n");
  ASSERT_TRUE(junk.ok());
  EXPECT_EQ(junk->extensions, std::vector<std::string>{"JOE"});
}

TEST(CheckpointTest, SpecExampleParses) {
  const std::string note =
      "example.com/behind-the-sofa\n"
      "20852163\n"
      "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n"
      "\n"
      "\xE2\x80\x94 example.com/behind-the-sofa Az3grlgtzPICa5OS8npVmf1Myq/"
      "5IZniMp+ZJurmRDeOoRDe4URYN7u5/Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=\n";
  StatusOr<Note> parsed = ParseNote(note);
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  ASSERT_EQ(parsed->signatures.size(), 1u);
  EXPECT_EQ(parsed->signatures[0].key_name, "example.com/behind-the-sofa");
  EXPECT_EQ(parsed->signatures[0].key_id, 0x033de0aeu);
  StatusOr<Checkpoint> c = ParseCheckpoint(parsed->text);
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->origin, "example.com/behind-the-sofa");
  EXPECT_EQ(c->size, 20852163u);
  EXPECT_EQ(c->root[0], 0x0a);
  EXPECT_EQ(c->root[31], 0x62);
  EXPECT_TRUE(c->extensions.empty());
  EXPECT_EQ(FormatCheckpoint(*c), parsed->text);
}

}  // namespace
}  // namespace creditnode::crypto
