// `creditnode audit URL` and `creditnode audit --bundle FILE`: checks every
// feed of a node, or a bundle, without trusting the source
// (ledger/feed_audit.h), and remembers the checkpoints it saw, so the next
// audit also proves no feed was rewritten or truncated (docs/audit.md).

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
#include "ledger/merkle_proof.h"
#include "node/commands.h"
#include "node/feed_bundle.h"
#include "node/progress_bar.h"
#include "sync/http_client.h"
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


void Remember(const ledger::AuditedCheckpoint& checked,
              const std::string& origin, nlohmann::json* state) {
  (*state)[origin] = {
      {"verifier_key", checked.verifier_key},
      {"size", checked.size},
      {"root", Base64Encode(std::string_view(
                   reinterpret_cast<const char*>(checked.root.data()),
                   checked.root.size()))}};
}

// "/" and ":" of an origin percent-encoded for a path segment.
std::string EncodeOrigin(const std::string& origin) {
  std::string out;
  for (char c : origin) {
    if (c == '/') {
      out += "%2F";
    } else if (c == ':') {
      out += "%3A";
    } else {
      out += c;
    }
  }
  return out;
}

StatusOr<nlohmann::json> GetJson(sync::HttpClient* client,
                                 const std::string& target) {
  CN_ASSIGN_OR_RETURN(sync::HttpResult r, client->Get(target));
  if (r.status != 200) {
    return FailedPreconditionError("GET " + target + ": HTTP " +
                                   std::to_string(r.status) + " " + r.body);
  }
  StatusOr<nlohmann::json> j = ledger::ParseJson(r.body);
  if (!j.ok()) return j.status().WithPrefix("GET " + target);
  return j;
}

// Audits one feed of a live node; appends its failures.
Status AuditRemoteFeed(sync::HttpClient* client, const nlohmann::json& feed,
                       nlohmann::json* state,
                       std::vector<ledger::AuditFailure>* all) {
  const std::string origin = feed.value("origin", "");
  if (!feed.contains("checkpoint") || !feed["checkpoint"].is_string()) {
    fmt::print("feed {}: no checkpoint yet, nothing to audit\n", origin);
    return OkStatus();
  }
  const std::optional<ledger::AuditedCheckpoint> previous =
      Previous(*state, origin);
  ledger::FeedAudit audit(origin, feed.value("verifier_key", ""),
                          feed["checkpoint"].get<std::string>(), previous);
  const std::string base = "/v1/feeds/" + EncodeOrigin(origin);
  uint64_t seen = 0;
  if (audit.can_check_entries()) {
    ProgressBar bar("audit " + origin, audit.size());
    while (seen < audit.size()) {
      CN_ASSIGN_OR_RETURN(
          nlohmann::json page,
          GetJson(client, base + "/entries?start=" + std::to_string(seen) +
                              "&end=" + std::to_string(audit.size())));
      const nlohmann::json& entries = page["entries"];
      if (!entries.is_array() || entries.empty()) break;
      for (const nlohmann::json& e : entries) {
        StatusOr<std::string> bytes = Base64Decode(e.value("bytes", ""));
        StatusOr<std::string> sig = Base64Decode(e.value("signature", ""));
        if (!bytes.ok() || !sig.ok() || !e["index"].is_number_unsigned()) {
          return InvalidArgumentError("GET " + base +
                                      "/entries: malformed entry");
        }
        audit.AddEntry(e["index"].get<uint64_t>(), *bytes, *sig);
        ++seen;
      }
      bar.Update(seen);
    }
    bar.Finish();
  }
  std::vector<ledger::AuditFailure> failures = audit.Finish();
  // The node's own consistency proof must agree with what was recomputed.
  const ledger::AuditedCheckpoint checked = audit.Checked();
  if (failures.empty() && previous && previous->size > 0 &&
      previous->size < checked.size) {
    CN_ASSIGN_OR_RETURN(
        nlohmann::json proof_json,
        GetJson(client, base + "/proof/consistency?old=" +
                            std::to_string(previous->size) +
                            "&size=" + std::to_string(checked.size)));
    std::vector<ledger::Hash> proof;
    for (const nlohmann::json& h : proof_json["proof"]) {
      StatusOr<std::string> raw = Base64Decode(h.get<std::string>());
      ledger::Hash hash{};
      if (raw.ok() && raw->size() == hash.size()) {
        std::copy(raw->begin(), raw->end(), hash.begin());
      }
      proof.push_back(hash);
    }
    Status consistent = ledger::VerifyConsistency(
        previous->size, checked.size, previous->root, checked.root, proof);
    if (!consistent.ok()) {
      failures.push_back({origin, std::nullopt,
                          "the node's consistency proof from size " +
                              std::to_string(previous->size) +
                              " does not verify: " + consistent.message()});
    }
  }
  if (failures.empty()) {
    Remember(checked, origin, state);
    fmt::print("feed {}: {} entries verified, checkpoint size {} OK\n", origin,
               seen, checked.size);
  }
  all->insert(all->end(), failures.begin(), failures.end());
  return OkStatus();
}

int AuditNode(const AuditArgs& args, nlohmann::json* state,
              std::vector<ledger::AuditFailure>* failures) {
  StatusOr<std::unique_ptr<sync::HttpClient>> client =
      sync::HttpClient::New(args.url, args.token);
  if (!client.ok()) return ReportError(client.status());
  StatusOr<nlohmann::json> feeds = GetJson(client->get(), "/v1/feeds");
  if (!feeds.ok()) {
    fmt::print(stderr, "error: {}\n", feeds.status().message());
    return feeds.status().code() == StatusCode::kUnavailable ? kExitUnreachable
                                                             : kExitRejected;
  }
  for (const nlohmann::json& feed : (*feeds)["feeds"]) {
    Status s = AuditRemoteFeed(client->get(), feed, state, failures);
    if (!s.ok()) {
      fmt::print(stderr, "error: {}\n", s.message());
      return s.code() == StatusCode::kUnavailable ? kExitUnreachable
                                                  : kExitRejected;
    }
  }
  return kExitOk;
}

}  // namespace

int RunAudit(const AuditArgs& args) {
  const std::string dir = StateDir(args.state_dir);
  const std::string state_path = dir + "/state.json";
  StatusOr<nlohmann::json> state = LoadState(state_path);
  if (!state.ok()) return ReportError(state.status());

  if (!args.url.empty()) {
    std::vector<ledger::AuditFailure> failures;
    const int code = AuditNode(args, &*state, &failures);
    if (code != kExitOk) return code;
    for (const ledger::AuditFailure& f : failures) {
      fmt::print("FAIL {}\n", f.ToString());
    }
    if (Status s = SaveState(dir, state_path, *state); !s.ok()) {
      return ReportError(s);
    }
    if (!failures.empty()) {
      fmt::print(
          "{} failure(s); state updated only for the feeds that "
          "passed\n",
          failures.size());
      return kExitFailure;
    }
    return kExitOk;
  }

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
  Remember(checked, origin, &*state);
  if (Status s = SaveState(dir, state_path, *state); !s.ok()) {
    return ReportError(s);
  }
  fmt::print("feed {}: {} entries verified, checkpoint size {} OK\n", origin,
             seen, checked.size);
  return kExitOk;
}

}  // namespace creditnode::node
