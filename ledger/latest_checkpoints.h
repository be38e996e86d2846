// LatestCheckpoints: the newest checkpoint of each feed, kept in memory so
// that the lookup path (every /v1/subjects item carries the size of the
// checkpoint covering it) does not seek the checkpoints family on each
// request. Only ever moves forward: an offer smaller than what is held is
// ignored, so a reader that loaded an older checkpoint from disk while a
// newer one was being stored cannot roll it back. Thread-safe.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "ledger/feed_reader.h"

namespace creditnode::ledger {

class LatestCheckpoints {
 public:
  // The held checkpoint of `origin`, nullopt if none is held.
  std::optional<StoredCheckpoint> Find(std::string_view origin) const;

  // Holds `checkpoint` for `origin` unless one of a larger size is held;
  // one of the same size replaces it (a cosigned note replaces the
  // unsigned-by-witnesses one).
  void Offer(std::string_view origin, StoredCheckpoint checkpoint);

 private:
  mutable std::mutex mu_;
  // shared_ptr: Find copies out under the lock without copying the note
  // twice when several threads read at once.
  std::map<std::string, std::shared_ptr<const StoredCheckpoint>, std::less<>>
      latest_;
};

}  // namespace creditnode::ledger
