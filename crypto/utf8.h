// UTF-8 decoding for the text formats crypto/ checks (key names, signed
// notes): strict RFC 3629 (no overlong forms, no surrogates, ≤ U+10FFFF).
// Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <string_view>

namespace creditnode::crypto {

inline constexpr char32_t kInvalidCodePoint = 0xFFFFFFFF;

// Decodes the sequence at text[*pos] and advances *pos past it; returns
// kInvalidCodePoint (leaving *pos) for a malformed, overlong, surrogate or
// truncated sequence. REQUIRES: *pos < text.size().
char32_t DecodeUtf8(std::string_view text, size_t* pos);

// True if all of `text` is well-formed UTF-8.
bool IsValidUtf8(std::string_view text);

}  // namespace creditnode::crypto
