// EntrySummary: built from drafts and from parsed entries alike, and its
// binary codec round-trips and rejects damaged bytes.

#include "ledger/entry_summary.h"

#include <gtest/gtest.h>

#include <string>

#include "tests/ledger/test_drafts.h"

namespace creditnode::ledger {
namespace {

using testing::MustDraft;

constexpr char kOrigin[] = "wuhan.gov.example/credit";

EntrySummary RoundTrip(const EntrySummary& s) {
  StatusOr<EntrySummary> back = DecodeSummary(EncodeSummary(s));
  EXPECT_TRUE(back.ok()) << back.status().ToString();
  return back.ok() ? *back : EntrySummary{};
}

void ExpectSame(const EntrySummary& a, const EntrySummary& b) {
  EXPECT_EQ(a.kind, b.kind);
  EXPECT_EQ(a.issued_at_micros, b.issued_at_micros);
  EXPECT_EQ(a.target, b.target);
  ASSERT_EQ(a.record.has_value(), b.record.has_value());
  if (a.record) {
    EXPECT_EQ(a.record->subject_type, b.record->subject_type);
    EXPECT_EQ(a.record->is_public, b.record->is_public);
    EXPECT_EQ(a.record->effective_from, b.record->effective_from);
    EXPECT_EQ(a.record->publish_min_until, b.record->publish_min_until);
    EXPECT_EQ(a.record->publish_max_until, b.record->publish_max_until);
  }
}

TEST(EntrySummaryTest, DraftAndStoredEntryGiveTheSameSummaryForEveryKind) {
  const EntryRef target{kOrigin, 3};
  nlohmann::json record = testing::DishonestyJson(testing::TestUscc(1), "d");
  for (const nlohmann::json& j :
       {record, testing::RecordJson("commendation", testing::TestUscc(2), "c"),
        testing::RepairJson(target), testing::RevocationJson(target),
        testing::CorrectionJson(target, record),
        testing::ObjectionOpenedJson(target),
        testing::ObjectionClosedJson(target)}) {
    EntryDraft draft = MustDraft(j);
    StatusOr<std::string> bytes =
        SerializeEntry(draft, kOrigin, 9, testing::kTestNowMicros);
    ASSERT_TRUE(bytes.ok());
    StatusOr<Entry> entry = ParseEntry(*bytes);
    ASSERT_TRUE(entry.ok());
    EntrySummary from_draft = SummaryOf(draft, testing::kTestNowMicros);
    ExpectSame(from_draft, SummaryOf(*entry));
    ExpectSame(from_draft, RoundTrip(from_draft));
  }
}

TEST(EntrySummaryTest, OptionalDatesAndFlagsRoundTrip) {
  nlohmann::json j = testing::DishonestyJson(testing::TestUscc(1), "d");
  j.erase("publish_min_until");
  j["public"] = false;
  j["share_scope"] = "department";
  j["subject"]["type"] = "individual_business";
  EntrySummary s = SummaryOf(MustDraft(j), 0);
  EntrySummary back = RoundTrip(s);
  ASSERT_TRUE(back.record.has_value());
  EXPECT_FALSE(back.record->publish_min_until.has_value());
  EXPECT_FALSE(back.record->is_public);
  EXPECT_EQ(back.record->subject_type, SubjectType::kIndividualBusiness);
}

TEST(EntrySummaryTest, DamagedBytesAreDataLoss) {
  std::string good =
      EncodeSummary(SummaryOf(MustDraft(testing::RepairJson({kOrigin, 1})), 0));
  ASSERT_TRUE(DecodeSummary(good).ok());
  EXPECT_EQ(DecodeSummary("").status().code(), StatusCode::kDataLoss);
  EXPECT_EQ(DecodeSummary(good.substr(0, good.size() - 1)).status().code(),
            StatusCode::kDataLoss);
  EXPECT_EQ(DecodeSummary(good + "x").status().code(), StatusCode::kDataLoss);
  std::string bad_version = good;
  bad_version[0] = 2;
  EXPECT_EQ(DecodeSummary(bad_version).status().code(), StatusCode::kDataLoss);
  std::string bad_kind = good;
  bad_kind[1] = 0x7f;
  EXPECT_EQ(DecodeSummary(bad_kind).status().code(), StatusCode::kDataLoss);
  std::string wrong_kind = good;
  wrong_kind[1] = 0;  // dishonesty, but the bytes carry a target, no record
  EXPECT_EQ(DecodeSummary(wrong_kind).status().message(),
            "summary: fields do not match the kind");
}

}  // namespace
}  // namespace creditnode::ledger
