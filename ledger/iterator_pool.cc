// IteratorPool (ledger/iterator_pool.h).
#include "ledger/iterator_pool.h"

#include <rocksdb/db.h>
#include <rocksdb/iterator.h>
#include <rocksdb/options.h>

#include <iterator>
#include <utility>

namespace creditnode::ledger {

IteratorPool::IteratorPool(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* cf,
                           bool same_prefix, size_t max_idle,
                           std::chrono::milliseconds max_age)
    : db_(db),
      cf_(cf),
      same_prefix_(same_prefix),
      max_idle_(max_idle),
      max_age_(max_age) {}

IteratorPool::~IteratorPool() = default;

IteratorPool::Lease::Lease(IteratorPool* pool,
                           std::unique_ptr<rocksdb::Iterator> it)
    : pool_(pool), it_(std::move(it)) {}

IteratorPool::Lease::~Lease() {
  if (it_ != nullptr) pool_->Release(std::move(it_));
}

std::unique_ptr<rocksdb::Iterator> IteratorPool::NewIterator() const {
  rocksdb::ReadOptions ro;
  ro.prefix_same_as_start = same_prefix_;
  return std::unique_ptr<rocksdb::Iterator>(db_->NewIterator(ro, cf_));
}

IteratorPool::Lease IteratorPool::Acquire() {
  std::unique_ptr<rocksdb::Iterator> it;
  std::vector<Idle> stale;  // deleted after the lock is released
  {
    const Clock::time_point cutoff = Clock::now() - max_age_;
    std::lock_guard<std::mutex> lock(mu_);
    size_t n_stale = 0;
    while (n_stale < idle_.size() && idle_[n_stale].since < cutoff) ++n_stale;
    if (n_stale > 0) {
      stale.assign(std::make_move_iterator(idle_.begin()),
                   std::make_move_iterator(idle_.begin() + n_stale));
      idle_.erase(idle_.begin(), idle_.begin() + n_stale);
    }
    if (!idle_.empty()) {
      it = std::move(idle_.back().it);
      idle_.pop_back();
    }
  }
  // Refresh() moves the iterator to the latest sequence number (cheaply
  // when no flush or compaction changed the files since it was made).
  if (it == nullptr || !it->Refresh().ok()) it = NewIterator();
  return Lease(this, std::move(it));
}

void IteratorPool::Release(std::unique_ptr<rocksdb::Iterator> it) {
  // An iterator that failed is not reused: its error would stick.
  if (!it->status().ok()) return;
  std::unique_ptr<rocksdb::Iterator> dropped;
  const Clock::time_point now = Clock::now();
  std::lock_guard<std::mutex> lock(mu_);
  if (idle_.size() < max_idle_) {
    idle_.push_back({std::move(it), now});
  } else {
    dropped = std::move(it);  // deleted after the lock is released
  }
}

size_t IteratorPool::IdleCount() const {
  std::lock_guard<std::mutex> lock(mu_);
  return idle_.size();
}

}  // namespace creditnode::ledger
