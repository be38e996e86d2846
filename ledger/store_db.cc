// StoreDb: opening the FeedStore's RocksDB database with per-family
// options, and the RocksDB -> Status mapping (docs/storage-layout.md,
// "Column families" and "Format version").
#include "ledger/store_db.h"

#include <rocksdb/cache.h>
#include <rocksdb/db.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/options.h>
#include <rocksdb/slice_transform.h>
#include <rocksdb/table.h>

#include <algorithm>
#include <array>
#include <filesystem>

#include "ledger/secondary_dir.h"
#include "ledger/storage_keys.h"
#include "util/metrics.h"

namespace creditnode::ledger {
namespace {

constexpr std::array<std::string_view,
                     static_cast<size_t>(Family::kNumFamilies)>
    kFamilyNames = {"default",       kFeedsFamily,      kEntriesFamily,
                    kSubjectsFamily, kActingFamily,     kDedupFamily,
                    kTilesFamily,    kCheckpointsFamily};

// Bloom filters at 10 bits per key: about 1% false positives (RocksDB's
// recommended default).
constexpr double kBloomBitsPerKey = 10;

// The prefix of a subjects key is its index key and 0x00 (extra = 0); of an
// acting key its target origin, 0x00 and be64 index (extra = 8). A lookup
// scans exactly one such prefix, so a prefix bloom filter lets RocksDB skip
// every file without it: most records have no lifecycle entries, and most
// looked-up identifiers are in no list at all.
class NulPrefixTransform final : public rocksdb::SliceTransform {
 public:
  NulPrefixTransform(const char* name, size_t extra)
      : name_(name), extra_(extra) {}
  const char* Name() const override { return name_; }
  rocksdb::Slice Transform(const rocksdb::Slice& key) const override {
    return rocksdb::Slice(key.data(),
                          NulPrefixLength(key.ToStringView(), extra_));
  }
  bool InDomain(const rocksdb::Slice& key) const override {
    return NulPrefixLength(key.ToStringView(), extra_) !=
           std::string_view::npos;
  }

 private:
  const char* name_;
  size_t extra_;
};

rocksdb::ColumnFamilyOptions FamilyOptions(
    Family f, const std::shared_ptr<rocksdb::Cache>& cache) {
  rocksdb::ColumnFamilyOptions cf;
  rocksdb::BlockBasedTableOptions table;
  if (cache) {
    table.block_cache = cache;
  } else {
    table.no_block_cache = true;
  }
  switch (f) {
    case Family::kEntries:
    case Family::kDedup:
      table.filter_policy.reset(
          rocksdb::NewBloomFilterPolicy(kBloomBitsPerKey));
      break;
    case Family::kSubjects:
    case Family::kActing:
      cf.prefix_extractor = std::make_shared<NulPrefixTransform>(
          f == Family::kSubjects ? "creditnode.SubjectKeyPrefix"
                                 : "creditnode.ActingTargetPrefix",
          f == Family::kSubjects ? 0 : 8);
      table.filter_policy.reset(
          rocksdb::NewBloomFilterPolicy(kBloomBitsPerKey));
      table.whole_key_filtering = false;  // only ever scanned by prefix
      cf.memtable_prefix_bloom_size_ratio = 0.02;
      break;
    default:
      break;
  }
  cf.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
  return cf;
}

}  // namespace

bool StoreDb::HasPrefixExtractor(Family f) {
  return f == Family::kSubjects || f == Family::kActing;
}

StatusOr<std::unique_ptr<StoreDb>> StoreDb::Open(
    const std::string& path, const FeedStoreOptions& options) {
  std::error_code ec;
  const bool exists =
      std::filesystem::exists(std::filesystem::path(path) / "CURRENT", ec);
  if (!exists && (options.read_only || !options.create_if_missing)) {
    return NotFoundError("store: no database at " + path);
  }
  rocksdb::DBOptions db_options;
  db_options.create_if_missing = options.create_if_missing;
  // Families added by later versions are created on first open: additive,
  // no migration (docs/storage-layout.md).
  db_options.create_missing_column_families = true;
  db_options.keep_log_file_num = 5;
  db_options.max_total_wal_size = options.max_wal_bytes;
  // A secondary keeps every table file open, so that those the primary's
  // compactions delete stay readable (RocksDB requires it).
  if (options.read_only) db_options.max_open_files = -1;

  // Entries never change once appended, so a row cache of point reads is
  // never stale; a hit skips the index and data block search of a Get
  // (docs/PERFORMANCE.md: the entry reads of lookups, tiles of proofs).
  // Not for a secondary: in RocksDB 7.8 a secondary's row-cache hit reads
  // as NotFound (the second Get of a key fails; FeedStoreTest
  // ReadOnlyOpenOfAClosedStoreReadsIt), and one-shot readers gain nothing.
  if (options.row_cache_bytes > 0 && !options.read_only)
    db_options.row_cache = rocksdb::NewLRUCache(options.row_cache_bytes);
  std::shared_ptr<rocksdb::Cache> cache;
  if (options.block_cache_bytes > 0)
    cache = rocksdb::NewLRUCache(options.block_cache_bytes);
  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  for (size_t i = 0; i < kFamilyNames.size(); ++i) {
    descriptors.emplace_back(std::string(kFamilyNames[i]),
                             FamilyOptions(static_cast<Family>(i), cache));
  }
  if (exists) {
    // RocksDB refuses to open a database unless every family is named.
    std::vector<std::string> names;
    rocksdb::Status s =
        rocksdb::DB::ListColumnFamilies(db_options, path, &names);
    if (!s.ok()) return FromRocks(s, "list column families of " + path);
    for (const std::string_view family : kFamilyNames) {
      // A secondary cannot create a family an older version lacked.
      if (options.read_only &&
          std::find(names.begin(), names.end(), family) == names.end()) {
        return FailedPreconditionError(
            "store: " + path + " has no family \"" + std::string(family) +
            "\" yet; open it once with a writer (serve, import) first");
      }
    }
    for (const std::string& name : names) {
      if (std::find(kFamilyNames.begin(), kFamilyNames.end(), name) ==
          kFamilyNames.end()) {
        descriptors.emplace_back(name, rocksdb::ColumnFamilyOptions());
      }
    }
  }
  std::unique_ptr<StoreDb> store(new StoreDb());
  rocksdb::Status s;
  if (options.read_only) {
    // The secondary's own directory holds only its info log.
    StatusOr<std::string> dir = MakeSecondaryDir();
    if (!dir.ok()) return dir.status();
    store->secondary_dir_ = *dir;
    s = rocksdb::DB::OpenAsSecondary(db_options, path, *dir, descriptors,
                                     &store->handles_, &store->db_);
  } else {
    s = rocksdb::DB::Open(db_options, path, descriptors, &store->handles_,
                          &store->db_);
  }
  if (!s.ok()) return FromRocks(s, "open " + path);
  CN_RETURN_IF_ERROR(store->CheckFormatVersion(path));
  return store;
}

StoreDb::~StoreDb() {
  if (db_ != nullptr) {
    for (rocksdb::ColumnFamilyHandle* h : handles_) {
      db_->DestroyColumnFamilyHandle(h).PermitUncheckedError();
    }
    db_->Close().PermitUncheckedError();
    delete db_;
  }
  if (!secondary_dir_.empty()) {
    std::error_code ec;
    std::filesystem::remove_all(secondary_dir_, ec);  // best effort
  }
}

Status StoreDb::CheckFormatVersion(const std::string& path) {
  const std::string want = std::to_string(kStoreFormatVersion);
  std::string version;
  rocksdb::Status s = db_->Get(rocksdb::ReadOptions(), handle(Family::kDefault),
                               kFormatVersionKey, &version);
  if (s.ok()) {
    if (version == want) return OkStatus();
    return FailedPreconditionError("store: " + path + " has format version \"" +
                                   version + "\"; this binary reads version " +
                                   want);
  }
  if (!s.IsNotFound()) return FromRocks(s, "read format version");
  if (read_only()) {
    return FailedPreconditionError("store: " + path +
                                   " has no format version yet; open it "
                                   "once with a writer first");
  }
  // No version: adopt the database only if it is empty (new, or created
  // by a process that died before writing the version).
  rocksdb::ReadOptions ro;
  ro.total_order_seek = true;
  for (rocksdb::ColumnFamilyHandle* h : handles_) {
    std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(ro, h));
    it->SeekToFirst();
    if (!it->status().ok()) return FromRocks(it->status(), "check empty");
    if (it->Valid()) {
      return FailedPreconditionError(
          "store: " + path +
          " holds data but no format version (not a CreditNode store)");
    }
  }
  rocksdb::WriteOptions wo;
  wo.sync = true;
  s = db_->Put(wo, handle(Family::kDefault), kFormatVersionKey, want);
  return s.ok() ? OkStatus() : FromRocks(s, "write format version");
}

std::string StoreDb::Property(std::string_view name) const {
  std::string out;
  if (name == "rocksdb.stats") {
    // DB-wide stats plus the default family, then every other family.
    std::string part;
    if (db_->GetProperty(handle(Family::kDefault), "rocksdb.stats", &part))
      out += part;
    for (size_t i = 1; i < handles_.size(); ++i) {
      if (db_->GetProperty(handles_[i], "rocksdb.cfstats-no-file-histogram",
                           &part))
        out += part;
    }
    return out;
  }
  uint64_t n = 0;
  if (db_->GetIntProperty(handle(Family::kDefault), name, &n)) {
    // All families share one block cache: summing would count it per family.
    if (name.find("block-cache") == std::string_view::npos) {
      if (!db_->GetAggregatedIntProperty(name, &n)) return "";
    }
    return std::to_string(n);
  }
  if (db_->GetProperty(handle(Family::kDefault), name, &out)) return out;
  return "";
}

Status FromRocks(const rocksdb::Status& s, std::string_view context) {
  Metrics::Global().Add(Counter::kStorageErrors);
  std::string message =
      "storage: " + std::string(context) + ": " + s.ToString();
  if (s.IsCorruption()) return DataLossError(std::move(message));
  return UnavailableError(std::move(message));
}

Status StorageDataLoss(Status s) {
  Metrics::Global().Add(Counter::kStorageErrors);
  return s;
}

}  // namespace creditnode::ledger
