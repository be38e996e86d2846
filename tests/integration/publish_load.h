// A publishing load for the crash and shutdown tests: one client thread's
// loop of POST /v1/entries/batch (50 drafts) and POST /v1/entries (every
// fourth request, one draft) against a real node, recording every entry
// acknowledged with a complete 201 response. Each draft has its own
// decision doc_no ("<tag>-<request>-<i>") and its own subject. Runs until
// a request fails at the transport level: expected once the node has been
// told to stop (`stopping`), a failure before that.
// Thread-safe: each thread passes its own ClientLog.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "tests/integration/http_client.h"
#include "tests/integration/node_fixture.h"

namespace creditnode::integration {

inline constexpr size_t kLoadBatchSize = 50;

// What one client thread saw.
struct ClientLog {
  std::vector<AckedEntry> acked;
  std::string failure;  // set if the node misbehaved (not just stopped)
  size_t requests = 0;
};

// Subjects are TestUscc(subject_base + k) for k < 100,000; callers give
// each thread its own base.
void PublishUntilFailure(const HttpClient& client, const std::string& token,
                         const std::string& tag, uint32_t subject_base,
                         const std::atomic<bool>& stopping, ClientLog* log);

}  // namespace creditnode::integration
