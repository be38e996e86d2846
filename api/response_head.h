// AppendResponseHead: the status line and header fields of an HTTP/1.x
// response as sent on the wire (RFC 9112 §4, §6.3, §9.3; RFC 9110 §15),
// ending with the empty line. HttpSession writes this and the body as two
// buffers of one write: Beast's serializer walked a variant of buffer
// sequences and built a field list per response, ~5% of a lookup
// (docs/PERFORMANCE.md). Pure function; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace creditnode::api {

struct ResponseHead {
  int status = 200;       // 100..599
  unsigned version = 11;  // 10 (HTTP/1.0) or 11 (HTTP/1.1)
  // Whether the connection stays open after this response. Written as
  // "Connection: close" when false, and as "Connection: keep-alive" for an
  // HTTP/1.0 client when true (1.0 closes by default).
  bool keep_alive = true;
  std::string_view content_type;  // no field when empty
  // Further fields, in order. CR, LF and NUL in a name or value are
  // written as spaces: a field can never split into two (RFC 9110 §5.5).
  const std::vector<std::pair<std::string, std::string>>* fields = nullptr;
  uint64_t content_length = 0;  // of the body a GET would get, also for HEAD
};

// Appends the head to `out`. A 1xx response is the status line alone (it
// is interim and carries no fields, RFC 9110 §15.2); 204 and 304 carry no
// Content-Length (RFC 9110 §8.6).
void AppendResponseHead(const ResponseHead& head, std::string* out);

}  // namespace creditnode::api
