// BundleFeedSource: a ledger::FeedSource over an offline bundle file
// (node/feed_bundle.h, docs/audit.md): one feed, its entry lines read once,
// front to back, one line at a time through a reused buffer. It offers no
// consistency proofs (the auditor recomputes consistency from the entries).
// Thread-compatible.
#pragma once

#include <cstddef>
#include <cstdint>
#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ledger/feed_source.h"
#include "node/feed_bundle.h"
#include "util/status.h"

namespace creditnode::node {

class BundleFeedSource final : public ledger::FeedSource {
 public:
  // Opens `path` and reads its header line. kNotFound if it cannot be
  // opened; kInvalidArgument("bundle line 1: ...") for a bad header or an
  // empty file.
  static StatusOr<std::unique_ptr<BundleFeedSource>> Open(
      const std::string& path);

  const BundleHeader& header() const { return header_; }

  // The header's feed.
  StatusOr<std::vector<ledger::SourceFeed>> ListFeeds() override;
  // The next entry lines, in file order, with the indices they claim.
  // kFailedPrecondition for another origin or a `start` that is not where
  // the previous call stopped; kInvalidArgument("bundle line N: ...") for a
  // malformed line.
  StatusOr<size_t> ReadEntries(std::string_view origin, uint64_t start,
                               uint64_t end,
                               std::vector<ledger::SourceEntry>* page) override;
  // Always nullopt: a bundle carries no proofs.
  StatusOr<std::optional<std::vector<ledger::Hash>>> ConsistencyProof(
      std::string_view origin, uint64_t old_size, uint64_t size) override;

  // Reads the rest of the file and returns how many entry lines it holds
  // beyond those ReadEntries returned (a bundle must hold exactly the
  // checkpoint's entries). Blank lines are not counted.
  StatusOr<uint64_t> CountRemainingLines();

 private:
  BundleFeedSource() = default;

  std::ifstream in_;
  BundleHeader header_;
  std::string line_;      // reused for every line
  uint64_t line_no_ = 1;  // of the last line read
  uint64_t entries_read_ = 0;
};

}  // namespace creditnode::node
