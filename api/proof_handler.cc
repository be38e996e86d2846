// ProofHandler (api/proof_handler.h). Every range is checked here, against
// the feed's size read once, so that each bad input gets a message naming
// the parameters as the client sent them; FeedTree checks again.
#include "api/proof_handler.h"

#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "api/http_status.h"
#include "api/json_response.h"
#include "ledger/feed_tree.h"
#include "util/encoding.h"

namespace creditnode::api {
namespace {

Response ProofResponse(const std::vector<ledger::Hash>& proof) {
  nlohmann::json hashes = nlohmann::json::array();
  for (const ledger::Hash& h : proof) {
    hashes.push_back(Base64Encode(crypto::DigestBytes(h)));
  }
  return JsonResponse(200, {{"proof", std::move(hashes)}});
}

// The two numbers named `first` and `second`, parsed, and the origin.
struct ProofParams {
  std::string origin;
  uint64_t first = 0;
  uint64_t second = 0;
  uint64_t feed_size = 0;
};

StatusOr<ProofParams> ParseParams(const ledger::FeedReader& reader,
                                  std::string_view encoded_origin,
                                  const QueryParams& query,
                                  std::string_view first,
                                  std::string_view second) {
  ProofParams p;
  CN_ASSIGN_OR_RETURN(p.origin, DecodeOriginSegment(encoded_origin));
  CN_RETURN_IF_ERROR(CheckQueryNames(query, {first, second}));
  CN_ASSIGN_OR_RETURN(p.first, RequiredQueryNumber(query, first));
  CN_ASSIGN_OR_RETURN(p.second, RequiredQueryNumber(query, second));
  CN_ASSIGN_OR_RETURN(ledger::FeedInfo feed, reader.GetFeed(p.origin));
  p.feed_size = feed.size;
  if (p.second > p.feed_size) {
    return InvalidArgumentError(
        "size " + std::to_string(p.second) + " is above the size " +
        std::to_string(p.feed_size) + " of feed " + p.origin);
  }
  return p;
}

}  // namespace

ProofHandler::ProofHandler(RouterDeps deps) : deps_(std::move(deps)) {}

Response ProofHandler::Inclusion(std::string_view encoded_origin,
                                 const QueryParams& query) const {
  StatusOr<ProofParams> p =
      ParseParams(*deps_.reader, encoded_origin, query, "index", "size");
  if (!p.ok()) return ErrorResponse(p.status());
  if (p->first >= p->second) {
    return ErrorResponse(InvalidArgumentError(
        "index " + std::to_string(p->first) + " is not below size " +
        std::to_string(p->second)));
  }
  const ledger::FeedTree tree(deps_.reader, p->origin, deps_.subtree_cache);
  StatusOr<std::vector<ledger::Hash>> proof =
      tree.InclusionProof(p->first, p->second);
  if (!proof.ok()) return ErrorResponse(proof.status());
  return ProofResponse(*proof);
}

Response ProofHandler::Consistency(std::string_view encoded_origin,
                                   const QueryParams& query) const {
  StatusOr<ProofParams> p =
      ParseParams(*deps_.reader, encoded_origin, query, "old", "size");
  if (!p.ok()) return ErrorResponse(p.status());
  if (p->first > p->second) {
    return ErrorResponse(
        InvalidArgumentError("old " + std::to_string(p->first) +
                             " is above size " + std::to_string(p->second)));
  }
  const ledger::FeedTree tree(deps_.reader, p->origin, deps_.subtree_cache);
  StatusOr<std::vector<ledger::Hash>> proof =
      tree.ConsistencyProof(p->first, p->second);
  if (!proof.ok()) return ErrorResponse(proof.status());
  return ProofResponse(*proof);
}

}  // namespace creditnode::api
