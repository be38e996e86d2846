// EntryDraft: what a publisher submits, validated and normalised, before
// the node assigns origin, index and issued_at and serialises the exact
// bytes (docs/entry-format.md). Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "ledger/entry.h"
#include "util/status.h"

namespace creditnode::ledger {

struct EntryDraft {
  EntryKind kind = EntryKind::kDishonesty;
  nlohmann::json body;                // normalised fields, no envelope
  std::optional<RecordFacts> record;  // iff CarriesRecord(kind)
  std::optional<EntryRef> target;     // iff IsLifecycle(kind)
};

// Validates a submitted draft (a JSON object without "v", "origin",
// "index", "issued_at") and normalises it (identifiers normalised per D7,
// field order irrelevant). kInvalidArgument naming the JSON path and rule
// of the first problem, e.g. "subject.ids[0].value: uscc: check character
// mismatch", "legal_basis: required", "unknown field \"foo\"",
// "publish_max_until: must not be before effective_from",
// "origin: set by the node, must not be submitted".
// Checks nothing that needs the log (target existence: see FeedWriter).
// Uses the system clock's UTC date as today (the latest decision date and
// birth date accepted).
StatusOr<EntryDraft> ValidateDraft(const nlohmann::json& draft);
// As ValidateDraft, with `today` given (callers holding an injected Clock).
StatusOr<EntryDraft> ValidateDraftAt(const nlohmann::json& draft,
                                     CivilDate today);

// The exact entry bytes: the draft body plus the envelope, serialised as
// compact UTF-8 JSON with object keys in byte order (nlohmann::json's
// default ordered std::map, dump() without indent, no ASCII escaping).
// kInvalidArgument("entry: N bytes exceeds the 65535-byte limit").
StatusOr<std::string> SerializeEntry(const EntryDraft& draft,
                                     std::string_view origin, uint64_t index,
                                     int64_t issued_at_micros);

}  // namespace creditnode::ledger
