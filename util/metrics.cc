#include "util/metrics.h"

#include <bit>

namespace creditnode {
namespace {

struct Info {
  const char* name;
  const char* help;
};

// Same order as enum Counter.
constexpr Info kCounterInfo[] = {
    {"creditnode_entries_published_total",
     "Entries appended to the node's own feed."},
    {"creditnode_publish_batches_total",
     "Synced write batches written by the feed writer."},
    {"creditnode_publish_rejected_total",
     "Publish requests rejected for bad input or conflict."},
    {"creditnode_http_requests_total", "HTTP requests answered."},
    {"creditnode_http_client_errors_total",
     "HTTP requests answered with a 4xx status."},
    {"creditnode_http_server_errors_total",
     "HTTP requests answered with a 5xx status."},
    {"creditnode_subject_lookups_total", "Subject lookups served."},
    {"creditnode_subject_cache_hits_total",
     "Subject index keys answered from the subject cache."},
    {"creditnode_subject_cache_misses_total",
     "Subject index keys read from the store with the cache enabled."},
    {"creditnode_storage_errors_total", "Storage errors surfaced to callers."},
    {"creditnode_checkpoints_issued_total",
     "Checkpoints signed of the node's own feed."},
    {"creditnode_checkpoint_failures_total",
     "Checkpoint attempts that failed."},
};
static_assert(std::size(kCounterInfo) ==
              static_cast<size_t>(Counter::kNumCounters));

// Same order as enum Histogram.
constexpr Info kHistogramInfo[] = {
    {"creditnode_publish_batch_size", "Entries per synced write batch."},
    {"creditnode_publish_latency_microseconds",
     "Publish call latency, enqueue to durable."},
    {"creditnode_http_latency_microseconds", "HTTP request handling latency."},
};
static_assert(std::size(kHistogramInfo) ==
              static_cast<size_t>(Histogram::kNumHistograms));

// Bucket i holds values <= 2^i; the last bucket is +Inf.
int BucketOf(uint64_t v) {
  if (v <= 1) return 0;
  int b = std::bit_width(v - 1);
  return b < Metrics::kBuckets - 1 ? b : Metrics::kBuckets - 1;
}

}  // namespace

Metrics& Metrics::Global() {
  static Metrics* m = new Metrics();
  return *m;
}

void Metrics::Observe(Histogram h, uint64_t value) {
  HistogramData& d = histograms_[static_cast<int>(h)];
  d.buckets[BucketOf(value)].fetch_add(1, std::memory_order_relaxed);
  d.count.fetch_add(1, std::memory_order_relaxed);
  d.sum.fetch_add(value, std::memory_order_relaxed);
}

std::string Metrics::RenderPrometheus() const {
  std::string out;
  for (int i = 0; i < static_cast<int>(Counter::kNumCounters); ++i) {
    const Info& info = kCounterInfo[i];
    out += std::string("# HELP ") + info.name + " " + info.help + "\n";
    out += std::string("# TYPE ") + info.name + " counter\n";
    out += std::string(info.name) + " " +
           std::to_string(counters_[i].load(std::memory_order_relaxed)) + "\n";
  }
  for (int i = 0; i < static_cast<int>(Histogram::kNumHistograms); ++i) {
    const Info& info = kHistogramInfo[i];
    const HistogramData& d = histograms_[i];
    out += std::string("# HELP ") + info.name + " " + info.help + "\n";
    out += std::string("# TYPE ") + info.name + " histogram\n";
    uint64_t cumulative = 0;
    for (int b = 0; b < kBuckets; ++b) {
      cumulative += d.buckets[b].load(std::memory_order_relaxed);
      std::string le =
          b == kBuckets - 1 ? "+Inf" : std::to_string(uint64_t{1} << b);
      out += std::string(info.name) + "_bucket{le=\"" + le + "\"} " +
             std::to_string(cumulative) + "\n";
    }
    out +=
        std::string(info.name) + "_sum " + std::to_string(d.sum.load()) + "\n";
    out += std::string(info.name) + "_count " + std::to_string(d.count.load()) +
           "\n";
  }
  return out;
}

}  // namespace creditnode
