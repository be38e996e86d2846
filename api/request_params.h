// Request parameters shared by the read routes (docs/openapi.yaml): strict
// decimal numbers (one spelling per value), required and allowed query
// parameters, a feed origin sent as one percent-encoded path segment, and
// the token check of the routes that serve entry bytes (personal data).
// Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <map>
#include <string>
#include <string_view>

#include "api/token_table.h"
#include "util/status.h"

namespace creditnode::api {

using QueryParams = std::map<std::string, std::string>;

// `text` as a uint64: decimal digits only, no sign, no leading zeros, at
// most 2^64-1. kInvalidArgument("<name>: empty" / "<name>: must be a
// decimal number" / "<name>: leading zeros not allowed" / "<name>: out of
// range (max 2^64-1)").
StatusOr<uint64_t> ParseDecimalU64(std::string_view name,
                                   std::string_view text);

// The query parameter `name` parsed by ParseDecimalU64;
// kInvalidArgument("query: parameter \"<name>\" required") if absent.
StatusOr<uint64_t> RequiredQueryNumber(const QueryParams& query,
                                       std::string_view name);

// kInvalidArgument("query: unknown parameter \"x\"") for the first
// parameter of `query` not in `allowed`.
Status CheckQueryNames(const QueryParams& query,
                       std::initializer_list<std::string_view> allowed);

// The origin in the still-encoded path segment `segment` (its '/' sent as
// %2F). kInvalidArgument("origin: ...") for a bad escape or an empty
// origin.
StatusOr<std::string> DecodeOriginSegment(std::string_view segment);

// OK if the Authorization header `authorization` holds a token whose role
// may read entry bytes: publisher, auditor or peer. The errors of
// TokenTable::Authenticate (kUnauthenticated → 401) otherwise.
Status CheckEntryReader(const TokenTable& tokens,
                        std::string_view authorization);

}  // namespace creditnode::api
