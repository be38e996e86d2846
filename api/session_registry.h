// SessionRegistry: the live HTTP sessions of one server, so that
// Server::Stop can ask each to drain, wait for them to end, and force-close
// the rest (graceful shutdown, Beast #1394). Holds weak references only: a
// session's lifetime is its pending handlers'. Thread-safe.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <vector>

namespace creditnode::api {

class HttpSession;

class SessionRegistry {
 public:
  // Called by a session once it is owned by a shared_ptr.
  void Add(const std::shared_ptr<HttpSession>& session);
  // Called by a session's destructor.
  void Remove(const HttpSession* session);

  // The sessions still alive. Callers drop the result promptly (it keeps
  // them alive).
  std::vector<std::shared_ptr<HttpSession>> Snapshot() const;

  // Blocks until no session is registered or `deadline` passes; true if
  // none is left.
  bool WaitEmpty(std::chrono::steady_clock::time_point deadline);

  size_t size() const;

 private:
  mutable std::mutex mu_;
  std::condition_variable empty_;
  // Guarded by mu_.
  std::unordered_map<const HttpSession*, std::weak_ptr<HttpSession>> sessions_;
};

}  // namespace creditnode::api
