// Tests for api/token_table.h: bearer parsing (RFC 6750 §2.1, RFC 7235
// §2.1), roles, and the rules Add() enforces.
#include "api/token_table.h"

#include <gtest/gtest.h>

#include "crypto/ed25519.h"

namespace creditnode::api {
namespace {

constexpr char kPub[] = "pub-0123456789abcdef";
constexpr char kAud[] = "aud-0123456789abcdef";

class TokenTableTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(crypto::InitCrypto().ok());
    ASSERT_TRUE(table_.Add(kPub, Role::kPublisher).ok());
    ASSERT_TRUE(table_.Add(kAud, Role::kAuditor).ok());
  }
  TokenTable table_;
};

TEST_F(TokenTableTest, AuthenticatesEachTokenWithItsRole) {
  StatusOr<Role> p = table_.Authenticate(std::string("Bearer ") + kPub);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(*p, Role::kPublisher);
  StatusOr<Role> a = table_.Authenticate(std::string("Bearer ") + kAud);
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(*a, Role::kAuditor);
}

TEST_F(TokenTableTest, SchemeIsCaseInsensitiveAndExtraSpacesAreAllowed) {
  EXPECT_TRUE(table_.Authenticate(std::string("bearer ") + kPub).ok());
  EXPECT_TRUE(table_.Authenticate(std::string("BEARER   ") + kPub).ok());
}

TEST_F(TokenTableTest, MissingHeaderIsUnauthenticated) {
  StatusOr<Role> r = table_.Authenticate("");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kUnauthenticated);
  EXPECT_EQ(r.status().message(), "authorization: missing bearer token");
}

TEST_F(TokenTableTest, OtherSchemeIsMalformed) {
  StatusOr<Role> r = table_.Authenticate("Basic dXNlcjpwYXNz");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kUnauthenticated);
  EXPECT_EQ(r.status().message(), "authorization: expected \"Bearer <token>\"");
}

TEST_F(TokenTableTest, BearerWithoutTokenOrWithBadCharactersIsMalformed) {
  for (const char* header :
       {"Bearer", "Bearer ", "Bearer a b", "Bearer tok\"en12345678901"}) {
    StatusOr<Role> r = table_.Authenticate(header);
    ASSERT_FALSE(r.ok()) << header;
    EXPECT_EQ(r.status().message(),
              "authorization: expected \"Bearer <token>\"")
        << header;
  }
}

TEST_F(TokenTableTest, UnknownTokenIsUnauthenticated) {
  StatusOr<Role> r = table_.Authenticate("Bearer zzz-0123456789abcdef");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kUnauthenticated);
  EXPECT_EQ(r.status().message(), "authorization: unknown token");
}

TEST_F(TokenTableTest, PrefixOrExtensionOfATokenDoesNotMatch) {
  EXPECT_FALSE(table_.Authenticate("Bearer pub-0123456789abcde").ok());
  EXPECT_FALSE(table_.Authenticate("Bearer pub-0123456789abcdef0").ok());
}

TEST_F(TokenTableTest, AddRefusesShortTokens) {
  Status s = table_.Add("short", Role::kAuditor);
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.message(), "token: shorter than 16 characters");
}

TEST_F(TokenTableTest, AddRefusesCharactersOutsideToken68) {
  EXPECT_EQ(table_.Add("has space 0123456789", Role::kAuditor).code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(table_.Add("0123456789abcdef=x", Role::kAuditor).code(),
            StatusCode::kInvalidArgument);
  EXPECT_TRUE(table_.Add("0123456789abcdef+/==", Role::kAuditor).ok());
}

TEST_F(TokenTableTest, AddRefusesADuplicateEvenWithAnotherRole) {
  Status s = table_.Add(kPub, Role::kAuditor);
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.message(), "token: added twice");
  EXPECT_EQ(table_.size(), 2u);
}

TEST(RoleTest, PeerTokenAuthenticatesAsPeer) {
  TokenTable table;
  ASSERT_TRUE(table.Add("peer-0123456789abcdef", Role::kPeer).ok());
  StatusOr<Role> role = table.Authenticate("Bearer peer-0123456789abcdef");
  ASSERT_TRUE(role.ok()) << role.status().ToString();
  EXPECT_EQ(*role, Role::kPeer);
}

TEST(RoleTest, NamesRoundTrip) {
  EXPECT_EQ(RoleName(Role::kPublisher), "publisher");
  EXPECT_EQ(RoleName(Role::kAuditor), "auditor");
  EXPECT_EQ(*ParseRole("publisher"), Role::kPublisher);
  EXPECT_EQ(*ParseRole("auditor"), Role::kAuditor);
  EXPECT_EQ(RoleName(Role::kPeer), "peer");
  EXPECT_EQ(*ParseRole("peer"), Role::kPeer);
  StatusOr<Role> bad = ParseRole("admin");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(), "role: unknown role \"admin\"");
}

}  // namespace
}  // namespace creditnode::api
