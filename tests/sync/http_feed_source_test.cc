// Tests for sync/http_feed_source.h against the node's real HTTP server
// (api::Server over a real FeedStore, tests/api/feed_fixture.h) on
// 127.0.0.1 port 0: the feed list, entry pages with the auditor token,
// consistency proofs, the node's errors as statuses, and a whole
// AuditFeeds run over HTTP passing — then failing when the recorded state
// disagrees with what the node serves.
#include "sync/http_feed_source.h"

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "api/server.h"
#include "ledger/feed_auditor.h"
#include "ledger/merkle_proof.h"
#include "tests/api/feed_fixture.h"

namespace creditnode::sync {
namespace {

using api::testing::kAuditorToken;
using api::testing::kOrigin;
using namespace std::chrono_literals;

class HttpFeedSourceTest : public api::testing::FeedFixture {
 protected:
  void SetUp() override {
    FeedFixture::SetUp();
    api::ServerOptions options;
    options.port = 0;
    server_ = std::make_unique<api::Server>(router_.get(), std::move(options));
    StatusOr<uint16_t> port = server_->Start();
    ASSERT_TRUE(port.ok()) << port.status().ToString();
    url_ = "http://127.0.0.1:" + std::to_string(*port);
    client_ = Client(kAuditorToken);
    source_ = std::make_unique<HttpFeedSource>(client_.get());
  }
  void TearDown() override {
    source_.reset();
    client_.reset();
    if (server_) server_->Stop(0ms);
  }

  std::unique_ptr<HttpClient> Client(const std::string& token) {
    StatusOr<std::unique_ptr<HttpClient>> c = HttpClient::New(url_, token);
    EXPECT_TRUE(c.ok()) << c.status().ToString();
    return c.ok() ? *std::move(c) : nullptr;
  }

  std::unique_ptr<api::Server> server_;
  std::string url_;
  std::unique_ptr<HttpClient> client_;
  std::unique_ptr<HttpFeedSource> source_;
};

TEST_F(HttpFeedSourceTest, ListFeedsGivesOriginKeyAndLatestCheckpoint) {
  PublishMany(3);
  const std::string note = PutCheckpoint(3);
  StatusOr<std::vector<ledger::SourceFeed>> feeds = source_->ListFeeds();
  ASSERT_TRUE(feeds.ok()) << feeds.status().ToString();
  ASSERT_EQ(feeds->size(), 1u);
  EXPECT_EQ((*feeds)[0].origin, kOrigin);
  EXPECT_EQ((*feeds)[0].verifier_key, verifier_key_);
  ASSERT_TRUE((*feeds)[0].checkpoint.has_value());
  EXPECT_EQ(*(*feeds)[0].checkpoint, note);
}

TEST_F(HttpFeedSourceTest, FeedBeforeItsFirstCheckpointHasNone) {
  StatusOr<std::vector<ledger::SourceFeed>> feeds = source_->ListFeeds();
  ASSERT_TRUE(feeds.ok()) << feeds.status().ToString();
  ASSERT_EQ(feeds->size(), 1u);
  EXPECT_FALSE((*feeds)[0].checkpoint.has_value());
}

TEST_F(HttpFeedSourceTest, ReadEntriesGivesTheExactStoredBytesAndSignatures) {
  PublishMany(5);
  std::vector<ledger::SourceEntry> page;
  StatusOr<size_t> n = source_->ReadEntries(kOrigin, 1, 4, &page);
  ASSERT_TRUE(n.ok()) << n.status().ToString();
  ASSERT_EQ(*n, 3u);
  for (uint64_t i = 1; i < 4; ++i) {
    StatusOr<ledger::StoredEntry> stored = store_->GetEntry({kOrigin, i});
    ASSERT_TRUE(stored.ok());
    EXPECT_EQ(page[i - 1].index, i);
    EXPECT_EQ(page[i - 1].bytes, stored->bytes);
    EXPECT_EQ(page[i - 1].signature, stored->signature);
  }
  // Past the end: nothing more.
  n = source_->ReadEntries(kOrigin, 5, 9, &page);
  ASSERT_TRUE(n.ok()) << n.status().ToString();
  EXPECT_EQ(*n, 0u);
}

TEST_F(HttpFeedSourceTest, ReadEntriesWithoutATokenIsUnauthenticated) {
  PublishMany(1);
  std::unique_ptr<HttpClient> anonymous = Client("");
  HttpFeedSource source(anonymous.get());
  std::vector<ledger::SourceEntry> page;
  StatusOr<size_t> n = source.ReadEntries(kOrigin, 0, 1, &page);
  ASSERT_FALSE(n.ok());
  EXPECT_EQ(n.status().code(), StatusCode::kUnauthenticated);
  EXPECT_NE(n.status().message().find("HTTP 401"), std::string::npos)
      << n.status().message();
}

TEST_F(HttpFeedSourceTest, UnknownFeedIsNotFound) {
  std::vector<ledger::SourceEntry> page;
  StatusOr<size_t> n =
      source_->ReadEntries("wuhan.gov.example/none", 0, 1, &page);
  ASSERT_FALSE(n.ok());
  EXPECT_EQ(n.status().code(), StatusCode::kNotFound);
}

TEST_F(HttpFeedSourceTest, ConsistencyProofVerifiesBetweenTwoRoots) {
  PublishMany(7);
  StatusOr<std::optional<std::vector<ledger::Hash>>> proof =
      source_->ConsistencyProof(kOrigin, 3, 7);
  ASSERT_TRUE(proof.ok()) << proof.status().ToString();
  ASSERT_TRUE(proof->has_value());
  EXPECT_TRUE(ledger::VerifyConsistency(3, 7, Root(3), Root(7), **proof).ok());
}

TEST_F(HttpFeedSourceTest, WholeAuditOverHttpPassesThenCatchesARewrite) {
  PublishMany(30);
  PutCheckpoint(30);
  ledger::AuditOptions options;
  options.page_entries = 7;  // several pages
  options.expected_origins = {kOrigin};
  ledger::AuditState state;
  StatusOr<std::vector<ledger::FeedAuditResult>> results =
      ledger::AuditFeeds(source_.get(), state, options, nullptr);
  ASSERT_TRUE(results.ok()) << results.status().ToString();
  ASSERT_EQ(results->size(), 1u);
  ASSERT_TRUE((*results)[0].passed()) << (*results)[0].failures[0].ToString();
  EXPECT_EQ((*results)[0].entries_verified, 30u);

  // Grown by 5 and checked against the record, with the node's proof.
  state[kOrigin] = (*results)[0].checked;
  PublishMany(5);
  PutCheckpoint(35);
  results = ledger::AuditFeeds(source_.get(), state, options, nullptr);
  ASSERT_TRUE(results.ok()) << results.status().ToString();
  EXPECT_TRUE((*results)[0].passed()) << (*results)[0].failures[0].ToString();

  // A record of size 30 with another root: the node's history differs.
  state[kOrigin].root[0] ^= 1;
  results = ledger::AuditFeeds(source_.get(), state, options, nullptr);
  ASSERT_TRUE(results.ok()) << results.status().ToString();
  const ledger::FeedAuditResult& r = (*results)[0];
  std::string all;
  for (const ledger::AuditFailure& f : r.failures) all += f.ToString() + "\n";
  ASSERT_EQ(r.failures.size(), 2u) << all;
  EXPECT_EQ(r.failures[1].ToString(),
            "feed wuhan.gov.example/market: the first 30 entries no longer "
            "give the root seen last time (history was rewritten)")
      << all;
  EXPECT_EQ(r.failures[0].ToString().rfind(
                "feed wuhan.gov.example/market: the source's consistency "
                "proof from size 30 to 35 does not verify: ",
                0),
            0u)
      << all;
}

TEST(EncodePathSegmentTest, EscapesEverythingButUnreservedCharacters) {
  EXPECT_EQ(EncodePathSegment("wuhan.gov.example/tax"),
            "wuhan.gov.example%2Ftax");
  EXPECT_EQ(EncodePathSegment("a:b_c~d-e"), "a%3Ab_c~d-e");
}

}  // namespace
}  // namespace creditnode::sync
