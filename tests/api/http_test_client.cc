// HttpTestClient (tests/api/http_test_client.h): a beast::tcp_stream with
// expires_after before each operation, driven by io_context::run().
#include "tests/api/http_test_client.h"

#include <gtest/gtest.h>

#include <array>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

namespace creditnode::api::testing {

namespace beast = boost::beast;
namespace http = boost::beast::http;
namespace net = boost::asio;
using tcp = boost::asio::ip::tcp;

std::string ClientResponse::Header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (beast::iequals(key, name)) return value;
  }
  return {};
}

struct HttpTestClient::Rep {
  net::io_context ioc;
  beast::tcp_stream stream{ioc};
  beast::flat_buffer buffer;

  // Runs the operation started by `start` to completion.
  template <typename Start>
  beast::error_code Run(Start start) {
    beast::error_code result;
    stream.expires_after(kDeadline);
    start([&result](beast::error_code ec, size_t) { result = ec; });
    ioc.restart();
    ioc.run();
    return result;
  }
};

HttpTestClient::HttpTestClient(std::unique_ptr<Rep> rep)
    : rep_(std::move(rep)) {}
HttpTestClient::~HttpTestClient() = default;

std::unique_ptr<HttpTestClient> HttpTestClient::Connect(uint16_t port) {
  auto rep = std::make_unique<Rep>();
  beast::error_code ec;
  rep->stream.socket().connect(
      tcp::endpoint(net::ip::make_address("127.0.0.1"), port), ec);
  if (ec) {
    ADD_FAILURE() << "connect to port " << port << ": " << ec.message();
    return nullptr;
  }
  return std::unique_ptr<HttpTestClient>(new HttpTestClient(std::move(rep)));
}

bool HttpTestClient::CanConnect(uint16_t port) {
  net::io_context ioc;
  tcp::socket socket(ioc);
  beast::error_code ec;
  socket.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port), ec);
  return !ec;
}

bool HttpTestClient::SendRaw(std::string_view bytes) {
  Rep& r = *rep_;
  return !r.Run([&](auto handler) {
    net::async_write(r.stream, net::buffer(bytes.data(), bytes.size()),
                     handler);
  });
}

bool HttpTestClient::Send(
    std::string_view method, std::string_view target, std::string_view body,
    const std::vector<std::pair<std::string, std::string>>& headers) {
  http::request<http::string_body> req;
  req.method_string(method);
  req.target(target);
  req.version(11);
  req.set(http::field::host, "127.0.0.1");
  for (const auto& [name, value] : headers) req.set(name, value);
  req.body() = std::string(body);
  req.prepare_payload();
  Rep& r = *rep_;
  return !r.Run(
      [&](auto handler) { http::async_write(r.stream, req, handler); });
}

std::optional<ClientResponse> HttpTestClient::Read() {
  Rep& r = *rep_;
  http::response_parser<http::string_body> parser;
  parser.body_limit(64 << 20);
  if (r.Run([&](auto handler) {
        http::async_read(r.stream, r.buffer, parser, handler);
      })) {
    return std::nullopt;
  }
  const http::response<http::string_body>& res = parser.get();
  ClientResponse out;
  out.status = static_cast<int>(res.result_int());
  for (const auto& field : res) {
    out.headers.emplace_back(std::string(field.name_string()),
                             std::string(field.value()));
  }
  out.body = res.body();
  out.keep_alive = res.keep_alive();
  return out;
}

bool HttpTestClient::WaitClosed(std::chrono::milliseconds timeout) {
  Rep& r = *rep_;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  std::array<char, 4096> scratch;
  for (;;) {
    beast::error_code result;
    r.stream.expires_at(deadline);
    r.stream.async_read_some(
        net::buffer(scratch),
        [&result](beast::error_code ec, size_t) { result = ec; });
    r.ioc.restart();
    r.ioc.run();
    if (result == beast::error::timeout) return false;
    if (result) return true;  // eof, reset: closed
  }
}

}  // namespace creditnode::api::testing
