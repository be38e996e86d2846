// Random tokens and constant-time comparison (libsodium randombytes_buf,
// sodium_memcmp).
#include "crypto/random.h"

#include <sodium.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "crypto/ed25519.h"
#include "util/encoding.h"

namespace creditnode::crypto {

std::string RandomHexToken(size_t n) {
  // A token drawn without a working random source would be guessable, and
  // the signature returns no Status: stop the process (style R3).
  if (!InitCrypto().ok()) {
    std::fputs(
        "creditnode: libsodium failed to initialise; cannot draw random "
        "bytes\n",
        stderr);
    std::abort();
  }
  std::string bytes(n, '\0');
  randombytes_buf(bytes.data(), bytes.size());
  std::string token = HexEncode(bytes);
  sodium_memzero(bytes.data(), bytes.size());
  return token;
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  // The length is not secret (tokens have a fixed, documented length); only
  // the content comparison must not leak where the first difference is.
  if (a.size() != b.size()) return false;
  if (a.empty()) return true;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace creditnode::crypto
