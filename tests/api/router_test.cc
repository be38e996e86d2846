// Tests for api/router.h: routing (404, 405 + Allow), query checks, the
// health and metrics routes, Classify/Routes, and that nothing throws out
// of Handle(). The entry and subject routes have their own suites.
#include "api/router.h"

#include <gtest/gtest.h>

#include <set>
#include <stdexcept>

#include "tests/api/api_fixture.h"
#include "util/metrics.h"

namespace creditnode::api {
namespace {

using testing::ApiFixture;

class RouterTest : public ApiFixture {};

TEST_F(RouterTest, HealthReportsOwnOriginSizeAndFeedCount) {
  Response r = Handle(Get("/v1/health"));
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "application/json; charset=utf-8");
  EXPECT_EQ(Body(r), nlohmann::json({{"status", "ok"},
                                     {"origin", testing::kOrigin},
                                     {"size", 0},
                                     {"feeds", 1}}));
  MustPublish(
      ledger::testing::DishonestyJson(ledger::testing::TestUscc(1), "D1"));
  EXPECT_EQ(Body(Handle(Get("/v1/health")))["size"], 1);
}

TEST_F(RouterTest, HealthReportsNullOriginAndSizeWithoutPublisher) {
  RouterDeps deps = Deps();
  deps.publisher = nullptr;
  Router router(deps);
  Response r = router.Handle(Get("/v1/health"));
  EXPECT_EQ(r.status, 200);
  EXPECT_TRUE(Body(r)["origin"].is_null()) << r.body;
  EXPECT_TRUE(Body(r)["size"].is_null()) << r.body;
}

TEST_F(RouterTest, MetricsServesPrometheusTextFromTheCallback) {
  RouterDeps deps = Deps();
  deps.metrics_text = [] { return std::string("# custom\nx_total 1\n"); };
  Router router(deps);
  Response r = router.Handle(Get("/metrics"));
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "text/plain; version=0.0.4; charset=utf-8");
  EXPECT_EQ(r.body, "# custom\nx_total 1\n");
}

TEST_F(RouterTest, MetricsWithoutCallbackRendersGlobalMetrics) {
  Response r = Handle(Get("/metrics"));
  EXPECT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("creditnode_http_requests_total"), std::string::npos);
}

TEST_F(RouterTest, UnknownPathIs404Json) {
  for (const char* target : {"/", "/v1", "/v2/health", "/v1/health/",
                             "/v1/entries/x", "/v1/subjects/a/b"}) {
    Response r = Handle(Get(target));
    ExpectError(r, 404, "NOT_FOUND", "no route for path");
  }
}

TEST_F(RouterTest, WrongMethodIs405WithAllowHeader) {
  Response r = Handle(Post("/v1/health", "{}"));
  ExpectError(r, 405, "INVALID_ARGUMENT", "method POST not allowed");
  EXPECT_EQ(r.Header("Allow"), "GET");

  Response g = Handle(Get("/v1/entries"));
  ExpectError(g, 405, "INVALID_ARGUMENT");
  EXPECT_EQ(g.Header("Allow"), "POST");

  Response b = Handle(Get("/v1/entries/batch"));
  EXPECT_EQ(b.status, 405);
  EXPECT_EQ(b.Header("Allow"), "POST");

  Request del = Get("/v1/subjects/X");
  del.method = "DELETE";
  Response d = Handle(del);
  EXPECT_EQ(d.status, 405);
  EXPECT_EQ(d.Header("Allow"), "GET");

  Request head = Get("/metrics");
  head.method = "HEAD";
  EXPECT_EQ(Handle(head).status, 405);
}

TEST_F(RouterTest, FeedRoutesAnswer405ToOtherMethods) {
  for (const char* target :
       {"/v1/feeds", "/v1/feeds/a%2Fb/checkpoint", "/v1/feeds/a%2Fb/entries",
        "/v1/feeds/a%2Fb/proof/inclusion", "/v1/feeds/a%2Fb/proof/consistency",
        "/v1/feeds/a%2Fb/tlog/checkpoint", "/v1/feeds/a%2Fb/tlog/tile/0/000",
        "/v1/feeds/a%2Fb/tlog/tile/entries/000"}) {
    Response r = Handle(Post(target, "{}"));
    EXPECT_EQ(r.status, 405) << target;
    EXPECT_EQ(r.Header("Allow"), "GET") << target;
  }
}

TEST_F(RouterTest, UnknownFeedPathsAre404) {
  for (const char* target :
       {"/v1/feeds/", "/v1/feeds/a%2Fb", "/v1/feeds/a%2Fb/", "/v1/feeds/a/b",
        "/v1/feeds/a%2Fb/proof", "/v1/feeds/a%2Fb/tlog",
        "/v1/feeds/a%2Fb/tlog/tile", "/v1/feeds/a%2Fb/tlog/entries/000",
        "/v1/feeds/a%2Fb/checkpoint/x"}) {
    ExpectError(Handle(Get(target)), 404, "NOT_FOUND", "no route for path");
  }
}

TEST_F(RouterTest, WrongMethodOnPublishRouteDoesNotPublish) {
  Request put = Post("/v1/entries", "{}");
  put.method = "PUT";
  EXPECT_EQ(Handle(put).status, 405);
  EXPECT_EQ(FeedSize(), 0u);
}

TEST_F(RouterTest, TargetNotStartingWithSlashIs400) {
  ExpectError(Handle(Get("http://node.example/v1/health")), 400,
              "INVALID_ARGUMENT", "request target");
  ExpectError(Handle(Get("*")), 400, "INVALID_ARGUMENT");
}

TEST_F(RouterTest, QueryParameterOnRouteWithoutParametersIs400) {
  ExpectError(Handle(Get("/v1/health?verbose=1")), 400, "INVALID_ARGUMENT",
              "query: unknown parameter \"verbose\"");
}

TEST_F(RouterTest, MalformedQueryIs400) {
  ExpectError(Handle(Get("/v1/health?a=%zz")), 400, "INVALID_ARGUMENT",
              "query: percent-encoding");
}

TEST_F(RouterTest, ExceptionInsideAHandlerBecomes500Internal) {
  RouterDeps deps = Deps();
  deps.metrics_text = []() -> std::string {
    throw std::runtime_error("renderer broke");
  };
  Router router(deps);
  Response r = router.Handle(Get("/metrics"));
  ExpectError(r, 500, "INTERNAL", "renderer broke");
}

TEST(RouterStaticTest, ClassifyNamesBlockingRoutesOnly) {
  EXPECT_EQ(Router::Classify("POST", "/v1/entries"), RouteClass::kPublishEntry);
  EXPECT_EQ(Router::Classify("POST", "/v1/entries/batch"),
            RouteClass::kPublishBatch);
  EXPECT_EQ(Router::Classify("POST", "/v1/entries?x=1"),
            RouteClass::kPublishEntry);
  EXPECT_EQ(Router::Classify("GET", "/v1/entries"), RouteClass::kRead);
  EXPECT_EQ(Router::Classify("GET", "/v1/subjects/X"), RouteClass::kRead);
  EXPECT_EQ(Router::Classify("POST", "/nowhere"), RouteClass::kRead);
  EXPECT_EQ(Router::Classify("POST", "relative"), RouteClass::kRead);
}

TEST(RouterStaticTest, RoutesListsEveryRouteOnce) {
  const std::vector<RouteSpec>& routes = Router::Routes();
  ASSERT_EQ(routes.size(), 14u);
  std::set<std::string> seen;
  for (const RouteSpec& r : routes) {
    EXPECT_TRUE(
        seen.insert(std::string(r.method) + " " + std::string(r.path_template))
            .second);
  }
  EXPECT_TRUE(seen.count("GET /v1/subjects/{id}"));
  EXPECT_TRUE(seen.count("GET /v1/entries/{origin}/{index}"));
  EXPECT_TRUE(seen.count("GET /v1/feeds/{origin}/proof/inclusion"));
  EXPECT_TRUE(
      seen.count("GET /v1/feeds/{origin}/tlog/tile/entries/{tile_index}"));
}

TEST(RouterStaticTest, FeedRoutesAreReads) {
  EXPECT_EQ(Router::Classify("GET", "/v1/feeds"), RouteClass::kRead);
  EXPECT_EQ(Router::Classify("GET", "/v1/feeds/a%2Fb/tlog/tile/0/000"),
            RouteClass::kRead);
}

}  // namespace
}  // namespace creditnode::api
