// DemoExamples (node/demo_examples.h).
#include "node/demo_examples.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "ledger/entry.h"
#include "ledger/json_parse.h"
#include "ledger/subject_id.h"
#include "ledger/subject_lookup.h"

namespace creditnode::node {
namespace {

// The ID a record is best queried by: its USCC, else its org code. Empty
// for records that can never show in the public view (not public, not
// about an organisation).
std::string PublicOrgId(const ledger::RecordFacts& r) {
  if (!r.is_public || r.subject_type != ledger::SubjectType::kOrg) return "";
  for (const ledger::SubjectId& id : r.subject_ids) {
    if (id.scheme == ledger::IdScheme::kUscc) return id.value;
  }
  for (const ledger::SubjectId& id : r.subject_ids) {
    if (id.scheme == ledger::IdScheme::kOrgCode) return id.value;
  }
  return "";
}

// The index key of a valid USCC or org code.
std::string KeyOf(const std::string& id) {
  ledger::SubjectId s{
      id.size() == 18 ? ledger::IdScheme::kUscc : ledger::IdScheme::kOrgCode,
      id};
  return s.IndexKey();
}

// Lower ranks are better third examples: a repaired record next to an
// active one shows the most of the lifecycle in both views.
int LifecycleRank(ledger::EntryKind kind) {
  switch (kind) {
    case ledger::EntryKind::kRepair:
      return 0;
    case ledger::EntryKind::kCorrection:
      return 1;
    case ledger::EntryKind::kObjectionOpened:
      return 2;
    case ledger::EntryKind::kRevocation:
      return 3;
    default:
      return 4;
  }
}

}  // namespace

Status CheckPublicExample(const ledger::FeedReader& reader,
                          const std::string& id, CivilDate today) {
  CN_ASSIGN_OR_RETURN(std::vector<ledger::SubjectId> ids,
                      ledger::InterpretSubjectIdAt(id, today));
  ledger::LookupOptions options;
  options.view = ledger::LookupView::kPublic;
  options.as_of = today;
  CN_ASSIGN_OR_RETURN(std::vector<ledger::LookupItem> items,
                      ledger::LookupSubject(reader, ids, options));
  if (items.empty()) return NotFoundError(id + ": no entry in the public view");
  return OkStatus();
}

StatusOr<std::vector<std::string>> PickDemoExamples(
    const ledger::FeedReader& reader, const std::string& origin,
    CivilDate today) {
  CN_ASSIGN_OR_RETURN(ledger::FeedInfo feed, reader.GetFeed(origin));
  std::vector<std::string> usccs;      // public org subjects, first-seen order
  std::vector<std::string> org_codes;  // filed under an org code alone
  std::set<std::string> seen_keys;
  std::map<uint64_t, std::string> record_id;  // record index -> PublicOrgId
  std::vector<std::pair<int, std::string>> acted_on;  // (rank, id), feed order
  for (uint64_t i = 0; i < feed.size; ++i) {
    CN_ASSIGN_OR_RETURN(ledger::StoredEntry stored,
                        reader.GetEntry({origin, i}));
    CN_ASSIGN_OR_RETURN(ledger::Entry entry, ledger::ParseEntry(stored.bytes));
    if (entry.record.has_value()) {
      const std::string id = PublicOrgId(*entry.record);
      if (id.empty()) continue;
      record_id[i] = id;
      if (seen_keys.insert(KeyOf(id)).second)
        (id.size() == 18 ? usccs : org_codes).push_back(id);
    }
    if (entry.target.has_value() && entry.target->origin == origin) {
      auto it = record_id.find(entry.target->index);
      if (it != record_id.end())
        acted_on.push_back({LifecycleRank(entry.kind), it->second});
    }
  }
  std::stable_sort(
      acted_on.begin(), acted_on.end(),
      [](const auto& a, const auto& b) { return a.first < b.first; });

  std::set<std::string> used_keys;
  auto first_ok = [&](const std::vector<std::string>& ids) -> std::string {
    for (const std::string& id : ids) {
      if (used_keys.count(KeyOf(id)) == 0 &&
          CheckPublicExample(reader, id, today).ok()) {
        used_keys.insert(KeyOf(id));
        return id;
      }
    }
    return "";
  };
  std::vector<std::string> acted_ids;
  for (const auto& [rank, id] : acted_on) acted_ids.push_back(id);

  std::string third = first_ok(acted_ids);
  const std::string by_uscc = first_ok(usccs);
  std::string by_org_uscc = first_ok(usccs);
  if (by_uscc.empty()) {
    return FailedPreconditionError(
        "demo: no organisation in feed " + origin +
        " is visible in the public view; generate more --records");
  }
  if (by_org_uscc.empty())
    by_org_uscc = by_uscc;  // the same firm by its org code
  if (third.empty()) third = first_ok(org_codes);
  if (third.empty()) third = by_uscc;
  return std::vector<std::string>{by_uscc, ledger::OrgCodeOfUscc(by_org_uscc),
                                  third};
}

std::string DemoExamplesPath(const std::string& data_dir) {
  return data_dir + "/demo.json";
}

StatusOr<std::vector<std::string>> LoadDemoExamples(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFoundError(path + ": not found");
  std::ostringstream ss;
  ss << in.rdbuf();
  CN_ASSIGN_OR_RETURN(nlohmann::json doc, ledger::ParseJson(ss.str()));
  const auto it = doc.is_object() ? doc.find("examples") : doc.end();
  if (!doc.is_object() || it == doc.end() || !it->is_array() ||
      it->size() != kDemoExampleCount) {
    return InvalidArgumentError(path + ": expected {\"examples\": [3 IDs]}");
  }
  std::vector<std::string> ids;
  for (const nlohmann::json& id : *it) {
    if (!id.is_string())
      return InvalidArgumentError(path + ": examples: must be strings");
    ids.push_back(id.get<std::string>());
  }
  return ids;
}

Status SaveDemoExamples(const std::string& path,
                        const std::vector<std::string>& ids) {
  const std::string text = nlohmann::json{{"examples", ids}}.dump(2) + "\n";
  const std::string tmp = path + ".tmp";
  const int fd = ::open(tmp.c_str(), O_CREAT | O_TRUNC | O_WRONLY, 0600);
  if (fd < 0) return UnavailableError(tmp + ": " + std::strerror(errno));
  // A few hundred bytes: one write() either writes them all or fails.
  const bool written = ::write(fd, text.data(), text.size()) ==
                       static_cast<ssize_t>(text.size());
  const bool synced = written && ::fsync(fd) == 0;
  if (::close(fd) != 0 || !synced)
    return UnavailableError(tmp + ": write failed");
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    return UnavailableError(path + ": " + std::strerror(errno));
  }
  return OkStatus();
}

}  // namespace creditnode::node
