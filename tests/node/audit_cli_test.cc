// `creditnode export` and `creditnode audit --bundle` as real processes:
// a feed served once (so it has a checkpoint) is exported and audited;
// each tampering of the bundle (an entry byte, a signature, the
// checkpoint, an entry removed or moved, a checkpoint by another key) makes
// audit exit 1 naming the place; a rewritten history after a recorded
// audit is caught through the state directory; export works beside a
// running node and refuses an unknown feed; usage errors exit 2.

#include <gtest/gtest.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "tests/ledger/test_drafts.h"
#include "tests/node/cli_process.h"
#include "tests/node/node_test_util.h"
#include "util/encoding.h"

namespace creditnode::node::testing {
namespace {

using ledger::testing::DishonestyJson;
using ledger::testing::TestUscc;
using std::chrono::seconds;

constexpr char kOrigin[] = "wuhan.gov.example/audit";

class AuditCliTest : public ::testing::Test {
 protected:
  // Data dir `data` initialised with `n` records published (no
  // checkpoint yet: serving issues one).
  static void InitAndPublish(const std::string& data, int n,
                             const std::string& doc) {
    ASSERT_EQ(
        RunCreditnode({"init", "--data", data, "--origin", kOrigin}).exit_code,
        0);
    nlohmann::json batch = {{"entries", nlohmann::json::array()}};
    for (int i = 0; i < n; ++i) {
      batch["entries"].push_back(DishonestyJson(
          TestUscc(static_cast<uint32_t>(i)), doc + std::to_string(i)));
    }
    ProcessResult p =
        RunCreditnode({"publish", "--data", data, "-"}, batch.dump());
    ASSERT_EQ(p.exit_code, 0) << p.err;
  }

  // A data dir with `n` entries and a checkpoint covering them, exported.
  void MakeBundle(const std::string& name, int n, const std::string& doc) {
    const std::string data = dir_.Sub(name);
    ASSERT_NO_FATAL_FAILURE(InitAndPublish(data, n, doc));
    // Serving issues the checkpoint (at start and at shutdown).
    BackgroundProcess serve(
        {"serve", "--data", data, "--listen", "127.0.0.1:0"});
    serve.ReadStderrUntil("listening", seconds(20));
    serve.Signal(SIGTERM);
    ASSERT_EQ(serve.Wait(seconds(20)), 0);
    ProcessResult e = RunCreditnode(
        {"export", "--data", data, "--out", dir_.Sub(name + ".bundle")});
    ASSERT_EQ(e.exit_code, 0) << e.err;
    lines_ = Lines(ReadText(dir_.Sub(name + ".bundle")));
    ASSERT_EQ(lines_.size(), static_cast<size_t>(n + 1));
  }

  static std::vector<std::string> Lines(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
  }

  ProcessResult Audit(const std::vector<std::string>& lines,
                      const std::string& state = "state") {
    std::string text;
    for (const std::string& l : lines) text += l + "\n";
    const std::string path = dir_.Sub("audited.bundle");
    WriteText(path, text);
    return RunCreditnode(
        {"audit", "--bundle", path, "--state", dir_.Sub(state)});
  }

  // Flips one bit of field `field` (base64) of entry line `i`.
  std::vector<std::string> Flip(size_t i, const char* field, size_t byte) {
    std::vector<std::string> lines = lines_;
    nlohmann::json e = nlohmann::json::parse(lines[i]);
    std::string raw = *Base64Decode(e[field].get<std::string>());
    raw[byte] ^= 1;
    e[field] = Base64Encode(raw);
    lines[i] = e.dump();
    return lines;
  }

  TempDir dir_;
  std::vector<std::string> lines_;
};

TEST_F(AuditCliTest, ExportedBundleAuditsCleanly) {
  MakeBundle("a", 20, "审");
  ProcessResult r = Audit(lines_);
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("feed wuhan.gov.example/audit: 20 entries verified, "
                       "checkpoint size 20 OK"),
            std::string::npos)
      << r.out;
}

TEST_F(AuditCliTest, ChangedEntryByteIsReportedAtItsIndex) {
  MakeBundle("a", 20, "审");
  ProcessResult r = Audit(Flip(6, "bytes", 40));  // line 6 = index 5
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("FAIL feed wuhan.gov.example/audit index 5: signature "
                       "does not verify"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("root of the entries"), std::string::npos);
}

TEST_F(AuditCliTest, ChangedSignatureIsReportedAtItsIndex) {
  MakeBundle("a", 20, "审");
  ProcessResult r = Audit(Flip(11, "signature", 3));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("index 10: signature does not verify"),
            std::string::npos)
      << r.out;
}

TEST_F(AuditCliTest, ChangedCheckpointRootFailsTheCheckpointSignature) {
  MakeBundle("a", 20, "审");
  std::vector<std::string> lines = lines_;
  nlohmann::json h = nlohmann::json::parse(lines[0]);
  std::string note = h["checkpoint"];
  const size_t root = note.find('\n', note.find('\n') + 1) + 1;
  note[root] = note[root] == 'A' ? 'B' : 'A';
  h["checkpoint"] = note;
  lines[0] = h.dump();
  ProcessResult r = Audit(lines);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("FAIL feed wuhan.gov.example/audit: checkpoint: note: "
                       "signature by wuhan.gov.example/audit does not verify"),
            std::string::npos)
      << r.out;
}

TEST_F(AuditCliTest, RemovedEntryIsReported) {
  MakeBundle("a", 20, "审");
  std::vector<std::string> lines = lines_;
  lines.erase(lines.begin() + 8);  // index 7
  ProcessResult r = Audit(lines);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("index 8: expected entry 7 here"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("have 19 entries, the checkpoint names 20"),
            std::string::npos);
}

TEST_F(AuditCliTest, ReorderedEntriesAreReported) {
  MakeBundle("a", 20, "审");
  std::vector<std::string> lines = lines_;
  std::swap(lines[3], lines[4]);
  ProcessResult r = Audit(lines);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("index 3: expected entry 2 here"), std::string::npos)
      << r.out;
}

TEST_F(AuditCliTest, CheckpointFromAnotherKeyIsReported) {
  MakeBundle("a", 20, "审");
  std::vector<std::string> original = lines_;
  MakeBundle("b", 20, "审");  // same origin, another feed key
  std::vector<std::string> lines = original;
  nlohmann::json h = nlohmann::json::parse(lines[0]);
  h["checkpoint"] = nlohmann::json::parse(lines_[0])["checkpoint"];
  lines[0] = h.dump();
  ProcessResult r = Audit(lines);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("checkpoint: note: no signature by"), std::string::npos)
      << r.out;
}

TEST_F(AuditCliTest, FeedDifferingFromTheRecordedAuditIsCaught) {
  MakeBundle("a", 20, "审");
  ASSERT_EQ(Audit(lines_).exit_code, 0);
  const std::string state_path = dir_.Sub("state") + "/state.json";
  const nlohmann::json recorded = nlohmann::json::parse(ReadText(state_path));
  ASSERT_EQ(recorded[kOrigin]["size"], 20);

  // What an earlier audit saw at size 10 differs from these entries: the
  // history was rewritten (only the key holder could, and it is caught).
  nlohmann::json rewritten = recorded;
  rewritten[kOrigin]["size"] = 10;
  rewritten[kOrigin]["root"] = Base64Encode(std::string(32, '\x5a'));
  WriteText(state_path, rewritten.dump());
  ProcessResult r = Audit(lines_);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("the first 10 entries no longer give the root seen "
                       "last time (history was rewritten)"),
            std::string::npos)
      << r.out;

  // An earlier audit saw more entries than the feed now has: truncated.
  nlohmann::json longer = recorded;
  longer[kOrigin]["size"] = 25;
  WriteText(state_path, longer.dump());
  r = Audit(lines_);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("is below the 25 seen last time (the feed was "
                       "truncated)"),
            std::string::npos)
      << r.out;

  // A feed now shown under another key fails too.
  WriteText(state_path, recorded.dump());
  MakeBundle("b", 25, "改");
  r = Audit(lines_);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("verifier key changed since the last audit"),
            std::string::npos)
      << r.out;
}

TEST_F(AuditCliTest, MalformedBundleExitsThree) {
  MakeBundle("a", 3, "审");
  std::vector<std::string> lines = lines_;
  lines[2] = "{not json";
  ProcessResult r = Audit(lines);
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find("bundle line 3"), std::string::npos) << r.err;
}

TEST_F(AuditCliTest, EntryLineBeyondTheCheckpointIsReported) {
  MakeBundle("a", 5, "审");
  std::vector<std::string> lines = lines_;
  lines.push_back(lines.back());
  ProcessResult r = Audit(lines);
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("FAIL feed wuhan.gov.example/audit: bundle holds 1 "
                       "entry line(s) after the checkpoint's 5 entries"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("state not updated"), std::string::npos) << r.out;
}

TEST_F(AuditCliTest, CanonicalCheckPassesOnAnExportedBundle) {
  MakeBundle("a", 5, "审");
  WriteText(dir_.Sub("c.bundle"), ReadText(dir_.Sub("a.bundle")));
  ProcessResult r = RunCreditnode({"audit", "--bundle", dir_.Sub("c.bundle"),
                                   "--state", dir_.Sub("s"), "--canonical"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("audit OK: 1 feed(s)"), std::string::npos) << r.out;
}

TEST_F(AuditCliTest, MalformedStateFileIsRefusedNamingIt) {
  MakeBundle("a", 3, "审");
  ASSERT_EQ(Audit(lines_).exit_code, 0);
  const std::string state_path = dir_.Sub("state") + "/state.json";
  nlohmann::json recorded = nlohmann::json::parse(ReadText(state_path));
  recorded[kOrigin].erase("root");
  WriteText(state_path, recorded.dump());
  ProcessResult r = Audit(lines_);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("state.json: feed wuhan.gov.example/audit: \"root\" "
                       "is not base64 of 32 bytes"),
            std::string::npos)
      << r.err;
}

// The store is opened read-only, beside the serving node's lock; the
// bundle holds what the node had checkpointed and audits cleanly.
TEST_F(AuditCliTest, ExportOfARunningNodeWritesItsCheckpointedEntries) {
  const std::string data = dir_.Sub("live");
  ASSERT_NO_FATAL_FAILURE(InitAndPublish(data, 3, "live"));
  BackgroundProcess serve({"serve", "--data", data, "--listen", "127.0.0.1:0"});
  // The node signs a checkpoint of its 3 entries when it starts.
  serve.ReadStderrUntil("listening", seconds(20));
  ProcessResult e;
  for (int attempt = 0; attempt < 50; ++attempt) {
    e = RunCreditnode(
        {"export", "--data", data, "--out", dir_.Sub("live.bundle")});
    if (e.exit_code != 3) break;  // 3: no checkpoint yet
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_EQ(e.exit_code, 0) << e.err;
  const std::vector<std::string> lines =
      Lines(ReadText(dir_.Sub("live.bundle")));
  EXPECT_EQ(lines.size(), 4u);  // header and 3 entries
  EXPECT_EQ(Audit(lines).exit_code, 0);
  serve.Signal(SIGTERM);
  EXPECT_EQ(serve.Wait(seconds(20)), 0);
}

TEST_F(AuditCliTest, ExportOfAnUnknownFeedFailsAndWritesNothing) {
  MakeBundle("a", 2, "审");
  ProcessResult e =
      RunCreditnode({"export", "--data", dir_.Sub("a"), "--out",
                     dir_.Sub("none.bundle"), "--origin", "other.example/x"});
  EXPECT_EQ(e.exit_code, 1) << e.err;
  EXPECT_NE(e.err.find("other.example/x"), std::string::npos) << e.err;
  EXPECT_FALSE(std::filesystem::exists(dir_.Sub("none.bundle")));
  EXPECT_FALSE(std::filesystem::exists(dir_.Sub("none.bundle.tmp")));
}

TEST_F(AuditCliTest, AuditNeedsExactlyOneOfUrlAndBundle) {
  EXPECT_EQ(RunCreditnode({"audit"}).exit_code, 2);
  MakeBundle("a", 1, "审");
  EXPECT_EQ(RunCreditnode({"audit", "http://127.0.0.1:1", "--bundle",
                           dir_.Sub("a.bundle")})
                .exit_code,
            2);
}

}  // namespace
}  // namespace creditnode::node::testing
