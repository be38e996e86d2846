// Keeps the worked example of docs/PROTOCOL.md true: rebuilds that exact
// feed (fixed key, fixed clock, three entries) with the real writer,
// checkpointer and tree, and checks that every value the document prints
// is what the code produces. Ed25519 signatures are deterministic, so the
// example is reproducible byte for byte. Set CN_PRINT_EXAMPLE=1 to print
// the values.

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "ledger/checkpointer.h"
#include "ledger/feed_store.h"
#include "ledger/feed_tree.h"
#include "ledger/feed_writer.h"
#include "tests/ledger/store_fixture.h"
#include "tests/ledger/test_drafts.h"
#include "util/clock.h"
#include "util/encoding.h"

namespace creditnode::ledger {
namespace {

using namespace testing;  // NOLINT: the ledger test fixtures

constexpr char kOrigin[] = "example.gov.example/credit";
constexpr int64_t kClock = 1767225600000000;  // 2026-01-01T00:00:00Z

std::string HexOf(const Hash& h) {
  return HexEncode(
      std::string_view(reinterpret_cast<const char*>(h.data()), h.size()));
}
std::string B64Of(const Hash& h) {
  return Base64Encode(
      std::string_view(reinterpret_cast<const char*>(h.data()), h.size()));
}

TEST(ProtocolExampleTest, EveryValueInProtocolMdIsWhatTheCodeProduces) {
  TempDir dir;
  TestFeedKey key = MakeFeedKey(kOrigin, 7);
  FeedStoreOptions options;
  options.create_if_missing = true;
  options.sync = false;
  StatusOr<std::unique_ptr<FeedStore>> store =
      FeedStore::Open(dir.Sub("db"), options);
  CN_ASSERT_OK(store);
  CN_ASSERT_OK((*store)->AddFeed(kOrigin, key.verifier_key));
  FakeClock clock(kClock);
  StatusOr<std::unique_ptr<FeedWriter>> writer =
      FeedWriter::New(store->get(), kOrigin, key.signer.get(), &clock);
  CN_ASSERT_OK(writer);
  std::vector<EntryDraft> drafts;
  drafts.push_back(MustDraft(DishonestyJson(TestUscc(1), "示例罚〔2024〕1号")));
  drafts.push_back(MustDraft(DishonestyJson(TestUscc(2), "示例罚〔2024〕2号")));
  CN_ASSERT_OK((*writer)->Publish(std::move(drafts)));
  std::vector<EntryDraft> repair;
  repair.push_back(MustDraft(RepairJson({kOrigin, 0})));
  CN_ASSERT_OK((*writer)->Publish(std::move(repair)));
  Checkpointer checkpointer(store->get(), kOrigin, key.signer.get());
  StatusOr<std::optional<StoredCheckpoint>> checkpoint =
      checkpointer.IssueIfGrown();
  CN_ASSERT_OK(checkpoint);
  ASSERT_TRUE(checkpoint->has_value());

  std::vector<std::string> values = {key.verifier_key, (*checkpoint)->note};
  StatusOr<std::vector<StoredEntry>> entries =
      (*store)->GetEntries(kOrigin, 0, 3);
  CN_ASSERT_OK(entries);
  for (const StoredEntry& e : *entries) {
    values.push_back(e.bytes);
    values.push_back(Base64Encode(e.signature));
    values.push_back(HexOf(LeafHash(e.bytes)));
  }
  FeedTree tree(store->get(), kOrigin);
  for (uint64_t size : {1, 2, 3}) {
    values.push_back(HexOf(*tree.Root(size)));
    values.push_back(B64Of(*tree.Root(size)));
  }
  StatusOr<std::vector<Hash>> inclusion = tree.InclusionProof(1, 3);
  CN_ASSERT_OK(inclusion);
  for (const Hash& h : *inclusion) values.push_back(B64Of(h));
  StatusOr<std::vector<Hash>> consistency = tree.ConsistencyProof(2, 3);
  CN_ASSERT_OK(consistency);
  for (const Hash& h : *consistency) values.push_back(B64Of(h));

  if (std::getenv("CN_PRINT_EXAMPLE") != nullptr) {
    for (const std::string& v : values) std::cout << "----\n" << v << "\n";
  }
  std::ifstream in(CN_PROTOCOL_MD);
  std::stringstream doc;
  doc << in.rdbuf();
  for (const std::string& v : values) {
    EXPECT_NE(doc.str().find(v), std::string::npos)
        << "docs/PROTOCOL.md does not contain:\n"
        << v;
  }
}

}  // namespace
}  // namespace creditnode::ledger
