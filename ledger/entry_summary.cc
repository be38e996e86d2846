// EntrySummary and its binary codec.

#include "ledger/entry_summary.h"

namespace creditnode::ledger {

namespace {

constexpr uint8_t kSummaryVersion = 1;
constexpr uint8_t kHasRecord = 1;
constexpr uint8_t kHasTarget = 2;
constexpr uint8_t kHasMin = 4;
constexpr uint8_t kIsPublic = 8;
constexpr int64_t kMicrosPerSecond = 1000000;

constexpr EntryKind kKinds[] = {
    EntryKind::kDishonesty,      EntryKind::kCommendation,
    EntryKind::kRepair,          EntryKind::kCorrection,
    EntryKind::kRevocation,      EntryKind::kObjectionOpened,
    EntryKind::kObjectionClosed,
};
constexpr SubjectType kTypes[] = {SubjectType::kOrg,
                                  SubjectType::kIndividualBusiness,
                                  SubjectType::kNaturalPerson};

// Stored codes are positions in kKinds / kTypes, never the enum values, so
// reordering an enum cannot change the stored format.
template <typename T, size_t N>
uint8_t CodeOf(const T (&table)[N], T value) {
  for (size_t i = 0; i < N; ++i) {
    if (table[i] == value) return static_cast<uint8_t>(i);
  }
  return 0xff;
}

void PutBe(std::string* out, uint64_t v, int bytes) {
  for (int i = bytes - 1; i >= 0; --i) {
    out->push_back(static_cast<char>((v >> (8 * i)) & 0xff));
  }
}

// Reads big-endian integers off the front of a byte string.
class Cursor {
 public:
  explicit Cursor(std::string_view bytes) : bytes_(bytes) {}
  bool Take(int n, uint64_t* v) {
    if (bytes_.size() < static_cast<size_t>(n)) return false;
    *v = 0;
    for (int i = 0; i < n; ++i) {
      *v = (*v << 8) | static_cast<uint8_t>(bytes_[i]);
    }
    bytes_.remove_prefix(n);
    return true;
  }
  bool TakeBytes(size_t n, std::string_view* s) {
    if (bytes_.size() < n) return false;
    *s = bytes_.substr(0, n);
    bytes_.remove_prefix(n);
    return true;
  }
  bool empty() const { return bytes_.empty(); }

 private:
  std::string_view bytes_;
};

RecordSummary RecordSummaryOf(const RecordFacts& facts) {
  return {facts.subject_type, facts.is_public, facts.effective_from,
          facts.publish_min_until, facts.publish_max_until};
}

Status Malformed(const std::string& what) {
  return DataLossError("summary: " + what);
}

}  // namespace

EntrySummary SummaryOf(const Entry& entry) {
  EntrySummary s;
  s.kind = entry.kind;
  s.issued_at_micros = entry.issued_at_micros;
  s.target = entry.target;
  if (entry.record) s.record = RecordSummaryOf(*entry.record);
  return s;
}

EntrySummary SummaryOf(const EntryDraft& draft, int64_t issued_at_micros) {
  EntrySummary s;
  s.kind = draft.kind;
  s.issued_at_micros = issued_at_micros - issued_at_micros % kMicrosPerSecond;
  s.target = draft.target;
  if (draft.record) s.record = RecordSummaryOf(*draft.record);
  return s;
}

std::string EncodeSummary(const EntrySummary& summary) {
  std::string out;
  out.push_back(static_cast<char>(kSummaryVersion));
  out.push_back(static_cast<char>(CodeOf(kKinds, summary.kind)));
  PutBe(&out, static_cast<uint64_t>(summary.issued_at_micros), 8);
  uint8_t flags = 0;
  if (summary.record) {
    flags |= kHasRecord;
    if (summary.record->publish_min_until) flags |= kHasMin;
    if (summary.record->is_public) flags |= kIsPublic;
  }
  if (summary.target) flags |= kHasTarget;
  out.push_back(static_cast<char>(flags));
  if (summary.record) {
    const RecordSummary& r = *summary.record;
    out.push_back(static_cast<char>(CodeOf(kTypes, r.subject_type)));
    PutBe(&out, static_cast<uint32_t>(r.effective_from.DaysSinceEpoch()), 4);
    PutBe(&out, static_cast<uint32_t>(r.publish_max_until.DaysSinceEpoch()), 4);
    if (r.publish_min_until) {
      PutBe(&out, static_cast<uint32_t>(r.publish_min_until->DaysSinceEpoch()),
            4);
    }
  }
  if (summary.target) {
    PutBe(&out, summary.target->origin.size(), 2);
    out += summary.target->origin;
    PutBe(&out, summary.target->index, 8);
  }
  return out;
}

StatusOr<EntrySummary> DecodeSummary(std::string_view bytes) {
  Cursor c(bytes);
  uint64_t version, kind, issued, flags;
  if (!c.Take(1, &version) || version != kSummaryVersion) {
    return Malformed("unknown version");
  }
  if (!c.Take(1, &kind) || kind >= std::size(kKinds)) {
    return Malformed("bad kind");
  }
  if (!c.Take(8, &issued) || !c.Take(1, &flags)) return Malformed("truncated");
  EntrySummary s;
  s.kind = kKinds[kind];
  s.issued_at_micros = static_cast<int64_t>(issued);
  if (flags & kHasRecord) {
    uint64_t type, from, max;
    if (!c.Take(1, &type) || type >= std::size(kTypes) || !c.Take(4, &from) ||
        !c.Take(4, &max)) {
      return Malformed("bad record");
    }
    RecordSummary r;
    r.subject_type = kTypes[type];
    r.is_public = (flags & kIsPublic) != 0;
    r.effective_from = CivilDate::FromDays(static_cast<int64_t>(from));
    r.publish_max_until = CivilDate::FromDays(static_cast<int64_t>(max));
    if (flags & kHasMin) {
      uint64_t min;
      if (!c.Take(4, &min)) return Malformed("truncated");
      r.publish_min_until = CivilDate::FromDays(static_cast<int64_t>(min));
    }
    s.record = r;
  }
  if (flags & kHasTarget) {
    uint64_t len, index;
    std::string_view origin;
    if (!c.Take(2, &len) || !c.TakeBytes(len, &origin) || !c.Take(8, &index)) {
      return Malformed("bad target");
    }
    s.target = EntryRef{std::string(origin), index};
  }
  if (!c.empty()) return Malformed("trailing bytes");
  if (s.record.has_value() != CarriesRecord(s.kind) ||
      s.target.has_value() != IsLifecycle(s.kind)) {
    return Malformed("fields do not match the kind");
  }
  return s;
}

}  // namespace creditnode::ledger
