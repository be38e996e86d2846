// Process tests of the `creditnode` executable (docs/CLI.md): each runs the
// real binary in a temp dir and checks its exit code, stdout, stderr and
// what it left on disk; serve and demo are run in the background, queried
// over loopback and stopped with SIGTERM.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <csignal>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>
#include <vector>

#include "ledger/feed_store.h"
#include "ledger/subject_id.h"
#include "tests/ledger/test_drafts.h"
#include "tests/node/cli_process.h"
#include "tests/node/node_test_util.h"
#include "util/civil_date.h"
#include "util/clock.h"

namespace creditnode::node::testing {
namespace {

using ledger::testing::DishonestyJson;
using ledger::testing::TestOrgCode;
using ledger::testing::TestUscc;
using ledger::testing::WithLegalRep;
using std::chrono::seconds;

constexpr char kOrigin[] = "wuhan.gov.example/market";
constexpr char kDemoOrigin[] = "wuhan.gov.example/credit";

// DishonestyJson with dates around the real today (the binary uses the
// system clock): in force now, so the public view shows it.
nlohmann::json CurrentDishonesty(const std::string& uscc,
                                 const std::string& doc_no) {
  const CivilDate today =
      CivilDate::FromUnixMicros(SystemClock::Default()->NowMicros());
  nlohmann::json d = DishonestyJson(uscc, doc_no);
  d["decision"]["date"] = today.AddDays(-15).ToString();
  d["effective_from"] = today.AddDays(-10).ToString();
  d["publish_min_until"] = today.AddDays(-5).ToString();
  d["publish_max_until"] = today.AddDays(365).ToString();
  return d;
}

class CliTest : public ::testing::Test {
 protected:
  // `creditnode init` into data(); fails the test unless it succeeds.
  void Init() {
    ProcessResult r =
        RunCreditnode({"init", "--data", data(), "--origin", kOrigin});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  std::string data() const { return dir_.Sub("node"); }

  // The size of the node's feed, read from the store after the commands ran.
  uint64_t FeedSize(const std::string& origin = kOrigin) {
    ledger::FeedStoreOptions options;
    auto store = ledger::FeedStore::Open(data() + "/db", options);
    EXPECT_TRUE(store.ok()) << store.status().ToString();
    if (!store.ok()) return UINT64_MAX;
    auto feed = (*store)->GetFeed(origin);
    EXPECT_TRUE(feed.ok()) << feed.status().ToString();
    return feed.ok() ? feed->size : UINT64_MAX;
  }

  std::string WriteFile(const std::string& name, const std::string& text) {
    WriteText(dir_.Sub(name), text);
    return dir_.Sub(name);
  }

  TempDir dir_;
};

TEST_F(CliTest, InitCreatesPrivateDataDirAndPrintsBothTokens) {
  ProcessResult r =
      RunCreditnode({"init", "--data", data(), "--origin", kOrigin});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(
      std::regex_search(r.out, std::regex("publisher token: [0-9a-f]{64}\n")));
  EXPECT_TRUE(
      std::regex_search(r.out, std::regex("auditor token: [0-9a-f]{64}\n")));
  EXPECT_EQ(FileMode(data() + "/config.json"), 0600);
  EXPECT_EQ(FileMode(data() + "/keys/feed.key"), 0600);
  EXPECT_EQ(FileMode(data() + "/keys"), 0700);
  EXPECT_EQ(FeedSize(), 0u);
}

TEST_F(CliTest, InitAgainRefusesWithExitThreeAndKeepsTheConfig) {
  Init();
  const std::string config = ReadText(data() + "/config.json");
  ProcessResult r =
      RunCreditnode({"init", "--data", data(), "--origin", kOrigin});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find("already initialised"), std::string::npos) << r.err;
  EXPECT_EQ(ReadText(data() + "/config.json"), config);
}

TEST_F(CliTest, InitWithInvalidOriginExitsThreeNamingTheRule) {
  ProcessResult r =
      RunCreditnode({"init", "--data", data(), "--origin", "Wuhan Tax"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find("error: origin"), std::string::npos) << r.err;
  EXPECT_EQ(FileMode(data() + "/config.json"), -1);
}

TEST_F(CliTest, UnknownOptionIsAUsageErrorWithExitTwo) {
  ProcessResult r =
      RunCreditnode({"init", "--data", data(), "--no-such-option"});
  EXPECT_EQ(r.exit_code, 2);
}

TEST_F(CliTest, KeygenWritesAnOwnerOnlyKeyFileAndPrintsItsVerifierKey) {
  const std::string key = dir_.Sub("witness.key");
  ProcessResult r =
      RunCreditnode({"keygen", "--out", key, "--name", "wuhan.gov.example/w1"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(FileMode(key), 0600);
  EXPECT_TRUE(std::regex_search(
      r.out,
      std::regex("verifier key: "
                 "wuhan\\.gov\\.example/w1\\+[0-9a-f]{8}\\+[A-Za-z0-9+/=]+\n")))
      << r.out;
}

TEST_F(CliTest, KeygenWithInvalidKeyNameExitsThreeAndWritesNoFile) {
  const std::string key = dir_.Sub("bad.key");
  ProcessResult r = RunCreditnode({"keygen", "--out", key, "--name", "a+b"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find("key name: must not contain '+'"), std::string::npos)
      << r.err;
  EXPECT_EQ(FileMode(key), -1);
}

TEST_F(CliTest, KeygenRefusesToOverwriteAKeyFile) {
  const std::string key = dir_.Sub("k.key");
  ASSERT_EQ(RunCreditnode({"keygen", "--out", key, "--name", "n"}).exit_code,
            0);
  const std::string before = ReadText(key);
  ProcessResult r = RunCreditnode({"keygen", "--out", key, "--name", "n"});
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_EQ(ReadText(key), before);
}

TEST_F(CliTest, CommandsOnAnUninitialisedDataDirExitOneSayingRunInit) {
  ProcessResult r = RunCreditnode({"lookup", "--data", data(), TestUscc(1)});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("creditnode init"), std::string::npos) << r.err;
}

TEST_F(CliTest, PublishValidEntryPrintsItsOriginIndexAndTime) {
  Init();
  const std::string file =
      WriteFile("entry.json", DishonestyJson(TestUscc(1), "罚1号").dump());
  ProcessResult r = RunCreditnode({"publish", "--data", data(), file});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  nlohmann::json out = nlohmann::json::parse(r.out);
  EXPECT_EQ(out["origin"], kOrigin);
  EXPECT_EQ(out["index"], 0);
  EXPECT_TRUE(out["issued_at"].is_string());
  EXPECT_EQ(FeedSize(), 1u);
}

TEST_F(CliTest, PublishReadsABatchFromStdin) {
  Init();
  nlohmann::json batch = {{"entries",
                           {DishonestyJson(TestUscc(1), "罚1号"),
                            DishonestyJson(TestUscc(2), "罚2号")}}};
  ProcessResult r =
      RunCreditnode({"publish", "--data", data(), "-"}, batch.dump());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out)["entries"].size(), 2u);
  EXPECT_EQ(FeedSize(), 2u);
}

TEST_F(CliTest, PublishInvalidEntryExitsThreeNamingTheRuleAndWritesNothing) {
  Init();
  std::string bad = TestUscc(1);
  bad.back() = bad.back() == '0' ? '1' : '0';
  const std::string file =
      WriteFile("entry.json", DishonestyJson(bad, "罚1号").dump());
  ProcessResult r = RunCreditnode({"publish", "--data", data(), file});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find("uscc: check character mismatch"), std::string::npos)
      << r.err;
  EXPECT_EQ(FeedSize(), 0u);
}

TEST_F(CliTest, ImportWithABadRowImportsNothingWithoutSkipInvalid) {
  Init();
  const std::string csv =
      WriteFile("list.csv", std::string(kCsvHeader) + CsvRow(1, "罚1号") +
                                "dishonesty,org,坏行\n" + CsvRow(2, "罚2号"));
  ProcessResult r = RunCreditnode({"import", "--data", data(), csv});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find("rejected row 3: has 3 fields, the header 18"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("nothing imported"), std::string::npos) << r.err;
  EXPECT_EQ(FeedSize(), 0u);
}

TEST_F(CliTest, ImportWithSkipInvalidImportsTheGoodRowsAndWritesTheReport) {
  Init();
  const std::string csv =
      WriteFile("list.csv", std::string(kCsvHeader) + CsvRow(1, "罚1号") +
                                "dishonesty,org,坏行\n" + CsvRow(2, "罚2号"));
  const std::string report = dir_.Sub("rejected.csv");
  ProcessResult r = RunCreditnode(
      {"import", "--data", data(), csv, "--skip-invalid", "--report", report});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(
      r.out.find("imported 2 entries, 0 already in the feed, 1 rows rejected"),
      std::string::npos)
      << r.out;
  EXPECT_EQ(ReadText(report),
            "row,reason\n3,\"has 3 fields, the header 18\"\n");
  EXPECT_EQ(FeedSize(), 2u);
}

TEST_F(CliTest, ImportRunTwiceSkipsTheRowsAlreadyInTheFeed) {
  Init();
  const std::string csv =
      WriteFile("list.csv", std::string(kCsvHeader) + CsvRow(1, "罚1号") +
                                CsvRow(2, "罚2号") + CsvRow(3, "罚3号"));
  ASSERT_EQ(RunCreditnode({"import", "--data", data(), csv, "--batch", "2"})
                .exit_code,
            0);
  ProcessResult again =
      RunCreditnode({"import", "--data", data(), csv, "--batch", "2"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find("imported 0 entries, 3 already in the feed"),
            std::string::npos)
      << again.out;
  EXPECT_EQ(FeedSize(), 3u);
}

TEST_F(CliTest, ImportFromAPipeIsRefusedBeforeAnythingIsWritten) {
  Init();
  const std::string fifo = dir_.Sub("list.fifo");
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  ProcessResult r = RunCreditnode({"import", "--data", data(), fifo});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find("not a regular file (the import reads it twice)"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(FeedSize(), 0u);
}

TEST_F(CliTest, ImportInManyBatchesImportsEveryRowOnce) {
  Init();
  std::string rows;
  for (uint32_t i = 1; i <= 7; ++i)
    rows += CsvRow(i, "罚" + std::to_string(i) + "号");
  const std::string csv = WriteFile("list.csv", std::string(kCsvHeader) + rows);
  ProcessResult r =
      RunCreditnode({"import", "--data", data(), csv, "--batch", "3"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("imported 7 entries, 0 already in the feed"),
            std::string::npos)
      << r.out;
  EXPECT_EQ(FeedSize(), 7u);
}

TEST_F(CliTest, LookupByUsccAndByItsOrgCodeReturnsTheSameEntries) {
  Init();
  const std::string file =
      WriteFile("entry.json", CurrentDishonesty(TestUscc(7), "罚1号").dump());
  ASSERT_EQ(RunCreditnode({"publish", "--data", data(), file}).exit_code, 0);
  ProcessResult by_uscc =
      RunCreditnode({"lookup", "--data", data(), TestUscc(7)});
  ProcessResult by_org =
      RunCreditnode({"lookup", "--data", data(), TestOrgCode(7)});
  ASSERT_EQ(by_uscc.exit_code, 0) << by_uscc.err;
  ASSERT_EQ(by_org.exit_code, 0) << by_org.err;
  nlohmann::json a = nlohmann::json::parse(by_uscc.out);
  nlohmann::json b = nlohmann::json::parse(by_org.out);
  EXPECT_EQ(a["view"], "full");
  ASSERT_EQ(a["entries"].size(), 1u);
  EXPECT_EQ(a["entries"][0]["status"], "active");
  EXPECT_EQ(a["entries"], b["entries"]);
}

TEST_F(CliTest, LookupPublicViewMasksTheLegalRepresentativesResidentId) {
  Init();
  const std::string rid = ledger::testing::TestResidentId(5);
  const std::string file = WriteFile(
      "entry.json",
      WithLegalRep(CurrentDishonesty(TestUscc(5), "罚1号"), rid).dump());
  ASSERT_EQ(RunCreditnode({"publish", "--data", data(), file}).exit_code, 0);
  ProcessResult r =
      RunCreditnode({"lookup", "--data", data(), TestUscc(5), "--public"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  nlohmann::json j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["view"], "public");
  ASSERT_EQ(j["entries"].size(), 1u);
  EXPECT_EQ(r.out.find(rid), std::string::npos);
  EXPECT_NE(r.out.find(ledger::MaskResidentId(rid)), std::string::npos);
}

TEST_F(CliTest, LookupOfAnInvalidIdExitsThreeNamingTheRule) {
  Init();
  ProcessResult r = RunCreditnode({"lookup", "--data", data(), "12345678-0"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find("error: id: org_code: check character mismatch"),
            std::string::npos)
      << r.err;
  EXPECT_TRUE(r.out.empty());
}

TEST_F(CliTest, ServeStopsOnSigtermAndLocksOutOtherWritersWhileRunning) {
  Init();
  ASSERT_EQ(RunCreditnode({"publish", "--data", data(), "-"},
                          DishonestyJson(TestUscc(1), "罚0号").dump())
                .exit_code,
            0);
  BackgroundProcess serve(
      {"serve", "--data", data(), "--listen", "127.0.0.1:0"});
  const std::string log =
      serve.ReadStderrUntil("listening on http://127.0.0.1:", seconds(20));
  std::smatch m;
  ASSERT_TRUE(std::regex_search(
      log, m, std::regex("listening on http://127\\.0\\.0\\.1:(\\d+)/")))
      << log;
  const uint16_t port = static_cast<uint16_t>(std::stoi(m[1]));
  EXPECT_EQ(HttpGet(port, "/v1/subjects/" + TestUscc(1)).status, 200);

  ProcessResult second =
      RunCreditnode({"serve", "--data", data(), "--listen", "127.0.0.1:0"});
  EXPECT_EQ(second.exit_code, 1);
  EXPECT_NE(second.err.find("in use by another creditnode process"),
            std::string::npos)
      << second.err;
  ProcessResult publish =
      RunCreditnode({"publish", "--data", data(), "-"},
                    DishonestyJson(TestUscc(1), "罚1号").dump());
  EXPECT_EQ(publish.exit_code, 1);
  EXPECT_NE(publish.err.find("in use by another creditnode process"),
            std::string::npos)
      << publish.err;
  // lookup only reads: it opens the store read-only beside the node.
  ProcessResult lookup =
      RunCreditnode({"lookup", "--data", data(), TestUscc(1)});
  ASSERT_EQ(lookup.exit_code, 0) << lookup.err;
  nlohmann::json found = nlohmann::json::parse(lookup.out);
  ASSERT_EQ(found["entries"].size(), 1u) << lookup.out;

  serve.Signal(SIGTERM);
  EXPECT_EQ(serve.Wait(seconds(20)), 0);
}

// The demo's stdout is a fixed interface (docs/CLI.md): six lines, URLs on
// the actual bound port, three examples that answer without a token.
struct DemoOutput {
  uint16_t port = 0;
  std::vector<std::string> paths;
  std::string publisher_token;
  std::string auditor_token;
};

void ParseDemoOutput(const std::string& out, DemoOutput* d) {
  std::smatch m;
  const std::regex re(
      "^CreditNode demo running at http://127\\.0\\.0\\.1:(\\d+)/\n"
      "  http://127\\.0\\.0\\.1:\\1(/v1/subjects/[0-9A-Z]{18})\n"
      "  http://127\\.0\\.0\\.1:\\1(/v1/subjects/[0-9A-Z]{9})\n"
      "  "
      "http://127\\.0\\.0\\.1:\\1(/v1/subjects/[0-9A-Z]{9}|/v1/subjects/"
      "[0-9A-Z]{18})\n"
      "publisher token: ([0-9a-f]{64})\n"
      "auditor token: ([0-9a-f]{64})\n$");
  ASSERT_TRUE(std::regex_match(out, m, re)) << out;
  d->port = static_cast<uint16_t>(std::stoi(m[1]));
  d->paths = {m[2], m[3], m[4]};
  d->publisher_token = m[5];
  d->auditor_token = m[6];
}

TEST_F(CliTest,
       DemoPrintsTheFixedLinesWithWorkingPublicExamplesAndStopsOnSigterm) {
  BackgroundProcess demo({"demo", "--data", data(), "--listen", "127.0.0.1:0",
                          "--records", "300"});
  DemoOutput d;
  ParseDemoOutput(demo.ReadStdoutLines(6, seconds(40)), &d);
  ASSERT_EQ(d.paths.size(), 3u);
  for (const std::string& path : d.paths) {
    HttpResult r = HttpGet(d.port, path);
    ASSERT_EQ(r.status, 200) << path << " " << r.body;
    nlohmann::json j = nlohmann::json::parse(r.body);
    EXPECT_EQ(j["view"], "public");
    EXPECT_GE(j["entries"].size(), 1u) << path;
  }
  // The printed tokens are the node's: the full view accepts them.
  HttpResult full = HttpGet(d.port, d.paths[0], d.auditor_token);
  ASSERT_EQ(full.status, 200);
  EXPECT_EQ(nlohmann::json::parse(full.body)["view"], "full");
  // The second example is an organization code (taken from a USCC).
  EXPECT_EQ(
      nlohmann::json::parse(
          HttpGet(d.port, d.paths[1]).body)["subject"]["ids"][0]["scheme"],
      "org_code");
  demo.Signal(SIGTERM);
  EXPECT_EQ(demo.Wait(seconds(20)), 0);
}

TEST_F(CliTest, DemoRerunOnTheSameDirReusesItAndPrintsTheSameExamples) {
  DemoOutput first;
  {
    BackgroundProcess demo({"demo", "--data", data(), "--listen", "127.0.0.1:0",
                            "--records", "200"});
    ParseDemoOutput(demo.ReadStdoutLines(6, seconds(40)), &first);
    demo.Signal(SIGINT);
    ASSERT_EQ(demo.Wait(seconds(20)), 0);
  }
  const uint64_t size = FeedSize(kDemoOrigin);
  EXPECT_GT(size, 200u);  // the records and their lifecycle entries
  BackgroundProcess demo({"demo", "--data", data(), "--listen", "127.0.0.1:0"});
  DemoOutput second;
  ParseDemoOutput(demo.ReadStdoutLines(6, seconds(40)), &second);
  EXPECT_EQ(second.paths, first.paths);
  EXPECT_EQ(second.auditor_token, first.auditor_token);
  demo.Signal(SIGTERM);
  ASSERT_EQ(demo.Wait(seconds(20)), 0);
  EXPECT_EQ(FeedSize(kDemoOrigin), size);  // nothing generated the second time
}

}  // namespace
}  // namespace creditnode::node::testing
