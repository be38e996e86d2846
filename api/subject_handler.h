// SubjectHandler: GET /v1/subjects/{id} (docs/openapi.yaml): every entry
// about a subject across all feeds with its status at a date, in the
// public view (no token: D8) or the full view (any valid token). Resident
// ID numbers are masked everywhere in the public view. Each entry carries
// "checkpoint_size": the size of its feed's latest checkpoint if that
// covers the entry, else null. Never throws.
// Thread-safe: const after construction.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "api/http_types.h"
#include "api/router_deps.h"

namespace creditnode::api {

class SubjectHandler {
 public:
  // Most entries one lookup may match (all are read to derive statuses);
  // more → 413 RESOURCE_EXHAUSTED.
  static constexpr size_t kMatchLimit = 100000;
  // Entries per page: page_size defaults to and may not exceed this.
  static constexpr size_t kMaxPageSize = 1000;

  // `deps` as for Router (its pointers must outlive this handler).
  explicit SubjectHandler(RouterDeps deps);

  // `encoded_id`: the {id} path segment, still percent-encoded. `query`:
  // the parsed query (as_of=YYYY-MM-DD, scheme=uscc|org_code|resident_id,
  // page_size=1..kMaxPageSize, page_token=the next_page_token of the page
  // before; anything else → 400). An Authorization header that does not name a
  // valid token → 401 (a client that sent one expects the full view).
  Response Get(const Request& request, std::string_view encoded_id,
               const std::map<std::string, std::string>& query) const;

 private:
  // Constant after construction.
  const RouterDeps deps_;
};

}  // namespace creditnode::api
