// SessionRegistry (api/session_registry.h).
#include "api/session_registry.h"

namespace creditnode::api {

void SessionRegistry::Add(const std::shared_ptr<HttpSession>& session) {
  std::lock_guard<std::mutex> lock(mu_);
  sessions_[session.get()] = session;
}

void SessionRegistry::Remove(const HttpSession* session) {
  std::lock_guard<std::mutex> lock(mu_);
  sessions_.erase(session);
  if (sessions_.empty()) empty_.notify_all();
}

std::vector<std::shared_ptr<HttpSession>> SessionRegistry::Snapshot() const {
  std::vector<std::shared_ptr<HttpSession>> live;
  std::lock_guard<std::mutex> lock(mu_);
  live.reserve(sessions_.size());
  for (const auto& [key, weak] : sessions_) {
    // Null if the session's destructor is running but has not reached
    // Remove() yet: nothing left to ask of it.
    if (std::shared_ptr<HttpSession> s = weak.lock())
      live.push_back(std::move(s));
  }
  return live;
}

bool SessionRegistry::WaitEmpty(
    std::chrono::steady_clock::time_point deadline) {
  std::unique_lock<std::mutex> lock(mu_);
  return empty_.wait_until(lock, deadline,
                           [this] { return sessions_.empty(); });
}

size_t SessionRegistry::size() const {
  std::lock_guard<std::mutex> lock(mu_);
  return sessions_.size();
}

}  // namespace creditnode::api
