// FeedStore over RocksDB 7.8 (docs/storage-layout.md): feeds, entries and
// their indexes; Merkle tiles and checkpoints are in feed_store_tree.cc.
// One column family per kind of row, so each gets the filter that fits its
// reads: whole-key blooms for the point lookups (entries, dedup), prefix
// blooms for the scans (subjects, acting). One WriteBatch across families
// is atomic through the shared WAL. Thread-safety comes from RocksDB;
// AddFeed's read-then-write is serialised by add_feed_mu.
#include "ledger/feed_store.h"

#include <algorithm>
#include <chrono>
#include <mutex>

#include "crypto/verifier_key.h"
#include "ledger/feed_store_rep.h"
#include "util/metrics.h"

namespace creditnode::ledger {

using feed_store_internal::CheckKeyPart;
using feed_store_internal::RefName;

FeedStore::FeedStore(std::unique_ptr<Rep> rep) : rep_(std::move(rep)) {}
FeedStore::~FeedStore() = default;

StatusOr<std::unique_ptr<FeedStore>> FeedStore::Open(
    const std::string& path, const FeedStoreOptions& options) {
  auto rep = std::make_unique<Rep>();
  CN_ASSIGN_OR_RETURN(rep->store_db, StoreDb::Open(path, options));
  rep->write_options.sync = options.sync;
  rep->maintain_tree = options.maintain_tree;
  // Enough idle iterators for every HTTP thread and a few blocking ones;
  // one unused for a second pins nothing beyond the next lookup.
  constexpr size_t kMaxIdleIterators = 16;
  constexpr std::chrono::milliseconds kMaxIdleAge{1000};
  for (size_t i = 0; i < rep->pools.size(); ++i) {
    const auto f = static_cast<Family>(i);
    rep->pools[i] = std::make_unique<IteratorPool>(
        rep->db(), rep->cf(f), StoreDb::HasPrefixExtractor(f),
        kMaxIdleIterators, kMaxIdleAge);
  }
  if (options.subject_cache_bytes > 0 && !options.read_only) {
    rep->subject_cache =
        std::make_unique<SubjectCache>(options.subject_cache_bytes);
  }
  return std::unique_ptr<FeedStore>(new FeedStore(std::move(rep)));
}

Status FeedStore::AddFeed(std::string_view origin,
                          std::string_view verifier_key) {
  CN_RETURN_IF_ERROR(rep_->CheckWritable());
  CN_RETURN_IF_ERROR(CheckKeyPart("origin", origin));
  StatusOr<crypto::VerifierKey> key = crypto::ParseVerifierKey(verifier_key);
  if (!key.ok()) return key.status().WithPrefix("verifier_key");
  if (key->name != origin) {
    return InvalidArgumentError("verifier_key: names \"" + key->name +
                                "\", not the feed's origin \"" +
                                std::string(origin) + "\"");
  }
  std::lock_guard<std::mutex> lock(rep_->add_feed_mu);
  const std::string key_row = FeedPropertyKey(origin, kFeedVerifierKeyProperty);
  CN_ASSIGN_OR_RETURN(std::optional<std::string> existing,
                      rep_->Get(Family::kFeeds, key_row));
  if (existing) {
    if (*existing == verifier_key) return OkStatus();
    return FailedPreconditionError(
        "feed " + std::string(origin) +
        ": already registered with another verifier key");
  }
  rocksdb::WriteBatch batch;
  batch.Put(rep_->cf(Family::kFeeds), key_row, verifier_key);
  batch.Put(rep_->cf(Family::kFeeds),
            FeedPropertyKey(origin, kFeedSizeProperty), Be64Value(0));
  rocksdb::Status s = rep_->db()->Write(rep_->write_options, &batch);
  return s.ok() ? OkStatus() : FromRocks(s, "add feed");
}

StatusOr<std::vector<StoredEntry>> FeedStore::GetEntries(
    std::string_view origin, uint64_t start, uint64_t end) const {
  CN_RETURN_IF_ERROR(CheckKeyPart("origin", origin));
  if (start > end) {
    return InvalidArgumentError("start " + std::to_string(start) +
                                " is above end " + std::to_string(end));
  }
  CN_ASSIGN_OR_RETURN(std::optional<uint64_t> size, rep_->GetSize(origin));
  if (!size) return NotFoundError("feed " + std::string(origin) + " not found");
  end = std::min(end, *size);
  std::vector<StoredEntry> entries;
  if (start >= end) return entries;
  entries.reserve(end - start);
  uint64_t next = start;
  Status s = rep_->Range(
      Family::kEntries, EntryKey(origin, start), EntryKey(origin, end),
      [&](std::string_view, std::string_view value) -> Status {
        StoredEntry entry;
        entry.ref = {std::string(origin), next};
        Status parsed = ParseEntryValue(value, &entry.signature, &entry.bytes);
        if (!parsed.ok()) {
          return StorageDataLoss(parsed.WithPrefix(RefName(entry.ref)));
        }
        entries.push_back(std::move(entry));
        ++next;
        return OkStatus();
      });
  CN_RETURN_IF_ERROR(s);
  if (next != end) {
    return StorageDataLoss(DataLossError(
        "feed " + std::string(origin) + ": entries " + std::to_string(next) +
        " to " + std::to_string(end - 1) + " are missing below its size"));
  }
  return entries;
}

Status FeedStore::Append(std::string_view origin,
                         const std::vector<AppendItem>& items) {
  CN_RETURN_IF_ERROR(rep_->CheckWritable());
  CN_RETURN_IF_ERROR(CheckKeyPart("origin", origin));
  if (items.empty()) return OkStatus();
  CN_ASSIGN_OR_RETURN(std::optional<uint64_t> size, rep_->GetSize(origin));
  if (!size) return NotFoundError("feed " + std::string(origin) + " not found");

  rocksdb::WriteBatch batch;
  for (size_t i = 0; i < items.size(); ++i) {
    const AppendItem& item = items[i];
    const EntryRef& ref = item.stored.ref;
    const std::string at = "append: items[" + std::to_string(i) + "]";
    if (ref.origin != origin) {
      return InvalidArgumentError(at + ": origin " + ref.origin +
                                  " is not the feed " + std::string(origin));
    }
    if (ref.index != *size + i) {
      return FailedPreconditionError(
          at + ": index " + std::to_string(ref.index) + ", want " +
          std::to_string(*size + i) + " (feed size " + std::to_string(*size) +
          ")");
    }
    if (item.stored.signature.size() != kEntrySignatureSize) {
      return InvalidArgumentError(at + ": signature is " +
                                  std::to_string(item.stored.signature.size()) +
                                  " bytes, want 64");
    }
    if (item.stored.bytes.empty() ||
        item.stored.bytes.size() > kMaxEntryBytes) {
      return InvalidArgumentError(at + ": entry is " +
                                  std::to_string(item.stored.bytes.size()) +
                                  " bytes, want 1 to 65535");
    }
    batch.Put(rep_->cf(Family::kEntries), EntryKey(origin, ref.index),
              EntryValue(item.stored.signature, item.stored.bytes));
    for (const SubjectIndexRow& row : item.subject_rows) {
      CN_RETURN_IF_ERROR(CheckKeyPart(at + ": index key", row.key));
      batch.Put(rep_->cf(Family::kSubjects), SubjectKey(row.key, ref),
                std::string(1, static_cast<char>(row.role)) + item.summary);
    }
    if (item.target) {
      CN_RETURN_IF_ERROR(
          CheckKeyPart(at + ": target origin", item.target->origin));
      batch.Put(rep_->cf(Family::kActing), ActingKey(*item.target, ref),
                EntryKindName(item.kind));
    }
    for (const DedupRow& row : item.dedup_rows) {
      CN_RETURN_IF_ERROR(CheckKeyPart(at + ": dedup index key", row.index_key));
      batch.Put(rep_->cf(Family::kDedup),
                DedupKey(origin, row.doc_no, row.index_key),
                Be64Value(ref.index));
    }
  }
  // The feed's Merkle tree grows in the same batch as its entries (D3), so
  // the stored tree and the log can never disagree, and nothing is rebuilt
  // at start-up: only the partial tiles on the right edge are read.
  if (rep_->maintain_tree) {
    CN_RETURN_IF_ERROR(rep_->AppendTiles(origin, *size, items, &batch));
  }
  batch.Put(rep_->cf(Family::kFeeds),
            FeedPropertyKey(origin, kFeedSizeProperty),
            Be64Value(*size + items.size()));
  rocksdb::Status s = rep_->db()->Write(rep_->write_options, &batch);
  // After the write is visible (SubjectCache's protocol); also after a
  // failed one, which costs only a re-read.
  if (rep_->subject_cache) {
    for (const AppendItem& item : items) {
      for (const SubjectIndexRow& row : item.subject_rows) {
        rep_->subject_cache->Invalidate(row.key);
      }
    }
  }
  return s.ok() ? OkStatus() : FromRocks(s, "append");
}

StatusOr<std::optional<uint64_t>> FeedStore::FindByDecision(
    std::string_view origin, std::string_view doc_no,
    std::string_view index_key) const {
  CN_RETURN_IF_ERROR(CheckKeyPart("origin", origin));
  CN_ASSIGN_OR_RETURN(
      std::optional<std::string> v,
      rep_->Get(Family::kDedup, DedupKey(origin, doc_no, index_key)));
  if (!v) return std::optional<uint64_t>();
  StatusOr<uint64_t> index = ParseBe64Value(*v, "dedup value");
  if (!index.ok()) return StorageDataLoss(index.status());
  return std::optional<uint64_t>(*index);
}

StatusOr<StoredEntry> FeedStore::GetEntry(const EntryRef& ref) const {
  CN_RETURN_IF_ERROR(CheckKeyPart("origin", ref.origin));
  CN_ASSIGN_OR_RETURN(
      std::optional<std::string> v,
      rep_->Get(Family::kEntries, EntryKey(ref.origin, ref.index)));
  if (!v) {
    CN_ASSIGN_OR_RETURN(std::optional<uint64_t> size,
                        rep_->GetSize(ref.origin));
    if (!size) return NotFoundError("feed " + ref.origin + " not found");
    return NotFoundError("entry " + RefName(ref) + " not found (feed size " +
                         std::to_string(*size) + ")");
  }
  StoredEntry entry;
  entry.ref = ref;
  Status s = ParseEntryValue(*v, &entry.signature, &entry.bytes);
  if (!s.ok()) return StorageDataLoss(s.WithPrefix(RefName(ref)));
  return entry;
}

StatusOr<std::vector<FeedInfo>> FeedStore::ListFeeds() const {
  std::vector<FeedInfo> feeds;
  std::vector<bool> has_key, has_size;
  Status s = rep_->Scan(
      Family::kFeeds, "", [&](std::string_view key, std::string_view value) {
        std::string_view origin;
        char property;
        if (!ParseFeedPropertyKey(key, &origin, &property)) {
          return StorageDataLoss(DataLossError("feeds: malformed key"));
        }
        if (feeds.empty() || feeds.back().origin != origin) {
          feeds.push_back(FeedInfo{std::string(origin), "", 0});
          has_key.push_back(false);
          has_size.push_back(false);
        }
        if (property == kFeedVerifierKeyProperty) {
          feeds.back().verifier_key = std::string(value);
          has_key.back() = true;
        } else if (property == kFeedSizeProperty) {
          StatusOr<uint64_t> size =
              ParseBe64Value(value, "feed " + std::string(origin) + " size");
          if (!size.ok()) return StorageDataLoss(size.status());
          feeds.back().size = *size;
          has_size.back() = true;
        }
        // Other property bytes belong to later versions (reserved); skipped.
        return OkStatus();
      });
  CN_RETURN_IF_ERROR(s);
  for (size_t i = 0; i < feeds.size(); ++i) {
    if (!has_key[i] || !has_size[i]) {
      return StorageDataLoss(DataLossError("feed " + feeds[i].origin +
                                           ": verifier key or size missing"));
    }
  }
  return feeds;
}

StatusOr<FeedInfo> FeedStore::GetFeed(std::string_view origin) const {
  CN_RETURN_IF_ERROR(CheckKeyPart("origin", origin));
  CN_ASSIGN_OR_RETURN(
      std::optional<std::string> key,
      rep_->Get(Family::kFeeds,
                FeedPropertyKey(origin, kFeedVerifierKeyProperty)));
  if (!key) return NotFoundError("feed " + std::string(origin) + " not found");
  CN_ASSIGN_OR_RETURN(std::optional<uint64_t> size, rep_->GetSize(origin));
  if (!size) {
    return StorageDataLoss(
        DataLossError("feed " + std::string(origin) + ": size missing"));
  }
  return FeedInfo{std::string(origin), std::move(*key), *size};
}

StatusOr<SubjectRows> FeedStore::FindBySubjectKey(std::string_view index_key,
                                                 size_t limit) const {
  CN_RETURN_IF_ERROR(CheckKeyPart("index key", index_key));
  const auto too_many = [&] {
    return ResourceExhaustedError("subject index: more than " +
                                  std::to_string(limit) + " entries under " +
                                  std::string(index_key));
  };
  SubjectCache* cache = rep_->subject_cache.get();
  uint64_t ticket = 0;
  if (cache != nullptr) {
    if (SubjectCache::Rows cached = cache->Find(index_key)) {
      Metrics::Global().Add(Counter::kSubjectCacheHits);
      if (cached->size() > limit) return too_many();
      return cached;
    }
    Metrics::Global().Add(Counter::kSubjectCacheMisses);
    ticket = cache->Ticket(index_key);  // before the scan begins
  }
  std::vector<SubjectHit> hits;
  Status s = rep_->Scan(
      Family::kSubjects, SubjectPrefix(index_key),
      [&](std::string_view key, std::string_view value) -> Status {
        if (hits.size() == limit) return too_many();
        SubjectHit hit;
        std::string_view parsed_key;
        if (!ParseSubjectKey(key, &parsed_key, &hit.ref)) {
          return StorageDataLoss(DataLossError("subjects: malformed key"));
        }
        StatusOr<IndexRole> role = ParseSubjectValue(value);
        if (!role.ok()) return StorageDataLoss(role.status());
        hit.role = *role;
        hit.summary = std::string(value.substr(1));
        hits.push_back(std::move(hit));
        return OkStatus();
      });
  CN_RETURN_IF_ERROR(s);
  // The rows of a key with very many entries are not kept: one such key
  // would crowd out thousands of ordinary ones.
  constexpr size_t kMaxCachedRows = 1000;
  auto rows = std::make_shared<const std::vector<SubjectHit>>(std::move(hits));
  if (cache != nullptr && rows->size() <= kMaxCachedRows) {
    cache->Insert(index_key, ticket, rows);
  }
  return SubjectRows(std::move(rows));
}

StatusOr<std::vector<ActingHit>> FeedStore::FindActingHits(
    const EntryRef& target) const {
  CN_RETURN_IF_ERROR(CheckKeyPart("origin", target.origin));
  std::vector<ActingHit> hits;
  Status s = rep_->Scan(
      Family::kActing, ActingPrefix(target),
      [&](std::string_view key, std::string_view value) -> Status {
        EntryRef parsed_target;
        ActingHit hit;
        if (!ParseActingKey(key, &parsed_target, &hit.actor)) {
          return StorageDataLoss(DataLossError("acting: malformed key"));
        }
        StatusOr<EntryKind> kind = ParseEntryKind(value);
        if (!kind.ok())
          return StorageDataLoss(kind.status().WithPrefix("acting"));
        hit.kind = *kind;
        hits.push_back(std::move(hit));
        return OkStatus();
      });
  CN_RETURN_IF_ERROR(s);
  return hits;
}

StatusOr<std::vector<EntryRef>> FeedStore::FindActing(
    const EntryRef& target) const {
  CN_ASSIGN_OR_RETURN(std::vector<ActingHit> hits, FindActingHits(target));
  std::vector<EntryRef> refs;
  refs.reserve(hits.size());
  for (ActingHit& hit : hits) refs.push_back(std::move(hit.actor));
  return refs;
}

std::string FeedStore::GetProperty(std::string_view name) const {
  return rep_->store_db->Property(name);
}

}  // namespace creditnode::ledger
