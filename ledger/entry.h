// Entry: the parsed view of one entry's exact signed bytes (D2). The bytes
// are the truth; an Entry is what readers derive from them. The format is
// specified in docs/entry-format.md. Value type; thread-compatible.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ledger/subject_id.h"
#include "util/civil_date.h"
#include "util/status.h"

namespace creditnode::ledger {

inline constexpr int kEntryFormatVersion = 1;
// The tlog-tiles entry bundle length prefix is 16 bits (D2).
inline constexpr size_t kMaxEntryBytes = 65535;

enum class EntryKind {
  kDishonesty,
  kCommendation,
  kRepair,
  kCorrection,
  kRevocation,
  kObjectionOpened,
  kObjectionClosed,
};

// "dishonesty", "commendation", "repair", "correction", "revocation",
// "objection_opened", "objection_closed".
std::string_view EntryKindName(EntryKind kind);
// kInvalidArgument("kind: unknown kind \"x\"").
StatusOr<EntryKind> ParseEntryKind(std::string_view name);

// Records carry a subject and dates. A correction also does: it carries
// the full corrected record in "replacement" and acts as a record itself.
bool CarriesRecord(EntryKind kind);
// Lifecycle kinds act on an earlier entry named by "target".
bool IsLifecycle(EntryKind kind);

// (origin, index): names an entry everywhere (D1).
struct EntryRef {
  std::string origin;
  uint64_t index = 0;
  friend auto operator<=>(const EntryRef&, const EntryRef&) = default;
};

enum class SubjectType { kOrg, kIndividualBusiness, kNaturalPerson };
// "org", "individual_business", "natural_person".
std::string_view SubjectTypeName(SubjectType type);

// The facts of a record that storage and status derivation need.
struct RecordFacts {
  SubjectType subject_type = SubjectType::kOrg;
  std::string subject_name;
  std::vector<SubjectId> subject_ids;    // validated schemes only
  std::vector<SubjectId> associate_ids;  // of legal_rep, principal, ...
  std::string list;
  std::string doc_no;  // decision.doc_no
  CivilDate effective_from;
  std::optional<CivilDate> publish_min_until;
  CivilDate publish_max_until;
  bool is_public = false;
};

struct Entry {
  int version = kEntryFormatVersion;
  std::string origin;
  uint64_t index = 0;
  EntryKind kind = EntryKind::kDishonesty;
  int64_t issued_at_micros = 0;       // whole seconds, from "issued_at"
  std::optional<RecordFacts> record;  // iff CarriesRecord(kind)
  std::optional<EntryRef> target;     // iff IsLifecycle(kind)
  nlohmann::json json;                // the whole parsed object

  EntryRef ref() const { return {origin, index}; }
};

// Checks a feed origin (also the C2SP key name of its checkpoints, D4):
// 1-255 bytes of [a-z0-9] and "-._/:", starting with a letter or digit, and
// not one of the names reserved for signature domains ("creditnode/entry/v1",
// "cosignature/v1"). kInvalidArgument naming the rule.
Status ValidateOrigin(std::string_view origin);

// Parses stored entry bytes. kDataLoss("entry: ...") if the bytes are not
// a well-formed entry of this format (stored bytes were validated when
// published, so this means corruption or a foreign writer).
StatusOr<Entry> ParseEntry(std::string_view bytes);

}  // namespace creditnode::ledger
