// Router: the HTTP API of a node as one pure function from Request to
// Response (Beast's handle_request, style R10); it never sees a socket or a
// Beast type. Routes and their schemas are in docs/openapi.yaml, which a
// test keeps in step with Routes(). Under /v1/feeds/{origin}/ the origin
// is one path segment (its '/' sent as %2F), decoded after splitting.
// Unknown path → 404, known path with another method → 405 with Allow; every
// error body is
// {"error":{"code","message"}} (api/http_status.h). Handle() never throws.
// Thread-safe: const after construction; thread-safe if RouterDeps' objects
// are (FeedReader, Publisher and Clock implementations are).
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "api/entry_handler.h"
#include "api/feed_handler.h"
#include "api/http_types.h"
#include "api/proof_handler.h"
#include "api/router_deps.h"
#include "api/subject_handler.h"
#include "api/tlog_handler.h"

namespace creditnode::api {

// How the server treats a request before its body is read: the body limit
// and whether Handle() may block (publishes wait for the WAL fsync and run
// on the server's thread pool, Beast #1077).
enum class RouteClass {
  kRead,          // GETs, unknown paths: small body, handled inline
  kPublishEntry,  // POST /v1/entries: one draft, blocking
  kPublishBatch,  // POST /v1/entries/batch: many drafts, blocking
};

struct RouteSpec {
  std::string_view method;         // "GET", "POST"
  std::string_view path_template;  // as in docs/openapi.yaml, e.g.
                                   // "/v1/entries/{origin}/{index}"
  RouteClass route_class;
};

class Router {
 public:
  // REQUIRES: deps.reader, deps.tokens and deps.clock are non-null and
  // outlive the router (so does deps.publisher if non-null).
  explicit Router(RouterDeps deps);

  Router(const Router&) = delete;
  Router& operator=(const Router&) = delete;

  // Answers one request. Never throws; an unexpected exception becomes
  // 500 INTERNAL.
  Response Handle(const Request& request) const;

  // The class of the route `method` + `target` would reach; kRead for an
  // unknown path or a method the path does not allow.
  static RouteClass Classify(std::string_view method, std::string_view target);

  // Every route served, in a fixed order.
  static const std::vector<RouteSpec>& Routes();

 private:
  Response HandleOrThrow(const Request& request) const;
  Response Health() const;
  Response MetricsText() const;

  // Constant after construction.
  const RouterDeps deps_;
  const EntryHandler entries_;
  const SubjectHandler subjects_;
  const FeedHandler feeds_;
  const ProofHandler proofs_;
  const TlogHandler tlog_;
};

}  // namespace creditnode::api
