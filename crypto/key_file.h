// Key files: an Ed25519 seed on disk, readable by its owner only (mode
// 0600, D1). Format (docs/keys.md): one line
//   "creditnode-ed25519-seed-v1 " base64(32-byte seed) "\n".
#pragma once

#include <string>

#include "crypto/secret_bytes.h"
#include "util/status.h"

namespace creditnode::crypto {

// Creates `path` with mode 0600 (O_CREAT|O_EXCL) and writes the seed,
// fsyncs it. kAlreadyExists if the file exists (a key is never
// overwritten); kUnavailable on I/O errors.
Status WriteKeyFile(const std::string& path, const SecretBytes& seed);

// Reads a key file. kNotFound if missing; kPermissionDenied if the file
// is readable or writable by group or others; kInvalidArgument if the
// content is not in the format above.
StatusOr<SecretBytes> ReadKeyFile(const std::string& path);

}  // namespace creditnode::crypto
