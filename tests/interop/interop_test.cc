// Interoperability (issue 4, item 6): a real feed written by FeedWriter,
// its checkpoint signed by the Checkpointer and its proofs built from the
// stored tiles are checked by code this project did not write: the Go
// module's sumdb/note (C2SP signed notes) and sumdb/tlog (RFC 6962 proofs)
// and Go's crypto/ed25519, from Debian's golang-go and
// golang-golang-x-mod-dev, run as tests/interop/verify_feed.go. Tampered
// inputs must make that verifier fail, so the check is not vacuous.

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "ledger/checkpointer.h"
#include "ledger/feed_store.h"
#include "ledger/feed_tree.h"
#include "ledger/feed_writer.h"
#include "tests/ledger/store_fixture.h"
#include "tests/ledger/test_drafts.h"
#include "util/clock.h"
#include "util/encoding.h"

namespace creditnode::ledger {
namespace {

using namespace testing;  // NOLINT: the ledger test fixtures

constexpr char kOrigin[] = "interop.gov.example/credit";
constexpr uint64_t kEntries = 300;  // past one full tile

std::string B64(const Hash& h) {
  return Base64Encode(
      std::string_view(reinterpret_cast<const char*>(h.data()), h.size()));
}

nlohmann::json Proof(const std::vector<Hash>& proof) {
  nlohmann::json out = nlohmann::json::array();
  for (const Hash& h : proof) out.push_back(B64(h));
  return out;
}

class InteropTest : public ::testing::Test {
 protected:
  void SetUp() override {
    key_ = MakeFeedKey(kOrigin, 7);
    FeedStoreOptions options;
    options.create_if_missing = true;
    options.sync = false;
    StatusOr<std::unique_ptr<FeedStore>> store =
        FeedStore::Open(dir_.Sub("db"), options);
    CN_ASSERT_OK(store);
    store_ = *std::move(store);
    CN_ASSERT_OK(store_->AddFeed(kOrigin, key_.verifier_key));
    StatusOr<std::unique_ptr<FeedWriter>> writer =
        FeedWriter::New(store_.get(), kOrigin, key_.signer.get(), &clock_);
    CN_ASSERT_OK(writer);
    std::vector<EntryDraft> drafts;
    for (uint64_t i = 0; i < kEntries; ++i) {
      drafts.push_back(MustDraft(
          DishonestyJson(TestUscc(static_cast<uint32_t>(i)), "interop")));
    }
    CN_ASSERT_OK((*writer)->Publish(std::move(drafts)));
    Checkpointer checkpointer(store_.get(), kOrigin, key_.signer.get());
    StatusOr<std::optional<StoredCheckpoint>> issued =
        checkpointer.IssueIfGrown();
    CN_ASSERT_OK(issued);
    ASSERT_TRUE(issued->has_value());
    ASSERT_EQ((*issued)->size, kEntries);
    input_ = BuildInput((*issued)->note);
  }

  nlohmann::json BuildInput(const std::string& note) {
    FeedTree tree(store_.get(), kOrigin);
    nlohmann::json in = {{"verifier_key", key_.verifier_key},
                         {"checkpoint", note},
                         {"entries", nlohmann::json::array()},
                         {"inclusion", nlohmann::json::array()},
                         {"consistency", nlohmann::json::array()}};
    StatusOr<std::vector<StoredEntry>> entries =
        store_->GetEntries(kOrigin, 0, kEntries);
    EXPECT_TRUE(entries.ok());
    for (const StoredEntry& e : *entries) {
      in["entries"].push_back({{"index", e.ref.index},
                               {"bytes", Base64Encode(e.bytes)},
                               {"signature", Base64Encode(e.signature)}});
      StatusOr<std::vector<Hash>> proof =
          tree.InclusionProof(e.ref.index, kEntries);
      EXPECT_TRUE(proof.ok());
      in["inclusion"].push_back({{"index", e.ref.index},
                                 {"size", kEntries},
                                 {"proof", Proof(*proof)}});
    }
    const Hash root = *tree.Root(kEntries);
    for (uint64_t old : {1, 2, 7, 8, 255, 256, 257, 299}) {
      StatusOr<std::vector<Hash>> proof = tree.ConsistencyProof(old, kEntries);
      EXPECT_TRUE(proof.ok());
      in["consistency"].push_back({{"old", old},
                                   {"old_root", B64(*tree.Root(old))},
                                   {"size", kEntries},
                                   {"root", B64(root)},
                                   {"proof", Proof(*proof)}});
    }
    return in;
  }

  // Runs the Go verifier on `in`; returns its first output line.
  std::string RunGo(const nlohmann::json& in) {
    const std::string path = dir_.Sub("input.json");
    std::ofstream(path) << in.dump();
    // GOPATH mode over Debian's packaged Go sources: no network, no module
    // download.
    const std::string cmd = "cd " + dir_.path() +
                            " && GO111MODULE=off GOPATH=/usr/share/gocode "
                            "GOCACHE=" +
                            dir_.Sub("gocache") + " GOFLAGS= go run " +
                            CN_VERIFY_FEED_GO + " " + path + " 2>&1";
    FILE* pipe = ::popen(cmd.c_str(), "r");
    if (pipe == nullptr) return "popen failed";
    std::string out;
    char buf[512];
    while (std::fgets(buf, sizeof(buf), pipe) != nullptr) out += buf;
    ::pclose(pipe);
    return out.substr(0, out.find('\n'));
  }

  TempDir dir_;
  FakeClock clock_{kTestNowMicros};
  TestFeedKey key_;
  std::unique_ptr<FeedStore> store_;
  nlohmann::json input_;
};

TEST_F(InteropTest, GoTransparencyLogCodeAcceptsOurCheckpointEntriesAndProofs) {
  EXPECT_EQ(RunGo(input_), "ok");
}

TEST_F(InteropTest, GoVerifierRejectsATamperedCheckpointSignature) {
  nlohmann::json in = input_;
  std::string note = in["checkpoint"];
  note[note.size() - 3] = note[note.size() - 3] == 'A' ? 'B' : 'A';
  in["checkpoint"] = note;
  EXPECT_EQ(RunGo(in).rfind("FAIL checkpoint note", 0), 0u);
}

TEST_F(InteropTest, GoVerifierRejectsATamperedEntry) {
  nlohmann::json in = input_;
  std::string bytes =
      *Base64Decode(in["entries"][5]["bytes"].get<std::string>());
  bytes[10] ^= 1;
  in["entries"][5]["bytes"] = Base64Encode(bytes);
  EXPECT_EQ(RunGo(in), "FAIL entry 5: signature does not verify");
}

TEST_F(InteropTest, GoVerifierRejectsATamperedInclusionProof) {
  nlohmann::json in = input_;
  in["inclusion"][200]["proof"][0] = B64(EmptyRoot());
  EXPECT_EQ(RunGo(in).rfind("FAIL inclusion of 200 in 300", 0), 0u);
}

TEST_F(InteropTest, GoVerifierRejectsATamperedConsistencyProof) {
  nlohmann::json in = input_;
  in["consistency"][4]["proof"][1] = B64(EmptyRoot());
  EXPECT_EQ(RunGo(in).rfind("FAIL consistency 255 to 300", 0), 0u);
}

}  // namespace
}  // namespace creditnode::ledger
