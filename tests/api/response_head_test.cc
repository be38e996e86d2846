// Tests for api/response_head.h: the exact bytes of a response head
// (RFC 9112 §4, §6.3, §9.3; RFC 9110 §8.6, §15.2).
#include "api/response_head.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace creditnode::api {
namespace {

std::string Head(const ResponseHead& head) {
  std::string out;
  AppendResponseHead(head, &out);
  return out;
}

TEST(ResponseHeadTest, KeepAliveHttp11ResponseHasLengthAndNoConnectionField) {
  ResponseHead head;
  head.content_type = "application/json; charset=utf-8";
  head.content_length = 17;
  EXPECT_EQ(Head(head),
            "HTTP/1.1 200 OK\r\n"
            "Server: creditnode\r\n"
            "Content-Type: application/json; charset=utf-8\r\n"
            "Content-Length: 17\r\n"
            "\r\n");
}

TEST(ResponseHeadTest, ClosingResponseSaysConnectionClose) {
  ResponseHead head;
  head.status = 400;
  head.keep_alive = false;
  head.content_type = "text/plain";
  EXPECT_EQ(Head(head),
            "HTTP/1.1 400 Bad Request\r\n"
            "Server: creditnode\r\n"
            "Content-Type: text/plain\r\n"
            "Content-Length: 0\r\n"
            "Connection: close\r\n"
            "\r\n");
}

TEST(ResponseHeadTest, Http10KeepAliveIsExplicit) {
  ResponseHead head;
  head.version = 10;
  head.content_length = 2;
  EXPECT_EQ(Head(head),
            "HTTP/1.0 200 OK\r\n"
            "Server: creditnode\r\n"
            "Content-Length: 2\r\n"
            "Connection: keep-alive\r\n"
            "\r\n");
}

TEST(ResponseHeadTest, ExtraFieldsFollowInOrder) {
  const std::vector<std::pair<std::string, std::string>> fields = {
      {"WWW-Authenticate", "Bearer"}, {"Allow", "GET, HEAD"}};
  ResponseHead head;
  head.status = 405;
  head.fields = &fields;
  EXPECT_EQ(Head(head),
            "HTTP/1.1 405 Method Not Allowed\r\n"
            "Server: creditnode\r\n"
            "WWW-Authenticate: Bearer\r\n"
            "Allow: GET, HEAD\r\n"
            "Content-Length: 0\r\n"
            "\r\n");
}

TEST(ResponseHeadTest, LineBreaksInFieldsCannotInjectAField) {
  const std::vector<std::pair<std::string, std::string>> fields = {
      {"Location", "/a\r\nSet-Cookie: x=1"}};
  ResponseHead head;
  head.status = 302;
  head.fields = &fields;
  head.content_type = "text/plain\r\nX: y";
  const std::string out = Head(head);
  EXPECT_NE(out.find("Location: /a  Set-Cookie: x=1\r\n"), std::string::npos);
  EXPECT_NE(out.find("Content-Type: text/plain  X: y\r\n"), std::string::npos);
  EXPECT_EQ(out.find("\r\nSet-Cookie"), std::string::npos);
  EXPECT_EQ(out.find("\r\nX: y"), std::string::npos);
}

TEST(ResponseHeadTest, InterimResponseIsTheStatusLineAlone) {
  ResponseHead head;
  head.status = 100;
  head.content_type = "ignored";
  head.content_length = 5;
  EXPECT_EQ(Head(head), "HTTP/1.1 100 Continue\r\n\r\n");
}

TEST(ResponseHeadTest, NoContentHasNoLength) {
  ResponseHead head;
  head.status = 204;
  EXPECT_EQ(Head(head),
            "HTTP/1.1 204 No Content\r\nServer: creditnode\r\n\r\n");
}

TEST(ResponseHeadTest, AppendsToWhatIsThere) {
  std::string out = "before";
  ResponseHead head;
  head.status = 404;
  AppendResponseHead(head, &out);
  EXPECT_EQ(out.rfind("beforeHTTP/1.1 404 Not Found\r\n", 0), 0u);
}

}  // namespace
}  // namespace creditnode::api
