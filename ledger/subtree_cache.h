// SubtreeCache: the interior hashes of full hash tiles, computed once and
// shared by every proof and root a node serves. A full tile never changes
// (D3), so its 511-node tree is cached for good; partial tiles are not
// cached. Without it an inclusion proof at 1M entries folds ~500 SHA-256
// hashes; with it, a few lookups (docs/PERFORMANCE.md). Bounded LRU by
// tile count. Thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <tuple>
#include <vector>

#include "ledger/merkle_hash.h"
#include "ledger/tile_math.h"

namespace creditnode::ledger {

class SubtreeCache {
 public:
  // The tree of one full tile: level r (0..8) holds 256 >> r hashes.
  using TileTree = std::vector<std::vector<Hash>>;

  // At most `max_tiles` tile trees (16 KiB each). Default: 16384 (256 MiB).
  explicit SubtreeCache(size_t max_tiles = 16384) : max_tiles_(max_tiles) {}

  std::shared_ptr<const TileTree> Find(const std::string& origin,
                                       const TileId& tile);
  // Builds and keeps the tree of `hashes` (exactly 256 × 32 bytes).
  std::shared_ptr<const TileTree> Insert(const std::string& origin,
                                         const TileId& tile,
                                         const std::string& hashes);

 private:
  using Key = std::tuple<std::string, int, uint64_t>;
  struct Slot {
    std::shared_ptr<const TileTree> tree;
    std::list<Key>::iterator lru;
  };

  const size_t max_tiles_;
  std::mutex mu_;
  std::map<Key, Slot> slots_;  // guarded by mu_
  std::list<Key> lru_;         // most recent first; guarded by mu_
};

}  // namespace creditnode::ledger
