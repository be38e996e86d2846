// FeedStore::Rep: the open store and the read helpers shared by the two
// halves of FeedStore's implementation, feed_store.cc (feeds, entries and
// their indexes) and feed_store_tree.cc (Merkle tiles and checkpoints).
// Internal to those two files.
#pragma once

#include <rocksdb/db.h>
#include <rocksdb/write_batch.h>

#include <array>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ledger/feed_store.h"
#include "ledger/iterator_pool.h"
#include "ledger/latest_checkpoints.h"
#include "ledger/storage_keys.h"
#include "ledger/subject_cache.h"
#include "ledger/store_db.h"
#include "util/status.h"

namespace creditnode::ledger {
namespace feed_store_internal {

// Origins and index keys end at a 0x00 in our keys, so they must not hold
// one; an empty one would make keys ambiguous too.
inline Status CheckKeyPart(std::string_view what, std::string_view part) {
  if (part.empty()) return InvalidArgumentError(std::string(what) + ": empty");
  if (part.find('\0') != std::string_view::npos) {
    return InvalidArgumentError(std::string(what) + ": contains 0x00");
  }
  return OkStatus();
}

inline std::string RefName(const EntryRef& ref) {
  return ref.origin + "/" + std::to_string(ref.index);
}

}  // namespace feed_store_internal

struct FeedStore::Rep {
  std::unique_ptr<StoreDb> store_db;
  rocksdb::WriteOptions write_options;
  std::mutex add_feed_mu;
  bool maintain_tree = true;
  // What LatestCheckpoint last read or PutCheckpoint stored, per feed.
  LatestCheckpoints latest_checkpoints;
  // Scan's reused iterators, one pool per family (lookups scan subjects
  // and acting). Declared after store_db, so destroyed before it.
  std::array<std::unique_ptr<IteratorPool>,
             static_cast<size_t>(Family::kNumFamilies)>
      pools;
  // Subject rows of recent lookups; null if disabled or read-only.
  std::unique_ptr<SubjectCache> subject_cache;

  rocksdb::DB* db() const { return store_db->db(); }
  Status CheckWritable() const {
    if (!store_db->read_only()) return OkStatus();
    return FailedPreconditionError("store: opened read-only");
  }
  rocksdb::ColumnFamilyHandle* cf(Family f) const {
    return store_db->handle(f);
  }

  // The value at `key`, nullopt if absent.
  StatusOr<std::optional<std::string>> Get(Family f,
                                           std::string_view key) const {
    std::string value;
    rocksdb::Status s = db()->Get(rocksdb::ReadOptions(), cf(f), key, &value);
    if (s.IsNotFound()) return std::optional<std::string>();
    if (!s.ok()) return FromRocks(s, "get");
    return std::optional<std::string>(std::move(value));
  }

  StatusOr<std::optional<uint64_t>> GetSize(std::string_view origin) const {
    CN_ASSIGN_OR_RETURN(
        std::optional<std::string> v,
        Get(Family::kFeeds, FeedPropertyKey(origin, kFeedSizeProperty)));
    if (!v) return std::optional<uint64_t>();
    StatusOr<uint64_t> size =
        ParseBe64Value(*v, "feed " + std::string(origin) + " size");
    if (!size.ok()) return StorageDataLoss(size.status());
    return std::optional<uint64_t>(*size);
  }

  // Puts into `batch` the hash tiles of feed `origin` grown from `size`
  // by the entries of `items` (D3): only the partial tiles on the right
  // edge are read. In feed_store_tree.cc.
  Status AppendTiles(std::string_view origin, uint64_t size,
                     const std::vector<AppendItem>& items,
                     rocksdb::WriteBatch* batch) const;

  // Every (key, value) under `prefix` in family `f`, in key order, calling
  // `visit` until it returns an error.
  template <typename Visit>
  Status Scan(Family f, const std::string& prefix, Visit visit) const {
    // Pooled iterators stay inside one prefix-extractor prefix, so the
    // prefix bloom filters skip files without it; the starts_with test
    // below is what bounds the scan.
    IteratorPool::Lease it = pools[static_cast<size_t>(f)]->Acquire();
    for (it->Seek(prefix); it->Valid(); it->Next()) {
      std::string_view key(it->key().data(), it->key().size());
      if (key.substr(0, prefix.size()) != prefix) break;
      CN_RETURN_IF_ERROR(
          visit(key, std::string_view(it->value().data(), it->value().size())));
    }
    if (!it->status().ok()) return FromRocks(it->status(), "scan");
    return OkStatus();
  }

  // Every (key, value) in [begin, end) of family `f`, in key order.
  template <typename Visit>
  Status Range(Family f, const std::string& begin, const std::string& end,
               Visit visit) const {
    rocksdb::ReadOptions ro;
    rocksdb::Slice upper(end);
    ro.iterate_upper_bound = &upper;
    std::unique_ptr<rocksdb::Iterator> it(db()->NewIterator(ro, cf(f)));
    for (it->Seek(begin); it->Valid(); it->Next()) {
      CN_RETURN_IF_ERROR(
          visit(std::string_view(it->key().data(), it->key().size()),
                std::string_view(it->value().data(), it->value().size())));
    }
    if (!it->status().ok()) return FromRocks(it->status(), "range");
    return OkStatus();
  }
};

}  // namespace creditnode::ledger
