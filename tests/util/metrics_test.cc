#include "util/metrics.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

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

TEST(MetricsTest, EveryRenderedMetricIsNamedInOperationsMd) {
  std::ifstream in(CN_OPERATIONS_MD);
  ASSERT_TRUE(in.good()) << CN_OPERATIONS_MD;
  std::stringstream doc;
  doc << in.rdbuf();
  std::istringstream text(Metrics::Global().RenderPrometheus());
  int named = 0;
  for (std::string line; std::getline(text, line);) {
    if (line.rfind("# TYPE ", 0) != 0) continue;
    const std::string name = line.substr(7, line.find(' ', 7) - 7);
    EXPECT_NE(doc.str().find("`" + name + "`"), std::string::npos)
        << name << " is not in docs/OPERATIONS.md";
    ++named;
  }
  EXPECT_EQ(named, static_cast<int>(Counter::kNumCounters) +
                       static_cast<int>(Histogram::kNumHistograms));
}

}  // namespace
}  // namespace creditnode
