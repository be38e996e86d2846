// ValidateDraft: every kind accepted in its documented form
// (docs/entry-format.md), and each broken rule rejected with a message
// naming the JSON path and the rule.

#include "ledger/entry_draft.h"

#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include "tests/ledger/test_drafts.h"

namespace creditnode::ledger {
namespace {

using nlohmann::json;
using testing::DishonestyJson;
using testing::TestOrgCode;
using testing::TestResidentId;
using testing::TestUscc;

const EntryRef kTarget{"wuhan.gov.example/credit", 4};

json Record() { return DishonestyJson(TestUscc(1), "武市监罚〔2024〕1号"); }

TEST(ValidateDraftTest, AcceptsARecordOfEachKind) {
  for (const char* kind : {"dishonesty", "commendation"}) {
    StatusOr<EntryDraft> d =
        ValidateDraft(testing::RecordJson(kind, TestUscc(1), "d"));
    ASSERT_TRUE(d.ok()) << kind << ": " << d.status().ToString();
    EXPECT_EQ(EntryKindName(d->kind), kind);
    ASSERT_TRUE(d->record.has_value());
    EXPECT_FALSE(d->target.has_value());
    EXPECT_EQ(d->record->doc_no, "d");
    EXPECT_EQ(d->record->list, kind == std::string("dishonesty")
                                   ? "market.serious_violation"
                                   : "tax.grade_a");
  }
}

TEST(ValidateDraftTest, AcceptsEveryLifecycleKind) {
  std::vector<json> drafts = {testing::RepairJson(kTarget),
                              testing::RevocationJson(kTarget),
                              testing::CorrectionJson(kTarget, Record()),
                              testing::ObjectionOpenedJson(kTarget),
                              testing::ObjectionClosedJson(kTarget)};
  for (const json& j : drafts) {
    StatusOr<EntryDraft> d = ValidateDraft(j);
    ASSERT_TRUE(d.ok()) << j["kind"] << ": " << d.status().ToString();
    ASSERT_TRUE(d->target.has_value());
    EXPECT_EQ(*d->target, kTarget);
    EXPECT_EQ(d->record.has_value(), d->kind == EntryKind::kCorrection);
  }
}

TEST(ValidateDraftTest, AcceptsEveryOptionalRecordField) {
  json j = testing::WithLegalRep(Record(), TestResidentId(2));
  j["facts"] = "2023年提交虚假材料取得许可。\n第二段。";
  j["remarks"] = "已整改";
  j["penalty"] = {{"class", "fine"},
                  {"content", "罚款五万元"},
                  {"fine_amount", "50000.00"},
                  {"confiscation_amount", "0"},
                  {"licence_action", "吊销营业执照"}};
  j["legal_basis"][0]["article"] = "第二条";
  j["decision"]["authority"]["uscc"] = TestUscc(99);
  j["subject"]["ids"].push_back(
      {{"scheme", "org_code"}, {"value", TestOrgCode(1)}});
  j["subject"]["ids"].push_back(
      {{"scheme", "passport"}, {"value", "E12345678"}});
  StatusOr<EntryDraft> d = ValidateDraft(j);
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  // Opaque schemes are kept in the body but not indexed.
  EXPECT_EQ(d->record->subject_ids.size(), 2u);
  EXPECT_EQ(d->body["subject"]["ids"].size(), 3u);
  EXPECT_EQ(d->record->associate_ids.size(), 1u);
}

TEST(ValidateDraftTest, NormalisesIdentifiersInTheBody) {
  std::string org = TestOrgCode(5);
  json j = Record();
  j["subject"]["ids"] = {
      {{"scheme", "org_code"}, {"value", org.substr(0, 8) + "-" + org[8]}}};
  StatusOr<EntryDraft> d = ValidateDraft(j);
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->body["subject"]["ids"][0]["value"], org);
  EXPECT_EQ(d->record->subject_ids[0].value, org);
}

TEST(ValidateDraftTest, DecisionDatesAreCheckedAgainstTheGivenToday) {
  CivilDate before = *CivilDate::Parse("2024-01-04");
  CivilDate on = *CivilDate::Parse("2024-01-05");
  EXPECT_EQ(ValidateDraftAt(Record(), before).status().message(),
            "decision.date: 2024-01-05 is in the future (today is 2024-01-04)");
  EXPECT_TRUE(ValidateDraftAt(Record(), on).ok());
}

TEST(ValidateDraftTest, NormalisesTheAuthoritysUscc) {
  json j = Record();
  std::string uscc = TestUscc(42);
  std::string lower = uscc;
  for (char& c : lower) c = static_cast<char>(std::tolower(c));
  j["decision"]["authority"]["uscc"] = " " + lower;
  StatusOr<EntryDraft> d = ValidateDraft(j);
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->body["decision"]["authority"]["uscc"], uscc);
  json repair = testing::RepairJson(kTarget);
  repair["decision"]["authority"]["uscc"] = lower;
  StatusOr<EntryDraft> r = ValidateDraft(repair);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->body["decision"]["authority"]["uscc"], uscc);
}

TEST(ValidateDraftTest, PublishMinUntilIsOptional) {
  json j = Record();
  j.erase("publish_min_until");
  StatusOr<EntryDraft> d = ValidateDraft(j);
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_FALSE(d->record->publish_min_until.has_value());
}

struct BadCase {
  const char* name;
  std::function<json()> draft;
  std::string message;  // exact
};

json With(json j, const json::json_pointer& at, json value) {
  j[at] = std::move(value);
  return j;
}
json Without(json j, const json::json_pointer& at) {
  j[at.parent_pointer()].erase(at.back());
  return j;
}

std::vector<BadCase> BadCases() {
  using P = json::json_pointer;
  return {
      {"not an object", [] { return json::array(); },
       "entry: must be an object"},
      {"kind missing", [] { return Without(Record(), P("/kind")); },
       "kind: required"},
      {"kind unknown", [] { return With(Record(), P("/kind"), "praise"); },
       "kind: unknown kind \"praise\""},
      {"kind not a string", [] { return With(Record(), P("/kind"), 1); },
       "kind: must be a string"},
      {"envelope origin", [] { return With(Record(), P("/origin"), "x"); },
       "origin: set by the node, must not be submitted"},
      {"envelope index", [] { return With(Record(), P("/index"), 3); },
       "index: set by the node, must not be submitted"},
      {"envelope v", [] { return With(Record(), P("/v"), 1); },
       "v: set by the node, must not be submitted"},
      {"envelope issued_at",
       [] { return With(Record(), P("/issued_at"), "x"); },
       "issued_at: set by the node, must not be submitted"},
      {"unknown top field", [] { return With(Record(), P("/foo"), 1); },
       "unknown field \"foo\""},
      {"unknown nested field",
       [] { return With(Record(), P("/subject/age"), 3); },
       "subject: unknown field \"age\""},
      {"subject missing", [] { return Without(Record(), P("/subject")); },
       "subject: required"},
      {"subject type unknown",
       [] { return With(Record(), P("/subject/type"), "firm"); },
       "subject.type: \"firm\" is not one of org, individual_business, "
       "natural_person"},
      {"subject name empty",
       [] { return With(Record(), P("/subject/name"), ""); },
       "subject.name: must not be empty"},
      {"subject ids empty",
       [] { return With(Record(), P("/subject/ids"), json::array()); },
       "subject.ids: must not be empty"},
      {"subject id bad check char",
       [] {
         std::string bad = TestUscc(1);
         bad[17] = bad[17] == '0' ? '1' : '0';
         return With(Record(), P("/subject/ids/0/value"), bad);
       },
       "subject.ids[0].value: uscc: check character mismatch"},
      {"subject id unknown scheme only",
       [] {
         return With(Record(), P("/subject/ids"),
                     json::array({{{"scheme", "passport"}, {"value", "E1"}}}));
       },
       "subject.ids: needs a uscc, org_code or resident_id to be found by"},
      {"subject id bad scheme name",
       [] { return With(Record(), P("/subject/ids/0/scheme"), "U"); },
       "subject.ids[0].scheme: must be lower-case [a-z0-9_], 2-32 chars"},
      {"associate role unknown",
       [] {
         json j = testing::WithLegalRep(Record(), TestResidentId(1));
         j["associates"][0]["role"] = "friend";
         return j;
       },
       "associates[0].role: \"friend\" is not one of legal_rep, principal, "
       "actual_controller, "
       "responsible_manager"},
      {"associate resident id birth date",
       [] {
         json j = testing::WithLegalRep(Record(), TestResidentId(1));
         std::string id = "42010619801332001";
         j["associates"][0]["ids"][0]["value"] = id + ResidentIdCheckChar(id);
         return j;
       },
       "associates[0].ids[0].value: resident_id: birth date invalid"},
      {"list syntax", [] { return With(Record(), P("/list"), "Market"); },
       "list: must be a dotted lower-case code, e.g. "
       "\"court.dishonest_debtor\""},
      {"severity missing", [] { return Without(Record(), P("/severity")); },
       "severity: required"},
      {"severity on commendation",
       [] {
         return With(testing::RecordJson("commendation", TestUscc(1), "d"),
                     P("/severity"), "minor");
       },
       "severity: only dishonesty records have one"},
      {"conduct missing", [] { return Without(Record(), P("/conduct")); },
       "conduct: required"},
      {"legal basis missing",
       [] { return Without(Record(), P("/legal_basis")); },
       "legal_basis: required"},
      {"legal basis empty",
       [] { return With(Record(), P("/legal_basis"), json::array()); },
       "legal_basis: must not be empty"},
      {"legal basis instrument missing",
       [] {
         return With(Record(), P("/legal_basis/0"), {{"article", "第二条"}});
       },
       "legal_basis[0].instrument: required"},
      {"decision missing", [] { return Without(Record(), P("/decision")); },
       "decision: required"},
      {"decision doc_no missing",
       [] { return Without(Record(), P("/decision/doc_no")); },
       "decision.doc_no: required"},
      {"decision authority missing",
       [] { return Without(Record(), P("/decision/authority")); },
       "decision.authority: required"},
      {"decision date malformed",
       [] { return With(Record(), P("/decision/date"), "2024/01/05"); },
       "decision.date: not a date YYYY-MM-DD (date: expected YYYY-MM-DD)"},
      {"decision in the future",
       [] { return With(Record(), P("/decision/date"), "2999-01-01"); },
       ""},  // checked by prefix below: the message names today's date
      {"effective before decision",
       [] { return With(Record(), P("/effective_from"), "2024-01-01"); },
       "effective_from: 2024-01-01 must not be before decision.date "
       "2024-01-05"},
      {"max before effective",
       [] {
         return Without(With(Record(), P("/publish_max_until"), "2024-01-09"),
                        P("/publish_min_until"));
       },
       "publish_max_until: 2024-01-09 must not be before effective_from "
       "2024-01-10"},
      {"min before effective",
       [] { return With(Record(), P("/publish_min_until"), "2024-01-09"); },
       "publish_min_until: 2024-01-09 must not be before effective_from "
       "2024-01-10"},
      {"max before min",
       [] { return With(Record(), P("/publish_max_until"), "2024-03-01"); },
       "publish_max_until: 2024-03-01 must not be before publish_min_until "
       "2024-04-10"},
      {"public not bool", [] { return With(Record(), P("/public"), "yes"); },
       "public: must be true or false"},
      {"public but scope narrower",
       [] { return With(Record(), P("/share_scope"), "federation"); },
       "share_scope: must be \"public\" when public is true"},
      {"penalty amount not decimal",
       [] {
         return With(Record(), P("/penalty"), {{"fine_amount", "5万"}});
       },
       "penalty.fine_amount: must be a decimal string in yuan, e.g. "
       "\"50000.00\""},
      {"control character",
       [] { return With(Record(), P("/conduct"), "a\x01"); },
       "conduct: control character"},
      {"target missing",
       [] { return Without(testing::RepairJson(kTarget), P("/target")); },
       "target: required"},
      {"target index negative",
       [] {
         return With(testing::RepairJson(kTarget), P("/target/index"), -1);
       },
       "target.index: must be a non-negative integer"},
      {"target origin invalid",
       [] {
         return With(testing::RepairJson(kTarget), P("/target/origin"), "A B");
       },
       "target.origin: character at byte 1 is not one of a-z 0-9 - . _ / :"},
      {"reason missing",
       [] { return Without(testing::RepairJson(kTarget), P("/reason")); },
       "reason: required"},
      {"lifecycle legal basis missing",
       [] {
         return Without(testing::RevocationJson(kTarget), P("/legal_basis"));
       },
       "legal_basis: required"},
      {"repair outcome unknown",
       [] {
         return With(testing::RepairJson(kTarget), P("/outcome"), "forgiven");
       },
       "outcome: \"forgiven\" is not one of stop_public_display, "
       "remove_from_list"},
      {"revocation cause missing",
       [] { return Without(testing::RevocationJson(kTarget), P("/cause")); },
       "cause: required"},
      {"repair with a revocation field",
       [] {
         return With(testing::RepairJson(kTarget), P("/cause"),
                     "decision_revoked");
       },
       "unknown field \"cause\""},
      {"objection due before decision",
       [] {
         return With(testing::ObjectionOpenedJson(kTarget), P("/due_date"),
                     "2024-01-01");
       },
       "due_date: 2024-01-01 must not be before decision.date 2024-01-05"},
      {"objection ground missing",
       [] {
         return Without(testing::ObjectionOpenedJson(kTarget), P("/ground"));
       },
       "ground: required"},
      {"objection closed outcome unknown",
       [] {
         return With(testing::ObjectionClosedJson(kTarget), P("/outcome"),
                     "maybe");
       },
       "outcome: \"maybe\" is not one of dismissed, upheld"},
      {"correction replacement missing",
       [] {
         return Without(testing::CorrectionJson(kTarget, Record()),
                        P("/replacement"));
       },
       "replacement: required"},
      {"correction replacement kind missing",
       [] {
         return Without(testing::CorrectionJson(kTarget, Record()),
                        P("/replacement/kind"));
       },
       "replacement.kind: required"},
      {"correction replacement is lifecycle",
       [] {
         return With(testing::CorrectionJson(kTarget, Record()),
                     P("/replacement/kind"), "repair");
       },
       "replacement.kind: \"repair\" is not one of dishonesty, commendation"},
      {"correction replacement field broken",
       [] {
         return Without(testing::CorrectionJson(kTarget, Record()),
                        P("/replacement/legal_basis"));
       },
       "replacement.legal_basis: required"},
      {"correction replacement unknown field",
       [] {
         return With(testing::CorrectionJson(kTarget, Record()),
                     P("/replacement/x"), 1);
       },
       "replacement: unknown field \"x\""},
  };
}

TEST(ValidateDraftTest, EachBrokenRuleIsInvalidArgumentNamingPathAndRule) {
  for (const BadCase& c : BadCases()) {
    StatusOr<EntryDraft> d = ValidateDraft(c.draft());
    ASSERT_FALSE(d.ok()) << c.name << " was accepted";
    EXPECT_EQ(d.status().code(), StatusCode::kInvalidArgument) << c.name;
    if (c.message.empty()) {
      EXPECT_EQ(d.status().message().rfind(
                    "decision.date: 2999-01-01 is in the future", 0),
                0u)
          << c.name << ": " << d.status().message();
    } else {
      EXPECT_EQ(d.status().message(), c.message) << c.name;
    }
  }
}

}  // namespace
}  // namespace creditnode::ledger
