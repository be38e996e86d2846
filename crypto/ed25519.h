// Ed25519 (RFC 8032) key generation, signing and verification, libsodium.
// Keys are kept as the 32-byte seed (private) and the 32-byte public key.
// All classes here are thread-safe after construction.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "crypto/secret_bytes.h"
#include "crypto/signer.h"
#include "util/status.h"

namespace creditnode::crypto {

inline constexpr size_t kEd25519SeedSize = 32;
inline constexpr size_t kEd25519PublicKeySize = 32;
inline constexpr size_t kEd25519SignatureSize = 64;

// Calls sodium_init() once; safe to call many times from any thread.
// kInternal if libsodium cannot initialise.
Status InitCrypto();

struct Ed25519KeyPair {
  SecretBytes seed;        // 32 bytes
  std::string public_key;  // 32 bytes
};

// A fresh random key pair (randombytes_buf).
StatusOr<Ed25519KeyPair> GenerateEd25519KeyPair();
// The key pair of `seed`. kInvalidArgument unless seed is 32 bytes.
StatusOr<Ed25519KeyPair> Ed25519KeyPairFromSeed(const SecretBytes& seed);

class Ed25519Signer final : public Signer {
 public:
  // kInvalidArgument unless seed is 32 bytes.
  static StatusOr<std::unique_ptr<Ed25519Signer>> New(const SecretBytes& seed);
  ~Ed25519Signer() override;
  StatusOr<std::string> Sign(std::string_view message) const override;
  const std::string& PublicKey() const override { return public_key_; }

 private:
  Ed25519Signer() = default;
  SecretBytes secret_key_;  // libsodium's 64-byte form: seed || public key
  std::string public_key_;
};

class Ed25519Verifier final : public Verifier {
 public:
  // kInvalidArgument unless public_key is 32 bytes.
  static StatusOr<std::unique_ptr<Ed25519Verifier>> New(std::string_view public_key);
  Status Verify(std::string_view signature, std::string_view message) const override;

 private:
  explicit Ed25519Verifier(std::string public_key) : public_key_(std::move(public_key)) {}
  std::string public_key_;
};

}  // namespace creditnode::crypto
