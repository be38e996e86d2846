// AuditFeeds: walks every feed of a FeedSource and checks each with a
// FeedAudit (ledger/feed_audit.h): key, checkpoint signature, every entry's
// signature and content, the root over all entries, and consistency with
// what the previous audit recorded — recomputed from the entries and, if
// the source offers one, through its RFC 9162 consistency proof
// (docs/audit.md). Entries are streamed page by page through reused
// buffers, so memory is one page plus O(log n). Not thread-safe: one call
// at a time per source.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "ledger/feed_audit.h"
#include "ledger/feed_source.h"
#include "util/status.h"

namespace creditnode::ledger {

// What earlier audits recorded, by origin.
using AuditState = std::map<std::string, AuditedCheckpoint, std::less<>>;

struct AuditOptions {
  FeedAuditOptions feed;
  // Entries asked for per ReadEntries call. Default: 1000
  uint64_t page_entries = 1000;
  // Origins the source must list: those it listed at the last audit (a
  // node that drops a feed hides it). Each one missing, and recorded in
  // the previous state, is a failure. Empty for a bundle, which holds one
  // feed of many. Default: empty
  std::vector<std::string> expected_origins;
};

// Told what the audit is doing (a progress bar). Default: nothing.
class AuditObserver {
 public:
  virtual ~AuditObserver() = default;
  // Before reading the entries of `origin`; `size` is the checkpoint's.
  virtual void FeedStarted(std::string_view /*origin*/, uint64_t /*size*/) {}
  // After each page: `done` entries of the current feed so far.
  virtual void EntriesChecked(uint64_t /*done*/) {}
  // After the current feed's last page.
  virtual void FeedFinished() {}
};

struct FeedAuditResult {
  std::string origin;
  bool has_checkpoint = false;       // false: nothing to check yet
  bool checkpoint_verified = false;  // key and checkpoint note held
  uint64_t entries_verified = 0;     // entries read and checked
  AuditedCheckpoint checked;         // what to record; valid if passed()
  std::vector<AuditFailure> failures;
  bool passed() const { return failures.empty(); }
};

// Audits every feed `source` lists, in its order, against `previous`.
// Returns one result per feed listed (plus one failing result per expected
// origin no longer listed); a feed that fails
// does not stop the others. An error means the source itself failed
// (ListFeeds / ReadEntries / ConsistencyProof), with the feed prefixed.
// `observer` may be null; not owned.
StatusOr<std::vector<FeedAuditResult>> AuditFeeds(FeedSource* source,
                                                  const AuditState& previous,
                                                  const AuditOptions& options,
                                                  AuditObserver* observer);

}  // namespace creditnode::ledger
