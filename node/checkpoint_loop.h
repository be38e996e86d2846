// CheckpointLoop: the node's checkpoint cadence (D4, docs/checkpoints.md).
// A thread calls Checkpointer::IssueIfGrown at start and then every
// `interval`, so a new entry is covered by a signed checkpoint within one
// interval plus the signing time; appends never wait for it. Stop() issues
// a last one, so every acknowledged entry is covered at shutdown.
// Thread-safety: Start and Stop from one thread.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "ledger/checkpointer.h"

namespace creditnode::node {

class CheckpointLoop {
 public:
  // Does not take ownership: `checkpointer` must outlive the loop.
  CheckpointLoop(ledger::Checkpointer* checkpointer,
                 std::chrono::milliseconds interval);
  // Stop() if running.
  ~CheckpointLoop();

  CheckpointLoop(const CheckpointLoop&) = delete;
  CheckpointLoop& operator=(const CheckpointLoop&) = delete;

  void Start();
  // Wakes the thread, issues a final checkpoint, joins. Idempotent.
  void Stop();

 private:
  void Run();
  void IssueOnce();

  ledger::Checkpointer* const checkpointer_;
  const std::chrono::milliseconds interval_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;  // guarded by mu_
  std::thread thread_;
};

}  // namespace creditnode::node
