// Page tokens of GET /v1/subjects/{id} (docs/openapi.yaml): the
// ledger::LookupCursor of a page's last entry, written as
// "ISSUED_AT_MICROS.INDEX.ORIGIN" (decimal, decimal, the feed origin, whose
// characters D1 limits to [a-z0-9._/:-]). Clients treat it as opaque and
// percent-encode it in the query like any value. Pure functions;
// thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "ledger/subject_lookup.h"
#include "util/status.h"

namespace creditnode::api {

std::string EncodePageToken(const ledger::LookupCursor& cursor);

// kInvalidArgument("page_token: malformed") unless `token` is what
// EncodePageToken writes for some cursor with a valid origin
// (ledger::ValidateOrigin).
StatusOr<ledger::LookupCursor> DecodePageToken(std::string_view token);

}  // namespace creditnode::api
