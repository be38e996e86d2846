// MerkleFrontier: a binary counter of perfect subtrees.

#include "ledger/merkle_frontier.h"

namespace creditnode::ledger {

void MerkleFrontier::Append(const Hash& leaf_hash) {
  nodes_.push_back({0, leaf_hash});
  while (nodes_.size() >= 2 &&
         nodes_[nodes_.size() - 2].level == nodes_.back().level) {
    Node right = nodes_.back();
    nodes_.pop_back();
    nodes_.back().hash = NodeHash(nodes_.back().hash, right.hash);
    nodes_.back().level += 1;
  }
  ++size_;
}

Hash MerkleFrontier::Root() const {
  if (nodes_.empty()) return EmptyRoot();
  // The RFC splits at the largest power of two, so the smaller subtrees on
  // the right are combined first.
  Hash root = nodes_.back().hash;
  for (size_t i = nodes_.size() - 1; i-- > 0;)
    root = NodeHash(nodes_[i].hash, root);
  return root;
}

}  // namespace creditnode::ledger
