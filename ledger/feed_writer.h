// FeedWriter: the one writer of the node's own feed (D1). It implements
// Publisher with LevelDB-style group commit (DBImpl::Write): concurrent
// Publish() calls queue up, the queue's front takes the pending requests,
// assigns indices, serialises, signs (crypto/entry_signature.h) and checks
// them against the store and each other, writes ONE synced WriteBatch
// through FeedStore::Append, and wakes the others with their results.
// Thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "crypto/signer.h"
#include "ledger/entry_draft.h"
#include "ledger/feed_store.h"
#include "ledger/publisher.h"
#include "util/clock.h"
#include "util/status.h"

namespace creditnode::ledger {

struct FeedWriterOptions {
  // Most drafts one Publish() call may carry (else kResourceExhausted).
  // Default: 10000
  size_t max_batch_entries = 10000;
  // Most entries merged from several calls into one synced write; a call
  // larger than this is written alone. Default: 20000
  size_t max_group_entries = 20000;
  // Threads that sign the entries of one large group in parallel (Ed25519
  // signing is most of a bulk import's CPU time); groups under 64 entries
  // are signed on the committing thread alone. Default: 2
  int signing_threads = 2;
};

class FeedWriter final : public Publisher {
 public:
  // Does not take ownership: store, signer and clock must outlive the
  // writer. kFailedPrecondition if feed `origin` is not registered in the
  // store or the signer's public key is not the feed's verifier key;
  // kUnavailable / kDataLoss if the store cannot be read.
  // REQUIRES: no other writer appends to `origin` while this one lives.
  static StatusOr<std::unique_ptr<FeedWriter>> New(
      FeedStore* store, std::string origin, const crypto::Signer* signer,
      const Clock* clock, const FeedWriterOptions& options = {});
  // REQUIRES: no Publish() call is in progress.
  ~FeedWriter() override;

  FeedWriter(const FeedWriter&) = delete;
  FeedWriter& operator=(const FeedWriter&) = delete;

  const std::string& origin() const override { return origin_; }

  // See Publisher::Publish. issued_at is the clock's time in whole seconds
  // when the group is formed. Requests of one group succeed or fail
  // independently, except that a failed write fails them all. After a
  // kDataLoss from the store every later call fails with kDataLoss (R3).
  StatusOr<std::vector<PublishedEntry>> Publish(
      std::vector<EntryDraft> drafts) override;

 private:
  struct Request;

  FeedWriter(FeedStore* store, std::string origin, const crypto::Signer* signer,
             const Clock* clock, const FeedWriterOptions& options,
             uint64_t size);

  // Plans, writes and resolves `group`. Runs on the leader (the queue's
  // front) without mu_ held.
  void CommitGroup(const std::vector<Request*>& group);
  // Plans, finishes (serialises and signs, in parallel when
  // serialize_in_parallel) and writes the group, and answers its requests.
  // False, with nothing written or answered, if serialize_in_parallel and
  // an entry could not be serialised.
  bool PlanGroup(const std::vector<Request*>& group,
                 bool serialize_in_parallel);
  // Called after a failed write or data-loss read: freezes on kDataLoss,
  // else re-reads the feed size from the store.
  void RecoverFrom(const Status& error);

  // Constant after construction.
  FeedStore* const store_;
  const std::string origin_;
  const crypto::Signer* const signer_;
  const Clock* const clock_;
  const FeedWriterOptions options_;

  // Owned by the leader: read and written only by the thread at the front
  // of queue_, which hands it on through mu_.
  uint64_t size_;

  std::mutex mu_;
  // Guarded by mu_.
  std::deque<Request*> queue_;
  Status frozen_;  // kDataLoss once the store lost data; OK before
};

}  // namespace creditnode::ledger
