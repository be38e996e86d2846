// Status → HTTP (api/http_status.h): the google.rpc.Code table, in one place
// (style R10; CT AddEntryReply).
#include "api/http_status.h"

#include <string>

#include "api/json_response.h"

namespace creditnode::api {

int HttpStatusFor(StatusCode code) {
  switch (code) {
    case StatusCode::kOk:
      return 200;
    case StatusCode::kInvalidArgument:
      return 400;
    case StatusCode::kUnauthenticated:
      return 401;
    case StatusCode::kPermissionDenied:
      return 403;
    case StatusCode::kNotFound:
      return 404;
    case StatusCode::kAlreadyExists:
    case StatusCode::kFailedPrecondition:
      return 409;
    // Our RESOURCE_EXHAUSTED errors are all "too large" (body, batch, a
    // lookup with more matches than its limit), none is a rate limit, so
    // 413 rather than 429.
    case StatusCode::kResourceExhausted:
      return 413;
    case StatusCode::kUnavailable:
      return 503;
    case StatusCode::kDataLoss:
    case StatusCode::kInternal:
      return 500;
  }
  return 500;
}

Response ErrorResponse(const Status& status) {
  return ErrorResponse(HttpStatusFor(status.code()), status);
}

Response ErrorResponse(int http_status, const Status& status) {
  nlohmann::json body = {{"error",
                          {{"code", std::string(StatusCodeName(status.code()))},
                           {"message", status.message()}}}};
  Response response = JsonResponse(http_status, body);
  if (status.code() == StatusCode::kUnauthenticated) {
    response.headers.emplace_back("WWW-Authenticate", "Bearer");
  }
  return response;
}

}  // namespace creditnode::api
