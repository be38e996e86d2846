// Listener: accepts TCP connections and starts one HttpSession each, on
// one of the server's io_contexts, taken in turn (one io_context per I/O
// thread, run by that thread alone: sessions never contend for a shared
// scheduler and need no strand). Private to api/.
// Thread-safety: Open on any thread; Start and Stop may be called from any
// thread (they post to the acceptor's strand).
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/error.hpp>
#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "api/server_context.h"
#include "util/status.h"

namespace creditnode::api {

class Listener : public std::enable_shared_from_this<Listener> {
 public:
  // Opens, binds and listens on `endpoint`. kUnavailable naming the step
  // that failed (e.g. "listen on 127.0.0.1:8080: bind: Address already in
  // use"). The acceptor runs on `ioc`; sessions go to `session_iocs` in
  // turn (REQUIRES: not empty). All must outlive the listener.
  static StatusOr<std::shared_ptr<Listener>> Open(
      boost::asio::io_context& ioc,
      std::vector<boost::asio::io_context*> session_iocs,
      const boost::asio::ip::tcp::endpoint& endpoint,
      std::shared_ptr<ServerContext> context);

  // The bound port (the ephemeral one if the endpoint's port was 0).
  uint16_t port() const { return port_; }

  // Starts the accept loop.
  void Start();
  // Closes the acceptor (no new connections); `done` runs on the
  // acceptor's strand once it is closed.
  void Stop(std::function<void()> done);

 private:
  Listener(boost::asio::io_context& ioc,
           std::vector<boost::asio::io_context*> session_iocs,
           std::shared_ptr<ServerContext> context);
  void DoAccept();
  void OnAccept(boost::beast::error_code ec,
                boost::asio::ip::tcp::socket socket);

  // Constant after construction.
  const std::vector<boost::asio::io_context*> session_iocs_;
  const std::shared_ptr<ServerContext> context_;
  uint16_t port_ = 0;

  // Used only on the acceptor's strand.
  boost::asio::ip::tcp::acceptor acceptor_;
  boost::asio::steady_timer retry_timer_;
  size_t next_ioc_ = 0;
};

}  // namespace creditnode::api
