// FeedReader: read-only access to every feed a node holds (its own and, from
// the federation issue on, replicated ones). The HTTP layer gets only this
// (CT ReadOnlyDatabase). Implementations are thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ledger/entry.h"
#include "util/status.h"

namespace creditnode::ledger {

// An entry as stored: its exact bytes and the feed key's signature over
// "creditnode/entry/v1\n" || bytes.
struct StoredEntry {
  EntryRef ref;
  std::string bytes;
  std::string signature;  // 64 raw bytes
};

// A signed checkpoint of a feed (C2SP signed note, D4) as the node keeps
// it: the tree size it commits to and the exact note text.
struct StoredCheckpoint {
  uint64_t size = 0;
  std::string note;
};

struct FeedInfo {
  std::string origin;
  std::string verifier_key;  // D4 verifier key string
  uint64_t size = 0;         // number of entries; indices 0..size-1 exist
};

// How an entry is indexed under a subject key: as the record's subject, or
// through one of its associates (legal representative, ...).
enum class IndexRole : uint8_t { kSubject = 's', kAssociate = 'a' };

struct SubjectHit {
  EntryRef ref;
  IndexRole role = IndexRole::kSubject;
  // The entry's EncodeSummary() bytes kept in the index row (empty if the
  // row has none): enough to derive statuses without reading the entry.
  std::string summary;
};

// The subject-index rows of one key, immutable and shared: FeedStore hands
// out the very rows its subject cache keeps (ledger/subject_cache.h).
using SubjectRows = std::shared_ptr<const std::vector<SubjectHit>>;

class FeedReader {
 public:
  virtual ~FeedReader() = default;

  // kNotFound("feed ... not found" / "entry ... not found");
  // kDataLoss if the stored value is corrupt.
  virtual StatusOr<StoredEntry> GetEntry(const EntryRef& ref) const = 0;

  // Every feed the node holds, ordered by origin.
  virtual StatusOr<std::vector<FeedInfo>> ListFeeds() const = 0;
  // kNotFound if the node holds no feed `origin`.
  virtual StatusOr<FeedInfo> GetFeed(std::string_view origin) const = 0;

  // Entries indexed under `index_key` (SubjectId::IndexKey()), records
  // and the lifecycle entries acting on them, at most `limit`, in key
  // order (never null). kResourceExhausted if more than `limit` exist.
  virtual StatusOr<SubjectRows> FindBySubjectKey(
      std::string_view index_key, size_t limit) const = 0;

  // Entries whose "target" is `target`, in (origin, index) order.
  virtual StatusOr<std::vector<EntryRef>> FindActing(
      const EntryRef& target) const = 0;

  // Entries start .. end-1 of feed `origin` in index order; fewer if the
  // feed ends first. kInvalidArgument if start > end; kNotFound if the
  // feed does not exist.
  virtual StatusOr<std::vector<StoredEntry>> GetEntries(std::string_view origin,
                                                        uint64_t start,
                                                        uint64_t end) const = 0;

  // The checkpoint of feed `origin` with the largest size, nullopt if none
  // was issued yet. kNotFound if the feed does not exist.
  virtual StatusOr<std::optional<StoredCheckpoint>> LatestCheckpoint(
      std::string_view origin) const = 0;
  // The checkpoint issued at `size`; kNotFound if there is none.
  virtual StatusOr<StoredCheckpoint> GetCheckpoint(std::string_view origin,
                                                   uint64_t size) const = 0;

  // The stored hash tile (level, index) of feed `origin` (ledger/tile_math.h,
  // docs/storage-layout.md): 1 to 256 concatenated 32-byte hashes, as wide
  // as the tree of the feed's current size makes it. kNotFound if absent.
  virtual StatusOr<std::string> GetTile(std::string_view origin, int level,
                                        uint64_t index) const = 0;
};

}  // namespace creditnode::ledger
