// AppendResponseHead (api/response_head.h). The reason phrase is Beast's
// table (http::obsolete_reason); clients ignore it (RFC 9112 §4).
#include "api/response_head.h"

// <ostream> first: Boost 1.81's string_view.hpp, which status.hpp pulls
// in, uses std::ostream without including it.
#include <ostream>
// clang-format off
#include <boost/beast/http/status.hpp>
// clang-format on
#include <charconv>

namespace creditnode::api {
namespace {

void AppendNumber(uint64_t n, std::string* out) {
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof(buf), n);
  out->append(buf, end);
}

// `text` with CR, LF and NUL replaced by spaces.
void AppendFieldText(std::string_view text, std::string* out) {
  for (char c : text) {
    *out += (c == '\r' || c == '\n' || c == '\0') ? ' ' : c;
  }
}

}  // namespace

void AppendResponseHead(const ResponseHead& head, std::string* out) {
  *out += head.version == 10 ? "HTTP/1.0 " : "HTTP/1.1 ";
  AppendNumber(static_cast<uint64_t>(head.status), out);
  *out += ' ';
  const boost::beast::string_view reason = boost::beast::http::obsolete_reason(
      static_cast<boost::beast::http::status>(head.status));
  out->append(reason.data(), reason.size());
  *out += "\r\n";
  if (head.status < 200) {
    *out += "\r\n";
    return;
  }
  *out += "Server: creditnode\r\n";
  if (!head.content_type.empty()) {
    *out += "Content-Type: ";
    AppendFieldText(head.content_type, out);
    *out += "\r\n";
  }
  if (head.fields != nullptr) {
    for (const auto& [name, value] : *head.fields) {
      AppendFieldText(name, out);
      *out += ": ";
      AppendFieldText(value, out);
      *out += "\r\n";
    }
  }
  if (head.status != 204 && head.status != 304) {
    *out += "Content-Length: ";
    AppendNumber(head.content_length, out);
    *out += "\r\n";
  }
  if (!head.keep_alive) {
    *out += "Connection: close\r\n";
  } else if (head.version == 10) {
    *out += "Connection: keep-alive\r\n";
  }
  *out += "\r\n";
}

}  // namespace creditnode::api
