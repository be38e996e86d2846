// Clock: the source of "now", injected so tests control time (style R12).
// SystemClock is thread-safe; FakeClock is thread-safe (atomic).
#pragma once

#include <atomic>
#include <cstdint>

namespace creditnode {

class Clock {
 public:
  virtual ~Clock() = default;
  // Microseconds since the Unix epoch, UTC.
  virtual int64_t NowMicros() const = 0;
};

// The real wall clock (std::chrono::system_clock).
class SystemClock final : public Clock {
 public:
  int64_t NowMicros() const override;
  // A process-wide instance; never destroyed.
  static const SystemClock* Default();
};

// A clock that moves only when told to. For tests.
class FakeClock final : public Clock {
 public:
  explicit FakeClock(int64_t now_micros) : now_(now_micros) {}
  int64_t NowMicros() const override { return now_.load(); }
  void Set(int64_t now_micros) { now_.store(now_micros); }
  void Advance(int64_t micros) { now_.fetch_add(micros); }

 private:
  std::atomic<int64_t> now_;
};

}  // namespace creditnode
