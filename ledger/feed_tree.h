// FeedTree: the RFC 9162 tree head and proofs of one feed at any size up
// to its current one, read from the feed's stored hash tiles (D3) with
// O(log n) tile reads and no in-memory tree. Thread-safe if the reader is.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "ledger/feed_reader.h"
#include "ledger/merkle_hash.h"
#include "ledger/subtree_cache.h"
#include "ledger/tile_math.h"
#include "util/status.h"

namespace creditnode::ledger {

class FeedTree {
 public:
  // Does not take ownership: `reader` (and `cache`, if not null) must
  // outlive this object. With a cache, full tiles' interior hashes are
  // computed once per process instead of once per call.
  FeedTree(const FeedReader* reader, std::string origin,
           SubtreeCache* cache = nullptr)
      : reader_(reader), origin_(std::move(origin)), cache_(cache) {}

  // The root of the feed's first `size` entries (EmptyRoot() for 0).
  // kNotFound if the feed does not exist; kInvalidArgument if size is
  // above the feed's size; kDataLoss if a tile is missing or short.
  StatusOr<Hash> Root(uint64_t size) const;

  // RFC 9162 inclusion proof of entry `index` in the tree of `size`.
  // kInvalidArgument unless index < size ≤ feed size.
  StatusOr<std::vector<Hash>> InclusionProof(uint64_t index,
                                             uint64_t size) const;

  // RFC 9162 consistency proof from `old_size` to `size` (empty when
  // old_size is 0 or equal to size). kInvalidArgument unless
  // old_size ≤ size ≤ feed size.
  StatusOr<std::vector<Hash>> ConsistencyProof(uint64_t old_size,
                                               uint64_t size) const;

 private:
  Status CheckSize(uint64_t size) const;
  // Reads perfect subtrees through tiles, each tile read once per call.
  SubtreeHashFn Subtrees(std::map<TileId, std::string>* cache) const;

  const FeedReader* reader_;
  std::string origin_;
  SubtreeCache* cache_;
};

}  // namespace creditnode::ledger
