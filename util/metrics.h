// Metrics: every counter and histogram of the node, in one enum and one
// name table (style R14, RocksDB Tickers/TickersNameMap), rendered as
// Prometheus text by GET /metrics. It lives in util/ rather than node/
// because ledger/ and api/ (below node/ in the layering) bump it; see
// docs/DESIGN.md. Thread-safe: counters are relaxed atomics.
//
// How to add a metric:
//   1. add an enumerator before kNumCounters / kNumHistograms;
//   2. add its name and help text at the same position in metrics.cc;
//   3. bump it where the event happens (Metrics::Global().Add(...));
//   4. name it in docs/OPERATIONS.md (tests/util/metrics_test.cc checks).
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <string>

namespace creditnode {

enum class Counter : int {
  kEntriesPublished = 0,  // entries appended to the node's own feed
  kPublishBatches,        // synced WriteBatches written by the feed writer
  kPublishRejected,       // publish requests rejected (bad input, conflict)
  kHttpRequests,          // HTTP requests answered
  kHttpClientErrors,      // answered with 4xx
  kHttpServerErrors,      // answered with 5xx
  kSubjectLookups,        // GET /v1/subjects/{id}
  kSubjectCacheHits,      // index keys answered by the subject cache
  kSubjectCacheMisses,    // index keys read from RocksDB (cache enabled)
  kStorageErrors,         // RocksDB errors surfaced as Status
  kCheckpointsIssued,     // checkpoints signed of the node's own feed
  kCheckpointFailures,    // checkpoint attempts that failed
  kNumCounters
};

enum class Histogram : int {
  kPublishBatchSize = 0,  // entries per synced WriteBatch
  kPublishLatencyMicros,  // Publish() call, enqueue to durable
  kHttpLatencyMicros,     // request parsed to response queued
  kNumHistograms
};

class Metrics {
 public:
  // The process-wide instance; never destroyed.
  static Metrics& Global();

  void Add(Counter c, uint64_t n = 1) {
    counters_[static_cast<int>(c)].fetch_add(n, std::memory_order_relaxed);
  }
  uint64_t Get(Counter c) const {
    return counters_[static_cast<int>(c)].load(std::memory_order_relaxed);
  }
  // Records one observation in the histogram's fixed buckets.
  void Observe(Histogram h, uint64_t value);

  // Prometheus text exposition format 0.0.4.
  std::string RenderPrometheus() const;

  // Number of buckets per histogram (powers of two up to 2^30, plus +Inf).
  static constexpr int kBuckets = 32;

 private:
  struct HistogramData {
    std::array<std::atomic<uint64_t>, kBuckets> buckets{};
    std::atomic<uint64_t> count{0};
    std::atomic<uint64_t> sum{0};
  };
  std::array<std::atomic<uint64_t>, static_cast<int>(Counter::kNumCounters)>
      counters_{};
  std::array<HistogramData, static_cast<int>(Histogram::kNumHistograms)>
      histograms_{};
};

}  // namespace creditnode
