// RFC 9162 §2.1.3 inclusion and §2.1.4 consistency proofs: building them
// from perfect-subtree hashes (O(log n) reads) and verifying them.
// Size-0 conventions (D3, docs/PROTOCOL.md): no inclusion proof exists in
// an empty tree; the consistency proof from size 0 to any size, and from a
// size to itself, is empty. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <vector>

#include "ledger/merkle_hash.h"
#include "util/status.h"

namespace creditnode::ledger {

// PATH(index, D[size]), hashes in the RFC's order (leaf side first).
// kInvalidArgument("index N is not below size M") if index >= size.
StatusOr<std::vector<Hash>> InclusionProof(uint64_t index, uint64_t size,
                                           const SubtreeHashFn& subtree);

// PROOF(old_size, D[size]). kInvalidArgument if old_size > size.
StatusOr<std::vector<Hash>> ConsistencyProof(uint64_t old_size, uint64_t size,
                                             const SubtreeHashFn& subtree);

// OK if `proof` shows the leaf with `leaf_hash` at `index` in the tree of
// `size` whose root is `root`; kInvalidArgument naming what failed
// otherwise.
Status VerifyInclusion(uint64_t index, uint64_t size, const Hash& leaf_hash,
                       const std::vector<Hash>& proof, const Hash& root);

// OK if `proof` shows the tree (old_size, old_root) is a prefix of the
// tree (size, root); kInvalidArgument naming what failed otherwise. For
// old_size 0 the proof is empty and old_root must be EmptyRoot().
Status VerifyConsistency(uint64_t old_size, uint64_t size, const Hash& old_root,
                         const Hash& root, const std::vector<Hash>& proof);

}  // namespace creditnode::ledger
