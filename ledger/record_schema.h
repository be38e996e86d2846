// Validation of the record part of an entry (docs/entry-format.md,
// "Records"): the fields of a dishonesty or commendation entry, also found
// as a correction's "replacement", and the "legal_basis" and "decision"
// blocks every entry carries. Internal to ledger/ (entry_draft.cc).
// Pure functions; thread-safe.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "ledger/entry.h"
#include "ledger/json_object_reader.h"
#include "util/civil_date.h"
#include "util/status.h"

namespace creditnode::ledger {

// Reads every record field of `reader`'s object except "kind" (the caller
// reads it) and returns the facts storage and status derivation need.
// `today` bounds birth dates in resident IDs and the decision date.
// If `normalised` is not null it is the same object (a copy the caller
// owns): identifier values in it are replaced by their normalised form.
// kInvalidArgument naming the path and rule of the first problem.
StatusOr<RecordFacts> ReadRecord(JsonObjectReader& reader, EntryKind kind,
                                 CivilDate today, nlohmann::json* normalised);

// "legal_basis": a non-empty array of {instrument, article?}.
Status ReadLegalBasis(JsonObjectReader& reader);

// "decision": {doc_no, date, authority {name, uscc?}}. Returns the
// decision's date; sets *doc_no. If `normalised` is not null (the copy of
// reader's object), the authority's USCC in it is normalised.
StatusOr<CivilDate> ReadDecision(JsonObjectReader& reader, CivilDate today,
                                 std::string* doc_no,
                                 nlohmann::json* normalised);

}  // namespace creditnode::ledger
