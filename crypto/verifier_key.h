// Verifier key strings and key IDs of C2SP signed-note (D4):
//   key ID  = first 4 bytes of SHA-256(name || "\n" || 0x01 || public key)
//   string  = name "+" 8 lowercase hex digits of key ID "+" base64(0x01 || key)
// Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "util/status.h"

namespace creditnode::crypto {

inline constexpr uint8_t kSignatureTypeEd25519 = 0x01;

// OK if `name` is a valid key name (C2SP signed-note): not empty, valid
// UTF-8, no '+', no Unicode whitespace and no control characters (C0, DEL,
// C1). Other Unicode is allowed. kInvalidArgument("key name: ...") naming
// the rule and the offending code point otherwise.
Status ValidateKeyName(std::string_view name);

// REQUIRES: public_key is 32 bytes.
uint32_t Ed25519KeyId(std::string_view name, std::string_view public_key);
// REQUIRES: public_key is 32 bytes; ValidateKeyName(name) is OK.
std::string FormatVerifierKey(std::string_view name,
                              std::string_view public_key);

struct VerifierKey {
  std::string name;
  uint32_t key_id = 0;
  std::string public_key;  // 32 raw bytes
};
// kInvalidArgument naming the failed part: the three '+' parts, the hex
// key ID, the base64, the 0x01 type byte, the key length, or a key ID that
// does not match the name and key.
StatusOr<VerifierKey> ParseVerifierKey(std::string_view text);

}  // namespace creditnode::crypto
