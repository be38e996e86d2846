// FeedHandler: the JSON and checkpoint routes of /v1/feeds
// (docs/openapi.yaml, D4): the feeds a node holds with their latest signed
// checkpoints, one feed's latest checkpoint as the exact signed note text
// (also served as tlog-tiles `<prefix>/checkpoint`), and pages of a feed's
// entries with their signatures for auditors and peers. Called by the
// Router after it matched path and method; never throws.
// Thread-safe: const after construction.
#pragma once

#include <cstddef>
#include <string_view>

#include "api/http_types.h"
#include "api/request_params.h"
#include "api/router_deps.h"

namespace creditnode::api {

class FeedHandler {
 public:
  // Most entries one GET /v1/feeds/{origin}/entries returns.
  static constexpr size_t kMaxPageEntries = 1000;
  // A page stops growing once its entries hold this many bytes (at least
  // one entry is always returned): 1000 entries of up to 64 KiB each would
  // otherwise make an 85 MB answer.
  static constexpr size_t kMaxPageBytes = 4 << 20;

  // `deps` as for Router (its pointers must outlive this handler).
  explicit FeedHandler(RouterDeps deps);

  // GET /v1/feeds: public. 200 {"feeds":[{"origin","verifier_key","size",
  // "checkpoint_size","checkpoint"}]} in origin order; "checkpoint" is the
  // latest signed note text and "checkpoint_size" its tree size, both null
  // before the first checkpoint.
  Response List() const;

  // GET /v1/feeds/{origin}/checkpoint and .../tlog/checkpoint: public.
  // 200 text/plain; charset=utf-8, the latest note byte for byte, with a
  // short Cache-Control (tlog-tiles: "SHOULD prevent caching beyond a few
  // seconds"). 404 JSON for an unknown feed or one without a checkpoint.
  Response Checkpoint(std::string_view encoded_origin) const;

  // GET /v1/feeds/{origin}/entries?start=S&end=E: a publisher, auditor or
  // peer token (401 before anything else is looked at). Entries S..E-1,
  // cut to the feed's size, kMaxPageEntries and kMaxPageBytes: 200
  // {"entries":[{"index","bytes","signature"}]} (bytes and signature
  // base64, RFC 4648 §4); an empty list if S is at or past the feed's
  // size. 400 for a missing, malformed or unknown parameter or S > E; 404
  // for an unknown feed.
  Response Entries(const Request& request, std::string_view encoded_origin,
                   const QueryParams& query) const;

 private:
  // Constant after construction.
  const RouterDeps deps_;
};

}  // namespace creditnode::api
