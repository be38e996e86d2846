// Tests for api/tlog_handler.h through the Router over a real FeedStore:
// the feed as a C2SP tlog-tiles log (c2sp.org/tlog-tiles). Hash tiles
// against leaf hashes and FeedTree roots, full tiles only when complete,
// partial widths up to the stored width, level and index encodings,
// entry bundles (uint16 big-endian length framing, hashing to the level-0
// tile, token required) and cache headers.
#include "api/tlog_handler.h"

#include <gtest/gtest.h>

#include "tests/api/feed_fixture.h"

namespace creditnode::api {
namespace {

using testing::FeedFixture;
using testing::kAuditorToken;
using testing::kOrigin;
using testing::kPeerToken;
using testing::kPublisherToken;
using testing::kUnknownToken;

class TlogHandlerTest : public FeedFixture {
 protected:
  std::string LeafHashes(uint64_t begin, uint64_t end) const {
    std::string out;
    for (uint64_t i = begin; i < end; ++i) {
      auto e = store_->GetEntry({kOrigin, i});
      EXPECT_TRUE(e.ok()) << e.status().ToString();
      out += crypto::DigestBytes(ledger::LeafHash(e.ok() ? e->bytes : ""));
    }
    return out;
  }

  Response Tlog(const std::string& rest, std::string_view token = {}) {
    return Handle(Get(FeedPath("tlog/" + rest), token));
  }

  // Splits an entry bundle into its entries; a test failure if the
  // framing does not add up.
  static std::vector<std::string> Unbundle(std::string_view bundle) {
    std::vector<std::string> entries;
    while (!bundle.empty()) {
      if (bundle.size() < 2) {
        ADD_FAILURE() << "truncated length prefix";
        break;
      }
      const size_t length = static_cast<uint8_t>(bundle[0]) << 8 |
                            static_cast<uint8_t>(bundle[1]);
      bundle.remove_prefix(2);
      if (bundle.size() < length) {
        ADD_FAILURE() << "truncated entry";
        break;
      }
      entries.emplace_back(bundle.substr(0, length));
      bundle.remove_prefix(length);
    }
    return entries;
  }

  static void ExpectBinary(const Response& r, std::string_view cache) {
    EXPECT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.content_type, "application/octet-stream");
    EXPECT_EQ(r.Header("Cache-Control"), cache);
  }
};

TEST_F(TlogHandlerTest, PartialLevel0TileHoldsTheLeafHashes) {
  PublishMany(5);
  Response r = Tlog("tile/0/000.p/5");
  ExpectBinary(r, "public, max-age=60");
  EXPECT_EQ(r.body, LeafHashes(0, 5));
}

TEST_F(TlogHandlerTest, NarrowerPartialTileIsThePrefixOfTheStoredOne) {
  PublishMany(5);
  for (uint64_t w = 1; w <= 5; ++w) {
    Response r = Tlog("tile/0/000.p/" + std::to_string(w));
    ExpectBinary(r, "public, max-age=60");
    EXPECT_EQ(r.body, LeafHashes(0, w)) << w;
  }
}

TEST_F(TlogHandlerTest, PartialTileWiderThanStoredIs404) {
  PublishMany(5);
  ExpectError(Tlog("tile/0/000.p/6"), 404, "NOT_FOUND",
              "tile/0/000.p/6 of feed wuhan.gov.example/market not found: "
              "the stored tile holds 5 hashes");
}

TEST_F(TlogHandlerTest, IncompleteTileIsNotServedAsFull) {
  PublishMany(5);
  ExpectError(Tlog("tile/0/000"), 404, "NOT_FOUND", "holds 5 hashes");
}

TEST_F(TlogHandlerTest, TilesOfA300EntryTree) {
  PublishMany(300);
  // Full level-0 tile: the first 256 leaf hashes, cacheable for ever.
  Response full = Tlog("tile/0/000");
  ExpectBinary(full, "public, max-age=31536000, immutable");
  EXPECT_EQ(full.body.size(), 8192u);
  EXPECT_EQ(full.body, LeafHashes(0, 256));
  // A partial width of a full tile is its prefix.
  EXPECT_EQ(Tlog("tile/0/000.p/3").body, LeafHashes(0, 3));
  // The partial level-0 tile after it.
  Response partial = Tlog("tile/0/001.p/44");
  ExpectBinary(partial, "public, max-age=60");
  EXPECT_EQ(partial.body, LeafHashes(256, 300));
  ExpectError(Tlog("tile/0/001"), 404, "NOT_FOUND", "holds 44 hashes");
  ExpectError(Tlog("tile/0/001.p/45"), 404, "NOT_FOUND", "holds 44 hashes");
  ExpectError(Tlog("tile/0/002.p/1"), 404, "NOT_FOUND", "no such tile yet");
  // Level 1 holds the root of each full level-0 tile (tlog-tiles: "each
  // hash in a tile is the Merkle Tree Hash of a full tile at the level
  // below").
  Response level1 = Tlog("tile/1/000.p/1");
  ExpectBinary(level1, "public, max-age=60");
  EXPECT_EQ(level1.body, crypto::DigestBytes(Root(256)));
  ExpectError(Tlog("tile/1/000.p/2"), 404, "NOT_FOUND", "holds 1 hashes");
  ExpectError(Tlog("tile/1/000"), 404, "NOT_FOUND");
  ExpectError(Tlog("tile/2/000.p/1"), 404, "NOT_FOUND", "no such tile yet");
}

TEST_F(TlogHandlerTest, TilesAreServedWithoutToken) {
  PublishMany(1);
  EXPECT_EQ(Tlog("tile/0/000.p/1").status, 200);
}

TEST_F(TlogHandlerTest, LevelsThatNoStoredTreeHasAre404) {
  PublishMany(1);
  ExpectError(Tlog("tile/8/000.p/1"), 404, "NOT_FOUND",
              "no tree has tiles at this level");
  ExpectError(Tlog("tile/63/000"), 404, "NOT_FOUND",
              "no tree has tiles at this level");
}

TEST_F(TlogHandlerTest, XPrefixedIndexIsParsedAndLookedUp) {
  PublishMany(1);
  // Index 1000 and 1234067: well formed, absent.
  ExpectError(Tlog("tile/0/x001/000"), 404, "NOT_FOUND",
              "tile/0/x001/000 of feed");
  ExpectError(Tlog("tile/0/x001/x234/067.p/8"), 404, "NOT_FOUND",
              "tile/0/x001/x234/067.p/8 of feed");
  ExpectError(Tlog("tile/entries/x001/x234/067", kPeerToken), 404, "NOT_FOUND",
              "tile/entries/x001/x234/067 of feed");
}

TEST_F(TlogHandlerTest, MalformedTilePathsAre400) {
  PublishMany(1);
  const std::pair<const char*, const char*> kCases[] = {
      {"tile/0/0", "must be three digits"},
      {"tile/0/x000/000", "must not begin with \"x000\""},
      {"tile/0/001/000", "must begin with 'x'"},
      {"tile/00/000", "level must be 0 to 63"},
      {"tile/64/000", "level must be 0 to 63"},
      {"tile/0/000.p/0", "width must be 1 to 255"},
      {"tile/0/000.p/256", "width must be 1 to 255"},
      {"tile/0/000.p/", "width must be 1 to 255"},
      {"tile/0/x018/x446/x744/x073/x709/x551/616", "index out of range"},
      {"tile/0/%zz0", "tile path: percent-encoding"},
  };
  for (const auto& [rest, message] : kCases) {
    SCOPED_TRACE(rest);
    ExpectError(Tlog(rest), 400, "INVALID_ARGUMENT", message);
  }
}

TEST_F(TlogHandlerTest, TileOfUnknownFeedIs404) {
  ExpectError(Handle(Get("/v1/feeds/nowhere.example%2Fx/tlog/tile/0/000.p/1")),
              404, "NOT_FOUND", "feed nowhere.example/x not found");
}

TEST_F(TlogHandlerTest, TileRouteTakesNoQuery) {
  PublishMany(1);
  ExpectError(Tlog("tile/0/000.p/1?x=1"), 400, "INVALID_ARGUMENT",
              "unknown parameter \"x\"");
}

TEST_F(TlogHandlerTest, PartialEntryBundleFramesEachEntryWithItsLength) {
  PublishMany(3);
  Response r = Tlog("tile/entries/000.p/3", kAuditorToken);
  ExpectBinary(r, "private, max-age=60");
  std::string expected;
  for (uint64_t i = 0; i < 3; ++i) {
    auto e = store_->GetEntry({kOrigin, i});
    CN_API_ASSERT_OK(e);
    ASSERT_LT(e->bytes.size(), 65536u);
    expected += static_cast<char>(e->bytes.size() >> 8);
    expected += static_cast<char>(e->bytes.size() & 0xFF);
    expected += e->bytes;
  }
  EXPECT_EQ(r.body, expected);
}

TEST_F(TlogHandlerTest, EntryBundlesHashToTheLevel0Tiles) {
  PublishMany(300);
  Response full = Tlog("tile/entries/000", kPeerToken);
  ExpectBinary(full, "private, max-age=31536000, immutable");
  std::vector<std::string> first = Unbundle(full.body);
  ASSERT_EQ(first.size(), 256u);
  std::string hashes;
  for (const std::string& e : first) {
    hashes += crypto::DigestBytes(ledger::LeafHash(e));
  }
  EXPECT_EQ(hashes, Tlog("tile/0/000").body);

  Response partial = Tlog("tile/entries/001.p/44", kPeerToken);
  ExpectBinary(partial, "private, max-age=60");
  std::vector<std::string> rest = Unbundle(partial.body);
  ASSERT_EQ(rest.size(), 44u);
  auto last = store_->GetEntry({kOrigin, 299});
  CN_API_ASSERT_OK(last);
  EXPECT_EQ(rest.back(), last->bytes);
  EXPECT_EQ(Unbundle(Tlog("tile/entries/001.p/2", kPeerToken).body).size(), 2u);
}

TEST_F(TlogHandlerTest, EntryBundlesTheFeedDoesNotHoldYetAre404) {
  PublishMany(3);
  ExpectError(Tlog("tile/entries/000", kAuditorToken), 404, "NOT_FOUND",
              "the feed has 3 entries");
  ExpectError(Tlog("tile/entries/000.p/4", kAuditorToken), 404, "NOT_FOUND",
              "the feed has 3 entries");
  ExpectError(Tlog("tile/entries/001.p/1", kAuditorToken), 404, "NOT_FOUND",
              "the feed has 3 entries");
  ExpectError(
      Tlog("tile/entries/x018/x446/x744/x073/x709/x551/615", kAuditorToken),
      404, "NOT_FOUND", "the feed has 3 entries");
}

TEST_F(TlogHandlerTest, EntryBundlesNeedAReaderToken) {
  PublishMany(1);
  Response none = Tlog("tile/entries/000.p/1");
  ExpectError(none, 401, "UNAUTHENTICATED", "missing bearer token");
  EXPECT_EQ(none.Header("WWW-Authenticate"), "Bearer");
  ExpectError(Tlog("tile/entries/000.p/1", kUnknownToken), 401,
              "UNAUTHENTICATED", "unknown token");
  // Even a malformed path or an unknown feed tells nothing without one.
  ExpectError(Tlog("tile/entries/0"), 401, "UNAUTHENTICATED");
  ExpectError(
      Handle(Get("/v1/feeds/nowhere.example%2Fx/tlog/tile/entries/000.p/1")),
      401, "UNAUTHENTICATED");
  for (const char* token : {kPublisherToken, kAuditorToken, kPeerToken}) {
    EXPECT_EQ(Tlog("tile/entries/000.p/1", token).status, 200) << token;
  }
}

TEST_F(TlogHandlerTest, EncodedEntriesSegmentDoesNotBypassTheToken) {
  PublishMany(1);
  ExpectError(Tlog("tile/entri%65s/000.p/1"), 400, "INVALID_ARGUMENT",
              "entry bundles are served by the entries route");
}

TEST_F(TlogHandlerTest, MalformedEntryBundlePathIs400) {
  ExpectError(Tlog("tile/entries", kPeerToken), 400, "INVALID_ARGUMENT",
              "expected <L>/<N>");
  ExpectError(Tlog("tile/entries/000.p/256", kPeerToken), 400,
              "INVALID_ARGUMENT", "width must be 1 to 255");
}

}  // namespace
}  // namespace creditnode::api
