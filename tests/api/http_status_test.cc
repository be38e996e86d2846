// Tests for api/http_status.h: the google.rpc.Code → HTTP table of
// docs/DESIGN.md "Errors" and the one error body shape.
#include "api/http_status.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace creditnode::api {
namespace {

TEST(HttpStatusForTest, MapsEveryCodeAsTheDesignTableSays) {
  EXPECT_EQ(HttpStatusFor(StatusCode::kOk), 200);
  EXPECT_EQ(HttpStatusFor(StatusCode::kInvalidArgument), 400);
  EXPECT_EQ(HttpStatusFor(StatusCode::kUnauthenticated), 401);
  EXPECT_EQ(HttpStatusFor(StatusCode::kPermissionDenied), 403);
  EXPECT_EQ(HttpStatusFor(StatusCode::kNotFound), 404);
  EXPECT_EQ(HttpStatusFor(StatusCode::kAlreadyExists), 409);
  EXPECT_EQ(HttpStatusFor(StatusCode::kFailedPrecondition), 409);
  EXPECT_EQ(HttpStatusFor(StatusCode::kResourceExhausted), 413);
  EXPECT_EQ(HttpStatusFor(StatusCode::kDataLoss), 500);
  EXPECT_EQ(HttpStatusFor(StatusCode::kInternal), 500);
  EXPECT_EQ(HttpStatusFor(StatusCode::kUnavailable), 503);
}

TEST(ErrorResponseTest, BodyIsCodeNameAndMessage) {
  Response r =
      ErrorResponse(InvalidArgumentError("uscc: check character mismatch"));
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.content_type, "application/json; charset=utf-8");
  EXPECT_EQ(
      r.body,
      R"({"error":{"code":"INVALID_ARGUMENT","message":"uscc: check character mismatch"}})");
}

TEST(ErrorResponseTest, ExplicitHttpStatusKeepsTheStatusCodeName) {
  Response r =
      ErrorResponse(431, ResourceExhaustedError("request header: too big"));
  EXPECT_EQ(r.status, 431);
  nlohmann::json j = nlohmann::json::parse(r.body);
  EXPECT_EQ(j["error"]["code"], "RESOURCE_EXHAUSTED");
}

TEST(ErrorResponseTest, UnauthenticatedCarriesWwwAuthenticateBearer) {
  Response r =
      ErrorResponse(UnauthenticatedError("authorization: unknown token"));
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(r.Header("WWW-Authenticate"), "Bearer");
  Response other = ErrorResponse(NotFoundError("x"));
  EXPECT_EQ(other.Header("WWW-Authenticate"), "");
}

TEST(ErrorResponseTest, InvalidUtf8InMessageIsReplacedNotThrown) {
  Response r = ErrorResponse(InvalidArgumentError("bad \xff byte"));
  EXPECT_EQ(r.status, 400);
  nlohmann::json j = nlohmann::json::parse(r.body);
  EXPECT_EQ(j["error"]["message"], "bad \xEF\xBF\xBD byte");
}

}  // namespace
}  // namespace creditnode::api
