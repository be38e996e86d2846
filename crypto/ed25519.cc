// Ed25519 through libsodium's crypto_sign_ed25519_* (RFC 8032 "pure"
// Ed25519, deterministic signatures). libsodium keeps the private key as
// seed || public key (64 bytes); we store only the 32-byte seed on disk and
// expand it here.
#include "crypto/ed25519.h"

#include <sodium.h>

#include <string>

namespace creditnode::crypto {
namespace {

static_assert(crypto_sign_ed25519_SEEDBYTES == kEd25519SeedSize);
static_assert(crypto_sign_ed25519_PUBLICKEYBYTES == kEd25519PublicKeySize);
static_assert(crypto_sign_ed25519_BYTES == kEd25519SignatureSize);
static_assert(crypto_sign_ed25519_SECRETKEYBYTES == 64);

const unsigned char* Bytes(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

Status CheckSeedSize(const SecretBytes& seed) {
  if (seed.size() != kEd25519SeedSize) {
    return InvalidArgumentError("ed25519: seed must be 32 bytes, got " +
                                std::to_string(seed.size()));
  }
  return OkStatus();
}

// Expands `seed` into libsodium's 64-byte secret key and returns the public
// key. REQUIRES: seed is 32 bytes, secret_key is 64 bytes.
std::string ExpandSeed(const SecretBytes& seed, SecretBytes* secret_key) {
  std::string public_key(kEd25519PublicKeySize, '\0');
  // Cannot fail: any 32 bytes are a valid seed.
  crypto_sign_ed25519_seed_keypair(
      reinterpret_cast<unsigned char*>(public_key.data()), secret_key->data(),
      seed.data());
  return public_key;
}

}  // namespace

Status InitCrypto() {
  // A function-local static is initialised exactly once, thread-safely;
  // later calls cost a load instead of sodium_init()'s global lock.
  static const int result = sodium_init();  // 0 first time, 1 if already done
  if (result < 0) return InternalError("libsodium: sodium_init failed");
  return OkStatus();
}

StatusOr<Ed25519KeyPair> GenerateEd25519KeyPair() {
  CN_RETURN_IF_ERROR(InitCrypto());
  SecretBytes seed(kEd25519SeedSize);
  randombytes_buf(seed.data(), seed.size());
  return Ed25519KeyPairFromSeed(seed);
}

StatusOr<Ed25519KeyPair> Ed25519KeyPairFromSeed(const SecretBytes& seed) {
  CN_RETURN_IF_ERROR(CheckSeedSize(seed));
  CN_RETURN_IF_ERROR(InitCrypto());
  SecretBytes secret_key(crypto_sign_ed25519_SECRETKEYBYTES);
  Ed25519KeyPair pair;
  pair.public_key = ExpandSeed(seed, &secret_key);
  pair.seed = SecretBytes::Copy(seed.view());
  return pair;
}

StatusOr<std::unique_ptr<Ed25519Signer>> Ed25519Signer::New(
    const SecretBytes& seed) {
  CN_RETURN_IF_ERROR(CheckSeedSize(seed));
  CN_RETURN_IF_ERROR(InitCrypto());
  std::unique_ptr<Ed25519Signer> signer(new Ed25519Signer());
  signer->secret_key_ = SecretBytes(crypto_sign_ed25519_SECRETKEYBYTES);
  signer->public_key_ = ExpandSeed(seed, &signer->secret_key_);
  return signer;
}

Ed25519Signer::~Ed25519Signer() = default;

StatusOr<std::string> Ed25519Signer::Sign(std::string_view message) const {
  std::string signature(kEd25519SignatureSize, '\0');
  if (crypto_sign_ed25519_detached(
          reinterpret_cast<unsigned char*>(signature.data()), nullptr,
          Bytes(message), message.size(), secret_key_.data()) != 0) {
    return InternalError("ed25519: crypto_sign_ed25519_detached failed");
  }
  return signature;
}

StatusOr<std::unique_ptr<Ed25519Verifier>> Ed25519Verifier::New(
    std::string_view public_key) {
  if (public_key.size() != kEd25519PublicKeySize) {
    return InvalidArgumentError("ed25519: public key must be 32 bytes, got " +
                                std::to_string(public_key.size()));
  }
  CN_RETURN_IF_ERROR(InitCrypto());
  return std::unique_ptr<Ed25519Verifier>(
      new Ed25519Verifier(std::string(public_key)));
}

Status Ed25519Verifier::Verify(std::string_view signature,
                               std::string_view message) const {
  if (signature.size() != kEd25519SignatureSize) {
    return InvalidArgumentError(
        "signature: Ed25519 signature must be 64 bytes, got " +
        std::to_string(signature.size()));
  }
  // libsodium 1.0.18 also rejects non-canonical S and small-order R or
  // public keys here, so a signature cannot be malleated into a second
  // valid form.
  if (crypto_sign_ed25519_verify_detached(Bytes(signature), Bytes(message),
                                          message.size(),
                                          Bytes(public_key_)) != 0) {
    return InvalidArgumentError("signature: Ed25519 verification failed");
  }
  return OkStatus();
}

}  // namespace creditnode::crypto
