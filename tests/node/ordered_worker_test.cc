// node/ordered_worker.h: items are worked on in order on another thread,
// the queue bound holds the producer back, and the first error stops it.
#include "node/ordered_worker.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <thread>
#include <vector>

namespace creditnode::node {
namespace {

TEST(OrderedWorkerTest, WorksOnEveryItemInOrderOffTheCallingThread) {
  std::vector<int> seen;
  const std::thread::id caller = std::this_thread::get_id();
  bool other_thread = true;
  {
    OrderedWorker<int> worker(2, [&](int&& i) -> Status {
      other_thread = other_thread && std::this_thread::get_id() != caller;
      seen.push_back(i);
      return OkStatus();
    });
    for (int i = 0; i < 1000; ++i) ASSERT_TRUE(worker.Submit(i).ok());
    ASSERT_TRUE(worker.Finish().ok());
  }
  ASSERT_EQ(seen.size(), 1000u);
  for (int i = 0; i < 1000; ++i) EXPECT_EQ(seen[i], i);
  EXPECT_TRUE(other_thread);
}

TEST(OrderedWorkerTest, SubmitWaitsWhileTheQueueIsFull) {
  std::promise<void> gate;
  std::shared_future<void> open = gate.get_future().share();
  std::atomic<int> started{0};
  OrderedWorker<int> worker(1, [&](int&&) -> Status {
    ++started;
    open.wait();
    return OkStatus();
  });
  ASSERT_TRUE(worker.Submit(1).ok());  // taken by the worker, which waits
  while (started.load() == 0) std::this_thread::yield();
  ASSERT_TRUE(worker.Submit(2).ok());  // queued: the queue is now full
  std::atomic<bool> third_in{false};
  std::thread producer([&] {
    EXPECT_TRUE(worker.Submit(3).ok());
    third_in = true;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_FALSE(third_in.load());
  gate.set_value();
  producer.join();
  EXPECT_TRUE(third_in.load());
  EXPECT_TRUE(worker.Finish().ok());
  EXPECT_EQ(started.load(), 3);
}

TEST(OrderedWorkerTest, TheFirstErrorStopsTheWorkAndIsReturned) {
  std::vector<int> seen;
  OrderedWorker<int> worker(1, [&](int&& i) -> Status {
    seen.push_back(i);
    if (i == 3) return UnavailableError("disk full at 3");
    if (i == 5) return InvalidArgumentError("never reached");
    return OkStatus();
  });
  Status submitted;
  int i = 0;
  while (submitted.ok() && i < 100) submitted = worker.Submit(i++);
  EXPECT_EQ(submitted, UnavailableError("disk full at 3"));
  EXPECT_EQ(worker.Finish(), UnavailableError("disk full at 3"));
  EXPECT_EQ(seen, (std::vector<int>{0, 1, 2, 3}));  // nothing after 3
}

TEST(OrderedWorkerTest, FinishWithNothingSubmittedIsOk) {
  OrderedWorker<int> worker(4, [](int&&) { return OkStatus(); });
  EXPECT_TRUE(worker.Finish().ok());
  EXPECT_TRUE(worker.Finish().ok());  // and again, as the destructor does
}

}  // namespace
}  // namespace creditnode::node
