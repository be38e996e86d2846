// NodeServer: the HTTP API of a node wired to its own feed (docs/CLI.md
// `serve`): a TokenTable from the config's tokens, an api::Router over the
// LocalFeed's store (reader) and writer (publisher), and an api::Server
// listening on HOST:PORT, and the feed's checkpoint cadence
// (node/checkpoint_loop.h, every 250 ms). Used by `serve` and `demo`.
// Thread-safety: Start and Stop from one thread (the command's main thread).
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "api/router.h"
#include "api/server.h"
#include "api/token_table.h"
#include "ledger/checkpointer.h"
#include "ledger/subtree_cache.h"
#include "node/checkpoint_loop.h"
#include "node/local_feed.h"
#include "util/clock.h"
#include "util/status.h"

namespace creditnode::node {

class NodeServer {
 public:
  // Starts serving `feed` on `listen` ("HOST:PORT"; port 0 picks a free
  // one). Does not take ownership: `feed` and `clock` must outlive the
  // server. kInvalidArgument for a bad listen address or a config token the
  // TokenTable refuses; kUnavailable if the address cannot be bound.
  static StatusOr<std::unique_ptr<NodeServer>> Start(LocalFeed* feed,
                                                     const std::string& listen,
                                                     const Clock* clock);
  // Stop() if still running.
  ~NodeServer();

  NodeServer(const NodeServer&) = delete;
  NodeServer& operator=(const NodeServer&) = delete;

  // The bound port (the ephemeral one if `listen` asked for port 0).
  uint16_t port() const { return port_; }
  // "http://HOST:PORT/" (an IPv6 host in brackets).
  const std::string& url() const { return url_; }

  // Graceful shutdown (api::Server::Stop with a 5 s grace), then a last
  // checkpoint covering every acknowledged entry; idempotent.
  void Stop();

 private:
  NodeServer() = default;

  // Constant after construction.
  api::TokenTable tokens_;
  std::unique_ptr<api::Router> router_;
  uint16_t port_ = 0;
  std::string url_;
  ledger::SubtreeCache subtree_cache_;
  std::unique_ptr<ledger::Checkpointer> checkpointer_;
  std::unique_ptr<CheckpointLoop> checkpoints_;
  // Declared last: destroyed (and so stopped) before the router it uses.
  std::unique_ptr<api::Server> server_;
};

// "http://HOST:PORT/" for a host and port, bracketing an IPv6 host.
std::string HttpUrl(const std::string& host, uint16_t port);

}  // namespace creditnode::node
