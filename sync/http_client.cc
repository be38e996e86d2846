// HttpClient (sync/http_client.h). Every step is one of Beast's
// asynchronous operations on a beast::tcp_stream with expires_after set,
// run to completion on the client's own io_context: the only way Beast
// enforces a timeout (its synchronous read/write never time out, #2398).
// error_code overloads and handlers only: nothing here throws.

#include "sync/http_client.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <optional>
#include <string_view>
#include <utility>

namespace creditnode::sync {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

struct HttpClient::Rep {
  std::string host;
  std::string port;
  std::string token;
  HttpClientOptions options;
  net::io_context ioc;
  std::optional<beast::tcp_stream> stream;  // empty: not connected
  beast::flat_buffer buffer;

  // Runs the operation just started until its handler has run.
  void Run() {
    ioc.restart();
    ioc.run();
  }

  std::string Describe(std::string_view what, const beast::error_code& ec) {
    if (ec == beast::error::timeout) {
      return std::string(what) + ": timed out after " +
             std::to_string(options.timeout.count()) + " ms";
    }
    return std::string(what) + ": " + ec.message();
  }

  Status Connect() {
    beast::error_code ec;
    tcp::resolver resolver(ioc);
    // Synchronous: resolution has no Beast timeout, but the addresses an
    // auditor is given are literal or local names, answered at once.
    auto results = resolver.resolve(host, port, ec);
    if (ec) return UnavailableError(Describe("resolve " + host, ec));
    stream.emplace(ioc);
    stream->expires_after(options.timeout);
    stream->async_connect(
        results, [&ec](beast::error_code e, const tcp::endpoint&) { ec = e; });
    Run();
    if (ec) {
      stream.reset();
      return UnavailableError(Describe("connect to " + host + ":" + port, ec));
    }
    buffer.clear();
    return OkStatus();
  }

  // One request and response on the open connection. `*retry` is set when
  // the failure looks like a kept-alive connection the server had closed.
  StatusOr<HttpResult> Exchange(const std::string& target, bool* retry) {
    *retry = false;
    const std::string what = "GET " + target;
    http::request<http::empty_body> req{http::verb::get, target, 11};
    req.set(http::field::host, host + ":" + port);
    req.set(http::field::user_agent, "creditnode");
    if (!token.empty()) req.set(http::field::authorization, "Bearer " + token);
    req.keep_alive(true);

    beast::error_code ec;
    stream->expires_after(options.timeout);
    http::async_write(*stream, req,
                      [&ec](beast::error_code e, size_t) { ec = e; });
    Run();
    if (!ec) {
      http::response_parser<http::string_body> parser;
      parser.body_limit(options.body_limit);
      stream->expires_after(options.timeout);
      http::async_read(*stream, buffer, parser,
                       [&ec](beast::error_code e, size_t) { ec = e; });
      Run();
      if (!ec) {
        http::response<http::string_body> res = parser.release();
        HttpResult out;
        out.status = static_cast<int>(res.result_int());
        out.content_type = std::string(res[http::field::content_type]);
        out.body = std::move(res.body());
        if (!res.keep_alive()) stream.reset();
        return out;
      }
    }
    stream.reset();  // the connection's state is unknown after an error
    if (ec == http::error::body_limit) {
      return ResourceExhaustedError(what + ": response body over " +
                                    std::to_string(options.body_limit) +
                                    " bytes");
    }
    *retry = ec == http::error::end_of_stream || ec == net::error::eof ||
             ec == net::error::connection_reset ||
             ec == net::error::broken_pipe;
    return UnavailableError(Describe(what, ec));
  }
};

HttpClient::HttpClient(std::unique_ptr<Rep> rep) : rep_(std::move(rep)) {}
HttpClient::~HttpClient() = default;

StatusOr<std::unique_ptr<HttpClient>> HttpClient::New(
    const std::string& base_url, std::string bearer_token,
    const HttpClientOptions& options) {
  constexpr std::string_view kScheme = "http://";
  if (base_url.rfind(kScheme, 0) != 0) {
    return InvalidArgumentError("url: must start with http:// (got \"" +
                                base_url + "\")");
  }
  std::string authority = base_url.substr(kScheme.size());
  authority = authority.substr(0, authority.find('/'));
  const size_t colon = authority.rfind(':');
  if (authority.empty() || colon == std::string::npos || colon == 0 ||
      colon + 1 == authority.size() ||
      authority.find_first_not_of("0123456789", colon + 1) !=
          std::string::npos) {
    return InvalidArgumentError("url: expected http://HOST:PORT (got \"" +
                                base_url + "\")");
  }
  auto rep = std::make_unique<Rep>();
  rep->host = authority.substr(0, colon);
  if (rep->host.size() > 2 && rep->host.front() == '[' &&
      rep->host.back() == ']') {
    rep->host = rep->host.substr(1, rep->host.size() - 2);
  }
  rep->port = authority.substr(colon + 1);
  rep->token = std::move(bearer_token);
  rep->options = options;
  return std::unique_ptr<HttpClient>(new HttpClient(std::move(rep)));
}

StatusOr<HttpResult> HttpClient::Get(const std::string& target) {
  const bool reused = rep_->stream.has_value();
  if (!reused) CN_RETURN_IF_ERROR(rep_->Connect());
  bool retry = false;
  StatusOr<HttpResult> r = rep_->Exchange(target, &retry);
  // Only a reused connection is retried: the server may have closed it
  // while idle. A fresh connection failing the same way is the answer.
  if (r.ok() || !reused || !retry) return r;
  CN_RETURN_IF_ERROR(rep_->Connect());
  return rep_->Exchange(target, &retry);
}

}  // namespace creditnode::sync
