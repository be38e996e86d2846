// HttpClient: a small blocking HTTP/1.1 client over one keep-alive
// connection (Boost.Beast's synchronous client example, boost-1.81.0),
// for fetching from peers and nodes: the auditor now, replication next.
// No Beast type appears here (pimpl). Plain HTTP only. Thread-compatible.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "util/status.h"

namespace creditnode::sync {

struct HttpResult {
  int status = 0;
  std::string content_type;
  std::string body;
};

class HttpClient {
 public:
  // `base_url` is "http://HOST:PORT" (a path after it is ignored).
  // kInvalidArgument if it is not of that form.
  static StatusOr<std::unique_ptr<HttpClient>> New(const std::string& base_url,
                                                   std::string bearer_token);
  ~HttpClient();

  // GET `target` (a path with query), with the bearer token if one was
  // given. Reconnects once if the kept-alive connection was closed.
  // kUnavailable if the node cannot be reached or the exchange fails or
  // times out (30 s); a body over 64 MiB is kResourceExhausted. Any HTTP
  // status is returned as a result, not an error.
  StatusOr<HttpResult> Get(const std::string& target);

 private:
  struct Rep;
  explicit HttpClient(std::unique_ptr<Rep> rep);
  std::unique_ptr<Rep> rep_;
};

}  // namespace creditnode::sync
