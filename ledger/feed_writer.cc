// FeedWriter: group commit after LevelDB's DBImpl::Write. Requests queue in
// mu_; the front one is the leader: it takes the pending requests (up to
// max_group_entries), plans them outside the lock (index, serialise, sign,
// LifecycleChecker), writes one synced batch, then marks the followers done
// and wakes the next front. One fsync serves many callers, and the feed
// size has a single owner at any time (the leader), so indices stay dense.
#include "ledger/feed_writer.h"

#include <algorithm>
#include <cassert>
#include <chrono>
#include <condition_variable>
#include <thread>

#include "crypto/entry_signature.h"
#include "crypto/verifier_key.h"
#include "ledger/entry_summary.h"
#include "ledger/lifecycle_checker.h"
#include "util/civil_date.h"
#include "util/metrics.h"

namespace creditnode::ledger {
namespace {

constexpr int64_t kMicrosPerSecond = 1000000;

// Storage failures are the node's fault, not the caller's: not "rejected".
bool IsRejection(const Status& s) {
  return !s.ok() && s.code() != StatusCode::kUnavailable &&
         s.code() != StatusCode::kDataLoss && s.code() != StatusCode::kInternal;
}

// What the parallel stage does to each planned item: serialise it (when
// `drafts` is set: drafts[i] is item i's draft) and sign it.
struct Finishing {
  const crypto::Signer* signer;
  const std::vector<const EntryDraft*>* drafts;  // null: already serialised
  int64_t issued_at;
};

// Finishes items[begin, end) in place. kInvalidArgument if an entry cannot
// be serialised (the caller then replans the group exactly); kInternal if
// signing fails.
Status FinishRange(const Finishing& f, std::vector<AppendItem>* items,
                   size_t begin, size_t end) {
  for (size_t i = begin; i < end; ++i) {
    StoredEntry& stored = (*items)[i].stored;
    if (f.drafts != nullptr) {
      CN_ASSIGN_OR_RETURN(stored.bytes,
                          SerializeEntry(*(*f.drafts)[i], stored.ref.origin,
                                         stored.ref.index, f.issued_at));
    }
    CN_ASSIGN_OR_RETURN(stored.signature,
                        crypto::SignEntry(*f.signer, stored.bytes));
  }
  return OkStatus();
}

// Finishes every item, splitting large groups over `threads` threads (the
// signer is thread-safe, crypto/signer.h; serialising reads only its own
// draft).
Status FinishAll(const Finishing& f, int threads,
                 std::vector<AppendItem>* items) {
  constexpr size_t kMinPerThread = 64;
  const size_t n = items->size();
  size_t workers = std::max<size_t>(
      1, std::min<size_t>(static_cast<size_t>(threads), n / kMinPerThread));
  if (workers == 1) return FinishRange(f, items, 0, n);
  std::vector<Status> results(workers);
  std::vector<std::thread> pool;
  const size_t chunk = (n + workers - 1) / workers;
  for (size_t w = 1; w < workers; ++w) {
    pool.emplace_back([&, w] {
      results[w] =
          FinishRange(f, items, w * chunk, std::min(n, (w + 1) * chunk));
    });
  }
  results[0] = FinishRange(f, items, 0, std::min(n, chunk));
  for (std::thread& t : pool) t.join();
  for (const Status& s : results) CN_RETURN_IF_ERROR(s);
  return OkStatus();
}

// Checks `draft` as entry `index`, serialises it if `serialize` (else the
// parallel stage does), and records it in `checker` for the drafts after
// it. Signing comes later, for the whole group at once.
StatusOr<AppendItem> PlanEntry(LifecycleChecker* checker,
                               const std::string& origin,
                               const EntryDraft& draft, uint64_t index,
                               int64_t issued_at, bool serialize) {
  CN_ASSIGN_OR_RETURN(CheckedDraft checked, checker->Check(draft, index));
  AppendItem item;
  item.stored.ref = {origin, index};
  if (serialize) {
    CN_ASSIGN_OR_RETURN(item.stored.bytes,
                        SerializeEntry(draft, origin, index, issued_at));
  }
  checker->Add(draft, index, checked);
  item.kind = draft.kind;
  item.subject_rows = std::move(checked.subject_rows);
  item.target = draft.target;
  item.dedup_rows = std::move(checked.dedup_rows);
  item.summary = EncodeSummary(SummaryOf(draft, issued_at));
  return item;
}

}  // namespace

struct FeedWriter::Request {
  explicit Request(std::vector<EntryDraft>* d) : drafts(d) {}
  std::vector<EntryDraft>* drafts;
  std::condition_variable cv;
  bool done = false;  // guarded by FeedWriter::mu_
  // Set by the leader before `done`.
  Status status;
  std::vector<PublishedEntry> entries;
};

StatusOr<std::unique_ptr<FeedWriter>> FeedWriter::New(
    FeedStore* store, std::string origin, const crypto::Signer* signer,
    const Clock* clock, const FeedWriterOptions& options) {
  assert(store != nullptr && signer != nullptr && clock != nullptr);
  StatusOr<FeedInfo> feed = store->GetFeed(origin);
  if (feed.status().code() == StatusCode::kNotFound) {
    return FailedPreconditionError("feed " + origin +
                                   " is not registered in the store");
  }
  if (!feed.ok()) return feed.status();
  StatusOr<crypto::VerifierKey> key =
      crypto::ParseVerifierKey(feed->verifier_key);
  if (!key.ok()) {
    return FailedPreconditionError(
        "feed " + origin + ": stored verifier key: " + key.status().message());
  }
  if (key->public_key != signer->PublicKey()) {
    return FailedPreconditionError(
        "signer: public key does not match the verifier key of feed " + origin);
  }
  return std::unique_ptr<FeedWriter>(new FeedWriter(
      store, std::move(origin), signer, clock, options, feed->size));
}

FeedWriter::FeedWriter(FeedStore* store, std::string origin,
                       const crypto::Signer* signer, const Clock* clock,
                       const FeedWriterOptions& options, uint64_t size)
    : store_(store),
      origin_(std::move(origin)),
      signer_(signer),
      clock_(clock),
      options_(options),
      size_(size) {}

FeedWriter::~FeedWriter() { assert(queue_.empty()); }

StatusOr<std::vector<PublishedEntry>> FeedWriter::Publish(
    std::vector<EntryDraft> drafts) {
  const auto start = std::chrono::steady_clock::now();
  Request r(&drafts);
  if (drafts.empty()) {
    r.status = InvalidArgumentError("entries: empty batch");
  } else if (drafts.size() > options_.max_batch_entries) {
    r.status =
        ResourceExhaustedError("entries: " + std::to_string(drafts.size()) +
                               " entries exceed the batch limit of " +
                               std::to_string(options_.max_batch_entries));
  } else {
    std::unique_lock<std::mutex> lock(mu_);
    queue_.push_back(&r);
    while (!r.done && &r != queue_.front()) r.cv.wait(lock);
    if (!r.done) {
      // Leader: take the front requests that fit into one group (always at
      // least its own, however large).
      std::vector<Request*> group;
      size_t entries = 0;
      for (Request* q : queue_) {
        if (!group.empty() &&
            entries + q->drafts->size() > options_.max_group_entries)
          break;
        group.push_back(q);
        entries += q->drafts->size();
      }
      const Status frozen = frozen_;
      lock.unlock();
      if (frozen.ok()) {
        CommitGroup(group);
      } else {
        for (Request* q : group) q->status = frozen;
      }
      lock.lock();
      for (Request* q : group) {
        assert(queue_.front() == q);
        queue_.pop_front();
        q->done = true;
        if (q != &r) q->cv.notify_one();
      }
      if (!queue_.empty()) queue_.front()->cv.notify_one();
    }
  }
  Metrics::Global().Observe(
      Histogram::kPublishLatencyMicros,
      static_cast<uint64_t>(
          std::chrono::duration_cast<std::chrono::microseconds>(
              std::chrono::steady_clock::now() - start)
              .count()));
  if (!r.status.ok()) {
    if (IsRejection(r.status)) Metrics::Global().Add(Counter::kPublishRejected);
    return r.status;
  }
  return std::move(r.entries);
}

void FeedWriter::CommitGroup(const std::vector<Request*>& group) {
  // Serialising in the parallel stage is exact unless an entry cannot be
  // serialised (too large, bad UTF-8 from code): then that request alone
  // must fail, which only the sequential plan can tell. Nothing was
  // written or answered when PlanGroup returns false.
  if (!PlanGroup(group, /*serialize_in_parallel=*/true)) {
    PlanGroup(group, /*serialize_in_parallel=*/false);
  }
}

bool FeedWriter::PlanGroup(const std::vector<Request*>& group,
                           bool serialize_in_parallel) {
  // One issued_at for the whole group, in whole seconds (the entry format
  // carries "YYYY-MM-DDTHH:MM:SSZ").
  const int64_t now = clock_->NowMicros();
  const int64_t issued_at = now - now % kMicrosPerSecond;
  LifecycleChecker checker(store_, origin_,
                           CivilDate::FromUnixMicros(issued_at));

  std::vector<AppendItem> items;
  std::vector<const EntryDraft*> item_drafts;         // item i's draft
  std::vector<std::pair<Request*, size_t>> accepted;  // request, its first item
  for (Request* q : group) {
    const size_t first = items.size();
    const uint64_t first_index = size_ + first;
    const std::vector<EntryDraft>& drafts = *q->drafts;
    Status s;
    for (size_t i = 0; i < drafts.size(); ++i) {
      StatusOr<AppendItem> item =
          PlanEntry(&checker, origin_, drafts[i], first_index + i, issued_at,
                    !serialize_in_parallel);
      if (!item.ok()) {
        s = drafts.size() > 1
                ? item.status().WithPrefix("entries[" + std::to_string(i) + "]")
                : item.status();
        break;
      }
      items.push_back(*std::move(item));
      item_drafts.push_back(&drafts[i]);
    }
    if (s.code() == StatusCode::kDataLoss) {
      // The store lost data: write nothing more, ever (R3).
      for (Request* other : group) {
        if (other->status.ok()) other->status = s;
      }
      RecoverFrom(s);
      return true;
    }
    if (!s.ok()) {
      // All or nothing per request: drop its entries, keep the others'.
      q->status = s;
      checker.RollBackTo(first_index);
      items.resize(first);
      item_drafts.resize(first);
      continue;
    }
    accepted.emplace_back(q, first);
  }
  if (items.empty()) return true;

  const Finishing finishing{
      signer_, serialize_in_parallel ? &item_drafts : nullptr, issued_at};
  Status written = FinishAll(finishing, options_.signing_threads, &items);
  if (serialize_in_parallel && written.code() == StatusCode::kInvalidArgument) {
    // An entry cannot be serialised: replan exactly. Reset what this pass
    // told the requests; nothing was written.
    for (Request* q : group) q->status = OkStatus();
    return false;
  }
  if (written.ok()) written = store_->Append(origin_, items);
  if (!written.ok()) {
    if (written.code() != StatusCode::kUnavailable &&
        written.code() != StatusCode::kDataLoss) {
      // The writer computed the batch itself: anything else is a broken
      // invariant (a second writer, or a size left stale by a failed
      // re-read below), not the callers' fault.
      written = InternalError("feed writer: " + written.ToString());
    }
    for (auto& [q, first] : accepted) q->status = written;
    RecoverFrom(written);
    return true;
  }
  size_ += items.size();
  Metrics::Global().Add(Counter::kPublishBatches);
  Metrics::Global().Add(Counter::kEntriesPublished, items.size());
  Metrics::Global().Observe(Histogram::kPublishBatchSize, items.size());
  for (auto& [q, first] : accepted) {
    q->entries.reserve(q->drafts->size());
    for (size_t i = first; i < first + q->drafts->size(); ++i) {
      StoredEntry& stored = items[i].stored;
      q->entries.push_back(PublishedEntry{std::move(stored.ref), issued_at,
                                          std::move(stored.bytes),
                                          std::move(stored.signature)});
    }
  }
  return true;
}

void FeedWriter::RecoverFrom(const Status& error) {
  Status freeze = error;
  if (error.code() != StatusCode::kDataLoss) {
    // The batch may or may not have reached the store: trust only what it
    // says now. If even that fails, the next Append's index check catches
    // a stale size.
    StatusOr<FeedInfo> feed = store_->GetFeed(origin_);
    if (feed.ok()) {
      size_ = feed->size;
      return;
    }
    if (feed.status().code() != StatusCode::kDataLoss) return;
    freeze = feed.status();
  }
  std::lock_guard<std::mutex> lock(mu_);
  if (frozen_.ok()) frozen_ = freeze;
}

}  // namespace creditnode::ledger
