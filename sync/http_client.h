// HttpClient: a small blocking HTTP/1.1 client over one keep-alive
// connection (after Boost.Beast's client examples, boost-1.81.0), for
// fetching from peers and nodes: the auditor now, replication next.
// Beast's synchronous calls ignore the stream's timeout (boostorg/beast
// #2398), so each call runs Beast's asynchronous operations on a private
// io_context until they finish or time out. No Beast type appears here
// (pimpl). Plain HTTP only (no TLS). Thread-compatible.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "util/status.h"

namespace creditnode::sync {

struct HttpClientOptions {
  // Limit on each step: connecting, sending a request, reading a response.
  // Default: 30 s
  std::chrono::milliseconds timeout{30000};
  // Largest response body accepted. Default: 64 MiB
  uint64_t body_limit = uint64_t{64} << 20;
};

struct HttpResult {
  int status = 0;
  std::string content_type;
  std::string body;
};

class HttpClient {
 public:
  // `base_url` is "http://HOST:PORT" (IPv6 hosts in brackets; a path
  // after it is ignored). kInvalidArgument if it is not of that form.
  // Connects lazily, on the first Get.
  static StatusOr<std::unique_ptr<HttpClient>> New(
      const std::string& base_url, std::string bearer_token,
      const HttpClientOptions& options = {});
  ~HttpClient();

  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // GET `target` (a path with query), with "Authorization: Bearer TOKEN"
  // if a token was given, over the kept-alive connection; reconnects once
  // if the server had closed it. Any HTTP status is a result, not an
  // error. kUnavailable if the host cannot be resolved or reached, or the
  // exchange fails or a step takes longer than options.timeout ("timed
  // out"); kResourceExhausted for a body over options.body_limit.
  StatusOr<HttpResult> Get(const std::string& target);

 private:
  struct Rep;
  explicit HttpClient(std::unique_ptr<Rep> rep);
  std::unique_ptr<Rep> rep_;
};

}  // namespace creditnode::sync
