// EntryHandler: the /v1/entries routes of the Router (docs/openapi.yaml):
// publishing one draft or a batch through the Publisher, and reading one
// entry's exact bytes and signature from the FeedReader. Called by the
// Router after it matched path and method; never throws.
// Thread-safe: const after construction.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "api/http_types.h"
#include "api/router_deps.h"

namespace creditnode::api {

class EntryHandler {
 public:
  // Most drafts one POST /v1/entries/batch may carry (the FeedWriter's
  // max_batch_entries default).
  static constexpr size_t kMaxBatchEntries = 10000;

  // `deps` as for Router (its pointers must outlive this handler).
  explicit EntryHandler(RouterDeps deps);

  // POST /v1/entries: a publisher token (401/403), Content-Type
  // application/json (415), one draft object (400), published → 201
  // {"origin","index","issued_at","bytes","signature"} (bytes and
  // signature base64) with a Location header. Publisher
  // errors map through HttpStatusFor (409 conflicts, 503 storage).
  Response Publish(const Request& request) const;

  // POST /v1/entries/batch: as Publish with {"entries":[draft, ...]},
  // 1..kMaxBatchEntries drafts (413 above), errors prefixed
  // "entries[i]: ", all or nothing → 201 {"entries":[...]}.
  Response PublishBatch(const Request& request) const;

  // GET /v1/entries/{origin}/{index}: a publisher, auditor or peer token
  // (401). `origin` is
  // the still-encoded path segments between "entries" and the index (an
  // origin's '/' may come encoded as %2F or plain); `index` is decimal
  // without sign or leading zeros (400). 404 for an unknown feed or index.
  Response Get(const Request& request,
               const std::vector<std::string_view>& origin,
               std::string_view index) const;

 private:
  // Constant after construction.
  const RouterDeps deps_;
};

}  // namespace creditnode::api
