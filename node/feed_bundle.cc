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

StatusOr<BundleHeader> ParseBundleHeader(std::string_view line) {
  const std::string where = "bundle line 1";
  StatusOr<nlohmann::json> j = ledger::ParseJson(line);
  if (!j.ok()) return j.status().WithPrefix(where);
  if (!j->is_object()) return InvalidArgumentError(where + ": not an object");
  CN_ASSIGN_OR_RETURN(std::string format, StringField(*j, "format", where));
  if (format != kBundleFormat) {
    return InvalidArgumentError(where + ": not a " +
                                std::string(kBundleFormat) + " bundle");
  }
  BundleHeader h;
  CN_ASSIGN_OR_RETURN(h.origin, StringField(*j, "origin", where));
  CN_ASSIGN_OR_RETURN(h.verifier_key, StringField(*j, "verifier_key", where));
  CN_ASSIGN_OR_RETURN(h.checkpoint, StringField(*j, "checkpoint", where));
  return h;
}

Status ParseBundleEntry(std::string_view line, uint64_t line_no,
                        uint64_t* index, std::string* bytes,
                        std::string* signature) {
  // The location string is built only on error: nothing per line else.
  auto where = [line_no] { return "bundle line " + std::to_string(line_no); };
  StatusOr<nlohmann::json> j = ledger::ParseJson(line);
  if (!j.ok()) return j.status().WithPrefix(where());
  if (!j->is_object()) return InvalidArgumentError(where() + ": not an object");
  auto i = j->find("index");
  if (i == j->end() || !i->is_number_unsigned()) {
    return InvalidArgumentError(where() + ": \"index\" missing");
  }
  auto b = j->find("bytes");
  auto s = j->find("signature");
  if (b == j->end() || !b->is_string() || s == j->end() || !s->is_string()) {
    return InvalidArgumentError(where() +
                                ": \"bytes\" or \"signature\" missing");
  }
  StatusOr<std::string> raw_bytes =
      Base64Decode(b->get_ref<const std::string&>());
  StatusOr<std::string> raw_sig =
      Base64Decode(s->get_ref<const std::string&>());
  if (!raw_bytes.ok() || !raw_sig.ok()) {
    return InvalidArgumentError(where() + ": bytes or signature not base64");
  }
  *index = i->get<uint64_t>();
  *bytes = *std::move(raw_bytes);
  *signature = *std::move(raw_sig);
  return OkStatus();
}

}  // namespace creditnode::node
