// Server (api/server.h): owns the io_context, its threads, the listener and
// the shared ServerContext. Stop() is the drain of Beast #1394 / PR #1795:
// ioc.stop() alone would drop responses in flight.
#include "api/server.h"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>
#include <exception>
#include <future>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "api/http_session.h"
#include "api/listener.h"
#include "api/server_context.h"

namespace creditnode::api {

namespace net = boost::asio;

namespace {

// After a forced close, how long to wait for sessions to notice before the
// io_context is stopped anyway (their handlers only need to run once).
constexpr std::chrono::seconds kForcedCloseWait{5};

// R2: an exception escaping a handler must not end the thread nor the
// server (beast2#53): log it and re-enter run(). run() returns normally
// only once the context is stopped.
void RunIoLoop(net::io_context& ioc, const ServerContext& context) {
  for (;;) {
    try {
      ioc.run();
      return;
    } catch (const std::exception& e) {
      context.Log(std::string("http: exception escaped a handler: ") +
                  e.what());
    } catch (...) {
      context.Log("http: unknown exception escaped a handler");
    }
  }
}

}  // namespace

struct Server::Rep {
  Rep(const Router* r, ServerOptions o) : router(r), options(std::move(o)) {}

  const Router* const router;
  const ServerOptions options;
  bool started = false;
  bool stopped = false;
  // Declared before `ioc`, so destroyed after it: the io_context's
  // destructor destroys pending handlers, which release sessions, which
  // use the context.
  std::shared_ptr<ServerContext> context;
  // One io_context per I/O thread (each run by exactly one thread, so its
  // scheduler takes no shared lock); the first also runs the acceptor.
  std::vector<std::unique_ptr<net::io_context>> iocs;
  std::vector<net::executor_work_guard<net::io_context::executor_type>> work;
  std::shared_ptr<Listener> listener;
  std::vector<std::thread> threads;
};

Server::Server(const Router* router, ServerOptions options)
    : rep_(std::make_unique<Rep>(router, std::move(options))) {}

Server::~Server() { Stop(std::chrono::milliseconds(0)); }

StatusOr<uint16_t> Server::Start() {
  Rep& r = *rep_;
  if (r.started) return FailedPreconditionError("server: already started");
  const ServerOptions& o = r.options;
  if (o.threads < 1)
    return InvalidArgumentError("server: threads must be >= 1");
  if (o.blocking_threads < 1) {
    return InvalidArgumentError("server: blocking_threads must be >= 1");
  }
  if (o.pipeline_limit < 1) {
    return InvalidArgumentError("server: pipeline_limit must be >= 1");
  }
  boost::system::error_code ec;
  const net::ip::address address = net::ip::make_address(o.host, ec);
  if (ec) {
    return InvalidArgumentError("server: host \"" + o.host +
                                "\" is not an IP address");
  }

  auto context = std::make_shared<ServerContext>(r.router, o);
  std::vector<std::unique_ptr<net::io_context>> iocs;
  std::vector<net::io_context*> session_iocs;
  for (int i = 0; i < o.threads; ++i) {
    iocs.push_back(std::make_unique<net::io_context>(1));
    session_iocs.push_back(iocs.back().get());
  }
  CN_ASSIGN_OR_RETURN(
      std::shared_ptr<Listener> listener,
      Listener::Open(*iocs[0], session_iocs,
                     net::ip::tcp::endpoint(address, o.port), context));

  r.started = true;
  r.context = std::move(context);
  r.iocs = std::move(iocs);
  for (auto& ioc : r.iocs) r.work.push_back(net::make_work_guard(*ioc));
  r.listener = std::move(listener);
  r.listener->Start();
  r.threads.reserve(r.iocs.size());
  for (auto& ioc : r.iocs) {
    r.threads.emplace_back(
        [ioc = ioc.get(), ctx = r.context.get()] { RunIoLoop(*ioc, *ctx); });
  }
  return r.listener->port();
}

void Server::Stop(std::chrono::milliseconds grace) {
  Rep& r = *rep_;
  if (!r.started || r.stopped) return;
  r.stopped = true;
  const auto deadline = std::chrono::steady_clock::now() + grace;
  ServerContext& context = *r.context;

  // 1. No new connections: the flag first (a session accepted meanwhile
  //    sees it in Start), then close the acceptor and wait for that.
  context.stopping.store(true);
  std::promise<void> closed;
  r.listener->Stop([&closed] { closed.set_value(); });
  closed.get_future().wait();

  // 2. Ask every session to finish what it has and close; idle ones close
  //    now.
  for (const auto& session : context.registry.Snapshot()) session->BeginDrain();

  // 3. Grace period, then force.
  if (!context.registry.WaitEmpty(deadline)) {
    for (const auto& session : context.registry.Snapshot()) {
      session->ForceClose();
    }
  }

  // 4. Closed sessions end once their handlers have run; one whose
  //    blocking handler still runs ends when it returns (it holds the
  //    Publisher, so it is waited for: join below).
  if (!context.registry.WaitEmpty(std::chrono::steady_clock::now() +
                                  kForcedCloseWait)) {
    context.Log("http: " + std::to_string(context.registry.size()) +
                " connection(s) still open at shutdown");
  }
  context.blocking_pool.join();

  // 5. Stop the loop and join.
  r.work.clear();
  for (auto& ioc : r.iocs) ioc->stop();
  for (std::thread& t : r.threads) t.join();
  r.threads.clear();
  r.listener.reset();
}

}  // namespace creditnode::api
