// Bad input over HTTP against the real `creditnode serve` process: each
// request is refused with the status of the docs/openapi.yaml table and
// the error body {"error":{"code":...,"message":...}}, and afterwards the
// feed is exactly as before: GET /v1/health still reports one entry, and
// entry 0 reads back with the bytes and signature it was published with.
#include <gtest/gtest.h>

#include <string>

#include "tests/integration/node_fixture.h"
#include "tests/ledger/test_drafts.h"

namespace creditnode::integration {
namespace {

constexpr uint32_t kSubject = 815;
constexpr char kDocNo[] = "市监罚〔2026〕7号";

class BadInputTest : public NodeTest {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(InitNode());
    ASSERT_NO_FATAL_FAILURE(StartServe("serve", &node_, &port_));
    client_ = std::make_unique<HttpClient>("127.0.0.1", port_);
    ASSERT_NO_FATAL_FAILURE(
        PublishOne(*client_, CurrentDishonesty(kSubject, kDocNo), &first_));
    ASSERT_EQ(first_.index, 0u);
  }
  void TearDown() override {
    if (node_ == nullptr) return;
    // Whatever the test sent, the feed is unchanged and the node alive.
    EXPECT_EQ(HealthSize(*client_), 1);
    AckedEntry again;
    ReadEntry(*client_, 0, &again);
    EXPECT_EQ(again.bytes, first_.bytes);
    EXPECT_EQ(again.signature, first_.signature);
    StopServe(node_.get());
  }

  // POSTs `body` to `target` and checks the status and the error code;
  // returns the error message.
  std::string ExpectRefused(const std::string& target, const std::string& body,
                            const std::string& token, int http_status,
                            const std::string& code) {
    StatusOr<HttpResponse> r = client_->PostJson(target, body, token);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    if (!r.ok()) return "";
    EXPECT_EQ(r->status, http_status) << r->body;
    nlohmann::json j = nlohmann::json::parse(r->body, nullptr, false);
    EXPECT_TRUE(j.is_object() && j.contains("error")) << r->body;
    if (!j.is_object() || !j.contains("error")) return "";
    EXPECT_EQ(j["error"].value("code", ""), code) << r->body;
    std::string message = j["error"].value("message", "");
    EXPECT_FALSE(message.empty()) << r->body;
    return message;
  }

  std::string ExpectBadDraft(const nlohmann::json& draft) {
    return ExpectRefused("/v1/entries", draft.dump(), publisher_token_, 400,
                         "INVALID_ARGUMENT");
  }

  nlohmann::json Draft() const {
    return CurrentDishonesty(kSubject + 1, "市监罚〔2026〕8号");
  }

  std::unique_ptr<NodeProcess> node_;
  uint16_t port_ = 0;
  std::unique_ptr<HttpClient> client_;
  AckedEntry first_;
};

TEST_F(BadInputTest, UsccWithAWrongCheckCharacterIsRejectedWith400) {
  nlohmann::json draft = Draft();
  std::string uscc = draft["subject"]["ids"][0]["value"];
  uscc.back() = uscc.back() == '0' ? '1' : '0';
  draft["subject"]["ids"][0]["value"] = uscc;
  EXPECT_NE(ExpectBadDraft(draft).find("uscc"), std::string::npos);
}

TEST_F(BadInputTest, MalformedJsonIsRejectedWith400) {
  ExpectRefused("/v1/entries", R"({"kind": "dishonesty", "subject": )",
                publisher_token_, 400, "INVALID_ARGUMENT");
}

TEST_F(BadInputTest, UnknownFieldIsRejectedWith400) {
  nlohmann::json draft = Draft();
  draft["colour"] = "red";
  EXPECT_NE(ExpectBadDraft(draft).find("colour"), std::string::npos);
}

TEST_F(BadInputTest, RecordWithoutLegalBasisIsRejectedWith400) {
  nlohmann::json draft = Draft();
  draft.erase("legal_basis");
  EXPECT_NE(ExpectBadDraft(draft).find("legal_basis"), std::string::npos);
}

TEST_F(BadInputTest, EffectiveDateAfterPublishUntilIsRejectedWith400) {
  nlohmann::json draft = Draft();
  std::string until = draft["publish_max_until"];
  draft["publish_max_until"] = draft["effective_from"];
  draft["effective_from"] = until;
  ExpectBadDraft(draft);
}

TEST_F(BadInputTest, RepairOfANonexistentIndexIsRejectedWith409) {
  const nlohmann::json repair =
      ledger::testing::RepairJson(ledger::EntryRef{kOrigin, 999});
  ExpectRefused("/v1/entries", repair.dump(), publisher_token_, 409,
                "FAILED_PRECONDITION");
}

TEST_F(BadInputTest, SameDecisionAboutTheSameSubjectIsRejectedWith409) {
  ExpectRefused("/v1/entries", CurrentDishonesty(kSubject, kDocNo).dump(),
                publisher_token_, 409, "ALREADY_EXISTS");
}

TEST_F(BadInputTest, UnknownTokenIsRejectedWith401) {
  ExpectRefused("/v1/entries", Draft().dump(), std::string(64, 'a'), 401,
                "UNAUTHENTICATED");
}

TEST_F(BadInputTest, PublishingWithoutATokenIsRejectedWith401) {
  ExpectRefused("/v1/entries", Draft().dump(), "", 401, "UNAUTHENTICATED");
}

TEST_F(BadInputTest, AuditorTokenMayNotPublish) {
  ExpectRefused("/v1/entries", Draft().dump(), auditor_token_, 403,
                "PERMISSION_DENIED");
}

TEST_F(BadInputTest, BodyOverTheEntryLimitIsRejectedWith413) {
  // 64 KiB is the limit of POST /v1/entries; this is valid JSON above it.
  nlohmann::json draft = Draft();
  draft["remarks"] = std::string(70 * 1024, 'x');
  ExpectRefused("/v1/entries", draft.dump(), publisher_token_, 413,
                "RESOURCE_EXHAUSTED");
}

TEST_F(BadInputTest, BatchWithOneInvalidDraftPublishesNothing) {
  nlohmann::json bad = CurrentDishonesty(kSubject + 3, "市监罚〔2026〕10号");
  bad.erase("legal_basis");
  nlohmann::json batch = {
      {"entries",
       {CurrentDishonesty(kSubject + 2, "市监罚〔2026〕9号"), bad,
        CurrentDishonesty(kSubject + 4, "市监罚〔2026〕11号")}}};
  const std::string message =
      ExpectRefused("/v1/entries/batch", batch.dump(), publisher_token_, 400,
                    "INVALID_ARGUMENT");
  EXPECT_NE(message.find("entries[1]"), std::string::npos) << message;
}

}  // namespace
}  // namespace creditnode::integration
