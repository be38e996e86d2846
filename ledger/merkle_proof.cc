// RFC 9162 proofs. Building follows the recursive definitions of §2.1.3.1
// and §2.1.4.1 over absolute leaf ranges; verifying follows the iterative
// algorithms of §2.1.3.2 and §2.1.4.2 literally.

#include "ledger/merkle_proof.h"

#include <bit>
#include <string>

namespace creditnode::ledger {

namespace {

// PATH(m, D[begin:end]) appended to *out.
Status Path(uint64_t m, uint64_t begin, uint64_t end,
            const SubtreeHashFn& subtree, std::vector<Hash>* out) {
  const uint64_t n = end - begin;
  if (n == 1) return OkStatus();
  const uint64_t k = SplitPoint(n);
  if (m < begin + k) {
    CN_RETURN_IF_ERROR(Path(m, begin, begin + k, subtree, out));
    CN_ASSIGN_OR_RETURN(Hash right, RangeHash(begin + k, end, subtree));
    out->push_back(right);
  } else {
    CN_RETURN_IF_ERROR(Path(m, begin + k, end, subtree, out));
    CN_ASSIGN_OR_RETURN(Hash left, RangeHash(begin, begin + k, subtree));
    out->push_back(left);
  }
  return OkStatus();
}

// SUBPROOF(old_end - begin, D[begin:end], complete) appended to *out.
Status SubProof(uint64_t old_end, uint64_t begin, uint64_t end, bool complete,
                const SubtreeHashFn& subtree, std::vector<Hash>* out) {
  if (old_end == end) {
    if (!complete) {
      CN_ASSIGN_OR_RETURN(Hash h, RangeHash(begin, end, subtree));
      out->push_back(h);
    }
    return OkStatus();
  }
  const uint64_t k = SplitPoint(end - begin);
  if (old_end <= begin + k) {
    CN_RETURN_IF_ERROR(
        SubProof(old_end, begin, begin + k, complete, subtree, out));
    CN_ASSIGN_OR_RETURN(Hash right, RangeHash(begin + k, end, subtree));
    out->push_back(right);
  } else {
    CN_RETURN_IF_ERROR(SubProof(old_end, begin + k, end, false, subtree, out));
    CN_ASSIGN_OR_RETURN(Hash left, RangeHash(begin, begin + k, subtree));
    out->push_back(left);
  }
  return OkStatus();
}

bool Lsb(uint64_t x) { return (x & 1) != 0; }

// The step both RFC 9162 verification algorithms take after combining with
// a left sibling at the right edge: "until LSB(fn) is set or fn is 0,
// right-shift fn and sn".
void RightShiftToSetBit(uint64_t* fn, uint64_t* sn) {
  do {
    *fn >>= 1;
    *sn >>= 1;
  } while (!Lsb(*fn) && *fn != 0);
}

}  // namespace

StatusOr<std::vector<Hash>> InclusionProof(uint64_t index, uint64_t size,
                                           const SubtreeHashFn& subtree) {
  if (index >= size) {
    return InvalidArgumentError("index " + std::to_string(index) +
                                " is not below size " + std::to_string(size));
  }
  std::vector<Hash> proof;
  CN_RETURN_IF_ERROR(Path(index, 0, size, subtree, &proof));
  return proof;
}

StatusOr<std::vector<Hash>> ConsistencyProof(uint64_t old_size, uint64_t size,
                                             const SubtreeHashFn& subtree) {
  if (old_size > size) {
    return InvalidArgumentError("old size " + std::to_string(old_size) +
                                " is above size " + std::to_string(size));
  }
  std::vector<Hash> proof;
  if (old_size == 0 || old_size == size) return proof;
  CN_RETURN_IF_ERROR(SubProof(old_size, 0, size, true, subtree, &proof));
  return proof;
}

Status VerifyInclusion(uint64_t index, uint64_t size, const Hash& leaf_hash,
                       const std::vector<Hash>& proof, const Hash& root) {
  if (index >= size) {
    return InvalidArgumentError("inclusion: index " + std::to_string(index) +
                                " is not below size " + std::to_string(size));
  }
  uint64_t fn = index;
  uint64_t sn = size - 1;
  Hash r = leaf_hash;
  for (const Hash& p : proof) {
    if (sn == 0)
      return InvalidArgumentError("inclusion: proof has too many hashes");
    if (Lsb(fn) || fn == sn) {
      r = NodeHash(p, r);
      if (!Lsb(fn)) RightShiftToSetBit(&fn, &sn);
    } else {
      r = NodeHash(r, p);
    }
    fn >>= 1;
    sn >>= 1;
  }
  if (sn != 0)
    return InvalidArgumentError("inclusion: proof has too few hashes");
  if (r != root)
    return InvalidArgumentError("inclusion: computed root does not match");
  return OkStatus();
}

Status VerifyConsistency(uint64_t old_size, uint64_t size, const Hash& old_root,
                         const Hash& root, const std::vector<Hash>& proof) {
  if (old_size > size) {
    return InvalidArgumentError("consistency: old size " +
                                std::to_string(old_size) + " is above size " +
                                std::to_string(size));
  }
  if (old_size == 0 || old_size == size) {
    if (!proof.empty())
      return InvalidArgumentError("consistency: proof must be empty");
    // Every tree extends the empty one, whose root is fixed (RFC 9162
    // §2.1.1): an old root claimed for size 0 must be it.
    if (old_size == 0 && old_root != EmptyRoot()) {
      return InvalidArgumentError(
          "consistency: old size 0 but the old root is not the empty root");
    }
    if (old_size == size && old_root != root) {
      return InvalidArgumentError("consistency: same size, different roots");
    }
    return OkStatus();
  }
  if (proof.empty()) return InvalidArgumentError("consistency: proof is empty");
  std::vector<Hash> path;
  path.reserve(proof.size() + 1);
  // A power-of-two old tree is itself a node of the new tree: its root
  // starts the path (§2.1.4.2 step 2).
  if (std::has_single_bit(old_size)) path.push_back(old_root);
  path.insert(path.end(), proof.begin(), proof.end());

  uint64_t fn = old_size - 1;
  uint64_t sn = size - 1;
  while (Lsb(fn)) {
    fn >>= 1;
    sn >>= 1;
  }
  Hash fr = path[0];
  Hash sr = path[0];
  for (size_t i = 1; i < path.size(); ++i) {
    const Hash& c = path[i];
    if (sn == 0)
      return InvalidArgumentError("consistency: proof has too many hashes");
    if (Lsb(fn) || fn == sn) {
      fr = NodeHash(c, fr);
      sr = NodeHash(c, sr);
      if (!Lsb(fn)) RightShiftToSetBit(&fn, &sn);
    } else {
      sr = NodeHash(sr, c);
    }
    fn >>= 1;
    sn >>= 1;
  }
  if (sn != 0)
    return InvalidArgumentError("consistency: proof has too few hashes");
  if (fr != old_root)
    return InvalidArgumentError("consistency: old root does not match");
  if (sr != root)
    return InvalidArgumentError("consistency: new root does not match");
  return OkStatus();
}

}  // namespace creditnode::ledger
