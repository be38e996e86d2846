// SHA-256 through libsodium. crypto_hash_sha256 is libsodium's portable
// implementation and needs no sodium_init(), so hashing (the hot path of
// Merkle trees) never takes InitCrypto's once-flag.
#include "crypto/sha256.h"

#include <sodium.h>

#include <new>

namespace creditnode::crypto {
namespace {

static_assert(sizeof(crypto_hash_sha256_state) <= 256,
              "Sha256Hasher::state_ is too small for crypto_hash_sha256_state");
static_assert(
    alignof(crypto_hash_sha256_state) <= 64,
    "Sha256Hasher::state_ is not aligned enough for crypto_hash_sha256_state");
static_assert(crypto_hash_sha256_BYTES == sizeof(Sha256Digest));

const unsigned char* Bytes(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

}  // namespace

std::string DigestBytes(const Sha256Digest& digest) {
  return std::string(reinterpret_cast<const char*>(digest.data()),
                     digest.size());
}

Sha256Digest Sha256(std::string_view bytes) {
  Sha256Digest digest;
  crypto_hash_sha256(digest.data(), Bytes(bytes), bytes.size());
  return digest;
}

Sha256Hasher::Sha256Hasher() {
  // The state is a C struct placed in our opaque buffer (the header does
  // not include <sodium.h>: libsodium stays private to crypto/).
  auto* state = new (state_) crypto_hash_sha256_state;
  crypto_hash_sha256_init(state);
}

void Sha256Hasher::Update(std::string_view bytes) {
  auto* state =
      std::launder(reinterpret_cast<crypto_hash_sha256_state*>(state_));
  crypto_hash_sha256_update(state, Bytes(bytes), bytes.size());
}

Sha256Digest Sha256Hasher::Finish() {
  auto* state =
      std::launder(reinterpret_cast<crypto_hash_sha256_state*>(state_));
  Sha256Digest digest;
  crypto_hash_sha256_final(state, digest.data());
  return digest;
}

}  // namespace creditnode::crypto
