// ServerContext: what the listener and every session of one Server share
// (private to api/; included only by the Beast translation units). Sessions
// hold it by shared_ptr, so nothing they use can dangle (Beast #1109).
// Thread-safe: options and router are constant, the registry locks, the
// pool is thread-safe, `stopping` is atomic.
#pragma once

#include <atomic>
#include <boost/asio/thread_pool.hpp>
#include <string_view>

#include "api/router.h"
#include "api/server_options.h"
#include "api/session_registry.h"

namespace creditnode::api {

struct ServerContext {
  ServerContext(const Router* r, ServerOptions o)
      : options(std::move(o)),
        router(r),
        blocking_pool(static_cast<size_t>(options.blocking_threads)) {}

  void Log(std::string_view line) const {
    if (options.log) options.log(line);
  }

  // The body limit of requests of `route_class`.
  uint64_t BodyLimit(RouteClass route_class) const {
    switch (route_class) {
      case RouteClass::kPublishEntry:
        return options.entry_body_limit;
      case RouteClass::kPublishBatch:
        return options.batch_body_limit;
      case RouteClass::kRead:
        break;
    }
    return options.read_body_limit;
  }

  // Constant after construction.
  const ServerOptions options;
  const Router* const router;  // not owned; outlives the server

  // Runs Router::Handle for blocking routes; joined by Server::Stop.
  boost::asio::thread_pool blocking_pool;
  SessionRegistry registry;
  // Set once by Server::Stop: no new sessions, no new reads.
  std::atomic<bool> stopping{false};
};

}  // namespace creditnode::api
