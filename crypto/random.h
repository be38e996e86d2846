// Randomness and secret comparison for tokens (libsodium). Thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace creditnode::crypto {

// `n` random bytes from randombytes_buf, hex-encoded (2n characters).
std::string RandomHexToken(size_t n);
// Constant-time equality (sodium_memcmp); false if sizes differ.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace creditnode::crypto
