// `creditnode audit --bundle FILE`: checks a feed bundle without trusting
// its source (ledger/feed_audit.h) and remembers the checkpoint it saw, so
// the next audit also proves the feed was not rewritten or truncated.

#include <fmt/core.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>

#include "ledger/feed_audit.h"
#include "ledger/json_parse.h"
#include "node/commands.h"
#include "node/feed_bundle.h"
#include "node/progress_bar.h"
#include "util/encoding.h"

namespace creditnode::node {

namespace {

std::string StateDir(const std::string& requested) {
  if (!requested.empty()) return requested;
  if (const char* xdg = std::getenv("XDG_STATE_HOME"); xdg && *xdg) {
    return std::string(xdg) + "/creditnode-audit";
  }
  const char* home = std::getenv("HOME");
  return std::string(home ? home : ".") + "/.local/state/creditnode-audit";
}

// state.json: {"<origin>": {"verifier_key", "size", "root" (base64)}}.
StatusOr<nlohmann::json> LoadState(const std::string& path) {
  std::ifstream in(path);
  if (!in) return nlohmann::json::object();
  std::stringstream text;
  text << in.rdbuf();
  CN_ASSIGN_OR_RETURN(nlohmann::json state, ledger::ParseJson(text.str()));
  if (!state.is_object()) return DataLossError(path + ": not an object");
  return state;
}

std::optional<ledger::AuditedCheckpoint> Previous(const nlohmann::json& state,
                                                  const std::string& origin) {
  auto it = state.find(origin);
  if (it == state.end()) return std::nullopt;
  ledger::AuditedCheckpoint c;
  c.verifier_key = it->value("verifier_key", "");
  c.size = it->value("size", uint64_t{0});
  StatusOr<std::string> root = Base64Decode(it->value("root", ""));
  if (root.ok() && root->size() == c.root.size()) {
    std::copy(root->begin(), root->end(), c.root.begin());
  }
  return c;
}

Status SaveState(const std::string& dir, const std::string& path,
                 const nlohmann::json& state) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << state.dump(2) << "\n";
    if (!out.good()) return UnavailableError(tmp + ": write failed");
  }
  std::filesystem::rename(tmp, path, ec);
  if (ec) return UnavailableError(path + ": " + ec.message());
  return OkStatus();
}

}  // namespace

int RunAudit(const AuditArgs& args) {
  const std::string dir = StateDir(args.state_dir);
  const std::string state_path = dir + "/state.json";
  StatusOr<nlohmann::json> state = LoadState(state_path);
  if (!state.ok()) return ReportError(state.status());

  std::ifstream in(args.bundle, std::ios::binary);
  if (!in) return ReportError(NotFoundError(args.bundle + ": cannot open"));
  std::unique_ptr<ledger::FeedAudit> audit;
  std::unique_ptr<ProgressBar> bar;
  std::string origin;
  uint64_t seen = 0;
  Status read = ReadBundle(
      in,
      [&](const BundleHeader& h) {
        origin = h.origin;
        audit = std::make_unique<ledger::FeedAudit>(
            h.origin, h.verifier_key, h.checkpoint, Previous(*state, h.origin));
        bar = std::make_unique<ProgressBar>("audit", audit->size());
        return OkStatus();
      },
      [&](uint64_t index, std::string_view bytes, std::string_view signature) {
        audit->AddEntry(index, bytes, signature);
        if (++seen % 4096 == 0) bar->Update(seen);
        return OkStatus();
      });
  if (bar) bar->Finish();
  if (!read.ok()) return ReportError(read);

  std::vector<ledger::AuditFailure> failures = audit->Finish();
  for (const ledger::AuditFailure& f : failures) {
    fmt::print("FAIL {}\n", f.ToString());
  }
  if (!failures.empty()) {
    fmt::print("feed {}: {} failure(s); state not updated\n", origin,
               failures.size());
    return kExitFailure;
  }
  const ledger::AuditedCheckpoint checked = audit->Checked();
  (*state)[origin] = {
      {"verifier_key", checked.verifier_key},
      {"size", checked.size},
      {"root", Base64Encode(std::string_view(
                   reinterpret_cast<const char*>(checked.root.data()),
                   checked.root.size()))}};
  if (Status s = SaveState(dir, state_path, *state); !s.ok()) {
    return ReportError(s);
  }
  fmt::print("feed {}: {} entries verified, checkpoint size {} OK\n", origin,
             seen, checked.size);
  return kExitOk;
}

}  // namespace creditnode::node
