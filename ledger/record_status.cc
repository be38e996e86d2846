// Status derivation (docs/lifecycle.md): nothing in the log changes, so a
// record's state is recomputed from its dates and the entries acting on it.

#include "ledger/record_status.h"

namespace creditnode::ledger {

namespace {

// Only the feed that published a record may act on it (D1): entries of
// other feeds naming it (possible once feeds are replicated) are ignored.
bool Counts(const Entry& e, const std::string& origin, CivilDate as_of) {
  return e.origin == origin &&
         CivilDate::FromUnixMicros(e.issued_at_micros) <= as_of;
}

bool Earlier(const Entry& a, const Entry& b) {
  if (a.issued_at_micros != b.issued_at_micros)
    return a.issued_at_micros < b.issued_at_micros;
  return a.ref() < b.ref();
}

// The earliest counted entry of `kind` whose target is `target`.
const Entry* Earliest(const std::vector<Entry>& acting, EntryKind kind,
                      const EntryRef& target, CivilDate as_of) {
  const Entry* best = nullptr;
  for (const Entry& e : acting) {
    if (e.kind != kind || !e.target || *e.target != target || !Counts(e, target.origin, as_of))
      continue;
    if (best == nullptr || Earlier(e, *best)) best = &e;
  }
  return best;
}

}  // namespace

std::string_view RecordStateName(RecordState state) {
  switch (state) {
    case RecordState::kActive:
      return "active";
    case RecordState::kNotYetEffective:
      return "not_yet_effective";
    case RecordState::kExpired:
      return "expired";
    case RecordState::kRepaired:
      return "repaired";
    case RecordState::kCorrected:
      return "corrected";
    case RecordState::kRevoked:
      return "revoked";
    case RecordState::kUnderObjection:
      return "under_objection";
  }
  return "unknown";
}

RecordStatus DeriveStatus(const Entry& record, const std::vector<Entry>& acting,
                          CivilDate as_of) {
  const EntryRef self = record.ref();
  // Precedence: a revocation undoes the decision itself; a correction
  // replaces the record (the correcting entry carries on as the record);
  // a repair ends its display early.
  constexpr std::pair<EntryKind, RecordState> kFinal[] = {
      {EntryKind::kRevocation, RecordState::kRevoked},
      {EntryKind::kCorrection, RecordState::kCorrected},
      {EntryKind::kRepair, RecordState::kRepaired},
  };
  for (const auto& [kind, state] : kFinal) {
    if (const Entry* by = Earliest(acting, kind, self, as_of))
      return {state, by->ref()};
  }
  // An objection stays open until an objection_closed names it.
  const Entry* open = nullptr;
  for (const Entry& opened : acting) {
    if (opened.kind != EntryKind::kObjectionOpened || !opened.target ||
        *opened.target != self || !Counts(opened, self.origin, as_of)) {
      continue;
    }
    if (Earliest(acting, EntryKind::kObjectionClosed, opened.ref(), as_of) !=
        nullptr)
      continue;
    if (open == nullptr || Earlier(opened, *open)) open = &opened;
  }
  if (open != nullptr) return {RecordState::kUnderObjection, open->ref()};

  const RecordFacts& facts = *record.record;
  if (as_of < facts.effective_from)
    return {RecordState::kNotYetEffective, std::nullopt};
  // publish_max_until is the last day the record is shown.
  if (facts.publish_max_until < as_of)
    return {RecordState::kExpired, std::nullopt};
  return {RecordState::kActive, std::nullopt};
}

}  // namespace creditnode::ledger
