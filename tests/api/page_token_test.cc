// Tests for api/page_token.h: the next_page_token of /v1/subjects/{id}.
#include "api/page_token.h"

#include <gtest/gtest.h>

namespace creditnode::api {
namespace {

TEST(PageTokenTest, RoundTripsACursor) {
  const ledger::LookupCursor cursor{1767605400000000,
                                    "wuhan.gov.example/credit", 42};
  EXPECT_EQ(EncodePageToken(cursor),
            "1767605400000000.42.wuhan.gov.example/credit");
  StatusOr<ledger::LookupCursor> back =
      DecodePageToken(EncodePageToken(cursor));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, cursor);
}

TEST(PageTokenTest, MalformedTokensAreRejected) {
  for (const char* token :
       {"", "1", "1.2", "1.2.", "x.2.a.example", "1.y.a.example",
        "01.2.a.example", "1.02.a.example", "-1.2.a.example", "1.2.A.example",
        "1.2.a example", "99999999999999999999.2.a.example",
        "9223372036854775808.2.a.example"}) {
    EXPECT_EQ(DecodePageToken(token).status(),
              InvalidArgumentError("page_token: malformed"))
        << token;
  }
}

}  // namespace
}  // namespace creditnode::api
