// ProgressBar: one status line on stderr for long CLI jobs (import, demo),
// redrawn in place at most every 100 ms when stderr is a terminal, and
// printed as plain lines every 10% otherwise (logs, CI). Debian 12 packages
// no C++ progress-bar library (docs/DEPENDENCIES.md), hence this small one.
// Not thread-safe: call from one thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>

namespace creditnode::node {

class ProgressBar {
 public:
  // `label` prefixes the line; `total` is the number of units of work.
  // Does not take ownership of `out`. Default: stderr.
  ProgressBar(std::string label, uint64_t total, std::FILE* out = stderr);

  // Sets the units done so far and redraws if due.
  void Update(uint64_t done);
  // Draws the final state and ends the line.
  void Finish();

 private:
  void Draw(bool final_draw);

  const std::string label_;
  const uint64_t total_;
  std::FILE* const out_;
  const bool tty_;
  const std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_;
  uint64_t done_ = 0;
  int last_decile_ = -1;
  uint64_t last_drawn_done_ = UINT64_MAX;  // plain lines: skip repeating one
  bool finished_ = false;
};

}  // namespace creditnode::node
