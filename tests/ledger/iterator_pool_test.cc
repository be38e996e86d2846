// Tests for ledger/iterator_pool.h over a real RocksDB in a fresh temp dir:
// a reused iterator reads what was written after it was last used, also
// across a flush and a compaction; the pool keeps at most max_idle
// iterators and drops those idle too long; a prefix iterator stays in its
// prefix.
#include "ledger/iterator_pool.h"

#include <gtest/gtest.h>
#include <rocksdb/db.h>
#include <rocksdb/iterator.h>
#include <rocksdb/options.h>
#include <rocksdb/slice_transform.h>

#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "tests/support/temp_dir.h"

namespace creditnode::ledger {
namespace {

using ::creditnode::test_support::TempDir;

constexpr std::chrono::milliseconds kLongAge{60'000};

class IteratorPoolTest : public ::testing::Test {
 protected:
  void SetUp() override {
    rocksdb::Options options;
    options.create_if_missing = true;
    // Two-byte prefixes, as the subject family's extractor cuts its keys.
    options.prefix_extractor.reset(rocksdb::NewFixedPrefixTransform(2));
    rocksdb::DB* raw = nullptr;
    ASSERT_TRUE(rocksdb::DB::Open(options, dir_.Sub("db"), &raw).ok());
    db_.reset(raw);
  }

  void Put(const std::string& key) {
    ASSERT_TRUE(db_->Put(rocksdb::WriteOptions(), key, "v").ok());
  }

  // Every key from `prefix` on while it starts with `prefix`.
  static std::vector<std::string> KeysUnder(IteratorPool& pool,
                                            const std::string& prefix) {
    std::vector<std::string> keys;
    IteratorPool::Lease it = pool.Acquire();
    for (it->Seek(prefix); it->Valid(); it->Next()) {
      std::string key = it->key().ToString();
      if (key.compare(0, prefix.size(), prefix) != 0) break;
      keys.push_back(key);
    }
    EXPECT_TRUE(it->status().ok()) << it->status().ToString();
    return keys;
  }

  TempDir dir_;
  std::unique_ptr<rocksdb::DB> db_;
};

TEST_F(IteratorPoolTest, ReusedIteratorSeesLaterWrites) {
  IteratorPool pool(db_.get(), db_->DefaultColumnFamily(), true, 4,
                    kLongAge);
  Put("a:1");
  EXPECT_EQ(KeysUnder(pool, "a:"), std::vector<std::string>{"a:1"});
  ASSERT_EQ(pool.IdleCount(), 1u);

  Put("a:2");
  EXPECT_EQ(KeysUnder(pool, "a:"), (std::vector<std::string>{"a:1", "a:2"}));
  EXPECT_EQ(pool.IdleCount(), 1u);  // the same iterator, refreshed
}

TEST_F(IteratorPoolTest, ReusedIteratorSeesFlushAndCompaction) {
  IteratorPool pool(db_.get(), db_->DefaultColumnFamily(), true, 4,
                    kLongAge);
  Put("a:1");
  EXPECT_EQ(KeysUnder(pool, "a:").size(), 1u);

  Put("a:2");
  ASSERT_TRUE(db_->Flush(rocksdb::FlushOptions()).ok());
  EXPECT_EQ(KeysUnder(pool, "a:"), (std::vector<std::string>{"a:1", "a:2"}));

  Put("a:3");
  ASSERT_TRUE(db_->Flush(rocksdb::FlushOptions()).ok());
  ASSERT_TRUE(
      db_->CompactRange(rocksdb::CompactRangeOptions(), nullptr, nullptr)
          .ok());
  Put("a:4");
  EXPECT_EQ(KeysUnder(pool, "a:"),
            (std::vector<std::string>{"a:1", "a:2", "a:3", "a:4"}));
}

TEST_F(IteratorPoolTest, PrefixIteratorStaysInItsPrefix) {
  IteratorPool pool(db_.get(), db_->DefaultColumnFamily(), true, 4,
                    kLongAge);
  Put("a:1");
  Put("b:1");
  ASSERT_TRUE(db_->Flush(rocksdb::FlushOptions()).ok());
  // Seeking a prefix with no keys finds nothing rather than "b:1".
  IteratorPool::Lease it = pool.Acquire();
  it->Seek("a:9");
  EXPECT_TRUE(!it->Valid() || it->key().starts_with("a:"));
}

TEST_F(IteratorPoolTest, KeepsAtMostMaxIdle) {
  IteratorPool pool(db_.get(), db_->DefaultColumnFamily(), false, 2,
                    kLongAge);
  {
    IteratorPool::Lease a = pool.Acquire();
    IteratorPool::Lease b = pool.Acquire();
    IteratorPool::Lease c = pool.Acquire();
    EXPECT_EQ(pool.IdleCount(), 0u);
  }
  EXPECT_EQ(pool.IdleCount(), 2u);
  {
    IteratorPool::Lease a = pool.Acquire();
    EXPECT_EQ(pool.IdleCount(), 1u);
  }
  EXPECT_EQ(pool.IdleCount(), 2u);
}

TEST_F(IteratorPoolTest, DropsIteratorsIdleLongerThanMaxAge) {
  IteratorPool pool(db_.get(), db_->DefaultColumnFamily(), false, 4,
                    std::chrono::milliseconds(20));
  {
    IteratorPool::Lease a = pool.Acquire();
    IteratorPool::Lease b = pool.Acquire();
  }
  ASSERT_EQ(pool.IdleCount(), 2u);
  std::this_thread::sleep_for(std::chrono::milliseconds(40));
  {
    // Both idle ones are too old: dropped, and the lease is a new one.
    IteratorPool::Lease c = pool.Acquire();
    EXPECT_EQ(pool.IdleCount(), 0u);
    Put("a:1");
  }
  EXPECT_EQ(pool.IdleCount(), 1u);
  EXPECT_EQ(KeysUnder(pool, "a:").size(), 1u);
}

TEST_F(IteratorPoolTest, MovedLeaseReturnsItsIteratorOnce) {
  IteratorPool pool(db_.get(), db_->DefaultColumnFamily(), false, 4,
                    kLongAge);
  {
    IteratorPool::Lease a = pool.Acquire();
    IteratorPool::Lease b(std::move(a));
  }
  EXPECT_EQ(pool.IdleCount(), 1u);
}

}  // namespace
}  // namespace creditnode::ledger
