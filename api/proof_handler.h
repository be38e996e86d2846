// ProofHandler: RFC 9162 proofs of a feed's Merkle tree (D3,
// docs/openapi.yaml), built by ledger::FeedTree from the stored hash tiles
// with O(log n) reads. Public: proofs carry only hashes. Sizes may be any
// size up to the feed's current one, not only checkpointed sizes (the
// hashes of a tree size never change once its entries are stored); a
// client proves against the checkpoints it holds. Size-0 rules
// (ledger/merkle_proof.h): no inclusion proof exists in an empty tree; the
// consistency proof from 0, or from a size to itself, is empty. Called by
// the Router; never throws. Thread-safe: const after construction.
#pragma once

#include <string_view>

#include "api/http_types.h"
#include "api/request_params.h"
#include "api/router_deps.h"

namespace creditnode::api {

class ProofHandler {
 public:
  // `deps` as for Router (its pointers must outlive this handler).
  explicit ProofHandler(RouterDeps deps);

  // GET /v1/feeds/{origin}/proof/inclusion?index=I&size=N → 200
  // {"proof":["<base64 hash>", ...]}, PATH(I, D[N]) in the RFC's order.
  // 400 unless I < N ≤ the feed's size, or for a missing, malformed or
  // unknown parameter; 404 for an unknown feed.
  Response Inclusion(std::string_view encoded_origin,
                     const QueryParams& query) const;

  // GET /v1/feeds/{origin}/proof/consistency?old=M&size=N → 200
  // {"proof":[...]}, PROOF(M, D[N]). 400 unless M ≤ N ≤ the feed's size,
  // or for a missing, malformed or unknown parameter; 404 for an unknown
  // feed.
  Response Consistency(std::string_view encoded_origin,
                       const QueryParams& query) const;

 private:
  // Constant after construction.
  const RouterDeps deps_;
};

}  // namespace creditnode::api
