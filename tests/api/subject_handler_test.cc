// Tests for GET /v1/subjects/{id} (api/subject_handler.h) through the
// Router over a real FeedStore and FeedWriter: lookups by USCC, by the
// organization code inside it and by resident ID; the public view (D8:
// only public records about organisations, matched as subject, active or
// under objection, resident IDs masked everywhere) against the full view;
// as_of; scheme; and each invalid input with the rule that failed.
#include "api/subject_handler.h"

#include <gtest/gtest.h>

#include "api/uri.h"
#include "ledger/subject_id.h"
#include "tests/api/api_fixture.h"

namespace creditnode::api {
namespace {

using ledger::testing::DishonestyJson;
using ledger::testing::RepairJson;
using ledger::testing::TestOrgCode;
using ledger::testing::TestResidentId;
using ledger::testing::TestUscc;
using ledger::testing::WithLegalRep;
using testing::ApiFixture;
using testing::kAuditorToken;
using testing::kOrigin;
using testing::kPublisherToken;
using testing::kUnknownToken;

// A record about a natural person identified by `resident_id`.
nlohmann::json PersonRecordJson(const std::string& resident_id,
                                const std::string& doc_no) {
  nlohmann::json d = DishonestyJson(TestUscc(99), doc_no);
  d["subject"] = {
      {"type", "natural_person"},
      {"name", "李四"},
      {"ids", {{{"scheme", "resident_id"}, {"value", resident_id}}}}};
  return d;
}

class SubjectHandlerTest : public ApiFixture {
 protected:
  nlohmann::json Lookup(const std::string& id_and_query,
                        std::string_view token = {}) {
    Response r = Handle(Get("/v1/subjects/" + id_and_query, token));
    EXPECT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.content_type, "application/json; charset=utf-8");
    return Body(r);
  }
};

TEST_F(SubjectHandlerTest, NothingFiledGivesAnEmptyList) {
  nlohmann::json j = Lookup(TestUscc(1));
  EXPECT_EQ(j["view"], "public");
  EXPECT_EQ(j["as_of"], "2024-06-15");
  EXPECT_EQ(j["entries"], nlohmann::json::array());
  EXPECT_EQ(j["subject"]["query"], TestUscc(1));
  EXPECT_EQ(
      j["subject"]["ids"],
      nlohmann::json::array({{{"scheme", "uscc"}, {"value", TestUscc(1)}}}));
  EXPECT_EQ(j["subject"]["org_code"], TestOrgCode(1));
}

TEST_F(SubjectHandlerTest, PublishedRecordIsFoundByItsUscc) {
  MustPublish(DishonestyJson(TestUscc(1), "D1"));
  nlohmann::json j = Lookup(TestUscc(1));
  ASSERT_EQ(j["entries"].size(), 1u) << j.dump();
  const nlohmann::json& e = j["entries"][0];
  EXPECT_EQ(e["origin"], kOrigin);
  EXPECT_EQ(e["index"], 0);
  EXPECT_EQ(e["kind"], "dishonesty");
  EXPECT_EQ(e["issued_at"], "2024-06-15T12:00:00Z");
  EXPECT_EQ(e["match"], "subject");
  EXPECT_EQ(e["status"], "active");
  EXPECT_FALSE(e.contains("status_by"));
  EXPECT_EQ(e["entry"]["decision"]["doc_no"], "D1");
}

TEST_F(SubjectHandlerTest, RecordFiledUnderUsccIsFoundByItsOrgCode) {
  MustPublish(DishonestyJson(TestUscc(1), "D1"));
  nlohmann::json j = Lookup(TestOrgCode(1));
  ASSERT_EQ(j["entries"].size(), 1u) << j.dump();
  EXPECT_EQ(j["subject"]["ids"][0]["scheme"], "org_code");
  EXPECT_EQ(j["subject"]["org_code"], TestOrgCode(1));
}

TEST_F(SubjectHandlerTest, RecordFiledUnderOrgCodeIsFoundByTheUscc) {
  nlohmann::json draft = DishonestyJson(TestUscc(1), "D1");
  draft["subject"]["ids"] = {
      {{"scheme", "org_code"}, {"value", TestOrgCode(1)}}};
  MustPublish(draft);
  nlohmann::json j = Lookup(TestUscc(1));
  ASSERT_EQ(j["entries"].size(), 1u) << j.dump();
  EXPECT_EQ(j["entries"][0]["entry"]["subject"]["ids"][0]["value"],
            TestOrgCode(1));
}

TEST_F(SubjectHandlerTest, EntriesAreNewestFirst) {
  MustPublish(DishonestyJson(TestUscc(1), "D1"));
  clock_.Advance(60LL * 1000000);
  MustPublish(DishonestyJson(TestUscc(1), "D2"));
  nlohmann::json j = Lookup(TestUscc(1));
  ASSERT_EQ(j["entries"].size(), 2u) << j.dump();
  EXPECT_EQ(j["entries"][0]["index"], 1);
  EXPECT_EQ(j["entries"][0]["issued_at"], "2024-06-15T12:01:00Z");
  EXPECT_EQ(j["entries"][1]["index"], 0);
}

TEST_F(SubjectHandlerTest, PageSizeSplitsTheEntriesAndTheTokenContinues) {
  for (int i = 0; i < 3; ++i) {
    MustPublish(DishonestyJson(TestUscc(1), "D" + std::to_string(i)));
    clock_.Advance(60LL * 1000000);
  }
  nlohmann::json first = Lookup(TestUscc(1) + "?page_size=2");
  ASSERT_EQ(first["entries"].size(), 2u) << first.dump();
  EXPECT_EQ(first["entries"][0]["index"], 2);
  EXPECT_EQ(first["entries"][1]["index"], 1);
  ASSERT_TRUE(first.contains("next_page_token")) << first.dump();
  const std::string token = first["next_page_token"];
  nlohmann::json second =
      Lookup(TestUscc(1) + "?page_size=2&page_token=" + PercentEncode(token));
  ASSERT_EQ(second["entries"].size(), 1u) << second.dump();
  EXPECT_EQ(second["entries"][0]["index"], 0);
  EXPECT_FALSE(second.contains("next_page_token"));
  // Without page_size the default page holds them all.
  EXPECT_FALSE(Lookup(TestUscc(1)).contains("next_page_token"));
}

TEST_F(SubjectHandlerTest, ASubjectTooBigForAnIoThreadAsksForTheBlockingPool) {
  for (int i = 0; i < 3; ++i) {
    MustPublish(DishonestyJson(TestUscc(1), "D" + std::to_string(i)));
  }
  RouterDeps deps = Deps();
  deps.inline_match_limit = 2;
  Router router(deps);
  Request request = Get("/v1/subjects/" + TestUscc(1));
  Response inline_response = router.Handle(request);
  EXPECT_TRUE(inline_response.retry_on_blocking_pool);
  request.on_blocking_pool = true;
  Response pool_response = router.Handle(request);
  EXPECT_FALSE(pool_response.retry_on_blocking_pool);
  ASSERT_EQ(pool_response.status, 200) << pool_response.body;
  EXPECT_EQ(Body(pool_response)["entries"].size(), 3u);
  // Within the limit it is answered at once.
  EXPECT_FALSE(
      router.Handle(Get("/v1/subjects/" + TestUscc(2))).retry_on_blocking_pool);
}

TEST_F(SubjectHandlerTest, BadPageSizeOrTokenIs400) {
  ExpectError(Handle(Get("/v1/subjects/" + TestUscc(1) + "?page_size=0")), 400,
              "INVALID_ARGUMENT", "page_size: must be 1 to 1000");
  ExpectError(Handle(Get("/v1/subjects/" + TestUscc(1) + "?page_size=1001")),
              400, "INVALID_ARGUMENT", "page_size: must be 1 to 1000");
  ExpectError(Handle(Get("/v1/subjects/" + TestUscc(1) + "?page_size=ten")),
              400, "INVALID_ARGUMENT", "page_size: ");
  ExpectError(Handle(Get("/v1/subjects/" + TestUscc(1) + "?page_token=abc")),
              400, "INVALID_ARGUMENT", "page_token: malformed");
}

TEST_F(SubjectHandlerTest, OrgCodeWithHyphenAndLowerCaseIsNormalised) {
  MustPublish(DishonestyJson(TestUscc(1), "D1"));
  std::string code = TestOrgCode(1);
  std::string hyphenated = code.substr(0, 8) + "-" + code.substr(8);
  nlohmann::json j = Lookup(hyphenated);
  EXPECT_EQ(j["subject"]["query"], hyphenated);
  EXPECT_EQ(j["subject"]["ids"][0]["value"], code);
  EXPECT_EQ(j["entries"].size(), 1u);
}

TEST_F(SubjectHandlerTest, OtherSubjectsRecordsAreNotReturned) {
  MustPublish(DishonestyJson(TestUscc(1), "D1"));
  EXPECT_TRUE(Lookup(TestUscc(2))["entries"].empty());
}

TEST_F(SubjectHandlerTest, PublicViewHidesRecordsNotMarkedPublic) {
  nlohmann::json hidden = DishonestyJson(TestUscc(1), "D1");
  hidden["public"] = false;
  MustPublish(hidden);
  EXPECT_TRUE(Lookup(TestUscc(1))["entries"].empty());
  nlohmann::json full = Lookup(TestUscc(1), kAuditorToken);
  EXPECT_EQ(full["view"], "full");
  EXPECT_EQ(full["entries"].size(), 1u);
}

TEST_F(SubjectHandlerTest, PublicViewHidesRecordsAboutNaturalPersons) {
  const std::string person = TestResidentId(7);
  MustPublish(PersonRecordJson(person, "P1"));
  nlohmann::json pub = Lookup(person);
  EXPECT_TRUE(pub["entries"].empty()) << pub.dump();
  nlohmann::json full = Lookup(person, kAuditorToken);
  ASSERT_EQ(full["entries"].size(), 1u) << full.dump();
  EXPECT_EQ(full["entries"][0]["entry"]["subject"]["ids"][0]["value"], person);
}

TEST_F(SubjectHandlerTest, PublicViewMasksResidentIdsInsideEntries) {
  const std::string rep = TestResidentId(3);
  MustPublish(WithLegalRep(DishonestyJson(TestUscc(1), "D1"), rep));
  nlohmann::json pub = Lookup(TestUscc(1));
  ASSERT_EQ(pub["entries"].size(), 1u);
  const std::string masked = ledger::MaskResidentId(rep);
  EXPECT_EQ(masked.substr(0, 6), rep.substr(0, 6));
  EXPECT_EQ(pub["entries"][0]["entry"]["associates"][0]["ids"][0]["value"],
            masked);
  EXPECT_EQ(pub.dump().find(rep), std::string::npos) << pub.dump();

  nlohmann::json full = Lookup(TestUscc(1), kPublisherToken);
  EXPECT_EQ(full["entries"][0]["entry"]["associates"][0]["ids"][0]["value"],
            rep);
}

TEST_F(SubjectHandlerTest, ResidentIdQueryIsMaskedInThePublicView) {
  const std::string rep = TestResidentId(3);
  MustPublish(WithLegalRep(DishonestyJson(TestUscc(1), "D1"), rep));
  nlohmann::json pub = Lookup(rep);
  const std::string masked = ledger::MaskResidentId(rep);
  EXPECT_EQ(pub["subject"]["query"], masked);
  EXPECT_EQ(
      pub["subject"]["ids"],
      nlohmann::json::array({{{"scheme", "resident_id"}, {"value", masked}}}));
  EXPECT_FALSE(pub["subject"].contains("org_code"));
  EXPECT_EQ(pub.dump().find(rep), std::string::npos) << pub.dump();
}

TEST_F(SubjectHandlerTest, AssociateMatchIsInTheFullViewOnly) {
  const std::string rep = TestResidentId(3);
  MustPublish(WithLegalRep(DishonestyJson(TestUscc(1), "D1"), rep));
  EXPECT_TRUE(Lookup(rep)["entries"].empty());
  nlohmann::json full = Lookup(rep, kAuditorToken);
  ASSERT_EQ(full["entries"].size(), 1u) << full.dump();
  EXPECT_EQ(full["entries"][0]["match"], "associate");
  EXPECT_EQ(full["subject"]["query"], rep);
}

TEST_F(SubjectHandlerTest, RepairedRecordShowsStatusByAndTheRepairInFullView) {
  MustPublish(DishonestyJson(TestUscc(1), "D1"));
  MustPublish(RepairJson({kOrigin, 0}));
  nlohmann::json full = Lookup(TestUscc(1), kAuditorToken);
  ASSERT_EQ(full["entries"].size(), 2u) << full.dump();
  bool saw_record = false;
  bool saw_repair = false;
  for (const nlohmann::json& e : full["entries"]) {
    if (e["kind"] == "dishonesty") {
      saw_record = true;
      EXPECT_EQ(e["status"], "repaired");
      EXPECT_EQ(e["status_by"],
                nlohmann::json({{"origin", kOrigin}, {"index", 1}}));
    } else {
      saw_repair = true;
      EXPECT_EQ(e["kind"], "repair");
      EXPECT_TRUE(e["status"].is_null());
    }
  }
  EXPECT_TRUE(saw_record && saw_repair);
  // Repaired is not shown publicly.
  EXPECT_TRUE(Lookup(TestUscc(1))["entries"].empty());
}

TEST_F(SubjectHandlerTest, PublicViewShowsARecordUnderObjection) {
  MustPublish(DishonestyJson(TestUscc(1), "D1"));
  MustPublish(ledger::testing::ObjectionOpenedJson({kOrigin, 0}));
  nlohmann::json pub = Lookup(TestUscc(1));
  ASSERT_EQ(pub["entries"].size(), 1u) << pub.dump();
  EXPECT_EQ(pub["entries"][0]["kind"], "dishonesty");
  EXPECT_EQ(pub["entries"][0]["status"], "under_objection");
  EXPECT_EQ(pub["entries"][0]["status_by"],
            nlohmann::json({{"origin", kOrigin}, {"index", 1}}));
}

TEST_F(SubjectHandlerTest, AsOfChangesTheDerivedStatus) {
  MustPublish(DishonestyJson(TestUscc(1), "D1"));  // shown until 2025-01-10
  nlohmann::json later =
      Lookup(TestUscc(1) + "?as_of=2025-02-01", kAuditorToken);
  EXPECT_EQ(later["as_of"], "2025-02-01");
  ASSERT_EQ(later["entries"].size(), 1u);
  EXPECT_EQ(later["entries"][0]["status"], "expired");
  EXPECT_TRUE(Lookup(TestUscc(1) + "?as_of=2025-02-01")["entries"].empty());
  // Before it was issued (2024-06-15) the log did not hold it yet.
  nlohmann::json before =
      Lookup(TestUscc(1) + "?as_of=2024-06-14", kAuditorToken);
  EXPECT_TRUE(before["entries"].empty());
}

TEST_F(SubjectHandlerTest, AsOfDefaultsToTheClocksUtcDate) {
  clock_.Set(ledger::testing::kTestNowMicros + 86400LL * 1000000);
  EXPECT_EQ(Lookup(TestUscc(1))["as_of"], "2024-06-16");
}

TEST_F(SubjectHandlerTest, MalformedAsOfIs400) {
  ExpectError(Handle(Get("/v1/subjects/" + TestUscc(1) + "?as_of=2024-13-01")),
              400, "INVALID_ARGUMENT", "as_of: ");
  ExpectError(Handle(Get("/v1/subjects/" + TestUscc(1) + "?as_of=20240101")),
              400, "INVALID_ARGUMENT", "as_of: ");
}

TEST_F(SubjectHandlerTest, SchemeForcesOneInterpretation) {
  nlohmann::json j = Lookup(TestUscc(1) + "?scheme=uscc");
  EXPECT_EQ(j["subject"]["ids"].size(), 1u);
  EXPECT_EQ(j["subject"]["ids"][0]["scheme"], "uscc");
  ExpectError(
      Handle(Get("/v1/subjects/" + TestUscc(1) + "?scheme=resident_id")), 400,
      "INVALID_ARGUMENT", "id: resident_id: ");
}

TEST_F(SubjectHandlerTest, InvalidIdIs400NamingTheRuleOfEachScheme) {
  std::string uscc = TestUscc(1);
  uscc.back() = uscc.back() == '0' ? '1' : '0';
  std::string code = TestOrgCode(1);
  code.back() = code.back() == '0' ? '1' : '0';
  std::string resident = TestResidentId(1);
  resident.back() = resident.back() == '0' ? '1' : '0';
  struct Case {
    std::string target;
    const char* message;
  };
  for (const Case& c : {
           Case{"12345", "id: length must be 9 or 18 (got 5)"},
           Case{uscc + "?scheme=uscc", "id: uscc: check character mismatch"},
           Case{code, "id: org_code: check character mismatch"},
           Case{code + "?scheme=org_code",
                "id: org_code: check character mismatch"},
           Case{resident + "?scheme=resident_id",
                "id: resident_id: check character mismatch"},
           Case{"?scheme=uscc", "id: uscc: empty"},
           Case{"%zz", "id: percent-encoding"},
       }) {
    ExpectError(Handle(Get("/v1/subjects/" + c.target)), 400,
                "INVALID_ARGUMENT", c.message);
  }
}

TEST_F(SubjectHandlerTest, ResidentIdBornInTheFutureIs400) {
  // 2030-01-01 is after the fake clock's date.
  std::string body = "42010620300101001";
  std::string id = body + ledger::ResidentIdCheckChar(body);
  ExpectError(Handle(Get("/v1/subjects/" + id + "?scheme=resident_id")), 400,
              "INVALID_ARGUMENT", "birth date in the future");
}

TEST_F(SubjectHandlerTest, UnknownSchemeOrParameterIs400) {
  ExpectError(Handle(Get("/v1/subjects/" + TestUscc(1) + "?scheme=passport")),
              400, "INVALID_ARGUMENT", "scheme: ");
  ExpectError(Handle(Get("/v1/subjects/" + TestUscc(1) + "?limit=5")), 400,
              "INVALID_ARGUMENT", "query: unknown parameter \"limit\"");
}

// A FeedReader that forwards to the store and counts LatestCheckpoint
// calls: a lookup reads each feed's latest checkpoint once.
class CountingReader final : public ledger::FeedReader {
 public:
  explicit CountingReader(const ledger::FeedReader* inner) : inner_(inner) {}
  StatusOr<ledger::StoredEntry> GetEntry(
      const ledger::EntryRef& ref) const override {
    return inner_->GetEntry(ref);
  }
  StatusOr<std::vector<ledger::FeedInfo>> ListFeeds() const override {
    return inner_->ListFeeds();
  }
  StatusOr<ledger::FeedInfo> GetFeed(std::string_view origin) const override {
    return inner_->GetFeed(origin);
  }
  StatusOr<ledger::SubjectRows> FindBySubjectKey(
      std::string_view key, size_t limit) const override {
    return inner_->FindBySubjectKey(key, limit);
  }
  StatusOr<std::vector<ledger::EntryRef>> FindActing(
      const ledger::EntryRef& target) const override {
    return inner_->FindActing(target);
  }
  StatusOr<std::vector<ledger::StoredEntry>> GetEntries(
      std::string_view origin, uint64_t start, uint64_t end) const override {
    return inner_->GetEntries(origin, start, end);
  }
  StatusOr<std::optional<ledger::StoredCheckpoint>> LatestCheckpoint(
      std::string_view origin) const override {
    ++latest_calls;
    return inner_->LatestCheckpoint(origin);
  }
  StatusOr<ledger::StoredCheckpoint> GetCheckpoint(
      std::string_view origin, uint64_t size) const override {
    return inner_->GetCheckpoint(origin, size);
  }
  StatusOr<std::string> GetTile(std::string_view origin, int level,
                                uint64_t index) const override {
    return inner_->GetTile(origin, level, index);
  }

  mutable int latest_calls = 0;

 private:
  const ledger::FeedReader* inner_;
};

TEST_F(SubjectHandlerTest, CheckpointSizeIsNullBeforeAnyCheckpoint) {
  MustPublish(DishonestyJson(TestUscc(1), "D1"));
  nlohmann::json e = Lookup(TestUscc(1))["entries"][0];
  ASSERT_TRUE(e.contains("checkpoint_size")) << e.dump();
  EXPECT_TRUE(e["checkpoint_size"].is_null()) << e.dump();
}

TEST_F(SubjectHandlerTest, CheckpointSizeIsSetOnlyForEntriesItCovers) {
  MustPublish(DishonestyJson(TestUscc(1), "D1"));
  clock_.Advance(60LL * 1000000);
  MustPublish(DishonestyJson(TestUscc(1), "D2"));
  CN_API_ASSERT_OK(store_->PutCheckpoint(kOrigin, 1, "note at 1\n"));
  nlohmann::json j = Lookup(TestUscc(1));
  ASSERT_EQ(j["entries"].size(), 2u) << j.dump();
  EXPECT_EQ(j["entries"][0]["index"], 1);
  EXPECT_TRUE(j["entries"][0]["checkpoint_size"].is_null()) << j.dump();
  EXPECT_EQ(j["entries"][1]["index"], 0);
  EXPECT_EQ(j["entries"][1]["checkpoint_size"], 1) << j.dump();

  CN_API_ASSERT_OK(store_->PutCheckpoint(kOrigin, 2, "note at 2\n"));
  nlohmann::json full = Lookup(TestUscc(1), kAuditorToken);
  EXPECT_EQ(full["entries"][0]["checkpoint_size"], 2) << full.dump();
  EXPECT_EQ(full["entries"][1]["checkpoint_size"], 2) << full.dump();
}

TEST_F(SubjectHandlerTest, CheckpointSizeIsPerFeedAndReadOncePerFeed) {
  constexpr char kOther[] = "hubei.gov.example/tax";
  ASSERT_NO_FATAL_FAILURE(
      PublishInOtherFeed(kOther, DishonestyJson(TestUscc(1), "T1")));
  MustPublish(DishonestyJson(TestUscc(1), "D1"));
  MustPublish(DishonestyJson(TestUscc(1), "D2"));
  CN_API_ASSERT_OK(store_->PutCheckpoint(kOrigin, 2, "note\n"));

  CountingReader reader(store_.get());
  RouterDeps deps = Deps();
  deps.reader = &reader;
  Router router(deps);
  Response r = router.Handle(Get("/v1/subjects/" + TestUscc(1)));
  ASSERT_EQ(r.status, 200) << r.body;
  nlohmann::json entries = Body(r)["entries"];
  ASSERT_EQ(entries.size(), 3u) << r.body;
  for (const nlohmann::json& e : entries) {
    if (e["origin"] == kOrigin) {
      EXPECT_EQ(e["checkpoint_size"], 2) << e.dump();
    } else {
      EXPECT_TRUE(e["checkpoint_size"].is_null()) << e.dump();
    }
  }
  EXPECT_EQ(reader.latest_calls, 2);
}

TEST_F(SubjectHandlerTest, InvalidTokenIs401RatherThanThePublicView) {
  ExpectError(Handle(Get("/v1/subjects/" + TestUscc(1), kUnknownToken)), 401,
              "UNAUTHENTICATED", "unknown token");
  Request req = Get("/v1/subjects/" + TestUscc(1));
  req.authorization = "Basic abc";
  ExpectError(Handle(req), 401, "UNAUTHENTICATED");
}

}  // namespace
}  // namespace creditnode::api
