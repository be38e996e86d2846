// HttpFeedSource: a ledger::FeedSource over a node's HTTP API
// (docs/openapi.yaml): GET /v1/feeds, GET /v1/feeds/{origin}/entries
// (needs an auditor, publisher or peer token) and GET
// /v1/feeds/{origin}/proof/consistency, the origin percent-encoded as one
// path segment. Answers are only parsed here; ledger/feed_auditor.h
// checks them. Thread-compatible.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ledger/feed_source.h"
#include "sync/http_client.h"
#include "util/status.h"

namespace creditnode::sync {

class HttpFeedSource final : public ledger::FeedSource {
 public:
  // Does not take ownership: `client` must outlive this source.
  explicit HttpFeedSource(HttpClient* client);

  // Errors: the client's (kUnavailable when the node cannot be reached);
  // for an HTTP error the status of the node's {"error":{code,message}}
  // (kUnauthenticated for 401, ...) as "GET <target>: HTTP <n>: message";
  // kInvalidArgument("GET <target>: ...") for an answer that is not the
  // documented JSON.
  StatusOr<std::vector<ledger::SourceFeed>> ListFeeds() override;
  StatusOr<size_t> ReadEntries(std::string_view origin, uint64_t start,
                               uint64_t end,
                               std::vector<ledger::SourceEntry>* page) override;
  StatusOr<std::optional<std::vector<ledger::Hash>>> ConsistencyProof(
      std::string_view origin, uint64_t old_size, uint64_t size) override;

 private:
  HttpClient* const client_;
};

// `origin` as one path segment: every byte outside RFC 3986's unreserved
// set percent-encoded ("a.gov/tax" -> "a.gov%2Ftax").
std::string EncodePathSegment(std::string_view origin);

}  // namespace creditnode::sync
