// AuditFeeds (ledger/feed_auditor.h).

#include "ledger/feed_auditor.h"

#include <algorithm>
#include <optional>
#include <set>
#include <utility>

#include "ledger/merkle_proof.h"

namespace creditnode::ledger {

namespace {

// Reads and checks the entries 0 .. audit->size()-1; returns how many the
// source gave. A short source is not an error here: FeedAudit::Finish
// reports the shortfall as the feed's failure.
StatusOr<uint64_t> StreamEntries(FeedSource* source, const std::string& origin,
                                 uint64_t page_entries, FeedAudit* audit,
                                 AuditObserver* observer,
                                 std::vector<SourceEntry>* page) {
  const uint64_t size = audit->size();
  observer->FeedStarted(origin, size);
  uint64_t next = 0;
  while (next < size) {
    const uint64_t want = std::min(page_entries, size - next);
    CN_ASSIGN_OR_RETURN(size_t n,
                        source->ReadEntries(origin, next, next + want, page));
    if (n == 0) break;
    // A source never hands back more than was asked; clamp rather than
    // trust it, so the count below stays the number actually checked.
    n = static_cast<size_t>(std::min<uint64_t>(n, want));
    for (size_t i = 0; i < n; ++i) {
      const SourceEntry& e = (*page)[i];
      audit->AddEntry(e.index, e.bytes, e.signature);
    }
    next += n;
    observer->EntriesChecked(next);
  }
  observer->FeedFinished();
  return next;
}

StatusOr<FeedAuditResult> AuditOne(FeedSource* source, const SourceFeed& feed,
                                   const AuditedCheckpoint* recorded,
                                   const AuditOptions& options,
                                   AuditObserver* observer,
                                   std::vector<SourceEntry>* page) {
  FeedAuditResult result;
  result.origin = feed.origin;
  if (!feed.checkpoint) {
    // Before its first checkpoint a feed commits to nothing; but one that
    // was audited before cannot lose its checkpoints.
    if (recorded != nullptr) {
      result.failures.push_back(
          {feed.origin, std::nullopt,
           "no checkpoint served, though the last audit verified size " +
               std::to_string(recorded->size)});
    }
    return result;
  }
  result.has_checkpoint = true;
  std::optional<AuditedCheckpoint> previous;
  if (recorded != nullptr) previous = *recorded;
  FeedAudit audit(feed.origin, feed.verifier_key, *feed.checkpoint, previous,
                  options.feed);
  result.checkpoint_verified = audit.can_check_entries();
  if (audit.can_check_entries()) {
    CN_ASSIGN_OR_RETURN(result.entries_verified,
                        StreamEntries(source, feed.origin, options.page_entries,
                                      &audit, observer, page));
  }
  result.checked = audit.Checked();
  // The recomputed prefix root (in FeedAudit) already proves consistency;
  // the source's proof is checked too because a node must also serve
  // proofs that hold: other verifiers rely on them without the entries.
  if (audit.can_check_entries() && previous && previous->size > 0 &&
      previous->size < result.checked.size) {
    CN_ASSIGN_OR_RETURN(std::optional<std::vector<Hash>> proof,
                        source->ConsistencyProof(feed.origin, previous->size,
                                                 result.checked.size));
    if (proof) {
      Status s = VerifyConsistency(previous->size, result.checked.size,
                                   previous->root, result.checked.root, *proof);
      if (!s.ok()) {
        audit.Fail(std::nullopt, "the source's consistency proof from size " +
                                     std::to_string(previous->size) + " to " +
                                     std::to_string(result.checked.size) +
                                     " does not verify: " + s.message());
      }
    }
  }
  result.failures = audit.Finish();
  return result;
}

}  // namespace

StatusOr<std::vector<FeedAuditResult>> AuditFeeds(FeedSource* source,
                                                  const AuditState& previous,
                                                  const AuditOptions& options,
                                                  AuditObserver* observer) {
  AuditObserver silent;
  if (observer == nullptr) observer = &silent;
  CN_ASSIGN_OR_RETURN(std::vector<SourceFeed> feeds, source->ListFeeds());
  std::vector<FeedAuditResult> results;
  std::set<std::string, std::less<>> listed;
  std::vector<SourceEntry> page;  // reused by every feed
  for (const SourceFeed& feed : feeds) {
    if (!listed.insert(feed.origin).second) {
      FeedAuditResult twice;
      twice.origin = feed.origin;
      twice.failures.push_back(
          {feed.origin, std::nullopt, "the source lists this feed twice"});
      results.push_back(std::move(twice));
      continue;
    }
    auto it = previous.find(feed.origin);
    StatusOr<FeedAuditResult> r =
        AuditOne(source, feed, it == previous.end() ? nullptr : &it->second,
                 options, observer, &page);
    if (!r.ok()) return r.status().WithPrefix("feed " + feed.origin);
    results.push_back(*std::move(r));
  }
  for (const std::string& origin : options.expected_origins) {
    auto recorded_it = previous.find(origin);
    if (listed.count(origin) != 0 || recorded_it == previous.end()) continue;
    FeedAuditResult missing;
    missing.origin = origin;
    missing.failures.push_back({origin, std::nullopt,
                                "the last audit verified this feed at size " +
                                    std::to_string(recorded_it->second.size) +
                                    "; the source no longer lists it"});
    results.push_back(std::move(missing));
  }
  return results;
}

}  // namespace creditnode::ledger
