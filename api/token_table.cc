// TokenTable (api/token_table.h).
#include "api/token_table.h"

#include "crypto/random.h"
#include "crypto/sha256.h"

namespace creditnode::api {
namespace {

// RFC 6750 §2.1 b64token: 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" /
// "/" ) *"=".
bool IsToken68(std::string_view token) {
  size_t i = 0;
  for (; i < token.size(); ++i) {
    const char c = token[i];
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                    (c >= '0' && c <= '9') || c == '-' || c == '.' ||
                    c == '_' || c == '~' || c == '+' || c == '/';
    if (!ok) break;
  }
  if (i == 0) return false;
  for (; i < token.size(); ++i) {
    if (token[i] != '=') return false;
  }
  return true;
}

std::string Digest(std::string_view token) {
  return crypto::DigestBytes(crypto::Sha256(token));
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i];
    char y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

}  // namespace

std::string_view RoleName(Role role) {
  switch (role) {
    case Role::kPublisher:
      return "publisher";
    case Role::kAuditor:
      return "auditor";
    case Role::kPeer:
      return "peer";
  }
  return "unknown";
}

StatusOr<Role> ParseRole(std::string_view name) {
  if (name == "publisher") return Role::kPublisher;
  if (name == "auditor") return Role::kAuditor;
  if (name == "peer") return Role::kPeer;
  return InvalidArgumentError("role: unknown role \"" + std::string(name) +
                              "\"");
}

Status TokenTable::Add(std::string_view token, Role role) {
  if (token.size() < kMinTokenLength) {
    return InvalidArgumentError("token: shorter than " +
                                std::to_string(kMinTokenLength) +
                                " characters");
  }
  if (!IsToken68(token)) {
    return InvalidArgumentError(
        "token: characters outside A-Z a-z 0-9 - . _ ~ + / (and trailing "
        "'=')");
  }
  std::string digest = Digest(token);
  for (const Entry& e : entries_) {
    if (e.digest == digest) return InvalidArgumentError("token: added twice");
  }
  entries_.push_back({std::move(digest), role});
  return OkStatus();
}

StatusOr<Role> TokenTable::Authenticate(std::string_view header) const {
  if (header.empty()) {
    return UnauthenticatedError("authorization: missing bearer token");
  }
  const size_t space = header.find(' ');
  if (space == std::string_view::npos ||
      !EqualsIgnoreCase(header.substr(0, space), "bearer")) {
    return UnauthenticatedError("authorization: expected \"Bearer <token>\"");
  }
  std::string_view token = header.substr(space + 1);
  // RFC 7235 allows more than one space after the scheme.
  while (!token.empty() && token.front() == ' ') token.remove_prefix(1);
  if (!IsToken68(token)) {
    return UnauthenticatedError("authorization: expected \"Bearer <token>\"");
  }
  // Digests have one length, and every entry is compared (no early exit),
  // so the time taken does not depend on which entry or how many bytes
  // matched.
  const std::string digest = Digest(token);
  bool found = false;
  Role role = Role::kAuditor;
  for (const Entry& e : entries_) {
    const bool match = crypto::ConstantTimeEquals(digest, e.digest);
    found = found || match;
    if (match) role = e.role;
  }
  if (!found) return UnauthenticatedError("authorization: unknown token");
  return role;
}

}  // namespace creditnode::api
