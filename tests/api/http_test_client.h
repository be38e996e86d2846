// A small HTTP/1.1 test client over loopback (Beast, async with a deadline
// on every operation so a misbehaving server fails a test instead of
// hanging it). Beast stays inside http_test_client.cc. Not thread-safe: one
// client per thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace creditnode::api::testing {

struct ClientResponse {
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  bool keep_alive = true;  // false if the server said Connection: close

  // The value of header `name` (case-insensitive), or "" if absent.
  std::string Header(std::string_view name) const;
};

class HttpTestClient {
 public:
  // Deadline of every read and write. Default: 10 s
  static constexpr std::chrono::seconds kDeadline{10};

  // Connects to 127.0.0.1:`port`; nullptr (and a test failure) if it
  // cannot.
  static std::unique_ptr<HttpTestClient> Connect(uint16_t port);
  // True if a TCP connection to 127.0.0.1:`port` can be opened now.
  static bool CanConnect(uint16_t port);
  ~HttpTestClient();

  // Writes raw bytes; false on error.
  bool SendRaw(std::string_view bytes);
  // Writes one request. `headers` are added as given; Content-Length is
  // set from the body; Host is set.
  bool Send(
      std::string_view method, std::string_view target,
      std::string_view body = {},
      const std::vector<std::pair<std::string, std::string>>& headers = {});
  // Reads one response (a 1xx interim response counts as one); nullopt on
  // error, end of stream or deadline.
  std::optional<ClientResponse> Read();
  // True if the server closes the connection (end of stream or reset)
  // within `timeout`; bytes it sends meanwhile are dropped.
  bool WaitClosed(std::chrono::milliseconds timeout);

 private:
  struct Rep;
  explicit HttpTestClient(std::unique_ptr<Rep> rep);
  std::unique_ptr<Rep> rep_;
};

}  // namespace creditnode::api::testing
