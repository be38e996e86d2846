// RFC 9162 hashing, proofs and the frontier, against the RFC 6962 test
// vectors published in transparency-dev/merkle (testonly/constants.go and
// proof/verify_test.go: leaves, roots for sizes 1-8, inclusion and
// consistency proofs), and against a naive recursive MTH for every
// (index, size) up to 70.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ledger/merkle_frontier.h"
#include "ledger/merkle_hash.h"
#include "ledger/merkle_proof.h"
#include "util/encoding.h"

namespace creditnode::ledger {
namespace {

Hash H(const std::string& hex) {
  std::string bytes = *HexDecode(hex);
  Hash h;
  std::copy(bytes.begin(), bytes.end(), h.begin());
  return h;
}

std::vector<std::string> VectorLeaves() {
  std::vector<std::string> out;
  for (const char* hex :
       {"", "00", "10", "2021", "3031", "40414243", "5051525354555657",
        "606162636465666768696a6b6c6d6e6f"}) {
    out.push_back(*HexDecode(hex));
  }
  return out;
}

// Roots of the trees of the first 1..8 VectorLeaves().
const char* const kRoots[] = {
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
};

// Naive MTH(D[begin:end]) straight from RFC 9162 §2.1.1.
Hash NaiveRange(const std::vector<Hash>& leaves, uint64_t begin, uint64_t end) {
  if (end - begin == 1) return leaves[begin];
  uint64_t k = SplitPoint(end - begin);
  return NodeHash(NaiveRange(leaves, begin, begin + k),
                  NaiveRange(leaves, begin + k, end));
}

SubtreeHashFn FromLeaves(const std::vector<Hash>* leaves) {
  return [leaves](int level, uint64_t index) -> StatusOr<Hash> {
    uint64_t width = uint64_t{1} << level;
    return NaiveRange(*leaves, index * width, (index + 1) * width);
  };
}

std::vector<Hash> LeafHashes(const std::vector<std::string>& leaves) {
  std::vector<Hash> out;
  for (const std::string& l : leaves) out.push_back(LeafHash(l));
  return out;
}

TEST(MerkleHashTest, EmptyRootIsSha256OfNothing) {
  EXPECT_EQ(
      EmptyRoot(),
      H("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
}

TEST(MerkleHashTest, LeafHashOfTheEmptyLeafMatchesTheVector) {
  EXPECT_EQ(LeafHash(""), H(kRoots[0]));
}

TEST(MerkleFrontierTest, RootsOfSizesOneToEightMatchTheVectors) {
  MerkleFrontier frontier;
  EXPECT_EQ(frontier.Root(), EmptyRoot());
  std::vector<std::string> leaves = VectorLeaves();
  for (size_t i = 0; i < leaves.size(); ++i) {
    frontier.Append(LeafHash(leaves[i]));
    EXPECT_EQ(frontier.size(), i + 1);
    EXPECT_EQ(frontier.Root(), H(kRoots[i])) << "size " << i + 1;
  }
}

TEST(MerkleHashTest, RangeHashOfEachPrefixMatchesTheVectors) {
  std::vector<Hash> leaves = LeafHashes(VectorLeaves());
  for (uint64_t n = 1; n <= 8; ++n) {
    StatusOr<Hash> root = RangeHash(0, n, FromLeaves(&leaves));
    ASSERT_TRUE(root.ok());
    EXPECT_EQ(*root, H(kRoots[n - 1])) << "size " << n;
  }
}

struct ProofVector {
  uint64_t a;  // leaf index, or old size
  uint64_t size;
  std::vector<const char*> proof;
};

// proof/verify_test.go inclusionProofs (its leaf numbers are 1-based).
const std::vector<ProofVector>& InclusionVectors() {
  static const std::vector<ProofVector> v = {
      {0, 1, {}},
      {0,
       8,
       {"96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"}},
      {5,
       8,
       {"bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
        "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"}},
      {2,
       3,
       {"fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"}},
      {1,
       5,
       {"6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"}},
  };
  return v;
}

// proof/verify_test.go consistencyProofs.
const std::vector<ProofVector>& ConsistencyVectors() {
  static const std::vector<ProofVector> v = {
      {1, 1, {}},
      {1,
       8,
       {"96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"}},
      {6,
       8,
       {"0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
        "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"}},
      {2,
       5,
       {"5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"}},
      {6,
       7,
       {"0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
        "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"}},
  };
  return v;
}

std::vector<Hash> Hashes(const std::vector<const char*>& hex) {
  std::vector<Hash> out;
  for (const char* h : hex) out.push_back(H(h));
  return out;
}

TEST(MerkleProofTest, InclusionProofsMatchAndVerifyAgainstTheVectors) {
  std::vector<Hash> leaves = LeafHashes(VectorLeaves());
  for (const ProofVector& v : InclusionVectors()) {
    StatusOr<std::vector<Hash>> proof =
        InclusionProof(v.a, v.size, FromLeaves(&leaves));
    ASSERT_TRUE(proof.ok());
    EXPECT_EQ(*proof, Hashes(v.proof)) << v.a << " in " << v.size;
    EXPECT_TRUE(VerifyInclusion(v.a, v.size, leaves[v.a], Hashes(v.proof),
                                H(kRoots[v.size - 1]))
                    .ok());
  }
}

TEST(MerkleProofTest, ConsistencyProofsMatchAndVerifyAgainstTheVectors) {
  std::vector<Hash> leaves = LeafHashes(VectorLeaves());
  for (const ProofVector& v : ConsistencyVectors()) {
    StatusOr<std::vector<Hash>> proof =
        ConsistencyProof(v.a, v.size, FromLeaves(&leaves));
    ASSERT_TRUE(proof.ok());
    EXPECT_EQ(*proof, Hashes(v.proof)) << v.a << " to " << v.size;
    EXPECT_TRUE(VerifyConsistency(v.a, v.size, H(kRoots[v.a - 1]),
                                  H(kRoots[v.size - 1]), Hashes(v.proof))
                    .ok());
  }
}

TEST(MerkleProofTest, CorruptedInclusionProofsFail) {
  std::vector<Hash> leaves = LeafHashes(VectorLeaves());
  const Hash root = H(kRoots[7]);
  std::vector<Hash> proof =
      Hashes(InclusionVectors()[2].proof);  // index 5 of 8
  EXPECT_FALSE(VerifyInclusion(4, 8, leaves[5], proof, root).ok());
  EXPECT_FALSE(VerifyInclusion(6, 8, leaves[5], proof, root).ok());
  EXPECT_FALSE(VerifyInclusion(5, 16, leaves[5], proof, root).ok());
  EXPECT_FALSE(VerifyInclusion(5, 4, leaves[5], proof, root).ok());
  EXPECT_FALSE(VerifyInclusion(5, 8, leaves[4], proof, root).ok());
  EXPECT_FALSE(VerifyInclusion(5, 8, leaves[5], proof, EmptyRoot()).ok());
  for (size_t i = 0; i < proof.size(); ++i) {
    std::vector<Hash> bad = proof;
    bad[i][0] ^= 8;
    EXPECT_FALSE(VerifyInclusion(5, 8, leaves[5], bad, root).ok())
        << "bit flip in " << i;
  }
  std::vector<Hash> longer = proof;
  longer.push_back(root);
  EXPECT_EQ(VerifyInclusion(5, 8, leaves[5], longer, root).message(),
            "inclusion: proof has too many hashes");
  std::vector<Hash> shorter(proof.begin(), proof.end() - 1);
  EXPECT_EQ(VerifyInclusion(5, 8, leaves[5], shorter, root).message(),
            "inclusion: proof has too few hashes");
}

TEST(MerkleProofTest, CorruptedConsistencyProofsFail) {
  const Hash root6 = H(kRoots[5]);
  const Hash root8 = H(kRoots[7]);
  std::vector<Hash> proof = Hashes(ConsistencyVectors()[2].proof);  // 6 to 8
  EXPECT_FALSE(VerifyConsistency(5, 8, root6, root8, proof).ok());
  EXPECT_FALSE(VerifyConsistency(7, 8, root6, root8, proof).ok());
  EXPECT_FALSE(VerifyConsistency(6, 16, root6, root8, proof).ok());
  EXPECT_FALSE(VerifyConsistency(6, 8, root8, root6, proof).ok());
  EXPECT_FALSE(VerifyConsistency(6, 8, root6, root8, {}).ok());
  for (size_t i = 0; i < proof.size(); ++i) {
    std::vector<Hash> bad = proof;
    bad[i][0] ^= 16;
    EXPECT_FALSE(VerifyConsistency(6, 8, root6, root8, bad).ok())
        << "bit flip in " << i;
  }
}

TEST(MerkleProofTest, SizeZeroAndEqualSizeConventions) {
  EXPECT_EQ(InclusionProof(0, 0, {}).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_FALSE(VerifyInclusion(0, 0, EmptyRoot(), {}, EmptyRoot()).ok());
  StatusOr<std::vector<Hash>> from_zero = ConsistencyProof(0, 5, {});
  ASSERT_TRUE(from_zero.ok());
  EXPECT_TRUE(from_zero->empty());
  EXPECT_TRUE(VerifyConsistency(0, 5, EmptyRoot(), H(kRoots[4]), {}).ok());
  EXPECT_FALSE(
      VerifyConsistency(0, 5, EmptyRoot(), H(kRoots[4]), {EmptyRoot()}).ok());
  EXPECT_EQ(
      VerifyConsistency(0, 5, H(kRoots[0]), H(kRoots[4]), {}),
      InvalidArgumentError(
          "consistency: old size 0 but the old root is not the empty root"));
  EXPECT_TRUE(VerifyConsistency(0, 0, EmptyRoot(), EmptyRoot(), {}).ok());
  EXPECT_TRUE(VerifyConsistency(4, 4, H(kRoots[3]), H(kRoots[3]), {}).ok());
  EXPECT_FALSE(VerifyConsistency(4, 4, H(kRoots[3]), H(kRoots[4]), {}).ok());
  EXPECT_EQ(ConsistencyProof(5, 4, {}).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_FALSE(VerifyConsistency(5, 4, H(kRoots[4]), H(kRoots[3]), {}).ok());
}

TEST(MerkleProofTest, EveryProofUpToSeventyLeavesVerifiesAgainstTheNaiveRoot) {
  std::vector<Hash> leaves;
  for (int i = 0; i < 70; ++i)
    leaves.push_back(LeafHash("leaf " + std::to_string(i)));
  SubtreeHashFn subtree = FromLeaves(&leaves);
  MerkleFrontier frontier;
  std::vector<Hash> roots = {EmptyRoot()};
  for (const Hash& leaf : leaves) {
    frontier.Append(leaf);
    roots.push_back(frontier.Root());
    ASSERT_EQ(roots.back(), NaiveRange(leaves, 0, frontier.size()));
  }
  for (uint64_t size = 1; size <= 70; ++size) {
    for (uint64_t i = 0; i < size; ++i) {
      StatusOr<std::vector<Hash>> proof = InclusionProof(i, size, subtree);
      ASSERT_TRUE(proof.ok());
      ASSERT_TRUE(VerifyInclusion(i, size, leaves[i], *proof, roots[size]).ok())
          << i << " in " << size;
      ASSERT_FALSE(
          VerifyInclusion(i, size, leaves[(i + 1) % 70], *proof, roots[size])
              .ok());
    }
    for (uint64_t old = 0; old <= size; ++old) {
      StatusOr<std::vector<Hash>> proof = ConsistencyProof(old, size, subtree);
      ASSERT_TRUE(proof.ok());
      ASSERT_TRUE(
          VerifyConsistency(old, size, roots[old], roots[size], *proof).ok())
          << old << " to " << size;
      if (old > 0 && old < size) {
        ASSERT_FALSE(
            VerifyConsistency(old, size, roots[old - 1], roots[size], *proof)
                .ok());
      }
    }
  }
}

}  // namespace
}  // namespace creditnode::ledger
