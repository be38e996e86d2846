// HttpClient: a tiny blocking HTTP/1.1 client over POSIX sockets for the
// integration tests, which talk to a real `creditnode` process on loopback.
// One TCP connection per request ("Connection: close"), so a node killed
// mid-request shows up as a transport error of exactly that request. A
// response counts only when complete (status line, headers, and the whole
// body by Content-Length, chunked coding, or up to the server's close).
// No Boost: the test must not share the server's HTTP stack.
// Thread-safe: an HttpClient holds no connection state; each call opens its
// own socket, so one client may be used from many threads.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "util/status.h"

namespace creditnode::integration {

struct HttpResponse {
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  // The value of header `name` (case-insensitive), or "" if absent.
  std::string Header(std::string_view name) const;
};

struct HttpRequest {
  std::string method = "GET";
  std::string target = "/";
  // Sent as given, after Host and before Content-Length.
  std::vector<std::pair<std::string, std::string>> headers;
  // Sent with a Content-Length header if non-empty or method is POST.
  std::string body;
};

class HttpClient {
 public:
  // Talks to `host` (an IPv4 literal) : `port`; every connect, write and
  // read must finish within `timeout`. Default timeout: 10 s.
  HttpClient(std::string host, uint16_t port,
             std::chrono::milliseconds timeout = std::chrono::seconds(10));

  // Sends `request` on a new connection and reads one final response (1xx
  // interim responses are skipped). kUnavailable for a refused or reset
  // connection, a timeout, or a connection closed before the response was
  // complete; kDataLoss for a response that is not HTTP/1.x.
  StatusOr<HttpResponse> Send(const HttpRequest& request) const;

  // GET `target`, with "Authorization: Bearer <token>" if `token` is set.
  StatusOr<HttpResponse> Get(const std::string& target,
                             const std::string& token = "") const;
  // POST `body` as application/json, with a bearer token if set.
  StatusOr<HttpResponse> PostJson(const std::string& target,
                                  const std::string& body,
                                  const std::string& token = "") const;

  uint16_t port() const { return port_; }

 private:
  std::string host_;
  uint16_t port_;
  std::chrono::milliseconds timeout_;
};

// `text` percent-encoded as one path segment (RFC 3986 unreserved
// characters kept, everything else %XX), e.g. "a.gov/x" -> "a.gov%2Fx".
std::string EncodePathSegment(std::string_view text);

}  // namespace creditnode::integration
