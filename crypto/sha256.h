// SHA-256 (FIPS 180-4) through libsodium's crypto_hash_sha256.
// Sha256() is thread-safe; a Sha256Hasher is thread-compatible.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace creditnode::crypto {

using Sha256Digest = std::array<uint8_t, 32>;

// The digest as a 32-byte std::string (for storage keys and JSON).
std::string DigestBytes(const Sha256Digest& digest);

Sha256Digest Sha256(std::string_view bytes);

// Incremental hashing: Update() any number of times, then Finish() once.
class Sha256Hasher {
 public:
  Sha256Hasher();
  void Update(std::string_view bytes);
  // REQUIRES: Finish() not called before.
  Sha256Digest Finish();

 private:
  alignas(64) unsigned char state_[256];  // crypto_hash_sha256_state, opaque
};

}  // namespace creditnode::crypto
