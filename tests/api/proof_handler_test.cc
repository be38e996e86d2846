// Tests for api/proof_handler.h through the Router over a real FeedStore:
// every inclusion and consistency proof of a small feed, and proofs
// across tile boundaries of a larger one, verify (ledger::VerifyInclusion /
// VerifyConsistency, RFC 9162 §2.1.3-4) against the roots FeedTree reads
// from the stored tiles; the size-0 rules; every bad input with its rule.
#include "api/proof_handler.h"

#include <gtest/gtest.h>

#include "ledger/merkle_proof.h"
#include "tests/api/feed_fixture.h"

namespace creditnode::api {
namespace {

using testing::FeedFixture;
using testing::kOrigin;

class ProofHandlerTest : public FeedFixture {
 protected:
  // The proof of a 200 response, decoded; a test failure otherwise.
  std::vector<ledger::Hash> Proof(const std::string& rest) {
    Response r = Handle(Get(FeedPath(rest)));
    EXPECT_EQ(r.status, 200) << rest << ": " << r.body;
    std::vector<ledger::Hash> proof;
    nlohmann::json j = Body(r);
    if (!j.is_object() || !j["proof"].is_array()) {
      ADD_FAILURE() << r.body;
      return proof;
    }
    EXPECT_EQ(j.size(), 1u) << r.body;
    for (const nlohmann::json& h : j["proof"]) {
      StatusOr<std::string> bytes = Base64Decode(h.get<std::string>());
      EXPECT_TRUE(bytes.ok() && bytes->size() == 32) << h;
      ledger::Hash hash{};
      if (bytes.ok() && bytes->size() == 32) {
        std::copy(bytes->begin(), bytes->end(), hash.begin());
      }
      proof.push_back(hash);
    }
    return proof;
  }

  ledger::Hash Leaf(uint64_t index) const {
    auto e = store_->GetEntry({kOrigin, index});
    EXPECT_TRUE(e.ok()) << e.status().ToString();
    return ledger::LeafHash(e.ok() ? e->bytes : std::string());
  }

  void ExpectInclusionVerifies(uint64_t index, uint64_t size) {
    std::vector<ledger::Hash> proof =
        Proof("proof/inclusion?index=" + std::to_string(index) +
              "&size=" + std::to_string(size));
    Status s =
        ledger::VerifyInclusion(index, size, Leaf(index), proof, Root(size));
    EXPECT_TRUE(s.ok()) << index << " in " << size << ": " << s.ToString();
  }

  void ExpectConsistencyVerifies(uint64_t old_size, uint64_t size) {
    std::vector<ledger::Hash> proof =
        Proof("proof/consistency?old=" + std::to_string(old_size) +
              "&size=" + std::to_string(size));
    Status s = ledger::VerifyConsistency(old_size, size, Root(old_size),
                                         Root(size), proof);
    EXPECT_TRUE(s.ok()) << old_size << " to " << size << ": " << s.ToString();
  }
};

TEST_F(ProofHandlerTest, EveryInclusionProofOfASmallFeedVerifies) {
  PublishMany(13);
  for (uint64_t size = 1; size <= 13; ++size) {
    for (uint64_t index = 0; index < size; ++index) {
      ExpectInclusionVerifies(index, size);
    }
  }
}

TEST_F(ProofHandlerTest, EveryConsistencyProofOfASmallFeedVerifies) {
  PublishMany(13);
  for (uint64_t size = 0; size <= 13; ++size) {
    for (uint64_t old_size = 0; old_size <= size; ++old_size) {
      ExpectConsistencyVerifies(old_size, size);
    }
  }
}

TEST_F(ProofHandlerTest, ProofsAcrossTileBoundariesVerify) {
  PublishMany(300);
  for (const auto& [index, size] :
       std::vector<std::pair<uint64_t, uint64_t>>{{0, 300},
                                                  {255, 256},
                                                  {255, 257},
                                                  {256, 257},
                                                  {299, 300},
                                                  {100, 258},
                                                  {257, 300},
                                                  {0, 1}}) {
    ExpectInclusionVerifies(index, size);
  }
  for (const auto& [old_size, size] :
       std::vector<std::pair<uint64_t, uint64_t>>{{1, 300},
                                                  {255, 256},
                                                  {256, 257},
                                                  {200, 300},
                                                  {256, 300},
                                                  {257, 299}}) {
    ExpectConsistencyVerifies(old_size, size);
  }
}

TEST_F(ProofHandlerTest, InclusionOfSingleEntryTreeIsEmpty) {
  PublishMany(1);
  EXPECT_TRUE(Proof("proof/inclusion?index=0&size=1").empty());
}

TEST_F(ProofHandlerTest, ConsistencyFromZeroOrToTheSameSizeIsEmpty) {
  PublishMany(5);
  EXPECT_TRUE(Proof("proof/consistency?old=0&size=5").empty());
  EXPECT_TRUE(Proof("proof/consistency?old=3&size=3").empty());
  EXPECT_TRUE(Proof("proof/consistency?old=0&size=0").empty());
}

TEST_F(ProofHandlerTest, ProofsNeedNoToken) {
  PublishMany(2);
  Response r = Handle(Get(FeedPath("proof/inclusion?index=0&size=2")));
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.content_type, "application/json; charset=utf-8");
}

TEST_F(ProofHandlerTest, InclusionOutOfRangeIs400) {
  PublishMany(4);
  const std::pair<const char*, const char*> kCases[] = {
      {"index=4&size=4", "index 4 is not below size 4"},
      {"index=5&size=4", "index 5 is not below size 4"},
      {"index=0&size=0", "index 0 is not below size 0"},
      {"index=0&size=5", "size 5 is above the size 4 of feed"},
      {"index=9&size=18446744073709551615", "is above the size 4"},
  };
  for (const auto& [query, message] : kCases) {
    SCOPED_TRACE(query);
    ExpectError(Handle(Get(FeedPath(std::string("proof/inclusion?") + query))),
                400, "INVALID_ARGUMENT", message);
  }
}

TEST_F(ProofHandlerTest, InclusionInEmptyFeedIs400) {
  ExpectError(Handle(Get(FeedPath("proof/inclusion?index=0&size=0"))), 400,
              "INVALID_ARGUMENT", "index 0 is not below size 0");
}

TEST_F(ProofHandlerTest, ConsistencyOutOfRangeIs400) {
  PublishMany(4);
  const std::pair<const char*, const char*> kCases[] = {
      {"old=3&size=2", "old 3 is above size 2"},
      {"old=0&size=5", "size 5 is above the size 4 of feed"},
      {"old=5&size=5", "size 5 is above the size 4 of feed"},
  };
  for (const auto& [query, message] : kCases) {
    SCOPED_TRACE(query);
    ExpectError(
        Handle(Get(FeedPath(std::string("proof/consistency?") + query))), 400,
        "INVALID_ARGUMENT", message);
  }
}

TEST_F(ProofHandlerTest, ProofsOfUnknownFeedAre404) {
  ExpectError(Handle(Get("/v1/feeds/nowhere.example%2Fx/proof/"
                         "inclusion?index=0&size=1")),
              404, "NOT_FOUND", "nowhere.example/x");
  ExpectError(Handle(Get("/v1/feeds/nowhere.example%2Fx/proof/"
                         "consistency?old=0&size=1")),
              404, "NOT_FOUND", "nowhere.example/x");
}

TEST_F(ProofHandlerTest, MalformedParametersAre400NamingTheRule) {
  PublishMany(2);
  const std::pair<const char*, const char*> kCases[] = {
      {"inclusion", "query: parameter \"index\" required"},
      {"inclusion?index=0", "query: parameter \"size\" required"},
      {"inclusion?size=1", "query: parameter \"index\" required"},
      {"inclusion?index=&size=1", "index: empty"},
      {"inclusion?index=%2B0&size=1", "index: must be a decimal number"},
      {"inclusion?index=0&size=1.0", "size: must be a decimal number"},
      {"inclusion?index=0&size=-1", "size: must be a decimal number"},
      {"inclusion?index=00&size=1", "index: leading zeros not allowed"},
      {"inclusion?index=0&size=18446744073709551616", "size: out of range"},
      {"inclusion?index=0&size=1&old=0", "unknown parameter \"old\""},
      {"consistency", "query: parameter \"old\" required"},
      {"consistency?old=0", "query: parameter \"size\" required"},
      {"consistency?old=a&size=1", "old: must be a decimal number"},
      {"consistency?old=0&size=", "size: empty"},
      {"consistency?old=0&size=2&index=1", "unknown parameter \"index\""},
      {"consistency?old=99999999999999999999&size=1", "old: out of range"},
  };
  for (const auto& [rest, message] : kCases) {
    SCOPED_TRACE(rest);
    ExpectError(Handle(Get(FeedPath(std::string("proof/") + rest))), 400,
                "INVALID_ARGUMENT", message);
  }
}

TEST_F(ProofHandlerTest, UnknownProofKindIsNoRoute) {
  ExpectError(Handle(Get(FeedPath("proof/audit?index=0&size=1"))), 404,
              "NOT_FOUND", "no route for path");
}

}  // namespace
}  // namespace creditnode::api
