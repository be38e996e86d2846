// Hash tiles (C2SP tlog-tiles, D3): a tree's hashes grouped 256 to a tile.
// Tile (L, N) holds the hashes at tree level 8·L with indices 256·N to
// 256·N + W - 1, W ≤ 256 (W < 256 only for the right-most, partial tile of
// a level; it is overwritten as the tree grows). Pure functions for
// extending stored tiles with new leaves and reading subtree hashes out of
// them. Thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "ledger/merkle_hash.h"
#include "util/status.h"

namespace creditnode::ledger {

inline constexpr int kTileHeight = 8;
inline constexpr uint64_t kTileWidth = 256;
inline constexpr size_t kHashBytes = 32;

struct TileId {
  int level = 0;
  uint64_t index = 0;
  friend auto operator<=>(const TileId&, const TileId&) = default;
};

// The partial tiles on the right edge of a tree of `size` leaves, with the
// width each has: what ExtendTiles needs to read.
std::vector<std::pair<TileId, uint64_t>> EdgeTiles(uint64_t size);

// The tiles to write (whole new values) when `new_leaves` are appended to
// a tree of `size` leaves whose edge tiles (EdgeTiles(size)) are in `edge`
// (tile → concatenated hashes). kDataLoss if an edge tile is missing or
// has the wrong width.
StatusOr<std::vector<std::pair<TileId, std::string>>> ExtendTiles(
    uint64_t size, const std::map<TileId, std::string>& edge,
    const std::vector<Hash>& new_leaves);

// Reads a stored tile: its concatenated hashes; kNotFound if absent.
using TileReadFn = std::function<StatusOr<std::string>(const TileId&)>;

// The hash of the perfect subtree (level, index) from the tile holding
// its descendants at the nearest stored level. kDataLoss if that tile is
// narrower than needed (the subtree is not complete in the stored tree).
StatusOr<Hash> SubtreeFromTiles(int level, uint64_t index,
                                const TileReadFn& read);

}  // namespace creditnode::ledger
