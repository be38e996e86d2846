// Tile paths of C2SP tlog-tiles (c2sp.org/tlog-tiles, "Merkle Tree" and
// "Log entries"): `tile/<L>/<N>[.p/<W>]` and `tile/entries/<N>[.p/<W>]`.
// <N> is written as zero-padded 3-digit path elements, all but the last
// prefixed with "x" (1234067 → x001/x234/067); <L> is 0 to 63 and <W> 1 to
// 255, decimal without leading zeros. Parsing accepts exactly what
// FormatTilePath writes (one spelling per tile). Pure functions;
// thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "util/status.h"

namespace creditnode::api {

inline constexpr int kMaxTileLevel = 63;
inline constexpr uint64_t kFullTileWidth = 256;

struct TilePath {
  bool entries = false;  // an entry bundle (tile/entries/...), level 0
  int level = 0;         // 0 for entry bundles
  uint64_t index = 0;    // <N>
  uint64_t width = kFullTileWidth;  // 1..255 for a partial tile (.p/<W>)

  friend bool operator==(const TilePath&, const TilePath&) = default;
};

// "x001/x234/067" for 1234067; "000" for 0.
std::string FormatTileIndex(uint64_t index);

// "tile/<L>/<N>[.p/<W>]" or "tile/entries/<N>[.p/<W>]".
// REQUIRES: 1 ≤ path.width ≤ 256; 0 ≤ path.level ≤ 63.
std::string FormatTilePath(const TilePath& path);

// Parses the path segments after "tile/" (already percent-decoded), e.g.
// {"0", "x001", "x234", "067.p", "8"} or {"entries", "000"}.
// kInvalidArgument("tile path: ...") naming the rule that failed: a level
// that is not 0..63 in canonical decimal; an index element that is not
// three digits, lacks the "x" on a non-last element or has it on the last,
// a leading "x000" element, an index above 2^64-1; a ".p" width that is
// not 1..255 in canonical decimal; missing or extra segments.
StatusOr<TilePath> ParseTilePath(const std::vector<std::string>& segments);

}  // namespace creditnode::api
