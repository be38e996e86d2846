// Status → HTTP: the one mapping from our error codes to HTTP status codes
// (google.rpc.Code's HTTP mapping, docs/DESIGN.md "Errors"), and the one
// error body shape {"error":{"code":"INVALID_ARGUMENT","message":"..."}}
// (docs/openapi.yaml, schema Error). Pure functions; thread-safe.
#pragma once

#include <string_view>

#include "api/http_types.h"
#include "util/status.h"

namespace creditnode::api {

// INVALID_ARGUMENT 400, UNAUTHENTICATED 401, PERMISSION_DENIED 403,
// NOT_FOUND 404, ALREADY_EXISTS and FAILED_PRECONDITION 409,
// RESOURCE_EXHAUSTED 413, DATA_LOSS and INTERNAL 500, UNAVAILABLE 503;
// OK 200.
int HttpStatusFor(StatusCode code);

// A JSON error response for a non-OK `status`, with HttpStatusFor(code).
// UNAUTHENTICATED responses carry "WWW-Authenticate: Bearer" (RFC 6750).
Response ErrorResponse(const Status& status);

// As above with an explicit HTTP status, for conditions of the transport
// that have no code of their own (405, 408, 415, 431); the body's "code"
// is still status.code()'s name.
Response ErrorResponse(int http_status, const Status& status);

}  // namespace creditnode::api
