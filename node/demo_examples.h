// DemoExamples: the three subject IDs `creditnode demo` prints as example
// queries (docs/CLI.md), each returning at least one entry in the public
// view (D8) so the URLs work without a token: one by USCC, one by the
// organization code inside another USCC, and one about a subject with a
// lifecycle entry (repaired, corrected, under objection or revoked
// record). Kept in <data dir>/demo.json so a rerun prints the same ones.
// Pure functions over a FeedReader (thread-safe if the reader is) and
// file I/O.
#pragma once

#include <string>
#include <vector>

#include "ledger/feed_reader.h"
#include "util/civil_date.h"
#include "util/status.h"

namespace creditnode::node {

inline constexpr size_t kDemoExampleCount = 3;

// OK if the lookup of `id` (any valid interpretation, as GET
// /v1/subjects/{id} does) returns 1..1000 entries in the public view at
// `today`. kInvalidArgument if `id` is no valid identifier; kNotFound if
// the public view is empty; kResourceExhausted if it is over the limit.
Status CheckPublicExample(const ledger::FeedReader& reader,
                          const std::string& id, CivilDate today);

// Scans feed `origin` and picks kDemoExampleCount IDs in the order above,
// each passing CheckPublicExample. Distinct subjects where the feed has
// enough; otherwise a subject is shown twice (by USCC and by its org code).
// kFailedPrecondition if no subject is visible in the public view at all.
StatusOr<std::vector<std::string>> PickDemoExamples(
    const ledger::FeedReader& reader, const std::string& origin,
    CivilDate today);

// <data dir>/demo.json: {"examples": [ids...]}. Load: kNotFound if the
// file is absent, kInvalidArgument if malformed. Save: atomically, 0600.
std::string DemoExamplesPath(const std::string& data_dir);
StatusOr<std::vector<std::string>> LoadDemoExamples(const std::string& path);
Status SaveDemoExamples(const std::string& path,
                        const std::vector<std::string>& ids);

}  // namespace creditnode::node
