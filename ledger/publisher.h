// Publisher: the one write path into the node's own feed (style R9: the
// HTTP layer gets this, never a store). Implementations are thread-safe:
// concurrent Publish() calls are grouped into one synced write.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "ledger/entry.h"
#include "ledger/entry_draft.h"
#include "util/status.h"

namespace creditnode::ledger {

struct PublishedEntry {
  EntryRef ref;
  int64_t issued_at_micros = 0;
  std::string bytes;      // the exact entry bytes
  std::string signature;  // 64 raw bytes
};

class Publisher {
 public:
  virtual ~Publisher() = default;

  // The origin of the feed this publisher appends to.
  virtual const std::string& origin() const = 0;

  // Appends `drafts` (already ValidateDraft()ed) as consecutive entries of
  // the feed: all or none, durable (WAL synced) before it returns. Returns
  // them in order. Errors (the message names "entries[i]: ..." in batches):
  //   kInvalidArgument    empty batch, serialised entry too large;
  //   kFailedPrecondition target does not exist, has the wrong kind, is
  //                       already revoked or corrected, objection not open,
  //                       repair before publish_min_until;
  //   kPermissionDenied   target belongs to another feed;
  //   kAlreadyExists      a record with the same decision doc_no and subject
  //                       is already in the feed (or twice in the batch);
  //   kResourceExhausted  batch larger than the writer's limit;
  //   kUnavailable / kDataLoss  storage failed (nothing was acknowledged).
  virtual StatusOr<std::vector<PublishedEntry>> Publish(std::vector<EntryDraft> drafts) = 0;
};

}  // namespace creditnode::ledger
