// BundleFeedSource (node/bundle_feed_source.h).

#include "node/bundle_feed_source.h"

#include <utility>

namespace creditnode::node {

StatusOr<std::unique_ptr<BundleFeedSource>> BundleFeedSource::Open(
    const std::string& path) {
  std::unique_ptr<BundleFeedSource> source(new BundleFeedSource());
  source->in_.open(path, std::ios::binary);
  if (!source->in_) return NotFoundError(path + ": cannot open");
  if (!std::getline(source->in_, source->line_)) {
    return InvalidArgumentError("bundle line 1: empty file");
  }
  CN_ASSIGN_OR_RETURN(source->header_, ParseBundleHeader(source->line_));
  return source;
}

StatusOr<std::vector<ledger::SourceFeed>> BundleFeedSource::ListFeeds() {
  ledger::SourceFeed feed;
  feed.origin = header_.origin;
  feed.verifier_key = header_.verifier_key;
  feed.checkpoint = header_.checkpoint;
  return std::vector<ledger::SourceFeed>{std::move(feed)};
}

StatusOr<size_t> BundleFeedSource::ReadEntries(
    std::string_view origin, uint64_t start, uint64_t end,
    std::vector<ledger::SourceEntry>* page) {
  if (origin != header_.origin) {
    return FailedPreconditionError("bundle holds feed " + header_.origin +
                                   ", not " + std::string(origin));
  }
  if (start != entries_read_) {
    return FailedPreconditionError(
        "bundle is read in order: next entry line is number " +
        std::to_string(entries_read_) + ", not " + std::to_string(start));
  }
  const uint64_t want = end - start;
  size_t n = 0;
  while (n < want && std::getline(in_, line_)) {
    ++line_no_;
    if (line_.empty()) continue;  // a blank line carries nothing
    if (page->size() <= n) page->resize(n + 1);
    ledger::SourceEntry& e = (*page)[n];
    CN_RETURN_IF_ERROR(
        ParseBundleEntry(line_, line_no_, &e.index, &e.bytes, &e.signature));
    ++n;
  }
  entries_read_ += n;
  return n;
}

StatusOr<std::optional<std::vector<ledger::Hash>>>
BundleFeedSource::ConsistencyProof(std::string_view, uint64_t, uint64_t) {
  return std::optional<std::vector<ledger::Hash>>();
}

StatusOr<uint64_t> BundleFeedSource::CountRemainingLines() {
  uint64_t extra = 0;
  while (std::getline(in_, line_)) {
    ++line_no_;
    if (!line_.empty()) ++extra;
  }
  return extra;
}

}  // namespace creditnode::node
