// Entry signatures: the domain prefix is prepended here and nowhere else,
// so every signer and verifier of entries agrees on the signed bytes
// (docs/keys.md, "Entry signatures").
#include "crypto/entry_signature.h"

#include <string>

namespace creditnode::crypto {
namespace {

std::string DomainSeparated(std::string_view entry_bytes) {
  std::string message;
  message.reserve(kEntrySignatureDomain.size() + entry_bytes.size());
  message.append(kEntrySignatureDomain);
  message.append(entry_bytes);
  return message;
}

}  // namespace

StatusOr<std::string> SignEntry(const Signer& signer,
                                std::string_view entry_bytes) {
  return signer.Sign(DomainSeparated(entry_bytes));
}

Status VerifyEntrySignature(const Verifier& verifier,
                            std::string_view signature,
                            std::string_view entry_bytes) {
  Status status = verifier.Verify(signature, DomainSeparated(entry_bytes));
  if (!status.ok())
    return InvalidArgumentError("entry signature: " + status.message());
  return OkStatus();
}

}  // namespace creditnode::crypto
