// HTTP integration tests for api/server.h: the real Server on 127.0.0.1
// port 0 over the real Router, FeedStore and FeedWriter, driven by a Beast
// client. Covers keep-alive and pipelining, the blocking publish path,
// body and header limits, malformed requests, 100 Continue, the read
// timeout, graceful Stop (in-flight response delivered, idle connections
// closed, stragglers force-closed after the grace period) and /metrics.
#include "api/server.h"

#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <memory>
#include <string>
#include <thread>

#include "tests/api/api_fixture.h"
#include "tests/api/http_test_client.h"
#include "util/metrics.h"

namespace creditnode::api {
namespace {

using ledger::testing::DishonestyJson;
using ledger::testing::TestUscc;
using testing::ApiFixture;
using testing::Bearer;
using testing::ClientResponse;
using testing::HttpTestClient;
using testing::kPublisherToken;
using namespace std::chrono_literals;

class ServerTest : public ApiFixture {
 protected:
  void TearDown() override {
    if (server_) server_->Stop(0ms);
  }

  void StartServer(ServerOptions options = {}) {
    options.host = "127.0.0.1";
    options.port = 0;
    options.log = [](std::string_view line) { ADD_FAILURE() << line; };
    server_ = std::make_unique<Server>(router_.get(), std::move(options));
    StatusOr<uint16_t> port = server_->Start();
    CN_API_ASSERT_OK(port);
    port_ = *port;
    ASSERT_NE(port_, 0);
  }

  std::unique_ptr<HttpTestClient> Connect() {
    return HttpTestClient::Connect(port_);
  }

  static std::vector<std::pair<std::string, std::string>> PublishHeaders() {
    return {{"Authorization", Bearer(kPublisherToken)},
            {"Content-Type", "application/json"}};
  }

  // The head of a POST /v1/entries with `length` body bytes to come,
  // asking for 100 Continue.
  static std::string PublishHeadExpectingContinue(size_t length) {
    return "POST /v1/entries HTTP/1.1\r\nHost: 127.0.0.1\r\n"
           "Authorization: Bearer " +
           std::string(kPublisherToken) +
           "\r\nContent-Type: application/json\r\nExpect: 100-continue\r\n"
           "Content-Length: " +
           std::to_string(length) + "\r\n\r\n";
  }

  static std::string ErrorCode(const ClientResponse& r) {
    nlohmann::json j = nlohmann::json::parse(r.body, nullptr, false);
    if (!j.is_object() || !j.contains("error")) return "";
    return j["error"].value("code", "");
  }

  std::unique_ptr<Server> server_;
  uint16_t port_ = 0;
};

TEST_F(ServerTest, ASubjectTooBigForAnIoThreadIsAnsweredFromTheBlockingPool) {
  for (int i = 0; i < 3; ++i) {
    MustPublish(DishonestyJson(TestUscc(1), "D" + std::to_string(i)));
  }
  RouterDeps deps = Deps();
  deps.inline_match_limit = 2;
  router_ = std::make_unique<Router>(deps);
  StartServer();
  auto c = Connect();
  ASSERT_TRUE(c);
  ASSERT_TRUE(c->Send("GET", "/v1/subjects/" + TestUscc(1)));
  std::optional<ClientResponse> big = c->Read();
  ASSERT_TRUE(big.has_value());
  EXPECT_EQ(big->status, 200);
  nlohmann::json j = nlohmann::json::parse(big->body, nullptr, false);
  ASSERT_TRUE(j.is_object()) << big->body;
  EXPECT_EQ(j["entries"].size(), 3u);
  // The connection goes on as usual.
  ASSERT_TRUE(c->Send("GET", "/v1/health"));
  std::optional<ClientResponse> next = c->Read();
  ASSERT_TRUE(next.has_value());
  EXPECT_EQ(next->status, 200);
}

TEST_F(ServerTest, StartReturnsTheBoundEphemeralPort) {
  StartServer();
  EXPECT_TRUE(HttpTestClient::CanConnect(port_));
}

TEST_F(ServerTest, KeepAliveServesTwoRequestsOnOneConnection) {
  StartServer();
  auto c = Connect();
  ASSERT_TRUE(c);
  ASSERT_TRUE(c->Send("GET", "/v1/health"));
  std::optional<ClientResponse> first = c->Read();
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(first->status, 200);
  EXPECT_TRUE(first->keep_alive);
  EXPECT_EQ(first->Header("Content-Type"), "application/json; charset=utf-8");
  ASSERT_TRUE(c->Send("GET", "/v1/subjects/" + TestUscc(1)));
  std::optional<ClientResponse> second = c->Read();
  ASSERT_TRUE(second.has_value());
  EXPECT_EQ(second->status, 200);
  EXPECT_NE(second->body.find("\"view\":\"public\""), std::string::npos);
}

TEST_F(ServerTest, PipelinedRequestsAreAnsweredInOrder) {
  StartServer();
  auto c = Connect();
  ASSERT_TRUE(c);
  ASSERT_TRUE(
      c->SendRaw("GET /v1/health HTTP/1.1\r\nHost: a\r\n\r\n"
                 "GET /nowhere HTTP/1.1\r\nHost: a\r\n\r\n"
                 "GET /metrics HTTP/1.1\r\nHost: a\r\n\r\n"));
  std::optional<ClientResponse> a = c->Read();
  std::optional<ClientResponse> b = c->Read();
  std::optional<ClientResponse> m = c->Read();
  ASSERT_TRUE(a && b && m);
  EXPECT_EQ(a->status, 200);
  EXPECT_EQ(b->status, 404);
  EXPECT_EQ(m->status, 200);
  EXPECT_EQ(m->Header("Content-Type"),
            "text/plain; version=0.0.4; charset=utf-8");
}

TEST_F(ServerTest, PublishRunsOverHttpAndTheEntryCanBeReadBack) {
  StartServer();
  auto c = Connect();
  ASSERT_TRUE(c);
  ASSERT_TRUE(c->Send("POST", "/v1/entries",
                      DishonestyJson(TestUscc(1), "D1").dump(),
                      PublishHeaders()));
  std::optional<ClientResponse> r = c->Read();
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->status, 201) << r->body;
  EXPECT_EQ(r->Header("Location"), "/v1/entries/wuhan.gov.example%2Fmarket/0");
  ASSERT_TRUE(c->Send("GET", r->Header("Location"), {},
                      {{"Authorization", Bearer(kPublisherToken)}}));
  std::optional<ClientResponse> g = c->Read();
  ASSERT_TRUE(g.has_value());
  EXPECT_EQ(g->status, 200) << g->body;
  EXPECT_EQ(FeedSize(), 1u);
}

TEST_F(ServerTest, BatchPublishOverHttpIsAllOrNothing) {
  StartServer();
  auto c = Connect();
  ASSERT_TRUE(c);
  nlohmann::json good = {
      {"entries",
       {DishonestyJson(TestUscc(1), "D1"), DishonestyJson(TestUscc(2), "D2")}}};
  ASSERT_TRUE(
      c->Send("POST", "/v1/entries/batch", good.dump(), PublishHeaders()));
  std::optional<ClientResponse> r = c->Read();
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->status, 201) << r->body;
  nlohmann::json j = nlohmann::json::parse(r->body, nullptr, false);
  ASSERT_TRUE(j.is_object()) << r->body;
  EXPECT_EQ(j["entries"].size(), 2u);

  nlohmann::json bad = DishonestyJson(TestUscc(4), "D4");
  bad.erase("legal_basis");
  nlohmann::json mixed = {
      {"entries", {DishonestyJson(TestUscc(3), "D3"), bad}}};
  ASSERT_TRUE(
      c->Send("POST", "/v1/entries/batch", mixed.dump(), PublishHeaders()));
  std::optional<ClientResponse> e = c->Read();
  ASSERT_TRUE(e.has_value());
  EXPECT_EQ(e->status, 400);
  EXPECT_EQ(ErrorCode(*e), "INVALID_ARGUMENT");
  EXPECT_NE(e->body.find("entries[1]: legal_basis"), std::string::npos)
      << e->body;
  EXPECT_TRUE(e->keep_alive);
  EXPECT_EQ(FeedSize(), 2u);
}

TEST_F(ServerTest, AuthErrorsOverHttpAreJsonAndKeepTheConnection) {
  StartServer();
  auto c = Connect();
  ASSERT_TRUE(c);
  const std::string draft = DishonestyJson(TestUscc(1), "D1").dump();
  ASSERT_TRUE(c->Send("POST", "/v1/entries", draft,
                      {{"Content-Type", "application/json"}}));
  std::optional<ClientResponse> none = c->Read();
  ASSERT_TRUE(none.has_value());
  EXPECT_EQ(none->status, 401);
  EXPECT_EQ(ErrorCode(*none), "UNAUTHENTICATED");
  EXPECT_EQ(none->Header("WWW-Authenticate"), "Bearer");
  EXPECT_TRUE(none->keep_alive);

  ASSERT_TRUE(c->Send("POST", "/v1/entries", draft,
                      {{"Authorization", Bearer(testing::kAuditorToken)},
                       {"Content-Type", "application/json"}}));
  std::optional<ClientResponse> auditor = c->Read();
  ASSERT_TRUE(auditor.has_value());
  EXPECT_EQ(auditor->status, 403);
  EXPECT_EQ(ErrorCode(*auditor), "PERMISSION_DENIED");

  ASSERT_TRUE(c->Send("GET", "/v1/entries/wuhan.gov.example%2Fmarket/0", {},
                      {{"Authorization", Bearer(testing::kUnknownToken)}}));
  std::optional<ClientResponse> wrong = c->Read();
  ASSERT_TRUE(wrong.has_value());
  EXPECT_EQ(wrong->status, 401);
  EXPECT_EQ(ErrorCode(*wrong), "UNAUTHENTICATED");
  EXPECT_EQ(FeedSize(), 0u);
}

TEST_F(ServerTest, UnknownRouteAndWrongMethodOverHttpAreJson) {
  StartServer();
  auto c = Connect();
  ASSERT_TRUE(c);
  ASSERT_TRUE(c->Send("GET", "/v2/nothing"));
  std::optional<ClientResponse> missing = c->Read();
  ASSERT_TRUE(missing.has_value());
  EXPECT_EQ(missing->status, 404);
  EXPECT_EQ(ErrorCode(*missing), "NOT_FOUND");
  EXPECT_EQ(missing->Header("Content-Type"), "application/json; charset=utf-8");
  ASSERT_TRUE(c->Send("DELETE", "/v1/health"));
  std::optional<ClientResponse> method = c->Read();
  ASSERT_TRUE(method.has_value());
  EXPECT_EQ(method->status, 405);
  EXPECT_EQ(ErrorCode(*method), "INVALID_ARGUMENT");
  EXPECT_EQ(method->Header("Allow"), "GET");
}

TEST_F(ServerTest, InvalidSubjectIdOverHttpIs400Json) {
  StartServer();
  auto c = Connect();
  ASSERT_TRUE(c);
  ASSERT_TRUE(c->Send("GET", "/v1/subjects/12345"));
  std::optional<ClientResponse> r = c->Read();
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->status, 400);
  EXPECT_EQ(ErrorCode(*r), "INVALID_ARGUMENT");
  EXPECT_NE(r->body.find("id: "), std::string::npos) << r->body;
  EXPECT_TRUE(r->keep_alive);
}

TEST_F(ServerTest, ConnectionCloseRequestIsHonoured) {
  StartServer();
  auto c = Connect();
  ASSERT_TRUE(c);
  ASSERT_TRUE(c->Send("GET", "/v1/health", {}, {{"Connection", "close"}}));
  std::optional<ClientResponse> r = c->Read();
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->status, 200);
  EXPECT_FALSE(r->keep_alive);
  EXPECT_TRUE(c->WaitClosed(5s));
}

TEST_F(ServerTest, OversizedBodyGets413AndTheConnectionIsClosed) {
  StartServer();
  auto c = Connect();
  ASSERT_TRUE(c);
  const std::string body(70000, ' ');
  ASSERT_TRUE(c->Send("POST", "/v1/entries", body, PublishHeaders()));
  std::optional<ClientResponse> r = c->Read();
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->status, 413);
  EXPECT_EQ(ErrorCode(*r), "RESOURCE_EXHAUSTED");
  EXPECT_NE(r->body.find("65536-byte limit"), std::string::npos) << r->body;
  EXPECT_FALSE(r->keep_alive);
  EXPECT_TRUE(c->WaitClosed(5s));
  EXPECT_EQ(FeedSize(), 0u);
}

TEST_F(ServerTest, OversizedChunkedBodyGets413) {
  StartServer();
  auto c = Connect();
  ASSERT_TRUE(c);
  std::string req =
      "POST /v1/entries HTTP/1.1\r\nHost: a\r\nAuthorization: Bearer " +
      std::string(kPublisherToken) +
      "\r\nContent-Type: application/json\r\nTransfer-Encoding: "
      "chunked\r\n\r\n";
  req += "10000\r\n" + std::string(0x10000, ' ') + "\r\n";
  req += "10\r\n" + std::string(0x10, ' ') + "\r\n0\r\n\r\n";
  ASSERT_TRUE(c->SendRaw(req));
  std::optional<ClientResponse> r = c->Read();
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->status, 413);
  EXPECT_TRUE(c->WaitClosed(5s));
  EXPECT_EQ(FeedSize(), 0u);
}

TEST_F(ServerTest, ContentLengthOverEveryLimitGets413NamingTheRouteLimit) {
  StartServer();
  auto c = Connect();
  ASSERT_TRUE(c);
  // Over the batch limit too, so Beast refuses it while reading the
  // header; the message still names the single-entry route's limit.
  ASSERT_TRUE(c->SendRaw(
      "POST /v1/entries HTTP/1.1\r\nHost: a\r\nContent-Length: 17000000"
      "\r\nContent-Type: application/json\r\n\r\n"));
  std::optional<ClientResponse> r = c->Read();
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->status, 413);
  EXPECT_EQ(ErrorCode(*r), "RESOURCE_EXHAUSTED");
  EXPECT_NE(r->body.find("65536-byte limit"), std::string::npos) << r->body;
  EXPECT_TRUE(c->WaitClosed(5s));
}

TEST_F(ServerTest, BodyLimitIsPerRoute) {
  StartServer();
  auto c = Connect();
  ASSERT_TRUE(c);
  // 70,000 bytes is over the single-entry limit but fine for a batch, so
  // the batch route parses it (and finds no "entries").
  const std::string body = std::string(70000, ' ') + "{}";
  ASSERT_TRUE(c->Send("POST", "/v1/entries/batch", body, PublishHeaders()));
  std::optional<ClientResponse> r = c->Read();
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->status, 400) << r->body;
  EXPECT_NE(r->body.find("entries: required"), std::string::npos);
  EXPECT_TRUE(r->keep_alive);
}

TEST_F(ServerTest, BodyOnAGetOverTheSmallLimitGets413) {
  StartServer();
  auto c = Connect();
  ASSERT_TRUE(c);
  ASSERT_TRUE(c->Send("GET", "/v1/health", std::string(5000, 'x')));
  std::optional<ClientResponse> r = c->Read();
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->status, 413);
}

TEST_F(ServerTest, OversizedHeaderGets431AndTheConnectionIsClosed) {
  StartServer();
  auto c = Connect();
  ASSERT_TRUE(c);
  ASSERT_TRUE(
      c->Send("GET", "/v1/health", {}, {{"X-Pad", std::string(9000, 'a')}}));
  std::optional<ClientResponse> r = c->Read();
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->status, 431);
  EXPECT_EQ(ErrorCode(*r), "RESOURCE_EXHAUSTED");
  EXPECT_FALSE(r->keep_alive);
  EXPECT_TRUE(c->WaitClosed(5s));
}

TEST_F(ServerTest, MalformedRequestLineGets400AndTheConnectionIsClosed) {
  StartServer();
  for (const char* raw : {"GARBAGE\r\n\r\n", "GET /v1/health HTTP/9.x\r\n\r\n",
                          "GET  /v1/health HTTP/1.1\r\nHost: a\r\n\r\n"}) {
    auto c = Connect();
    ASSERT_TRUE(c);
    ASSERT_TRUE(c->SendRaw(raw));
    std::optional<ClientResponse> r = c->Read();
    ASSERT_TRUE(r.has_value()) << raw;
    EXPECT_EQ(r->status, 400) << raw;
    EXPECT_EQ(ErrorCode(*r), "INVALID_ARGUMENT");
    EXPECT_NE(r->body.find("request: malformed HTTP"), std::string::npos);
    EXPECT_FALSE(r->keep_alive);
    EXPECT_TRUE(c->WaitClosed(5s)) << raw;
  }
}

TEST_F(ServerTest, ExpectContinueGets100BeforeTheBodyIsSent) {
  StartServer();
  auto c = Connect();
  ASSERT_TRUE(c);
  const std::string body = DishonestyJson(TestUscc(1), "D1").dump();
  ASSERT_TRUE(c->SendRaw(PublishHeadExpectingContinue(body.size())));
  std::optional<ClientResponse> interim = c->Read();
  ASSERT_TRUE(interim.has_value());
  EXPECT_EQ(interim->status, 100);
  ASSERT_TRUE(c->SendRaw(body));
  std::optional<ClientResponse> r = c->Read();
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->status, 201) << r->body;
}

TEST_F(ServerTest, ExpectContinueWithTooLargeBodyGets413WithoutWaiting) {
  StartServer();
  auto c = Connect();
  ASSERT_TRUE(c);
  ASSERT_TRUE(c->SendRaw(PublishHeadExpectingContinue(1 << 20)));
  std::optional<ClientResponse> r = c->Read();
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->status, 413);
}

TEST_F(ServerTest, SlowClientIsDisconnectedAfterTheReadTimeout) {
  ServerOptions options;
  options.read_timeout = 300ms;
  StartServer(options);
  auto slow = Connect();
  ASSERT_TRUE(slow);
  ASSERT_TRUE(slow->SendRaw("GET /v1/health HTTP/1.1\r\nHo"));
  EXPECT_TRUE(slow->WaitClosed(5s));
  // An idle keep-alive connection gets the same deadline.
  auto idle = Connect();
  ASSERT_TRUE(idle);
  EXPECT_TRUE(idle->WaitClosed(5s));
}

TEST_F(ServerTest, StopDeliversTheResponseOfAnInFlightRequest) {
  StartServer();
  auto c = Connect();
  ASSERT_TRUE(c);
  const std::string body = DishonestyJson(TestUscc(1), "D1").dump();
  ASSERT_TRUE(c->SendRaw(PublishHeadExpectingContinue(body.size())));
  // The 100 proves the server is now reading this request's body.
  std::optional<ClientResponse> interim = c->Read();
  ASSERT_TRUE(interim.has_value());
  ASSERT_EQ(interim->status, 100);

  std::future<void> stopped =
      std::async(std::launch::async, [this] { server_->Stop(30s); });
  // Stop has begun once new connections are refused.
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  while (HttpTestClient::CanConnect(port_) &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(10ms);
  }
  ASSERT_FALSE(HttpTestClient::CanConnect(port_));
  EXPECT_EQ(stopped.wait_for(0ms), std::future_status::timeout);

  ASSERT_TRUE(c->SendRaw(body));
  std::optional<ClientResponse> r = c->Read();
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->status, 201) << r->body;
  EXPECT_TRUE(c->WaitClosed(5s));
  // Well before the 30 s grace period: nothing else was owed.
  EXPECT_EQ(stopped.wait_for(20s), std::future_status::ready);
  EXPECT_EQ(FeedSize(), 1u);
}

TEST_F(ServerTest, StopClosesIdleKeepAliveConnectionsWithoutWaitingForGrace) {
  StartServer();
  auto c = Connect();
  ASSERT_TRUE(c);
  ASSERT_TRUE(c->Send("GET", "/v1/health"));
  ASSERT_TRUE(c->Read().has_value());
  const auto start = std::chrono::steady_clock::now();
  server_->Stop(60s);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 30s);
  EXPECT_TRUE(c->WaitClosed(5s));
}

TEST_F(ServerTest, StopForceClosesARequestStillIncompleteAfterGrace) {
  StartServer();
  auto c = Connect();
  ASSERT_TRUE(c);
  ASSERT_TRUE(c->SendRaw(PublishHeadExpectingContinue(100)));
  std::optional<ClientResponse> interim = c->Read();
  ASSERT_TRUE(interim.has_value());
  ASSERT_EQ(interim->status, 100);
  server_->Stop(200ms);  // the body never comes
  EXPECT_TRUE(c->WaitClosed(5s));
  EXPECT_FALSE(HttpTestClient::CanConnect(port_));
  EXPECT_EQ(FeedSize(), 0u);
}

TEST_F(ServerTest, MetricsOverHttpCountRequestsAndErrors) {
  StartServer();
  const uint64_t requests = Metrics::Global().Get(Counter::kHttpRequests);
  const uint64_t client_errors =
      Metrics::Global().Get(Counter::kHttpClientErrors);
  auto c = Connect();
  ASSERT_TRUE(c);
  ASSERT_TRUE(c->Send("GET", "/nowhere"));
  ASSERT_TRUE(c->Read().has_value());
  ASSERT_TRUE(c->Send("GET", "/metrics"));
  std::optional<ClientResponse> m = c->Read();
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->status, 200);
  for (const char* name :
       {"creditnode_http_requests_total", "creditnode_http_client_errors_total",
        "creditnode_http_server_errors_total",
        "creditnode_http_latency_microseconds"}) {
    EXPECT_NE(m->body.find(name), std::string::npos) << name;
  }
  EXPECT_GE(Metrics::Global().Get(Counter::kHttpRequests), requests + 2);
  EXPECT_GE(Metrics::Global().Get(Counter::kHttpClientErrors),
            client_errors + 1);
}

TEST_F(ServerTest, StartFailsOnAPortInUse) {
  StartServer();
  ServerOptions options;
  options.port = port_;
  Server second(router_.get(), options);
  StatusOr<uint16_t> r = second.Start();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kUnavailable);
  EXPECT_NE(r.status().message().find("bind"), std::string::npos);
}

TEST_F(ServerTest, StartRejectsBadOptionsAndASecondStart) {
  ServerOptions bad_host;
  bad_host.host = "localhost";
  EXPECT_EQ(Server(router_.get(), bad_host).Start().status().code(),
            StatusCode::kInvalidArgument);
  ServerOptions no_threads;
  no_threads.threads = 0;
  EXPECT_EQ(Server(router_.get(), no_threads).Start().status().code(),
            StatusCode::kInvalidArgument);
  StartServer();
  EXPECT_EQ(server_->Start().status().code(), StatusCode::kFailedPrecondition);
}

}  // namespace
}  // namespace creditnode::api
