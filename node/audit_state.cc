// Audit state files (node/audit_state.h).

#include "node/audit_state.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "crypto/sha256.h"
#include "ledger/json_parse.h"
#include "util/encoding.h"

namespace creditnode::node {

std::string AuditStateDir(const std::string& requested) {
  if (!requested.empty()) return requested;
  if (const char* xdg = std::getenv("XDG_STATE_HOME"); xdg && *xdg) {
    return std::string(xdg) + "/creditnode-audit";
  }
  const char* home = std::getenv("HOME");
  return std::string(home ? home : ".") + "/.local/state/creditnode-audit";
}

std::string AuditStatePath(const std::string& dir) {
  return dir + "/state.json";
}

StatusOr<ledger::AuditState> LoadAuditState(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (!std::filesystem::exists(path)) return ledger::AuditState();
    return UnavailableError(path + ": cannot read");
  }
  std::stringstream text;
  text << in.rdbuf();
  StatusOr<nlohmann::json> doc = ledger::ParseJson(text.str());
  if (!doc.ok() || !doc->is_object()) {
    return DataLossError(path + ": not a JSON object (" +
                         (doc.ok() ? "wrong type" : doc.status().message()) +
                         ")");
  }
  ledger::AuditState state;
  for (const auto& [origin, v] : doc->items()) {
    const std::string where = path + ": feed " + origin;
    if (!v.is_object()) return DataLossError(where + ": not an object");
    auto key = v.find("verifier_key");
    auto size = v.find("size");
    auto root = v.find("root");
    if (key == v.end() || !key->is_string()) {
      return DataLossError(where + ": \"verifier_key\" missing");
    }
    if (size == v.end() || !size->is_number_unsigned()) {
      return DataLossError(where + ": \"size\" missing");
    }
    StatusOr<std::string> raw = Base64Decode(
        root != v.end() && root->is_string() ? root->get<std::string>() : "");
    ledger::AuditedCheckpoint c;
    if (!raw.ok() || raw->size() != c.root.size()) {
      return DataLossError(where + ": \"root\" is not base64 of 32 bytes");
    }
    auto seen_at = v.find("seen_at");
    if (seen_at != v.end()) {
      if (!seen_at->is_string()) {
        return DataLossError(where + ": \"seen_at\" is not a string");
      }
      c.seen_at = seen_at->get<std::string>();
    }
    c.verifier_key = key->get<std::string>();
    c.size = size->get<uint64_t>();
    std::copy(raw->begin(), raw->end(), c.root.begin());
    state.emplace(origin, std::move(c));
  }
  return state;
}

Status SaveAuditState(const std::string& path,
                      const ledger::AuditState& state) {
  nlohmann::json doc = nlohmann::json::object();
  for (const auto& [origin, c] : state) {
    doc[origin] = {{"verifier_key", c.verifier_key},
                   {"size", c.size},
                   {"root", Base64Encode(crypto::DigestBytes(c.root))}};
    if (!c.seen_at.empty()) doc[origin]["seen_at"] = c.seen_at;
  }
  const std::string text = doc.dump(2) + "\n";
  std::error_code ec;
  const std::filesystem::path parent =
      std::filesystem::path(path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  if (ec) return UnavailableError(parent.string() + ": " + ec.message());
  // Temp file, fsync, rename: a crash leaves the old state or the new one,
  // never a torn file that would make the next audit refuse to start.
  const std::string tmp = path + ".tmp";
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (fd < 0) return UnavailableError(tmp + ": " + std::strerror(errno));
  size_t off = 0;
  while (off < text.size()) {
    const ssize_t w = ::write(fd, text.data() + off, text.size() - off);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) {
      const std::string err = std::strerror(errno);
      ::close(fd);
      return UnavailableError(tmp + ": write: " + err);
    }
    off += static_cast<size_t>(w);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    return UnavailableError(tmp + ": fsync: " + std::strerror(errno));
  }
  std::filesystem::rename(tmp, path, ec);
  if (ec) return UnavailableError(path + ": " + ec.message());
  return OkStatus();
}

}  // namespace creditnode::node
