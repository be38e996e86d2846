// `creditnode publish`: one draft, or {"entries": [...]}, from a JSON file
// or stdin, appended to this node's feed while the node is stopped.
#include <fmt/core.h>

#include <fstream>
#include <iostream>
#include <sstream>

#include "ledger/json_parse.h"
#include "node/commands.h"
#include "node/local_feed.h"
#include "util/civil_date.h"

namespace creditnode::node {
namespace {

StatusOr<std::string> ReadInput(const std::string& file) {
  std::ostringstream ss;
  if (file == "-") {
    ss << std::cin.rdbuf();
  } else {
    std::ifstream in(file, std::ios::binary);
    if (!in) return NotFoundError(file + ": cannot open");
    ss << in.rdbuf();
  }
  return ss.str();
}

// The drafts in `doc`: the object itself, or the array under "entries".
StatusOr<std::vector<ledger::EntryDraft>> DraftsOf(const nlohmann::json& doc) {
  std::vector<ledger::EntryDraft> drafts;
  if (doc.is_object() && doc.size() == 1 && doc.contains("entries")) {
    const nlohmann::json& list = doc["entries"];
    if (!list.is_array() || list.empty()) {
      return InvalidArgumentError("entries: must be a non-empty array");
    }
    for (size_t i = 0; i < list.size(); ++i) {
      StatusOr<ledger::EntryDraft> d = ledger::ValidateDraft(list[i]);
      if (!d.ok())
        return d.status().WithPrefix("entries[" + std::to_string(i) + "]");
      drafts.push_back(std::move(d).value());
    }
    return drafts;
  }
  CN_ASSIGN_OR_RETURN(ledger::EntryDraft d, ledger::ValidateDraft(doc));
  drafts.push_back(std::move(d));
  return drafts;
}

}  // namespace

int RunPublish(const PublishArgs& args) {
  StatusOr<std::string> text = ReadInput(args.file);
  if (!text.ok()) return ReportError(text.status());
  StatusOr<nlohmann::json> doc = ledger::ParseJson(*text);
  if (!doc.ok()) return ReportError(doc.status());
  StatusOr<std::vector<ledger::EntryDraft>> drafts = DraftsOf(*doc);
  if (!drafts.ok()) return ReportError(drafts.status());

  StatusOr<std::unique_ptr<LocalFeed>> feed =
      LocalFeed::Open(args.data_dir, SystemClock::Default());
  if (!feed.ok()) return ReportError(feed.status());
  auto published = (*feed)->writer()->Publish(std::move(drafts).value());
  if (!published.ok()) return ReportError(published.status());
  nlohmann::json out = nlohmann::json::array();
  for (const ledger::PublishedEntry& e : *published) {
    out.push_back({{"origin", e.ref.origin},
                   {"index", e.ref.index},
                   {"issued_at", FormatRfc3339Utc(e.issued_at_micros)}});
  }
  fmt::print("{}\n", out.size() == 1 ? out[0].dump()
                                     : nlohmann::json{{"entries", out}}.dump());
  return kExitOk;
}

}  // namespace creditnode::node
