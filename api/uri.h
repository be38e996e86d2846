// Request-target helpers (RFC 3986): splitting a target into path and
// query, path segments, percent-decoding and -encoding, query parameters
// (application/x-www-form-urlencoded). Pure functions; thread-safe.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "util/status.h"

namespace creditnode::api {

// Decodes %XX escapes (RFC 3986 §2.1; hex digits in either case). With
// `plus_as_space`, '+' decodes to ' ' (form encoding, used in queries).
// kInvalidArgument("percent-encoding: '%' not followed by two hex digits
// at position P") otherwise (P 0-based). Decoded bytes may be anything,
// including NUL and invalid UTF-8: callers validate what they decoded.
StatusOr<std::string> PercentDecode(std::string_view text,
                                    bool plus_as_space = false);

// Escapes every byte outside RFC 3986 "unreserved" (A-Z a-z 0-9 - . _ ~)
// as %XX with upper-case hex, so the result is one path segment.
std::string PercentEncode(std::string_view text);

struct TargetParts {
  std::string_view path;   // up to the first '?' (or '#'), still encoded
  std::string_view query;  // between '?' and '#', still encoded; may be ""
};
// Splits a request-target. A fragment ("#...") is dropped.
TargetParts SplitTarget(std::string_view target);

// The '/'-separated segments of an absolute path, still encoded:
// "/v1/entries/a%2Fb/3" → {"v1", "entries", "a%2Fb", "3"}; "/" → {""};
// empty segments are kept ("/a//b" → {"a", "", "b"}).
// REQUIRES: path starts with '/'.
std::vector<std::string_view> SplitPath(std::string_view path);

// Parses "name=value&name2=value2" (form encoding: '+' is a space, %XX
// escapes). "name" alone means an empty value; empty pieces ("a=1&&b=2")
// are skipped. kInvalidArgument("query: ...") on a bad escape or on a name
// given twice ("query: parameter \"as_of\" given twice").
StatusOr<std::map<std::string, std::string>> ParseQuery(std::string_view query);

}  // namespace creditnode::api
