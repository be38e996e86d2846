// FeedTree over stored tiles.

#include "ledger/feed_tree.h"

#include "ledger/merkle_proof.h"

namespace creditnode::ledger {

Status FeedTree::CheckSize(uint64_t size) const {
  CN_ASSIGN_OR_RETURN(FeedInfo feed, reader_->GetFeed(origin_));
  if (size > feed.size) {
    return InvalidArgumentError("size " + std::to_string(size) +
                                " is above the feed's size " +
                                std::to_string(feed.size));
  }
  return OkStatus();
}

SubtreeHashFn FeedTree::Subtrees(std::map<TileId, std::string>* cache) const {
  TileReadFn read = [this, cache](const TileId& tile) -> StatusOr<std::string> {
    auto it = cache->find(tile);
    if (it != cache->end()) return it->second;
    StatusOr<std::string> hashes =
        reader_->GetTile(origin_, tile.level, tile.index);
    if (hashes.status().code() == StatusCode::kNotFound) {
      return DataLossError("tree of " + origin_ + ": " +
                           hashes.status().message());
    }
    if (!hashes.ok()) return hashes.status();
    cache->emplace(tile, *hashes);
    return hashes;
  };
  return [this, read](int level, uint64_t index) -> StatusOr<Hash> {
    if (cache_ != nullptr) {
      const int rise = level % kTileHeight;
      const uint64_t first = index << rise;
      const TileId tile{level / kTileHeight, first / kTileWidth};
      std::shared_ptr<const SubtreeCache::TileTree> tree =
          cache_->Find(origin_, tile);
      if (tree == nullptr) {
        CN_ASSIGN_OR_RETURN(std::string hashes, read(tile));
        if (hashes.size() == kTileWidth * kHashBytes) {
          tree = cache_->Insert(origin_, tile, hashes);
        }
      }
      if (tree != nullptr) {
        return (*tree)[rise][(first % kTileWidth) >> rise];
      }
    }
    return SubtreeFromTiles(level, index, read);
  };
}

StatusOr<Hash> FeedTree::Root(uint64_t size) const {
  CN_RETURN_IF_ERROR(CheckSize(size));
  if (size == 0) return EmptyRoot();
  std::map<TileId, std::string> cache;
  return RangeHash(0, size, Subtrees(&cache));
}

StatusOr<std::vector<Hash>> FeedTree::InclusionProof(uint64_t index,
                                                     uint64_t size) const {
  CN_RETURN_IF_ERROR(CheckSize(size));
  std::map<TileId, std::string> cache;
  return ledger::InclusionProof(index, size, Subtrees(&cache));
}

StatusOr<std::vector<Hash>> FeedTree::ConsistencyProof(uint64_t old_size,
                                                       uint64_t size) const {
  CN_RETURN_IF_ERROR(CheckSize(size));
  std::map<TileId, std::string> cache;
  return ledger::ConsistencyProof(old_size, size, Subtrees(&cache));
}

}  // namespace creditnode::ledger
