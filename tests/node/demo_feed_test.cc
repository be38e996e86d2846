// node/demo_feed.h and node/demo_examples.h over a real data dir (RocksDB
// in a temp dir) with a fixed clock: the demo feed shows every record
// state, is the same for the same seed and day, and the picked examples
// answer in the public view.
#include "node/demo_feed.h"

#include <gtest/gtest.h>

#include <set>

#include "ledger/subject_lookup.h"
#include "node/demo_examples.h"
#include "node/local_feed.h"
#include "tests/node/node_test_util.h"
#include "util/clock.h"

namespace creditnode::node::testing {
namespace {

constexpr char kOrigin[] = "wuhan.gov.example/credit";
// 2026-11-25T08:00:00Z.
constexpr int64_t kNowMicros = 1795593600000000;

class DemoFeedTest : public ::testing::Test {
 protected:
  // A data dir at `path` with `records` demo records (seed 20261125).
  std::unique_ptr<LocalFeed> MakeDemo(const std::string& path, size_t records) {
    InitOptions init;
    init.origin = kOrigin;
    EXPECT_TRUE(InitDataDir(path, init).ok());
    auto feed = LocalFeed::Open(path, &clock_);
    EXPECT_TRUE(feed.ok()) << feed.status().ToString();
    if (!feed.ok()) return nullptr;
    DemoFeedOptions options;
    options.records = records;
    options.batch = 128;
    StatusOr<DemoFeedStats> stats =
        PopulateDemoFeed((*feed)->writer(), options, today_, nullptr);
    EXPECT_TRUE(stats.ok()) << stats.status().ToString();
    if (stats.ok()) stats_ = *stats;
    return std::move(feed).value();
  }

  FakeClock clock_{kNowMicros};
  const CivilDate today_ = CivilDate::FromUnixMicros(kNowMicros);
  DemoFeedStats stats_;
  TempDir dir_;
};

TEST_F(DemoFeedTest, FeedHoldsTheRecordsAndEveryKindOfLifecycleEntry) {
  auto feed = MakeDemo(dir_.Sub("d"), 600);
  ASSERT_NE(feed, nullptr);
  EXPECT_EQ(stats_.records, 600u);
  EXPECT_GT(stats_.repairs, 0u);
  EXPECT_GT(stats_.revocations, 0u);
  EXPECT_GT(stats_.corrections, 0u);
  EXPECT_GT(stats_.objections_opened, stats_.objections_closed);
  EXPECT_GT(stats_.objections_closed, 0u);
  EXPECT_EQ(feed->store()->GetFeed(kOrigin)->size,
            stats_.records + stats_.repairs + stats_.revocations +
                stats_.corrections + stats_.objections_opened +
                stats_.objections_closed);
}

TEST_F(DemoFeedTest, RecordsShowEveryStatus) {
  auto feed = MakeDemo(dir_.Sub("d"), 600);
  ASSERT_NE(feed, nullptr);
  std::set<std::string> states;
  const uint64_t size = feed->store()->GetFeed(kOrigin)->size;
  std::set<std::string> keys;
  for (uint64_t i = 0; i < stats_.records && i < size; ++i) {
    auto stored = feed->store()->GetEntry({kOrigin, i});
    ASSERT_TRUE(stored.ok());
    auto entry = ledger::ParseEntry(stored->bytes);
    ASSERT_TRUE(entry.ok());
    const ledger::SubjectId& id = entry->record->subject_ids[0];
    if (!keys.insert(id.IndexKey()).second) continue;
    ledger::LookupOptions options;
    options.view = ledger::LookupView::kFull;
    options.as_of = today_;
    auto items = ledger::LookupSubject(*feed->store(), {id}, options);
    ASSERT_TRUE(items.ok()) << items.status().ToString();
    for (const ledger::LookupItem& item : *items) {
      if (item.status)
        states.insert(std::string(ledger::RecordStateName(item.status->state)));
    }
  }
  EXPECT_EQ(states, (std::set<std::string>{"active", "corrected", "expired",
                                           "not_yet_effective", "repaired",
                                           "revoked", "under_objection"}));
}

TEST_F(DemoFeedTest, SameSeedAndDayGiveIdenticalEntryBytes) {
  auto a = MakeDemo(dir_.Sub("a"), 150);
  auto b = MakeDemo(dir_.Sub("b"), 150);
  ASSERT_NE(a, nullptr);
  ASSERT_NE(b, nullptr);
  const uint64_t size = a->store()->GetFeed(kOrigin)->size;
  ASSERT_EQ(size, b->store()->GetFeed(kOrigin)->size);
  for (uint64_t i = 0; i < size; ++i) {
    ASSERT_EQ(a->store()->GetEntry({kOrigin, i})->bytes,
              b->store()->GetEntry({kOrigin, i})->bytes)
        << i;
  }
}

TEST_F(DemoFeedTest,
       PickedExamplesAreAUsccAnOrgCodeAndASubjectWithALifecycleEntry) {
  auto feed = MakeDemo(dir_.Sub("d"), 600);
  ASSERT_NE(feed, nullptr);
  StatusOr<std::vector<std::string>> ids =
      PickDemoExamples(*feed->store(), kOrigin, today_);
  ASSERT_TRUE(ids.ok()) << ids.status().ToString();
  ASSERT_EQ(ids->size(), kDemoExampleCount);
  EXPECT_EQ((*ids)[0].size(), 18u);
  EXPECT_EQ((*ids)[1].size(), 9u);
  std::set<std::string> keys;
  for (const std::string& id : *ids) {
    EXPECT_TRUE(CheckPublicExample(*feed->store(), id, today_).ok()) << id;
    keys.insert(ledger::InterpretSubjectIdAt(id, today_)->at(0).IndexKey());
  }
  EXPECT_EQ(keys.size(), 3u);  // three different firms

  ledger::LookupOptions full;
  full.view = ledger::LookupView::kFull;
  full.as_of = today_;
  auto items = ledger::LookupSubject(
      *feed->store(), *ledger::InterpretSubjectIdAt((*ids)[2], today_), full);
  ASSERT_TRUE(items.ok());
  bool has_lifecycle = false;
  for (const ledger::LookupItem& item : *items) {
    has_lifecycle = has_lifecycle || ledger::IsLifecycle(item.entry.kind);
  }
  EXPECT_TRUE(has_lifecycle);
}

TEST_F(DemoFeedTest, CheckPublicExampleRefusesNaturalPersonsAndInvalidIds) {
  auto feed = MakeDemo(dir_.Sub("d"), 150);
  ASSERT_NE(feed, nullptr);
  EXPECT_EQ(CheckPublicExample(*feed->store(), "12345678-0", today_).code(),
            StatusCode::kInvalidArgument);
  // Natural persons never appear in the public view (D8).
  for (uint64_t i = 0; i < stats_.records; ++i) {
    auto entry =
        ledger::ParseEntry(feed->store()->GetEntry({kOrigin, i})->bytes);
    ASSERT_TRUE(entry.ok());
    if (entry->record->subject_type != ledger::SubjectType::kNaturalPerson)
      continue;
    EXPECT_EQ(CheckPublicExample(*feed->store(),
                                 entry->record->subject_ids[0].value, today_)
                  .code(),
              StatusCode::kNotFound);
    return;
  }
  ADD_FAILURE() << "no natural person in the demo feed";
}

TEST(DemoExamplesFileTest, SavedExamplesLoadBack) {
  TempDir dir;
  const std::vector<std::string> ids = {"a", "b", "c"};
  ASSERT_TRUE(SaveDemoExamples(DemoExamplesPath(dir.path()), ids).ok());
  EXPECT_EQ(FileMode(DemoExamplesPath(dir.path())), 0600);
  StatusOr<std::vector<std::string>> loaded =
      LoadDemoExamples(DemoExamplesPath(dir.path()));
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  EXPECT_EQ(*loaded, ids);
}

TEST(DemoExamplesFileTest, MissingFileIsNotFoundAndMalformedIsInvalid) {
  TempDir dir;
  const std::string path = DemoExamplesPath(dir.path());
  EXPECT_EQ(LoadDemoExamples(path).status().code(), StatusCode::kNotFound);
  WriteText(path, R"({"examples":["only one"]})");
  EXPECT_EQ(LoadDemoExamples(path).status().code(),
            StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace creditnode::node::testing
