// node/config.h: config.json round trip, its checks, and ParseListen.
#include "node/config.h"

#include <gtest/gtest.h>

#include "tests/node/node_test_util.h"

namespace creditnode::node::testing {
namespace {

Config SampleConfig() {
  Config c;
  c.origin = "wuhan.gov.example/tax";
  c.listen = "0.0.0.0:9090";
  c.http_threads = 4;
  c.block_cache_mib = 64;
  c.row_cache_mib = 0;
  c.subject_cache_mib = 32;
  c.tokens.push_back({"publisher", "publisher", std::string(64, 'a')});
  c.tokens.push_back({"audit-office", "auditor", std::string(64, 'b')});
  return c;
}

TEST(ConfigTest, SavedConfigLoadsBackEqualWithOwnerOnlyMode) {
  TempDir dir;
  ASSERT_TRUE(SaveConfig(dir.path(), SampleConfig()).ok());
  EXPECT_EQ(FileMode(ConfigPath(dir.path())), 0600);
  StatusOr<Config> c = LoadConfig(dir.path());
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->origin, "wuhan.gov.example/tax");
  EXPECT_EQ(c->listen, "0.0.0.0:9090");
  EXPECT_EQ(c->http_threads, 4);
  EXPECT_EQ(c->block_cache_mib, 64);
  EXPECT_EQ(c->row_cache_mib, 0);
  EXPECT_EQ(c->subject_cache_mib, 32);
  ASSERT_EQ(c->tokens.size(), 2u);
  EXPECT_EQ(c->tokens[1].name, "audit-office");
  EXPECT_EQ(c->TokenFor("auditor"), std::string(64, 'b'));
  EXPECT_EQ(c->TokenFor("nobody"), "");
}

TEST(ConfigTest, MissingConfigIsNotFoundAndSaysRunInit) {
  TempDir dir;
  StatusOr<Config> c = LoadConfig(dir.path());
  ASSERT_EQ(c.status().code(), StatusCode::kNotFound);
  EXPECT_NE(c.status().message().find("creditnode init"), std::string::npos);
}

TEST(ConfigTest, OmittedOptionalFieldsTakeTheirDefaults) {
  TempDir dir;
  WriteText(ConfigPath(dir.path()), R"({"origin":"a.example/x"})");
  StatusOr<Config> c = LoadConfig(dir.path());
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->listen, "127.0.0.1:8080");
  EXPECT_EQ(c->feed_key_file, "keys/feed.key");
  EXPECT_EQ(c->http_threads, 2);
  EXPECT_EQ(c->block_cache_mib, 256);
  EXPECT_EQ(c->row_cache_mib, 1024);
  EXPECT_EQ(c->subject_cache_mib, 256);
  EXPECT_TRUE(c->tokens.empty());
}

TEST(ConfigTest, UnknownFieldIsRejectedByName) {
  TempDir dir;
  WriteText(ConfigPath(dir.path()),
            R"({"origin":"a.example/x","litsen":"1.2.3.4:5"})");
  EXPECT_EQ(LoadConfig(dir.path()).status(),
            InvalidArgumentError("config: unknown field \"litsen\""));
}

TEST(ConfigTest, MissingOriginIsRejected) {
  TempDir dir;
  WriteText(ConfigPath(dir.path()), R"({"listen":"127.0.0.1:1"})");
  EXPECT_EQ(LoadConfig(dir.path()).status(),
            InvalidArgumentError("config: origin: required"));
}

TEST(ConfigTest, TokenWithUnknownRoleIsRejected) {
  TempDir dir;
  WriteText(
      ConfigPath(dir.path()),
      R"({"origin":"a.example/x","tokens":[{"name":"n","role":"admin","token":")" +
          std::string(40, 'c') + R"("}]})");
  EXPECT_EQ(LoadConfig(dir.path()).status(),
            InvalidArgumentError(
                "config: tokens[0].role: must be publisher or auditor"));
}

TEST(ConfigTest, ShortTokenIsRejected) {
  TempDir dir;
  WriteText(
      ConfigPath(dir.path()),
      R"({"origin":"a.example/x","tokens":[{"name":"n","role":"auditor","token":"abc"}]})");
  EXPECT_EQ(LoadConfig(dir.path()).status().code(),
            StatusCode::kInvalidArgument);
}

TEST(ConfigTest, IntegerFieldsOutOfRangeAreRejectedWithTheirRange) {
  const struct {
    const char* field;
    const char* value;
    const char* message;
  } kCases[] = {
      {"http_threads", "0", "config: http_threads: must be an integer 1..64"},
      {"http_threads", "\"2\"",
       "config: http_threads: must be an integer 1..64"},
      {"block_cache_mib", "-1",
       "config: block_cache_mib: must be an integer 0..1048576"},
      {"row_cache_mib", "2000000",
       "config: row_cache_mib: must be an integer 0..1048576"},
      {"row_cache_mib", "1.5",
       "config: row_cache_mib: must be an integer 0..1048576"},
      {"subject_cache_mib", "-2",
       "config: subject_cache_mib: must be an integer 0..1048576"},
  };
  for (const auto& c : kCases) {
    TempDir dir;
    WriteText(ConfigPath(dir.path()),
              std::string(R"({"origin":"a.example/x",")") + c.field +
                  "\":" + c.value + "}");
    EXPECT_EQ(LoadConfig(dir.path()).status(), InvalidArgumentError(c.message))
        << c.field << "=" << c.value;
  }
}

TEST(ConfigTest, MalformedJsonIsRejected) {
  TempDir dir;
  WriteText(ConfigPath(dir.path()), R"({"origin":)");
  EXPECT_EQ(LoadConfig(dir.path()).status().code(),
            StatusCode::kInvalidArgument);
}

TEST(ConfigTest, ResolvePathKeepsAbsolutePathsAndAnchorsRelativeOnes) {
  EXPECT_EQ(ResolvePath("/d", "keys/feed.key"), "/d/keys/feed.key");
  EXPECT_EQ(ResolvePath("/d", "/etc/k"), "/etc/k");
}

TEST(ParseListenTest, SplitsHostAndPort) {
  std::string host;
  uint16_t port = 1;
  ASSERT_TRUE(ParseListen("127.0.0.1:0", &host, &port).ok());
  EXPECT_EQ(host, "127.0.0.1");
  EXPECT_EQ(port, 0);
}

TEST(ParseListenTest, StripsTheBracketsOfAnIpv6Host) {
  std::string host;
  uint16_t port = 0;
  ASSERT_TRUE(ParseListen("[::1]:8080", &host, &port).ok());
  EXPECT_EQ(host, "::1");
  EXPECT_EQ(port, 8080);
}

TEST(ParseListenTest, RejectsPortsOutOfRangeAndMissingParts) {
  std::string host;
  uint16_t port = 0;
  EXPECT_EQ(ParseListen("127.0.0.1:65536", &host, &port).code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(ParseListen("127.0.0.1", &host, &port).code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(ParseListen(":80", &host, &port).code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(ParseListen("h:8o", &host, &port).code(),
            StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace creditnode::node::testing
