// Listener (api/listener.h), after Beast's advanced server listener, plus:
// errors from open/bind/listen are returned rather than printed, a failed
// accept (EMFILE, ENFILE) retries after a pause instead of spinning, and a
// stopping server drops new sockets.
#include "api/listener.h"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core/bind_handler.hpp>
#include <string>
#include <utility>

#include "api/http_session.h"

namespace creditnode::api {

namespace beast = boost::beast;
namespace net = boost::asio;
using tcp = boost::asio::ip::tcp;

namespace {

// Pause before accepting again after an accept error, so that running out
// of file descriptors does not turn into a busy loop.
constexpr std::chrono::milliseconds kAcceptRetryDelay{100};

}  // namespace

Listener::Listener(net::io_context& ioc,
                   std::vector<net::io_context*> session_iocs,
                   std::shared_ptr<ServerContext> context)
    : session_iocs_(std::move(session_iocs)),
      context_(std::move(context)),
      acceptor_(net::make_strand(ioc)),
      retry_timer_(acceptor_.get_executor()) {}

StatusOr<std::shared_ptr<Listener>> Listener::Open(
    net::io_context& ioc, std::vector<net::io_context*> session_iocs,
    const tcp::endpoint& endpoint, std::shared_ptr<ServerContext> context) {
  std::shared_ptr<Listener> l(
      new Listener(ioc, std::move(session_iocs), std::move(context)));
  const std::string where = "listen on " + endpoint.address().to_string() +
                            ":" + std::to_string(endpoint.port());
  beast::error_code ec;
  l->acceptor_.open(endpoint.protocol(), ec);
  if (ec) return UnavailableError(where + ": open: " + ec.message());
  l->acceptor_.set_option(net::socket_base::reuse_address(true), ec);
  if (ec) return UnavailableError(where + ": set_option: " + ec.message());
  l->acceptor_.bind(endpoint, ec);
  if (ec) return UnavailableError(where + ": bind: " + ec.message());
  l->acceptor_.listen(net::socket_base::max_listen_connections, ec);
  if (ec) return UnavailableError(where + ": listen: " + ec.message());
  const tcp::endpoint bound = l->acceptor_.local_endpoint(ec);
  if (ec) return UnavailableError(where + ": local_endpoint: " + ec.message());
  l->port_ = bound.port();
  return l;
}

void Listener::Start() {
  net::dispatch(
      acceptor_.get_executor(),
      beast::bind_front_handler(&Listener::DoAccept, shared_from_this()));
}

void Listener::Stop(std::function<void()> done) {
  net::post(acceptor_.get_executor(),
            [self = shared_from_this(), done = std::move(done)] {
              beast::error_code ec;
              self->acceptor_.close(ec);
              self->retry_timer_.cancel();
              done();
            });
}

void Listener::DoAccept() {
  if (!acceptor_.is_open()) return;
  // Each connection goes to the next I/O thread's context. One thread runs
  // each context, so the context itself serialises a session's handlers:
  // a strand on top would only add a lock and executor copies per
  // operation (~2% of a lookup, docs/PERFORMANCE.md).
  net::io_context& ioc = *session_iocs_[next_ioc_++ % session_iocs_.size()];
  acceptor_.async_accept(
      ioc.get_executor(),
      beast::bind_front_handler(&Listener::OnAccept, shared_from_this()));
}

void Listener::OnAccept(beast::error_code ec, tcp::socket socket) {
  if (ec == net::error::operation_aborted || !acceptor_.is_open()) return;
  if (ec) {
    context_->Log("http: accept: " + ec.message());
    retry_timer_.expires_after(kAcceptRetryDelay);
    retry_timer_.async_wait([self = shared_from_this()](beast::error_code e) {
      if (!e) self->DoAccept();
    });
    return;
  }
  if (context_->stopping.load()) return;  // the socket closes here
  std::make_shared<HttpSession>(std::move(socket), context_)->Start();
  DoAccept();
}

}  // namespace creditnode::api
