// RFC 9162 §2.1.1 Merkle tree hashing with SHA-256 (D3): the leaf and
// interior node hashes, the empty tree's root, and the hash of a tree of
// any size computed from the hashes of its perfect subtrees.
// Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <string_view>

#include "crypto/sha256.h"
#include "util/status.h"

namespace creditnode::ledger {

using Hash = crypto::Sha256Digest;

// SHA-256(0x00 || leaf). The leaf is the exact entry bytes (D2).
Hash LeafHash(std::string_view leaf);
// SHA-256(0x01 || left || right).
Hash NodeHash(const Hash& left, const Hash& right);
// SHA-256 of the empty string: the root of a tree of size 0 (RFC 9162).
Hash EmptyRoot();

// The hash of the perfect subtree of 2^level leaves starting at leaf
// index << level. The caller guarantees the subtree is complete.
using SubtreeHashFn = std::function<StatusOr<Hash>(int level, uint64_t index)>;

// MTH(D[begin:end]) of RFC 9162 §2.1.1, reading at most 2·log2(n) perfect
// subtrees through `subtree`. REQUIRES: begin < end, and begin a multiple
// of the largest power of two strictly below end - begin (or 0), which
// holds for every range the RFC's recursion produces.
StatusOr<Hash> RangeHash(uint64_t begin, uint64_t end,
                         const SubtreeHashFn& subtree);

// The largest power of two strictly less than n. REQUIRES: n > 1.
uint64_t SplitPoint(uint64_t n);

}  // namespace creditnode::ledger
