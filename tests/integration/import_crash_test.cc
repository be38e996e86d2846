// The crash test of issue #3, bulk-import variant: SIGKILL a real
// `creditnode import` (docs/import.md) while it appends a 5,000-row CSV
// in synced batches of 50, then check the store directly: no gap, every
// signature verifies under keys/feed.key, entries are the file's rows in
// order, and at least the rows its progress output reported as done are
// there (the progress line is printed after a batch is durable). Running
// the same import again completes it: the summary counts the rows already
// in the feed, and the feed ends with every row exactly once.
#include <gtest/gtest.h>
#include <signal.h>

#include <cinttypes>
#include <cstdio>
#include <fstream>
#include <random>
#include <regex>
#include <string>
#include <thread>

#include "ledger/entry.h"
#include "tests/integration/node_fixture.h"

namespace creditnode::integration {
namespace {

constexpr size_t kRows = 5000;
constexpr char kBatch[] = "50";
constexpr uint64_t kSeed = 20261126;

std::string DocNo(size_t row) { return "导入-" + std::to_string(row); }

std::string Quote(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

// Writes kRows valid records in the columns of docs/import.md; row r
// (0-based, after the header) has decision DocNo(r) and its own subject.
void WriteCsv(const std::string& path) {
  static const char* kColumns[] = {"kind",
                                   "subject_type",
                                   "subject_name",
                                   "uscc",
                                   "list",
                                   "severity",
                                   "conduct",
                                   "legal_basis_instrument",
                                   "decision_doc_no",
                                   "decision_date",
                                   "authority_name",
                                   "effective_from",
                                   "publish_min_until",
                                   "publish_max_until",
                                   "public",
                                   "share_scope"};
  std::ofstream out(path, std::ios::trunc);
  for (size_t i = 0; i < std::size(kColumns); ++i)
    out << (i ? "," : "") << kColumns[i];
  out << "\n";
  for (size_t r = 0; r < kRows; ++r) {
    const nlohmann::json d =
        CurrentDishonesty(static_cast<uint32_t>(500000 + r), DocNo(r));
    const std::string cells[] = {d["kind"],
                                 d["subject"]["type"],
                                 d["subject"]["name"],
                                 d["subject"]["ids"][0]["value"],
                                 d["list"],
                                 d["severity"],
                                 d["conduct"],
                                 d["legal_basis"][0]["instrument"],
                                 d["decision"]["doc_no"],
                                 d["decision"]["date"],
                                 d["decision"]["authority"]["name"],
                                 d["effective_from"],
                                 d["publish_min_until"],
                                 d["publish_max_until"],
                                 d["public"].get<bool>() ? "true" : "false",
                                 d["share_scope"]};
    for (size_t i = 0; i < std::size(cells); ++i)
      out << (i ? "," : "") << Quote(cells[i]);
    out << "\n";
  }
  ASSERT_TRUE(out.good()) << path;
}

// The largest "N" of the progress lines "import: P% N/T ..." so far.
uint64_t ReportedDone(const std::string& stderr_text) {
  static const std::regex kLine(R"(import:\s+\d+% (\d+)/(\d+))");
  uint64_t done = 0;
  for (auto it =
           std::sregex_iterator(stderr_text.begin(), stderr_text.end(), kLine);
       it != std::sregex_iterator(); ++it) {
    done = std::max<uint64_t>(done, std::stoull((*it)[1].str()));
  }
  return done;
}

// Entry i must be row i of the file.
void ExpectRowsInOrder(const FeedSnapshot& feed, size_t from) {
  for (size_t i = from; i < feed.entries.size(); ++i) {
    StatusOr<ledger::Entry> entry = ledger::ParseEntry(feed.entries[i].bytes);
    CN_ASSERT_OK(entry);
    ASSERT_EQ(entry->json["decision"]["doc_no"], DocNo(i)) << "entry " << i;
  }
}

class ImportCrashTest : public NodeTest {};

TEST_F(ImportCrashTest, KilledImportLeavesNoGapAndResumesWithoutDuplicates) {
  ASSERT_NO_FATAL_FAILURE(InitNode());
  const std::string csv = dir() + "/records.csv";
  ASSERT_NO_FATAL_FAILURE(WriteCsv(csv));
  std::mt19937_64 rng(kSeed);
  // Kill once the progress says 10-60% is durable, a little later still.
  const uint64_t kill_after_rows =
      kRows * std::uniform_int_distribution<uint64_t>(1, 6)(rng) / 10;
  const int extra_ms = std::uniform_int_distribution<int>(0, 50)(rng);
  std::printf("import crash seed %" PRIu64 ": kill after %" PRIu64
              " rows + %d ms\n",
              kSeed, kill_after_rows, extra_ms);

  StatusOr<std::unique_ptr<NodeProcess>> import = NodeProcess::Start(
      CreditnodeBinary(),
      {"import", "--data", DataDir(), "--batch", kBatch, csv},
      LogPrefix("import1"));
  CN_ASSERT_OK(import);
  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::minutes(2);
  uint64_t reported = 0;
  while ((reported = ReportedDone((*import)->Stderr())) < kill_after_rows) {
    ASSERT_TRUE((*import)->Running()) << "import ended before the kill:\n"
                                      << (*import)->Stderr();
    ASSERT_LT(std::chrono::steady_clock::now(), deadline)
        << (*import)->Stderr();
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(extra_ms));
  reported = ReportedDone((*import)->Stderr());
  CN_ASSERT_OK((*import)->Kill(SIGKILL));
  StatusOr<ExitStatus> exit = (*import)->Wait(kStopTimeout);
  CN_ASSERT_OK(exit);
  ASSERT_TRUE(exit->signaled && exit->signal == SIGKILL)
      << "import was not killed mid-way: " << exit->ToString() << "\n"
      << (*import)->Stderr();

  StatusOr<FeedSnapshot> killed = ReadFeedDirectly(DataDir(), kOrigin);
  CN_ASSERT_OK(killed);  // fails on a gap
  const uint64_t size = killed->info.size;
  std::printf("killed with %" PRIu64 " rows reported durable, size %" PRIu64
              "\n",
              reported, size);
  EXPECT_GE(size, reported) << "rows reported as imported are missing";
  EXPECT_LT(size, kRows) << "the kill came after the import finished";
  CN_ASSERT_OK(VerifyEntries(*killed, verifier_key_, 0));
  ASSERT_NO_FATAL_FAILURE(ExpectRowsInOrder(*killed, 0));

  std::string out, err;
  StatusOr<ExitStatus> rerun = RunToCompletion(
      CreditnodeBinary(),
      {"import", "--data", DataDir(), "--batch", kBatch, csv},
      LogPrefix("import2"), std::chrono::minutes(2), &out, &err);
  CN_ASSERT_OK(rerun);
  ASSERT_TRUE(rerun->Success()) << rerun->ToString() << "\n" << err;
  EXPECT_NE(
      out.find("imported " + std::to_string(kRows - size) + " entries, " +
               std::to_string(size) + " already in the feed, 0 rows rejected"),
      std::string::npos)
      << out;

  StatusOr<FeedSnapshot> done = ReadFeedDirectly(DataDir(), kOrigin);
  CN_ASSERT_OK(done);
  ASSERT_EQ(done->info.size, kRows);
  for (uint64_t i = 0; i < size; ++i) {
    ASSERT_EQ(done->entries[i].bytes, killed->entries[i].bytes) << i;
  }
  CN_ASSERT_OK(VerifyEntries(*done, verifier_key_, size));
  // Row i at index i for every row: none twice, none missing.
  ASSERT_NO_FATAL_FAILURE(ExpectRowsInOrder(*done, size));
}

}  // namespace
}  // namespace creditnode::integration
