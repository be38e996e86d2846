// EntryHandler (api/entry_handler.h). The order of checks is fixed so that
// an unauthenticated client learns nothing about the node or its input:
// token, role, node has a feed, content type, JSON, validation, publish.
#include "api/entry_handler.h"

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>

#include "api/http_status.h"
#include "api/json_response.h"
#include "api/request_params.h"
#include "api/uri.h"
#include "ledger/entry_draft.h"
#include "ledger/json_parse.h"
#include "util/civil_date.h"
#include "util/encoding.h"
#include "util/metrics.h"

namespace creditnode::api {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) {
    s.remove_suffix(1);
  }
  return s;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// RFC 9110 §8.3.1 media type: "application/json", any case, optionally
// with parameters; a charset parameter, if given, must be UTF-8 (RFC 8259
// §8.1: JSON exchanged between systems is UTF-8).
bool IsJsonMediaType(std::string_view content_type) {
  size_t semi = content_type.find(';');
  if (Lower(Trim(content_type.substr(0, semi))) != "application/json") {
    return false;
  }
  while (semi != std::string_view::npos) {
    const std::string_view rest = content_type.substr(semi + 1);
    const size_t next = rest.find(';');
    semi = next == std::string_view::npos ? next : semi + 1 + next;
    const std::string_view param = Trim(rest.substr(0, next));
    const size_t eq = param.find('=');
    if (eq == std::string_view::npos) continue;
    if (Lower(Trim(param.substr(0, eq))) != "charset") continue;
    std::string_view value = Trim(param.substr(eq + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
      value = value.substr(1, value.size() - 2);
    }
    if (Lower(value) != "utf-8") return false;
  }
  return true;
}

Status CheckPublisher(const TokenTable& tokens, const Request& request) {
  StatusOr<Role> role = tokens.Authenticate(request.authorization);
  if (!role.ok()) return role.status();
  if (*role != Role::kPublisher) {
    return PermissionDeniedError("role " + std::string(RoleName(*role)) +
                                 " may not publish (publisher required)");
  }
  return OkStatus();
}

// Token, role, feed, media type: the checks both publish routes share.
// Returns the error response, or nullopt to go on.
std::optional<Response> CheckPublishRequest(const RouterDeps& deps,
                                            const Request& request) {
  if (Status s = CheckPublisher(*deps.tokens, request); !s.ok()) {
    return ErrorResponse(s);
  }
  if (deps.publisher == nullptr) {
    return ErrorResponse(
        UnavailableError("publish: this node has no feed of its own"));
  }
  if (!IsJsonMediaType(request.content_type)) {
    Metrics::Global().Add(Counter::kPublishRejected);
    return ErrorResponse(
        415,
        InvalidArgumentError("content-type: must be application/json (got \"" +
                             request.content_type + "\")"));
  }
  return std::nullopt;
}

// The publisher gets back what it needs to keep its own proof of what was
// signed: the exact bytes and the signature (D2), not just the position.
nlohmann::json PublishedJson(const ledger::PublishedEntry& e) {
  return {{"origin", e.ref.origin},
          {"index", e.ref.index},
          {"issued_at", FormatRfc3339Utc(e.issued_at_micros)},
          {"bytes", Base64Encode(e.bytes)},
          {"signature", Base64Encode(e.signature)}};
}

std::string EntryPath(const ledger::EntryRef& ref) {
  return "/v1/entries/" + PercentEncode(ref.origin) + "/" +
         std::to_string(ref.index);
}

StatusOr<nlohmann::json> ParseBody(const Request& request) {
  StatusOr<nlohmann::json> json = ledger::ParseJson(request.body);
  if (!json.ok()) return json.status().WithPrefix("body");
  if (!json->is_object()) {
    return InvalidArgumentError("body: must be a JSON object");
  }
  return json;
}

}  // namespace

EntryHandler::EntryHandler(RouterDeps deps) : deps_(std::move(deps)) {}

Response EntryHandler::Publish(const Request& request) const {
  if (auto error = CheckPublishRequest(deps_, request)) return *error;
  StatusOr<nlohmann::json> json = ParseBody(request);
  StatusOr<ledger::EntryDraft> draft =
      json.ok() ? ledger::ValidateDraft(*json)
                : StatusOr<ledger::EntryDraft>(json.status());
  if (!draft.ok()) {
    Metrics::Global().Add(Counter::kPublishRejected);
    return ErrorResponse(draft.status());
  }
  std::vector<ledger::EntryDraft> drafts;
  drafts.push_back(*std::move(draft));
  StatusOr<std::vector<ledger::PublishedEntry>> published =
      deps_.publisher->Publish(std::move(drafts));
  if (!published.ok()) return ErrorResponse(published.status());
  if (published->size() != 1) {
    return ErrorResponse(InternalError("publish: expected one entry back"));
  }
  const ledger::PublishedEntry& entry = published->front();
  Response response = JsonResponse(201, PublishedJson(entry));
  response.headers.emplace_back("Location", EntryPath(entry.ref));
  return response;
}

Response EntryHandler::PublishBatch(const Request& request) const {
  if (auto error = CheckPublishRequest(deps_, request)) return *error;
  auto reject = [](const Status& s) {
    Metrics::Global().Add(Counter::kPublishRejected);
    return ErrorResponse(s);
  };
  StatusOr<nlohmann::json> json = ParseBody(request);
  if (!json.ok()) return reject(json.status());
  for (const auto& [key, value] : json->items()) {
    if (key != "entries") {
      return reject(InvalidArgumentError("unknown field \"" + key + "\""));
    }
  }
  const auto it = json->find("entries");
  if (it == json->end())
    return reject(InvalidArgumentError("entries: required"));
  if (!it->is_array()) {
    return reject(InvalidArgumentError("entries: must be an array"));
  }
  if (it->empty()) {
    return reject(InvalidArgumentError("entries: must not be empty"));
  }
  if (it->size() > kMaxBatchEntries) {
    return reject(ResourceExhaustedError(
        "entries: at most " + std::to_string(kMaxBatchEntries) +
        " per batch (got " + std::to_string(it->size()) + ")"));
  }
  std::vector<ledger::EntryDraft> drafts;
  drafts.reserve(it->size());
  for (size_t i = 0; i < it->size(); ++i) {
    StatusOr<ledger::EntryDraft> draft = ledger::ValidateDraft((*it)[i]);
    if (!draft.ok()) {
      return reject(
          draft.status().WithPrefix("entries[" + std::to_string(i) + "]"));
    }
    drafts.push_back(*std::move(draft));
  }
  const size_t count = drafts.size();
  StatusOr<std::vector<ledger::PublishedEntry>> published =
      deps_.publisher->Publish(std::move(drafts));
  if (!published.ok()) return ErrorResponse(published.status());
  if (published->size() != count) {
    return ErrorResponse(InternalError("publish: entry count mismatch"));
  }
  nlohmann::json entries = nlohmann::json::array();
  for (const ledger::PublishedEntry& e : *published) {
    entries.push_back(PublishedJson(e));
  }
  return JsonResponse(201, {{"entries", std::move(entries)}});
}

Response EntryHandler::Get(const Request& request,
                           const std::vector<std::string_view>& origin,
                           std::string_view index) const {
  if (Status s = CheckEntryReader(*deps_.tokens, request.authorization);
      !s.ok()) {
    return ErrorResponse(s);
  }

  std::string origin_text;
  for (size_t i = 0; i < origin.size(); ++i) {
    StatusOr<std::string> part = PercentDecode(origin[i]);
    if (!part.ok()) return ErrorResponse(part.status().WithPrefix("origin"));
    if (i > 0) origin_text += '/';
    origin_text += *part;
  }
  if (origin_text.empty()) {
    return ErrorResponse(InvalidArgumentError("origin: empty"));
  }
  StatusOr<std::string> index_text = PercentDecode(index);
  if (!index_text.ok()) {
    return ErrorResponse(index_text.status().WithPrefix("index"));
  }
  StatusOr<uint64_t> index_value = ParseDecimalU64("index", *index_text);
  if (!index_value.ok()) return ErrorResponse(index_value.status());

  StatusOr<ledger::FeedInfo> feed = deps_.reader->GetFeed(origin_text);
  if (!feed.ok()) return ErrorResponse(feed.status());
  if (*index_value >= feed->size) {
    return ErrorResponse(NotFoundError(
        "entry " + std::to_string(*index_value) + " not found: feed " +
        origin_text + " has " + std::to_string(feed->size) + " entries"));
  }
  StatusOr<ledger::StoredEntry> stored =
      deps_.reader->GetEntry({origin_text, *index_value});
  if (!stored.ok()) return ErrorResponse(stored.status());
  // The stored bytes were validated when published; a parse failure here
  // is corruption (kDataLoss → 500), not the client's fault.
  StatusOr<nlohmann::json> entry = ledger::ParseJson(stored->bytes);
  if (!entry.ok()) {
    return ErrorResponse(DataLossError(
        "entry " + origin_text + "/" + std::to_string(*index_value) +
        ": stored bytes are not JSON: " + entry.status().message()));
  }
  nlohmann::json body = {
      {"origin", origin_text},
      {"index", *index_value},
      {"bytes", Base64Encode(stored->bytes)},
      {"signature", Base64Encode(stored->signature)},
      {"verifier_key", feed->verifier_key},
      {"entry", *std::move(entry)},
  };
  return JsonResponse(200, body);
}

}  // namespace creditnode::api
