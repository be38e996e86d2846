// Tests for api/feed_handler.h through the Router over a real FeedStore:
// GET /v1/feeds, the checkpoint (byte-exact signed note as text/plain, also
// at tlog/checkpoint), pages of entries (token required, bounds, every bad
// parameter), and the origin as one percent-encoded path segment.
#include "api/feed_handler.h"

#include <gtest/gtest.h>

#include "crypto/entry_signature.h"
#include "tests/api/feed_fixture.h"

namespace creditnode::api {
namespace {

using testing::FeedFixture;
using testing::kAuditorToken;
using testing::kOrigin;
using testing::kPeerToken;
using testing::kPublisherToken;
using testing::kUnknownToken;

class FeedHandlerTest : public FeedFixture {};

TEST_F(FeedHandlerTest, ListShowsTheFeedWithNullCheckpointBeforeTheFirst) {
  PublishMany(3);
  Response r = Handle(Get("/v1/feeds"));
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Body(r), nlohmann::json::parse(R"({"feeds":[{
      "origin":"wuhan.gov.example/market","verifier_key":")" +
                                           verifier_key_ + R"(",
      "size":3,"checkpoint_size":null,"checkpoint":null}]})"));
}

TEST_F(FeedHandlerTest, ListShowsTheLatestCheckpointNoteAndItsSize) {
  PublishMany(5);
  PutCheckpoint(2);
  const std::string note = PutCheckpoint(3);
  nlohmann::json feed = Body(Handle(Get("/v1/feeds")))["feeds"][0];
  EXPECT_EQ(feed["size"], 5);
  EXPECT_EQ(feed["checkpoint_size"], 3);
  EXPECT_EQ(feed["checkpoint"], note);
}

TEST_F(FeedHandlerTest, ListHasEveryFeedInOriginOrder) {
  const std::string other = "beijing.gov.example/tax";
  auto signer = crypto::Ed25519Signer::New(
      crypto::SecretBytes::Copy(std::string(32, '\x09')));
  CN_API_ASSERT_OK(signer);
  CN_API_ASSERT_OK(store_->AddFeed(
      other, crypto::FormatVerifierKey(other, (*signer)->PublicKey())));
  nlohmann::json feeds = Body(Handle(Get("/v1/feeds")))["feeds"];
  ASSERT_EQ(feeds.size(), 2u);
  EXPECT_EQ(feeds[0]["origin"], other);
  EXPECT_EQ(feeds[0]["size"], 0);
  EXPECT_EQ(feeds[1]["origin"], kOrigin);
}

TEST_F(FeedHandlerTest, CheckpointIsTheLatestNoteByteForByte) {
  PublishMany(4);
  PutCheckpoint(1);
  const std::string note = PutCheckpoint(4);
  Response r = Handle(Get(FeedPath("checkpoint")));
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.content_type, "text/plain; charset=utf-8");
  EXPECT_EQ(r.body, note);
  EXPECT_EQ(r.Header("Cache-Control"), "public, max-age=1");
}

TEST_F(FeedHandlerTest, TlogCheckpointIsTheSameNote) {
  PublishMany(2);
  const std::string note = PutCheckpoint(2);
  Response r = Handle(Get(FeedPath("tlog/checkpoint")));
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.content_type, "text/plain; charset=utf-8");
  EXPECT_EQ(r.body, note);
}

TEST_F(FeedHandlerTest, CheckpointBeforeTheFirstIs404Json) {
  PublishMany(1);
  ExpectError(Handle(Get(FeedPath("checkpoint"))), 404, "NOT_FOUND",
              "has no checkpoint yet");
  ExpectError(Handle(Get(FeedPath("tlog/checkpoint"))), 404, "NOT_FOUND",
              "has no checkpoint yet");
}

TEST_F(FeedHandlerTest, CheckpointOfUnknownFeedIs404Json) {
  ExpectError(Handle(Get("/v1/feeds/nowhere.example%2Fx/checkpoint")), 404,
              "NOT_FOUND", "nowhere.example/x");
}

TEST_F(FeedHandlerTest, OriginSlashMayBeEncodedInEitherCase) {
  PublishMany(1);
  const std::string note = PutCheckpoint(1);
  EXPECT_EQ(Handle(Get("/v1/feeds/wuhan.gov.example%2Fmarket/checkpoint")).body,
            note);
  EXPECT_EQ(Handle(Get("/v1/feeds/wuhan.gov.example%2fmarket/checkpoint")).body,
            note);
}

TEST_F(FeedHandlerTest, UnencodedSlashInOriginIsNoRoute) {
  ExpectError(Handle(Get("/v1/feeds/wuhan.gov.example/market/checkpoint")), 404,
              "NOT_FOUND", "no route for path");
}

TEST_F(FeedHandlerTest, BadOriginSegmentIs400) {
  ExpectError(Handle(Get("/v1/feeds//checkpoint")), 400, "INVALID_ARGUMENT",
              "origin: empty");
  ExpectError(Handle(Get("/v1/feeds/a%2/checkpoint")), 400, "INVALID_ARGUMENT",
              "origin: percent-encoding");
}

TEST_F(FeedHandlerTest, EntriesReturnsExactBytesAndVerifyingSignatures) {
  PublishMany(3);
  Response r = Handle(Get(FeedPath("entries?start=0&end=3"), kAuditorToken));
  ASSERT_EQ(r.status, 200) << r.body;
  nlohmann::json entries = Body(r)["entries"];
  ASSERT_EQ(entries.size(), 3u);
  auto verifier = crypto::Ed25519Verifier::New(signer_->PublicKey());
  CN_API_ASSERT_OK(verifier);
  for (uint64_t i = 0; i < 3; ++i) {
    const nlohmann::json& e = entries[i];
    EXPECT_EQ(e.size(), 3u) << e.dump();
    EXPECT_EQ(e["index"], i);
    StatusOr<std::string> bytes = Base64Decode(e["bytes"].get<std::string>());
    StatusOr<std::string> sig = Base64Decode(e["signature"].get<std::string>());
    CN_API_ASSERT_OK(bytes);
    CN_API_ASSERT_OK(sig);
    auto stored = store_->GetEntry({kOrigin, i});
    CN_API_ASSERT_OK(stored);
    EXPECT_EQ(*bytes, stored->bytes);
    EXPECT_TRUE(crypto::VerifyEntrySignature(**verifier, *sig, *bytes).ok());
  }
}

TEST_F(FeedHandlerTest, EntriesAreServedToPublisherAuditorAndPeerTokens) {
  PublishMany(1);
  for (const char* token : {kPublisherToken, kAuditorToken, kPeerToken}) {
    Response r = Handle(Get(FeedPath("entries?start=0&end=1"), token));
    EXPECT_EQ(r.status, 200) << token << ": " << r.body;
    EXPECT_EQ(Body(r)["entries"].size(), 1u);
  }
}

TEST_F(FeedHandlerTest, EntriesWithoutValidTokenIs401BeforeAnyOtherCheck) {
  PublishMany(1);
  for (const std::string& target :
       {FeedPath("entries?start=0&end=1"), FeedPath("entries?start=x"),
        std::string("/v1/feeds/unknown/entries?start=0&end=1")}) {
    Response none = Handle(Get(target));
    ExpectError(none, 401, "UNAUTHENTICATED", "missing bearer token");
    EXPECT_EQ(none.Header("WWW-Authenticate"), "Bearer");
    ExpectError(Handle(Get(target, kUnknownToken)), 401, "UNAUTHENTICATED",
                "unknown token");
  }
}

TEST_F(FeedHandlerTest, EntriesStopAtTheFeedsEnd) {
  PublishMany(5);
  nlohmann::json j =
      Body(Handle(Get(FeedPath("entries?start=3&end=100"), kPeerToken)));
  ASSERT_EQ(j["entries"].size(), 2u);
  EXPECT_EQ(j["entries"][0]["index"], 3);
  EXPECT_EQ(j["entries"][1]["index"], 4);
}

TEST_F(FeedHandlerTest, EntriesAtOrPastTheEndAndEmptyRangesAreEmptyLists) {
  PublishMany(2);
  for (const char* query :
       {"start=2&end=5", "start=9&end=9", "start=1&end=1", "start=0&end=0"}) {
    Response r =
        Handle(Get(FeedPath(std::string("entries?") + query), kAuditorToken));
    EXPECT_EQ(r.status, 200) << query << ": " << r.body;
    EXPECT_EQ(Body(r), nlohmann::json::parse(R"({"entries":[]})")) << query;
  }
}

TEST_F(FeedHandlerTest, EntriesPageHoldsAtMostTheLimit) {
  PublishMany(FeedHandler::kMaxPageEntries + 1);
  nlohmann::json j = Body(Handle(
      Get(FeedPath("entries?start=0&end=18446744073709551615"), kPeerToken)));
  ASSERT_EQ(j["entries"].size(), FeedHandler::kMaxPageEntries);
  EXPECT_EQ(j["entries"].back()["index"], FeedHandler::kMaxPageEntries - 1);
  nlohmann::json rest =
      Body(Handle(Get(FeedPath("entries?start=1000&end=2000"), kPeerToken)));
  ASSERT_EQ(rest["entries"].size(), 1u);
  EXPECT_EQ(rest["entries"][0]["index"], 1000);
}

TEST_F(FeedHandlerTest, EntriesOfUnknownFeedIs404) {
  ExpectError(Handle(Get("/v1/feeds/nowhere.example%2Fx/entries?start=0&end=1",
                         kAuditorToken)),
              404, "NOT_FOUND", "nowhere.example/x");
}

TEST_F(FeedHandlerTest, EntriesWithBadParametersIs400NamingTheRule) {
  PublishMany(1);
  const std::pair<const char*, const char*> kCases[] = {
      {"", "query: parameter \"start\" required"},
      {"start=0", "query: parameter \"end\" required"},
      {"end=1", "query: parameter \"start\" required"},
      {"start=&end=1", "start: empty"},
      {"start=%2B1&end=2", "start: must be a decimal number"},
      {"start=-1&end=2", "start: must be a decimal number"},
      {"start=1x&end=2", "start: must be a decimal number"},
      {"start=0&end=01", "end: leading zeros not allowed"},
      {"start=0&end=18446744073709551616", "end: out of range"},
      {"start=2&end=1", "start 2 is above end 1"},
      {"start=0&end=1&limit=5", "query: unknown parameter \"limit\""},
      {"start=0&start=1&end=2", "given twice"},
  };
  for (const auto& [query, message] : kCases) {
    Response r =
        Handle(Get(FeedPath(std::string("entries?") + query), kAuditorToken));
    SCOPED_TRACE(query);
    ExpectError(r, 400, "INVALID_ARGUMENT", message);
  }
}

}  // namespace
}  // namespace creditnode::api
