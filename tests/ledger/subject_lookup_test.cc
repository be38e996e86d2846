// LookupSubject over a real FeedStore filled by a real FeedWriter: the
// USCC/organization code link, full and public views (D8), statuses,
// newest-first order, the limit, and MaskPersonalIds.

#include "ledger/subject_lookup.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "ledger/entry_draft.h"
#include "ledger/feed_store.h"
#include "ledger/feed_writer.h"
#include "tests/ledger/store_fixture.h"
#include "tests/ledger/test_drafts.h"
#include "util/clock.h"

namespace creditnode::ledger {
namespace {

using namespace testing;  // NOLINT: the fixtures of this test suite

constexpr char kOrigin[] = "wuhan.gov.example/credit";
constexpr int64_t kHourMicros = 3600LL * 1000000;

class SubjectLookupTest : public ::testing::Test {
 protected:
  void SetUp() override {
    key_ = MakeFeedKey(kOrigin, 3);
    FeedStoreOptions options;
    options.create_if_missing = true;
    options.block_cache_bytes = 1 << 20;
    StatusOr<std::unique_ptr<FeedStore>> store =
        FeedStore::Open(dir_.Sub("db"), options);
    CN_ASSERT_OK(store);
    store_ = *std::move(store);
    CN_ASSERT_OK(store_->AddFeed(kOrigin, key_.verifier_key));
    StatusOr<std::unique_ptr<FeedWriter>> writer =
        FeedWriter::New(store_.get(), kOrigin, key_.signer.get(), &clock_);
    CN_ASSERT_OK(writer);
    writer_ = *std::move(writer);
  }

  // Publishes one entry an hour after the previous one; returns its ref.
  EntryRef Publish(const nlohmann::json& draft) {
    clock_.Advance(kHourMicros);
    std::vector<EntryDraft> drafts;
    drafts.push_back(MustDraft(draft));
    StatusOr<std::vector<PublishedEntry>> done =
        writer_->Publish(std::move(drafts));
    EXPECT_TRUE(done.ok()) << done.status().ToString();
    return done.ok() ? (*done)[0].ref : EntryRef{};
  }

  std::vector<LookupItem> Lookup(const std::string& id, LookupView view,
                                 const char* as_of = "2024-06-20") {
    StatusOr<std::vector<SubjectId>> ids = InterpretSubjectId(id);
    EXPECT_TRUE(ids.ok()) << ids.status().ToString();
    LookupOptions options;
    options.view = view;
    options.as_of = *CivilDate::Parse(as_of);
    StatusOr<std::vector<LookupItem>> items =
        LookupSubject(*store_, *ids, options);
    EXPECT_TRUE(items.ok()) << items.status().ToString();
    return items.ok() ? *std::move(items) : std::vector<LookupItem>{};
  }

  static std::vector<uint64_t> Indices(const std::vector<LookupItem>& items) {
    std::vector<uint64_t> out;
    for (const LookupItem& item : items) out.push_back(item.entry.index);
    return out;
  }

  TempDir dir_;
  FakeClock clock_{kTestNowMicros};
  TestFeedKey key_;
  std::unique_ptr<FeedStore> store_;
  std::unique_ptr<FeedWriter> writer_;
};

TEST_F(SubjectLookupTest, UnknownSubjectHasNoEntries) {
  EXPECT_TRUE(Lookup(TestUscc(404), LookupView::kFull).empty());
}

TEST_F(SubjectLookupTest, UsccAndItsOrgCodeFindTheSameEntries) {
  Publish(DishonestyJson(TestUscc(1), "d1"));
  nlohmann::json by_org = DishonestyJson(TestUscc(1), "d2");
  by_org["subject"]["ids"] = {
      {{"scheme", "org_code"}, {"value", TestOrgCode(1)}}};
  Publish(by_org);
  EXPECT_EQ(Indices(Lookup(TestUscc(1), LookupView::kFull)),
            (std::vector<uint64_t>{1, 0}));
  EXPECT_EQ(Indices(Lookup(TestOrgCode(1), LookupView::kFull)),
            (std::vector<uint64_t>{1, 0}));
}

TEST_F(SubjectLookupTest,
       FullViewListsLifecycleEntriesNewestFirstWithStatuses) {
  EntryRef record = Publish(DishonestyJson(TestUscc(1), "d1"));
  EntryRef objection = Publish(ObjectionOpenedJson(record));
  std::vector<LookupItem> items = Lookup(TestUscc(1), LookupView::kFull);
  ASSERT_EQ(Indices(items),
            (std::vector<uint64_t>{objection.index, record.index}));
  EXPECT_FALSE(items[0].status.has_value());
  ASSERT_TRUE(items[1].status.has_value());
  EXPECT_EQ(items[1].status->state, RecordState::kUnderObjection);
  EXPECT_EQ(items[1].status->by, objection);
  EXPECT_EQ(items[1].stored.ref, record);
  EXPECT_FALSE(items[1].stored.signature.empty());
}

TEST_F(SubjectLookupTest, PublicViewShowsOnlyPublicOrgRecordsInForce) {
  EntryRef active = Publish(DishonestyJson(TestUscc(1), "active"));
  EntryRef disputed = Publish(DishonestyJson(TestUscc(1), "disputed"));
  Publish(ObjectionOpenedJson(disputed));
  EntryRef repaired = Publish(DishonestyJson(TestUscc(1), "repaired"));
  Publish(RepairJson(repaired));
  EntryRef revoked = Publish(DishonestyJson(TestUscc(1), "revoked"));
  Publish(RevocationJson(revoked));
  nlohmann::json hidden = DishonestyJson(TestUscc(1), "hidden");
  hidden["public"] = false;
  hidden["share_scope"] = "federation";
  Publish(hidden);
  std::vector<LookupItem> items = Lookup(TestUscc(1), LookupView::kPublic);
  EXPECT_EQ(Indices(items),
            (std::vector<uint64_t>{disputed.index, active.index}));
  EXPECT_EQ(Lookup(TestUscc(1), LookupView::kFull).size(), 8u);
}

TEST_F(SubjectLookupTest, PublicViewHidesExpiredRecords) {
  Publish(DishonestyJson(TestUscc(1), "d1"));
  EXPECT_EQ(Lookup(TestUscc(1), LookupView::kPublic, "2025-01-10").size(), 1u);
  EXPECT_TRUE(Lookup(TestUscc(1), LookupView::kPublic, "2025-01-11").empty());
  ASSERT_EQ(Lookup(TestUscc(1), LookupView::kFull, "2025-01-11").size(), 1u);
  EXPECT_EQ(
      Lookup(TestUscc(1), LookupView::kFull, "2025-01-11")[0].status->state,
      RecordState::kExpired);
}

TEST_F(SubjectLookupTest,
       ObjectionDoesNotBringAnExpiredRecordBackToThePublicView) {
  EntryRef record = Publish(DishonestyJson(TestUscc(1), "d1"));
  Publish(ObjectionOpenedJson(record));
  EXPECT_EQ(Lookup(TestUscc(1), LookupView::kPublic, "2025-01-10").size(), 1u);
  EXPECT_TRUE(Lookup(TestUscc(1), LookupView::kPublic, "2025-01-11").empty());
  EXPECT_EQ(
      Lookup(TestUscc(1), LookupView::kFull, "2025-01-11")[1].status->state,
      RecordState::kUnderObjection);
}

TEST_F(SubjectLookupTest, LookupAsOfAPastDateLeavesOutLaterEntries) {
  Publish(DishonestyJson(TestUscc(1), "d1"));  // issued 2024-06-15
  EXPECT_TRUE(Lookup(TestUscc(1), LookupView::kFull, "2024-06-14").empty());
  EXPECT_EQ(Lookup(TestUscc(1), LookupView::kFull, "2024-06-15").size(), 1u);
}

TEST_F(SubjectLookupTest, PersonFoundAsLegalRepresentativeOnlyInTheFullView) {
  std::string person = TestResidentId(7);
  Publish(WithLegalRep(DishonestyJson(TestUscc(1), "d1"), person));
  std::vector<LookupItem> full = Lookup(person, LookupView::kFull);
  ASSERT_EQ(full.size(), 1u);
  EXPECT_EQ(full[0].role, IndexRole::kAssociate);
  EXPECT_TRUE(Lookup(person, LookupView::kPublic).empty());
}

TEST_F(SubjectLookupTest, NaturalPersonRecordsNeverAppearInThePublicView) {
  std::string person = TestResidentId(8);
  nlohmann::json record = DishonestyJson(TestUscc(1), "d1");
  record["subject"] = {
      {"type", "natural_person"},
      {"name", "李四"},
      {"ids", {{{"scheme", "resident_id"}, {"value", person}}}}};
  Publish(record);
  EXPECT_EQ(Lookup(person, LookupView::kFull).size(), 1u);
  EXPECT_TRUE(Lookup(person, LookupView::kPublic).empty());
}

TEST_F(SubjectLookupTest, CorrectionReplacesTheRecordInThePublicView) {
  EntryRef record = Publish(DishonestyJson(TestUscc(1), "d1"));
  nlohmann::json replacement = DishonestyJson(TestUscc(1), "d1");
  replacement["conduct"] = "更正后的行为";
  EntryRef correction = Publish(CorrectionJson(record, replacement));
  std::vector<LookupItem> items = Lookup(TestUscc(1), LookupView::kPublic);
  ASSERT_EQ(Indices(items), (std::vector<uint64_t>{correction.index}));
  EXPECT_EQ(items[0].entry.json["replacement"]["conduct"], "更正后的行为");
  std::vector<LookupItem> full = Lookup(TestUscc(1), LookupView::kFull);
  ASSERT_EQ(full.size(), 2u);
  EXPECT_EQ(full[1].status->state, RecordState::kCorrected);
  EXPECT_EQ(full[1].status->by, correction);
}

TEST_F(SubjectLookupTest, MoreMatchesThanTheLimitIsResourceExhausted) {
  for (int i = 0; i < 3; ++i)
    Publish(DishonestyJson(TestUscc(1), "d" + std::to_string(i)));
  LookupOptions options;
  options.view = LookupView::kFull;
  options.limit = 2;
  StatusOr<std::vector<LookupItem>> items =
      LookupSubject(*store_, *InterpretSubjectId(TestUscc(1)), options);
  EXPECT_EQ(items.status().code(), StatusCode::kResourceExhausted);
}

// Every page of `id` in the full view with `page_size`, following `next`.
std::vector<std::vector<uint64_t>> AllPages(const FeedReader& reader,
                                            const std::string& id,
                                            size_t page_size) {
  LookupOptions options;
  options.view = LookupView::kFull;
  options.as_of = *CivilDate::Parse("2024-06-20");
  options.page_size = page_size;
  std::vector<std::vector<uint64_t>> pages;
  for (int guard = 0; guard < 100; ++guard) {
    StatusOr<SubjectPage> page =
        FindSubjectPage(reader, *InterpretSubjectId(id), options);
    EXPECT_TRUE(page.ok()) << page.status().ToString();
    if (!page.ok()) break;
    std::vector<uint64_t> indices;
    for (const SubjectEntry& item : page->items) {
      EXPECT_FALSE(item.stored.bytes.empty());  // the page's entries are read
      indices.push_back(item.stored.ref.index);
    }
    pages.push_back(indices);
    if (!page->next.has_value()) break;
    EXPECT_EQ(page->next->index, indices.back());
    options.after = page->next;
  }
  return pages;
}

TEST_F(SubjectLookupTest, PagesFollowEachOtherNewestFirstWithoutGapOrRepeat) {
  for (int i = 0; i < 5; ++i)
    Publish(DishonestyJson(TestUscc(1), "d" + std::to_string(i)));
  EXPECT_EQ(AllPages(*store_, TestUscc(1), 2),
            (std::vector<std::vector<uint64_t>>{{4, 3}, {2, 1}, {0}}));
  EXPECT_EQ(AllPages(*store_, TestUscc(1), 5),
            (std::vector<std::vector<uint64_t>>{{4, 3, 2, 1, 0}}));
  EXPECT_EQ(AllPages(*store_, TestUscc(1), 1000),
            (std::vector<std::vector<uint64_t>>{{4, 3, 2, 1, 0}}));
}

TEST_F(SubjectLookupTest, EntriesPublishedBetweenPagesDoNotShiftTheNextPage) {
  for (int i = 0; i < 4; ++i)
    Publish(DishonestyJson(TestUscc(1), "d" + std::to_string(i)));
  LookupOptions options;
  options.view = LookupView::kFull;
  options.as_of = *CivilDate::Parse("2024-06-20");
  options.page_size = 2;
  StatusOr<SubjectPage> first =
      FindSubjectPage(*store_, *InterpretSubjectId(TestUscc(1)), options);
  CN_ASSERT_OK(first);
  ASSERT_TRUE(first->next.has_value());
  Publish(DishonestyJson(TestUscc(1), "newer"));  // index 4, newest
  options.after = first->next;
  StatusOr<SubjectPage> second =
      FindSubjectPage(*store_, *InterpretSubjectId(TestUscc(1)), options);
  CN_ASSERT_OK(second);
  ASSERT_EQ(second->items.size(), 2u);
  EXPECT_EQ(second->items[0].stored.ref.index, 1u);
  EXPECT_EQ(second->items[1].stored.ref.index, 0u);
  EXPECT_FALSE(second->next.has_value());
}

TEST_F(SubjectLookupTest, ACursorPastTheOldestEntryGivesAnEmptyLastPage) {
  Publish(DishonestyJson(TestUscc(1), "d"));
  LookupOptions options;
  options.view = LookupView::kFull;
  options.as_of = *CivilDate::Parse("2024-06-20");
  options.after = LookupCursor{0, kOrigin, 0};
  StatusOr<SubjectPage> page =
      FindSubjectPage(*store_, *InterpretSubjectId(TestUscc(1)), options);
  CN_ASSERT_OK(page);
  EXPECT_TRUE(page->items.empty());
  EXPECT_FALSE(page->next.has_value());
}

TEST_F(SubjectLookupTest, IndexSummariesGiveTheSameAnswerAsParsedEntries) {
  // The fallback path (rows without summaries) parses every entry; both
  // must agree on every entry, role and status in both views.
  EntryRef a = Publish(
      WithLegalRep(DishonestyJson(TestUscc(1), "a"), TestResidentId(3)));
  EntryRef b = Publish(DishonestyJson(TestUscc(1), "b"));
  Publish(ObjectionOpenedJson(b));
  EntryRef c = Publish(DishonestyJson(TestUscc(1), "c"));
  Publish(CorrectionJson(c, DishonestyJson(TestUscc(1), "c")));
  Publish(RepairJson(a));
  for (LookupView view : {LookupView::kPublic, LookupView::kFull}) {
    for (const char* as_of : {"2024-06-15", "2024-07-01", "2025-02-01"}) {
      LookupOptions options;
      options.view = view;
      options.as_of = *CivilDate::Parse(as_of);
      std::vector<SubjectId> ids = *InterpretSubjectId(TestUscc(1));
      StatusOr<std::vector<SubjectEntry>> fast =
          FindSubjectEntries(*store_, ids, options);
      CN_ASSERT_OK(fast);
      std::vector<LookupItem> slow = Lookup(TestUscc(1), view, as_of);
      ASSERT_EQ(fast->size(), slow.size()) << as_of;
      for (size_t i = 0; i < slow.size(); ++i) {
        EXPECT_EQ((*fast)[i].stored.ref, slow[i].stored.ref);
        EXPECT_EQ((*fast)[i].stored.bytes, slow[i].stored.bytes);
        EXPECT_EQ((*fast)[i].role, slow[i].role);
        ASSERT_EQ((*fast)[i].status.has_value(), slow[i].status.has_value());
        if (slow[i].status) {
          EXPECT_EQ((*fast)[i].status->state, slow[i].status->state);
          EXPECT_EQ((*fast)[i].status->by, slow[i].status->by);
        }
      }
    }
  }
}

TEST(MaskPersonalIdsTest, MaskingBytesEqualsMaskingTheParsedEntry) {
  std::string person = TestResidentId(1);
  nlohmann::json record =
      WithLegalRep(DishonestyJson(TestUscc(1), "d1"), person);
  record["facts"] = R"(text with {"scheme":"resident_id","value":"x"} inside)";
  EntryDraft draft = MustDraft(CorrectionJson({"o.example", 1}, record));
  std::string bytes = *SerializeEntry(draft, "o.example", 2, 0);
  std::string masked = MaskPersonalIdsInBytes(bytes);
  EXPECT_EQ(masked, MaskPersonalIds(nlohmann::json::parse(bytes)).dump());
  EXPECT_EQ(masked.find(person), std::string::npos);
  EXPECT_NE(masked.find(R"(\"value\":\"x\")"), std::string::npos);
}

TEST(MaskPersonalIdsTest, MasksResidentIdsWhereverTheyOccur) {
  std::string person = TestResidentId(1);
  nlohmann::json entry =
      WithLegalRep(DishonestyJson(TestUscc(1), "d1"), person);
  entry["replacement"] =
      WithLegalRep(DishonestyJson(TestUscc(2), "d2"), person);
  nlohmann::json masked = MaskPersonalIds(entry);
  const std::string expected = MaskResidentId(person);
  EXPECT_EQ(masked["associates"][0]["ids"][0]["value"], expected);
  EXPECT_EQ(masked["replacement"]["associates"][0]["ids"][0]["value"],
            expected);
  EXPECT_EQ(masked["subject"]["ids"][0]["value"],
            TestUscc(1));  // organisations are public
  EXPECT_EQ(masked.dump().find(person), std::string::npos);
  EXPECT_EQ(entry["associates"][0]["ids"][0]["value"],
            person);  // the input is untouched
}

}  // namespace
}  // namespace creditnode::ledger
