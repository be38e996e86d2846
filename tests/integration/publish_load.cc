// PublishUntilFailure: see publish_load.h.
#include "tests/integration/publish_load.h"

#include <nlohmann/json.hpp>

namespace creditnode::integration {

void PublishUntilFailure(const HttpClient& client, const std::string& token,
                         const std::string& tag, uint32_t subject_base,
                         const std::atomic<bool>& stopping, ClientLog* log) {
  for (uint32_t seq = 0;; ++seq) {
    // Mostly batches, every fourth request a single entry.
    const bool single = seq % 4 == 3;
    const size_t n = single ? 1 : kLoadBatchSize;
    nlohmann::json drafts = nlohmann::json::array();
    for (size_t i = 0; i < n; ++i) {
      // A subject of its own per draft keeps every lookup list short.
      const uint32_t subject =
          subject_base +
          static_cast<uint32_t>(seq * kLoadBatchSize + i) % 100000;
      drafts.push_back(CurrentDishonesty(
          subject, tag + "-" + std::to_string(seq) + "-" + std::to_string(i)));
    }
    StatusOr<HttpResponse> r =
        single ? client.PostJson("/v1/entries", drafts[0].dump(), token)
               : client.PostJson("/v1/entries/batch",
                                 nlohmann::json{{"entries", drafts}}.dump(),
                                 token);
    ++log->requests;
    if (!r.ok()) {
      // Read the flag after the failure: a failure seen before the node
      // was told to stop is the node's fault.
      if (!stopping.load()) {
        log->failure = "before the stop: " + r.status().ToString();
      }
      return;
    }
    if (r->status != 201) {
      log->failure = "HTTP " + std::to_string(r->status) + ": " + r->body;
      return;
    }
    StatusOr<std::vector<AckedEntry>> entries = ParsePublished(r->body);
    if (!entries.ok() || entries->size() != n) {
      log->failure = "bad 201 body: " + r->body;
      return;
    }
    for (size_t i = 0; i < n; ++i) {
      if ((*entries)[i].index != (*entries)[0].index + i) {
        log->failure = "batch indices not consecutive: " + r->body;
        return;
      }
    }
    log->acked.insert(log->acked.end(), entries->begin(), entries->end());
  }
}

}  // namespace creditnode::integration
