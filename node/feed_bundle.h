// Offline feed bundles (docs/audit.md): one feed's verifier key, latest
// checkpoint and every entry it covers, as JSON lines so that any size can
// be written and checked streaming:
//   {"format":"creditnode-bundle-v1","origin":O,"verifier_key":K,"checkpoint":NOTE}
//   {"index":0,"bytes":"<base64>","signature":"<base64>"}
//   ... one line per entry, in index order.
// Thread-compatible.
#pragma once

#include <cstdint>
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

// Parses the header line (line 1). kInvalidArgument("bundle line 1: ...")
// for malformed JSON, another format or a missing field.
StatusOr<BundleHeader> ParseBundleHeader(std::string_view line);

// Parses entry line `line_no` into *index, *bytes and *signature (their
// buffers are reused). kInvalidArgument("bundle line N: ...") for
// malformed JSON, a missing or mistyped field, or bad base64.
Status ParseBundleEntry(std::string_view line, uint64_t line_no,
                        uint64_t* index, std::string* bytes,
                        std::string* signature);

}  // namespace creditnode::node
