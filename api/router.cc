// Router (api/router.h): path matching, method checks and the two small
// routes (health, metrics); the entry, subject, feed, proof and tlog
// routes are in their handlers. Matching works on still-encoded segments,
// so an encoded '/' (%2F) inside an origin never splits it.
#include "api/router.h"

#include <exception>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "api/http_status.h"
#include "api/json_response.h"
#include "api/uri.h"
#include "util/metrics.h"

namespace creditnode::api {
namespace {

enum class RouteId {
  kHealth,
  kPublishEntry,
  kPublishBatch,
  kGetEntry,
  kGetSubject,
  kListFeeds,
  kGetCheckpoint,
  kGetFeedEntries,
  kInclusionProof,
  kConsistencyProof,
  kTlogCheckpoint,
  kTlogTile,
  kTlogEntryBundle,
  kMetrics,
};

struct RouteDef {
  RouteId id;
  RouteSpec spec;
};

// Same order as Routes(); each path template has one method.
const RouteDef kRouteDefs[] = {
    {RouteId::kHealth, {"GET", "/v1/health", RouteClass::kRead}},
    {RouteId::kPublishEntry,
     {"POST", "/v1/entries", RouteClass::kPublishEntry}},
    {RouteId::kPublishBatch,
     {"POST", "/v1/entries/batch", RouteClass::kPublishBatch}},
    {RouteId::kGetEntry,
     {"GET", "/v1/entries/{origin}/{index}", RouteClass::kRead}},
    {RouteId::kGetSubject, {"GET", "/v1/subjects/{id}", RouteClass::kRead}},
    {RouteId::kListFeeds, {"GET", "/v1/feeds", RouteClass::kRead}},
    {RouteId::kGetCheckpoint,
     {"GET", "/v1/feeds/{origin}/checkpoint", RouteClass::kRead}},
    {RouteId::kGetFeedEntries,
     {"GET", "/v1/feeds/{origin}/entries", RouteClass::kRead}},
    {RouteId::kInclusionProof,
     {"GET", "/v1/feeds/{origin}/proof/inclusion", RouteClass::kRead}},
    {RouteId::kConsistencyProof,
     {"GET", "/v1/feeds/{origin}/proof/consistency", RouteClass::kRead}},
    {RouteId::kTlogCheckpoint,
     {"GET", "/v1/feeds/{origin}/tlog/checkpoint", RouteClass::kRead}},
    {RouteId::kTlogTile,
     {"GET", "/v1/feeds/{origin}/tlog/tile/{level}/{tile_index}",
      RouteClass::kRead}},
    {RouteId::kTlogEntryBundle,
     {"GET", "/v1/feeds/{origin}/tlog/tile/entries/{tile_index}",
      RouteClass::kRead}},
    {RouteId::kMetrics, {"GET", "/metrics", RouteClass::kRead}},
};

const RouteDef& DefOf(RouteId id) {
  for (const RouteDef& def : kRouteDefs) {
    if (def.id == id) return def;
  }
  return kRouteDefs[0];  // unreachable: every RouteId is in the table
}

// The /v1/feeds routes: s[2] is the origin, one segment. A tile path has
// a variable number of segments ({tile_index} is x001/x234/067.p/8, say);
// TlogHandler parses it.
std::optional<RouteId> MatchFeedPath(const std::vector<std::string_view>& s) {
  if (s.size() == 2) return RouteId::kListFeeds;
  if (s.size() == 4 && s[3] == "checkpoint") return RouteId::kGetCheckpoint;
  if (s.size() == 4 && s[3] == "entries") return RouteId::kGetFeedEntries;
  if (s.size() == 5 && s[3] == "proof") {
    if (s[4] == "inclusion") return RouteId::kInclusionProof;
    if (s[4] == "consistency") return RouteId::kConsistencyProof;
    return std::nullopt;
  }
  if (s.size() < 5 || s[3] != "tlog") return std::nullopt;
  if (s.size() == 5 && s[4] == "checkpoint") return RouteId::kTlogCheckpoint;
  if (s.size() >= 6 && s[4] == "tile") {
    return s[5] == "entries" ? RouteId::kTlogEntryBundle : RouteId::kTlogTile;
  }
  return std::nullopt;
}

// The routes that take query parameters (each handler checks the names).
bool TakesQuery(RouteId id) {
  return id == RouteId::kGetSubject || id == RouteId::kGetFeedEntries ||
         id == RouteId::kInclusionProof || id == RouteId::kConsistencyProof;
}

// The route whose path template matches `segments`, ignoring the method.
std::optional<RouteId> MatchPath(const std::vector<std::string_view>& s) {
  if (s.size() == 1 && s[0] == "metrics") return RouteId::kMetrics;
  if (s.size() < 2 || s[0] != "v1") return std::nullopt;
  if (s.size() == 2 && s[1] == "health") return RouteId::kHealth;
  if (s[1] == "subjects" && s.size() == 3) return RouteId::kGetSubject;
  if (s[1] == "feeds") return MatchFeedPath(s);
  if (s[1] != "entries") return std::nullopt;
  if (s.size() == 2) return RouteId::kPublishEntry;
  if (s.size() == 3 && s[2] == "batch") return RouteId::kPublishBatch;
  // An origin contains '/': clients should send it as %2F, but a plain '/'
  // leaves the index last and is unambiguous, so both are accepted.
  if (s.size() >= 4) return RouteId::kGetEntry;
  return std::nullopt;
}

Response NotFound(std::string_view path) {
  return ErrorResponse(
      NotFoundError("no route for path \"" + std::string(path) + "\""));
}

Response MethodNotAllowed(std::string_view method, const RouteSpec& spec) {
  Response response = ErrorResponse(
      405, InvalidArgumentError(
               "method " + std::string(method) + " not allowed on " +
               std::string(spec.path_template) +
               " (allowed: " + std::string(spec.method) + ")"));
  response.headers.emplace_back("Allow", std::string(spec.method));
  return response;
}

}  // namespace

Router::Router(RouterDeps deps)
    : deps_(std::move(deps)),
      entries_(deps_),
      subjects_(deps_),
      feeds_(deps_),
      proofs_(deps_),
      tlog_(deps_) {}

const std::vector<RouteSpec>& Router::Routes() {
  static const std::vector<RouteSpec>* routes = [] {
    auto* v = new std::vector<RouteSpec>();
    for (const RouteDef& def : kRouteDefs) v->push_back(def.spec);
    return v;
  }();
  return *routes;
}

RouteClass Router::Classify(std::string_view method, std::string_view target) {
  const TargetParts parts = SplitTarget(target);
  if (parts.path.empty() || parts.path.front() != '/') return RouteClass::kRead;
  const std::optional<RouteId> id = MatchPath(SplitPath(parts.path));
  if (!id.has_value()) return RouteClass::kRead;
  const RouteSpec& spec = DefOf(*id).spec;
  return method == spec.method ? spec.route_class : RouteClass::kRead;
}

Response Router::Handle(const Request& request) const {
  // Handlers return errors as Status; this is the last line for what they
  // do not expect (std::bad_alloc, a library throwing). R2.
  try {
    return HandleOrThrow(request);
  } catch (const std::exception& e) {
    return ErrorResponse(
        InternalError(std::string("unexpected exception: ") + e.what()));
  } catch (...) {
    return ErrorResponse(InternalError("unexpected exception"));
  }
}

Response Router::HandleOrThrow(const Request& request) const {
  const TargetParts parts = SplitTarget(request.target);
  if (parts.path.empty() || parts.path.front() != '/') {
    return ErrorResponse(
        InvalidArgumentError("request target: must start with '/'"));
  }
  const std::vector<std::string_view> segments = SplitPath(parts.path);
  const std::optional<RouteId> id = MatchPath(segments);
  if (!id.has_value()) return NotFound(parts.path);
  const RouteSpec& spec = DefOf(*id).spec;
  if (request.method != spec.method) {
    return MethodNotAllowed(request.method, spec);
  }
  StatusOr<std::map<std::string, std::string>> query = ParseQuery(parts.query);
  if (!query.ok()) return ErrorResponse(query.status());
  if (!TakesQuery(*id) && !query->empty()) {
    return ErrorResponse(InvalidArgumentError("query: unknown parameter \"" +
                                              query->begin()->first + "\""));
  }

  switch (*id) {
    case RouteId::kHealth:
      return Health();
    case RouteId::kMetrics:
      return MetricsText();
    case RouteId::kPublishEntry:
      return entries_.Publish(request);
    case RouteId::kPublishBatch:
      return entries_.PublishBatch(request);
    case RouteId::kGetEntry: {
      const std::vector<std::string_view> origin(segments.begin() + 2,
                                                 segments.end() - 1);
      return entries_.Get(request, origin, segments.back());
    }
    case RouteId::kGetSubject:
      return subjects_.Get(request, segments[2], *query);
    case RouteId::kListFeeds:
      return feeds_.List();
    case RouteId::kGetCheckpoint:
    case RouteId::kTlogCheckpoint:
      return feeds_.Checkpoint(segments[2]);
    case RouteId::kGetFeedEntries:
      return feeds_.Entries(request, segments[2], *query);
    case RouteId::kInclusionProof:
      return proofs_.Inclusion(segments[2], *query);
    case RouteId::kConsistencyProof:
      return proofs_.Consistency(segments[2], *query);
    case RouteId::kTlogTile:
      return tlog_.Tile(segments[2], {segments.begin() + 5, segments.end()});
    case RouteId::kTlogEntryBundle:
      return tlog_.EntryBundle(request, segments[2],
                               {segments.begin() + 5, segments.end()});
  }
  return NotFound(parts.path);
}

Response Router::Health() const {
  StatusOr<std::vector<ledger::FeedInfo>> feeds = deps_.reader->ListFeeds();
  if (!feeds.ok()) return ErrorResponse(feeds.status());
  // The node's own feed and its size (null without one): a publisher
  // checks here that its entries have landed.
  nlohmann::json origin = nullptr;
  nlohmann::json size = nullptr;
  if (deps_.publisher != nullptr) {
    StatusOr<ledger::FeedInfo> own =
        deps_.reader->GetFeed(deps_.publisher->origin());
    if (!own.ok()) return ErrorResponse(own.status());
    origin = own->origin;
    size = own->size;
  }
  nlohmann::json body = {
      {"status", "ok"},
      {"origin", std::move(origin)},
      {"size", std::move(size)},
      {"feeds", feeds->size()},
  };
  return JsonResponse(200, body);
}

Response Router::MetricsText() const {
  Response response;
  response.status = 200;
  response.content_type = std::string(kPrometheusContentType);
  response.body = deps_.metrics_text ? deps_.metrics_text()
                                     : Metrics::Global().RenderPrometheus();
  return response;
}

}  // namespace creditnode::api
