// Crash test for FeedWriter + FeedStore: a child process publishes from 4
// threads and writes every acknowledged index to a pipe; the parent kills
// it with SIGKILL after a random 50-300 ms (seeded), 10 rounds, reopening
// the store each time. After each kill: every acknowledged index exists,
// the feed has no gap (0..size-1 all present), the stored Merkle tree
// matches the entries, every new entry parses and
// its signature verifies, and publishing continues at index == size.
//
// The child is this same test re-executed (fork + execve of
// /proc/self/exe, CN_CRASH_CHILD_* in its environment): RocksDB is not
// fork-safe (a forked child would inherit thread pools without threads),
// so the child starts from a fresh process image.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "crypto/ed25519.h"
#include "crypto/entry_signature.h"
#include "crypto/verifier_key.h"
#include "ledger/feed_store.h"
#include "ledger/feed_tree.h"
#include "ledger/feed_writer.h"
#include "ledger/merkle_frontier.h"
#include "tests/ledger/store_fixture.h"
#include "tests/ledger/test_drafts.h"
#include "util/clock.h"

namespace creditnode::ledger {
namespace {

using namespace testing;  // NOLINT: the shared fixtures

constexpr char kOrigin[] = "wuhan.gov.example/tax";
constexpr char kEnvDb[] = "CN_CRASH_CHILD_DB";
constexpr char kEnvFd[] = "CN_CRASH_CHILD_FD";
constexpr char kTestFilter[] =
    "--gtest_filter=FeedWriterCrashTest.AcknowledgedEntriesSurviveSigkill";
constexpr uint64_t kReady = ~uint64_t{0};
constexpr int kRounds = 10;
constexpr int kChildThreads = 4;

void WriteIndex(int fd, uint64_t index) {
  // 8 bytes < PIPE_BUF: each write is atomic, so threads never interleave.
  if (::write(fd, &index, sizeof(index)) != static_cast<ssize_t>(sizeof(index)))
    ::_exit(4);
}

// The child: publish until killed. Any failure exits with a code the
// parent reports (it expects death by SIGKILL only).
[[noreturn]] void RunChild(const std::string& db, int fd) {
  FeedStoreOptions options;
  StatusOr<std::unique_ptr<FeedStore>> store = FeedStore::Open(db, options);
  if (!store.ok()) ::_exit(2);
  TestFeedKey key = MakeFeedKey(kOrigin, 1);
  StatusOr<std::unique_ptr<FeedWriter>> writer = FeedWriter::New(
      store->get(), kOrigin, key.signer.get(), SystemClock::Default());
  if (!writer.ok()) ::_exit(3);
  WriteIndex(fd, kReady);
  const std::string pid = std::to_string(::getpid());
  std::vector<std::thread> threads;
  for (int t = 0; t < kChildThreads; ++t) {
    threads.emplace_back([&, t] {
      for (uint64_t i = 0;; ++i) {
        StatusOr<EntryDraft> draft = ValidateDraft(DishonestyJson(
            TestUscc(static_cast<uint32_t>(t)),
            pid + "-" + std::to_string(t) + "-" + std::to_string(i)));
        if (!draft.ok()) ::_exit(5);
        std::vector<EntryDraft> drafts;
        drafts.push_back(*std::move(draft));
        StatusOr<std::vector<PublishedEntry>> published =
            (*writer)->Publish(std::move(drafts));
        if (!published.ok()) ::_exit(6);
        WriteIndex(fd, (*published)[0].ref.index);
      }
    });
  }
  for (std::thread& th : threads) th.join();
  ::_exit(7);
}

// Reads what is available (or up to `timeout_ms`) into `buffer`; false at
// end of file.
bool ReadSome(int fd, std::string* buffer, int timeout_ms) {
  pollfd p{fd, POLLIN, 0};
  if (::poll(&p, 1, timeout_ms) <= 0) return true;
  char chunk[4096];
  ssize_t n = ::read(fd, chunk, sizeof(chunk));
  if (n <= 0) return false;
  buffer->append(chunk, static_cast<size_t>(n));
  return true;
}

class FeedWriterCrashTest : public ::testing::Test {
 protected:
  std::unique_ptr<FeedStore> OpenStore(bool create) {
    FeedStoreOptions options;
    options.create_if_missing = create;
    options.block_cache_bytes = 1 << 20;
    StatusOr<std::unique_ptr<FeedStore>> store =
        FeedStore::Open(dir_->Sub("db"), options);
    EXPECT_TRUE(store.ok()) << store.status().ToString();
    return store.ok() ? *std::move(store) : nullptr;
  }

  // Runs the child for `run_ms` after it is ready; returns the indices it
  // acknowledged.
  std::set<uint64_t> RunAndKill(int run_ms) {
    std::set<uint64_t> acked;
    int fds[2];
    EXPECT_EQ(::pipe(fds), 0);
    ::fcntl(fds[0], F_SETFD, FD_CLOEXEC);
    // Everything the child needs is built before fork(): between fork and
    // execve only async-signal-safe calls are allowed.
    char exe[4096];
    ssize_t len = ::readlink("/proc/self/exe", exe, sizeof(exe) - 1);
    EXPECT_GT(len, 0);
    exe[len > 0 ? len : 0] = '\0';
    std::vector<std::string> env_strings;
    for (char** e = environ; *e != nullptr; ++e) env_strings.emplace_back(*e);
    env_strings.push_back(std::string(kEnvDb) + "=" + dir_->Sub("db"));
    env_strings.push_back(std::string(kEnvFd) + "=" + std::to_string(fds[1]));
    std::vector<char*> envp;
    for (std::string& s : env_strings) envp.push_back(s.data());
    envp.push_back(nullptr);
    std::string filter = kTestFilter;
    char* argv[] = {exe, filter.data(), nullptr};

    pid_t pid = ::fork();
    if (pid == 0) {
      int null_fd = ::open("/dev/null", O_WRONLY);
      if (null_fd >= 0) ::dup2(null_fd, STDOUT_FILENO);
      ::execve(exe, argv, envp.data());
      ::_exit(127);
    }
    ::close(fds[1]);
    EXPECT_GT(pid, 0);
    std::string buffer;
    // Wait for the ready marker (the store is open), then run.
    const auto ready_deadline =
        std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (buffer.size() < 8 &&
           std::chrono::steady_clock::now() < ready_deadline) {
      if (!ReadSome(fds[0], &buffer, 100)) break;
    }
    const auto deadline =
        std::chrono::steady_clock::now() + std::chrono::milliseconds(run_ms);
    for (auto now = std::chrono::steady_clock::now(); now < deadline;
         now = std::chrono::steady_clock::now()) {
      const int left = static_cast<int>(
          std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now)
              .count());
      if (!ReadSome(fds[0], &buffer, std::max(left, 1))) break;
    }
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
        << "child exited on its own with code "
        << (WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    while (ReadSome(fds[0], &buffer, 1000)) {
    }
    ::close(fds[0]);

    EXPECT_EQ(buffer.size() % 8, 0u);
    EXPECT_GE(buffer.size(), 8u) << "the child never opened the store";
    for (size_t i = 0; i + 8 <= buffer.size(); i += 8) {
      uint64_t index;
      std::memcpy(&index, buffer.data() + i, 8);
      if (index != kReady) acked.insert(index);
    }
    return acked;
  }

  // Made after the child check: a re-executed child never cleans up.
  std::unique_ptr<TempDir> dir_;
};

TEST_F(FeedWriterCrashTest, AcknowledgedEntriesSurviveSigkill) {
  if (const char* db = std::getenv(kEnvDb)) {
    RunChild(db, std::atoi(std::getenv(kEnvFd)));  // the re-executed child
  }
  dir_ = std::make_unique<TempDir>();
  TestFeedKey key = MakeFeedKey(kOrigin, 1);
  {
    std::unique_ptr<FeedStore> store = OpenStore(/*create=*/true);
    ASSERT_NE(store, nullptr);
    CN_ASSERT_OK(store->AddFeed(kOrigin, key.verifier_key));
  }
  StatusOr<crypto::VerifierKey> parsed =
      crypto::ParseVerifierKey(key.verifier_key);
  CN_ASSERT_OK(parsed);
  StatusOr<std::unique_ptr<crypto::Ed25519Verifier>> verifier =
      crypto::Ed25519Verifier::New(parsed->public_key);
  CN_ASSERT_OK(verifier);
  FakeClock clock(kTestNowMicros);

  std::mt19937 rng(20240615);
  std::uniform_int_distribution<int> run_ms(50, 300);
  uint64_t verified = 0;  // entries below this were checked in earlier rounds
  uint64_t total_acked = 0;
  for (int round = 0; round < kRounds; ++round) {
    SCOPED_TRACE("round " + std::to_string(round));
    std::set<uint64_t> acked = RunAndKill(run_ms(rng));
    total_acked += acked.size();

    std::unique_ptr<FeedStore> store = OpenStore(/*create=*/false);
    ASSERT_NE(store, nullptr);
    StatusOr<FeedInfo> feed = store->GetFeed(kOrigin);
    CN_ASSERT_OK(feed);
    const uint64_t size = feed->size;
    ASSERT_GE(size, verified);
    if (!acked.empty()) {
      EXPECT_LT(*acked.rbegin(), size) << "an acknowledged entry is missing";
    }
    MerkleFrontier frontier;
    for (uint64_t i = 0; i < size; ++i) {
      StatusOr<StoredEntry> stored = store->GetEntry({kOrigin, i});
      ASSERT_TRUE(stored.ok())
          << "gap at " << i << ": " << stored.status().ToString();
      frontier.Append(LeafHash(stored->bytes));
      if (i < verified) continue;
      StatusOr<Entry> entry = ParseEntry(stored->bytes);
      CN_ASSERT_OK(entry);
      EXPECT_EQ(entry->index, i);
      CN_ASSERT_OK(crypto::VerifyEntrySignature(**verifier, stored->signature,
                                                stored->bytes));
    }
    EXPECT_EQ(store->GetEntry({kOrigin, size}).status().code(),
              StatusCode::kNotFound);
    // The stored Merkle tree was committed with the entries (D3).
    StatusOr<Hash> root = FeedTree(store.get(), kOrigin).Root(size);
    CN_ASSERT_OK(root);
    EXPECT_EQ(*root, frontier.Root()) << "stored tree differs from the entries";

    StatusOr<std::unique_ptr<FeedWriter>> writer =
        FeedWriter::New(store.get(), kOrigin, key.signer.get(), &clock);
    CN_ASSERT_OK(writer);
    std::vector<EntryDraft> drafts;
    drafts.push_back(MustDraft(
        DishonestyJson(TestUscc(100), "parent-" + std::to_string(round))));
    StatusOr<std::vector<PublishedEntry>> published =
        (*writer)->Publish(std::move(drafts));
    CN_ASSERT_OK(published);
    EXPECT_EQ((*published)[0].ref.index, size);
    verified = size + 1;
  }
  // The rounds must have exercised something.
  EXPECT_GT(total_acked, 0u);
}

}  // namespace
}  // namespace creditnode::ledger
