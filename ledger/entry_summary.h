// EntrySummary: the few facts of an entry that status derivation and the
// lookup views need (kind, issued_at, target, and a record's subject type,
// public flag and dates), stored with each of the entry's subject index
// rows (docs/storage-layout.md, "subjects"). A lookup then derives every
// status and applies the public-view filter from one index scan, and reads
// only the bytes of the entries it returns, without parsing them. Value
// type; the codec is pure and thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "ledger/entry.h"
#include "ledger/entry_draft.h"
#include "util/civil_date.h"
#include "util/status.h"

namespace creditnode::ledger {

// The record part of a summary (CarriesRecord kinds).
struct RecordSummary {
  SubjectType subject_type = SubjectType::kOrg;
  bool is_public = false;
  CivilDate effective_from;
  std::optional<CivilDate> publish_min_until;
  CivilDate publish_max_until;
};

struct EntrySummary {
  EntryKind kind = EntryKind::kDishonesty;
  int64_t issued_at_micros = 0;         // whole seconds
  std::optional<EntryRef> target;       // iff IsLifecycle(kind)
  std::optional<RecordSummary> record;  // iff CarriesRecord(kind)
};

EntrySummary SummaryOf(const Entry& entry);
// The summary of `draft` once appended with `issued_at_micros` (whole
// seconds, as SerializeEntry writes it).
EntrySummary SummaryOf(const EntryDraft& draft, int64_t issued_at_micros);

// Binary form (docs/storage-layout.md):
//   0x01 kind(1) be64(issued_at) flags(1)
//   [record: subject_type(1) be32(effective_from days) be32(max days)
//            [be32(min days) if flags & 4]]
//   [target: be16(len) origin be64(index)]
// flags: 1 record, 2 target, 4 publish_min_until, 8 public.
std::string EncodeSummary(const EntrySummary& summary);
// kDataLoss("summary: ...") if `bytes` is not a well-formed encoding.
StatusOr<EntrySummary> DecodeSummary(std::string_view bytes);

}  // namespace creditnode::ledger
