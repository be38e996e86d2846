// SubtreeCache (ledger/subtree_cache.h).

#include "ledger/subtree_cache.h"

#include <cstring>

namespace creditnode::ledger {

std::shared_ptr<const SubtreeCache::TileTree> SubtreeCache::Find(
    const std::string& origin, const TileId& tile) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = slots_.find(Key(origin, tile.level, tile.index));
  if (it == slots_.end()) return nullptr;
  lru_.splice(lru_.begin(), lru_, it->second.lru);
  return it->second.tree;
}

std::shared_ptr<const SubtreeCache::TileTree> SubtreeCache::Insert(
    const std::string& origin, const TileId& tile, const std::string& hashes) {
  // Built outside the lock: 255 hashes.
  auto tree = std::make_shared<TileTree>();
  tree->emplace_back(kTileWidth);
  for (size_t i = 0; i < kTileWidth; ++i) {
    std::memcpy((*tree)[0][i].data(), hashes.data() + i * kHashBytes,
                kHashBytes);
  }
  while (tree->back().size() > 1) {
    const std::vector<Hash>& below = tree->back();
    std::vector<Hash> up(below.size() / 2);
    for (size_t i = 0; i < up.size(); ++i) {
      up[i] = NodeHash(below[2 * i], below[2 * i + 1]);
    }
    tree->push_back(std::move(up));
  }
  std::lock_guard<std::mutex> lock(mu_);
  Key key(origin, tile.level, tile.index);
  auto it = slots_.find(key);
  if (it != slots_.end()) return it->second.tree;
  lru_.push_front(key);
  slots_.emplace(key, Slot{tree, lru_.begin()});
  while (slots_.size() > max_tiles_) {
    slots_.erase(lru_.back());
    lru_.pop_back();
  }
  return tree;
}

}  // namespace creditnode::ledger
