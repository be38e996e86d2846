// `creditnode audit URL` against a live node: every feed verifies; after
// more entries the next audit also checks the node's consistency proof
// from the recorded checkpoint; a node replaced by one with another key
// fails the next audit; no token, or no node, is reported.

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "tests/integration/http_client.h"
#include "tests/integration/node_fixture.h"
#include "tests/integration/node_process.h"

namespace creditnode::integration {
namespace {

class AuditTest : public ServingNodeTest {
 protected:
  // Publishes `n` records and waits until a checkpoint covers them.
  void PublishAndWait(int n, const std::string& doc) {
    for (int i = 0; i < n; ++i) {
      AckedEntry acked;
      ASSERT_NO_FATAL_FAILURE(PublishOne(
          *client_,
          CurrentDishonesty(static_cast<uint32_t>(i), doc + std::to_string(i)),
          &acked));
    }
    // The checkpoint cadence is 250 ms (docs/checkpoints.md): wait until
    // /v1/feeds shows a checkpoint covering everything.
    const auto deadline =
        std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (std::chrono::steady_clock::now() < deadline) {
      StatusOr<HttpResponse> r = client_->Get("/v1/feeds");
      if (r.ok() && r->status == 200) {
        nlohmann::json j = nlohmann::json::parse(r->body, nullptr, false);
        const nlohmann::json& feed = j["feeds"][0];
        if (feed["checkpoint_size"].is_number() &&
            feed["checkpoint_size"] == feed["size"]) {
          return;
        }
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ADD_FAILURE() << "no checkpoint covered the published entries";
  }

  int Audit(const std::string& token, std::string* out) {
    std::vector<std::string> args = {
        "audit", "http://127.0.0.1:" + std::to_string(port_), "--state",
        dir() + "/audit-state"};
    if (!token.empty()) {
      args.push_back("--token");
      args.push_back(token);
    }
    std::string err;
    StatusOr<ExitStatus> st =
        RunToCompletion(CREDITNODE_BIN, args, LogPrefix("audit"),
                        std::chrono::seconds(60), out, &err);
    EXPECT_TRUE(st.ok());
    *out += err;
    return st.ok() ? st->code : -1;
  }
};

TEST_F(AuditTest, LiveNodeAuditsCleanlyTwiceWithAConsistencyProof) {
  ASSERT_NO_FATAL_FAILURE(PublishAndWait(5, "审A"));
  std::string out;
  ASSERT_EQ(Audit(auditor_token_, &out), 0) << out;
  EXPECT_NE(out.find("5 entries verified, checkpoint size 5 OK"),
            std::string::npos)
      << out;
  ASSERT_NO_FATAL_FAILURE(PublishAndWait(3, "审B"));
  out.clear();
  ASSERT_EQ(Audit(auditor_token_, &out), 0) << out;
  EXPECT_NE(out.find("8 entries verified, checkpoint size 8 OK"),
            std::string::npos)
      << out;
}

TEST_F(AuditTest, NodeReplacedByOneWithAnotherKeyFailsTheNextAudit) {
  ASSERT_NO_FATAL_FAILURE(PublishAndWait(3, "审R"));
  std::string out;
  ASSERT_EQ(Audit(auditor_token_, &out), 0) << out;
  // The same origin re-created from scratch: a new feed key, a new history.
  StopServe(node_.get());
  node_.reset();
  std::error_code ec;
  std::filesystem::remove_all(DataDir(), ec);
  ASSERT_FALSE(ec) << ec.message();
  ASSERT_NO_FATAL_FAILURE(InitNode());
  ASSERT_NO_FATAL_FAILURE(StartServe("serve2", &node_, &port_));
  client_ = std::make_unique<HttpClient>("127.0.0.1", port_);
  ASSERT_NO_FATAL_FAILURE(PublishAndWait(4, "审S"));
  out.clear();
  EXPECT_EQ(Audit(auditor_token_, &out), 1) << out;
  EXPECT_NE(out.find(std::string("FAIL feed ") + kOrigin +
                     ": verifier key changed since the last audit"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("audit FAILED: 1 of 1 feed(s)"), std::string::npos) << out;
}

TEST_F(AuditTest, AuditWithoutATokenIsRefusedByTheNode) {
  ASSERT_NO_FATAL_FAILURE(PublishAndWait(2, "审C"));
  std::string out;
  EXPECT_EQ(Audit("", &out), 3) << out;
  EXPECT_NE(out.find("HTTP 401"), std::string::npos) << out;
}

TEST_F(AuditTest, UnreachableNodeExitsFour) {
  StopServe(node_.get());
  node_.reset();
  std::string out;
  EXPECT_EQ(Audit(auditor_token_, &out), 4) << out;
}

}  // namespace
}  // namespace creditnode::integration
