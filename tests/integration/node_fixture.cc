// The integration fixture: see node_fixture.h.
#include "tests/integration/node_fixture.h"

#include <signal.h>
#include <stdlib.h>

#include <cstdio>
#include <filesystem>

#include "crypto/ed25519.h"
#include "crypto/entry_signature.h"
#include "crypto/key_file.h"
#include "crypto/verifier_key.h"
#include "ledger/entry.h"
#include "ledger/feed_store.h"
#include "node/config.h"
#include "tests/ledger/test_drafts.h"
#include "util/civil_date.h"
#include "util/clock.h"
#include "util/encoding.h"

namespace creditnode::integration {

const std::string& CreditnodeBinary() {
  static const std::string binary = CREDITNODE_BIN;
  return binary;
}

nlohmann::json CurrentDishonesty(uint32_t subject, const std::string& doc_no) {
  // The shared ledger fixture's record (it follows the entry format as it
  // evolves), moved to dates around the real today: the node derives
  // statuses with the system clock.
  nlohmann::json d = ledger::testing::DishonestyJson(
      ledger::testing::TestUscc(subject), doc_no);
  const CivilDate today =
      CivilDate::FromUnixMicros(SystemClock::Default()->NowMicros());
  d["decision"]["date"] = today.AddDays(-30).ToString();
  d["effective_from"] = today.AddDays(-20).ToString();
  d["publish_min_until"] = today.AddDays(90).ToString();
  d["publish_max_until"] = today.AddDays(3 * 365).ToString();
  return d;
}

namespace {

StatusOr<AckedEntry> ParseOnePublished(const nlohmann::json& j) {
  if (!j.is_object() || !j.contains("index") ||
      !j["index"].is_number_unsigned() || !j.contains("bytes") ||
      !j["bytes"].is_string() || !j.contains("signature") ||
      !j["signature"].is_string() || j.value("origin", "") != kOrigin) {
    return DataLossError("not a published entry of " + std::string(kOrigin) +
                         ": " + j.dump());
  }
  AckedEntry e;
  e.index = j["index"].get<uint64_t>();
  CN_ASSIGN_OR_RETURN(e.bytes, Base64Decode(j["bytes"].get<std::string>()));
  CN_ASSIGN_OR_RETURN(e.signature,
                      Base64Decode(j["signature"].get<std::string>()));
  return e;
}

}  // namespace

StatusOr<std::vector<AckedEntry>> ParsePublished(const std::string& body) {
  nlohmann::json j = nlohmann::json::parse(body, nullptr, false);
  if (j.is_discarded()) return DataLossError("response is not JSON: " + body);
  std::vector<AckedEntry> out;
  if (j.is_object() && j.contains("entries")) {
    if (!j["entries"].is_array()) return DataLossError("entries: not an array");
    for (const nlohmann::json& e : j["entries"]) {
      CN_ASSIGN_OR_RETURN(AckedEntry acked, ParseOnePublished(e));
      out.push_back(std::move(acked));
    }
    return out;
  }
  CN_ASSIGN_OR_RETURN(AckedEntry acked, ParseOnePublished(j));
  out.push_back(std::move(acked));
  return out;
}

StatusOr<FeedSnapshot> ReadFeedDirectly(const std::string& data_dir,
                                        const std::string& origin) {
  ledger::FeedStoreOptions options;
  options.block_cache_bytes = 1 << 20;
  CN_ASSIGN_OR_RETURN(
      std::unique_ptr<ledger::FeedStore> store,
      ledger::FeedStore::Open(node::DatabasePath(data_dir), options));
  FeedSnapshot snapshot;
  CN_ASSIGN_OR_RETURN(snapshot.info, store->GetFeed(origin));
  snapshot.entries.reserve(snapshot.info.size);
  for (uint64_t i = 0; i < snapshot.info.size; ++i) {
    StatusOr<ledger::StoredEntry> entry = store->GetEntry({origin, i});
    if (!entry.ok()) {
      return DataLossError("gap: feed size " +
                           std::to_string(snapshot.info.size) + " but entry " +
                           std::to_string(i) + " reads " +
                           entry.status().ToString());
    }
    snapshot.entries.push_back(*std::move(entry));
  }
  StatusOr<ledger::StoredEntry> past =
      store->GetEntry({origin, snapshot.info.size});
  if (past.status().code() != StatusCode::kNotFound) {
    return DataLossError("an entry exists at index " +
                         std::to_string(snapshot.info.size) +
                         " == size: " + past.status().ToString());
  }
  return snapshot;
}

StatusOr<std::string> VerifierKeyFromKeyFile(const std::string& data_dir,
                                             const std::string& origin) {
  CN_RETURN_IF_ERROR(crypto::InitCrypto());
  CN_ASSIGN_OR_RETURN(node::Config config, node::LoadConfig(data_dir));
  CN_ASSIGN_OR_RETURN(
      crypto::SecretBytes seed,
      crypto::ReadKeyFile(node::ResolvePath(data_dir, config.feed_key_file)));
  CN_ASSIGN_OR_RETURN(crypto::Ed25519KeyPair pair,
                      crypto::Ed25519KeyPairFromSeed(seed));
  return crypto::FormatVerifierKey(origin, pair.public_key);
}

Status VerifyEntries(const FeedSnapshot& feed, const std::string& verifier_key,
                     size_t from) {
  if (feed.info.verifier_key != verifier_key) {
    return DataLossError("the store's verifier key " + feed.info.verifier_key +
                         " is not the key file's " + verifier_key);
  }
  CN_ASSIGN_OR_RETURN(crypto::VerifierKey key,
                      crypto::ParseVerifierKey(verifier_key));
  CN_ASSIGN_OR_RETURN(std::unique_ptr<crypto::Ed25519Verifier> verifier,
                      crypto::Ed25519Verifier::New(key.public_key));
  for (size_t i = from; i < feed.entries.size(); ++i) {
    const ledger::StoredEntry& stored = feed.entries[i];
    const std::string where = "entry " + std::to_string(i);
    CN_ASSIGN_OR_RETURN(ledger::Entry entry, ledger::ParseEntry(stored.bytes));
    if (entry.index != i || entry.origin != feed.info.origin) {
      return DataLossError(where + " names " + entry.origin + "/" +
                           std::to_string(entry.index));
    }
    CN_RETURN_IF_ERROR(
        crypto::VerifyEntrySignature(*verifier, stored.signature, stored.bytes)
            .WithPrefix(where));
  }
  return OkStatus();
}

NodeTest::NodeTest() {
  std::string pattern =
      (std::filesystem::temp_directory_path() / "cn_integ_XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) ADD_FAILURE() << "mkdtemp failed";
  dir_ = pattern;
}

NodeTest::~NodeTest() {
  // Kept for a post-mortem when a test failed (its logs are there).
  if (::testing::Test::HasFailure()) {
    std::printf("kept %s for inspection\n", dir_.c_str());
    return;
  }
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

void NodeTest::InitNode() {
  std::string out, err;
  StatusOr<ExitStatus> init = RunToCompletion(
      CreditnodeBinary(), {"init", "--data", DataDir(), "--origin", kOrigin},
      LogPrefix("init"), kStartTimeout, &out, &err);
  CN_ASSERT_OK(init);
  ASSERT_TRUE(init->Success()) << init->ToString() << "\n" << err;
  StatusOr<node::Config> config = node::LoadConfig(DataDir());
  CN_ASSERT_OK(config);
  EXPECT_EQ(config->origin, kOrigin);
  publisher_token_ = config->TokenFor("publisher");
  auditor_token_ = config->TokenFor("auditor");
  ASSERT_FALSE(publisher_token_.empty()) << "init wrote no publisher token";
  ASSERT_FALSE(auditor_token_.empty()) << "init wrote no auditor token";
  // init prints the tokens it wrote.
  EXPECT_NE(out.find(publisher_token_), std::string::npos) << out;
  EXPECT_NE(out.find(auditor_token_), std::string::npos) << out;
  StatusOr<std::string> key = VerifierKeyFromKeyFile(DataDir(), kOrigin);
  CN_ASSERT_OK(key);
  verifier_key_ = *key;
}

void NodeTest::StartServe(const std::string& name,
                          std::unique_ptr<NodeProcess>* process,
                          uint16_t* port) {
  StatusOr<std::unique_ptr<NodeProcess>> started = NodeProcess::Start(
      CreditnodeBinary(),
      {"serve", "--data", DataDir(), "--listen", "127.0.0.1:0"},
      LogPrefix(name));
  CN_ASSERT_OK(started);
  *process = *std::move(started);
  StatusOr<NodeAddress> address = (*process)->WaitForUrl(kStartTimeout);
  CN_ASSERT_OK(address);
  ASSERT_EQ(address->host, "127.0.0.1");
  *port = address->port;
  CN_ASSERT_OK((*process)->WaitHealthy(*port, kStartTimeout));
}

void NodeTest::StopServe(NodeProcess* process) {
  CN_EXPECT_OK(process->Kill(SIGTERM));
  StatusOr<ExitStatus> exit = process->Wait(kStopTimeout);
  CN_EXPECT_OK(exit);
  if (exit.ok()) {
    EXPECT_TRUE(exit->Success())
        << "serve after SIGTERM: " << exit->ToString() << "\n"
        << process->Stderr();
  }
}

void NodeTest::PublishOne(const HttpClient& client, const nlohmann::json& draft,
                          AckedEntry* acked) {
  StatusOr<HttpResponse> r =
      client.PostJson("/v1/entries", draft.dump(), publisher_token_);
  CN_ASSERT_OK(r);
  ASSERT_EQ(r->status, 201) << r->body;
  StatusOr<std::vector<AckedEntry>> entries = ParsePublished(r->body);
  CN_ASSERT_OK(entries);
  ASSERT_EQ(entries->size(), 1u);
  *acked = (*entries)[0];
  EXPECT_EQ(r->Header("Location"), "/v1/entries/" + EncodePathSegment(kOrigin) +
                                       "/" + std::to_string(acked->index));
}

int64_t NodeTest::HealthSize(const HttpClient& client) {
  StatusOr<HttpResponse> r = client.Get("/v1/health");
  if (!r.ok() || r->status != 200) {
    ADD_FAILURE() << "GET /v1/health: "
                  << (r.ok() ? r->body : r.status().ToString());
    return -1;
  }
  nlohmann::json j = nlohmann::json::parse(r->body, nullptr, false);
  if (!j.is_object() || !j.contains("size") || !j["size"].is_number_integer()) {
    ADD_FAILURE() << "GET /v1/health without a size: " << r->body;
    return -1;
  }
  EXPECT_EQ(j.value("origin", ""), kOrigin);
  return j["size"].get<int64_t>();
}

void NodeTest::ReadEntry(const HttpClient& client, uint64_t index,
                         AckedEntry* out, nlohmann::json* body) {
  StatusOr<HttpResponse> r = client.Get(
      "/v1/entries/" + EncodePathSegment(kOrigin) + "/" + std::to_string(index),
      auditor_token_);
  CN_ASSERT_OK(r);
  ASSERT_EQ(r->status, 200) << r->body;
  StatusOr<std::vector<AckedEntry>> entries = ParsePublished(r->body);
  CN_ASSERT_OK(entries);
  ASSERT_EQ(entries->size(), 1u);
  *out = (*entries)[0];
  ASSERT_EQ(out->index, index);
  if (body != nullptr) *body = nlohmann::json::parse(r->body, nullptr, false);
}

}  // namespace creditnode::integration
