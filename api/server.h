// Server: the node's HTTP server (Beast's advanced server, style R10): a
// Listener accepts, one session per connection on one I/O thread's context
// feeds requests to a Router, blocking routes run on a thread pool. Stop() is a
// graceful shutdown: stop accepting, let in-flight requests finish and get
// their responses, close idle keep-alive connections, force-close what is
// left after the grace period, join every thread. No Beast type appears
// here (pimpl).
// Thread-safety: Start and Stop may be called from any thread except the
// server's own (a handler), not concurrently with each other.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>

#include "api/router.h"
#include "api/server_options.h"
#include "util/status.h"

namespace creditnode::api {

class Server {
 public:
  // Does not take ownership: `router` must outlive the server.
  Server(const Router* router, ServerOptions options);
  // Stop(0) if still running.
  ~Server();

  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds options.host:options.port, starts the I/O threads and returns the
  // bound port (the ephemeral one if options.port is 0). Once per Server.
  // kInvalidArgument if host is not an IP literal or threads,
  // blocking_threads or pipeline_limit is < 1; kUnavailable if the socket
  // cannot be bound (port in use, no permission); kFailedPrecondition if
  // called before.
  StatusOr<uint16_t> Start();

  // Graceful shutdown; returns when every thread has been joined. No new
  // connection is accepted once it starts. Requests being read or handled
  // complete and their responses are sent with "Connection: close"; idle
  // connections close at once. After `grace`, remaining connections are
  // closed; blocking handlers already running are waited for (they hold
  // the Publisher). No-op if not started or already stopped.
  void Stop(std::chrono::milliseconds grace);

 private:
  struct Rep;
  std::unique_ptr<Rep> rep_;
};

}  // namespace creditnode::api
