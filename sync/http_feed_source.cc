// HttpFeedSource (sync/http_feed_source.h). JSON is parsed with the
// non-throwing nlohmann overload (style R2) and read with find()/is_*().

#include "sync/http_feed_source.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <utility>

#include "util/encoding.h"

namespace creditnode::sync {

namespace {

// The Status a node's error answer stands for: {"error":{"code","message"}}
// with code a StatusCodeName (api/http_status.h), else by HTTP status.
Status StatusOfError(const std::string& target, const HttpResult& r) {
  std::string message = r.body.substr(0, 200);
  StatusCode code = r.status == 401   ? StatusCode::kUnauthenticated
                    : r.status == 403 ? StatusCode::kPermissionDenied
                    : r.status == 404 ? StatusCode::kNotFound
                    : r.status == 503 ? StatusCode::kUnavailable
                                      : StatusCode::kFailedPrecondition;
  nlohmann::json j = nlohmann::json::parse(r.body, nullptr, false);
  if (j.is_object()) {
    auto e = j.find("error");
    if (e != j.end() && e->is_object()) {
      auto m = e->find("message");
      if (m != e->end() && m->is_string()) message = m->get<std::string>();
      auto c = e->find("code");
      for (int i = 1; c != e->end() && c->is_string() &&
                      i <= static_cast<int>(StatusCode::kInternal);
           ++i) {
        if (StatusCodeName(static_cast<StatusCode>(i)) ==
            c->get<std::string>()) {
          code = static_cast<StatusCode>(i);
        }
      }
    }
  }
  return Status(code, "GET " + target + ": HTTP " + std::to_string(r.status) +
                          ": " + message);
}

StatusOr<nlohmann::json> GetJson(HttpClient* client,
                                 const std::string& target) {
  CN_ASSIGN_OR_RETURN(HttpResult r, client->Get(target));
  if (r.status != 200) return StatusOfError(target, r);
  nlohmann::json j = nlohmann::json::parse(r.body, nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    return InvalidArgumentError("GET " + target +
                                ": answer is not a JSON object");
  }
  return j;
}

// The array member `name` of `j`, or nullptr.
const nlohmann::json* ArrayField(const nlohmann::json& j, const char* name) {
  auto it = j.find(name);
  return it != j.end() && it->is_array() ? &*it : nullptr;
}

std::string StringOr(const nlohmann::json& j, const char* name) {
  auto it = j.find(name);
  return it != j.end() && it->is_string() ? it->get<std::string>()
                                          : std::string();
}

}  // namespace

std::string EncodePathSegment(std::string_view origin) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(origin.size() + 8);
  for (unsigned char c : origin) {
    const bool unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                            (c >= '0' && c <= '9') || c == '-' || c == '.' ||
                            c == '_' || c == '~';
    if (unreserved) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

HttpFeedSource::HttpFeedSource(HttpClient* client) : client_(client) {}

StatusOr<std::vector<ledger::SourceFeed>> HttpFeedSource::ListFeeds() {
  const std::string target = "/v1/feeds";
  CN_ASSIGN_OR_RETURN(nlohmann::json j, GetJson(client_, target));
  const nlohmann::json* feeds = ArrayField(j, "feeds");
  if (feeds == nullptr) {
    return InvalidArgumentError("GET " + target + ": no \"feeds\" array");
  }
  std::vector<ledger::SourceFeed> out;
  for (const nlohmann::json& f : *feeds) {
    if (!f.is_object() || StringOr(f, "origin").empty()) {
      return InvalidArgumentError("GET " + target +
                                  ": a feed without an origin");
    }
    ledger::SourceFeed feed;
    feed.origin = StringOr(f, "origin");
    // A missing or non-string key is left empty: the auditor reports it
    // as this feed's failure rather than giving up on every feed.
    feed.verifier_key = StringOr(f, "verifier_key");
    auto c = f.find("checkpoint");
    if (c != f.end() && c->is_string()) feed.checkpoint = c->get<std::string>();
    out.push_back(std::move(feed));
  }
  return out;
}

StatusOr<size_t> HttpFeedSource::ReadEntries(
    std::string_view origin, uint64_t start, uint64_t end,
    std::vector<ledger::SourceEntry>* page) {
  const std::string target = "/v1/feeds/" + EncodePathSegment(origin) +
                             "/entries?start=" + std::to_string(start) +
                             "&end=" + std::to_string(end);
  CN_ASSIGN_OR_RETURN(nlohmann::json j, GetJson(client_, target));
  const nlohmann::json* entries = ArrayField(j, "entries");
  if (entries == nullptr) {
    return InvalidArgumentError("GET " + target + ": no \"entries\" array");
  }
  const size_t n = std::min<size_t>(entries->size(), end - start);
  if (page->size() < n) page->resize(n);
  for (size_t i = 0; i < n; ++i) {
    const nlohmann::json& e = (*entries)[i];
    // Built only on error: no string per entry on the good path.
    auto where = [&] {
      return "GET " + target + ": entries[" + std::to_string(i) + "]";
    };
    auto index = e.is_object() ? e.find("index") : e.end();
    if (!e.is_object() || index == e.end() || !index->is_number_unsigned()) {
      return InvalidArgumentError(where() + ": no unsigned \"index\"");
    }
    StatusOr<std::string> bytes = Base64Decode(StringOr(e, "bytes"));
    StatusOr<std::string> signature = Base64Decode(StringOr(e, "signature"));
    if (!bytes.ok()) return bytes.status().WithPrefix(where() + ": bytes");
    if (!signature.ok()) {
      return signature.status().WithPrefix(where() + ": signature");
    }
    ledger::SourceEntry& out = (*page)[i];
    out.index = index->get<uint64_t>();
    out.bytes = *std::move(bytes);
    out.signature = *std::move(signature);
  }
  return n;
}

StatusOr<std::optional<std::vector<ledger::Hash>>>
HttpFeedSource::ConsistencyProof(std::string_view origin, uint64_t old_size,
                                 uint64_t size) {
  const std::string target =
      "/v1/feeds/" + EncodePathSegment(origin) +
      "/proof/consistency?old=" + std::to_string(old_size) +
      "&size=" + std::to_string(size);
  CN_ASSIGN_OR_RETURN(nlohmann::json j, GetJson(client_, target));
  const nlohmann::json* hashes = ArrayField(j, "proof");
  if (hashes == nullptr) {
    return InvalidArgumentError("GET " + target + ": no \"proof\" array");
  }
  std::vector<ledger::Hash> proof;
  for (const nlohmann::json& h : *hashes) {
    StatusOr<std::string> raw =
        Base64Decode(h.is_string() ? h.get<std::string>() : "");
    ledger::Hash hash{};
    if (!raw.ok() || raw->size() != hash.size()) {
      return InvalidArgumentError("GET " + target +
                                  ": a proof hash is not base64 of 32 bytes");
    }
    std::copy(raw->begin(), raw->end(), hash.begin());
    proof.push_back(hash);
  }
  return std::optional<std::vector<ledger::Hash>>(std::move(proof));
}

}  // namespace creditnode::sync
