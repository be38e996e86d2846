// LifecycleChecker: the stateful publish rules of ledger/publisher.h,
// checked for one FeedWriter write group against the feed's stored entries
// AND the group's earlier entries (a repair may act on a record published
// earlier in the same batch): the target exists in this feed and has the
// right kind, is not already revoked or corrected, an objection is still
// open, a correction keeps the record kind, a repair waits for
// publish_min_until, and one record per (decision doc_no, subject key).
// It also works out each entry's index rows (index_rows.h).
// Thread-compatible: one per group, used by the group's leader only.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "ledger/entry.h"
#include "ledger/entry_draft.h"
#include "ledger/feed_store.h"
#include "util/civil_date.h"
#include "util/status.h"

namespace creditnode::ledger {

// What the checker worked out for one accepted draft.
struct CheckedDraft {
  std::vector<SubjectIndexRow> subject_rows;
  std::vector<DedupRow> dedup_rows;
};

class LifecycleChecker {
 public:
  // Does not take ownership: `store` must outlive the checker. `today` is
  // the clock's UTC date (for the repair rule).
  LifecycleChecker(const FeedStore* store, std::string origin, CivilDate today);

  // Checks `draft` as the entry at `index` of the feed.
  // REQUIRES: every entry below `index` is in the store or was Add()ed.
  // Errors: those of Publisher::Publish (kFailedPrecondition,
  // kPermissionDenied, kAlreadyExists; kInvalidArgument if the draft lacks
  // its record or target), and kDataLoss / kUnavailable from the store.
  StatusOr<CheckedDraft> Check(const EntryDraft& draft, uint64_t index);

  // Records `draft`, accepted at `index` with `checked`, for the checks of
  // later drafts of the group.
  void Add(const EntryDraft& draft, uint64_t index,
           const CheckedDraft& checked);

  // Forgets every entry Add()ed at or after `index` (a failed request).
  void RollBackTo(uint64_t index);

 private:
  // An entry of this feed, as far as the rules care.
  struct Known {
    EntryKind kind = EntryKind::kDishonesty;
    std::optional<EntryKind> record_kind;  // iff CarriesRecord(kind)
    std::optional<CivilDate> publish_min_until;
    std::vector<SubjectIndexRow> rows;
  };
  struct Acting {
    uint64_t actor = 0;
    EntryKind kind = EntryKind::kRepair;
  };

  // The entry at `index` (< the entry being checked): from the group, the
  // cache, or the store (parsed; its rows from its chain of targets).
  StatusOr<const Known*> Lookup(uint64_t index);
  StatusOr<Known> LoadStored(uint64_t index);
  // Entries of the store and the group that act on `index`.
  StatusOr<std::vector<Acting>> ActingOn(uint64_t index) const;
  // The lifecycle rules for `draft` acting on its target; the target.
  StatusOr<const Known*> CheckTarget(const EntryDraft& draft, uint64_t index);
  Status CheckDuplicate(const EntryDraft& draft,
                        const std::vector<SubjectIndexRow>& rows,
                        std::vector<DedupRow>* dedup_rows) const;
  std::string RefName(uint64_t index) const;

  const FeedStore* const store_;
  const std::string origin_;
  const CivilDate today_;

  std::map<uint64_t, Known> group_;   // Add()ed entries
  std::map<uint64_t, Known> stored_;  // store entries read so far
  std::map<uint64_t, std::vector<Acting>>
      acting_;  // group's acting rows by target
  std::map<std::pair<std::string, std::string>, uint64_t>
      dedup_;  // group's (doc_no, key)
};

}  // namespace creditnode::ledger
