// Keeps docs/openapi.yaml and the Router in step: every route of
// Router::Routes() is documented under `paths:` with its method, and every
// documented path and method is served. The file follows a layout its
// header comment states (paths at two spaces, methods at four), so a
// line scan reads it without a YAML library.
#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "api/router.h"

namespace creditnode::api {
namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// "GET /v1/health", ... for every method under every path in `paths:`.
std::set<std::string> DocumentedRoutes(const std::string& yaml) {
  static const std::set<std::string> kMethods = {
      "get", "put", "post", "delete", "options", "head", "patch", "trace"};
  std::set<std::string> routes;
  std::istringstream lines(yaml);
  std::string line;
  bool in_paths = false;
  std::string path;
  while (std::getline(lines, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line.find_first_not_of(' ') == std::string::npos ||
        line[line.find_first_not_of(' ')] == '#') {
      continue;
    }
    if (line[0] != ' ') {
      in_paths = line == "paths:";
      continue;
    }
    if (!in_paths) continue;
    if (line.rfind("  /", 0) == 0 && line.back() == ':') {
      path = line.substr(2, line.size() - 3);
    } else if (line.rfind("    ", 0) == 0 && line[4] != ' ' &&
               line.back() == ':') {
      const std::string key = line.substr(4, line.size() - 5);
      if (kMethods.count(key) != 0) {
        std::string method = key;
        for (char& c : method) c = static_cast<char>(c - 'a' + 'A');
        routes.insert(method + " " + path);
      }
    }
  }
  return routes;
}

TEST(OpenApiTest, DocumentsExactlyTheRoutesTheRouterServes) {
  const std::string yaml =
      ReadFile(std::string(CN_SOURCE_DIR) + "/docs/openapi.yaml");
  ASSERT_FALSE(yaml.empty()) << "docs/openapi.yaml not found";
  ASSERT_EQ(yaml.rfind("openapi: 3.0.", 0), 0u);
  std::set<std::string> served;
  for (const RouteSpec& r : Router::Routes()) {
    served.insert(std::string(r.method) + " " + std::string(r.path_template));
  }
  const std::set<std::string> documented = DocumentedRoutes(yaml);
  for (const std::string& r : served) {
    EXPECT_TRUE(documented.count(r)) << "served but not documented: " << r;
  }
  for (const std::string& r : documented) {
    EXPECT_TRUE(served.count(r)) << "documented but not served: " << r;
  }
}

TEST(OpenApiTest, LineScanFindsPathsAndMethodsOnly) {
  const std::string yaml =
      "openapi: 3.0.3\n"
      "paths:\n"
      "  /a:\n"
      "    get:\n"
      "      parameters:\n"
      "        post:\n"
      "    post:\n"
      "  /b/{x}:\n"
      "    # comment\n"
      "    delete:\n"
      "components:\n"
      "  /c:\n"
      "    get:\n";
  EXPECT_EQ(DocumentedRoutes(yaml),
            std::set<std::string>({"GET /a", "POST /a", "DELETE /b/{x}"}));
}

}  // namespace
}  // namespace creditnode::api
