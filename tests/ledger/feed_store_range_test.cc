// FeedStore range reads (GetEntries) and kept checkpoints (PutCheckpoint,
// LatestCheckpoint, GetCheckpoint) on a real RocksDB.

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "ledger/feed_store.h"
#include "tests/ledger/store_fixture.h"

namespace creditnode::ledger {
namespace {

using testing::MakeFeedKey;
using testing::TempDir;

constexpr char kOrigin[] = "range.gov.example/credit";

class FeedStoreRangeTest : public ::testing::Test {
 protected:
  void SetUp() override { Open(true); }

  void Open(bool create, bool maintain_tree = true) {
    store_.reset();
    FeedStoreOptions options;
    options.create_if_missing = create;
    options.maintain_tree = maintain_tree;
    options.block_cache_bytes = 1 << 20;
    StatusOr<std::unique_ptr<FeedStore>> store =
        FeedStore::Open(dir_.Sub("db"), options);
    CN_ASSERT_OK(store);
    store_ = *std::move(store);
    if (create) {
      CN_ASSERT_OK(
          store_->AddFeed(kOrigin, MakeFeedKey(kOrigin, 4).verifier_key));
    }
  }

  void Append(uint64_t n) {
    StatusOr<FeedInfo> feed = store_->GetFeed(kOrigin);
    CN_ASSERT_OK(feed);
    std::vector<AppendItem> items;
    for (uint64_t i = 0; i < n; ++i) {
      AppendItem item;
      item.stored.ref = {kOrigin, feed->size + i};
      item.stored.bytes = "entry " + std::to_string(feed->size + i);
      item.stored.signature = std::string(64, static_cast<char>('a' + i % 26));
      items.push_back(std::move(item));
    }
    CN_ASSERT_OK(store_->Append(kOrigin, items));
  }

  TempDir dir_;
  std::unique_ptr<FeedStore> store_;
};

TEST_F(FeedStoreRangeTest, GetEntriesReturnsTheRangeInOrder) {
  Append(10);
  StatusOr<std::vector<StoredEntry>> entries =
      store_->GetEntries(kOrigin, 3, 7);
  CN_ASSERT_OK(entries);
  ASSERT_EQ(entries->size(), 4u);
  for (size_t i = 0; i < 4; ++i) {
    EXPECT_EQ((*entries)[i].ref.index, 3 + i);
    EXPECT_EQ((*entries)[i].bytes, "entry " + std::to_string(3 + i));
    EXPECT_EQ((*entries)[i].signature.size(), 64u);
  }
}

TEST_F(FeedStoreRangeTest, GetEntriesStopsAtTheFeedsEnd) {
  Append(5);
  StatusOr<std::vector<StoredEntry>> entries =
      store_->GetEntries(kOrigin, 3, 100);
  CN_ASSERT_OK(entries);
  EXPECT_EQ(entries->size(), 2u);
  StatusOr<std::vector<StoredEntry>> none = store_->GetEntries(kOrigin, 9, 12);
  CN_ASSERT_OK(none);
  EXPECT_TRUE(none->empty());
}

TEST_F(FeedStoreRangeTest, GetEntriesRejectsBadArguments) {
  EXPECT_EQ(store_->GetEntries(kOrigin, 5, 4).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(store_->GetEntries("nope.example", 0, 1).status().code(),
            StatusCode::kNotFound);
}

TEST_F(FeedStoreRangeTest, NoCheckpointBeforeTheFirstIsIssued) {
  StatusOr<std::optional<StoredCheckpoint>> latest =
      store_->LatestCheckpoint(kOrigin);
  CN_ASSERT_OK(latest);
  EXPECT_FALSE(latest->has_value());
  EXPECT_EQ(store_->GetCheckpoint(kOrigin, 0).status().code(),
            StatusCode::kNotFound);
}

TEST_F(FeedStoreRangeTest, EveryCheckpointIsKeptAndTheLatestIsFound) {
  Append(3);
  CN_ASSERT_OK(store_->PutCheckpoint(kOrigin, 1, "note one"));
  CN_ASSERT_OK(store_->PutCheckpoint(kOrigin, 3, "note three"));
  Open(false);
  StatusOr<std::optional<StoredCheckpoint>> latest =
      store_->LatestCheckpoint(kOrigin);
  CN_ASSERT_OK(latest);
  ASSERT_TRUE(latest->has_value());
  EXPECT_EQ((*latest)->size, 3u);
  EXPECT_EQ((*latest)->note, "note three");
  StatusOr<StoredCheckpoint> first = store_->GetCheckpoint(kOrigin, 1);
  CN_ASSERT_OK(first);
  EXPECT_EQ(first->note, "note one");
}

TEST_F(FeedStoreRangeTest, LatestCheckpointFollowsEachNewOneWithoutReopening) {
  Append(3);
  CN_ASSERT_OK(store_->PutCheckpoint(kOrigin, 1, "note one"));
  StatusOr<std::optional<StoredCheckpoint>> latest =
      store_->LatestCheckpoint(kOrigin);  // now held in memory
  CN_ASSERT_OK(latest);
  ASSERT_TRUE(latest->has_value());
  EXPECT_EQ((*latest)->note, "note one");
  CN_ASSERT_OK(store_->PutCheckpoint(kOrigin, 3, "note three"));
  latest = store_->LatestCheckpoint(kOrigin);
  CN_ASSERT_OK(latest);
  ASSERT_TRUE(latest->has_value());
  EXPECT_EQ((*latest)->size, 3u);
  EXPECT_EQ((*latest)->note, "note three");
  // A cosigned note for the same size replaces the held one.
  CN_ASSERT_OK(store_->PutCheckpoint(kOrigin, 3, "note three, cosigned"));
  latest = store_->LatestCheckpoint(kOrigin);
  CN_ASSERT_OK(latest);
  EXPECT_EQ((*latest)->note, "note three, cosigned");
}

TEST_F(FeedStoreRangeTest, EveryAppendGrowsTheHashTiles) {
  Append(3);
  StatusOr<std::string> tile = store_->GetTile(kOrigin, 0, 0);
  CN_ASSERT_OK(tile);
  EXPECT_EQ(tile->size(), 3 * 32u);
}

TEST_F(FeedStoreRangeTest, WithoutTreeMaintenanceEntriesAreStoredButNoTiles) {
  Open(false, /*maintain_tree=*/false);
  Append(3);
  StatusOr<std::vector<StoredEntry>> entries =
      store_->GetEntries(kOrigin, 0, 3);
  CN_ASSERT_OK(entries);
  EXPECT_EQ(entries->size(), 3u);
  EXPECT_EQ(store_->GetTile(kOrigin, 0, 0).status().code(),
            StatusCode::kNotFound);
}

TEST_F(FeedStoreRangeTest, LatestCheckpointIgnoresOtherFeeds) {
  const std::string other = std::string(kOrigin) + "2";
  CN_ASSERT_OK(store_->AddFeed(other, MakeFeedKey(other, 5).verifier_key));
  Append(2);
  CN_ASSERT_OK(store_->PutCheckpoint(kOrigin, 2, "mine"));
  StatusOr<std::optional<StoredCheckpoint>> latest =
      store_->LatestCheckpoint(other);
  CN_ASSERT_OK(latest);
  EXPECT_FALSE(latest->has_value());
}

TEST_F(FeedStoreRangeTest, CheckpointBeyondTheStoredSizeIsRefused) {
  Append(2);
  EXPECT_EQ(store_->PutCheckpoint(kOrigin, 3, "ahead").code(),
            StatusCode::kFailedPrecondition);
  EXPECT_EQ(store_->PutCheckpoint("nope.example", 0, "x").code(),
            StatusCode::kNotFound);
}

}  // namespace
}  // namespace creditnode::ledger
