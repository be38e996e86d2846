// node/checkpoint_loop.h over a real data dir (InitDataDir + LocalFeed):
// a checkpoint of the empty feed at start, a new entry covered within the
// node's 250 ms interval (issue 4: within 1 s), a last checkpoint at Stop,
// failures counted in the metric. And the real `creditnode serve`: an entry
// published over HTTP, the node stopped with SIGTERM at once, leaves in its
// store a checkpoint that covers the entry and verifies under the feed key.
#include "node/checkpoint_loop.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <memory>
#include <optional>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "crypto/checkpoint.h"
#include "crypto/signed_note.h"
#include "crypto/verifier_key.h"
#include "ledger/checkpointer.h"
#include "ledger/feed_store.h"
#include "node/local_feed.h"
#include "tests/ledger/test_drafts.h"
#include "tests/node/cli_process.h"
#include "tests/node/node_test_util.h"
#include "util/civil_date.h"
#include "util/clock.h"
#include "util/metrics.h"

namespace creditnode::node::testing {
namespace {

using ledger::testing::DishonestyJson;
using ledger::testing::MustDraft;
using ledger::testing::TestUscc;
using std::chrono::milliseconds;
using std::chrono::seconds;

constexpr char kOrigin[] = "wuhan.gov.example/ckpt";
// The node's cadence (node_server.cc) and one long enough never to fire
// within a test, so only Start and Stop issue.
constexpr milliseconds kNodeInterval{250};
constexpr milliseconds kNever{3600 * 1000};

// The size named by the latest checkpoint of kOrigin in `store`, after
// checking that its note verifies under `verifier_key` and names kOrigin;
// -1 if there is none or it does not check out (a test failure then).
int64_t LatestVerifiedSize(ledger::FeedStore* store,
                           const std::string& verifier_key) {
  StatusOr<std::optional<ledger::StoredCheckpoint>> latest =
      store->LatestCheckpoint(kOrigin);
  EXPECT_TRUE(latest.ok()) << latest.status().ToString();
  if (!latest.ok() || !latest->has_value()) return -1;
  StatusOr<crypto::VerifierKey> key = crypto::ParseVerifierKey(verifier_key);
  EXPECT_TRUE(key.ok()) << key.status().ToString();
  if (!key.ok()) return -1;
  StatusOr<crypto::Note> note = crypto::VerifyNote((*latest)->note, *key);
  EXPECT_TRUE(note.ok()) << note.status().ToString();
  if (!note.ok()) return -1;
  StatusOr<crypto::Checkpoint> c = crypto::ParseCheckpoint(note->text);
  EXPECT_TRUE(c.ok()) << c.status().ToString();
  if (!c.ok()) return -1;
  EXPECT_EQ(c->origin, kOrigin);
  EXPECT_EQ(c->size, (*latest)->size);
  return static_cast<int64_t>(c->size);
}

class CheckpointLoopTest : public ::testing::Test {
 protected:
  void SetUp() override {
    InitOptions options;
    options.origin = kOrigin;
    StatusOr<Config> config = InitDataDir(dir_.Sub("n"), options);
    ASSERT_TRUE(config.ok()) << config.status().ToString();
    StatusOr<std::unique_ptr<LocalFeed>> feed =
        LocalFeed::Open(dir_.Sub("n"), &clock_);
    ASSERT_TRUE(feed.ok()) << feed.status().ToString();
    feed_ = *std::move(feed);
    checkpointer_ = std::make_unique<ledger::Checkpointer>(
        feed_->store(), kOrigin, feed_->signer());
  }

  int64_t LatestSize() {
    return LatestVerifiedSize(feed_->store(), feed_->verifier_key());
  }

  // Polls the store until its latest checkpoint names `size`; false if
  // that has not happened within `limit`.
  bool CoveredWithin(int64_t size, milliseconds limit) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < deadline) {
      if (LatestSize() == size) return true;
      std::this_thread::sleep_for(milliseconds(10));
    }
    return LatestSize() == size;
  }

  void Publish(uint32_t n) {
    std::vector<ledger::EntryDraft> drafts;
    drafts.push_back(MustDraft(
        DishonestyJson(TestUscc(n), "罚" + std::to_string(n) + "号")));
    StatusOr<std::vector<ledger::PublishedEntry>> published =
        feed_->writer()->Publish(std::move(drafts));
    ASSERT_TRUE(published.ok()) << published.status().ToString();
  }

  TempDir dir_;
  FakeClock clock_{ledger::testing::kTestNowMicros};
  std::unique_ptr<LocalFeed> feed_;
  std::unique_ptr<ledger::Checkpointer> checkpointer_;
};

TEST_F(CheckpointLoopTest, StartSignsACheckpointOfTheEmptyFeedAtOnce) {
  const uint64_t issued = Metrics::Global().Get(Counter::kCheckpointsIssued);
  CheckpointLoop loop(checkpointer_.get(), kNever);
  ASSERT_EQ(LatestSize(), -1);
  loop.Start();
  EXPECT_TRUE(CoveredWithin(0, milliseconds(2000)));
  loop.Stop();  // joins, so the count is final; nothing new to sign
  EXPECT_EQ(Metrics::Global().Get(Counter::kCheckpointsIssued), issued + 1);
}

TEST_F(CheckpointLoopTest, NewEntryIsCoveredWithinASecondAtTheNodesInterval) {
  CheckpointLoop loop(checkpointer_.get(), kNodeInterval);
  loop.Start();
  ASSERT_TRUE(CoveredWithin(0, milliseconds(2000)));
  Publish(1);
  EXPECT_TRUE(CoveredWithin(1, milliseconds(1000)));
  Publish(2);
  Publish(3);
  EXPECT_TRUE(CoveredWithin(3, milliseconds(1000)));
}

TEST_F(CheckpointLoopTest, StopSignsALastCheckpointCoveringEveryEntry) {
  CheckpointLoop loop(checkpointer_.get(), kNever);
  loop.Start();
  ASSERT_TRUE(CoveredWithin(0, milliseconds(2000)));
  Publish(1);
  Publish(2);
  loop.Stop();
  EXPECT_EQ(LatestSize(), 2);
  // Every checkpoint issued is kept.
  EXPECT_TRUE(feed_->store()->GetCheckpoint(kOrigin, 0).ok());
  loop.Stop();  // idempotent
  EXPECT_EQ(LatestSize(), 2);
}

TEST_F(CheckpointLoopTest, FailuresAreCountedAndTheLoopKeepsRunning) {
  // A Checkpointer of a feed the store does not have fails every time.
  ledger::Checkpointer missing(feed_->store(), "other.gov.example/none",
                               feed_->signer());
  const uint64_t failures = Metrics::Global().Get(Counter::kCheckpointFailures);
  CheckpointLoop loop(&missing, milliseconds(20));
  loop.Start();
  const auto deadline = std::chrono::steady_clock::now() + seconds(2);
  while (Metrics::Global().Get(Counter::kCheckpointFailures) < failures + 3 &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(milliseconds(10));
  }
  EXPECT_GE(Metrics::Global().Get(Counter::kCheckpointFailures), failures + 3);
  loop.Stop();
  EXPECT_EQ(LatestSize(), -1);
}

// POST `body` (JSON) to 127.0.0.1:`port` with a bearer token; the status
// code, or 0 if there was no response. (cli_process.h has GET only.)
int HttpPostJson(uint16_t port, const std::string& path,
                 const std::string& body, const std::string& token) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return 0;
  timeval tv{10, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0) {
    ::close(fd);
    return 0;
  }
  const std::string req =
      "POST " + path +
      " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
      "Content-Type: application/json\r\nAuthorization: Bearer " +
      token + "\r\nContent-Length: " + std::to_string(body.size()) +
      "\r\n\r\n" + body;
  if (::send(fd, req.data(), req.size(), MSG_NOSIGNAL) !=
      static_cast<ssize_t>(req.size())) {
    ::close(fd);
    return 0;
  }
  std::string raw;
  char buf[4096];
  ssize_t got;
  while ((got = ::recv(fd, buf, sizeof(buf), 0)) > 0) {
    raw.append(buf, static_cast<size_t>(got));
  }
  ::close(fd);
  if (raw.rfind("HTTP/1.1 ", 0) != 0 || raw.size() < 12) return 0;
  return std::atoi(raw.substr(9, 3).c_str());
}

// The binary runs on the system clock: a record in force today.
nlohmann::json CurrentDishonesty(uint32_t n) {
  const CivilDate today =
      CivilDate::FromUnixMicros(SystemClock::Default()->NowMicros());
  nlohmann::json d =
      DishonestyJson(TestUscc(n), "罚" + std::to_string(n) + "号");
  d["decision"]["date"] = today.AddDays(-15).ToString();
  d["effective_from"] = today.AddDays(-10).ToString();
  d["publish_min_until"] = today.AddDays(-5).ToString();
  d["publish_max_until"] = today.AddDays(365).ToString();
  return d;
}

TEST(CheckpointServeTest, EntryPublishedJustBeforeSigtermIsCoveredInTheStore) {
  TempDir dir;
  const std::string data = dir.Sub("node");
  ProcessResult init =
      RunCreditnode({"init", "--data", data, "--origin", kOrigin});
  ASSERT_EQ(init.exit_code, 0) << init.err;
  std::smatch m;
  ASSERT_TRUE(std::regex_search(init.out, m,
                                std::regex("publisher token: ([0-9a-f]{64})")))
      << init.out;
  const std::string token = m[1];

  BackgroundProcess serve({"serve", "--data", data, "--listen", "127.0.0.1:0"});
  const std::string log =
      serve.ReadStderrUntil("listening on http://127.0.0.1:", seconds(20));
  ASSERT_TRUE(std::regex_search(
      log, m, std::regex("listening on http://127\\.0\\.0\\.1:(\\d+)/")))
      << log;
  const uint16_t port = static_cast<uint16_t>(std::stoi(m[1]));
  ASSERT_EQ(
      HttpPostJson(port, "/v1/entries", CurrentDishonesty(1).dump(), token),
      201);
  // No waiting for the cadence: the checkpoint Stop() signs must cover it.
  serve.Signal(SIGTERM);
  ASSERT_EQ(serve.Wait(seconds(20)), 0);

  StatusOr<std::unique_ptr<LocalFeed>> feed =
      LocalFeed::Open(data, SystemClock::Default());
  ASSERT_TRUE(feed.ok()) << feed.status().ToString();
  EXPECT_EQ((*feed)->store()->GetFeed(kOrigin)->size, 1u);
  EXPECT_EQ(LatestVerifiedSize((*feed)->store(), (*feed)->verifier_key()), 1);
}

}  // namespace
}  // namespace creditnode::node::testing
