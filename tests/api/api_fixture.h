// Shared fixture of the api tests: a REAL FeedStore in a fresh temporary
// directory with the node's own feed, a real FeedWriter signing with a
// fixed Ed25519 key, a FakeClock at ledger::testing::kTestNowMicros, a
// TokenTable with one publisher, one auditor and one peer token, and the Router
// over them. Helpers build Requests and check error bodies.
#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "api/http_types.h"
#include "api/router.h"
#include "api/token_table.h"
#include "crypto/ed25519.h"
#include "crypto/secret_bytes.h"
#include "crypto/verifier_key.h"
#include "ledger/feed_store.h"
#include "ledger/feed_writer.h"
#include "tests/ledger/test_drafts.h"
#include "tests/support/temp_dir.h"
#include "util/clock.h"
#include "util/status.h"

namespace creditnode::api::testing {

inline constexpr char kOrigin[] = "wuhan.gov.example/market";
inline constexpr char kPublisherToken[] = "pub-0123456789abcdef";
inline constexpr char kAuditorToken[] = "aud-0123456789abcdef";
inline constexpr char kPeerToken[] = "peer-0123456789abcdef";
inline constexpr char kUnknownToken[] = "zzz-0123456789abcdef";

inline std::string Bearer(std::string_view token) {
  return "Bearer " + std::string(token);
}

#define CN_API_ASSERT_OK(expr)                                                \
  do {                                                                        \
    const auto& cn_r_ = (expr);                                               \
    ASSERT_TRUE(cn_r_.ok()) << ::creditnode::api::testing::StatusText(cn_r_); \
  } while (0)

inline std::string StatusText(const Status& s) { return s.ToString(); }
template <typename T>
std::string StatusText(const StatusOr<T>& s) {
  return s.status().ToString();
}

using ::creditnode::test_support::TempDir;

class ApiFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(crypto::InitCrypto().ok());
    auto signer = crypto::Ed25519Signer::New(
        crypto::SecretBytes::Copy(std::string(32, '\x07')));
    CN_API_ASSERT_OK(signer);
    signer_ = *std::move(signer);
    verifier_key_ = crypto::FormatVerifierKey(kOrigin, signer_->PublicKey());

    ledger::FeedStoreOptions options;
    options.create_if_missing = true;
    // The API tests check answers, not durability (ledger's tests do).
    options.sync = false;
    options.block_cache_bytes = 1 << 20;
    auto store = ledger::FeedStore::Open(dir_.path() + "/db", options);
    CN_API_ASSERT_OK(store);
    store_ = *std::move(store);
    CN_API_ASSERT_OK(store_->AddFeed(kOrigin, verifier_key_));
    auto writer =
        ledger::FeedWriter::New(store_.get(), kOrigin, signer_.get(), &clock_);
    CN_API_ASSERT_OK(writer);
    writer_ = *std::move(writer);

    CN_API_ASSERT_OK(tokens_.Add(kPublisherToken, Role::kPublisher));
    CN_API_ASSERT_OK(tokens_.Add(kAuditorToken, Role::kAuditor));
    CN_API_ASSERT_OK(tokens_.Add(kPeerToken, Role::kPeer));
    router_ = std::make_unique<Router>(Deps());
  }

  RouterDeps Deps() {
    RouterDeps deps;
    deps.reader = store_.get();
    deps.publisher = writer_.get();
    deps.tokens = &tokens_;
    deps.clock = &clock_;
    return deps;
  }

  static Request Get(std::string target, std::string_view token = {}) {
    Request r;
    r.method = "GET";
    r.target = std::move(target);
    if (!token.empty()) r.authorization = Bearer(token);
    return r;
  }

  static Request Post(std::string target, std::string body,
                      std::string_view token = kPublisherToken) {
    Request r;
    r.method = "POST";
    r.target = std::move(target);
    r.body = std::move(body);
    r.content_type = "application/json";
    if (!token.empty()) r.authorization = Bearer(token);
    return r;
  }

  Response Handle(const Request& request) const {
    return router_->Handle(request);
  }

  // Registers feed `origin` (a second department in the same store, its
  // own fixed key) and publishes `draft` there, at index 0. ASSERTs; call
  // through ASSERT_NO_FATAL_FAILURE.
  void PublishInOtherFeed(const std::string& origin,
                          const nlohmann::json& draft) {
    auto signer = crypto::Ed25519Signer::New(
        crypto::SecretBytes::Copy(std::string(32, '\x09')));
    CN_API_ASSERT_OK(signer);
    CN_API_ASSERT_OK(store_->AddFeed(
        origin, crypto::FormatVerifierKey(origin, (*signer)->PublicKey())));
    auto writer =
        ledger::FeedWriter::New(store_.get(), origin, signer->get(), &clock_);
    CN_API_ASSERT_OK(writer);
    std::vector<ledger::EntryDraft> drafts;
    drafts.push_back(ledger::testing::MustDraft(draft));
    CN_API_ASSERT_OK((*writer)->Publish(std::move(drafts)));
  }

  // Publishes `draft` through the router; returns its index.
  uint64_t MustPublish(const nlohmann::json& draft) {
    Response r = Handle(Post("/v1/entries", draft.dump()));
    EXPECT_EQ(r.status, 201) << r.body;
    nlohmann::json j = nlohmann::json::parse(r.body, nullptr, false);
    if (!j.is_object() || !j.contains("index")) return UINT64_MAX;
    return j["index"].get<uint64_t>();
  }

  uint64_t FeedSize() const {
    auto feed = store_->GetFeed(kOrigin);
    EXPECT_TRUE(feed.ok()) << feed.status().ToString();
    return feed.ok() ? feed->size : UINT64_MAX;
  }

  // The exact bytes of every entry of the node's own feed, in order: what
  // a rejected request must leave as it was.
  std::vector<std::string> StoredEntries() const {
    std::vector<std::string> bytes;
    const uint64_t size = FeedSize();
    for (uint64_t i = 0; i < size && i != UINT64_MAX; ++i) {
      StatusOr<ledger::StoredEntry> e = store_->GetEntry({kOrigin, i});
      EXPECT_TRUE(e.ok()) << e.status().ToString();
      bytes.push_back(e.ok() ? e->bytes + e->signature : std::string());
    }
    return bytes;
  }

  static nlohmann::json Body(const Response& r) {
    return nlohmann::json::parse(r.body, nullptr, false);
  }

  // `r` is a JSON error with HTTP `status`, error code `code`, and a
  // message containing `message_part`.
  static void ExpectError(const Response& r, int status, std::string_view code,
                          std::string_view message_part = {}) {
    EXPECT_EQ(r.status, status) << r.body;
    EXPECT_EQ(r.content_type, "application/json; charset=utf-8");
    nlohmann::json j = Body(r);
    ASSERT_TRUE(j.is_object()) << r.body;
    ASSERT_TRUE(j.contains("error")) << r.body;
    EXPECT_EQ(j["error"].value("code", ""), code) << r.body;
    EXPECT_NE(j["error"].value("message", "").find(message_part),
              std::string::npos)
        << r.body;
  }

  TempDir dir_;
  FakeClock clock_{ledger::testing::kTestNowMicros};
  std::unique_ptr<crypto::Ed25519Signer> signer_;
  std::string verifier_key_;
  std::unique_ptr<ledger::FeedStore> store_;
  std::unique_ptr<ledger::FeedWriter> writer_;
  TokenTable tokens_;
  std::unique_ptr<Router> router_;
};

}  // namespace creditnode::api::testing
