// HttpSession: one HTTP/1.1 connection (Beast's advanced server
// http_session, plus what it leaves out; style R10 and "Beast pitfalls").
// Private to api/: Beast types never leave this folder.
//  - every handler runs on the socket's executor: one io_context, run by
//    exactly one thread, so the handlers of a session never overlap;
//  - one read loop and one write at a time; responses leave in request
//    order through a queue of at most ServerOptions::pipeline_limit;
//  - a request_parser is emplaced per message with header_limit and, once
//    the header is in, the body limit of the route (Router::Classify);
//  - expires_after before every read and write;
//  - malformed input gets a 4xx JSON error and "Connection: close";
//  - a read whose handler asks for it (Response::retry_on_blocking_pool: a
//    subject with very many entries) is run again like a blocking route;
//  - blocking routes run Router::Handle on the server's thread pool and the
//    response is posted back to the socket's executor (Beast #1077); while one
//    runs the session reads nothing more, so a connection's requests take
//    effect in order;
//  - BeginDrain/ForceClose serve Server::Stop.
// Thread-safety: Start, BeginDrain and ForceClose may be called from any
// thread; everything else runs on the socket's executor.
#pragma once

#include <array>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <chrono>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>

#include "api/http_types.h"
#include "api/router.h"
#include "api/server_context.h"
#include "util/status.h"

namespace creditnode::api {

class HttpSession : public std::enable_shared_from_this<HttpSession> {
 public:
  // Takes the accepted socket. Its executor must be an io_context run by
  // one thread (or a strand): the session's handlers must never overlap.
  HttpSession(boost::asio::ip::tcp::socket&& socket,
              std::shared_ptr<ServerContext> context);
  ~HttpSession();

  HttpSession(const HttpSession&) = delete;
  HttpSession& operator=(const HttpSession&) = delete;

  // Registers with the server and starts reading. Call once, right after
  // make_shared (not from the constructor: shared_from_this).
  void Start();
  // Finish the request being read and the responses owed, then close;
  // closes at once if the connection is idle.
  void BeginDrain();
  // Closes the connection now; pending operations are cancelled.
  void ForceClose();

 private:
  using BeastRequest =
      boost::beast::http::request<boost::beast::http::string_body>;

  // How a request's response is framed.
  struct Framing {
    unsigned version = 11;    // HTTP/1.1
    bool keep_alive = false;  // the request allows another after it
    bool head = false;        // HEAD: Content-Length but no body
  };
  struct Outgoing {
    Response response;
    Framing framing;
    bool interim = false;  // "100 Continue": no close decision, no metrics
  };

  void MaybeRead();
  void OnHeader(boost::beast::error_code ec, size_t bytes);
  void OnBody(boost::beast::error_code ec, size_t bytes);
  void OnReadError(boost::beast::error_code ec);
  void Dispatch(BeastRequest&& request);
  void OnHandled(Response response, const Framing& framing);
  // Queues an error response that ends the connection (after lingering).
  void Reject(int http_status, const Status& status);
  void Enqueue(Outgoing&& outgoing);
  void MaybeWrite();
  void OnWrite(bool close_after, boost::beast::error_code ec, size_t bytes);
  // Closes once draining (or the peer half-closed) and nothing is owed.
  void MaybeFinish();
  // A request has started arriving (bytes buffered or parsed).
  bool ReadHasData() const;
  void Close();
  void CloseLingering();
  void LingerRead();
  void OnLingerRead(boost::beast::error_code ec, size_t bytes);

  // Constant after construction.
  const std::shared_ptr<ServerContext> context_;

  // Used only on the socket's executor.
  boost::beast::tcp_stream stream_;
  boost::beast::flat_buffer buffer_;
  std::optional<
      boost::beast::http::request_parser<boost::beast::http::string_body>>
      parser_;
  std::deque<Outgoing> queue_;
  // The response being written: its head (api/response_head.h) and body.
  std::string write_head_;
  std::string write_body_;
  RouteClass route_class_ = RouteClass::kRead;
  std::chrono::steady_clock::time_point request_start_;
  bool reading_ = false;          // a header or body read is pending
  bool writing_ = false;          // a write is pending
  bool awaiting_ = false;         // a blocking handler runs on the pool
  bool no_more_reads_ = false;    // a closing response is owed
  bool linger_on_close_ = false;  // that response is an error
  bool peer_done_ = false;        // the client half-closed between requests
  bool draining_ = false;         // Server::Stop asked us to finish
  bool closed_ = false;
  std::chrono::steady_clock::time_point linger_deadline_;
  uint64_t lingered_bytes_ = 0;
  std::array<char, 16 * 1024> discard_;
};

}  // namespace creditnode::api
