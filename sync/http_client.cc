// HttpClient on Beast's synchronous client (error_code overloads only).

#include "sync/http_client.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <optional>

namespace creditnode::sync {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

constexpr std::chrono::seconds kTimeout{30};
constexpr uint64_t kBodyLimit = uint64_t{64} << 20;

}  // namespace

struct HttpClient::Rep {
  std::string host;
  std::string port;
  std::string token;
  net::io_context ioc;
  std::optional<beast::tcp_stream> stream;
  beast::flat_buffer buffer;

  Status Connect() {
    beast::error_code ec;
    tcp::resolver resolver(ioc);
    auto results = resolver.resolve(host, port, ec);
    if (ec) return UnavailableError("resolve " + host + ": " + ec.message());
    stream.emplace(ioc);
    stream->expires_after(kTimeout);
    stream->connect(results, ec);
    if (ec) {
      stream.reset();
      return UnavailableError("connect " + host + ":" + port + ": " +
                              ec.message());
    }
    buffer.clear();
    return OkStatus();
  }

  StatusOr<HttpResult> Exchange(const std::string& target) {
    http::request<http::empty_body> req{http::verb::get, target, 11};
    req.set(http::field::host, host + ":" + port);
    req.set(http::field::user_agent, "creditnode");
    if (!token.empty()) req.set(http::field::authorization, "Bearer " + token);
    beast::error_code ec;
    stream->expires_after(kTimeout);
    http::write(*stream, req, ec);
    if (ec) return UnavailableError("GET " + target + ": " + ec.message());
    http::response_parser<http::string_body> parser;
    parser.body_limit(kBodyLimit);
    http::read(*stream, buffer, parser, ec);
    if (ec == http::error::body_limit) {
      return ResourceExhaustedError("GET " + target + ": body over 64 MiB");
    }
    if (ec) return UnavailableError("GET " + target + ": " + ec.message());
    auto res = parser.release();
    HttpResult out;
    out.status = static_cast<int>(res.result_int());
    out.content_type = std::string(res[http::field::content_type]);
    out.body = std::move(res.body());
    if (!res.keep_alive()) stream.reset();
    return out;
  }
};

HttpClient::HttpClient(std::unique_ptr<Rep> rep) : rep_(std::move(rep)) {}
HttpClient::~HttpClient() = default;

StatusOr<std::unique_ptr<HttpClient>> HttpClient::New(
    const std::string& base_url, std::string bearer_token) {
  constexpr std::string_view kScheme = "http://";
  if (base_url.rfind(kScheme, 0) != 0) {
    return InvalidArgumentError("url: must start with http://");
  }
  std::string authority = base_url.substr(kScheme.size());
  authority = authority.substr(0, authority.find('/'));
  const size_t colon = authority.rfind(':');
  if (authority.empty() || colon == std::string::npos || colon == 0 ||
      colon + 1 == authority.size()) {
    return InvalidArgumentError("url: expected http://HOST:PORT");
  }
  auto rep = std::make_unique<Rep>();
  rep->host = authority.substr(0, colon);
  if (rep->host.size() > 2 && rep->host.front() == '[') {
    rep->host = rep->host.substr(1, rep->host.size() - 2);
  }
  rep->port = authority.substr(colon + 1);
  rep->token = std::move(bearer_token);
  return std::unique_ptr<HttpClient>(new HttpClient(std::move(rep)));
}

StatusOr<HttpResult> HttpClient::Get(const std::string& target) {
  for (int attempt = 0; attempt < 2; ++attempt) {
    if (!rep_->stream) CN_RETURN_IF_ERROR(rep_->Connect());
    StatusOr<HttpResult> r = rep_->Exchange(target);
    if (r.ok() || attempt == 1 ||
        r.status().code() != StatusCode::kUnavailable) {
      return r;
    }
    rep_->stream.reset();  // a closed keep-alive connection: reconnect once
  }
  return UnavailableError("GET " + target + ": failed");
}

}  // namespace creditnode::sync
