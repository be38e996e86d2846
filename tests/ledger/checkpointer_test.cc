// Checkpointer over a real store: the first checkpoint (size 0), no
// re-issue while unchanged, a new one after appends with the tree's root,
// every one kept, each verifying under the feed's verifier key.

#include "ledger/checkpointer.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "crypto/checkpoint.h"
#include "crypto/signed_note.h"
#include "crypto/verifier_key.h"
#include "ledger/feed_store.h"
#include "ledger/merkle_frontier.h"
#include "tests/ledger/store_fixture.h"

namespace creditnode::ledger {
namespace {

using testing::MakeFeedKey;
using testing::TempDir;

constexpr char kOrigin[] = "ckpt.gov.example/credit";

class CheckpointerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    key_ = MakeFeedKey(kOrigin, 2);
    FeedStoreOptions options;
    options.create_if_missing = true;
    options.block_cache_bytes = 1 << 20;
    StatusOr<std::unique_ptr<FeedStore>> store =
        FeedStore::Open(dir_.Sub("db"), options);
    CN_ASSERT_OK(store);
    store_ = *std::move(store);
    CN_ASSERT_OK(store_->AddFeed(kOrigin, key_.verifier_key));
  }

  void Append(uint64_t n) {
    std::vector<AppendItem> items;
    for (uint64_t i = 0; i < n; ++i) {
      AppendItem item;
      item.stored.ref = {kOrigin, frontier_.size() + i};
      item.stored.bytes = "entry " + std::to_string(frontier_.size() + i);
      item.stored.signature = std::string(64, 'x');
      items.push_back(std::move(item));
    }
    CN_ASSERT_OK(store_->Append(kOrigin, items));
    for (const AppendItem& item : items) {
      frontier_.Append(LeafHash(item.stored.bytes));
    }
  }

  // The note verifies under the feed key and names `size` and the root.
  void ExpectValid(const std::string& note, uint64_t size) {
    StatusOr<crypto::VerifierKey> key =
        crypto::ParseVerifierKey(key_.verifier_key);
    CN_ASSERT_OK(key);
    StatusOr<crypto::Note> opened = crypto::VerifyNote(note, *key);
    CN_ASSERT_OK(opened);
    StatusOr<crypto::Checkpoint> c = crypto::ParseCheckpoint(opened->text);
    CN_ASSERT_OK(c);
    EXPECT_EQ(c->origin, kOrigin);
    EXPECT_EQ(c->size, size);
    EXPECT_EQ(c->root, frontier_.Root());
  }

  TempDir dir_;
  testing::TestFeedKey key_;
  std::unique_ptr<FeedStore> store_;
  MerkleFrontier frontier_;
};

TEST_F(CheckpointerTest, FirstCallIssuesACheckpointOfTheEmptyFeed) {
  Checkpointer checkpointer(store_.get(), kOrigin, key_.signer.get());
  StatusOr<std::optional<StoredCheckpoint>> issued =
      checkpointer.IssueIfGrown();
  CN_ASSERT_OK(issued);
  ASSERT_TRUE(issued->has_value());
  EXPECT_EQ((*issued)->size, 0u);
  ExpectValid((*issued)->note, 0);
}

TEST_F(CheckpointerTest, NothingIsIssuedWhileTheFeedIsUnchanged) {
  Checkpointer checkpointer(store_.get(), kOrigin, key_.signer.get());
  CN_ASSERT_OK(checkpointer.IssueIfGrown());
  StatusOr<std::optional<StoredCheckpoint>> again = checkpointer.IssueIfGrown();
  CN_ASSERT_OK(again);
  EXPECT_FALSE(again->has_value());
}

TEST_F(CheckpointerTest, GrownFeedGetsANewCheckpointAndTheOldOnesAreKept) {
  Checkpointer checkpointer(store_.get(), kOrigin, key_.signer.get());
  CN_ASSERT_OK(checkpointer.IssueIfGrown());
  Append(3);
  StatusOr<std::optional<StoredCheckpoint>> three = checkpointer.IssueIfGrown();
  CN_ASSERT_OK(three);
  ASSERT_TRUE(three->has_value());
  ExpectValid((*three)->note, 3);
  Append(300);
  StatusOr<std::optional<StoredCheckpoint>> big = checkpointer.IssueIfGrown();
  CN_ASSERT_OK(big);
  ASSERT_TRUE(big->has_value());
  ExpectValid((*big)->note, 303);
  CN_EXPECT_OK(store_->GetCheckpoint(kOrigin, 0));
  StatusOr<StoredCheckpoint> kept = store_->GetCheckpoint(kOrigin, 3);
  CN_ASSERT_OK(kept);
  EXPECT_EQ(kept->note, (*three)->note);
  StatusOr<std::optional<StoredCheckpoint>> latest =
      store_->LatestCheckpoint(kOrigin);
  CN_ASSERT_OK(latest);
  EXPECT_EQ((*latest)->size, 303u);
}

TEST_F(CheckpointerTest, UnknownFeedIsNotFound) {
  Checkpointer checkpointer(store_.get(), "nope.example", key_.signer.get());
  EXPECT_EQ(checkpointer.IssueIfGrown().status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace creditnode::ledger
