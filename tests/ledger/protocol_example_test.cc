// Keeps the worked example of docs/PROTOCOL.md (§10) true. The fixture
// rebuilds that exact feed with the real code: FeedStore, FeedWriter with
// a FakeClock, the fixed test key (seed = 32 bytes 0x07), Checkpointer and
// FeedTree. Ed25519 signatures are deterministic, so every value is
// reproducible byte for byte. Each test renders one part of the example
// exactly as the document prints it (labelled lines, table rows, code
// blocks) and requires that text to occur exactly once in the document,
// so a value cannot go stale, move to the wrong label or be left behind as
// a second copy. To regenerate the snippets after a deliberate format
// change, run with CN_PRINT_EXAMPLE=<file> (the snippets are appended to
// it, in document order) and paste them into §10.

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "crypto/ed25519.h"
#include "crypto/sha256.h"
#include "crypto/signed_note.h"
#include "crypto/verifier_key.h"
#include "ledger/checkpointer.h"
#include "ledger/feed_store.h"
#include "ledger/feed_tree.h"
#include "ledger/feed_writer.h"
#include "ledger/json_parse.h"
#include "ledger/merkle_proof.h"
#include "tests/ledger/store_fixture.h"
#include "tests/ledger/test_drafts.h"
#include "util/clock.h"
#include "util/encoding.h"

namespace creditnode::ledger {
namespace {

using namespace testing;  // NOLINT: the ledger test fixtures

constexpr char kOrigin[] = "wuhan.gov.example/samr";
constexpr char kSeedByte = 0x07;
// The writer's clock for entries 0-2 (2026-01-05T09:30:00Z) and 3-4
// (2026-01-06T14:00:00Z).
constexpr int64_t kFirstBatchMicros = 1767605400000000;
constexpr int64_t kSecondBatchMicros = 1767708000000000;
constexpr size_t kEntries = 5;

// ---- The five drafts of the example (docs/entry-format.md). ----

nlohmann::json Decision(const std::string& doc_no, const std::string& date) {
  return {{"doc_no", doc_no},
          {"date", date},
          {"authority", {{"name", "武汉市市场监督管理局"}}}};
}

nlohmann::json Subject(const std::string& name, const std::string& uscc) {
  return {{"type", "org"},
          {"name", name},
          {"ids", {{{"scheme", "uscc"}, {"value", uscc}}}}};
}

std::vector<nlohmann::json> FirstBatch() {
  nlohmann::json e0 = {
      {"kind", "dishonesty"},
      {"subject", Subject("武汉示例建材有限公司", TestUscc(1))},
      {"list", "market.serious_violation"},
      {"severity", "serious"},
      {"conduct", "提供虚假材料骗取公司登记"},
      {"legal_basis",
       {{{"instrument", "《市场监督管理严重违法失信名单管理办法》"},
         {"article", "第九条"}}}},
      {"decision", Decision("武市监严失〔2025〕1号", "2025-06-03")},
      {"effective_from", "2025-06-10"},
      {"publish_min_until", "2025-12-10"},
      {"publish_max_until", "2028-06-09"},
      {"public", true},
      {"share_scope", "public"}};
  nlohmann::json e1 = {
      {"kind", "dishonesty"},
      {"subject", Subject("武汉示例贸易有限公司", TestUscc(2))},
      {"associates",
       {{{"role", "legal_rep"},
         {"name", "张三"},
         {"ids",
          {{{"scheme", "resident_id"}, {"value", TestResidentId(7)}}}}}}},
      {"list", "market.abnormal_operation"},
      {"severity", "general"},
      {"conduct", "通过登记的住所无法联系"},
      {"legal_basis", {{{"instrument", "《企业经营异常名录管理暂行办法》"}}}},
      {"decision", Decision("武市监异〔2025〕7号", "2025-09-15")},
      {"effective_from", "2025-09-15"},
      {"publish_max_until", "2028-09-14"},
      {"public", false},
      {"share_scope", "federation"}};
  nlohmann::json e2 = {
      {"kind", "commendation"},
      {"subject", Subject("武汉示例物流有限公司", TestUscc(3))},
      {"list", "market.contract_honouring"},
      {"conduct", "守合同重信用"},
      {"legal_basis", {{{"instrument", "《守合同重信用企业公示办法》"}}}},
      {"decision", Decision("武市监守〔2025〕3号", "2025-11-20")},
      {"effective_from", "2025-12-01"},
      {"publish_max_until", "2027-11-30"},
      {"public", true},
      {"share_scope", "public"}};
  return {e0, e1, e2};
}

std::vector<nlohmann::json> SecondBatch() {
  nlohmann::json e3 = {
      {"kind", "repair"},
      {"target", {{"origin", kOrigin}, {"index", uint64_t{0}}}},
      {"reason", "已完成信用修复"},
      {"outcome", "stop_public_display"},
      {"legal_basis",
       {{{"instrument", "《失信行为纠正后的信用信息修复管理办法（试行）》"}}}},
      {"decision", Decision("武市监修〔2026〕1号", "2026-01-04")}};
  nlohmann::json e4 = {
      {"kind", "objection_opened"},
      {"target", {{"origin", kOrigin}, {"index", uint64_t{1}}}},
      {"reason", "当事人称已恢复正常经营"},
      {"ground", "should_have_ended"},
      {"due_date", "2026-01-20"},
      {"legal_basis", {{{"instrument", "《公共信用信息异议处理办法》"}}}},
      {"decision", Decision("武市监异议〔2026〕2号", "2026-01-06")}};
  return {e3, e4};
}

// ---- What the example feed is. ----

struct ExampleEntry {
  std::string bytes;
  std::string signature;  // 64 raw bytes
  std::string issued_at;
  Hash leaf;
};

struct Example {
  std::string seed;
  std::string public_key;
  uint32_t key_id = 0;
  std::string verifier_key;
  std::vector<ExampleEntry> entries;
  std::vector<Hash> roots;  // roots[n] = root of size n, n = 0..5
  Hash node_23{};           // NodeHash(leaf 2, leaf 3)
  std::string note_0, note_3, note_5;
  crypto::NoteSignature signature_5;
  std::vector<Hash> inclusion_2_5;
  std::vector<Hash> consistency_3_5;
  std::string tile_at_3;  // the stored level-0 tile 0 at size 3
  std::string tile_at_5;  // ... at size 5
};

StatusOr<std::string> IssueCheckpoint(Checkpointer* checkpointer) {
  CN_ASSIGN_OR_RETURN(std::optional<StoredCheckpoint> issued,
                      checkpointer->IssueIfGrown());
  if (!issued.has_value()) return InternalError("no checkpoint was issued");
  return issued->note;
}

StatusOr<std::vector<PublishedEntry>> Publish(
    FeedWriter* writer, const std::vector<nlohmann::json>& drafts) {
  std::vector<EntryDraft> validated;
  for (const nlohmann::json& d : drafts) {
    CN_ASSIGN_OR_RETURN(EntryDraft draft, ValidateDraft(d));
    validated.push_back(std::move(draft));
  }
  return writer->Publish(std::move(validated));
}

StatusOr<Example> BuildExample() {
  Example ex;
  TempDir dir;
  TestFeedKey key = MakeFeedKey(kOrigin, kSeedByte);
  if (key.signer == nullptr) return InternalError("no test key");
  ex.seed = std::string(32, kSeedByte);
  ex.public_key = key.signer->PublicKey();
  ex.key_id = crypto::Ed25519KeyId(kOrigin, ex.public_key);
  ex.verifier_key = key.verifier_key;

  FeedStoreOptions options;
  options.create_if_missing = true;
  options.sync = false;
  CN_ASSIGN_OR_RETURN(std::unique_ptr<FeedStore> store,
                      FeedStore::Open(dir.Sub("db"), options));
  CN_RETURN_IF_ERROR(store->AddFeed(kOrigin, key.verifier_key));
  FakeClock clock(kFirstBatchMicros);
  CN_ASSIGN_OR_RETURN(
      std::unique_ptr<FeedWriter> writer,
      FeedWriter::New(store.get(), kOrigin, key.signer.get(), &clock));
  Checkpointer checkpointer(store.get(), kOrigin, key.signer.get());

  // As a node does: a checkpoint of the empty feed first, then one after
  // each batch.
  CN_ASSIGN_OR_RETURN(ex.note_0, IssueCheckpoint(&checkpointer));
  CN_RETURN_IF_ERROR(Publish(writer.get(), FirstBatch()).status());
  CN_ASSIGN_OR_RETURN(ex.note_3, IssueCheckpoint(&checkpointer));
  CN_ASSIGN_OR_RETURN(ex.tile_at_3, store->GetTile(kOrigin, 0, 0));
  clock.Set(kSecondBatchMicros);
  CN_RETURN_IF_ERROR(Publish(writer.get(), SecondBatch()).status());
  CN_ASSIGN_OR_RETURN(ex.note_5, IssueCheckpoint(&checkpointer));
  CN_ASSIGN_OR_RETURN(ex.tile_at_5, store->GetTile(kOrigin, 0, 0));
  CN_ASSIGN_OR_RETURN(crypto::Note parsed, crypto::ParseNote(ex.note_5));
  if (parsed.signatures.size() != 1) return InternalError("one signature");
  ex.signature_5 = parsed.signatures[0];

  CN_ASSIGN_OR_RETURN(std::vector<StoredEntry> stored,
                      store->GetEntries(kOrigin, 0, kEntries));
  if (stored.size() != kEntries) return InternalError("five entries");
  for (const StoredEntry& s : stored) {
    CN_ASSIGN_OR_RETURN(nlohmann::json parsed_entry, ParseJson(s.bytes));
    ex.entries.push_back({s.bytes, s.signature,
                          parsed_entry.value("issued_at", std::string()),
                          LeafHash(s.bytes)});
  }
  FeedTree tree(store.get(), kOrigin);
  for (uint64_t size = 0; size <= kEntries; ++size) {
    CN_ASSIGN_OR_RETURN(Hash root, tree.Root(size));
    ex.roots.push_back(root);
  }
  ex.node_23 = NodeHash(ex.entries[2].leaf, ex.entries[3].leaf);
  CN_ASSIGN_OR_RETURN(ex.inclusion_2_5, tree.InclusionProof(2, 5));
  CN_ASSIGN_OR_RETURN(ex.consistency_3_5, tree.ConsistencyProof(3, 5));
  return ex;
}

// ---- How docs/PROTOCOL.md prints a value. ----

std::string Bytes(const Hash& h) { return crypto::DigestBytes(h); }
std::string Hex(const Hash& h) { return HexEncode(Bytes(h)); }
std::string B64(const Hash& h) { return Base64Encode(Bytes(h)); }
std::string Hex8(uint32_t v) {
  char buf[9];
  std::snprintf(buf, sizeof(buf), "%08x", static_cast<unsigned>(v));
  return buf;
}

// "- label: `value`" on a line of its own.
std::string Inline(const std::string& label, const std::string& value) {
  return "- " + label + ": `" + value + "`\n";
}
// "label:", a blank line, then value in a fenced block.
std::string Block(const std::string& label, std::string value) {
  if (value.empty() || value.back() != '\n') value += '\n';
  return label + ":\n\n```\n" + value + "```\n";
}
// A table row: the leading cells, then the hash in hex and in base64.
std::string HashRow(const std::vector<std::string>& cells, const Hash& h) {
  std::string row = "|";
  for (const std::string& c : cells) row += " " + c + " |";
  return row + " `" + Hex(h) + "` | `" + B64(h) + "` |\n";
}
std::string ProofJson(const std::vector<Hash>& proof) {
  nlohmann::json hashes = nlohmann::json::array();
  for (const Hash& h : proof) hashes.push_back(B64(h));
  return nlohmann::json{{"proof", hashes}}.dump();
}

size_t Occurrences(const std::string& haystack, const std::string& needle) {
  size_t count = 0;
  for (size_t at = haystack.find(needle); at != std::string::npos;
       at = haystack.find(needle, at + 1)) {
    ++count;
  }
  return count;
}

class ProtocolExampleTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    example_ = new StatusOr<Example>(BuildExample());
    std::ifstream in(CN_PROTOCOL_MD);
    std::stringstream text;
    text << in.rdbuf();
    doc_ = new std::string(text.str());
  }
  static void TearDownTestSuite() {
    delete example_;
    delete doc_;
    example_ = nullptr;
    doc_ = nullptr;
  }

  const Example& ex() const { return **example_; }

  // Every snippet occurs exactly once in docs/PROTOCOL.md.
  static void ExpectInDoc(const std::vector<std::string>& snippets) {
    ASSERT_FALSE(doc_->empty()) << "cannot read " << CN_PROTOCOL_MD;
    for (const std::string& s : snippets) {
      if (const char* out = std::getenv("CN_PRINT_EXAMPLE")) {
        std::ofstream(out, std::ios::app) << s << "\n";
      }
      EXPECT_EQ(Occurrences(*doc_, s), 1u)
          << "docs/PROTOCOL.md must contain exactly once:\n"
          << s;
    }
  }

  static StatusOr<Example>* example_;
  static std::string* doc_;
};

StatusOr<Example>* ProtocolExampleTest::example_ = nullptr;
std::string* ProtocolExampleTest::doc_ = nullptr;

TEST_F(ProtocolExampleTest, KeyValuesAreThoseOfTheSeedSevens) {
  CN_ASSERT_OK(*example_);
  ExpectInDoc({
      Inline("seed (hex)", HexEncode(ex().seed)),
      Inline("public key (hex)", HexEncode(ex().public_key)),
      Inline("public key (base64)", Base64Encode(ex().public_key)),
      Inline("key ID", Hex8(ex().key_id)),
      Block("verifier key", ex().verifier_key),
  });
}

TEST_F(ProtocolExampleTest, EntryBytesSignaturesAndLeafHashesAreTheStoredOnes) {
  CN_ASSERT_OK(*example_);
  std::vector<std::string> snippets;
  for (size_t i = 0; i < ex().entries.size(); ++i) {
    const ExampleEntry& e = ex().entries[i];
    const std::string n = "entry " + std::to_string(i);
    snippets.push_back(Block(n + " bytes (" + std::to_string(e.bytes.size()) +
                                 " bytes, issued " + e.issued_at + ")",
                             e.bytes));
    snippets.push_back(Block(n + " bytes, base64", Base64Encode(e.bytes)));
    snippets.push_back(Inline(n + " signature", Base64Encode(e.signature)));
    snippets.push_back(Inline(n + " leaf hash (hex)", Hex(e.leaf)));
    snippets.push_back(Inline(n + " leaf hash (base64)", B64(e.leaf)));
  }
  ExpectInDoc(snippets);
}

TEST_F(ProtocolExampleTest, EntrySignaturesVerifyUnderTheDomainPrefix) {
  CN_ASSERT_OK(*example_);
  StatusOr<std::unique_ptr<crypto::Ed25519Verifier>> verifier =
      crypto::Ed25519Verifier::New(ex().public_key);
  CN_ASSERT_OK(verifier);
  for (const ExampleEntry& e : ex().entries) {
    CN_EXPECT_OK(
        (*verifier)->Verify(e.signature, "creditnode/entry/v1\n" + e.bytes));
  }
}

TEST_F(ProtocolExampleTest, RootsAndInteriorNodesAreTheTreeOfTheFeed) {
  CN_ASSERT_OK(*example_);
  std::vector<std::string> snippets;
  for (size_t n = 0; n < ex().roots.size(); ++n) {
    snippets.push_back(HashRow({std::to_string(n)}, ex().roots[n]));
  }
  snippets.push_back(HashRow({"NodeHash(leaf 2, leaf 3)"}, ex().node_23));
  ExpectInDoc(snippets);
  // The structure the document explains, checked on the real roots.
  const std::vector<ExampleEntry>& e = ex().entries;
  EXPECT_EQ(ex().roots[0], EmptyRoot());
  EXPECT_EQ(ex().roots[1], e[0].leaf);
  EXPECT_EQ(ex().roots[2], NodeHash(e[0].leaf, e[1].leaf));
  EXPECT_EQ(ex().roots[3], NodeHash(ex().roots[2], e[2].leaf));
  EXPECT_EQ(ex().roots[4], NodeHash(ex().roots[2], ex().node_23));
  EXPECT_EQ(ex().roots[5], NodeHash(ex().roots[4], e[4].leaf));
}

TEST_F(ProtocolExampleTest, CheckpointNotesAreTheSignedOnes) {
  CN_ASSERT_OK(*example_);
  ExpectInDoc({
      Block("checkpoint of size 0", ex().note_0),
      Block("checkpoint of size 3", ex().note_3),
      Block("checkpoint of size 5", ex().note_5),
      Inline("size 5: key ID of the signature line",
             Hex8(ex().signature_5.key_id)),
      Inline("size 5: Ed25519 signature of the text",
             Base64Encode(ex().signature_5.signature)),
  });
  StatusOr<crypto::VerifierKey> key =
      crypto::ParseVerifierKey(ex().verifier_key);
  CN_ASSERT_OK(key);
  for (const std::string* note : {&ex().note_0, &ex().note_3, &ex().note_5}) {
    CN_EXPECT_OK(crypto::VerifyNote(*note, *key));
  }
}

TEST_F(ProtocolExampleTest, ProofsAreTheFeedTreesAndVerify) {
  CN_ASSERT_OK(*example_);
  const std::vector<Hash>& inc = ex().inclusion_2_5;
  const std::vector<Hash>& con = ex().consistency_3_5;
  ASSERT_EQ(inc.size(), 3u);
  ASSERT_EQ(con.size(), 4u);
  const char* inc_names[] = {
      "leaf 3", "root of size 2 = NodeHash(leaf 0, leaf 1)", "leaf 4"};
  const char* con_names[] = {"leaf 2", "leaf 3",
                             "root of size 2 = NodeHash(leaf 0, leaf 1)",
                             "leaf 4"};
  std::vector<std::string> snippets;
  for (size_t i = 0; i < inc.size(); ++i) {
    snippets.push_back(HashRow(
        {"inclusion[" + std::to_string(i) + "]", inc_names[i]}, inc[i]));
  }
  for (size_t i = 0; i < con.size(); ++i) {
    snippets.push_back(HashRow(
        {"consistency[" + std::to_string(i) + "]", con_names[i]}, con[i]));
  }
  snippets.push_back(Block(
      "GET /v1/feeds/wuhan.gov.example%2Fsamr/proof/inclusion?index=2&size=5",
      ProofJson(inc)));
  snippets.push_back(Block(
      "GET /v1/feeds/wuhan.gov.example%2Fsamr/proof/consistency?old=3&size=5",
      ProofJson(con)));
  ExpectInDoc(snippets);

  const std::vector<ExampleEntry>& e = ex().entries;
  EXPECT_EQ(inc, (std::vector<Hash>{e[3].leaf, ex().roots[2], e[4].leaf}));
  EXPECT_EQ(
      con, (std::vector<Hash>{e[2].leaf, e[3].leaf, ex().roots[2], e[4].leaf}));
  CN_EXPECT_OK(VerifyInclusion(2, 5, e[2].leaf, inc, ex().roots[5]));
  CN_EXPECT_OK(VerifyConsistency(3, 5, ex().roots[3], ex().roots[5], con));
}

TEST_F(ProtocolExampleTest,
       TileAndEntryBundleAreTheLeavesAndLengthPrefixedBytes) {
  CN_ASSERT_OK(*example_);
  std::string leaves;
  std::string bundle;
  for (const ExampleEntry& e : ex().entries) {
    leaves += Bytes(e.leaf);
    bundle += static_cast<char>(e.bytes.size() >> 8);
    bundle += static_cast<char>(e.bytes.size() & 0xFF);
    bundle += e.bytes;
  }
  // The stored tile is what tile/0/000.p/W serves (its first W hashes).
  EXPECT_EQ(ex().tile_at_5, leaves);
  EXPECT_EQ(ex().tile_at_3, leaves.substr(0, 3 * kHashBytes));
  ExpectInDoc({
      Inline("SHA-256 of tile/0/000.p/5 (" + std::to_string(leaves.size()) +
                 " bytes)",
             HexEncode(crypto::DigestBytes(crypto::Sha256(leaves)))),
      Inline("first 8 bytes of tile/entries/000.p/5 (hex)",
             HexEncode(bundle.substr(0, 8))),
      Inline("SHA-256 of tile/entries/000.p/5 (" +
                 std::to_string(bundle.size()) + " bytes)",
             HexEncode(crypto::DigestBytes(crypto::Sha256(bundle)))),
  });
}

TEST_F(ProtocolExampleTest, FeedListJsonIsWhatTheApiSerialises) {
  CN_ASSERT_OK(*example_);
  // The body api/feed_handler.cc builds (nlohmann dump: keys sorted).
  nlohmann::json feed = {{"origin", kOrigin},
                         {"verifier_key", ex().verifier_key},
                         {"size", kEntries},
                         {"checkpoint_size", kEntries},
                         {"checkpoint", ex().note_5}};
  nlohmann::json list = {{"feeds", nlohmann::json::array({feed})}};
  ExpectInDoc({Block("GET /v1/feeds", list.dump())});
}

}  // namespace
}  // namespace creditnode::ledger
