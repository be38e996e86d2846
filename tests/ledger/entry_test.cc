// Entry: kind names, origins, exact serialisation (D2) and parsing of
// stored bytes.

#include "ledger/entry.h"

#include <gtest/gtest.h>

#include <string>

#include "ledger/entry_draft.h"
#include "tests/ledger/test_drafts.h"

namespace creditnode::ledger {
namespace {

using testing::DishonestyJson;
using testing::MustDraft;
using testing::RepairJson;
using testing::TestUscc;

constexpr char kOrigin[] = "wuhan.gov.example/credit";

TEST(EntryKindTest, EveryKindNameParsesBack) {
  for (EntryKind kind :
       {EntryKind::kDishonesty, EntryKind::kCommendation, EntryKind::kRepair,
        EntryKind::kCorrection, EntryKind::kRevocation,
        EntryKind::kObjectionOpened, EntryKind::kObjectionClosed}) {
    StatusOr<EntryKind> parsed = ParseEntryKind(EntryKindName(kind));
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(*parsed, kind);
  }
}

TEST(EntryKindTest, UnknownKindIsInvalidArgumentNamingIt) {
  StatusOr<EntryKind> parsed = ParseEntryKind("praise");
  EXPECT_EQ(parsed.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(parsed.status().message(), "kind: unknown kind \"praise\"");
}

TEST(EntryKindTest, CorrectionBothCarriesARecordAndActsOnOne) {
  EXPECT_TRUE(CarriesRecord(EntryKind::kCorrection));
  EXPECT_TRUE(IsLifecycle(EntryKind::kCorrection));
  EXPECT_TRUE(CarriesRecord(EntryKind::kDishonesty));
  EXPECT_FALSE(IsLifecycle(EntryKind::kDishonesty));
  EXPECT_FALSE(CarriesRecord(EntryKind::kRepair));
  EXPECT_TRUE(IsLifecycle(EntryKind::kObjectionClosed));
}

TEST(ValidateOriginTest, AcceptsHostAndPathNames) {
  EXPECT_TRUE(ValidateOrigin("wuhan.gov.example/credit").ok());
  EXPECT_TRUE(ValidateOrigin("court-1.example:8443/dishonest_debtors").ok());
}

TEST(ValidateOriginTest, RejectsEachBrokenRule) {
  EXPECT_EQ(ValidateOrigin("").message(), "must not be empty");
  EXPECT_NE(
      ValidateOrigin(std::string(256, 'a')).message().find("longer than 255"),
      std::string::npos);
  EXPECT_NE(ValidateOrigin("Wuhan.gov").message().find("byte 1"),
            std::string::npos);
  EXPECT_NE(ValidateOrigin("a b").message().find("byte 2"), std::string::npos);
  EXPECT_NE(ValidateOrigin("a+b").message().find("byte 2"), std::string::npos);
  EXPECT_EQ(ValidateOrigin("/credit").message(),
            "must start with a letter or digit");
  EXPECT_NE(ValidateOrigin("creditnode/entry/v1").message().find("reserved"),
            std::string::npos);
  EXPECT_NE(ValidateOrigin("cosignature/v1").message().find("reserved"),
            std::string::npos);
}

TEST(SerializeEntryTest, BytesAreCompactSortedUnescapedWithWholeSeconds) {
  EntryDraft draft = MustDraft(testing::RepairJson({kOrigin, 4}));
  StatusOr<std::string> bytes =
      SerializeEntry(draft, kOrigin, 7, testing::kTestNowMicros);
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
  const std::string expected =
      R"({"decision":{"authority":{"name":"武汉市市场监督管理局"},"date":"2024-01-05",)"
      R"("doc_no":"修复1号"},"index":7,"issued_at":"2024-06-15T12:00:00Z","kind":"repair",)"
      R"("legal_basis":[{"instrument":"《公共信用信息异议处理办法》"}],"origin":)"
      R"("wuhan.gov.example/credit","outcome":"stop_public_display","reason":"测试",)"
      R"("target":{"index":4,"origin":"wuhan.gov.example/credit"},"v":1})";
  EXPECT_EQ(*bytes, expected);
}

TEST(SerializeEntryTest, IdentifiersAreStoredNormalised) {
  std::string uscc = TestUscc(7);
  std::string lower = uscc;
  for (char& c : lower)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  EntryDraft draft =
      MustDraft(DishonestyJson(" " + lower + " ", "武市监罚〔2024〕1号"));
  StatusOr<std::string> bytes =
      SerializeEntry(draft, kOrigin, 0, testing::kTestNowMicros);
  ASSERT_TRUE(bytes.ok());
  EXPECT_NE(bytes->find("\"value\":\"" + uscc + "\""), std::string::npos)
      << *bytes;
}

TEST(SerializeEntryTest, EntryOverTheLimitIsInvalidArgument) {
  nlohmann::json record = DishonestyJson(TestUscc(1), "doc");
  EntryDraft draft = MustDraft(record);
  draft.body["facts"] =
      std::string(70000, 'x');  // past the validator, on purpose
  StatusOr<std::string> bytes = SerializeEntry(draft, kOrigin, 0, 0);
  EXPECT_EQ(bytes.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(bytes.status().message().find("exceeds the 65535-byte limit"),
            std::string::npos);
}

TEST(SerializeEntryTest, InvalidUtf8BuiltInCodeIsInvalidArgument) {
  EntryDraft draft = MustDraft(DishonestyJson(TestUscc(1), "doc"));
  draft.body["conduct"] = std::string("\xC3\x28");
  EXPECT_EQ(SerializeEntry(draft, kOrigin, 0, 0).status().code(),
            StatusCode::kInvalidArgument);
}

TEST(ParseEntryTest, RecordRoundTripsWithItsFacts) {
  EntryDraft draft = MustDraft(
      testing::WithLegalRep(DishonestyJson(TestUscc(3), "武市监罚〔2024〕3号"),
                            testing::TestResidentId(5)));
  StatusOr<std::string> bytes =
      SerializeEntry(draft, kOrigin, 12, testing::kTestNowMicros);
  ASSERT_TRUE(bytes.ok());
  StatusOr<Entry> entry = ParseEntry(*bytes);
  ASSERT_TRUE(entry.ok()) << entry.status().ToString();
  EXPECT_EQ(entry->origin, kOrigin);
  EXPECT_EQ(entry->index, 12u);
  EXPECT_EQ(entry->kind, EntryKind::kDishonesty);
  EXPECT_EQ(entry->issued_at_micros, 1718452800000000);
  ASSERT_TRUE(entry->record.has_value());
  EXPECT_FALSE(entry->target.has_value());
  EXPECT_EQ(entry->record->doc_no, "武市监罚〔2024〕3号");
  ASSERT_EQ(entry->record->subject_ids.size(), 1u);
  EXPECT_EQ(entry->record->subject_ids[0].value, TestUscc(3));
  ASSERT_EQ(entry->record->associate_ids.size(), 1u);
  EXPECT_EQ(entry->record->associate_ids[0].scheme, IdScheme::kResidentId);
  EXPECT_EQ(entry->record->effective_from.ToString(), "2024-01-10");
  EXPECT_EQ(entry->record->publish_min_until->ToString(), "2024-04-10");
  EXPECT_EQ(entry->record->publish_max_until.ToString(), "2025-01-10");
  EXPECT_TRUE(entry->record->is_public);
  EXPECT_EQ(entry->json["index"], 12);
}

TEST(ParseEntryTest, CorrectionCarriesItsReplacementAsTheRecord) {
  nlohmann::json replacement =
      DishonestyJson(TestUscc(9), "武市监罚〔2024〕9号");
  EntryDraft draft =
      MustDraft(testing::CorrectionJson({kOrigin, 2}, replacement));
  StatusOr<Entry> entry = ParseEntry(*SerializeEntry(draft, kOrigin, 3, 0));
  ASSERT_TRUE(entry.ok()) << entry.status().ToString();
  ASSERT_TRUE(entry->target.has_value());
  EXPECT_EQ(*entry->target, (EntryRef{kOrigin, 2}));
  ASSERT_TRUE(entry->record.has_value());
  EXPECT_EQ(entry->record->subject_ids[0].value, TestUscc(9));
}

TEST(ParseEntryTest, GarbageIsDataLoss) {
  EXPECT_EQ(ParseEntry("not json").status().code(), StatusCode::kDataLoss);
  EXPECT_EQ(ParseEntry("[]").status().code(), StatusCode::kDataLoss);
}

TEST(ParseEntryTest, OtherFormatVersionIsDataLoss) {
  EntryDraft draft = MustDraft(RepairJson({kOrigin, 0}));
  std::string bytes = *SerializeEntry(draft, kOrigin, 1, 0);
  nlohmann::json j = nlohmann::json::parse(bytes);
  j["v"] = 2;
  StatusOr<Entry> entry = ParseEntry(j.dump());
  EXPECT_EQ(entry.status().code(), StatusCode::kDataLoss);
  EXPECT_NE(entry.status().message().find("version 2"), std::string::npos);
}

TEST(ParseEntryTest, MissingEnvelopeFieldIsDataLossNamingIt) {
  EntryDraft draft = MustDraft(RepairJson({kOrigin, 0}));
  nlohmann::json j =
      nlohmann::json::parse(*SerializeEntry(draft, kOrigin, 1, 0));
  j.erase("issued_at");
  StatusOr<Entry> entry = ParseEntry(j.dump());
  EXPECT_EQ(entry.status().code(), StatusCode::kDataLoss);
  EXPECT_EQ(entry.status().message(), "entry: issued_at: required");
}

TEST(ParseEntryTest, StoredDecisionDatesInTheFutureOfTodayStillParse) {
  // Stored bytes are read back years later and on nodes with other clocks.
  nlohmann::json record = DishonestyJson(TestUscc(1), "doc");
  EntryDraft draft = MustDraft(record);
  draft.body["decision"]["date"] = "2999-01-01";
  draft.body["effective_from"] = "2999-01-02";
  draft.body["publish_min_until"] = "2999-02-01";
  draft.body["publish_max_until"] = "2999-03-01";
  EXPECT_TRUE(ParseEntry(*SerializeEntry(draft, kOrigin, 0, 0)).ok());
}

}  // namespace
}  // namespace creditnode::ledger
