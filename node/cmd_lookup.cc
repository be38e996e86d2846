// `creditnode lookup`: the entries about a subject, printed as exactly the
// JSON body GET /v1/subjects/{id} returns (docs/api.md). Rather than
// re-render, it asks the node's own api::Router over the store: the full
// view with a one-time auditor token, the public view (D8) with none, so
// the CLI and the HTTP API cannot drift apart.
#include <fmt/core.h>

#include <nlohmann/json.hpp>

#include "api/router.h"
#include "api/token_table.h"
#include "api/uri.h"
#include "crypto/random.h"
#include "ledger/json_parse.h"
#include "node/commands.h"
#include "node/config.h"
#include "node/local_feed.h"

namespace creditnode::node {
namespace {

// The Status an error response of the Router stands for: its code name and
// message ({"error":{"code","message"}}, api/http_status.h).
Status StatusOfErrorBody(int http_status, const std::string& body) {
  StatusOr<nlohmann::json> doc = ledger::ParseJson(body);
  std::string code;
  std::string message = "HTTP " + std::to_string(http_status);
  if (doc.ok() && doc->is_object() && doc->contains("error") &&
      (*doc)["error"].is_object()) {
    const nlohmann::json& e = (*doc)["error"];
    if (e.contains("code") && e["code"].is_string())
      code = e["code"].get<std::string>();
    if (e.contains("message") && e["message"].is_string()) {
      message = e["message"].get<std::string>();
    }
  }
  if (code == "INVALID_ARGUMENT") return InvalidArgumentError(message);
  if (code == "RESOURCE_EXHAUSTED") return ResourceExhaustedError(message);
  if (code == "DATA_LOSS") return DataLossError(message);
  if (code == "NOT_FOUND") return NotFoundError(message);
  return InternalError(message);
}

}  // namespace

int RunLookup(const LookupArgs& args) {
  if (Status s = crypto::InitCrypto(); !s.ok()) return ReportError(s);
  // The config first: a data dir that was never initialised gets "run
  // `creditnode init` first" rather than a storage error.
  StatusOr<Config> config = LoadConfig(args.data_dir);
  if (!config.ok()) return ReportError(config.status());
  StatusOr<std::unique_ptr<ledger::FeedStore>> store =
      OpenNodeStore(args.data_dir, *config, StoreAccess::kReadOnly);
  if (!store.ok()) return ReportError(store.status());

  api::TokenTable tokens;
  const std::string token = crypto::RandomHexToken(32);
  if (Status s = tokens.Add(token, api::Role::kAuditor); !s.ok())
    return ReportError(s);
  api::RouterDeps deps;
  deps.reader = store->get();
  deps.tokens = &tokens;
  deps.clock = SystemClock::Default();
  const api::Router router(std::move(deps));

  api::Request request;
  request.method = "GET";
  request.target = "/v1/subjects/" + api::PercentEncode(args.id);
  std::string sep = "?";
  if (!args.as_of.empty()) {
    request.target += sep + "as_of=" + api::PercentEncode(args.as_of);
    sep = "&";
  }
  if (!args.scheme.empty())
    request.target += sep + "scheme=" + api::PercentEncode(args.scheme);
  if (!args.public_view) request.authorization = "Bearer " + token;

  const api::Response response = router.Handle(request);
  if (response.status != 200) {
    return ReportError(StatusOfErrorBody(response.status, response.body));
  }
  fmt::print("{}\n", response.body);
  return kExitOk;
}

}  // namespace creditnode::node
