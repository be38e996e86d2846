// Restarts of the real `creditnode serve`: SIGTERM ends it with exit code
// 0 and a second run serves the same feed, entries byte for byte; SIGTERM
// under a publishing load drains the requests in flight (each gets its
// answer, and what was answered 201 is stored); and a
// second `serve` on a data dir a running node holds exits with code 1
// (docs/CLI.md) and a message that says the store is locked, leaving the
// running node undisturbed.
#include <gtest/gtest.h>
#include <signal.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "tests/integration/node_fixture.h"
#include "tests/integration/publish_load.h"
#include "tests/ledger/test_drafts.h"

namespace creditnode::integration {
namespace {

class RestartTest : public NodeTest {
 protected:
  void SetUp() override { ASSERT_NO_FATAL_FAILURE(InitNode()); }
};

TEST_F(RestartTest, EntriesSurviveAGracefulRestart) {
  std::vector<AckedEntry> published(3);
  {
    std::unique_ptr<NodeProcess> node;
    uint16_t port = 0;
    ASSERT_NO_FATAL_FAILURE(StartServe("serve1", &node, &port));
    HttpClient client("127.0.0.1", port);
    for (uint32_t i = 0; i < published.size(); ++i) {
      ASSERT_NO_FATAL_FAILURE(PublishOne(
          client, CurrentDishonesty(100 + i, "决定" + std::to_string(i)),
          &published[i]));
      ASSERT_EQ(published[i].index, i);
    }
    StopServe(node.get());
    EXPECT_NE(node->Stderr().find("stopped"), std::string::npos)
        << node->Stderr();
  }

  std::unique_ptr<NodeProcess> node;
  uint16_t port = 0;
  ASSERT_NO_FATAL_FAILURE(StartServe("serve2", &node, &port));
  HttpClient client("127.0.0.1", port);
  EXPECT_EQ(HealthSize(client), 3);
  for (const AckedEntry& before : published) {
    AckedEntry after;
    ASSERT_NO_FATAL_FAILURE(ReadEntry(client, before.index, &after));
    EXPECT_EQ(after.bytes, before.bytes);
    EXPECT_EQ(after.signature, before.signature);
  }
  StatusOr<HttpResponse> lookup = client.Get(
      "/v1/subjects/" + ledger::testing::TestUscc(101), auditor_token_);
  CN_ASSERT_OK(lookup);
  ASSERT_EQ(lookup->status, 200) << lookup->body;
  nlohmann::json j = nlohmann::json::parse(lookup->body, nullptr, false);
  ASSERT_EQ(j["entries"].size(), 1u) << lookup->body;
  EXPECT_EQ(j["entries"][0]["index"], 1);
  // Publishing continues at the next index.
  AckedEntry next;
  ASSERT_NO_FATAL_FAILURE(
      PublishOne(client, CurrentDishonesty(200, "决定3"), &next));
  EXPECT_EQ(next.index, 3u);
  StopServe(node.get());
}

TEST_F(RestartTest, SecondServeOnALockedDataDirExitsWithAClearMessage) {
  std::unique_ptr<NodeProcess> first;
  uint16_t port = 0;
  ASSERT_NO_FATAL_FAILURE(StartServe("serve1", &first, &port));

  std::string err;
  StatusOr<ExitStatus> second =
      RunToCompletion(CreditnodeBinary(),
                      {"serve", "--data", DataDir(), "--listen", "127.0.0.1:0"},
                      LogPrefix("serve2"), kStartTimeout, nullptr, &err);
  CN_ASSERT_OK(second);
  EXPECT_TRUE(second->exited && second->code == 1) << second->ToString();
  EXPECT_EQ(err.rfind("error: ", 0), 0u) << err;
  EXPECT_NE(err.find("lock"), std::string::npos) << err;
  EXPECT_NE(err.find(DataDir()), std::string::npos) << err;

  // The running node is undisturbed.
  HttpClient client("127.0.0.1", port);
  AckedEntry acked;
  ASSERT_NO_FATAL_FAILURE(
      PublishOne(client, CurrentDishonesty(300, "决定1"), &acked));
  EXPECT_EQ(acked.index, 0u);
  StopServe(first.get());
}

TEST_F(RestartTest, SigintAlsoStopsServeWithExitCodeZero) {
  std::unique_ptr<NodeProcess> node;
  uint16_t port = 0;
  ASSERT_NO_FATAL_FAILURE(StartServe("serve", &node, &port));
  CN_ASSERT_OK(node->Kill(SIGINT));
  StatusOr<ExitStatus> exit = node->Wait(kStopTimeout);
  CN_ASSERT_OK(exit);
  EXPECT_TRUE(exit->Success()) << exit->ToString() << "\n" << node->Stderr();
  // The port is closed once serve has exited.
  HttpClient client("127.0.0.1", port, std::chrono::seconds(2));
  EXPECT_FALSE(client.Get("/v1/health").ok());
}

TEST_F(RestartTest,
       SigtermDuringPublishingAnswersAndKeepsEveryRequestInFlight) {
  constexpr int kThreads = 4;
  std::unique_ptr<NodeProcess> node;
  uint16_t port = 0;
  ASSERT_NO_FATAL_FAILURE(StartServe("serve", &node, &port));
  HttpClient client("127.0.0.1", port, std::chrono::seconds(30));
  std::atomic<bool> stopping{false};
  std::vector<ClientLog> logs(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back(
        PublishUntilFailure, std::cref(client), std::cref(publisher_token_),
        "term-t" + std::to_string(t), static_cast<uint32_t>(t * 100000),
        std::cref(stopping), &logs[static_cast<size_t>(t)]);
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  stopping.store(true);
  StopServe(node.get());
  for (std::thread& th : threads) th.join();

  size_t acked = 0;
  for (const ClientLog& log : logs) {
    EXPECT_TRUE(log.failure.empty()) << log.failure;
    acked += log.acked.size();
  }
  EXPECT_GT(acked, 0u);
  StatusOr<FeedSnapshot> feed = ReadFeedDirectly(DataDir(), kOrigin);
  CN_ASSERT_OK(feed);
  CN_ASSERT_OK(VerifyEntries(*feed, verifier_key_, 0));
  // A graceful stop answers every request it accepted: nothing is stored
  // that a client was not told about, and everything it was told is there.
  EXPECT_EQ(feed->info.size, acked);
  for (const ClientLog& log : logs) {
    for (const AckedEntry& e : log.acked) {
      ASSERT_LT(e.index, feed->entries.size());
      EXPECT_EQ(feed->entries[e.index].bytes, e.bytes) << e.index;
      EXPECT_EQ(feed->entries[e.index].signature, e.signature) << e.index;
    }
  }
}

}  // namespace
}  // namespace creditnode::integration
