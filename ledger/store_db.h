// StoreDb: the open RocksDB database under a FeedStore: the DB, one handle
// per column family of docs/storage-layout.md with the options that fit
// each family's reads, and the store format version check. RocksDB types
// appear here only as forward declarations (style R9); only feed_store.cc
// uses this. Thread-safe (RocksDB is).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "ledger/feed_store.h"
#include "util/status.h"

namespace rocksdb {
class ColumnFamilyHandle;
class DB;
class Status;
}  // namespace rocksdb

namespace creditnode::ledger {

enum class Family {
  kDefault = 0,
  kFeeds,
  kEntries,
  kSubjects,
  kActing,
  kDedup,
  kTiles,
  kCheckpoints,
  kNumFamilies
};

class StoreDb {
 public:
  // Opens or creates the database (a secondary instance if
  // options.read_only) and checks its format version; the errors are
  // FeedStore::Open's.
  static StatusOr<std::unique_ptr<StoreDb>> Open(
      const std::string& path, const FeedStoreOptions& options);
  ~StoreDb();

  StoreDb(const StoreDb&) = delete;
  StoreDb& operator=(const StoreDb&) = delete;

  rocksdb::DB* db() const { return db_; }
  rocksdb::ColumnFamilyHandle* handle(Family f) const {
    return handles_[static_cast<size_t>(f)];
  }
  // True for the families scanned by prefix (subjects, acting), whose
  // iterators may set prefix_same_as_start.
  static bool HasPrefixExtractor(Family f);

  // Whether this is a read-only (secondary) instance.
  bool read_only() const { return !secondary_dir_.empty(); }

  // See FeedStore::GetProperty.
  std::string Property(std::string_view name) const;

 private:
  StoreDb() = default;
  Status CheckFormatVersion(const std::string& path);

  rocksdb::DB* db_ = nullptr;  // owned; deleted after the handles
  // Indexed by Family; then any family of a later version, opened so that
  // RocksDB accepts the database, and otherwise left alone.
  std::vector<rocksdb::ColumnFamilyHandle*> handles_;
  // A secondary instance's own directory (its info log), made by Open in
  // the system's temp dir and removed with the store; empty for a primary.
  std::string secondary_dir_;
};

// Maps a RocksDB error and counts it (Counter::kStorageErrors): Corruption
// becomes kDataLoss, anything else kUnavailable; the message is
// "storage: <context>: <RocksDB's message>". REQUIRES: !s.ok().
Status FromRocks(const rocksdb::Status& s, std::string_view context);

// Counts a data-loss status found above RocksDB (a malformed stored key or
// value) in Counter::kStorageErrors and returns it unchanged.
Status StorageDataLoss(Status s);

}  // namespace creditnode::ledger
