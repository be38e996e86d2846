// ProgressBar (node/progress_bar.h).
#include "node/progress_bar.h"

#include <unistd.h>

namespace creditnode::node {

ProgressBar::ProgressBar(std::string label, uint64_t total, std::FILE* out)
    : label_(std::move(label)),
      total_(total),
      out_(out),
      tty_(::isatty(::fileno(out)) == 1),
      start_(std::chrono::steady_clock::now()),
      last_draw_(start_ - std::chrono::seconds(1)) {}

void ProgressBar::Update(uint64_t done) {
  done_ = done;
  auto now = std::chrono::steady_clock::now();
  if (tty_) {
    if (now - last_draw_ >= std::chrono::milliseconds(100)) Draw(false);
    return;
  }
  int decile = total_ == 0 ? 10 : static_cast<int>(done_ * 10 / total_);
  if (decile != last_decile_) Draw(false);
}

void ProgressBar::Finish() {
  if (finished_) return;
  finished_ = true;
  // A plain-line bar that already printed this state (the 100% line of the
  // last Update) would only print it twice.
  if (!tty_ && last_drawn_done_ == done_) return;
  Draw(true);
}

void ProgressBar::Draw(bool final_draw) {
  last_draw_ = std::chrono::steady_clock::now();
  last_drawn_done_ = done_;
  const double secs =
      std::chrono::duration<double>(last_draw_ - start_).count();
  const double rate = secs > 0 ? static_cast<double>(done_) / secs : 0;
  const double frac =
      total_ == 0 ? 1.0
                  : static_cast<double>(done_) / static_cast<double>(total_);
  last_decile_ = static_cast<int>(frac * 10);
  const double eta = rate > 0 ? static_cast<double>(total_ - done_) / rate : 0;
  if (tty_) {
    constexpr int kWidth = 30;
    const int filled = static_cast<int>(frac * kWidth);
    std::string bar(static_cast<size_t>(filled), '#');
    bar.append(static_cast<size_t>(kWidth - filled), '.');
    std::fprintf(out_, "\r%s [%s] %3.0f%% %llu/%llu %.0f/s ETA %.0fs\033[K",
                 label_.c_str(), bar.c_str(), frac * 100,
                 static_cast<unsigned long long>(done_),
                 static_cast<unsigned long long>(total_), rate, eta);
    if (final_draw) std::fputc('\n', out_);
  } else {
    std::fprintf(out_, "%s: %3.0f%% %llu/%llu %.0f/s\n", label_.c_str(),
                 frac * 100, static_cast<unsigned long long>(done_),
                 static_cast<unsigned long long>(total_), rate);
  }
  std::fflush(out_);
}

}  // namespace creditnode::node
