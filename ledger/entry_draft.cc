// ValidateDraft and SerializeEntry (docs/entry-format.md).

#include "ledger/entry_draft.h"

#include <string>
#include <utility>

#include "ledger/entry_body.h"
#include "ledger/json_object_reader.h"
#include "util/civil_date.h"
#include "util/clock.h"

namespace creditnode::ledger {

namespace {

constexpr int64_t kMicrosPerSecond = 1000000;

// Fields the node sets when it appends; a draft that carries them is
// refused rather than silently overwritten.
constexpr std::string_view kEnvelopeFields[] = {"v", "origin", "index",
                                                "issued_at"};

}  // namespace

StatusOr<EntryDraft> ValidateDraft(const nlohmann::json& draft) {
  return ValidateDraftAt(
      draft, CivilDate::FromUnixMicros(SystemClock::Default()->NowMicros()));
}

StatusOr<EntryDraft> ValidateDraftAt(const nlohmann::json& draft,
                                     CivilDate today) {
  CN_ASSIGN_OR_RETURN(JsonObjectReader top, JsonObjectReader::Of(draft, ""));
  for (std::string_view field : kEnvelopeFields) {
    if (draft.contains(field)) {
      return InvalidArgumentError(std::string(field) +
                                  ": set by the node, must not be submitted");
    }
  }
  nlohmann::json normalised = draft;
  CN_ASSIGN_OR_RETURN(EntryDraft result,
                      ReadEntryBody(top, today, &normalised));
  result.body = std::move(normalised);
  return result;
}

StatusOr<std::string> SerializeEntry(const EntryDraft& draft,
                                     std::string_view origin, uint64_t index,
                                     int64_t issued_at_micros) {
  nlohmann::json entry = draft.body;
  entry["v"] = kEntryFormatVersion;
  entry["origin"] = std::string(origin);
  entry["index"] = index;
  entry["kind"] = std::string(EntryKindName(draft.kind));
  int64_t whole = issued_at_micros - issued_at_micros % kMicrosPerSecond;
  entry["issued_at"] = FormatRfc3339Utc(whole);
  std::string bytes;
  try {
    // Keys come out in byte order (nlohmann::json's std::map), compact, and
    // UTF-8 unescaped; invalid UTF-8 throws (error_handler_t::strict).
    bytes = entry.dump(-1, ' ', false, nlohmann::json::error_handler_t::strict);
  } catch (const nlohmann::json::type_error& e) {
    return InvalidArgumentError(std::string("entry: not valid UTF-8 (") +
                                e.what() + ")");
  }
  if (bytes.size() > kMaxEntryBytes) {
    return InvalidArgumentError("entry: " + std::to_string(bytes.size()) +
                                " bytes exceeds the 65535-byte limit");
  }
  return bytes;
}

}  // namespace creditnode::ledger
