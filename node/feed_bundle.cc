// Feed bundles (node/feed_bundle.h).

#include "node/feed_bundle.h"

#include <nlohmann/json.hpp>

#include "ledger/json_parse.h"
#include "util/encoding.h"

namespace creditnode::node {

namespace {

constexpr uint64_t kPage = 1000;

StatusOr<std::string> StringField(const nlohmann::json& j, const char* name,
                                  const std::string& where) {
  auto it = j.find(name);
  if (it == j.end() || !it->is_string()) {
    return InvalidArgumentError(where + ": \"" + name + "\" missing");
  }
  return it->get<std::string>();
}

}  // namespace

StatusOr<uint64_t> WriteBundle(const ledger::FeedReader& reader,
                               const std::string& origin, std::ostream& out) {
  CN_ASSIGN_OR_RETURN(ledger::FeedInfo feed, reader.GetFeed(origin));
  CN_ASSIGN_OR_RETURN(std::optional<ledger::StoredCheckpoint> checkpoint,
                      reader.LatestCheckpoint(origin));
  if (!checkpoint) {
    return FailedPreconditionError("feed " + origin +
                                   " has no checkpoint yet (serve it once)");
  }
  nlohmann::json header = {{"format", std::string(kBundleFormat)},
                           {"origin", origin},
                           {"verifier_key", feed.verifier_key},
                           {"checkpoint", checkpoint->note}};
  out << header.dump() << "\n";
  for (uint64_t start = 0; start < checkpoint->size; start += kPage) {
    CN_ASSIGN_OR_RETURN(
        std::vector<ledger::StoredEntry> entries,
        reader.GetEntries(origin, start,
                          std::min(checkpoint->size, start + kPage)));
    for (const ledger::StoredEntry& e : entries) {
      out << "{\"index\":" << e.ref.index << ",\"bytes\":\""
          << Base64Encode(e.bytes) << "\",\"signature\":\""
          << Base64Encode(e.signature) << "\"}\n";
    }
  }
  out.flush();
  if (!out.good()) return UnavailableError("bundle: write failed");
  return checkpoint->size;
}

Status ReadBundle(std::istream& in,
                  const std::function<Status(const BundleHeader&)>& on_header,
                  const std::function<Status(uint64_t, std::string_view,
                                             std::string_view)>& on_entry) {
  std::string line;
  uint64_t line_no = 0;
  bool have_header = false;
  while (std::getline(in, line)) {
    ++line_no;
    const std::string where = "bundle line " + std::to_string(line_no);
    StatusOr<nlohmann::json> j = ledger::ParseJson(line);
    if (!j.ok()) return j.status().WithPrefix(where);
    if (!j->is_object()) return InvalidArgumentError(where + ": not an object");
    if (!have_header) {
      CN_ASSIGN_OR_RETURN(std::string format, StringField(*j, "format", where));
      if (format != kBundleFormat) {
        return InvalidArgumentError(where + ": not a " +
                                    std::string(kBundleFormat) + " bundle");
      }
      BundleHeader h;
      CN_ASSIGN_OR_RETURN(h.origin, StringField(*j, "origin", where));
      CN_ASSIGN_OR_RETURN(h.verifier_key,
                          StringField(*j, "verifier_key", where));
      CN_ASSIGN_OR_RETURN(h.checkpoint, StringField(*j, "checkpoint", where));
      CN_RETURN_IF_ERROR(on_header(h));
      have_header = true;
      continue;
    }
    auto index = j->find("index");
    if (index == j->end() || !index->is_number_unsigned()) {
      return InvalidArgumentError(where + ": \"index\" missing");
    }
    CN_ASSIGN_OR_RETURN(std::string b64, StringField(*j, "bytes", where));
    CN_ASSIGN_OR_RETURN(std::string sig64, StringField(*j, "signature", where));
    StatusOr<std::string> bytes = Base64Decode(b64);
    StatusOr<std::string> sig = Base64Decode(sig64);
    if (!bytes.ok() || !sig.ok()) {
      return InvalidArgumentError(where + ": bytes or signature not base64");
    }
    CN_RETURN_IF_ERROR(on_entry(index->get<uint64_t>(), *bytes, *sig));
  }
  if (!have_header) return InvalidArgumentError("bundle: empty file");
  return OkStatus();
}

}  // namespace creditnode::node
