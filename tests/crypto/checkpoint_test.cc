// C2SP tlog-checkpoint text: format, parse, and each malformed line.

#include "crypto/checkpoint.h"

#include <gtest/gtest.h>

#include <string>

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

}  // namespace
}  // namespace creditnode::crypto
