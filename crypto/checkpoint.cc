// C2SP tlog-checkpoint text.

#include "crypto/checkpoint.h"

#include <charconv>

#include "util/encoding.h"

namespace creditnode::crypto {

namespace {

Status Bad(const std::string& what) {
  return InvalidArgumentError("checkpoint: " + what);
}

}  // namespace

std::string FormatCheckpoint(const Checkpoint& checkpoint) {
  std::string text = checkpoint.origin + "\n" +
                     std::to_string(checkpoint.size) + "\n" +
                     Base64Encode(std::string_view(
                         reinterpret_cast<const char*>(checkpoint.root.data()),
                         checkpoint.root.size())) +
                     "\n";
  for (const std::string& line : checkpoint.extensions) text += line + "\n";
  return text;
}

StatusOr<Checkpoint> ParseCheckpoint(std::string_view text) {
  if (text.empty() || text.back() != '\n') {
    return Bad("text does not end in a newline");
  }
  std::vector<std::string_view> lines;
  for (size_t from = 0; from < text.size();) {
    const size_t end = text.find('\n', from);
    lines.push_back(text.substr(from, end - from));
    from = end + 1;
  }
  if (lines.size() < 3) return Bad("needs origin, size and root lines");
  Checkpoint c;
  if (lines[0].empty()) return Bad("origin line is empty");
  c.origin = std::string(lines[0]);
  const std::string_view size = lines[1];
  if (size.empty() || (size.size() > 1 && size[0] == '0')) {
    return Bad("size \"" + std::string(size) + "\" is not a decimal number");
  }
  auto [ptr, ec] =
      std::from_chars(size.data(), size.data() + size.size(), c.size);
  if (ec != std::errc() || ptr != size.data() + size.size()) {
    return Bad("size \"" + std::string(size) +
               "\" is not a decimal number in range");
  }
  StatusOr<std::string> root = Base64Decode(lines[2]);
  if (!root.ok() || root->size() != c.root.size()) {
    return Bad("root is not the base64 of 32 bytes");
  }
  std::copy(root->begin(), root->end(), c.root.begin());
  for (size_t i = 3; i < lines.size(); ++i) {
    if (lines[i].empty())
      return Bad("extension line " + std::to_string(i + 1) + " is empty");
    c.extensions.emplace_back(lines[i]);
  }
  return c;
}

}  // namespace creditnode::crypto
