// OrderedWorker<T>: runs `work` on each submitted item on one background
// thread, in submission order, with at most `capacity` items waiting. It
// lets `creditnode import` parse and validate the next batch of rows while
// the previous one is signed and written (the two used to alternate,
// leaving a core idle through each synced write).
//
// The first error of `work` stops the worker: later items are dropped, and
// that error is returned by the next Submit and by Finish. Submit may be
// called from any thread, one call at a time, and not after Finish.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <utility>

#include "util/status.h"

namespace creditnode::node {

template <typename T>
class OrderedWorker {
 public:
  OrderedWorker(size_t capacity, std::function<Status(T&&)> work)
      : capacity_(capacity < 1 ? 1 : capacity),
        work_(std::move(work)),
        thread_([this] { Run(); }) {}

  // Finish()es: every item submitted is worked on (or dropped after an
  // error) before the object goes.
  ~OrderedWorker() { (void)Finish(); }

  OrderedWorker(const OrderedWorker&) = delete;
  OrderedWorker& operator=(const OrderedWorker&) = delete;

  // Queues `item`, waiting while `capacity` items wait. If the worker has
  // failed, returns its error and drops `item`.
  Status Submit(T item) {
    std::unique_lock<std::mutex> lock(mu_);
    space_.wait(lock, [&] { return queue_.size() < capacity_ || !error_.ok(); });
    if (!error_.ok()) return error_;
    queue_.push_back(std::move(item));
    ready_.notify_one();
    return OkStatus();
  }

  // Waits until every queued item is done (or dropped after an error) and
  // stops the thread. Returns the first error of `work`, else OK.
  Status Finish() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      closed_ = true;
      ready_.notify_one();
    }
    if (thread_.joinable()) thread_.join();
    std::lock_guard<std::mutex> lock(mu_);
    return error_;
  }

 private:
  void Run() {
    std::unique_lock<std::mutex> lock(mu_);
    while (true) {
      ready_.wait(lock, [&] { return !queue_.empty() || closed_; });
      if (queue_.empty()) return;  // closed and drained
      T item = std::move(queue_.front());
      queue_.pop_front();
      space_.notify_one();
      if (!error_.ok()) continue;  // drop what comes after a failure
      lock.unlock();
      Status s = work_(std::move(item));
      lock.lock();
      if (!s.ok() && error_.ok()) {
        error_ = std::move(s);
        space_.notify_one();  // a Submit waiting for room returns it
      }
    }
  }

  const size_t capacity_;
  const std::function<Status(T&&)> work_;
  std::mutex mu_;
  std::condition_variable ready_;  // an item queued, or closed
  std::condition_variable space_;  // room in the queue, or an error
  std::deque<T> queue_;
  bool closed_ = false;
  Status error_;
  std::thread thread_;  // last: started once the members above exist
};

}  // namespace creditnode::node
