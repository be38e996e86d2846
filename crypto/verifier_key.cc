// Verifier keys and key IDs of C2SP signed-note (D4, docs/keys.md). The
// checks follow golang.org/x/mod/sumdb/note (NewVerifier, isValidName),
// the reference implementation, and additionally refuse control characters
// and upper-case hex so that every key has one spelling.
#include "crypto/verifier_key.h"

#include <cassert>
#include <cstdio>
#include <string>

#include "crypto/ed25519.h"
#include "crypto/sha256.h"
#include "crypto/utf8.h"
#include "util/encoding.h"

namespace creditnode::crypto {
namespace {

bool IsUnicodeSpace(char32_t cp) {
  return (cp >= 0x09 && cp <= 0x0D) || cp == 0x20 || cp == 0x85 || cp == 0xA0 ||
         cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 ||
         cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

// General category Cc: C0 controls, DEL and C1 controls.
bool IsControl(char32_t cp) { return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F); }

std::string CodePointName(char32_t cp) {
  char buf[16];
  std::snprintf(buf, sizeof(buf), "U+%04X", static_cast<unsigned>(cp));
  return buf;
}

std::string KeyIdHex(uint32_t key_id) {
  char buf[9];
  std::snprintf(buf, sizeof(buf), "%08x", key_id);
  return buf;
}

bool IsLowerHexDigit(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
}

}  // namespace

Status ValidateKeyName(std::string_view name) {
  if (name.empty()) return InvalidArgumentError("key name: must not be empty");
  size_t pos = 0;
  while (pos < name.size()) {
    const size_t at = pos;
    const char32_t cp = DecodeUtf8(name, &pos);
    const std::string where = " at byte " + std::to_string(at);
    if (cp == kInvalidCodePoint)
      return InvalidArgumentError("key name: invalid UTF-8" + where);
    if (cp == '+')
      return InvalidArgumentError("key name: must not contain '+'" + where);
    // Spaces before controls: U+0009..U+000D and U+0085 are both, and
    // "whitespace" is the rule the spec states.
    if (IsUnicodeSpace(cp)) {
      return InvalidArgumentError("key name: must not contain whitespace (" +
                                  CodePointName(cp) + where + ")");
    }
    if (IsControl(cp)) {
      return InvalidArgumentError(
          "key name: must not contain control characters (" +
          CodePointName(cp) + where + ")");
    }
  }
  return OkStatus();
}

uint32_t Ed25519KeyId(std::string_view name, std::string_view public_key) {
  assert(public_key.size() == kEd25519PublicKeySize);
  Sha256Hasher hasher;
  hasher.Update(name);
  hasher.Update("\n");
  const char type = static_cast<char>(kSignatureTypeEd25519);
  hasher.Update(std::string_view(&type, 1));
  hasher.Update(public_key);
  const Sha256Digest digest = hasher.Finish();
  return (uint32_t{digest[0]} << 24) | (uint32_t{digest[1]} << 16) |
         (uint32_t{digest[2]} << 8) | uint32_t{digest[3]};
}

std::string FormatVerifierKey(std::string_view name,
                              std::string_view public_key) {
  assert(ValidateKeyName(name).ok());
  assert(public_key.size() == kEd25519PublicKeySize);
  std::string typed_key(1, static_cast<char>(kSignatureTypeEd25519));
  typed_key.append(public_key);
  std::string text(name);
  text += '+';
  text += KeyIdHex(Ed25519KeyId(name, public_key));
  text += '+';
  text += Base64Encode(typed_key);
  return text;
}

StatusOr<VerifierKey> ParseVerifierKey(std::string_view text) {
  // Split at the first two '+' only: names cannot contain '+', but the
  // base64 key can.
  const size_t first = text.find('+');
  const size_t second =
      first == std::string_view::npos ? first : text.find('+', first + 1);
  if (second == std::string_view::npos) {
    return InvalidArgumentError(
        "verifier key: expected three '+'-separated parts <name>+<key "
        "ID>+<base64 key>");
  }
  const std::string_view name = text.substr(0, first);
  const std::string_view id_hex = text.substr(first + 1, second - first - 1);
  const std::string_view key_base64 = text.substr(second + 1);

  Status name_status = ValidateKeyName(name);
  if (!name_status.ok())
    return InvalidArgumentError("verifier key: " + name_status.message());

  if (id_hex.size() != 8) {
    return InvalidArgumentError(
        "verifier key: key ID must be 8 lowercase hex digits, got " +
        std::to_string(id_hex.size()) + " characters");
  }
  uint32_t key_id = 0;
  for (char c : id_hex) {
    if (!IsLowerHexDigit(c)) {
      return InvalidArgumentError(
          "verifier key: key ID must be 8 lowercase hex digits");
    }
    key_id = (key_id << 4) |
             static_cast<uint32_t>(c <= '9' ? c - '0' : c - 'a' + 10);
  }

  StatusOr<std::string> typed_key = Base64Decode(key_base64);
  if (!typed_key.ok()) {
    return InvalidArgumentError("verifier key: key: " +
                                typed_key.status().message());
  }
  if (typed_key->empty())
    return InvalidArgumentError("verifier key: key is empty");
  const uint8_t type = static_cast<uint8_t>((*typed_key)[0]);
  if (type != kSignatureTypeEd25519) {
    char buf[5];
    std::snprintf(buf, sizeof(buf), "0x%02x", type);
    return InvalidArgumentError(std::string("verifier key: key type ") + buf +
                                " is not 0x01 (Ed25519)");
  }
  if (typed_key->size() != 1 + kEd25519PublicKeySize) {
    return InvalidArgumentError(
        "verifier key: Ed25519 key must be 32 bytes, got " +
        std::to_string(typed_key->size() - 1));
  }

  VerifierKey key;
  key.name = std::string(name);
  key.key_id = key_id;
  key.public_key = typed_key->substr(1);
  const uint32_t expected_id = Ed25519KeyId(key.name, key.public_key);
  if (expected_id != key_id) {
    return InvalidArgumentError("verifier key: key ID " + std::string(id_hex) +
                                " does not match the name and key (expected " +
                                KeyIdHex(expected_id) + ")");
  }
  return key;
}

}  // namespace creditnode::crypto
