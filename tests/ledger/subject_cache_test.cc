// Tests for ledger/subject_cache.h: the cache alone (tickets, invalidation,
// capacity), then through FeedStore over a real RocksDB: appends are seen
// by lookups whose keys were cached, also while lookups race the appends.
#include "ledger/subject_cache.h"

#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "ledger/feed_store.h"
#include "tests/ledger/store_fixture.h"
#include "util/metrics.h"

namespace creditnode::ledger {
namespace {

using testing::MakeFeedKey;
using testing::TempDir;

constexpr char kOrigin[] = "wuhan.gov.example/tax";

SubjectHit Hit(uint64_t index) {
  SubjectHit hit;
  hit.ref = {kOrigin, index};
  hit.summary = std::string(40, 's');
  return hit;
}

SubjectRows R(std::vector<SubjectHit> rows) {
  return std::make_shared<const std::vector<SubjectHit>>(std::move(rows));
}

std::vector<uint64_t> Indexes(const SubjectCache::Rows& rows) {
  std::vector<uint64_t> out;
  for (const SubjectHit& hit : *rows) out.push_back(hit.ref.index);
  return out;
}

TEST(SubjectCacheTest, InsertedRowsAreFoundAndEmptyRowsAreCachedToo) {
  SubjectCache cache(1 << 20);
  EXPECT_EQ(cache.Find("o:A"), nullptr);
  cache.Insert("o:A", cache.Ticket("o:A"), R({Hit(3), Hit(7)}));
  cache.Insert("o:B", cache.Ticket("o:B"), R({}));
  ASSERT_NE(cache.Find("o:A"), nullptr);
  EXPECT_EQ(Indexes(cache.Find("o:A")), (std::vector<uint64_t>{3, 7}));
  ASSERT_NE(cache.Find("o:B"), nullptr);
  EXPECT_TRUE(cache.Find("o:B")->empty());
  EXPECT_EQ(cache.Find("o:C"), nullptr);
}

TEST(SubjectCacheTest, InvalidateForgetsTheKey) {
  SubjectCache cache(1 << 20);
  cache.Insert("o:A", cache.Ticket("o:A"), R({Hit(1)}));
  cache.Insert("o:B", cache.Ticket("o:B"), R({Hit(2)}));
  cache.Invalidate("o:A");
  EXPECT_EQ(cache.Find("o:A"), nullptr);
  EXPECT_NE(cache.Find("o:B"), nullptr);
}

TEST(SubjectCacheTest, RowsReadBeforeAnInvalidateAreRefused) {
  SubjectCache cache(1 << 20);
  // A reader takes its ticket and scans; a writer's rows become visible
  // and it invalidates; then the reader offers what it read (stale).
  const uint64_t ticket = cache.Ticket("o:A");
  cache.Invalidate("o:A");
  cache.Insert("o:A", ticket, R({Hit(1)}));
  EXPECT_EQ(cache.Find("o:A"), nullptr);
  // A scan that began after the write is kept.
  cache.Insert("o:A", cache.Ticket("o:A"), R({Hit(1), Hit(2)}));
  ASSERT_NE(cache.Find("o:A"), nullptr);
  EXPECT_EQ(Indexes(cache.Find("o:A")), (std::vector<uint64_t>{1, 2}));
}

TEST(SubjectCacheTest, RowsHandedOutSurviveEvictionAndInvalidation) {
  SubjectCache cache(1 << 20);
  cache.Insert("o:A", cache.Ticket("o:A"), R({Hit(5)}));
  SubjectCache::Rows rows = cache.Find("o:A");
  cache.Invalidate("o:A");
  ASSERT_NE(rows, nullptr);
  EXPECT_EQ(Indexes(rows), (std::vector<uint64_t>{5}));
}

TEST(SubjectCacheTest, UsageStaysWithinCapacityLeastRecentlyUsedOut) {
  // One shard of RocksDB's LRU cache per 512 KiB of capacity at least, so
  // a small cache has one LRU order.
  constexpr size_t kCapacity = 64 << 10;
  SubjectCache cache(kCapacity);
  cache.Insert("o:first", cache.Ticket("o:first"), R({Hit(0)}));
  for (int i = 0; i < 2000; ++i) {
    const std::string key = "o:" + std::to_string(i);
    cache.Insert(key, cache.Ticket(key), R({Hit(i), Hit(i + 1)}));
    EXPECT_NE(cache.Find("o:first"), nullptr) << i;  // used: kept
    EXPECT_LE(cache.usage(), kCapacity);
  }
  EXPECT_EQ(cache.Find("o:0"), nullptr);  // evicted
  EXPECT_NE(cache.Find("o:1999"), nullptr);
}

TEST(SubjectCacheTest, RowsLargerThanTheCapacityAreNotKept) {
  SubjectCache cache(4 << 10);
  std::vector<SubjectHit> rows;
  for (uint64_t i = 0; i < 100; ++i) rows.push_back(Hit(i));
  cache.Insert("o:big", cache.Ticket("o:big"), R(rows));
  EXPECT_EQ(cache.Find("o:big"), nullptr);
  EXPECT_EQ(cache.usage(), 0u);
}

// Through FeedStore, as `creditnode serve` opens it.
class SubjectCacheStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    key_ = MakeFeedKey(kOrigin, 1);
    FeedStoreOptions options;
    options.create_if_missing = true;
    options.block_cache_bytes = 1 << 20;
    options.subject_cache_bytes = 1 << 20;
    options.sync = false;  // the appends here are many and tiny
    StatusOr<std::unique_ptr<FeedStore>> store =
        FeedStore::Open(dir_.Sub("db"), options);
    CN_ASSERT_OK(store);
    store_ = *std::move(store);
    CN_ASSERT_OK(store_->AddFeed(kOrigin, key_.verifier_key));
  }

  // Appends one entry filed under each of `keys`, at the feed's end.
  void Append(const std::vector<std::string>& keys) {
    AppendItem item;
    item.stored.ref = {kOrigin, next_++};
    item.stored.bytes = "{}";
    item.stored.signature = std::string(64, 'S');
    for (const std::string& key : keys) {
      item.subject_rows.push_back({key, IndexRole::kSubject});
    }
    CN_ASSERT_OK(store_->Append(kOrigin, {item}));
  }

  size_t Count(const std::string& key) {
    StatusOr<SubjectRows> hits = store_->FindBySubjectKey(key, 100000);
    EXPECT_TRUE(hits.ok()) << hits.status().ToString();
    return hits.ok() ? (*hits)->size() : ~size_t{0};
  }

  TempDir dir_;
  testing::TestFeedKey key_;
  std::unique_ptr<FeedStore> store_;
  uint64_t next_ = 0;
};

TEST_F(SubjectCacheStoreTest, ARepeatedLookupIsAnsweredFromTheCache) {
  Append({"u:A"});
  Metrics& m = Metrics::Global();
  const uint64_t hits = m.Get(Counter::kSubjectCacheHits);
  const uint64_t misses = m.Get(Counter::kSubjectCacheMisses);
  EXPECT_EQ(Count("u:A"), 1u);
  EXPECT_EQ(Count("u:A"), 1u);
  EXPECT_EQ(Count("u:A"), 1u);
  EXPECT_EQ(m.Get(Counter::kSubjectCacheMisses), misses + 1);
  EXPECT_EQ(m.Get(Counter::kSubjectCacheHits), hits + 2);
}

TEST_F(SubjectCacheStoreTest, AnAppendIsSeenByTheNextLookupOfACachedKey) {
  EXPECT_EQ(Count("u:A"), 0u);  // an empty result, cached
  EXPECT_EQ(Count("o:A"), 0u);
  Append({"u:A", "o:A"});
  EXPECT_EQ(Count("u:A"), 1u);
  EXPECT_EQ(Count("o:A"), 1u);
  Append({"u:A"});
  EXPECT_EQ(Count("u:A"), 2u);
  EXPECT_EQ(Count("o:A"), 1u);
  EXPECT_EQ(Count("u:B"), 0u);
}

TEST_F(SubjectCacheStoreTest, LookupsRacingAppendsNeverLeaveAStaleCopy) {
  // Readers keep looking up the keys a writer appends rows under. Each of
  // their reads may be stale, but none may stay in the cache: the writer's
  // own lookup right after each append must see every row so far. (With
  // Insert ignoring its ticket this fails in about half the runs on two
  // cores; RowsReadBeforeAnInvalidateAreRefused checks that rule always.)
  const std::vector<std::string> keys = {"u:K1", "u:K2", "u:K3"};
  constexpr size_t kAppends = 900;
  // Rows already under each key make every scan, and so the time between
  // a reader's snapshot and its Insert, longer.
  constexpr size_t kRowsBefore = 300;
  for (size_t i = 0; i < kRowsBefore; ++i) Append(keys);
  std::atomic<bool> done{false};
  std::vector<std::thread> readers;
  for (int r = 0; r < 3; ++r) {
    readers.emplace_back([&] {
      while (!done.load()) {
        for (const std::string& key : keys) Count(key);
      }
    });
  }
  std::vector<size_t> appended(keys.size(), kRowsBefore);
  size_t stale = 0;
  for (size_t i = 0; i < kAppends; ++i) {
    const size_t k = i % keys.size();
    Append({keys[k]});
    ++appended[k];
    if (Count(keys[k]) != appended[k]) ++stale;
  }
  done.store(true);
  for (std::thread& t : readers) t.join();
  EXPECT_EQ(stale, 0u);
  for (size_t k = 0; k < keys.size(); ++k) {
    EXPECT_EQ(Count(keys[k]), appended[k]) << keys[k];
  }
}

}  // namespace
}  // namespace creditnode::ledger
