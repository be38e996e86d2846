// Tests for the /v1/entries routes (api/entry_handler.h) through the
// Router over a real FeedStore and FeedWriter: publish one and a batch,
// read an entry back with its exact bytes and signature, and every bad
// input with its status and code. After each rejected publish the feed
// size and the exact bytes and signature of every stored entry are checked
// unchanged.
#include "api/entry_handler.h"

#include <gtest/gtest.h>

#include "crypto/ed25519.h"
#include "crypto/entry_signature.h"
#include "crypto/secret_bytes.h"
#include "crypto/verifier_key.h"
#include "ledger/feed_writer.h"
#include "tests/api/api_fixture.h"
#include "util/encoding.h"

namespace creditnode::api {
namespace {

using ledger::testing::DishonestyJson;
using ledger::testing::RepairJson;
using ledger::testing::TestUscc;
using testing::ApiFixture;
using testing::kAuditorToken;
using testing::kOrigin;
using testing::kPeerToken;
using testing::kPublisherToken;
using testing::kUnknownToken;

constexpr char kEncodedOrigin[] = "wuhan.gov.example%2Fmarket";

class EntryHandlerTest : public ApiFixture {
 protected:
  // `r` is an error and nothing stored changed since Snapshot() (an empty
  // feed if it was not called).
  void ExpectRejected(const Response& r, int status, std::string_view code,
                      std::string_view message_part = {}) {
    ExpectError(r, status, code, message_part);
    EXPECT_EQ(FeedSize(), size_before_);
    EXPECT_EQ(StoredEntries(), entries_before_);
  }
  void Snapshot() {
    size_before_ = FeedSize();
    entries_before_ = StoredEntries();
  }

  uint64_t size_before_ = 0;
  std::vector<std::string> entries_before_;
};

TEST_F(EntryHandlerTest, PublishReturns201WithRefIssuedAtAndLocation) {
  Response r =
      Handle(Post("/v1/entries", DishonestyJson(TestUscc(1), "D1").dump()));
  ASSERT_EQ(r.status, 201) << r.body;
  nlohmann::json j = Body(r);
  EXPECT_EQ(j["origin"], kOrigin);
  EXPECT_EQ(j["index"], 0);
  EXPECT_EQ(j["issued_at"], "2024-06-15T12:00:00Z");
  EXPECT_EQ(r.Header("Location"), "/v1/entries/wuhan.gov.example%2Fmarket/0");
  EXPECT_EQ(FeedSize(), 1u);
}

TEST_F(EntryHandlerTest, PublishReturnsTheStoredBytesAndAValidSignature) {
  Response r =
      Handle(Post("/v1/entries", DishonestyJson(TestUscc(1), "D1").dump()));
  ASSERT_EQ(r.status, 201) << r.body;
  nlohmann::json j = Body(r);
  StatusOr<ledger::StoredEntry> stored = store_->GetEntry({kOrigin, 0});
  CN_API_ASSERT_OK(stored);
  StatusOr<std::string> bytes = Base64Decode(j.value("bytes", ""));
  CN_API_ASSERT_OK(bytes);
  EXPECT_EQ(*bytes, stored->bytes);
  StatusOr<std::string> signature = Base64Decode(j.value("signature", ""));
  CN_API_ASSERT_OK(signature);
  EXPECT_EQ(*signature, stored->signature);
  auto verifier = crypto::Ed25519Verifier::New(signer_->PublicKey());
  CN_API_ASSERT_OK(verifier);
  EXPECT_TRUE(
      crypto::VerifyEntrySignature(**verifier, *signature, *bytes).ok());
}

TEST_F(EntryHandlerTest, PublishAssignsConsecutiveIndices) {
  EXPECT_EQ(MustPublish(DishonestyJson(TestUscc(1), "D1")), 0u);
  EXPECT_EQ(MustPublish(DishonestyJson(TestUscc(2), "D2")), 1u);
}

TEST_F(EntryHandlerTest, PublishWithoutTokenIs401) {
  Response r =
      Handle(Post("/v1/entries", DishonestyJson(TestUscc(1), "D1").dump(), ""));
  ExpectRejected(r, 401, "UNAUTHENTICATED", "missing bearer token");
  EXPECT_EQ(r.Header("WWW-Authenticate"), "Bearer");
}

TEST_F(EntryHandlerTest, PublishWithUnknownTokenIs401) {
  ExpectRejected(
      Handle(Post("/v1/entries", DishonestyJson(TestUscc(1), "D1").dump(),
                  kUnknownToken)),
      401, "UNAUTHENTICATED", "unknown token");
}

TEST_F(EntryHandlerTest, PublishWithMalformedAuthorizationIs401) {
  Request req = Post("/v1/entries", DishonestyJson(TestUscc(1), "D1").dump());
  req.authorization = std::string("Token ") + kPublisherToken;
  ExpectRejected(Handle(req), 401, "UNAUTHENTICATED",
                 "expected \"Bearer <token>\"");
}

TEST_F(EntryHandlerTest, PublishWithAuditorTokenIs403) {
  ExpectRejected(
      Handle(Post("/v1/entries", DishonestyJson(TestUscc(1), "D1").dump(),
                  kAuditorToken)),
      403, "PERMISSION_DENIED", "role auditor may not publish");
}

TEST_F(EntryHandlerTest, PublishOnNodeWithoutFeedIs503) {
  RouterDeps deps = Deps();
  deps.publisher = nullptr;
  Router router(deps);
  ExpectRejected(router.Handle(Post("/v1/entries",
                                    DishonestyJson(TestUscc(1), "D1").dump())),
                 503, "UNAVAILABLE", "no feed of its own");
  ExpectRejected(
      router.Handle(Post("/v1/entries/batch", R"({"entries":[{}]})")), 503,
      "UNAVAILABLE");
}

TEST_F(EntryHandlerTest, PublishWithOtherContentTypeIs415) {
  for (const char* type : {"", "text/plain", "application/jsonx",
                           "application/json; charset=latin1"}) {
    Request req = Post("/v1/entries", DishonestyJson(TestUscc(1), "D1").dump());
    req.content_type = type;
    ExpectRejected(Handle(req), 415, "INVALID_ARGUMENT",
                   "content-type: must be application/json");
  }
}

TEST_F(EntryHandlerTest, PublishAcceptsJsonMediaTypeInAnyCaseWithUtf8Charset) {
  Request req = Post("/v1/entries", DishonestyJson(TestUscc(1), "D1").dump());
  req.content_type = "Application/JSON ; Charset=\"UTF-8\"";
  EXPECT_EQ(Handle(req).status, 201);
}

TEST_F(EntryHandlerTest, PublishMalformedJsonIs400) {
  ExpectRejected(Handle(Post("/v1/entries", R"({"kind": "dishonesty",)")), 400,
                 "INVALID_ARGUMENT", "body: ");
}

TEST_F(EntryHandlerTest, PublishTooDeeplyNestedJsonIs400) {
  std::string body;
  for (int i = 0; i < 40; ++i) body += "{\"a\":";
  body += "1" + std::string(40, '}');
  ExpectRejected(Handle(Post("/v1/entries", body)), 400, "INVALID_ARGUMENT",
                 "body: json: ");
}

TEST_F(EntryHandlerTest, PublishInvalidUtf8Is400) {
  ExpectRejected(Handle(Post("/v1/entries", "{\"kind\":\"\xff\"}")), 400,
                 "INVALID_ARGUMENT", "body: json: ");
}

TEST_F(EntryHandlerTest, PublishNonObjectIs400) {
  ExpectRejected(Handle(Post("/v1/entries", "[1,2]")), 400, "INVALID_ARGUMENT",
                 "body: must be a JSON object");
}

TEST_F(EntryHandlerTest, PublishUnknownFieldIs400NamingIt) {
  nlohmann::json draft = DishonestyJson(TestUscc(1), "D1");
  draft["foo"] = 1;
  ExpectRejected(Handle(Post("/v1/entries", draft.dump())), 400,
                 "INVALID_ARGUMENT", "unknown field \"foo\"");
}

TEST_F(EntryHandlerTest, PublishUnknownKindIs400) {
  nlohmann::json draft = DishonestyJson(TestUscc(1), "D1");
  draft["kind"] = "blacklist";
  ExpectRejected(Handle(Post("/v1/entries", draft.dump())), 400,
                 "INVALID_ARGUMENT", "kind");
}

TEST_F(EntryHandlerTest, PublishWithoutLegalBasisIs400) {
  nlohmann::json draft = DishonestyJson(TestUscc(1), "D1");
  draft.erase("legal_basis");
  ExpectRejected(Handle(Post("/v1/entries", draft.dump())), 400,
                 "INVALID_ARGUMENT", "legal_basis: required");
}

TEST_F(EntryHandlerTest, PublishWithDatesOutOfOrderIs400NamingBoth) {
  nlohmann::json early_effect = DishonestyJson(TestUscc(1), "D1");
  early_effect["effective_from"] = "2024-01-04";  // decided 2024-01-05
  ExpectRejected(
      Handle(Post("/v1/entries", early_effect.dump())), 400, "INVALID_ARGUMENT",
      "effective_from: 2024-01-04 must not be before decision.date 2024-01-05");
  nlohmann::json early_end = DishonestyJson(TestUscc(1), "D1");
  early_end.erase("publish_min_until");
  early_end["publish_max_until"] = "2024-01-09";  // effective 2024-01-10
  ExpectRejected(Handle(Post("/v1/entries", early_end.dump())), 400,
                 "INVALID_ARGUMENT",
                 "publish_max_until: 2024-01-09 must not be before "
                 "effective_from 2024-01-10");
}

TEST_F(EntryHandlerTest, PublishInvalidUsccIs400NamingTheRule) {
  std::string uscc = TestUscc(1);
  uscc.back() = uscc.back() == '0' ? '1' : '0';
  ExpectRejected(Handle(Post("/v1/entries", DishonestyJson(uscc, "D1").dump())),
                 400, "INVALID_ARGUMENT", "uscc: check character mismatch");
}

TEST_F(EntryHandlerTest, PublishEnvelopeFieldIs400) {
  nlohmann::json draft = DishonestyJson(TestUscc(1), "D1");
  draft["origin"] = kOrigin;
  ExpectRejected(Handle(Post("/v1/entries", draft.dump())), 400,
                 "INVALID_ARGUMENT", "origin");
}

TEST_F(EntryHandlerTest, PublishSameDecisionAboutSameSubjectIs409) {
  MustPublish(DishonestyJson(TestUscc(1), "D1"));
  Snapshot();
  ExpectRejected(
      Handle(Post("/v1/entries", DishonestyJson(TestUscc(1), "D1").dump())),
      409, "ALREADY_EXISTS");
}

TEST_F(EntryHandlerTest, PublishLifecycleForMissingTargetIs409) {
  MustPublish(DishonestyJson(TestUscc(1), "D1"));
  Snapshot();
  ExpectRejected(Handle(Post("/v1/entries", RepairJson({kOrigin, 5}).dump())),
                 409, "FAILED_PRECONDITION", "does not exist");
}

TEST_F(EntryHandlerTest, PublishLifecycleForAnotherFeedsRecordIs403) {
  // A second feed in the same store, holding a real record at index 0.
  constexpr char kOther[] = "hubei.gov.example/tax";
  ASSERT_NO_FATAL_FAILURE(
      PublishInOtherFeed(kOther, DishonestyJson(TestUscc(2), "T1")));
  MustPublish(DishonestyJson(TestUscc(1), "D1"));
  Snapshot();

  ExpectRejected(Handle(Post("/v1/entries", RepairJson({kOther, 0}).dump())),
                 403, "PERMISSION_DENIED",
                 "belongs to feed " + std::string(kOther));
  auto other = store_->GetFeed(kOther);
  CN_API_ASSERT_OK(other);
  EXPECT_EQ(other->size, 1u);
}

TEST_F(EntryHandlerTest, RejectedBatchLeavesSubjectLookupsUnchanged) {
  nlohmann::json bad = RepairJson({kOrigin, 7});
  nlohmann::json body = {{"entries", {DishonestyJson(TestUscc(2), "D2"), bad}}};
  ExpectRejected(Handle(Post("/v1/entries/batch", body.dump())), 409,
                 "FAILED_PRECONDITION", "entries[1]");
  Response lookup = Handle(Get("/v1/subjects/" + TestUscc(2), kAuditorToken));
  ASSERT_EQ(lookup.status, 200) << lookup.body;
  EXPECT_EQ(Body(lookup)["entries"], nlohmann::json::array());
}

TEST_F(EntryHandlerTest, BatchPublishesAllInOrder) {
  nlohmann::json body = {
      {"entries",
       {DishonestyJson(TestUscc(1), "D1"), DishonestyJson(TestUscc(2), "D2"),
        RepairJson({kOrigin, 0})}}};
  Response r = Handle(Post("/v1/entries/batch", body.dump()));
  ASSERT_EQ(r.status, 201) << r.body;
  nlohmann::json j = Body(r);
  ASSERT_EQ(j["entries"].size(), 3u);
  for (uint64_t i = 0; i < 3; ++i) {
    StatusOr<ledger::StoredEntry> stored = store_->GetEntry({kOrigin, i});
    CN_API_ASSERT_OK(stored);
    EXPECT_EQ(j["entries"][i],
              nlohmann::json({{"origin", kOrigin},
                              {"index", i},
                              {"issued_at", "2024-06-15T12:00:00Z"},
                              {"bytes", Base64Encode(stored->bytes)},
                              {"signature", Base64Encode(stored->signature)}}));
  }
  EXPECT_EQ(FeedSize(), 3u);
}

TEST_F(EntryHandlerTest, BatchWithOneInvalidDraftPublishesNothingAndNamesIt) {
  nlohmann::json bad = DishonestyJson(TestUscc(2), "D2");
  bad.erase("legal_basis");
  nlohmann::json body = {{"entries", {DishonestyJson(TestUscc(1), "D1"), bad}}};
  ExpectRejected(Handle(Post("/v1/entries/batch", body.dump())), 400,
                 "INVALID_ARGUMENT", "entries[1]: legal_basis");
}

TEST_F(EntryHandlerTest, BatchConflictInsideTheBatchPublishesNothing) {
  nlohmann::json body = {
      {"entries",
       {DishonestyJson(TestUscc(1), "D1"), DishonestyJson(TestUscc(1), "D1")}}};
  ExpectRejected(Handle(Post("/v1/entries/batch", body.dump())), 409,
                 "ALREADY_EXISTS", "entries[1]");
}

TEST_F(EntryHandlerTest, BatchShapeErrorsAre400) {
  ExpectRejected(Handle(Post("/v1/entries/batch", R"({"entries":[]})")), 400,
                 "INVALID_ARGUMENT", "entries: must not be empty");
  ExpectRejected(Handle(Post("/v1/entries/batch", R"({})")), 400,
                 "INVALID_ARGUMENT", "entries: required");
  ExpectRejected(Handle(Post("/v1/entries/batch", R"({"entries":{}})")), 400,
                 "INVALID_ARGUMENT", "entries: must be an array");
  ExpectRejected(Handle(Post("/v1/entries/batch", R"({"entries":[{}],"x":1})")),
                 400, "INVALID_ARGUMENT", "unknown field \"x\"");
  ExpectRejected(Handle(Post("/v1/entries/batch", R"([])")), 400,
                 "INVALID_ARGUMENT", "body: must be a JSON object");
  ExpectRejected(Handle(Post("/v1/entries/batch", "{")), 400,
                 "INVALID_ARGUMENT");
}

TEST_F(EntryHandlerTest, BatchOverTenThousandEntriesIs413) {
  nlohmann::json entries = nlohmann::json::array();
  for (size_t i = 0; i <= EntryHandler::kMaxBatchEntries; ++i) {
    entries.push_back(nlohmann::json::object());
  }
  ExpectRejected(Handle(Post("/v1/entries/batch",
                             nlohmann::json({{"entries", entries}}).dump())),
                 413, "RESOURCE_EXHAUSTED",
                 "at most 10000 per batch (got 10001)");
}

TEST_F(EntryHandlerTest, BatchNeedsPublisherToken) {
  ExpectRejected(
      Handle(Post("/v1/entries/batch", R"({"entries":[{}]})", kAuditorToken)),
      403, "PERMISSION_DENIED");
  ExpectRejected(Handle(Post("/v1/entries/batch", R"({"entries":[{}]})", "")),
                 401, "UNAUTHENTICATED");
}

TEST_F(EntryHandlerTest, GetEntryReturnsExactSignedBytesAndParsedEntry) {
  MustPublish(DishonestyJson(TestUscc(1), "D1"));
  Response r = Handle(
      Get(std::string("/v1/entries/") + kEncodedOrigin + "/0", kAuditorToken));
  ASSERT_EQ(r.status, 200) << r.body;
  nlohmann::json j = Body(r);
  EXPECT_EQ(j["origin"], kOrigin);
  EXPECT_EQ(j["index"], 0);
  EXPECT_EQ(j["verifier_key"], verifier_key_);
  StatusOr<ledger::StoredEntry> stored = store_->GetEntry({kOrigin, 0});
  CN_API_ASSERT_OK(stored);
  EXPECT_EQ(*Base64Decode(j["bytes"].get<std::string>()), stored->bytes);
  StatusOr<std::string> signature =
      Base64Decode(j["signature"].get<std::string>());
  CN_API_ASSERT_OK(signature);
  auto verifier = crypto::Ed25519Verifier::New(signer_->PublicKey());
  CN_API_ASSERT_OK(verifier);
  EXPECT_TRUE(
      crypto::VerifyEntrySignature(**verifier, *signature, stored->bytes).ok());
  EXPECT_EQ(j["entry"], nlohmann::json::parse(stored->bytes));
  EXPECT_EQ(j["entry"]["decision"]["doc_no"], "D1");
}

TEST_F(EntryHandlerTest, GetEntryAcceptsAnUnencodedSlashInTheOrigin) {
  MustPublish(DishonestyJson(TestUscc(1), "D1"));
  Response r = Handle(
      Get(std::string("/v1/entries/") + kOrigin + "/0", kPublisherToken));
  EXPECT_EQ(r.status, 200) << r.body;
}

TEST_F(EntryHandlerTest, GetEntryNeedsAValidToken) {
  MustPublish(DishonestyJson(TestUscc(1), "D1"));
  const std::string target =
      std::string("/v1/entries/") + kEncodedOrigin + "/0";
  ExpectError(Handle(Get(target)), 401, "UNAUTHENTICATED",
              "missing bearer token");
  ExpectError(Handle(Get(target, kUnknownToken)), 401, "UNAUTHENTICATED",
              "unknown token");
}

TEST_F(EntryHandlerTest, GetEntryIsServedToAPeerToken) {
  MustPublish(DishonestyJson(TestUscc(1), "D1"));
  Response r = Handle(
      Get(std::string("/v1/entries/") + kEncodedOrigin + "/0", kPeerToken));
  EXPECT_EQ(r.status, 200) << r.body;
}

TEST_F(EntryHandlerTest, PeerTokenMayNotPublish) {
  ExpectRejected(
      Handle(Post("/v1/entries", DishonestyJson(TestUscc(1), "D1").dump(),
                  kPeerToken)),
      403, "PERMISSION_DENIED", "role peer may not publish");
}

TEST_F(EntryHandlerTest, GetEntryOfUnknownFeedIs404) {
  ExpectError(
      Handle(Get("/v1/entries/other.gov.example%2Ftax/0", kAuditorToken)), 404,
      "NOT_FOUND");
}

TEST_F(EntryHandlerTest, GetEntryPastTheFeedEndIs404) {
  MustPublish(DishonestyJson(TestUscc(1), "D1"));
  const std::string base = std::string("/v1/entries/") + kEncodedOrigin + "/";
  ExpectError(Handle(Get(base + "1", kAuditorToken)), 404, "NOT_FOUND",
              "has 1 entries");
  ExpectError(Handle(Get(base + "18446744073709551615", kAuditorToken)), 404,
              "NOT_FOUND");
}

TEST_F(EntryHandlerTest, GetEntryWithMalformedIndexIs400) {
  const std::string base = std::string("/v1/entries/") + kEncodedOrigin + "/";
  struct Case {
    const char* index;
    const char* message;
  };
  for (const Case& c : {Case{"abc", "index: must be a decimal number"},
                        Case{"-1", "index: must be a decimal number"},
                        Case{"%2B1", "index: must be a decimal number"},
                        Case{"1.5", "index: must be a decimal number"},
                        Case{"01", "index: leading zeros not allowed"},
                        Case{"18446744073709551616", "index: out of range"},
                        Case{"99999999999999999999999", "index: out of range"},
                        Case{"%zz", "index: percent-encoding"}}) {
    ExpectError(Handle(Get(base + c.index, kAuditorToken)), 400,
                "INVALID_ARGUMENT", c.message);
  }
}

TEST_F(EntryHandlerTest, GetEntryWithEmptyOrMalformedOriginIs400) {
  ExpectError(Handle(Get("/v1/entries//0", kAuditorToken)), 400,
              "INVALID_ARGUMENT", "origin: empty");
  ExpectError(Handle(Get("/v1/entries/a%2/0", kAuditorToken)), 400,
              "INVALID_ARGUMENT", "origin: percent-encoding");
}

}  // namespace
}  // namespace creditnode::api
