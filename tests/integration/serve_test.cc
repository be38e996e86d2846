// End to end through the real executable: `creditnode init`, then
// `creditnode serve` on 127.0.0.1 port 0, then HTTP over loopback
// (docs/CLI.md, docs/openapi.yaml). A record is published with the
// publisher token that init wrote, found by its USCC and by the
// organization code inside it (D7), and read back as bytes whose Ed25519
// signature verifies under the key in the data dir's keys/feed.key (D2).
// The public view (no token) never shows a full resident ID (D8).
#include <gtest/gtest.h>

#include <string>

#include "crypto/ed25519.h"
#include "crypto/entry_signature.h"
#include "crypto/verifier_key.h"
#include "ledger/entry.h"
#include "tests/integration/node_fixture.h"
#include "tests/ledger/test_drafts.h"

namespace creditnode::integration {
namespace {

using ledger::testing::TestOrgCode;
using ledger::testing::TestResidentId;
using ledger::testing::TestUscc;
using ledger::testing::WithLegalRep;

constexpr uint32_t kSubject = 4711;

class ServeTest : public ServingNodeTest {
 protected:
  // The entries of GET /v1/subjects/{id} (with `token` if set); ASSERTs 200.
  void Lookup(const std::string& id, const std::string& token,
              nlohmann::json* lookup) {
    StatusOr<HttpResponse> r = client_->Get("/v1/subjects/" + id, token);
    CN_ASSERT_OK(r);
    ASSERT_EQ(r->status, 200) << r->body;
    *lookup = nlohmann::json::parse(r->body, nullptr, false);
    ASSERT_TRUE(lookup->is_object()) << r->body;
    ASSERT_TRUE((*lookup)["entries"].is_array()) << r->body;
  }
};

TEST_F(ServeTest, HealthNamesTheFeedAndItsSize) {
  EXPECT_EQ(HealthSize(*client_), 0);
  AckedEntry acked;
  ASSERT_NO_FATAL_FAILURE(PublishOne(
      *client_, CurrentDishonesty(kSubject, "市监罚〔2026〕1号"), &acked));
  EXPECT_EQ(acked.index, 0u);
  EXPECT_EQ(HealthSize(*client_), 1);
}

TEST_F(ServeTest, PublishedRecordIsFoundByItsUscc) {
  AckedEntry acked;
  ASSERT_NO_FATAL_FAILURE(PublishOne(
      *client_, CurrentDishonesty(kSubject, "市监罚〔2026〕1号"), &acked));
  for (const std::string& token : {std::string(), auditor_token_}) {
    SCOPED_TRACE(token.empty() ? "public view" : "full view");
    nlohmann::json lookup;
    ASSERT_NO_FATAL_FAILURE(Lookup(TestUscc(kSubject), token, &lookup));
    EXPECT_EQ(lookup["view"], token.empty() ? "public" : "full");
    ASSERT_EQ(lookup["entries"].size(), 1u) << lookup.dump();
    const nlohmann::json& e = lookup["entries"][0];
    EXPECT_EQ(e["origin"], kOrigin);
    EXPECT_EQ(e["index"], 0);
    EXPECT_EQ(e["kind"], "dishonesty");
    EXPECT_EQ(e["match"], "subject");
    EXPECT_EQ(e["status"], "active");
    EXPECT_EQ(e["entry"]["decision"]["doc_no"], "市监罚〔2026〕1号");
  }
}

TEST_F(ServeTest, PublishedRecordIsFoundByTheOrganizationCodeInsideItsUscc) {
  AckedEntry acked;
  ASSERT_NO_FATAL_FAILURE(PublishOne(
      *client_, CurrentDishonesty(kSubject, "市监罚〔2026〕1号"), &acked));
  const std::string org_code = TestOrgCode(kSubject);
  ASSERT_EQ(TestUscc(kSubject).substr(8, 9), org_code);
  // Also in the hyphenated form GB 11714 prints (D7 normalisation).
  for (const std::string& id :
       {org_code, org_code.substr(0, 8) + "-" + org_code.substr(8)}) {
    SCOPED_TRACE(id);
    nlohmann::json lookup;
    ASSERT_NO_FATAL_FAILURE(Lookup(id, auditor_token_, &lookup));
    ASSERT_EQ(lookup["entries"].size(), 1u) << lookup.dump();
    EXPECT_EQ(lookup["entries"][0]["origin"], kOrigin);
    EXPECT_EQ(lookup["entries"][0]["index"], 0);
    EXPECT_EQ(lookup["entries"][0]["entry"]["decision"]["doc_no"],
              "市监罚〔2026〕1号");
  }
}

TEST_F(ServeTest, PublicViewMasksTheLegalRepresentativesResidentId) {
  const std::string resident_id = TestResidentId(42);
  AckedEntry acked;
  ASSERT_NO_FATAL_FAILURE(
      PublishOne(*client_,
                 WithLegalRep(CurrentDishonesty(kSubject, "市监罚〔2026〕2号"),
                              resident_id),
                 &acked));
  const std::string masked =
      resident_id.substr(0, 6) + "********" + resident_id.substr(14);
  StatusOr<HttpResponse> open =
      client_->Get("/v1/subjects/" + TestUscc(kSubject));
  CN_ASSERT_OK(open);
  ASSERT_EQ(open->status, 200) << open->body;
  EXPECT_EQ(open->body.find(resident_id), std::string::npos)
      << "a full resident ID on the public surface (D8): " << open->body;
  EXPECT_NE(open->body.find(masked), std::string::npos) << open->body;
  StatusOr<HttpResponse> full =
      client_->Get("/v1/subjects/" + TestUscc(kSubject), auditor_token_);
  CN_ASSERT_OK(full);
  EXPECT_NE(full->body.find(resident_id), std::string::npos) << full->body;
}

TEST_F(ServeTest, RecordIsFoundByItsLegalRepresentativeOnlyInTheFullView) {
  const std::string resident_id = TestResidentId(42);
  AckedEntry acked;
  ASSERT_NO_FATAL_FAILURE(
      PublishOne(*client_,
                 WithLegalRep(CurrentDishonesty(kSubject, "市监罚〔2026〕2号"),
                              resident_id),
                 &acked));
  nlohmann::json lookup;
  ASSERT_NO_FATAL_FAILURE(Lookup(resident_id, "", &lookup));
  EXPECT_EQ(lookup["view"], "public");
  EXPECT_TRUE(lookup["entries"].empty()) << lookup.dump();
  EXPECT_EQ(lookup.dump().find(resident_id), std::string::npos)
      << lookup.dump();
  ASSERT_NO_FATAL_FAILURE(Lookup(resident_id, auditor_token_, &lookup));
  ASSERT_EQ(lookup["entries"].size(), 1u) << lookup.dump();
  EXPECT_EQ(lookup["entries"][0]["index"], 0);
  EXPECT_EQ(lookup["entries"][0]["match"], "associate");
}

TEST_F(ServeTest, StoredEntryVerifiesUnderTheKeyFileOfTheDataDir) {
  AckedEntry acked;
  ASSERT_NO_FATAL_FAILURE(PublishOne(
      *client_, CurrentDishonesty(kSubject, "市监罚〔2026〕1号"), &acked));
  AckedEntry served;
  nlohmann::json body;
  ASSERT_NO_FATAL_FAILURE(ReadEntry(*client_, 0, &served, &body));
  // The exact bytes and signature the publish acknowledged (D2).
  EXPECT_EQ(served.bytes, acked.bytes);
  EXPECT_EQ(served.signature, acked.signature);
  // The key the node serves is the one in keys/feed.key, and it verifies.
  EXPECT_EQ(body["verifier_key"], verifier_key_);
  StatusOr<crypto::VerifierKey> key = crypto::ParseVerifierKey(verifier_key_);
  CN_ASSERT_OK(key);
  EXPECT_EQ(key->name, kOrigin);
  StatusOr<std::unique_ptr<crypto::Ed25519Verifier>> verifier =
      crypto::Ed25519Verifier::New(key->public_key);
  CN_ASSERT_OK(verifier);
  CN_EXPECT_OK(
      crypto::VerifyEntrySignature(**verifier, served.signature, served.bytes));
  // A flipped byte must not verify (the check above is not vacuous).
  std::string tampered = served.bytes;
  tampered[tampered.size() / 2] ^= 0x01;
  EXPECT_FALSE(
      crypto::VerifyEntrySignature(**verifier, served.signature, tampered)
          .ok());
  StatusOr<ledger::Entry> entry = ledger::ParseEntry(served.bytes);
  CN_ASSERT_OK(entry);
  EXPECT_EQ(entry->origin, kOrigin);
  EXPECT_EQ(entry->index, 0u);
  EXPECT_EQ(entry->kind, ledger::EntryKind::kDishonesty);
  EXPECT_EQ(body["entry"], nlohmann::json::parse(served.bytes));
}

TEST_F(ServeTest, ReadingAnEntryWithoutATokenIsUnauthorized) {
  AckedEntry acked;
  ASSERT_NO_FATAL_FAILURE(PublishOne(
      *client_, CurrentDishonesty(kSubject, "市监罚〔2026〕1号"), &acked));
  StatusOr<HttpResponse> r =
      client_->Get("/v1/entries/" + EncodePathSegment(kOrigin) + "/0");
  CN_ASSERT_OK(r);
  EXPECT_EQ(r->status, 401) << r->body;
  EXPECT_EQ(r->Header("WWW-Authenticate"), "Bearer");
  nlohmann::json error = nlohmann::json::parse(r->body, nullptr, false);
  EXPECT_EQ(error["error"]["code"], "UNAUTHENTICATED") << r->body;
  EXPECT_EQ(r->body.find("市监罚"), std::string::npos)
      << "a 401 must not carry the entry";
}

}  // namespace
}  // namespace creditnode::integration
