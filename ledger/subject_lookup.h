// Subject lookups: every entry about a subject across all feeds, each with
// its derived status, newest first (docs/openapi.yaml). Pure over a FeedReader;
// thread-safe if the reader is.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ledger/entry.h"
#include "ledger/entry_summary.h"
#include "ledger/feed_reader.h"
#include "ledger/record_status.h"
#include "ledger/subject_id.h"
#include "util/civil_date.h"
#include "util/status.h"

namespace creditnode::ledger {

enum class LookupView {
  // D8: only records marked public whose subject is an organisation,
  // matched as the subject (not through an associate), in state active, or
  // under_objection within their display period (effective_from through
  // publish_max_until); resident IDs masked by the renderer.
  kPublic,
  // Everything: records in every state and the lifecycle entries acting on
  // them, matched as subject or associate.
  kFull,
};

// A place in the newest-first order of a lookup: the last entry of a page.
struct LookupCursor {
  int64_t issued_at_micros = 0;
  std::string origin;
  uint64_t index = 0;
  friend bool operator==(const LookupCursor&, const LookupCursor&) = default;
};

struct LookupOptions {
  LookupView view = LookupView::kPublic;  // Default: kPublic
  CivilDate as_of;                        // status date. Default: 1970-01-01
  // Most entries a lookup may match (index rows read, every one needed to
  // derive statuses); more is kResourceExhausted. Default: 1000
  size_t limit = 1000;
  // FindSubjectPage: most entries returned. Default: all
  size_t page_size = SIZE_MAX;
  // FindSubjectPage: start after this entry (the `next` of the page
  // before). Default: from the newest
  std::optional<LookupCursor> after;
};

struct LookupItem {
  StoredEntry stored;
  Entry entry;
  IndexRole role = IndexRole::kSubject;
  std::optional<RecordStatus> status;  // iff CarriesRecord(entry.kind)
};

// Entries about any of `ids` (the interpretations of one query) issued on
// or before the end of options.as_of (UTC), merged
// without duplicates, newest issued_at first (ties: origin, then index
// descending). kResourceExhausted if more than options.limit match;
// kDataLoss if a stored entry does not parse.
StatusOr<std::vector<LookupItem>> LookupSubject(
    const FeedReader& reader, const std::vector<SubjectId>& ids,
    const LookupOptions& options);

// An entry found by a lookup, known by its index row: exact stored bytes
// and signature, the summary statuses are derived from, how it matched.
struct SubjectEntry {
  StoredEntry stored;
  EntrySummary summary;
  IndexRole role = IndexRole::kSubject;
  std::optional<RecordStatus> status;  // iff CarriesRecord(summary.kind)
};

// One page of a lookup.
struct SubjectPage {
  std::vector<SubjectEntry> items;
  // Where the next page starts (the last item); nullopt on the last page.
  std::optional<LookupCursor> next;
};

// As LookupSubject, without parsing any entry: statuses and the view come
// from the summaries in the subject index rows (ledger/entry_summary.h),
// and only the entries of the page are read. The lookup path of the API.
// The entries after options.after (all if unset), at most
// options.page_size of them. Errors as LookupSubject.
StatusOr<SubjectPage> FindSubjectPage(const FeedReader& reader,
                                      const std::vector<SubjectId>& ids,
                                      const LookupOptions& options);

// FindSubjectPage's items with the paging options ignored: every match.
StatusOr<std::vector<SubjectEntry>> FindSubjectEntries(
    const FeedReader& reader, const std::vector<SubjectId>& ids,
    const LookupOptions& options);

// Stored entry bytes with every resident ID value masked, equal to
// MaskPersonalIds(parsed bytes).dump() but without parsing: in the
// canonical form (D2, keys sorted) an identifier is exactly
// {"scheme":"resident_id","value":"..."}, and that text cannot occur
// inside a JSON string (its quotes would be escaped).
std::string MaskPersonalIdsInBytes(std::string_view entry_bytes);

// A copy of an entry's JSON with every resident ID value masked
// (MaskResidentId) wherever an {"scheme":"resident_id","value":...} object
// occurs. For public surfaces (D8).
nlohmann::json MaskPersonalIds(const nlohmann::json& entry_json);

}  // namespace creditnode::ledger
