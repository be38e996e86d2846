// Tests for api/tile_path.h: the C2SP tlog-tiles path encoding. Known
// answers from c2sp.org/tlog-tiles ("index 1234067 will be encoded as
// x001/x234/067"), round trips, and each malformed path with its rule.
#include "api/tile_path.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <sstream>

namespace creditnode::api {
namespace {

// "a/b/c" → {"a", "b", "c"}.
std::vector<std::string> Segments(const std::string& path) {
  std::vector<std::string> out;
  std::stringstream ss(path);
  std::string part;
  while (std::getline(ss, part, '/')) out.push_back(part);
  if (!path.empty() && path.back() == '/') out.emplace_back();
  return out;
}

TEST(TilePathTest, IndexOfTheSpecExampleHasTwoXPrefixedElements) {
  EXPECT_EQ(FormatTileIndex(1234067), "x001/x234/067");
}

TEST(TilePathTest, SmallIndicesAreOneZeroPaddedElement) {
  EXPECT_EQ(FormatTileIndex(0), "000");
  EXPECT_EQ(FormatTileIndex(7), "007");
  EXPECT_EQ(FormatTileIndex(999), "999");
  EXPECT_EQ(FormatTileIndex(1000), "x001/000");
}

TEST(TilePathTest, LargestIndexHasSevenElements) {
  EXPECT_EQ(FormatTileIndex(std::numeric_limits<uint64_t>::max()),
            "x018/x446/x744/x073/x709/x551/615");
}

TEST(TilePathTest, FormatAddsLevelAndPartialWidth) {
  EXPECT_EQ(FormatTilePath({false, 0, 1234067, 256}), "tile/0/x001/x234/067");
  EXPECT_EQ(FormatTilePath({false, 2, 5, 8}), "tile/2/005.p/8");
  EXPECT_EQ(FormatTilePath({true, 0, 1234067, 255}),
            "tile/entries/x001/x234/067.p/255");
}

TEST(TilePathTest, ParseReadsTheSpecExample) {
  StatusOr<TilePath> p = ParseTilePath(Segments("0/x001/x234/067"));
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(*p, (TilePath{false, 0, 1234067, 256}));
}

TEST(TilePathTest, ParseReadsPartialTilesAndEntryBundles) {
  StatusOr<TilePath> p = ParseTilePath(Segments("3/x001/x234/067.p/8"));
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(*p, (TilePath{false, 3, 1234067, 8}));
  StatusOr<TilePath> e = ParseTilePath(Segments("entries/000.p/1"));
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  EXPECT_EQ(*e, (TilePath{true, 0, 0, 1}));
}

TEST(TilePathTest, ParseInvertsFormat) {
  const uint64_t max = std::numeric_limits<uint64_t>::max();
  for (const TilePath& t :
       {TilePath{false, 0, 0, 256}, TilePath{false, 63, max, 255},
        TilePath{false, 1, 1000, 1}, TilePath{true, 0, 999999, 256},
        TilePath{true, 0, max, 17}}) {
    const std::string path = FormatTilePath(t);
    ASSERT_EQ(path.rfind("tile/", 0), 0u);
    StatusOr<TilePath> back = ParseTilePath(Segments(path.substr(5)));
    ASSERT_TRUE(back.ok()) << path << ": " << back.status().ToString();
    EXPECT_EQ(*back, t) << path;
  }
}

// Each malformed path and a part of the message naming its rule.
TEST(TilePathTest, MalformedPathsAreRefusedWithTheirRule) {
  const std::pair<const char*, const char*> kCases[] = {
      {"0", "expected <L>/<N>"},
      {"entries", "expected <L>/<N>"},
      {"64/000", "level must be 0 to 63"},
      {"01/000", "level must be 0 to 63"},
      {"-1/000", "level must be 0 to 63"},
      {"+1/000", "level must be 0 to 63"},
      {"/000", "level must be 0 to 63"},
      {"a/000", "level must be 0 to 63"},
      {"0/67", "must be three digits"},
      {"0/0067", "must be three digits"},
      {"0/06a", "must be three digits"},
      {"0/", "must be three digits"},
      {"0/x067", "must be three digits (the last has no 'x')"},
      {"0/001/067", "must begin with 'x'"},
      {"0/x01/067", "must be three digits after the 'x'"},
      {"0/x000/067", "must not begin with \"x000\""},
      {"0/x018/x446/x744/x073/x709/x551/616", "index out of range"},
      {"0/x001/x001/x001/x001/x001/x001/x001/000", "too many elements"},
      {"0/000.p/0", "width must be 1 to 255"},
      {"0/000.p/256", "width must be 1 to 255"},
      {"0/000.p/08", "width must be 1 to 255"},
      {"0/000.p/", "width must be 1 to 255"},
      {"0/000.p", "must be three digits"},
      {"0/000.p/8/1", "must begin with 'x'"},
      {"0/000/extra", "must begin with 'x'"},
      {"entries/1", "must be three digits"},
  };
  for (const auto& [path, rule] : kCases) {
    StatusOr<TilePath> p = ParseTilePath(Segments(path));
    ASSERT_FALSE(p.ok()) << path;
    EXPECT_EQ(p.status().code(), StatusCode::kInvalidArgument) << path;
    EXPECT_NE(p.status().message().find("tile path: "), std::string::npos)
        << path;
    EXPECT_NE(p.status().message().find(rule), std::string::npos)
        << path << ": " << p.status().message();
  }
}

}  // namespace
}  // namespace creditnode::api
