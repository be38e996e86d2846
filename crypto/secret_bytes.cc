// SecretBytes: see secret_bytes.h. The buffer is never resized after
// construction, so no stale copy of the secret is left behind by a vector
// reallocation; moves transfer the heap buffer itself.
#include "crypto/secret_bytes.h"

#include <sodium.h>

#include <cstring>
#include <utility>

namespace creditnode::crypto {

SecretBytes::SecretBytes(size_t size) : bytes_(size, 0) {}

SecretBytes SecretBytes::Copy(std::string_view bytes) {
  SecretBytes secret(bytes.size());
  if (!bytes.empty()) std::memcpy(secret.data(), bytes.data(), bytes.size());
  return secret;
}

SecretBytes::~SecretBytes() { Wipe(); }

SecretBytes::SecretBytes(SecretBytes&& other) noexcept
    : bytes_(std::move(other.bytes_)) {
  other.bytes_.clear();
}

SecretBytes& SecretBytes::operator=(SecretBytes&& other) noexcept {
  if (this != &other) {
    Wipe();
    bytes_ = std::move(other.bytes_);
    other.bytes_.clear();
  }
  return *this;
}

void SecretBytes::Wipe() {
  // sodium_memzero cannot be optimised away, unlike a memset before free.
  if (!bytes_.empty()) sodium_memzero(bytes_.data(), bytes_.size());
  bytes_.clear();
}

}  // namespace creditnode::crypto
