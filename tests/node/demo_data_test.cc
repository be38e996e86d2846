// node/demo_data.h: every generated identifier and draft is valid, the
// sequence is fixed by the seed, and the data mixes kinds, lists, subject
// types, recurring subjects and record dates around "today".
#include "node/demo_data.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "ledger/entry_draft.h"
#include "ledger/subject_id.h"

namespace creditnode::node {
namespace {

const CivilDate kToday = *CivilDate::FromYmd(2026, 11, 25);

TEST(DemoDataTest, GeneratedIdentifiersAreValidUnderTheirSchemes) {
  DemoData gen(1, kToday);
  for (int i = 0; i < 500; ++i) {
    const std::string uscc = gen.NewUscc("420106");
    StatusOr<ledger::SubjectId> u =
        ledger::ParseSubjectId(ledger::IdScheme::kUscc, uscc);
    ASSERT_TRUE(u.ok()) << uscc << ": " << u.status().ToString();
    EXPECT_EQ(u->value, uscc);
    const std::string org = gen.NewOrgCode();
    ASSERT_TRUE(ledger::ParseSubjectId(ledger::IdScheme::kOrgCode, org).ok())
        << org;
    const std::string rid = gen.NewResidentId("110105");
    StatusOr<ledger::SubjectId> r =
        ledger::ParseSubjectIdAt(ledger::IdScheme::kResidentId, rid, kToday);
    ASSERT_TRUE(r.ok()) << rid << ": " << r.status().ToString();
    EXPECT_EQ(rid.substr(0, 6), "110105");
  }
}

TEST(DemoDataTest, EveryRecordDraftValidatesWithValidIdentifiers) {
  DemoData gen(2, kToday);
  for (int i = 0; i < 1000; ++i) {
    const nlohmann::json d = gen.NextRecord();
    StatusOr<ledger::EntryDraft> v = ledger::ValidateDraft(d);
    ASSERT_TRUE(v.ok()) << v.status().ToString() << "\n" << d.dump();
    ASSERT_TRUE(v->record.has_value());
    EXPECT_FALSE(v->record->subject_ids.empty());
  }
}

TEST(DemoDataTest, SameSeedGivesTheSameRecords) {
  DemoData a(42, kToday);
  DemoData b(42, kToday);
  for (int i = 0; i < 200; ++i) ASSERT_EQ(a.NextRecord(), b.NextRecord()) << i;
}

TEST(DemoDataTest, DifferentSeedsGiveDifferentRecords) {
  DemoData a(42, kToday);
  DemoData b(43, kToday);
  int same = 0;
  for (int i = 0; i < 50; ++i) same += a.NextRecord() == b.NextRecord() ? 1 : 0;
  EXPECT_EQ(same, 0);
}

TEST(DemoDataTest, RecordsMixKindsListsSubjectTypesAndSchemes) {
  DemoData gen(3, kToday);
  std::map<std::string, int> kinds;
  std::set<std::string> lists, types, schemes;
  for (int i = 0; i < 1000; ++i) {
    const nlohmann::json d = gen.NextRecord();
    ++kinds[d["kind"].get<std::string>()];
    lists.insert(d["list"].get<std::string>());
    types.insert(d["subject"]["type"].get<std::string>());
    schemes.insert(d["subject"]["ids"][0]["scheme"].get<std::string>());
  }
  EXPECT_GT(kinds["dishonesty"], kinds["commendation"]);
  EXPECT_GT(kinds["commendation"], 50);
  EXPECT_GE(lists.size(), 6u);
  EXPECT_EQ(types, (std::set<std::string>{"individual_business",
                                          "natural_person", "org"}));
  EXPECT_EQ(schemes,
            (std::set<std::string>{"org_code", "resident_id", "uscc"}));
}

TEST(DemoDataTest, SubjectsRecurAcrossRecords) {
  DemoData gen(4, kToday);
  std::map<std::string, int> per_subject;
  for (int i = 0; i < 500; ++i) {
    ++per_subject[gen.NextRecord()["subject"]["ids"][0]["value"]
                      .get<std::string>()];
  }
  int recurring = 0;
  for (const auto& [id, n] : per_subject) recurring += n > 1 ? 1 : 0;
  EXPECT_GT(recurring, 20);
}

TEST(DemoDataTest, DatesMakeSomeRecordsExpiredAndSomeNotYetEffective) {
  DemoData gen(5, kToday);
  const std::string today = kToday.ToString();
  int expired = 0, pending = 0, in_force = 0;
  for (int i = 0; i < 1000; ++i) {
    const nlohmann::json d = gen.NextRecord();
    if (d["publish_max_until"].get<std::string>() < today) {
      ++expired;
    } else if (d["effective_from"].get<std::string>() > today) {
      ++pending;
    } else {
      ++in_force;
    }
  }
  EXPECT_GT(expired, 100);
  EXPECT_GT(pending, 10);
  EXPECT_GT(in_force, 100);
}

TEST(DemoDataTest, LifecycleDraftsValidate) {
  DemoData gen(6, kToday);
  const nlohmann::json record = gen.NextRecord();
  const std::string origin = "wuhan.gov.example/credit";
  for (const nlohmann::json& d :
       {gen.Repair(origin, 0, record), gen.Revocation(origin, 0),
        gen.Correction(origin, 0, record), gen.ObjectionOpened(origin, 0),
        gen.ObjectionClosed(origin, 1, true),
        gen.ObjectionClosed(origin, 1, false)}) {
    StatusOr<ledger::EntryDraft> v = ledger::ValidateDraft(d);
    ASSERT_TRUE(v.ok()) << v.status().ToString() << "\n" << d.dump();
    ASSERT_TRUE(v->target.has_value());
  }
}

}  // namespace
}  // namespace creditnode::node
