// HttpSession (api/http_session.h), after Beast's advanced server
// (example/advanced/server/advanced_server.cpp at boost-1.81.0): the
// parser-oriented read, the bounded response queue. What the
// example leaves out and this adds: per-route body limits, error responses
// with Connection: close (Beast #467), lingering close after them, 100
// Continue, blocking handlers on a pool, draining for graceful shutdown.
#include "api/http_session.h"

#include <algorithm>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/bind_handler.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <string>
#include <utility>

#include "api/http_status.h"
#include "api/response_head.h"
#include "util/metrics.h"

namespace creditnode::api {

namespace beast = boost::beast;
namespace http = boost::beast::http;
namespace net = boost::asio;
using tcp = boost::asio::ip::tcp;

namespace {

// Stop draining a rejected client after this many bytes even if the
// linger deadline has not passed.
constexpr uint64_t kMaxLingerBytes = 1 << 20;

// The route class of a request whose request line has been parsed.
RouteClass ClassifyParsed(const http::request<http::string_body>& header) {
  return Router::Classify(
      std::string_view(header.method_string().data(),
                       header.method_string().size()),
      std::string_view(header.target().data(), header.target().size()));
}

void CountResponse(int status) {
  Metrics& m = Metrics::Global();
  m.Add(Counter::kHttpRequests);
  if (status >= 400 && status < 500) m.Add(Counter::kHttpClientErrors);
  if (status >= 500) m.Add(Counter::kHttpServerErrors);
}

}  // namespace

HttpSession::HttpSession(tcp::socket&& socket,
                         std::shared_ptr<ServerContext> context)
    : context_(std::move(context)), stream_(std::move(socket)) {}

HttpSession::~HttpSession() { context_->registry.Remove(this); }

void HttpSession::Start() {
  context_->registry.Add(shared_from_this());
  // The flag is read after Add(): a Stop() whose snapshot missed this
  // session set `stopping` before taking it, so we see it here.
  net::dispatch(stream_.get_executor(), [self = shared_from_this()] {
    if (self->context_->stopping.load()) self->draining_ = true;
    self->MaybeRead();
    self->MaybeFinish();
  });
}

void HttpSession::BeginDrain() {
  net::post(stream_.get_executor(), [self = shared_from_this()] {
    self->draining_ = true;
    self->MaybeFinish();
  });
}

void HttpSession::ForceClose() {
  net::post(stream_.get_executor(), [self = shared_from_this()] {
    self->closed_ = true;
    self->stream_.close();
  });
}

bool HttpSession::ReadHasData() const {
  return reading_ &&
         (buffer_.size() > 0 || (parser_.has_value() && parser_->got_some()));
}

void HttpSession::MaybeRead() {
  if (closed_ || reading_ || awaiting_ || no_more_reads_ || draining_ ||
      queue_.size() >= context_->options.pipeline_limit) {
    return;
  }
  const ServerOptions& o = context_->options;
  parser_.emplace();
  parser_->header_limit(o.header_limit);
  // Beast checks Content-Length against body_limit while it parses the
  // header, before we know the route: allow the largest limit here and
  // apply the route's own in OnHeader.
  parser_->body_limit(
      std::max({o.entry_body_limit, o.batch_body_limit, o.read_body_limit}));
  reading_ = true;
  stream_.expires_after(o.read_timeout);
  http::async_read_header(
      stream_, buffer_, *parser_,
      beast::bind_front_handler(&HttpSession::OnHeader, shared_from_this()));
}

void HttpSession::OnHeader(beast::error_code ec, size_t /*bytes*/) {
  if (closed_) return;
  if (ec) {
    reading_ = false;
    return OnReadError(ec);
  }
  const BeastRequest& header = parser_->get();
  route_class_ = ClassifyParsed(header);
  const uint64_t limit = context_->BodyLimit(route_class_);
  if (const auto length = parser_->content_length();
      length.has_value() && *length > limit) {
    reading_ = false;
    return Reject(413, ResourceExhaustedError(
                           "request body: " + std::to_string(*length) +
                           " bytes exceeds the " + std::to_string(limit) +
                           "-byte limit of this route"));
  }
  // A chunked body is counted against this as it arrives.
  parser_->body_limit(limit);
  // RFC 9110 §10.1.1: answer 100 before the client sends the body. It goes
  // through the queue, after the responses still owed to earlier requests.
  if (header.version() >= 11 && !parser_->is_done() &&
      beast::iequals(header[http::field::expect], "100-continue")) {
    Outgoing interim;
    interim.response.status = 100;
    interim.framing.version = header.version();
    interim.interim = true;
    Enqueue(std::move(interim));
  }
  // Most requests (every GET) end with their header: go straight on
  // rather than through another read operation.
  if (parser_->is_done()) return OnBody(beast::error_code(), 0);
  stream_.expires_after(context_->options.read_timeout);
  http::async_read(
      stream_, buffer_, *parser_,
      beast::bind_front_handler(&HttpSession::OnBody, shared_from_this()));
}

void HttpSession::OnBody(beast::error_code ec, size_t /*bytes*/) {
  reading_ = false;
  if (closed_) return;
  if (ec) return OnReadError(ec);
  Dispatch(parser_->release());
}

void HttpSession::OnReadError(beast::error_code ec) {
  if (ec == http::error::end_of_stream) {
    // The client closed its side between requests: answer what is owed.
    peer_done_ = true;
    no_more_reads_ = true;
    return MaybeFinish();
  }
  if (ec == http::error::header_limit) {
    return Reject(431, ResourceExhaustedError(
                           "request header: exceeds the " +
                           std::to_string(context_->options.header_limit) +
                           "-byte limit"));
  }
  if (ec == http::error::body_limit) {
    // A Content-Length over the largest limit fails inside the header
    // read, before OnHeader classified the route; the request line is
    // parsed by then, so classify here to name the right limit.
    route_class_ = ClassifyParsed(parser_->get());
    return Reject(413, ResourceExhaustedError(
                           "request body: exceeds the " +
                           std::to_string(context_->BodyLimit(route_class_)) +
                           "-byte limit of this route"));
  }
  // partial_message: the peer went away mid-request; nobody to answer.
  if (ec != http::error::partial_message &&
      ec.category() ==
          http::make_error_code(http::error::bad_target).category()) {
    // Malformed input: answer and close, never try to resynchronise
    // (Beast #467).
    return Reject(400, InvalidArgumentError("request: malformed HTTP (" +
                                            ec.message() + ")"));
  }
  // Timeout (the stream already closed the socket), reset, abort.
  Close();
}

void HttpSession::Dispatch(BeastRequest&& beast_request) {
  request_start_ = std::chrono::steady_clock::now();
  Request request;
  request.method = std::string(beast_request.method_string());
  request.target = std::string(beast_request.target());
  request.authorization =
      std::string(beast_request[http::field::authorization]);
  request.content_type = std::string(beast_request[http::field::content_type]);
  request.body = std::move(beast_request.body());
  const Framing framing{beast_request.version(), beast_request.keep_alive(),
                        beast_request.method() == http::verb::head};
  if (!framing.keep_alive) no_more_reads_ = true;

  if (route_class_ == RouteClass::kRead) {
    Response response = context_->router->Handle(request);
    if (!response.retry_on_blocking_pool) {
      OnHandled(std::move(response), framing);
      return;
    }
    // Too costly for an I/O thread (a subject with very many entries):
    // run it again where it may take its time.
  }
  request.on_blocking_pool = true;
  awaiting_ = true;
  net::post(context_->blocking_pool,
            [self = shared_from_this(), ex = stream_.get_executor(),
             request = std::move(request), framing]() mutable {
              Response response = self->context_->router->Handle(request);
              net::post(ex,
                        [self = std::move(self), response = std::move(response),
                         framing]() mutable {
                          self->OnHandled(std::move(response), framing);
                        });
            });
}

void HttpSession::OnHandled(Response response, const Framing& framing) {
  awaiting_ = false;
  if (closed_) return;
  CountResponse(response.status);
  Metrics::Global().Observe(
      Histogram::kHttpLatencyMicros,
      static_cast<uint64_t>(
          std::chrono::duration_cast<std::chrono::microseconds>(
              std::chrono::steady_clock::now() - request_start_)
              .count()));
  Enqueue(Outgoing{std::move(response), framing, /*interim=*/false});
  MaybeRead();
}

void HttpSession::Reject(int http_status, const Status& status) {
  no_more_reads_ = true;
  linger_on_close_ = true;
  request_start_ = std::chrono::steady_clock::now();
  Framing framing;
  if (parser_.has_value() && parser_->is_header_done()) {
    framing.version = parser_->get().version();
    framing.head = parser_->get().method() == http::verb::head;
  }
  OnHandled(ErrorResponse(http_status, status), framing);
}

void HttpSession::Enqueue(Outgoing&& outgoing) {
  queue_.push_back(std::move(outgoing));
  MaybeWrite();
}

void HttpSession::MaybeWrite() {
  if (closed_ || writing_ || queue_.empty()) return;
  Outgoing next = std::move(queue_.front());
  queue_.pop_front();
  bool close_after = false;
  if (!next.interim) {
    // Close after this response if the request asked to, or if we are
    // winding down and nothing else is owed or arriving.
    close_after = !next.framing.keep_alive ||
                  ((draining_ || peer_done_) && queue_.empty() && !awaiting_ &&
                   !ReadHasData());
  }
  ResponseHead head;
  head.status = next.response.status;
  head.version = next.framing.version;
  head.keep_alive = !close_after;
  head.content_type = next.response.content_type;
  head.fields = &next.response.headers;
  head.content_length = next.response.body.size();
  write_head_.clear();  // keeps its capacity for the next response
  AppendResponseHead(head, &write_head_);
  // A response to HEAD carries the Content-Length of the GET but no body
  // (RFC 9110 §9.3.2); writing one would desynchronise the client.
  write_body_ = next.framing.head || next.interim
                    ? std::string()
                    : std::move(next.response.body);
  writing_ = true;
  stream_.expires_after(context_->options.write_timeout);
  const std::array<net::const_buffer, 2> buffers = {net::buffer(write_head_),
                                                    net::buffer(write_body_)};
  net::async_write(stream_, buffers,
                   beast::bind_front_handler(&HttpSession::OnWrite,
                                             shared_from_this(), close_after));
}

void HttpSession::OnWrite(bool close_after, beast::error_code ec,
                          size_t /*bytes*/) {
  writing_ = false;
  write_body_ = std::string();  // a large body is not kept between writes
  if (closed_) return;
  if (ec) return Close();
  if (close_after) return linger_on_close_ ? CloseLingering() : Close();
  MaybeWrite();
  MaybeRead();
  MaybeFinish();
}

void HttpSession::MaybeFinish() {
  if (closed_ || !(draining_ || peer_done_)) return;
  if (writing_ || awaiting_ || !queue_.empty() || ReadHasData()) return;
  Close();
}

void HttpSession::Close() {
  if (closed_) return;
  closed_ = true;
  beast::error_code ec;
  stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
  stream_.close();
}

// Closing a socket with unread input makes TCP send a reset, which can
// destroy the error response before the client reads it (a client still
// uploading a too-large body). So: FIN first, then read and drop what
// still comes for a bounded time, then close.
void HttpSession::CloseLingering() {
  if (closed_) return;
  closed_ = true;
  beast::error_code ec;
  stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
  linger_deadline_ =
      std::chrono::steady_clock::now() + context_->options.linger_timeout;
  LingerRead();
}

void HttpSession::LingerRead() {
  stream_.expires_at(linger_deadline_);
  stream_.async_read_some(net::buffer(discard_),
                          beast::bind_front_handler(&HttpSession::OnLingerRead,
                                                    shared_from_this()));
}

void HttpSession::OnLingerRead(beast::error_code ec, size_t bytes) {
  lingered_bytes_ += bytes;
  if (ec || lingered_bytes_ > kMaxLingerBytes) {
    stream_.close();
    return;
  }
  LingerRead();
}

}  // namespace creditnode::api
