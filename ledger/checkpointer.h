// Checkpointer: signs C2SP checkpoints of the node's own feed (D4) with its
// feed key (key name = origin) and keeps every one in the store. Called on
// a steady cadence by the node, decoupled from appends; it reads the size
// and root from durably stored data only, so a checkpoint never names data
// that is not stored. Thread-compatible: one caller at a time.
#pragma once

#include <optional>
#include <string>

#include "crypto/signer.h"
#include "ledger/feed_reader.h"
#include "ledger/feed_store.h"
#include "util/status.h"

namespace creditnode::ledger {

class Checkpointer {
 public:
  // Does not take ownership: store and signer must outlive this object.
  // REQUIRES: signer holds the key whose verifier key the store keeps for
  // `origin`.
  Checkpointer(FeedStore* store, std::string origin,
               const crypto::Signer* signer);

  // If no checkpoint exists yet (even at size 0) or the feed has grown
  // past the latest one, signs a checkpoint of the current size and root,
  // stores it and returns it; nullopt if the latest one is current.
  // kNotFound if the feed does not exist; kDataLoss / kUnavailable from
  // storage; kInternal if signing fails.
  StatusOr<std::optional<StoredCheckpoint>> IssueIfGrown();

 private:
  FeedStore* store_;
  std::string origin_;
  const crypto::Signer* signer_;
};

}  // namespace creditnode::ledger
