// ledger/secondary_dir.h: a read-only open's directory is made under the
// temp directory, and those of dead processes are removed, not others.
#include "ledger/secondary_dir.h"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "tests/ledger/store_fixture.h"

namespace creditnode::ledger {
namespace {

namespace fs = std::filesystem;

// A PID that named a process a moment ago and names none now.
pid_t DeadPid() {
  const pid_t child = ::fork();
  if (child == 0) ::_exit(0);
  int status = 0;
  ::waitpid(child, &status, 0);
  return child;
}

class SecondaryDirTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // temp_directory_path() honours TMPDIR: point it at our own dir.
    const char* old = ::getenv("TMPDIR");
    if (old != nullptr) old_tmpdir_ = old;
    had_tmpdir_ = old != nullptr;
    ::setenv("TMPDIR", dir_.path().c_str(), 1);
  }
  void TearDown() override {
    if (had_tmpdir_) {
      ::setenv("TMPDIR", old_tmpdir_.c_str(), 1);
    } else {
      ::unsetenv("TMPDIR");
    }
  }
  fs::path Make(const std::string& name) {
    const fs::path p = fs::path(dir_.path()) / name;
    fs::create_directories(p);
    return p;
  }

  testing::TempDir dir_;
  std::string old_tmpdir_;
  bool had_tmpdir_ = false;
};

TEST_F(SecondaryDirTest, MakesAFreshDirectoryNamedWithThisProcess) {
  StatusOr<std::string> a = MakeSecondaryDir();
  StatusOr<std::string> b = MakeSecondaryDir();
  CN_ASSERT_OK(a);
  CN_ASSERT_OK(b);
  EXPECT_NE(*a, *b);
  EXPECT_TRUE(fs::is_directory(*a));
  EXPECT_EQ(fs::path(*a).parent_path(), fs::path(dir_.path()));
  EXPECT_EQ(fs::path(*a).filename().string().rfind(
                "creditnode-secondary-" + std::to_string(::getpid()) + "-", 0),
            0u);
}

TEST_F(SecondaryDirTest, RemovesOnlyTheDirectoriesOfDeadProcesses) {
  const fs::path dead =
      Make("creditnode-secondary-" + std::to_string(DeadPid()) + "-abc123");
  std::ofstream(dead / "LOG") << "left by a killed process\n";
  const fs::path mine =
      Make("creditnode-secondary-" + std::to_string(::getpid()) + "-def456");
  const fs::path init = Make("creditnode-secondary-1-ghi789");  // runs
  const fs::path other = Make("creditnode-secondary-notapid");
  const fs::path unrelated = Make("something-else-12345-x");
  CN_ASSERT_OK(MakeSecondaryDir());
  EXPECT_FALSE(fs::exists(dead));
  EXPECT_TRUE(fs::exists(mine));
  EXPECT_TRUE(fs::exists(init));
  EXPECT_TRUE(fs::exists(other));
  EXPECT_TRUE(fs::exists(unrelated));
}

TEST_F(SecondaryDirTest, AnUnusableTempDirectoryIsUnavailable) {
  ::setenv("TMPDIR", (dir_.path() + "/missing").c_str(), 1);
  EXPECT_EQ(MakeSecondaryDir().status().code(), StatusCode::kUnavailable);
}

}  // namespace
}  // namespace creditnode::ledger
