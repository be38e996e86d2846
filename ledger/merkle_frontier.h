// MerkleFrontier: the right edge of an RFC 9162 tree (the roots of its
// perfect subtrees, largest first), enough to append leaves and compute
// the root in O(log n) memory. The auditor recomputes each feed's root with
// one; the writer uses one to extend stored tiles. Thread-compatible.
#pragma once

#include <cstdint>
#include <vector>

#include "ledger/merkle_hash.h"

namespace creditnode::ledger {

class MerkleFrontier {
 public:
  MerkleFrontier() = default;

  void Append(const Hash& leaf_hash);
  uint64_t size() const { return size_; }
  // MTH of the leaves appended so far; EmptyRoot() when there are none.
  Hash Root() const;

 private:
  struct Node {
    int level;
    Hash hash;
  };
  std::vector<Node> nodes_;  // strictly decreasing levels
  uint64_t size_ = 0;
};

}  // namespace creditnode::ledger
