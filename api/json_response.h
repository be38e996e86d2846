// JSON response bodies: one serialisation for everything the API returns
// (compact, UTF-8, invalid UTF-8 from client input replaced by U+FFFD so
// that dump() cannot throw; style R2). Pure functions; thread-safe.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "api/http_types.h"

namespace creditnode::api {

// `json` as compact UTF-8 text; never throws for invalid UTF-8.
std::string DumpJson(const nlohmann::json& json);

// A response with status `http_status`, content type kJsonContentType and
// body DumpJson(json).
Response JsonResponse(int http_status, const nlohmann::json& json);

}  // namespace creditnode::api
