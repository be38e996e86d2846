// FeedStore: the node's RocksDB database of feeds (docs/storage-layout.md):
// each feed's entries with their signatures, its size and verifier key, and
// the subject, acting and dedup indexes. It implements FeedReader and
// appends whole batches atomically and durably. RocksDB stays behind a
// pimpl. Thread-safe: reads run concurrently with each other and with
// Append; at most one caller appends to a given feed at a time.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ledger/entry.h"
#include "ledger/feed_reader.h"
#include "util/status.h"

namespace creditnode::ledger {

struct FeedStoreOptions {
  // Create the database if `path` holds none. Default: false
  bool create_if_missing = false;
  // fsync the write-ahead log on every Append and AddFeed. Default: true
  bool sync = true;
  // Shared LRU block cache of all column families; 0 disables it.
  // Default: 256 MiB
  size_t block_cache_bytes = 256 << 20;
  // RocksDB row cache of point reads (entries, tiles, dedup rows); 0
  // disables it. Default: 0
  size_t row_cache_bytes = 0;
  // Cache of the subject-index rows of recently looked-up keys
  // (ledger/subject_cache.h): a repeated lookup skips the index seek. Kept
  // exact by Append; not used by a read_only store (whose writer is another
  // process). 0 disables it. Default: 0
  size_t subject_cache_bytes = 0;
  // Grow each feed's Merkle tiles in every Append (D3). false exists only
  // for the baseline of bench/import_tree (issue 4: import with the tree
  // vs. without); a store written so has no tree and cannot serve roots,
  // proofs or checkpoints. Default: true
  bool maintain_tree = true;
  // Bound on the write-ahead log files kept: past it RocksDB flushes the
  // families whose unflushed writes hold the oldest file. Without it a
  // family written rarely (feeds, checkpoints) keeps every later log file
  // alive up to RocksDB's own bound of gigabytes, which disk and the
  // replay after a crash then pay for. Default: 256 MiB
  uint64_t max_wal_bytes = 256 << 20;
  // Open for reading only, as a RocksDB secondary instance: it works while
  // another process (a serving node) holds the store, and sees what that
  // process had written when Open returned, unflushed writes included.
  // AddFeed, Append and PutCheckpoint then fail with kFailedPrecondition.
  // Requires an existing store (create_if_missing is ignored). Default:
  // false
  bool read_only = false;
};

// One subject-index row: the entry is filed under `key` in `role`.
struct SubjectIndexRow {
  std::string key;  // SubjectId::IndexKey()
  IndexRole role = IndexRole::kSubject;
  friend bool operator==(const SubjectIndexRow&,
                         const SubjectIndexRow&) = default;
};

// One dedup row: the record carries decision `doc_no` about `index_key`.
struct DedupRow {
  std::string doc_no;
  std::string index_key;
};

// One entry to append and the index rows to write with it (the caller,
// FeedWriter or later a replicator, decides what to index).
struct AppendItem {
  StoredEntry stored;                         // ref = (feed origin, position)
  EntryKind kind = EntryKind::kDishonesty;    // kept in the acting row
  std::vector<SubjectIndexRow> subject_rows;  // distinct keys
  std::optional<EntryRef> target;    // lifecycle: acting row target -> this
  std::vector<DedupRow> dedup_rows;  // records: (doc_no, subject key)
  std::string summary;  // EncodeSummary() of the entry, kept in its rows
};

// An acting-index hit with the kind of the acting entry.
struct ActingHit {
  EntryRef actor;
  EntryKind kind = EntryKind::kRepair;
};

class FeedStore final : public FeedReader {
 public:
  // Opens (or with create_if_missing creates) the store at `path`.
  // kNotFound if there is none and !create_if_missing; kFailedPrecondition
  // if the directory holds a database without a CreditNode format version
  // or with a version this binary does not know; kUnavailable if RocksDB
  // cannot open it (e.g. locked by another process); kDataLoss if corrupt.
  // With options.read_only, also kFailedPrecondition if the store lacks a
  // family or its format version (a store only a writer may upgrade).
  static StatusOr<std::unique_ptr<FeedStore>> Open(
      const std::string& path, const FeedStoreOptions& options);
  ~FeedStore() override;

  FeedStore(const FeedStore&) = delete;
  FeedStore& operator=(const FeedStore&) = delete;

  // Registers feed `origin` with `verifier_key` (D4 string naming `origin`)
  // and size 0 if new; OK if it exists with the same key.
  // kInvalidArgument for an empty origin, one containing 0x00, or a
  // verifier key that does not parse or names another origin;
  // kFailedPrecondition if the feed exists with another key.
  Status AddFeed(std::string_view origin, std::string_view verifier_key);

  // Appends `items` to feed `origin` in ONE WriteBatch (synced per
  // options): the entries, their subject/acting/dedup rows and the feed's
  // new size. Empty `items`: OK, nothing written.
  // REQUIRES: at most one caller appends to `origin` at a time.
  // kNotFound if the feed is not registered; kFailedPrecondition unless
  // items[i].stored.ref.index == current size + i (nothing written);
  // kInvalidArgument for an item of another origin, a signature that is not
  // 64 bytes, an entry over kMaxEntryBytes, or a key containing 0x00;
  // kUnavailable / kDataLoss if RocksDB fails (nothing written).
  Status Append(std::string_view origin, const std::vector<AppendItem>& items);

  // Keeps `note`, the signed checkpoint of feed `origin` at tree size
  // `size`, durably (synced). A later call for the same size replaces it
  // (cosignatures are added to the same note). The caller verified the
  // note. kNotFound if the feed does not exist; kFailedPrecondition if size
  // is above the feed's size (a checkpoint never names data not yet
  // stored, D4).
  Status PutCheckpoint(std::string_view origin, uint64_t size,
                       std::string_view note);

  // The index of the record of feed `origin` filed with decision `doc_no`
  // about `index_key`; nullopt if there is none.
  StatusOr<std::optional<uint64_t>> FindByDecision(
      std::string_view origin, std::string_view doc_no,
      std::string_view index_key) const;

  // As FindActing, with each acting entry's kind.
  StatusOr<std::vector<ActingHit>> FindActingHits(const EntryRef& target) const;

  // FeedReader. FindBySubjectKey: kInvalidArgument if `index_key` is empty
  // or contains 0x00.
  StatusOr<StoredEntry> GetEntry(const EntryRef& ref) const override;
  StatusOr<std::vector<FeedInfo>> ListFeeds() const override;
  StatusOr<FeedInfo> GetFeed(std::string_view origin) const override;
  StatusOr<SubjectRows> FindBySubjectKey(std::string_view index_key,
                                         size_t limit) const override;
  StatusOr<std::vector<StoredEntry>> GetEntries(std::string_view origin,
                                                uint64_t start,
                                                uint64_t end) const override;
  StatusOr<std::optional<StoredCheckpoint>> LatestCheckpoint(
      std::string_view origin) const override;
  StatusOr<StoredCheckpoint> GetCheckpoint(std::string_view origin,
                                           uint64_t size) const override;
  StatusOr<std::string> GetTile(std::string_view origin, int level,
                                uint64_t index) const override;
  StatusOr<std::vector<EntryRef>> FindActing(
      const EntryRef& target) const override;

  // A RocksDB property for /metrics and operators. "rocksdb.stats" covers
  // every column family; integer properties (e.g.
  // "rocksdb.estimate-num-keys") are summed over the column families;
  // other names are read from the default family. Empty if unknown.
  std::string GetProperty(std::string_view name) const;

 private:
  struct Rep;
  explicit FeedStore(std::unique_ptr<Rep> rep);
  std::unique_ptr<Rep> rep_;
};

}  // namespace creditnode::ledger
