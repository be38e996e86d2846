// TokenTable: the bearer tokens (RFC 6750) the API accepts and the role
// each one grants. Tokens are kept only as SHA-256 digests and compared in
// constant time (crypto::ConstantTimeEquals) against every entry, so
// neither a token's bytes nor its length leak through timing.
// Thread-compatible: fill it with Add() before sharing it; const methods
// may then be called concurrently.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "util/status.h"

namespace creditnode::api {

enum class Role {
  kPublisher,  // may POST entries; reads everything
  kAuditor,    // reads entries and full subject views
  kPeer,       // another node: reads entries, entry bundles, full views
};

// "publisher", "auditor", "peer".
std::string_view RoleName(Role role);
// Inverse of RoleName; kInvalidArgument("role: unknown role \"x\"").
StatusOr<Role> ParseRole(std::string_view name);

class TokenTable {
 public:
  // Tokens shorter than this are refused by Add(). 16 characters of
  // crypto::RandomHexToken(8) are 64 random bits.
  static constexpr size_t kMinTokenLength = 16;

  TokenTable() = default;

  // Accepts `token` for `role`. kInvalidArgument("token: ...") if it is
  // shorter than kMinTokenLength, contains a character outside RFC 6750's
  // token68 set (A-Z a-z 0-9 - . _ ~ + /, trailing '='), or was added
  // before.
  Status Add(std::string_view token, Role role);

  // The role of the token in an Authorization header value
  // "Bearer <token>" (scheme case-insensitive, RFC 7235 §2.1).
  // kUnauthenticated("authorization: missing bearer token") if the header
  // is empty; kUnauthenticated("authorization: expected \"Bearer
  // <token>\"") if it has another form; kUnauthenticated("authorization:
  // unknown token") if no entry matches.
  StatusOr<Role> Authenticate(std::string_view authorization_header) const;

  size_t size() const { return entries_.size(); }

 private:
  struct Entry {
    std::string digest;  // SHA-256 of the token, 32 bytes
    Role role;
  };
  std::vector<Entry> entries_;
};

}  // namespace creditnode::api
