// IteratorPool: RocksDB iterators over one column family, kept for reuse.
// Creating an iterator (pinning the current memtables and files, building
// one child iterator per level) costs about as much as the prefix seek a
// subject lookup then does with it (docs/PERFORMANCE.md), so FeedStore
// keeps idle ones and Refresh()es them to the latest state before reuse.
// An idle iterator pins the state it last read (memtables and files a
// flush or compaction has since replaced), so at most `max_idle` are kept
// and each Acquire drops those idle for longer than `max_age`: what they
// pin is freed by the next lookup a moment later. Only feed_store.cc uses
// this; RocksDB types appear as forward declarations (style R9).
// Thread-safe.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <mutex>
#include <vector>

namespace rocksdb {
class ColumnFamilyHandle;
class DB;
class Iterator;
}  // namespace rocksdb

namespace creditnode::ledger {

class IteratorPool {
 public:
  // Iterators over `cf` of `db`, which must outlive the pool; they set
  // prefix_same_as_start iff `same_prefix` (a family with a prefix
  // extractor).
  IteratorPool(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* cf,
               bool same_prefix, size_t max_idle,
               std::chrono::milliseconds max_age);
  ~IteratorPool();

  IteratorPool(const IteratorPool&) = delete;
  IteratorPool& operator=(const IteratorPool&) = delete;

  // An iterator of the pool, returned to it when the Lease ends.
  class Lease {
   public:
    Lease(IteratorPool* pool, std::unique_ptr<rocksdb::Iterator> it);
    ~Lease();
    Lease(Lease&&) = default;
    Lease& operator=(Lease&&) = delete;
    rocksdb::Iterator* operator->() const { return it_.get(); }
    rocksdb::Iterator& operator*() const { return *it_; }

   private:
    IteratorPool* pool_;
    std::unique_ptr<rocksdb::Iterator> it_;
  };

  // An unpositioned iterator that reads everything written before this
  // call: the most recently used idle one, refreshed, else a new one.
  // Drops the idle iterators older than max_age first.
  Lease Acquire();

  // Idle iterators now held (for tests).
  size_t IdleCount() const;

 private:
  using Clock = std::chrono::steady_clock;
  struct Idle {
    std::unique_ptr<rocksdb::Iterator> it;
    Clock::time_point since;
  };

  void Release(std::unique_ptr<rocksdb::Iterator> it);
  std::unique_ptr<rocksdb::Iterator> NewIterator() const;

  rocksdb::DB* const db_;
  rocksdb::ColumnFamilyHandle* const cf_;
  const bool same_prefix_;
  const size_t max_idle_;
  const std::chrono::milliseconds max_age_;
  mutable std::mutex mu_;
  std::vector<Idle> idle_;  // guarded by mu_; oldest first
};

}  // namespace creditnode::ledger
