// FeedStore's Merkle tiles and checkpoints (docs/storage-layout.md, D3):
// the tiles each Append grows, and the signed checkpoints stored per feed
// and size. The rest of FeedStore is in feed_store.cc.
#include <map>
#include <utility>

#include "ledger/feed_store_rep.h"
#include "ledger/merkle_hash.h"
#include "ledger/tile_math.h"

namespace creditnode::ledger {

using feed_store_internal::CheckKeyPart;

// Puts into `batch` the hash tiles of feed `origin` grown from `size`
// by the entries of `items` (D3): only the partial tiles on the right
// edge are read.
Status FeedStore::Rep::AppendTiles(std::string_view origin, uint64_t size,
                                   const std::vector<AppendItem>& items,
                                   rocksdb::WriteBatch* batch) const {
  std::map<TileId, std::string> edge;
  for (const auto& [tile, width] : EdgeTiles(size)) {
    CN_ASSIGN_OR_RETURN(
        std::optional<std::string> hashes,
        Get(Family::kTiles, TileKey(origin, tile.level, tile.index)));
    if (hashes) edge.emplace(tile, *std::move(hashes));
  }
  std::vector<Hash> leaves;
  leaves.reserve(items.size());
  for (const AppendItem& item : items) {
    leaves.push_back(LeafHash(item.stored.bytes));
  }
  StatusOr<std::vector<std::pair<TileId, std::string>>> tiles =
      ExtendTiles(size, edge, leaves);
  if (!tiles.ok()) return StorageDataLoss(tiles.status());
  for (const auto& [tile, hashes] : *tiles) {
    batch->Put(cf(Family::kTiles), TileKey(origin, tile.level, tile.index),
               hashes);
  }
  return OkStatus();
}

Status FeedStore::PutCheckpoint(std::string_view origin, uint64_t size,
                                std::string_view note) {
  CN_RETURN_IF_ERROR(rep_->CheckWritable());
  CN_RETURN_IF_ERROR(CheckKeyPart("origin", origin));
  CN_ASSIGN_OR_RETURN(std::optional<uint64_t> feed_size, rep_->GetSize(origin));
  if (!feed_size) {
    return NotFoundError("feed " + std::string(origin) + " not found");
  }
  if (size > *feed_size) {
    return FailedPreconditionError("checkpoint: size " + std::to_string(size) +
                                   " is above the feed's " +
                                   std::to_string(*feed_size));
  }
  rocksdb::Status s =
      rep_->db()->Put(rep_->write_options, rep_->cf(Family::kCheckpoints),
                      CheckpointKey(origin, size), note);
  if (!s.ok()) return FromRocks(s, "put checkpoint");
  rep_->latest_checkpoints.Offer(origin,
                                 StoredCheckpoint{size, std::string(note)});
  return OkStatus();
}

StatusOr<std::optional<StoredCheckpoint>> FeedStore::LatestCheckpoint(
    std::string_view origin) const {
  CN_RETURN_IF_ERROR(CheckKeyPart("origin", origin));
  // Held in memory once read or stored: feeds are never removed and
  // checkpoints only grow, so what is held is still the latest.
  if (std::optional<StoredCheckpoint> held =
          rep_->latest_checkpoints.Find(origin)) {
    return held;
  }
  CN_ASSIGN_OR_RETURN(std::optional<uint64_t> size, rep_->GetSize(origin));
  if (!size) return NotFoundError("feed " + std::string(origin) + " not found");
  // Checkpoints are issued every second: seek to the last one rather
  // than scan them all.
  const std::string first = CheckpointKey(origin, 0);
  rocksdb::ReadOptions ro;
  rocksdb::Slice lower(first);
  ro.iterate_lower_bound = &lower;
  std::unique_ptr<rocksdb::Iterator> it(
      rep_->db()->NewIterator(ro, rep_->cf(Family::kCheckpoints)));
  it->SeekForPrev(CheckpointKey(origin, *size));
  if (!it->status().ok()) return FromRocks(it->status(), "latest checkpoint");
  std::optional<StoredCheckpoint> latest;
  if (!it->Valid()) return latest;
  std::string_view key(it->key().data(), it->key().size());
  StatusOr<uint64_t> at =
      ParseBe64Value(key.substr(first.size() - 8), "checkpoint key");
  if (!at.ok()) return StorageDataLoss(at.status());
  latest = StoredCheckpoint{*at, it->value().ToString()};
  rep_->latest_checkpoints.Offer(origin, *latest);
  return latest;
}

StatusOr<StoredCheckpoint> FeedStore::GetCheckpoint(std::string_view origin,
                                                    uint64_t size) const {
  CN_RETURN_IF_ERROR(CheckKeyPart("origin", origin));
  CN_ASSIGN_OR_RETURN(
      std::optional<std::string> note,
      rep_->Get(Family::kCheckpoints, CheckpointKey(origin, size)));
  if (!note) {
    return NotFoundError("no checkpoint of feed " + std::string(origin) +
                         " at size " + std::to_string(size));
  }
  return StoredCheckpoint{size, *std::move(note)};
}

StatusOr<std::string> FeedStore::GetTile(std::string_view origin, int level,
                                         uint64_t index) const {
  CN_RETURN_IF_ERROR(CheckKeyPart("origin", origin));
  if (level < 0 || level > 7) {
    return InvalidArgumentError("tile level " + std::to_string(level) +
                                " is not 0 to 7");
  }
  CN_ASSIGN_OR_RETURN(std::optional<std::string> hashes,
                      rep_->Get(Family::kTiles, TileKey(origin, level, index)));
  if (!hashes) {
    return NotFoundError("tile " + std::to_string(level) + "/" +
                         std::to_string(index) + " of feed " +
                         std::string(origin) + " not found");
  }
  return *std::move(hashes);
}

}  // namespace creditnode::ledger
