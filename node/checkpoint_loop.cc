// CheckpointLoop (node/checkpoint_loop.h).

#include "node/checkpoint_loop.h"

#include <spdlog/spdlog.h>

#include "util/metrics.h"

namespace creditnode::node {

CheckpointLoop::CheckpointLoop(ledger::Checkpointer* checkpointer,
                               std::chrono::milliseconds interval)
    : checkpointer_(checkpointer), interval_(interval) {}

CheckpointLoop::~CheckpointLoop() { Stop(); }

void CheckpointLoop::Start() {
  thread_ = std::thread([this] { Run(); });
}

void CheckpointLoop::Stop() {
  if (!thread_.joinable()) return;
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  thread_.join();
  IssueOnce();
}

void CheckpointLoop::IssueOnce() {
  StatusOr<std::optional<ledger::StoredCheckpoint>> issued =
      checkpointer_->IssueIfGrown();
  if (!issued.ok()) {
    Metrics::Global().Add(Counter::kCheckpointFailures);
    spdlog::error("checkpoint: {}", issued.status().ToString());
    return;
  }
  if (issued->has_value()) {
    Metrics::Global().Add(Counter::kCheckpointsIssued);
    spdlog::debug("checkpoint: signed size {}", (*issued)->size);
  }
}

void CheckpointLoop::Run() {
  std::unique_lock<std::mutex> lock(mu_);
  while (!stop_) {
    lock.unlock();
    IssueOnce();
    lock.lock();
    cv_.wait_for(lock, interval_, [this] { return stop_; });
  }
}

}  // namespace creditnode::node
