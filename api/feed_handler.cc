// FeedHandler (api/feed_handler.h). The checkpoint is served as the stored
// note text, never re-serialised: its signatures (the feed's and the
// witnesses' cosignatures) cover those exact bytes (C2SP signed-note).
#include "api/feed_handler.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "api/http_status.h"
#include "api/json_response.h"
#include "util/encoding.h"

namespace creditnode::api {
namespace {

// Checkpoints change every second or so while a feed grows; a client (or a
// cache between it and the node) may reuse one for at most that long.
constexpr char kCheckpointCacheControl[] = "public, max-age=1";

}  // namespace

FeedHandler::FeedHandler(RouterDeps deps) : deps_(std::move(deps)) {}

Response FeedHandler::List() const {
  StatusOr<std::vector<ledger::FeedInfo>> feeds = deps_.reader->ListFeeds();
  if (!feeds.ok()) return ErrorResponse(feeds.status());
  nlohmann::json list = nlohmann::json::array();
  for (const ledger::FeedInfo& feed : *feeds) {
    StatusOr<std::optional<ledger::StoredCheckpoint>> latest =
        deps_.reader->LatestCheckpoint(feed.origin);
    if (!latest.ok()) return ErrorResponse(latest.status());
    nlohmann::json checkpoint = nullptr;
    nlohmann::json checkpoint_size = nullptr;
    if (latest->has_value()) {
      checkpoint = (*latest)->note;
      checkpoint_size = (*latest)->size;
    }
    list.push_back({{"origin", feed.origin},
                    {"verifier_key", feed.verifier_key},
                    {"size", feed.size},
                    {"checkpoint_size", std::move(checkpoint_size)},
                    {"checkpoint", std::move(checkpoint)}});
  }
  return JsonResponse(200, {{"feeds", std::move(list)}});
}

Response FeedHandler::Checkpoint(std::string_view encoded_origin) const {
  StatusOr<std::string> origin = DecodeOriginSegment(encoded_origin);
  if (!origin.ok()) return ErrorResponse(origin.status());
  StatusOr<std::optional<ledger::StoredCheckpoint>> latest =
      deps_.reader->LatestCheckpoint(*origin);
  if (!latest.ok()) return ErrorResponse(latest.status());
  if (!latest->has_value()) {
    return ErrorResponse(
        NotFoundError("feed " + *origin + " has no checkpoint yet"));
  }
  Response response;
  response.status = 200;
  // tlog-tiles: "with Content-Type: text/plain; charset=utf-8".
  response.content_type = "text/plain; charset=utf-8";
  response.body = std::move((*latest)->note);
  response.headers.emplace_back("Cache-Control", kCheckpointCacheControl);
  return response;
}

Response FeedHandler::Entries(const Request& request,
                              std::string_view encoded_origin,
                              const QueryParams& query) const {
  // The token first: without one, a client learns nothing, not even
  // whether its parameters were well formed.
  if (Status s = CheckEntryReader(*deps_.tokens, request.authorization);
      !s.ok()) {
    return ErrorResponse(s);
  }
  StatusOr<std::string> origin = DecodeOriginSegment(encoded_origin);
  if (!origin.ok()) return ErrorResponse(origin.status());
  if (Status s = CheckQueryNames(query, {"start", "end"}); !s.ok()) {
    return ErrorResponse(s);
  }
  StatusOr<uint64_t> start = RequiredQueryNumber(query, "start");
  if (!start.ok()) return ErrorResponse(start.status());
  StatusOr<uint64_t> end = RequiredQueryNumber(query, "end");
  if (!end.ok()) return ErrorResponse(end.status());
  if (*start > *end) {
    return ErrorResponse(
        InvalidArgumentError("start " + std::to_string(*start) +
                             " is above end " + std::to_string(*end)));
  }
  const uint64_t page_end =
      *start + std::min<uint64_t>(*end - *start, kMaxPageEntries);
  StatusOr<std::vector<ledger::StoredEntry>> entries =
      deps_.reader->GetEntries(*origin, *start, page_end);
  if (!entries.ok()) return ErrorResponse(entries.status());

  nlohmann::json list = nlohmann::json::array();
  size_t bytes = 0;
  for (const ledger::StoredEntry& e : *entries) {
    if (!list.empty() && bytes + e.bytes.size() > kMaxPageBytes) break;
    bytes += e.bytes.size();
    list.push_back({{"index", e.ref.index},
                    {"bytes", Base64Encode(e.bytes)},
                    {"signature", Base64Encode(e.signature)}});
  }
  return JsonResponse(200, {{"entries", std::move(list)}});
}

}  // namespace creditnode::api
