// FeedTree over the tiles FeedStore::Append writes: roots and proofs at
// every size agree with a MerkleFrontier over the same entry bytes, across
// tile boundaries (256 and 65,536 leaves), batch sizes and a reopen.

#include "ledger/feed_tree.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "ledger/feed_store.h"
#include "ledger/merkle_frontier.h"
#include "ledger/merkle_proof.h"
#include "tests/ledger/store_fixture.h"

namespace creditnode::ledger {
namespace {

using testing::MakeFeedKey;
using testing::TempDir;

constexpr char kOrigin[] = "tree.gov.example/credit";

class FeedTreeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Open(/*create=*/true);
    CN_ASSERT_OK(
        store_->AddFeed(kOrigin, MakeFeedKey(kOrigin, 9).verifier_key));
  }

  void Open(bool create) {
    store_.reset();
    FeedStoreOptions options;
    options.create_if_missing = create;
    options.sync = false;  // durability is the crash tests' subject
    options.block_cache_bytes = 1 << 20;
    StatusOr<std::unique_ptr<FeedStore>> store =
        FeedStore::Open(dir_.Sub("db"), options);
    CN_ASSERT_OK(store);
    store_ = *std::move(store);
  }

  // Appends `n` entries in one batch; records their leaf hashes and the
  // root after each.
  void Append(uint64_t n) {
    std::vector<AppendItem> items;
    for (uint64_t i = 0; i < n; ++i) {
      AppendItem item;
      const uint64_t index = frontier_.size() + i;
      item.stored.ref = {kOrigin, index};
      item.stored.bytes = "entry " + std::to_string(index);
      item.stored.signature = std::string(64, 's');
      items.push_back(std::move(item));
    }
    CN_ASSERT_OK(store_->Append(kOrigin, items));
    for (const AppendItem& item : items) {
      leaves_.push_back(LeafHash(item.stored.bytes));
      frontier_.Append(leaves_.back());
      roots_.push_back(frontier_.Root());
    }
  }

  Hash RootAt(uint64_t size) const {
    return size == 0 ? EmptyRoot() : roots_[size - 1];
  }

  TempDir dir_;
  std::unique_ptr<FeedStore> store_;
  MerkleFrontier frontier_;
  std::vector<Hash> leaves_;
  std::vector<Hash> roots_;
};

TEST_F(FeedTreeTest, EmptyFeedHasTheEmptyRoot) {
  FeedTree tree(store_.get(), kOrigin);
  StatusOr<Hash> root = tree.Root(0);
  CN_ASSERT_OK(root);
  EXPECT_EQ(*root, EmptyRoot());
}

TEST_F(FeedTreeTest, RootsAndProofsMatchAtEverySizeAcrossBatches) {
  for (uint64_t n : {1, 2, 5, 248, 1, 255, 256, 300, 1}) Append(n);
  FeedTree tree(store_.get(), kOrigin);
  const uint64_t total = frontier_.size();
  for (uint64_t size = 0; size <= total; ++size) {
    StatusOr<Hash> root = tree.Root(size);
    CN_ASSERT_OK(root);
    ASSERT_EQ(*root, RootAt(size)) << "size " << size;
  }
  for (uint64_t size : {uint64_t{1}, uint64_t{256}, uint64_t{257}, total}) {
    for (uint64_t i = 0; i < size; i += 7) {
      StatusOr<std::vector<Hash>> proof = tree.InclusionProof(i, size);
      CN_ASSERT_OK(proof);
      CN_ASSERT_OK(VerifyInclusion(i, size, leaves_[i], *proof, RootAt(size)));
    }
    for (uint64_t old = 0; old <= size; old += 13) {
      StatusOr<std::vector<Hash>> proof = tree.ConsistencyProof(old, size);
      CN_ASSERT_OK(proof);
      CN_ASSERT_OK(
          VerifyConsistency(old, size, RootAt(old), RootAt(size), *proof));
    }
  }
}

TEST_F(FeedTreeTest, SecondLevelTilesAreWrittenPastSixtyFiveThousandLeaves) {
  for (int i = 0; i < 33; ++i) Append(2000);  // 66,000 leaves
  FeedTree tree(store_.get(), kOrigin);
  StatusOr<std::string> level1 = store_->GetTile(kOrigin, 1, 0);
  CN_ASSERT_OK(level1);
  EXPECT_EQ(level1->size(), 256u * 32);  // complete: 65,536 = 256 tiles
  StatusOr<std::string> level2 = store_->GetTile(kOrigin, 2, 0);
  CN_ASSERT_OK(level2);
  EXPECT_EQ(level2->size(), 32u);
  for (uint64_t size : {65535, 65536, 65537, 66000}) {
    StatusOr<Hash> root = tree.Root(size);
    CN_ASSERT_OK(root);
    EXPECT_EQ(*root, RootAt(size)) << "size " << size;
  }
  StatusOr<std::vector<Hash>> proof = tree.InclusionProof(65000, 66000);
  CN_ASSERT_OK(proof);
  CN_EXPECT_OK(
      VerifyInclusion(65000, 66000, leaves_[65000], *proof, RootAt(66000)));
}

TEST_F(FeedTreeTest, CachedFullTilesGiveTheSameRootsAndProofs) {
  SubtreeCache cache(/*max_tiles=*/2);  // tiny: eviction is exercised too
  for (uint64_t n : {300, 500, 1}) Append(n);
  FeedTree tree(store_.get(), kOrigin, &cache);
  const uint64_t total = frontier_.size();
  for (uint64_t size = 0; size <= total; size += 3) {
    StatusOr<Hash> root = tree.Root(size);
    CN_ASSERT_OK(root);
    ASSERT_EQ(*root, RootAt(size)) << "size " << size;
  }
  for (uint64_t i = 0; i < total; i += 11) {
    StatusOr<std::vector<Hash>> proof = tree.InclusionProof(i, total);
    CN_ASSERT_OK(proof);
    CN_ASSERT_OK(VerifyInclusion(i, total, leaves_[i], *proof, RootAt(total)));
  }
  StatusOr<std::vector<Hash>> consistency = tree.ConsistencyProof(257, total);
  CN_ASSERT_OK(consistency);
  CN_EXPECT_OK(
      VerifyConsistency(257, total, RootAt(257), RootAt(total), *consistency));
}

TEST_F(FeedTreeTest, TreeContinuesAfterReopenWithoutRebuilding) {
  Append(300);
  Open(/*create=*/false);
  Append(300);
  FeedTree tree(store_.get(), kOrigin);
  StatusOr<Hash> root = tree.Root(600);
  CN_ASSERT_OK(root);
  EXPECT_EQ(*root, RootAt(600));
}

TEST_F(FeedTreeTest, SizesBeyondTheFeedAreInvalidArgument) {
  Append(10);
  FeedTree tree(store_.get(), kOrigin);
  EXPECT_EQ(tree.Root(11).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(tree.InclusionProof(10, 10).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(tree.InclusionProof(0, 11).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(tree.ConsistencyProof(5, 4).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(FeedTree(store_.get(), "nope.example").Root(0).status().code(),
            StatusCode::kNotFound);
}

TEST_F(FeedTreeTest, MissingTileIsDataLoss) {
  Append(300);
  store_.reset();
  testing::RawPut(dir_.Sub("db"), "tiles",
                  std::string(kOrigin) + std::string(1, '\0') +
                      std::string(1, '\0') + std::string(7, '\0') + "\x01",
                  "short");
  Open(/*create=*/false);
  FeedTree tree(store_.get(), kOrigin);
  EXPECT_EQ(tree.Root(300).status().code(), StatusCode::kDataLoss);
}

}  // namespace
}  // namespace creditnode::ledger
