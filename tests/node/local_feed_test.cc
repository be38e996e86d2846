// node/local_feed.h: InitDataDir's files and modes, LocalFeed::Open's
// errors (not initialised, a second opener of a locked store).
#include "node/local_feed.h"

#include <gtest/gtest.h>

#include "tests/node/node_test_util.h"
#include "util/clock.h"

namespace creditnode::node::testing {
namespace {

constexpr char kOrigin[] = "wuhan.gov.example/tax";

TEST(LocalFeedTest, InitDataDirWritesKeysConfigAndAnEmptyFeed) {
  TempDir dir;
  InitOptions options;
  options.origin = kOrigin;
  StatusOr<Config> c = InitDataDir(dir.Sub("n"), options);
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(FileMode(dir.Sub("n")), 0700);
  EXPECT_EQ(FileMode(dir.Sub("n/keys/feed.key")), 0600);
  EXPECT_EQ(FileMode(dir.Sub("n/keys/witness.key")), 0600);
  EXPECT_EQ(c->TokenFor("publisher").size(), 64u);
  EXPECT_NE(c->TokenFor("publisher"), c->TokenFor("auditor"));

  StatusOr<std::unique_ptr<LocalFeed>> feed =
      LocalFeed::Open(dir.Sub("n"), SystemClock::Default());
  ASSERT_TRUE(feed.ok()) << feed.status().ToString();
  EXPECT_EQ((*feed)->writer()->origin(), kOrigin);
  EXPECT_EQ((*feed)->store()->GetFeed(kOrigin)->size, 0u);
  EXPECT_EQ((*feed)->verifier_key().rfind(std::string(kOrigin) + "+", 0), 0u);
}

TEST(LocalFeedTest, InitDataDirTwiceIsAlreadyExists) {
  TempDir dir;
  InitOptions options;
  options.origin = kOrigin;
  ASSERT_TRUE(InitDataDir(dir.path(), options).ok());
  EXPECT_EQ(InitDataDir(dir.path(), options).status().code(),
            StatusCode::kAlreadyExists);
}

TEST(LocalFeedTest, InitDataDirRejectsAReservedOrigin) {
  TempDir dir;
  InitOptions options;
  options.origin = "creditnode/entry/v1";
  EXPECT_EQ(InitDataDir(dir.Sub("n"), options).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(FileMode(dir.Sub("n")), -1);
}

TEST(LocalFeedTest, OpenOfAnUninitialisedDirIsNotFound) {
  TempDir dir;
  EXPECT_EQ(LocalFeed::Open(dir.path(), SystemClock::Default()).status().code(),
            StatusCode::kNotFound);
}

TEST(LocalFeedTest, SecondOpenWhileTheStoreIsLockedSaysTheDirIsInUse) {
  TempDir dir;
  InitOptions options;
  options.origin = kOrigin;
  ASSERT_TRUE(InitDataDir(dir.path(), options).ok());
  auto first = LocalFeed::Open(dir.path(), SystemClock::Default());
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  auto second = LocalFeed::Open(dir.path(), SystemClock::Default());
  ASSERT_EQ(second.status().code(), StatusCode::kUnavailable);
  EXPECT_NE(
      second.status().message().find("in use by another creditnode process"),
      std::string::npos)
      << second.status().message();
}

}  // namespace
}  // namespace creditnode::node::testing
