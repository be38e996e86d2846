// LatestCheckpoints (ledger/latest_checkpoints.h): held per feed, only
// moving forward.
#include "ledger/latest_checkpoints.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace creditnode::ledger {
namespace {

TEST(LatestCheckpointsTest, NothingIsHeldForAFeedNeverOffered) {
  LatestCheckpoints latest;
  latest.Offer("a.example", {4, "a4"});
  EXPECT_FALSE(latest.Find("b.example").has_value());
}

TEST(LatestCheckpointsTest, ALargerCheckpointReplacesTheHeldOne) {
  LatestCheckpoints latest;
  latest.Offer("a.example", {4, "a4"});
  latest.Offer("a.example", {9, "a9"});
  ASSERT_TRUE(latest.Find("a.example").has_value());
  EXPECT_EQ(latest.Find("a.example")->size, 9u);
  EXPECT_EQ(latest.Find("a.example")->note, "a9");
}

TEST(LatestCheckpointsTest, ASmallerCheckpointNeverRollsItBack) {
  LatestCheckpoints latest;
  latest.Offer("a.example", {9, "a9"});
  latest.Offer("a.example", {4, "a4"});
  EXPECT_EQ(latest.Find("a.example")->note, "a9");
}

TEST(LatestCheckpointsTest, TheSameSizeReplacesTheNote) {
  LatestCheckpoints latest;
  latest.Offer("a.example", {9, "a9"});
  latest.Offer("a.example", {9, "a9 cosigned"});
  EXPECT_EQ(latest.Find("a.example")->note, "a9 cosigned");
}

TEST(LatestCheckpointsTest, ConcurrentOffersEndAtTheLargest) {
  LatestCheckpoints latest;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&latest, t] {
      for (uint64_t size = t; size < 4000; size += 4) {
        latest.Offer("a.example", {size, std::to_string(size)});
        ASSERT_TRUE(latest.Find("a.example").has_value());
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(latest.Find("a.example")->size, 3999u);
  EXPECT_EQ(latest.Find("a.example")->note, "3999");
}

}  // namespace
}  // namespace creditnode::ledger
