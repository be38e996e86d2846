// Checkpointer: size and root come from the store (durable data only).

#include "ledger/checkpointer.h"

#include <utility>

#include "crypto/checkpoint.h"
#include "crypto/signed_note.h"
#include "ledger/feed_tree.h"

namespace creditnode::ledger {

Checkpointer::Checkpointer(FeedStore* store, std::string origin,
                           const crypto::Signer* signer)
    : store_(store), origin_(std::move(origin)), signer_(signer) {}

StatusOr<std::optional<StoredCheckpoint>> Checkpointer::IssueIfGrown() {
  CN_ASSIGN_OR_RETURN(FeedInfo feed, store_->GetFeed(origin_));
  CN_ASSIGN_OR_RETURN(std::optional<StoredCheckpoint> latest,
                      store_->LatestCheckpoint(origin_));
  if (latest.has_value() && latest->size >= feed.size) {
    return std::optional<StoredCheckpoint>();
  }
  crypto::Checkpoint checkpoint;
  checkpoint.origin = origin_;
  checkpoint.size = feed.size;
  CN_ASSIGN_OR_RETURN(checkpoint.root,
                      FeedTree(store_, origin_).Root(feed.size));
  StatusOr<std::string> note =
      crypto::SignNote(crypto::FormatCheckpoint(checkpoint), origin_, *signer_);
  if (!note.ok()) {
    return InternalError("checkpoint: signing failed: " +
                         note.status().message());
  }
  CN_RETURN_IF_ERROR(store_->PutCheckpoint(origin_, feed.size, *note));
  return std::optional<StoredCheckpoint>(
      StoredCheckpoint{feed.size, *std::move(note)});
}

}  // namespace creditnode::ledger
