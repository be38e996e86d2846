// Signer and Verifier: the one-method interfaces behind which all signing
// sits (Tink public_key_sign.h / public_key_verify.h). Implementations are
// thread-safe. Signatures are raw bytes (64 for Ed25519).
#pragma once

#include <string>
#include <string_view>

#include "util/status.h"

namespace creditnode::crypto {

class Signer {
 public:
  virtual ~Signer() = default;
  // Signs `message` as given (no prefix is added here). Returns the raw
  // signature; kInternal only if the library fails.
  virtual StatusOr<std::string> Sign(std::string_view message) const = 0;
  // The raw public key that verifies this signer's signatures.
  virtual const std::string& PublicKey() const = 0;
};

class Verifier {
 public:
  virtual ~Verifier() = default;
  // OK if `signature` is a valid signature of `message`;
  // kInvalidArgument("signature: ...") otherwise (wrong length or mismatch).
  virtual Status Verify(std::string_view signature, std::string_view message) const = 0;
};

}  // namespace creditnode::crypto
