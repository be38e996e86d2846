// Tests for ledger/feed_audit.h and ledger/feed_auditor.h over a real feed:
// a RocksDB FeedStore filled by FeedWriter with a real Ed25519 key and
// checkpointed by Checkpointer, served by an in-memory FeedSource that
// tampers the way a dishonest node or a bad copy would. Each tampering
// must fail with the exact feed, index and reason; a clean feed, and a
// feed that grew consistently since the recorded audit, must pass.
#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "crypto/checkpoint.h"
#include "crypto/entry_signature.h"
#include "crypto/signed_note.h"
#include "ledger/checkpointer.h"
#include "ledger/feed_auditor.h"
#include "ledger/feed_store.h"
#include "ledger/feed_writer.h"
#include "ledger/merkle_frontier.h"
#include "ledger/merkle_proof.h"
#include "tests/ledger/store_fixture.h"
#include "tests/ledger/test_drafts.h"
#include "util/clock.h"

namespace creditnode::ledger {
namespace {

using namespace testing;  // NOLINT: the shared fixtures

constexpr char kOrigin[] = "wuhan.gov.example/tax";
constexpr char kOther[] = "wuhan.gov.example/court";

Hash RootOf(const std::vector<SourceEntry>& entries, uint64_t begin,
            uint64_t end) {
  MerkleFrontier f;
  for (uint64_t i = begin; i < end; ++i) f.Append(LeafHash(entries[i].bytes));
  return f.Root();
}

// A FeedSource holding its feeds in memory, served as they are (tampered
// or not), in pages of at most `page_limit` entries. Its consistency
// proofs are computed from the entries it serves, or `proof_override`.
class MemorySource final : public FeedSource {
 public:
  struct Feed {
    SourceFeed info;
    std::vector<SourceEntry> entries;  // in the order served
  };

  StatusOr<std::vector<SourceFeed>> ListFeeds() override {
    std::vector<SourceFeed> out;
    for (const Feed& f : feeds) out.push_back(f.info);
    return out;
  }

  StatusOr<size_t> ReadEntries(std::string_view origin, uint64_t start,
                               uint64_t end,
                               std::vector<SourceEntry>* page) override {
    if (!read_error.ok()) return read_error;
    const Feed* feed = Find(origin);
    if (feed == nullptr) return NotFoundError("no feed");
    size_t n = 0;
    for (uint64_t i = start;
         i < end && i < feed->entries.size() && n < page_limit; ++i, ++n) {
      if (page->size() <= n) page->resize(n + 1);
      (*page)[n] = feed->entries[i];
    }
    ++pages_read;
    return n;
  }

  StatusOr<std::optional<std::vector<Hash>>> ConsistencyProof(
      std::string_view origin, uint64_t old_size, uint64_t size) override {
    ++proofs_asked;
    if (!offers_proofs) return std::optional<std::vector<Hash>>();
    if (proof_override) return proof_override;
    const Feed* feed = Find(origin);
    const std::vector<SourceEntry>& e = feed->entries;
    CN_ASSIGN_OR_RETURN(
        std::vector<Hash> proof,
        ledger::ConsistencyProof(
            old_size, size, [&e](int level, uint64_t index) -> StatusOr<Hash> {
              return RootOf(e, index << level, (index + 1) << level);
            }));
    return std::optional<std::vector<Hash>>(std::move(proof));
  }

  Feed* Find(std::string_view origin) {
    for (Feed& f : feeds) {
      if (f.info.origin == origin) return &f;
    }
    return nullptr;
  }

  std::vector<Feed> feeds;
  size_t page_limit = 1000;
  bool offers_proofs = true;
  std::optional<std::vector<Hash>> proof_override;
  Status read_error;
  int pages_read = 0;
  int proofs_asked = 0;
};

class FeedAuditTest : public ::testing::Test {
 protected:
  void SetUp() override {
    key_ = MakeFeedKey(kOrigin, 1);
    other_key_ = MakeFeedKey(kOrigin, 2);
  }

  // Store `name` (created if new) holding feed `origin` with key `key`:
  // `n` more records are published and checkpointed; returns the whole
  // feed as a MemorySource feed.
  MemorySource::Feed MakeFeed(const std::string& name, int n,
                              const std::string& doc, const TestFeedKey& key,
                              const std::string& origin = kOrigin) {
    FeedStoreOptions options;
    options.create_if_missing = true;
    options.block_cache_bytes = 1 << 20;
    StatusOr<std::unique_ptr<FeedStore>> store =
        FeedStore::Open(dir_.Sub(name), options);
    EXPECT_TRUE(store.ok()) << store.status().ToString();
    EXPECT_TRUE((*store)->AddFeed(origin, key.verifier_key).ok());
    {
      StatusOr<std::unique_ptr<FeedWriter>> writer =
          FeedWriter::New(store->get(), origin, key.signer.get(), &clock_);
      EXPECT_TRUE(writer.ok()) << writer.status().ToString();
      std::vector<EntryDraft> drafts;
      for (int i = 0; i < n; ++i) {
        drafts.push_back(MustDraft(DishonestyJson(
            TestUscc(static_cast<uint32_t>(i)), doc + std::to_string(i))));
      }
      EXPECT_TRUE((*writer)->Publish(std::move(drafts)).ok());
    }
    Checkpointer checkpointer(store->get(), origin, key.signer.get());
    StatusOr<std::optional<StoredCheckpoint>> checkpoint =
        checkpointer.IssueIfGrown();
    EXPECT_TRUE(checkpoint.ok() && checkpoint->has_value());

    MemorySource::Feed feed;
    feed.info.origin = origin;
    feed.info.verifier_key = key.verifier_key;
    feed.info.checkpoint = (*checkpoint)->note;
    StatusOr<std::vector<StoredEntry>> entries =
        (*store)->GetEntries(origin, 0, (*checkpoint)->size);
    EXPECT_TRUE(entries.ok());
    for (const StoredEntry& e : *entries) {
      feed.entries.push_back({e.ref.index, e.bytes, e.signature});
    }
    return feed;
  }

  void UseFeed(MemorySource::Feed feed) {
    source_.feeds.clear();
    source_.feeds.push_back(std::move(feed));
  }
  MemorySource::Feed& feed() { return source_.feeds.front(); }

  // A checkpoint over the entries as they now are, signed by `key` (what
  // the key holder could sign for any history it likes).
  void Resign(const TestFeedKey& key) {
    crypto::Checkpoint c;
    c.origin = kOrigin;
    c.size = feed().entries.size();
    c.root = RootOf(feed().entries, 0, c.size);
    StatusOr<std::string> note =
        crypto::SignNote(crypto::FormatCheckpoint(c), kOrigin, *key.signer);
    ASSERT_TRUE(note.ok()) << note.status().ToString();
    feed().info.checkpoint = *note;
  }

  // Replaces entry i's bytes and signs them with the feed key.
  void ReplaceSigned(size_t i, const std::string& bytes) {
    feed().entries[i].bytes = bytes;
    StatusOr<std::string> sig = crypto::SignEntry(*key_.signer, bytes);
    ASSERT_TRUE(sig.ok());
    feed().entries[i].signature = *sig;
  }

  std::vector<FeedAuditResult> Audit(const AuditOptions& options = {}) {
    StatusOr<std::vector<FeedAuditResult>> r =
        AuditFeeds(&source_, state_, options, nullptr);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *std::move(r) : std::vector<FeedAuditResult>{};
  }

  // Audits and records every feed that passed, as the CLI does.
  void AuditAndRecord() {
    for (const FeedAuditResult& r : Audit()) {
      ASSERT_TRUE(r.passed()) << r.failures.front().ToString();
      state_[r.origin] = r.checked;
    }
  }

  static bool Has(const FeedAuditResult& r, std::optional<uint64_t> index,
                  const std::string& what) {
    for (const AuditFailure& f : r.failures) {
      if (f.origin == r.origin && f.index == index &&
          f.what.find(what) != std::string::npos) {
        return true;
      }
    }
    return false;
  }
  static std::string All(const FeedAuditResult& r) {
    std::string out;
    for (const AuditFailure& f : r.failures) out += f.ToString() + "\n";
    return out;
  }

  TempDir dir_;
  FakeClock clock_{kTestNowMicros};
  TestFeedKey key_;
  TestFeedKey other_key_;
  MemorySource source_;
  AuditState state_;
};

// ---------------------------------------------------------------- passing

TEST_F(FeedAuditTest, CleanFeedPassesWithEveryEntryVerified) {
  UseFeed(MakeFeed("a", 12, "甲", key_));
  source_.page_limit = 5;  // a node's pages may be smaller than asked
  std::vector<FeedAuditResult> results = Audit();
  ASSERT_EQ(results.size(), 1u);
  const FeedAuditResult& r = results[0];
  EXPECT_TRUE(r.passed()) << All(r);
  EXPECT_TRUE(r.has_checkpoint);
  EXPECT_EQ(r.entries_verified, 12u);
  EXPECT_EQ(r.checked.size, 12u);
  EXPECT_EQ(r.checked.root, RootOf(feed().entries, 0, 12));
  EXPECT_EQ(r.checked.verifier_key, key_.verifier_key);
  EXPECT_EQ(source_.pages_read, 3);
}

TEST_F(FeedAuditTest, FeedGrownConsistentlySinceTheRecordedAuditPasses) {
  UseFeed(MakeFeed("a", 12, "甲", key_));
  AuditAndRecord();
  // The same feed later: 12 more entries appended, a new checkpoint.
  MemorySource::Feed grown = MakeFeed("a", 12, "乙", key_);
  ASSERT_EQ(grown.entries.size(), 24u);
  UseFeed(std::move(grown));
  std::vector<FeedAuditResult> results = Audit();
  ASSERT_EQ(results.size(), 1u);
  EXPECT_TRUE(results[0].passed()) << All(results[0]);
  EXPECT_EQ(results[0].checked.size, 24u);
  EXPECT_EQ(source_.proofs_asked, 1);  // the node's own proof checked too
}

TEST_F(FeedAuditTest, FeedWithoutACheckpointPassesWithNothingToCheck) {
  UseFeed(MakeFeed("a", 3, "甲", key_));
  feed().info.checkpoint.reset();
  std::vector<FeedAuditResult> results = Audit();
  ASSERT_EQ(results.size(), 1u);
  EXPECT_TRUE(results[0].passed());
  EXPECT_FALSE(results[0].has_checkpoint);
  EXPECT_EQ(source_.pages_read, 0);
}

TEST_F(FeedAuditTest, NonCanonicalBytesPassUnlessCanonicalFormIsChecked) {
  UseFeed(MakeFeed("a", 6, "甲", key_));
  nlohmann::json e = nlohmann::json::parse(feed().entries[4].bytes);
  ReplaceSigned(4, e.dump(1));  // same content, indented: not what dump() gives
  Resign(key_);
  EXPECT_TRUE(Audit()[0].passed());
  AuditOptions options;
  options.feed.check_canonical = true;
  const FeedAuditResult r = Audit(options)[0];
  EXPECT_TRUE(Has(r, 4, "entry bytes are not canonical")) << All(r);
  EXPECT_EQ(r.failures.size(), 1u) << All(r);
}

// ------------------------------------------------------- tampered entries

TEST_F(FeedAuditTest, ChangedEntryByteFailsItsSignatureAndTheRoot) {
  UseFeed(MakeFeed("a", 12, "甲", key_));
  feed().entries[5].bytes[40] ^= 1;
  const FeedAuditResult r = Audit()[0];
  EXPECT_TRUE(Has(r, 5, "signature does not verify")) << All(r);
  EXPECT_TRUE(Has(r, std::nullopt, "is not the checkpoint's")) << All(r);
  EXPECT_EQ(r.failures.size(), 2u) << All(r);
}

TEST_F(FeedAuditTest, ChangedSignatureFailsOnlyAtItsIndex) {
  UseFeed(MakeFeed("a", 12, "甲", key_));
  feed().entries[9].signature[3] ^= 1;
  const FeedAuditResult r = Audit()[0];
  EXPECT_TRUE(Has(r, 9, "signature does not verify")) << All(r);
  EXPECT_EQ(r.failures.size(), 1u) << All(r);  // the bytes, so the root, hold
}

TEST_F(FeedAuditTest, RemovedEntryIsNamedWhereItIsMissing) {
  UseFeed(MakeFeed("a", 12, "甲", key_));
  feed().entries.erase(feed().entries.begin() + 7);
  const FeedAuditResult r = Audit()[0];
  EXPECT_TRUE(Has(r, 8, "expected entry 7 here")) << All(r);
  EXPECT_TRUE(Has(r, std::nullopt, "have 11 entries, the checkpoint names 12"))
      << All(r);
}

TEST_F(FeedAuditTest, SwappedEntriesAreNamedByTheirIndices) {
  UseFeed(MakeFeed("a", 12, "甲", key_));
  std::swap(feed().entries[2], feed().entries[3]);
  const FeedAuditResult r = Audit()[0];
  EXPECT_TRUE(Has(r, 3, "expected entry 2 here")) << All(r);
  EXPECT_TRUE(Has(r, 2, "expected entry 4 here")) << All(r);
  EXPECT_TRUE(Has(r, std::nullopt, "is not the checkpoint's")) << All(r);
}

TEST_F(FeedAuditTest, ValidlySignedEntryNamingAnotherIndexFails) {
  UseFeed(MakeFeed("a", 6, "甲", key_));
  nlohmann::json e = nlohmann::json::parse(feed().entries[3].bytes);
  e["index"] = 4;
  ReplaceSigned(3, e.dump());
  Resign(key_);  // even the key holder cannot make it pass
  const FeedAuditResult r = Audit()[0];
  EXPECT_TRUE(Has(r, 3, "entry names wuhan.gov.example/tax index 4")) << All(r);
  EXPECT_EQ(r.failures.size(), 1u) << All(r);
}

TEST_F(FeedAuditTest, ValidlySignedEntryOfAnotherFeedFails) {
  UseFeed(MakeFeed("a", 6, "甲", key_));
  nlohmann::json e = nlohmann::json::parse(feed().entries[1].bytes);
  e["origin"] = kOther;
  ReplaceSigned(1, e.dump());
  Resign(key_);
  const FeedAuditResult r = Audit()[0];
  EXPECT_TRUE(Has(r, 1, "entry names wuhan.gov.example/court index 1"))
      << All(r);
}

TEST_F(FeedAuditTest, ValidlySignedGarbageFailsToParseAtItsIndex) {
  UseFeed(MakeFeed("a", 6, "甲", key_));
  ReplaceSigned(2, "{\"v\":1}");
  Resign(key_);
  const FeedAuditResult r = Audit()[0];
  EXPECT_TRUE(Has(r, 2, "entry: ")) << All(r);
  EXPECT_EQ(r.failures.size(), 1u) << All(r);
}

TEST_F(FeedAuditTest, FailuresAreCappedPerFeedAndCounted) {
  UseFeed(MakeFeed("a", 12, "甲", key_));
  for (size_t i = 0; i < 6; ++i) feed().entries[i].signature[0] ^= 1;
  AuditOptions options;
  options.feed.max_failures = 3;
  const FeedAuditResult r = Audit(options)[0];
  ASSERT_EQ(r.failures.size(), 4u) << All(r);
  EXPECT_TRUE(Has(r, 2, "signature does not verify"));
  EXPECT_EQ(r.failures.back().what, "... and 3 more");
}

// ----------------------------------------------- key and checkpoint

TEST_F(FeedAuditTest, ChangedCheckpointRootFailsTheCheckpointSignature) {
  UseFeed(MakeFeed("a", 12, "甲", key_));
  std::string& note = *feed().info.checkpoint;
  const size_t root = note.find('\n', note.find('\n') + 1) + 1;
  note[root] = note[root] == 'A' ? 'B' : 'A';
  const FeedAuditResult r = Audit()[0];
  EXPECT_TRUE(Has(r, std::nullopt, "checkpoint: note: ")) << All(r);
  EXPECT_EQ(r.failures.size(), 1u) << All(r);
  EXPECT_EQ(r.entries_verified, 0u);  // nothing to check entries against
}

TEST_F(FeedAuditTest, SignedCheckpointOverAnotherRootFailsTheRootCheck) {
  UseFeed(MakeFeed("a", 12, "甲", key_));
  const std::string original = feed().entries[0].bytes;
  feed().entries[0].bytes = "{}";  // sign a root over other bytes ...
  Resign(key_);
  feed().entries[0].bytes = original;  // ... and serve the real ones
  const FeedAuditResult r = Audit()[0];
  EXPECT_TRUE(Has(r, std::nullopt, "is not the checkpoint's")) << All(r);
  EXPECT_EQ(r.failures.size(), 1u) << All(r);
}

TEST_F(FeedAuditTest, CheckpointFromAnotherKeyFails) {
  UseFeed(MakeFeed("a", 12, "甲", key_));
  Resign(other_key_);  // same origin, same entries, another key
  const FeedAuditResult r = Audit()[0];
  EXPECT_TRUE(Has(r, std::nullopt, "checkpoint: note: ")) << All(r);
  EXPECT_EQ(r.entries_verified, 0u);
}

TEST_F(FeedAuditTest, VerifierKeyOfAnotherOriginFails) {
  UseFeed(MakeFeed("a", 3, "甲", key_));
  feed().info.verifier_key = MakeFeedKey(kOther, 1).verifier_key;
  const FeedAuditResult r = Audit()[0];
  EXPECT_TRUE(
      Has(r, std::nullopt, "verifier key is for \"wuhan.gov.example/court\""))
      << All(r);
}

TEST_F(FeedAuditTest, MalformedVerifierKeyFails) {
  UseFeed(MakeFeed("a", 3, "甲", key_));
  feed().info.verifier_key = "not a key";
  const FeedAuditResult r = Audit()[0];
  EXPECT_TRUE(Has(r, std::nullopt, "verifier key: ")) << All(r);
}

// --------------------------------------------------- the recorded state

TEST_F(FeedAuditTest, RewrittenHistoryAfterARecordedAuditFails) {
  UseFeed(MakeFeed("a", 12, "甲", key_));
  AuditAndRecord();
  // The key holder publishes a different history, longer, all valid.
  UseFeed(MakeFeed("b", 14, "丙", key_));
  const FeedAuditResult r = Audit()[0];
  EXPECT_TRUE(Has(r, std::nullopt,
                  "the first 12 entries no longer give the root seen last "
                  "time (history was rewritten)"))
      << All(r);
  EXPECT_TRUE(Has(r, std::nullopt,
                  "the source's consistency proof from size 12 to 14 does "
                  "not verify"))
      << All(r);
}

TEST_F(FeedAuditTest, BadConsistencyProofFromTheSourceFails) {
  UseFeed(MakeFeed("a", 12, "甲", key_));
  AuditAndRecord();
  UseFeed(MakeFeed("a", 4, "乙", key_));  // grown honestly to 16 ...
  source_.proof_override = std::vector<Hash>{Hash{}};  // ... bad proof
  const FeedAuditResult r = Audit()[0];
  EXPECT_TRUE(Has(r, std::nullopt, "consistency proof from size 12 to 16"))
      << All(r);
  EXPECT_EQ(r.failures.size(), 1u) << All(r);
}

TEST_F(FeedAuditTest, SourceWithoutProofsIsCheckedFromTheEntriesAlone) {
  UseFeed(MakeFeed("a", 12, "甲", key_));
  AuditAndRecord();
  UseFeed(MakeFeed("b", 14, "丙", key_));
  source_.offers_proofs = false;  // a bundle
  const FeedAuditResult r = Audit()[0];
  EXPECT_TRUE(Has(r, std::nullopt, "history was rewritten")) << All(r);
  EXPECT_EQ(r.failures.size(), 1u) << All(r);
}

TEST_F(FeedAuditTest, ChangedKeySinceTheRecordedAuditFails) {
  UseFeed(MakeFeed("a", 12, "甲", key_));
  AuditAndRecord();
  UseFeed(MakeFeed("b", 12, "甲", other_key_));
  const FeedAuditResult r = Audit()[0];
  EXPECT_TRUE(Has(r, std::nullopt, "verifier key changed since the last audit"))
      << All(r);
}

TEST_F(FeedAuditTest, CheckpointSmallerThanTheRecordedOneFails) {
  UseFeed(MakeFeed("a", 12, "甲", key_));
  AuditAndRecord();
  feed().entries.resize(10);
  Resign(key_);
  const FeedAuditResult r = Audit()[0];
  EXPECT_TRUE(
      Has(r, std::nullopt, "checkpoint size 10 is below the 12 seen last time"))
      << All(r);
}

TEST_F(FeedAuditTest, FeedThatLostItsCheckpointFails) {
  UseFeed(MakeFeed("a", 5, "甲", key_));
  AuditAndRecord();
  feed().info.checkpoint.reset();
  const FeedAuditResult r = Audit()[0];
  EXPECT_TRUE(Has(r, std::nullopt,
                  "no checkpoint served, though the last "
                  "audit verified size 5"))
      << All(r);
}

TEST_F(FeedAuditTest, RecordedFeedMissingFromTheSourceFailsWhenExpected) {
  UseFeed(MakeFeed("a", 5, "甲", key_));
  AuditAndRecord();
  source_.feeds.clear();
  EXPECT_TRUE(Audit().empty());  // a bundle of another feed: not a failure
  AuditOptions options;
  options.expected_origins = {kOrigin, "never.recorded.example/x"};
  std::vector<FeedAuditResult> results = Audit(options);
  ASSERT_EQ(results.size(), 1u);
  EXPECT_TRUE(Has(results[0], std::nullopt,
                  "the last audit verified this feed at size 5; the source "
                  "no longer lists it"))
      << All(results[0]);
}

TEST_F(FeedAuditTest, OneFailingFeedDoesNotStopTheOthers) {
  MemorySource::Feed bad = MakeFeed("a", 4, "甲", key_);
  bad.entries[1].signature[0] ^= 1;
  source_.feeds.push_back(std::move(bad));
  source_.feeds.push_back(
      MakeFeed("b", 4, "乙", MakeFeedKey(kOther, 3), kOther));
  std::vector<FeedAuditResult> results = Audit();
  ASSERT_EQ(results.size(), 2u);
  EXPECT_EQ(results[0].origin, kOrigin);
  EXPECT_TRUE(Has(results[0], 1, "signature does not verify"))
      << All(results[0]);
  EXPECT_EQ(results[1].origin, kOther);
  EXPECT_TRUE(results[1].passed()) << All(results[1]);
  EXPECT_EQ(results[1].entries_verified, 4u);
}

// ------------------------------------------------------- source failures

TEST_F(FeedAuditTest, SourceErrorStopsTheAuditNamingTheFeed) {
  UseFeed(MakeFeed("a", 5, "甲", key_));
  source_.read_error = UnavailableError("connection refused");
  StatusOr<std::vector<FeedAuditResult>> r =
      AuditFeeds(&source_, state_, AuditOptions{}, nullptr);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kUnavailable);
  EXPECT_EQ(r.status().message(),
            "feed wuhan.gov.example/tax: connection refused");
}

}  // namespace
}  // namespace creditnode::ledger
