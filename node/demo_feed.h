// DemoFeed: fills a node's (empty) feed with DemoData: `records` records
// published in synced batches, then lifecycle entries acting on some of
// them (repairs, revocations, corrections, objections opened and some of
// those closed), so that a demo node shows every record state. Which
// records get which lifecycle entry is drawn from its own generator seeded
// from `seed`, so the record sequence is DemoData's own. Deterministic for
// a seed and `today`. Not thread-safe (one caller; the Publisher is).
#pragma once

#include <cstddef>
#include <cstdint>

#include "ledger/publisher.h"
#include "node/progress_bar.h"
#include "util/civil_date.h"
#include "util/status.h"

namespace creditnode::node {

struct DemoFeedOptions {
  // Records (dishonesty and commendation) to publish. Default: 3000
  size_t records = 3000;
  // DemoData seed. Default: 20261125
  uint64_t seed = 20261125;
  // Entries per Publish() call (one synced write each). Default: 1000
  size_t batch = 1000;
};

struct DemoFeedStats {
  size_t records = 0;
  size_t repairs = 0;
  size_t revocations = 0;
  size_t corrections = 0;
  size_t objections_opened = 0;
  size_t objections_closed = 0;
};

// Publishes the demo entries through `publisher` (does not take ownership)
// with dates anchored at `today`. `progress` (nullable, not owned) is
// updated per batch with the records published. kInternal if the
// generator produced a draft ValidateDraft refuses (a generator bug); else
// Publish()'s errors. REQUIRES: options.batch >= 1.
StatusOr<DemoFeedStats> PopulateDemoFeed(ledger::Publisher* publisher,
                                         const DemoFeedOptions& options,
                                         CivilDate today,
                                         ProgressBar* progress);

}  // namespace creditnode::node
