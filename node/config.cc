// Config (node/config.h): config.json read strictly (unknown fields are
// errors, so a typo is not silently ignored) and written atomically, 0600.
#include "node/config.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "ledger/json_parse.h"

namespace creditnode::node {
namespace {

Status ReadFile(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (errno == ENOENT) {
      return NotFoundError(path + ": not found; run `creditnode init` first");
    }
    return UnavailableError(path + ": " + std::strerror(errno));
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  *out = ss.str();
  return OkStatus();
}

Status WriteFileAtomically(const std::string& path, const std::string& data) {
  const std::string tmp = path + ".tmp";
  int fd = ::open(tmp.c_str(), O_CREAT | O_TRUNC | O_WRONLY, 0600);
  if (fd < 0) return UnavailableError(tmp + ": " + std::strerror(errno));
  size_t off = 0;
  while (off < data.size()) {
    ssize_t n = ::write(fd, data.data() + off, data.size() - off);
    if (n < 0) {
      if (errno == EINTR) continue;
      ::close(fd);
      return UnavailableError(tmp + ": " + std::strerror(errno));
    }
    off += static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    return UnavailableError(tmp + ": " + std::strerror(errno));
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    return UnavailableError(path + ": " + std::strerror(errno));
  }
  return OkStatus();
}

Status GetString(const nlohmann::json& j, const char* key, bool required,
                 std::string* out) {
  auto it = j.find(key);
  if (it == j.end()) {
    return required ? InvalidArgumentError(std::string("config: ") + key +
                                           ": required")
                    : OkStatus();
  }
  if (!it->is_string()) {
    return InvalidArgumentError(std::string("config: ") + key +
                                ": must be a string");
  }
  *out = it->get<std::string>();
  return OkStatus();
}

// Optional integer field `key` of `j` in [min, max] into *out (left as is
// when absent).
Status GetInt(const nlohmann::json& j, const char* key, int min, int max,
              int* out) {
  auto it = j.find(key);
  if (it == j.end()) return OkStatus();
  if (!it->is_number_integer() || it->get<int64_t>() < min ||
      it->get<int64_t>() > max) {
    return InvalidArgumentError(std::string("config: ") + key +
                                ": must be an integer " + std::to_string(min) +
                                ".." + std::to_string(max));
  }
  *out = it->get<int>();
  return OkStatus();
}

}  // namespace

std::string Config::TokenFor(const std::string& role) const {
  for (const TokenConfig& t : tokens) {
    if (t.role == role) return t.token;
  }
  return "";
}

std::string ConfigPath(const std::string& data_dir) {
  return data_dir + "/config.json";
}
std::string DatabasePath(const std::string& data_dir) {
  return data_dir + "/db";
}

std::string ResolvePath(const std::string& data_dir, const std::string& file) {
  if (!file.empty() && file[0] == '/') return file;
  return data_dir + "/" + file;
}

StatusOr<Config> LoadConfig(const std::string& data_dir) {
  std::string text;
  CN_RETURN_IF_ERROR(ReadFile(ConfigPath(data_dir), &text));
  CN_ASSIGN_OR_RETURN(nlohmann::json j, ledger::ParseJson(text));
  if (!j.is_object())
    return InvalidArgumentError("config: must be a JSON object");
  static const char* kKnown[] = {
      "origin",        "listen",          "feed_key_file",
      "witness_key_file", "tokens",       "http_threads",
      "block_cache_mib",  "row_cache_mib", "subject_cache_mib"};
  for (auto it = j.begin(); it != j.end(); ++it) {
    bool known = false;
    for (const char* k : kKnown) known = known || it.key() == k;
    if (!known)
      return InvalidArgumentError("config: unknown field \"" + it.key() + "\"");
  }
  Config c;
  CN_RETURN_IF_ERROR(GetString(j, "origin", true, &c.origin));
  CN_RETURN_IF_ERROR(GetString(j, "listen", false, &c.listen));
  CN_RETURN_IF_ERROR(GetString(j, "feed_key_file", false, &c.feed_key_file));
  CN_RETURN_IF_ERROR(
      GetString(j, "witness_key_file", false, &c.witness_key_file));
  // Caches up to 1 TiB: a typo of a few digits is caught, a big server is
  // not refused.
  constexpr int kMaxCacheMib = 1 << 20;
  CN_RETURN_IF_ERROR(GetInt(j, "http_threads", 1, 64, &c.http_threads));
  CN_RETURN_IF_ERROR(
      GetInt(j, "block_cache_mib", 0, kMaxCacheMib, &c.block_cache_mib));
  CN_RETURN_IF_ERROR(
      GetInt(j, "row_cache_mib", 0, kMaxCacheMib, &c.row_cache_mib));
  CN_RETURN_IF_ERROR(GetInt(j, "subject_cache_mib", 0, kMaxCacheMib,
                            &c.subject_cache_mib));
  if (auto it = j.find("tokens"); it != j.end()) {
    if (!it->is_array())
      return InvalidArgumentError("config: tokens: must be an array");
    for (size_t i = 0; i < it->size(); ++i) {
      const nlohmann::json& t = (*it)[i];
      const std::string path = "tokens[" + std::to_string(i) + "]";
      if (!t.is_object())
        return InvalidArgumentError("config: " + path + ": must be an object");
      TokenConfig tc;
      CN_RETURN_IF_ERROR(GetString(t, "name", true, &tc.name).WithPrefix(path));
      CN_RETURN_IF_ERROR(GetString(t, "role", true, &tc.role).WithPrefix(path));
      CN_RETURN_IF_ERROR(
          GetString(t, "token", true, &tc.token).WithPrefix(path));
      if (tc.role != "publisher" && tc.role != "auditor") {
        return InvalidArgumentError("config: " + path +
                                    ".role: must be publisher or auditor");
      }
      if (tc.token.size() < 32) {
        return InvalidArgumentError("config: " + path +
                                    ".token: at least 32 characters");
      }
      c.tokens.push_back(std::move(tc));
    }
  }
  std::string host;
  uint16_t port;
  CN_RETURN_IF_ERROR(
      ParseListen(c.listen, &host, &port).WithPrefix("config: listen"));
  return c;
}

Status SaveConfig(const std::string& data_dir, const Config& c) {
  nlohmann::json j;
  j["origin"] = c.origin;
  j["listen"] = c.listen;
  j["feed_key_file"] = c.feed_key_file;
  j["witness_key_file"] = c.witness_key_file;
  j["http_threads"] = c.http_threads;
  j["block_cache_mib"] = c.block_cache_mib;
  j["row_cache_mib"] = c.row_cache_mib;
  j["subject_cache_mib"] = c.subject_cache_mib;
  j["tokens"] = nlohmann::json::array();
  for (const TokenConfig& t : c.tokens) {
    j["tokens"].push_back(
        {{"name", t.name}, {"role", t.role}, {"token", t.token}});
  }
  return WriteFileAtomically(ConfigPath(data_dir), j.dump(2) + "\n");
}

Status ParseListen(const std::string& listen, std::string* host,
                   uint16_t* port) {
  size_t colon = listen.rfind(':');
  if (colon == std::string::npos || colon == 0) {
    return InvalidArgumentError("expected HOST:PORT, got \"" + listen + "\"");
  }
  std::string p = listen.substr(colon + 1);
  if (p.empty() || p.size() > 5 ||
      p.find_first_not_of("0123456789") != std::string::npos ||
      std::stoul(p) > 65535) {
    return InvalidArgumentError("port must be 0..65535, got \"" + p + "\"");
  }
  *host = listen.substr(0, colon);
  if (host->size() >= 2 && host->front() == '[' && host->back() == ']') {
    *host = host->substr(1, host->size() - 2);
  }
  *port = static_cast<uint16_t>(std::stoul(p));
  return OkStatus();
}

}  // namespace creditnode::node
