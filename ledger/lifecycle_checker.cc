// LifecycleChecker (lifecycle_checker.h). Every error message names the
// rule and the entries involved, e.g. "target: record o/3 is already
// revoked by o/7", since it reaches the publisher over HTTP.
#include "ledger/lifecycle_checker.h"

#include "ledger/index_rows.h"
#include "ledger/store_db.h"

namespace creditnode::ledger {
namespace {

// The record kind a correction carries: its replacement's "kind".
std::optional<EntryKind> ReplacementKind(const nlohmann::json& object) {
  auto replacement = object.find("replacement");
  if (replacement == object.end() || !replacement->is_object())
    return std::nullopt;
  auto kind = replacement->find("kind");
  if (kind == replacement->end() || !kind->is_string()) return std::nullopt;
  StatusOr<EntryKind> parsed = ParseEntryKind(kind->get<std::string>());
  if (!parsed.ok()) return std::nullopt;
  return *parsed;
}

// The record kind of a record-carrying entry: its own kind for a record,
// the replacement's for a correction.
std::optional<EntryKind> RecordKind(EntryKind kind,
                                    const nlohmann::json& object) {
  if (kind == EntryKind::kCorrection) return ReplacementKind(object);
  if (CarriesRecord(kind)) return kind;
  return std::nullopt;
}

}  // namespace

LifecycleChecker::LifecycleChecker(const FeedStore* store, std::string origin,
                                   CivilDate today)
    : store_(store), origin_(std::move(origin)), today_(today) {}

std::string LifecycleChecker::RefName(uint64_t index) const {
  return origin_ + "/" + std::to_string(index);
}

StatusOr<CheckedDraft> LifecycleChecker::Check(const EntryDraft& draft,
                                               uint64_t index) {
  if (CarriesRecord(draft.kind) && !draft.record) {
    return InvalidArgumentError("record: missing (draft not validated)");
  }
  if (IsLifecycle(draft.kind) && !draft.target) {
    return InvalidArgumentError("target: required");
  }
  CheckedDraft checked;
  if (draft.record) checked.subject_rows = RecordIndexRows(*draft.record);
  if (IsLifecycle(draft.kind)) {
    // Filed under the target's keys too, so a lookup of the record finds it.
    CN_ASSIGN_OR_RETURN(const Known* target, CheckTarget(draft, index));
    MergeIndexRows(&checked.subject_rows, target->rows);
  } else {
    CN_RETURN_IF_ERROR(
        CheckDuplicate(draft, checked.subject_rows, &checked.dedup_rows));
  }
  return checked;
}

Status LifecycleChecker::CheckDuplicate(
    const EntryDraft& draft, const std::vector<SubjectIndexRow>& rows,
    std::vector<DedupRow>* dedup_rows) const {
  const std::string& doc_no = draft.record->doc_no;
  for (const SubjectIndexRow& row : rows) {
    if (row.role != IndexRole::kSubject) continue;
    std::optional<uint64_t> existing;
    auto in_group = dedup_.find({doc_no, row.key});
    if (in_group != dedup_.end()) {
      existing = in_group->second;
    } else {
      CN_ASSIGN_OR_RETURN(existing,
                          store_->FindByDecision(origin_, doc_no, row.key));
    }
    if (existing) {
      return AlreadyExistsError(
          "decision.doc_no: the record " + RefName(*existing) +
          " already has decision \"" + doc_no + "\" about subject " + row.key);
    }
    dedup_rows->push_back({doc_no, row.key});
  }
  return OkStatus();
}

StatusOr<const LifecycleChecker::Known*> LifecycleChecker::CheckTarget(
    const EntryDraft& draft, uint64_t index) {
  const EntryRef& t = *draft.target;
  const std::string kind_name(EntryKindName(draft.kind));
  if (t.origin != origin_) {
    return PermissionDeniedError(
        "target: belongs to feed " + t.origin +
        "; only the issuing feed may act on its records");
  }
  if (t.index >= index) {
    return FailedPreconditionError("target: entry " + RefName(t.index) +
                                   " does not exist");
  }
  CN_ASSIGN_OR_RETURN(const Known* target, Lookup(t.index));
  CN_ASSIGN_OR_RETURN(std::vector<Acting> acting, ActingOn(t.index));
  const std::string target_kind(EntryKindName(target->kind));

  if (draft.kind == EntryKind::kObjectionClosed) {
    if (target->kind != EntryKind::kObjectionOpened) {
      return FailedPreconditionError(
          "target: objection_closed must act on an objection_opened "
          "entry; " +
          RefName(t.index) + " is " + target_kind);
    }
    for (const Acting& a : acting) {
      if (a.kind == EntryKind::kObjectionClosed) {
        return FailedPreconditionError("target: objection " + RefName(t.index) +
                                       " is already closed by " +
                                       RefName(a.actor));
      }
    }
    return target;
  }

  if (!CarriesRecord(target->kind)) {
    return FailedPreconditionError(
        "target: " + kind_name +
        " must act on a record (dishonesty, commendation or "
        "correction); " +
        RefName(t.index) + " is " + target_kind);
  }
  for (const Acting& a : acting) {
    if (a.kind == EntryKind::kRevocation) {
      return FailedPreconditionError("target: record " + RefName(t.index) +
                                     " is already revoked by " +
                                     RefName(a.actor));
    }
    if (a.kind == EntryKind::kCorrection) {
      return FailedPreconditionError(
          "target: record " + RefName(t.index) + " is already corrected by " +
          RefName(a.actor) + "; act on the correction instead");
    }
  }
  if (draft.kind == EntryKind::kCorrection) {
    std::optional<EntryKind> replacement = ReplacementKind(draft.body);
    if (!replacement) return InvalidArgumentError("replacement.kind: required");
    if (replacement != target->record_kind) {
      return FailedPreconditionError(
          "replacement.kind: must be " +
          std::string(target->record_kind ? EntryKindName(*target->record_kind)
                                          : "?") +
          " like the corrected record " + RefName(t.index) + ", not " +
          std::string(EntryKindName(*replacement)));
    }
  }
  if (draft.kind == EntryKind::kRepair && target->publish_min_until &&
      today_ < *target->publish_min_until) {
    return FailedPreconditionError(
        "repair: record " + RefName(t.index) +
        " may not be repaired before its publish_min_until " +
        target->publish_min_until->ToString() + " (today is " +
        today_.ToString() + ")");
  }
  return target;
}

StatusOr<const LifecycleChecker::Known*> LifecycleChecker::Lookup(
    uint64_t index) {
  if (auto it = group_.find(index); it != group_.end()) return &it->second;
  if (auto it = stored_.find(index); it != stored_.end()) return &it->second;
  CN_ASSIGN_OR_RETURN(Known known, LoadStored(index));
  return &stored_.emplace(index, std::move(known)).first->second;
}

StatusOr<LifecycleChecker::Known> LifecycleChecker::LoadStored(uint64_t index) {
  Known known;
  // Walk the chain of targets down to the record: a lifecycle entry is
  // filed under its target's rows (and a correction under its own too).
  // Targets always have lower indices, so the walk ends.
  uint64_t at = index;
  for (bool first = true;; first = false) {
    if (!first) {
      if (auto it = stored_.find(at); it != stored_.end()) {
        MergeIndexRows(&known.rows, it->second.rows);
        break;
      }
    }
    CN_ASSIGN_OR_RETURN(StoredEntry stored, store_->GetEntry({origin_, at}));
    StatusOr<Entry> parsed = ParseEntry(stored.bytes);
    // Stored bytes were validated when published: failing now is data loss.
    if (!parsed.ok()) {
      return StorageDataLoss(DataLossError(parsed.status().message()));
    }
    Entry& entry = *parsed;
    if (entry.origin != origin_ || entry.index != at) {
      return StorageDataLoss(DataLossError("entry " + RefName(at) +
                                           ": bytes name " + entry.origin +
                                           "/" + std::to_string(entry.index)));
    }
    if (first) {
      known.kind = entry.kind;
      known.record_kind = RecordKind(entry.kind, entry.json);
      if (entry.record)
        known.publish_min_until = entry.record->publish_min_until;
    }
    if (entry.record)
      MergeIndexRows(&known.rows, RecordIndexRows(*entry.record));
    if (!entry.target) break;
    if (entry.target->origin != origin_ || entry.target->index >= at) {
      return StorageDataLoss(
          DataLossError("entry " + RefName(at) +
                        ": target is not an earlier entry of " + origin_));
    }
    at = entry.target->index;
  }
  return known;
}

StatusOr<std::vector<LifecycleChecker::Acting>> LifecycleChecker::ActingOn(
    uint64_t index) const {
  std::vector<Acting> acting;
  CN_ASSIGN_OR_RETURN(std::vector<ActingHit> hits,
                      store_->FindActingHits({origin_, index}));
  for (const ActingHit& hit : hits) {
    // Only this feed acts on its records (the writer enforces it).
    if (hit.actor.origin == origin_)
      acting.push_back({hit.actor.index, hit.kind});
  }
  if (auto it = acting_.find(index); it != acting_.end()) {
    acting.insert(acting.end(), it->second.begin(), it->second.end());
  }
  return acting;
}

void LifecycleChecker::Add(const EntryDraft& draft, uint64_t index,
                           const CheckedDraft& checked) {
  Known known;
  known.kind = draft.kind;
  known.record_kind = RecordKind(draft.kind, draft.body);
  if (draft.record) known.publish_min_until = draft.record->publish_min_until;
  known.rows = checked.subject_rows;
  group_[index] = std::move(known);
  if (draft.target) acting_[draft.target->index].push_back({index, draft.kind});
  for (const DedupRow& row : checked.dedup_rows)
    dedup_[{row.doc_no, row.index_key}] = index;
}

void LifecycleChecker::RollBackTo(uint64_t index) {
  group_.erase(group_.lower_bound(index), group_.end());
  for (auto it = acting_.begin(); it != acting_.end();) {
    std::vector<Acting>& v = it->second;
    while (!v.empty() && v.back().actor >= index) v.pop_back();
    it = v.empty() ? acting_.erase(it) : std::next(it);
  }
  for (auto it = dedup_.begin(); it != dedup_.end();) {
    it = it->second >= index ? dedup_.erase(it) : std::next(it);
  }
}

}  // namespace creditnode::ledger
