// RouterDeps: what the Router and its handlers read and write through.
// Nothing here is owned: the node (or a test) keeps every object alive for
// as long as the Router that was given it. Value type.
#pragma once

#include <cstddef>
#include <functional>
#include <string>

#include "api/token_table.h"
#include "ledger/feed_reader.h"
#include "ledger/publisher.h"
#include "ledger/subtree_cache.h"
#include "util/clock.h"

namespace creditnode::api {

struct RouterDeps {
  // Every feed the node holds. Required (non-null). Not owned.
  const ledger::FeedReader* reader = nullptr;
  // The node's own feed. Null if the node publishes nothing: the publish
  // routes then answer 503 UNAVAILABLE. Not owned. Default: nullptr
  ledger::Publisher* publisher = nullptr;
  // Interior hashes of full tiles, shared by every proof served. Not owned.
  // Default: nullptr (each proof folds its tiles' hashes itself)
  ledger::SubtreeCache* subtree_cache = nullptr;
  // Accepted bearer tokens. Required (non-null). Not owned.
  const TokenTable* tokens = nullptr;
  // "Today" for subject lookups and identifier birth dates. Required
  // (non-null). Not owned.
  const Clock* clock = nullptr;
  // The Prometheus text of GET /metrics (the node renders
  // Metrics::Global() plus RocksDB properties). Called on I/O threads;
  // must be thread-safe. Default: empty, which renders Metrics::Global()
  // alone.
  std::function<std::string()> metrics_text;
  // Most index rows a subject lookup reads on an I/O thread; a subject
  // with more is looked up again on the blocking pool (Response::
  // retry_on_blocking_pool), so it never stalls the other connections of
  // its thread. Default: 5000 (a few ms)
  size_t inline_match_limit = 5000;
};

}  // namespace creditnode::api
