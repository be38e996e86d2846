// The status of a record at a date, derived from the record's own dates and
// the later lifecycle entries of its feed that act on it (nothing is ever
// changed in place; docs/lifecycle.md). Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "ledger/entry.h"
#include "ledger/entry_summary.h"
#include "util/civil_date.h"

namespace creditnode::ledger {

enum class RecordState {
  kActive,
  kNotYetEffective,
  kExpired,  // past publish_max_until
  kRepaired,
  kCorrected,  // superseded by the correction in RecordStatus::by
  kRevoked,
  kUnderObjection,
};

// "active", "not_yet_effective", "expired", "repaired", "corrected",
// "revoked", "under_objection".
std::string_view RecordStateName(RecordState state);

struct RecordStatus {
  RecordState state = RecordState::kActive;
  // The lifecycle entry that set a repaired/corrected/revoked/under_objection
  // state (the open objection for kUnderObjection).
  std::optional<EntryRef> by;
};

// REQUIRES: record.record has a value (CarriesRecord(record.kind)).
// `acting`: entries of record's feed whose target is the record, plus the
// objection_closed entries whose target is one of those objection_opened
// entries; any order. Entries of another feed than the record's are
// ignored (only the issuing feed may act on a record). Only entries issued
// on or before the end of `as_of`
// (UTC) count. Precedence: revoked > corrected > repaired >
// under_objection > not_yet_effective > expired > active; among several
// entries of one kind the earliest counts.
RecordStatus DeriveStatus(const Entry& record, const std::vector<Entry>& acting,
                          CivilDate as_of);

// An entry known by its summary (an index row), for DeriveStatus below.
struct SummarizedEntry {
  EntryRef ref;
  EntrySummary summary;
};

// DeriveStatus over summaries, with the same rules: `record` is the
// record's summary (REQUIRES record.record has a value) at `ref`.
RecordStatus DeriveStatus(const EntryRef& ref, const EntrySummary& record,
                          const std::vector<SummarizedEntry>& acting,
                          CivilDate as_of);

// Lifecycle entries grouped by the entry they act on, so that deriving
// the statuses of R records among L lifecycle entries costs about
// (R + L) log L rather than R x L (a subject with thousands of records and
// repairs). For every record, DeriveStatus(ref, record, index.For(ref), d)
// equals DeriveStatus(ref, record, all, d) where `all` built the index.
class ActingIndex {
 public:
  // `acting`: lifecycle entries (those without a target are ignored).
  explicit ActingIndex(std::vector<SummarizedEntry> acting);

  // What DeriveStatus reads for the record at `ref`: the entries whose
  // target is `ref`, and those whose target is one of these entries (an
  // objection_closed naming an objection_opened).
  std::vector<SummarizedEntry> For(const EntryRef& ref) const;

 private:
  // Appends the entries whose target is `target` to `out`.
  void AppendTargeting(const EntryRef& target,
                       std::vector<SummarizedEntry>* out) const;

  std::vector<SummarizedEntry> by_target_;  // sorted by *summary.target
};

}  // namespace creditnode::ledger
