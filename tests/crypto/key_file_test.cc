// Key files (crypto/key_file.h, docs/keys.md): the exact format, mode 0600,
// no overwrite, and every way a file on disk can be refused. Each test
// works in its own temporary directory.
#include "crypto/key_file.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "crypto/secret_bytes.h"
#include "tests/crypto/crypto_test_util.h"

namespace creditnode::crypto {
namespace {

using testing::HasCode;
using testing::Hex;
using testing::IsOk;

// The seed of RFC 8032 §7.1 TEST 1 and its standard base64 (RFC 4648 §4).
constexpr char kSeedHex[] =
    "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
constexpr char kSeedBase64[] = "nWGxne/9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A=";

class KeyFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "cn_key_file_XXXXXX")
            .string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    path_ = dir_ + "/feed.key";
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  static SecretBytes Seed() { return SecretBytes::Copy(Hex(kSeedHex)); }

  // Creates `path_` holding `content` with `mode`, bypassing WriteKeyFile.
  void WriteRaw(const std::string& content, mode_t mode = 0600) {
    {
      std::ofstream out(path_, std::ios::binary | std::ios::trunc);
      out << content;
      ASSERT_TRUE(out.good());
    }
    ASSERT_EQ(::chmod(path_.c_str(), mode), 0);
  }

  std::string ReadRaw() const {
    std::ifstream in(path_, std::ios::binary);
    std::stringstream content;
    content << in.rdbuf();
    return content.str();
  }

  mode_t Mode() const {
    struct stat st;
    EXPECT_EQ(::stat(path_.c_str(), &st), 0);
    return st.st_mode & 07777;
  }

  std::string dir_;
  std::string path_;
};

TEST_F(KeyFileTest, WrittenKeyReadsBack) {
  ASSERT_TRUE(IsOk(WriteKeyFile(path_, Seed())));
  StatusOr<SecretBytes> seed = ReadKeyFile(path_);
  ASSERT_TRUE(IsOk(seed));
  EXPECT_EQ(seed->view(), Seed().view());
}

TEST_F(KeyFileTest, WrittenFileIsOneDocumentedLine) {
  ASSERT_TRUE(IsOk(WriteKeyFile(path_, Seed())));
  EXPECT_EQ(ReadRaw(),
            std::string("creditnode-ed25519-seed-v1 ") + kSeedBase64 + "\n");
}

TEST_F(KeyFileTest, WrittenFileHasMode0600EvenUnderAPermissiveUmask) {
  const mode_t old_umask = ::umask(0);
  const Status status = WriteKeyFile(path_, Seed());
  ::umask(old_umask);
  ASSERT_TRUE(IsOk(status));
  EXPECT_EQ(Mode(), 0600u);
}

TEST_F(KeyFileTest, ExistingFileIsNotOverwritten) {
  WriteRaw("not a key\n");
  const Status status = WriteKeyFile(path_, Seed());
  EXPECT_TRUE(HasCode(status, StatusCode::kAlreadyExists));
  EXPECT_NE(status.message().find("never overwritten"), std::string::npos)
      << status.message();
  EXPECT_EQ(ReadRaw(), "not a key\n");
}

TEST_F(KeyFileTest, SecondWriteOfAKeyFails) {
  ASSERT_TRUE(IsOk(WriteKeyFile(path_, Seed())));
  EXPECT_TRUE(HasCode(WriteKeyFile(path_, SecretBytes(32)),
                      StatusCode::kAlreadyExists));
  StatusOr<SecretBytes> seed = ReadKeyFile(path_);
  ASSERT_TRUE(IsOk(seed));
  EXPECT_EQ(seed->view(), Seed().view());
}

TEST_F(KeyFileTest, SeedOfWrongLengthIsNotWritten) {
  EXPECT_TRUE(HasCode(WriteKeyFile(path_, SecretBytes(31)),
                      StatusCode::kInvalidArgument));
  EXPECT_FALSE(std::filesystem::exists(path_));
}

TEST_F(KeyFileTest, WriteIntoMissingDirectoryIsUnavailable) {
  EXPECT_TRUE(HasCode(WriteKeyFile(dir_ + "/missing/feed.key", Seed()),
                      StatusCode::kUnavailable));
}

TEST_F(KeyFileTest, MissingFileIsNotFound) {
  EXPECT_TRUE(HasCode(ReadKeyFile(path_), StatusCode::kNotFound));
}

TEST_F(KeyFileTest, Mode0644IsRefusedWithTheFix) {
  ASSERT_TRUE(IsOk(WriteKeyFile(path_, Seed())));
  ASSERT_EQ(::chmod(path_.c_str(), 0644), 0);
  StatusOr<SecretBytes> seed = ReadKeyFile(path_);
  EXPECT_TRUE(HasCode(seed, StatusCode::kPermissionDenied));
  EXPECT_EQ(seed.status().message(),
            "key file " + path_ +
                ": mode 0644 gives access to group or others; "
                "run chmod 600 " +
                path_);
}

TEST_F(KeyFileTest, AnyGroupOrOtherBitIsRefused) {
  ASSERT_TRUE(IsOk(WriteKeyFile(path_, Seed())));
  for (mode_t extra : {0040, 0020, 0010, 0004, 0002, 0001}) {
    ASSERT_EQ(::chmod(path_.c_str(), 0600 | extra), 0);
    EXPECT_TRUE(HasCode(ReadKeyFile(path_), StatusCode::kPermissionDenied))
        << std::oct << extra;
  }
  ASSERT_EQ(::chmod(path_.c_str(), 0400), 0);  // owner read-only is fine
  EXPECT_TRUE(IsOk(ReadKeyFile(path_)));
}

TEST_F(KeyFileTest, DirectoryIsNotAKeyFile) {
  const Status status = ReadKeyFile(dir_).status();
  EXPECT_TRUE(HasCode(status, StatusCode::kInvalidArgument));
  EXPECT_EQ(status.message(), "key file " + dir_ + ": not a regular file");
}

TEST_F(KeyFileTest, FifoIsRefusedWithoutBlocking) {
  ASSERT_EQ(::mkfifo(path_.c_str(), 0600), 0);
  const Status status = ReadKeyFile(path_).status();
  EXPECT_TRUE(HasCode(status, StatusCode::kInvalidArgument));
  EXPECT_EQ(status.message(), "key file " + path_ + ": not a regular file");
}

TEST_F(KeyFileTest, MalformedContentIsInvalidArgument) {
  const std::string magic = "creditnode-ed25519-seed-v1 ";
  const struct {
    const char* what;
    std::string content;
    std::string message;  // after "key file <path>: "
  } kCases[] = {
      {"empty file", "", "does not start with \"creditnode-ed25519-seed-v1 \""},
      {"other format", std::string("-----BEGIN PRIVATE KEY-----\n"),
       "does not start with \"creditnode-ed25519-seed-v1 \""},
      {"wrong version",
       "creditnode-ed25519-seed-v2 " + std::string(kSeedBase64) + "\n",
       "does not start with \"creditnode-ed25519-seed-v1 \""},
      {"no newline", magic + kSeedBase64,
       "expected one line of 72 bytes ending in a newline, got 71 bytes"},
      {"CRLF", magic + kSeedBase64 + "\r\n",
       "expected one line of 72 bytes ending in a newline, got 73 bytes"},
      {"second line", magic + kSeedBase64 + "\n\n",
       "expected one line of 72 bytes ending in a newline, got 73 bytes"},
      {"short seed", magic + "nWGxne/9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2=\n",
       "expected one line of 72 bytes ending in a newline, got 71 bytes"},
      {"not base64", magic + "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A=\n",
       "seed: base64: "},
      {"31-byte seed", magic + "nWGxne/9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyufw==\n",
       "seed must be 32 bytes, got 31"},
      {"33-byte seed", magic + "nWGxne/9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2AA\n",
       "seed must be 32 bytes, got 33"},
  };
  for (const auto& c : kCases) {
    ASSERT_EQ(::unlink(path_.c_str()) == 0 || errno == ENOENT, true);
    WriteRaw(c.content);
    const Status status = ReadKeyFile(path_).status();
    EXPECT_TRUE(HasCode(status, StatusCode::kInvalidArgument)) << c.what;
    const std::string want = "key file " + path_ + ": " + c.message;
    EXPECT_EQ(status.message().substr(0, want.size()), want) << c.what;
  }
}

}  // namespace
}  // namespace creditnode::crypto
