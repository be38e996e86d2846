// tlog-tiles paths (api/tile_path.h).
#include "api/tile_path.h"

#include <limits>

namespace creditnode::api {
namespace {

Status PathError(const std::string& message) {
  return InvalidArgumentError("tile path: " + message);
}

bool IsDigits(std::string_view s) {
  if (s.empty()) return false;
  for (const char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// Decimal in [min, max] with no leading zeros; what names it in errors.
StatusOr<uint64_t> ParseSmall(std::string_view text, uint64_t min, uint64_t max,
                              const std::string& what) {
  const std::string rule =
      what + " must be " + std::to_string(min) + " to " + std::to_string(max) +
      " in decimal without leading zeros (got \"" + std::string(text) + "\")";
  if (!IsDigits(text) || text.size() > 3 ||
      (text.size() > 1 && text.front() == '0')) {
    return PathError(rule);
  }
  uint64_t value = 0;
  for (const char c : text) value = value * 10 + static_cast<uint64_t>(c - '0');
  if (value < min || value > max) return PathError(rule);
  return value;
}

// <N> from its elements, the last one with any ".p" suffix removed.
StatusOr<uint64_t> ParseIndex(const std::vector<std::string_view>& elements) {
  uint64_t value = 0;
  for (size_t i = 0; i < elements.size(); ++i) {
    std::string_view e = elements[i];
    const bool last = i + 1 == elements.size();
    if (!last) {
      if (e.empty() || e.front() != 'x') {
        return PathError("index element \"" + std::string(e) +
                         "\" must begin with 'x' (all but the last do)");
      }
      e.remove_prefix(1);
    }
    if (e.size() != 3 || !IsDigits(e)) {
      return PathError("index element \"" + std::string(elements[i]) +
                       "\" must be three digits" +
                       (last ? " (the last has no 'x')" : " after the 'x'"));
    }
    // A leading x000 would give a second spelling of the same index.
    if (i == 0 && !last && e == "000") {
      return PathError("index must not begin with \"x000\"");
    }
    const uint64_t group = static_cast<uint64_t>(
        (e[0] - '0') * 100 + (e[1] - '0') * 10 + e[2] - '0');
    if (value > (std::numeric_limits<uint64_t>::max() - group) / 1000) {
      return PathError("index out of range (max 2^64-1)");
    }
    value = value * 1000 + group;
  }
  return value;
}

}  // namespace

std::string FormatTileIndex(uint64_t index) {
  std::vector<uint64_t> groups;
  do {
    groups.push_back(index % 1000);
    index /= 1000;
  } while (index > 0);
  std::string out;
  for (size_t i = groups.size(); i-- > 0;) {
    const uint64_t g = groups[i];
    if (i + 1 != groups.size()) out += '/';
    if (i != 0) out += 'x';
    out += static_cast<char>('0' + g / 100);
    out += static_cast<char>('0' + g / 10 % 10);
    out += static_cast<char>('0' + g % 10);
  }
  return out;
}

std::string FormatTilePath(const TilePath& path) {
  std::string out = "tile/";
  out += path.entries ? "entries" : std::to_string(path.level);
  out += '/';
  out += FormatTileIndex(path.index);
  if (path.width < kFullTileWidth) out += ".p/" + std::to_string(path.width);
  return out;
}

StatusOr<TilePath> ParseTilePath(const std::vector<std::string>& segments) {
  if (segments.size() < 2) {
    return PathError("expected <L>/<N>[.p/<W>] or entries/<N>[.p/<W>]");
  }
  TilePath path;
  if (segments[0] == "entries") {
    path.entries = true;
  } else {
    CN_ASSIGN_OR_RETURN(uint64_t level,
                        ParseSmall(segments[0], 0, kMaxTileLevel, "level"));
    path.level = static_cast<int>(level);
  }
  // A partial tile's last index element carries ".p" and one more
  // segment, the width, follows.
  size_t end = segments.size();
  std::vector<std::string_view> elements;
  if (end >= 3 && segments[end - 2].size() > 2 &&
      segments[end - 2].compare(segments[end - 2].size() - 2, 2, ".p") == 0) {
    CN_ASSIGN_OR_RETURN(path.width,
                        ParseSmall(segments[end - 1], 1, 255, "width"));
    --end;
  }
  for (size_t i = 1; i < end; ++i) elements.emplace_back(segments[i]);
  if (path.width < kFullTileWidth) {
    elements.back().remove_suffix(2);
  }
  // 2^64-1 has 20 digits: at most 7 elements.
  if (elements.size() > 7) return PathError("index has too many elements");
  CN_ASSIGN_OR_RETURN(path.index, ParseIndex(elements));
  return path;
}

}  // namespace creditnode::api
