// HttpClient: see http_client.h. Blocking sockets with SO_RCVTIMEO and
// SO_SNDTIMEO as the per-operation deadline; send() with MSG_NOSIGNAL so a
// node that dies mid-request gives EPIPE, not a SIGPIPE that would kill
// the test.
#include "tests/integration/http_client.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <optional>

namespace creditnode::integration {
namespace {

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  }
  return true;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
    s.remove_suffix(1);
  return s;
}

Status Errno(const char* what) {
  return UnavailableError(std::string(what) + ": " + std::strerror(errno));
}

// Owns one socket; reads into a buffer that parsing consumes from.
class Connection {
 public:
  explicit Connection(int fd) : fd_(fd) {}
  ~Connection() { ::close(fd_); }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  Status WriteAll(std::string_view data) {
    while (!data.empty()) {
      ssize_t n = ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
      if (n < 0) {
        if (errno == EINTR) continue;
        return Errno("send");
      }
      data.remove_prefix(static_cast<size_t>(n));
    }
    return OkStatus();
  }

  // Appends what arrives to buffer_; false at end of stream. kUnavailable
  // on error or timeout.
  StatusOr<bool> ReadMore() {
    char chunk[16384];
    for (;;) {
      ssize_t n = ::recv(fd_, chunk, sizeof(chunk), 0);
      if (n < 0) {
        if (errno == EINTR) continue;
        if (errno == EAGAIN || errno == EWOULDBLOCK)
          return UnavailableError("recv: timed out");
        return Errno("recv");
      }
      buffer_.append(chunk, static_cast<size_t>(n));
      return n > 0;
    }
  }

  // Ensures buffer_ holds at least `n` bytes.
  Status Need(size_t n) {
    while (buffer_.size() < n) {
      StatusOr<bool> more = ReadMore();
      if (!more.ok()) return more.status();
      if (!*more) return UnavailableError("connection closed mid-response");
    }
    return OkStatus();
  }

  // Reads up to and including the next occurrence of `delim`; returns the
  // bytes before it.
  StatusOr<std::string> ReadUntil(std::string_view delim) {
    size_t searched = 0;
    for (;;) {
      size_t pos = buffer_.find(delim, searched);
      if (pos != std::string::npos) {
        std::string out = buffer_.substr(0, pos);
        buffer_.erase(0, pos + delim.size());
        return out;
      }
      searched = buffer_.size() >= delim.size()
                     ? buffer_.size() - delim.size() + 1
                     : 0;
      StatusOr<bool> more = ReadMore();
      if (!more.ok()) return more.status();
      if (!*more) return UnavailableError("connection closed mid-response");
    }
  }

  std::string Take(size_t n) {
    std::string out = buffer_.substr(0, n);
    buffer_.erase(0, n);
    return out;
  }

  StatusOr<std::string> ReadToEnd() {
    for (;;) {
      StatusOr<bool> more = ReadMore();
      if (!more.ok()) return more.status();
      if (!*more) break;
    }
    return Take(buffer_.size());
  }

 private:
  int fd_;
  std::string buffer_;
};

StatusOr<uint64_t> ParseNumber(std::string_view text, int base) {
  uint64_t value = 0;
  auto [ptr, ec] =
      std::from_chars(text.data(), text.data() + text.size(), value, base);
  if (ec != std::errc() || ptr != text.data() + text.size() || text.empty())
    return DataLossError("bad number in response: " + std::string(text));
  return value;
}

// Parses the status line and header fields of `head` into `response`.
Status ParseHead(const std::string& head, HttpResponse* response) {
  size_t line_end = head.find("\r\n");
  std::string_view status_line = std::string_view(head).substr(
      0, line_end == std::string::npos ? head.size() : line_end);
  if (status_line.size() < 12 || status_line.substr(0, 7) != "HTTP/1." ||
      status_line[8] != ' ')
    return DataLossError("not an HTTP/1.x status line: " +
                         std::string(status_line));
  CN_ASSIGN_OR_RETURN(uint64_t code, ParseNumber(status_line.substr(9, 3), 10));
  response->status = static_cast<int>(code);
  response->headers.clear();
  while (line_end != std::string::npos) {
    size_t start = line_end + 2;
    line_end = head.find("\r\n", start);
    std::string_view line = std::string_view(head).substr(
        start,
        line_end == std::string::npos ? std::string::npos : line_end - start);
    size_t colon = line.find(':');
    if (colon == std::string_view::npos)
      return DataLossError("bad header line: " + std::string(line));
    response->headers.emplace_back(std::string(Trim(line.substr(0, colon))),
                                   std::string(Trim(line.substr(colon + 1))));
  }
  return OkStatus();
}

Status ReadChunkedBody(Connection* conn, std::string* body) {
  for (;;) {
    CN_ASSIGN_OR_RETURN(std::string size_line, conn->ReadUntil("\r\n"));
    std::string_view size_text = size_line;
    size_text = Trim(size_text.substr(0, size_text.find(';')));
    CN_ASSIGN_OR_RETURN(uint64_t size, ParseNumber(size_text, 16));
    if (size == 0) {
      // Trailer fields up to the empty line.
      for (;;) {
        CN_ASSIGN_OR_RETURN(std::string trailer, conn->ReadUntil("\r\n"));
        if (trailer.empty()) return OkStatus();
      }
    }
    CN_RETURN_IF_ERROR(conn->Need(size + 2));
    body->append(conn->Take(size));
    if (conn->Take(2) != "\r\n") return DataLossError("bad chunk end");
  }
}

StatusOr<HttpResponse> ReadResponse(Connection* conn, bool head_request) {
  HttpResponse response;
  for (;;) {
    CN_ASSIGN_OR_RETURN(std::string head, conn->ReadUntil("\r\n\r\n"));
    CN_RETURN_IF_ERROR(ParseHead(head, &response));
    if (response.status >= 200 || response.status < 100) break;
  }
  if (head_request || response.status == 204 || response.status == 304)
    return response;
  if (EqualsIgnoreCase(response.Header("Transfer-Encoding"), "chunked")) {
    CN_RETURN_IF_ERROR(ReadChunkedBody(conn, &response.body));
    return response;
  }
  std::string length = response.Header("Content-Length");
  if (!length.empty()) {
    CN_ASSIGN_OR_RETURN(uint64_t n, ParseNumber(length, 10));
    CN_RETURN_IF_ERROR(conn->Need(n));
    response.body = conn->Take(n);
    return response;
  }
  CN_ASSIGN_OR_RETURN(response.body, conn->ReadToEnd());
  return response;
}

}  // namespace

std::string HttpResponse::Header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (EqualsIgnoreCase(key, name)) return value;
  }
  return "";
}

HttpClient::HttpClient(std::string host, uint16_t port,
                       std::chrono::milliseconds timeout)
    : host_(std::move(host)), port_(port), timeout_(timeout) {}

StatusOr<HttpResponse> HttpClient::Send(const HttpRequest& request) const {
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port_);
  if (::inet_pton(AF_INET, host_.c_str(), &addr.sin_addr) != 1)
    return InvalidArgumentError("not an IPv4 literal: " + host_);
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return Errno("socket");
  Connection conn(fd);
  timeval tv{};
  tv.tv_sec = static_cast<time_t>(timeout_.count() / 1000);
  tv.tv_usec = static_cast<suseconds_t>((timeout_.count() % 1000) * 1000);
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
  ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
  int one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0)
    return Errno("connect");

  std::string wire = request.method + " " + request.target + " HTTP/1.1\r\n";
  wire += "Host: " + host_ + ":" + std::to_string(port_) + "\r\n";
  for (const auto& [key, value] : request.headers)
    wire += key + ": " + value + "\r\n";
  if (!request.body.empty() || request.method == "POST")
    wire += "Content-Length: " + std::to_string(request.body.size()) + "\r\n";
  wire += "Connection: close\r\n\r\n";
  wire += request.body;
  // A server may answer early (413) and stop reading; its response is
  // still what counts, so a failed write falls through to the read.
  Status written = conn.WriteAll(wire);
  StatusOr<HttpResponse> response =
      ReadResponse(&conn, request.method == "HEAD");
  if (!response.ok() && !written.ok()) return written;
  return response;
}

StatusOr<HttpResponse> HttpClient::Get(const std::string& target,
                                       const std::string& token) const {
  HttpRequest request;
  request.target = target;
  if (!token.empty())
    request.headers.emplace_back("Authorization", "Bearer " + token);
  return Send(request);
}

StatusOr<HttpResponse> HttpClient::PostJson(const std::string& target,
                                            const std::string& body,
                                            const std::string& token) const {
  HttpRequest request;
  request.method = "POST";
  request.target = target;
  request.body = body;
  request.headers.emplace_back("Content-Type", "application/json");
  if (!token.empty())
    request.headers.emplace_back("Authorization", "Bearer " + token);
  return Send(request);
}

std::string EncodePathSegment(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char c : text) {
    unsigned char u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += c;
    } else {
      out += '%';
      out += kHex[u >> 4];
      out += kHex[u & 0xF];
    }
  }
  return out;
}

}  // namespace creditnode::integration
