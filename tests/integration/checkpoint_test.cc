// A serving node signs checkpoints of its feed on its own (D4): one for
// the empty feed at start, and a new one covering each published entry
// within a second, verifying under the feed's verifier key from /v1/feeds.

#include "crypto/checkpoint.h"

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "crypto/signed_note.h"
#include "crypto/verifier_key.h"
#include "tests/integration/http_client.h"
#include "tests/integration/node_fixture.h"

namespace creditnode::integration {
namespace {

class CheckpointTest : public ServingNodeTest {
 protected:
  // The latest checkpoint of the node's feed, verified; size -1 if none.
  int64_t VerifiedCheckpointSize() {
    StatusOr<HttpResponse> feeds = client_->Get("/v1/feeds");
    if (!feeds.ok() || feeds->status != 200) return -2;
    nlohmann::json j = nlohmann::json::parse(feeds->body, nullptr, false);
    const nlohmann::json& feed = j["feeds"][0];
    if (!feed["checkpoint"].is_string()) return -1;
    StatusOr<crypto::VerifierKey> key =
        crypto::ParseVerifierKey(feed["verifier_key"].get<std::string>());
    EXPECT_TRUE(key.ok());
    StatusOr<crypto::Note> note =
        crypto::VerifyNote(feed["checkpoint"].get<std::string>(), *key);
    EXPECT_TRUE(note.ok()) << note.status().ToString();
    if (!note.ok()) return -3;
    StatusOr<crypto::Checkpoint> c = crypto::ParseCheckpoint(note->text);
    EXPECT_TRUE(c.ok());
    EXPECT_EQ(c->origin, feed["origin"].get<std::string>());
    return static_cast<int64_t>(c->size);
  }
};

TEST_F(CheckpointTest, EmptyFeedHasACheckpointOnceServing) {
  int64_t size = -1;
  for (int i = 0; i < 50 && size < 0; ++i) {
    size = VerifiedCheckpointSize();
    if (size < 0) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_EQ(size, 0);
}

TEST_F(CheckpointTest, PublishedEntryIsCoveredBySignedCheckpointWithinASecond) {
  AckedEntry acked;
  ASSERT_NO_FATAL_FAILURE(PublishOne(
      *client_, CurrentDishonesty(77, "市监罚〔2026〕77号"), &acked));
  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::seconds(1);
  int64_t size = -1;
  while (size < 1 && std::chrono::steady_clock::now() < deadline) {
    size = VerifiedCheckpointSize();
    if (size < 1) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_EQ(size, 1);
}

}  // namespace
}  // namespace creditnode::integration
