// Entry signatures (D2, docs/entry-format.md): Ed25519 over
//   "creditnode/entry/v1\n" || entry bytes
// so that no entry signature can pass as a checkpoint signature or any
// other signed object. Thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "crypto/signer.h"
#include "util/status.h"

namespace creditnode::crypto {

inline constexpr std::string_view kEntrySignatureDomain = "creditnode/entry/v1\n";

// Signs the entry's exact bytes under the domain prefix.
StatusOr<std::string> SignEntry(const Signer& signer, std::string_view entry_bytes);
// OK if `signature` is the feed key's signature of the entry's bytes;
// kInvalidArgument("entry signature: ...") otherwise.
Status VerifyEntrySignature(const Verifier& verifier, std::string_view signature,
                            std::string_view entry_bytes);

}  // namespace creditnode::crypto
