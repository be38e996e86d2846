// SubjectCache (ledger/subject_cache.h) over RocksDB's sharded LRU cache,
// which holds each key's rows as a heap-allocated shared_ptr.
#include "ledger/subject_cache.h"

#include <rocksdb/cache.h>

#include <functional>
#include <string>
#include <utility>

namespace creditnode::ledger {
namespace {

// What one cached key costs besides its rows' strings: the cache's handle
// and hash-table slot, the shared_ptr control block and the vector.
constexpr size_t kKeyOverhead = 160;

size_t ChargeOf(std::string_view key, const std::vector<SubjectHit>& rows) {
  size_t charge = kKeyOverhead + key.size();
  for (const SubjectHit& hit : rows) {
    charge += sizeof(SubjectHit) + hit.ref.origin.capacity() +
              hit.summary.capacity();
  }
  return charge;
}

void DeleteRows(const rocksdb::Slice& /*key*/, void* value) {
  delete static_cast<SubjectCache::Rows*>(value);
}

rocksdb::Slice SliceOf(std::string_view s) {
  return rocksdb::Slice(s.data(), s.size());
}

}  // namespace

SubjectCache::SubjectCache(size_t capacity_bytes)
    : lru_(rocksdb::NewLRUCache(capacity_bytes)) {}

SubjectCache::~SubjectCache() = default;

SubjectCache::Shard& SubjectCache::ShardOf(std::string_view key) const {
  return shards_[std::hash<std::string_view>()(key) % kShards];
}

SubjectCache::Rows SubjectCache::Find(std::string_view key) const {
  rocksdb::Cache::Handle* handle = lru_->Lookup(SliceOf(key));
  if (handle == nullptr) return nullptr;
  Rows rows = *static_cast<Rows*>(lru_->Value(handle));
  lru_->Release(handle);
  return rows;
}

uint64_t SubjectCache::Ticket(std::string_view key) const {
  return ShardOf(key).ticket.load(std::memory_order_acquire);
}

void SubjectCache::Insert(std::string_view key, uint64_t ticket, Rows rows) {
  const size_t charge = ChargeOf(key, *rows);
  if (charge > lru_->GetCapacity()) return;
  auto* value = new Rows(std::move(rows));
  Shard& shard = ShardOf(key);
  std::lock_guard<std::mutex> lock(shard.mu);
  if (shard.ticket.load(std::memory_order_relaxed) != ticket) {
    delete value;  // a write under this shard's keys since the ticket
    return;
  }
  // Not strict: never fails; an entry that does not fit is dropped.
  lru_->Insert(SliceOf(key), value, charge, &DeleteRows)
      .PermitUncheckedError();
}

void SubjectCache::Invalidate(std::string_view key) {
  Shard& shard = ShardOf(key);
  std::lock_guard<std::mutex> lock(shard.mu);
  shard.ticket.fetch_add(1, std::memory_order_release);
  lru_->Erase(SliceOf(key));
}

size_t SubjectCache::usage() const { return lru_->GetUsage(); }

}  // namespace creditnode::ledger
