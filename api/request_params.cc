// Request parameters (api/request_params.h).
#include "api/request_params.h"

#include <limits>

#include "api/uri.h"

namespace creditnode::api {

StatusOr<uint64_t> ParseDecimalU64(std::string_view name,
                                   std::string_view text) {
  const std::string prefix = std::string(name) + ": ";
  if (text.empty()) return InvalidArgumentError(prefix + "empty");
  uint64_t value = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') {
      return InvalidArgumentError(prefix + "must be a decimal number");
    }
    const uint64_t digit = static_cast<uint64_t>(c - '0');
    if (value > (std::numeric_limits<uint64_t>::max() - digit) / 10) {
      return InvalidArgumentError(prefix + "out of range (max 2^64-1)");
    }
    value = value * 10 + digit;
  }
  // One spelling per number, so that caches and logs see one URL per
  // resource.
  if (text.size() > 1 && text.front() == '0') {
    return InvalidArgumentError(prefix + "leading zeros not allowed");
  }
  return value;
}

StatusOr<uint64_t> RequiredQueryNumber(const QueryParams& query,
                                       std::string_view name) {
  const auto it = query.find(std::string(name));
  if (it == query.end()) {
    return InvalidArgumentError("query: parameter \"" + std::string(name) +
                                "\" required");
  }
  return ParseDecimalU64(name, it->second);
}

Status CheckQueryNames(const QueryParams& query,
                       std::initializer_list<std::string_view> allowed) {
  for (const auto& [name, value] : query) {
    bool known = false;
    for (const std::string_view a : allowed) known = known || name == a;
    if (!known) {
      return InvalidArgumentError("query: unknown parameter \"" + name + "\"");
    }
  }
  return OkStatus();
}

StatusOr<std::string> DecodeOriginSegment(std::string_view segment) {
  StatusOr<std::string> origin = PercentDecode(segment);
  if (!origin.ok()) return origin.status().WithPrefix("origin");
  if (origin->empty()) return InvalidArgumentError("origin: empty");
  return origin;
}

Status CheckEntryReader(const TokenTable& tokens,
                        std::string_view authorization) {
  StatusOr<Role> role = tokens.Authenticate(authorization);
  if (!role.ok()) return role.status();
  // Spelled out so that a role added later is refused until someone
  // decides it may see personal data.
  switch (*role) {
    case Role::kPublisher:
    case Role::kAuditor:
    case Role::kPeer:
      return OkStatus();
  }
  return PermissionDeniedError("role " + std::string(RoleName(*role)) +
                               " may not read entries");
}

}  // namespace creditnode::api
