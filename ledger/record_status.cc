// Status derivation (docs/lifecycle.md): nothing in the log changes, so a
// record's state is recomputed from its dates and the entries acting on it.
// Works on summaries (index rows); the Entry form converts.

#include "ledger/record_status.h"

#include <algorithm>
#include <utility>

namespace creditnode::ledger {

namespace {

// Only the feed that published a record may act on it (D1): entries of
// other feeds naming it (possible once feeds are replicated) are ignored.
bool Counts(const SummarizedEntry& e, const std::string& origin,
            CivilDate as_of) {
  return e.ref.origin == origin &&
         CivilDate::FromUnixMicros(e.summary.issued_at_micros) <= as_of;
}

bool Earlier(const SummarizedEntry& a, const SummarizedEntry& b) {
  if (a.summary.issued_at_micros != b.summary.issued_at_micros) {
    return a.summary.issued_at_micros < b.summary.issued_at_micros;
  }
  return a.ref < b.ref;
}

// The earliest counted entry of `kind` whose target is `target`.
const SummarizedEntry* Earliest(const std::vector<SummarizedEntry>& acting,
                                EntryKind kind, const EntryRef& target,
                                CivilDate as_of) {
  const SummarizedEntry* best = nullptr;
  for (const SummarizedEntry& e : acting) {
    if (e.summary.kind != kind || !e.summary.target ||
        *e.summary.target != target || !Counts(e, target.origin, as_of)) {
      continue;
    }
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

RecordStatus DeriveStatus(const EntryRef& self, const EntrySummary& record,
                          const std::vector<SummarizedEntry>& acting,
                          CivilDate as_of) {
  // Precedence: a revocation undoes the decision itself; a correction
  // replaces the record (the correcting entry carries on as the record);
  // a repair ends its display early.
  constexpr std::pair<EntryKind, RecordState> kFinal[] = {
      {EntryKind::kRevocation, RecordState::kRevoked},
      {EntryKind::kCorrection, RecordState::kCorrected},
      {EntryKind::kRepair, RecordState::kRepaired},
  };
  for (const auto& [kind, state] : kFinal) {
    if (const SummarizedEntry* by = Earliest(acting, kind, self, as_of)) {
      return {state, by->ref};
    }
  }
  // An objection stays open until an objection_closed names it.
  const SummarizedEntry* open = nullptr;
  for (const SummarizedEntry& opened : acting) {
    if (opened.summary.kind != EntryKind::kObjectionOpened ||
        !opened.summary.target || *opened.summary.target != self ||
        !Counts(opened, self.origin, as_of)) {
      continue;
    }
    if (Earliest(acting, EntryKind::kObjectionClosed, opened.ref, as_of) !=
        nullptr) {
      continue;
    }
    if (open == nullptr || Earlier(opened, *open)) open = &opened;
  }
  if (open != nullptr) return {RecordState::kUnderObjection, open->ref};

  const RecordSummary& facts = *record.record;
  if (as_of < facts.effective_from) {
    return {RecordState::kNotYetEffective, std::nullopt};
  }
  // publish_max_until is the last day the record is shown.
  if (facts.publish_max_until < as_of) {
    return {RecordState::kExpired, std::nullopt};
  }
  return {RecordState::kActive, std::nullopt};
}

RecordStatus DeriveStatus(const Entry& record, const std::vector<Entry>& acting,
                          CivilDate as_of) {
  std::vector<SummarizedEntry> summarized;
  summarized.reserve(acting.size());
  for (const Entry& e : acting) summarized.push_back({e.ref(), SummaryOf(e)});
  return DeriveStatus(record.ref(), SummaryOf(record), summarized, as_of);
}

ActingIndex::ActingIndex(std::vector<SummarizedEntry> acting) {
  std::erase_if(acting, [](const SummarizedEntry& e) {
    return !e.summary.target.has_value();
  });
  std::sort(acting.begin(), acting.end(),
            [](const SummarizedEntry& a, const SummarizedEntry& b) {
              return *a.summary.target < *b.summary.target;
            });
  by_target_ = std::move(acting);
}

void ActingIndex::AppendTargeting(const EntryRef& target,
                                  std::vector<SummarizedEntry>* out) const {
  auto first = std::lower_bound(
      by_target_.begin(), by_target_.end(), target,
      [](const SummarizedEntry& e, const EntryRef& t) {
        return *e.summary.target < t;
      });
  for (auto it = first; it != by_target_.end() && *it->summary.target == target;
       ++it) {
    out->push_back(*it);
  }
}

std::vector<SummarizedEntry> ActingIndex::For(const EntryRef& ref) const {
  std::vector<SummarizedEntry> out;
  AppendTargeting(ref, &out);
  const size_t direct = out.size();
  for (size_t i = 0; i < direct; ++i) {
    if (out[i].summary.kind == EntryKind::kObjectionOpened) {
      const EntryRef opened = out[i].ref;  // out may grow below
      AppendTargeting(opened, &out);
    }
  }
  return out;
}

}  // namespace creditnode::ledger
