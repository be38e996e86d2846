#include "util/metrics.h"

#include <gtest/gtest.h>

namespace creditnode {
namespace {

TEST(MetricsTest, RendersCountersAndHistogramsAsPrometheusText) {
  Metrics& m = Metrics::Global();
  uint64_t before = m.Get(Counter::kSubjectLookups);
  m.Add(Counter::kSubjectLookups, 2);
  EXPECT_EQ(m.Get(Counter::kSubjectLookups), before + 2);
  m.Observe(Histogram::kPublishBatchSize, 3);
  std::string text = m.RenderPrometheus();
  EXPECT_NE(text.find("# TYPE creditnode_subject_lookups_total counter\n"), std::string::npos);
  EXPECT_NE(text.find("creditnode_subject_lookups_total " + std::to_string(before + 2) + "\n"),
            std::string::npos);
  EXPECT_NE(text.find("creditnode_publish_batch_size_bucket{le=\"4\"} "), std::string::npos);
  EXPECT_NE(text.find("creditnode_publish_batch_size_bucket{le=\"+Inf\"} "), std::string::npos);
  EXPECT_NE(text.find("creditnode_publish_batch_size_count "), std::string::npos);
}

}  // namespace
}  // namespace creditnode
