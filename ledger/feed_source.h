// FeedSource: where an auditor reads feeds from (issue 4, docs/audit.md) —
// a live node over HTTP (sync/http_feed_source.h), an offline bundle
// (node/bundle_feed_source.h) or, in tests, a store. Nothing a source
// returns is trusted: ledger/feed_auditor.h checks all of it. A source
// only moves bytes; an error from it means the bytes could not be had (the
// node is unreachable, refuses, or answers malformed data), not that they
// are wrong. Implementations are thread-compatible.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ledger/merkle_hash.h"
#include "util/status.h"

namespace creditnode::ledger {

// One feed as the source lists it.
struct SourceFeed {
  std::string origin;
  std::string verifier_key;               // D4 verifier key string
  std::optional<std::string> checkpoint;  // signed note; none issued yet
};

// One entry as the source serves it: the index it claims, the exact bytes
// and the raw signature.
struct SourceEntry {
  uint64_t index = 0;
  std::string bytes;
  std::string signature;
};

class FeedSource {
 public:
  virtual ~FeedSource() = default;

  // Every feed the source holds. kUnavailable if it cannot be reached;
  // other codes for a refused or malformed answer (named in the message).
  virtual StatusOr<std::vector<SourceFeed>> ListFeeds() = 0;

  // Reads entries of `origin` from `start` (below `end`) into page[0..n)
  // and returns n: at least 1 if the source holds entry `start`, 0 if it
  // holds no more, fewer than end - start when its pages are smaller.
  // `page` grows when needed and is never shrunk, so a source can reuse
  // its elements' buffers page after page. REQUIRES: start < end. A source may
  // require that the calls of one feed follow each other (start = the previous
  // start + n): a bundle is read once, front to back.
  virtual StatusOr<size_t> ReadEntries(std::string_view origin, uint64_t start,
                                       uint64_t end,
                                       std::vector<SourceEntry>* page) = 0;

  // The source's RFC 9162 consistency proof from `old_size` to `size`, or
  // nullopt if this kind of source offers none (a bundle).
  virtual StatusOr<std::optional<std::vector<Hash>>> ConsistencyProof(
      std::string_view origin, uint64_t old_size, uint64_t size) = 0;
};

}  // namespace creditnode::ledger
