// RFC 9162 §2.1.1 hashing.

#include "ledger/merkle_hash.h"

#include <bit>

namespace creditnode::ledger {

Hash LeafHash(std::string_view leaf) {
  crypto::Sha256Hasher h;
  const char prefix = 0x00;
  h.Update(std::string_view(&prefix, 1));
  h.Update(leaf);
  return h.Finish();
}

Hash NodeHash(const Hash& left, const Hash& right) {
  crypto::Sha256Hasher h;
  const char prefix = 0x01;
  h.Update(std::string_view(&prefix, 1));
  h.Update(std::string_view(reinterpret_cast<const char*>(left.data()),
                            left.size()));
  h.Update(std::string_view(reinterpret_cast<const char*>(right.data()),
                            right.size()));
  return h.Finish();
}

Hash EmptyRoot() { return crypto::Sha256(""); }

uint64_t SplitPoint(uint64_t n) { return std::bit_floor(n - 1); }

StatusOr<Hash> RangeHash(uint64_t begin, uint64_t end,
                         const SubtreeHashFn& subtree) {
  const uint64_t n = end - begin;
  if (std::has_single_bit(n) && begin % n == 0) {
    return subtree(std::countr_zero(n), begin / n);
  }
  const uint64_t k = SplitPoint(n);
  CN_ASSIGN_OR_RETURN(Hash left, RangeHash(begin, begin + k, subtree));
  CN_ASSIGN_OR_RETURN(Hash right, RangeHash(begin + k, end, subtree));
  return NodeHash(left, right);
}

}  // namespace creditnode::ledger
