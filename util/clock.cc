#include "util/clock.h"

#include <chrono>

namespace creditnode {

int64_t SystemClock::NowMicros() const {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

const SystemClock* SystemClock::Default() {
  static const SystemClock* clock = new SystemClock();
  return clock;
}

}  // namespace creditnode
