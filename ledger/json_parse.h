// ParseJson: the one place JSON text from outside (HTTP bodies, files,
// stored entries) becomes nlohmann::json (style R2: the throwing library is
// wrapped once). Strict RFC 8259 (no comments, no trailing commas), valid
// UTF-8, nesting at most kMaxJsonDepth. Pure function; thread-safe.
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>

#include "util/status.h"

namespace creditnode::ledger {

// Deeper documents are rejected before they can exhaust the stack.
inline constexpr int kMaxJsonDepth = 32;

// The parsed document. kInvalidArgument("json: ... at byte N") naming the
// byte offset of the first problem: syntax, ill-formed UTF-8, trailing
// data, or nesting deeper than kMaxJsonDepth.
StatusOr<nlohmann::json> ParseJson(std::string_view text);

}  // namespace creditnode::ledger
