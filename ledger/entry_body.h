// The body of an entry (every field but the envelope "v", "origin",
// "index", "issued_at"), validated by kind: records (record_schema.h) and
// lifecycle entries (target, reason and the kind's own fields). Shared by
// ValidateDraft (drafts from publishers) and ParseEntry (stored bytes) so
// that both accept exactly the same format (docs/entry-format.md).
// Internal to ledger/. Pure function; thread-safe.
#pragma once

#include <nlohmann/json.hpp>

#include "ledger/entry_draft.h"
#include "ledger/json_object_reader.h"
#include "util/civil_date.h"
#include "util/status.h"

namespace creditnode::ledger {

// Reads "kind" and the fields of that kind from `top`, then rejects any
// field of `top` not read (the caller marks the envelope read first when
// it is allowed). Sets kind, record and target of the result; body is left
// empty. `today` bounds dates as in ReadRecord; `normalised` as there.
StatusOr<EntryDraft> ReadEntryBody(JsonObjectReader& top, CivilDate today,
                                   nlohmann::json* normalised);

}  // namespace creditnode::ledger
