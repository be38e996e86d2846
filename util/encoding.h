// Byte encodings used on the wire and in storage keys: standard base64
// (RFC 4648 §4, with padding), lowercase hex, and big-endian fixed64 (so
// RocksDB's bytewise order is numeric order). Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "util/status.h"

namespace creditnode {

std::string Base64Encode(std::string_view bytes);
// Strict: standard alphabet, padding required, no whitespace.
// InvalidArgument("base64: ...") otherwise.
StatusOr<std::string> Base64Decode(std::string_view text);

std::string HexEncode(std::string_view bytes);
// Accepts upper or lower case; InvalidArgument on odd length or non-hex.
StatusOr<std::string> HexDecode(std::string_view text);

void PutFixed64BigEndian(std::string* dst, uint64_t value);
// REQUIRES: src.size() >= 8.
uint64_t DecodeFixed64BigEndian(std::string_view src);

}  // namespace creditnode
