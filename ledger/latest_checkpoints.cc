// LatestCheckpoints (ledger/latest_checkpoints.h).
#include "ledger/latest_checkpoints.h"

#include <utility>

namespace creditnode::ledger {

std::optional<StoredCheckpoint> LatestCheckpoints::Find(
    std::string_view origin) const {
  std::shared_ptr<const StoredCheckpoint> held;
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = latest_.find(origin);
    if (it == latest_.end()) return std::nullopt;
    held = it->second;
  }
  return *held;
}

void LatestCheckpoints::Offer(std::string_view origin,
                              StoredCheckpoint checkpoint) {
  auto offered =
      std::make_shared<const StoredCheckpoint>(std::move(checkpoint));
  std::lock_guard<std::mutex> lock(mu_);
  auto it = latest_.find(origin);
  if (it == latest_.end()) {
    latest_.emplace(std::string(origin), std::move(offered));
  } else if (offered->size >= it->second->size) {
    it->second = std::move(offered);
  }
}

}  // namespace creditnode::ledger
