// Tests for sync/http_client.h against a scripted HTTP server on
// 127.0.0.1 port 0 (plain POSIX sockets, one thread): the request it
// sends, keep-alive reuse, reconnecting after the server closed an idle
// connection, the timeout of a server that never answers, the body limit,
// an unreachable port and malformed URLs.
#include "sync/http_client.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace creditnode::sync {
namespace {

using namespace std::chrono_literals;

// Accepts connections one at a time; for each request (headers only: the
// client sends GETs) calls `respond`, which returns the raw response to
// write and whether to close the connection after it. An empty response
// means: answer nothing and hold the connection until the test ends.
class ScriptedServer {
 public:
  struct Reply {
    std::string raw;
    bool close = false;
  };
  using Respond = std::function<Reply(const std::string& request)>;

  explicit ScriptedServer(Respond respond) : respond_(std::move(respond)) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    EXPECT_EQ(::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)), 0);
    EXPECT_EQ(::listen(fd_, 8), 0);
    socklen_t len = sizeof(addr);
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this] { Serve(); });
  }
  ~ScriptedServer() {
    stop_ = true;
    ::shutdown(fd_, SHUT_RDWR);
    ::close(fd_);
    thread_.join();
  }

  std::string url() const {
    return "http://127.0.0.1:" + std::to_string(port_);
  }
  int connections() const { return connections_; }
  std::vector<std::string> requests() {
    std::lock_guard<std::mutex> lock(mu_);
    return requests_;
  }

 private:
  void Serve() {
    while (!stop_) {
      const int c = ::accept(fd_, nullptr, nullptr);
      if (c < 0) return;
      ++connections_;
      std::string buffer;
      char chunk[4096];
      bool open = true;
      while (open && !stop_) {
        size_t end;
        while ((end = buffer.find("\r\n\r\n")) == std::string::npos) {
          const ssize_t n = ::recv(c, chunk, sizeof(chunk), 0);
          if (n <= 0) {
            open = false;
            break;
          }
          buffer.append(chunk, static_cast<size_t>(n));
        }
        if (!open) break;
        const std::string request = buffer.substr(0, end + 4);
        buffer.erase(0, end + 4);
        {
          std::lock_guard<std::mutex> lock(mu_);
          requests_.push_back(request);
        }
        const Reply reply = respond_(request);
        if (reply.raw.empty()) {
          while (!stop_) std::this_thread::sleep_for(10ms);  // never answer
          break;
        }
        EXPECT_EQ(::send(c, reply.raw.data(), reply.raw.size(), MSG_NOSIGNAL),
                  static_cast<ssize_t>(reply.raw.size()));
        if (reply.close) open = false;
      }
      ::close(c);
    }
  }

  Respond respond_;
  int fd_ = -1;
  uint16_t port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<int> connections_{0};
  std::mutex mu_;
  std::vector<std::string> requests_;
  std::thread thread_;
};

std::string Ok(const std::string& body) {
  return "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
         "Content-Length: " +
         std::to_string(body.size()) + "\r\n\r\n" + body;
}

std::unique_ptr<HttpClient> MustClient(const std::string& url,
                                       const std::string& token,
                                       HttpClientOptions options = {}) {
  StatusOr<std::unique_ptr<HttpClient>> c =
      HttpClient::New(url, token, options);
  EXPECT_TRUE(c.ok()) << c.status().ToString();
  return c.ok() ? *std::move(c) : nullptr;
}

TEST(HttpClientTest, GetSendsTheTargetHostAndBearerTokenAndReturnsTheAnswer) {
  ScriptedServer server([](const std::string&) {
    return ScriptedServer::Reply{Ok("{\"a\":1}")};
  });
  auto client = MustClient(server.url(), "tok-123");
  StatusOr<HttpResult> r = client->Get("/v1/feeds?x=1");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->content_type, "application/json");
  EXPECT_EQ(r->body, "{\"a\":1}");
  ASSERT_EQ(server.requests().size(), 1u);
  const std::string req = server.requests()[0];
  EXPECT_EQ(req.rfind("GET /v1/feeds?x=1 HTTP/1.1\r\n", 0), 0u) << req;
  EXPECT_NE(req.find("Authorization: Bearer tok-123\r\n"), std::string::npos);
}

TEST(HttpClientTest, WithoutATokenNoAuthorizationIsSent) {
  ScriptedServer server(
      [](const std::string&) { return ScriptedServer::Reply{Ok("{}")}; });
  auto client = MustClient(server.url(), "");
  ASSERT_TRUE(client->Get("/").ok());
  EXPECT_EQ(server.requests()[0].find("Authorization"), std::string::npos);
}

TEST(HttpClientTest, HttpErrorStatusIsAResultNotAnError) {
  ScriptedServer server([](const std::string&) {
    return ScriptedServer::Reply{
        "HTTP/1.1 401 Unauthorized\r\nContent-Length: 2\r\n\r\nno"};
  });
  auto client = MustClient(server.url(), "");
  StatusOr<HttpResult> r = client->Get("/x");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->status, 401);
  EXPECT_EQ(r->body, "no");
}

TEST(HttpClientTest, ConsecutiveRequestsShareOneKeptAliveConnection) {
  ScriptedServer server(
      [](const std::string&) { return ScriptedServer::Reply{Ok("{}")}; });
  auto client = MustClient(server.url(), "");
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(client->Get("/").ok());
  EXPECT_EQ(server.connections(), 1);
}

TEST(HttpClientTest, ConnectionClosedByTheServerIsReopenedForTheNextGet) {
  // Each answer says keep-alive but the server closes right after it, as
  // a server does when its idle timeout fires between two requests.
  ScriptedServer server([](const std::string&) {
    return ScriptedServer::Reply{Ok("{}"), /*close=*/true};
  });
  auto client = MustClient(server.url(), "");
  ASSERT_TRUE(client->Get("/1").ok());
  StatusOr<HttpResult> second = client->Get("/2");
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_EQ(server.connections(), 2);
}

TEST(HttpClientTest, ServerThatNeverAnswersTimesOut) {
  ScriptedServer server(
      [](const std::string&) { return ScriptedServer::Reply{}; });
  HttpClientOptions options;
  options.timeout = 300ms;
  auto client = MustClient(server.url(), "", options);
  const auto start = std::chrono::steady_clock::now();
  StatusOr<HttpResult> r = client->Get("/slow");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kUnavailable);
  EXPECT_EQ(r.status().message(), "GET /slow: timed out after 300 ms");
  // Not retried: one timeout, not two.
  EXPECT_LT(std::chrono::steady_clock::now() - start, 5s);
}

TEST(HttpClientTest, BodyOverTheLimitIsResourceExhausted) {
  ScriptedServer server([](const std::string&) {
    return ScriptedServer::Reply{Ok(std::string(2000, 'x'))};
  });
  HttpClientOptions options;
  options.body_limit = 1000;
  auto client = MustClient(server.url(), "", options);
  StatusOr<HttpResult> r = client->Get("/big");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kResourceExhausted);
  EXPECT_EQ(r.status().message(), "GET /big: response body over 1000 bytes");
}

TEST(HttpClientTest, NothingListeningIsUnavailable) {
  // Bind a port, then close it: nothing listens there any more.
  uint16_t port;
  {
    ScriptedServer server(
        [](const std::string&) { return ScriptedServer::Reply{Ok("")}; });
    port = static_cast<uint16_t>(std::stoi(server.url().substr(17)));
  }
  auto client = MustClient("http://127.0.0.1:" + std::to_string(port), "");
  StatusOr<HttpResult> r = client->Get("/");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kUnavailable);
  EXPECT_EQ(r.status().message().rfind("connect to 127.0.0.1:", 0), 0u)
      << r.status().message();
}

TEST(HttpClientTest, UrlsThatAreNotHttpHostPortAreRejected) {
  for (const char* url : {"https://a:1", "127.0.0.1:8080", "http://host",
                          "http://:80", "http://h:", "http://h:8x"}) {
    StatusOr<std::unique_ptr<HttpClient>> c = HttpClient::New(url, "");
    ASSERT_FALSE(c.ok()) << url;
    EXPECT_EQ(c.status().code(), StatusCode::kInvalidArgument) << url;
    EXPECT_EQ(c.status().message().rfind("url: ", 0), 0u) << url;
  }
  EXPECT_TRUE(HttpClient::New("http://[::1]:8080/ignored", "").ok());
}

}  // namespace
}  // namespace creditnode::sync
