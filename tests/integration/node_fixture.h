// The fixture of the integration suites: a temp dir per test holding a
// data dir made by the real `creditnode init`, its tokens (read from the
// data dir's config.json), `creditnode serve` started on 127.0.0.1 port 0
// (the bound port is read from the URL it prints), drafts that are valid
// today, and checks of a feed read straight from its store once no node
// runs on it. Binary path: CREDITNODE_BIN (tests/integration/CMakeLists).
// Thread-compatible; the free functions are thread-safe.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "ledger/feed_reader.h"
#include "tests/integration/http_client.h"
#include "tests/integration/node_process.h"
#include "tests/support/status_assertions.h"
#include "util/status.h"

namespace creditnode::integration {

inline constexpr char kOrigin[] = "test.gov.example/credit";
// Start-up, shutdown and CLI runs of a Debug build on a busy 2-core box.
inline constexpr std::chrono::milliseconds kStartTimeout{30000};
inline constexpr std::chrono::milliseconds kStopTimeout{30000};

// The creditnode executable under test.
const std::string& CreditnodeBinary();

// A valid dishonesty record about the organisation with USCC
// ledger::testing::TestUscc(subject), decision `doc_no`, with dates
// around today (decided 30 days ago, effective 20 days ago, repairable in
// 90 days, shown for 3 years) so it is active and in the public view now.
nlohmann::json CurrentDishonesty(uint32_t subject, const std::string& doc_no);

// One entry as the node acknowledged or served it (bytes and signature
// decoded from base64).
struct AckedEntry {
  uint64_t index = 0;
  std::string bytes;
  std::string signature;
};
// The entries of a 201 response of POST /v1/entries ({...}) or
// /v1/entries/batch ({"entries":[...]}). kDataLoss if malformed or of
// another origin.
StatusOr<std::vector<AckedEntry>> ParsePublished(const std::string& body);

// A feed read from its store directly (the node must not be running).
struct FeedSnapshot {
  ledger::FeedInfo info;
  std::vector<ledger::StoredEntry> entries;  // entries[i] is index i
};
// Opens the store of `data_dir` and reads every entry 0..size-1 of feed
// `origin`; kDataLoss naming the first index that is missing (a gap) or if
// an entry exists at index == size.
StatusOr<FeedSnapshot> ReadFeedDirectly(const std::string& data_dir,
                                        const std::string& origin);
// The verifier key (D4 string) of `data_dir`'s keys/feed.key, computed
// here from the seed, independent of what the node reports.
StatusOr<std::string> VerifierKeyFromKeyFile(const std::string& data_dir,
                                             const std::string& origin);
// OK if entries [from, size) each parse, name (origin, their index) and
// carry a signature that verifies under `verifier_key`.
Status VerifyEntries(const FeedSnapshot& feed, const std::string& verifier_key,
                     size_t from);

class NodeTest : public ::testing::Test {
 protected:
  NodeTest();
  ~NodeTest() override;

  const std::string& dir() const { return dir_; }
  std::string DataDir() const { return dir_ + "/data"; }
  // Where process `name`'s stdout/stderr go.
  std::string LogPrefix(const std::string& name) const {
    return dir_ + "/" + name;
  }

  // Runs `creditnode init` and reads the tokens and the feed key.
  // ASSERTs; call through ASSERT_NO_FATAL_FAILURE.
  void InitNode();
  // Starts `creditnode serve --listen 127.0.0.1:0` and waits for its URL.
  // ASSERTs; call through ASSERT_NO_FATAL_FAILURE.
  void StartServe(const std::string& name,
                  std::unique_ptr<NodeProcess>* process, uint16_t* port);
  // SIGTERM; EXPECTs exit code 0.
  void StopServe(NodeProcess* process);

  // POSTs `draft` to /v1/entries with the publisher token; ASSERTs 201.
  void PublishOne(const HttpClient& client, const nlohmann::json& draft,
                  AckedEntry* acked);
  // GET /v1/health's "size" (-1 on any failure, with a test failure).
  int64_t HealthSize(const HttpClient& client);
  // GET /v1/entries/{origin}/{index} with the auditor token; ASSERTs 200.
  void ReadEntry(const HttpClient& client, uint64_t index, AckedEntry* out,
                 nlohmann::json* body = nullptr);

  std::string publisher_token_;
  std::string auditor_token_;
  std::string verifier_key_;  // from keys/feed.key

 private:
  std::string dir_;
};

// A NodeTest whose node is initialised and serving before each test
// (`creditnode serve` on a free port, a client for it) and stopped after.
class ServingNodeTest : public NodeTest {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(InitNode());
    ASSERT_NO_FATAL_FAILURE(StartServe("serve", &node_, &port_));
    client_ = std::make_unique<HttpClient>("127.0.0.1", port_);
  }
  void TearDown() override {
    if (node_ != nullptr) StopServe(node_.get());
  }

  std::unique_ptr<NodeProcess> node_;
  uint16_t port_ = 0;
  std::unique_ptr<HttpClient> client_;
};

}  // namespace creditnode::integration
