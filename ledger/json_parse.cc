// ParseJson: nlohmann's exception-based parser behind a Status.

#include "ledger/json_parse.h"

#include <string>

namespace creditnode::ledger {

namespace {

// Nesting is checked in one linear pass before parsing, because
// nlohmann's recursive parser has no depth limit of its own. Brackets
// inside strings are skipped; a malformed document is left for the parser
// to report.
Status CheckDepth(std::string_view text) {
  int depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      if (++depth > kMaxJsonDepth) {
        return InvalidArgumentError("json: nesting deeper than " +
                                    std::to_string(kMaxJsonDepth) +
                                    " at byte " + std::to_string(i));
      }
    } else if (c == '}' || c == ']') {
      --depth;
    }
  }
  return OkStatus();
}

}  // namespace

StatusOr<nlohmann::json> ParseJson(std::string_view text) {
  CN_RETURN_IF_ERROR(CheckDepth(text));
  try {
    return nlohmann::json::parse(text.begin(), text.end());
  } catch (const nlohmann::json::parse_error& e) {
    // e.what() repeats the id and position; keep the library's own reason,
    // which follows the last ": ".
    std::string what = e.what();
    size_t colon = what.rfind(": ");
    std::string reason =
        colon == std::string::npos ? what : what.substr(colon + 2);
    return InvalidArgumentError("json: " + reason + " at byte " +
                                std::to_string(e.byte));
  } catch (const nlohmann::json::exception& e) {
    return InvalidArgumentError(std::string("json: ") + e.what());
  }
}

}  // namespace creditnode::ledger
