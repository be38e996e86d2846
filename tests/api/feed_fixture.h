// Fixture of the /v1/feeds tests: ApiFixture plus helpers to fill the
// node's own feed quickly (drafts published straight through the
// FeedWriter) and to store checkpoints as C2SP signed notes (D4) over the
// feed's real roots, signed with the fixture's feed key, through
// FeedStore::PutCheckpoint (the Checkpointer is another component).
#pragma once

#include <string>
#include <vector>

#include "api/uri.h"
#include "crypto/verifier_key.h"
#include "ledger/feed_tree.h"
#include "tests/api/api_fixture.h"
#include "util/encoding.h"

namespace creditnode::api::testing {

class FeedFixture : public ApiFixture {
 protected:
  // Appends `count` dishonesty records about distinct subjects.
  void PublishMany(uint32_t count) {
    std::vector<ledger::EntryDraft> drafts;
    const uint64_t first = FeedSize();
    for (uint32_t i = 0; i < count; ++i) {
      const uint32_t n = static_cast<uint32_t>(first) + i + 1;
      drafts.push_back(
          ledger::testing::MustDraft(ledger::testing::DishonestyJson(
              ledger::testing::TestUscc(n), "D" + std::to_string(n))));
    }
    auto published = writer_->Publish(std::move(drafts));
    ASSERT_TRUE(published.ok()) << published.status().ToString();
  }

  ledger::Hash Root(uint64_t size) const {
    ledger::FeedTree tree(store_.get(), kOrigin);
    StatusOr<ledger::Hash> root = tree.Root(size);
    EXPECT_TRUE(root.ok()) << root.status().ToString();
    return root.ok() ? *root : ledger::Hash{};
  }

  // A C2SP signed note of the checkpoint at `size`: origin, size and
  // base64 root lines, a blank line, then "— <origin> <base64(key ID ‖
  // Ed25519 signature)>" (U+2014, as in c2sp.org/signed-note).
  std::string CheckpointNote(uint64_t size) const {
    const std::string body =
        std::string(kOrigin) + "\n" + std::to_string(size) + "\n" +
        Base64Encode(crypto::DigestBytes(Root(size))) + "\n";
    StatusOr<std::string> sig = signer_->Sign(body);
    EXPECT_TRUE(sig.ok());
    const uint32_t id = crypto::Ed25519KeyId(kOrigin, signer_->PublicKey());
    std::string key_id;
    for (int shift = 24; shift >= 0; shift -= 8) {
      key_id += static_cast<char>((id >> shift) & 0xFF);
    }
    return body + "\n\xE2\x80\x94 " + kOrigin + " " +
           Base64Encode(key_id + (sig.ok() ? *sig : std::string())) + "\n";
  }

  // Stores CheckpointNote(size) and returns it.
  std::string PutCheckpoint(uint64_t size) {
    std::string note = CheckpointNote(size);
    Status s = store_->PutCheckpoint(kOrigin, size, note);
    EXPECT_TRUE(s.ok()) << s.ToString();
    return note;
  }

  // The origin as one path segment.
  static std::string EncodedOrigin() { return PercentEncode(kOrigin); }
  static std::string FeedPath(const std::string& rest) {
    return "/v1/feeds/" + EncodedOrigin() + "/" + rest;
  }
};

}  // namespace creditnode::api::testing
