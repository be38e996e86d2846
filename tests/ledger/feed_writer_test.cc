// Tests for ledger/feed_writer.h over a real RocksDB store, a real
// Ed25519 feed key and a FakeClock: indices, exact signed bytes, every
// stateful publish rule of ledger/publisher.h with its code, index rows,
// all-or-nothing batches, group commit under 8 threads, reopening, and
// the freeze after data loss (style R3).
#include "ledger/feed_writer.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "crypto/ed25519.h"
#include "crypto/entry_signature.h"
#include "crypto/verifier_key.h"
#include "ledger/storage_keys.h"
#include "tests/ledger/store_fixture.h"
#include "tests/ledger/test_drafts.h"
#include "util/metrics.h"

namespace creditnode::ledger {
namespace {

using namespace testing;  // NOLINT: the shared fixtures

constexpr char kOrigin[] = "wuhan.gov.example/tax";
constexpr char kOther[] = "wuhan.gov.example/court";

std::string KeyOf(const std::string& uscc) {
  StatusOr<SubjectId> id = ParseSubjectId(IdScheme::kUscc, uscc);
  EXPECT_TRUE(id.ok()) << id.status().ToString();
  return id.ok() ? id->IndexKey() : "";
}

std::string ResidentKeyOf(const std::string& number) {
  StatusOr<SubjectId> id = ParseSubjectId(IdScheme::kResidentId, number);
  EXPECT_TRUE(id.ok()) << id.status().ToString();
  return id.ok() ? id->IndexKey() : "";
}

class FeedWriterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    key_ = MakeFeedKey(kOrigin, 1);
    OpenStore(/*create=*/true);
    CN_ASSERT_OK(store_->AddFeed(kOrigin, key_.verifier_key));
    OpenWriter();
  }

  void OpenStore(bool create = false) {
    FeedStoreOptions options;
    options.create_if_missing = create;
    options.block_cache_bytes = 1 << 20;
    StatusOr<std::unique_ptr<FeedStore>> store =
        FeedStore::Open(dir_.Sub("db"), options);
    CN_ASSERT_OK(store);
    store_ = *std::move(store);
  }

  void OpenWriter(FeedWriterOptions options = {}) {
    StatusOr<std::unique_ptr<FeedWriter>> writer = FeedWriter::New(
        store_.get(), kOrigin, key_.signer.get(), &clock_, options);
    CN_ASSERT_OK(writer);
    writer_ = *std::move(writer);
  }

  void CloseAll() {
    writer_.reset();
    store_.reset();
  }

  StatusOr<std::vector<PublishedEntry>> Publish(
      const std::vector<nlohmann::json>& drafts) {
    std::vector<EntryDraft> validated;
    for (const nlohmann::json& d : drafts) validated.push_back(MustDraft(d));
    return writer_->Publish(std::move(validated));
  }

  // Publishes one draft that must succeed; returns its ref.
  EntryRef MustPublish(const nlohmann::json& draft) {
    StatusOr<std::vector<PublishedEntry>> published = Publish({draft});
    EXPECT_TRUE(published.ok()) << published.status().ToString();
    if (!published.ok() || published->size() != 1) return {"", ~uint64_t{0}};
    return (*published)[0].ref;
  }

  // The code of publishing `draft` alone (kOk if it succeeded).
  StatusCode CodeOf(const nlohmann::json& draft) {
    StatusOr<std::vector<PublishedEntry>> published = Publish({draft});
    last_message_ = published.status().message();
    return published.status().code();
  }

  uint64_t Size() { return store_->GetFeed(kOrigin)->size; }

  std::vector<SubjectHit> Hits(const std::string& key) {
    StatusOr<SubjectRows> hits = store_->FindBySubjectKey(key, 100);
    EXPECT_TRUE(hits.ok()) << hits.status().ToString();
    return hits.ok() ? **hits : std::vector<SubjectHit>{};
  }

  TempDir dir_;
  FakeClock clock_{kTestNowMicros};
  TestFeedKey key_;
  std::unique_ptr<FeedStore> store_;
  std::unique_ptr<FeedWriter> writer_;
  std::string last_message_;
};

// ------------------------------------------------------------- publishing

TEST_F(FeedWriterTest, FirstEntryGetsIndexZeroAndIsStored) {
  StatusOr<std::vector<PublishedEntry>> published =
      Publish({DishonestyJson(TestUscc(1), "1号")});
  CN_ASSERT_OK(published);
  ASSERT_EQ(published->size(), 1u);
  const PublishedEntry& p = (*published)[0];
  EXPECT_EQ(p.ref, (EntryRef{kOrigin, 0}));
  StatusOr<StoredEntry> stored = store_->GetEntry(p.ref);
  CN_ASSERT_OK(stored);
  EXPECT_EQ(stored->bytes, p.bytes);
  EXPECT_EQ(stored->signature, p.signature);
  EXPECT_EQ(Size(), 1u);
}

TEST_F(FeedWriterTest, EntryCarriesTheEnvelopeWithWholeSecondIssuedAt) {
  StatusOr<std::vector<PublishedEntry>> published =
      Publish({DishonestyJson(TestUscc(1), "1号")});
  CN_ASSERT_OK(published);
  EXPECT_EQ((*published)[0].issued_at_micros, 1718452800000000);
  StatusOr<Entry> entry = ParseEntry((*published)[0].bytes);
  CN_ASSERT_OK(entry);
  EXPECT_EQ(entry->origin, kOrigin);
  EXPECT_EQ(entry->index, 0u);
  EXPECT_EQ(entry->kind, EntryKind::kDishonesty);
  EXPECT_EQ(entry->issued_at_micros, 1718452800000000);
}

TEST_F(FeedWriterTest, BatchGetsDenseIndicesInOrderAcrossCalls) {
  StatusOr<std::vector<PublishedEntry>> first = Publish(
      {DishonestyJson(TestUscc(1), "1号"), DishonestyJson(TestUscc(2), "2号"),
       DishonestyJson(TestUscc(3), "3号")});
  CN_ASSERT_OK(first);
  StatusOr<std::vector<PublishedEntry>> second =
      Publish({DishonestyJson(TestUscc(4), "4号")});
  CN_ASSERT_OK(second);
  ASSERT_EQ(first->size(), 3u);
  for (uint64_t i = 0; i < 3; ++i) EXPECT_EQ((*first)[i].ref.index, i);
  EXPECT_EQ((*second)[0].ref.index, 3u);
  EXPECT_EQ(Size(), 4u);
}

TEST_F(FeedWriterTest, SignatureVerifiesWithTheFeedsVerifierKey) {
  StatusOr<std::vector<PublishedEntry>> published =
      Publish({DishonestyJson(TestUscc(1), "1号")});
  CN_ASSERT_OK(published);
  StatusOr<crypto::VerifierKey> key =
      crypto::ParseVerifierKey(store_->GetFeed(kOrigin)->verifier_key);
  CN_ASSERT_OK(key);
  StatusOr<std::unique_ptr<crypto::Ed25519Verifier>> verifier =
      crypto::Ed25519Verifier::New(key->public_key);
  CN_ASSERT_OK(verifier);
  const PublishedEntry& p = (*published)[0];
  CN_EXPECT_OK(crypto::VerifyEntrySignature(**verifier, p.signature, p.bytes));
  // The signature covers the domain-prefixed bytes, not the bare bytes.
  EXPECT_FALSE((*verifier)->Verify(p.signature, p.bytes).ok());
}

TEST_F(FeedWriterTest, EmptyBatchIsInvalidArgument) {
  EXPECT_EQ(writer_->Publish({}).status().code(), StatusCode::kInvalidArgument);
}

TEST_F(FeedWriterTest, BatchOverTheLimitIsResourceExhaustedAndWritesNothing) {
  writer_.reset();
  FeedWriterOptions options;
  options.max_batch_entries = 2;
  OpenWriter(options);
  StatusOr<std::vector<PublishedEntry>> published = Publish(
      {DishonestyJson(TestUscc(1), "1号"), DishonestyJson(TestUscc(2), "2号"),
       DishonestyJson(TestUscc(3), "3号")});
  EXPECT_EQ(published.status().code(), StatusCode::kResourceExhausted);
  EXPECT_EQ(Size(), 0u);
}

TEST_F(FeedWriterTest, NewForAnUnregisteredFeedIsFailedPrecondition) {
  EXPECT_EQ(FeedWriter::New(store_.get(), kOther, key_.signer.get(), &clock_)
                .status()
                .code(),
            StatusCode::kFailedPrecondition);
}

TEST_F(FeedWriterTest, NewWithAnotherSignerIsFailedPrecondition) {
  TestFeedKey other = MakeFeedKey(kOrigin, 9);
  StatusOr<std::unique_ptr<FeedWriter>> writer =
      FeedWriter::New(store_.get(), kOrigin, other.signer.get(), &clock_);
  EXPECT_EQ(writer.status().code(), StatusCode::kFailedPrecondition);
}

TEST_F(FeedWriterTest, ReopenAfterWriterDestructionContinuesAtTheNextIndex) {
  MustPublish(DishonestyJson(TestUscc(1), "1号"));
  MustPublish(DishonestyJson(TestUscc(2), "2号"));
  CloseAll();
  OpenStore();
  OpenWriter();
  EXPECT_EQ(MustPublish(DishonestyJson(TestUscc(3), "3号")).index, 2u);
}

// --------------------------------------------------------- all or nothing

TEST_F(FeedWriterTest, BatchWithOneBadDraftWritesNothingAndNamesIt) {
  MustPublish(DishonestyJson(TestUscc(1), "1号"));
  StatusOr<std::vector<PublishedEntry>> published =
      Publish({DishonestyJson(TestUscc(2), "2号"), RepairJson({kOrigin, 7}),
               DishonestyJson(TestUscc(3), "3号")});
  EXPECT_EQ(published.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(published.status().message().rfind("entries[1]: ", 0), 0u)
      << published.status().message();
  EXPECT_EQ(Size(), 1u);
  EXPECT_TRUE(Hits(KeyOf(TestUscc(2))).empty());
  // The indices it would have taken are still free.
  EXPECT_EQ(MustPublish(DishonestyJson(TestUscc(2), "2号")).index, 1u);
}

TEST_F(FeedWriterTest, RejectedPublishIsCounted) {
  const uint64_t rejected = Metrics::Global().Get(Counter::kPublishRejected);
  const uint64_t published = Metrics::Global().Get(Counter::kEntriesPublished);
  MustPublish(DishonestyJson(TestUscc(1), "1号"));
  EXPECT_EQ(CodeOf(DishonestyJson(TestUscc(1), "1号")),
            StatusCode::kAlreadyExists);
  EXPECT_EQ(Metrics::Global().Get(Counter::kPublishRejected), rejected + 1);
  EXPECT_EQ(Metrics::Global().Get(Counter::kEntriesPublished), published + 1);
}

// --------------------------------------------------------- lifecycle rules

TEST_F(FeedWriterTest, TargetInAnotherFeedIsPermissionDenied) {
  EXPECT_EQ(CodeOf(RepairJson({kOther, 0})), StatusCode::kPermissionDenied);
  EXPECT_EQ(last_message_,
            "target: belongs to feed wuhan.gov.example/court; only the issuing "
            "feed may act on its records");
}

TEST_F(FeedWriterTest, TargetThatDoesNotExistIsFailedPrecondition) {
  MustPublish(DishonestyJson(TestUscc(1), "1号"));
  EXPECT_EQ(CodeOf(RevocationJson({kOrigin, 1})),
            StatusCode::kFailedPrecondition);
  EXPECT_NE(last_message_.find("does not exist"), std::string::npos)
      << last_message_;
}

TEST_F(FeedWriterTest, RepairOfARepairIsFailedPrecondition) {
  EntryRef record = MustPublish(DishonestyJson(TestUscc(1), "1号"));
  EntryRef repair = MustPublish(RepairJson(record));
  EXPECT_EQ(CodeOf(RepairJson(repair)), StatusCode::kFailedPrecondition);
  EXPECT_NE(last_message_.find("must act on a record"), std::string::npos)
      << last_message_;
}

TEST_F(FeedWriterTest, ObjectionOpenedOnAnObjectionIsFailedPrecondition) {
  EntryRef record = MustPublish(DishonestyJson(TestUscc(1), "1号"));
  EntryRef objection = MustPublish(ObjectionOpenedJson(record));
  EXPECT_EQ(CodeOf(ObjectionOpenedJson(objection)),
            StatusCode::kFailedPrecondition);
}

TEST_F(FeedWriterTest, ObjectionClosedOnARecordIsFailedPrecondition) {
  EntryRef record = MustPublish(DishonestyJson(TestUscc(1), "1号"));
  EXPECT_EQ(CodeOf(ObjectionClosedJson(record)),
            StatusCode::kFailedPrecondition);
  EXPECT_NE(last_message_.find("objection_opened"), std::string::npos)
      << last_message_;
}

TEST_F(FeedWriterTest, ClosingAClosedObjectionIsFailedPrecondition) {
  EntryRef record = MustPublish(DishonestyJson(TestUscc(1), "1号"));
  EntryRef objection = MustPublish(ObjectionOpenedJson(record));
  MustPublish(ObjectionClosedJson(objection));
  EXPECT_EQ(CodeOf(ObjectionClosedJson(objection)),
            StatusCode::kFailedPrecondition);
  EXPECT_NE(last_message_.find("already closed"), std::string::npos)
      << last_message_;
}

TEST_F(FeedWriterTest, ActingOnARevokedRecordIsFailedPrecondition) {
  EntryRef record = MustPublish(DishonestyJson(TestUscc(1), "1号"));
  MustPublish(RevocationJson(record));
  EXPECT_EQ(CodeOf(RepairJson(record)), StatusCode::kFailedPrecondition);
  EXPECT_NE(last_message_.find("already revoked"), std::string::npos)
      << last_message_;
  EXPECT_EQ(CodeOf(RevocationJson(record)), StatusCode::kFailedPrecondition);
}

TEST_F(FeedWriterTest,
       ActingOnACorrectedRecordIsRefusedButOnItsCorrectionAllowed) {
  EntryRef record = MustPublish(DishonestyJson(TestUscc(1), "1号"));
  EntryRef correction =
      MustPublish(CorrectionJson(record, DishonestyJson(TestUscc(1), "1号")));
  EXPECT_EQ(CodeOf(ObjectionOpenedJson(record)),
            StatusCode::kFailedPrecondition);
  EXPECT_NE(last_message_.find("act on the correction instead"),
            std::string::npos)
      << last_message_;
  EXPECT_EQ(MustPublish(ObjectionOpenedJson(correction)).index, 2u);
}

TEST_F(FeedWriterTest, CorrectionThatChangesTheRecordKindIsFailedPrecondition) {
  EntryRef record = MustPublish(DishonestyJson(TestUscc(1), "1号"));
  EXPECT_EQ(CodeOf(CorrectionJson(
                record, RecordJson("commendation", TestUscc(1), "1号"))),
            StatusCode::kFailedPrecondition);
  EXPECT_NE(last_message_.find("replacement.kind"), std::string::npos)
      << last_message_;
}

TEST_F(FeedWriterTest, RepairBeforePublishMinUntilIsFailedPrecondition) {
  nlohmann::json record = DishonestyJson(TestUscc(1), "1号");
  record["publish_min_until"] = "2024-06-16";  // the clock is at 2024-06-15
  EntryRef ref = MustPublish(record);
  EXPECT_EQ(CodeOf(RepairJson(ref)), StatusCode::kFailedPrecondition);
  EXPECT_NE(last_message_.find("publish_min_until 2024-06-16"),
            std::string::npos)
      << last_message_;
  clock_.Advance(int64_t{24} * 3600 * 1000000);  // 2024-06-16: allowed
  EXPECT_EQ(CodeOf(RepairJson(ref)), StatusCode::kOk) << last_message_;
}

TEST_F(FeedWriterTest, SameDecisionAboutTheSameSubjectIsAlreadyExists) {
  MustPublish(DishonestyJson(TestUscc(1), "1号"));
  EXPECT_EQ(CodeOf(DishonestyJson(TestUscc(1), "1号")),
            StatusCode::kAlreadyExists);
  EXPECT_NE(last_message_.find(kOrigin + std::string("/0")), std::string::npos)
      << last_message_;
  // Another decision, or another subject, is a new record.
  MustPublish(DishonestyJson(TestUscc(1), "2号"));
  MustPublish(DishonestyJson(TestUscc(2), "1号"));
}

TEST_F(FeedWriterTest, SameDecisionFiledByOrgCodeAfterUsccIsAlreadyExists) {
  MustPublish(DishonestyJson(TestUscc(1), "1号"));
  nlohmann::json by_org_code = DishonestyJson(TestUscc(1), "1号");
  by_org_code["subject"]["ids"] = {
      {{"scheme", "org_code"}, {"value", TestOrgCode(1)}}};
  EXPECT_EQ(CodeOf(by_org_code), StatusCode::kAlreadyExists);
}

TEST_F(FeedWriterTest, SameDecisionTwiceInOneBatchIsAlreadyExists) {
  StatusOr<std::vector<PublishedEntry>> published = Publish(
      {DishonestyJson(TestUscc(1), "1号"), DishonestyJson(TestUscc(1), "1号")});
  EXPECT_EQ(published.status().code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(Size(), 0u);
}

TEST_F(FeedWriterTest, LifecycleEntriesMayActOnRecordsEarlierInTheSameBatch) {
  StatusOr<std::vector<PublishedEntry>> published = Publish(
      {DishonestyJson(TestUscc(1), "1号"), ObjectionOpenedJson({kOrigin, 0}),
       ObjectionClosedJson({kOrigin, 1}), RepairJson({kOrigin, 0})});
  CN_ASSERT_OK(published);
  EXPECT_EQ(Size(), 4u);
}

TEST_F(FeedWriterTest, UnserialisableEntryInALargeBatchFailsOnlyThatBatch) {
  // 200 entries take the parallel serialise-and-sign path; entry 150 is
  // too large to serialise, so the writer replans the group exactly and
  // the error names it, and nothing is written.
  std::vector<EntryDraft> drafts;
  for (uint32_t i = 0; i < 200; ++i) {
    drafts.push_back(MustDraft(DishonestyJson(TestUscc(i), "big")));
  }
  drafts[150].body["facts"] = std::string(70000, 'x');
  StatusOr<std::vector<PublishedEntry>> r = writer_->Publish(std::move(drafts));
  ASSERT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(r.status().message().rfind("entries[150]: entry: ", 0), 0u)
      << r.status().message();
  StatusOr<FeedInfo> feed = store_->GetFeed(kOrigin);
  CN_ASSERT_OK(feed);
  EXPECT_EQ(feed->size, 0u);

  std::vector<EntryDraft> good;
  for (uint32_t i = 0; i < 200; ++i) {
    good.push_back(MustDraft(DishonestyJson(TestUscc(i), "big")));
  }
  StatusOr<std::vector<PublishedEntry>> ok = writer_->Publish(std::move(good));
  CN_ASSERT_OK(ok);
  ASSERT_EQ(ok->size(), 200u);
  EXPECT_EQ(ok->back().ref.index, 199u);
  StatusOr<StoredEntry> last = store_->GetEntry({kOrigin, 199});
  CN_ASSERT_OK(last);
  EXPECT_EQ(last->bytes, ok->back().bytes);
}

TEST_F(FeedWriterTest, RulesSeeEarlierEntriesOfTheSameBatch) {
  StatusOr<std::vector<PublishedEntry>> published =
      Publish({DishonestyJson(TestUscc(1), "1号"), RevocationJson({kOrigin, 0}),
               RepairJson({kOrigin, 0})});
  EXPECT_EQ(published.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(published.status().message().rfind("entries[2]: ", 0), 0u);
  EXPECT_EQ(Size(), 0u);
}

// ------------------------------------------------------------- index rows

TEST_F(FeedWriterTest, RecordIsIndexedUnderItsSubjectAndAssociates) {
  EntryRef record = MustPublish(
      WithLegalRep(DishonestyJson(TestUscc(1), "1号"), TestResidentId(5)));
  std::vector<SubjectHit> subject = Hits(KeyOf(TestUscc(1)));
  ASSERT_EQ(subject.size(), 1u);
  EXPECT_EQ(subject[0].ref, record);
  EXPECT_EQ(subject[0].role, IndexRole::kSubject);
  std::vector<SubjectHit> associate = Hits(ResidentKeyOf(TestResidentId(5)));
  ASSERT_EQ(associate.size(), 1u);
  EXPECT_EQ(associate[0].role, IndexRole::kAssociate);
}

TEST_F(FeedWriterTest, LifecycleEntriesAreIndexedUnderTheirRecordsKeys) {
  EntryRef record = MustPublish(
      WithLegalRep(DishonestyJson(TestUscc(1), "1号"), TestResidentId(5)));
  EntryRef objection = MustPublish(ObjectionOpenedJson(record));
  EntryRef closed = MustPublish(ObjectionClosedJson(objection));
  std::vector<SubjectHit> hits = Hits(KeyOf(TestUscc(1)));
  ASSERT_EQ(hits.size(), 3u);
  EXPECT_EQ(hits[2].ref, closed);
  EXPECT_EQ(hits[2].role, IndexRole::kSubject);
  std::vector<SubjectHit> associate = Hits(ResidentKeyOf(TestResidentId(5)));
  ASSERT_EQ(associate.size(), 3u);
  EXPECT_EQ(associate[1].role, IndexRole::kAssociate);
  EXPECT_EQ(*store_->FindActing(record), (std::vector<EntryRef>{objection}));
  EXPECT_EQ(*store_->FindActing(objection), (std::vector<EntryRef>{closed}));
}

TEST_F(FeedWriterTest, CorrectionIsIndexedUnderTheOldAndTheReplacementSubject) {
  EntryRef record = MustPublish(DishonestyJson(TestUscc(1), "1号"));
  EntryRef correction =
      MustPublish(CorrectionJson(record, DishonestyJson(TestUscc(2), "1号")));
  EntryRef repair = MustPublish(RepairJson(correction));
  std::vector<SubjectHit> old_subject = Hits(KeyOf(TestUscc(1)));
  std::vector<SubjectHit> new_subject = Hits(KeyOf(TestUscc(2)));
  ASSERT_EQ(old_subject.size(), 3u);
  ASSERT_EQ(new_subject.size(), 2u);
  EXPECT_EQ(new_subject[0].ref, correction);
  EXPECT_EQ(new_subject[1].ref, repair);
}

TEST_F(FeedWriterTest, StoredChainsGiveTheSameRowsAfterReopen) {
  // Rows of a stored target are rebuilt from its chain of targets.
  EntryRef record = MustPublish(DishonestyJson(TestUscc(1), "1号"));
  EntryRef correction =
      MustPublish(CorrectionJson(record, DishonestyJson(TestUscc(2), "1号")));
  EntryRef objection = MustPublish(ObjectionOpenedJson(correction));
  CloseAll();
  OpenStore();
  OpenWriter();
  EntryRef closed = MustPublish(ObjectionClosedJson(objection));
  EXPECT_EQ(Hits(KeyOf(TestUscc(1))).back().ref, closed);
  EXPECT_EQ(Hits(KeyOf(TestUscc(2))).back().ref, closed);
}

// ----------------------------------------------------------- concurrency

TEST_F(FeedWriterTest,
       ConcurrentPublishersGetDistinctDenseIndicesInFewerBatches) {
  constexpr int kThreads = 8;
  constexpr int kPerThread = 200;
  const uint64_t batches = Metrics::Global().Get(Counter::kPublishBatches);
  std::vector<std::vector<uint64_t>> got(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        std::vector<EntryDraft> drafts;
        drafts.push_back(MustDraft(DishonestyJson(
            TestUscc(t), "t" + std::to_string(t) + "-" + std::to_string(i))));
        StatusOr<std::vector<PublishedEntry>> published =
            writer_->Publish(std::move(drafts));
        if (!published.ok()) {
          ADD_FAILURE() << published.status().ToString();
          return;
        }
        got[t].push_back((*published)[0].ref.index);
      }
    });
  }
  for (std::thread& th : threads) th.join();
  std::set<uint64_t> all;
  for (const auto& v : got) {
    EXPECT_EQ(v.size(), static_cast<size_t>(kPerThread));
    EXPECT_TRUE(std::is_sorted(v.begin(), v.end()));
    all.insert(v.begin(), v.end());
  }
  ASSERT_EQ(all.size(), static_cast<size_t>(kThreads * kPerThread));
  EXPECT_EQ(*all.rbegin(), static_cast<uint64_t>(kThreads * kPerThread - 1));
  EXPECT_EQ(Size(), static_cast<uint64_t>(kThreads * kPerThread));
  for (uint64_t i : {uint64_t{0}, uint64_t{799}, uint64_t{1599}}) {
    CN_EXPECT_OK(store_->GetEntry({kOrigin, i}));
  }
  EXPECT_LT(Metrics::Global().Get(Counter::kPublishBatches) - batches,
            static_cast<uint64_t>(kThreads * kPerThread));
}

TEST_F(FeedWriterTest, RejectedRequestsInAGroupDoNotFailTheOthers) {
  MustPublish(DishonestyJson(TestUscc(99), "dup"));
  constexpr int kThreads = 4;
  constexpr int kPerThread = 40;
  std::vector<int> ok(kThreads, 0), already(kThreads, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        const bool bad = i % 2 == 1;
        std::vector<EntryDraft> drafts;
        drafts.push_back(
            MustDraft(bad ? DishonestyJson(TestUscc(99), "dup")
                          : DishonestyJson(TestUscc(t), std::to_string(i))));
        StatusOr<std::vector<PublishedEntry>> published =
            writer_->Publish(std::move(drafts));
        if (published.ok()) ++ok[t];
        if (published.status().code() == StatusCode::kAlreadyExists)
          ++already[t];
      }
    });
  }
  for (std::thread& th : threads) th.join();
  for (int t = 0; t < kThreads; ++t) {
    EXPECT_EQ(ok[t], kPerThread / 2);
    EXPECT_EQ(already[t], kPerThread / 2);
  }
  EXPECT_EQ(Size(), 1u + kThreads * kPerThread / 2);
}

// --------------------------------------------------------------- data loss

TEST_F(FeedWriterTest, DataLossFreezesTheWriter) {
  EntryRef record = MustPublish(DishonestyJson(TestUscc(1), "1号"));
  CloseAll();
  RawPut(dir_.Sub("db"), "entries", EntryKey(kOrigin, record.index),
         std::string(65, '\x07'));
  OpenStore();
  OpenWriter();
  EXPECT_EQ(CodeOf(RepairJson(record)), StatusCode::kDataLoss);
  // Nothing is written after that, however valid.
  EXPECT_EQ(CodeOf(DishonestyJson(TestUscc(2), "2号")), StatusCode::kDataLoss);
  EXPECT_EQ(Size(), 1u);
}

TEST_F(FeedWriterTest, UnparsableStoredTargetFreezesTheWriter) {
  EntryRef record = MustPublish(DishonestyJson(TestUscc(1), "1号"));
  CloseAll();
  // A well-formed value whose entry bytes are not an entry.
  RawPut(dir_.Sub("db"), "entries", EntryKey(kOrigin, record.index),
         EntryValue(std::string(64, 's'), "not json"));
  OpenStore();
  OpenWriter();
  EXPECT_EQ(CodeOf(RepairJson(record)), StatusCode::kDataLoss);
  EXPECT_EQ(CodeOf(DishonestyJson(TestUscc(2), "2号")), StatusCode::kDataLoss);
}

}  // namespace
}  // namespace creditnode::ledger
