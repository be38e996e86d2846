// C2SP tlog-checkpoint (https://c2sp.org/tlog-checkpoint), D4: the body of
// a signed note naming a log's state:
//   <origin>\n<tree size, decimal, no leading zeros>\n<base64 root hash>\n
// followed by optional extension lines (kept, not interpreted).
// Pure functions; thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "util/status.h"

namespace creditnode::crypto {

struct Checkpoint {
  std::string origin;
  uint64_t size = 0;
  std::array<uint8_t, 32> root{};
  std::vector<std::string> extensions;  // lines without their "\n"
};

// The note text of `checkpoint` (what SignNote signs).
// REQUIRES: origin non-empty without "\n"; extensions non-empty without "\n".
std::string FormatCheckpoint(const Checkpoint& checkpoint);

// Parses checkpoint text (the text part of a note, not the signatures).
// kInvalidArgument("checkpoint: ...") naming the bad line: missing lines,
// empty origin, size not decimal or with leading zeros or out of range,
// root not base64 of 32 bytes, an empty extension line.
StatusOr<Checkpoint> ParseCheckpoint(std::string_view text);

}  // namespace creditnode::crypto
