// DeriveStatus: each state, the precedence between them, and the as_of
// rule (docs/lifecycle.md); ActingIndex gives DeriveStatus the same answer
// as the whole list, over random mixes of records and lifecycle entries.

#include "ledger/record_status.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "ledger/entry_draft.h"
#include "tests/ledger/test_drafts.h"

namespace creditnode::ledger {
namespace {

using testing::MustDraft;

constexpr char kOrigin[] = "wuhan.gov.example/credit";
constexpr int64_t kDayMicros = 86400LL * 1000000;

CivilDate Day(const char* text) { return *CivilDate::Parse(text); }
int64_t MicrosOf(const char* day) {
  return Day(day).DaysSinceEpoch() * kDayMicros;
}

Entry Make(const nlohmann::json& draft, uint64_t index,
           const char* issued_day) {
  StatusOr<std::string> bytes =
      SerializeEntry(MustDraft(draft), kOrigin, index,
                     MicrosOf(issued_day) + 3600LL * 1000000);
  EXPECT_TRUE(bytes.ok()) << bytes.status().ToString();
  StatusOr<Entry> entry = ParseEntry(*bytes);
  EXPECT_TRUE(entry.ok()) << entry.status().ToString();
  return *std::move(entry);
}

class RecordStatusTest : public ::testing::Test {
 protected:
  // Effective 2024-01-10, repairable from 2024-04-10, shown until 2025-01-10.
  Entry record_ = Make(testing::DishonestyJson(testing::TestUscc(1), "d1"), 0,
                       "2024-01-06");
  EntryRef ref_{kOrigin, 0};
};

TEST_F(RecordStatusTest, BeforeEffectiveFromIsNotYetEffective) {
  RecordStatus s = DeriveStatus(record_, {}, Day("2024-01-09"));
  EXPECT_EQ(s.state, RecordState::kNotYetEffective);
  EXPECT_FALSE(s.by.has_value());
}

TEST_F(RecordStatusTest, FromEffectiveFromThroughPublishMaxUntilIsActive) {
  EXPECT_EQ(DeriveStatus(record_, {}, Day("2024-01-10")).state,
            RecordState::kActive);
  EXPECT_EQ(DeriveStatus(record_, {}, Day("2025-01-10")).state,
            RecordState::kActive);
}

TEST_F(RecordStatusTest, AfterPublishMaxUntilIsExpired) {
  EXPECT_EQ(DeriveStatus(record_, {}, Day("2025-01-11")).state,
            RecordState::kExpired);
}

TEST_F(RecordStatusTest, RepairedPointsToTheRepair) {
  Entry repair = Make(testing::RepairJson(ref_), 5, "2024-05-01");
  RecordStatus s = DeriveStatus(record_, {repair}, Day("2024-06-01"));
  EXPECT_EQ(s.state, RecordState::kRepaired);
  EXPECT_EQ(s.by, (EntryRef{kOrigin, 5}));
}

TEST_F(RecordStatusTest, LifecycleEntriesIssuedAfterAsOfDoNotCount) {
  Entry repair = Make(testing::RepairJson(ref_), 5, "2024-05-01");
  EXPECT_EQ(DeriveStatus(record_, {repair}, Day("2024-04-30")).state,
            RecordState::kActive);
  // Issued at 01:00 UTC on 2024-05-01: counts on that whole day.
  EXPECT_EQ(DeriveStatus(record_, {repair}, Day("2024-05-01")).state,
            RecordState::kRepaired);
}

TEST_F(RecordStatusTest, CorrectedPointsToTheCorrection) {
  Entry correction =
      Make(testing::CorrectionJson(
               ref_, testing::DishonestyJson(testing::TestUscc(2), "d1")),
           3, "2024-02-01");
  RecordStatus s = DeriveStatus(record_, {correction}, Day("2024-06-01"));
  EXPECT_EQ(s.state, RecordState::kCorrected);
  EXPECT_EQ(s.by, (EntryRef{kOrigin, 3}));
}

TEST_F(RecordStatusTest, RevokedWinsOverEveryOtherState) {
  std::vector<Entry> acting = {
      Make(testing::RepairJson(ref_), 2, "2024-05-01"),
      Make(testing::ObjectionOpenedJson(ref_), 3, "2024-05-02"),
      Make(testing::RevocationJson(ref_), 4, "2024-05-03"),
  };
  RecordStatus s = DeriveStatus(record_, acting, Day("2025-06-01"));
  EXPECT_EQ(s.state, RecordState::kRevoked);
  EXPECT_EQ(s.by, (EntryRef{kOrigin, 4}));
}

TEST_F(RecordStatusTest, CorrectedWinsOverRepaired) {
  std::vector<Entry> acting = {
      Make(testing::RepairJson(ref_), 2, "2024-05-01"),
      Make(testing::CorrectionJson(
               ref_, testing::DishonestyJson(testing::TestUscc(1), "d2")),
           3, "2024-05-02"),
  };
  EXPECT_EQ(DeriveStatus(record_, acting, Day("2024-06-01")).state,
            RecordState::kCorrected);
}

TEST_F(RecordStatusTest, OpenObjectionIsUnderObjectionEvenWhenExpired) {
  Entry opened = Make(testing::ObjectionOpenedJson(ref_), 2, "2024-05-01");
  RecordStatus s = DeriveStatus(record_, {opened}, Day("2025-06-01"));
  EXPECT_EQ(s.state, RecordState::kUnderObjection);
  EXPECT_EQ(s.by, (EntryRef{kOrigin, 2}));
}

TEST_F(RecordStatusTest, ClosedObjectionNoLongerCounts) {
  Entry opened = Make(testing::ObjectionOpenedJson(ref_), 2, "2024-05-01");
  Entry closed =
      Make(testing::ObjectionClosedJson({kOrigin, 2}), 3, "2024-05-10");
  EXPECT_EQ(DeriveStatus(record_, {opened, closed}, Day("2024-05-09")).state,
            RecordState::kUnderObjection);
  EXPECT_EQ(DeriveStatus(record_, {opened, closed}, Day("2024-05-10")).state,
            RecordState::kActive);
}

TEST_F(RecordStatusTest, SecondObjectionAfterTheFirstClosedIsUnderObjection) {
  std::vector<Entry> acting = {
      Make(testing::ObjectionOpenedJson(ref_), 2, "2024-05-01"),
      Make(testing::ObjectionClosedJson({kOrigin, 2}), 3, "2024-05-10"),
      Make(testing::ObjectionOpenedJson(ref_), 4, "2024-05-20"),
  };
  RecordStatus s = DeriveStatus(record_, acting, Day("2024-06-01"));
  EXPECT_EQ(s.state, RecordState::kUnderObjection);
  EXPECT_EQ(s.by, (EntryRef{kOrigin, 4}));
}

TEST_F(RecordStatusTest, EarliestOfOneKindIsTheOneNamed) {
  std::vector<Entry> acting = {
      Make(testing::RepairJson(ref_), 9, "2024-06-01"),
      Make(testing::RepairJson(ref_), 7, "2024-05-01"),
  };
  EXPECT_EQ(DeriveStatus(record_, acting, Day("2024-07-01")).by,
            (EntryRef{kOrigin, 7}));
}

TEST_F(RecordStatusTest, EntriesActingOnAnotherRecordAreIgnored) {
  Entry repair = Make(testing::RepairJson({kOrigin, 1}), 5, "2024-05-01");
  Entry foreign = Make(testing::RevocationJson({"other.gov.example/x", 0}), 6,
                       "2024-05-01");
  EXPECT_EQ(DeriveStatus(record_, {repair, foreign}, Day("2024-06-01")).state,
            RecordState::kActive);
}

TEST_F(RecordStatusTest, OnlyTheIssuingFeedMayActOnARecord) {
  StatusOr<std::string> bytes =
      SerializeEntry(MustDraft(testing::RevocationJson(ref_)),
                     "other.gov.example/x", 0, MicrosOf("2024-05-01"));
  ASSERT_TRUE(bytes.ok());
  StatusOr<Entry> foreign = ParseEntry(*bytes);
  ASSERT_TRUE(foreign.ok());
  EXPECT_EQ(DeriveStatus(record_, {*foreign}, Day("2024-06-01")).state,
            RecordState::kActive);
}

// Random records of two feeds and lifecycle entries acting on them (and
// objection closings acting on objections), issued over 2024: for every
// record and several dates, DeriveStatus over ActingIndex::For equals
// DeriveStatus over the whole list.
TEST(ActingIndexTest, ForGivesDeriveStatusTheSameAnswerAsTheWholeList) {
  const std::string origins[] = {"a.gov.example/x", "b.gov.example/y"};
  const EntryKind acting_kinds[] = {
      EntryKind::kRevocation, EntryKind::kCorrection, EntryKind::kRepair,
      EntryKind::kObjectionOpened, EntryKind::kObjectionClosed};
  const CivilDate start = Day("2024-01-01");
  size_t non_active = 0;
  for (uint32_t seed = 0; seed < 40; ++seed) {
    std::mt19937 rng(seed);
    auto pick = [&](size_t n) { return static_cast<size_t>(rng() % n); };
    auto day = [&](int from, int span) {
      return CivilDate::FromDays(start.DaysSinceEpoch() + from +
                                 static_cast<int>(pick(span)));
    };
    std::vector<SummarizedEntry> records;
    for (uint64_t i = 0; i < 12; ++i) {
      SummarizedEntry r{{origins[pick(2)], i}, {}};
      r.summary.kind = EntryKind::kDishonesty;
      r.summary.issued_at_micros = day(0, 30).DaysSinceEpoch() * kDayMicros;
      RecordSummary facts;
      facts.effective_from = day(10, 40);
      facts.publish_max_until = day(120, 200);
      r.summary.record = facts;
      records.push_back(r);
    }
    std::vector<SummarizedEntry> acting;
    for (uint64_t i = 0; i < 40; ++i) {
      SummarizedEntry e{{origins[pick(2)], 100 + i}, {}};
      e.summary.kind = acting_kinds[pick(5)];
      e.summary.issued_at_micros = day(30, 300).DaysSinceEpoch() * kDayMicros;
      std::vector<EntryRef> opened;
      for (const SummarizedEntry& a : acting) {
        if (a.summary.kind == EntryKind::kObjectionOpened)
          opened.push_back(a.ref);
      }
      e.summary.target = e.summary.kind == EntryKind::kObjectionClosed &&
                                 !opened.empty() && pick(4) != 0
                             ? opened[pick(opened.size())]
                             : records[pick(records.size())].ref;
      acting.push_back(e);
    }
    const ActingIndex index(acting);
    for (const SummarizedEntry& r : records) {
      for (int d = 0; d < 366; d += 61) {
        const CivilDate as_of = day(d, 1);
        const RecordStatus all = DeriveStatus(r.ref, r.summary, acting, as_of);
        const RecordStatus indexed =
            DeriveStatus(r.ref, r.summary, index.For(r.ref), as_of);
        EXPECT_EQ(all.state, indexed.state)
            << "seed " << seed << " record " << r.ref.index << " day " << d;
        EXPECT_EQ(all.by, indexed.by) << "seed " << seed;
        if (all.state != RecordState::kActive) ++non_active;
      }
    }
  }
  // The mixes do reach the lifecycle states, not only active records.
  EXPECT_GT(non_active, 1000u);
}

TEST(RecordStateNameTest, NamesAreTheApiStrings) {
  EXPECT_EQ(RecordStateName(RecordState::kActive), "active");
  EXPECT_EQ(RecordStateName(RecordState::kNotYetEffective),
            "not_yet_effective");
  EXPECT_EQ(RecordStateName(RecordState::kExpired), "expired");
  EXPECT_EQ(RecordStateName(RecordState::kRepaired), "repaired");
  EXPECT_EQ(RecordStateName(RecordState::kCorrected), "corrected");
  EXPECT_EQ(RecordStateName(RecordState::kRevoked), "revoked");
  EXPECT_EQ(RecordStateName(RecordState::kUnderObjection), "under_objection");
}

}  // namespace
}  // namespace creditnode::ledger
