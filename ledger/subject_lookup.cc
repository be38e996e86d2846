// Subject lookups over a FeedReader (docs/openapi.yaml, D8 views). The
// index rows carry each entry's summary, so statuses and the view are
// decided from one index scan per key and only returned entries are read.

#include "ledger/subject_lookup.h"

#include <algorithm>
#include <string>
#include <utility>

namespace creditnode::ledger {

namespace {

bool ShownInPublic(const SubjectEntry& item, CivilDate as_of) {
  // Lifecycle entries stay internal.
  if (!item.status || !item.summary.record) return false;
  const RecordSummary& facts = *item.summary.record;
  if (item.role != IndexRole::kSubject || !facts.is_public ||
      facts.subject_type != SubjectType::kOrg) {
    return false;
  }
  // A disputed record stays shown while its display period runs, but an
  // objection must not bring back one whose period is over (or not begun).
  const bool in_period =
      facts.effective_from <= as_of && as_of <= facts.publish_max_until;
  const RecordState state = item.status->state;
  return state == RecordState::kActive ||
         (state == RecordState::kUnderObjection && in_period);
}

bool NewestFirst(const SubjectEntry& a, const SubjectEntry& b) {
  if (a.summary.issued_at_micros != b.summary.issued_at_micros) {
    return a.summary.issued_at_micros > b.summary.issued_at_micros;
  }
  if (a.stored.ref.origin != b.stored.ref.origin) {
    return a.stored.ref.origin < b.stored.ref.origin;
  }
  return a.stored.ref.index > b.stored.ref.index;
}

LookupCursor CursorOf(const SubjectEntry& item) {
  return {item.summary.issued_at_micros, item.stored.ref.origin,
          item.stored.ref.index};
}

// Whether `item` comes after `cursor` in NewestFirst order.
bool IsAfter(const SubjectEntry& item, const LookupCursor& cursor) {
  if (item.summary.issued_at_micros != cursor.issued_at_micros) {
    return item.summary.issued_at_micros < cursor.issued_at_micros;
  }
  if (item.stored.ref.origin != cursor.origin) {
    return item.stored.ref.origin > cursor.origin;
  }
  return item.stored.ref.index < cursor.index;
}

std::string RefName(const EntryRef& ref) {
  return ref.origin + "/" + std::to_string(ref.index);
}

// The summary of a hit: from its index row, or (rows written without one)
// from the parsed entry, whose bytes are then kept.
Status Summarize(const FeedReader& reader, const SubjectHit& hit,
                 SubjectEntry* out) {
  out->stored.ref = hit.ref;
  out->role = hit.role;
  if (!hit.summary.empty()) {
    StatusOr<EntrySummary> summary = DecodeSummary(hit.summary);
    if (!summary.ok()) {
      return DataLossError(RefName(hit.ref) + ": " +
                           summary.status().message());
    }
    out->summary = *std::move(summary);
    return OkStatus();
  }
  CN_ASSIGN_OR_RETURN(out->stored, reader.GetEntry(hit.ref));
  StatusOr<Entry> entry = ParseEntry(out->stored.bytes);
  if (!entry.ok()) {
    return DataLossError(RefName(hit.ref) + ": " + entry.status().message());
  }
  out->summary = SummaryOf(*entry);
  return OkStatus();
}

void MaskInPlace(nlohmann::json* value) {
  if (value->is_object()) {
    auto scheme = value->find("scheme");
    auto id = value->find("value");
    if (scheme != value->end() && id != value->end() &&
        *scheme == "resident_id" && id->is_string()) {
      *id = MaskResidentId(id->get_ref<const std::string&>());
    }
    for (auto& [key, child] : value->items()) MaskInPlace(&child);
  } else if (value->is_array()) {
    for (auto& child : *value) MaskInPlace(&child);
  }
}

}  // namespace

StatusOr<SubjectPage> FindSubjectPage(const FeedReader& reader,
                                      const std::vector<SubjectId>& ids,
                                      const LookupOptions& options) {
  std::vector<std::string> keys;
  for (const SubjectId& id : ids) keys.push_back(id.IndexKey());
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());

  // One entry can be filed under several keys (a USCC and a legal rep's
  // ID) and roles; it is listed once, as subject if it is one anywhere.
  // The rows are shared with the store's subject cache: point into them.
  std::vector<SubjectRows> found(keys.size());
  std::vector<const SubjectHit*> hits;
  for (size_t i = 0; i < keys.size(); ++i) {
    CN_ASSIGN_OR_RETURN(found[i],
                        reader.FindBySubjectKey(keys[i], options.limit));
    for (const SubjectHit& hit : *found[i]) hits.push_back(&hit);
  }
  // One key's rows name each entry once; only several keys can repeat one.
  if (keys.size() > 1) {
    // Subject rows first among equal refs, so the one kept is the subject.
    std::sort(hits.begin(), hits.end(),
              [](const SubjectHit* a, const SubjectHit* b) {
                if (a->ref != b->ref) return a->ref < b->ref;
                return a->role == IndexRole::kSubject &&
                       b->role != IndexRole::kSubject;
              });
    hits.erase(std::unique(hits.begin(), hits.end(),
                           [](const SubjectHit* a, const SubjectHit* b) {
                             return a->ref == b->ref;
                           }),
               hits.end());
  }
  if (hits.size() > options.limit) {
    return ResourceExhaustedError("lookup: more than " +
                                  std::to_string(options.limit) +
                                  " entries match");
  }

  std::vector<SubjectEntry> items;
  items.reserve(hits.size());
  for (const SubjectHit* hit : hits) {
    SubjectEntry item;
    CN_RETURN_IF_ERROR(Summarize(reader, *hit, &item));
    // A lookup as of a past date shows the log as it stood then.
    if (options.as_of <
        CivilDate::FromUnixMicros(item.summary.issued_at_micros)) {
      continue;
    }
    items.push_back(std::move(item));
  }

  // Lifecycle entries are filed under the keys of the record they act on
  // (docs/storage-layout.md), so every entry acting on a hit is a hit too.
  std::vector<SummarizedEntry> acting;
  for (const SubjectEntry& item : items) {
    if (IsLifecycle(item.summary.kind)) {
      acting.push_back({item.stored.ref, item.summary});
    }
  }
  const ActingIndex acting_index(std::move(acting));
  for (SubjectEntry& item : items) {
    if (item.summary.record) {
      item.status = DeriveStatus(item.stored.ref, item.summary,
                                 acting_index.For(item.stored.ref),
                                 options.as_of);
    }
  }
  if (options.view == LookupView::kPublic) {
    std::erase_if(items, [&](const SubjectEntry& item) {
      return !ShownInPublic(item, options.as_of);
    });
  }
  std::sort(items.begin(), items.end(), NewestFirst);

  // The page: the items after the cursor (the order is total, so the
  // cursor's own entry need not still match), at most page_size.
  auto first = items.begin();
  if (options.after.has_value()) {
    first =
        std::find_if(items.begin(), items.end(), [&](const SubjectEntry& item) {
          return IsAfter(item, *options.after);
        });
  }
  const size_t available = static_cast<size_t>(items.end() - first);
  const size_t take = std::min(available, options.page_size);
  SubjectPage page;
  page.items.assign(std::make_move_iterator(first),
                    std::make_move_iterator(first + take));
  if (take < available && take > 0) page.next = CursorOf(page.items.back());
  for (SubjectEntry& item : page.items) {
    if (!item.stored.bytes.empty()) continue;  // read by Summarize
    CN_ASSIGN_OR_RETURN(item.stored, reader.GetEntry(item.stored.ref));
  }
  return page;
}

StatusOr<std::vector<SubjectEntry>> FindSubjectEntries(
    const FeedReader& reader, const std::vector<SubjectId>& ids,
    const LookupOptions& options) {
  LookupOptions all = options;
  all.page_size = SIZE_MAX;
  all.after.reset();
  CN_ASSIGN_OR_RETURN(SubjectPage page, FindSubjectPage(reader, ids, all));
  return std::move(page.items);
}

StatusOr<std::vector<LookupItem>> LookupSubject(
    const FeedReader& reader, const std::vector<SubjectId>& ids,
    const LookupOptions& options) {
  CN_ASSIGN_OR_RETURN(std::vector<SubjectEntry> found,
                      FindSubjectEntries(reader, ids, options));
  std::vector<LookupItem> items;
  items.reserve(found.size());
  for (SubjectEntry& f : found) {
    StatusOr<Entry> entry = ParseEntry(f.stored.bytes);
    if (!entry.ok()) {
      return DataLossError(RefName(f.stored.ref) + ": " +
                           entry.status().message());
    }
    items.push_back(
        LookupItem{std::move(f.stored), *std::move(entry), f.role, f.status});
  }
  return items;
}

std::string MaskPersonalIdsInBytes(std::string_view bytes) {
  static constexpr std::string_view kPattern =
      R"({"scheme":"resident_id","value":")";
  std::string out;
  out.reserve(bytes.size());
  size_t from = 0;
  while (true) {
    size_t at = bytes.find(kPattern, from);
    if (at == std::string_view::npos) break;
    const size_t value_begin = at + kPattern.size();
    const size_t value_end = bytes.find('"', value_begin);
    if (value_end == std::string_view::npos) break;
    out.append(bytes.substr(from, value_begin - from));
    out += MaskResidentId(bytes.substr(value_begin, value_end - value_begin));
    from = value_end;
  }
  out.append(bytes.substr(from));
  return out;
}

nlohmann::json MaskPersonalIds(const nlohmann::json& entry_json) {
  nlohmann::json copy = entry_json;
  MaskInPlace(&copy);
  return copy;
}

}  // namespace creditnode::ledger
