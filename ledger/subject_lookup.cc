// Subject lookups over a FeedReader (docs/openapi.yaml, D8 views).

#include "ledger/subject_lookup.h"

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <utility>

namespace creditnode::ledger {

namespace {

bool ShownInPublic(const LookupItem& item, CivilDate as_of) {
  // Lifecycle entries stay internal.
  if (!item.status || !item.entry.record) return false;
  const RecordFacts& facts = *item.entry.record;
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

bool NewestFirst(const LookupItem& a, const LookupItem& b) {
  if (a.entry.issued_at_micros != b.entry.issued_at_micros) {
    return a.entry.issued_at_micros > b.entry.issued_at_micros;
  }
  if (a.entry.origin != b.entry.origin) return a.entry.origin < b.entry.origin;
  return a.entry.index > b.entry.index;
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

StatusOr<std::vector<LookupItem>> LookupSubject(
    const FeedReader& reader, const std::vector<SubjectId>& ids,
    const LookupOptions& options) {
  std::set<std::string> keys;
  for (const SubjectId& id : ids) keys.insert(id.IndexKey());

  // One entry can be filed under several keys (a USCC and a legal rep's
  // ID) and roles; it is listed once, as subject if it is one anywhere.
  std::map<EntryRef, IndexRole> hits;
  for (const std::string& key : keys) {
    CN_ASSIGN_OR_RETURN(std::vector<SubjectHit> found,
                        reader.FindBySubjectKey(key, options.limit));
    for (const SubjectHit& hit : found) {
      auto [it, inserted] = hits.emplace(hit.ref, hit.role);
      if (!inserted && hit.role == IndexRole::kSubject)
        it->second = IndexRole::kSubject;
    }
  }
  if (hits.size() > options.limit) {
    return ResourceExhaustedError("lookup: more than " +
                                  std::to_string(options.limit) +
                                  " entries match");
  }

  std::vector<LookupItem> items;
  items.reserve(hits.size());
  for (const auto& [ref, role] : hits) {
    CN_ASSIGN_OR_RETURN(StoredEntry stored, reader.GetEntry(ref));
    StatusOr<Entry> entry = ParseEntry(stored.bytes);
    if (!entry.ok()) {
      return DataLossError(ref.origin + "/" + std::to_string(ref.index) + ": " +
                           entry.status().message());
    }
    // A lookup as of a past date shows the log as it stood then.
    if (options.as_of < CivilDate::FromUnixMicros(entry->issued_at_micros)) {
      continue;
    }
    items.push_back(
        LookupItem{std::move(stored), *std::move(entry), role, std::nullopt});
  }

  // Lifecycle entries are filed under the keys of the record they act on
  // (docs/storage-layout.md), so every entry acting on a hit is a hit too.
  std::vector<Entry> acting;
  for (const LookupItem& item : items) {
    if (IsLifecycle(item.entry.kind)) acting.push_back(item.entry);
  }
  for (LookupItem& item : items) {
    if (item.entry.record)
      item.status = DeriveStatus(item.entry, acting, options.as_of);
  }

  if (options.view == LookupView::kPublic) {
    std::erase_if(items, [&](const LookupItem& item) {
      return !ShownInPublic(item, options.as_of);
    });
  }
  std::sort(items.begin(), items.end(), NewestFirst);
  return items;
}

nlohmann::json MaskPersonalIds(const nlohmann::json& entry_json) {
  nlohmann::json copy = entry_json;
  MaskInPlace(&copy);
  return copy;
}

}  // namespace creditnode::ledger
