// Tile arithmetic. Each level's new hashes are appended to its partial
// tile; every tile that becomes full contributes its root (a perfect
// subtree of 256 hashes, 8 levels up) as a new hash of the next level.

#include "ledger/tile_math.h"

#include <cstring>

namespace creditnode::ledger {

namespace {

Hash HashAt(std::string_view hashes, size_t i) {
  Hash h;
  std::memcpy(h.data(), hashes.data() + i * kHashBytes, kHashBytes);
  return h;
}

// The root of `count` (a power of two) consecutive hashes.
Hash FoldPerfect(std::vector<Hash> row) {
  while (row.size() > 1) {
    std::vector<Hash> up;
    up.reserve(row.size() / 2);
    for (size_t i = 0; i + 1 < row.size(); i += 2) {
      up.push_back(NodeHash(row[i], row[i + 1]));
    }
    row = std::move(up);
  }
  return row[0];
}

std::string TileName(const TileId& t) {
  return "tile " + std::to_string(t.level) + "/" + std::to_string(t.index);
}

}  // namespace

std::vector<std::pair<TileId, uint64_t>> EdgeTiles(uint64_t size) {
  std::vector<std::pair<TileId, uint64_t>> out;
  for (int level = 0; level * kTileHeight < 64; ++level) {
    const uint64_t count = size >> (level * kTileHeight);
    if (count == 0) break;
    if (count % kTileWidth != 0) {
      out.push_back({TileId{level, count / kTileWidth}, count % kTileWidth});
    }
  }
  return out;
}

StatusOr<std::vector<std::pair<TileId, std::string>>> ExtendTiles(
    uint64_t size, const std::map<TileId, std::string>& edge,
    const std::vector<Hash>& new_leaves) {
  std::vector<std::pair<TileId, std::string>> out;
  std::vector<Hash> added = new_leaves;
  for (int level = 0; !added.empty(); ++level) {
    const uint64_t start = size >> (level * kTileHeight);
    TileId tile{level, start / kTileWidth};
    std::string current;
    const uint64_t width = start % kTileWidth;
    if (width > 0) {
      auto it = edge.find(tile);
      if (it == edge.end()) {
        return DataLossError("tree: " + TileName(tile) + " is missing");
      }
      if (it->second.size() != width * kHashBytes) {
        return DataLossError("tree: " + TileName(tile) + " has " +
                             std::to_string(it->second.size()) +
                             " bytes, want " +
                             std::to_string(width * kHashBytes));
      }
      current = it->second;
    }
    std::vector<Hash> next;
    for (const Hash& h : added) {
      current.append(reinterpret_cast<const char*>(h.data()), kHashBytes);
      if (current.size() == kTileWidth * kHashBytes) {
        std::vector<Hash> row;
        row.reserve(kTileWidth);
        for (size_t i = 0; i < kTileWidth; ++i)
          row.push_back(HashAt(current, i));
        next.push_back(FoldPerfect(std::move(row)));
        out.push_back({tile, std::move(current)});
        current.clear();
        ++tile.index;
      }
    }
    if (!current.empty()) out.push_back({tile, std::move(current)});
    added = std::move(next);
  }
  return out;
}

StatusOr<Hash> SubtreeFromTiles(int level, uint64_t index,
                                const TileReadFn& read) {
  const int tile_level = level / kTileHeight;
  const int rise = level % kTileHeight;
  const uint64_t first = index << rise;
  const uint64_t count = uint64_t{1} << rise;
  const TileId tile{tile_level, first / kTileWidth};
  CN_ASSIGN_OR_RETURN(std::string hashes, read(tile));
  const uint64_t offset = first % kTileWidth;
  if (hashes.size() % kHashBytes != 0 ||
      hashes.size() < (offset + count) * kHashBytes) {
    return DataLossError("tree: " + TileName(tile) + " has " +
                         std::to_string(hashes.size() / kHashBytes) +
                         " hashes, needs " + std::to_string(offset + count));
  }
  std::vector<Hash> row;
  row.reserve(count);
  for (uint64_t i = 0; i < count; ++i)
    row.push_back(HashAt(hashes, offset + i));
  return FoldPerfect(std::move(row));
}

}  // namespace creditnode::ledger
