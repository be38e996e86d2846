// HTTP integration tests of the /v1/feeds routes: the real Server on
// 127.0.0.1 port 0 over the real Router and FeedStore, driven by the Beast
// test client. What only the wire shows: the checkpoint's exact bytes and
// Content-Type, binary tile bodies with their Cache-Control, an origin
// sent as %2F through a real request line, 401 with WWW-Authenticate for
// entry bundles, and an auditor paging entries and checking a proof the
// way the auditor component will.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "api/server.h"
#include "ledger/merkle_proof.h"
#include "tests/api/feed_fixture.h"
#include "tests/api/http_test_client.h"

namespace creditnode::api {
namespace {

using testing::Bearer;
using testing::ClientResponse;
using testing::FeedFixture;
using testing::HttpTestClient;
using testing::kAuditorToken;
using testing::kOrigin;
using testing::kPeerToken;
using namespace std::chrono_literals;

class FeedHttpTest : public FeedFixture {
 protected:
  void SetUp() override {
    FeedFixture::SetUp();
    ServerOptions options;
    options.host = "127.0.0.1";
    options.port = 0;
    options.log = [](std::string_view line) { ADD_FAILURE() << line; };
    server_ = std::make_unique<Server>(router_.get(), std::move(options));
    StatusOr<uint16_t> port = server_->Start();
    CN_API_ASSERT_OK(port);
    client_ = HttpTestClient::Connect(*port);
    ASSERT_TRUE(client_);
  }

  void TearDown() override {
    client_.reset();
    if (server_) server_->Stop(0ms);
  }

  ClientResponse Fetch(const std::string& target, std::string_view token = {}) {
    std::vector<std::pair<std::string, std::string>> headers;
    if (!token.empty()) headers.emplace_back("Authorization", Bearer(token));
    EXPECT_TRUE(client_->Send("GET", target, {}, headers));
    std::optional<ClientResponse> r = client_->Read();
    EXPECT_TRUE(r.has_value()) << target;
    return r.value_or(ClientResponse{});
  }

  std::unique_ptr<Server> server_;
  std::unique_ptr<HttpTestClient> client_;
};

TEST_F(FeedHttpTest, CheckpointArrivesByteForByteAsPlainText) {
  PublishMany(3);
  const std::string note = PutCheckpoint(3);
  ClientResponse r =
      Fetch("/v1/feeds/wuhan.gov.example%2Fmarket/tlog/checkpoint");
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Header("Content-Type"), "text/plain; charset=utf-8");
  EXPECT_EQ(r.Header("Cache-Control"), "public, max-age=1");
  EXPECT_EQ(r.body, note);
}

TEST_F(FeedHttpTest, FeedListIsJsonWithTheNote) {
  PublishMany(2);
  const std::string note = PutCheckpoint(2);
  ClientResponse r = Fetch("/v1/feeds");
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Header("Content-Type"), "application/json; charset=utf-8");
  nlohmann::json j = nlohmann::json::parse(r.body, nullptr, false);
  ASSERT_TRUE(j.is_object()) << r.body;
  EXPECT_EQ(j["feeds"][0]["checkpoint"], note);
  EXPECT_EQ(j["feeds"][0]["checkpoint_size"], 2);
}

TEST_F(FeedHttpTest, TileArrivesAsBinaryWithItsCacheHeader) {
  PublishMany(2);
  ClientResponse r = Fetch(FeedPath("tlog/tile/0/000.p/2"));
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Header("Content-Type"), "application/octet-stream");
  EXPECT_EQ(r.Header("Cache-Control"), "public, max-age=60");
  ASSERT_EQ(r.body.size(), 64u);
  auto first = store_->GetEntry({kOrigin, 0});
  CN_API_ASSERT_OK(first);
  EXPECT_EQ(r.body.substr(0, 32),
            crypto::DigestBytes(ledger::LeafHash(first->bytes)));
}

TEST_F(FeedHttpTest, EntryBundleWithoutTokenIs401WithChallenge) {
  PublishMany(1);
  ClientResponse r = Fetch(FeedPath("tlog/tile/entries/000.p/1"));
  EXPECT_EQ(r.status, 401) << r.body;
  EXPECT_EQ(r.Header("WWW-Authenticate"), "Bearer");
  EXPECT_TRUE(r.keep_alive);
  ClientResponse ok = Fetch(FeedPath("tlog/tile/entries/000.p/1"), kPeerToken);
  EXPECT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(ok.Header("Cache-Control"), "private, max-age=60");
}

TEST_F(FeedHttpTest, AuditorPagesEntriesAndChecksAnInclusionProof) {
  PublishMany(6);
  PutCheckpoint(6);
  ClientResponse page = Fetch(FeedPath("entries?start=4&end=6"), kAuditorToken);
  ASSERT_EQ(page.status, 200) << page.body;
  nlohmann::json entries =
      nlohmann::json::parse(page.body, nullptr, false)["entries"];
  ASSERT_EQ(entries.size(), 2u) << page.body;
  StatusOr<std::string> bytes =
      Base64Decode(entries[1]["bytes"].get<std::string>());
  CN_API_ASSERT_OK(bytes);

  ClientResponse proof = Fetch(FeedPath("proof/inclusion?index=5&size=6"));
  ASSERT_EQ(proof.status, 200) << proof.body;
  std::vector<ledger::Hash> hashes;
  // Kept in a variable: a range-for over a member of a temporary would
  // dangle.
  nlohmann::json proof_json = nlohmann::json::parse(proof.body, nullptr, false);
  for (const nlohmann::json& h : proof_json["proof"]) {
    StatusOr<std::string> raw = Base64Decode(h.get<std::string>());
    CN_API_ASSERT_OK(raw);
    ASSERT_EQ(raw->size(), 32u);
    ledger::Hash hash{};
    std::copy(raw->begin(), raw->end(), hash.begin());
    hashes.push_back(hash);
  }
  EXPECT_TRUE(
      ledger::VerifyInclusion(5, 6, ledger::LeafHash(*bytes), hashes, Root(6))
          .ok());
}

}  // namespace
}  // namespace creditnode::api
