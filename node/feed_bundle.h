// Offline feed bundles (docs/audit.md): one feed's verifier key, latest
// checkpoint and every entry it covers, as JSON lines so that any size can
// be written and checked streaming:
//   {"format":"creditnode-bundle-v1","origin":O,"verifier_key":K,"checkpoint":NOTE}
//   {"index":0,"bytes":"<base64>","signature":"<base64>"}
//   ... one line per entry, in index order.
// Thread-compatible.
#pragma once

#include <cstdint>
#include <functional>
#include <istream>
#include <ostream>
#include <string>
#include <string_view>

#include "ledger/feed_reader.h"
#include "util/status.h"

namespace creditnode::node {

inline constexpr std::string_view kBundleFormat = "creditnode-bundle-v1";

struct BundleHeader {
  std::string origin;
  std::string verifier_key;
  std::string checkpoint;  // signed note text
};

// Writes feed `origin` of `reader` up to its latest checkpoint's size.
// Returns the number of entries written. kFailedPrecondition if the feed
// has no checkpoint yet; kUnavailable if writing fails.
StatusOr<uint64_t> WriteBundle(const ledger::FeedReader& reader,
                               const std::string& origin, std::ostream& out);

// Reads a bundle: `on_header` once, then `on_entry` per entry line in file
// order (the caller checks order and content). kInvalidArgument naming the
// line for malformed JSON, a missing field or bad base64; an error from a
// callback stops reading and is returned.
Status ReadBundle(
    std::istream& in,
    const std::function<Status(const BundleHeader&)>& on_header,
    const std::function<Status(uint64_t index, std::string_view bytes,
                               std::string_view signature)>& on_entry);

}  // namespace creditnode::node
