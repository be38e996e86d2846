// Page tokens (api/page_token.h).
#include "api/page_token.h"

#include <cstdint>
#include <limits>

#include "api/request_params.h"
#include "ledger/entry.h"

namespace creditnode::api {

std::string EncodePageToken(const ledger::LookupCursor& cursor) {
  return std::to_string(cursor.issued_at_micros) + "." +
         std::to_string(cursor.index) + "." + cursor.origin;
}

StatusOr<ledger::LookupCursor> DecodePageToken(std::string_view token) {
  const Status malformed = InvalidArgumentError("page_token: malformed");
  const size_t first = token.find('.');
  if (first == std::string_view::npos) return malformed;
  const size_t second = token.find('.', first + 1);
  if (second == std::string_view::npos) return malformed;
  StatusOr<uint64_t> micros = ParseDecimalU64("", token.substr(0, first));
  StatusOr<uint64_t> index =
      ParseDecimalU64("", token.substr(first + 1, second - first - 1));
  if (!micros.ok() || !index.ok() ||
      *micros > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
    return malformed;
  }
  ledger::LookupCursor cursor;
  cursor.issued_at_micros = static_cast<int64_t>(*micros);
  cursor.index = *index;
  cursor.origin = std::string(token.substr(second + 1));
  if (!ledger::ValidateOrigin(cursor.origin).ok()) return malformed;
  return cursor;
}

}  // namespace creditnode::api
