// SubjectCache: the subject-index rows of recently looked-up index keys, so
// that a repeated lookup skips RocksDB's prefix seek (an iterator seek over
// the memtables and every level: the largest share of a lookup's CPU,
// docs/PERFORMANCE.md). Empty results are kept too: most looked-up keys of
// a firm (its organization code beside its USCC) have no rows.
//
// Never stale, by this protocol between FeedStore's scans and appends:
//  - a reader takes Ticket(key) BEFORE it scans the store, and offers what
//    it read with Insert(key, ticket, rows);
//  - a writer calls Invalidate(key) AFTER its write of rows under `key` is
//    visible to new iterators.
// Invalidate erases the key and advances the ticket of the key's shard,
// atomically with respect to Insert, which keeps the rows only if the
// shard's ticket is still the one the reader took. So an Insert that ran
// before an Invalidate is erased by it, and one after it is refused unless
// its scan began after the write was visible.
//
// Bounded by `capacity_bytes` (an estimate of the memory held), least
// recently used first out. Only for a store whose every write goes through
// this process (not for a read-only secondary). RocksDB's LRU cache holds
// the rows and appears here as a forward declaration (style R9).
// Thread-safe.
#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string_view>
#include <vector>

#include "ledger/feed_reader.h"

namespace rocksdb {
class Cache;
}  // namespace rocksdb

namespace creditnode::ledger {

class SubjectCache {
 public:
  using Rows = SubjectRows;

  explicit SubjectCache(size_t capacity_bytes);
  ~SubjectCache();

  SubjectCache(const SubjectCache&) = delete;
  SubjectCache& operator=(const SubjectCache&) = delete;

  // The rows cached for `key` (possibly none: an empty vector), or nullptr
  // if `key` is not cached.
  Rows Find(std::string_view key) const;

  // To be taken before scanning the store for `key`.
  uint64_t Ticket(std::string_view key) const;

  // Keeps `rows` (not null), read by a scan that began after Ticket(key)
  // returned `ticket`, unless `key` was invalidated since (or its charge
  // exceeds the whole capacity).
  void Insert(std::string_view key, uint64_t ticket, Rows rows);

  // Forgets `key`; call after a write of rows under it became visible.
  void Invalidate(std::string_view key);

  // The estimated bytes held now.
  size_t usage() const;

 private:
  // Invalidations are serialised with Inserts per shard of keys.
  struct Shard {
    std::mutex mu;
    std::atomic<uint64_t> ticket{0};
  };
  static constexpr size_t kShards = 64;
  Shard& ShardOf(std::string_view key) const;

  const std::shared_ptr<rocksdb::Cache> lru_;
  mutable std::array<Shard, kShards> shards_;
};

}  // namespace creditnode::ledger
