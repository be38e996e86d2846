// Request and Response: the HTTP messages as the Router sees them, plain
// structs with no Beast types (style R10: the router never sees a socket or
// a Beast message; http_session.cc converts). Value types; thread-compatible.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace creditnode::api {

struct Request {
  std::string method;         // as sent, e.g. "GET", "POST"
  std::string target;         // request-target, e.g. "/v1/subjects/X?as_of=..."
  std::string authorization;  // Authorization header; empty if absent
  std::string content_type;   // Content-Type header; empty if absent
  std::string body;
  // Set by the server when the request runs on its blocking pool rather
  // than an I/O thread: a handler may then take long.
  bool on_blocking_pool = false;
};

inline constexpr std::string_view kJsonContentType =
    "application/json; charset=utf-8";
inline constexpr std::string_view kPrometheusContentType =
    "text/plain; version=0.0.4; charset=utf-8";

struct Response {
  int status = 200;
  std::string content_type = std::string(kJsonContentType);
  std::string body;
  // Further header fields (Allow, Location, WWW-Authenticate), in order.
  std::vector<std::pair<std::string, std::string>> headers;
  // Set by a handler called on an I/O thread that found the request too
  // costly to finish there: the server runs it again on its blocking pool
  // (with Request::on_blocking_pool set) and sends that response instead.
  bool retry_on_blocking_pool = false;

  // The value of header `name` (exact case as added), or "" if absent.
  std::string_view Header(std::string_view name) const {
    for (const auto& [key, value] : headers) {
      if (key == name) return value;
    }
    return {};
  }
};

}  // namespace creditnode::api
