// TlogHandler: a feed served as a C2SP tlog-tiles log (c2sp.org/tlog-tiles,
// D4) under /v1/feeds/{origin}/tlog/: hash tiles `tile/<L>/<N>[.p/<W>]`
// (public) and entry bundles `tile/entries/<N>[.p/<W>]` (personal data:
// publisher, auditor or peer token), application/octet-stream. The
// checkpoint resource is FeedHandler::Checkpoint. Called by the Router;
// never throws. Thread-safe: const after construction.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "api/http_types.h"
#include "api/router_deps.h"

namespace creditnode::api {

class TlogHandler {
 public:
  // `deps` as for Router (its pointers must outlive this handler).
  explicit TlogHandler(RouterDeps deps);

  // GET .../tlog/tile/<L>/<N>[.p/<W>]; `tile_segments` are the still
  // encoded segments after "tile" (the router sends entry bundles to
  // EntryBundle; here "entries" is a bad level). A full tile only once it holds
  // 256 hashes (Cache-Control immutable for a year); a partial one if the
  // stored tile holds at least W hashes, as its first W·32 bytes (short
  // Cache-Control). 400 for a malformed path (api/tile_path.h); 404 for an
  // unknown feed or a tile the tree does not have yet (levels above 7
  // never exist: 8 levels of 8 cover 2^64 leaves).
  Response Tile(std::string_view encoded_origin,
                const std::vector<std::string_view>& tile_segments) const;

  // GET .../tlog/tile/entries/<N>[.p/<W>]; `tile_segments` as for Tile,
  // beginning with "entries". A publisher, auditor or peer token (401
  // first). Entries 256·N .. 256·N + W - 1 (W = 256 for a full
  // bundle), each as a big-endian uint16 length and the exact entry bytes;
  // served once the feed holds all of them, else 404. Cache-Control is
  // private (the response is for the token's holder only).
  Response EntryBundle(
      const Request& request, std::string_view encoded_origin,
      const std::vector<std::string_view>& tile_segments) const;

 private:
  // Constant after construction.
  const RouterDeps deps_;
};

}  // namespace creditnode::api
